"""Memory between attempts, proved by what the loop keeps rather than by RSS (which depends on the allocator).

Every model and exception an attempt creates is tracked with a weak reference. After the loop's release
(the ``MemoryReleased`` event of an attempt that is followed by a retry) that attempt's model and exception
must be dead; after the caller drops ``LoadFailed`` nothing of any attempt may survive. A control backend that
keeps its models proves the same check sees a leak. RSS per attempt stays a benchmark figure
(``tests/reliability/memory_probe.py``, run by ``python -m tests.bench``), never an assertion.

The CUDA OOM each attempt ends with is SYNTHETIC (no GPU here): the model is really built from a config,
then the backend raises ``torch.OutOfMemoryError`` with a real message text.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
import torch
from support.injection import OOM_TOO_BIG, gpu_facts
from transformers import AutoModelForCausalLM, LlamaConfig

from advisor import LoadFailed, Policy
from advisor import events as ev
from advisor.loader import run_load
from advisor.loadplan import LoadPlan


class AllocateThenOOM:
    """Builds a real (tiny) model each attempt, then fails as a too-small GPU would; tracks what it made."""

    def __init__(self, path: Path, *, leak: bool) -> None:
        self.path, self.leak = path, leak
        self.kept: list[Any] = []
        self.models: list[weakref.ref[Any]] = []
        self.errors: list[weakref.ref[BaseException]] = []

    def load_model(self, plan: LoadPlan) -> Any:
        model = AutoModelForCausalLM.from_config(LlamaConfig.from_pretrained(self.path), dtype=torch.float32)
        self.models.append(weakref.ref(model))
        if self.leak:
            self.kept.append(model)
        error = torch.OutOfMemoryError(OOM_TOO_BIG)
        self.errors.append(weakref.ref(error))
        raise error

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        return None

    def verify(self, model: Any, tokenizer: Any) -> None:
        return None


@pytest.fixture(scope="module")
def tiny_llama_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("memory-ckpt")
    LlamaConfig(vocab_size=64, hidden_size=16, intermediate_size=32, num_hidden_layers=2, num_attention_heads=2,
                num_key_value_heads=2, max_position_embeddings=32, architectures=["LlamaForCausalLM"]
                ).save_pretrained(path)
    return path


def _failing_load(backend: AllocateThenOOM) -> tuple[int, list[tuple[int, bool, bool]]]:
    """One safe_load that climbs the OOM ladder and fails.

    Per release: (n, this attempt's model alive, the previous attempt's error alive). The current error is
    still being handled when its attempt is released (it is the candidate ``__cause__``), so it is checked
    one attempt later.
    """
    seen: list[tuple[int, bool, bool]] = []

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.MemoryReleased):
            previous_error = backend.errors[-2]() if len(backend.errors) > 1 else None
            seen.append((event.n, backend.models[-1]() is not None, previous_error is not None))

    try:
        run_load(str(backend.path), tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)),
                 policy=Policy(remember=False, preflight=False), on_event=listen)
    except LoadFailed as err:
        attempts = len(err.report.attempts)
        assert isinstance(err.__cause__, torch.OutOfMemoryError)  # the user still gets the last error
        del err
        return attempts, seen
    raise AssertionError("the load was expected to fail")


def test_each_retried_attempt_leaves_nothing_alive_after_release(tiny_llama_config: Path) -> None:
    backend = AllocateThenOOM(tiny_llama_config, leak=False)
    attempts, seen = _failing_load(backend)
    assert attempts >= 3 and len(backend.models) == attempts  # every attempt really built a model
    retried = seen[:-1]  # the last attempt's error is kept on purpose: it is LoadFailed.__cause__
    assert retried and all(not model_alive and not error_alive for _, model_alive, error_alive in retried), seen
    gc.collect()
    assert [ref() for ref in backend.models] == [None] * attempts
    assert [ref() for ref in backend.errors] == [None] * attempts


def test_many_failed_loads_keep_nothing(tiny_llama_config: Path) -> None:
    backend = AllocateThenOOM(tiny_llama_config, leak=False)
    total = 0
    while total < 10:
        total += _failing_load(backend)[0]
    gc.collect()
    assert sum(ref() is not None for ref in backend.models) == 0
    assert sum(ref() is not None for ref in backend.errors) == 0


def test_control_a_backend_that_keeps_its_models_is_seen(tiny_llama_config: Path) -> None:
    """The same check must see a leak, or it proves nothing."""
    backend = AllocateThenOOM(tiny_llama_config, leak=True)
    attempts, seen = _failing_load(backend)
    assert any(model_alive for _, model_alive, _ in seen)
    gc.collect()
    assert sum(ref() is not None for ref in backend.models) == attempts
