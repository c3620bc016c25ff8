"""A catalog of common GPUs, so `advisor plan --gpu T4` can plan for hardware this machine does not have.

Memory is what ``torch.cuda.get_device_properties(i).total_memory`` reports on these cards (a little under
the marketing size); a card that was never initialised also loses about ``CUDA_CONTEXT_BYTES`` to the CUDA
context before any weight is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.errors import InvalidRequest
from advisor.facts import GpuFacts

GIB = 1024**3
#: Memory the CUDA context (driver, cuBLAS/cuDNN workspaces) takes on a fresh card before any tensor.
CUDA_CONTEXT_BYTES = 1 * GIB


@dataclass(frozen=True)
class GpuSpec:
    """One catalog entry: name, memory as torch reports it, compute capability."""

    name: str
    total_bytes: int
    capability: tuple[int, int]
    aliases: tuple[str, ...] = ()

    @property
    def bf16(self) -> bool:
        """Native bfloat16 needs compute capability 8.0 (Ampere) or newer."""
        return self.capability >= (8, 0)


def _gib(value: float) -> int:
    return int(value * GIB)


CATALOG: tuple[GpuSpec, ...] = (
    GpuSpec("T4", _gib(14.75), (7, 5), ("tesla t4",)),
    GpuSpec("V100", _gib(15.78), (7, 0), ("v100-16gb", "tesla v100")),
    GpuSpec("V100-32GB", _gib(31.75), (7, 0)),
    GpuSpec("P100", _gib(15.89), (6, 0), ("tesla p100",)),
    GpuSpec("A10G", _gib(22.0), (8, 6)),
    GpuSpec("L4", _gib(22.5), (8, 9)),
    GpuSpec("L40S", _gib(44.5), (8, 9)),
    GpuSpec("A100-40GB", _gib(39.6), (8, 0), ("a100-sxm4-40gb", "a100-pcie-40gb")),
    GpuSpec("A100-80GB", _gib(79.3), (8, 0), ("a100-sxm4-80gb", "a100-pcie-80gb")),
    GpuSpec("H100", _gib(79.2), (9, 0), ("h100-80gb", "h100-sxm", "h100-pcie")),
    GpuSpec("H200", _gib(139.8), (9, 0)),
    GpuSpec("RTX3060", _gib(11.76), (8, 6), ("rtx-3060", "geforce rtx 3060")),
    GpuSpec("RTX3090", _gib(23.7), (8, 6), ("rtx-3090", "geforce rtx 3090")),
    GpuSpec("RTX4090", _gib(23.64), (8, 9), ("rtx-4090", "geforce rtx 4090")),
    GpuSpec("RTX-A6000", _gib(47.5), (8, 6), ("a6000", "rtx a6000")),
)

_SIZE = re.compile(r"^\s*([\d.]+)\s*(b|kib|mib|gib|tib|kb|mb|gb|tb|k|m|g|t)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40, "kb": 10**3, "mb": 10**6,
          "gb": 10**9, "tb": 10**12, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_size(text: str) -> int:
    """'12GiB' / '12GB' / '12G' / '12' (GiB) -> bytes; accelerate's units (GB = 10**9, GiB = 2**30)."""
    match = _SIZE.match(text)
    if not match:
        raise InvalidRequest(f"cannot read the size {text!r}", "write it like 12GiB, 16GB or 512MiB")
    value, unit = float(match.group(1)), (match.group(2) or "gib").lower()
    return int(value * _UNITS[unit])


def find(name: str) -> GpuSpec:
    """The catalog entry for a name like 'T4', 'a100-80gb' or 'Tesla T4' (case and punctuation ignored)."""
    wanted = _key(name)
    for spec in CATALOG:
        if wanted in {_key(spec.name), *(_key(a) for a in spec.aliases)}:
            return spec
    close = [s.name for s in CATALOG if wanted and (wanted in _key(s.name) or _key(s.name) in wanted)]
    hint = f"did you mean {' or '.join(close)}?" if close else "known GPUs: " + ", ".join(s.name for s in CATALOG)
    raise InvalidRequest(f"unknown GPU {name!r}", hint + " (or give its memory: NAME:SIZE, e.g. T4:16GiB)")


#: ``8xA100-80GB``, ``2 x RTX4090:24GiB``, ``2x T4``: an optional count, then NAME[:SIZE].
_COUNT = re.compile(r"^\s*(?:(\d+)\s*[x×*]\s*)?(\S.*?)\s*$", re.IGNORECASE)
#: More GPUs than any cluster a plan is useful for: almost certainly a typo.
MAX_COUNT = 4096


def parse_item(item: str) -> tuple[int, GpuSpec, int]:
    """``"8xA100-80GB"`` -> (8, the A100-80GB entry, its bytes); ``"2xRTX4090:24GiB"`` -> (2, RTX4090, 24 GiB)."""
    match = _COUNT.match(item or "")
    if not match:
        raise InvalidRequest(f"cannot read the GPU {item!r}", "write [N x]NAME[:SIZE], e.g. T4, 8xA100-80GB or "
                             "2xRTX4090:24GiB")
    count_text, rest = match.group(1), match.group(2)
    count = int(count_text) if count_text is not None else 1
    if not 1 <= count <= MAX_COUNT:
        raise InvalidRequest(f"cannot plan for {count} GPUs in {item!r}", f"give between 1 and {MAX_COUNT}: "
                             "e.g. 8xA100-80GB")
    name, _, size = rest.partition(":")
    if not name.strip():
        raise InvalidRequest(f"no GPU name in {item!r}", "write [N x]NAME[:SIZE], e.g. 2xT4 or 2xRTX4090:24GiB")
    spec = find(name.strip())
    total = parse_size(size) if size.strip() else spec.total_bytes
    if total <= CUDA_CONTEXT_BYTES:
        raise InvalidRequest(f"{size.strip()!r} is too small for a GPU in {item!r}",
                             "give its memory like NAME:16GiB (more than the ~1 GiB the CUDA context takes)")
    return count, spec, total


def what_if(items: list[str]) -> list[GpuFacts]:
    """GpuFacts for ``["T4", "2xRTX3060:12GiB"]``: catalog memory (or the given size) minus a fresh CUDA context,
    N of each for an ``N x`` prefix, numbered in order (mixing allowed)."""
    gpus: list[GpuFacts] = []
    for item in items:
        count, spec, total = parse_item(item)
        for _ in range(count):
            gpus.append(GpuFacts(index=len(gpus), name=spec.name, total_bytes=total,
                                 free_bytes=max(total - CUDA_CONTEXT_BYTES, 0), capability=spec.capability))
    if len(gpus) > MAX_COUNT:
        raise InvalidRequest(f"cannot plan for {len(gpus)} GPUs", f"give at most {MAX_COUNT} in all")
    return gpus
