"""Side effects a remedy needs, run by the loop only after the remedy is approved (never while proposing).

A proposal says what it will need (a wait before retrying, a temporary folder for offloaded weights); the decision
is taken on the proposal alone; then :func:`perform` carries the effects out, within the time left.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from advisor.loadplan import LoadPlan
from advisor.tempfolders import NEW_TEMP_FOLDER, new_offload_folder

__all__ = ["NEW_TEMP_FOLDER", "MakeOffloadFolder", "OutOfTime", "Wait", "perform"]


@dataclass(frozen=True)
class Wait:
    """Sleep before the next attempt (a back-off, or the server's Retry-After)."""

    seconds: float


@dataclass(frozen=True)
class MakeOffloadFolder:
    """Create a temporary folder and put it under ``offload_folder`` (replacing :data:`NEW_TEMP_FOLDER`)."""


Effect = Wait | MakeOffloadFolder


class OutOfTime(Exception):
    """An effect (a wait) would run past the call's time budget."""


def perform(effects: tuple[Effect, ...], plan: LoadPlan, *, seconds_left: float | None,
            cancel: threading.Event | None = None) -> LoadPlan:
    """Carry out an approved remedy's effects; returns the plan with what they produced.

    Raises :class:`OutOfTime` (before sleeping) when a wait would not end within ``seconds_left``; a wait wakes
    early when ``cancel`` is set (the loop then ends as cancelled).
    """
    from advisor.network import bounded_wait

    for effect in effects:
        if isinstance(effect, Wait):
            if seconds_left is not None and effect.seconds >= seconds_left:
                raise OutOfTime(f"waiting {effect.seconds:.0f} s would pass the time limit")
            deadline = time.monotonic() + seconds_left if seconds_left is not None else None
            bounded_wait(effect.seconds, deadline, cancel)
        elif isinstance(effect, MakeOffloadFolder) and plan.kwargs.get("offload_folder") == NEW_TEMP_FOLDER:
            plan = plan.apply({"offload_folder": new_offload_folder()})
    return plan
