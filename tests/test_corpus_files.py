"""The corpus files under tests/data/corpus are well-formed, and the measuring script runs over them.

dev.jsonl is the gated corpus (tests/test_explain_corpus.py); batch1.jsonl, batch2.jsonl ... are held out:
real error texts collected later from public threads, labelled with what worked in the thread, and only
*measured* (scripts/measure_corpus.py). No accuracy threshold on them here, on purpose: a threshold would turn
them into a target the rules get tuned to, and they would stop telling how the rules generalise.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from advisor import explain
from advisor.taxonomy import Category, Fix

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "tests" / "data" / "corpus"
#: dev, then every held-out batch in the order it was collected (batch1, batch2, ... batch10, ...)
FILES = ("dev.jsonl", *sorted((p.name for p in CORPUS_DIR.glob("batch*.jsonl")),
                              key=lambda name: int(re.sub(r"\D", "", name))))
REQUIRED = ("id", "source", "category", "fix", "error_text", "context", "resolution", "confidence")
CONFIDENCE = {"low", "medium", "high"}
URL = re.compile(r"https?://\S+")
SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"


def _rows(name: str) -> list[dict[str, Any]]:
    path = CORPUS_DIR / name
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - the message is the point
            raise AssertionError(f"{name}:{number}: not JSON: {exc}") from exc
        assert isinstance(row, dict), f"{name}:{number}: not an object"
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[dict[str, Any]]]:
    return {name: _rows(name) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_rows_have_the_fields_and_valid_tags(name: str, corpora: dict[str, list[dict[str, Any]]]) -> None:
    rows = corpora[name]
    assert rows, f"{name} is empty"
    categories = {c.value for c in Category}
    fixes = {f.value for f in Fix}
    problems = []
    for row in rows:
        where = f"{name}:{row.get('id', '?')}"
        missing = [k for k in REQUIRED if k not in row]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        for key in ("id", "source", "category", "fix", "error_text"):
            if not isinstance(row[key], str) or not row[key].strip():
                problems.append(f"{where}: empty {key}")
        if row["category"] not in categories:
            problems.append(f"{where}: category {row['category']!r} not in advisor.taxonomy.Category")
        if row["fix"] not in fixes:
            problems.append(f"{where}: fix {row['fix']!r} not in advisor.taxonomy.Fix")
        if not URL.search(str(row["source"])):
            problems.append(f"{where}: source has no URL: {row['source']!r}")
        if row["confidence"] not in CONFIDENCE:
            problems.append(f"{where}: confidence {row['confidence']!r} not in {sorted(CONFIDENCE)}")
    assert not problems, "\n".join(problems)


#: The files collected with no text twice. Later batches were deduplicated by thread only: two threads that paste
#: the same short message ("does not appear to have a file named config.json") are two real reports, and each is
#: kept (docs/rules.md counts them for each batch's first measure).
TEXT_UNIQUE = frozenset(FILES[:12])


#: A section of a repository's documentation file (a FAQ or troubleshooting page: one question and answer each).
DOC_SECTION = re.compile(r"/blob/[^#\s]+\.(?:md|mdx|rst|txt)#[\w\-]+$")


def test_ids_threads_and_texts_are_unique_across_files(corpora: dict[str, list[dict[str, Any]]]) -> None:
    """No id twice; no thread twice; no error text twice (whitespace collapsed) among dev and batch1-11.

    dev.jsonl is the project's shared corpus, copied as is: it holds one pair of texts (two threads that posted the
    same meta-tensor message), which is its owners' business.
    """
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    seen_threads: dict[str, str] = {}
    problems = []
    for name, rows in corpora.items():
        for row in rows:
            where = f"{name}:{row['id']}"
            if row["id"] in seen_ids:
                problems.append(f"{where}: id already used in {seen_ids[row['id']]}")
            seen_ids[row["id"]] = where
            match = URL.search(row["source"])
            thread = match.group(0).rstrip(".,)") if match else ""
            # a comment's anchor is the same thread; a FAQ's section is its own entry
            if not DOC_SECTION.search(thread):
                thread = thread.split("#")[0]
            if thread in seen_threads and name != "dev.jsonl":
                problems.append(f"{where}: thread {thread} already in {seen_threads[thread]}")
            seen_threads.setdefault(thread, where)
            text = " ".join(row["error_text"].split())  # the same text, re-wrapped, is still the same text
            earlier = seen_texts.get(text)
            if (earlier and name in TEXT_UNIQUE and earlier.split(":")[0] in TEXT_UNIQUE
                    and not (name == "dev.jsonl" and earlier.startswith("dev.jsonl:"))):
                problems.append(f"{where}: same error_text as {earlier}")
            seen_texts.setdefault(text, where)
    assert not problems, "\n".join(problems)


def test_held_out_batches_cite_threads_that_dev_does_not(corpora: dict[str, list[dict[str, Any]]]) -> None:
    """A held-out text from a thread dev already learnt from would not be held out."""
    def url(row: dict[str, Any]) -> str:
        match = URL.search(row["source"])
        assert match
        return match.group(0).rstrip(".,)")

    dev_urls = {url(r) for r in corpora["dev.jsonl"]}
    shared = [f"batch:{r['id']} cites {url(r)}" for name in FILES[1:] for r in corpora[name] if url(r) in dev_urls]
    assert not shared, "\n".join(shared)


def test_every_category_is_covered(corpora: dict[str, list[dict[str, Any]]]) -> None:
    covered = {row["category"] for rows in corpora.values() for row in rows}
    assert covered == {c.value for c in Category}, sorted({c.value for c in Category} - covered)


@pytest.mark.skipif(not SHARED_DEV.is_file(), reason="../shared/corpus/dev.jsonl not next to this checkout")
def test_repo_dev_copy_matches_the_shared_corpus(corpora: dict[str, list[dict[str, Any]]]) -> None:
    """The copy CI gates on is the project's dev corpus, not a drifted version of it."""
    shared = [json.loads(line) for line in SHARED_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert corpora["dev.jsonl"] == shared, "tests/data/corpus/dev.jsonl differs from ../shared/corpus/dev.jsonl"


def _measure_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("measure_corpus", ROOT / "scripts" / "measure_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measure_script_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Only that the measurement runs and is complete: the figures themselves are not asserted. It is given dev, the
    first batch and the last two (every file is read by the tests above; measuring all of them takes a minute)."""
    measure = _measure_module()
    assert len(FILES) > 12
    given = (*FILES[:2], *FILES[-2:])
    assert measure.main(["--json", *(str(CORPUS_DIR / n) for n in given)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert set(results) == {"dev", *(name.removesuffix(".jsonl") for name in given[1:]), "all"}
    for name, counts in results.items():
        for key in ("texts", "category_exact", "category_with_neighbours", "fix", "placeholders", "confusion"):
            assert key in counts, (name, key)
        assert counts["category_exact"] <= counts["category_with_neighbours"]
    assert results["all"]["texts"] == sum(results[n]["texts"] for n in results if n != "all")
    # every text of the files given is measured (not a floor on their total, which the last two batches' sizes set)
    assert results["all"]["texts"] == sum(len(_rows(name)) for name in given)


def test_neighbours_are_symmetric_and_valid() -> None:
    measure = _measure_module()
    categories = {c.value for c in Category}
    for a, b, why in measure.NEIGHBOUR_PAIRS:
        assert a in categories and b in categories and a != b and why
        assert b in measure.NEIGHBOURS[a] and a in measure.NEIGHBOURS[b]


# ---- the library wordings (scripts/library_wordings.py): a measure, like the held-out batches --------------------

WORDINGS = ROOT / "tests" / "data" / "wordings"
SOURCE = re.compile(r"^[a-z][a-z0-9_]* \d[\w.]*(?: \(also [^)]+\))?: [\w/.]+\.py line \d+ \(raise site\)$")


@pytest.mark.parametrize("name", ["library-wordings.jsonl", "runtime-wordings.jsonl", "app-wordings.jsonl",
                                  "loader-wordings.jsonl", "between-releases-wordings.jsonl"])
def test_library_wordings_are_well_formed_and_measurable(name: str) -> None:
    rows = [json.loads(line) for line in (WORDINGS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len({r["id"] for r in rows}) == len({r["error_text"] for r in rows}) > 50
    categories, fixes = {c.value for c in Category}, {f.value for f in Fix}
    bad = [r["id"] for r in rows if r["category"] not in categories or r["fix"] not in fixes
           or not SOURCE.match(r["source"]) or not re.match(r"^[A-Z]\w*: \S", r["error_text"])]
    assert not bad, bad[:10]
    measured = _measure_module().measure(rows[:40], explain)
    assert measured["texts"] == 40 and measured["placeholders"] == 0
