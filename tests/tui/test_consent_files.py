"""Consent for remote code names the files that would run (with sizes), `v` shows them read-only, and after a
No the trace offers to load again with consent — on a real `auto_map` checkpoint."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from advisor.tui.app import create_app
from advisor.tui.dialogs.code import CodeViewer, code_files, size_text
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, screen_text, wait_for


def test_code_files_of_a_folder_and_of_a_cached_repo(custom_code_dir: tuple[Path, Path], hf_home: Path) -> None:
    folder, _marker = custom_code_dir
    names = [p.name for p in code_files(str(folder))]
    assert names and all(n.endswith(".py") for n in names) and any(n.startswith("modeling_") for n in names)
    assert code_files("org/not-cached") == [] and code_files("/no/such/folder") == []
    snap = hf_home / "hub" / "models--org--custom" / "snapshots" / "abc123"
    snap.mkdir(parents=True)
    (snap / "modeling_custom.py").write_text("x = 1\n")
    assert [p.name for p in code_files("org/custom")] == ["modeling_custom.py"]
    assert size_text(812) == "812 B" and size_text(2100) == "2.1 kB"


def test_consent_lists_the_files_and_v_shows_their_text_read_only(custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    files = code_files(str(folder))

    async def scenario() -> None:
        app = create_app(LoadRequest(str(folder), tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
            await wait_for(pilot, lambda: "Yes, apply it" in screen_text(app), "dialog drawn")
            text = screen_text(app)
            for path in files:
                assert path.name in text, (path.name, text)
            assert "kB" in text or " B)" in text
            await pilot.press("v")
            assert isinstance(app.screen, CodeViewer)
            area = app.screen.query_one(TextArea)
            assert area.read_only and files[0].read_text()[:40] in area.text
            await pilot.press("x")  # read-only: typing changes nothing
            assert "x" + files[0].read_text()[:10] not in area.text
            await pilot.press("escape")
            assert isinstance(app.screen, ConsentDialog)
            await pilot.press("n")
            trace = next(s for s in app.screen_stack if isinstance(s, TraceScreen))
            await wait_for(pilot, lambda: trace.state.outcome, "load ended")
            assert not marker.exists()

    run(scenario())


def test_after_a_no_a_loads_again_with_consent(custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir

    async def scenario() -> None:
        app = create_app(LoadRequest(str(folder), tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ConsentDialog), "consent asked")
            await pilot.press("n")
            first = app.screen
            assert isinstance(first, TraceScreen)
            await wait_for(pilot, lambda: first.state.outcome == "gave_up", "refused")
            await wait_for(pilot, lambda: "a Load again with consent" in screen_text(app), "offered in the footer")
            assert first.refused() == ["set_trust_remote_code"]
            assert not marker.exists()
            await pilot.press("a")
            again = app.screen
            assert isinstance(again, TraceScreen) and again is not first
            await wait_for(pilot, lambda: again.state.outcome, "second load ended")
            assert again.state.outcome == "loaded" and marker.exists()
            assert [granted for _request, granted in again.consents] == [True]  # given in advance: not asked

    run(scenario())


def test_a_is_not_offered_when_nothing_was_refused(cached_tiny: Path) -> None:
    async def scenario() -> None:
        app = create_app(LoadRequest("org/tiny", tokenizer=False))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.outcome, "done")
            trace = app.screen
            await pilot.press("a")
            assert app.screen is trace and "load again" not in screen_text(app)

    run(scenario())
