"""rules/arch: unknown architectures, configs without model_type, wrong Auto class, remote code, shadowing."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

REF_07A = """KeyError: 'superllama2000'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "load.py", line 3, in <module>
    AutoModelForCausalLM.from_pretrained("./superllama")
ValueError: The checkpoint you are trying to load has model type `superllama2000` but Transformers does not recognize this architecture. This could be because of an issue with the checkpoint, or because your version of Transformers is out of date.

You can update Transformers with the command `pip install --upgrade transformers`. If this does not work, and the checkpoint is very new, then there may not be a release version that supports this model yet. In this case, you can get the most up-to-date code by installing Transformers from source with the command `pip install git+https://github.com/huggingface/transformers.git`"""

OLD_KEYERROR = """Traceback (most recent call last):
  File "/opt/conda/lib/python3.10/site-packages/transformers/models/auto/configuration_auto.py", line 1039, in from_pretrained
    config_class = CONFIG_MAPPING[config_dict["model_type"]]
  File "/opt/conda/lib/python3.10/site-packages/transformers/models/auto/configuration_auto.py", line 734, in __getitem__
    raise KeyError(key)
KeyError: 'mistral'"""

REF_08B = (
    "ValueError: Unrecognized configuration class <class 'transformers.models.t5.configuration_t5.T5Config'> for "
    "this kind of AutoModel: AutoModelForCausalLM.\nModel type should be one of GPT2Config, AfmoeConfig, "
    "ApertusConfig, ArceeConfig, AriaTextConfig, BartConfig, BertConfig, LlamaConfig."
)

REF_08E = """EOFError: EOF when reading a line

During handling of the above exception, another exception occurred:

ValueError: The repository <tmp>/fixtures/auto_map contains custom code which must be executed to correctly load the model. You can inspect the repository content at <tmp>/fixtures/auto_map .
 You can inspect the repository content at https://hf.co/<tmp>/fixtures/auto_map.
Please pass the argument `trust_remote_code=True` to allow custom code to be run."""

OLD_TRUST = (
    "ValueError: Loading THUDM/chatglm2-6b requires you to execute the configuration file in that repo on your "
    "local machine. Make sure you have read the code there to avoid malicious use, then set the option "
    "`trust_remote_code=True` to remove this error."
)

# A pasted traceback that shows trust_remote_code=True in a source line must not look like the remote-code error.
SOURCE_LINE_WITH_TRUST = """Traceback (most recent call last):
  File "run.py", line 8, in <module>
    model = AutoModel.from_pretrained(path, trust_remote_code=True, device_map="auto")
ImportError: This modeling file requires the following packages that were not found in your environment: einops. Run `pip install einops`"""

SHADOW_CTX = {"local": {"shadows_hub_id": True, "files_text": "no config.json"}, "plan": {"model_id": "org/tiny"}}

POSITIVE = [
    # a type no release has (the reference invents one): the project's own, not an upgrade
    Case("unknown-model-type", REF_07A, "07a", fix="other"),
    Case("unknown-model-type", OLD_KEYERROR, "transformers 4.x CONFIG_MAPPING KeyError"),
    Case("unknown-model-type", "KeyError: 'qwen2'", "bare KeyError on a model_type"),
    Case("unknown-model-type", "ImportError: cannot import name 'Qwen3VLForConditionalGeneration' from "
         "'transformers' (/home/u/venv/lib/python3.10/site-packages/transformers/__init__.py)", "old release import"),
    Case("runtime-arch-unsupported", "ValueError: Model architectures ['Qwen2VLForConditionalGeneration'] are not "
         "supported for now. Supported architectures: ['LlamaForCausalLM']", "vLLM", fix="other"),
    Case("config-without-model-type", "ValueError: Unrecognized model in <tmp>/fixtures/no_model_type. Should have "
         "a `model_type` key in its config.json.", "07c"),
    Case("config-without-model-type", "ValueError: Unrecognized model in ./output. Should have a `model_type` key "
         "in its config.json, or contain one of the following strings in its name: albert, bart, bert",
         "transformers 4.x"),
    Case("wrong-auto-class", REF_08B, "08b", fix="use_other_auto_class"),
    Case("wrong-auto-class", "ValueError: Unrecognized configuration class <class 'transformers.models.t5."
         "configuration_t5.T5Config'> for this kind of\nAutoModel: AutoModelForCausalLM.", "wrapped line"),
    Case("wrong-auto-class", "The model 'MT5ForConditionalGeneration' is not supported for text-generation. "
         "Supported models are ['BartForCausalLM', 'BertLMHeadModel'].", "pipeline"),
    Case("trust-remote-code", REF_08E, "08e", fix="set_trust_remote_code"),
    Case("trust-remote-code", OLD_TRUST, "transformers 4.x"),
    Case("trust-remote-code", "ValueError: Loading this model requires you to execute custom code contained in the "
         "model repository on your local machine. Please set the option `trust_remote_code=True` to permit loading "
         "of this model.", "prompt timed out"),
    Case("local-dir-shadows-repo", "ValueError: Unrecognized model in org/tiny. Should have a `model_type` key in "
         "its config.json.", "04a (live: ./org/tiny exists)", ctx=SHADOW_CTX),
    Case("unexpected-model-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'foo_bar'", "14i", fix="update_calling_code"),
    Case("unexpected-model-kwarg", "TypeError: T5ForConditionalGeneration.__init__() got an unexpected keyword "
         "argument 'max_new_tokens'", "a generate() option"),
    Case("pipeline-class-mismatch", "TypeError: StableDiffusionXLPipeline.__init__() missing 2 required positional "
         "arguments: 'text_encoder_2' and 'tokenizer_2'", "an SD 1.5 checkpoint in the SDXL class",
         fix="use_other_auto_class"),
    Case("class-removed-in-transformers-5", "Traceback (most recent call last):\n  File \"run.py\", line 3, in <module>\n"
         "    from transformers import AutoModelWithLMHead\nImportError: cannot import name 'AutoModelWithLMHead'",
         "transformers 5, the paste without its from clause", fix="use_other_auto_class"),
    Case("remote-model-without-generate", "AttributeError: 'ChatGLMForConditionalGeneration' object has no attribute "
         "'generate'", "remote code under transformers >= 4.50", fix="pin_transformers_version"),
]

NEGATIVE = [
    Case("unknown-model-type", "KeyError: 'input_ids'", "a KeyError that is not a model type"),
    Case("unknown-model-type", REF_08B, "wrong Auto class"),
    Case("config-without-model-type", REF_07A, "unknown model type"),
    Case("wrong-auto-class", REF_07A, "unknown model type"),
    Case("trust-remote-code", SOURCE_LINE_WITH_TRUST, "trust_remote_code only in a source line"),
    Case("local-dir-shadows-repo", "ValueError: Unrecognized model in org/tiny. Should have a `model_type` key in "
         "its config.json.", "04a pasted: no local folder known"),
    Case("unexpected-model-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'device'", "10p device"),
    Case("unexpected-model-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'load_in_8bit'", "15d"),
    Case("pipeline-class-mismatch", "TypeError: MyPipeline.__init__() missing 1 required positional argument: 'config'",
         "a component no checkpoint has"),
    Case("class-removed-in-transformers-5", "ImportError: cannot import name 'AutoModelForVision2Seq' from 'mylib.models' "
         "(/app/mylib/models/__init__.py)", "another package's own name"),
    Case("remote-model-without-generate", "AttributeError: 'BertModel' object has no attribute 'generate'",
         "transformers' own class without a head: wrong-auto-class"),
    Case("remote-model-without-generate", "AttributeError: 'LlamaForCausalLM' object has no attribute 'generate_text'",
         "another attribute"),
]


POSITIVE += [
    Case("wrong-auto-class", "  File \"/x/transformers/models/auto/auto_factory.py\", line 572, in __getitem__\n"
         "    raise KeyError(key)\nKeyError: <class 'transformers.models.t5.configuration_t5.T5Config'>",
         "an Auto mapping looked up with a config class it lacks"),
    Case("unexpected-model-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument 'token'",
         "a from_pretrained argument newer than the caller's transformers", fix="upgrade_transformers"),
    Case("unexpected-model-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'temprature'", "a misspelled argument", fix="update_calling_code"),
    Case("composite-config-attribute", "AttributeError: 'LlavaConfig' object has no attribute 'vocab_size'",
         "a vision-language config read as a text config", fix="use_other_auto_class"),
    Case("composite-config-attribute", "  File \"/x/modeling_utils.py\", line 10, in f\n    n = config.hidden_size\n"
         "AttributeError: 'Qwen2VLConfig' object has no attribute 'hidden_size'", "Qwen2-VL"),
    Case("unknown-model-type", "KeyError: 'gemma3'", "a model type the installed transformers' table knows"),
]

NEGATIVE += [
    Case("unknown-model-type", "    config = PEFT_TYPE_TO_CONFIG_MAPPING[PeftConfig.from_pretrained(model_id).peft_type]"
         "\nValueError: Can't find config.json at './adapters/run2'", "another library's *_CONFIG_MAPPING"),
    Case("composite-config-attribute", "AttributeError: 'LlamaConfig' object has no attribute 'rope_theta'",
         "a text-only config: version mismatch, not a composite config"),
    Case("composite-config-attribute", "AttributeError: 'MyCustomConfig' object has no attribute 'vocab_size'",
         "a config class transformers does not ship"),
    Case("unknown-model-type", "KeyError: 'attention_mask'", "a KeyError that is no model type in the table"),
]


# a conversion tool without a converter for the architecture
POSITIVE += [
    Case("converter-arch-unsupported", """INFO:hf-to-gguf:Loading model: acme-9b
ERROR:hf-to-gguf:Model AcmeForCausalLM is not supported""", "llama.cpp convert_hf_to_gguf.py (2025)", fix="other"),
    Case("converter-arch-unsupported", """  File "convert-hf-to-gguf.py", line 215, in from_model_architecture
    raise NotImplementedError(f'Architecture {arch!r} not supported!') from None
NotImplementedError: Architecture 'AcmeForConditionalGeneration' not supported!""", "llama.cpp convert-hf-to-gguf.py (2024)"),
]

NEGATIVE += [
    Case("converter-arch-unsupported", "ValueError: The checkpoint you are trying to load has model type `acme` but "
         "Transformers does not recognize this architecture.", "transformers itself"),
]



POSITIVE += [
    Case("converter-arch-unsupported", "llama_model_load: error loading model: error loading model architecture: "
         "unknown model architecture: 'acmemoe'", "llama.cpp / ollama loading a GGUF"),
    Case("converter-arch-unsupported", "ValueError: GGUF model with architecture acme2 is not supported yet.",
         "transformers' GGUF reader"),
]


# transformers 2.x/3.x looked into a local folder named like the repo id.
POSITIVE += [
    Case("old-local-dir-named-like-repo", "OSError: file bert-base-chinese/config.json not found\nOSError: Can't load "
         "config for 'bert-base-chinese'. Make sure that:", "a canonical id", fix="rename_local_dir"),
    Case("old-local-dir-named-like-repo", "OSError: file facebook/bart-large/vocab.json not found", "org/name"),
]
NEGATIVE += [
    Case("old-local-dir-named-like-repo", "OSError: file /home/me/models/bart/config.json not found", "a path"),
]

# Code (remote code, an older library) imports a helper this transformers removed.
POSITIVE += [
    Case("transformers-helper-removed", "ImportError: cannot import name 'is_flash_attn_available' from "
         "'transformers.utils' (/usr/lib/python3.11/site-packages/transformers/utils/__init__.py)", "a removed util",
         fix="pin_transformers_version"),
    Case("transformers-helper-removed", "ImportError: cannot import name 'find_pruneable_heads_and_indices' from "
         "'transformers.pytorch_utils'", "a removed pytorch util"),
]
# ... and one the installed transformers defines there: the paste's release is older (a helper came later)
POSITIVE += [
    Case("transformers-helper-newer", "ImportError: cannot import name 'TextKwargs' from 'transformers.processing_utils' "
         "(/usr/lib/python3.10/site-packages/transformers/processing_utils.py)", "Molmo's code on transformers 4.44",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("transformers-helper-newer", "ImportError: cannot import name 'SampleOutput' from 'transformers.generation.utils'",
         "a helper transformers removed"),
    Case("transformers-helper-newer", "ImportError: cannot import name 'TextKwargs' from 'mylib.processing'",
         "another package"),
    Case("transformers-helper-removed", "ImportError: cannot import name 'Qwen3ForCausalLM' from "
         "'transformers.models.qwen3'", "a model class: an architecture question"),
    Case("transformers-helper-removed", "ImportError: cannot import name 'cached_download' from 'huggingface_hub'",
         "another package"),
]

POSITIVE += [
    Case("wrong-auto-class", "ValueError: The model class you are passing has a `config_class` attribute that is not "
         "consistent with the config class you passed (model has <class 'transformers.models.llama.configuration_llama"
         ".LlamaConfig'> and you passed <class 'transformers.models.mistral.configuration_mistral.MistralConfig'>. Fix "
         "one of those so they match!", "a model class on another architecture's config"),
]

# A paste that starts mid-message: the Auto mapping's list of config classes without "Unrecognized configuration class".
POSITIVE += [
    Case("wrong-auto-class", "Model type should be one of BartConfig, BertConfig, GPT2Config, LlamaConfig, ...",
         "transformers 4.x, first line lost"),
    Case("wrong-auto-class", "    MistralConfig, MixtralConfig, OPTConfig, Qwen2Config.", "only the list's end survives"),
    Case("unknown-model-type", "If this does not work, and the checkpoint is very new, then there may not be a release "
         "version that supports this model yet.", "transformers 4.4x, only the last sentence"),
]

# A serving library's own model registry: upgrading it, not transformers, adds the architecture.
POSITIVE += [
    Case("runtime-arch-unsupported", 'File "/opt/venv/lib/python3.10/site-packages/vllm/model_executor/models/'
         '__init__.py", line 90, in resolve_model_cls\nValueError: Model architectures [\'Phi4FlashForCausalLM\'] '
         "are not supported for now.", "vLLM 0.6 frames", fix="other"),
]
POSITIVE += [
    Case("runtime-arch-unsupported", "  File \"/opt/homebrew/lib/python3.12/site-packages/mlx_lm/utils.py\", line 88, in "
         "_get_classes\n    arch = importlib.import_module(f\"mlx_lm.models.{model_type}\")\nModuleNotFoundError: No module "
         "named 'mlx_lm.models.glm4_moe_lite'\n\nDuring handling of the above exception, another exception occurred:\n\n"
         "ValueError: Model type glm4_moe_lite not supported.", "mlx-lm, a model type newer than the release", fix="other"),
    Case("runtime-arch-unsupported", "ERROR:root:Model type qwen3_next not supported.\nValueError: Model type qwen3_next "
         "not supported.", "mlx-lm's message alone"),
]
POSITIVE += [
    Case("diffusers-class-unknown", "    from diffusers import AutoencoderKLWan, WanImageToVideoPipeline\nImportError: cannot "
         "import name 'AutoencoderKLWan' from 'diffusers' (/usr/lib/python3.11/site-packages/diffusers/__init__.py)",
         "a class named from its kind: Wan's VAE", fix="install_package"),
    Case("diffusers-class-unknown", "AttributeError: module diffusers has no attribute AutoencoderKLWan. Did you mean: "
         "'AutoencoderKL'?", "the attribute form, unquoted"),
    Case("unknown-model-type", '  File "C:\\envs\\janus\\lib\\site-packages\\transformers\\models\\auto\\configuration_auto.py", '
         "line 773, in __getitem__\n    raise KeyError(key)\nKeyError: 'multi_modality'",
         "CONFIG_MAPPING's lookup, its frame first"),
]
NEGATIVE += [
    # the model classes' mapping raising for a config class: the Auto class, not the model type
    Case("unknown-model-type", '  File "/venv/lib/python3.10/site-packages/transformers/models/auto/auto_factory.py", '
         "line 790, in __getitem__\n    raise KeyError(key)\nKeyError: <class 'transformers.models.t5.configuration_t5."
         "T5Config'>", "the model mapping's lookup"),
    Case("diffusers-class-unknown", "ImportError: cannot import name 'randn_tensor' from 'diffusers.utils'",
         "a helper, not a class"),
]
NEGATIVE += [
    # another library's module missing under its models package is not a model list
    Case("runtime-arch-unsupported", "ModuleNotFoundError: No module named 'diffusers.models.unet_2d_condition'",
         "a module path moved between diffusers releases"),
]
NEGATIVE += [
    # transformers' own wording for an architecture it lacks stays an upgrade of transformers
    Case("runtime-arch-unsupported", "ValueError: The checkpoint you are trying to load has model type `phi4flash` "
         "but Transformers does not recognize this architecture.", "transformers 4.4x"),
]

# A library's own list of model names (not transformers' architectures).
POSITIVE += [
    Case("model-name-not-in-library-list", "ValueError: Invalid model size 'distil-large-v3', expected one of: "
         "tiny.en, tiny, base.en, base, small.en, small, medium.en, medium, large-v1, large-v2", "faster-whisper",
         fix="other"),
    Case("model-name-not-in-library-list", "RuntimeError: Model ViT-bigG-14/laion2b_s39b_b160k not found; available "
         "models = ['RN50', 'ViT-B/32', 'ViT-L/14']", "clip's list"),
    # remote code imported from a folder named like the repo id
    Case("remote-code-from-folder-named-like-repo", "ModuleNotFoundError: No module named "
         "'transformers_modules.Qwen/Qwen-7B-Chat'", "a ./Qwen/Qwen-7B-Chat folder", fix="other"),
    Case("remote-code-from-folder-named-like-repo", "ModuleNotFoundError: No module named "
         "'transformers_modules.model/chatglm2-6b'", "wenda on Windows: a relative path with a slash"),
]
NEGATIVE += [
    Case("model-name-not-in-library-list", "ValueError: The model 'T5ForConditionalGeneration' is not supported for "
         "text-generation. Supported models are ['GPT2LMHeadModel']", "transformers' pipeline: wrong Auto class"),
    Case("remote-code-from-folder-named-like-repo", "ModuleNotFoundError: No module named "
         "'transformers_modules.chatglm-6b'", "no slash: the module of a Hub repo or a plain folder name"),
]

# Remote code calling a PreTrainedModel method newer than the transformers that ran it (names from the installed
# transformers' modeling_utils.py and generation/utils.py).
POSITIVE += [
    Case("model-method-missing", "AttributeError: 'AcmeBertModel' object has no attribute "
         "'warn_if_padding_and_no_attention_mask'", "remote code on transformers < 4.31", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("model-method-missing", "AttributeError: 'NoneType' object has no attribute 'get_input_embeddings'",
         "None is no model"),
    Case("model-method-missing", "AttributeError: 'AcmeModel' object has no attribute 'acme_private_helper'",
         "a name transformers does not define"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("feature-extractor-type-unrecognized", "ValueError: Unrecognized feature extractor in ./whisper-ft. Should have a "
         "`feature_extractor_type` key in its preprocessor_config.json of config.json, or one of the following "
         "`model_type` keys in its config.json: audio-spectrogram-transformer, beit", "transformers 4.2x"),
    Case("processor-type-unrecognized", "ValueError: Unrecognized image processor in ./vit-ft. Should have a "
         "`image_processor_type` key in its preprocessor_config.json of config.json", "image processor"),
    Case("unknown-model-type", "ValueError: Unrecognized model type for subconfig: qwen3_vl_moe_text. Should contain "
         "one of qwen2, llama", "transformers 5 sub-config", fix="upgrade_transformers"),
    Case("wrong-auto-class", "ValueError: Expected target PEFT class: PeftModelForSeq2SeqLM, but you have asked for: "
         "PeftModelForCausalLM make sure that you are loading the correct model for your task type.",
         "peft AutoPeftModel", fix="use_other_auto_class"),
    Case("pipeline-no-class-loads", "ValueError: Could not load model facebook/bart-large-mnli with any of the "
         "following classes: (<class 'transformers.models.auto.modeling_auto.AutoModelForSequenceClassification'>, "
         "<class 'transformers.models.auto.modeling_tf_auto.TFAutoModelForSequenceClassification'>).",
         "pipeline, bare", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("pipeline-no-class-loads", "ValueError: Could not load model facebook/bart-large-mnli with any of the "
         "following classes: (<class 'transformers.models.auto.modeling_auto.AutoModelForSequenceClassification'>,). "
         "See the original errors:\n\nwhile loading with AutoModelForSequenceClassification, an error is thrown:\n"
         "OSError: Unable to load weights from pytorch checkpoint file for 'model.bin'. If you tried to load a PyTorch "
         "model from a TF 2.0 checkpoint, please set from_tf=True.", "the wrapped error decides"),
    Case("config-without-model-type", "ValueError: Unrecognized feature extractor output format", "no config key"),
]

POSITIVE += [
    Case("unknown-model-type", "ValueError: `transformers` has no class `Qwen2_5_VLForConditionalGeneration`. The "
         "component was declared as [\"transformers\", \"Qwen2_5_VLForConditionalGeneration\"] in "
         "`model_index.json`.", "diffusers, an older transformers"),
    Case("unknown-model-type", "ValueError: Could not find module Qwen2_5OmniProcessor in `transformers`. If this is a "
         "custom class, it should be registered using the relevant `AutoClass.register()` function",
         "transformers 4.5x processors"),
    Case("wrong-auto-class", "ValueError: Cannot infer the auto class from the config, please make sure that you are "
         "loading the correct model for your task type.", "peft AutoPeftModel"),
]
NEGATIVE += [
    Case("unknown-model-type", "ValueError: Could not find module data in the package", "not transformers"),
]

POSITIVE += [
    Case("rope-scaling-format-unknown", "ValueError: `rope_scaling` must be a dictionary with two fields, `type` and "
         "`factor`, got {'factor': 32.0, 'high_freq_factor': 4.0, 'low_freq_factor': 1.0, "
         "'original_max_position_embeddings': 8192, 'rope_type': 'llama3'}", "Llama 3.2 on transformers 4.40",
         fix="upgrade_transformers"),
    Case("cache-api-removed", "AttributeError: 'DynamicCache' object has no attribute 'seen_tokens'",
         "remote code on transformers 4.5x", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("rope-scaling-format-unknown", "ValueError: rope_theta must be a float", "another field"),
    Case("cache-api-removed", "AttributeError: 'NoneType' object has no attribute 'get_seq_length'", "no cache class"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("runtime-arch-unsupported", "NotImplementedError: turbomind has not supported cogvlm yet",
         "lmdeploy TurboMind"),
    Case("runtime-arch-unsupported", "NotImplementedError: Unsloth: mistralai/Mixtral-8x7B-v0.1 not supported yet!\n"
         "Make an issue to https://github.com/unslothai/unsloth!", "Unsloth"),
    Case("runtime-arch-unsupported", "ValueError: Model architecture MiniCPMV was supported in vLLM until v0.9.2, and "
         "is not supported anymore.", "vLLM dropped it"),
    # (auto-gptq's and AutoAWQ's own table, "TypeError: deepseek_v2 isn't supported yet.": quantizer-library-arch-
    # unsupported, tests/rules/test_quant.py)
    Case("unknown-model-type", "ImportError: Unsloth: Your transformers version of 4.38.2 does not support Gemma2.\n"
         "The minimum required version is 4.42.3.", "Unsloth's transformers check", fix="upgrade_transformers"),
    Case("converter-arch-unsupported", "RuntimeError: Unknown gguf model_type: qwen3moe", "vLLM GGUF"),
    Case("timm-model-unknown", "RuntimeError: Unknown model (vit_base_patch16_224_in22)", "timm",
         fix="install_package"),
    Case("model-name-not-in-library-list", "ValueError: Model name 'bge-m4' not found in the model mapping. You can "
         "pull request to add the model", "FlagEmbedding"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "TypeError: this format isn't supported yet, sorry", "no model name"),
    Case("model-name-not-in-library-list", "RuntimeError: Unknown model state", "no parenthesised name"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("runtime-arch-unsupported", "ValueError: Unsloth does not support model type qwen2_vl.", "LLaMA-Factory"),
    Case("runtime-arch-unsupported", "invokeai.backend.model_manager.config.InvalidModelConfigException: "
         "/models/sdxl-lora.safetensors: Unable to determine base type", "InvokeAI's probe"),
    Case("unknown-model-type", "RuntimeError: InternLM3 model requires transformers>=4.47.1, please upgrade it.",
         "LLaMA-Factory", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "InvalidModelConfigException: the config was read", "nothing undetermined"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("runtime-arch-unsupported", "NotImplementedError: This model is not supported by CTranslate2 or this "
         "converter", "CTranslate2"),
    Case("runtime-arch-unsupported", "ValueError: Trying to export a deepseek_v3 model, that is a custom or "
         "unsupported architecture, but no custom export configuration was passed as `custom_export_configs`.",
         "optimum-intel OpenVINO export"),
    Case("unknown-model-type", "ValueError: Initialization model for qwen2_vl required at least transformers >= 4.45",
         "optimum-intel", fix="upgrade_transformers"),
    Case("wrong-auto-class", "ValueError: This model is a Sentence Transformers model. Please use "
         "`OVSentenceTransformer` to load this model.", "optimum-intel"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "ValueError: the export configuration was passed", "nothing unsupported"),
]

# Wordings of the releases between those read before (transformers 2.2-5.18, huggingface_hub 0.0.19-1.10,
# diffusers 0.5-0.24).
POSITIVE += [
    Case("wrong-auto-class", "ValueError: Unrecognized configuration class <class 'transformers.models.llama."
         "configuration_llama.LlamaConfig'> for this kind of TFAutoModel: TFAutoModelForSeq2SeqLM.",
         "transformers 4.2, a TF Auto class", fix="use_other_auto_class"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("runtime-arch-unsupported", "RuntimeError: Could not determine model type for state-spaces/mamba-130m "
         "revision main", "TGI"),
    Case("runtime-arch-unsupported", "ValueError: Unsupported model type deepseek_v3", "TGI's model table"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "ValueError: Unsupported model type deepseek_v3 in the benchmark list, skipping",
         "not the whole message"),
]

# A tool's own guard before it loads a remote-code model.
POSITIVE += [
    Case("trust-remote-code", "Error occurred when executing Moondream Interrogator:\n\nYou have to trust remote code "
         "to use this node!", "a ComfyUI node", fix="set_trust_remote_code"),
]
NEGATIVE += [
    Case("trust-remote-code", "ValueError: remote code is not trusted in this sandbox; loading the local copy",
         "no request to allow it"),
]

# Ports and runtimes name the classes bare, and look architectures up in their own registries.
POSITIVE += [
    Case("wrong-auto-class", "Error: Unrecognized configuration class WhisperConfig for AutoModelForSeq2SeqLM",
         "transformers.js", fix="use_other_auto_class"),
    Case("runtime-arch-unsupported", "  File \"ktransformers/server/main.py\", line 30, in load\nKeyError: "
         "'DeepseekV3ForCausalLM'", "ktransformers"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "KeyError: 'model.layers.0.self_attn.q_proj.weight'", "a tensor name"),
    Case("wrong-auto-class", "Unrecognized configuration class in the cache index", "no class named"),
]

# diffusers: a pipeline class the installed release does not have yet; a pipeline class that does not fit the
# checkpoint's components
POSITIVE += [
    Case("diffusers-class-unknown", "ImportError: cannot import name 'WanImageToVideoPipeline' from 'diffusers' "
         "(/opt/venv/lib/python3.10/site-packages/diffusers/__init__.py)", "a pipeline newer than the release",
         fix="install_package"),
    Case("diffusers-class-unknown", "AttributeError: module diffusers has no attribute SanaTransformer2DModel",
         "the attribute form"),
    Case("pipeline-class-mismatch", "TypeError: StableDiffusionPipeline.__init__() got an unexpected keyword argument "
         "'tokenizer_2'", "an SDXL checkpoint built with the SD 1.x class", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("diffusers-class-unknown", "ImportError: cannot import name 'cached_download' from 'huggingface_hub'",
         "a removed helper of another library"),
    Case("diffusers-class-unknown", "ImportError: cannot import name 'randn_tensor' from 'diffusers.utils'",
         "a helper, not a pipeline or model"),
    Case("pipeline-class-mismatch", "TypeError: StableDiffusionPipeline.__init__() got an unexpected keyword argument "
         "'use_auth_token'", "a loading option, not a component"),
]

# a decoder-only model given decoder inputs (a seq2seq class, task or trainer)
POSITIVE += [
    Case("seq2seq-inputs-to-decoder-only", "TypeError: ChatGLMForConditionalGeneration.forward() got an unexpected "
         "keyword argument 'decoder_input_ids'", "peft SEQ_2_SEQ_LM on a causal LM", fix="use_other_auto_class"),
    Case("seq2seq-inputs-to-decoder-only", "TypeError: LlamaForCausalLM.forward() got an unexpected keyword argument "
         "'decoder_input_ids'", "a seq2seq trainer"),
]
NEGATIVE += [
    Case("seq2seq-inputs-to-decoder-only", "TypeError: T5ForConditionalGeneration.forward() got an unexpected keyword "
         "argument 'token_type_ids'", "another input"),
]

# image and video processors the release cannot resolve (an old release, or no torchvision)
POSITIVE += [
    Case("processor-type-unrecognized", "ValueError: Unrecognized image processor in org/vision-model. Should have a "
         "`image_processor_type` key in its preprocessor_config.json of config.json, or one of the following "
         "`model_type` keys in its config.json: align, beit, bit", "transformers 4.x", fix="upgrade_transformers"),
    Case("processor-type-unrecognized", "ValueError: Unrecognized video processor in ./vlm...", "cut after the id"),
]
NEGATIVE += [
    Case("processor-type-unrecognized", "ValueError: Unrecognized feature extractor in ./speech. Should have a "
         "`feature_extractor_type` key in its preprocessor_config.json", "a feature extractor"),
]

# classes transformers 5 removed, imported by code written for 4
POSITIVE += [
    Case("class-removed-in-transformers-5", "Error loading module Node: cannot import name 'AutoModelForVision2Seq' "
         "from 'transformers' (/venv/lib/python3.12/site-packages/transformers/__init__.py)", "a ComfyUI node",
         fix="use_other_auto_class"),
    Case("class-removed-in-transformers-5", "ImportError: cannot import name 'TFAutoModelForSequenceClassification' "
         "from 'transformers'", "a TensorFlow class"),
]
NEGATIVE += [
    Case("class-removed-in-transformers-5", "ImportError: cannot import name 'AutoModelForImageTextToText' from "
         "'transformers'", "a class added later: too old a transformers"),
    Case("class-removed-in-transformers-5", "ImportError: cannot import name 'TFAutoModel' from 'keras_hub'",
         "another library"),
]

# a class transformers spells otherwise (a pre-release branch's or a fork's name)
POSITIVE += [
    Case("class-name-spelled-otherwise", "ImportError: cannot import name 'LLaMAForCausalLM' from 'transformers' "
         "(/usr/local/lib/python3.9/dist-packages/transformers/__init__.py)", "the LLaMA pre-release branch",
         fix="update_calling_code"),
    Case("class-name-spelled-otherwise", "    from transformers import LLaMAConfig, LLaMAForCausalLM\nImportError: cannot "
         "import name 'LLaMAConfig' from 'transformers' (C:\\envs\\textgen\\lib\\site-packages\\transformers\\__init__.py)",
         "GPTQ-for-LLaMa"),
]
NEGATIVE += [
    Case("class-name-spelled-otherwise", "ImportError: cannot import name 'LlamaForCausalLM' from 'transformers'",
         "spelled right: an older transformers"),
    Case("class-name-spelled-otherwise", "ImportError: cannot import name 'Qwen9ForCausalLM' from 'transformers'",
         "unknown in any spelling"),
]

# a RoPE type the release's table does not hold
POSITIVE += [
    Case("rope-type-unknown", "    self.rope_init_fn = ROPE_INIT_FUNCTIONS[self.rope_type]\nKeyError: 'mrope'",
         "Qwen2-VL on transformers 4.45.0", fix="upgrade_transformers"),
    Case("rope-type-unknown", "KeyError: 'llama3'", "Llama 3.1 on 4.42"),
]
NEGATIVE += [
    Case("rope-type-unknown", "KeyError: 'llama'", "a model type"),
    Case("rope-type-unknown", "KeyError: 'yarn_factor'", "another key"),
]

# the repo's code defines a class of the same name as transformers' own
POSITIVE += [
    Case("remote-class-shadows-library-class", "ValueError: The model class you are passing has a `config_class` "
         "attribute that is not consistent with the config class you passed (model has <class "
         "'transformers.models.bert.configuration_bert.BertConfig'> and you passed <class "
         "'transformers_modules.org.dna-model.abc123.configuration_bert.BertConfig'>. Fix one of those so they match!",
         "remote code of mid-2023 on a newer transformers", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("remote-class-shadows-library-class", "ValueError: The model class you are passing has a `config_class` "
         "attribute that is not consistent with the config class you passed (model has <class "
         "'transformers.models.bert.configuration_bert.BertConfig'> and you passed <class "
         "'transformers_modules.org.m.abc.configuration_m.MConfig'>. Fix one of those so they match!",
         "two different classes: arch/wrong-auto-class"),
]

# the same check with both class names stripped by an issue page's markdown (batch53)
POSITIVE += [
    Case("config-class-names-lost", "ValueError: The model class you are passing has a `config_class` attribute that "
         "is not consistent with the config class you passed (model has  and you passed . Fix one of those so they "
         "match!", "DNABERT-2 remote code pasted into an issue", fix="pin_transformers_version"),
    Case("config-class-names-lost", "The model class you are passing has a `config_class` attribute that is not "
         "consistent with the config class you passed (model has\n and you passed\n. Fix one of those so they match!",
         "the names stripped, lines wrapped"),
]
NEGATIVE += [
    Case("config-class-names-lost", "ValueError: The model class you are passing has a `config_class` attribute that "
         "is not consistent with the config class you passed (model has <class 'a.BConfig'> and you passed <class "
         "'c.DConfig'>. Fix one of those so they match!", "the names are there: the other rules read them"),
]

# Classes read from batch30's misses (2026-12-03), each checked against transformers' own tables or library wording.
POSITIVE += [
    # the bare architecture name a model card or paper uses; transformers names the class by its head
    Case("class-name-without-head", "ImportError: cannot import name 'Idefics3' from 'transformers' "
         "(/opt/venv/lib/python3.11/site-packages/transformers/__init__.py)", "a bare architecture name",
         fix="update_calling_code"),
    Case("class-name-without-head", "from transformers import Qwen2VL\nImportError: cannot import name 'Qwen2VL' from "
         "'transformers'", "another bare name"),
    # remote code imported under a folder or repo name with a version dot (transformers < 4.38)
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named 'transformers_modules.Yi-1'",
         "a local folder Yi-1.5-9B", fix="rename_local_dir"),
    Case("remote-code-module-cut-at-dot", "Failed to load: No module named 'transformers_modules.deepseek-ai.DeepSeek-V2'.",
         "a repo id with a dot, inside a sentence"),
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named 'diffusers_modules.sdxl-lightning-v1'",
         "diffusers' custom pipeline module"),
    # a copy of a transformers class (project code) that keeps its name but lacks generate() under transformers >= 4.50
    Case("remote-model-without-generate", "AttributeError: 'LlamaForCausalLM' object has no attribute 'generate'",
         "a project's copy named like transformers' class", fix="pin_transformers_version"),
    # a derivative project's own model type, made of transformers' types, as a bare KeyError
    Case("unknown-model-type", "KeyError: 'llava_mistral'", "a derivative project's type"),
]
NEGATIVE += [
    Case("class-name-without-head", "ImportError: cannot import name 'Idefics3' from 'mylib.models'",
         "another package's own name"),
    Case("class-name-without-head", "ImportError: cannot import name 'LlamaForCausalLM' from 'transformers'",
         "a class transformers has"),
    Case("class-name-without-head", "ImportError: cannot import name 'Zqxw' from 'transformers'",
         "no transformers class starts with it"),
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named "
         "'transformers_modules.chatglm2-6b.modeling_chatglm2'", "a module file of a stale cache"),
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named 'transformers_modules.THUDM/chatglm-6b'",
         "a folder named like the repo: local-path shadowing"),
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named 'internvl2'", "a plain package"),
    Case("unknown-model-type", "KeyError: 'lm_head_weight'", "a KeyError on a name made of no model type"),
]


# batch31's classes: a framework's model_type table, underscores in a class name, a serving task
POSITIVE += [
    Case("model-name-not-in-library-list", "ValueError: model_type 'qwen3_next' not in [...]", "ms-swift's table"),
    Case("class-name-spelled-otherwise", "ImportError: cannot import name 'Qwen2_VLForConditionalGeneration' from "
         "'transformers' (/venv/x/transformers/__init__.py)", "an extra underscore", fix="update_calling_code"),
    Case("runtime-task-unsupported", "ValueError: This model does not support the 'score' task. Supported tasks: "
         "{'generate'}", "vLLM's task"),
    Case("runtime-task-unsupported", "ValueError: This model does not support `--runner pooling`.", "vLLM's runner"),
]
NEGATIVE += [
    Case("class-name-spelled-otherwise", "ImportError: cannot import name 'Qwen2_5_VLForConditionalGeneration' from "
         "'mylib'", "another package"),
    Case("runtime-task-unsupported", "ValueError: This model does not support multimodal inputs.", "not a task"),
]


# vLLM's and ctransformers' words for a config that does not name its architecture; vLLM's task check
POSITIVE += [
    Case("config-without-model-type", "ValueError: No model architectures are specified", "vLLM"),
    Case("config-without-model-type", "ValueError: Unable to detect model type. Please specify a model type using:\n\n"
         "  AutoModelForCausalLM.from_pretrained(..., model_type='...')", "ctransformers"),
    Case("runtime-task-unsupported", "AssertionError: The model should be a generative or pooling model when task is "
         "set to 'classify'.", "vLLM's assertion"),
]


# batch32's classes: a cross-encoder as an embedding model, a GGUF tensor the runtime lacks, ctransformers' type,
# a registered class name transformers took, a config without model_type in a loader's lookup
POSITIVE += [
    Case("sentence-transformers-cross-encoder", "No sentence-transformers model found with name BAAI/bge-reranker-base. "
         "Creating a new one with mean pooling.", "a reranker", fix="use_other_auto_class"),
    Case("gguf-tensor-missing", "llama_model_load: error loading model: missing tensor 'blk.0.attn_q_norm.weight'\n"
         "llama_load_model_from_file: failed to load model", "llama.cpp", fix="other"),
    Case("ctransformers-model-type", "RuntimeError: Failed to create LLM 'gguf' from '/models/x.gguf'.",
         "ctransformers given the format as its type", fix="update_calling_code"),
    Case("ctransformers-arch-unsupported", "RuntimeError: Failed to create LLM 'stablelm' from "
         "'/root/.cache/huggingface/hub/models--TheBloke--Marx-3B-v3-GGUF/blobs/fb16032da1b4'.",
         "an architecture its GGML backend does not build", fix="other"),
    Case("remote-class-shadows-library-class", "ValueError: '<class 'vibevoice.modular.configuration.VibeVoiceConfig'>' "
         "is already used by a Transformers model.", "a class transformers added since"),
    Case("config-without-model-type", "  File \"/x/mlx_lm/utils.py\", line 185, in _get_classes\n    model_class = "
         "config[\"model_type\"]\nKeyError: 'model_type'", "mlx-lm's lookup"),
]
NEGATIVE += [
    Case("sentence-transformers-cross-encoder", "No sentence-transformers model found with name "
         "google-bert/bert-base-uncased. Creating a new one with mean pooling.", "a base model"),
    Case("gguf-tensor-missing", "KeyError: 'missing tensor'", "not llama.cpp's loader"),
    Case("ctransformers-model-type", "RuntimeError: Failed to create LLM client: connection refused",
         "another library's client"),
    Case("ctransformers-model-type", "RuntimeError: Failed to create LLM 'mistral' from '/models/x.gguf'.",
         "an architecture's name: the backend's reading"),
    Case("ctransformers-arch-unsupported", "RuntimeError: Failed to create LLM 'q4_0' from '/models/x.bin'.",
         "a quantization passed as the type"),
    Case("ctransformers-arch-unsupported", "RuntimeError: Failed to create LLM client: connection refused",
         "another library's client"),
]


# the dynamic-module package missing in a worker process
POSITIVE += [
    Case("remote-code-modules-path-missing", "  File \"/usr/lib/python3.10/multiprocessing/spawn.py\", line 126, in "
         "_main\n    self = reduction.pickle.load(from_parent)\nModuleNotFoundError: No module named "
         "'transformers_modules'", "a spawned worker", fix="other"),
]
NEGATIVE += [
    Case("remote-code-modules-path-missing", "ModuleNotFoundError: No module named 'transformers_modules.org.m.abc123."
         "modeling_x'", "a module of the checkpoint's code"),
]


# Pastes cut at the raise itself: the frame says which message follows.
POSITIVE += [
    Case("trust-remote-code", "/usr/lib/python3/site-packages/transformers/dynamic_module_utils.py in "
         "resolve_trust_remote_code(trust_remote_code, model_name, has_local_code, has_remote_code)",
         "a notebook traceback cut at transformers' remote-code check", fix="set_trust_remote_code"),
    Case("trust-remote-code", '  File "/x/transformers/dynamic_module_utils.py", line 678, in resolve_trust_remote_code\n'
         "    raise ValueError(", "a log cut at the raise line"),
    Case("wrong-auto-class", '  File "/env/transformers/models/auto/auto_factory.py", line 567, in from_pretrained\n'
         "    raise ValueError(\n", "transformers 4.3x, cut at the Auto class's raise", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("trust-remote-code", '  File "/x/transformers/dynamic_module_utils.py", line 678, in '
         "resolve_trust_remote_code\n    answer = input(\nEOFError: EOF when reading a line",
         "the frame, then another exception"),
    Case("wrong-auto-class", '  File "/env/transformers/models/auto/auto_factory.py", line 567, in from_pretrained\n'
         "    raise ValueError(\nValueError: Could not load model org/x with any of the following classes",
         "the raise's message follows"),
]


# vLLM without an implementation of its own and a Transformers backend that cannot take the model; a repo's own
# config class looked up by name in one of transformers' Auto mappings.
POSITIVE += [
    Case("runtime-arch-unsupported", "ValueError: MiniCPMO has no vLLM implementation and the Transformers "
         "implementation is not compatible with vLLM.", "vLLM 0.8 model registry"),
    Case("unknown-model-type", '  File "/venv/transformers/models/auto/auto_factory.py", line 760, in __getitem__\n'
         "    model_type = self._reverse_config_mapping[key.__name__]\nKeyError: 'MiniCPMVConfig'",
         "an Auto mapping asked for a remote-code config class"),
]
NEGATIVE += [
    Case("unknown-model-type", "    model_type = self._reverse_config_mapping[key.__name__]\nRecursionError: maximum "
         "recursion depth exceeded", "the same line, another failure"),
]


POSITIVE += [
    Case("config-without-model-type", "Error: config.json found but missing 'model_type' for model /models/NewTTS",
         "vllm-omni's config reader"),
    Case("runtime-arch-unsupported", "clip_init: failed to load model 'mmproj-x-f16.gguf': load_hparams: unknown "
         "projector type: newvl", "llama.cpp's projector loader"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "projector type: mlp2x_gelu", "a config value, not a refusal"),
]


# ollama's own server unable to load a blob (not the Hub's 500); MLX's ModelArgs built from a newer config.
POSITIVE += [
    Case("ollama-cannot-load-model", "Error: 500 Internal Server Error: unable to load model", "ollama run, a new model",
         fix="other"),
    Case("ollama-cannot-load-model", "Error: unable to load model: C:\\Users\\me\\.ollama\\models\\blobs\\sha256-"
         "0b4284c1f870", "ollama on Windows"),
    Case("runtime-arch-unsupported", "Error when loading model: TypeError: ModelArgs.__init__() missing 2 required "
         "positional arguments: 'head_dim' and 'layer_types'", "LM Studio's MLX engine"),
]
NEGATIVE += [
    Case("ollama-cannot-load-model", "llama_model_load: error loading model: unable to allocate CPU buffer\n"
         "panic: unable to load model: /root/.ollama/models/blobs/sha256-6a0746a1ec1a", "the log gives the reason: memory"),
    Case("ollama-cannot-load-model", "Error: 500 Internal Server Error: unable to load model\nyour GPU has 4 GiB and "
         "the model needs more; out of memory", "the reason follows"),
]


# diffusers' "expected {...}, but only {...} were passed": the components missing decide (parsed into
# failure.pipeline_missing_components): another pipeline's parts, or only a safety checker's
POSITIVE += [
    Case("pipeline-class-mismatch", "ValueError: Pipeline <class 'diffusers.pipelines.x.StableDiffusionXLPipeline'> "
         "expected {'text_encoder_2', 'tokenizer_2', 'unet', 'vae', 'scheduler', 'text_encoder', 'tokenizer'}, but "
         "only {'unet', 'vae', 'scheduler', 'text_encoder', 'tokenizer'} were passed.", "an SD 1.5 folder for SDXL",
         fix="use_other_auto_class"),
    Case("pipeline-optional-components", "ValueError: Pipeline <class 'my_pipe.ImageVariationPipeline'> expected "
         "{'vae', 'unet', 'scheduler', 'safety_checker', 'feature_extractor'}, but only {'vae', 'unet', 'scheduler'} "
         "were passed.", "a checkpoint without a safety checker", fix="update_calling_code"),
]
NEGATIVE += [
    Case("pipeline-optional-components", "ValueError: Pipeline <class 'x.KandinskyV22CombinedPipeline'> expected "
         "{'prior_prior', 'unet', 'movq', 'scheduler'}, but only {'unet', 'movq', 'scheduler'} were passed.",
         "another pipeline's parts"),
    Case("pipeline-class-mismatch", '    raise ValueError(f"Pipeline {pipeline_class} expected {expected_modules}, but '
         'only {passed_modules} were passed.")', "the source line alone"),
]

# llama.cpp given an image model's GGUF (failure.gguf_architecture); Mistral's own weight names read by an HF-format
# loader (failure.missing_weight); a serving library with the family but not the head (failure.architecture_family_served)
POSITIVE += [
    Case("gguf-image-model-in-llm-runtime", "llama_model_load: error loading model: error loading model architecture: "
         "unknown model architecture: 'flux'\nllama_load_model_from_file: failed to load model", "Flux in llama.cpp",
         fix="other"),
    Case("mistral-format-weights", "  File \"/venv/vllm/model_executor/models/llama.py\", line 480, in load_weights\n"
         "    param = params_dict[name]\nKeyError: 'layers.12.feed_forward.w2.weight'", "vLLM on consolidated weights",
         fix="other"),
    Case("runtime-head-unsupported", "ValueError: Model architectures ['Qwen2ForRewardModel'] are not supported for now. "
         "Supported architectures: ['LlamaForCausalLM', 'Qwen2ForCausalLM', 'Qwen2MoeForCausalLM']",
         "a reward head", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("gguf-image-model-in-llm-runtime", "llama_model_load: error loading model: error loading model architecture: "
         "unknown model architecture: 'qwen3next'", "a newer language model"),
    Case("mistral-format-weights", "KeyError: 'model.layers.0.self_attn.q_proj.weight'", "transformers' own names"),
    Case("runtime-head-unsupported", "ValueError: Model architectures ['MambaForCausalLM'] are not supported for now. "
         "Supported architectures: ['LlamaForCausalLM', 'Qwen2ForCausalLM']", "a family the library lacks"),
]

# A library's own list of model names, read (failure.listed_name_kind): a listed name inside the one asked for, or spelled
# close, is a misspelling; a higher version of a listed family is a newer model; a path is a file that is not there.
# Coqui's model table and whisper's command line are more of those lists; a multimodal loader meeting a checkpoint
# without that part; timm given a repo of another library; ModelScope's words for a class transformers lacks.
POSITIVE += [
    Case("library-model-name-misspelled", "ValueError: Invalid model size 'distil-large-v3-ct2', expected one of: tiny, "
         "base, small, medium, large-v2, large-v3, distil-large-v2, distil-large-v3", "a suffix on a listed name",
         fix="fix_identifier"),
    Case("library-model-name-misspelled", "RuntimeError: Model meduim.en not found; available models = ['tiny.en', "
         "'tiny', 'base.en', 'base', 'small.en', 'small', 'medium.en', 'medium', 'large']", "a typo"),
    Case("model-name-not-in-library-list", "whisper: error: argument --model: invalid choice: 'large-v4' (choose from "
         "'tiny.en', 'tiny', 'large-v1', 'large-v2', 'large-v3', 'large')", "a newer version, argparse's words"),
    Case("model-name-not-in-library-list", '  File "/venv/TTS/utils/manage.py", line 295, in _set_model_item\n'
         "    model_item = self.models_dict[model_type][lang][dataset][model]\nKeyError: 'xtts_v3'", "Coqui's table"),
    Case("runtime-config-part-missing", "TypeError: ModelConfig.__init__() missing 1 required positional argument: "
         "'audio_config'", "a loader's audio part", fix="use_other_auto_class"),
    Case("timm-repo-not-timm", '  File "/venv/timm/models/_hub.py", line 172, in load_model_config_from_hf\n'
         "    pretrained_cfg['architecture'] = hf_config.pop('architecture')\nKeyError: 'architecture'",
         "a transformers repo", fix="use_other_auto_class"),
    Case("unknown-model-type", "ImportError: Cannot import available module of Qwen3OmniMoeForConditionalGeneration in "
         "modelscope", "ModelScope's wrapper", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("library-model-name-misspelled", "ValueError: Invalid model size 'large-v4', expected one of: large-v1, "
         "large-v2, large-v3", "a newer version"),
    Case("library-model-name-misspelled", "RuntimeError: Model ViT-H-14/laion2b_s32b_b79k not found; available models = "
         "['RN50', 'ViT-B/32', 'ViT-L/14']", "another library's name"),
    Case("runtime-config-part-missing", "TypeError: ModelArgs.__init__() missing 1 required positional argument: "
         "'rope_theta'", "a plain field of an older release"),
    Case("timm-repo-not-timm", "KeyError: 'architecture'", "the key alone"),
]

# infinity's words for a task the loaded model cannot serve
POSITIVE += [
    Case("runtime-task-unsupported", "InternalServerError: the loaded moded cannot fullyfill `embed`.options are "
         "{'rerank'}", "infinity_emb"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("trust-remote-code", "the option `trust_remote_code=True` to remove this error.", "transformers 4.x, head cut"),
    Case("trust-remote-code", "Do you wish to run the custom code? [y/N] y", "transformers 4.x prompt, answered"),
]

NEGATIVE += [
    Case("trust-remote-code", "model = AutoModel.from_pretrained(path, trust_remote_code=True)\nOSError: x does not appear "
         "to have a file named config.json.", "the kwarg in a source line"),
]


# A message cut at a fixed width (a log viewer, a terminal without wrapping): its first words alone.
POSITIVE += [
    Case("trust-remote-code", "ValueError: Loading /home/u/vLLM/ChatGLM3-6b requires you to execute the conf",
         "transformers 4.x, cut at 120 columns"),
    Case("unknown-model-type", "Error message: ValueError: [address=0.0.0.0:38973, pid=80] The checkpoint you are trying "
         "to load has model type `qwen2_m", "transformers 4.x via xinference, cut"),
]


# Cut at a log viewer's width, mid-word.
POSITIVE += [
    Case("trust-remote-code", "2024-02-03 09:03:50 | ERROR | stderr | Please pass the argument `trust_remote_co",
         "FastChat log, cut at 80 columns"),
]


# MLX Swift's model-type registry
POSITIVE += [
    Case("runtime-arch-unsupported", 'Failed to load model: unsupportedModelType("qwen2_5_vl")', "MLXVLM (Swift)"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", 'Failed to load model: unsupportedTokenizer("PreTrainedTokenizer")',
         "another Swift error"),
]

# torch.hub's cached copy of a repo without the entry point asked for.
POSITIVE += [
    Case("torch-hub-entrypoint-missing", "Using cache found in /root/.cache/torch/hub/facebookresearch_dinov2_main\n"
         "  File \"/usr/lib/python3.9/site-packages/torch/hub.py\", line 348, in _load_entry_from_hubconf\n"
         "    raise RuntimeError(f'Cannot find callable {model} in hubconf')\nRuntimeError: Cannot find callable "
         "dinov2_vits14_reg in hubconf", "dinov2 after the register models", fix="force_download"),
]
NEGATIVE += [
    Case("torch-hub-entrypoint-missing", "RuntimeError: Cannot find callable in module", "no name, no hubconf"),
    Case("torch-hub-entrypoint-missing", "ModuleNotFoundError: No module named 'dinov2.hub'", "the hub repo's import"),
]

# An attention implementation the model does not take: the argument, not the weights.
POSITIVE += [
    Case("attn-implementation-unsupported", "ValueError: InternVLChatModel does not support Flash Attention 2.0 yet.",
         "remote code without the flag", fix="update_calling_code"),
    Case("attn-implementation-unsupported", "ValueError: GPT2LMHeadModel does not support an attention implementation "
         "through torch.nn.functional.scaled_dot_product_attention yet. Please request to add support where the model "
         "is hosted, on its model hub page: https://huggingface.co/gpt2/discussions/new", "transformers 4.3x, sdpa"),
    Case("attn-implementation-unsupported", "load model error: Both attn_implementation=\"sdpa\" and "
         "`use_flash_attention_2=True` were used when loading the model, which are not compatible.", "two arguments"),
    Case("attn-implementation-unsupported", "KeyError: `flex` is not a valid attention implementation registered in the "
         "`AttentionInterface`", "transformers 5, a name not registered"),
]
NEGATIVE += [
    Case("attn-implementation-unsupported", "RuntimeError: FlashAttention only supports Ampere GPUs or newer.",
         "the GPU, not the model"),
    Case("attn-implementation-unsupported", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due "
         "to the following error: the package flash_attn seems to be not installed.", "the package missing"),
]

# A sub-config left as the dict from config.json: a transformers that does not know that part.
POSITIVE += [
    Case("sub-config-left-as-dict", "[QwenVL] Loading Qwen3-VL-4B-Instruct\n!!! Exception during processing !!! 'dict' "
         "object has no attribute 'model_type'", "ComfyUI on transformers 4.56", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("sub-config-left-as-dict", "AttributeError: 'dict' object has no attribute 'to_dict'", "another attribute"),
]

# NeMo's registry of names.
POSITIVE += [
    Case("model-name-not-in-library-list", "FileNotFoundError: Model tts_en_lj_vits was not found. Check "
         "cls.list_available_models() for the list of all available models.", "NeMo 1.x"),
]


# trl's value head on a model whose head it cannot find.
POSITIVE += [
    Case("value-head-without-lm-head", "  File \"/venv/lib/python3.8/site-packages/trl/models/modeling_value_head.py\", "
         "line 107, in __init__\n    raise ValueError(\"The model does not have a language model head, please use a model "
         "that has one.\")\nValueError: The model does not have a language model head, please use a model that has one.",
         "trl 0.4, ChatGLM", fix="other"),
]
NEGATIVE += [
    Case("value-head-without-lm-head", "AttributeError: 'ChatGLMForConditionalGeneration' object has no attribute "
         "'lm_head'", "the head asked for by name"),
]

# The remote-code prompt's timeout armed from a worker thread.
POSITIVE += [
    Case("trust-remote-code", "  File \"/app/.venv/lib/python3.10/site-packages/transformers/dynamic_module_utils.py\", "
         "line 613, in resolve_trust_remote_code\n    signal.signal(signal.SIGALRM, _raise_timeout_error)\n"
         "ValueError: signal only works in main thread of the main interpreter", "a Gradio worker, transformers 4.3x"),
]
NEGATIVE += [
    Case("trust-remote-code", "  File \"/venv/lib/python3.10/site-packages/vllm/entrypoints/llm.py\", line 80, in "
         "__init__\n    signal.signal(signal.SIGINT, handler)\nValueError: signal only works in main thread of the main "
         "interpreter", "vLLM's own handler in a thread"),
]


# session 17 (batch62): more tools' own lists of architectures (optimum's NormalizedConfig and Neuron exporter, MLC-LLM's
# converter, TEI's serde-read model_type, Ollama's safetensors import)
POSITIVE += [
    Case("runtime-arch-unsupported", "llama is not supported yet with the neuron backend. Only [] are supported. If "
         "you want to support neuron please propose a PR or open up an issue.", "optimum-neuron export", fix="other"),
    Case("runtime-arch-unsupported", "KeyError: 'chatglm model type is not supported yet in NormalizedConfig. Only "
         "albert, bart, bert, blenderbot, bloom, codegen are supported. If you want to support chatglm please propose "
         "a PR or open up an issue.'", "optimum ORTModelForCausalLM", fix="other"),
    Case("runtime-arch-unsupported", "ValueError: Unknown model type: stablelm_epoch. Available ones: ['llama', "
         "'mistral', 'gpt2', 'mixtral', 'gpt_neox', 'gpt_bigcode', 'phi-msft', 'phi']", "MLC-LLM convert_weight",
         fix="other"),
    Case("runtime-arch-unsupported", "Error: Could not create backend\n\nCaused by:\n    Could not start backend: Model "
         "is not supported: unknown variant `deberta-v2`, expected one of `bert`, `xlm-roberta`, `camembert`, "
         "`roberta`, `distilbert`, `nomic_bert` at line 21 column 28", "TEI 1.1", fix="other"),
    Case("runtime-arch-unsupported", 'transferring model data 100%\nconverting model\nError: unsupported architecture '
         '"DeepseekV3ForCausalLM"', "ollama create from safetensors", fix="other"),
]
NEGATIVE += [
    # tokenizers (Rust) reading a tokenizer.json of a newer format says "unknown variant" too: no model type in it
    Case("runtime-arch-unsupported", "Exception: data did not match any variant of untagged enum ModelWrapper at line "
         "250373 column 3", "tokenizers too old"),
    Case("runtime-arch-unsupported", "Exception: unknown variant `ByteFallback`, expected one of `BPEDecoder`, "
         "`ByteLevel` at line 1 column 2", "tokenizers decoder variant"),
]


# session 17 (batch63): code written for transformers 4 meeting what transformers 5 removed or moved
POSITIVE += [
    # (encode_plus / batch_encode_plus: tokenizer/tokenizer-encode-plus-removed, call the tokenizer instead)
    Case("v5-removed-attribute", "AttributeError: 'LlamaTokenizerFast' object has no attribute "
         "'all_special_tokens_extended'", "a special-token view 5.0 removed"),
    Case("v5-removed-attribute", '  File ".../modeling_qwen3.py", line 293, in _compute_default_rope_parameters\n'
         "    base = config.rope_theta\nAttributeError: 'NEOLLMConfig' object has no attribute 'rope_theta'",
         "remote code reading rope_theta"),
    Case("v5-removed-attribute", "AttributeError: 'CLIPTextModel' object has no attribute 'text_model'",
         "transformers 5.6 CLIPTextModel"),
    Case("v5-removed-attribute", "KeyError: \"Unknown task summarization, available tasks are ['any-to-any', "
         "'audio-classification', 'text-generation']\"", "pipeline task removed in 5.0"),
]
NEGATIVE += [
    # a slow tokenizer's own attribute, missing for another reason (the remote code sets it after super().__init__)
    Case("v5-removed-attribute", "AttributeError: 'ChatGLMTokenizer' object has no attribute 'sp_tokenizer'",
         "remote tokenizer init order"),
    Case("v5-removed-attribute", "KeyError: \"Unknown task text-generaton, available tasks are ['text-generation']\"",
         "a misspelled task"),
]


# session 17 (batch64): a generative class of the project's own, named for no head, without generate()
POSITIVE += [
    Case("remote-model-without-generate", '  File "/UniVLA/models/inference/inference_vision.py", line 359, in <module>\n'
         "    outputs = model.generate(\nAttributeError: 'Emu3MoE' object has no attribute 'generate'",
         "Emu3's own class under transformers 4.50+", fix="pin_transformers_version"),
]
NEGATIVE += [
    # a sentence-embedding wrapper never generates: the call, not the release
    Case("remote-model-without-generate", "AttributeError: 'SentenceTransformer' object has no attribute 'generate'",
         "an embedding wrapper"),
]


# session 17: a model type no transformers release has (the snapshot of the newest release's table) is the project's
POSITIVE += [
    Case("unknown-model-type", "ValueError: The checkpoint you are trying to load has model type `multi_modality` but "
         "Transformers does not recognize this architecture. This could be because of an issue with the checkpoint, "
         "or because your version of Transformers is out of date.", "Janus' own type", fix="other"),
    Case("unknown-model-type", "KeyError: 'qwen2'", "a type newer than the install", fix="upgrade_transformers"),
]

# A model class written outside transformers lacks a private class attribute newer releases read
POSITIVE += [
    Case("model-code-lacks-transformers-attribute", "AttributeError: 'PrismaticVLM' object has no attribute "
         "'_supports_cache_class'", "OpenVLA's base VLM on transformers 4.42"),
    Case("model-code-lacks-transformers-attribute", "  File \".../modeling_utils.py\", line 2087, in "
         "_check_and_adjust_attn_implementation\n    if not self._supports_flash_attn_2:\nAttributeError: "
         "'InternLM2ForCausalLM' object has no attribute '_supports_flash_attn_2'", "remote code, flash attention"),
]
NEGATIVE += [
    Case("model-code-lacks-transformers-attribute", "AttributeError: 'LlamaForCausalLM' object has no attribute "
         "'supports_gradient_checkpointing_enable'", "a public method name, not a _supports_ flag"),
]

# transformers 5 removed generation's beam scorers and constraints (and TF/Flax)
POSITIVE += [
    Case("v5-removed-attribute", "ImportError: cannot import name 'BeamSearchScorer' from 'transformers' "
         "(/env/lib/python3.11/site-packages/transformers/__init__.py)", "coqui TTS on 5.x"),
    Case("v5-removed-attribute", "from transformers import ConstrainedBeamSearchScorer, PhrasalConstraint\n"
         "ImportError: cannot import name 'ConstrainedBeamSearchScorer' from 'transformers' (unknown location)",
         "constrained beam search"),
]
NEGATIVE += [
    Case("v5-removed-attribute", "ImportError: cannot import name 'BeamSearchScorer' from 'mylib.generation'",
         "another library's module"),
]

# transformers 5 reads all_tied_weights_keys, which model code written for 4.x does not set
POSITIVE += [
    Case("model-code-lacks-transformers-attribute", "AttributeError: 'ColBERTModel' object has no attribute "
         "'all_tied_weights_keys'", "a reranker's model class on 5.x"),
]

# timm's message pasted without its exception name
POSITIVE += [
    Case("timm-model-unknown", "Unknown model (vit_large_patch14_dinov2)", "an issue title"),
]
NEGATIVE += [
    Case("timm-model-unknown", "ValueError: Unknown model (see the list below) in the config",
         "words, not a name"),
]


# Unsloth's model registry names the transformers release it found too old; a config class of a model's own code
# (BiRefNet / RMBG-2.0's bare `Config`, not a PretrainedConfig) lacks what newer transformers reads from every config
POSITIVE += [
    Case("unknown-model-type", "ValueError: `acme/NewArch-3B` is not supported yet in `transformers==4.51.3`.",
         "Unsloth's registry", fix="upgrade_transformers"),
    Case("model-code-lacks-transformers-attribute", "[ERROR] 'Config' object has no attribute 'get_text_config'",
         "a remote-code Config under transformers 4.49+", fix="pin_transformers_version"),
    Case("model-code-lacks-transformers-attribute", "  File \"transformers/configuration_utils.py\", line 1241, in "
         "get_text_config\nAttributeError: 'Config' object has no attribute 'is_encoder_decoder'",
         "the same class under 4.56's tie_weights", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-code-lacks-transformers-attribute", "AttributeError: 'LlamaConfig' object has no attribute "
         "'get_text_config'", "transformers' own config class: a transformers older than its caller"),
    Case("unknown-model-type", "ValueError: `acme/NewArch-3B` is not supported yet in `vllm==0.6.3`.",
         "another library's version"),
]

# a runtime's own refusal of a model type inside a log line or naming itself (MLX servers, LM Studio, fastllm), vLLM's
# MiniCPM-V version check, LMDeploy's config check; and vLLM building a generation class from an embedding checkpoint
POSITIVE += [
    Case("runtime-arch-unsupported", "2026-02-11 09:12:03 | ERROR | Failed to load: Model type newarch_moe not "
         "supported.", "an MLX server's log line", fix="other"),
    Case("runtime-arch-unsupported", "Model type glm4_moe not supported by mlx-vlm", "naming the library", fix="other"),
    Case("runtime-arch-unsupported", "Error: Unsupported model type: seed_oss", "LM Studio's MLX engine", fix="other"),
    Case("runtime-arch-unsupported", "FastLLM Error: Unsupport graph model type ernie4_5_moe", "fastllm", fix="other"),
    Case("runtime-arch-unsupported", "ValueError: Currently, MiniCPMV only supports versions 2.0, 2.5, 2.6. Got version: "
         "(4, 0)", "vLLM 0.9's MiniCPM-V", fix="other"),
    Case("runtime-arch-unsupported", "(\"Checking failed with error 'Glm4vConfig' object has no attribute "
         "'num_attention_heads'\", 'Please send issue to LMDeploy with error logs.')", "LMDeploy's config check",
         fix="other"),
    Case("runtime-embedding-checkpoint-as-generator", "ValueError: There is no module or parameter named "
         "'embed_tokens' in Qwen2ForCausalLM", "gte-Qwen2 served for generation", fix="update_calling_code"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "ValueError: The checkpoint you are trying to load has model type `newarch` but "
         "Transformers does not recognize this architecture.", "transformers' own message"),
    Case("runtime-embedding-checkpoint-as-generator", "ValueError: There is no module or parameter named 'lm_head' in "
         "LlamaForCausalLM", "a head's weight, not a base model's"),
]

# An Auto class called like a model class (transformers raises this from AutoX.__init__, produced for real here),
# and Unsloth's vision loader refusing a model type
def _construct_auto_model() -> BaseException:
    from transformers import AutoModel

    try:
        AutoModel()
    except OSError as error:
        return error
    raise AssertionError("AutoModel() built an object")


POSITIVE += [
    Case("auto-class-constructed", exc=_construct_auto_model, source="transformers, live", fix="update_calling_code"),
    Case("auto-class-constructed", "OSError: AutoTokenizer is designed to be instantiated using the "
         "`AutoTokenizer.from_pretrained(pretrained_model_name_or_path)` method.", "tokenizer"),
    Case("runtime-arch-unsupported", "NotImplementedError: Unsloth: qwen2_5_vl is not yet implemented!", "unsloth#1984"),
]
NEGATIVE += [
    Case("auto-class-constructed", "ValueError: Unrecognized configuration class <class 'transformers.models.t5."
         "configuration_t5.T5Config'> for this kind of AutoModel: AutoModelForCausalLM.", "wrong Auto class"),
    Case("runtime-arch-unsupported", "NotImplementedError: Cannot copy out of meta tensor; no data!", "meta tensor"),
]

# pipeline(): a task the installed transformers knows but the printing release did not (transformers 2.3's list), and a
# misspelled task (check_task raises it for real here); a class the module lacks under that spelling, read for real;
# a model's own code overriding a private method whose signature transformers changed (4.35)
def _check_misspelled_task() -> BaseException:
    from transformers.pipelines import check_task

    try:
        check_task("depth-estimatoin")
    except KeyError as error:
        return error
    raise AssertionError("check_task accepted a misspelled task")


def _read_llama_tokenizer_by_old_name() -> BaseException:
    import transformers

    try:
        transformers.LLaMATokenizer  # noqa: B018  (the failing attribute read is the point)
    except AttributeError as error:
        return error
    raise AssertionError("transformers exports LLaMATokenizer")


POSITIVE += [
    Case("pipeline-task-unknown-to-release", "KeyError: \"Unknown task depth-estimation, available tasks are "
         "['feature-extraction', 'sentiment-analysis', 'ner', 'question-answering']\"", "transformers 2.3",
         fix="upgrade_transformers"),
    Case("pipeline-task-misspelled", exc=_check_misspelled_task, source="check_task, live", fix="update_calling_code"),
    Case("class-name-spelled-otherwise", exc=_read_llama_tokenizer_by_old_name, source="module attribute, live",
         fix="update_calling_code"),
    Case("model-code-overrides-private-method", """  File "/env/lib/python3.10/site-packages/transformers/modeling_utils.py", line 1873, in gradient_checkpointing_enable
    self._set_gradient_checkpointing(enable=True, gradient_checkpointing_func=gradient_checkpointing_func)
TypeError: ChatGLMPreTrainedModel._set_gradient_checkpointing() got an unexpected keyword argument 'enable'""",
         "transformers 4.35", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("pipeline-task-unknown-to-release", "KeyError: \"Unknown task text-to-video, available tasks are "
         "['fill-mask', 'text-generation']\"", "a task no release has"),
    Case("pipeline-task-misspelled", "KeyError: \"Unknown task fill-mask, available tasks are "
         "['feature-extraction', 'ner']\"", "spelled right, release too old"),
    Case("model-code-overrides-private-method", "TypeError: INSTRUCTOR._load_sbert_model() got an unexpected keyword "
         "argument 'token'", "an add-on, not a model"),
]

# transformers' own module failing to import a name from transformers: two releases mixed in one process or install
POSITIVE += [
    Case("transformers-install-mixed", "RuntimeError: Failed to import transformers.models.paligemma.processing_"
         "paligemma because of the following error (look up to see its traceback):\ncannot import name 'Unpack' from "
         "'transformers.processing_utils' (/usr/local/lib/python3.10/dist-packages/transformers/processing_utils.py)",
         "an upgrade the notebook did not restart for", fix="upgrade_transformers"),
]
NEGATIVE += [
    # the importer is another package: its pin, not transformers' install (arch/transformers-helper-removed)
    Case("transformers-install-mixed", "RuntimeError: Failed to import peft.tuners.lora because of the following error "
         "(look up to see its traceback):\ncannot import name 'is_torch_fx_proxy' from 'transformers.utils'",
         "peft importing a removed helper"),
    # transformers' module failing on another package's name: that package's question
    Case("transformers-install-mixed", "RuntimeError: Failed to import transformers.models.clip.modeling_clip because "
         "of the following error (look up to see its traceback):\ncannot import name 'quantize_affine' from "
         "'torchao.quantization.quant_primitives'", "torchao's name"),
]

# GPUStack's own check of an architecture against its backends
POSITIVE += [
    Case("runtime-arch-unsupported", "Not a supported model. Detected architectures: ['HunYuanMoEV1ForCausalLM'].",
         "GPUStack"),
]
# a model's code picking its attention class from its own table by config._attn_implementation
POSITIVE += [
    Case("model-code-attention-table", '  File "surya/model/ordering/decoder.py", line 209, in __init__\n    '
         "self.self_attn = MBART_ATTENTION_CLASSES[config._attn_implementation]\nKeyError: 'sdpa'",
         "code written before sdpa was the default", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-code-attention-table", "    self.self_attn = ATTENTION_CLASSES[config._attn_implementation](config)\n"
         "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 64.00 MiB", "memory while building the layer"),
]

# batch75: AutoTokenizer asked of a model that reads no text (read with transformers' own tables, not a list); a call
# missing a required argument; a misspelled class looked up on a model's own module
POSITIVE += [
    Case("auto-tokenizer-for-model-without-text", "    tok = AutoTokenizer.from_pretrained(\"microsoft/resnet-50\")\n"
         "ValueError: Unrecognized configuration class <class 'transformers.models.resnet.configuration_resnet."
         "ResNetConfig'> to build an AutoTokenizer.\nModel type should be one of AlbertConfig, BartConfig, BertConfig.",
         "ResNet, no tokenizer in any release", fix="use_other_auto_class"),
    Case("auto-tokenizer-for-model-without-text", "    tokenizer_class_py, tokenizer_class_fast = "
         "TOKENIZER_MAPPING[type(config)]\n  File \"/usr/lib/python3/site-packages/transformers/models/auto/"
         "auto_factory.py\", line 565, in __getitem__\n    raise KeyError(key)\nKeyError: <class 'transformers.models."
         "segformer.configuration_segformer.SegformerConfig'>", "transformers 4.2x: the mapping's KeyError"),
    Case("call-missing-required-argument", "  File \"/app/load.py\", line 12, in build\n    encoder = "
         "VisionEncoder.from_config()\nTypeError: VisionEncoder.from_config() missing 1 required positional argument: "
         "'config'", "a project's own class", fix="update_calling_code"),
    Case("call-missing-required-argument", "TypeError: snapshot_download() missing 1 required keyword-only argument: "
         "'repo_id'", "keyword-only form"),
    Case("class-name-spelled-otherwise", "AttributeError: module transformers.models.gpt2 has no attribute "
         "GPT2LmHeadModel", "the model module's lazy lookup", fix="update_calling_code"),
]
NEGATIVE += [
    Case("auto-tokenizer-for-model-without-text", "ValueError: Unrecognized configuration class <class 'transformers."
         "models.llama.configuration_llama.LlamaConfig'> to build an AutoTokenizer.", "a text model: another cause"),
    Case("call-missing-required-argument", "TypeError: forward() got an unexpected keyword argument 'position_ids'",
         "an argument too many, not one missing"),
]


# batch76: transformers 5's strict config classes; the base config's 4.x defaults read by 4.x code; mlx-vlm's model
# type refusal with its import error after it
POSITIVE += [
    Case("config-field-type-rejected", "    config = AutoConfig.from_pretrained(path)\nhuggingface_hub.errors."
         "StrictDataclassFieldValidationError: Validation error for field 'rope_scaling':\n    TypeError: Field "
         "'rope_scaling' expected dict, got str (value: 'linear')", "transformers 5 config from a 4.x-era checkpoint",
         fix="pin_transformers_version"),
    Case("v5-removed-attribute", "  File \"/root/.cache/huggingface/modules/transformers_modules/m/modeling_m.py\", "
         "line 88, in __init__\n    self.padding_idx = config.pad_token_id\nAttributeError: 'MConfig' object has no "
         "attribute 'pad_token_id'", "remote code reading a 4.x default", fix="pin_transformers_version"),
    Case("runtime-arch-unsupported", "ERROR - Model type qwen3_omni not supported. Error: No module named "
         "'mlx_vlm.models.qwen3_omni'", "mlx-vlm's wording with the import error"),
]
NEGATIVE += [
    Case("config-field-type-rejected", "pydantic_core._pydantic_core.ValidationError: 1 validation error for "
         "ServerArgs\nport\n  Input should be a valid integer", "a server's own settings, not a model config"),
    Case("v5-removed-attribute", "AttributeError: 'LlamaConfig' object has no attribute 'hidden_sizes'",
         "a field no release had: another cause"),
]


# An argument transformers took until a release removed it, passed by a caller written for the older release
POSITIVE += [
    Case("unexpected-model-kwarg", "  File \"/venv/lib/python3.10/site-packages/transformers/modeling_utils.py\", line "
         "4971, in from_pretrained\n    model = cls(config, *model_args, **model_kwargs)\nTypeError: "
         "SiglipVisionModel.__init__() got an unexpected keyword argument 'low_cpu_mem_usage'",
         "a caller written for transformers 4 under 5", fix="pin_transformers_version"),
]


# batch77: a runtime's refusal after an app's own log prefix
POSITIVE += [
    Case("runtime-arch-unsupported", "2025-08-04T04:11:32Z error: Error loading mlx-community/Qwen3-Coder-30B-A3B-"
         "Instruct-4bit: Unsupported model type: qwen3_moe", "Pico MLX Server"),
]

# batch78: a bare model's output read for logits; an exporter's whole list of model types
POSITIVE += [
    Case("base-model-output-without-head", "AttributeError: 'TFBaseModelOutputWithPastAndCrossAttentions' object has "
         "no attribute 'logits'", "TFAutoModel and generate()", fix="use_other_auto_class"),
    Case("base-model-output-without-head", "AttributeError: 'Seq2SeqModelOutput' object has no attribute 'loss'",
         "BartModel in a training loop"),
    Case("runtime-arch-unsupported", "KeyError: \"mpnet is not supported yet. Only ['albert', 'bart', 'beit', 'bert', "
         "'big-bird', 'bigbird-pegasus', 'blenderbot', 'blenderbot-small', 'bloom', 'camembert', 'clip', 'codegen', "
         "'convbert', 'convnext', 'data2vec-text', 'data2vec-vision', 'deberta', 'deberta-v2', 'deit', 'detr', "
         "'distilbert', 'electra', 'flaubert', 'gpt2', 'gptj', 'gpt-neo'] are supported\"", "an ONNX exporter's list"),
]
NEGATIVE += [
    Case("base-model-output-without-head", "AttributeError: 'CausalLMOutputWithPast' object has no attribute "
         "'hidden_state'", "a head's output, another attribute"),
    Case("base-model-output-without-head", "AttributeError: 'tuple' object has no attribute 'logits'",
         "return_dict=False"),
]

# optimum's exporters infer the task from the Hub: a local folder needs --task.
POSITIVE += [
    Case("export-task-not-inferred", "$ optimum-cli export onnx -m ./my-finetuned-bert onnx_out/\nRuntimeError: Cannot "
         "infer the task from a local directory yet, please specify the task manually.", "the ONNX exporter",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("export-task-not-inferred", "KeyError: \"Unknown task: text2text. Possible values are: `text-classification`\"",
         "a task given, but misspelled"),
]

# Runtimes with their own model lists say so in their own words.
POSITIVE += [
    Case("runtime-arch-unsupported", " -- Loading model...\n !! Warning, unknown architecture: DeepseekV2ForCausalLM\n"
         " !! Loading as LlamaForCausalLM\nValueError: ## Could not find model.layers.0.mlp.gate_proj.* in model",
         "exllamav2 falls back to Llama", fix="other"),
    Case("runtime-arch-unsupported", "INFO: rkllm-toolkit version: 1.1.2\nERROR: Not support Qwen3ForCausalLM!\nLoad "
         "model failed!", "Rockchip's converter"),
]

# mistral.rs names the transformers class it has no loader for.
POSITIVE += [
    Case("runtime-arch-unsupported", "Error: Unsupported Huggging Face Transformers -CausalLM model class "
         "`Phi4MMForCausalLM`. Please raise an issue.", "mistral.rs, its own spelling", fix="other"),
]

# A transformers class the caller's own script never imported (its frame shows the line): nothing is missing.
POSITIVE += [
    Case("caller-import-missing", "Traceback (most recent call last):\n  File \"/home/me/finetune.py\", line 12, in "
         "main\n    model = AutoModelForSequenceClassification.from_pretrained(\"bert-base-uncased\")\nNameError: name "
         "'AutoModelForSequenceClassification' is not defined", "a script without the import",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("caller-import-missing", "  File \"/opt/venv/lib/python3.11/site-packages/bagel/modeling.py\", line 40, in "
         "build\n    config = Qwen2Config()\nNameError: name 'Qwen2Config' is not defined", "a library's guarded import"),
    Case("caller-import-missing", "  File \"/home/me/run.py\", line 3, in <module>\n    df = DataFrame()\nNameError: "
         "name 'DataFrame' is not defined", "not a transformers class"),
]

# A pickle naming a class the installed library lacks; transformers 5's tokenizer backends by name.
POSITIVE += [
    Case("pickled-class-missing-in-library", "AttributeError: Can't get attribute 'C3k2' on <module "
         "'ultralytics.nn.modules.block' from '/x/ultralytics/nn/modules/block.py'>", "a YOLO11 checkpoint, ultralytics 8.2",
         fix="other"),
    Case("v5-removed-attribute", "AttributeError: TokenizersBackend has no attribute all_special_tokens_extended. Did you "
         "mean: 'num_special_tokens_to_add'?", "vLLM 0.10 under transformers 5", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("pickled-class-missing-in-library", "AttributeError: 'GPT2Model' object has no attribute 'generate'",
         "a model class without the method"),
]

# lm-eval's registry; a repo id with a dot cut in its module name.
POSITIVE += [
    Case("model-name-not-in-library-list", "ValueError: Attempted to load model 'llava_hf', but no model for this name "
         "found! Supported model names: llava, llava_sglang, qwen_vl, fuyu", "lmms-eval"),
    Case("remote-code-module-cut-at-dot", "ModuleNotFoundError: No module named 'transformers_modules.Salesforce."
         "codegen2-3'", "a Hub repo's id (Salesforce/codegen2-3.7B), transformers 4.30", fix="upgrade_transformers"),
]

# A pickled whole model naming a class transformers has since renamed; a composite config's custom field.
POSITIVE += [
    Case("pickled-transformers-class-renamed", "  File \"/usr/lib/python3.9/pickle.py\", line 1579, in "
         "find_class\n    return _getattribute(sys.modules[module], name)[0]\nAttributeError: Can't get attribute "
         "'BartLearnedPositionalEmbedding' on <module 'transformers.modeling_bart' from '/venv/lib/python3.9/"
         "site-packages/transformers/modeling_bart.py'>", "torch.load of a whole model saved with transformers 3",
         fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("pickled-transformers-class-renamed", "AttributeError: Can't get attribute 'C2f' on <module "
         "'ultralytics.nn.modules' from '/venv/lib/python3.10/site-packages/ultralytics/nn/modules/__init__.py'>",
         "another library's class (pickled-class-missing-in-library)"),
    Case("composite-config-attribute", "  File \"/work/videochat/model/builder.py\", line 77, in load_model\n"
         "    modalities = model.config.MODALITIES\nAttributeError: 'LlavaConfig' object has no attribute 'MODALITIES'",
         "a fork's own field, not a text setting"),
]

# diffusers cannot find the code of a component model_index.json lists.
POSITIVE += [
    Case("diffusers-component-module-unknown", "  File \"/venv/lib/python3.11/site-packages/diffusers/pipelines/"
         "pipeline_loading_utils.py\", line 331, in get_class_obj_and_candidates\n    raise ValueError(\nValueError: "
         "pipeline_ddpm_vq.py as defined in `model_index.json` does not exist in acme/vq-diffusion-pets and is not a "
         "module in 'diffusers/pipelines'.", "DiffusionPipeline.from_pretrained on diffusers 0.30", fix="other"),
]
NEGATIVE += [
    Case("diffusers-component-module-unknown", "OSError: Error no file named diffusion_pytorch_model.bin found in "
         "directory /models/sd15/unet.", "a component's weights missing, not its code"),
]

# A model's own config class lacking a setting transformers' shared code reads.
POSITIVE += [
    Case("remote-config-lacks-setting", "  File \"/venv/lib/python3.11/site-packages/transformers/models/wav2vec2/"
         "modeling_wav2vec2.py\", line 412, in __init__\n    if config.feat_proj_layer_norm:\nAttributeError: "
         "'AcmeAudioConfig' object has no attribute 'feat_proj_layer_norm'", "an audio model's remote code on a "
         "newer transformers", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("remote-config-lacks-setting", "AttributeError: 'LlamaConfig' object has no attribute 'rope_scalling'",
         "transformers' own config and a misspelled setting"),
]

# Another framework's configuration object is no model config.
NEGATIVE += [
    Case("remote-config-lacks-setting", "  File \"/venv/lib/python3.10/site-packages/omegaconf/dictconfig.py\", line "
         "355, in __getattr__\nAttributeError: 'DictConfig' object has no attribute 'pretrained_path'",
         "a Hydra config missing a key"),
]

# batch87: transformers.js without the model's class; a tokenizer class imported from a release without it; a
# CONFIG_MAPPING KeyError cut before its last line
POSITIVE += [
    Case("transformers-js-lacks-class", "file:///app/index.mjs:1\nimport { AutoProcessor, Florence2ForConditionalGeneration"
         " } from '@xenova/transformers';\n                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: The "
         "requested module '@xenova/transformers' does not provide an export named 'Florence2ForConditionalGeneration'",
         "Node with transformers.js 2.x", fix="upgrade_transformers"),
    Case("unknown-model-type", "----> 1 from transformers import GemmaTokenizerFast\n\nImportError: cannot import name "
         "'GemmaTokenizerFast' from 'transformers' (/usr/local/lib/python3.10/dist-packages/transformers/__init__.py)",
         "a release before Gemma", fix="upgrade_transformers"),
    Case("unknown-model-type", "/usr/local/lib/python3.10/dist-packages/transformers/models/auto/configuration_auto.py "
         "in __getitem__(self, key)\n    708         if key not in self._mapping:\n--> 709             raise KeyError(key)"
         "\n    710         value = self._mapping[key]\n    711         module_name = model_type_to_module_name(key)",
         "a Colab traceback cut before its KeyError line", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("transformers-js-lacks-class", "SyntaxError: The requested module 'react' does not provide an export named "
         "'use'", "another package's export"),
    # a model's own module defines its slow tokenizer only with sentencepiece: tokenizer-library-missing
    Case("unknown-model-type", "ImportError: cannot import name 'T5Tokenizer' from 'transformers.models.t5' "
         "(/x/transformers/models/t5/__init__.py)", "the model's module, sentencepiece missing"),
    Case("unknown-model-type", "ImportError: cannot import name 'AutoTokenizer' from 'transformers' (unknown location)",
         "a broken install, not a model"),
]


# batch87: faster-whisper's size list after its source line (LM Studio's JSON form of llama.cpp's tensor count is in
# test_shapes.py)
POSITIVE += [
    Case("library-model-name-misspelled", "     75         if repo_id is None:\n---> 76             raise ValueError(\n"
         "     77                 \"Invalid model size '%s', expected one of: %s\"\n\nValueError: Invalid model size "
         "'distil-whisper-large-v3-ct2', expected one of: tiny.en, tiny, base.en, base, small.en, small, medium.en, "
         "medium, large-v1, large-v2, large-v3, large", "an IPython traceback: the raise's source first",
         fix="fix_identifier"),
]


# batch88: a longrope check that ignores partial_rotary_factor
POSITIVE += [
    Case("rope-scaling-format-unknown", "ValueError: `rope_scaling`'s long_factor field must have length 48, got 32",
         "transformers 4.48 on a partial-rotary checkpoint", fix="upgrade_transformers"),
]


# batch89: an encoder-decoder model given encoder inputs only; generate() given arguments no model takes; a model
# object indexed as a list; a processor older than ProcessorMixin's methods; model classes with a suffix, an import
# whose module lost its quotes, IPython's frame of CONFIG_MAPPING's KeyError, and a model type named without backticks
POSITIVE += [
    Case("encoder-decoder-without-decoder-inputs", "  File \"/x/transformers/models/bart/modeling_bart.py\", line 1003, "
         "in forward\n    raise ValueError(\"You must specify exactly one of decoder_input_ids or "
         "decoder_inputs_embeds\")\nValueError: You must specify exactly one of decoder_input_ids or "
         "decoder_inputs_embeds", "transformers 5, BartModel called for sentence vectors", fix="use_other_auto_class"),
    Case("encoder-decoder-without-decoder-inputs", "outputs = mt5(input_ids=batch['input_ids'])\nValueError: You have to "
         "specify either decoder_input_ids or decoder_inputs_embeds", "transformers 4.x, MT5Model",
         fix="use_other_auto_class"),
    Case("generate-kwargs-unused", "ValueError: The following `model_kwargs` are not used by the model: "
         "['token_type_ids'] (note: typos in the generate arguments will also show up in this list)",
         "a tokenizer's token_type_ids passed to a causal LM's generate", fix="update_calling_code"),
    Case("model-object-indexed", "    encoder = model[0]\nTypeError: 'BertModel' object is not subscriptable",
         "a single model where a list was expected", fix="update_calling_code"),
    Case("processor-method-missing", "AttributeError: 'Qwen2VLProcessor' object has no attribute "
         "'apply_chat_template'", "transformers before processor chat templates", fix="upgrade_transformers"),
    Case("unknown-model-type", "ImportError: cannot import name 'CLIPTextModelWithProjection' from 'transformers' "
         "(/opt/venv/lib/python3.9/site-packages/transformers/__init__.py)", "a model class with a suffix",
         fix="upgrade_transformers"),
    Case("unknown-model-type", "ImportError: cannot import name 'Gemma3ForCausalLM' from transformers (unknown "
         "location)", "the module's quotes lost", fix="upgrade_transformers"),
    Case("unknown-model-type", "/content/venv/transformers/models/auto/configuration_auto.py in __getitem__(self, key)\n"
         "    709         if key not in self._mapping:\n--> 710             raise KeyError(key)\n    711         value = "
         "self._mapping[key]\n\nKeyError: 'olmo2'", "IPython's frame, then the KeyError", fix="upgrade_transformers"),
    Case("unknown-model-type", "ValueError: The checkpoint you are trying to load has model type acme_vlm_chat but "
         "Transformers does not recognize this architecture.", "a project's own type, named without backticks",
         fix="other"),
]
NEGATIVE += [
    # the encoder's own inputs missing is the caller's call, not the decoder's
    Case("encoder-decoder-without-decoder-inputs", "ValueError: You must specify exactly one of input_ids or "
         "inputs_embeds", "the encoder's inputs"),
    Case("generate-kwargs-unused", "ValueError: `device_map` is already specified in `model_kwargs`.",
         "a pipeline's model_kwargs"),
    Case("model-object-indexed", "TypeError: 'CausalLMOutputWithPast' object is not subscriptable",
         "an output, not a model"),
    Case("processor-method-missing", "AttributeError: 'AcmeSpeechProcessor' object has no attribute "
         "'apply_chat_template'", "a processor transformers does not define"),
    Case("processor-method-missing", "AttributeError: 'WhisperProcessor' object has no attribute 'decode_timestamps'",
         "not a method of ProcessorMixin"),
    Case("unknown-model-type", "ImportError: cannot import name 'BaseModelOutputWithPastAndCrossAttentions' from "
         "'transformers.models.esm.modeling_esm'", "an output class moved between releases"),
]


# batch90: a config dataclass under transformers 5's dataclass PretrainedConfig; remote code kept in another repo,
# named by an auto_map that a transformers before 4.29 reads as a file of this repo
POSITIVE += [
    Case("config-dataclass-field-order", "  File \"/x/acme_policy/configuration_acme.py\", line 12, in <module>\n"
         "    @dataclass\n     ^^^^^^^^^\nTypeError: non-default argument 'vision_cfg' follows default argument",
         "a project's @dataclass config under transformers 5", fix="pin_transformers_version"),
    Case("remote-code-in-another-repo", "OSError: acme/retriever-small does not appear to have a file named "
         "acme/shared-code--modeling_retriever.py. Checkout 'https://huggingface.co/acme/retriever-small/main' for "
         "available files.", "an auto_map into another repo, read by transformers 4.28", fix="upgrade_transformers"),
]
NEGATIVE += [
    # a function's own signature (Python's SyntaxError names no field): the caller's code, not a config dataclass
    Case("config-dataclass-field-order", "    def load(path=None, device):\n                        ^^^^^^\nSyntaxError: "
         "non-default argument follows default argument", "a syntax error in a script"),
    Case("remote-code-in-another-repo", "OSError: acme/retriever-small does not appear to have a file named "
         "modeling_retriever.py.", "the repo's own code file missing"),
]


# batch92: the LLaVA family's builders return the image processor as None for a folder whose name lacks "llava"; an
# Auto class's bare KeyError on a model type; a model body initialised at random (a bare base class, or a class with
# a head whose checkpoint names differ); a repo's remote config reading llm_config['architectures']; a repo's code
# files imported by name; LM Studio's runtime engine crashing; older ollama's words for a model it cannot load
POSITIVE += [
    Case("llava-builder-processor-none", '  File "/home/u/ShareGPT4V/share4v/eval/run.py", line 57, in eval_model\n'
         "    images = image_processor.preprocess(images, return_tensors='pt')['pixel_values']\nAttributeError: "
         "'NoneType' object has no attribute 'preprocess'", "a LLaVA-derived eval script", fix="rename_local_dir"),
    Case("llava-builder-processor-none", "    crop = processor.image_processor.crop_size\nAttributeError: 'NoneType' "
         "object has no attribute 'crop_size'", "an attribute only an image processor has"),
    Case("llava-builder-processor-none", "Traceback (most recent call last):\n  File \"demo.py\", line 30, in <module>"
         "\n    mean = image_processor.image_mean\nAttributeError: 'NoneType' object has no attribute 'image_mean'",
         "image_mean on None"),
    Case("auto-class-keyerror-model-type", "config = AutoConfig.from_pretrained('acme/vision-omni-7b')\nKeyError: "
         "'acme_omni'", "a project's own model type, the mapping frame cut", fix="other"),
    Case("checkpoint-body-newly-initialized", "Some weights of LlavaOnevisionModel were not initialized from the model "
         "checkpoint at llava-hf/llava-onevision-qwen2-0.5b-ov-hf and are newly initialized: "
         "['language_model.embed_tokens.weight', 'language_model.layers.0.mlp.down_proj.weight', ...]",
         "a bare base class for a ForConditionalGeneration checkpoint", fix="use_other_auto_class"),
    Case("checkpoint-names-not-matched", "Some weights of GPTNeoXForCausalLM were not initialized from the model "
         "checkpoint at ./ckpt/step-9000 and are newly initialized: ['gpt_neox.embed_in.weight', "
         "'gpt_neox.layers.0.attention.dense.weight']\nYou should probably TRAIN this model on a down-stream task",
         "a class with a head, the body's names differ", fix="other"),
    Case("remote-config-reads-architectures", '  File "/root/.cache/huggingface/modules/transformers_modules/Mini-'
         'InternVL-Chat-2B-V1-5/configuration_internvl_chat.py", line 50, in __init__\n    if '
         "llm_config['architectures'][0] == 'InternLM2ForCausalLM':\nKeyError: 'architectures'",
         "InternVL-style remote config", fix="pin_transformers_version"),
    Case("remote-code-module-imported-directly", "Traceback (most recent call last):\n  File \"infer.py\", line 3, in "
         "<module>\n    from modeling_minicpmo import MiniCPMO\nModuleNotFoundError: No module named 'modeling_minicpmo'",
         "a repo's modeling file imported by name", fix="set_trust_remote_code"),
    Case("desktop-runtime-crashed", "Failed to load the model\n\nError loading model.\n\n(Exit code: 3221225477). "
         "Unknown error. Try a different model and/or config.", "LM Studio, an access violation", fix="other"),
    Case("desktop-runtime-crashed", "Error loading model.\n(Exit code: -1073740791). Please check settings and try "
         "loading the model again.", "LM Studio, a negative code"),
    Case("ollama-cannot-load-model", "Error: llama runner process no longer running: failed to load model "
         "'/usr/share/ollama/.ollama/models/blobs/sha256:3f2a9c': this model may be incompatible with your version of "
         "Ollama. If you previously pulled this model, try updating it by running `ollama pull phi3`", "ollama 0.1.3x"),
]
NEGATIVE += [
    Case("llava-builder-processor-none", "AttributeError: 'NoneType' object has no attribute 'preprocessor'",
         "another attribute"),
    Case("llava-builder-processor-none", "AttributeError: 'CLIPImageProcessor' object has no attribute 'crop_size'",
         "a processor that exists, lacking a key"),
    Case("auto-class-keyerror-model-type", "model = AutoModelForCausalLM.from_pretrained(path)\nKeyError: 'rope_type'",
         "a config dict's key"),
    Case("auto-class-keyerror-model-type", "cfg = load_presets()\nKeyError: 'qwen_7b'", "no Auto class in the paste"),
    Case("checkpoint-body-newly-initialized", "Some weights of BertForSequenceClassification were not initialized from "
         "the model checkpoint at bert-base-uncased and are newly initialized: ['classifier.bias', 'classifier.weight']",
         "a new head only: the normal start of a fine-tune"),
    Case("checkpoint-names-not-matched", "Some weights of RobertaForTokenClassification were not initialized from the "
         "model checkpoint at roberta-base and are newly initialized: ['classifier.weight', 'classifier.bias']",
         "a new head only"),
    Case("remote-config-reads-architectures", '  File "convert_hf_to_gguf.py", line 4410, in main\n    model_class = '
         "Model.from_model_architecture(hparams[\"architectures\"][0])\nKeyError: 'architectures'",
         "a converter reading config.json (config-without-model-type)"),
    Case("remote-code-module-imported-directly", "ModuleNotFoundError: No module named 'transformers_modules.Qwen-VL."
         "modeling_qwen'", "transformers' own dynamic module"),
    Case("desktop-runtime-crashed", "error loading model: unknown model architecture: 'gemma4'\n\nError loading "
         "model.\n\n(Exit code: 18446744072635812000). Unknown error. Try a different model and/or config.",
         "the runtime printed its reason"),
]
POSITIVE += [
    Case("config-without-model-type", '  File "/opt/llama.cpp/convert_hf_to_gguf.py", line 2310, in main\n    '
         "model_class = Model.from_model_architecture(hparams[\"architectures\"][0])\nKeyError: 'architectures'",
         "a converter reading a config.json without architectures", fix="other"),
]


# batch93: diffusers quoting model_index.json with single quotes
POSITIVE += [
    Case("diffusers-component-module-unknown", "ValueError: unet/mv_unet.py as defined in 'model_index.json' does not "
         "exist in acme/multiview-diffusers and is not a module in 'diffusers/pipelines'.", "diffusers 0.2x quoting",
         fix="other"),
]


# batch94: FunASR given a Hub id or a model name its installed release does not register (a folder's path is
# funasr-model-not-registered)
POSITIVE += [
    Case("funasr-model-unknown-to-release", '  File "/opt/venv/lib/python3.10/site-packages/funasr/auto/auto_model.py",'
         " line 259, in build_model\n    assert model_class is not None, f'{kwargs[\"model\"]} is not registered'\n"
         "AssertionError: FunAudioLLM/Fun-ASR-Nano-2512 is not registered", "a model newer than funasr 1.2",
         fix="install_package"),
]
NEGATIVE += [
    Case("funasr-model-unknown-to-release", "AssertionError: /data/models/iic/SenseVoiceSmall is not registered",
         "a folder's path (funasr-model-not-registered)"),
]


# A module pickled whole by an older torch: GELU gained `approximate` in torch 1.12, and a GELU pickled by 1.11 has
# none. Built here as 1.11 pickled it (its __dict__ without the attribute), saved whole and loaded back with
# weights_only=False: the installed torch's own forward raises for real.
def _run_gelu_pickled_by_torch_1_11() -> BaseException:
    import io

    import torch

    gelu = torch.nn.GELU()
    del gelu.__dict__["approximate"]
    buffer = io.BytesIO()
    torch.save(gelu, buffer)
    buffer.seek(0)
    loaded = torch.load(buffer, weights_only=False)
    try:
        loaded(torch.zeros(2))
    except AttributeError as error:
        return error
    raise AssertionError("the installed torch filled in GELU.approximate itself")


POSITIVE += [
    Case("module-pickled-by-older-torch", exc=_run_gelu_pickled_by_torch_1_11, source="torch, live", fix="other"),
    Case("module-pickled-by-older-torch", '  File "/yolov5/models/common.py", line 58, in forward\n    return '
         "self.up(x)\n  File \"/usr/lib/python3.9/site-packages/torch/nn/modules/upsampling.py\", line 154, in forward\n"
         "    recompute_scale_factor=self.recompute_scale_factor)\nAttributeError: 'Upsample' object has no attribute "
         "'recompute_scale_factor'", "YOLOv5 weights under torch 1.11"),
    Case("module-pickled-by-older-torch", "AttributeError: 'CharLMEmbeddings' object has no attribute "
         "'_load_state_dict_post_hooks'", "a library's module under torch 1.13"),
]
NEGATIVE += [
    Case("module-pickled-by-older-torch", "AttributeError: 'Linear' object has no attribute 'weight'",
         "a parameter (pickled in _parameters, another failure)"),
    Case("module-pickled-by-older-torch", "AttributeError: 'MyEncoder' object has no attribute '_modules'",
         "Module.__init__ never called (torch 1.0 set it already)"),
    Case("module-pickled-by-older-torch", "AttributeError: 'LlamaModel' object has no attribute 'proj_size'",
         "not a torch class"),
]


# ollama's older words with the blob's path wrapped by a terminal
POSITIVE += [
    Case("ollama-cannot-load-model", "Error: error loading model /home/ana/.ollama/models/bl\nobs/sha256:e8a35b5937a5e6d"
         "5c2f4a8d1f0b7c3e9a6d2f1b4c8e7a9d0f3b6c2e1a5d8f7b4", "ollama 0.1.2x, the path wrapped", fix="other"),
]




# transformers 4.3x's harmless report of rotary buffers it recomputes at load: no weight of the body is missing
NEGATIVE += [
    Case("checkpoint-names-not-matched", "Some weights of LlamaForCausalLM were not initialized from the model "
         "checkpoint at ./llama-2-7b-hf and are newly initialized: ['model.layers.0.self_attn.rotary_emb.inv_freq', "
         "'model.layers.1.self_attn.rotary_emb.inv_freq']", "rotary buffers, transformers 4.31"),
    Case("checkpoint-body-newly-initialized", "Some weights of LlamaModel were not initialized from the model "
         "checkpoint at ./llama-2-7b-hf and are newly initialized: ['layers.0.self_attn.rotary_emb.inv_freq']",
         "rotary buffers on the bare class"),
]


NEGATIVE += [
    Case("auto-class-keyerror-model-type", "tok = AutoTokenizer.from_pretrained('./ckpt')\nKeyError: 'tokenizer_class'",
         "a config key by its suffix"),
]


# batch95 (twenty-ninth+1 session): a class for another model type, mistral_inference's Args, older import and GGUF words
_OLMO_CLASS = """You are using a model of type olmo to instantiate a model of type hf_olmo. This is not supported for all configurations of models and can yield errors.
Traceback (most recent call last):
  File "load.py", line 3, in <module>
    model = OLMoForCausalLM.from_pretrained("allenai/OLMo-7B-0424-hf")
AttributeError: Can't set hidden_size with value 4096 for OLMoConfig"""
_LLAVA_NEXT_BY_LLAVA = """You are using a model of type llava_next to instantiate a model of type llava_llama. This is not supported for all configurations of models and can yield errors.
TypeError: LlavaLlamaForCausalLM.__init__() got an unexpected keyword argument 'vision_feature_layer'"""
_SAME_TYPE_WARNING = """You are using a model of type llama to instantiate a model of type . This is not supported for all configurations of models and can yield errors.
ValueError: something else went wrong"""
_CODESTRAL_ARGS = ("RuntimeError: Couldn't instantiate class <class 'mistral_inference.args.TransformerArgs'> using init args "
                   "dict_keys(['dim', 'n_layers', 'vocab_size', 'model_type']): TransformerArgs.__init__() missing 5 "
                   "required positional arguments: 'head_dim', 'hidden_dim', 'n_heads', 'n_kv_heads', and 'norm_eps'")
_IMPORT_WITHOUT_MODULE = """ImportError                               Traceback (most recent call last)
<ipython-input-3-faf76521f7e8> in <module>
      1 import requests
----> 3 from transformers import Pix2StructForConditionalGeneration, Pix2StructProcessor

ImportError: cannot import name 'Pix2StructForConditionalGeneration'"""
POSITIVE += [
    Case("config-of-another-model-type", _OLMO_CLASS, "hf_olmo's class on a native olmo checkpoint",
         fix="use_other_auto_class"),
    Case("config-of-another-model-type", _LLAVA_NEXT_BY_LLAVA, "LLaVA's builder on llava_next"),
    Case("mistral-inference-args-mismatch", _CODESTRAL_ARGS, "Mamba-Codestral with TransformerArgs",
         fix="use_other_auto_class"),
    Case("unknown-model-type", _IMPORT_WITHOUT_MODULE, "Python 3.6's import error, the module on the code line",
         fix="upgrade_transformers"),
    Case("feature-extractor-type-unrecognized", "ValueError: Unrecognized feature extractor in "
         "AdamCodd/donut-receipts-extract. Should have a feature_extractor_type key in its preprocessor_config.json of config.json",
         "AutoFeatureExtractor's form", fix="upgrade_transformers"),
    Case("gguf-tensor-missing", "llm_load_tensors: using CUDA for GPU acceleration\nerror loading model: create_tensor: "
         "tensor 'output.weight' not found\nllama_load_model_from_file: failed to load model", "llama.cpp 2024's words"),
    Case("gguf-tensor-missing", "llama.cpp: loading model from models/starcoder-13b-q4_1.bin\nerror loading model: "
         "missing tok_embeddings.weight\nllama_init_from_file: failed to load model", "pre-GGUF llama.cpp, a StarCoder file"),
]
NEGATIVE += [
    Case("config-of-another-model-type", _SAME_TYPE_WARNING, "TGI's shard names no second type"),
    Case("config-of-another-model-type", "ValueError: something else went wrong", "no warning at all"),
    Case("mistral-inference-args-mismatch", "RuntimeError: Couldn't instantiate class <class 'myproj.args.ModelArgs'> "
         "using init args dict_keys(['dim'])", "another project's Args"),
    Case("unknown-model-type", "ImportError: cannot import name 'Pix2StructForConditionalGeneration'",
         "no import statement says from where"),
    Case("feature-extractor-type-unrecognized", "ValueError: Unrecognized feature extractor output format",
         "no feature extractor looked up"),
    Case("unknown-model-type", "----> 3 from mylib import Pix2StructForConditionalGeneration\n\n"
         "ImportError: cannot import name 'Pix2StructForConditionalGeneration'", "another package's name"),
    Case("gguf-tensor-missing", "error loading model: unexpectedly reached end of file", "a file cut short"),
]


# batch96: LitGPT's own list of configs; a NeMo BPE class on a character config
POSITIVE += [
    Case("model-name-not-in-library-list", "ValueError: 'Mistral-7B-Instruct-v0.2' is not a supported config name",
         "LitGPT converting a checkpoint", fix="other"),
    Case("model-name-not-in-library-list", "./litgpt download microsoft/Phi-4-mini-instruct\nUnsupported `repo_id`: "
         "microsoft/Phi-4-mini-instruct.", "litgpt download"),
    Case("nemo-bpe-class-on-char-config", "Error: 'cfg' must have tokenizer' config to create a tokenizer !",
         "EncDecCTCModelBPE on conformer_ctc_char.yaml", fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("model-name-not-in-library-list", "ValueError: 'fp8' is not a supported dtype", "another value"),
    Case("nemo-bpe-class-on-char-config", "ValueError: tokenizer config is missing", "not NeMo's sentence"),
]


# the base config class built for a model type this release has not registered
POSITIVE += [
    Case("generic-config-for-unregistered-type", "  File \"transformers/models/auto/tokenization_auto.py\", line 712, "
         "in from_pretrained\n    config = PreTrainedConfig.from_pretrained(pretrained_model_name_or_path, **kwargs)\n"
         "AttributeError: 'PreTrainedConfig' object has no attribute 'num_hidden_layers'", "transformers 5's fallback",
         fix="update_calling_code"),
    Case("generic-config-for-unregistered-type", "AttributeError: 'PretrainedConfig' object has no attribute "
         "'hidden_size'", "the 4.x spelling"),
]
NEGATIVE += [
    Case("generic-config-for-unregistered-type", "AttributeError: 'LlamaConfig' object has no attribute "
         "'rope_parameters'", "a model's config class"),
]

# the per-backend attention classes transformers 4.48 removed
POSITIVE += [
    Case("transformers-attention-class-undefined", "  File \"/work/repo/model/patch.py\", line 31, in <module>\n    class "
         "PatchedAttention(MistralFlashAttention2):\nNameError: name 'MistralFlashAttention2' is not defined",
         "a guarded import", fix="pin_transformers_version"),
    Case("transformers-attention-class-undefined", "AttributeError: module 'transformers.models.qwen2.modeling_qwen2' "
         "has no attribute 'Qwen2SdpaAttention'", "an attribute lookup"),
]
NEGATIVE += [
    Case("transformers-attention-class-undefined", "NameError: name 'LlamaAttention' is not defined",
         "the class that still exists"),
]

# a ModelOutput unpacked as a tuple
POSITIVE += [
    Case("model-output-unpacked-as-tuple", "  File \"train.py\", line 52, in forward\n    _, pooled = self.bert(ids, "
         "attention_mask=mask)\n  File \"train.py\", line 53, in forward\n    x = self.drop(pooled).view(-1)\n"
         "AttributeError: 'str' object has no attribute 'view'", "transformers 4 under 3.x code",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("model-output-unpacked-as-tuple", "AttributeError: 'str' object has no attribute 'decode'",
         "a Python 2 idiom"),
    Case("model-output-unpacked-as-tuple", "AttributeError: 'str' object has no attribute 'shape'",
         "an image path passed where an array goes"),
]

# an import whose module lost its quotes at the end of the line
POSITIVE += [
    Case("unknown-model-type", "cannot import name 'AutoModelForCausalLM' from transformers",
         "a retyped title of an old release", fix="upgrade_transformers"),
]


# a GGUF loader that does not list the file's architecture
POSITIVE += [
    Case("gguf-node-arch-unknown", "!!! Exception during processing !!! Unexpected architecture type in GGUF file, "
         "expected one of flux, sd1, sdxl, t5encoder but got 'hidream'", "ComfyUI-GGUF", fix="install_package"),
]
NEGATIVE += [
    Case("gguf-node-arch-unknown", "llama_model_load: error loading model: error loading model architecture: unknown "
         "model architecture: 'gemma3n'", "llama.cpp's wording"),
]

# a ModelOutput unpacked as a tuple, read by a scalar method
POSITIVE += [
    Case("model-output-unpacked-as-tuple", "    loss, logits = model(**batch)\n    total += loss.item()\n"
         "AttributeError: 'str' object has no attribute 'item'", "a training loop", fix="update_calling_code"),
]


# a diffusers pipeline class given a sibling checkpoint's components
POSITIVE += [
    Case("pipeline-component-type-mismatch", "ValueError: Expected types for text_encoder: (<class 'transformers.models."
         "mistral3.modeling_mistral3.Mistral3ForConditionalGeneration'>,), got <class 'transformers.models.qwen3."
         "modeling_qwen3.Qwen3Model'>.", "FLUX.2 klein through the FLUX.2 dev pipeline", fix="use_other_auto_class"),
    Case("pipeline-component-type-mismatch", "Error: `Expected types for text_encoder: Mistral3..., got Qwen3...`\n"
         "Then: `Cannot copy out of meta tensor; no data!`", "an abbreviated paste, then a meta tensor"),
]
NEGATIVE += [
    Case("pipeline-component-type-mismatch", "TypeError: expected str, bytes or os.PathLike object, got NoneType",
         "no component named"),
]


# a converter meeting tensors its architecture table lacks
POSITIVE += [
    Case("converter-tensor-unmapped", "Exception: Unexpected tensor name: model.layers.0.block_sparse_moe.gate.weight. "
         "Use --skip-unknown to ignore it (e.g. LLaVA)", "quantkit on Mixtral", fix="install_package"),
    Case("converter-tensor-unmapped", "ValueError: Can not map tensor 'model.vision_tower.blocks.0.attn.qkv.weight'",
         "llama.cpp on a vision tower"),
]
NEGATIVE += [
    Case("converter-tensor-unmapped", "ValueError: Can not map tensor 'model.layers.0.mlp.down_proj.SCB'",
         "a quantized checkpoint's tensor"),
]


# A method of PreTrainedModel missing on a plain module or a wrapper: a newer transformers calls it on an object that
# never inherited it (Florence-2's DaViT and _initialize_weights, OpenPrompt's wrapper and can_generate)
POSITIVE += [
    Case("model-method-missing", "!!! Exception during processing !!! 'DaViT' object has no attribute "
         "'_initialize_weights'", "ComfyUI Florence-2 on transformers 4.5x", fix="pin_transformers_version"),
    Case("model-method-missing", "AttributeError: 'PromptForGeneration' object has no attribute 'can_generate'",
         "OpenPrompt on transformers 4.26", fix="pin_transformers_version"),
    Case("model-method-missing", "AttributeError: 'AcmeForCausalLM' object has no attribute "
         "'warn_if_padding_and_no_attention_mask'", "a model class inherits it", fix="upgrade_transformers"),
]


# A model attribute the installed transformers' class lacks (its own modeling file, the model base classes and torch's
# nn.Module read, not imported): the code that calls it was written for an older release
POSITIVE += [
    Case("model-attribute-removed-from-transformers", "  File \"groundingdino/models/bertwarper.py\", line 86, in "
         "forward\n    head_mask = self.acme_head_mask_helper(head_mask)\nAttributeError: "
         "'BertModel' object has no attribute 'acme_head_mask_helper'", "a helper the installed release lacks",
         fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-attribute-removed-from-transformers", "AttributeError: 'BertModel' object has no attribute 'to'",
         "torch's nn.Module has it"),
    Case("model-attribute-removed-from-transformers", "AttributeError: 'BertModel' object has no attribute "
         "'embeddings'", "the class's own file sets it"),
    Case("model-attribute-removed-from-transformers", "AttributeError: 'AcmeBertModel' object has no attribute "
         "'acme_head_mask_helper'", "a class transformers does not define"),
    Case("model-attribute-removed-from-transformers", "AttributeError: 'Transformer' object has no attribute "
         "'model_forward_params'", "sentence-transformers' module: a bare name no model prefixes"),
]

# the class's own body is read, not its whole file (batch126's reading: OmniQuant calling the rotary embedding that
# transformers 4.48 moved from each attention layer to the model)
POSITIVE += [
    Case("model-attribute-removed-from-transformers", "AttributeError: 'LlamaAttention' object has no attribute "
         "'rotary_emb'", "another class of the same file sets it", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-attribute-removed-from-transformers", "AttributeError: 'LlamaModel' object has no attribute "
         "'rotary_emb'", "the class's own body sets it"),
    Case("model-attribute-removed-from-transformers", "AttributeError: 'LlamaForCausalLM' object has no attribute "
         "'generate'", "a base class outside the file (GenerationMixin) has it"),
    Case("model-attribute-removed-from-transformers", "AttributeError: 'LlamaDecoderLayer' object has no attribute "
         "'self_attn'", "its own body sets it"),
]


# An exporter (coremltools, torch.onnx, TensorFlow Lite) without a conversion for an op the model uses
POSITIVE += [
    Case("exporter-op-unsupported", "  File \"coremltools/converters/mil/frontend/torch/ops.py\", line 83, in "
         "convert_nodes\n    raise RuntimeError(\nRuntimeError: PyTorch convert function for op "
         "'scaled_dot_product_attention' not implemented.", "coremltools 6.3 and torch 2's SDPA", fix="other"),
    Case("exporter-op-unsupported", "Exporting the operator 'aten::scaled_dot_product_attention' to ONNX opset version "
         "15 is not supported. Please feel free to request support or submit a pull request on PyTorch GitHub: "
         "https://github.com/pytorch/pytorch/issues.", "torch.onnx (TorchScript exporter)"),
    Case("exporter-op-unsupported", "RuntimeError: Regular TensorFlow ops are not supported by this interpreter. Make "
         "sure you apply/link the Flex delegate before inference.Node number 0 (FlexShape) failed to prepare.",
         "TFLite without SELECT_TF_OPS"),
]
NEGATIVE += [
    Case("exporter-op-unsupported", "RuntimeError: scaled_dot_product_attention(): argument 'query' must be Tensor",
         "the op itself failing"),
]

# CTranslate2's Transformers converter reading a config setting this config lacks
POSITIVE += [
    Case("ctranslate2-converter-config-mismatch", "  File \"/usr/local/lib/python3.9/dist-packages/ctranslate2/"
         "converters/transformers.py\", line 584, in set_config\n    range(config.decoder_layers // 2, "
         "config.decoder_layers),\nAttributeError: 'WhisperConfig' object has no attribute 'decoder_layers'",
         "ctranslate2 3.9", fix="other"),
]
NEGATIVE += [
    Case("ctranslate2-converter-config-mismatch", "AttributeError: 'WhisperConfig' object has no attribute "
         "'decoder_layers'", "no converter frame"),
]

# Intel neural-speed's own spelling of a model type it has no table for
POSITIVE += [
    Case("runtime-arch-unsupported", "TypeError: Unspported model type qwen!", "neural-speed 1.0"),
]


# Rust runtimes with their own model code: a tensor name the checkpoint lacks (candle#2256: Qwen2-0.5B ties lm_head), and
# a config field their struct requires (mistral.rs#1183: Qwen2.5-VL before its support)
POSITIVE += [
    Case("runtime-checkpoint-tensor-missing", "Error: cannot find tensor lm_head.weight", "huggingface/candle#2256",
         fix="other"),
    Case("runtime-checkpoint-tensor-missing", """2025-11-28T17:08:35.646347Z  INFO mistralrs_core::utils::varbuilder_utils: Loading model using mmap strategy.
Error: cannot find tensor model.visual.patch_embed.proj.weight""", "mistral.rs, an MLX copy"),
    Case("runtime-arch-unsupported", "Error: missing field `embed_dim` at line 51 column 3", "EricLBuehler/mistral.rs#1183",
         fix="other"),
    Case("runtime-arch-unsupported", """Error: Failed to parse `config.json`

Caused by:
    missing field `pad_token_id` at line 56 column 1""", "text-embeddings-inference"),
]

NEGATIVE += [
    Case("runtime-checkpoint-tensor-missing", "KeyError: 'lm_head.weight'", "a Python loader's KeyError"),
    # the Hub API's answer without a field, read by a Rust client: the id, not the runtime
    Case("runtime-arch-unsupported", """Error: request error: error decoding response body

Caused by:
    0: error decoding response body
    1: missing field `siblings` at line 1 column 32""", "dynamo-run"),
]


# TEI names the head it refuses for a family it serves as embeddings (Alibaba-NLP/gte-multilingual-reranker-base,
# discussion 3); "model type is not supported" there names no model type
POSITIVE += [
    Case("runtime-head-unsupported", """2024-08-17T05:35:54.035317Z INFO text_embeddings_backend_candle: backends/candle/src/lib.rs:354: Starting FlashGTE model on Cuda(CudaDevice(DeviceId(1)))
Error: Could not create backend

Caused by:
Could not start backend: classifier model type is not supported for GTE""", "text-embeddings-inference, GTE reranker"),
]

NEGATIVE += [
    Case("unknown-model-type", "Could not start backend: classifier model type is not supported for GTE",
         "'is' is no model type"),
]


# The serving containers' words for an architecture their release lacks (SageMaker's TGI and TEI images)
POSITIVE += [
    Case("runtime-arch-unsupported", """File "/opt/conda/lib/python3.9/site-packages/text_generation_server/models/__init__.py", line 291, in get_model raise ValueError("sharded is not supported for AutoModel")
ValueError: sharded is not supported for AutoModel""", "mistralai/Mixtral-8x7B-Instruct-v0.1 discussion 18", fix="other"),
    Case("runtime-arch-unsupported", "ValueError: Unsupported model type phi3.", "microsoft/Phi-3-mini-128k-instruct discussion 51"),
    Case("runtime-arch-unsupported", '''"Could not start Candle backend: Could not start backend: Model is not supported\\n\\nCaused by:\\n    unknown variant `gemma3_text`, expected one of `bert`, `xlm-roberta`, `camembert`, `roberta`, `distilbert`, `nomic_bert`, `mistral`, `gte`, `new`, `qwen2`, `qwen3`, `mpnet`, `modernbert` at line 45 column 29"''',
         "aws/sagemaker-python-sdk#5279, TEI 1.8.0"),
    Case("runtime-arch-unsupported", """Could not start backend: Model is not supported

Caused by:
    unknown variant `gemma3_text`, expected one of `bert`, `xlm-roberta` at line 45 column 29""", "the same with real line breaks"),
]

NEGATIVE += [
    # tokenizers' own serde refusal of a newer tokenizer.json names no model
    Case("runtime-arch-unsupported",
         "Exception: unknown variant `Metaspace`, expected one of `BertPreTokenizer`, `ByteLevel` at line 1 column 2000",
         "tokenizer.json"),
]


# the same TEI refusal inside a JSON log record, its line breaks left as the two characters \n
POSITIVE += [
    Case("runtime-arch-unsupported", '{"level": "ERROR", "message": "Could not start backend: Model is not supported\\\\n\\\\nCaused by:\\\\n    unknown variant `gemma3_text`, expected one of `bert`, `xlm-roberta` at line 45 column 29"}',
         "TEI in a JSON log record"),
]


# a config class of transformers' machinery (cache_utils), not a model's: removed, not an unknown architecture (batch108)
QCC = ("ImportError: cannot import name 'QuantizedCacheConfig' from 'transformers.cache_utils' "
       "(D:\\ComfyUI\\python\\Lib\\site-packages\\transformers\\cache_utils.py)")
POSITIVE += [
    Case("transformers-helper-removed", QCC, "IndexTTS2's vendored code on transformers 4.56", fix="pin_transformers_version"),
    Case("unknown-model-type", "ImportError: cannot import name 'RobertaPreTrainedModel' from 'transformers.modeling_roberta' "
         "(/env/site-packages/transformers/modeling_roberta.py)", "a model's module of transformers 2.x",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("unknown-model-type", QCC, "no model's config"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# transformers' remote-code prompt on Windows, which has no SIGALRM (batch109's reading)
POSITIVE += [
    Case("trust-remote-code", "  File \"C:\\\\Users\\\\me\\\\miniconda3\\\\lib\\\\site-packages\\\\transformers\\\\"
         "dynamic_module_utils.py\", line 640, in resolve_trust_remote_code\n    signal.signal(signal.SIGALRM, "
         "_raise_timeout_error)\nAttributeError: module 'signal' has no attribute 'SIGALRM'",
         "AutoConfig in a Windows console", fix="set_trust_remote_code"),
]
NEGATIVE += [
    Case("trust-remote-code", "  File \"C:\\\\work\\\\human_eval\\\\execution.py\", line 57, in time_limit\n    "
         "signal.setitimer(signal.ITIMER_REAL, seconds)\nAttributeError: module 'signal' has no attribute "
         "'setitimer'", "an evaluation sandbox's timer"),
]

# transformers 4.56's rename of torch_dtype, pasted as if it were the failure (batch110's reading)
POSITIVE += [
    Case("torch-dtype-renamed-dtype", "[rank1]: `torch_dtype` is deprecated! Use `dtype` instead!\n[rank0]: "
         "`torch_dtype` is deprecated! Use `dtype` instead!", "once per rank", fix="update_calling_code"),
]
NEGATIVE += [
    Case("torch-dtype-renamed-dtype", "`torch_dtype` is deprecated! Use `dtype` instead!\nValueError: Unrecognized "
         "configuration class <class 'transformers.models.t5.configuration_t5.T5Config'> for this kind of AutoModel: "
         "AutoModelForCausalLM.", "the warning before the real error"),
]

# transformers 3.x's assertion for a class of another model type; a KeyError's model type without quotes (batch111)
POSITIVE += [
    Case("config-of-another-model-type", "  File \"/usr/lib/python3.8/site-packages/transformers/configuration_utils.py\","
         " line 403, in from_pretrained\n    assert (\nAssertionError: You tried to initiate a model of type 'roberta' "
         "with a pretrained model of type 'xlm-roberta'", "RobertaModel on an XLM-R checkpoint under 3.x",
         fix="use_other_auto_class"),
    Case("unknown-model-type", "server.py: model load failed with KeyError: qwen2_vl", "a log's str(e), no quotes",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("config-of-another-model-type", "AssertionError: You tried to initiate a model of type 'bert' with a "
         "pretrained model of type 'bert'", "the same type twice is no mismatch"),
    Case("unknown-model-type", "KeyError: input_ids", "a batch's key, no model type"),
]

# runtimes' own architecture lists in batch113's words: ollama's import after a log's words, exllamav2 on Qwen 1
POSITIVE += [
    Case("runtime-arch-unsupported", "ollama converting model Error: unsupported architecture \"DeepseekV4ForCausalLM\"",
         "ollama create", fix="other"),
    Case("runtime-arch-unsupported", " !! Warning, unknown architecture: QWenLMHeadModel\n !! Loading as "
         "LlamaForCausalLM\nTraceback (most recent call last):\n  File \"convert.py\", line 65, in <module>\n"
         "    config.prepare()\nKeyError: 'rms_norm_eps'", "exllamav2's convert.py"),
]
NEGATIVE += [
    Case("runtime-arch-unsupported", "Error: unsupported architecture flags for this build, see --help",
         "other words after it"),
]

# IPython's KeyError cut at the Auto class's call of AutoConfig.from_pretrained (an earlier corpus text no rule read)
_IPYTHON_KEYERROR_AT_AUTOCONFIG = """KeyError                                  Traceback (most recent call last)
Cell In[4], line 7
----> 7 model = AutoModelForCausalLM.from_pretrained(model_path, torch_dtype="auto", device_map="auto")

File ~\\.conda\\envs\\x\\lib\\site-packages\\transformers\\models\\auto\\auto_factory.py:456, in _BaseAutoModelClass.from_pretrained(cls, pretrained_model_name_or_path, *model_args, **kwargs)
    453 if kwargs.get("torch_dtype", None) == "auto":
    454     _ = kwargs.pop("torch_dtype")
--> 456 config, kwargs = AutoConfig.from_pretrained(
    457     pretrained_model_name_or_path,
    458     return_unused_kwargs=True,
    459     trust_remote_code=trust_remote_code,
    460     **hub_kwargs,
    461     **kwargs,
    462 )"""
POSITIVE += [
    Case("unknown-model-type", _IPYTHON_KEYERROR_AT_AUTOCONFIG, "IPython, cut at AutoConfig's call",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("unknown-model-type", _IPYTHON_KEYERROR_AT_AUTOCONFIG + "\n\nKeyError: 'Please pass the dtype as a string'",
         "the exception's own line follows and names no model type"),
]

# the rope_scaling check quoted without the dict it printed (batch118)
POSITIVE += [
    Case("rope-scaling-format-unknown", "ValueError: `rope_scaling` must be a dictionary with two fields, `type` and "
         "`factor`", "Llama 3.1 under 4.42, the message's head alone", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("rope-scaling-format-unknown", "ValueError: `rope_scaling` must be a dictionary with two fields, `type` and "
         "`factor`, got {'factor': 2.0}", "a dict with no type at all: a malformed config"),
]

# the repo's class compared with a copy of itself; a server's JSON KeyError; a runtime that wants one eos id (batch119)
_SAME_CLASS = ("transformers_modules.visheratin.nllb-siglip-mrl-base.fa0ec582f009620cd758f828792c1ffe509d94ef.nllb_mrl."
               "MatryoshkaNllbClipConfig")
POSITIVE += [
    Case("remote-class-imported-twice", "ValueError: The model class you are passing has a `config_class` attribute "
         f"that is not consistent with the config class you passed (model has <class '{_SAME_CLASS}'> and you passed "
         f"<class '{_SAME_CLASS}'>. Fix one of those so they match!", "the same class on both sides",
         fix="pin_transformers_version"),
    Case("unknown-model-type", '{\n  "code": 400,\n  "type": "InternalServerException",\n  "message": '
         '"\\u0027bloom\\u0027"\n}', "SageMaker's inference toolkit, a KeyError's str() as JSON",
         fix="upgrade_transformers"),
    Case("runtime-eos-token-list", "TypeError: Value for eos_token_id is not of expected type <class 'int'>",
         "ExLlamaV2 on Llama 3.1", fix="install_package"),
    Case("runtime-eos-token-list", "pydantic_core._pydantic_core.ValidationError: 1 validation error for MLCChatConfig "
         "eos_token_id Input should be a valid integer [type=int_type, input_value=[32000, 32001, 32007], "
         "input_type=list]", "MLC on Phi-3"),
]
NEGATIVE += [
    Case("remote-class-imported-twice", "ValueError: The model class you are passing has a `config_class` attribute "
         "that is not consistent with the config class you passed (model has <class "
         "'transformers.models.bert.configuration_bert.BertConfig'> and you passed <class "
         "'transformers_modules.zhihan1996.DNABERT-2-117M.81ac6a9.configuration_bert.BertConfig'>. Fix one of those so "
         "they match!", "a library class beside the repo's: remote-class-shadows-library-class's"),
    Case("unknown-model-type", '{\n  "code": 400,\n  "type": "InternalServerException",\n  "message": '
         '"\\u0027input_ids\\u0027"\n}', "a key that is no model type"),
    Case("runtime-eos-token-list", "TypeError: Value for max_seq_len is not of expected type <class 'int'>",
         "another setting"),
]

# an app's own remote-code setting, and transformers' module of a model type a release lacks (session 38, batch122)
POSITIVE += [
    Case("trust-remote-code", "ValueError: you need to enable allow_remote_code=True", "H2O LLM Studio's check"),
    Case("unknown-model-type", "finetune时报错:KeyError: 'models.llama'", "transformers 4.27 without llama's module",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("trust-remote-code", "UserWarning: trust_remote_code=True is ignored for this model: you need to enable "
         "nothing else", "the setting named, nothing asked"),
    Case("unknown-model-type", "KeyError: 'models.checkpoint_dir'", "a key that names no model type"),
]

# the KeyError's name retyped as two words in a title (session 38)
POSITIVE += [
    Case("unknown-model-type", "Key Error 'llma' in configuration_auto.py", "a retyped issue title"),
]
NEGATIVE += [
    Case("unknown-model-type", "Key Error 'input' in my_dataset.py", "no CONFIG_MAPPING in sight"),
]

# a name missing from the transformers package itself was imported by another package on transformers' lazy import
# (batch125's reading: peft 0.14 importing EncoderDecoderCache under transformers.trainer); transformers' own modules
# import each other relatively, so their missing names come from a submodule
NEGATIVE += [
    Case("transformers-install-mixed", "RuntimeError: Failed to import transformers.trainer because of the following "
         "error (look up to see its traceback):\ncannot import name 'EncoderDecoderCache' from 'transformers' "
         "(/opt/conda/envs/llava/lib/python3.10/site-packages/transformers/__init__.py)", "peft's import, not transformers'"),
]

# transformers 4.3x's rope_scaling check of a dict whose 'type' is a newer kind (batch125's reading: Yarn-Llama-2-13b)
POSITIVE += [
    Case("rope-scaling-format-unknown", "  File \"/venv/lib/python3.8/site-packages/transformers/models/llama/"
         "configuration_llama.py\", line 167, in _rope_scaling_validation\n    raise ValueError(\nValueError: "
         "`rope_scaling` must be a dictionary with with two fields, `type` and `factor`, got {'factor': 32.0, "
         "'original_max_position_embeddings': 4096, 'type': 'yarn', 'finetuned': True}", "transformers 4.31, yarn",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("rope-scaling-format-unknown", "ValueError: `rope_scaling` must be a dictionary with with two fields, `type` "
         "and `factor`, got {'factor': 2.0, 'type': 'linear', 'extra': 1}", "a kind it knows, with a stray field"),
]

# a fine-tuned repo whose config takes its class from the base repo's code (session 40, batch128)
_BASE_CLASS = "transformers_modules.ltg.norbert3-base.fe70aec6f8581f0c373302ec0bb4608d5d435900.configuration_norbert.NorbertConfig"
_TUNED_CLASS = ("transformers_modules.ltg.norbert3-base_sentence-sentiment.e6dd33908d219f7552556f6ff97bd6b490318467."
                "configuration_norbert.NorbertConfig")
POSITIVE += [
    Case("remote-class-from-two-repos", "ValueError: The model class you are passing has a config_class attribute that "
         "is not consistent with the config class you passed\n"
         f"(model has <class '{_BASE_CLASS}'>\nand you passed <class '{_TUNED_CLASS}'>. Fix one of those so they match!",
         "NorBERT3's sentiment repo, auto_map into the base repo", fix="other"),
    Case("remote-class-imported-twice", "ValueError: The model class you are passing has a `config_class` attribute "
         f"that is not consistent with the config class you passed\n(model has <class '{_SAME_CLASS}'>\nand you passed "
         f"<class '{_SAME_CLASS}'>. Fix one of those so they match!", "the same class, the message wrapped"),
]
NEGATIVE += [
    Case("remote-class-from-two-repos", "ValueError: The model class you are passing has a `config_class` attribute "
         f"that is not consistent with the config class you passed (model has <class '{_SAME_CLASS}'> and you passed "
         f"<class '{_SAME_CLASS}'>. Fix one of those so they match!", "one path twice: remote-class-imported-twice"),
    Case("remote-class-from-two-repos", "ValueError: The model class you are passing has a `config_class` attribute "
         f"that is not consistent with the config class you passed (model has <class '{_BASE_CLASS}'> and you passed "
         "<class 'transformers_modules.ltg.norbert3-base_sentence-sentiment.e6dd339.configuration_norbert.NorbertModel'>."
         " Fix one of those so they match!", "two class names: a config beside a model class"),
]

# a repo's own model code written for transformers 4 (a list of tied weights) loaded under transformers 5 (session 42,
# batch134); the frames are transformers 5.25's, from the real failure in tests/live/test_architecture.py
_TIED_LIST_V5 = """Traceback (most recent call last):
  File "/venv/lib/python3.12/site-packages/transformers/modeling_utils.py", line 1300, in post_init
    self.all_tied_weights_keys = self.get_expanded_tied_weights_keys(all_submodels=False)
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/venv/lib/python3.12/site-packages/transformers/modeling_utils.py", line 2504, in get_expanded_tied_weights_keys
    if all(common_case_regex.match(k) for k in tied_mapping.keys() | tied_mapping.values()):
                                               ^^^^^^^^^^^^^^^^^
AttributeError: 'list' object has no attribute 'keys'"""
POSITIVE += [
    Case("model-code-tied-weights-list", _TIED_LIST_V5, "transformers 5.25 building a remote-code model",
         fix="update_calling_code"),
    Case("model-code-tied-weights-list", "    self.all_tied_weights_keys = self.get_expanded_tied_weights_keys("
         "all_submodels=False)\nAttributeError: 'list' object has no attribute 'keys'", "the last frame only"),
]
NEGATIVE += [
    Case("model-code-tied-weights-list", "AttributeError: 'list' object has no attribute 'keys'",
         "the line alone: special-tokens-saved-by-newer-release, the tied weights an alternative"),
    Case("model-code-tied-weights-list", "  File \"/venv/lib/python3.11/site-packages/transformers/"
         "tokenization_utils_base.py\", line 1312, in _set_model_specific_special_tokens\n    "
         "self.SPECIAL_TOKENS_ATTRIBUTES = self.SPECIAL_TOKENS_ATTRIBUTES + list(special_tokens.keys())\n"
         "AttributeError: 'list' object has no attribute 'keys'", "the tokenizer's frame"),
    Case("model-code-tied-weights-list-in-load", _TIED_LIST_V5, "pasted: the frames' rule"),
]

# the Auto classes' message as an issue title kept it, or as a page that read "<class '...'>" as an HTML tag showed it
# (session 42, batch134)
POSITIVE += [
    Case("wrong-auto-class", "ValueError: Unrecognized configuration class", "an issue title, cut after its words",
         fix="use_other_auto_class"),
    Case("wrong-auto-class", "Unrecognized configuration class for this kind of AutoModel: "
         "AutoModelForSequenceClassification.", "the class eaten as an HTML tag"),
]
NEGATIVE += [
    Case("wrong-auto-class", "ValueError: Unrecognized configuration class\n<class 'transformers.models.clip."
         "configuration_clip.CLIPConfig'> to build an AutoTokenizer.", "the tokenizer's, wrapped after the words"),
    Case("wrong-auto-class", "ValueError: Unrecognized configuration classes in the registry: 3 skipped",
         "another message that starts alike"),
]

# the same failure in a live load, which carries no frames: the model's own code (consented) under transformers 5
_TIED_LIVE = {"plan": {"trust_remote_code": True}, "facts": {"transformers_version": "5.25.0"}}
POSITIVE += [
    Case("model-code-tied-weights-list-in-load", "AttributeError: 'list' object has no attribute 'keys'",
         "live load, remote code, transformers 5", ctx=_TIED_LIVE, fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-code-tied-weights-list-in-load", "AttributeError: 'list' object has no attribute 'keys'",
         "the tokenizer's step", ctx=_TIED_LIVE, phase="tokenizer"),
    Case("model-code-tied-weights-list-in-load", "AttributeError: 'list' object has no attribute 'keys'",
         "transformers 4 reads the list", ctx={"plan": {"trust_remote_code": True},
                                               "facts": {"transformers_version": "4.57.6"}}),
    Case("model-code-tied-weights-list-in-load", "AttributeError: 'list' object has no attribute 'keys'",
         "no remote code", ctx={"plan": {"trust_remote_code": False}, "facts": {"transformers_version": "5.25.0"}}),
]

# a repo's own code importing a settings config newer than the installed release (session 42, batch137: ChatGLM's
# modeling file on transformers 4.25)
POSITIVE += [
    Case("transformers-helper-newer", "  File \"C:\\Users\\u/.cache\\huggingface\\modules\\transformers_modules\\local\\"
         "modeling_chatglm.py\", line 29, in <module>\n    from transformers.generation.utils import LogitsProcessorList, "
         "StoppingCriteriaList, GenerationConfig\nImportError: cannot import name 'GenerationConfig' from "
         "'transformers.generation.utils' (C:\\Users\\u\\AppData\\Local\\Programs\\Python\\Python310\\lib\\"
         "site-packages\\transformers\\generation\\utils.py)", "transformers 4.25, a settings config",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("transformers-helper-newer", "ImportError: cannot import name 'LlamaConfig' from "
         "'transformers.models.llama.configuration_llama'", "an architecture's config: unknown-model-type"),
]

# a remote-code model class registered against a config of another name (batch140: BiomedVLP-BioViL-T's CXRBertConfig
# against transformers' BertConfig)
CONFIG_CLASS_REMOTE_VS_LIBRARY = (
    "ValueError: The model class you are passing has a `config_class` attribute that is not consistent with the config "
    "class you passed (model has <class 'transformers_modules.microsoft.BiomedVLP-BioViL-T.301f526e823b805d3fe712d0cf06a"
    "66f042789c5.configuration_cxrbert.CXRBertConfig'> and you passed <class 'transformers.models.bert.configuration_bert"
    ".BertConfig'>. Fix one of those so they match!"
)
POSITIVE += [
    Case("remote-model-config-class-mismatch", CONFIG_CLASS_REMOTE_VS_LIBRARY, "the repo's code written for an older release",
         fix="pin_transformers_version"),
    Case("remote-model-config-class-mismatch", "ValueError: The model class you are passing has a `config_class` "
         "attribute that is not consistent with the config class you passed (model has <class "
         "'transformers.models.llama.configuration_llama.LlamaConfig'> and you passed <class "
         "'transformers_modules.org.repo.abc.configuration_x.XConfig'>. Fix one of those so they match!",
         "the other way round"),
]
NEGATIVE += [
    Case("remote-model-config-class-mismatch", "ValueError: The model class you are passing has a `config_class` "
         "attribute that is not consistent with the config class you passed (model has <class "
         "'transformers.models.bert.configuration_bert.BertConfig'> and you passed <class "
         "'transformers_modules.org.repo.abc.configuration_bert.BertConfig'>. Fix one of those so they match!",
         "one name on both sides: remote-class-shadows-library-class's"),
    Case("remote-model-config-class-mismatch", "ValueError: The model class you are passing has a `config_class` "
         "attribute that is not consistent with the config class you passed (model has <class "
         "'transformers.models.bert.configuration_bert.BertConfig'> and you passed <class "
         "'transformers.models.gpt2.configuration_gpt2.GPT2Config'>. Fix one of those so they match!",
         "two library classes: a project's own register call"),
]

# text-generation-webui's llama.cpp loader cleaning up after a failed load (batch140: StarCoderPlus GGML files)
POSITIVE += [
    Case("webui-llamacpp-model-not-created", """  File "/home/u/text-generation-webui/modules/llamacpp_model.py", line 29, in __del__
    del self.model
AttributeError: 'LlamaCppModel' object has no attribute 'model'""", "a StarCoder GGML file", fix="other"),
]
NEGATIVE += [
    Case("webui-llamacpp-model-not-created", "error loading model: unknown model architecture: 'gemma3'\nllama_load_model_"
         "from_file: failed to load model\nAttributeError: 'LlamaCppModel' object has no attribute 'model'",
         "llama.cpp's reason above it"),
]

# batch140's readings: a vision setting of a composite config read by code for the whole model; the rope_scaling check
# cut after "two fields"
POSITIVE += [
    Case("rope-scaling-format-unknown", "`rope_scaling` must be a dictionary with two fields",
         "Llama 3.1 on an older release, a thread's title", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("composite-config-attribute", "AttributeError: 'Qwen2_5_VLConfig' object has no attribute "
         "'vision_start_token_id'. Did you mean: 'vision_token_id'?", "a vision setting the release renamed"),
    Case("composite-config-attribute", "AttributeError: 'LlavaConfig' object has no attribute 'image_token_index'",
         "an image setting, read by code for the whole model"),
    Case("rope-scaling-format-unknown", "`rope_scaling` must be a dictionary with two fields, `type` and `factor`, got "
         "{'type': 'linear', 'factor': 2.0, 'extra': 1}", "an old-format dict with a field too many"),
]


# a transformers release using torch's tensor-parallel classes on a torch without them (session 44, batch142)
POSITIVE += [
    Case("transformers-tensor-parallel-name-undefined", '  File "/venv/lib/python3.10/site-packages/transformers/'
         'modeling_utils.py", line 5700, in <module>\n    class PreTrainedModel(nn.Module):\n'
         "NameError: name 'Replicate' is not defined", "transformers 4.52.2, torch 2.4", fix="upgrade_transformers"),
    Case("transformers-tensor-parallel-name-undefined", "!!! Exception during processing !!! name 'DTensor' is not "
         "defined", "an app's log line"),
]
NEGATIVE += [
    Case("transformers-tensor-parallel-name-undefined", '  File "/home/u/train_tp.py", line 12, in main\n    '
         "plan = {'w': Shard(0)}\nNameError: name 'Shard' is not defined", "the caller's script left out its import"),
]


# a name removed from one of transformers' modules, read as the module's attribute (session 44, batch143)
POSITIVE += [
    Case("transformers-helper-removed", "AttributeError: module 'transformers.models.mistral.modeling_mistral' has no "
         "attribute 'MISTRAL_ATTENTION_CLASSES'", "code written for transformers 4.47", fix="pin_transformers_version"),
    Case("transformers-helper-removed", "AttributeError: module 'transformers.utils.logging' has no attribute "
         "'warn_once'", "a helper of transformers' logging module no release has"),
]
NEGATIVE += [
    Case("transformers-helper-removed", "AttributeError: module 'transformers.models.llama.modeling_llama' has no "
         "attribute 'LlamaForCausalLM'", "a class the installed release defines there: the paste's release is older"),
]


# a harness reading the removed class as the package's attribute (session 45, batch148)
POSITIVE += [
    Case("class-removed-in-transformers-5",
         "  File \"eval/models/hf_vlm.py\", line 40, in __init__\n    cls = transformers.AutoModelWithLMHead\n"
         "AttributeError: module 'transformers' has no attribute 'AutoModelWithLMHead'", "the attribute form",
         fix="use_other_auto_class"),
]
NEGATIVE += [
    Case("class-removed-in-transformers-5",
         "AttributeError: module 'transformers' has no attribute 'Qwen3VLForConditionalGeneration'",
         "a class newer than the install, not one 5 removed"),
]
NEGATIVE += [
    Case("auto-class-keyerror-model-type", "tok = AutoTokenizer.from_pretrained('org/bpe-tok')\nKeyError: 'merges'",
         "a key of the tokenizer file, not a model type"),
]


# rope_scaling's dict cut before its 'rope_type' (session 45, batch149)
POSITIVE += [
    Case("rope-scaling-format-unknown",
         "ValueError: rope_scaling must be a dictionary with two fields, type and factor, got {'factor': 32.0, "
         "'beta_fast': 32.0, 'beta_slow': 1.0, 'msca", "a yarn block cut short", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("rope-scaling-format-unknown",
         "ValueError: `rope_scaling` must be a dictionary with two fields, `type` and `factor`, got {'factor': 2.0, 'typ",
         "cut with no key of the newer formats"),
]


# transformers' GenerationMixin warning names the class (session 46, batch151)
POSITIVE += [
    Case("remote-model-without-generate", "MyVoiceDecoder has generative capabilities, as `prepare_inputs_for_generation`"
         " is explicitly defined. However, it doesn't directly inherit from `GenerationMixin`. From 👉v4.50👈 onwards, "
         "`PreTrainedModel` will NOT inherit from `GenerationMixin`, and this model will lose the ability to call "
         "`generate` and other related functions.\nAttributeError: 'MyVoiceDecoder' object has no attribute 'generate'",
         "a class named like no head", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("remote-model-without-generate", "AttributeError: 'BertModel' object has no attribute 'generate'",
         "transformers' own base class, no warning: a wrong Auto class"),
]


# a vision FeatureExtractor transformers 5 renamed (session 46, batch151)
POSITIVE += [
    Case("feature-extractor-renamed-image-processor", "from transformers import ViTFeatureExtractor, ViTModel\n"
         "ImportError: cannot import name 'ViTFeatureExtractor' from 'transformers' "
         "(/usr/lib/python3.12/site-packages/transformers/__init__.py)", "ViT", fix="update_calling_code"),
    Case("feature-extractor-renamed-image-processor", "AttributeError: module 'transformers' has no attribute "
         "'DetrFeatureExtractor'", "the same read as an attribute"),
]
NEGATIVE += [
    Case("feature-extractor-renamed-image-processor", "ImportError: cannot import name 'Wav2Vec2FeatureExtractor' from "
         "'transformers'", "an audio feature extractor transformers still exports"),
    Case("feature-extractor-renamed-image-processor", '  File "/usr/lib/python3.8/site-packages/app.py", line 1\n'
         "ImportError: cannot import name 'ViTFeatureExtractor' from 'transformers'",
         "Python 3.8: transformers 4, older than the model"),
]


# a model's own guard asks for a newer transformers; transformers' GenerationMixin warning alone (session 47)
POSITIVE += [
    Case("model-needs-newer-transformers", "RuntimeError: Gemma3n model requires transformers>=4.53.0",
         "an app's guard", fix="upgrade_transformers"),
    Case("model-needs-newer-transformers", "InternVL3 loading failed: Requires transformers >= 4.52.1", "capitalised"),
    Case("remote-model-loses-generate-warning",
         "MyMoEForCausalLM has generative capabilities, as `prepare_inputs_for_generation` is explicitly defined. "
         "However, it doesn't directly inherit from `GenerationMixin`. From 👉v4.50👈 onwards, `PreTrainedModel` will "
         "NOT inherit from `GenerationMixin`", "the warning alone", fix="pin_transformers_version"),
]
NEGATIVE += [
    Case("model-needs-newer-transformers", "ImportError: peft 0.17 requires transformers>=4.53.1", "a library's own"),
    Case("model-needs-newer-transformers", "trl 0.9.6 requires transformers>=4.40.0, but you have transformers 4.38.2 "
         "which is incompatible.", "pip's resolver"),
    Case("remote-model-loses-generate-warning",
         "AttributeError: 'InternLM2ForCausalLM' object has no attribute 'generate'\nIt doesn't directly inherit from "
         "`GenerationMixin`", "the AttributeError's own rule first"),
]


# a remote-code model class that sets no config_class (session 47, batch158)
POSITIVE += [
    Case("remote-model-without-config-class",
         "ValueError: The model class you are passing has a `config_class` attribute that is not consistent with the "
         "config class you passed (model has None and you passed <class 'transformers_modules.acme.tiny-enc.abc123."
         "configuration_tiny.TinyEncConfig'>. Fix one of those so they match!", "model has None", fix="other"),
]
NEGATIVE += [
    Case("remote-model-without-config-class",
         "ValueError: The model class you are passing has a `config_class` attribute that is not consistent with the "
         "config class you passed (model has <class 'transformers_modules.acme.enc.abc.configuration_enc.EncConfig'> "
         "and you passed <class 'transformers.models.bert.configuration_bert.BertConfig'>. Fix one of those so they "
         "match!", "two classes: remote-model-config-class-mismatch"),
]


# transformers 4.2x's remote-code prompt as an Inference Endpoint's log shows it (session 49, batch179)
POSITIVE += [
    Case("trust-remote-code", "INFO | Using device GPU Loading /repository requires to execute some code in that repo, "
         "you can inspect the content of the repository at https://hf.co//repository. You can dismiss this prompt by "
         "passing `trust_remote_code=True`.", "Evo on an Inference Endpoint", fix="set_trust_remote_code"),
]
NEGATIVE += [
    Case("trust-remote-code", "Running the demo requires to execute some setup steps first", "no repo, no prompt"),
]


# a decoder model's sequence-classification head without a pad token id (session 49, batch181)
POSITIVE += [
    Case("sequence-classifier-without-pad-token", '  File "/venv/transformers/models/gpt_neox/modeling_gpt_neox.py", '
         'line 1018, in forward\n    raise ValueError("Cannot handle batch sizes > 1 if no padding token is defined.")'
         "\nValueError: Cannot handle batch sizes > 1 if no padding token is defined.", "a Pythia reward model in TRL",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("sequence-classifier-without-pad-token", "ValueError: Asking to pad but the tokenizer does not have a padding "
         "token. Please select a token to use as `pad_token`", "the tokenizer's own padding: no model"),
]
