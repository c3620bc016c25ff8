"""The Load screen: prefilled from the flags, remote code off by default, Enter or Load starts the load."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select

from advisor.policy import Policy
from advisor.tui.app import create_app
from advisor.tui.screens.load import LoadScreen
from advisor.tui.screens.trace import TraceScreen
from advisor.tui.state import LoadRequest

from .pilot import SIZE, run, screen_text, wait_for
from .scripted import ScriptedLoader, fixed_facts, typo_repair


def _loader() -> ScriptedLoader:
    before, after = typo_repair()
    loader = ScriptedLoader(before, after)
    loader.release.set()
    return loader


def test_form_is_prefilled_from_the_flags_and_remote_code_is_off() -> None:
    request = LoadRequest("acme/tiny-gtp2", auto_class="AutoModelForSeq2SeqLM",
                          kwargs={"dtype": "bfloat16", "device_map": "cpu", "revision": "v1", "local_files_only": True,
                                  "max_memory": {"cpu": "2GB"}})

    async def scenario() -> None:
        app = create_app(request, autostart=False, loader=_loader(), facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LoadScreen)
            assert screen.query_one("#model_id", Input).value == "acme/tiny-gtp2"
            assert screen.query_one("#auto_class", Select).value == "AutoModelForSeq2SeqLM"
            assert screen.query_one("#dtype", Select).value == "bfloat16"
            assert screen.query_one("#device_map", Input).value == "cpu"
            assert screen.query_one("#revision", Input).value == "v1"
            assert screen.query_one("#local_files_only", Checkbox).value is True
            assert screen.query_one("#allow_remote_code", Checkbox).value is False
            text = screen_text(app)
            assert "allow remote code" in text and "also: max_memory={'cpu': '2GB'}" in text

    run(scenario())


def test_enter_in_the_model_field_starts_the_load_with_the_form_values() -> None:
    loader = _loader()

    async def scenario() -> None:
        app = create_app(None, loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.focused, Input) and app.focused.id == "model_id"
            await pilot.press(*"acme/tiny-gtp2")
            app.screen.query_one("#revision", Input).value = "main"
            await pilot.press("enter")
            await wait_for(pilot, lambda: loader.calls, "load started")
            assert [type(s) for s in app.screen_stack][1:] == [LoadScreen, TraceScreen]
            call = loader.calls[0]
            assert call["model_id"] == "acme/tiny-gtp2" and call["auto_class"] == "AutoModelForCausalLM"
            assert call["kwargs"] == {"revision": "main"}
            policy = call["policy"]
            assert isinstance(policy, Policy) and policy.consent is not None and not policy.allow_remote_code

    run(scenario())


def test_allow_remote_code_checkbox_sets_policy_and_kwarg() -> None:
    loader = _loader()

    async def scenario() -> None:
        app = create_app(LoadRequest("acme/custom"), autostart=False, loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#allow_remote_code")
            await pilot.click("#load")
            await wait_for(pilot, lambda: loader.calls, "load started")
            call = loader.calls[0]
            assert call["policy"].allow_remote_code and call["kwargs"] == {"trust_remote_code": True}

    run(scenario())


def test_an_empty_model_id_does_not_start_a_load() -> None:
    loader = _loader()

    async def scenario() -> None:
        app = create_app(None, loader=loader, facts=fixed_facts)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen) and not loader.calls
            assert any("model id" in n.message for n in app._notifications)

    run(scenario())
