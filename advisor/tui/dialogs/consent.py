"""The consent dialog: what the remedy changes, why, and its risk. No is the default; it never says Yes itself.

For remote code it names the files that would run, with their sizes; ``v`` shows their text read-only."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from advisor.policy import ConsentRequest
from advisor.tui.dialogs.code import CodeViewer, code_files, files_line
from advisor.tui.widgets.render import RISK_STYLE, kwargs_text, safe

RISK_WHY = {
    "security": "it lets code or weights you have not reviewed run or load",
    "destructive": "it deletes files",
    "identity": "it loads a different repo or class than the one you named",
    "precision": "it changes the numbers the model computes",
    "slower": "it makes the model slower",
    "safe": "it does not change results",
}


class ConsentDialog(ModalScreen[bool]):
    """Ask before a remedy that needs consent; dismisses with True only on an explicit Yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, apply it"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
        Binding("v", "view_code", "View the code"),
        Binding("q", "app.quit", "Quit"),  # modal screens hide the app's bindings
    ]

    def __init__(self, request: ConsentRequest, subject: str = "") -> None:
        super().__init__()
        self.request = request
        self.subject = subject  # the model id or folder the remedy would act on
        runs_code = request.changes.get("trust_remote_code") is True
        self.runs_code = runs_code
        self.files = code_files(subject) if runs_code and subject else []

    def compose(self) -> ComposeResult:
        r = self.request
        risk = r.risk.value
        what = Text.assemble(("what  ", "dim"), (safe(r.fix), "bold"), f"  {safe(kwargs_text(r.changes))}")
        why = Text.assemble(("why   ", "dim"), safe(r.reason))
        danger = Text.assemble(("risk  ", "dim"), (risk, RISK_STYLE.get(risk, "")),
                               f" — {RISK_WHY.get(risk, '')}")
        with Vertical(id="consent-box"):
            yield Static(Text(safe(r.title or "Apply this remedy?"), style="bold"), id="consent-title")
            if self.subject:
                yield Static(Text.assemble(("for   ", "dim"), safe(self.subject)), id="consent-subject")
            yield Static(what, id="consent-what")
            yield Static(why, id="consent-why")
            yield Static(danger, id="consent-risk")
            if self.runs_code:
                if self.files:
                    code = Text.assemble(("runs  ", "dim"), safe(files_line(self.files)))
                else:
                    code = Text.assemble(("runs  ", "dim"), "the repo's .py files, downloaded first (not on disk yet)")
                yield Static(code, id="consent-files")
            view = " · v views the code" if self.files else ""
            yield Static(Text(f"rule {safe(r.rule)} · default: No{view}", style="dim"), id="consent-rule")
            with Horizontal(id="consent-buttons"):
                yield Button("No", id="no", variant="primary", compact=True)
                yield Button("Yes, apply it", id="yes", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view_code":
            return bool(self.files)
        return True

    def action_view_code(self) -> None:
        if self.files:
            self.app.push_screen(CodeViewer(self.files))

    def action_answer(self, granted: bool) -> None:
        self.dismiss(granted)
