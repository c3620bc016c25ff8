"""docs/planning.md's comparison table matches what accelerate's own functions and `advisor plan` compute now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch
import transformers
from accelerate import init_empty_weights
from accelerate.utils import calculate_maximum_sizes, convert_bytes
from support.published_configs import LLAMA_2_7B, LLAMA_2_70B, MIXTRAL_8X7B

from advisor.kvcache import kv_shape
from advisor.planner import gib, plan

DOC = Path(__file__).resolve().parents[1] / "docs" / "planning.md"


def _row(name: str) -> list[str]:
    for line in DOC.read_text().splitlines():
        if line.startswith(f"| {name} |"):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"no row for {name} in {DOC}")


@pytest.mark.parametrize("name, config", [("Llama-2-7B", LLAMA_2_7B), ("Llama-2-70B", LLAMA_2_70B),
                                          ("Mixtral-8x7B", MIXTRAL_8X7B)])
def test_the_comparison_row_is_what_accelerate_and_the_plan_compute(tmp_path: Path, name: str,
                                                                    config: dict[str, Any]) -> None:
    built = transformers.AutoConfig.for_model(**config)
    with init_empty_weights():  # what `accelerate estimate-memory` builds
        model = transformers.AutoModel.from_config(built, dtype=torch.float32)
    total, largest = calculate_maximum_sizes(model)
    accelerate = [convert_bytes(total / d).replace("GB", "GiB").replace("MB", "MiB") for d in (1, 2, 4, 8)]
    (tmp_path / "config.json").write_text(json.dumps(config))
    result = plan(str(tmp_path), gpus=["A100-80GB"], ram="512GiB")
    ours = [gib(result.bytes[k]) for k in ("float32", "bfloat16", "int8", "int4")]
    row = _row(name)
    assert row[1] == f"{result.parameters / 1e9:.2f} B"
    assert row[2:6] == accelerate
    assert row[6] == convert_bytes(largest[0]).replace("GB", "GiB").replace("MB", "MiB")
    assert row[7:11] == ours
    shape = kv_shape(built)
    assert shape is not None and row[11] == f"{shape.bytes_per_token('bfloat16') * shape.layers // 1024} KiB"
