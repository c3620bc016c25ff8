"""Hub and cache questions, always through huggingface_hub: id normalisation, near-miss candidates."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_URL_RE = re.compile(
    r"^(?:https?://)?(?:[^/@\s]{1,200}@)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?:models/)?"
    r"(?P<id>[^/\s?#]+(?:/[^/\s?#]+)?)(?:/(?:tree|blob|resolve|raw)/[^\s?#]*)?/?(?:[?#].*)?$"
)


def hub_cache_dir() -> Path:
    """The hub cache in force now (env read at call time, as huggingface_hub does at its import)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "huggingface"
    )
    return Path(home).expanduser() / "hub"


def is_offline() -> bool:
    return any(
        os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on")
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def is_dir(raw: str | os.PathLike[str]) -> bool:
    """``Path.is_dir`` that answers False for names the OS refuses (too long, bad bytes) instead of raising:
    what a user typed must never crash the advisor before transformers has said what is wrong with it."""
    try:
        return Path(raw).expanduser().is_dir()
    except (OSError, ValueError):
        return False


def exists(raw: str | os.PathLike[str]) -> bool:
    """``Path.exists`` with the same tolerance as :func:`is_dir`."""
    try:
        return Path(raw).expanduser().exists()
    except (OSError, ValueError):
        return False


def looks_like_path(raw: str) -> bool:
    """True for what can only be a filesystem path (absolute, ``./``, ``../``, ``~``, a drive letter): never a repo id,
    and never rewritten into one."""
    text = raw.strip()
    return text.startswith(("/", "./", "../", "~", "\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", text))


def nearest_existing_parent(raw: str) -> str | None:
    """The closest folder above a missing path that does exist (what to look at when a path is wrong)."""
    path = Path(raw.strip()).expanduser()
    for parent in path.parents:
        if is_dir(parent):
            return str(parent)
    return None


def normalise_id(raw: str) -> str:
    """A repo id from what people paste: full URLs (``.../org/name/tree/main``), whitespace, slashes.

    A filesystem path is returned as given (stripped): an absolute path never becomes a relative one."""
    text = raw.strip().strip("'\"").strip()
    if looks_like_path(text):
        return text
    match = _URL_RE.match(text)
    if match:
        text = match.group("id")
    text = text.strip("/")
    return text


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance; ids are short, O(n*m) is fine."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@dataclass(frozen=True)
class Candidate:
    """A repo id that may be what the user meant, where it was found and how far it is."""

    repo_id: str
    distance: int
    source: str  # "normalised", "cache" or "hub"


def cached_repo_ids() -> list[str]:
    """Model repo ids in the local HF cache (huggingface_hub's own cache scan)."""
    from huggingface_hub import scan_cache_dir

    cache = hub_cache_dir()
    if not cache.is_dir():
        return []
    try:
        info = scan_cache_dir(cache)
    except Exception:  # a corrupt cache must not break a diagnosis
        return []
    return sorted(repo.repo_id for repo in info.repos if repo.repo_type == "model")


def hub_repo_ids(wanted: str, *, limit: int = 50, token: str | bool | None = None) -> list[str]:
    """Ids the Hub knows that could be ``wanted``: the author's repos and a name search. Empty offline, and empty
    once the load running in this thread found the Hub unreachable (never searched then).

    ``token`` is the caller's ``token=`` exactly as ``from_pretrained`` gets it (None: huggingface_hub's default)."""
    from advisor import network

    if is_offline() or network.offline_now():
        return []
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    org, _, name = wanted.rpartition("/")
    found: set[str] = set()
    queries: list[dict[str, object]] = [{"search": name[: max(3, len(name) - 2)]}]
    if org:
        queries.insert(0, {"author": org})
    for query in queries:
        if network.offline_now():  # the first query proved the Hub unreachable
            break
        try:
            with network.advisor_lookup():  # counted as the advisor's own requests; one try, short timeout
                for model in api.list_models(limit=limit, **query):  # type: ignore[arg-type]
                    found.add(model.id)
        except Exception:  # unreachable Hub: the cache still answers
            continue
    return sorted(found)


def id_candidates(wanted: str, *, max_distance: int = 2, use_hub: bool = True,
                  token: str | bool | None = None) -> list[Candidate]:
    """Near matches for a repo id from the cache (and the Hub), closest first, case-insensitive distance.

    A filesystem path has no candidates: another folder or repo is never proposed in its place."""
    if looks_like_path(wanted):
        return []
    normal = normalise_id(wanted)
    if normal != wanted and normal:
        return [Candidate(normal, 0, "normalised")]
    pool: dict[str, str] = {rid: "cache" for rid in cached_repo_ids()}
    if use_hub:
        for rid in hub_repo_ids(normal, token=token):
            pool.setdefault(rid, "hub")
    scored = []
    for rid, source in pool.items():
        if rid == normal:
            continue
        distance = edit_distance(normal.lower(), rid.lower())
        if rid.lower() == normal.lower():
            distance = 0
        if distance <= max_distance:
            scored.append(Candidate(rid, distance, source))
    scored.sort(key=lambda c: (c.distance, c.source != "cache", c.repo_id))
    return scored


def local_state(model_id: str, revision: str | None = None) -> dict[str, object]:
    """What the disk says about an id: a local folder? cached? which files? near ids in the cache?"""
    path = Path(model_id).expanduser()
    local_dir = is_dir(path)
    state: dict[str, object] = {"is_local_dir": local_dir, "has_model": False, "near_ids": [], "files": []}
    normal = normalise_id(model_id)
    if looks_like_path(model_id) and not exists(path):
        state["path_like"] = True
        state["nearest_parent"] = nearest_existing_parent(model_id) or "none of its parents"
    if local_dir:
        state["files"] = sorted(p.name for p in path.iterdir())[:50]
        # A folder named like a hub id in the working directory shadows the cache and the Hub.
        state["shadows_hub_id"] = "/" in model_id and not path.is_absolute() and not (path / "config.json").is_file()
    ids = cached_repo_ids()
    state["has_model"] = normal in ids
    near = [rid for rid in ids if rid != normal and edit_distance(rid.lower(), normal.lower()) <= 2]
    state["near_ids"] = near
    state["near_count"] = len(near)
    if state["has_model"] and not local_dir:
        state.update(_snapshot_state(normal, revision))
    state["files_text"] = ", ".join(state["files"]) or "no files"  # type: ignore[arg-type]
    return state


def _snapshot_state(repo_id: str, revision: str | None) -> dict[str, object]:
    """Which cached snapshot a revision points to. When the cache has no ref for the name, the refs and snapshots
    it does have are listed; ``snapshot_commit`` is set only when the commit is provably the one asked for (a
    unique commit-hash prefix), never by guessing (another snapshot is another model)."""
    folder = hub_cache_dir() / f"models--{repo_id.replace('/', '--')}"
    wanted = revision or "main"
    if len(wanted) > 255:  # longer than any file name: no ref can exist (and the OS would refuse the path)
        return {"ref_missing": False, "revision": wanted[:40] + "…"}
    ref = folder / "refs" / wanted
    out: dict[str, object] = {"ref_missing": False, "revision": wanted}
    try:
        snapshots = sorted((folder / "snapshots").iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        refs = sorted(str(p.relative_to(folder / "refs")) for p in (folder / "refs").rglob("*") if p.is_file())
    except OSError:
        return out
    if not snapshots:
        return out
    if ref.is_file():
        snap = folder / "snapshots" / ref.read_text().strip()
    elif re.fullmatch(r"[0-9a-f]{40}", wanted) and (folder / "snapshots" / wanted).is_dir():
        snap = folder / "snapshots" / wanted
    else:
        out["ref_missing"] = True
        out["cached_refs_text"] = ", ".join(refs) or "no refs"
        out["snapshots_text"] = ", ".join(s.name for s in snapshots[:10])
        by_prefix = [s for s in snapshots if re.fullmatch(r"[0-9a-f]{7,39}", wanted) and s.name.startswith(wanted)]
        if len(by_prefix) != 1:
            return out
        snap = by_prefix[0]
        out["snapshot_proven"] = True  # the short commit hash names exactly this snapshot
    out["snapshot_commit"] = snap.name
    try:
        out["files"] = sorted(p.name for p in snap.iterdir() if p.exists())[:50]
    except OSError:
        pass
    return out
