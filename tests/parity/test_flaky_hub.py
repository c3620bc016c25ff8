"""Never worse than from_pretrained on a flaky Hub: a burst of 503s that huggingface_hub's own retries ride out
for plain transformers is ridden out through safe_load too (the advisor's unreachable-Hub switch must not cut a
recovering Hub short). Real 503 answers from the Hub double, no cache."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

import pytest
from support.hub_double import HubDouble

from advisor import safe_load
from advisor.network import install

#: huggingface_hub >= 1 (httpx) lets the advisor watch and cut its retries; on 0.x (requests) nothing is cut and
#: the load retries exactly as plain does
CUTS_RETRIES = install()


class VirtualClock:
    """``time`` for huggingface_hub's back-off and the advisor's network room, where a sleep moves a virtual offset
    forward instead of blocking: both sides wait exactly the seconds they choose, and the advisor's plan (which reads
    ``monotonic()`` since a row of failures began) sees those seconds as having passed, without the suite spending
    them. Everything else is the real ``time``."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += max(0.0, float(seconds))

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


@pytest.fixture(autouse=True)
def virtual_clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    """Every retry sleep of these tests on the virtual clock: huggingface_hub's ``http_backoff`` and the advisor's
    wait before going back to the Hub (``bounded_wait``: a cancel event's wait would block for real)."""
    from huggingface_hub.utils import _http

    from advisor import network
    from advisor.remedies import effects

    clock = VirtualClock()
    for module in (_http, network, effects):
        monkeypatch.setattr(module, "time", clock)
    real_wait = network.bounded_wait
    monkeypatch.setattr(network, "bounded_wait", lambda seconds, deadline, cancel=None: real_wait(seconds, deadline))
    return clock


@pytest.mark.parametrize("failures", [1, pytest.param(5, marks=pytest.mark.skipif(
    not CUTS_RETRIES, reason="huggingface_hub 0.x: nothing is cut, so 5 failures are plain against plain"))])
def test_a_burst_of_503_that_plain_transformers_rides_out_loads_through_safe_load(
        hub: HubDouble, tiny_llama_dir: Path, failures: int) -> None:
    """The burst hits one request huggingface_hub retries (config.json's HEAD), whatever the client asks first:
    after two announced retries in a row the advisor cuts them to try the cache, finds nothing cached, and goes
    back to the Hub with the tries huggingface_hub had left (5 failures: about the most plain rides out)."""
    from transformers import AutoModelForCausalLM

    hub.add_repo("org/flaky-plain", tiny_llama_dir)
    hub.fail_repo("org/flaky-plain", 503, times=failures, file="config.json")
    plain = AutoModelForCausalLM.from_pretrained("org/flaky-plain")

    hub.add_repo("org/flaky-advisor", tiny_llama_dir)
    hub.fail_repo("org/flaky-advisor", 503, times=failures, file="config.json")
    result = safe_load("org/flaky-advisor", tokenizer=False)
    assert result.report.succeeded and type(result.model) is type(plain)
    assert result.report.final_model_id == "org/flaky-advisor" and "local_files_only" not in result.report.final_kwargs
    resumed = [a for a in result.report.attempts if a.remedy is not None and a.remedy.fix == "retry_download"]
    assert len(resumed) == (1 if failures == 5 and CUTS_RETRIES else 0)


@pytest.mark.skipif(not CUTS_RETRIES, reason="huggingface_hub 0.x: nothing is cut, so it is plain against plain")
def test_a_hub_that_stays_down_fails_no_later_than_plain_transformers(
        hub: HubDouble, tiny_llama_dir: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing cached and 503 for good: plain gives up after huggingface_hub's 5 retries (23 s of sleep, on the
    virtual clock); the advisor cuts at 2, goes back once with the tries left, and gives up when plain would have,
    never later. Judged by what each side waited (huggingface_hub's announced sleeps, and the wait the loop chose
    before going back), not by a clock: the suite asserts no timings."""
    from transformers import AutoModelForCausalLM

    from advisor import LoadFailed, network

    def sleeps() -> float:  # huggingface_hub's "Retrying in 4s [Retry 3/5]." lines
        found = (re.search(r"Retrying in ([0-9.]+)s", r.getMessage()) for r in caplog.records)
        return sum(float(m.group(1)) for m in found if m)

    caplog.set_level(logging.WARNING, logger="huggingface_hub")
    hub.add_repo("org/down-plain", tiny_llama_dir)
    hub.fail_repo("org/down-plain", 503, file="config.json")
    with pytest.raises(OSError):
        AutoModelForCausalLM.from_pretrained("org/down-plain")
    plain_slept = sleeps()
    caplog.clear()

    chosen: list[tuple[int, float]] = []
    plan = network.resume_plan
    monkeypatch.setattr(network, "resume_plan", lambda state: chosen.append(plan(state)) or chosen[-1])
    hub.add_repo("org/down-advisor", tiny_llama_dir)
    hub.fail_repo("org/down-advisor", 503, file="config.json")
    with pytest.raises(LoadFailed) as failed:
        safe_load("org/down-advisor", tokenizer=False)
    ((allowed, wait),) = chosen
    advisor_slept = sleeps() + wait

    def config_heads(repo: str) -> list[str]:
        return [r for r in hub.requests if r.startswith(f"HEAD /{repo}/resolve/") and "/config.json " in r]

    tries, plain_tries = config_heads("org/down-advisor"), config_heads("org/down-plain")
    assert plain_slept == 23.0  # 1 + 2 + 4 + 8 + 8
    assert len(tries) >= len(plain_tries)  # every try plain made, made here too
    assert [a.outcome for a in failed.value.report.attempts] == ["failed", "failed"]
    assert advisor_slept <= plain_slept and allowed >= 2, (advisor_slept, plain_slept, allowed)
