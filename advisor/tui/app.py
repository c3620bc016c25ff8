"""The Textual app, kept thin: bindings, the first screen, and the factory shared by the CLI and the tests."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from advisor.facts import Facts
from advisor.tui.config import AppConfig
from advisor.tui.dialogs.help import HelpDialog
from advisor.tui.screens.load import LoadScreen
from advisor.tui.screens.report import ReportScreen
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import Loader, LoadRequest


class AdvisorApp(App[int]):
    """Load Advisor's TUI. Screens do the work; the app routes keys and starts the first screen."""

    CSS_PATH = "advisor.tcss"
    TITLE = "Load Advisor"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config

    def on_mount(self) -> None:
        cfg = self.config
        self.push_screen(LoadScreen(cfg))
        if cfg.open_report is not None:
            self.push_screen(ReportScreen(cfg.open_report))
        elif cfg.demo:
            self.push_screen(TraceScreen(cfg.demo[0], cfg, demo_index=0))
        elif cfg.request is not None and cfg.request.model_id and cfg.autostart:
            self.push_screen(TraceScreen(cfg.request, cfg))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.screen))

    async def action_quit(self) -> None:
        """Stop any running load at its next check (a pending consent counts as No), then exit."""
        for screen in self.screen_stack:
            if isinstance(screen, TraceScreen):
                screen.cancel.set()
        self.exit(0)


def create_app(
    request: LoadRequest | None = None,
    *,
    loader: Loader | None = None,
    facts: Callable[[], Facts] | None = None,
    demo: Sequence[LoadRequest] = (),
    save_dir: Path | None = None,
    autostart: bool = True,
    report_path: Path | None = None,
    open_report: Path | None = None,
) -> AdvisorApp:
    """The one app factory: the CLI, the demo and the tests build the app here (loader and facts injectable)."""
    options: dict[str, Any] = {"request": request, "autostart": autostart, "demo": tuple(demo),
                               "report_path": report_path, "open_report": open_report}
    if loader is not None:
        options["loader"] = loader
    if facts is not None:
        options["facts"] = facts
    if save_dir is not None:
        options["save_dir"] = save_dir
    return AdvisorApp(AppConfig(**options))


def run_tui(request: LoadRequest | None = None, **options: Any) -> int:
    """Run the app in this terminal; returns the exit code."""
    app = create_app(request, **options)
    code = app.run()
    # The process exits next: skip the final garbage collection over torch's object graph, which
    # otherwise holds the shell for seconds after `q` (measured: 2.1 s -> 0.4 s for a tiny model).
    gc.freeze()
    return int(code or 0)


def demo_requests(scenarios: Sequence[Any], paths: dict[str, Path]) -> list[LoadRequest]:
    """The demo's scenarios as TUI loads. The typo'd id and the custom code ask you (their pre-answered twins,
    shown by `advisor demo --plain`, are dropped)."""
    custom = str(paths["custom"])
    marker = paths["marker"]

    def remote_code_ran() -> str:
        return "remote code executed: " + ("yes" if marker.exists() else "no")

    requests: list[LoadRequest] = []
    for item in scenarios:
        if item.allow_remote_code or item.yes_to_identity:
            continue  # `advisor demo --plain` shows the pre-answered run; here you answer the dialog yourself
        runs_code = item.model_id == custom
        title = item.tui_title or item.title
        if item.simulated:
            title = f"{title} — SIMULATED: {item.simulated}"
        requests.append(LoadRequest(model_id=item.model_id, auto_class=item.auto_class, kwargs=dict(item.kwargs),
                                    title=title, epilogue=remote_code_ran if runs_code else None,
                                    facts=item.facts, backend=item.backend))
    return requests


def run_demo_tui(scenarios: Sequence[Any], paths: dict[str, Path]) -> int:
    """`advisor demo` in the TUI: the scenarios one after another (n: next scenario)."""
    return run_tui(None, demo=demo_requests(scenarios, paths))
