"""Issue 14's TUI habits, one Pilot test each: ticks that show their state, an honest copy message, a report
screen that browses at once and advertises no dead keys, a readable error for a non-report JSON, plain
wording, and a help that lists each key once with the navigation keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from advisor.tui.app import create_app
from advisor.tui.dialogs.help import HelpDialog
from advisor.tui.dialogs.message import MessageDialog
from advisor.tui.screens.report import ReportScreen
from advisor.tui.screens.result import ResultScreen
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest, TraceState
from advisor.tui.widgets.render import Tick, outcome_prompt
from advisor.tui.widgets.timeline import Timeline

from .pilot import SIZE, answer_consent, detail_text, plain, run, screen_text, wait_for
from .scripted import SNIPPET, ScriptedLoader, fixed_facts, repaired_report, typo_repair


def test_ticks_show_their_state_by_shape_not_only_colour() -> None:
    request = LoadRequest("acme/tiny-gtp2", kwargs={"local_files_only": True})

    async def scenario() -> None:
        app = create_app(request, autostart=False, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "Model id" in screen_text(app), "form drawn")
            text = screen_text(app)
            assert "[x] local files only" in text and "[ ] allow remote code" in text
            box = app.screen.query_one("#allow_remote_code", Tick)
            box.focus()
            await pilot.press("space")
            await wait_for(pilot, lambda: "[x] allow remote code" in screen_text(app), "ticked")
            assert box.value is True

    run(scenario())


@pytest.mark.parametrize("tmux", [True, False])
def test_copy_says_what_it_knows_not_that_it_copied(monkeypatch: pytest.MonkeyPatch, tmux: bool) -> None:
    from advisor.tui.config import AppConfig

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    if tmux:
        monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")

    async def scenario() -> None:
        app = create_app(None, autostart=False, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(ResultScreen(repaired_report(), AppConfig(save_dir=Path("/reports"))))
            await wait_for(pilot, lambda: "Working call" in screen_text(app), "result drawn")
            await pilot.press("c")
            await wait_for(pilot, lambda: bool(app._notifications), "told")
            message = str(list(app._notifications)[-1].message)
            assert "copied" not in message and "OSC 52" in message and "w saves it" in message
            assert ("tmux" in message) is tmux
            assert app.clipboard == SNIPPET

    run(scenario())


def test_report_screen_browses_with_arrows_at_once_and_names_no_dead_keys(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    repaired_report().write(path)

    async def scenario() -> None:
        app = create_app(None, open_report=path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.state is not None,
                           "opened")
            screen = app.screen
            timeline = screen.query_one(Timeline)
            await pilot.pause()
            assert app.focused is timeline and timeline.highlighted == 0
            await pilot.press("down")
            assert timeline.highlighted == 1
            await pilot.press("down")
            await pilot.pause()
            detail = detail_text(screen)
            assert "✔ loaded acme/tiny-gpt2" in detail
            assert "enter" not in screen_text(app).split("Open a report")[0] and "s: save" not in screen_text(app)
            assert "enter:" not in detail and "s: save" not in detail
            assert "loaded as AutoModelForCausalLM" in screen_text(app)
            assert "AutoModelForCausalLM loaded" not in screen_text(app)

    run(scenario())


def test_a_json_that_is_not_a_report_is_one_line_and_the_ok_button_stays_in_view(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"succeeded": "maybe", "attempts": [{"n": "x"}] * 30, "model_id": 3}))

    async def scenario() -> None:
        app = create_app(None, open_report=other)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog), "dialog")
            await wait_for(pilot, lambda: "Cannot open the report" in screen_text(app), "drawn")
            text = screen_text(app)
            flat = "".join(line.strip(" █") for line in text.splitlines())  # the dialog wraps long paths
            assert "other.json is not a report: " in flat and "OK" in text
            assert "validation error" not in text and "pydantic" not in text and "input_value" not in text
            await pilot.press("enter")
            assert isinstance(app.screen, ReportScreen)

    run(scenario())


def test_outcome_wording_reads_as_sentences() -> None:
    gave_up = TraceState(model_id="org/x", outcome="gave_up", reason="no allowed remedy left", next_steps=["do x"])
    assert plain(outcome_prompt(gave_up)).splitlines()[0].startswith("✘ gave up: no allowed remedy left")
    no_steps = TraceState(model_id="org/x", outcome="gave_up", reason="no allowed remedy left")
    assert "→" not in plain(outcome_prompt(no_steps))
    error = TraceState(model_id="org/x", outcome="error", reason="dtype 'fp16' is not a torch dtype")
    text = plain(outcome_prompt(error))
    assert text.startswith("✘ could not start: dtype 'fp16' is not a torch dtype") and "→" not in text


def test_a_bad_dtype_in_the_tui_says_it_could_not_start_without_a_dangling_arrow(cached_tiny: Path) -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("org/tiny", kwargs={"dtype": "fp16"}), facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog), "dialog")
            await wait_for(pilot, lambda: "Hint: " in screen_text(app), "message and hint drawn")
            dialog = screen_text(app)
            assert "dtype 'fp16'" in dialog and dialog.count("Hint:") == 1  # the hint once, on its own line
            await pilot.press("enter")
            trace = app.screen
            assert isinstance(trace, TraceScreen) and trace.state.outcome == "error"
            await pilot.pause()
            text = screen_text(app)
            assert "could not start" in text
            assert not any(line.strip() == "→" for line in text.splitlines())

    run(scenario())


def test_help_lists_each_key_once_with_arrows_enter_tab_and_c() -> None:
    before, after = typo_repair()
    loader = ScriptedLoader(before, after)  # held: the load is running, so c (cancel) is available

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2"), loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.attempts, "run")
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpDialog)
            await wait_for(pilot, lambda: "Cancel" in screen_text(app), "help drawn")
            keys = [line.split()[0] for line in screen_text(app).splitlines() if line.split()]
            rows = screen_text(app)
            assert sum(1 for line in rows.splitlines() if line.strip().lstrip("█▌▐ ").startswith("escape")) == 1
            for key in ("↑", "enter", "tab", "c"):
                assert any(line.strip().lstrip("█▌▐ ").startswith(key) for line in rows.splitlines()), (key, keys)
            await pilot.press("escape")
            loader.release.set()

    run(scenario())




def test_one_fold_feeds_the_report_and_the_tui_with_the_same_durations() -> None:
    from advisor.report import AttemptRecord, ReportBuilder
    from advisor.tui.state import AttemptRow

    assert AttemptRow is AttemptRecord  # one record type, built by one fold
    before, after = typo_repair()
    builder, state = ReportBuilder("acme/tiny-gtp2"), TraceState()
    for i, event in enumerate(before + after):
        stamped = event.model_copy(update={"at": 100.0 + 0.75 * i})
        builder(stamped)
        state.apply(stamped)
        if i == 2:  # the failure was caught: the attempt is not closed yet, so no "0.0 s" is shown
            assert state.attempts[0].duration_s is None
    assert builder.report is not None
    assert [r.duration_s for r in state.attempts] == [a.duration_s for a in builder.report.attempts]
    assert state.attempts[0].duration_s == 3.75  # attempt 1 ran until attempt 2 began, as the report says
    assert [r.to_attempt() for r in state.attempts] == builder.report.attempts


def test_live_durations_match_the_report_on_a_real_load(cached_tiny: Path) -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2", tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await answer_consent(pilot, "y")
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.report is not None,
                           "load ended")
            trace = app.screen
            assert trace.report is not None
            live = [row.duration_s for row in trace.state.attempts]
            assert live == [a.duration_s for a in trace.report.attempts] and all(d and d > 0 for d in live)

    run(scenario())


def test_tui_flags_reach_the_loader_and_the_token_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """`advisor tui MODEL --token T --strict --max-attempts 2 --offline`: the policy and kwargs reach the loader;
    the token is passed, never drawn."""
    from typer.testing import CliRunner

    from advisor.cli import app as cli
    from advisor.policy import Risk
    from advisor.tui import app as tui_app

    token = "hf_" + "ZxCvBnM0987654321" * 2
    before, after = typo_repair()
    loader = ScriptedLoader(before, after)
    loader.release.set()
    seen: dict[str, Any] = {}

    def fake_run_tui(request: LoadRequest, **options: Any) -> int:
        async def scenario() -> None:
            app = create_app(request, loader=loader, facts=fixed_facts, autostart=False)
            async with app.run_test(size=SIZE) as pilot:
                await wait_for(pilot, lambda: "Model id" in screen_text(app), "form drawn")
                seen["form"] = screen_text(app)
                await pilot.press("ctrl+l")
                await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.outcome,
                               "loaded")
                seen["trace"] = screen_text(app)

        run(scenario())
        return 0

    monkeypatch.setattr(tui_app, "run_tui", fake_run_tui)
    result = CliRunner().invoke(cli, ["tui", "acme/tiny-gtp2", "--token", token, "--strict", "--max-attempts", "2",
                                      "--offline"])
    assert result.exit_code == 0, result.output
    call = loader.calls[0]
    assert call["kwargs"]["token"] == token and call["kwargs"]["local_files_only"] is True
    assert call["policy"].auto_apply == frozenset({Risk.safe}) and call["policy"].max_attempts == 2
    assert token not in seen["form"] and token not in seen["trace"] and "token='<redacted>'" in seen["form"]
