"""The Consent dialog on a real `auto_map` checkpoint: the answer reaches the loop, No is the default."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from textual.widgets import Button

from advisor import events as ev
from advisor.loader import run_load
from advisor.tui.app import create_app
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import HANG_GUARD_S, SIZE, run, screen_text, wait_for


def _trace_of(app: object) -> TraceScreen:
    return next(s for s in app.screen_stack if isinstance(s, TraceScreen))  # type: ignore[attr-defined]


def test_consent_refused_by_default_answer_keeps_remote_code_from_running(
        custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir

    async def scenario() -> None:
        app = create_app(LoadRequest(str(folder), tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
            await wait_for(pilot, lambda: "Yes, apply it" in screen_text(app), "dialog drawn")
            text = screen_text(app)
            assert "set_trust_remote_code" in text and "trust_remote_code=True" in text
            assert "risk  security" in text and "why " in text and "default: No" in text
            assert isinstance(app.focused, Button) and app.focused.id == "no"
            trace = _trace_of(app)
            assert trace.state.pending_consent and trace.state.running  # the loop waits: nobody answered for it
            await pilot.press("enter")  # the focused button: No
            await wait_for(pilot, lambda: trace.state.outcome, "load ended")
            assert isinstance(app.screen, TraceScreen)
            assert trace.state.outcome == "gave_up" and trace.state.attempts[0].consent == "refused"
            assert [granted for _request, granted in trace.consents] == [False]
            assert trace.report is not None and not trace.report.succeeded
            assert any("trust_remote_code" in step for step in trace.report.next_steps)
            assert not marker.exists()

    run(scenario())


def test_consent_granted_with_y_runs_the_remote_code_and_loads(custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir

    async def scenario() -> None:
        app = create_app(LoadRequest(str(folder), tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
            await pilot.press("y")
            trace = _trace_of(app)
            await wait_for(pilot, lambda: trace.state.outcome, "load ended")
            assert trace.state.outcome == "loaded" and trace.state.attempts[0].consent == "granted"
            assert trace.state.attempts[-1].kwargs.get("trust_remote_code") is True
            assert [granted for _request, granted in trace.consents] == [True]
            assert marker.exists()

    run(scenario())


def test_quitting_while_asked_counts_as_no_and_the_app_exits(custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    seen: list[ev.Event] = []
    finished = threading.Event()

    def recording_loader(model_id: str, *, on_event: ev.Listener, **kwargs: Any) -> Any:
        def both(event: ev.Event) -> None:
            seen.append(event)
            on_event(event)

        try:
            return run_load(model_id, on_event=both, **kwargs)
        finally:
            finished.set()

    async def scenario() -> TraceScreen:
        app = create_app(LoadRequest(str(folder), tokenizer=False), loader=recording_loader)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
            trace = _trace_of(app)
            await pilot.press("q")
        assert app.return_code == 0
        return trace

    trace = run(scenario())
    assert trace.cancel.is_set() and finished.wait(HANG_GUARD_S)
    answers = [e for e in seen if isinstance(e, ev.ConsentAnswered)]
    assert [a.granted for a in answers] == [False]
    assert not marker.exists()
