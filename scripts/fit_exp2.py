#!/usr/bin/env python3
"""Fits the polynomial for 2^f, |f| ≤ 1/2, that the tiled path's softmax step uses
(Sources/CAttentionKernels/softmax_tile.inc, vexp2), and prints its coefficients and its largest
relative error evaluated in float32 by Horner's scheme, as the kernel evaluates it.

    python3 scripts/fit_exp2.py [--degree 5]

Weighted least squares on Chebyshev nodes for the relative error, reweighted towards the worst
points (a few rounds of a Lawson-style iteration): close to the minimax polynomial.
"""
import argparse

import numpy as np


def fit(degree, rounds=30):
    x = np.cos(np.pi * (np.arange(2000) + 0.5) / 2000) * 0.5
    w = np.ones_like(x)
    a = np.vander(x, degree + 1, increasing=True)
    for _ in range(rounds):
        c = np.linalg.lstsq(a * (w / 2 ** x)[:, None], w, rcond=None)[0]
        err = (a @ c - 2 ** x) / 2 ** x
        w = w * (1 + 5 * np.abs(err) / np.abs(err).max())
    return c.astype(np.float32)


def max_relative_error(c):
    f = np.linspace(-0.5, 0.5, 200001).astype(np.float32)
    p = np.full_like(f, c[-1])
    for k in range(len(c) - 2, -1, -1):
        p = (p * f + c[k]).astype(np.float32)
    exact = 2.0 ** f.astype(np.float64)
    return float(np.max(np.abs(p.astype(np.float64) - exact) / exact))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--degree", type=int, default=5)
    c = fit(ap.parse_args().degree)
    print("coefficients, constant term first:", ", ".join(f"{v:.10e}" for v in c))
    print(f"largest relative error in float32: {max_relative_error(c):.3g}")
