"""`advisor demo --plain` walks the headline remedies for real, offline, and labels what is simulated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_plain_demo_shows_the_headline_remedies_and_labels_simulations(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "advisor", "demo", "--plain"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stderr
    # The typo offline: the cached near id is named and not loaded unasked, then loaded once the person says yes.
    refused, answered = out.index("not applied: fix_identifier (identity) model_id='acme/tiny-gpt2'"), out.index(
        "fix_identifier: granted")
    assert refused < out.index("If you meant acme/tiny-gpt2") < answered < out.index(
        "✔ loaded acme/tiny-gpt2 as GPT2LMHeadModel")
    assert "preflight: reduce_dtype (precision) dtype='bfloat16'" in out  # half precision under the limit
    assert "preflight: device_map_auto_offload" in out and "offloaded_to_disk" in out  # a real disk offload
    assert "applying: reduce_dtype (precision) dtype='float16'" in out  # the CUDA ladder's half-precision rung
    assert out.count("SIMULATED:") == 2  # every simulated piece of hardware is said to be simulated
    assert "remote code executed: no" in out and "remote code executed: yes" in out
