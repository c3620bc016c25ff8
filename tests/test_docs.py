"""The docs keep up with the code: every report field in docs/report.md, every command and option in docs/cli.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from advisor.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def sections(text: str) -> dict[str, str]:
    """Markdown sections by heading text (## and ###), each with the text up to the next heading of any level."""
    out: dict[str, str] = {}
    parts = re.split(r"(?m)^(#{2,3} .+)$", text)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        out[heading.lstrip("#").strip()] = body
    return out


def table_fields(body: str) -> set[str]:
    """The backticked names in the first column of the section's tables."""
    return set(re.findall(r"(?m)^\| `([A-Za-z_]+)` \|", body))


def test_every_field_of_the_report_schema_is_documented_in_report_md() -> None:
    schema = json.loads(CliRunner().invoke(app, ["report", "--schema"]).stdout)
    objects: dict[str, dict[str, Any]] = {"Report": schema, **schema["$defs"]}
    docs = sections((DOCS / "report.md").read_text(encoding="utf-8"))
    missing = []
    for name, definition in objects.items():
        if "properties" not in definition:
            continue
        body = docs.get(f"`{name}`")
        documented = table_fields(body) if body is not None else set()
        missing += [f"{name}.{field}" for field in definition["properties"] if field not in documented]
    assert not missing, f"fields of `advisor report --schema` missing from docs/report.md: {missing}"


def test_every_risk_level_is_documented_in_policy_md() -> None:
    schema = json.loads(CliRunner().invoke(app, ["report", "--schema"]).stdout)
    levels = schema["$defs"]["Risk"]["enum"]
    risk_table = sections((DOCS / "policy.md").read_text(encoding="utf-8"))["Risk levels"]
    assert [level for level in levels if f"| `{level}` |" not in risk_table] == []


def _leaf_commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        return [(path, command)]
    out = []
    for name, sub in subcommands.items():
        out += _leaf_commands(sub, (*path, name))
    return out


def test_every_command_and_option_is_documented_in_cli_md() -> None:
    docs = sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    missing = []
    for path, command in _leaf_commands(typer.main.get_command(app)):
        body = docs.get(f"advisor {path[0]}")
        if body is None:
            missing.append(f"section `## advisor {path[0]}`")
            continue
        if "same options as [`advisor load`]" in body:
            body += docs["advisor load"]
        if len(path) > 1 and f"{path[0]} {path[1]}" not in body:
            missing.append(f"advisor {' '.join(path)}")
        for param in command.params:
            missing += [f"advisor {' '.join(path)} {opt}" for opt in param.opts
                        if opt.startswith("--") and not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", body)]
    assert not missing, f"missing from docs/cli.md: {missing}"


def test_policy_md_shows_the_current_kwarg_risk_table() -> None:
    from advisor.risk import table_markdown

    text = (DOCS / "policy.md").read_text()
    start, end = text.index("<!-- risk-table:start"), text.index("<!-- risk-table:end -->")
    assert table_markdown() in text[start:end], "docs/policy.md's risk table is stale: regenerate it from risk.py"
