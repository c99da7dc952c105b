// The tiled path's inner loops for the scalar variant: softmax_tile.inc, tile_products.inc and
// fused_tile.inc over vec_scalar.h's vectors (dispatch.c picks a variant at run time).
#include "variants.h"
#include "vec_scalar.h"
#include "softmax_tile.inc"
#include "tile_products.inc"
#include "fused_tile.inc"
