"""Measure `advisor.explain` on corpus files of real error texts (JSON lines, the fields of dev.jsonl).

    python scripts/measure_corpus.py tests/data/corpus/batch1.jsonl tests/data/corpus/batch2.jsonl
    python scripts/measure_corpus.py tests/data/corpus/*.jsonl --json

For each file (and for all files together when more than one is given) it prints:

- **category exact**: the share of texts whose diagnosed category is the labelled one;
- **category ~**: the same, counting a *near neighbour* of the labelled category as right (see NEIGHBOURS);
- **fix**: the share whose fix tag is the labelled one;
- **placeholders**: how many answers print an unfilled template placeholder (`<name>` or `{name}`) in their
  explanation or next steps: a sentence a person would read with a hole in it;
- a per-category list of the misses: labelled -> diagnosed (count), with the rule that answered.

Labels come from what worked in the source thread, never from what advisor answers. The script only
measures: it sets no threshold (the held-out batches must stay a measure, not a target).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

# Near neighbours: pairs of categories that the text alone often cannot tell apart, or where one is a usual
# cause of the other, so that answering one for the other still points the person at the right place.
# Symmetric. Derived from the category descriptions in the taxonomy (docs/rules.md, ../shared/taxonomy.md):
NEIGHBOUR_PAIRS: list[tuple[str, str, str]] = [
    ("repo_not_found", "gated_or_auth",
     "the Hub answers 401/404 alike for a private, gated or missing repo"),
    ("repo_not_found", "local_path_shadowing",
     "'not a local folder and not a valid model identifier' is both a wrong id and a folder in the way"),
    ("repo_not_found", "revision_not_found", "a 404 on .../resolve/<rev>/... is either the repo or the ref"),
    ("repo_not_found", "offline_or_network",
     "'not a valid model identifier' during an outage or with no network"),
    ("missing_weights_files", "corrupted_or_incomplete_download",
     "an incomplete snapshot: a shard absent vs a shard truncated"),
    ("missing_weights_files", "tokenizer_load_failure", "the tokenizer files are the ones missing"),
    ("corrupted_or_incomplete_download", "offline_or_network", "a download cut by the network"),
    ("corrupted_or_incomplete_download", "disk_full_or_permissions", "a file truncated by a full disk"),
    ("cuda_oom", "cpu_oom", "memory exhausted on the other side of the same load"),
    ("cuda_oom", "device_map_offload", "placement decides what fits on the GPU"),
    ("cpu_oom", "device_map_offload", "placement decides what stays in host memory"),
    ("unrecognized_model_type", "wrong_auto_class", "a model type unknown to this Auto class vs to transformers"),
    ("unrecognized_model_type", "trust_remote_code_required", "a custom architecture whose code lives in the repo"),
    ("wrong_auto_class", "trust_remote_code_required", "the Auto mapping of a custom architecture"),
    ("dtype_unsupported", "quantization_config", "compute dtype of a quantized load"),
    ("missing_dependency", "quantization_config", "bitsandbytes/GPTQ/AWQ backends missing or too old"),
    ("missing_dependency", "tokenizer_load_failure", "sentencepiece/tiktoken/protobuf missing for a tokenizer"),
    ("device_map_offload", "quantization_config", "offloading quantized modules to CPU/disk"),
]
NEIGHBOURS: dict[str, set[str]] = defaultdict(set)
for _a, _b, _why in NEIGHBOUR_PAIRS:
    NEIGHBOURS[_a].add(_b)
    NEIGHBOURS[_b].add(_a)

# An unfilled template value: <model_id>, <files_text>, <repo id>, {model_id}, {{ x }}, [[segment]]. Not
# HTML-ish text of the error.
PLACEHOLDER = re.compile(r"<[a-z_][a-z0-9_. ]{0,40}>|\{\{?\s*[a-z_][a-z0-9_.|]*\s*\}?\}|\[\[|\]\]", re.IGNORECASE)


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def placeholders_in(answer: dict[str, Any]) -> list[str]:
    text = "\n".join([answer.get("explanation") or "", *(answer.get("next_steps") or [])])
    return PLACEHOLDER.findall(text)


def near(expected: str, got: str) -> bool:
    return expected == got or got in NEIGHBOURS.get(expected, set())


def measure(rows: list[dict[str, Any]], explain: Any) -> dict[str, Any]:
    n = len(rows)
    exact = neighbour = fix = with_placeholder = 0
    per_cat: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    placeholder_names: Counter[str] = Counter()
    for row in rows:
        answer = explain(row["error_text"]).model_dump()
        got, want = answer["category"], row["category"]
        exact += got == want
        neighbour += near(want, got)
        fix += answer["fix"] == row["fix"]
        holes = placeholders_in(answer)
        with_placeholder += bool(holes)
        placeholder_names.update(set(holes))
        per_cat[want]["n"] += 1
        per_cat[want]["exact"] += got == want
        per_cat[want]["fix"] += answer["fix"] == row["fix"]
        if got != want:
            confusion[want][got] += 1
            misses.append({"id": row.get("id"), "expected": want, "got": got, "rule": answer["rule"],
                           "near": near(want, got), "expected_fix": row["fix"], "got_fix": answer["fix"]})
    def pct(k: int) -> float:
        return round(100 * k / n, 1) if n else 0.0

    return {
        "texts": n, "category_exact": pct(exact), "category_with_neighbours": pct(neighbour), "fix": pct(fix),
        "counts": {"exact": exact, "with_neighbours": neighbour, "fix": fix},
        "placeholders": with_placeholder, "placeholder_names": dict(placeholder_names.most_common()),
        "per_category": {c: dict(v) for c, v in sorted(per_cat.items())},
        "confusion": {c: dict(v.most_common()) for c, v in sorted(confusion.items())},
        "misses": misses,
    }


def print_table(results: dict[str, dict[str, Any]], out: Any = sys.stdout) -> None:
    w = max(len(name) for name in results) + 2
    print(f"{'set':<{w}}{'texts':>6}{'cat exact':>11}{'cat ~':>8}{'fix':>8}{'placeholders':>14}", file=out)
    for name, r in results.items():
        print(f"{name:<{w}}{r['texts']:>6}{r['category_exact']:>10.1f}%{r['category_with_neighbours']:>7.1f}%"
              f"{r['fix']:>7.1f}%{r['placeholders']:>14}", file=out)
    for name, r in results.items():
        print(f"\n{name}: per category (exact/n, fix/n; misses labelled -> got)", file=out)
        for cat, c in r["per_category"].items():
            conf = ", ".join(f"{g} x{k}" for g, k in r["confusion"].get(cat, {}).items())
            line = f"  {cat:<34}{c.get('exact', 0):>3}/{c['n']:<3} fix {c.get('fix', 0):>3}/{c['n']}"
            print(line + (f"  -> {conf}" if conf else ""), file=out)
        if r["placeholder_names"]:
            print("  placeholders left: " + ", ".join(f"{k} x{v}" for k, v in r["placeholder_names"].items()),
                  file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help="corpus files (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print the figures (with every miss) as JSON")
    args = parser.parse_args(argv)

    from advisor.diagnose import explain
    from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack

    report = load_pack(bundled_rules_dir())  # the shipped rules only, loaded once
    rules = RuleSet([r for r in report.rules if applies(r)])

    def run(text: str) -> Any:
        return explain(text, rules=rules)

    results: dict[str, dict[str, Any]] = {}
    every: list[dict[str, Any]] = []
    # batch2 before batch10: the files in their natural order, whatever order the shell's glob gave
    for path in sorted(args.files, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.stem)]):
        rows = read_rows(path)
        every += rows
        results[path.stem] = measure(rows, run)
    if len(args.files) > 1:
        results["all"] = measure(every, run)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
