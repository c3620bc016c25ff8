"""Remember what worked: the repaired plan of a load, per model, revision, hardware and library versions.

After a load that needed repairs (failed attempts or preflight decisions) the changes that made it work are
written to one JSON file per key under the user cache dir; the next ``safe_load`` of the same request on the
same machine starts from them. Only JSON-safe changes are stored (never a token), a changed fingerprint
(GPUs, RAM bucket, torch/transformers/accelerate/huggingface_hub versions) means the record is not used.

A record is never trusted as written: it carries an HMAC over its content with a per-user key kept outside the
cache (``ADVISOR_KEY_FILE``, else the user config dir), so a record edited on disk or copied from another
machine is ignored with a note; and on restore the changes are recomputed from the request and the remembered
plan and judged under the current policy exactly like a live remedy (:mod:`advisor.decide`).
"""

from __future__ import annotations

import glob
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor import events as ev
from advisor.facts import GIB, Facts
from advisor.loadplan import LoadPlan
from advisor.policy import Policy, Risk
from advisor.tempfolders import NEW_TEMP_FOLDER, made_here

if TYPE_CHECKING:
    from advisor.decide import Proposal

FORMAT = 2
FINGERPRINT_PACKAGES = ("torch", "transformers", "accelerate", "huggingface_hub")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def cache_root() -> Path:
    """The advisor's cache dir: ``ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/advisor``, else ``~/.cache/advisor``."""
    if os.environ.get("ADVISOR_CACHE_DIR"):
        return Path(os.environ["ADVISOR_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "advisor"


def key_file() -> Path:
    """The per-user key that signs remembered plans: ``ADVISOR_KEY_FILE``, else ``<config dir>/advisor/remember.key``
    (outside the cache on purpose: a shared or restored cache carries records, never the key)."""
    if os.environ.get("ADVISOR_KEY_FILE"):
        return Path(os.environ["ADVISOR_KEY_FILE"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "advisor" / "remember.key"


def _key(create: bool) -> bytes | None:
    """The signing key; created (mode 0600) on first store, None when absent and not creating."""
    path = key_file()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return data


def _mac(record: dict[str, Any], key: bytes) -> str:
    body = json.dumps({k: v for k, v in record.items() if k != "mac"}, sort_keys=True, default=str)
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def store_dir() -> Path:
    """Where remembered plans live: one JSON file per (model id, revision, fingerprint)."""
    return cache_root() / "remembered"


def ram_bucket_gib(facts: Facts) -> int:
    """Host memory (the tighter of RAM and the container limit) rounded down to a power of two, in GiB."""
    total = facts.ram_total_bytes
    if facts.memory_limit_bytes:
        total = min(total, facts.memory_limit_bytes) if total else facts.memory_limit_bytes
    gib = total / GIB
    return 2 ** int(math.log2(gib)) if gib >= 1 else 0


def fingerprint(facts: Facts) -> dict[str, Any]:
    """What a remembered plan depends on: GPUs (name, memory, capability), RAM bucket, library versions."""
    return {
        "gpus": [
            {"name": g.name, "total_gib": round(g.total_bytes / GIB), "capability": list(g.capability)}
            for g in facts.gpus
        ],
        "ram_gib_bucket": ram_bucket_gib(facts),
        "packages": {name: facts.packages.get(name) for name in FINGERPRINT_PACKAGES},
    }


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _request(plan: LoadPlan) -> dict[str, Any]:
    """The user's call as JSON (secrets redacted): a remembered fix is reused only for the same call."""
    return {"auto_class": plan.auto_class, "kwargs": plan.json_kwargs(), "tokenizer": plan.load_tokenizer}


def record_path(model_id: str, revision: str | None, facts: Facts, request: dict[str, Any] | None = None) -> Path:
    """The file for this key: the whole request (id, revision, class, kwargs, tokenizer) and the fingerprint, so
    two different calls of one model keep two records; the model id stays readable in the name, the rest is a
    hash."""
    key = _digest({"model_id": model_id, "revision": revision, "fingerprint": fingerprint(facts),
                   "request": request})
    return store_dir() / f"{_slug(model_id)}--{key[:20]}.json"


def _slug(model_id: str) -> str:
    return _UNSAFE_NAME.sub("-", model_id.strip()).strip("-")[-80:] or "model"


def _json_safe(value: Any) -> bool:
    """True for values that survive a JSON round trip unchanged (no objects, no torch dtypes)."""
    if value is None or isinstance(value, bool | int | float | str):
        return True
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_safe(v) for k, v in value.items())
    return False


def _restorable_kwargs(plan: LoadPlan, request: LoadPlan) -> dict[str, Any] | None:
    """The kwargs the repair set or changed, if all are JSON-safe; None if one is an object (not stored).

    ``max_memory`` keys may be GPU indices (ints): they are stored as ``[key, value]`` pairs.
    """
    out: dict[str, Any] = {}
    changed = request.diff(plan)
    for key, value in plan.kwargs.items():
        if key not in changed:
            continue
        if key == "token":
            return None  # a token is never written to disk
        if key == "max_memory" and isinstance(value, dict):
            value = {"__pairs__": [[k, v] for k, v in value.items()]}
            if not all(isinstance(k, int | str) and _json_safe(v) for k, v in value["__pairs__"]):
                return None
        elif key == "offload_folder" and made_here(value):
            value = NEW_TEMP_FOLDER  # that folder goes with its model: a restored plan gets a new one
        elif not _json_safe(value):
            return None
        out[key] = value
    return out


def _decode(key: str, value: Any) -> Any:
    if key == "max_memory" and isinstance(value, dict) and "__pairs__" in value:
        return {k: v for k, v in value["__pairs__"]}
    return value


@dataclass
class Remembered:
    """A record read back for this request: the plan to start from and the sentence that says so."""

    plan: LoadPlan
    note: str
    path: Path
    record: dict[str, Any]


@dataclass
class Recorder:
    """A listener that notes what the load changed and with whose consent, for :func:`store`."""

    changes: list[dict[str, Any]] = field(default_factory=list)
    consented: set[str] = field(default_factory=set)
    failed_attempts: int = 0

    def __call__(self, event: ev.Event) -> None:
        if isinstance(event, ev.PreflightDecision):
            self.changes.append({"fix": event.fix, "keys": sorted(event.changes), "consented": event.consented})
        elif isinstance(event, ev.ConsentAnswered) and event.granted:
            self.consented.add(event.fix)
        elif isinstance(event, ev.RemedyDecided) and event.applied:
            self.changes.append({"fix": event.fix, "keys": sorted(event.changes),
                                 "consented": event.fix in self.consented})
        elif isinstance(event, ev.FailureCaught):
            self.failed_attempts += 1


def lookup(request: LoadPlan, facts: Facts, policy: Policy) -> tuple[Remembered | None, str | None]:
    """The remembered plan for this request (not yet judged: see :func:`proposals`), or None with (maybe) a note
    saying why one was not used."""
    if not policy.remember:
        return None, None
    revision = request.kwargs.get("revision")
    path = record_path(request.model_id, revision if isinstance(revision, str) else None, facts, _request(request))
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, _stale_note(request, facts)
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict):
        return None, f"the remembered plan {path} is unreadable; ignored"
    key = _key(create=False)
    if key is None or not hmac.compare_digest(str(record.get("mac", "")), _mac(record, key)):
        return None, (f"the remembered plan {path} was not written by this advisor for this user (its signature "
                      "does not match); ignored")
    if record.get("format") != FORMAT or record.get("fingerprint") != fingerprint(facts):
        return None, None
    if record.get("request") != _request(request) or record.get("model_id_requested") != request.model_id:
        return None, None  # remembered for another call of the same model (other kwargs): not this one
    try:
        kwargs = {str(k): _decode(str(k), v) for k, v in record["kwargs"].items()}
        plan = request.apply(kwargs, list(record.get("unset", [])), model_id=str(record["model_id"]),
                             auto_class=str(record["auto_class"]))
    except (KeyError, TypeError, ValueError, AttributeError):  # a damaged record: ignore it
        return None, f"the remembered plan {path} is damaged; ignored"
    changes = ", ".join(f"{k}={v!r}" for k, v in request.diff(plan).items()) or "no changes"
    note = (f"a plan remembered from a repaired load on {record.get('created_at', '?')} ({changes}) is judged "
            "again under this call's policy; `advisor cache clear` forgets it")
    return Remembered(plan=plan, note=note, path=path, record=record), None


def proposals(request: LoadPlan, memo: Remembered) -> list[Proposal]:
    """The remembered plan as proposals to judge like live remedies: the changes are recomputed from the request
    and the plan (the record's own list only names the fix of each), grouped by the fix that made them."""
    from advisor.decide import Proposal

    changes = request.diff(memo.plan)
    out: list[Proposal] = []
    left = dict(changes)
    when = memo.record.get("created_at", "?")
    for index, step in enumerate(memo.record.get("changes", [])):
        keys = [k for k in step.get("keys", []) if k in left] if isinstance(step, dict) else []
        if not keys:
            continue
        part = {k: left.pop(k) for k in keys}
        out.append(Proposal(rule="remembered", index=index, fix=str(step.get("fix", "remembered_plan")),
                            declared=Risk.safe, plan=memo.plan, changes=part,
                            unambiguous=not step.get("consented", True),
                            reason=f"remembered from a repaired load on {when}"))
    if left:
        out.append(Proposal(rule="remembered", index=len(out), fix="remembered_plan", declared=Risk.safe,
                            plan=memo.plan, changes=left, unambiguous=False,
                            reason=f"remembered from a repaired load on {when}"))
    return out


def _stale_note(request: LoadPlan, facts: Facts) -> str | None:
    """A note when records exist for this model only under another fingerprint (hardware or versions changed)."""
    current = fingerprint(facts)
    for record in list_records(_slug(request.model_id)):  # this model's files only: a miss stays cheap
        if record.get("model_id_requested") != request.model_id or record.get("fingerprint") == current:
            continue
        old = record.get("fingerprint", {})
        changed = [name for name in ("gpus", "ram_gib_bucket") if old.get(name) != current[name]]
        changed += [f"{p} {old.get('packages', {}).get(p)}→{current['packages'][p]}" for p in FINGERPRINT_PACKAGES
                    if old.get("packages", {}).get(p) != current["packages"][p]]
        return (f"a plan remembered for {request.model_id} was made with other hardware or libraries "
                f"({', '.join(changed)}); not used")
    return None


def store(request: LoadPlan, final: LoadPlan, recorder: Recorder, facts: Facts, policy: Policy) -> Path | None:
    """Write the working plan of a repaired load; returns the file, or None when there is nothing to keep.

    Nothing is written when remembering is off, when the load needed no repair, or when a changed kwarg is not
    JSON-safe (e.g. a quantization_config object) or is a token.
    """
    if not policy.remember or not (recorder.failed_attempts or recorder.changes):
        return None
    if final == request:
        return None
    kwargs = _restorable_kwargs(final, request)
    if kwargs is None:
        return None
    revision = request.kwargs.get("revision")
    path = record_path(request.model_id, revision if isinstance(revision, str) else None, facts, _request(request))
    record = {
        "format": FORMAT,
        "model_id_requested": request.model_id,
        "revision": revision if isinstance(revision, str) else None,
        "request": _request(request),
        "model_id": final.model_id,
        "auto_class": final.auto_class,
        "kwargs": kwargs,
        "unset": sorted(set(request.kwargs) - set(final.kwargs)),
        "changes": recorder.changes,
        "failed_attempts": recorder.failed_attempts,
        "fingerprint": fingerprint(facts),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    key = _key(create=True)
    assert key is not None
    record["mac"] = _mac(record, key)
    _write_atomic(path, json.dumps(record, indent=2, sort_keys=True))
    return path


def forget(path: Path) -> None:
    """Remove one record (a remembered plan that stopped working)."""
    path.unlink(missing_ok=True)


def _write_atomic(path: Path, text: str) -> None:
    """Temporary file + rename: a concurrent reader sees the old record or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def list_records(slug: str | None = None) -> list[dict[str, Any]]:
    """Every readable record (or those whose file name starts with ``slug``), with its file under ``path``;
    newest first."""
    folder = store_dir()
    if not folder.is_dir():
        return []
    out = []
    for file in folder.glob(f"{glob.escape(slug)}--*.json" if slug else "*.json"):
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict):
            out.append({**record, "path": str(file)})
    return sorted(out, key=lambda r: str(r.get("created_at", "")), reverse=True)


def clear(model_id: str | None = None) -> int:
    """Delete every record (or those whose requested *or* final model id is ``model_id``); returns how many."""
    removed = 0
    for record in list_records():
        if model_id is None or model_id in (record.get("model_id_requested"), record.get("model_id")):
            Path(record["path"]).unlink(missing_ok=True)
            removed += 1
    return removed
