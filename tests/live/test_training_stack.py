"""Failures of the training stack around a load, produced for real: a resume folder the Trainer did not write, and a
parameter left partitioned (empty) where the model runs, as DeepSpeed ZeRO-3 leaves it outside its engine."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor import explain


def _traceback_of(call: Callable[[], object]) -> str:
    """Run ``call`` and return the traceback it prints, as a person would paste it."""
    try:
        call()
    except Exception:  # any failure is the text under test
        return traceback.format_exc()
    raise AssertionError("the call was expected to fail")


@pytest.fixture
def tiny_trainer(tmp_path: Path, tiny_llama_dir: Path) -> Any:
    """A Trainer over the tiny llama on the CPU, one step, writing under tmp_path."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("accelerate")
    from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

    model = AutoModelForCausalLM.from_pretrained(tiny_llama_dir)
    args = TrainingArguments(output_dir=str(tmp_path / "out"), max_steps=1, report_to=[], use_cpu=True)
    ids = torch.tensor([1, 2, 3])
    return Trainer(model=model, args=args, train_dataset=[{"input_ids": ids, "labels": ids}])


def test_resuming_from_a_folder_the_trainer_did_not_write_reads_as_missing_weights(
    tmp_path: Path, tiny_trainer: Any
) -> None:
    not_a_checkpoint = tmp_path / "checkpoint-1500"
    not_a_checkpoint.mkdir()
    (not_a_checkpoint / "config.json").write_text("{}")  # a folder holding only a config, as a projector-only save
    text = _traceback_of(lambda: tiny_trainer.train(resume_from_checkpoint=str(not_a_checkpoint)))
    assert "Can't find a valid checkpoint at" in text
    verdict = explain(text)
    assert (verdict.rule, verdict.category, verdict.fix) == (
        "trainer-checkpoint-not-found", "missing_weights_files", "update_calling_code")


def test_resuming_with_no_checkpoint_in_the_output_folder_reads_the_same(tiny_trainer: Any) -> None:
    text = _traceback_of(lambda: tiny_trainer.train(resume_from_checkpoint=True))
    assert "No valid checkpoint found in output directory" in text
    assert explain(text).rule == "trainer-checkpoint-not-found"


def test_an_embedding_left_partitioned_outside_its_engine_reads_as_placement(tiny_llama_dir: Path) -> None:
    torch = pytest.importorskip("torch")
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_llama_dir)
    # DeepSpeed ZeRO-3 partitions a parameter by replacing its data with an empty tensor (its shards live elsewhere):
    # outside the engine's forward, the model computes with that placeholder
    embeddings = model.get_input_embeddings()
    embeddings.weight.data = torch.empty(0)
    # (torch checks a padding index above 0 against the weight's rows first; the threads' models pad with 0 or none)
    embeddings.padding_idx = None
    text = _traceback_of(lambda: model(torch.tensor([[1, 2, 3]])))
    assert "'weight' must be 2-D" in text
    verdict = explain(text)
    assert (verdict.rule, verdict.category, verdict.fix) == (
        "parameter-partitioned-outside-engine", "device_map_offload", "update_calling_code")
