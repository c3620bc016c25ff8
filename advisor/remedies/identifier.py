"""fix_identifier: a normalised id, or the closest repo in the local cache or on the Hub."""

from __future__ import annotations

from advisor import hub, network
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
    # Offline (or with local_files_only) nothing says the asked repo is missing: it may exist on the Hub and just not
    # be cached, so a near cached id is another model, loaded only with consent. Online, the Hub's 404 is the proof.
    # A case-only difference (distance 0) names the same repo: the Hub's ids are case-insensitive.
    # An unreachable Hub (found in this load) proves nothing either, nor does its answer to an anonymous call: the Hub
    # answers 401 "Repository Not Found" both for a missing repo and for a private one (the caller's own, say).
    hub_silent = not use_hub or network.offline_now()
    anonymous_401 = env.failure.details.get("http_status") == 401 and not _sends_token(env)
    unproven = ""
    if best.distance > 0 and hub_silent:
        unproven = f"; offline, nothing shows that {wanted!r} is not on the Hub"
    elif best.distance > 0 and anonymous_401:
        unproven = f"; the Hub's 401 to a call without a token does not tell a missing {wanted!r} from a private one"
    return Applied(env.plan.apply(model_id=best.repo_id), unambiguous=len(candidates) == 1 and not unproven,
                   note=f"candidates: {listing}{unproven}")


def _sends_token(env: RemedyEnv) -> bool:
    """Whether the failed call sent a token: ``token=`` as passed (False: none), else huggingface_hub's own (HF_TOKEN,
    the saved login)."""
    token = env.plan.kwargs.get("token")
    if token is False:
        return False
    if isinstance(token, str):
        return bool(token)
    return env.facts.token_present
