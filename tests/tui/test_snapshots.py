"""Snapshots at 80x24: the screen as text (from Textual's SVG export) against files in snapshots/.

Scripted loads and fixed facts keep the screens identical between runs; durations are masked. After an
intended change, regenerate with ADVISOR_UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from advisor.tui.app import create_app
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, screen_text, wait_for
from .scripted import ScriptedLoader, fixed_facts, remote_code_consent, typo_repair

SNAPSHOTS = Path(__file__).parent / "snapshots"
_DURATION = re.compile(r"\d+\.\d+ s\b")
REPORTS = Path("/reports")  # never written: shown on the Result screen


#: How long a settled screen that still differs from its snapshot is read again: a loaded machine can leave a part
#: (the footer, mounted after the screen's own widgets) undrawn across two reads 20 ms apart.
LATE_PAINT_S = 5.0


async def _check(pilot: Any, name: str, app: Any) -> None:
    """Compare the settled screen (two identical reads in a row) with the stored snapshot; a screen still being
    painted is read again for up to LATE_PAINT_S before the comparison fails."""
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
    expected = path.read_text(encoding="utf-8")
    deadline = time.monotonic() + LATE_PAINT_S
    while text != expected and time.monotonic() < deadline:
        await pilot.pause(0.05)
        text = _DURATION.sub("#.# s", screen_text(app)) + "\n"
    assert len(text.splitlines()) <= SIZE[1] and max(len(line) for line in text.splitlines()) <= SIZE[0]
    assert text == expected, f"screen differs from {path}"


def test_snapshot_load_form() -> None:
    request = LoadRequest("acme/tiny-gtp2", kwargs={"dtype": "bfloat16", "max_memory": {"cpu": "2GB"}})

    async def scenario() -> None:
        app = create_app(request, autostart=False, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "Model id" in screen_text(app), "form drawn")
            await _check(pilot, "load_form", app)

    run(scenario())


@pytest.mark.parametrize("outcome", ["loaded", "gave_up"])
def test_snapshot_trace_result_and_help(outcome: str) -> None:
    """The trace and the Result screen after a repaired load (then the help over the trace), or after giving up."""
    before, after = typo_repair()
    loaded = outcome == "loaded"
    loader = ScriptedLoader(before, after) if loaded else ScriptedLoader(before[:4], [])  # diagnosed, no remedy
    loader.release.set()
    end, result = ("✔ loaded acme/tiny-gpt2", "Working call") if loaded else ("gave up", "Next steps")

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/tiny-gtp2"), loader=loader, facts=fixed_facts, save_dir=REPORTS)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: end in screen_text(app), "trace drawn")
            await wait_for(pilot, lambda: "Tesla T4" in screen_text(app), "facts drawn")
            await _check(pilot, "trace_loaded" if loaded else "trace_gave_up", app)
            await pilot.press("r")
            await wait_for(pilot, lambda: result in screen_text(app), "result drawn")
            await _check(pilot, "result_loaded" if loaded else "result_failed", app)
            if loaded:
                await pilot.press("escape", "question_mark")
                await wait_for(pilot, lambda: "Save report" in screen_text(app), "help drawn")
                await _check(pilot, "help_dialog", app)

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


# ---- every other screen (issue 14: a text snapshot of each screen at 80x24) --------------------------------------

FIXED = Path("/tmp/advisor-tui-snapshots")  # paths shown on screen must not vary between runs


def _fixed_dir(name: str) -> Path:
    folder = FIXED / name
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def test_snapshot_explain_screen_before_and_after_a_diagnosis() -> None:
    from textual.widgets import TextArea

    from .test_explain_screen import TRACEBACK

    async def scenario() -> None:
        app = create_app(None, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            await wait_for(pilot, lambda: "Diagnose" in screen_text(app), "explain drawn")
            await _check(pilot, "explain_empty", app)
            app.screen.query_one(TextArea).text = TRACEBACK
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: getattr(app.screen, "explanation", None) is not None, "diagnosed")
            await _check(pilot, "explain_diagnosed", app)

    run(scenario())


def test_snapshot_report_screen_and_its_error_dialog() -> None:
    from .scripted import repaired_report

    folder = _fixed_dir("report")
    report = folder / "report.json"
    repaired_report().write(report)
    not_a_report = folder / "other.json"
    not_a_report.write_text('{"hello": "world"}')

    async def scenario() -> None:
        app = create_app(None, open_report=report, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "acme/tiny-gtp2 — loaded" in screen_text(app), "report drawn")
            await _check(pilot, "report_screen", app)
            app.screen.open(not_a_report)
            await wait_for(pilot, lambda: "Cannot open the report" in screen_text(app), "dialog drawn")
            await _check(pilot, "message_dialog", app)

    run(scenario())


def test_snapshot_consent_with_code_files_and_the_code_viewer() -> None:
    from advisor.tui.dialogs.code import CodeViewer

    from .scripted import remote_code_consent

    folder = _fixed_dir("custom_code")
    (folder / "configuration_custom.py").write_text("from transformers import PretrainedConfig\n\n\n"
                                                    "class CustomConfig(PretrainedConfig):\n"
                                                    "    model_type = 'custom'\n")
    (folder / "modeling_custom.py").write_text("import torch\n\n\nclass CustomModel(torch.nn.Module):\n"
                                               "    pass\n")

    async def scenario() -> None:
        app = create_app(None, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(ConsentDialog(remote_code_consent(), str(folder)))
            await wait_for(pilot, lambda: "Yes, apply it" in screen_text(app), "dialog drawn")
            await _check(pilot, "consent_with_files", app)
            await pilot.press("v")
            await wait_for(pilot, lambda: isinstance(app.screen, CodeViewer) and "CustomModel" in screen_text(app),
                           "viewer drawn")
            await _check(pilot, "code_viewer", app)

    run(scenario())
