"""Cancel and quit answer within a second whatever the load is doing — even in a step that cannot be
interrupted (a request waiting for an answer, weights loading), here a loader stuck in a call that ignores the
cancel flag for 30 s. The load is reported as cancelled; quitting does not wait for the stuck call."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

from advisor import events as ev
from advisor.tui.app import create_app
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, wait_for
from .scripted import fixed_facts

REPO = Path(__file__).resolve().parents[2]


class StuckLoader:
    """Emits the start of an attempt, then blocks for ``seconds`` ignoring ``cancel`` (an uninterruptible step)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.release = threading.Event()

    def __call__(self, model_id: str, *, on_event: Any = None, **kwargs: Any) -> Any:
        on_event(ev.LoadStarted(model_id=model_id, auto_class="AutoModelForCausalLM", kwargs={}, max_attempts=6))
        on_event(ev.AttemptStarted(n=1, model_id=model_id, auto_class="AutoModelForCausalLM", kwargs={}))
        self.release.wait(self.seconds)  # not the cancel flag: this step cannot be interrupted
        raise KeyboardInterrupt


def test_cancel_answers_within_a_second_while_a_step_cannot_be_interrupted() -> None:
    loader = StuckLoader(30.0)

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/stuck"), loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.attempts,
                           "attempt shown")
            trace = app.screen
            assert isinstance(trace, TraceScreen)
            t0 = time.monotonic()
            await pilot.press("c")
            await wait_for(pilot, lambda: trace.state.outcome == "cancelled", "cancelled")
            assert time.monotonic() - t0 < 1.0
            assert trace.cancel.is_set() and "abandoned" in trace.state.reason
            loader.release.set()  # the stuck step ends later: what it posts does not change the outcome
            await pilot.pause(0.2)
            assert trace.state.outcome == "cancelled"

    run(scenario())


def test_quit_does_not_wait_for_a_stuck_load(tmp_path: Path) -> None:
    """A fresh process runs the TUI headless with a load stuck for 60 s and presses q: it exits at once."""
    script = textwrap.dedent("""
        import sys, threading, time
        sys.path.insert(0, sys.argv[1])
        from advisor import events as ev
        from advisor.tui.app import create_app
        from advisor.tui.screens.trace import TraceScreen
        from advisor.tui.state import LoadRequest
        from tui.scripted import fixed_facts

        def stuck(model_id, *, on_event=None, **kwargs):
            on_event(ev.AttemptStarted(n=1, model_id=model_id, auto_class="AutoModelForCausalLM", kwargs={}))
            time.sleep(60)

        async def auto(pilot):
            app = pilot.app
            while not (isinstance(app.screen, TraceScreen) and app.screen.state.attempts):
                await pilot.pause(0.05)
            print("pressing q", time.monotonic(), flush=True)
            await pilot.press("q")

        create_app(LoadRequest("acme/stuck"), loader=stuck, facts=fixed_facts).run(headless=True, auto_pilot=auto)
        print("exited", time.monotonic(), flush=True)
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, str(REPO / "tests")], capture_output=True, text=True,
                          env=env, timeout=120)
    elapsed = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr[-2000:]
    stamps = {line.split()[0]: float(line.split()[-1]) for line in proc.stdout.splitlines()
              if line.startswith(("pressing", "exited"))}
    assert stamps["exited"] - stamps["pressing"] < 1.0  # q answered within a second
    assert elapsed < 50  # the process did not wait for the 60 s call
