"""What explain parses out of a text before any rule reads it (``failure.details``), and ranked alternatives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor import names
from advisor.diagnose import explain
from advisor.engine import RuleSet, applies, bundled_rules_dir, load_pack
from advisor.failure import Failure
from advisor.textparse import id_kind


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    report = load_pack(bundled_rules_dir())
    assert not report.problems, report.problems
    return RuleSet([r for r in report.rules if applies(r)])


def test_http_status_and_url_parts() -> None:
    d = Failure.from_text("huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. Revision Not Found for "
                          "url: https://huggingface.co/org/name/resolve/v1.2/model.safetensors.").details
    assert d["http_status"] == 404 and d["url_repo"] == "org/name" and d["url_revision"] == "v1.2"
    assert d["url_file"] == "model.safetensors" and d["model_id"] == "org/name" and d["id_kind"] == "repo"
    d = Failure.from_text("Cannot reach https://huggingface.co/api/models/org/tiny/revision/v2: offline mode "
                          "is enabled").details
    assert d["url_repo"] == "org/tiny" and d["url_revision"] == "v2" and d["network_error"] == "offline"
    assert Failure.from_text("httpx.HTTPStatusError: Server error '503 Service Unavailable'").details[
        "network_error"] == "server"


def test_a_log_that_repeats_an_exception_names_it_once_in_the_chain() -> None:
    """Eight ranks print the same error, then the launcher its own: the chain holds each exception once, outermost
    (last printed) first, while ``exception_types`` still lists them as printed."""
    rank = "[rank{}]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB"
    launcher = "torch.distributed.elastic.multiprocessing.errors.ChildFailedError"
    text = "\n".join(rank.format(n) for n in range(8)) + f"\n{launcher}: x"
    failure = Failure.from_text(text)
    assert [info.type for info in failure.chain] == [launcher, "torch.OutOfMemoryError"]
    assert failure.details["exception_types"] == ["ChildFailedError"] + ["OutOfMemoryError"] * 8
    assert failure.has_type("OutOfMemoryError")


@pytest.mark.parametrize(("value", "kind"), [("org/name", "repo"), ("bert-base-uncased", "repo"),
                                             ("./ckpt", "local"), ("/data/models/x", "local"),
                                             ("C:\\models\\x", "local"), ("runs/exp1/checkpoint-500", "local"),
                                             ("", "unknown")])
def test_id_kind(value: str, kind: str) -> None:
    assert id_kind(value) == kind


def test_names_are_checked_against_transformers_tables() -> None:
    pytest.importorskip("transformers")
    d = Failure.from_text("ValueError: Tokenizer class LLaMATokenizer does not exist or is not currently "
                          "imported.").details
    assert d["tokenizer_class"] == "LLaMATokenizer" and d["tokenizer_class_status"] == "case_mismatch"
    assert Failure.from_text("KeyError: 'llama'").details["model_type_known"] is True
    assert Failure.from_text("KeyError: 'input_ids'").details["model_type_known"] is False
    d = Failure.from_text("AttributeError: 'LlavaConfig' object has no attribute 'vocab_size'").details
    assert d["config_class"] == "LlavaConfig" and d["config_is_composite"] is True
    assert d["missing_attribute"] == "vocab_size"
    d = Failure.from_text("ImportError: cannot import name 'LLaMAForCausalLM' from 'transformers'").details
    assert d["import_spelled_otherwise"] == "LlamaForCausalLM"
    for known_or_unknown in ("LlamaForCausalLM", "Qwen9ForCausalLM"):
        text = f"ImportError: cannot import name '{known_or_unknown}' from 'transformers'"
        assert "import_spelled_otherwise" not in Failure.from_text(text).details


def test_a_model_type_no_release_has_is_told_from_one_newer_than_the_install() -> None:
    # the snapshot is transformers' own table of the newest release the project was built with: a type it lacks
    # (Janus' multi_modality) is the project's own, one it has is at most newer than an old install
    snapshot = names.snapshot_model_types()
    assert {"llama", "qwen2", "bert", "t5"} <= snapshot and "multi_modality" not in snapshot
    transformers = pytest.importorskip("transformers")
    header = (Path(names.__file__).parent / "model_types_snapshot.txt").read_text(encoding="utf-8").splitlines()[0]
    if transformers.__version__ in re.findall(r"\d+\.\d+\.\d+\S*", header):  # a release it was taken from
        assert set(names.config_names()) <= snapshot  # all of its table
    assert "transfo-xl" in snapshot  # and the last 4.x's: a type transformers 5 removed is still transformers' own
    text = ("ValueError: The checkpoint you are trying to load has model type `multi_modality` but Transformers does "
            "not recognize this architecture.")
    d = Failure.from_text(text).details
    assert d["model_type_known"] is False and d["model_type_in_any_release"] is False
    answer = explain(text)
    assert answer.rule == "unknown-model-type" and answer.fix == "other"
    assert "model_type_in_any_release" not in Failure.from_text("KeyError: 'qwen2'").details
    assert explain("KeyError: 'qwen2'").fix == "upgrade_transformers"


def test_tokenizer_classes_and_quantization_methods_are_read_against_every_release_in_the_snapshot() -> None:
    """A tokenizer class transformers 5 dropped (CodeGenTokenizer) is transformers' own on the release the paste came
    from, not remote code; a quantization method no release loads (exl2) is another runtime's format, not one a newer
    transformers would read (fp8)."""
    pytest.importorskip("transformers")
    assert names.tokenizer_class_status("CodeGenTokenizer") == "known"
    assert names.tokenizer_class_status("QWenTokenizer") == "unknown"  # a repo's own class
    answer = explain("ValueError: Tokenizer class CodeGenTokenizer does not exist or is not currently imported.")
    assert (answer.rule, answer.fix) == ("tokenizer-class-unknown", "upgrade_transformers")
    unknown = "ValueError: Unknown quantization type, got {} - supported types are: ['awq', 'gptq']"
    assert Failure.from_text(unknown.format("exl2")).details["quant_method_in_transformers"] is False
    assert Failure.from_text(unknown.format("fp8")).details["quant_method_in_transformers"] is True
    assert explain(unknown.format("exl2")).fix == "other"
    assert explain(unknown.format("fp8")).fix == "upgrade_transformers"


def test_the_auto_mapping_message_names_its_own_classes() -> None:
    """"Unrecognized configuration class X for this kind of AutoModel: Y": the class asked for is Y (the words "this
    kind of AutoModel" are fixed), the config is X, and the mapping's list after it ("Model type should be one of
    BartConfig, ...") is not the checkpoint's config, also where an issue page's markdown dropped X's "<class ...>"."""
    pytest.importorskip("transformers")
    listed = "\nModel type should be one of BartConfig, BertConfig, GPT2Config."
    t5 = "<class 'transformers.models.t5.configuration_t5.T5Config'>"
    d = Failure.from_text(f"ValueError: Unrecognized configuration class {t5} for this kind of AutoModel: "
                          "AutoModelForCausalLM." + listed).details
    assert d["config_class"] == "T5Config" and d["auto_class"] == "AutoModelForCausalLM"
    assert d["fitting_auto_class"] == "AutoModelForSeq2SeqLM"  # a head of a generating kind, not the bare AutoModel
    d = Failure.from_text("ValueError: Unrecognized configuration class  for this kind of AutoModel: "
                          "AutoModelForCausalLM." + listed).details
    assert "config_class" not in d and "fitting_auto_class" not in d and d["auto_class"] == "AutoModelForCausalLM"
    d = Failure.from_text("config = AutoConfig.from_pretrained(path)\nValueError: Unrecognized configuration class "
                          "WhisperConfig for AutoModelForSeq2SeqLM").details
    assert d["config_class"] == "WhisperConfig" and d["fitting_auto_class"] == "AutoModelForSpeechSeq2Seq"
    assert Failure.from_text("Model type should be one of BartConfig, BertConfig.\nAttributeError: 'LlavaConfig' "
                             "object has no attribute 'x'").details["config_class"] == "LlavaConfig"


def test_a_class_the_installed_transformers_maps_was_missing_in_the_release_that_raised() -> None:
    """T5 got a sequence-classification head in 4.31: the older release's message is answered with the class that
    holds T5 (the fix then) and, as a second step, the upgrade that makes the class asked for work; a class that
    generates is never answered with the bare AutoModel or a classification head."""
    pytest.importorskip("transformers")
    text = ("ValueError: Unrecognized configuration class <class 'transformers.models.t5.configuration_t5.T5Config'> "
            "for this kind of AutoModel: AutoModelForSequenceClassification.")
    assert Failure.from_text(text).details["auto_class_holds_model_type"] is True
    answer = explain(text)
    assert answer.fix == "use_other_auto_class" and "AutoModelForSeq2SeqLM" in answer.next_steps[0]
    assert "Upgrade transformers" in answer.next_steps[1]
    d = Failure.from_text(text.replace("AutoModelForSequenceClassification", "AutoModelForCausalLM")).details
    assert "auto_class_holds_model_type" not in d and d["fitting_auto_class"] == "AutoModelForSeq2SeqLM"
    d = Failure.from_text("ValueError: Unrecognized configuration class <class 'transformers.models.bert."
                          "configuration_bert.BertConfig'> for this kind of AutoModel: AutoModelForCausalLM.").details
    assert d["auto_class_holds_model_type"] is True and "fitting_auto_class" not in d  # BERT has no other generator


def test_a_module_attribute_is_read_against_the_installed_torchs_module_code() -> None:
    """What torch's nn/modules set in __init__, read from its sources: a torch layer's own setting or Module's
    bookkeeping (a module pickled by an older torch lacks them); a parameter, a non-torch class's attribute and what
    torch 1.0 already set (a Module.__init__ never called) are not."""
    pytest.importorskip("torch")
    assert names.torch_module_lacks_own_attribute("GELU", "approximate") is True
    assert names.torch_module_lacks_own_attribute("TextClassifier", "_load_state_dict_post_hooks") is True
    assert names.torch_module_lacks_own_attribute("Linear", "weight") is False
    assert names.torch_module_lacks_own_attribute("LlamaModel", "proj_size") is False
    assert names.torch_module_lacks_own_attribute("MyNet", "_modules") is False
    details = Failure.from_text("AttributeError: 'LSTM' object has no attribute 'proj_size'").details
    assert details["missing_attribute_set_by_torch_init"] is True
    assert "missing_attribute_set_by_torch_init" not in Failure.from_text(
        "AttributeError: 'NoneType' object has no attribute 'proj_size'").details


@pytest.mark.parametrize(("text", "package"), [
    # transformers' check of a repo's code names the packages after "the following packages ...:"
    ("ImportError: This modeling file requires the following packages that were not found in your environment: "
     "einops. Run `pip install einops`", "einops"),
    ("ImportError: This modeling file requires the following packages that were not found in your environment: "
     "transformers_stream_generator. Run `pip install transformers_stream_generator`", "transformers_stream_generator"),
    # a version requirement names the package to upgrade; the `pip install transformers -U` hint after it does not
    ("ImportError: huggingface-hub>=0.24.0,<1.0 is required for a normal functioning of this module, but found "
     "huggingface-hub==0.23.4.\nTry: `pip install transformers -U` or `pip install -e '.[dev]'`", "huggingface-hub"),
    ("AutoModel requires the PyTorch library but it was not found in your environment.", "torch"),
    ("RuntimeError: The unidic_lite dictionary is not installed", "unidic_lite"),
    ("ModuleNotFoundError: No module named 'llama_index.embeddings.huggingface'", "llama-index-embeddings-huggingface"),
    ("ModuleNotFoundError: No module named 'llama_cpp'", "llama-cpp-python"),
    # peft's check names the package before "please upgrade it": "it" is no package
    ("ImportError: Your transformers version is too old, please upgrade it to >= 4.53.1", "transformers"),
    # pip's build of a package without a wheel names it, a sentence's full stop after it left out
    ("ERROR: Could not build wheels for sentencepiece, which is required to install pyproject.toml-based projects",
     "sentencepiece"),
    ("  ERROR: Failed building wheel for flash-attn.", "flash-attn"),
    # Python 3.11 refusing a package's dataclass default: the class's top-level module
    ("ValueError: mutable default <class 'timm.models.maxxvit.MaxxVitConvCfg'> for field conv_cfg is not allowed: use "
     "default_factory", "timm"),
])
def test_the_package_is_the_one_pip_installs(text: str, package: str) -> None:
    assert Failure.from_text(text).details["package"] == package


def test_a_verb_is_no_model_id() -> None:
    """transformers.js' "file was not found locally at ..." is not transformers 3.x's "file <path> not found"."""
    details = Failure.from_text("Error: `local_files_only=true` or `env.allowRemoteModels=false` and file was not "
                                "found locally at \"./models/org/m/onnx/model.onnx\".").details
    assert "model_id" not in details


def test_a_pronoun_is_no_package() -> None:
    details = Failure.from_text("RuntimeError: the plugin failed, please upgrade it to the latest").details
    assert "package" not in details


def test_a_builtin_or_a_script_class_names_no_package() -> None:
    """A dataclass default of a builtin type or of the user's script is no package's (every Python refuses a list)."""
    for owner in ("list", "__main__.Cfg"):
        text = f"ValueError: mutable default <class '{owner}'> for field x is not allowed: use default_factory"
        assert "package" not in Failure.from_text(text).details


def test_ids_and_values_read_from_their_own_places() -> None:
    """Values the corpus audit found wrong (2026-12-03), each in the wording the library prints."""
    d = Failure.from_text("huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. Repository Not Found for "
                          "url: https://huggingface.co/api/models/llama-2-7b-chat.ggmlv3.q8_0.bin/revision/main.").details
    assert d["url_repo"] == "llama-2-7b-chat.ggmlv3.q8_0.bin" and d["url_revision"] == "main"
    d = Failure.from_text("Repository Not Found for url: https://huggingface.co/api/models/intfloat/e5_large.\n"
                          "Please make sure you specified the correct `repo_id` and `repo_type`.").details
    assert d["model_id"] == "intfloat/e5_large"  # the sentence's full stop is not part of the id
    d = Failure.from_text("OSError: Error no file named diffusion_pytorch_model.bin found in directory "
                          "weights/stable-diffusion-v1-5.").details
    assert d["id_kind"] == "local" and d["model_id_local_like"] is True  # raised only for a folder that exists
    d = Failure.from_text("OSError: Unable to load weights from pytorch checkpoint file for "
                          "'darwin-7b/pytorch_model-00001-of-00003.bin' at 'darwin-7b/pytorch_model-00001-of-00003.bin'"
                          ).details
    assert (d["model_id"], d["id_kind"], d["file"]) == ("darwin-7b", "local", "pytorch_model-00001-of-00003.bin")
    assert "model_id" not in Failure.from_text("OSError: None is not a local folder and is not a valid model "
                                               "identifier listed on 'https://huggingface.co/models'").details
    d = Failure.from_text("    shared.model_type = find_model_type(model_name)\n    config_class = "
                          "CONFIG_MAPPING[config_dict['model_type']]\nKeyError: 'cohere'").details
    assert d["model_type"] == "cohere"
    assert "gpu_name" not in Failure.from_text("RuntimeError: bf16 is only supported on A100+ GPUs").details
    assert "compute_capability" not in Failure.from_text(
        "ptxas error   : Feature '.bf16' requires .target sm_80 or higher").details
    assert Failure.from_text("bf16 on Tesla V100-SXM2-32GB").details["gpu_name"] == "Tesla V100-SXM2-32GB"
    rows = ("size mismatch for final_logits_bias: copying a param with shape torch.Size([1, 54953]) from checkpoint, "
            "the shape in current model is torch.Size([1, 54944]).\n size mismatch for model.shared.weight: copying a "
            "param with shape torch.Size([54953, 512]) from checkpoint, the shape in current model is "
            "torch.Size([54944, 512]).")
    assert Failure.from_text(rows).details["checkpoint_rows"] == "54953"  # the vocabulary, not the bias's 1
    assert "model_id" not in Failure.from_text("OSError: does not appear to have a file named config.json.").details
    d = Failure.from_text("requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
                          "https://huggingface.co/api/models/model/m3e-base").details
    assert d["url_passed_path"] == "model/m3e-base"
    d = Failure.from_text("request error: HTTP status client error (404 Not Found) for url (https://huggingface.co//"
                          "local/path/of/fine-tuned/model/resolve/main/1_Pooling/config.json)").details
    assert d["url_passed_path"] == "/local/path/of/fine-tuned/model"
    d = Failure.from_text("OSError: D:\\hub\\models--runwayml--stable-diffusion-v1-5\\snapshots\\"
                          "1d0c4ebf6ff58a5caecab40fa1406526bca4b5b9\\text_encoder does not appear to have a file named "
                          "config.json. Checkout 'https://huggingface.co/D:\\hub\\models--runwayml--stable-diffusion-v1-5"
                          "\\snapshots\\1d0c4ebf6ff58a5caecab40fa1406526bca4b5b9\\text_encoder/main' for available "
                          "files.").details
    assert d["cache_snapshot_subpath"] == "text_encoder"  # not "text_encoder/main": the link's revision
    text = ("huggingface_hub.utils._validators.HFValidationError: Repo id must be in the form 'repo_name' or "
            "'namespace/repo_name': 'maknee/ggml-vicuna-v0-quantized/13B'. Use `repo_type` argument if needed.\n"
            "Repository Not Found for url: https://huggingface.co/maknee/ggml-vicuna-v0-quantized/resolve/main/"
            "tokenizer_config.json.")
    assert Failure.from_text(text).details["invalid_repo_id"] == "maknee/ggml-vicuna-v0-quantized/13B"
    assert explain(text).explanation.startswith("'maknee/ggml-vicuna-v0-quantized/13B' is not of the form")


def test_a_folder_the_text_shows_is_local_gets_no_hub_download() -> None:
    """"Error no file named X found in directory gpt2-l" is raised only for a folder on disk: the answer says to check
    the folder, never `hf download gpt2-l` (the id's shape alone would say repo)."""
    answer = explain("OSError: Error no file named pytorch_model.bin, tf_model.h5, model.ckpt.index or "
                     "flax_model.msgpack found in directory gpt2-l.")
    assert answer.category == "missing_weights_files"
    steps = " ".join(answer.next_steps)
    assert "hf download" not in steps and "folder gpt2-l" in steps


@pytest.mark.parametrize(("text", "named_format"), [
    ("OSError: Error no file named pytorch_model.bin, model.safetensors found in directory models/llama-2-13b-exl2.",
     "EXL2"),
    ("OSError: TheBloke/Llama-2-7B-Chat-GGUF does not appear to have a file named pytorch_model.bin", "GGUF"),
    ("OSError: Error no file named model.safetensors found in directory /srv/qwen-7b-chat-int4.", "quantized"),
    ("OSError: Error no file named model_index.json found in directory /mnt/models/Cosmos-Predict2.5-2B.", None),
])
def test_the_format_a_name_announces(text: str, named_format: str | None) -> None:
    """A folder named for GPTQ, GGUF or int4 files holds them under names from_pretrained does not look for: the name
    says which loader they are for ("Predict2.5" is not CTranslate2's "ct2")."""
    details = Failure.from_text(text).details
    assert details.get("model_id_format") == named_format
    answer = explain(text)
    assert (answer.fix == "other") is (named_format is not None)
    if named_format:
        assert f"({named_format} files)" in " ".join(answer.next_steps)


def test_a_gptq_folder_is_read_as_a_loader_not_told_it_is_quantized() -> None:
    """A folder named for GPTQ or AWQ files with no unquantized weights in it: the loader was not given the
    quantization settings (text-generation-webui's GPTQ parameters), a quantization question, not a missing file."""
    text = ("OSError: Error no file named pytorch_model.bin, model.safetensors found in directory "
            "models/llama-2-13b-GPTQ.")
    assert Failure.from_text(text).details.get("model_id_format") == "GPTQ"
    answer = explain(text)
    assert (answer.category, answer.fix) == ("quantization_config", "use_quantization_config")
    assert "models/llama-2-13b-GPTQ" in answer.explanation


def test_sentencepiece_only_tokenizers_read_from_transformers_source() -> None:
    """A class the installed transformers builds only with SentencePiece (no Fast twin) is marked as such; a class
    with a Fast twin, one needing no SentencePiece, and a remote-code class are not."""
    pytest.importorskip("transformers")
    from advisor import names

    only = names.sentencepiece_only_tokenizers()
    assert {"MarianTokenizer", "M2M100Tokenizer", "Speech2TextTokenizer"} <= only
    assert not {"T5Tokenizer", "LlamaTokenizer", "Qwen2Tokenizer", "BertTokenizer", "QWenTokenizer"} & only
    d = Failure.from_text("ValueError: Tokenizer class MarianTokenizer does not exist or is not currently "
                          "imported.").details
    assert d["tokenizer_class_backend"] == "sentencepiece"
    assert "tokenizer_class_backend" not in Failure.from_text(
        "ValueError: Tokenizer class Qwen2Tokenizer does not exist or is not currently imported.").details


def test_transposed_shapes() -> None:
    """Swapped dimensions of a 2-D weight are a layout difference, not another model size."""
    text = ("size mismatch for h.0.attn.c_attn.weight: copying a param with shape torch.Size([768, 2304]) from "
            "checkpoint, the shape in current model is torch.Size([2304, 768]).")
    assert Failure.from_text(text).details["shapes_transposed"] is True
    other = text.replace("[2304, 768]", "[2304, 1024]")
    assert "shapes_transposed" not in Failure.from_text(other).details


def test_gpu_files_and_json() -> None:
    d = Failure.from_text("ValueError: Bfloat16 is only supported on GPUs with compute capability of at least 8.0. "
                          "Your Tesla T4 GPU has compute capability 7.5").details
    assert d["gpu_name"] == "Tesla T4" and d["compute_capability"] == "7.5"
    d = Failure.from_text("OSError: /data/ckpt does not appear to have a file named config.json.").details
    assert d["file"] == "config.json" and d["model_id"] == "/data/ckpt" and d["id_kind"] == "local"
    d = Failure.from_text("reading adapter_config.json\njson.decoder.JSONDecodeError: Expecting value: line 1 "
                          "column 1 (char 0)").details
    assert d["json_error"] is True and d["json_file"] == "adapter_config.json"


def test_a_missing_files_name_is_read_from_its_path_quoted_or_not() -> None:
    """The operating system's "No such file or directory" names the file by its path: quoted by Python, in double
    quotes by sentencepiece, bare in some logs. The file's name is what rules read (a tokenizer's or a weight's)."""
    for text in ("FileNotFoundError: [Errno 2] No such file or directory: whisper-tiny-zh/tokenizer.json",
                 "FileNotFoundError: [Errno 2] No such file or directory: 'whisper-tiny-zh/tokenizer.json'",
                 'OSError: Not found: "whisper-tiny-zh/tokenizer.json": No such file or directory Error #2'):
        assert Failure.from_text(text).details["file"] == "tokenizer.json", text
    # a path followed by more words is not cut at a guess
    assert "file" not in Failure.from_text("No such file or directory: x/tokenizer.json was expected").details


def test_a_servers_json_message_that_is_a_keys_str_reads_as_the_key() -> None:
    """SageMaker's inference toolkit answers a KeyError with its str() as the JSON record's message: the quoted key,
    escaped or not, inside another client's error or alone."""
    record = '{\n  "code": 400,\n  "type": "InternalServerException",\n  "message": "\\u0027bloom\\u0027"\n}'
    for text in (record, 'ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: '
                 'Received client error (400) from primary with message "' + record):
        assert Failure.from_text(text).details.get("keyerror_bare_key") == "bloom", text
    assert "keyerror_bare_key" not in Failure.from_text('{"message": "model \'bloom\' failed"}').details


def test_no_route_to_the_hub_is_told_from_a_proxy_or_a_refusal() -> None:
    """A host name that did not resolve or a network that is down means no route at all (``network_unreachable``); a
    proxy named anywhere, or a refused connection, is a network that answered."""
    base = ("ConnectionError: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries exceeded (Caused by "
            "NewConnectionError('Failed to establish a new connection: {}'))")
    for reason in ("[Errno -2] Name or service not known", "[Errno 101] Network is unreachable"):
        assert Failure.from_text(base.format(reason)).details.get("network_unreachable") is True, reason
    for reason in ("[Errno 111] Connection refused", "[Errno -2] Name or service not known') via proxy 10.0.0.1"):
        assert "network_unreachable" not in Failure.from_text(base.format(reason)).details, reason
    # the Hub answered and only its file CDN did not resolve: the network works
    cdn = base.replace("host='huggingface.co'", "host='cdn-lfs.huggingface.co'").format("[Errno -2] Name or service "
                                                                                         "not known")
    assert "network_unreachable" not in Failure.from_text(cdn).details


@pytest.mark.parametrize(("document", "kind"), [
    ('{"a": 1,\n}', "syntax"),           # a comma before the closing brace
    ("{'a': 1}", "syntax"),               # a name in single quotes
    ('{"a": 1}\n{"b": 2}', "syntax"),     # two documents in one file
    ('{"a": "x\ny"}', "syntax"),          # a raw line break inside a string
    ("", "not_json"),                     # an empty file
    ("version https://git-lfs.github.com/spec/v1\noid sha256:0", "not_json"),  # a Git LFS pointer
    ("<!DOCTYPE html><html>", "not_json"),  # an HTML page saved as the file
    ('{"a": "abc', None),                 # cut short inside a string
    ('{"a": [1, 2', None),                # cut short inside a list
])
def test_json_error_kind_reads_the_decoders_own_words(document: str, kind: str | None) -> None:
    """The kind comes from what Python's json module really says for each broken document."""
    try:
        json.loads(document)
    except json.JSONDecodeError as exc:
        message = f"json.decoder.JSONDecodeError: {exc}"
    else:  # pragma: no cover - every document above is broken
        raise AssertionError(document)
    details = Failure.from_text(message).details
    assert details["json_error"] is True
    assert details.get("json_error_kind") == kind


def test_explain_names_the_values_the_text_holds(rules: RuleSet) -> None:
    result = explain("ValueError: Bfloat16 is only supported on GPUs with compute capability of at least 8.0. "
                     "Your Tesla T4 GPU has compute capability 7.5", rules=rules)
    assert "Tesla T4" in result.explanation and "7.5" in result.explanation
    bare = explain("ValueError: Bfloat16 is only supported on GPUs with compute capability of at least 8.0.",
                   rules=rules)
    assert "this GPU is older" in bare.explanation


def test_a_local_folder_never_gets_hf_download(rules: RuleSet) -> None:
    local = explain("OSError: Error no file named pytorch_model.bin, model.safetensors found in directory "
                    "/srv/runs/exp3.", rules=rules)
    hub = explain("OSError: org/model does not appear to have a file named pytorch_model.bin.", rules=rules)
    assert "hf download" not in " ".join(local.next_steps) and "/srv/runs/exp3" in " ".join(local.next_steps)
    assert "hf download org/model" in " ".join(hub.next_steps)


def test_a_401_on_a_repo_offers_the_other_reading(rules: RuleSet) -> None:
    result = explain("huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. Repository Not Found for url:"
                     " https://huggingface.co/org/model/resolve/main/config.json.", rules=rules)
    assert result.category == "repo_not_found"
    assert result.alternatives and result.alternatives[0].category == "gated_or_auth"
    assert "hf auth whoami" in result.explanation


def test_not_a_valid_identifier_offers_an_outage(rules: RuleSet) -> None:
    result = explain("OSError: org/model is not a local folder and is not a valid model identifier listed on "
                     "'https://huggingface.co/models'", rules=rules)
    assert result.category == "repo_not_found"
    assert "offline_or_network" in [a.category for a in result.alternatives]
    cats = [a.category for a in result.alternatives]
    assert len(cats) == len(set(cats)) and result.category not in cats


def test_a_bare_401_offers_an_expired_token_or_a_removed_repo(rules: RuleSet) -> None:
    bare = explain("requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
                   "https://huggingface.co/org/model/resolve/main/config.json", rules=rules)
    gated = explain("huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url "
                    "https://huggingface.co/org/model/resolve/main/config.json.", rules=rules)
    assert bare.category == gated.category == "gated_or_auth"
    assert [a.category for a in bare.alternatives][:1] == ["repo_not_found"] and "hf auth whoami" in bare.explanation
    assert "repo_not_found" not in [a.category for a in gated.alternatives]


def test_alternatives_appear_in_the_json_only_when_there_are_some(rules: RuleSet) -> None:
    import json

    plain = json.loads(explain("OSError: [Errno 28] No space left on device", rules=rules).model_dump_json())
    ambiguous = json.loads(explain("huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. Repository Not "
                                   "Found for url: https://huggingface.co/org/m/resolve/main/config.json.",
                                   rules=rules).model_dump_json())
    assert set(plain) == {"category", "fix", "rule", "title", "explanation", "next_steps"}
    assert ambiguous["alternatives"][0] == {"category": "gated_or_auth", "fix": "login_token", "rule": "gated-repo",
                                            "why": ambiguous["alternatives"][0]["why"]}


def test_a_model_type_no_transformers_knows_offers_remote_code(rules: RuleSet) -> None:
    pytest.importorskip("transformers")
    unknown = explain("ValueError: The checkpoint you are trying to load has model type `my_custom_arch` but "
                      "Transformers does not recognize this architecture.", rules=rules)
    known = explain("ValueError: The checkpoint you are trying to load has model type `llama` but Transformers "
                    "does not recognize this architecture.", rules=rules)
    assert unknown.category == known.category == "unrecognized_model_type"
    assert [a.category for a in unknown.alternatives] == ["trust_remote_code_required"]
    assert "trust_remote_code_required" not in [a.category for a in known.alternatives]


def test_an_image_text_model_type_in_mlx_offers_the_vision_loader(rules: RuleSet) -> None:
    """mlx-lm's "Model type x not supported." for a type transformers maps to image-text classes only: a release
    without it first, a loader of language models given a vision-language model second (mlx-vlm loads it)."""
    pytest.importorskip("transformers")
    vision = explain("ValueError: Model type glm4v not supported.", rules=rules)
    language = explain("ValueError: Model type qwen3_next not supported.", rules=rules)
    assert vision.category == language.category == "unrecognized_model_type"
    assert [a.category for a in vision.alternatives][:1] == ["wrong_auto_class"]
    assert "mlx-vlm" in vision.alternatives[0].why and "'glm4v'" in vision.alternatives[0].why
    assert "wrong_auto_class" not in [a.category for a in language.alternatives]
    assert Failure.from_text("ValueError: Model type glm4v not supported.").details["model_type_vision_language"]


def test_paths_name_their_repo_or_folder(rules: RuleSet) -> None:
    cached = Failure.from_text("OSError: Unable to load weights from checkpoint file for '/root/.cache/huggingface/hub/"
                               "models--org--some-model/snapshots/abc/model.bin' at '/root/x'.").details
    assert cached["model_id"] == "org/some-model" and cached["id_kind"] == "repo"
    a_file = Failure.from_text("OSError: Unable to load weights from pytorch checkpoint file for "
                               "'/data/run/pytorch_model-00001-of-00002.bin' at '/data/run/x'").details
    assert a_file["model_id"] == "/data/run" and a_file["file"] == "pytorch_model-00001-of-00002.bin"
    wrapped = Failure.from_text("OSError: Error no file named pytorch_model.bin found in \ndirectory /w/out.").details
    assert wrapped["model_id"] == "/w/out" and wrapped["id_kind"] == "local"
    last_line = Failure.from_text("Otherwise, make sure './runs/ckpt-1200' is the correct path to a directory "
                                  "containing all relevant files for a T5TokenizerFast tokenizer.").details
    assert last_line["model_id"] == "./runs/ckpt-1200" and last_line["id_kind"] == "local"
    cache_root = Failure.from_text("ValueError: Unrecognized model in ./models--ai-forever--FRIDA. Should have a "
                                   "`model_type` key in its config.json").details
    assert cache_root["model_id"] == "./models--ai-forever--FRIDA" and cache_root["cache_repo"] == "ai-forever/FRIDA"
    steps = " ".join(explain("OSError: Unable to load weights from checkpoint file for '/root/.cache/huggingface/hub/"
                             "models--org--some-model/snapshots/abc/model.bin' at '/root/x'.", rules=rules).next_steps)
    assert "hf download org/some-model" in steps


def test_a_mac_is_read_from_its_paths_or_its_name() -> None:
    for text in ('  File "/Users/ana/venv/lib/python3.11/site-packages/transformers/modeling_utils.py", line 3',
                 "/opt/homebrew/lib/python3.12/site-packages/torch/__init__.py", "我的M3芯片本地运行",
                 "on an M2 Max Mac", "macOS 14.5, Apple Silicon"):
        assert Failure.from_text(text).details.get("host_os") == "macos", text
    for text in ("/home/users/ana/x.py", "C:\\Users\\ana\\venv\\lib", "the M3 checkpoint", "GM3 chip"):
        assert "host_os" not in Failure.from_text(text).details, text


def test_an_architecture_transformers_ships_is_not_only_a_version_question(rules: RuleSet) -> None:
    pytest.importorskip("transformers")
    shipped = explain("ValueError: Model architectures ['LlamaForCausalLM'] are not supported for now.", rules=rules)
    new = explain("ValueError: Model architectures ['Qwen9ForCausalLM'] are not supported for now.", rules=rules)
    assert shipped.category == new.category == "unrecognized_model_type"
    assert [a.category for a in shipped.alternatives] == ["missing_dependency"] and not new.alternatives


HOSTILE = {
    "cache path": ("models--" + "a-" * 60) * 1500,
    "local folder": ("x" * 250 + " is not a local folder ") * 700,
    "wrapped directory": ("found in \n directory " + "y" * 290) * 600,
    "tokenizer class": ("Tokenizer class " + "A" * 70 + " ") * 2300,
    "revision": ('revision="' + "a" * 99) * 1900,
    "resolve url": ("https://huggingface.co/" + "a/" * 50 + "resolve/") * 1500,
    "config class": ("A" + "b" * 78 + "Config ") * 2400,
    "import": ("cannot import name '" + "a" * 79 + "' from '" + "b" * 119) * 800,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_parsing_stays_fast_on_hostile_text(name: str) -> None:
    import time

    start = time.process_time()
    Failure.from_text(HOSTILE[name])
    assert time.process_time() - start < 1.0, f"{name}: parsing 200 kB took too long"


def test_a_pattern_on_a_value_the_text_does_not_hold_never_matches() -> None:
    """A ``matches`` test (even a negative lookahead) fails on an unknown value instead of reading 'None'."""
    from advisor.context import check_value
    from advisor.schema import Condition

    assert not check_value(None, Condition(matches="^(?!main$)"))
    assert check_value("v2", Condition(matches="^(?!main$)"))
    assert not check_value("main", Condition(matches="^(?!main$)"))


def test_a_404_outside_the_hub_names_no_revision(rules: RuleSet) -> None:
    """A 404 from another server (a library's own mirror) says nothing of a Hub ref: the final error decides."""
    result = explain("requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://example.org/backup/"
                     "models/some-old-name.zip\n\nOSError: Can't load config for 'some-old-name'. Make sure that:\n\n"
                     "- 'some-old-name' is a correct model identifier listed on 'https://huggingface.co/models'\n",
                     rules=rules)
    assert result.category != "revision_not_found"


def test_the_exception_class_outweighs_the_status_code(rules: RuleSet) -> None:
    """A 401 raised as RepositoryNotFoundError (a missing or private repo) is not read as a gate."""
    result = explain("huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error\n"
                     "https://huggingface.co/api/datasets/org/some-data/revision/main", rules=rules)
    assert result.category == "repo_not_found"


def test_other_clients_and_mirrors_name_their_status_and_host() -> None:
    d = Failure.from_text('Could not get file "config.json" from API: RequestError(Status(403, Response[status: 403, '
                          'url: https://huggingface.co/org/m/resolve/main/config.json]))').details
    assert d["http_status"] == 403 and d["url_host"] == "huggingface.co" and d["url_file"] == "config.json"
    d = Failure.from_text("404 Client Error: Not Found for url: https://mirror.example.org/hf/org/m/pytorch_model.bin"
                          ).details
    assert d["url_host"] == "mirror.example.org" and d["url_path"].endswith("pytorch_model.bin")
    # the URL the status is about, not a documentation link printed after it
    d = Failure.from_text('{"message": "request error: https://huggingface.co/org/m/resolve/main/config.json: status '
                          'code 401.", "link": "https://docs.example.com/errors#internal"}').details
    assert d["url_host"] == "huggingface.co" and d["http_status"] == 401


@pytest.mark.parametrize(("text", "status", "file"), [
    # aiohttp (async downloaders)
    ("aiohttp.client_exceptions.ClientResponseError: 404, message='Not Found', "
     "url=URL('https://huggingface.co/org/m/resolve/main/model.safetensors')", 404, "model.safetensors"),
    # llama.cpp's downloader: the status line first, the URL on the next line
    ("common_download_file_single: invalid http status code received: 404\nllama_load_model_from_hf: failed to "
     "download model from https://huggingface.co/org/m/resolve/main/m-q4_k_m.gguf", 404, "m-q4_k_m.gguf"),
    # whisper.cpp-style loaders, curl and wget
    ("RuntimeError: Downloading from https://huggingface.co/org/m/resolve/main/ggml-base.bin failed with code 404!",
     404, "ggml-base.bin"),
    ("curl: (22) The requested URL returned error: 401\nhttps://huggingface.co/org/m/resolve/main/config.json", 401,
     "config.json"),
    ("--2024-01-01 10:00:00--  https://huggingface.co/org/m/resolve/main/model.safetensors\nHTTP request sent, "
     "awaiting response... 404 Not Found\n2024-01-01 10:00:00 ERROR 404: Not Found.", 404, "model.safetensors"),
    ("Server returned HTTP 403 for https://huggingface.co/org/m/resolve/main/tokenizer.json", 403, "tokenizer.json"),
    # a downloader's own line: the URL, then the status it got (exo)
    ("AssertionError: Failed to download config.json from https://huggingface.co/org/m/resolve/main/config.json: 401",
     401, "config.json"),
    # transformers.js names the status by a phrase (hub.js ERROR_MAPPING), or by its number for a status it lacks
    ('Error: Unauthorized access to file: "https://huggingface.co/org/m/resolve/main/config.json".', 401,
     "config.json"),
    ('Error: Could not locate file: "https://huggingface.co/org/m/resolve/main/onnx/model_quantized.onnx".', 404,
     "onnx/model_quantized.onnx"),
    ('Error: Gateway timeout error occurred while trying to load file: "https://huggingface.co/org/m/resolve/main/'
     'tokenizer.json".', 504, "tokenizer.json"),
    ('Error: Error (429) occurred while trying to load file: "https://huggingface.co/org/m/resolve/main/config.json".',
     429, "config.json"),
    # Julia's HTTP.jl, R's download.file
    ('ERROR: HTTP.Exceptions.StatusError(401, "GET", "https://huggingface.co/org/m/resolve/main/ggml-base.bin", …)',
     401, "ggml-base.bin"),
    ("Error in utils::download.file(url = url, destfile = to) : cannot open URL 'https://huggingface.co/org/m/resolve/"
     "main/ggml-tiny.bin': HTTP status was '404 Not Found'", 404, "ggml-tiny.bin"),
    # a person's words for the answer
    ("Requesting https://huggingface.co/org/m/resolve/main/config.json returns 404.", 404, "config.json"),
    ("the url https://huggingface.co/org/m/resolve/main/model.bin gives me a 401 Unauthorized", 401, "model.bin"),
])
def test_other_clients_words_for_an_http_status(text: str, status: int, file: str) -> None:
    d = Failure.from_text(text).details
    assert d["http_status"] == status and d["url_file"] == file and d["url_host"] == "huggingface.co"


def test_a_number_after_a_url_is_a_status_only_when_it_ends_the_sentence() -> None:
    """A port, a path or a line number after a URL is not an HTTP status."""
    for text in ("see https://huggingface.co/org/m/resolve/main/config.json: 401k downloads",
                 "OSError: https://huggingface.co/org/m/blob/main/modeling.py:404 raised"):
        assert "http_status" not in Failure.from_text(text).details


def test_urllib3_giving_up_on_server_errors_is_a_server_failure() -> None:
    # urllib3's Retry gives up on a status it retries (ModelScope's file list answering 500 again and again): the
    # server failed, so waiting and retrying is the answer, not a proxy
    text = ("requests.exceptions.RetryError: HTTPSConnectionPool(host='www.modelscope.cn', port=443): Max retries "
            "exceeded with url: /api/v1/models/Qwen/QwQ-32B/repo/files?Revision=master&Recursive=True (Caused by "
            "ResponseError('too many 500 error responses'))")
    d = Failure.from_text(text).details
    assert d["http_status"] == 500 and d["network_error"] == "server"
    assert explain(text).fix == "retry_download"


@pytest.mark.parametrize("text", [
    # a process's exit code is no HTTP status, and a number beside "status" in a log is not one either
    "RuntimeError: Command '['git', 'lfs', 'pull']' failed with code 127 for https://huggingface.co/org/m",
    "subprocess.CalledProcessError: Command 'hf download org/m' returned non-zero exit status 1.",
    "Process finished with exit code 137 (interrupted by signal 9: SIGKILL)",
    # a count in a person's words is no status either
    "I got 500 images from https://huggingface.co/datasets/org/pics and it failed",
    "the loader returned 404 tensors, the checkpoint has 405",
    # transformers.js's phrase without the URL it always carries is somebody's prose, not its message
    "Could not locate file, please check the path you gave",
])
def test_an_exit_code_is_not_read_as_an_http_status(text: str) -> None:
    assert "http_status" not in Failure.from_text(text).details


def test_other_clients_404_on_a_weights_file_reads_as_the_missing_file(rules: RuleSet) -> None:
    """The status and the URL, in any client's words, say which file the repo lacks."""
    for text in ("aiohttp.client_exceptions.ClientResponseError: 404, message='Not Found', "
                 "url=URL('https://huggingface.co/org/m/resolve/main/model.safetensors')",
                 "RuntimeError: Downloading from https://huggingface.co/org/m/resolve/main/ggml-base.bin failed "
                 "with code 404!"):
        assert explain(text, rules=rules).category == "missing_weights_files", text
    # huggingface_hub's own 403 without the gate's code is the token's scope, not an access request
    result = explain("HfHubHTTPError: 403 Forbidden: Authorization error..\nCannot access content at: "
                     "https://huggingface.co/org/m/resolve/main/config.json.\nMake sure your token has the correct "
                     "permissions.", rules=rules)
    assert (result.category, result.fix) == ("gated_or_auth", "login_token")


def test_a_status_cut_off_and_a_path_with_a_trailing_slash_still_name_the_repo(rules: RuleSet) -> None:
    """requests' "404 Client Error: Not Found for url" pasted from its reason phrase on is still a 404; a path passed
    with a trailing slash reaches the Hub as "<id>//resolve/..." and still names the repo. huggingface_hub's own
    "Entry Not Found for url" is not the bare phrase."""
    details = Failure.from_text("Not Found for url: https://huggingface.co/pretrained/biobert_v1.1//resolve/main/"
                                "config.json").details
    assert (details["http_status"], details["url_repo"], details["url_file"]) == (404, "pretrained/biobert_v1.1",
                                                                                   "config.json")
    assert explain("Not Found for url: https://huggingface.co/pretrained/biobert_v1.1//resolve/main/config.json",
                   rules=rules).category == "repo_not_found"
    assert "http_status" not in Failure.from_text("Entry Not Found for url: https://huggingface.co/org/m/resolve/main/"
                                                  "model.safetensors").details


def test_an_undefined_name_is_read_with_the_frame_that_used_it() -> None:
    """Python's NameError names the name; the frame before it says whose code used it: a library's guarded import that
    was skipped, or the caller's script that never imported it; a title shows no frame."""
    library = Failure.from_text("  File \"/usr/lib/python3/dist-packages/trl/trainer/utils.py\", line 718, in get_peft_"
                                "config\n    peft_config = LoraConfig(\nNameError: name 'LoraConfig' is not "
                                "defined").details
    assert (library["undefined_name"], library["undefined_name_in_library"]) == ("LoraConfig", True)
    script = Failure.from_text("  File \"/home/me/train.py\", line 5, in <module>\n    tok = AutoTokenizer.from_"
                               "pretrained(\"gpt2\")\nNameError: name 'AutoTokenizer' is not defined").details
    assert (script["undefined_name"], script["undefined_name_in_library"]) == ("AutoTokenizer", False)
    if names.class_known("AutoTokenizer") is not None:
        assert script["undefined_name_from_transformers"] is True
    title = Failure.from_text("name \u2018PeftModel\u2019 is not defined").details
    assert title["undefined_name"] == "PeftModel" and "undefined_name_in_library" not in title


@pytest.mark.parametrize(("text", "non_ascii"), [
    ("model file not found: load C:\\Users\\J\u00e9r\u00f4me\\.cache\\huggingface\\hub\\x.gguf", True),
    ("[ModelManager] Cache path: C:\\Users\\Matthias B\ufffdckh\\.cache\\huggingface\\hub", True),
    ("FileNotFoundError: /home/\u0430\u043d\u043d\u0430/models/x.bin", True),
    ("FileNotFoundError: C:\\Users\\\u2026\\.cache\\huggingface\\hub\\x.gguf", None),  # a name left out
    ("OSError: Error no file named model.safetensors found in directory D:\\\u6a21\u578b\\q.", None),  # no user dir
])
def test_a_user_folder_outside_ascii_is_read_from_its_path(text: str, non_ascii: bool | None) -> None:
    """Native loaders open Windows paths as narrow strings: a user folder with an accent, Cyrillic, or the replacement
    character a conversion left is what they cannot open."""
    assert Failure.from_text(text).details.get("home_path_non_ascii") is non_ascii


def test_a_browser_consoles_404_names_its_file(rules: RuleSet) -> None:
    details = Failure.from_text("GET https://huggingface.co/Xenova/m/resolve/main/onnx/model_quantized.onnx 404 (Not "
                                "Found)").details
    assert (details["http_status"], details["url_file"]) == (404, "onnx/model_quantized.onnx")


def test_gguf_runners_hub_references_name_the_repo() -> None:
    """ollama's hf.co/org/name:TAG and llama.cpp's -hf org/name:TAG name the repo; the tag picks a file."""
    d = Failure.from_text("ollama run hf.co/acme/tiny-GGUF:Q4_0\n\nError: pull model manifest: 401: "
                          '{"error":"Invalid username or password."}').details
    assert d["model_id"] == "acme/tiny-GGUF" and d["id_kind"] == "repo" and d["http_status"] == 401
    d = Failure.from_text("llama-server -hf acme/tiny-GGUF:Q4_K_M\nerror: model is private or does not exist").details
    assert d["model_id"] == "acme/tiny-GGUF"
    # the site's own pages are no repo
    assert "model_id" not in Failure.from_text("Error: invalid token, create one at hf.co/settings/tokens and retry"
                                               ).details


def test_the_callers_dtype_and_quantization_come_from_its_own_line() -> None:
    d = Failure.from_text('    model = AutoModel.from_pretrained("org/m", torch_dtype=torch.float16)\n'
                          "torch.OutOfMemoryError: CUDA out of memory.").details
    assert d["code_dtype"] == "float16" and "code_quantized" not in d
    d = Failure.from_text("    m = AutoModelForCausalLM.from_pretrained(p, quantization_config=BitsAndBytesConfig("
                          "load_in_4bit=True))\nOutOfMemoryError: CUDA out of memory.").details
    assert d["code_quantized"] is True


def test_a_source_line_of_the_raising_code_is_never_read_as_a_value(rules: RuleSet) -> None:
    """transformers 4.x prints its f-string source line ("'{resolved_config_file}'") above the message."""
    text = ("app-1  |     f\"It looks like the config file at '{resolved_config_file}' is not a valid JSON file.\"\n"
            "app-1  | OSError: It looks like the config file at '/cache/transformers/0123456789abcdef0123456789abcdef"
            "0123456789abcdef.26fead7e' is not a valid JSON file.")
    result = explain(text, rules=rules)
    assert "{" not in result.explanation + " ".join(result.next_steps)
    # a file in a cache was downloaded by the library: a broken download, not a wrong path
    assert result.category == "corrupted_or_incomplete_download"


def test_a_bare_folder_name_is_not_read_as_a_hub_id(rules: RuleSet) -> None:
    """Only org/name (or a legacy id such as gpt2) can shadow a Hub repo; checkpoint-500 is a folder."""
    assert explain("checkpoint-500 does not appear to have a file named config.json",
                   rules=rules).category == "missing_weights_files"
    assert explain("OSError: acme/llm-7b does not appear to have a file named config.json.",
                   rules=rules).category == "local_path_shadowing"


def test_a_gpu_name_is_not_read_from_a_repo_id_or_a_requirement() -> None:
    """"…-550B-A55B-NVFP4/resolve/…" is a repo's name, "(e.g 4090/H100)" an example: neither is the user's GPU."""
    text = ("HTTP status client error (416 Range Not Satisfiable) for url (https://huggingface.co/nvidia/"
            "NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4/resolve/main/__init__.py)")
    assert "gpu_name" not in Failure.from_text(text).details
    assert "gpu_name" not in Failure.from_text("only supported on GPUs with compute capability >= 8.9 (e.g "
                                               "4090/H100), actual = `8.6`").details
    assert Failure.from_text("GPU 0: NVIDIA A100-SXM4-80GB").details["gpu_name"] == "NVIDIA A100-SXM4-80GB"


def test_a_tokenizer_fast_alias_is_transformers_own_class() -> None:
    """transformers 5 keeps "BertTokenizerFast" only as an alias of BertTokenizer; a 4.x paste still names it."""
    pytest.importorskip("transformers")
    d = Failure.from_text("AttributeError: 'BertTokenizerFast' object has no attribute 'image_processor'").details
    assert d["attribute_owner_known"] is True
    d = Failure.from_text("AttributeError: 'ChatGLMTokenizerFast' object has no attribute 'tokenizer'").details
    assert d["attribute_owner_known"] is False


def test_githubs_rate_limit_is_a_server_side_refusal() -> None:
    d = Failure.from_text("urllib.error.HTTPError: HTTP Error 403: rate limit exceeded").details
    assert d["network_error"] == "server" and d["http_status"] == 403


def test_the_two_model_types_of_transformers_class_mismatch_warning_are_read() -> None:
    """"You are using a model of type X to instantiate a model of type Y": the checkpoint's type, then the class's."""
    d = Failure.from_text("You are using a model of type llava_next to instantiate a model of type llava_llama. This "
                          "is not supported for all configurations of models and can yield errors.").details
    assert (d["checkpoint_model_type"], d["class_model_type"]) == ("llava_next", "llava_llama")
    # TGI's shard prints no second type; the same type twice is no mismatch
    for text in ("You are using a model of type llama to instantiate a model of type . This is not supported",
                 "You are using a model of type bert to instantiate a model of type bert."):
        assert "checkpoint_model_type" not in Failure.from_text(text).details


def test_an_import_error_without_its_module_takes_it_from_the_import_statement() -> None:
    """Python before 3.7 printed "cannot import name 'X'" alone; the traceback's "from M import X" names M."""
    text = ("----> 3 from transformers import Pix2StructForConditionalGeneration, Pix2StructProcessor\n\n"
            "ImportError: cannot import name 'Pix2StructProcessor'")
    d = Failure.from_text(text).details
    assert (d["import_name"], d["import_from"]) == ("Pix2StructProcessor", "transformers")
    d = Failure.from_text("from transformers import AutoModel\nImportError: cannot import name 'Pix2StructProcessor'"
                          ).details
    assert "import_from" not in d  # the statement does not import that name


def test_an_import_error_retyped_without_the_names_closing_quote_still_names_both() -> None:
    """A retyped message may lose the quote after the name ("cannot import name 'X from 'transformers'"): the name
    and the module are the same as in Python's own wording, and so is the answer."""
    typed = Failure.from_text("ImportError: cannot import name 'Qwen2_5OmniModel from 'transformers'").details
    printed = Failure.from_text("ImportError: cannot import name 'Qwen2_5OmniModel' from 'transformers' "
                                "(/venv/lib/python3.11/site-packages/transformers/__init__.py)").details
    assert (typed["import_name"], typed["import_from"]) == ("Qwen2_5OmniModel", "transformers")
    assert (printed["import_name"], printed["import_from"]) == ("Qwen2_5OmniModel", "transformers")
    assert explain("ImportError: cannot import name 'Qwen2_5OmniModel from 'transformers'").rule == explain(
        "ImportError: cannot import name 'Qwen2_5OmniModel' from 'transformers'").rule


def test_a_class_whose_quotes_a_title_dropped_is_still_the_attribute_owner() -> None:
    """Python quotes the class ("'Qwen2TokenizerFast' object has no attribute"); an issue's title may not."""
    d = Failure.from_text("Qwen2TokenizerFast object has no attribute 'tokenizer").details
    assert (d["attribute_owner"], d["missing_attribute"]) == ("Qwen2TokenizerFast", "tokenizer")
    for sentence in ("This object has no attribute 'x'", "Tensor object has no attribute 'x'"):
        assert "attribute_owner" not in Failure.from_text(sentence).details  # a word, not a class's CamelCase name


@pytest.mark.parametrize("module", ["huggingface_hub.commands", "huggingface_hub.utils._errors",
                                    "huggingface_hub.errors", "huggingface_hub.file_download"])
def test_a_submodule_is_looked_up_in_the_library_installed_here(rules: RuleSet, module: str) -> None:
    """huggingface_hub 1.0 removed huggingface_hub.commands (the huggingface-cli): "No module named" for a submodule of
    an installed library is no package to install when this library's release lacks the module too."""
    pytest.importorskip("huggingface_hub")
    import importlib.util

    present = importlib.util.find_spec(module) is not None  # the installed release, imported the usual way
    text = f"ModuleNotFoundError: No module named '{module}'"
    assert Failure.from_text(text).details["missing_module_in_library"] is present
    assert explain(text, rules=rules).fix == ("install_package" if present else "update_calling_code")


@pytest.mark.parametrize(("module", "name"), [("transformers.processing_utils", "Unpack"),
                                              ("transformers.processing_utils", "TextKwargs"),
                                              ("transformers.utils", "is_flash_attn_available"),
                                              ("transformers.generation.utils", "SampleOutput")])
def test_a_transformers_helper_is_looked_up_in_the_installed_module(rules: RuleSet, module: str, name: str) -> None:
    """"cannot import name 'TextKwargs' from 'transformers.processing_utils'": a name the installed transformers
    defines there came after the paste's release (upgrade); one it lacks was removed (the code's release)."""
    pytest.importorskip("transformers")
    import importlib

    installed = hasattr(importlib.import_module(module), name)  # the installed release, imported the usual way
    path = module.replace(".", "/")
    text = f"ImportError: cannot import name '{name}' from '{module}' (/env/site-packages/{path}.py)"
    assert Failure.from_text(text).details["import_name_in_transformers"] is installed
    result = explain(text, rules=rules)
    assert (result.rule, result.fix) == (("transformers-helper-newer", "upgrade_transformers") if installed
                                         else ("transformers-helper-removed", "pin_transformers_version"))


@pytest.mark.parametrize("name", ["apply_chat_template", "encode_plus", "batch_encode_plus", "max_len",
                                  "prepare_seq2seq_batch", "convert_tokens_to_string"])
def test_a_tokenizer_attribute_is_looked_up_in_the_installed_class(rules: RuleSet, name: str) -> None:
    """"'BertTokenizerFast' object has no attribute 'max_len'": an attribute the installed transformers' class lacks is
    one the calling code's older release had (tokenizer-attribute-not-in-transformers); one it has is not that
    rule's."""
    transformers = pytest.importorskip("transformers")

    installed = hasattr(transformers.BertTokenizerFast, name)  # the installed release, imported the usual way
    text = f"AttributeError: 'BertTokenizerFast' object has no attribute '{name}'"
    assert Failure.from_text(text).details["missing_attribute_in_installed_tokenizer"] is installed
    result = explain(text, rules=rules)
    if installed:
        assert result.rule != "tokenizer-attribute-not-in-transformers"
    else:  # (tokenizer-encode-plus-removed and v5-removed-attribute name the 5.0 removals themselves)
        assert result.category == "other"
        assert result.fix in {"pin_transformers_version", "update_calling_code"}


@pytest.mark.parametrize("name", ["AdamW", "cached_path", "top_k_top_p_filtering", "set_seed",
                                  "get_linear_schedule_with_warmup"])
def test_a_top_level_transformers_name_is_looked_up_in_the_installed_release(rules: RuleSet, name: str) -> None:
    """"cannot import name 'AdamW' from 'transformers'": a helper the installed transformers no longer exports was
    removed (transformers-helper-removed, pin the code's release); one it exports is not that rule's."""
    transformers = pytest.importorskip("transformers")

    installed = hasattr(transformers, name)  # the installed release, imported the usual way
    text = f"ImportError: cannot import name '{name}' from 'transformers' (/env/site-packages/transformers/__init__.py)"
    assert Failure.from_text(text).details["import_name_in_transformers"] is installed
    assert (explain(text, rules=rules).rule == "transformers-helper-removed") is not installed


@pytest.mark.parametrize("name", ["get_head_mask", "get_extended_attention_mask", "invert_attention_mask",
                                  "_prune_heads", "get_input_embeddings", "to", "tie_weights", "post_init"])
def test_a_model_attribute_is_looked_up_in_the_installed_class(rules: RuleSet, name: str) -> None:
    """"'BertModel' object has no attribute 'get_head_mask'": a method the installed transformers' class lacks (its own
    modeling file, the model base classes, torch's nn.Module) is one the calling code's older release had
    (model-attribute-removed-from-transformers); one it has is not that rule's."""
    transformers = pytest.importorskip("transformers")

    installed = hasattr(transformers.BertModel, name)  # the installed release, imported the usual way
    text = f"AttributeError: 'BertModel' object has no attribute '{name}'"
    assert Failure.from_text(text).details["missing_attribute_in_installed_model"] is installed
    result = explain(text, rules=rules)
    assert (result.rule == "model-attribute-removed-from-transformers") is not installed
    if not installed:
        assert (result.category, result.fix) == ("other", "pin_transformers_version")


@pytest.mark.parametrize("name", ["to", "cuda", "eval", "parameters", "max_len", "convert_tokens_to_ids"])
def test_a_torch_module_method_on_a_tokenizer_is_the_calling_codes(rules: RuleSet, name: str) -> None:
    """"'T5Tokenizer' object has no attribute 'to'": what every torch module has (read from the installed torch's
    nn/modules/module.py) called on a tokenizer is code that treats it as the model (preprocessor-used-as-model)."""
    torch = pytest.importorskip("torch")

    module_has = hasattr(torch.nn.Module, name)  # the installed torch, imported the usual way
    text = f"AttributeError: 'T5Tokenizer' object has no attribute '{name}'"
    assert Failure.from_text(text).details["missing_attribute_of_torch_module"] is module_has
    result = explain(text, rules=rules)
    assert (result.rule == "preprocessor-used-as-model") is module_has
    if module_has:
        assert (result.category, result.fix) == ("other", "update_calling_code")


@pytest.mark.parametrize(("module", "name"), [("torch.nn.functional", "scaled_dot_product_attention"),
                                              ("torch.nn.functional", "silu"),
                                              ("torch.utils._pytree", "register_pytree_node"),
                                              ("torch.nn.functional", "not_a_torch_function"),
                                              # torch itself, a name its __init__ re-exports ("inference_mode as
                                              # inference_mode" inside a multi-line import)
                                              ("torch", "inference_mode"), ("torch", "not_a_torch_function")])
def test_a_torch_submodule_attribute_is_looked_up_in_the_installed_torch(rules: RuleSet, module: str,
                                                                        name: str) -> None:
    """"module 'torch.nn.functional' has no attribute 'scaled_dot_product_attention'": a name the installed torch's
    submodule has came after the torch that raised (torch-too-old, upgrade torch); one it lacks is not that rule's."""
    pytest.importorskip("torch")
    import importlib

    installed = hasattr(importlib.import_module(module), name)  # the installed torch, imported the usual way
    text = f"AttributeError: module '{module}' has no attribute '{name}'"
    assert Failure.from_text(text).details["missing_attribute_in_torch"] is installed
    result = explain(text, rules=rules)
    assert (result.rule == "torch-too-old") is installed
    if installed:
        assert result.fix == "upgrade_torch"


@pytest.mark.parametrize("module", ["os", "collections.abc", "albumentations", "timesfm"])
def test_a_module_without_a_name_is_a_package_unless_python_ships_it(rules: RuleSet, module: str) -> None:
    """"module 'albumentations' has no attribute 'Affine'": an installed package in another release than the code's
    (package-lacks-attribute); Python's own modules (sys.stdlib_module_names) have no package to install."""
    import sys

    stdlib = module.split(".")[0] in sys.stdlib_module_names
    text = f"AttributeError: module '{module}' has no attribute 'SomeName'"
    assert Failure.from_text(text).details.get("attribute_owner_stdlib", False) is stdlib
    assert (explain(text, rules=rules).rule == "package-lacks-attribute") is not stdlib


def test_the_spacy_pipeline_spacy_could_not_find_is_named() -> None:
    """spaCy's E050 names the pipeline package; the next step installs that one."""
    text = ("OSError: [E050] Can't find model 'en_core_web_md'. It doesn't seem to be a shortcut link, a Python "
            "package or a valid path to a data directory.")
    assert Failure.from_text(text).details["spacy_model"] == "en_core_web_md"
    assert "python -m spacy download en_core_web_md" in " ".join(explain(text).next_steps)


def test_a_keyerror_without_quotes_is_a_model_type_only_when_transformers_tables_say_so() -> None:
    """"KeyError: llava" names a model type transformers knows; "KeyError: input_ids" names none."""
    llava = Failure.from_text("Traceback (most recent call last):\nKeyError: llava").details
    assert (llava["keyerror_bare_key"], llava["model_type"], llava["model_type_known"]) == ("llava", "llava", True)
    batch = Failure.from_text("KeyError: input_ids").details
    assert batch["keyerror_bare_key"] == "input_ids" and "model_type" not in batch
    quoted = Failure.from_text("KeyError: 'llava'").details
    assert quoted["model_type"] == "llava" and "keyerror_bare_key" not in quoted


def test_transformers_3_assertion_names_the_class_type_and_the_checkpoint_type() -> None:
    d = Failure.from_text("AssertionError: You tried to initiate a model of type 'bert' with a pretrained model of "
                          "type 'albert'").details
    assert (d["class_model_type"], d["checkpoint_model_type"]) == ("bert", "albert")


def test_ruby_net_http_names_the_status_of_a_resumed_download() -> None:
    # transformers-rb / Informers (a Ruby port of huggingface_hub) resuming a cached download
    text = ('Caused by Net::HTTPClientException: 416 "Range Not Satisfiable"\nfrom /usr/lib/ruby/3.3.0/net/http/'
            "response.rb:277:in `error!'")
    assert Failure.from_text(text).details["http_status"] == 416


@pytest.mark.parametrize(("text", "version"), [
    ('  File "/usr/local/lib/python3.7/site-packages/transformers/__init__.py", line 3', "3.7"),
    ("/usr/local/lib/python3.10/dist-packages/transformers/modeling_utils.py in from_pretrained", "3.10"),
    ("(C:\\Users\\a\\AppData\\Local\\Programs\\Python\\Python38\\lib\\site-packages\\x\\__init__.py)", "3.8"),
    ("C:\\Python39\\Lib\\site-packages\\torch\\serialization.py", "3.9"),
    ("/home/a/miniconda3/envs/py37/lib/site-packages/x.py", None),  # the env's name is no Python
    ("python3.8 train.py --model org/x", None),  # a command line names an interpreter, not the packages' folder
])
def test_the_python_the_packages_were_installed_for(text: str, version: str | None) -> None:
    assert Failure.from_text(text).details.get("python_version") == version


def test_a_settings_config_is_told_from_an_architectures_config() -> None:
    """transformers' generation and quantization configs are read from its own modules' files, not from a list."""
    generation = Failure.from_text("ImportError: cannot import name 'GenerationConfig' from "
                                   "'transformers.generation.utils'").details
    assert generation["import_name_helper_config"] is True
    quantization = Failure.from_text("ImportError: cannot import name 'BitsAndBytesConfig' from 'transformers'").details
    assert quantization["import_name_helper_config"] is True
    model = Failure.from_text("ImportError: cannot import name 'Qwen3Config' from 'transformers'").details
    assert "import_name_helper_config" not in model


def test_an_argument_is_read_against_the_installed_hubs_own_function() -> None:
    """huggingface_hub's download functions' parameters come from its installed source, every overload read."""
    import inspect

    import huggingface_hub

    for function in ("hf_hub_download", "snapshot_download", "model_info"):
        taken = names.hub_function_parameters(function)
        assert taken == set(inspect.signature(getattr(huggingface_hub, function)).parameters) - {"self"}
    assert names.hub_function_parameters("no_such_function") is None
    foreign = Failure.from_text("TypeError: hf_hub_download() got an unexpected keyword argument 'torch_dtype'")
    assert foreign.details["unexpected_kwarg_in_hub"] is False
    taken_here = Failure.from_text("TypeError: snapshot_download() got an unexpected keyword argument 'allow_patterns'")
    assert taken_here.details["unexpected_kwarg_in_hub"] is True


def test_a_name_the_hub_does_not_export_is_not_read_as_its_function() -> None:
    """transformers' from_pretrained refusing an argument says nothing of huggingface_hub's mixin of the same name."""
    details = Failure.from_text("TypeError: LlamaForCausalLM.from_pretrained() got an unexpected keyword argument "
                                "'device'").details
    assert "unexpected_kwarg_in_hub" not in details
    bare = Failure.from_text("TypeError: from_pretrained() got an unexpected keyword argument 'devices'").details
    assert "unexpected_kwarg_in_hub" not in bare


@pytest.mark.parametrize(("text", "before_310"), [
    ("TypeError: __init__() got an unexpected keyword argument 'load_in_4bit'", True),  # 3.9 names no class
    ("TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument 'load_in_4bit'", False),
    ("TypeError: __init__() missing 1 required positional argument: 'config'", True),
    ('  File "/opt/conda/lib/python3.8/site-packages/transformers/modeling_utils.py", line 2\nTypeError: '
     "LlamaForCausalLM.__init__() got an unexpected keyword argument 'x'", True),  # the packages' folder decides
    ('  File "/usr/lib/python3.12/site-packages/x.py", line 2\nTypeError: f() got an unexpected keyword '
     "argument", False),
    ("TypeError: from_pretrained() got an unexpected keyword argument 'x'", None),  # a plain function: no telling
])
def test_the_python_before_310_from_its_packages_or_how_it_names_a_method(text: str, before_310: bool | None) -> None:
    assert Failure.from_text(text).details.get("python_before_3_10") is before_310


@pytest.mark.parametrize(("text", "shadowed"), [
    ('  File "/home/u/proj/tokenizers.py", line 3, in <module>\n    from tokenizers.models import BPE\n'
     "ModuleNotFoundError: No module named 'tokenizers.models'; 'tokenizers' is not a package", "tokenizers"),
    ('  File "C:\\work\\demo\\peft.py", line 1, in <module>\n'
     "ModuleNotFoundError: No module named 'peft.tuners'; 'peft' is not a package", "peft"),
    # the package's own single-file module, installed: no file of the project's
    ('  File "/venv/lib/python3.11/site-packages/tokenizers.py", line 3, in <module>\n'
     "ModuleNotFoundError: No module named 'tokenizers.models'; 'tokenizers' is not a package", None),
    ("ModuleNotFoundError: No module named 'tokenizers.models'; 'tokenizers' is not a package", None),  # no frame
    ('  File "/home/u/proj/run.py", line 3, in <module>\n'
     "ModuleNotFoundError: No module named 'torch._C._nn'; 'torch._C' is not a package", None),
])
def test_a_project_file_named_like_the_package_it_hides(text: str, shadowed: str | None) -> None:
    assert Failure.from_text(text).details.get("module_shadowed_by_file") == shadowed


def test_an_attribute_missing_from_any_of_transformers_modules_is_an_import_of_it() -> None:
    """An attribute missing from transformers.utils.logging reads as `from transformers.utils.logging import x`."""
    details = Failure.from_text("AttributeError: module 'transformers.utils.logging' has no attribute "
                                "'basicConfig'").details
    assert (details["import_name"], details["import_from"]) == ("basicConfig", "transformers.utils.logging")
    assert details["import_name_in_transformers"] is False
