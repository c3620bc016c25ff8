"""The snippet always runs (issue 11, item 5): the snippet of every row of the parity matrix is executed with
plain transformers in a fresh interpreter (one subprocess for all of them) and must build the same class,
dtype and tokenizer as safe_load did. Snippets of rows that need the Hub would only be compiled; every row
here loads from folders or the (offline) test cache, so all of them run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import Checkpoints
from parity_rows import HUB_ROWS, KIND_ROWS, KWARG_ROWS, MAJOR, Row
from test_parity_matrix import HUB_ID, install_two_revisions

from advisor import safe_load

TESTS = Path(__file__).resolve().parents[1]
DRIVER = '''
import json, sys, traceback
out = {}
for path in sys.argv[1:]:
    scope = {"__name__": "__snippet__"}
    try:
        exec(compile(open(path).read(), path, "exec"), scope)
        model = scope["model"][0] if isinstance(scope["model"], tuple) else scope["model"]
        tok = scope.get("tokenizer")
        out[path] = {"class": type(model).__name__, "dtype": str(model.dtype),
                     "tokenizer": None if tok is None else type(tok).__name__}
    except BaseException:
        out[path] = {"error": traceback.format_exc()[-1500:]}
print("RESULT" + json.dumps(out))
'''


def expected(result: Any) -> dict[str, Any]:
    """What the snippet must rebuild: the class, dtype and tokenizer class safe_load returned."""
    model = result.model[0] if isinstance(result.model, tuple) else result.model
    tok = result.tokenizer
    return {"class": type(model).__name__, "dtype": str(model.dtype),
            "tokenizer": None if tok is None else type(tok).__name__}


def run_snippets(snippets: dict[str, tuple[str, dict[str, Any]]], folder: Path) -> dict[str, Any]:
    """Run every snippet in one fresh interpreter; {name: what it built or its error}."""
    paths = {}
    for name, (code, _) in snippets.items():
        path = folder / f"{name}.py"
        path.write_text(code)
        paths[str(path)] = name
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    proc = subprocess.run([sys.executable, "-c", DRIVER, *paths], capture_output=True, text=True, env=env,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    return {paths[p]: v for p, v in json.loads(line.removeprefix("RESULT")).items()}


def test_the_snippet_of_every_parity_row_runs_and_rebuilds_the_same_load(
        checkpoints: Checkpoints, hf_home: Path, tmp_path: Path) -> None:
    commit, cache_dir = install_two_revisions(hf_home, checkpoints, tmp_path)
    snippets: dict[str, tuple[str, dict[str, Any]]] = {}
    rows: list[tuple[Row, str | None]] = [(r, None) for r in KIND_ROWS + KWARG_ROWS if MAJOR >= r.min_major]
    for row in HUB_ROWS:
        kwargs = {k: v.format(commit=commit, cache_dir=cache_dir) if isinstance(v, str) else v
                  for k, v in row.make_kwargs(checkpoints[row.kind]).items()}
        rows.append((replace(row, kwargs=kwargs), HUB_ID))
    for row, hub_id in rows:
        path = checkpoints[row.kind]
        model_id: Any = hub_id or (path if row.as_path else str(path))
        result = safe_load(model_id, auto_class=row.auto_class, tokenizer=row.tokenizer, **row.make_kwargs(path))
        code = result.report.snippet
        compile(code, row.id, "exec")
        snippets[row.id.replace("-", "_")] = (code, expected(result))
    ran = run_snippets(snippets, tmp_path)
    failed = {name: got for name, got in ran.items() if got != snippets[name][1]}
    assert not failed, json.dumps({n: (failed[n], snippets[n][0]) for n in failed}, indent=1)[:6000]
    assert len(ran) == len(rows) >= 40


@pytest.mark.parametrize("value", ["object", "main-class"])
def test_a_value_that_cannot_be_code_becomes_a_named_variable(value: str) -> None:
    from advisor.loadplan import LoadPlan

    class Local:
        """Defined in a function: no import can reach it."""

    thing: Any = object() if value == "object" else Local
    code = LoadPlan(model_id="org/m", kwargs={"custom_thing": thing}, load_tokenizer=False).to_code()
    compile(code, "snippet", "exec")
    assert "custom_thing_value = ...  # put " in code and "custom_thing=custom_thing_value" in code
