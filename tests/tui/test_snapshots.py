"""Snapshots at 80x24: the screen as text (from Textual's SVG export) against files in snapshots/.

Scripted loads and fixed facts keep the screens identical between runs; durations are masked. After an
intended change, regenerate with ADVISOR_UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from advisor.tui.app import create_app
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, screen_text, wait_for
from .scripted import ScriptedLoader, fixed_facts, remote_code_consent, typo_repair

SNAPSHOTS = Path(__file__).parent / "snapshots"
_DURATION = re.compile(r"\d+\.\d+ s\b")
REPORTS = Path("/reports")  # never written: shown on the Result screen


async def _check(pilot: Any, name: str, app: Any) -> None:
    """Compare the settled screen (two identical reads in a row) with the stored snapshot."""
    reads = [""]

    def settled() -> bool:
        reads.append(screen_text(app))
        return reads[-1] == reads[-2]

    await wait_for(pilot, settled, "screen settled")
    text = _DURATION.sub("#.# s", reads[-1]) + "\n"
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("ADVISOR_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with ADVISOR_UPDATE_SNAPSHOTS=1, review it, commit it"
    assert len(text.splitlines()) <= SIZE[1] and max(len(line) for line in text.splitlines()) <= SIZE[0]
    assert text == path.read_text(encoding="utf-8"), f"screen differs from {path}"


def test_snapshot_load_form() -> None:
    request = LoadRequest("acme/tiny-gtp2", kwargs={"dtype": "bfloat16", "max_memory": {"cpu": "2GB"}})

    async def scenario() -> None:
        app = create_app(request, autostart=False, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "Model id" in screen_text(app), "form drawn")
            await _check(pilot, "load_form", app)

    run(scenario())


def test_snapshot_trace_after_a_repaired_load() -> None:
    before, after = typo_repair()
    loader = ScriptedLoader(before, after)
    loader.release.set()

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2"), loader=loader, facts=fixed_facts, save_dir=REPORTS)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "✔ loaded acme/tiny-gpt2" in screen_text(app), "trace drawn")
            await wait_for(pilot, lambda: "Tesla T4" in screen_text(app), "facts drawn")
            await _check(pilot, "trace_loaded", app)
            await pilot.press("r")
            await wait_for(pilot, lambda: "Working call" in screen_text(app), "result drawn")
            await _check(pilot, "result_loaded", app)

    run(scenario())


def test_snapshot_consent_dialog_and_the_refusal_reaching_the_loader() -> None:
    before, _after = typo_repair()
    loader = ScriptedLoader(before[:2], [], consent=remote_code_consent())
    loader.release.set()

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/custom-code"), loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "asked")
            await wait_for(pilot, lambda: "Yes, apply it" in screen_text(app), "dialog drawn")
            await _check(pilot, "consent_dialog", app)
            await pilot.press("n")
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.outcome, "end")
            assert loader.answers == [False]

    run(scenario())
