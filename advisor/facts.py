"""Facts about the machine and the libraries, gathered cheaply and only when asked."""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.hub import is_offline

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
        offline=is_offline(),
        token_present=_token_present(),
        packages={name: package_version(name) for name in OPTIONAL_PACKAGES},
    )


# --------------------------------------------------------------------------------------------------
# Model facts: sizes without loading (or downloading) the weights
# --------------------------------------------------------------------------------------------------
