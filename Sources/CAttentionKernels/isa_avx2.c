// The tiled path's inner loops for the avx2 variant: softmax_tile.inc, tile_products.inc and
// fused_tile.inc over vec_avx2.h's vectors (dispatch.c picks a variant at run time).
#if defined(__x86_64__)
#include "variants.h"
#include "vec_avx2.h"
#include "softmax_tile.inc"
#include "tile_products.inc"
#include "fused_tile.inc"
#endif
