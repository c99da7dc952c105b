#!/usr/bin/env python3
"""The facts Lessons/10-trained-models.md states, measured from attn's own model stage.

Runs `attn eval -` on a bare `op: model` scene for each model and sentence and prints, per
model: the tokens; for MiniLM how much weight each layer's heads put on [CLS] and [SEP]; for
SmolLM2 the (layer, head) whose weights sit most on the previous token and the mean weight on
the first token per layer (the attention sink). The lesson's prose and LessonClaimsTests read
the same numbers from the engine; this script is how they were found.

    python3 scripts/model_facts.py [--attn .build/debug/attn] [--minilm TEXT] [--smollm2 TEXT]
"""
import argparse, json, subprocess

def run(attn, model, sentence, layer=0):
    scene = f"op: model\nmodel: {model}\nsentence: {json.dumps(sentence)}\nlayer: {layer}\n"
    out = subprocess.run([attn, "eval", "-"], input=scene, capture_output=True, text=True, check=True).stdout
    return {t["name"]: t for t in json.loads(out)}

def matrix(t):
    r, c = t["shape"]
    v = [float(x) for x in t["values"]]
    return [v[i * c:(i + 1) * c] for i in range(r)]

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--attn", default=".build/debug/attn")
    p.add_argument("--minilm", default="The cat sat on the mat because it was tired.")
    p.add_argument("--smollm2", default="The cat sat on the mat because it was tired.")
    a = p.parse_args()

    m = run(a.attn, "minilm", a.minilm)
    tokens = m["weights[0]"].get("rows") or None
    first, last = matrix(m["firstToken"]), matrix(m["lastToken"])
    print(f"MiniLM on {a.minilm!r}: {len(m['ids']['values'])} tokens")
    for l, (fr, lr) in enumerate(zip(first, last)):
        both = [f + s for f, s in zip(fr, lr)]
        print(f"  layer {l}: heads with > 50% on [CLS]+[SEP]: {sum(b > 0.5 for b in both):2d}/12;"
              f" most on [SEP]: head {max(range(12), key=lambda h: lr[h])} ({max(lr):.3f});"
              f" mean on [SEP] {sum(lr) / 12:.3f}, on [CLS] {sum(fr) / 12:.3f}")

    s = run(a.attn, "smollm2", a.smollm2)
    prev, sink = matrix(s["previousToken"]), matrix(s["firstToken"])
    T = len(s["ids"]["values"])
    best = max(((l, h) for l in range(30) for h in range(9)), key=lambda lh: prev[lh[0]][lh[1]])
    print(f"SmolLM2 on {a.smollm2!r}: {T} tokens")
    print(f"  previous-token head: layer {best[0]} head {best[1]}: mean weight on i-1 = {prev[best[0]][best[1]]:.3f}")
    ranked = sorted(((prev[l][h], l, h) for l in range(30) for h in range(9)), reverse=True)[:6]
    print("  next best: " + ", ".join(f"L{l}h{h} {v:.3f}" for v, l, h in ranked[1:]))
    for l in range(30):
        print(f"  layer {l:2d}: mean weight on the first token {sum(sink[l]) / 9:.3f} (max head {max(sink[l]):.3f}); "
              f"best previous-token head h{max(range(9), key=lambda h: prev[l][h])} {max(prev[l]):.3f}")

if __name__ == "__main__":
    main()
