#!/usr/bin/env python3
"""Writes the tokenizer fixtures for Tests/ModelsTests: the reference token ids that the Hugging Face
`tokenizers` library gives for every sentence in scripts/tokenizer_sentences.json, plus the
vocabularies the Swift tests load (MiniLM's vocab.txt; a GGUF holding only SmolLM2's tokenizer
metadata), so the Swift tests need neither Python nor a download.

    attn models install all
    /work/venv-torch/bin/python scripts/make_tokenizer_fixtures.py [MODELS_DIR]

MODELS_DIR defaults to $XDG_DATA_HOME/attn/models (~/.local/share/attn/models). Needs `tokenizers`
and `gguf` from PyPI. Never edit the outputs by hand.

MiniLM: the library loads the model's own tokenizer.json (padding and truncation switched off).
SmolLM2: the library is configured from the GGUF's vocabulary and merges with the pre-tokenizer
the GGUF names (tokenizer.ggml.pre = "smollm": each digit split off, then GPT-2's byte-level
regex) and the control tokens (token_type 3) as special tokens.
"""
import json
import os
import shutil
import sys

import gguf
from tokenizers import Tokenizer, AddedToken, decoders, pre_tokenizers
from tokenizers.models import BPE

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "ModelsTests", "Fixtures")
data_home = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
MODELS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data_home, "attn", "models")
MINILM = os.path.join(MODELS, "minilm")
GGUF_PATH = os.path.join(MODELS, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")

sentences = json.load(open(os.path.join(ROOT, "scripts", "tokenizer_sentences.json"), encoding="utf-8"))


def field_strings(r, key):
    f = r.fields[key]
    return [bytes(f.parts[i]).decode("utf-8") for i in f.data]


def smollm2_tokenizer(path):
    r = gguf.GGUFReader(path)
    tokens = field_strings(r, "tokenizer.ggml.tokens")
    types = [int(r.fields["tokenizer.ggml.token_type"].parts[i][0]) for i in r.fields["tokenizer.ggml.token_type"].data]
    merges = [tuple(m.split(" ", 1)) for m in field_strings(r, "tokenizer.ggml.merges")]
    pre = bytes(r.fields["tokenizer.ggml.pre"].parts[-1]).decode()
    assert pre == "smollm", pre
    tok = Tokenizer(BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t, ty in zip(tokens, types) if ty == 3])
    return r, tok


def tokenizer_only_gguf(r, out):
    """A GGUF with SmolLM2's tokenizer metadata and no tensors."""
    w = gguf.GGUFWriter(out, "llama")
    w.add_string("tokenizer.ggml.model", "gpt2")
    w.add_string("tokenizer.ggml.pre", "smollm")
    w.add_array("tokenizer.ggml.tokens", field_strings(r, "tokenizer.ggml.tokens"))
    w.add_array("tokenizer.ggml.merges", field_strings(r, "tokenizer.ggml.merges"))
    w.add_array("tokenizer.ggml.token_type", [int(r.fields["tokenizer.ggml.token_type"].parts[i][0]) for i in r.fields["tokenizer.ggml.token_type"].data])
    for k in ["bos_token_id", "eos_token_id", "unknown_token_id", "padding_token_id"]:
        w.add_uint32("tokenizer.ggml." + k, int(r.fields["tokenizer.ggml." + k].parts[-1][0]))
    w.add_bool("tokenizer.ggml.add_bos_token", False)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def main():
    os.makedirs(OUT, exist_ok=True)
    bert = Tokenizer.from_file(os.path.join(MINILM, "tokenizer.json"))
    bert.no_padding()
    bert.no_truncation()
    shutil.copyfile(os.path.join(MINILM, "vocab.txt"), os.path.join(OUT, "minilm-vocab.txt"))
    r, bpe = smollm2_tokenizer(GGUF_PATH)
    tokenizer_only_gguf(r, os.path.join(OUT, "smollm2-tokenizer.gguf"))
    ref = {"sentences": sentences, "minilm": [], "smollm2": []}
    for s in sentences:
        e = bert.encode(s)
        ref["minilm"].append({"ids": e.ids, "tokens": e.tokens})
        e = bpe.encode(s, add_special_tokens=False)
        ref["smollm2"].append({"ids": e.ids, "tokens": e.tokens})
    with open(os.path.join(OUT, "tokenizer_reference.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=False, indent=0)
    print(f"wrote {len(sentences)} sentences to {OUT}")


if __name__ == "__main__":
    main()
