"""Bounded attempts and wall time, and no remedy applied twice. The CUDA OOMs here are SYNTHETIC (this
machine has no GPU), injected through the loader's backend seam with real message texts."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from support.injection import OOM_FRAGMENTED, OOM_TOO_BIG, InjectingBackend, cuda_oom, gpu_facts

from advisor import LoadFailed, Policy
from advisor import events as ev
from advisor.loader import run_load
from advisor.loadplan import LoadPlan


class SleepyOOMBackend(InjectingBackend):
    """Every load takes ``delay_s`` (a slow download), then runs out of (synthetic) GPU memory."""

    def __init__(self, delay_s: float, message: str = OOM_TOO_BIG) -> None:
        super().__init__(fail_load=lambda plan: cuda_oom(message))
        self.delay_s = delay_s

    def load_model(self, plan: LoadPlan) -> Any:
        time.sleep(self.delay_s)
        return super().load_model(plan)


def _gave_up(events: list[ev.Event]) -> ev.GaveUp:
    return next(e for e in events if isinstance(e, ev.GaveUp))


def test_max_seconds_stops_a_ladder_of_slow_attempts(cached_tiny: Path) -> None:
    unbounded: list[ev.Event] = []
    with pytest.raises(LoadFailed) as free:
        run_load("org/tiny", tokenizer=False, backend=SleepyOOMBackend(0.0), facts=gpu_facts(capability=(8, 6)),
                 on_event=unbounded.append)
    ladder = len(free.value.report.attempts)
    assert ladder >= 3 and _gave_up(unbounded).reason != "time limit reached"

    seen: list[ev.Event] = []
    backend = SleepyOOMBackend(0.4)
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)),
                 policy=Policy(max_seconds=0.5), on_event=seen.append)
    assert _gave_up(seen).reason == "time limit reached"
    assert len(info.value.report.attempts) < ladder and len(backend.load_calls) < ladder
    assert info.value.report.next_steps  # still says what to do next


def test_max_attempts_is_a_hard_bound(cached_tiny: Path) -> None:
    seen: list[ev.Event] = []
    backend = SleepyOOMBackend(0.0)
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)),
                 policy=Policy(max_attempts=1), on_event=seen.append)
    assert len(info.value.report.attempts) == 1 and len(backend.load_calls) == 1
    assert _gave_up(seen).reason == "attempt limit reached"


def test_a_remedy_is_never_applied_twice_even_when_the_failure_comes_back(cached_tiny: Path) -> None:
    # Fragmentation first (its remedy is a plain retry), then the same OOM again and again: the retry rung
    # must not be climbed a second time, and the ladder must end by itself well before max_attempts.
    backend = SleepyOOMBackend(0.0, OOM_FRAGMENTED)
    with pytest.raises(LoadFailed) as info:
        run_load("org/tiny", tokenizer=False, backend=backend, facts=gpu_facts(capability=(8, 6)),
                 policy=Policy(max_attempts=50))
    applied = [(a.rule, a.remedy.fix, str(a.remedy.changes)) for a in info.value.report.attempts
               if a.remedy is not None and a.remedy.applied]
    assert applied and len(applied) == len(set(applied))
    assert [fix for _, fix, _ in applied].count("free_gpu_memory") == 1
    assert len(info.value.report.attempts) < 50
    plans = [str(sorted(a.kwargs.items())) for a in info.value.report.attempts]
    assert len(plans) - len(set(plans)) <= 1  # only the one same-plan retry


def _slow_retry_pack(tmp_path: Path) -> Path:
    """A pack whose only remedy retries after a 20 s back-off, on a real failure (a folder that does not exist)."""
    folder = tmp_path / "slow-retry"
    folder.mkdir()
    (folder / "slow-retry.toml").write_text(
        'category = "offline_or_network"\ntitle = "slow retry"\nexplain = "waits"\npriority = 1\n'
        '[match]\nmessage = ["does not appear to have|is not a local folder|Repo id must|HFValidationError|'
        'Incorrect path"]\n[[remedy]]\nfix = "retry_download"\nrisk = "safe"\n'
        'action = { type = "retry", backoff_s = 20.0 }\n')
    return folder


@pytest.mark.parametrize("policy", [Policy(max_attempts=1), Policy(max_seconds=3.0)])
def test_a_back_off_never_runs_when_no_attempt_or_time_is_left_for_it(tmp_path: Path, policy: Policy) -> None:
    t0 = time.monotonic()
    with pytest.raises(LoadFailed):
        run_load(str(tmp_path / "missing"), tokenizer=False, rules=[_slow_retry_pack(tmp_path)], policy=policy)
    assert time.monotonic() - t0 < 10.0  # the 20 s back-off was not slept
