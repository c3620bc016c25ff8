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
    namespace = {**plan_namespace(plan), "is_local_dir": local["is_local_dir"],
                 **id_values(plan.model_id, is_local_dir=bool(local["is_local_dir"]),
                             revision=plan.kwargs.get("revision"))}
    fail = {"phase": failure.phase, "type": failure.top.type, **failure.details, **hub_details}
    return Context(plan=namespace, facts=facts.as_context(), failure=fail, local=local,
                   history={"tried": sorted(tried)})


def id_values(model_id: Any, *, is_local_dir: bool | None = None, revision: Any = None) -> dict[str, Any]:
    """``plan.id_kind`` and the id under the name of its kind: ``plan.repo_id`` for a Hub id, ``plan.local_dir``
    for a folder (so a template segment with ``hf download {plan.repo_id}`` only shows for a repo id)."""
    from advisor.textparse import id_kind

    out: dict[str, Any] = {}
    if not isinstance(model_id, str) or not model_id.strip():
        return out
    kind = "local" if is_local_dir else id_kind(model_id)
    out["id_kind"] = kind
    if kind == "repo":
        out["repo_id"] = model_id
    elif kind == "local":
        out["local_dir"] = model_id
    if isinstance(revision, str) and revision:
        out["revision"] = revision
    return out


def text_context(failure: Failure) -> Context:
    """What explain may assume: nothing about the user's machine but what the text names.

    The model id, revision, GPU name and compute capability the text names fill ``plan.*``/``facts.*``; values
    the text does not hold stay unknown, and templates are written to read well without them.
    """
    details = failure.details
    facts: dict[str, Any] = {"best_half_dtype": "float16", "offline": False}
    for key in ("gpu_name", "compute_capability"):
        if details.get(key):
            facts[key] = details[key]
    plan: dict[str, Any] = {"dtype": "auto", "is_local_dir": False, "local_files_only": False}
    model_id = details.get("model_id")
    if isinstance(model_id, str) and model_id:
        plan["model_id"] = model_id
        # the kind the text itself shows ("found in directory ckpt/x": a folder, though shaped like an id) decides
        plan.update(id_values(model_id, is_local_dir=details.get("id_kind") == "local" or None,
                              revision=details.get("url_revision")))
        plan["is_local_dir"] = plan.get("id_kind") == "local"
    if isinstance(details.get("auto_class"), str):
        plan["auto_class"] = details["auto_class"]
    if isinstance(details.get("code_dtype"), str):  # the caller's own line says which dtype it loads in
        plan["dtype"] = details["code_dtype"]
    return Context(placeholder_for_missing=True, plan=plan, facts=facts, failure={"phase": "text", **details})
