"""A scripted loader: plays a fixed event stream from the real event types, for deterministic screens.

Used where the test is about the screen (snapshots, progress, a pending load), not about the loop; every
loop behaviour the TUI shows is also covered by a Pilot test on the real loader.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from advisor import events as ev
from advisor.errors import LoadFailed
from advisor.facts import Facts, GpuFacts
from advisor.loader import LoadResult
from advisor.policy import ConsentRequest, Policy, Risk
from advisor.report import Attempt, ErrorRecord, RemedyRecord, Report, ReportBuilder

GIB = 1024**3
SNIPPET = ("from transformers import AutoModelForCausalLM, AutoTokenizer\n\n"
           "model = AutoModelForCausalLM.from_pretrained('acme/tiny-gpt2')\n"
           "tokenizer = AutoTokenizer.from_pretrained('acme/tiny-gpt2')\n")


def fixed_facts() -> Facts:
    """A machine that does not change between runs (a T4, 16 GiB of RAM, offline)."""
    gpu = GpuFacts(index=0, name="Tesla T4", total_bytes=15 * GIB, free_bytes=14 * GIB, capability=(7, 5))
    return Facts(cuda_available=True, gpus=[gpu], ram_total_bytes=32 * GIB, ram_available_bytes=16 * GIB,
                 memory_limit_bytes=24 * GIB, offline=True,
                 packages={"torch": "2.13.0", "transformers": "5.23.0", "accelerate": "1.15.0",
                           "huggingface_hub": "2.4.0"})


def typo_repair(progress: bool = False) -> tuple[list[ev.Event], list[ev.Event]]:
    """The events of a typo'd id repaired from the cache; with ``progress``, a download half done at the hold."""
    before: list[ev.Event] = [
        ev.LoadStarted(model_id="acme/tiny-gtp2", auto_class="AutoModelForCausalLM", kwargs={}, max_attempts=6),
        ev.AttemptStarted(n=1, model_id="acme/tiny-gtp2", auto_class="AutoModelForCausalLM", kwargs={}),
        ev.FailureCaught(n=1, phase="load", error_type="OSError",
                         message="acme/tiny-gtp2 is not a local folder and is not a valid model identifier",
                         chain=["OSError", "RepositoryNotFoundError"],
                         excerpt="huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error."),
        ev.Diagnosed(n=1, category="repo_not_found", rule="typo-in-repo-id", title="No such repo: a typo?",
                     explanation="'acme/tiny-gtp2' is one edit away from 'acme/tiny-gpt2' in your cache."),
        ev.RemedyDecided(n=1, rule="typo-in-repo-id", fix="fix_identifier", risk=Risk.identity,
                         changes={"model_id": "acme/tiny-gpt2"}, applied=True, reason="one candidate"),
        ev.MemoryReleased(n=1),
        ev.AttemptStarted(n=2, model_id="acme/tiny-gpt2", auto_class="AutoModelForCausalLM", kwargs={}),
    ]
    if progress:
        before.append(ev.DownloadProgress(n=2, bar=1, stage="download", file="model.safetensors",
                                          done=12_600_000, total=32_900_000, rate=11_900_000, eta_s=1.7))
    after: list[ev.Event] = [
        ev.Loaded(n=2, model_id="acme/tiny-gpt2", model_class="GPT2LMHeadModel", device="cpu", dtype="float32"),
        ev.HealthChecked(findings=[]),
        ev.Finished(succeeded=True, final_model_id="acme/tiny-gpt2", final_auto_class="AutoModelForCausalLM",
                    final_kwargs={}, snippet=SNIPPET, next_steps=[]),
    ]
    return before, after


@dataclass
class ScriptedLoader:
    """Plays ``before``, holds until ``release`` is set (or the load is cancelled), then plays ``after``."""

    before: list[ev.Event]
    after: list[ev.Event]
    release: threading.Event = field(default_factory=threading.Event)
    calls: list[dict[str, Any]] = field(default_factory=list)
    consent: ConsentRequest | None = None  # asked through the policy after ``before``, as the loop does
    answers: list[bool] = field(default_factory=list)

    def __call__(self, model_id: str, *, auto_class: Any = "AutoModelForCausalLM", tokenizer: bool = True,
                 policy: Policy | None = None, on_event: ev.Listener | None = None, facts: Facts | None = None,
                 cancel: threading.Event | None = None, **kwargs: Any) -> LoadResult:
        self.calls.append({"model_id": model_id, "auto_class": auto_class, "tokenizer": tokenizer,
                           "policy": policy, "kwargs": kwargs})
        builder = ReportBuilder(model_id)
        bus = ev.EventBus([builder] + ([on_event] if on_event else []))

        def play(events: list[ev.Event]) -> None:
            for event in events:  # stamped now, as the loop would
                bus.emit(event.model_copy(update={"at": time.monotonic()}))

        play(self.before)
        if self.consent is not None and policy is not None:
            bus.emit(ev.ConsentAsked(n=1, fix=self.consent.fix, risk=self.consent.risk, reason=self.consent.reason))
            self.answers.append(policy.ask(self.consent))
            bus.emit(ev.ConsentAnswered(n=1, fix=self.consent.fix, granted=self.answers[-1]))
        cancelled = False
        while not self.release.wait(0.02):
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
        play([] if cancelled else self.after)
        if builder.report is None:  # the script stopped early: end it as the loop would
            reason = "cancelled" if cancelled else "no allowed remedy left"
            play([ev.GaveUp(n=1, reason=reason, next_steps=[reason]),
                  ev.Finished(succeeded=False, final_model_id=model_id, final_auto_class=str(auto_class),
                              final_kwargs={}, snippet="", next_steps=[reason])])
        assert builder.report is not None
        if not builder.report.succeeded:
            raise LoadFailed(builder.report)
        return LoadResult(model=None, tokenizer=None, report=builder.report)


def remote_code_consent() -> ConsentRequest:
    """The question the loop asks for an `auto_map` checkpoint (as the trust-remote-code rule words it)."""
    return ConsentRequest(rule="trust-remote-code", fix="set_trust_remote_code", risk=Risk.security,
                          title="The checkpoint needs its own code", reason="run the repo's own modelling code",
                          changes={"trust_remote_code": True})


def repaired_report() -> Report:
    """A saved report of the typo repair, with fixed times (for the Report screen and the Result screen)."""
    return Report(
        succeeded=True, model_id="acme/tiny-gtp2", final_model_id="acme/tiny-gpt2",
        final_auto_class="AutoModelForCausalLM", snippet=SNIPPET, started_at="2026-01-01T00:00:00+00:00",
        duration_s=1.5,
        attempts=[Attempt(n=1, model_id="acme/tiny-gtp2", auto_class="AutoModelForCausalLM", outcome="failed",
                          error=ErrorRecord(type="OSError", message="not a valid model identifier"),
                          category="repo_not_found", rule="typo-in-repo-id", duration_s=0.4,
                          remedy=RemedyRecord(fix="fix_identifier", risk=Risk.identity,
                                              changes={"model_id": "acme/tiny-gpt2"}, applied=True)),
                  Attempt(n=2, model_id="acme/tiny-gpt2", auto_class="AutoModelForCausalLM", outcome="loaded",
                          duration_s=1.0)])
