"""A listener that prints the live decision trace to stderr with rich, and the one-line verdict of ``-q``.

From Python: ``safe_load(..., on_event=TracePrinter())`` prints the same trace as ``advisor load``.
On a terminal lines are laid out (wrapped at the width, long messages clipped with "…"); anywhere else
(CI logs, ``2>file``) every event is one full line, never hard-wrapped or cut: the log viewer wraps.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from advisor import events as ev
from advisor.redact import redact_text
from advisor.textsafe import one_line

_RISK_STYLE = {"safe": "green", "precision": "yellow", "slower": "yellow", "identity": "cyan",
               "security": "red", "destructive": "red"}


class TracePrinter:
    """Prints one line (or a few) per event. Only listens; never changes anything."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        if not self.console.is_terminal:  # a log file or CI: full lines, the viewer wraps
            self.console.soft_wrap = True
        self._bars: Progress | None = None  # live download/weights bars (terminal only)
        self._tasks: dict[tuple[int, int], TaskID] = {}

    def __call__(self, event: ev.Event) -> None:
        if not isinstance(event, ev.DownloadProgress):
            self._stop_bars()
        handler = getattr(self, f"_on_{event.kind}", None)
        if handler is not None:
            handler(event)

    def say(self, text: str, style: str = "dim") -> None:
        """A line of the caller's own (the CLI's ``--offline`` note) in the trace's style."""
        self._print(text, style)

    def _clip(self, text: str, limit: int) -> str:
        """On a terminal: at most ``limit`` characters, cut at a word with "…". Elsewhere: the whole text."""
        if not self.console.is_terminal or len(text) <= limit:
            return text
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"

    def _print(self, text: str, style: str = "") -> None:
        # One event, one line: untrusted parts (ids, messages, rule text) cannot add lines or send escapes.
        self.console.print(one_line(redact_text(text)), style=style, markup=False, highlight=False, emoji=False)

    def _on_load_started(self, e: ev.LoadStarted) -> None:
        self._print(f"advisor: loading {e.model_id} with {e.auto_class} {_kw(e.kwargs)}", "bold")

    def _on_preflight_decision(self, e: ev.PreflightDecision) -> None:
        self._print(f"  preflight: {e.fix} ({e.risk.value}) {_kw(e.changes)} — {e.reason}", "cyan")

    def _on_attempt_started(self, e: ev.AttemptStarted) -> None:
        self._print(f"▶ attempt {e.n}: {e.auto_class}.from_pretrained({e.model_id!r}{_kw(e.kwargs, lead=', ')})")

    def _on_failure_caught(self, e: ev.FailureCaught) -> None:
        first = e.message.strip().splitlines()[0] if e.message.strip() else ""
        self._print(f"  ✗ {e.phase} failed: {e.error_type}: {self._clip(first, 200)}", "red")

    def _on_diagnosed(self, e: ev.Diagnosed) -> None:
        self._print(f"  ↳ diagnosis: {e.category} [{e.rule or 'no rule'}] — {self._clip(e.explanation, 300)}",
                    "magenta")

    def _on_consent_asked(self, e: ev.ConsentAsked) -> None:
        self._print(f"  ? consent needed for {e.fix} ({e.risk.value}): {e.reason}", "bold yellow")

    def _on_consent_answered(self, e: ev.ConsentAnswered) -> None:
        self._print(f"  ? {e.fix}: {'granted' if e.granted else 'refused'}", "yellow")

    def _on_remedy_decided(self, e: ev.RemedyDecided) -> None:
        verb = "applying" if e.applied else "not applied"
        self._print(f"  ⚙ {verb}: {e.fix} ({e.risk.value}) {_kw(e.changes)} — {e.reason}",
                    _RISK_STYLE.get(e.risk.value, ""))

    def _on_loaded(self, e: ev.Loaded) -> None:
        self._print(f"✔ loaded {e.model_id} as {e.model_class} on {e.device} ({e.dtype}) at attempt {e.n}",
                    "bold green")

    def _on_health_checked(self, e: ev.HealthChecked) -> None:
        for f in e.findings:
            self._print(f"  health [{f['level']}] {f['code']}: {f['message']}", "yellow")

    def _on_gave_up(self, e: ev.GaveUp) -> None:
        self._print(f"✘ gave up after {e.n} attempt(s): {e.reason}", "bold red")
        for step in e.next_steps:
            self._print(f"  → {step}")

    def _on_note(self, e: ev.Note) -> None:
        self._print(f"  note: {e.message}", "dim")

    def _on_download_progress(self, e: ev.DownloadProgress) -> None:
        """A rich bar per file while it downloads (terminal only); one summary line per finished download."""
        from advisor.progress import describe, human_amount

        if e.finished and e.stage == "download" and e.unit == "B":
            rate = f" at {human_amount(e.rate)}/s" if e.rate else ""
            self._print(f"  ⇣ {e.file} {human_amount(e.done)}{rate}", "dim")
        if not self.console.is_terminal:
            return
        if self._bars is None:
            self._bars = Progress(TextColumn("  [cyan]{task.description}"), BarColumn(bar_width=24),
                                  TextColumn("{task.fields[line]}", markup=False), console=self.console, transient=True)
            self._bars.start()
        key = (e.n, e.bar)
        line = one_line(redact_text(describe(e).removeprefix(e.file).strip()))
        if key not in self._tasks:  # the description goes through markup: escape it
            self._tasks[key] = self._bars.add_task(escape(one_line(redact_text(e.file))), total=e.total, line=line)
        self._bars.update(self._tasks[key], completed=e.done, total=e.total, line=line)
        if e.finished:
            self._bars.remove_task(self._tasks.pop(key))
        if not self._tasks:
            self._stop_bars()

    def _stop_bars(self) -> None:
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
            self._tasks.clear()


def _kw(kwargs: dict[str, Any], lead: str = "") -> str:
    if not kwargs:
        return ""
    return lead + ", ".join(f"{k}={v!r}" for k, v in kwargs.items())


def verdict_line(report: Any) -> str:
    """The one line ``advisor load -q`` prints on stderr: what loaded (and what changed), or why it gave up."""
    n = len(report.attempts)
    if report.succeeded:
        changed = f" (requested {report.model_id})" if report.final_model_id != report.model_id else ""
        line = f"advisor: loaded {report.final_model_id}{changed} after {n} attempt(s)"
    else:
        last = report.attempts[-1] if report.attempts else None
        why = f"{last.category or 'error'}: {last.error.type}" if last is not None and last.error else "no attempt"
        step = f"; next: {report.next_steps[0]}" if report.next_steps else ""
        line = f"advisor: gave up on {report.model_id} after {n} attempt(s) ({why}){step}"
    return one_line(redact_text(line))
