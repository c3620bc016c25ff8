"""Keys that work everywhere (q, ?), the `advisor tui` command line, and `advisor demo` in the TUI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.tiny_models import build_custom_code, build_unknown_arch
from typer.testing import CliRunner

from advisor.cli import app as cli
from advisor.demo import scenarios
from advisor.tui import app as tui_app
from advisor.tui.app import create_app, demo_requests
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.dialogs.help import HelpDialog
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, screen_text, wait_for
from .scripted import ScriptedLoader, fixed_facts, typo_repair


def _scripted(**kwargs: Any) -> ScriptedLoader:
    before, after = typo_repair()
    loader = ScriptedLoader(before, after, **kwargs)
    loader.release.set()
    return loader


def test_question_mark_shows_the_keys_of_the_screen_underneath_and_q_quits_from_it() -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2"), loader=_scripted(), facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.outcome, "end")
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpDialog)
            await wait_for(pilot, lambda: "Save report" in screen_text(app), "help drawn")
            text = screen_text(app)
            assert "Result" in text and "quit" in text
            assert "Cancel" not in text and "Next scenario" not in text  # not available now
            await pilot.press("escape")
            assert isinstance(app.screen, TraceScreen)
            await pilot.press("question_mark")
            await pilot.press("q")  # quits from a dialog too (modal screens hide the app's own bindings)
            await wait_for(pilot, lambda: app.return_code is not None, "exited")
        assert app.return_code == 0

    run(scenario())


def test_advisor_tui_builds_the_request_from_the_same_flags_as_load(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_run_tui(request: LoadRequest | None = None, **options: Any) -> int:
        seen.update(request=request, **options)
        return 0

    monkeypatch.setattr(tui_app, "run_tui", fake_run_tui)
    result = CliRunner().invoke(cli, ["tui", "acme/tiny-gtp2", "--dtype", "bfloat16", "--device-map", "0",
                                      "--max-memory", "cpu=2GB", "--revision", "v1", "--local-files-only",
                                      "--no-tokenizer", "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    request = seen["request"]
    assert request.model_id == "acme/tiny-gtp2" and not request.tokenizer and not request.allow_remote_code
    assert request.kwargs == {"dtype": "bfloat16", "device_map": 0, "max_memory": {"cpu": "2GB"},
                              "revision": "v1", "local_files_only": True}
    assert seen["report_path"] == tmp_path / "r.json"


def test_demo_walks_the_failures_and_the_custom_code_asks_first(cached_tiny: Path, tmp_path: Path) -> None:
    marker = tmp_path / "remote_code_ran"
    paths = {"future": build_unknown_arch(tmp_path / "future"),
             "custom": build_custom_code(tmp_path / "custom", marker), "marker": marker}
    requests = demo_requests(scenarios(paths), paths)
    assert len(requests) == 5  # the pre-answered runs (--yes, remote code) are `--plain` only: here you answer
    assert sum("SIMULATED" in r.title and r.facts is not None for r in requests) == 1  # the T4, said so

    async def scenario() -> None:
        app = create_app(None, demo=requests)
        async with app.run_test(size=SIZE) as pilot:
            outcomes: list[str] = []
            for index in range(5):
                await wait_for(pilot, lambda i=index: isinstance(app.screen, TraceScreen | ConsentDialog)
                               and any(isinstance(s, TraceScreen) and s.demo_index == i for s in app.screen_stack),
                               f"scenario {index + 1} shown")
                if index in (0, 4):  # the typo'd id offline (answered yes), the custom code (answered no)
                    await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
                    await pilot.press("y" if index == 0 else "n")
                trace = app.screen
                assert isinstance(trace, TraceScreen)
                await wait_for(pilot, lambda t=trace: t.state.outcome and t.report is not None, "scenario ended")
                outcomes.append(trace.state.outcome)
                if index == 0:
                    assert trace.state.final_model_id == "acme/tiny-gpt2"
                if index == 1:
                    assert "cpu" in trace.state.loaded and trace.state.attempts[0].outcome == "failed"
                if index == 2:  # the simulated T4: the synthetic CUDA OOM, then a real float16 load
                    assert trace.state.attempts[0].outcome == "failed" and "float16" in trace.state.loaded
                if index == 3:
                    assert any("transformers" in step for step in trace.state.next_steps)
                if index == 4:
                    assert trace.epilogue == "remote code executed: no"
                await pilot.press("n")
            assert outcomes == ["loaded", "loaded", "loaded", "gave_up", "gave_up"]
            assert not marker.exists()

    run(scenario())
