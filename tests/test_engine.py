"""Rule files are data: validation with locations, a closed set of actions, layered packs, matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.context import Context
from advisor.engine import (
    RuleSet,
    literal_keyword,
    load_pack,
    parse_rule_file,
    required_literal,
    without_url_paths,
)
from advisor.errors import RulePackError
from advisor.failure import Failure
from advisor.needles import required_literals, wrap_tolerant
from advisor.policy import Policy, Risk

GOOD = '''category = "cuda_oom"
title = "t"
explain = "e"
[match]
message = ["(?i)my special failure"]
[[remedy]]
fix = "reduce_dtype"
risk = "precision"
action = { type = "set_kwargs", set = { dtype = "float16" } }
'''


CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


def test_unknown_action_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(GOOD.replace("set_kwargs", "run_shell"))
    rule, problems = parse_rule_file(path)
    assert rule is None and any("remedy.0.action" in p for p in problems)


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(GOOD.replace('category = "cuda_oom"', 'category = "nope"').replace("risk = ", "rsk = "))
    _, problems = parse_rule_file(path)
    assert len(problems) >= 2 and all(str(path) in p for p in problems)


def test_invalid_regex_and_bad_toml_are_problems(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD.replace("(?i)my special failure", "(unclosed"))
    (tmp_path / "b.toml").write_text("this is = = not toml")
    (tmp_path / "c.toml").write_text(GOOD)
    pack = load_pack(tmp_path)
    assert len(pack.rules) == 1 and len(pack.problems) == 2  # the good rule still loads


def test_a_later_layer_overrides_an_id_only_on_purpose(tmp_path: Path) -> None:
    (tmp_path / "cuda-oom.toml").write_text(GOOD)
    rs = RuleSet.load([tmp_path])
    assert any("cuda-oom" in p and "override" in p for p in rs.problems)
    assert rs.by_id("cuda-oom").source.endswith("memory/cuda-oom.toml")
    (tmp_path / "cuda-oom.toml").write_text("override = true\n" + GOOD)
    rs = RuleSet.load([tmp_path])
    assert rs.by_id("cuda-oom").source == str(tmp_path / "cuda-oom.toml") and rs.overrides


def test_strict_loading_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(GOOD.replace("title", "tittle"))
    with pytest.raises(RulePackError) as info:
        RuleSet.load([tmp_path], strict=True)
    assert "tittle" in str(info.value)


def test_user_pack_via_environment_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "my-special.toml").write_text(GOOD)
    monkeypatch.setenv("ADVISOR_RULES", str(tmp_path))
    failure = Failure.from_text("RuntimeError: my special failure happened")
    top = RuleSet.load().match(failure, Context())[0]
    assert top.rule.id == "my-special"


def test_types_in_the_chain_are_matched_through_the_mro() -> None:
    class Base(OSError):
        pass

    class Specific(Base):
        pass

    try:
        try:
            raise Specific("inner")
        except Specific as inner:
            raise OSError("outer wrapper") from inner
    except OSError as outer:
        failure = Failure.from_exception(outer)
    assert failure.has_type("Base") and failure.has_type("specific") and failure.has_type("OSError")
    assert [i.message for i in failure.chain] == ["outer wrapper", "inner"]


def test_policy_never_auto_applies_security_or_destructive() -> None:
    policy = Policy(auto_apply=frozenset(Risk))
    assert not policy.allows_without_asking(Risk.security)
    assert not policy.allows_without_asking(Risk.destructive)
    assert not Policy().allows_without_asking(Risk.identity, unambiguous=False)
    strict = Policy(auto_apply=frozenset({Risk.safe}))
    assert not strict.allows_without_asking(Risk.precision)


# ---- the rule language: any-of clauses, parsed fields, ignore_case, a string where a list is expected ----------

LANG = '''category = "revision_not_found"
title = "t"
explain = "e"
[match]
exception = "HTTPError"
ignore_case = true
[[match.any]]
message = ["REVISION NOT FOUND"]
[[match.any]]
fields = { http_status = { eq = 404 }, url_revision = { ne = "main" } }
[[remedy]]
fix = "pin_revision"
action = { type = "advise" }
'''


def _lang_rules(tmp_path: Path, text: str = LANG) -> RuleSet:
    (tmp_path / "lang.toml").write_text(text)
    pack = load_pack(tmp_path)
    assert not pack.problems, pack.problems
    return RuleSet(pack.rules)


def test_any_of_clauses_fields_and_ignore_case(tmp_path: Path) -> None:
    rules = _lang_rules(tmp_path)
    ctx = Context()
    by_text = Failure.from_text("requests.exceptions.HTTPError: revision not found for the ref")
    by_field = Failure.from_text("requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
                                 "https://huggingface.co/org/m/resolve/v9/config.json")
    on_main = Failure.from_text("requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
                                "https://huggingface.co/org/m/resolve/main/config.json")
    not_http = Failure.from_text("OSError: revision not found")
    assert [d.rule.id for d in rules.match(by_text, ctx)] == ["lang"]
    assert [d.rule.id for d in rules.match(by_field, ctx)] == ["lang"]
    assert rules.match(on_main, ctx) == [] and rules.match(not_http, ctx) == []


def test_unknown_field_is_a_pack_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(LANG.replace("http_status", "http_stat"))
    rule, problems = parse_rule_file(path)
    assert rule is None and any("http_stat" in p and "parsed failure field" in p for p in problems)


def test_ignore_case_keeps_escapes(tmp_path: Path) -> None:
    from advisor.engine import lower_pattern

    assert lower_pattern(r"No \S+ Found\W") == r"no \S+ found\W"
    rules = _lang_rules(tmp_path, GOOD.replace('"(?i)my special failure"', r'"MY \\S+ FAILURE"')
                        .replace("[match]", "[match]\nignore_case = true"))
    assert rules.match(Failure.from_text("my special failure"), Context())


def test_keep_case_holds_in_the_any_case_reading(tmp_path: Path) -> None:
    """A rule whose capitals are the point (a class name, not a variable) is not read lower-cased when nothing matched
    as written; every other rule still is. Both flags at once is a pack error."""
    from advisor.diagnose import explain

    cased = GOOD.replace('"(?i)my special failure"', r"""'name [A-Z][a-z]{1,20}[A-Z]\w{0,20} is not defined'""")
    rules = _lang_rules(tmp_path, cased)
    assert explain("name fooBar is not defined", rules=rules).rule == "lang"  # read again in any case
    rules = _lang_rules(tmp_path, cased.replace("[match]", "[match]\nkeep_case = true"))
    assert explain("name LoraConfig is not defined", rules=rules).rule == "lang"
    assert explain("name model_name is not defined", rules=rules).rule is None
    assert explain("name fooBar is not defined", rules=rules).rule is None
    path = tmp_path / "both.toml"
    path.write_text(cased.replace("[match]", "[match]\nkeep_case = true\nignore_case = true"))
    rule, problems = parse_rule_file(path)
    assert rule is None and any("contradict" in p for p in problems)


def test_rule_alternatives_reach_the_explain_json(tmp_path: Path) -> None:
    from advisor.diagnose import explain

    text = LANG + '''[[alternative]]
category = "repo_not_found"
fix = "fix_identifier"
why = "Or the repo id is wrong[[: check {plan.repo_id}]]."
'''
    rules = _lang_rules(tmp_path, text)
    result = explain("requests.exceptions.HTTPError: Revision Not Found", rules=rules)
    assert result.category == "revision_not_found"
    assert [(a.category, a.fix) for a in result.alternatives] == [("repo_not_found", "fix_identifier")]
    assert result.alternatives[0].why == "Or the repo id is wrong." and "Or the repo id is wrong." in result.explanation


def test_an_alternative_fix_in_the_top_category_reaches_the_explain_json(tmp_path: Path) -> None:
    """A rule's author may name another fix in its own category (pin the ref, or pass another revision string); the
    next-matching rules give one reading per category, but a declared alternative is kept per category and fix, and
    the same fix as the top's is not repeated."""
    from advisor.diagnose import explain

    text = LANG + '''[[alternative]]
category = "revision_not_found"
fix = "pin_revision"
why = "Not shown: the top's own fix."
[[alternative]]
category = "revision_not_found"
fix = "other"
why = "Or the client encoded the ref twice."
'''
    rules = _lang_rules(tmp_path, text)
    result = explain("requests.exceptions.HTTPError: Revision Not Found", rules=rules)
    assert (result.category, result.fix) == ("revision_not_found", "pin_revision")
    assert [(a.category, a.fix) for a in result.alternatives] == [("revision_not_found", "other")]
    assert "encoded the ref twice" in result.explanation and "Not shown" not in result.explanation


# ---- the literal pre-check: skips a search only where the pattern could not match ---------------------------


@pytest.mark.parametrize(("pattern", "literal"), [
    ("'?[A-Za-z][\\w\\-.]{0,40}'? must be installed to use", " must be installed to use"),
    ("(?m)^OSError: Path \\S+ not found", "OSError: Path "),
    ("Tokenizer class (\\w+) does not exist", "Tokenizer class "),  # the longest run
    ("(?i)cuda out of memory", None),  # case-insensitive: no literal
    ("a|bcdef", None),  # an alternation at the top: nothing is required
    ("(?:abc)?xy", None),  # optional, and a run too short to pay
])
def test_required_literal(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


_BREAK = "[ \\n]"  # a space, or a line break


@pytest.mark.parametrize(("pattern", "literals"), [
    ("is not a valid model identifier", ("is not a valid model identifier",)),
    (f"is{_BREAK}not{_BREAK}a{_BREAK}valid{_BREAK}model", ("valid", "model", "not")),  # runs of 3+, longest first
    ("Tokenizer class (\\w+) does not exist", ("Tokenizer class ", " does not exist")),
    ("(?i)cuda out of memory", ()),
    ("a|bcdef", ()),
])
def test_required_literals(pattern: str, literals: tuple[str, ...]) -> None:
    assert required_literals(pattern) == literals


@pytest.mark.parametrize(("pattern", "tolerant"), [
    ("not a valid model", f"not{_BREAK}a{_BREAK}valid{_BREAK}model"),
    ("[^ ]+ foo", f"[^ ]+{_BREAK}foo"),  # a space inside a class stays as written
    ("a\\ b c", f"a\\ b{_BREAK}c"),  # an escaped space too
    ("[] ]x y", f"[] ]x{_BREAK}y"),  # "]" right after "[" is a literal of the class
    ("[^] ]x y", f"[^] ]x{_BREAK}y"),
    ("a *b", f"a{_BREAK}*b"),  # a quantified space quantifies the group
    ("(?P<id>\\S+) does not", f"(?P<id>\\S+) does{_BREAK}not"),  # right after a capture: a space (see the docstring)
    ("(?:a|b) c", f"(?:a|b){_BREAK}c"),
    (" oom(?<=(?:HIP|XPU) oom)", f"{_BREAK}oom(?<=(?:HIP|XPU) oom)"),  # a lookbehind keeps its fixed width
    ("no_space_here", "no_space_here"),
])
def test_wrap_tolerant(pattern: str, tolerant: str) -> None:
    assert wrap_tolerant(pattern) == tolerant


def test_every_bundled_rule_compiles_as_written_and_in_any_case() -> None:
    """wrap_tolerant rewrites every pattern: none may come out invalid (a lookbehind must keep a fixed width)."""
    from advisor.engine import _compile

    for rule in RuleSet.load().rules:
        _compile(rule)
        _compile(rule, any_case=True)


def test_a_message_wrapped_at_its_spaces_reads_as_printed() -> None:
    """A paste wrapped by words (a terminal, a log viewer, a chat window: a line break where the message had a space)
    gets the answer of the message as printed, on every real text of the dev corpus, at 40 and 60 columns: the rule
    patterns and the field patterns read a line break for each space. Before, 7 of these 132 readings moved (five
    texts at 40 columns, two of them at 60 too): a pattern's phrase, or a field's, cut by a break."""
    import textwrap

    from advisor import explain

    def wrapped(text: str, width: int) -> str:
        return "\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False))
                         for line in text.split("\n"))

    rows = [json.loads(line) for line in (CORPUS / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rules = RuleSet.load()
    moved, read = [], 0
    for row in rows:
        printed = explain(row["error_text"], rules=rules)
        for width in (40, 60):
            text = wrapped(row["error_text"], width)
            if text == row["error_text"]:
                continue  # a message shorter than the width
            read += 1
            answer = explain(text, rules=rules)
            if (answer.rule, answer.category) != (printed.rule, printed.category):
                moved.append((row["id"], width, printed.rule, answer.rule))
    assert read >= 120 and not moved, moved


# ---- the keyword look-up: a text's words pick the patterns worth trying, and never skip one that matches ----------


@pytest.mark.parametrize(("literal", "keyword"), [
    ("is not a valid model identifier", "valid"),  # the edge words could be parts of longer words in a text
    ("Repository Not Found", "not"),
    ("signal: killed", None),  # both words touch an edge of the literal
    ("RepositoryNotFoundError", None),  # one word: "xRepositoryNotFoundError" holds it too
    ("KeyError: '", None),
    ("Tokenizer class ", "class"),
    ("gpus? with", None),
])
def test_literal_keyword(literal: str, keyword: str | None) -> None:
    assert literal_keyword(literal) == keyword


@given(st.text(alphabet=st.sampled_from(list("aZ_9 .:'\n-/Kİ\u212aé")), max_size=40), st.data())
@settings(max_examples=400, deadline=None)
def test_a_literal_keyword_is_a_word_of_every_text_holding_the_literal(text: str, data: st.DataObject) -> None:
    """As written and lower-cased (an ignore_case rule reads the lowered text), odd letters included: the Kelvin
    sign lowers to an ASCII k, the dotted capital I to two characters."""
    from advisor.engine import _Texts

    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    texts = _Texts(text)
    word = literal_keyword(text[i:j])
    assert word is None or word in texts.words(False)
    lowered = texts.get(True)
    word = literal_keyword(lowered[i:j]) if len(lowered) == len(text) else None
    assert word is None or word in texts.words(True)


# An IPython traceback prints the lines around each frame of the raising library: its except clauses and the
# f-string templates of its messages hold the words of other failures, and are never the failure itself.
IPYTHON_HUB_FRAME = """File /opt/conda/lib/python3.10/site-packages/transformers/utils/hub.py:406, in cached_file(...)
    404 except RepositoryNotFoundError as e:
--> 405     raise EnvironmentError(
    406         f"{path_or_repo_id} is not a local folder and is not a valid model identifier "
    407         "listed on 'https://huggingface.co/models'"
    408     ) from e
    409 except RevisionNotFoundError as e:
    410     raise EnvironmentError(
    411         f"{revision} is not a valid git identifier (branch name, tag name or commit id) that exists "
    412         "for this model name. Check the model page at "
    413         f"'https://huggingface.co/{path_or_repo_id}' for available revisions."
    414     ) from e

OSError: llm/vicuna-7b is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'
"""


def test_library_source_lines_of_a_traceback_are_not_read_as_the_failure() -> None:
    from advisor import explain
    from advisor.engine import bounded_text

    seen = bounded_text(IPYTHON_HUB_FRAME)
    assert "except RevisionNotFoundError" not in seen and "is not a valid git identifier" not in seen
    assert "OSError: llm/vicuna-7b is not a local folder" in seen and "--> 405     raise EnvironmentError(" in seen
    assert explain(IPYTHON_HUB_FRAME).category == "repo_not_found"
    # the same words as the failure's own message are read as before
    real = ("huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. Revision Not Found for url: "
            "https://huggingface.co/api/models/org/m/revision/v9.\nOSError: v9 is not a valid git identifier (branch "
            "name, tag name or commit id) that exists for this model name.")
    assert bounded_text(real) == real and explain(real).category == "revision_not_found"
    quoted = "> 427 except RevisionNotFoundError as e:\n>     raise X(f\"{revision} is bad\")\n> OSError: boom"
    assert bounded_text(quoted).strip().splitlines() == [">     raise X(f\"{revision} is bad\")", "> OSError: boom"]


# ---- last-resort rules: a reading by the message's words, only when no rule knows the message ------------------

WORDS = '''category = "quantization_config"
title = "words"
explain = "by its words"
priority = 900
last_resort = true
[match]
ignore_case = true
message = ['quanti[sz]']
[[remedy]]
fix = "other"
action = { type = "advise" }
'''
KNOWN = '''category = "missing_dependency"
title = "known"
explain = "a message this rule knows"
priority = 999
[match]
message = ['kernels are missing']
[[remedy]]
fix = "install_package"
action = { type = "advise" }
'''


def _two_tier_rules(tmp_path: Path) -> RuleSet:
    (tmp_path / "words.toml").write_text(WORDS)
    (tmp_path / "known.toml").write_text(KNOWN)
    pack = load_pack(tmp_path)
    assert not pack.problems, pack.problems
    return RuleSet(pack.rules)


def test_a_last_resort_rule_answers_only_when_no_other_rule_matches(tmp_path: Path) -> None:
    from advisor.diagnose import explain

    rules = _two_tier_rules(tmp_path)
    # its priority number is lower (better), yet a rule that knows the message wins, and the words reading is not
    # offered beside it as an alternative
    known = explain("ValueError: the quantization kernels are missing", rules=rules)
    assert (known.rule, known.alternatives) == ("known", [])
    assert [d.rule.id for d in rules.match(Failure.from_text("ValueError: quantization kernels are missing"),
                                           Context())] == ["known"]
    unknown = explain("ValueError: quantization scheme clash", rules=rules)
    assert (unknown.rule, unknown.category, unknown.fix) == ("words", "quantization_config", "other")


def test_a_last_resort_rule_reads_the_messages_not_the_frames(tmp_path: Path) -> None:
    from advisor.diagnose import explain
    from advisor.engine import without_frames

    rules = _two_tier_rules(tmp_path)
    traceback = ('Traceback (most recent call last):\n'
                 '  File "/site-packages/transformers/quantizers/auto.py", line 80, in merge\n'
                 '    raise ValueError("bad quantization")\n'
                 'ValueError: boom')
    assert [line for line in without_frames(traceback).splitlines() if line] == [
        "Traceback (most recent call last):", "ValueError: boom"]
    assert explain(traceback, rules=rules).rule is None
    ipython = ("File ~/x/quantizers/auto.py:80, in merge(a)\n     78 def merge(a):\n---> 80     raise X\n"
               "ValueError: boom\n   ^^^^^^")
    assert [line for line in without_frames(ipython).splitlines() if line] == ["ValueError: boom"]
    # a message line that starts with a number (an HTTP status) is a message, not a numbered source line
    assert without_frames("401 Client Error: Unauthorized") == "401 Client Error: Unauthorized"
    assert explain(traceback.replace("boom", "quantization scheme clash"), rules=rules).rule == "words"


def test_a_rule_found_by_reading_again_beats_a_last_resort_reading(tmp_path: Path) -> None:
    from advisor.diagnose import explain

    rules = _two_tier_rules(tmp_path)
    # as pasted (wrapped by a terminal) only the words rule matches; with the lines joined the known rule does
    wrapped = "ValueError: the quantization kernels are\nmissing"
    assert explain(wrapped, rules=rules).rule == "known"
    # retyped in lower case: the any-case reading finds the known rule too
    assert explain("valueerror: quantization KERNELS ARE MISSING", rules=rules).rule == "known"


def test_same_line_wants_the_domain_word_and_the_failure_word_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "words.toml").write_text(WORDS.replace("message = ['quanti[sz]']", "message = ['quanti[sz]']\n"
                                                       "message_all = ['\\berror\\b']\nsame_line = true\n"
                                                       "not_message = ['deprecat']"))
    pack = load_pack(tmp_path)
    assert not pack.problems, pack.problems
    rules = RuleSet(pack.rules)

    def matched(text: str) -> bool:
        return bool(rules.match(Failure.from_text(text), Context()))

    # a model's metadata dump names quantization, and an unrelated line says error: two log lines, no reading
    assert not matched("kv 19: general.quantization_version u32\nerror loading model: cannot find tokenizer merges")
    assert matched("error: the quantization scheme clashes")
    # not_message still rules the rule out from anywhere in the text
    assert not matched("FutureWarning: this is deprecated\nerror: the quantization scheme clashes")
    # a message a terminal wrapped at its width is one line again: the words on both sides of the wrap count
    assert matched("load failed with an error: the loader could not finish reading the checkpoint as its\n"
                   "quantization scheme is not known here")
    # ... but a line that begins a record of its own is never the rest of the line before it (logger prefixes,
    # another exception, an indented frame)
    assert not matched("llama_model_loader: - kv  19:        general.quantization_version u32 and more\n"
                       "llama_model_loader: error loading model vocabulary")
    assert not matched("load failed with an error: the loader could not finish reading the checkpoint as its\n"
                       "ValueError: quantization")


def test_last_resort_reading_drops_quoted_hub_ids_but_keeps_file_paths() -> None:
    # a quoted repo id names the model ("...-8bit" is no quantization failure); a quoted relative file path names what
    # failed and stays; URLs keep their host and file name
    text = ("Failed to load model 'mlx-community/Qwen3-TTS-1.7B-Base-8bit': 'str' object has no attribute '__module__'"
            "\nNo such file or directory: 'bert/processor_config.json' at https://huggingface.co/acme/m/resolve/main/"
            "model.safetensors")
    seen = without_url_paths(text)
    assert "8bit" not in seen and "Failed to load model ''" in seen
    assert "'bert/processor_config.json'" in seen and "model.safetensors" in seen and "acme/m" not in seen
