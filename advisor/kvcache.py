"""The KV cache a model needs to serve ``batch_size`` sequences of ``context_length`` tokens, from its config.

Per layer and token the cache holds one key and one value vector per KV head:
``2 × num_key_value_heads × head_dim × bytes(dtype)`` (GQA/MQA shrink ``num_key_value_heads``; MHA has it equal
to ``num_attention_heads``). A sliding-window layer (Mistral's ``sliding_window``, Gemma-2/3's ``layer_types`` or
``sliding_window_pattern``) or a chunked-attention layer (Llama 4) keeps at most its window, as transformers'
sliding-window cache layers and vLLM's hybrid allocator do. Composite (multi-modal) configs are sized by their
text decoder (``config.get_text_config(decoder=True)``, transformers' own accessor). Only the decoder's
self-attention is counted: cross-attention caches of encoder-decoder models are not.

Why this is written here: neither transformers nor accelerate sizes a cache before one is allocated (transformers'
``Cache`` classes allocate tensors; vLLM profiles on a real GPU). The arithmetic is the one those allocations do.

Margin: the KV cache is counted inside the same 90 % of free GPU memory that transformers' ``device_map="auto"``
budgets for weights (``advisor.planner.GPU_FRACTION``); the remaining 10 % is the activation/overhead margin
(prefill activations with SDPA/flash attention, CUDA graphs, allocator fragmentation) — the same reserve as
transformers' default ``max_memory`` and vLLM's default ``gpu_memory_utilization=0.9``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: A layer type that keeps a fixed-size state instead of a growing KV cache (linear attention, Mamba, ...).
NO_KV_LAYERS = frozenset({"linear_attention", "mamba", "mamba2", "conv", "recurrent", "rwkv"})
#: Bytes per element of the cache for a weight dtype: quantized weights still compute (and cache) in fp16.
CACHE_DTYPE_BYTES = {"float32": 4, "float64": 8, "float16": 2, "bfloat16": 2, "int8": 2, "int4": 2,
                     "float8_e4m3fn": 1, "float8_e5m2": 1}


@dataclass(frozen=True)
class KvShape:
    """What the cache of one sequence is made of: per-layer windows, KV heads and head sizes."""

    layers: int
    kv_heads: int
    k_head_dim: int
    v_head_dim: int
    windows: tuple[int | None, ...]  # per layer: None = the whole context, 0 = no KV cache, n = at most n tokens
    notes: tuple[str, ...] = field(default=())

    def bytes_per_token(self, dtype: str) -> int:
        """K+V bytes one token adds to one layer (the 'per token per layer' figure)."""
        return self.kv_heads * (self.k_head_dim + self.v_head_dim) * CACHE_DTYPE_BYTES.get(dtype, 2)

    def layer_bytes(self, layer: int, context_length: int, batch_size: int, dtype: str) -> int:
        """Bytes of layer ``layer``'s cache for ``batch_size`` sequences of ``context_length`` tokens."""
        window = self.windows[layer]
        tokens = context_length if window is None else min(context_length, window)
        return batch_size * tokens * self.bytes_per_token(dtype)

    def per_layer(self, context_length: int, batch_size: int, dtype: str) -> list[int]:
        """Bytes of each layer's cache, in layer order."""
        return [self.layer_bytes(i, context_length, batch_size, dtype) for i in range(self.layers)]

    def total(self, context_length: int, batch_size: int, dtype: str) -> int:
        """Bytes of the whole cache."""
        return sum(self.per_layer(context_length, batch_size, dtype))


def text_config(config: Any) -> Any:
    """The decoder's config of a composite (multi-modal) config, else the config itself (transformers' accessor)."""
    getter = getattr(config, "get_text_config", None)
    if callable(getter):
        try:
            return getter(decoder=True)
        except TypeError:  # an older signature
            return getter()
    return config


def _get(config: Any, *names: str) -> Any:
    for name in names:
        value = getattr(config, name, None)
        if value is not None:
            return value
    return None


def kv_shape(config: Any) -> KvShape | None:
    """The cache shape from a transformers config (composite ones via their text config); None when the config
    does not say how many layers/heads it has."""
    text = text_config(config)
    layers = _get(text, "num_hidden_layers", "n_layer", "num_layers")
    heads = _get(text, "num_attention_heads", "n_head", "num_heads")
    hidden = _get(text, "hidden_size", "n_embd", "d_model")
    if not isinstance(layers, int) or not isinstance(heads, int) or layers <= 0 or heads <= 0:
        return None
    notes: list[str] = []
    kv_heads = _get(text, "num_key_value_heads", "num_kv_heads", "n_head_kv")
    if getattr(text, "multi_query", False) is True and not getattr(text, "new_decoder_architecture", False):
        kv_heads = 1  # multi-query attention (Falcon-7B, GPTBigCode): one K/V head shared by all
    if kv_heads is None:
        kv_heads = heads
    head_dim = _get(text, "head_dim")
    if head_dim is None:
        if not isinstance(hidden, int):
            return None
        head_dim = hidden // heads
    k_dim = v_dim = int(head_dim)
    if _get(text, "kv_lora_rank") is not None and _get(text, "qk_nope_head_dim") is not None:
        # multi-head latent attention (DeepSeek-V2/V3): transformers caches the expanded per-head K and V
        k_dim = int(text.qk_nope_head_dim) + int(_get(text, "qk_rope_head_dim") or 0)
        v_dim = int(_get(text, "v_head_dim") or k_dim)
        kv_heads = heads
        notes.append("multi-head latent attention: sized as transformers caches it (expanded K/V per head); "
                     "engines that cache the latent (vLLM, SGLang) need much less")
    windows = _windows(text, layers, notes)
    return KvShape(layers=layers, kv_heads=int(kv_heads), k_head_dim=k_dim, v_head_dim=v_dim, windows=windows,
                   notes=tuple(notes))


def _windows(text: Any, layers: int, notes: list[str]) -> tuple[int | None, ...]:
    sliding = _get(text, "sliding_window")
    chunk = _get(text, "attention_chunk_size")
    types = getattr(text, "layer_types", None)
    if isinstance(types, (list, tuple)) and len(types) == layers:
        out: list[int | None] = []
        for kind in types:
            if kind == "sliding_attention" and isinstance(sliding, int):
                out.append(sliding)
            elif kind == "chunked_attention" and isinstance(chunk, int):
                out.append(chunk)
            elif kind in NO_KV_LAYERS:
                out.append(0)
            else:
                out.append(None)
        if any(w == 0 for w in out):
            notes.append("layers without a KV cache (linear attention / state-space) keep a small fixed state, "
                         "not counted")
        return tuple(out)
    pattern = _get(text, "sliding_window_pattern")
    if isinstance(pattern, int) and pattern > 1 and isinstance(sliding, int):  # Gemma-3 before layer_types
        return tuple(None if (i + 1) % pattern == 0 else sliding for i in range(layers))
    if isinstance(sliding, int) and sliding > 0 and getattr(text, "use_sliding_window", True) is not False:
        return (sliding,) * layers  # Mistral-7B-v0.1: every layer attends to the last `sliding_window` tokens
    return (None,) * layers


def cache_dtype(weights_dtype: str) -> str:
    """The dtype the cache is kept in: the weights' float dtype; float16 for 8-/4-bit quantized weights."""
    return weights_dtype if weights_dtype in ("float32", "float16", "bfloat16") else "float16"
