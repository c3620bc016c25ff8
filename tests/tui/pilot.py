"""Helpers for the Pilot tests: run a coroutine, wait for a state, read the screen as text.

pytest-asyncio is not a dependency: each test runs its own event loop with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import html
import io
import re
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot

T = TypeVar("T")
SIZE = (80, 24)
#: Only a guard against a hang: every wait ends as soon as its condition holds.
HANG_GUARD_S = 60.0

_TEXT = re.compile(r'<text[^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?clip-path="url\(#[\w-]*?-line-(\d+)\)"'
                   r"[^>]*>(.*?)</text>", re.S)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one Pilot session in a fresh event loop."""
    return asyncio.run(coro)


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Let the app run until ``condition()`` is true (fails only if it never becomes true: a hang)."""
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause(0.02)


def screen_text(app: App[Any]) -> str:
    """The screen as plain text lines, read from Textual's SVG export (what a user would see)."""
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    for x, length, line, raw in _TEXT.findall(svg):
        text = html.unescape(raw).replace("\xa0", " ")
        if not text:
            continue
        cell = float(length) / len(text)
        lines.setdefault(int(line), {})[round(float(x) / cell)] = text
    out = []
    for number in sorted(lines):
        row = ""
        for col, text in sorted(lines[number].items()):
            row = row.ljust(col) + text
        out.append(row.rstrip())
    return "\n".join(out)


def plain(renderable: object, width: int = 200) -> str:
    """A rich renderable (a Static's content) as plain text, however long (the pane may scroll)."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def detail_text(screen: Any) -> str:
    """The whole detail pane of a Trace or Report screen, including what is scrolled out of view."""
    from textual.widgets import Static

    return plain(screen.query_one("#detail-body", Static).content)


async def answer_consent(pilot: Pilot[Any], key: str = "y") -> None:
    """Wait for the consent dialog and answer it (``y`` yes, ``n`` no): offline, loading a near cached id instead
    of a typo'd one is asked, as remote code is."""
    from advisor.tui.dialogs.consent import ConsentDialog

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConsentDialog), "consent asked")
    await pilot.press(key)
