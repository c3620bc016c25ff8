"""rules/files: weights that are missing, and weights that are there but unreadable (LFS pointers, truncation)."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pickle
import traceback
from pathlib import Path

import pytest
from rulecase import Case, check_negative, check_positive

from advisor.diagnose import explain

REF_06G = """_pickle.UnpicklingError: Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.
Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error:

Unsupported operand 118

Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."""

POSITIVE = [
    Case("corrupted-weights", "safetensors._safetensors_rust.SafetensorError: Error while deserializing header: "
         "header too large", "06a LFS pointer", fix="force_download"),
    Case("corrupted-weights", "safetensors._safetensors_rust.SafetensorError: Error while deserializing header: "
         "incomplete metadata, file not fully covered", "06b truncated"),
    Case("corrupted-weights", REF_06G, "06g LFS pointer .bin"),
    Case("corrupted-weights", "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central "
         "directory. This is an internal miniz error.", "06h truncated .bin"),
    Case("corrupted-weights", "safetensors_rust.SafetensorError: Error while deserializing header: HeaderTooLarge",
         "safetensors < 0.4"),
    Case("corrupted-weights", "_pickle.UnpicklingError: invalid load key, 'v'.", "torch < 2.6 LFS pointer"),
    Case("corrupted-weights", "OSError: Unable to load weights from pytorch checkpoint file for "
         "'/content/model/pytorch_model.bin' at '/content/model/pytorch_model.bin'. If you tried to load a PyTorch "
         "model from a TF 2.0 checkpoint, please set from_tf=True.", "transformers 4.x"),
    Case("corrupted-weights", "OSError: Consistency check failed: file should be of size 9976576152 but has size "
         "4215623680 (model-00001-of-00002.safetensors).", "huggingface_hub 0.x"),
    Case("corrupted-weights", "OSError: It looks like the config file at '<tmp>/fixtures/bad_json/config.json' is "
         "not a valid JSON file.", "07f"),
    Case("missing-weights", "OSError: Error no file named model.safetensors, or pytorch_model.bin, found in "
         "directory <tmp>/fixtures/no_weights.", "05a", fix="download_missing_files"),
    Case("non-finite-weights", "advisor.health.NonFiniteWeights: the checkpoint's weights hold NaN values in 2 "
         "tensor(s) (lm_head.weight, model.norm.weight): no dtype or device fixes that", "verify pass"),
    Case("missing-weights", "OSError: org/tiny does not appear to have a file named pytorch_model.bin or "
         "model.safetensors.", "05b"),
    Case("missing-weights", "FileNotFoundError: No such file or directory: "
         "<tmp>/fixtures/sharded_missing/model-00006-of-00006.safetensors", "05c missing shard"),
    Case("missing-weights", "OSError: TheBloke/Llama-2-7B-GGUF does not appear to have a file named "
         "pytorch_model.bin, tf_model.h5, model.ckpt or flax_model.msgpack.", "transformers 4.x GGUF-only repo"),
    Case("missing-weights", "huggingface_hub.errors.RemoteEntryNotFoundError: 404 Client Error. (Request ID: "
         "Root=mock-1795514762683)\n\nEntry Not Found for url: http://127.0.0.1:39845/org/tiny/resolve/main/nope.bin.",
         "01t"),
    Case("not-a-peft-adapter", "ValueError: Can't find 'adapter_config.json' at 'output/lora'", "peft adapter folder"),
    Case("corrupted-weights", "OSError: You seem to have cloned a repository without having git-lfs installed. Please "
         "install git-lfs and run `git lfs install` followed by `git lfs pull` in the folder you cloned.",
         "transformers 4.x LFS hint"),
    Case("ggml-file-for-gguf-loader", "gguf_init_from_file: invalid magic characters 'tjgg'\nllama_model_load: error "
         "loading model: llama_model_loader: failed to load model from ./models/7B/ggml-model-q4_0.bin",
         "llama.cpp after GGUF, a GGML v3 (ggjt) file"),
    Case("ggml-file-for-gguf-loader", "error loading model: unknown (magic, version) combination: 67676d6c, 00000001; "
         "is this really a GGML file?", "llama.cpp mid-2023", fix="other"),
    Case("corrupted-weights", "gguf_init_from_file_impl: invalid magic characters: 'vers', expected 'GGUF'\n"
         "llama_model_load: error loading model: llama_model_loader: failed to load model from model.gguf",
         "llama.cpp on a Git LFS pointer"),
    Case("serving-weight-missing", "ValueError: Following weights were not initialized from checkpoint: "
         "{'model.layers.27.mlp.up_proj.weight', 'model.layers.27.mlp.down_proj.weight'}", "vLLM's loader",
         fix="download_missing_files"),
    Case("corrupted-weights", "onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
         "INVALID_PROTOBUF : Load model from /models/bge-small/onnx/model.onnx failed:Protobuf parsing failed.",
         "ONNX Runtime on an LFS pointer"),
]

NEGATIVE = [
    Case("non-finite-weights", "advisor.health.NonFiniteLogits: non-finite (NaN/inf) logits in the verify forward "
         "pass at dtype torch.float16", "fp16 overflow, not broken weights"),
    Case("corrupted-weights", "OSError: [Errno 28] No space left on device", "disk full"),
    Case("corrupted-weights", "safetensors._safetensors_rust.SafetensorError: Error while serializing: I/O error: "
         "No space left on device (os error 28)", "13k writing, not reading"),
    Case("missing-weights", "OSError: /data/ckpt does not appear to have a file named config.json.", "config"),
    Case("missing-weights", "huggingface_hub.errors.LocalEntryNotFoundError: An error happened while trying to "
         "locate the file on the Hub and we cannot find the requested files in the local cache.", "01k offline"),
    Case("ggml-file-for-gguf-loader", "gguf_init_from_file_impl: invalid magic characters: 'vers', expected 'GGUF'",
         "an LFS pointer, not a GGML file"),
    Case("corrupted-weights", "gguf_init_from_file: invalid magic characters 'tjgg'", "a GGML file, whole"),
    Case("ggml-file-for-gguf-loader", "error loading model: unknown (magic, version) combination: 5a4d0000, 00000000; is "
         "this really a GGML file?", "not a GGML magic: another file"),
    Case("serving-weight-missing", "Some weights of BertForSequenceClassification were not initialized from the model "
         "checkpoint at bert-base-uncased and are newly initialized: ['classifier.bias', 'classifier.weight']",
         "transformers' warning for a new head"),
]


# Parsed structure: the id kind, the JSON file being read, the path named as the config.
POSITIVE += [
    Case("local-folder-incomplete", "OSError: We couldn't connect to 'https://huggingface.co' to load this file, "
         "couldn't find it in the cached files and it looks like /mnt/models/my-llm is not the path to a directory "
         "containing a file named config.json.\nCheckout your internet connection or see how to run the library in "
         "offline mode at 'https://huggingface.co/docs/transformers/installation#offline-mode'.",
         "transformers 4.x wording, an absolute local path", fix="download_missing_files"),
    Case("local-folder-incomplete", "OSError: We couldn't connect to 'https://huggingface.co' to load this model, "
         "couldn't find it in the cached files and it looks like C:\\models\\sd-xl is not the path to a directory "
         "containing a model_index.json file.", "diffusers wording, a Windows path"),
    Case("config-path-not-json", "OSError: It looks like the config file at '/srv/ckpt/run-7' is not a valid JSON "
         "file.", "07f wording, a folder named as the config", fix="fix_identifier"),
    Case("config-path-not-json", "OSError: Couldn't reach server at '/home/u/bert/vocab.txt' to download "
         "configuration file or configuration file is not a valid JSON file.", "transformers 3.x, a vocab file"),
    Case("config-json-invalid", "  File \"/x/configuration_utils.py\", line 650, in _get_config_dict\n    "
         "resolved_config_file = cached_file(pretrained_model_name_or_path, 'config.json')\n  File "
         "\"/x/configuration_utils.py\", line 720, in _dict_from_json_file\n    return json.loads(text)\n"
         "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)", "a config read by transformers",
         fix="force_download"),
    Case("config-json-invalid", "  File \"/x/peft/config.py\", line 119, in from_json_file\n    json_object = "
         "json.load(file)\n  File \"/x/peft/config.py\", line 110, in from_pretrained\n    config_file = "
         "hf_hub_download(model_id, 'adapter_config.json')\njson.decoder.JSONDecodeError: Expecting value: line 1 "
         "column 1 (char 0)", "peft reading adapter_config.json"),
    Case("config-json-invalid", "json.decoder.JSONDecodeError: Unterminated string starting at: line 31 column 5 "
         "(char 800)\n  reading generation_config.json", "generation config cut short"),
    Case("config-json-invalid", "  File \"/x/transformers/generation/configuration_utils.py\", line 920, in "
         "from_pretrained\n    config_dict = cls._dict_from_json_file(resolved_config_file)\njson.decoder."
         "JSONDecodeError: Expecting value: line 1 column 1 (char 0)", "no file name: the reader's frame says it"),
    Case("config-json-invalid", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
         "a bare JSON error: a checkpoint file all the same (06i/17c first lines)", fix="force_download"),
    Case("corrupted-weights", "OSError: Unable to load weights from checkpoint file for '/w/pytorch_model.bin' at "
         "'/w/pytorch_model.bin'. If you tried to load a PyTorch model from a TF 2.0 checkpoint, please set "
         "from_tf=True.", "transformers 4.3x wording without 'pytorch'"),
    Case("missing-weights", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/main/model-00002-of-00004.safetensors",
         "a bare 404 on a shard: the repo lacks it, fetching again brings nothing", fix="other"),
]

NEGATIVE += [
    Case("config-json-invalid", "  File \"/venv/lib/python3.10/site-packages/requests/models.py\", line 975, in json\n"
         "    return complexjson.loads(self.text, **kwargs)\njson.decoder.JSONDecodeError: Expecting value: line 1 "
         "column 1 (char 0)", "a web response that was not JSON (a proxy's page)"),
    Case("missing-weights", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/main/config.json", "a 404 on config.json: the repo"),
    Case("local-folder-incomplete", "OSError: We couldn't connect to 'https://huggingface.co' to load this file, "
         "couldn't find it in the cached files and it looks like org/model is not the path to a directory containing "
         "a file named config.json.", "a repo id: a network failure, not a folder"),
    Case("local-folder-incomplete", "OSError: ./my-model is not a local folder and is not a valid model identifier "
         "listed on 'https://huggingface.co/models'", "the folder does not exist"),
    Case("config-path-not-json", "OSError: It looks like the config file at '/srv/ckpt/config.json' is not a valid "
         "JSON file.", "a broken config.json is a corrupted file"),
    Case("config-json-invalid", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n  File "
         "\"/x/tokenization_utils_fast.py\", line 111, in __init__\n    fast_tokenizer = "
         "TokenizerFast.from_file(fast_tokenizer_file)\n reading tokenizer.json", "the tokenizer's JSON"),
]


# a weight variant the repo does not have
POSITIVE += [
    Case("variant-files-missing", "ValueError: You are trying to load model files of the `variant=fp16`, but no "
         "such modeling files are available.", "diffusers 0.2x", fix="update_calling_code"),
    Case("variant-files-missing", "FutureWarning: You are loading the variant fp16 from acme/sd-x via "
         "`revision='fp16'`. ... However, it appears that acme/sd-x currently does not have the required variant "
         "filenames in the 'main' branch.", "diffusers revision=fp16 deprecation"),
]

NEGATIVE += [
    Case("variant-files-missing", "OSError: Error no file named diffusion_pytorch_model.safetensors found in "
         "directory /models/sd-x/unet.", "no weights at all"),
]

# a file missing inside a cache the library filled itself: an interrupted download
POSITIVE += [
    Case("cache-download-interrupted", """    with open(os.path.join(model_path, 'modules.json')) as fIn:
FileNotFoundError: [Errno 2] No such file or directory: '/home/u/.cache/torch/sentence_transformers/acme_minilm/modules.json'""",
         "sentence-transformers 0.x cache", fix="force_download"),
    Case("cache-download-interrupted", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'C:\\\\Users\\\\me\\\\.cache\\\\huggingface\\\\hub\\\\models--acme--m\\\\snapshots\\\\"
         + "0" * 40 + "\\\\config.json'", "Windows hub cache"),
]

NEGATIVE += [
    Case("cache-download-interrupted", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'./output/checkpoint-500/adapter_config.json'", "a folder of the user's own"),
]


# a serving engine missing a named tensor
POSITIVE += [
    Case("serving-weight-missing", "RuntimeError: weight model.embed_tokens.weight does not exist",
         "text-generation-inference 1.x", fix="download_missing_files"),
]

NEGATIVE += [
    Case("serving-weight-missing", "OSError: Error no file named pytorch_model.bin, model.safetensors found in "
         "directory ./acme-7b.", "no weights file at all"),
]

# transformers 2.x/3.x, a local path in its one sentence for every unreadable config
POSITIVE += [
    Case("old-config-unreachable-local", "OSError: Couldn't reach server at './checkpoints/acme/config.json' to "
         "download configuration file or configuration file is not a valid JSON file. Please check network or file "
         "content here: ./checkpoints/acme/config.json.", "transformers 3.x, local folder",
         fix="download_missing_files"),
]

NEGATIVE += [
    Case("old-config-unreachable-local", "OSError: Couldn't reach server at 'https://s3.amazonaws.com/models."
         "huggingface.co/bert/acme-base/config.json' to download pretrained model configuration file.",
         "a URL: the network"),
]


# A GGUF loader pointed at a repo that ships safetensors (or a file pattern that names no file in it).
POSITIVE += [
    Case("gguf-files-missing", "Failed. Are you sure there are GGUF files in `mistralai/Mistral-7B-v0.1`?",
         "a GGUF front-end on a safetensors repo", fix="fix_identifier"),
    Case("gguf-files-missing", 'ValueError: No file found in Qwen/Qwen2-7B-Instruct that match *q4_k_m.gguf\n\n'
         'Available Files:\n["config.json", "model-00001-of-00004.safetensors"]', "llama-cpp-python"),
]
NEGATIVE += [
    Case("gguf-files-missing", "ValueError: GGUF model with architecture deci is not supported yet.",
         "the GGUF file is there, its architecture is unknown"),
]

# A folder whose name says it holds another format: the weights are there under other names.
POSITIVE += [
    Case("missing-weights", "OSError: Error no file named pytorch_model.bin, model.safetensors, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory /models/Llama-2-13B-chat-ONNX.",
         "an ONNX export (a GPTQ or AWQ folder is quantized-folder-loaded-unquantized's)", fix="other"),
]

# transformers 2.x/3.x "file ... not found": a path on disk that exists without the file.
POSITIVE += [
    Case("old-local-file-not-found", '  File "/usr/lib/python3.7/site-packages/transformers/file_utils.py", line 955, '
         'in cached_path\n    raise EnvironmentError("file {} not found".format(url_or_filename))\n'
         "OSError: file ./output/run3/config.json not found", "a training output folder", fix="download_missing_files"),
    Case("old-local-file-not-found", "OSError: file C:\\work\\bert_ft\\vocab.txt not found", "Windows, a vocab file"),
]
NEGATIVE += [
    Case("old-local-file-not-found", "OSError: file roberta-large/config.json not found", "a folder named like the id"),
]

# An archive passed where a folder or repo id belongs.
POSITIVE += [
    Case("archive-as-model-path", "huggingface_hub.errors.HFValidationError: Repo id must be in the form 'repo_name' "
         "or 'namespace/repo_name': '/data/ckpt/final_model.zip'. Use `repo_type` argument if needed.",
         "a zip", fix="other"),
    Case("archive-as-model-path", "OSError: ./weights/model-v2.tar.gz is not a local folder and is not a valid model "
         "identifier listed on 'https://huggingface.co/models'", "a tarball, transformers' sentence"),
]
NEGATIVE += [
    Case("archive-as-model-path", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://example.org/models/some-name.zip\n\nOSError: Can't load config for 'some-name'. Make sure that:",
         "an archive in a URL, not the id"),
]

# PeftModel.from_pretrained on a path that is no adapter.
POSITIVE += [
    Case("not-a-peft-adapter", "ValueError: Can't find 'adapter_config.json' at 'acme/llama-3-8b-merged'",
         "a merged model loaded as an adapter", fix="update_calling_code"),
    Case("not-a-peft-adapter", '  File "/x/peft/config.py", line 197, in from_pretrained\n    raise ValueError(f"Can\'t '
         'find \'{CONFIG_NAME}\' at \'{pretrained_model_name_or_path}\'")\nValueError: Can\'t find '
         "'adapter_config.json' at './outputs'", "a training output folder"),
]
NEGATIVE += [
    Case("not-a-peft-adapter", "ValueError: Can't find config.json at './sst2_lora'", "the model's config"),
]

# A paste that starts mid-message: the tail of "Unable to load weights from pytorch checkpoint file for ...".
POSITIVE += [
    Case("corrupted-weights", "'./ckpt/pytorch_model-00002-of-00003.bin'. If you tried to load a PyTorch model from a "
         "TF 2.0 checkpoint, please set from_tf=True.", "transformers 4.x, the message's second line"),
]

POSITIVE += [
    Case("corrupted-weights", "checkpoint, please set from_tf=True.", "the same message cut by a narrow window"),
]

# sentence-transformers on a folder without its own files: a warning alone, or a warning and the error it causes.
POSITIVE += [
    Case("st-plain-transformers-model", "No sentence-transformers model found with name google-bert/bert-base-cased. "
         "Creating a new one with mean pooling.", "sentence-transformers 3.x warning", fix="other"),
    Case("st-config-missing", "No sentence-transformers model found with name /srv/models/e5-mistral. Creating a new "
         "one with mean pooling.\nTraceback (most recent call last):\n  File \"embed.py\", line 9, in <module>\n"
         "ValueError: Prompt name 'passage' not found in the configured prompts dictionary with keys [].",
         "an old local copy without config_sentence_transformers.json", fix="download_missing_files"),
]
NEGATIVE += [
    Case("st-plain-transformers-model", "No sentence-transformers model found with name ./ckpt. Creating a new one "
         "with mean pooling.\nOSError: ./ckpt does not appear to have a file named config.json.",
         "an error follows: the error decides"),
    Case("st-config-missing", "ValueError: Prompt name 'query' not found in the configured prompts dictionary with "
         "keys ['document', 'query_short'].", "the prompts exist: the name is the caller's"),
]

# Loaders other than transformers' own name a missing file in their words.
POSITIVE += [
    Case("loader-file-missing", "ValueError: Could not find model_optimized.onnx in /tmp/fastembed_cache/"
         "models--qdrant--bge-small-en-v1.5-onnx-q", "fastembed after the OS emptied its cache",
         fix="download_missing_files"),
    Case("ctranslate2-format-expected", "RuntimeError: Unable to open file 'model.bin' in model '/models/whisper-small'",
         "CTranslate2 on a transformers folder"),
    Case("loader-file-missing", "FileNotFoundError: Missing torch file: /opt/app/models/layout/model.pt",
         "a document pipeline's model folder"),
    Case("loader-file-missing", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/srv/ckpt/florence2-ft/modeling_florence2.py'", "a copied folder without the repo's code files"),
]
NEGATIVE += [
    Case("loader-file-missing", "OSError: Error no file named pytorch_model.bin, model.safetensors, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory ./out.", "transformers' own words"),
]

# A file missing from a huggingface_hub snapshot was never downloaded: the repo at that revision lacks it.
POSITIVE += [
    Case("snapshot-file-missing", "FileNotFoundError: [Errno 2] No such file or directory: '/home/u/.cache/"
         "huggingface/hub/models--acme--forecaster/snapshots/0123456789abcdef0123456789abcdef01234567/"
         "checkpoint.pth'", "a checkpoint the repo does not hold", fix="download_missing_files"),
]
NEGATIVE += [
    Case("snapshot-file-missing", "FileNotFoundError: [Errno 2] No such file or directory: '/home/u/.cache/torch/"
         "sentence_transformers/sbert.net_models_bert-base-nli/modules.json'", "an old cache filled by unzipping"),
]

POSITIVE += [
    Case("only-tf-or-flax-weights", "OSError: acme/sentiment-fr does not appear to have a file named pytorch_model.bin "
         "but there is a file for TensorFlow weights. Use `from_tf=True` to load this model from those weights.",
         "transformers 4.x, a TF-only repo", fix="other"),
]
NEGATIVE += [
    Case("only-tf-or-flax-weights", "OSError: acme/sentiment-fr does not appear to have a file named "
         "pytorch_model.bin, model.safetensors, tf_model.h5, model.ckpt or flax_model.msgpack.",
         "no weights of any framework"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("missing-weights", "ValueError: Can't find weights for ./lora-out in ./lora-out or in the Hugging Face Hub. "
         "Please check that the file adapter_model.bin is present at ./lora-out.", "peft 0.3-0.10",
         fix="download_missing_files"),
    Case("missing-weights", "ValueError: adapter model file not found in ybelkada/opt-350m-lora. Make sure you are "
         "passing the correct path to the adapter model.", "transformers' peft integration"),
    Case("missing-weights", "ValueError: ./ckpt is not a folder containing a `.index.json` file or a "
         "pytorch_model.bin or a model.safetensors file", "accelerate load_checkpoint_in_model"),
    Case("missing-weights", "ValueError: Unable to locate the file diffusion_pytorch_model.bin which is necessary to "
         "load this pretrained model. Make sure you have saved the model properly.", "diffusers 0.14"),
    Case("missing-weights", "OSError: /data/flux does not have a file named "
         "diffusion_pytorch_model-00002-of-00003.safetensors which is required according to the checkpoint index.",
         "diffusers sharded"),
    Case("missing-weights", "ValueError: Neither a state dict nor checkpoint files were found.", "transformers 5"),
    Case("missing-weights", "OSError: Error no file named model.safetensors, or model.safetensors.index.json found in "
         "directory ./m and thus cannot be loaded with `safetensors`. Please make sure that the model has been "
         "saved with `safe_serialization=True` or do not set `use_safetensors=True`.", "use_safetensors=True"),
    Case("variant-files-missing", "OSError: Could not find the necessary `safetensors` weights in {'unet/diffusion_"
         "pytorch_model.safetensors', 'vae/diffusion_pytorch_model.safetensors'} (variant=fp16)", "diffusers 0.25"),
]
NEGATIVE += [
    Case("missing-weights", "ValueError: Unrecognized processing class in the pipeline call", "no files sentence"),
    Case("missing-weights", "ValueError: Neither a dataset nor a data collator was passed", "training"),
    Case("variant-files-missing", "OSError: Could not find the necessary `safetensors` weights in "
         "{'unet/diffusion_pytorch_model.safetensors'}", "no variant: a plain missing file"),
]

POSITIVE += [
    Case("missing-weights", "huggingface_hub.errors.IncompleteSnapshotError: The cached snapshot for 'Qwen/Qwen3-8B' "
         "(revision 'main', commit 9c925d6) is incomplete: 2 file(s) are missing (model-00004-of-00005.safetensors, "
         "model-00005-of-00005.safetensors). Re-run the download with network access to complete the snapshot.",
         "huggingface_hub 2.x"),
    Case("corrupted-weights", "ValueError: The state dictionary of the model you are trying to load is corrupted. "
         "Are you sure it was properly saved?", "transformers 4.20"),
]
NEGATIVE += [
    Case("corrupted-weights", "ValueError: The state dictionary was saved", "nothing corrupted"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("engine-weights-missing", "ValueError: No model file found in repo 'TheBloke/Llama-2-7B-GPTQ'", "ctransformers",
         fix="download_missing_files"),
    Case("gguf-files-missing", "ValueError: No file found in Qwen/Qwen2-7B-Instruct-GGUF that match *q4_k_m.gguf\n\n"
         "Available Files:\n[\"qwen2-7b-instruct-q8_0.gguf\"]", "llama-cpp-python Llama.from_pretrained"),
    Case("engine-weights-missing", "RuntimeError: Cannot find any safetensors model weights with `/models/llama`",
         "vLLM runai streamer"),
    Case("engine-weights-missing", "FileNotFoundError: Could not find any ONNX model file in ./onnx-out", "optimum ORT"),
    Case("library-name-without-weights", "RuntimeError: No pretrained weights exist for vit_huge_patch14_clip_224. Use "
         "`pretrained=False` for random init.", "timm"),
    Case("corrupted-weights", "RuntimeError: Model has been downloaded but the SHA256 checksum does not not match",
         "open_clip", fix="force_download"),
    Case("corrupted-weights", "RuntimeError: storage has wrong byte size: expected 16777216 got 4194304",
         "torch.load, a .bin cut short"),
]
NEGATIVE += [
    Case("missing-weights", "ValueError: No model file is needed for this pipeline", "nothing missing"),
    Case("corrupted-weights", "ValueError: SHA256 checksum matches", "nothing corrupted"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("engine-weights-missing", "ValueError: Could not locate safetensors weight or index file from "
         "neuralmagic/Llama-3.2-1B-FP8.", "compressed-tensors", fix="download_missing_files"),
    Case("engine-weights-missing", "ValueError: ## No .safetensors files found in /models/llama-exl2", "exllamav2"),
    Case("engine-weights-missing", "ValueError: Cannot find any model weight files. Please check your (cached) weight path: "
         "/models/vicuna-7b", "FastChat compression"),
    Case("corrupted-weights", "ValueError: GGUF magic invalid", "gguf-py on a file that is no GGUF",
         fix="force_download"),
]
NEGATIVE += [
    Case("missing-weights", "ValueError: No safetensors weights found for model /data/falcon at revision None.",
         "TGI's own sentence: its own rule"),
    Case("corrupted-weights", "ValueError: GGUF magic number written", "a writer"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("engine-weights-missing", "ValueError: File model.safetensors does not exist in model openai/whisper-large-v3",
         "CTranslate2 converter", fix="download_missing_files"),
    Case("engine-weights-missing", "FileNotFoundError: Model file does not exist: /home/me/.cache/gpt4all/"
         "orca-mini-3b.gguf", "gpt4all"),
    Case("loader-file-missing", "ValueError: [!] Model file not found in the output path", "Coqui TTS"),
    Case("corrupted-weights", "ValueError: Expected file size of 4108927744 bytes, got 1230000000", "gpt4all",
         fix="force_download"),
    Case("config-json-invalid", "OSError: Config file<'config.json'> is not a valid JSON file.", "PaddleNLP"),
]
NEGATIVE += [
    Case("missing-weights", "ValueError: Model file does exist", "nothing missing"),
]

# Wordings of the releases between those read before (transformers 2.2-5.18, huggingface_hub 0.0.19-1.10,
# diffusers 0.5-0.24).
POSITIVE += [
    Case("variant-files-missing", "OSError: Could not found the necessary `safetensors` weights in "
         "{'unet/diffusion_pytorch_model.safetensors'} (variant=fp16)", "diffusers 0.24 spelling"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("engine-weights-missing", "FileNotFoundError: No local weights found in /data/llama with extension .safetensors",
         "TGI", fix="download_missing_files"),
]

# A training framework's own check of an adapter folder.
POSITIVE += [
    Case("loader-file-missing", "AssertionError: Provided path (/ckpt/sft-run) does not contain a LoRA weight.",
         "LLaMA-Factory 0.x"),
    Case("loader-file-missing", "ValueError: The checkpoint folder does not contain any adapter weights",
         "adapter weights"),
]
NEGATIVE += [
    Case("missing-weights", "ValueError: The LoRA config does not contain a target module list", "a config field"),
]

# An adapter repo or folder loaded with a transformers Auto class: no config.json, and a name that says adapter.
POSITIVE += [
    Case("adapter-repo-as-model", "OSError: someone/llama2-7b-qlora-chat does not appear to have a file named "
         "config.json. Checkout 'https://huggingface.co/someone/llama2-7b-qlora-chat/tree/main' for available files.",
         "transformers 4.3x, a QLoRA adapter repo", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("adapter-repo-as-model", "OSError: ./runs/mistral-lora-adapter does not appear to have a file named "
         "config.json.", "a local adapter folder: config-file-missing says what the folder lacks"),
    Case("adapter-repo-as-model", "OSError: org/flora-7b does not appear to have a file named config.json.",
         "'lora' inside another word"),
    Case("adapter-repo-as-model", "OSError: someone/llama-lora does not appear to have a file named "
         "pytorch_model.bin.", "a weights file, not config.json"),
]


# transformers 2.x-4.1x read the config before the weights: "Can't load weights" means the repo was found.
POSITIVE += [
    Case("weights-missing-after-config", "OSError: Can't load weights for 'someone/bert-base-xx'. Make sure that:\n\n"
         "- 'someone/bert-base-xx' is a correct model identifier listed on 'https://huggingface.co/models'\n\n"
         "- or 'someone/bert-base-xx' is the correct path to a directory containing a file named one of tf_model.h5, "
         "pytorch_model.bin.", "transformers 3.x, a TF class on a PyTorch-only repo", fix="other"),
]
NEGATIVE += [
    Case("weights-missing-after-config", "OSError: Can't load config for 'someone/bert-base-xx'. Make sure that:\n\n"
         "- 'someone/bert-base-xx' is a correct model identifier listed on 'https://huggingface.co/models'",
         "the config itself: the id may be wrong"),
]

# CTranslate2 front-ends given a transformers checkpoint.
POSITIVE += [
    Case("ctranslate2-format-expected", "RuntimeError: Unable to open file 'model.bin' in model "
         "'/root/.cache/huggingface/hub/models--org--whisper-small-xx/snapshots/0123abcd'", "faster-whisper 1.x",
         fix="fix_identifier"),
]
NEGATIVE += [
    Case("ctranslate2-format-expected", "RuntimeError: Unable to open file 'vocabulary.json' in model '/models/x'",
         "another file of a conversion: loader-file-missing"),
]


# "Can't load weights for" cut to its last line: only that sentence lists weight files.
POSITIVE += [
    Case("weights-missing-after-config", "- or 'someone/bert-base-xx' is the correct path to a directory containing a "
         "file named one of tf_model.h5, pytorch_model.bin.", "last line", fix="other"),
]
NEGATIVE += [
    Case("weights-missing-after-config", "- or 'someone/bert-base-xx' is the correct path to a directory containing a "
         "config.json file", "the config sentence"),
]

POSITIVE += [
    Case("missing-weights", "Error: Weight files referenced in index but missing:\n  {'/models/x/model-00003-of-00004"
         ".safetensors'}", "a loader's own index check"),
]

POSITIVE += [
    Case("engine-weights-missing", "onnxruntime.capi.onnxruntime_pybind11_state.NoSuchFile: [ONNXRuntimeError] : 3 : "
         "NO_SUCHFILE : Load model from /models/sd-onnx/unet/model.onnx failed:Load model /models/sd-onnx/unet/model"
         ".onnx failed. File doesn't exist", "onnxruntime, an exported pipeline without the file"),
]

# a loader's own check that names the missing weight file or format
POSITIVE += [
    Case("missing-weights", "safety_checker/model.safetensors not found", "diffusers with use_safetensors=True"),
    Case("engine-weights-missing", "ValueError: Model org/small-lm does not have SafeTensors files.", "a training repo's check"),
]
NEGATIVE += [
    Case("missing-weights", "config.json not found", "a config, not weights"),
    Case("missing-weights", "model.safetensors loaded in 3.2s", "found"),
]

# a single-file checkpoint, or an original format's files, absent from the folder the code reads
POSITIVE += [
    Case("missing-weights", 'FileNotFoundError: No such file or directory: "checkpoints/sd_xl_base_1.0.safetensors"',
         "a demo that does not download its checkpoint", fix="download_missing_files"),
    Case("missing-weights", "FileNotFoundError: [Errno 2] No such file or directory: 'models/Mixtral-8x7b/params.json'",
         "mistral_inference's own format"),
]
NEGATIVE += [
    Case("missing-weights", "FileNotFoundError: [Errno 2] No such file or directory: 'data/train.json'", "a dataset"),
]

# llama.cpp on a truncated GGUF
POSITIVE += [
    Case("corrupted-weights", "llama_model_load: error loading model: tensor 'blk.2.ffn_down.weight' data is not within "
         "the file bounds, model is corrupted or incomplete", "llama.cpp", fix="force_download"),
]
NEGATIVE += [
    Case("corrupted-weights", "llama_model_load: error loading model: unknown model architecture: 'qwen9'",
         "an architecture, not the file"),
]

# The safetensors crate's error names, as Rust loaders print them
POSITIVE += [
    Case("corrupted-weights", "Error: SafetensorError(InvalidHeaderDeserialization)", "candle, a header that is no JSON",
         fix="force_download"),
    Case("corrupted-weights", 'Error: cannot open "model.safetensors": SafeTensorError::InvalidHeader',
         "the crate's enum, a header that is no UTF-8"),
]
NEGATIVE += [
    Case("corrupted-weights", "requests.exceptions.InvalidHeader: Invalid leading whitespace, reserved character(s), "
         "or return character(s) in header value: 'Bearer hf_xxx\\n'", "an HTTP header, not a file"),
]

# llama.cpp's loader on a GGUF whose metadata lacks a key or token: a failed C++ map lookup, in each standard library's words
POSITIVE += [
    Case("gguf-conversion-broken", "llama_model_load: error loading model: invalid unordered_map<K, T> key\n"
         "llama_load_model_from_file: failed to load model", "llama.cpp on Windows (MSVC)", fix="other"),
    Case("gguf-conversion-broken", "libc++abi: terminating due to uncaught exception of type std::out_of_range: "
         "unordered_map::at: key not found", "llama.cpp on macOS (libc++)"),
    Case("gguf-conversion-broken", "terminate called after throwing an instance of 'std::out_of_range'\n  what():  "
         "_Map_base::at\nAborted (core dumped)", "llama.cpp on Linux (libstdc++)"),
]
NEGATIVE += [
    Case("gguf-conversion-broken", "terminate called after throwing an instance of 'std::out_of_range'\n  what():  "
         "vector::_M_range_check: __n (which is 5) >= this->size() (which is 5)", "another container's bounds check"),
    Case("gguf-conversion-broken", "KeyError: 'model.layers.0.attention.wo.weight'", "the converter's own KeyError"),
]

# LM Studio's downloader on a repo without GGUF files
POSITIVE += [
    Case("gguf-files-missing", '{"error": {"type": "model_not_found", "message": "No compatible download options found '
         'for hugging face URL https://huggingface.co/acme/tiny-lm"}}', "LM Studio's REST API", fix="fix_identifier"),
]
NEGATIVE += [
    Case("gguf-files-missing", '{"error": {"type": "model_not_found", "message": "Model acme/tiny-lm not found"}}',
         "a model name the server does not serve"),
]

# transformers' last sentence alone, and its TensorFlow-checkpoint wording
POSITIVE += [
    Case("missing-weights", "Checkout 'https://huggingface.co/org/m/tree/main' for available files.",
         "the message's last sentence alone", fix="download_missing_files"),
    Case("only-tf-or-flax-weights", "OSError: We found a TensorFlow checkpoint at ./bert_tf_ckpt, please set from_tf to "
         "True to load from this checkpoint.", "a TF checkpoint folder"),
]


# batch31's classes: git-lfs's and CTranslate2's words for a cut file, ONNX external data, a path below a snapshot
POSITIVE += [
    Case("corrupted-weights", "Error downloading object: model.safetensors (a1b2c3d): Smudge error: Error downloading "
         "model.safetensors: expected OID aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, got bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb after 1048576 bytes written", "git-lfs's checksum",
         fix="force_download"),
    Case("corrupted-weights", "RuntimeError: File model.bin is incomplete: failed to read a value of size 8 at position "
         "1024", "CTranslate2"),
    Case("onnx-external-data-missing", "Error: Failed to load external data file \"onnx/model.onnx_data\", error: "
         "Unknown error occurred in memory copy.", "a browser loader", fix="download_missing_files"),
    Case("onnx-external-data-missing", "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : "
         "FAIL : Load model from /m/onnx/model.onnx failed: /m/onnx/model.onnx_data: No such file or directory",
         "ONNX Runtime in Python"),
    Case("snapshot-file-missing", "OSError: Can't load the model for '/home/u/.cache/huggingface/hub/models--org--m/"
         "snapshots/0123456789abcdef0123456789abcdef01234567/vae'. If you were trying to load it from 'https://huggingface.co/models', make sure you don't "
         "have a local directory with the same name.", "a subfolder the snapshot lacks", fix="download_missing_files"),
]
NEGATIVE += [
    Case("onnx-external-data-missing", "INFO: Exported external data to model.onnx_data", "an export's log line"),
    Case("snapshot-file-missing", "FileNotFoundError: could not find '/home/u/.cache/huggingface/hub/models--org--m/"
         "snapshots/0123456789abcdef0123456789abcdef01234567/modeling_x.py' (not found)", "a code file of the snapshot"),
]


# vLLM's check of a file's size against the index
POSITIVE += [
    Case("corrupted-weights", "RuntimeError: The file size different is more than 1%:\n - model-00001-of-00002"
         ".safetensors: 4943162240\n - model-00001-of-00002.safetensors: 1048576", "vLLM's size check"),
]


# the GGML magics printed as a number
POSITIVE += [
    Case("ggml-file-for-gguf-loader", "gguf_init_from_file: invalid magic number 67676d6c\nerror loading model: "
         "llama_model_loader: failed to load model from ./ggml-model-f16.bin", "ggml magic as a number"),
]


# another reader's words for a safetensors header that does not parse
POSITIVE += [
    Case("corrupted-weights", "Error: Failed to parse file diffusion_pytorch_model.safetensors: safetensors header is "
         "malformed.", "an app's parser", fix="force_download"),
]


# A diffusers folder without its component config; vLLM's LoRA loader on a folder without an adapter; onnx.load on a
# cut file.
POSITIVE += [
    Case("local-folder-incomplete", "OSError: models\\sd15 is not the path to a directory containing a "
         "scheduler_config.json file.", "diffusers on a relative Windows folder"),
    Case("not-a-peft-adapter", "ValueError: Loading lora sql-lora failed: No adapter found for /data/out/checkpoint-100",
         "vLLM add_lora"),
    Case("corrupted-weights", '  File "/venv/onnx/__init__.py", line 158, in load_model_from_string\n'
         "    return _deserialize(s, ModelProto())\ngoogle.protobuf.message.DecodeError: Error parsing message",
         "onnx.load on a cut file", fix="force_download"),
]
NEGATIVE += [
    Case("not-a-peft-adapter", "No adapter found for this request, using the base model", "a serving log line"),
    Case("corrupted-weights", "google.protobuf.message.DecodeError: Error parsing message with type 'Request'",
         "an RPC message, not a model file"),
]


# A pickle reader on a file of another format: the byte it stopped at says which (failure.unpickle_byte); 'v' of a Git
# LFS pointer and '<' of an HTML page stay broken downloads.
POSITIVE += [
    Case("file-not-a-pickle", "_pickle.UnpicklingError: Weights only load failed. Re-running `torch.load` with "
         "`weights_only` set to `False` will likely succeed.\nPlease file an issue with the following so that we can "
         "make `weights_only=True` compatible with your use case: WeightsUnpickler error: Unsupported operand 149",
         "a binary file of another format", fix="other"),
    Case("file-not-a-pickle", "  File \"/venv/torch/serialization.py\", line 1600, in _legacy_load\n"
         "    magic_number = pickle_module.load(f, **pickle_load_args)\n_pickle.UnpicklingError: invalid load key, "
         "'\\xa3'.", "pickle's escaped byte"),
    Case("corrupted-weights", "_pickle.UnpicklingError: invalid load key, '<'.", "an HTML page saved as the file",
         fix="force_download"),
]
NEGATIVE += [
    Case("file-not-a-pickle", REF_06G, "06g: 118 is the 'v' of a Git LFS pointer"),
    Case("file-not-a-pickle", "_pickle.UnpicklingError: invalid load key, 'v'.", "a pointer, pickle's words"),
]


def _pickle_error_text(path: Path) -> str:
    """What torch.load really raises for ``path`` (weights_only, the default since torch 2.6), as a paste shows it."""
    torch = pytest.importorskip("torch")
    with pytest.raises(pickle.UnpicklingError) as raised:
        torch.load(path, weights_only=True)
    return "".join(traceback.format_exception(raised.value))


def test_torch_load_on_a_json_file_reads_as_another_format(tmp_path: Path) -> None:
    """torch.load on a config file (a real call): '{' (123) starts no pickle and no pointer; no re-download helps."""
    config = tmp_path / "config.json"
    config.write_text('{"model_type": "llama", "hidden_size": 8}', encoding="utf-8")
    text = _pickle_error_text(config)
    assert "Unsupported operand 123" in text
    result = explain(text)
    assert (result.rule, result.category, result.fix) == ("file-not-a-pickle", "other", "other")
    assert "byte 123" in result.explanation
    assert [a.category for a in result.alternatives] == ["corrupted_or_incomplete_download"]


def test_torch_load_on_a_git_lfs_pointer_stays_a_broken_download(tmp_path: Path) -> None:
    """The same call on a Git LFS pointer (a real call): 'v' (118) is the pointer's first byte."""
    pointer = tmp_path / "pytorch_model.bin"
    pointer.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:" + "0" * 64 + "\nsize 4096\n",
                       encoding="utf-8")
    result = explain(_pickle_error_text(pointer))
    assert (result.rule, result.category, result.fix) == ("corrupted-weights", "corrupted_or_incomplete_download",
                                                          "force_download")

# mlx-lm's and mlx-transformers' words for a repo without safetensors weights
POSITIVE += [
    Case("engine-weights-missing", "FileNotFoundError: No safetensors found in /Users/ana/mlx_model", "mlx-lm"),
    Case("engine-weights-missing", "ValueError: No safe tensor files found for this model", "mlx-transformers"),
]
NEGATIVE += [
    Case("missing-weights", "INFO: found 4 safetensors files in /Users/ana/mlx_model", "a listing"),
    # the cache's ref file missing: the repo was never fetched into this cache (offline-not-cached, this one its
    # alternative)
    Case("cache-download-interrupted", "FileNotFoundError: [Errno 2] No such file or directory: '/home/u/.cache/"
         "huggingface/hub/models--org--m/refs/main'", "the ref file, not a file of the snapshot"),
]

# A path given where a library takes its own tags, and it is not there (failure.listed_name_kind); PaddleNLP's and
# torch.jit's words for a missing weights file; an archive checkpoint cut short
POSITIVE += [
    Case("library-model-file-missing", "RuntimeError: Pretrained weights (C:\\\\models\\\\clip\\\\ViT-B-32.safetensors) not found "
         "for model ViT-B-32. Available pretrained tags (['openai', 'laion2b_s34b_b79k'].", "open_clip, a Windows path",
         fix="fix_identifier"),
    Case("loader-file-missing", "OSError: Does not appear one of the ['https://bj.bcebos.com/paddlenlp/models/transformers/"
         "ernie/ernie-3.0-base-zh.pdparams'] in ernie-3.0-base-zh.", "PaddleNLP"),
    Case("loader-file-missing", "ValueError: The provided filename pretrained_models/tts/hift.jit.zip does not exist",
         "torch.jit.load"),
    Case("corrupted-weights", "    with tarfile.open(path, 'r:gz') as tar:\ntarfile.ReadError: not a gzip file",
         "a .nemo archive", fix="force_download"),
]
NEGATIVE += [
    Case("library-model-file-missing", "RuntimeError: Pretrained weights (laion2b_s99k) not found for model ViT-B-32. "
         "Available pretrained tags (['openai', 'laion2b_s34b_b79k'].", "a tag, not a path"),
]

# A snapshot folder itself loaded as the model, without the file asked for (failure.cache_snapshot_folder)
POSITIVE += [
    Case("snapshot-file-missing", "OSError: Can't load feature extractor for '/home/u/.cache/huggingface/hub/"
         "models--org--speech/snapshots/0123456789abcdef0123456789abcdef01234567'. If you were trying to load it from "
         "'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "a snapshot folder", fix="download_missing_files"),
]
NEGATIVE += [
    Case("snapshot-file-missing", "OSError: Can't load feature extractor for 'org/speech'. If you were trying to load it "
         "from 'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "a repo id"),
]


# torch.hub's hash check; an app's own words for a model missing from its folder
POSITIVE += [
    Case("corrupted-weights", 'RuntimeError: invalid hash value (expected "5b3ef9a1", got "0d2c1e")', "torch.hub",
         fix="force_download"),
    Case("loader-file-missing", "Local model not found at D:\\\\ComfyUI\\\\models\\\\LLM\\\\Qwen2-VL-2B. Please download the model and place "
         "it in the ComfyUI/models/LLM folder.", "an app's models folder"),
]


# ONNX Runtime's and sentencepiece's words for a file they cannot parse (Llama 3's tokenizer.model is another format:
# sentencepiece-class-on-tiktoken-repo); TF weights asked of a PyTorch-only repo; a vision tower's folder not there
POSITIVE += [
    Case("corrupted-weights", "onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
         "INVALID_PROTOBUF : Load model from /models/buffalo_l/det_10g.onnx failed", "ONNX Runtime's code",
         fix="force_download"),
    Case("corrupted-weights", "RuntimeError: Internal: could not parse ModelProto from /data/qwen-vl/qwen.tiktoken.model",
         "sentencepiece on a broken file"),
    Case("missing-weights", "OSError: Unable to load weights from h5 file. If you tried to load a TF 2.0 model from a "
         "PyTorch checkpoint, please set from_pt=True.", "TF weights asked of a PyTorch repo"),
    Case("loader-file-missing", "ValueError: Not find vision tower: ./checkpoints/siglip-so400m-patch14-384", "MGM"),
    Case("loader-file-missing", "Exception: ClipVision model not found.", "ComfyUI"),
]
NEGATIVE += [
    Case("corrupted-weights", "RuntimeError: Internal: could not parse ModelProto from "
         "/models/Meta-Llama-3.1-8B/original/tokenizer.model", "Llama 3's tiktoken file"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("corrupted-weights", "The safetensors file is incomplete. Check the file size and make sure you have "
         "copied/downloaded it correctly.", "safetensors, head cut"),
    Case("corrupted-weights", "If you tried to load a PyTorch model from a TF 2.0 checkpoint, please\nset from_tf=True.",
         "transformers 4.x, wrapped"),
    Case("corrupted-weights", "If the issue persists, please let us know by opening an issue on "
         "https://github.com/huggingface/huggingface_hub.", "huggingface_hub consistency check, last line"),
]

NEGATIVE += [
    # the same sentence closes other huggingface_hub messages: with their head, those answer
    Case("corrupted-weights", "OSError: [Errno 28] No space left on device\nIf the issue persists, please let us know by "
         "opening an issue on https://github.com/huggingface/huggingface_hub.", "disk full"),
]


# A library that has no weights for the name: it warns and builds a randomly initialized model (timm, doctr).
POSITIVE += [
    Case("library-model-without-weights", "In [3]: m = timm.create_model('resnet101', pretrained=True)\nPretrained model "
         "URL is invalid, using random initialization.", "timm 0.3", fix="fix_identifier"),
    Case("library-model-without-weights", "WARNING:timm.models.helpers:No pretrained weights exist or were found for this "
         "model. Using random initialization.", "timm 0.6"),
]

NEGATIVE += [
    # a checkpoint that loaded with some weights newly initialized is no missing weights file
    Case("library-model-without-weights", "Some weights of BertForSequenceClassification were not initialized from the "
         "model checkpoint at bert-base-uncased and are newly initialized: ['classifier.bias', 'classifier.weight']",
         "transformers' newly initialized head"),
]


POSITIVE += [
    Case("corrupted-weights", "RuntimeError: storage has wrong size: expected 0 got 768", "torch 1.x, a broken .bin"),
]


POSITIVE += [
    Case("corrupted-weights", "urllib.error.ContentTooShortError: <urlopen error retrieval incomplete: got only 31204512 "
         "out of 83152330 bytes>", "urllib, a download cut short", fix="force_download"),
]


# Cut at a log viewer's width, mid-word.
POSITIVE += [
    Case("corrupted-weights", "RuntimeError: [enforce fail at inline_container.cc:145] . PytorchStreamReader fa",
         "torch, cut at 80 columns"),
    Case("corrupted-weights", "[2024-02-18 11:39:04,901]::[InvokeAI]::ERROR --> Error while deserializing heade",
         "InvokeAI log, cut at 80 columns"),
]


# a code file a checkpoint's auto_map names, not in the folder or the cache
POSITIVE += [
    Case("remote-code-file-missing", "Could not locate the configuration_minicpm_reranker.py inside "
         "BAAI/bge-reranker-v2-minicpm-layerwise.", "transformers' log line before the OSError"),
    Case("remote-code-file-missing", "OSError: ./chatglm-local does not appear to have a file named "
         "modeling_chatglm.py. Checkout 'https://huggingface.co/./chatglm-local/tree/None' for available files.",
         "a local copy without its .py files"),
]
NEGATIVE += [
    Case("remote-code-file-missing", "Could not locate the modeling_x.py inside org/x.\nOSError: We couldn't "
         "connect to 'https://huggingface.co' to load this file, couldn't find it in the cached files",
         "the network is the cause"),
    Case("remote-code-file-missing", "OSError: org/x does not appear to have a file named model.safetensors.",
         "a weight file"),
]

# session 17 (batch62): a weights file in no known format (LFS pointer, HTML page); a single-file checkpoint where a
# config was expected; the dynamic-module cache is no download
POSITIVE += [
    Case("weights-file-unknown-format", '  File "/root/github/llama.cpp/convert.py", line 888, in lazy_load_file\n'
         '    raise ValueError(f"unknown format: {path}")\nValueError: unknown format: '
         "models/open_llama_13b/pytorch_model-00001-of-00003.bin", "llama.cpp convert.py, LFS pointer",
         fix="force_download"),
    Case("weights-file-unknown-format", "[INFO]  stable-diffusion.cpp:3667 - loading model from "
         "'v2-1_768-nonema-pruned.safetensors'\n[WARN]  model.cpp:624  - unknown format "
         "v2-1_768-nonema-pruned.safetensors\n[ERROR] stable-diffusion.cpp:3671 - init model loader from file failed: "
         "'v2-1_768-nonema-pruned.safetensors'", "stable-diffusion.cpp, HTML page", fix="force_download"),
    Case("weights-file-as-config-path", "OSError: It looks like the config file at 'X:\\test\\dreamshaper_8.safetensors' "
         "is not a valid JSON file.", "AutoPipeline on a single-file checkpoint", fix="update_calling_code"),
    Case("config-path-not-json", "OSError: It looks like the config file at './models/vocab.txt' is not a valid JSON "
         "file.", "another file than a weights file", fix="fix_identifier"),
]
NEGATIVE += [
    Case("weights-file-unknown-format", "ValueError: Unknown format code 'd' for object of type 'float'",
         "a format() string, no file"),
    # the dynamic-module cache holds the repo's code, copied at import: not a download cut short
    Case("cache-download-interrupted", "Server error: 500 - [address=0.0.0.0:36855, pid=3095326] [Errno 2] No such "
         "file or directory: '/home/ps/.cache/huggingface/modules/transformers_modules/MiniCPM-o-2_6/"
         "image_processing_minicpmv.py'", "transformers_modules"),
]

# one checkpoint file without its text encoders or VAE
POSITIVE += [
    Case("single-file-component-missing", "AssertionError: You do not have CLIP state dict!", "Forge, Flux"),
    Case("single-file-component-missing", "diffusers.loaders.single_file_utils.SingleFileComponentError: Failed to "
         "load T5EncoderModel. Weights for this component appear to be missing in the checkpoint.", "diffusers"),
    Case("single-file-component-missing", "!!! Exception during processing !!! CLIPTextEncode 'NoneType' object has "
         "no attribute 'tokenize'", "ComfyUI, a UNet-only file in Load Checkpoint"),
]
NEGATIVE += [
    Case("single-file-component-missing", "AttributeError: 'NoneType' object has no attribute 'tokenize'",
         "a tokenizer class that is None (sentencepiece missing)"),
]

# transformers.js on a Git LFS pointer
POSITIVE += [
    Case("corrupted-weights", "Error: Could not locate file: onnx/encoder_model.onnx\nError: Failed to load model "
         "because protobuf parsing failed.", "transformers.js, a clone without git lfs"),
]


# FunASR's AutoModel found no registered class for the folder given
POSITIVE += [
    Case("funasr-model-not-registered", "  File \"funasr/auto/auto_model.py\", line 262, in build_model\n"
         "AssertionError: /data/models/iic/paraformer-zh is not registered", "a folder without config.yaml",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("funasr-model-not-registered", "KeyError: 'MyHead is not in the models registry'", "another registry"),
]

# A weights file read as text where a model folder (or its config) belongs: the texts of transformers 2.x-4.x, which
# let the UnicodeDecodeError through (5.x wraps it: config-path-not-json); the tests below make it for real
POSITIVE += [
    Case("weights-file-read-as-text", """  File "/env/lib/python3.6/site-packages/transformers/configuration_utils.py", line 186, in from_json_file
    text = reader.read()
UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 64: invalid start byte""", "transformers 3, a .bin",
         fix="fix_identifier"),
    Case("weights-file-read-as-text", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x89 in position 0: invalid "
         "start byte", "a Keras .h5 file"),
]
NEGATIVE += [
    Case("weights-file-read-as-text", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid "
         "start byte", "a UTF-16 file"),
    Case("weights-file-read-as-text", """  File "/env/lib/python3.6/site-packages/pytorch_pretrained_bert/tokenization.py", line 56, in load_vocab
    token = reader.readline()
UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte""", "a tokenizer file"),
]


@pytest.mark.parametrize("zipped", [True, False], ids=["zip format", "legacy format"])
def test_a_torch_checkpoint_read_as_a_config_is_a_weights_file_passed_as_the_model(tmp_path: Path, zipped: bool) -> None:
    """A real checkpoint read as config.json text, as transformers 2.x-4.x did with the path given: the pickle's first
    byte (0x80) sits at 64 in torch's zip format and at 0 in the legacy one."""
    torch = pytest.importorskip("torch")
    weights = tmp_path / "pytorch_model.bin"
    torch.save({"w": torch.zeros(2)}, weights, _use_new_zipfile_serialization=zipped)
    with pytest.raises(UnicodeDecodeError) as raised:
        weights.read_text(encoding="utf-8")
    text = "".join(traceback.format_exception(raised.value))
    assert f"byte 0x80 in position {64 if zipped else 0}" in text
    result = explain(text)
    assert (result.rule, result.category, result.fix) == ("weights-file-read-as-text", "other", "fix_identifier")

# a tiktoken vocabulary file that is not one (a pointer, a proxy's HTML page, a cut download) in its cache
POSITIVE += [
    Case("tiktoken-bpe-file-broken", """  File "/env/lib/python3.10/site-packages/tiktoken/load.py", line 117, in load_tiktoken_bpe
    for token, rank in (line.split() for line in contents.splitlines() if line)
ValueError: not enough values to unpack (expected 2, got 1)""", "tiktoken 0.3", fix="force_download"),
]
NEGATIVE += [
    Case("tiktoken-bpe-file-broken", "ValueError: not enough values to unpack (expected 2, got 1)", "any unpacking"),
]

# other loaders' words for a model file that is not where they look: AUTOMATIC1111's webui, whisper.cpp, TensorFlow
POSITIVE += [
    Case("loader-file-missing", "No checkpoints found. When searching for checkpoints, looked at:\n - file "
         "/content/stable-diffusion-webui/model.ckpt\n - directory /content/stable-diffusion-webui/models/Stable-"
         "diffusion\nCan't run without a checkpoint. Find and place a .ckpt or .safetensors file into any of those "
         "locations. The program will exit.", "AUTOMATIC1111 webui", fix="download_missing_files"),
    Case("loader-file-missing", "whisper_model_load: loading model from 'models/ggml-base.en.bin'\nwhisper_model_load: "
         "failed to open 'models/ggml-base.en.bin'\nwhisper_init: failed to load model", "whisper.cpp"),
    Case("loader-file-missing", "ValueError: The passed save_path is not a valid checkpoint: /opt/app/models/"
         "pretrained/resnet_v1_50.ckpt", "TensorFlow Saver.restore"),
]

# a 404 on an ONNX file of a repo that exists: the file is what is missing
POSITIVE += [
    Case("missing-weights", "httpx.HTTPStatusError: Client error '404 Not Found' for url 'https://huggingface.co/acme/"
         "tts/resolve/main/model/kokoro-v1.1-zh.onnx'", "an ONNX file the repo lacks"),
]

# batch77: the checkpoint's code in the modules cache is a web page (a proxy's or mirror's, or one saved from a browser)
POSITIVE += [
    Case("downloaded-file-is-web-page", "  File \"/home/u/.cache/huggingface/modules/transformers_modules/chatglm-6b/"
         "tokenization_chatglm.py\", line 1\n    <!DOCTYPE html>\n    ^\nSyntaxError: invalid syntax",
         "a plain traceback", fix="force_download"),
    Case("downloaded-file-is-web-page", "│ /root/.cache/huggingface/modules/transformers_modules/glm/modeling_glm.py:1 │\n"
         "│ <html lang=\"en\">                                                            │\nSyntaxError: invalid "
         "syntax", "rich's box"),
]
NEGATIVE += [
    Case("downloaded-file-is-web-page", "Uncaught SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid "
         "JSON\n    at JSON.parse (<anonymous>)", "transformers.js reading a local page"),
    Case("downloaded-file-is-web-page", "  File \"/app/templates/render.py\", line 3\n    <html>\n    ^\nSyntaxError: "
         "invalid syntax", "an app's own file"),
]


# A serving, quantization or export engine found no weights of the format it reads (not transformers' own lookup).
POSITIVE += [
    Case("engine-weights-missing", "RuntimeError: Cannot find any model weights with `/data/models/llama-3-8b`",
         "vLLM on a folder without weights", fix="download_missing_files"),
    Case("engine-weights-missing", "FileNotFoundError: No safetensors found in /Users/me/models/phi-3-mini",
         "mlx-lm", fix="download_missing_files"),
    Case("engine-weights-missing", "ValueError: No quantize_config.json, quant_config.json or config.json file was "
         "found in the model repository.", "AutoGPTQ's from_quantized (transformers' config.json lookup is not it)"),
    Case("engine-weights-missing", "RuntimeError: No local weights found in /data/hub/models--TheBloke--Mistral-7B-"
         "GPTQ/snapshots/0123456789abcdef0123456789abcdef01234567 with extension .safetensors",
         "TGI on a GPTQ repo's snapshot: the name says the format", fix="other"),
]
NEGATIVE += [
    Case("engine-weights-missing", "ValueError: File tokenizer.json does not exist in model openai/whisper-small",
         "a converter missing a tokenizer file: the tokenizer's rule"),
    Case("engine-weights-missing", "OSError: Error no file named pytorch_model.bin, model.safetensors, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory ./out.", "transformers' own lookup"),
]

# A library's registry lists no pretrained weights for the name (timm, open_clip): the name or tag is wrong.
POSITIVE += [
    Case("library-name-without-weights", "RuntimeError: No pretrained weights exist for vit_base_patch16_384. Use "
         "`pretrained=False` for random init.", "timm", fix="fix_identifier"),
    Case("library-name-without-weights", "RuntimeError: Pretrained weights were required for (model: ViT-B-32, "
         "pretrained: laion2b_s34b_b88k_typo) but not found.", "open_clip with a tag it does not list"),
]
NEGATIVE += [
    Case("library-name-without-weights", "UserWarning: No pretrained weights exist or were found for this model. "
         "Using random initialization.", "timm's warning: the load went on (library-model-without-weights)"),
]


# An app's node lists the model files its folder lacks; a 404 on an archive a repo should hold.
POSITIVE += [
    Case("loader-file-missing", "Model loading failed: Missing model files: ['model.pth', 'vae_128d_48k.pth'] in "
         "ComfyUI/models/foley", "a node's own check", fix="download_missing_files"),
    Case("missing-weights", "Starting download of https://huggingface.co/apple/coreml-stable-diffusion-2-1-base/resolve/"
         "main/coreml-stable-diffusion-2-1-base_original_compiled.zip\nHTTP response status code: 404",
         "an app's archive"),
]

# A model.bin CTranslate2 reads as an absurd format version is no CTranslate2 file at all.
POSITIVE += [
    Case("ctranslate2-format-expected", "RuntimeError: Unsupported model binary version. This executable supports models "
         "with binary version v6 or below, but the model has binary version v67324752. This usually means that the model "
         "was generated by a later version of CTranslate2.", "a PyTorch model.bin under faster-whisper"),
]

# A browser console's 404 names the file the repo lacks.
POSITIVE += [
    Case("missing-weights", "GET https://huggingface.co/Xenova/tiny-model/resolve/main/onnx/model_quantized.onnx 404 "
         "(Not Found)", "transformers.js in a browser"),
]

# An engine names a transformers-style tensor its shards lack; an app's check of a GGUF's first bytes.
POSITIVE += [
    Case("serving-weight-missing", "The Engine Exited While Loading : `missing model.layers.31.mlp.down_proj.weight`",
         "a download stopped before the last shards", fix="download_missing_files"),
    Case("corrupted-weights", "Failed to create data: java.lang.IllegalArgumentException: File is not in GGUF format",
         "an Android app on a half-downloaded file"),
]
NEGATIVE += [
    Case("serving-weight-missing", "ValueError: Cannot instantiate value: missing 'model.layers.0.mlp.weight' in config.",
         "a processor's config key, not a tensor"),
]

# InsightFace's model packs; the Hub cache's links and its temporary downloads.
POSITIVE += [
    Case("face-model-pack-incomplete", "  File \"/venv/lib/python3.10/site-packages/insightface/app/face_analysis.py\","
         " line 43, in __init__\n    assert 'detection' in self.models\nAssertionError", "antelopev2 zip not extracted",
         fix="other"),
    Case("face-model-pack-incomplete", "AssertionError: model_file D:\\Deep-Live-Cam\\models\\inswapper_128_fp16.onnx "
         "should exist", "the file under another name"),
    Case("cache-blob-missing", "FileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/huggingface/hub/"
         "models--acme--tiny/blobs/853ac1edd51009c46ce28e457a389ef69206b27e3b9734a43ae0644e766553ac'",
         "a cache cleaned by hand", fix="force_download"),
    Case("cache-incomplete-file-vanished", "    shutil.copyfile(src, dst)\nFileNotFoundError: [Errno 2] No such file or "
         "directory: '.cache/models--acme--tiny/blobs/853ac1edd51009c46ce28e457a389ef69206b27e3b9734a43ae0644e766553ac"
         ".incomplete'", "two workers downloading the same file", fix="retry_download"),
]
NEGATIVE += [
    Case("cache-blob-missing", "FileNotFoundError: [Errno 2] No such file or directory: '/data/models/tiny/"
         "model.safetensors'", "a folder of the user's"),
]

NEGATIVE += [
    Case("cache-incomplete-file-vanished", "FileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/"
         "huggingface/hub/models--acme--tiny/snapshots/0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ff/config.json'",
         "a completed file of a snapshot"),
    Case("face-model-pack-incomplete", "AssertionError: Torch not compiled with CUDA enabled", "another assertion"),
]

# 8-bit loading of TensorFlow weights; a TensorFlow Hub cache folder emptied by the system.
POSITIVE += [
    Case("eight-bit-from-tf-flax", "  File \"/venv/lib/python3.10/site-packages/transformers/modeling_utils.py\", line "
         "2390, in from_pretrained\n    raise ValueError(\nValueError: Converting into mixed 8-bit weights from tf/flax "
         "weights is currently not supported, please make sure the weights are in PyTorch format.",
         "transformers 4.28, from_pretrained(folder, load_in_8bit=True)"),
    Case("eight-bit-from-tf-flax", "ValueError: Converting into 4-bit or 8-bit weights from tf/flax weights is currently "
         "not supported, please make sure the weights are in PyTorch format.", "transformers 4.40, from_tf=True"),
    Case("tfhub-cache-incomplete", "ValueError: Trying to load a model of incompatible/unknown type. '/tmp/"
         "tfhub_modules/063d866c06683311b44b4992fd46003be952409c' contains neither 'saved_model.pb' nor "
         "'saved_model.pbtxt'.", "hub.load of universal-sentence-encoder on Linux after a reboot",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("eight-bit-from-tf-flax", "OSError: Error no file named pytorch_model.bin, tf_model.h5 found in directory "
         "/models/llama-7b.", "no weights at all, 8-bit asked (missing-weights)"),
    Case("tfhub-cache-incomplete", "OSError: SavedModel file does not exist at: /models/use/{saved_model.pbtxt|"
         "saved_model.pb}", "a folder the user gave that is empty"),
]

# A tool that loads only local folders, given a Hub id.
POSITIVE += [
    Case("hub-id-to-local-only-loader", "  File \"/app/infer.py\", line 88, in load_stage\n    assert os.path.isdir("
         "path), f\"Cannot find {path}\"\nAssertionError: Cannot find Qwen/Qwen2.5-7B-Instruct-exl2",
         "an ExLlamaV2 front end", fix="download_missing_files"),
]
NEGATIVE += [
    Case("hub-id-to-local-only-loader", "AssertionError: Can't find /data/models/qwen/config.json",
         "an absolute path that is missing"),
    Case("hub-id-to-local-only-loader", "Could not find acme/tiny-model on the Hub", "a Hub lookup"),
]

# The Hub cache's root read before it exists; an app reporting a cached download incomplete.
POSITIVE += [
    Case("hub-cache-folder-not-created", "  File \"/opt/app/downloads.py\", line 51, in cache_size\n    for entry in "
         "os.scandir(root):\nFileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/huggingface/hub'",
         "a model manager on a fresh container", fix="other"),
    Case("cache-reported-incomplete", "RuntimeError: The model cache for openai/whisper-small is incomplete; delete it "
         "and download again.", "a transcription app", fix="download_missing_files"),
]
NEGATIVE += [
    Case("hub-cache-folder-not-created", "FileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/"
         "huggingface/hub/models--acme--tiny/blobs/3f2a'", "a file inside the cache (cache-blob-missing)"),
    Case("cache-reported-incomplete", "UserWarning: the download is incomplete, resuming", "a resumed download"),
]

# batch87: the repo's own config names code the repo does not hold, or the code imports transformers by a relative path
POSITIVE += [
    Case("remote-code-file-absent-from-repo", "OSError: someorg/falcon-7b-chat-sharded does not appear to have a file "
         "named configuration_RW.py. Checkout 'https://huggingface.co/someorg/falcon-7b-chat-sharded/main' for "
         "available files.", "a Falcon copy whose auto_map names a renamed file", fix="other"),
    Case("remote-code-file-absent-from-repo", "Could not locate the tokenization_cohere.py inside CohereLabs/aya-23-8B.\n"
         "Traceback (most recent call last):\n  File \"/x/huggingface_hub/utils/_http.py\", line 409, in "
         "hf_raise_for_status\nhuggingface_hub.errors.EntryNotFoundError: 404 Client Error. Entry Not Found for url: "
         "https://huggingface.co/CohereLabs/aya-23-8B/resolve/main/tokenization_cohere.py.",
         "remote code removed after the architecture moved into transformers", fix="other"),
    Case("remote-code-relative-import", "OSError: Could not locate ..modeling_utils.py inside acme/NewModel-7B.",
         "a modeling file copied from transformers' tree", fix="other"),
]
NEGATIVE += [
    # a local folder copied without its .py files: remote-code-file-missing (no Hub answer in the text)
    Case("remote-code-file-absent-from-repo", "OSError: ./chatglm3-6b does not appear to have a file named "
         "modeling_chatglm.py. Checkout 'https://huggingface.co/./chatglm3-6b/None' for available files.",
         "a local folder"),
    Case("remote-code-file-absent-from-repo", "Could not locate the configuration_minicpm.py inside "
         "openbmb/MiniCPM-2B-sft-bf16.", "no Hub answer shown"),
    Case("remote-code-relative-import", "Could not locate the modeling_phi3.py inside microsoft/Phi-3-mini-4k-instruct.",
         "a file of the repo itself"),
]


# batch89: a Whisper fine-tune without Whisper's generation config; huggingface_hub's loader finding no safetensors
POSITIVE += [
    Case("whisper-generation-config-incomplete", "ValueError: The generation config is outdated and is thus not "
         "compatible with the `language` argument to `generate`. Either set the language using the "
         "`forced_decoder_ids` in the model config, or update the generation config as per the instructions "
         "https://github.com/huggingface/transformers/issues/25084#issuecomment-1664398224", "a fine-tune's old config",
         fix="other"),
    Case("whisper-generation-config-incomplete", "  File \"/x/transformers/models/whisper/generation_whisper.py\", line "
         "1417, in _set_return_timestamps\nValueError: You are trying to return timestamps, but the generation config "
         "is not properly set. Make sure to initialize the generation config with the correct attributes that are "
         "needed such as no_timestamps_token_id.", "a pipeline with return_timestamps=True", fix="other"),
    Case("hub-loader-found-no-weights", "  File \"/x/huggingface_hub/serialization/_torch.py\", line 498, in "
         "load_torch_model\nValueError: Directory '/root/.cache/huggingface/hub/models--acme--policy/snapshots/0a1b' "
         "does not contain a valid checkpoint. Expected either a sharded checkpoint with an index file, or a single "
         "model file.", "a mixin model whose repo holds a .pt", fix="update_calling_code"),
]
NEGATIVE += [
    Case("whisper-generation-config-incomplete", "ValueError: The following `model_kwargs` are not used by the model: "
         "['language']", "generate's own argument check"),
    Case("hub-loader-found-no-weights", "FileNotFoundError: Checkpoint path /x/ckpt does not exist",
         "the folder itself is missing"),
]


# batch92: a Git LFS pointer read as CTranslate2's model.bin or as a text protobuf; a ggml file cut short
POSITIVE += [
    Case("corrupted-weights", "  File \"/app/transcribe.py\", line 12, in load\n    model = WhisperModel(path, "
         "device='cpu')\nRuntimeError: Unsupported model binary version. This executable supports models with binary "
         "version v6 or below, but the model has binary version v1936876918. This usually means that the model was "
         "generated by a later version of CTranslate2.", "faster-whisper, a git clone without git-lfs",
         fix="force_download"),
    Case("corrupted-weights", "[libprotobuf ERROR google/protobuf/text_format.cc:335] Error parsing text-format "
         "onnx.ModelProto: 1:9: Expected \":\", found \"https\".", "a text protobuf reading an LFS pointer"),
    Case("corrupted-weights", "whisper_model_load: ERROR not all tensors loaded from model file - expected 387, got 12"
         "\nwhisper_init_with_params_no_state: failed to load model", "whisper.cpp, a ggml file cut short"),
]
NEGATIVE += [
    Case("corrupted-weights", "RuntimeError: Unsupported model binary version. This executable supports models with "
         "binary version v5 or below, but the model has binary version v6.", "a real newer version (package too old)"),
]


# batch93: text-generation-inference reading a shard shorter than its header length
POSITIVE += [
    Case("corrupted-weights", "2024-06-01T10:12:03.412Z ERROR text_generation_launcher: Error when initializing model\n"
         "Error: Failed to parse file model-00003-of-00004.safetensors: failed to fetch safetensors header length.",
         "TGI, a broken shard", fix="force_download"),
]


# batch95: AutoGPTQ's own search for model_basename; a remote-code file cut before the Hub's link
_GPTQ_BASENAME = """  File ".../auto_gptq/modeling/_base.py", line 768, in from_quantized
    raise FileNotFoundError(f"Could not find model in {model_name_or_path}")
FileNotFoundError: Could not find model in TheBloke/WizardLM-13B-V1.2-GPTQ"""
POSITIVE += [
    Case("gptq-basename-not-found", _GPTQ_BASENAME, "model_basename of another branch", fix="update_calling_code"),
    Case("remote-code-file-absent-from-repo", "OSError: tiiuae/falcon-7b-instruct does not appear to have a file named "
         "configuration_RW.py.", "cut before the Checkout link", fix="other"),
]
NEGATIVE += [
    Case("gptq-basename-not-found", "FileNotFoundError: Could not find model in ./checkpoints/run3",
         "no GPTQ load named"),
    Case("remote-code-file-absent-from-repo", "OSError: ./glm does not appear to have a file named modeling_chatglm.py.",
         "a local folder"),
]


# batch96: onnxruntime-genai's genai_config.json, unreadable or absent
POSITIVE += [
    Case("ort-genai-config", "RuntimeError: Error encountered while parsing '../../Models/Phi-3-vision-128k-instruct-onnx-cpu/"
         "cpu-int4-rtn-block-32-acc-level-4/genai_config.json' JSON Error: Unknown value: visual_features at line 44 "
         "index 53", "a Phi-3-vision build for onnxruntime-genai 0.4 on 0.5", fix="install_package"),
    Case("ort-genai-config-missing", "observing an error :runtime error opening genai_config.json",
         "the repo's root given instead of a build's folder", fix="download_missing_files"),
]
NEGATIVE += [
    Case("ort-genai-config", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0) in config.json",
         "transformers' config.json"),
    Case("ort-genai-config-missing", "OSError: error opening config.json", "another file"),
]


# a converter pointed at a folder without (all) the weight files
POSITIVE += [
    Case("converter-model-files-absent", "$ python convert.py --outtype f16 models/mistral-7b\nTraceback (most recent "
         "call last):\n  File \"convert.py\", line 1269, in load_some_model\n    raise Exception(f\"Can't find model in "
         "directory {path}\")\nException: Can't find model in directory models/mistral-7b",
         "llama.cpp's convert.py", fix="download_missing_files"),
    Case("converter-model-files-absent", "ValueError: Missing or incomplete model files: ['model-00003-of-00004."
         "safetensors']\nMissing tensors: ['model.layers.20.mlp.up_proj.weight']", "convert_hf_to_gguf.py"),
]
NEGATIVE += [
    Case("converter-model-files-absent", "OSError: Error no file named pytorch_model.bin, model.safetensors, "
         "tf_model.h5, model.ckpt.index or flax_model.msgpack found in directory models/mistral-7b.",
         "transformers' own wording"),
]


# a binary reader that read a Git LFS pointer's first word as a number
POSITIVE += [
    Case("lfs-pointer-read-as-binary", "Error: AudioEncoder.mlmodelc/coremldata.bin is not a valid .mlmodelc file "
         "because the first word (1936876918) is not recognizable.", "Core ML", fix="force_download"),
    Case("lfs-pointer-read-as-binary", "Exception in thread \"main\" java.lang.IllegalArgumentException: Out of range: "
         "2336927755350992246\n\tat com.google.common.primitives.Ints.checkedCast(Ints.java:89)",
         "a safetensors header length"),
]
NEGATIVE += [
    Case("lfs-pointer-read-as-binary", "RuntimeError: CUDA out of memory. Tried to allocate 19368769180 bytes",
         "the digits inside a longer number"),
]

# whisper.cpp's newer init function without a model file
POSITIVE += [
    Case("loader-file-missing", "whisper_init_from_file_with_params_no_state: loading model from "
         "'models/ggml-small.bin'\nwhisper_init_from_file_with_params_no_state: failed to open 'models/ggml-small.bin'\n"
         "error: failed to initialize whisper context", "whisper.cpp 1.5", fix="download_missing_files"),
]


# a runtime that needs a config file beside the model file
POSITIVE += [
    Case("runtime-model-config-absent", "$ ./piper --model voices/de_DE-thorsten-high.onnx --output_file out.wav\n"
         "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Model config doesn't exist",
         "piper", fix="download_missing_files"),
]
NEGATIVE += [
    Case("runtime-model-config-absent", "OSError: ./model does not appear to have a file named config.json.",
         "transformers' wording"),
]


# A UTF-8 file read with the Windows locale's code page, no tokenizer in view
POSITIVE += [
    Case("file-read-with-locale-encoding", "  File \"venv\\lib\\site-packages\\ruaccent\\ruaccent.py\", line 18, in "
         "load\n    self.omographs = json.load(open(self.workdir + '/dictionary/omographs.json'))\n  File "
         "\"C:\\python3.10.4\\lib\\encodings\\cp1251.py\", line 23, in decode\n    return codecs.charmap_decode(input,"
         "self.errors,decoding_table)[0]\nUnicodeDecodeError: 'charmap' codec can't decode byte 0x98 in position "
         "1159357: character maps to <undefined>", "ruaccent on Windows", fix="other"),
]
NEGATIVE += [
    Case("file-read-with-locale-encoding", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 64: "
         "invalid start byte", "a binary file read as UTF-8"),
    Case("file-read-with-locale-encoding", "  File \"tokenization_x.py\", line 12, in load_vocab\n    vocab = json.load(f)"
         "\nUnicodeDecodeError: 'gbk' codec can't decode byte 0x80 in position 68: illegal multibyte sequence",
         "a tokenizer's vocabulary: tokenizer-file-locale-encoding"),
]


# ollama create on a file it cannot import
POSITIVE += [
    Case("ollama-file-magic-not-gguf", "> ollama create test -f Modelfile\ntransferring model data\ncreating model layer\n"
         "Error: invalid file magic", "ollama 0.1.29 importing bert safetensors", fix="other"),
]
NEGATIVE += [
    Case("ollama-file-magic-not-gguf", "gguf_init_from_file: invalid magic characters 'vers', expected 'GGUF'",
         "llama.cpp's own reader"),
]


# TEI without a pooling method: the repo never had 1_Pooling/config.json (huggingface/Google-Cloud-Containers#115)
POSITIVE += [
    Case("tei-pooling-not-set", "Error: The `--pooling` arg is not set and we could not find a pooling configuration "
         "(`1_Pooling/config.json`) for this model.", "Vertex AI TEI container", fix="other"),
]

NEGATIVE += [
    Case("tei-pooling-not-set", "FileNotFoundError: [Errno 2] No such file or directory: 'model/1_Pooling/config.json'",
         "sentence-transformers reading an incomplete folder"),
]


# peft's verdict on a local folder without adapter_config.json, after the Hub validator refused the path (batch107)
PANML = ("HFValidationError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'./results/model_flan_lora'. Use repo_type argument if needed.\n"
         "Can't find 'adapter_config.json' at './results/model_flan_lora")
POSITIVE += [
    Case("not-a-peft-adapter", PANML, "PanML's LoRA save lacked adapter_config.json", fix="update_calling_code"),
]


# a whole checkpoint that torch < 1.6 reads with its legacy tar reader is no corrupted file (batch107)
NEGATIVE += [
    Case("corrupted-weights", "ValueError: invalid literal for int() with base 8: 'rebuild_'\n\nDuring handling of the "
         "above exception, another exception occurred:\n\nOSError: Unable to load weights from pytorch checkpoint file "
         "for 'm/pytorch_model.bin' at 'm/pytorch_model.bin'. If you tried to load a PyTorch model from a TF 2.0 "
         "checkpoint, please set from_tf=True.", "torch 1.2 and a zip-format file"),
]


# a JSON file complete but written wrong: the decoder's words tell it from a download cut short (batch107)
POSITIVE += [
    Case("json-file-written-wrong", "JSONDecodeError: Expecting property name enclosed in double quotes: line 42 column "
         "1 (char 1751)", "a trailing comma in a repo's tokenizer_config.json, fixed by a PR on the repo", fix="other"),
    Case("json-file-written-wrong", "  File \"/x/configuration_utils.py\", line 720, in _dict_from_json_file\n    "
         "return json.loads(text)\njson.decoder.JSONDecodeError: Extra data: line 31 column 2 (char 812)",
         "two documents in config.json"),
    Case("json-file-written-wrong", "  File \"/x/peft/config.py\", line 119, in from_json_file\n    json_object = "
         "json.load(file)\njson.decoder.JSONDecodeError: Invalid control character at: line 5 column 30 (char 97)",
         "a raw line break inside a string of adapter_config.json"),
]
NEGATIVE += [
    Case("json-file-written-wrong", "json.decoder.JSONDecodeError: Unterminated string starting at: line 31 column 5 "
         "(char 800)\n  reading generation_config.json", "a file cut short"),
    Case("json-file-written-wrong", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
         "an LFS pointer or an empty file"),
    Case("json-file-written-wrong", "  File \"/venv/lib/python3.10/site-packages/requests/models.py\", line 975, in "
         "json\n    raise RequestsJSONDecodeError(e.msg, e.doc, e.pos)\nrequests.exceptions.JSONDecodeError: Extra "
         "data: line 1 column 5 (char 4)", "a web response's body"),
]


# a config transformers 4.2x downloaded into a temporary file: a broken download or repo file, not the user's path (batch108)
POSITIVE += [
    Case("corrupted-weights", "--> 658 config_dict = cls._dict_from_json_file(resolved_config_file)\nJSONDecodeError: "
         "Expecting value: line 1 column 1 (char 0)\nOSError: It looks like the config file at '/tmp/tmpjk2l9r6n' is not "
         "a valid JSON file.", "CrudeBERT's broken upload", fix="force_download"),
]
NEGATIVE += [
    Case("config-path-not-json", "OSError: It looks like the config file at '/tmp/tmpjk2l9r6n' is not a valid JSON "
         "file.", "a temporary download, not a path the user chose"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# a TensorFlow checkpoint prefix with no files, and transformers' remote-code sentence cut at the file (batch109)
POSITIVE += [
    Case("tf-checkpoint-files-missing", "tensorflow.python.framework.errors_impl.NotFoundError: Unsuccessful "
         "TensorSliceReader constructor: Failed to find any matching files for ./chinese_L-12_H-768_A-12/bert_model.ckpt",
         "convert_bert_original_tf_checkpoint_to_pytorch on a folder not unpacked", fix="download_missing_files"),
    Case("remote-code-file-missing", "[ERROR] loading the model failed: Could not locate the modeling_internlm2.py.",
         "the sentence cut at the file's name, in a log line", fix="download_missing_files"),
]
NEGATIVE += [
    Case("tf-checkpoint-files-missing", "NotFoundError: /data/ckpt/model.ckpt.data-00000-of-00001; No such file or "
         "directory", "another TensorFlow read, not the prefix lookup"),
    Case("remote-code-file-missing", "Could not locate the modeling_internlm2.py file you asked for, so using defaults "
         "from the wiki page instead", "the file's name followed by other words on the line"),
]

# the Hub refusing to resume from a leftover .incomplete file (batch113)
POSITIVE += [
    Case("cache-resume-range-refused", "huggingface_hub.utils._errors.HfHubHTTPError: 416 Client Error: Range Not "
         "Satisfiable for url: https://huggingface.co/org/m/resolve/6a8ff66a20da618386689e7e7c9c76932f0c33bf/"
         "model-00002-of-00004.safetensors. Requested range: bytes=5000-10000. Content-Range: bytes */2307.",
         "huggingface_hub 0.25's detail", fix="force_download"),
]
NEGATIVE += [
    Case("cache-resume-range-refused", "HTTP status client error (416 Range Not Satisfiable) for url "
         "(https://huggingface.co/org/m/resolve/main/__init__.py)", "a Rust client's request on an empty file"),
]

# vLLM's LoRA loader quoted without the path (batch118)
POSITIVE += [
    Case("not-a-peft-adapter", "Loading lora _lora failed: No adapter found", "ms-swift's deploy log, a merged model "
         "passed as an adapter", fix="update_calling_code"),
]
NEGATIVE += [
    Case("not-a-peft-adapter", "No adapter found, using the base model only", "a notice, not vLLM's failure"),
]

# transformers 4.x's Flax classes on a repo with sharded PyTorch safetensors only (session 38)
POSITIVE += [
    Case("missing-weights", "  File \"flax_gemma.py\", line 3, in <module>\n    model = FlaxGemmaModel.from_pretrained("
         "\"google/gemma-2b\")\nNotImplementedError: Support for sharded checkpoints using safetensors is coming soon!",
         "no Flax weights on the default branch"),
]

# a TF1 checkpoint given to a TF2 class: Keras refuses to load it by name (session 38)
POSITIVE += [
    Case("tf1-checkpoint-for-tf2-class", "NotImplementedError: Weights may only be loaded based on topology into "
         "Models when loading TensorFlow-formatted weights (got by_name=True to load_weights)",
         "TFBertModel on BERTimbau's model.ckpt.index", fix="update_calling_code"),
]
NEGATIVE += [
    Case("tf1-checkpoint-for-tf2-class", "ValueError: You are trying to load a weight file containing 12 layers into a "
         "model with 6 layers.", "an h5 file of another depth"),
]

# the decode error quoted without its exception's name (batch124's reading: a .bin passed as the tokenizer's path)
POSITIVE += [
    Case("weights-file-read-as-text", "But I got the error saying that 'utf-8' codec can't decode byte 0x80 in position "
         "0: invalid start byte", "a person's quote of the message", fix="fix_identifier"),
]
NEGATIVE += [
    Case("weights-file-read-as-text", "'utf-8' codec can't decode byte 0xe9 in position 1042: invalid continuation byte",
         "a Latin-1 text file, not a pickle"),
]

# a weights file given as the model's path is the call naming the wrong thing, not a missing file (batch124-127's
# re-read: five of the six corpus texts of that form are labelled other)
POSITIVE += [
    Case("weights-file-as-config-path", "OSError: It looks like the config file at './pretrain/pytorch_model.bin' is "
         "not a valid JSON file.", "ColossalChat given the .bin", fix="fix_identifier"),
]
NEGATIVE += [
    Case("weights-file-as-config-path", "OSError: It looks like the config file at '/srv/ckpt/run-7' is not a valid "
         "JSON file.", "a folder: config-path-not-json's"),
    Case("weights-file-as-config-path", "OSError: It looks like the config file at '/root/.cache/huggingface/hub/"
         "models--org--m/snapshots/0123456789abcdef0123456789abcdef01234567/model.safetensors' is not a valid JSON "
         "file.", "a file the library downloaded itself"),
]

# transformers.js in local-only mode without the file in its model folder (a corpus re-read: a merged quantized ONNX
# decoder the shipped copy of flan-t5-small lacked)
POSITIVE += [
    Case("js-file-not-found-locally", "Error: `local_files_only=true` or `env.allowRemoteModels=false` and file was "
         "not found locally at \"./models/google/flan-t5-small-2/onnx/decoder_model_merged_quantized.onnx\".",
         "transformers.js 2.x", fix="download_missing_files"),
]
NEGATIVE += [
    Case("js-file-not-found-locally", "OSError: file ../models/x/config.json not found", "transformers 3.x's message"),
]

# pipeline()'s tuple holds the checkpoint's own class (from its config's `architectures`): that class fits, so its load
# failed on the files (two threads' git clones without git-lfs); a tuple of Auto classes alone stays
# pipeline-no-class-loads', and an original error pasted with it decides by its own rule
POSITIVE += [
    Case("pipeline-own-class-failed", "ValueError: Could not load model models/openai/whisper-base with any of the "
         "following classes: (<class 'transformers.models.auto.modeling_auto.AutoModelForCTC'>, <class "
         "'transformers.models.auto.modeling_auto.AutoModelForSpeechSeq2Seq'>, <class "
         "'transformers.models.whisper.modeling_whisper.WhisperForConditionalGeneration'>).",
         "transformers 4.2x, a clone without git-lfs", fix="force_download"),
    Case("pipeline-own-class-failed", "Could not load model ./ner with any of the following classes: (<class "
         "'transformers.models.bert.modeling_bert.BertForTokenClassification'>,\n<class "
         "'transformers.models.bert.modeling_tf_bert.TFBertForTokenClassification'>).", "wrapped by a log viewer"),
    Case("pipeline-own-class-failed", '{"code": 400, "type": "InternalServerException", "message": "Could not load '
         'model /.sagemaker/mms/models/org__m with any of the following classes: (\\u003cclass \\u0027transformers.'
         'models.auto.modeling_auto.AutoModelForSeq2SeqLM\\u0027\\u003e, \\u003cclass \\u0027transformers.models.'
         't5.modeling_t5.T5ForConditionalGeneration\\u0027\\u003e)."}', "SageMaker's JSON body"),
]
NEGATIVE += [
    Case("pipeline-own-class-failed", "ValueError: Could not load model facebook/bart-large-mnli with any of the "
         "following classes: (<class 'transformers.models.auto.modeling_auto.AutoModelForSequenceClassification'>, "
         "<class 'transformers.models.auto.modeling_tf_auto.TFAutoModelForSequenceClassification'>).",
         "Auto classes only"),
    Case("pipeline-own-class-failed", "ValueError: Could not load model x/y with any of the following classes: (<class "
         "'transformers.models.bert.modeling_tf_bert.TFBertForMaskedLM'>,).", "a TensorFlow class only"),
    Case("pipeline-own-class-failed", "ValueError: Could not load model /m/tiny with any of the following classes: "
         "(<class 'transformers.models.auto.modeling_auto.AutoModelForCausalLM'>, <class "
         "'transformers.models.llama.modeling_llama.LlamaForCausalLM'>). See the original errors:\n\nwhile loading "
         "with AutoModelForCausalLM, an error is thrown:\nTraceback (most recent call last):\nOSError: Error no file "
         "named model.safetensors, or pytorch_model.bin, found in directory /m/tiny.\n", "the original error decides"),
]

# transformers' sentence pasted without its path (session 42, batch136: a config broken in the repo itself)
POSITIVE += [
    Case("config-json-invalid", "OSError: It looks like the config file is not a valid JSON file.",
         "transformers 4.2x, the path dropped", fix="force_download"),
]
NEGATIVE += [
    Case("config-json-invalid", "OSError: It looks like the config file at './pretrain/pytorch_model.bin' is not a "
         "valid JSON file.", "a weights file given as the config: weights-file-as-config-path"),
]

# Trainer(resume_from_checkpoint=...) given a folder it did not write (transformers' trainer.py and
# integrations/deepspeed.py raise these words)
POSITIVE += [
    Case("trainer-checkpoint-not-found", """  File "/home/u/envs/videollava/lib/python3.10/site-packages/transformers/deepspeed.py", line 389, in deepspeed_load_checkpoint
    raise ValueError(f"Can't find a valid checkpoint at {checkpoint_path}")
ValueError: Can't find a valid checkpoint at ./checkpoints/Video-LLaVA-Pretrain-7B/checkpoint-1500""",
         "a checkpoint folder holding only a projector", fix="update_calling_code"),
    Case("trainer-checkpoint-not-found", "ValueError: No valid checkpoint found in output directory (./out)",
         "resume_from_checkpoint=True with no checkpoint-N folder"),
    Case("trainer-checkpoint-not-found", "ValueError: [deepspeed] failed to resume from checkpoint ./out/checkpoint-20",
         "DeepSpeed's engine returned no path"),
]
NEGATIVE += [
    Case("trainer-checkpoint-not-found", "OSError: ./out does not appear to have a file named config.json.",
         "a model folder without its config"),
    Case("trainer-checkpoint-not-found", "ValueError: Checkpoint found at ./out/checkpoint-10 is only supported when "
         "using PyTorch FSDP", "an FSDP checkpoint, found"),
]


# PaddleNLP's downloader handed a local path it did not find (session 44, batch142)
POSITIVE += [
    Case("paddle-local-file-absent", '  File "/usr/lib/python3.9/site-packages/paddlenlp/utils/downloader.py", line 154, '
         "in get_path_from_url\n    assert is_url(url), \"downloading from {} not a url\".format(url)\n"
         "AssertionError: downloading from ./output/ernie_ckpt/model_state.pdparams not a url", "PaddleNLP 2.4",
         fix="other"),
    Case("paddle-local-file-absent", "AssertionError: downloading from D:\\models\\uie\\model_config.json not a url",
         "a Windows folder without the config"),
]
NEGATIVE += [
    Case("paddle-local-file-absent", "RuntimeError: Downloading from https://bj.bcebos.com/paddlenlp/models/community/"
         "x/y/model_state.pdparams failed with code 404!", "a URL that answered 404"),
]


# MLX's reader could not open a weights file at all (session 44, batch144)
POSITIVE += [
    Case("mlx-safetensors-file-not-opened", "RuntimeError: [load_safetensors] Failed to open file "
         "/Users/u/.cache/huggingface/hub/models--acme--tiny-4bit/snapshots/abc/model-00002-of-00003.safetensors",
         "a shard the include pattern left out", fix="download_missing_files"),
]
NEGATIVE += [
    Case("mlx-safetensors-file-not-opened", "RuntimeError: [load] Invalid header in file /tmp/m/model.safetensors",
         "a header MLX could not read: mlx-safetensors-header-unreadable"),
]


# git-lfs left its pointer; a loader's own assertion that a weights file exists; TFLite reading a pointer (session 44,
# batch145)
POSITIVE += [
    Case("git-lfs-smudge-failed", "Error downloading object: weights/model.safetensors (1a2b3c4): Smudge error: Error "
         "downloading weights/model.safetensors (1a2b3c4d): batch response: This repository is over its data quota. "
         "Account responsible for LFS bandwidth should purchase more data packs to restore access.",
         "a clone over its LFS quota", fix="force_download"),
    Case("weights-file-existence-asserted", '  File "/app/custom_nodes/captioner/nodes.py", line 88, in load\n    '
         'assert (MODEL_DIR / "image_adapter.pt").exists()\nAssertionError', "a custom node's check",
         fix="download_missing_files"),
    Case("corrupted-weights", "ERROR: Model provided has model identifier 'ion ', should be 'TFL3'",
         "TFLite reading a Git LFS pointer"),
]
NEGATIVE += [
    Case("git-lfs-smudge-failed", "batch response: Repository or object not found: https://github.com/acme/x.git/info/lfs",
         "an LFS object the server does not have"),
    Case("weights-file-existence-asserted", '    assert os.path.exists(config_path)\nAssertionError',
         "a config path, no weights file named"),
]


# sentencepiece on a damaged tokenizer.model (session 45, batch148)
POSITIVE += [
    Case("corrupted-weights",
         "  File \"/opt/venv/lib/python3.10/site-packages/sentencepiece/__init__.py\", line 310, in LoadFromFile\n"
         "    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)\n"
         "RuntimeError: Internal: unk is not defined.", "sentencepiece's unknown symbol lost", fix="force_download"),
    Case("corrupted-weights", "tokenizer = LlamaTokenizer.from_pretrained(path) fails: RuntimeError: Internal: unk is not define",
         "the same cut short"),
]
NEGATIVE += [
    Case("corrupted-weights", "ValueError: unk is not defined in the vocabulary you passed to WordLevel",
         "a vocabulary built by hand, not sentencepiece's check"),
]


# a remote-code file of zeros in the modules cache (session 46, batch151)
POSITIVE += [
    Case("remote-code-file-null-bytes", '  File "/root/.cache/huggingface/modules/transformers_modules/org/m/'
         'modeling_m.py", line 1\nSyntaxError: source code cannot contain null bytes', "Python 3.12's SyntaxError",
         fix="force_download"),
]
NEGATIVE += [
    Case("remote-code-file-null-bytes", '  File "/home/u/proj/train.py", line 3, in <module>\n    import utils\n'
         "ValueError: source code string cannot contain null bytes", "a project's own file"),
]


# ComfyUI's workflow naming a model file its folder lacks (session 46, batch154)
POSITIVE += [
    Case("comfyui-model-file-not-in-folder", "Prompt outputs failed validation\nCheckpointLoaderSimple:\n- Value not in "
         "list: ckpt_name: 'sd_xl_base_1.0.safetensors' not in ['v1-5-pruned-emaonly.safetensors']", "a checkpoint",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("comfyui-model-file-not-in-folder", "Prompt outputs failed validation\nKSampler:\n- Value not in list: "
         "sampler_name: 'dpmpp_3m' not in ['euler', 'dpmpp_2m']", "a sampler, not a model file"),
]


# a loader's own hash check of a downloaded file (session 47, batch158)
POSITIVE += [
    Case("corrupted-weights", "ValueError: sha256 for /root/.cache/tts/xtts_v2/model.pth is 0b1c2d3e4f5a6b7c, expected "
         "9f8e7d6c5b4a3f2e", "a hash and the one expected", fix="force_download"),
    Case("corrupted-weights", "Download finished but SHA1 checksum did not match, please retry", "in a script's words"),
]
NEGATIVE += [
    Case("corrupted-weights", "ValueError: shape for model.embed_tokens.weight is 0b1c2d3e, expected 9f8e7d6c",
         "no hash named"),
]


# JavaScript's JSON.parse on a Git LFS pointer (session 48, batch165)
POSITIVE += [
    Case("corrupted-weights", "SyntaxError: Unexpected token 'v', \"version ht\"... is not valid JSON",
         "a web app loading its GPT-2 files cloned without git-lfs", fix="force_download"),
]
NEGATIVE += [
    Case("corrupted-weights", "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
         "an HTML page, not a pointer"),
]


# archives and zip checkpoints cut short (session 49, batch170-171)
POSITIVE += [
    Case("corrupted-weights", "EOFError: Compressed file ended before the end-of-stream marker was reached",
         "a model archive's download cut short", fix="force_download"),
    Case("corrupted-weights", '    tar = tarfile.open(file_destination, "r:xz")\ntarfile.ReadError: not an lzma file',
         "a download link that served no archive"),
    Case("corrupted-weights", "RuntimeError: [enforce fail at inline_container.cc:222] . file not found: "
         "archive/data/95844640", "a zip checkpoint missing a tensor record"),
]
NEGATIVE += [
    Case("corrupted-weights", "FileNotFoundError: file not found: datasets/data/train.json", "a data file, not a record"),
]
