// The tiled path's inner loops for the sse2 variant: softmax_tile.inc, tile_products.inc and
// fused_tile.inc over vec_sse2.h's vectors (dispatch.c picks a variant at run time).
#if defined(__x86_64__)
#include "variants.h"
#include "vec_sse2.h"
#include "softmax_tile.inc"
#include "tile_products.inc"
#include "fused_tile.inc"
#endif
