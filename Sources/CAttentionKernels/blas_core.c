// Chooses OpenBLAS's kernels where its own CPU detection gives up.
//
// Debian 12's OpenBLAS (0.3.21, built with DYNAMIC_ARCH) picks its kernels from the CPU model number
// when it loads. A model newer than the library, such as Emerald Rapids (family 6, model 207), falls
// through to Prescott, its SSE3 kernels: sgemm 1024³ then runs at 30 GFLOP/s on one core of a CPU
// whose SkylakeX (AVX-512) kernels reach 134 there. Later OpenBLAS releases fall back by CPU features
// instead; this does the same for the release installed. OPENBLAS_CORETYPE, OpenBLAS's documented
// way to choose, is honoured when set: then nothing here changes.
//
// It runs as a constructor, before main and before any BLAS call (OpenBLAS's own constructor, a
// dependency's, has run by then), using the two entry points OpenBLAS's DYNAMIC_ARCH builds export to
// pick a core: quit forgets the pick, init picks again, reading OPENBLAS_CORETYPE. Both are weak
// references, so a build of OpenBLAS without DYNAMIC_ARCH (one core compiled in) is left alone.
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "CAttentionKernels.h"

extern char *openblas_get_corename(void) __attribute__((weak));
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

static char detected[32];   // what OpenBLAS chose by itself, when attn chose another; else ""

const char *attn_blas_core_replaced(void) { return detected[0] ? detected : 0; }

/// The best OpenBLAS core this CPU's features allow, or 0 when only the baseline fits.
static const char *core_for_features(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return 0;
}

__attribute__((constructor)) static void attn_choose_blas_core(void) {
    if (!openblas_get_corename || !gotoblas_dynamic_init || !gotoblas_dynamic_quit) return;
    if (getenv("OPENBLAS_CORETYPE")) return;
    const char *name = openblas_get_corename();
    // Prescott is DYNAMIC_ARCH's answer for an x86-64 it does not recognise
    if (!name || strcasecmp(name, "Prescott") != 0) return;
    const char *better = core_for_features();
    if (!better) return;
    strncpy(detected, name, sizeof detected - 1);
    setenv("OPENBLAS_CORETYPE", better, 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE");   // so that programs attn starts detect for themselves
}
