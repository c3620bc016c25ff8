"""Never worse than from_pretrained on a flaky Hub: a burst of 503s that huggingface_hub's own retries ride out
for plain transformers is ridden out through safe_load too (the advisor's unreachable-Hub switch must not cut a
recovering Hub short). Real 503 answers from the Hub double, no cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.hub_double import HubDouble

from advisor import safe_load
from advisor.network import install

#: huggingface_hub >= 1 (httpx) lets the advisor watch and cut its retries; on 0.x (requests) nothing is cut and
#: the load retries exactly as plain does
CUTS_RETRIES = install()


@pytest.mark.parametrize("failures", [1, pytest.param(5, marks=pytest.mark.skipif(
    not CUTS_RETRIES, reason="huggingface_hub 0.x: nothing is cut, so 5 failures are plain against plain (30 s)"))])
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


@pytest.mark.skipif(not CUTS_RETRIES, reason="huggingface_hub 0.x: nothing is cut, so it is plain against plain (46 s)")
def test_a_hub_that_stays_down_fails_no_later_than_plain_transformers(hub: HubDouble, tiny_llama_dir: Path) -> None:
    """Nothing cached and 503 for good: plain gives up after huggingface_hub's 5 retries (23 s of sleep); the
    advisor cuts at 2, goes back once with the tries left, and gives up when plain would have (never later)."""
    import time

    from transformers import AutoModelForCausalLM

    from advisor import LoadFailed

    hub.add_repo("org/down-plain", tiny_llama_dir)
    hub.fail_repo("org/down-plain", 503, file="config.json")
    t0 = time.monotonic()
    with pytest.raises(OSError):
        AutoModelForCausalLM.from_pretrained("org/down-plain")
    plain_s = time.monotonic() - t0

    hub.add_repo("org/down-advisor", tiny_llama_dir)
    hub.fail_repo("org/down-advisor", 503, file="config.json")
    t0 = time.monotonic()
    with pytest.raises(LoadFailed) as failed:
        safe_load("org/down-advisor", tokenizer=False)
    advisor_s = time.monotonic() - t0
    def config_heads(repo: str) -> list[str]:
        return [r for r in hub.requests if r.startswith(f"HEAD /{repo}/resolve/") and "/config.json " in r]

    tries, plain_tries = config_heads("org/down-advisor"), config_heads("org/down-plain")
    print(f"plain: {len(plain_tries)} tries in {plain_s:.1f} s; advisor: {len(tries)} in {advisor_s:.1f} s")
    assert len(tries) >= len(plain_tries)  # every try plain made, made here too
    assert [a.outcome for a in failed.value.report.attempts] == ["failed", "failed"]
    assert advisor_s <= plain_s + 1.0, (advisor_s, plain_s)  # the same 23 s of sleep; its attempts cost ~0.3 s
