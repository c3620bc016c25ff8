"""Layouts past one GPU for ``advisor plan``: one GPU, accelerate's balanced device_map (pipeline-style), tensor
parallel on one node (transformers ``tp_plan="auto"`` under ``torchrun``), several nodes (vLLM tensor × pipeline
parallel), and bitsandbytes quantization alongside — each with its kwargs or command, why, and bytes per GPU.

Whether transformers can tensor-parallelise an architecture is read from its config class's
``base_model_tp_plan`` (no list kept here); which weights it shards is read from the same plan (plus the model
class's own ``_tp_plan``, e.g. ``lm_head``), matched against the meta model's parameter names. Tensor parallel
splits attention heads: ``num_attention_heads`` and ``num_key_value_heads`` must divide by the GPU count.

Mixture-of-experts weights may sit outside the TP plan, in the config class's ``base_model_ep_plan`` (transformers
5.25 moved Mixtral's experts there): plain ``tp_plan="auto"`` then keeps every expert on every GPU, so where the
installed ``DistributedConfig`` takes ``ep_size`` the option splits the experts too (``ep_size`` = the GPU count,
which must divide the expert count) and says so in its call; otherwise the experts count as replicated.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.facts import Facts, GpuFacts
from advisor.modelfacts import MetaModel, ModelFacts

#: GPUs per node assumed for layouts beyond one node (the common 8-GPU server: DGX/HGX A100/H100, p4d/p5).
GPUS_PER_NODE = 8
_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2}
_RANK = {"single_gpu": 0, "pipeline": 1, "tensor_parallel": 2, "scale_out": 3, "multi_node": 3, "quantized": 4}


class ParallelOption(BaseModel):
    """One way to lay the model out over GPUs: what to pass or run, why, and whether (and how) it fits."""

    model_config = ConfigDict(frozen=True)

    kind: str  # "single_gpu", "pipeline", "tensor_parallel", "scale_out" (more GPUs of one node), "multi_node",
    #            "quantized"
    devices: int  # GPUs used
    nodes: int = 1
    gpu: str | None = None  # the GPU model it was sized for
    dtype: str
    kwargs: dict[str, Any] = Field(default_factory=dict)  # from_pretrained kwargs (vLLM engine args for multi_node)
    command: str | None = None  # the launcher when one is needed (torchrun, vllm serve)
    why: str
    fits: bool
    per_device_bytes: dict[str, int] = Field(default_factory=dict)  # weights + KV cache per GPU


@dataclass(frozen=True)
class ParallelInputs:
    """What the planner already knows, handed to :func:`parallel_options`."""

    model_id: str
    model_f: ModelFacts
    meta: MetaModel | None
    config: Any
    dtype: str
    facts: Facts
    shape: Any  # advisor.kvcache.KvShape | None
    serving: tuple[int, int] | None
    gpus_per_node: int
    layout: Callable[[str], Any]  # dtype -> advisor.planner.Layout
    kv_total: Callable[[str], int]
    quantized: bool = False


def tp_plan_of(config: Any) -> dict[str, str] | None:
    """The transformers TP plan declared by the (text) config's class, or None when it declares none."""
    from advisor.kvcache import text_config

    if config is None:
        return None
    plan = getattr(type(text_config(config)), "base_model_tp_plan", None)
    return dict(plan) if plan else None


def ep_plan_of(config: Any) -> dict[str, str] | None:
    """The transformers expert-parallel plan declared by the (text) config's class, or None when it declares none."""
    from advisor.kvcache import text_config

    if config is None:
        return None
    plan = getattr(type(text_config(config)), "base_model_ep_plan", None)
    return dict(plan) if plan else None


def experts_of(config: Any) -> int | None:
    """How many routed experts each MoE layer holds, from the (text) config; None for a dense model."""
    from advisor.kvcache import text_config

    if config is None:
        return None
    text = text_config(config)
    for name in ("num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts"):
        value = getattr(text, name, None)
        if isinstance(value, int) and value > 1:
            return value
    return None


def takes_ep_size() -> bool:
    """Whether the installed transformers' ``DistributedConfig`` has ``ep_size`` (expert parallel by size)."""
    import dataclasses

    try:
        from transformers.distributed import DistributedConfig
    except ImportError:
        return False
    return dataclasses.is_dataclass(DistributedConfig) and any(
        f.name == "ep_size" for f in dataclasses.fields(DistributedConfig))


def splits_experts(config: Any, expert_bytes: int, gpus: int) -> bool:
    """Whether a TP run over ``gpus`` should split the experts by expert parallelism: they lie outside the TP plan,
    this transformers takes ``ep_size``, and the GPU count divides the expert count."""
    n_experts = experts_of(config)
    return bool(expert_bytes) and n_experts is not None and n_experts % gpus == 0 and takes_ep_size()


def tp_kwargs(gpus: int, split_experts: bool) -> dict[str, Any]:
    """The from_pretrained kwargs of a tensor-parallel run: a ``distributed_config`` dict (from_pretrained builds
    ``DistributedConfig(tp_size=n, ep_size=n)`` from it) when the experts need expert parallelism, else
    ``tp_plan="auto"``."""
    if split_experts:
        return {"distributed_config": {"tp_size": gpus, "ep_size": gpus}}
    return {"tp_plan": "auto"}


def heads_of(config: Any) -> tuple[int | None, int | None]:
    """(num_attention_heads, num_key_value_heads) of the text config (KV heads = heads without GQA)."""
    from advisor.kvcache import text_config

    if config is None:
        return None, None
    text = text_config(config)
    heads = getattr(text, "num_attention_heads", None)
    kv = getattr(text, "num_key_value_heads", None) or heads
    return heads, kv


def tp_degrees(heads: int | None, kv_heads: int | None, most: int) -> list[int]:
    """GPU counts 2..most that split both the attention heads and the KV heads evenly, largest first."""
    if not heads or not kv_heads:
        return []
    return [n for n in range(most, 1, -1) if heads % n == 0 and kv_heads % n == 0]


def _plan_patterns(keys: list[str]) -> list[re.Pattern[str]]:
    """Plan keys (``layers.*.mlp.experts``) as patterns over parameter names: the key itself or anything under it."""
    return [re.compile(r"(^|\.)" + re.escape(key).replace(r"\*", r"\d+") + r"(\.|$)") for key in keys]


def sharded_bytes(module: Any, plan: dict[str, str], dtype: str | None,
                  ep_plan: dict[str, str] | None = None) -> tuple[int, int, int]:
    """(bytes the TP plan splits across GPUs, expert bytes only the EP plan splits, bytes every GPU keeps a full
    copy of) at ``dtype`` (None: each parameter's own size). The middle figure is what plain ``tp_plan="auto"`` would
    replicate."""
    model_plan = dict(getattr(module, "_tp_plan", None) or {})
    tp = _plan_patterns([key for key, style in {**plan, **model_plan}.items()
                         if "colwise" in style or "rowwise" in style])
    ep = _plan_patterns(list(ep_plan or {}))
    sharded = experts = replicated = 0
    for name, param in module.named_parameters():
        nbytes = param.numel() * (_BYTES.get(dtype, 2) if dtype else param.element_size())
        if any(p.search(name) for p in tp):
            sharded += nbytes
        elif any(p.search(name) for p in ep):
            experts += nbytes
        else:
            replicated += nbytes
    return sharded, experts, replicated


def _group(gpus: list[GpuFacts]) -> list[GpuFacts]:
    """The largest set of identical GPUs (same model and memory): tensor parallel needs equal shards."""
    groups: dict[tuple[str, int], list[GpuFacts]] = {}
    for gpu in gpus:
        groups.setdefault((gpu.name, gpu.total_bytes), []).append(gpu)
    return max(groups.values(), key=lambda g: (len(g), g[0].total_bytes))


def parallel_options(inputs: ParallelInputs) -> list[ParallelOption]:
    """The layouts for these GPUs, fitting ones first, each kind in order of practicality."""
    gpus = inputs.facts.gpus
    if not gpus:
        return []
    options = [_single(inputs)]
    if len(gpus) > 1:
        options.append(_pipeline(inputs))
    tp = _tensor_parallel(inputs)
    if tp is not None:
        options.append(tp)
    if not any(o.fits for o in options):
        wide = _scale_out(inputs)
        if wide is not None:
            options.append(wide)
    if not inputs.quantized:
        options.extend(_quantized(inputs, bits) for bits in (8, 4))
    return sorted(options, key=lambda o: (not o.fits, _RANK[o.kind], o.devices))


def _gib(n: float) -> str:
    from advisor.planner import gib

    return gib(n)


def _single(inputs: ParallelInputs) -> ParallelOption:
    from advisor.planner import gpu_budget

    gpu = max(inputs.facts.gpus, key=gpu_budget)
    weights, kv = inputs.model_f.bytes_at(inputs.dtype), inputs.kv_total(inputs.dtype)
    need, budget = weights + kv, gpu_budget(gpu)
    fits = need <= budget
    what = f"{_gib(weights)} of weights" + (f" + {_gib(kv)} of KV cache" if kv else "")
    why = (f"everything on one {gpu.name}: simplest, and no GPU-to-GPU traffic — {what} in {_gib(budget)}"
           if fits else f"one {gpu.name} is too small: {what} need {_gib(need)}, it takes {_gib(budget)}")
    return ParallelOption(kind="single_gpu", devices=1, gpu=gpu.name, dtype=inputs.dtype, fits=fits, why=why,
                          kwargs={"dtype": inputs.dtype, "device_map": f"cuda:{gpu.index}"},
                          per_device_bytes={f"cuda:{gpu.index}": need})


def _pipeline(inputs: ParallelInputs) -> ParallelOption:
    from advisor.planner import mib_size

    gpus = inputs.facts.gpus
    layout = inputs.layout(inputs.dtype)
    off_gpu = layout.placement.get("cpu", 0) + layout.placement.get("disk", 0)
    one_machine = len(gpus) <= inputs.gpus_per_node
    fits = not off_gpu and layout.kv_fits and one_machine
    kwargs: dict[str, Any] = {"dtype": inputs.dtype, "device_map": "auto"}
    if inputs.kv_total(inputs.dtype):
        kwargs["max_memory"] = {g.index: mib_size(layout.weight_budgets.get(g.index, 0)) for g in gpus}
    why = (f"accelerate places whole layers on each of the {len(gpus)} GPUs in turn (pipeline-style): the memory "
           "of all of them, the speed of one — only one GPU computes at a time")
    if not one_machine:
        why += (f"; {len(gpus)} GPUs are more than one node of {inputs.gpus_per_node}, and device_map needs them all "
                "in one process")
    elif not fits:
        why += f"; {_gib(off_gpu)} would still spill off the GPUs" if off_gpu else "; the KV cache does not fit"
    return ParallelOption(kind="pipeline", devices=len(gpus), gpu=_names(gpus), dtype=inputs.dtype, fits=fits,
                          why=why, kwargs=kwargs,
                          per_device_bytes={f"cuda:{g.index}": layout.on(f"cuda:{g.index}") for g in gpus})


def _names(gpus: list[GpuFacts]) -> str:
    names = sorted({g.name for g in gpus})
    return names[0] if len(names) == 1 else " + ".join(names)


def _tensor_parallel(inputs: ParallelInputs) -> ParallelOption | None:
    from advisor.planner import gpu_budget

    group = _group(inputs.facts.gpus)
    most = min(len(group), inputs.gpus_per_node)
    plan = tp_plan_of(inputs.config)
    if most < 2 or plan is None or inputs.meta is None or inputs.dtype not in _BYTES:
        return None
    heads, kv_heads = heads_of(inputs.config)
    degrees = tp_degrees(heads, kv_heads, most)
    gpu = group[0]
    if not degrees:
        return ParallelOption(kind="tensor_parallel", devices=most, gpu=gpu.name, dtype=inputs.dtype, fits=False,
                              kwargs={}, why=f"tensor parallel splits heads: {heads} attention heads and {kv_heads} "
                              f"KV heads do not divide by any GPU count from 2 to {most}")
    sharded, experts, replicated = sharded_bytes(inputs.meta.module, plan, inputs.dtype, ep_plan_of(inputs.config))
    n_experts = experts_of(inputs.config)
    if experts and n_experts and takes_ep_size():
        # ep_size = tp_size: every GPU owns its share of the experts; the GPU count must divide the expert count
        degrees = [d for d in degrees if n_experts % d == 0] or degrees
    split_experts = splits_experts(inputs.config, experts, degrees[0])
    kv = inputs.kv_total(inputs.dtype)
    budget = gpu_budget(gpu)

    def per_gpu(n: int) -> int:
        return (sharded + (experts if split_experts else 0)) // n + replicated \
            + (0 if split_experts else experts) + kv // n

    n = degrees[0]
    fits = per_gpu(n) <= budget
    smallest = [d for d in sorted(degrees) if per_gpu(d) <= budget]
    why = (f"transformers' tensor-parallel plan for {type(inputs.config).__name__} splits every layer over {n} "
           f"{gpu.name} GPUs of one node, which all compute together (faster than pipeline placement); one process "
           f"per GPU under torchrun. {heads} heads and {kv_heads} KV heads divide by {n}. "
           f"{_gib(per_gpu(n))} per GPU of {_gib(budget)}")
    if split_experts and n_experts:
        why += (f"; the {n_experts} experts per layer ({_gib(experts)}) sit in the expert-parallel plan, not the "
                f"tensor-parallel one, so ep_size={n} splits them too ({n_experts // n} per GPU)")
    elif experts:
        cannot = ("this transformers cannot split them by expert parallelism" if not takes_ep_size() else
                  f"{n} GPUs do not divide the {n_experts} experts for expert parallelism")
        why += (f"; the experts ({_gib(experts)}) are outside the tensor-parallel plan and {cannot}, so every GPU "
                "holds them all")
    if smallest and smallest[0] < n:
        why += f"; {smallest[0]} GPUs would already hold it"
    if not fits:
        why += "; too big even split this way"
    ranks = {f"cuda:{g.index}": per_gpu(n) for g in group[:n]}
    return ParallelOption(kind="tensor_parallel", devices=n, gpu=gpu.name, dtype=inputs.dtype, fits=fits, why=why,
                          kwargs={"dtype": inputs.dtype, **tp_kwargs(n, split_experts)},
                          command=f"torchrun --nproc-per-node {n} script.py", per_device_bytes=ranks)


def _layer_split(inputs: ParallelInputs) -> tuple[int, int, int]:
    """(bytes of all decoder layers, bytes outside them, layers) at the plan's dtype."""
    weights = inputs.model_f.bytes_at(inputs.dtype)
    layers = inputs.shape.layers if inputs.shape is not None else 0
    if inputs.meta is None or not layers:
        return weights, 0, layers
    from advisor.planner import layers_prefix

    prefix = layers_prefix(inputs.meta.module, layers)
    if prefix is None:
        return weights, 0, layers
    size = _BYTES.get(inputs.dtype, 2)
    inside = sum(p.numel() for n, p in inputs.meta.module.named_parameters() if n.startswith(prefix + ".")) * size
    outside = sum(p.numel() for n, p in inputs.meta.module.named_parameters()
                  if not n.startswith(prefix + ".")) * size
    return inside, outside, layers


def _scale_out(inputs: ParallelInputs) -> ParallelOption | None:
    """When nothing fits on the GPUs given: the smallest layout on vLLM that holds the weights and the KV cache —
    tensor parallel over more GPUs of one node first, then ``gpus_per_node`` GPUs per node (tensor parallel inside
    a node) times pipeline stages across nodes."""
    from advisor.kvcache import cache_dtype
    from advisor.planner import gpu_budget

    group = _group(inputs.facts.gpus)
    gpu = group[0]
    heads, kv_heads = heads_of(inputs.config)
    node = inputs.gpus_per_node
    # vLLM splits attention heads over the tensor-parallel GPUs (KV heads are replicated when fewer than them)
    tensors = [t for t in range(1, node + 1) if not heads or (heads % t == 0 and (
        not kv_heads or kv_heads % t == 0 or t % kv_heads == 0))]
    inside, outside, layers = _layer_split(inputs)
    per_layer_kv = (inputs.shape.per_layer(*inputs.serving, cache_dtype(inputs.dtype))
                    if inputs.shape is not None and inputs.serving is not None else [])
    budget = gpu_budget(gpu)

    def per_gpu(tensor: int, stages: int) -> int:
        kv_share = max(1 / tensor, 1 / kv_heads) if kv_heads else 1 / tensor
        if layers:
            stage_layers = math.ceil(layers / stages)
            stage_kv = stage_layers * max(per_layer_kv, default=0)
            return int((stage_layers * inside / layers + outside) / tensor + stage_kv * kv_share)
        return int((inside + inputs.kv_total(inputs.dtype)) / (tensor * stages))

    candidates = [(t, 1) for t in tensors if t > 1] + [(tensors[-1], p) for p in range(2, max(layers, 2) + 1)]
    found = next(((t, p) for t, p in candidates if per_gpu(t, p) <= budget), None)
    tensor, stages = found or candidates[-1]
    total = tensor * stages
    nodes = math.ceil(total / node)
    serve = f"vllm serve {inputs.model_id} --tensor-parallel-size {tensor}"
    if stages > 1:
        serve += f" --pipeline-parallel-size {stages}"
    serve += f" --dtype {inputs.dtype}"
    if inputs.serving is not None:
        serve += f" --max-model-len {inputs.serving[0]} --max-num-seqs {inputs.serving[1]}"
    command = serve
    if nodes > 1:
        command = ("ray start --head  # on the first node\n"
                   "ray start --address=<first-node-ip>:6379  # on each other node\n" + serve + "  # on the first node")
    have = len(group)
    split = f"vLLM splits each layer over {tensor} GPUs (tensor parallel)"
    if stages > 1:
        split += f" and the layers over {stages} stages of {tensor} GPUs (pipeline parallel), {nodes} nodes of {node}"
    given = f"one node of {node} {gpu.name} is" if have > node else f"the {have} {gpu.name} given are"
    why = (f"{given} too small at {inputs.dtype}: {split}; "
           f"{_gib(per_gpu(tensor, stages))} per GPU of {_gib(budget)}")
    if have < total:
        why += f" — needs {total} {gpu.name}"
    if found is None:
        why += "; it does not fit even at one layer per stage: quantize"
    return ParallelOption(kind="multi_node" if nodes > 1 else "scale_out", devices=total, nodes=nodes, gpu=gpu.name,
                          dtype=inputs.dtype, fits=found is not None, why=why, command=command,
                          kwargs={"tensor_parallel_size": tensor, "pipeline_parallel_size": stages,
                                  "dtype": inputs.dtype},
                          per_device_bytes={f"rank{r}": per_gpu(tensor, stages) for r in range(total)})


def _quantized(inputs: ParallelInputs, bits: int) -> ParallelOption:
    from advisor.planner import verdict_of

    gpus = inputs.facts.gpus
    layout = inputs.layout(f"int{bits}")
    fits = verdict_of(layout.placement, inputs.facts) == "gpu" and layout.kv_fits
    weights = sum(layout.placement.values())
    why = (f"bitsandbytes {bits}-bit weights ({_gib(weights)}; compute and KV cache stay 16-bit), placed by "
           f"device_map=\"auto\" on {len(gpus)} GPU(s): some quality loss, needs CUDA")
    if not fits:
        why += "; still does not fit on the GPUs"
    return ParallelOption(kind="quantized", devices=len(gpus), gpu=_names(gpus), dtype=f"int{bits}", fits=fits,
                          why=why, kwargs={"device_map": "auto", "quantization_config": {
                              "quant_method": "bitsandbytes", f"load_in_{bits}bit": True}},
                          per_device_bytes={f"cuda:{g.index}": layout.on(f"cuda:{g.index}") for g in gpus})


# --------------------------------------------------------------------------------------------------
# After load: "why is generation slow" on several GPUs
# --------------------------------------------------------------------------------------------------


def _gpu_index(device: Any) -> int | None:
    """The CUDA index of a device_map value (0, "cuda:1", torch.device("cuda", 2)); None for cpu/disk/mps."""
    if isinstance(device, bool):
        return None
    if isinstance(device, int):
        return device
    text = str(device)
    if text == "cuda":
        return 0
    if text.startswith("cuda:") and text[5:].isdigit():
        return int(text[5:])
    return None


def pipeline_findings(model: Any, facts: Facts) -> list[dict[str, str]]:
    """A finding ``{level, code, message}`` when ``hf_device_map`` spreads the model layer by layer over several GPUs
    (one computes at a time), naming tensor parallel where the architecture's config declares a TP plan."""
    device_map = getattr(model, "hf_device_map", None)
    if not isinstance(device_map, dict):
        return []
    gpus = sorted({i for i in (_gpu_index(v) for v in device_map.values()) if i is not None})
    if len(gpus) < 2:
        return []
    config = getattr(model, "config", None)
    message = (f"the model is split layer by layer over {len(gpus)} GPUs (device_map, pipeline-style): only one GPU "
               "computes at a time, so generation runs at the speed of one GPU, plus the hops between them")
    plan = tp_plan_of(config)
    heads, kv_heads = heads_of(config)
    degrees = tp_degrees(heads, kv_heads, len(gpus)) if plan else []
    if degrees:
        _, experts, _ = sharded_bytes(model, plan or {}, None, ep_plan_of(config))
        call = ", ".join(f"{key}={json.dumps(value)}"
                         for key, value in tp_kwargs(degrees[0], splits_experts(config, experts, degrees[0])).items())
        message += (f"; tensor parallel makes {degrees[0]} GPUs compute together: from_pretrained(..., "
                    f"{call}) without device_map, launched with torchrun --nproc-per-node {degrees[0]} "
                    "script.py")
    elif plan:
        message += (f"; tensor parallel needs the {heads} attention heads and {kv_heads} KV heads to divide by the "
                    "GPU count, which none from 2 to " + str(len(gpus)) + " does")
    else:
        name = type(config).__name__ if config is not None else "this model"
        message += (f"; transformers has no tensor-parallel plan for {name}: a serving engine (vLLM "
                    f"--tensor-parallel-size {len(gpus)}) runs the GPUs together")
    size = sum(p.numel() * p.element_size() for p in model.parameters())
    from advisor.planner import gib, gpu_budget

    roomy = [g for g in facts.gpus if gpu_budget(g) >= size]
    if roomy:
        message += f"; it would also fit whole on {roomy[0].name} cuda:{roomy[0].index} (device_map=\"cuda:" \
                   f"{roomy[0].index}\"), {gib(size)} of weights"
    return [{"level": "info", "code": "pipeline_placement", "message": message}]
