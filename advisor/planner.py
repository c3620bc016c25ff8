"""What-if planning: sizes per dtype, placement per device, recommended from_pretrained kwargs, before loading.

Budgets follow what transformers 5 and accelerate do when ``max_memory`` is not given: 90 % of a GPU's free
memory (10 % stays for activations), 90 % of the CPU RAM; a card that was never initialised also loses about
1 GiB to the CUDA context (see ``advisor.gpus``). The CPU figure uses the *effective* RAM (cgroup or RLIMIT_AS
limit), which psutil, and therefore accelerate, do not see.
"""

from __future__ import annotations

import contextlib
import json
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InvalidRequest
from advisor.facts import Facts, GpuFacts
from advisor.modelfacts import MetaModel, ModelFacts
from advisor.parallel import GPUS_PER_NODE, ParallelOption

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


def host_cpu_budget(facts: Facts) -> int:
    """Bytes of weights accelerate's own budget puts on the CPU: it counts the host's RAM, whatever the limits."""
    return int(facts.ram_available_bytes * CPU_FRACTION)


def limit_binds(facts: Facts) -> bool:
    """True when a cgroup/RLIMIT_AS limit is tighter than the host RAM accelerate would budget for."""
    return facts.memory_limit_kind is not None and cpu_budget(facts) < host_cpu_budget(facts)


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
    kv_cache_bytes: int = 0  # 0 when no context length was given (weights only)
    kv_placement: dict[str, int] = Field(default_factory=dict)  # KV cache bytes per device
    context_length: int | None = None
    batch_size: int | None = None
    parallel: list[ParallelOption] = Field(default_factory=list)  # layouts past one device, most practical first

    def on(self, device: str) -> int:
        """Weights + KV cache planned on ``device``."""
        return self.placement.get(device, 0) + self.kv_placement.get(device, 0)


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


def accelerate_device_map(model: Any, dtype: str,
                          memory: dict[int | str, int]) -> tuple[dict[str, Any], dict[str, int]]:
    """accelerate's ``infer_auto_device_map`` of a meta-device model at ``dtype`` (balanced over several GPUs, as
    ``device_map="auto"`` does) and its module sizes at that dtype."""
    import torch
    from accelerate.utils import CustomDtype, compute_module_sizes, get_balanced_memory, infer_auto_device_map

    from advisor.modelfacts import _NOT_QUANTIZED

    target: Any = {"int8": torch.int8, "int4": CustomDtype.INT4}.get(dtype) or getattr(torch, dtype)
    special: dict[str, Any] | None = None
    if dtype in ("int8", "int4"):
        special = {name: torch.float16 for name, p in model.named_parameters()
                   if p.dim() != 2 or any(part in name for part in _NOT_QUANTIZED)}
    no_split = list(getattr(model, "_no_split_modules", None) or [])
    with _quiet_accelerate():
        if sum(isinstance(k, int) and v > 0 for k, v in memory.items()) > 1:  # device_map="auto" balances GPUs
            memory = get_balanced_memory(model, max_memory=dict(memory), no_split_module_classes=no_split,
                                         dtype=target, special_dtypes=special)
        device_map = infer_auto_device_map(model, max_memory=dict(memory), no_split_module_classes=no_split,
                                           dtype=target, special_dtypes=special)
    sizes = compute_module_sizes(model, dtype=target, special_dtypes=special)
    return dict(device_map), {k: int(v) for k, v in sizes.items()}


def accelerate_placement(model: Any, dtype: str, memory: dict[int | str, int]) -> dict[str, int]:
    """Bytes per device as accelerate's ``infer_auto_device_map`` places a meta-device model at ``dtype``."""
    device_map, sizes = accelerate_device_map(model, dtype, memory)
    return _bytes_per_device(device_map, sizes)


def _bytes_per_device(device_map: dict[str, Any], sizes: dict[str, int]) -> dict[str, int]:
    placement: dict[str, int] = {}
    for module, device in device_map.items():
        name = _device_name(device)
        placement[name] = placement.get(name, 0) + int(sizes.get(module, 0))  # parameterless modules (dropout)
    return placement


def layers_prefix(model: Any, layers: int) -> str | None:
    """The module path of the decoder's layer list (``model.layers``, ``model.language_model.layers``, ...)."""
    import torch

    found = [name for name, module in model.named_modules()
             if isinstance(module, torch.nn.ModuleList) and len(module) == layers]
    text = [n for n in found if not any(part in n for part in ("vision", "visual", "encoder", "audio"))]
    return (text or found or [None])[0]


def layer_devices_of(device_map: dict[str, Any], prefix: str, layers: int) -> list[str]:
    """The device each decoder layer lands on: the device_map entry that holds ``prefix.i`` (longest match)."""
    out = []
    for i in range(layers):
        name = f"{prefix}.{i}"
        keys = [k for k in device_map if k == "" or name == k or name.startswith(k + ".")]
        out.append(_device_name(device_map[max(keys, key=len)]) if keys else "cpu")
    return out


def layer_devices_by_bytes(placement: dict[str, int], layers: int) -> list[str]:
    """Without a meta model: layer i goes where byte offset (i + 0.5)/layers of the weights was placed."""
    total = sum(placement.values())
    out = []
    for i in range(layers):
        offset, seen, where = (i + 0.5) / layers * total, 0, "disk"
        for device, size in placement.items():
            seen += size
            if offset < seen:
                where = device
                break
        out.append(where)
    return out


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
    context_length: int | None = None,
    batch_size: int | None = None,
    gpus_per_node: int = GPUS_PER_NODE,
) -> PlanResult:
    """Plan a load without loading: parameters, bytes per dtype, where the weights (and the KV cache) go, the kwargs
    to use and the parallel layouts past one GPU.

    ``gpus`` plans for catalog GPUs (``["T4"]``, ``["8xA100-80GB"]``, ``["2xRTX3060:12GiB"]``) instead of this
    machine's; ``ram`` for another host RAM size. ``context_length``/``batch_size`` add the KV cache of serving that
    many sequences of that many tokens (none: weights only). Sizes come from safetensors headers (local, cached,
    or over HTTP from the Hub) or, without weights, from the config on the meta device.
    """
    from advisor import facts as facts_mod
    from advisor import modelfacts

    serving = _serving(context_length, batch_size)
    if not isinstance(gpus_per_node, int) or gpus_per_node < 1:
        raise InvalidRequest(f"cannot plan for {gpus_per_node!r} GPUs per node", "give a whole number, e.g. 8")
    base = facts if facts is not None else facts_mod.gather()
    facts = what_if_facts(base, gpus, ram)
    if dtype is not None and dtype not in ("auto", "float32", "float16", "bfloat16"):
        raise InvalidRequest(f"cannot plan for dtype {dtype!r}", "use float32, float16, bfloat16 or auto")
    model_f = modelfacts.model_facts(model_id, revision=revision, hub=hub, trust_remote_code=trust_remote_code)
    meta = _meta_or_none(model_id, auto_class, revision, trust_remote_code)
    if model_f is None and meta is not None:  # no weights anywhere: the config alone sizes it
        model_f = modelfacts.config_model_facts(meta, model_id)
    if model_f is None:
        raise InvalidRequest(f"cannot size {model_id!r}: no safetensors header and no loadable config.json",
                             "give a local folder or a cached/reachable repo id (a config.json alone is enough)")
    config = meta.module.config if meta is not None else _config_or_none(model_id, revision, trust_remote_code)
    return _plan_for(model_f, facts, meta, dtype, config=config, serving=serving, gpus_per_node=gpus_per_node)


def _serving(context_length: int | None, batch_size: int | None) -> tuple[int, int] | None:
    """(context, batch) when serving memory was asked for; a batch alone needs a context length."""
    for name, value in (("context length", context_length), ("batch size", batch_size)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise InvalidRequest(f"cannot plan for a {name} of {value!r}", "give a whole number of at least 1")
    if context_length is None:
        if batch_size is not None:
            raise InvalidRequest("a batch size without a context length sizes no KV cache",
                                 "give --context-length N too (tokens per sequence: prompt + generated)")
        return None
    return context_length, batch_size or 1


def _config_or_none(model_id: str, revision: str | None, trust_remote_code: bool) -> Any:
    """The config as a plain transformers PretrainedConfig when no model class is known for it (KV sizing only)."""
    import transformers

    try:
        found, _ = transformers.PretrainedConfig.get_config_dict(model_id, revision=revision)
        return transformers.PretrainedConfig.from_dict(found)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _meta_or_none(model_id: str, auto_class: str, revision: str | None, trust_remote_code: bool) -> MetaModel | None:
    from advisor.modelfacts import meta_model

    try:
        return meta_model(model_id, auto_class=auto_class, revision=revision, dtype="float32",
                          trust_remote_code=trust_remote_code)
    except (OSError, ValueError, KeyError, ImportError):
        return None  # custom code or an unknown architecture: arithmetic placement instead


@dataclass(frozen=True)
class Layout:
    """Weights and KV cache per device at one dtype, and the max_memory for weights that leaves the KV room."""

    placement: dict[str, int]
    kv: dict[str, int]
    weight_budgets: dict[int | str, int]
    kv_fits: bool = True

    def on(self, device: str) -> int:
        """Weights + KV cache planned on ``device``."""
        return self.placement.get(device, 0) + self.kv.get(device, 0)


class _Placer:
    """Places the weights at a dtype with accelerate (or arithmetic), then the KV cache with the layers."""

    def __init__(self, model_f: ModelFacts, facts: Facts, meta: MetaModel | None, shape: Any,
                 serving: tuple[int, int] | None, memory: dict[int | str, int]) -> None:
        self.model_f, self.facts, self.meta, self.shape, self.serving, self.memory = (
            model_f, facts, meta, shape, serving, memory)
        self.prefix = layers_prefix(meta.module, shape.layers) if meta is not None and shape is not None else None
        self._cache: dict[str, Layout] = {}

    def kv_total(self, at: str) -> int:
        """Bytes of the whole KV cache at weights dtype ``at`` (0 when not serving)."""
        if self.serving is None or self.shape is None:
            return 0
        from advisor.kvcache import cache_dtype

        return int(self.shape.total(*self.serving, cache_dtype(at)))

    def _raw(self, at: str, memory: dict[int | str, int]) -> tuple[dict[str, int], list[str]]:
        layers = self.shape.layers if self.shape is not None else 0
        if self.meta is not None:
            device_map, sizes = accelerate_device_map(self.meta.module, at, memory)
            placement = _bytes_per_device(device_map, sizes)
            if self.prefix is not None:
                return placement, layer_devices_of(device_map, self.prefix, layers)
            return placement, layer_devices_by_bytes(placement, layers)
        placement = fill(self.model_f.bytes_at(at), memory)
        return placement, layer_devices_by_bytes(placement, layers)

    def layout(self, at: str) -> Layout:
        """Weights and KV cache per device at ``at``: each layer's cache on its layer's GPU (layers offloaded to
        CPU/disk compute on the first GPU, so their cache is there); without GPUs, in RAM."""
        if at in self._cache:
            return self._cache[at]
        kv_total = self.kv_total(at)
        if not kv_total or self.shape is None or self.serving is None:
            placement, _ = self._raw(at, self.memory)
            self._cache[at] = Layout(placement=placement, kv={}, weight_budgets=dict(self.memory))
            return self._cache[at]
        from advisor.kvcache import cache_dtype

        per_layer = self.shape.per_layer(*self.serving, cache_dtype(at))
        gpu_keys: list[int | str] = [k for k in self.memory if isinstance(k, int)]
        holders: list[int | str] = gpu_keys or ["cpu"]
        execution = _device_name(holders[0])
        share = kv_total / (kv_total + self.model_f.bytes_at(at))
        reserve = {k: int(self.memory[k] * share) for k in holders}
        result: Layout | None = None
        for _ in range(8):  # reserves only grow, so this settles; 8 passes is plenty for accelerate's rounding
            weights = {k: max(b - reserve.get(k, 0), 0) for k, b in self.memory.items()}
            placement, devices = self._raw(at, weights)
            kv: dict[str, int] = {}
            for device, size in zip(devices, per_layer, strict=True):
                holder = (device if device.startswith("cuda") else execution) if gpu_keys else "cpu"
                kv[holder] = kv.get(holder, 0) + size
            fits = all(placement.get(_device_name(k), 0) + kv.get(_device_name(k), 0) <= self.memory[k]
                       for k in holders)
            result = Layout(placement=placement, kv=kv, weight_budgets=weights, kv_fits=fits)
            grown = {k: max(reserve[k], kv.get(_device_name(k), 0)) for k in holders}
            if fits or grown == reserve:
                break
            reserve = grown
        assert result is not None
        self._cache[at] = result
        return result


def _plan_for(model_f: ModelFacts, facts: Facts, meta: MetaModel | None, dtype: str | None, *, config: Any = None,
              serving: tuple[int, int] | None = None, gpus_per_node: int = GPUS_PER_NODE) -> PlanResult:
    from advisor.kvcache import kv_shape

    memory = budgets(facts)
    notes = [f"sizes from {_SOURCES.get(model_f.source, model_f.source)}"]
    if limit_binds(facts):
        notes.append(f"this process may use {gib(facts.effective_ram_bytes)} of RAM ({facts.memory_limit_kind} limit; "
                     f"the host has {gib(facts.ram_available_bytes)} available): planned with the limit")
    shape = kv_shape(config) if config is not None else None
    placer = _Placer(model_f, facts, meta, shape, serving, memory)

    def place(at: str) -> dict[str, int]:
        return placer.layout(at).placement

    stored = model_f.stored_dtype
    if dtype not in (None, "auto"):
        chosen = str(dtype)
    elif dtype == "auto" or model_f.quantized:
        chosen = stored
    else:
        chosen = device_dtype(facts, stored, fits_fp32_on_cpu=model_f.bytes_at("float32") <= memory["cpu"])
    notes.extend(_dtype_notes(facts, stored, chosen, model_f))
    layout = placer.layout(chosen)
    placement = layout.placement
    verdict = verdict_of(placement, facts)
    kv_bytes = placer.kv_total(chosen)
    notes.extend(_kv_notes(serving, shape, config, chosen, kv_bytes, facts))
    kwargs: dict[str, Any] = {"dtype": chosen}
    if facts.gpus or verdict == "disk":
        kwargs["device_map"] = "auto"
    quant = _quantized_alternative(facts, placer, verdict) if (verdict != "gpu" or not layout.kv_fits) \
        and facts.gpus else None
    if not layout.kv_fits:
        where = ", ".join(f"{d} {gib(b)}" for d, b in layout.kv.items())
        notes.append(f"the KV cache does not fit beside the weights ({where} of cache): a shorter context, a "
                     "smaller batch, more GPUs (see parallel) or quantized weights")
    if verdict == "disk" and quant is not None and layout.kv_fits:
        bits, q_layout = quant
        verdict, layout = "quantize", q_layout
        placement = q_layout.placement
        kwargs["quantization_config"] = {"quant_method": "bitsandbytes", f"load_in_{bits}bit": True}
        notes.append(f"at {chosen} it would spill to disk; {bits}-bit weights (bitsandbytes, needs CUDA) fit in "
                     "memory — or drop quantization_config and accept very slow disk offload")
    elif quant is not None:
        bits, q_layout = quant
        where = "the GPU(s)" if verdict_of(q_layout.placement, facts) == "gpu" else "GPU + CPU without disk"
        extra = " with the KV cache" if kv_bytes else ""
        notes.append(f"{bits}-bit quantization (bitsandbytes) would fit on {where}{extra}: "
                     f"quantization_config=BitsAndBytesConfig(load_in_{bits}bit=True)")
    if not layout.kv_fits and verdict != "quantize":
        verdict = "does_not_fit"
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
    if "device_map" in kwargs and (limit_binds(facts) or (kv_bytes and facts.gpus)):
        # GPUs keep int keys; with a KV cache the weights get what the cache leaves (transformers' device_map="auto"
        # would otherwise fill 90 % of each GPU with weights and leave the cache no room)
        kwargs["max_memory"] = {key: mib_size(budget) for key, budget in layout.weight_budgets.items()}
    fits = verdict in ("gpu", "cpu") or (verdict == "quantize" and not placement.get("cpu"))
    from advisor.loadplan import LoadPlan
    from advisor.parallel import ParallelInputs, parallel_options

    snippet = LoadPlan(model_id=model_f.model_id, kwargs=kwargs, load_tokenizer=False).to_code()
    devices = _devices(facts, memory)
    options = parallel_options(ParallelInputs(
        model_id=model_f.model_id, model_f=model_f, meta=meta, config=config, dtype=chosen, facts=facts,
        shape=shape, serving=serving, gpus_per_node=gpus_per_node, layout=placer.layout, kv_total=placer.kv_total,
        quantized=bool(model_f.quantized)))
    if len(facts.gpus) > gpus_per_node:
        notes.append(f"{len(facts.gpus)} GPUs are more than one node of {gpus_per_node}: the placement above assumes "
                     "one machine holding them all; across nodes see the multi-node layout in parallel")
    for option in options:
        if option.kind in ("multi_node", "scale_out") and option.fits:
            notes.append(f"at {chosen} these GPUs are too small: {option.devices} {option.gpu} over {option.nodes} "
                         f"node(s) with vLLM (tensor parallel {option.kwargs['tensor_parallel_size']} × pipeline "
                         f"parallel {option.kwargs['pipeline_parallel_size']}) hold it — see parallel")
        elif option.kind == "tensor_parallel" and option.fits:
            how = ", ".join(f"{key}={json.dumps(value)}" for key, value in option.kwargs.items() if key != "dtype")
            notes.append(f"tensor parallel over {option.devices} GPUs ({how}, {option.command}) runs them "
                         "together; device_map=\"auto\" runs one at a time — see parallel")
    return PlanResult(model_id=model_f.model_id, source=model_f.source, parameters=model_f.parameters,
                      bytes=model_f.bytes, devices=devices, dtype=chosen, kwargs=kwargs,
                      placement={**{d.name: 0 for d in devices if d.name != "disk"}, **placement, "disk":
                                 placement.get("disk", 0)},
                      fits=fits, verdict=verdict, notes=notes, snippet=snippet,
                      kv_cache_bytes=layout_kv_total(layout) if serving else 0,
                      kv_placement=dict(layout.kv), context_length=serving[0] if serving else None,
                      batch_size=serving[1] if serving else None, parallel=options)


def layout_kv_total(layout: Layout) -> int:
    """All the KV cache bytes a layout holds."""
    return sum(layout.kv.values())


def _kv_notes(serving: tuple[int, int] | None, shape: Any, config: Any, dtype: str, kv_bytes: int,
              facts: Facts) -> list[str]:
    from advisor.kvcache import cache_dtype, text_config

    if serving is None:
        return ["weights only: no --context-length/--batch-size given, so no KV cache is counted (serving needs "
                "2 × layers × KV heads × head dim × bytes per token and sequence on top)"]
    context, batch = serving
    if shape is None:
        return [f"cannot size the KV cache from this config (no layer/head counts): counted as 0 for {batch} × "
                f"{context} tokens"]
    cdtype = cache_dtype(dtype)
    per_token = shape.bytes_per_token(cdtype) * sum(1 for w in shape.windows if w is None or w)
    notes = [f"KV cache for batch {batch} × {context} tokens in {cdtype}: {gib(kv_bytes)} ("
             f"{shape.layers} layers × {shape.kv_heads} KV heads × head dim {shape.k_head_dim} × 2 (K, V) = "
             f"{gib(per_token)} per token before windows)"]
    windowed = [w for w in shape.windows if w]
    if windowed and min(windowed) < context:
        notes.append(f"{len(windowed)} of {shape.layers} layers attend to a window of {min(windowed)} tokens: their "
                     "cache is capped at it")
    notes.extend(shape.notes)
    limit = getattr(text_config(config), "max_position_embeddings", None)
    if isinstance(limit, int) and context > limit:
        notes.append(f"the context length {context} is past the model's max_position_embeddings ({limit})")
    if facts.gpus:
        notes.append("each layer's KV cache is planned on the GPU of its layer (layers offloaded to CPU compute, "
                     "and cache, on the first GPU); 10 % of each GPU stays free for activations and overhead")
    return notes


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


def _quantized_alternative(facts: Facts, placer: _Placer, verdict: str) -> tuple[int, Layout] | None:
    """The fewest-bits-lost quantization (8, then 4) that does better than ``verdict``: all on the GPUs (with the KV
    cache) when the half-precision plan spills to CPU; anything without disk when it spills to disk."""
    options = [(bits, placer.layout(f"int{bits}")) for bits in (8, 4)]
    for bits, layout in options:
        if verdict_of(layout.placement, facts) == "gpu" and layout.kv_fits:
            return bits, layout
    if verdict == "disk":
        for bits, layout in options:
            if not layout.placement.get("disk") and layout.kv_fits:
                return bits, layout
    return None


BAR_WIDTH = 30


def device_bar(result: PlanResult, device: DeviceInfo, width: int = BAR_WIDTH) -> str:
    """``[#####=====.....] weights 5.90 GiB + KV 64.00 GiB of 70.47 GiB, headroom 0.57 GiB`` for one device."""
    weights, kv, budget = result.placement.get(device.name, 0), result.kv_placement.get(device.name, 0), \
        device.budget_bytes
    scale = max(budget, weights + kv, 1)
    w_cells = round(width * weights / scale)
    k_cells = min(round(width * kv / scale), width - w_cells)
    bar = "#" * w_cells + "=" * k_cells + "." * (width - w_cells - k_cells)
    text = f"[{bar}] weights {gib(weights)}"
    if result.context_length:
        text += f" + KV {gib(kv)}"
    if device.name == "disk":
        return text + (f" (free {gib(budget)})" if budget else "")
    left = budget - weights - kv
    return text + f" of {gib(budget)}, " + (f"headroom {gib(left)}" if left >= 0 else f"over by {gib(-left)}")


def _devices(facts: Facts, memory: dict[int | str, int]) -> list[DeviceInfo]:
    out = [DeviceInfo(name=f"cuda:{g.index}", model=g.name, total_bytes=g.total_bytes, budget_bytes=memory[g.index],
                      capability=f"{g.capability[0]}.{g.capability[1]}", bf16=g.bf16) for g in facts.gpus]
    out.append(DeviceInfo(name="cpu", total_bytes=facts.ram_total_bytes or None, budget_bytes=memory["cpu"]))
    out.append(DeviceInfo(name="disk", total_bytes=None, budget_bytes=facts.offload_disk_free_bytes or 0))
    return out
