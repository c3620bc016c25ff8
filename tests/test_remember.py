"""Remember what worked: a repaired load's plan is reused next time, per model, revision, hardware, versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.consent import YES, yes
from typer.testing import CliRunner

from advisor import LoadFailed, Policy, events
from advisor import remember as rm
from advisor.cli import app
from advisor.facts import Facts, GpuFacts, gather
from advisor.loader import run_load, safe_load
from advisor.loadplan import LoadPlan


def _records(cache: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((cache / "remembered").glob("*.json"))]


def test_a_repaired_typo_is_remembered_and_the_next_load_starts_from_it(
    cached_tiny: Path, _isolated_advisor_cache: Path
) -> None:
    first = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert [a.outcome for a in first.report.attempts] == ["failed", "loaded"]
    [record] = _records(_isolated_advisor_cache)
    assert record["model_id_requested"] == "acme/tiny-gtp2" and record["model_id"] == "acme/tiny-gpt2"
    assert record["changes"][0]["fix"] == "fix_identifier" and record["failed_attempts"] == 1

    seen: list[events.Event] = []
    second = safe_load("acme/tiny-gtp2", tokenizer=False, on_event=seen.append, policy=YES)
    assert [a.outcome for a in second.report.attempts] == ["loaded"]  # no failed attempt this time
    assert second.report.attempts[0].model_id == "acme/tiny-gpt2"
    notes = [e.message for e in seen if isinstance(e, events.Note)]
    assert notes and "remembered" in notes[0] and "acme/tiny-gpt2" in notes[0]
    assert second.report.notes == notes
    assert second.report.model_id == "acme/tiny-gtp2" and second.report.final_model_id == "acme/tiny-gpt2"


def test_a_load_that_needed_no_repair_is_not_remembered(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    safe_load("acme/tiny-gpt2", tokenizer=False)
    assert _records(_isolated_advisor_cache) == []


def test_policy_remember_false_neither_stores_nor_restores(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=Policy(remember=False, consent=yes))
    assert _records(_isolated_advisor_cache) == []
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)  # remembered now
    again = safe_load("acme/tiny-gtp2", tokenizer=False, policy=Policy(remember=False, consent=yes))
    assert [a.outcome for a in again.report.attempts] == ["failed", "loaded"] and not again.report.notes


def test_a_changed_fingerprint_means_the_plan_is_not_used(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    facts = gather()
    run_load("acme/tiny-gtp2", tokenizer=False, facts=facts, policy=YES)
    upgraded = facts.model_copy(update={"packages": {**facts.packages, "transformers": "99.0.0"}})
    result = run_load("acme/tiny-gtp2", tokenizer=False, facts=upgraded, policy=YES)
    assert [a.outcome for a in result.report.attempts] == ["failed", "loaded"]
    assert any("other hardware or libraries" in n and "transformers" in n for n in result.report.notes)
    # the record for the old fingerprint is kept (another machine may share this home); one more for the new one
    assert len(_records(_isolated_advisor_cache)) == 2


def test_another_call_of_the_same_model_does_not_reuse_the_record(cached_tiny: Path) -> None:
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    other = safe_load("acme/tiny-gtp2", tokenizer=False, dtype="float32", policy=YES)
    assert other.report.attempts[0].outcome == "failed"  # the record was for the call without dtype


def test_remote_code_is_never_restored_without_the_policy_allowing_it(
    hf_home: Path, custom_code_dir: tuple[Path, Path], _isolated_advisor_cache: Path
) -> None:
    folder, _marker = custom_code_dir
    granted = safe_load(str(folder), tokenizer=False, policy=Policy(consent=lambda request: True))
    assert granted.report.final_kwargs["trust_remote_code"] is True
    [record] = _records(_isolated_advisor_cache)
    assert record["kwargs"] == {"trust_remote_code": True} and record["changes"][0]["consented"]

    with pytest.raises(LoadFailed) as info:  # default policy: no remote code, whatever was remembered
        safe_load(str(folder), tokenizer=False)
    report = info.value.report
    assert "trust_remote_code" not in report.attempts[0].kwargs
    assert report.attempts[0].category == "trust_remote_code_required"
    assert any("not restored" in n and "remote code" in n for n in report.notes)

    allowed = safe_load(str(folder), tokenizer=False, policy=Policy(allow_remote_code=True))
    assert [a.outcome for a in allowed.report.attempts] == ["loaded"]
    assert allowed.report.attempts[0].kwargs["trust_remote_code"] is True and allowed.report.notes


def test_a_stricter_policy_does_not_restore_a_degrading_fix(cached_tiny: Path) -> None:
    from advisor.policy import Risk

    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)  # an identity fix, applied under the default policy
    strict = Policy(auto_apply=frozenset({Risk.safe}))
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=strict)
    assert any("not restored" in n and "identity" in n for n in info.value.report.notes)


def test_a_remembered_plan_that_stopped_working_is_forgotten(
    cached_tiny: Path, _isolated_advisor_cache: Path
) -> None:
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert len(_records(_isolated_advisor_cache)) == 1
    shutil.rmtree(cached_tiny / "hub" / "models--acme--tiny-gpt2")  # the repaired target is gone
    with pytest.raises(LoadFailed):
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert _records(_isolated_advisor_cache) == []


def _facts(**update: object) -> Facts:
    base = Facts(ram_total_bytes=24 * 2**30, packages={"torch": "2.13.0", "transformers": "5.23.0"})
    return base.model_copy(update=update)


def test_fingerprint_covers_gpus_ram_bucket_and_versions() -> None:
    base = rm.fingerprint(_facts())
    assert base["ram_gib_bucket"] == 16 and base["packages"]["transformers"] == "5.23.0"
    t4 = GpuFacts(index=0, name="Tesla T4", total_bytes=15 * 2**30, free_bytes=2**30, capability=(7, 5))
    assert rm.fingerprint(_facts(gpus=[t4])) != base
    assert rm.fingerprint(_facts(ram_total_bytes=40 * 2**30)) != base
    assert rm.fingerprint(_facts(ram_total_bytes=30 * 2**30)) == base  # same power-of-two bucket
    free_changed = t4.model_copy(update={"free_bytes": 9 * 2**30})
    assert rm.fingerprint(_facts(gpus=[t4])) == rm.fingerprint(_facts(gpus=[free_changed]))  # free memory varies


def test_max_memory_with_gpu_indices_survives_the_round_trip() -> None:
    request = LoadPlan(model_id="org/big", kwargs={"dtype": "bfloat16"})
    final = request.apply({"device_map": "auto", "max_memory": {0: "10GiB", "cpu": "30GiB"}, "dtype": "float16"})
    recorder = rm.Recorder(changes=[{"fix": "device_map_auto_offload", "risk": "slower", "consented": False}],
                           failed_attempts=1)
    path = rm.store(request, final, recorder, _facts(), Policy())
    assert path is not None and path.parent == rm.store_dir()
    found, note = rm.lookup(request, _facts(), Policy())
    assert found is not None and note is None
    assert found.plan.kwargs["max_memory"] == {0: "10GiB", "cpu": "30GiB"}
    assert found.plan.kwargs["dtype"] == "float16" and found.plan.kwargs["device_map"] == "auto"


def test_plans_with_objects_or_tokens_are_not_stored() -> None:
    class QuantConfigLike:
        pass

    request = LoadPlan(model_id="org/big")
    recorder = rm.Recorder(failed_attempts=1)
    assert rm.store(request, request.apply({"quantization_config": QuantConfigLike()}), recorder, _facts(),
                    Policy()) is None
    assert rm.store(request, request.apply({"token": "hf_secret"}), recorder, _facts(), Policy()) is None
    assert not rm.store_dir().exists() or not list(rm.store_dir().iterdir())


def test_the_store_lives_under_advisor_cache_dir_then_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "a"))
    assert rm.store_dir() == tmp_path / "a" / "remembered"
    monkeypatch.delenv("ADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert rm.store_dir() == tmp_path / "xdg" / "advisor" / "remembered"


def test_cache_list_and_clear_commands(cached_tiny: Path) -> None:
    runner = CliRunner()
    assert "no remembered plans" in runner.invoke(app, ["cache", "list"]).output
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    safe_load("Acme/Tiny-GPT2", tokenizer=False)
    listing = runner.invoke(app, ["cache", "list"])
    assert listing.exit_code == 0 and "acme/tiny-gtp2 → acme/tiny-gpt2" in listing.stdout
    data = json.loads(runner.invoke(app, ["cache", "list", "--json"]).stdout)
    assert {r["model_id_requested"] for r in data} == {"acme/tiny-gtp2", "Acme/Tiny-GPT2"}
    assert runner.invoke(app, ["cache", "clear", "Acme/Tiny-GPT2"]).stdout.strip() == "removed 1 remembered plan(s)"
    assert runner.invoke(app, ["cache", "clear"]).stdout.strip() == "removed 1 remembered plan(s)"
    assert json.loads(runner.invoke(app, ["cache", "list", "--json"]).stdout) == []


def test_a_damaged_record_is_ignored_with_a_note(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    [path] = list((_isolated_advisor_cache / "remembered").glob("*.json"))
    record = json.loads(path.read_text())
    del record["model_id"]
    path.write_text(json.dumps(record))
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    assert [a.outcome for a in result.report.attempts] == ["failed", "loaded"]
    assert any("damaged" in n for n in result.report.notes)
    path.write_text("{not json")
    assert any("unreadable" in n for n in safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES).report.notes)


def test_a_remembered_id_fix_made_with_consent_is_asked_again(cached_tiny: Path) -> None:
    """A yes given once is not a yes for later calls: with no one to ask, the remembered near id is not loaded."""
    safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gtp2", tokenizer=False)
    assert [a.model_id for a in info.value.report.attempts] == ["acme/tiny-gtp2"]
