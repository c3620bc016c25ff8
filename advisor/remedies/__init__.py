"""Remedy actions: one small module per action type, each with one pure ``apply`` that proposes a plan.

``propose`` turns a rule's remedy into a :class:`advisor.decide.Proposal`; nothing here sleeps, creates folders or
decides: the effects a proposal needs run in the loop only after :mod:`advisor.decide` approved it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from advisor.remedies import auto_class, identifier, kwargs, offload, quantize, retry
from advisor.remedies.base import Applied, RemedyEnv

if TYPE_CHECKING:
    from advisor.decide import Proposal
    from advisor.schema import Remedy

_APPLY: dict[str, Callable[[Any, RemedyEnv], Applied]] = {
    "set_kwargs": kwargs.apply,
    "fix_identifier": identifier.apply,
    "use_auto_class": auto_class.apply,
    "offload": offload.apply,
    "quantize": quantize.apply,
    "retry": retry.apply,
    "advise": lambda action, env: Applied(None, note="advice only"),
}


def apply_action(action: Any, env: RemedyEnv) -> Applied:
    """Propose ``action`` on ``env.plan``; ``Applied.plan`` is None when it cannot apply here."""
    return _APPLY[action.type](action, env)


def propose(rule_id: str, title: str, index: int, remedy: Remedy, env: RemedyEnv) -> Proposal | str:
    """The proposal of one remedy in this situation, or the sentence to tell a person when it does not apply."""
    from advisor.decide import Proposal

    applied = apply_action(remedy.action, env)
    step = str(env.ctx.render(remedy.next_step)) if remedy.next_step else ""
    if applied.plan is None:
        return step or (f"{remedy.fix.value}: {applied.note}" if applied.note else "")
    reason = (remedy.reason and str(env.ctx.render(remedy.reason))) or title
    if applied.note:
        reason = f"{reason} ({applied.note})"
    return Proposal(rule=rule_id, index=index, fix=remedy.fix.value, declared=remedy.risk, plan=applied.plan,
                    changes=env.plan.diff(applied.plan), unambiguous=applied.unambiguous, reason=reason,
                    next_step=step, repeatable=remedy.action.type == "retry", effects=applied.effects)


__all__ = ["Applied", "RemedyEnv", "apply_action", "propose"]
