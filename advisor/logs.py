"""Every decision of a load as a record on ``logging.getLogger("advisor")``: a listener like the report.

The library configures no output (that is the application's choice): its only handler is a NullHandler, so
nothing is printed unless the application sets up logging (``logging.basicConfig(level=logging.INFO)``).
Levels: the start, attempts and decisions at INFO; an identity or security change applied at WARNING; a give-up
at ERROR; download progress never.
"""

from __future__ import annotations

import logging

from advisor import events as ev

logger = logging.getLogger("advisor")
# The logging HOWTO's advice for libraries: a NullHandler only, so Python's last-resort handler does not print
# our records on stderr when the application configured nothing; the application decides where they go.
logger.addHandler(logging.NullHandler())


def _changes(changes: dict[str, object]) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in changes.items()) or "no changes"


class LogListener:
    """Turns loop events into log records (ids, messages and kwargs arrive redacted from the loop)."""

    def __call__(self, event: ev.Event) -> None:
        if isinstance(event, ev.LoadStarted):
            logger.info("load %s (%s) %s", event.model_id, event.auto_class, _changes(event.kwargs))
        elif isinstance(event, ev.PreflightDecision):
            logger.info("preflight %s (%s risk): %s — %s", event.fix, event.risk.value, _changes(event.changes),
                        event.reason)
        elif isinstance(event, ev.AttemptStarted):
            logger.info("attempt %d: %s %s", event.n, event.model_id, _changes(event.kwargs))
        elif isinstance(event, ev.FailureCaught):
            logger.info("attempt %d failed in %s: %s: %s", event.n, event.phase, event.error_type,
                        event.message.splitlines()[0] if event.message else "")
        elif isinstance(event, ev.Diagnosed):
            logger.info("diagnosed %s (rule %s): %s", event.category, event.rule, event.title)
        elif isinstance(event, ev.RemedyDecided):
            level = logging.WARNING if event.applied and event.risk.value in ("identity", "security") else logging.INFO
            verb = "applied" if event.applied else "not applied"
            logger.log(level, "%s %s (%s risk): %s — %s", verb, event.fix, event.risk.value,
                       _changes(event.changes), event.reason)
        elif isinstance(event, ev.ConsentAnswered):
            logger.info("consent for %s: %s", event.fix, "granted" if event.granted else "refused")
        elif isinstance(event, ev.Loaded):
            logger.info("loaded %s as %s on %s (%s)", event.model_id, event.model_class, event.device, event.dtype)
        elif isinstance(event, ev.GaveUp):
            logger.error("gave up after %d attempt(s): %s", event.n, event.reason)
        elif isinstance(event, ev.Note):
            logger.info("%s", event.message)
