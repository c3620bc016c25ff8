"""The report contract: JSON fields, Markdown, a snippet that reproduces the load, no secret anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.consent import YES

from advisor import LoadFailed, Report, safe_load

CONTRACT_FIELDS = {"succeeded", "model_id", "final_model_id", "final_kwargs", "snippet", "next_steps",
                   "environment", "health", "started_at", "duration_s", "preflight", "attempts"}
ATTEMPT_FIELDS = {"n", "kwargs", "outcome", "error", "category", "rule", "remedy", "duration_s"}
FAKE_TOKEN = "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz012345"


def test_report_json_has_the_contract_fields(cached_tiny: Path) -> None:
    report = safe_load("acme/tiny-gtp2", dtype="float32", policy=YES).report
    data = json.loads(report.to_json())
    assert CONTRACT_FIELDS <= set(data)
    assert ATTEMPT_FIELDS <= set(data["attempts"][0])
    assert data["attempts"][0]["error"]["type"] == "OSError"
    assert set(data["attempts"][0]["remedy"]) >= {"fix", "risk", "changes", "applied", "reason"}
    assert data["final_kwargs"] == {"dtype": "float32"}
    assert Report.model_validate_json(report.to_json()) == report


def test_snippet_reproduces_the_working_load_with_plain_transformers(cached_tiny: Path) -> None:
    report = safe_load("acme/tiny-gtp2", device_map="cuda", dtype="bfloat16", policy=YES).report
    script = report.snippet + "\nprint(type(model).__name__, model.dtype, type(tokenizer).__name__)\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ),
                          timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split()[:2] == ["GPT2LMHeadModel", "torch.bfloat16"]


def test_markdown_tells_the_story(cached_tiny: Path) -> None:
    markdown = safe_load("acme/tiny-gtp2", policy=YES).report.to_markdown()
    assert "Attempt 1: failed" in markdown and "fix_identifier" in markdown and "```python" in markdown


def test_failed_report_has_next_steps_and_is_written_atomically(hf_home: Path, tmp_path: Path) -> None:
    with pytest.raises(LoadFailed) as info:
        safe_load("org/not-there")
    path = tmp_path / "out" / "report.json"
    info.value.report.write(path)
    data = json.loads(path.read_text())
    assert data["succeeded"] is False and data["next_steps"]
    assert [p.name for p in path.parent.iterdir()] == ["report.json"]  # no temporary file left behind


def test_no_token_appears_in_report_or_markdown(hf_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", FAKE_TOKEN)
    with pytest.raises(LoadFailed) as info:
        safe_load("org/not-there", token=FAKE_TOKEN)
    report = info.value.report
    for text in (report.to_json(), report.to_markdown(), str(info.value)):
        assert FAKE_TOKEN not in text
    assert report.environment["token_present"] is True
    assert 'os.environ["HF_TOKEN"]' in report.snippet


# --------------------------------------------------------------------------------------------------
# The snippet is always code (issue 11, item 5)
# --------------------------------------------------------------------------------------------------


def _evaluate(value: object, key: str = "") -> object:
    """Render ``value`` as the snippet does, run its imports, and evaluate the expression."""
    from advisor.loadplan import _Code

    code = _Code()
    source = code.value(value, key)
    scope: dict[str, object] = {}
    exec("\n".join(sorted(code.imports)), scope)
    assert not code.variables, code.variables
    return eval(source, scope)


def test_paths_devices_dtypes_and_containers_render_as_code() -> None:
    import math

    import torch

    for value in (Path("/tmp/offload"), torch.device("cuda:1"), torch.device("cpu"), torch.bfloat16,
                  {0: "10GiB", "cpu": "30GiB"}, ["a", 1, None], ("x",), {"": torch.float16}, math.inf, -math.inf):
        assert _evaluate(value) == value
    assert _evaluate({"": "float16", "lm_head": "float32"}, "dtype") == {"": torch.float16, "lm_head": torch.float32}
    assert math.isnan(_evaluate(math.nan))  # type: ignore[arg-type]


def test_quantization_objects_render_as_constructors() -> None:
    from importlib.metadata import PackageNotFoundError

    import torch
    from transformers import BitsAndBytesConfig

    try:
        bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_compute_dtype=torch.bfloat16, bnb_4bit_quant_type="nf4")
    except PackageNotFoundError:
        pytest.skip("transformers 4.x builds a BitsAndBytesConfig only with bitsandbytes installed")
    again = _evaluate(bnb)
    assert type(again) is BitsAndBytesConfig and again.to_dict() == bnb.to_dict()


def test_config_objects_render_as_constructors(tiny_llama_dir: Path) -> None:
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(tiny_llama_dir)
    config.num_hidden_layers = 1
    rebuilt = _evaluate(config)
    assert type(rebuilt) is type(config) and rebuilt.to_dict() == config.to_dict()


def test_classes_are_imported_from_their_real_module() -> None:
    from tqdm.auto import tqdm

    from advisor.loadplan import LoadPlan

    code = LoadPlan(model_id="org/m", kwargs={"tqdm_class": tqdm}, load_tokenizer=False).to_code()
    name = code.split("tqdm_class=")[1].split(")")[0]
    scope: dict[str, object] = {}
    exec(code.split("\n\n")[0], scope)  # the imports
    assert scope[name] is tqdm and "<class" not in code


def test_the_tokenizer_line_is_left_out_when_the_tokenizer_did_not_load(tiny_llama_dir: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "bad-tokenizer"
    shutil.copytree(tiny_llama_dir, folder)
    (folder / "tokenizer.json").write_text("{ this is not json")
    result = safe_load(folder, dtype="float32")
    assert result.tokenizer is None and "tokenizer_failed" in [h.code for h in result.report.health]
    snippet = result.report.snippet
    assert "tokenizer = " not in snippet and "# tokenizer: not loaded" in snippet
    proc = subprocess.run([sys.executable, "-c", snippet + "\nprint(type(model).__name__)"], capture_output=True,
                          text=True, env=dict(os.environ), timeout=240)
    assert proc.returncode == 0 and proc.stdout.strip() == "LlamaForCausalLM", proc.stderr[-2000:]
