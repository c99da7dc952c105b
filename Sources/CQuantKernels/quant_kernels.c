// Quantised matrix products for the model forward passes: decoding one token reads every weight
// once, so keeping SmolLM2's Q4_1 blocks (0.625 bytes per weight) instead of Float32 (4 bytes)
// is what makes it fast. One binary for all x86-64 CPUs: the AVX2 path is chosen at run time.
#include "quant_kernels.h"
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, mant = h & 0x3FF, bits;
    if (exp == 0) {
        float v = (float)mant * (1.0f / 16777216.0f);
        return sign ? -v : v;
    }
    if (exp == 31) bits = sign | 0x7F800000 | (mant << 13);
    else bits = sign | ((exp + 112) << 23) | (mant << 13);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static uint16_t load16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

// Dequantises one block of 32 weights into out.
static void block_dequant(int type, const uint8_t *b, float *out) {
    if (type == 3) {
        float d = half_to_float(load16(b)), m = half_to_float(load16(b + 2));
        for (int j = 0; j < 16; j++) {
            out[j] = d * (float)(b[4 + j] & 0xF) + m;
            out[j + 16] = d * (float)(b[4 + j] >> 4) + m;
        }
    } else {
        float d = half_to_float(load16(b));
        for (int j = 0; j < 32; j++) out[j] = d * (float)(int8_t)b[2 + j];
    }
}

static void matmul_generic(int type, const uint8_t *w, int rows, int cols, const float *x, int t, float *y) {
    int nb = cols / 32, bs = type == 3 ? 20 : 34;
    float blk[32];
    for (int r = 0; r < rows; r++) {
        for (int i = 0; i < t; i++) y[(size_t)i * rows + r] = 0;
        for (int b = 0; b < nb; b++) {
            block_dequant(type, w + ((size_t)r * nb + b) * bs, blk);
            for (int i = 0; i < t; i++) {
                const float *xb = x + (size_t)i * cols + b * 32;
                float s = 0;
                for (int j = 0; j < 32; j++) s += blk[j] * xb[j];
                y[(size_t)i * rows + r] += s;
            }
        }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma,f16c")))
static inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

// One input row (a decoding step). Q4_1: Σ_j (d·q_j + m)·x_j = d·Σ q_j·x_j + m·Σ x_j, with the
// block sums of x computed once per call, so each block costs four FMAs on the raw nibbles plus
// one scaled accumulate. Independent accumulators keep the FMA latency chain short.
__attribute__((target("avx2,fma,f16c")))
static void matvec_avx2(int type, const uint8_t *w, int rows, int cols, const float *x, float *y) {
    int nb = cols / 32, bs = type == 3 ? 20 : 34;
    const __m128i low4 = _mm_set1_epi8(0xF);
    float xsum_stack[256];
    float *xsum = nb <= 256 ? xsum_stack : (float *)malloc(sizeof(float) * nb);
    for (int b = 0; b < nb; b++) {
        float s = 0;
        for (int j = 0; j < 32; j++) s += x[b * 32 + j];
        xsum[b] = s;
    }
    for (int r = 0; r < rows; r++) {
        __m256 acc = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps();
        float msum = 0;
        const uint8_t *row = w + (size_t)r * nb * bs;
        for (int b = 0; b < nb; b++) {
            const uint8_t *blk = row + (size_t)b * bs;
            const float *xb = x + b * 32;
            __m256 f0, f1, f2, f3, d;
            if (type == 3) {
                d = _mm256_set1_ps(_cvtsh_ss(load16(blk)));
                msum += _cvtsh_ss(load16(blk + 2)) * xsum[b];
                __m128i q = _mm_loadu_si128((const __m128i *)(blk + 4));
                __m128i lo = _mm_and_si128(q, low4), hi = _mm_and_si128(_mm_srli_epi16(q, 4), low4);
                f0 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(lo));
                f1 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(lo, 8)));
                f2 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(hi));
                f3 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(hi, 8)));
            } else {
                d = _mm256_set1_ps(_cvtsh_ss(load16(blk)));
                __m128i q0 = _mm_loadu_si128((const __m128i *)(blk + 2)), q1 = _mm_loadu_si128((const __m128i *)(blk + 18));
                f0 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q0));
                f1 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q0, 8)));
                f2 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q1));
                f3 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q1, 8)));
            }
            __m256 s0 = _mm256_mul_ps(f0, _mm256_loadu_ps(xb));
            __m256 s1 = _mm256_mul_ps(f1, _mm256_loadu_ps(xb + 8));
            s0 = _mm256_fmadd_ps(f2, _mm256_loadu_ps(xb + 16), s0);
            s1 = _mm256_fmadd_ps(f3, _mm256_loadu_ps(xb + 24), s1);
            if (b & 1) acc2 = _mm256_fmadd_ps(d, _mm256_add_ps(s0, s1), acc2);
            else acc = _mm256_fmadd_ps(d, _mm256_add_ps(s0, s1), acc);
        }
        y[r] = hsum(_mm256_add_ps(acc, acc2)) + msum;
    }
    if (xsum != xsum_stack) free(xsum);
}

// Up to 8 input rows at a time share each dequantised block (loaded once, used T times).
__attribute__((target("avx2,fma,f16c")))
static void matmul_avx2(int type, const uint8_t *w, int rows, int cols, const float *x, int t, float *y) {
    int nb = cols / 32, bs = type == 3 ? 20 : 34;
    const __m128i low4 = _mm_set1_epi8(0xF);
    for (int i0 = 0; i0 < t; i0 += 8) {
        int ti = t - i0 < 8 ? t - i0 : 8;
        for (int r = 0; r < rows; r++) {
            __m256 acc[8];
            for (int i = 0; i < ti; i++) acc[i] = _mm256_setzero_ps();
            const uint8_t *row = w + (size_t)r * nb * bs;
            for (int b = 0; b < nb; b++) {
                const uint8_t *blk = row + (size_t)b * bs;
                __m256 f0, f1, f2, f3;
                if (type == 3) {
                    __m256 d = _mm256_set1_ps(_cvtsh_ss(load16(blk))), m = _mm256_set1_ps(_cvtsh_ss(load16(blk + 2)));
                    __m128i q = _mm_loadu_si128((const __m128i *)(blk + 4));
                    __m128i lo = _mm_and_si128(q, low4), hi = _mm_and_si128(_mm_srli_epi16(q, 4), low4);
                    f0 = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(lo)), m);
                    f1 = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(lo, 8))), m);
                    f2 = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(hi)), m);
                    f3 = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(hi, 8))), m);
                } else {
                    __m256 d = _mm256_set1_ps(_cvtsh_ss(load16(blk)));
                    __m128i q0 = _mm_loadu_si128((const __m128i *)(blk + 2)), q1 = _mm_loadu_si128((const __m128i *)(blk + 18));
                    f0 = _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q0)));
                    f1 = _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q0, 8))));
                    f2 = _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q1)));
                    f3 = _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q1, 8))));
                }
                for (int i = 0; i < ti; i++) {
                    const float *xb = x + (size_t)(i0 + i) * cols + b * 32;
                    __m256 a = acc[i];
                    a = _mm256_fmadd_ps(f0, _mm256_loadu_ps(xb), a);
                    a = _mm256_fmadd_ps(f1, _mm256_loadu_ps(xb + 8), a);
                    a = _mm256_fmadd_ps(f2, _mm256_loadu_ps(xb + 16), a);
                    a = _mm256_fmadd_ps(f3, _mm256_loadu_ps(xb + 24), a);
                    acc[i] = a;
                }
            }
            for (int i = 0; i < ti; i++) y[(size_t)(i0 + i) * rows + r] = hsum(acc[i]);
        }
    }
}
#endif

int attn_quant_has_avx2(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
#else
    return 0;
#endif
}

int attn_quant_matmul(int type, const uint8_t *w, int rows, int cols, const float *x, int t, float *y) {
    if ((type != 3 && type != 8) || cols % 32 != 0 || rows < 0 || t < 0) return -1;
#if defined(__x86_64__)
    static int avx2 = -1;
    if (avx2 < 0) avx2 = attn_quant_has_avx2();
    if (avx2 && t == 1) { matvec_avx2(type, w, rows, cols, x, y); return 0; }
    if (avx2) { matmul_avx2(type, w, rows, cols, x, t, y); return 0; }
#endif
    matmul_generic(type, w, rows, cols, x, t, y);
    return 0;
}
