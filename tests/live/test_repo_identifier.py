"""OSError family: typo'd, pasted and ambiguous ids; repos the Hub does not have; gated repos."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.hf_cache import install_in_cache

from advisor import LoadFailed, Policy, safe_load


def test_offline_a_near_cached_id_is_named_but_not_loaded_without_consent(cached_tiny: Path) -> None:
    """Offline, nothing shows that the asked id is missing from the Hub: the near cached id is another model."""
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gtp2")
    report = info.value.report
    assert [a.model_id for a in report.attempts] == ["acme/tiny-gtp2"]  # the cached near id was never loaded
    assert report.attempts[0].category == "repo_not_found"
    steps = " ".join(report.next_steps)
    assert "If you meant acme/tiny-gpt2" in steps and "hf download acme/tiny-gtp2" in steps


def test_offline_a_near_cached_id_is_loaded_when_the_person_says_yes(cached_tiny: Path) -> None:
    asked = []
    result = safe_load("acme/tiny-gtp2", policy=Policy(consent=lambda request: asked.append(request) or True))
    assert [request.changes for request in asked] == [{"model_id": "acme/tiny-gpt2"}]
    assert asked[0].risk.value == "identity"
    report = result.report
    assert report.succeeded and report.final_model_id == "acme/tiny-gpt2"
    assert type(result.model).__name__ == "GPT2LMHeadModel" and result.tokenizer is not None
    first = report.attempts[0]
    assert first.outcome == "failed" and first.category == "repo_not_found"
    assert first.remedy is not None and first.remedy.fix == "fix_identifier" and first.remedy.applied
    assert [a.outcome for a in report.attempts] == ["failed", "loaded"]


@pytest.mark.parametrize("pasted", [
    "https://huggingface.co/acme/tiny-gpt2/tree/main",
    "https://huggingface.co/acme/tiny-gpt2",
    "  acme/tiny-gpt2 ",
    "acme/tiny-gpt2/",
])
def test_pasted_url_and_whitespace_are_normalised(cached_tiny: Path, pasted: str) -> None:
    result = safe_load(pasted, tokenizer=False)
    assert result.report.final_model_id == "acme/tiny-gpt2"
    assert result.report.attempts[0].remedy.fix == "fix_identifier"  # type: ignore[union-attr]


def test_wrong_case_is_repaired_from_the_cache(cached_tiny: Path) -> None:
    result = safe_load("Acme/Tiny-GPT2", tokenizer=False)
    assert result.report.final_model_id == "acme/tiny-gpt2"


def test_ambiguous_typo_is_not_applied_without_consent_and_lists_candidates(
    cached_tiny: Path, tiny_llama_dir: Path
) -> None:
    install_in_cache(cached_tiny, "acme/tiny-gpt3", tiny_llama_dir)
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gptx", tokenizer=False)
    report = info.value.report
    assert not report.succeeded and len(report.attempts) == 1
    assert report.attempts[0].remedy is None or not report.attempts[0].remedy.applied
    steps = " ".join(report.next_steps)
    assert "acme/tiny-gpt2" in steps and "acme/tiny-gpt3" in steps


def test_a_tie_between_ids_is_never_broken_even_when_every_question_is_answered_yes(
        cached_tiny: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(cached_tiny, "acme/tiny-gpt3", tiny_llama_dir)
    asked = []
    policy = Policy(consent=lambda request: asked.append(request) or True)  # like --yes
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gptx", tokenizer=False, policy=policy)
    assert not any("model_id" in request.changes for request in asked)
    assert [a.kwargs for a in info.value.report.attempts] == [{}]  # no attempt on either repo
    steps = " ".join(info.value.report.next_steps)
    assert "acme/tiny-gpt2" in steps and "acme/tiny-gpt3" in steps


def test_a_closest_id_that_is_not_the_only_one_is_applied_only_with_consent(
        cached_tiny: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(cached_tiny, "acme/tiny-gpt3", tiny_llama_dir)  # distance 2 from the request
    asked = []
    policy = Policy(consent=lambda request: asked.append(request) or True)
    result = safe_load("acme/tiny-gpt2x", tokenizer=False, policy=policy)  # distance 1 from acme/tiny-gpt2
    assert result.report.final_model_id == "acme/tiny-gpt2"
    assert asked and asked[0].risk.value == "identity" and asked[0].changes["model_id"] == "acme/tiny-gpt2"


def test_with_the_hub_reachable_its_404_proves_the_typo_and_the_cached_id_loads_without_asking(
        hub: object, hf_home: Path, tiny_llama_dir: Path) -> None:
    hub.add_repo("acme/tiny-llama", tiny_llama_dir)  # type: ignore[attr-defined]  # the near id exists on the Hub
    install_in_cache(hf_home, "acme/tiny-llama", tiny_llama_dir)  # and in the cache
    result = safe_load("acme/tiny-lama", tokenizer=False, token="hf_" + "T0kenOfThisUser" * 2,  # an authenticated 404
                       policy=Policy(consent=lambda request: False))
    assert result.report.final_model_id == "acme/tiny-llama"
    assert result.report.attempts[0].remedy.applied  # type: ignore[union-attr]


def test_local_files_only_is_offline_for_the_id_too(hub: object, hf_home: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(hf_home, "acme/tiny-llama", tiny_llama_dir)
    with pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-lama", tokenizer=False, local_files_only=True)
    assert [a.model_id for a in info.value.report.attempts] == ["acme/tiny-lama"]


def test_typo_is_repaired_through_the_hub_search_when_the_hub_says_it_is_missing(hub: object) -> None:
    result = safe_load("org/tiyn", token="hf_" + "T0kenOfThisUser" * 2)  # with a token the Hub answers 404
    report = result.report
    assert report.succeeded and report.final_model_id == "org/tiny"
    assert report.attempts[0].error is not None and report.attempts[0].category == "repo_not_found"


def test_an_anonymous_401_does_not_prove_a_typo_so_the_near_repo_is_asked_about(hub: object) -> None:
    """Without a token the Hub answers 401 for a missing repo and for a private one alike: 'org/tiyn' may be the
    caller's own private repo, so the public 'org/tiny' is loaded only with a yes."""
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiyn", tokenizer=False)
    report = info.value.report
    assert [a.model_id for a in report.attempts] == ["org/tiyn"]
    remedy = report.attempts[0].remedy
    assert remedy is not None and not remedy.applied and "401" in remedy.reason
    assert "If you meant org/tiny" in " ".join(report.next_steps), report.next_steps
    asked: list[object] = []
    result = safe_load("org/tiyn", tokenizer=False, policy=Policy(consent=lambda r: asked.append(r) or True))
    assert result.report.final_model_id == "org/tiny" and len(asked) == 1


def test_unknown_repo_on_the_hub_gives_up_with_next_steps(hub: object) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load("nobody/completely-different-name")
    err = info.value
    assert err.report.attempts[0].category == "repo_not_found"
    assert err.report.next_steps and "huggingface.co/models?search=" in " ".join(err.report.next_steps)
    assert isinstance(err.__cause__, OSError)


def test_gated_repo_gives_token_and_licence_steps(hub: object, tiny_llama_dir: Path) -> None:
    hub.add_repo("org/gated", tiny_llama_dir, gated=True)  # type: ignore[attr-defined]
    with pytest.raises(LoadFailed) as info:
        safe_load("org/gated")
    report = info.value.report
    assert report.attempts[0].category == "gated_or_auth" and len(report.attempts) == 1
    steps = " ".join(report.next_steps)
    assert "hf auth login" in steps and "huggingface.co/org/gated" in steps


def test_offline_and_not_cached_gives_up_without_network_calls(hf_home: Path) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load("org/never-downloaded")
    assert info.value.report.attempts[0].category == "offline_or_network"
    assert "hf download org/never-downloaded" in " ".join(info.value.report.next_steps)


def test_cached_snapshot_without_its_ref_is_listed_not_loaded(cached_tiny: Path) -> None:
    """No ref says which snapshot 'main' was: another snapshot may be another model, so none is picked."""
    folder = cached_tiny / "hub" / "models--org--tiny"
    (folder / "refs" / "main").unlink()
    commit = next((folder / "snapshots").iterdir()).name
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiny", tokenizer=False, policy=Policy(consent=lambda request: True))
    report = info.value.report
    assert report.attempts[0].category == "offline_or_network"
    assert all("revision" not in attempt.kwargs for attempt in report.attempts)  # no other snapshot tried
    assert commit in " ".join(report.next_steps)


def test_cached_snapshot_named_by_a_short_commit_is_loaded_by_its_full_commit_with_consent(
        cached_tiny: Path) -> None:
    folder = cached_tiny / "hub" / "models--org--tiny"
    commit = next((folder / "snapshots").iterdir()).name
    asked = []
    result = safe_load("org/tiny", tokenizer=False, revision=commit[:10],
                       policy=Policy(consent=lambda request: asked.append(request) or True))
    assert result.report.final_kwargs["revision"] == commit
    assert asked and asked[0].risk.value == "identity"


def test_private_repo_without_token_gives_login_step(hub: object, tiny_llama_dir: Path) -> None:
    hub.add_repo("org/private", tiny_llama_dir, private=True)  # type: ignore[attr-defined]
    with pytest.raises(LoadFailed) as info:
        safe_load("org/private", tokenizer=False)
    report = info.value.report
    assert report.attempts[0].category in {"repo_not_found", "gated_or_auth"}
    assert "hf auth login" in " ".join(report.next_steps)
