"""CUDA OOM message parsing: the numbers torch prints, and the verdict the cuda-oom rule picks its rung by.

The texts are real: tests/support/injection.py's three (from public reports) and two from the corpus
(shared/corpus/dev.jsonl ids in the comments), in torch >= 2.1 and torch < 2.1 wording; one more is built in
the old format to cover its fragmentation arithmetic.
"""

from __future__ import annotations

import pytest
from support.injection import OOM_FRAGMENTED, OOM_OTHER_PROCESS, OOM_TOO_BIG

from advisor.diagnose import explain
from advisor.failure import Failure
from advisor.oom import parse_oom

# corpus: longcite-oom-load-bf16 (two other processes, one allocation larger than the card)
OOM_BIGGER_THAN_CARD = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 179.46 GiB. GPU 0 has a total capacity of "
    "31.73 GiB of which 14.55 GiB is free. Process 2995003 has 406.00 MiB memory in use. Process 2375671 has "
    "1.59 GiB memory in use. Including non-PyTorch memory, this process has 15.20 GiB memory in use. Of the "
    "allocated memory 11.80 GiB is allocated by PyTorch, and 3.03 GiB is reserved by PyTorch but unallocated. "
    "If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True "
    "to avoid fragmentation."
)
# corpus: stablelm-7b-oom-t4-load-16bit (torch < 2.1 wording)
OOM_OLD_WORDING = (
    "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 592.00 MiB (GPU 0; 14.62 GiB total "
    "capacity; 14.33 GiB already allocated; 175.94 MiB free; 14.33 GiB reserved in total by PyTorch) If reserved "
    "memory is >> allocated memory try setting max_split_size_mb to avoid fragmentation."
)
# Recorded on a real H200 (device tool, 2026-12-04, torch 2.11.0+cu130) by tests/gpu/test_gpu_real.py: one allocation
# twice the card's size, on an empty card (torch's newest wording, with its docs link)
OOM_H200_REAL = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 279.60 GiB. GPU 0 has a total capacity of "
    "139.80 GiB of which 139.09 GiB is free. Including non-PyTorch memory, this process has 718.00 MiB memory in "
    "use. Of the allocated memory 32.00 MiB is allocated by PyTorch, and 0 bytes is reserved by PyTorch but "
    "unallocated. If reserved but unallocated memory is large try setting "
    "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory "
    "Management  "
    "(https://docs.pytorch.org/docs/stable/notes/cuda.html#optimizing-memory-usage-with-pytorch-cuda-alloc-conf)"
)
# Built in the torch < 2.1 format with a large reserved-but-unallocated pool (13.02 - 9.12 GiB): fragmentation.
OOM_OLD_FRAGMENTED = (
    "RuntimeError: CUDA out of memory. Tried to allocate 1.00 GiB (GPU 0; 14.76 GiB total capacity; 9.12 GiB "
    "already allocated; 612.75 MiB free; 13.02 GiB reserved in total by PyTorch)"
)


def test_fragmentation_numbers_and_verdict() -> None:
    out = parse_oom(OOM_FRAGMENTED)
    assert out["oom_tried_gib"] == 1.5 and out["oom_total_gib"] == 14.58 and out["oom_free_gib"] == 1.12
    assert out["oom_reserved_unallocated_gib"] == 3.49 and out["oom_process_in_use_gib"] == 13.45
    assert out["oom_verdict"] == "fragmentation" and out["oom_gpu"] == "0"
    assert "fragmented" in str(out["oom_why"])


def test_a_model_that_is_simply_too_big() -> None:
    out = parse_oom(OOM_TOO_BIG)
    assert out["oom_free_gib"] == pytest.approx(189.56 / 1024, abs=1e-4)
    assert out["oom_other_process_gib"] == pytest.approx(0.0, abs=0.01)  # total - free - this process
    assert out["oom_verdict"] == "too_big"


def test_another_process_is_summed_over_every_process_line() -> None:
    out = parse_oom(OOM_OTHER_PROCESS)
    assert out["oom_other_process_gib"] == 18.2 and out["oom_verdict"] == "other_process"
    assert "18.20 GiB" in str(out["oom_why"])


def test_one_allocation_larger_than_the_card_is_too_big_even_with_other_processes() -> None:
    out = parse_oom(OOM_BIGGER_THAN_CARD)
    assert out["oom_other_process_gib"] == pytest.approx(0.406 + 1.59, abs=0.01)
    assert out["oom_verdict"] == "too_big" and "larger than the whole" in str(out["oom_why"])


@pytest.mark.parametrize(("text", "verdict", "unallocated"), [
    (OOM_OLD_WORDING, "too_big", 0.0),
    (OOM_OLD_FRAGMENTED, "fragmentation", 3.9),
])
def test_old_torch_wording_derives_unallocated_from_reserved_minus_allocated(
        text: str, verdict: str, unallocated: float) -> None:
    out = parse_oom(text)
    assert float(out["oom_total_gib"]) > 14 and float(out["oom_allocated_gib"]) > 9
    assert out["oom_reserved_unallocated_gib"] == pytest.approx(unallocated, abs=0.01)
    assert out["oom_verdict"] == verdict


def test_old_torch_wording_shows_memory_held_outside_this_process() -> None:
    """torch < 2.1 prints no process lines: what is neither free nor reserved by PyTorch is another process's."""
    held = parse_oom("RuntimeError: CUDA out of memory. Tried to allocate 64.00 MiB (GPU 0; 7.79 GiB total capacity; "
                     "310.20 MiB already allocated; 8.06 MiB free; 340.00 MiB reserved in total by PyTorch)")
    assert held["oom_verdict"] == "other_process" and held["oom_other_process_gib"] > 7
    mine = parse_oom("RuntimeError: CUDA out of memory. Tried to allocate 64.00 MiB (GPU 0; 7.79 GiB total capacity; "
                     "7.35 GiB already allocated; 0 bytes free; 7.40 GiB reserved in total by PyTorch)")
    assert mine["oom_free_gib"] == 0.0 and mine["oom_verdict"] == "too_big"


def test_a_small_leftover_pool_on_a_full_card_is_not_fragmentation() -> None:
    """190 MiB reserved but unallocated on a full 6 GiB card: the model does not fit, freeing memory will not help."""
    out = parse_oom("torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 34.00 MiB (GPU 0; 6.00 GiB "
                    "total capacity; 5.10 GiB already allocated; 0 bytes free; 5.29 GiB reserved in total by PyTorch)")
    assert out["oom_verdict"] == "too_big"


def test_text_without_an_oom_yields_nothing() -> None:
    assert parse_oom("RuntimeError: expected scalar type Half but found Float") == {}
    assert parse_oom("") == {}


@pytest.mark.parametrize(("text", "fix"), [
    (OOM_FRAGMENTED, "free_gpu_memory"),
    (OOM_OTHER_PROCESS, "free_gpu_memory"),
    (OOM_TOO_BIG, "reduce_dtype"),
    (OOM_BIGGER_THAN_CARD, "reduce_dtype"),
])
def test_the_cuda_oom_rule_reads_the_verdict(text: str, fix: str) -> None:
    result = explain(text)
    assert result.category == "cuda_oom" and result.fix == fix


def test_a_live_exception_chain_carries_the_numbers() -> None:
    import torch

    try:
        try:
            raise torch.OutOfMemoryError(OOM_OTHER_PROCESS)  # CUDA-only failure, injected with its real text
        except torch.OutOfMemoryError as inner:
            raise RuntimeError("loading the shards failed") from inner
    except RuntimeError as outer:
        failure = Failure.from_exception(outer)
    assert failure.details["oom_verdict"] == "other_process"


# corpus: b32i-exllamav2-qwq-t4-cache-oom, in a container (Colab): NVML knows this process by its host PID, so torch
# lists it as "Process N has" and prints no "this process has" line
OOM_OWN_PROCESS_LISTED = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 64.00 MiB. GPU 0 has a total capacity of 14.74 GiB "
    "of which 38.12 MiB is free. Process 207160 has 14.70 GiB memory in use. Of the allocated memory 14.36 GiB is "
    "allocated by PyTorch, and 217.26 MiB is reserved by PyTorch but unallocated."
)
# corpus: b21k-regional-prompting-flux-oom-24g (WSL): "this process has 0 bytes" while PyTorch holds 23 GiB
OOM_ZERO_BYTES_PROCESS = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 32.00 MiB. GPU 0 has a total capacity of 23.43 GiB "
    "of which 4.06 MiB is free. Including non-PyTorch memory, this process has 0 bytes memory in use. Of the "
    "allocated memory 23.03 GiB is allocated by PyTorch, and 15.67 MiB is reserved by PyTorch but unallocated."
)
# corpus: b41k-xinference-multi-model-oom-other-process, torch 2.1's "total capacty" (sic)
OOM_CAPACTY = (
    "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 508.00 MiB. GPU 0 has a total capacty of "
    "23.53 GiB of which 329.44 MiB is free. Process 35156 has 22.14 GiB memory in use. Including non-PyTorch memory, "
    "this process has 1.05 GiB memory in use. Of the allocated memory 0 bytes is allocated by PyTorch, and 0 bytes "
    "is reserved by PyTorch but unallocated."
)


def test_this_process_listed_by_its_host_pid_is_not_another_process() -> None:
    out = parse_oom(OOM_OWN_PROCESS_LISTED)
    assert out["oom_process_in_use_gib"] == 14.7 and out["oom_verdict"] == "too_big"
    assert out["oom_other_process_gib"] < 0.01  # what is left of the card: nobody else


def test_a_process_figure_below_what_pytorch_allocated_is_not_read() -> None:
    out = parse_oom(OOM_ZERO_BYTES_PROCESS)
    assert "oom_process_in_use_gib" not in out and out["oom_verdict"] == "too_big"


def test_torch_21_misspelled_capacity_still_gives_the_card_size() -> None:
    out = parse_oom(OOM_CAPACTY)
    assert out["oom_total_gib"] == 23.53 and out["oom_verdict"] == "other_process"
    assert out["oom_other_process_gib"] == 22.14


def test_the_message_torch_printed_on_a_real_h200_is_read() -> None:
    out = parse_oom(OOM_H200_REAL)
    assert out["oom_tried_gib"] == 279.6 and out["oom_total_gib"] == 139.8 and out["oom_free_gib"] == 139.09
    assert out["oom_reserved_unallocated_gib"] == 0.0 and out["oom_verdict"] == "too_big"
    assert "larger than the whole 139.80 GiB GPU" in str(out["oom_why"])
    assert explain(OOM_H200_REAL).category == "cuda_oom"
