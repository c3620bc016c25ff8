"""A ``safe_load`` call checked and turned into the first ``LoadPlan``.

Everything ``from_pretrained`` accepts is accepted: a str or ``os.PathLike`` model id, an Auto class by name
or any class with a ``from_pretrained`` classmethod, dtypes as names, torch dtypes or per-module dicts, and
the tokenizer/processor slots (True, a str/path to load from, or a Mapping of the Auto class's kwargs).
Wrong types raise ``InvalidRequest`` naming the parameter, never a raw pydantic error.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from advisor.errors import InvalidRequest
from advisor.loadplan import TOKENIZER_ONLY_KWARGS, LoadPlan, canonical_dtype

SLOT_TYPES = "True/False, a model id or path (str or os.PathLike), or a Mapping of from_pretrained kwargs"
#: Keys of a slot Mapping that name where to load from rather than how.
SOURCE_KEYS = ("pretrained_model_name_or_path", "model_id")


def model_id_text(model_id: Any) -> str:
    """The model id as from_pretrained sees it: a str, or the path of an ``os.PathLike``."""
    if isinstance(model_id, str):
        if not model_id.strip():
            raise InvalidRequest("model_id is empty", "pass a Hub repo id such as 'org/name' or a local folder")
        return model_id
    if isinstance(model_id, os.PathLike):
        path = os.fspath(model_id)
        return path if isinstance(path, str) else path.decode()
    raise InvalidRequest(f"model_id must be a str or os.PathLike, not {type(model_id).__name__}",
                         "pass a Hub repo id such as 'org/name' or a local folder (str or pathlib.Path)")


def auto_class_parts(auto_class: Any) -> tuple[str, Any]:
    """(name, class or None): a name must exist in transformers; a class must have ``from_pretrained``."""
    if isinstance(auto_class, str):
        if not auto_class.isidentifier():
            raise InvalidRequest(f"auto_class {auto_class!r} is not a class name",
                                 "pass a transformers class name such as 'AutoModelForCausalLM', or the class")
        return auto_class, None
    if isinstance(auto_class, type) and callable(getattr(auto_class, "from_pretrained", None)):
        return auto_class.__name__, auto_class
    raise InvalidRequest(f"auto_class must be a class name or a class with a from_pretrained classmethod, "
                         f"not {type(auto_class).__name__}",
                         "e.g. auto_class='AutoModelForSeq2SeqLM' or auto_class=MyModelClass")


def check_dtype(value: Any) -> Any:
    """The canonical dtype kwarg; unknown names raise InvalidRequest naming the valid values."""
    from advisor.backend import torch_dtype

    if isinstance(value, Mapping):
        if not value:
            raise InvalidRequest("dtype: a per-module dict must not be empty", "e.g. dtype={'': 'float16'}")
        out = canonical_dtype(dict(value))
        for name in out.values():
            torch_dtype(name or "auto")
        return out
    name = canonical_dtype(value) or "auto"
    if not isinstance(name, str):
        raise InvalidRequest(f"dtype must be a str, a torch.dtype or a dict, not {type(value).__name__}")
    torch_dtype(name)
    return name


def slot(name: str, value: Any) -> tuple[bool, str | None, dict[str, Any]]:
    """(load it, source or None for the model's own, options) for the ``tokenizer``/``processor`` argument."""
    if isinstance(value, bool):
        return value, None, {}
    if value is None:
        return False, None, {}
    if isinstance(value, str | os.PathLike):
        return True, model_id_text(value), {}
    if isinstance(value, Mapping):
        options = dict(value)
        if not all(isinstance(k, str) for k in options):
            raise InvalidRequest(f"{name}: the Mapping's keys must be keyword-argument names (str)")
        source = None
        for key in SOURCE_KEYS:
            if key in options:
                source = model_id_text(options.pop(key))
        return True, source, options
    raise InvalidRequest(f"{name} must be {SLOT_TYPES}, not {type(value).__name__}",
                         f"e.g. {name}=True, {name}='org/other', or {name}={{'subfolder': '{name}'}}")


def build_plan(model_id: Any, auto_class: Any, tokenizer: Any, kwargs: dict[str, Any],
               processor: Any = False) -> LoadPlan:
    """The first plan from a safe_load call.

    dtype/torch_dtype are merged (dtype wins) and validated; tokenizer-only kwargs (``padding_side``,
    ``use_fast`` ...) go to the tokenizer slot, never to the model, whose ``__init__`` would reject them.
    """
    model_id = model_id_text(model_id)
    cls_name, cls = auto_class_parts(auto_class)
    kwargs = dict(kwargs)
    bad = [k for k in kwargs if not isinstance(k, str)]
    if bad:
        raise InvalidRequest(f"keyword argument names must be str, got {bad!r}")
    legacy = kwargs.pop("torch_dtype", None)
    if "dtype" not in kwargs and legacy is not None:
        kwargs["dtype"] = legacy
    if kwargs.get("dtype") is not None:
        kwargs["dtype"] = check_dtype(kwargs["dtype"])
    else:
        kwargs.pop("dtype", None)
    load_tok, tok_source, tok_options = slot("tokenizer", tokenizer)
    load_proc, proc_source, proc_options = slot("processor", processor)
    for key in TOKENIZER_ONLY_KWARGS:
        if key in kwargs:
            value = kwargs.pop(key)
            tok_options.setdefault(key, value)
            if load_proc:
                proc_options.setdefault(key, value)
    return LoadPlan(model_id=model_id, auto_class=cls_name, auto_class_ref=cls, kwargs=kwargs,
                    load_tokenizer=load_tok, tokenizer_source=tok_source, tokenizer_options=tok_options,
                    load_processor=load_proc, processor_source=proc_source, processor_options=proc_options)


def check_call(*, policy: Any, on_event: Any, rules: Any) -> None:
    """The advisor's own arguments: ``policy`` a Policy, ``on_event`` callable, ``rules`` a list of paths."""
    from advisor.policy import Policy

    if policy is not None and not isinstance(policy, Policy):
        raise InvalidRequest(f"policy must be an advisor.Policy, not {type(policy).__name__}",
                             "e.g. policy=Policy(max_attempts=3)")
    if on_event is not None and not callable(on_event):
        raise InvalidRequest(f"on_event must be callable, not {type(on_event).__name__}")
    if rules is not None and (isinstance(rules, str | bytes) or not isinstance(rules, list | tuple)
                              or not all(isinstance(r, str | os.PathLike) for r in rules)):
        raise InvalidRequest("rules must be a list of rule-file or folder paths", "e.g. rules=['my_rules/']")
