"""Remedy actions: one small module per action type, each with one ``apply``. Dispatch by type tag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from advisor.remedies import auto_class, identifier, kwargs, offload, quantize, retry
from advisor.remedies.base import Applied, RemedyEnv

_APPLY: dict[str, Callable[[Any, RemedyEnv], Applied]] = {
    "set_kwargs": kwargs.apply,
    "fix_identifier": identifier.apply,
    "use_auto_class": auto_class.apply,
    "offload": offload.apply,
    "quantize": quantize.apply,
    "retry": retry.apply,
    "advise": lambda action, env: Applied(None, note="advice only"),
}


def apply_action(action: Any, env: RemedyEnv) -> Applied:
    """Apply one validated action to ``env.plan``; ``Applied.plan`` is None when it cannot apply here."""
    return _APPLY[action.type](action, env)


__all__ = ["Applied", "RemedyEnv", "apply_action"]
