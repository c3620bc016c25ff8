"""No identity change without proof or consent: the bundled rules never load another revision, folder or repo
than the one asked for on their own. Every state is built for real (a cache with snapshots, folders in the
working directory, near-miss repo ids) and the test asserts which repos/revisions/paths were attempted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support.hf_cache import install_in_cache

from advisor import LoadFailed, Policy, safe_load
from advisor.policy import ConsentRequest

YES = Policy(consent=lambda request: True)  # like --yes: every question answered yes


def test_an_absolute_path_is_never_rewritten_into_the_relative_folder_of_the_same_name(
        tmp_path: Path, tiny_llama_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`/models/tiny` does not exist; `./models/tiny` (cwd) does and would load: it must not be tried."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(tiny_llama_dir, tmp_path / "models" / "tiny")
    missing = "/models/tiny"
    assert not Path(missing).exists()
    with pytest.raises(LoadFailed) as info:
        safe_load(missing, tokenizer=False, policy=YES)
    report = info.value.report
    assert [a.model_id for a in report.attempts] == [missing]
    assert any("/" in step and "closest existing folder" in step for step in report.next_steps)


def test_a_missing_nested_path_names_its_nearest_existing_parent(tmp_path: Path) -> None:
    (tmp_path / "checkpoints").mkdir()
    missing = str(tmp_path / "checkpoints" / "run-7" / "final")
    with pytest.raises(LoadFailed) as info:
        safe_load(missing, tokenizer=False)
    steps = " ".join(info.value.report.next_steps)
    assert str(tmp_path / "checkpoints") in steps and [a.model_id for a in info.value.report.attempts] == [missing]


def test_a_revision_the_cache_lacks_never_becomes_another_snapshot(cached_tiny: Path, tiny_llama_dir: Path) -> None:
    """The cache holds main and a second snapshot (tag v1); asking for v9 offline must not load either."""
    install_in_cache(cached_tiny, "org/tiny", tiny_llama_dir, revision="v1")
    asked: list[ConsentRequest] = []
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiny", tokenizer=False, revision="v9",
                  policy=Policy(consent=lambda request: asked.append(request) or True))
    assert all(a.kwargs.get("revision") == "v9" for a in info.value.report.attempts)
    assert not any("revision" in request.changes for request in asked)  # not even offered


def test_a_pinned_revision_that_does_not_exist_is_not_dropped_without_consent(cached_tiny: Path) -> None:
    """revision-not-found's remedy (load the default branch instead) is an identity change with no proof."""
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiny", tokenizer=False, revision="0" * 40)
    assert all(a.kwargs.get("revision") == "0" * 40 for a in info.value.report.attempts)


def test_equally_close_repo_ids_are_never_picked_even_with_every_question_answered_yes(
        cached_tiny: Path, tiny_llama_dir: Path) -> None:
    for repo in ("team/bert-tiny-a", "team/bert-tiny-b"):
        install_in_cache(cached_tiny, repo, tiny_llama_dir)
    with pytest.raises(LoadFailed) as info:
        safe_load("team/bert-tiny-c", tokenizer=False, policy=YES)
    assert [a.model_id for a in info.value.report.attempts] == ["team/bert-tiny-c"]
    steps = " ".join(info.value.report.next_steps)
    assert "team/bert-tiny-a" in steps and "team/bert-tiny-b" in steps


def test_a_home_relative_path_stays_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(LoadFailed) as info:
        safe_load("~/models/nothing-here", tokenizer=False, policy=YES)
    assert {a.model_id for a in info.value.report.attempts} == {"~/models/nothing-here"}
    assert os.path.expanduser("~") == str(tmp_path)
