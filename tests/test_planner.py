"""`advisor plan`: sizes per dtype and placement for GPUs this machine does not have, from a config alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from support.hub_double import HubDouble
from typer.testing import CliRunner

from advisor.cli import app
from advisor.errors import InvalidRequest
from advisor.gpus import CATALOG, CUDA_CONTEXT_BYTES, find, parse_size, what_if
from advisor.planner import plan

GIB = 2**30
runner = CliRunner()

LLAMA_2_7B = {  # meta-llama/Llama-2-7b-hf's config.json
    "architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
    "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008, "max_position_embeddings": 4096,
    "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 32,
    "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_scaling": None, "tie_word_embeddings": False,
    "torch_dtype": "float16", "transformers_version": "4.31.0.dev0", "use_cache": True, "vocab_size": 32000,
}


@pytest.fixture(scope="module")
def llama7b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only a 7B-class config.json: no weights at all."""
    folder = tmp_path_factory.mktemp("llama-2-7b-config")
    (folder / "config.json").write_text(json.dumps(LLAMA_2_7B))
    return folder


def _plan_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_7b_on_a_t4_is_float16_and_nothing_goes_to_disk(llama7b: Path) -> None:
    data = _plan_json(str(llama7b), "--gpu", "T4", "--ram", "32GiB")
    assert data["parameters"] == pytest.approx(6.74e9, rel=0.001)
    assert data["kwargs"]["dtype"] == "float16"
    assert data["placement"]["disk"] == 0
    assert data["placement"]["cuda:0"] > 10 * GIB
    assert data["bytes"]["float16"] == pytest.approx(2 * data["parameters"], rel=0.001)
    assert data["devices"][0]["model"] == "T4" and data["devices"][0]["bf16"] is False
    assert any("no native bfloat16" in n for n in data["notes"])
    assert {"parameters", "bytes", "devices", "kwargs", "placement", "fits", "notes"} <= data.keys()


def test_7b_on_a_12gib_rtx3060_spills_to_cpu_or_quantizes(llama7b: Path) -> None:
    data = _plan_json(str(llama7b), "--gpu", "RTX3060:12GiB", "--ram", "32GiB")
    placement = data["placement"]
    assert data["fits"] is False
    assert placement["cpu"] > 0 or "quantization_config" in data["kwargs"]
    assert placement["disk"] == 0
    assert any("8-bit" in n or "4-bit" in n for n in data["notes"])


def test_7b_fits_an_a100_80gb_whole(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["A100-80GB"], ram="32GiB")
    assert result.fits and result.verdict == "gpu" and result.placement["cpu"] == 0
    assert result.dtype == "float16"  # the checkpoint's own half dtype: no conversion needed


def test_two_t4s_share_the_7b_model_like_device_map_auto_does(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=["T4", "T4"], ram="32GiB")
    assert result.fits and result.verdict == "gpu"
    assert result.placement["cuda:0"] == pytest.approx(result.placement["cuda:1"], rel=0.25)  # balanced


def test_without_a_gpu_and_little_ram_it_spills_to_disk_in_bfloat16(llama7b: Path) -> None:
    result = plan(str(llama7b), gpus=[], ram="8GiB")
    assert result.verdict == "disk" and not result.fits
    assert result.dtype == "bfloat16" and result.kwargs["device_map"] == "auto"  # float16 is slow on CPUs
    assert result.placement["cpu"] + result.placement["disk"] == pytest.approx(result.bytes["bfloat16"], rel=0.02)


def test_a_tiny_checkpoint_on_this_cpu_changes_nothing(tiny_llama_dir: Path) -> None:
    result = plan(str(tiny_llama_dir), gpus=[])
    assert result.source == "safetensors" and result.verdict == "cpu" and result.fits
    assert result.kwargs == {"dtype": "float32"}
    assert "from_pretrained" in result.snippet


def test_an_unknown_architecture_falls_back_to_arithmetic_placement(tmp_path: Path, tiny_llama_dir: Path) -> None:
    folder = tmp_path / "unknown"
    shutil.copytree(tiny_llama_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "superllama2000"
    (folder / "config.json").write_text(json.dumps(config))
    result = plan(str(folder), gpus=["T4"])
    assert result.verdict == "gpu" and result.placement["cuda:0"] == result.bytes["float16"]


def test_a_folder_with_nothing_to_size_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(tmp_path), "--json"])
    assert result.exit_code == 2 and "cannot size" in result.output


def test_the_catalog_has_the_common_gpus_with_their_bf16_support() -> None:
    names = {spec.name for spec in CATALOG}
    assert {"T4", "V100", "A10G", "L4", "A100-40GB", "A100-80GB", "H100", "RTX3060", "RTX3090", "RTX4090"} <= names
    assert not find("t4").bf16 and not find("Tesla V100").bf16 and find("a100-80gb").bf16 and find("RTX 4090").bf16


def test_gpu_names_and_sizes_parse() -> None:
    (gpu,) = what_if(["RTX3060:12GiB"])
    assert gpu.total_bytes == 12 * GIB and gpu.free_bytes == 12 * GIB - CUDA_CONTEXT_BYTES
    assert parse_size("16GB") == 16 * 10**9 and parse_size("512MiB") == 512 * 2**20 and parse_size("2") == 2 * GIB
    with pytest.raises(InvalidRequest) as info:
        find("A100")
    assert "A100-40GB" in info.value.hint and "A100-80GB" in info.value.hint
    with pytest.raises(InvalidRequest):
        parse_size("lots")


def test_an_unknown_gpu_is_a_usage_error_naming_the_catalog(llama7b: Path) -> None:
    result = runner.invoke(app, ["plan", str(llama7b), "--gpu", "Z80"])
    assert result.exit_code == 2 and "T4" in result.output


def test_a_repo_on_the_hub_is_planned_from_its_headers_without_downloading_weights(
        hub: HubDouble, hf_home: Path) -> None:
    result = plan("org/tiny", gpus=["L4"])
    assert result.source == "hub" and result.verdict == "gpu" and result.dtype == "bfloat16"  # L4 has bf16
    assert not [p for p in hf_home.rglob("*.safetensors")]  # headers were read over HTTP ranges only


@pytest.mark.parametrize("items, expected", [
    (["8xA100-80GB"], ["A100-80GB"] * 8),
    (["2xRTX4090:24GiB"], ["RTX4090"] * 2),
    (["2x T4"], ["T4"] * 2),
    (["2 X T4", "A100-40GB"], ["T4", "T4", "A100-40GB"]),
    (["T4", "3×L4"], ["T4", "L4", "L4", "L4"]),
])
def test_the_n_x_shorthand_expands_to_n_gpus_numbered_in_order(items: list[str], expected: list[str]) -> None:
    gpus = what_if(items)
    assert [g.name for g in gpus] == expected and [g.index for g in gpus] == list(range(len(expected)))


def test_the_n_x_shorthand_keeps_a_given_size() -> None:
    gpus = what_if(["2xRTX4090:24GiB"])
    assert {g.total_bytes for g in gpus} == {24 * GIB} and gpus[1].free_bytes == 24 * GIB - CUDA_CONTEXT_BYTES


@pytest.mark.parametrize("item, words", [
    ("0xT4", "cannot plan for 0 GPUs"),
    ("5000xA100-80GB", "cannot plan for 5000 GPUs"),
    ("2xZ80", "unknown GPU 'Z80'"),
    ("2xT4:0.5GiB", "too small"),
    ("2xT4:lots", "cannot read the size"),
])
def test_bad_gpu_counts_and_sizes_are_usage_errors(llama7b: Path, item: str, words: str) -> None:
    with pytest.raises(InvalidRequest, match=words):
        what_if([item])
    result = runner.invoke(app, ["plan", str(llama7b), "--gpu", item])
    assert result.exit_code == 2 and words in result.output


def test_eight_a100s_from_the_shorthand_reach_the_plan(llama7b: Path) -> None:
    data = _plan_json(str(llama7b), "--gpu", "8xA100-80GB", "--gpu", "T4", "--ram", "32GiB")
    assert [d["name"] for d in data["devices"]][:9] == [f"cuda:{i}" for i in range(9)]
    assert data["devices"][8]["model"] == "T4" and data["kv_cache_bytes"] == 0
