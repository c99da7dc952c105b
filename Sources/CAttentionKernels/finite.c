// Whether every float of a buffer is finite, at memory speed: the kernel checks its inputs on every
// call, and a plain Swift loop with an early exit took 5 % of a T = 2048 attention.
#include <stdint.h>
#include <string.h>
#include "CAttentionKernels.h"

long attn_first_non_finite(const float *x, long n) {
    // a float is finite unless its exponent bits are all ones; OR-ing that test over a block is a
    // loop without branches that the compiler vectorises even for SSE2 (and, compare, or), and only
    // a block where it came out true is searched element by element
    const uint32_t exponent = 0x7f800000u;
    for (long i0 = 0; i0 < n; i0 += 4096) {
        long end = n - i0 < 4096 ? n : i0 + 4096;
        uint32_t any = 0;
        for (long i = i0; i < end; i++) {
            uint32_t bits;
            memcpy(&bits, x + i, sizeof bits);
            any |= (bits & exponent) == exponent;
        }
        if (!any) continue;
        for (long i = i0; i < end; i++) {
            uint32_t bits;
            memcpy(&bits, x + i, sizeof bits);
            if ((bits & exponent) == exponent) return i;
        }
    }
    return -1;
}
