"""One-line and small panels: facts, download progress, status bar, and the detail pane."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from advisor import events as ev
from advisor.facts import Facts
from advisor.progress import describe
from advisor.tui.state import TraceState, facts_lines
from advisor.tui.widgets.render import safe


class FactsPanel(Static):
    """The machine in two lines: device, free memory, limit, bf16, offline; then the versions."""

    def show_facts(self, facts: Facts | None) -> None:
        """Show the facts, or a placeholder while the worker gathers them."""
        if facts is None:
            self.update(Text("gathering facts (device, memory, versions)…", style="dim"))
            return
        first, second = facts_lines(facts)
        self.update(Group(Text(first, style="bold", no_wrap=True, overflow="ellipsis"),
                          Text(second, style="dim", no_wrap=True, overflow="ellipsis")))


class ProgressLine(Static):
    """Which file, bytes done of total, rate and ETA; empty when nothing downloads or loads."""

    def show_progress(self, event: ev.DownloadProgress | None) -> None:
        """Draw the bar and its line for ``event``; hide the line when None."""
        self.display = event is not None
        if event is None:
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(width=20)
        grid.add_column(no_wrap=True, overflow="ellipsis")
        verb = "⇣" if event.stage == "download" else "⚙"
        bar = ProgressBar(total=event.total or None, completed=event.done, width=20)
        grid.add_row(Text(verb, style="cyan"), bar, Text(safe(describe(event))))
        self.update(grid)


class StatusBar(Static):
    """Attempt n of max, elapsed time and where the load stands."""

    def show_state(self, state: TraceState, extra: str = "") -> None:
        """Redraw from the state (called on every event and four times a second for the clock)."""
        n = state.current.n if state.current else 0
        parts = [f"attempt {n} of {state.max_attempts or '?'}", f"{state.elapsed():.1f} s"]
        if state.pending_consent:
            parts.append(f"waiting for consent: {state.pending_consent}")
        elif state.outcome == "loaded":
            parts.append(f"loaded {state.final_model_id}")
        elif state.outcome == "gave_up":
            parts.append(f"gave up: {state.reason}")
        elif state.outcome:
            parts.append(state.outcome)
        else:
            parts.append("loading…")
        if extra:
            parts.append(extra)
        self.update(Text(safe(" · ".join(parts)), no_wrap=True, overflow="ellipsis"))


class DetailPane(VerticalScroll):
    """A scrollable pane showing the highlighted entry's explanation (and traceback excerpt)."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, renderable: RenderableType) -> None:
        """Replace the pane's content and scroll back to its top."""
        self.query_one("#detail-body", Static).update(renderable)
        self.scroll_home(animate=False)
