"""Remembered plans are re-judged, never trusted: a record edited on disk (a shared or CI-restored cache) is
ignored with a note, and a genuine record is judged again under the current policy like a live remedy.

Records are produced for real (a repaired typo, a consented remote-code load), then edited the way an attacker
with write access to ``ADVISOR_CACHE_DIR`` would: another repo id, injected kwargs, a forged fix label.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.consent import YES

from advisor import LoadFailed, Policy, safe_load
from advisor.policy import Risk


def _record_file(cache: Path) -> Path:
    [path] = sorted((cache / "remembered").glob("*.json"))
    return path


def _edit(path: Path, **changes: object) -> None:
    record = json.loads(path.read_text())
    record.update(changes)
    path.write_text(json.dumps(record))




@pytest.fixture
def typo_record(cached_tiny: Path, _isolated_advisor_cache: Path) -> Path:
    """A genuine record: acme/tiny-gtp2 was repaired to acme/tiny-gpt2."""
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    return _record_file(_isolated_advisor_cache)


def test_a_record_switched_to_another_repo_is_ignored(typo_record: Path, cached_tiny: Path) -> None:
    _edit(typo_record, model_id="org/tiny")  # another cached repo: the attacker's choice
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert all(a.model_id != "org/tiny" for a in result.report.attempts)
    assert result.report.final_model_id == "acme/tiny-gpt2"  # repaired live again, on its own merits
    assert any("not written by this advisor" in note for note in result.report.notes)


def test_injected_kwargs_in_a_record_are_ignored(typo_record: Path) -> None:
    _edit(typo_record, kwargs={"ignore_mismatched_sizes": True, "weights_only": False})
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    for attempt in result.report.attempts:
        assert "ignore_mismatched_sizes" not in attempt.kwargs and "weights_only" not in attempt.kwargs
    assert any("signature" in note for note in result.report.notes)


def test_a_forged_fix_label_does_not_restore_remote_code(
        hf_home: Path, custom_code_dir: tuple[Path, Path], _isolated_advisor_cache: Path) -> None:
    folder, _marker = custom_code_dir
    safe_load(str(folder), tokenizer=False, policy=Policy(consent=lambda request: True))
    path = _record_file(_isolated_advisor_cache)
    _edit(path, changes=[{"fix": "reduce_dtype", "keys": ["trust_remote_code"], "consented": False}])
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False)
    assert "trust_remote_code" not in info.value.report.attempts[0].kwargs


def test_a_record_copied_from_another_user_is_ignored(typo_record: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_KEY_FILE", str(tmp_path / "another-user.key"))
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert [a.outcome for a in result.report.attempts] == ["failed", "loaded"]  # not started from the record
    assert any("not written by this advisor" in note for note in result.report.notes)


def test_a_genuine_record_is_judged_again_under_a_stricter_policy(typo_record: Path) -> None:
    """An identity change remembered with consent is not restored when identity needs consent and no one answers."""
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=Policy(auto_apply=frozenset({Risk.safe})))
    report = info.value.report
    assert all(a.model_id == "acme/tiny-gtp2" for a in report.attempts)
    assert any("not restored" in note for note in report.notes)
    assert typo_record.exists()  # refused under this policy is not "stopped working": the record stays


def test_restored_changes_are_listed_in_preflight_with_their_risk(typo_record: Path) -> None:
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert [a.outcome for a in result.report.attempts] == ["loaded"]
    [restored] = result.report.preflight
    assert restored.changes == {"model_id": "acme/tiny-gpt2"} and restored.risk is Risk.identity
    assert restored.fix == "fix_identifier" and "from memory" in restored.reason


def test_a_consented_remembered_change_is_asked_again(
        hf_home: Path, custom_code_dir: tuple[Path, Path], _isolated_advisor_cache: Path) -> None:
    folder, marker = custom_code_dir
    safe_load(str(folder), tokenizer=False, policy=Policy(consent=lambda request: True))
    marker.unlink()
    asked = []
    with pytest.raises(LoadFailed):
        safe_load(str(folder), tokenizer=False, policy=Policy(consent=lambda request: asked.append(request) or False))
    assert asked and asked[0].risk is Risk.security and asked[0].changes == {"trust_remote_code": True}
    assert not marker.exists()


def test_the_signing_key_is_private_to_the_user(typo_record: Path) -> None:
    import os

    key = Path(os.environ["ADVISOR_KEY_FILE"])
    assert key.is_file() and (key.stat().st_mode & 0o077) == 0
    assert not str(key).startswith(str(typo_record.parent.parent))  # not inside the cache that travels


def test_an_unsigned_record_is_ignored(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    """A record without its signature (written by hand, or by another tool) is never used."""
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    path = _record_file(_isolated_advisor_cache)
    record = json.loads(path.read_text())
    record.pop("mac")
    path.write_text(json.dumps(record))
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert [a.outcome for a in result.report.attempts] == ["failed", "loaded"]
