"""Point huggingface_hub and transformers at a test cache and endpoint; the cache layout lives in the package.

`install_in_cache` and the blob helpers come from `advisor.sandbox.cache` (the demo uses them too).
`configure_hub` sets HF_HOME / offline / endpoint for a test, including the values huggingface_hub froze
at import time.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from advisor.sandbox.cache import (  # noqa: F401  (re-exported for the tests)
    LFS_MIN_SIZE,
    LFS_SUFFIXES,
    BlobInfo,
    blob_info,
    content_commit,
    git_blob_sha1,
    install_in_cache,
    is_lfs,
    lfs_pointer_text,
    repo_files,
    repo_folder,
)

if TYPE_CHECKING:
    import pytest


# --------------------------------------------------------------------------------------------------
# Pointing huggingface_hub / transformers at a cache and an endpoint
# --------------------------------------------------------------------------------------------------

#: Nothing listens on port 9 (discard): connections are refused at once, no DNS, no real Hub.
DEAD_ENDPOINT = "http://127.0.0.1:9"

_CLEARED_ENV = (  # user settings that would leak into tests: other caches, tokens, timeouts, modes
    "HF_HUB_CACHE",
    "HUGGINGFACE_HUB_CACHE",
    "TRANSFORMERS_CACHE",
    "HF_ASSETS_CACHE",
    "HF_XET_CACHE",
    "XDG_CACHE_HOME",
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_TOKEN_PATH",
    "HF_OIDC_RESOURCE",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN",
    "TRANSFORMERS_OFFLINE",
    "HF_HUB_ETAG_TIMEOUT",
    "HF_HUB_DOWNLOAD_TIMEOUT",
    "HF_HUB_DISABLE_XET",
    "HF_HUB_DISABLE_SYMLINKS",
    "HF_HUB_DISABLE_SHARED_BLOBS",
    "HF_DEBUG",
    "HUGGINGFACE_CO_STAGING",
)


def configure_hub(
    mp: pytest.MonkeyPatch,
    *,
    hf_home: Path,
    offline: bool = True,
    endpoint: str = DEAD_ENDPOINT,
    etag_timeout: int | None = None,
    download_timeout: int | None = None,
) -> None:
    """Point huggingface_hub and transformers at `hf_home` and `endpoint`, undone by `mp`.

    huggingface_hub reads its environment once, at import, into `huggingface_hub.constants` (and a few
    modules copy values, e.g. `utils._cache_manager.HF_HUB_CACHE`); `HfApi` objects also keep the endpoint
    they were built with. So setting env vars is not enough once the library is imported: this sets the
    env vars (for later imports and subprocesses), recomputes the constants from them with the library's
    own `constants.py`, patches every changed value where it was copied, and re-points cached clients.
    """
    env = {
        "HF_HOME": str(hf_home),
        "HF_HUB_OFFLINE": "1" if offline else "0",
        "HF_ENDPOINT": endpoint,
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }
    if etag_timeout is not None:
        env["HF_HUB_ETAG_TIMEOUT"] = str(etag_timeout)
    if download_timeout is not None:
        env["HF_HUB_DOWNLOAD_TIMEOUT"] = str(download_timeout)
    for name in _CLEARED_ENV:
        mp.delenv(name, raising=False)
    for name, value in env.items():
        mp.setenv(name, value)
    _sync_constants(mp)
    _repoint_clients(mp)


def reset_hub_clients() -> None:
    """Drop clients cached with a per-test endpoint (transformers' shared HfApi, the pooled HTTP session)."""
    hub_module = sys.modules.get("transformers.utils.hub")
    if hub_module is not None:
        hub_module._hf_api = None  # type: ignore[attr-defined]
    api_module = sys.modules.get("huggingface_hub.hf_api")
    constants = sys.modules.get("huggingface_hub.constants")
    if api_module is not None and constants is not None:
        api_module.api.endpoint = constants.ENDPOINT
    http_module = sys.modules.get("huggingface_hub.utils._http")
    if http_module is not None:
        if hasattr(http_module, "close_session"):  # huggingface_hub >= 1 (httpx)
            http_module.close_session()
        else:  # huggingface_hub < 1 (requests)
            http_module.reset_sessions()


def _sync_constants(mp: pytest.MonkeyPatch) -> None:
    """Recompute `huggingface_hub.constants` from the current env and patch every value that changed."""
    import huggingface_hub.constants as constants

    fresh = _fresh_constants(constants.__file__)
    for name, value in vars(fresh).items():
        if not name.isupper() and not name.startswith("default_"):
            continue
        old = getattr(constants, name, None)
        if old == value:
            continue
        for module in _modules_holding(name, old):
            mp.setattr(module, name, value)
        mp.setattr(constants, name, value, raising=False)
    for alias, name in _TRANSFORMERS_ALIASES.items():
        for module_name, module in list(sys.modules.items()):
            if module is not None and module_name.split(".")[0] == "transformers" and alias in vars(module):
                mp.setattr(module, alias, getattr(constants, name))


#: transformers 4.x copies hub constants under its own names at import (5.x reads huggingface_hub's).
_TRANSFORMERS_ALIASES = {
    "TRANSFORMERS_CACHE": "HF_HUB_CACHE",
    "PYTORCH_TRANSFORMERS_CACHE": "HF_HUB_CACHE",
    "PYTORCH_PRETRAINED_BERT_CACHE": "HF_HUB_CACHE",
    "_is_offline_mode": "HF_HUB_OFFLINE",
}


def _fresh_constants(path: str | None) -> ModuleType:
    """Execute a private copy of huggingface_hub's constants.py (it imports only the stdlib)."""
    spec = importlib.util.spec_from_file_location("_hf_constants_snapshot", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load huggingface_hub constants from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _modules_holding(name: str, value: object) -> list[ModuleType]:
    """Imported huggingface_hub/transformers modules (other than constants) that copied `name` = `value`."""
    holders = []
    for module_name, module in list(sys.modules.items()):
        if module is None or module_name == "huggingface_hub.constants":
            continue
        if module_name.split(".")[0] in {"huggingface_hub", "transformers"}:
            held = vars(module).get(name, _MISSING)
            if held is not _MISSING and held == value and not isinstance(held, ModuleType):
                holders.append(module)
    return holders


def _repoint_clients(mp: pytest.MonkeyPatch) -> None:
    """Re-point clients created before this configuration at the current endpoint."""
    import huggingface_hub.constants as constants

    hub_module = sys.modules.get("transformers.utils.hub")
    if hub_module is not None:
        mp.setattr(hub_module, "_hf_api", None, raising=False)  # transformers 5 caches an HfApi; 4.x has none
    api_module = sys.modules.get("huggingface_hub.hf_api")
    if api_module is not None:
        mp.setattr(api_module.api, "endpoint", constants.ENDPOINT)


_MISSING = object()
