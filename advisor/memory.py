"""Release what a failed attempt held, and measure what is held."""

from __future__ import annotations

import gc
import sys
import traceback


def clear_exception(exc: BaseException | None) -> None:
    """Drop the frames a traceback keeps alive (they pin partial models and their tensors)."""
    from advisor.errors import exception_chain

    for item in list(exception_chain(exc)):
        if item.__traceback__ is not None:
            traceback.clear_frames(item.__traceback__)
            item.__traceback__ = None


def release() -> dict[str, float | None]:
    """gc, then the CUDA cache when CUDA is in use. Returns RSS and CUDA allocated memory in MiB."""
    gc.collect()
    cuda_mib: float | None = None
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.synchronize()
        torch.cuda.empty_cache()
        cuda_mib = torch.cuda.memory_allocated() / 2**20
    return {"rss_mib": rss_mib(), "cuda_allocated_mib": cuda_mib}


def rss_mib() -> float | None:
    try:
        import psutil

        return float(psutil.Process().memory_info().rss / 2**20)
    except Exception:
        return None
