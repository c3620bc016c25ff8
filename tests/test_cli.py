"""The `advisor` command: exit codes, JSON on stdout, trace on stderr, reports, explain, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from advisor.cli import app

runner = CliRunner()


def test_load_repairs_and_exits_zero_with_json(cached_tiny: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    result = runner.invoke(app, ["load", "acme/tiny-gtp2", "--json", "--report", str(report_file), "-q"])
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
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "load", "acme/tiny-gtp2", "--json",
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
