"""Transient Hub errors through the Hub double and the real huggingface_hub client.

huggingface_hub retries a failing HEAD/API call itself (5 times, 1-2-4-8-8 s, Retry-After honoured) and logs
each retry; the advisor counts those retries (failure.hub_retries) and never repeats them. It adds one bounded
retry where huggingface_hub has none (a GET that answers 5xx), and serves the cached snapshot with a note when
the Hub stays down. Tests keep the Hub's own retries to one (1 s) so that each stays well under 20 s.
"""

from __future__ import annotations

from pathlib import Path

import huggingface_hub
import pytest
from support.hf_cache import install_in_cache
from support.hub_double import HubDouble, _error, _Reply, _Repo

from advisor import LoadFailed, safe_load
from advisor.context import Context
from advisor.engine import RuleSet
from advisor.failure import Failure

from .hubserve import serve

pytestmark = pytest.mark.skipif(
    int(huggingface_hub.__version__.split(".")[0]) < 1,
    reason="pins huggingface_hub >= 1 behaviour: which requests it retries, and the log lines it retries with",
)

#: Requests from_pretrained makes for an uncached org/tiny before the failing HEAD is retried with backoff:
#: 3 model-info GETs (transformers probes, no retry) and the first, no-retry HEAD of config.json.
FAILS_BEFORE_HUB_BACKOFF = 4


class FailingGetHub(HubDouble):
    """The Hub double, except that the first GET of one file answers ``status`` (its HEAD still succeeds).

    huggingface_hub does not retry a GET that answers 5xx (only 408/429), which is where the advisor's own
    bounded retry is needed.
    """

    def __init__(self, path: str, status: int = 503, retry_after: int | None = None, times: int = 1) -> None:
        super().__init__()
        self.path, self.status, self.retry_after, self.left = path, status, retry_after, times
        self._seen = 0

    def _resolve(self, repo: _Repo, revision: str, path: str, token: str | None) -> _Reply:
        if path == self.path:
            self._seen += 1
            if self._seen % 2 == 0 and self.left > 0:  # HEAD, then GET: fail the GET
                self.left -= 1
                headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
                return _error(self.status, None, "Service Unavailable", **headers)
        return super()._resolve(repo, revision, path, token)


def _injected(hub: HubDouble) -> int:
    return sum("injected" in r for r in hub.requests)


def test_a_503_that_huggingface_hub_retried_is_not_retried_again(hub: HubDouble) -> None:
    hub.fail_repo("org/tiny", 503, times=FAILS_BEFORE_HUB_BACKOFF + 1)  # the hub's first backoff retry fails too
    result = safe_load("org/tiny", tokenizer=False)
    report = result.report
    assert report.succeeded and len(report.attempts) == 1  # the advisor added no attempt of its own
    assert _injected(hub) == FAILS_BEFORE_HUB_BACKOFF + 1
    assert any("huggingface_hub retried 1 Hub request(s) (HTTP 503)" in n for n in report.notes), report.notes


def test_a_429_with_retry_after_is_left_to_huggingface_hub(hub: HubDouble) -> None:
    hub.fail_repo("org/tiny", 429, times=FAILS_BEFORE_HUB_BACKOFF + 1, retry_after=0)
    report = safe_load("org/tiny", tokenizer=False).report
    assert report.succeeded and len(report.attempts) == 1
    assert any("retried 1 Hub request(s) (HTTP 429)" in n for n in report.notes), report.notes


def test_a_get_that_answers_503_is_retried_once_by_the_advisor(hf_home: Path, tiny_llama_dir: Path) -> None:
    with serve(FailingGetHub("model.safetensors"), hf_home, tiny_llama_dir) as double:
        report = safe_load("org/tiny", tokenizer=False).report
    assert report.succeeded and len(report.attempts) == 2
    first = report.attempts[0]
    assert first.category == "offline_or_network" and first.remedy is not None
    assert first.remedy.fix == "retry_download" and first.remedy.applied
    assert [r for r in double.requests if r.endswith("-> 503")] == [
        r for r in double.requests if r.startswith("GET /org/tiny/resolve/") and "model.safetensors" in r][:1]


def test_retry_after_on_a_failing_get_is_honoured_within_bounds(hf_home: Path, tiny_llama_dir: Path) -> None:
    with serve(FailingGetHub("model.safetensors", retry_after=3), hf_home, tiny_llama_dir):
        report = safe_load("org/tiny", tokenizer=False).report
    remedy = report.attempts[0].remedy
    assert report.succeeded and remedy is not None and "after waiting 3 s" in remedy.reason


def test_a_cached_repo_behind_a_failing_hub_is_served_from_the_cache_with_a_note(
        hub: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    hub.fail_repo("org/tiny", 503)  # for good
    report = safe_load("org/tiny", tokenizer=False).report
    assert report.succeeded and len(report.attempts) == 1
    assert any("served from the cached snapshot" in n for n in report.notes), report.notes


def test_a_get_failing_for_good_falls_back_to_the_cache_after_one_retry(hf_home: Path, tiny_llama_dir: Path) -> None:
    install_in_cache(hf_home, "org/tiny", tiny_llama_dir)
    snapshot_weights = next((hf_home / "hub" / "models--org--tiny" / "snapshots").iterdir()) / "model.safetensors"
    snapshot_weights.resolve().unlink()  # a partial cache: the weights must come from the Hub,
    snapshot_weights.unlink()  # whose GET keeps failing
    with serve(FailingGetHub("model.safetensors", times=99), hf_home, tiny_llama_dir):
        with pytest.raises(LoadFailed) as info:
            safe_load("org/tiny", tokenizer=False)
    report = info.value.report
    fixes = [a.remedy.fix for a in report.attempts if a.remedy is not None and a.remedy.applied]
    assert fixes[:2] == ["retry_download", "use_local_cache"]  # one retry, then the cache: bounded
    assert len(report.attempts) <= 4 and report.next_steps


def test_the_retry_rung_is_skipped_when_huggingface_hub_already_retried() -> None:
    rules = RuleSet.load()
    failure = Failure.from_text("OSError: We couldn't connect to 'https://huggingface.co' to load the files, "
                                "and couldn't find them in the cached files.")
    for retries, expected in ((0, "retry_download"), (5, "use_local_cache")):
        ctx = Context(plan={"local_files_only": False, "model_id": "org/x"}, facts={"offline": False},
                      failure={"hub_retries": retries}, local={"has_model": True})
        top = rules.match(failure, ctx)[0]
        assert top.rule.id == "offline-not-cached"
        fitting = [r.fix.value for r in top.remedies if ctx.check(r.when)]
        assert fitting[0] == expected, (retries, fitting)
