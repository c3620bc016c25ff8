"""The decision function and the proposals: pure, judged by what a change does, effects only after approval."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from advisor.context import Context
from advisor.decide import Proposal, Verdict, decide, judge, plan_key
from advisor.facts import gather
from advisor.failure import Failure
from advisor.loadplan import LoadPlan
from advisor.policy import Policy, Risk
from advisor.remedies import RemedyEnv, apply_action
from advisor.remedies.effects import NEW_TEMP_FOLDER, MakeOffloadFolder, OutOfTime, Wait, perform
from advisor.schema import Offload, Retry, SetKwargs

BASE = LoadPlan(model_id="org/m", kwargs={"revision": "v1"})


def _proposal(changes: dict[str, object], *, declared: Risk = Risk.safe, fix: str = "f", unambiguous: bool = True,
              repeatable: bool = False) -> Proposal:
    kwargs = {k: v for k, v in changes.items() if k not in ("model_id", "auto_class")}
    plan = BASE.apply(kwargs, model_id=changes.get("model_id"), auto_class=changes.get("auto_class"))  # type: ignore[arg-type]
    return Proposal(rule="r", index=0, fix=fix, declared=declared, plan=plan, changes=changes,
                    unambiguous=unambiguous, repeatable=repeatable)


@pytest.mark.parametrize(("changes", "risk", "verdict"), [
    ({"dtype": "float16"}, Risk.precision, Verdict.apply),
    ({"device_map": "auto", "max_memory": {"cpu": "1GiB"}}, Risk.slower, Verdict.apply),
    ({"offload_folder": "/tmp/x"}, Risk.safe, Verdict.apply),
    ({"weights_only": False}, Risk.security, Verdict.refuse),
    ({"revision": "main"}, Risk.identity, Verdict.apply),  # unambiguous by the proposal's own proof
    ({"ignore_mismatched_sizes": True}, Risk.security, Verdict.refuse),
    ({"brand_new_kwarg": 1}, Risk.security, Verdict.refuse),
])
def test_judge_uses_the_change_not_the_label(changes: dict[str, object], risk: Risk, verdict: Verdict) -> None:
    decision = judge(_proposal(changes, fix="force_download"), Policy())
    assert (decision.risk, decision.verdict) == (risk, verdict)


def test_an_identity_change_without_proof_needs_consent() -> None:
    proposal = _proposal({"model_id": "org/other"}, unambiguous=False)
    assert judge(proposal, Policy()).verdict is Verdict.refuse
    assert judge(proposal, Policy(consent=lambda request: True)).verdict is Verdict.ask


def test_allow_remote_code_grants_trust_remote_code_and_nothing_else() -> None:
    policy = Policy(allow_remote_code=True)
    assert judge(_proposal({"trust_remote_code": True}), policy).verdict is Verdict.apply
    assert judge(_proposal({"trust_remote_code": True, "code_revision": "abc"}), policy).verdict is Verdict.apply
    for changes in ({"ignore_mismatched_sizes": True}, {"trust_remote_code": True, "weights_only": False},
                    {"trust_remote_code": True, "revision": "other"}):
        assert judge(_proposal(changes, fix="set_trust_remote_code"), policy).verdict is Verdict.refuse


def test_duplicates_and_plans_already_tried_are_skipped_but_a_retry_may_repeat() -> None:
    proposal = _proposal({"dtype": "float16"})
    assert judge(proposal, Policy(), tried=frozenset({proposal.change_key})).verdict is Verdict.duplicate
    assert judge(proposal, Policy(), seen_plans=frozenset({plan_key(proposal.plan)})).verdict is Verdict.duplicate
    retry = _proposal({}, repeatable=True)
    assert judge(retry, Policy(), seen_plans=frozenset({plan_key(retry.plan)})).verdict is Verdict.apply


def test_decide_picks_the_first_allowed_and_reports_refusals_before_it() -> None:
    refused, allowed = _proposal({"trust_remote_code": True}), _proposal({"dtype": "float16"})
    decision, refusals = decide([refused, allowed], Policy())
    assert decision is not None and decision.proposal is allowed
    assert [r.proposal for r in refusals] == [refused]
    nothing, _ = decide([allowed], Policy(), declined=frozenset({allowed.change_key}))
    assert nothing is None


def test_fail_rather_than_degrade_refuses_precision() -> None:
    strict = Policy(auto_apply=frozenset({Risk.safe}))
    assert judge(_proposal({"dtype": "float16"}), strict).verdict is Verdict.refuse


def _env(plan: LoadPlan, failure_text: str = "x") -> RemedyEnv:
    return RemedyEnv(plan, gather(), Failure.from_text(failure_text), Context(failure={"retry_after": 2.0}))


def test_proposing_a_retry_does_not_sleep() -> None:
    t0 = time.monotonic()
    applied = apply_action(Retry(type="retry", backoff_s=5.0), _env(BASE))
    assert time.monotonic() - t0 < 1.0
    assert applied.plan == BASE and applied.effects == (Wait(5.0),)


def test_proposing_a_disk_offload_creates_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    applied = apply_action(Offload(type="offload", to="disk"), _env(BASE))
    assert applied.plan is not None and applied.plan.kwargs["offload_folder"] == NEW_TEMP_FOLDER
    assert list(tmp_path.iterdir()) == []
    done = perform(applied.effects, applied.plan, seconds_left=None)
    created = Path(done.kwargs["offload_folder"])
    assert created.is_dir() and created.parent == tmp_path and applied.effects == (MakeOffloadFolder(),)


def test_a_wait_past_the_time_left_is_refused_before_sleeping() -> None:
    t0 = time.monotonic()
    with pytest.raises(OutOfTime):
        perform((Wait(30.0),), BASE, seconds_left=2.0)
    assert time.monotonic() - t0 < 1.0


def test_set_kwargs_never_claims_proof_for_identity_fields() -> None:
    applied = apply_action(SetKwargs(type="set_kwargs", unset=["revision"]), _env(BASE))
    assert applied.plan is not None and not applied.unambiguous
