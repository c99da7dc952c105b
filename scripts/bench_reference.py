#!/usr/bin/env python3
"""Measures numpy and PyTorch attention on the shapes `attn bench` uses, and prints them beside attn.

    swift build -c release && .build/release/attn bench --json > /tmp/attn.json
    python3 scripts/bench_reference.py --attn /tmp/attn.json [--T 512 2048] [--json]
    python3 scripts/bench_reference.py --run-attn .build/release/attn --rounds 3 --T 512 2048 4096

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
faster. "% sgemm" is the fastest run's GFLOP/s over the sgemm 1024³ ceiling (its fastest run)
that `attn bench` measured in its run, with the same thread count (with --run-attn, the run for the
same T, seconds after), the median over rounds: both are limits of the machine, and on a shared
machine noise only slows runs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def measure(fn, min_runs=3, min_seconds=0.3, max_runs=100):
    """(median, fastest) ms, with the same run counts as `attn bench`."""
    fn()
    times = []
    while len(times) < min_runs or (sum(times) < min_seconds and len(times) < max_runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3, min(times) * 1e3


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
            median_ms, best_ms = measure(numpy_attention)
            out.append({"name": "numpy", "T": t, "heads": heads, "d": d, "causal": causal, "threads": threads,
                        "median_ms": median_ms, "best_ms": best_ms})
            if torch is not None:
                # (1, H, T, d): SDPA takes its fused flash-attention CPU kernel only for 4-D inputs;
                # (H, T, d) silently falls back to the unfused math path, 3–5× slower.
                tq, tk, tv = (torch.from_numpy(a).unsqueeze(0) for a in (q, k, v))
                def torch_attention():
                    with torch.no_grad():
                        return torch.nn.functional.scaled_dot_product_attention(tq, tk, tv, is_causal=causal)
                median_ms, best_ms = measure(torch_attention)
                out.append({"name": "torch_sdpa", "T": t, "heads": heads, "d": d, "causal": causal, "threads": threads,
                            "median_ms": median_ms, "best_ms": best_ms, "torch": torch.__version__})
    return out


def reference_round(a, lengths, threads):
    """numpy and PyTorch for each thread count, each in a fresh subprocess."""
    refs = []
    for n in threads:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(n), OMP_NUM_THREADS=str(n), MKL_NUM_THREADS=str(n))
        cmd = [sys.executable, __file__, "--worker", str(n), "--heads", str(a.heads), "--d", str(a.d), "--T", *map(str, lengths)]
        refs += json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout)
    flops = lambda t, causal: 4 * (t * (t + 1) / 2 if causal else t * t) * a.d * a.heads
    for r in refs:
        r["gflops"] = flops(r["T"], r["causal"]) / (r["median_ms"] * 1e-3) / 1e9
        r["best_gflops"] = flops(r["T"], r["causal"]) / (r["best_ms"] * 1e-3) / 1e9
    return refs


def attn_round(a, lengths, threads):
    """`attn bench --json` on the same shapes, run by this script (--run-attn)."""
    cmd = [a.run_attn, "bench", "--json", "--heads", str(a.heads), "--head-dim", str(a.d), "--T", *map(str, lengths),
           "--threads", *map(str, threads), "--paths", *a.attn_paths]
    rows = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    for r in rows:
        r["invocation"] = f"{lengths}×{threads}"   # ties each case to the sgemm ceiling measured beside it
        flops = 2 * r["T"] ** 3 if r["name"].startswith("sgemm") else \
            4 * (r["T"] * (r["T"] + 1) / 2 if r["causal"] else r["T"] ** 2) * r["d"] * r["heads"]
        r["best_gflops"] = flops / (r["best_ms"] * 1e-3) / 1e9
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--attn", help="JSON written by `attn bench --json`")
    ap.add_argument("--run-attn", metavar="BINARY", help="run `BINARY bench --json` itself, once per round, before the references")
    ap.add_argument("--attn-paths", nargs="+", default=["tiled"], help="paths --run-attn measures (default: tiled)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat attn (with --run-attn) and the references this many times; the table shows medians, "
                         "and each ratio is taken within a round, then the median and range over rounds")
    ap.add_argument("--T", type=int, nargs="+", default=[128, 512, 1024, 2048, 4096])
    ap.add_argument("--heads", type=int, default=8)
    ap.add_argument("--d", type=int, default=64)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", action="store_true", help="print one JSON array of every row (with its round)")
    ap.add_argument("--table-from", metavar="FILE", help="print the table of a saved --json output instead of measuring")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(worker(a.T, a.heads, a.d, a.worker)))
        return
    rounds = []                      # [(attn rows, reference rows)]
    if a.table_from:
        with open(a.table_from) as f:
            rows = json.load(f)
        a.T = sorted({r["T"] for r in rows if r["name"] == "attention"})   # the lengths the file holds
        for i in sorted({r["round"] for r in rows}):
            mine = [r for r in rows if r["round"] == i and r["name"] in ("attention",) or r["round"] == i and r["name"].startswith("sgemm")]
            rounds.append((mine, [r for r in rows if r["round"] == i and r["name"] in ("numpy", "torch_sdpa")]))
    loaded = []
    if a.attn:
        with open(a.attn) as f:
            loaded = json.load(f)
    for i in range(0 if a.table_from else a.rounds):
        if a.run_attn:
            # attn and the references take turns per (T, threads), so that a change in the machine's
            # load between them (it is shared) moves both sides of a ratio alike
            mine, refs = [], []
            for t in a.T:
                for n in a.threads:
                    mine += attn_round(a, [t], [n])
                    refs += reference_round(a, [t], [n])
        else:
            mine, refs = loaded, reference_round(a, a.T, a.threads)
        rounds.append((mine, refs))
        print(f"… round {i + 1} of {a.rounds} done", file=sys.stderr)
    if a.json:
        print(json.dumps([dict(r, round=i) for i, (m, refs) in enumerate(rounds) for r in m + refs], indent=1))
        return
    if not any(r["name"] == "torch_sdpa" for _, refs in rounds for r in refs):
        print("PyTorch is not installed: only numpy is measured (see the top of this script to add it).\n")
    med = statistics.median
    ceilings = {}
    for m, _ in rounds:
        for r in m:
            if r["name"].startswith("sgemm"):
                ceilings.setdefault(r["threads"], []).append(r.get("best_gflops", r["gflops"]))
    if ceilings:
        print("sgemm 1024³ ceiling, measured by each attn run after its cases: " +
              ", ".join(f"{min(g):.1f}–{max(g):.1f} GFLOP/s (median {med(g):.1f}) on {n} thread(s)" for n, g in sorted(ceilings.items())))
        cores = sorted({r["blas_core"] for m, _ in rounds for r in m if r["name"].startswith("sgemm") and r.get("blas_core")})
        if cores:
            print("on OpenBLAS's " + ", ".join(cores) + " kernels")
        if any("OPENBLAS_CORETYPE" in c for c in cores):
            print("the environment's OPENBLAS_CORETYPE chose them (numpy's OpenBLAS reads it too), so the ceiling may be below "
                  "this CPU's: unset it to measure against the kernels OpenBLAS picks for this CPU")

    def ceiling_beside(m, row, n):
        """The sgemm ceiling of the attn run that measured `row` (or of the round's runs), n threads."""
        runs = [r for r in m if r["name"].startswith("sgemm") and r["threads"] == n]
        near = [r for r in runs if row is not None and r.get("invocation") == row.get("invocation")]
        return (near or runs or [None])[0]
    print(f"{len(rounds)} round(s); times are medians over rounds; a ratio is attn over the reference in the same round, "
          "median [min–max] over rounds; below 1 means attn is faster.\n")
    print(f"{'T':>5} {'mask':>6} {'thr':>3}  {'attn ms':>8} {'path':>11} {'%sgemm':>6}  {'numpy ms':>9} {'attn/numpy':>17}  "
          f"{'torch ms':>8} {'%sgemm':>6} {'attn/torch':>17}")
    for t in a.T:
        for causal in (False, True):
            for n in a.threads:
                same = lambda r: r["T"] == t and r["causal"] == causal and r["threads"] == n
                best, refs_by_name = [], {"numpy": [], "torch_sdpa": []}
                for m, refs in rounds:
                    cands = [r for r in m if r["name"] == "attention" and same(r) and r["heads"] == a.heads and r["d"] == a.d]
                    best.append(min(cands, key=lambda r: r["median_ms"]) if cands else None)
                    for name in refs_by_name:
                        refs_by_name[name].append(next((r for r in refs if r["name"] == name and same(r)), None))
                def ms(rows):
                    xs = [r["median_ms"] for r in rows if r]
                    return med(xs) if xs else None
                def pct(rows):
                    # each round's fastest run over the sgemm ceiling (its fastest run) measured
                    # beside it (attn's run for this T and thread count, seconds after), so that the
                    # machine's drift over a long run moves both alike; the median over rounds
                    xs = []
                    for (m, _), r, b in zip(rounds, rows, best):
                        c = ceiling_beside(m, b, n) if r else None
                        if c:
                            xs.append(r.get("best_gflops", r["gflops"]) / c.get("best_gflops", c["gflops"]))
                    return f"{100 * med(xs):5.0f}%" if xs else f"{'–':>6}"
                def ratio(refs):
                    xs = [b["median_ms"] / r["median_ms"] for b, r in zip(best, refs) if b and r]
                    if not xs:
                        return f"{'–':>17}"
                    return f"{med(xs):5.2f} [{min(xs):.2f}–{max(xs):.2f}]"
                fmt = lambda x, w: f"{x:{w}.2f}" if x is not None else f"{'–':>{w}}"
                b = next((r for r in best if r), None)
                path = (b["path"] + (f" {b['isa']}" if b.get("isa") else "")) if b else "–"
                print(f"{t:>5} {'causal' if causal else 'full':>6} {n:>3}  {fmt(ms(best), 8)} {path:>11} {pct(best)}  "
                      f"{fmt(ms(refs_by_name['numpy']), 9)} {ratio(refs_by_name['numpy'])}  "
                      f"{fmt(ms(refs_by_name['torch_sdpa']), 8)} {pct(refs_by_name['torch_sdpa'])} {ratio(refs_by_name['torch_sdpa'])}")


if __name__ == "__main__":
    main()
