"""advisor.needles: the literals a pattern cannot match without, read from the pattern, skip no real match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.corpus_share import STRIDE, corpus_share

import advisor.textparse as textparse
from advisor.needles import Gated, backticks_optional, flattened, needles_of

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(("pattern", "needles"), [
    (r"Unsupported operand (\d+)", ("Unsupported operand ",)),
    (r"(?:Client|Server) error '([1-5]\d\d) ", (" error '",)),
    (r"\b(?:Unauthorized|Forbidden)\b", ("Unauthorized", "Forbidden")),
    (r"\b(?:401|403)\b", None),  # the parser factors out "40": a shorter run than a scan is worth
    (r"(?:^|\s)/(?:Users|opt/homebrew)/|Python\.framework/", ("Users", "opt/homebrew", "Python.framework/")),
    (r"M[1-5] ?(?:chip|芯片|Mac)", ("chip", "芯片", "Mac")),  # two CJK characters are selective enough
    (r"(?:ab|cd)", None),  # too short to be worth a scan
    (r"\d+ items?", (" item",)),
    (r"x(?i:Remote Code)", None),  # a case-switching group: its letters do not hold as written
])
def test_needles_of(pattern: str, needles: tuple[str, ...] | None) -> None:
    assert needles_of(re.compile(pattern)) == needles


@pytest.mark.parametrize(("pattern", "needles"), [
    ("is[ \n]not[ \n]a[ \n]local[ \n]folder", ("is not a local folder",)),  # wrap_tolerant's space: a space
    ("does not\nappear", ("does not appear",)),  # a line break of the pattern: a space of the flattened text
    ("[ \t]not a", ("not a",)),  # another class stays a class
])
def test_flat_needles_read_wrap_tolerant_spaces_as_spaces(pattern: str, needles: tuple[str, ...]) -> None:
    assert needles_of(re.compile(pattern), flat=True) == needles
    assert flattened("a\nb c") == "a b c"


@pytest.mark.parametrize(("pattern", "marked", "message"), [
    # a quoted name: its marks may be lost
    ("using `from_pretrained` with", "using `?from_pretrained`? with", "You are using `from_pretrained` with a meta"),
    ("`Auto\\w*\\.from_pretrained", "`?Auto\\w*\\.from_pretrained", "use `AutoModel.from_pretrained(path)`"),
    ("an `offload_dir`\\s?to", "an `?offload_dir`?\\s?to", "We need an `offload_dir` to dispatch this model"),
    ("`device_map='[\\w:]+'`", "`?device_map='[\\w:]+'`?", "does not support `device_map='auto'`."),
    # marks that bound a class, or punctuation between two names, stay
    ("The model `[^`\\n]{1,200}` does not", "The model `[^`\\n]{1,200}` does not", ""),
    ("name `\\w+` is", "name `\\w+` is", ""),
    ("`, expected one of `", "`, expected one of `", ""),
    ("x`?y", "x`?y", ""),  # already optional
    ("a\\`b", "a\\`b", ""),  # escaped
    ("(?<=`)x", "(?<=`)x", ""),  # a lookbehind keeps its fixed width
    ("[`]x", "[`]x", ""),  # inside a class
])
def test_backticks_optional(pattern: str, marked: str, message: str) -> None:
    assert backticks_optional(pattern) == marked
    if message:  # the marked pattern reads the message with its code marks and as a rendered page shows it
        assert re.search(marked, message) and re.search(marked, message.replace("`", ""))
        assert not re.search(pattern, message.replace("`", ""))


def test_a_wrapped_text_passes_the_gate_of_its_message() -> None:
    gated = textparse.gated(re.compile(r"'([^'\n]{1,300})' is not a local folder"))[0]
    hit = gated.search("OSError: 'org/model' is not a\nlocal folder and is not a valid model identifier")
    assert hit and hit.group(1) == "org/model"


def test_an_ignorecase_pattern_is_gated_in_the_case_folded_text() -> None:
    gated = Gated(re.compile(r"in order to create symlinks|untrusted mount point", re.IGNORECASE))
    assert gated.needles == ("in order to create symlinks", "untrusted mount point")
    assert gated.search("... In Order To Create SYMLINKS ...")
    assert not gated.search("symlinks were created")


def _gated_patterns() -> list[Gated]:
    found: list[Gated] = []
    for value in vars(textparse).values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            item = item[1] if isinstance(item, tuple) and len(item) == 2 else item
            if isinstance(item, Gated):
                found.append(item)
    return found


GATED = _gated_patterns()


def test_textparse_gates_its_slowest_patterns() -> None:
    assert len(GATED) >= 30 and sum(g.needles is not None for g in GATED) >= 30


@pytest.mark.corpus_wide
def test_the_gates_change_no_search_on_any_corpus_or_wordings_text() -> None:
    """Every gated pattern finds the same match with its needles checked first as without, on every real text, as
    pasted and wrapped by words at 40 columns (the needles are checked in the text with its line breaks as spaces)."""
    import textwrap

    pasted = corpus_share([json.loads(line)["error_text"]
                           for path in sorted([*DATA.glob("corpus/*.jsonl"), *DATA.glob("wordings/*.jsonl")])
                           for line in path.read_text(encoding="utf-8").splitlines() if line.strip()], part=1)
    wrapped = ["\n".join("\n".join(textwrap.wrap(line, 40)) for line in text.split("\n")) for text in pasted]
    texts = [*pasted, *wrapped]
    assert len(pasted) > 4000 // STRIDE
    skipped = 0
    for text in texts:
        for gated in GATED:
            plain = gated.pattern.search(text)
            found = gated.search(text)
            assert (found and found.span()) == (plain and plain.span())
            skipped += gated.needles is not None and found is None and not any(
                n in (flattened(text).casefold() if gated.lower else flattened(text)) for n in gated.needles)
    assert skipped > 100_000 // STRIDE


@pytest.mark.parametrize("gated", [g for g in GATED if g.needles is not None], ids=lambda g: g.pattern.pattern[:40])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_string_a_pattern_matches_holds_one_of_its_needles(gated: Gated, data: st.DataObject) -> None:
    """Texts generated from the pattern itself (hypothesis' from_regex) each hold a needle: the gate skips no match."""
    try:
        strategy = st.from_regex(gated.pattern, fullmatch=True)
        text = data.draw(strategy)
    except (re.error, NotImplementedError, ValueError):
        pytest.skip("hypothesis cannot generate this pattern")
    seen = flattened(text).casefold() if gated.lower else flattened(text)
    assert gated.needles is not None and any(needle in seen for needle in gated.needles)
