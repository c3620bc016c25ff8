"""The code a remote-code remedy would run: found on disk for the consent dialog, and shown read-only (``v``)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from advisor.tui.widgets.render import safe

#: Most bytes of one file the viewer shows (the rest is named, not loaded).
MAX_VIEW_BYTES = 200_000


def code_files(subject: str) -> list[Path]:
    """The Python files that ``trust_remote_code=True`` would import for ``subject``: a local folder's ``*.py``, or
    those of the newest cached snapshot of a repo id. Empty when none are on disk (not downloaded yet)."""
    from advisor.hub import hub_cache_dir, looks_like_path

    folder = Path(subject).expanduser()
    if not folder.is_dir():
        if looks_like_path(subject) or subject.count("/") != 1:
            return []
        snapshots = hub_cache_dir() / f"models--{subject.replace('/', '--')}" / "snapshots"
        found = sorted(snapshots.glob("*"), key=lambda p: p.stat().st_mtime) if snapshots.is_dir() else []
        if not found:
            return []
        folder = found[-1]
    return sorted(p for p in folder.glob("*.py") if p.is_file())


def size_text(n: int) -> str:
    """``812 B`` / ``2.1 kB`` / ``1.4 MB``."""
    if n < 1000:
        return f"{n} B"
    return f"{n / 1000:.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def files_line(files: list[Path]) -> str:
    """``modeling_x.py (2.1 kB), configuration_x.py (812 B)``."""
    return ", ".join(f"{p.name} ({size_text(p.stat().st_size)})" for p in files)


class CodeViewer(ModalScreen[None]):
    """The files' text, read-only; escape (or v) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("v", "close", "Close", show=False),
        Binding("q", "app.quit", "Quit"),  # modal screens hide the app's bindings
    ]

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        parts = []
        for path in self.files:
            data = path.read_bytes()[:MAX_VIEW_BYTES]
            more = "" if path.stat().st_size <= MAX_VIEW_BYTES else "\n# … (cut: the file is longer)\n"
            parts.append(f"# ==== {path.name} ({size_text(path.stat().st_size)}) ====\n"
                         f"{data.decode('utf-8', errors='replace')}{more}")
        with Vertical(id="code-box"):
            yield Static(Text.assemble(("Code that would run ", "bold"),
                                       (safe(str(self.files[0].parent)) if self.files else "", "dim")),
                         id="code-title")
            yield TextArea("\n".join(parts), read_only=True, show_line_numbers=True, id="code-text")
            yield Static(Text("read-only · ↑/↓ scroll · escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
