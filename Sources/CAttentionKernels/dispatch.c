// Chooses the tile step's variant once, from what the CPU supports and ATTN_KERNEL_ISA.
#include <stdlib.h>
#include <string.h>
#include "CAttentionKernels.h"
#include "softmax_tile.h"

attn_isa attn_isa_best(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return ATTN_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return ATTN_ISA_AVX2;
    return ATTN_ISA_BASELINE;
#else
    return ATTN_ISA_SCALAR;
#endif
}

// −1 until first use. Relaxed atomics: every thread that races on the first call computes the same value.
static int chosen = -1;

static attn_isa clamp(attn_isa wanted) {
    attn_isa best = attn_isa_best();
    return wanted < best ? wanted : best;
}

attn_isa attn_isa_current(void) {
    int isa = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (isa >= 0) return (attn_isa)isa;
    attn_isa pick = attn_isa_best();
    const char *env = getenv("ATTN_KERNEL_ISA");
    if (env && strcmp(env, "scalar") == 0) pick = clamp(ATTN_ISA_SCALAR);
    if (env && strcmp(env, "baseline") == 0) pick = clamp(ATTN_ISA_BASELINE);
    if (env && strcmp(env, "avx2") == 0) pick = clamp(ATTN_ISA_AVX2);
    if (env && strcmp(env, "avx512") == 0) pick = clamp(ATTN_ISA_AVX512);
    __atomic_store_n(&chosen, (int)pick, __ATOMIC_RELAXED);
    return pick;
}

attn_isa attn_isa_force(attn_isa isa) {
    attn_isa pick = clamp(isa);
    __atomic_store_n(&chosen, (int)pick, __ATOMIC_RELAXED);
    return pick;
}

void attn_softmax_tile(ATTN_TILE_ARGS) {
    switch (attn_isa_current()) {
#if defined(__x86_64__)
    case ATTN_ISA_AVX512: attn_softmax_tile_avx512(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv); return;
    case ATTN_ISA_AVX2: attn_softmax_tile_avx2(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv); return;
    case ATTN_ISA_BASELINE: attn_softmax_tile_sse2(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv); return;
#endif
    default: attn_softmax_tile_scalar(tile, rows, cols, first_valid, causal, m, l, out, ldo, dv); return;
    }
}

void attn_exp_inplace(float *x, long n) {
    switch (attn_isa_current()) {
#if defined(__x86_64__)
    case ATTN_ISA_AVX512: attn_exp_inplace_avx512(x, n); return;
    case ATTN_ISA_AVX2: attn_exp_inplace_avx2(x, n); return;
    case ATTN_ISA_BASELINE: attn_exp_inplace_sse2(x, n); return;
#endif
    default: attn_exp_inplace_scalar(x, n); return;
    }
}

int attn_has_scores_kernel(void) {
#if defined(__x86_64__)
    return attn_isa_current() == ATTN_ISA_AVX2;
#else
    return 0;
#endif
}

long attn_packed_keys_floats(long cols, long d) { return (cols + 15) / 16 * 16 * d; }

void attn_pack_keys(const float *k, long ldk, long cols, long d, float *packed) {
#if defined(__x86_64__)
    attn_pack_keys_avx2(k, ldk, cols, d, packed);
#else
    (void)k; (void)ldk; (void)cols; (void)d; (void)packed;
#endif
}

void attn_scores(const float *q, long ldq, long rows, const float *packed, long cols, long d,
                 float scale, float *s, long lds) {
#if defined(__x86_64__)
    attn_scores_avx2(q, ldq, rows, packed, cols, d, scale, s, lds);
#else
    (void)q; (void)ldq; (void)rows; (void)packed; (void)cols; (void)d; (void)scale; (void)s; (void)lds;
#endif
}
