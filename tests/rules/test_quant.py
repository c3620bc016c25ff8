"""rules/quant: quantized loading that is misconfigured or impossible here."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

REF_15D = "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument 'load_in_8bit'"

POSITIVE = [
    Case("bnb-legacy-kwargs", REF_15D, "15d", fix="use_quantization_config"),
    Case("bnb-legacy-kwargs", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'load_in_4bit'", "15e"),
    Case("bnb-legacy-kwargs", "TypeError: __init__() got an unexpected keyword argument 'load_in_8bit'",
         "transformers < 4.20"),
    Case("bits-kwarg-with-config", "ValueError: You can't pass `load_in_4bit`or `load_in_8bit` as a kwarg when passing "
         "`quantization_config` argument at the same time.", "transformers 4.3x"),

    Case("quant-backend-missing", "ImportError: Loading a GPTQ quantized model requires optimum (`pip install "
         "optimum`)", "15f"),
    Case("quant-backend-missing", "ImportError: Loading an AWQ quantized model requires gptqmodel. Please install "
         "it with `pip install gptqmodel`", "15g"),
    Case("quant-backend-missing", "ImportError: Using `bitsandbytes` 4-bit quantization requires accelerate: "
         "`pip install 'accelerate>=1.1.0'`", "10zb"),
    Case("quant-backend-missing", "ImportError: Using `load_in_8bit=True` requires Accelerate: `pip install "
         "accelerate` and the latest version of bitsandbytes `pip install -i https://test.pypi.org/simple/ "
         "bitsandbytes` or pip install bitsandbytes`", "transformers 4.2x"),
    Case("quant-backend-missing", "importlib.metadata.PackageNotFoundError: No package metadata was found for "
         "auto-gptq", "optimum looking up auto-gptq"),
    Case("quant-needs-gpu", "ValueError: Found modules on cpu/disk. Using Exllama backend requires all the modules "
         "to be on GPU.You can deactivate exllama backend by setting `disable_exllama=True` in the quantization "
         "config object", "transformers 4.3x GPTQ"),
    Case("quant-needs-gpu", "RuntimeError: No GPU found. A GPU is needed for quantization.", "transformers 4.3x bnb"),
    Case("quantized-model-exceeds-gpu", "ValueError: Some modules are dispatched on the CPU or the disk. Make sure you "
         "have enough GPU RAM to fit the quantized model. If you want to dispatch the model on the CPU or the disk "
         "while keeping these modules in 32-bit, you need to set `llm_int8_enable_fp32_cpu_offload=True`",
         "bnb offload", fix="smaller_model_or_more_memory"),
    Case("quant-config-invalid", "ValueError: `.to` is not supported for `4-bit` or `8-bit` bitsandbytes models. "
         "Please use the model as it is, since the model has already been set to the correct devices and casted to "
         "the correct `dtype`.", "transformers 4.3x", fix="update_calling_code"),
    Case("quant-method-unknown", "ValueError: Unknown quantization type, got torchao - supported types are: "
         "['awq', 'bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq']", "transformers 4.3x"),
    # a method no transformers release has (checked against its own tables) is another runtime's format
    Case("quant-format-of-another-runtime", "ValueError: Unknown quantization type, got superquant - supported types "
         "are: ['awq', 'bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq']", "transformers 4.3x", fix="other"),
    Case("load-in-bits-kwarg", "LlamaForCausalLM.__init__() got an unexpected keyword argument 'load_in_8bit'",
         "15d live", ctx={"plan": {"kwargs": {"load_in_8bit": True}}}, fix="use_quantization_config"),
    Case("load-in-bits-kwarg", "LlamaForCausalLM.__init__() got an unexpected keyword argument 'load_in_4bit'",
         "15e live", ctx={"plan": {"kwargs": {"load_in_4bit": True}}}, fix="use_quantization_config"),
]

NEGATIVE = [
    Case("bnb-legacy-kwargs", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'foo_bar'", "14i another kwarg"),
    Case("quant-backend-missing", "ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires "
         "Accelerate: `pip install accelerate`", "accelerate for device_map"),
    Case("quant-needs-gpu", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", "OOM"),
    Case("quant-config-invalid", REF_15D, "legacy kwarg"),
    Case("load-in-bits-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'load_in_8bit'", "15d pasted: the advice rule answers"),
    Case("load-in-bits-kwarg", "LlamaForCausalLM.__init__() got an unexpected keyword argument 'foo_bar'",
         "14i live", ctx={"plan": {"kwargs": {"foo_bar": 1}}}),
]


POSITIVE += [
    Case("bnb-8bit-old-gpu", "UserWarning: WARNING: Compute capability < 7.5 detected! Only slow 8-bit matmul is "
         "supported for your GPU!", "bitsandbytes 0.3x warning", fix="quantize_8bit_4bit"),
]

NEGATIVE += [
    Case("bnb-8bit-old-gpu", "ValueError: Bfloat16 is only supported on GPUs with compute capability of at least "
         "8.0. Your Tesla T4 GPU has compute capability 7.5.", "a bf16 failure"),
]


# quantization_config and the old load_in_4bit kwarg together
POSITIVE += [
    Case("bits-kwarg-with-config", "    raise ValueError(\nValueError: You can't pass `load_in_4bit`or `load_in_8bit` "
         "as a kwarg when passing `quantization_config` argument at the same time.",
         "transformers 4.38+", fix="update_calling_code"),
]

NEGATIVE += [
    Case("bits-kwarg-with-config", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument "
         "'load_in_4bit'", "transformers 5 removed the kwarg: a quantization_config is the fix"),
]


# A checkpoint quantized with a method newer than the installed transformers.
POSITIVE += [
    Case("quant-method-unknown", "ValueError: Unknown quantization type, got fp8 - supported types are: ['awq', "
         "'bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq', 'aqlm', 'quanto', 'eetq', 'hqq']",
         "fp8 on transformers 4.4x", fix="upgrade_transformers"),
    Case("quant-method-unknown", "ValueError: Unknown quantization type, got compressed-tensors", "no list"),
]
NEGATIVE += [
    Case("quant-method-unknown", "ValueError: You can't pass `load_in_4bit`or `load_in_8bit` as a kwarg when passing "
         "`quantization_config` argument at the same time.", "a calling-code mistake"),
]

# A loader's own table lookup of a quantized checkpoint's tensors (vLLM's params_dict[name]).
POSITIVE += [
    Case("quantized-tensor-unknown", "KeyError: 'model.layers.3.self_attn.qkv_proj.input_scale'", "fp8 scales",
         fix="other"),
    Case("quantized-tensor-unknown", "  File \"/usr/local/lib/python3.10/dist-packages/vllm/model_executor/models/"
         "llama.py\", line 431, in load_weights\n    param = params_dict[name]\nKeyError: "
         "'model.layers.0.mlp.gate_up_proj.qweight'", "GPTQ packed weights in an old vLLM"),
]
NEGATIVE += [
    Case("quantized-tensor-unknown", "KeyError: 'model.layers.0.self_attn.q_proj.weight'", "a plain weight name"),
]

POSITIVE += [
    Case("quant-needs-gpu", "Kernels compiled : /root/.cache/huggingface/modules/transformers_modules/local/"
         "quantization_kernels.so\nCannot load cpu kernel, don't use quantized model on cpu.",
         "ChatGLM's int4 code on a CPU"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("bits-kwarg-with-config", "ValueError: You can't pass `load_in_8bit` or any other `BitsAndBytesConfig` "
         "argument as a kwarg when passing `quantization_config` argument at the same time.", "transformers 4.30",
         fix="update_calling_code"),
    Case("quantized-model-exceeds-gpu", "ValueError: If you want to offload some keys to `cpu` or `disk`, you need to "
         "set `llm_int8_enable_fp32_cpu_offload=True`. Note that these modules will not be converted to 8-bit but kept "
         "in 32-bit.", "diffusers bnb"),
    Case("quant-needs-gpu", "RuntimeError: CUDA is required but not available for bitsandbytes. Please consider "
         "installing the multi-platform enabled version of bitsandbytes", "transformers 4.46"),
    Case("quant-config-invalid", "ValueError: llm_int8_threshold must be a float", "BitsAndBytesConfig check",
         fix="update_calling_code"),
    Case("quant-config-invalid", "TypeError: bnb_4bit_use_double_quant must be a boolean", "the same, 5.x"),
    Case("quant-config-invalid", "ValueError: group_size must be greater than 0 or equal to -1", "GPTQConfig"),
    Case("quant-config-invalid", "ValueError: `low_cpu_mem_usage` cannot be False when using quantization.",
         "diffusers single-file"),
    Case("quant-config-invalid", "ValueError: You cannot combine Quantization and loading a model from a GGUF file, "
         "try again by making sure you did not passed a `quantization_config` or that you did not load a quantized "
         "model from the Hub.", "GGUF"),
]
NEGATIVE += [
    Case("quant-config-invalid", "ValueError: max_new_tokens must be greater than 0", "a generation argument"),
    Case("quant-config-invalid", "ValueError: The group_size of the dataloader must be set", "not at the start"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("quant-config-invalid", "ValueError: Marlin does not support group_size = 64. Only group_sizes = [-1, 128] "
         "are supported.", "vLLM Marlin", fix="update_calling_code"),
    Case("quant-config-invalid", "ValueError: Currently, only 2/3/4/8-bit weight quantization is supported for GPTQ, "
         "but got 5 bits.", "vLLM GPTQ"),
    Case("quant-config-invalid", "ValueError: bitsandbytes quantization is currently not supported in ROCm.",
         "vLLM on ROCm"),
    Case("quant-needs-gpu", "RuntimeError: No GPU found. A GPU is needed to quantize model.", "optimum GPTQ"),
    Case("quant-method-unknown", "ValueError: Invalid quantization method: gptq_marlin24. Must be one of ['awq']",
         "vLLM"),
]
NEGATIVE += [
    Case("quant-config-invalid", "ValueError: Marlin is a kind of fish", "no support sentence"),
    Case("quant-method-unknown", "ValueError: Invalid quantization config", "no method named"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("quant-config-invalid", "ValueError: Bitsandbytes only accepts 4-bit or 8-bit quantization.",
         "LLaMA-Factory", fix="update_calling_code"),
    Case("quant-config-invalid", "ValueError: Only support quantization to [2,4,8] bits but found 3", "auto-round"),
]
NEGATIVE += [
    Case("quant-config-invalid", "ValueError: Only 2 GPUs are supported", "not bits"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("quant-config-invalid", "ValueError: For 8-bit quantization, `group_size` is expected to be set to -1, but "
         "was set to 128", "optimum-intel OpenVINO", fix="update_calling_code"),
    Case("quant-config-invalid", "NotImplementedError: Only mapping_type=SYMMETRIC is supported.", "torchao"),
]

# Wordings of the releases between those read before (transformers 2.2-5.18, huggingface_hub 0.0.19-1.10,
# diffusers 0.5-0.24).
POSITIVE += [
    Case("quant-needs-gpu", "ValueError: 8-bit operations on `bitsandbytes` are not supported under CPU!",
         "transformers 4.2x"),
]

# The duplicate bitsandbytes kwarg, as retyped in an issue (no apostrophe, single quotes).
POSITIVE += [
    Case("bits-kwarg-with-config", "ValueError: you cant pass 'load_in_4bit' or 'load_in_8bit' as a kwarg when passing "
         "'quantization_config' argument at the same time.", "retyped", fix="update_calling_code"),
]
NEGATIVE += [
    Case("bits-kwarg-with-config", "ValueError: you cant pass 'load_in_4bit' to this model", "no quantization_config"),
]

# text-generation-webui's GPTQ loader on a model without quantized weights
POSITIVE += [
    Case("quantized-loader-on-plain-model", "Loading facebook_opt-1.3b...\nCould not find the quantized model in .pt "
         "or .safetensors format, exiting...", "--wbits on a full-precision model", fix="update_calling_code"),
]
NEGATIVE += [
    Case("quantized-loader-on-plain-model", "OSError: Error no file named pytorch_model.bin, model.safetensors found "
         "in directory ./models/opt.", "a folder without weights at all"),
]

# bitsandbytes asked for on a Mac, where transformers counts it unavailable whatever is installed
POSITIVE += [
    Case("bitsandbytes-on-mac", "Loading /Users/dd/models/Llama-3.1-8B-Instruct-bnb-4bit\n!!! Exception during "
         "processing !!! Using `bitsandbytes` 4-bit quantization requires the latest version of bitsandbytes: `pip "
         "install -U bitsandbytes`", "an Apple silicon Mac", fix="other"),
    Case("bitsandbytes-on-mac", "On my MacBook Air: ImportError: Using `load_in_8bit=True` requires Accelerate: `pip "
         "install accelerate` and the latest version of bitsandbytes", "the machine named"),
]
NEGATIVE += [
    Case("bitsandbytes-on-mac", "  File \"/home/u/venv/lib/python3.10/site-packages/transformers/modeling_utils.py\", "
         "line 2491\nImportError: Using `bitsandbytes` 8-bit quantization requires Accelerate: `pip install "
         "accelerate` and the latest version of bitsandbytes", "a Linux machine"),
]

# a quantized tensor the model built has no place for
POSITIVE += [
    Case("quantized-tensor-unknown", "rank[0] failed with error: model.layers.0.mlp.down_proj.qweight doesn't have any "
         "device set.", "an AWQ checkpoint in an engine without its format", fix="other"),
]
NEGATIVE += [
    Case("quantized-tensor-unknown", "ValueError: model.layers.0.mlp.down_proj.weight doesn't have any device set.",
         "an unquantized tensor"),
]

# "despite GPU being available": the machine has its GPU; the package build is what fails (deps/package-too-old)
NEGATIVE += [
    Case("quant-needs-gpu", "CUDA Setup failed despite GPU being available. Inspect the CUDA SETUP outputs above to "
         "fix your environment!", "bitsandbytes 0.41, a GPU present"),
]

# bitsandbytes' no-GPU build on a Mac is no broken install
POSITIVE += [
    Case("bnb-on-mac", "/opt/homebrew/lib/python3.11/site-packages/bitsandbytes/cextension.py:34: UserWarning: The "
         "installed version of bitsandbytes was compiled without GPU support. 8-bit optimizers, 8-bit multiplication, "
         "and GPU quantization are unavailable.\nAttributeError: 'NoneType' object has no attribute "
         "'cdequantize_blockwise_fp32'", "Homebrew's Python", fix="other"),
]
NEGATIVE += [
    Case("bnb-on-mac", "/usr/lib/python3.11/site-packages/bitsandbytes/cextension.py:34: UserWarning: The installed "
         "version of bitsandbytes was compiled without GPU support.", "a Linux box: a CPU-only wheel"),
]


# transformers' GGUF dequantization table
POSITIVE += [
    Case("gguf-quant-type-unsupported", "NotImplementedError: ggml_type 20 not implemented - please raise an issue on "
         "huggingface transformers", "a newer quant type"),
]
NEGATIVE += [
    Case("gguf-quant-type-unsupported", "NotImplementedError: Cannot copy out of meta tensor; no data!",
         "another NotImplementedError"),
]


# bitsandbytes' byte storage met by a float operation (a vision tower quantized with the language model).
POSITIVE += [
    Case("quantized-weight-in-float-op", "RuntimeError: Input type (torch.cuda.HalfTensor) and weight type "
         "(torch.cuda.ByteTensor) should be the same", "torch conv2d on a quantized conv", fix="update_calling_code"),
    Case("quantized-weight-in-float-op", "RuntimeError: self and mat2 must have the same dtype, but got BFloat16 and "
         "Char", "torch matmul on int8 weights"),
]
NEGATIVE += [
    Case("quantized-weight-in-float-op", "RuntimeError: Input type (torch.cuda.FloatTensor) and weight type "
         "(torch.cuda.HalfTensor) should be the same", "two float types: dtype-mismatch-inputs"),
]


# ModelOpt's quantizer state; mlx's quantization parameters alone missing or extra
# (failure.parameters_only_quantization)
POSITIVE += [
    Case("quant-config-invalid", "modelopt.torch.opt.conversion.ApplyModeError: Missing keys in quantizer state_dict: "
         "{'model.layers.0.self_attn.q_bmm_quantizer'}", "ModelOpt"),
    Case("mlx-quantized-parameters-mismatch", "ValueError: Missing parameters: model.embed_tokens.biases "
         "model.embed_tokens.scales.", "mlx-lm"),
    Case("mlx-quantized-parameters-mismatch", "ValueError: Received 2 parameters not in model: \n"
         "vision_tower.proj.biases,\nvision_tower.proj.scales.", "mlx-vlm, one name a line"),
]
NEGATIVE += [
    Case("mlx-quantized-parameters-mismatch", "ValueError: Received 3 parameters not in model: \n"
         "layers.3.k_norm.weight,\nlayers.3.k_proj.scales,\nlayers.3.k_proj.biases.", "other weights too"),
]

# a quantization method's own "only on GPU" (not a device problem); bitsandbytes built without GPU support, not an old
# release; an option bitsandbytes' CPU back end lacks
POSITIVE += [
    Case("quant-needs-gpu", "ValueError: [address=0.0.0.0:41000, pid=1] GPTQ is only available on GPU", "xinference"),
    Case("quant-needs-gpu", "UserWarning: The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.\n'NoneType' object has no "
         "attribute 'cadam32bit_grad_fp32'", "a CPU-only wheel on Linux"),
    Case("quant-needs-gpu", "NotImplementedError: bnb_4bit_use_double_quant is not supported yet for CPU/XPU",
         "bitsandbytes' CPU back end"),
    Case("quant-needs-gpu", "                             8-bit optimizers and GPU quantization are unavailable.",
         "a CPU-only wheel, the warning's last line"),
]



# a quantization config of another kind than the loader's (failure.attribute_owner, failure.missing_attribute)
POSITIVE += [
    Case("quant-config-object-mismatch", "AttributeError: 'dict' object has no attribute 'get_loading_attributes'",
         "a dict", fix="update_calling_code"),
    Case("quant-config-object-mismatch", "AttributeError: 'BaseQuantizeConfig' object has no attribute 'use_exllama'",
         "auto-gptq's class"),
]
NEGATIVE += [
    Case("quant-config-object-mismatch", "AttributeError: 'LlamaConfig' object has no attribute 'rope_theta'",
         "a model config"),
]


# a quantization config class of the installed transformers (read from its own file) refusing a field
POSITIVE += [
    Case("quant-config-kwarg-unknown", "TypeError: AwqConfig.__init__() got an unexpected keyword argument "
         "'modules_to_not_convert'", "a checkpoint newer than the installed transformers", fix="upgrade_transformers"),
    Case("quant-config-kwarg-unknown", "TypeError: GPTQConfig.init() got an unexpected keyword argument "
         "'checkpoint_format'", "the same, underscores lost in a Markdown paste"),
]
NEGATIVE += [
    Case("quant-config-kwarg-unknown", "TypeError: LlamaConfig.__init__() got an unexpected keyword argument 'rope'",
         "a model config, not a quantization config"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("quant-needs-gpu", "AttributeError: 'NoneType' object has no attribute 'cadam32bit_grad_fp32'",
         "bitsandbytes 0.3x CPU library"),
    Case("quant-needs-gpu", "FP4 quantization state not initialized. Please call .cuda() or .to(device) on the "
         "LinearFP4 layer first.", "bitsandbytes 4-bit layer on the CPU"),
]


# session 17 (batch62): a converter given a checkpoint saved already quantized
POSITIVE += [
    Case("convert-quantized-checkpoint", "convert_hf_to_gguf.py: ValueError: Can not map tensor "
         "'model.layers.0.mlp.down_proj.SCB'", "bitsandbytes 8-bit save", fix="other"),
    Case("convert-quantized-checkpoint", "ValueError: Can not map tensor 'model.layers.0.self_attn.q_proj.qweight'",
         "GPTQ checkpoint"),
]
NEGATIVE += [
    # a tensor of no quantization format: the converter does not map the architecture
    Case("convert-quantized-checkpoint", "ValueError: Can not map tensor 'model.vision_tower.blocks.0.attn.qkv.weight'",
         "an unmapped architecture"),
]


# session 17 (batch63): an 8/4-bit model whose modules the device map had to spill off the GPU
NEGATIVE += [
    # no GPU at all: quantized loading is impossible, not too big
    Case("quantized-model-exceeds-gpu", "RuntimeError: No GPU found. A GPU is needed for quantization.", "no GPU"),
]

# a GPTQ tool's own quantize_config.json, absent from checkpoints that keep it in config.json
POSITIVE += [
    Case("quantize-config-file-missing", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/root/.cache/modelscope/hub/qwen/Qwen2-7B-Instruct-GPTQ-Int4/quantize_config.json'", "GPTQModel"),
    Case("quantize-config-file-missing", "OSError: quantize_config.json not found in models/TheBloke_Llama-2-7B-GPTQ",
         "a loader's own words"),
]
NEGATIVE += [
    Case("quantize-config-file-missing", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'models/llama/config.json'", "the model's config.json"),
]


# a GPTQ config reached a load of a model whose weights are not GPTQ-quantized: transformers set out to quantize it
POSITIVE += [
    Case("gptq-quantize-needs-dataset", "  File \"transformers/quantizers/quantizer_gptq.py\", line 98, in "
         "_process_model_after_weight_loading\nValueError: You need to pass `dataset` in order to quantize your model",
         "transformers 4.4x", fix="use_quantization_config"),
]
NEGATIVE += [
    Case("gptq-quantize-needs-dataset", "ValueError: You need to pass a `dataset` or `train_dataset` to the trainer",
         "a trainer's dataset"),
]

# bitsandbytes' own CUDA code without a kernel for this GPU (its error names csrc/ops.cu; torch's has no file)
POSITIVE += [
    Case("bnb-kernel-not-built-for-gpu", "Error no kernel image is available for execution on the device at line 479 "
         "in file D:\\ai\\tool\\bitsandbytes\\csrc\\ops.cu", "bitsandbytes 0.37 Windows build", fix="install_package"),
]
NEGATIVE += [
    Case("bnb-kernel-not-built-for-gpu", "RuntimeError: CUDA error: no kernel image is available for execution on the "
         "device", "torch's own"),
]

# a serving engine's kernels for the method need a newer GPU (vLLM's minimum capability check)
POSITIVE += [
    Case("quant-method-needs-newer-gpu", "ValueError: The quantization method awq is not supported for the current "
         "GPU. Minimum capability: 75. Current capability: 70.", "vLLM on a V100", fix="other"),
]
NEGATIVE += [
    Case("quant-method-needs-newer-gpu", "ValueError: Unknown quantization type, got fp8 - supported types are: "
         "['awq', 'gptq']", "a method transformers does not know"),
]

# nunchaku's SVDQuant checkpoints are made per GPU generation
POSITIVE += [
    Case("quant-method-needs-newer-gpu", '    check_hardware_compatibility(quantization_config, device)\n  File '
         '"nunchaku/utils.py", line 156, in check_hardware_compatibility\n    raise ValueError(\'Please use "fp4" '
         "quantization for Blackwell GPUs. ')\nValueError: Please use \"fp4\" quantization for Blackwell GPUs.",
         "an INT4 checkpoint on an RTX 50", fix="other"),
]

# batch78: torch's fp8 matmul on a GPU without fp8 units
POSITIVE += [
    Case("quant-method-needs-newer-gpu", "torch._scaled_mm is only supported on CUDA devices with compute capability "
         ">= 9.0 or 8.9, or ROCm MI300+", "an fp8 fast mode on an RTX 3090 Ti", fix="other"),
]

# bitsandbytes' packed 4-bit storage read as a plain weight; FSDP flattening uint8 storage.
POSITIVE += [
    Case("packed-4bit-weight-in-matmul", "  File \"/opt/conda/lib/python3.10/site-packages/torch/nn/modules/linear.py\""
         ", line 114, in forward\n    return F.linear(input, self.weight, self.bias)\nRuntimeError: mat1 and mat2 "
         "shapes cannot be multiplied (4146x4096 and 1x12582912)", "a -bnb-4bit checkpoint in a serving container"),
    Case("fsdp-flattens-quantized-weights", "  File \"/x/torch/distributed/fsdp/_flat_param.py\", line 752, in "
         "_validate_tensors_to_flatten\n    raise ValueError(\"Cannot flatten integer dtype tensors\")\nValueError: "
         "Cannot flatten integer dtype tensors", "QLoRA under FSDP", fix="other"),
]
NEGATIVE += [
    Case("packed-4bit-weight-in-matmul", "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x768 and 1024x768)",
         "a real shape mismatch"),
]

NEGATIVE += [
    Case("fsdp-flattens-quantized-weights", "ValueError: Must flatten tensors with uniform dtype but got torch.float32 "
         "and torch.bfloat16", "mixed float dtypes, not quantized storage"),
]

# batch87: quantization arguments and formats read against the checkpoint and transformers' own tables
POSITIVE += [
    Case("quant-argument-contradicts-checkpoint", "ValueError: Quantization method specified in the model config "
         "(gptq) does not match the quantization method specified in the `quantization` argument (awq).",
         "vLLM serve --quantization awq on a GPTQ checkpoint", fix="update_calling_code"),
    Case("quant-format-of-another-runtime", "  File \"/x/transformers/quantizers/auto.py\", line 101, in from_dict\n"
         "    raise ValueError(\nValueError: Unknown quantization type, got exl3 - supported types are: ['awq', "
         "'bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq']", "an EXL3 quant read by transformers", fix="other"),
    Case("quant-method-enum-name", "ValueError: Unknown quantization type, got QuantizationMethod.HQQ - supported "
         "types are: ['bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq', 'awq', 'hqq']",
         "an enum's str() under Python 3.11", fix="other"),
    Case("quantizer-library-arch-unsupported", "  File \"/venv/lib/python3.10/site-packages/awq/models/auto.py\", line "
         "29, in check_and_get_model_type\n    raise TypeError(f\"{config.model_type} isn't supported yet.\")\n"
         "TypeError: phi3 isn't supported yet.", "AutoAWQ without phi3", fix="install_package"),
    Case("quantizer-library-arch-unsupported", "TypeError: internlm2 is not supported yet.", "auto-gptq's wording",
         fix="install_package"),
    Case("quantizer-library-arch-unsupported", "TypeError: deepseek_v2 isn't supported yet.", "auto-gptq",
         fix="install_package"),
    Case("serving-runtime-quant-method-unknown", "ValueError: Unknown quantization method: awq. Must be one of "
         "['squeezellm'].", "an early vLLM", fix="install_package"),
]
NEGATIVE += [
    # a method transformers lists in a later release is an old transformers, not another runtime's format
    Case("quant-format-of-another-runtime", "ValueError: Unknown quantization type, got compressed-tensors - supported "
         "types are: ['awq', 'bitsandbytes_4bit', 'bitsandbytes_8bit', 'gptq']", "transformers before 4.45"),
    Case("quant-argument-contradicts-checkpoint", "ValueError: Unknown quantization method: fp8. Must be one of "
         "['awq', 'gptq', 'squeezellm']", "the runtime's own list, not a contradiction"),
    # a runtime's table listing what it supports is runtime-arch-unsupported
    Case("quantizer-library-arch-unsupported", "KeyError: \"mpnet is not supported yet. Only ['albert', 'bart', "
         "'bert'] are supported\"", "an exporter's table"),
    Case("serving-runtime-quant-method-unknown", "ValueError: Unknown quantization type, got fp8 - supported types "
         "are: ['awq', 'bitsandbytes_4bit']", "transformers' own message"),
    Case("quant-method-enum-name", "ValueError: Unknown quantization type, got quanto - supported types are: "
         "['bitsandbytes_4bit']", "the value itself"),
]


NEGATIVE += [
    Case("quantizer-library-arch-unsupported", "TypeError: bfloat16 is not supported yet.",
         "a dtype, not a model type"),
]


# batch96: optimum-quanto's own keys in a state dict quantized otherwise
POSITIVE += [
    Case("quantized-tensor-unknown", '  File ".../optimum/quanto/nn/qmodule.py", line 157, in _load_from_state_dict\n'
         '    weight_qtype = state_dict.pop(prefix + "weight_qtype")\nKeyError: \'lm_head.weight_qtype\'',
         "quanto reloading a state dict whose lm_head was not quantized"),
]
NEGATIVE += [
    Case("quantized-tensor-unknown", "KeyError: 'lm_head.weight'", "a plain weight"),
]


# cpm_kernels (ChatGLM's int4/int8) without a CUDA runtime library on the path
POSITIVE += [
    Case("cpm-kernels-cuda-library-missing", "  File \"/opt/conda/lib/python3.10/site-packages/cpm_kernels/library/"
         "base.py\", line 72, in wrapper\n    raise RuntimeError(\"Library %s is not initialized\" % self.__name)\n"
         "RuntimeError: Library cublasLt is not initialized", "cpm_kernels on Windows", fix="install_package"),
    Case("cpm-kernels-cuda-library-missing", "model.half().quantize(4).cuda() 报错 RuntimeError: Library cudart is not "
         "initialized", "a Chinese title"),
]
NEGATIVE += [
    Case("cpm-kernels-cuda-library-missing", "RuntimeError: CUDA driver initialization failed, you might not have a "
         "CUDA gpu.", "no GPU at all"),
]

# auto-gptq's exllama buffer sized for shorter inputs
POSITIVE += [
    Case("exllama-buffer-too-small", "  File \"/usr/local/lib/python3.10/dist-packages/auto_gptq/nn_modules/qlinear/"
         "qlinear_exllama.py\", line 140, in forward\n    return ext_q4_matmul(x, self.q4, self.width)\nRuntimeError: "
         "temp_state buffer is too small", "an act-order GPTQ model with a 4k prompt", fix="install_package"),
]
NEGATIVE += [
    Case("exllama-buffer-too-small", "ValueError: Found modules on cpu/disk. Using Exllama backend requires all the "
         "modules to be on GPU.", "exllama with offloaded modules"),
]

# a quantized model handed to the Trainer without adapters
POSITIVE += [
    Case("quantized-model-without-adapters", "ValueError: You cannot perform fine-tuning on purely quantized models. "
         "Please attach trainable adapters on top of the quantized model to correctly perform fine-tuning. Please see: "
         "https://huggingface.co/docs/transformers/peft for more details", "transformers' Trainer",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("quantized-model-without-adapters", "ValueError: The model you want to train is loaded in 8-bit precision. if "
         "you want to fine-tune an 8-bit model, please make sure that you have installed `bitsandbytes>=0.37.0`.",
         "an old bitsandbytes"),
]

# integer weights wrapped in trainable parameters
POSITIVE += [
    Case("integer-weights-made-trainable", "  File \"/usr/lib/python3/site-packages/accelerate/utils/modeling.py\", "
         "line 149, in set_module_tensor_to_device\n    new_value = param_cls(new_value, "
         "requires_grad=old_value.requires_grad).to(device)\nRuntimeError: Only Tensors of floating point and complex "
         "dtype can require gradients",
         "accelerate meeting int8 weights", fix="update_calling_code"),
    Case("integer-weights-made-trainable", "RuntimeError: Only Tensors of floating point dtype can require gradients",
         "torch 1.x"),
]
NEGATIVE += [
    Case("integer-weights-made-trainable", "RuntimeError: element 0 of tensors does not require grad and does not have "
         "a grad_fn", "nothing trainable"),
]


# cpm_kernels (ChatGLM's int4 kernels) on a Mac: CUDA's libraries only (zai-org/ChatGLM-6B#6)
POSITIVE += [
    Case("quant-needs-gpu", '''File "/opt/homebrew/anaconda3/envs/ChatGLM-webui/lib/python3.10/site-packages/cpm_kernels/library/base.py", line 59, in __init__
    raise RuntimeError("Unknown platform: %s" % sys.platform)
RuntimeError: Unknown platform: darwin''',
         "TsinghuaAI/CPM#7", fix="other"),
]

NEGATIVE += [
    Case("quant-needs-gpu", "RuntimeError: Unknown platform: linux-armv7", "another platform's words"),
]


# the same refusal as an app logs the exception's repr, or as a paste keeps only the raising source line (batch107)
POSITIVE += [
    Case("quantizer-library-arch-unsupported", "Could not load model (no success): Unexpected "
         "err=TypeError(\"internvl_chat isn't supported yet.\")", "an app's log of the exception's repr",
         fix="install_package"),
    Case("quantizer-library-arch-unsupported", "Error: auto_gptq/modeling/_utils.py line 125, in "
         "check_and_get_model_type\n    TypeError(config.model_type) isn't supported yet.",
         "the raising frame and its source line only"),
]
NEGATIVE += [
    Case("quantizer-library-arch-unsupported", "RuntimeError: Unexpected err=TypeError(\"bfloat16 isn't supported "
         "yet.\")", "a dtype, not a model type"),
    Case("quantizer-library-arch-unsupported", "NotImplementedError: sliding window attention isn't supported yet "
         "for this backend", "no model-type table consulted"),
]


# transformers' Trainer on a quantization method that has no training path (trainer_utils, 4.5x-5.x)
POSITIVE += [
    Case("quant-method-not-trainable", "ValueError: The model you are trying to fine-tune is quantized with "
         "QuantizationMethod.MXFP4 but that quantization method do not support training. Please open an issue on "
         "GitHub: https://github.com/huggingface/transformers to request the support for training support for "
         "QuantizationMethod.MXFP4", "gpt-oss fine-tuned without dequantizing", fix="other"),
    Case("quant-method-not-trainable", "ValueError: The model you are trying to fine-tune is quantized with fp8 but "
         "that quantization method do not support training.", "the method's plain name"),
]
NEGATIVE += [
    Case("quant-method-not-trainable", "ValueError: You cannot perform fine-tuning on purely quantized models. Please "
         "attach trainable adapters on top of the quantized model to correctly perform fine-tuning.",
         "a trainable method without adapters"),
]


# a quantized-model loader reading a config without the quantization_config section (VPTQ, 2024)
POSITIVE += [
    Case("config-without-quantization-config", "AttributeError: 'LlamaConfig' object has no attribute "
         "'quantization_config'", "VPTQ's loader on a stale config.json", fix="other"),
]
NEGATIVE += [
    Case("config-without-quantization-config", "AttributeError: 'BitsAndBytesConfig' object has no attribute "
         "'get_loading_attributes'", "another attribute"),
    Case("config-without-quantization-config", "AttributeError: 'NoneType' object has no attribute "
         "'quantization_config'", "no config at all"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# a layer that does not divide into a quantized kernel's blocks (batch113's MLX text; vLLM and SGLang's wordings)
POSITIVE += [
    Case("quant-shape-not-divisible", "ValueError: Weight input_size_per_partition = 11008 is not divisible by "
         "group_size = 128.", "vLLM's GPTQ/AWQ layer under tensor parallelism", fix="other"),
    Case("quant-shape-not-divisible", "ValueError: The input_size of down's weight = 1408 is not divisible by weight "
         "quantization block_k = 128.", "vLLM's block fp8"),
    Case("quant-shape-not-divisible", "  File \"convert.py\", line 80, in quantize\n    nn.QuantizedLinear.quantize_module"
         "(model)\nValueError: all dimensions should be divisible by 32 for now", "MLX's quantize"),
]
NEGATIVE += [
    Case("quant-shape-not-divisible", "ValueError: Total number of attention heads (12) must be divisible by tensor "
         "parallel size (8).", "heads over GPUs, parallel-size-does-not-divide's"),
]

# bitsandbytes' quantizer in transformers 4.37-4.38 on a rotary buffer (batch116's CogVLM upload, an earlier ESM text)
POSITIVE += [
    Case("quantizer-buffer-keyerror", "  File \"/venv/lib/python3.10/site-packages/transformers/quantizers/"
         "quantizer_bnb_4bit.py\", line 114, in check_quantized_param\n    if isinstance(module._parameters[tensor_name], "
         "bnb.nn.Params4bit):\nKeyError: 'inv_freq'", "4-bit load of a model with rotary buffers",
         fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("quantizer-buffer-keyerror", "KeyError: 'inv_freq_expanded'", "another key"),
]

# bitsandbytes' 4-bit state in another release's form (batch117's Baichuan2 4-bit repo, an earlier Forge NF4 text)
POSITIVE += [
    Case("bnb-quant-state-mismatch", "  File \"/root/.cache/huggingface/modules/transformers_modules/Baichuan2-7B-Chat-"
         "4bits/modeling_baichuan.py\", line 611, in from_pretrained\n    quant_state=weight.quant_state.as_dict()\n"
         "AttributeError: 'list' object has no attribute 'as_dict'", "remote code written for QuantState",
         fix="install_package"),
    Case("bnb-quant-state-mismatch", "AttributeError: 'Tensor' object has no attribute 'quant_state'", "a plain tensor"),
]
NEGATIVE += [
    Case("bnb-quant-state-mismatch", "AttributeError: 'dict' object has no attribute 'to_dict'", "another object"),
]

# the duplicate load_in_4bit refusal in a write-up's own words (batch118)
POSITIVE += [
    Case("bits-kwarg-with-config", "`ValueError: You cannot simultaneously pass the load_in_4bit or load_in_8bit "
         "arguments while also passing the quantization_config argument.`", "a blog's wording",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("bits-kwarg-with-config", "ValueError: load_in_4bit and load_in_8bit are both True, but only one can be used "
         "at the same time", "the two bit widths together, not a config"),
]

# a folder of GPTQ/AWQ files given to a loader not told it is quantized (text-generation-webui, session 38)
POSITIVE += [
    Case("quantized-folder-loaded-unquantized", "OSError: Error no file named pytorch_model.bin, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory models/TheBloke_Llama-2-13B-chat-AWQ.",
         "an AWQ folder, no loader settings", fix="use_quantization_config"),
]
NEGATIVE += [
    Case("quantized-folder-loaded-unquantized", "OSError: Error no file named pytorch_model.bin, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory models/llama-2-13b-chat-hf.",
         "an unquantized folder: missing-weights'"),
    Case("quantized-folder-loaded-unquantized", "OSError: TheBloke/Nous-Hermes-13B-GPTQ does not appear to have a "
         "file named pytorch_model.bin, tf_model.h5, model.ckpt or flax_model.msgpack.",
         "a GPTQ repo on the Hub: missing-weights'"),
]

# GPTQModel's own model-type table, in its own spelling (session 42, batch137)
POSITIVE += [
    Case("quantizer-library-arch-unsupported", "ValueError: Unsupport model_type gemma4_unified_text, and failed to "
         "auto-detect module tree for model", "GPTQModel"),
]
NEGATIVE += [
    Case("quantizer-library-arch-unsupported", "ValueError: Unsupport model_type in this context", "no model type named"),
]


# the kwargs before transformers knew them: a Python before 3.10 (which transformers 5 does not run on) places the paste
# there (session 44, batch142)
POSITIVE += [
    Case("bnb-legacy-kwargs", "TypeError: __init__() got an unexpected keyword argument 'load_in_4bit'",
         "transformers 4.29 on Python 3.9", fix="upgrade_transformers"),
    Case("bnb-legacy-kwargs", '  File "/opt/conda/lib/python3.8/site-packages/transformers/modeling_utils.py", line '
         "2175, in from_pretrained\n    model = cls(config, *model_args, **model_kwargs)\nTypeError: "
         "BloomForCausalLM.__init__() got an unexpected keyword argument 'load_in_8bit'", "transformers 4.19, Python 3.8",
         fix="upgrade_transformers"),
    Case("bnb-legacy-kwargs", '  File "/usr/lib/python3.12/site-packages/transformers/modeling_utils.py", line 5050\n'
         "TypeError: Qwen3ForCausalLM.__init__() got an unexpected keyword argument 'load_in_4bit'",
         "transformers 5 on Python 3.12", fix="use_quantization_config"),
]


# a serving engine reading a quantized checkpoint as an unquantized one (session 48, batch161)
POSITIVE += [
    Case("serving-quantized-weight-missing", "RuntimeError: weight model.layers.0.self_attn.q_proj.weight does not "
         "exist", "TGI on SageMaker with an AWQ checkpoint and no HF_MODEL_QUANTIZE", fix="other"),
    Case("serving-quantized-weight-missing", "RuntimeError: weight transformer.h.0.self_attention.query_key_value.weight "
         "does not exist", "TGI with a GPTQ falcon"),
]
NEGATIVE += [
    Case("serving-quantized-weight-missing", "RuntimeError: weight model.embed_tokens.weight does not exist",
         "an embedding: a shard or a tied weight (files/serving-weight-missing)"),
    Case("serving-quantized-weight-missing", "RuntimeError: weight model.layers.27.self_attn.q_proj.weight does not "
         "exist", "a later layer while the first loaded: a shard missing, not a packed format"),
]


# Triton's fp8 (e4m3) type on a GPU without fp8 units (session 48, batch164)
POSITIVE += [
    Case("quant-method-needs-newer-gpu", "type fp8e4nv not supported in this architecture. The supported fp8 dtypes "
         "are ('fp8e4b15', 'fp8e5')\nRuntimeError: Engine core initialization failed. See root cause above.",
         "vLLM with a Qwen3 FP8 checkpoint on an RTX 3090", fix="other"),
]
NEGATIVE += [
    Case("quant-method-needs-newer-gpu", "INFO: using fp8e4nv kernels for the MoE layers on sm_90", "an info line"),
]


# the same fp8 type under older Triton's name (session 48, batch167)
POSITIVE += [
    Case("quant-method-needs-newer-gpu", "f8e4m3nv is only supported on compute capability >= 90",
         "ktransformers' fp8 kernel on an RTX 4090", fix="other"),
]
NEGATIVE += [
    Case("quant-method-needs-newer-gpu", "f8e4m3nv kernels compiled for compute capability 90", "a build line"),
]


# from_pretrained's own dispatch moving a bitsandbytes model (session 49, batch176)
POSITIVE += [
    Case("bnb-model-moved-by-own-dispatch", '  File "/env/lib/python3.10/site-packages/transformers/modeling_utils.py", '
         "line 3735, in from_pretrained\n    dispatch_model(model, **device_map_kwargs)\n  File "
         '"/env/lib/python3.10/site-packages/accelerate/big_modeling.py", line 501, in dispatch_model\n    '
         "model.to(device)\n  File \"/env/lib/python3.10/site-packages/transformers/modeling_utils.py\", line 2670, in "
         "to\n    raise ValueError(\nValueError: `.to` is not supported for `4-bit` or `8-bit` bitsandbytes models. "
         "Please use the model as it is", "OpenVLA-OFT with accelerate 1.3", fix="other"),
]
NEGATIVE += [
    Case("bnb-model-moved-by-own-dispatch", '    model = model.to("cuda:0")\nValueError: `.to` is not supported for '
         "`4-bit` or `8-bit` bitsandbytes models. Please use the model as it is", "the caller's own .to()"),
]
