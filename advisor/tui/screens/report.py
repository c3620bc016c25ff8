"""The Report screen: open a saved report JSON and browse its attempts, outcome and next steps."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static

from advisor.errors import InvalidRequest
from advisor.report import Report, read_report
from advisor.tui.dialogs.message import MessageDialog
from advisor.tui.state import TraceState
from advisor.tui.widgets.panels import DetailPane
from advisor.tui.widgets.render import safe
from advisor.tui.widgets.timeline import Timeline


class ReportScreen(Screen[None]):
    """A path field, then the same timeline and detail pane as a live trace."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    AUTO_FOCUS = None  # focus is placed on mount: the timeline when a report is open, else the path field

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.report: Report | None = None
        self.state: TraceState | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="report-open"):
            yield Static("Report file ", classes="label")
            yield Input(str(self.path or ""), placeholder="advisor-report-….json", id="report-path", compact=True)
            yield Button("Open", id="open", compact=True)
        yield Static(Text("Open a report written by `advisor load --report` or `s`.", style="dim"),
                     id="report-summary")
        yield Timeline(id="report-timeline", keys=False)  # a saved report: no result/save keys act on it
        yield DetailPane(id="report-detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.path is not None:
            self.open(self.path)
        else:
            self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.open(Path(event.value.strip()).expanduser())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.open(Path(self.query_one(Input).value.strip()).expanduser())

    def open(self, path: Path) -> None:
        """Read and validate the report; an unreadable file is shown in a dialog, never fatal."""
        try:  # bounded: a binary file, /dev/zero or a huge file is a message, never a hang
            report = read_report(path)
        except InvalidRequest as err:  # one readable line and a hint, never a raw validation dump
            self.app.push_screen(MessageDialog("Cannot open the report", err.message, err.hint))
            return
        self.path, self.report, self.state = path, report, TraceState.from_report(report)
        status = "loaded" if report.succeeded else "FAILED"
        self.query_one("#report-summary", Static).update(Text.assemble(
            (f"{safe(report.model_id)} — {status}", "bold"),
            f" · {len(report.attempts)} attempt(s) · {report.duration_s:.1f} s · started {safe(report.started_at)}",
            no_wrap=True, overflow="ellipsis"))
        timeline = self.query_one(Timeline)
        timeline.clear_options()
        timeline.sync(self.state, follow=False)
        timeline.highlighted = 0
        timeline.focus()  # ↑/↓ browse the attempts at once
        self._show(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int | None) -> None:
        detail = self.query_one(Timeline).detail_at(self.state, index) if self.state is not None else None
        if detail is not None:
            self.query_one(DetailPane).show(detail)

    def action_back(self) -> None:
        self.app.pop_screen()
