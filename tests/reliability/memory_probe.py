"""Run in a fresh process: failed attempts that each allocated a real model, with RSS measured around them.

Usage: ``python memory_probe.py ATTEMPTS [--control]`` prints one JSON line: RSS before/after, per-attempt RSS
after the loop's release, attempts made. The CUDA OOM each attempt ends with is SYNTHETIC (no GPU here):
the model is really built from the checkpoint's config (its weights allocated and written in private memory,
not memory-mapped from a file, so that a model kept alive shows in RSS), then the backend raises
torch.OutOfMemoryError.
With ``--control`` a second run keeps every model alive (the control that proves a leak is visible).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: the support package

home = Path(tempfile.mkdtemp(prefix="advisor-memprobe-"))
os.environ.update(HF_HOME=str(home / "hf"), HF_HUB_OFFLINE="1", HF_HUB_DISABLE_PROGRESS_BARS="1",
                  TRANSFORMERS_VERBOSITY="error", ADVISOR_CACHE_DIR=str(home / "advisor"))

import torch  # noqa: E402
from support.injection import OOM_TOO_BIG, gpu_facts  # noqa: E402
from transformers import AutoConfig, AutoModelForCausalLM, LlamaConfig  # noqa: E402

from advisor import LoadFailed, Policy  # noqa: E402
from advisor import events as ev  # noqa: E402
from advisor.loader import run_load  # noqa: E402
from advisor.loadplan import LoadPlan  # noqa: E402
from advisor.memory import rss_mib  # noqa: E402

MODEL_MIB = 46  # 11.4M float32 parameters


def build_checkpoint(dst: Path) -> Path:
    """The config of an ~11M-parameter llama (about 46 MB of float32 weights); the backend builds the model."""
    config = LlamaConfig(vocab_size=16000, hidden_size=256, intermediate_size=688, num_hidden_layers=4,
                         num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=128,
                         architectures=["LlamaForCausalLM"])
    config.save_pretrained(dst)
    return dst


class AllocateThenOOM:
    """Loads the real model (allocating its weights), then fails as a too-small GPU would."""

    def __init__(self, path: Path, leak: bool) -> None:
        self.path, self.leak, self.kept, self.calls = path, leak, [], 0

    def load_model(self, plan: LoadPlan) -> Any:
        self.calls += 1
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(self.path), dtype=torch.float32)
        model.to_empty(device="cpu")
        for param in model.parameters():
            param.data.fill_(0.5)  # touch every page: the weights really occupy memory
        if self.leak:
            self.kept.append(model)
        raise torch.OutOfMemoryError(OOM_TOO_BIG)

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        return None

    def verify(self, model: Any, tokenizer: Any) -> None:
        return None


def failing_load(backend: AllocateThenOOM, rss_after_release: list[float]) -> int:
    """One safe_load that fails after climbing the OOM ladder; returns its attempts."""

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.MemoryReleased) and event.rss_mib is not None:
            rss_after_release.append(event.rss_mib)

    try:
        run_load(str(backend.path), tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)),
                 policy=Policy(remember=False), on_event=listen)
    except LoadFailed as err:
        return len(err.report.attempts)
    raise AssertionError("the load was expected to fail")


def measure(path: Path, wanted: int, leak: bool) -> dict[str, Any]:
    """RSS before and after at least ``wanted`` failed attempts (whole failing loads)."""
    gc.collect()
    before = rss_mib()
    backend = AllocateThenOOM(path, leak)
    per_attempt: list[float] = []
    attempts = 0
    while attempts < wanted:
        attempts += failing_load(backend, per_attempt)
    gc.collect()
    return {"before_mib": before, "after_mib": rss_mib(), "attempts": attempts, "loads": backend.calls,
            "per_attempt_rss_mib": per_attempt, "model_mib": MODEL_MIB, "leak": leak}


def main() -> None:
    """Warm up, measure the advisor, then (the control) measure a backend that keeps every model."""
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    path = build_checkpoint(home / "ckpt")
    failing_load(AllocateThenOOM(path, leak=False), [])  # first-use allocations, imports, caches
    advisor = measure(path, wanted, leak=False)
    control = measure(path, 1, leak=True) if "--control" in sys.argv else None  # one failing load is enough
    print(json.dumps({"advisor": advisor, "control": control}))


if __name__ == "__main__":
    main()
