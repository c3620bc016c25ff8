"""A message cut short: does the end of a line begin one of a rule's messages?

A log viewer, a chat window or a terminal of fixed width cuts a long last line ("ValueError: The repository for
org/x contains custom code which must be exec"), so a rule's pattern, written for the whole sentence, finds no match.
The line still begins the message the pattern reads. Python's ``re`` cannot say so; the ``regex`` package (which
transformers itself depends on) can: a *partial* match is one that reached the end of the text while the pattern
still wanted more. A partial match counts only when it holds enough of the pattern's own words (a literal of at
least ``MIN_LITERAL`` characters, whole or as the cut prefix): a pattern that opens on a class of characters
(``[\\w.]+ isn't supported``) partially matches any word at the end of a line and proves nothing by itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

#: The least run of a pattern's literal text a cut line must hold (whole, or its first characters up to the cut).
MIN_LITERAL = 12
#: The least length of the matched part of the line: a few words of a message, not a word.
MIN_SPAN = 20

_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL
_PARTIAL: dict[tuple[str, int], Any] = {}
_LOCK = threading.Lock()


#: How a message ends when nothing cut it: a full stop, a closing quote or bracket, a colon before a value.
_ENDS_WHOLE = re.compile(r"""[.!?)\]}'"`:;>]\s*$|\d\s*$""")
#: The least length of a line cut by a fixed width: viewers and terminals cut at 80 characters or more.
MIN_CUT_LINE = 60


def looks_cut(line: str, truncated: bool) -> bool:
    """True if ``line`` (a text's last) may have been cut short: the text's parse says so (a quote or bracket left
    open: ``failure.truncated``), or a long line stops mid-sentence, on no final punctuation."""
    line = line.rstrip()
    if len(line.strip()) < MIN_SPAN:
        return False
    return truncated or (len(line) >= MIN_CUT_LINE and not _ENDS_WHOLE.search(line))


def cut_shown(line: str, truncated: bool) -> bool:
    """True if the text shows ``line`` was cut, so a cut reading need not fall inside a word (``left_after_cut``'s
    ``mid_word``): a quote left open (``failure.truncated``), or a space left at the line's end (a message never ends
    on one; a viewer that cuts at a width keeps the space before the next word)."""
    return truncated or line.endswith((" ", "\t"))


def _partial_pattern(pattern: re.Pattern[str]) -> Any:
    """``pattern`` compiled by ``regex`` (None if it cannot be); compiled once per pattern, on first use."""
    key = (pattern.pattern, pattern.flags & _FLAGS)
    if key in _PARTIAL:
        return _PARTIAL[key]
    try:
        import regex  # here, not at the top: ~18 ms of import that only a text nothing else matched pays for

        compiled: Any = regex.compile(pattern.pattern, flags=(pattern.flags & _FLAGS) | regex.VERSION0)
    except Exception:  # a construct the regex package reads otherwise: that pattern takes no cut reading
        compiled = None
    with _LOCK:
        _PARTIAL[key] = compiled
    return compiled


def begins_message(pattern: re.Pattern[str], literals: tuple[str | None, ...], line: str,
                   mid_word: bool = True) -> bool:
    """True if ``line`` ends with the start of a message ``pattern`` reads, cut before the pattern was done.

    ``literals`` are the runs of literal text the pattern cannot match without (``advisor.needles``), in their
    order, as the text holds them; see ``left_after_cut``.
    """
    return left_after_cut(pattern, literals, line, mid_word) is not None


def left_after_cut(pattern: re.Pattern[str], literals: tuple[str | None, ...], line: str,
                   mid_word: bool = True) -> int | None:
    """How many characters of the pattern's literals the cut left out, if ``line`` ends with the start of a message
    ``pattern`` reads; None if it does not.

    Three tests make a partial match a cut message rather than a line that merely ends:
    - the line holds enough of the pattern's own words: a literal of ``MIN_LITERAL`` characters or more, whole or cut;
    - the cut is not in a free part of the pattern (``[\\s\\S]*``, ``.{0,300}``): such a part would take any
      character after the line too, so a line that was never cut "matches partially" as well;
    - with ``mid_word``, the cut falls inside a word the pattern spells out ("must be exec|uted", one branch of an
      alternation): a width cuts mostly there, while a line that ends where a word of the message ends may be a
      shorter message of its own (Triton's "cannot be accessed from Triton" without "(cpu tensor?)"), and a name
      in a run of word characters may be whole (without ``mid_word``, for a line with a quote left open, it may not).
    The fewer characters left out, the likelier the message is this one (of two rules whose messages begin alike,
    the one the line nearly completes).
    """
    runs = [lit for lit in literals if lit]
    if not shows_literal(line, runs):
        return None  # string tests first: most patterns are ruled out before their regex is even compiled
    compiled = _partial_pattern(pattern)
    if compiled is None:
        return None
    try:
        found = compiled.search(line, partial=True)
        if found is None or not found.partial:
            return None  # no match, or a whole one (which the rule's own test has already judged)
        start = found.start()
        span = line[start:]
        if len(span.strip()) < MIN_SPAN:
            return None
        if not shows_literal(span, runs):
            return None
        if compiled.match(line + _NEVER_IN_A_MESSAGE, pos=start, partial=True) is not None:
            return None  # a free part of the pattern would take any character: nothing shows a cut
        if mid_word:
            if not _is_word(line[-1]):
                return None
            going_on = sum(compiled.match(line + letter, pos=start, partial=True) is not None for letter in _LETTERS)
            # some letters go on with the word and others do not: the cut is inside a word the pattern spells out (a
            # literal, or one branch of an alternation). Every letter going on is a run of any word characters
            # ("[\w\-]+"), where a whole name also ends: a cut there counts only with a quote left open.
            if not 0 < going_on < len(_LETTERS):
                return None
    except Exception:  # a pattern the regex package runs otherwise: no cut reading
        return None
    seen = sum(len(lit) for lit in runs if lit in span)
    cut = max((n for lit in runs if lit not in span for n in range(len(lit) - 1, 0, -1) if span.endswith(lit[:n])),
              default=0)
    return sum(len(lit) for lit in runs) - seen - cut


#: A character no library's message holds: a pattern that still matches partially with it appended reads freely there.
_NEVER_IN_A_MESSAGE = "\x01"
#: The letters a word cut by a width most likely goes on with (enough to tell "inside a word" from "after one").
_LETTERS = "etaoinsrhldcumpgbyfwkv_0123456789"


def shows_literal(line: str, literals: Iterable[str | None]) -> bool:
    """True if ``line`` holds one of ``literals`` of ``MIN_LITERAL`` characters or more, whole or cut at its end: the
    first test of a cut reading (``left_after_cut``), and the gate ``RuleSet.match_cut`` tries rules by."""
    return any(lit and len(lit) >= MIN_LITERAL and (lit in line or _ends_with_start_of(line, lit)) for lit in literals)


def _ends_with_start_of(line: str, literal: str) -> bool:
    """True if ``line`` ends with the first ``MIN_LITERAL`` or more characters of ``literal`` (not all of them)."""
    tail = line[-MIN_LITERAL:]
    if len(tail) < MIN_LITERAL:
        return False
    at = literal.find(tail)
    while at != -1:
        size = at + MIN_LITERAL
        if size < len(literal) and line.endswith(literal[:size]):
            return True
        at = literal.find(tail, at + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
