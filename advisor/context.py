"""The values rules can read (``plan.*``, ``facts.*``, ``failure.*``, ``model.*``) and template rendering."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.schema import Condition

#: ``{ns.key}`` or ``{ns.key|words used when the value is unknown}``.
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)(?:\|([^{}\n]{0,200}))?\}")
#: Anything a rule author may have meant as a placeholder (checked at pack load against NAMESPACES).
_PLACEHOLDER_LIKE = re.compile(
    r"\{([A-Za-z_][A-Za-z0-9_\-]{0,63}(?:\.[A-Za-z0-9_\-]{1,64}){1,8})(?:\|[^{}\n]{0,200})?\}")
#: ``[[ optional text ]]``: dropped when a placeholder in it is unknown; ``[[a||b]]``: the first option whose
#: placeholders are all known (or nothing).
_SEGMENT = re.compile(r"\[\[(.{0,2000}?)\]\]", re.S)
#: What an unknown value reads as when a template gives neither a segment nor a fallback.
_NOUNS = {"model_id": "the model", "repo_id": "the repo", "local_dir": "the folder", "gpu_name": "this GPU",
          "compute_capability": "its compute capability", "revision": "the revision", "auto_class": "the Auto class",
          "file": "the file", "files_text": "some files", "token_present": "unknown", "ram_gib": "the available",
          "torch_version": "the installed", "transformers_version": "the installed", "device_map": "the device map",
          "model_type": "this model type", "package": "the package"}
_MISSING = object()
#: A condition's ``matches`` regex sees at most this much of str(value).
MATCH_VALUE_CHARS = 4096

#: The declared schema of what rules can read: namespace -> its keys (None: open, its keys vary with the
#: failure or the cache). A ``when`` path or ``{placeholder}`` outside it is a pack error, found at load.
#: Keys below a declared key (``plan.kwargs.revision``, ``facts.installed.bitsandbytes``) are free.
NAMESPACES: dict[str, frozenset[str] | None] = {
    "plan": frozenset({"model_id", "auto_class", "dtype", "device_map", "kwargs", "has_offload_folder",
                       "trust_remote_code", "local_files_only", "is_local_dir",
                       # the id by kind: repo_id only for a Hub id, local_dir only for a folder (segments pick)
                       "id_kind", "repo_id", "local_dir", "revision"}),
    "facts": frozenset({"cuda_available", "gpu_count", "gpu_name", "gpu_free_gib", "gpu_total_gib",
                        "compute_capability", "bf16_supported", "best_half_dtype", "ram_gib", "host_ram_gib",
                        "memory_limit_kind", "offline", "token_present", "transformers_version",
                        "transformers_major", "torch_version", "hf_cache", "installed"}),
    "failure": None,  # phase, type, the OOM figures (oom_*), the Hub's answers (hub_*, retry_after ...)
    "local": None,  # what the local cache holds for the requested id (has_model, near_ids, files ...)
    "history": frozenset({"tried"}),
    "model": None,  # model metadata (config, sizes) when known
}


def path_problem(path: str) -> str | None:
    """Why a dotted context path (``plan.dtype``) is not in the declared NAMESPACES schema; None if it is."""
    parts = path.split(".")
    if len(parts) < 2 or not all(parts):
        return f"{path!r} is not a dotted path like 'plan.dtype'"
    if parts[0] not in NAMESPACES:
        return f"{path!r}: unknown namespace {parts[0]!r} (known: {', '.join(NAMESPACES)})"
    keys = NAMESPACES[parts[0]]
    if keys is not None and parts[1] not in keys:
        return f"{path!r}: {parts[0]} has no {parts[1]!r} (known: {', '.join(sorted(keys))})"
    return None


def template_problems(template: Any) -> list[str]:
    """Every placeholder in ``template`` (a string, or dicts/lists of them) that the schema does not know."""
    if isinstance(template, dict):
        return [p for v in template.values() for p in template_problems(v)]
    if isinstance(template, list):
        return [p for v in template for p in template_problems(v)]
    if not isinstance(template, str) or "{" not in template:
        return []
    out = []
    for match in _PLACEHOLDER_LIKE.finditer(template):
        problem = path_problem(match.group(1))
        if problem is None and not _PLACEHOLDER.fullmatch(match.group(0)):
            problem = f"{match.group(0)!r} is not a placeholder (namespaces are lower-case)"
        if problem:
            out.append(f"placeholder {problem}")
    return out


class Context:
    """A read-only view of nested dicts addressed by dotted paths."""

    def __init__(self, *, placeholder_for_missing: bool = False, **namespaces: dict[str, Any]) -> None:
        self._data = namespaces
        self._soft = placeholder_for_missing  # explain: an unknown bare value renders as a noun, not {ns.name}

    def get(self, path: str, default: Any = None) -> Any:
        value: Any = self._data
        for part in path.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                return default
        return value

    def has(self, path: str) -> bool:
        return self.get(path, _MISSING) is not _MISSING

    def render(self, template: Any) -> Any:
        """Fill ``{ns.key}`` placeholders. A string that is one placeholder keeps the value's own type.

        Text never shows a hole: an unknown value uses the placeholder's fallback (``{plan.model_id|the
        model}``), else drops the ``[[optional segment]]`` it is in (``[[a||b]]``: the first option whose
        values are all known), else reads as a plain noun (``the model``). Only a template that is one bare
        placeholder (a ``set_kwargs`` value) and unknown stays ``{ns.key}`` outside explain.
        """
        if isinstance(template, dict):
            return {k: self.render(v) for k, v in template.items()}
        if isinstance(template, list):
            return [self.render(v) for v in template]
        if not isinstance(template, str):
            return template
        whole = _PLACEHOLDER.fullmatch(template)
        if whole and whole.group(2) is None:
            value = self.get(whole.group(1), _MISSING)
            if value is _MISSING:
                return _noun(whole) if self._soft else whole.group(0)
            return value
        if "{" not in template and "[[" not in template:
            return template
        fell_back: list[bool] = []

        def fill(match: re.Match[str]) -> str:
            if self._known(match.group(1)):
                return _fmt(self.get(match.group(1)))
            fell_back.append(True)
            return match.group(2) if match.group(2) is not None else _noun(match)

        def segment(match: re.Match[str]) -> str:
            for option in match.group(1).split("||"):
                if all(self._known(p.group(1)) or p.group(2) is not None for p in _PLACEHOLDER.finditer(option)):
                    return _PLACEHOLDER.sub(fill, option)
            fell_back.append(True)
            return ""

        if "[[" in template:
            template = _SEGMENT.sub(segment, template)
        out = _PLACEHOLDER.sub(fill, template)
        return _tidy(out) if fell_back else out

    def _known(self, path: str) -> bool:
        value = self.get(path, _MISSING)
        return value is not _MISSING and value is not None and value != ""

    def check(self, conditions: dict[str, Condition]) -> bool:
        """True if every condition holds; a condition that cannot be evaluated does not hold (never raises)."""
        for path, cond in conditions.items():
            try:
                if not _holds(self.get(path, _MISSING), cond):
                    return False
            except Exception:  # e.g. comparing values of odd types: the rule is skipped, the load goes on
                return False
        return True


def _noun(match: re.Match[str]) -> str:
    """What an unknown value reads as in running text: a plain noun, never ``<name>`` or ``{ns.name}``."""
    key = match.group(1).rsplit(".", 1)[-1]
    return _NOUNS.get(key) or "the " + key.replace("_", " ")


_TIDY = ((re.compile(r"\(\s{0,3}\)"), ""), (re.compile(r" {2,}"), " "), (re.compile(r" ([.,;:)])"), r"\1"),
         (re.compile(r"\( "), "("), (re.compile(r"^ "), ""))


def _tidy(text: str) -> str:
    """Spaces and punctuation left by a dropped segment: ``a  b`` -> ``a b``, ``x ().`` -> ``x.``."""
    for pattern, repl in _TIDY:
        text = pattern.sub(repl, text)
    return text


def unguarded_placeholders(template: str) -> list[str]:
    """Placeholders outside any ``[[segment]]`` and without a ``|fallback``: they read as a plain noun when unknown."""
    outside = _SEGMENT.sub("", template)
    return [m.group(1) for m in _PLACEHOLDER.finditer(outside) if m.group(2) is None]


def _fmt(value: Any) -> str:
    """A value as text in a template; one that cannot be printed shows as ``<unprintable>``."""
    try:
        if isinstance(value, float):
            return f"{value:.2f}"
        if isinstance(value, list | tuple):  # ids and file names read as a list in a sentence, not as Python
            return ", ".join(_fmt(item) for item in value)
        return str(value)
    except Exception:  # an odd object from a plan or a library must not break a load
        return "<unprintable>"


def check_value(value: Any, cond: Condition) -> bool:
    """True if ``cond`` holds for ``value`` (None: the value is unknown)."""
    return _holds(value, cond)


def _holds(value: Any, cond: Condition) -> bool:
    present = value is not _MISSING and value is not None
    if cond.exists is not None and cond.exists != present:
        return False
    if value is _MISSING:
        value = None
    if cond.truthy is not None and bool(value) != cond.truthy:
        return False
    if cond.eq is not None and value != cond.eq:
        return False
    if cond.ne is not None and value == cond.ne:
        return False
    if cond.in_ is not None and value not in cond.in_:
        return False
    if cond.not_in is not None and value in cond.not_in:
        return False
    # a pattern never holds for an unknown value (a negative lookahead would otherwise accept the text 'None')
    if cond.matches is not None and (value is None or not re.search(cond.matches, str(value)[:MATCH_VALUE_CHARS])):
        return False
    if cond.lt is not None or cond.gt is not None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        if cond.lt is not None and not value < cond.lt:
            return False
        if cond.gt is not None and not value > cond.gt:
            return False
    return True
