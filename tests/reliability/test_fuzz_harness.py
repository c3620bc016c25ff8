"""The fuzz command itself works (a few dozen examples of each hypothesis target), so it cannot rot unnoticed
between the long campaigns recorded in docs/performance.md."""

from __future__ import annotations

import json
from pathlib import Path

from fuzz.run import main


def test_the_fuzz_command_runs_both_targets_and_reports_figures(tmp_path: Path) -> None:
    out = tmp_path / "fuzz.json"
    assert main(["--examples", "25", "--atheris-runs", "0", "--json", str(out)]) == 0
    results = {r["target"].split(" ")[0]: r for r in json.loads(out.read_text())}
    assert results["explain"]["examples"] >= 25 and results["explain"]["failures"] == 0
    assert results["rule"]["broken_fields_checked"] > 0 and results["rule"]["failures"] == 0
    assert results["hostile"]["examples"] >= 40 and results["hostile"]["failures"] == 0
