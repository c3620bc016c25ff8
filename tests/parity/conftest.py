"""Checkpoints of the parity matrix: each kind built once per session, on first use."""

from __future__ import annotations

from pathlib import Path

import pytest
from parity_rows import BUILDERS


class Checkpoints:
    """``checkpoints["vision"]`` builds the kind once per session and returns its folder (never modify it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, Path] = {}

    def __getitem__(self, kind: str) -> Path:
        if kind not in self._built:
            self._built[kind] = BUILDERS[kind](self.root / kind)
        return self._built[kind]


@pytest.fixture(scope="session")
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> Checkpoints:
    """The parity checkpoints, built lazily."""
    return Checkpoints(tmp_path_factory.mktemp("parity"))
