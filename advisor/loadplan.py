"""LoadPlan: an immutable description of one from_pretrained call, and the code that reproduces it."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.redact import redact_value

# Keys that decide where files come from: the tokenizer shares them with the final model.
HUB_KWARGS = ("revision", "token", "cache_dir", "local_files_only", "force_download", "proxies", "subfolder")
FLOAT_DTYPES = ("float32", "float16", "bfloat16", "float64")
DTYPE_ALIASES = {"float": "float32", "half": "float16", "double": "float64"}
#: Short names people write for dtypes (not accepted as a dtype= value; used to read pastes and suggest the name).
DTYPE_SHORT_NAMES = {"fp16": "float16", "bf16": "bfloat16", "fp32": "float32", "f16": "float16"}
#: What a tokenizer/processor loaded from another id or path still shares with the model's call.
SHARED_WITH_OTHER_SOURCE = ("token", "cache_dir", "local_files_only", "force_download", "proxies")
#: from_pretrained kwargs that only a tokenizer understands: passed to the model, they reach its __init__ and fail.
TOKENIZER_ONLY_KWARGS = (
    "padding_side", "truncation_side", "use_fast", "add_prefix_space", "model_max_length", "legacy",
    "clean_up_tokenization_spaces", "add_bos_token", "add_eos_token", "split_special_tokens", "do_lower_case",
    "from_slow", "tokenizer_type", "chat_template",
)


def dtype_name(value: Any) -> str | None:
    """The canonical string for a dtype given as a string or a torch.dtype ('torch.float16' -> 'float16')."""
    if value is None:
        return None
    text = str(value)
    text = text.removeprefix("torch.")
    return DTYPE_ALIASES.get(text, text)


def canonical_dtype(value: Any) -> Any:
    """A dtype kwarg in canonical form: a name ('float16', 'auto') or a per-module dict of names."""
    if isinstance(value, dict):
        return {str(k): dtype_name(v) for k, v in value.items()}
    return dtype_name(value)


class LoadPlan(BaseModel):
    """One load: repo id, Auto class, from_pretrained kwargs, and the tokenizer/processor slots.

    Frozen: remedies derive a new plan with :meth:`apply`. ``kwargs`` hold the user's values; a dtype is
    kept canonical under ``dtype`` as a string (or a per-module dict of strings) and turned into a
    torch.dtype only at call time. ``auto_class_ref`` holds the class when the caller passed a class.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    model_id: str
    auto_class: str = "AutoModelForCausalLM"
    kwargs: dict[str, Any] = Field(default_factory=dict)
    load_tokenizer: bool = True
    tokenizer_class: str = "AutoTokenizer"
    auto_class_ref: Any = Field(default=None, exclude=True)
    tokenizer_source: str | None = None  # another id/path for the tokenizer (None: the model's)
    tokenizer_options: dict[str, Any] = Field(default_factory=dict)  # AutoTokenizer.from_pretrained kwargs
    load_processor: bool = False
    processor_class: str = "AutoProcessor"
    processor_source: str | None = None
    processor_options: dict[str, Any] = Field(default_factory=dict)

    @property
    def dtype(self) -> str:
        """The dtype as a string; 'auto' when the call leaves it to the checkpoint (transformers 5's default).

        For a per-module dict, the default entry (``""``), else 'auto'.
        """
        value = self.kwargs.get("dtype")
        if isinstance(value, dict):
            return dtype_name(value.get("")) or "auto"
        return dtype_name(value) or "auto"

    @property
    def device_map(self) -> Any:
        """The ``device_map`` kwarg (None when absent)."""
        return self.kwargs.get("device_map")

    def apply(
        self,
        set_kwargs: dict[str, Any] | None = None,
        unset: list[str] | tuple[str, ...] = (),
        *,
        model_id: str | None = None,
        auto_class: str | None = None,
    ) -> LoadPlan:
        """A new plan with these changes; this one is untouched."""
        kwargs = {k: v for k, v in self.kwargs.items() if k not in unset}
        kwargs.update(set_kwargs or {})
        if "dtype" in kwargs:
            kwargs["dtype"] = canonical_dtype(kwargs["dtype"])
        update: dict[str, Any] = {
            "kwargs": kwargs,
            "model_id": model_id if model_id is not None else self.model_id,
            "auto_class": auto_class if auto_class is not None else self.auto_class,
        }
        if auto_class is not None and auto_class != self.auto_class:
            update["auto_class_ref"] = None  # another class: resolved by name in transformers
        return self.model_copy(update=update)

    def diff(self, other: LoadPlan) -> dict[str, Any]:
        """What ``other`` changes relative to this plan, JSON-safe (None marks a removed kwarg)."""
        changes: dict[str, Any] = {}
        if other.model_id != self.model_id:
            changes["model_id"] = other.model_id
        if other.auto_class != self.auto_class:
            changes["auto_class"] = other.auto_class
        mine, theirs = self.json_kwargs(), other.json_kwargs()
        for key in sorted(set(mine) | set(theirs)):
            if mine.get(key, _MISSING) != theirs.get(key, _MISSING):
                changes[key] = theirs.get(key)
        return changes

    def json_kwargs(self) -> dict[str, Any]:
        """kwargs made JSON-safe: dtypes as strings, objects as their dict or repr, secrets redacted."""
        return {key: redact_value(key, _jsonable(value)) for key, value in self.kwargs.items()}

    def tokenizer_kwargs(self) -> dict[str, Any]:
        """kwargs for the tokenizer: what it shares with the model (revision, subfolder, token, cache) when it
        comes from the model's checkpoint, only token/cache settings when it comes from elsewhere; then the
        tokenizer slot's own options."""
        return self._slot_kwargs(self.tokenizer_source, self.tokenizer_options)

    def processor_kwargs(self) -> dict[str, Any]:
        """kwargs for the processor, shared with the model like :meth:`tokenizer_kwargs`."""
        return self._slot_kwargs(self.processor_source, self.processor_options)

    def _slot_kwargs(self, source: str | None, options: dict[str, Any]) -> dict[str, Any]:
        shared = HUB_KWARGS if source is None else SHARED_WITH_OTHER_SOURCE
        out = {k: self.kwargs[k] for k in shared if k in self.kwargs}
        if self.kwargs.get("trust_remote_code"):
            out["trust_remote_code"] = True
        out.update(options)
        return out

    def to_code(self, *, dtype_key: str = "dtype", tokenizer_loaded: bool = True,
                tokenizer_note: str = "") -> str:
        """Python that reproduces this load with plain transformers (token read from the environment).

        Every value is written as code (``Path(...)``, ``torch.device(...)``, config objects as constructors);
        a value that cannot be becomes a named variable with a comment saying what to put there. With
        ``tokenizer_loaded=False`` the tokenizer line is left out, with a comment saying why.
        """
        code = _Code()
        cls = code.class_name(self.auto_class_ref, self.auto_class)
        args = [code.value(self.model_id)]
        for key, value in self.kwargs.items():
            args.append(f"{dtype_key if key == 'dtype' else key}={code.value(value, key)}")
        lines = ["model = " + _call(f"{cls}.from_pretrained", args)]
        for slot, wanted, loaded, source, klass, kwargs in (
            ("tokenizer", self.load_tokenizer, tokenizer_loaded, self.tokenizer_source, self.tokenizer_class,
             self.tokenizer_kwargs()),
            ("processor", self.load_processor, True, self.processor_source, self.processor_class,
             self.processor_kwargs()),
        ):
            if not wanted:
                continue
            if not loaded:
                why = f": {tokenizer_note}" if tokenizer_note else ""
                lines.append(f"# {slot}: not loaded{why} (the line is left out)")
                continue
            name = code.class_name(None, klass)
            slot_args = [code.value(source if source is not None else self.model_id)]
            slot_args += [f"{k}={code.value(v, k)}" for k, v in kwargs.items()]
            lines.append(f"{slot} = " + _call(f"{name}.from_pretrained", slot_args))
        return code.render(lines)


_MISSING = object()


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if type(value).__name__ == "dtype" and str(value).startswith("torch."):
        return dtype_name(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return {"__class__": type(value).__name__, **_jsonable(value.to_dict())}
    if type(value).__name__ == "device" or isinstance(value, PurePath):
        return str(value)
    return repr(value)


class _Code:
    """Renders values as Python source and collects the imports and placeholder variables they need."""

    def __init__(self) -> None:
        self.imports: set[str] = set()
        self.variables: list[str] = []
        self._names: set[str] = set()

    def render(self, lines: list[str]) -> str:
        """The whole snippet: imports, placeholder variables, then ``lines``."""
        header = sorted(i for i in self.imports if i.startswith("import ")) + _merge_from_imports(self.imports)
        body = "\n".join(self.variables + ([""] if self.variables else []) + lines)
        return "\n".join(header) + "\n\n" + body + "\n"

    def class_name(self, cls: Any, name: str) -> str:
        """The name to call ``cls`` by (imported from its real module), or a transformers class by name."""
        if cls is None:
            self.imports.add(f"from transformers import {name}")
            return name
        return self._importable(cls) or self._placeholder(
            name, f"the class {cls.__module__}.{cls.__qualname__} (not importable by name): import or define it here")

    def value(self, value: Any, key: str = "") -> str:
        """``value`` as Python source."""
        import math

        if key == "token" and value not in (None, False, True):
            self.imports.add("import os")
            return 'os.environ["HF_TOKEN"]'
        if key == "dtype" and isinstance(value, str):
            name = dtype_name(value)
            if name == "auto":
                return '"auto"'
            self.imports.add("import torch")
            return f"torch.{name}"
        if value is None or isinstance(value, bool | int | str):
            return repr(value)
        if isinstance(value, float):
            if math.isfinite(value):
                return repr(value)
            self.imports.add("import math")
            return f"math.{'nan' if math.isnan(value) else 'inf'}" if value > 0 or math.isnan(value) else "-math.inf"
        if isinstance(value, PurePath):
            self.imports.add("from pathlib import Path")
            return f"Path({str(value)!r})"
        kind = f"{type(value).__module__}.{type(value).__name__}"
        if kind == "torch.dtype":
            self.imports.add("import torch")
            return str(value)
        if kind == "torch.device":
            self.imports.add("import torch")
            return f"torch.device({str(value)!r})"
        if isinstance(value, dict):
            inner = ", ".join(f"{self.value(k)}: {self.value(v, key if key == 'dtype' else '')}"
                              for k, v in value.items())
            return "{" + inner + "}"
        if isinstance(value, list | tuple | set | frozenset):
            items = [self.value(v) for v in value]
            if isinstance(value, list):
                return "[" + ", ".join(items) + "]"
            if isinstance(value, tuple):
                return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
            return "{" + ", ".join(items) + "}" if items else "set()"
        if isinstance(value, type):
            return self._importable(value) or self._placeholder(
                key or value.__name__, f"the class {value.__module__}.{value.__qualname__} you passed")
        if hasattr(value, "to_dict") and callable(value.to_dict):
            rendered = self._from_dict(value)
            if rendered:
                return rendered
        return self._placeholder(key or "value", f"the {type(value).__name__} object you passed as {key or 'a value'}")

    def _from_dict(self, value: Any) -> str | None:
        cls = type(value)
        name = self._importable(cls)
        if not name:
            return None
        try:
            data = value.to_dict()
        except Exception:  # an object whose to_dict fails becomes a placeholder
            return None
        if not isinstance(data, dict):
            return None
        if hasattr(value, "quant_method"):  # quantization configs: constructor kwargs only
            data = {k: v for k, v in data.items() if not str(k).startswith("_") and k != "quant_method"}
            return f"{name}(**{self.value(data)})"
        if hasattr(cls, "from_dict"):
            return f"{name}.from_dict({self.value(data)})"
        return f"{name}(**{self.value(data)})"

    def _importable(self, obj: Any) -> str | None:
        """Add the import of a class or function and return its name; None when it cannot be imported."""
        import importlib
        import sys

        qualname = getattr(obj, "__qualname__", "")
        module = getattr(obj, "__module__", "")
        if not qualname or "<" in qualname or "." in qualname or not module or module == "__main__":
            return None
        top = module.split(".")[0]
        candidates = [top, module] if top in sys.modules else [module]
        for mod in candidates:
            try:
                found = getattr(importlib.import_module(mod), qualname, None)
            except Exception:  # not importable: try the next candidate
                continue
            if found is obj:
                self.imports.add(f"from {mod} import {qualname}")
                return qualname
        return None

    def _placeholder(self, key: str, what: str) -> str:
        base = re.sub(r"\W", "_", key).strip("_").lower() or "value"
        name = f"{base}_value"
        n = 2
        while name in self._names:
            name, n = f"{base}_value_{n}", n + 1
        self._names.add(name)
        self.variables.append(f"{name} = ...  # put {what} here")
        return name


def _call(func: str, args: list[str]) -> str:
    if sum(len(a) for a in args) < 60:
        return f"{func}({', '.join(args)})"
    return f"{func}(\n" + "".join(f"    {a},\n" for a in args) + ")"


def _merge_from_imports(imports: set[str]) -> list[str]:
    by_module: dict[str, set[str]] = {}
    for line in imports:
        match = re.match(r"from (\S+) import (\S+)", line)
        if match:
            by_module.setdefault(match.group(1), set()).add(match.group(2))
    return [f"from {mod} import {', '.join(sorted(names))}" for mod, names in sorted(by_module.items())]
