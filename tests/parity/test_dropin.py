"""safe_load as a drop-in for from_pretrained (issue 11): what it accepts, the tokenizer/processor slots,
the modality-aware verify pass, and kwargs that reached the wrong place. Everything loads for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import torch
import transformers
from conftest import Checkpoints
from parity_rows import MAJOR, TEXT, assert_same_model
from support.hf_cache import install_in_cache
from support.parity_models import (
    NeedsExtraInput,
    with_empty_tokenizer,
    with_transformers5_tokenizer_config,
    without_tokenizer,
)

from advisor import LoadFailed, Policy, safe_load
from advisor.errors import InvalidRequest
from advisor.health import verify_inputs


def _codes(result: Any) -> dict[str, str]:
    return {h.code: h.level for h in result.report.health}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ),
                          timeout=300)


# --------------------------------------------------------------------------------------------------
# Wrong argument types: InvalidRequest naming the parameter
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"model_id": 123}, "model_id"),
    ({"model_id": "  "}, "model_id"),
    ({"auto_class": 42}, "auto_class"),
    ({"auto_class": "not a name"}, "auto_class"),
    ({"auto_class": object}, "auto_class"),  # a class without from_pretrained
    ({"tokenizer": 3.5}, "tokenizer"),
    ({"processor": object()}, "processor"),
    ({"dtype": 3}, "dtype"),
    ({"dtype": "fp16"}, "dtype"),
    ({"dtype": {"": "int8"}}, "dtype"),
    ({"policy": {"max_attempts": 2}}, "policy"),
    ({"rules": "my_rules/"}, "rules"),
])
def test_wrong_argument_types_raise_invalid_request_naming_the_parameter(
        kwargs: dict[str, Any], named: str, checkpoints: Checkpoints) -> None:
    call = {"model_id": str(checkpoints["causal"]), **kwargs}
    with pytest.raises(InvalidRequest) as info:
        safe_load(call.pop("model_id"), **call)
    assert isinstance(info.value, ValueError) and named in str(info.value)


# --------------------------------------------------------------------------------------------------
# Kwargs that reached the wrong place
# --------------------------------------------------------------------------------------------------


def test_device_is_repaired_to_device_map(checkpoints: Checkpoints) -> None:
    path = checkpoints["causal"]
    with pytest.raises(TypeError, match="unexpected keyword argument 'device'"):
        transformers.AutoModelForCausalLM.from_pretrained(path, device="cpu")  # plain fails
    result = safe_load(path, device="cpu", tokenizer=False)
    first, last = result.report.attempts[0], result.report.attempts[-1]
    assert first.rule == "device-kwarg" and first.category == "device_map_offload"
    assert first.remedy is not None and first.remedy.fix == "update_calling_code" and first.remedy.applied
    assert last.outcome == "loaded" and result.report.final_kwargs == {"device_map": "cpu"}
    assert_same_model(result.model, transformers.AutoModelForCausalLM.from_pretrained(path, device_map="cpu"))


def test_an_unknown_kwarg_is_explained_with_its_name(checkpoints: Checkpoints) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load(checkpoints["causal"], foo_bar=1, tokenizer=False)
    attempt = info.value.report.attempts[0]
    assert attempt.rule == "unexpected-model-kwarg" and isinstance(info.value.__cause__, TypeError)
    assert any("`foo_bar`" in step for step in info.value.report.next_steps)


def test_tokenizer_only_kwargs_go_to_the_tokenizer_not_the_model(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["causal"], padding_side="left", use_fast=True)
    assert [a.outcome for a in result.report.attempts] == ["loaded"]
    assert result.tokenizer.padding_side == "left" and "padding_side" not in result.report.final_kwargs
    assert "AutoTokenizer.from_pretrained(" in result.report.snippet
    assert "padding_side='left'" in result.report.snippet.split("tokenizer = ")[1]


# --------------------------------------------------------------------------------------------------
# The tokenizer and processor slots
# --------------------------------------------------------------------------------------------------


def test_a_checkpoint_without_tokenizer_files_gives_none_and_an_info_finding(
        checkpoints: Checkpoints, tmp_path: Path) -> None:
    folder = without_tokenizer(checkpoints["causal"], tmp_path / "no-tok")
    if MAJOR >= 5:  # transformers 5 builds a silently empty tokenizer (4.x raises)
        assert transformers.AutoTokenizer.from_pretrained(folder).encode("hello world") == []
    result = safe_load(folder)
    assert result.tokenizer is None and _codes(result).get("no_tokenizer") == "info"
    snippet = result.report.snippet
    assert "tokenizer = " not in snippet and "# tokenizer: not loaded" in snippet
    proc = _run(snippet + "\nprint(type(model).__name__)")
    assert proc.returncode == 0 and proc.stdout.strip() == "GPT2LMHeadModel", proc.stderr[-2000:]


def test_a_cached_hub_id_without_tokenizer_files_gives_none(
        checkpoints: Checkpoints, hf_home: Path, tmp_path: Path) -> None:
    install_in_cache(hf_home, "acme/no-tokenizer", without_tokenizer(checkpoints["causal"], tmp_path / "nt"))
    result = safe_load("acme/no-tokenizer")
    assert result.tokenizer is None and "no_tokenizer" in _codes(result)


def test_a_tokenizer_that_encodes_text_to_nothing_is_tokenizer_failed(
        checkpoints: Checkpoints, tmp_path: Path) -> None:
    folder = with_empty_tokenizer(checkpoints["causal"], tmp_path / "empty-tok")
    result = safe_load(folder)
    assert result.tokenizer is None and _codes(result).get("tokenizer_failed") == "error"
    assert "tokenizer = " not in result.report.snippet


def test_a_vision_checkpoint_gets_no_tokenizer_and_no_failure(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["vision"], auto_class="AutoModelForImageClassification")
    assert result.tokenizer is None and "no_tokenizer" in _codes(result)
    assert "verify_skipped" not in _codes(result)


def test_the_tokenizer_can_come_from_another_id_or_path(checkpoints: Checkpoints) -> None:
    llama, gpt2 = checkpoints["llama"], checkpoints["causal"]
    result = safe_load(llama, tokenizer=Path(gpt2))
    theirs = transformers.AutoTokenizer.from_pretrained(gpt2)
    assert result.tokenizer(TEXT)["input_ids"] == theirs(TEXT)["input_ids"]
    assert f"AutoTokenizer.from_pretrained({str(gpt2)!r})" in result.report.snippet


def test_the_processor_slot_loads_the_checkpoints_processor(checkpoints: Checkpoints) -> None:
    ctc = checkpoints["ctc"]
    result = safe_load(ctc, auto_class="AutoModelForCTC", processor=True)
    assert type(result.processor).__name__ == "Wav2Vec2Processor"
    assert "processor = AutoProcessor.from_pretrained(" in result.report.snippet
    assert safe_load(ctc, auto_class="AutoModelForCTC").processor is None


def test_the_processor_falls_back_to_the_feature_extractor(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["speech"], auto_class="AutoModelForSpeechSeq2Seq", processor=True)
    assert type(result.processor).__name__ in {"WhisperProcessor", "WhisperFeatureExtractor"}
    assert not [h for h in result.report.health if h.level == "error"]


def test_a_processor_given_as_auto_class_is_returned_not_verified(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["ctc"], auto_class="AutoFeatureExtractor", tokenizer=False)
    assert type(result.model).__name__ == "Wav2Vec2FeatureExtractor"
    assert [a.outcome for a in result.report.attempts] == ["loaded"]


@pytest.mark.skipif(MAJOR >= 5, reason="transformers 5 knows TokenizersBackend; the fallback is for 4.x")
def test_a_transformers5_tokenizer_loads_on_4x_through_tokenizer_json(
        checkpoints: Checkpoints, tmp_path: Path) -> None:
    folder = with_transformers5_tokenizer_config(Path(shutil.copytree(checkpoints["causal"], tmp_path / "v5tok")))
    with pytest.raises(ValueError, match="TokenizersBackend"):
        transformers.AutoTokenizer.from_pretrained(folder)  # plain 4.x fails
    result = safe_load(folder)
    assert type(result.tokenizer).__name__ == "PreTrainedTokenizerFast" and result.tokenizer.encode("hello world")
    assert _codes(result).get("tokenizer_fallback") == "info"
    proc = _run(result.report.snippet + "\nprint(tokenizer.encode('hello world'))")
    assert proc.returncode == 0 and proc.stdout.strip() == str(result.tokenizer.encode("hello world")), proc.stderr


# --------------------------------------------------------------------------------------------------
# The verify pass
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "auto_class", "keys"), [
    ("vision", "AutoModelForImageClassification", {"pixel_values"}),
    ("speech", "AutoModelForSpeechSeq2Seq", {"input_features", "decoder_input_ids"}),
    ("ctc", "AutoModelForCTC", {"input_values"}),
    ("multimodal", "AutoModel", {"input_ids", "pixel_values"}),
    ("seq2seq", "AutoModelForSeq2SeqLM", {"input_ids", "decoder_input_ids"}),
])
def test_verify_inputs_follow_the_models_modality(kind: str, auto_class: str, keys: set[str],
                                                  checkpoints: Checkpoints) -> None:
    model = getattr(transformers, auto_class).from_pretrained(checkpoints[kind], dtype=torch.bfloat16)
    inputs, why = verify_inputs(model)
    assert inputs is not None and set(inputs) == keys, why
    assert all(v.dtype == torch.bfloat16 for v in inputs.values() if v.is_floating_point())
    model(**inputs)  # they really fit the model


def test_a_verify_pass_the_advisors_inputs_cannot_feed_is_skipped_not_failed(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["causal"], auto_class=NeedsExtraInput, tokenizer=False)
    assert type(result.model) is NeedsExtraInput and [a.outcome for a in result.report.attempts] == ["loaded"]
    (skipped,) = [h for h in result.report.health if h.code == "verify_skipped"]
    assert skipped.level == "info" and "extra_required" in skipped.message


def test_verify_off_skips_the_pass_entirely(checkpoints: Checkpoints) -> None:
    result = safe_load(checkpoints["causal"], auto_class=NeedsExtraInput, tokenizer=False,
                       policy=Policy(verify=False))
    assert "verify_skipped" not in _codes(result)


def test_a_hub_checkpoint_without_tokenizer_files_gives_none_when_downloaded(
        checkpoints: Checkpoints, hub: Any) -> None:
    hub.add_repo("org/tiny-vit", checkpoints["vision"])
    result = safe_load("org/tiny-vit", auto_class="AutoModelForImageClassification")
    assert [a.outcome for a in result.report.attempts] == ["loaded"]
    assert result.tokenizer is None and _codes(result).get("no_tokenizer") == "info"
    gpt2 = safe_load("org/tiny")  # a repo that ships one still gets it
    assert gpt2.tokenizer is not None and gpt2.tokenizer.encode("hello world")


def test_an_image_text_model_is_verified_on_text_when_its_ids_hold_no_image_token() -> None:
    from transformers import CLIPVisionConfig, LlamaConfig, LlavaConfig, LlavaForConditionalGeneration

    from advisor.health import verify_forward

    torch.manual_seed(0)
    vision = CLIPVisionConfig(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=2,
                              image_size=32, patch_size=8, projection_dim=16)
    text = LlamaConfig(vocab_size=300, hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                       num_attention_heads=2, num_key_value_heads=2)
    model = LlavaForConditionalGeneration(LlavaConfig(vision_config=vision, text_config=text,
                                                      image_token_index=299)).eval()
    inputs, _ = verify_inputs(model)
    assert inputs is not None and set(inputs) == {"input_ids", "pixel_values"}
    with pytest.raises(ValueError, match="image tokens"):
        model(**inputs)  # ids without image tokens next to an image
    assert verify_forward(model) == []  # verified on the text alone, not skipped


def test_a_vision_encoder_decoder_gets_pixels_sized_by_its_encoder() -> None:
    from transformers import GPT2Config, VisionEncoderDecoderConfig, VisionEncoderDecoderModel, ViTConfig

    from advisor.health import verify_forward

    torch.manual_seed(0)
    encoder = ViTConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                        image_size=32, patch_size=8)
    decoder = GPT2Config(n_embd=32, n_layer=1, n_head=2, vocab_size=100, add_cross_attention=True, is_decoder=True,
                         bos_token_id=0, eos_token_id=0)
    config = VisionEncoderDecoderConfig.from_encoder_decoder_configs(encoder, decoder)
    config.decoder_start_token_id = config.pad_token_id = 0
    model = VisionEncoderDecoderModel(config).eval()
    inputs, _ = verify_inputs(model)
    assert inputs is not None and tuple(inputs["pixel_values"].shape) == (1, 3, 32, 32)
    assert set(inputs) == {"pixel_values", "decoder_input_ids"}
    assert verify_forward(model) == []


@pytest.mark.skipif(MAJOR < 5, reason="transformers 4.x still takes load_in_8bit= (and asks for bitsandbytes)")
def test_load_in_8bit_on_a_machine_without_cuda_fails_with_the_quantization_config_step(
        checkpoints: Checkpoints) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load(checkpoints["causal"], load_in_8bit=True, tokenizer=False)
    attempt = info.value.report.attempts[0]
    assert attempt.rule == "load-in-bits-kwarg" and attempt.category == "quantization_config"
    assert any("BitsAndBytesConfig(load_in_8bit=True)" in step for step in info.value.report.next_steps)
