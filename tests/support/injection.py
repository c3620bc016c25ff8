"""Synthetic failures for hardware this machine lacks (CUDA), built from real message texts.

Only CUDA-only failures are injected; everything else in the suite is produced for real. Each message
below is copied from a public issue thread (see the corpus ids) or from torch's own source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from advisor.backend import TransformersBackend
from advisor.facts import Facts, GpuFacts, gather
from advisor.loadplan import LoadPlan

GIB = 1024**3

# torch >= 2.1 wording, from a real report (reserved-but-unallocated is large: fragmentation).
OOM_FRAGMENTED = (
    "CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 14.58 GiB of which "
    "1.12 GiB is free. Including non-PyTorch memory, this process has 13.45 GiB memory in use. Of the "
    "allocated memory 9.83 GiB is allocated by PyTorch, and 3.49 GiB is reserved by PyTorch but unallocated. "
    "If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True "
    "to avoid fragmentation.  See documentation for Memory Management  "
    "(https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)"
)
# A model that is simply too big: almost everything allocated, nothing reserved-but-free.
OOM_TOO_BIG = (
    "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 14.58 GiB of which "
    "189.56 MiB is free. Including non-PyTorch memory, this process has 14.39 GiB memory in use. Of the "
    "allocated memory 14.21 GiB is allocated by PyTorch, and 52.67 MiB is reserved by PyTorch but unallocated. "
    "If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True "
    "to avoid fragmentation."
)
# Another process holds most of the card.
OOM_OTHER_PROCESS = (
    "CUDA out of memory. Tried to allocate 512.00 MiB. GPU 0 has a total capacity of 23.65 GiB of which "
    "301.06 MiB is free. Process 41523 has 18.20 GiB memory in use. Including non-PyTorch memory, this process "
    "has 5.12 GiB memory in use. Of the allocated memory 4.60 GiB is allocated by PyTorch, and 112.00 MiB is "
    "reserved by PyTorch but unallocated."
)
# transformers' own check (modeling_utils) on a pre-Ampere GPU, as reported for a V100.
BF16_UNSUPPORTED = (
    "Bfloat16 is only supported on GPUs with compute capability of at least 8.0. "
    "Your Tesla T4 GPU has compute capability 7.5."
)
# torch < 2.1 on CPU: the half-precision matmul kernel is missing (corpus: addmm_impl_cpu_).
HALF_ON_CPU = "\"addmm_impl_cpu_\" not implemented for 'Half'"


def gpu_facts(
    name: str = "Tesla T4", total_gib: float = 15.0, free_gib: float = 14.5, capability: tuple[int, int] = (7, 5)
) -> Facts:
    """Real facts of this machine, with one GPU as described added (for preflight and ladder tests)."""
    base = gather()
    gpu = GpuFacts(
        index=0, name=name, total_bytes=int(total_gib * GIB), free_bytes=int(free_gib * GIB), capability=capability
    )
    return base.model_copy(update={"cuda_available": True, "gpus": [gpu]})


@dataclass
class InjectingBackend:
    """The real backend, except that chosen plans raise a chosen exception instead of loading/verifying."""

    fail_load: Callable[[LoadPlan], BaseException | None] = lambda plan: None
    fail_verify: Callable[[Any], BaseException | None] = lambda model: None
    real: TransformersBackend = field(default_factory=TransformersBackend)
    load_calls: list[LoadPlan] = field(default_factory=list)

    def load_model(self, plan: LoadPlan) -> Any:
        self.load_calls.append(plan)
        error = self.fail_load(plan)
        if error is not None:
            raise error
        return self.real.load_model(plan)

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        return self.real.load_tokenizer(plan)

    def verify(self, model: Any, tokenizer: Any) -> None:
        error = self.fail_verify(model)
        if error is not None:
            raise error
        self.real.verify(model, tokenizer)


def cuda_oom(message: str) -> BaseException:
    import torch

    return torch.OutOfMemoryError(message)
