#!/usr/bin/env python3
"""An independent PyTorch reference for attn's MiniLM (BERT) and SmolLM2 (Llama) forward passes.

    /work/venv-torch/bin/python scripts/model_reference.py tiny     # tiny random models + their reference outputs
    /work/venv-torch/bin/python scripts/model_reference.py real     # reference outputs of the installed real models
    /work/venv-torch/bin/python scripts/model_reference.py bench    # PyTorch timings (JSON), for `attn bench --models`

Needs torch (CPU), numpy, safetensors, gguf. attn itself never runs Python; this script only writes
fixtures and measures the reference. Written from the papers' definitions, not from attn's code:
BERT is post-LN with learned positions, exact-erf GELU and mean pooling; Llama is computed in
Hugging Face's layout — the GGUF's W_Q and W_K rows are un-permuted back and RoPE is applied as
rotate-half — so agreement also checks that attn's adjacent-pair RoPE on the GGUF layout is right.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import gguf
from gguf import quants
from safetensors.numpy import save_file
from safetensors import safe_open

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "Tests", "ModelsTests", "Fixtures")
data_home = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
MODELS = os.environ.get("ATTN_MODELS_DIR") or os.path.join(data_home, "attn", "models")
torch.set_num_threads(1)
torch.set_grad_enabled(False)

# ---------------------------------------------------------------- BERT


def bert_forward(w, cfg, ids):
    d, H = cfg["hidden_size"], cfg["num_attention_heads"]
    dk, eps = d // H, cfg["layer_norm_eps"]
    T = len(ids)
    ln = lambda x, p: torch.nn.functional.layer_norm(x, (d,), w[p + ".weight"], w[p + ".bias"], eps)
    lin = lambda x, p: x @ w[p + ".weight"].T + w[p + ".bias"]
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:T] + w["embeddings.token_type_embeddings.weight"][0]
    x = ln(x, "embeddings.LayerNorm")
    states, atts = [x], []
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q = lin(x, p + "attention.self.query").view(T, H, dk).transpose(0, 1)
        k = lin(x, p + "attention.self.key").view(T, H, dk).transpose(0, 1)
        v = lin(x, p + "attention.self.value").view(T, H, dk).transpose(0, 1)
        a = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(dk), dim=-1)  # (H, T, T)
        atts.append(a)
        ctx = (a @ v).transpose(0, 1).reshape(T, d)
        x = ln(x + lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        f = lin(torch.nn.functional.gelu(lin(x, p + "intermediate.dense")), p + "output.dense")  # exact erf GELU
        x = ln(x + f, p + "output.LayerNorm")
        states.append(x)
    e = x.mean(0)
    e = e / e.norm()
    return x, states, atts, e


def load_bert(folder):
    cfg = json.load(open(os.path.join(folder, "config.json")))
    with safe_open(os.path.join(folder, "model.safetensors"), "pt") as f:
        w = {k: f.get_tensor(k).float() for k in f.keys() if f.get_slice(k).get_dtype() in ("F32", "F16", "BF16")}
    return cfg, w

# ---------------------------------------------------------------- Llama


def gguf_tensors(path):
    r = gguf.GGUFReader(path)
    out = {}
    for t in r.tensors:
        a = quants.dequantize(t.data, t.tensor_type).astype(np.float32)
        out[t.name] = torch.from_numpy(a.reshape([int(x) for x in reversed(t.shape)]).copy())
    meta = {}
    for k, f in r.fields.items():
        if k.startswith("llama."):
            meta[k] = f.contents()
    return out, meta


def unpermute(w, n_head):
    """Inverse of llama.cpp's convert permute: GGUF rows (adjacent RoPE pairs) → HF rows (rotate-half)."""
    rows, cols = w.shape
    return w.reshape(n_head, rows // n_head // 2, 2, cols).swapaxes(1, 2).reshape(rows, cols)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], dim=-1)


class Llama:
    def __init__(self, path):
        self.w, m = gguf_tensors(path)
        self.L = int(m["llama.block_count"]); self.d = int(m["llama.embedding_length"])
        self.H = int(m["llama.attention.head_count"]); self.KV = int(m.get("llama.attention.head_count_kv", self.H))
        self.base = float(m.get("llama.rope.freq_base", 10000.0)); self.eps = float(m["llama.attention.layer_norm_rms_epsilon"])
        self.dh = self.d // self.H
        for i in range(self.L):
            self.w[f"blk.{i}.attn_q.weight"] = unpermute(self.w[f"blk.{i}.attn_q.weight"], self.H)
            self.w[f"blk.{i}.attn_k.weight"] = unpermute(self.w[f"blk.{i}.attn_k.weight"], self.KV)
        self.head = self.w.get("output.weight", self.w["token_embd.weight"])

    def rms(self, x, g):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * g

    def forward(self, ids):
        """Full causal forward over ids (no cache): last-position logits, final hidden, attentions (L, H, T, T)."""
        w, T, dh = self.w, len(ids), self.dh
        x = w["token_embd.weight"][ids]
        inv = 1.0 / (self.base ** (torch.arange(0, dh, 2, dtype=torch.float64) / dh))
        ang = torch.arange(T, dtype=torch.float64)[:, None] * inv[None, :]
        ang = torch.cat([ang, ang], -1)
        cos, sin = ang.cos().float(), ang.sin().float()
        mask = torch.full((T, T), float("-inf")).triu(1)
        atts = []
        for i in range(self.L):
            p = f"blk.{i}."
            h = self.rms(x, w[p + "attn_norm.weight"])
            q = (h @ w[p + "attn_q.weight"].T).view(T, self.H, dh).transpose(0, 1)
            k = (h @ w[p + "attn_k.weight"].T).view(T, self.KV, dh).transpose(0, 1)
            v = (h @ w[p + "attn_v.weight"].T).view(T, self.KV, dh).transpose(0, 1)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            k = k.repeat_interleave(self.H // self.KV, 0)
            v = v.repeat_interleave(self.H // self.KV, 0)
            a = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(dh) + mask, -1)
            atts.append(a)
            x = x + (a @ v).transpose(0, 1).reshape(T, self.d) @ w[p + "attn_output.weight"].T
            h = self.rms(x, w[p + "ffn_norm.weight"])
            f = torch.nn.functional.silu(h @ w[p + "ffn_gate.weight"].T) * (h @ w[p + "ffn_up.weight"].T)
            x = x + f @ w[p + "ffn_down.weight"].T
        hn = self.rms(x, w["output_norm.weight"])
        return hn[-1] @ self.head.T, hn, torch.stack(atts)

    def greedy(self, ids, n):
        ids = list(ids)
        for _ in range(n):
            logits, _, _ = self.forward(ids)
            ids.append(int(torch.argmax(logits)))
        return ids

# ---------------------------------------------------------------- fixtures


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def write_tiny():
    rng = np.random.default_rng(20261201)
    # Tiny BERT: vocab 40, d 32, 4 heads, 2 layers, ffn 64.
    cfg = {"hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2, "intermediate_size": 64,
           "layer_norm_eps": 1e-12, "max_position_embeddings": 16, "vocab_size": 40, "hidden_act": "gelu", "type_vocab_size": 2}
    d, ff = 32, 64
    W = {"embeddings.word_embeddings.weight": (40, d), "embeddings.position_embeddings.weight": (16, d),
         "embeddings.token_type_embeddings.weight": (2, d), "embeddings.LayerNorm.weight": (d,), "embeddings.LayerNorm.bias": (d,)}
    for i in range(2):
        p = f"encoder.layer.{i}."
        for n in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"]:
            W[p + n + ".weight"] = (d, d); W[p + n + ".bias"] = (d,)
        W[p + "intermediate.dense.weight"] = (ff, d); W[p + "intermediate.dense.bias"] = (ff,)
        W[p + "output.dense.weight"] = (d, ff); W[p + "output.dense.bias"] = (d,)
        for n in ["attention.output.LayerNorm", "output.LayerNorm"]:
            W[p + n + ".weight"] = (d,); W[p + n + ".bias"] = (d,)
    arrays = {}
    for k, s in W.items():
        a = rng.standard_normal(s).astype(np.float32) * (0.3 if len(s) == 2 else 0.1)
        if k.endswith("LayerNorm.weight"):
            a = a + 1
        arrays[k] = a
    arrays["embeddings.position_ids"] = np.arange(16, dtype=np.int64)[None]  # as real checkpoints carry it
    os.makedirs(os.path.join(FIX, "tiny-bert"), exist_ok=True)
    save_file(arrays, os.path.join(FIX, "tiny-bert", "model.safetensors"))
    json.dump(cfg, open(os.path.join(FIX, "tiny-bert", "config.json"), "w"), indent=1)
    ref = {}
    w = {k: torch.from_numpy(v).float() for k, v in arrays.items() if v.dtype == np.float32}
    ids = [2, 7, 11, 3, 39, 0, 5]
    x, states, atts, e = bert_forward(w, cfg, ids)
    ref["bert"] = {"ids": ids, "hidden": flat(x), "states": [flat(s) for s in states], "attentions": flat(torch.stack(atts)), "embedding": flat(e)}

    # Tiny Llama: vocab 64, d 64, 4 heads / 2 KV heads (dh 16), ffn 96, 2 layers; Q8_0 embeddings, Q4_1 matrices.
    path = os.path.join(FIX, "tiny-llama.gguf")
    gw = gguf.GGUFWriter(path, "llama")
    V, d, H, KV, ffn, L = 64, 64, 4, 2, 96, 2
    gw.add_uint32("llama.block_count", L); gw.add_uint32("llama.embedding_length", d)
    gw.add_uint32("llama.feed_forward_length", ffn); gw.add_uint32("llama.attention.head_count", H)
    gw.add_uint32("llama.attention.head_count_kv", KV); gw.add_float32("llama.rope.freq_base", 10000.0)
    gw.add_float32("llama.attention.layer_norm_rms_epsilon", 1e-5); gw.add_uint32("llama.context_length", 64)
    Q8, Q41 = gguf.GGMLQuantizationType.Q8_0, gguf.GGMLQuantizationType.Q4_1

    def add(name, shape, qt=None, scale=0.3, offset=0.0):
        a = (rng.standard_normal(shape) * scale + offset).astype(np.float32)
        if qt is None:
            gw.add_tensor(name, a)
        else:
            gw.add_tensor(name, quants.quantize(a, qt), raw_dtype=qt)
    add("token_embd.weight", (V, d), Q8, 1.0)
    for i in range(L):
        p = f"blk.{i}."
        add(p + "attn_norm.weight", (d,), None, 0.1, 1.0)
        add(p + "attn_q.weight", (d, d), Q41); add(p + "attn_k.weight", (KV * 16, d), Q41)
        add(p + "attn_v.weight", (KV * 16, d), Q41); add(p + "attn_output.weight", (d, d), Q41)
        add(p + "ffn_norm.weight", (d,), None, 0.1, 1.0)
        add(p + "ffn_gate.weight", (ffn, d), Q41); add(p + "ffn_up.weight", (ffn, d), Q41); add(p + "ffn_down.weight", (d, ffn), Q41)
    add("output_norm.weight", (d,), None, 0.1, 1.0)
    gw.write_header_to_file(); gw.write_kv_data_to_file(); gw.write_tensors_to_file(); gw.close()
    m = Llama(path)
    ids = [1, 17, 42, 5, 63, 8]
    logits, hn, atts = m.forward(ids)
    ref["llama"] = {"ids": ids, "logits": flat(logits), "hidden": flat(hn[-1]), "attentions": flat(atts),
                    "greedy": m.greedy(ids, 6)}
    json.dump(ref, open(os.path.join(FIX, "tiny_reference.json"), "w"))
    print("wrote tiny models and tiny_reference.json")


MINILM_SENTENCE = "Attention lets every token look at every other token."
SMOLLM_PROMPT = "The capital of France is"


def write_real():
    from tokenizers import Tokenizer
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from make_tokenizer_fixtures import smollm2_tokenizer
    folder = os.path.join(MODELS, "minilm")
    tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json")); tok.no_padding(); tok.no_truncation()
    ids = tok.encode(MINILM_SENTENCE).ids
    cfg, w = load_bert(folder)
    x, states, atts, e = bert_forward(w, cfg, ids)
    ref = {"minilm": {"text": MINILM_SENTENCE, "ids": ids, "hidden": flat(x), "attentions": flat(torch.stack(atts)), "embedding": flat(e)}}
    path = os.path.join(MODELS, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")
    _, bpe = smollm2_tokenizer(path)
    ids = bpe.encode(SMOLLM_PROMPT, add_special_tokens=False).ids
    m = Llama(path)
    logits, hn, atts = m.forward(ids)
    full = m.greedy(ids, 8)
    ref["smollm2"] = {"text": SMOLLM_PROMPT, "ids": ids, "hidden": flat(hn[-1]), "attentions": flat(atts),
                      "greedy": full[len(ids):], "greedy_text": bpe.decode(full[len(ids):])}
    json.dump(ref, open(os.path.join(FIX, "real_reference.json"), "w"))
    print("wrote real_reference.json; greedy continuation:", repr(ref["smollm2"]["greedy_text"]))


def bench():
    """PyTorch on one thread: MiniLM on a 16-token input; SmolLM2 prompt of 32 tokens, then decoding with a KV cache."""
    out = {}
    cfg, w = load_bert(os.path.join(MODELS, "minilm"))
    ids = [101] + [2000 + i for i in range(14)] + [102]
    for _ in range(3):
        bert_forward(w, cfg, ids)
    ts = []
    for _ in range(20):
        t0 = time.perf_counter(); bert_forward(w, cfg, ids); ts.append(time.perf_counter() - t0)
    out["minilm_16_ms"] = 1000 * float(np.median(ts))
    m = Llama(os.path.join(MODELS, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"))
    prompt = [1000 + 7 * i for i in range(32)]
    t0 = time.perf_counter(); m.forward(prompt); out["smollm2_ttft_32_ms"] = 1000 * (time.perf_counter() - t0)
    # Decoding with a KV cache (the same layers, one token at a time).
    w, dh = m.w, m.dh
    inv = 1.0 / (m.base ** (torch.arange(0, dh, 2, dtype=torch.float64) / dh))
    K = [[] for _ in range(m.L)]; Vs = [[] for _ in range(m.L)]
    def step(tok, pos):
        x = w["token_embd.weight"][[tok]]
        ang = (pos * inv); ang = torch.cat([ang, ang]); cos, sin = ang.cos().float(), ang.sin().float()
        for i in range(m.L):
            p = f"blk.{i}."
            h = m.rms(x, w[p + "attn_norm.weight"])
            q = (h @ w[p + "attn_q.weight"].T).view(m.H, 1, dh); k = (h @ w[p + "attn_k.weight"].T).view(m.KV, 1, dh)
            v = (h @ w[p + "attn_v.weight"].T).view(m.KV, 1, dh)
            q = q * cos + rotate_half(q) * sin; k = k * cos + rotate_half(k) * sin
            K[i].append(k); Vs[i].append(v)
            kk = torch.cat(K[i], 1).repeat_interleave(m.H // m.KV, 0); vv = torch.cat(Vs[i], 1).repeat_interleave(m.H // m.KV, 0)
            a = torch.softmax(q @ kk.transpose(1, 2) / math.sqrt(dh), -1)
            x = x + (a @ vv).transpose(0, 1).reshape(1, m.d) @ w[p + "attn_output.weight"].T
            h = m.rms(x, w[p + "ffn_norm.weight"])
            x = x + (torch.nn.functional.silu(h @ w[p + "ffn_gate.weight"].T) * (h @ w[p + "ffn_up.weight"].T)) @ w[p + "ffn_down.weight"].T
        return int(torch.argmax(m.rms(x, w["output_norm.weight"])[0] @ m.head.T))
    tok = prompt[0]
    for pos in range(32):
        tok = step(prompt[pos], pos)
    n = 32
    t0 = time.perf_counter()
    for pos in range(32, 32 + n):
        tok = step(tok, pos)
    out["smollm2_tokens_per_s"] = n / (time.perf_counter() - t0)
    import resource
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["torch"] = torch.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    {"tiny": write_tiny, "real": write_real, "bench": bench}[sys.argv[1] if len(sys.argv) > 1 else "tiny"]()
