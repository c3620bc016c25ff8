"""A message cut short (a log viewer's line limit, a copy that stopped early) still reads as its failure."""

from __future__ import annotations

import pytest

from advisor.diagnose import explain
from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack

# (the library's message cut after its stable head, the category the whole message has)
CUT = [
    ("ValueError: The checkpoint you are trying to load has model type `qwen9` but Transformers does not recog",
     "unrecognized_model_type"),
    ("_pickle.UnpicklingError: invalid lo", "corrupted_or_incomplete_download"),
    ('RuntimeError: "addmm_impl_cpu_" not implemented f', "dtype_unsupported"),
    ("ValueError: Unrecognized configuration class <class 'transformers.models.t5.configuration_t5.T5Config'> for th",
     "wrong_auto_class"),
    ("ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Acc", "missing_dependency"),
    ("ImportError: cannot import name 'LlamaTokenizer' from 'transformers.models.ll", "missing_dependency"),
    ("ValueError: Tokenizer class LlamaTokenizer", "tokenizer_load_failure"),
    ("ValueError: Tokenizer class QWenTokenizer does not exi", "trust_remote_code_required"),
    ("NotImplementedError: Cannot copy out of me", "device_map_offload"),
    ("ImportError: This modeling file requires the following packages that were not found in your env",
     "missing_dependency"),
    ("CUDA extension not insta", "quantization_config"),  # auto-gptq's kernels: a GPTQ backend error
    ("AssertionError: Torch not compiled with CUDA", "device_map_offload"),
    ("AttributeError: 'LlavaConfig' object has no attribute '", "wrong_auto_class"),
    ("OSError: It looks like the config file at '/srv/ckpt/run-7' is not a va", "missing_weights_files"),
    ("OSError: org/some-model is not a local folder and is not a", "repo_not_found"),
    ("huggingface_hub.errors.HfHubHTTPError: 502 Server Erro", "offline_or_network"),
    ("RuntimeError: Expected all tensors to be on the same de", "device_map_offload"),
    # cut by an 80-column viewer inside a message whose stable words are fewer than 25 characters (match_cut's span)
    ("ValueError: Loading moonshotai/Moonlight-16B-A3B-Instruct requires you to execut", "trust_remote_code_required"),
    # cut at a width between two words: the space it kept says the line went on
    ("OSError:  TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF does not appear to have a file ", "missing_weights_files"),
]


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    report = load_pack(bundled_rules_dir())
    return RuleSet([r for r in report.rules if applies(r)])


@pytest.mark.parametrize(("text", "category"), CUT, ids=[c for _, c in CUT])
def test_a_cut_message_keeps_its_category(rules: RuleSet, text: str, category: str) -> None:
    if "Tokenizer class" in text:
        pytest.importorskip("transformers")  # the class is checked against transformers' own table
    assert explain(text, rules=rules).category == category


# "No module named '<name>" cut inside the name, or just before its closing quote: the import statement above it in the
# traceback names the module whole (OptimalScale/LMFlow#913's paste ends in "named 'tr")
CUT_MODULE = [
    ("    from transformers.deepspeed import HfDeepSpeedConfig\nModuleNotFoundError: No module named 'tr",
     "transformers.deepspeed"),
    ("    import einops\nModuleNotFoundError: No module named 'einops", "einops"),
    ("    import trimesh\n    from torchvision.ops import nms\nModuleNotFoundError: No module named 'torchv",
     "torchvision.ops"),
    ("ModuleNotFoundError: No module named 'tr", None),  # nothing above says what it was
    ("    import numpy\nModuleNotFoundError: No module named 'tr", None),  # no import line begins with it
]


@pytest.mark.parametrize(("text", "module"), CUT_MODULE)
def test_a_module_name_cut_short_is_completed_from_its_import_line(text: str, module: str | None) -> None:
    from advisor.failure import Failure

    assert Failure.from_text(text).details.get("missing_module") == module
