"""Remote code never runs without consent: not when stdin says "y", not with the Hub online, not through
the tokenizer. Every checkpoint here ships modules that write a marker file when imported, so "did remote
code run?" is a file-exists check, and a positive control proves the marker does appear with consent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.hf_cache import install_in_cache
from support.hub_double import HubDouble
from support.tiny_models import build_tiny_llama

from advisor import LoadFailed, Policy, safe_load

REPO = Path(__file__).resolve().parents[2]
YES = "y\ny\ny\ny\ny\n"


def build_custom_tokenizer(dst: Path, marker: Path) -> Path:
    """A plain llama checkpoint whose tokenizer is repo code (``auto_map`` in tokenizer_config.json)."""
    build_tiny_llama(dst)
    (dst / "tokenization_custom.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('tokenizer code ran')\n"
        "from transformers import PreTrainedTokenizerFast\n\n\n"
        "class CustomTokenizer(PreTrainedTokenizerFast):\n    pass\n"
    )
    config = json.loads((dst / "tokenizer_config.json").read_text())
    config["auto_map"] = {"AutoTokenizer": [None, "tokenization_custom.CustomTokenizer"]}
    config["tokenizer_class"] = "CustomTokenizer"
    (dst / "tokenizer_config.json").write_text(json.dumps(config))
    return dst


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run Python in a fresh process with stdin saying yes to everything, the Hub double's env inherited."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, *args], input=YES, capture_output=True, text=True, env=env,
                          cwd=tmp, timeout=240)


_SCRIPT = """
import sys
from advisor import safe_load, LoadFailed
try:
    safe_load(sys.argv[1], tokenizer=sys.argv[2] == "tok")
except LoadFailed as err:
    print(err.report.to_json())
    sys.exit(3)
print("LOADED")
"""


def test_hub_served_custom_code_does_not_run_with_stdin_yes_and_the_hub_online(
        hub: HubDouble, custom_code_dir: tuple[Path, Path], tmp_path: Path) -> None:
    folder, marker = custom_code_dir
    hub.add_repo("acme/custom", folder)
    assert os.environ["HF_HUB_OFFLINE"] == "0"
    proc = _run(["-c", _SCRIPT, "acme/custom", "tok"], tmp_path)
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert not marker.exists(), "remote code ran: stdin said y and the Hub was online"
    report = json.loads(proc.stdout)
    assert report["attempts"][0]["category"] == "trust_remote_code_required"
    assert report["attempts"][0]["remedy"]["applied"] is False
    assert any(r.startswith("GET /acme/custom/resolve/") and "config.json" in r for r in hub.requests)  # over HTTP


def test_cli_load_with_yes_and_stdin_yes_does_not_consent_to_remote_code(
        hub: HubDouble, custom_code_dir: tuple[Path, Path], tmp_path: Path) -> None:
    folder, marker = custom_code_dir
    hub.add_repo("acme/custom", folder)
    out = tmp_path / "report.json"
    proc = _run(["-m", "advisor.cli", "load", "acme/custom", "--yes", "--no-tokenizer", "--report", str(out)],
                tmp_path)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert not marker.exists(), "`--yes` or stdin consented to remote code"
    report = json.loads(out.read_text())
    assert report["attempts"][-1]["remedy"]["fix"] == "set_trust_remote_code"
    assert report["attempts"][-1]["remedy"]["applied"] is False


def test_custom_tokenizer_code_is_refused_and_the_model_still_loads(hf_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "tokenizer.marker"
    folder = build_custom_tokenizer(tmp_path / "tok-custom", marker)
    result = safe_load(str(folder))
    assert not marker.exists(), "AutoTokenizer ran repo code without consent"
    assert result.model is not None and result.tokenizer is None
    assert result.report.attempts[-1].category == "trust_remote_code_required"
    assert any(h.code == "tokenizer_failed" for h in result.report.health)
    assert "trust_remote_code=True" in " ".join(result.report.next_steps)


def test_custom_tokenizer_code_served_by_the_hub_is_refused_with_stdin_yes(
        hub: HubDouble, tmp_path: Path) -> None:
    marker = tmp_path / "tokenizer.marker"
    hub.add_repo("acme/tok-custom", build_custom_tokenizer(tmp_path / "tok-custom", marker))
    proc = _run(["-c", _SCRIPT, "acme/tok-custom", "tok"], tmp_path)
    assert proc.returncode == 0 and "LOADED" in proc.stdout, proc.stderr[-3000:]
    assert not marker.exists(), "AutoTokenizer ran repo code: stdin said y and the Hub was online"


def test_consent_callback_that_refuses_keeps_remote_code_out(hf_home: Path,
                                                            custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    asked: list[str] = []
    with pytest.raises(LoadFailed):
        safe_load(str(folder), tokenizer=False, policy=Policy(consent=lambda r: asked.append(r.fix) is not None))
    assert asked == ["set_trust_remote_code"] and not marker.exists()


def test_positive_control_custom_tokenizer_code_runs_with_consent(hf_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "tokenizer.marker"
    folder = build_custom_tokenizer(tmp_path / "tok-custom", marker)
    result = safe_load(str(folder), policy=Policy(allow_remote_code=True))
    assert marker.exists() and type(result.tokenizer).__name__ == "CustomTokenizer"


def test_cached_custom_code_repo_with_the_hub_online_is_refused(
        hub: HubDouble, custom_code_dir: tuple[Path, Path], hf_home: Path) -> None:
    folder, marker = custom_code_dir
    hub.add_repo("acme/custom", folder)
    install_in_cache(hf_home, "acme/custom", folder)
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/custom", tokenizer=False)
    assert not marker.exists()
    assert info.value.report.attempts[0].category == "trust_remote_code_required"
