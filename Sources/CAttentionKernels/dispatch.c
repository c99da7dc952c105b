// Chooses the tiled path's variant once, from what the CPU supports and ATTN_KERNEL_ISA, and calls it.
#include <stdlib.h>
#include <string.h>
#include "CAttentionKernels.h"
#include "variants.h"

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

// Calls attn_<name>_<variant>(args) for the variant in use.
#if defined(__x86_64__)
#define DISPATCH(name, ...) switch (attn_isa_current()) { \
    case ATTN_ISA_AVX512: name##_avx512(__VA_ARGS__); return; \
    case ATTN_ISA_AVX2: name##_avx2(__VA_ARGS__); return; \
    case ATTN_ISA_BASELINE: name##_sse2(__VA_ARGS__); return; \
    default: name##_scalar(__VA_ARGS__); return; }
#else
#define DISPATCH(name, ...) name##_scalar(__VA_ARGS__)
#endif

void attn_softmax_tile(ATTN_TILE_ARGS) {
    DISPATCH(attn_softmax_tile, tile, rows, cols, first_valid, causal, m, l, out, ldo, dv)
}

void attn_exp2_inplace(float *x, long n) { DISPATCH(attn_exp2_inplace, x, n) }

long attn_packed_keys_floats(long cols, long d) { return (cols + ATTN_KEY_PANEL - 1) / ATTN_KEY_PANEL * ATTN_KEY_PANEL * d; }

void attn_pack_keys(ATTN_PACK_ARGS) { DISPATCH(attn_pack_keys, k, ldk, cols, d, packed) }

void attn_pack_queries(ATTN_PACKQ_ARGS) {
    DISPATCH(attn_pack_queries, q, ldq, rows, d, packed)
}

void attn_scores(ATTN_SCORES_ARGS) {
    DISPATCH(attn_scores, q, rows, packed, cols, d, scale, first_valid, causal, s, lds)
}

long attn_scores_softmax_work_floats(long rows) { return rows * (ATTN_MAX_LANES + 1); }

void attn_scores_softmax(ATTN_FUSED_ARGS) {
    DISPATCH(attn_scores_softmax, q, rows, packed, cols, d, scale, m, l, s, out, ldo, dv, work)
}

void attn_pv(ATTN_PV_ARGS) {
    DISPATCH(attn_pv, p, ldp, rows, cols, first_valid, causal, v, ldv, dv, out, ldo)
}
