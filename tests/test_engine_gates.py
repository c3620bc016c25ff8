"""The engine's gates (keywords, needles, the failure's fields, the word index, the cut-line skip) change no answer:
each checked on a third of the corpus and wordings texts (tests/support/corpus_share.py).

Kept apart from test_engine.py so pytest-xdist (``--dist loadfile``) runs these corpus-wide walks beside the others.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from support.corpus_share import STRIDE, corpus_share

from advisor.engine import RuleSet
from advisor.failure import Failure


@functools.lru_cache(maxsize=1)
def corpus_and_wordings_failures() -> tuple[Failure, ...]:
    """Every corpus and wordings text, parsed once for the gate tests below."""
    data = Path(__file__).resolve().parent / "data"
    return tuple(Failure.from_text(json.loads(line)["error_text"])
                 for path in sorted([*data.glob("corpus/*.jsonl"), *data.glob("wordings/*.jsonl")])
                 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.mark.corpus_wide
def test_the_keyword_gates_change_no_match_on_any_corpus_or_wordings_text() -> None:
    """Every rule, as written and read in any case, matches the same texts with the gates as without them."""
    import dataclasses

    from advisor.engine import _AnyOf, _compile, _Texts, bounded_text

    def ungated(compiled: Any) -> Any:
        def clause(c: Any) -> Any:
            return dataclasses.replace(c, message=_AnyOf(c.message.patterns, {}, frozenset(), c.message.patterns),
                                       not_message=_AnyOf(c.not_message.patterns, {}, frozenset(),
                                                          c.not_message.patterns))
        return dataclasses.replace(compiled, keywords=None, needles=(), fields=(),
                                   top=clause(compiled.top), any=tuple(clause(c) for c in compiled.any))

    failures = corpus_share(corpus_and_wordings_failures(), part=0)
    rules = RuleSet.load().rules
    pairs = [(gated, ungated(gated)) for rule in rules for gated in (_compile(rule), _compile(rule, any_case=True))]
    assert sum(g.keywords is not None for g, _ in pairs) > len(pairs) // 3  # the gates are there to test
    assert sum(bool(g.fields) for g, _ in pairs) >= 20  # and the gates by the failure's details
    matched = skipped = 0
    for failure in failures:
        texts = _Texts(bounded_text(failure.text))
        for gated, plain in pairs:
            want = plain.matches(failure, texts=texts)
            assert gated.matches(failure, texts=texts) == want
            matched += want is not None
            skipped += gated.shut_out(texts, failure.details)
    assert matched > 2000 // STRIDE and skipped > 100_000 // STRIDE


@pytest.mark.corpus_wide
def test_the_gate_index_opens_exactly_the_rules_whose_gate_each_corpus_or_wordings_text_passes() -> None:
    """The word index evaluate reads (``_GateIndex``) gives the same rules, in the same order, as testing each rule's
    gate (words, needles and the fields of the failure's details) on the text: as written and read in any case."""
    from advisor.engine import _GateIndex, _Texts, bounded_text

    failures = corpus_share(corpus_and_wordings_failures(), part=1)
    texts = [(_Texts(bounded_text(failure.text)), failure.details) for failure in failures]
    ruleset = RuleSet.load()
    ordered = ruleset._in_order()
    for compiled in (ruleset._compiled, ruleset._any_case_matches()):
        index = _GateIndex.of(ordered, compiled)
        first_last_resort = next(i for i, rule in enumerate(ordered) if rule.last_resort)
        assert index.last_resort_from == first_last_resort
        opened = 0
        for seen, details in texts:
            want = [i for i, rule in enumerate(ordered[:first_last_resort])
                    if not compiled[rule.id].shut_out(seen, details)]
            got = index.passed(seen, details)
            assert got == want
            opened += len(got)
        assert opened < len(texts) * first_last_resort // 4  # the gates keep most rules shut for most texts


@pytest.mark.corpus_wide
def test_a_rule_the_cut_line_gate_skips_never_reads_that_line_as_its_message_cut_short() -> None:
    """``match_cut`` skips a rule whose long literals the last line neither holds nor ends with the start of
    (``may_begin``): on every corpus and wordings text whose last line looks cut, the cut reading would have added
    nothing to a skipped rule (match_cut runs only when no rule read the text whole)."""
    from advisor.cutshort import looks_cut
    from advisor.engine import _Texts, bounded_text

    ruleset = RuleSet.load()
    checked = skipped = 0
    for failure in corpus_share(corpus_and_wordings_failures(), part=2):
        texts = _Texts(bounded_text(failure.text))
        lines = [line for line in texts.text.split("\n") if line.strip()]
        if not lines or not looks_cut(lines[-1], bool(failure.details.get("truncated"))):
            continue
        checked += 1
        for rule in ruleset.rules:
            matcher = ruleset._compiled[rule.id]
            line = lines[-1].lower() if matcher.ignore_case else lines[-1]
            if not matcher.may_begin(line):
                skipped += 1  # the cut reading adds nothing: the rule reads the text as it would whole
                assert (matcher.matches(failure, texts=texts, cut_line=line)
                        == matcher.matches(failure, texts=texts)), (rule.id, line)
    assert checked > 300 // STRIDE and skipped > checked * 100
