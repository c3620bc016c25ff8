"""atheris (libFuzzer) targets: ``python atheris_targets.py explain|rule_file -runs=N``.

* ``explain``: any bytes, decoded as the CLI decodes a file (utf-8, errors replaced), through ``explain``;
  the result must serialise to JSON with the contract's keys.
* ``rule_file``: any bytes written as a rule file and parsed; it must give a rule or problems naming the file,
  never an exception.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["advisor"]):
    from advisor.diagnose import explain
    from advisor.engine import RuleSet, parse_rule_file

RULES = RuleSet.load()
KEYS = {"category", "fix", "rule", "title", "explanation", "next_steps"}
RULE_FILE = Path(tempfile.mkdtemp(prefix="advisor-atheris-")) / "fuzzed-rule.toml"


def explain_one(data: bytes) -> None:
    out = explain(data.decode("utf-8", errors="replace"), rules=RULES)
    assert set(json.loads(out.model_dump_json())) - {"alternatives"} == KEYS  # design.md: "may add alternatives"


def rule_file_one(data: bytes) -> None:
    RULE_FILE.write_bytes(data)
    rule, problems = parse_rule_file(RULE_FILE)
    assert (rule is None) == bool(problems)
    assert all(p.startswith(str(RULE_FILE)) for p in problems)


if __name__ == "__main__":
    target = {"explain": explain_one, "rule_file": rule_file_one}[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
