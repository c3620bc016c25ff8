"""Read torch's CUDA OOM message: tell fragmentation from another process from a model that is too big."""

from __future__ import annotations

import re

_UNITS = {"b": 1 / 2**30, "kib": 1 / 2**20, "mib": 1 / 2**10, "gib": 1.0, "tib": 1024.0,
          "kb": 1 / 2**20, "mb": 1 / 2**10, "gb": 1.0}
_NUM = r"([\d.]+)\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB)"
_PATTERNS = {
    "oom_tried_gib": rf"Tried to allocate {_NUM}",
    "oom_total_gib": rf"total capacity of {_NUM}",
    "oom_free_gib": rf"of which {_NUM} is free|{_NUM} free;",
    "oom_allocated_gib": rf"Of the allocated memory {_NUM} is allocated by PyTorch|{_NUM} already allocated",
    "oom_reserved_unallocated_gib": rf"and {_NUM} is reserved by PyTorch but unallocated",
    "oom_reserved_gib": rf"{_NUM} reserved in total by PyTorch",
    "oom_other_process_gib": rf"Process \d+ has {_NUM} memory in use",
}


def _gib(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit.lower()]


def parse_oom(text: str) -> dict[str, float | str]:
    """Numbers from a CUDA OOM message, in GiB, plus a verdict: fragmentation / other_process / too_big."""
    if not re.search(r"(?i)out of memory", text):
        return {}
    out: dict[str, float | str] = {}
    for key, pattern in _PATTERNS.items():
        match = re.search(pattern, text)
        if match:
            groups = [g for g in match.groups() if g is not None]
            out[key] = round(_gib(groups[0], groups[1]), 4)
    tried = float(out.get("oom_tried_gib", 0.0))
    unalloc = float(out.get("oom_reserved_unallocated_gib", 0.0))
    reserved = float(out.get("oom_reserved_gib", 0.0))
    allocated = float(out.get("oom_allocated_gib", 0.0))
    if "oom_reserved_unallocated_gib" not in out and reserved and allocated:
        unalloc = max(reserved - allocated, 0.0)
        out["oom_reserved_unallocated_gib"] = round(unalloc, 4)
    other = float(out.get("oom_other_process_gib", 0.0))
    total = float(out.get("oom_total_gib", 0.0))
    if tried and unalloc >= tried:
        out["oom_verdict"] = "fragmentation"
    elif other and total and other > 0.25 * total and allocated < 0.5 * other:
        out["oom_verdict"] = "other_process"
    else:
        out["oom_verdict"] = "too_big"
    return out
