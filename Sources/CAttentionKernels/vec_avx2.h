// The vector operations for AVX2 + FMA, 8 floats (see vec_scalar.h for the list).
#include <immintrin.h>
#include "transpose_lanes.h"

#define TARGET __attribute__((target("avx2,fma")))
TARGET static inline __m256i avx2_lane_mask(long n) {
    // lanes 0..<n set: compare the lane numbers with n
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
TARGET static inline __m256 avx2_load_n(const float *p, long n, float fill) {
    __m256i mask = avx2_lane_mask(n);
    return _mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, mask), _mm256_castsi256_ps(mask));
}
TARGET static inline float avx2_hmax(__m256 v) {
    __m128 x = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    x = _mm_max_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}
TARGET static inline float avx2_hsum(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}
/// r[0..<8] as the rows of an 8×8 matrix, transposed in place: within each 128-bit half as for
/// AVX-512 (transpose_lanes.h), then the halves swapped across rows 4 apart.
TARGET static inline void avx2_transpose(__m256 r[8]) {
    __m256 u[8];
    TRANSPOSE_WITHIN_LANES(_mm256, __m256, 8, r, u);
    for (int k = 0; k < 4; k++) {
        r[k] = _mm256_permute2f128_ps(u[k], u[4 + k], 0x20);
        r[4 + k] = _mm256_permute2f128_ps(u[k], u[4 + k], 0x31);
    }
}
#define V __m256
#define M __m256
#define W 8
#define SUFFIX avx2
// 16 ymm registers: 6×2 score accumulators + 2 key vectors + 1 broadcast; 6×2 output accumulators
#define SCORE_ROWS 6
#define PV_ROWS 6
#define PV_VECTORS 2
#define V_SET(x) _mm256_set1_ps(x)
#define V_LOAD(p) _mm256_loadu_ps(p)
#define V_STORE(p, v) _mm256_storeu_ps((p), (v))
#define V_LOAD_N(p, n, fill) avx2_load_n((p), (n), (fill))
#define V_STORE_N(p, v, n) _mm256_maskstore_ps((p), avx2_lane_mask(n), (v))
#define V_ADD(a, b) _mm256_add_ps((a), (b))
#define V_SUB(a, b) _mm256_sub_ps((a), (b))
#define V_MUL(a, b) _mm256_mul_ps((a), (b))
#define V_FMA(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#define V_MAX(a, b) _mm256_max_ps((a), (b))
#define V_GE(a, b) _mm256_cmp_ps((a), (b), _CMP_GE_OQ)
#define V_ANY_GT(a, b) (_mm256_movemask_ps(_mm256_cmp_ps((a), (b), _CMP_GT_OQ)) != 0)
#define V_KEEP(v, mask) _mm256_and_ps((mask), (v))
#define V_ROUND(x) _mm256_round_ps((x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define V_POW2(n) _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23))
#define V_HMAX(v) avx2_hmax(v)
#define V_HSUM(v) avx2_hsum(v)
#define V_FIRST(v) _mm256_cvtss_f32(v)
#define V_TRANSPOSE(r) avx2_transpose(r)
