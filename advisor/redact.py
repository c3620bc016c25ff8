"""Redaction of secrets (HF tokens, token= values, Authorization headers) from anything we output."""

from __future__ import annotations

import os
import re
from typing import Any

REDACTED = "<redacted>"
# Hugging Face user/org access tokens: hf_ + 30+ alphanumerics; also legacy api_ tokens.
_TOKEN_RE = re.compile(r"\b(?:hf|api|hf_oauth)_[A-Za-z0-9]{20,}\b")
_KV_RE = re.compile(
    r"(?i)((?:token|use_auth_token|hf_token|authorization|api_key|password)\s*[=:]\s*)"
    r"(?:bearer\s+)?(['\"]?)([^'\"\s,)}]+)\2"
)
_BEARER_RE = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._\-]{8,}")
SECRET_KEYS = frozenset({"token", "use_auth_token", "hf_token", "authorization", "api_key", "password"})


def _env_secrets() -> list[str]:
    values = []
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_HUB_TOKEN", "HF_API_TOKEN"):
        value = os.environ.get(name)
        if value and len(value) >= 4:
            values.append(value)
    return values


def redact_text(text: str) -> str:
    """Text with every secret we can recognise replaced by ``<redacted>``."""
    if not text:
        return text
    for secret in _env_secrets():
        text = text.replace(secret, REDACTED)
    text = _TOKEN_RE.sub(REDACTED, text)
    text = _BEARER_RE.sub(lambda m: m.group(1) + REDACTED, text)

    def _kv(match: re.Match[str]) -> str:
        value = match.group(3)
        if value in ("True", "False", "None", "true", "false", "null", REDACTED) or value.startswith(
            ("<", "os.environ", "os.getenv")
        ):
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{REDACTED}{match.group(2)}"

    return _KV_RE.sub(_kv, text)


def redact_value(key: str, value: Any) -> Any:
    """A JSON-safe value with secrets removed: token-like keys keep only True/False/None."""
    if key.lower() in SECRET_KEYS and value not in (None, True, False):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(key, v) for v in value]
    return value
