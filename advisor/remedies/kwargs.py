"""set_kwargs: set or remove from_pretrained kwargs (values may be templates over the context)."""

from __future__ import annotations

from advisor.remedies.base import Applied, RemedyEnv
from advisor.schema import SetKwargs


def apply(action: SetKwargs, env: RemedyEnv) -> Applied:
    values = {key: env.ctx.render(value) for key, value in action.set.items()}
    unresolved = [k for k, v in values.items() if isinstance(v, str) and "{" in v and "}" in v]
    if unresolved:
        return Applied(None, note=f"cannot fill {', '.join(unresolved)} from what is known")
    plan = env.plan.apply(values, action.unset)
    if plan == env.plan:
        return Applied(None, note="the call already has these settings")
    return Applied(plan, unambiguous=False)  # a rule's literal values prove nothing about identity fields
