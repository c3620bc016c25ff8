"""A bad rule pack cannot break a load, an explain or `advisor rules`: every problem is found at pack load
with its file and line, produced for real (a real FIFO, a real 5000-deep TOML, real files deleted, real
installed plugins that raise), and a rule that raises at match time is skipped and named."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from test_rule_packs import site as _site  # noqa: F401  (fixture: a site dir on sys.path for plugins)
from typer.testing import CliRunner

from advisor import LoadFailed, Policy, explain, safe_load
from advisor.cli import app
from advisor.context import NAMESPACES, Context
from advisor.engine import ENTRY_POINT_GROUP, RuleSet, load_pack, parse_rule_file
from advisor.failure import Failure
from advisor.schema import Rule

runner = CliRunner()
GOOD = '''category = "cuda_oom"
title = "my special failure"
explain = "the dtype was {plan.dtype}"
[match]
message = ["my special failure"]
[[remedy]]
fix = "reduce_dtype"
risk = "precision"
action = { type = "set_kwargs", set = { dtype = "float16" } }
[[remedy]]
fix = "device_map_auto_offload"
risk = "slower"
action = { type = "offload" }
'''
TEXT = "RuntimeError: my special failure"


@pytest.fixture
def no_user_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the bundled rules and what a test adds."""
    monkeypatch.delenv("ADVISOR_RULES", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def check(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["rules", "check", str(path)])
    return result.exit_code, result.stdout


# ---- validation at pack load, with file:line -------------------------------------------------------------


def test_an_invalid_regex_in_a_when_condition_is_a_pack_error_not_a_crash_mid_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad-when.toml"
    bad.write_text(GOOD + '[when]\n"plan.dtype" = { matches = "(float" }\n')
    code, out = check(bad)
    assert code == 1 and f"{bad}:15: when.plan.dtype.matches" in out and "invalid regex" in out
    # ... and the pack, used for real, still lets explain answer with the other rules
    assert explain(TEXT, rules=[bad]).category == "other"
    assert explain("torch.OutOfMemoryError: CUDA out of memory", rules=[bad]).category == "cuda_oom"


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*x", r"(?:x*)*y", r"(?:[a-z]{1,200})+!"])
def test_an_exponential_regex_is_refused_at_load(tmp_path: Path, pattern: str) -> None:
    bad = tmp_path / "slow.toml"
    bad.write_text(GOOD.replace('message = ["my special failure"]', f"message = ['{pattern}']"))
    code, out = check(bad)
    assert code == 1 and f"{bad}:5: match.message" in out and "exponential" in out


def test_separated_repeats_are_accepted(tmp_path: Path) -> None:
    ok = tmp_path / "ok.toml"
    ok.write_text(GOOD.replace('message = ["my special failure"]',
                               r"message = ['not found: (?:[\w\-]+, )*flash', '(?:[A-Za-z_]\w*\.)*Error']"))
    assert check(ok) == (0, "")


@pytest.mark.parametrize(("where", "snippet", "line", "field"), [
    ("when", '[when]\n"plan.dtype" = { eq = "float32" }\n"plan.dtpye" = { eq = "float32" }\n', 16,
     "when.plan.dtpye"),
    ("when", '[when]\n"gpu.free" = { gt = 1 }\n', 15, "when.gpu.free"),
    ("explain", None, 3, "explain"),
])
def test_when_paths_and_placeholders_are_checked_against_the_context_schema(
        tmp_path: Path, where: str, snippet: str | None, line: int, field: str) -> None:
    bad = tmp_path / "schema.toml"
    bad.write_text(GOOD + snippet if snippet else GOOD.replace("{plan.dtype}", "{plan.dtpye} and {modle.gib}"))
    code, out = check(bad)
    assert code == 1 and f"{bad}:{line}: {field}" in out, out
    assert "plan.dtpye" in out or "gpu" in out


def test_a_placeholder_in_a_remedy_value_is_checked_too(tmp_path: Path) -> None:
    bad = tmp_path / "value.toml"
    bad.write_text(GOOD.replace('set = { dtype = "float16" }', 'set = { dtype = "{facts.best_hlaf_dtype}" }'))
    code, out = check(bad)
    assert code == 1 and f"{bad}:9: remedy.0.action.set_kwargs.set" in out and "best_hlaf_dtype" in out


def test_the_declared_schema_covers_what_the_loader_and_facts_provide() -> None:
    from advisor.facts import gather

    facts_keys = NAMESPACES["facts"]
    assert facts_keys is not None and set(gather().as_context()) <= facts_keys
    assert explain("torch.OutOfMemoryError: CUDA out of memory").category == "cuda_oom"  # bundled rules load
    assert not [p for p in RuleSet.load().problems if "rules/" in p and "placeholder" in p]


def test_an_error_in_the_second_remedy_is_reported_at_the_second_remedy(tmp_path: Path) -> None:
    bad = tmp_path / "second.toml"
    bad.write_text(GOOD.replace('risk = "slower"', 'risk = "sloww"'))
    code, out = check(bad)
    assert code == 1 and f"{bad}:12: remedy.1.risk" in out, out


def test_a_5000_deep_toml_is_a_clean_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(GOOD + "x = " + "[" * 5000 + "]" * 5000 + "\n")
    nested = tmp_path / "nested.toml"
    nested.write_text(GOOD + "y = " + "[" * 100 + "]" * 100 + "\n")
    inline = tmp_path / "inline.toml"
    inline.write_text(GOOD + "z = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    code, out = check(tmp_path)
    assert code == 1
    for path in (deep, nested, inline):
        assert f"{path}: " in out and "nested" in out
    assert load_pack(tmp_path).rules == []  # and no RecursionError escaped


def test_a_fifo_named_like_a_rule_file_is_skipped_not_read(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "good.toml").write_text(GOOD)
    os.mkfifo(pack / "x.toml")
    result: dict[str, object] = {}
    worker = threading.Thread(target=lambda: result.update(check=check(pack), direct=check(pack / "x.toml")),
                              daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # unblock the reader so the test process can end, then fail
        with open(pack / "x.toml", "w"):
            pass
        pytest.fail("rules check hung on a FIFO")
    code, out = result["check"]  # type: ignore[misc]
    assert code == 1 and "x.toml: cannot read: not a regular file (a FIFO)" in out
    assert [r.id for r in load_pack(pack).rules] == ["good"]
    assert result["direct"][0] == 1 and "a FIFO" in result["direct"][1]  # type: ignore[index]


def test_a_deleted_rule_file_stops_acting_at_once(tmp_path: Path, no_user_layers: None) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "mine.toml"
    rule.write_text(GOOD)
    keep = pack / "other.toml"
    keep.write_text(GOOD.replace("my special failure", "another failure"))
    os.utime(keep, (time.time() + 3600, time.time() + 3600))  # the newest mtime does not change on deletion
    assert explain(TEXT, rules=[pack]).rule == "mine"
    rule.unlink()
    assert explain(TEXT, rules=[pack]).rule is None
    rule.write_text(GOOD.replace("my special failure", "changed text"))  # same size class, same second
    os.utime(rule, (0, 0))  # an old mtime: only the content says it changed
    assert explain("RuntimeError: changed text", rules=[pack]).rule == "mine"
    assert explain(TEXT, rules=[pack]).rule is None


# ---- plugins ----------------------------------------------------------------------------------------------


def install_plugin(folder: Path, name: str, body: str) -> None:
    """A real installed distribution whose ``advisor.rules`` entry point runs ``body``."""
    (folder / f"{name}.py").write_text(f"def pack():\n    {body}\n")
    dist = folder / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{name} = {name}:pack\n")


@pytest.mark.parametrize("body", ["raise SystemExit(3)", "raise RuntimeError('plugin broke')",
                                  "import sys; sys.exit('bye')", "return None"])
def test_a_plugin_that_raises_is_a_problem_not_fatal(_site: Path, no_user_layers: None, body: str) -> None:  # noqa: F811
    install_plugin(_site, "acme_bad_plugin", body)
    rs = RuleSet.load()
    assert "cuda-oom" in {r.id for r in rs.rules}
    assert any("acme_bad_plugin" in p or "None" in p for p in rs.problems), rs.problems
    listing = runner.invoke(app, ["rules", "list"])
    assert listing.exit_code == 0 and "cuda-oom" in listing.stdout
    assert "problem:" in listing.stderr and ("acme_bad_plugin" in listing.stderr or "None" in listing.stderr)
    assert explain("torch.OutOfMemoryError: CUDA out of memory").category == "cuda_oom"


def test_a_plugin_that_calls_sys_exit_does_not_end_a_load(_site: Path, no_user_layers: None,  # noqa: F811
                                                          hf_home: Path) -> None:
    install_plugin(_site, "acme_exit_plugin", "raise SystemExit(0)")
    with pytest.raises(LoadFailed) as info:  # the rules are loaded for this failure: the plugin runs
        safe_load("org/not-there", tokenizer=False, policy=Policy(remember=False))
    assert info.value.report.attempts and info.value.report.attempts[0].category is not None


# ---- run time ---------------------------------------------------------------------------------------------


class Unreadable(dict):  # type: ignore[type-arg]
    """A context namespace that raises when read, as a broken value from a plan or a library could."""

    def __contains__(self, key: object) -> bool:
        raise RuntimeError("cannot read me")


def test_a_rule_that_raises_while_matching_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    rule, problems = parse_rule_file(path)
    assert rule is not None and not problems
    other = Rule.model_validate({**rule.model_dump(by_alias=True), "id": "plain", "explain": "fine",
                                 "priority": 200})
    rs = RuleSet([rule, other])
    failure = Failure.from_text(TEXT)
    ctx = Context(plan=Unreadable(dtype="float32"))
    result = rs.evaluate(failure, ctx)
    assert [d.rule.id for d in result.diagnoses] == ["plain"]
    assert [(s.rule, s.source) for s in result.skipped] == [("mine", str(path))]
    assert "cannot read me" in result.skipped[0].error
    assert [d.rule.id for d in rs.match(failure, ctx)] == ["plain"] and "mine" in rs.skipped_rules


def test_a_value_that_cannot_be_printed_renders_as_a_marker() -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no")

    assert Context(plan={"dtype": Unprintable()}).render("at {plan.dtype}") == "at <unprintable>"


def test_a_condition_that_cannot_be_evaluated_does_not_hold() -> None:
    from advisor.schema import Condition

    class Weird:
        def __eq__(self, other: object) -> bool:
            raise TypeError("no comparisons")

        __hash__ = object.__hash__

    ctx = Context(plan={"dtype": Weird()})
    assert ctx.check({"plan.dtype": Condition(eq="float32")}) is False
