"""RuleSet: load and validate rule packs in layers, match a Failure, rank the diagnoses."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from advisor.context import Context, check_value
from advisor.cutshort import begins_message, cut_shown, left_after_cut, looks_cut, shows_literal
from advisor.errors import RulePackError
from advisor.failure import Failure
from advisor.needles import backticks_optional, breaks_as_spaces, needles_of, required_literals, wrap_tolerant
from advisor.needles import required_literal as required_literal  # re-exported: importers read it from here
from advisor.schema import Clause, Condition, Match, Remedy, Rule

#: A compiled pattern with the literals it cannot match without (the longest, None where none is known, then the
#: others), each checked first with ``in``, and a whole word every match holds (``literal_keyword``; None: none
#: known), for the keyword look-up.
_Prefiltered = tuple[str | None, tuple[str, ...], re.Pattern[str], str | None]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENTRY_POINT_GROUP = "advisor.rules"
MAX_RULE_FILE_BYTES = 1_000_000  # a rule file is a few kB; anything this big is not one
MAX_NESTING = 32  # tables/arrays inside each other; rules need about 5
#: The text rule patterns see: each line cut to MATCH_LINE characters (head and tail kept) and the whole to
#: MATCH_TEXT. Patterns are screened for exponential shapes at load (schema.pattern_problem); this bound keeps
#: the remaining polynomial ones (``\w+x`` on a 200 kB word) linear in practice: cost <= lines x MATCH_LINE.
MATCH_LINE = 2_000
MATCH_TEXT = 256_000


_BUNDLED_DIR: list[Path] = []  # found once per process (resolving the package path costs more than a match)


def bundled_rules_dir() -> Path:
    """The rules shipped with the package: inside an installed wheel, else the checkout's top-level rules/."""
    if _BUNDLED_DIR and _BUNDLED_DIR[0].is_dir():
        return _BUNDLED_DIR[0]
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            _BUNDLED_DIR[:] = [candidate]
            return candidate
    raise RulePackError([f"bundled rules not found next to {here}"])


def user_rules_dir() -> Path:
    """The user's rules folder: $XDG_CONFIG_HOME/advisor/rules, else ~/.config/advisor/rules."""
    # Worked out again only when a variable it depends on changes: `explain(text)` loads the layers on every call,
    # and Path.home() with the joins cost a tenth of a load
    return _user_rules_dir_for(tuple(os.environ.get(name) for name in _USER_DIR_VARIABLES))


#: what Path.home() and the XDG base read (HOMEDRIVE/HOMEPATH and USERPROFILE on Windows)
_USER_DIR_VARIABLES = ("XDG_CONFIG_HOME", "HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH")


@functools.lru_cache(maxsize=8)
def _user_rules_dir_for(variables: tuple[str | None, ...]) -> Path:
    base = variables[0] or str(Path.home() / ".config")
    return Path(base) / "advisor" / "rules"


@dataclass(frozen=True)
class Diagnosis:
    """A rule that matched a failure, with its explanation rendered for this context."""

    rule: Rule
    explanation: str
    score: tuple[int, int] = (0, 0)

    @property
    def category(self) -> str:
        return self.rule.category.value

    @property
    def remedies(self) -> list[Remedy]:
        return list(self.rule.remedy)


@dataclass
class LoadReport:
    """What loading packs found: the rules, every problem, and which ids a later layer overrode."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)


def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*(?:\[\[?[ \t]*)?(?:[\w.\"]*\.)?\"?{re.escape(key)}\"?[ \t]*(?:=|\]|\.)", re.M)


def _key_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Line number for a pydantic error location in a TOML file (tomllib keeps no positions).

    Walks the location in order from where the previous part was found: an index after an array-of-tables
    key (``remedy``, 1) jumps to that occurrence of ``[[remedy]]``, so an error in the second remedy is
    reported at the second remedy's line, not the first's.
    """
    pos, line = 0, None
    parts = list(loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            prev = parts[i - 1] if i else None
            if isinstance(prev, str):
                headers = list(re.finditer(rf"^[ \t]*\[\[[ \t]*(?:[\w.\"]*\.)?\"?{re.escape(prev)}\"?[ \t]*\]\]",
                                           text, re.M))
                if len(headers) > part:
                    pos = headers[part].start()
                    line = text.count("\n", 0, pos) + 1
            continue
        found = _key_pattern(str(part)).search(text, pos)
        if found:
            pos = found.start()
            line = text.count("\n", 0, pos) + 1
    return line


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest in parsed TOML (iterative: a deep file cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level + 1)
            if deepest > MAX_NESTING:
                return deepest
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_RULE_FILE_BYTES; raises OSError for anything else.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO or a device named
    ``x.toml`` is refused at once instead of hanging the reader (and a swap after a check cannot sneak one in).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file ({_kind(info.st_mode)}); skipped")
        if info.st_size > MAX_RULE_FILE_BYTES:
            raise OSError(f"{info.st_size} bytes is more than a rule file can be ({MAX_RULE_FILE_BYTES}); skipped")
        chunks, total = [], 0
        while total <= MAX_RULE_FILE_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_RULE_FILE_BYTES:
            raise OSError(f"more than {MAX_RULE_FILE_BYTES} bytes; skipped")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a plain file"


def parse_rule_file(path: Path, data: bytes | None = None) -> tuple[Rule | None, list[str]]:
    """Validate one rule file; returns the rule or every problem as ``file:line: field: message``."""
    try:
        text = (data if data is not None else _read_regular(path)).decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [f"{path}: cannot read: {getattr(err, 'strerror', None) or err}"]
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return None, [f"{path}: invalid TOML: {err}"]
    except RecursionError:
        return None, [f"{path}: invalid TOML: tables or arrays nested too deeply (a rule needs about 5 levels)"]
    if _depth(parsed) > MAX_NESTING:
        return None, [f"{path}: tables or arrays nested more than {MAX_NESTING} levels deep"]
    rule_id = parsed.get("id") or path.stem
    problems: list[str] = []
    if parsed.get("id") and parsed["id"] != path.stem:  # reported with, not instead of, the other errors
        problems.append(f"{path}:{_key_line(text, ('id',)) or 1}: id: {parsed['id']!r} must equal the file name")
    try:
        rule = Rule.model_validate({**parsed, "id": rule_id, "source": str(path)})
    except ValidationError as err:
        for item in err.errors():
            loc = tuple(item["loc"])
            where = ".".join(str(p) for p in loc) or "(file)"
            line = _key_line(text, loc)
            problems.append(f"{path}:{line or 1}: {where}: {item['msg']}")
        return None, problems
    except RecursionError:
        return None, [f"{path}: values nested too deeply"]
    return (None, problems) if problems else (rule, [])


def _pack_files(path: Path) -> tuple[list[tuple[Path, bytes | None, str]], list[str]]:
    """The ``*.toml`` files of a pack with their bytes (or why they cannot be read), and listing problems."""
    problems: list[str] = []
    try:
        info = path.stat()
    except OSError:
        return [], [f"{path}: no such file or directory"]
    if stat.S_ISDIR(info.st_mode):
        try:
            candidates = sorted(path.rglob("*.toml"))
        except OSError as err:
            return [], [f"{path}: cannot list: {err}"]
    else:
        candidates = [path]
    files: list[tuple[Path, bytes | None, str]] = []
    for file in candidates:
        try:
            files.append((file, _read_regular(file), ""))
        except OSError as err:
            message = getattr(err, "strerror", None) or str(err)
            if file is path or not file.is_dir():  # a folder named x.toml is not a file to complain about
                problems.append(f"{file}: cannot read: {message}")
    return files, problems


def _parse_files(files: list[tuple[Path, bytes | None, str]], problems: list[str]) -> LoadReport:
    report = LoadReport(problems=list(problems))
    for file, data, _ in files:
        rule, found = parse_rule_file(file, data)
        report.problems.extend(found)
        if rule is not None:
            report.rules.append(rule)
    return report


def load_pack(path: Path) -> LoadReport:
    """All ``*.toml`` rule files under ``path`` (a file or a directory), with every problem found.

    Only regular files are read (a FIFO, socket or device is reported and skipped, never opened blocking).
    """
    return _parse_files(*_pack_files(path))


_PACK_CACHE: OrderedDict[tuple[str, str], LoadReport] = OrderedDict()
_PACK_CACHE_LOCK = threading.Lock()
_PACK_CACHE_SIZE = 32


# The bundled pack is the package's own data: it changes when the package is reinstalled or a developer edits
# it. Re-reading its ~120 files on every load cost ~3 ms, three times what matching a text costs, so `explain(text)`
# called once per text re-checks it at most once a second. Every other layer is re-read on every load.
_BUNDLED_RECHECK_S = 1.0
_BUNDLED_CHECKED: dict[str, tuple[float, LoadReport]] = {}


@functools.lru_cache(maxsize=4)
def _resolved(path: Path) -> Path:
    """The bundled pack's folder, resolved once: it is the package's own folder, which a process does not move (every
    other layer is resolved on each load, as a user may point a link elsewhere)."""
    return path.resolve()


def _load_bundled(path: Path) -> LoadReport:
    """The bundled pack, through _load_pack_cached, re-read at most every _BUNDLED_RECHECK_S seconds."""
    now = time.monotonic()
    with _PACK_CACHE_LOCK:
        checked = _BUNDLED_CHECKED.get(str(path))
        if checked is not None and now - checked[0] < _BUNDLED_RECHECK_S:
            return checked[1]
    report = _load_pack_cached(path)
    with _PACK_CACHE_LOCK:
        _BUNDLED_CHECKED[str(path)] = (now, report)
    return report


def _load_pack_cached(path: Path) -> LoadReport:
    """load_pack, reusing the parse while the pack's listing and every file's content are unchanged.

    Keyed on a hash of the file names and bytes, not on the newest mtime: a deleted or replaced file (even
    within the same second, or with an older mtime) changes the key.
    """
    files, problems = _pack_files(path)
    digest = hashlib.sha256()
    for file, data, _ in files:
        digest.update(str(file).encode("utf-8", "surrogateescape") + b"\0" + (data or b"") + b"\0")
    for problem in problems:
        digest.update(problem.encode("utf-8", "surrogateescape") + b"\0")
    key = (str(path), digest.hexdigest())
    with _PACK_CACHE_LOCK:
        if key in _PACK_CACHE:
            _PACK_CACHE.move_to_end(key)
            return _PACK_CACHE[key]
    report = _parse_files(files, problems)
    with _PACK_CACHE_LOCK:
        _PACK_CACHE[key] = report
        while len(_PACK_CACHE) > _PACK_CACHE_SIZE:
            _PACK_CACHE.popitem(last=False)
    return report


# Listing entry points scans every distribution on sys.path (~4 ms). The listing is reused while sys.path and the
# modification times of its folders are unchanged: installing or removing a distribution adds or removes a
# *.dist-info folder, which changes its parent's mtime. A folder changed in the last _RACY_S seconds could change
# again within the clock's granularity unseen, so then the listing is always redone (git's "racily clean" rule).
_RACY_S = 2.0
_ENTRY_POINT_CACHE: dict[str, tuple[tuple[tuple[str, int], ...], list[Path], list[str]]] = {}


def _sys_path_stamp() -> tuple[tuple[str, int], ...] | None:
    """sys.path with each folder's mtime; None when a folder changed too recently to trust its mtime."""
    stamp: list[tuple[str, int]] = []
    now_ns = time.time_ns()
    for entry in sys.path:
        try:
            mtime = os.stat(entry or ".").st_mtime_ns
        except (OSError, ValueError, TypeError):
            mtime = -1
        if mtime >= 0 and now_ns - mtime < _RACY_S * 1e9:
            return None
        stamp.append((str(entry), mtime))
    return tuple(stamp)


def _entry_point_packs(problems: list[str] | None = None) -> list[Path]:
    """Packs named by ``advisor.rules`` entry points (the listing reused while sys.path is unchanged)."""
    stamp = _sys_path_stamp()
    cached = _ENTRY_POINT_CACHE.get("listing")
    if stamp is not None and cached is not None and cached[0] == stamp:
        if problems is not None:
            problems.extend(cached[2])
        return list(cached[1])
    found: list[str] = []
    packs = _scan_entry_point_packs(found)
    if problems is not None:
        problems.extend(found)
    if stamp is not None:
        _ENTRY_POINT_CACHE["listing"] = (stamp, packs, found)
    return list(packs)


def _scan_entry_point_packs(problems: list[str] | None = None) -> list[Path]:
    """Packs named by ``advisor.rules`` entry points; a plugin that fails (even with SystemExit) is a problem."""
    from importlib.metadata import entry_points

    packs: list[Path] = []
    try:
        found = list(entry_points(group=ENTRY_POINT_GROUP))
    except Exception as err:  # broken distribution metadata
        if problems is not None:
            problems.append(f"entry points {ENTRY_POINT_GROUP!r}: cannot be listed: {type(err).__name__}: {err}")
        return packs
    for ep in found:
        try:
            target = ep.load()
            value = target() if callable(target) else target
            packs.append(Path(os.fspath(value)))
        except (Exception, SystemExit) as err:  # a broken plugin is reported and skipped, never fatal
            if problems is not None:
                problems.append(f"plugin {ep.name!r} ({ep.value}): {type(err).__name__}: {err}; skipped")
    return packs


def default_layers(extra: list[str | Path] | None = None, problems: list[str] | None = None) -> list[Path]:
    """Bundled rules, then plugins, then the user's config dir, then ADVISOR_RULES, then ``rules=``."""
    layers = [bundled_rules_dir(), *_entry_point_packs(problems)]
    user_dir = user_rules_dir()
    if user_dir.is_dir():
        layers.append(user_dir)
    for item in os.environ.get("ADVISOR_RULES", "").split(os.pathsep):
        if item.strip():
            layers.append(Path(item.strip()))
    layers.extend(Path(p) for p in extra or [])
    return layers


@dataclass(frozen=True)
class _Assembled:
    """The last RuleSet.load's result, reused while every layer parses to the same (cached) LoadReport."""

    reports: list[LoadReport]
    listing_problems: list[str]
    rules: list[Rule]
    problems: list[str]
    overrides: list[str]
    compiled: dict[str, _CompiledMatch]
    #: the any-case patterns, built by the first RuleSet over these rules that needs them, then shared
    any_case: dict[str, _CompiledMatch] = field(default_factory=dict)
    #: the rules in matching order (last-resort rules last), sorted once for every RuleSet over them
    ordered: list[Rule] | None = None
    #: the word index of the rules' gates (``_GateIndex``), by any_case, built once for every RuleSet over them
    gates: dict[bool, _GateIndex] = field(default_factory=dict)

    def same(self, reports: list[LoadReport], listing_problems: list[str]) -> bool:
        return (len(reports) == len(self.reports) and all(a is b for a, b in zip(reports, self.reports, strict=True))
                and listing_problems == self.listing_problems)


_ASSEMBLED: dict[str, _Assembled] = {}


@dataclass(frozen=True)
class SkippedRule:
    """A rule whose matching raised at run time: skipped for this failure, named so the report can say so."""

    rule: str
    source: str
    error: str


@dataclass(frozen=True)
class MatchResult:
    """What matching one failure found: the diagnoses, best first, and the rules that raised and were skipped."""

    diagnoses: list[Diagnosis]
    skipped: list[SkippedRule] = field(default_factory=list)


class RuleSet:
    """Validated rules, ready to match failures."""

    def __init__(self, rules: list[Rule], problems: list[str] | None = None, overrides: list[str] | None = None):
        self.rules = list(rules)
        self.problems = list(problems or [])
        self.overrides = overrides or []
        #: Every rule that raised while matching so far (id -> first error), for reports and ``rules list``.
        self.skipped_rules: dict[str, str] = {}
        self._lock = threading.Lock()
        self._compiled: dict[str, _CompiledMatch] = {}
        self._compiled_any_case: dict[str, _CompiledMatch] | None = None  # built on the first any-case match
        self._shared_any_case: dict[str, _CompiledMatch] | None = None  # shared by loads of the same layers
        self._ordered: list[Rule] | None = None
        self._gates: dict[bool, _GateIndex] = {}  # shared by loads of the same layers (see ``_gate_index``)
        for rule in list(rules):
            try:
                self._compiled[rule.id] = _compile_cached(rule)
            except (re.error, RecursionError, ValueError) as err:  # a Rule built in code, not through a pack
                self.rules.remove(rule)
                self.problems.append(f"{rule.source or rule.id}: {rule.id}: {err}")

    @classmethod
    def load(cls, extra: list[str | Path] | None = None, *, strict: bool = False) -> RuleSet:
        """Load every layer; a later layer replaces a rule id only when it sets ``override = true``."""
        by_id: dict[str, Rule] = {}
        problems: list[str] = []
        overrides: list[str] = []
        bundled = bundled_rules_dir()
        reports: list[LoadReport] = []
        for layer in default_layers(extra, problems):
            if not layer.exists():
                report = load_pack(layer)
            elif layer == bundled:
                report = _load_bundled(_resolved(bundled))
            else:
                report = _load_pack_cached(layer.resolve())
            reports.append(report)
        assembled = _ASSEMBLED.get("last")
        if assembled is not None and assembled.same(reports, problems):
            # The same parsed layers as the last load: the same rules, already compiled.
            if strict and assembled.problems:
                raise RulePackError(assembled.problems)
            return cls._assembled(assembled)
        listing_problems = list(problems)
        for report in reports:
            problems.extend(report.problems)
            for rule in report.rules:
                if rule.id in by_id:
                    if not rule.override:
                        problems.append(
                            f"{rule.source}: id: {rule.id!r} is already defined by {by_id[rule.id].source};"
                            " set `override = true` to replace it"
                        )
                        continue
                    overrides.append(f"{rule.id}: {by_id[rule.id].source} replaced by {rule.source}")
                if applies(rule):
                    by_id[rule.id] = rule
        ruleset = cls(list(by_id.values()), problems, overrides)
        assembled_now = _Assembled(reports, listing_problems, ruleset.rules, ruleset.problems, ruleset.overrides,
                                   ruleset._compiled, ordered=ruleset._in_order())
        ruleset._shared_any_case = assembled_now.any_case
        ruleset._gates = assembled_now.gates
        _ASSEMBLED["last"] = assembled_now
        if strict and problems:
            raise RulePackError(problems)
        return ruleset

    @classmethod
    def _assembled(cls, assembled: _Assembled) -> RuleSet:
        """A new RuleSet (its own skipped_rules) over rules already validated, merged and compiled."""
        ruleset = cls.__new__(cls)
        ruleset.rules = list(assembled.rules)
        ruleset.problems = list(assembled.problems)
        ruleset.overrides = list(assembled.overrides)
        ruleset.skipped_rules = {}
        ruleset._lock = threading.Lock()
        ruleset._compiled = assembled.compiled
        ruleset._compiled_any_case = None
        ruleset._shared_any_case = assembled.any_case
        ruleset._ordered = assembled.ordered
        ruleset._gates = assembled.gates
        return ruleset

    def _any_case_matches(self) -> dict[str, _CompiledMatch]:
        if self._compiled_any_case is None:
            with self._lock:
                if self._compiled_any_case is None:
                    shared = self._shared_any_case if self._shared_any_case is not None else {}
                    if not shared:  # the first RuleSet over these rules to need them builds them for all
                        shared.update({rule.id: _compile_cached(rule, any_case=True) for rule in self.rules})
                    self._compiled_any_case = shared
        return self._compiled_any_case

    def _in_order(self) -> list[Rule]:
        """The rules, every last-resort rule after every other (see ``Rule.last_resort``)."""
        ordered = self._ordered
        if ordered is None or len(ordered) != len(self.rules):
            ordered = self._ordered = sorted(self.rules, key=lambda rule: rule.last_resort)
        return ordered

    def _gate_index(self, ordered: list[Rule], compiled: dict[str, _CompiledMatch], any_case: bool) -> _GateIndex:
        """The word index of the gates of ``ordered``'s rules, built once for these rules and matches."""
        gate = self._gates.get(any_case)
        if gate is None or gate.ordered is not ordered or gate.compiled is not compiled:
            gate = _GateIndex.of(ordered, compiled)
            with self._lock:
                self._gates[any_case] = gate
        return gate

    def by_id(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def match(self, failure: Failure, ctx: Context) -> list[Diagnosis]:
        """Every rule that matches, best first: lower priority number, then more specific match.

        A rule that raises is skipped (see :meth:`evaluate` and ``skipped_rules``); matching never raises.
        """
        return self.evaluate(failure, ctx).diagnoses

    def evaluate(self, failure: Failure, ctx: Context, *, any_case: bool = False) -> MatchResult:
        """``match`` plus the rules that raised on this failure (skipped, with their error).

        ``any_case`` reads every rule as if it set ``ignore_case``: for a text that matched nothing as written
        (a message retyped in lower case in an issue title, or re-cased by an app's logger).
        """
        found: list[Diagnosis] = []
        skipped: list[SkippedRule] = []
        texts = _Texts(bounded_text(failure.text))
        compiled = self._any_case_matches() if any_case else self._compiled
        ordered = self._in_order()
        gate = self._gate_index(ordered, compiled, any_case)

        def consider(rule: Rule, seen: _Texts) -> None:
            try:
                specificity = compiled[rule.id].matches(failure, texts=seen, past_gate=True)
                if specificity is None or not ctx.check(rule.when):
                    return
                explanation = str(ctx.render(rule.explain))
            except Exception as err:  # a bad rule must never break a load or an explain
                skipped.append(SkippedRule(rule.id, rule.source, f"{type(err).__name__}: {err}"[:500]))
                return
            found.append(Diagnosis(rule=rule, explanation=explanation, score=(rule.priority, -specificity)))

        # the rules whose gate the text passes, in order, from the gates' word index: most rules stop at their
        # gate, and one index look-up per word of the text spares a set test per rule (about a fifth of explain's time)
        for position in gate.passed(texts, failure.details):
            consider(ordered[position], texts)
        if not found:
            # the last-resort rules (ordered last) read the messages alone: without frames and URL paths
            message_lines = _Texts(without_url_paths(without_frames(texts.text)))
            for rule in ordered[gate.last_resort_from:]:
                matcher = compiled.get(rule.id)
                if matcher is not None and matcher.shut_out(message_lines, failure.details):
                    continue
                consider(rule, message_lines)
        found.sort(key=lambda d: d.score)
        if skipped:
            with self._lock:
                for item in skipped:
                    self.skipped_rules.setdefault(item.rule, item.error)
        return MatchResult(found, skipped)

    def match_cut(self, failure: Failure, ctx: Context) -> list[Diagnosis]:
        """The rules whose message the text's last line begins, cut short (by a log viewer, a terminal's width, a
        chat window: ``advisor.cutshort``), best first; the last-resort rules, which read words only, aside.

        For a text no rule matched as pasted: a pattern written for the whole sentence cannot match its first half.
        """
        texts = _Texts(bounded_text(failure.text))
        lines = [line for line in texts.text.split("\n") if line.strip()]
        if not lines or not looks_cut(lines[-1], bool(failure.details.get("truncated"))):
            return []
        found: list[Diagnosis] = []
        for rule in self._in_order():
            if rule.last_resort:
                break  # ordered last
            try:
                matcher = self._compiled[rule.id]
                line = lines[-1].lower() if matcher.ignore_case else lines[-1]
                if not matcher.may_begin(line):
                    continue  # the cut reading needs a long literal of the rule's in the line: most rules stop here
                specificity = matcher.matches(failure, texts=texts, cut_line=line)
                if specificity is None or not ctx.check(rule.when):
                    continue
                explanation = str(ctx.render(rule.explain))
            except Exception:  # a bad rule must never break an explain
                continue
            found.append(Diagnosis(rule=rule, explanation=explanation, score=(rule.priority, -specificity)))
        # of two rules whose messages the line begins alike, the one it nearly completes first
        lefts = {d.rule.id: self._cut_left(d.rule.id, lines[-1]) for d in found}
        found.sort(key=lambda d: (lefts[d.rule.id], d.score))
        return found

    def _cut_left(self, rule_id: str, line: str) -> int:
        """The fewest literal characters the cut left out of any of the rule's message patterns (see ``match_cut``)."""
        matcher = self._compiled[rule_id]
        seen = line.lower() if matcher.ignore_case else line
        lefts = [left for clause in (matcher.top, *matcher.any) for need, more, p, _ in clause.message.patterns
                 if (left := left_after_cut(p, (need, *more), seen, mid_word=False)) is not None]
        return min(lefts, default=10_000)


#: A source line of the raising library that a traceback prints (IPython and rich show the lines around each frame,
#: some pastes quote them with "> "): an ``except X as e:`` clause, or an f-string with a ``{name}`` template. Neither
#: is ever the message, yet both hold the message's words ("except RevisionNotFoundError", f"{revision} is not a valid
#: git identifier"): patterns must not read them as the failure.
_SOURCE_ONLY_LINE = re.compile(
    r"^[ \t>|│]*(?:-*>)?[ \t]*(?:\d{1,6}[ \t]+)?"
    r"(?:except\b[^\n]{0,200}:[ \t]*"
    r"|[rRbB]?[fF][rRbB]?[\"'][^\n]{0,2000}\{[A-Za-z_][\w.]{0,80}(?:\[[^\]\n]{0,40}\])?\}[^\n]*)$",
    re.MULTILINE)


def _without_source_templates(text: str) -> str:
    """``text`` without the library source lines that only look like messages (see _SOURCE_ONLY_LINE)."""
    if "except" not in text and 'f"' not in text and "f'" not in text:
        return text
    return _SOURCE_ONLY_LINE.sub("", text)


#: What a traceback prints around its messages: frame lines (``File "x.py", line 3, in f``, IPython's ``File
#: /x.py:3, in f(...)``), the source line under a frame, IPython's numbered source lines (``--> 3 raise X``) and
#: caret lines. A last-resort rule reads the messages without them: a path like ``quantizers/quantizer_bnb.py`` or a
#: source line ``raise OSError("... not found")`` holds a domain's words without being the failure.
_FRAME_LINES = re.compile(
    r'^[ \t]*File "[^"\n]*", line \d+[^\n]*(?:\n[ \t]{2,}(?![A-Za-z_][\w.]*(?:Error|Exception|Warning)\b)[^\n]*)?$'
    r"|^[ \t]*File [^\n]{1,300}:\d+,? in [^\n]*$"
    r"|^[ \t]*-+>[ \t]*\d{1,6}[ \t][^\n]*$|^[ \t]{2,}\d{1,6}[ \t][^\n]*$"
    r"|^[ \t]*[\^~]{2,}[ \t]*$",
    re.MULTILINE)


def without_frames(text: str) -> str:
    """``text`` without traceback frames, source lines and carets (see _FRAME_LINES): the messages."""
    if "File " not in text and "^^" not in text and "~~" not in text and ">" not in text:
        return text
    return _FRAME_LINES.sub("", text)


#: A URL's path and query: what follows the host, but for a file name that ends the path. The other words there name
#: a repo, a revision or a signed query, never what failed ("…-NVFP4/resolve/main/__init__.py" is no quantized load,
#: "X-Amz-Credential=" no token), while "file <url>/config.json not found" still names the file.
_URL_PATH = re.compile(r"(https?://[\w.\-]{1,100}(?::\d{1,5})?)/(?:[^\s'\"<>)\]?#]*/)?([^\s'\"<>)\]/?#]*)"
                       r"(?:[?#][^\s'\"<>)\]]*)?")


def _url_host_and_file(hit: re.Match[str]) -> str:
    last = hit.group(2)
    return f"{hit.group(1)}/…/{last}" if "." in last else f"{hit.group(1)}/…"


def without_url_paths(text: str) -> str:
    """``text`` with every URL cut to its scheme, host and file name, and every quoted Hub id cut to its quotes:
    what the last-resort rules read."""
    if "://" in text:
        text = _URL_PATH.sub(_url_host_and_file, text)
    return _QUOTED_REPO_ID.sub(_without_quoted_id, text) if "/" in text else text


#: A Hub repo id in quotes ('mlx-community/Qwen3-TTS-1.7B-Base-8bit', "TheBloke/x-GPTQ"): it names the model, and the
#: words in its name ("8bit", "GPTQ", "fp16") are the model's, not the failure's. A file's relative path
#: ('bert/processor_config.json') names what failed: it stays.
_QUOTED_REPO_ID = re.compile(r"""(['"`])([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95})\1""")
_FILE_SUFFIXES = (".json", ".txt", ".py", ".bin", ".safetensors", ".pt", ".pth", ".ckpt", ".model", ".yaml", ".yml",
                  ".onnx", ".gguf", ".h5", ".msgpack", ".npz", ".tiktoken")


def _without_quoted_id(hit: re.Match[str]) -> str:
    return hit.group(0) if hit.group(2).endswith(_FILE_SUFFIXES) else hit.group(1) * 2


def bounded_text(text: str, max_line: int = MATCH_LINE, max_total: int = MATCH_TEXT) -> str:
    """The text rule patterns see: the last ``max_total`` characters, each line cut to its head and tail, without
    the raising library's source lines that are no message (``except X:`` clauses, f-string templates)."""
    if len(text) > max_total:
        text = text[-max_total:]
    text = _without_source_templates(text)
    if len(text) <= max_line:
        return text
    half = max_line // 2
    return "\n".join(line if len(line) <= max_line else f"{line[:half]} … {line[-half:]}"
                     for line in text.split("\n"))


def applies(rule: Rule) -> bool:
    """True if the installed library versions fall in the rule's ``applies_to`` ranges."""
    if not rule.applies_to:
        return True
    from importlib.metadata import PackageNotFoundError, version

    from packaging.specifiers import SpecifierSet

    for package, spec in rule.applies_to.items():
        try:
            installed = version(package)
        except PackageNotFoundError:
            return False
        if installed not in SpecifierSet(spec, prereleases=True):
            return False
    return True


def lower_pattern(pattern: str) -> str:
    r"""The pattern for lower-cased text: literal letters lowered, escapes (``\S``, ``\W``, ``\D``) kept."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


_WORD = re.compile(r"[A-Za-z0-9_]+")


class _Texts:
    """The bounded text of one failure, its lower-cased form and the words of each, computed once, on first use."""

    __slots__ = ("_flat", "_lower", "_words", "flat_text", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        #: the text with its line breaks read as spaces (see ``flat``), made once: most rules read the text as it is
        self.flat_text = breaks_as_spaces(text)
        self._lower: str | None = None
        self._words: dict[bool, frozenset[str]] = {}
        self._flat: dict[bool, str] = {False: self.flat_text}

    def flat(self, lower: bool) -> str:
        """``get(lower)`` with its line breaks read as spaces, where the patterns' literals as written are sought."""
        found = self._flat.get(lower)
        if found is None:
            seen = self.get(lower)
            found = self._flat[lower] = breaks_as_spaces(seen)
        return found

    def get(self, lower: bool) -> str:
        if not lower:
            return self.text
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def words(self, lower: bool) -> frozenset[str]:
        """The ASCII words of the text as ``get(lower)`` gives it, each lower-cased (see ``literal_keyword``)."""
        found = self._words.get(lower)
        if found is None:
            found = self._words[lower] = frozenset(w.lower() for w in _WORD.findall(self.get(lower)))
        return found


@dataclass(frozen=True)
class _AnyOf:
    """Patterns of which one must match, grouped by a word each cannot match without (``literal_keyword``).

    A text's words are one set, so ``keys & words`` (a C-level intersection) picks the few patterns worth
    trying; only patterns with no such word are tried on every text (their literal checked first with ``in``).
    """

    patterns: tuple[_Prefiltered, ...]
    by_keyword: dict[str, tuple[tuple[str | None, tuple[str, ...], re.Pattern[str]], ...]]
    keys: frozenset[str]
    rest: tuple[_Prefiltered, ...]

    @classmethod
    def of(cls, patterns: tuple[_Prefiltered, ...]) -> _AnyOf:
        grouped: dict[str, list[tuple[str | None, tuple[str, ...], re.Pattern[str]]]] = {}
        rest: list[_Prefiltered] = []
        for need, more, pattern, word in patterns:
            if word:
                grouped.setdefault(word, []).append((need, more, pattern))
            else:
                rest.append((need, more, pattern, word))
        by_keyword = {word: tuple(items) for word, items in grouped.items()}
        return cls(patterns, by_keyword, frozenset(by_keyword), tuple(rest))

    def search(self, text: str, words: frozenset[str], flat: str) -> bool:
        """True if a pattern matches ``text``; ``flat`` is the text with its line breaks as spaces, where the
        patterns' literals (as written, spaces and all) are looked for first."""
        # plain loops, not any() over generators: this runs for every clause of every rule a text's gate opens
        for word in self.keys.intersection(words):
            for need, more, p in self.by_keyword[word]:
                if (need is None or need in flat) and (not more or _holds_all(more, flat)) and p.search(text):
                    return True
        for need, more, p, _ in self.rest:
            if (need is None or need in flat) and (not more or _holds_all(more, flat)) and p.search(text):
                return True
        return False

    def __bool__(self) -> bool:
        return bool(self.patterns)


def _holds_all(needs: tuple[str, ...], text: str) -> bool:
    """True if ``text`` holds every one of ``needs`` (a pattern's required literals): a cheap test before its search."""
    for need in needs:
        if need not in text:
            return False
    return True


_NO_PATTERNS = _AnyOf.of(())


@dataclass(frozen=True)
class _CompiledClause:
    exception: tuple[str, ...]
    # each pattern with a literal it cannot match without (None: none known), checked first with `in`
    message: _AnyOf
    message_all: tuple[_Prefiltered, ...]
    not_message: _AnyOf
    fields: tuple[tuple[str, Condition], ...]

    def matches(self, failure: Failure, text: str, words: frozenset[str], flat: str | None = None,
                cut_line: str | None = None) -> int | None:
        """None if a given clause fails; else its specificity (types 2, message 1, each message_all/field 1).

        ``words`` are the text's words (``_Texts.words``), for the patterns' keyword look-up. With ``cut_line``, a
        ``message`` pattern also holds where that line ends with the start of its message (``advisor.cutshort``).
        """
        score = 0
        if self.exception:
            for name in self.exception:
                if failure.has_type(name):
                    break
            else:
                return None
            score += 2
        if self.fields:
            if not all(_field_holds(failure, name, cond) for name, cond in self.fields):
                return None
            score += len(self.fields)
        if flat is None:  # the callers in this module pass it, made once per text
            flat = breaks_as_spaces(text)
        if self.message:
            if not self.message.search(text, words, flat) and not (cut_line is not None and any(
                    begins_message(p, (need, *more), cut_line,
                                   not cut_shown(cut_line, bool(failure.details.get("truncated"))))
                    for need, more, p, _ in self.message.patterns)):
                return None
            score += 1
        if self.message_all:
            for need, more, p, _ in self.message_all:
                if not ((need is None or need in flat) and (not more or _holds_all(more, flat)) and p.search(text)):
                    return None
            score += len(self.message_all)
        if self.not_message and self.not_message.search(text, words, flat):
            return None
        return score

    @property
    def positive(self) -> bool:
        return bool(self.exception or self.message or self.message_all or self.fields)


def _field_holds(failure: Failure, name: str, cond: Condition) -> bool:
    try:
        return check_value(failure.details.get(name), cond)
    except Exception:  # a value of an odd type: the test does not hold
        return False


@dataclass(frozen=True)
class _CompiledMatch:
    top: _CompiledClause
    not_exception: tuple[str, ...]
    phase: tuple[str, ...]
    any: tuple[_CompiledClause, ...]
    ignore_case: bool
    # the gate (see ``rule_gate``): every matching text holds one of these words, or one of the needles (substrings
    # that hold no whole word); keywords None: no gate is known
    keywords: frozenset[str] | None = None
    needles: tuple[str, ...] = ()
    #: fields of which the failure's details must hold one (a clause that reads no message, only details)
    fields: tuple[str, ...] = ()
    same_line: bool = False
    #: the literals of the rule's message patterns: a cut last line shows a long one (``cutshort.shows_literal``) for
    #: any of them to read it; None: always tried
    cut_literals: tuple[str, ...] | None = None
    #: ``same_line``: the top clause without its not_message (tested once on the whole text), built at compile time
    line_clause: _CompiledClause | None = None

    def matches(self, failure: Failure, text: str | None = None, texts: _Texts | None = None,
                cut_line: str | None = None, *, past_gate: bool = False) -> int | None:
        """None if the failure does not match; else a specificity score (types count more than text).

        ``cut_line``: the text's last line, read as a message cut short (see ``RuleSet.match_cut``). ``past_gate``:
        the caller has found that ``texts`` pass the gate (``_GateIndex``), which is then not tested again.
        """
        if self.phase and failure.phase not in self.phase and failure.phase != "text":
            return None
        if self.not_exception and any(failure.has_type(name) for name in self.not_exception):
            return None
        if texts is None:
            texts = _Texts(bounded_text(failure.text) if text is None else text)
        if cut_line is None and not past_gate and self.shut_out(texts, failure.details):
            return None  # one set look-up instead of a scan per pattern: no text without these words can match
        seen, words = texts.get(self.ignore_case), texts.words(self.ignore_case)
        flat = texts.flat(True) if self.ignore_case else texts.flat_text
        score = (self._line_by_line(failure, seen, words, flat) if self.same_line and cut_line is None
                 else self.top.matches(failure, seen, words, flat, cut_line))
        if score is None:
            return None
        if self.any:
            best = max((s for c in self.any if (s := c.matches(failure, seen, words, flat, cut_line)) is not None),
                       default=None)
            if best is None:
                return None
            score += best
        if not (self.top.positive or self.any):
            return None  # a rule with no positive test would match everything
        return score

    def may_begin(self, line: str) -> bool:
        """False only when no message pattern of the rule can read ``line`` as its message cut short: none of their
        long literals is in it or cut at its end (the test ``cutshort.left_after_cut`` makes first, per pattern)."""
        return self.cut_literals is None or shows_literal(line, self.cut_literals)

    def shut_out(self, texts: _Texts, details: Mapping[str, Any] | None = None) -> bool:
        """True if ``texts`` hold none of the gate's words and needles, and ``details`` none of its fields: the rule
        cannot match them (with fields in the gate and no details given, the gate cannot tell: False)."""
        if self.keywords is None or not self.keywords.isdisjoint(texts.words(self.ignore_case)):
            return False
        if self.fields and (details is None or any(details.get(name) is not None for name in self.fields)):
            return False
        return not self.needle_in(texts)

    def needle_in(self, texts: _Texts) -> bool:
        """True if ``texts`` hold one of the gate's needles (the substrings of its patterns that hold no word)."""
        if not self.needles:
            return False
        seen = texts.flat(True) if self.ignore_case else texts.flat_text
        return any(needle in seen for needle in self.needles)

    def _line_by_line(self, failure: Failure, text: str, words: frozenset[str], flat: str) -> int | None:
        """``same_line``: the top clause's patterns on each line of ``text`` alone, the best score of a line that holds
        them; ``not_message`` still on the whole text (a word anywhere in it rules the rule out)."""
        if self.top.not_message and self.top.not_message.search(text, words, flat):
            return None
        on_a_line = self.line_clause or self.top
        best: int | None = None
        for line in _logical_lines(text):
            if not line.strip():
                continue
            score = on_a_line.matches(failure, line, frozenset(w.lower() for w in _WORD.findall(line)), line)
            if score is not None and (best is None or score > best):
                best = score
        return best


#: A line that a terminal or a viewer wrapped at a width: long, and ending inside a sentence (no closing punctuation)
_WRAPPED_LINE = re.compile(r"^(?=.{60,}$).*[\w,'\"`)\]-]$")
#: A line that begins a record of its own, never the rest of the line before it: indented (a frame, a source line),
#: a traceback or log head, an exception's name, a JSON or list item, a timestamp, a log level, a logger's "name: "
_RECORD_START = re.compile(r"^(?:\s|Traceback|File |During|The above|[\w.]*(?:Error|Exception|Warning)\b|"
                           r"[{}\[\]\"'<>|#*=-]|\d{2,4}[-/:.]\d|(?:INFO|WARN|WARNING|ERROR|DEBUG|CRITICAL)\b|"
                           r"[\w.\-]{1,60}: )")


@functools.lru_cache(maxsize=4)
def _logical_lines(text: str) -> tuple[str, ...]:
    """``same_line``'s lines: each line of ``text``, with a line that a width wrapped joined to its rest (the next
    line, when that line begins no record of its own), so a message wrapped by a terminal still holds its words on one
    line. Each distinct line once (a log repeating a line gives the same score on each copy; the caller takes the
    best). Cached: every same_line rule reads the same text's lines."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        while (index + 1 < len(lines) and _WRAPPED_LINE.match(line) and lines[index + 1]
               and not _RECORD_START.match(lines[index + 1])):
            index += 1
            line = f"{line} {lines[index]}"
        out.append(line)
        index += 1
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class _GateIndex:
    """The gates (``_CompiledMatch.keywords`` and ``needles``) of rules in matching order, indexed by word.

    A rule can match a text only if the text holds one of its gate's words or needles. Rather than test each rule's
    words against the text's (a set test per rule, for 300 rules), the text's words are looked up once in this
    index, which gives the positions of the rules they open; each needle of any gate is sought in the text once,
    and a rule with no gate is always tried. The same rules, in the same order, as testing each rule's gate.
    """

    ordered: list[Rule]
    compiled: dict[str, _CompiledMatch]
    #: by ``ignore_case`` (each reads the text's words as cased or lower-cased): word -> positions it opens
    by_word: dict[bool, dict[str, tuple[int, ...]]]
    words: dict[bool, frozenset[str]]
    ungated: frozenset[int]
    #: by ``ignore_case``: each needle of a gate and the positions of the rules it opens (tested after the words),
    #: keyed by a whole word it holds (``_needle_word``: a needle the text's words rule out is never sought), or
    #: by "" when it holds none
    needles: dict[bool, dict[str, tuple[tuple[str, tuple[int, ...]], ...]]]
    #: by ``ignore_case``: the words ``needles`` is keyed by
    needle_words: dict[bool, frozenset[str]]
    #: each field of a gate and the positions of the rules a value of it in the failure's details opens
    fields: tuple[tuple[str, tuple[int, ...]], ...]
    #: where the last-resort rules begin in ``ordered`` (they read other text, and keep their own gate test)
    last_resort_from: int

    @classmethod
    def of(cls, ordered: list[Rule], compiled: dict[str, _CompiledMatch]) -> _GateIndex:
        by_word: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        ungated: list[int] = []
        by_needle: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        by_field: dict[str, list[int]] = {}
        last_resort_from = len(ordered)
        for position, rule in enumerate(ordered):
            if rule.last_resort:
                last_resort_from = position
                break
            matcher = compiled.get(rule.id)
            if matcher is None or matcher.keywords is None:
                ungated.append(position)  # tried on every text (a missing matcher raises there, and is reported)
                continue
            for word in matcher.keywords:
                by_word[matcher.ignore_case].setdefault(word, []).append(position)
            for needle in matcher.needles:
                by_needle[matcher.ignore_case].setdefault(needle, []).append(position)
            for name in matcher.fields:
                by_field.setdefault(name, []).append(position)
        index = {case: {word: tuple(at) for word, at in words.items()} for case, words in by_word.items()}
        needles: dict[bool, dict[str, tuple[tuple[str, tuple[int, ...]], ...]]] = {}
        for case, found in by_needle.items():
            keyed: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
            for needle, at in found.items():
                keyed.setdefault(_needle_word(needle), []).append((needle, tuple(at)))
            needles[case] = {word: tuple(entries) for word, entries in keyed.items()}
        return cls(ordered, compiled, index, {case: frozenset(words) for case, words in index.items()},
                   frozenset(ungated), needles,
                   {case: frozenset(keyed) - {""} for case, keyed in needles.items()},
                   tuple((name, tuple(at)) for name, at in by_field.items()),
                   last_resort_from)

    def passed(self, texts: _Texts, details: Mapping[str, Any]) -> list[int]:
        """The positions, in order, of the rules before the last-resort ones whose gate ``texts`` (and the failure's
        ``details``) pass."""
        opened = set(self.ungated)
        for name, positions in self.fields:
            if details.get(name) is not None:
                opened.update(positions)
        for case, index in self.by_word.items():
            if index:
                for word in self.words[case].intersection(texts.words(case)):
                    opened.update(index[word])
        for case, keyed in self.needles.items():
            if keyed:
                seen = texts.flat(case)  # where ``needle_in`` looks: the text as the rule reads it, breaks as spaces
                # a needle holding a whole word the text lacks cannot be in the text: only the others are sought
                for word in ("", *self.needle_words[case].intersection(texts.words(case))):
                    for needle, positions in keyed.get(word, ()):
                        if needle in seen:
                            opened.update(positions)
        return sorted(opened)


def _needle_word(needle: str) -> str:
    """The longest run of word characters ``needle`` holds with a non-word character on both sides, lower-cased
    (the text's words are, see ``_Texts.words``): a whole word any text holding the needle holds. "" if none."""
    bounded = [run.group().lower() for run in _WORD.finditer(needle)
               if run.start() > 0 and run.end() < len(needle)]
    return max(bounded, key=len, default="")


# Compiled matches, by Rule object. A pack unchanged on disk gives back the same (frozen) Rule objects
# (_load_pack_cached), so `explain(text)` called once per text (each call loads the layers afresh, to see edited
# packs) reuses the compiled patterns instead of compiling ~1,500 regexes per call: the `re` module's own cache
# holds 512, so it thrashed and each call took ~50 ms. An entry keeps its Rule alive, so an id() is never reused
# while its entry exists.
_COMPILE_CACHE: OrderedDict[tuple[int, bool], tuple[Rule, _CompiledMatch]] = OrderedDict()
_COMPILE_CACHE_LOCK = threading.Lock()
_COMPILE_CACHE_SIZE = 4096


def _compile_cached(rule: Rule, *, any_case: bool = False) -> _CompiledMatch:
    """``_compile``, reusing the result for the same Rule object (a validated Rule is frozen)."""
    key = (id(rule), any_case)
    with _COMPILE_CACHE_LOCK:
        hit = _COMPILE_CACHE.get(key)
        if hit is not None and hit[0] is rule:
            _COMPILE_CACHE.move_to_end(key)
            return hit[1]
    compiled = _compile(rule, any_case=any_case)
    with _COMPILE_CACHE_LOCK:
        _COMPILE_CACHE[key] = (rule, compiled)
        while len(_COMPILE_CACHE) > _COMPILE_CACHE_SIZE:
            _COMPILE_CACHE.popitem(last=False)
    return compiled


def _compile_clause(clause: Clause | Match, lower: bool) -> _CompiledClause:
    def compiled(patterns: list[str]) -> tuple[_Prefiltered, ...]:
        out: list[_Prefiltered] = []
        for written in patterns:
            # a Markdown code mark around a quoted name may be lost in a rendered paste: optional, in the literals too
            cased = backticks_optional(lower_pattern(written) if lower else written)
            tolerant = wrap_tolerant(cased)
            # the word and the literals from the pattern before wrap_tolerant, which only turns a space into a space or
            # a line break, both non-word characters, so a whole word of every match stays one, and every literal run
            # is in the text with its line breaks read as spaces (``_Texts.flat``), where it is looked for
            runs = required_literals(cased)
            needs = tuple(dict.fromkeys(breaks_as_spaces(n) for n in runs))
            out.append((needs[0] if needs else None, needs[1:], re.compile(tolerant),
                        literals_keyword(runs)))
        return tuple(out)

    return _CompiledClause(
        exception=tuple(clause.exception),
        message=_AnyOf.of(compiled(clause.message)),
        message_all=compiled(clause.message_all),
        not_message=_AnyOf.of(compiled(clause.not_message)),
        fields=tuple(clause.fields.items()),
    )


#: Words that many error texts hold, each in 4 % or more of the 4,864 corpus texts (tests/data/corpus, 2026-12):
#: a gate on one of them opens its rule for most texts ("not" alone opened a hundred rules on a dev text). Only the
#: choice of a gate's word reads this list, never whether a rule matches: any whole word of a required literal is
#: a sound gate, and a rarer one skips more rules.
_COMMON_WORDS = frozenset("""
in model to the file error not for py is a line models packages lib of or huggingface https with python3 transformers
site you from co load and call traceback most last valueerror no recent raise this local if module loading torch found
oserror main be has config from_pretrained it failed on please json at have t cannot directory url true your self
make tokenizer name __init__ an sure home can checkpoint but by are named envs does use out device cuda path utils
type s trying repo return files huggingface_hub argument class object id bin c exception usr resolve root weight
cache client code size users auto gpu import kwargs memory that base run""".split())


def _gate_rank(word: str) -> tuple[bool, int]:
    """How poor ``word`` is as a gate: a common word after any other, then a shorter after a longer."""
    return word in _COMMON_WORDS, -len(word)


def literal_keyword(literal: str) -> str | None:
    """The best whole ASCII word inside ``literal`` to gate on, lower-cased, or None.

    A word with a non-word character on each side *within* the literal is a whole word of every text that holds
    the literal (``"not a valid model"`` gives ``valid``; the edge words ``not`` and ``model`` could be parts of
    longer words in the text), so a text whose words lack it cannot hold the literal. Of several, the one fewest
    texts hold (``_gate_rank``): a word outside ``_COMMON_WORDS``, the longest.
    """
    inner = [m.group().lower() for m in _WORD.finditer(literal) if m.start() > 0 and m.end() < len(literal)]
    return min(inner, key=_gate_rank) if inner else None


def literals_keyword(literals: tuple[str, ...]) -> str | None:
    """The best gate word (``literal_keyword``) of any of ``literals``: a pattern's required literals, each of which
    every match holds."""
    words = [word for literal in literals if (word := literal_keyword(literal))]
    return min(words, key=_gate_rank) if words else None


#: words, needles and fields one of which every text (and its failure's details) the rule can match holds
_Gate = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]
#: A required literal at least this long gates a pattern better than a common word inside it (``_pattern_gate``).
_RARE_LITERAL = 8


def _pattern_gate(word: str | None, pattern: re.Pattern[str], literal: str | None = None) -> _Gate | None:
    """Words and needles one of which every match of ``pattern`` holds (``word``, the word of its required literals,
    else its needles' words, and the needles that hold no whole word); None if the pattern shows none.

    A word that many texts hold (``_COMMON_WORDS``: "Can't load" gives only ``t``) gates poorly: the pattern's
    longest required ``literal`` is the gate instead when it is long enough to be rare (one substring test).
    """
    if word and literal and len(literal) >= _RARE_LITERAL and (_gate_rank(word)[0] or len(word) <= 2):
        return frozenset(), (literal,), ()
    if word:
        return frozenset([word]), (), ()
    # the needles of the pattern as written (a rewritten space read as a space), sought in the flattened text
    found = None if pattern.flags & re.IGNORECASE else needles_of(pattern, flat=True)
    if not found:
        return None
    words = {needle: literal_keyword(needle) for needle in found}
    return frozenset(w for w in words.values() if w), tuple(n for n, w in words.items() if not w), ()


def _union(gates: list[_Gate | None]) -> _Gate | None:
    if not gates or any(g is None for g in gates):
        return None
    return (frozenset().union(*(g[0] for g in gates if g)),
            tuple(dict.fromkeys(n for g in gates if g for n in g[1])),
            tuple(dict.fromkeys(f for g in gates if g for f in g[2])))


def _requires_value(cond: Condition) -> bool:
    """True if ``cond`` holds for no unknown value (None): the field must be in the failure's details."""
    return bool(cond.exists or cond.truthy or cond.eq is not None or cond.matches is not None
                or cond.lt is not None or cond.gt is not None or (cond.in_ is not None and None not in cond.in_))


def _clause_gate(clause: _CompiledClause) -> _Gate | None:
    """Words and needles one of which every text the clause's message tests accept holds; None if none is known."""
    options: list[_Gate] = []
    if clause.message:  # any of the patterns: a word or needle of each
        gate = _union([_pattern_gate(word, p, need) for need, _, p, word in clause.message.patterns])
        if gate is not None:
            options.append(gate)
    for need, _, p, word in clause.message_all:  # all of the patterns: those of any one
        gate = _pattern_gate(word, p, need)
        if gate is not None:
            options.append(gate)
    if not options:
        # no message test: a field the clause needs a value of (``http_status``, ``json_error``) is its gate, one
        # dict look-up in the failure's details (a rule reads them, not the text, for these clauses)
        needed = [name for name, cond in clause.fields if _requires_value(cond)]
        return (frozenset(), (), (needed[0],)) if needed else None
    # words only first (one set test), then the fewest needles (a scan of the text each)
    return min(options, key=lambda g: (len(g[1]), len(g[0]))) if options else None


def rule_gate(top: _CompiledClause, any_of: tuple[_CompiledClause, ...]) -> _Gate | None:
    """Words and needles one of which every text the rule can match holds, or None: a gate checked before any
    pattern runs.

    From the literals the patterns cannot match without (``required_literal``, ``needles_of``): the top clause's,
    else the union over the any-of clauses when each has some. Only ever skips a rule that could not match, so
    answers are the same as without it.
    """
    top_gate = _clause_gate(top)
    if top_gate is not None:
        return top_gate
    if any_of:
        return _union([_clause_gate(c) for c in any_of])
    return None


def _cut_literals(top: _CompiledClause, any_of: tuple[_CompiledClause, ...], same_line: bool) -> tuple[str, ...] | None:
    """The literals of the message patterns a cut reading may use (``_CompiledMatch.cut_literals``); None for a
    rule ``match_cut`` must always try: one that reads line by line (``same_line``), or has no message patterns."""
    patterns = [pattern for clause in (top, *any_of) for pattern in clause.message.patterns]
    if same_line or not patterns:
        return None
    return tuple(dict.fromkeys(lit for need, more, _, _ in patterns for lit in (need, *more) if lit))


def _compile(rule: Rule, *, any_case: bool = False) -> _CompiledMatch:
    m = rule.match
    lower = m.ignore_case or (any_case and not m.keep_case)
    top = _compile_clause(m, lower)
    any_of = tuple(_compile_clause(c, lower) for c in m.any)
    gate = rule_gate(top, any_of)
    return _CompiledMatch(
        top=top,
        not_exception=tuple(m.not_exception),
        phase=tuple(m.phase),
        any=any_of,
        ignore_case=lower,
        keywords=gate[0] if gate else None,
        needles=gate[1] if gate else (),
        fields=gate[2] if gate else (),
        same_line=m.same_line,
        cut_literals=_cut_literals(top, any_of, m.same_line),
        line_clause=replace(top, not_message=_NO_PATTERNS) if m.same_line else None,
    )
