"""Load Advisor: robust Hugging Face model loading.

``import advisor`` stays light: torch, transformers and Textual are imported only when a load,
a plan or the TUI actually needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ConsentRequest", "LoadFailed", "LoadResult", "Policy", "Report", "Risk", "explain", "plan", "safe_load"]

if TYPE_CHECKING:
    from advisor.diagnose import explain
    from advisor.errors import LoadFailed
    from advisor.loader import LoadResult, safe_load
    from advisor.planner import plan
    from advisor.policy import ConsentRequest, Policy, Risk
    from advisor.report import Report

_LAZY = {
    "LoadFailed": "advisor.errors",
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
