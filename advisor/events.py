"""Events the loop emits. The report, the console trace and the TUI are only listeners of these."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.policy import Risk


class Event(BaseModel):
    """Base of every event: what happened and when (monotonic seconds since the load began)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    at: float = Field(default_factory=time.monotonic)


class LoadStarted(Event):
    kind: Literal["load_started"] = "load_started"
    model_id: str
    auto_class: str
    kwargs: dict[str, Any]
    max_attempts: int


class PreflightDecision(Event):
    kind: Literal["preflight_decision"] = "preflight_decision"
    fix: str
    risk: Risk
    changes: dict[str, Any]
    reason: str
    consented: bool = False  # applied because a person said yes (a remembered change, or a consent question)


class AttemptStarted(Event):
    kind: Literal["attempt_started"] = "attempt_started"
    n: int
    model_id: str
    auto_class: str
    kwargs: dict[str, Any]
    changed: dict[str, Any] = Field(default_factory=dict)


class PhaseDone(Event):
    """A part of an attempt finished: the model, the tokenizer or the verify pass."""

    kind: Literal["phase_done"] = "phase_done"
    n: int
    phase: str
    detail: str = ""


class FailureCaught(Event):
    kind: Literal["failure_caught"] = "failure_caught"
    n: int
    phase: str
    error_type: str
    message: str
    chain: list[str] = Field(default_factory=list)
    excerpt: str = ""


class Diagnosed(Event):
    kind: Literal["diagnosed"] = "diagnosed"
    n: int
    category: str
    rule: str | None
    title: str
    explanation: str


class RemedyDecided(Event):
    """A remedy was picked for attempt ``n``: applied, or refused/unasked (then it becomes a next step)."""

    kind: Literal["remedy_decided"] = "remedy_decided"
    n: int
    rule: str
    fix: str
    risk: Risk
    changes: dict[str, Any]
    applied: bool
    reason: str
    next_step: str = ""


class ConsentAsked(Event):
    kind: Literal["consent_asked"] = "consent_asked"
    n: int
    fix: str
    risk: Risk
    reason: str


class ConsentAnswered(Event):
    kind: Literal["consent_answered"] = "consent_answered"
    n: int
    fix: str
    granted: bool


class MemoryReleased(Event):
    kind: Literal["memory_released"] = "memory_released"
    n: int
    rss_mib: float | None = None
    cuda_allocated_mib: float | None = None


class Loaded(Event):
    kind: Literal["loaded"] = "loaded"
    n: int
    model_id: str
    model_class: str
    device: str
    dtype: str


class HealthChecked(Event):
    kind: Literal["health_checked"] = "health_checked"
    findings: list[dict[str, str]]


class GaveUp(Event):
    kind: Literal["gave_up"] = "gave_up"
    n: int
    reason: str
    next_steps: list[str]


class Finished(Event):
    """The load is over: the outcome and everything the report needs beyond the attempts."""

    kind: Literal["finished"] = "finished"
    succeeded: bool
    final_model_id: str
    final_auto_class: str
    final_kwargs: dict[str, Any]
    snippet: str
    next_steps: list[str]
    health: list[dict[str, str]] = Field(default_factory=list)
    environment: dict[str, Any] = Field(default_factory=dict)
    interrupted: bool = False


class Note(Event):
    """Free-form information worth showing in the trace (e.g. a plan remembered from a past load)."""

    kind: Literal["note"] = "note"
    message: str


class DownloadProgress(Event):
    """Progress of one bar during attempt ``n``: a file downloading (bytes) or the weights loading (items).

    ``bar`` tells concurrent bars apart; ``rate`` is units per second since the bar began, ``eta_s`` the
    seconds left at that rate (None when unknown). Emitted by ``advisor.progress`` at most ~10 times a second.
    """

    kind: Literal["download_progress"] = "download_progress"
    n: int
    bar: int
    stage: Literal["download", "weights"]
    file: str
    done: float
    total: float | None = None
    unit: str = "B"
    rate: float | None = None
    eta_s: float | None = None
    finished: bool = False


Listener = Callable[[Event], None]


class EventBus:
    """Fans events out to listeners; a listener that raises is dropped from this load, never fatal."""

    def __init__(self, listeners: list[Listener] | None = None) -> None:
        self._listeners: list[Listener] = list(listeners or [])

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener (UI, logger) must never break the load
                self._listeners.remove(listener)
