"""On a real CUDA device: device facts, a real CUDA OOM repaired by the rules, the same OOM avoided by
preflight, and health findings of a real GPU/CPU split. Marked `gpu`: skipped without CUDA (tests/conftest.py).
The CPU-only suite covers the same paths with injected device facts (tests/test_preflight.py, tests/live)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from parity.parity_rows import assert_same_model

from advisor import Policy
from advisor.facts import gather
from advisor.loader import run_load
from advisor.planner import plan

pytestmark = pytest.mark.gpu
MIB = 2**20
NO_MEMORY = Policy(preflight=False, remember=False)


@pytest.fixture(scope="module")
def llama_400mb(tmp_path_factory: pytest.TempPathFactory, tiny_llama_dir: Path) -> Path:
    """A ~412 MB float32 llama (~103 M parameters): float32 needs ~412 MB on the GPU, half precision ~206 MB."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("llama400") / "llama-400mb"
    shutil.copytree(tiny_llama_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config.update(hidden_size=1024, intermediate_size=2816, num_hidden_layers=8, num_attention_heads=16,
                  num_key_value_heads=16, head_dim=64)
    torch.manual_seed(0)
    LlamaForCausalLM(LlamaConfig(**config)).save_pretrained(folder)
    return folder


@pytest.fixture
def clean_gpu() -> Iterator[None]:
    """Start and end with the caching allocator emptied and no per-process cap."""
    import gc

    import torch

    torch.cuda.empty_cache()
    yield
    torch.cuda.set_per_process_memory_fraction(1.0, 0)
    gc.collect()
    torch.cuda.empty_cache()


def test_device_facts_match_torch() -> None:
    import torch

    facts = gather()
    gpu = facts.gpus[0]
    props = torch.cuda.get_device_properties(0)
    assert facts.cuda_available and gpu.name == props.name
    assert abs(gpu.total_bytes - props.total_memory) <= 0.01 * props.total_memory  # cudaMemGetInfo's total
    assert gpu.capability == torch.cuda.get_device_capability(0)
    assert gpu.bf16 == torch.cuda.is_bf16_supported(including_emulation=False)
    assert 0 < gpu.free_bytes <= gpu.total_bytes
    assert facts.best_half_dtype == ("bfloat16" if facts.bf16_supported else "float16")


def test_a_real_cuda_oom_is_diagnosed_and_repaired(llama_400mb: Path, clean_gpu: None) -> None:
    import torch

    total = torch.cuda.get_device_properties(0).total_memory
    torch.cuda.set_per_process_memory_fraction(300 * MIB / total, 0)  # float32 cannot fit, half can
    result = run_load(str(llama_400mb), device_map="cuda", tokenizer=False, policy=NO_MEMORY)
    first = result.report.attempts[0]
    assert first.outcome == "failed" and first.category == "cuda_oom"
    assert first.error is not None and "out of memory" in first.error.message.lower()
    assert result.report.final_kwargs["dtype"] in ("bfloat16", "float16")
    assert result.report.attempts[-1].outcome == "loaded"
    assert next(result.model.parameters()).device.type == "cuda"


def test_preflight_sees_the_same_oom_coming(llama_400mb: Path, clean_gpu: None) -> None:
    import torch

    free, _total = torch.cuda.mem_get_info(0)
    blocker = torch.empty(free - 300 * MIB, dtype=torch.uint8, device="cuda")  # leave ~300 MiB free for real
    try:
        result = run_load(str(llama_400mb), device_map="cuda", tokenizer=False, policy=Policy(remember=False))
        assert [a.outcome for a in result.report.attempts] == ["loaded"]  # zero failed attempts
        assert [d.fix for d in result.report.preflight] == ["reduce_dtype"]
        del result
    finally:
        del blocker


def test_a_real_gpu_cpu_split_is_reported(llama_400mb: Path, clean_gpu: None) -> None:
    result = run_load(str(llama_400mb), device_map="auto", max_memory={0: "150MiB", "cpu": "4GiB"},
                      tokenizer=False, policy=NO_MEMORY)
    codes = {h.code for h in result.report.health}
    assert "offloaded_to_cpu" in codes and "on_cpu_with_gpu_available" not in codes


def test_bf16_health_follows_the_gpu(llama_400mb: Path, clean_gpu: None) -> None:
    facts = gather()
    result = run_load(str(llama_400mb), dtype="bfloat16", device_map="cuda", tokenizer=False, policy=NO_MEMORY)
    flagged = "bf16_without_native_support" in {h.code for h in result.report.health}
    assert flagged is (not facts.bf16_supported)


def test_plan_uses_this_gpu(llama_400mb: Path, clean_gpu: None) -> None:
    import torch

    result = plan(str(llama_400mb))
    assert result.devices[0].model == torch.cuda.get_device_name(0)
    assert result.verdict == "gpu" and result.fits




@pytest.mark.parametrize("kwargs", [{}, {"device_map": "cuda"}, {"device_map": "auto", "dtype": "bfloat16"}],
                         ids=["defaults", "device_map-cuda", "auto-bf16"])
def test_a_load_that_works_gives_the_same_model_as_plain_transformers(
        llama_400mb: Path, clean_gpu: None, kwargs: dict[str, str]) -> None:
    """Parity where a GPU exists: safe_load's defaults must not move the model to the GPU or change its dtype
    because one is there (plain from_pretrained keeps it on the CPU in float32)."""
    from transformers import AutoModelForCausalLM

    result = run_load(str(llama_400mb), tokenizer=False, policy=Policy(remember=False), **kwargs)
    assert [a.outcome for a in result.report.attempts] == ["loaded"] and result.report.preflight == []
    plain = AutoModelForCausalLM.from_pretrained(str(llama_400mb), **kwargs)
    assert_same_model(result.model, plain)  # class, dtype, placement, device map, weights


def test_the_real_oom_message_is_read_like_the_quoted_ones(clean_gpu: None) -> None:
    """torch's own message on this card (not a quoted one): the parser reads its numbers and explain its class."""
    import torch

    from advisor.diagnose import explain
    from advisor.oom import parse_oom

    total = torch.cuda.get_device_properties(0).total_memory
    with pytest.raises(torch.OutOfMemoryError) as caught:
        torch.empty(2 * total, dtype=torch.uint8, device="cuda")
    text = f"torch.OutOfMemoryError: {caught.value}"
    print("real OOM text:", text)
    numbers = parse_oom(text)
    assert numbers["oom_tried_gib"] == pytest.approx(2 * total / 2**30, rel=0.01)
    assert numbers["oom_total_gib"] == pytest.approx(total / 2**30, rel=0.01)
    assert numbers["oom_verdict"] == "too_big"
    assert explain(text).category == "cuda_oom"


def test_the_catalog_entry_for_this_gpu_matches_it() -> None:
    """`advisor plan --gpu NAME` plans with the catalog's memory and capability; they must be this card's."""
    import torch

    from advisor.gpus import find

    name = torch.cuda.get_device_name(0)
    spec = find(name.removeprefix("NVIDIA ").split(" ")[0])  # 'NVIDIA H200' -> 'H200'
    props = torch.cuda.get_device_properties(0)
    print(f"catalog {spec.name}: {spec.total_bytes} bytes, {spec.capability}; this card: {props.total_memory}")
    assert spec.capability == torch.cuda.get_device_capability(0)
    assert spec.total_bytes == pytest.approx(props.total_memory, rel=0.02)


KERNELS_OFFLINE = """
import json, sys
from transformers import AutoModelForCausalLM
from advisor import Policy, safe_load
folder, out = sys.argv[1], {}
try:
    AutoModelForCausalLM.from_pretrained(folder, device_map="cuda")
    out["plain"] = "loaded"
except Exception as exc:
    out["plain"] = f"{type(exc).__name__}: {exc}"
result = safe_load(folder, tokenizer=False, device_map="cuda", policy=Policy(remember=False))
out["attempts"] = [[a.outcome, a.rule] for a in result.report.attempts]
out["final_kwargs"] = result.report.final_kwargs
out["device"] = str(next(result.model.parameters()).device)
print(json.dumps(out))
"""


def test_a_hub_kernel_missing_offline_is_loaded_without_it(llama_400mb: Path, tmp_path: Path) -> None:
    """transformers >= 5.25 with `kernels` installed swaps llama's rotary/activation layers for Hub kernels on a
    GPU; offline with an empty cache plain from_pretrained fails (seen on an H200), safe_load loads with
    use_kernels=False. A fresh process: HF_HUB_OFFLINE is read when huggingface_hub is imported."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "USE_HUB_KERNELS"}
    env.update(HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "empty_hf_home"),
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]), *sys.path]))
    proc = subprocess.run([sys.executable, "-c", KERNELS_OFFLINE, str(llama_400mb)], env=env, capture_output=True,
                          text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    print("kernels offline:", out)
    if out["plain"] == "loaded":
        pytest.skip("plain from_pretrained loads here (transformers < 5.25, or no `kernels` package)")
    assert "offline mode" in out["plain"]
    assert out["attempts"] == [["failed", "kernels-not-cached-offline"], ["loaded", None]]
    assert out["final_kwargs"]["use_kernels"] is False and out["device"].startswith("cuda")
