"""Temporary offload folders: created only when a step that needs one is taken, removed when no longer used.

Kept out of :mod:`advisor.remedies` so that a load that never fails imports none of the rules machinery.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.loadplan import LoadPlan

#: What a proposal shows for a folder that is created only once the remedy is approved.
NEW_TEMP_FOLDER = "<a new temporary folder>"
#: The name every offload folder the advisor creates starts with (under the system's temporary folder).
OFFLOAD_PREFIX = "advisor-offload-"


def new_offload_folder() -> str:
    """Create an empty offload folder under the system's temporary folder."""
    return tempfile.mkdtemp(prefix=OFFLOAD_PREFIX)


def made_here(folder: Any) -> bool:
    """True for an offload folder the advisor created (a remembered plan stores :data:`NEW_TEMP_FOLDER` instead)."""
    if not isinstance(folder, str):
        return False
    path = Path(folder)
    return path.name.startswith(OFFLOAD_PREFIX) and path.parent == Path(tempfile.gettempdir())


@dataclass
class TempFolders:
    """The offload folders one load created, so that none outlives its use.

    Offloaded weights are read from the folder for as long as the model lives (accelerate memory-maps them), so
    the folder the loaded model uses is removed when that model is freed (or at exit); every other one, left by
    an attempt that failed, is removed when the load ends.
    """

    made: list[str] = field(default_factory=list)

    def note(self, before: LoadPlan, after: LoadPlan) -> None:
        """Record the folder :func:`perform` created between two plans, if it created one."""
        folder = after.kwargs.get("offload_folder")
        if before.kwargs.get("offload_folder") == NEW_TEMP_FOLDER and folder != NEW_TEMP_FOLDER and folder:
            self.made.append(folder)

    def release(self, in_use: Any = None, owner: Any = None) -> None:
        """Remove the folders now, except ``in_use``, which goes when ``owner`` (the loaded model) is freed."""
        for folder in self.made:
            if folder != in_use or owner is None:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            try:
                weakref.finalize(owner, shutil.rmtree, folder, True)  # also runs at exit if the model is alive
            except TypeError:  # an object without weak references: keep the folder until exit
                atexit.register(shutil.rmtree, folder, True)
        self.made.clear()
