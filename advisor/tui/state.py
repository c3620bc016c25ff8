"""What the TUI knows about a load, folded from the loop's events (or from a saved report). No Textual here.

The worker thread only posts events; the screens fold them into a ``TraceState`` on the app's thread and
render it. ``ConsentReply`` is the one object both threads touch: a thread-safe answer box.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from advisor import events as ev
from advisor.facts import Facts
from advisor.loader import LoadResult
from advisor.policy import Policy
from advisor.report import AttemptRecord, Report, fold_attempt


class Loader(Protocol):
    """``advisor.loader.run_load``'s shape: tests inject a backend, facts or a scripted event stream."""

    def __call__(self, model_id: str, *, auto_class: Any = ..., tokenizer: bool = ..., policy: Policy | None = ...,
                 on_event: ev.Listener | None = ..., facts: Facts | None = ...,
                 cancel: threading.Event | None = ..., **kwargs: Any) -> LoadResult: ...


@dataclass(frozen=True)
class LoadRequest:
    """One load the user asked for: the call, whether remote code may run, and a title (demo scenarios)."""

    model_id: str
    auto_class: str = "AutoModelForCausalLM"
    kwargs: dict[str, Any] = field(default_factory=dict)
    tokenizer: bool = True
    allow_remote_code: bool = False
    title: str = ""
    epilogue: Callable[[], str] | None = None  # a line to show when the load ends (demo: "remote code ran?")
    facts: Callable[[], Facts] | None = None  # demo: SIMULATED hardware facts instead of this machine's
    backend: Callable[[], Any] | None = None  # demo: a backend raising a SIMULATED hardware error
    policy_options: dict[str, Any] = field(default_factory=dict)  # Policy fields from CLI flags (--strict ...)
    granted: frozenset[str] = frozenset()  # fixes consented in advance ("load again with consent" after a No)

    def with_form(self, *, model_id: str, auto_class: str, dtype: str, device_map: str, revision: str,
                  local_files_only: bool, allow_remote_code: bool) -> LoadRequest:
        """This request with the Load form's fields; kwargs the form does not show (max_memory...) are kept."""
        kwargs = {k: v for k, v in self.kwargs.items()
                  if k not in ("dtype", "device_map", "revision", "local_files_only", "trust_remote_code")}
        if dtype:
            kwargs["dtype"] = dtype
        if device_map:
            kwargs["device_map"] = int(device_map) if device_map.isdigit() else device_map
        if revision:
            kwargs["revision"] = revision
        if local_files_only:
            kwargs["local_files_only"] = True
        if allow_remote_code:
            kwargs["trust_remote_code"] = True
        return replace(self, model_id=model_id.strip(), auto_class=auto_class or "AutoModelForCausalLM",
                       kwargs=kwargs, allow_remote_code=allow_remote_code, title="", epilogue=None)

    def summary(self) -> str:
        """``acme/tiny-gtp2 · AutoModelForCausalLM · dtype='bfloat16'``."""
        parts = [self.model_id, self.auto_class] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return " · ".join(parts)


class ConsentReply:
    """The answer to one consent question, handed from the app's thread to the worker's. Default: no."""

    def __init__(self) -> None:
        self._answered = threading.Event()
        self._granted = False

    def answer(self, granted: bool | None) -> None:
        """Called on the app's thread when the dialog closes (None, e.g. dismissed, means no)."""
        self._granted = granted is True
        self._answered.set()

    def wait(self, cancel: threading.Event | None = None, poll_s: float = 0.05) -> bool:
        """Block the worker until answered; a cancelled load (app quitting) counts as a refusal."""
        while not self._answered.wait(poll_s):
            if cancel is not None and cancel.is_set():
                return False
        return self._granted


#: One attempt as the timeline shows it: the same record the report is built from (one fold, two views).
AttemptRow = AttemptRecord


def call_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed from one call to the next: new values, and ``"<removed>"`` for dropped keys."""
    out: dict[str, Any] = {}
    for key in list(before) + [k for k in after if k not in before]:
        if key not in after:
            out[key] = "<removed>"
        elif before.get(key) != after[key] or key not in before:
            out[key] = after[key]
    return out


@dataclass
class TraceState:
    """A load as the trace screen shows it; ``apply`` folds one event in and says what changed."""

    model_id: str = ""
    auto_class: str = ""
    requested: dict[str, Any] = field(default_factory=dict)
    max_attempts: int = 0
    attempts: list[AttemptRow] = field(default_factory=list)
    preflight: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    progress: dict[tuple[int, int], ev.DownloadProgress] = field(default_factory=dict)
    outcome: str = ""  # "" while running | loaded | gave_up | cancelled | error
    reason: str = ""
    loaded: str = ""  # "acme/tiny-gpt2 as GPT2LMHeadModel on cpu (float32)"
    final_model_id: str = ""
    snippet: str = ""
    next_steps: list[str] = field(default_factory=list)
    health: list[dict[str, str]] = field(default_factory=list)
    pending_consent: str = ""
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    # ---- live events ---------------------------------------------------------------------------

    def apply(self, event: ev.Event) -> AttemptRow | None:
        """Fold one event in; returns the attempt row it touched (None for load-level events). Attempts go through
        :func:`advisor.report.fold_attempt`, the same rules the report is built with."""
        handler = getattr(self, f"_on_{event.kind}", None)
        if handler is not None:
            return handler(event)
        return fold_attempt(self.attempts, event)

    @property
    def current(self) -> AttemptRow | None:
        """The attempt that began last (None before the first)."""
        return self.attempts[-1] if self.attempts else None

    @property
    def running(self) -> bool:
        """True until the load has an outcome."""
        return not self.outcome

    def elapsed(self, now: float | None = None) -> float:
        """Seconds since the load began (frozen once it ended)."""
        end = self.ended if self.ended is not None else (now if now is not None else time.monotonic())
        return max(0.0, end - self.started)

    def active_progress(self) -> ev.DownloadProgress | None:
        """The most recent unfinished progress bar, if any (downloads before weights)."""
        live = [p for p in self.progress.values() if not p.finished]
        live.sort(key=lambda p: (p.stage == "download", p.at))
        return live[-1] if live else None

    def _on_load_started(self, e: ev.LoadStarted) -> None:
        self.model_id, self.auto_class, self.max_attempts = e.model_id, e.auto_class, e.max_attempts
        self.requested = dict(e.kwargs)
        self.started = e.at

    def _on_preflight_decision(self, e: ev.PreflightDecision) -> None:
        changes = ", ".join(f"{k}={v!r}" for k, v in e.changes.items())
        self.preflight.append(f"{e.fix} ({e.risk.value}) {changes} — {e.reason}")

    def _on_note(self, e: ev.Note) -> None:
        self.notes.append(e.message)

    def _on_attempt_started(self, e: ev.AttemptStarted) -> AttemptRow | None:
        prev = self.current
        before = ({"model_id": prev.model_id, "auto_class": prev.auto_class, **prev.kwargs} if prev else
                  {"model_id": self.model_id, "auto_class": self.auto_class, **self.requested})
        row = fold_attempt(self.attempts, e)
        if row is not None:
            row.changed = call_diff(before, {"model_id": e.model_id, "auto_class": e.auto_class, **e.kwargs})
        self.progress.clear()
        return row

    def _on_download_progress(self, e: ev.DownloadProgress) -> AttemptRow | None:
        self.progress[(e.n, e.bar)] = e
        return None

    def _on_consent_asked(self, e: ev.ConsentAsked) -> AttemptRow | None:
        self.pending_consent = f"{e.fix} ({e.risk.value})"
        return fold_attempt(self.attempts, e)

    def _on_consent_answered(self, e: ev.ConsentAnswered) -> AttemptRow | None:
        self.pending_consent = ""
        return fold_attempt(self.attempts, e)

    def _on_failure_caught(self, e: ev.FailureCaught) -> AttemptRow | None:
        self.progress.clear()
        return fold_attempt(self.attempts, e)

    def _on_loaded(self, e: ev.Loaded) -> AttemptRow | None:
        self.loaded = f"{e.model_id} as {e.model_class} on {e.device} ({e.dtype})"
        self.progress.clear()
        return fold_attempt(self.attempts, e)

    def _on_health_checked(self, e: ev.HealthChecked) -> None:
        self.health = list(e.findings)

    def _on_gave_up(self, e: ev.GaveUp) -> None:
        self.reason = e.reason
        self.next_steps = list(e.next_steps)

    def _on_finished(self, e: ev.Finished) -> None:
        fold_attempt(self.attempts, e)
        self.final_model_id, self.snippet = e.final_model_id, e.snippet
        self.next_steps = list(e.next_steps) or self.next_steps
        self.health = list(e.health) or self.health
        if e.interrupted:
            self.outcome = "cancelled"
        elif e.succeeded:
            self.outcome = "loaded"
        else:
            self.outcome = "cancelled" if self.reason == "cancelled" else "gave_up"
        self.ended = e.at
        self.progress.clear()

    # ---- saved reports -------------------------------------------------------------------------

    @classmethod
    def from_report(cls, report: Report) -> TraceState:
        """The same view of a finished load, rebuilt from its saved report (no excerpts: reports keep none)."""
        state = cls(model_id=report.model_id, final_model_id=report.final_model_id, snippet=report.snippet,
                    next_steps=list(report.next_steps), health=[h.model_dump() for h in report.health],
                    outcome="loaded" if report.succeeded else "gave_up", notes=list(report.notes), started=0.0,
                    ended=report.duration_s, max_attempts=len(report.attempts))
        state.preflight = [f"{d.fix} ({d.risk.value}) {d.changes} — {d.reason}" for d in report.preflight]
        before = {"model_id": report.model_id}
        for a in report.attempts:
            row = AttemptRecord.from_attempt(a, model_id=report.model_id)
            after = {"model_id": row.model_id, "auto_class": a.auto_class, **a.kwargs}
            row.changed = call_diff(before, after) if a.n > 1 else {}
            if a.outcome == "loaded":
                row.detail = f"as {report.final_auto_class or a.auto_class}"
                state.loaded = f"{row.model_id} at attempt {a.n}"
            state.attempts.append(row)
            before = after
        return state


def facts_lines(facts: Facts) -> list[str]:
    """Two short lines for the facts panel: the machine, then the versions."""
    gib = 1024**3
    if facts.gpus:
        gpu = facts.gpus[0]
        device = f"{gpu.name}: {gpu.free_bytes / gib:.1f}/{gpu.total_bytes / gib:.1f} GiB free"
    elif facts.mps_available:
        device = "mps"
    else:
        device = "cpu only"
    ram = f"RAM {facts.ram_available_bytes / gib:.1f} GiB free"
    ram += f", limit {facts.memory_limit_bytes / gib:.1f}" if facts.memory_limit_bytes else ", no limit"
    bf16 = "bf16 " + ("yes" if facts.bf16_supported else "no")
    net = "offline" if facts.offline else "online"
    names = {"torch": "torch", "transformers": "transformers", "accelerate": "accelerate", "huggingface_hub": "hub"}
    versions = " · ".join(f"{short} {facts.packages.get(name) or '-'}" for name, short in names.items())
    return [" · ".join([device, ram, bf16]), f"{net} · {versions}"]
