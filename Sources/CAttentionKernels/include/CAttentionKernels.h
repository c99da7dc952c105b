#ifndef ATTN_CATTENTIONKERNELS_H
#define ATTN_CATTENTIONKERNELS_H
// The tiled attention path's inner loops, in C so that each can be compiled for AVX-512, AVX2+FMA,
// SSE2 (baseline x86-64) and plain C in one binary, the variant chosen at run time (see dispatch.c).

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels of the kernels, lowest first.
typedef enum {
    ATTN_ISA_SCALAR = 0,    ///< plain C, one float at a time: any CPU
    ATTN_ISA_BASELINE = 1,  ///< SSE2, 4 floats per vector: every x86-64 (elsewhere the same as scalar)
    ATTN_ISA_AVX2 = 2,      ///< AVX2 + FMA, 8 floats per vector
    ATTN_ISA_AVX512 = 3,    ///< AVX-512F, 16 floats per vector
} attn_isa;

/// The best level this CPU supports.
attn_isa attn_isa_best(void);

/// The level in use: the best one, or ATTN_KERNEL_ISA=scalar|baseline|avx2|avx512 from the environment
/// (clamped to what the CPU supports), or what attn_isa_force chose.
attn_isa attn_isa_current(void);

/// Uses `isa` from now on, clamped to what the CPU supports; returns the level actually in use.
/// For tests and benchmarks of the fallback paths.
attn_isa attn_isa_force(attn_isa isa);

/// One key tile's online-softmax step (passes 2 of the tiled kernel), for `rows` query rows.
///
/// tile is (rows, cols) with row stride `cols`: scores S on entry, probabilities P on return.
/// Row r takes part with its first valid(r) columns, valid(r) = min(cols, first_valid + r) when
/// `causal`, else cols; the rest of the row is set to 0. For each row with valid(r) > 0:
///   m' = max(m[r], max_j S[r][j]),  c = e^(m[r] − m'),  P[r][j] = e^(S[r][j] − m'),
///   l[r] = l[r]·c + Σ_j P[r][j],  m[r] = m',  out[r][0..<dv] *= c   (out has row stride ldo)
void attn_softmax_tile(float *tile, long rows, long cols, long first_valid, int causal,
                       float *m, float *l, float *out, long ldo, long dv);

/// Whether the variant in use has its own kernel for S = Q·Kᵀ (AVX2 does: OpenBLAS's AVX2 sgemm is
/// slow on depth-64 tiles; AVX-512, SSE2 and scalar leave the product to sgemm).
int attn_has_scores_kernel(void);

/// Floats attn_pack_keys writes for `cols` keys of width d: ⌈cols/16⌉·16·d.
long attn_packed_keys_floats(long cols, long d);

/// Packs k (cols, d) with row stride ldk for attn_scores: 16-key panels of Kᵀ, zero-padded.
void attn_pack_keys(const float *k, long ldk, long cols, long d, float *packed);

/// Pass 1 of the tiled kernel with the variant's own micro-kernel: s (rows, cols), row stride lds,
/// = scale · q·kᵀ, q (rows, d) with row stride ldq, k as packed by attn_pack_keys.
/// Only when attn_has_scores_kernel() says so.
void attn_scores(const float *q, long ldq, long rows, const float *packed, long cols, long d,
                 float scale, float *s, long lds);

/// x[i] ← e^(x[i]) for i < n, with the kernels' polynomial (for tests of the exp itself).
void attn_exp_inplace(float *x, long n);

/// Returns *counter and adds 1, atomically: how the worker threads take the next unit of work.
static inline long attn_next_work_item(long *counter) {
    return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif
#endif
