"""Lay out a checkpoint directory as a real huggingface_hub cache (used by `advisor demo` and the tests).

`install_in_cache` writes what `hf_hub_download` writes (blobs, snapshot symlinks, refs), so
`from_pretrained("org/name")` with HF_HUB_OFFLINE=1 and `huggingface_hub.scan_cache_dir()` accept it. The
blob naming helpers are shared with the Hub double, so a repo served by the double and the same directory
installed here agree on ETags and commit hashes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

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
