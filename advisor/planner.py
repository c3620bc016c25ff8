"""What-if planning: sizes per dtype, placement per device, recommended from_pretrained kwargs, before loading.

Budgets follow what transformers 5 and accelerate do when ``max_memory`` is not given: 90 % of a GPU's free
memory (10 % stays for activations), 90 % of the CPU RAM; a card that was never initialised also loses about
1 GiB to the CUDA context (see ``advisor.gpus``). The CPU figure uses the *effective* RAM (cgroup or RLIMIT_AS
limit), which psutil, and therefore accelerate, do not see.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InvalidRequest
from advisor.facts import Facts, GpuFacts, MetaModel, ModelFacts

GPU_FRACTION = 0.9
CPU_FRACTION = 0.9
#: Under RLIMIT_AS both the memory-mapped file and the loaded tensors count (peak ~2x the file size).
RLIMIT_AS_FRACTION = 0.45
HALF = ("float16", "bfloat16")


def gpu_budget(gpu: GpuFacts) -> int:
    """Bytes of weights a GPU takes under transformers' default: 90 % of its free memory."""
    return int(gpu.free_bytes * GPU_FRACTION)


def cpu_budget(facts: Facts) -> int:
    """Bytes of weights the CPU takes: 90 % of the effective RAM (45 % of what RLIMIT_AS leaves)."""
    fraction = RLIMIT_AS_FRACTION if facts.memory_limit_kind == "rlimit_as" else CPU_FRACTION
    return int(facts.effective_ram_bytes * fraction)


def limit_binds(facts: Facts) -> bool:
    """True when a cgroup/RLIMIT_AS limit is tighter than the host RAM accelerate would budget for."""
    return facts.memory_limit_kind is not None and cpu_budget(facts) < int(facts.ram_available_bytes * CPU_FRACTION)


def gib(n: float) -> str:
    """Bytes for humans: '12.55 GiB', '236.3 MiB', '90.0 KiB', '0'."""
    if n <= 0:
        return "0"
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20)):
        if n >= scale / 10:
            return f"{n / scale:.2f} {unit}" if unit == "GiB" else f"{n / scale:.1f} {unit}"
    return f"{n / 2**10:.1f} KiB"


def mib_size(n: int) -> str:
    """Bytes as an accelerate max_memory string, rounded down: '1234MiB', or '90KiB' below 1 MiB."""
    if n >= 2**20:
        return f"{int(n) // 2**20}MiB"
    return f"{max(int(n) // 2**10, 1)}KiB"


def device_dtype(facts: Facts, stored: str, *, fits_fp32_on_cpu: bool = True) -> str:
    """The dtype to load at: half on GPUs (bf16 where every GPU has it, else fp16). On CPU: a float32
    checkpoint stays float32 while it fits, else bfloat16; a half checkpoint loads as bfloat16 (float16 CPU
    kernels are slow, and upcasting would double the memory)."""
    if facts.gpus:
        if stored == "float16" or (stored == "bfloat16" and facts.bf16_supported):
            return stored
        return facts.best_half_dtype
    if stored in ("float32", "float64") and fits_fp32_on_cpu:
        return "float32"
    return "bfloat16"


class DeviceInfo(BaseModel):
    """One place weights can go, with the budget the plan used for it."""

    model_config = ConfigDict(frozen=True)

    name: str  # "cuda:0", "cpu", "disk"
    model: str | None = None
    total_bytes: int | None = None
    budget_bytes: int
    capability: str | None = None
    bf16: bool | None = None


class PlanResult(BaseModel):
    """The answer of ``advisor plan``: sizes, devices, placement and the kwargs to load with."""

    model_config = ConfigDict(frozen=True)

    model_id: str
    source: str
    parameters: int
    bytes: dict[str, int]
    devices: list[DeviceInfo]
    dtype: str
    kwargs: dict[str, Any]
    placement: dict[str, int]
    fits: bool
    verdict: str  # "gpu", "cpu", "gpu+cpu", "disk", "quantize", "does_not_fit"
    notes: list[str] = Field(default_factory=list)
    snippet: str = ""


# --------------------------------------------------------------------------------------------------
# Placement
# --------------------------------------------------------------------------------------------------


def budgets(facts: Facts) -> dict[int | str, int]:
    """accelerate-style max_memory in bytes: each GPU, then the CPU."""
    out: dict[int | str, int] = {gpu.index: gpu_budget(gpu) for gpu in facts.gpus}
    out["cpu"] = cpu_budget(facts)
    return out


def _device_name(key: int | str) -> str:
    return f"cuda:{key}" if isinstance(key, int) else str(key)


def fill(size: int, memory: dict[int | str, int]) -> dict[str, int]:
    """Arithmetic placement: fill each device in order up to its budget, the rest goes to disk."""
    placement: dict[str, int] = {}
    left = size
    for key, budget in memory.items():
        take = min(left, max(budget, 0))
        if take:
            placement[_device_name(key)] = take
        left -= take
    if left > 0:
        placement["disk"] = left
    return placement


@contextlib.contextmanager
def _quiet_accelerate() -> Iterator[None]:
    """accelerate logs 'Device 0 is not available' when planning for GPUs this machine lacks."""
    logger = logging.getLogger("accelerate.utils.modeling")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():  # "... buffer for offloaded layers ..." is about running, not sizing
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        logger.setLevel(level)


def accelerate_placement(model: Any, dtype: str, memory: dict[int | str, int]) -> dict[str, int]:
    """Bytes per device as accelerate's ``infer_auto_device_map`` places a meta-device model at ``dtype``."""
    import torch
    from accelerate.utils import CustomDtype, compute_module_sizes, get_balanced_memory, infer_auto_device_map

    from advisor.facts import _NOT_QUANTIZED

    target: Any = {"int8": torch.int8, "int4": CustomDtype.INT4}.get(dtype) or getattr(torch, dtype)
    special: dict[str, Any] | None = None
    if dtype in ("int8", "int4"):
        special = {name: torch.float16 for name, p in model.named_parameters()
                   if p.dim() != 2 or any(part in name for part in _NOT_QUANTIZED)}
    no_split = list(getattr(model, "_no_split_modules", None) or [])
    with _quiet_accelerate():
        if sum(isinstance(k, int) for k in memory) > 1:  # device_map="auto" balances several GPUs
            memory = get_balanced_memory(model, max_memory=dict(memory), no_split_module_classes=no_split,
                                         dtype=target, special_dtypes=special)
        device_map = infer_auto_device_map(model, max_memory=dict(memory), no_split_module_classes=no_split,
                                           dtype=target, special_dtypes=special)
    sizes = compute_module_sizes(model, dtype=target, special_dtypes=special)
    placement: dict[str, int] = {}
    for module, device in device_map.items():
        name = _device_name(device)
        placement[name] = placement.get(name, 0) + int(sizes[module])
    return placement


def verdict_of(placement: dict[str, int], facts: Facts) -> str:
    """'gpu' (all on GPUs), 'cpu' (no GPU, all in RAM), 'gpu+cpu' (spills to RAM) or 'disk'."""
    if placement.get("disk"):
        return "disk"
    if not facts.gpus:
        return "cpu"
    return "gpu+cpu" if placement.get("cpu") else "gpu"


# --------------------------------------------------------------------------------------------------
# plan()
# --------------------------------------------------------------------------------------------------


def what_if_facts(facts: Facts, gpus: list[str] | None, ram: str | None) -> Facts:
    """These facts with the GPUs (catalog names, NAME:SIZE) and host RAM replaced by hypothetical ones."""
    from advisor import gpus as catalog

    update: dict[str, Any] = {}
    if gpus is not None:
        update["gpus"] = catalog.what_if(gpus)
        update["cuda_available"] = bool(gpus)
    if ram is not None:
        update.update(ram_available_bytes=catalog.parse_size(ram), ram_total_bytes=catalog.parse_size(ram),
                      memory_limit_bytes=None, memory_limit_kind=None, memory_headroom_bytes=None)
    return facts.model_copy(update=update) if update else facts


def plan(
    model_id: str,
    *,
    gpus: list[str] | None = None,
    ram: str | None = None,
    dtype: str | None = None,
    facts: Facts | None = None,
    revision: str | None = None,
    auto_class: str = "AutoModelForCausalLM",
    hub: bool = True,
    trust_remote_code: bool = False,
) -> PlanResult:
    """Plan a load without loading: parameters, bytes per dtype, where the weights go, and the kwargs to use.

    ``gpus`` plans for catalog GPUs (``["T4"]``, ``["RTX3060:12GiB"]``) instead of this machine's; ``ram`` for
    another host RAM size. Sizes come from safetensors headers (local, cached, or over HTTP from the Hub) or,
    without weights, from the config on the meta device.
    """
    from advisor import facts as facts_mod

    base = facts if facts is not None else facts_mod.gather()
    facts = what_if_facts(base, gpus, ram)
    if dtype is not None and dtype not in ("auto", "float32", "float16", "bfloat16"):
        raise InvalidRequest(f"cannot plan for dtype {dtype!r}", "use float32, float16, bfloat16 or auto")
    model_f = facts_mod.model_facts(model_id, revision=revision, hub=hub, trust_remote_code=trust_remote_code)
    meta = _meta_or_none(model_id, auto_class, revision, trust_remote_code)
    if model_f is None and meta is not None:  # no weights anywhere: the config alone sizes it
        model_f = facts_mod.config_model_facts(meta, model_id)
    if model_f is None:
        raise InvalidRequest(f"cannot size {model_id!r}: no safetensors header and no loadable config.json",
                             "give a local folder or a cached/reachable repo id (a config.json alone is enough)")
    return _plan_for(model_f, facts, meta, dtype)


def _meta_or_none(model_id: str, auto_class: str, revision: str | None, trust_remote_code: bool) -> MetaModel | None:
    from advisor.facts import meta_model

    try:
        return meta_model(model_id, auto_class=auto_class, revision=revision, dtype="float32",
                          trust_remote_code=trust_remote_code)
    except (OSError, ValueError, KeyError, ImportError):
        return None  # custom code or an unknown architecture: arithmetic placement instead


def _plan_for(model_f: ModelFacts, facts: Facts, meta: MetaModel | None, dtype: str | None) -> PlanResult:
    memory = budgets(facts)
    notes = [f"sizes from {_SOURCES.get(model_f.source, model_f.source)}"]
    if limit_binds(facts):
        notes.append(f"this process may use {gib(facts.effective_ram_bytes)} of RAM ({facts.memory_limit_kind} limit; "
                     f"the host has {gib(facts.ram_available_bytes)} available): planned with the limit")

    def place(at: str) -> dict[str, int]:
        if meta is not None:
            return accelerate_placement(meta.module, at, memory)
        return fill(model_f.bytes_at(at), memory)

    stored = model_f.stored_dtype
    if dtype not in (None, "auto"):
        chosen = str(dtype)
    elif dtype == "auto" or model_f.quantized:
        chosen = stored
    else:
        chosen = device_dtype(facts, stored, fits_fp32_on_cpu=model_f.bytes_at("float32") <= memory["cpu"])
    notes.extend(_dtype_notes(facts, stored, chosen, model_f))
    placement = place(chosen)
    verdict = verdict_of(placement, facts)
    kwargs: dict[str, Any] = {"dtype": chosen}
    if facts.gpus or verdict == "disk":
        kwargs["device_map"] = "auto"
    quant = _quantized_alternative(facts, model_f, place, verdict) if verdict != "gpu" and facts.gpus else None
    if verdict == "disk" and quant is not None:
        bits, q_placement = quant
        verdict, placement = "quantize", q_placement
        kwargs["quantization_config"] = {"quant_method": "bitsandbytes", f"load_in_{bits}bit": True}
        notes.append(f"at {chosen} it would spill to disk; {bits}-bit weights (bitsandbytes, needs CUDA) fit in "
                     "memory — or drop quantization_config and accept very slow disk offload")
    elif quant is not None:
        bits, q_placement = quant
        where = "the GPU(s)" if verdict_of(q_placement, facts) == "gpu" else "GPU + CPU without disk"
        notes.append(f"{bits}-bit quantization (bitsandbytes) would fit on {where}: "
                     f"quantization_config=BitsAndBytesConfig(load_in_{bits}bit=True)")
    if placement.get("cpu") and facts.gpus:
        notes.append(f"{gib(placement['cpu'])} spill to CPU RAM: generation is slower (they move to the GPU each step)")
    if placement.get("disk"):
        notes.append(f"{gib(placement['disk'])} spill to disk: every forward reads them back — very slow")
        free = facts.offload_disk_free_bytes
        if not model_f.safetensors:
            kwargs["offload_folder"] = "offload"
            notes.append("the weights are not safetensors: disk offload re-saves them into offload_folder")
            if free is not None and placement["disk"] > free:
                verdict = "does_not_fit"
                notes.append(f"only {gib(free)} free on disk for the offload folder")
    if limit_binds(facts) and "device_map" in kwargs:
        kwargs["max_memory"] = {key: mib_size(budget) for key, budget in memory.items()}  # GPUs keep int keys
    fits = verdict in ("gpu", "cpu") or (verdict == "quantize" and not placement.get("cpu"))
    from advisor.loadplan import LoadPlan

    snippet = LoadPlan(model_id=model_f.model_id, kwargs=kwargs, load_tokenizer=False).to_code()
    devices = _devices(facts, memory)
    return PlanResult(model_id=model_f.model_id, source=model_f.source, parameters=model_f.parameters,
                      bytes=model_f.bytes, devices=devices, dtype=chosen, kwargs=kwargs,
                      placement={**{d.name: 0 for d in devices if d.name != "disk"}, **placement, "disk":
                                 placement.get("disk", 0)},
                      fits=fits, verdict=verdict, notes=notes, snippet=snippet)


_SOURCES = {"safetensors": "the safetensors headers (no weights read)",
            "hub": "the Hub's safetensors headers (ranged requests, nothing downloaded)",
            "weights_files": "the weight files' sizes (not safetensors)",
            "config": "config.json on the meta device (no weights needed)"}


def _dtype_notes(facts: Facts, stored: str, chosen: str, model_f: ModelFacts) -> list[str]:
    notes = []
    if model_f.quantized:
        notes.append(f"the checkpoint is pre-quantized ({model_f.quantized}): sizes are as stored")
    no_bf16 = [g for g in facts.gpus if not g.bf16]
    if chosen == "float16" and no_bf16:
        gpu = no_bf16[0]
        notes.append(f"{gpu.name} (compute capability {gpu.capability[0]}.{gpu.capability[1]}) has no native "
                     "bfloat16: float16 is its half precision")
    if chosen != stored:
        notes.append(f"the checkpoint is stored as {stored}; loading as {chosen}")
    if not facts.gpus and chosen == "bfloat16" and stored == "float32":
        notes.append("float32 does not fit in RAM: bfloat16 halves it (float16 is slow on CPUs)")
    elif not facts.gpus and chosen == "bfloat16" and stored == "float16":
        notes.append("float16 is slow on CPUs: bfloat16 keeps the size and runs faster")
    return notes


def _quantized_alternative(facts: Facts, model_f: ModelFacts, place: Any,
                           verdict: str) -> tuple[int, dict[str, int]] | None:
    """The fewest-bits-lost quantization (8, then 4) that does better than ``verdict``: all on the GPUs when the
    half-precision plan spills to CPU; anything without disk when it spills to disk."""
    options = [(bits, place(f"int{bits}")) for bits in (8, 4)]
    for bits, placement in options:
        if verdict_of(placement, facts) == "gpu":
            return bits, placement
    if verdict == "disk":
        for bits, placement in options:
            if not placement.get("disk"):
                return bits, placement
    return None


def _devices(facts: Facts, memory: dict[int | str, int]) -> list[DeviceInfo]:
    out = [DeviceInfo(name=f"cuda:{g.index}", model=g.name, total_bytes=g.total_bytes, budget_bytes=memory[g.index],
                      capability=f"{g.capability[0]}.{g.capability[1]}", bf16=g.bf16) for g in facts.gpus]
    out.append(DeviceInfo(name="cpu", total_bytes=facts.ram_total_bytes or None, budget_bytes=memory["cpu"]))
    out.append(DeviceInfo(name="disk", total_bytes=None, budget_bytes=facts.offload_disk_free_bytes or 0))
    return out
