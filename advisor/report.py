"""The report: pydantic models (JSON contract), built by listening to events; Markdown rendering."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
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


class ReportBuilder:
    """Listens to the loop's events and assembles the Report. Knows nothing about the loop itself."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._t0 = time.monotonic()
        self.preflight: list[Decision] = []
        self.attempts: list[Attempt] = []
        self.notes: list[str] = []
        self._open: dict[str, Any] | None = None
        self.report: Report | None = None

    def __call__(self, event: ev.Event) -> None:
        handler = getattr(self, f"_on_{event.kind}", None)
        if handler is not None:
            handler(event)

    def _on_preflight_decision(self, e: ev.PreflightDecision) -> None:
        self.preflight.append(Decision(fix=e.fix, risk=e.risk, changes=e.changes, reason=e.reason))

    def _on_note(self, e: ev.Note) -> None:
        self.notes.append(redact_text(e.message))

    def _on_attempt_started(self, e: ev.AttemptStarted) -> None:
        self._close()
        self._open = {"n": e.n, "model_id": e.model_id, "auto_class": e.auto_class,
                      "kwargs": redact_value("kwargs", e.kwargs), "outcome": "loaded", "t0": e.at}

    def _on_failure_caught(self, e: ev.FailureCaught) -> None:
        if self._open is not None:
            self._open.update(outcome="failed", phase=e.phase,
                              error=ErrorRecord(type=e.error_type, message=redact_text(e.message)))

    def _on_diagnosed(self, e: ev.Diagnosed) -> None:
        if self._open is not None and self._open.get("category") is None:
            self._open.update(category=e.category, rule=e.rule, explanation=redact_text(e.explanation))

    def _on_remedy_decided(self, e: ev.RemedyDecided) -> None:
        if self._open is not None and (self._open.get("remedy") is None or e.applied):
            self._open["remedy"] = RemedyRecord(fix=e.fix, risk=e.risk, changes=redact_value("c", e.changes),
                                                applied=e.applied, reason=redact_text(e.reason))

    def _on_finished(self, e: ev.Finished) -> None:
        next_steps = [redact_text(s) for s in e.next_steps]
        if e.interrupted:  # Ctrl-C or a cancel: the attempt in flight did not load, whatever it reached
            if self._open is not None and self._open.get("error") is None:
                self._open.update(outcome="failed", error=ErrorRecord(
                    type="KeyboardInterrupt", message="interrupted before this attempt finished"))
            self.notes.append("interrupted (Ctrl-C or cancelled): this report is partial")
            next_steps = next_steps or ["The load was interrupted before it finished; run it again "
                                        "(downloads resume where they stopped)."]
        self._close(end=e.at)
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

    def _close(self, end: float | None = None) -> None:
        if self._open is None:
            return
        data = dict(self._open)
        t0 = data.pop("t0")
        data["duration_s"] = round((end or time.monotonic()) - t0, 3)
        self.attempts.append(Attempt(**data))
        self._open = None


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
