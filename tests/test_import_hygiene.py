"""`import advisor` and `advisor --help` stay light: no torch, transformers or Textual."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "textual", "accelerate")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True, timeout=120)
    return set(out.stdout.split())


def test_import_advisor_loads_no_heavy_library() -> None:
    loaded = _modules_after("import advisor\nfrom advisor import Policy, Report, LoadFailed")
    assert not [m for m in HEAVY if m in loaded]


def test_cli_help_loads_no_heavy_library() -> None:
    loaded = _modules_after(
        "import sys\nfrom advisor.cli import app\nsys.argv=['advisor','--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert not [m for m in HEAVY if m in loaded]
