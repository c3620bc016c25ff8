"""The share of the corpus and wordings texts that the corpus-wide equivalence tests walk.

Those tests compare an optimisation (keyword gates, needles, the gate index, the cut-line gate) with the plain
reading on every real text: tens of millions of rule evaluations, minutes on CI's two cores. By default each walks
the third of the texts its ``part`` names; tests/test_engine_gates.py's three walk parts 0, 1 and 2, so together they
still touch every text, while the needles' gates (tests/test_needles.py) and the literal pre-check
(tests/test_engine_literals.py) each walk part 1. With ``ADVISOR_FULL_CORPUS=1`` each walks them all (run it after
changing the gates, the needles or the literals).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

#: 1 walks every text; 3 walks every third one
STRIDE = 1 if os.environ.get("ADVISOR_FULL_CORPUS") == "1" else 3


def corpus_share(items: Sequence[T], part: int) -> list[T]:
    """``items[part::STRIDE]``: all of them with ``ADVISOR_FULL_CORPUS=1``, else the ``part``-th third."""
    return list(items[part % STRIDE::STRIDE])
