"""CLI edges: a bad --report path is one Error: line (exit 2) after the load's own output; explain and report
read bounded input and refuse binary data with a clear message; TUI report saves never overwrite each other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.report import Report
from advisor.tui.config import save_report

runner = CliRunner()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


@pytest.mark.parametrize("kind", ["directory", "under-a-file"])
def test_a_bad_report_path_keeps_the_printed_result_and_exits_two(cached_tiny: Path, tmp_path: Path,
                                                                   kind: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    target = tmp_path if kind == "directory" else blocker / "report.json"
    result = runner.invoke(app, ["load", "acme/tiny-gtp2", "--yes", "--no-tokenizer", "-q", "--json", "--report",
                                 str(target)])
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout)["final_model_id"] == "acme/tiny-gpt2"  # the load's own output is intact
    errors = error_lines(result.stderr)
    assert len(errors) == 1 and str(target) in errors[0], result.stderr
    assert "Traceback" not in result.stderr and blocker.read_text() == "x"


def test_a_bad_report_path_after_a_snippet_is_printed_too(cached_tiny: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", "acme/tiny-gtp2", "--yes", "--no-tokenizer", "-q", "--report", str(tmp_path)])
    assert result.exit_code == 2
    assert "from_pretrained('acme/tiny-gpt2'" in result.stdout
    assert error_lines(result.stderr) == [f"Error: cannot write the report to {tmp_path}: it is a directory"]


def test_report_on_a_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    binary = tmp_path / "weights.bin"
    binary.write_bytes(os.urandom(4096) + b"\0" * 16)
    result = runner.invoke(app, ["report", str(binary)])
    assert result.exit_code == 2 and error_lines(result.stderr) == [
        f"Error: {binary} is binary data, not a report JSON"]
    not_json = tmp_path / "notes.txt"
    not_json.write_text("hello")
    result = runner.invoke(app, ["report", str(not_json)])
    assert result.exit_code == 2 and "is not a report" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["explain", "/dev/zero"], ["report", "/dev/zero"], ["explain", "/dev/urandom"]])
def test_endless_devices_are_read_bounded(args: list[str]) -> None:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", *args], capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - started
    print(f"advisor {' '.join(args)}: {took:.2f} s, exit {proc.returncode}")
    assert proc.returncode == 2 and "binary data" in proc.stderr and "Traceback" not in proc.stderr


def test_endless_text_on_stdin_stops_with_a_message() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "advisor.cli", "explain", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    line = b"OSError: still going\n" * 5000
    try:
        while proc.poll() is None:
            proc.stdin.write(line)
    except BrokenPipeError:
        pass
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and b"still going; give a file instead" in err


def test_a_big_text_file_is_explained_from_its_tail(tmp_path: Path) -> None:
    big = tmp_path / "log.txt"
    big.write_text("INFO nothing to see\n" * 200_000 + "torch.OutOfMemoryError: CUDA out of memory.\n")
    result = runner.invoke(app, ["explain", str(big), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["category"] == "cuda_oom"


def test_tui_report_saves_are_unique_and_keep_the_timestamp_with_dots_in_the_id(tmp_path: Path) -> None:
    report = Report(succeeded=False, model_id="org/gpt2.5-v1.0", final_model_id="org/gpt2.5-v1.0",
                    started_at="2026-01-01T00:00:00+00:00", duration_s=0.1, next_steps=["x"])
    first = save_report(report, tmp_path)
    second = save_report(report, tmp_path)
    names = [p.name for p in (*first, *second)]
    assert len(set(names)) == 4 and all(p.exists() for p in (*first, *second)), names
    stamp = time.strftime("%Y%m%d")
    for json_path, md_path in (first, second):
        assert json_path.name.startswith("advisor-report-org-gpt2.5-v1.0-") and stamp in json_path.name
        assert md_path.name == json_path.name.removesuffix(".json") + ".md"
        assert Report.model_validate_json(json_path.read_text()).model_id == "org/gpt2.5-v1.0"
