"""A ~25M-parameter llama checkpoint in a temporary HF cache, built the way advisor.sandbox builds tiny ones."""

from __future__ import annotations

from pathlib import Path

from advisor.sandbox.cache import install_in_cache

REPO_ID = "bench/llama-25m"
HIDDEN = 512
LAYERS = 6
HEADS = 8
INTERMEDIATE = 1200
VOCAB = 8000
SEED = 1234


def build_bench_llama(dst: Path) -> Path:
    """Write a LlamaForCausalLM of about 25M parameters (fp32 safetensors) and a fast tokenizer to ``dst``."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from advisor.sandbox.checkpoints import _save_tokenizer, _token_ids

    specials = {"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}
    tokenizer = _save_tokenizer(dst, specials)
    ids = _token_ids(tokenizer, specials)
    config = LlamaConfig(
        vocab_size=VOCAB, hidden_size=HIDDEN, intermediate_size=INTERMEDIATE, num_hidden_layers=LAYERS,
        num_attention_heads=HEADS, num_key_value_heads=HEADS, max_position_embeddings=512,
        bos_token_id=ids["bos_token_id"], eos_token_id=ids["eos_token_id"], pad_token_id=ids["pad_token_id"],
    )
    torch.manual_seed(SEED)
    model = LlamaForCausalLM(config)
    model.save_pretrained(dst, safe_serialization=True)
    return dst


def parameter_count(folder: Path) -> int:
    """Parameters stored in the checkpoint's safetensors files (read from the headers only)."""
    import json
    import struct

    total = 0
    for file in folder.glob("*.safetensors"):
        with file.open("rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8))
            header = json.loads(handle.read(length))
        for key, tensor in header.items():
            if key != "__metadata__":
                count = 1
                for dim in tensor["shape"]:
                    count *= int(dim)
                total += count
    return total


def build_bench_cache(hf_home: Path) -> Path:
    """``hf_home`` holding REPO_ID in a real HF cache layout; returns the snapshot folder."""
    source = hf_home.parent / "bench-llama-src"
    if not (source / "config.json").is_file():
        build_bench_llama(source)
    return install_in_cache(hf_home, REPO_ID, source)
