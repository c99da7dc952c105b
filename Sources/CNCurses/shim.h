#ifndef ATTN_CNCURSES_SHIM_H
#define ATTN_CNCURSES_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags pkg-config gives, which hides the wide-character API.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects these C globals as not concurrency-safe; read them through functions.
static inline WINDOW *attn_stdscr(void) { return stdscr; }
static inline int attn_lines(void) { return LINES; }
static inline int attn_cols(void) { return COLS; }
static inline int attn_colors(void) { return COLORS; }
static inline int attn_color_pairs(void) { return COLOR_PAIRS; }
static inline int attn_key_resize(void) { return KEY_RESIZE; }
static inline FILE *attn_stdin(void) { return stdin; }
static inline FILE *attn_stdout(void) { return stdout; }

// The A_* attributes are function-like macros, which Swift does not import.
static inline attr_t attn_a_bold(void) { return A_BOLD; }
static inline attr_t attn_a_dim(void) { return A_DIM; }
static inline attr_t attn_a_italic(void) { return A_ITALIC; }
static inline attr_t attn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t attn_a_reverse(void) { return A_REVERSE; }

// glibc declares wcwidth only under _XOPEN_SOURCE, which Glibc's own module was built without.
int wcwidth(wchar_t c);
static inline int attn_wcwidth(wchar_t c) { return wcwidth(c); }

// A signal handler may only touch `volatile sig_atomic_t`; Swift has no volatile, so the
// handler and the run loop go through these two functions (see TerminalBackend/SignalGuard.swift).
static inline void attn_store_signal(volatile sig_atomic_t *slot, int value) { *slot = value; }
static inline int attn_load_signal(volatile sig_atomic_t *slot) { return *slot; }
#endif
