"""The `advisor` command. Heavy imports (torch, transformers, Textual) happen inside the commands.

Every known error becomes the project's ``Error:``/``Hint:`` lines with exit 2 in one place,
:func:`run_mapped` (the group's ``main``, so ``advisor ...`` and ``CliRunner`` behave alike);
``ADVISOR_DEBUG=1`` prints the traceback as well.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import Abort
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

try:  # Typer >= 0.20 ships its own copy of click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - older Typer on plain click
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # type: ignore[assignment]

from advisor.bounded import MAX_EXPLAIN_BYTES, InputError, read_bounded
from advisor.textsafe import block, one_line

EXIT_LOADED, EXIT_GAVE_UP, EXIT_USAGE = 0, 1, 2
DEBUG_ENV = "ADVISOR_DEBUG"


class _PlainArgument(TyperArgument):
    """An argument whose help row shows its name only (no ``<str>`` type marker)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _plain_params(params: list[Any]) -> list[Any]:
    """Help without Typer's ``<bool>``/``<str>`` markers: flags show nothing, value options an upper-case name."""
    for param in params:
        if isinstance(param, TyperArgument) and not isinstance(param, _PlainArgument):
            param.__class__ = _PlainArgument
            if param.metavar is None and param.name:
                param.metavar = param.name.upper()
        elif isinstance(param, TyperOption) and param.metavar is None:
            param.metavar = "" if (param.is_flag or param.count) else (param.name or "value").upper()
    return params


class AdvisorCommand(TyperCommand):
    """A command whose help shows plain option names (``--dtype DTYPE``, ``--json``)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))


class AdvisorGroup(TyperGroup):
    """The ``advisor`` group: plain help, and every known error mapped to ``Error:``/``Hint:`` in one place."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        code = run_mapped(lambda: super(AdvisorGroup, self).main(args=args, prog_name=prog_name,
                                                                 complete_var=complete_var, standalone_mode=False,
                                                                 **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def run_mapped(invoke: Callable[[], Any]) -> int:
    """Run the command line; return its exit code. The one place that turns known exceptions into
    ``Error:``/``Hint:`` lines: usage errors (click's, :class:`~advisor.errors.InvalidRequest`, unreadable input,
    an invalid value) exit 2; an unexpected exception exits 1 with a hint to rerun with ``ADVISOR_DEBUG=1``."""
    from pydantic import ValidationError

    from advisor.errors import InvalidRequest, RulePackError

    debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    try:
        result = invoke()
    except NoArgsIsHelpError as err:  # bare `advisor` / `advisor rules`: the help, as before
        typer.echo(err.format_message(), err=True)
        return EXIT_USAGE
    except BaseException as err:
        if isinstance(err, SystemExit):
            raise
        if debug:
            import traceback

            traceback.print_exception(err)
        if isinstance(err, InvalidRequest):
            _err(err.message, err.hint)
            return EXIT_USAGE
        if isinstance(err, UsageError):
            command = err.ctx.command_path if err.ctx is not None else "advisor"
            _err(err.format_message(), f"see `{command} -h` for the options")
            return EXIT_USAGE
        if isinstance(err, InputError):
            _err(str(err), "give a readable text file, or - for stdin")
            return EXIT_USAGE
        if isinstance(err, RulePackError):
            _err(str(err).splitlines()[0] + (f" ({len(err.problems)} problem(s))" if err.problems else ""), err.hint)
            return EXIT_USAGE
        if isinstance(err, ValidationError):
            first = err.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or err.title
            _err(f"invalid value for {where}: {first['msg']}", "see `advisor -h` for the accepted values")
            return EXIT_USAGE
        if isinstance(err, Abort):
            typer.echo("Aborted.", err=True)
            return EXIT_GAVE_UP
        if isinstance(err, KeyboardInterrupt):
            typer.echo("Interrupted.", err=True)
            return 130
        if isinstance(err, ClickException):
            _err(err.format_message())
            return err.exit_code
        if isinstance(err, Exception):
            _err(f"unexpected {type(err).__name__}: {err}",
                 "this is a bug in advisor; rerun with ADVISOR_DEBUG=1 for the traceback and report it"
                 if not debug else "")
            return EXIT_GAVE_UP
        raise
    return result if isinstance(result, int) else 0


def _version(value: bool) -> None:
    """``--version``: the package version, then exit."""
    if value:
        from advisor import __version__

        typer.echo(f"advisor {__version__}")
        raise typer.Exit(0)


CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="advisor",
    help="Load Hugging Face models robustly: diagnose from_pretrained failures, fix, retry, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=AdvisorGroup,
    context_settings=CONTEXT,
)
rules_app = typer.Typer(help="List, check and describe rule packs.", no_args_is_help=True, cls=AdvisorGroup,
                        context_settings=CONTEXT)
cache_app = typer.Typer(help="Plans remembered from repaired loads: list or forget them.", no_args_is_help=True,
                        cls=AdvisorGroup, context_settings=CONTEXT)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.",
                                          callback=_version, is_eager=True)] = False,
) -> None:
    """Load Hugging Face models robustly: diagnose from_pretrained failures, fix, retry, report."""


def command(name: str | None = None, target: typer.Typer | None = None) -> Callable[[Any], Any]:
    """``@app.command`` with plain help (no type markers)."""
    return (target or app).command(name, cls=AdvisorCommand)


app.add_typer(rules_app, name="rules")
app.add_typer(cache_app, name="cache")

# The load flags shared by `advisor load` and `advisor tui` (one definition, same help everywhere).
AutoClassOpt = Annotated[str, typer.Option("--auto-class", metavar="NAME", help="Auto class name.")]
DtypeOpt = Annotated[str | None, typer.Option(metavar="D", help="float32, float16, bfloat16 or auto.")]
DeviceMapOpt = Annotated[str | None, typer.Option("--device-map", metavar="M", help="auto, cpu, cuda, 0 ...")]
MaxMemoryOpt = Annotated[list[str] | None, typer.Option("--max-memory", metavar="DEV=SIZE",
                                                        help="Memory cap per device (0=10GiB, cpu=30GiB), "
                                                             "repeatable.")]
OffloadFolderOpt = Annotated[str | None, typer.Option("--offload-folder", metavar="DIR",
                                                      help="Folder for weights offloaded to disk.")]
RevisionOpt = Annotated[str | None, typer.Option(metavar="R", help="Branch, tag or commit.")]
LocalFilesOnlyOpt = Annotated[bool, typer.Option("--local-files-only", help="Use only files already cached.")]
TrustRemoteCodeOpt = Annotated[bool, typer.Option("--trust-remote-code", help="Allow the repo's own code to run.")]
NoTokenizerOpt = Annotated[bool, typer.Option("--no-tokenizer", help="Load the model only.")]
CacheDirOpt = Annotated[str | None, typer.Option("--cache-dir", metavar="DIR",
                                                 help="Hugging Face cache folder (cache_dir=).")]
TokenOpt = Annotated[str | None, typer.Option("--token", metavar="TOKEN", show_default=False,
                                              help="Hub access token (default: HF_TOKEN or `hf auth login`); "
                                                   "never printed.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Never reach the Hub: cached files only "
                                                            "(local_files_only=True).")]
# Every Policy field as a flag (the same defaults as Policy()).
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail rather than degrade: apply only `safe` fixes "
                                                          "(no dtype change, offload or other id).")]
MaxAttemptsOpt = Annotated[int, typer.Option("--max-attempts", metavar="N", min=1, max=50,
                                             help="Give up after N load attempts.")]
MaxSecondsOpt = Annotated[float | None, typer.Option("--max-seconds", metavar="S", min=0.001,
                                                     help="Give up after S seconds (default: no limit).")]
NoRememberOpt = Annotated[bool, typer.Option("--no-remember", help="Neither use nor store remembered plans.")]
NoVerifyOpt = Annotated[bool, typer.Option("--no-verify", help="Skip the one-token forward pass after loading.")]
NoPreflightOpt = Annotated[bool, typer.Option("--no-preflight", help="Skip the checks before the first attempt.")]


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
            from advisor.errors import InvalidRequest

            raise InvalidRequest(f"--max-memory expects DEV=SIZE, got {item!r}",
                                 "e.g. --max-memory 0=10GiB --max-memory cpu=30GiB (DEV: a GPU index, cpu or disk)")
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


def build_policy(*, strict: bool = False, max_attempts: int = 6, max_seconds: float | None = None,
                 no_remember: bool = False, no_verify: bool = False, no_preflight: bool = False,
                 allow_remote_code: bool = False, consent: Any = None) -> Any:
    """The :class:`~advisor.policy.Policy` of the CLI flags (``--strict`` = only ``safe`` fixes apply)."""
    from advisor.policy import Policy

    return Policy(allow_remote_code=allow_remote_code, consent=consent,
                  **policy_fields(strict=strict, max_attempts=max_attempts, max_seconds=max_seconds,
                                  no_remember=no_remember, no_verify=no_verify, no_preflight=no_preflight))


def policy_fields(*, strict: bool = False, max_attempts: int = 6, max_seconds: float | None = None,
                  no_remember: bool = False, no_verify: bool = False, no_preflight: bool = False) -> dict[str, Any]:
    """The Policy fields the flags set (all but consent and remote code), as keyword arguments."""
    from advisor.policy import Risk

    fields: dict[str, Any] = {"max_attempts": max_attempts, "max_seconds": max_seconds,
                              "remember": not no_remember, "verify": not no_verify, "preflight": not no_preflight}
    if strict:
        fields["auto_apply"] = frozenset({Risk.safe})
    return fields


def access_kwargs(*, cache_dir: str | None, token: str | None, offline: bool) -> dict[str, Any]:
    """``cache_dir=``, ``token=`` and (``--offline``) ``local_files_only=True`` for from_pretrained."""
    kwargs: dict[str, Any] = {}
    if cache_dir:
        kwargs["cache_dir"] = cache_dir
    if token:
        kwargs["token"] = token
    if offline:
        kwargs["local_files_only"] = True
    return kwargs


@command()
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
    cache_dir: CacheDirOpt = None,
    token: TokenOpt = None,
    offline: OfflineOpt = False,
    strict: StrictOpt = False,
    max_attempts: MaxAttemptsOpt = 6,
    max_seconds: MaxSecondsOpt = None,
    no_remember: NoRememberOpt = False,
    no_verify: NoVerifyOpt = False,
    no_preflight: NoPreflightOpt = False,
    report: Annotated[Path | None, typer.Option("--report", metavar="FILE",
                                                help="Write the report JSON here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report JSON on stdout.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Consent to identity fixes (not remote code).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the one-line verdict on stderr; "
                                                              "transformers' own logging quieted.")] = False,
) -> None:
    """Load MODEL through the advisor; exit 0 loaded, 1 gave up (report still written), 2 usage."""
    from advisor.console import TracePrinter, verdict_line
    from advisor.errors import InvalidRequest, LoadFailed, LoadInterrupted
    from advisor.loader import safe_load
    from advisor.policy import Risk

    kwargs = load_kwargs(dtype, device_map, max_memory, offload_folder, revision, local_files_only,
                         trust_remote_code)
    kwargs.update(access_kwargs(cache_dir=cache_dir, token=token, offline=offline))
    consent = (lambda request: request.risk is Risk.identity) if yes else _tty_consent()
    policy = build_policy(strict=strict, max_attempts=max_attempts, max_seconds=max_seconds,
                          no_remember=no_remember, no_verify=no_verify, no_preflight=no_preflight,
                          allow_remote_code=trust_remote_code, consent=consent)
    printer = None if quiet else TracePrinter()
    if printer is not None and offline:
        printer.say("advisor: offline: cached files only (local_files_only=True); nothing is fetched from the Hub")
    try:
        with quiet_libraries(quiet):
            result = safe_load(model, auto_class=auto_class, tokenizer=not no_tokenizer, policy=policy,
                               on_event=printer, **kwargs)
        outcome, code = result.report, EXIT_LOADED
    except LoadFailed as err:
        outcome, code = err.report, EXIT_GAVE_UP
    except LoadInterrupted as interrupt:
        if interrupt.report is not None and report:
            try:
                _write_report(interrupt.report, report)
            except InvalidRequest as err:  # the interrupt still ends the run (exit 130)
                _err(err.message, err.hint)
        raise
    if quiet:
        typer.echo(verdict_line(outcome), err=True)
    if as_json:  # the load's own output first: a report path problem must not lose it
        typer.echo(outcome.to_json())
    elif code == EXIT_LOADED:
        typer.echo(outcome.snippet)
    if report:
        _write_report(outcome, report)
    raise typer.Exit(code)


@contextmanager
def quiet_libraries(quiet: bool) -> Iterator[None]:
    """With ``quiet``: transformers' and huggingface_hub's logging at ERROR, their progress bars and Python
    warnings off, for the run only (restored afterwards)."""
    if not quiet:
        yield
        return
    import logging
    import warnings

    loggers = [logging.getLogger(name) for name in ("transformers", "huggingface_hub", "accelerate", "torch")]
    levels = [lg.level for lg in loggers]
    restore: list[Callable[[], None]] = []
    try:
        from transformers.utils import logging as hf_logging

        if hf_logging.is_progress_bar_enabled():
            hf_logging.disable_progress_bar()
            restore.append(hf_logging.enable_progress_bar)
    except ImportError:  # pragma: no cover - transformers is a dependency
        pass
    try:
        from huggingface_hub.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

        if not are_progress_bars_disabled():
            disable_progress_bars()
            restore.append(enable_progress_bars)
    except ImportError:  # pragma: no cover
        pass
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
        for undo in restore:
            undo()


def _write_report(outcome: Any, path: Path) -> None:
    """Write the report JSON; a bad path (a directory, no permission, ...) raises InvalidRequest (exit 2)."""
    from advisor.errors import InvalidRequest

    if path.is_dir():
        raise InvalidRequest(f"cannot write the report to {path}: it is a directory",
                             "give a file name, e.g. --report report.json")
    try:
        outcome.write(path)
    except OSError as err:
        raise InvalidRequest(f"cannot write the report to {path}: {err.strerror or err}") from None


@command()
def explain(
    file: Annotated[str | None, typer.Argument(help="File with the error text, or - for stdin.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the diagnosis as JSON.")] = False,
) -> None:
    """Diagnose a pasted error or traceback without loading anything (FILE, or paste it, then Ctrl-D)."""
    from advisor.diagnose import explain as run_explain
    from advisor.errors import InvalidRequest

    if file in (None, "-") and sys.stdin.isatty():  # a terminal would otherwise wait silently
        typer.echo("Paste the error or traceback, then press Ctrl-D on a new line (Ctrl-Z, Enter on Windows):",
                   err=True)
    try:
        text = read_bounded(file, keep=MAX_EXPLAIN_BYTES, what="an error text")
    except InputError as err:
        raise InvalidRequest(str(err), "give a text file with the error or traceback, or - for stdin") from None
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
    for alt in result.alternatives:  # other readings of the same text, most likely first
        typer.echo(f"  or: {alt.category}" + (f" → {alt.fix}" if alt.fix else "") + f" — {one_line(alt.why)}")


@command("report")
def report_cmd(
    file: Annotated[Path | None, typer.Argument(help="A report JSON written by --report.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the report's JSON schema.")] = False,
) -> None:
    """Print a saved report as Markdown (or the report JSON schema)."""
    from advisor.errors import InvalidRequest
    from advisor.report import Report, read_report

    if schema:
        typer.echo(json.dumps(Report.model_json_schema(), indent=2))
        return
    if file is None:
        raise InvalidRequest("give a report file or --schema", "e.g. advisor report report.json")
    typer.echo(read_report(file).to_markdown())


@command()
def demo(
    plain: Annotated[bool, typer.Option("--plain", help="Print the trace as text (no TUI).")] = False,
) -> None:
    """Walk the advisor through real failures on a bundled tiny model, offline."""
    from advisor.demo import run_demo

    raise typer.Exit(run_demo(plain=plain))


@command()
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
    cache_dir: CacheDirOpt = None,
    token: TokenOpt = None,
    offline: OfflineOpt = False,
    strict: StrictOpt = False,
    max_attempts: MaxAttemptsOpt = 6,
    max_seconds: MaxSecondsOpt = None,
    no_remember: NoRememberOpt = False,
    no_verify: NoVerifyOpt = False,
    no_preflight: NoPreflightOpt = False,
    report: Annotated[Path | None, typer.Option("--report", metavar="FILE",
                                                help="Also write each load's report JSON here.")] = None,
    open_report: Annotated[Path | None, typer.Option("--open", metavar="FILE",
                                                     help="Start by browsing this saved report.")] = None,
) -> None:
    """The interactive advisor: a form, the live decision trace, consent dialogs, results and reports."""
    kwargs = load_kwargs(dtype, device_map, max_memory, offload_folder, revision, local_files_only,
                         trust_remote_code)
    kwargs.update(access_kwargs(cache_dir=cache_dir, token=token, offline=offline))
    build_policy(strict=strict, max_attempts=max_attempts, max_seconds=max_seconds)  # bad values: exit 2 now
    policy_options = policy_fields(strict=strict, max_attempts=max_attempts, max_seconds=max_seconds,
                                   no_remember=no_remember, no_verify=no_verify, no_preflight=no_preflight)
    try:
        from advisor.tui.app import run_tui
        from advisor.tui.state import LoadRequest
    except ImportError as err:  # textual is a dependency, but a broken install should say so plainly
        from advisor.errors import InvalidRequest

        raise InvalidRequest(f"the TUI needs Textual: {err}", "pip install textual, or use `advisor load`") from None
    request = LoadRequest(model_id=model or "", auto_class=auto_class, kwargs=kwargs, tokenizer=not no_tokenizer,
                          allow_remote_code=trust_remote_code, policy_options=policy_options)
    raise typer.Exit(run_tui(request, report_path=report, open_report=open_report))


@command("list", rules_app)
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


@command("check", rules_app)
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


@command("schema", rules_app)
def rules_schema() -> None:
    """Print the JSON schema of a rule file (for editors)."""
    from advisor.schema import Rule

    typer.echo(json.dumps(Rule.model_json_schema(by_alias=True), indent=2))


@command("list", cache_app)
def cache_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as JSON.")] = False,
) -> None:
    """List remembered plans: the call requested → the call that worked, when, which fixes, and the file."""
    from advisor.remember import list_records, store_dir

    records = list_records()
    if as_json:
        typer.echo(json.dumps(records, indent=2))
        return
    if not records:
        typer.echo(f"no remembered plans in {store_dir()}", err=True)
        return
    for r in records:
        typer.echo(one_line(f"{_requested(r)} → {_final(r)}"))
        typer.echo(f"    {r.get('created_at', '?')}  fixes: {', '.join(c['fix'] for c in r.get('changes', []))}"
                   f"  file: {r['path']}")


def _requested(record: dict[str, Any]) -> str:
    """What was asked for: the requested id, then ``[revision, class, kwargs]`` when the call had any (the plain
    default call shows the id alone)."""
    request = record.get("request") or {}
    parts = [f"revision={record['revision']!r}"] if record.get("revision") else []
    if request.get("auto_class") not in (None, "", "AutoModelForCausalLM"):
        parts.append(str(request["auto_class"]))
    parts += [f"{k}={v!r}" for k, v in dict(request.get("kwargs") or {}).items() if k != "revision"]
    return str(record.get("model_id_requested", "?")) + (f" [{', '.join(parts)}]" if parts else "")


def _final(record: dict[str, Any]) -> str:
    """What loaded: the final id with its Auto class and the kwargs it set."""
    kwargs = ", ".join(f"{k}={v!r}" for k, v in dict(record.get("kwargs") or {}).items())
    target = str(record.get("model_id", "?")) + (f" ({record['auto_class']})" if record.get("auto_class") else "")
    return f"{target} {kwargs}".rstrip()


@command("clear", cache_app)
def cache_clear(
    model: Annotated[str | None, typer.Argument(help="Forget only the plans requested as, or loading, this id.")
                     ] = None,
) -> None:
    """Forget remembered plans (all of them, or those whose requested or final id is MODEL)."""
    from advisor.remember import clear, list_records

    removed = clear(model)
    typer.echo(f"removed {removed} remembered plan(s)")
    if model is not None and removed == 0:
        known = sorted({str(r.get(k)) for r in list_records() for k in ("model_id_requested", "model_id")})
        typer.echo("Hint: no remembered plan was requested as or loaded " + one_line(repr(model)) +
                   (f"; remembered ids: {', '.join(one_line(k) for k in known[:10])}" if known else
                    "; nothing is remembered") + " (see `advisor cache list`)", err=True)


@command("plan")
def plan_cmd(
    model: Annotated[str, typer.Argument(help="Repo id or local folder (a config.json alone is enough).")],
    gpu: Annotated[list[str] | None, typer.Option(
        "--gpu", metavar="[N x]NAME[:SIZE]", help="Plan for these GPUs: [N x]NAME[:SIZE] (T4, 8xA100-80GB, "
        "2xRTX4090:24GiB), repeatable, mixing allowed.")] = None,
    ram: Annotated[str | None, typer.Option("--ram", metavar="SIZE",
                                            help="Plan for this much host RAM (e.g. 32GiB).")] = None,
    dtype: Annotated[str | None, typer.Option(metavar="D", help="float32, float16, bfloat16 or auto (default: "
                                                               "chosen for the devices, see docs/cli.md).")] = None,
    context_length: Annotated[int | None, typer.Option(
        "--context-length", metavar="N",
        help="Tokens per sequence (prompt + generated): adds the KV cache. Default: weights only.")] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", metavar="B", help="Sequences served at once (default 1 with --context-length).")] = None,
    gpus_per_node: Annotated[int, typer.Option("--gpus-per-node", metavar="G",
                                               help="GPUs per node for layouts past one node.")] = 8,
    revision: RevisionOpt = None,
    auto_class: AutoClassOpt = "AutoModelForCausalLM",
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Size MODEL per dtype and place it (and its KV cache) on this machine or on --gpu ones without loading it."""
    from advisor.loadplan import LoadPlan
    from advisor.planner import device_bar, gib

    def sized(model_id: str) -> Any:
        return _plan(model_id, gpus=gpu, ram=ram, dtype=dtype, revision=revision, auto_class=auto_class,
                     context_length=context_length, batch_size=batch_size, gpus_per_node=gpus_per_node)

    result = resolve_and_plan(model, sized)
    # The printed call is the load this plan recommends, with the Auto class asked for.
    snippet = LoadPlan(model_id=result.model_id, auto_class=auto_class, kwargs=dict(result.kwargs),
                       load_tokenizer=False).to_code()
    result = result.model_copy(update={"snippet": snippet})
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


def _plan(model_id: str, **options: Any) -> Any:
    """advisor.planner.plan (imported late: it pulls in torch)."""
    from advisor.planner import plan

    return plan(model_id, **options)


def resolve_and_plan(model: str, sized: Callable[[str], Any]) -> Any:
    """Resolve MODEL the way ``load`` does before sizing it: a pasted URL or stray whitespace is normalised, and an
    id that cannot be sized is repaired from the local cache when exactly one cached id is within edit distance 2.
    Each change is said on stderr (stdout keeps the plan). Raises the first InvalidRequest when nothing works."""
    from advisor.errors import InvalidRequest
    from advisor.hub import id_candidates, looks_like_path, normalise_id

    wanted = normalise_id(model) or model
    if wanted != model:
        typer.echo(f"advisor: planning for {one_line(wanted)} (normalised from {one_line(repr(model))})", err=True)
    try:
        return sized(wanted)
    except InvalidRequest as first:
        if looks_like_path(wanted) or Path(wanted).exists():
            raise
        candidates = [c for c in id_candidates(wanted, use_hub=False) if c.repo_id != wanted]
        if len(candidates) != 1:
            if len(candidates) > 1:
                raise InvalidRequest(first.message, "did you mean one of: " +
                                     ", ".join(c.repo_id for c in candidates[:5]) + "?") from None
            raise
        fixed = candidates[0].repo_id
        typer.echo(f"advisor: {one_line(wanted)} cannot be sized; planning for {one_line(fixed)} instead "
                   f"(the one cached id within edit distance {candidates[0].distance})", err=True)
        return sized(fixed)


@command()
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
        import warnings

        from advisor.errors import AdvisorWarning

        with warnings.catch_warnings():  # the output names the id that loaded
            warnings.simplefilter("ignore", AdvisorWarning)
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
        final = model_part["final_model_id"]
        if final != model:  # a repaired id is never hidden
            typer.echo(f"\n{one_line(model)} → {one_line(final)} (the id that loaded; use it in your code)")
        typer.echo(f"\n{final}: loaded on {model_part['device']} as {model_part['dtype']} in "
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
        return {"model_id": model, "final_model_id": err.report.final_model_id, "succeeded": False, "health": [],
                "next_steps": err.report.next_steps}
    load_s = time.monotonic() - started
    started = time.monotonic()
    verify_forward(result.model)
    forward_ms = (time.monotonic() - started) * 1000
    first = next(iter(result.model.parameters()))
    device = "disk (meta)" if first.device.type == "meta" else str(first.device)
    return {"model_id": model, "final_model_id": result.report.final_model_id, "succeeded": True, "device": device,
            "dtype": str(result.model.dtype).removeprefix("torch."), "load_s": round(load_s, 3),
            "forward_ms": round(forward_ms, 1), "attempts": len(result.report.attempts),
            "final_kwargs": result.report.final_kwargs,
            "health": [h.model_dump() for h in result.report.health], "next_steps": []}


def main() -> None:
    """The ``advisor`` console script: streams protected, then the command line (errors mapped in
    :func:`run_mapped`, the group's ``main``)."""
    from advisor.redact import protect_std_streams

    protect_std_streams()  # no secret reaches the terminal: our trace, library logs, warnings, tracebacks
    import warnings

    from advisor.errors import AdvisorWarning

    warnings.simplefilter("ignore", AdvisorWarning)  # the trace already says what loaded instead; said once
    app()


if __name__ == "__main__":
    main()
