"""The report: pydantic models (JSON contract), built by listening to events; Markdown rendering.

The fold from events to attempt records (:func:`fold_attempt`) lives here once: the report builder and the TUI's
state both use it."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor import events as ev
from advisor.policy import Risk
from advisor.redact import redact_text, redact_value
from advisor.textsafe import block, md_code, md_text


class ErrorRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    type: str
    message: str


class RemedyRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    fix: str
    risk: Risk
    changes: dict[str, Any] = Field(default_factory=dict)
    applied: bool
    reason: str = ""


class Decision(BaseModel):
    """A preflight decision: a change made before the first attempt, with its reason."""

    model_config = ConfigDict(frozen=True)

    fix: str
    risk: Risk
    changes: dict[str, Any] = Field(default_factory=dict)
    reason: str


class Attempt(BaseModel):
    """One real load try: its kwargs, its outcome and, when it failed, the diagnosis and remedy."""

    model_config = ConfigDict(frozen=True)

    n: int
    model_id: str = ""
    auto_class: str = ""
    kwargs: dict[str, Any] = Field(default_factory=dict)
    outcome: Literal["loaded", "failed"]
    phase: str = "load"
    error: ErrorRecord | None = None
    category: str | None = None
    rule: str | None = None
    explanation: str = ""
    remedy: RemedyRecord | None = None
    duration_s: float = 0.0


class HealthFinding(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Literal["info", "warn", "error"]
    code: str
    message: str


class Report(BaseModel):
    """What happened, why, and the exact working call. The field names are a public contract."""

    model_config = ConfigDict(frozen=True)

    succeeded: bool
    model_id: str
    final_model_id: str
    final_auto_class: str = ""
    final_kwargs: dict[str, Any] = Field(default_factory=dict)
    snippet: str = ""
    next_steps: list[str] = Field(default_factory=list)
    environment: dict[str, Any] = Field(default_factory=dict)
    health: list[HealthFinding] = Field(default_factory=list)
    started_at: str
    duration_s: float
    preflight: list[Decision] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        """The report JSON, every string redacted as a value (not as JSON text, so the result always parses)."""
        data = redact_value("report", self.model_dump(mode="json"))
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)

    def to_markdown(self) -> str:
        return render_markdown(self)

    def write(self, path: str | Path) -> None:
        """Write JSON atomically (temporary file + rename), so a reader never sees half a report."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self.to_json())
                handle.flush()
                os.fsync(handle.fileno())  # the rename must not land before the bytes do
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@dataclass
class AttemptRecord:
    """One attempt as folded from the loop's events: the single record behind the report's :class:`Attempt` and
    the TUI's timeline row. Mutable while the load runs; raw (unredacted) until :meth:`to_attempt`."""

    n: int
    model_id: str = ""
    auto_class: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)
    changed: dict[str, Any] = field(default_factory=dict)  # the TUI's call diff against the previous attempt
    outcome: str = "running"  # running | loaded | failed
    phase: str = "load"  # the phase it failed in (the report's ``phase``)
    reached: str = "load"  # the last phase it finished (live progress)
    detail: str = ""  # loaded: "GPT2LMHeadModel on cpu (float32)"
    error_type: str = ""
    error_message: str = ""
    excerpt: str = ""
    category: str = ""
    rule: str = ""
    title: str = ""
    explanation: str = ""
    fix: str = ""
    risk: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    applied: bool | None = None
    reason: str = ""
    next_step: str = ""
    consent: str = ""  # "" | asked | granted | refused
    started: float = 0.0
    duration_s: float | None = None  # set when the attempt closes (the next attempt begins, or the load ends)

    @property
    def error_line(self) -> str:
        """The first line of the error message."""
        text = self.error_message.strip()
        return text.splitlines()[0] if text else ""

    def call(self) -> str:
        """``AutoModelForCausalLM.from_pretrained('acme/tiny-gpt2', dtype='float32')``."""
        return call_text(self.auto_class, self.model_id, self.kwargs)

    def close(self, end: float) -> None:
        """End the attempt at ``end`` (monotonic seconds); an attempt that raised nothing counts as loaded."""
        if self.duration_s is None:
            self.duration_s = round(end - self.started, 3)
        if self.outcome == "running":
            self.outcome = "loaded"

    def to_attempt(self) -> Attempt:
        """The report's record of this attempt (the JSON contract), every free text redacted."""
        remedy = None
        if self.fix:
            remedy = RemedyRecord(fix=self.fix, risk=Risk(self.risk), changes=redact_value("c", self.changes),
                                  applied=bool(self.applied), reason=redact_text(self.reason))
        error = ErrorRecord(type=self.error_type, message=redact_text(self.error_message)) if self.error_type else None
        return Attempt(n=self.n, model_id=self.model_id, auto_class=self.auto_class,
                       kwargs=redact_value("kwargs", self.kwargs),
                       outcome="failed" if self.outcome == "failed" else "loaded", phase=self.phase, error=error,
                       category=self.category or None, rule=self.rule or None,
                       explanation=redact_text(self.explanation), remedy=remedy,
                       duration_s=self.duration_s if self.duration_s is not None else 0.0)

    @classmethod
    def from_attempt(cls, a: Attempt, *, model_id: str = "") -> AttemptRecord:
        """A saved attempt as a record again (a report has no excerpts, titles or consent answers)."""
        record = cls(n=a.n, model_id=a.model_id or model_id, auto_class=a.auto_class, kwargs=dict(a.kwargs),
                     outcome=a.outcome, phase=a.phase, category=a.category or "", rule=a.rule or "",
                     explanation=a.explanation, duration_s=a.duration_s)
        if a.error is not None:
            record.error_type, record.error_message = a.error.type, a.error.message
        if a.remedy is not None:
            record.fix, record.risk, record.applied = a.remedy.fix, a.remedy.risk.value, a.remedy.applied
            record.changes, record.reason = dict(a.remedy.changes), a.remedy.reason
        return record


def fold_attempt(attempts: list[AttemptRecord], event: ev.Event) -> AttemptRecord | None:
    """Fold one event into ``attempts``; returns the record it touched (None for load-level events).

    The one set of rules from events to attempt records, used by :class:`ReportBuilder` and the TUI's state: an
    attempt opens at ``attempt_started`` and closes when the next one starts or the load finishes; the first
    diagnosis stands; a remedy is the first one decided, unless a later one was applied; a load interrupted
    mid-attempt marks that attempt failed with ``KeyboardInterrupt``."""
    current = attempts[-1] if attempts else None
    if isinstance(event, ev.AttemptStarted):
        if current is not None:
            current.close(event.at)
        record = AttemptRecord(n=event.n, model_id=event.model_id, auto_class=event.auto_class,
                               kwargs=dict(event.kwargs), started=event.at)
        attempts.append(record)
        return record
    if isinstance(event, ev.Finished):
        if current is not None and current.duration_s is None:
            if event.interrupted and not current.error_type:  # whatever it reached, it did not load
                current.outcome, current.error_type = "failed", "KeyboardInterrupt"
                current.error_message = "interrupted before this attempt finished"
            current.close(event.at)
        return current
    n = getattr(event, "n", None)
    row = next((r for r in reversed(attempts) if r.n == n), None) if n is not None else None
    if row is None:
        return None
    if isinstance(event, ev.PhaseDone):
        row.reached = event.phase
    elif isinstance(event, ev.FailureCaught):
        row.outcome, row.phase, row.error_type = "failed", event.phase, event.error_type
        row.error_message, row.excerpt = event.message, event.excerpt
    elif isinstance(event, ev.Diagnosed):
        if not row.category:
            row.category, row.rule, row.title = event.category, event.rule or "", event.title
            row.explanation = event.explanation
    elif isinstance(event, ev.ConsentAsked):
        row.consent = "asked"
    elif isinstance(event, ev.ConsentAnswered):
        row.consent = "granted" if event.granted else "refused"
    elif isinstance(event, ev.RemedyDecided):
        if not row.fix or event.applied:
            row.fix, row.risk, row.applied = event.fix, event.risk.value, event.applied
            row.changes = dict(event.changes)
            row.reason, row.next_step = event.reason, event.next_step
    elif isinstance(event, ev.Loaded):
        row.outcome, row.detail = "loaded", f"{event.model_class} on {event.device} ({event.dtype})"
    else:
        return None
    return row


class ReportBuilder:
    """Listens to the loop's events and assembles the Report. Knows nothing about the loop itself."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._t0 = time.monotonic()
        self.preflight: list[Decision] = []
        self.records: list[AttemptRecord] = []
        self.notes: list[str] = []
        self.report: Report | None = None

    @property
    def attempts(self) -> list[Attempt]:
        """The attempts so far, as the report will hold them."""
        return [r.to_attempt() for r in self.records]

    def __call__(self, event: ev.Event) -> None:
        fold_attempt(self.records, event)
        if isinstance(event, ev.PreflightDecision):
            self.preflight.append(Decision(fix=event.fix, risk=event.risk, changes=event.changes,
                                           reason=event.reason))
        elif isinstance(event, ev.Note):
            self.notes.append(redact_text(event.message))
        elif isinstance(event, ev.Finished):
            self._finish(event)

    def _finish(self, e: ev.Finished) -> None:
        next_steps = [redact_text(s) for s in e.next_steps]
        if e.interrupted:  # Ctrl-C or a cancel: the attempt in flight did not load (the fold marked it)
            self.notes.append("interrupted (Ctrl-C or cancelled): this report is partial")
            next_steps = next_steps or ["The load was interrupted before it finished; run it again "
                                        "(downloads resume where they stopped)."]
        self.report = Report(
            succeeded=e.succeeded,
            model_id=self.model_id,
            final_model_id=e.final_model_id,
            final_auto_class=e.final_auto_class,
            final_kwargs=redact_value("kwargs", e.final_kwargs),
            snippet=redact_text(e.snippet),
            next_steps=next_steps,
            environment=redact_value("environment", e.environment),
            health=[HealthFinding.model_validate(h) for h in e.health],
            started_at=self.started_at,
            duration_s=round(e.at - self._t0, 3),
            preflight=self.preflight,
            attempts=self.attempts,
            notes=self.notes,
        )


def render_markdown(report: Report) -> str:
    """A human-readable rendering of the same report; untrusted strings can neither add lines nor markup."""
    status = "loaded" if report.succeeded else "FAILED"
    out = [f"# Load report: {md_code(report.model_id)} — {status}", ""]
    out.append(f"- started: {md_text(report.started_at)}, took {report.duration_s:.2f} s, "
               f"{len(report.attempts)} attempt(s)")
    if report.final_model_id != report.model_id:
        out.append(f"- final model id: {md_code(report.final_model_id)}")
    if report.preflight:
        out += ["", "## Preflight", ""]
        out += [f"- **{md_text(d.fix)}** ({d.risk.value}): {md_text(d.reason)} → {md_code(d.changes)}"
                for d in report.preflight]
    out += ["", "## Attempts", ""]
    for a in report.attempts:
        out.append(f"### Attempt {a.n}: {a.outcome} ({a.duration_s:.2f} s)")
        out.append(f"- call: {md_code(call_text(a.auto_class, a.model_id, a.kwargs))}")
        if a.error:
            first = a.error.message.strip().splitlines()[0] if a.error.message.strip() else ""
            out.append(f"- error ({md_text(a.phase)}): {md_code(a.error.type)}: {md_text(first)}")
        if a.category:
            out.append(f"- diagnosis: **{md_text(a.category)}** (rule {md_code(a.rule)}) — {md_text(a.explanation)}")
        if a.remedy:
            verb = "applied" if a.remedy.applied else "not applied"
            out.append(f"- remedy: **{md_text(a.remedy.fix)}** ({a.remedy.risk.value}, {verb}) "
                       f"{md_text(a.remedy.changes)}" + (f" — {md_text(a.remedy.reason)}" if a.remedy.reason else ""))
        out.append("")
    if report.health:
        out += ["## Health", ""] + [f"- [{md_text(h.level)}] {md_code(h.code)}: {md_text(h.message)}"
                                    for h in report.health] + [""]
    if report.snippet:  # a failed load has no working call: its snippet is the last call tried
        heading = "Working call" if report.succeeded else "Last call tried (it failed)"
        out += [f"## {heading}", "", _fence(report.snippet), ""]
    if report.next_steps:
        out += ["## Next steps", ""] + [f"1. {md_text(s)}" for s in report.next_steps] + [""]
    if report.notes:
        out += ["## Notes", ""] + [f"- {md_text(n)}" for n in report.notes] + [""]
    return redact_text("\n".join(out))


def call_text(auto_class: str, model_id: str, kwargs: dict[str, Any]) -> str:
    """``AutoModelForCausalLM.from_pretrained('org/x', dtype='float16')``: the call as a person writes it."""
    args = [repr(model_id), *(f"{key}={value!r}" for key, value in kwargs.items())]
    return f"{auto_class or 'AutoModel'}.from_pretrained({', '.join(args)})"


def read_report(path: str | Path) -> Report:
    """A saved report JSON, read bounded; anything else (binary data, not JSON, another JSON) raises
    :class:`~advisor.errors.InvalidRequest` with one readable line (never a raw pydantic dump) and a hint."""
    from pydantic import ValidationError

    from advisor.bounded import MAX_REPORT_BYTES, InputError, read_bounded
    from advisor.errors import InvalidRequest

    hint = "give a JSON file written by `advisor load --report FILE`"
    try:
        text = read_bounded(path, keep=MAX_REPORT_BYTES, limit=MAX_REPORT_BYTES, what="a report JSON",
                            whole=True)
    except InputError as err:
        raise InvalidRequest(str(err), hint) from None
    try:
        return Report.model_validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        detail = f"{first['msg']}" + (f" at {where}" if where else "")
        raise InvalidRequest(f"{path} is not a report: {err.error_count()} problem(s), first: {detail}",
                             hint) from None


def _fence(code: str) -> str:
    """A fenced Python block that the code itself cannot close (the fence is longer than any backtick run)."""
    body = block(code.rstrip())
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return f"{fence}python\n{body}\n{fence}"
