"""The `advisor` command. Heavy imports (torch, transformers, Textual) happen inside the commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from advisor.bounded import MAX_EXPLAIN_BYTES, MAX_REPORT_BYTES, InputError, read_bounded
from advisor.textsafe import block, one_line

app = typer.Typer(
    name="advisor",
    help="Load Hugging Face models robustly: diagnose from_pretrained failures, fix, retry, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, check and describe rule packs.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
cache_app = typer.Typer(help="Plans remembered from repaired loads: list or forget them.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")

EXIT_LOADED, EXIT_GAVE_UP, EXIT_USAGE = 0, 1, 2
# The load flags shared by `advisor load` and `advisor tui` (one definition, same help everywhere).
AutoClassOpt = Annotated[str, typer.Option("--auto-class", help="Auto class name.")]
DtypeOpt = Annotated[str | None, typer.Option(help="float32, float16, bfloat16 or auto.")]
DeviceMapOpt = Annotated[str | None, typer.Option("--device-map", help="auto, cpu, cuda, 0 ...")]
MaxMemoryOpt = Annotated[list[str] | None, typer.Option("--max-memory", help="DEV=SIZE, repeatable.")]
OffloadFolderOpt = Annotated[str | None, typer.Option("--offload-folder")]
RevisionOpt = Annotated[str | None, typer.Option()]
LocalFilesOnlyOpt = Annotated[bool, typer.Option("--local-files-only")]
TrustRemoteCodeOpt = Annotated[bool, typer.Option("--trust-remote-code", help="Allow the repo's own code to run.")]
NoTokenizerOpt = Annotated[bool, typer.Option("--no-tokenizer")]


def _err(message: str, hint: str = "") -> None:
    """One ``Error:`` line (and a ``Hint:``) on stderr; secrets redacted, control characters escaped."""
    from advisor.redact import redact_text

    typer.echo(f"Error: {one_line(redact_text(message))}", err=True)
    if hint:
        typer.echo(f"Hint: {one_line(redact_text(hint))}", err=True)


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
        typer.echo(f"\n{one_line(request.title)}\n  fix: {request.fix} (risk: {request.risk.value})\n"
                   f"  why: {one_line(request.reason)}\n  changes: {one_line(request.changes)}", err=True)
        return bool(typer.confirm("Apply it?", default=False, err=True))

    return ask


@app.command()
def load(
    model: Annotated[str, typer.Argument(help="Repo id or local folder.")],
    auto_class: AutoClassOpt = "AutoModelForCausalLM",
    dtype: DtypeOpt = None,
    device_map: DeviceMapOpt = None,
    max_memory: MaxMemoryOpt = None,
    offload_folder: OffloadFolderOpt = None,
    revision: RevisionOpt = None,
    local_files_only: LocalFilesOnlyOpt = False,
    trust_remote_code: TrustRemoteCodeOpt = False,
    no_tokenizer: NoTokenizerOpt = False,
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
            _write_report(partial, report)
        raise
    if as_json:  # the load's own output first: a report path problem must not lose it
        typer.echo(outcome.to_json())
    elif code == EXIT_LOADED:
        typer.echo(outcome.snippet)
    if report and not _write_report(outcome, report):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(code)


def _write_report(outcome: Any, path: Path) -> bool:
    """Write the report JSON; on a bad path (a directory, no permission, ...) print one Error: line, False."""
    if path.is_dir():
        _err(f"cannot write the report to {path}: it is a directory", "give a file name, e.g. --report report.json")
        return False
    try:
        outcome.write(path)
    except OSError as err:
        _err(f"cannot write the report to {path}: {err.strerror or err}")
        return False
    return True


@app.command()
def explain(
    file: Annotated[str | None, typer.Argument(help="File with the error text, or - for stdin.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Diagnose a pasted error or traceback without loading anything."""
    from advisor.diagnose import explain as run_explain

    try:
        text = read_bounded(file, keep=MAX_EXPLAIN_BYTES, what="an error text")
    except InputError as err:
        _err(str(err), "give a text file with the error or traceback, or - for stdin")
        raise typer.Exit(EXIT_USAGE) from None
    result = run_explain(text)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.category}" + (f" → {result.fix}" if result.fix else "") +
               (f"  [{result.rule}]" if result.rule else ""))
    if result.title:  # rule text from packs: shown, never interpreted by the terminal
        typer.echo(one_line(result.title))
    typer.echo(block(result.explanation))
    for step in result.next_steps:
        typer.echo(f"  → {one_line(step)}")


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
        data = Report.model_validate_json(read_bounded(file, keep=MAX_REPORT_BYTES, limit=MAX_REPORT_BYTES,
                                                       what="a report JSON", whole=True))
    except InputError as err:
        _err(str(err), "give a JSON file written by `advisor load --report FILE`")
        raise typer.Exit(EXIT_USAGE) from None
    except ValidationError as err:
        _err(f"{file} is not a report: {err.error_count()} problem(s), first: {err.errors()[0]['msg']}",
             "give a JSON file written by `advisor load --report FILE`")
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(data.to_markdown())


@app.command()
def demo(
    plain: Annotated[bool, typer.Option("--plain", help="Print the trace as text (no TUI).")] = False,
) -> None:
    """Walk the advisor through real failures on a bundled tiny model, offline."""
    from advisor.demo import run_demo

    raise typer.Exit(run_demo(plain=plain))


@app.command()
def tui(
    model: Annotated[str | None, typer.Argument(help="Repo id or local folder; given, loading starts.")] = None,
    auto_class: AutoClassOpt = "AutoModelForCausalLM",
    dtype: DtypeOpt = None,
    device_map: DeviceMapOpt = None,
    max_memory: MaxMemoryOpt = None,
    offload_folder: OffloadFolderOpt = None,
    revision: RevisionOpt = None,
    local_files_only: LocalFilesOnlyOpt = False,
    trust_remote_code: TrustRemoteCodeOpt = False,
    no_tokenizer: NoTokenizerOpt = False,
    report: Annotated[Path | None, typer.Option("--report", help="Also write each load's report JSON here.")] = None,
    open_report: Annotated[Path | None, typer.Option("--open", help="Start by browsing this saved report.")] = None,
) -> None:
    """The interactive advisor: a form, the live decision trace, consent dialogs, results and reports."""
    kwargs = load_kwargs(dtype, device_map, max_memory, offload_folder, revision, local_files_only,
                         trust_remote_code)
    try:
        from advisor.tui.app import run_tui
        from advisor.tui.state import LoadRequest
    except ImportError as err:  # textual is a dependency, but a broken install should say so plainly
        _err(f"the TUI needs Textual: {err}", "pip install textual, or use `advisor load`")
        raise typer.Exit(EXIT_USAGE) from None
    request = LoadRequest(model_id=model or "", auto_class=auto_class, kwargs=kwargs, tokenizer=not no_tokenizer,
                          allow_remote_code=trust_remote_code)
    raise typer.Exit(run_tui(request, report_path=report, open_report=open_report))


@rules_app.command("list")
def rules_list(
    extra: Annotated[list[Path] | None, typer.Argument(help="Extra rule packs.")] = None,
) -> None:
    """List every rule: id, category, fixes, source."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from advisor.engine import RuleSet

    rs = RuleSet.load(list(extra or []))
    rows = [(rule.id, rule.category.value, ", ".join(dict.fromkeys(r.fix.value for r in rule.remedy)),
             one_line(rule.source)) for rule in sorted(rs.rules, key=lambda r: (r.category.value, r.id))]
    if not sys.stdout.isatty():  # piped: one tab-separated line per rule, nothing truncated (grep, cut)
        for row in rows:
            typer.echo("\t".join(row))
    else:
        table = Table("id", "category", "fixes", "source")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))  # a file name is not markup
        Console().print(table)
    for line in rs.overrides:
        typer.echo(f"override: {one_line(line)}", err=True)
    for line in rs.problems:
        typer.echo(f"problem: {one_line(line)}", err=True)


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
        typer.echo(one_line(line))  # a file's own text (a regex, a key) may hold escape sequences
    typer.echo(f"{count} valid rule(s), {len(problems)} problem(s)", err=True)
    raise typer.Exit(1 if problems else 0)


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON schema of a rule file (for editors)."""
    from advisor.schema import Rule

    typer.echo(json.dumps(Rule.model_json_schema(by_alias=True), indent=2))


@cache_app.command("list")
def cache_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as JSON.")] = False,
) -> None:
    """List remembered plans: requested id, the plan that worked, when, and the file."""
    from advisor.remember import list_records, store_dir

    records = list_records()
    if as_json:
        typer.echo(json.dumps(records, indent=2))
        return
    if not records:
        typer.echo(f"no remembered plans in {store_dir()}", err=True)
        return
    for r in records:
        kwargs = ", ".join(f"{k}={v!r}" for k, v in r.get("kwargs", {}).items())
        target = r.get("model_id", "?") + (f" ({r['auto_class']})" if r.get("auto_class") else "")
        typer.echo(one_line(f"{r.get('model_id_requested', '?')} → {target} {kwargs}".rstrip()))
        typer.echo(f"    {r.get('created_at', '?')}  fixes: {', '.join(c['fix'] for c in r.get('changes', []))}"
                   f"  file: {r['path']}")


@cache_app.command("clear")
def cache_clear(
    model: Annotated[str | None, typer.Argument(help="Forget only this requested model id.")] = None,
) -> None:
    """Forget remembered plans (all of them, or those of one model id)."""
    from advisor.remember import clear

    removed = clear(model)
    typer.echo(f"removed {removed} remembered plan(s)")


@app.command("plan")
def plan_cmd(
    model: Annotated[str, typer.Argument(help="Repo id or local folder (a config.json alone is enough).")],
    gpu: Annotated[list[str] | None, typer.Option("--gpu", help="Plan for these GPUs: [N x]NAME[:SIZE] (T4, "
                                                  "8xA100-80GB, 2xRTX4090:24GiB), repeatable, mixing allowed.")] = None,
    ram: Annotated[str | None, typer.Option("--ram", help="Plan for this much host RAM (e.g. 32GiB).")] = None,
    dtype: Annotated[str | None, typer.Option(help="float32, float16, bfloat16 or auto (default: chosen).")] = None,
    context_length: Annotated[int | None, typer.Option("--context-length", help="Tokens per sequence (prompt + "
                                                       "generated): adds the KV cache. Default: weights only.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", help="Sequences served at once (default 1 "
                                                   "with --context-length).")] = None,
    gpus_per_node: Annotated[int, typer.Option("--gpus-per-node", help="GPUs per node for layouts past one node.")
                             ] = 8,
    revision: RevisionOpt = None,
    auto_class: Annotated[str, typer.Option("--auto-class")] = "AutoModelForCausalLM",
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Size MODEL per dtype and place it (and its KV cache) on this machine or on --gpu ones without loading it."""
    from advisor.errors import InvalidRequest
    from advisor.planner import device_bar, gib, plan

    try:
        result = plan(model, gpus=gpu, ram=ram, dtype=dtype, revision=revision, auto_class=auto_class,
                      context_length=context_length, batch_size=batch_size, gpus_per_node=gpus_per_node)
    except InvalidRequest as err:
        _err(str(err).split("\nHint:")[0], err.hint)
        raise typer.Exit(EXIT_USAGE) from None
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    count = f"{result.parameters / 1e9:.2f} B" if result.parameters >= 1e8 else f"{result.parameters / 1e6:.2f} M"
    typer.echo(f"{result.model_id}: {count} parameters ({result.source})")
    typer.echo("  " + "  ".join(f"{k} {gib(v)}" for k, v in result.bytes.items()))
    if result.context_length:
        typer.echo(f"  KV cache: {gib(result.kv_cache_bytes)} for batch {result.batch_size} × "
                   f"{result.context_length} tokens")
    typer.echo("  (# weights, = KV cache, . headroom)")
    for device in result.devices:
        extra = f" {device.model} (cc {device.capability})" if device.model else ""
        typer.echo(f"  {device.name}{extra}: {device_bar(result, device)}")
    typer.echo(f"verdict: {result.verdict} at {result.dtype}" + (" (fits)" if result.fits else ""))
    for note in result.notes:
        typer.echo(f"  - {note}")
    if result.parallel:
        typer.echo("options past one device (most practical first):")
    for option in result.parallel:
        mark = "fits" if option.fits else "does not fit"
        typer.echo(f"  * {option.kind} on {option.devices} GPU(s)" + (f", {option.nodes} nodes" if option.nodes > 1
                                                                      else "") + f" [{mark}]: {option.why}")
        if option.command:
            typer.echo("      " + option.command.replace("\n", "\n      "))
        elif option.kwargs:
            typer.echo(f"      from_pretrained(..., {', '.join(f'{k}={v!r}' for k, v in option.kwargs.items())})")
    typer.echo("\n" + result.snippet.rstrip())


@app.command()
def doctor(
    model: Annotated[str | None, typer.Argument(help="Also load this model and report its health.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print checks (and model health) as JSON.")] = False,
) -> None:
    """Check the environment (pass/warn/fail, with the fix for each); with MODEL, load it and say why it is slow.

    Exit 0 when nothing fails, 1 otherwise.
    """
    from advisor.facts import gather
    from advisor.health import check, environment_checks

    facts = gather()
    checks = environment_checks(facts)
    model_part: dict[str, Any] | None = None
    if model is not None:
        model_part = _doctor_load(model, facts)
        if not model_part["succeeded"]:
            checks.append(check("model", "fail", f"{model} did not load", "; ".join(model_part["next_steps"])))
    failed = any(c["status"] == "fail" for c in checks)
    if as_json:
        typer.echo(json.dumps({"ok": not failed, "checks": checks, "model": model_part}, indent=2))
        raise typer.Exit(1 if failed else 0)
    marks = {"pass": "✔", "warn": "!", "fail": "✘"}
    for c in checks:
        typer.echo(f"[{marks[c['status']]}] {c['name']}: {c['detail']}")
        if c["fix"] and c["status"] != "pass":
            typer.echo(f"    fix: {c['fix']}")
    if model_part is not None and model_part["succeeded"]:
        typer.echo(f"\n{model}: loaded on {model_part['device']} as {model_part['dtype']} in "
                   f"{model_part['load_s']:.1f} s, one forward of 2 tokens {model_part['forward_ms']:.0f} ms")
        for h in model_part["health"] or [{"level": "info", "code": "healthy", "message": "nothing slows it down"}]:
            typer.echo(f"  [{h['level']}] {h['code']}: {h['message']}")
    raise typer.Exit(1 if failed else 0)


def _doctor_load(model: str, facts: Any) -> dict[str, Any]:
    """Load ``model`` through safe_load (no tokenizer) and time one verify forward: the "why slow" facts."""
    import time

    from advisor.errors import LoadFailed
    from advisor.health import verify_forward
    from advisor.loader import run_load

    started = time.monotonic()
    try:
        result = run_load(model, tokenizer=False, facts=facts)
    except LoadFailed as err:
        return {"model_id": model, "succeeded": False, "health": [], "next_steps": err.report.next_steps}
    load_s = time.monotonic() - started
    started = time.monotonic()
    verify_forward(result.model)
    forward_ms = (time.monotonic() - started) * 1000
    first = next(iter(result.model.parameters()))
    device = "disk (meta)" if first.device.type == "meta" else str(first.device)
    return {"model_id": model, "succeeded": True, "device": device,
            "dtype": str(result.model.dtype).removeprefix("torch."), "load_s": round(load_s, 3),
            "forward_ms": round(forward_ms, 1), "attempts": len(result.report.attempts),
            "final_kwargs": result.report.final_kwargs,
            "health": [h.model_dump() for h in result.report.health], "next_steps": []}


def main() -> None:
    from advisor.redact import protect_std_streams

    protect_std_streams()  # no secret reaches the terminal: our trace, library logs, warnings, tracebacks
    import warnings

    from advisor.errors import AdvisorWarning

    warnings.simplefilter("ignore", AdvisorWarning)  # the trace already says what loaded instead; said once
    app()


if __name__ == "__main__":
    main()
