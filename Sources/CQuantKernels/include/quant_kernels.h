#ifndef ATTN_QUANT_KERNELS_H
#define ATTN_QUANT_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/// Y (T, rows) = X (T, cols) · Wᵀ for W (rows, cols) stored as ggml blocks of 32 weights.
/// type: 3 = Q4_1 (20-byte blocks), 8 = Q8_0 (34-byte blocks). Each block is dequantised exactly
/// as ggml does (Q4_1: d·q + m; Q8_0: d·q) and then dotted with X in float32.
/// Returns 0, or -1 for an unsupported type or a column count that is not a multiple of 32.
int attn_quant_matmul(int type, const uint8_t *w, int rows, int cols, const float *x, int t, float *y);

/// 1 when the AVX2/FMA/F16C path is in use on this CPU.
int attn_quant_has_avx2(void);
#endif
