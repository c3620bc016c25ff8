"""Ctrl-C during a load stops cleanly: the partial report is attached and written, then KeyboardInterrupt
propagates. In process (a SIGINT delivered while the backend works) and through the CLI (a real SIGINT while
a slow Hub download is in progress)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support.hub_double import HubDouble
from support.injection import OOM_TOO_BIG, InjectingBackend, cuda_oom, gpu_facts

from advisor.loader import run_load
from advisor.loadplan import LoadPlan
from advisor.report import Report

REPO = Path(__file__).resolve().parents[2]


class CtrlCOnSecondAttempt(InjectingBackend):
    """Attempt 1: a (synthetic) CUDA OOM. Attempt 2: the user presses Ctrl-C while the weights load."""

    def __init__(self) -> None:
        super().__init__(fail_load=lambda plan: cuda_oom(OOM_TOO_BIG) if len(self.load_calls) == 1 else None)

    def load_model(self, plan: LoadPlan) -> Any:
        if len(self.load_calls) == 1:
            self.load_calls.append(plan)
            os.kill(os.getpid(), signal.SIGINT)  # a real SIGINT: Python raises KeyboardInterrupt here
            time.sleep(5)
            raise AssertionError("SIGINT was not delivered")
        return super().load_model(plan)


def test_ctrl_c_in_process_attaches_the_partial_report_then_propagates(cached_tiny: Path, tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt) as info:
        run_load("org/tiny", tokenizer=False, backend=CtrlCOnSecondAttempt(), facts=gpu_facts(capability=(8, 6)))
    report = info.value.report  # type: ignore[attr-defined]
    assert isinstance(report, Report) and not report.succeeded
    assert [a.outcome for a in report.attempts] == ["failed", "failed"]
    assert report.attempts[0].category == "cuda_oom"
    assert report.attempts[1].error is not None and report.attempts[1].error.type == "KeyboardInterrupt"
    assert report.next_steps and any("interrupted" in n for n in report.notes)
    report.write(tmp_path / "partial.json")
    assert Report.model_validate_json((tmp_path / "partial.json").read_text()) == report


def test_cli_writes_the_partial_report_on_sigint_during_a_slow_download(hub: HubDouble, tmp_path: Path) -> None:
    hub.throttle_file("org/tiny", "model.safetensors", bytes_per_s=20_000)  # the weights take ~10+ s
    out = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "advisor.cli", "load", "org/tiny", "--no-tokenizer", "--report",
                             str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while not any(r.startswith("GET ") and "model.safetensors" in r for r in hub.requests):
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the weights download never started"
            time.sleep(0.05)
        time.sleep(0.3)  # mid-download
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode in (130, -signal.SIGINT), stderr[-3000:]  # the shell's "killed by Ctrl-C" status
    report = json.loads(out.read_text())
    assert report["succeeded"] is False and report["attempts"][-1]["outcome"] == "failed"
    assert report["attempts"][-1]["error"]["type"] == "KeyboardInterrupt" and report["next_steps"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.json.")]
