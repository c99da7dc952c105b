#ifndef ATTN_CATTENTIONKERNELS_H
#define ATTN_CATTENTIONKERNELS_H
// The kernel's C parts. The tiled attention path: its two tile products and its online-softmax
// step, in C so that each can be compiled for AVX-512, AVX2+FMA, SSE2 (baseline x86-64) and plain C
// in one binary, the variant chosen at run time (dispatch.c; the variants are isa_*.c). Beside them,
// the input check every operation makes (finite.c) and the choice of OpenBLAS's kernels where
// OpenBLAS does not know the CPU (blas_core.c).

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

/// One key tile's online-softmax step (pass 2 of the tiled kernel), for `rows` query rows.
///
/// tile is (rows, cols) with row stride `cols`: scores on entry, in base-2 units (S₂ = S·log₂e, the
/// scale attn_scores was given times log₂e), probabilities P on return. Row r takes part with its
/// first valid(r) columns, valid(r) = min(cols, first_valid + r) when `causal`, else cols; the rest
/// of the row is set to 0. For each row with valid(r) > 0, with m in the same base-2 units:
///   m' = max(m[r], max_j S₂[r][j]),  c = 2^(m[r] − m'),  P[r][j] = 2^(S₂[r][j] − m') = e^(S − m'·ln2),
///   l[r] = l[r]·c + Σ_j P[r][j],  m[r] = m',  out[r][0..<dv] *= c   (out has row stride ldo)
void attn_softmax_tile(float *tile, long rows, long cols, long first_valid, int causal,
                       float *m, float *l, float *out, long ldo, long dv);

/// Key panel width of attn_pack_keys in the widest variant (AVX-512: two vectors of 16): key tiles
/// that start at a multiple of it start on a panel in every variant.
#define ATTN_KEY_PANEL 32

/// Floats attn_pack_keys writes for `cols` keys of width d, in any variant: ⌈cols/32⌉·32·d.
long attn_packed_keys_floats(long cols, long d);

/// Packs k (cols, d) with row stride ldk for attn_scores: panels of Kᵀ (d, 2 vectors of keys),
/// zero-padded. Pack with the variant that then computes the scores.
void attn_pack_keys(const float *k, long ldk, long cols, long d, float *packed);

/// Packs q (rows, d) with row stride ldq for attn_scores, in blocks of the variant's register rows.
/// rows·d floats.
void attn_pack_queries(const float *q, long ldq, long rows, long d, float *packed);

/// Pass 1 of the tiled kernel: s (rows, cols), row stride lds, = scale · q·kᵀ, q from
/// attn_pack_queries, `packed` the keys from attn_pack_keys starting at this tile's first key (a
/// multiple of ATTN_KEY_PANEL). With `causal`, row r needs only its first first_valid + r entries:
/// others may be left unwritten (attn_softmax_tile zeroes them). Both packings must come from the
/// variant in use, as must this call.
void attn_scores(const float *q, long rows, const float *packed, long cols, long d,
                 float scale, long first_valid, int causal, float *s, long lds);

/// Lanes of the widest variant's vector (AVX-512: 16 floats).
#define ATTN_MAX_LANES 16

/// Floats of `work` that attn_scores_softmax needs for `rows` query rows: rows·(ATTN_MAX_LANES + 1).
long attn_scores_softmax_work_floats(long rows);

/// Passes 1 and 2 of the tiled kernel in one (fused_tile.inc), for a tile that no mask reaches into
/// and whose rows have all seen keys already (every m[r] finite): s (rows, cols), row stride cols,
/// gets P = 2^(S₂ − m[r]) with S₂ = scale·q·kᵀ as attn_scores computes it and m[r] the row's max
/// so far, *not* raised by this tile; l[r] += Σ_j P[r][j]; m and out are left as they are. That is
/// the online softmax with a lazy max: O/l comes out the same, as long as O and l share m. But for
/// any block of the products' rows where some S₂ − m > 8, the block is recomputed the exact way
/// (attn_scores, then attn_softmax_tile: m raised, l and out rescaled), so that P ≤ 2⁸ everywhere.
/// q and packed as for attn_scores; cols a multiple of ATTN_KEY_PANEL; out (rows, dv), row stride
/// ldo; work holds attn_scores_softmax_work_floats(rows) floats.
void attn_scores_softmax(const float *q, long rows, const float *packed, long cols, long d, float scale,
                         float *m, float *l, float *s, float *out, long ldo, long dv, float *work);

/// Pass 3 of the tiled kernel: out (rows, dv), row stride ldo, += p·v with p (rows, cols), row stride
/// ldp, and v (cols, dv), row stride ldv. With `causal`, p's row r is 0 past its first
/// first_valid + r entries, and those are not read.
void attn_pv(const float *p, long ldp, long rows, long cols, long first_valid, int causal,
             const float *v, long ldv, long dv, float *out, long ldo);

/// x[i] ← 2^(x[i]) for i < n, as the tile step computes it (for tests of that exp itself).
void attn_exp2_inplace(float *x, long n);

/// The index of the first non-finite value (±∞, NaN) among x[0..<n], or −1 when all are finite.
long attn_first_non_finite(const float *x, long n);

/// The core OpenBLAS detected by itself when attn chose another at load (see blas_core.c), else NULL.
const char *attn_blas_core_replaced(void);

/// Returns *counter and adds 1, atomically: how the worker threads take the next unit of work.
static inline long attn_next_work_item(long *counter) {
    return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif
#endif
