// The per-instruction-set variants behind dispatch.c (internal to this target): each isa_*.c
// defines one set, named by its suffix.
#ifndef ATTN_VARIANTS_H
#define ATTN_VARIANTS_H
#include <string.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

#define ATTN_TILE_ARGS float *tile, long rows, long cols, long first_valid, int causal, \
                       float *m, float *l, float *out, long ldo, long dv
#define ATTN_PACK_ARGS const float *k, long ldk, long cols, long d, float *packed
#define ATTN_PACKQ_ARGS const float *q, long ldq, long rows, long d, float *packed
#define ATTN_SCORES_ARGS const float *q, long rows, const float *packed, long cols, long d, \
                         float scale, long first_valid, int causal, float *s, long lds
#define ATTN_FUSED_ARGS const float *q, long rows, const float *packed, long cols, long d, float scale, \
                        float *m, float *l, float *s, float *out, long ldo, long dv, float *work
#define ATTN_PV_ARGS const float *p, long ldp, long rows, long cols, long first_valid, int causal, \
                     const float *v, long ldv, long dv, float *out, long ldo

#define ATTN_DECLARE_VARIANT(suffix) \
    void attn_softmax_tile_##suffix(ATTN_TILE_ARGS); \
    void attn_exp2_inplace_##suffix(float *x, long n); \
    void attn_pack_keys_##suffix(ATTN_PACK_ARGS); \
    void attn_pack_queries_##suffix(ATTN_PACKQ_ARGS); \
    void attn_scores_##suffix(ATTN_SCORES_ARGS); \
    void attn_scores_softmax_##suffix(ATTN_FUSED_ARGS); \
    void attn_pv_##suffix(ATTN_PV_ARGS);

ATTN_DECLARE_VARIANT(scalar)
#if defined(__x86_64__)
ATTN_DECLARE_VARIANT(sse2)
ATTN_DECLARE_VARIANT(avx2)
ATTN_DECLARE_VARIANT(avx512)
#endif
#endif
