"""A Hub double: a threaded HTTP server on 127.0.0.1 that the real huggingface_hub client talks to.

Point `HF_ENDPOINT` (and `huggingface_hub.constants.ENDPOINT`) at `HubDouble.url`; nothing in
huggingface_hub or transformers is patched. It serves what huggingface_hub 2.4 requests during
`from_pretrained`, `hf_hub_download`, `snapshot_download`, `model_info` and `list_models`, with the headers
the client checks (`X-Repo-Commit`, `ETag`/`X-Linked-Etag`, `X-Linked-Size`, `X-Error-Code`,
`X-Error-Message`, `X-Request-Id`), and it can fail, slow down or impersonate a captive portal on demand.

Routes: `GET /api/models?search=&author=&limit=&sort=`, `GET /api/models/{id}[/revision/{rev}]`,
`GET /api/models/{id}/tree/{rev}[/{path}]`, `HEAD|GET /{id}/resolve/{rev}/{path}` (with Range), and
`GET /api/agent-harnesses`, which the client fetches once per process to build its user agent.
Every request is logged in `requests` as "METHOD path -> status"; the Authorization value never is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .hf_cache import BlobInfo, blob_info, content_commit, repo_files

MAX_DELAY_S = 30.0
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
_REPO = r"(?P<repo>[^/]+(?:/[^/]+)?)"
_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    ("harnesses", re.compile(r"^/api/agent-harnesses$")),
    ("search", re.compile(r"^/api/models/?$")),
    ("revision_info", re.compile(rf"^/api/models/{_REPO}/revision/(?P<rev>[^/]+)$")),
    ("tree", re.compile(rf"^/api/models/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<path>.*))?$")),
    ("model_info", re.compile(rf"^/api/models/{_REPO}$")),
    ("resolve", re.compile(rf"^/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)$")),
]
_PIPELINES = {"ForCausalLM": "text-generation", "ForConditionalGeneration": "text2text-generation"}
_PIPELINES |= {"ForMaskedLM": "fill-mask", "LMHeadModel": "text-generation"}
_HTML = b"<!doctype html><html><head><title>Sign in to the network</title></head><body>Portal</body></html>"


# --------------------------------------------------------------------------------------------------
# State
# --------------------------------------------------------------------------------------------------


@dataclass
class _Repo:
    """One served repo: file contents (read once at `add_repo`), refs and access settings."""

    repo_id: str
    files: dict[str, bytes]
    blobs: dict[str, BlobInfo]
    commit: str
    refs: dict[str, str]
    gated: bool
    private: bool
    gate_metadata: bool
    downloads: int
    config: dict[str, Any]

    def commit_for(self, revision: str) -> str | None:
        """Resolve a branch/tag name or a known commit id to a commit id."""
        if revision in self.refs:
            return self.refs[revision]
        return revision if revision in self.refs.values() else None


@dataclass
class _Failure:
    """A failure injected on a repo; `remaining` None means forever."""

    status: int
    error_code: str | None
    error_message: str | None
    remaining: int | None
    retry_after: int | None
    file: str | None = None  # only requests for this file (resolve/<rev>/<file>) fail


@dataclass
class _Reply:
    """An HTTP answer before it is written: status, headers, body and what to log."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    note: str = ""
    bytes_per_s: float | None = None


def _repo_not_found(token: str | None) -> _Reply:
    """The Hub never tells an anonymous caller whether a repo exists: a missing repo and a private one both answer
    401 RepoNotFound (shared/reference 01f_missing_mock401); with a token, 404."""
    if token is None:
        return _error(401, "RepoNotFound", "Invalid username or password.")
    return _error(404, "RepoNotFound", "Repository not found")


def _error(status: int, code: str | None, message: str, **headers: str) -> _Reply:
    """Build a Hub-style error answer: JSON body plus `X-Error-Code` / `X-Error-Message` headers."""
    all_headers = {"Content-Type": "application/json", "X-Error-Message": message, **headers}
    if code:
        all_headers["X-Error-Code"] = code
    return _Reply(status, all_headers, json.dumps({"error": message}).encode(), note=code or "")


def _json(payload: Any, note: str) -> _Reply:
    """Build a 200 JSON answer."""
    return _Reply(200, {"Content-Type": "application/json"}, json.dumps(payload).encode(), note=note)


# --------------------------------------------------------------------------------------------------
# Hub double
# --------------------------------------------------------------------------------------------------


class HubDouble:
    """Serve repos built on disk as a Hugging Face Hub would, over real HTTP on 127.0.0.1.

    Use as a context manager or call `start()` / `stop()`. Set `HF_ENDPOINT` to `url` to use it.
    Bearer tokens in `authorized_tokens` may read private and gated repos; others get the Hub's
    401/403/404 answers. `requests` logs "METHOD path -> status [note]" for every request.
    """

    def __init__(self) -> None:
        self.url = ""
        self.requests: list[str] = []
        self.authorized_tokens: set[str] = set()
        self._repos: dict[str, _Repo] = {}
        self._failures: dict[str, _Failure] = {}
        self._delays: dict[str, float] = {}
        self._throttles: dict[tuple[str, str], float] = {}
        self._omitted: dict[str, set[str]] = {}
        self._html = False
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- configuration -------------------------------------------------------------------------

    def add_repo(
        self,
        repo_id: str,
        src_dir: Path,
        *,
        gated: bool = False,
        private: bool = False,
        revisions: dict[str, str] | None = None,
        downloads: int = 0,
        gate_metadata: bool = True,
    ) -> str:
        """Serve the files of `src_dir` (read now) as `repo_id`; return the commit `main` points to.

        `revisions` adds branch/tag names mapped to 40-hex commit ids; they serve the same files.
        `gate_metadata=False` leaves `/api/models/{id}` and the tree public for a gated repo, as the
        real Hub does; the default gates every route, as the reference mock did.
        """
        files = {name: path.read_bytes() for name, path in repo_files(src_dir).items()}
        blobs = {name: blob_info(name, data) for name, data in files.items()}
        commit = content_commit(list(blobs.values()))
        refs = {"main": commit, **_checked_refs(revisions or {})}
        parsed = _parse_json(files.get("config.json", b"{}"))
        config = parsed if isinstance(parsed, dict) else {}
        repo = _Repo(repo_id, files, blobs, commit, refs, gated, private, gate_metadata, downloads, config)
        with self._lock:
            self._repos[repo_id] = repo
        return commit

    def fail_repo(
        self,
        repo_id: str,
        status: int,
        *,
        error_code: str | None = None,
        error_message: str | None = None,
        times: int | None = None,
        retry_after: int | None = None,
        file: str | None = None,
    ) -> None:
        """Answer every request for `repo_id` with `status` (the first `times` only, if given; only the requests
        for `file` when given: a burst on one retried request, whatever else the client asks first).

        `retry_after` adds `Retry-After` (and for 429 a `RateLimit` header); the client then sleeps
        `retry_after + 1` s per retry, so keep it 0 in tests.
        """
        with self._lock:
            self._failures[repo_id] = _Failure(status, error_code, error_message, times, retry_after, file)

    def slow_repo(self, repo_id: str, delay_s: float) -> None:
        """Delay every answer for `repo_id` by `delay_s` (capped at MAX_DELAY_S, cut short by `stop`).

        A HEAD slower than HF_HUB_ETAG_TIMEOUT is re-sent by `hf_hub_download` with a fixed 60 s timeout
        and retries, so a delay above the client timeout makes a test wait for minutes.
        """
        with self._lock:
            self._delays[repo_id] = min(max(delay_s, 0.0), MAX_DELAY_S)

    def throttle_file(self, repo_id: str, filename: str, bytes_per_s: float) -> None:
        """Stream `filename` of `repo_id` at about `bytes_per_s` (for progress and timeout tests)."""
        with self._lock:
            self._throttles[(repo_id, filename)] = max(bytes_per_s, 1.0)

    def omit_headers(self, repo_id: str, *headers: str) -> None:
        """Leave `headers` (e.g. "X-Repo-Commit", "ETag") out of `/resolve` answers for `repo_id`."""
        with self._lock:
            self._omitted[repo_id] = {header.lower() for header in headers}

    def heal_repo(self, repo_id: str) -> None:
        """Undo `fail_repo`, `slow_repo`, `throttle_file` and `omit_headers` for `repo_id`."""
        with self._lock:
            self._failures.pop(repo_id, None)
            self._delays.pop(repo_id, None)
            self._omitted.pop(repo_id, None)
            for key in [key for key in self._throttles if key[0] == repo_id]:
                del self._throttles[key]

    def html_mode(self, on: bool) -> None:
        """Answer 200 text/html to every request, like a captive portal or a wrong HF_ENDPOINT."""
        self._html = on

    def clear_requests(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.requests.clear()

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> HubDouble:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="hub-double", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake delayed answers and close kept-alive connections."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _close_quietly(connection)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> HubDouble:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- request handling (called from handler threads) ----------------------------------------

    def _answer(self, raw_path: str, token: str | None, range_header: str | None) -> _Reply:
        """Compute the reply for one request; the core of the double, free of socket details."""
        if self._html:
            return _Reply(200, {"Content-Type": "text/html; charset=utf-8"}, _HTML, note="html")
        route, match = _route(urlsplit(raw_path).path)
        query = parse_qs(urlsplit(raw_path).query)
        if route is None or match is None:
            return _error(404, None, "Not found")
        if route == "harnesses":  # huggingface_hub fetches this once per process for its user agent
            return _json({"standardEnvVars": [], "harnesses": {}}, "agent-harnesses")
        if route == "search":
            return self._search(query, token)
        repo_id = match["repo"]
        self._sleep(self._delays.get(repo_id, 0.0))
        failure = self._take_failure(repo_id, unquote(match["path"]) if route == "resolve" else None)
        if failure is not None:
            return failure
        repo = self._repos.get(repo_id)
        if repo is None:
            return _repo_not_found(token)
        if route == "resolve":
            reply = self._resolve(repo, unquote(match["rev"]), unquote(match["path"]), token)
            return _apply_range(reply, range_header) if reply.status == 200 else reply
        denied = self._deny(repo, token, gate=repo.gate_metadata)
        if denied is not None:
            return denied
        if route == "tree":
            return self._tree(repo, unquote(match["rev"]), unquote(match["path"] or ""), query)
        revision = unquote(match["rev"]) if route == "revision_info" else "main"
        return self._model_info(repo, revision, query)

    def _take_failure(self, repo_id: str, file: str | None) -> _Reply | None:
        """Consume one injected failure for `repo_id` (and `file`, when the failure names one), if any is left."""
        with self._lock:
            failure = self._failures.get(repo_id)
            if failure is None or failure.remaining == 0 or failure.file not in (None, file):
                return None
            if failure.remaining is not None:
                failure.remaining -= 1
        headers: dict[str, str] = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = str(failure.retry_after)
            if failure.status == 429:
                headers["RateLimit"] = f'"api";r=0;t={failure.retry_after}'
                headers["RateLimit-Policy"] = '"fixed window";"api";q=500;w=300'
        message = failure.error_message or _default_message(failure.status)
        reply = _error(failure.status, failure.error_code, message, **headers)
        reply.note = failure.error_code or f"injected {failure.status}"
        return reply

    def _deny(self, repo: _Repo, token: str | None, *, gate: bool = True) -> _Reply | None:
        """Apply private/gated access rules like the Hub: 401 anonymous, 403/404 with a foreign token."""
        allowed = token is not None and token in self.authorized_tokens
        if repo.private and not allowed:
            return _repo_not_found(token)
        if repo.gated and gate and not allowed:
            if token is None:
                message = (
                    f"Access to model {repo.repo_id} is restricted. You must have access to it and be "
                    "authenticated to access it. Please log in."
                )
                return _error(401, "GatedRepo", message)
            message = (
                f"Access to model {repo.repo_id} is restricted and you are not in the authorized list. "
                f"Visit https://huggingface.co/{repo.repo_id} to ask for access."
            )
            return _error(403, "GatedRepo", message)
        return None

    def _model_info(self, repo: _Repo, revision: str, query: dict[str, list[str]]) -> _Reply:
        """`GET /api/models/{id}[/revision/{rev}]`: model info with `sha` and siblings."""
        commit = repo.commit_for(revision)
        if commit is None:
            return _error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        blobs = _flag(query, "blobs")
        return _json(_info_payload(repo, commit, full=True, blobs=blobs), "model_info")

    def _search(self, query: dict[str, list[str]], token: str | None) -> _Reply:
        """`GET /api/models?search=&author=&limit=&sort=`: matching model infos, case-insensitive."""
        needle = _first(query, "search", "").lower()
        author = _first(query, "author", "")
        with self._lock:
            repos = list(self._repos.values())
        found = [
            repo
            for repo in repos
            if needle in repo.repo_id.lower()
            and (not author or repo.repo_id.split("/")[0] == author)
            and (not repo.private or (token is not None and token in self.authorized_tokens))
        ]
        if _first(query, "sort", "") == "downloads":
            found.sort(key=lambda repo: repo.downloads, reverse=True)
        limit = _first(query, "limit", "")
        if limit.isdigit():
            found = found[: int(limit)]
        full = _flag(query, "full")
        return _json([_info_payload(repo, repo.commit, full=full, blobs=False) for repo in found], "search")

    def _tree(self, repo: _Repo, revision: str, path: str, query: dict[str, list[str]]) -> _Reply:
        """`GET /api/models/{id}/tree/{rev}[/{path}]`: files and folders under `path`."""
        commit = repo.commit_for(revision)
        if commit is None:
            return _error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        entries = _tree_entries(repo, path.strip("/"), recursive=_flag(query, "recursive"))
        if entries is None:
            return _error(404, "EntryNotFound", f'{path} does not exist on "{revision}"')
        return _json(entries, "tree")

    def _resolve(self, repo: _Repo, revision: str, path: str, token: str | None) -> _Reply:
        """`HEAD|GET /{id}/resolve/{rev}/{path}`: file metadata headers, and bytes for GET."""
        denied = self._deny(repo, token)
        if denied is not None:
            return denied
        commit = repo.commit_for(revision)
        if commit is None:
            return _error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        if path not in repo.files:
            return _error(404, "EntryNotFound", "Entry not found", **{"X-Repo-Commit": commit})
        blob = repo.blobs[path]
        headers = {
            "Content-Type": "application/octet-stream",
            "Accept-Ranges": "bytes",
            "X-Repo-Commit": commit,
            "ETag": f'"{blob.etag}"',
        }
        if blob.sha256 is not None:
            headers |= {"X-Linked-Etag": f'"{blob.sha256}"', "X-Linked-Size": str(blob.size)}
        omitted = self._omitted.get(repo.repo_id, set())
        headers = {name: value for name, value in headers.items() if name.lower() not in omitted}
        reply = _Reply(200, headers, repo.files[path], note=f"file {path}")
        reply.bytes_per_s = self._throttles.get((repo.repo_id, path))
        return reply

    def _sleep(self, seconds: float) -> None:
        """Wait `seconds`, returning early when the double stops."""
        if seconds > 0:
            self._stopping.wait(seconds)


# --------------------------------------------------------------------------------------------------
# Payload helpers
# --------------------------------------------------------------------------------------------------


def _info_payload(repo: _Repo, commit: str, *, full: bool, blobs: bool) -> dict[str, Any]:
    """Model info JSON as the Hub returns it (compact for search, with files when `full`)."""
    architectures = repo.config.get("architectures") or []
    model_type = repo.config.get("model_type")
    pipeline = next((tag for suffix, tag in _PIPELINES.items() for a in architectures if a.endswith(suffix)), None)
    payload: dict[str, Any] = {
        "_id": commit[:24],
        "id": repo.repo_id,
        "modelId": repo.repo_id,
        "author": repo.repo_id.split("/")[0] if "/" in repo.repo_id else None,
        "private": repo.private,
        "gated": "manual" if repo.gated else False,
        "disabled": False,
        "downloads": repo.downloads,
        "likes": 0,
        "tags": [tag for tag in ("transformers", "safetensors", model_type, pipeline) if tag],
        "pipeline_tag": pipeline,
        "library_name": "transformers",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "lastModified": "2026-01-01T00:00:00.000Z",
    }
    if full:
        payload |= {"sha": commit, "siblings": [_sibling(blob, blobs) for blob in repo.blobs.values()]}
        payload["config"] = {key: repo.config[key] for key in ("architectures", "model_type") if key in repo.config}
        payload["usedStorage"] = sum(blob.size for blob in repo.blobs.values())
        safetensors = _safetensors_summary(repo)
        if safetensors is not None:
            payload["safetensors"] = safetensors
    return payload


def _sibling(blob: BlobInfo, with_blobs: bool) -> dict[str, Any]:
    """One `siblings` entry; sizes and LFS info only when `blobs=true` was asked for."""
    sibling: dict[str, Any] = {"rfilename": blob.path}
    if with_blobs:
        sibling |= {"size": blob.size, "blobId": blob.git_sha1}
        if blob.sha256 is not None:
            sibling["lfs"] = {"sha256": blob.sha256, "size": blob.size, "pointerSize": blob.lfs_pointer_size}
    return sibling


def _tree_entries(repo: _Repo, path: str, *, recursive: bool) -> list[dict[str, Any]] | None:
    """List entries under `path` (None if it is not a folder of the repo)."""
    prefix = f"{path}/" if path else ""
    below = [name for name in repo.files if name.startswith(prefix)]
    if path and not below:
        return None
    folders: set[str] = set()
    files: list[str] = []
    for name in below:
        rest = name[len(prefix) :].split("/")
        for depth in range(1, len(rest)):
            if recursive or depth == 1:
                folders.add(prefix + "/".join(rest[:depth]))
        if recursive or len(rest) == 1:
            files.append(name)
    entries = [_folder_entry(folder) for folder in sorted(folders)]
    return entries + [_file_entry(repo.blobs[name]) for name in sorted(files)]


def _file_entry(blob: BlobInfo) -> dict[str, Any]:
    """A file entry of the tree API."""
    entry: dict[str, Any] = {"type": "file", "oid": blob.git_sha1, "size": blob.size, "path": blob.path}
    if blob.sha256 is not None:
        entry["lfs"] = {"oid": blob.sha256, "size": blob.size, "pointerSize": blob.lfs_pointer_size}
    return entry


def _folder_entry(path: str) -> dict[str, Any]:
    """A directory entry of the tree API (oid derived from the path, stable)."""
    oid = hashlib.sha1(f"tree {path}".encode(), usedforsecurity=False).hexdigest()
    return {"type": "directory", "oid": oid, "size": 0, "path": path}


def _safetensors_summary(repo: _Repo) -> dict[str, Any] | None:
    """Count parameters per dtype from the safetensors headers, as the Hub's `safetensors` field does."""
    per_dtype: dict[str, int] = {}
    for name, data in repo.files.items():
        if not name.endswith(".safetensors") or len(data) < 8:
            continue
        header = _safetensors_header(data)
        for key, tensor in header.items():
            if key != "__metadata__" and isinstance(tensor, dict):
                count = 1
                for dim in tensor.get("shape", []):
                    count *= int(dim)
                per_dtype[tensor["dtype"]] = per_dtype.get(tensor["dtype"], 0) + count
    return {"parameters": per_dtype, "total": sum(per_dtype.values())} if per_dtype else None


def _safetensors_header(data: bytes) -> dict[str, Any]:
    """Parse a safetensors header; an unreadable one (LFS pointer, truncated) counts as empty."""
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8:
        return {}
    parsed = _parse_json(data[8 : 8 + length])
    return parsed if isinstance(parsed, dict) else {}


def _apply_range(reply: _Reply, range_header: str | None) -> _Reply:
    """Honour `Range: bytes=a-b`, `bytes=a-` and `bytes=-n` with a 206 answer."""
    size = len(reply.body)
    span = _parse_range(range_header or "", size)
    if span is None:
        return reply
    start, end = span
    if start >= size or start > end:
        return _error(416, None, "Requested range not satisfiable", **{"Content-Range": f"bytes */{size}"})
    end = min(end, size - 1)
    reply.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    reply.status, reply.body = 206, reply.body[start : end + 1]
    return reply


def _parse_range(value: str, size: int) -> tuple[int, int] | None:
    """Parse a single-range `bytes=` header into inclusive (start, end); None when absent or malformed."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", value.strip())
    if match is None or not (match[1] or match[2]):
        return None
    if not match[1]:
        return max(size - int(match[2]), 0), size - 1
    return int(match[1]), int(match[2]) if match[2] else size - 1


def _route(path: str) -> tuple[str | None, re.Match[str] | None]:
    """Match a URL path against the served routes."""
    for name, pattern in _ROUTES:
        match = pattern.match(path)
        if match is not None:
            return name, match
    return None, None


def _checked_refs(revisions: dict[str, str]) -> dict[str, str]:
    """Validate extra refs: names map to 40-hex commit ids."""
    for name, commit in revisions.items():
        if not _COMMIT_RE.match(commit):
            raise ValueError(f"revision {name!r} must map to a 40-hex commit id, got {commit!r}")
    return dict(revisions)


def _default_message(status: int) -> str:
    """The text the Hub sends with a bare error status."""
    messages = {
        401: "Invalid credentials in Authorization header",
        403: "Forbidden",
        404: "Not found",
        429: "429 Too Many Requests: you have reached your 'api' rate limit.",
        500: "Internal Error - We're working hard to fix this as soon as possible!",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }
    return messages.get(status, "Error")


def _parse_json(data: bytes) -> Any:
    """Parse JSON bytes, returning an empty dict for anything unreadable."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return {}


def _first(query: dict[str, list[str]], key: str, default: str) -> str:
    """First value of a query parameter."""
    return query.get(key, [default])[0]


def _flag(query: dict[str, list[str]], key: str) -> bool:
    """Truthy query flag (`?recursive=true`, `?blobs=1`)."""
    return _first(query, key, "false").lower() in {"1", "true", "yes"}


def _close_quietly(connection: socket.socket) -> None:
    """Shut a socket down, ignoring one that is already closed."""
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)


# --------------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------------


def _handler_class(hub: HubDouble) -> type[BaseHTTPRequestHandler]:
    """Build the request handler bound to `hub` (one class per double, no globals)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "HubDouble/1.0"
        timeout = 30

        def setup(self) -> None:
            super().setup()
            with hub._lock:
                hub._connections.add(self.connection)

        def finish(self) -> None:
            with hub._lock:
                hub._connections.discard(self.connection)
            super().finish()

        def do_GET(self) -> None:
            self._handle("GET")

        def do_HEAD(self) -> None:
            self._handle("HEAD")

        def do_POST(self) -> None:
            self._handle("POST")

        def log_message(self, format: str, *args: Any) -> None:
            """Silence the default stderr access log (it would also be noisy under pytest)."""

        def _handle(self, method: str) -> None:
            self._drain_body()
            reply = self._compute()
            with hub._lock:
                hub.requests.append(f"{method} {self.path} -> {reply.status}{' ' + reply.note if reply.note else ''}")
            self._write(method, reply)

        def _compute(self) -> _Reply:
            authorization = self.headers.get("Authorization", "")
            token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
            try:
                return hub._answer(self.path, token or None, self.headers.get("Range"))
            except Exception as error:  # a bug in the double must surface as a 500
                return _error(500, None, f"hub double crashed: {type(error).__name__}: {error}")

        def _drain_body(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)

        def _write(self, method: str, reply: _Reply) -> None:
            headers = {
                "X-Request-Id": f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]}",
                **reply.headers,
            }
            headers.setdefault("Content-Type", "application/octet-stream")
            try:
                self.send_response(reply.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if method != "HEAD":
                    self._write_body(reply)
            except OSError:  # the client went away, or `stop` shut the socket
                self.close_connection = True

        def _write_body(self, reply: _Reply) -> None:
            if reply.bytes_per_s is None:
                self.wfile.write(reply.body)
                return
            chunk = max(1, int(reply.bytes_per_s / 10))
            for start in range(0, len(reply.body), chunk):
                if hub._stopping.is_set():
                    self.close_connection = True
                    return
                self.wfile.write(reply.body[start : start + chunk])
                self.wfile.flush()
                hub._sleep(chunk / reply.bytes_per_s)

    return Handler
