"""The Load screen: the form (model id, Auto class, dtype, device_map, revision, local files, remote code)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static

from advisor.tui.config import AppConfig
from advisor.tui.state import LoadRequest
from advisor.tui.widgets.render import Tick, kwargs_text, safe

AUTO_CLASSES = ("AutoModelForCausalLM", "AutoModelForSeq2SeqLM", "AutoModelForMaskedLM",
                "AutoModelForSequenceClassification", "AutoModelForTokenClassification", "AutoModel")
DTYPES = ("float32", "float16", "bfloat16", "auto")
FORM_KEYS = ("dtype", "device_map", "revision", "local_files_only", "trust_remote_code")


class LoadScreen(Screen[None]):
    """Prefilled from the command-line flags; Enter in a field, or Load, starts the load."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "load", "Load", priority=True),  # priority: they work inside the text fields too
        Binding("ctrl+e", "explain", "Explain", priority=True),
        Binding("ctrl+o", "open_report", "Open report", priority=True),
        Binding("e", "explain", "Explain", show=False),
        Binding("o", "open_report", "Open report", show=False),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.request = config.request or LoadRequest(model_id="")

    def compose(self) -> ComposeResult:
        req = self.request
        kw = req.kwargs
        classes = AUTO_CLASSES if req.auto_class in AUTO_CLASSES else (req.auto_class, *AUTO_CLASSES)
        dtype = str(kw.get("dtype") or "")
        yield Static(Text.assemble(("Load Advisor", "bold"), "  load a model; the advisor diagnoses, fixes, retries"),
                     id="load-title")
        with Vertical(id="load-form"):
            yield _row("Model id", Input(req.model_id, placeholder="org/model or a local folder", id="model_id",
                                         compact=True))
            yield _row("Auto class", Select([(c, c) for c in classes], value=req.auto_class, allow_blank=False,
                                            type_to_search=False, id="auto_class", compact=True))
            dtypes = [*DTYPES, *([dtype] if dtype and dtype not in DTYPES else [])]
            yield _row("dtype", Select([("(default)", ""), *[(d, d) for d in dtypes]], value=dtype,
                                       allow_blank=False, type_to_search=False, id="dtype", compact=True))
            yield _row("device_map", Input(str(kw.get("device_map") or ""), placeholder="(default) auto, cpu, cuda, 0…",
                                           id="device_map", compact=True))
            yield _row("revision", Input(str(kw.get("revision") or ""), placeholder="(default) main, a tag or a commit",
                                         id="revision", compact=True))
            yield _row("", Tick("local files only (no network)", bool(kw.get("local_files_only")),
                                id="local_files_only", compact=True))
            yield _row("", Tick("allow remote code (runs the repo's own Python code)", req.allow_remote_code,
                                id="allow_remote_code", compact=True))
            other = {k: v for k, v in kw.items() if k not in FORM_KEYS}
            if other:
                yield _row("", Static(Text(f"also: {safe(kwargs_text(other))}", style="dim"), id="other-kwargs"))
            yield _row("", Button("Load", id="load", variant="primary", compact=True))
        yield Static(Text("enter or ctrl+l loads · ctrl+e explains a traceback · ctrl+o opens a saved report · "
                          "escape leaves a field, then q quits", style="dim"), id="load-hint")
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one("#model_id", Input)
        if field.value:
            self.query_one("#load", Button).focus()
        else:
            field.focus()

    def on_screen_resume(self) -> None:
        if self.query_one("#model_id", Input).value:  # back from a load: enter reruns, q quits
            self.query_one("#load", Button).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_load()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "load":
            self.action_load()

    def key_escape(self) -> None:
        self.query_one("#load", Button).focus()  # leave the text field, so single-letter keys work again

    def build_request(self) -> LoadRequest:
        """The request the form describes now."""
        return self.request.with_form(
            model_id=self.query_one("#model_id", Input).value,
            auto_class=str(self.query_one("#auto_class", Select).value),
            dtype=str(self.query_one("#dtype", Select).value or ""),
            device_map=self.query_one("#device_map", Input).value.strip(),
            revision=self.query_one("#revision", Input).value.strip(),
            local_files_only=self.query_one("#local_files_only", Checkbox).value,
            allow_remote_code=self.query_one("#allow_remote_code", Checkbox).value,
        )

    def action_load(self) -> None:
        request = self.build_request()
        if not request.model_id:
            self.notify("Type a model id (org/name) or a local folder first.", severity="error")
            self.query_one("#model_id", Input).focus()
            return
        from advisor.tui.screens.trace import TraceScreen

        self.request = request
        self.app.push_screen(TraceScreen(request, self.config))

    def action_explain(self) -> None:
        from advisor.tui.screens.explain import ExplainScreen

        self.app.push_screen(ExplainScreen())

    def action_open_report(self) -> None:
        from advisor.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.config.open_report))


def _row(label: str, widget: Input | Select[str] | Checkbox | Static | Button) -> Horizontal:
    return Horizontal(Static(label, classes="label"), widget, classes="form-row")
