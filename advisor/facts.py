"""Facts about the machine and the libraries, gathered cheaply and only when asked."""

from __future__ import annotations

import os
import shutil
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
    disk_free_bytes: int | None = None
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
        avail = self.ram_available_bytes
        if self.memory_limit_bytes:
            return min(avail, self.memory_limit_bytes) if avail else self.memory_limit_bytes
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
    """Installed version of a distribution, or None; cached (metadata lookups are slow-ish)."""
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _offline() -> bool:
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on"):
            return True
    return False


def _token_present() -> bool:
    if any(os.environ.get(v) for v in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")):
        return True
    from huggingface_hub import constants

    return Path(constants.HF_TOKEN_PATH).is_file()


def memory_limit_bytes() -> int | None:
    """The tightest of the cgroup v2/v1 memory limit and RLIMIT_AS (psutil reports the host's RAM)."""
    limits: list[int] = []
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            raw = Path(path).read_text().strip()
        except OSError:
            continue
        if raw.isdigit() and int(raw) < 1 << 60:
            limits.append(int(raw))
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft not in (resource.RLIM_INFINITY, -1):
            limits.append(int(soft))
    except (ImportError, ValueError, OSError):
        pass
    return min(limits) if limits else None


def gather(*, torch_loaded: bool = True) -> Facts:
    """Read the facts now. Imports torch only if asked (the loop already needs it)."""
    import psutil
    from huggingface_hub import constants

    mem = psutil.virtual_memory()
    cache = str(constants.HF_HUB_CACHE)
    disk_free = None
    probe = Path(cache)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        disk_free = shutil.disk_usage(probe).free
    except OSError:
        pass
    gpus: list[GpuFacts] = []
    cuda = mps = False
    if torch_loaded:
        import torch

        cuda = bool(torch.cuda.is_available())
        if cuda:
            for i in range(torch.cuda.device_count()):
                props = torch.cuda.get_device_properties(i)
                free, total = torch.cuda.mem_get_info(i)
                gpus.append(
                    GpuFacts(index=i, name=props.name, total_bytes=total, free_bytes=free,
                             capability=(props.major, props.minor))
                )
        mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    return Facts(
        cuda_available=cuda,
        gpus=gpus,
        mps_available=mps,
        ram_total_bytes=mem.total,
        ram_available_bytes=mem.available,
        memory_limit_bytes=memory_limit_bytes(),
        disk_free_bytes=disk_free,
        hf_cache=cache,
        offline=_offline(),
        token_present=_token_present(),
        packages={name: package_version(name) for name in OPTIONAL_PACKAGES},
    )
