"""CUDA out of memory. This machine has no GPU: the OOMs here are SYNTHETIC, injected through the loader's
backend seam with message texts from real reports (tests/support/injection.py). On a lent GPU,
tests/gpu/test_gpu_real.py produces them for real."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.injection import OOM_FRAGMENTED, OOM_OTHER_PROCESS, OOM_TOO_BIG, InjectingBackend, cuda_oom, gpu_facts

from advisor import LoadFailed, Policy
from advisor.loader import run_load


def test_fragmentation_is_retried_once_after_releasing_memory(cached_tiny: Path) -> None:
    calls = {"n": 0}

    def first_call_ooms(plan: object) -> BaseException | None:
        calls["n"] += 1
        return cuda_oom(OOM_FRAGMENTED) if calls["n"] == 1 else None

    backend = InjectingBackend(fail_load=first_call_ooms)
    result = run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts())
    first = result.report.attempts[0]
    assert first.category == "cuda_oom" and first.remedy is not None and first.remedy.fix == "free_gpu_memory"
    assert result.report.attempts[1].kwargs == first.kwargs  # same call, after releasing memory
    assert "expandable_segments" not in result.report.snippet


def test_too_big_at_full_precision_drops_to_the_gpus_half_dtype(cached_tiny: Path) -> None:
    backend = InjectingBackend(
        fail_load=lambda plan: cuda_oom(OOM_TOO_BIG) if plan.dtype in ("auto", "float32") else None)
    result = run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(capability=(7, 5)),
                      policy=Policy(verify=False))
    assert result.report.attempts[0].remedy.fix == "reduce_dtype"  # type: ignore[union-attr]
    assert result.report.final_kwargs["dtype"] == "float16"  # a T4 has no bf16


def test_the_ladder_climbs_without_repeating_and_ends_with_next_steps(cached_tiny: Path) -> None:
    backend = InjectingBackend(fail_load=lambda plan: cuda_oom(OOM_TOO_BIG))
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)))
    report = info.value.report
    fixes = [a.remedy.fix for a in report.attempts if a.remedy and a.remedy.applied]
    assert fixes == ["reduce_dtype", "device_map_auto_offload", "offload_folder"]
    assert len(fixes) == len(set((a.remedy.fix, str(a.remedy.changes)) for a in report.attempts if a.remedy))
    kwargs = [a.kwargs for a in report.attempts]
    assert kwargs[1]["dtype"] == "bfloat16" and kwargs[2]["device_map"] == "auto" and "0" in kwargs[2]["max_memory"]
    assert "offload_folder" in kwargs[3]
    steps = " ".join(report.next_steps)
    assert "bitsandbytes" in steps and "smaller" in steps  # no bnb/CUDA here: quantization is a next step


def test_another_process_holding_the_gpu_is_named(cached_tiny: Path) -> None:
    backend = InjectingBackend(fail_load=lambda plan: cuda_oom(OOM_OTHER_PROCESS))
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(),
                 policy=Policy(max_attempts=2))
    assert "Another process holds 18.20 GiB" in " ".join(info.value.report.next_steps)


def test_attempts_are_bounded_by_the_policy(cached_tiny: Path) -> None:
    backend = InjectingBackend(fail_load=lambda plan: cuda_oom(OOM_TOO_BIG))
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(), policy=Policy(max_attempts=2))
    assert len(info.value.report.attempts) == 2 and len(backend.load_calls) == 2
