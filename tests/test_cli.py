"""The `advisor` command: exit codes, JSON on stdout, trace on stderr, reports, explain, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from advisor import Policy
from advisor.cli import app

runner = CliRunner()


def test_load_repairs_and_exits_zero_with_json(cached_tiny: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    result = runner.invoke(app, ["load", "acme/tiny-gtp2", "--yes", "--json", "--report", str(report_file), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["final_model_id"] == "acme/tiny-gpt2"
    assert json.loads(report_file.read_text())["succeeded"] is True


def test_load_gives_up_with_exit_one_and_still_writes_the_report(hf_home: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    result = runner.invoke(app, ["load", "org/not-there", "--report", str(report_file)])
    assert result.exit_code == 1
    data = json.loads(report_file.read_text())
    assert data["succeeded"] is False and data["next_steps"]


def test_load_usage_errors_exit_two(cached_tiny: Path) -> None:
    assert runner.invoke(app, ["load", "org/tiny", "--dtype", "bf16"]).exit_code == 2
    assert runner.invoke(app, ["load", "org/tiny", "--max-memory", "cpu"]).exit_code == 2


def test_load_trace_goes_to_stderr_and_json_to_stdout(cached_tiny: Path) -> None:
    env = {**os.environ}
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "load", "acme/tiny-gtp2", "--yes", "--json",
                           "--no-tokenizer"], capture_output=True, text=True, env=env, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["succeeded"] is True
    assert "attempt 1" in proc.stderr and "fix_identifier" in proc.stderr


def test_explain_json_from_stdin() -> None:
    text = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB"
    result = runner.invoke(app, ["explain", "-", "--json"], input=text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"category", "fix", "rule", "title", "explanation", "next_steps"}
    assert data["category"] == "cuda_oom"


def test_explain_unknown_text_is_other_with_null_fix() -> None:
    data = json.loads(runner.invoke(app, ["explain", "--json"], input="the weather is nice").stdout)
    assert data["category"] == "other" and data["fix"] is None


def test_report_renders_markdown_and_prints_schema(hf_home: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    runner.invoke(app, ["load", "org/not-there", "--report", str(report_file), "-q"])
    result = runner.invoke(app, ["report", str(report_file)])
    assert result.exit_code == 0 and "# Load report" in result.stdout and "Next steps" in result.stdout
    schema = json.loads(runner.invoke(app, ["report", "--schema"]).stdout)
    assert "attempts" in schema["properties"]


def test_rules_check_names_the_file_and_the_misspelt_field(tmp_path: Path) -> None:
    bad = tmp_path / "my-rule.toml"
    bad.write_text('category = "cuda_oom"\ntitle = "t"\nexplain = "e"\n[match]\nmesage = ["x"]\n')
    result = runner.invoke(app, ["rules", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:5: match.mesage" in result.stdout


def test_rules_schema_and_list() -> None:
    schema = json.loads(runner.invoke(app, ["rules", "schema"]).stdout)
    assert "remedy" in schema["properties"]
    listing = runner.invoke(app, ["rules", "list"])
    assert listing.exit_code == 0 and "cuda-oom" in listing.stdout


# --- habits of hf / pip users (issue 14) ---------------------------------------------------------------------------

POLICY_FLAGS = ["--strict", "--max-attempts", "--max-seconds", "--no-remember", "--no-verify", "--no-preflight",
                "--offline", "--cache-dir", "--token"]


def _help(args: list[str]) -> str:
    """``advisor ARGS`` help, laid out 250 columns wide (one row per option)."""
    import typer.rich_utils

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.rich_utils, "MAX_WIDTH", 250)
        result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _commands() -> list[list[str]]:
    return [[], ["load"], ["explain"], ["plan"], ["doctor"], ["report"], ["tui"], ["demo"], ["rules"],
            ["rules", "list"], ["rules", "check"], ["cache"], ["cache", "list"], ["cache", "clear"]]


def test_version_and_short_help() -> None:
    from advisor import __version__

    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and result.stdout.strip() == f"advisor {__version__}"
    short, long = runner.invoke(app, ["load", "-h"]), runner.invoke(app, ["load", "--help"])
    assert short.exit_code == 0 and short.stdout == long.stdout and "--max-memory" in short.stdout


def test_help_has_no_type_markers_and_flags_take_no_value() -> None:
    for command in _commands():
        text = _help([*command, "-h"])
        for marker in ("<bool>", "<str>", "<list", "<int>", "<float>", "<path>"):
            assert marker not in text, (command, marker, text)
    load_help = _help(["load", "-h"])
    assert "DEV=SIZE" in load_help
    json_row = next(line for line in load_help.splitlines() if "--json" in line)
    assert "Print the report JSON" in json_row and not any(w.isupper() and len(w) > 1 for w in json_row.split()[:3])


def test_every_policy_field_is_a_flag_of_load_and_tui() -> None:
    for command in ("load", "tui"):
        text = _help([command, "-h"])
        missing = [flag for flag in POLICY_FLAGS if flag not in text]
        assert not missing, (command, missing)


def _spy(monkeypatch: Any) -> dict[str, Any]:
    """Replace safe_load with a recorder that gives up (so the CLI path after the load runs too)."""
    import advisor.loader
    from advisor.errors import LoadFailed
    from advisor.report import Report

    seen: dict[str, Any] = {}

    def fake(model_id: str, **kwargs: Any) -> Any:
        seen.update(kwargs, model_id=model_id)
        raise LoadFailed(Report(succeeded=False, model_id=model_id, final_model_id=model_id, started_at="now",
                                duration_s=0.0, next_steps=["do x"]))

    monkeypatch.setattr(advisor.loader, "safe_load", fake)
    return seen


def test_policy_flags_reach_the_policy(monkeypatch: Any) -> None:
    from advisor.policy import Risk

    seen = _spy(monkeypatch)
    result = runner.invoke(app, ["load", "org/x", "--strict", "--max-attempts", "3", "--max-seconds", "9.5",
                                 "--no-remember", "--no-verify", "--no-preflight", "-q"])
    assert result.exit_code == 1, result.output
    policy = seen["policy"]
    assert policy.auto_apply == frozenset({Risk.safe})
    assert (policy.max_attempts, policy.max_seconds) == (3, 9.5)
    assert (policy.remember, policy.verify, policy.preflight) == (False, False, False)
    seen.clear()
    assert runner.invoke(app, ["load", "org/x", "-q"]).exit_code == 1
    default = seen["policy"]
    assert Risk.precision in default.auto_apply and default.remember and default.verify and default.preflight


def test_access_flags_become_kwargs_and_offline_is_said(monkeypatch: Any, tmp_path: Path) -> None:
    seen = _spy(monkeypatch)
    result = runner.invoke(app, ["load", "org/x", "--offline", "--cache-dir", str(tmp_path), "--token", "hf_x"])
    assert seen["local_files_only"] is True and seen["cache_dir"] == str(tmp_path) and seen["token"] == "hf_x"
    assert "offline" in result.stderr and "local_files_only=True" in result.stderr
    seen.clear()
    runner.invoke(app, ["load", "org/x", "-q"])
    assert "token" not in seen and "cache_dir" not in seen and "local_files_only" not in seen  # HF_TOKEN: the hub's


def test_the_token_is_never_printed(cached_tiny: Path, tmp_path: Path) -> None:
    token = "hf_" + "QwErTy0123456789" * 2
    report_file = tmp_path / "r.json"
    result = runner.invoke(app, ["load", "org/tiny", "--no-tokenizer", "--token", token, "--offline", "--report",
                                 str(report_file)])
    assert result.exit_code == 0, result.output
    assert token not in result.stdout and token not in result.stderr and token not in report_file.read_text()
    assert "token=" in result.stderr  # the trace shows that one was passed, not what it is


def test_quiet_prints_only_the_verdict(cached_tiny: Path) -> None:
    gave_up = runner.invoke(app, ["load", "org/not-there", "-q"])
    assert gave_up.exit_code == 1 and gave_up.stdout == ""
    lines = gave_up.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("advisor: gave up on org/not-there after 1 attempt(s)"), lines
    assert "next:" in lines[0]
    loaded = runner.invoke(app, ["load", "acme/tiny-gtp2", "--yes", "--no-tokenizer", "-q"])
    assert loaded.exit_code == 0 and "from_pretrained('acme/tiny-gpt2'" in loaded.stdout
    assert loaded.stderr.splitlines() == [
        "advisor: loaded acme/tiny-gpt2 (requested acme/tiny-gtp2) after 2 attempt(s)"], loaded.stderr


def test_quiet_quiets_transformers_for_the_run_only(cached_tiny: Path) -> None:
    import logging

    from advisor.cli import quiet_libraries

    hf = logging.getLogger("transformers")
    before = hf.level
    with quiet_libraries(True):
        assert hf.getEffectiveLevel() == logging.ERROR
        import warnings

        warnings.warn("a library warning", UserWarning, stacklevel=1)  # swallowed: no error under -W error
    assert hf.level == before


def test_quiet_subprocess_stderr_is_one_line(cached_tiny: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "load", "acme/tiny-gtp2", "--yes", "-q"],
                          capture_output=True, text=True, env={**os.environ, "TRANSFORMERS_VERBOSITY": "info"},
                          timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr.splitlines() == ["advisor: loaded acme/tiny-gpt2 (requested acme/tiny-gtp2) after 2 "
                                        "attempt(s)"], proc.stderr[-3000:]


def _error_hint(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("Error:", "Hint:"))]


@pytest.mark.parametrize("args, expect", [
    (["load", "org/x", "--max-memory", "10GiB"], "--max-memory expects DEV=SIZE, got '10GiB'"),
    (["load", "org/x", "--frobnicate"], "No such option: --frobnicate"),
    (["load"], "Missing argument 'MODEL'"),
    (["lod", "x"], "No such command 'lod'"),
    (["load", "org/x", "--max-attempts", "0"], "--max-attempts"),
    (["plan", "org/x", "--dtype", "bf16"], "cannot plan for dtype 'bf16'"),
])
def test_usage_errors_are_error_and_hint_lines_with_exit_two(args: list[str], expect: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = _error_hint(result.stderr)
    assert len(lines) == 2 and lines[0].startswith("Error: ") and lines[1].startswith("Hint: "), result.stderr
    assert expect in lines[0]
    assert "╭" not in result.stderr and "Traceback" not in result.stderr and "Usage:" not in result.stderr


def test_a_json_file_that_is_not_a_report_is_one_readable_error(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": "world", "attempts": 3}))
    result = runner.invoke(app, ["report", str(other)])
    assert result.exit_code == 2
    lines = _error_hint(result.stderr)
    assert lines[0].startswith(f"Error: {other} is not a report: ") and len(lines) == 2, result.stderr
    assert "validation error" not in result.stderr and "errors.pydantic.dev" not in result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_advisor_debug_shows_the_traceback(monkeypatch: Any) -> None:
    quiet = runner.invoke(app, ["load", "org/x", "--max-memory", "10GiB"])
    assert "Traceback" not in quiet.stderr
    loud = runner.invoke(app, ["load", "org/x", "--max-memory", "10GiB"], env={"ADVISOR_DEBUG": "1"})
    assert loud.exit_code == 2 and "Traceback" in loud.stderr and "Error: --max-memory" in loud.stderr


def test_an_unexpected_exception_is_an_error_line_with_a_debug_hint(monkeypatch: Any) -> None:
    import advisor.loader

    def boom(*_: Any, **__: Any) -> Any:
        raise RuntimeError("something broke")

    monkeypatch.setattr(advisor.loader, "safe_load", boom)
    result = runner.invoke(app, ["load", "org/x"])
    assert result.exit_code == 1
    assert _error_hint(result.stderr) == ["Error: unexpected RuntimeError: something broke",
                                          "Hint: this is a bug in advisor; rerun with ADVISOR_DEBUG=1 for the "
                                          "traceback and report it"]


def test_trace_lines_are_whole_when_not_on_a_terminal() -> None:
    import io

    from rich.console import Console

    from advisor import events as ev
    from advisor.console import TracePrinter

    message = "a " + "very-long-path/" * 20 + "model.safetensors is missing from the checkpoint folder " * 3
    log = io.StringIO()
    TracePrinter(Console(file=log, width=80))(ev.FailureCaught(n=1, phase="load", error_type="OSError",
                                                               message=message))
    assert log.getvalue().count("\n") == 1 and message.strip() in log.getvalue()
    tty = io.StringIO()
    TracePrinter(Console(file=tty, width=80, force_terminal=True, color_system=None))(
        ev.FailureCaught(n=1, phase="load", error_type="OSError", message=message))
    assert "…" in tty.getvalue() and message.strip() not in tty.getvalue().replace("\n", "")


def test_explain_on_a_terminal_says_how_to_end_the_paste() -> None:
    import pty

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "advisor.cli", "explain"], stdin=child_fd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(child_fd)
    os.write(main_fd, b"torch.OutOfMemoryError: CUDA out of memory.\n\x04\x04")  # EOF (each read of a tty)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(main_fd)
    assert proc.returncode == 0 and b"Ctrl-D" in err and b"cuda_oom" in out


def test_plan_resolves_ids_like_load_and_honours_auto_class(cached_tiny: Path) -> None:
    typo = runner.invoke(app, ["plan", "acme/tiny-gtp2", "--auto-class", "AutoModel"])
    assert typo.exit_code == 0, typo.output
    assert typo.stdout.startswith("acme/tiny-gpt2: ")
    assert "planning for acme/tiny-gpt2" in typo.stderr
    assert "AutoModel.from_pretrained('acme/tiny-gpt2'" in typo.stdout
    url = runner.invoke(app, ["plan", "https://huggingface.co/acme/tiny-gpt2/tree/main", "--json"])
    data = json.loads(url.stdout)
    assert data["model_id"] == "acme/tiny-gpt2" and "AutoModelForCausalLM.from_pretrained" in data["snippet"]
    assert "normalised" in url.stderr
    missing = runner.invoke(app, ["plan", "zzz/nothing-like-it"])
    assert missing.exit_code == 2 and _error_hint(missing.stderr)[0].startswith("Error: cannot size")


def test_plan_dtype_default_is_the_documented_choice(cached_tiny: Path) -> None:
    """docs/cli.md: chosen for the devices — fp16 on a pre-Ampere GPU (T4), bf16 on an A100, float32 on this CPU
    for a float32 checkpoint that fits."""
    def dtype_for(*gpu: str) -> str:
        args = ["plan", "org/tiny", "--json", *(x for g in gpu for x in ("--gpu", g))]
        return str(json.loads(runner.invoke(app, args).stdout)["dtype"])

    assert dtype_for("T4") == "float16" and dtype_for("A100-80GB") == "bfloat16" and dtype_for() == "float32"
    assert "chosen for the devices" in _help(["plan", "-h"])


def test_doctor_names_the_id_that_loaded(hub: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_" + "T0kenOfThisUser" * 2)  # with a token the Hub's 404 proves the typo
    result = runner.invoke(app, ["doctor", "org/tiyn"])  # and its search finds org/tiny
    assert "org/tiyn → org/tiny" in result.stdout, result.stdout
    data = json.loads(runner.invoke(app, ["doctor", "org/tiyn", "--json"]).stdout)
    assert data["model"]["final_model_id"] == "org/tiny"


def test_offline_a_near_cached_id_is_offered_and_loaded_only_with_yes(cached_tiny: Path) -> None:
    refused = runner.invoke(app, ["load", "acme/tiny-gtp2", "--no-tokenizer", "-q"])  # no terminal: nobody to ask
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "If you meant acme/tiny-gpt2, pass that id" in refused.stderr, refused.stderr
    assert "hf download acme/tiny-gtp2" in refused.stderr  # the id may be right and just not downloaded
    loaded = runner.invoke(app, ["load", "acme/tiny-gtp2", "--yes", "--no-tokenizer", "-q"])
    assert loaded.exit_code == 0 and "from_pretrained('acme/tiny-gpt2'" in loaded.stdout


def test_readme_cli_table_lists_every_command_and_the_python_hooks() -> None:
    import typer.main

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## CLI"):]
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"`advisor {name}" in table, name
    for flag in [*POLICY_FLAGS, "--version"]:
        assert flag in table, flag
    for hook in ("on_event", "TracePrinter", 'logging.getLogger("advisor")', "AdvisorWarning"):
        assert hook in readme, hook


def test_markdown_of_a_failed_load_does_not_call_its_call_working(hf_home: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    runner.invoke(app, ["load", "org/not-there", "--report", str(report_file), "-q", "--dtype", "float16"])
    markdown = runner.invoke(app, ["report", str(report_file)]).stdout
    assert "Working call" not in markdown and "## Last call tried (it failed)" in markdown
    assert "**{" not in markdown
    assert "AutoModelForCausalLM.from_pretrained('org/not-there', dtype='float16')" in markdown


def test_cache_list_shows_the_request_and_clear_takes_either_id(cached_tiny: Path) -> None:
    from advisor.loader import safe_load

    safe_load("acme/tiny-gtp2", tokenizer=False, dtype="float32", policy=Policy(consent=lambda request: True))
    listing = runner.invoke(app, ["cache", "list"]).stdout
    assert "acme/tiny-gtp2 [dtype='float32'] → acme/tiny-gpt2 (AutoModelForCausalLM)" in listing, listing
    nothing = runner.invoke(app, ["cache", "clear", "zzz/none"])
    assert nothing.stdout.strip() == "removed 0 remembered plan(s)"
    assert "Hint:" in nothing.stderr and "acme/tiny-gpt2" in nothing.stderr and "acme/tiny-gtp2" in nothing.stderr
    assert runner.invoke(app, ["cache", "clear", "acme/tiny-gpt2"]).stdout.strip() == "removed 1 remembered plan(s)"
