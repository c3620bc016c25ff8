"""LoadPlan: an immutable description of one from_pretrained call, and the code that reproduces it."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.redact import redact_value

# Keys that decide where files come from: the tokenizer shares them with the final model.
HUB_KWARGS = ("revision", "token", "cache_dir", "local_files_only", "force_download", "proxies", "subfolder")
FLOAT_DTYPES = ("float32", "float16", "bfloat16", "float64")
DTYPE_ALIASES = {"float": "float32", "half": "float16", "double": "float64"}


def dtype_name(value: Any) -> str | None:
    """The canonical string for a dtype given as a string or a torch.dtype ('torch.float16' -> 'float16')."""
    if value is None:
        return None
    text = str(value)
    text = text.removeprefix("torch.")
    return DTYPE_ALIASES.get(text, text)


class LoadPlan(BaseModel):
    """One load: repo id, Auto class, from_pretrained kwargs, whether to load the tokenizer.

    Frozen: remedies derive a new plan with :meth:`apply`. ``kwargs`` hold the user's values; a dtype is
    kept canonical under ``dtype`` as a string and turned into a torch.dtype only at call time.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    model_id: str
    auto_class: str = "AutoModelForCausalLM"
    kwargs: dict[str, Any] = Field(default_factory=dict)
    load_tokenizer: bool = True
    tokenizer_class: str = "AutoTokenizer"

    @property
    def dtype(self) -> str:
        """The dtype as a string; 'auto' when the call leaves it to the checkpoint (transformers 5's default)."""
        return dtype_name(self.kwargs.get("dtype")) or "auto"

    @property
    def device_map(self) -> Any:
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
            kwargs["dtype"] = dtype_name(kwargs["dtype"])
        return self.model_copy(
            update={
                "kwargs": kwargs,
                "model_id": model_id if model_id is not None else self.model_id,
                "auto_class": auto_class if auto_class is not None else self.auto_class,
            }
        )

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
        """What the tokenizer shares with the model: id, revision, token and cache settings."""
        out = {k: self.kwargs[k] for k in HUB_KWARGS if k in self.kwargs}
        if self.kwargs.get("trust_remote_code"):
            out["trust_remote_code"] = True
        return out

    def to_code(self, *, dtype_key: str = "dtype") -> str:
        """Python that reproduces this load with plain transformers (token read from the environment)."""
        imports = {f"from transformers import {self.auto_class}"}
        args = [repr(self.model_id)]
        for key, value in self.kwargs.items():
            rendered = _code_value(key, value, imports)
            name = dtype_key if key == "dtype" else key
            args.append(f"{name}={rendered}")
        lines = ["model = " + _call(f"{self.auto_class}.from_pretrained", args)]
        if self.load_tokenizer:
            imports.add(f"from transformers import {self.tokenizer_class}")
            tok_args = [repr(self.model_id)] + [
                f"{k}={_code_value(k, v, imports)}" for k, v in self.tokenizer_kwargs().items()
            ]
            lines.append("tokenizer = " + _call(f"{self.tokenizer_class}.from_pretrained", tok_args))
        header = sorted(i for i in imports if i.startswith("import ")) + _merge_from_imports(imports)
        return "\n".join(header) + "\n\n" + "\n".join(lines) + "\n"


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
    if hasattr(value, "to_dict"):
        return {"__class__": type(value).__name__, **_jsonable(value.to_dict())}
    if type(value).__name__ == "device":
        return str(value)
    return repr(value)


def _code_value(key: str, value: Any, imports: set[str]) -> str:
    if key == "token" and value not in (None, False, True):
        imports.add("import os")
        return 'os.environ["HF_TOKEN"]'
    if key == "dtype" or (type(value).__name__ == "dtype" and str(value).startswith("torch.")):
        name = dtype_name(value)
        if name == "auto":
            return '"auto"'
        imports.add("import torch")
        return f"torch.{name}"
    if hasattr(value, "to_dict") and not isinstance(value, dict):
        cls = type(value).__name__
        imports.add(f"from transformers import {cls}")
        data = {k: v for k, v in value.to_dict().items() if not k.startswith("_") and k != "quant_method"}
        return f"{cls}(**{data!r})"
    return repr(value)


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
