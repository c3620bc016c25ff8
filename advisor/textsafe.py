"""Neutralise untrusted text (model ids, error messages, rule text) before a terminal, the TUI or Markdown sees it.

A model id like ``"org/m\\x1b[2J\\nFAKE: loaded"`` must print as those characters, not clear the screen and
forge a line. Control characters (C0, DEL, C1), Unicode line/paragraph separators and the bidirectional and
zero-width format characters ("Trojan source") become visible escapes (``\\x1b``, ``\\n``, ``\\u202e``): escaped,
never interpreted. All functions here are one ``str.translate`` pass (linear time).
"""

from __future__ import annotations

import re

_FORMAT_CHARS = (0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D,
                 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF)
_NAMED = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROL_CODES = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_FORMAT_CHARS]
#: Every control character escaped, newlines and tabs included: for one-line fields (ids, titles, trace lines).
_ONE_LINE = str.maketrans({code: _escape(code) for code in _CONTROL_CODES})
#: The same, keeping ``\n`` and ``\t``: for blocks that are meant to span lines (tracebacks, snippets).
_BLOCK = str.maketrans({code: _escape(code) for code in _CONTROL_CODES if code not in (0x0A, 0x09)})
_MD_SPECIAL = re.compile(r"([\\`\[\]<>])")  # code, links, HTML; a line start is always ours


def one_line(text: object) -> str:
    """``str(text)`` on one line with every control/format character shown as an escape (``\\x1b``, ``\\n``)."""
    return str(text).translate(_ONE_LINE)


def block(text: object) -> str:
    """``str(text)`` with control/format characters escaped, except newlines and tabs (multi-line output)."""
    return str(text).replace("\r\n", "\n").translate(_BLOCK)


def md_code(text: object) -> str:
    """An inline Markdown code span showing ``text`` literally on one line, whatever backticks it holds."""
    body = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or longest else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def md_text(text: object) -> str:
    """Untrusted text as one line of Markdown prose: no new lines (so no headings or lists), links, HTML or code."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))
