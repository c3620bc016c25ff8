"""A rule pack cannot talk the advisor into anything: the risk of a change is judged by what it does.

Each user pack below lies about its risk (``safe``) or its fix tag (``set_trust_remote_code``) while proposing
something dangerous: unpickling weights, another revision, re-initialising mismatched weights. The failures
are real (a pickle checkpoint refused by ``weights_only``, a revision the cache does not have, a real load);
each test asserts what a user relies on: no attempt made with the change, consent asked with the real risk,
or refused when no one can answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch
from support.tiny_models import build_tiny_llama

from advisor import LoadFailed, Policy, safe_load
from advisor.policy import ConsentRequest, Risk


class Evil:
    """Unpickling this writes a marker file: stands for arbitrary code in a pickle checkpoint."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.write_text, (self.marker, "pickle code ran"))


@pytest.fixture
def pickle_checkpoint(tmp_path: Path, tiny_llama_dir: Path) -> tuple[Path, Path]:
    """A llama folder whose only weights are a pickle that runs code when unpickled without weights_only."""
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_llama_dir, folder)
    for file in folder.glob("*.safetensors"):
        file.unlink()
    marker = tmp_path / "pickle_ran.marker"
    torch.save({"model.embed_tokens.weight": Evil(marker)}, folder / "pytorch_model.bin")
    return folder, marker


def _pack(tmp_path: Path, name: str, body: str) -> Path:
    folder = tmp_path / f"pack-{name}"
    folder.mkdir()
    (folder / f"{name}.toml").write_text(body)
    return folder


def _rule(match: str, fix: str, risk: str, set_: str, category: str = "corrupted_or_incomplete_download") -> str:
    return (f'category = "{category}"\ntitle = "mislabelled"\nexplain = "a pack that lies"\npriority = 1\n'
            f'[match]\nmessage = ["{match}"]\n'
            f'[[remedy]]\nfix = "{fix}"\nrisk = "{risk}"\naction = {{ type = "set_kwargs", set = {{ {set_} }} }}\n')


def test_the_pickle_checkpoint_really_runs_code_when_unpickled(pickle_checkpoint: tuple[Path, Path]) -> None:
    """Positive control: without weights_only the file does run code, so the tests below guard something."""
    folder, marker = pickle_checkpoint
    torch.load(folder / "pytorch_model.bin", weights_only=False)
    assert marker.exists()


def test_a_pack_calling_weights_only_false_safe_is_never_applied_without_consent(
        tmp_path: Path, pickle_checkpoint: tuple[Path, Path]) -> None:
    folder, marker = pickle_checkpoint
    pack = _pack(tmp_path, "unpickle", _rule("Weights only load failed", "force_download", "safe",
                                             "weights_only = false"))
    with pytest.raises(LoadFailed) as info:
        safe_load(str(folder), tokenizer=False, rules=[pack])
    report = info.value.report
    assert all("weights_only" not in attempt.kwargs for attempt in report.attempts)
    decided = [a.remedy for a in report.attempts if a.remedy and "weights_only" in a.remedy.changes]
    assert decided and decided[0].risk is Risk.security and not decided[0].applied
    assert not marker.exists()


def test_consent_for_unpickling_is_asked_as_security_and_a_no_is_kept(
        tmp_path: Path, pickle_checkpoint: tuple[Path, Path]) -> None:
    folder, marker = pickle_checkpoint
    pack = _pack(tmp_path, "unpickle", _rule("Weights only load failed", "force_download", "safe",
                                             "use_safetensors = false, weights_only = false"))
    asked: list[ConsentRequest] = []
    with pytest.raises(LoadFailed):
        safe_load(str(folder), tokenizer=False, rules=[pack],
                  policy=Policy(consent=lambda request: asked.append(request) or False))
    assert [request.risk for request in asked if "weights_only" in request.changes] == [Risk.security]
    assert not marker.exists()


def test_a_pack_moving_a_pinned_revision_is_not_applied_as_safe(tmp_path: Path, cached_tiny: Path) -> None:
    """The user pinned a revision the cache lacks; a pack 'repairs' it to main and calls that safe."""
    pack = _pack(tmp_path, "revision", _rule("couldn't find them in the cached files|LocalEntryNotFound|"
                                             "OfflineModeIsEnabled|not a valid git identifier",
                                             "use_local_cache", "safe", 'revision = "main"',
                                             category="offline_or_network"))
    with pytest.raises(LoadFailed) as info:
        safe_load("org/tiny", tokenizer=False, revision="reviewed-v1", rules=[pack])
    attempts = info.value.report.attempts
    assert attempts and all(a.kwargs.get("revision") == "reviewed-v1" for a in attempts)
    moved = [a.remedy for a in attempts if a.remedy and a.remedy.changes.get("revision") == "main"]
    assert moved and moved[0].risk is Risk.identity and not moved[0].applied


def test_allow_remote_code_does_not_approve_a_size_mismatch_tagged_as_remote_code(tmp_path: Path) -> None:
    """A real load that fails (a missing folder); the pack tags ignore_mismatched_sizes as set_trust_remote_code."""
    pack = _pack(tmp_path, "sizes", _rule("does not appear to have|is not a local folder|Repo id must|"
                                          "HFValidationError|Incorrect path",
                                          "set_trust_remote_code", "security", "ignore_mismatched_sizes = true",
                                          category="size_mismatch"))
    missing = str(tmp_path / "nowhere" / "model")
    with pytest.raises(LoadFailed) as info:
        safe_load(missing, tokenizer=False, rules=[pack], policy=Policy(allow_remote_code=True))
    attempts = info.value.report.attempts
    assert all("ignore_mismatched_sizes" not in a.kwargs for a in attempts)
    tagged = [a.remedy for a in attempts if a.remedy and "ignore_mismatched_sizes" in a.remedy.changes]
    assert tagged and not tagged[0].applied


def test_allow_remote_code_still_grants_exactly_trust_remote_code(custom_code_dir: tuple[Path, Path]) -> None:
    """The grant itself keeps working: remote code alone, allowed by the policy, runs (positive control)."""
    folder, marker = custom_code_dir
    result = safe_load(str(folder), tokenizer=False, policy=Policy(allow_remote_code=True))
    assert result.report.final_kwargs.get("trust_remote_code") is True and marker.exists()


def test_a_pack_cannot_lower_the_risk_of_a_tiny_change_either(tmp_path: Path) -> None:
    """An unknown kwarg is security whatever the pack says (the advisor only changes what it understands)."""
    build_tiny_llama(tmp_path / "m")
    missing = str(tmp_path / "m-missing")
    pack = _pack(tmp_path, "unknown", _rule("does not appear to have|is not a local folder|Repo id must|"
                                            "HFValidationError|Incorrect path",
                                            "retry_download", "safe", "_experimental_loader = true",
                                            category="offline_or_network"))
    with pytest.raises(LoadFailed) as info:
        safe_load(missing, tokenizer=False, rules=[pack])
    decided = [a.remedy for a in info.value.report.attempts if a.remedy and "_experimental_loader" in a.remedy.changes]
    assert decided and decided[0].risk is Risk.security and not decided[0].applied


def test_a_pack_naming_another_auto_class_is_not_applied_without_consent(tmp_path: Path) -> None:
    """Another class is another head (identity): a rule's literal class name is no proof, whatever its risk says."""
    missing = str(tmp_path / "no-such-model")
    pack = _pack(tmp_path, "klass", (
        'category = "wrong_auto_class"\ntitle = "mislabelled"\nexplain = "a pack that lies"\npriority = 1\n'
        '[match]\nmessage = ["does not appear to have|is not a local folder|Repo id must|HFValidationError|'
        'Incorrect path"]\n[[remedy]]\nfix = "use_other_auto_class"\nrisk = "safe"\n'
        'action = { type = "use_auto_class", name = "AutoModelForSequenceClassification" }\n'))
    with pytest.raises(LoadFailed) as info:
        safe_load(missing, tokenizer=False, rules=[pack])
    attempts = info.value.report.attempts
    assert all(a.auto_class == "AutoModelForCausalLM" for a in attempts)
    named = [a.remedy for a in attempts if a.remedy and a.remedy.changes.get("auto_class")]
    assert named and named[0].risk is Risk.identity and not named[0].applied
