"""rules/memory: GPU and host memory exhausted."""

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

TORCH_25_OOM = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 179.46 GiB. GPU 0 has a total capacity of "
    "31.73 GiB of which 14.55 GiB is free. Including non-PyTorch memory, this process has 15.20 GiB memory in use. "
    "Of the allocated memory 11.80 GiB is allocated by PyTorch, and 3.03 GiB is reserved by PyTorch but unallocated."
)
FRAGMENTED_OOM = (
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 GiB "
    "of which 1.09 GiB is free. Of the allocated memory 12.00 GiB is allocated by PyTorch, and 6.00 GiB is reserved "
    "by PyTorch but unallocated."
)

POSITIVE = [
    Case("cuda-oom", TORCH_25_OOM, "torch 2.5 wording", fix="reduce_dtype"),
    Case("cuda-oom", FRAGMENTED_OOM, "fragmentation verdict", fix="free_gpu_memory"),
    Case("cuda-oom", TORCH_25_OOM, "pinned to one of two GPUs: spread over both", fix="device_map_auto_offload",
         ctx={"facts": {"gpu_count": 2}, "plan": {"device_map": "cuda:0", "dtype": "float16"}}),
    Case("cuda-oom", "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 7.79 GiB total capacity; "
         "6.04 GiB already allocated; 17.31 MiB free; 6.30 GiB reserved in total by PyTorch)",
         "torch 1.x wording, an 8 GiB card: a model that fits", fix="smaller_model_or_more_memory"),
    Case("cuda-oom", "    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float32).cuda()\n"
         "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 7.79 GiB total capacity; "
         "6.04 GiB already allocated; 17.31 MiB free; 6.30 GiB reserved in total by PyTorch)",
         "the call loads in float32: half precision first", fix="reduce_dtype"),
    Case("cuda-oom", "torch.cuda.OutOfMemoryError: CUDA out of memory.", "no card size shown",
         fix="smaller_model_or_more_memory"),
    Case("cuda-oom", "RuntimeError: MPS backend out of memory (MPS allocated: 17.67 GB, other allocations: 1.06 GB, "
         "max allowed: 18.13 GB). Tried to allocate 256.00 MB on private pool.", "Apple MPS"),
    Case("cpu-oom", "MemoryError: Cannot allocate memory (os error 12)", "12a safetensors mmap"),
    Case("cpu-oom", "RuntimeError: CPUAllocator", "the allocator named alone, as Fooocus' troubleshooting quotes it"),
    Case("cpu-oom", "RuntimeError: unable to mmap 878821568 bytes from file <<tmp>/fixtures/big_200m/"
         "model.safetensors>: Cannot allocate memory (12)", "12d torch mmap"),
    Case("cpu-oom", "RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate "
         "memory: you tried to allocate 2147483648 bytes. Error code 12 (Cannot allocate memory)", "12j"),
    Case("cpu-oom", "Loading checkpoint shards:  33%|███▎      | 1/3 [00:10<00:20, 10.1s/it]\nKilled",
         "the kernel's OOM killer"),
    Case("cpu-oom", "OSError: [WinError 1455] The paging file is too small for this operation to complete.",
         "Windows"),
]

NEGATIVE = [
    Case("cuda-oom", "MemoryError: Cannot allocate memory (os error 12)", "host memory"),
    Case("cpu-oom", TORCH_25_OOM, "GPU memory"),
    Case("cpu-oom", "RuntimeError: CUDA error: device-side assert triggered", "not memory"),
]


POSITIVE += [
    Case("server-memory-budget", "ValueError: To serve at least one request with the models's max seq len (32768), "
         "(8.00 GiB KV cache is needed, which is larger than the available KV cache memory (6.2 GiB).",
         "vLLM v1 KV cache"),
    Case("engine-startup-memory-below-budget", "ValueError: Free memory on device (10.1/23.6 GiB) on startup is less "
         "than desired GPU memory utilization (0.9, 21.2 GiB). Decrease GPU memory utilization or reduce GPU memory "
         "used by other processes.", "vLLM: other processes hold the GPU", fix="free_gpu_memory"),
    Case("cpu-oom", "Loading checkpoint shards:  33%|███▎      | 1/3 [00:41<01:22, 41.2s/it]Killed",
         "the process killed in the shard progress bar", fix="smaller_model_or_more_memory"),
]

NEGATIVE += [
    Case("cpu-oom", "Loading checkpoint shards: 100%|██████████| 3/3 [00:09<00:00,  3.1s/it]\nOSError: [Errno 28] "
         "No space left on device", "the load finished; the disk is full"),
]


# The kernel's OOM killer as dmesg prints it, without the shell's "Killed" line.
POSITIVE += [
    Case("cpu-oom", "[ 8123.456789] Out of memory: Killed process 4242 (python3) total-vm:30123456kB, "
         "anon-rss:23456789kB, file-rss:0kB, shmem-rss:0kB", "dmesg oom-killer line"),
]

POSITIVE += [
    Case("cpu-oom", "Your session crashed after using all available RAM.", "Google Colab"),
]

NEGATIVE += [
    Case("cpu-oom", "OSError: /opt/conda/lib/python3.10/site-packages/torch/lib/libgomp-a34b3233.so.1: cannot "
         "allocate memory in static TLS block", "static TLS, not RAM"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("server-memory-budget", "RuntimeError: No enough gpu memory for kv cache.", "lmdeploy"),
]
NEGATIVE += [
    Case("cuda-oom", "RuntimeError: Enough gpu memory for kv cache.", "not short of memory"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("cuda-oom", "RuntimeError: Insufficient VRAM for model and cache", "exllamav2"),
    Case("server-memory-budget", "RuntimeError: Not enough memory. Please try to increase --mem-fraction-static.",
         "SGLang"),
]

# text-generation-inference's server and text-generation-webui (read from their repositories; texts written here).
POSITIVE += [
    Case("server-memory-budget", "RuntimeError: Not enough memory to handle 4096 prefill tokens. You need to decrease "
         "`--max-batch-prefill-tokens`", "TGI warmup"),
]

# CTranslate2 (faster-whisper, whisperX) words a GPU out of memory its own way.
POSITIVE += [
    Case("cuda-oom", "  File \"faster_whisper/transcribe.py\", line 101, in __init__\n"
         "RuntimeError: CUDA failed with error out of memory", "CTranslate2 3.x"),
]
NEGATIVE += [
    Case("cuda-oom", "RuntimeError: CUDA failed with error no CUDA-capable device is detected", "no GPU, not memory"),
]

# A killed process in a shell's own report, in a description, and a hosted platform's memory limit.
POSITIVE += [
    Case("cpu-oom", "/srv/app/run.sh: line 89:    33 Killed                  /opt/conda/bin/python /srv/app/start.py",
         "bash job report", fix="smaller_model_or_more_memory"),
    Case("cpu-oom", "I'm trying to run a 6B model on the CPU, but it keeps saying \"Killed\".", "described"),
    Case("cpu-oom", "Memory limit exceeded (16Gi)", "a Space's runtime"),
]
NEGATIVE += [
    Case("cpu-oom", "bash: line 3: kill: (4123) - No such process", "a shell line about kill, no process killed"),
]

POSITIVE += [
    Case("cpu-oom", "Runtime error Memory limit exceeded (32Gi)", "a Space's status, pasted on one line"),
]

# AWS Neuron's runtime out of device memory
POSITIVE += [
    Case("cuda-oom", "RuntimeError: NRT allocation failed for size 233658313344 (OOM)", "Neuron"),
]
NEGATIVE += [
    Case("cuda-oom", "RuntimeError: NRT init failed: nrt_init status=1", "Neuron runtime, not memory"),
]

# PyTorch's caching allocator under a per-process memory fraction (ComfyUI sets one)
POSITIVE += [
    Case("cuda-oom", "Allocation on device 1 would exceed allowed memory. (out of memory)\nCurrently allocated     : "
         "21.30 GiB\nRequested               : 2.00 GiB\nDevice limit            : 23.65 GiB", "memory fraction"),
]


# ggml's Metal backend on a Mac
POSITIVE += [
    Case("cuda-oom", "ggml_metal_graph_compute: command buffer 1 failed with status 5\nGGML_ASSERT: false",
         "Metal's command buffer"),
]


# ollama's host memory check, relayed as an HTTP 500
POSITIVE += [
    Case("cpu-oom", "ollama._types.ResponseError: model requires more system memory (12.5 GiB) than is available "
         "(9.8 GiB) (status code: 500)", "ollama", fix="smaller_model_or_more_memory"),
]


# a notebook kernel that died while loading; out of host RAM in so many words
POSITIVE += [
    Case("cpu-oom", "[I 10:02:11.123 NotebookApp] KernelRestarter: restarting kernel (1/5), keep random ports",
         "Jupyter's restart"),
    Case("cpu-oom", "Loading checkpoint shards:  40%|####      | 2/5\nthe job stopped: out of host memory", "in words"),
]
NEGATIVE += [
    Case("cpu-oom", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", "the GPU's memory"),
]


POSITIVE += [
    Case("cpu-oom", "on the CPU (32 GB RAM) the container exits with error code 137 while loading", "a description",
         fix="smaller_model_or_more_memory"),
]
NEGATIVE += [
    Case("cpu-oom", "the worker exits with error code 1337", "another code"),
]


POSITIVE += [
    Case("cpu-oom", "Error: Model loading aborted due to insufficient system resources. Overloading the system will "
         "likely cause it to freeze.", "LM Studio's load guardrail"),
    Case("cuda-oom", "2025-01-02T10:00:01 - !!! Exception during processing !!! Allocation on device \n"
         "2025-01-02T10:00:02 - Traceback (most recent call last):", "ComfyUI's first words of torch's refusal"),
]
NEGATIVE += [
    Case("cuda-oom", "Allocation on device succeeded after a retry", "no refusal"),
]


# VS Code's notebooks after the kernel died mid-load
POSITIVE += [
    Case("cpu-oom", "The Kernel crashed while executing code in the current cell or a previous cell. Please review the "
         "code in the cell(s) to identify a possible cause of the failure.", "VS Code's notice",
         fix="smaller_model_or_more_memory"),
    Case("cpu-oom", "12:01:02.345 [error] Disposing session as kernel process died ExitCode: undefined, Reason: ",
         "VS Code's Jupyter log"),
]
NEGATIVE += [
    Case("cpu-oom", "12:01:02.345 [info] Process Execution: kernel process started", "a kernel starting"),
]

# The Apple GPU (Metal) out of its share of the unified memory
POSITIVE += [
    Case("metal-gpu-oom", "libc++abi: terminating due to uncaught exception of type std::runtime_error: [METAL] "
         "Command buffer execution failed: Insufficient Memory (00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)",
         "MLX", fix="smaller_model_or_more_memory"),
    Case("metal-gpu-oom", "RuntimeError: [METAL] Command buffer execution failed: Insufficient Memory "
         "(00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)", "mlx-lm's Python error"),
]
NEGATIVE += [
    Case("metal-gpu-oom", "[METAL] Command buffer execution failed: Caused GPU Timeout Error "
         "(00000002:kIOGPUCommandBufferCallbackErrorTimeout)", "a GPU timeout"),
]

# Intel MKL's allocator out of host memory
POSITIVE += [
    Case("cpu-oom", "mkl_malloc: failed to allocate memory", "MKL", fix="smaller_model_or_more_memory"),
]

# "Killed" printed over a progress bar's line
POSITIVE += [
    Case("cpu-oom", "Downloading shards:  50%|█████     | 1/2 [00:30<00:30]\nKilledng 4 files:  25%|██▌       | 1/4 "
         "[00:10<00:30, 10.1s/it]", "over a progress bar", fix="smaller_model_or_more_memory"),
]


# Habana Gaudi's device memory
POSITIVE += [
    Case("cuda-oom", "RuntimeError: [Rank:0] FATAL ERROR :: MODULE:PT_DEVMEM Allocation failed for size::1073741824 "
         "(1024)MB", "Gaudi"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("cuda-oom", "Tried to allocate 1.02 GiB. GPU 0 has a total capacity of 15.89 GiB of which 137.12 MiB is "
         "free. ", "torch 2.x OOM, head cut"),
    Case("cuda-oom", "GPU 0 has a total capacity of 79.33 GiB of which 1.11 GiB is free.", "torch 2.x OOM, one line"),
    Case("cuda-oom", "If reserved but unallocated memory is large try setting "
         "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory "
         "Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)", "torch 2.4 OOM advice"),
    Case("cuda-oom", "PYTORCH_CUDA_ALLOC_CONF", "torch 1.x OOM, the wrapped last word"),
    Case("cuda-oom", "Use PYTORCH_MPS_HIGH_WATERMARK_RATIO=0.0 to disable upper limit for memory allocations "
         "(may cause system failure).", "MPS OOM advice"),
]

NEGATIVE += [
    # the host allocator says "you tried to allocate N bytes"; a setting in the user's own script is no failure
    Case("cuda-oom", "RuntimeError: [enforce fail at alloc_cpu.cpp:114] data. DefaultCPUAllocator: not enough memory: "
         "you tried to allocate 1073741824 bytes.", "host allocator"),
    Case("cuda-oom", "$ export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True\nOSError: We couldn't connect to "
         "'https://huggingface.co' to load this file.", "the variable set in a command"),
]


# A message cut at a fixed width (a log viewer, a terminal without wrapping): its first words alone.
POSITIVE += [
    Case("cpu-oom", "RuntimeError: [enforce fail at C:\\actions-runner\\_work\\pytorch\\pytorch\\builder\\windows\\"
         "pytorch\\c10\\core\\impl\\alloc_cpu.c", "torch on Windows, cut at 120 columns"),
]


# A serving engine's KV-cache reservation for its token budget (the weights already loaded).
POSITIVE += [
    Case("server-memory-budget", "Not enough memory to handle 16000 total tokens with 2 prefill tokens. You need to "
         "decrease `--max-batch-total-tokens` or `--max-batch-prefill-tokens", "TGI warmup", fix="other"),
    Case("server-memory-budget", "ValueError: No available memory for the cache blocks. Try increasing "
         "`gpu_memory_utilization` when initializing the engine.", "vLLM 0.4"),
]

NEGATIVE += [
    Case("server-memory-budget", TORCH_25_OOM, "the weights themselves"),
]


# Colab's own notice in the interface language it was shown in.
POSITIVE += [
    Case("cpu-oom", "\"사용 가능한 RAM을 모두 사용한 후 세션이 다운되었습니다.\"", "Colab, Korean"),
    Case("cpu-oom", "使用可能な RAM をすべて使用した後で、セッションがクラッシュしました。", "Colab, Japanese"),
]


# Cut at a log viewer's width, mid-word.
POSITIVE += [
    Case("cpu-oom", "ERROR 06-02 09:39:03 [core.py:396] RuntimeError: unable to mmap 16933256392 byte",
         "vLLM log, cut"),
]


# Intel GPUs (Unified Runtime / Level Zero) out of memory
POSITIVE += [
    Case("cuda-oom", "RuntimeError: Native API failed. Native API returns: 39 (UR_RESULT_ERROR_OUT_OF_DEVICE_MEMORY)",
         "Arc B580"),
]
NEGATIVE += [
    Case("cuda-oom", "RuntimeError: Native API failed. Native API returns: 45 (UR_RESULT_ERROR_INVALID_ARGUMENT)",
         "another Unified Runtime error"),
]

# Colab ending a load that exhausted the host's RAM: "^C" after the load's last line.
POSITIVE += [
    Case("cpu-oom", "LatentDiffusion: Running in eps-prediction mode\nDiffusionWrapper has 859.52 M params.\nLoading "
         "weights [6569e224] from /content/gdrive/MyDrive/sd/stable-diffusion-webui/models/Stable-diffusion/x.ckpt\n^C",
         "AUTOMATIC1111 on Colab", fix="smaller_model_or_more_memory"),
]
NEGATIVE += [
    Case("cpu-oom", "Loading weights [6569e224] from /content/models/x.ckpt\n^C\nTraceback (most recent call last):\n"
         "  File \"launch.py\", line 3, in <module>\nKeyboardInterrupt", "the user's own Ctrl-C"),
]


# session 17: the output stops partway through the shards with nothing after it (Colab, a container, the OOM killer)
POSITIVE += [
    Case("loading-stopped-mid-shards", "Explicitly passing a `revision` is encouraged when loading a model with custom "
         "code to ensure no malicious code has been contributed in a newer revision.\nLoading checkpoint shards: 62%\n"
         "5/8 [00:52<00:30, 10.28s/it]", "Colab's wrapped bar", fix="smaller_model_or_more_memory"),
    Case("loading-stopped-mid-shards", "Loading checkpoint shards:  38%|█████████               | 3/8 [00:08<00:14,  "
         "2.90s/it]", "a bar and nothing after it"),
]
NEGATIVE += [
    # a finished bar: whatever went wrong came after it
    Case("loading-stopped-mid-shards", "Loading checkpoint shards: 100%|██████████| 8/8 [00:12<00:00,  1.50s/it]",
         "a finished load"),
    # the bar inside a sentence that goes on: the words are read instead
    Case("loading-stopped-mid-shards", "the terminal shows `Loading checkpoint shards:  62% 5/8 [00:51<00:30, "
         "10.18s/it]`, then a popup asks to restart", "prose after the bar"),
]


# vLLM's start-up check of its memory share against what is free on the card
POSITIVE += [
    Case("engine-startup-memory-below-budget", "ValueError: Free memory on device cuda:1 (21.40/23.99 GiB) on startup "
         "is less than desired GPU memory utilization (0.9, 21.59 GiB). Decrease GPU memory utilization or reduce GPU "
         "memory used by other processes.", "vLLM 0.10", fix="reduce_max_memory"),
    Case("engine-startup-memory-below-budget", "Free memory on device cuda:0 (76.3/79.1 GiB) on startup\nis less than "
         "desired GPU memory utilization (0.98, 77.5 GiB).", "wrapped by the log viewer", fix="reduce_max_memory"),
]
NEGATIVE += [
    Case("engine-startup-memory-below-budget", "ValueError: No available memory for the cache blocks. Try increasing "
         "`gpu_memory_utilization` when initializing the engine.", "the KV cache after the weights"),
]

# tcmalloc's large-allocation reports with nothing after them: the process died reading weights into RAM.
POSITIVE += [
    Case("tcmalloc-large-alloc", "Loading checkpoint shards:  33%|###3      | 1/3\ntcmalloc: large alloc 4294967296 "
         "bytes == 0x5a3c000 @  0x7f1e2c0b1b6b 0x7f1e2c0d1379\ntcmalloc: large alloc 4294967296 bytes == 0x1b5c000 @  "
         "0x7f1e2c0b1b6b", "Colab, the runtime restarted", fix="smaller_model_or_more_memory"),
]
NEGATIVE += [
    Case("tcmalloc-large-alloc", "tcmalloc: large alloc 2147483648 bytes == 0x55d2c000 @ 0x7f\ntorch.OutOfMemoryError: "
         "CUDA out of memory. Tried to allocate 2.00 GiB", "the GPU's memory is the error: cuda-oom"),
]

# batch87: "distilled" is not "killed": a model name that holds the letters of the word is no out-of-memory kill
NEGATIVE += [
    Case("cpu-oom", "OSError: Can't load the configuration of './models/facebook/nllb-200-distilled-600M'. If you were "
         "trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory with the "
         "same name.", "a model id with 'distilled' in it"),
]


# vLLM's LoRA slots sized below the adapter's rank
POSITIVE += [
    Case("lora-rank-above-engine-limit", "ValueError: LoRA rank 64 is greater than max_lora_rank 16.", "vLLM 0.3",
         fix="update_calling_code"),
    Case("lora-rank-above-engine-limit", "RuntimeError: Worker failed with error 'LoRA rank 32 is greater than "
         "max_lora_rank 16.', please check the stack trace above for the root cause", "vLLM V1 engine core"),
]
NEGATIVE += [
    Case("lora-rank-above-engine-limit", "ValueError: max_lora_rank (48) must be one of (8, 16, 32, 64, 128, 256)",
         "an engine setting refused, no adapter"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# MPS's largest buffer, and a person's words for the kernel's kill (batch109's reading)
POSITIVE += [
    Case("mps-buffer-too-large", "  File \"/opt/homebrew/lib/python3.12/site-packages/transformers/modeling_utils.py\","
         " line 6012, in caching_allocator_warmup\n    _ = torch.empty(byte_count // factor, dtype=torch.float16, "
         "device=device, requires_grad=False)\nRuntimeError: Invalid buffer size: 27.51 GiB",
         "transformers' warmup on an M2 Max", fix="upgrade_transformers"),
    Case("cpu-oom", "While loading the third shard of the 70B checkpoint my process was killed, no traceback at all.",
         "a person's own words"),
]
NEGATIVE += [
    Case("mps-buffer-too-large", "ValueError: Invalid buffer size for the ring: 0 bytes", "not an allocation's size"),
]

# the process gone during the shards' progress bar with no exception, and an mmap failure without its errno (batch118)
POSITIVE += [
    Case("cpu-oom", "Loading checkpoint shards:   0%|          | 0/3 [00:00<?, ?it/s]Press any key to continue . . .",
         "a Windows batch file pausing after python exited", fix="smaller_model_or_more_memory"),
    Case("cpu-oom", "the terminal shows `Loading checkpoint shards:  62% 5/8 [00:51<00:30, 10.18s/it]`, the backend "
         "hits a `^C` and stops working.", "Colab's ^C quoted in a sentence"),
    Case("cpu-oom", "unable to mmap: AutoModelForCausalLM.from_pretrained / from safetensors import safe_open",
         "a thread's title"),
]
NEGATIVE += [
    Case("cpu-oom", "RuntimeError: unable to mmap 4946278608 bytes from file </mnt/nfs/model.safetensors>: Invalid "
         "argument (22)", "another errno: a file system that cannot map files"),
    Case("cpu-oom", "Loading checkpoint shards: 100%|██████████| 3/3 [00:04<00:00,  1.50s/it]\nTraceback (most recent "
         "call last):\nValueError: bad input\nPress any key to continue . . .", "an exception after the bar"),
]

# Databricks' notebook when the driver's Python process stops answering during a load (batch124's reading: Dolly 12B)
POSITIVE += [
    Case("cpu-oom", "Fatal error: The Python kernel is unresponsive.", "Databricks, dolly-v2-12b on a small driver"),
]
NEGATIVE += [
    Case("cpu-oom", "The Python kernel is ready.", "a kernel that answers"),
]

# a person's own words in Chinese for the kernel ending the load (batch139: ChatGLM3-6B in WSL2 capped at half the RAM)
POSITIVE += [
    Case("cpu-oom", "但是，当我尝试在同一环境中运行 ChatGLM3-6B 时，模型加载进程在加载 45% 左右时被系统终止了。",
         "the loading process ended by the system", fix="smaller_model_or_more_memory"),
    Case("cpu-oom", "Loading checkpoint shards:  40%|████      | 2/5\n程序被kill了", "the program got killed"),
]
NEGATIVE += [
    Case("cpu-oom", "进程已正常退出，模型加载完成。", "a process that exited normally after the load"),
]

# the shards' bar cut short and the shell's prompt on the next line: the process ended without a word (batch140:
# ChatGLM3's demo on Windows with an 8 GB GPU)
POSITIVE += [
    Case("cpu-oom", "Setting eos_token is not supported, use the default one.\nLoading checkpoint shards: 0%| | 0/7 "
         "[00:00<?, ?it/s]\nPS D:\\ChatGLM3\\ChatGLM3-main\\composite_demo>", "PowerShell's prompt after the bar"),
    Case("cpu-oom", "Loading checkpoint shards:  40%|####      | 2/5 [00:21<00:32, 10.7s/it]\n"
         "(venv) ana@gpu-box:~/proj$ ", "bash's prompt after the bar"),
]
NEGATIVE += [
    Case("cpu-oom", "Loading checkpoint shards: 100%|##########| 2/2 [00:03<00:00,  1.6s/it]\nPS D:\\proj>",
         "a bar that finished: the script may have ended as written"),
]


# the load and the shell's word in Chinese: "加载Killed了" (no word boundary between the two scripts; session 44,
# batch144)
POSITIVE += [
    Case("cpu-oom", "微调后的模型推理时加载Killed了，训练时正常", "加载 ... Killed",
         fix="smaller_model_or_more_memory"),
]
NEGATIVE += [
    Case("cpu-oom", "加载完成后 KilledWorkers 计数为 0", "a name that only starts with Killed"),
]

# the shell's word quoted with its full stop (session 44, batch145)
POSITIVE += [
    Case("cpu-oom", 'The conversion runs for an hour and then ends with "Killed."', "Killed. in double quotes"),
]


# the shell's "Killed" in the system's language (session 45, batch148)
POSITIVE += [
    Case("cpu-oom", "Loading checkpoint shards:  33%|###3      | 1/3 [00:12<00:25, 12.5s/it]已杀死",
         "Chinese bash after the bar", fix="smaller_model_or_more_memory"),
    Case("cpu-oom", "$ python convert.py --model llama-7b\n強制終了", "Japanese bash on its own line"),
    Case("cpu-oom", "Lade Gewichte ...\nGetötet", "German bash"),
]
NEGATIVE += [
    Case("cpu-oom", "ウィンドウを閉じたらPythonが強制終了しました", "an app closed by its user, in a sentence"),
]


# a container killed by the kernel's OOM killer, in a person's words (session 47)
POSITIVE += [
    Case("cpu-oom", "After loading the 13B checkpoint the worker died with exit code 137", "died with code 137"),
]
POSITIVE += [
    Case("cpu-oom", "bug: `modelctl download` dies with Signal.SIGKILL: 9", "a tool killed by SIGKILL"),
]
