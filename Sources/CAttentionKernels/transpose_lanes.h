// The first two steps of a W×W transpose on vectors made of 128-bit lanes (AVX2's 8 floats,
// AVX-512's 16), the same for both: within each lane, rows interleaved in pairs, then pairs of
// pairs. After it u[4g + k], lane L, holds column 4L + k of rows 4g ..< 4g + 4 — every 4×4 block
// transposed in place — and what is left is to move lanes across rows 4 apart, which vec_avx2.h
// and vec_avx512.h each do with their own instructions. P is the intrinsics' prefix (_mm256,
// _mm512), VT the vector type, N the number of rows (8 or 16).
#ifndef ATTN_TRANSPOSE_LANES_H
#define ATTN_TRANSPOSE_LANES_H
#define TRANSPOSE_WITHIN_LANES(P, VT, N, r, u) do { \
    VT t_[N]; \
    for (int i_ = 0; i_ < (N) / 2; i_++) { \
        t_[2 * i_] = P##_unpacklo_ps((r)[2 * i_], (r)[2 * i_ + 1]); \
        t_[2 * i_ + 1] = P##_unpackhi_ps((r)[2 * i_], (r)[2 * i_ + 1]); \
    } \
    for (int g_ = 0; g_ < (N) / 4; g_++) { \
        (u)[4 * g_] = P##_shuffle_ps(t_[4 * g_], t_[4 * g_ + 2], _MM_SHUFFLE(1, 0, 1, 0)); \
        (u)[4 * g_ + 1] = P##_shuffle_ps(t_[4 * g_], t_[4 * g_ + 2], _MM_SHUFFLE(3, 2, 3, 2)); \
        (u)[4 * g_ + 2] = P##_shuffle_ps(t_[4 * g_ + 1], t_[4 * g_ + 3], _MM_SHUFFLE(1, 0, 1, 0)); \
        (u)[4 * g_ + 3] = P##_shuffle_ps(t_[4 * g_ + 1], t_[4 * g_ + 3], _MM_SHUFFLE(3, 2, 3, 2)); \
    } \
} while (0)
#endif
