"""fix_identifier: a normalised id, or the closest repo in the local cache or on the Hub."""

from __future__ import annotations

from advisor import hub
from advisor.remedies.base import Applied, RemedyEnv
from advisor.schema import FixIdentifier


def apply(action: FixIdentifier, env: RemedyEnv) -> Applied:
    wanted = env.plan.model_id
    use_hub = not env.facts.offline and not env.plan.kwargs.get("local_files_only")
    token = env.plan.kwargs.get("token")
    candidates = hub.id_candidates(wanted, max_distance=action.max_distance, use_hub=use_hub,
                                   token=token if isinstance(token, str | bool) else None)
    if not candidates:
        where = "the local cache" + (" or on the Hub" if use_hub else "")
        return Applied(None, note=f"no repo id within edit distance {action.max_distance} of {wanted!r} in {where}")
    best = candidates[0]
    listing = ", ".join(f"{c.repo_id} ({c.source}, distance {c.distance})" for c in candidates[:5])
    if len(candidates) > 1 and candidates[1].distance == best.distance:
        # A tie is never broken arbitrarily, not even with consent: the person picks the id.
        return Applied(None, note=f"several ids are equally close: {listing}")
    unambiguous = len(candidates) == 1
    return Applied(env.plan.apply(model_id=best.repo_id), unambiguous=unambiguous,
                   note=f"candidates: {listing}")
