"""Pydantic models of rule files. Unknown keys are errors; actions are a closed, tagged union."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from advisor.policy import Risk
from advisor.taxonomy import Category, Fix


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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


class Match(_Strict):
    """What the failure must look like. Types are matched against the whole chain, MRO included."""

    exception: list[str] = Field(default_factory=list)  # any of these types anywhere in the chain
    not_exception: list[str] = Field(default_factory=list)
    message: list[str] = Field(default_factory=list)  # any of these regexes, on any message
    message_all: list[str] = Field(default_factory=list)  # every one of these regexes
    not_message: list[str] = Field(default_factory=list)
    phase: list[Literal["load", "tokenizer", "verify", "preflight", "text"]] = Field(default_factory=list)

    @field_validator("message", "message_all", "not_message")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"invalid regex {pattern!r}: {err}") from err
        return patterns


# ---- actions: the closed set of things a remedy can do ------------------------------------------


class SetKwargs(_Strict):
    """Set and/or remove from_pretrained kwargs. Values may be templates like ``{facts.best_half_dtype}``."""

    type: Literal["set_kwargs"]
    set: dict[str, Any] = Field(default_factory=dict)
    unset: list[str] = Field(default_factory=list)


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
    when: dict[str, Condition] = Field(default_factory=dict)


class Rule(_Strict):
    """One diagnosis: which failures it recognises (match, when) and the remedies, safest first."""

    id: str = ""
    category: Category
    title: str
    explain: str
    priority: int = Field(default=100, ge=0, le=1000)
    match: Match
    when: dict[str, Condition] = Field(default_factory=dict)
    remedy: list[Remedy] = Field(default_factory=list)
    applies_to: dict[str, str] = Field(default_factory=dict)  # e.g. {transformers = ">=5"}
    override: bool = False  # a later layer must say so to replace a rule id
    source: str = ""  # filled in by the loader: where the rule came from

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
