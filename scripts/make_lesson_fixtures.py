#!/usr/bin/env python3
"""Writes the lesson-engine fixtures: a lesson kept in the tests and what `attn eval` must print for it.

The lesson text below is written to Tests/LessonEngineTests/Fixtures/fixture-lesson.md, and every
scene in it is computed again here with numpy, independently of the Swift engine: the seeded
generator, the toy embeddings (FNV-1a of the token mixed into the seed), masks, RoPE, ALiBi and the
sinusoidal table are written out from their definitions. The expected tensors go to
fixture-lesson.json in the `attn eval` format: one object per step, {"step", "title", "tensors":
[{"name", "shape", "values"}]}, values flat and row-major, -inf as the string "-inf".

    python3 scripts/make_lesson_fixtures.py     # from the repository root

Never edit the outputs by hand.
"""
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import MASKS, alibi_bias, alibi_slopes, attention, rope, seeded_normal, seeded_uniform, softmax  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LessonEngineTests", "Fixtures")

LESSON = """---
id: fixture
title: Fixture lesson
summary: Scenes whose numbers numpy recomputes in scripts/make_lesson_fixtures.py.
order: 99
---

## Causal attention from toy embeddings

```scene
tokens: [the, cat, sat, the]
tensors:
  X: {embed: tokens, dim: 4, seed: 3}
  W_Q: {random: normal, shape: [4, 3], seed: 5, std: 0.5}
  W_K: {random: normal, shape: [4, 3], seed: 6, std: 0.5}
  W_V: {random: normal, shape: [4, 2], seed: 7, std: 0.5}
op: attention
mask: causal
temperature: 0.7
```

## Soft read with exp

```scene
tokens: [a, b, c]
tensors:
  q: [1, 2]
  K: [[1, 0], [0, 1], [1, 1]]
  V: [[1, 2], [3, 4], [5, 6]]
op: softRead
similarity: expDot
temperature: 0.5
```

## Cross-attention with padding

```scene
tokens: [a, b]
keyTokens: [x, y, z]
tensors:
  X: [[1, 0.5], [-1, 2]]
  X_kv: [[0, 1], [1, 1], [2, -1]]
  W_Q: [[1, 2], [0, 1]]
  W_K: [[0.5, 0], [1, -1]]
  W_V: [[1, 0], [0, 3]]
op: crossAttention
mask: padding
validKeys: 2
scale: 0.5
```

## Grouped-query attention

```scene
tokens: [p, q, r]
tensors:
  X: {random: uniform, shape: [3, 4], seed: 9, low: -1, high: 1}
op: multiHead
numHeads: 2
numKVHeads: 1
headDim: 2
seed: 4
```

## KV cache

```scene
tokens: [u, v, w]
tensors:
  Q: [[1, 0], [0, 1], [1, 1]]
  K: [[1, 2], [0, 1], [-1, 0]]
  V: [[1, 0], [0, 1], [2, 2]]
op: kvCache
step: 1
```

## RoPE

```scene
tokens: [m0, m1, m2]
tensors:
  X: [[1, 0, 0.5, 1], [1, 0, 0.5, 1], [0, 1, 2, -1]]
op: rope
position: 2
base: 100
```

## ALiBi

```scene
op: alibi
numHeads: 3
length: 4
```

## Sinusoidal

```scene
op: sinusoidal
length: 5
dim: 6
base: 100
```
"""


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & ((1 << 64) - 1)
    return h


def embed(tokens, dim, seed, std=1.0):
    return np.stack([seeded_normal(dim, seed ^ fnv1a(t), std=std) for t in tokens])


def normal(shape, seed, std=1.0):
    return seeded_normal(int(np.prod(shape)), seed, std=std).reshape(shape)


def t(name, x):
    a = np.asarray(x, dtype=np.float64)
    values = ["-inf" if v == -np.inf else float(v) for v in a.reshape(-1)]
    return {"name": name, "shape": list(a.shape), "values": values}


def stages(a, suffix=""):
    return [t("scores" + suffix, a["scores"]), t("scaled" + suffix, a["scaledScores"]),
            t("masked" + suffix, a["maskedScores"]), t("weights" + suffix, a["weights"]), t("output" + suffix, a["output"])]


def step1():
    x = embed(["the", "cat", "sat", "the"], 4, 3)
    wq, wk, wv = normal((4, 3), 5, 0.5), normal((4, 3), 6, 0.5), normal((4, 2), 7, 0.5)
    q, k, v = x @ wq, x @ wk, x @ wv
    m = MASKS["causal"](4, 4, {})
    a, _ = attention(q, k, v, mask=m, temperature=0.7)
    return [t("X", x), t("Q", q), t("K", k), t("V", v), t("mask", m.astype(float))] + stages(a)


def step2():
    q, k, v = np.array([1.0, 2]), np.array([[1.0, 0], [0, 1], [1, 1]]), np.array([[1.0, 2], [3, 4], [5, 6]])
    dots = k @ q
    w, _ = softmax(dots[None, :], temperature=0.5)
    return [t("scores", dots[None, :]), t("expScores", np.exp(dots / 0.5)[None, :]), t("weights", w), t("output", (w @ v)[0])]


def step3():
    x, xkv = np.array([[1, 0.5], [-1, 2]]), np.array([[0.0, 1], [1, 1], [2, -1]])
    wq, wk, wv = np.array([[1.0, 2], [0, 1]]), np.array([[0.5, 0], [1, -1]]), np.array([[1.0, 0], [0, 3]])
    q, k, v = x @ wq, xkv @ wk, xkv @ wv
    m = MASKS["padding"](2, 3, {"validKeys": 2})
    a, _ = attention(q, k, v, mask=m, scale=0.5)
    return [t("Q", q), t("K", k), t("V", v), t("mask", m.astype(float))] + stages(a)


def step4():
    x = seeded_uniform(12, 9, -1, 1).reshape(3, 4)
    std = 1 / math.sqrt(4)
    wq, wk, wv, wo = normal((4, 4), 4, std), normal((4, 2), 5, std), normal((4, 2), 6, std), normal((4, 4), 7, std)
    k, v = x @ wk, x @ wv
    heads, out = [], []
    for h in range(2):
        qh = x @ wq[:, 2 * h:2 * h + 2]
        a, _ = attention(qh, k, v)
        heads += [t(f"Q[{h}]", qh), t(f"weights[{h}]", a["weights"]), t(f"output[{h}]", a["output"])]
        out.append(a["output"])
    concat = np.concatenate(out, axis=1)
    return [t("X", x), t("W_Q", wq), t("W_O", wo)] + heads + [t("concat", concat), t("output", concat @ wo),
                                                             t("kvCacheFloatsPerToken", [4])]


def step5():
    q = np.array([[1.0, 0], [0, 1], [1, 1]])
    k = np.array([[1.0, 2], [0, 1], [-1, 0]])
    v = np.array([[1.0, 0], [0, 1], [2, 2]])
    full, _ = attention(q, k, v, mask=MASKS["causal"](3, 3, {}))
    rows, outs = np.zeros((2, 3)), []
    for step in range(2):
        a, _ = attention(q[step:step + 1], k[:step + 1], v[:step + 1])
        rows[step, :step + 1] = a["weights"][0]
        outs.append(a["output"][0])
    return [t("cacheK", k[:2]), t("cacheV", v[:2]), t("query", q[1]), t("weights", rows), t("output", np.array(outs)),
            t("causalWeights", full["weights"])]


def step6():
    x = np.array([[1, 0, 0.5, 1], [1, 0, 0.5, 1], [0, 1, 2, -1]])
    positions = [2, 3, 4]
    theta = 100.0 ** (-2.0 * np.arange(2) / 4)
    y = rope(x, positions, 100.0, "interleaved")
    return [t("angles", np.outer(positions, theta)), t("X_rot", y), t("scores", y @ y.T), t("scoresUnrotated", x @ x.T)]


def step7():
    out = [t("slopes", alibi_slopes(3))]
    m = MASKS["causal"](4, 4, {})
    for h, s in enumerate(alibi_slopes(3)):
        b = alibi_bias(s, 4, 4)
        masked = np.where(m, b, -np.inf)
        w, _ = softmax(masked)
        out += [t(f"bias[{h}]", b), t(f"weights[{h}]", w)]
    return out


def step8():
    pe = np.zeros((5, 6))
    for pos in range(5):
        for c in range(6):
            angle = pos / 100.0 ** ((c - c % 2) / 6)
            pe[pos, c] = math.sin(angle) if c % 2 == 0 else math.cos(angle)
    return [t("PE", pe)]


def main():
    os.makedirs(OUT, exist_ok=True)
    titles = [line[3:] for line in LESSON.splitlines() if line.startswith("## ")]
    steps = [step1, step2, step3, step4, step5, step6, step7, step8]
    expected = [{"step": i + 1, "title": titles[i], "tensors": f()} for i, f in enumerate(steps)]
    with open(os.path.join(OUT, "fixture-lesson.md"), "w") as f:
        f.write(LESSON)
    with open(os.path.join(OUT, "fixture-lesson.json"), "w") as f:
        json.dump({"generator": "scripts/make_lesson_fixtures.py", "numpy": np.__version__, "steps": expected}, f)
        f.write("\n")
    print(f"wrote {len(expected)} steps to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
