"""Nothing in the user's cache is deleted or changed without consent, and reports are written atomically.

The one write the advisor makes into the HF cache on its own is ``force_download`` of a file proven broken
(it failed to deserialize): the blob is content-addressed, so the Hub's copy of the same commit restores
what the cache already claims to hold; every other file keeps its bytes and nothing is deleted.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.hf_cache import install_in_cache
from support.hub_double import HubDouble
from support.tiny_models import make_lfs_pointer, truncate_file

from advisor import LoadFailed, safe_load
from advisor.report import Report

REPO = Path(__file__).resolve().parents[2]


def cache_state(hf_home: Path) -> dict[str, str]:
    """Every entry under the hub cache: symlinks by target, files by sha256 (what "unchanged" means)."""
    state: dict[str, str] = {}
    for path in sorted((hf_home / "hub").rglob("*")):
        rel = str(path.relative_to(hf_home))
        if path.is_symlink():
            state[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def test_failures_offline_leave_the_cache_byte_for_byte_unchanged(cached_tiny: Path) -> None:
    snapshot = next((cached_tiny / "hub" / "models--org--tiny" / "snapshots").iterdir())
    truncate_file(snapshot / "model.safetensors")
    before = cache_state(cached_tiny)
    for model_id, kwargs in (("org/tiny", {}), ("org/tinny", {}), ("org/not-there", {}),
                             ("acme/tiny-gpt2", {"dtype": "float64", "device_map": "cuda"})):
        try:
            safe_load(model_id, **kwargs)
        except LoadFailed:
            pass
    assert cache_state(cached_tiny) == before


def test_force_download_rewrites_only_the_broken_blob_and_deletes_nothing(
        hub: HubDouble, hf_home: Path, tiny_llama_dir: Path, tmp_path: Path) -> None:
    # force_download counts as "safe", not "destructive": it replaces a file proven broken (it failed to
    # deserialize) by the Hub's copy of the same commit; see rules/files/corrupted-weights.toml.
    snapshot = install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    install_in_cache(hf_home, "acme/other", tiny_llama_dir)  # another repo: must not be touched
    blob = (snapshot / "model.safetensors").resolve()
    make_lfs_pointer(snapshot / "model.safetensors")
    before = cache_state(hf_home)
    result = safe_load("org/tiny", tokenizer=False)
    assert result.report.attempts[0].remedy is not None and result.report.attempts[0].remedy.fix == "force_download"
    after = cache_state(hf_home)
    assert set(before) <= set(after), f"deleted: {set(before) - set(after)}"
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {str(blob.relative_to(hf_home))}
    assert after[str(blob.relative_to(hf_home))] == blob.name  # LFS blobs are named by their sha256: restored


def test_a_crash_inside_write_leaves_the_previous_report_and_no_temp_file(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    old = _report(True)
    old.write(target)
    previous = target.read_text()

    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.inner = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.inner.close()

        def write(self, text: str) -> int:
            self.inner.write(text[: len(text) // 2])
            self.inner.flush()
            raise KeyboardInterrupt  # Ctrl-C in the middle of the write

    monkeypatch.setattr("advisor.report.os.fdopen", HalfWriter)
    with pytest.raises(KeyboardInterrupt):
        _report(False).write(target)
    assert target.read_text() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


_CRASH = """
import os, sys
from advisor.report import Report
report = Report.model_validate_json(open(sys.argv[1]).read())
real = os.fdopen
class Crash:
    def __init__(self, fd, *a, **k):
        self.inner = real(fd, *a, **k)
    def __enter__(self):
        return self
    def __exit__(self, *e):
        pass
    def write(self, text):
        self.inner.write(text[: len(text) // 2]); self.inner.flush(); os.fsync(self.inner.fileno())
        os._exit(9)  # the process dies half-way: no cleanup code runs
os.fdopen = Crash
report.write(sys.argv[2])
"""


def test_a_process_killed_mid_write_never_leaves_a_partial_report_at_the_target(tmp_path: Path) -> None:
    source = tmp_path / "source.json"
    source.write_text(_report(False).to_json())
    target = tmp_path / "out" / "report.json"
    proc = subprocess.run([sys.executable, "-c", _CRASH, str(source), str(target)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.returncode == 9, proc.stderr[-2000:]
    assert not target.exists()  # the half-written bytes sit in a hidden temp file, never under the report's name
    leftovers = list(target.parent.iterdir())
    assert all(p.name.startswith(".report.json.") for p in leftovers) and leftovers


def _report(succeeded: bool) -> Report:
    return Report(succeeded=succeeded, model_id="org/x", final_model_id="org/x", started_at="2026-01-01T00:00:00",
                  duration_s=1.0, next_steps=["x" * 5000] if not succeeded else [])
