"""Failure: one normalised error, from a live exception chain or from pasted traceback text."""

from __future__ import annotations

import re
import traceback
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.oom import parse_oom
from advisor.redact import redact_text

Phase = Literal["load", "tokenizer", "verify", "preflight", "text"]
MAX_CHAIN = 12


class ErrorInfo(BaseModel):
    """One exception of a chain: its qualified type, every base-class name, and its message."""

    model_config = ConfigDict(frozen=True)

    type: str  # e.g. "huggingface_hub.errors.RepositoryNotFoundError"
    names: frozenset[str]  # short and qualified names of the type and its bases (lower-case)
    message: str

    @property
    def short(self) -> str:
        return self.type.rsplit(".", 1)[-1]


def _type_names(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        names.add(klass.__name__.lower())
        names.add(f"{klass.__module__}.{klass.__qualname__}".lower())
    return frozenset(names)


def _text_type_names(qualified: str) -> frozenset[str]:
    short = qualified.rsplit(".", 1)[-1]
    return frozenset({qualified.lower(), short.lower()})


class Failure(BaseModel):
    """An error to diagnose: the chain outermost first, the phase it happened in, and all its text."""

    model_config = ConfigDict(frozen=True)

    chain: list[ErrorInfo]
    phase: Phase = "load"
    text: str = ""  # every message (and, for pasted text, the whole paste) for regex matching
    excerpt: str = ""  # a short traceback excerpt for humans
    pasted: bool = False
    details: dict[str, float | str] = Field(default_factory=dict)

    @property
    def top(self) -> ErrorInfo:
        return self.chain[0]

    def has_type(self, name: str) -> bool:
        """True if any exception in the chain is (a subclass of) ``name``; short or qualified names."""
        wanted = name.lower()
        return any(wanted in info.names for info in self.chain)

    @classmethod
    def from_exception(cls, exc: BaseException, phase: Phase = "load") -> Failure:
        """Walk ``__cause__``/``__context__`` (transformers wraps hub errors in OSError) into a chain."""
        chain: list[ErrorInfo] = []
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen and len(chain) < MAX_CHAIN:
            seen.add(id(current))
            klass = type(current)
            chain.append(
                ErrorInfo(
                    type=f"{klass.__module__}.{klass.__qualname__}".removeprefix("builtins."),
                    names=_type_names(klass),
                    message=redact_text(_message(current)),
                )
            )
            current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        text = "\n".join(f"{info.type}: {info.message}" for info in chain)
        frames = traceback.extract_tb(exc.__traceback__)[-3:] if exc.__traceback__ else []
        excerpt = "".join(traceback.format_list(frames)) + f"{chain[0].type}: {chain[0].message}"
        return cls(chain=chain, phase=phase, text=text, excerpt=redact_text(excerpt[-2000:]),
                   details=_details(text))

    @classmethod
    def from_text(cls, raw: str) -> Failure:
        """Parse pasted text (tracebacks, log lines, a bare message) into a best-effort chain."""
        from advisor.textparse import clean_text, parse_exceptions

        text = redact_text(clean_text(raw))
        found = parse_exceptions(text)
        chain = [ErrorInfo(type=name, names=_text_type_names(name), message=msg) for name, msg in found]
        if not chain:
            chain = [ErrorInfo(type="", names=frozenset(), message=text.strip()[-2000:])]
        return cls(chain=chain, phase="text", text=text, excerpt=text.strip()[-2000:], pasted=True,
                   details=_details(text))


_UNEXPECTED_KWARG = re.compile(r"got an unexpected keyword argument '(\w+)'")


def _details(text: str) -> dict[str, float | str]:
    """Values rules read as ``failure.*``: OOM numbers, and the kwarg of an "unexpected keyword argument"."""
    details = dict(parse_oom(text))
    match = _UNEXPECTED_KWARG.search(text)
    if match:
        details["unexpected_kwarg"] = match.group(1)
    return details


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not hide the failure
        text = repr(exc)
    if isinstance(exc, KeyError) and exc.args:
        text = f"KeyError {exc.args[0]!r}: {text}"
    return text[:20000]

