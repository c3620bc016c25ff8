"""The help dialog: the keys of the app and of the screen underneath."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GLOBAL_KEYS = [("q", "quit (from anywhere but a text field; ctrl+q always)"), ("?  f1", "this help"),
               ("escape", "back / close (leaves a text field first)"), ("↑ ↓", "select an entry or an option"),
               ("enter", "open the selected entry (the outcome: its result) / press the focused button"),
               ("tab  shift+tab", "move between fields, lists and buttons")]


class HelpDialog(ModalScreen[None]):
    """Lists the keys; escape (or ?) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close"),
        Binding("q", "app.quit", "Quit"),  # modal screens hide the app's bindings
    ]

    def __init__(self, under: Screen[object] | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        shown = {"escape", "question_mark", "f1", "q"}  # in GLOBAL_KEYS already: each key is listed once
        for key, what in GLOBAL_KEYS:
            table.add_row(key, what)
        if self.under is not None:
            for binding in self.under.BINDINGS:
                if not (isinstance(binding, Binding) and binding.show and binding.description) or binding.key in shown:
                    continue
                if self.under.check_action(binding.action.partition("(")[0], ()) is False:
                    continue  # not available right now (e.g. Cancel once the load has ended)
                shown.add(binding.key)
                table.add_row(binding.key_display or binding.key, binding.description)
        with VerticalScroll(id="help-box"):
            yield Static("[b]Load Advisor[/b] — keys", id="help-title")
            yield Static(table)
            yield Static(HELP_TEXT, id="help-text")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)


HELP_TEXT = (
    "The advisor runs from_pretrained in a background thread, diagnoses each failure with its rules, "
    "applies the safest allowed fix and retries. Remedies that change which code runs or delete files "
    "wait for your Yes (default No)."
)
