"""The report contract: JSON fields, Markdown, a snippet that reproduces the load, no secret anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import LoadFailed, Report, safe_load

CONTRACT_FIELDS = {"succeeded", "model_id", "final_model_id", "final_kwargs", "snippet", "next_steps",
                   "environment", "health", "started_at", "duration_s", "preflight", "attempts"}
ATTEMPT_FIELDS = {"n", "kwargs", "outcome", "error", "category", "rule", "remedy", "duration_s"}
FAKE_TOKEN = "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz012345"


def test_report_json_has_the_contract_fields(cached_tiny: Path) -> None:
    report = safe_load("acme/tiny-gtp2", dtype="float32").report
    data = json.loads(report.to_json())
    assert CONTRACT_FIELDS <= set(data)
    assert ATTEMPT_FIELDS <= set(data["attempts"][0])
    assert data["attempts"][0]["error"]["type"] == "OSError"
    assert set(data["attempts"][0]["remedy"]) >= {"fix", "risk", "changes", "applied", "reason"}
    assert data["final_kwargs"] == {"dtype": "float32"}
    assert Report.model_validate_json(report.to_json()) == report


def test_snippet_reproduces_the_working_load_with_plain_transformers(cached_tiny: Path) -> None:
    report = safe_load("acme/tiny-gtp2", device_map="cuda", dtype="bfloat16").report
    script = report.snippet + "\nprint(type(model).__name__, model.dtype, type(tokenizer).__name__)\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ),
                          timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split()[:2] == ["GPT2LMHeadModel", "torch.bfloat16"]


def test_markdown_tells_the_story(cached_tiny: Path) -> None:
    markdown = safe_load("acme/tiny-gtp2").report.to_markdown()
    assert "Attempt 1: failed" in markdown and "fix_identifier" in markdown and "```python" in markdown


def test_failed_report_has_next_steps_and_is_written_atomically(hf_home: Path, tmp_path: Path) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load("org/not-there")
    path = tmp_path / "out" / "report.json"
    info.value.report.write(path)
    data = json.loads(path.read_text())
    assert data["succeeded"] is False and data["next_steps"]
    assert [p.name for p in path.parent.iterdir()] == ["report.json"]  # no temporary file left behind


def test_no_token_appears_in_report_or_markdown(hf_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN)
    with pytest.raises(LoadFailed) as info:
        safe_load("org/not-there", token=FAKE_TOKEN)
    report = info.value.report
    for text in (report.to_json(), report.to_markdown(), str(info.value)):
        assert FAKE_TOKEN not in text
    assert report.environment["token_present"] is True
    assert 'os.environ["HF_TOKEN"]' in report.snippet
