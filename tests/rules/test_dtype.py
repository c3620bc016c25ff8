"""rules/dtype: bf16 on old GPUs, half ops missing on CPU, NaN/inf in fp16, invalid dtypes, dtype mismatches."""

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

from advisor.health import NonFiniteLogits

POSITIVE = [
    Case("bf16-unsupported-gpu", "ValueError: Bfloat16 is only supported on GPUs with compute capability of at "
         "least 8.0. Your Tesla V100-SXM2-32GB GPU has compute capability 7.0.", "vLLM"),
    Case("bf16-kernel-missing-in-torch", "RuntimeError: \"triu_tril_cuda_template\" not implemented for "
         "'BFloat16'", "torch < 2.1", fix="upgrade_torch"),
    Case("half-on-cpu", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'Half'", "torch < 2.1 CPU",
         fix="use_float32_on_cpu"),
    Case("half-on-cpu", "RuntimeError: \"LayerNormKernelImpl\" not implemented for 'Half'", "torch CPU layer norm"),
    Case("non-finite-logits", exc=lambda: NonFiniteLogits(
        "non-finite (NaN/inf) logits in the verify forward pass at dtype torch.float16"),
        source="verify phase", phase="verify",
        ctx={"plan": {"dtype": "float16"}, "facts": {"bf16_supported": True}}, fix="reduce_dtype"),
    Case("half-nan-inf", "RuntimeError: probability tensor contains either `inf`, `nan` or element < 0",
         "generate() sampling", fix="other"),
    Case("dtype-argument-invalid", "ValueError: `dtype` provided as a `str` can only be `'auto'`, or a string "
         "representation of a valid `torch.dtype`", "09h2"),
    Case("dtype-argument-invalid", "AttributeError: module 'torch' has no attribute 'fp16'", "09h"),
    Case("dtype-argument-invalid", "ValueError: LlamaForCausalLM cannot be instantiated under `dtype=torch.int8` "
         "as it's not a floating-point dtype", "09m"),
    Case("dtype-argument-invalid", "AttributeError: 'str' object has no attribute 'is_floating_point'",
         "transformers 4.57 torch_dtype='fp16'"),
    Case("dtype-mismatch-inputs", "RuntimeError: expected scalar type Half but found Float", "torch"),
    Case("dtype-mismatch-inputs", "RuntimeError: Input type (torch.cuda.HalfTensor) and weight type "
         "(torch.cuda.FloatTensor) should be the same", "torch conv"),
    Case("flash-attn-needs-half", "ValueError: Flash Attention 2.0 only supports torch.float16 and torch.bfloat16 "
         "dtypes, but the current dype in LlamaForCausalLM is torch.float32.", "transformers 4.3x"),
    Case("bf16-on-mps", "TypeError: Trying to convert BFloat16 to the MPS backend but it does not have support for "
         "that dtype.", "torch on macOS 13", fix="use_float16_instead_of_bf16"),
    Case("bf16-on-mps", "RuntimeError: MPS BFloat16 is only supported on MacOS 14 or newer", "torch 2.3+"),
    Case("bf16-unsupported-gpu", "ptxas /tmp/compile-ptx-src-1f2e3d, line 88; error   : Feature '.bf16' requires "
         ".target sm_80 or higher\nptxas fatal   : Ptx assembly aborted due to errors", "ptxas (Triton) on a V100"),
]

NEGATIVE = [
    Case("bf16-unsupported-gpu", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'Half'", "fp16 on CPU"),
    Case("half-on-cpu", "RuntimeError: \"triu_tril_cuda_template\" not implemented for 'BFloat16'", "bf16 on GPU"),
    Case("non-finite-logits", "RuntimeError: probability tensor contains either `inf`, `nan` or element < 0",
         "pasted text has no NonFiniteLogits type"),
    Case("half-nan-inf", "ValueError: Input contains NaN.", "sklearn, not logits"),
    Case("dtype-argument-invalid", "AttributeError: module 'torch' has no attribute 'compile'", "old torch"),
    Case("dtype-mismatch-inputs", "RuntimeError: Input type (torch.cuda.FloatTensor) and weight type "
         "(torch.FloatTensor) should be the same", "a device mismatch"),
    Case("flash-attn-needs-half", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due to "
         "the following error: the package flash_attn seems to be not installed.", "flash_attn missing"),
    Case("bf16-on-mps", "ValueError: Bfloat16 is only supported on GPUs with compute capability of at least 8.0. "
         "Your Tesla T4 GPU has compute capability 7.5.", "a CUDA GPU, not MPS"),
    Case("bf16-on-mps", "RuntimeError: MPS backend out of memory (MPS allocated: 17.67 GB, other allocations: 1.06 GB, "
         "max allowed: 18.13 GB).", "MPS memory"),
]


POSITIVE += [
    Case("flash-attn-gpu-too-old", "RuntimeError: FlashAttention only supports Ampere GPUs or newer.",
         "flash-attn 2 on a T4/V100", fix="update_calling_code"),
]

NEGATIVE += [
    Case("flash-attn-gpu-too-old", "ImportError: FlashAttention2 has been toggled on, but it cannot be used due to the "
         "following error: the package flash_attn seems to be not installed.", "the package is missing"),
]


POSITIVE += [
    Case("half-on-cpu", "RuntimeError: \"LayerNormKernelImpl\" not implemented for 'Half",
         "a paste cut before the quote", fix="use_float32_on_cpu"),
]


# An operation the installed torch does not run on Apple's MPS.
POSITIVE += [
    Case("mps-op-unsupported", "RuntimeError: MPS does not support cumsum op with int64 input", "torch 2.0 on MPS",
         fix="upgrade_torch"),
    Case("mps-op-unsupported", "NotImplementedError: The operator 'aten::isin.Tensor_Tensor_out' is not currently "
         "implemented for the MPS device. If you want this op to be added in priority during the prototype phase of "
         "this feature, please comment on https://github.com/pytorch/pytorch/issues/77764.", "an aten op"),
]
POSITIVE += [
    Case("flash-attn-gpu-too-old", "RuntimeError: Expected is_sm90 || is_sm8x || is_sm75 to be true, but got false.  "
         "(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
         "flash-attn's kernel check on a Pascal GPU", fix="update_calling_code"),
]
NEGATIVE += [
    Case("mps-op-unsupported", "TypeError: BFloat16 is not supported on MPS", "a dtype: bf16-unsupported-gpu"),
]

POSITIVE += [
    Case("bf16-unsupported-gpu", "NotImplementedError: No operator found for `memory_efficient_attention_forward` "
         "with inputs:\n     query       : shape=(1, 4096, 8, 40) (torch.bfloat16)\n`cutlassF` is not supported "
         "because:\n    bf16 is only supported on A100+ GPUs", "xformers on a Turing card",
         fix="use_float16_instead_of_bf16"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("dtype-argument-invalid", "ValueError: Can't instantiate UNet2DConditionModel model under dtype=torch.int8 "
         "since it is not a floating point dtype", "diffusers", fix="update_calling_code"),
]
NEGATIVE += [
    Case("dtype-argument-invalid", "ValueError: Can't instantiate UNet2DConditionModel: missing config", "no dtype"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: Your device does not supports bf16(bfloat16), please change to "
         "fp16(float16)", "lmdeploy", fix="use_float16_instead_of_bf16"),
]
NEGATIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: Your device supports bf16", "supported"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("dtype-argument-invalid", "ValueError: float8_e5m2 FP8 KV cache is not supported on AMD ROCm", "TGI",
         fix="update_calling_code"),
]

# MSVC builds of torch (Windows) name the C++ type in the dtype check.
POSITIVE += [
    Case("dtype-mismatch-inputs", "RuntimeError: Input type (float) and bias type (struct c10::Half) should be the "
         "same", "torch on Windows", fix="update_calling_code"),
]
NEGATIVE += [
    Case("dtype-mismatch-inputs", "RuntimeError: Input type (torch.cuda.FloatTensor) and weight type "
         "(torch.FloatTensor) should be the same", "device, not dtype: the weights are on the CPU"),
]

# Custom kernels' own words for bf16 on a GPU without it.
POSITIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: un-supported dtype: bfloat16", "VPTQ kernels on a T4"),
]
NEGATIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: un-supported dtype: int4", "another dtype"),
]

# diffusers' numpy cast of decoded images that hold NaN: a float16 overflow (black images); and MPS without float64
POSITIVE += [
    Case("half-nan-image", "/usr/lib/python3.11/site-packages/diffusers/image_processor.py:147: RuntimeWarning: "
         "invalid value encountered in cast\n  images = (images * 255).round().astype(\"uint8\")",
         "diffusers image_processor, two lines", fix="other"),
    Case("half-nan-image", "RuntimeWarning: invalid value encountered in cast, image = (image * 255).round()",
         "retyped on one line"),
    Case("mps-op-unsupported", "TypeError: Cannot convert a MPS Tensor to float64 dtype as the MPS framework doesn't "
         "support float64. Please use float32 instead.", "torch on MPS, float64"),
]
NEGATIVE += [
    Case("half-nan-image", "RuntimeWarning: invalid value encountered in divide\n  scores = logits / temperature",
         "numpy's warning on another line"),
]

# vLLM's per-architecture dtype table
POSITIVE += [
    Case("model-dtype-unsupported", "ValueError: The model type gemma2 does not support float16. Reason: Numerical "
         "instability. Please use bfloat16 or float32 instead.", "vLLM's table", fix="other"),
]
NEGATIVE += [
    Case("model-dtype-unsupported", "ValueError: The checkpoint you are trying to load has model type `foo2` but "
         "Transformers does not recognize this architecture.", "an unknown model type"),
]


# CTranslate2's compute type check (faster-whisper, whisperX, WhisperLive)
POSITIVE += [
    Case("compute-type-unsupported", "ValueError: Requested int8_float16 compute type, but the target device or "
         "backend do not support efficient int8_float16 computation.", "int8_float16 on a CPU",
         fix="use_float32_on_cpu"),
]
NEGATIVE += [
    Case("compute-type-unsupported", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'Half'",
         "torch's half on CPU"),
]


POSITIVE += [
    Case("half-nan-inf", "In float16 the hidden states become NaN after layer 20, bf16 works", "a description"),
]
NEGATIVE += [
    Case("half-nan-inf", "ValueError: the output is not a number I can parse", "no NaN"),
]


POSITIVE += [
    Case("compute-type-unsupported-gpu", '  File "faster_whisper/transcribe.py", line 1300, in encode\n'
         "RuntimeError: cuBLAS failed with status CUBLAS_STATUS_NOT_SUPPORTED", "CTranslate2's int8 on a new GPU",
         fix="other"),
]
NEGATIVE += [
    Case("compute-type-unsupported", "RuntimeError: cuBLAS failed with status CUBLAS_STATUS_ALLOC_FAILED",
         "an allocation, not a type"),
]


# a paste cut at vLLM's dtype check, whose only raise is the bf16 message
POSITIVE += [
    Case("bf16-unsupported-gpu", '  File "/opt/venv/lib/python3.10/site-packages/vllm/worker/worker.py", line 71, in '
         'init_model\n    _check_if_gpu_supports_dtype(self.model_config.dtype)\n  File "/opt/venv/lib/python3.10/'
         'site-packages/vllm/worker/worker.py", line 231, in _check_if_gpu_supports_dtype\n', "cut at the check"),
]
NEGATIVE += [
    Case("bf16-unsupported-gpu", '  File "/opt/venv/vllm/worker/worker.py", line 231, in _check_if_gpu_supports_dtype\n'
         "TypeError: _check_if_gpu_supports_dtype() missing 1 required positional argument: 'torch_dtype'",
         "the check called wrongly"),
]

# bf16's memory-efficient attention kernels missing before Ampere; the vLLM check cut at its raise line behind two
# log prefixes (a compose service with its own container_name, then FastChat's logger)
POSITIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: cutlassF: no kernel found to launch!", "a V100",
         fix="use_float16_instead_of_bf16"),
    Case("bf16-unsupported-gpu", 'llm-server-local  | 2024-04-09 15:39:17 | ERROR | stderr |   File "/usr/local/lib/'
         'python3.10/dist-packages/vllm/worker/worker.py", line 231, in _check_if_gpu_supports_dtype\n'
         "llm-server-local  | 2024-04-09 15:39:17 | ERROR | stderr |     raise ValueError(", "cut at the raise line"),
]

# diffusers moving a float16 pipeline to the CPU
POSITIVE += [
    Case("half-on-cpu", "Pipelines loaded with `dtype=torch.float16` cannot run with `cpu` device. It is not "
         "recommended to move them to `cpu` as running them will fail.", "diffusers", fix="use_float32_on_cpu"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("bf16-unsupported-gpu", "by explicitly setting the`dtype` flag in CLI, for example: --dtype=half.",
         "vLLM, head cut"),
]


# torch 1.13-2.0 wrote "not current implemented"
POSITIVE += [
    Case("mps-op-unsupported", "NotImplementedError: The operator 'aten::cumsum.out' is not current implemented for "
         "the MPS device. If you want this op to be added in priority during the prototype phase of this feature, "
         "please comment on https://github.com/pytorch/pytorch/issues/77764.", "older torch's wording"),
]

# A kernel launch beyond the GPU's resources: bf16 on a GPU before Ampere.
POSITIVE += [
    Case("kernel-launch-too-many-resources", "RuntimeError: CUDA error: too many resources requested for launch\n"
         "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.", "Qwen2-VL in bf16 on a V100",
         fix="use_float16_instead_of_bf16"),
]
NEGATIVE += [
    Case("kernel-launch-too-many-resources", "RuntimeError: CUDA error: an illegal memory access was encountered",
         "another CUDA error"),
]

# FP8 computation on a GPU below compute capability 8.9
POSITIVE += [
    Case("fp8-execution-needs-newer-gpu", "AssertionError: Device compute capability 8.9 or higher required for "
         "FP8 execution.", "Transformer Engine on an A100 (Evo 2)"),
    Case("fp8-execution-needs-newer-gpu", "RuntimeError: FP8 execution requires compute capability 8.9 or newer, "
         "found 8.0", "another library's wording"),
]
NEGATIVE += [
    Case("fp8-execution-needs-newer-gpu", "ValueError: FP8 quantized models is only supported on GPUs with compute "
         "capability >= 8.9 (e.g 4090/H100), actual = `8.6`", "an FP8-quantized checkpoint (quantization)"),
]


# CTranslate2's compute type with a GPU in view is the GPU's generation, not a CPU; NumPy has no bfloat16
POSITIVE += [
    Case("compute-type-unsupported-gpu", '    model = WhisperModel(model_path, device="cuda", compute_type=precision)\n'
         "ValueError: Requested float16 compute type, but the target device or backend do not support efficient "
         "float16 computation.", "faster-whisper on a GTX 1050 Ti", fix="other"),
    Case("compute-type-unsupported", "ValueError: Requested float16 compute type, but the target device or backend do "
         "not support efficient float16 computation.", "no device in view", fix="use_float32_on_cpu"),
    Case("bf16-tensor-to-numpy", "    scores = similarity_scores[i].cpu().numpy()\nTypeError: Got unsupported "
         "ScalarType BFloat16", "an embedding model's output to NumPy", fix="update_calling_code"),
]
NEGATIVE += [
    # a GPU without bfloat16 says so in other words: the NumPy conversion is not the GPU's
    Case("bf16-tensor-to-numpy", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'BFloat16'",
         "bf16 matmul on CPU"),
    Case("compute-type-unsupported-gpu", 'model = WhisperModel("small", device="cpu", compute_type="float16")\n'
         "ValueError: Requested float16 compute type, but the target device or backend do not support efficient "
         "float16 computation.", "on the CPU"),
]

# batch78: float8-stored weights in a float operation
POSITIVE += [
    Case("float8-promotion-unsupported", "RuntimeError: Promotion for Float8 Types is not supported, attempted to "
         "promote Float and Float8_e4m3fn", "a scaled-fp8 text encoder", fix="other"),
]
NEGATIVE += [
    Case("float8-promotion-unsupported", "RuntimeError: expected scalar type Float but found BFloat16", "no float8"),
]

# batch90: a torch without a bfloat16 kernel for an operation (padding, upsampling): the torch build, not the GPU
POSITIVE += [
    Case("bf16-kernel-missing-in-torch", "  File \"/x/torch/nn/functional.py\", line 4552, in pad\n    return "
         "torch._C._nn.pad(input, pad, mode, value)\nRuntimeError: \"reflection_pad2d_cuda\" not implemented for "
         "'BFloat16'", "torch 2.0 on an A100", fix="upgrade_torch"),
    Case("bf16-kernel-missing-in-torch", "RuntimeError: \"upsample_nearest3d_out_frame\" not implemented for BFloat16",
         "the dtype's quotes lost", fix="upgrade_torch"),
]
NEGATIVE += [
    Case("bf16-kernel-missing-in-torch", "RuntimeError: \"rshift_cuda\" not implemented for 'BFloat16'",
         "a bit shift, never defined for floats"),
    Case("bf16-kernel-missing-in-torch", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'Half'",
         "float16 on the CPU"),
]


# a trainable model loaded or cast to float16 under a gradient scaler
POSITIVE += [
    Case("fp16-trainable-params-unscaled", "  File \"/usr/lib/python3/site-packages/torch/cuda/amp/grad_scaler.py\", "
         "line 250, in _unscale_grads_\n    raise ValueError(\"Attempting to unscale FP16 gradients.\")\n"
         "ValueError: Attempting to unscale FP16 gradients.", "torch's GradScaler", fix="update_calling_code"),
    Case("fp16-trainable-params-unscaled", "Training fails at step 0: [ValueError : Attemting to unscale fp16 "
         "Gradients]", "a retyped title"),
]
NEGATIVE += [
    Case("fp16-trainable-params-unscaled", "RuntimeError: \"addmm_impl_cpu_\" not implemented for 'Half'",
         "a half-precision op on the CPU"),
]

# a float32-sized constant written into a float16 tensor
POSITIVE += [
    Case("half-overflow-constant", "  File \"/root/.cache/huggingface/modules/transformers_modules/m/modeling.py\", "
         "line 88, in forward\n    mask[mask == 0] = -1e9\nRuntimeError: value cannot be converted to type at::Half "
         "without overflow", "a mask constant", fix="other"),
    Case("half-overflow-constant", "RuntimeError: value cannot be converted to type c10::Half without overflow",
         "the c10 spelling"),
]
NEGATIVE += [
    Case("half-overflow-constant", "RuntimeError: value cannot be converted to type int8_t without overflow",
         "an integer type"),
]

# fp16 training asked for where torch sees no GPU
POSITIVE += [
    Case("amp-fp16-needs-cuda", "ValueError: Mixed precision training with AMP or APEX (`--fp16`) and FP16 evaluation "
         "can only be used on CUDA devices.", "transformers 4.x TrainingArguments", fix="other"),
    Case("amp-fp16-needs-cuda", "ValueError: FP16 Mixed precision training with AMP or APEX (`--fp16`) and FP16 half "
         "precision evaluation (`--fp16_full_eval`) can only be used on CUDA or MLU devices or NPU devices or XPU "
         "devices", "a later wording"),
]
NEGATIVE += [
    Case("amp-fp16-needs-cuda", "ValueError: Your setup doesn't support bf16/gpu. You need torch>=1.10, using Ampere "
         "GPU with cuda>=11.0", "bf16 on an old GPU"),
]

# the conv message retyped without its spaces
POSITIVE += [
    Case("dtype-mismatch-inputs", "Input type(c10:BFloat16) and bias type(c10:Half)should be the same.",
         "a retyped title", fix="update_calling_code"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# a dtype the installed torch does not define, looked up while the weights are read (batch111's reading)
POSITIVE += [
    Case("torch-lacks-dtype", "  File \"/venv/lib/python3.10/site-packages/safetensors/torch.py\", line 310, in "
         "load_file\n    result[k] = f.get_tensor(k)\nAttributeError: module 'torch' has no attribute 'float8_e5m2'",
         "an fp8 checkpoint under torch 2.0", fix="upgrade_torch"),
    Case("torch-lacks-dtype", "AttributeError: module 'torch' has no attribute 'uint16'", "torch 2.2, a uint16 mask"),
]
NEGATIVE += [
    Case("torch-lacks-dtype", "AttributeError: module 'torch' has no attribute 'compiler'", "a module, not a dtype"),
]

# ptxas's bf16 refusal quoted without its first word (an older corpus text)
POSITIVE += [
    Case("bf16-unsupported-gpu", "'.bf16' requires .target sm_80 or higher", "a report's quote of ptxas",
         fix="use_float16_instead_of_bf16"),
]

# torch's cuBLAS wrapper without bf16 (a Pascal or Turing GPU; batch113 and two earlier corpus texts)
POSITIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: at::cuda::blas::gemm: not implemented for struct c10::BFloat16",
         "MSVC's type name", fix="use_float16_instead_of_bf16"),
    Case("bf16-unsupported-gpu", "RuntimeError: at::cuda::blas::gemm: not implemented for N3c108BFloat16E",
         "the mangled name on Linux"),
]
NEGATIVE += [
    Case("bf16-unsupported-gpu", "RuntimeError: at::cuda::blas::gemm: not implemented for struct c10::Half",
         "half precision, not bf16"),
]

# Metal's graph compiler refusing to combine a half tensor with a float32 one on a Mac (batch124's reading: ComfyUI's
# CLIP vision and SD.Next, and an earlier Falcon text)
POSITIVE += [
    Case("mps-half-graph-mixed-types", 'loc("varianceEps"("(mpsFileLoc): /AppleInternal/Library/BuildRoots/x/'
         'MPSGraphUtilities.mm":233:0)): error: input types \'tensor<1x257x1xf16>\' and \'tensor<1xf32>\' are not '
         "broadcast compatible\nLLVM ERROR: Failed to infer result type(s).", "ComfyUI on MPS",
         fix="use_float32_on_cpu"),
    Case("mps-half-graph-mixed-types", "error: input types 'tensor<1xf32>' and 'tensor<2x77x1xbf16>' are not broadcast "
         "compatible", "the float32 tensor first, bfloat16"),
]
NEGATIVE += [
    Case("mps-half-graph-mixed-types", "error: input types 'tensor<1x4xf32>' and 'tensor<3xf32>' are not broadcast "
         "compatible", "two float32 tensors: a shape bug, not precision"),
]


# a GPU backend without float64 (session 46, batch153)
POSITIVE += [
    Case("device-lacks-float64", "  File \"C:\\sdnext\\modules\\sd_models.py\", line 900, in load_diffuser\n"
         "RuntimeError: The GPU device does not support Double (Float64) operations!", "DirectML", fix="other"),
]
NEGATIVE += [
    Case("device-lacks-float64", "TypeError: Cannot convert a MPS Tensor to float64 dtype as the MPS framework doesn't "
         "support float64. Please use float32 instead.", "MPS in its own words: mps-op-unsupported"),
]


# half precision on a CPU without the AVX-512 instructions its kernels need (session 48, batch161)
POSITIVE += [
    Case("cpu-lacks-instructions-for-dtype", "AssertionError: BF16 weight prepack needs the cpu support avx512bw, "
         "avx512vl and avx512dq", "intel-extension-for-pytorch under llm-on-ray", fix="use_float32_on_cpu"),
]
NEGATIVE += [
    Case("cpu-lacks-instructions-for-dtype", "AssertionError: INT8 weight prepack needs the cpu support avx512_vnni",
         "an int8 path: a quantization question, not a float precision"),
]


# the half-precision CPU kernel message in a person's words (session 49, batch174)
POSITIVE += [
    Case("half-on-cpu", "Slow conv2d cpu not implemented in half.\nWill it only run on gpu based devices .",
         "Dolphin's demo with .half() on a Mac", fix="use_float32_on_cpu"),
]
NEGATIVE += [
    Case("half-on-cpu", "The cpu offload is not implemented in halfway mode", "no dtype"),
]
