"""Memory between attempts: in a fresh process, ten failed attempts that each allocated a real model leave
RSS within 5 % of what it was before them; a control run that keeps the models proves a leak would show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("memory_probe.py")
REPO = Path(__file__).resolve().parents[2]


def test_ten_failed_attempts_with_real_models_leave_rss_within_5_percent() -> None:
    proc = subprocess.run([sys.executable, str(PROBE), "10", "--control"], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    advisor, control = result["advisor"], result["control"]
    assert advisor["attempts"] >= 10 and advisor["loads"] >= 10  # every attempt really built a model
    assert advisor["after_mib"] <= advisor["before_mib"] * 1.05, advisor
    # The control keeps each model alive: the same measure must see that leak, or it proves nothing.
    assert control["after_mib"] > control["before_mib"] * 1.05, control
