"""A message dialog for expected failures (a bad field, an unreadable report): shown, never fatal."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from advisor.tui.widgets.render import safe


class MessageDialog(ModalScreen[None]):
    """Title, message, optional hint; any of enter/escape/OK closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
        Binding("q", "app.quit", "Quit"),  # modal screens hide the app's bindings
    ]

    def __init__(self, title: str, message: str, hint: str = "") -> None:
        super().__init__()
        self.title_text, self.message, self.hint = title, message, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(Text(safe(self.title_text), style="bold red"))
            with VerticalScroll(id="message-text"):  # a long message scrolls; the OK button stays in view
                yield Static(Text(safe(self.message, lines=True)))
            if self.hint:
                yield Static(Text("Hint: " + safe(self.hint, lines=True), style="yellow"))
            yield Button("OK", id="ok", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
