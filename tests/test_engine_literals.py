"""The engine's literal pre-check on the corpus: a pattern that matches a text holds its required literals (a third
of the texts by default, all with ``ADVISOR_FULL_CORPUS=1``: tests/support/corpus_share.py).

Kept apart from test_engine.py so pytest-xdist (``--dist loadfile``) runs this corpus-wide walk beside the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.corpus_share import STRIDE, corpus_share

from advisor.engine import RuleSet

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.mark.corpus_wide
def test_every_bundled_pattern_literal_is_in_every_text_it_matches() -> None:
    """The pre-check changes no answer: on each corpus text walked, a pattern that matches contains its literals (in
    the text with its line breaks read as spaces, where they are looked for)."""
    pasted = corpus_share([json.loads(line)["error_text"] for path in sorted(CORPUS.glob("*.jsonl"))
                           for line in path.read_text(encoding="utf-8").splitlines() if line.strip()], part=1)
    texts = [(text, text.lower()) for text in pasted]  # each lowered once, not once per pattern
    rules = RuleSet.load()
    checked = 0
    for rule in rules.rules:
        compiled = rules._compiled[rule.id]
        for clause in (compiled.top, *compiled.any):
            for need, more, pattern, _ in (*clause.message.patterns, *clause.message_all,
                                           *clause.not_message.patterns):
                if need is None:
                    continue
                for text, lower in texts:
                    seen = text if pattern.search(text) else lower if pattern.search(lower) else None
                    if seen is not None:
                        checked += 1
                        seen = seen.replace("\n", " ")
                        assert all(n in seen for n in (need, *more)), (rule.id, pattern.pattern, need, more)
    assert checked > 1500 // STRIDE
