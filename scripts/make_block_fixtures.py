#!/usr/bin/env python3
"""Writes the numpy fixtures for the transformer block's kernel operations (issue 11, item 6).

linear (both weight layouts, with and without bias), residual add, GELU (erf and tanh), ReLU, SiLU,
the FFN with every activation, SwiGLU, embedding lookup, top-k with ties, LayerNorm and RMSNorm with
learned scale and bias. Every expected value is computed here in float64 from float32 inputs,
straight from the formulas in the papers, independently of the Swift code (which, for instance,
writes GELU with erfc and SiLU with a split sigmoid; here they are the textbook forms).
Run from the repository root:

    python3 scripts/make_block_fixtures.py     # rewrites Tests/AttentionKernelTests/Fixtures/block.json

Never edit the JSON by hand. The format is that of scripts/make_fixtures.py: tensors are
{"shape": [...], "data": [...]}, with -inf written as the string "-inf".
"""
import json
import math
import os
import sys

import numpy as np
from scipy.special import erf

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "AttentionKernelTests", "Fixtures", "block.json")
rng = np.random.default_rng(20261201)


# ---------------------------------------------------------------- encoding (as in make_fixtures.py)

def enc(x):
    a = np.asarray(x, dtype=np.float64)
    data = []
    for v in a.reshape(-1):
        if v == -np.inf:
            data.append("-inf")
        elif v == np.inf:
            data.append("inf")
        else:
            data.append(float(v))
    return {"shape": list(a.shape), "data": data}


def f32(*shape, scale=1.0, mean=0.0):
    """Float32 inputs (the kernel's precision), returned as float64 for exact numpy maths."""
    return (rng.standard_normal(shape) * scale + mean).astype(np.float32).astype(np.float64)


def case(op, name, inputs, expected, **params):
    return {"op": op, "name": name, "params": params,
            "inputs": {k: enc(v) for k, v in inputs.items() if v is not None},
            "expected": {k: enc(v) for k, v in expected.items()}}


# Inputs that reach both tails of every activation, exact zero and the region around it.
SPECIAL = np.array([-20.0, -10.0, -6.0, -3.0, -1.5, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 1.5, 3.0, 6.0, 10.0, 20.0])


# ---------------------------------------------------------------- reference maths

def linear(x, w, b, layout):
    """y = x·W + b for W (in, out); y = x·Wᵀ + b for W (out, in)."""
    y = x @ (w if layout == "inOut" else w.T)
    return y if b is None else y + b


def gelu_erf(x):
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def silu(x):
    return x / (1.0 + np.exp(-x))


ACTIVATIONS = {
    "relu": lambda x: np.maximum(x, 0.0),
    "gelu": gelu_erf,
    "geluTanh": gelu_tanh,
    "silu": silu,
}


def weight(d_in, d_out, layout, scale):
    """A weight of the given layout: (in, out) or (out, in)."""
    return f32(d_in, d_out, scale=scale) if layout == "inOut" else f32(d_out, d_in, scale=scale)


# ---------------------------------------------------------------- cases

def linear_cases():
    out = []
    for t, d_in, d_out in [(1, 5, 3), (7, 13, 9), (4, 1, 6), (3, 16, 64)]:
        for layout in ("inOut", "outIn"):
            for with_bias in (True, False):
                x = f32(t, d_in, scale=2.0)
                w = weight(d_in, d_out, layout, 1.0 / math.sqrt(d_in))
                b = f32(d_out) if with_bias else None
                name = f"T{t}_in{d_in}_out{d_out}_{layout}_{'bias' if with_bias else 'nobias'}"
                out.append(case("linear", name, {"x": x, "weight": w, "bias": b}, {"y": linear(x, w, b, layout)}, layout=layout))
    return out


def add_cases():
    out = []
    for shape in [(5, 7), (1, 3), (2, 3, 4)]:
        a, b = f32(*shape, scale=3.0), f32(*shape)
        out.append(case("add", "x".join(map(str, shape)), {"a": a, "b": b}, {"y": a + b}))
    return out


def activation_cases():
    out = []
    inputs = {"special": SPECIAL.reshape(1, -1), "random_5x11": f32(5, 11, scale=3.0), "T1": f32(1, 7, scale=2.0)}
    for label, x in inputs.items():
        out.append(case("activation", label, {"x": x}, {k: f(x) for k, f in ACTIVATIONS.items()}))
    return out


def ffn_cases():
    out = []
    for activation in ACTIVATIONS:
        for layout in ("inOut", "outIn"):
            t, d = 5, 7
            h = 4 * d
            x = f32(t, d, scale=1.5)
            w1, w2 = weight(d, h, layout, 1.0 / math.sqrt(d)), weight(h, d, layout, 1.0 / math.sqrt(h))
            b1, b2 = f32(h, scale=0.5), f32(d, scale=0.5)
            hidden = linear(x, w1, b1, layout)
            act = ACTIVATIONS[activation](hidden)
            out.append(case("feedForward", f"T{t}_d{d}_{activation}_{layout}_bias", {"x": x, "w1": w1, "b1": b1, "w2": w2, "b2": b2},
                            {"hidden": hidden, "activated": act, "output": linear(act, w2, b2, layout)},
                            activation=activation, layout=layout))
    for layout in ("inOut", "outIn"):
        for activation in ("gelu", "relu"):
            t, d = 1, 3
            h = 4 * d
            x = f32(t, d, scale=2.0)
            w1, w2 = weight(d, h, layout, 1.0), weight(h, d, layout, 0.5)
            hidden = linear(x, w1, None, layout)
            act = ACTIVATIONS[activation](hidden)
            out.append(case("feedForward", f"T1_d3_{activation}_{layout}_nobias", {"x": x, "w1": w1, "w2": w2},
                            {"hidden": hidden, "activated": act, "output": linear(act, w2, None, layout)},
                            activation=activation, layout=layout))
    return out


def swiglu_cases():
    out = []
    for t, d, h in [(5, 7, 19), (1, 4, 11), (3, 8, 32)]:
        for layout in ("inOut", "outIn"):
            x = f32(t, d, scale=1.5)
            w1, w3 = weight(d, h, layout, 1.0 / math.sqrt(d)), weight(d, h, layout, 1.0 / math.sqrt(d))
            w2 = weight(h, d, layout, 1.0 / math.sqrt(h))
            gate, up = linear(x, w1, None, layout), linear(x, w3, None, layout)
            gated = silu(gate) * up
            out.append(case("swiGLU", f"T{t}_d{d}_H{h}_{layout}", {"x": x, "w1": w1, "w3": w3, "w2": w2},
                            {"gate": gate, "up": up, "gated": gated, "output": linear(gated, w2, None, layout)}, layout=layout))
    return out


def embedding_cases():
    out = []
    table = f32(11, 5)
    for name, ids in [("repeats_and_ends", [3, 0, 10, 3, 7]), ("T1", [0]), ("last", [10]), ("empty", [])]:
        out.append(case("embedding", name, {"table": table}, {"x": table[ids].reshape(len(ids), 5)}, ids=ids))
    wide = f32(4, 13, scale=0.1)
    out.append(case("embedding", "wide_table", {"table": wide}, {"x": wide[[2, 1, 2]]}, ids=[2, 1, 2]))
    return out


def topk_reference(x, k):
    rows = x.reshape(-1, x.shape[-1])
    # A stable sort of −x puts larger values first and keeps equal values in index order.
    idx = np.stack([np.argsort(-r, kind="stable")[:k] for r in rows])
    vals = np.take_along_axis(rows, idx, axis=1)
    return vals.reshape(x.shape[:-1] + (k,)), idx


def topk_cases():
    out = []
    ninf = -np.inf
    inputs = [
        ("ties", np.array([[1.0, 3.0, 3.0, 2.0, 3.0, -1.0]]), 2),
        ("ties_k4", np.array([[1.0, 3.0, 3.0, 2.0, 3.0, -1.0]]), 4),
        ("all_equal", np.array([[0.5, 0.5, 0.5, 0.5, 0.5]]), 3),
        ("signed_zeros", np.array([[0.0, -0.0, -1.0, 0.0]]), 3),
        ("masked", np.array([[ninf, -2.0, ninf, -3.0, ninf], [ninf, ninf, ninf, ninf, 1.0]]), 3),
        ("k_equals_C", f32(3, 7, scale=2.0), 7),
        ("k1_negative", f32(4, 9, scale=2.0, mean=-5.0), 1),
        ("random_odd", f32(5, 13, scale=3.0), 3),
        ("vector", f32(10), 4),
        ("rounded_ties", np.round(f32(6, 8, scale=2.0)), 5),
    ]
    for name, x, k in inputs:
        vals, idx = topk_reference(x, k)
        out.append(case("topK", name, {"x": x}, {"values": vals, "indices": idx.astype(np.float64)}, k=k))
    return out


def layer_norm(x, g, b, eps):
    mu, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True)
    y = (x - mu) / np.sqrt(var + eps)
    if g is not None:
        y = y * g
    if b is not None:
        y = y + b
    return y


def rms_norm(x, g, eps):
    y = x / np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + eps)
    return y if g is None else y * g


def norm_cases():
    out = []
    specs = [  # name, x, with gamma, with beta, eps
        ("affine_7", f32(3, 7, scale=3.0), True, True, 1e-5),
        ("affine_large_mean", f32(4, 33, scale=2.0, mean=50.0), True, True, 1e-5),
        ("T1_affine", f32(1, 16), True, True, 1e-5),
        ("gamma_only_negative", f32(2, 9, scale=4.0, mean=-3.0), True, False, 1e-6),
        ("beta_only", f32(2, 5), False, True, 1e-5),
        ("plain", f32(3, 7, scale=3.0), False, False, 1e-5),
        ("d1_gives_beta", f32(3, 1), True, True, 1e-5),
        ("rank3", f32(2, 3, 10), True, True, 1e-5),
        ("big_eps", f32(2, 6, scale=0.1), True, True, 0.5),
    ]
    for name, x, with_g, with_b, eps in specs:
        d = x.shape[-1]
        g = f32(d, scale=0.5, mean=1.0) if with_g else None
        b = f32(d, scale=0.5) if with_b else None
        out.append(case("layerNorm", name, {"x": x, "gamma": g, "beta": b}, {"y": layer_norm(x, g, b, eps)}, eps=eps))
        eps_rms = 1e-6 if eps == 1e-5 else eps
        out.append(case("rmsNorm", name, {"x": x, "gamma": g}, {"y": rms_norm(x, g, eps_rms)}, eps=eps_rms))
    return out


def main():
    cases = (linear_cases() + add_cases() + activation_cases() + ffn_cases() + swiglu_cases()
             + embedding_cases() + topk_cases() + norm_cases())
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/make_block_fixtures.py", "numpy": np.__version__, "cases": cases}, f,
                  indent=None, separators=(",", ":"))
        f.write("\n")
    counts = {}
    for c in cases:
        counts[c["op"]] = counts.get(c["op"], 0) + 1
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
