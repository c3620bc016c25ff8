"""The Result screen: loaded → health and the working call (copy, save); failed → next steps; `s` saves."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.report import Report
from advisor.tui.app import create_app
from advisor.tui.screens.result import ResultScreen
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, answer_consent, run, screen_text, wait_for


async def _finish(pilot: object, app: object) -> TraceScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen)  # type: ignore[arg-type, attr-defined]
                   and app.screen.state.outcome and app.screen.report is not None, "load ended")  # type: ignore
    return app.screen  # type: ignore[attr-defined, no-any-return]


def test_loaded_result_shows_the_working_call_copies_and_saves_it(cached_tiny: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2"), save_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await answer_consent(pilot, "y")
            await _finish(pilot, app)
            await pilot.press("r")
            assert isinstance(app.screen, ResultScreen)
            await wait_for(pilot, lambda: "Working call" in screen_text(app), "result drawn")
            text = screen_text(app)
            assert "✔ loaded acme/tiny-gpt2 (asked for acme/tiny-gtp2)" in text
            assert "Health" in text and "AutoModelForCausalLM.from_pretrained('acme/tiny-gpt2')" in text
            await pilot.press("c")
            assert app.clipboard == app.screen.report.snippet
            await pilot.press("w")
            await pilot.press("s")
            files = sorted(p.name for p in tmp_path.iterdir())
            assert "load_acme_tiny_gpt2.py" in files
            assert (tmp_path / "load_acme_tiny_gpt2.py").read_text().strip() == app.screen.report.snippet.strip()
            saved = [p for p in tmp_path.glob("advisor-report-*.json")]
            assert len(saved) == 1 and saved[0].with_suffix(".md").exists()
            report = Report.model_validate_json(saved[0].read_text())
            assert report.succeeded and report.final_model_id == "acme/tiny-gpt2"
            await pilot.press("escape")
            assert isinstance(app.screen, TraceScreen)
            await pilot.press("r", "q")  # q quits from the Result screen
            await wait_for(pilot, lambda: app.return_code is not None, "exited")

    run(scenario())


def test_failed_result_shows_next_steps_and_s_saves_json_and_markdown(hf_home: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("org/missing", tokenizer=False), save_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            trace = await _finish(pilot, app)
            assert trace.state.outcome == "gave_up"
            await pilot.press("s")  # from the trace itself
            await pilot.press("r")
            assert isinstance(app.screen, ResultScreen)
            await wait_for(pilot, lambda: "Next steps" in screen_text(app), "result drawn")
            text = screen_text(app)
            assert "✘ gave up on org/missing" in text and "1. " in text
            assert trace.report is not None and trace.report.next_steps
            saved = list(tmp_path.glob("advisor-report-org-missing-*.json"))
            assert len(saved) == 1
            data = json.loads(saved[0].read_text())
            assert data["succeeded"] is False and data["next_steps"] == trace.report.next_steps
            assert "# Load report: `org/missing` — FAILED" in saved[0].with_suffix(".md").read_text()

    run(scenario())
