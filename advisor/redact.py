"""Redaction of secrets (HF tokens, token= values, Authorization headers) from anything we output."""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from pathlib import Path
from typing import Any, TextIO

REDACTED = "<redacted>"
#: Hugging Face access tokens (hf_ + 34 alphanumerics today; hf_oauth_, legacy api_ and api_org_ ones), also
#: glued to other text (``MY_hf_...``, ``xhf_...``): no word boundary is required on either side.
_TOKEN_RE = re.compile(r"(?:hf_oauth_|api_org_|hf_|api_)[A-Za-z0-9]{20,}")
_SECRET_KEYS = ("token|use_auth_token|hf_token|access_token|auth_token|authorization|api_key|apikey|password|passwd"
                "|secret")
#: ``token='x'``, ``token: x``, ``"token": "x"``, ``?access_token=x``, ``Authorization: Bearer x`` (any case).
_KV_RE = re.compile(
    rf"(?i)((?<![A-Za-z0-9_])(?:{_SECRET_KEYS})['\"]?\s*[=:]\s*)(['\"]?)((?:bearer|basic|token)\s+)?"
    # a backtick ends the value as a quote does: "(`token=True`)" in huggingface_hub's own message is no secret
    r"([^'\"`\s,;&)}\]\\]+)"
)
#: Upper-case environment-style names: ``MY_HF_TOKEN=x``, ``WANDB_API_KEY: x``.
_ENV_KV_RE = re.compile(r"(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|API_KEY)\s*[=:]\s*)(['\"]?)"
                        r"([^'\"`\s,;&)}\]\\]+)")
_BEARER_RE = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=\-]{8,}")
#: ``https://user:secret@host`` keeps the user and host. Linear time: the scheme is at most 32 characters and
#: must not follow another scheme character (an unbounded ``[a-z0-9+.-]*`` before ``://`` rescanned the whole
#: run from every start: 137 s on 200 kB of ``a.``); the pattern only runs when the text holds ``://``.
_URL_CREDENTIALS_RE = re.compile(
    r"(?i)((?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{0,31}://[^/\s:@'\"\\]+:)([^@\s/'\"\\]+)(@)")
_HARMLESS = ("True", "False", "None", "true", "false", "null", "none", REDACTED)
SECRET_KEYS = frozenset({"token", "use_auth_token", "hf_token", "access_token", "auth_token", "authorization",
                         "api_key", "apikey", "password", "passwd", "secret"})
TOKEN_ENV_VARS = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_HUB_TOKEN", "HF_API_TOKEN")
#: The bar for a value from the environment or a token file to count as a secret (and be replaced wherever it
#: appears): an HF-shaped token, or at least 8 characters without whitespace. ``HF_TOKEN=torch`` must not turn
#: ``import torch`` into ``import <redacted>``; a real token (hf_ + 34) is far longer.
_MIN_SECRET = 8
_file_cache: dict[str, tuple[int, list[str]]] = {}


_PATH_VARIABLES = ("HF_HOME", "XDG_CACHE_HOME", "HF_TOKEN_PATH", "HF_STORED_TOKENS_PATH", "HOME", "USERPROFILE")


def _token_files() -> list[Path]:
    """Where huggingface_hub keeps tokens: HF_TOKEN_PATH (or HF_HOME/token) and HF_HOME/stored_tokens."""
    # Worked out again only when a variable it depends on changes: every explain redacts twice, and building the
    # paths (Path.home(), expanduser) cost a tenth of a call. The files themselves are re-read when they change.
    return list(_token_files_for(tuple(os.environ.get(name) for name in _PATH_VARIABLES)))


@functools.lru_cache(maxsize=8)
def _token_files_for(variables: tuple[str | None, ...]) -> tuple[Path, ...]:
    hf_home, xdg_cache, token_path, stored_path, _home, _profile = variables
    home = Path(hf_home or Path(xdg_cache or Path.home() / ".cache") / "huggingface").expanduser()
    token = Path(token_path).expanduser() if token_path else home / "token"
    stored = Path(stored_path).expanduser() if stored_path else home / "stored_tokens"
    return (token, stored)


def _file_secrets(path: Path) -> list[str]:
    """Token values in a token file (one token, or ``name = token`` lines); cached until the file changes."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return []
    cached = _file_cache.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    values = []
    for line in text.splitlines():
        value = line.split("=", 1)[1] if "=" in line and not line.lstrip().startswith("[") else line
        value = value.strip()
        if plausible_secret(value) and not value.startswith("["):
            values.append(value)
    _file_cache[str(path)] = (stamp, values)
    return values


def plausible_secret(value: str) -> bool:
    """True if ``value`` looks like a credential, not a word that also appears in code (see ``_MIN_SECRET``)."""
    value = value.strip()
    if _TOKEN_RE.fullmatch(value):
        return True
    return len(value) >= _MIN_SECRET and not any(c.isspace() for c in value)


def secrets_in_environment() -> list[str]:
    """Token values this process could send to the Hub: token env vars and huggingface_hub's token files."""
    values = [os.environ[name] for name in TOKEN_ENV_VARS if plausible_secret(os.environ.get(name, ""))]
    for path in _token_files():
        values.extend(_file_secrets(path))
    return sorted({v.strip() for v in values}, key=len, reverse=True)  # longest first: no partial leftovers


#: Literals each pattern cannot match without, sought before it runs (every explain redacts twice, and the four
#: scans cost half of a redaction): ``_TOKEN_RE`` and ``_ENV_KV_RE`` as written; ``_KV_RE`` and ``_BEARER_RE`` read
#: any case, so theirs are sought in the case-folded text (see ``_may_hold_any_case``).
_TOKEN_NEEDLES = ("hf_", "api_")
_ENV_KV_NEEDLES = ("TOKEN", "SECRET", "PASSWORD", "API_KEY")
_KV_NEEDLES = ("token", "authorization", "api_key", "apikey", "password", "passwd", "secret")  # each key holds one
_BEARER_NEEDLES = ("bearer",)
#: The two letters an IGNORECASE pattern reads as "i" that ``str.casefold`` does not turn into "i" (tested)
_ODD_I = ("\u0130", "\u0131")


def _holds(text: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:
        if needle in text:
            return True
    return False


def _may_hold_any_case(text: str, needles: tuple[str, ...]) -> bool:
    """False only when no case-insensitive match of a needle can be in ``text``: an IGNORECASE pattern matches a
    letter whose case fold is that letter (K for k, long s for s) except a dotted or dotless i, checked apart."""
    return _holds(text, _ODD_I) or _holds(text.casefold(), needles)


def redact_text(text: str) -> str:
    """Text with every secret we can recognise replaced by ``<redacted>``."""
    if not text:
        return text
    for secret in secrets_in_environment():
        text = text.replace(secret, REDACTED)
    if _holds(text, _TOKEN_NEEDLES):
        text = _TOKEN_RE.sub(REDACTED, text)
    if "://" in text:
        text = _URL_CREDENTIALS_RE.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", text)
    if _may_hold_any_case(text, _KV_NEEDLES):
        text = _KV_RE.sub(_kv, text)
    if _holds(text, _ENV_KV_NEEDLES):
        text = _ENV_KV_RE.sub(_env_kv, text)
    if _may_hold_any_case(text, _BEARER_NEEDLES):
        text = _BEARER_RE.sub(lambda m: m.group(1) + REDACTED, text)
    return text


def redact_id(model_id: str | os.PathLike[str]) -> str:
    """A model id (or path, or URL) with every credential replaced by ``<redacted>``; call it where an id enters.

    Removes URL userinfo passwords (``https://user:hf_x@host``), secret query values (``?token=``,
    ``&access_token=``), HF-shaped tokens anywhere and the environment's token values; a plain id comes back
    unchanged. Linear in the length of the id and idempotent.
    """
    return redact_text(os.fspath(model_id))


def _kv(match: re.Match[str]) -> str:
    value = match.group(4)
    if value in _HARMLESS or value.startswith(("<", "[", "os.environ", "os.getenv", "$", "{")):
        return match.group(0)
    if ":" in match.group(1) and not match.group(2) and not match.group(3) and (value.isalpha() or len(value) < 8):
        return match.group(0)  # prose ("needs a token: run `hf auth login`"), not a key/value pair
    return f"{match.group(1)}{match.group(2)}{match.group(3) or ''}{REDACTED}"


def _env_kv(match: re.Match[str]) -> str:
    value = match.group(3)
    if value in _HARMLESS or value.startswith(("<", "os.environ", "os.getenv", "$", "{")):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{REDACTED}"


def redact_value(key: str, value: Any) -> Any:
    """A JSON-safe value with secrets removed: token-like keys keep only True/False/None."""
    if key.lower() in SECRET_KEYS and value not in (None, True, False):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(key, v) for v in value]
    return value


class RedactingStream(io.TextIOBase):
    """A text stream that redacts whole lines before passing them on (the CLI wraps stdout/stderr in it).

    Partial lines are held until a newline, a carriage return or ``flush``, so a secret is never split
    across two writes of the underlying stream.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        cut = max(self._pending.rfind("\n"), self._pending.rfind("\r"))
        if cut >= 0:
            ready, self._pending = self._pending[: cut + 1], self._pending[cut + 1 :]
            self.inner.write(redact_text(ready))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.inner.write(redact_text(self._pending))
            self._pending = ""
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", "utf-8"))

    def writable(self) -> bool:
        return True


def protect_std_streams() -> None:
    """Route everything Python prints (our trace, library logs, warnings, tracebacks) through redaction."""
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)
