"""Before the first attempt: change what the facts say will fail, and record each decision."""

from __future__ import annotations

from collections.abc import Iterator

from advisor import events as ev
from advisor.facts import Facts
from advisor.plan import LoadPlan
from advisor.policy import Policy, Risk


def _wants_cuda(device_map: object) -> bool:
    if isinstance(device_map, dict):
        return any(_wants_cuda(v) for v in device_map.values())
    if isinstance(device_map, int) and not isinstance(device_map, bool):
        return True
    return str(device_map).startswith("cuda")


def preflight(plan: LoadPlan, facts: Facts, policy: Policy) -> Iterator[tuple[ev.PreflightDecision, LoadPlan]]:
    """Yield (decision, new plan) for each foreseeable failure the policy lets us avoid."""
    if plan.dtype == "bfloat16" and facts.gpus and not facts.bf16_supported and policy.allows_without_asking(
        Risk.precision
    ):
        gpu = facts.gpus[0]
        new = plan.apply({"dtype": "float16"})
        yield ev.PreflightDecision(
            fix="use_float16_instead_of_bf16", risk=Risk.precision, changes=plan.diff(new),
            reason=f"{gpu.name} (compute capability {gpu.capability[0]}.{gpu.capability[1]}) has no native "
                   "bfloat16; float16 is the half precision it runs",
        ), new
        plan = new
