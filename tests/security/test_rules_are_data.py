"""Rule files are data: no code in a pack, no object internals through templates, and no rule can declare
remote code (or another risky change) "safe" to slip it past consent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import LoadFailed, Policy, explain, safe_load
from advisor.context import template_problems
from advisor.engine import parse_rule_file
from advisor.policy import Risk
from advisor.risk import effective_risk

DANGEROUS_TEMPLATES = [
    "{plan.__class__}", "{plan.model_id.__class__.__mro__}", "{facts.__init__.__globals__}", "{failure.__dict__}",
    "{0.__class__}", "{__import__}", "{plan.kwargs.__class__.__base__.__subclasses__}", "{plan.model_id!r:>99999999}",
    "%(plan)s", "${HOME}", "{{plan.model_id}}", "{local.files.__len__}", "{facts.installed.__class__}",
]
#: Since packs are checked against the declared context schema, templates naming an unknown key
#: (``{plan.__class__}``, ``{failure.__dict__}``) are refused at load; the rest must still render harmlessly.
REFUSED_AT_LOAD = [t for t in DANGEROUS_TEMPLATES if template_problems(t)]
ACCEPTED = [t for t in DANGEROUS_TEMPLATES if not template_problems(t)]
#: What a leaked object repr or an evaluated expression would look like in the output.
LEAK_MARKERS = ("<class", "<function", "<built-in", "<bound method", "<module", "object at 0x", "mappingproxy")


def _sneaky_pack(folder: Path, *, risk: str = "safe", action: str = 'type = "set_kwargs", set = { dtype = "float32" }',
                 match: str = "(?i)contains custom code") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    templates = " ".join(ACCEPTED).replace("\\", "\\\\").replace('"', '\\"')
    (folder / "sneaky.toml").write_text(f'''category = "other"
title = "Sneaky {templates}"
explain = "x {templates}"
priority = 0
[match]
message = ["{match}"]
[[remedy]]
fix = "reduce_dtype"
risk = "{risk}"
action = {{ {action} }}
reason = "totally safe {templates}"
next_step = "do {templates}"
''')
    return folder


def test_templates_naming_object_internals_are_refused_at_pack_load(tmp_path: Path) -> None:
    assert "{plan.__class__}" in REFUSED_AT_LOAD and "{facts.__init__.__globals__}" in REFUSED_AT_LOAD
    assert "{plan.kwargs.__class__.__base__.__subclasses__}" in ACCEPTED  # below a key: rendered as text
    pack = _sneaky_pack(tmp_path / "pack")
    bad = (pack / "sneaky.toml").read_text().replace('explain = "x ', 'explain = "x ' + " ".join(REFUSED_AT_LOAD))
    (pack / "sneaky.toml").write_text(bad)
    rule, problems = parse_rule_file(pack / "sneaky.toml")
    assert rule is None and any(":3: explain:" in p and "__class__" in p for p in problems), problems


def test_templates_cannot_reach_object_internals_in_explain(tmp_path: Path) -> None:
    pack = _sneaky_pack(tmp_path / "pack")
    out = explain("ValueError: The repository contains custom code which must be executed", rules=[pack])
    assert out.rule == "sneaky"
    text = out.model_dump_json()
    assert not [m for m in LEAK_MARKERS if m in text], text
    assert len(text) < 10_000  # no format-spec padding blow-up


def test_templates_cannot_reach_object_internals_in_a_live_report(hf_home: Path, tmp_path: Path,
                                                                  custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    pack = _sneaky_pack(tmp_path / "pack", action='type = "set_kwargs", set = { dtype = "{plan.kwargs.__class__}" }')
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False, rules=[pack])
    text = info.value.report.to_json() + info.value.report.to_markdown()
    assert info.value.report.attempts[0].rule == "sneaky"
    assert not [m for m in LEAK_MARKERS if m in text]
    assert not marker.exists()


def test_a_rule_cannot_declare_remote_code_safe(hf_home: Path, tmp_path: Path,
                                                custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    pack = _sneaky_pack(tmp_path / "pack", action='type = "set_kwargs", set = { trust_remote_code = true }')
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False, rules=[pack])
    assert not marker.exists(), "a rule file declared trust_remote_code 'safe' and remote code ran"
    remedy = info.value.report.attempts[0].remedy
    assert remedy is not None and remedy.risk is Risk.security and not remedy.applied


def test_positive_control_the_smuggled_remedy_does_run_with_consent(hf_home: Path, tmp_path: Path,
                                                                    custom_code_dir: tuple[Path, Path]) -> None:
    folder, marker = custom_code_dir
    pack = _sneaky_pack(tmp_path / "pack", action='type = "set_kwargs", set = { trust_remote_code = true }')
    asked = []
    safe_load(str(folder), tokenizer=False, rules=[pack], policy=Policy(consent=lambda r: asked.append(r) or True))
    assert marker.exists() and asked[0].risk is Risk.security


@pytest.mark.parametrize(("changes", "expected"), [
    ({"trust_remote_code": True}, Risk.security),
    ({"trust_remote_code": False}, Risk.safe),
    ({"ignore_mismatched_sizes": True}, Risk.security),
    ({"use_safetensors": False}, Risk.security),
    ({"code_revision": "abc"}, Risk.security),
    ({"model_id": "other/repo"}, Risk.identity),
    ({"dtype": "float16"}, Risk.precision),
    ({"weights_only": False}, Risk.security),
    ({"revision": "v2"}, Risk.identity),
    ({"some_future_kwarg": 1}, Risk.security),
])
def test_the_risk_of_a_change_is_never_lower_than_what_it_does(changes: dict[str, object], expected: Risk) -> None:
    assert effective_risk(Risk.safe, changes) is expected
    assert effective_risk(Risk.destructive, changes) is Risk.destructive  # a declared higher risk stays


@pytest.mark.parametrize("action", [
    '{ type = "python", code = "import os" }',
    '{ type = "shell", command = "rm -rf ~" }',
    '{ type = "set_kwargs", set = { dtype = "float16" }, exec = "print(1)" }',
    '{ type = "retry", backoff_s = 1e9 }',
    '{ type = "set_kwargs", set = { dtype = "float16" }, type2 = "x" }',
])
def test_actions_outside_the_closed_set_or_with_extra_fields_are_rejected(tmp_path: Path, action: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'category = "other"\ntitle = "t"\nexplain = "e"\n[match]\nmessage = ["x"]\n'
                    f'[[remedy]]\nfix = "retry_download"\naction = {action}\n')
    rule, problems = parse_rule_file(path)
    assert rule is None and problems and all(str(path) in p and "remedy.0.action" in p for p in problems)


def test_a_rule_file_cannot_add_top_level_code_fields(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('category = "other"\ntitle = "t"\nexplain = "e"\nhook = "os.system"\n[match]\nmessage = ["x"]\n')
    rule, problems = parse_rule_file(path)
    assert rule is None and any("hook" in p for p in problems)
    assert json.dumps(problems)  # plain strings, printable by `advisor rules check`
