"""Re-read every corpus text after a mechanical change of form and count the answers whose category holds.

    python scripts/form_robustness.py tests/data/corpus/*.jsonl

A paste reaches explain wrapped by a terminal (at word boundaries, or cut at a fixed width), behind a logger's or
docker compose's prefix, indented as a Markdown code block, HTML-escaped by an issue page or rendered by one (its code
marks gone), inside a JSON log record, or cut to its last line. The same failure should read the same: this prints,
per change, how many texts keep the category of their unchanged answer, and the first few that do not. It only
measures (no threshold); docs/rules.md records the figures.
"""

from __future__ import annotations

import argparse
import html
import json
import textwrap
from collections.abc import Callable
from pathlib import Path


def _wrap(text: str) -> str:
    return "\n".join("\n".join(textwrap.wrap(line, 70, break_on_hyphens=False)) for line in text.split("\n"))


def _hard_wrap(width: int) -> Callable[[str], str]:
    """A terminal or viewer that cuts every line at a fixed width, mid-word and mid-URL."""
    return lambda text: "\n".join("\n".join(line[i:i + width] for i in range(0, max(len(line), 1), width))
                                  for line in text.split("\n"))


def _prefixed(prefix: str) -> Callable[[str], str]:
    return lambda text: "\n".join(prefix + line for line in text.split("\n"))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().split("\n") if line.strip()]
    return lines[-1] if lines else text


CHANGES: dict[str, Callable[[str], str]] = {
    "wrapped at 70 columns": _wrap,
    "cut at 80 columns": _hard_wrap(80),
    "cut at 120 columns": _hard_wrap(120),
    "logger prefix": _prefixed("2025-03-04 12:00:01,123 - ERROR - worker[3]: "),
    "docker compose prefix": _prefixed("app-1  | "),
    "indented code block": _prefixed("    "),
    "HTML-escaped": html.escape,
    "Markdown code marks dropped": lambda text: text.replace("`", ""),
    "JSON log record": lambda text: json.dumps({"level": "error", "msg": text}),
    "last line only": _last_line,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)

    from advisor.diagnose import explain
    from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack

    rules = RuleSet([r for r in load_pack(bundled_rules_dir()).rules if applies(r)])
    rows = [json.loads(line) for path in args.files for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    base = [explain(row["error_text"], rules=rules).category for row in rows]
    for name, change in CHANGES.items():
        moved = [(row["id"], want, got) for row, want in zip(rows, base, strict=True)
                 if (got := explain(change(row["error_text"]), rules=rules).category) != want]
        print(f"{name:<24}{len(rows) - len(moved):>5}/{len(rows)} same category")
        for item in moved[:5]:
            print(f"    {item[0]}: {item[1]} -> {item[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
