"""Helpers for the rule tests: one table of positive and negative texts per rule area.

Every ``tests/rules/test_<area>.py`` defines ``POSITIVE`` (texts the rule must diagnose: it must be the
*top* diagnosis) and ``NEGATIVE`` (texts the rule must not diagnose as top) as lists of :class:`Case`.
Texts are what the libraries really print: the verbatim messages of
``shared/reference/from_pretrained-failures.md`` (transformers 5 / huggingface_hub 2, cited by case id) and
the older wording of transformers 4.x / huggingface_hub 0.x (requests era), cited by version.

Most rules are checked exactly like ``advisor explain`` sees a paste. Rules that also read the live
context (``local.*``, ``failure.phase``) or match an exception type that pasted text cannot carry take a
``ctx`` (context namespaces merged over explain's) and/or ``exc`` (a live exception to diagnose).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from advisor.context import Context
from advisor.diagnose import explain
from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack
from advisor.failure import Failure


@dataclass(frozen=True)
class Case:
    rule: str
    text: str = ""
    source: str = ""  # reference case id ("13i"), library version ("transformers 4.30") or issue
    ctx: dict[str, dict[str, Any]] | None = None
    exc: Callable[[], BaseException] | None = None
    fix: str | None = None  # when given, the fix explain must report too
    phase: str = "load"  # the live phase used with ``exc``/``ctx``

    @property
    def id(self) -> str:
        lines = self.text.strip().splitlines()
        return f"{self.rule}:{self.source or (lines[-1][:40] if lines else 'empty')}"


@dataclass
class Verdict:
    rule: str | None
    category: str
    fix: str | None = None
    all_rules: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def bundled_rules() -> RuleSet:
    """The shipped rules only (no plugins, user dir or ADVISOR_RULES), validated strictly."""
    report = load_pack(bundled_rules_dir())
    assert not report.problems, report.problems
    return RuleSet([r for r in report.rules if applies(r)])


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def diagnose(case: Case) -> Verdict:
    """The top diagnosis for a case: through ``explain`` for plain text, through the engine otherwise."""
    rules = bundled_rules()
    if case.ctx is None and case.exc is None:
        result = explain(case.text, rules=rules)
        return Verdict(result.rule, result.category, result.fix)
    if case.exc is not None:
        failure = Failure.from_exception(case.exc(), phase=case.phase)  # type: ignore[arg-type]
    else:  # the text as a live failure of that phase would carry it
        failure = Failure.from_text(case.text).model_copy(update={"phase": case.phase, "pasted": False})
    namespaces: dict[str, dict[str, Any]] = {
        "plan": {"model_id": "org/model", "dtype": "auto", "is_local_dir": False, "local_files_only": False},
        "facts": {"best_half_dtype": "float16", "transformers_version": "5", "offline": False},
        "failure": {"phase": failure.phase, **failure.details},
        "local": {},
    }
    namespaces = _merge(namespaces, case.ctx or {})
    ctx = Context(placeholder_for_missing=True, **namespaces)
    found = rules.match(failure, ctx)
    if not found:
        return Verdict(None, "other")
    top = found[0]
    fitting = [r for r in top.remedies if ctx.check(r.when)] or top.remedies
    return Verdict(top.rule.id, top.category, fitting[0].fix.value if fitting else None,
                   [d.rule.id for d in found])


def check_positive(case: Case) -> None:
    verdict = diagnose(case)
    assert verdict.rule == case.rule, f"expected rule {case.rule!r}, got {verdict.rule!r} ({verdict.category})"
    expected_category = bundled_rules_by_id()[case.rule].category.value
    assert verdict.category == expected_category
    if case.fix is not None:
        assert verdict.fix == case.fix


def check_negative(case: Case) -> None:
    verdict = diagnose(case)
    assert verdict.rule != case.rule, f"{case.rule!r} must not diagnose this text"


@functools.lru_cache(maxsize=1)
def bundled_rules_by_id() -> dict[str, Any]:
    return {rule.id: rule for rule in bundled_rules().rules}
