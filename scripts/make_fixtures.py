#!/usr/bin/env python3
"""Writes the numpy fixtures that the AttentionKernel tests compare against.

Every expected value here is computed by numpy in float64 from float32 inputs, independently of
the Swift code: masks, RoPE, ALiBi and the seeded generator are written out again from their
definitions in the lecture and the papers. Run from the repository root:

    python3 scripts/make_fixtures.py            # rewrites Tests/AttentionKernelTests/Fixtures/*.json

Never edit the JSON by hand. Tensors are {"shape": [...], "data": [...]}, with -inf written as
the string "-inf" (JSON has no infinities); boolean matrices are {"shape": [...], "bools": [...]}.
"""
import json
import math
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "AttentionKernelTests", "Fixtures")
rng = np.random.default_rng(20261123)


# ---------------------------------------------------------------- encoding

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


def enc_bool(m):
    a = np.asarray(m, dtype=bool)
    return {"shape": list(a.shape), "bools": [bool(v) for v in a.reshape(-1)]}


def f32(*shape, scale=1.0):
    """Float32 inputs (the kernel's precision), returned as float64 for exact numpy maths."""
    return (rng.standard_normal(shape) * scale).astype(np.float32).astype(np.float64)


def case(op, name, inputs, expected, **params):
    return {"op": op, "name": name, "params": params,
            "inputs": {k: enc(v) for k, v in inputs.items()},
            "expected": {k: (enc_bool(v) if np.asarray(v).dtype == bool else enc(v)) for k, v in expected.items()}}


# ---------------------------------------------------------------- reference maths

def softmax(x, temperature=1.0):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    flat, res = x.reshape(-1, x.shape[-1]), out.reshape(-1, x.shape[-1])
    masked = []
    for r in range(flat.shape[0]):
        m = flat[r].max()
        if m == -np.inf:
            masked.append(r)
            continue
        e = np.exp((flat[r] - m) / temperature)
        res[r] = e / e.sum()
    return out, masked


def mask_rule(tq, tk, rule):
    m = np.zeros((tq, tk), dtype=bool)
    for i in range(tq):
        p = i + tk - tq  # queries align with the end of the keys
        for j in range(tk):
            m[i, j] = rule(p, j)
    return m


def window(p, j, width, dilation, causal):
    delta = p - j
    if causal:
        return delta >= 0 and delta % dilation == 0 and delta // dilation < width
    return abs(delta) % dilation == 0 and abs(delta) // dilation <= width // 2


MASKS = {
    "causal": lambda tq, tk, prm: mask_rule(tq, tk, lambda p, j: j <= p),
    "padding": lambda tq, tk, prm: mask_rule(tq, tk, lambda p, j: j < prm["validKeys"]),
    "sliding": lambda tq, tk, prm: mask_rule(tq, tk, lambda p, j: window(p, j, prm["width"], 1, prm["causal"])),
    "dilated": lambda tq, tk, prm: mask_rule(tq, tk, lambda p, j: window(p, j, prm["width"], prm["dilation"], prm["causal"])),
    "globalSliding": lambda tq, tk, prm: mask_rule(tq, tk, lambda p, j: (not (prm["causal"] and j > p)) and (
        j in prm["global"] or p in prm["global"] or window(p, j, prm["width"], 1, prm["causal"]))),
}


def attention(q, k, v, mask=None, bias=None, scale=None, softcap=None, temperature=1.0):
    s = q @ k.T
    sc = 1.0 / math.sqrt(q.shape[1]) if scale is None else scale
    scaled = s * sc
    if bias is not None:
        scaled = scaled + bias
    if softcap is not None:
        scaled = softcap * np.tanh(scaled / softcap)
    masked = scaled.copy()
    if mask is not None:
        masked[~mask] = -np.inf
    w, fully = softmax(masked, temperature)
    return {"scores": s, "scaledScores": scaled, "maskedScores": masked, "weights": w, "output": w @ v}, fully


def rope(x, positions, base, pairing):
    d = x.shape[1]
    theta = base ** (-2.0 * np.arange(d // 2) / d)  # θ_i = base^(-2(i-1)/d), i = 1..d/2
    y = x.copy()
    for r, m in enumerate(positions):
        for i in range(d // 2):
            a_i, b_i = (2 * i, 2 * i + 1) if pairing == "interleaved" else (i, i + d // 2)
            phi = m * theta[i]
            a, b = x[r, a_i], x[r, b_i]
            y[r, a_i] = a * math.cos(phi) - b * math.sin(phi)
            y[r, b_i] = a * math.sin(phi) + b * math.cos(phi)
    return y


def alibi_slopes(n):
    def pow2(p):
        return [2 ** (-8.0 * h / p) for h in range(1, p + 1)]
    p = 2 ** int(math.floor(math.log2(n)))
    if p == n:
        return pow2(n)
    return pow2(p) + pow2(2 * p)[0::2][: n - p]


def alibi_bias(slope, tq, tk):
    b = np.zeros((tq, tk))
    for i in range(tq):
        p = i + tk - tq
        for j in range(tk):
            b[i, j] = -slope * abs(p - j)
    return b


class SplitMix64:
    """The Swift SeededGenerator, reimplemented: 64-bit integer arithmetic only."""
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def seeded_normal(n, seed, mean=0.0, std=1.0):
    g, out = SplitMix64(seed), []
    while len(out) < n:
        u1, u2 = g.unit(), g.unit()
        r = math.sqrt(-2 * math.log(1 - u1))
        out += [mean + std * r * math.cos(2 * math.pi * u2), mean + std * r * math.sin(2 * math.pi * u2)]
    return np.float32(out[:n]).astype(np.float64)


def seeded_uniform(n, seed, low=0.0, high=1.0):
    g = SplitMix64(seed)
    return np.float32([low + (high - low) * g.unit() for _ in range(n)]).astype(np.float64)


# ---------------------------------------------------------------- cases

def matmul_cases():
    out = []
    for name, (m, k, n), ta, tb in [("square", (4, 4, 4), False, False), ("rectangular", (3, 5, 4), False, False),
                                    ("transposeB", (3, 13, 6), False, True), ("transposeA", (5, 3, 2), True, False),
                                    ("both", (2, 7, 3), True, True), ("one", (1, 1, 1), False, False)]:
        a = f32(k, m) if ta else f32(m, k)
        b = f32(n, k) if tb else f32(k, n)
        c = (a.T if ta else a) @ (b.T if tb else b)
        out.append(case("matmul", name, {"a": a, "b": b}, {"c": c}, transposeA=ta, transposeB=tb))
    return out


def softmax_cases():
    out = []
    x = f32(4, 6, scale=2)
    for t in (1.0, 0.5, 3.0):
        w, fully = softmax(x, t)
        out.append(case("softmax", f"random_t{t}", {"x": x}, {"weights": w, "fullyMasked": np.array(fully, dtype=np.float64)}, temperature=t))
    big = np.array([[1e4, 1e4 + 1, 1e4 - 2, 9990.0], [-1e4, -1e4 + 3, -1e4, -1e4 - 1]])
    w, fully = softmax(big)
    out.append(case("softmax", "logits_1e4", {"x": big}, {"weights": w, "fullyMasked": np.array(fully, dtype=np.float64)}, temperature=1.0))
    m = f32(3, 5)
    m[0, 3:] = -np.inf
    m[1, :] = -np.inf
    m[2, 0] = -np.inf
    w, fully = softmax(m)
    out.append(case("softmax", "masked_rows", {"x": m}, {"weights": w, "fullyMasked": np.array(fully, dtype=np.float64)}, temperature=1.0))
    long_row = f32(2, 37)  # exercises the SIMD body and its scalar tail
    w, fully = softmax(long_row)
    out.append(case("softmax", "long_rows", {"x": long_row}, {"weights": w, "fullyMasked": np.array(fully, dtype=np.float64)}, temperature=1.0))
    return out


def memory_cases():
    out = []
    keys = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]], dtype=np.float64)
    values = f32(4, 2)
    for name, q in [("match_two", [1, 0, 0]), ("match_one", [0, 1, 0]), ("no_match", [1, 1, 0])]:
        q = np.array(q, dtype=np.float64)
        hits = [i for i in range(4) if np.array_equal(keys[i], q)]
        exp = {}
        if hits:
            exp["hard"] = values[hits[0]]
            exp["avg"] = values[hits].mean(axis=0)
        out.append(case("memoryRead", name, {"query": q, "keys": keys, "values": values}, exp))
    keys2, values2, q2 = f32(5, 4), f32(5, 3), f32(4)
    for sim in ("dot", "cosine", "exactMatch", "expDot"):
        for t in ((1.0, 0.25) if sim == "expDot" else (1.0,)):
            dots = keys2 @ q2
            if sim == "dot":
                raw = dots
            elif sim == "cosine":
                raw = dots / (np.linalg.norm(keys2, axis=1) * np.linalg.norm(q2))
            elif sim == "exactMatch":
                raw = np.array([1.0 if np.array_equal(k, q2) else 0.0 for k in keys2])
            else:
                raw = np.exp(dots / t)
            s = raw.sum()
            exp = {"raw": raw, "sum": np.array([s])}
            if s != 0:
                exp["weights"] = raw / s
                exp["output"] = (raw / s) @ values2
            out.append(case("softRead", f"{sim}_t{t}", {"query": q2, "keys": keys2, "values": values2}, exp, similarity=sim, temperature=t))
    # The lecture's sum_weights == 0 case: dot products +1 and -1 cancel.
    kz, vz, qz = np.array([[1.0, 0.0], [-1.0, 0.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 0.0])
    out.append(case("softRead", "dot_zero_sum", {"query": qz, "keys": kz, "values": vz},
                    {"raw": kz @ qz, "sum": np.array([0.0])}, similarity="dot", temperature=1.0))
    return out


def mask_cases():
    out = []
    specs = [("causal", {}), ("padding", {"validKeys": 3}), ("sliding", {"width": 3, "causal": True}),
             ("sliding", {"width": 3, "causal": False}), ("dilated", {"width": 3, "dilation": 2, "causal": True}),
             ("dilated", {"width": 5, "dilation": 2, "causal": False}),
             ("globalSliding", {"width": 2, "global": [0], "causal": True}),
             ("globalSliding", {"width": 3, "global": [0, 5], "causal": False})]
    for kind, prm in specs:
        for tq, tk in ((6, 6), (3, 6), (6, 4)):
            if kind == "padding" and prm["validKeys"] > tk or max(prm.get("global", [0])) >= tk:
                continue  # the kernel refuses these (tested in KernelErrorTests)
            m = MASKS[kind](tq, tk, prm)
            label = "_".join(f"{k}{v}" for k, v in prm.items()).replace(" ", "")
            out.append(case("mask", f"{kind}_{label}_{tq}x{tk}", {}, {"allowed": m}, kind=kind, queries=tq, keys=tk, **prm))
    return out


def attention_cases():
    out = []
    def add(name, tq, tk, d, dv, mask_kind=None, mask_params=None, scale=None, softcap=None, temperature=1.0, bias_slope=None, custom=None):
        q, k, v = f32(tq, d), f32(tk, d), f32(tk, dv)
        mask = None
        if custom is not None:
            mask = np.array(custom, dtype=bool)
        elif mask_kind:
            mask = MASKS[mask_kind](tq, tk, mask_params or {})
        bias = alibi_bias(bias_slope, tq, tk) if bias_slope is not None else None
        res, fully = attention(q, k, v, mask, bias, scale, softcap, temperature)
        inputs = {"q": q, "k": k, "v": v}
        if bias is not None:
            inputs["bias"] = bias
        res["fullyMasked"] = np.array(fully, dtype=np.float64)
        params = {"scale": scale, "softcap": softcap, "temperature": temperature, "mask": mask_kind or ("custom" if custom else None)}
        params.update(mask_params or {})
        c = case("attention", name, inputs, res, **params)
        if mask is not None:
            c["inputs"]["mask"] = enc_bool(mask)
        out.append(c)
    add("T1", 1, 1, 4, 4)
    add("square_d8", 5, 5, 8, 8)
    add("d13_not_multiple_of_8", 4, 4, 13, 5)
    add("rect_tq3_tk7", 3, 7, 6, 4)
    add("rect_tq7_tk3", 7, 3, 6, 4)
    add("causal", 6, 6, 8, 8, "causal")
    add("causal_rect", 3, 6, 8, 4, "causal")
    add("causal_more_queries", 6, 4, 8, 4, "causal")  # the first two queries see no key
    add("padding", 5, 5, 4, 4, "padding", {"validKeys": 3})
    add("sliding_causal", 6, 6, 4, 4, "sliding", {"width": 2, "causal": True})
    add("dilated", 7, 7, 4, 4, "dilated", {"width": 2, "dilation": 2, "causal": True})
    add("global_sliding", 6, 6, 4, 4, "globalSliding", {"width": 2, "global": [0], "causal": False})
    add("custom_fully_masked_row", 3, 4, 4, 2, custom=[[True, False, True, False], [False] * 4, [True] * 4])
    add("explicit_scale", 4, 4, 8, 8, scale=0.5)
    add("softcap", 4, 4, 8, 8, scale=1.0, softcap=2.0)
    add("temperature", 4, 4, 8, 8, temperature=0.3)
    add("alibi_bias_causal", 5, 5, 4, 4, "causal", bias_slope=0.5)
    return out


def multihead_cases():
    out = []
    for name, h, hkv, dm, dh, tq, tk, causal in [("mha", 4, 4, 8, 3, 5, 5, True), ("gqa", 4, 2, 8, 3, 5, 5, True),
                                                   ("mqa", 4, 1, 8, 2, 5, 5, False), ("cross_gqa", 2, 1, 6, 3, 3, 6, False)]:
        x = f32(tq, dm)
        xkv = f32(tk, dm) if tq != tk or name.startswith("cross") else None
        wq, wk, wv, wo = f32(dm, h * dh, scale=0.5), f32(dm, hkv * dh, scale=0.5), f32(dm, hkv * dh, scale=0.5), f32(h * dh, dm, scale=0.5)
        src = x if xkv is None else xkv
        q, k, v = x @ wq, src @ wk, src @ wv
        mask = MASKS["causal"](tq, tk, {}) if causal else None
        heads, weights = [], []
        for i in range(h):
            g = i // (h // hkv)
            r, _ = attention(q[:, i * dh:(i + 1) * dh], k[:, g * dh:(g + 1) * dh], v[:, g * dh:(g + 1) * dh], mask)
            heads.append(r["output"])
            weights.append(r["weights"])
        concat = np.concatenate(heads, axis=1)
        inputs = {"x": x, "wQ": wq, "wK": wk, "wV": wv, "wO": wo}
        if xkv is not None:
            inputs["xkv"] = xkv
        out.append(case("multiHead", name, inputs,
                        {"weights": np.stack(weights), "concatenated": concat, "output": concat @ wo},
                        numHeads=h, numKVHeads=hkv, headDim=dh, causal=causal))
    return out


def positional_cases():
    out = []
    for t, d in ((6, 8), (5, 7), (1, 4)):
        pe = np.zeros((t, d))
        for p in range(t):
            for c in range(d):
                angle = p / 10000 ** ((c - c % 2) / d)
                pe[p, c] = math.sin(angle) if c % 2 == 0 else math.cos(angle)
        out.append(case("sinusoidal", f"T{t}_d{d}", {}, {"pe": pe}, length=t, dim=d))
    for pairing in ("interleaved", "halfSplit"):
        x = f32(5, 8)
        for name, pos, base in (("default", list(range(5)), 10000.0), ("positions", [3, 0, 7, 100, 2], 10000.0), ("base100", list(range(5)), 100.0)):
            out.append(case("rope", f"{pairing}_{name}", {"x": x}, {"y": rope(x, pos, base, pairing)}, positions=pos, base=base, pairing=pairing))
    theta_pos = [0, 1, 5]
    ang = np.array([[m * 10000 ** (-2.0 * i / 6) for i in range(3)] for m in theta_pos])
    out.append(case("ropeAngles", "d6", {}, {"angles": ang}, positions=theta_pos, dim=6, base=10000.0))
    for n in (1, 2, 6, 8, 12):
        out.append(case("alibiSlopes", f"heads{n}", {}, {"slopes": np.array(alibi_slopes(n))}, numHeads=n))
    out.append(case("alibiBias", "rect", {}, {"bias": alibi_bias(0.25, 3, 5)}, slope=0.25, queries=3, keys=5))
    return out


def norm_cases():
    out = []
    x, g, b = f32(3, 7, scale=3), f32(7), f32(7)
    mu, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    out.append(case("layerNorm", "affine", {"x": x, "gamma": g, "beta": b}, {"y": (x - mu) / np.sqrt(var + 1e-5) * g + b}, eps=1e-5))
    out.append(case("layerNorm", "plain", {"x": x}, {"y": (x - mu) / np.sqrt(var + 1e-5)}, eps=1e-5))
    rms = np.sqrt((x ** 2).mean(axis=1, keepdims=True) + 1e-6)
    out.append(case("rmsNorm", "affine", {"x": x, "gamma": g}, {"y": x / rms * g}, eps=1e-6))
    s = f32(4, 5, scale=20)
    out.append(case("softcap", "cap30", {"x": s}, {"y": 30 * np.tanh(s / 30)}, cap=30.0))
    return out


def tiled_cases():
    out = []
    for name, tq, tk, d, causal, bq, bk in [("T1", 1, 1, 4, False, 4, 4), ("uneven_tiles", 37, 37, 13, False, 8, 16),
                                           ("uneven_causal", 37, 37, 13, True, 8, 16), ("rect_causal", 9, 20, 8, True, 4, 8),
                                           ("more_queries_causal", 20, 9, 8, True, 4, 4), ("one_tile", 16, 16, 8, True, 64, 64)]:
        q, k, v = f32(tq, d), f32(tk, d), f32(tk, d)
        mask = MASKS["causal"](tq, tk, {}) if causal else None
        r, _ = attention(q, k, v, mask)
        out.append(case("tiled", name, {"q": q, "k": k, "v": v}, {"output": r["output"]}, causal=causal, blockQ=bq, blockK=bk))
    for name, causal in (("heads_full", False), ("heads_causal", True)):
        h, t, d = 3, 40, 16
        q, k, v = f32(h, t, d), f32(h, t, d), f32(h, t, d)
        mask = MASKS["causal"](t, t, {}) if causal else None
        o = np.stack([attention(q[i], k[i], v[i], mask)[0]["output"] for i in range(h)])
        out.append(case("heads", name, {"q": q, "k": k, "v": v}, {"output": o}, causal=causal))
    # Rows long enough for the vector loops of every instruction set (4 × 16 floats, then tails),
    # and output rows of two 16-float vectors.
    for name, tq, tk, d, causal, bq, bk in [("wide_tiles", 70, 70, 32, False, 16, 64),
                                           ("wide_causal", 70, 70, 32, True, 24, 68),
                                           ("wide_rect_causal", 30, 70, 32, True, 16, 40)]:
        q, k, v = f32(tq, d), f32(tk, d), f32(tk, d)
        mask = MASKS["causal"](tq, tk, {}) if causal else None
        r, _ = attention(q, k, v, mask)
        out.append(case("tiled", name, {"q": q, "k": k, "v": v}, {"output": r["output"]}, causal=causal, blockQ=bq, blockK=bk))
    for name, causal in (("heads_wide_causal", True),):
        h, t, d = 2, 70, 32
        q, k, v = f32(h, t, d), f32(h, t, d), f32(h, t, d)
        mask = MASKS["causal"](t, t, {}) if causal else None
        o = np.stack([attention(q[i], k[i], v[i], mask)[0]["output"] for i in range(h)])
        out.append(case("heads", name, {"q": q, "k": k, "v": v}, {"output": o}, causal=causal, blockQ=32, blockK=64))
    return out


def random_cases():
    out = []
    for seed in (0, 1, 42, 2 ** 63 + 5):
        g = SplitMix64(seed)
        raw = [g.next() for _ in range(4)]
        out.append({"op": "random", "name": f"seed{seed}", "params": {"seed": str(seed), "next": [str(r) for r in raw]},
                    "inputs": {}, "expected": {"normal": enc(seeded_normal(7, seed, 0.5, 2.0)), "uniform": enc(seeded_uniform(5, seed, -1.0, 3.0))}})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    groups = {"matmul": matmul_cases(), "softmax": softmax_cases(), "memory": memory_cases(), "masks": mask_cases(),
              "attention": attention_cases(), "multihead": multihead_cases(), "positional": positional_cases(),
              "norms": norm_cases(), "tiled": tiled_cases(), "random": random_cases()}
    for name, cases in groups.items():
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump({"generator": "scripts/make_fixtures.py", "numpy": np.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
            f.write("\n")
    print(f"wrote {sum(len(c) for c in groups.values())} cases in {len(groups)} files to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
