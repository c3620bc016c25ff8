"""Shared fixtures: isolated HF cache and endpoint, tiny real checkpoints, and the Hub double.

Isolation: huggingface_hub reads HF_HOME, HF_HUB_OFFLINE, HF_ENDPOINT, timeouts etc. once, at import, into
`huggingface_hub.constants` (some modules copy them, and `HfApi` objects keep their endpoint), and
transformers freezes HF_MODULES_CACHE the same way. Setting env vars alone therefore does nothing once
the libraries are imported. `support.hf_cache.configure_hub` sets the env vars (for later imports
and subprocesses) and re-derives the constants with huggingface_hub's own constants.py, patching each
changed value wherever it was copied, through a MonkeyPatch that undoes it all. That is configuration
only: no behaviour of huggingface_hub or transformers is replaced.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.hf_cache import DEAD_ENDPOINT, configure_hub, install_in_cache, reset_hub_clients
from support.hub_double import HubDouble
from support.tiny_models import build_custom_code, build_tiny_gpt2, build_tiny_llama

#: Small client timeouts for tests that talk to the Hub double (defaults are 10 s each).
HUB_TIMEOUT_S = 5
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
_MODULES_CACHE_HOLDERS = (
    "transformers.utils.hub",
    "transformers.dynamic_module_utils",
    "transformers.file_utils",
)


# --------------------------------------------------------------------------------------------------
# Markers
# --------------------------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """Register markers here too, so the suite works without pyproject's settings."""
    config.addinivalue_line("markers", "gpu: needs a CUDA device (skipped without one)")
    config.addinivalue_line("markers", "slow: slower live-failure tests")
    config.addinivalue_line("markers", "corpus_wide: walks every corpus text through the engine (not re-run by compat)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `gpu` tests when torch sees no CUDA device (torch is imported only if such tests exist)."""
    gpu_items = [item for item in items if item.get_closest_marker("gpu") is not None]
    if not gpu_items:
        return
    import torch

    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA device (torch.cuda.is_available() is False)")
    for item in gpu_items:
        item.add_marker(skip)


# --------------------------------------------------------------------------------------------------
# Isolation
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _isolated_hf_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Session guard: temp HF_HOME, offline, dead endpoint, no token, no proxy; never the user's cache."""
    home = tmp_path_factory.mktemp("hf_home_session")
    with pytest.MonkeyPatch.context() as mp:
        configure_hub(mp, hf_home=home, offline=True, endpoint=DEAD_ENDPOINT)
        _isolate_modules_cache(mp, home / "modules")
        for name in _PROXY_VARS:
            mp.delenv(name, raising=False)
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        mp.setenv("no_proxy", "127.0.0.1,localhost")
        # transformers >= 5.25 swaps layers for kernels fetched from the Hub when a model lands on a GPU; offline
        # and uncached that fails (tests/gpu/test_gpu_real.py produces it for real): the suite runs without them
        mp.setenv("USE_HUB_KERNELS", "0")
        mp.setenv("ADVISOR_CACHE_DIR", str(home / "advisor_cache"))  # remembered plans: never the real home
        mp.setenv("ADVISOR_KEY_FILE", str(home / "advisor_key" / "remember.key"))
        yield home
    reset_hub_clients()


@pytest.fixture(autouse=True)
def _isolated_advisor_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test remembers plans in its own folder: a plan one test repaired must not shape the next test."""
    folder = tmp_path / "advisor_cache"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(folder))
    monkeypatch.setenv("ADVISOR_KEY_FILE", str(tmp_path / "advisor_key" / "remember.key"))  # never the real one
    return folder


def _isolate_modules_cache(mp: pytest.MonkeyPatch, modules_cache: Path) -> None:
    """Send remote code (trust_remote_code) to a session folder; transformers freezes the path at import.

    It stays the same for the whole session: transformers puts it on sys.path once, at first use.
    """
    mp.setenv("HF_MODULES_CACHE", str(modules_cache))
    for module_name in _MODULES_CACHE_HOLDERS:
        module = sys.modules.get(module_name)
        if module is not None and hasattr(module, "HF_MODULES_CACHE"):
            mp.setattr(module, "HF_MODULES_CACHE", str(modules_cache))


@pytest.fixture
def hf_home(tmp_path: Path) -> Iterator[Path]:
    """An empty HF_HOME for this test; offline (HF_HUB_OFFLINE=1), dead HF_ENDPOINT, no HF_TOKEN."""
    home = tmp_path / "hf_home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        configure_hub(mp, hf_home=home, offline=True, endpoint=DEAD_ENDPOINT)
        yield home
    reset_hub_clients()


# --------------------------------------------------------------------------------------------------
# Checkpoints
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_llama_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny llama checkpoint built once per session and shared: never modify it, copy it first."""
    return build_tiny_llama(tmp_path_factory.mktemp("tiny_llama") / "tiny_llama")


@pytest.fixture(scope="session")
def _tiny_gpt2_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny GPT-2 checkpoint built once per session (source for the cache fixtures)."""
    return build_tiny_gpt2(tmp_path_factory.mktemp("tiny_gpt2") / "tiny_gpt2")


@pytest.fixture
def cached_tiny(hf_home: Path, tiny_llama_dir: Path, _tiny_gpt2_dir: Path) -> Path:
    """`hf_home` holding `org/tiny` (llama) and `acme/tiny-gpt2` in a real HF cache layout; returns it."""
    install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    install_in_cache(hf_home, "acme/tiny-gpt2", _tiny_gpt2_dir)
    return hf_home


@pytest.fixture
def custom_code_dir(tmp_path: Path) -> tuple[Path, Path]:
    """An `auto_map` checkpoint and the marker file its modules create when imported (absent until then)."""
    marker = tmp_path / "remote_code_ran.marker"
    return build_custom_code(tmp_path / "custom_code", marker), marker


# --------------------------------------------------------------------------------------------------
# Hub double
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def hub(hf_home: Path, tiny_llama_dir: Path) -> Iterator[HubDouble]:
    """A started Hub double serving `org/tiny`, with HF_ENDPOINT pointed at it and HF_HUB_OFFLINE=0.

    Client timeouts are HUB_TIMEOUT_S. The cache (`hf_home`) starts empty.
    """
    with HubDouble() as double, pytest.MonkeyPatch.context() as mp:
        double.add_repo("org/tiny", tiny_llama_dir)
        configure_hub(
            mp,
            hf_home=hf_home,
            offline=False,
            endpoint=double.url,
            etag_timeout=HUB_TIMEOUT_S,
            download_timeout=HUB_TIMEOUT_S,
        )
        yield double
    reset_hub_clients()
