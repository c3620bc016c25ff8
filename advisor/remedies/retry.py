"""retry: the same plan again after memory is released (fragmentation, transient Hub errors)."""

from __future__ import annotations

import time

from advisor.remedies.base import Applied, RemedyEnv
from advisor.schema import Retry


def apply(action: Retry, env: RemedyEnv) -> Applied:
    if action.backoff_s:
        time.sleep(action.backoff_s)
    return Applied(env.plan, note="same call after releasing memory")
