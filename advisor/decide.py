"""The one place that decides whether a proposed change may be made: pure, judged by what the change does.

Remedies propose (a new plan, the changes, whether the choice is proven unambiguous, the effects they need) and
do nothing else; :func:`judge` decides each proposal from the proposal, the policy and what was tried;
:func:`decide` walks the proposals of a diagnosis in order and picks the first that may be applied or asked. Only
after that does the loop ask for consent and run the effects. Remembered plans and preflight are judged here too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from advisor.policy import Policy, Risk
from advisor.risk import effective_risk

if TYPE_CHECKING:
    from advisor.loadplan import LoadPlan
    from advisor.remedies.effects import Effect


class Verdict(str, Enum):
    """What happens to a proposal."""

    apply = "apply"  # the policy allows it without asking
    ask = "ask"  # allowed only with consent, and someone can answer
    refuse = "refuse"  # not allowed and no one to ask: it becomes a next step
    duplicate = "duplicate"  # already tried (same changes, or back to a plan already attempted)


@dataclass(frozen=True)
class Proposal:
    """A remedy's proposed change to the plan. Building one has no side effects."""

    rule: str
    index: int
    fix: str
    declared: Risk
    plan: LoadPlan
    changes: dict[str, Any]
    unambiguous: bool = True
    reason: str = ""
    next_step: str = ""
    repeatable: bool = False  # a retry may lead back to the same plan
    effects: tuple[Effect, ...] = field(default=())

    @property
    def rung(self) -> str:
        """This rung of the rule's ladder (each is climbed once)."""
        return f"{self.rule}#{self.index}"

    @property
    def change_key(self) -> str:
        """The same fix with the same changes is the same proposal, whichever rule makes it."""
        return f"{self.fix}:{json.dumps(self.changes, sort_keys=True, default=str)}"


@dataclass(frozen=True)
class Decision:
    """A verdict on one proposal, with the effective risk and why."""

    proposal: Proposal
    verdict: Verdict
    risk: Risk
    why: str


def plan_key(plan: LoadPlan) -> str:
    """What makes two plans the same attempt."""
    return json.dumps([plan.model_id, plan.auto_class, plan.json_kwargs()], sort_keys=True, default=str)


def judge(proposal: Proposal, policy: Policy, *, tried: frozenset[str] = frozenset(),
          seen_plans: frozenset[str] = frozenset()) -> Decision:
    """Decide one proposal: its effective risk is the highest of what it declares and what its changes imply."""
    risk = effective_risk(proposal.declared, proposal.changes)
    if proposal.change_key in tried:
        return Decision(proposal, Verdict.duplicate, risk, "the same change was already tried")
    if not proposal.repeatable and plan_key(proposal.plan) in seen_plans:
        return Decision(proposal, Verdict.duplicate, risk, "it leads back to a plan already tried")
    if risk is Risk.security and policy.grants_remote_code(proposal.changes):
        return Decision(proposal, Verdict.apply, risk, "allowed by allow_remote_code")
    if policy.allows_without_asking(risk, unambiguous=proposal.unambiguous):
        return Decision(proposal, Verdict.apply, risk, f"the policy applies {risk.value} changes")
    why = (f"{risk.value} changes need consent" if risk is not Risk.identity or proposal.unambiguous
           else "the choice is not proven (several candidates, or nothing shows the asked id is missing)")
    if policy.can_ask():
        return Decision(proposal, Verdict.ask, risk, why)
    return Decision(proposal, Verdict.refuse, risk, why + " and no one can be asked")


def could_proceed(declared: Risk, policy: Policy) -> bool:
    """Whether a remedy of this declared risk could be applied or asked at all, judged before any lookup it
    needs (a proposal's effective risk is never lower than what it declares)."""
    return policy.can_ask() or policy.allows_without_asking(declared) or (
        declared is Risk.security and policy.allow_remote_code)


def decide(proposals: Iterable[Proposal], policy: Policy, *, tried: frozenset[str] = frozenset(),
           seen_plans: frozenset[str] = frozenset(), declined: frozenset[str] = frozenset()
           ) -> tuple[Decision | None, list[Decision]]:
    """The first proposal to apply or ask about, and the refusals met before it (they become next steps).

    ``declined`` holds the change keys a person already said no to in this call."""
    refused: list[Decision] = []
    for proposal in proposals:
        if proposal.change_key in declined:
            continue
        decision = judge(proposal, policy, tried=tried, seen_plans=seen_plans)
        if decision.verdict in (Verdict.apply, Verdict.ask):
            return decision, refused
        if decision.verdict is Verdict.refuse:
            refused.append(decision)
    return None, refused
