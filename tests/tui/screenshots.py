"""Regenerate the TUI screenshots in docs/ (``python -m tests.tui.screenshots``): real loads in the demo's
sandbox cache, taken with ``app.save_screenshot()`` at 80x24.

* docs/tui-trace.svg   — `advisor tui acme/tiny-gtp2`: offline, the typo'd id repaired from the cache once answered yes
* docs/tui-consent.svg — the custom-code checkpoint: the consent dialog naming the files that would run
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


async def _shoot(root: Path) -> None:
    from advisor.demo import prepare_sandbox

    paths = prepare_sandbox(root)  # before huggingface_hub is imported
    from advisor.tui.app import create_app
    from advisor.tui.dialogs.consent import ConsentDialog
    from advisor.tui.screens.trace import TraceScreen
    from advisor.tui.state import LoadRequest

    app = create_app(LoadRequest("acme/tiny-gtp2"), save_dir=root)
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, ConsentDialog):  # offline, the near cached id is asked about
            await pilot.pause(0.05)
        await pilot.press("y")
        while not (isinstance(app.screen, TraceScreen) and app.screen.report is not None):
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        app.save_screenshot("tui-trace.svg", path=str(DOCS))
    app = create_app(LoadRequest(str(paths["custom"]), tokenizer=False), save_dir=root)
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, ConsentDialog):
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        app.save_screenshot("tui-consent.svg", path=str(DOCS))
        await pilot.press("n")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="advisor-shots-") as tmp:
        asyncio.run(_shoot(Path(tmp)))
    print(f"wrote {DOCS / 'tui-trace.svg'} and {DOCS / 'tui-consent.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
