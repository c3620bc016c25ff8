"""docs/rules.md's coverage table must match the rule files and the tests (regenerate it when it does not)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_coverage_table_is_current() -> None:
    gen = _generator()
    current = (ROOT / gen.DOC).read_text(encoding="utf-8")
    expected = gen.updated_document(current, gen.render_table(ROOT))
    assert current == expected, "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"


def test_every_rule_is_listed_with_a_test() -> None:
    table = _generator().render_table(ROOT)
    assert "**untested**" not in table
    assert "**no rule**" not in table
