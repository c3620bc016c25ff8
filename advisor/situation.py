"""What the rules may read about one failure: the context built for a live load and for pasted text alike.

The live loop and ``explain`` share this, so a rule sees the same names (``plan.*``, ``facts.*``, ``failure.*``,
``local.*``, ``history.*``) whichever way the failure arrived.
"""

from __future__ import annotations

from typing import Any

from advisor.context import Context
from advisor.facts import Facts
from advisor.failure import Failure
from advisor.loadplan import LoadPlan


def _str_or_none(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def plan_namespace(plan: LoadPlan) -> dict[str, Any]:
    """``plan.*``: the call as rules see it."""
    return {
        "model_id": plan.model_id,
        "auto_class": plan.auto_class,
        "dtype": plan.dtype,
        "device_map": _str_or_none(plan.device_map),
        "kwargs": plan.json_kwargs(),
        "has_offload_folder": bool(plan.kwargs.get("offload_folder")),
        "trust_remote_code": bool(plan.kwargs.get("trust_remote_code")),
        "local_files_only": bool(plan.kwargs.get("local_files_only")),
    }


def live_context(plan: LoadPlan, facts: Facts, failure: Failure, *, hub_details: dict[str, Any],
                 tried: set[str]) -> Context:
    """The context of a failure in a live load: the plan, this machine, the failure, the disk, the history."""
    from advisor.hub import local_state

    local = local_state(plan.model_id, plan.kwargs.get("revision"))
    namespace = {**plan_namespace(plan), "is_local_dir": local["is_local_dir"]}
    fail = {"phase": failure.phase, "type": failure.top.type, **failure.details, **hub_details}
    return Context(plan=namespace, facts=facts.as_context(), failure=fail, local=local,
                   history={"tried": sorted(tried)})


def text_context(failure: Failure) -> Context:
    """What explain may assume: nothing about the user's machine; unknown values render as <name>."""
    facts = {"best_half_dtype": "float16", "transformers_version": "your installed version", "offline": False}
    return Context(placeholder_for_missing=True, plan={"dtype": "auto", "is_local_dir": False,
                                                        "local_files_only": False},
                   facts=facts, failure={"phase": "text", **failure.details})
