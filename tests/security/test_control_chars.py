"""Escape sequences and newlines in untrusted strings (model ids, error messages, rule text) are shown, never
interpreted: the terminal trace, the Markdown report and the TUI print them as visible escapes, on one line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from advisor import LoadFailed, Policy, safe_load
from advisor import events as ev
from advisor.console import TracePrinter
from advisor.report import Report
from advisor.textsafe import block, md_code, md_text, one_line

HOSTILE_IDS = [
    "org/m\x1b[2J\nFAKE: loaded",
    "org/m\n## Fake section\n- fake bullet",
    "org/m\r✔ loaded org/other\x07\x1b]0;pwned\x07",
    "org/m\u202e\u2066evil\x9b31m",
    "org/m`\n```\n# Fake heading\n<script>x</script>[link](http://evil)",
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def failed_load(model_id: str, printer: TracePrinter) -> Report:
    with pytest.raises(LoadFailed) as info:
        safe_load(model_id, tokenizer=False, policy=Policy(remember=False, max_attempts=2), on_event=printer)
    return info.value.report


@pytest.mark.parametrize("model_id", HOSTILE_IDS)
def test_the_terminal_trace_shows_escapes_and_forges_no_line(hf_home: Path, model_id: str) -> None:
    out = io.StringIO()
    printer = TracePrinter(Console(file=out, force_terminal=False, width=400, highlight=False))
    failed_load(model_id, printer)
    text = out.getvalue()
    assert not CONTROL.search(text), repr(text[:500])
    assert not any(line.startswith(("FAKE", "## Fake", "✔ loaded", "# Fake")) for line in text.splitlines())
    assert one_line(model_id) in text  # visible, e.g. "org/m\x1b[2J\nFAKE: loaded" as those characters


def test_the_trace_escapes_error_messages_and_rule_text() -> None:
    out = io.StringIO()
    printer = TracePrinter(Console(file=out, force_terminal=True, width=400, color_system=None))
    printer(ev.FailureCaught(n=1, phase="load", error_type="OSError\x1b[31m", message="bad\x1b[2Jthing\nFAKE: x",
                             chain=["OSError"], excerpt=""))
    printer(ev.Diagnosed(n=1, category="other", rule="r", title="t", explanation="why\x1b]0;title\x07\nFAKE: y"))
    text = out.getvalue()
    assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\x07" not in text
    assert "bad\\x1b[2Jthing" in text and "why\\x1b]0;title\\x07\\nFAKE: y" in text


@pytest.mark.parametrize("model_id", HOSTILE_IDS)
def test_the_markdown_report_has_no_fake_sections(hf_home: Path, model_id: str) -> None:
    report = failed_load(model_id, TracePrinter(Console(file=io.StringIO())))
    markdown = report.to_markdown()
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[0].startswith("# Load report: ") and all(
        h in ("## Attempts", "## Next steps", "## Notes", "## Preflight", "## Health", "## Working call",
              "## Last call tried (it failed)")
        or h.startswith(("# Load report: ", "### Attempt ")) for h in headings), headings
    assert not CONTROL.search(markdown)
    html = MarkdownIt("commonmark").render(markdown)  # what a Markdown viewer makes of it
    assert "<script>" not in html and 'href="http://evil"' not in html and "<li>fake" not in html
    assert re.findall(r"<h[12]>", html)[:2] == ["<h1>", "<h2>"] and "Fake" not in "".join(
        re.findall(r"<h\d>(.*?)</h\d>", html)[1:])


def test_markdown_helpers() -> None:
    assert md_code("a`b") == "`` a`b ``" and md_code("x\ny") == "`x\\ny`"
    assert md_text("[x](http://e) <b>") == "\\[x\\](http://e) \\<b\\>"
    assert block("line1\nline2\x1b[2J\tend") == "line1\nline2\\x1b[2J\tend"
    assert one_line("a\u202eb\r\n") == "a\\u202eb\\r\\n"


@pytest.mark.parametrize("model_id", HOSTILE_IDS[:2])
def test_the_tui_renders_escapes_literally(hf_home: Path, model_id: str) -> None:
    from tui.pilot import SIZE, run, screen_text, wait_for

    from advisor.tui.app import create_app
    from advisor.tui.screens.result import ResultScreen
    from advisor.tui.screens.trace import TraceScreen
    from advisor.tui.state import LoadRequest

    async def scenario() -> None:
        app = create_app(LoadRequest(model_id, tokenizer=False), save_dir=hf_home)
        async with app.run_test(size=(160, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TraceScreen) and app.screen.state.outcome
                           and app.screen.report is not None, "load ended")
            screens = [screen_text(app)]
            await pilot.press("r")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen), "result")
            await pilot.pause(0.1)
            screens.append(screen_text(app))
            for text in screens:
                assert not CONTROL.search(text)
                assert not any(line.strip().startswith(("FAKE", "## Fake", "- fake")) for line in text.splitlines())
                assert "org/m\\x1b[2J\\nFAKE" in text or "org/m\\n## Fake section" in text, text

    assert SIZE
    run(scenario())


def test_rich_markup_in_an_id_is_not_interpreted(hf_home: Path) -> None:
    out = io.StringIO()
    printer = TracePrinter(Console(file=out, force_terminal=False, width=400))
    failed_load("org/[bold red]m[/]", printer)
    assert "org/[bold red]m[/]" in out.getvalue()


def test_rule_text_with_escapes_is_shown_literally_by_explain_and_rules_check(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from advisor.cli import app

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "loud.toml").write_text('''category = "other"
title = "Loud \\u001b[2J title"
explain = "why\\u001b]0;pwned\\u0007\\nFAKE: line"
[match]
message = ["loud failure"]
[[remedy]]
fix = "other"
action = { type = "advise" }
next_step = "step \\u001b[31mred"
''')
    (pack / "broken.toml").write_text('category = "other"\ntitle = "t"\nexplain = "e"\n[match]\n'
                                      'message = ["(\\u001b[2J"]\n')
    runner = CliRunner()
    env = {"ADVISOR_RULES": str(pack)}
    out = runner.invoke(app, ["explain", "-"], input="RuntimeError: loud failure", env=env).stdout
    assert "\x1b" not in out and "\x07" not in out and "Loud \\x1b[2J title" in out and "step \\x1b[31mred" in out
    check = runner.invoke(app, ["rules", "check", str(pack)])
    assert check.exit_code == 1 and "\x1b" not in check.stdout and "broken.toml:5: match.message" in check.stdout
