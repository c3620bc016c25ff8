"""The Hub double works with the real huggingface_hub client and transformers, success and failure paths.

Retries (huggingface_hub 2.4, no setting changes them): `hf_hub_download` first sends one HEAD without
retries; if that fails with 408/429/5xx or a connection error and nothing is cached, it sends the HEAD
again with up to 5 retries sleeping 1, 2, 4, 8, 8 s (429: `retry_after` + 1 s each). So `times=1` costs
no sleep, `times=2` one 1 s sleep, and a repo failing forever ~25 s per file. Tests keep `times` <= 2 and
`retry_after=0`, or put a cached repo behind the failing Hub, which is answered from the cache.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import HfApi, get_safetensors_metadata, hf_hub_download, snapshot_download
from huggingface_hub.errors import (
    DisabledRepoError,
    FileMetadataError,
    GatedRepoError,
    HfHubHTTPError,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from support.hf_cache import install_in_cache
from support.hub_double import HubDouble

TOKEN = "hf_" + "a" * 34


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """Walk `__cause__` / `__context__` from `exc` down, as a diagnoser would."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _in_chain(exc: BaseException, kind: type[BaseException]) -> BaseException:
    """Return the first exception of type `kind` in the chain of `exc`, failing the test if absent."""
    found = next((item for item in _chain(exc) if isinstance(item, kind)), None)
    assert found is not None, f"{kind.__name__} not in chain: {[type(e).__name__ for e in _chain(exc)]}"
    return found


def _load(repo_id: str, **kwargs: object) -> object:
    """AutoModelForCausalLM.from_pretrained, imported lazily."""
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(repo_id, **kwargs)


# --------------------------------------------------------------------------------------------------
# Success paths
# --------------------------------------------------------------------------------------------------


def test_hf_hub_download_fetches_file_into_cache(hub: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> None:
    path = Path(hf_hub_download("org/tiny", "config.json"))

    assert path.read_bytes() == (tiny_llama_dir / "config.json").read_bytes()
    assert path.is_relative_to(hf_home / "hub" / "models--org--tiny" / "snapshots")
    assert any(line.startswith("HEAD /org/tiny/resolve/main/config.json -> 200") for line in hub.requests)
    assert any(line.startswith("GET /org/tiny/resolve/main/config.json -> 200") for line in hub.requests)


def test_from_pretrained_downloads_into_empty_cache_then_runs(hub: HubDouble, hf_home: Path) -> None:
    import torch
    from transformers import AutoTokenizer

    model = _load("org/tiny")
    tokenizer = AutoTokenizer.from_pretrained("org/tiny")
    logits = model(**tokenizer("hello world", return_tensors="pt")).logits  # type: ignore[operator]

    assert type(model).__name__ == "LlamaForCausalLM"
    assert torch.isfinite(logits).all()
    commit = HfApi().model_info("org/tiny").sha
    snapshot = hf_home / "hub" / "models--org--tiny" / "snapshots" / str(commit)
    assert {p.name for p in snapshot.iterdir()} >= {"config.json", "model.safetensors", "tokenizer.json"}
    assert f"HEAD /org/tiny/resolve/{commit}/model.safetensors -> 200 file model.safetensors" in hub.requests


def test_cached_repo_then_offline_load_needs_no_network(hub: HubDouble, hf_home: Path) -> None:
    snapshot_download("org/tiny")
    hub.stop()

    assert type(_load("org/tiny", local_files_only=True)).__name__ == "LlamaForCausalLM"


def test_model_info_reports_commit_files_and_flags(hub: HubDouble, tiny_llama_dir: Path) -> None:
    commit = hub.add_repo("acme/popular", tiny_llama_dir, downloads=1234)

    info = HfApi().model_info("acme/popular", files_metadata=True)

    assert info.id == "acme/popular"
    assert info.sha == commit
    assert info.downloads == 1234
    assert info.gated is False and info.private is False
    assert info.pipeline_tag == "text-generation" and info.library_name == "transformers"
    assert {s.rfilename for s in info.siblings or []} == {p.name for p in tiny_llama_dir.iterdir()}
    weights = next(s for s in info.siblings or [] if s.rfilename == "model.safetensors")
    assert weights.lfs is not None and weights.size == (tiny_llama_dir / "model.safetensors").stat().st_size
    assert info.safetensors is not None and info.safetensors.total > 0


def test_list_models_search_is_case_insensitive_with_limit_and_author(hub: HubDouble, tiny_llama_dir: Path) -> None:
    hub.add_repo("acme/Tiny-GPT2", tiny_llama_dir, downloads=5)
    hub.add_repo("acme/big", tiny_llama_dir)
    api = HfApi()

    assert sorted(m.id for m in api.list_models(search="tin")) == ["acme/Tiny-GPT2", "org/tiny"]
    assert [m.id for m in api.list_models(search="tin", author="acme")] == ["acme/Tiny-GPT2"]
    assert len(list(api.list_models(search="", limit=2))) == 2
    assert list(api.list_models(search="nothing-like-this")) == []


def test_revision_names_resolve_to_their_commit(hub: HubDouble, tiny_llama_dir: Path) -> None:
    other = "1" * 40
    hub.add_repo("org/tagged", tiny_llama_dir, revisions={"v1.0": other})

    assert HfApi().model_info("org/tagged", revision="v1.0").sha == other
    assert type(_load("org/tagged", revision="v1.0")).__name__ == "LlamaForCausalLM"
    assert any(f"/org/tagged/resolve/{other}/config.json" in line for line in hub.requests)


def test_sharded_checkpoint_downloads_through_tree_listing(hub: HubDouble, tmp_path: Path) -> None:
    sharded = tmp_path / "sharded"
    _load("org/tiny").save_pretrained(sharded, max_shard_size="200KB")  # type: ignore[attr-defined]
    shards = json.loads((sharded / "model.safetensors.index.json").read_text())["weight_map"].values()
    hub.add_repo("org/tiny-sharded", sharded)

    assert type(_load("org/tiny-sharded")).__name__ == "LlamaForCausalLM"
    assert len(set(shards)) > 1
    assert any(line.startswith("GET /api/models/org/tiny-sharded/tree/") for line in hub.requests)


def test_range_requests_serve_safetensors_metadata(hub: HubDouble) -> None:
    metadata = get_safetensors_metadata("org/tiny")

    assert metadata.parameter_count and sum(metadata.parameter_count.values()) > 0
    assert any("-> 206" in line for line in hub.requests)


def test_gated_repo_loads_with_authorized_token(
    hub: HubDouble, tiny_llama_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_repo("org/gated", tiny_llama_dir, gated=True)
    hub.authorized_tokens.add(TOKEN)
    monkeypatch.setenv("HF_TOKEN", TOKEN)

    assert type(_load("org/gated")).__name__ == "LlamaForCausalLM"
    assert all(TOKEN not in line for line in hub.requests)


def test_slow_and_throttled_answers_still_arrive(hub: HubDouble) -> None:
    hub.slow_repo("org/tiny", 0.3)
    hub.throttle_file("org/tiny", "model.safetensors", bytes_per_s=4_000_000)
    started = time.monotonic()

    hf_hub_download("org/tiny", "model.safetensors")

    assert time.monotonic() - started >= 0.5  # two delayed answers (HEAD + GET) and ~0.2 s of streaming


# --------------------------------------------------------------------------------------------------
# Failure paths, produced for real
# --------------------------------------------------------------------------------------------------


def test_unknown_repo_is_repository_not_found_under_transformers_oserror(hub: HubDouble) -> None:
    with pytest.raises(OSError, match="is not a local folder and is not a valid model identifier") as info:
        _load("org/missing")

    cause = _in_chain(info.value, RepositoryNotFoundError)
    assert info.value.__cause__ is cause and not isinstance(cause, GatedRepoError)
    # anonymous, as the real Hub answers (shared/reference 01f_missing_mock401): 401, never "it does not exist"
    assert "HEAD /org/missing/resolve/main/config.json -> 401 RepoNotFound" in hub.requests


def test_gated_repo_anonymous_is_gated_repo_error_401(hub: HubDouble, tiny_llama_dir: Path) -> None:
    hub.add_repo("org/gated", tiny_llama_dir, gated=True)

    with pytest.raises(OSError, match="You are trying to access a gated repo") as info:
        _load("org/gated")

    assert _in_chain(info.value, GatedRepoError).response.status_code == 401  # type: ignore[attr-defined]


def test_gated_repo_with_unauthorized_token_is_403_and_token_not_logged(
    hub: HubDouble, tiny_llama_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_repo("org/gated", tiny_llama_dir, gated=True)
    monkeypatch.setenv("HF_TOKEN", TOKEN)

    with pytest.raises(OSError) as info:
        _load("org/gated")

    assert _in_chain(info.value, GatedRepoError).response.status_code == 403  # type: ignore[attr-defined]
    assert all(TOKEN not in line for line in hub.requests)


def test_private_repo_anonymous_looks_not_found(hub: HubDouble, tiny_llama_dir: Path) -> None:
    hub.add_repo("org/secret", tiny_llama_dir, private=True)

    with pytest.raises(OSError) as info:
        _load("org/secret")

    error = _in_chain(info.value, RepositoryNotFoundError)
    assert error.response.status_code == 401  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("status", "code", "message", "expected", "text"),
    [
        (403, None, "Access to this resource is disabled.", DisabledRepoError, "We couldn't connect to"),
        (
            401,
            None,
            "Invalid credentials in Authorization header",
            HfHubHTTPError,
            "specific connection error",
        ),
        (404, None, "Not found", HfHubHTTPError, "We couldn't connect to"),
    ],
)
def test_injected_errors_map_to_the_client_types(
    hub: HubDouble, status: int, code: str | None, message: str, expected: type[Exception], text: str
) -> None:
    hub.fail_repo("org/tiny", status, error_code=code, error_message=message)

    with pytest.raises(OSError, match=text) as info:
        _load("org/tiny")

    assert _in_chain(info.value, expected).server_message == message  # type: ignore[attr-defined]


def test_unknown_revision_is_revision_not_found(hub: HubDouble) -> None:
    with pytest.raises(OSError, match="is not a valid git identifier") as info:
        _load("org/tiny", revision="nope")

    _in_chain(info.value, RevisionNotFoundError)
    assert "GET /api/models/org/tiny/revision/nope -> 404 RevisionNotFound" in hub.requests


def test_missing_file_is_entry_not_found_and_cached_as_absent(hub: HubDouble, hf_home: Path) -> None:
    with pytest.raises(RemoteEntryNotFoundError):
        hf_hub_download("org/tiny", "nope.bin")

    assert list((hf_home / "hub" / "models--org--tiny" / ".no_exist").glob("*/nope.bin"))


@pytest.mark.parametrize(("status", "retry_after", "times"), [(500, None, 1), (503, None, 2), (429, 0, 2)])
def test_transient_error_is_retried_then_served(
    hub: HubDouble, status: int, retry_after: int | None, times: int
) -> None:
    hub.fail_repo("org/tiny", status, times=times, retry_after=retry_after)
    started = time.monotonic()

    hf_hub_download("org/tiny", "config.json")

    assert time.monotonic() - started < 5  # at most one 1 s backoff sleep
    statuses = [line.split(" -> ")[1][:3] for line in hub.requests if line.startswith("HEAD ")]
    assert statuses == [str(status)] * times + ["200"]


def test_failing_revision_lookups_fall_back_and_load(hub: HubDouble) -> None:
    hub.fail_repo("org/tiny", 500, times=3)  # the three GET /api/models/org/tiny of one from_pretrained

    assert type(_load("org/tiny")).__name__ == "LlamaForCausalLM"
    assert next(line for line in hub.requests if "-> 500" in line).startswith("GET /api/models/org/tiny")


def test_hub_down_with_cached_repo_loads_from_cache(hub: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    hub.fail_repo("org/tiny", 500)

    assert type(_load("org/tiny")).__name__ == "LlamaForCausalLM"


def test_html_captive_portal_is_file_metadata_error(hub: HubDouble) -> None:
    hub.html_mode(True)

    with pytest.raises(OSError, match="We couldn't connect to") as info:
        _load("org/tiny")

    assert "X-Repo-Commit" in str(_in_chain(info.value, FileMetadataError))
    assert all(line.endswith("-> 200 html") for line in hub.requests)


def test_missing_repo_commit_header_is_file_metadata_error(hub: HubDouble) -> None:
    hub.omit_headers("org/tiny", "X-Repo-Commit")

    with pytest.raises(OSError) as info:
        _load("org/tiny")

    assert "does not seem to be served by a Hugging Face Hub endpoint" in str(_in_chain(info.value, FileMetadataError))


def test_double_runs_standalone_and_stops_cleanly(tiny_llama_dir: Path) -> None:
    with HubDouble() as double:
        double.add_repo("org/solo", tiny_llama_dir)
        with urllib.request.urlopen(f"{double.url}/api/models/org/solo") as answer:
            info = json.load(answer)
            request_id = answer.headers["X-Request-Id"]

    assert info["id"] == "org/solo" and len(info["sha"]) == 40 and request_id
    assert double.requests == ["GET /api/models/org/solo -> 200 model_info"]
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{double.url}/api/models/org/solo", timeout=2)
