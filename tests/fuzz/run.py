"""Fuzz campaigns: ``advisor explain --json`` and the rule-pack loader, under hypothesis (and atheris).

Not part of ``python -m pytest`` (see conftest.py). Run from the repository root::

    python -m tests.fuzz                   # 10,000 examples per hypothesis target, 100,000 atheris runs each
    python tests/fuzz/run.py --examples 2000 --atheris-runs 0 --json fuzz.json

Targets and what must hold for every input:

* ``explain``: any text (random unicode, control bytes, ANSI codes, mutated real tracebacks from the corpus,
  inputs past the 200 kB cap) through the real command, ``advisor explain - --json``: exit 0, valid JSON with
  the contract's keys and types, a known category, and still valid JSON after the CLI's output redaction.
* ``rule_packs``: packs of valid rules (taken from the bundled ones) next to files broken in known ways
  (missing or mistyped fields, unknown keys and actions, bad enums, regexes and version ranges, a wrong id,
  TOML syntax damage, random bytes): ``load_pack`` never raises; every broken field is reported with its file
  and field; the valid rules still load; ``advisor rules check`` exits 1; ``RuleSet.load`` keeps the bundled
  rules.
* ``hostile``: the adversarial inputs of ``hostile.py`` (>= 200 kB each: runs of spaces and separators, nested
  prefixes, ``'a.' * 100000``, deep ANSI, long tokens), alone and cut, combined and glued to real tracebacks,
  through explain, redaction and rule matching: each call within 2 s (typically 0.01-0.2 s).
* atheris (coverage-guided, when it installs): explain and ``parse_rule_file`` on raw bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = Path(os.environ.get("ADVISOR_CORPUS", "/work/shared/corpus/dev.jsonl"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import typer  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from typer.testing import CliRunner as TyperRunner  # noqa: E402

from advisor.bounded import looks_binary  # noqa: E402
from advisor.cli import app  # noqa: E402
from advisor.engine import RuleSet, bundled_rules_dir, load_pack  # noqa: E402
from advisor.redact import redact_text  # noqa: E402
from advisor.taxonomy import Category, Fix  # noqa: E402
from tests.fuzz.hostile import HOSTILE  # noqa: E402

EXPLAIN_KEYS = {"category": str, "fix": (str, type(None)), "rule": (str, type(None)), "title": str,
                "explanation": str, "next_steps": list}
CATEGORIES = {c.value for c in Category} | {"other"}
#: The real `advisor` command, built from the Typer app once (typer's CliRunner.invoke rebuilds it per call).
COMMAND = typer.main.get_command(app)


class Invoker:
    """Run the built command in typer's test isolation (stdin, stdout, stderr swapped); crashes propagate."""

    def __init__(self) -> None:
        self.runner = TyperRunner()

    def __call__(self, args: list[str], input: str | None = None) -> tuple[int, str]:
        with self.runner.isolation(input=input) as streams:
            try:
                COMMAND.main(args=args, prog_name="advisor")
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            return code, streams[0].getvalue().decode("utf-8")
FIXES = {f.value for f in Fix}


# ---- inputs ------------------------------------------------------------------------------------------------


def corpus_texts() -> list[str]:
    """The error texts of the shared corpus (real tracebacks from issue threads), or a few built-in ones."""
    if CORPUS.is_file():
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [str(r.get("error_text") or "") for r in rows if r.get("error_text")]
        if texts:
            return texts
    return ["OSError: We couldn't connect to 'https://huggingface.co' to load this file",
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
            "ValueError: The checkpoint you are trying to load has model type `x` but Transformers does not recognize"]


def explain_inputs(corpus: list[str]) -> st.SearchStrategy[str]:
    """Arbitrary text, real tracebacks cut and spliced with noise, huge inputs, terminal junk."""
    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
    real = st.sampled_from(corpus)
    junk = st.sampled_from(["\x00", "\x1b[31m", "\x1b[0m", "\r", "\r\n", "\t", "\ufeff", "\u202e", "^^^^", "    ",
                            "Traceback (most recent call last):\n", "During handling of the above exception",
                            "The above exception was the direct cause of the following exception:\n",
                            "  File \"x.py\", line 1, in <module>\n", ": ", "Error", "\\", "'''", '"', "{", "}"])

    def splice(parts: tuple[str, int, int, str, str]) -> str:
        source, start, length, noise, extra = parts
        cut = source[start % (len(source) + 1):][:length]
        return noise + cut + extra

    spliced = st.tuples(real, st.integers(0, 5000), st.integers(0, 5000), text, junk).map(splice)
    mixed = st.lists(st.one_of(real, junk, text), min_size=1, max_size=8).map("".join)
    hostile = st.tuples(st.sampled_from(sorted(HOSTILE)), real, st.integers(1, 200_000)).map(
        lambda t: HOSTILE[t[0]][: t[2]] + "\n" + t[1])  # an adversarial run, then a real traceback
    huge = st.tuples(real, st.integers(50, 600)).map(lambda t: (t[0] + "\n") * t[1])  # up to ~1 MB
    exc_line = st.tuples(st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,40}", fullmatch=True), text).map(
        lambda t: f"{t[0]}: {t[1]}")
    return st.one_of(text, real, spliced, mixed, huge, exc_line, hostile)


# ---- target: explain --json --------------------------------------------------------------------------------


def check_explain_output(text: str, invoke: Invoker, seen: dict[str, int]) -> None:
    """One input through the real command; raises AssertionError with the input when a property fails."""
    code, stdout = invoke(["explain", "-", "--json"], input=text)
    if code == 2 and looks_binary(text.encode("utf-8", "surrogateescape")):
        seen["(binary: exit 2)"] = seen.get("(binary: exit 2)", 0) + 1
        return  # refused with one Error: line, as promised for binary input
    assert code == 0, (code, text[:500])
    data = json.loads(stdout)
    # design.md: explain JSON "may add `alternatives: [{category, fix, rule, why}]`" for an ambiguous text
    alternatives = data.pop("alternatives", [])
    assert isinstance(alternatives, list) and all(
        set(a) == {"category", "fix", "rule", "why"} and a["category"] in CATEGORIES
        and a["category"] != data["category"] for a in alternatives), alternatives
    assert set(data) == set(EXPLAIN_KEYS), data.keys()
    for key, kind in EXPLAIN_KEYS.items():
        assert isinstance(data[key], kind), (key, data[key])
    assert data["category"] in CATEGORIES and (data["fix"] is None or data["fix"] in FIXES), data
    assert all(isinstance(step, str) for step in data["next_steps"])
    json.loads(redact_text(stdout))  # the CLI's stream redaction keeps it JSON
    seen[data["category"]] = seen.get(data["category"], 0) + 1


def fuzz_explain(examples: int, seed_value: int) -> dict[str, Any]:
    corpus = corpus_texts()
    invoke = Invoker()
    seen: dict[str, int] = {}
    count = {"n": 0, "max_len": 0}

    @seed(seed_value)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(text=explain_inputs(corpus))
    def run(text: str) -> None:
        count["n"] += 1
        count["max_len"] = max(count["max_len"], len(text))
        check_explain_output(text, invoke, seen)

    t0 = time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    return {"target": "explain --json (CLI, hypothesis)", "examples": count["n"], "failures": 0,
            "wall_s": round(wall, 1), "per_s": round(count["n"] / wall, 1), "max_input_chars": count["max_len"],
            "categories_seen": len(seen), "other_share": round(seen.get("other", 0) / max(count["n"], 1), 3)}


# ---- target: hostile text (time) ---------------------------------------------------------------------------

HOSTILE_BOUND_S = 2.0  # per call, on a loaded machine; typical figures are 0.01-0.2 s


def fuzz_hostile(examples: int, seed_value: int) -> dict[str, Any]:
    """Adversarial inputs (tests/fuzz/hostile.py), cut, doubled and glued to real tracebacks, through explain,
    redaction and rule matching of a live failure chain: each call must finish within HOSTILE_BOUND_S."""
    from advisor.diagnose import explain as run_explain
    from advisor.failure import Failure
    from advisor.situation import text_context as _text_context

    rules = RuleSet.load()
    corpus = corpus_texts()
    worst: dict[str, tuple[float, str]] = {}
    count = {"n": 0}

    def timed(what: str, label: str, call: Callable[[], object]) -> None:
        started = time.perf_counter()
        call()
        took = time.perf_counter() - started
        if took > worst.get(what, (0.0, ""))[0]:
            worst[what] = (took, label)
        assert took < HOSTILE_BOUND_S, (what, label, round(took, 3))

    def one(label: str, text: str) -> None:
        count["n"] += 1
        timed("explain", label, lambda: run_explain(text, rules=rules))
        timed("redact", label, lambda: redact_text(text))
        live = Failure.from_exception(OSError(text[-20_000:]))
        timed("match", label, lambda: rules.evaluate(live, _text_context(live)))

    run_explain("OSError: x", rules=rules)  # the first call loads transformers' name tables once: not the text's time
    t0 = time.perf_counter()
    for name, text in HOSTILE.items():
        one(name, text)

    @seed(seed_value)
    @settings(max_examples=max(examples // 20, 5), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(names=st.lists(st.sampled_from(sorted(HOSTILE)), min_size=1, max_size=3),
           cut=st.integers(1, 200_000), real=st.sampled_from(corpus))
    def run(names: list[str], cut: int, real: str) -> None:
        one("+".join(names) + f"[:{cut}]", "".join(HOSTILE[n][:cut] for n in names) + "\n" + real)

    run()
    return {"target": "hostile text (explain, redaction, matching; time bound)", "examples": count["n"],
            "failures": 0, "wall_s": round(time.perf_counter() - t0, 1), "bound_s": HOSTILE_BOUND_S,
            "worst_s": {k: [round(v[0], 3), v[1]] for k, v in worst.items()}}


# ---- target: rule packs -------------------------------------------------------------------------------------

#: (name, how it breaks a valid rule dict, the field the problem line must name)
Mutation = tuple[str, Callable[[dict[str, Any]], None], str]


def _remedy(rule: dict[str, Any]) -> dict[str, Any]:
    if not rule.get("remedy"):
        rule["remedy"] = [{"fix": "retry_download", "action": {"type": "retry"}}]
    return rule["remedy"][0]


MUTATIONS: list[Mutation] = [
    ("missing title", lambda r: r.pop("title", None), "title"),
    ("missing explain", lambda r: r.pop("explain", None), "explain"),
    ("missing category", lambda r: r.pop("category", None), "category"),
    ("missing match", lambda r: r.pop("match", None), "match"),
    ("title not a string", lambda r: r.__setitem__("title", 42), "title"),
    ("priority too high", lambda r: r.__setitem__("priority", 5000), "priority"),
    ("priority a word", lambda r: r.__setitem__("priority", "high"), "priority"),
    ("unknown category", lambda r: r.__setitem__("category", "not_a_category"), "category"),
    ("unknown top-level key", lambda r: r.__setitem__("run_this", "os.system('x')"), "run_this"),
    ("unknown match key", lambda r: r.setdefault("match", {}).__setitem__("regex", ["x"]), "match.regex"),
    ("invalid regex", lambda r: r.setdefault("match", {}).__setitem__("message", ["(unclosed"]), "match.message"),
    ("message not a list", lambda r: r.setdefault("match", {}).__setitem__("message", 7), "match.message"),
    ("bad phase", lambda r: r.setdefault("match", {}).__setitem__("phase", ["later"]), "match.phase"),
    ("unknown fix", lambda r: _remedy(r).__setitem__("fix", "make_it_work"), "remedy.0.fix"),
    ("unknown risk", lambda r: _remedy(r).__setitem__("risk", "yolo"), "remedy.0.risk"),
    ("unknown action", lambda r: _remedy(r).__setitem__("action", {"type": "run_shell", "cmd": "rm -rf ~"}),
     "remedy.0.action"),
    ("action without type", lambda r: _remedy(r).__setitem__("action", {"set": {"dtype": "float16"}}),
     "remedy.0.action"),
    ("unknown remedy key", lambda r: _remedy(r).__setitem__("exec", "print(1)"), "remedy.0.exec"),
    ("retry backoff too long", lambda r: _remedy(r).__setitem__("action", {"type": "retry", "backoff_s": 1e9}),
     "remedy.0.action"),
    ("bad condition", lambda r: r.__setitem__("when", {"plan.dtype": {"approximately": 1}}), "when"),
    ("bad version range", lambda r: r.__setitem__("applies_to", {"transformers": "not a range"}), "applies_to"),
    ("id with capitals", lambda r: r.__setitem__("id", "Not-An-Id"), "id"),
    ("exponential regex", lambda r: r.setdefault("match", {}).__setitem__("message", ["(a+)+$"]), "match.message"),
    ("when regex invalid", lambda r: r.__setitem__("when", {"plan.dtype": {"matches": "(x"}}),
     "when.plan.dtype.matches"),
    ("when path outside the schema", lambda r: r.__setitem__("when", {"gpu.free": {"gt": 1}}), "when.gpu.free"),
    ("placeholder outside the schema", lambda r: r.__setitem__("explain", "needs {modle.gib} GiB"), "explain"),
]


def toml_value(value: Any) -> str:
    """A TOML value: strings JSON-escaped, arrays, inline tables (enough for rule files)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):  # TOML takes JSON's escapes, except surrogate pairs and a raw DEL
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def toml_dumps(data: dict[str, Any]) -> str:
    return "".join(f"{key} = {toml_value(value)}\n" for key, value in data.items())


def bundled_rule_dicts() -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(bundled_rules_dir().rglob("*.toml"))]


def fuzz_rule_packs(examples: int, seed_value: int) -> dict[str, Any]:
    bases = bundled_rule_dicts()
    invoke = Invoker()
    work = Path(tempfile.mkdtemp(prefix="advisor-fuzz-packs-"))
    stats = {"n": 0, "bad_files": 0, "problems": 0, "fields_checked": 0}
    bundled = len(RuleSet.load().rules)

    @seed(seed_value)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(good=st.lists(st.integers(0, len(bases) - 1), min_size=1, max_size=2),
           bad=st.lists(st.tuples(st.integers(0, len(bases) - 1),
                                  st.lists(st.integers(0, len(MUTATIONS) - 1), min_size=1, max_size=4, unique=True)),
                        min_size=1, max_size=3),
           damage=st.sampled_from(["none", "flip", "truncate", "bytes"]), noise=st.binary(max_size=64),
           rnd=st.randoms(use_true_random=False))
    def run(good: list[int], bad: list[tuple[int, list[int]]], damage: str, noise: bytes,
            rnd: random.Random) -> None:
        stats["n"] += 1
        pack = work / f"pack{stats['n']}"
        pack.mkdir()
        good_ids = []
        for i, base in enumerate(good):
            rule = json.loads(json.dumps(bases[base]))
            rule["id"] = f"fuzz-good-{i}"
            (pack / f"fuzz-good-{i}.toml").write_text(toml_dumps(rule), encoding="utf-8")
            good_ids.append(rule["id"])
        expected: dict[Path, set[str]] = {}
        for j, (base, picks) in enumerate(bad):
            rule = json.loads(json.dumps(bases[base]))
            rule.pop("id", None)
            fields: set[str] = set()
            for pick in picks:
                name, mutate, field = MUTATIONS[pick]
                mutate(rule)
                if name == "missing match":  # it also takes away what earlier mutations broke inside [match]
                    fields = {f for f in fields if not f.startswith("match.")}
                if field.startswith("when"):  # each `when` mutation replaces the whole table an earlier one broke
                    fields = {f for f in fields if not f.startswith("when")}
                fields.add(field)
            path = pack / f"fuzz-bad-{j}.toml"
            path.write_text(toml_dumps(rule), encoding="utf-8")
            expected[path] = fields
        if damage != "none":  # text-level damage on one more file: only "reported, never a crash" is known
            path = pack / "fuzz-damaged.toml"
            text = toml_dumps(bases[rnd.randrange(len(bases))]).encode()
            if damage == "flip" and text:
                pos = rnd.randrange(len(text))
                text = text[:pos] + bytes([rnd.randrange(256)]) + text[pos + 1:]
            elif damage == "truncate":
                text = text[: rnd.randrange(len(text) + 1)]
            else:
                text = noise
            path.write_bytes(text)
            expected.setdefault(path, set())

        report = load_pack(pack)  # must not raise, whatever the files hold
        loaded = {r.id for r in report.rules}
        assert set(good_ids) <= loaded, (good_ids, loaded, report.problems)
        for path, fields in expected.items():
            lines = [p for p in report.problems if p.startswith(f"{path}:")]
            if fields:
                assert lines, (path.name, fields, path.read_text(errors="replace"))
                stats["bad_files"] += 1
            for field in fields:
                stats["fields_checked"] += 1
                assert any(f": {field}" in line or f": {field}." in line for line in lines), (field, lines)
        for line in report.problems:
            assert line.startswith(str(pack)), line  # every problem names its file
        stats["problems"] += len(report.problems)
        code, output = invoke(["rules", "check", str(pack)])
        assert code == 1, (code, output[-500:])
        rules = RuleSet.load([pack])  # the other packs still load
        assert len(rules.rules) >= bundled and set(good_ids) <= {r.id for r in rules.rules}
        shutil.rmtree(pack, ignore_errors=True)

    t0 = time.perf_counter()
    try:
        run()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    wall = time.perf_counter() - t0
    return {"target": "rule packs (load_pack + rules check + RuleSet.load, hypothesis)", "examples": stats["n"],
            "failures": 0, "wall_s": round(wall, 1), "per_s": round(stats["n"] / wall, 1),
            "broken_files": stats["bad_files"], "broken_fields_checked": stats["fields_checked"],
            "problems_reported": stats["problems"]}


# ---- atheris ------------------------------------------------------------------------------------------------


def run_atheris(target: str, runs: int) -> dict[str, Any]:
    """Coverage-guided runs of ``atheris_targets.py TARGET`` in a fresh process (atheris exits when done)."""
    try:
        import atheris  # noqa: F401
    except ImportError:
        return {"target": f"atheris {target}", "skipped": "atheris is not installed (pip install atheris)"}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / "atheris_targets.py"), target, f"-runs={runs}",
                           "-max_len=4096", "-rss_limit_mb=4096"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tempfile.gettempdir(), timeout=3600)
    wall = time.perf_counter() - t0
    done = [line for line in proc.stderr.splitlines() if line.startswith("Done ")]
    ok = proc.returncode == 0
    return {"target": f"atheris {target}", "examples": runs if ok else None, "failures": 0 if ok else 1,
            "wall_s": round(wall, 1), "per_s": round(runs / wall, 1) if ok else None,
            "libfuzzer": done[-1] if done else proc.stderr[-1500:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="hypothesis examples per target")
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--atheris-runs", type=int, default=100_000, help="0 to skip atheris")
    parser.add_argument("--only", choices=["explain", "hostile", "rule_packs", "atheris"], default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results = []
    if args.only in (None, "explain"):
        results.append(fuzz_explain(args.examples, args.seed))
        print(json.dumps(results[-1]), flush=True)
    if args.only in (None, "hostile"):
        results.append(fuzz_hostile(args.examples, args.seed))
        print(json.dumps(results[-1]), flush=True)
    if args.only in (None, "rule_packs"):
        results.append(fuzz_rule_packs(args.examples, args.seed))
        print(json.dumps(results[-1]), flush=True)
    if args.only in (None, "atheris") and args.atheris_runs:
        for target in ("explain", "rule_file"):
            results.append(run_atheris(target, args.atheris_runs))
            print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if any(r.get("failures") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
