"""The Explain screen: paste an error or a traceback, get the diagnosis (``advisor explain``), load nothing."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Static, TextArea

from advisor.diagnose import Explanation
from advisor.tui.widgets.render import safe


class Explained(Message):
    """The diagnosis of the pasted text (posted by the explain worker)."""

    def __init__(self, explanation: Explanation) -> None:
        super().__init__()
        self.explanation = explanation


class ExplainScreen(Screen[None]):
    """A text area for the traceback, a Diagnose button, and the diagnosis below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "diagnose", "Diagnose"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.initial = text
        self.explanation: Explanation | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Explain an error", "bold"),
                                   "  paste the traceback, then ctrl+r (nothing is loaded)"), id="explain-title")
        yield TextArea(self.initial, id="explain-input", soft_wrap=True, placeholder="Paste a traceback here…")
        with Horizontal(id="explain-buttons"):
            yield Button("Diagnose", id="diagnose", variant="primary", compact=True)
            yield Static(Text("ctrl+r diagnoses · escape goes back", style="dim"))
        with VerticalScroll(id="explain-body"):
            yield Static(id="explain-result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_diagnose()

    def action_diagnose(self) -> None:
        self.query_one("#explain-result", Static).update(Text("diagnosing…", style="dim"))
        self.diagnose(self.query_one(TextArea).text)

    @work(thread=True, exit_on_error=False, group="explain", exclusive=True)
    def diagnose(self, text: str) -> None:
        """Run the rules on the text in a thread (loading the rule packs reads files)."""
        from advisor.diagnose import explain

        self.post_message(Explained(explain(text)))

    def on_explained(self, message: Explained) -> None:
        self.explanation = message.explanation
        self.query_one("#explain-result", Static).update(render_explanation(message.explanation))

    def action_back(self) -> None:
        self.app.pop_screen()


def render_explanation(result: Explanation) -> RenderableType:
    """Category → fix [rule], the title, the explanation and the next steps."""
    head = Text.assemble((result.category, "bold magenta"), (f" → {result.fix}" if result.fix else "", "bold"),
                         (f"  [{result.rule}]" if result.rule else "", "dim"))
    parts: list[RenderableType] = [head]
    if result.title:
        parts.append(Text(safe(result.title), style="bold"))
    parts.append(Text(safe(result.explanation, lines=True)))
    parts += [Text(f"→ {safe(step)}") for step in result.next_steps]
    return Group(*parts)
