"""Diagnose pasted error text without loading anything: the same rules as the live loop."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.engine import RuleSet
from advisor.failure import Failure
from advisor.redact import redact_text
from advisor.situation import text_context

MAX_INPUT = 200_000


class Explanation(BaseModel):
    """The explain JSON contract: ``category`` is "other" and ``fix`` null when no rule matches."""

    model_config = ConfigDict(frozen=True)

    category: str = "other"
    fix: str | None = None
    rule: str | None = None
    title: str = ""
    explanation: str = ""
    next_steps: list[str] = Field(default_factory=list)


def explain(text: str, *, rules: RuleSet | list[Any] | None = None) -> Explanation:
    """Diagnose an error message or traceback; never raises on odd input."""
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet.load(rules)
    if not text or not text.strip():
        return Explanation(explanation="No error text was given.")
    failure = Failure.from_text(text[-MAX_INPUT:])
    ctx = text_context(failure)
    diagnoses = ruleset.match(failure, ctx)
    if not diagnoses:
        return Explanation(explanation="No rule recognises this error text.",
                           next_steps=["Paste the full traceback (all chained exceptions), not only the last line."])
    top = diagnoses[0]
    steps: list[str] = []
    fitting = [r for r in top.remedies if ctx.check(r.when)] or top.remedies
    for remedy in fitting:
        step = str(ctx.render(remedy.next_step)) if remedy.next_step else ""
        if not step and remedy.action.type == "set_kwargs":
            args = ", ".join(f"{k}={ctx.render(v)!r}" for k, v in remedy.action.set.items())
            step = f"Retry with {args}" if args else ""
        if step and step not in steps:
            steps.append(redact_text(step))
    fix = fitting[0].fix.value if fitting else None
    return Explanation(category=top.category, fix=fix, rule=top.rule.id, title=top.rule.title,
                       explanation=redact_text(top.explanation), next_steps=steps)
