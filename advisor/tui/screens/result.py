"""The Result screen: loaded → health findings and the working call (copy, save); failed → next steps."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from advisor.report import Report
from advisor.tui.config import AppConfig, save_report, save_snippet
from advisor.tui.widgets.render import safe


class ResultScreen(Screen[None]):
    """What the load ended with, and what to do with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy call"),
        Binding("w", "write_snippet", "Save call .py"),
        Binding("s", "save", "Save report"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, report: Report, config: AppConfig, *, epilogue: str = "") -> None:
        super().__init__()
        self.report = report
        self.config = config
        self.epilogue = epilogue
        self.saved: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self._headline(), id="result-title")
        with VerticalScroll(id="result-body"):
            yield Static(self._body(), id="result-text")
        yield Footer()

    def _headline(self) -> Text:
        r = self.report
        took = f"{len(r.attempts)} attempt(s) · {r.duration_s:.1f} s"
        if r.succeeded:
            fixed = f" (asked for {safe(r.model_id)})" if r.final_model_id != r.model_id else ""
            return Text.assemble(("✔ loaded ", "bold green"), (safe(r.final_model_id), "bold"), fixed, f" · {took}",
                                 no_wrap=True, overflow="ellipsis")
        return Text.assemble(("✘ gave up on ", "bold red"), (safe(r.model_id), "bold"), f" · {took}",
                             no_wrap=True, overflow="ellipsis")

    def _body(self) -> RenderableType:
        r = self.report
        parts: list[RenderableType] = []
        if self.epilogue:
            parts.append(Text(self.epilogue, style="bold"))
        if r.succeeded:
            parts.append(Text("Health", style="bold underline"))
            if r.health:
                for h in r.health:
                    style = {"error": "red", "warn": "yellow"}.get(h.level, "")
                    parts.append(Text.assemble((safe(f"[{h.level}] {h.code}"), style), f": {safe(h.message)}"))
            else:
                parts.append(Text("no findings: weights, dtype and device look as asked", style="green"))
            parts.append(Text("\nWorking call (c copies it, w saves it as a .py file)", style="bold underline"))
            parts.append(Syntax(safe(r.snippet.rstrip(), lines=True), "python", theme="ansi_dark", word_wrap=True))
        else:
            last = r.attempts[-1] if r.attempts else None
            if last is not None and last.error is not None:
                first = last.error.message.strip().splitlines()[0] if last.error.message.strip() else ""
                parts.append(Text.assemble(("last error ", "dim"), (f"{safe(last.error.type)}: ", "red"),
                                           safe(first)))
            if r.next_steps:
                parts.append(Text("\nNext steps", style="bold underline"))
                parts += [Text(f"{i}. {safe(step)}") for i, step in enumerate(r.next_steps, 1)]
        if r.next_steps and r.succeeded:
            parts.append(Text("\nNext steps", style="bold underline"))
            parts += [Text(f"{i}. {safe(step)}") for i, step in enumerate(r.next_steps, 1)]
        parts.append(Text("\ns saves the report (JSON + Markdown) in " + str(self.config.save_dir), style="dim"))
        return Group(*parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "write_snippet"):
            return self.report.succeeded and bool(self.report.snippet)
        return True

    def action_copy(self) -> None:
        from advisor.tui.config import copy_text

        self.notify(copy_text(self.app, self.report.snippet, "the working call"), markup=False)

    def action_write_snippet(self) -> None:
        path = save_snippet(self.report.snippet, self.report.final_model_id, self.config.save_dir)
        self.saved += (str(path),)
        self.notify(f"saved {safe(path)}", markup=False)

    def action_save(self) -> None:
        json_path, md_path = save_report(self.report, self.config.save_dir)
        self.saved += (str(json_path), str(md_path))
        self.notify(f"saved {safe(json_path.name)} and {safe(md_path.name)} in {safe(json_path.parent)}", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
