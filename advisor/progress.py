"""Download and weight-loading progress as ``DownloadProgress`` events, from the libraries' own hooks.

Two documented seams, the ones ``transformers serve`` uses for its progress stream:

* ``from_pretrained(..., tqdm_class=...)`` (transformers >= 5): handed to huggingface_hub's
  ``hf_hub_download`` / ``snapshot_download``, which build their byte-progress bars from it. A class that
  is not huggingface_hub's own tqdm is used as given, whatever ``HF_HUB_DISABLE_PROGRESS_BARS`` says.
* ``transformers.utils.logging.set_tqdm_hook`` (the "Loading weights" bar), restored afterwards.

The loop opens ``reporting(emit, n)`` around an attempt; the backend opens ``hub_hooks()`` around
``from_pretrained`` and passes on the extra kwargs it yields. Nothing is patched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Literal

from advisor import events as ev

#: Seconds between two events of the same bar (the first, the last and the finishing one always go out).
MIN_INTERVAL_S = 0.1


class LoadCancelled(KeyboardInterrupt):
    """The user cancelled the load while files downloaded or weights loaded (raised from a progress hook).

    A ``KeyboardInterrupt`` on purpose: the loop treats it like Ctrl-C (partial report, then re-raise),
    and libraries that catch ``Exception`` around downloads let it through.
    """


@dataclass
class _Sink:
    emit: Callable[[ev.Event], None]
    n: int
    cancel: threading.Event | None
    ids: Iterator[int] = field(default_factory=lambda: count(1))


_current: ContextVar[_Sink | None] = ContextVar("advisor_progress_sink", default=None)


@contextmanager
def reporting(emit: Callable[[ev.Event], None], n: int, cancel: threading.Event | None = None) -> Iterator[None]:
    """Send the progress of ``from_pretrained`` calls made in this block to ``emit`` (attempt ``n``).

    When ``cancel`` is set, the next progress update raises ``LoadCancelled``.
    """
    token = _current.set(_Sink(emit, n, cancel))
    try:
        yield
    finally:
        _current.reset(token)


def accepts_tqdm_class() -> bool:
    """True when this transformers' ``from_pretrained`` forwards ``tqdm_class`` to huggingface_hub."""
    try:
        from transformers.utils.hub import DownloadKwargs
    except ImportError:
        return False
    return "tqdm_class" in DownloadKwargs.__annotations__


@contextmanager
def hub_hooks(*, own_tqdm: bool = True) -> Iterator[dict[str, Any]]:
    """Around ``from_pretrained``: yields the extra kwargs to pass (``tqdm_class``) and routes the
    "Loading weights" bar, while ``reporting`` is active in this context; yields ``{}`` otherwise.

    ``own_tqdm=False`` when the caller passes a ``tqdm_class`` of their own: theirs wins for downloads.
    """
    sink = _current.get()
    if sink is None:
        yield {}
        return
    bar_class = _bar_class(sink)
    extra: dict[str, Any] = {"tqdm_class": bar_class} if own_tqdm and accepts_tqdm_class() else {}
    from transformers.utils import logging as hf_logging

    set_hook = getattr(hf_logging, "set_tqdm_hook", None)  # transformers >= 5 only
    if set_hook is None:
        yield extra
        return
    owner = threading.get_ident()

    def hook(factory: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if threading.get_ident() != owner:  # another thread's load: leave its bars alone
            return factory(*args, **kwargs)
        return bar_class(*args, **kwargs)

    previous = set_hook(hook)
    try:
        yield extra
    finally:
        set_hook(previous)


@dataclass
class _Tracker:
    """Rate, ETA and throttling for one bar; emits ``DownloadProgress``."""

    sink: _Sink
    bar: int
    file: str
    unit: str
    initial: float
    t0: float = field(default_factory=time.monotonic)
    last: float = 0.0
    ended: bool = False

    def report(self, done: float, total: float | None, *, finished: bool = False) -> None:
        cancel = self.sink.cancel
        if cancel is not None and cancel.is_set() and not finished:
            raise LoadCancelled("load cancelled by the user")
        now = time.monotonic()
        complete = total is not None and done >= total
        if self.ended:  # the finishing event went out already (a complete update, then close())
            return
        if not (finished or complete or self.last == 0.0 or now - self.last >= MIN_INTERVAL_S):
            return
        self.last = now
        self.ended = finished or complete
        elapsed = now - self.t0
        rate = (done - self.initial) / elapsed if elapsed > 0 and done > self.initial else None
        eta = (total - done) / rate if rate and total is not None and total >= done else None
        stage: Literal["download", "weights"] = (
            "weights" if self.unit != "B" and "weight" in self.file.lower() else "download")
        self.sink.emit(ev.DownloadProgress(n=self.sink.n, bar=self.bar, stage=stage, file=self.file,
                                           done=float(done), total=None if total is None else float(total),
                                           unit=self.unit, rate=rate, eta_s=eta, finished=finished or complete))


def _bar_class(sink: _Sink) -> type[Any]:
    """A tqdm subclass that draws nothing and reports to ``sink`` instead (one class per attempt)."""
    from tqdm.std import tqdm as std_tqdm

    base: Any = std_tqdm  # tqdm's stubs type `total`/`n` narrowly; the bar only needs its runtime API

    class AdvisorProgressBar(base):
        """tqdm-compatible: huggingface_hub and transformers call update/close/iterate on it."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            desc = kwargs.get("desc") or (args[1] if len(args) > 1 and isinstance(args[1], str) else "")
            kwargs.pop("name", None)
            kwargs["disable"] = True  # draw nothing, anywhere
            super().__init__(*args, **kwargs)
            iterable = kwargs.get("iterable", args[0] if args else None)
            if kwargs.get("total") is None and hasattr(iterable, "__len__"):
                self.total = len(iterable)  # type: ignore[arg-type]
            name = str(desc or "files").rsplit("/", 1)[-1]  # hub shows "(…)<url tail>" without Content-Disposition
            self._tracker = _Tracker(sink, next(sink.ids), name, str(kwargs.get("unit") or "it"), float(self.n or 0))
            self._closed_report = False

        def update(self, n: float | None = 1) -> bool | None:
            self.n += 1 if n is None else n
            self._tracker.report(self.n, self.total)
            return None

        def __iter__(self) -> Iterator[Any]:
            for item in self.iterable:
                yield item
                self.n += 1
                self._tracker.report(self.n, self.total)

        def close(self) -> None:
            if not self._closed_report:
                self._closed_report = True
                self._tracker.report(self.n, self.total, finished=True)
            super().close()

    AdvisorProgressBar.set_lock(threading.RLock())  # no multiprocessing lock: no resource tracker in a TUI
    return AdvisorProgressBar


def human_amount(value: float, unit: str = "B") -> str:
    """``32_900_000`` -> ``"32.9 MB"`` (decimal, as huggingface_hub's bars); items stay plain numbers."""
    if unit != "B":
        return f"{value:,.0f}"
    number, suffix = _scale(value)
    return f"{value:.0f} B" if suffix == "B" else f"{number:.1f} {suffix}"


def _scale(value: float) -> tuple[float, str]:
    for suffix in ("B", "kB", "MB", "GB"):
        if abs(value) < 1000:
            return value, suffix
        value /= 1000
    return value, "TB"


def describe(event: ev.DownloadProgress) -> str:
    """One line for a progress event: ``model.safetensors 12.6/32.9 MB · 11.9 MB/s · ETA 2 s``."""
    if event.unit == "B" and event.total:
        total, suffix = _scale(event.total)
        scale = event.total / total if total else 1.0
        amount = f"{event.done / scale:.1f}/{total:.1f} {suffix}" if suffix != "B" else \
            f"{event.done:.0f}/{event.total:.0f} B"
    elif event.total:
        amount = f"{event.done:,.0f}/{event.total:,.0f}"
    else:
        amount = human_amount(event.done, event.unit)
    parts = [f"{event.file} {amount}"]
    if event.rate:
        parts.append(f"{human_amount(event.rate, event.unit)}/s" if event.unit == "B" else f"{event.rate:,.0f}/s")
    if event.eta_s is not None and not event.finished:
        parts.append(f"ETA {event.eta_s:.0f} s")
    return " · ".join(parts)
