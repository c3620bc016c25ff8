"""Each fixture builder produces, for real, the success or the failure it exists for.

The expected texts come from the measured catalog (shared/reference/from_pretrained-failures.md); a
change in transformers, safetensors or huggingface_hub that alters them should fail here first.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from huggingface_hub import scan_cache_dir
from huggingface_hub.errors import LocalEntryNotFoundError
from safetensors import SafetensorError
from support.hf_cache import DEAD_ENDPOINT, configure_hub, install_in_cache
from support.tiny_models import (
    CUSTOM_MODEL_TYPE,
    build_tiny_bert,
    build_tiny_gpt2,
    build_tiny_llama,
    build_tiny_t5,
    build_unknown_arch,
    make_lfs_pointer,
    remove_weights,
    truncate_file,
)


def _auto(name: str) -> Any:
    """An Auto class from transformers, imported lazily."""
    import transformers

    return getattr(transformers, name)


def _load_causal(path: Path | str, **kwargs: object) -> object:
    """AutoModelForCausalLM.from_pretrained."""
    return _auto("AutoModelForCausalLM").from_pretrained(path, **kwargs)


@pytest.fixture
def llama_copy(tmp_path: Path) -> Path:
    """A private tiny llama a test may damage."""
    return build_tiny_llama(tmp_path / "llama")


# --------------------------------------------------------------------------------------------------
# Builders that must load
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "auto_class", "model_class"),
    [
        (build_tiny_llama, "AutoModelForCausalLM", "LlamaForCausalLM"),
        (build_tiny_gpt2, "AutoModelForCausalLM", "GPT2LMHeadModel"),
        (build_tiny_t5, "AutoModelForSeq2SeqLM", "T5ForConditionalGeneration"),
        (build_tiny_bert, "AutoModelForMaskedLM", "BertForMaskedLM"),
    ],
)
def test_tiny_builders_load_with_tokenizer_and_run(
    tmp_path: Path, builder: object, auto_class: str, model_class: str
) -> None:
    import torch

    directory = builder(tmp_path / "model")  # type: ignore[operator]
    model = _auto(auto_class).from_pretrained(directory)
    tokenizer = _auto("AutoTokenizer").from_pretrained(directory)
    inputs = tokenizer("hello world", return_tensors="pt")
    if model.config.is_encoder_decoder:
        inputs["decoder_input_ids"] = inputs["input_ids"]

    logits = model(**inputs).logits

    assert type(model).__name__ == model_class
    assert logits.shape[-1] == model.config.vocab_size == len(tokenizer)
    assert torch.isfinite(logits).all()
    assert tokenizer.pad_token is not None


def test_tiny_llama_declares_eos_and_pad(tiny_llama_dir: Path) -> None:
    tokenizer = _auto("AutoTokenizer").from_pretrained(tiny_llama_dir)
    config = _auto("AutoConfig").from_pretrained(tiny_llama_dir)

    assert (config.hidden_size, config.num_hidden_layers, config.num_attention_heads) == (64, 2, 4)
    assert config.eos_token_id == tokenizer.eos_token_id is not None
    assert config.pad_token_id == tokenizer.pad_token_id is not None


# --------------------------------------------------------------------------------------------------
# Damaged checkpoints
# --------------------------------------------------------------------------------------------------


def test_lfs_pointer_weights_fail_with_header_too_large(llama_copy: Path) -> None:
    weights = make_lfs_pointer(llama_copy / "model.safetensors")

    assert weights.read_text().startswith("version https://git-lfs.github.com/spec/v1\noid sha256:")
    with pytest.raises(SafetensorError, match="Error while deserializing header: header too large"):
        _load_causal(llama_copy)


def test_truncated_weights_fail_with_incomplete_metadata(llama_copy: Path) -> None:
    truncate_file(llama_copy / "model.safetensors", 0.5)

    with pytest.raises(SafetensorError, match="incomplete metadata, file not fully covered"):
        _load_causal(llama_copy)


def test_removed_weights_fail_with_no_file_named(llama_copy: Path) -> None:
    removed = remove_weights(llama_copy)

    assert [path.name for path in removed] == ["model.safetensors"]
    assert (llama_copy / "config.json").is_file()
    with pytest.raises(OSError, match=r"Error no file named model\.safetensors, or pytorch_model\.bin"):
        _load_causal(llama_copy)


def test_unknown_model_type_is_not_recognized(tmp_path: Path) -> None:
    directory = build_unknown_arch(tmp_path / "unknown")

    with pytest.raises(ValueError, match="does not recognize this architecture") as info:
        _load_causal(directory)

    assert "superllama2000" in str(info.value)
    assert isinstance(info.value.__context__, KeyError)


def test_t5_under_causal_lm_is_unrecognized_configuration_class(tmp_path: Path) -> None:
    directory = build_tiny_t5(tmp_path / "t5")

    with pytest.raises(ValueError, match="Unrecognized configuration class") as info:
        _load_causal(directory)

    assert "T5Config" in str(info.value) and "AutoModelForCausalLM" in str(info.value)


# --------------------------------------------------------------------------------------------------
# Custom code (auto_map)
# --------------------------------------------------------------------------------------------------


def test_custom_code_without_trust_raises_and_runs_nothing(
    custom_code_dir: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    directory, marker = custom_code_dir
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # transformers prompts; a closed stdin answers EOF

    with pytest.raises(ValueError, match="contains custom code which must be executed") as info:
        _load_causal(directory)

    assert isinstance(info.value.__context__, EOFError)
    assert not marker.exists()


def test_custom_code_with_trust_false_raises_and_runs_nothing(custom_code_dir: tuple[Path, Path]) -> None:
    directory, marker = custom_code_dir

    with pytest.raises(ValueError, match="trust_remote_code=True"):
        _load_causal(directory, trust_remote_code=False)

    assert not marker.exists()


def test_custom_code_with_trust_loads_and_runs_it(custom_code_dir: tuple[Path, Path]) -> None:
    directory, marker = custom_code_dir

    model = _load_causal(directory, trust_remote_code=True)

    assert type(model).__name__ == "CustomForCausalLM"
    assert type(model).__module__.startswith("transformers_modules.")
    assert model.config.model_type == CUSTOM_MODEL_TYPE  # type: ignore[attr-defined]
    assert marker.exists()


# --------------------------------------------------------------------------------------------------
# Cache layout and isolation
# --------------------------------------------------------------------------------------------------


def test_cached_repos_load_offline_and_are_scanned(cached_tiny: Path) -> None:
    assert type(_load_causal("org/tiny")).__name__ == "LlamaForCausalLM"
    assert type(_load_causal("acme/tiny-gpt2")).__name__ == "GPT2LMHeadModel"
    repos = {repo.repo_id: repo for repo in scan_cache_dir().repos}

    assert set(repos) == {"org/tiny", "acme/tiny-gpt2"}
    assert sorted(repos["org/tiny"].refs) == ["main"]


def test_cache_layout_matches_huggingface_hub(cached_tiny: Path) -> None:
    folder = cached_tiny / "hub" / "models--org--tiny"
    commit = (folder / "refs" / "main").read_text()
    snapshot = folder / "snapshots" / commit

    assert len(commit) == 40 and not commit.endswith("\n")
    links = {path.name: os.readlink(path) for path in snapshot.iterdir()}
    assert all(target.startswith("../../blobs/") for target in links.values())
    assert len(Path(links["model.safetensors"]).name) == 64  # LFS file: sha256
    assert len(Path(links["config.json"]).name) == 40  # regular file: git blob sha1


def test_cached_repo_loads_with_unreachable_endpoint_online(cached_tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure_hub(monkeypatch, hf_home=cached_tiny, offline=False, endpoint=DEAD_ENDPOINT)

    assert type(_load_causal("org/tiny")).__name__ == "LlamaForCausalLM"


def test_lfs_pointer_inside_cache_fails_like_on_disk(hf_home: Path, llama_copy: Path) -> None:
    make_lfs_pointer(llama_copy / "model.safetensors")
    install_in_cache(hf_home, "org/tiny", llama_copy)

    with pytest.raises(SafetensorError, match="header too large"):
        _load_causal("org/tiny")


def test_missing_repo_offline_fails_fast_with_local_entry_not_found(hf_home: Path) -> None:
    with pytest.raises(OSError, match="couldn't find them in the cached files") as info:
        _load_causal("org/does-not-exist")

    assert isinstance(info.value.__cause__, LocalEntryNotFoundError)
    assert DEAD_ENDPOINT in str(info.value)


def test_isolation_points_the_libraries_at_the_test_home(hf_home: Path) -> None:
    import huggingface_hub.constants as constants
    from huggingface_hub import get_token

    assert Path(constants.HF_HUB_CACHE) == hf_home / "hub"
    assert Path(constants.HF_TOKEN_PATH).is_relative_to(hf_home)
    assert constants.HF_HUB_OFFLINE is True and constants.ENDPOINT == DEAD_ENDPOINT
    assert get_token() is None
    assert os.environ["HF_HOME"] == str(hf_home)
