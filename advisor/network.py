"""Network bounds for one load: is the Hub reachable, how long may it take, and offline for the rest of the load.

huggingface_hub makes every request through one shared ``httpx`` client built by a factory that it lets users
replace (``huggingface_hub.set_client_factory``, its documented seam for proxies and certificates). The advisor
installs a factory that builds the client exactly as before (the previous factory) and adds two ``httpx`` event
hooks. Outside a load the hooks do nothing. Inside a load (``load_scope``, per thread) they:

* **detect an unreachable Hub once**: a request that never got an answer (connection refused, DNS, TLS, proxy,
  a server that accepts and never answers) followed by another request from the same thread means the first one
  failed at the transport level. From then on every Hub request of this load fails at once with ``HubUnreachable``
  (an ``OfflineModeIsEnabled``, what huggingface_hub raises per request in offline mode, so it and transformers
  fall back to the cache exactly as offline) instead of huggingface_hub's 1-2-4-8-8 s retries;
* **bound every wait by the time budget** (``Policy.max_seconds``): each request's connect/read/write timeouts are
  capped to the time left, and a 429/5xx answer's ``Retry-After`` (which huggingface_hub sleeps for, plus 1 s) is
  rewritten to fit in the time left; with under a second left the request fails with ``HubTimeLimit``;
* **count** the load's requests and the advisor's own (Hub search) separately; the advisor's own lookups never
  wait for a retry (one try, a short timeout).

Nothing of huggingface_hub is patched: the hooks are httpx's public event hooks on the client the factory builds.
Threads started by huggingface_hub itself (parallel downloads) carry no scope, so their requests are not bounded.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# What huggingface_hub's own request hook raises for each request in offline mode (HF_HUB_OFFLINE=1): every caller
# in huggingface_hub and transformers already handles it (falls back to the cache, treats optional files as absent),
# so a request the advisor stops behaves exactly as in offline mode.
from huggingface_hub.errors import OfflineModeIsEnabled as _Base

from advisor.errors import exception_chain

#: Statuses huggingface_hub retries (its _DEFAULT_RETRY_ON_STATUS_CODES).
RETRIED_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Timeout of the advisor's own Hub requests (search) and of ``probe``.
OWN_TIMEOUT_S = 5.0
PROBE_TIMEOUT_S = 2.0
#: Below this many seconds left, a Hub request is not started at all.
MIN_REQUEST_S = 0.5
#: huggingface_hub retries a failing request 5 times (1+2+4+8+8 s of sleep, or Retry-After + 1 s each). Inside a
#: load the advisor lets it retry this many times in a row; a Hub still failing then counts as unreachable for the
#: rest of the load (a transient error that clears on the first or second retry is still ridden out), so a cached
#: model loads at once. When nothing cached can serve, the loop resumes the Hub (:func:`resume_after_cut`).
MAX_HUB_RETRIES = 2
#: huggingface_hub's own schedule (http_backoff: 5 retries, 1 s doubling up to 8 s).
HUB_RETRIES = 5
HUB_BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 8.0)


class HubUnreachable(_Base):
    """The Hub did not answer earlier in this load; no further request is made (the cache still answers)."""


class HubTimeLimit(_Base):
    """The load's time budget (``Policy.max_seconds``) ran out while waiting for the Hub."""


class HubCancelled(HubTimeLimit):
    """The load was cancelled (a UI's cancel event) while it was talking to the Hub."""


@dataclass
class NetState:
    """One load's view of the network (one thread)."""

    deadline: float | None = None  # time.monotonic() value, None = no budget
    cancel: threading.Event | None = None  # set by a UI: no further Hub request is made
    unreachable: str = ""  # why the Hub counts as unreachable for the rest of the load ("" = reachable)
    load_requests: int = 0  # requests huggingface_hub made for the load (retries included)
    own_requests: int = 0  # the advisor's own requests (Hub search)
    own: int = 0  # > 0 while an advisor lookup runs
    budget_hits: int = 0  # requests cut or waits shortened by the budget
    retries_in_row: int = 0  # huggingface_hub's retries since the last good answer (hubwatch counts them)
    row_sleeps: list[float] = field(default_factory=list)  # the sleeps it announced for those retries
    row_started: float | None = None  # time.monotonic() of the first retriable answer of the row
    cut_after: int = MAX_HUB_RETRIES  # retries in a row allowed before the Hub counts as unreachable
    cut_short: bool = False  # the advisor, not the Hub's silence, ended huggingface_hub's retries
    resumed: bool = False  # the loop went back to the Hub after such a cut (once per load)
    last_status: int | None = None  # the last retriable status the Hub answered
    noted: bool = False  # the loop has announced the offline switch
    _pending: str = ""  # the last request sent that has no answer yet
    _retried: dict[str, int] = field(default_factory=dict)  # retriable answers per request

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    @property
    def offline(self) -> bool:
        return bool(self.unreachable)

    def mark_unreachable(self, why: str) -> bool:
        """Record the first reason; True when this call switched the load offline."""
        if self.unreachable:
            return False
        self.unreachable = why
        return True

    def summary(self) -> str:
        """One line for the report: the advisor's own requests, the offline switch (or "")."""
        parts = []
        if self.own_requests:
            parts.append(f"the advisor made {self.own_requests} Hub request(s) of its own (search), counted apart "
                         f"from the load's {self.load_requests}")
        if self.unreachable and not self.noted:  # the loop announces the switch itself when it makes it
            parts.append(f"the Hub was unreachable ({self.unreachable}): the rest of the load ran offline "
                         "(local_files_only=True, no Hub search)")
        return "; ".join(parts)


_local = threading.local()


def current() -> NetState | None:
    """The network state of the load running in this thread, or None outside a load."""
    return getattr(_local, "state", None)


def offline_now() -> bool:
    """True when the load running in this thread has found the Hub unreachable (never search then)."""
    state = current()
    return state is not None and state.offline


@contextmanager
def load_scope(deadline: float | None = None, cancel: threading.Event | None = None) -> Iterator[NetState]:
    """Bound and watch this thread's Hub requests for one load (``deadline``: a ``time.monotonic()`` value;
    ``cancel``: once set, every further Hub request of the load fails at once with ``HubCancelled``)."""
    install()
    previous = current()
    state = NetState(deadline=deadline, cancel=cancel)
    _local.state = state
    try:
        yield state
    finally:
        _local.state = previous


@contextmanager
def advisor_lookup() -> Iterator[NetState | None]:
    """Mark the block's Hub requests as the advisor's own (counted apart, one try, short timeout)."""
    state = current()
    if state is not None:
        state.own += 1
    try:
        yield state
    finally:
        if state is not None:
            state.own -= 1


# ---- the loop's helpers ---------------------------------------------------------------------------


def resume_plan(state: NetState) -> tuple[int, float]:
    """After the advisor cut huggingface_hub's retries: (tries of the failing request to allow, seconds to wait
    first) so that the load does what plain from_pretrained still would have done.

    Plainly the request is tried 1 + 5 times; ``state.retries_in_row`` of those were made (the last announced retry
    was cut before it was sent). The rest are allowed, ending when huggingface_hub's last sleep would have ended:
    a burst it rides out is ridden out here too, and a Hub that stays down fails no later than it does plainly.
    """
    made, slept = state.retries_in_row, list(state.row_sleeps)
    standard = slept == list(HUB_BACKOFF_S[:len(slept)])
    schedule = list(HUB_BACKOFF_S) if standard else [slept[-1] if slept else 1.0] * HUB_RETRIES  # Retry-After
    plain_total = sum(schedule)
    # the time since the row's first failure: its sleeps, and the cache attempt and diagnosis that followed
    elapsed = time.monotonic() - state.row_started if state.row_started is not None else sum(slept)
    allowed = max(HUB_RETRIES + 1 - made, 1)
    while allowed > 1 and elapsed + sum(schedule[:allowed]) > plain_total:
        allowed -= 1
    return allowed, max(plain_total - elapsed - sum(schedule[:allowed]), 0.0)


def resume_after_cut(state: NetState, allowed: int) -> None:
    """Go back to the Hub (once per load) allowing ``allowed`` tries in a row (from :func:`resume_plan`, whose
    wait the caller has waited)."""
    state.unreachable, state.cut_short, state.noted, state.resumed = "", False, False, True
    state.cut_after, state.retries_in_row, state._pending, state.row_started = allowed, 0, "", None
    state.row_sleeps.clear()


_TRANSPORT_ERRORS = ("ConnectError", "ConnectTimeout", "ReadTimeout", "WriteTimeout", "PoolTimeout", "ProxyError",
                     "ConnectionRefusedError", "gaierror", "SSLError", "SSLCertVerificationError",
                     "HubUnreachable", "RemoteProtocolError")


def unreachable_in(exc: BaseException | None) -> str:
    """Why ``exc`` (or its chain) shows the Hub out of reach (a transport error: refused, DNS, TLS, proxy,
    timeout), or "" when it does not."""
    for item in exception_chain(exc):
        if isinstance(item, HubTimeLimit):
            return ""
        name = type(item).__name__
        if name in _TRANSPORT_ERRORS or isinstance(item, ConnectionRefusedError | socket.gaierror | ssl.SSLError):
            return f"{name}: {str(item).splitlines()[0][:120] if str(item) else 'no answer'}"
    return ""


def failing_status_in(exc: BaseException | None) -> str:
    """"the Hub answered 503 ..." when the chain holds an HTTP error with a status huggingface_hub retries."""
    for item in exception_chain(exc):
        status = getattr(getattr(item, "response", None), "status_code", None)
        if isinstance(status, int) and status in RETRIED_STATUSES:
            return f"the Hub answered {status} through huggingface_hub's retries"
    return ""


def time_limit_in(exc: BaseException | None) -> bool:
    """True when ``exc`` (or its chain) is the budget running out while waiting for the Hub."""
    return any(isinstance(item, HubTimeLimit) for item in exception_chain(exc))


def bounded_wait(seconds: float, deadline: float | None, cancel: threading.Event | None = None) -> float:
    """Sleep ``seconds`` but never past ``deadline`` (``time.monotonic()``), waking early on ``cancel``.

    Returns the seconds actually waited. Use it for a back-off after a remedy is approved:
    ``waited = network.bounded_wait(wait, deadline, cancel)``; when ``deadline`` has passed it returns 0 at once.
    """
    wait = max(0.0, float(seconds))
    if deadline is not None:
        wait = min(wait, max(0.0, deadline - time.monotonic()))
    if wait <= 0:
        return 0.0
    start = time.monotonic()
    if cancel is not None:
        cancel.wait(wait)
    else:
        time.sleep(wait)
    return time.monotonic() - start


# ---- the hooks -------------------------------------------------------------------------------------


def _key(request: Any) -> str:
    return f"{request.method} {request.url}"


def _on_request(request: Any) -> None:
    state = current()
    if state is None:
        return
    own = state.own > 0
    if own:
        state.own_requests += 1
    else:
        state.load_requests += 1
    key = _key(request)
    if state.cancel is not None and state.cancel.is_set():
        raise HubCancelled(f"{request.method} {request.url}: the load was cancelled")
    if state._pending and not state.unreachable:
        # The previous request of this thread got no answer at all: refused, DNS, TLS, proxy or silence.
        state.mark_unreachable(f"no answer from {urlsplit(str(request.url)).netloc}")
    if not own and state.retries_in_row >= state.cut_after and not state.unreachable:
        answered = f"HTTP {state.last_status}" if state.last_status else "errors"
        state.cut_short = state.mark_unreachable(f"{answered} through {state.retries_in_row} retries in a row")
    if state.unreachable:
        state._pending = ""
        raise HubUnreachable(f"{request.method} {request.url}: the Hub was unreachable earlier in this load "
                             f"({state.unreachable}); using the local cache only")
    left = state.remaining()
    if left is not None and left < MIN_REQUEST_S:
        state.budget_hits += 1
        raise HubTimeLimit(f"{request.method} {request.url}: the time limit is reached (max_seconds)")
    # Some calls carry no timeout at all (model_info from transformers' resolve_revision waits forever on a server
    # that never answers): inside a load they get huggingface_hub's own HF_HUB_ETAG_TIMEOUT.
    caps = [x for x in (left, OWN_TIMEOUT_S if own else None) if x is not None]
    timeouts = dict(request.extensions.get("timeout") or {})
    for part in ("connect", "read", "write", "pool"):
        value = timeouts.get(part)
        if value is None:
            value = _default_timeout()
        timeouts[part] = min([float(value), *caps])
    request.extensions = {**request.extensions, "timeout": timeouts}
    state._pending = key


def _default_timeout() -> float:
    from huggingface_hub import constants

    return float(getattr(constants, "HF_HUB_ETAG_TIMEOUT", 10) or 10)


def _on_response(response: Any) -> None:
    state = current()
    if state is None:
        return
    state._pending = ""
    status = response.status_code
    if status not in RETRIED_STATUSES:
        state.retries_in_row, state.row_started = 0, None
        state.row_sleeps.clear()
        return
    if state.row_started is None:
        state.row_started = time.monotonic()
    state.last_status = status
    key = _key(response.request)
    tries = state._retried[key] = state._retried.get(key, 0) + 1
    if state.own > 0:  # the advisor's own lookups never wait for a retry
        raise HubUnreachable(f"{key}: the Hub answered {status}; the advisor does not retry its own lookups")
    left = state.remaining()
    if left is None:
        return
    # huggingface_hub sleeps Retry-After + 1 s (or its RateLimit reset + 1 s), else 1, 2, 4, 8, 8 s.
    wait = _announced_wait(response.headers)
    if wait is None:
        wait = float(min(8, 2 ** (tries - 1)))
    if wait + 1 <= left - MIN_REQUEST_S:
        return
    state.budget_hits += 1
    fits = int(left - 1 - MIN_REQUEST_S)
    if fits < 0:
        raise HubTimeLimit(f"{key}: answered {status}; waiting would pass the time limit (max_seconds)")
    for name in ("RateLimit", "RateLimit-Policy"):
        if name in response.headers:
            del response.headers[name]
    response.headers["Retry-After"] = str(fits)


def _announced_wait(headers: Any) -> float | None:
    raw = headers.get("Retry-After")
    if raw is not None and str(raw).strip().isdigit():
        return float(str(raw).strip())
    limit = headers.get("RateLimit")
    if limit:
        for part in str(limit).split(";"):
            name, _, value = part.strip().partition("=")
            if name == "t" and value.strip().isdigit():
                return float(value.strip())
    return None


# ---- installing the hooks --------------------------------------------------------------------------

_install_lock = threading.Lock()
_factory: Callable[[], Any] | None = None


def install() -> bool:
    """Make huggingface_hub's client factory add the hooks (once; again if someone replaced the factory).

    Returns False when this huggingface_hub has no ``set_client_factory`` (0.x, requests-based): loads are then
    bounded between attempts only.
    """
    global _factory
    try:
        from huggingface_hub.utils import _http
    except ImportError:  # pragma: no cover
        return False
    setter = getattr(_http, "set_client_factory", None)
    if setter is None:
        return False
    with _install_lock:
        active = getattr(_http, "_GLOBAL_CLIENT_FACTORY", None)
        if _factory is not None and active is _factory:
            return True
        previous = active or _http.default_client_factory

        def factory() -> Any:
            client = previous()
            hooks = client.event_hooks
            if _on_request not in hooks["request"]:
                hooks["request"] = [*hooks["request"], _on_request]
            if _on_response not in hooks["response"]:
                hooks["response"] = [*hooks["response"], _on_response]
            client.event_hooks = hooks
            return client

        setter(factory)
        _factory = factory
    return True


# ---- doctor's check ---------------------------------------------------------------------------------


@dataclass
class Reachability:
    """What one bounded request to the endpoint showed."""

    ok: bool
    endpoint: str
    detail: str
    proxy: str | None = None
    seconds: float = 0.0


def probe(endpoint: str | None = None, timeout: float = PROBE_TIMEOUT_S) -> Reachability:
    """One HEAD request to the Hub endpoint through huggingface_hub's own client (its proxy and certificate
    settings), bounded by ``timeout`` seconds overall; nothing is retried."""
    import os

    from huggingface_hub import constants

    url = (endpoint or constants.ENDPOINT).rstrip("/")
    scheme = urlsplit(url).scheme
    proxy = (os.environ.get(f"{scheme.upper()}_PROXY") or os.environ.get(f"{scheme}_proxy")
             or os.environ.get("ALL_PROXY") or os.environ.get("all_proxy"))
    start = time.monotonic()
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            from huggingface_hub.utils import get_session

            response = get_session().head(f"{url}/api/models", timeout=timeout, follow_redirects=True)
            result["status"] = response.status_code
        except Exception as err:  # reported, never raised
            result["error"] = err

    worker = threading.Thread(target=run, name="advisor-probe", daemon=True)
    worker.start()
    worker.join(timeout + 0.5)  # a resolver stuck in getaddrinfo ignores socket timeouts
    seconds = time.monotonic() - start
    if "status" in result:
        status = result["status"]
        ok = status < 500
        return Reachability(ok, url, f"HTTP {status} in {seconds:.2f} s", proxy, seconds)
    err = result.get("error")
    if err is None:
        return Reachability(False, url, f"no answer within {timeout:.0f} s", proxy, seconds)
    text = str(err).splitlines()[0][:160] if str(err) else ""
    kind = type(err).__name__
    chain = unreachable_in(err) or kind
    if "CERTIFICATE" in text.upper() or "SSL" in chain.upper():
        what = "TLS certificate problem"
    elif "Proxy" in kind:
        what = "proxy error"
    elif "Timeout" in kind:
        what = f"no answer within {timeout:.0f} s"
    else:
        what = "cannot connect"
    return Reachability(False, url, f"{what} ({kind}: {text})", proxy, seconds)
