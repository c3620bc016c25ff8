"""Read torch's CUDA OOM message: tell fragmentation from another process from a model that is too big.

torch >= 2.1 writes "Tried to allocate X. GPU 0 has a total capacity of T of which F is free. Process N has M
memory in use. Including non-PyTorch memory, this process has P memory in use. Of the allocated memory A is
allocated by PyTorch, and U is reserved by PyTorch but unallocated."; older releases wrote "(GPU 0; T total
capacity; A already allocated; F free; R reserved in total by PyTorch)". Every number becomes a GiB float in
``Failure.details`` (``failure.oom_*`` in rules), with a verdict the cuda-oom rule picks its rung by.
"""

from __future__ import annotations

import re

_UNITS = {"b": 1 / 2**30, "bytes": 1 / 2**30, "kib": 1 / 2**20, "mib": 1 / 2**10, "gib": 1.0, "tib": 1024.0,
          "kb": 1 / 2**20, "mb": 1 / 2**10, "gb": 1.0, "tb": 1024.0}
_NUM = r"([\d.]+)\s*(bytes|B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)\b"
_PATTERNS = {
    "oom_tried_gib": rf"Tried to allocate {_NUM}",
    # torch 2.1 printed "total capacty" (sic)
    "oom_total_gib": rf"total capaci?ty of {_NUM}|{_NUM} total capacity",
    "oom_free_gib": rf"of which {_NUM} is free|{_NUM} free;",
    "oom_process_in_use_gib": rf"this process has {_NUM} memory in use",
    "oom_allocated_gib": rf"Of the allocated memory {_NUM} is allocated by PyTorch|{_NUM} already allocated",
    "oom_reserved_unallocated_gib": rf"and {_NUM} is reserved by PyTorch but unallocated",
    "oom_reserved_gib": rf"{_NUM} reserved in total by PyTorch",
}
_OTHER = re.compile(rf"Process \d+ has {_NUM} memory in use")
_DEVICE = re.compile(r"GPU (\d+)")
#: Another process matters when it holds at least this share of the card.
OTHER_SHARE = 0.25
#: A reserved-but-unallocated pool counts as fragmentation when it is at least this share of the card.
FRAGMENTED_SHARE = 0.05


def _gib(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit.lower()]


def _numbers(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, pattern in _PATTERNS.items():
        match = re.search(pattern, text)
        if match:
            groups = [g for g in match.groups() if g is not None]
            out[key] = round(_gib(groups[0], groups[1]), 4)
    allocated = out.get("oom_allocated_gib")
    if allocated and out.get("oom_process_in_use_gib", allocated) < allocated:
        # "this process has 0 bytes memory in use" under WSL and some drivers, while PyTorch has allocated 23 GiB:
        # the figure is not the process's, and reading it would hand the whole card to "another process"
        del out["oom_process_in_use_gib"]
    others = [_gib(v, u) for v, u in _OTHER.findall(text)]
    if others and allocated and "oom_process_in_use_gib" not in out:
        # In a container NVML knows this process by its host PID, so torch lists it as "Process N has M" instead of
        # "this process has M": the listed process holding at least what PyTorch allocated here, the closest such,
        # is this one, not another
        own = min((m for m in others if m >= allocated), default=None, key=lambda m: m - allocated)
        if own is not None:
            others.remove(own)
            out["oom_process_in_use_gib"] = round(own, 4)
    if others:
        out["oom_other_process_gib"] = round(sum(others), 4)
    elif {"oom_total_gib", "oom_free_gib", "oom_process_in_use_gib"} <= out.keys():
        # No "Process N" lines (another container's processes are invisible): what neither this process nor
        # the free pool holds belongs to someone else.
        rest = out["oom_total_gib"] - out["oom_free_gib"] - out["oom_process_in_use_gib"]
        out["oom_other_process_gib"] = round(max(rest, 0.0), 4)
    elif {"oom_total_gib", "oom_free_gib", "oom_reserved_gib"} <= out.keys():
        # torch < 2.1 words it "(GPU 0; 11.17 GiB total capacity; 505.96 MiB already allocated; 12.50 MiB free;
        # 530.00 MiB reserved in total by PyTorch)": what PyTorch did not reserve and is not free is another's.
        rest = out["oom_total_gib"] - out["oom_free_gib"] - out["oom_reserved_gib"]
        out["oom_other_process_gib"] = round(max(rest, 0.0), 4)
    if "oom_reserved_unallocated_gib" not in out and "oom_reserved_gib" in out and "oom_allocated_gib" in out:
        out["oom_reserved_unallocated_gib"] = round(max(out["oom_reserved_gib"] - out["oom_allocated_gib"], 0.0), 4)
    return out


def verdict(n: dict[str, float]) -> tuple[str, str]:
    """("fragmentation" | "other_process" | "too_big", why) from the parsed numbers."""
    tried = n.get("oom_tried_gib", 0.0)
    total = n.get("oom_total_gib", 0.0)
    free = n.get("oom_free_gib", 0.0)
    unalloc = n.get("oom_reserved_unallocated_gib", 0.0)
    other = n.get("oom_other_process_gib", 0.0)
    if tried and total and tried > total:
        return "too_big", f"one allocation of {tried:.2f} GiB is larger than the whole {total:.2f} GiB GPU"
    # PyTorch's hint ("reserved but unallocated memory is large") needs a pool that is large for the card: a few
    # hundred MiB left over on a full 6 GiB card is the model not fitting, not fragmentation
    if tried and unalloc >= tried and (not total or unalloc >= FRAGMENTED_SHARE * total):
        return "fragmentation", (f"{unalloc:.2f} GiB is reserved by PyTorch but unallocated, more than the "
                                 f"{tried:.2f} GiB asked for: the free memory is fragmented")
    if other and total and other >= OTHER_SHARE * total and (not tried or tried <= free + other):
        return "other_process", f"another process holds {other:.2f} GiB of the {total:.2f} GiB GPU"
    held = f" ({total - free:.2f} of {total:.2f} GiB in use)" if total else ""
    return "too_big", f"the weights and activations need more than this GPU has{held}"


def parse_oom(text: str) -> dict[str, float | str]:
    """Numbers from a CUDA OOM message, in GiB, plus a verdict (fragmentation / other_process / too_big) and
    ``oom_why``, one sentence saying why."""
    if not re.search(r"(?i)out of memory", text):
        return {}
    numbers = _numbers(text)
    out: dict[str, float | str] = dict(numbers)
    device = _DEVICE.search(text)
    if device:
        out["oom_gpu"] = device.group(1)
    out["oom_verdict"], out["oom_why"] = verdict(numbers)
    return out
