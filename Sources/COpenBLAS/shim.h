#ifndef ATTN_COPENBLAS_SHIM_H
#define ATTN_COPENBLAS_SHIM_H
// Debian 12 installs cblas.h under /usr/include/<triple>/, which is on the default include path.
// OpenBLAS's cblas.h also declares openblas_set_num_threads and openblas_get_corename.
#include <cblas.h>
#endif
