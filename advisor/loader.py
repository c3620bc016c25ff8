"""The attempt loop: attempt → failure → diagnosis → remedy → release memory → attempt again."""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor import events as ev
from advisor import hubwatch, memory, progress, remember
from advisor.backend import Backend, TransformersBackend, load_processor_safely
from advisor.errors import AdvisorWarning, LoadFailed, LoadInterrupted
from advisor.facts import Facts
from advisor.failure import Failure, Phase
from advisor.loadplan import LoadPlan
from advisor.logs import LogListener
from advisor.policy import ConsentRequest, Policy, Risk
from advisor.report import Report, ReportBuilder
from advisor.request import build_plan, check_call
from advisor.tempfolders import NEW_TEMP_FOLDER, TempFolders, new_offload_folder

if TYPE_CHECKING:  # the rules machinery is imported on the first failure only (happy-path cost)
    from advisor.context import Context
    from advisor.decide import Proposal
    from advisor.engine import Diagnosis, MatchResult, RuleSet

FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)


@dataclass
class LoadResult:
    """A loaded model, its tokenizer (None when not asked for or not loadable), the report, and the processor
    (None unless asked for with ``processor=``)."""

    model: Any
    tokenizer: Any
    report: Report
    processor: Any = None


class LazyRules:
    """``RuleSet.load`` on first use: a load that succeeds at once never reads or validates a rule file."""

    def __init__(self, extra: list[str | Path] | None = None) -> None:
        self.extra = extra
        self._rules: RuleSet | None = None

    def get(self) -> RuleSet:
        """The loaded rule set (bundled, plugin, user, ADVISOR_RULES and ``rules=`` layers)."""
        if self._rules is None:
            from advisor.engine import RuleSet

            self._rules = RuleSet.load(self.extra)
        return self._rules

    def evaluate(self, failure: Failure, ctx: Context) -> MatchResult:
        """The diagnoses and the rules that raised while matching (skipped, never fatal)."""
        return self.get().evaluate(failure, ctx)


@dataclass
class LoadSession:
    """One ``safe_load`` call: the plan as it evolves, what was tried, and who is listening."""

    plan: LoadPlan
    policy: Policy
    rules: RuleSet | LazyRules
    facts: Facts
    bus: ev.EventBus
    backend: Backend = field(default_factory=TransformersBackend)
    requested: dict[str, Any] = field(default_factory=dict)
    tried: set[str] = field(default_factory=set)
    next_steps: list[str] = field(default_factory=list)
    remembered: tuple[remember.Remembered | None, str] | None = None  # (record to judge, note) from remember
    memo_rejected: bool = False  # the remembered plan was refused under this call's policy
    cancel: threading.Event | None = None  # set by a UI: the load ends before the next attempt (or download)
    hub: hubwatch.HubWatch = field(default_factory=hubwatch.HubWatch)  # huggingface_hub's own retries
    hub_details: dict[str, Any] = field(default_factory=dict)  # failure.hub_* values of the last failure
    seen_plans: set[str] = field(default_factory=set)  # every plan attempted: a remedy never leads back to one
    started: float = field(default_factory=time.monotonic)
    net: Any = None  # advisor.network.NetState of this load (set in run)
    folders: TempFolders = field(default_factory=TempFolders)  # offload folders this load created
    loaded: Any = None  # the model returned, which keeps its offload folder alive

    def run(self) -> LoadResult:
        """Attempt, diagnose, remedy, release, attempt again — until loaded or no allowed remedy is left."""
        from advisor.decide import plan_key

        builder = ReportBuilder(self.plan.model_id)
        self.bus.subscribe(builder)
        self.started = t0 = time.monotonic()
        self.bus.emit(ev.LoadStarted(model_id=self.plan.model_id, auto_class=self.plan.auto_class,
                                     kwargs=self.plan.json_kwargs(), max_attempts=self.policy.max_attempts))
        if self.remembered is not None:
            self.bus.emit(ev.Note(message=self.remembered[1]))
            if self.remembered[0] is not None:
                self.plan = self._restore(self.remembered[0])
        if self.policy.preflight:
            from advisor.preflight import preflight
            from advisor.risk import effective_risk

            for decision, new_plan in preflight(self.plan, self.facts, self.policy):
                risk = effective_risk(decision.risk, decision.changes)  # preflight is judged like any remedy
                if not self.policy.allows_without_asking(risk):
                    break  # later decisions build on this one: none of them is taken
                self.bus.emit(decision.model_copy(update={"risk": risk}))
                self.plan = new_plan
        if self.plan.kwargs.get("offload_folder") == NEW_TEMP_FOLDER:  # from preflight or a remembered plan
            folder = new_offload_folder()
            self.folders.made.append(folder)
            self.plan = self.plan.apply({"offload_folder": folder})
        model: Any = None
        model_plan: LoadPlan | None = None
        tokenizer: Any = None
        n = 0
        last_exc: BaseException | None = None
        hubwatch.attach(self.hub)
        # bound and watch this thread's Hub requests for the whole load (advisor/network.py)
        from advisor import network

        deadline = t0 + self.policy.max_seconds if self.policy.max_seconds is not None else None
        net_scope = network.load_scope(deadline, self.cancel)
        self.net = net_scope.__enter__()
        try:
            while True:
                n += 1
                if self.cancel is not None and self.cancel.is_set():
                    return self._give_up(builder, n - 1, "cancelled", last_exc, model)
                if n > self.policy.max_attempts:
                    return self._give_up(builder, n - 1, "attempt limit reached", last_exc, model)
                if self.policy.max_seconds is not None and time.monotonic() - t0 > self.policy.max_seconds:
                    return self._give_up(builder, n - 1, "time limit reached", last_exc, model)
                self.seen_plans.add(plan_key(self.plan))
                self.bus.emit(ev.AttemptStarted(n=n, model_id=self.plan.model_id, auto_class=self.plan.auto_class,
                                                kwargs=self.plan.json_kwargs()))
                self.hub.reset_attempt()
                phase: Phase = "load"
                verify_findings: list[dict[str, str]] = []
                try:
                    if model is None or model_plan is None or plan_key(model_plan) != plan_key(self.plan):
                        model = None
                        with progress.reporting(self.bus.emit, n, self.cancel):
                            model = self.backend.load_model(self._call_plan())  # offline plan
                        model_plan = self.plan
                        self.bus.emit(ev.PhaseDone(n=n, phase="load", detail=type(model).__name__))
                    if self.policy.verify:
                        phase = "verify"
                        verify_findings = list(self.backend.verify(model, None) or [])
                        self.bus.emit(ev.PhaseDone(n=n, phase="verify"))
                    if self.plan.load_tokenizer:
                        phase = "tokenizer"
                        tokenizer = self.backend.load_tokenizer(self._call_plan())
                        self.bus.emit(ev.PhaseDone(n=n, phase="tokenizer", detail=type(tokenizer).__name__))
                    return self._succeed(builder, n, model, tokenizer, extra=verify_findings)
                except FATAL:
                    raise
                except BaseException as exc:  # PanicException from safetensors is a BaseException
                    last_exc = exc
                    if phase != "tokenizer":
                        model = model_plan = None
                    # Cancelled, or the budget ran out waiting for the Hub: give up now, no diagnosis or back-off.
                    if self.cancel is not None and self.cancel.is_set():
                        return self._give_up(builder, n, "cancelled", exc, None)
                    if network.time_limit_in(exc) or self.net.expired():
                        caught = Failure.from_exception(exc, phase)
                        self.bus.emit(ev.FailureCaught(n=n, phase=phase, error_type=caught.top.type,
                                                       message=caught.top.message,
                                                       chain=[i.type for i in caught.chain], excerpt=caught.excerpt))
                        self._add_step("The time limit (max_seconds) ran out while waiting for the Hub: raise "
                                       "max_seconds, check the network (`advisor doctor`), or load offline "
                                       "(HF_HUB_OFFLINE=1) if the model is cached.")
                        return self._give_up(builder, n, "time limit reached", exc, None)
                    self._note_offline(exc)  # an unreachable Hub: the rest of the load runs offline
                    next_plan = self._handle_failure(n, exc, phase)
                    if next_plan is not None:
                        # Retrying: drop the traceback frames that pin the partial model. On give-up the
                        # traceback is kept, since the user gets this exception as LoadFailed.__cause__.
                        memory.clear_exception(exc)
                    released = memory.release()
                    self.bus.emit(ev.MemoryReleased(n=n, rss_mib=released["rss_mib"],
                                                    cuda_allocated_mib=released["cuda_allocated_mib"]))
                    if next_plan is None:
                        if phase == "tokenizer" and model is not None:
                            return self._succeed(builder, n, model, None, tokenizer_error=exc,
                                                 extra=verify_findings)
                        return self._give_up(builder, n, "no allowed remedy left", exc, None)
                    self.plan = next_plan
        except KeyboardInterrupt as interrupt:
            self._finish(False, interrupted=True)
            raise LoadInterrupted(builder.report) from interrupt
        except FATAL:
            self._finish(False, interrupted=True)
            raise
        finally:
            hubwatch.detach(self.hub)
            net_scope.__exit__(None, None, None)
            owner = None
            if self.loaded is not None:
                from advisor.health import loaded_model

                owner = loaded_model(self.loaded)
            self.folders.release(in_use=self.plan.kwargs.get("offload_folder"), owner=owner)

    # ---- offline for the rest of the load ----------------------------------------

    def _call_plan(self) -> LoadPlan:
        """The plan as called: with ``local_files_only=True`` once the Hub proved unreachable in this load."""
        if self.net is not None and self.net.offline and not self.plan.kwargs.get("local_files_only"):
            return self.plan.apply({"local_files_only": True})
        return self.plan

    def _note_offline(self, exc: BaseException) -> None:
        """After a failure: if it shows the Hub out of reach, switch the load offline once and say so."""
        from advisor import network

        if self.net is None or getattr(self.net, "noted", False):
            return
        why = self.net.unreachable or network.unreachable_in(exc) or (
            network.failing_status_in(exc) if self.hub.attempt.retries else "")
        if not why:
            return
        self.net.mark_unreachable(why)
        self.net.noted = True
        self.bus.emit(ev.Note(message=f"the Hub is unreachable ({why}): every later attempt and advisor lookup "
                                      "of this load runs offline (local_files_only=True, no Hub search)"))

    # ---- a remembered plan ---------------------------------------------------------------------

    def _restore(self, memo: remember.Remembered) -> LoadPlan:
        """Judge each remembered change under this call's policy like a live remedy; all or nothing."""
        from advisor.decide import Verdict, judge

        granted: list[tuple[Proposal, Risk, bool]] = []
        for proposal in remember.proposals(self.plan, memo):
            decision = judge(proposal, self.policy)
            consented = False
            if decision.verdict is Verdict.ask:
                request = ConsentRequest(rule="remembered", fix=proposal.fix, risk=decision.risk,
                                         title="restore a remembered plan", reason=proposal.reason,
                                         changes=proposal.changes)
                self.bus.emit(ev.ConsentAsked(n=0, fix=proposal.fix, risk=decision.risk, reason=proposal.reason))
                consented = self.policy.ask(request)
                self.bus.emit(ev.ConsentAnswered(n=0, fix=proposal.fix, granted=consented))
            if decision.verdict is not Verdict.apply and not consented:
                runs_code = " (it runs the repository's remote code)" if "trust_remote_code" in proposal.changes else ""
                self.bus.emit(ev.Note(message=f"the remembered plan was not restored: {proposal.fix} "
                                              f"({decision.risk.value}: {decision.why}) changes "
                                              f"{', '.join(sorted(proposal.changes))}{runs_code}"))
                self.memo_rejected = True
                return self.plan
            granted.append((proposal, decision.risk, consented))
        for proposal, risk, consented in granted:
            self.bus.emit(ev.PreflightDecision(fix=proposal.fix, risk=risk, changes=proposal.changes,
                                               reason=f"{proposal.reason} (from memory)", consented=consented))
        return memo.plan

    # ---- one failure ---------------------------------------------------------------------------

    def _handle_failure(self, n: int, exc: BaseException, phase: Phase) -> LoadPlan | None:
        """Diagnose the failure, decide on a remedy, carry out its effects: the next plan, or None to give up."""
        failure = Failure.from_exception(exc, phase)
        self.hub_details = {**self.hub.attempt.as_context(), **hubwatch.error_details(exc),
                            "hub_cut_short": bool(self.net is not None and self.net.cut_short)}
        self.bus.emit(ev.FailureCaught(n=n, phase=phase, error_type=failure.top.type, message=failure.top.message,
                                       chain=[i.type for i in failure.chain], excerpt=failure.excerpt))
        from advisor.situation import live_context

        ctx = live_context(self.plan, self.facts, failure, hub_details=self.hub_details, tried=self.tried)
        matched = self.rules.evaluate(failure, ctx)
        for skipped in matched.skipped:  # a broken rule is named in the report, never fatal
            self.bus.emit(ev.Note(message=f"rule {skipped.rule} ({skipped.source}) was skipped: it raised "
                                          f"{skipped.error}"))
        diagnoses = matched.diagnoses
        if not diagnoses:
            self.bus.emit(ev.Diagnosed(n=n, category="other", rule=None, title="unrecognised failure",
                                       explanation=failure.top.message.splitlines()[0] if failure.top.message else ""))
            self._add_step(f"No rule recognises this {failure.top.short}; run `advisor explain` on the full "
                           "traceback or open an issue with the report.")
            return None
        top = diagnoses[0]
        self.bus.emit(ev.Diagnosed(n=n, category=top.category, rule=top.rule.id, title=top.rule.title,
                                   explanation=top.explanation))
        # Only rules of the top diagnosis's category may act: a weaker match must not mask the diagnosis.
        fitting = [d for d in diagnoses if d.category == top.category]
        declined: set[str] = set()
        while True:
            from advisor.decide import Verdict, decide

            proposals = self._proposals(fitting, failure, ctx)
            decision, refused = decide(proposals, self.policy, tried=frozenset(self.tried),
                                       seen_plans=frozenset(self.seen_plans), declined=frozenset(declined))
            for refusal in refused:
                self._decided(n, refusal.proposal, refusal.risk, applied=False)
            if decision is None:
                return None
            proposal = decision.proposal
            granted = decision.verdict is Verdict.apply
            if decision.verdict is Verdict.ask:
                request = ConsentRequest(rule=proposal.rule, fix=proposal.fix, risk=decision.risk,
                                         title=top.rule.title, reason=proposal.reason, changes=proposal.changes)
                self.bus.emit(ev.ConsentAsked(n=n, fix=proposal.fix, risk=decision.risk, reason=proposal.reason))
                granted = self.policy.ask(request)
                self.bus.emit(ev.ConsentAnswered(n=n, fix=proposal.fix, granted=granted))
            self.tried.add(proposal.change_key)
            self._decided(n, proposal, decision.risk, applied=granted)
            if not granted:
                declined.add(proposal.change_key)
                continue
            self.tried.add(proposal.rung)
            return self._carry_out(proposal, n)

    def _proposals(self, diagnoses: list[Diagnosis], failure: Failure, ctx: Context) -> Iterator[Proposal]:
        """Each untried remedy's proposal, in order. A remedy that needs a lookup (the cache, the Hub, a config)
        is proposed only when it could be applied or asked: one that can never be allowed costs no lookup."""
        from advisor.decide import could_proceed
        from advisor.remedies import RemedyEnv, propose
        from advisor.risk import highest

        env = RemedyEnv(self.plan, self.facts, failure, ctx)
        for diagnosis in diagnoses:
            for index, remedy in enumerate(diagnosis.remedies):
                if f"{diagnosis.rule.id}#{index}" in self.tried or not ctx.check(remedy.when):
                    continue
                floor = highest(remedy.risk, _LOOKUP_FLOOR.get(remedy.action.type, Risk.safe))
                if remedy.action.type in _LOOKUP_FLOOR and not could_proceed(floor, self.policy):
                    step = str(ctx.render(remedy.next_step)) if remedy.next_step else ""
                    self._add_step(step or f"{remedy.fix.value} ({floor.value} risk) needs consent")
                    continue
                try:
                    proposal = propose(diagnosis.rule.id, diagnosis.rule.title, index, remedy, env)
                except Exception as err:  # a remedy that raises is skipped and named, never fatal
                    self.bus.emit(ev.Note(message=f"remedy {diagnosis.rule.id}#{index} was skipped: it raised "
                                                  f"{type(err).__name__}: {err}"[:500]))
                    continue
                if isinstance(proposal, str):
                    self._add_step(proposal)
                    continue
                yield proposal

    def _decided(self, n: int, proposal: Proposal, risk: Risk, *, applied: bool) -> None:
        step = proposal.next_step
        if not applied:
            near = proposal.changes.get("model_id")
            if isinstance(near, str) and near not in step:  # a near repo id not loaded unasked is named, not lost
                self._add_step(f"If you meant {near}, pass that id (or answer yes when the advisor asks; "
                               "`advisor load --yes` consents to id fixes).")
            step = step or _kwargs_step(proposal.changes, risk.value)
            self._add_step(step)
        self.bus.emit(ev.RemedyDecided(n=n, rule=proposal.rule, fix=proposal.fix, risk=risk,
                                       changes=proposal.changes, applied=applied, reason=proposal.reason,
                                       next_step=step))

    def _carry_out(self, proposal: Proposal, n: int) -> LoadPlan | None:
        """Run an approved remedy's effects (waits within the time left, folders) and return the next plan."""
        from advisor.remedies.effects import OutOfTime, perform

        if n >= self.policy.max_attempts:
            return proposal.plan  # no attempt left to use it: nothing is waited for or created for nothing
        try:
            done = perform(proposal.effects, proposal.plan, seconds_left=self._seconds_left(), cancel=self.cancel)
        except OutOfTime as err:
            self._add_step(f"{proposal.fix}: {err}; retry later or raise Policy.max_seconds")
            return None
        self.folders.note(proposal.plan, done)
        return done

    def _seconds_left(self) -> float | None:
        if self.policy.max_seconds is None:
            return None
        return self.policy.max_seconds - (time.monotonic() - self.started)

    def _add_step(self, step: str) -> None:
        if step and step not in self.next_steps:
            self.next_steps.append(step)

    # ---- endings -------------------------------------------------------------------------------

    def _succeed(self, builder: ReportBuilder, n: int, model: Any, tokenizer: Any,
                 tokenizer_error: BaseException | None = None, extra: list[dict[str, str]] | None = None) -> LoadResult:
        from advisor.health import findings, loaded_model, tokenizer_findings

        inner = loaded_model(model)  # (model, loading_info) with output_loading_info=True
        params = hasattr(inner, "parameters") and next(iter(inner.parameters()), None) is not None
        device = str(next(iter(inner.parameters())).device) if params else "?"
        dtype = str(getattr(inner, "dtype", "?")).removeprefix("torch.")
        self.bus.emit(ev.Loaded(n=n, model_id=self.plan.model_id, model_class=type(inner).__name__,
                                device=device, dtype=dtype))
        health = findings(inner, self.facts, self.requested) if params else []
        health += extra or []
        tokenizer, tok_health = tokenizer_findings(tokenizer, self.plan.load_tokenizer and tokenizer_error is None)
        health += tok_health
        if tokenizer is not None and getattr(tokenizer, "advisor_note", None):
            self.plan = self.plan.model_copy(update={"tokenizer_class": "PreTrainedTokenizerFast"})
        if tokenizer_error is not None:
            health.append({"level": "error", "code": "tokenizer_failed",
                           "message": f"the model loaded but its tokenizer did not: {type(tokenizer_error).__name__}"})
        processor = None
        if self.plan.load_processor:
            processor, proc_health, proc_class = load_processor_safely(self.backend, self.plan)
            health += proc_health
            self.plan = self.plan.model_copy(update={"processor_class": proc_class})
        self.bus.emit(ev.HealthChecked(findings=health))
        self._finish(True, health=health, tokenizer_loaded=tokenizer is not None)
        assert builder.report is not None
        self.loaded = model
        return LoadResult(model=model, tokenizer=tokenizer, report=builder.report, processor=processor)

    def _give_up(self, builder: ReportBuilder, n: int, reason: str, exc: BaseException | None,
                 model: Any) -> LoadResult:
        if not self.next_steps:
            self.next_steps.append("No automatic fix is left; see the attempts above for the errors.")
        self.bus.emit(ev.GaveUp(n=n, reason=reason, next_steps=self.next_steps))
        self._finish(False)
        assert builder.report is not None
        error = LoadFailed(builder.report)
        if exc is not None:
            raise error from exc
        raise error

    def _finish(self, succeeded: bool, *, health: list[dict[str, str]] | None = None,
                interrupted: bool = False, tokenizer_loaded: bool = True) -> None:
        from advisor.facts import transformers_major

        major = transformers_major()
        env = self.facts.model_dump(mode="json")
        notes = [self.hub.summary(), self.net.summary() if self.net is not None else ""]
        if succeeded and self.plan.kwargs.get("local_files_only") and not self.requested.get("local_files_only"):
            notes.append("loaded from the cached snapshot (local_files_only=True) because the Hub could not be "
                         "reached; it may be older than the Hub's current revision")
        if any(notes):
            self.bus.emit(ev.Note(message="; ".join(note for note in notes if note)))
        self.bus.emit(ev.Finished(
            succeeded=succeeded, final_model_id=self.plan.model_id, final_auto_class=self.plan.auto_class,
            final_kwargs=self.plan.json_kwargs(),
            snippet=self.plan.to_code(dtype_key="dtype" if major >= 5 else "torch_dtype",
                                      tokenizer_loaded=tokenizer_loaded and succeeded,
                                      tokenizer_note="" if succeeded else "the model did not load"),
            next_steps=list(self.next_steps) if not succeeded or (health and any(
                h["level"] == "error" for h in health)) else [],
            health=health or [], environment=env, interrupted=interrupted,
        ))


#: Actions whose proposal needs a lookup, and the least risk they imply (another repo id or class is identity).
_LOOKUP_FLOOR = {"fix_identifier": Risk.identity, "use_auto_class": Risk.identity}


def _kwargs_step(changes: dict[str, Any], risk: str) -> str:
    if not changes:
        return ""
    args = ", ".join(f"{k}={v!r}" for k, v in changes.items())
    return f"If you accept the {risk} risk, retry with {args}"


def run_load(
    model_id: str | os.PathLike[str],
    *,
    auto_class: Any = "AutoModelForCausalLM",
    tokenizer: bool | str | os.PathLike[str] | Mapping[str, Any] = True,
    processor: bool | str | os.PathLike[str] | Mapping[str, Any] = False,
    policy: Policy | None = None,
    on_event: ev.Listener | None = None,
    rules: list[Any] | None = None,
    facts: Facts | None = None,
    backend: Backend | None = None,
    cancel: threading.Event | None = None,
    **kwargs: Any,
) -> LoadResult:
    """``safe_load`` with its seams exposed: injected facts (e.g. a T4) and a backend (fault injection)."""
    from advisor import facts as facts_mod
    from advisor.redact import redact_id

    check_call(policy=policy, on_event=on_event, rules=rules)
    # The boundary: a token pasted inside an id (URL userinfo, ?token=) never enters events, reports,
    # exceptions or remembered files; from_pretrained could not have used it anyway.
    if isinstance(model_id, str | os.PathLike):
        clean = redact_id(model_id)
        if clean != os.fspath(model_id):  # a PathLike without secrets stays a PathLike (its snippet says Path)
            model_id = clean
    plan = build_plan(model_id, auto_class, tokenizer, kwargs, processor)
    policy = policy or Policy()
    facts = facts or facts_mod.gather()
    memo, memo_note = remember.lookup(plan, facts, policy)  # a plan remembered from a repaired load
    recorder = remember.Recorder()
    session = LoadSession(
        plan=plan,
        policy=policy,
        rules=LazyRules(rules),
        facts=facts,
        bus=ev.EventBus([recorder, LogListener(), on_event] if on_event else [recorder, LogListener()]),
        backend=backend or TransformersBackend(),
        cancel=cancel,
        requested=dict(kwargs),
        remembered=(memo, memo.note) if memo else ((None, memo_note) if memo_note else None),
    )
    try:
        result = session.run()
    except LoadFailed:
        if memo is not None and not session.memo_rejected:
            remember.forget(memo.path)  # the remembered plan no longer works here
        raise
    remember.store(plan, session.plan, recorder, facts, policy)
    _warn_if_different(plan, result)
    return result


def _warn_if_different(request: LoadPlan, result: LoadResult) -> None:
    """An ``AdvisorWarning`` (stacklevel: the caller of safe_load) when what loaded is not what was asked for."""
    report = result.report
    differences = []
    if report.final_model_id != request.model_id:
        differences.append(f"{report.final_model_id!r} instead of {request.model_id!r}")
    if report.final_auto_class != request.auto_class:
        differences.append(f"{report.final_auto_class} instead of {request.auto_class}")
    asked_kwargs = request.json_kwargs()
    for key in ("revision", "dtype", "device_map"):
        asked, got = asked_kwargs.get(key), report.final_kwargs.get(key)
        if key in request.kwargs and got != asked:
            differences.append(f"{key} {got!r} instead of {asked!r}")
    model_dtype = str(getattr(result.model, "dtype", "")).removeprefix("torch.")
    asked_dtype = request.kwargs.get("dtype")
    if isinstance(asked_dtype, str) and asked_dtype not in ("auto", model_dtype) and model_dtype and (
            "dtype" not in report.final_kwargs or report.final_kwargs.get("dtype") == asked_dtype):
        differences.append(f"the weights are {model_dtype}, not {asked_dtype}")
    if differences:
        warnings.warn(AdvisorWarning("safe_load loaded " + "; ".join(dict.fromkeys(differences)) +
                                     " (see result.report for why)"), stacklevel=4)


def safe_load(
    model_id: str | os.PathLike[str],
    *,
    auto_class: Any = "AutoModelForCausalLM",
    tokenizer: bool | str | os.PathLike[str] | Mapping[str, Any] = True,
    processor: bool | str | os.PathLike[str] | Mapping[str, Any] = False,
    policy: Policy | None = None,
    on_event: ev.Listener | None = None,
    rules: list[Any] | None = None,
    **kwargs: Any,
) -> LoadResult:
    """Load a model (and tokenizer) like ``from_pretrained``; on failure diagnose, fix, retry, report.

    Raises ``LoadFailed`` (with ``.report``; ``__cause__`` is the last error) when no allowed remedy is left.
    """
    return run_load(model_id, auto_class=auto_class, tokenizer=tokenizer, processor=processor, policy=policy,
                    on_event=on_event, rules=rules, **kwargs)
