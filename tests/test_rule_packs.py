"""Rule packs from every layer (rules=, ADVISOR_RULES, the user config dir, `advisor.rules` entry points) repair
real loads; a later layer replaces a rule id only with `override = true` and says so; a bad pack is reported
with file and field while the rest still load."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.tiny_models import build_tiny_llama
from typer.testing import CliRunner

from advisor import Policy, safe_load
from advisor.cli import app
from advisor.engine import ENTRY_POINT_GROUP, RuleSet, user_rules_dir

RULE_ID = "acme-weights-subfolder"
# A team's own layout: their export keeps config and weights in a `weights/` subfolder. No bundled rule knows.
TEAM_RULE = '''category = "missing_weights_files"
title = "Acme checkpoints keep config and weights in weights/"
explain = "This folder holds {local.files_text}: the Acme export puts the checkpoint in weights/."
priority = 10
[match]
message = ["(?i)config\\\\.json"]
[when]
"plan.is_local_dir" = { truthy = true }
"local.files" = { matches = "'weights'" }
[[remedy]]
fix = "other"
risk = "safe"
reason = "load from the weights/ subfolder"
action = { type = "set_kwargs", set = { subfolder = "weights" } }
'''
MISSPELT = TEAM_RULE.replace("[match]\nmessage", "[match]\nmesage")
runner = CliRunner()


def write_pack(folder: Path, rules: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in rules.items():
        (folder / f"{name}.toml").write_text(text)
    return folder


@pytest.fixture(scope="module")
def acme_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose checkpoint lives in `weights/`: transformers alone cannot load the folder."""
    root = tmp_path_factory.mktemp("acme") / "acme-model"
    build_tiny_llama(root / "weights")
    return root


@pytest.fixture
def no_user_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No ADVISOR_RULES and an empty user config dir (XDG_CONFIG_HOME in tmp): only the layers a test adds."""
    monkeypatch.delenv("ADVISOR_RULES", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "advisor" / "rules"


def install_plugin(site: Path, name: str, target: str, rules: dict[str, str] | None = None) -> Path:
    """A real installed distribution (dist-info with entry_points.txt) whose `advisor.rules` entry is `target`."""
    package = site / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "from pathlib import Path\n\n\ndef pack() -> str:\n    return str(Path(__file__).parent / 'rules')\n"
    )
    if rules:
        write_pack(package / "rules", rules)
    dist = site / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{name} = {target}\n")
    return package / "rules"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site dir on sys.path for plugin distributions; their modules are forgotten afterwards."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    before = set(sys.modules)
    yield folder
    for name in set(sys.modules) - before:
        if name.startswith("acme_"):
            del sys.modules[name]


def load_acme(checkpoint: Path, **kwargs: object) -> list[str | None]:
    # Another subfolder is another model (identity): even the team's own pack needs a yes, given here for it alone.
    policy = Policy(remember=False, consent=lambda request: request.changes == {"subfolder": "weights"})
    result = safe_load(str(checkpoint), tokenizer=False, policy=policy, **kwargs)  # type: ignore[arg-type]
    assert result.report.succeeded and result.report.final_kwargs["subfolder"] == "weights"
    return [a.rule for a in result.report.attempts]


# ---- each layer repairs a real load --------------------------------------------------------------


def test_without_the_team_pack_the_folder_does_not_load(hf_home: Path, acme_checkpoint: Path,
                                                       no_user_layers: Path) -> None:
    from advisor import LoadFailed

    with pytest.raises(LoadFailed) as info:
        safe_load(str(acme_checkpoint), tokenizer=False, policy=Policy(remember=False))
    assert all(a.rule != RULE_ID for a in info.value.report.attempts)


def test_pack_from_the_rules_argument(hf_home: Path, acme_checkpoint: Path, no_user_layers: Path,
                                      tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", {RULE_ID: TEAM_RULE})
    assert load_acme(acme_checkpoint, rules=[pack]) == [RULE_ID, None]


def test_pack_from_advisor_rules_env(hf_home: Path, acme_checkpoint: Path, no_user_layers: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    empty = write_pack(tmp_path / "empty", {})
    pack = write_pack(tmp_path / "pack", {RULE_ID: TEAM_RULE})
    monkeypatch.setenv("ADVISOR_RULES", f"{empty}{':' if sys.platform != 'win32' else ';'}{pack}")
    assert load_acme(acme_checkpoint) == [RULE_ID, None]
    assert RuleSet.load().by_id(RULE_ID).source == str(pack / f"{RULE_ID}.toml")


def test_pack_from_the_user_config_dir(hf_home: Path, acme_checkpoint: Path, no_user_layers: Path) -> None:
    assert user_rules_dir() == no_user_layers
    write_pack(no_user_layers, {RULE_ID: TEAM_RULE})
    assert load_acme(acme_checkpoint) == [RULE_ID, None]


def test_pack_from_an_entry_point_of_an_installed_distribution(hf_home: Path, acme_checkpoint: Path,
                                                               no_user_layers: Path, site: Path) -> None:
    rules = install_plugin(site, "acme_rules_plugin", "acme_rules_plugin:pack", {RULE_ID: TEAM_RULE})
    assert load_acme(acme_checkpoint) == [RULE_ID, None]
    assert RuleSet.load().by_id(RULE_ID).source == str(rules / f"{RULE_ID}.toml")
    listing = runner.invoke(app, ["rules", "list"])
    assert listing.exit_code == 0 and RULE_ID in listing.stdout


def test_a_plugin_installed_after_a_load_is_seen_by_the_next_load(no_user_layers: Path, site: Path) -> None:
    # The entry-point listing is reused while sys.path's folders are unchanged; installing a distribution
    # changes its folder. An old mtime first, so the first load does cache its listing.
    os.utime(site, (1_000_000_000, 1_000_000_000))
    assert RULE_ID not in {r.id for r in RuleSet.load().rules}
    install_plugin(site, "acme_late_plugin", "acme_late_plugin:pack", {RULE_ID: TEAM_RULE})
    assert RuleSet.load().by_id(RULE_ID).category == "missing_weights_files"
    os.utime(site, (1_000_000_100, 1_000_000_100))  # an old mtime again, but not the cached one: listed anew
    assert RuleSet.load().by_id(RULE_ID).category == "missing_weights_files"


def test_loading_again_reuses_the_compiled_rules_but_not_the_skipped_record(no_user_layers: Path) -> None:
    first, second = RuleSet.load(), RuleSet.load()
    assert first is not second and first.skipped_rules is not second.skipped_rules
    assert [r.id for r in first.rules] == [r.id for r in second.rules]
    assert all(first._compiled[r.id] is second._compiled[r.id] for r in first.rules)


# ---- overrides: only on purpose, and said out loud ------------------------------------------------


def test_a_user_pack_cannot_silently_replace_a_bundled_rule(no_user_layers: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", {"cuda-oom": TEAM_RULE})
    rs = RuleSet.load([pack])
    assert rs.by_id("cuda-oom").category.value == "cuda_oom" and not rs.overrides
    result = runner.invoke(app, ["rules", "list", str(pack)])
    assert result.exit_code == 0
    assert "problem:" in result.stderr and "set `override = true`" in result.stderr
    assert str(pack / "cuda-oom.toml") in result.stderr


def test_override_true_replaces_a_bundled_rule_and_rules_list_says_so(no_user_layers: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", {"cuda-oom": "override = true\n" + TEAM_RULE})
    assert RuleSet.load([pack]).by_id("cuda-oom").source == str(pack / "cuda-oom.toml")
    result = runner.invoke(app, ["rules", "list", str(pack)])
    assert result.exit_code == 0
    line = next(x for x in result.stderr.splitlines() if x.startswith("override:"))
    assert "cuda-oom" in line and "memory/cuda-oom.toml" in line and str(pack / "cuda-oom.toml") in line


def test_a_later_layer_overrides_an_earlier_plugin_only_with_override(no_user_layers: Path, site: Path) -> None:
    plugin = install_plugin(site, "acme_rules_base", "acme_rules_base:pack", {RULE_ID: TEAM_RULE})
    write_pack(no_user_layers, {RULE_ID: TEAM_RULE.replace('"weights"', '"ckpt"')})
    rs = RuleSet.load()
    assert rs.by_id(RULE_ID).source == str(plugin / f"{RULE_ID}.toml")  # the user dir came later, no override
    assert any(RULE_ID in p and "override" in p for p in rs.problems)
    write_pack(no_user_layers, {RULE_ID: "override = true\n" + TEAM_RULE.replace('"weights"', '"ckpt"')})
    rs = RuleSet.load()
    assert rs.by_id(RULE_ID).source == str(no_user_layers / f"{RULE_ID}.toml")
    assert rs.overrides == [f"{RULE_ID}: {plugin / f'{RULE_ID}.toml'} replaced by {no_user_layers / f'{RULE_ID}.toml'}"]


# ---- bad packs: reported with file and field, the rest still loads ----------------------------------


def test_a_bad_file_is_reported_and_the_rest_of_its_pack_still_loads(hf_home: Path, acme_checkpoint: Path,
                                                                     no_user_layers: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pack = write_pack(tmp_path / "pack", {RULE_ID: TEAM_RULE, "acme-typo": MISSPELT})
    monkeypatch.setenv("ADVISOR_RULES", str(pack))
    rs = RuleSet.load()
    [problem] = [p for p in rs.problems if "acme-typo" in p]
    assert problem.startswith(f"{pack / 'acme-typo.toml'}:") and "match.mesage" in problem
    assert RULE_ID in {r.id for r in rs.rules} and "cuda-oom" in {r.id for r in rs.rules}
    assert load_acme(acme_checkpoint) == [RULE_ID, None]  # the good rule of the same pack still acts
    listing = runner.invoke(app, ["rules", "list"])
    assert listing.exit_code == 0 and "match.mesage" in listing.stderr


def test_a_broken_plugin_is_skipped_and_the_other_packs_still_load(no_user_layers: Path, site: Path) -> None:
    install_plugin(site, "acme_rules_broken", "acme_rules_broken:no_such_function")
    good = install_plugin(site, "acme_rules_good", "acme_rules_good:pack", {RULE_ID: TEAM_RULE})
    rs = RuleSet.load()
    assert rs.by_id(RULE_ID).source == str(good / f"{RULE_ID}.toml") and "cuda-oom" in {r.id for r in rs.rules}


def test_rules_check_exits_one_naming_file_and_field_of_a_plugin_pack(site: Path) -> None:
    rules = install_plugin(site, "acme_rules_check", "acme_rules_check:pack",
                           {RULE_ID: TEAM_RULE, "acme-typo": MISSPELT})
    result = runner.invoke(app, ["rules", "check", str(rules)])
    assert result.exit_code == 1
    assert f"{rules / 'acme-typo.toml'}:6: match.mesage" in result.stdout
    assert "1 valid rule(s), 1 problem(s)" in result.stderr
