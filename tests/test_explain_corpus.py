"""explain on the dev corpus of real error texts: category accuracy (throughput is a benchmark: tests/bench).

The corpus is shipped with the tests (``tests/data/corpus/dev.jsonl``, a copy of the project's
``../shared/corpus/dev.jsonl``), so the gate runs wherever the tests run, CI included; ADVISOR_CORPUS names
another file to measure instead. Each line holds ``error_text`` (what a user pasted) and the ``category`` /
``fix`` a maintainer's resolution points to.

Only dev.jsonl is gated. batch1.jsonl and batch2.jsonl next to it are the held-out measure of how the rules
generalise (scripts/measure_corpus.py, docs/rules.md "Generalisation"): no threshold on them, on purpose.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from advisor.diagnose import explain
from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack

MIN_ACCURACY = 0.90


DEV_CORPUS = Path(__file__).resolve().parent / "data" / "corpus" / "dev.jsonl"


def _corpus_path() -> Path:
    if os.environ.get("ADVISOR_CORPUS"):
        return Path(os.environ["ADVISOR_CORPUS"])
    return DEV_CORPUS


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, str]]:
    path = _corpus_path()
    assert path.is_file(), f"dev corpus not found: {path}"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, f"{path} is empty"
    return rows


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    """The shipped rules only, loaded once (plugins or a user's rules must not change the measurement)."""
    report = load_pack(bundled_rules_dir())
    assert not report.problems, report.problems
    return RuleSet([r for r in report.rules if applies(r)])


def test_dev_corpus_category_accuracy(corpus: list[dict[str, str]], rules: RuleSet) -> None:
    misses: list[str] = []
    fix_hits = 0
    for row in corpus:
        result = explain(row["error_text"], rules=rules)
        fix_hits += result.fix == row["fix"]
        if result.category != row["category"]:
            misses.append(f"  {row['id']}: expected {row['category']}, got {result.category} (rule {result.rule})")
    accuracy = 1 - len(misses) / len(corpus)
    print(f"\ndev corpus: category accuracy {accuracy:.1%} ({len(corpus) - len(misses)}/{len(corpus)}), "
          f"fix agreement {fix_hits}/{len(corpus)}")
    if misses:
        print("misses:\n" + "\n".join(misses))
    assert accuracy >= MIN_ACCURACY, f"category accuracy {accuracy:.1%} < {MIN_ACCURACY:.0%}:\n" + "\n".join(misses)
