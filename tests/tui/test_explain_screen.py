"""The Explain screen: a pasted traceback gets the same diagnosis as `advisor explain`."""

from __future__ import annotations

from textual.widgets import TextArea

from advisor.diagnose import explain
from advisor.tui.app import create_app
from advisor.tui.screens.explain import ExplainScreen
from advisor.tui.screens.load import LoadScreen

from .pilot import SIZE, run, screen_text, wait_for

# transformers 5.23 on an unknown model_type (see /work/shared/reference/from_pretrained-failures.md).
TRACEBACK = """Traceback (most recent call last):
  File "train.py", line 3, in <module>
    model = AutoModelForCausalLM.from_pretrained("acme/future-model")
ValueError: The checkpoint you are trying to load has model type `superllama2000` but Transformers does not \
recognize this architecture. This could be because of an issue with the checkpoint, or because your version of \
Transformers is out of date.
"""


def test_pasted_traceback_gets_the_diagnosis_of_advisor_explain() -> None:
    expected = explain(TRACEBACK)
    assert expected.category != "other"

    async def scenario() -> None:
        app = create_app(None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            screen = app.screen
            assert isinstance(screen, ExplainScreen)
            assert [type(s) for s in app.screen_stack][1:] == [LoadScreen, ExplainScreen]
            screen.query_one(TextArea).text = TRACEBACK
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: screen.explanation is not None, "diagnosed")
            assert screen.explanation == expected
            await wait_for(pilot, lambda: expected.category in screen_text(app), "diagnosis drawn")
            text = screen_text(app)
            assert f"{expected.category} → {expected.fix}" in text and f"[{expected.rule}]" in text
            await pilot.press("escape")
            assert isinstance(app.screen, LoadScreen)

    run(scenario())


def test_q_is_typed_in_a_text_field_and_ctrl_q_quits_from_there() -> None:
    async def scenario() -> None:
        app = create_app(None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e", "q")
            assert isinstance(app.screen, ExplainScreen) and app.screen.query_one(TextArea).text == "q"
            assert app.return_code is None
            await pilot.press("ctrl+q")
            await wait_for(pilot, lambda: app.return_code is not None, "exited")

    run(scenario())


def test_text_no_rule_knows_says_so() -> None:
    async def scenario() -> None:
        app = create_app(None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            screen = app.screen
            assert isinstance(screen, ExplainScreen)
            screen.query_one(TextArea).text = "something unrelated went wrong"
            await pilot.click("#diagnose")
            await wait_for(pilot, lambda: screen.explanation is not None, "diagnosed")
            assert screen.explanation is not None and screen.explanation.category == "other"
            await wait_for(pilot, lambda: "No rule recognises" in screen_text(app), "drawn")

    run(scenario())
