#!/usr/bin/env python3
"""Writes the reader fixtures for Tests/ModelFormatsTests: small GGUF and safetensors files plus
the values each tensor must read as, computed by the reference libraries (gguf's own quantise and
dequantise, safetensors' own writer, numpy's float16) rather than by attn's code.

    /work/venv-torch/bin/python scripts/make_format_fixtures.py   # needs numpy, gguf, safetensors

Never edit the outputs by hand.
"""
import json
import os

import numpy as np
import gguf
from gguf import quants
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ModelFormatsTests", "Fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261201)

expected = {"tensors": {}, "metadata": {}}

# ---------------------------------------------------------------- GGUF v3
w = gguf.GGUFWriter(os.path.join(OUT, "blocks.gguf"), "test")
meta = {
    "t.u8": (w.add_uint8, 200), "t.i8": (w.add_int8, -100), "t.u16": (w.add_uint16, 60000),
    "t.i16": (w.add_int16, -30000), "t.u32": (w.add_uint32, 4000000000), "t.i32": (w.add_int32, -2000000000),
    "t.f32": (w.add_float32, 1.5), "t.bool": (w.add_bool, True), "t.str": (w.add_string, "привет, ☃"),
    "t.u64": (w.add_uint64, 2**63 + 5), "t.i64": (w.add_int64, -2**62), "t.f64": (w.add_float64, -0.125),
}
for k, (f, v) in meta.items():
    f(k, v)
    expected["metadata"][k] = v if not isinstance(v, bool) else bool(v)
w.add_array("t.arr_i32", [1, -2, 3])
w.add_array("t.arr_str", ["a", "bc", ""])
expected["metadata"]["t.arr_i32"] = [1, -2, 3]
expected["metadata"]["t.arr_str"] = ["a", "bc", ""]

shape = (3, 64)  # rows × columns; ggml dims are (64, 3)
x = (rng.standard_normal(shape) * 0.7 + 0.1).astype(np.float32)
x[1, :32] = 0  # an all-zero block
x[2, 32:] = np.abs(x[2, 32:])  # a one-signed block
for name, qt in [("q8_0", gguf.GGMLQuantizationType.Q8_0), ("q4_0", gguf.GGMLQuantizationType.Q4_0),
                 ("q4_1", gguf.GGMLQuantizationType.Q4_1)]:
    q = quants.quantize(x, qt)
    w.add_tensor(name, q, raw_dtype=qt)
    expected["tensors"][name] = {"shape": list(shape), "data": quants.dequantize(q, qt).reshape(-1).tolist()}
f32 = rng.standard_normal((2, 3, 4)).astype(np.float32)
w.add_tensor("f32", f32)
expected["tensors"]["f32"] = {"shape": [2, 3, 4], "data": f32.reshape(-1).tolist()}
f16 = np.array([[0, 1, -2.5, 65504], [6e-8, -6.1e-5, 0.1, 3.14159]], dtype=np.float16)
w.add_tensor("f16", f16)
expected["tensors"]["f16"] = {"shape": [2, 4], "data": f16.astype(np.float32).reshape(-1).tolist()}
w.write_header_to_file()
w.write_kv_data_to_file()
w.write_tensors_to_file()
w.close()
with open(os.path.join(OUT, "blocks.gguf.json"), "w") as f:
    json.dump(expected, f)

# ---------------------------------------------------------------- safetensors
a = rng.standard_normal((3, 5)).astype(np.float32)
h = rng.standard_normal((4,)).astype(np.float16)
b32 = rng.standard_normal((2, 3)).astype(np.float32)
bf = (b32.view(np.uint32) >> 16).astype(np.uint16)  # bfloat16 by truncation, kept as raw bits
bf_expected = (bf.astype(np.uint32) << 16).view(np.float32)
tensors = {"a": a, "h": h, "bf_bits": bf}
save_file(tensors, os.path.join(OUT, "small.safetensors"), metadata={"format": "pt"})
# safetensors.numpy writes uint16 as U16; rewrite that entry's dtype to BF16 (same bytes).
p = os.path.join(OUT, "small.safetensors")
raw = open(p, "rb").read()
n = int.from_bytes(raw[:8], "little")
header = json.loads(raw[8:8 + n])
header["bf_bits"]["dtype"] = "BF16"
hb = json.dumps(header, separators=(",", ":")).encode()
hb += b" " * (n - len(hb)) if len(hb) <= n else b""
assert len(hb) == n
open(p, "wb").write(raw[:8] + hb + raw[8 + n:])
with open(os.path.join(OUT, "small.safetensors.json"), "w") as f:
    json.dump({"a": {"shape": [3, 5], "data": a.reshape(-1).tolist()},
               "h": {"shape": [4], "data": h.astype(np.float32).tolist()},
               "bf_bits": {"shape": [2, 3], "data": bf_expected.reshape(-1).tolist()}}, f)
print("wrote", OUT)
