"""What a checkpoint needs, read without loading its weights: parameters and bytes per dtype from safetensors
headers (local, cached or over HTTP), or from the config on the meta device. Machine facts live in
``advisor.facts``; this module sizes models for preflight and ``advisor plan``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.hub import is_offline

#: safetensors header dtype codes -> torch dtype names.
SAFETENSORS_DTYPES = {
    "F64": "float64", "F32": "float32", "F16": "float16", "BF16": "bfloat16", "I64": "int64", "I32": "int32",
    "I16": "int16", "I8": "int8", "U8": "uint8", "U16": "uint16", "U32": "uint32", "U64": "uint64",
    "BOOL": "bool", "F8_E4M3": "float8_e4m3fn", "F8_E5M2": "float8_e5m2",
}
DTYPE_BYTES = {
    "float64": 8, "float32": 4, "float16": 2, "bfloat16": 2, "int64": 8, "int32": 4, "int16": 2, "int8": 1,
    "uint8": 1, "uint16": 2, "uint32": 4, "uint64": 8, "bool": 1, "float8_e4m3fn": 1, "float8_e5m2": 1,
}
FLOATING = frozenset({"float64", "float32", "float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"})
#: dtypes a plan reports sizes for; int8/int4 are bitsandbytes' LLM.int8 and NF4 (blocks of 64, fp32 absmax).
PLAN_DTYPES = ("float32", "float16", "bfloat16", "int8", "int4")
_NOT_QUANTIZED = ("embed", "lm_head", "wte", "wpe", "shared", "norm", "ln_")
_MAX_HEADER = 100 * 2**20
_WEIGHT_INDEXES = ("model.safetensors.index.json", "pytorch_model.bin.index.json")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")

Tensor = tuple[str, tuple[int, ...], str]  # name, shape, dtype name


class ModelFacts(BaseModel):
    """How big a checkpoint is, read from safetensors headers, file sizes or the config (never the weights)."""

    model_config = ConfigDict(frozen=True)

    model_id: str
    source: str  # "safetensors" (local headers), "hub" (headers over HTTP), "weights_files", "config"
    parameters: int
    dtypes: dict[str, int] = Field(default_factory=dict)  # stored dtype -> number of parameters
    checkpoint_bytes: int = 0
    quantizable: int = 0  # parameters in 2-D linear weights, the ones 8-/4-bit quantization shrinks
    safetensors: bool = True  # disk offload reads safetensors in place (no offload_folder needed)
    model_type: str | None = None
    config_dtype: str | None = None
    quantized: str | None = None  # quant_method of a pre-quantized checkpoint

    @property
    def stored_dtype(self) -> str:
        """The checkpoint's own floating dtype (what transformers 5's default dtype="auto" loads)."""
        floats = {k: v for k, v in self.dtypes.items() if k in FLOATING}
        if floats:
            return max(floats, key=lambda k: floats[k])
        return self.config_dtype or "float32"

    def bytes_at(self, dtype: str) -> int:
        """Bytes of the weights once loaded at ``dtype`` ("auto" = as stored; "int8"/"int4" = bitsandbytes)."""
        if dtype == "auto":
            dtype = self.stored_dtype
        floating = sum(v for k, v in self.dtypes.items() if k in FLOATING) if self.dtypes else self.parameters
        other = sum(v * DTYPE_BYTES.get(k, 1) for k, v in self.dtypes.items() if k not in FLOATING)
        if dtype == "int8":
            return self.quantizable + (floating - self.quantizable) * 2 + other
        if dtype == "int4":
            return self.quantizable // 2 + self.quantizable // 16 + (floating - self.quantizable) * 2 + other
        return floating * DTYPE_BYTES.get(dtype, 4) + other

    @property
    def bytes(self) -> dict[str, int]:
        """Weight bytes per dtype: float32, float16, bfloat16, int8, int4."""
        return {dtype: self.bytes_at(dtype) for dtype in PLAN_DTYPES}


def read_safetensors_header(path: str | Path) -> dict[str, Any]:
    """The JSON header of a safetensors file: 8 bytes little-endian length, then that much JSON. Reads nothing else."""
    import struct

    with open(path, "rb") as handle:
        head = handle.read(8)
        if len(head) != 8:
            raise ValueError(f"{path} is too short to be a safetensors file")
        (length,) = struct.unpack("<Q", head)
        if length > _MAX_HEADER:
            raise ValueError(f"{path}: header length {length} is implausible (an LFS pointer or a truncated file?)")
        data = handle.read(length)
    if len(data) != length:
        raise ValueError(f"{path}: header cut short")
    header = json.loads(data)
    if not isinstance(header, dict):
        raise ValueError(f"{path}: header is not a JSON object")
    return header


def header_tensors(header: dict[str, Any]) -> list[Tensor]:
    """(name, shape, dtype) of each tensor described by a safetensors header."""
    out: list[Tensor] = []
    for name, info in header.items():
        if name == "__metadata__" or not isinstance(info, dict):
            continue
        dtype = SAFETENSORS_DTYPES.get(str(info.get("dtype")), "")
        out.append((name, tuple(int(d) for d in info.get("shape", ())), dtype))
    return out


def summarise(model_id: str, source: str, tensors: list[Tensor], **extra: Any) -> ModelFacts:
    """ModelFacts from a list of tensors: counts per dtype, bytes, and what quantization would shrink."""
    dtypes: dict[str, int] = {}
    quantizable = stored = 0
    for name, shape, dtype in tensors:
        count = 1
        for dim in shape:
            count *= dim
        dtypes[dtype] = dtypes.get(dtype, 0) + count
        stored += count * DTYPE_BYTES.get(dtype, 4)
        if len(shape) == 2 and name.endswith("weight") and not any(part in name for part in _NOT_QUANTIZED):
            quantizable += count
    return ModelFacts(model_id=model_id, source=source, parameters=sum(dtypes.values()), dtypes=dtypes,
                      checkpoint_bytes=extra.pop("checkpoint_bytes", stored), quantizable=quantizable, **extra)


def local_model_dir(model_id: str, revision: str | None = None, subfolder: str = "",
                    cache_dir: str | None = None) -> Path | None:
    """The folder holding the checkpoint: a local folder, or the cached snapshot of a Hub repo (no network)."""
    from advisor.hub import is_dir

    path = Path(model_id).expanduser()
    if is_dir(path):
        return path / subfolder if subfolder else path
    if model_id.count("/") > 1 or not model_id.strip():
        return None
    from huggingface_hub import try_to_load_from_cache

    name = f"{subfolder}/config.json" if subfolder else "config.json"
    try:
        found = try_to_load_from_cache(model_id, name, cache_dir=cache_dir, revision=revision)
    except ValueError:  # not a valid repo id
        return None
    return Path(found).parent if isinstance(found, str) else None


def _config_info(folder: Path) -> dict[str, Any]:

    try:
        config = json.loads((folder / "config.json").read_text())
    except (OSError, ValueError):
        return {}
    return _config_extra(config if isinstance(config, dict) else {})


def _config_extra(config: dict[str, Any]) -> dict[str, Any]:
    dtype = config.get("dtype") or config.get("torch_dtype")
    quant = config.get("quantization_config")
    return {
        "model_type": config.get("model_type"),
        "config_dtype": str(dtype).removeprefix("torch.") if isinstance(dtype, str) else None,
        "quantized": quant.get("quant_method") if isinstance(quant, dict) else None,
    }


def local_model_facts(folder: Path, model_id: str) -> ModelFacts | None:
    """Sizes from a checkpoint folder: safetensors headers, else the .bin files' sizes. None if it has neither."""

    extra = _config_info(folder)
    for index_name, single, is_st in ((_WEIGHT_INDEXES[0], _WEIGHT_FILES[0], True),
                                      (_WEIGHT_INDEXES[1], _WEIGHT_FILES[1], False)):
        index = folder / index_name
        try:
            if index.is_file():
                shards = sorted(set(json.loads(index.read_text()).get("weight_map", {}).values()))
            elif (folder / single).is_file():
                shards = [single]
            else:
                continue
            files = [folder / shard for shard in shards]
            if is_st:
                tensors = [t for file in files for t in header_tensors(read_safetensors_header(file))]
                return summarise(model_id, "safetensors", tensors, **extra)
            size = sum(file.stat().st_size for file in files)
        except (OSError, ValueError):
            return None  # missing or damaged files: the load itself will say so, with a rule
        dtype = extra.get("config_dtype") or "float32"
        count = size // DTYPE_BYTES.get(dtype, 4)
        return ModelFacts(model_id=model_id, source="weights_files", parameters=count, dtypes={dtype: count},
                          checkpoint_bytes=size, quantizable=int(count * 0.9), safetensors=False, **extra)
    return None


def hub_model_facts(model_id: str, revision: str | None = None, token: Any = None) -> ModelFacts:
    """Sizes from the Hub: huggingface_hub reads each safetensors header with a ranged GET (no weights)."""

    from huggingface_hub import HfApi, hf_hub_download

    meta = HfApi().get_safetensors_metadata(model_id, revision=revision, token=token)
    tensors = [(name, tuple(info.shape), SAFETENSORS_DTYPES.get(info.dtype, ""))
               for file in meta.files_metadata.values() for name, info in file.tensors.items()]
    try:
        config = json.loads(Path(hf_hub_download(model_id, "config.json", revision=revision, token=token))
                            .read_text())
        extra = _config_extra(config if isinstance(config, dict) else {})
    except (OSError, ValueError):
        extra = {}
    return summarise(model_id, "hub", tensors, **extra)


@dataclass(frozen=True)
class MetaModel:
    """A model built on the meta device (shapes, no data) and its config as the checkpoint wrote it."""

    module: Any
    config: dict[str, Any]


def meta_model(model_id: str, *, auto_class: str = "AutoModelForCausalLM", revision: str | None = None,
               dtype: str | None = None, trust_remote_code: bool = False, **hub_kwargs: Any) -> MetaModel:
    """The model built from its config on the meta device (accelerate's init_empty_weights): shapes, no data.

    ``dtype`` sets the meta parameters' dtype (planning at any dtype needs the widest, float32).
    """
    import copy

    import torch
    import transformers
    from accelerate import init_empty_weights

    config = transformers.AutoConfig.from_pretrained(model_id, revision=revision,
                                                     trust_remote_code=trust_remote_code, **hub_kwargs)
    written = config.to_dict()  # before from_config(dtype=...) rewrites its dtype
    from advisor.backend import LOAD_LOCK

    kwargs: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if dtype and dtype != "auto":
        kwargs["dtype"] = getattr(torch, dtype)
    # transformers' lazy module and init_empty_weights (it swaps torch's init functions process-wide) are not
    # thread-safe: under the same lock as every load.
    with LOAD_LOCK, init_empty_weights():
        cls = getattr(transformers, auto_class, None) or transformers.AutoModel
        try:
            module = cls.from_config(copy.deepcopy(config), **kwargs)
        except ValueError:  # the config has no mapping for this Auto class: the bare model has the same weights
            module = transformers.AutoModel.from_config(copy.deepcopy(config), **kwargs)
    return MetaModel(module=module, config=written)


def config_model_facts(meta: MetaModel, model_id: str) -> ModelFacts:
    """Sizes of a meta-device model built from the config alone (a repo or folder without weights)."""
    tensors = [(name, tuple(p.shape), str(p.dtype).removeprefix("torch."))
               for name, p in meta.module.named_parameters()]
    extra = _config_extra(meta.config)
    checkpoint_dtype = extra.get("config_dtype")
    if checkpoint_dtype in DTYPE_BYTES:  # the config says how the checkpoint is stored
        tensors = [(n, s, checkpoint_dtype if d in FLOATING else d) for n, s, d in tensors]
    return summarise(model_id, "config", tensors, **extra)


def model_facts(model_id: str, *, revision: str | None = None, hub: bool = False, config: bool = False,
                auto_class: str = "AutoModelForCausalLM", subfolder: str = "", cache_dir: str | None = None,
                token: Any = None, trust_remote_code: bool = False) -> ModelFacts | None:
    """The model's sizes, cheapest source first: local/cached headers, then the Hub (if ``hub``), then the
    config on the meta device (if ``config``). None when no allowed source answers."""
    folder = local_model_dir(model_id, revision, subfolder, cache_dir)
    if folder is not None:
        found = local_model_facts(folder, model_id)
        if found is not None:
            return found
    from advisor.hub import exists

    if hub and not is_offline() and not exists(model_id):
        from huggingface_hub.errors import HfHubHTTPError, NotASafetensorsRepoError

        try:
            return hub_model_facts(model_id, revision, token)
        except (NotASafetensorsRepoError, HfHubHTTPError, OSError, ValueError):
            pass
    if config:
        try:
            meta = meta_model(model_id, auto_class=auto_class, revision=revision, trust_remote_code=trust_remote_code,
                              subfolder=subfolder, cache_dir=cache_dir, token=token)
        except (OSError, ValueError, KeyError, ImportError):
            return None
        return config_model_facts(meta, model_id)
    return None
