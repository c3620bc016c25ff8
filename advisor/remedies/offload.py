"""offload: device_map="auto" with max_memory headroom (accelerate places the layers), or spill to disk."""

from __future__ import annotations

from typing import Any

from advisor.remedies.base import Applied, RemedyEnv
from advisor.remedies.effects import NEW_TEMP_FOLDER, MakeOffloadFolder
from advisor.schema import Offload


def apply(action: Offload, env: RemedyEnv) -> Applied:
    if not env.facts.has("accelerate"):
        return Applied(None, note="device_map needs accelerate: pip install accelerate")
    max_memory: dict[Any, str] = {}
    for gpu in env.facts.gpus:
        max_memory[gpu.index] = f"{int(gpu.free_bytes * action.gpu_fraction) // 2**20}MiB"
    changes: dict[str, Any] = {"device_map": "auto"}
    effects: tuple[MakeOffloadFolder, ...] = ()
    if action.to == "cpu" and max_memory:
        # accelerate keeps only the keys given: without "cpu" the overflow would go to disk, not to RAM.
        from advisor.planner import cpu_budget

        max_memory["cpu"] = f"{max(cpu_budget(env.facts) // 2**20, 1)}MiB"
    if action.to == "disk":
        ram = env.facts.effective_ram_bytes
        max_memory["cpu"] = f"{max(int(ram * 0.5) // 2**20, 1)}MiB"
        if not env.plan.kwargs.get("offload_folder"):
            changes["offload_folder"] = NEW_TEMP_FOLDER  # created only if the offload is approved
            effects = (MakeOffloadFolder(),)
    if max_memory:
        changes["max_memory"] = max_memory
    plan = env.plan.apply(changes)
    if plan == env.plan:
        return Applied(None, note="already offloading this way")
    return Applied(plan, effects=effects)
