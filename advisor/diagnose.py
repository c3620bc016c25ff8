"""Diagnose pasted error text without loading anything: the same rules as the live loop."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from advisor.context import Context
from advisor.engine import Diagnosis, RuleSet
from advisor.failure import Failure
from advisor.redact import redact_text
from advisor.situation import text_context
from advisor.textparse import clean_text

MAX_INPUT = 200_000


MAX_ALTERNATIVES = 3
_WRAP = re.compile(r"[ \t]*\n\s*")


class Alternative(BaseModel):
    """Another reading of the same text: its category and fix, the rule behind it, and how to tell."""

    model_config = ConfigDict(frozen=True)

    category: str
    fix: str | None = None
    rule: str | None = None
    why: str = ""


class Explanation(BaseModel):
    """The explain JSON contract: ``category`` is "other" and ``fix`` null when no rule matches."""

    model_config = ConfigDict(frozen=True)

    category: str = "other"
    fix: str | None = None
    rule: str | None = None
    title: str = ""
    explanation: str = ""
    next_steps: list[str] = Field(default_factory=list)
    #: Other readings of an ambiguous text, most likely first, each of another category than the answer's.
    #: Left out of the JSON when empty: the contract's six keys stay the whole answer for an unambiguous text.
    alternatives: list[Alternative] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _drop_empty_alternatives(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not data.get("alternatives"):
            data.pop("alternatives", None)
        return data


#: The any-case retry reads a text up to this size: a retyped message is short, and a long text that matched nothing
#: (a hostile or unrelated paste) is not read a third time.
_ANY_CASE_MAX = 20_000


def explain(text: str, *, rules: RuleSet | list[Any] | None = None) -> Explanation:
    """Diagnose an error message or traceback; never raises on odd input."""
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet.load(rules)
    if not text or not text.strip():
        return Explanation(explanation="No error text was given.")
    failure = Failure.from_text(text[-MAX_INPUT:])
    ctx = text_context(failure)
    diagnoses = ruleset.match(failure, ctx)
    # A reading by the message's words alone (a last-resort rule) is kept only if no later reading finds a rule
    # that knows the message: the text is read again (lines joined, any case) as if nothing had matched.
    by_words = (failure, ctx, diagnoses) if _by_words_only(diagnoses) else None
    if by_words:
        diagnoses = []
    if not diagnoses and "\n" in text.strip():
        # A message wrapped by a terminal, a log viewer or a chat window ("Cannot find an appropriate\n cached
        # snapshot folder ..."): read it once more with its lines joined. Only when nothing matched as pasted,
        # so a traceback that reads well line by line is never re-read.
        # A text soft-wrapped by words can look cut at a fixed width (a word that ends exactly at the width): its lines
        # are then joined once more with spaces, from the text as cleaned but not rejoined.
        for cleaned in dict.fromkeys((failure.text, clean_text(text[-MAX_INPUT:], unwrap_hard=False))):
            joined = Failure.from_text(_WRAP.sub(" ", cleaned))  # the cleaned text: log prefixes already gone
            joined_ctx = text_context(joined)
            rejoined = ruleset.match(joined, joined_ctx)
            if rejoined and not _by_words_only(rejoined):
                failure, ctx, diagnoses = joined, joined_ctx, rejoined
                break
    if not diagnoses and len(failure.text) <= _ANY_CASE_MAX:
        # A message retyped or re-cased ("no package metadata was found for auto-gptq" in an issue title, a logger
        # that lowers its lines): read it once more with every rule ignoring case. Only when nothing matched as
        # written, so the case a rule relies on ("Killed" as the shell prints it) still decides a verbatim paste.
        diagnoses = ruleset.evaluate(failure, ctx, any_case=True).diagnoses
        if _by_words_only(diagnoses):
            diagnoses = []
    read_as_cut = False
    if not diagnoses:
        # A last line cut short (a log viewer's width, a chat window): a rule whose message that line begins.
        diagnoses = ruleset.match_cut(failure, ctx)
        read_as_cut = bool(diagnoses)
    if not diagnoses and by_words:
        failure, ctx, diagnoses = by_words
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
            steps.append(step)
    fix = fitting[0].fix.value if fitting else None
    declared = declared_alternatives(top, ctx, fix)
    alternatives = rank_alternatives(top, diagnoses[1:], ctx, declared)
    explanation = top.explanation
    # The top rule's own alternatives say how to tell the readings apart: the explanation says it too.
    if declared:
        explanation = f"{explanation} {' '.join(a.why for a in declared if a.why)}"
    if read_as_cut:
        explanation = (f"{explanation} The pasted text stops mid-message (a log viewer or a terminal cut its last "
                       "line); it reads as the start of this message: the whole line confirms it.")
    clean = _redact_all([explanation, *steps, *(a.why for a in alternatives)])
    alternatives = [a.model_copy(update={"why": why}) for a, why in zip(alternatives, clean[1 + len(steps):],
                                                                         strict=True)]
    return Explanation(category=top.category, fix=fix, rule=top.rule.id, title=top.rule.title,
                       explanation=clean[0], next_steps=clean[1:1 + len(steps)], alternatives=alternatives)


def _by_words_only(diagnoses: list[Diagnosis]) -> bool:
    """True when the best reading comes from a last-resort rule: no rule knows the message itself."""
    return bool(diagnoses) and diagnoses[0].rule.last_resort


_SEP = "\x1e"  # a record separator: whitespace to the redactor, so no secret can span two texts


def _redact_all(texts: list[str]) -> list[str]:
    """Every text redacted, in one pass over the secrets (explain's throughput: one redaction, not one per text)."""
    joined = redact_text(_SEP.join(texts))
    parts = joined.split(_SEP)
    return parts if len(parts) == len(texts) else [redact_text(t) for t in texts]


def declared_alternatives(top: Diagnosis, ctx: Context, fix: str | None) -> list[Alternative]:
    """The top rule's ``[[alternative]]`` entries whose ``when`` holds, rendered, one per category and fix: a rule's
    author may name another fix in the top's own category (retry or set a proxy; pin or upgrade), which the
    next-matching rules below, one per category, cannot. ``fix`` is the top's own fix (not repeated)."""
    out: list[Alternative] = []
    seen: set[tuple[str, str | None]] = {(top.category, fix)}
    for alt in top.rule.alternative:
        category, alt_fix = key = (alt.category.value, alt.fix.value if alt.fix else None)
        if key in seen or (category == top.category and alt_fix is None) or not ctx.check(alt.when):
            continue
        seen.add(key)
        out.append(Alternative(category=category, fix=alt_fix, rule=alt.rule, why=str(ctx.render(alt.why))))
    return out


def rank_alternatives(top: Diagnosis, others: list[Diagnosis], ctx: Context,
                      declared: list[Alternative]) -> list[Alternative]:
    """The other readings, most likely first and one per category: the top rule's own ``[[alternative]]``
    entries (written for this ambiguity, with how to tell them apart), then the next matching rules."""
    out = list(declared)
    seen = {top.category, *(a.category for a in out)}
    for other in others:
        if other.category in seen:
            continue
        seen.add(other.category)
        fitting = [r for r in other.remedies if ctx.check(r.when)] or other.remedies
        out.append(Alternative(category=other.category, fix=fitting[0].fix.value if fitting else None,
                               rule=other.rule.id, why=other.explanation))
    return out[:MAX_ALTERNATIVES]
