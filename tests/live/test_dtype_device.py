"""dtype and device: device_map="cuda" without CUDA (real), invalid dtype strings (real), bf16 on a
pre-Ampere GPU and half-precision ops missing on CPU (SYNTHETIC: injected with real message texts,
since this machine has neither such a GPU nor an old torch)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch
from support.injection import BF16_UNSUPPORTED, HALF_ON_CPU, InjectingBackend, gpu_facts

from advisor import Policy, safe_load
from advisor.errors import InvalidRequest
from advisor.loader import run_load


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is here: tests/gpu loads on it for real")
@pytest.mark.parametrize("device_map", ["cuda", "cuda:0", 0])
def test_cuda_device_map_without_cuda_loads_on_cpu(cached_tiny: Path, device_map: object) -> None:
    result = safe_load("org/tiny", device_map=device_map)
    report = result.report
    assert report.succeeded and report.final_kwargs["device_map"] == "cpu"
    assert report.attempts[0].category == "device_map_offload"
    assert next(result.model.parameters()).device.type == "cpu"


def test_invalid_dtype_string_names_the_valid_values(cached_tiny: Path) -> None:
    with pytest.raises(InvalidRequest) as info:
        safe_load("org/tiny", dtype="bf16")
    assert "bfloat16" in str(info.value) and "float16" in str(info.value)


def test_torch_dtype_and_dtype_strings_are_both_accepted(cached_tiny: Path) -> None:
    import torch

    by_legacy = safe_load("org/tiny", torch_dtype=torch.bfloat16, tokenizer=False)
    by_string = safe_load("org/tiny", dtype="bfloat16", tokenizer=False)
    assert by_legacy.model.dtype == by_string.model.dtype == torch.bfloat16
    import transformers

    deprecated = any(h.code == "deprecated_kwarg" for h in by_legacy.report.health)
    assert deprecated == (int(transformers.__version__.split(".")[0]) >= 5)  # deprecated only from transformers 5


def test_bf16_on_a_t4_is_foreseen_by_preflight(cached_tiny: Path) -> None:
    backend = InjectingBackend(
        fail_load=lambda plan: ValueError(BF16_UNSUPPORTED) if plan.dtype == "bfloat16" else None)
    result = run_load("org/tiny", dtype="bfloat16", tokenizer=False, backend=backend, facts=gpu_facts())
    report = result.report
    assert [a.outcome for a in report.attempts] == ["loaded"]  # zero failed attempts
    assert report.preflight[0].fix == "use_float16_instead_of_bf16"
    assert report.final_kwargs["dtype"] == "float16"


def test_bf16_unsupported_error_falls_back_to_float16(cached_tiny: Path) -> None:
    backend = InjectingBackend(
        fail_load=lambda plan: ValueError(BF16_UNSUPPORTED) if plan.dtype == "bfloat16" else None)
    result = run_load("org/tiny", dtype="bfloat16", tokenizer=False, backend=backend, facts=gpu_facts(),
                      policy=Policy(preflight=False))
    assert result.report.attempts[0].category == "dtype_unsupported"
    assert result.report.final_kwargs["dtype"] == "float16"


def test_half_op_missing_on_cpu_in_the_verify_pass_falls_back_to_float32(cached_tiny: Path) -> None:
    import torch

    backend = InjectingBackend(
        fail_verify=lambda model: RuntimeError(HALF_ON_CPU) if model.dtype == torch.float16 else None)
    result = run_load("org/tiny", dtype="float16", tokenizer=False, backend=backend)
    first = result.report.attempts[0]
    assert first.phase == "verify" and first.category == "dtype_unsupported"
    assert result.report.final_kwargs["dtype"] == "float32" and result.model.dtype == torch.float32


def test_a_broken_tokenizer_never_throws_away_the_loaded_model(hf_home: Path, tmp_path: Path,
                                                               tiny_llama_dir: Path) -> None:
    folder = tmp_path / "tok-broken"
    shutil.copytree(tiny_llama_dir, folder)
    text = (folder / "tokenizer.json").read_text()
    (folder / "tokenizer.json").write_text(text[: len(text) // 2])
    result = safe_load(str(folder))
    assert result.model is not None and result.tokenizer is None
    assert result.report.succeeded
    assert any(h.code == "tokenizer_failed" for h in result.report.health)
    assert result.report.attempts[-1].phase == "tokenizer"
