"""How the answers hold when a paste is wrapped differently: a probe, not a test (it sets no threshold).

    python scripts/probe_paste_shapes.py [SHAPE ...]

Every corpus text whose category the rules answer right is re-pasted in each shape (a Markdown quote, a code fence,
a hard wrap at 80 columns, a soft wrap, JSON escaping, log prefixes, indentation, CRLF, HTML entities, the last line
only, every line cut at 120 or 80 columns, the last line cut at 60 %, the line breaks lost); the share that keeps
its category and its fix is printed per shape.
"""

from __future__ import annotations

import html
import json
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _hard_wrap(text: str, width: int = 80) -> str:
    return "\n".join("\n".join(line[i:i + width] for i in range(0, max(len(line), 1), width))
                     for line in text.split("\n"))


def _soft_wrap(text: str, width: int = 80) -> str:
    return "\n".join("\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) or ""
                     for line in text.split("\n"))


def _cut_at(text: str, width: int) -> str:
    """Every line cut at ``width`` columns: a log viewer or a terminal that does not wrap."""
    return "\n".join(line[:width] for line in text.split("\n"))


def _last_line_cut(text: str) -> str:
    """The last line cut after 60 % of its length (a viewer's column limit falling inside the message)."""
    lines = text.rstrip().split("\n")
    lines[-1] = lines[-1][: max(20, len(lines[-1]) * 6 // 10)]
    return "\n".join(lines)


def _last_line(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    return lines[-1] if lines else text


SHAPES: dict[str, Callable[[str], str]] = {
    "quote": lambda t: "\n".join("> " + line for line in t.split("\n")),
    "fence": lambda t: f"```python\n{t}\n```",
    "hard80": _hard_wrap,
    "soft80": _soft_wrap,
    "json": lambda t: json.dumps({"error": t}),
    "json-string": lambda t: json.dumps(t)[1:-1],
    "log-prefix": lambda t: "\n".join("2024-05-01 10:00:00,123 - ERROR - " + line for line in t.split("\n")),
    "indent4": lambda t: "\n".join("    " + line for line in t.split("\n")),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "html": html.escape,
    "last-line": _last_line,
    "cut120": lambda t: _cut_at(t, 120),
    "cut80": lambda t: _cut_at(t, 80),
    "last-cut60": _last_line_cut,
    "one-line": lambda t: " ".join(t.split()),
}


def main(argv: list[str]) -> int:
    from advisor.diagnose import explain
    from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack

    rules = RuleSet([r for r in load_pack(bundled_rules_dir()).rules if applies(r)])
    rows = [json.loads(line) for path in sorted((ROOT / "tests/data/corpus").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = []
    for row in rows:
        answer = explain(row["error_text"], rules=rules)
        if answer.category == row["category"]:
            right.append((row, answer))
    print(f"{len(right)} of {len(rows)} texts answered right, re-pasted:")
    for name in argv or list(SHAPES):
        shape = SHAPES[name]
        same = same_fix = 0
        for row, answer in right:
            again = explain(shape(row["error_text"]), rules=rules)
            same += again.category == answer.category
            same_fix += again.fix == answer.fix
        print(f"  {name:12} category kept {same / len(right):6.1%}   fix kept {same_fix / len(right):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
