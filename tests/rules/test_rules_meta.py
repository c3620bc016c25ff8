"""Coverage of the rule tables: every rule file has a positive and a negative case, every category a rule."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from rulecase import Case, bundled_rules, diagnose

from advisor.engine import bundled_rules_dir
from advisor.failure import Failure
from advisor.situation import text_context
from advisor.taxonomy import Category

HERE = Path(__file__).resolve().parent


def _area_modules() -> dict[str, object]:
    """Every tests/rules/test_<area>.py (the same module objects pytest collected)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    modules = {}
    for path in sorted(HERE.glob("test_*.py")):
        if path.stem == Path(__file__).stem:
            continue
        modules[path.stem] = importlib.import_module(path.stem)
    return modules


def _cases(name: str) -> list[tuple[str, Case]]:
    return [(module_name, case) for module_name, module in _area_modules().items()
            for case in getattr(module, name, [])]


def _rule_files() -> dict[str, Path]:
    return {path.stem: path for path in bundled_rules_dir().rglob("*.toml")}


def test_every_rule_file_has_a_positive_case() -> None:
    covered = {case.rule for _, case in _cases("POSITIVE")}
    missing = sorted(set(_rule_files()) - covered)
    assert not missing, f"rules without a positive test case: {missing}"


def test_every_rule_file_has_a_negative_case() -> None:
    covered = {case.rule for _, case in _cases("NEGATIVE")}
    missing = sorted(set(_rule_files()) - covered)
    assert not missing, f"rules without a negative test case: {missing}"


def test_rule_cases_live_in_the_test_file_of_their_area() -> None:
    """tests/rules/test_<area>.py holds the cases of rules/<area>/*.toml, so each area's file is complete."""
    files = _rule_files()
    misplaced = [f"{case.rule} in {module}" for kind in ("POSITIVE", "NEGATIVE") for module, case in _cases(kind)
                 if case.rule in files and module != f"test_{files[case.rule].parent.name}"]
    assert not misplaced, misplaced
    unknown = sorted({case.rule for kind in ("POSITIVE", "NEGATIVE") for _, case in _cases(kind)} - set(files))
    assert not unknown, f"cases name rules that do not exist: {unknown}"


def test_every_category_except_other_has_a_rule() -> None:
    categories = {rule.category.value for rule in bundled_rules().rules}
    missing = sorted(c.value for c in Category if c is not Category.other and c.value not in categories)
    assert not missing, f"categories without a rule: {missing}"
    # A rule may file a failure under "other" (no taxonomy category fits it), but never as a catch-all: each such
    # rule needs a positive test of its own (above), and none answers an unrelated error text.
    unrelated = Failure.from_text("ValueError: something went wrong while running the script")
    fallbacks = [d.rule.id for d in bundled_rules().match(unrelated, text_context(unrelated)) if d.category == "other"]
    assert not fallbacks, f"'other' must come from no rule matching, not from a fallback rule: {fallbacks}"


def test_every_rule_file_loads() -> None:
    assert len(bundled_rules().rules) == len(_rule_files())


@pytest.mark.parametrize("text", [
    "",
    "   \n\t ",
    "hello world",
    "lorem ipsum dolor sit amet, consectetur adipiscing elit",
    "ZeroDivisionError: division by zero",
    "KeyError: 'input_ids'",
    "TypeError: forward() got an unexpected keyword argument 'labels'",
    "AttributeError: 'NoneType' object has no attribute 'shape'",
    "RuntimeError: CUDA error: device-side assert triggered",
    "ValueError: `rope_scaling` must be a dictionary with with two fields, `type` and `factor`, got {'factor': 8.0}",
    "ValueError: Asking to pad but the tokenizer does not have a padding token.",
    "".join(chr(c) for c in range(32, 127)) * 3,
    "\x00\x01\x02\xff\ufffd" * 20,
])
def test_unrelated_text_matches_no_rule(text: str) -> None:
    verdict = diagnose(Case(rule="", text=text))
    assert (verdict.category, verdict.rule, verdict.fix) == ("other", None, None)
