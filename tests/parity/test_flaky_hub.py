"""Never worse than from_pretrained on a flaky Hub: a burst of 503s that huggingface_hub's own retries ride out
for plain transformers is ridden out through safe_load too (the advisor's unreachable-Hub switch must not cut a
recovering Hub short). Real 503 answers from the Hub double, no cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.hub_double import HubDouble

from advisor import safe_load


@pytest.mark.parametrize("failures", [1, 3, 5])
def test_a_burst_of_503_that_plain_transformers_rides_out_loads_through_safe_load(
        hub: HubDouble, tiny_llama_dir: Path, failures: int) -> None:
    from transformers import AutoModelForCausalLM

    hub.add_repo("org/flaky-plain", tiny_llama_dir)
    hub.fail_repo("org/flaky-plain", 503, times=failures)
    plain = AutoModelForCausalLM.from_pretrained("org/flaky-plain")

    hub.add_repo("org/flaky-advisor", tiny_llama_dir)
    hub.fail_repo("org/flaky-advisor", 503, times=failures)
    result = safe_load("org/flaky-advisor", tokenizer=False)
    assert result.report.succeeded and type(result.model) is type(plain)
    assert result.report.final_model_id == "org/flaky-advisor" and "local_files_only" not in result.report.final_kwargs
