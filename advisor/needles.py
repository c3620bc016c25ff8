"""Literals a regex cannot match without, read from the pattern itself, to skip searches that cannot succeed.

``needle in text`` is one fast C scan (memchr and friends); a regex that starts with a class, a group or an
alternation is tried at every position of the text instead. A pattern's *needles* are strings one of which every
match contains, so a text holding none of them is answered "no match" without running the regex, and every answer
stays the same. They are derived from the parsed pattern (``re._parser``, as the stdlib compiler reads it), not
written by hand next to it, so they cannot drift from the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any

_LITERAL = _sre_constants.LITERAL
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, getattr(_sre_constants, "POSSESSIVE_REPEAT", None))
_MIN_NEEDLE = 3  # shorter literals ("at", "'") are in nearly every text and skip nothing


def required_literal(pattern: str) -> str | None:
    """A substring every match of ``pattern`` contains (its longest top-level run of literal characters), or None.

    Checking the literal first skips most searches without changing any answer: a top-level literal run is part of
    every match. Case-insensitive patterns (global ``(?i)``) get no literal.
    """
    try:
        parsed = _sre_parser.parse(pattern)
    except (re.error, RecursionError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    runs = required_literals(pattern)
    return runs[0] if runs else None


def required_literals(pattern: str) -> tuple[str, ...]:
    """Every top-level run of literal characters of ``pattern`` long enough to skip anything, longest first: each is
    part of every match, so a text that lacks one cannot match. () for a case-insensitive pattern (global ``(?i)``).
    """
    try:
        parsed = _sre_parser.parse(pattern)
    except (re.error, RecursionError, ValueError):
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    runs, run = [], []
    for op, arg in [*parsed, (None, None)]:
        if op is _LITERAL:
            run.append(chr(arg))
            continue
        if len(run) >= _MIN_NEEDLE:
            runs.append("".join(run))
        run = []
    return tuple(sorted(dict.fromkeys(runs), key=len, reverse=True))


def _syntax_chars(pattern: str) -> Iterator[tuple[int, str, tuple[str, ...], str]]:
    """Each character of ``pattern`` outside escapes and classes, with the kinds of the groups open around it
    ("capture", "behind" for a lookbehind, "" for another) and, for a ")", the kind of the group it closes."""
    escaped = in_class = False
    class_start = -1
    groups: list[str] = []
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            # "]" right after "[" or "[^" is a literal, not the end of the class
            if char == "]" and i > class_start + 1 and not (i == class_start + 2 and pattern[class_start + 1] == "^"):
                in_class = False
        elif char == "[":
            in_class, class_start = True, i
        else:
            closed = ""
            if char == "(":
                groups.append("capture" if not pattern.startswith("?", i + 1) or pattern.startswith("?P<", i + 1)
                              else "behind" if pattern.startswith(("?<=", "?<!"), i + 1) else "")
            elif char == ")":
                closed = groups.pop() if groups else ""
            yield i, char, tuple(groups), closed


#: What makes a character next to a code mark regex syntax rather than text: a class, a group, a quantifier, a wildcard
_BOUNDING_SYNTAX = frozenset("[](){}*+?.")


def _escaped(pattern: str, i: int) -> bool:
    """Whether a backslash escapes the character at ``i`` (one backslash before it, not an escaped backslash)."""
    return i > 0 and pattern[i - 1] == "\\" and (i < 2 or pattern[i - 2] != "\\")


def _plain_neighbour(pattern: str, i: int) -> bool:
    r"""Whether the character at ``i``, beside a code mark, is plain text (or the pattern's edge): not a class, a group,
    a quantifier, a wildcard or an escape's class (``\w``); an escaped punctuation (``\(``) is text."""
    if not 0 <= i < len(pattern):
        return True
    if _escaped(pattern, i):
        return not pattern[i].isalnum()  # "\(" is a parenthesis, "\w" a class
    if pattern[i] == "\\":  # an escaped punctuation, or "\s": a space all the same
        return i + 1 < len(pattern) and (not pattern[i + 1].isalnum() or pattern[i + 1] == "s")
    return pattern[i] not in _BOUNDING_SYNTAX


def _name_side(pattern: str, i: int) -> bool:
    r"""Whether the character at ``i``, beside a code mark, can be the first or last of a quoted name: a letter, a
    digit, an underscore or a quote as text (not an escape's class such as ``\w``), or an escaped punctuation
    (``\)``)."""
    if not 0 <= i < len(pattern):
        return False
    if _escaped(pattern, i):
        return not pattern[i].isalnum()
    if pattern[i] == "\\":
        return i + 1 < len(pattern) and not pattern[i + 1].isalnum()
    return pattern[i].isalnum() or pattern[i] in "_'\""


def backticks_optional(pattern: str) -> str:
    r"""The pattern with each literal backtick around a quoted name (unescaped, outside a class) made optional.

    transformers and its neighbours quote names in Markdown's code marks ("You are using `from_pretrained` with a meta
    device context manager"); a message pasted into an issue or a page that renders Markdown loses them. A pattern
    written with the marks reads both. A mark next to a class, a group, a quantifier or a wildcard ("`[^`\n]{1,200}`")
    stays: it bounds what they may take, which without it would take whole sentences. A lookbehind keeps its marks
    (it must keep a fixed width).
    """
    if "`" not in pattern:
        return pattern
    out = list(pattern)
    for i, char, groups, _ in _syntax_chars(pattern):
        if (char == "`" and "behind" not in groups and not pattern.startswith(("?", "*", "+", "{"), i + 1)
                and ((_name_side(pattern, i + 1) and _plain_neighbour(pattern, i - 1))
                     or (_name_side(pattern, i - 1) and _plain_neighbour(pattern, i + 1)))):
            out[i] = "`?"
    return "".join(out)


def wrap_tolerant(pattern: str) -> str:
    r"""The pattern with each literal space (outside a class, unescaped) read as a space or a line break: ``[ \n]``.

    A paste wrapped at a terminal's or a page's width (or by ``textwrap``) has a line break where the message had a
    space, anywhere in a sentence: a pattern written for the message as printed ("is not a valid model identifier")
    reads both. A line cut mid-word is not read (``clean_text`` rejoins those), nor one cut right before a space: a
    class, not an alternation, keeps the patterns as fast as written. A space right after a capturing
    group stays a space: the group would otherwise take the last word of an unrelated line before the message
    ("error\ndoes not appear to have a file named ...": a level name, not a model id); a lookbehind keeps its
    spaces (it must keep a fixed width).
    """
    if " " not in pattern:
        return pattern
    out = list(pattern)
    capture_closed_at = -2
    for i, char, groups, closed in _syntax_chars(pattern):
        if char == " " and capture_closed_at != i - 1 and "behind" not in groups:
            out[i] = r"[ \n]"
        if closed == "capture":
            capture_closed_at = i
    return "".join(out)


def _long_enough(needle: str) -> bool:
    """Selective enough to be worth a scan: three ASCII characters, or two CJK ones (``芯片``), by their UTF-8 size."""
    return len(needle.encode("utf-8")) >= _MIN_NEEDLE


_IN = _sre_constants.IN
#: ``wrap_tolerant``'s space: a class of a space and a line break, read as a space in the flattened text.
_SPACE_OR_BREAK = [(_LITERAL, 32), (_LITERAL, 10)]


def _sequence_needles(items: Any, depth: int = 0, flat: bool = False) -> tuple[str, ...] | None:
    """Needles of a parsed sequence: its longest literal run, or those of a group, alternation or repeat it must pass
    through (each branch of an alternation must give some); the most selective option wins, None if none."""
    if depth > 20:
        return None
    options: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _LITERAL:
            run.append(" " if flat and arg == 10 else chr(arg))
            continue
        if flat and op is _IN and arg == _SPACE_OR_BREAK:
            run.append(" ")
            continue
        if _long_enough("".join(run)):
            options.append(("".join(run),))
        run = []
        inner: Any = None
        if op is _SUBPATTERN:
            _group, add_flags, del_flags, inner = arg
            if (add_flags | del_flags) & re.IGNORECASE:
                continue  # a case-switching group: its literals do not hold as written
        elif op in _REPEATS and op is not None and arg[0] >= 1:
            inner = arg[2]
        elif op is _BRANCH:
            branches = [_sequence_needles(branch, depth + 1, flat) for branch in arg[1]]
            if all(branches):
                options.append(tuple(dict.fromkeys(n for b in branches if b for n in b)))
            continue
        if inner is not None:
            found = _sequence_needles(inner, depth + 1, flat)
            if found:
                options.append(found)
    if not options:
        return None
    # fewest needles first, then the longest shortest needle: fewer, longer scans skip more
    return min(options, key=lambda o: (len(o), -min(len(n) for n in o)))


def needles_of(pattern: re.Pattern[str], *, flat: bool = False) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (case-folded for an IGNORECASE pattern), or None.

    ``flat``: strings one of which every match contains once its line breaks are read as spaces (``flattened``), with
    ``wrap_tolerant``'s ``[ \\n]`` read as a space: the needles of the pattern as written, before its spaces learnt to
    read line breaks.
    """
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except (re.error, RecursionError, ValueError):
        return None
    found = _sequence_needles(list(parsed), flat=flat)
    if found and (parsed.state.flags & re.IGNORECASE):
        return tuple(n.casefold() for n in found)
    return found


#: The last text flattened and its flattened form (one tuple, read and replaced whole: safe across threads): the
#: field patterns of one text check their needles against the same flattened text.
_last_flattened: tuple[str, str] = ("", "")


def breaks_as_spaces(text: str) -> str:
    """``text`` with its line breaks read as spaces: where the literals of a ``wrap_tolerant`` pattern, as written,
    are sought."""
    return text.replace("\n", " ") if "\n" in text else text


def flattened(text: str) -> str:
    """``text`` with its line breaks read as spaces, where ``wrap_tolerant`` patterns look for their needles."""
    global _last_flattened
    last = _last_flattened
    if last[0] is text:
        return last[1]
    flat = breaks_as_spaces(text)
    _last_flattened = (text, flat)
    return flat


class Gated:
    """A compiled pattern whose ``search`` and ``finditer`` first check its needles with ``in``: the same answers,
    most texts answered without running the regex. The needles are checked in the text with its line breaks read as
    spaces (a ``wrap_tolerant`` pattern's space reads a break), an IGNORECASE pattern's in the case-folded text."""

    __slots__ = ("lower", "needles", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = needles_of(pattern, flat=True)
        self.lower = bool(pattern.flags & re.IGNORECASE)

    def can_match(self, text: str) -> bool:
        """False only when ``text`` holds none of the needles, so no match is possible."""
        if self.needles is None:
            return True
        last = _last_flattened  # flattened(text), without the call for the text the last pattern saw
        seen = last[1] if last[0] is text else flattened(text)
        if self.lower:
            seen = seen.casefold()
        for needle in self.needles:  # a plain loop: any() over a generator costs as much as the tests here
            if needle in seen:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.can_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.can_match(text) else iter(())
