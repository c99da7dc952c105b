#!/usr/bin/env python3
"""Measures numpy and PyTorch attention on the shapes `attn bench` uses, and prints them beside attn.

    swift build -c release && .build/release/attn bench --json > /tmp/attn.json
    python3 scripts/bench_reference.py --attn /tmp/attn.json [--T 512 2048] [--json]

numpy: per head, S = Q·Kᵀ/√d (np.matmul over (H, T, d)), a stable softmax (subtract the row max;
causal adds −∞ above the diagonal), then S·V. PyTorch, where it is installed:
torch.nn.functional.scaled_dot_product_attention on CPU on (1, H, T, d) tensors with is_causal (its
fused flash-attention kernel). Install the CPU build in a venv outside the repository:

    python3 -m venv ~/venv-torch && ~/venv-torch/bin/pip install numpy torch==2.13.0+cpu
    ~/venv-torch/bin/python scripts/bench_reference.py --attn /tmp/attn.json

(a plain `pip install torch` fetches a CUDA build that fails to import here). Threads are limited
without threadpoolctl: OPENBLAS_NUM_THREADS / OMP_NUM_THREADS are set before numpy is imported (so
each thread count runs in a fresh subprocess), and torch.set_num_threads.
Times are medians; ratios are attn's best path time over the reference's, so below 1 means attn is
faster. "% sgemm" is GFLOP/s over the sgemm 1024³ ceiling that `attn bench` measured in its run,
with the same thread count.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def measure(fn, min_runs=3, min_seconds=0.3, max_runs=15):
    fn()
    times = []
    while len(times) < min_runs or (sum(times) < min_seconds and len(times) < max_runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def worker(lengths, heads, d, threads):
    """Runs in a subprocess whose thread environment was set before numpy was imported."""
    import numpy as np
    out = []
    rng = np.random.default_rng(0)
    try:
        import torch
        torch.set_num_threads(threads)
    except Exception:  # not installed, or a CUDA build without its CUDA libraries
        torch = None
    for t in lengths:
        q, k, v = (rng.standard_normal((heads, t, d)).astype(np.float32) for _ in range(3))
        upper = np.triu(np.ones((t, t), dtype=bool), 1)
        for causal in (False, True):
            def numpy_attention():
                s = np.matmul(q, k.transpose(0, 2, 1)) * np.float32(1 / np.sqrt(d))
                if causal:
                    s[:, upper] = -np.inf
                s -= s.max(axis=-1, keepdims=True)
                np.exp(s, out=s)
                s /= s.sum(axis=-1, keepdims=True)
                return np.matmul(s, v)
            out.append({"name": "numpy", "T": t, "heads": heads, "d": d, "causal": causal, "threads": threads,
                        "median_ms": measure(numpy_attention)})
            if torch is not None:
                # (1, H, T, d): SDPA takes its fused flash-attention CPU kernel only for 4-D inputs;
                # (H, T, d) silently falls back to the unfused math path, 3–5× slower.
                tq, tk, tv = (torch.from_numpy(a).unsqueeze(0) for a in (q, k, v))
                def torch_attention():
                    with torch.no_grad():
                        return torch.nn.functional.scaled_dot_product_attention(tq, tk, tv, is_causal=causal)
                out.append({"name": "torch_sdpa", "T": t, "heads": heads, "d": d, "causal": causal, "threads": threads,
                            "median_ms": measure(torch_attention), "torch": torch.__version__})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--attn", help="JSON written by `attn bench --json`")
    ap.add_argument("--T", type=int, nargs="+", default=[128, 512, 1024, 2048, 4096])
    ap.add_argument("--heads", type=int, default=8)
    ap.add_argument("--d", type=int, default=64)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", action="store_true", help="print one JSON array of every row")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(worker(a.T, a.heads, a.d, a.worker)))
        return
    refs = []
    for n in a.threads:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(n), OMP_NUM_THREADS=str(n), MKL_NUM_THREADS=str(n))
        cmd = [sys.executable, __file__, "--worker", str(n), "--heads", str(a.heads), "--d", str(a.d), "--T", *map(str, a.T)]
        refs += json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout)
    flops = lambda t, causal: 4 * (t * (t + 1) / 2 if causal else t * t) * a.d * a.heads
    for r in refs:
        r["gflops"] = flops(r["T"], r["causal"]) / (r["median_ms"] * 1e-3) / 1e9
    attn = []
    if a.attn:
        with open(a.attn) as f:
            attn = [r for r in json.load(f) if r["name"] == "attention"]
    if a.json:
        print(json.dumps(refs + attn, indent=1))
        return
    if not any(r["name"] == "torch_sdpa" for r in refs):
        print("PyTorch is not installed: only numpy is measured (see the top of this script to add it).\n")
    ceiling = {r["threads"]: r["gflops"] for r in (json.load(open(a.attn)) if a.attn else []) if r["name"].startswith("sgemm")}
    if ceiling:
        print("sgemm 1024³ ceiling in attn's run: " + ", ".join(f"{g:.1f} GFLOP/s on {n} thread(s)" for n, g in sorted(ceiling.items())) + "\n")
    print(f"{'T':>5} {'mask':>6} {'thr':>3}  {'attn best':>22} {'% sgemm':>7} {'numpy ms':>9} {'attn/numpy':>10} {'torch ms':>9} {'% sgemm':>7} {'attn/torch':>10}")
    for t in a.T:
        for causal in (False, True):
            for n in a.threads:
                pick = lambda name: next((r for r in refs if r["name"] == name and r["T"] == t and r["causal"] == causal and r["threads"] == n), None)
                mine = [r for r in attn if r["T"] == t and r["causal"] == causal and r["threads"] == n and r["heads"] == a.heads and r["d"] == a.d]
                best = min(mine, key=lambda r: r["median_ms"]) if mine else None
                np_r, th_r = pick("numpy"), pick("torch_sdpa")
                cell = lambda r: f"{r['median_ms']:9.2f}" if r else f"{'–':>9}"
                ratio = lambda r: f"{best['median_ms'] / r['median_ms']:10.2f}" if (r and best) else f"{'–':>10}"
                share = lambda r: f"{100 * r['gflops'] / ceiling[n]:6.0f}%" if (r and n in ceiling) else f"{'–':>7}"
                label = lambda r: r["path"] + (f" {r['isa']}" if r.get("isa") else "")
                b = f"{best['median_ms']:8.2f} ({label(best)})" if best else "–"
                print(f"{t:>5} {'causal' if causal else 'full':>6} {n:>3}  {b:>22} {share(best)} {cell(np_r)} {ratio(np_r)} {cell(th_r)} {share(th_r)} {ratio(th_r)}")
    print("\nattn/numpy and attn/torch below 1 mean attn is faster.")


if __name__ == "__main__":
    main()
