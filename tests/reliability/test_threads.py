"""Concurrent safe_load calls in threads keep separate reports, plans and event streams: eight threads on
the cached tiny models at once, some loading straight away, some repaired, some failing. from_pretrained itself
is not thread-safe (it swaps process-wide init functions while it builds a model; concurrent calls left GPT-2's
lm_head untied and torch's init functions patched), so the backend makes loads take turns: checked here too."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor import LoadFailed, Policy, safe_load
from advisor import events as ev
from advisor.report import Report


@dataclass
class Job:
    model_id: str
    kwargs: dict[str, Any]
    succeeds: bool
    final_id: str
    final_class: str = "AutoModelForCausalLM"
    events: list[ev.Event] = field(default_factory=list)
    report: Report | None = None
    error: BaseException | None = None
    tied: bool | None = None  # GPT-2 ties lm_head to the input embeddings: a racing load breaks the tie


JOBS = [
    Job("org/tiny", {}, True, "org/tiny"),
    Job("acme/tiny-gpt2", {}, True, "acme/tiny-gpt2"),
    Job("acme/tiny-gtp2", {}, True, "acme/tiny-gpt2"),  # repaired: typo in the id
    Job("org/tinny", {}, True, "org/tiny"),  # repaired: typo in the id
    Job("org/not-there", {}, False, "org/not-there"),
    Job("org/tiny", {"auto_class": "AutoModelForSeq2SeqLM"}, True, "org/tiny"),  # repaired: wrong Auto class
    Job("acme/tiny-gpt2", {"dtype": "float32"}, True, "acme/tiny-gpt2"),
    Job("nobody/nothing", {}, False, "nobody/nothing"),
]


def test_eight_threads_keep_separate_reports_plans_and_events(cached_tiny: Path) -> None:
    jobs = [Job(j.model_id, dict(j.kwargs), j.succeeds, j.final_id, j.final_class) for j in JOBS]
    start = threading.Barrier(len(jobs))
    pristine = _init_functions()

    def run(job: Job) -> None:
        start.wait()
        try:
            result = safe_load(job.model_id, policy=Policy(remember=False, consent=lambda request: True),
                               on_event=job.events.append,
                               **job.kwargs)
            job.report = result.report
            if job.final_id == "acme/tiny-gpt2":
                model = result.model
                job.tied = model.lm_head.weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()
        except LoadFailed as err:
            job.report = err.report
        except BaseException as err:  # surfaced below, with the job it belongs to
            job.error = err

    threads = [threading.Thread(target=run, args=(job,), name=f"load-{i}") for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for job in jobs:
        assert job.error is None, f"{job.model_id}: {job.error!r}"
        report = job.report
        assert report is not None, job.model_id
        assert report.model_id == job.model_id and report.succeeded is job.succeeds, (job.model_id, report.attempts)
        assert report.final_model_id == job.final_id and report.final_auto_class == job.final_class
        started = [e for e in job.events if isinstance(e, ev.LoadStarted)]
        finished = [e for e in job.events if isinstance(e, ev.Finished)]
        assert len(started) == 1 and started[0].model_id == job.model_id
        assert len(finished) == 1 and finished[0].final_model_id == job.final_id
        ids = {e.model_id for e in job.events if isinstance(e, ev.AttemptStarted)}
        assert ids <= {job.model_id, job.final_id}, (job.model_id, ids)  # no other thread's attempts
        assert len(report.attempts) == len([e for e in job.events if isinstance(e, ev.AttemptStarted)])
        if job.succeeds and job.final_id != job.model_id:
            assert job.final_id in report.snippet and report.attempts[0].outcome == "failed"
        if not job.succeeds:
            assert report.next_steps
        assert job.tied in (None, True), f"{job.model_id}: lm_head not tied (concurrent from_pretrained raced)"
    assert len({id(job.report) for job in jobs}) == len(jobs)
    _assert_no_init_patch_left_behind(pristine)


def _init_functions() -> dict[str, object]:
    """torch's init functions and transformers' init_weights: what from_pretrained swaps while it loads."""
    import torch
    from transformers.modeling_utils import PreTrainedModel

    funcs: dict[str, object] = {f"torch.nn.init.{name}": getattr(torch.nn.init, name)
                                for name in dir(torch.nn.init) if name.endswith("_") and not name.startswith("_")}
    funcs["PreTrainedModel.init_weights"] = PreTrainedModel.init_weights
    return funcs


def _assert_no_init_patch_left_behind(before: dict[str, object]) -> None:
    """transformers swaps torch's init functions for no-ops while it loads; concurrent loads must not leave
    them swapped (every model built afterwards would hold uninitialised memory)."""
    import torch

    after = _init_functions()
    assert [name for name in before if after[name] is not before[name]] == []
    layer = torch.nn.Linear(64, 64)
    assert bool(torch.isfinite(layer.weight).all()) and float(layer.weight.abs().max()) < 1.0


# --------------------------------------------------------------------------------------------------
# First calls in fresh processes: several processes × threads × the same and different models
# --------------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
#: One fresh process per row; each job is a thread, all released at once by a barrier. The first access to
#: transformers' lazy module happens inside the race (before the fix: "transformers has no class
#: 'AutoModelForCausalLM'" in most runs).
PROCESS_JOBS = [
    ["acme/tiny-gpt2"] * 6,  # the same healthy model in every thread
    ["acme/tiny-gpt2", "org/tiny", "acme/tiny-gpt2", "org/tiny", "acme/tiny-gtp2", "org/tiny@AutoModelForSeq2SeqLM"],
    ["org/tiny", "org/tiny", "org/tiny", "acme/tiny-gpt2", "acme/tiny-gpt2", "org/tinny"],
]
EXPECTED = {  # job -> (final id, final class, failed attempts allowed before the working one)
    "acme/tiny-gpt2": ("acme/tiny-gpt2", "AutoModelForCausalLM", 0),
    "org/tiny": ("org/tiny", "AutoModelForCausalLM", 0),
    "acme/tiny-gtp2": ("acme/tiny-gpt2", "AutoModelForCausalLM", 1),
    "org/tinny": ("org/tiny", "AutoModelForCausalLM", 1),
    "org/tiny@AutoModelForSeq2SeqLM": ("org/tiny", "AutoModelForCausalLM", 1),
}


def test_first_calls_in_fresh_processes_never_fail_spuriously(cached_tiny: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO), "TOKENIZERS_PARALLELISM": "false"}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.reliability.thread_probe", *jobs], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for jobs in PROCESS_JOBS]
    problems = []
    for jobs, proc in zip(PROCESS_JOBS, procs, strict=True):
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-3000:]
        results = json.loads(out.strip().splitlines()[-1])
        for job, result in zip(jobs, results, strict=True):
            final_id, final_class, failures = EXPECTED[job]
            ok = (result.get("succeeded") is True and result["final_model_id"] == final_id
                  and result["final_auto_class"] == final_class and len(result["errors"]) == failures)
            if not ok:
                problems.append((job, result))
    assert problems == []
