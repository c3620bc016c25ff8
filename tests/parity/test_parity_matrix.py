"""Parity with plain from_pretrained: every model kind, and the kwargs real code passes (issue 11).

Each row loads a tiny real checkpoint with ``safe_load`` and with plain transformers and asserts the same
class, dtype, devices, state dict and tokenizer output (see parity_rows.py); the snippets of all rows are
run in tests/parity/test_snippets_run.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch
from conftest import Checkpoints
from parity_rows import HUB_ROWS, KIND_ROWS, KWARG_ROWS, MAJOR, Row, check_row
from support.hf_cache import install_in_cache
from support.parity_models import build_gpt2_revision

from advisor import safe_load

HUB_ID = "acme/parity-gpt2"


def install_two_revisions(hf_home: Path, checkpoints: Checkpoints, tmp_path: Path) -> tuple[str, str]:
    """``HUB_ID`` in the test cache at main and v1 (other weights), and in a second cache dir at v1;
    returns v1's commit and that cache dir."""
    v1 = build_gpt2_revision(tmp_path / "v1")
    install_in_cache(hf_home, HUB_ID, checkpoints["causal"])
    commit = install_in_cache(hf_home, HUB_ID, v1, revision="v1").name
    install_in_cache(tmp_path / "other_home", HUB_ID, v1, revision="v1")
    return commit, str(tmp_path / "other_home" / "hub")


def _params(rows: list[Row]) -> list[object]:
    return [pytest.param(row, id=row.id, marks=pytest.mark.skipif(MAJOR < row.min_major,
                                                                   reason=f"needs transformers {row.min_major}"))
            for row in rows]


@pytest.mark.parametrize("row", _params(KIND_ROWS))
def test_every_model_kind_loads_as_plain_transformers_does(row: Row, checkpoints: Checkpoints) -> None:
    check_row(row, checkpoints[row.kind])


@pytest.mark.parametrize("row", _params(KWARG_ROWS))
def test_every_kwarg_form_loads_as_plain_transformers_does(row: Row, checkpoints: Checkpoints) -> None:
    check_row(row, checkpoints[row.kind])


@pytest.mark.parametrize("row", _params(HUB_ROWS))
def test_a_cached_hub_id_with_two_revisions_loads_as_plain_transformers_does(
        row: Row, checkpoints: Checkpoints, hf_home: Path, tmp_path: Path) -> None:
    commit, cache_dir = install_two_revisions(hf_home, checkpoints, tmp_path)
    kwargs = {k: v.format(commit=commit, cache_dir=cache_dir) if isinstance(v, str) else v
              for k, v in row.make_kwargs(checkpoints[row.kind]).items()}
    if row.id == "hub-revision-commit":
        assert kwargs["revision"] == commit
    check_row(replace(row, kwargs=kwargs), checkpoints[row.kind], hub_id=HUB_ID)


def test_the_two_revisions_really_differ(checkpoints: Checkpoints, hf_home: Path, tmp_path: Path) -> None:
    install_two_revisions(hf_home, checkpoints, tmp_path)
    main = safe_load(HUB_ID, tokenizer=False).model.state_dict()
    v1 = safe_load(HUB_ID, tokenizer=False, revision="v1").model.state_dict()
    assert any(not torch.equal(main[k], v1[k]) for k in main)


def test_a_peft_adapter_folder_loads_like_plain_transformers(checkpoints: Checkpoints, tmp_path: Path) -> None:
    pytest.importorskip("peft", reason="peft is not installed: the PEFT adapter row is skipped")
    import transformers
    from support.parity_models import build_lora_adapter

    base = checkpoints["causal"]
    adapter = build_lora_adapter(tmp_path / "lora", base)
    assert not list(adapter.glob("model*.safetensors")) and (adapter / "adapter_config.json").exists()
    check_row(Row("peft-adapter", "causal", plain_tokenizer=None), adapter)
    plain = transformers.AutoModelForCausalLM.from_pretrained(adapter)
    base_model = transformers.AutoModelForCausalLM.from_pretrained(base)
    ids = torch.tensor([[1, 2, 3]])
    assert not torch.equal(plain(ids).logits, base_model(ids).logits)  # the adapter is really applied


def test_another_librarys_loader_class_is_used_as_given(checkpoints: Checkpoints, tmp_path: Path) -> None:
    peft = pytest.importorskip("peft", reason="peft is not installed: the PEFT loader-class row is skipped")
    from support.parity_models import build_lora_adapter

    adapter = build_lora_adapter(tmp_path / "lora", checkpoints["causal"])
    result = safe_load(adapter, auto_class=peft.AutoPeftModelForCausalLM, tokenizer=False)
    plain = peft.AutoPeftModelForCausalLM.from_pretrained(adapter)
    assert type(result.model) is type(plain) and [a.outcome for a in result.report.attempts] == ["loaded"]
    mine, theirs = result.model.state_dict(), plain.state_dict()
    assert list(mine) == list(theirs) and all(torch.equal(mine[k], theirs[k]) for k in mine)
    assert "from peft import AutoPeftModelForCausalLM" in result.report.snippet
