"""Parallel options past one GPU, on published shapes (configs only, meta device): one GPU, accelerate's balanced
device_map, tensor parallel from the config class's TP plan, vLLM beyond the GPUs given, quantized alongside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import transformers
from support.published_configs import LLAMA_2_7B, LLAMA_2_70B, LLAMA_3_1_405B, MIXTRAL_8X7B, write
from typer.testing import CliRunner

from advisor.cli import app
from advisor.parallel import ParallelOption, ep_plan_of, sharded_bytes, takes_ep_size, tp_degrees, tp_plan_of
from advisor.planner import PlanResult, plan

GIB = 2**30
runner = CliRunner()


def _kinds(result: PlanResult) -> list[str]:
    return [o.kind for o in result.parallel]


def _option(result: PlanResult, kind: str, **match: object) -> ParallelOption:
    found = [o for o in result.parallel if o.kind == kind and all(getattr(o, k) == v for k, v in match.items())]
    assert found, f"no {kind} {match} in {_kinds(result)}"
    return found[0]


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("published")
    return {name: write(root / name, data) for name, data in (
        ("7b", LLAMA_2_7B), ("70b", LLAMA_2_70B), ("405b", LLAMA_3_1_405B), ("mixtral", MIXTRAL_8X7B))}


@pytest.fixture(scope="module")
def plan_70b(configs: dict[str, Path]) -> PlanResult:
    return plan(str(configs["70b"]), gpus=["8xA100-80GB"], ram="512GiB", dtype="bfloat16")


@pytest.fixture(scope="module")
def plan_405b(configs: dict[str, Path]) -> PlanResult:
    return plan(str(configs["405b"]), gpus=["8xA100-80GB"], ram="512GiB", dtype="bfloat16")


def test_70b_bf16_on_8_a100_80gb_offers_tensor_parallel_over_8(plan_70b: PlanResult) -> None:
    assert plan_70b.fits and plan_70b.verdict == "gpu" and len(plan_70b.devices) == 10  # 8 GPUs, cpu, disk
    tp = _option(plan_70b, "tensor_parallel")
    assert tp.fits and tp.devices == 8 and tp.kwargs == {"dtype": "bfloat16", "tp_plan": "auto"}
    assert tp.command == "torchrun --nproc-per-node 8 script.py"
    assert "64 heads and 8 KV heads divide by 8" in tp.why
    # every GPU holds 1/8 of the sharded layers plus the replicated embeddings and norms
    weights = plan_70b.bytes["bfloat16"]
    assert weights / 8 < tp.per_device_bytes["cuda:0"] < weights / 8 + GIB
    assert any("tp_plan" in n and "torchrun --nproc-per-node 8" in n for n in plan_70b.notes)


def test_70b_options_are_most_practical_first(plan_70b: PlanResult) -> None:
    kinds = _kinds(plan_70b)
    assert kinds.index("pipeline") < kinds.index("tensor_parallel") < kinds.index("quantized")
    assert kinds[-1] == "single_gpu" and not plan_70b.parallel[-1].fits  # 128 GiB is no one-GPU model
    pipeline = _option(plan_70b, "pipeline")
    assert pipeline.fits and pipeline.devices == 8 and pipeline.kwargs["device_map"] == "auto"
    assert "one GPU computes at a time" in pipeline.why
    assert sum(pipeline.per_device_bytes.values()) == sum(plan_70b.placement.values())
    assert "multi_node" not in kinds  # one node holds it


def test_405b_bf16_on_8_a100_80gb_needs_two_nodes_with_vllm(plan_405b: PlanResult) -> None:
    assert not plan_405b.fits and plan_405b.verdict != "gpu"
    assert not _option(plan_405b, "pipeline").fits and not _option(plan_405b, "tensor_parallel").fits
    wide = _option(plan_405b, "multi_node")
    assert wide.fits and wide.nodes == 2 and wide.devices == 16
    assert wide.kwargs == {"tensor_parallel_size": 8, "pipeline_parallel_size": 2, "dtype": "bfloat16"}
    assert wide.command is not None and "ray start --head" in wide.command
    assert "--tensor-parallel-size 8 --pipeline-parallel-size 2 --dtype bfloat16" in wide.command
    per_gpu = wide.per_device_bytes["rank0"]
    assert plan_405b.bytes["bfloat16"] / 16 < per_gpu < 80 * GIB * 0.9
    assert plan_405b.parallel[0].kind == "multi_node"  # the only unquantized layout that fits comes first
    assert any("2 node(s) with vLLM" in n for n in plan_405b.notes)


def test_405b_quantized_alternatives_carry_their_memory(plan_405b: PlanResult) -> None:
    int8 = _option(plan_405b, "quantized", dtype="int8")
    int4 = _option(plan_405b, "quantized", dtype="int4")
    assert int8.kwargs["quantization_config"] == {"quant_method": "bitsandbytes", "load_in_8bit": True}
    assert sum(int4.per_device_bytes.values()) < sum(int8.per_device_bytes.values()) < plan_405b.bytes["bfloat16"]
    assert int8.fits and int4.fits  # 405 GB of 8-bit weights spread over 8 x 80 GB


def test_7b_at_32k_times_4_on_one_a100_points_to_two_gpus(configs: dict[str, Path]) -> None:
    result = plan(str(configs["7b"]), gpus=["A100-80GB"], ram="64GiB", context_length=32768, batch_size=4)
    assert result.kv_cache_bytes == 64 * GIB
    assert not _option(result, "single_gpu").fits
    more = _option(result, "scale_out")
    assert more.fits and more.devices == 2 and more.nodes == 1 and more.kwargs["tensor_parallel_size"] == 2
    assert more.command == ("vllm serve " + str(configs["7b"]) + " --tensor-parallel-size 2 --dtype float16 "
                            "--max-model-len 32768 --max-num-seqs 4")
    # the KV heads split over the 2 GPUs too: 32 GiB of cache each, beside half the weights
    assert 32 * GIB < more.per_device_bytes["rank0"] < 32 * GIB + result.bytes["float16"] / 2 + GIB


def test_mixtral_declares_a_tp_plan_and_splits_over_two_gpus(configs: dict[str, Path]) -> None:
    assert transformers.MixtralConfig.base_model_tp_plan  # read from transformers, not from a list of ours
    result = plan(str(configs["mixtral"]), gpus=["2xA100-80GB"], ram="256GiB", context_length=32768)
    tp = _option(result, "tensor_parallel")
    assert tp.fits and tp.devices == 2 and tp.command == "torchrun --nproc-per-node 2 script.py"
    assert not _option(result, "single_gpu").fits  # 87 GiB of bf16 weights
    # the experts are split whichever table of this transformers holds them: the TP plan (up to 5.24) or the
    # expert-parallel plan (5.25 moved them there), with the call that says so
    assert tp.per_device_bytes["cuda:0"] == pytest.approx((result.bytes["bfloat16"] + 4 * GIB) / 2, rel=0.02)
    experts_in_tp = any("experts" in key for key in transformers.MixtralConfig.base_model_tp_plan)
    assert ("tp_plan" in tp.kwargs) == experts_in_tp
    assert ("distributed_config" in tp.kwargs) == (not experts_in_tp and takes_ep_size())


#: Mixtral's TP plan as transformers 5.25 declares it: attention only, the experts left to base_model_ep_plan
ATTENTION_ONLY_TP_PLAN = {"layers.*.self_attn.q_proj": "colwise", "layers.*.self_attn.k_proj": "colwise",
                          "layers.*.self_attn.v_proj": "colwise", "layers.*.self_attn.o_proj": "rowwise"}


def test_experts_outside_the_tp_plan_are_split_by_expert_parallel(
        configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transformers.MixtralConfig, "base_model_tp_plan", ATTENTION_ONLY_TP_PLAN)
    if not ep_plan_of(transformers.MixtralConfig()):
        pytest.skip("this transformers declares no expert-parallel plan for Mixtral (4.x)")
    result = plan(str(configs["mixtral"]), gpus=["2xA100-80GB"], ram="256GiB", context_length=32768)
    tp = _option(result, "tensor_parallel")
    if not takes_ep_size():  # a transformers without DistributedConfig(ep_size=...): every GPU holds every expert
        assert not tp.fits and tp.kwargs["tp_plan"] == "auto" and "every GPU holds them all" in tp.why
        return
    assert tp.kwargs["distributed_config"] == {"tp_size": 2, "ep_size": 2} and "tp_plan" not in tp.kwargs
    assert tp.fits and "ep_size=2 splits them too (4 per GPU)" in tp.why
    assert tp.per_device_bytes["cuda:0"] == pytest.approx((result.bytes["bfloat16"] + 4 * GIB) / 2, rel=0.02)
    assert any('distributed_config={"tp_size": 2, "ep_size": 2}' in note for note in result.notes)


def test_plain_tp_would_copy_every_expert_to_every_gpu(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transformers.MixtralConfig, "base_model_tp_plan", ATTENTION_ONLY_TP_PLAN)
    if not ep_plan_of(transformers.MixtralConfig()):
        pytest.skip("this transformers declares no expert-parallel plan for Mixtral (4.x)")
    six = write(tmp_path / "six-experts", {**MIXTRAL_8X7B, "num_local_experts": 6})
    result = plan(str(six), gpus=["4xA100-80GB"], ram="512GiB", context_length=32768)
    tp = _option(result, "tensor_parallel")
    if takes_ep_size():  # 4 GPUs do not divide 6 experts: expert parallel over 2, each owning 3
        assert tp.devices == 2 and tp.kwargs["distributed_config"] == {"tp_size": 2, "ep_size": 2}
        assert "(3 per GPU)" in tp.why
    sharded, experts, replicated = sharded_bytes(transformers.MixtralForCausalLM._from_config(
        transformers.MixtralConfig(**{**MIXTRAL_8X7B, "num_local_experts": 6, "num_hidden_layers": 1,
                                      "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4,
                                      "num_key_value_heads": 2, "vocab_size": 100})),
        ATTENTION_ONLY_TP_PLAN, "bfloat16", ep_plan_of(transformers.MixtralConfig()))
    assert experts == 1 * 6 * 3 * 64 * 128 * 2  # gate_up (2 x 128 x 64) + down (64 x 128) per expert, bf16
    # q, o: 64 x 64; k, v: 32 x 64 (head_dim 16); the embedding and lm_head (100 x 64) from the model's own plan
    assert sharded == 2 * (2 * 64 * 64 + 2 * 32 * 64 + 2 * 100 * 64)
    assert replicated == 2 * (6 * 64 + 3 * 64)  # the router and the three norms stay whole on every GPU


def test_an_architecture_without_a_tp_plan_gets_no_tensor_parallel_option(tmp_path: Path) -> None:
    assert transformers.GPT2Config.base_model_tp_plan is None
    assert tp_plan_of(transformers.GPT2Config()) is None and tp_plan_of(transformers.LlamaConfig()) is not None
    transformers.GPT2Config(n_embd=1600, n_head=25, n_layer=48).save_pretrained(tmp_path / "gpt2-xl")
    result = plan(str(tmp_path / "gpt2-xl"), gpus=["2xT4"], ram="32GiB")
    assert "tensor_parallel" not in _kinds(result) and "pipeline" in _kinds(result)


def test_heads_that_do_not_divide_by_the_gpu_count_are_checked(tmp_path: Path) -> None:
    assert tp_degrees(32, 8, 8) == [8, 4, 2] and tp_degrees(40, 8, 8) == [8, 4, 2]
    assert tp_degrees(6, 3, 4) == [3] and tp_degrees(5, 5, 4) == [] and tp_degrees(64, 4, 8) == [4, 2]
    transformers.LlamaConfig(hidden_size=320, intermediate_size=640, num_hidden_layers=2, num_attention_heads=5,
                             num_key_value_heads=5, vocab_size=1000).save_pretrained(tmp_path / "five-heads")
    result = plan(str(tmp_path / "five-heads"), gpus=["4xT4"], ram="32GiB")
    tp = _option(result, "tensor_parallel")
    assert not tp.fits and "5 attention heads and 5 KV heads do not divide" in tp.why
    transformers.LlamaConfig(hidden_size=384, intermediate_size=640, num_hidden_layers=2, num_attention_heads=6,
                             num_key_value_heads=3, vocab_size=1000).save_pretrained(tmp_path / "six-heads")
    tp3 = _option(plan(str(tmp_path / "six-heads"), gpus=["4xT4"], ram="32GiB"), "tensor_parallel")
    assert tp3.fits and tp3.devices == 3 and tp3.command == "torchrun --nproc-per-node 3 script.py"


def test_mixed_gpus_tensor_parallel_uses_the_identical_ones(configs: dict[str, Path]) -> None:
    result = plan(str(configs["70b"]), gpus=["2xA100-80GB", "T4"], ram="256GiB", dtype="bfloat16")
    assert [d.model for d in result.devices[:3]] == ["A100-80GB", "A100-80GB", "T4"]
    tp = _option(result, "tensor_parallel")
    assert tp.devices == 2 and tp.gpu == "A100-80GB" and set(tp.per_device_bytes) == {"cuda:0", "cuda:1"}
    assert _option(result, "pipeline").devices == 3


def test_a_model_that_fits_one_gpu_lists_it_first(configs: dict[str, Path]) -> None:
    result = plan(str(configs["7b"]), gpus=["A100-80GB"], ram="64GiB")
    assert result.parallel[0].kind == "single_gpu" and result.parallel[0].fits
    assert result.parallel[0].kwargs == {"dtype": "float16", "device_map": "cuda:0"}
    assert _kinds(result) == ["single_gpu", "quantized", "quantized"]


def test_without_gpus_there_are_no_parallel_options(configs: dict[str, Path]) -> None:
    assert plan(str(configs["7b"]), gpus=[], ram="64GiB").parallel == []


def test_gpus_per_node_changes_the_multi_node_layout(configs: dict[str, Path]) -> None:
    result = plan(str(configs["405b"]), gpus=["4xA100-80GB"], ram="512GiB", dtype="bfloat16", gpus_per_node=4)
    wide = _option(result, "multi_node")
    assert wide.kwargs["tensor_parallel_size"] == 4 and wide.devices == 4 * wide.kwargs["pipeline_parallel_size"]
    assert wide.nodes == wide.kwargs["pipeline_parallel_size"] >= 3


def test_plan_cli_prints_the_options_and_their_commands(configs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["plan", str(configs["405b"]), "--gpu", "8x A100-80GB", "--ram", "512GiB",
                                 "--dtype", "bfloat16"])
    assert result.exit_code == 0, result.output
    assert "options past one device" in result.stdout and "multi_node on 16 GPU(s), 2 nodes [fits]" in result.stdout
    assert "--pipeline-parallel-size 2" in result.stdout
    data = json.loads(runner.invoke(app, ["plan", str(configs["405b"]), "--gpu", "8xA100-80GB", "--ram", "512GiB",
                                          "--dtype", "bfloat16", "--json"]).stdout)
    kinds = [o["kind"] for o in data["parallel"]]
    assert "multi_node" in kinds and data["kv_cache_bytes"] == 0
    assert {"kind", "devices", "kwargs", "command", "why", "fits", "per_device_bytes"} <= data["parallel"][0].keys()


def test_sixteen_gpus_are_two_nodes_so_405b_gets_the_multi_node_layout(configs: dict[str, Path]) -> None:
    result = plan(str(configs["405b"]), gpus=["16xA100-80GB"], ram="512GiB", dtype="bfloat16")
    pipeline = _option(result, "pipeline")
    assert not pipeline.fits and "more than one node of 8" in pipeline.why
    wide = _option(result, "multi_node")
    assert wide.fits and wide.nodes == 2 and "needs" not in wide.why  # the 16 given are enough
    assert any("more than one node of 8" in n for n in result.notes)


def test_gpus_per_node_must_be_a_positive_count(configs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["plan", str(configs["7b"]), "--gpu", "2xT4", "--gpus-per-node", "0"])
    assert result.exit_code == 2 and "GPUs per node" in result.output
