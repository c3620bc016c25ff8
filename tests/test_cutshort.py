"""A message cut short by a log viewer or a terminal's width: the last line read as the start of a rule's message.

The texts are the libraries' own messages (transformers' remote-code refusal, accelerate's shape check, torch's
missing kernels), cut at a fixed width the way a viewer cuts them; the whole message is checked to match the same rule.
"""

from __future__ import annotations

import re

import pytest

from advisor.cutshort import MIN_LITERAL, left_after_cut, looks_cut
from advisor.diagnose import explain
from advisor.engine import RuleSet

REMOTE_CODE = (
    "ValueError: The repository for openbmb/MiniCPM-Llama3-V-2_5 contains custom code which must be executed to "
    "correctly load the model. You can inspect the repository content at https://hf.co/openbmb/MiniCPM-Llama3-V-2_5."
    "\nPlease pass the argument `trust_remote_code=True` to allow custom code to be run.")
NO_KERNEL = (
    "RuntimeError: CUDA error (/workspace/xformers/third_party/flash-attention/hopper/flash_fwd_launch_template.h:"
    "188): no kernel image is available for execution on the device")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


def cut(text: str, width: int) -> str:
    """The text as a viewer of ``width`` columns shows it: each line cut there."""
    return "\n".join(line[:width] for line in text.splitlines())


def test_a_remote_code_refusal_cut_at_the_width_of_a_viewer_is_still_read(rules: RuleSet) -> None:
    first_line = REMOTE_CODE.splitlines()[0]
    assert explain(first_line, rules=rules).rule == "trust-remote-code"
    shown = first_line[:first_line.index("must be exec") + len("must be exec")]  # a viewer's width, mid-word
    result = explain(shown, rules=rules)
    assert (result.category, result.rule) == ("trust_remote_code_required", "trust-remote-code")
    assert "stops mid-message" in result.explanation  # the reading says what it rests on
    assert "stops mid-message" not in explain(first_line, rules=rules).explanation


def test_of_two_messages_that_begin_alike_the_one_the_line_nearly_completes_wins(rules: RuleSet) -> None:
    # bitsandbytes' "no kernel image is available for execution on the device at line N in file ...ops.cu" begins like
    # torch's; the cut line is no nearer to the longer one
    assert explain(NO_KERNEL, rules=rules).rule == "torch-build-mismatch"
    shown = NO_KERNEL[:len(NO_KERNEL) - len("ble for execution on the device")]
    assert shown.endswith("is availa")
    assert explain(shown, rules=rules).rule == "torch-build-mismatch"


def test_a_line_that_ends_whole_is_not_read_as_cut(rules: RuleSet) -> None:
    # the same words, ending on a full stop: nothing was cut, and no rule knows the sentence
    assert not looks_cut("ValueError: The repository for acme/tool contains custom code which must be exec.", False)
    assert not looks_cut("short line, cut", False)  # too short for a viewer's width
    assert looks_cut("short line with a quote left 'open and a few more words", True)


def test_a_pattern_whose_free_part_reaches_the_end_proves_nothing() -> None:
    # "[\s\S]*" runs to the end of any line: a partial match there is no sign of a cut
    pattern = re.compile(r"out of memory[\s\S]*allocator\.cc")
    line = "RuntimeError: [TM][ERROR] CUDA runtime error: out of memory /workspace/lmdeploy/src/utils/allocator.h"
    assert left_after_cut(pattern, ("out of memory", "allocator.cc"), line) is None


def test_the_cut_must_leave_enough_of_the_message() -> None:
    pattern = re.compile(r"contains custom code which must be executed to correctly load the model")
    literal = "contains custom code which must be executed to correctly load the model"
    long_enough = "ValueError: The repository for acme/tool contains custom code which must be exec"
    left = len(literal) - len("contains custom code which must be exec")
    assert left_after_cut(pattern, (literal,), long_enough) == left
    too_little = "ValueError: The repository for acme/tool-with-a-long-name-here contains c"
    assert len("contains c") < MIN_LITERAL
    assert left_after_cut(pattern, (literal,), too_little) is None


def test_a_text_read_whole_is_never_read_again_as_cut(rules: RuleSet) -> None:
    # the cut reading runs only when no rule matched: a text read whole is never read again as cut
    text = REMOTE_CODE
    assert explain(text, rules=rules).rule == explain(cut(text, 10_000), rules=rules).rule == "trust-remote-code"


@pytest.mark.parametrize(("shown", "rule"), [
    # cut inside one branch of the pattern's alternation ("attempting" / "manually moving")
    ("It seems like you have activated sequential model offloading by calling `enable_sequential_cpu_offload`, but "
     "are now att", "offload-then-to-device"),
    # cut inside the parameter's name, a run of word characters between two literals
    ('ValueError: Trying to set a tensor of shape torch.Size([32000, 4096]) in "weigh', "size-mismatch"),
])
def test_a_cut_inside_a_branch_or_a_name_is_read(rules: RuleSet, shown: str, rule: str) -> None:
    assert explain(shown, rules=rules).rule == rule


def test_a_line_that_ends_after_a_whole_word_of_the_message_is_not_read_as_cut() -> None:
    # Triton's message goes on with " (cpu tensor?)": a line that stops after "Triton" may be a shorter message
    pattern = re.compile(r"Pointer argument \(at \d+\) cannot be accessed from Triton \(cpu tensor\?\)")
    literals = ("Pointer argument (at ", ") cannot be accessed from Triton (cpu tensor?)")
    line = "ValueError: Pointer argument (at 2) cannot be accessed from Triton"
    assert left_after_cut(pattern, literals, line) is None
    assert left_after_cut(pattern, literals, line + " (cpu ten") is not None  # cut inside "tensor": read
