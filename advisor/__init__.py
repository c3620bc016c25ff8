"""Load Advisor: robust Hugging Face model loading.

``import advisor`` stays light: torch, transformers and Textual are imported only when a load,
a plan or the TUI actually needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["AdvisorWarning", "ConsentRequest", "InvalidRequest", "LoadFailed", "LoadInterrupted", "LoadResult",
           "Policy", "Report", "Risk", "explain", "plan", "safe_load"]

if TYPE_CHECKING:
    from advisor.diagnose import explain
    from advisor.errors import AdvisorWarning, InvalidRequest, LoadFailed, LoadInterrupted
    from advisor.loader import LoadResult, safe_load
    from advisor.planner import plan
    from advisor.policy import ConsentRequest, Policy, Risk
    from advisor.report import Report

_LAZY = {
    "LoadFailed": "advisor.errors",
    "InvalidRequest": "advisor.errors",
    "LoadInterrupted": "advisor.errors",
    "AdvisorWarning": "advisor.errors",
    "LoadResult": "advisor.loader",
    "safe_load": "advisor.loader",
    "Policy": "advisor.policy",
    "Risk": "advisor.policy",
    "ConsentRequest": "advisor.policy",
    "Report": "advisor.report",
    "explain": "advisor.diagnose",
    "plan": "advisor.planner",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
