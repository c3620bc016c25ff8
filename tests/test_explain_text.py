"""explain on what people paste: chained tracebacks, colours, log prefixes, Windows paths, fragments, wrappers."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import json
import textwrap
import time

import pytest

from advisor.diagnose import Explanation, explain
from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack
from advisor.failure import Failure
from advisor.textparse import clean_text, parse_exceptions

CONTRACT_KEYS = {"category", "fix", "rule", "title", "explanation", "next_steps"}
ALTERNATIVE_KEYS = {"category", "fix", "rule", "why"}

# transformers 4.x + huggingface_hub 0.x (requests), as Python prints it: innermost cause first.
CHAINED = """Traceback (most recent call last):
  File "/usr/lib/python3.10/site-packages/huggingface_hub/utils/_errors.py", line 304, in hf_raise_for_status
    response.raise_for_status()
  File "/usr/lib/python3.10/site-packages/requests/models.py", line 1021, in raise_for_status
    raise HTTPError(http_error_msg, response=self)
requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://huggingface.co/org/nope/resolve/main/config.json

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/usr/lib/python3.10/site-packages/transformers/utils/hub.py", line 398, in cached_file
    resolved_file = hf_hub_download(
huggingface_hub.utils._errors.RepositoryNotFoundError: 404 Client Error. (Request ID: Root=1-65f0)

Repository Not Found for url: https://huggingface.co/org/nope/resolve/main/config.json.
Please make sure you specified the correct `repo_id` and `repo_type`.
If you are trying to access a private or gated repo, make sure you are authenticated.

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "run.py", line 3, in <module>
    model = AutoModelForCausalLM.from_pretrained("org/nope")
OSError: org/nope is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'
If this is a private repository, make sure to pass a token having permission to this repo either by logging in with `huggingface-cli login` or by passing `token=<your_token>`
"""

WINDOWS = r"""Traceback (most recent call last):
  File "C:\Users\me\AppData\Local\Programs\Python\Python311\Lib\site-packages\transformers\modeling_utils.py", line 3535, in from_pretrained
    raise ImportError(
ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate: `pip install 'accelerate>=0.26.0'`
"""

OOM = ("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 "
       "GiB of which 1.09 GiB is free. Of the allocated memory 20.00 GiB is allocated by PyTorch, and 0.50 GiB is "
       "reserved by PyTorch but unallocated.")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    report = load_pack(bundled_rules_dir())
    assert not report.problems, report.problems
    return RuleSet([r for r in report.rules if applies(r)])


# ---- the JSON contract -----------------------------------------------------------------------------


def test_json_shape_of_a_diagnosis(rules: RuleSet) -> None:
    result = explain(CHAINED, rules=rules)
    data = json.loads(result.model_dump_json())
    assert set(data) - {"alternatives"} == CONTRACT_KEYS
    assert data["category"] == "repo_not_found" and data["fix"] == "fix_identifier"
    assert data["rule"] == "repo-not-found" and data["title"] and data["explanation"]
    assert isinstance(data["next_steps"], list) and all(isinstance(s, str) and s for s in data["next_steps"])
    # `alternatives` is there only when the text is ambiguous (design.md: "may add")
    assert all(set(a) == ALTERNATIVE_KEYS and a["category"] != data["category"] for a in data.get("alternatives", []))
    assert "{" not in data["explanation"] and all("{" not in s for s in data["next_steps"])  # templates rendered


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "hello", "asdf qwerty zxcv 1234 !!!",
                                  "The quick brown fox jumps over the lazy dog.",
                                  "\x1b[31m\x1b[0m", "\x00\xff" * 50, "Traceback (most recent call last):"])
def test_empty_random_or_unrelated_input_gives_other_and_no_fix(rules: RuleSet, text: str) -> None:
    result = explain(text, rules=rules)
    assert result.category == "other" and result.fix is None and result.rule is None
    assert set(json.loads(result.model_dump_json())) == CONTRACT_KEYS


def test_explain_never_raises_on_huge_or_binary_input(rules: RuleSet) -> None:
    blob = ("x" * 5000 + "\n") * 60 + OOM  # 300 KB: explain keeps the tail
    assert explain(blob, rules=rules).category == "cuda_oom"
    assert isinstance(explain(bytes(range(256)).decode("latin-1") * 100, rules=rules), Explanation)


@pytest.mark.parametrize("text", [
    "load the model from shards file no file named x Can't load config for 'x' " * 2500,
    "Unrecognized configuration class KeyError 'x' model type `x` Could not locate x couldn't connect to " * 2000,
    "KeyError 'abc' " * 12000,
    "architectures [" * 12000,
    "'" * 200_000,
    "Killed\n" * 25_000,
], ids=["repeated-load", "repeated-phrases", "keyerrors", "brackets", "quotes", "lines"])
def test_pathological_input_stays_fast(rules: RuleSet, text: str) -> None:
    """No rule regex may backtrack quadratically: 200 KB of adversarial text in well under a second or two."""
    start = time.process_time()
    explain(text, rules=rules)
    assert time.process_time() - start < 2.0


# ---- chained tracebacks -----------------------------------------------------------------------------


def test_chained_traceback_is_parsed_outermost_first() -> None:
    failure = Failure.from_text(CHAINED)
    assert [info.type for info in failure.chain] == [
        "OSError",
        "huggingface_hub.utils._errors.RepositoryNotFoundError",
        "requests.exceptions.HTTPError",
    ]
    # huggingface_hub's message keeps its paragraphs; the next traceback is not part of it
    hub_message = failure.chain[1].message
    assert "Repository Not Found for url" in hub_message and "During handling" not in hub_message
    assert failure.has_type("RepositoryNotFoundError") and failure.has_type("httperror")


def test_chained_traceback_is_diagnosed_by_its_cause(rules: RuleSet) -> None:
    assert explain(CHAINED, rules=rules).rule == "repo-not-found"


def test_direct_cause_chain_of_transformers_5(rules: RuleSet) -> None:
    text = ("PermissionError: [Errno 13] Permission denied: '/cache/hub/models--org--tiny'\n\n"
            "The above exception was the direct cause of the following exception:\n\n"
            "Traceback (most recent call last):\n  File \"load.py\", line 2, in <module>\n"
            "OSError: PermissionError at /cache/hub/models--org--tiny when downloading org/tiny. Check cache "
            "directory permissions.")
    failure = Failure.from_text(text)
    assert [i.short for i in failure.chain] == ["OSError", "PermissionError"]
    assert explain(text, rules=rules).category == "disk_full_or_permissions"


# ---- what people paste ------------------------------------------------------------------------------


def test_last_line_only(rules: RuleSet) -> None:
    last = CHAINED.strip().splitlines()[-2]
    assert last.startswith("OSError: org/nope is not a local folder")
    assert explain(last, rules=rules).category == "repo_not_found"


def test_message_without_type(rules: RuleSet) -> None:
    assert explain("No space left on device", rules=rules).category == "disk_full_or_permissions"


def test_truncated_at_the_start(rules: RuleSet) -> None:
    cut = CHAINED[CHAINED.index("ponse.raise_for_status()"):]  # cut mid-line, as a copy from a scrolled terminal
    assert explain(cut, rules=rules).rule == "repo-not-found"
    fragment = ("nd for url: https://huggingface.co/org/nope/resolve/main/config.json.\n"
                "Please make sure you specified the correct `repo_id` and `repo_type`.")
    assert explain(fragment, rules=rules).category == "repo_not_found"


def test_windows_paths_and_crlf(rules: RuleSet) -> None:
    crlf = WINDOWS.replace("\n", "\r\n")
    failure = Failure.from_text(crlf)
    assert [i.type for i in failure.chain] == ["ImportError"]
    assert "\r" not in failure.text
    assert explain(crlf, rules=rules).rule == "accelerate-missing"


def test_ansi_colours_are_ignored(rules: RuleSet) -> None:
    coloured = ("\x1b[31m\x1b[1mtorch.OutOfMemoryError\x1b[0m: \x1b[33mCUDA out of memory.\x1b[0m Tried to allocate "
                "2.00 GiB. GPU 0 has a total capacity of 23.65 GiB of which 1.09 GiB is free.")
    assert "\x1b" not in clean_text(coloured)
    assert parse_exceptions(clean_text(coloured))[0][0] == "torch.OutOfMemoryError"
    assert explain(coloured, rules=rules).category == "cuda_oom"
    # escape bytes lost in a copy: "[31m" left behind
    assert explain("[31mOSError: [Errno 28] No space left on device[0m", rules=rules).rule == "disk-full"


@pytest.mark.parametrize("prefix", [
    "2024-05-01 10:00:00,123 - transformers.modeling_utils - ERROR - ",
    "[2024-05-01T10:00:00.123Z] ",
    "2024-05-01 10:00:00 | ERROR | ",
    "ERROR:root:",
    "[transformers] ",
    "[rank0]: ",
    "(EngineCore_0 pid=4242) ERROR 05-01 10:00:00 [core.py:586] ",
    "(VllmWorkerProcess pid=77) ERROR 05-01 10:00:00 [multiproc_worker_utils.py:226] ",
    "E   ",
    "I0501 10:00:00.123456 140 log.cc:12] ",
    "webui-1  | ",
    "2024-05-01 10:00:00,123 - ERROR - worker[3]: ",
    "[pod/vllm-7d9f8c-x2k4/vllm] ",  # kubectl logs --prefix
    "2024-05-01T10:00:00.1234567Z ",  # a GitHub Actions log
])
def test_log_prefixes_are_stripped(rules: RuleSet, prefix: str) -> None:
    lines = ["Traceback (most recent call last):", '  File "x.py", line 1, in <module>',
             "ValueError: Unrecognized configuration class <class 'transformers.models.t5.configuration_t5.T5Config'>"
             " for this kind of AutoModel: AutoModelForCausalLM."]
    text = "\n".join(prefix + line for line in lines)
    failure = Failure.from_text(text)
    assert [i.type for i in failure.chain] == ["ValueError"]
    assert failure.chain[0].message.startswith("Unrecognized configuration class")
    assert explain(text, rules=rules).rule == "wrong-auto-class"


@pytest.mark.parametrize(("line", "kept"), [
    ("WARNING: huggingface-hub 1.0.1 does not provide the extra 'cli'", "huggingface-hub 1.0.1 does not provide"),
    ("ERROR: sentence-transformers 2.2.2 has requirement transformers<5", "sentence-transformers 2.2.2 has"),
    ("ERROR - root - OSError: gone", "OSError: gone"),
    ("ERROR | app | OSError: gone", "OSError: gone"),
])
def test_a_level_prefix_takes_a_loggers_name_but_not_half_of_a_hyphenated_word(line: str, kept: str) -> None:
    """A logger's name after the level ends in " - " or a bar; a package named with a hyphen is the message."""
    assert Failure.from_text(line).text.startswith(kept)


def test_exception_printed_mid_line(rules: RuleSet) -> None:
    text = "raise ImportError( ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate"
    assert parse_exceptions(clean_text(text)) == [
        ("ImportError", "Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate")]
    assert explain(text, rules=rules).rule == "accelerate-missing"


def test_jupyter_traceback(rules: RuleSet) -> None:
    text = """---------------------------------------------------------------------------
OSError                                   Traceback (most recent call last)
Cell In[3], line 3
      1 from transformers import AutoModelForCausalLM
----> 3 model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")

File ~/miniconda3/lib/python3.10/site-packages/transformers/utils/hub.py:416, in cached_file(path_or_repo_id)
    414 except GatedRepoError as e:
--> 416     raise EnvironmentError(

OSError: You are trying to access a gated repo.
Make sure to request access at https://huggingface.co/meta-llama/Llama-2-7b-hf and pass a token having permission to this repo either by logging in with `huggingface-cli login` or by passing `token=<your_token>`."""
    failure = Failure.from_text(text)
    assert [i.type for i in failure.chain] == ["OSError"]
    assert failure.chain[0].message.startswith("You are trying to access a gated repo.")
    assert explain(text, rules=rules).category == "gated_or_auth"


def test_rich_traceback_box(rules: RuleSet) -> None:
    text = """╭─────────────────────────────── Traceback (most recent call last) ────────────────────────────────╮
│ /home/me/app.py:12 in <module>                                                                   │
│ ❱ 12 model = AutoModelForCausalLM.from_pretrained(name, device_map="auto")                      │
╰──────────────────────────────────────────────────────────────────────────────────────────────────╯
NotImplementedError: Cannot copy out of meta tensor; no data!"""
    assert "│" not in clean_text(text).splitlines()[1][:2]
    assert explain(text, rules=rules).rule == "meta-tensor"


def test_html_escaped_paste_from_an_issue_page(rules: RuleSet) -> None:
    text = ("OSError: Can&#39;t load tokenizer for &#39;bert-base-uncased&#39;. If you were trying to load it from "
            "&#39;https://huggingface.co/models&#39;, make sure you don&#39;t have a local directory with the same "
            "name.")
    assert explain(text, rules=rules).category == "offline_or_network"


def test_message_wrapped_by_a_narrow_window(rules: RuleSet) -> None:
    """A message a terminal or log viewer wrapped mid-sentence reads as one line when nothing matches as pasted."""
    wrapped = ("Cannot find an appropriate cached\n    snapshot folder for the specified\n    revision on the local "
               "disk and\n    outgoing traffic has been\n    disabled.")
    assert explain(wrapped, rules=rules).category == "offline_or_network"
    narrow = "Access to model org/m is\nrestricted. You must be\nauthenticated to access it."
    assert explain(narrow, rules=rules).category == "gated_or_auth"


def _hard_wrap(text: str, width: int) -> str:
    """What a terminal or a log viewer that cuts at a fixed width makes of a paste: words and URLs cut mid-way."""
    return "\n".join("\n".join(line[i:i + width] for i in range(0, max(len(line), 1), width))
                     for line in text.split("\n"))


def test_a_paste_hard_wrapped_at_a_fixed_width_reads_as_printed(rules: RuleSet) -> None:
    """Lines cut at exactly 80 columns continue on the next line: the URL's revision and the file are read whole."""
    text = ("Traceback (most recent call last):\n  File \"/srv/app/load.py\", line 12, in <module>\n"
            "    model = AutoModelForCausalLM.from_pretrained(repo, revision=rev)\n"
            "huggingface_hub.errors.HfHubHTTPError: 404 Client Error: Not Found for url: "
            "https://huggingface.co/acme/summarizer-large-2024/resolve/release-candidate-3/config.json "
            "(the revision may not exist or may have been deleted by the repository owner; check the branch list)")
    as_printed = explain(text, rules=rules)
    wrapped = explain(_hard_wrap(text, 80), rules=rules)
    assert as_printed.rule == "revision-not-found"
    assert (wrapped.rule, wrapped.category) == (as_printed.rule, as_printed.category)


def test_a_traceback_with_lines_of_every_length_is_not_rejoined() -> None:
    from advisor.textparse import clean_text

    text = ("Traceback (most recent call last):\n  File \"/srv/app/load.py\", line 12, in <module>\n"
            "    model = AutoModelForCausalLM.from_pretrained(repo_id_or_path, trust_remote_code=True)\n"
            "OSError: acme/x does not appear to have a file named config.json. Checkout 'https://huggingface.co/acme/x'")
    assert clean_text(text) == text


@pytest.mark.parametrize("width", [80, 120])
def test_a_one_line_message_cut_at_a_terminal_width_reads_as_printed(rules: RuleSet, width: int) -> None:
    """Too few lines to show the width: a line of exactly 80/120 columns joins a next line that goes on mid-word."""
    from advisor.textparse import clean_text

    text = ("ValueError: You can't pass `load_in_4bit`or `load_in_8bit` as a kwarg when passing `quantization_config` "
            "argument simultaneously: the model loader of this training framework passes both of them today.")
    cut = _hard_wrap(text, width)
    assert all(line[:1].islower() for line in cut.split("\n")[1:])  # every cut falls mid-word
    assert clean_text(cut) == text
    assert explain(cut, rules=rules).rule == explain(text, rules=rules).rule == "bits-kwarg-with-config"


def test_a_soft_wrapped_message_that_looks_cut_is_read_with_its_words_apart(rules: RuleSet) -> None:
    """Wrapped by words at 70 columns, two lines happen to be exactly 70 long: joined as cut ("does notappear") nothing
    matches, so the lines are joined once more with spaces."""
    text = ("OSError: /home/xxxx/llm/model/llama3/Meta-Llama-3-8B-Instruct does not appear to have a file named "
            "config.json. Checkout 'https://huggingface.co//home/xxxx/llm/model/llama3/Meta-Llama-3-8B-Instruct/None'"
            " for available files.")
    wrapped = "\n".join(textwrap.wrap(text, 70, break_on_hyphens=False))
    assert sum(len(line) == 70 for line in wrapped.split("\n")) >= 2  # it looks cut at a fixed width
    assert explain(wrapped, rules=rules).rule == explain(text, rules=rules).rule == "config-file-missing"


def _soft_wrap(text: str, width: int) -> str:
    """What a log viewer or a mail client that wraps by words makes of a paste (textwrap, as they do): each long line
    broken before the word that does not fit, the rest at column 0; a word longer than the width cut at it."""
    return "\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=False)) for line in text.split("\n"))


_TRACEBACK_WITH_A_LONG_MESSAGE = (
    "Traceback (most recent call last):\n  File \"/srv/app/load.py\", line 12, in <module>\n"
    "    model = AutoModel.from_pretrained(\"zhihan1996/DNABERT-2-117M\", trust_remote_code=True)\n"
    "ValueError: The model class you are passing has a `config_class` attribute that is not consistent with the "
    "config class you passed (model has <class 'transformers.models.bert.configuration_bert.BertConfig'> and you "
    "passed <class 'transformers_modules.zhihan1996.DNABERT-2-117M.81ac6a98387cf94bc283553260f3fa6b88cef2fa."
    "configuration_bert.BertConfig'>. Fix one of those so they match!")


@pytest.mark.parametrize("width", [60, 70, 100])
def test_a_traceback_soft_wrapped_by_words_reads_as_printed(rules: RuleSet, width: int) -> None:
    """Its message broken at spaces over several lines (and its long module path cut at the width) is one line again,
    its frames left where they were: the same rule answers as for the paste as Python printed it."""
    from advisor.textparse import clean_text

    wrapped = _soft_wrap(_TRACEBACK_WITH_A_LONG_MESSAGE, width)
    assert len(wrapped.split("\n")) >= 7
    assert clean_text(wrapped) == _TRACEBACK_WITH_A_LONG_MESSAGE
    assert (explain(wrapped, rules=rules).rule == explain(_TRACEBACK_WITH_A_LONG_MESSAGE, rules=rules).rule
            == "remote-class-shadows-library-class")


_TRACEBACK_WITH_A_LONG_URL = (
    "Traceback (most recent call last):\n  File \"/opt/conda/lib/python3.9/site-packages/huggingface_hub/utils/"
    "_errors.py\", line 239, in hf_raise_for_status\n    response.raise_for_status()\n  File \"/opt/conda/lib/"
    "python3.9/site-packages/requests/models.py\", line 943, in raise_for_status\n    raise HTTPError(http_error_msg, "
    "response=self)\nrequests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
    "https://huggingface.co/lambdalabs/sd-image-variations-diffusers/resolve/v2.0/model_index.json")


@pytest.mark.parametrize("width", [60, 70])
def test_a_url_longer_than_the_width_cut_by_a_word_wrapper_reads_whole(rules: RuleSet, width: int) -> None:
    """A word wrapper cuts a word longer than its width (the URL) at the width, as a terminal would: in a paste wrapped
    by words at a width no terminal uses, those cuts go on without a space and the rest is rejoined with spaces."""
    from advisor.textparse import clean_text

    wrapped = _soft_wrap(_TRACEBACK_WITH_A_LONG_URL, width)
    assert "https://huggingface.co/lambdalabs/sd-image-variations-diffusers/resolve/" not in wrapped  # the URL is cut
    assert clean_text(wrapped) == _TRACEBACK_WITH_A_LONG_URL
    assert explain(wrapped, rules=rules).rule == "revision-not-found"


def test_a_long_word_ending_a_wrapped_line_keeps_its_space_before_the_next() -> None:
    """A quoted class name as wide as the widest line, then "to build": two words, not one cut by the wrapper."""
    from advisor.textparse import clean_text

    text = ("Error loading model or tokenizer: Unrecognized configuration class <class "
            "'transformers_modules.base.configuration_florence2.Florence2Config'> to build an AutoTokenizer.")
    wrapped = _soft_wrap(f"Attempting to load tokenizer instead of processor...\n{text}", 70)
    assert clean_text(wrapped).endswith(text)


def test_a_paste_of_short_lines_is_not_read_as_wrapped() -> None:
    """Code and log lines of every length, a message at column 0 after them: nothing to rejoin."""
    from advisor.textparse import clean_text

    text = ("docs_texts = ['My dummy text', 'My text']\n"
            "docs_inps = tokenizer(docs_texts, truncation=True, padding=True, return_tensors='pt')\n"
            "model = AutoModel.from_pretrained('sentence-transformers/gtr-t5-base')\n"
            "model(**docs_inps)\n"
            "ValueError: You have to specify either decoder_input_ids or decoder_inputs_embeds")
    assert clean_text(text) == text


@pytest.mark.parametrize(("retyped", "rule"), [
    ("KeyError\uff1a'qwen2'", "unknown-model-type"),
    ("RuntimeError\uff1aCUDA out of memory\uff0c Tried to allocate 2.00 GiB\uff08GPU 0\uff09", "cuda-oom"),
])
def test_a_message_retyped_with_full_width_punctuation_reads_as_printed(rules: RuleSet, retyped: str, rule: str) -> None:
    """A Chinese or Japanese input method types full-width colons, commas and parentheses."""
    assert explain(retyped, rules=rules).rule == rule


def test_a_retyped_message_cut_at_80_columns_is_rejoined_before_its_punctuation_is_read(rules: RuleSet) -> None:
    """The cut is measured on the line as pasted: reading the full-width colon as ": " first would make it 81 long."""
    text = ("ValueError\uff1ayou cant pass 'load_in_4bit' or 'load_in_8bit' as a kwarg when passing 'quantization_config' "
            "argument at the same time")
    assert explain(_hard_wrap(text, 80), rules=rules).rule == explain(text, rules=rules).rule == "bits-kwarg-with-config"


def test_a_short_paste_cut_right_before_a_closing_quote_is_rejoined(rules: RuleSet) -> None:
    """The cut falls between a quoted name and its closing quote: the next line starts with the quote, not mid-word."""
    from advisor.textparse import clean_text

    head = 'ValueError: Trying to set a tensor of shape torch.Size([50304, 2048]) in "'
    name = "gpt_neox.embed_in"[: 80 - len(head)]  # the name ends at column 80
    text = f"{head}{name}\" (which has shape torch.Size([50432, 2048])), this looks incorrect."
    cut = _hard_wrap(text, 80)
    assert cut.split("\n")[1].startswith('" (which')
    assert "\n" not in clean_text(cut)
    assert explain(cut, rules=rules).category == explain(text, rules=rules).category == "size_mismatch"


def test_a_short_paste_whose_next_line_starts_a_new_sentence_is_not_rejoined() -> None:
    """A line of exactly 80 columns followed by a line a library broke itself (capital, indent) stays as it is."""
    from advisor.textparse import clean_text

    first = "OSError: We couldn't connect to 'https://huggingface.co' to load the files, and c"[:80]
    text = first.ljust(80, "x") + "\nCheckout your internet connection or see how to run the library in offline mode."
    assert len(text.split("\n")[0]) == 80
    assert clean_text(text) == text


def test_a_short_paste_cut_inside_a_camel_case_name_is_rejoined(rules: RuleSet) -> None:
    """sentencepiece's message cut at 80 columns between "Parse" and "FromArray": the next line goes on mid-identifier
    (a capital followed by another word's capital or a bracket), which no sentence a library starts does."""
    text = ("RuntimeError: Internal: src/sentencepiece_processor.cc(1101) [model_proto->ParseFromArray(serialized.data(), "
            "serialized.size())]")
    cut = _hard_wrap(text, 80)
    assert cut.split("\n")[1].startswith("FromArray(")
    assert clean_text(cut) == text
    assert explain(cut, rules=rules).rule == explain(text, rules=rules).rule == "tokenizer-json-invalid"


def test_a_line_cut_at_80_columns_counts_its_log_prefix(rules: RuleSet) -> None:
    """The terminal cut the line with its timestamp: measured without it, the line looks short and stays cut."""
    text = ("ERROR 2025-07-21 14:34:24.934 async_trtllm_engine_factory.py:62] Bfloat16 is only supported on GPUs with "
            "compute capability of at least 8.0. Your Quadro RTX 6000 GPU has compute capability 7.5. You can use "
            "float16 instead by explicitly setting the `dtype` flag in CLI, for example: --dtype=half.")
    cut = _hard_wrap(text, 80)
    assert len(clean_text(cut).split("\n")) == 1
    assert explain(cut, rules=rules).category == "dtype_unsupported"


def test_lines_that_each_have_a_log_prefix_are_records_not_cut_lines() -> None:
    """Two records of the same length are no sign of a cut: each starts with its own timestamp."""
    text = ("[02:20:30.958] ValueError: Received 2 parameters not in model: \n"
            "[02:20:30.958] language_model.model.per_layer_model_projection.biases,\n"
            "[02:20:30.958] language_model.model.per_layer_model_projection.scales.\n"
            "[02:20:30.961] ERROR:    Application startup failed. Exiting.")
    assert clean_text(text).split("\n")[1:3] == ["language_model.model.per_layer_model_projection.biases,",
                                                   "language_model.model.per_layer_model_projection.scales."]


_REPO_NOT_FOUND = """Traceback (most recent call last):
  File "/srv/app/embed.py", line 3, in <module>
    model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v3")
OSError: sentence-transformers/all-MiniLM-L6-v3 is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'
If this is a private repository, make sure to pass a token having permission to this repo with `use_auth_token` or log in with `huggingface-cli login` and pass `use_auth_token=True`."""


def test_an_error_quoted_in_a_reply_reads_as_printed(rules: RuleSet) -> None:
    """A reply on an issue quotes the traceback it answers: every line starts with "> " (or "> > " nested)."""
    quoted = "\n".join("> " + line for line in _REPO_NOT_FOUND.split("\n"))
    nested = "\n".join("> > " + line for line in _REPO_NOT_FOUND.split("\n"))
    assert Failure.from_text(quoted).chain[0].type == "OSError"
    for text in (quoted, nested):
        result = explain(text, rules=rules)
        assert (result.category, result.rule) == ("repo_not_found", explain(_REPO_NOT_FOUND, rules=rules).rule)


def test_a_doctest_prompt_is_no_quote() -> None:
    text = ">>> AutoModel.from_pretrained('org/m')\n>>> x = 1\nOSError: org/m is not a local folder"
    assert clean_text(text) == text


def test_a_markdown_code_block_reads_as_its_contents(rules: RuleSet) -> None:
    """The fences are no line of the output: a text that ends in its last line (a cut traceback) still does."""
    bare = "Loading checkpoint shards:   0% 0/2 [00:00<?, ?it/s]^C"
    fenced = f"```python\n{bare}\n```"
    assert clean_text(fenced) == bare
    assert explain(fenced, rules=rules).category == explain(bare, rules=rules).category == "cpu_oom"


def test_a_paste_indented_as_a_code_block_reads_as_printed(rules: RuleSet) -> None:
    """Markdown's indented code block (four spaces) or a tab-indented log: every line shares an indent Python never
    prints before "Traceback" or the exception line; a message a rule reads from the line's start still reads."""
    for indent in ("    ", "\t", "  \t"):
        indented = "\n".join(indent + line for line in _REPO_NOT_FOUND.split("\n"))
        assert clean_text(indented) == clean_text(_REPO_NOT_FOUND)
        assert explain(indented, rules=rules).rule == explain(_REPO_NOT_FOUND, rules=rules).rule
        bare = "Loading checkpoint shards:   0% 0/2 [00:00<?, ?it/s]^C"
        assert explain(indent + bare, rules=rules).category == "cpu_oom"
    # a traceback as Python printed it keeps its frames' indent (nothing is shared with its first line)
    assert clean_text(_REPO_NOT_FOUND) == _REPO_NOT_FOUND


def test_a_traceback_escaped_as_a_json_string_reads_with_its_tabs(rules: RuleSet) -> None:
    """A log shipper's one line: "\\n" and also "\\t" (torch indents each size mismatch with a tab) and "\\u00e9"."""
    text = ("RuntimeError: Error(s) in loading state_dict for LlamaForCausalLM:\n\tsize mismatch for "
            "model.embed_tokens.weight: copying a param with shape torch.Size([49953, 4096]) from checkpoint, the shape "
            "in current model is torch.Size([32000, 4096]).\n\tsize mismatch for lm_head.weight: copying a param with "
            "shape torch.Size([49953, 4096]) from checkpoint, the shape in current model is torch.Size([32000, 4096]).")
    escaped = json.dumps(text)[1:-1]
    assert "\n" not in escaped and "\\t" in escaped
    assert clean_text(escaped) == text
    assert explain(escaped, rules=rules).category == explain(text, rules=rules).category == "size_mismatch"


@pytest.mark.parametrize("text, category", [
    # accelerate's set_module_tensor_to_device: the parameter's name in double quotes
    ('ValueError: Trying to set a tensor of shape torch.Size([32000, 4096]) in "weight" (which has shape '
     "torch.Size([49013, 4096])), this look incorrect.", "size_mismatch"),
    # a forum's typographic quotes, escaped on their way through JSON
    ("RuntimeError: \u201cLayerNormKernelImpl\u201d not implemented for \u2018Half\u2019", "dtype_unsupported"),
])
def test_a_one_line_message_escaped_as_a_json_string_reads_as_printed(text: str, category: str,
                                                                       rules: RuleSet) -> None:
    """One line through JSON has no "\\n" to give it away, only its escaped quotes or its \\u escapes."""
    escaped = json.dumps(text, ensure_ascii=True)[1:-1]
    assert "\\" in escaped
    assert explain(escaped, rules=rules).category == explain(text, rules=rules).category == category


def test_a_soft_wrap_before_a_missing_files_path_reads_as_printed() -> None:
    """A mail client or a forum's editor broke OSError's message at the space before its quoted path."""
    printed = "FileNotFoundError: [Errno 2] No such file or directory: '/workspace/Pixtral-12B/model.pt'"
    wrapped = printed.replace(": '", ":\n'")
    assert "\n" in wrapped
    assert clean_text(wrapped) == printed
    assert Failure.from_text(wrapped).details.get("file") == Failure.from_text(printed).details.get("file")


def test_a_windows_path_is_not_read_as_json_escapes() -> None:
    """Backslashes of a path are no JSON escapes: a line that does not decode as a JSON string is left as it is."""
    text = 'OSError: Error no file named pytorch_model.bin found in directory C:\\new\\models "\\u1234-x\\"'
    assert clean_text(text) == text


_VLLM_QUANT_TRACEBACK = """Traceback (most recent call last):
  File "/usr/local/lib/python3.10/dist-packages/vllm/engine/arg_utils.py", line 318, in create_engine_configs
    model_config = ModelConfig(
  File "/usr/local/lib/python3.10/dist-packages/vllm/config.py", line 204, in _verify_quantization
    raise ValueError(
ValueError: Quantization method specified in the model config (marlin) does not match the quantization method specified in the quantization argument (gptq)."""


def test_a_traceback_whose_line_breaks_were_lost_reads_as_printed(rules: RuleSet) -> None:
    """A page's text or a one-line log field: the frames, the code lines and the message are where Python put them."""
    one_line = " ".join(_VLLM_QUANT_TRACEBACK.split())
    assert "\n" not in one_line
    assert clean_text(one_line) == _VLLM_QUANT_TRACEBACK
    assert explain(one_line, rules=rules).rule == explain(_VLLM_QUANT_TRACEBACK, rules=rules).rule


def test_a_line_naming_one_frame_is_not_split() -> None:
    text = ('OSError: Unable to load weights from pytorch checkpoint file for \'File "/m/pytorch_model.bin", line 1\' '
            "at '/m/pytorch_model.bin'. If you tried to load a PyTorch model from a TF 2.0 checkpoint, set from_tf=True.")
    assert clean_text(text) == text


def test_traceback_sent_through_json_logs(rules: RuleSet) -> None:
    text = json.dumps({"level": "error", "exc": "Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                       "OSError: [Errno 28] No space left on device\n"})
    assert explain(text, rules=rules).rule == "disk-full"


def test_a_structured_log_line_reads_as_its_messages(rules: RuleSet) -> None:
    """A JSON log record or API error body: its strings, each ending its line as Python printed it."""
    text = json.dumps({"ts": 1714557600, "level": "error", "worker": {"id": 3, "exc": "TypeError: not a string"}})
    assert explain(text, rules=rules).category == "tokenizer_load_failure"  # '(?m)not a string$' ends its line


def test_a_log_records_level_is_no_line_of_its_message(rules: RuleSet) -> None:
    """A message read only when it is the whole text stays whole inside a JSON record: the level is dropped."""
    text = json.dumps({"level": "ERROR", "msg": "RecursionError: maximum recursion depth exceeded"})
    assert clean_text(text) == "RecursionError: maximum recursion depth exceeded"
    assert explain(text, rules=rules).category == "tokenizer_load_failure"
    assert clean_text(json.dumps({"msg": "error"})) == "error"  # a record of nothing but a level-like word stays


def test_a_wrapped_message_under_log_prefixes_is_joined_without_them(rules: RuleSet) -> None:
    lines = ["Cannot find an appropriate cached", "snapshot folder for the specified", "revision on the local disk and",
             "outgoing traffic has been disabled."]
    text = "\n".join(f"api-1  | {line}" for line in lines)
    assert explain(text, rules=rules).category == "offline_or_network"


# ---- errors wrapped by other libraries ----------------------------------------------------------------


def test_wrapped_by_a_pipeline(rules: RuleSet) -> None:
    text = """ValueError: Could not load model org/m with any of the following classes: (<class 'transformers.models.auto.modeling_auto.AutoModelForCausalLM'>,). See the original errors:

while loading with AutoModelForCausalLM, an error is thrown:
Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/transformers/pipelines/base.py", line 293, in infer_framework_load_model
    model = model_class.from_pretrained(model, **kwargs)
ImportError: This modeling file requires the following packages that were not found in your environment: einops. Run `pip install einops`
"""
    result = explain(text, rules=rules)
    assert (result.category, result.fix) == ("missing_dependency", "install_package")


def test_wrapped_by_vllm_workers(rules: RuleSet) -> None:
    prefix = "(VllmWorkerProcess pid=812) ERROR 11-24 10:00:01 [multiproc_worker_utils.py:233] "
    text = "\n".join(prefix + line for line in [
        "Exception in worker VllmWorkerProcess while processing method load_model.",
        "Traceback (most recent call last):",
        '  File "/venv/lib/python3.11/site-packages/vllm/worker/model_runner.py", line 1047, in load_model',
        "    self.model = get_model(vllm_config=self.vllm_config)",
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 448.00 MiB. GPU 1 has a total capacity of "
        "23.54 GiB of which 301.94 MiB is free.",
    ])
    failure = Failure.from_text(text)
    assert failure.chain[0].type == "torch.OutOfMemoryError"
    assert explain(text, rules=rules).category == "cuda_oom"


def test_wrapped_by_sentence_transformers(rules: RuleSet) -> None:
    text = """Traceback (most recent call last):
  File "embed.py", line 3, in <module>
    model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v3")
  File "/venv/lib/python3.10/site-packages/sentence_transformers/SentenceTransformer.py", line 95, in __init__
    modules = self._load_auto_model(model_path)
OSError: sentence-transformers/all-MiniLM-L6-v3 is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'"""
    assert explain(text, rules=rules).category == "repo_not_found"


def test_wrapped_by_diffusers(rules: RuleSet) -> None:
    text = """Traceback (most recent call last):
  File "/venv/lib/python3.10/site-packages/diffusers/pipelines/pipeline_utils.py", line 1093, in from_pretrained
    loaded_sub_model = load_sub_model(
  File "/venv/lib/python3.10/site-packages/diffusers/models/modeling_utils.py", line 567, in from_pretrained
OSError: Error no file named diffusion_pytorch_model.bin found in directory /root/.cache/huggingface/hub/models--runwayml--stable-diffusion-v1-5/snapshots/1d0c4eb/unet."""
    assert explain(text, rules=rules).category == "missing_weights_files"
