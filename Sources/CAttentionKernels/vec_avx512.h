// The vector operations for AVX-512F, 16 floats (see vec_scalar.h for the list).
#include <immintrin.h>
#include "transpose_lanes.h"

#define TARGET __attribute__((target("avx512f")))
TARGET static inline __mmask16 avx512_lane_mask(long n) { return (__mmask16)((1u << n) - 1u); }
/// r[0..<16] as the rows of a 16×16 matrix, transposed in place: within each 128-bit lane as for
/// AVX2 (transpose_lanes.h), then the lanes themselves transposed across rows 4 apart.
TARGET static inline void avx512_transpose(__m512 r[16]) {
    __m512 u[16];
    TRANSPOSE_WITHIN_LANES(_mm512, __m512, 16, r, u);
    // row 4L + k of the result takes lane L of u[k], u[4 + k], u[8 + k], u[12 + k]
    for (int k = 0; k < 4; k++) {
        __m512 x0 = _mm512_shuffle_f32x4(u[k], u[4 + k], 0x44), x1 = _mm512_shuffle_f32x4(u[k], u[4 + k], 0xEE);
        __m512 y0 = _mm512_shuffle_f32x4(u[8 + k], u[12 + k], 0x44), y1 = _mm512_shuffle_f32x4(u[8 + k], u[12 + k], 0xEE);
        r[k] = _mm512_shuffle_f32x4(x0, y0, 0x88);
        r[4 + k] = _mm512_shuffle_f32x4(x0, y0, 0xDD);
        r[8 + k] = _mm512_shuffle_f32x4(x1, y1, 0x88);
        r[12 + k] = _mm512_shuffle_f32x4(x1, y1, 0xDD);
    }
}
#define V __m512
#define M __mmask16
#define W 16
#define SUFFIX avx512
// 32 zmm registers: 12×2 score accumulators + 2 key vectors + 1 broadcast; 6×4 output accumulators
// (64 columns, a whole d = 64 row) + 4 value vectors + 1 broadcast
#define SCORE_ROWS 12
#define PV_ROWS 6
#define PV_VECTORS 4
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
#define V_GE(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_GE_OQ)
#define V_ANY_GT(a, b) (_mm512_cmp_ps_mask((a), (b), _CMP_GT_OQ) != 0)
#define V_KEEP(v, mask) _mm512_maskz_mov_ps((mask), (v))
// round to nearest by adding and subtracting 1.5·2²³ (exact for |x| < 2²²): two single-uop
// additions where vrndscaleps is two uops on one port
#define V_ROUND(x) _mm512_sub_ps(_mm512_add_ps((x), _mm512_set1_ps(12582912.0f)), _mm512_set1_ps(12582912.0f))
#define V_POW2(n) _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23))
// v·2ⁿ in one instruction, lanes outside `keep` zeroed by the same instruction
#define V_SCALEF(v, n, keep) _mm512_maskz_scalef_ps((keep), (v), (n))
#define V_HMAX(v) _mm512_reduce_max_ps(v)
#define V_HSUM(v) _mm512_reduce_add_ps(v)
#define V_FIRST(v) _mm512_cvtss_f32(v)
#define V_TRANSPOSE(r) avx512_transpose(r)
