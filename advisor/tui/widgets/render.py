"""Rich renderings of the trace state: one place decides how an attempt, an outcome or a fact looks."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.content import Content
from textual.widgets import Checkbox

from advisor.redact import redact_text
from advisor.textsafe import block, one_line
from advisor.tui.state import AttemptRow, TraceState

RISK_STYLE = {"safe": "green", "precision": "yellow", "slower": "yellow", "identity": "cyan",
              "security": "bold red", "destructive": "bold red"}
ICON = {"running": ("⋯", "yellow"), "loaded": ("✔", "bold green"), "failed": ("✗", "bold red")}


class Tick(Checkbox):
    """A checkbox whose state shows in its shape, not only its colour: ``[x]`` ticked, ``[ ]`` not."""

    @property
    def _button(self) -> Content:
        return Content.assemble(("[x]", "bold") if self.value else ("[ ]", "dim"))


def safe(text: object, *, lines: bool = False) -> str:
    """Untrusted text as the TUI shows it: secrets redacted, control characters escaped (never interpreted)."""
    cleaned = redact_text(str(text))
    return block(cleaned) if lines else one_line(cleaned)


def _line(*parts: tuple[str, str] | str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for part in parts:
        if isinstance(part, tuple):
            text.append(safe(part[0]), style=part[1])
        else:
            text.append(safe(part))
    return text


def kwargs_text(values: dict[str, Any]) -> str:
    """``model_id='acme/tiny-gpt2', dtype='float32'``."""
    return ", ".join(f"{k}={v!r}" for k, v in values.items())


def remedy_text(row: AttemptRow) -> str:
    """``fix_identifier (identity) applied`` / ``set_trust_remote_code (security) refused``."""
    if not row.fix:
        return "no remedy" if row.outcome == "failed" and row.category else ""
    verdict = "applied" if row.applied else ("refused" if row.consent == "refused" else "not applied")
    return f"{row.fix} ({row.risk}) {verdict}"


def attempt_prompt(row: AttemptRow, max_attempts: int) -> RenderableType:
    """The timeline entry of one attempt: the call change, the error, the diagnosis and remedy."""
    icon, style = ICON.get(row.outcome, ("?", ""))
    change = kwargs_text(row.changed) if row.changed else "as requested"
    if row.n == 1 and not row.changed:
        change = row.call()
    took = f"  {row.duration_s:.1f} s" if row.duration_s is not None else ""
    lines = [_line((f"{icon} {row.n}", style), f"/{max_attempts or '?'} ", (change, "bold"), (took, "dim"))]
    if row.outcome == "running":
        ask = "  waiting for your answer…" if row.consent == "asked" else ""
        lines.append(_line("     ", ("running… " + (f"{row.reached} done" if row.reached != "load" else ""), "yellow"),
                           (ask, "bold yellow")))
    elif row.outcome == "loaded":
        lines.append(_line("     ", ("loaded", "green"), f" {row.detail}" if row.detail else ""))
    else:
        lines.append(_line("     ", (f"{row.error_type}: ", "red"), row.error_line))
        diag = f"{row.category} [{row.rule}]" if row.rule else (row.category or "not diagnosed")
        remedy = remedy_text(row)
        parts: list[tuple[str, str] | str] = [(diag, "magenta")]
        if remedy:
            parts += [" → ", (remedy, RISK_STYLE.get(row.risk, ""))]
        lines.append(_line("     ", *parts))
    return Group(*lines)


PHASES = {"load": "loading the model", "tokenizer": "loading the tokenizer", "processor": "loading the processor",
          "verify": "running the verify forward pass", "health": "checking its health"}


def attempt_status(row: AttemptRow) -> str:
    """``loaded`` / ``failed while loading the tokenizer`` / ``running: loading the model``."""
    if row.outcome == "loaded":
        return "loaded"
    if row.outcome == "failed":
        return f"failed while {PHASES.get(row.phase, row.phase)}"
    return f"running ({row.reached} done)" if row.reached != "load" else "running"


def preflight_prompt(state: TraceState) -> RenderableType:
    """The entry before the first attempt: preflight decisions and notes (e.g. a remembered plan)."""
    lines = [_line(("⚙ preflight ", "cyan"), item) for item in state.preflight]
    lines += [_line(("ℹ note ", "dim"), item) for item in state.notes]
    return Group(*lines)


def outcome_prompt(state: TraceState, *, keys: bool = True) -> RenderableType:
    """The last entry: loaded (with the final id), gave up (with the first next step), could not start, or
    cancelled. ``keys``: name the keys that act on it (the live trace has them; a saved report's view does not)."""
    if state.outcome == "loaded":
        final = state.final_model_id or state.model_id
        fixed = f" (asked for {state.model_id})" if final != state.model_id else ""
        what = state.loaded.partition(" as ")[2] if " as " in state.loaded else state.loaded
        hint = ("  enter: result · s: save report", "dim") if keys else ""
        return Group(_line(("✔ loaded ", "bold green"), (final, "bold"), fixed), _line("     ", what, hint))
    if state.outcome == "cancelled":
        return Group(_line(("■ cancelled: ", "bold yellow"), "the load was stopped before it finished"))
    if state.outcome == "error":
        return Group(_line(("✘ could not start: ", "bold red"), state.reason or "a bad request"))
    lines = [_line(("✘ gave up: ", "bold red"), state.reason or "no allowed remedy left")]
    if state.next_steps:
        lines.append(_line("     → ", state.next_steps[0]))
    return Group(*lines)


def attempt_detail(row: AttemptRow) -> RenderableType:
    """The detail pane for one attempt: its call, error, explanation, remedy and traceback excerpt."""
    out: list[RenderableType] = []
    took = f" · {row.duration_s:.2f} s" if row.duration_s is not None else ""
    out.append(Text.assemble((f"Attempt {row.n}", "bold"), f" · {attempt_status(row)}{took}"))
    out.append(Text.assemble(("call ", "dim"), safe(row.call())))
    if row.outcome == "loaded":
        out.append(Text.assemble(("loaded ", "green"), safe(row.detail)))
    if row.error_type:
        message = safe(row.error_message.strip()[:1200], lines=True)
        out.append(Text.assemble((f"{safe(row.error_type)}: ", "red"), message))
    if row.category:
        out.append(Text.assemble(("diagnosis ", "dim"), (row.category, "magenta"),
                                 f" [{row.rule or 'no rule'}] {safe(row.title)}"))
        if row.explanation:
            out.append(Text(safe(row.explanation, lines=True)))
    if row.fix:
        out.append(Text.assemble(("remedy ", "dim"), (remedy_text(row), RISK_STYLE.get(row.risk, "")),
                                 f" — {safe(row.reason)}" if row.reason else ""))
    if row.consent:
        out.append(Text.assemble(("consent ", "dim"), row.consent))
    if row.next_step:
        out.append(Text.assemble(("next step ", "dim"), safe(row.next_step)))
    if row.excerpt:
        out.append(Text("traceback (excerpt)", style="dim"))
        out.append(Text(safe(row.excerpt.rstrip(), lines=True), style="red"))
    return Group(*out)


def outcome_detail(state: TraceState, *, keys: bool = True) -> RenderableType:
    """The detail pane for the outcome entry: snippet and health, or the next steps."""
    out: list[RenderableType] = [outcome_prompt(state, keys=keys)]
    for finding in state.health:
        out.append(Text.assemble((f"health [{finding.get('level')}] ", "yellow"),
                                 safe(f"{finding.get('code')}: {finding.get('message', '')}")))
    if state.outcome == "loaded" and state.snippet:
        out.append(Text("working call", style="dim"))
        out.append(Text(safe(state.snippet.rstrip(), lines=True), style="green"))
    for i, step in enumerate(state.next_steps, 1):
        out.append(Text(f"{i}. {safe(step)}"))
    return Group(*out)


def entry_detail(state: TraceState, option_id: str | None, row: AttemptRow | None, *,
                 keys: bool = True) -> RenderableType:
    """The detail of any timeline entry: an attempt, the outcome, or preflight and notes."""
    if row is not None:
        return attempt_detail(row)
    if option_id == "end":
        return outcome_detail(state, keys=keys)
    return preflight_prompt(state)
