"""Lay out a checkpoint directory as a real huggingface_hub cache, and point the libraries at a cache.

`install_in_cache` writes what `hf_hub_download` writes (blobs, snapshot symlinks, refs), so
`from_pretrained("org/name")` with HF_HUB_OFFLINE=1 and `huggingface_hub.scan_cache_dir()` accept it. The
blob naming helpers are shared with the Hub double, so a repo served by the double and the same directory
installed here agree on ETags and commit hashes. `configure_hub` sets HF_HOME / offline / endpoint for a
test, including the values huggingface_hub froze at import time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

#: Files the Hub stores through Git LFS (by `.gitattributes` in a default repo), plus anything large.
LFS_SUFFIXES = frozenset(
    {
        ".safetensors",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".h5",
        ".msgpack",
        ".onnx",
        ".gguf",
        ".model",
        ".npz",
        ".pkl",
    }
)
LFS_MIN_SIZE = 10 * 1024 * 1024
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class BlobInfo:
    """What the Hub knows about one file of a repo: path, size, git blob id, and LFS sha256 if any."""

    path: str
    size: int
    git_sha1: str
    sha256: str | None

    @property
    def etag(self) -> str:
        """The ETag the Hub sends, which is also the blob's file name in the cache."""
        return self.sha256 or self.git_sha1

    @property
    def lfs_pointer_size(self) -> int:
        """Size of the LFS pointer text that git stores in place of the file."""
        return len(lfs_pointer_text(self.sha256 or "", self.size).encode())


def lfs_pointer_text(sha256: str, size: int) -> str:
    """Return the Git LFS pointer text for a file with this sha256 and size."""
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n"


def git_blob_sha1(data: bytes) -> str:
    """Return git's blob id for `data` (sha1 over `blob <len>\\0` + data), as the Hub uses for ETags."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def is_lfs(path: str, size: int) -> bool:
    """Tell whether the Hub would store `path` through LFS (weights by suffix, or anything >= 10 MiB)."""
    return Path(path).suffix in LFS_SUFFIXES or size >= LFS_MIN_SIZE


def blob_info(path: str, data: bytes) -> BlobInfo:
    """Describe one file's content the way the Hub does."""
    sha256 = hashlib.sha256(data).hexdigest() if is_lfs(path, len(data)) else None
    return BlobInfo(path=path, size=len(data), git_sha1=git_blob_sha1(data), sha256=sha256)


def repo_files(src_dir: Path) -> dict[str, Path]:
    """Map repo-relative POSIX paths to files under `src_dir` (hidden folders such as .git skipped)."""
    files: dict[str, Path] = {}
    for path in sorted(src_dir.rglob("*")):
        relative = path.relative_to(src_dir)
        if path.is_file() and not any(part.startswith(".") and part != ".gitattributes" for part in relative.parts):
            files[relative.as_posix()] = path
    return files


def content_commit(blobs: list[BlobInfo]) -> str:
    """Derive a stable 40-hex commit id from the repo content, so equal content gives equal commits."""
    digest = hashlib.sha1(usedforsecurity=False)
    for blob in sorted(blobs, key=lambda b: b.path):
        digest.update(f"{blob.path}\0{blob.etag}\n".encode())
    return digest.hexdigest()


def repo_folder(hf_home: Path, repo_id: str, repo_type: str = "model") -> Path:
    """Return `hf_home/hub/models--org--name`, the cache folder of a repo."""
    return hf_home / "hub" / f"{repo_type}s--{repo_id.replace('/', '--')}"


def install_in_cache(
    hf_home: Path, repo_id: str, src_dir: Path, revision: str = "main", commit: str | None = None
) -> Path:
    """Copy `src_dir` into the HF cache under `hf_home` as `repo_id` at `revision`; return the snapshot path.

    Blobs are named by git sha1 (small files) or sha256 (LFS files), snapshot entries are relative
    symlinks to them, and `refs/<revision>` holds the commit without a trailing newline.
    """
    files = repo_files(src_dir)
    blobs = {name: blob_info(name, path.read_bytes()) for name, path in files.items()}
    commit = commit or content_commit(list(blobs.values()))
    if not _COMMIT_RE.match(commit):
        raise ValueError(f"commit must be 40 lowercase hex characters, got {commit!r}")
    folder = repo_folder(hf_home, repo_id)
    snapshot = folder / "snapshots" / commit
    for name, path in files.items():
        _link_blob(folder, snapshot / name, path, blobs[name].etag)
    _write_ref(folder, revision, commit)
    return snapshot


def _link_blob(folder: Path, entry: Path, source: Path, etag: str) -> None:
    """Store `source` as `blobs/<etag>` (once) and point the snapshot `entry` at it with a relative link."""
    blob = folder / "blobs" / etag
    blob.parent.mkdir(parents=True, exist_ok=True)
    if not blob.exists():
        shutil.copyfile(source, blob)
    entry.parent.mkdir(parents=True, exist_ok=True)
    if entry.is_symlink() or entry.exists():
        entry.unlink()
    entry.symlink_to(os.path.relpath(blob, entry.parent))


def _write_ref(folder: Path, revision: str, commit: str) -> None:
    """Write `refs/<revision>` = commit (no newline), as huggingface_hub does; commits need no ref."""
    if _COMMIT_RE.match(revision):
        return
    ref = folder / "refs" / revision
    ref.parent.mkdir(parents=True, exist_ok=True)
    ref.write_text(commit)


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
        http_module.close_session()


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
        mp.setattr(hub_module, "_hf_api", None)
    api_module = sys.modules.get("huggingface_hub.hf_api")
    if api_module is not None:
        mp.setattr(api_module.api, "endpoint", constants.ENDPOINT)


_MISSING = object()
