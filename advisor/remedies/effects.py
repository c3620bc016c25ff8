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

__all__ = ["NEW_TEMP_FOLDER", "MakeOffloadFolder", "OutOfTime", "ResumeHub", "Wait", "perform"]


@dataclass(frozen=True)
class Wait:
    """Sleep before the next attempt (a back-off, or the server's Retry-After)."""

    seconds: float


@dataclass(frozen=True)
class MakeOffloadFolder:
    """Create a temporary folder and put it under ``offload_folder`` (replacing :data:`NEW_TEMP_FOLDER`)."""


@dataclass(frozen=True)
class ResumeHub:
    """Go back to the Hub after the advisor cut huggingface_hub's retries (network.resume_plan): wait what plain
    from_pretrained would still have waited, then allow the tries it had left."""


Effect = Wait | MakeOffloadFolder | ResumeHub


class OutOfTime(Exception):
    """An effect (a wait) would run past the call's time budget."""


def perform(effects: tuple[Effect, ...], plan: LoadPlan, *, seconds_left: float | None,
            cancel: threading.Event | None = None) -> LoadPlan:
    """Carry out an approved remedy's effects; returns the plan with what they produced.

    Raises :class:`OutOfTime` (before sleeping) when a wait would not end within ``seconds_left``; a wait wakes
    early when ``cancel`` is set (the loop then ends as cancelled).
    """
    from advisor import network

    for effect in effects:
        if isinstance(effect, ResumeHub):
            state = network.current()
            if state is not None and state.cut_short:
                allowed, wait = network.resume_plan(state)
                _wait(wait, seconds_left, cancel)
                network.resume_after_cut(state, allowed)
        elif isinstance(effect, Wait):
            _wait(effect.seconds, seconds_left, cancel)
        elif isinstance(effect, MakeOffloadFolder) and plan.kwargs.get("offload_folder") == NEW_TEMP_FOLDER:
            plan = plan.apply({"offload_folder": new_offload_folder()})
    return plan


def _wait(seconds: float, seconds_left: float | None, cancel: threading.Event | None) -> None:
    """Sleep ``seconds`` within the time left (OutOfTime before sleeping when it would not fit), waking on cancel."""
    from advisor.network import bounded_wait

    if seconds_left is not None and seconds >= seconds_left:
        raise OutOfTime(f"waiting {seconds:.0f} s would pass the time limit")
    deadline = time.monotonic() + seconds_left if seconds_left is not None else None
    bounded_wait(seconds, deadline, cancel)
