"""Pydantic models of rule files. Unknown keys are errors; actions are a closed, tagged union."""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from advisor.context import path_problem, template_problems
from advisor.failure import DETAIL_FIELDS
from advisor.policy import Risk
from advisor.taxonomy import Category, Fix

# ---- regexes from rule files: compiled and screened at pack load -------------------------------------------
#
# Rule patterns run on untrusted text (pasted tracebacks, exception messages) inside every live load. We keep
# Python's ``re`` rather than a linear-time engine such as RE2 (google-re2): the bundled rules need what RE2
# lacks (look-ahead ``(?!TF|Flax)``, look-behind ``(?<=HIP out of memory)`` and back-references ``\1``). Instead
# (1) a pattern whose shape backtracks exponentially -- an unbounded repeat inside a repeated group with no
# separator the inner repeat cannot eat, ``(a+)+``, ``(\w+\s?)*`` -- is rejected here, at load, with its file and
# line, and (2) the engine bounds the text a pattern sees (line length and total size, see engine.MATCH_LINE),
# which keeps the polynomial shapes (``\w+x`` on a long word) well under a second.

_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)
_BIG = 64  # a counted repeat above this behaves like an unbounded one for backtracking


def _char_matches(node: tuple[Any, Any], char: int) -> bool | None:
    """Whether the single-character item ``node`` can match ``char``; None when it is not a one-char item."""
    op, av = node
    if op is _c.ANY:
        return char != 10
    if op is _c.LITERAL:
        return bool(av == char)
    if op is _c.NOT_LITERAL:
        return bool(av != char)
    if op is _c.IN:
        return re.fullmatch(_class_source(av), chr(char)) is not None
    return None


def _class_source(items: list[tuple[Any, Any]]) -> str:
    """Rebuild a character class from its parsed items (enough for membership tests)."""
    categories = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                  _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
    out, negate = [], False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY:
            out.append(categories.get(av, r"\w"))
    return "[" + ("^" if negate else "") + ("".join(out) or r"\s\S") + "]"


def _unbounded(items: Any) -> list[tuple[Any, Any]]:
    """Every unbounded (or large) repeat inside ``items``, at any depth."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in _REPEATS:
            if av[1] == _c.MAXREPEAT or av[1] > _BIG:
                found.append((op, av))
            found += _unbounded(av[2])
        elif op is _c.SUBPATTERN:
            found += _unbounded(av[-1])
        elif op is _c.BRANCH:
            for branch in av[1]:
                found += _unbounded(branch)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found += _unbounded(av[1])
    return found


def _separated(body: Any, inner: list[tuple[Any, Any]]) -> bool:
    r"""True if ``body`` has a mandatory literal that none of the inner repeats can match (``(?:\w+, )*``)."""
    for op, av in body:
        if op is not _c.LITERAL:
            continue
        eaters = [_char_matches(rep[1][2][0], av) if len(rep[1][2]) == 1 else None for rep in inner]
        if all(eats is False for eats in eaters):
            return True
    return False


def _catastrophic(items: Any) -> bool:
    """True if a repeated group holds an unbounded repeat with nothing to separate its iterations."""
    for op, av in items:
        if op in _REPEATS:
            body = av[2]
            if len(body) == 1 and body[0][0] is _c.SUBPATTERN:
                body = body[0][1][-1]
            inner = _unbounded(body)
            if (av[1] == _c.MAXREPEAT or av[1] > 1) and inner and not _separated(body, inner):
                return True
            if _catastrophic(av[2]):
                return True
        elif op is _c.SUBPATTERN and _catastrophic(av[-1]):
            return True
        elif op is _c.BRANCH and any(_catastrophic(branch) for branch in av[1]):
            return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT) and _catastrophic(av[1]):
            return True
    return False


def pattern_problem(pattern: str) -> str | None:
    """Why a rule regex is refused (it does not compile, or it can backtrack exponentially); None if fine."""
    try:
        re.compile(pattern)
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as err:
        return f"invalid regex {pattern!r}: {err}"
    try:
        if _catastrophic(parsed.data if hasattr(parsed, "data") else parsed):
            return (f"regex {pattern!r} nests an unbounded repeat inside a repeat (exponential backtracking); "
                    "bound it or add a separator the inner repeat cannot match")
    except RecursionError:
        return f"regex {pattern!r} is nested too deeply"
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_path(path: str) -> str:
    """A ``when`` path in the declared context schema (advisor.context.NAMESPACES)."""
    problem = path_problem(path)
    if problem:
        raise ValueError(problem)
    return path


#: A ``when`` key: checked one by one, so an error names (and points at the line of) the wrong path.
WhenPath = Annotated[str, AfterValidator(_check_path)]


def _check_template(cls: Any, value: Any) -> Any:
    """Every ``{namespace.key}`` placeholder in a template is in the declared context schema."""
    problems = template_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


class Condition(_Strict):
    """A test on one context value (``plan.dtype``, ``facts.cuda_available``, ``failure.phase`` ...)."""

    eq: Any = None
    ne: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    lt: float | None = None
    gt: float | None = None
    exists: bool | None = None
    truthy: bool | None = None
    matches: str | None = None  # regex on str(value)

    @field_validator("matches")
    @classmethod
    def _pattern(cls, pattern: str | None) -> str | None:
        """The regex compiles and cannot backtrack exponentially (checked at pack load, not mid-load)."""
        problem = pattern_problem(pattern) if pattern is not None else None
        if problem:
            raise ValueError(problem)
        return pattern


def _as_list(value: Any) -> Any:
    """A single string where a list is expected is a list of one (``exception = "OSError"``)."""
    return [value] if isinstance(value, str) else value


#: A list of strings that may be written as one string.
StrList = Annotated[list[str], BeforeValidator(_as_list)]


def _check_patterns(patterns: list[str]) -> list[str]:
    """Every regex compiles and cannot backtrack exponentially."""
    for pattern in patterns:
        problem = pattern_problem(pattern)
        if problem:
            raise ValueError(problem)
    return patterns


def _check_field(name: str) -> str:
    """A ``fields`` key names a value ``failure.details`` can hold (advisor.failure.DETAIL_FIELDS)."""
    if name not in DETAIL_FIELDS:
        raise ValueError(f"{name!r} is not a parsed failure field (known: {', '.join(sorted(DETAIL_FIELDS))})")
    return name


#: A ``fields`` key: a parsed value of the failure (``http_status``, ``url_revision``, ``model_type_known`` ...).
FieldName = Annotated[str, AfterValidator(_check_field)]
Patterns = Annotated[list[str], BeforeValidator(_as_list), AfterValidator(_check_patterns)]


class Clause(_Strict):
    """One alternative of ``any``: every clause given in it must hold (as in ``[match]``)."""

    exception: StrList = Field(default_factory=list)  # any of these types anywhere in the chain
    message: Patterns = Field(default_factory=list)  # any of these regexes
    message_all: Patterns = Field(default_factory=list)  # every one of these regexes
    not_message: Patterns = Field(default_factory=list)  # none of these regexes
    fields: dict[FieldName, Condition] = Field(default_factory=dict)  # tests on parsed failure fields


class Match(_Strict):
    """What the failure must look like: every clause given must hold. Types match the whole chain, MRO included.

    ``any`` holds when at least one of its clauses holds; ``fields`` test values parsed from the failure
    (``failure.details``); ``ignore_case`` makes every pattern of the rule case-insensitive (the engine lowers
    the text once, not each pattern); ``keep_case`` keeps the patterns' case even in the any-case reading.
    """

    exception: StrList = Field(default_factory=list)  # any of these types anywhere in the chain
    not_exception: StrList = Field(default_factory=list)
    message: Patterns = Field(default_factory=list)  # any of these regexes, on any message
    message_all: Patterns = Field(default_factory=list)  # every one of these regexes
    not_message: Patterns = Field(default_factory=list)
    phase: list[Literal["load", "tokenizer", "verify", "preflight", "text"]] = Field(default_factory=list)
    fields: dict[FieldName, Condition] = Field(
        default_factory=dict, description="tests on values parsed from the failure (http_status, url_revision, "
        "id_kind, model_type_known ...): every one must hold")
    any: list[Clause] = Field(default_factory=list, description="alternatives: at least one clause must hold")
    ignore_case: bool = Field(default=False, description="every pattern of the rule ignores case")
    keep_case: bool = Field(default=False, description="the patterns rely on case (a class name's capitals): the "
                            "any-case reading of a text nothing matched as written keeps this rule's case")
    same_line: bool = Field(default=False, description="the top-level message and message_all patterns are tested "
                            "line by line, one line must hold them all (not_message: nowhere in the text): a domain "
                            "word and a failure word in one message, not in two unrelated log lines")

    @model_validator(mode="after")
    def _case_is_kept_or_ignored(self) -> Match:
        if self.ignore_case and self.keep_case:
            raise ValueError("ignore_case and keep_case contradict each other: set one")
        return self


# ---- actions: the closed set of things a remedy can do ------------------------------------------


class SetKwargs(_Strict):
    """Set and/or remove from_pretrained kwargs. Values may be templates like ``{facts.best_half_dtype}``."""

    type: Literal["set_kwargs"]
    set: dict[str, Any] = Field(default_factory=dict)
    unset: list[str] = Field(default_factory=list)

    _templates = field_validator("set")(_check_template)


class FixIdentifier(_Strict):
    """Correct the repo id: normalise URL/case/whitespace, else the closest repo in the cache or the Hub."""

    type: Literal["fix_identifier"]
    max_distance: int = Field(default=2, ge=0, le=5)


class UseAutoClass(_Strict):
    """Switch to the Auto class whose mapping holds the checkpoint's config (computed from transformers)."""

    type: Literal["use_auto_class"]
    name: str | None = None


class Offload(_Strict):
    """``device_map="auto"`` with ``max_memory`` headroom, spilling to CPU (or to disk)."""

    type: Literal["offload"]
    to: Literal["cpu", "disk"] = "cpu"
    gpu_fraction: float = Field(default=0.85, gt=0, le=1)


class Quantize(_Strict):
    """Load with a bitsandbytes quantization_config (needs CUDA and bitsandbytes)."""

    type: Literal["quantize"]
    bits: Literal[4, 8] = 8


class Retry(_Strict):
    """Retry the same plan after releasing memory (fragmentation, transient network errors)."""

    type: Literal["retry"]
    backoff_s: float = Field(default=0.0, ge=0, le=30)
    #: after the advisor cut huggingface_hub's retries short: go back to the Hub with the tries it had left
    resume_hub: bool = False


class Advise(_Strict):
    """Change nothing: only a next step for the person (upgrade, log in, install ...)."""

    type: Literal["advise"]


Action = Annotated[
    SetKwargs | FixIdentifier | UseAutoClass | Offload | Quantize | Retry | Advise, Field(discriminator="type")
]


class Remedy(_Strict):
    """One fix for a diagnosed failure: its tag, its risk, what it does, and what to tell a person."""

    fix: Fix
    risk: Risk = Risk.safe
    action: Action
    reason: str = ""
    next_step: str = ""  # template; shown when the remedy is not (or cannot be) applied
    when: dict[WhenPath, Condition] = Field(default_factory=dict)
    _templates = field_validator("reason", "next_step")(_check_template)


class Alternative(_Strict):
    """Another reading of the same text, shown as a ranked hypothesis with how to tell it apart (``why``)."""

    category: Category
    fix: Fix | None = None
    rule: str | None = None  # the rule that stands for it, when there is one
    why: str  # template: what points to it and how to check (``run `hf auth whoami`; if ...``)
    when: dict[WhenPath, Condition] = Field(default_factory=dict)
    _templates = field_validator("why")(_check_template)


class Rule(_Strict):
    """One diagnosis: which failures it recognises (match, when) and the remedies, safest first."""

    id: str = ""
    category: Category
    title: str
    explain: str
    priority: int = Field(default=100, ge=0, le=1000)
    match: Match
    when: dict[WhenPath, Condition] = Field(default_factory=dict)
    remedy: list[Remedy] = Field(default_factory=list)
    alternative: list[Alternative] = Field(
        default_factory=list, description="other readings of the same text, most likely first, with how to tell")
    applies_to: dict[str, str] = Field(default_factory=dict)  # e.g. {transformers = ">=5"}
    override: bool = False  # a later layer must say so to replace a rule id
    last_resort: bool = Field(
        default=False, description="a reading by the message's words alone: tried only when no other rule matches "
        "(never offered beside one that does), on the message lines only (no traceback frames or source lines)")
    source: str = ""  # filled in by the loader: where the rule came from

    _templates = field_validator("title", "explain")(_check_template)

    @field_validator("applies_to")
    @classmethod
    def _specifiers(cls, value: dict[str, str]) -> dict[str, str]:
        """Version ranges must parse here, as a problem with file and field, not crash a later load."""
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        for package, spec in value.items():
            try:
                SpecifierSet(spec, prereleases=True)
            except InvalidSpecifier as err:
                raise ValueError(f"{package}: invalid version range {spec!r}") from err
        return value

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if value and not re.fullmatch(r"[a-z0-9][a-z0-9_\-]*", value):
            raise ValueError("rule ids are lower-case letters, digits, '-' and '_'")
        return value
