"""retry: the same plan again after memory is released (fragmentation, transient Hub errors)."""

from __future__ import annotations

from advisor.remedies.base import Applied, RemedyEnv
from advisor.remedies.effects import ResumeHub, Wait
from advisor.schema import Retry

#: The longest wait before a retry, whatever the rule or the server's Retry-After asks for.
MAX_BACKOFF_S = 30.0


def apply(action: Retry, env: RemedyEnv) -> Applied:
    """The same plan, after the rule's backoff or the server's Retry-After when longer (both bounded).

    The wait is an effect: it happens only once the retry is approved, and never past the time budget."""
    if action.resume_hub:  # the wait is huggingface_hub's own schedule's rest (network.resume_plan)
        return Applied(env.plan, note="same call, back to the Hub with the retries huggingface_hub had left",
                       effects=(ResumeHub(),))
    retry_after = env.ctx.get("failure.retry_after")
    wait = max(action.backoff_s, float(retry_after) if isinstance(retry_after, int | float) else 0.0)
    wait = min(wait, MAX_BACKOFF_S)
    note = "same call after releasing memory" + (f", after waiting {wait:.0f} s" if wait >= 1 else "")
    return Applied(env.plan, note=note, effects=(Wait(wait),) if wait > 0 else ())
