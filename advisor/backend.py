"""The seam between the loop and transformers: load the model, the tokenizer, run the verify pass.

Tests wrap ``TransformersBackend`` to inject CUDA-only failures on machines without a GPU.
"""

from __future__ import annotations

from typing import Any, Protocol

from advisor.errors import InvalidRequest
from advisor.plan import LoadPlan


class Backend(Protocol):
    def load_model(self, plan: LoadPlan) -> Any: ...
    def load_tokenizer(self, plan: LoadPlan) -> Any: ...
    def verify(self, model: Any, tokenizer: Any) -> None: ...


def resolve_auto_class(name_or_class: Any) -> Any:
    """The transformers class for a name like 'AutoModelForSeq2SeqLM' (or the class itself)."""
    if not isinstance(name_or_class, str):
        return name_or_class
    import transformers

    try:
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
    guess = {"fp16": "float16", "bf16": "bfloat16", "fp32": "float32", "f16": "float16"}.get(name.lower())
    raise InvalidRequest(
        f"dtype {name!r} is not a floating-point torch dtype; valid values: {', '.join(valid)}",
        f"did you mean {guess!r}?" if guess else "pass one of the valid values",
    )


def call_kwargs(plan: LoadPlan) -> dict[str, Any]:
    """kwargs for from_pretrained: torch dtypes, ``dtype`` or ``torch_dtype`` by transformers version,
    and ``trust_remote_code`` always explicit so transformers never falls back to its stdin y/N prompt."""
    from advisor.facts import package_version

    kwargs = dict(plan.kwargs)
    if "dtype" in kwargs:
        value = torch_dtype(str(kwargs.pop("dtype")))
        major = int((package_version("transformers") or "5").split(".")[0])
        kwargs["dtype" if major >= 5 else "torch_dtype"] = value
    kwargs["trust_remote_code"] = bool(kwargs.get("trust_remote_code", False))
    return kwargs


class TransformersBackend:
    """The real thing: transformers' Auto classes."""

    def load_model(self, plan: LoadPlan) -> Any:
        cls = resolve_auto_class(plan.auto_class)
        return cls.from_pretrained(plan.model_id, **call_kwargs(plan))

    def load_tokenizer(self, plan: LoadPlan) -> Any:
        cls = resolve_auto_class(plan.tokenizer_class)
        kwargs = plan.tokenizer_kwargs()
        kwargs["trust_remote_code"] = bool(kwargs.get("trust_remote_code", False))
        return cls.from_pretrained(plan.model_id, **kwargs)

    def verify(self, model: Any, tokenizer: Any) -> None:
        from advisor.health import verify_forward

        verify_forward(model)
