"""What huggingface_hub did on the wire during a load: its own retries, rate limits and cache fallbacks.

huggingface_hub already retries a failing HEAD/API call (5xx, 429 with Retry-After, timeouts, resets)
five times with 1, 2, 4, 8, 8 s sleeps before it gives up, and announces each retry with a WARNING on its
``huggingface_hub.utils._http`` logger. The loop must not retry the same thing again on top (that doubles
the wait), so it listens to those records through a logging handler, counts them per attempt, and lets the
rules read ``failure.hub_retries``. Only records from the loading thread count, so concurrent loads in
other threads keep separate counts. Nothing in huggingface_hub is patched: a handler is added to its
logger and removed afterwards.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

HUB_LOGGER = "huggingface_hub"
#: "Retrying in 4s [Retry 3/5]." and "Rate limited. Waiting 43.0s before retry [Retry 1/5]."
_RETRY_RE = re.compile(r"(?:Retrying in|Rate limited\. Waiting) (?P<s>[0-9.]+)s")
_FALLBACK_RE = re.compile(r"Could not reach the Hub|Using cached commit hash|couldn't connect to", re.I)
_STATUS_RE = re.compile(r"HTTP Error (?P<status>\d{3}) thrown")
#: Longest Retry-After the advisor honours itself (the retry action's own bound).
MAX_RETRY_AFTER_S = 30.0


@dataclass
class HubActivity:
    """Counts for one attempt: retries huggingface_hub made, seconds it slept, statuses, cache fallbacks."""

    retries: int = 0
    slept_s: float = 0.0
    statuses: list[int] = field(default_factory=list)
    fallbacks: int = 0

    def as_context(self) -> dict[str, Any]:
        """The ``failure.*`` values rules may read: ``hub_retries``, ``hub_slept_s``, ``hub_fallbacks``."""
        return {"hub_retries": self.retries, "hub_slept_s": round(self.slept_s, 2), "hub_fallbacks": self.fallbacks}


class HubWatch(logging.Handler):
    """A logging handler on huggingface_hub's logger that counts what happened in one thread's attempts."""

    def __init__(self, thread: int | None = None) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = thread if thread is not None else threading.get_ident()
        self.attempt = HubActivity()
        self.total = HubActivity()
        self.own = HubActivity()  # retries during the advisor's own lookups (Hub search), counted apart

    def reset_attempt(self) -> None:
        """Start counting a new attempt (the totals for the whole load are kept)."""
        self.attempt = HubActivity()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return  # another thread's load
        try:
            message = record.getMessage()
        except Exception:  # a malformed record must not break a load
            return
        from advisor import network

        state = network.current()
        if state is not None and state.own > 0:  # the advisor's own lookup, not huggingface_hub loading files
            _count(self.own, message)
            return
        for activity in (self.attempt, self.total):
            _count(activity, message)
        retry = _RETRY_RE.search(message)
        if state is not None and retry:
            state.retries_in_row += 1  # network.py stops huggingface_hub's retries after MAX_HUB_RETRIES in a row
            state.row_sleeps.append(float(retry.group("s")))

    def summary(self) -> str:
        """One line for the report's notes, or "" when huggingface_hub had nothing to retry or fall back on."""
        total = self.total
        parts = []
        if total.retries:
            codes = sorted(set(total.statuses))
            what = f" (HTTP {', '.join(map(str, codes))})" if codes else ""
            parts.append(f"huggingface_hub retried {total.retries} Hub request(s){what}, waiting "
                         f"{total.slept_s:.0f} s in all; the advisor did not repeat those retries")
        if self.own.retries:
            parts.append(f"the advisor's own Hub lookups were retried {self.own.retries} time(s) "
                         "(not counted above)")
        if total.fallbacks:
            parts.append("the Hub could not be reached, so files were served from the cached snapshot "
                         "(it may be older than the Hub's current revision)")
        return "; ".join(parts)


def _count(activity: HubActivity, message: str) -> None:
    retry = _RETRY_RE.search(message)
    if retry:
        activity.retries += 1
        activity.slept_s += float(retry.group("s"))
        return
    status = _STATUS_RE.search(message)
    if status:
        activity.statuses.append(int(status.group("status")))
        return
    if _FALLBACK_RE.search(message):
        activity.fallbacks += 1


@contextmanager
def watching() -> Iterator[HubWatch]:
    """Attach a ``HubWatch`` for the current thread to huggingface_hub's logger for the block."""
    watch = HubWatch()
    attach(watch)
    try:
        yield watch
    finally:
        detach(watch)


def error_details(exc: BaseException | None) -> dict[str, Any]:
    """``hub_status`` and ``retry_after`` (seconds, capped) from an HTTP error anywhere in the chain."""
    from advisor.errors import exception_chain

    for item in exception_chain(exc):
        response = getattr(item, "response", None)
        status = getattr(response, "status_code", None)
        if isinstance(status, int):
            out: dict[str, Any] = {"hub_status": status}
            headers = getattr(response, "headers", None) or {}
            try:
                raw = headers.get("Retry-After")
            except Exception:
                raw = None
            if raw is not None and str(raw).strip().replace(".", "", 1).isdigit():
                out["retry_after"] = min(float(raw), MAX_RETRY_AFTER_S)
            return out
    return {}


def attach(watch: HubWatch) -> None:
    """Start listening to huggingface_hub's logger (paired with ``detach``)."""
    logging.getLogger(HUB_LOGGER).addHandler(watch)


def detach(watch: HubWatch) -> None:
    """Stop listening."""
    logging.getLogger(HUB_LOGGER).removeHandler(watch)
