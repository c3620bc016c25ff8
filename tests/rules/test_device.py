"""rules/device: absent devices, offload folders, meta tensors, invalid placements, mixed devices."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pytest
from rulecase import Case, bundled_rules_by_id, check_negative, check_positive, diagnose

REF_10T = (
    "ValueError: The current `device_map` had weights offloaded to the disk, which needed to be re-saved. This is "
    "either because the weights are not in `safetensors` format, or because the model uses an internal weight "
    "format different than the one saved (i.e. most MoE models). Please provide an `offload_folder` for them in "
    "`from_pretrained`."
)
OLD_OFFLOAD = (
    "ValueError: The current `device_map` had weights offloaded to the disk. Please provide an `offload_folder` "
    "for them. Alternatively, make sure you have `safetensors` installed if the model you are using offers the "
    "weights in this format."
)
META = "NotImplementedError: Cannot copy out of meta tensor; no data!"
MIXED = (
    "RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! "
    "(when checking argument for argument index in method wrapper_CUDA__index_select)"
)

REF_10P = "LlamaForCausalLM.__init__() got an unexpected keyword argument 'device'"

POSITIVE = [
    Case("cuda-not-available", "AssertionError: Torch not compiled with CUDA enabled", "10d"),
    Case("cuda-not-available", "RuntimeError: Cannot access accelerator device when none is available.", "10e"),
    Case("cuda-not-available", "RuntimeError: Attempting to deserialize object on a CUDA device but "
         "torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with "
         "map_location=torch.device('cpu') to map your storages to the CPU.", "torch.load of a CUDA checkpoint"),
    Case("cuda-not-available", "AssertionError: Torch not compiled with CUDA enabled", "live, no GPU",
         ctx={"facts": {"cuda_available": False}}, fix="update_calling_code"),
    Case("offload-folder-needed", REF_10T, "10t", fix="offload_folder"),
    Case("offload-folder-needed", OLD_OFFLOAD, "transformers 4.x"),
    Case("offload-folder-needed", "ValueError: We need an `offload_dir` to dispatch this model according to this "
         "`device_map`, the following submodules need to be offloaded: model.layers.30.", "accelerate dispatch_model"),
    Case("meta-tensor", META, "pasted: the caller's code moved an offloaded model", fix="update_calling_code"),
    Case("meta-tensor", META, "a live load: the loop places the layers", ctx={"plan": {}},
         fix="device_map_auto_offload"),
    Case("meta-tensor", "RuntimeError: Tensor.item() cannot be called on meta tensors", "10c"),
    Case("meta-tensor", "ValueError: weight is on the meta device, we need a `value` to put in on 0.", "accelerate"),
    Case("device-map-invalid", "ValueError: When passing device_map as a string, the value needs to be a device "
         "name (e.g. cpu, cuda:0) or 'auto', 'balanced', 'balanced_low_0', 'sequential' but found gpu.", "10g"),
    Case("device-map-invalid", "RuntimeError: PyTorch is not linked with support for mps devices", "10i"),
    Case("device-map-invalid", "ValueError: `size` lots is not in a valid format. Use an integer for bytes, or a "
         "string with an unit (like '5.0GB').", "10q"),
    Case("tensors-on-different-devices", MIXED, "torch"),
    Case("tensors-on-different-devices", "RuntimeError: Input type (torch.cuda.FloatTensor) and weight type "
         "(torch.FloatTensor) should be the same", "conv on two devices"),
    Case("device-kwarg", "TypeError: " + REF_10P, "10p", fix="update_calling_code"),
    Case("device-kwarg", REF_10P, "10p live, device='cpu'", ctx={"plan": {"kwargs": {"device": "cpu"}}},
         fix="update_calling_code"),
    Case("device-kwarg", "TypeError: __init__() got an unexpected keyword argument 'device'", "transformers 4.x"),
]

NEGATIVE = [
    Case("cuda-not-available", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB", "OOM"),
    Case("offload-folder-needed", META, "meta tensor"),
    Case("meta-tensor", REF_10T, "offload folder"),
    Case("meta-tensor", "ValueError: The model has been loaded with `accelerate` and therefore cannot be moved to a "
         "specific device. Please discard the `device` argument when creating your pipeline object.",
         "pipeline device argument"),
    Case("device-map-invalid", "ValueError: Using a `device_map`, `tp_plan`, `torch.device` context manager or "
         "setting `torch.set_default_device(device)` requires `accelerate`. You can install it with "
         "`pip install accelerate`", "10x accelerate missing"),
    Case("tensors-on-different-devices", "RuntimeError: Input type (torch.cuda.HalfTensor) and weight type "
         "(torch.cuda.FloatTensor) should be the same", "a dtype mismatch on one device"),
    Case("device-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument 'device_type'",
         "another kwarg that starts with device"),
    Case("device-kwarg", "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument 'foo_bar'",
         "14i"),
]


POSITIVE += [
    Case("tensors-on-different-devices", "RuntimeError: Placeholder storage has not been allocated on MPS device!",
         "Apple MPS, inputs on the CPU", fix="update_calling_code"),
]


# A library that refuses the GPU itself (vLLM's minimum, Triton's): no dtype or placement setting helps.
POSITIVE += [
    Case("gpu-below-library-minimum", "INFO 05-02 config.py:1234 Bfloat16 is only supported on GPUs with compute "
         "capability of at least 8.0. Your Tesla V100-SXM2-32GB GPU has compute capability 7.0.\n"
         "RuntimeError: GPUs with compute capability below 7.5 are not supported.", "vLLM after a bf16 note",
         fix="other"),
    Case("gpu-below-library-minimum", "torch._inductor.exc.GPUTooOldForTriton: Found Tesla K80 which is too old to "
         "be supported by the triton GPU compiler, which is used as the backend. Triton only supports devices of "
         "CUDA Capability >= 7.0, but your device is of CUDA capability 3.7", "torch.compile on a K80"),
]
NEGATIVE += [
    Case("gpu-below-library-minimum", "ValueError: Bfloat16 is only supported on GPUs with compute capability of at "
         "least 8.0. Your Tesla T4 GPU has compute capability 7.5. You can use float16 instead by explicitly setting "
         "the `dtype` flag in CLI, for example: --dtype=half.", "a dtype question: bf16-unsupported-gpu"),
]

POSITIVE += [
    Case("meta-tensor", "Please use torch.nn.Module.to_empty() instead of torch.nn.Module.to() when moving module "
         "from meta to a different device.", "torch 2.2+, the message's second line only"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("cuda-not-available", "ValueError: You are attempting to use Flash Attention 2.0 with a model not "
         "initialized on GPU and with no GPU available. This is not supported yet.", "transformers 4.38, no GPU",
         fix="update_calling_code"),
    Case("cuda-not-available", "ValueError: Flash Attention 2 is not available on CPU. Please make sure torch can "
         "access a CUDA device.", "transformers 4.46"),
    Case("device-map-invalid", "ValueError: T5EncoderModel does not support `device_map='auto'`. To implement support, "
         "the model class needs to implement the `_no_split_modules` attribute.", "no _no_split_modules"),
    Case("offload-folder-needed", "ValueError: At least one of the model submodule will be offloaded to disk, please "
         "pass along an `offload_folder`.", "accelerate 0.2x", fix="offload_folder"),
]
NEGATIVE += [
    # the dev corpus labels moving an accelerate-placed model "other": the calling code's matter, not placement
    Case("device-map-invalid", "ValueError: The model has been loaded with `accelerate` and therefore cannot be "
         "moved to a specific device. Please discard the `device` argument when creating your pipeline object.",
         "pipeline(device=...) after device_map"),
    Case("cuda-not-available", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due to the "
         "following error: the package flash_attn seems to be not installed.", "a package, the GPU is there"),
    Case("device-map-invalid", "ValueError: LlamaForCausalLM supports `device_map='auto'`", "no refusal"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("tensors-on-different-devices", "TypeError: All input tensors need to be on the same GPU, but found some "
         "tensors to not be on a GPU:\n [(torch.Size([4096]), 'cpu')]", "bitsandbytes"),
    Case("cuda-not-available", "RuntimeError: CUDA_VISIBLE_DEVICES is set to empty string, which means GPU support is "
         "disabled.", "vLLM"),
    Case("device-map-invalid", "ValueError: The number of required GPUs exceeds the total number of available GPUs in "
         "the placement group.", "vLLM with Ray"),
]
NEGATIVE += [
    Case("device-map-invalid", "ValueError: The number of required steps exceeds the limit", "not devices"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("cuda-not-available", "RuntimeError: nvidia-smi not found. Ensure NVIDIA drivers are installed and "
         "accessible.", "SGLang"),
    Case("device-map-invalid", "ValueError: Both `device` and `device_map` are specified. `device` will override "
         "`device_map`. You will most likely encounter unexpected behavior.", "LangChain HuggingFacePipeline"),
]
NEGATIVE += [
    Case("cuda-not-available", "RuntimeError: nvidia-smi found 2 GPUs", "found"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("cuda-not-available", "ValueError: Unable to initialize model on GPU: cuda\nAvailable GPUs: []", "gpt4all"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("cuda-not-available", "NotImplementedError: FlashLlama is only available on GPU", "TGI on a CPU machine"),
]

# ZeRO-3 partitions the weights itself: no device_map, no low_cpu_mem_usage.
POSITIVE += [
    Case("zero3-with-device-map", "ValueError: DeepSpeed Zero-3 is not compatible with `low_cpu_mem_usage=True` or "
         "with passing a `device_map`.", "transformers 4.3x", fix="update_calling_code"),
]
NEGATIVE += [
    Case("zero3-with-device-map", "DeepSpeed Zero-3 is enabled: partitioning the model", "an info line"),
]

# diffusers: a pipeline with CPU offloading enabled and then moved with .to("cuda")
POSITIVE += [
    Case("offload-then-to-device", "ValueError: It seems like you have activated sequential model offloading by "
         "calling `enable_sequential_cpu_offload`, but are now attempting to move the pipeline to GPU. This is not "
         "compatible with offloading. Please, move your pipeline `.to('cpu')` or consider removing the move altogether "
         "if you use sequential offloading.", "diffusers DiffusionPipeline.to", fix="update_calling_code"),
    Case("device-map-invalid", "T5EncoderModel does not support 'device_map': 'auto' yet", "the sentence retyped"),
]
NEGATIVE += [
    Case("offload-then-to-device", "ValueError: Please provide an `offload_folder` for them.",
         "offloading to disk without a folder"),
]

# A model placed by its device_map and given another placement; low_cpu_mem_usage=False with a device_map
POSITIVE += [
    Case("placed-model-moved", "ValueError: The model has been loaded with `accelerate` and therefore cannot be moved "
         "to a specific device. Please discard the `device` argument when creating your pipeline object.",
         "transformers pipeline(device=...) after device_map", fix="update_calling_code"),
    Case("offload-then-to-device", "ValueError: It seems like you have activated a device mapping strategy on the "
         "pipeline which doesn't allow explicit device placement using `to()`. You can call `reset_device_map()` first "
         "and then call `to()`.", "diffusers pipeline loaded with device_map"),
    Case("device-map-needs-low-cpu-mem", "ValueError: You cannot set `low_cpu_mem_usage` to `False` while using "
         "device_map=balanced for loading and dispatching. Please make sure to set `low_cpu_mem_usage=True`.",
         "diffusers", fix="update_calling_code"),
    Case("zero3-with-device-map", "ValueError: DeepSpeed Zero-3 is not compatible with passing a `device_map`.",
         "the newer wording"),
    Case("cuda-not-available", "RuntimeError: `enable_model_cpu_offload` requires accelerator, but not found",
         "diffusers offloading with no GPU"),
]
NEGATIVE += [
    Case("placed-model-moved", "RuntimeError: Expected all tensors to be on the same device, but found at least two "
         "devices, cuda:0 and cpu!", "tensors on two devices"),
    Case("device-map-needs-low-cpu-mem", "ValueError: Using a `device_map` or `tp_plan` requires `accelerate`. You can "
         "install it with `pip install accelerate`", "accelerate missing"),
]

# accelerate: a checkpoint tensor the device map does not place
POSITIVE += [
    Case("device-map-invalid", "ValueError: lm_head.weight doesn't have any device set.", "a hand-written device map",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("device-map-invalid", "rank[0] failed with error: model.layers.0.mlp.down_proj.qweight doesn't have any "
         "device set.", "a quantized tensor: quant/quantized-tensor-unknown"),
]

# the same message after a Markdown paste ate the space after a backtick
POSITIVE += [
    Case("offload-folder-needed", "ValueError: We need an `offload_dir`to dispatch this model according to this"
         "`device_map`, the following submodules need to be offloaded: base_model.model.lm_head.", "a GitHub paste",
         fix="offload_folder"),
]
NEGATIVE += [
    Case("offload-folder-needed", "We need an offload plan", "no offload_dir"),
]

# A torch.device given as device_map to a release that reads device_map as a dict.
POSITIVE += [
    Case("device-map-invalid", "    if device_map is not None and \"disk\" in device_map.values():\n"
         "AttributeError: 'torch.device' object has no attribute 'values'", "transformers 4.3x",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("device-map-invalid", "    x = model.device.values()\nAttributeError: 'torch.device' object has no attribute "
         "'values'", "the caller's own code, no device_map"),
]


# an operator run on a model still on the meta device
POSITIVE += [
    Case("meta-tensor", "NotImplementedError: aten::_local_scalar_dense: attempted to run this operator with Meta "
         "tensors, but there was no fake impl or Meta kernel registered.", "an operator on meta tensors"),
]
NEGATIVE += [
    Case("meta-tensor", "NotImplementedError: Could not run 'aten::empty_strided' with arguments from the "
         "'QuantizedCPU' backend.", "another backend's missing kernel"),
]

# CTranslate2 (faster-whisper) without CUDA
POSITIVE += [
    Case("cuda-not-available", "ValueError: This CTranslate2 package was not compiled with CUDA support",
         "CTranslate2 on a Mac"),
]

# "only available on GPU" in a quantization method's words is quant-needs-gpu's
NEGATIVE += [
    Case("cuda-not-available", "ValueError: AWQ is only available on GPU", "a quantization method"),
]


# transformers >= 5.25 kernelizes by default when the kernels package is installed; kernelize() refuses other devices
KERNELS_META = (
    '  File ".../transformers/modeling_utils.py", line 3921, in set_use_kernels\n    kernelize(self, device_map='
    'device_map)\n  File ".../kernels/_internals/layer/kernelize.py", line 306, in _validate_device_type\n    raise '
    "ValueError(\nValueError: Unsupported device type 'meta'. Supported device types are: cpu, cuda, mps, neuron, "
    "npu, rocm, tpu, xpu"
)
POSITIVE += [
    Case("kernels-device-unsupported", KERNELS_META, "transformers 5.25, device_map='meta'"),
    Case("kernels-device-unsupported", "ValueError: Unsupported device type 'hpu'. Supported device types are: cpu, "
         "cuda, mps, neuron, npu, rocm, tpu, xpu", "another backend"),
]
NEGATIVE += [
    Case("kernels-device-unsupported", "ValueError: Unsupported device type: hpu", "no list of supported types"),
    Case("kernels-device-unsupported", "RuntimeError: Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, "
         "ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of "
         "device string: gpu", "torch: a device string it cannot parse"),
]


# transformers 5.25's default Hub kernels, offline with an empty cache: recorded on an H200 (device tool, 2026-12-04;
# transformers 5.25.0, kernels 0.19.1, torch 2.11.0+cu130) from plain from_pretrained(device_map="cuda")
KERNELS_OFFLINE = (
    '  File "/tmp/site-ci/transformers/modeling_utils.py", line 3921, in set_use_kernels\n    kernelize(self, '
    'device_map=device_map)\n  File "/tmp/site-ci/kernels/_internals/_versions.py", line 79, in '
    "resolve_version_spec_as_ref\n    raise ValueError(\nValueError: Version 2 of 'kernels-community/rotary' is not "
    "available in the local cache and Hugging Face Hub is in offline mode. Download the kernel while online first, "
    "or pass an explicit `revision=<commit>`."
)
POSITIVE += [
    Case("kernels-not-cached-offline", KERNELS_OFFLINE, "H200, llama's rotary kernel"),
    Case("kernels-not-cached-offline", "ValueError: Version 1 of 'kernels-community/activation' is not available in "
         "the local cache and Hugging Face Hub is in offline mode.", "the activation kernel, bare message"),
    Case("kernels-not-cached-offline", "ValueError: Cannot resolve revision 'v2' of 'kernels-community/rmsnorm' to "
         "a commit: the ref is not in the local cache and Hugging Face Hub is in offline mode. Download the kernel "
         "while online first.", "a ref instead of a version"),
]
NEGATIVE += [
    Case("kernels-not-cached-offline", "ValueError: Version 3 not found, available versions: 1, 2",
         "online: the version is not published"),
    Case("kernels-not-cached-offline", "huggingface_hub.errors.LocalEntryNotFoundError: Cannot find the requested "
         "files in the disk cache and outgoing traffic has been disabled. To enable hf.co look-ups and downloads "
         "online, set 'local_files_only' to False.", "the model's own files offline"),
]

# Intel GPUs: torch without XPU, or no Level Zero device
POSITIVE += [
    Case("cuda-not-available", "AssertionError: Torch not compiled with XPU enabled", "SD.Next, CPU-only torch"),
    Case("cuda-not-available", "    torch._C._xpu_init()\nRuntimeError: No XPU devices are available.", "no driver"),
]
NEGATIVE += [
    Case("cuda-not-available", "RuntimeError: XPU out of memory. Tried to allocate 2.00 GiB", "an XPU that is there"),
]

# a Triton kernel handed a CPU tensor (an offloaded quantized layer)
POSITIVE += [
    Case("triton-kernel-cpu-tensor", "  File \"/usr/lib/python3/site-packages/awq/modules/triton/gemm.py\", line 289, "
         "in awq_gemm_triton\n    awq_gemm_kernel[grid](\nValueError: Pointer argument (at 0) cannot be accessed "
         "from Triton (cpu tensor?)", "AutoAWQ over two GPUs and the CPU"),
]
NEGATIVE += [
    Case("triton-kernel-cpu-tensor", "ValueError: Pointer argument (at 2) cannot be accessed from Triton",
         "no CPU tensor named"),
]

# map_location onto a device the installed torch cannot restore to
POSITIVE += [
    Case("map-location-unsupported", "    cpp_module = torch._C.import_ir_module(cu, str(f), map_location, "
         "_extra_files)\nRuntimeError: supported devices include CPU, CUDA and HPU, however got MPS",
         "torch.jit.load onto MPS", fix="update_calling_code"),
    Case("map-location-unsupported", "RuntimeError: don't know how to restore data location of "
         "torch.storage._UntypedStorage (tagged with mps)", "a storage saved from MPS"),
]
NEGATIVE += [
    Case("map-location-unsupported", "RuntimeError: Attempting to deserialize object on a CUDA device but "
         "torch.cuda.is_available() is False.", "CUDA absent: cuda-not-available"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("offload-folder-needed", "make sure you have `safetensors` installed if the model you are using offers "
         "the weights in this format.", "transformers 4.x, head cut"),
    Case("meta-tensor", "but there was no fake impl or Meta kernel registered.", "torch 2.x, head cut"),
]


# from_pretrained inside a meta-device context (a library's model class that loads a sub-model in its __init__).
POSITIVE += [
    Case("from-pretrained-under-meta-context", "RuntimeError: You are using `from_pretrained` with a meta device "
         "context manager or `torch.set_default_device('meta')`.\nThis is an anti-pattern as `from_pretrained` wants "
         "to load existing weights.", "transformers 4.47+", fix="pin_transformers_version"),
    Case("pipeline-device-map-strategy", "NotImplementedError: auto not supported. Supported strategies are: balanced",
         "diffusers 0.28+", fix="update_calling_code"),
]

NEGATIVE += [
    Case("from-pretrained-under-meta-context", "NotImplementedError: Cannot copy out of meta tensor; no data!",
         "a meta tensor moved"),
    Case("pipeline-device-map-strategy", "ValueError: If passing a string for `device_map`, please choose 'auto', "
         "'balanced', 'balanced_low_0' or 'sequential'.", "accelerate's strategies"),
]


# The ZeRO-3 refusal retyped by a user, its head garbled.
POSITIVE += [
    Case("zero3-with-device-map", "ValieError;DeepSpeed Zreo-3 is not compatible with 'low_cpu_mem_usage=True' or with "
         "passing a 'device_map'.", "retyped in an issue", fix="update_calling_code"),
]


WINDOWS_CPU_TORCH = """  File "C:\\Users\\me\\anaconda3\\envs\\chat\\lib\\site-packages\\torch\\cuda\\__init__.py", line 239, in _lazy_init
    raise AssertionError("Torch not compiled with CUDA enabled")
AssertionError: Torch not compiled with CUDA enabled"""

# torch's CPU-only build on Windows (PyPI's default there), told by the paths of the traceback; the same assertion
# from a Mac or with no path stays cuda-not-available (load on the CPU)
POSITIVE += [
    Case("torch-cpu-build-on-windows", WINDOWS_CPU_TORCH, "a conda env on Windows", fix="upgrade_torch"),
    Case("torch-cpu-build-on-windows", """  File "D:\\ComfyUI_windows_portable\\python_embeded\\Lib\\site-packages\\torch\\cuda\\__init__.py", line 310, in _lazy_init
    raise AssertionError("Torch not compiled with CUDA enabled")
AssertionError: Torch not compiled with CUDA enabled""", "a portable app"),
]
NEGATIVE += [
    Case("torch-cpu-build-on-windows", """  File "/Users/me/venv/lib/python3.11/site-packages/torch/cuda/__init__.py", line 239, in _lazy_init
    raise AssertionError("Torch not compiled with CUDA enabled")
AssertionError: Torch not compiled with CUDA enabled""", "a Mac: no CUDA build exists"),
    Case("torch-cpu-build-on-windows", "AssertionError: Torch not compiled with CUDA enabled", "no path: unknown OS"),
]

# Two accelerators in torch's message are a model split across GPUs whose code does not follow the split; an
# accelerator and the CPU are inputs (or a layer) left behind
POSITIVE += [
    Case("tensors-on-different-devices", "RuntimeError: Expected all tensors to be on the same device, but found at "
         "least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method "
         "wrapper_CUDA__index_select)", "device_map='auto' on two GPUs", fix="other"),
    Case("tensors-on-different-devices", "RuntimeError: Expected all tensors to be on the same device, but found at "
         "least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)",
         "inputs on the CPU", fix="update_calling_code"),
]

# batch78: a quantized checkpoint placed on the CPU beside a GPU
POSITIVE += [
    Case("quantized-model-loaded-on-cpu", "You have loaded an AWQ model on CPU and have a CUDA device available, make "
         "sure to set your model on a GPU device in order to run your model.", "FastChat's worker, device auto",
         fix="update_calling_code"),
    Case("quantized-model-loaded-on-cpu", "UserWarning: You have loaded a BitNet model on CPU and have a CUDA device "
         "available, make sure to set your model on a GPU device in order to run your model.", "BitNet"),
]
NEGATIVE += [
    Case("quantized-model-loaded-on-cpu", "RuntimeError: Found no NVIDIA driver on your system.", "no GPU at all"),
    Case("quantized-model-loaded-on-cpu", "You have loaded an AWQ model on CPU and have a CUDA device available, make "
         "sure to set your model on a GPU device in order to run your model.\ntorch.OutOfMemoryError: CUDA out of "
         "memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 GiB of which 1.06 GiB is free.",
         "the warning, then the error that stopped the load"),
]

# A ROCm build without kernels for this AMD GPU's target: the HSA override or another build, not a package.
POSITIVE += [
    Case("rocm-gpu-target-unsupported", "Loading pipeline components...\n\"hipErrorNoBinaryForGpu: Unable to find code "
         "object for all current devices!\"\nAborted (core dumped)", "HIP's runtime on an RX 6600", fix="other"),
    Case("rocm-gpu-target-unsupported", "  File \"/opt/venv/lib/python3.11/site-packages/torch/nn/modules/module.py\", "
         "line 1160, in convert\n    return t.to(device)\nRuntimeError: HIP error: invalid device function\nHIP "
         "kernel errors might be asynchronously reported at some other API call", "torch on ROCm moving the model"),
]
NEGATIVE += [
    Case("rocm-gpu-target-unsupported", "RuntimeError: HIP out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.98 GiB "
         "total capacity)", "memory, not the build"),
]

# A device that cannot say how much memory is free: device_map="auto" needs the answer.
POSITIVE += [
    Case("device-free-memory-unknown", "  File \"/usr/lib/python3/site-packages/accelerate/utils/modeling.py\", line "
         "910, in get_max_memory\n    max_memory = {i: torch.xpu.mem_get_info(i)[0] for i in range(n)}\nRuntimeError: "
         "The device (Intel(R) Arc(TM) A770 Graphics) doesn't support querying the available free memory.",
         "accelerate on an Arc card", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("device-free-memory-unknown", "RuntimeError: XPU out of memory. Tried to allocate 1.50 GiB",
         "out of memory on the same device"),
]

# accelerate refuses to train a quantized model placed over several devices.
POSITIVE += [
    Case("quantized-model-trained-across-devices", "    model = accelerator.prepare(model)\nValueError: You can't train a "
         "model that has been loaded in 8-bit precision on multiple devices.", "accelerate 0.18", fix="other"),
    Case("quantized-model-trained-across-devices", "ValueError: You can't train a model that has been loaded in 8-bit "
         "precision on a different device than the one you're training on. Make sure you loaded the model on the "
         "correct device using for example `device_map={'':torch.cuda.current_device()}`.", "accelerate 0.20"),
]
NEGATIVE += [
    Case("quantized-model-trained-across-devices", "ValueError: `.to` is not supported for `4-bit` or `8-bit` "
         "bitsandbytes models. Please use the model as it is, since the model has already been set to the correct "
         "devices and casted to the correct `dtype`.", "moving a quantized model, not training it"),
]

# transformers.js on WebGPU where the browser exposes no adapter.
POSITIVE += [
    Case("webgpu-adapter-unavailable", "Error: no available backend found. ERR: [webgpu] Error: Failed to get GPU "
         "adapter. You may need to enable flag \"--enable-unsafe-webgpu\" if you are using Chrome.",
         "onnxruntime-web in an Electron app", fix="other"),
]
NEGATIVE += [
    Case("webgpu-adapter-unavailable", "Error: no available backend found. ERR: [wasm] RuntimeError: Aborted(CompileError: "
         "WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 44 4f @+0)",
         "the WASM backend fetched an HTML page"),
]

# simpletransformers asked for CUDA on a machine without it.
POSITIVE += [
    Case("cuda-not-available", "  File \"/opt/conda/lib/python3.10/site-packages/simpletransformers/t5/t5_model.py\", "
         "line 118, in __init__\n    raise ValueError(\nValueError: 'use_cuda' set to True when cuda is unavailable. "
         "Make sure CUDA is available or set use_cuda=False.", "simpletransformers T5Model on a CPU-only laptop"),
]

# batch87: CUDA touched outside the @spaces.GPU function of a ZeroGPU Space
POSITIVE += [
    Case("zerogpu-cuda-in-main-process", "  File \"/usr/local/lib/python3.10/site-packages/spaces/zero/torch/patching.py"
         "\", line 232, in _cuda_init_raise\n    raise RuntimeError(\nRuntimeError: CUDA must not be initialized in "
         "the main process on Spaces with Stateless GPU environment.\nYou can look at this Stacktrace to find out "
         "which part of your code triggered a CUDA init", "device_map='cuda' at import time", fix="update_calling_code"),
]
NEGATIVE += [
    Case("zerogpu-cuda-in-main-process", "RuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA "
         "with multiprocessing, you must use the 'spawn' start method", "a forked worker, not ZeroGPU"),
]


# A serving engine's tensor-parallel split that a model size does not divide
POSITIVE += [
    Case("parallel-size-does-not-divide", "ValueError: Total number of attention heads (28) must be divisible by "
         "tensor parallel size (8).", "vLLM, Qwen2.5-7B on 8 GPUs", fix="other"),
    Case("parallel-size-does-not-divide", "AssertionError: num_key_value_heads 10 is not divisible by tp_size 4",
         "another engine's wording"),
    Case("parallel-size-does-not-divide", "Error when initializing model\nValueError: The choosen size 49954 is not "
         "compatible with sharding on 2 shards", "text-generation-inference"),
]
NEGATIVE += [
    Case("parallel-size-does-not-divide", "ValueError: The hidden size (4096) is not a multiple of the number of "
         "attention heads (48)", "a config that contradicts itself"),
]


# torch 1.0-1.4's wording of tensors on two devices
POSITIVE += [
    Case("tensors-on-different-devices", "RuntimeError: Expected object of device type cuda but got device type cpu for "
         "argument #3 'index' in call to _th_index_select", "torch 1.4", fix="update_calling_code"),
    Case("tensors-on-different-devices", "RuntimeError: Expected object of backend CUDA but got backend CPU for "
         "argument #2 'mat2'", "torch 1.0"),
]
NEGATIVE += [
    Case("tensors-on-different-devices", "RuntimeError: Expected object of scalar type Float but got scalar type Half "
         "for argument #2 'mat2'", "a dtype, not a device"),
]


# transformers' message as a page that renders Markdown shows it: the code marks around from_pretrained gone (batch108)
POSITIVE += [
    Case("from-pretrained-under-meta-context", "You are using from_pretrained with a meta device context manager",
         "TabSTAR's PR description", fix="pin_transformers_version"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)


def test_the_windows_advice_leaves_the_cpu_fallback_to_the_live_loop() -> None:
    """The Windows rule only advises: the live loop tries the remedies of every matching rule of the top category,
    so cuda-not-available's device_map='cpu' is still there to try on a machine without CUDA."""
    verdict = diagnose(Case("torch-cpu-build-on-windows", WINDOWS_CPU_TORCH, ctx={"facts": {"cuda_available": False}}))
    assert verdict.rule == "torch-cpu-build-on-windows"
    assert "cuda-not-available" in verdict.all_rules
    rules = bundled_rules_by_id()
    assert rules["cuda-not-available"].category == rules["torch-cpu-build-on-windows"].category
    assert [r.action.type for r in rules["torch-cpu-build-on-windows"].remedy] == ["advise"]
    assert any(r.action.type == "set_kwargs" and r.action.set == {"device_map": "cpu"}
               for r in rules["cuda-not-available"].remedy)

# a paste cut after accelerate's offload_dir check in dispatch_model, before its message (batch118)
_DISPATCH_CUT = """/usr/local/lib/python3.8/dist-packages/accelerate/big_modeling.py in dispatch_model(model, device_map, \
main_device, state_dict, offload_dir, offload_index, offload_buffers, preload_module_classes)
    289     disk_modules = [name for name, device in device_map.items() if device == "disk"]
    290     if offload_dir is None and offload_index is None and len(disk_modules) > 0:
--> 291         raise ValueError("""
POSITIVE += [
    Case("offload-folder-needed", _DISPATCH_CUT, "PeftModel.from_pretrained in Colab, IPython's frame",
         fix="offload_folder"),
]
NEGATIVE += [
    Case("offload-folder-needed", _DISPATCH_CUT + '\n    292             "We need an `offload_dir`"\n\nTypeError: '
         "dispatch_model() got an unexpected keyword argument 'offload_buffers'", "the paste goes on to another error"),
]

# torch's warning for a state dict copied into parameters still on the meta device (PEFT on an offloaded model, s. 38)
POSITIVE += [
    Case("meta-tensor", "UserWarning: for base_model.model.model.layers.31.mlp.down_proj.lora_B.default.weight: copying "
         "from a non-meta parameter in the checkpoint to a meta parameter in the current model, which is a no-op. (Did "
         "you mean to pass `assign=True` to assign items in the state dictionary to their corresponding key in the "
         "module instead of copying them in place?)", "PEFT's adapter on layers offloaded without a folder"),
]
NEGATIVE += [
    Case("meta-tensor", "UserWarning: for layers.0.weight: copying from a non-meta parameter in the checkpoint to a "
         "non-meta parameter in the current model", "no meta parameter on the model's side"),
]

# a vendor's device type with its torch plugin not imported (batch124's reading: MinerU on Ascend without torch_npu)
POSITIVE += [
    Case("device-backend-plugin-not-loaded", "RuntimeError: Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, "
         "ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of "
         "device string: npu", "torch 2.1 without torch_npu", fix="install_package"),
    Case("device-backend-plugin-not-loaded", "RuntimeError: Expected one of cpu, cuda, xpu, mkldnn, opengl, opencl, "
         "ideep, hip, msnpu, mlc, xla, vulkan, meta, hpu device type at start of device string: mlu:0", "torch_mlu"),
]
NEGATIVE += [
    Case("device-backend-plugin-not-loaded", "RuntimeError: Expected one of cpu, cuda, mkldnn, opengl, opencl, ideep, "
         "hip, msnpu, xla device type at start of device string: meta", "an old torch without meta: torch's own type"),
]

# safetensors opening a checkpoint straight onto a device it refuses (batch129)
POSITIVE += [
    Case("safetensors-device-invalid", """  File "/data1/ckz/anaconda3/envs/wan/lib/python3.10/site-packages/safetensors/torch.py", line 313, in load_file
    with safe_open(filename, framework="pt", device=device) as f:
safetensors_rust.SafetensorError: device cuda:0 is invalid""", "Wan2.2's from_pretrained with device_map=self.device",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("safetensors-device-invalid", "safetensors_rust.SafetensorError: Error while deserializing header: "
         "HeaderTooLarge", "an unreadable file, not a device"),
]

# DeepSpeed ZeRO-3's (or FSDP's) empty placeholders used outside the engine: torch's embedding refuses a weight that is
# not 2-D (reproduced: torch.nn.functional.embedding(ids, torch.empty(0)))
ZERO3_EMBEDDING = """  File "/opt/conda/lib/python3.10/site-packages/torch/nn/modules/sparse.py", line 162, in forward
    return F.embedding(
  File "/opt/conda/lib/python3.10/site-packages/torch/nn/functional.py", line 2233, in embedding
    return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)
RuntimeError: 'weight' must be 2-D"""
POSITIVE += [
    Case("parameter-partitioned-outside-engine", ZERO3_EMBEDDING, "trl's reference model copied under ZeRO-3",
         fix="update_calling_code"),
    Case("parameter-partitioned-outside-engine", "RuntimeError: 'weight' must be 2-D occurs when I am using Deepspeed "
         "Zero3 for distributed training.", "a distillation teacher never wrapped by the engine"),
]
NEGATIVE += [
    Case("parameter-partitioned-outside-engine", "RuntimeError: weight should have at least three dimensions",
         "a convolution's weight, not an embedding's"),
    Case("parameter-partitioned-outside-engine", "ValueError: Trying to set a tensor of shape torch.Size([0]) in "
         "\"weight\" (which has shape torch.Size([64000, 4096])), this looks incorrect.", "an empty tensor in a file"),
]


# a checkpoint saved on a GPU index this machine does not have (session 45, batch149)
POSITIVE += [
    Case("cuda-not-available",
         "RuntimeError: Attempting to deserialize object on CUDA device 2 but torch.cuda.device_count() is 2. Please use "
         "torch.load with map_location to map your storages to an existing device.", "a device index past the count",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("cuda-not-available", "print(torch.cuda.device_count()) gives 2 and both GPUs are busy", "a count, no failure"),
]


# a model a device_map spread over several GPUs, then wrapped in DistributedDataParallel (session 48, batch161)
POSITIVE += [
    Case("ddp-over-dispatched-model", "ValueError: DistributedDataParallel device_ids and output_device arguments only "
         "work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, "
         "and module parameters {device(type='cuda', index=0), device(type='cuda', index=1)}.",
         "accelerate launch --num_processes 2 on a device_map='auto' model", fix="update_calling_code"),
    Case("ddp-over-dispatched-model", "RuntimeError: module must have its parameters and buffers on device cuda:0 "
         "(device_ids[0]) but found one of them on device: cuda:1", "an 8-bit model split by device_map='auto'"),
]
NEGATIVE += [
    Case("ddp-over-dispatched-model", "RuntimeError: module must have its parameters and buffers on device cuda:0 "
         "(device_ids[0]) but found one of them on device: cpu", "a model never moved to its GPU, not split"),
]


# a driver older than the CUDA the torch build (or an app's runtime) targets: a GPU is there (session 49, batch168)
POSITIVE += [
    Case("cuda-driver-older-than-torch-build", "RuntimeError: The NVIDIA driver on your system is too old (found version "
         "12040).", "torch 2.13.0+cu130 on driver 550", fix="other"),
    Case("cuda-driver-older-than-torch-build", "RuntimeError: CUDA failed with error CUDA driver version is insufficient "
         "for CUDA runtime version", "faster-whisper's bundled runtime"),
    Case("cuda-driver-older-than-torch-build", "UserWarning: CUDA initialization: The NVIDIA driver on your system is too "
         "old (found version 11070). Please update your GPU driver\nRuntimeError: No GPU found. A GPU is needed for "
         "quantization.", "the warning before a quantizer's own check"),
]
NEGATIVE += [
    Case("cuda-driver-older-than-torch-build", "RuntimeError: Found no NVIDIA driver on your system. Please check that "
         "you have an NVIDIA GPU and installed a driver", "no driver at all: cuda-not-available"),
]
