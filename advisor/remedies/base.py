"""What every action receives and returns."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.context import Context
from advisor.facts import Facts
from advisor.failure import Failure
from advisor.loadplan import LoadPlan


@dataclass(frozen=True)
class RemedyEnv:
    """The plan to change and what is known: facts, the failure, the rule context."""

    plan: LoadPlan
    facts: Facts
    failure: Failure
    ctx: Context


@dataclass(frozen=True)
class Applied:
    """The new plan (None: not applicable here), whether the choice was unambiguous, and a note."""

    plan: LoadPlan | None
    unambiguous: bool = True
    note: str = ""
