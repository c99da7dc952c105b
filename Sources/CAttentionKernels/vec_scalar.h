// The vector operations for plain C: one float per "vector", any CPU.
// Each isa_*.c includes one vec_*.h, then the algorithms (softmax_tile.inc, tile_products.inc),
// which are written once over V, a vector of W floats. A vec_*.h defines:
//   V, M (a lane mask), W, SUFFIX (names the variant's functions), TARGET (its function attribute),
//   SCORE_ROWS, PV_ROWS, PV_VECTORS (register blocking of the two tile products, see tile_products.inc),
//   and the V_* operations below (V_GE gives a lane mask, V_ANY_GT whether any lane of a exceeds
//   b's, V_KEEP zeroes the lanes outside one, V_TRANSPOSE transposes W vectors as the rows of a
//   W×W matrix).
//   V_SCALEF, where defined, is v·2ⁿ with the lanes outside a mask zeroed, in one instruction.
#include <stdint.h>
#include <string.h>

static inline float scalar_round(float x) {
    // round to nearest by adding and subtracting 1.5·2²³ (|x| < 2²² here); C compilers do not
    // reassociate float additions without -ffast-math
    return (x + 12582912.0f) - 12582912.0f;
}
static inline float scalar_pow2(float n) {
    int32_t bits = ((int32_t)n + 127) << 23;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}
#define V float
#define M int
#define W 1
#define SUFFIX scalar
#define TARGET
#define SCORE_ROWS 4
#define PV_ROWS 4
#define PV_VECTORS 4
#define V_SET(x) ((float)(x))
#define V_LOAD(p) (*(p))
#define V_STORE(p, v) (*(p) = (v))
#define V_LOAD_N(p, n, fill) (*(p))
#define V_STORE_N(p, v, n) (*(p) = (v))
#define V_ADD(a, b) ((a) + (b))
#define V_SUB(a, b) ((a) - (b))
#define V_MUL(a, b) ((a) * (b))
#define V_FMA(a, b, c) ((a) * (b) + (c))
#define V_MAX(a, b) ((a) > (b) ? (a) : (b))
#define V_GE(a, b) ((a) >= (b))
#define V_ANY_GT(a, b) ((a) > (b))
#define V_KEEP(v, mask) ((mask) ? (v) : 0.0f)
#define V_ROUND(x) scalar_round(x)
#define V_POW2(n) scalar_pow2(n)
#define V_HMAX(v) (v)
#define V_HSUM(v) (v)
#define V_FIRST(v) (v)
// r[0..<W] as the rows of a W×W matrix, transposed in place (W = 1: nothing to do)
#define V_TRANSPOSE(r) ((void)(r))

