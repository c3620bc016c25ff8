"""Hardware this machine may lack, for the demo: a tight container memory limit and a small GPU.

Everything here is SIMULATED and the demo says so: the facts describe hardware that is not there, and the
CUDA out-of-memory error is raised by a wrapper around the real backend with the message text torch prints
(copied from a public report). What happens after the advisor's decision is real: the load that follows runs
on this machine's CPU with the kwargs the advisor chose (half precision, disk offload).
"""

from __future__ import annotations

from typing import Any

from advisor.backend import TransformersBackend
from advisor.facts import Facts, GpuFacts, gather
from advisor.loadplan import LoadPlan

GIB = 1024**3
#: torch's wording for a model that is simply too big for the card (a T4 here).
CUDA_OOM_TEXT = (
    "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 14.58 GiB of which "
    "189.56 MiB is free. Including non-PyTorch memory, this process has 14.39 GiB memory in use. Of the "
    "allocated memory 14.21 GiB is allocated by PyTorch, and 52.67 MiB is reserved by PyTorch but unallocated."
)


def container_facts(limit_bytes: int) -> Facts:
    """This machine's facts under a container memory limit of ``limit_bytes`` (SIMULATED)."""
    return gather().model_copy(update={"memory_limit_bytes": limit_bytes, "memory_limit_kind": "cgroup",
                                       "memory_headroom_bytes": limit_bytes})


def t4_facts() -> Facts:
    """This machine's facts with one Tesla T4 (SIMULATED: compute capability 7.5, 14.5 GiB free)."""
    gpu = GpuFacts(index=0, name="Tesla T4", total_bytes=int(15 * GIB), free_bytes=int(14.5 * GIB),
                   capability=(7, 5))
    return gather().model_copy(update={"cuda_available": True, "gpus": [gpu]})


class SimulatedGpuBackend(TransformersBackend):
    """The real backend, except that a float32 load "runs out of CUDA memory" (SIMULATED) and GPU placement is
    dropped (there is no GPU): the half-precision retry then loads for real on the CPU."""

    def load_model(self, plan: LoadPlan) -> Any:
        """Raise torch's CUDA OOM for a full-precision load; load anything else for real on the CPU."""
        import torch

        if plan.dtype in ("float32", "auto"):
            raise torch.OutOfMemoryError(CUDA_OOM_TEXT)
        cpu_plan = plan.apply(unset=("device_map", "max_memory"))
        return super().load_model(cpu_plan)
