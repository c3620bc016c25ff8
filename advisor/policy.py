"""What the advisor may change on its own, and how it asks before anything risky."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Risk(str, Enum):
    """How much a remedy changes the result of the load, from harmless to dangerous."""

    safe = "safe"  # no change in results: cache, offload_folder, retry
    precision = "precision"  # dtype change
    slower = "slower"  # CPU/disk offload
    identity = "identity"  # another repo id or Auto class
    security = "security"  # trust_remote_code, ignore_mismatched_sizes
    destructive = "destructive"  # deleting files


class ConsentRequest(BaseModel):
    """A question the loop asks before applying a remedy that needs consent."""

    model_config = ConfigDict(frozen=True)

    rule: str
    fix: str
    risk: Risk
    title: str
    reason: str
    changes: dict[str, Any] = Field(default_factory=dict)


ConsentCallback = Callable[[ConsentRequest], bool]


class Policy(BaseModel):
    """Bounds and permissions for one ``safe_load`` call. Frozen: pass a new one to change it.

    ``auto_apply`` lists the risk levels applied without asking. ``identity`` fixes apply without
    asking only when unambiguous (one candidate); ``security`` and ``destructive`` never do.
    "Fail rather than degrade" is ``Policy(auto_apply={Risk.safe})``.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    max_attempts: int = Field(default=6, ge=1, le=50)
    max_seconds: float | None = Field(default=None, gt=0)
    allow_remote_code: bool = False
    consent: ConsentCallback | None = None
    verify: bool = True
    preflight: bool = True
    auto_apply: frozenset[Risk] = frozenset({Risk.safe, Risk.precision, Risk.slower, Risk.identity})
    remember: bool = True

    def allows_without_asking(self, risk: Risk, *, unambiguous: bool = True) -> bool:
        """True if a remedy of this risk may be applied without asking anyone."""
        if risk in (Risk.security, Risk.destructive):
            return False
        if risk is Risk.identity and not unambiguous:
            return False
        return risk in self.auto_apply

    def grants_remote_code(self, changes: dict[str, Any]) -> bool:
        """True when ``allow_remote_code`` covers exactly these changes: ``trust_remote_code=True`` (and a
        ``code_revision`` of the requested repo), nothing else. A fix tag never authorises anything."""
        if not self.allow_remote_code or changes.get("trust_remote_code") is not True:
            return False
        return set(changes) <= {"trust_remote_code", "code_revision"}

    def can_ask(self) -> bool:
        """True when someone can answer a consent question (a callback is set)."""
        return self.consent is not None

    def ask(self, request: ConsentRequest) -> bool:
        """Ask the consent callback; no callback means no. The answer is never assumed to be yes."""
        if self.consent is None:
            return False
        return bool(self.consent(request))
