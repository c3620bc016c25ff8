"""The attempt loop: attempt → failure → diagnosis → remedy → release memory → attempt again."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor import events as ev
from advisor import hubwatch, memory, progress
from advisor.backend import Backend, TransformersBackend, torch_dtype
from advisor.errors import LoadFailed
from advisor.facts import Facts
from advisor.failure import Failure, Phase
from advisor.loadplan import LoadPlan, dtype_name
from advisor.policy import ConsentRequest, Policy, Risk
from advisor.report import Report, ReportBuilder

if TYPE_CHECKING:  # the rules machinery is imported on the first failure only (happy-path cost)
    from advisor.context import Context
    from advisor.engine import Diagnosis, RuleSet
    from advisor.schema import Remedy

FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)


@dataclass
class LoadResult:
    """A loaded model, its tokenizer (None when not asked for or not loadable), and the report."""

    model: Any
    tokenizer: Any
    report: Report


@dataclass
class _Choice:
    remedy: Remedy
    diagnosis: Diagnosis
    plan: LoadPlan | None
    applied: bool
    reason: str
    next_step: str


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

    def match(self, failure: Failure, ctx: Context) -> list[Diagnosis]:
        return self.get().match(failure, ctx)


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
    remembered: tuple[LoadPlan | None, str] | None = None  # (plan to start from, note) from advisor.remember
    cancel: threading.Event | None = None  # set by a UI: the load ends before the next attempt (or download)
    hub: hubwatch.HubWatch = field(default_factory=hubwatch.HubWatch)  # huggingface_hub's own retries
    hub_details: dict[str, Any] = field(default_factory=dict)  # failure.hub_* values of the last failure
    net: Any = None  # [network hook] advisor.network.NetState of this load (set in run)

    def run(self) -> LoadResult:
        builder = ReportBuilder(self.plan.model_id)
        self.bus.subscribe(builder)
        t0 = time.monotonic()
        self.bus.emit(ev.LoadStarted(model_id=self.plan.model_id, auto_class=self.plan.auto_class,
                                     kwargs=self.plan.json_kwargs(), max_attempts=self.policy.max_attempts))
        if self.remembered is not None:
            self.bus.emit(ev.Note(message=self.remembered[1]))
            self.plan = self.remembered[0] or self.plan
        if self.policy.preflight:
            from advisor.preflight import preflight

            for decision, new_plan in preflight(self.plan, self.facts, self.policy):
                self.bus.emit(decision)
                self.plan = new_plan
        model: Any = None
        model_plan: LoadPlan | None = None
        tokenizer: Any = None
        n = 0
        last_exc: BaseException | None = None
        seen_plans: set[str] = set()
        hubwatch.attach(self.hub)
        # [network hook] bound and watch this thread's Hub requests for the whole load (advisor/network.py)
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
                seen_plans.add(_plan_key(self.plan))
                self.bus.emit(ev.AttemptStarted(n=n, model_id=self.plan.model_id, auto_class=self.plan.auto_class,
                                                kwargs=self.plan.json_kwargs()))
                self.hub.reset_attempt()
                phase: Phase = "load"
                try:
                    if model is None or model_plan is None or _model_key(model_plan) != _model_key(self.plan):
                        model = None
                        with progress.reporting(self.bus.emit, n, self.cancel):
                            model = self.backend.load_model(self._call_plan())  # [network hook] offline plan
                        model_plan = self.plan
                        self.bus.emit(ev.PhaseDone(n=n, phase="load", detail=type(model).__name__))
                    if self.policy.verify:
                        phase = "verify"
                        self.backend.verify(model, None)
                        self.bus.emit(ev.PhaseDone(n=n, phase="verify"))
                    if self.plan.load_tokenizer:
                        phase = "tokenizer"
                        tokenizer = self.backend.load_tokenizer(self._call_plan())  # [network hook]
                        self.bus.emit(ev.PhaseDone(n=n, phase="tokenizer", detail=type(tokenizer).__name__))
                    return self._succeed(builder, n, model, tokenizer)
                except FATAL:
                    raise
                except BaseException as exc:  # PanicException from safetensors is a BaseException
                    last_exc = exc
                    if phase != "tokenizer":
                        model = model_plan = None
                    # [network hook] cancelled, or the budget ran out waiting for the Hub: give up now, no
                    # diagnosis or back-off
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
                    self._note_offline(exc)  # [network hook] unreachable Hub: the rest of the load runs offline
                    choice = self._handle_failure(n, exc, phase)
                    if choice is not None and choice.plan is not None:
                        # Retrying: drop the traceback frames that pin the partial model. On give-up the
                        # traceback is kept, since the user gets this exception as LoadFailed.__cause__.
                        memory.clear_exception(exc)
                    released = memory.release()
                    self.bus.emit(ev.MemoryReleased(n=n, rss_mib=released["rss_mib"],
                                                    cuda_allocated_mib=released["cuda_allocated_mib"]))
                    if choice is None or choice.plan is None:
                        if phase == "tokenizer" and model is not None:
                            return self._succeed(builder, n, model, None, tokenizer_error=exc)
                        return self._give_up(builder, n, "no allowed remedy left", exc, None)
                    if _plan_key(choice.plan) in seen_plans and choice.remedy.action.type != "retry":
                        return self._give_up(builder, n, "the remedy leads back to a plan already tried", exc, None)
                    self.plan = choice.plan
        except FATAL as interrupt:
            self._finish(False, interrupted=True)
            interrupt.advisor_report = builder.report  # type: ignore[union-attr]
            raise
        finally:
            hubwatch.detach(self.hub)
            net_scope.__exit__(None, None, None)  # [network hook]

    # ---- [network hook] offline for the rest of the load ----------------------------------------

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

    # ---- one failure ---------------------------------------------------------------------------

    def _handle_failure(self, n: int, exc: BaseException, phase: Phase) -> _Choice | None:
        failure = Failure.from_exception(exc, phase)
        self.hub_details = {**self.hub.attempt.as_context(), **hubwatch.error_details(exc)}
        self.bus.emit(ev.FailureCaught(n=n, phase=phase, error_type=failure.top.type, message=failure.top.message,
                                       chain=[i.type for i in failure.chain], excerpt=failure.excerpt))
        ctx = self._context(failure)
        diagnoses = self.rules.match(failure, ctx)
        if not diagnoses:
            self.bus.emit(ev.Diagnosed(n=n, category="other", rule=None, title="unrecognised failure",
                                       explanation=failure.top.message.splitlines()[0] if failure.top.message else ""))
            self.next_steps.append(
                f"No rule recognises this {failure.top.short}; run `advisor explain` on the full traceback "
                "or open an issue with the report."
            )
            return None
        top = diagnoses[0]
        self.bus.emit(ev.Diagnosed(n=n, category=top.category, rule=top.rule.id, title=top.rule.title,
                                   explanation=top.explanation))
        # Only rules of the top diagnosis's category may act: a weaker match must not mask the diagnosis.
        for diagnosis in (d for d in diagnoses if d.category == top.category):
            for index, remedy in enumerate(diagnosis.remedies):
                if f"{diagnosis.rule.id}#{index}" in self.tried:
                    continue  # each rung of a ladder is climbed once
                choice = self._consider(n, remedy, diagnosis, failure, ctx)
                if choice is not None and choice.applied:
                    self.tried.add(f"{diagnosis.rule.id}#{index}")
                    return choice
        return None

    def _consider(self, n: int, remedy: Remedy, diagnosis: Diagnosis, failure: Failure,
                  ctx: Context) -> _Choice | None:
        if not ctx.check(remedy.when):
            return None
        from advisor.remedies import RemedyEnv, apply_action

        applied = apply_action(remedy.action, RemedyEnv(self.plan, self.facts, failure, ctx))
        step = str(ctx.render(remedy.next_step)) if remedy.next_step else ""
        if applied.plan is None:
            self._add_step(step or (f"{remedy.fix.value}: {applied.note}" if applied.note else ""))
            return None
        changes = self.plan.diff(applied.plan)
        key = f"{remedy.fix.value}:{json.dumps(changes, sort_keys=True, default=str)}"
        if key in self.tried:
            return None
        self.tried.add(key)
        reason = (remedy.reason and str(ctx.render(remedy.reason))) or diagnosis.rule.title
        if applied.note:
            reason = f"{reason} ({applied.note})"
        risk = effective_risk(remedy.risk, changes)  # a rule file cannot call remote code "safe"
        allowed = self.policy.allows_without_asking(risk, unambiguous=applied.unambiguous)
        if not allowed:
            request = ConsentRequest(rule=diagnosis.rule.id, fix=remedy.fix.value, risk=risk,
                                     title=diagnosis.rule.title, reason=reason, changes=changes)
            self.bus.emit(ev.ConsentAsked(n=n, fix=remedy.fix.value, risk=risk, reason=reason))
            allowed = self.policy.ask(request)
            self.bus.emit(ev.ConsentAnswered(n=n, fix=remedy.fix.value, granted=allowed))
        if not allowed:
            step = step or _kwargs_step(changes, risk.value)
            self._add_step(step)
        self.bus.emit(ev.RemedyDecided(n=n, rule=diagnosis.rule.id, fix=remedy.fix.value, risk=risk,
                                       changes=changes, applied=allowed, reason=reason, next_step=step))
        return _Choice(remedy, diagnosis, applied.plan if allowed else None, allowed, reason, step)

    def _add_step(self, step: str) -> None:
        if step and step not in self.next_steps:
            self.next_steps.append(step)

    def _context(self, failure: Failure) -> Context:
        plan = {
            "model_id": self.plan.model_id,
            "auto_class": self.plan.auto_class,
            "dtype": self.plan.dtype,
            "device_map": _str_or_none(self.plan.device_map),
            "kwargs": self.plan.json_kwargs(),
            "has_offload_folder": bool(self.plan.kwargs.get("offload_folder")),
            "trust_remote_code": bool(self.plan.kwargs.get("trust_remote_code")),
            "local_files_only": bool(self.plan.kwargs.get("local_files_only")),
        }
        from advisor.context import Context
        from advisor.hub import local_state

        local = local_state(self.plan.model_id, self.plan.kwargs.get("revision"))
        plan["is_local_dir"] = local["is_local_dir"]
        fail = {"phase": failure.phase, "type": failure.top.type, **failure.details, **self.hub_details}
        return Context(plan=plan, facts=self.facts.as_context(), failure=fail, local=local,
                       history={"tried": sorted(self.tried)})

    # ---- endings -------------------------------------------------------------------------------

    def _succeed(self, builder: ReportBuilder, n: int, model: Any, tokenizer: Any,
                 tokenizer_error: BaseException | None = None) -> LoadResult:
        from advisor.health import findings

        device = str(next(iter(model.parameters())).device) if hasattr(model, "parameters") else "?"
        dtype = str(getattr(model, "dtype", "?")).removeprefix("torch.")
        self.bus.emit(ev.Loaded(n=n, model_id=self.plan.model_id, model_class=type(model).__name__,
                                device=device, dtype=dtype))
        health = findings(model, self.facts, self.requested) if hasattr(model, "parameters") else []
        if tokenizer_error is not None:
            health.append({"level": "error", "code": "tokenizer_failed",
                           "message": f"the model loaded but its tokenizer did not: {type(tokenizer_error).__name__}"})
        self.bus.emit(ev.HealthChecked(findings=health))
        self._finish(True, health=health)
        assert builder.report is not None
        return LoadResult(model=model, tokenizer=tokenizer, report=builder.report)

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
                interrupted: bool = False) -> None:
        from advisor.facts import package_version

        major = int((package_version("transformers") or "5").split(".")[0])
        env = self.facts.model_dump(mode="json")
        notes = [self.hub.summary(), self.net.summary() if self.net is not None else ""]  # [network hook]
        if succeeded and self.plan.kwargs.get("local_files_only") and not self.requested.get("local_files_only"):
            notes.append("loaded from the cached snapshot (local_files_only=True) because the Hub could not be "
                         "reached; it may be older than the Hub's current revision")
        if any(notes):
            self.bus.emit(ev.Note(message="; ".join(note for note in notes if note)))
        self.bus.emit(ev.Finished(
            succeeded=succeeded, final_model_id=self.plan.model_id, final_auto_class=self.plan.auto_class,
            final_kwargs=self.plan.json_kwargs(),
            snippet=self.plan.to_code(dtype_key="dtype" if major >= 5 else "torch_dtype"),
            next_steps=list(self.next_steps) if not succeeded or (health and any(
                h["level"] == "error" for h in health)) else [],
            health=health or [], environment=env, interrupted=interrupted,
        ))


def _str_or_none(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _plan_key(plan: LoadPlan) -> str:
    return json.dumps([plan.model_id, plan.auto_class, plan.json_kwargs()], sort_keys=True, default=str)


def _model_key(plan: LoadPlan) -> str:
    return _plan_key(plan)


_RISK_ORDER = list(Risk)
#: What a change does whatever the rule file says: (kwarg, predicate on the new value, the risk it implies).
_IMPLIED_RISK: tuple[tuple[str, Any, Risk], ...] = (
    ("trust_remote_code", bool, Risk.security),  # runs the repo's Python
    ("code_revision", lambda v: v is not None, Risk.security),  # picks which remote code runs
    ("ignore_mismatched_sizes", bool, Risk.security),  # silently re-initialises weights
    ("use_safetensors", lambda v: v is False, Risk.security),  # pickle weights can run code
    ("model_id", lambda v: True, Risk.identity),
    ("auto_class", lambda v: True, Risk.identity),
)


def effective_risk(declared: Risk, changes: dict[str, Any]) -> Risk:
    """The higher of a remedy's declared risk and the risk its changes imply (rule files are untrusted data)."""
    risk = declared
    for key, implies, floor in _IMPLIED_RISK:
        if key in changes and implies(changes[key]) and _RISK_ORDER.index(floor) > _RISK_ORDER.index(risk):
            risk = floor
    return risk


def _kwargs_step(changes: dict[str, Any], risk: str) -> str:
    if not changes:
        return ""
    args = ", ".join(f"{k}={v!r}" for k, v in changes.items())
    return f"If you accept the {risk} risk, retry with {args}"


def build_plan(model_id: str, auto_class: Any, tokenizer: bool, kwargs: dict[str, Any]) -> LoadPlan:
    """The first plan from a safe_load call: dtype/torch_dtype merged (dtype wins), dtype validated."""
    kwargs = dict(kwargs)
    legacy = kwargs.pop("torch_dtype", None)
    if "dtype" not in kwargs and legacy is not None:
        kwargs["dtype"] = legacy
    if kwargs.get("dtype") is not None:
        name = dtype_name(kwargs["dtype"]) or "auto"
        torch_dtype(name)  # raises InvalidRequest naming the valid values
        kwargs["dtype"] = name
    else:
        kwargs.pop("dtype", None)
    cls_name = auto_class if isinstance(auto_class, str) else auto_class.__name__
    return LoadPlan(model_id=model_id, auto_class=cls_name, kwargs=kwargs, load_tokenizer=tokenizer)


def run_load(
    model_id: str,
    *,
    auto_class: Any = "AutoModelForCausalLM",
    tokenizer: bool = True,
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
    from advisor import remember

    plan = build_plan(model_id, auto_class, tokenizer, kwargs)
    policy = policy or Policy()
    facts = facts or facts_mod.gather()
    memo, memo_note = remember.lookup(plan, facts, policy)  # a plan remembered from a repaired load
    recorder = remember.Recorder(changes=list(memo.record.get("changes", [])) if memo else [])
    session = LoadSession(
        plan=plan,
        policy=policy,
        rules=LazyRules(rules),
        facts=facts,
        bus=ev.EventBus([recorder, on_event] if on_event else [recorder]),
        backend=backend or TransformersBackend(),
        cancel=cancel,
        requested=dict(kwargs),
        remembered=(memo.plan, memo.note) if memo else ((None, memo_note) if memo_note else None),
    )
    try:
        result = session.run()
    except LoadFailed:
        if memo is not None:
            remember.forget(memo.path)  # the remembered plan no longer works here
        raise
    remember.store(plan, session.plan, recorder, facts, policy)
    return result


def safe_load(
    model_id: str,
    *,
    auto_class: Any = "AutoModelForCausalLM",
    tokenizer: bool = True,
    policy: Policy | None = None,
    on_event: ev.Listener | None = None,
    rules: list[Any] | None = None,
    **kwargs: Any,
) -> LoadResult:
    """Load a model (and tokenizer) like ``from_pretrained``; on failure diagnose, fix, retry, report.

    Raises ``LoadFailed`` (with ``.report``; ``__cause__`` is the last error) when no allowed remedy is left.
    """
    return run_load(model_id, auto_class=auto_class, tokenizer=tokenizer, policy=policy, on_event=on_event,
                    rules=rules, **kwargs)
