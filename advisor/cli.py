"""The `advisor` command. Heavy imports (torch, transformers, Textual) happen inside the commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="advisor",
    help="Load Hugging Face models robustly: diagnose from_pretrained failures, fix, retry, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, check and describe rule packs.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXIT_LOADED, EXIT_GAVE_UP, EXIT_USAGE = 0, 1, 2


def _err(message: str, hint: str = "") -> None:
    from advisor.redact import redact_text

    typer.echo(f"Error: {redact_text(message)}", err=True)
    if hint:
        typer.echo(f"Hint: {redact_text(hint)}", err=True)


def parse_max_memory(items: list[str]) -> dict[Any, str]:
    """``["0=10GiB", "cpu=30MB"]`` -> ``{0: "10GiB", "cpu": "30MB"}`` (accelerate's max_memory format)."""
    out: dict[Any, str] = {}
    for item in items:
        device, sep, size = item.partition("=")
        if not sep or not size:
            raise typer.BadParameter(f"expected DEV=SIZE, got {item!r}", param_hint="--max-memory")
        key: Any = int(device) if device.isdigit() else device
        out[key] = size
    return out


def load_kwargs(dtype: str | None, device_map: str | None, max_memory: list[str] | None,
                offload_folder: str | None, revision: str | None, local_files_only: bool,
                trust_remote_code: bool) -> dict[str, Any]:
    """from_pretrained kwargs from the shared CLI flags (also used by `advisor tui`)."""
    kwargs: dict[str, Any] = {}
    if dtype:
        kwargs["dtype"] = dtype
    if device_map:
        kwargs["device_map"] = int(device_map) if device_map.isdigit() else device_map
    if max_memory:
        kwargs["max_memory"] = parse_max_memory(max_memory)
    if offload_folder:
        kwargs["offload_folder"] = offload_folder
    if revision:
        kwargs["revision"] = revision
    if local_files_only:
        kwargs["local_files_only"] = True
    if trust_remote_code:
        kwargs["trust_remote_code"] = True
    return kwargs


def _tty_consent() -> Any:
    """Ask on the terminal (default No); without a terminal, never consent."""
    if not sys.stdin.isatty() or not sys.stderr.isatty():
        return None

    def ask(request: Any) -> bool:
        typer.echo(f"\n{request.title}\n  fix: {request.fix} (risk: {request.risk.value})\n  why: {request.reason}\n"
                   f"  changes: {request.changes}", err=True)
        return bool(typer.confirm("Apply it?", default=False, err=True))

    return ask


@app.command()
def load(
    model: Annotated[str, typer.Argument(help="Repo id or local folder.")],
    auto_class: Annotated[str, typer.Option("--auto-class", help="Auto class name.")] = "AutoModelForCausalLM",
    dtype: Annotated[str | None, typer.Option(help="float32, float16, bfloat16 or auto.")] = None,
    device_map: Annotated[str | None, typer.Option("--device-map", help="auto, cpu, cuda, 0 ...")] = None,
    max_memory: Annotated[list[str] | None, typer.Option("--max-memory", help="DEV=SIZE, repeatable.")] = None,
    offload_folder: Annotated[str | None, typer.Option("--offload-folder")] = None,
    revision: Annotated[str | None, typer.Option()] = None,
    local_files_only: Annotated[bool, typer.Option("--local-files-only")] = False,
    trust_remote_code: Annotated[bool, typer.Option("--trust-remote-code",
                                                    help="Allow the repo's own code to run.")] = False,
    no_tokenizer: Annotated[bool, typer.Option("--no-tokenizer")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Write the report JSON here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report JSON on stdout.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Consent to identity fixes (not remote code).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No live trace.")] = False,
) -> None:
    """Load MODEL through the advisor; exit 0 loaded, 1 gave up (report still written), 2 usage."""
    from advisor.console import TracePrinter
    from advisor.errors import InvalidRequest, LoadFailed
    from advisor.loader import safe_load
    from advisor.policy import Policy, Risk

    kwargs = load_kwargs(dtype, device_map, max_memory, offload_folder, revision, local_files_only,
                         trust_remote_code)
    consent = (lambda request: request.risk is Risk.identity) if yes else _tty_consent()
    policy = Policy(allow_remote_code=trust_remote_code, consent=consent)
    printer = None if quiet else TracePrinter()
    try:
        result = safe_load(model, auto_class=auto_class, tokenizer=not no_tokenizer, policy=policy,
                           on_event=printer, **kwargs)
        outcome, code = result.report, EXIT_LOADED
    except InvalidRequest as err:
        _err(str(err).split("\nHint:")[0], err.hint)
        raise typer.Exit(EXIT_USAGE) from None
    except LoadFailed as err:
        outcome, code = err.report, EXIT_GAVE_UP
    except KeyboardInterrupt as interrupt:
        partial = getattr(interrupt, "advisor_report", None)
        if partial is not None and report:
            partial.write(report)
        raise
    if report:
        outcome.write(report)
    if as_json:
        typer.echo(outcome.to_json())
    elif code == EXIT_LOADED:
        typer.echo(outcome.snippet)
    raise typer.Exit(code)


@app.command()
def explain(
    file: Annotated[str | None, typer.Argument(help="File with the error text, or - for stdin.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Diagnose a pasted error or traceback without loading anything."""
    from advisor.explain import explain as run_explain

    if file in (None, "-"):
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError as err:
            _err(f"cannot read {file}: {err.strerror}")
            raise typer.Exit(EXIT_USAGE) from None
    result = run_explain(text)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.category}" + (f" → {result.fix}" if result.fix else "") +
               (f"  [{result.rule}]" if result.rule else ""))
    if result.title:
        typer.echo(result.title)
    typer.echo(result.explanation)
    for step in result.next_steps:
        typer.echo(f"  → {step}")


@app.command("report")
def report_cmd(
    file: Annotated[Path | None, typer.Argument(help="A report JSON written by --report.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the report's JSON schema.")] = False,
) -> None:
    """Print a saved report as Markdown (or the report JSON schema)."""
    from pydantic import ValidationError

    from advisor.report import Report

    if schema:
        typer.echo(json.dumps(Report.model_json_schema(), indent=2))
        return
    if file is None:
        _err("give a report file or --schema")
        raise typer.Exit(EXIT_USAGE)
    try:
        data = Report.model_validate_json(file.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as err:
        _err(f"cannot read report {file}: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(data.to_markdown())


@app.command()
def demo(
    plain: Annotated[bool, typer.Option("--plain", help="Print the trace as text (no TUI).")] = False,
) -> None:
    """Walk the advisor through real failures on a bundled tiny model, offline."""
    from advisor.demo import run_demo

    raise typer.Exit(run_demo(plain=plain))


@rules_app.command("list")
def rules_list(
    extra: Annotated[list[Path] | None, typer.Argument(help="Extra rule packs.")] = None,
) -> None:
    """List every rule: id, category, fixes, source."""
    from rich.console import Console
    from rich.table import Table

    from advisor.engine import RuleSet

    rs = RuleSet.load(list(extra or []))
    table = Table("id", "category", "fixes", "source")
    for rule in sorted(rs.rules, key=lambda r: (r.category.value, r.id)):
        table.add_row(rule.id, rule.category.value, ", ".join(dict.fromkeys(r.fix.value for r in rule.remedy)),
                      rule.source)
    Console().print(table)
    for line in rs.overrides:
        typer.echo(f"override: {line}", err=True)
    for line in rs.problems:
        typer.echo(f"problem: {line}", err=True)


@rules_app.command("check")
def rules_check(paths: Annotated[list[Path], typer.Argument(help="Rule files or folders.")]) -> None:
    """Validate rule packs; print every error as file:line: field: message; exit 1 on any error."""
    from advisor.engine import load_pack

    problems: list[str] = []
    count = 0
    for path in paths:
        pack = load_pack(path)
        problems.extend(pack.problems)
        count += len(pack.rules)
    for line in problems:
        typer.echo(line)
    typer.echo(f"{count} valid rule(s), {len(problems)} problem(s)", err=True)
    raise typer.Exit(1 if problems else 0)


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON schema of a rule file (for editors)."""
    from advisor.schema import Rule

    typer.echo(json.dumps(Rule.model_json_schema(by_alias=True), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
