"""CUDA OOM on one GPU of several: the ladder spreads the model over all visible GPUs (device_map="auto", which
balances max_memory over every GPU) before it offloads to CPU.

SYNTHETIC: this machine has no GPU. The OOMs are injected through the loader's backend seam with a real message
text (tests/support/injection.py), and the GPUs are injected facts; the loads that succeed are real (tiny model,
CPU). On a lent multi-GPU machine the same rung is reached by a real OOM.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.injection import OOM_TOO_BIG, InjectingBackend, cuda_oom

from advisor import LoadFailed, Policy
from advisor.facts import Facts, GpuFacts, gather
from advisor.loader import run_load
from advisor.loadplan import LoadPlan

GIB = 2**30


def _gpus(count: int) -> Facts:
    """SYNTHETIC facts: this machine plus ``count`` 24 GiB GPUs, the first nearly full, the others empty."""
    gpus = [GpuFacts(index=i, name="NVIDIA GeForce RTX 4090", total_bytes=24 * GIB,
                     free_bytes=(1 if i == 0 else 23) * GIB, capability=(8, 9)) for i in range(count)]
    return gather().model_copy(update={"cuda_available": True, "gpus": gpus})


def _oom_unless_spread(plan: LoadPlan) -> BaseException | None:
    """SYNTHETIC: every plan pinned to one GPU runs out of memory; device_map="auto" loads (here, on the CPU)."""
    return None if plan.device_map == "auto" else cuda_oom(OOM_TOO_BIG)


def _load(facts: Facts, backend: InjectingBackend, **kwargs: Any) -> Any:
    return run_load("org/tiny", tokenizer=False, backend=backend, facts=facts, policy=Policy(verify=False),
                    dtype="float16", **kwargs)


@pytest.mark.parametrize("pinned", ["cuda:0", "cuda", 0])
def test_an_oom_on_one_of_two_gpus_spreads_over_both_before_cpu_offload(cached_tiny: Path, pinned: Any) -> None:
    backend = InjectingBackend(fail_load=_oom_unless_spread)
    result = _load(_gpus(2), backend, device_map=pinned)
    first, second = result.report.attempts[0], result.report.attempts[1]
    assert first.category == "cuda_oom" and first.rule == "cuda-oom" and first.remedy is not None
    assert first.remedy.fix == "device_map_auto_offload" and "this machine has 2" in first.remedy.reason
    assert "spreads the layers over all of them" in first.remedy.reason
    assert second.outcome == "loaded" and second.kwargs["device_map"] == "auto"
    assert "max_memory" not in second.kwargs  # transformers balances every visible GPU itself
    assert len(result.report.attempts) == 2


def test_a_max_memory_that_names_one_gpu_is_dropped_by_the_spread(cached_tiny: Path) -> None:
    backend = InjectingBackend(fail_load=_oom_unless_spread)
    result = _load(_gpus(4), backend, device_map="cuda:0", max_memory={0: "20GiB"})
    assert "max_memory" not in result.report.attempts[1].kwargs
    assert result.report.attempts[1].kwargs["device_map"] == "auto"


def _gpu_keys(max_memory: dict[str, str]) -> set[str]:
    return {key for key in max_memory if key not in ("cpu", "disk")}


def _attempts(facts: Facts, **kwargs: Any) -> list[Any]:
    """SYNTHETIC: every attempt runs out of memory; the attempts the ladder made, in order."""
    with pytest.raises(LoadFailed) as info:
        _load(facts, InjectingBackend(fail_load=lambda plan: cuda_oom(OOM_TOO_BIG)), **kwargs)
    return list(info.value.report.attempts)


def test_with_one_gpu_the_next_rung_is_cpu_offload(cached_tiny: Path) -> None:
    second = _attempts(_gpus(1), device_map="cuda:0")[1]
    assert second.kwargs["device_map"] == "auto" and _gpu_keys(second.kwargs["max_memory"]) == {"0"}  # offload action


def test_already_spread_over_the_gpus_goes_on_to_cpu_offload(cached_tiny: Path) -> None:
    attempts = _attempts(_gpus(2), device_map="auto")
    assert attempts[0].remedy is not None and "spreads the layers" not in attempts[0].remedy.reason
    assert _gpu_keys(attempts[1].kwargs["max_memory"]) == {"0", "1"}  # the offload action, not the spread


def test_the_ladder_on_two_gpus_tries_each_rung_once(cached_tiny: Path) -> None:
    attempts = _attempts(_gpus(2), device_map="cuda:0")
    fixes = [a.remedy.fix for a in attempts if a.remedy and a.remedy.applied]
    assert fixes[:3] == ["device_map_auto_offload", "device_map_auto_offload", "offload_folder"]
    kwargs = [a.kwargs for a in attempts]
    assert kwargs[1]["device_map"] == "auto" and "max_memory" not in kwargs[1]
    assert _gpu_keys(kwargs[2]["max_memory"]) == {"0", "1"}


def test_cpu_offload_keeps_a_cpu_budget_so_the_overflow_goes_to_ram_not_disk() -> None:
    """accelerate keeps only the max_memory keys it is given: a GPU-only dict sends the overflow to disk."""
    from support.injection import gpu_facts

    from advisor.context import Context
    from advisor.failure import Failure
    from advisor.loadplan import LoadPlan
    from advisor.remedies import RemedyEnv, apply_action
    from advisor.schema import Offload

    facts = gpu_facts()  # SYNTHETIC: one T4
    applied = apply_action(Offload(type="offload", to="cpu"),
                           RemedyEnv(LoadPlan(model_id="org/m"), facts, Failure.from_text("x"), Context()))
    assert applied.plan is not None
    memory = applied.plan.kwargs["max_memory"]
    assert set(memory) == {0, "cpu"} and memory["cpu"].endswith("MiB")
