"""Preflight: foreseeable failures are avoided before the first attempt, and nothing else is touched.

GPU cases run on this CPU-only machine with injected device facts (a T4 from support.injection.gpu_facts)
and a SIMULATED GPU backend: it loads the weights on the CPU for real and raises the real CUDA message texts
(OOM, bf16 unsupported) when the plan would have put them on a GPU that cannot take them. Only those
CUDA-only failures are injected; RAM and disk offload cases load for real.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from support.injection import BF16_UNSUPPORTED, OOM_TOO_BIG, cuda_oom, gpu_facts

from advisor import Policy
from advisor.backend import TransformersBackend
from advisor.facts import Facts, gather
from advisor.loader import run_load
from advisor.loadplan import LoadPlan
from advisor.modelfacts import model_facts
from advisor.planner import mib_size
from advisor.policy import Risk
from advisor.preflight import preflight

KIB = 1024
GIB = 2**30
FAIL_RATHER_THAN_DEGRADE = Policy(auto_apply=frozenset({Risk.safe}))


def _cpu_facts(**update: Any) -> Facts:
    """This machine's facts without any GPU (the CPU-only case, whatever runs the suite)."""
    return gather().model_copy(update={"gpus": [], "cuda_available": False, **update})


def _t4(free_bytes: int) -> Facts:
    return gpu_facts(free_gib=free_bytes / GIB)


@dataclass
class SimulatedGpu:
    """A GPU of ``capacity`` bytes without bf16, simulated: loads on the CPU for real, then raises the real CUDA
    message texts (injected) when the plan sends the weights to "cuda" and they would not fit or are bf16."""

    capacity: int
    real: TransformersBackend = field(default_factory=TransformersBackend)
    calls: list[LoadPlan] = field(default_factory=list)

    def load_model(self, plan: LoadPlan) -> Any:
        import torch

        self.calls.append(plan)
        model = self.real.load_model(plan.apply(unset=("device_map", "max_memory")))
        if str(plan.device_map).startswith("cuda"):
            if model.dtype == torch.bfloat16:
                raise ValueError(BF16_UNSUPPORTED)
            if sum(p.numel() * p.element_size() for p in model.parameters()) > self.capacity:
                raise cuda_oom(OOM_TOO_BIG)
        return model

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        return self.real.load_tokenizer(plan)

    def verify(self, model: Any, tokenizer: Any) -> None:
        self.real.verify(model, tokenizer)


@pytest.fixture
def bf16_tiny(tmp_path: Path, tiny_llama_dir: Path) -> Path:
    """The tiny llama saved in bfloat16 (what most recent checkpoints are)."""
    import torch
    from transformers import AutoModelForCausalLM

    folder = tmp_path / "tiny-bf16"
    shutil.copytree(tiny_llama_dir, folder)
    AutoModelForCausalLM.from_pretrained(tiny_llama_dir, dtype=torch.bfloat16).save_pretrained(folder)
    return folder


@pytest.fixture
def bin_tiny(tmp_path: Path, tiny_llama_dir: Path) -> Path:
    """The tiny llama as a pytorch_model.bin checkpoint (transformers 5 only writes safetensors)."""
    import torch
    from safetensors.torch import load_file

    folder = tmp_path / "tiny-bin"
    shutil.copytree(tiny_llama_dir, folder)
    (folder / "model.safetensors").unlink()
    torch.save(load_file(tiny_llama_dir / "model.safetensors"), folder / "pytorch_model.bin")
    return folder


def _fp32_bytes(folder: Path) -> int:
    facts = model_facts(str(folder))
    assert facts is not None
    return facts.bytes["float32"]


# --------------------------------------------------------------------------------------------------
# Nothing foreseen: nothing changed
# --------------------------------------------------------------------------------------------------


def test_the_happy_path_on_a_cpu_changes_nothing(cached_tiny: Path) -> None:
    facts = _cpu_facts()
    assert list(preflight(LoadPlan(model_id="org/tiny"), facts, Policy())) == []
    result = run_load("org/tiny", tokenizer=False, facts=facts)
    assert result.report.preflight == [] and result.report.final_kwargs == {}
    assert [a.kwargs for a in result.report.attempts] == [{}]


@pytest.mark.parametrize("kwargs", [{"device_map": "cuda"}, {"device_map": 0}, {"dtype": "float16"},
                                    {"device_map": "auto"}, {"device_map": {"": "cpu"}}])
def test_what_the_user_set_is_kept_when_nothing_fails(tiny_llama_dir: Path, kwargs: dict[str, Any]) -> None:
    # device_map="cuda" on a CPU-only machine is a real failure the cuda-not-available rule repairs, not ours.
    plan = LoadPlan(model_id=str(tiny_llama_dir), kwargs=kwargs)
    assert list(preflight(plan, _cpu_facts(), Policy())) == []


# --------------------------------------------------------------------------------------------------
# GPU (injected facts, simulated device)
# --------------------------------------------------------------------------------------------------


def test_float32_too_big_for_the_t4_loads_in_float16_with_zero_failed_attempts(tiny_llama_dir: Path) -> None:
    free = int(_fp32_bytes(tiny_llama_dir) * 0.8)  # float32 does not fit, float16 does
    backend = SimulatedGpu(capacity=free)
    result = run_load(str(tiny_llama_dir), device_map="cuda", tokenizer=False, backend=backend, facts=_t4(free))
    report = result.report
    assert [a.outcome for a in report.attempts] == ["loaded"]
    assert [d.fix for d in report.preflight] == ["reduce_dtype"] and report.preflight[0].changes == {
        "dtype": "float16"}  # a T4 has no bfloat16
    assert "T4" in report.preflight[0].reason
    assert backend.calls[0].dtype == "float16"


def test_without_preflight_the_same_load_fails_first(tiny_llama_dir: Path) -> None:
    free = int(_fp32_bytes(tiny_llama_dir) * 0.8)
    result = run_load(str(tiny_llama_dir), device_map="cuda", tokenizer=False, backend=SimulatedGpu(capacity=free),
                      facts=_t4(free), policy=Policy(preflight=False))
    first = result.report.attempts[0]
    assert first.outcome == "failed" and first.category == "cuda_oom" and len(result.report.attempts) == 2


def test_a_bf16_checkpoint_on_a_t4_loads_as_float16_with_zero_failed_attempts(bf16_tiny: Path) -> None:
    backend = SimulatedGpu(capacity=GIB)
    result = run_load(str(bf16_tiny), device_map="cuda", tokenizer=False, backend=backend, facts=_t4(14 * GIB))
    assert [a.outcome for a in result.report.attempts] == ["loaded"]
    assert [d.fix for d in result.report.preflight] == ["use_float16_instead_of_bf16"]
    assert "checkpoint is bfloat16" in result.report.preflight[0].reason
    without = run_load(str(bf16_tiny), device_map="cuda", tokenizer=False, backend=SimulatedGpu(capacity=GIB),
                       facts=_t4(14 * GIB), policy=Policy(preflight=False, remember=False))
    assert without.report.attempts[0].category == "dtype_unsupported"


def test_too_big_even_in_half_precision_offloads_within_measured_budgets(tiny_llama_dir: Path) -> None:
    free = int(_fp32_bytes(tiny_llama_dir) * 0.2)
    plan = LoadPlan(model_id=str(tiny_llama_dir), kwargs={"device_map": "cuda"})
    steps = list(preflight(plan, _t4(free), Policy()))
    assert [d.fix for d, _ in steps] == ["reduce_dtype", "device_map_auto_offload"]
    final = steps[-1][1]
    assert final.kwargs["device_map"] == "auto" and final.dtype == "float16"
    assert final.kwargs["max_memory"][0] == f"{int(free * 0.9) // KIB}KiB"  # 90% of the free memory
    assert "cpu" in final.kwargs["max_memory"] and steps[-1][0].risk is Risk.slower


@pytest.mark.parametrize("case", ["oom", "bf16", "offload"])
def test_fail_rather_than_degrade_means_no_preflight_change(tiny_llama_dir: Path, bf16_tiny: Path, case: str) -> None:
    free = int(_fp32_bytes(tiny_llama_dir) * {"oom": 0.8, "bf16": 50.0, "offload": 0.2}[case])
    folder = bf16_tiny if case == "bf16" else tiny_llama_dir
    plan = LoadPlan(model_id=str(folder), kwargs={"device_map": "cuda"})
    assert list(preflight(plan, _t4(free), FAIL_RATHER_THAN_DEGRADE)) == []


# --------------------------------------------------------------------------------------------------
# Host RAM and disk (real loads on this CPU)
# --------------------------------------------------------------------------------------------------


def test_not_enough_ram_for_float32_loads_in_bfloat16(tiny_llama_dir: Path) -> None:
    import torch

    ram = int(_fp32_bytes(tiny_llama_dir) * 0.8)
    result = run_load(str(tiny_llama_dir), tokenizer=False, facts=_cpu_facts(ram_available_bytes=ram))
    assert [d.changes for d in result.report.preflight] == [{"dtype": "bfloat16"}]  # not float16 on a CPU
    assert [a.outcome for a in result.report.attempts] == ["loaded"] and result.model.dtype == torch.bfloat16


def test_far_too_little_ram_offloads_to_disk_for_real(tiny_llama_dir: Path) -> None:
    ram = int(_fp32_bytes(tiny_llama_dir) * 0.2)
    result = run_load(str(tiny_llama_dir), tokenizer=False, facts=_cpu_facts(ram_available_bytes=ram))
    report = result.report
    assert [d.fix for d in report.preflight] == ["reduce_dtype", "device_map_auto_offload"]
    assert report.final_kwargs["device_map"] == "auto" and [a.outcome for a in report.attempts] == ["loaded"]
    assert "disk" in set(map(str, result.model.hf_device_map.values()))
    assert any(h.code == "offloaded_to_disk" for h in report.health)


def test_disk_offload_of_bin_weights_gets_an_offload_folder(bin_tiny: Path) -> None:
    ram = int(_fp32_bytes(bin_tiny) * 0.2)
    result = run_load(str(bin_tiny), tokenizer=False, facts=_cpu_facts(ram_available_bytes=ram))
    fixes = [d.fix for d in result.report.preflight]
    assert fixes == ["reduce_dtype", "device_map_auto_offload", "offload_folder"]
    assert [a.outcome for a in result.report.attempts] == ["loaded"]  # without the folder: a ValueError
    assert Path(result.report.final_kwargs["offload_folder"]).is_dir()


def _offload_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("advisor-offload-*"))


@pytest.fixture
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, made this test's own: what the load leaves there is counted."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    return folder


def test_the_offload_folder_lives_as_long_as_the_model_that_reads_it(bin_tiny: Path, own_tempdir: Path) -> None:
    import gc

    result = run_load(str(bin_tiny), tokenizer=False, facts=_cpu_facts(ram_available_bytes=int(
        _fp32_bytes(bin_tiny) * 0.2)))
    (folder,) = _offload_folders(own_tempdir)
    assert result.report.final_kwargs["offload_folder"] == str(folder) and any(folder.iterdir())  # re-saved weights
    del result
    gc.collect()
    assert _offload_folders(own_tempdir) == []  # the model is gone, and so are its offloaded weights


def test_a_failed_load_leaves_no_offload_folder_behind(bin_tiny: Path, own_tempdir: Path) -> None:
    from advisor.errors import LoadFailed

    weights = bin_tiny / "pytorch_model.bin"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])  # cut short, like a broken download
    with pytest.raises(LoadFailed) as failed:
        run_load(str(bin_tiny), tokenizer=False, facts=_cpu_facts(ram_available_bytes=2 * KIB))
    assert "offload_folder" in [d.fix for d in failed.value.report.preflight]  # one was made for the attempt
    assert _offload_folders(own_tempdir) == []


def test_planning_alone_creates_no_folder(bin_tiny: Path, own_tempdir: Path) -> None:
    plan = LoadPlan(model_id=str(bin_tiny))
    steps = list(preflight(plan, _cpu_facts(ram_available_bytes=2 * KIB), Policy()))
    assert [d.fix for d, _ in steps][-1] == "offload_folder" and list(own_tempdir.iterdir()) == []


def test_a_remembered_plan_gets_a_new_offload_folder_not_the_freed_one(bin_tiny: Path, own_tempdir: Path) -> None:
    import gc

    facts = _cpu_facts(ram_available_bytes=int(_fp32_bytes(bin_tiny) * 0.2))
    first = run_load(str(bin_tiny), tokenizer=False, facts=facts)
    used = first.report.final_kwargs["offload_folder"]
    del first
    gc.collect()
    again = run_load(str(bin_tiny), tokenizer=False, facts=facts)
    assert [a.outcome for a in again.report.attempts] == ["loaded"]
    assert any("from memory" in d.reason for d in again.report.preflight)  # the plan came from the record
    (folder,) = _offload_folders(own_tempdir)
    assert str(folder) == again.report.final_kwargs["offload_folder"] != used and any(folder.iterdir())


def test_a_container_limit_becomes_max_memory_for_device_map_auto(tiny_llama_dir: Path) -> None:
    headroom = _fp32_bytes(tiny_llama_dir) // 2  # the container holds half the weights; the host, all of them
    facts = _cpu_facts(ram_available_bytes=20 * GIB, memory_limit_bytes=headroom, memory_limit_kind="cgroup",
                       memory_headroom_bytes=headroom)
    plan = LoadPlan(model_id=str(tiny_llama_dir), kwargs={"device_map": "auto"})
    ((decision, new), *_rest) = list(preflight(plan, facts, Policy()))
    assert decision.fix == "reduce_max_memory" and decision.risk is Risk.safe
    assert new.kwargs["max_memory"] == {"cpu": mib_size(int(headroom * 0.9))}
    assert "cgroup" in decision.reason
    mine = LoadPlan(model_id=str(tiny_llama_dir), kwargs={"device_map": "auto", "max_memory": {"cpu": "5GiB"}})
    assert list(preflight(mine, facts, Policy())) == []  # the user's own budget is kept


def test_a_container_limit_the_weights_fit_in_changes_nothing(tiny_llama_dir: Path) -> None:
    """Seen on a real machine (an H200 box whose cgroup limit was 0.6 % under the host's free RAM): the limit binds
    accelerate's budget, but a model that fits under it is placed alike either way, so the call is kept as asked."""
    facts = _cpu_facts(ram_available_bytes=20 * GIB, memory_limit_bytes=2 * GIB, memory_limit_kind="cgroup",
                       memory_headroom_bytes=GIB)
    plan = LoadPlan(model_id=str(tiny_llama_dir), kwargs={"device_map": "auto"})
    assert list(preflight(plan, facts, Policy())) == []
    on_gpu = gpu_facts(free_gib=8).model_copy(update={"ram_available_bytes": 20 * GIB, "memory_limit_bytes": GIB,
                                                       "memory_limit_kind": "cgroup", "memory_headroom_bytes": 1000})
    assert list(preflight(plan, on_gpu, Policy())) == []  # the GPU takes it all; the CPU budget is never read


def test_under_rlimit_as_the_cpu_budget_counts_the_mapped_file_twice(tiny_llama_dir: Path) -> None:
    size = _fp32_bytes(tiny_llama_dir)
    facts = _cpu_facts(ram_available_bytes=20 * GIB, memory_limit_bytes=GIB, memory_limit_kind="rlimit_as",
                       memory_headroom_bytes=int(size * 1.5))  # room for the file once, not for file + tensors
    steps = list(preflight(LoadPlan(model_id=str(tiny_llama_dir)), facts, Policy()))
    assert [d.changes for d, _ in steps] == [{"dtype": "bfloat16"}]
