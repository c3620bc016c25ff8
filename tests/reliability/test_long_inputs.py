"""Over-long ids, revisions and paths end as a diagnosed LoadFailed with a report, never a raw OSError
(ENAMETOOLONG) from the advisor's own checks of the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import LoadFailed, safe_load


@pytest.mark.parametrize(("model_id", "kwargs"), [
    ("org/" + "b" * 100_000, {}),
    ("x" * 5_000, {}),
    ("org/tiny", {"revision": "r" * 100_000}),
    ("/tmp/" + "y" * 300, {}),
    ("org/tiny", {"revision": "v" * 300}),
])
def test_over_long_inputs_give_a_diagnosed_load_failed(cached_tiny: Path, model_id: str,
                                                        kwargs: dict[str, str]) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load(model_id, tokenizer=False, **kwargs)
    report = info.value.report
    assert report.attempts and report.attempts[0].category not in (None, "other")
    assert report.next_steps
