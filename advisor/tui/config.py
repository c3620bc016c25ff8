"""The app's frozen configuration (what the CLI, the demo and the tests choose), and where files are saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from advisor.facts import Facts
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
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[-60:] or "model"


def save_report(report: Report, directory: Path) -> tuple[Path, Path]:
    """Write the report as JSON and Markdown side by side; returns both paths."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = directory / f"advisor-report-{_slug(report.model_id)}-{stamp}"
    json_path, md_path = base.with_suffix(".json"), base.with_suffix(".md")
    report.write(json_path)
    md_path.write_text(report.to_markdown() + "\n", encoding="utf-8")
    return json_path, md_path


def save_snippet(snippet: str, model_id: str, directory: Path) -> Path:
    """Write the working call as a runnable Python file; returns its path."""
    path = directory / f"load_{_slug(model_id).replace('-', '_').replace('.', '_')}.py"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(snippet.rstrip() + "\n", encoding="utf-8")
    return path
