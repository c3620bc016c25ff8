"""The KV cache from real transformers configs (GQA/MQA, head_dim, sliding windows, composite configs) and how
`advisor plan --context-length/--batch-size` counts it beside the weights."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import transformers
from support.published_configs import LLAMA_2_7B, LLAMA_2_70B, MISTRAL_7B_V01, MIXTRAL_8X7B, write
from typer.testing import CliRunner

from advisor.cli import app
from advisor.errors import InvalidRequest
from advisor.kvcache import cache_dtype, kv_shape
from advisor.planner import plan

GIB, MIB, KIB = 2**30, 2**20, 2**10
runner = CliRunner()


def _config(data: dict[str, Any]) -> Any:
    return transformers.AutoConfig.for_model(**data)


def test_llama_2_7b_at_32k_tokens_times_4_needs_64_gib_of_fp16_kv() -> None:
    shape = kv_shape(_config(LLAMA_2_7B))
    assert shape is not None
    assert shape.bytes_per_token("float16") * shape.layers == 512 * KIB  # 2 * 32 * 32 * 128 * 2 bytes
    assert shape.total(32768, 4, "float16") == 64 * GIB
    assert shape.total(32768, 4, "float32") == 128 * GIB


def test_gqa_shrinks_the_cache_by_the_kv_head_ratio() -> None:
    shape = kv_shape(_config(LLAMA_2_70B))
    assert shape is not None and shape.kv_heads == 8 and shape.k_head_dim == 128
    assert shape.bytes_per_token("bfloat16") * shape.layers == 320 * KIB  # 2 * 80 * 8 * 128 * 2
    mixtral = kv_shape(_config(MIXTRAL_8X7B))
    assert mixtral is not None and mixtral.total(32768, 1, "bfloat16") == 4 * GIB
    assert mixtral.windows == (None,) * 32  # sliding_window null: full attention


def test_multi_query_attention_keeps_one_kv_head() -> None:
    falcon = kv_shape(transformers.FalconConfig(hidden_size=4544, num_attention_heads=71, num_hidden_layers=32,
                                                multi_query=True, new_decoder_architecture=False))
    bigcode = kv_shape(transformers.GPTBigCodeConfig(n_embd=6144, n_head=48, n_layer=40, multi_query=True))
    assert falcon is not None and falcon.kv_heads == 1 and falcon.k_head_dim == 64
    assert bigcode is not None and bigcode.kv_heads == 1 and bigcode.layers == 40 and bigcode.k_head_dim == 128
    gpt2 = kv_shape(transformers.GPT2Config())  # plain multi-head attention, attribute_map names
    assert gpt2 is not None and (gpt2.layers, gpt2.kv_heads, gpt2.k_head_dim) == (12, 12, 64)


def test_mistral_v01_caps_every_layer_at_its_4096_token_window() -> None:
    shape = kv_shape(_config(MISTRAL_7B_V01))
    assert shape is not None and set(shape.windows) == {4096}
    per_token = 2 * 32 * 8 * 128 * 2
    assert shape.total(32768, 1, "bfloat16") == 4096 * per_token  # 512 MiB, not 4 GiB
    assert shape.total(1000, 1, "bfloat16") == 1000 * per_token  # below the window nothing is capped
    no_window = kv_shape(_config({**MISTRAL_7B_V01, "sliding_window": None}))
    assert no_window is not None and no_window.total(32768, 1, "bfloat16") == 32768 * per_token


def test_gemma2_alternates_sliding_and_full_layers_with_an_explicit_head_dim() -> None:
    config = transformers.Gemma2Config(hidden_size=2304, num_attention_heads=8, num_key_value_heads=4, head_dim=256,
                                       num_hidden_layers=26, sliding_window=4096)
    shape = kv_shape(config)
    assert shape is not None and shape.k_head_dim == 256  # not 2304 / 8
    assert shape.windows.count(4096) == 13 and shape.windows.count(None) == 13
    per_layer_token = 2 * 4 * 256 * 2
    assert shape.total(8192, 1, "bfloat16") == 13 * per_layer_token * (8192 + 4096)


def test_a_composite_gemma3_config_is_sized_by_its_text_config() -> None:
    text = {"hidden_size": 2560, "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 256,
            "num_hidden_layers": 34, "sliding_window": 1024}
    config = transformers.Gemma3Config(text_config=text)
    shape = kv_shape(config)
    assert shape is not None and shape.layers == 34 and shape.kv_heads == 4
    full = [i for i, w in enumerate(shape.windows) if w is None]
    assert full == [5, 11, 17, 23, 29]  # one full-attention layer in six
    assert all(w == 1024 for w in shape.windows if w is not None)


def test_an_older_config_with_only_sliding_window_pattern_caps_five_of_six_layers() -> None:
    config = transformers.PretrainedConfig(num_hidden_layers=12, num_attention_heads=8, num_key_value_heads=4,
                                           head_dim=256, hidden_size=2048, sliding_window=512,
                                           sliding_window_pattern=6)
    shape = kv_shape(config)
    assert shape is not None and [i for i, w in enumerate(shape.windows) if w is None] == [5, 11]


def test_a_config_without_head_counts_has_no_kv_shape() -> None:
    assert kv_shape(transformers.PretrainedConfig(hidden_size=16)) is None


def test_quantized_weights_keep_a_16_bit_cache() -> None:
    assert cache_dtype("int4") == "float16" and cache_dtype("int8") == "float16"
    assert cache_dtype("bfloat16") == "bfloat16" and cache_dtype("float32") == "float32"


# --------------------------------------------------------------------------------------------------
# In the plan
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def llama7b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("llama-2-7b"), LLAMA_2_7B)


def test_without_a_context_length_the_plan_is_weights_only_and_says_so(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["A100-80GB"], ram="64GiB")
    assert result.kv_cache_bytes == 0 and result.kv_placement == {} and result.context_length is None
    assert any(n.startswith("weights only") for n in result.notes)
    assert result.fits and "max_memory" not in result.kwargs


def test_the_7b_kv_cache_at_32k_times_4_dominates_and_no_longer_fits_one_a100(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["A100-80GB"], ram="64GiB", context_length=32768, batch_size=4)
    assert result.kv_cache_bytes == 64 * GIB
    assert result.kv_cache_bytes > 4 * result.bytes["float16"]  # the cache, not the weights, is the problem
    assert not result.fits and result.verdict != "gpu"
    assert sum(result.kv_placement.values()) == 64 * GIB
    budget = result.devices[0].budget_bytes
    assert result.on("cuda:0") <= budget  # what stays on the GPU (weights + cache) is within its budget
    assert any("KV cache for batch 4 × 32768 tokens" in n for n in result.notes)
    assert any("max_position_embeddings (4096)" in n for n in result.notes)


def test_the_same_request_fits_an_h200_whole(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["H200"], ram="64GiB", context_length=32768, batch_size=4)
    assert result.fits and result.verdict == "gpu"
    assert result.placement["cuda:0"] == pytest.approx(result.bytes["float16"], rel=1e-4)  # + rotary buffers
    assert result.kv_placement == {"cuda:0": 64 * GIB} and result.placement["cpu"] == 0


def test_two_gpus_hold_the_cache_of_the_layers_each_holds(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["2xA100-80GB"], ram="64GiB", context_length=32768, batch_size=4)
    assert result.fits and result.verdict == "gpu" and result.kv_cache_bytes == 64 * GIB
    per_layer = 2 * GIB  # 64 GiB over 32 layers: each GPU holds whole layers' caches
    assert result.kv_placement["cuda:0"] % per_layer == 0 and result.kv_placement["cuda:1"] % per_layer == 0
    assert result.kv_placement["cuda:0"] + result.kv_placement["cuda:1"] == 64 * GIB
    for index, device in enumerate(result.devices[:2]):
        assert result.on(f"cuda:{index}") <= device.budget_bytes
        # the recommended max_memory keeps the weights out of the room the cache needs
        weights_cap = int(result.kwargs["max_memory"][index].removesuffix("MiB")) * MIB
        assert weights_cap + result.kv_placement[f"cuda:{index}"] <= device.budget_bytes


def test_a_cache_bigger_than_every_gpu_does_not_fit(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["T4"], ram="64GiB", context_length=32768, batch_size=4)
    assert result.verdict == "does_not_fit" and not result.fits
    assert any("KV cache does not fit" in n for n in result.notes)


def test_without_gpus_the_cache_is_planned_in_ram(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=[], ram="128GiB", context_length=4096, batch_size=1)
    assert result.kv_placement == {"cpu": 2 * GIB} and result.verdict == "cpu"


def test_a_sliding_window_model_plans_the_capped_cache(tmp_path: Path) -> None:
    folder = write(tmp_path / "mistral", MISTRAL_7B_V01)
    result = plan(str(folder), gpus=["A100-80GB"], ram="64GiB", context_length=32768, batch_size=8)
    assert result.kv_cache_bytes == 8 * 4096 * 2 * 32 * 8 * 128 * 2  # 4 GiB, not 32 GiB
    assert any("window of 4096 tokens" in n for n in result.notes)


@pytest.mark.parametrize("args, words", [
    (["--batch-size", "4"], "without a context length"),
    (["--context-length", "0"], "context length of 0"),
    (["--context-length", "4096", "--batch-size", "-1"], "batch size of -1"),
])
def test_bad_serving_sizes_are_usage_errors(llama7b: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["plan", str(llama7b), "--gpu", "T4", *args])
    assert result.exit_code == 2 and words in result.output


def test_plan_serving_sizes_must_be_whole_numbers(llama7b: Path) -> None:
    with pytest.raises(InvalidRequest):
        plan(str(llama7b), gpus=["T4"], context_length=True)  # type: ignore[arg-type]


def test_plan_json_and_text_show_the_cache(llama7b: Path) -> None:
    result = runner.invoke(app, ["plan", str(llama7b), "--gpu", "2xA100-80GB", "--ram", "64GiB",
                                 "--context-length", "32768", "--batch-size", "4", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kv_cache_bytes"] == 64 * GIB and data["context_length"] == 32768 and data["batch_size"] == 4
    assert set(data["kv_placement"]) == {"cuda:0", "cuda:1"} and data["parallel"]
    text = runner.invoke(app, ["plan", str(llama7b), "--gpu", "2xA100-80GB", "--ram", "64GiB",
                               "--context-length", "32768", "--batch-size", "4"])
    assert text.exit_code == 0, text.output
    bars = [line for line in text.stdout.splitlines() if line.lstrip().startswith("cuda:")]
    assert len(bars) == 2
    for line in bars:
        assert "[###" in line and "=" in line and "KV 32.00 GiB" in line and "headroom" in line
    assert "KV cache: 64.00 GiB for batch 4 × 32768 tokens" in text.stdout


# --------------------------------------------------------------------------------------------------
# Against the cache transformers really fills (tiny random models, one forward on the CPU)
# --------------------------------------------------------------------------------------------------

TINY = dict(intermediate_size=64, vocab_size=128)


@pytest.mark.parametrize("config", [
    transformers.LlamaConfig(hidden_size=64, num_hidden_layers=3, num_attention_heads=8, num_key_value_heads=2,
                             **TINY),
    transformers.MistralConfig(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                               sliding_window=16, **TINY),
    transformers.Gemma2Config(hidden_size=64, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
                              head_dim=32, sliding_window=16, **TINY),
    transformers.Gemma3TextConfig(hidden_size=64, num_hidden_layers=6, num_attention_heads=4, num_key_value_heads=1,
                                  head_dim=32, sliding_window=16, **TINY),
    transformers.GPTBigCodeConfig(n_embd=64, n_head=4, n_layer=2, multi_query=True, vocab_size=128),
    transformers.FalconConfig(hidden_size=64, num_attention_heads=4, num_hidden_layers=2, multi_query=True,
                              new_decoder_architecture=False, vocab_size=128),
], ids=lambda c: type(c).__name__)
def test_the_estimate_matches_the_cache_transformers_fills(config: Any) -> None:
    import torch

    model = transformers.AutoModelForCausalLM.from_config(config).eval()
    batch, context = 2, 40
    with torch.no_grad():
        cache = model(input_ids=torch.randint(0, 128, (batch, context)), use_cache=True).past_key_values
    real = sum(t.numel() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values))
    shape = kv_shape(config)
    assert shape is not None
    estimate = shape.total(context, batch, "float32")
    # full-attention layers match exactly; a sliding layer keeps window - 1 tokens between steps (one more while
    # a step runs), so the estimate may be one token per sliding layer above what sits in the cache
    sliding = sum(1 for w in shape.windows if w is not None and w < context)
    assert real <= estimate <= real + sliding * batch * shape.bytes_per_token("float32")
    if not sliding:
        assert estimate == real


def test_an_unknown_architecture_still_gets_its_cache_from_the_plain_config(tmp_path: Path,
                                                                           tiny_llama_dir: Path) -> None:
    import shutil

    folder = tmp_path / "unknown"
    shutil.copytree(tiny_llama_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "superllama2000"
    (folder / "config.json").write_text(json.dumps(config))
    result = plan(str(folder), gpus=["T4"], context_length=1000, batch_size=3)
    heads = config.get("num_key_value_heads") or config["num_attention_heads"]
    head_dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    per_token = 2 * config["num_hidden_layers"] * heads * head_dim * 2  # float16 on a T4
    assert result.kv_cache_bytes == 3 * 1000 * per_token and result.kv_placement == {"cuda:0": result.kv_cache_bytes}
    assert result.verdict == "gpu" and "tensor_parallel" not in [o.kind for o in result.parallel]
