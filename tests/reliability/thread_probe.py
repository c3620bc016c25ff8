"""Run in a fresh process by test_threads: N threads call safe_load at once, then print one JSON line.

Usage: ``python -m tests.reliability.thread_probe JOB [JOB ...]`` where JOB is ``model_id[@AutoClass]``;
each job runs in its own thread, all released together by a barrier (the first transformers access of the
process happens inside the race, which is the point).
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any


def main(argv: list[str]) -> int:
    from advisor import LoadFailed, Policy, safe_load

    def yes(request: object) -> bool:  # offline, a typo'd id is repaired from the cache only with a yes
        return True

    jobs = [arg.partition("@") for arg in argv]
    results: list[dict[str, Any]] = [{} for _ in jobs]
    barrier = threading.Barrier(len(jobs))

    def run(i: int, model_id: str, auto_class: str) -> None:
        kwargs: dict[str, Any] = {"auto_class": auto_class} if auto_class else {}
        barrier.wait()
        try:
            report = safe_load(model_id, policy=Policy(remember=False, consent=yes), **kwargs).report
        except LoadFailed as err:
            report = err.report
        except BaseException as err:  # anything else escaping safe_load is a failure of its own
            results[i] = {"model_id": model_id, "escaped": repr(err)}
            return
        results[i] = {
            "model_id": model_id, "succeeded": report.succeeded, "final_model_id": report.final_model_id,
            "final_auto_class": report.final_auto_class,
            "errors": [a.error.message.splitlines()[0] for a in report.attempts if a.error is not None],
        }

    threads = [threading.Thread(target=run, args=(i, mid, cls)) for i, (mid, _, cls) in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
