// The online-softmax tile step compiled four times: plain C, SSE2 (x86-64's baseline), AVX2+FMA and
// AVX-512F.
// Each variant is one inclusion of softmax_tile.inc with its own vector operations; dispatch.c
// picks one at run time, so the binary still runs on CPUs without AVX.
#include <stdint.h>
#include <string.h>
#include "softmax_tile.h"

// ---- scalar: one float per "vector", plain C, any CPU -------------------------------------------------
typedef float vscalar;
static inline float scalar_round(float x) {
    // round to nearest by adding and subtracting 1.5·2²³ (|x| < 2²² here); volatile-free because
    // C compilers do not reassociate float additions without -ffast-math
    return (x + 12582912.0f) - 12582912.0f;
}
static inline float scalar_pow2(float n) {
    int32_t bits = ((int32_t)n + 127) << 23;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}
#define V vscalar
#define M int
#define W 1
#define SUFFIX scalar
#define TARGET
#define V_SET(x) ((float)(x))
#define V_LOAD(p) (*(p))
#define V_STORE(p, v) (*(p) = (v))
#define V_LOAD_N(p, n, fill) (*(p))
#define V_STORE_N(p, v, n) (*(p) = (v))
#define V_ADD(a, b) ((a) + (b))
#define V_SUB(a, b) ((a) - (b))
#define V_MUL(a, b) ((a) * (b))
#define V_FMA(a, b, c) ((a) * (b) + (c))
#define V_MAX(a, b) ((a) > (b) ? (a) : (b))
#define V_MIN(a, b) ((a) < (b) ? (a) : (b))
#define V_LT(a, b) ((a) < (b))
#define V_ZERO_WHERE(v, mask) ((mask) ? 0.0f : (v))
#define V_ROUND(x) scalar_round(x)
#define V_POW2(n) scalar_pow2(n)
#define V_HMAX(v) (v)
#define V_HSUM(v) (v)
#define V_FIRST(v) (v)
#include "softmax_tile.inc"
#undef V
#undef M
#undef W
#undef SUFFIX
#undef TARGET
#undef V_SET
#undef V_LOAD
#undef V_STORE
#undef V_LOAD_N
#undef V_STORE_N
#undef V_ADD
#undef V_SUB
#undef V_MUL
#undef V_FMA
#undef V_MAX
#undef V_MIN
#undef V_LT
#undef V_ZERO_WHERE
#undef V_ROUND
#undef V_POW2
#undef V_HMAX
#undef V_HSUM
#undef V_FIRST

void attn_softmax_tile_scalar(float *tile, long rows, long cols, long first_valid, int causal,
                              float *m, float *l, float *out, long ldo, long dv) {
    softmax_tile_scalar(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv);
}
void attn_exp_inplace_scalar(float *x, long n) { exp_inplace_scalar(x, n); }

#if defined(__x86_64__)
#include <immintrin.h>

// ---- SSE2: 4 floats, what every x86-64 has ------------------------------------------------------
static inline __m128 sse2_load_n(const float *p, long n, float fill) {
    float t[4] = {fill, fill, fill, fill};
    for (long i = 0; i < n; i++) t[i] = p[i];
    return _mm_loadu_ps(t);
}
static inline void sse2_store_n(float *p, __m128 v, long n) {
    float t[4];
    _mm_storeu_ps(t, v);
    for (long i = 0; i < n; i++) p[i] = t[i];
}
static inline float sse2_hmax(__m128 x) {
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    return _mm_cvtss_f32(_mm_max_ss(x, _mm_shuffle_ps(x, x, 1)));
}
static inline float sse2_hsum(__m128 x) {
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    return _mm_cvtss_f32(_mm_add_ss(x, _mm_shuffle_ps(x, x, 1)));
}
#define V __m128
#define M __m128
#define W 4
#define SUFFIX sse2
#define TARGET
#define V_SET(x) _mm_set1_ps(x)
#define V_LOAD(p) _mm_loadu_ps(p)
#define V_STORE(p, v) _mm_storeu_ps((p), (v))
#define V_LOAD_N(p, n, fill) sse2_load_n((p), (n), (fill))
#define V_STORE_N(p, v, n) sse2_store_n((p), (v), (n))
#define V_ADD(a, b) _mm_add_ps((a), (b))
#define V_SUB(a, b) _mm_sub_ps((a), (b))
#define V_MUL(a, b) _mm_mul_ps((a), (b))
#define V_FMA(a, b, c) _mm_add_ps(_mm_mul_ps((a), (b)), (c))
#define V_MAX(a, b) _mm_max_ps((a), (b))
#define V_MIN(a, b) _mm_min_ps((a), (b))
#define V_LT(a, b) _mm_cmplt_ps((a), (b))
#define V_ZERO_WHERE(v, mask) _mm_andnot_ps((mask), (v))
// round to nearest without SSE4.1: add and subtract 1.5·2²³ (exact for |x| < 2²²)
#define V_ROUND(x) _mm_sub_ps(_mm_add_ps((x), _mm_set1_ps(12582912.0f)), _mm_set1_ps(12582912.0f))
#define V_POW2(n) _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(_mm_cvtps_epi32(n), _mm_set1_epi32(127)), 23))
#define V_HMAX(v) sse2_hmax(v)
#define V_HSUM(v) sse2_hsum(v)
#define V_FIRST(v) _mm_cvtss_f32(v)
#include "softmax_tile.inc"
#undef V
#undef M
#undef W
#undef SUFFIX
#undef TARGET
#undef V_SET
#undef V_LOAD
#undef V_STORE
#undef V_LOAD_N
#undef V_STORE_N
#undef V_ADD
#undef V_SUB
#undef V_MUL
#undef V_FMA
#undef V_MAX
#undef V_MIN
#undef V_LT
#undef V_ZERO_WHERE
#undef V_ROUND
#undef V_POW2
#undef V_HMAX
#undef V_HSUM
#undef V_FIRST

void attn_softmax_tile_sse2(float *tile, long rows, long cols, long first_valid, int causal,
                            float *m, float *l, float *out, long ldo, long dv) {
    softmax_tile_sse2(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv);
}
void attn_exp_inplace_sse2(float *x, long n) { exp_inplace_sse2(x, n); }

// ---- AVX2 + FMA: 8 floats ----------------------------------------------------------------------
#define AVX2 __attribute__((target("avx2,fma")))
AVX2 static inline __m256i avx2_lane_mask(long n) {
    // lanes 0..<n set: compare the lane numbers with n
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
AVX2 static inline __m256 avx2_load_n(const float *p, long n, float fill) {
    __m256i mask = avx2_lane_mask(n);
    return _mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, mask), _mm256_castsi256_ps(mask));
}
AVX2 static inline float avx2_hmax(__m256 v) {
    __m128 x = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    x = _mm_max_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}
AVX2 static inline float avx2_hsum(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}
#define V __m256
#define M __m256
#define W 8
#define SUFFIX avx2
#define TARGET AVX2
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
#define V_MIN(a, b) _mm256_min_ps((a), (b))
#define V_LT(a, b) _mm256_cmp_ps((a), (b), _CMP_LT_OQ)
#define V_ZERO_WHERE(v, mask) _mm256_andnot_ps((mask), (v))
#define V_ROUND(x) _mm256_round_ps((x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define V_POW2(n) _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23))
#define V_HMAX(v) avx2_hmax(v)
#define V_HSUM(v) avx2_hsum(v)
#define V_FIRST(v) _mm256_cvtss_f32(v)
#include "softmax_tile.inc"
#undef V
#undef M
#undef W
#undef SUFFIX
#undef TARGET
#undef V_SET
#undef V_LOAD
#undef V_STORE
#undef V_LOAD_N
#undef V_STORE_N
#undef V_ADD
#undef V_SUB
#undef V_MUL
#undef V_FMA
#undef V_MAX
#undef V_MIN
#undef V_LT
#undef V_ZERO_WHERE
#undef V_ROUND
#undef V_POW2
#undef V_HMAX
#undef V_HSUM
#undef V_FIRST

AVX2 void attn_softmax_tile_avx2(float *tile, long rows, long cols, long first_valid, int causal,
                                 float *m, float *l, float *out, long ldo, long dv) {
    softmax_tile_avx2(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv);
}
AVX2 void attn_exp_inplace_avx2(float *x, long n) { exp_inplace_avx2(x, n); }

// ---- AVX-512F: 16 floats -----------------------------------------------------------------------
#define AVX512 __attribute__((target("avx512f")))
AVX512 static inline __mmask16 avx512_lane_mask(long n) { return (__mmask16)((1u << n) - 1u); }
#define V __m512
#define M __mmask16
#define W 16
#define SUFFIX avx512
#define TARGET AVX512
#define V_SET(x) _mm512_set1_ps(x)
#define V_LOAD(p) _mm512_loadu_ps(p)
#define V_STORE(p, v) _mm512_storeu_ps((p), (v))
#define V_LOAD_N(p, n, fill) _mm512_mask_loadu_ps(_mm512_set1_ps(fill), avx512_lane_mask(n), (p))
#define V_STORE_N(p, v, n) _mm512_mask_storeu_ps((p), avx512_lane_mask(n), (v))
#define V_ADD(a, b) _mm512_add_ps((a), (b))
#define V_SUB(a, b) _mm512_sub_ps((a), (b))
#define V_MUL(a, b) _mm512_mul_ps((a), (b))
#define V_FMA(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define V_MAX(a, b) _mm512_max_ps((a), (b))
#define V_MIN(a, b) _mm512_min_ps((a), (b))
#define V_LT(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_LT_OQ)
#define V_ZERO_WHERE(v, mask) _mm512_maskz_mov_ps((__mmask16)~(mask), (v))
#define V_ROUND(x) _mm512_roundscale_ps((x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define V_POW2(n) _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23))
#define V_HMAX(v) _mm512_reduce_max_ps(v)
#define V_HSUM(v) _mm512_reduce_add_ps(v)
#define V_FIRST(v) _mm512_cvtss_f32(v)
#include "softmax_tile.inc"

AVX512 void attn_softmax_tile_avx512(float *tile, long rows, long cols, long first_valid, int causal,
                                     float *m, float *l, float *out, long ldo, long dv) {
    softmax_tile_avx512(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv);
}
AVX512 void attn_exp_inplace_avx512(float *x, long n) { exp_inplace_avx512(x, n); }
#endif
