// The per-instruction-set variants behind dispatch.c (internal to this target).
#ifndef ATTN_SOFTMAX_TILE_H
#define ATTN_SOFTMAX_TILE_H
#define ATTN_TILE_ARGS float *tile, long rows, long cols, long first_valid, int causal, \
                       float *m, float *l, float *out, long ldo, long dv
void attn_softmax_tile_scalar(ATTN_TILE_ARGS);
void attn_exp_inplace_scalar(float *x, long n);
#if defined(__x86_64__)
void attn_softmax_tile_sse2(ATTN_TILE_ARGS);
void attn_exp_inplace_sse2(float *x, long n);
void attn_softmax_tile_avx2(ATTN_TILE_ARGS);
void attn_exp_inplace_avx2(float *x, long n);
void attn_softmax_tile_avx512(ATTN_TILE_ARGS);
void attn_exp_inplace_avx512(float *x, long n);
#endif
#if defined(__x86_64__)
// tile_products.c
void attn_pack_keys_avx2(const float *k, long ldk, long cols, long d, float *packed);
void attn_scores_avx2(const float *q, long ldq, long rows, const float *packed, long cols, long d,
                      float scale, float *s, long lds);
#endif
#endif
