"""The after-load finding for a model placed layer by layer over several GPUs ("why is generation slow").

SYNTHETIC: there is no GPU here. The models are real (tiny, random weights on the CPU); the multi-GPU
``hf_device_map`` that accelerate would have written and the GPU facts are injected.
"""

from __future__ import annotations

from typing import Any

import pytest
import transformers

from advisor.facts import Facts, GpuFacts, gather
from advisor.parallel import pipeline_findings, takes_ep_size

GIB = 2**30


def _facts(count: int, free_gib: float = 20.0) -> Facts:
    gpus = [GpuFacts(index=i, name="RTX4090", total_bytes=24 * GIB, free_bytes=int(free_gib * GIB),
                     capability=(8, 9)) for i in range(count)]
    return gather().model_copy(update={"cuda_available": True, "gpus": gpus})


def _llama(heads: int = 4, kv_heads: int = 2) -> Any:
    config = transformers.LlamaConfig(hidden_size=16 * heads, intermediate_size=128, num_hidden_layers=4,
                                      num_attention_heads=heads, num_key_value_heads=kv_heads, vocab_size=256)
    return transformers.LlamaForCausalLM(config)


def _spread(model: Any, devices: list[Any]) -> Any:
    """SYNTHETIC: the device map device_map="auto" writes, layer i on devices[i]."""
    layers = len(model.model.layers)
    model.hf_device_map = {"model.embed_tokens": devices[0],
                           **{f"model.layers.{i}": devices[i] for i in range(layers)},
                           "model.norm": devices[-1], "model.rotary_emb": devices[-1], "lm_head": devices[-1]}
    return model


def test_layers_over_two_gpus_name_tensor_parallel() -> None:
    model = _spread(_llama(), [0, 0, 1, 1])
    (finding,) = pipeline_findings(model, _facts(2))
    assert finding["level"] == "info" and finding["code"] == "pipeline_placement"
    assert "over 2 GPUs" in finding["message"] and "only one GPU computes at a time" in finding["message"]
    assert 'tp_plan="auto"' in finding["message"] and "torchrun --nproc-per-node 2" in finding["message"]
    assert "would also fit whole on RTX4090 cuda:0" in finding["message"]  # a tiny model


def test_experts_outside_the_tp_plan_name_expert_parallel_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # Mixtral's TP plan as transformers 5.25 declares it (attention only; the experts in base_model_ep_plan)
    monkeypatch.setattr(transformers.MixtralConfig, "base_model_tp_plan", {
        "layers.*.self_attn.q_proj": "colwise", "layers.*.self_attn.k_proj": "colwise",
        "layers.*.self_attn.v_proj": "colwise", "layers.*.self_attn.o_proj": "rowwise"})
    config = transformers.MixtralConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=4,
                                        num_attention_heads=4, num_key_value_heads=2, vocab_size=256,
                                        num_local_experts=4)
    (finding,) = pipeline_findings(_spread(transformers.MixtralForCausalLM(config), [0, 0, 1, 1]), _facts(2))
    if takes_ep_size():
        assert 'distributed_config={"tp_size": 2, "ep_size": 2}' in finding["message"]
        assert "tp_plan" not in finding["message"]
    else:  # no expert parallel by size in this transformers: plain TP, which copies the experts to each GPU
        assert 'tp_plan="auto"' in finding["message"]


@pytest.mark.parametrize("devices", [["cuda:0", "cuda:1", "cuda:2", "cuda:3"], [0, 1, 2, 3]])
def test_four_gpus_by_name_or_index_pick_the_largest_degree_the_heads_allow(devices: list[Any]) -> None:
    model = _spread(_llama(heads=4, kv_heads=2), devices)
    (finding,) = pipeline_findings(model, _facts(4, free_gib=0.0))
    assert "over 4 GPUs" in finding["message"] and "torchrun --nproc-per-node 2" in finding["message"]  # 2 KV heads
    assert "would also fit" not in finding["message"]  # no GPU has room left


def test_heads_that_do_not_divide_say_so() -> None:
    model = _spread(_llama(heads=3, kv_heads=3), [0, 0, 1, 1])
    (finding,) = pipeline_findings(model, _facts(2))
    assert "3 attention heads and 3 KV heads" in finding["message"] and "torchrun" not in finding["message"]


def test_an_architecture_without_a_tp_plan_points_to_a_serving_engine() -> None:
    model = transformers.GPT2LMHeadModel(transformers.GPT2Config(n_embd=64, n_head=4, n_layer=2, vocab_size=256))
    model.hf_device_map = {"transformer.wte": 0, "transformer.wpe": 0, "transformer.h.0": 0, "transformer.h.1": 1,
                           "transformer.ln_f": 1, "lm_head": 1}
    (finding,) = pipeline_findings(model, _facts(2))
    assert "no tensor-parallel plan for GPT2Config" in finding["message"]
    assert "vLLM --tensor-parallel-size 2" in finding["message"]


@pytest.mark.parametrize("devices", [[0, 0, 0, 0], [0, 0, "cpu", "disk"], ["cpu", "cpu", "cpu", "cpu"]])
def test_one_gpu_or_offload_is_not_pipeline_placement(devices: list[Any]) -> None:
    assert pipeline_findings(_spread(_llama(), devices), _facts(2)) == []


def test_a_model_without_a_device_map_has_no_finding() -> None:
    assert pipeline_findings(_llama(), _facts(2)) == []
