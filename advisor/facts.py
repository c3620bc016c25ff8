"""Facts about the machine and the libraries, gathered cheaply and only when asked."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

OPTIONAL_PACKAGES = (
    "torch", "transformers", "accelerate", "huggingface_hub", "safetensors", "tokenizers",
    "sentencepiece", "protobuf", "bitsandbytes", "flash_attn", "optimum", "peft",
)
GIB = 1024**3
#: Distributions whose import name is the same and whose ``__version__`` is the distribution's version.
_SAME_VERSION = frozenset({"torch", "transformers", "accelerate", "huggingface_hub", "safetensors", "tokenizers"})


class GpuFacts(BaseModel):
    """One accelerator: name, memory and what precision it supports natively."""

    model_config = ConfigDict(frozen=True)

    index: int
    name: str
    total_bytes: int
    free_bytes: int
    capability: tuple[int, int] = (0, 0)

    @property
    def bf16(self) -> bool:
        return self.capability >= (8, 0)


class Facts(BaseModel):
    """What the loop and the rules may know about this machine. Never holds a secret's value."""

    model_config = ConfigDict(frozen=True)

    cuda_available: bool = False
    gpus: list[GpuFacts] = Field(default_factory=list)
    mps_available: bool = False
    ram_total_bytes: int = 0
    ram_available_bytes: int = 0
    memory_limit_bytes: int | None = None  # cgroup or RLIMIT_AS, whichever is tighter
    memory_limit_kind: str | None = None  # "cgroup" or "rlimit_as": which one binds
    memory_headroom_bytes: int | None = None  # what this process may still allocate under that limit
    disk_free_bytes: int | None = None  # where the HF cache lives
    offload_disk_free_bytes: int | None = None  # the temp folder, where offload folders are made
    hf_cache: str = ""
    offline: bool = False
    token_present: bool = False
    packages: dict[str, str | None] = Field(default_factory=dict)

    @property
    def bf16_supported(self) -> bool:
        return bool(self.gpus) and all(g.bf16 for g in self.gpus)

    @property
    def best_half_dtype(self) -> str:
        """bf16 where every GPU supports it, else fp16 on GPUs; bf16 on CPU (fp16 CPU kernels are slow)."""
        if self.gpus:
            return "bfloat16" if self.bf16_supported else "float16"
        return "bfloat16"

    @property
    def effective_ram_bytes(self) -> int:
        """RAM this process can really use: the host's available RAM, capped by a cgroup/RLIMIT_AS limit."""
        avail = self.ram_available_bytes
        cap = self.memory_headroom_bytes if self.memory_headroom_bytes is not None else self.memory_limit_bytes
        if cap is not None:
            return min(avail, cap) if avail else cap
        return avail

    def has(self, package: str) -> bool:
        return bool(self.packages.get(package))

    def as_context(self) -> dict[str, Any]:
        """The flat dict rules read as ``facts.*``."""
        gpu = self.gpus[0] if self.gpus else None
        return {
            "cuda_available": self.cuda_available,
            "gpu_count": len(self.gpus),
            "gpu_name": gpu.name if gpu else None,
            "gpu_free_gib": round(gpu.free_bytes / GIB, 2) if gpu else 0.0,
            "gpu_total_gib": round(gpu.total_bytes / GIB, 2) if gpu else 0.0,
            "compute_capability": float(f"{gpu.capability[0]}.{gpu.capability[1]}") if gpu else 0.0,
            "bf16_supported": self.bf16_supported,
            "best_half_dtype": self.best_half_dtype,
            "ram_gib": round(self.effective_ram_bytes / GIB, 2),
            "host_ram_gib": round(self.ram_available_bytes / GIB, 2),
            "memory_limit_kind": self.memory_limit_kind,
            "offline": self.offline,
            "token_present": self.token_present,
            "transformers_version": self.packages.get("transformers") or "unknown",
            "transformers_major": _major(self.packages.get("transformers")),
            "torch_version": self.packages.get("torch") or "unknown",
            "hf_cache": self.hf_cache,
            "installed": {k: bool(v) for k, v in self.packages.items()},
        }


def _major(ver: str | None) -> int:
    try:
        return int(str(ver).split(".")[0])
    except ValueError:
        return 0


@cache
def package_version(name: str) -> str | None:
    """Installed version of a distribution, or None; cached. An already imported module answers with its
    ``__version__`` (reading dist metadata costs ~4 ms a package: it parses the METADATA file)."""
    module = sys.modules.get(name) if name in _SAME_VERSION else None
    found = getattr(module, "__version__", None)
    if isinstance(found, str):
        return str(found)
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def transformers_major() -> int:
    """The installed transformers' major version (5 when unknown): the one place that decides 4.x vs 5.x."""
    try:
        return int((package_version("transformers") or "5").split(".")[0])
    except ValueError:
        return 5


def _offline() -> bool:
    from advisor.hub import is_offline

    return is_offline()


def _token_present() -> bool:
    if any(os.environ.get(v) for v in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")):
        return True
    from huggingface_hub import constants

    return Path(constants.HF_TOKEN_PATH).is_file()


def _read_int(path: Path) -> int | None:
    try:
        raw = path.read_text().strip()
    except OSError:
        return None
    return int(raw) if raw.isdigit() and int(raw) < 1 << 60 else None  # "max" or ~2**63: no limit


def cgroup_memory(root: Path = Path("/sys/fs/cgroup"),
                  proc_cgroup: Path = Path("/proc/self/cgroup")) -> tuple[int | None, int | None]:
    """(limit, headroom) in bytes from cgroup v2 or v1: the tightest limit on this process's cgroup or its
    parents, and how much more it may allocate under it (limit - usage). (None, None) without a limit."""
    try:
        lines = proc_cgroup.read_text().splitlines()
    except OSError:
        lines = []
    paths: dict[str, str] = {}
    for line in lines:
        _id, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if controllers == "":
            paths["v2"] = path
        elif "memory" in controllers.split(","):
            paths["v1"] = path
    layouts = (("v2", root, "memory.max", "memory.current"),
               ("v1", root / "memory", "memory.limit_in_bytes", "memory.usage_in_bytes"))
    limit: int | None = None
    headroom: int | None = None
    for layout, base, limit_file, usage_file in layouts:
        rel = Path(paths.get(layout, "/").lstrip("/"))
        # Inside a container the cgroup is usually mounted at the root; walk from the leaf up to it.
        for folder in dict.fromkeys([base / rel, *(base / p for p in rel.parents)]):
            value = _read_int(folder / limit_file)
            if value is None:
                continue
            usage = _read_int(folder / usage_file) or 0
            limit = value if limit is None else min(limit, value)
            room = max(value - usage, 0)
            headroom = room if headroom is None else min(headroom, room)
    return limit, headroom


def address_space_limit() -> tuple[int | None, int | None]:
    """(RLIMIT_AS soft limit, address space left under it) in bytes; (None, None) when unlimited."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, ValueError, OSError):
        return None, None
    if soft in (resource.RLIM_INFINITY, -1):
        return None, None
    import psutil

    return int(soft), max(int(soft) - int(psutil.Process().memory_info().vms), 0)


def memory_limit_bytes() -> int | None:
    """The tightest of the cgroup v2/v1 memory limit and RLIMIT_AS (psutil reports the host's RAM)."""
    limits = [v for v in (cgroup_memory()[0], address_space_limit()[0]) if v is not None]
    return min(limits) if limits else None


def disk_free(path: str | Path) -> int | None:
    """Free bytes on the filesystem that holds ``path`` (or would hold it: the nearest existing parent)."""
    probe = Path(path).expanduser()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def gpu_facts() -> list[GpuFacts]:
    """Every CUDA device: name, capability, total and free memory (free counts torch's cached-but-unused)."""
    import torch

    gpus: list[GpuFacts] = []
    if not torch.cuda.is_available():
        return gpus
    for i in range(torch.cuda.device_count()):
        props = torch.cuda.get_device_properties(i)
        free, total = torch.cuda.mem_get_info(i)
        free += torch.cuda.memory_reserved(i) - torch.cuda.memory_allocated(i)
        gpus.append(GpuFacts(index=i, name=props.name, total_bytes=total, free_bytes=free,
                             capability=(props.major, props.minor)))
    return gpus


def gather(*, torch_loaded: bool = True) -> Facts:
    """Read the facts now (about a millisecond once warm). Imports torch only if asked (the loop needs it)."""
    import tempfile

    import psutil
    from huggingface_hub import constants

    mem = psutil.virtual_memory()
    cache = str(constants.HF_HUB_CACHE)
    gpus: list[GpuFacts] = []
    mps = False
    if torch_loaded:
        import torch

        gpus = gpu_facts()
        mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    limits: dict[str, tuple[int, int]] = {}  # kind -> (limit, headroom under it)
    for kind_name, (limit, room) in (("cgroup", cgroup_memory()), ("rlimit_as", address_space_limit())):
        if limit is not None:
            limits[kind_name] = (limit, room if room is not None else limit)
    kind = min(limits, key=lambda k: limits[k][1]) if limits else None
    return Facts(
        cuda_available=bool(gpus),
        gpus=gpus,
        mps_available=mps,
        ram_total_bytes=mem.total,
        ram_available_bytes=mem.available,
        memory_limit_bytes=min(limit for limit, _room in limits.values()) if limits else None,
        memory_limit_kind=kind,
        memory_headroom_bytes=limits[kind][1] if kind else None,
        disk_free_bytes=disk_free(cache),
        offload_disk_free_bytes=disk_free(tempfile.gettempdir()),
        hf_cache=cache,
        offline=_offline(),
        token_present=_token_present(),
        packages={name: package_version(name) for name in OPTIONAL_PACKAGES},
    )


# --------------------------------------------------------------------------------------------------
# Model facts: sizes without loading (or downloading) the weights
# --------------------------------------------------------------------------------------------------

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
    import json
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
    import json

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
    import json

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
    import json

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
    cls = getattr(transformers, auto_class, None) or transformers.AutoModel
    kwargs: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if dtype and dtype != "auto":
        kwargs["dtype"] = getattr(torch, dtype)
    with init_empty_weights():
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

    if hub and not _offline() and not exists(model_id):
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
