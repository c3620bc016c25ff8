"""Before the first attempt: change what the facts say will fail, and record each decision.

Preflight acts only on failures it can foresee from facts (bf16 on a GPU without it, weights larger than the
device they are sent to, a container limit accelerate cannot see, disk offload of non-safetensors weights
without a folder), only through changes the policy allows without asking, and reads only local files: the
safetensors headers of a local folder or cached snapshot, never the network. When nothing is foreseen the plan
is left exactly as the user wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor import events as ev
from advisor.facts import Facts, GpuFacts
from advisor.loadplan import LoadPlan
from advisor.modelfacts import ModelFacts
from advisor.planner import cpu_budget, fill, gib, gpu_budget, host_cpu_budget, limit_binds, mib_size
from advisor.policy import Policy, Risk
from advisor.tempfolders import NEW_TEMP_FOLDER

AUTO_MAPS = ("auto", "balanced", "balanced_low_0", "sequential")
QUANT_KWARGS = ("quantization_config", "load_in_8bit", "load_in_4bit")
Step = tuple[ev.PreflightDecision, LoadPlan]


def _cuda_index(device_map: object) -> int | None:
    """0 for "cuda", 1 for "cuda:1" / 1 / torch.device("cuda:1"); None for anything else."""
    if isinstance(device_map, int) and not isinstance(device_map, bool):
        return device_map
    text = str(device_map)
    if text == "cuda":
        return 0
    if text.startswith("cuda:") and text[5:].isdigit():
        return int(text[5:])
    return None


def target_of(plan: LoadPlan, facts: Facts) -> str | int | None:
    """Where the weights go: "cpu", "auto" (accelerate places them), a GPU index, or None (not ours to judge:
    an explicit dict, or a device this machine lacks, which the rules repair after a real failure)."""
    device_map = plan.device_map
    if device_map is None or str(device_map) == "cpu":
        return "cpu"
    if device_map in AUTO_MAPS:
        return "auto"
    index = _cuda_index(device_map)
    if index is not None and index < len(facts.gpus):
        return index
    return None


def _decide(plan: LoadPlan, changes: dict[str, Any], fix: str, risk: Risk, reason: str) -> Step:
    new = plan.apply(changes)
    return ev.PreflightDecision(fix=fix, risk=risk, changes=plan.diff(new), reason=reason), new


def _user_memory(plan: LoadPlan) -> dict[Any, int]:
    """The user's max_memory in bytes (accelerate's units), keys as given."""
    from advisor.gpus import parse_size

    out: dict[Any, int] = {}
    for key, value in (plan.kwargs.get("max_memory") or {}).items():
        out[int(key) if str(key).isdigit() else key] = int(value) if isinstance(value, int | float) else parse_size(
            str(value))
    return out


def _ram_reason(facts: Facts) -> str:
    if limit_binds(facts):
        return (f"this process may use {gib(facts.effective_ram_bytes)} of RAM ({facts.memory_limit_kind} limit; "
                f"the host shows {gib(facts.ram_available_bytes)} available)")
    return f"{gib(facts.effective_ram_bytes)} of RAM is available"


def preflight(plan: LoadPlan, facts: Facts, policy: Policy, *,
              model: ModelFacts | None = None) -> Iterator[Step]:
    """Yield (decision, new plan) for each foreseeable failure the policy lets us avoid.

    ``model`` gives the checkpoint's sizes; by default they are read from local safetensors headers.
    """
    if plan.dtype == "bfloat16" and facts.gpus and not facts.bf16_supported and policy.allows_without_asking(
        Risk.precision
    ):
        gpu = next(g for g in facts.gpus if not g.bf16)
        step = _decide(plan, {"dtype": "float16"}, "use_float16_instead_of_bf16", Risk.precision,
                       f"{gpu.name} (compute capability {gpu.capability[0]}.{gpu.capability[1]}) has no native "
                       "bfloat16; float16 is the half precision it runs")
        yield step
        plan = step[1]
    if any(plan.kwargs.get(k) for k in QUANT_KWARGS):
        return
    target = target_of(plan, facts)
    if target is None:
        return
    if model is None:
        model = _local_model(plan)
    if model is None or model.quantized:
        return
    yield from _fit(plan, facts, policy, model, target)


def _local_model(plan: LoadPlan) -> ModelFacts | None:
    from advisor.modelfacts import model_facts

    kwargs = plan.kwargs
    cache_dir = kwargs.get("cache_dir")
    return model_facts(plan.model_id, revision=kwargs.get("revision"), subfolder=kwargs.get("subfolder") or "",
                       cache_dir=str(cache_dir) if cache_dir else None)


def _fit(plan: LoadPlan, facts: Facts, policy: Policy, model: ModelFacts, target: str | int) -> Iterator[Step]:
    gpus: list[GpuFacts] = (facts.gpus if target == "auto" else [facts.gpus[target]] if isinstance(target, int)
                            else [])
    precision = policy.allows_without_asking(Risk.precision)
    slower = policy.allows_without_asking(Risk.slower)
    if plan.dtype == "auto" and model.stored_dtype == "bfloat16" and any(not g.bf16 for g in gpus) and precision:
        gpu = next(g for g in gpus if not g.bf16)
        step = _decide(plan, {"dtype": "float16"}, "use_float16_instead_of_bf16", Risk.precision,
                       f"the checkpoint is bfloat16 and {gpu.name} (compute capability {gpu.capability[0]}."
                       f"{gpu.capability[1]}) has no native bfloat16; float16 is the half precision it runs")
        yield step
        plan = step[1]
    dtype = model.stored_dtype if plan.dtype == "auto" else plan.dtype
    size = model.bytes_at(dtype)
    if target == "auto":
        yield from _auto(plan, facts, model, size)
        return
    if isinstance(target, int):
        gpu = facts.gpus[target]
        budget = min(gpu_budget(gpu), _user_memory(plan).get(target, gpu_budget(gpu)))
        where = f"{gpu.name} (cuda:{target}) has {gib(gpu.free_bytes)} free; 90% of it, {gib(budget)}, holds weights"
        half = "bfloat16" if gpu.bf16 else "float16"
    else:
        budget = cpu_budget(facts)
        where = f"{_ram_reason(facts)}; weights may take {gib(budget)}"
        half = facts.best_half_dtype if facts.gpus else "bfloat16"
    if size <= budget:
        return
    if dtype in ("float32", "float64") and precision:
        step = _decide(plan, {"dtype": half}, "reduce_dtype", Risk.precision,
                       f"the weights need {gib(size)} at {dtype} and {where}: {half} halves them")
        yield step
        plan, dtype = step[1], half
        size = model.bytes_at(dtype)
        if size <= budget:
            return
    if not slower or "max_memory" in plan.kwargs:
        return
    memory: dict[Any, int] = {target: budget} if isinstance(target, int) else {
        g.index: gpu_budget(g) for g in facts.gpus}
    memory["cpu"] = cpu_budget(facts)
    placed = fill(size, memory)
    spill = " and ".join(f"{gib(n)} to {dev}" for dev, n in placed.items() if not dev.startswith("cuda"))
    changes: dict[str, Any] = {"device_map": "auto", "max_memory": {k: mib_size(v) for k, v in memory.items()}}
    step = _decide(plan, changes, "device_map_auto_offload", Risk.slower,
                   f"the weights need {gib(size)} at {dtype} and {where}: accelerate places what fits "
                   f"and spills the rest ({spill})")
    yield step
    yield from _offload_folder(step[1], model, placed)


def _auto(plan: LoadPlan, facts: Facts, model: ModelFacts, size: int) -> Iterator[Step]:
    """device_map="auto": accelerate places the layers itself; foresee what it cannot see."""
    user = _user_memory(plan)
    memory: dict[Any, int] = {g.index: user.get(g.index, gpu_budget(g)) for g in facts.gpus}
    memory["cpu"] = user.get("cpu", cpu_budget(facts))
    # accelerate's own budget counts the host's RAM; it matters only when the share of the weights it would put
    # on the CPU is more than the limit allows (a model that fits the GPUs, or that the limit holds, loads as asked)
    host: dict[int | str, int] = {g.index: gpu_budget(g) for g in facts.gpus}
    host["cpu"] = host_cpu_budget(facts)
    on_cpu = fill(size, host).get("cpu", 0)
    if limit_binds(facts) and not user and on_cpu > memory["cpu"]:
        changes = {"max_memory": {k: mib_size(v) for k, v in memory.items()}}
        step = _decide(plan, changes, "reduce_max_memory", Risk.safe,
                       f"{_ram_reason(facts)}, but accelerate budgets the host's RAM and would put "
                       f"{gib(on_cpu)} of weights there, so the process would be killed: CPU budget set to "
                       f"{gib(memory['cpu'])}")
        yield step
        plan = step[1]
    yield from _offload_folder(plan, model, fill(size, memory))


def _offload_folder(plan: LoadPlan, model: ModelFacts, placed: dict[str, int]) -> Iterator[Step]:
    """Disk offload of non-safetensors weights needs a folder to re-save them into (safetensors are read in place)."""
    if not placed.get("disk") or model.safetensors or plan.kwargs.get("offload_folder"):
        return
    # The folder is created by the loop once this step is taken (remedies.effects): planning writes nothing.
    yield _decide(plan, {"offload_folder": NEW_TEMP_FOLDER}, "offload_folder", Risk.safe,
                  f"{gib(placed['disk'])} of weights go to disk and they are not safetensors: transformers "
                  "re-saves them into an offload_folder")
