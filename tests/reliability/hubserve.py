"""Start a HubDouble subclass as the `hub` fixture does (endpoint, online, short client timeouts)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.hf_cache import configure_hub, reset_hub_clients
from support.hub_double import HubDouble

HUB_TIMEOUT_S = 5


@contextmanager
def serve(double: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> Iterator[HubDouble]:
    """Serve `org/tiny` from ``double`` with HF_ENDPOINT pointed at it and HF_HUB_OFFLINE=0, undone after."""
    with double, pytest.MonkeyPatch.context() as mp:
        double.add_repo("org/tiny", tiny_llama_dir)
        configure_hub(mp, hf_home=hf_home, offline=False, endpoint=double.url, etag_timeout=HUB_TIMEOUT_S,
                      download_timeout=HUB_TIMEOUT_S)
        try:
            yield double
        finally:
            reset_hub_clients()
