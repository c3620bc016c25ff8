"""RuleSet: load and validate rule packs in layers, match a Failure, rank the diagnoses."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from advisor.context import Context
from advisor.errors import RulePackError
from advisor.failure import Failure
from advisor.schema import Remedy, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENTRY_POINT_GROUP = "advisor.rules"


def bundled_rules_dir() -> Path:
    """The rules shipped with the package: inside an installed wheel, else the checkout's top-level rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulePackError([f"bundled rules not found next to {here}"])


def user_rules_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
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


def _key_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number for a pydantic error location in a TOML file (tomllib keeps no positions)."""
    keys = [str(part) for part in loc if isinstance(part, str)]
    for key in reversed(keys):
        pattern = re.compile(rf"^\s*(?:\[\[?\s*)?(?:[\w.\"]*\.)?\"?{re.escape(key)}\"?\s*(?:=|\]|\.)", re.M)
        found = pattern.search(text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None


def parse_rule_file(path: Path) -> tuple[Rule | None, list[str]]:
    """Validate one rule file; returns the rule or every problem as ``file:line: field: message``."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as err:
        return None, [f"{path}: cannot read: {err}"]
    except tomllib.TOMLDecodeError as err:
        return None, [f"{path}: invalid TOML: {err}"]
    rule_id = data.get("id") or path.stem
    problems: list[str] = []
    if data.get("id") and data["id"] != path.stem:  # reported with, not instead of, the other errors
        problems.append(f"{path}:{_key_line(text, ('id',)) or 1}: id: {data['id']!r} must equal the file name")
    try:
        rule = Rule.model_validate({**data, "id": rule_id, "source": str(path)})
    except ValidationError as err:
        for item in err.errors():
            loc = tuple(item["loc"])
            where = ".".join(str(p) for p in loc) or "(file)"
            line = _key_line(text, loc)
            problems.append(f"{path}:{line or 1}: {where}: {item['msg']}")
        return None, problems
    return (None, problems) if problems else (rule, [])


def load_pack(path: Path) -> LoadReport:
    """All ``*.toml`` rule files under ``path`` (a file or a directory), with every problem found."""
    report = LoadReport()
    files = [path] if path.is_file() else sorted(path.rglob("*.toml"))
    if not path.exists():
        report.problems.append(f"{path}: no such file or directory")
    for file in files:
        rule, problems = parse_rule_file(file)
        report.problems.extend(problems)
        if rule is not None:
            report.rules.append(rule)
    return report


def _entry_point_packs() -> list[Path]:
    from importlib.metadata import entry_points

    packs: list[Path] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = ep.load()
            value = target() if callable(target) else target
            packs.append(Path(str(value)))
        except Exception:  # a broken plugin is skipped, never fatal
            continue
    return packs


def default_layers(extra: list[str | Path] | None = None) -> list[Path]:
    """Bundled rules, then plugins, then the user's config dir, then ADVISOR_RULES, then ``rules=``."""
    layers = [bundled_rules_dir(), *_entry_point_packs()]
    if user_rules_dir().is_dir():
        layers.append(user_rules_dir())
    for item in os.environ.get("ADVISOR_RULES", "").split(os.pathsep):
        if item.strip():
            layers.append(Path(item.strip()))
    layers.extend(Path(p) for p in extra or [])
    return layers


class RuleSet:
    """Validated rules, ready to match failures."""

    def __init__(self, rules: list[Rule], problems: list[str] | None = None, overrides: list[str] | None = None):
        self.rules = rules
        self.problems = problems or []
        self.overrides = overrides or []
        self._compiled = {r.id: _compile(r) for r in rules}

    @classmethod
    def load(cls, extra: list[str | Path] | None = None, *, strict: bool = False) -> RuleSet:
        """Load every layer; a later layer replaces a rule id only when it sets ``override = true``."""
        by_id: dict[str, Rule] = {}
        problems: list[str] = []
        overrides: list[str] = []
        for layer in default_layers(extra):
            report = _load_pack_cached(layer.resolve(), _mtime(layer)) if layer.exists() else load_pack(layer)
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
        if strict and problems:
            raise RulePackError(problems)
        return cls(list(by_id.values()), problems, overrides)

    def by_id(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def match(self, failure: Failure, ctx: Context) -> list[Diagnosis]:
        """Every rule that matches, best first: lower priority number, then more specific match."""
        found: list[Diagnosis] = []
        for rule in self.rules:
            compiled = self._compiled[rule.id]
            specificity = compiled.matches(failure)
            if specificity is None or not ctx.check(rule.when):
                continue
            explanation = str(ctx.render(rule.explain))
            found.append(Diagnosis(rule=rule, explanation=explanation, score=(rule.priority, -specificity)))
        found.sort(key=lambda d: d.score)
        return found


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


def _mtime(path: Path) -> float:
    try:
        if path.is_file():
            return path.stat().st_mtime
        return max((p.stat().st_mtime for p in path.rglob("*.toml")), default=0.0)
    except OSError:
        return 0.0


@lru_cache(maxsize=32)
def _load_pack_cached(path: Path, mtime: float) -> LoadReport:
    return load_pack(path)


@dataclass(frozen=True)
class _CompiledMatch:
    exception: tuple[str, ...]
    not_exception: tuple[str, ...]
    message: tuple[re.Pattern[str], ...]
    message_all: tuple[re.Pattern[str], ...]
    not_message: tuple[re.Pattern[str], ...]
    phase: tuple[str, ...]

    def matches(self, failure: Failure) -> int | None:
        """None if the failure does not match; else a specificity score (types count more than text)."""
        if self.phase and failure.phase not in self.phase and failure.phase != "text":
            return None
        score = 0
        if self.exception:
            if not any(failure.has_type(name) for name in self.exception):
                return None
            score += 2
        if any(failure.has_type(name) for name in self.not_exception):
            return None
        text = failure.text
        if self.message:
            if not any(p.search(text) for p in self.message):
                return None
            score += 1
        if self.message_all:
            if not all(p.search(text) for p in self.message_all):
                return None
            score += len(self.message_all)
        if any(p.search(text) for p in self.not_message):
            return None
        if not (self.exception or self.message or self.message_all):
            return None  # a rule with no positive test would match everything
        return score


def _compile(rule: Rule) -> _CompiledMatch:
    m = rule.match
    return _CompiledMatch(
        exception=tuple(m.exception),
        not_exception=tuple(m.not_exception),
        message=tuple(re.compile(p) for p in m.message),
        message_all=tuple(re.compile(p) for p in m.message_all),
        not_message=tuple(re.compile(p) for p in m.not_message),
        phase=tuple(m.phase),
    )
