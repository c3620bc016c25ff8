"""The advisor's own exceptions, in one place. Each carries data and a hint naming the next step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.report import Report


class AdvisorError(Exception):
    """Base class for every error the advisor raises itself."""

    hint: str = ""


class LoadFailed(AdvisorError):
    """No allowed remedy is left: the load failed. ``report`` says what was tried and what to do next.

    ``__cause__`` is the last error the load raised.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        steps = "\n".join(f"  - {step}" for step in report.next_steps)
        last = report.attempts[-1] if report.attempts else None
        what = f"{last.category}: {last.error.type}" if last and last.error else "no attempt succeeded"
        super().__init__(
            f"Could not load {report.model_id!r} after {len(report.attempts)} attempt(s) ({what})."
            + (f"\nNext steps:\n{steps}" if steps else "")
        )
        self.hint = report.next_steps[0] if report.next_steps else ""


class RulePackError(AdvisorError):
    """A rule file is invalid. ``problems`` lists every error with file and field location."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid rule pack:\n" + "\n".join(problems))
        self.hint = "run `advisor rules check PATH` to see every problem with its location"


class InvalidRequest(AdvisorError, ValueError):
    """The call itself is malformed in a way no remedy can fix (e.g. an unknown dtype string).

    ``message`` and ``hint`` are kept apart for the CLI's ``Error:``/``Hint:`` lines; ``str()`` joins them."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message + (f"\nHint: {hint}" if hint else ""))
        self.message = message
        self.hint = hint


class LoadInterrupted(KeyboardInterrupt):
    """Ctrl-C (or a cancel) ended the load; ``report`` is the partial report up to that moment.

    A ``KeyboardInterrupt`` subclass, so code that stops on Ctrl-C keeps doing so."""

    def __init__(self, report: Report | None) -> None:
        super().__init__("the load was interrupted")
        self.report = report

    @property
    def advisor_report(self) -> Report | None:
        """The same partial report (the name used before this type existed)."""
        return self.report


class AdvisorWarning(UserWarning):
    """What loaded differs from what was asked for (another id, revision, class, dtype or device)."""


def exception_chain(exc: BaseException | None, *, limit: int = 64,
                    respect_suppress: bool = False) -> Iterator[BaseException]:
    """``exc`` and its causes/contexts, outermost first, each once (cycles and depth bounded): the one walk the
    diagnosis, the memory release, the Hub watcher and the network bounds share. ``respect_suppress`` stops at a
    context hidden by ``raise ... from None``, as Python's own traceback printing does."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen and len(seen) < limit:
        seen.add(id(exc))
        yield exc
        suppressed = respect_suppress and exc.__suppress_context__
        exc = exc.__cause__ or (None if suppressed else exc.__context__)
