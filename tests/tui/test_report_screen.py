"""The Report screen: open a saved report and browse it; an unreadable file is a dialog, not a crash."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from advisor import Policy
from advisor.errors import LoadFailed
from advisor.loader import run_load
from advisor.tui.app import create_app
from advisor.tui.dialogs.message import MessageDialog
from advisor.tui.screens.load import LoadScreen
from advisor.tui.screens.report import ReportScreen
from advisor.tui.widgets.timeline import Timeline

from .pilot import SIZE, detail_text, run, screen_text, wait_for


def test_open_a_saved_report_from_the_load_screen_and_browse_its_attempts(cached_tiny: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    run_load("acme/tiny-gtp2", tokenizer=False, policy=Policy(consent=lambda request: True)).report.write(path)

    async def scenario() -> None:
        app = create_app(None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            screen = app.screen
            assert isinstance(screen, ReportScreen)
            assert [type(s) for s in app.screen_stack][1:] == [LoadScreen, ReportScreen]
            screen.query_one(Input).value = str(path)
            screen.query_one(Input).focus()
            await pilot.press("enter")
            assert screen.report is not None and screen.state is not None
            assert screen.query_one(Timeline).option_count == 3  # two attempts and the outcome
            await wait_for(pilot, lambda: "acme/tiny-gtp2 — loaded" in screen_text(app), "summary drawn")
            assert "Attempt 1 · failed while loading the model" in detail_text(screen)
            assert "fix_identifier (identity) applied" in screen_text(app)
            await pilot.press("end")
            await pilot.pause()
            detail = detail_text(screen)
            assert "✔ loaded acme/tiny-gpt2" in detail and "from_pretrained('acme/tiny-gpt2')" in detail

    run(scenario())


def test_a_failed_report_opened_at_start_shows_its_next_steps(hf_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "failed.json"
    try:
        run_load("org/missing", tokenizer=False)
    except LoadFailed as err:
        err.report.write(path)
        steps = err.report.next_steps

    async def scenario() -> None:
        app = create_app(None, open_report=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReportScreen) and screen.state is not None
            assert screen.state.outcome == "gave_up"
            await pilot.press("end")
            await pilot.pause()
            assert steps[0][:50] in detail_text(screen)

    run(scenario())


def test_a_file_that_is_not_a_report_shows_a_dialog_and_the_app_keeps_running(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-report.json"
    bad.write_text('{"hello": 1}')

    async def scenario() -> None:
        app = create_app(None, open_report=bad)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog), "dialog")
            assert "Cannot open the report" in screen_text(app)
            await pilot.press("enter")
            assert isinstance(app.screen, ReportScreen) and app.screen.report is None and app.is_running

    run(scenario())


def test_an_endless_or_binary_file_is_a_dialog_not_a_hang(tmp_path: Path) -> None:
    binary = tmp_path / "weights.bin"
    binary.write_bytes(b"\0" * 4096 + b"x")
    for path, words in ((Path("/dev/zero"), "binary data"), (binary, "binary data")):
        async def scenario(path: Path = path, words: str = words) -> None:
            app = create_app(None, open_report=path)
            async with app.run_test(size=(120, 24)) as pilot:
                await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog), "dialog")
                assert "Cannot open the report" in screen_text(app) and words in screen_text(app)
                await pilot.press("enter")
                assert app.is_running

        run(scenario())
