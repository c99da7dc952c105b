// The vector operations for SSE2, 4 floats: what every x86-64 has (see vec_scalar.h for the list).
#include <immintrin.h>

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
// 16 xmm registers: 6×2 score accumulators + 2 key vectors + 1 broadcast; 6×2 output accumulators
#define SCORE_ROWS 6
#define PV_ROWS 6
#define PV_VECTORS 2
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
#define V_GE(a, b) _mm_cmpge_ps((a), (b))
#define V_ANY_GT(a, b) (_mm_movemask_ps(_mm_cmpgt_ps((a), (b))) != 0)
#define V_KEEP(v, mask) _mm_and_ps((mask), (v))
// round to nearest without SSE4.1: add and subtract 1.5·2²³ (exact for |x| < 2²²)
#define V_ROUND(x) _mm_sub_ps(_mm_add_ps((x), _mm_set1_ps(12582912.0f)), _mm_set1_ps(12582912.0f))
#define V_POW2(n) _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(_mm_cvtps_epi32(n), _mm_set1_epi32(127)), 23))
#define V_HMAX(v) sse2_hmax(v)
#define V_HSUM(v) sse2_hsum(v)
#define V_FIRST(v) _mm_cvtss_f32(v)
// r[0..<4] as the rows of a 4×4 matrix, transposed in place
#define V_TRANSPOSE(r) _MM_TRANSPOSE4_PS((r)[0], (r)[1], (r)[2], (r)[3])

