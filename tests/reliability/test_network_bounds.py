"""Bad networks, through the real huggingface_hub client: a refused port, a socket that accepts and never answers,
a Hub double answering 429 with ``Retry-After: 3600``.

* An unreachable Hub is detected once per load; every later attempt runs with ``local_files_only=True`` and the
  advisor never searches the Hub (the typo ``acme/tiny-gtp2`` is repaired from the cache).
* ``Policy.max_seconds`` bounds the whole call, Hub waits included (``LoadFailed`` "time limit reached").
* The advisor's own Hub requests are counted apart from huggingface_hub's.

Plain ``from_pretrained`` takes ~23 s to fail against the refused port and never returns against the silent
socket (transformers' model_info call has no timeout); the assertions below are far under those figures.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import huggingface_hub
import pytest
from support.hf_cache import DEAD_ENDPOINT, configure_hub, install_in_cache, reset_hub_clients
from support.hub_double import HubDouble

from advisor import LoadFailed, Policy, network, safe_load
from advisor import events as ev

pytestmark = pytest.mark.skipif(
    int(huggingface_hub.__version__.split(".")[0]) < 1,
    reason="the bounds use huggingface_hub >= 1's client factory (httpx event hooks)",
)


class Blackhole:
    """A TCP socket on 127.0.0.1 that accepts connections and never answers."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.server.close()
        for conn in self.accepted:
            conn.close()


@contextmanager
def online(hf_home: Path, endpoint: str, etag_timeout: int | None = None) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        configure_hub(mp, hf_home=hf_home, offline=False, endpoint=endpoint, etag_timeout=etag_timeout)
        try:
            yield
        finally:
            reset_hub_clients()


@contextmanager
def blackhole() -> Iterator[Blackhole]:
    hole = Blackhole()
    try:
        yield hole
    finally:
        hole.close()


def _notes(events: list[ev.Event]) -> list[str]:
    return [e.message for e in events if isinstance(e, ev.Note)]


def test_a_refused_hub_switches_the_load_offline_and_repairs_the_typo_from_the_cache(cached_tiny: Path) -> None:
    events: list[ev.Event] = []
    with online(cached_tiny, DEAD_ENDPOINT):
        start = time.monotonic()
        asked: list[object] = []
        report = safe_load("acme/tiny-gtp2", policy=Policy(remember=False, consent=lambda r: asked.append(r) or True),
                           on_event=events.append).report
        elapsed = time.monotonic() - start
    assert report.succeeded and report.final_model_id == "acme/tiny-gpt2"
    assert len(asked) == 1  # an unreachable Hub proves no typo: the near cached id is asked about
    assert elapsed < 12, elapsed  # plain from_pretrained needs ~23 s just to fail (huggingface_hub's retries)
    notes = _notes(events)
    assert any("Hub is unreachable" in n and "offline" in n for n in notes), notes
    assert any("Hub is unreachable" in n for n in report.notes)
    assert not any("of its own" in n for n in report.notes), report.notes  # never searched the Hub


def test_a_refused_hub_proves_no_typo_so_without_consent_the_near_cached_id_is_only_named(cached_tiny: Path) -> None:
    with online(cached_tiny, DEAD_ENDPOINT), pytest.raises(LoadFailed) as info:
        safe_load("acme/tiny-gtp2", policy=Policy(remember=False))
    report = info.value.report
    assert [a.model_id for a in report.attempts] == ["acme/tiny-gtp2"]
    assert any("If you meant acme/tiny-gpt2" in step for step in report.next_steps), report.next_steps


def test_a_hub_that_never_answers_is_detected_once_and_never_searched(cached_tiny: Path) -> None:
    with blackhole() as hole, online(cached_tiny, hole.url, etag_timeout=2):
        start = time.monotonic()
        report = safe_load("acme/tiny-gtp2", policy=Policy(remember=False, consent=lambda request: True)).report
        elapsed = time.monotonic() - start
        connections = len(hole.accepted)
    assert report.succeeded and report.final_model_id == "acme/tiny-gpt2"
    assert elapsed < 12, elapsed  # one 2 s timeout, then offline
    assert connections <= 2, connections  # the first request (and its pool's retry); no search, no second attempt
    assert any("Hub is unreachable" in n for n in report.notes), report.notes


def test_max_seconds_bounds_a_load_against_a_server_that_never_answers(cached_tiny: Path) -> None:
    events: list[ev.Event] = []
    with blackhole() as hole, online(cached_tiny, hole.url):  # huggingface_hub's default 10 s timeouts
        start = time.monotonic()
        with pytest.raises(LoadFailed) as caught:
            safe_load("acme/tiny-gtp2", policy=Policy(remember=False, max_seconds=3), on_event=events.append)
        elapsed = time.monotonic() - start
    assert elapsed < 3 + 1.5, elapsed
    report = caught.value.report
    assert not report.succeeded and report.attempts and report.next_steps
    assert [e.reason for e in events if isinstance(e, ev.GaveUp)] == ["time limit reached"]
    assert any("max_seconds" in step for step in report.next_steps), report.next_steps


def test_retry_after_3600_is_cut_to_the_time_budget(hub: HubDouble) -> None:
    hub.fail_repo("org/tiny", 429, retry_after=3600)  # huggingface_hub would wait 3601 s per retry
    events: list[ev.Event] = []
    start = time.monotonic()
    with pytest.raises(LoadFailed):
        safe_load("org/tiny", tokenizer=False, policy=Policy(remember=False, max_seconds=4), on_event=events.append)
    elapsed = time.monotonic() - start
    assert elapsed < 4 + 1.5, elapsed
    assert [e.reason for e in events if isinstance(e, ev.GaveUp)] == ["time limit reached"]


def test_a_hub_failing_for_good_is_given_up_after_two_retries_and_the_rest_runs_offline(
        hub: HubDouble, hf_home: Path, _tiny_gpt2_dir: Path) -> None:
    install_in_cache(hf_home, "acme/tiny-gpt2", _tiny_gpt2_dir)
    hub.fail_repo("acme/tiny-gtp2", 503)  # huggingface_hub alone: 5 retries, 23 s, then the error
    start = time.monotonic()
    report = safe_load("acme/tiny-gtp2", policy=Policy(remember=False, consent=lambda request: True)).report
    elapsed = time.monotonic() - start
    assert report.succeeded and report.final_model_id == "acme/tiny-gpt2"
    assert elapsed < 15, elapsed  # 1 + 2 s of huggingface_hub's back-off, then offline
    assert any("HTTP 503 through 2 retries" in n for n in report.notes), report.notes
    assert not [r for r in hub.requests if "acme/tiny-gpt2" in r], hub.requests  # the repair ran offline


def test_a_cached_model_and_tokenizer_behind_a_hub_failing_for_good_load_in_seconds(
        hub: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    hub.fail_repo("org/tiny", 503)  # before the retry cap: 138 s of huggingface_hub retries for optional files
    start = time.monotonic()
    result = safe_load("org/tiny", policy=Policy(remember=False))
    elapsed = time.monotonic() - start
    assert result.report.succeeded and result.tokenizer is not None and len(result.report.attempts) == 1, \
        result.report.model_dump_json(include={"health", "attempts", "notes"})
    assert elapsed < 15, elapsed


def test_the_advisors_own_search_is_counted_apart_from_the_loads_requests(hub: HubDouble) -> None:
    report = safe_load("org/tinny", tokenizer=False, policy=Policy(remember=False, consent=lambda request: True)).report
    assert report.succeeded and report.final_model_id == "org/tiny"
    searches = [r for r in hub.requests if r.startswith("GET /api/models?")]
    assert searches  # the candidate came from the Hub search
    own = [n for n in report.notes if "of its own" in n]
    assert own and f"{len(searches)} Hub request(s) of its own" in own[0], (report.notes, hub.requests)


def test_bounded_wait_never_passes_the_deadline_and_wakes_on_cancel() -> None:
    start = time.monotonic()
    assert network.bounded_wait(30, deadline=start - 1) == 0.0
    assert network.bounded_wait(30, deadline=time.monotonic() + 0.2) < 0.5
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    assert network.bounded_wait(30, deadline=None, cancel=cancel) < 0.5
    assert time.monotonic() - start < 1.5


def test_doctor_reports_an_unreachable_endpoint_within_its_timeout(hf_home: Path) -> None:
    with blackhole() as hole, online(hf_home, hole.url):
        start = time.monotonic()
        silent = network.probe(hole.url, timeout=1)
        took = time.monotonic() - start
        refused = network.probe(DEAD_ENDPOINT, timeout=1)
        with HubDouble() as double:
            answered = network.probe(double.url, timeout=2)
    assert not silent.ok and "no answer" in silent.detail and took < 2.5, (silent, took)
    assert not refused.ok and "cannot connect" in refused.detail, refused
    assert answered.ok, answered


def test_going_back_to_the_hub_after_a_cut_gives_back_what_plain_huggingface_hub_had_left() -> None:
    """Cut after 2 announced retries (1 + 2 s) with nothing cached: huggingface_hub alone would have slept
    4 + 8 + 8 s more. The resumed request gets 4 more tries in a row and a wait first, so that its last sleep
    ends when plain's would have (23 s after the first failure), never later; under Retry-After each retry
    waits the same, so only the tries that fit before plain's end are given."""
    from advisor.network import NetState, resume_after_cut, resume_plan

    now = time.monotonic()
    state = NetState(retries_in_row=2, row_sleeps=[1.0, 2.0], row_started=now - 3.5, cut_short=True,
                     unreachable="HTTP 503 through 2 retries in a row")
    allowed, wait = resume_plan(state)
    assert allowed == 4 and wait == pytest.approx(23 - 3.5 - (1 + 2 + 4 + 8), abs=0.05)
    resume_after_cut(state, allowed)
    assert not state.offline and state.cut_after == 4 and state.retries_in_row == 0 and state.resumed

    slow = NetState(retries_in_row=2, row_sleeps=[1.0, 2.0], row_started=now - 9.0)  # a slow cache attempt
    assert resume_plan(slow) == (3, pytest.approx(23 - 9.0 - 7, abs=0.05))
    limited = NetState(retries_in_row=2, row_sleeps=[3.0, 3.0], row_started=now - 6.2)  # Retry-After: 2
    assert resume_plan(limited) == (2, pytest.approx(15 - 6.2 - 6, abs=0.05))
