"""Broken or missing weight files: LFS pointers, truncated files, a folder without weights."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.hf_cache import install_in_cache
from support.tiny_models import make_lfs_pointer, remove_weights, truncate_file

from advisor import LoadFailed, explain, safe_load


@pytest.fixture
def tiny_copy(tmp_path: Path, tiny_llama_dir: Path) -> Path:
    dst = tmp_path / "tiny"
    shutil.copytree(tiny_llama_dir, dst)
    return dst


def test_lfs_pointer_in_a_local_folder_is_diagnosed_with_git_lfs_step(hf_home: Path, tiny_copy: Path) -> None:
    make_lfs_pointer(tiny_copy / "model.safetensors")
    with pytest.raises(LoadFailed) as info:
        safe_load(str(tiny_copy))
    report = info.value.report
    assert report.attempts[0].category == "corrupted_or_incomplete_download"
    assert len(report.attempts) == 1  # a local folder cannot be re-downloaded: no force_download
    assert "git lfs" in " ".join(report.next_steps)


def test_truncated_weights_are_diagnosed(hf_home: Path, tiny_copy: Path) -> None:
    truncate_file(tiny_copy / "model.safetensors")
    with pytest.raises(LoadFailed) as info:
        safe_load(str(tiny_copy), tokenizer=False)
    assert info.value.report.attempts[0].category == "corrupted_or_incomplete_download"


def test_lfs_pointer_in_the_cache_is_downloaded_again_when_online(hub: object, hf_home: Path,
                                                                  tiny_llama_dir: Path) -> None:
    snapshot = install_in_cache(hf_home, "org/tiny", tiny_llama_dir)  # same commit the Hub double serves
    make_lfs_pointer(snapshot / "model.safetensors")
    result = safe_load("org/tiny")
    report = result.report
    assert report.succeeded
    assert report.attempts[0].category == "corrupted_or_incomplete_download"
    assert report.attempts[0].remedy is not None and report.attempts[0].remedy.fix == "force_download"
    assert report.final_kwargs.get("force_download") is True


def test_lfs_pointer_in_the_cache_offline_gives_a_next_step(cached_tiny: Path) -> None:
    snapshot = next((cached_tiny / "hub" / "models--org--tiny" / "snapshots").iterdir())
    make_lfs_pointer(snapshot / "model.safetensors")
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiny")
    report = info.value.report
    assert report.attempts[0].category == "corrupted_or_incomplete_download" and len(report.attempts) == 1
    assert "--force-download" in " ".join(report.next_steps)


def test_missing_weights_say_which_files_exist(hf_home: Path, tiny_copy: Path) -> None:
    remove_weights(tiny_copy)
    with pytest.raises(LoadFailed) as info:
        safe_load(str(tiny_copy), tokenizer=False)
    attempt = info.value.report.attempts[0]
    assert attempt.category == "missing_weights_files"
    assert "config.json" in attempt.explanation and "model.safetensors" in attempt.explanation


def test_pipeline_on_a_folder_without_weights_names_its_own_class(hf_home: Path, tiny_copy: Path) -> None:
    """transformers' pipeline() wraps every class's failure in one ValueError that lists the classes it tried: the
    checkpoint's own class among them says the class fits and the files failed."""
    from transformers import pipeline

    remove_weights(tiny_copy)
    with pytest.raises(ValueError, match="with any of the following classes") as info:
        pipeline("text-generation", model=str(tiny_copy))
    whole = str(info.value)
    assert "LlamaForCausalLM" in whole
    assert explain(whole).category == "missing_weights_files"  # the original error printed with it decides
    message_alone = explain(whole.split(" See the original errors")[0])  # a paste of its first line only
    assert message_alone.rule == "pipeline-own-class-failed"
    assert "LlamaForCausalLM.from_pretrained" in " ".join(message_alone.next_steps)
    assert "missing_weights_files" in [alt.category for alt in message_alone.alternatives]
