"""rules/tokenizer: the tokenizer (not the model) cannot be built."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

from pathlib import Path

import pytest
from rulecase import Case, check_negative, check_positive

REF_17C = """StopIteration: 25737

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/transformers/tokenization_utils_tokenizers.py", line 112, in __init__
    tokenizer_json = json.load(f)
json.decoder.JSONDecodeError: Expecting value: line 1692 column 6 (char 25737)"""

CANT_LOAD_NAMESPACED = (
    "OSError: Can't load tokenizer for 'facebook/xmod-base'. If you were trying to load it from "
    "'https://huggingface.co/models', make sure you don't have a local directory with the same name. Otherwise, "
    "make sure 'facebook/xmod-base' is the correct path to a directory containing all relevant files for a "
    "XLMRobertaTokenizerFast tokenizer."
)

POSITIVE = [
    Case("tokenizer-files-missing", CANT_LOAD_NAMESPACED, "transformers 4.x", fix="fix_identifier"),
    Case("sentencepiece-given-no-model-file", "  File \"/usr/lib/python3/dist-packages/sentencepiece/__init__.py\", "
         "line 310, "
         "in LoadFromFile\n    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)\n"
         "TypeError: not a string", "sentencepiece without tokenizer.model"),
    # the same file on a plain path is tokenizer-file-not-on-disk's (a file absent from a folder on disk)
    Case("tokenizer-file-not-on-disk", "OSError: Not found: \"/models/llama/tokenizer.model\": No such file or "
         "directory Error #2", "sentencepiece", fix="download_missing_files"),
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class LlamaTokenizer does not exist or is not currently "
         "imported.", "transformers < 4.28", fix="upgrade_transformers"),
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class TokenizersBackend does not exist or is not "
         "currently imported.", "a transformers 5 checkpoint on transformers 4"),
    Case("tokenizer-class-misspelled", "ValueError: Tokenizer class LLaMATokenizer does not exist or is not "
         "currently imported.", "early LLaMA conversions", fix="other"),
    Case("tokenizer-class-misspelled", "Tokenizer class CodeLLaMATokenizer does not exist or is not currently "
         "imported", "hand-edited tokenizer_config.json"),
    Case("tokenizer-class-custom-code", "ValueError: Tokenizer class QWenTokenizer does not exist or is not "
         "currently imported.", "Qwen-1 remote code", fix="set_trust_remote_code"),
    Case("tokenizer-class-custom-code", "ValueError: Tokenizer class ReplitLMTokenizer does not exist or is not "
         "currently imported.", "replit remote code"),
    Case("tokenizers-too-old", "Exception: data did not match any variant of untagged enum ModelWrapper at line "
         "757479 column 3", "tokenizers < 0.20", fix="install_package"),
    Case("tokenizers-too-old", "Exception: data did not match any variant of untagged enum "
         "PyPreTokenizerTypeWrapper at line 69 column 3", "tokenizers < 0.13"),
    Case("tokenizer-json-invalid", REF_17C, "17c truncated tokenizer.json", fix="force_download"),
    Case("tokenizer-json-invalid", "  File \"/x/transformers/tokenization_utils_fast.py\", line 111, in __init__\n"
         "    fast_tokenizer = TokenizerFast.from_file(fast_tokenizer_file)\nException: expected value at line 1 "
         "column 1", "tokenizers parsing an LFS pointer"),
    Case("tokenizer-vocab-file-none", "  File \"/x/transformers/models/llama/tokenization_llama.py\", line 171, in "
         "get_spm_processor\n    tokenizer.Load(self.vocab_file)\nTypeError: expected str, bytes or os.PathLike "
         "object, not NoneType", "slow tokenizer without tokenizer.model", fix="download_missing_files"),
    Case("tokenizer-code-incompatible", "AttributeError: 'ChatGLMTokenizer' object has no attribute 'sp_tokenizer'",
         "remote code vs transformers 4.34+", fix="pin_transformers_version"),
    Case("tokenizer-pad-predates-padding-side", "TypeError: ChatGLMTokenizer._pad() got an unexpected keyword "
         "argument 'padding_side'", "remote code vs transformers 4.45+"),
    Case("tokenizer-kwarg-to-model", "TypeError: GPT2LMHeadModel.__init__() got an unexpected keyword argument "
         "'padding_side'", "transformers 5, padding_side= to the model", fix="update_calling_code"),
    Case("tokenizer-kwarg-to-model", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'use_fast'", "transformers 5, use_fast= to the model"),
]

NEGATIVE = [
    Case("tokenizer-files-missing", "OSError: Can't load tokenizer for 'bert-base-uncased'. If you were trying to "
         "load it from 'https://huggingface.co/models', make sure you don't have a local directory with the same "
         "name.", "canonical id: the network failed"),
    Case("tokenizer-files-missing", "ValueError: Couldn't instantiate the backend tokenizer from one of:\n(1) a "
         "`tokenizers` library serialization file,\nYou need to have sentencepiece installed to convert a slow "
         "tokenizer to a fast one.", "sentencepiece missing"),
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class QWenTokenizer does not exist or is not currently "
         "imported.", "remote code"),
    Case("tokenizer-class-misspelled", "ValueError: Tokenizer class LlamaTokenizer does not exist or is not "
         "currently imported.", "exact name"),
    Case("tokenizer-class-custom-code", "ValueError: Tokenizer class LlamaTokenizerFast does not exist or is not "
         "currently imported.", "built-in class"),
    Case("tokenizers-too-old", "safetensors._safetensors_rust.SafetensorError: Error while deserializing header: "
         "invalid JSON in header: key must be a string at line 1 column 2", "06k weights"),
    Case("tokenizer-json-invalid", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
         "bare JSON error: nothing says tokenizer"),
    Case("tokenizer-code-incompatible", "AttributeError: 'NoneType' object has no attribute 'shape'", "unrelated"),
    Case("tokenizer-vocab-file-none", "TypeError: expected str, bytes or os.PathLike object, not NoneType",
         "nothing says tokenizer"),
    Case("tokenizer-kwarg-to-model", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'device'", "10p device"),
    Case("tokenizer-kwarg-to-model", "TypeError: PreTrainedTokenizerFast.__init__() got an unexpected keyword "
         "argument 'padding_side'", "the tokenizer itself rejects it"),
]


POSITIVE += [
    Case("tokenizer-wrapper-failed", "RuntimeError: Failed to load the tokenizer. If you are using a LLaMA-based "
         "model, use 'hf-internal-testing/llama-tokenizer' instead of the original tokenizer.", "vLLM 0.1 wrapper",
         fix="install_package"),
]

NEGATIVE += [
    Case("tokenizer-wrapper-failed", "ValueError: Failed to load the tokenizer: Tokenizer class QWenTokenizer does "
         "not exist or is not currently imported.", "the wrapped cause is named: remote code"),
]


# a paste through a forum or a word processor: typographic quotes are read as Python's
POSITIVE += [
    Case("tokenizer-files-missing", "OSError: Can\u2019t load tokenizer for \u2018acme/widget-base\u2019. If you were "
         "trying to load it from \u2018https://huggingface.co/models\u2019, make sure you don\u2019t have a local "
         "directory with the same name. Otherwise, make sure \u2018acme/widget-base\u2019 is the correct path "
         "to a directory containing all relevant files for a BertTokenizerFast tokenizer.", "curly quotes"),
]


# tokenizers' own (Rust) words for a tokenizer.json that is not JSON
POSITIVE += [
    Case("tokenizer-json-invalid", """    tokenizer = Tokenizer.from_file(path)
Exception: expected value at line 1 column 1""", "tokenizers 0.1x, an LFS pointer", fix="force_download"),
]

NEGATIVE += [
    Case("tokenizer-json-invalid", "Exception: data did not match any variant of untagged enum ModelWrapper at line "
         "1251 column 3", "tokenizers too old, the JSON is fine"),
]


POSITIVE += [
    Case("tokenizer-json-invalid", "RuntimeError: Internal: src/sentencepiece_processor.cc(1101) [model_proto->"
         "ParseFromArray(serialized.data(), serialized.size())]", "sentencepiece on an LFS pointer"),
]


# A tokenizer class whose sentencepiece algorithm is not the checkpoint's.
POSITIVE += [
    Case("tokenizer-model-kind-mismatch", "Exception: You're trying to run a `Unigram` model but you're file was "
         "trained with a different algorithm", "transformers' convert_slow_tokenizer", fix="use_other_auto_class"),
    Case("tokenizer-model-kind-mismatch", "  File \"/x/transformers/convert_slow_tokenizer.py\", line 570, in "
         "tokenizer\n    raise Exception(\nException: You're trying to run a `BPE` model but you're file was trained "
         "with a different algorithm", "the BPE side, in a traceback"),
]
NEGATIVE += [
    Case("tokenizer-model-kind-mismatch", "Exception: data did not match any variant of untagged enum ModelWrapper at "
         "line 1 column 2", "a tokenizers release too old for the file"),
]

# A paste that starts mid-message: only "Can't load tokenizer for ..."'s last line survives.
POSITIVE += [
    Case("tokenizer-files-missing", "Otherwise, make sure './runs/ckpt-1200' is the correct path to a directory "
         "containing all relevant files for a T5TokenizerFast tokenizer.", "transformers 4.3x, last line only",
         fix="other"),
    # A folder a training run or a merge script wrote without the tokenizer: save or copy it there (fix other); a
    # Hub id without tokenizer files is answered with the id that has them (fix_identifier, above).
    Case("tokenizer-files-missing", "OSError: Can't load tokenizer for '/srv/out/merged-7b'. If you were trying to "
         "load it from 'https://huggingface.co/models', make sure you don't have a local directory with the same name. "
         "Otherwise, make sure '/srv/out/merged-7b' is the correct path to a directory containing all relevant files "
         "for a LlamaTokenizerFast tokenizer.", "a merged model's folder", fix="other"),
]

POSITIVE += [
    Case("tokenizer-files-missing", "tokenizer model /models/internlm2-chat/tokenizer.model does not exist",
         "a serving framework's folder check"),
]

POSITIVE += [
    Case("auto-tokenizer-config-unmapped", "ValueError: Unrecognized configuration class <class "
         "'transformers.models.llava.configuration_llava.LlavaConfig'> to build an AutoTokenizer.",
         "transformers 4.x, a multimodal config", fix="use_other_auto_class"),
    Case("tokenizer-files-missing", "Error: Tokenizer file not found at /app/cache/fast-all-MiniLM-L6-v2/"
         "tokenizer.json", "fastembed-js"),
]
NEGATIVE += [
    Case("auto-tokenizer-config-unmapped", "ValueError: Unrecognized configuration class <class 'transformers.models."
         "t5.configuration_t5.T5Config'> for this kind of AutoModel: AutoModelForCausalLM.", "an AutoModel class"),
]

# transformers 5 and 4.1x wordings of a tokenizer class this release does not have
POSITIVE += [
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class 'Qwen2Tokenizer' specified in the tokenizer config "
         "was not found. The tokenizer may need to be converted or re-saved.", "transformers 5, a known class",
         fix="upgrade_transformers"),
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class LlamaTokenizer is not currently imported.",
         "transformers 4.15"),
    Case("tokenizer-class-custom-code", "ValueError: Tokenizer class 'ChatGLMTokenizer' specified in the tokenizer "
         "config was not found. The tokenizer may need to be converted or re-saved.", "transformers 5, a repo's own"),
]
NEGATIVE += [
    Case("tokenizer-class-unknown", "ValueError: Tokenizer class 'ChatGLMTokenizer' specified in the tokenizer config "
         "was not found.", "not a transformers class"),
]


POSITIVE += [
    Case("tokenizer-path-is-a-file", "ValueError: Calling BertTokenizer.from_pretrained() with the path to a single "
         "file or url is not supported for this tokenizer. Use a model identifier or the path to a directory instead.",
         "transformers 4.x", fix="fix_identifier"),
    Case("pipeline-tokenizer-unknown", "Exception: Impossible to guess which tokenizer to use. Please provide a "
         "PreTrainedTokenizer class or a path/identifier to a pretrained tokenizer.", "transformers 4.10 pipeline",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("tokenizer-path-is-a-file", "OSError: Can't load tokenizer for './vocab.txt'.", "transformers' own sentence"),
    Case("pipeline-tokenizer-unknown", "ValueError: Impossible to guess the task", "not the tokenizer"),
]


# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("tokenizer-files-missing", "OSError: Found 0 files matching the pattern: `tekken.json`. Make sure that a "
         "Mistral tokenizer is present in /models/mistral.", "vLLM Mistral tokenizer"),
]
NEGATIVE += [
    Case("tokenizer-files-missing", "OSError: Found 1 Mistral model in the folder", "no tokenizer sentence"),
]

# A tokenizer file that is there but unreadable is a corrupted download (the taxonomy's bad JSON / LFS pointer / cut
# file), for a tokenizer file as for weights.
POSITIVE += [
    Case("tokenizer-json-invalid", "  File \"/x/tokenizers/__init__.py\", line 1, in from_file\nException: EOF while "
         "parsing a value at line 90211 column 3", "tokenizers on a truncated tokenizer.json", fix="force_download"),
]

# A UTF-8 tokenizer file read with the Windows locale's code page.
POSITIVE += [
    Case("tokenizer-file-locale-encoding", "  File \"F:\\AI\\tool\\tokenizer.py\", line 77, in __init__\n    "
         "tokenizer_json = json.load(f)\nUnicodeDecodeError: 'charmap' codec can't decode byte 0x81 in position 735: "
         "character maps to <undefined>", "cp1252", fix="other"),
    Case("tokenizer-file-locale-encoding", "    vocab = json.load(open(vocab_file))\nUnicodeDecodeError: 'gbk' codec "
         "can't decode byte 0x80 in position 12: illegal multibyte sequence", "gbk, a vocabulary"),
]
NEGATIVE += [
    Case("tokenizer-file-locale-encoding", "    data = json.load(open('dataset.json'))\nUnicodeDecodeError: 'charmap' "
         "codec can't decode byte 0x81 in position 7", "a dataset file, not a tokenizer"),
]

# tokenizers (Rust) raises a bare Exception with the io error: that line alone.
POSITIVE += [
    Case("tokenizer-files-missing", "Exception: No such file or directory (os error 2)", "tokenizers, last line"),
]
NEGATIVE += [
    Case("tokenizer-files-missing", "FileNotFoundError: [Errno 2] No such file or directory: 'data/train.json'",
         "a Python file error on a data file"),
]

# Any client's 404 on a tokenizer file: the URL names the file the repo lacks (TEI and candle fetch tokenizer.json
# themselves, with Rust's reqwest words)
POSITIVE += [
    Case("tokenizer-files-missing", "Error: Could not download tokenizer: request error: HTTP status client error (404 "
         "Not Found) for url (https://huggingface.co/acme/tiny-encoder/resolve/main/tokenizer.json)",
         "text-embeddings-inference (reqwest)", fix="fix_identifier"),
    Case("tokenizer-files-missing", "Error: request error: https://huggingface.co/acme/tiny-lm/resolve/main/"
         "tokenizer.model: status code 404", "candle's hf-hub"),
]
NEGATIVE += [
    Case("tokenizer-files-missing", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/acme/tiny-lm/resolve/main/model.safetensors", "a weights file"),
    Case("tokenizer-files-missing", "huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. Repository Not "
         "Found for url: https://huggingface.co/acme/typo/resolve/main/tokenizer.json.", "the repo, not the file"),
]

# sentencepiece's Load(None) when tokenizer.model is absent, quoted inside a sentence
POSITIVE += [
    Case("sentencepiece-given-no-model-file", "Loading the tokenizer of my fine-tuned checkpoint fails with TypeError: "
         "not a string. The folder has only the weights.", "quoted in a sentence"),
]
NEGATIVE += [
    Case("tokenizer-files-missing", "TypeError: not a string or bytes-like object", "another TypeError"),
]


# The tokenizer's saved settings, in transformers' own words (written from the library's raise sites)
POSITIVE += [
    Case("special-tokens-saved-by-newer-release", "Traceback (most recent call last):\n  File \"/venv/lib/python3.11/"
         "site-packages/transformers/tokenization_utils_base.py\", line 1312, in _set_model_specific_special_tokens\n"
         "    self.SPECIAL_TOKENS_ATTRIBUTES = self.SPECIAL_TOKENS_ATTRIBUTES + list(special_tokens.keys())\n"
         "AttributeError: 'list' object has no attribute 'keys'", "a v5 tokenizer_config under 4.57",
         fix="upgrade_transformers"),
    Case("special-tokens-saved-by-newer-release", "$ python -m mlx_lm generate --model org/some-model-4bit\n"
         "AttributeError: 'list' object has no attribute 'keys'", "the line alone after a CLI call"),
    Case("tokenizer-config-invalid", "ValueError: Found a <class 'str'> in the saved `added_tokens_decoder`, "
         "should be a dictionary or an AddedToken instance", "a hand-edited tokenizer_config", fix="other"),
    Case("tokenizer-config-invalid", "  File \"convert_slow_tokenizer.py\", line 1402, in vocab\nRuntimeError: "
         "Gemma is supposed to be a BPE model!", "another architecture's converter"),
    Case("tokenizer-config-invalid", "ValueError: add_eos_token = True but eos_token = None", "a config without eos"),
    Case("tokenizer-kwarg-invalid", "ValueError: Padding side should be selected between 'right' and 'left', current "
         "value: Left", "a capitalised side", fix="update_calling_code"),
]
NEGATIVE += [
    Case("special-tokens-saved-by-newer-release", "Traceback (most recent call last):\n  File \"train.py\", line 40, "
         "in <module>\n    for k in cfg.keys():\n  File \"train.py\", line 12, in load\n    return yaml.safe_load(f)"
         "\n  File \"train.py\", line 44\n    print(cfg)\nAttributeError: 'list' object has no attribute 'keys'",
         "a training script's own config, deep in its traceback"),
    Case("tokenizer-config-invalid", "ValueError: Tokenizer class LlamaTokenizerX does not exist or is not currently "
         "imported.", "an unknown tokenizer class"),
    Case("tokenizer-kwarg-invalid", "ValueError: padding_side must be 'left' for generation with this model",
         "another library's own check"),
]



# Serving and fine-tuning libraries' own tokenizer checks (vLLM, Unsloth), from their wording
POSITIVE += [
    Case("runtime-tokenizer-failed", "  File \"/usr/local/lib/python3.12/dist-packages/vllm/transformers_utils/"
         "tokenizer.py\", line 250, in get_tokenizer\nValueError: Tokenizer org/custom-tok not found.",
         "vLLM's lookup", fix="other"),
    Case("runtime-tokenizer-failed", "RuntimeError: Unsloth: The tokenizer `org/m-instruct`\ndoes not have a "
         "{% if add_generation_prompt %} for generation purposes.", "Unsloth's chat template check"),
]
NEGATIVE += [
    Case("runtime-tokenizer-failed", "ValueError: Tokenizer class FooTokenizer does not exist or is not currently "
         "imported.", "transformers' unknown tokenizer class"),
]


# a tokenizer file named as the missing one
POSITIVE += [
    Case("tokenizer-files-missing", "ValueError: File vocab.json does not exist in model org/whisper-small-xx",
         "CTranslate2's converter"),
]


# sentencepiece's "not a string" followed by other text than the message's own words
POSITIVE += [
    Case("sentencepiece-given-no-model-file", "把 tokenizer_class 设为 LlamaTokenizer 会出现 TypeError: not a string的错误",
         "followed by Chinese"),
]


# AutoTokenizer's mapping looked up with a config class it lacks; the slow Llama class on a Llama 3 repo.
POSITIVE += [
    Case("auto-tokenizer-config-unmapped",
         "    tokenizer_class_py, tokenizer_class_fast = TOKENIZER_MAPPING[type(config)]\n"
         '  File "/venv/transformers/models/auto/auto_factory.py", line 734, in __getitem__\n    raise KeyError(key)\n'
         "KeyError: <class 'transformers.models.llava_next.configuration_llava_next.LlavaNextConfig'>",
         "transformers 4.4x AutoTokenizer on a multimodal config"),
    Case("sentencepiece-class-on-tiktoken-repo",
         'tok = LlamaTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
         "TypeError: expected str, bytes or os.PathLike object, not NoneType", "transformers 4.4x", fix="other"),
]
NEGATIVE += [
    Case("auto-tokenizer-config-unmapped", "    model_class = MODEL_FOR_CAUSAL_LM_MAPPING[type(config)]\n"
         "KeyError: <class 'transformers.models.t5.configuration_t5.T5Config'>", "a model mapping: wrong Auto class"),
    Case("sentencepiece-class-on-tiktoken-repo",
         'tok = LlamaTokenizerFast.from_pretrained("meta-llama/Meta-Llama-3-8B")\n'
         "OSError: Can't load tokenizer for 'meta-llama/Meta-Llama-3-8B'", "the fast class reads tokenizer.json"),
    Case("sentencepiece-class-on-tiktoken-repo", 'tok = LlamaTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")\n'
         "TypeError: not a string", "Llama 2 ships tokenizer.model"),
]


# tokenizers before 0.11 without Hub loading; sentencepiece opening a model path that is not there.
POSITIVE += [
    Case("tokenizers-too-old", "tok = tokenizers.Tokenizer.from_pretrained('gpt2')\nAttributeError: type object "
         "'tokenizers.Tokenizer' has no attribute 'from_pretrained'", "tokenizers 0.10"),
    Case("tokenizer-files-missing", 'OSError: Not found: "/home/a/.cache/torch/transformers/9c1e.spm": No such file or '
         "directory Error #2", "sentencepiece on a path saved elsewhere"),
]
NEGATIVE += [
    Case("tokenizers-too-old", "AttributeError: type object 'Tokenizer' has no attribute 'from_file'",
         "another method"),
    Case("tokenizer-files-missing", "Not found: the page you asked for", "no file"),
]


# faster-whisper on a repo without tokenizer.json
POSITIVE += [
    Case("tokenizer-files-missing", 'Exception: Model "org/whisper-small-ct2" on the Hub doesn\'t have a tokenizer',
         "faster-whisper"),
]

# sentencepiece on Llama 3's tokenizer.model (tiktoken's format); a Japanese tokenizer without its MeCab dictionary
POSITIVE += [
    Case("sentencepiece-class-on-tiktoken-repo", "RuntimeError: Internal: could not parse ModelProto from "
         "/models/Meta-Llama-3.1-8B/original/tokenizer.model", "sentencepiece itself"),
    Case("mecab-dictionary-missing", "RuntimeError: Failed initializing MeCab. Please see the README for possible "
         "solutions:", "fugashi", fix="install_package"),
]
NEGATIVE += [
    Case("mecab-dictionary-missing", "INFO: initializing MeCab with unidic-lite", "a log line"),
]


# LLaMA-Factory's late check: the processor failed to load earlier and the framework went on without it
POSITIVE += [
    Case("framework-processor-missing", "  File \"/root/LLaMA-Factory/src/llamafactory/data/mm_plugin.py\", line 186, "
         "in _validate_input\n    raise ValueError(\"Processor was not found, please check and update your model "
         "file.\")\nValueError: Processor was not found, please check and update your model file.", "LLaMA-Factory",
         fix="other"),
    Case("framework-processor-missing", "ValueError: Audio feature extractor was not found, please check and update "
         "your model file.", "an audio model"),
    Case("framework-processor-missing", "ValueError: Processor was not found, please check and update your processor "
         "config.", "LLaMA-Factory 0.9's wording"),
]
NEGATIVE += [
    Case("framework-processor-missing", "OSError: Can't load image processor for 'acme/vl'. If you were trying to load "
         "it from 'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "transformers' own processor error"),
]

# protobuf's native pool refusing sentencepiece's model description (the slow-to-fast conversion)
POSITIVE += [
    Case("protobuf-descriptor-pool-refused", '''  File "/venv/lib/python3.11/site-packages/transformers/utils/sentencepiece_model_pb2_new.py", line 17, in <module>
    DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
TypeError: Couldn't build proto file into descriptor pool: Invalid default '0.9995' for field sentencepiece.TrainerSpec.character_coverage of type 2''', "a stricter protobuf", fix="install_package"),
    Case("protobuf-descriptor-pool-refused", "TypeError: Couldn't build proto file into descriptor pool: duplicate "
         "file name sentencepiece_model.proto", "registered twice"),
]
NEGATIVE += [
    Case("protobuf-descriptor-pool-refused", "TypeError: Descriptors cannot be created directly.",
         "generated code too old for protobuf 4"),
]

# sentencepiece refusing a special symbol the tokenizer code adds (model file and code from different revisions)
POSITIVE += [
    Case("sentencepiece-symbol-already-defined", "RuntimeError: Internal: [MASK] is already defined.",
         "ChatGLM-6B's ice_text.model after the repo's update", fix="pin_revision"),
]
NEGATIVE += [
    Case("sentencepiece-symbol-already-defined", "RuntimeError: Internal: src/sentencepiece_processor.cc(1101) "
         "[model_proto->ParseFromArray(serialized.data(), serialized.size())]", "a tokenizer model that is no model"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("tokenizer-files-missing", "- or 'facebook/wav2vec2-large-xlsr-53' is the correct path to a directory containing "
         "relevant tokenizer files", "transformers 4.x, head cut"),
    Case("tokenizer-files-missing", "a GPT2TokenizerFast tokenizer.", "transformers 4.x, the wrapped last line"),
]

NEGATIVE += [
    Case("tokenizer-files-missing", "I loaded a GPT2TokenizerFast tokenizer.\nRuntimeError: CUDA error: device-side assert "
         "triggered", "a sentence about a tokenizer"),
]


# A tokenizer text file that is not UTF-8 (a binary file under the vocabulary's name, UTF-16, a damaged copy).
POSITIVE += [
    Case("tokenizer-file-not-utf8", "  File \"site-packages/pytorch_pretrained_bert/tokenization.py\", line 56, in "
         "load_vocab\n    token = reader.readline()\n  File \"codecs.py\", line 321, in decode\nUnicodeDecodeError: "
         "'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte", "pytorch_pretrained_bert",
         fix="force_download"),
]

NEGATIVE += [
    # the same error reading the user's data is not the tokenizer's file
    Case("tokenizer-file-not-utf8", "  File \"train.py\", line 12, in read_data\n    lines = f.readlines()\n"
         "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xa3 in position 10: invalid start byte", "a dataset"),
]


# MeCab's dictionary for a Japanese tokenizer: fugashi's notice, a user's Japanese relay of it, MeCab's own report.
POSITIVE += [
    Case("mecab-dictionary-missing", "「MeCab  の初期化に失敗しました。 考えられる解決策については、README  を参照してください。」",
         "fugashi, relayed in Japanese"),
    Case("unidic-data-not-downloaded", "default dictionary path: C:\\Python311\\Lib\\site-packages\\unidic\\dicdir\n[ifs] no "
         "such file or directory: C:\\Python311\\Lib\\site-packages\\unidic\\dicdir\\dicrc", "unidic data not downloaded",
         fix="download_missing_files"),
    Case("tokenizer-vocab-file-none", "  File \"transformers/models/albert/tokenization_albert.py\", line 180, in __init__\n"
         "TypeError: stat: path should be string, bytes, os.PathLike or integer, not NoneType", "os.stat's wording"),
]

NEGATIVE += [
    Case("mecab-dictionary-missing", "FileNotFoundError: [Errno 2] No such file or directory: '/data/unidic/words.csv'",
         "a data file of the user's"),
]


# A soft-wrapped paste: the message broken at spaces, the class name on a line of its own.
POSITIVE += [
    Case("auto-tokenizer-config-unmapped", "ValueError: Unrecognized configuration class <class\n"
         "'transformers_modules.internlm2-chat-20b.configuration_internlm2.InternLM2Config'>\nto build an "
         "AutoTokenizer.", "transformers 4.3x, soft-wrapped"),
]


# A tokenizer of transformers' own where the code expects the processor: AutoProcessor found no processor class.
POSITIVE += [
    Case("processor-fell-back-to-tokenizer", "    prompt_tokens = mx.array(processor.tokenizer.encode(prompt))\n"
         "AttributeError: 'GPT2TokenizerFast' object has no attribute 'tokenizer'. Did you mean: '_tokenizer'?",
         "mlx-vlm, SmolVLM on an older transformers", fix="upgrade_transformers"),
    Case("processor-fell-back-to-tokenizer", "ValueError: Failed to process inputs with error: PreTrainedTokenizerFast."
         "_batch_encode_plus() got an unexpected keyword argument 'images'", "a processor's images= to a tokenizer"),
    Case("processor-fell-back-to-tokenizer", "AttributeError: 'LlamaTokenizerFast' object has no attribute "
         "'image_processor'", "the image processor asked of a tokenizer"),
]
NEGATIVE += [
    Case("processor-fell-back-to-tokenizer", "AttributeError: 'ChatGLMTokenizer' object has no attribute 'tokenizer'",
         "a repo's own tokenizer code"),
]


# session 17 (batch62): tokenizer.model that protobuf cannot parse; the fast tokenizer's unk_token recursion; a
# tokenizer auto_map newer than transformers; an image-processor size older than transformers
POSITIVE += [
    Case("tokenizer-json-invalid", "(ChatGLM-6B) ➜  ChatGLM-6B git:(main) ✗ python web_demo.py\n....\n raise "
         "_DecodeError('Wrong wire type in tag.')\ngoogle.protobuf.message.DecodeError: Wrong wire type in tag.",
         "ChatGLM ice_text.model from a plain git clone", fix="force_download"),
    Case("tokenizer-special-token-recursion", '  File ".../transformers/tokenization_utils_fast.py", line 257, in '
         "_convert_token_to_id_with_added_voc\n    return self.unk_token_id\n  File "
         '".../transformers/tokenization_utils_base.py", line 1155, in unk_token_id\n    return '
         "self.convert_tokens_to_ids(self.unk_token)\nRecursionError: maximum recursion depth exceeded",
         "llama-7b-hf conversion", fix="update_calling_code"),
    Case("tokenizer-special-token-recursion", "When creating AutoTokenizer for llama-13b-hf, the problem of "
         "`RecursionError: maximum recursion depth exceeded while getting the str of an object` occurred.",
         "the report's own words"),
    Case("tokenizer-auto-map-newer-format", '  File "/env/lib/python3.8/site-packages/transformers/models/auto/'
         'tokenization_auto.py", line 493, in from_pretrained\n    if use_fast and tokenizer_auto_map[1] is not None:'
         "\nKeyError: 1", "ChatGLM with transformers 4.16", fix="upgrade_transformers"),
    Case("image-processor-size-keys", "Error: ValueError: size must contain 'shortest_edge' and 'longest_edge' keys.",
         "transformers 4.50, mlx-vlm", fix="pin_transformers_version"),
    Case("image-processor-size-keys", "ValueError: `size` dict must contain 'shortest_edge' and 'longest_edge' keys "
         "but got {'min_pixels': 3136, 'max_pixels': 12845056}.", "transformers 5 wording"),
]
NEGATIVE += [
    # a recursion in the model's own code, no tokenizer in sight
    Case("tokenizer-special-token-recursion", '  File "model.py", line 40, in forward\n    return self.forward(x)\n'
         "RecursionError: maximum recursion depth exceeded", "model code"),
    # an ONNX model cut short: protobuf's words, read by files/corrupted-weights
    Case("tokenizer-json-invalid", "onnx.onnx_cpp2py_export.checker.ValidationError\n  File \"x.py\", in "
         "load_model_from_string\ngoogle.protobuf.message.DecodeError: Error parsing message", "onnx"),
    Case("tokenizer-auto-map-newer-format", "KeyError: 1", "a bare KeyError"),
    Case("image-processor-size-keys", "ValueError: size must contain 'height' and 'width' keys.", "other keys"),
]


# transformers before 4.34 refusing added tokens whose ids do not follow the vocabulary
POSITIVE += [
    Case("added-tokens-not-consecutive", "ValueError: Non-consecutive added token '<|endoftext|>' found. Should have "
         "index 50258 but has index 50257 in saved vocabulary.", "transformers 4.31", fix="upgrade_transformers"),
    Case("added-tokens-not-consecutive", "AssertionError: Non-consecutive added token '[PAD]' found. Should have index "
         "30522 but has index 0 in saved vocabulary.", "transformers 3"),
]
NEGATIVE += [
    Case("added-tokens-not-consecutive", "ValueError: Tokenizer class LlamaTokenizerr does not exist or is not "
         "currently imported.", "unknown class"),
]

# a tokenizer class whose special token is a read-only property, set by a newer base class's __init__
POSITIVE += [
    Case("tokenizer-code-incompatible", '  File "transformers/tokenization_utils_base.py", line 847, in __init__\n    '
         "setattr(self, key, value)\nAttributeError: can't set attribute 'eos_token'", "ChatGLM3's tokenizer, Python 3.10"),
    Case("tokenizer-code-incompatible", "AttributeError: property 'eos_token' of 'ChatGLMTokenizer' object has no "
         "setter", "the same on Python 3.11"),
    Case("tokenizer-vocab-file-none", '    contents = open(tiktoken_bpe_file, "rb").read()\nTypeError: expected str, '
         "bytes or os.PathLike object, not NoneType\n(while loading the tokenizer)", "qwen.tiktoken not downloaded",
         fix="download_missing_files"),
]

# batch75: the repo's own config class (remote code): AutoTokenizer finds its tokenizer through tokenizer_config.json's
# auto_map, so the folder lacks the tokenizer files
POSITIVE += [
    Case("auto-tokenizer-config-unmapped", "ValueError: Unrecognized configuration class <class 'transformers_modules."
         "my-qwen-ft.configuration_qwen.QWenConfig'> to build an AutoTokenizer.\nModel type should be one of "
         "AlbertConfig, AlignConfig, BartConfig.", "a fine-tuned remote-code folder", fix="download_missing_files"),
    Case("auto-tokenizer-config-unmapped", "ValueError: Unrecognized configuration class <class 'transformers.models."
         "llama.configuration_llama.LlamaConfig'> to build an AutoTokenizer.", "transformers' own class",
         fix="use_other_auto_class"),
]


# batch77: a tokenizer without a chat template; special tokens saved as dicts read by transformers 3.x; the tokenizer's
# recursion pasted as the exception line alone
POSITIVE += [
    Case("chat-template-not-set", "ValueError: Cannot use chat template functions because tokenizer.chat_template is "
         "not set and no template argument was passed! For information about writing templates and setting the "
         "tokenizer.chat_template attribute, please see the documentation at "
         "https://huggingface.co/docs/transformers/main/en/chat_templating", "transformers 5, a base model",
         fix="other"),
    Case("chat-template-not-set", "400 Chat template error: Cannot use chat template functions because "
         "tokenizer.chat_template is not set", "an app's log, cut"),
    Case("chat-template-not-set", "ValueError: As of transformers v4.44, default chat template is no longer allowed, "
         "so you must provide a chat template if the tokenizer does not define one.", "transformers 4.44"),
    Case("chat-template-not-set", "ValueError: Cannot use apply_chat_template because this processor does not have a "
         "chat template.", "a processor"),
    Case("special-token-saved-as-dict", "TypeError: special token bos_token has to be either str or AddedTokenFast but "
         "got: <class 'dict'>", "transformers 3.0", fix="upgrade_transformers"),
    Case("tokenizer-special-token-recursion", "RecursionError: maximum recursion depth exceeded while calling a Python "
         "object", "the exception line alone"),
]
NEGATIVE += [
    Case("chat-template-not-set", "ValueError: Cannot apply chat template to an empty conversation. Provide at least "
         "one message.", "an empty conversation"),
    Case("special-token-saved-as-dict", "TypeError: special token bos_token has to be either str or AddedToken but "
         "got: <class 'int'>", "an int, not the saved dict form"),
    Case("tokenizer-special-token-recursion", "  File \"x.py\", line 3, in build\n    return build(depth + 1)\n"
         "RecursionError: maximum recursion depth exceeded in comparison\nwhile building the dataset index\n"
         "after 4 epochs\nin the collate function", "a recursion elsewhere, more lines after it"),
]

# llama.cpp's converters name the tokenizer file they did not find.
POSITIVE += [
    Case("tokenizer-files-missing", "Loading model file models/mymodel/model-00001-of-00002.safetensors\nError: Missing "
         "tokenizer.model", "convert.py on a folder without the sentencepiece file"),
]

# unidic installed without its data: a separate download, not the model's files.
POSITIVE += [
    Case("unidic-data-not-downloaded", "---------------------------\n[ifs] no such file or directory: /opt/venv/lib/"
         "python3.11/site-packages/unidic/dicdir/mecabrc\n---------------------------",
         "a TTS front-end in a container", fix="download_missing_files"),
]
NEGATIVE += [
    Case("unidic-data-not-downloaded", "RuntimeError: Failed initializing MeCab. Please see the README for possible "
         "solutions", "no dictionary at all: mecab-dictionary-missing"),
]

# A .NET tokenizer for one model kind given a tokenizer.json of another.
POSITIVE += [
    Case("tokenizer-model-kind-mismatch", "System.InvalidOperationException: The confiuguration specifies model type "
         "Unigram, but currently only WordPiece is supported", "FastBertTokenizer on a sentencepiece tokenizer.json"),
]

# tokenizer.json whose merges name a token its vocab lacks: the file, not the library.
POSITIVE += [
    Case("tokenizer-json-merges-unknown-token", "  File \"/usr/lib/python3/site-packages/transformers/tokenization_utils_"
         "fast.py\", line 111, in __init__\n    fast_tokenizer = TokenizerFast.from_file(fast_tokenizer_file)\nException: "
         "Error while initializing BPE: Token `\u0120the` out of vocabulary", "an edited vocab", fix="other"),
]
NEGATIVE += [
    Case("tokenizer-json-merges-unknown-token", "Exception: data did not match any variant of untagged enum "
         "ModelWrapper at line 250373 column 3", "a tokenizer.json newer than the library"),
]

# sentencepiece cannot open tokenizer.model under a non-ASCII user folder: move the cache, the file is there.
POSITIVE += [
    Case("tokenizer-files-missing", "OSError: Not found: \"C:\\Users\\Bj\u00f6rn/.cache\\huggingface\\hub\\models--"
         "t5-small\\snapshots\\abc\\spiece.model\": No such file or directory Error #2",
         "sentencepiece on Windows", fix="free_disk_or_move_cache"),
]

# A GGUF repo keeps its tokenizer inside the .gguf file.
POSITIVE += [
    Case("tokenizer-files-missing", "OSError: Can't load tokenizer for 'TheBloke/Mistral-7B-Instruct-v0.1-GGUF'. If you "
         "were trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory with "
         "the same name. Otherwise, make sure 'TheBloke/Mistral-7B-Instruct-v0.1-GGUF' is the correct path to a "
         "directory containing all relevant files for a LlamaTokenizerFast tokenizer.", "transformers 4.35, h2oGPT",
         fix="other"),
]

# transformers 4.57.2's check of a local tokenizer folder.
POSITIVE += [
    Case("tokenizer-local-check-reads-dict", "  File \"/venv/lib/python3.12/site-packages/transformers/models/auto/"
         "tokenization_auto.py\", line 1156, in from_pretrained\n    return tokenizer_class.from_pretrained(\n  File "
         "\"/venv/lib/python3.12/site-packages/transformers/tokenization_utils_base.py\", line 2097, in "
         "_from_pretrained\n    if _is_local and _config.model_type not in [\nAttributeError: 'dict' object has no "
         "attribute 'model_type'", "AutoTokenizer on ./qwen-finetune, transformers 4.57.2",
         fix="upgrade_transformers"),
    Case("tokenizer-local-check-reads-dict", "    if _is_local and _config.model_type not in [\n                     "
         "^^^^^^^^^^^^^^^^^^\nAttributeError: 'dict' object has no attribute 'model_type'", "transformers 4.57.2"),
]
NEGATIVE += [
    Case("tokenizer-local-check-reads-dict", "  File \"/ComfyUI/custom_nodes/qwen3vl/nodes.py\", line 88, in load\n"
         "    if config.vision_config.model_type == 'qwen3_vl':\nAttributeError: 'dict' object has no attribute "
         "'model_type'", "a sub-config left as a dict (sub-config-left-as-dict)"),
]

# A tokenizer registered by a name string on a transformers that wants a config class.
POSITIVE += [
    Case("tokenizer-register-by-name", "  File \"/opt/homebrew/lib/python3.12/site-packages/mlx_lm/tokenizer_utils.py\", "
         "line 400, in <module>\n    AutoTokenizer.register(\"NewlineTokenizer\", fast_tokenizer_class=NewlineTokenizer)"
         "\n  File \"/opt/homebrew/lib/python3.12/site-packages/transformers/models/auto/auto_factory.py\", line 680, in "
         "register\n    if key.__module__.startswith(\"transformers.\"):\nAttributeError: 'str' object has no attribute "
         "'__module__'", "mlx-lm 0.31 on transformers 5.13", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("tokenizer-register-by-name", "AttributeError: 'str' object has no attribute '__module__'",
         "no registration in sight"),
]

# batch87: special tokens saved as objects, read by a release that uses them as keys
POSITIVE += [
    Case("special-tokens-saved-as-dicts", "/usr/local/lib/python3.10/dist-packages/transformers/tokenization_utils_base."
         "py in _from_pretrained(cls, resolved_vocab_files, pretrained_model_name_or_path, *init_inputs, **kwargs)\n"
         "   2250             if added_tokens_map != {} and init_kwargs[key] is not None:\n   2251                 if key "
         "!= \"additional_special_tokens\":\n-> 2252                     init_kwargs[key] = added_tokens_map.get("
         "init_kwargs[key], init_kwargs[key])\n\nTypeError: unhashable type: 'dict'", "transformers 4.34 in a notebook",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("special-tokens-saved-as-dicts", "TypeError: unhashable type: 'dict'\n  File \"/app/utils.py\", line 12, in "
         "dedupe\n    seen.add(item)", "a project's own set of dicts"),
]


# batch87: llama.cpp's vocabulary loader and a GGUF converted by a newer llama.cpp
POSITIVE += [
    Case("gguf-pre-tokenizer-unknown", "llama_model_loader: - kv  21: tokenizer.ggml.pre str = qwen35\n"
         "llama_model_load: error loading model: error loading model vocabulary: unknown pre-tokenizer type: 'qwen35'\n"
         "llama_load_model_from_file: failed to load model", "llama-cpp-python older than the converter", fix="other"),
]
NEGATIVE += [
    Case("gguf-pre-tokenizer-unknown", "Exception: data did not match any variant of untagged enum PreTokenizerWrapper "
         "at line 69 column 3", "the tokenizers library's own reader"),
]


# batch95: a special token's KeyError, a field tokenizers' deserialiser refuses
_GLM4_ENDOFTEXT = """KeyError: '<|endoftext|>'
Traceback:
File "C:\\Users\\x\\glm4\\composite_demo\\src\\main.py", line 123, in page_changed
    st.session_state.client = build_client(Mode(new_page))"""
_NULL_CHARSMAP = """thread '<unnamed>' panicked at /Users/runner/work/tokenizers/tokenizers/tokenizers/src/normalizers/mod.rs:143:26:
Precompiled: Error("invalid type: null, expected a borrowed string", line: 1, column: 28)
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
pyo3_runtime.PanicException: Precompiled: Error("invalid type: null, expected a borrowed string", line: 1, column: 28)"""
_VOCAB_TXT_AS_JSON = """  File "site-packages/rwkv/utils.py", line 29, in __init__
    self.tokenizer = Tokenizer.from_file(WORD_NAME)
Exception: invalid type: integer `1`, expected struct Tokenizer at line 1 column 1"""
POSITIVE += [
    Case("special-token-keyerror", _GLM4_ENDOFTEXT, "GLM-4's tiktoken tokenizer", fix="pin_transformers_version"),
    Case("special-token-keyerror", "KeyError: '[PAD]'", "a BERT-style special token"),
    Case("tokenizer-json-field-rejected", _NULL_CHARSMAP, "tokenizers 0.20 and a null precompiled_charsmap", fix="other"),
    Case("tokenizer-json-field-rejected", _VOCAB_TXT_AS_JSON, "a vocabulary .txt given to Tokenizer.from_file"),
]
NEGATIVE += [
    Case("special-token-keyerror", "KeyError: 'input_ids'", "a batch key"),
    Case("special-token-keyerror", "KeyError: 'qwen2'", "a model type"),
    Case("tokenizer-json-field-rejected", "Error: invalid type: null, expected u32 at line 56 column 1 in config.json",
         "text-embeddings-inference reading config.json"),
]


# batch96: merges saved as pairs for a C++ reader; a title that dropped the class's quotes
POSITIVE += [
    Case("tokenizer-merges-saved-as-pairs", "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
         "RuntimeError: [json.exception.type_error.302] type must be string, but is array",
         "onnxruntime-genai's tokenizer on transformers 4.45's tokenizer.json", fix="pin_transformers_version"),
    Case("processor-fell-back-to-tokenizer", "Qwen2TokenizerFast object has no attribute 'tokenizer",
         "an issue title: no quotes around the class, the last one cut", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("tokenizer-merges-saved-as-pairs", "[json.exception.type_error.302] type must be number, but is string",
         "another field's type"),
    Case("processor-fell-back-to-tokenizer", "This object has no attribute 'tokenizer'", "a sentence, not a class"),
]


# an attribute none of the installed release's tokenizers has
POSITIVE += [
    Case("tokenizer-attribute-not-in-transformers", "  File \"ner/data.py\", line 40, in __init__\n    self.max_len = "
         "tokenizer.max_len\nAttributeError: 'BertTokenizerFast' object has no attribute 'max_len'",
         "3.x code on 4.x", fix="update_calling_code"),
    Case("tokenizer-attribute-not-in-transformers", "AttributeError: 'RobertaTokenizer' object has no attribute "
         "'max_len'", "a slow tokenizer"),
]
NEGATIVE += [
    Case("tokenizer-attribute-not-in-transformers", "AttributeError: 'ChatGLMTokenizer' object has no attribute "
         "'sp_tokenizer'", "a repo's own tokenizer class"),
    Case("tokenizer-attribute-not-in-transformers", "AttributeError: 'GPT2TokenizerFast' object has no attribute "
         "'model_max_length'", "an attribute every tokenizer has"),
    Case("tokenizer-attribute-not-in-transformers", "AttributeError: 'LlamaTokenizerFast' object has no attribute "
         "'eos_token_id'", "a special token"),
]

# a repo's tokenizer code asserting its vocabulary file
POSITIVE += [
    Case("tokenizer-vocab-file-assertion", "  File \"/home/u/.cache/huggingface/modules/transformers_modules/chatglm-6b/"
         "tokenization_chatglm.py\", line 55, in __init__\n    assert vocab_file is not None\nAssertionError",
         "ChatGLM-6B without ice_text.model", fix="download_missing_files"),
]
NEGATIVE += [
    Case("tokenizer-vocab-file-assertion", "  File \"model.py\", line 12, in __init__\n    assert config is not None\n"
         "AssertionError", "another assertion"),
]


# encode_plus / batch_encode_plus called on a transformers 5 tokenizer
POSITIVE += [
    Case("tokenizer-encode-plus-removed", "  File \"app/embed.py\", line 21, in embed\n    enc = "
         "self.tokenizer.batch_encode_plus(texts, padding=True)\nAttributeError: 'XLMRobertaTokenizer' object has no "
         "attribute 'batch_encode_plus'", "a library written for 4.x", fix="update_calling_code"),
    Case("tokenizer-encode-plus-removed", "AttributeError: BertTokenizer has no attribute encode_plus. Did you mean: "
         "'_encode_plus'?", "5.x's own wording"),
    Case("tokenizer-encode-plus-removed", "AttributeError: Qwen2Tokenizer has no attribute 'encode_plus'",
         "OpenCompass"),
]
NEGATIVE += [
    Case("tokenizer-encode-plus-removed", "AttributeError: 'Tensor' object has no attribute 'encode_plus'",
         "not a tokenizer"),
]


# a processor reading a media token the saved tokenizer lacks
POSITIVE += [
    Case("processor-special-token-missing", "  File \"transformers/models/internvl/processing_internvl.py\", line 96, in "
         "__init__\n    self.video_token = tokenizer.video_token\nAttributeError: Qwen2TokenizerFast has no attribute "
         "video_token", "InternVL3 on a newer release", fix="force_download"),
    Case("processor-special-token-missing", "AttributeError: 'LlamaTokenizerFast' object has no attribute "
         "'image_token'", "Python's wording"),
]
NEGATIVE += [
    Case("processor-special-token-missing", "AttributeError: 'LlavaProcessor' object has no attribute 'image_token'",
         "the processor's own attribute"),
]


# A tokenizer or processor moved or run like a model: a torch module's method on a preprocessing object
POSITIVE += [
    Case("preprocessor-used-as-model", "AttributeError: 'T5Tokenizer' object has no attribute 'to'",
         "ProstT5's README moved the tokenizer to the GPU", fix="update_calling_code"),
    Case("preprocessor-used-as-model", "AttributeError: 'CLIPProcessor' object has no attribute 'eval'", "a processor"),
    Case("preprocessor-used-as-model", "AttributeError: 'Qwen2TokenizerFast' object has no attribute 'generate'",
         "generate called on the tokenizer"),
]
NEGATIVE += [
    Case("preprocessor-used-as-model", "AttributeError: 'BertTokenizerFast' object has no attribute 'max_len'",
         "a tokenizer attribute an older release had"),
    Case("preprocessor-used-as-model", "AttributeError: 'BertModel' object has no attribute 'to'", "a model"),
]

# transformers 4.4x's tokenizer __getattr__ on an object whose special tokens were never set up
POSITIVE += [
    Case("tokenizer-special-tokens-uninitialized", "  File \"site-packages\\transformers\\tokenization_utils_base.py\", "
         "line 1104, in __getattr__\n    raise AttributeError(f\"{self.__class__.__name__} has no attribute {key}\")\n"
         "AttributeError: BertTokenizerFast has no attribute pad_token", "ChatTTS on transformers 4.47",
         fix="pin_transformers_version"),
    Case("tokenizer-special-tokens-uninitialized", "AttributeError: LlamaTokenizer has no attribute eos_token_id. Did "
         "you mean: '_eos_token'?", "a token id"),
]
NEGATIVE += [
    Case("tokenizer-special-tokens-uninitialized", "AttributeError: 'LlamaTokenizerFast' object has no attribute "
         "'pad_token_id'", "Python's own wording"),
    Case("tokenizer-special-tokens-uninitialized", "AttributeError: BertTokenizer has no attribute batch_encode_plus",
         "a method 5.0 removed"),
]


# tiktoken's encoding_for_model on a name that is not an OpenAI model (batch107)
POSITIVE += [
    Case("tiktoken-model-name-unmapped", "KeyError: 'Could not automatically map llama3.1:8b to a tokeniser. Please use "
         "`tiktoken.get_encoding` to explicitly get the tokeniser you expect.'", "an Ollama model name in a RAG app",
         fix="update_calling_code"),
    Case("tiktoken-model-name-unmapped", "  File \"site-packages/tiktoken/model.py\", line 103, in encoding_for_model\n"
         "    return get_encoding(encoding_name_for_model(model_name))\n"
         "KeyError: 'Could not automatically map Qwen/Qwen2.5-7B-Instruct to a tokeniser. Please use "
         "`tiktoken.get_encoding` to explicitly get the tokeniser you expect.'", "a Hugging Face id"),
]
NEGATIVE += [
    Case("tiktoken-model-name-unmapped", "ValueError: Unknown encoding cl100k_bas. Plugins found: "
         "['tiktoken_ext.openai_public']", "a misspelled encoding name, not a model name"),
]


# a project's own folder (pretrained_models/, checkpoints/) that is not there: fill it, not another id (batch107)
POSITIVE += [
    Case("tokenizer-files-missing", "Can't load tokenizer for 'pretrained_models/stable-diffusion-v1-5'. If you were "
         "trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory with the "
         "same name. Otherwise, make sure 'pretrained_models/stable-diffusion-v1-5' is the correct path to a directory "
         "containing all relevant files for a CLIPTokenizer tokenizer.", "MagicAnimate's models not downloaded yet",
         fix="download_missing_files"),
]


# a processor dropping a keyword it does not take, with only a warning (batch108)
POSITIVE += [
    Case("processor-kwarg-ignored", "Keyword argument `audios` is not a valid argument for this processor and will be "
         "ignored.", "lmms-eval's Qwen2-Audio call", fix="update_calling_code"),
    Case("processor-kwarg-ignored", "Keyword argument [audios] is not a valid argument for this processor and will be "
         "ignored.", "the same as an issue page rendered it"),
]
NEGATIVE += [
    Case("processor-kwarg-ignored", "TypeError: Qwen2AudioProcessor.__call__() got an unexpected keyword argument "
         "'sampling_rate'", "a refusal, not a warning"),
]


# a traceback cut inside AutoTokenizer.from_pretrained, before its error line (log viewers, container logs)
POSITIVE += [
    Case("tokenizer-traceback-cut", "Traceback (most recent call last):\n  File \"/x/bloom-accelerate-inference.py\", line "
         "49, in <module>\n    tokenizer = AutoTokenizer.from_pretrained(model_name)\n  File \"/env/lib/python3.10/"
         "site-packages/transformers/models/auto/tokenization_auto.py\", line 591, in from_pretrained\n    return "
         "tokenizer_class.from_pretrained(pretrained_model_name_or_path, *inputs, **kwargs)", "bloom inference script",
         fix="other"),
    Case("tokenizer-traceback-cut", "app | ERROR | stderr |     tokenizer = AutoTokenizer.from_pretrained(\napp | ERROR | "
         "stderr |   File \"/usr/local/lib/python3.10/dist-packages/transformers/models/auto/tokenization_auto.py\", "
         "line 784, in from_pretrained\n", "a container's log, cut at the frame"),
]
NEGATIVE += [
    Case("tokenizer-traceback-cut", "  File \"/env/transformers/models/auto/tokenization_auto.py\", line 591, in "
         "from_pretrained\n    return tokenizer_class.from_pretrained(pretrained_model_name_or_path, *inputs, **kwargs)\n"
         "ValueError: Tokenizer class LlamaTokenizer does not exist or is not currently imported.",
         "the error line is there"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# a processor class of transformers refusing a key of the repo's processor config (audit, 2026-12-03)
POSITIVE += [
    Case("processor-config-key-newer", "TypeError: LlavaNextProcessor.__init__() got an unexpected keyword argument "
         "'image_token'", "llava-hf's processor config updated for a newer release", fix="upgrade_transformers"),
    Case("processor-config-key-newer", "TypeError: WhisperFeatureExtractor.__init__() got an unexpected keyword "
         "argument 'dither'", "a feature extractor config saved by a newer release"),
]
NEGATIVE += [
    Case("processor-config-key-newer", "TypeError: MyCustomProcessor.__init__() got an unexpected keyword argument "
         "'x'", "a class transformers does not define"),
    Case("processor-config-key-newer", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'x'", "a model class: arch/unexpected-model-kwarg"),
]


# a BPE tokenizer folder with vocab.json and no merges.txt (batch109's reading)
POSITIVE += [
    Case("bpe-vocab-without-merges", "ValueError: `vocab` and `merges` must be both be from memory or both filenames",
         "transformers 5.25's CLIPTokenizer on a folder without merges.txt", fix="download_missing_files"),
    Case("bpe-vocab-without-merges", "Exception: vocab and merges must be both specified",
         "tokenizers' BPE, the marks dropped by a rendered page"),
]
NEGATIVE += [
    Case("bpe-vocab-without-merges", "ValueError: merges.txt is not a valid merges file: line 2 has 3 tokens",
         "a merges file that is there"),
]


def test_a_bpe_folder_without_merges_fails_for_real_and_is_read_as_the_missing_file(tmp_path: Path) -> None:
    """Build the broken folder and load it with transformers' own class; explain reads the error it raises."""
    import transformers
    from transformers import CLIPTokenizer

    from advisor import explain

    if int(transformers.__version__.split(".")[0]) < 5:
        pytest.skip("transformers 4.x builds the slow CLIP tokenizer, which fails otherwise on a missing merges.txt")

    (tmp_path / "vocab.json").write_text('{"a</w>": 0, "b</w>": 1, "<|endoftext|>": 2}', encoding="utf-8")
    with pytest.raises(Exception) as raised:
        CLIPTokenizer.from_pretrained(str(tmp_path))
    verdict = explain(f"{type(raised.value).__name__}: {raised.value}")
    assert (verdict.rule, verdict.category, verdict.fix) == ("bpe-vocab-without-merges", "tokenizer_load_failure",
                                                              "download_missing_files")


# llama.cpp's converter meeting a tokenizer hash it does not know; onnxruntime-genai's tokenizer (batch113)
POSITIVE += [
    Case("converter-pre-tokenizer-unknown", "  File \"/kaggle/working/llama.cpp/./convert-hf-to-gguf.py\", line 432, in "
         "get_vocab_base_pre\n    raise NotImplementedError(\"BPE pre-tokenizer was not recognized - update "
         "get_vocab_base_pre()\")\nNotImplementedError: BPE pre-tokenizer was not recognized - update "
         "get_vocab_base_pre()", "convert-hf-to-gguf.py on phi-2", fix="other"),
    Case("converter-pre-tokenizer-unknown", "WARNING:hf-to-gguf:** chkhsh: "
         "1ff7f41064896984db5d1bb6ff64fa4bc29007d08c1b439e505b7392777a319e", "its warning's hash line"),
    Case("runtime-tokenizer-failed", "  File \"model-qa.py\", line 20, in main\n    tokenizer = og.Tokenizer(model)\n"
         "RuntimeError: Unsupported tokenizer class", "onnxruntime-genai"),
]
NEGATIVE += [
    Case("converter-pre-tokenizer-unknown", "llama_model_load: error loading model: error loading model vocabulary: "
         "unknown pre-tokenizer type: 'smaug-bpe'", "a GGUF read by an older runtime, gguf-pre-tokenizer-unknown's"),
]

# a tokenizer's missing attribute retyped in an issue's title, its quotes dropped (batch114)
POSITIVE += [
    Case("tokenizer-code-incompatible", "AttributeError: InternLMXComposerTokenizer has no attribute vocab_size",
         "ShareCaptioner's remote tokenizer", fix="pin_transformers_version"),
    Case("tokenizer-code-incompatible", "ChatGLMTokenizer object has no attribute sp_tokenizer", "an issue title"),
]
NEGATIVE += [
    Case("tokenizer-code-incompatible", "The tokenizer has no attribute for the chat template, so the default is used.",
         "a sentence, no class named"),
]

# llama.cpp's convert.py without the tokenizer file in the folder (batch116's GGUF-my-repo thread)
POSITIVE += [
    Case("tokenizer-files-missing", "FileNotFoundError: File not found: Viking-13B/tokenizer.model",
         "convert.py's SentencePiece vocab"),
]
NEGATIVE += [
    Case("tokenizer-files-missing", "FileNotFoundError: File not found: Viking-13B/config.yaml", "another file"),
]

# a tokenizer's own code file that auto_map names and transformers cannot find (batch117's ChatGLM3 threads)
POSITIVE += [
    Case("tokenizer-code-file-missing", "Could not locate the tokenization_chatglm.py inside THUDM/chatglm3-6b.",
         "ChatGLM3's auto_map of one week", fix="other"),
]
NEGATIVE += [
    Case("tokenizer-code-file-missing", "Could not locate the configuration_minicpm_reranker.py inside "
         "BAAI/bge-reranker-v2-minicpm-layerwise.", "a config's code file, remote-code-file-missing's"),
]

# the operating system's "No such file or directory" for a tokenizer file's path, quoted or not (batch118)
POSITIVE += [
    Case("tokenizer-file-not-on-disk", "FileNotFoundError: [Errno 2] No such file or directory: "
         "whisper-tiny-zh/tokenizer.json", "a whisper folder cloned without Git LFS, the path unquoted",
         fix="download_missing_files"),
    Case("tokenizer-file-not-on-disk", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'D:\\ComfyUI\\models\\TTS\\F5-TTS\\F5TTS_v1_Base\\vocab.txt'", "a Windows path, quoted",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("tokenizer-file-not-on-disk", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/data/run/model.safetensors'", "a weights file, not a tokenizer's"),
    Case("tokenizer-file-not-on-disk", "OSError: Can't load tokenizer for 'org/m'. Make sure that 'org/m' is the "
         "correct path to a directory containing all relevant files for a LlamaTokenizerFast tokenizer.",
         "transformers' own sentence, tokenizer-files-missing's"),
]

# an old GGUF without its pre-tokenizer, and transformers 2.x-3.x finding no vocabulary in a folder (batch119)
POSITIVE += [
    Case("gguf-pre-tokenizer-missing", "llm_load_vocab: missing pre-tokenizer type, using: 'default'\nllm_load_vocab: "
         "GENERATION QUALITY WILL BE DEGRADED!", "llama.cpp on a StarCoder2 GGUF from before b2700"),
    Case("tokenizer-vocab-files-not-in-folder", "We assumed '/home/transformers/albert_base_zh/' was a path or url to a "
         "directory containing vocabulary files named ['spiece.model'] but coul", "cut after the list",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("gguf-pre-tokenizer-missing", "llama_model_load: error loading model: error loading model vocabulary: unknown "
         "pre-tokenizer type: 'smaug-bpe'", "a pre-tokenizer recorded but unknown: gguf-pre-tokenizer-unknown's"),
    Case("tokenizer-vocab-files-not-in-folder", "Model name 'xlnet-base-uncased' was not found in tokenizers model name "
         "list (xlnet-base-cased). We assumed 'xlnet-base-uncased' was a path, a model identifier, or url to a directory "
         "containing vocabulary files named ['spiece.model'] but couldn't find such vocabulary files at this path or "
         "url.", "an id, not a folder"),
]

# transformers 3.x's form of the same sentence ("a path, a model identifier, or url"), and a folder named after an original
# checkpoint, which is the id meant (batch120)
POSITIVE += [
    Case("tokenizer-vocab-files-not-in-folder", "OSError: Model name './chinese_roberta_wwm_ext_pytorch' was not found "
         "in tokenizers model name list (roberta-base, roberta-large). We assumed './chinese_roberta_wwm_ext_pytorch' "
         "was a path, a model identifier, or url to a directory containing vocabulary files named ['vocab.json', "
         "'merges.txt'] but couldn't find such vocabulary files at this path or url.", "RobertaTokenizer on a BERT vocab"),
]
NEGATIVE += [
    Case("tokenizer-vocab-files-not-in-folder", "We assumed './pretrained-models/bert-base-uncased/' was a path, a model "
         "identifier, or url to a directory containing vocabulary files named ['vocab.txt'] but couldn't find such "
         "vocabulary files at this path or url.", "a folder named after the original checkpoint"),
]

# transformers 2.x-3.x's tokenizer lookup on an org/name id, and AutoProcessor with nothing to build (session 38)
_OLD_VOCAB = ("OSError: Model name '{0}' was not found in tokenizers model name list (roberta-base, roberta-large, "
              "roberta-large-mnli, distilroberta-base). We assumed '{0}' was a path, a model identifier, or url to a "
              "directory containing vocabulary files named ['vocab.json', 'merges.txt'] but couldn't find such "
              "vocabulary files at this path or url.")
POSITIVE += [
    Case("tokenizer-vocab-files-not-at-repo-id", _OLD_VOCAB.format("clue/roberta_chinese_base"),
         "a RoBERTa-named repo shipping BERT's vocab.txt, transformers 3.x", fix="upgrade_transformers"),
    Case("processing-files-missing", "OSError: Unrecognized processing class in ./out/checkpoint-900. Can't "
         "instantiate a processor, a tokenizer, an image processor or a feature extractor for this model. Make sure "
         "the repository contains the files of at least one of those processing classes.",
         "a fine-tune saved without its processor", fix="fix_identifier"),
    Case("processing-files-missing", "ValueError: Unrecognized processing class in ./ft. Can't instantiate a processor, a "
         "tokenizer, an image processor or a feature extractor for this model. Make sure the repository contains "
         "the files of at least one of those processing classes.", "the ValueError form, a folder"),
]
NEGATIVE += [
    Case("tokenizer-vocab-files-not-at-repo-id", _OLD_VOCAB.format("roberta-bas"),
         "a misspelt shortcut name: cant-load-from-hub's"),
    Case("tokenizer-vocab-files-not-at-repo-id", _OLD_VOCAB.format("models/imdbclassifier"),
         "a project's folder shaped like an id"),
    Case("processing-files-missing", "ValueError: Unrecognized image processor in ./ckpt. Should have a "
         "`image_processor_type` key in its preprocessor_config.json of config.json",
         "an image processor class unknown: processor-type-unrecognized's"),
]

# a traceback cut inside the tokenizer class's own __init__, and mistral.rs's double-quoted file (session 38)
_TOKENIZER_FRAMES = (
    "Traceback (most recent call last):\n  File \"example.py\", line 105, in initialize\n    tokenizer = "
    "AutoTokenizer.from_pretrained(ckpt_dir, trust_remote_code=True)\n  File \"/env/lib/python3.9/site-packages/"
    "transformers/tokenization_utils_base.py\", line 2272, in _from_pretrained\n    tokenizer = cls(*init_inputs, "
    "**init_kwargs)\n  File \"/home/u/.cache/huggingface/modules/transformers_modules/ai4bharat/indictrans2-en-indic-1B/"
    "bb1e8f494be5855fa00cf845bae31")
POSITIVE += [
    Case("tokenizer-construction-failed", _TOKENIZER_FRAMES, "cut inside a checkpoint's own tokenizer", fix="other"),
    Case("tokenizer-files-missing", "thread 'main' panicked at mistralrs-core/src/pipeline/gguf.rs:290:58:\nFile "
         "\"tokenizer.json\" not found at model id \".\"", "Rust's double quotes"),
]
NEGATIVE += [
    Case("tokenizer-construction-failed", "  File \"/env/lib/python3.9/site-packages/transformers/modeling_utils.py\", "
         "line 3550, in from_pretrained\n    model = cls(config, *model_args, **model_kwargs)\n  File \"/home/u/.cache/"
         "huggingface/modules/transformers_modules/x/modeling_x.py\", line 40", "the model's construction, not the "
         "tokenizer's"),
    Case("tokenizer-construction-failed", _TOKENIZER_FRAMES + ".py\", line 40, in __init__\n    import sentencepiece "
         "as spm\nModuleNotFoundError: No module named 'sentencepiece'", "an error a rule reads: that rule's"),
]

# the tokenizer came back as False (AutoTokenizer with use_fast=False on a repo with tokenizer.json only, a missing
# backend): a tokenizer attribute read from a bool, or the processor's own check (session 38)
POSITIVE += [
    Case("tokenizer-is-a-bool", "  File \"lm_eval/models/huggingface.py\", line 254, in __init__\n    self.vocab_size = "
         "self.tokenizer.vocab_size\nAttributeError: 'bool' object has no attribute 'vocab_size'",
         "lm-evaluation-harness", fix="update_calling_code"),
    Case("tokenizer-is-a-bool", "TypeError: Received a bool for argument tokenizer, but a PreTrainedTokenizerBase was "
         "expected.", "Wav2Vec2Processor without phonemizer"),
]
NEGATIVE += [
    Case("tokenizer-is-a-bool", "AttributeError: 'bool' object has no attribute 'shape'", "no tokenizer attribute"),
    Case("tokenizer-is-a-bool", "AttributeError: 'NoneType' object has no attribute 'vocab_size'",
         "None, not a bool: tokenizer-class-none's reading"),
]

# sentencepiece's Internal error cut by a log viewer right after its LoadFromFile frame (batch126's reading: a
# tokenizer.model cloned without git-lfs)
POSITIVE += [
    Case("tokenizer-json-invalid", "  File \"/envs/llm/lib/python3.8/site-packages/sentencepiece/__init__.py\", line "
         "310, in LoadFromFile\n    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)\n"
         "RuntimeError: Internal: src/", "the message cut after 'src/'"),
]
NEGATIVE += [
    Case("tokenizer-json-invalid", "  File \"/envs/llm/lib/python3.8/site-packages/sentencepiece/__init__.py\", line "
         "310, in LoadFromFile\n    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)\n"
         "OSError: Not found: \"/models/llama/tokenizer.model\": No such file or directory Error #2",
         "the file is absent, not unreadable"),
]

# os.stat given None, quoted alone: a file the loader did not find (batch128)
POSITIVE += [
    Case("file-path-none-bare", "TypeError: stat: path should be string, bytes, os.PathLike or integer, not NoneType",
         "an issue's title: ChatGLM3's tokenizer model not downloaded", fix="download_missing_files"),
]
NEGATIVE += [
    Case("file-path-none-bare", """  File "/usr/lib/python3.10/site-packages/transformers/modeling_tf_utils.py", line 2840, in from_pretrained
    if os.path.isfile(resolved_archive_file):
TypeError: stat: path should be string, bytes, os.PathLike or integer, not NoneType""", "the model loader's frame: weights"),
    Case("file-path-none-bare", "TypeError: stat: path should be string, bytes, os.PathLike or integer, not int",
         "another type than None"),
]

# the tokenizers library's own model files: one not on disk, one it cannot build from (batch129)
POSITIVE += [
    Case("tokenizers-vocab-file-not-found", """Errors: Os { code: 2, kind: NotFound, message: "No such file or directory" }
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
  File "/home/username/.local/lib/python3.6/site-packages/tokenizers/implementations/bert_wordpiece.py", line 26, in __init__
    tokenizer = Tokenizer(WordPiece.from_files(vocab_file, unk_token=unk_token))
Exception: Error while initializing WordPiece""", "tokenizers 0.x, the README's vocab file not downloaded",
         fix="download_missing_files"),
    Case("tokenizers-model-files-unreadable", "Exception: Error while initializing BPE: Merges text file invalid at line "
         "468", "tokenizers 0.9, a trained BPE saved as vocab and merges", fix="update_calling_code"),
]
NEGATIVE += [
    Case("tokenizers-vocab-file-not-found", "Exception: Error while initializing BPE: Merges text file invalid at line "
         "468", "the file is there"),
    Case("tokenizers-model-files-unreadable", "Exception: Error while initializing BPE: Token `Ċ` out of vocabulary",
         "a merge's token missing: tokenizer-json-merges-unknown-token"),
    Case("tokenizers-model-files-unreadable", "Errors: Os { code: 2, kind: NotFound, message: \"No such file or "
         "directory\" }\nException: Error while initializing WordPiece", "the file is not there"),
]

# ports of tokenizers to other languages, which implement tokenizer.json's parts one by one, and onnxruntime-extensions'
# converter (session 42, batch135; the ports' own messages: swift-transformers' fatalError, transformers.js' Error)
POSITIVE += [
    Case("tokenizer-component-unknown-to-port", "Tokenizers/PreTokenizer.swift:61: Fatal error: Unsupported "
         "PreTokenizer type: BertPreTokenizer", "swift-transformers", fix="install_package"),
    Case("tokenizer-component-unknown-to-port", "Error: Unknown Normalizer type: Precompiled\n    at "
         "Normalizer.fromConfig (webpack-internal:///./node_modules/@xenova/transformers/src/tokenizers.js:1234:23)",
         "transformers.js"),
    Case("runtime-tokenizer-failed", "  File \"/opt/conda/lib/python3.9/site-packages/onnxruntime_extensions/cvt.py\", "
         "line 96, in gen_processing_models\n    raise ValueError(f\"Unsupported processor/tokenizer: {cls_name}\")\n"
         "ValueError: Unsupported processor/tokenizer: Qwen2Tokenizer", "onnxruntime-extensions' converter"),
]
NEGATIVE += [
    Case("tokenizer-component-unknown-to-port", "Exception: data did not match any variant of untagged enum "
         "PreTokenizerWrapper at line 69 column 3", "the Python tokenizers' own reader: tokenizers-too-old"),
    Case("tokenizer-component-unknown-to-port", "ValueError: Unknown model type: llama4", "a model's type, not a part"),
]

# a tokenizer without model_max_length: transformers' stand-in length overflows the Rust library's 64-bit argument
# (session 42, batch136; HELM and flair threads)
POSITIVE += [
    Case("tokenizer-max-length-unset", "  File \"/venv/lib/python3.8/site-packages/transformers/tokenization_utils_fast."
         "py\", line 399, in set_truncation_and_padding\n    self._tokenizer.enable_truncation(**target)\nOverflowError: "
         "int too big to convert", "transformers 4.2x fast tokenizer", fix="update_calling_code"),
    Case("tokenizer-max-length-unset", "OverflowError: int too big to convert", "the line alone, as flair printed it"),
]
NEGATIVE += [
    Case("tokenizer-max-length-unset", "  File \"sim.py\", line 3, in <module>\n    seed = np.uint64(2**70)\n  File "
         "\"rng.py\", line 4, in seed\n    x\n  File \"c.py\", line 5\nOverflowError: int too big to convert",
         "a number in the project's own code, deep in its traceback"),
]


# mlx-audio's Whisper models loaded without their processor (session 44, batch143)
POSITIVE += [
    Case("mlx-audio-processor-not-loaded", '  File "/opt/homebrew/lib/python3.12/site-packages/mlx_audio/stt/models/'
         'whisper/whisper.py", line 580, in generate\nValueError: Processor not found. Make sure the model was loaded '
         "with a HuggingFace processor.", "a weights-only conversion", fix="other"),
]
NEGATIVE += [
    Case("mlx-audio-processor-not-loaded", "OSError: Can't load feature extractor for 'acme/whisper-mlx'.",
         "transformers' own message for the missing file"),
]


# the LLaMA reference tokenizer's own assertion (session 44, batch146)
POSITIVE += [
    Case("tokenizer-model-file-asserted", '  File "/home/u/llama/llama/tokenizer.py", line 16, in __init__\n    assert '
         "os.path.isfile(model_path), model_path\nAssertionError: /data/llama/7B/tokenizer.model",
         "the path printed", fix="download_missing_files"),
    Case("tokenizer-model-file-asserted", "Running the demo I get assertion error : tokenizer.model",
         "a person's words"),
]
NEGATIVE += [
    Case("tokenizer-model-file-asserted", "OSError: Unable to load vocabulary from file. Please check that the "
         "provided vocabulary is accessible and not corrupted: tokenizer.model", "a file that is there but unreadable"),
]


# an add-on's tokenizer class reading the added tokens where an older transformers kept them (session 45, batch148)
POSITIVE += [
    Case("tokenizer-code-incompatible",
         "tok = AutoTokenizer.from_pretrained('org/custom-tok')\n  File \"addon/tokenization.py\", line 88, in __init__\n"
         "    extra = kwargs['added_tokens_decoder']\nKeyError: 'added_tokens_decoder'", "the decoder table",
         fix="pin_transformers_version"),
    Case("tokenizer-code-incompatible", "KeyError: 'added_tokens'\n에러가 발생합니다", "the tokens list"),
]
NEGATIVE += [
    Case("tokenizer-code-incompatible", "KeyError: 'added_tokens_count'", "another key"),
]


# a saved added token's flag given twice (session 46, batch151)
POSITIVE += [
    Case("added-token-flag-passed-twice", "TypeError: tokenizers.AddedToken() got multiple values for keyword argument "
         "'normalized'", "another flag", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("added-token-flag-passed-twice", "TypeError: AddedToken.__init__() got an unexpected keyword argument 'special'",
         "an old tokenizers without the flag"),
]


# sentencepiece handed no file by a slow tokenizer class (session 49, batch168-172)
POSITIVE += [
    Case("sentencepiece-given-no-model-file", '    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)\n'
         "TypeError: not a string", "LlamaTokenizer on Llama 3", fix="other"),
    Case("sentencepiece-given-no-model-file", "TypeError:not a string", "glued"),
]
NEGATIVE += [
    Case("sentencepiece-given-no-model-file", "TypeError: not a string or bytes-like object", "another TypeError"),
]


# a tokenizer's own _pad() from before transformers 4.45's padding_side (session 49, batch178)
POSITIVE += [
    Case("tokenizer-pad-predates-padding-side", '    outputs = self._pad(\nTypeError: ChatGLMTokenizer._pad() got an '
         "unexpected keyword argument 'padding_side'", "Kolors' bundled ChatGLM3 tokenizer",
         fix="pin_transformers_version"),
    Case("tokenizer-pad-predates-padding-side", "    out = self(\n...\nTypeError: _pad() got an unexpected keyword "
         "argument 'padding_side'", "GLM-4's apply_chat_template, the class not named"),
]
NEGATIVE += [
    Case("tokenizer-pad-predates-padding-side", "TypeError: LlamaForCausalLM.forward() got an unexpected keyword "
         "argument 'padding_side'", "the kwarg given to a model: tokenizer-kwarg-to-model"),
]
