"""The seam between the loop and transformers: load the model, the tokenizer, run the verify pass.

Tests wrap ``TransformersBackend`` to inject CUDA-only failures on machines without a GPU.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from advisor.errors import InvalidRequest
from advisor.loadplan import DTYPE_SHORT_NAMES, LoadPlan


class Backend(Protocol):
    def load_model(self, plan: LoadPlan) -> Any: ...
    def load_tokenizer(self, plan: LoadPlan) -> Any: ...
    def verify(self, model: Any, tokenizer: Any) -> list[dict[str, str]] | None: ...


#: Tried in order for ``processor=``: the first class that loads wins.
PROCESSOR_CLASSES = ("AutoProcessor", "AutoImageProcessor", "AutoFeatureExtractor")


def resolve_auto_class(name_or_class: Any) -> Any:
    """The transformers class for a name like 'AutoModelForSeq2SeqLM', the class itself, or a plan's class."""
    if isinstance(name_or_class, LoadPlan):
        return name_or_class.auto_class_ref or resolve_auto_class(name_or_class.auto_class)
    if not isinstance(name_or_class, str):
        return name_or_class
    try:
        # Under the load lock: the first access imports transformers' lazy submodules, and a thread racing
        # another's import sees a half-initialised module ("transformers has no class 'AutoModelForCausalLM'").
        with LOAD_LOCK:
            import transformers

            return getattr(transformers, name_or_class)
    except AttributeError as err:
        raise InvalidRequest(f"transformers has no class {name_or_class!r}",
                             "use an Auto class such as AutoModelForCausalLM or AutoModelForSeq2SeqLM") from err


def torch_dtype(name: str) -> Any:
    """'float16' -> torch.float16; 'auto' stays 'auto'. Unknown names raise InvalidRequest naming valid ones."""
    if name == "auto":
        return "auto"
    import torch

    value = getattr(torch, name, None)
    if isinstance(value, torch.dtype) and value.is_floating_point:
        return value
    valid = ["auto", "float32", "float16", "bfloat16", "float64"]
    guess = DTYPE_SHORT_NAMES.get(name.lower())
    raise InvalidRequest(
        f"dtype {name!r} is not a floating-point torch dtype; valid values: {', '.join(valid)}",
        f"did you mean {guess!r}?" if guess else "pass one of the valid values",
    )


def call_kwargs(plan: LoadPlan) -> dict[str, Any]:
    """kwargs for from_pretrained: torch dtypes, ``dtype`` or ``torch_dtype`` by transformers version,
    and ``trust_remote_code`` always explicit so transformers never falls back to its stdin y/N prompt."""
    from advisor.facts import transformers_major

    # Deep-copy containers: accelerate rewrites max_memory/device_map dicts in place.
    kwargs = {k: copy.deepcopy(v) if isinstance(v, dict | list) else v for k, v in plan.kwargs.items()}
    if "dtype" in kwargs:
        raw = kwargs.pop("dtype")
        value = ({k: torch_dtype(str(v or "auto")) for k, v in raw.items()} if isinstance(raw, dict)
                 else torch_dtype(str(raw)))
        major = transformers_major()
        kwargs["dtype" if major >= 5 else "torch_dtype"] = value
    kwargs["trust_remote_code"] = bool(kwargs.get("trust_remote_code", False))
    return kwargs


#: from_pretrained patches process-wide state while it builds a model (torch's init functions,
#: ``PreTrainedModel.init_weights``) and puts it back on exit: two loads at once in threads tie weights wrongly
#: (measured: GPT-2's lm_head "MISSING", NaN logits) and can leave the patches in place for every later model.
#: Loads therefore take turns; diagnosis, remedies and reports of concurrent ``safe_load`` calls do not.
LOAD_LOCK = threading.RLock()


class TransformersBackend:
    """The real thing: transformers' Auto classes."""

    def load_model(self, plan: LoadPlan) -> Any:
        from advisor.progress import hub_hooks

        cls = resolve_auto_class(plan)
        kwargs = call_kwargs(plan)
        # A user's tqdm_class wins: the advisor's own bar then reports only the "Loading weights" stage.
        with LOAD_LOCK, hub_hooks(own_tqdm="tqdm_class" not in kwargs) as extra:
            return cls.from_pretrained(plan.model_id, **kwargs, **extra)

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        """The tokenizer slot: None when the checkpoint ships no tokenizer files (never an empty tokenizer).

        A tokenizer saved by transformers 5 (``TokenizersBackend``) loads on 4.x from its ``tokenizer.json``.
        """
        from advisor.health import encodes_nothing, ships_tokenizer

        source = plan.tokenizer_source or plan.model_id
        kwargs = plan.tokenizer_kwargs()
        kwargs["trust_remote_code"] = bool(kwargs.get("trust_remote_code", False))
        if ships_tokenizer(source, kwargs) is False:
            return None
        cls = resolve_auto_class(plan.tokenizer_class)
        with LOAD_LOCK:
            try:
                tokenizer = cls.from_pretrained(source, **kwargs)
            except Exception as err:
                fallback = tokenizers_backend_fallback(err, source, kwargs)
                if fallback is not None:
                    return fallback
                if ships_tokenizer(source, kwargs, settled=True) is False:
                    return None  # nothing to load (a vision or audio checkpoint from the Hub)
                raise
        if encodes_nothing(tokenizer) and ships_tokenizer(source, kwargs, settled=True) is False:
            return None  # transformers' silently empty tokenizer for a checkpoint without tokenizer files
        return tokenizer

    def load_processor(self, plan: LoadPlan) -> Any:
        """The processor slot: AutoProcessor, else the image processor, else the feature extractor."""
        source = plan.processor_source or plan.model_id
        kwargs = plan.processor_kwargs()
        kwargs["trust_remote_code"] = bool(kwargs.get("trust_remote_code", False))
        names = (plan.processor_class, *(n for n in PROCESSOR_CLASSES if n != plan.processor_class))
        first: Exception | None = None
        with LOAD_LOCK:
            for name in names:
                try:
                    processor = resolve_auto_class(name).from_pretrained(source, **kwargs)
                except (OSError, ValueError, KeyError, TypeError) as err:
                    first = first or err
                    continue
                processor.advisor_class = name  # which class loaded it: the snippet uses the same
                return processor
        assert first is not None
        raise first

    def verify(self, model: Any, tokenizer: Any) -> list[dict[str, str]]:
        """One forward pass on inputs built for the model's modality; findings (e.g. skipped) are returned."""
        from advisor.health import loaded_model, verify_forward

        with _one_thread_if_small(loaded_model(model)):
            return verify_forward(model)


def load_processor_safely(backend: Any, plan: LoadPlan) -> tuple[Any, list[dict[str, str]], str]:
    """(processor or None, findings, the class that loaded it): a processor that fails is an error finding,
    the model is kept. Backends without ``load_processor`` (test doubles) use the real one."""
    load = getattr(backend, "load_processor", None) or TransformersBackend().load_processor
    try:
        processor = load(plan)
    except Exception as err:
        first = (str(err).strip().splitlines() or [""])[0][:200]
        return None, [{"level": "error", "code": "processor_failed",
                       "message": f"the model loaded but no processor did: {type(err).__name__}: {first}"}], \
            plan.processor_class
    return processor, [], str(getattr(processor, "advisor_class", plan.processor_class))


def tokenizers_backend_fallback(err: BaseException, source: str, kwargs: dict[str, Any]) -> Any:
    """transformers 4.x cannot build a tokenizer saved by transformers 5 (``tokenizer_class: TokenizersBackend``);
    its ``tokenizer.json`` loads as a ``PreTrainedTokenizerFast``. None when ``err`` is another failure."""
    if "TokenizersBackend" not in str(err):
        return None
    from transformers import PreTrainedTokenizerFast

    options = {k: v for k, v in kwargs.items() if k != "trust_remote_code"}
    tokenizer = PreTrainedTokenizerFast.from_pretrained(source, **options)
    tokenizer.advisor_note = ("the tokenizer was saved by transformers 5 (TokenizersBackend); this transformers "
                              "loaded its tokenizer.json as PreTrainedTokenizerFast")
    return tokenizer


#: Below this many bytes of weights on the CPU, the 2-token verify pass runs on one intra-op thread.
SMALL_MODEL_BYTES = 1 << 30
_threads_lock = threading.Lock()
_threads_state = {"users": 0, "saved": 0}


@contextmanager
def _one_thread_if_small(model: Any) -> Iterator[None]:
    """One intra-op thread for the verify pass of a small model on the CPU, restored afterwards.

    Two tokens through a small model are latency-bound: an OpenMP team gains nothing there, and on a busy
    machine its barriers wait for descheduled threads (measured: 24 ms on one thread vs 364 ms on two, for
    the first pass of a 25M-parameter model on a 2-core box with one core taken; see docs/performance.md).
    Large models keep every thread (their pass is bandwidth-bound). Reference-counted, so concurrent loads
    in threads restore the user's setting exactly once.
    """
    import torch

    params = list(model.parameters()) if hasattr(model, "parameters") else []
    size = sum(p.numel() * p.element_size() for p in params)
    if not params or size >= SMALL_MODEL_BYTES or any(p.device.type != "cpu" for p in params):
        yield
        return
    with _threads_lock:
        if _threads_state["users"] == 0:
            _threads_state["saved"] = torch.get_num_threads()
            torch.set_num_threads(1)
        _threads_state["users"] += 1
    try:
        yield
    finally:
        with _threads_lock:
            _threads_state["users"] -= 1
            if _threads_state["users"] == 0:
                torch.set_num_threads(_threads_state["saved"])
