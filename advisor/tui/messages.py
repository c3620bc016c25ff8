"""Messages the load worker posts to its screen (thread-safe ``post_message``); nothing else crosses threads."""

from __future__ import annotations

from textual.message import Message

from advisor import events as ev
from advisor.facts import Facts
from advisor.policy import ConsentRequest
from advisor.report import Report
from advisor.tui.state import ConsentReply


class FactsReady(Message):
    """The machine's facts, gathered in the worker before the first attempt."""

    def __init__(self, facts: Facts) -> None:
        super().__init__()
        self.facts = facts


class LoadEvent(Message):
    """One event of the loop, as emitted."""

    def __init__(self, event: ev.Event) -> None:
        super().__init__()
        self.event = event


class ConsentNeeded(Message):
    """The loop waits for a yes/no; answer through ``reply`` (the worker blocks on it)."""

    def __init__(self, request: ConsentRequest, reply: ConsentReply) -> None:
        super().__init__()
        self.request = request
        self.reply = reply


class LoadDone(Message):
    """The worker is done: the report (None if the load never started) and how it ended."""

    def __init__(self, report: Report | None, *, outcome: str, error: str = "", hint: str = "") -> None:
        super().__init__()
        self.report = report
        self.outcome = outcome  # loaded | gave_up | cancelled | error
        self.error = error  # outcome "error": what went wrong (an InvalidRequest's message), one line
        self.hint = hint  # and what to do about it (an InvalidRequest's hint), kept apart
