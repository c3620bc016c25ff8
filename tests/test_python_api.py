"""A Python caller is told what the advisor did without reading the report: log records on the "advisor"
logger (no handlers configured by the library) and an AdvisorWarning when what loaded differs from the request.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pytest
from support.consent import YES

from advisor import Policy, safe_load
from advisor.errors import AdvisorWarning, LoadInterrupted
from advisor.remember import list_records


def test_a_repaired_id_warns_the_caller(cached_tiny: Path) -> None:
    with pytest.warns(AdvisorWarning, match="acme/tiny-gpt2.*instead of 'acme/tiny-gtp2'") as caught:
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)  # offline: a near id needs a yes
    assert caught[0].filename == __file__  # points at the caller's line, not at the advisor's internals


def test_a_plain_load_does_not_warn(cached_tiny: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", AdvisorWarning)
        safe_load("acme/tiny-gpt2", tokenizer=False)


def test_every_decision_is_logged_on_the_advisor_logger(cached_tiny: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="advisor"), pytest.warns(AdvisorWarning):
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
    messages = [r.getMessage() for r in caplog.records if r.name == "advisor"]
    assert any(m.startswith("attempt 1 failed") for m in messages)
    assert any("applied fix_identifier" in m and "acme/tiny-gpt2" in m for m in messages)
    assert any(m.startswith("loaded acme/tiny-gpt2") for m in messages)
    applied = [r for r in caplog.records if "applied fix_identifier" in r.getMessage()]
    assert applied[0].levelno == logging.WARNING  # an identity change is worth a warning-level record


def test_the_library_configures_no_output_of_its_own() -> None:
    import advisor.logs  # noqa: F401

    handlers = logging.getLogger("advisor").handlers
    assert all(isinstance(h, logging.NullHandler) for h in handlers)  # the HOWTO's library setup, nothing else


def test_an_interrupt_is_a_typed_exception_carrying_the_partial_report(cached_tiny: Path) -> None:
    def stop(request: object) -> bool:
        raise KeyboardInterrupt

    from support.tiny_models import build_custom_code

    folder = build_custom_code(cached_tiny / "custom", cached_tiny / "marker")
    with pytest.raises(LoadInterrupted) as info:
        safe_load(str(folder), tokenizer=False, policy=Policy(consent=stop))
    assert isinstance(info.value, KeyboardInterrupt)
    assert info.value.report is not None and len(info.value.report.attempts) == 1


def test_two_calls_of_one_model_keep_two_remembered_plans(cached_tiny: Path) -> None:
    with pytest.warns(AdvisorWarning):
        safe_load("acme/tiny-gtp2", tokenizer=False, policy=YES)
        safe_load("acme/tiny-gtp2", tokenizer=False, low_cpu_mem_usage=True, policy=YES)
    records = list_records()
    assert len(records) == 2 and {r["model_id"] for r in records} == {"acme/tiny-gpt2"}
