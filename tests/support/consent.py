"""A consent callback that says yes, for tests whose repair needs one: offline (or after the Hub's anonymous 401),
a near repo id is loaded only with consent (advisor/remedies/identifier.py)."""

from __future__ import annotations

from advisor import Policy


def yes(request: object) -> bool:
    """Answer every consent question yes."""
    return True


#: The default policy with someone who answers yes.
YES = Policy(consent=yes)
