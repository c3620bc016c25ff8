"""The values rules can read (``plan.*``, ``facts.*``, ``failure.*``, ``model.*``) and template rendering."""

from __future__ import annotations

import re
from typing import Any

from advisor.schema import Condition

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)\}")
_MISSING = object()


class Context:
    """A read-only view of nested dicts addressed by dotted paths."""

    def __init__(self, *, placeholder_for_missing: bool = False, **namespaces: dict[str, Any]) -> None:
        self._data = namespaces
        self._soft = placeholder_for_missing  # explain: unknown values render as <name>, not {ns.name}

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
        """Fill ``{ns.key}`` placeholders. A string that is one placeholder keeps the value's own type."""
        if isinstance(template, dict):
            return {k: self.render(v) for k, v in template.items()}
        if isinstance(template, list):
            return [self.render(v) for v in template]
        if not isinstance(template, str):
            return template
        whole = _PLACEHOLDER.fullmatch(template)
        if whole:
            value = self.get(whole.group(1), _MISSING)
            return self._missing(whole) if value is _MISSING else value
        return _PLACEHOLDER.sub(
            lambda m: _fmt(value) if (value := self.get(m.group(1), _MISSING)) is not _MISSING else self._missing(m),
            template,
        )

    def _missing(self, match: re.Match[str]) -> str:
        return f"<{match.group(1).rsplit('.', 1)[-1]}>" if self._soft else match.group(0)

    def check(self, conditions: dict[str, Condition]) -> bool:
        """True if every condition holds."""
        return all(_holds(self.get(path, _MISSING), cond) for path, cond in conditions.items())


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


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
    if cond.matches is not None and not re.search(cond.matches, str(value)):
        return False
    if cond.lt is not None or cond.gt is not None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        if cond.lt is not None and not value < cond.lt:
            return False
        if cond.gt is not None and not value > cond.gt:
            return False
    return True
