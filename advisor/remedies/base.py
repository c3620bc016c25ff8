"""What every action receives and returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.context import Context
from advisor.facts import Facts
from advisor.failure import Failure
from advisor.loadplan import LoadPlan

if TYPE_CHECKING:
    from advisor.remedies.effects import Effect


@dataclass(frozen=True)
class RemedyEnv:
    """The plan to change and what is known: facts, the failure, the rule context."""

    plan: LoadPlan
    facts: Facts
    failure: Failure
    ctx: Context


@dataclass(frozen=True)
class Applied:
    """The proposed plan (None: not applicable here), whether the choice is proven unambiguous, a note, and the
    effects to run only if the proposal is approved. Building an ``Applied`` never has side effects."""

    plan: LoadPlan | None
    unambiguous: bool = True
    note: str = ""
    effects: tuple[Effect, ...] = ()
