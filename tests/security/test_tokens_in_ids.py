"""A token pasted inside a model id never reaches any output, and the advisor's own Hub calls use the
caller's ``token=`` exactly as ``from_pretrained`` does.

The ids are real URLs people paste (``?token=``, ``user:token@``); the loads run for real against the cached
tiny models or the Hub double, and every place a token could leak is read back: the report and its
``model_dump_json()``, every event, the ``LoadFailed`` message, the remembered files' names and contents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.hub_double import HubDouble

from advisor import LoadFailed, Policy, safe_load
from advisor import events as ev

TOKEN = "hf_" + "Q7x2Lm9Pz4Rk8Wv3Ny6Bt1Hd5Jc0Gs"  # token-shaped, never valid anywhere


def _everything(events: list[ev.Event], cache: Path) -> str:
    """All the text a token could leak into: events, and remembered files with their names."""
    parts = [event.model_dump_json() for event in events]
    for file in cache.rglob("*"):
        parts.append(str(file))
        if file.is_file():
            parts.append(file.read_text(errors="replace"))
    return "\n".join(parts)


@pytest.mark.parametrize("model_id", [
    f"https://huggingface.co/acme/tiny-gpt2?token={TOKEN}",
    f"https://user:{TOKEN}@huggingface.co/acme/tiny-gtp2",
    f"https://huggingface.co/acme/tiny-gpt2/tree/main?access_token={TOKEN}&x=1",
])
def test_a_token_inside_a_pasted_url_reaches_no_output(model_id: str, cached_tiny: Path,
                                                        _isolated_advisor_cache: Path) -> None:
    seen: list[ev.Event] = []
    asked: list[object] = []  # offline, the typo'd id inside a URL is repaired only with a yes: said here
    result = safe_load(model_id, tokenizer=False, on_event=seen.append,
                       policy=Policy(consent=lambda request: asked.append(request) or True))
    assert result.report.final_model_id == "acme/tiny-gpt2"  # the id inside the URL still loads
    assert TOKEN not in repr(asked)
    assert TOKEN not in result.report.model_dump_json() and TOKEN not in result.report.to_markdown()
    assert TOKEN not in _everything(seen, _isolated_advisor_cache)


def test_a_token_inside_a_failing_id_is_not_in_the_exception(cached_tiny: Path, _isolated_advisor_cache: Path) -> None:
    seen: list[ev.Event] = []
    with pytest.raises(LoadFailed) as info:
        safe_load(f"https://huggingface.co/nobody/nothing-like-it?token={TOKEN}", tokenizer=False,
                  on_event=seen.append)
    assert TOKEN not in str(info.value) and TOKEN not in info.value.report.model_dump_json()
    assert TOKEN not in _everything(seen, _isolated_advisor_cache)


def test_a_short_common_word_as_hf_token_does_not_corrupt_the_snippet(cached_tiny: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "torch")
    result = safe_load("acme/tiny-gpt2", tokenizer=False, dtype="float32")
    assert "import torch" in result.report.snippet and "torch.float32" in result.report.snippet


def test_the_advisor_searches_the_hub_with_the_callers_token(hub: HubDouble, tiny_llama_dir: Path) -> None:
    """The private repo is visible only with the caller's token: the typo is repaired only if the advisor's own
    search sends that token (before: huggingface_hub's saved token, here none)."""
    caller = "hf_" + "CallerToken0123456789abcdefXYZ"
    hub.add_repo("org/private-tiny", tiny_llama_dir, private=True)
    hub.authorized_tokens.add(caller)
    result = safe_load("org/private-tinyy", tokenizer=False, token=caller, policy=Policy(remember=False))
    assert result.report.final_model_id == "org/private-tiny"
    assert caller not in result.report.model_dump_json() and caller not in json.dumps(result.report.final_kwargs)
