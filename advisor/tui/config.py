"""The app's frozen configuration (what the CLI, the demo and the tests choose), and where files are saved."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from advisor.facts import Facts
from advisor.redact import redact_id
from advisor.report import Report
from advisor.tui.state import Loader, LoadRequest


def _default_loader() -> Loader:
    from advisor.loader import run_load

    return run_load


def _default_facts() -> Facts:
    from advisor.facts import gather

    return gather()


@dataclass(frozen=True)
class AppConfig:
    """Everything a screen may need to know, fixed when the app is created (no global settings)."""

    request: LoadRequest | None = None  # prefills the Load form; started at once when ``autostart``
    autostart: bool = True
    loader: Loader = field(default_factory=_default_loader)
    facts: Callable[[], Facts] = _default_facts
    demo: tuple[LoadRequest, ...] = ()
    save_dir: Path = field(default_factory=Path.cwd)
    report_path: Path | None = None  # also write each finished load's report here (``--report``)
    open_report: Path | None = None  # start on the Report screen with this file


def _slug(text: str) -> str:
    """A file-name-safe form of a model id (credentials removed first), at most 60 characters."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", redact_id(text)).strip("-.")[-60:].strip("-.") or "model"


def save_report(report: Report, directory: Path) -> tuple[Path, Path]:
    """Write the report as JSON and Markdown side by side; returns both paths, never an earlier save's.

    Names are built by appending (a dot in the id, ``gpt2.5``, is not taken for a suffix) and keep the
    timestamp; a second save within the same second gets ``-2``, ``-3`` ...
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"advisor-report-{_slug(report.model_id)}-{stamp}"
    directory.mkdir(parents=True, exist_ok=True)
    for n in itertools.count(1):
        name = stem if n == 1 else f"{stem}-{n}"
        json_path, md_path = directory / f"{name}.json", directory / f"{name}.md"
        if not json_path.exists() and not md_path.exists():
            break
    report.write(json_path)
    md_path.write_text(report.to_markdown() + "\n", encoding="utf-8")
    return json_path, md_path


def save_snippet(snippet: str, model_id: str, directory: Path) -> Path:
    """Write the working call as a runnable Python file; returns its path."""
    path = directory / f"load_{_slug(model_id).replace('-', '_').replace('.', '_')}.py"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(snippet.rstrip() + "\n", encoding="utf-8")
    return path


def _clipboard_tools() -> list[list[str]]:
    """System clipboard commands worth trying here, most specific first (none on a bare SSH session)."""
    import os
    import shutil
    import sys

    candidates: list[list[str]] = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    elif os.name == "nt":
        candidates.append(["clip"])
    else:
        if os.environ.get("WAYLAND_DISPLAY"):
            candidates.append(["wl-copy"])
        if os.environ.get("DISPLAY"):
            candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return [c for c in candidates if shutil.which(c[0])]


def copy_text(app: object, text: str, what: str) -> str:
    """Copy ``text`` and return a message that says only what is known to have happened.

    A system clipboard command that succeeds is a copy. Otherwise the text goes to the terminal as OSC 52, which
    the terminal may ignore (tmux without ``set-clipboard on``, macOS Terminal): the message says so."""
    import os
    import subprocess

    for command in _clipboard_tools():
        try:
            done = subprocess.run(command, input=text.encode(), timeout=3, check=False,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return f"copied {what} to the clipboard ({command[0]})"
    copy = getattr(app, "copy_to_clipboard", None)
    if callable(copy):
        copy(text)
    where = ("inside tmux it arrives only with `set -g set-clipboard on`" if os.environ.get("TMUX") else
             "not every terminal accepts it")
    return f"sent {what} to the terminal's clipboard (OSC 52): {where}; w saves it as a .py file"
