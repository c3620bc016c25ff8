"""Adversarial texts (each at least 200 kB) for the hostile-text tests and the fuzz campaign.

Each targets a shape that makes backtracking regexes slow: long runs of spaces and separators between a
prefix and a mismatch, nested and repeated log prefixes, dotted runs before ``://``, deep or unterminated ANSI,
long tokens and identifiers, and the starts of every construct the parsers and rules look for.
"""

from __future__ import annotations

SIZE = 200_000


def _fill(unit: str, tail: str = "", head: str = "") -> str:
    """``head`` + ``unit`` repeated + ``tail``, exactly SIZE characters: explain keeps the last 200 kB of a
    paste, so a longer text would lose its head (the ``+`` of ``'+' + ' ' * n + 'x'``) before parsing."""
    body = unit * (SIZE // len(unit) + 1)
    return head + body[: SIZE - len(head) - len(tail)] + tail


HOSTILE: dict[str, str] = {
    "box-plus-spaces": _fill(" ", "x", "+"),
    "box-bar-spaces": _fill(" ", "x", "│"),
    "box-rule-mixed": _fill("─ -+", "x", "╭"),
    "box-traceback": _fill(" ", "x", "╭─ Traceback"),
    "pipe-indent": _fill("  | "),
    "spaces-then-x": _fill(" ", "x"),
    "tabs": _fill("\t", "x"),
    "a-dot": _fill("a."),
    "a-dot-scheme": _fill("a.", "://u:p@h"),
    "scheme-repeat": _fill("x://"),
    "url-user-run": _fill("p", "", "https://u:"),
    "colon-run": _fill("a:"),
    "token-kv-repeat": _fill("token="),
    "token-colon-spaces": _fill(" ", "x", "token:"),
    "bearer-repeat": _fill("Bearer "),
    "env-name-run": _fill("A_", "TOKEN"),
    "upper-run": _fill("A"),
    "hf-prefix-repeat": _fill("hf_"),
    "long-token": _fill("a", "", "hf_"),
    "rank-prefixes": _fill("[rank0]: ", "OSError: x"),
    "error-dash-prefixes": _fill("ERROR - ", "x"),
    "timestamps": _fill("2024-01-01 12:00:00 ", "x"),
    "logger-prefixes": _fill("[transformers] ", "x"),
    "pid-prefixes": _fill("(EngineCore_0 pid=1) ", "x"),
    "pytest-e": _fill("E   ", "x"),
    "dotted-name": _fill("a.", "Error"),
    "word-then-colon": _fill("a", ": x"),
    "error-word-run": _fill("Error"),
    "exc-repeat": _fill("OSError: "),
    "exc-lines": _fill("OSError: x\n"),
    "traceback-markers": _fill("Traceback (most recent call last):\n"),
    "frame-starts": _fill('File "'),
    "ansi-deep-params": _fill("1;", "m", "\x1b["),
    "ansi-unterminated-osc": _fill("a", "", "\x1b]"),
    "ansi-repeat": _fill("\x1b[31m\x1b[0m"),
    "bare-ansi": _fill("[31m"),
    "json-newlines": _fill("\\n"),
    "html-entities": _fill("&#"),
    "braces": _fill("{"),
    "placeholders": _fill("{plan."),
    "killed-run": _fill("illed "),
    "long-lines": ("x" * 999 + "\n") * (SIZE // 1000),
    "nested-parens": _fill("(", "x" + ")" * 1000),
    "quote-run": _fill("'"),
    "mixed-separators": _fill(" -|:", "x"),
}
