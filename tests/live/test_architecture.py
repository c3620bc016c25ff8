"""Unrecognised identifiers and architectures: unknown model_type, no model_type, wrong Auto class,
custom code (auto_map) that must never run without consent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.tiny_models import build_tiny_t5, build_unknown_arch

from advisor import LoadFailed, Policy, safe_load


def test_unknown_model_type_is_refused_quickly_with_the_upgrade_step(hf_home: Path, tmp_path: Path) -> None:
    folder = build_unknown_arch(tmp_path / "future")
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder))
    report = info.value.report
    assert len(report.attempts) <= 2
    assert report.attempts[0].category == "unrecognized_model_type"
    steps = " ".join(report.next_steps)
    import transformers

    assert "pip install -U transformers" in steps and transformers.__version__ in steps


def test_config_without_model_type_is_diagnosed(hf_home: Path, tmp_path: Path, tiny_llama_dir: Path) -> None:
    folder = build_unknown_arch(tmp_path / "nomodeltype")
    config = json.loads((folder / "config.json").read_text())
    config.pop("model_type", None)
    config.pop("architectures", None)
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False)
    assert info.value.report.attempts[0].category == "unrecognized_model_type"
    assert "model_type" in " ".join(info.value.report.next_steps)


def test_seq2seq_checkpoint_under_the_causal_class_is_pointed_to_seq2seq(hf_home: Path, tmp_path: Path) -> None:
    folder = build_tiny_t5(tmp_path / "t5")
    result = safe_load(str(folder), tokenizer=False)
    report = result.report
    assert report.attempts[0].category == "wrong_auto_class"
    assert report.final_auto_class == "AutoModelForSeq2SeqLM"
    assert type(result.model).__name__ == "T5ForConditionalGeneration"
    assert "AutoModelForSeq2SeqLM.from_pretrained" in report.snippet


def test_custom_code_is_refused_without_consent(hf_home: Path, custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False)
    report = info.value.report
    assert not marker.exists(), "remote code ran without consent"
    assert report.attempts[0].category == "trust_remote_code_required"
    assert report.attempts[0].remedy is not None and not report.attempts[0].remedy.applied
    assert "trust_remote_code=True" in " ".join(report.next_steps)


def test_custom_code_is_refused_even_when_stdin_says_yes(hf_home: Path,
                                                          custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    script = (
        "import sys\nfrom advisor import safe_load, LoadFailed\n"
        f"try:\n    safe_load({str(folder)!r}, tokenizer=False)\nexcept LoadFailed:\n    sys.exit(3)\n"
    )
    root = str(Path(__file__).resolve().parents[2])  # the checkout first, then whatever PYTHONPATH already held
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run([sys.executable, "-c", script], input="y\ny\ny\n", capture_output=True, text=True,
                          env=env, timeout=240)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert not marker.exists(), "remote code ran because stdin said y"


def test_custom_code_runs_with_allow_remote_code(hf_home: Path, custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    result = safe_load(str(folder), tokenizer=False, policy=Policy(allow_remote_code=True))
    assert marker.exists() and result.report.succeeded
    assert result.report.final_kwargs["trust_remote_code"] is True


def test_custom_code_runs_when_the_consent_callback_says_yes(hf_home: Path,
                                                             custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    asked = []
    result = safe_load(str(folder), tokenizer=False,
                       policy=Policy(consent=lambda request: asked.append(request) or True))
    assert marker.exists() and result.report.succeeded
    assert [r.fix for r in asked] == ["set_trust_remote_code"] and asked[0].risk.value == "security"


def test_an_attention_implementation_the_model_refuses_falls_back_to_eager(hf_home: Path, tiny_llama_dir: Path) -> None:
    """A real refusal (transformers: 'Specified `attn_implementation="foo"` is not supported'): the same weights load
    with eager attention, every model's, and the report's call says so."""
    result = safe_load(str(tiny_llama_dir), tokenizer=False, attn_implementation="foo")
    report = result.report
    assert report.attempts[0].outcome == "failed" and report.attempts[0].rule == "attn-implementation-unsupported"
    assert report.attempts[-1].outcome == "loaded" and report.attempts[-1].kwargs.get("attn_implementation") == "eager"
    assert result.model.config._attn_implementation == "eager"
    assert 'attn_implementation="eager"' in report.snippet or "attn_implementation='eager'" in report.snippet


def test_autotokenizer_asked_of_a_vision_model_is_read_for_what_it_is(hf_home: Path, tmp_path: Path) -> None:
    """AutoTokenizer on a ViT folder, for real. transformers 4.x names the config class it has no tokenizer for: the
    wrong Auto class, read with transformers' own tables (ViT has only image heads and an image processor). transformers
    5 falls back to a backend tokenizer and asks for sentencepiece: the answer must still say that the folder may hold
    no tokenizer files at all."""
    import traceback

    import transformers
    from transformers import AutoTokenizer, ViTConfig

    from advisor.diagnose import explain

    folder = tmp_path / "vit"
    ViTConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37).save_pretrained(folder)
    with pytest.raises(Exception) as info:
        AutoTokenizer.from_pretrained(str(folder))
    text = "".join(traceback.format_exception(info.value))
    answer = explain(text)
    if transformers.__version__.startswith("4."):
        assert answer.rule == "auto-tokenizer-for-model-without-text", text[-400:]
        assert answer.category == "wrong_auto_class" and answer.fix == "use_other_auto_class"
        assert "AutoImageProcessor.from_pretrained" in " ".join(answer.next_steps)
    else:
        assert answer.category in {"tokenizer_load_failure", "missing_dependency"}, (answer.rule, text[-400:])
        assert "no tokenizer files" in " ".join(answer.next_steps), answer.next_steps


def test_a_tokenizer_without_a_chat_template_is_read_for_what_it_is(hf_home: Path, tiny_llama_dir: Path) -> None:
    """A real tokenizer with no chat template (a base model's), asked to format a chat: transformers' own error. The
    tokenizer loaded, so this is no tokenizer load failure (``other``: the taxonomy's "cannot be built" fails)."""
    from transformers import AutoTokenizer

    from advisor import explain

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_llama_dir))
    tokenizer.chat_template = None
    with pytest.raises(ValueError) as info:
        tokenizer.apply_chat_template([{"role": "user", "content": "hi"}])
    answer = explain(f"{type(info.value).__name__}: {info.value}")
    assert (answer.rule, answer.category) == ("chat-template-not-set", "other")
    assert "chat_template=" in " ".join(answer.next_steps)


def test_a_module_transformers_no_longer_has_reads_as_a_pin(hf_home: Path) -> None:
    """Importing a module transformers 5 removed (code written for 4.x): the real ModuleNotFoundError."""
    import importlib

    import transformers

    if int(transformers.__version__.split(".")[0]) < 5:
        pytest.skip("transformers 4 still has its TensorFlow modules")
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module("transformers.modeling_tf_utils")
    from advisor import explain

    answer = explain(f"{type(info.value).__name__}: {info.value}")
    assert (answer.rule, answer.fix) == ("transformers-module-removed", "pin_transformers_version")


def test_logits_read_from_a_bare_model_read_as_the_wrong_class(hf_home: Path, tiny_llama_dir: Path) -> None:
    """AutoModel loads the backbone without the LM head: its real output has no logits."""
    import torch
    from transformers import AutoModel

    from advisor import explain

    model = AutoModel.from_pretrained(str(tiny_llama_dir))
    with pytest.raises(AttributeError) as info:
        _ = model(torch.tensor([[1, 2, 3]])).logits
    answer = explain(f"{type(info.value).__name__}: {info.value}")
    assert (answer.rule, answer.category, answer.fix) == (
        "base-model-output-without-head", "wrong_auto_class", "use_other_auto_class")


def test_model_code_written_for_transformers_4_tied_weights_reads_as_a_pin(hf_home: Path,
                                                                          custom_code_dir: tuple[Path, Path]) -> None:
    """A checkpoint's own model class that keeps transformers 4's list of tied weights (`["lm_head.weight"]`):
    transformers 5 reads that attribute as a mapping and fails while it builds the model, for real."""
    import transformers

    if int(transformers.__version__.split(".")[0]) < 5:
        pytest.skip("transformers 4 reads _tied_weights_keys as a list")
    folder, _marker = custom_code_dir
    modeling = folder / "modeling_custom.py"
    modeling.write_text(modeling.read_text() + '    _tied_weights_keys = ["lm_head.weight"]\n')
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "tie_word_embeddings": True}))
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False, policy=Policy(allow_remote_code=True))
    attempt = info.value.report.attempts[-1]
    assert (attempt.rule, attempt.category) == ("model-code-tied-weights-list-in-load", "other")
    assert 'transformers<5' in " ".join(info.value.report.next_steps)
