// Macros the tiled path's loops share (tile_products.inc, fused_tile.inc), over the V of a vec_*.h.
#ifndef ATTN_TILE_MACROS_H
#define ATTN_TILE_MACROS_H
#define INLINE __attribute__((always_inline)) static inline
#define UNROLL _Pragma("clang loop unroll(full)")
#define PANEL (2 * W)   // keys per packed panel: two vectors

/// Calls F(k) for k = mr, a row count from 1 to 12 that is at most `max` (a compile-time constant):
/// each case is a block with a fixed number of rows, unrolled and kept in registers.
#define ROW_CASE(k, max, F) case k: if (k <= max) { F(k); } break;
#define ROW_CASES(mr, max, F) switch (mr) { \
    ROW_CASE(1, max, F) ROW_CASE(2, max, F) ROW_CASE(3, max, F) ROW_CASE(4, max, F) ROW_CASE(5, max, F) \
    ROW_CASE(6, max, F) ROW_CASE(7, max, F) ROW_CASE(8, max, F) ROW_CASE(9, max, F) ROW_CASE(10, max, F) \
    ROW_CASE(11, max, F) ROW_CASE(12, max, F) default: break; }
#endif
