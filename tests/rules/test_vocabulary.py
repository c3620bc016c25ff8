"""rules/vocabulary: last-resort readings of a message no rule knows, by the words it uses.

Each positive text is a message a library really prints (its source named) that no precise rule matches: the
vocabulary rule must then answer. Each negative text is one the rule must leave alone: a message a precise rule
knows (the precise rule answers, never the vocabulary one), a domain word that only appears in a traceback frame
or in a warning, or an error of the calling code that merely mentions the domain.
"""

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

FRAME_ONLY = (
    "Traceback (most recent call last):\n"
    '  File "/usr/lib/python3.11/site-packages/transformers/quantizers/quantizer_bnb_4bit.py", line 80, in '
    "validate_environment\n"
    '    raise ValueError("the GPTQ kernels are missing")\n'
    "ValueError: something went wrong"
)

POSITIVE = [
    Case("quantization-words", "ValueError: Missing quantization component `SCB`", "transformers bnb 8-bit loader",
         fix="other"),
    Case("quantization-words", "NotImplementedError: Dequantization for blk.0.attn_q.weight is not yet implemented",
         "gguf-py 0.16 quants.py"),
    Case("quantization-words", "ValueError: vLLM engine does not support bnb quantization (GPTQ and AWQ are "
         "supported).", "LLaMA-Factory 0.9.2 hparams/parser.py"),
    Case("dependency-words", "ModuleNotFoundError: You need at least safetensors 0.4.2 for Intel GPU, while you have "
         "0.3.1", "accelerate 0.30 utils/modeling.py", fix="install_package"),
    Case("dependency-words", "ValueError: The file is too large to be downloaded using the regular download method. "
         "Use `hf_transfer` or `hf_xet` instead. Try `pip install hf_transfer` or `pip install hf_xet`.",
         "huggingface_hub 0.34 file_download.py"),
    Case("architecture-words", "ValueError: Unsupported architecture: InternLM2ForCausalLM",
         "SGLang 0.4.6 configs/internvl.py", fix="upgrade_transformers"),
    Case("device-words", "ValueError: The `device_map` does not contain the module model.layers.0.mlp.",
         "accelerate utils/modeling.py", fix="update_calling_code"),
    Case("device-words", "ValueError: You can't pass device_map as a negative int. If you want to put the model on "
         "the cpu, pass device_map = 'cpu'", "diffusers 0.30 models/modeling_utils.py"),
    Case("dtype-words", "ValueError: Unsupported kv_cache_dtype: torch.bfloat16.",
         "SGLang 0.4.6 model_executor/model_runner.py"),
    Case("file-missing-words", "OSError: file https://huggingface.co/bert-base-uncased/resolve/main/config.json not "
         "found", "transformers 2.11-4.15 file_utils.py", fix="download_missing_files"),
    Case("file-missing-words", "InvalidModelConfigException: /models/embeddings/my-style does not contain expected "
         "'learned_embeds.bin' file", "InvokeAI 5.9 model_manager/legacy_probe.py"),
    Case("network-words", "ValueError: Force download failed due to the above error.",
         "huggingface_hub 0.23-0.34 file_download.py", fix="retry_download"),
    Case("tls-proxy-words", "fatal: unable to access 'https://huggingface.co/bert-base-uncased/': SSL certificate "
         "problem: unable to get local issuer certificate", "git clone over an intercepting proxy",
         fix="set_proxy_or_endpoint"),
    Case("tls-proxy-words", "pulling manifest\nError: pull model manifest: Get \"https://registry.ollama.ai/v2/library/"
         "llama3/manifests/latest\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
         "ollama (Go's crypto/x509)"),
    Case("repo-words", "OSError: Model name EleutherAI/gpt-neo-125 was not found.",
         "xformers 0.0.28 _flash_attn/utils/pretrained.py", fix="fix_identifier"),
    Case("revision-words", "fatal: Remote branch v1.0 not found in upstream origin", "git clone --branch",
         fix="pin_revision"),
    Case("tokenizer-words", "OSError: Failed to load tokenizer.", "LLaMA-Factory 0.9.2 model/loader.py"),
    Case("corruption-words", "whisper_model_load: invalid model data (bad magic)", "whisper.cpp", fix="force_download"),
    Case("shape-words", "llama_model_load: error loading model: check_tensor_dims: tensor 'token_embd.weight' has "
         "wrong shape; expected  4096, 32000, got  4096, 32001,     1,     1", "llama.cpp llama-model-loader"),
    Case("gpu-memory-words", "ggml_backend_cuda_buffer_type_alloc_buffer: allocating 4096.00 MiB on device 0: "
         "cudaMalloc failed: out of memory", "llama.cpp ggml-cuda", fix="smaller_model_or_more_memory"),
    Case("host-memory-words", "ggml_aligned_malloc: insufficient memory (attempted to allocate 8192.00 MB)",
         "llama.cpp ggml.c", fix="smaller_model_or_more_memory"),
    Case("loading-stall-words", "Loading checkpoint shards:  33%|███▎      | 1/3 [01:12<02:24] and then it hangs "
         "forever, no error", "a load that stops progressing, no exception", fix="smaller_model_or_more_memory"),
    Case("loading-stall-words", "when I load the model the machine starts swapping and never finishes",
         "swap named in a description"),
    Case("auth-words", "huggingface_hub.errors.HfHubHTTPError: 403 Forbidden: None. Cannot access content at: "
         "https://huggingface.co/api/models/org/x. Make sure your token has the correct permissions.",
         "huggingface_hub 0.2x utils/_http.py", fix="login_token"),
    Case("remote-code-words", "ValueError: `org/kernels` is not published by a trusted kernel publisher on the Hub, "
         "so loading it downloads and executes remote code. Set `DIFFUSERS_TRUST_REMOTE_KERNELS=true` to allow it.",
         "diffusers 0.42 quantizers/nunchaku/utils.py", fix="set_trust_remote_code"),
    Case("disk-words", "OSError: could not create the cache directory /data/hf: read-only mount",
         "a cache folder that cannot be created", fix="free_disk_or_move_cache"),
    Case("corruption-words", "llama_model_load: error loading model: unexpectedly reached end of file",
         "llama.cpp llama-model-loader on a cut file"),
    Case("dependency-words", "AssertionError: please make sure vector_quantize_pytorch and vocos are installed.",
         "a model's remote code checking its optional packages"),
    Case("quantization-words", "ValueError: BitAndBytes quantization with TP or PP is not supported yet.",
         "vLLM 0.5 config.py, the method spelled BitAndBytes"),
]

NEGATIVE = [
    # a precise rule knows the message: the vocabulary reading never answers beside it
    Case("gpu-memory-words", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB. GPU 0 has a "
         "total capacity of 7.79 GiB of which 17.31 MiB is free.", "torch's own OOM: cuda-oom answers"),
    Case("corruption-words", "safetensors_rust.SafetensorError: Error while deserializing header: HeaderTooLarge",
         "corrupted-weights answers"),
    Case("disk-words", "OSError: [Errno 28] No space left on device", "disk-full answers"),
    Case("tls-proxy-words", "requests.exceptions.SSLError: HTTPSConnectionPool(host='huggingface.co', port=443): Max "
         "retries exceeded with url: /bert-base-uncased/resolve/main/config.json (Caused by SSLError("
         "SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')))",
         "ssl-or-proxy answers"),
    Case("revision-words", "huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. Revision Not Found for "
         "url: https://huggingface.co/api/models/gpt2/revision/v9.", "revision-not-found answers"),
    Case("dtype-words", "RuntimeError: expected scalar type Float but found Half", "a precise dtype rule answers"),
    # the domain's words only where no failure is: a traceback frame and its source line, a warning
    Case("quantization-words", FRAME_ONLY, "quantizer path and source line only"),
    Case("file-missing-words", "FutureWarning: You are loading the variant fp16 from stabilityai/stable-diffusion-2 "
         "via `revision='fp16'`. This behavior is deprecated and will be removed in diffusers v1. However, it "
         "appears that stabilityai/stable-diffusion-2 currently does not have a diffusion_pytorch_model.fp16.bin "
         "file in the 'main' branch", "diffusers deprecation warning"),
    # errors of the calling code, or of another domain, that only mention the words
    Case("tokenizer-words", "ValueError: Asking to pad but the tokenizer does not have a padding token.",
         "a usage error of a loaded tokenizer"),
    Case("architecture-words", "ValueError: The current architecture does not support Flash Attention 2.0. Please "
         "open an issue on GitHub to request support for this architecture", "attention backend, not architecture"),
    Case("dependency-words", "ModuleNotFoundError: No module named 'transformers_modules.my-model-v1'",
         "a remote-code module, not a package"),
    Case("auth-words", "PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/token'",
         "a file permission, not a token refused"),
    Case("host-memory-words", "RuntimeError: CUDA error: out of memory", "a GPU's memory"),
    Case("loading-stall-words", "NCCL watchdog: the process hangs while loading the model shards on rank 3",
         "a distributed collective, not the host's memory"),
    Case("loading-stall-words", "Loading checkpoint shards: 100%|██████████| 2/2 [00:03<00:00]\nKeyError: 'qwen2'",
         "progress finished, then a real error"),
    Case("remote-code-words", "model = AutoModel.from_pretrained(path, trust_remote_code=True)\nKeyError: 'input_ids'",
         "the caller's own line passes it"),
    Case("network-words", "RuntimeError: Failed to resolve a pipeline class.", "no connection in the message"),
    Case("repo-words", "ValueError: Invalid repo type: models. Accepted repo types are: [None, 'model', 'dataset', "
         "'space']", "a repo type, not a repo"),
    Case("shape-words", "RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x768 and 512x10)",
         "a forward pass, not a load"),
    Case("device-words", "RuntimeError: CUDA error: device-side assert triggered", "a kernel assert"),
    Case("corruption-words", "ValueError: Asking to truncate to max_length but no maximum length is provided",
         "a tokenizer call's argument"),
    Case("disk-words", "RuntimeError: could not create a primitive descriptor for a convolution forward",
         "no cache, folder or lock"),
]


# "locate" and "resolve" among the tokenizer vocabulary's verbs
POSITIVE += [
    Case("tokenizer-words", "RuntimeError: Could not locate the tokenizer for org/m", "locate"),
]


POSITIVE += [
    Case("repo-words", "Error: model someone/no-such-llm cannot be found on HF, check the name", "a tool's sentence",
         fix="fix_identifier"),
    Case("corruption-words", "---------------------------------------------------------------------------\n"
         "SafetensorError                           Traceback (most recent call last)\nCell In[3], line 4",
         "a notebook traceback cut before safetensors' message"),
]
NEGATIVE += [
    Case("repo-words", "the config value cannot be found in the model's settings", "not an id"),
    Case("corruption-words", "safetensors_rust.SafetensorError: File does not contain tensor lm_head.weight",
         "a missing tensor, not a broken file"),
]


POSITIVE += [
    Case("network-words", "[ERROR] Error loading model list: TypeError: fetch failed", "Node's fetch in an app",
         fix="retry_download"),
    Case("network-words", "Error fetching models from the Hub, please try again", "an app's wording"),
    Case("dependency-words", "ValueError: Dependencies for SentenceTransformerEmbeddings are missing.",
         "a wrapper's own check", fix="install_package"),
    Case("gpu-memory-words", "Not enough video memory to load this model (needs 12 GB)", "an app's wording"),
]
NEGATIVE += [
    Case("network-words", "the prefetch failed to improve speed", "a word inside another"),
    Case("dependency-words", "the dependency graph was not found to be acyclic", "not a package"),
    Case("host-memory-words", "Insufficient graphics memory for this model!", "a GPU's memory in other words"),
]


POSITIVE += [
    Case("quantization-words", "RuntimeError: QuantLinear() does not have a parameter named scales_and_zeros",
         "AutoGPTQ's quantized layer"),
    Case("gguf-load-failed-words", "llama_load_model_from_file: failed to load model\nllama_init_from_gpt_params: "
         "error: failed to load model '/models/new-arch-7b.Q4_K_M.gguf'", "llama.cpp without its reason line",
         fix="other"),
]
NEGATIVE += [
    Case("gguf-load-failed-words", "ValueError: Failed to load model from file: /models/llama-2-7b.ggmlv3.q4_0.bin",
         "a GGML-era file, not an architecture"),
    Case("gguf-load-failed-words", "llama_model_loader: failed to load model from /m/x.gguf\nllama_model_load: error "
         "loading model: unable to allocate CPU buffer", "a cause the text gives: host memory"),
]


# Words in the reporter's language, and graphics memory without the s
POSITIVE += [
    Case("remote-code-words", "环境：wsl-ubuntu\n报错：trust_remote_code 错误", "a title in Chinese"),
    Case("shape-words", "RuntimeError: Errors in loading state_dict for Net: size 不匹配 for fc.weight", "translated"),
    Case("gpu-memory-words", "Error: insufficient graphic card memory to load the model", "graphic memory"),
]
NEGATIVE += [
    Case("host-memory-words", "Error: insufficient graphic memory for this resolution", "the GPU's memory"),
]

# Words inside a URL name a repo or a signed query, not what failed; a file name that ends a URL still counts.
NEGATIVE += [
    Case("quantization-words", "HTTP status client error (416 Range Not Satisfiable) for url (https://huggingface.co/"
         "nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4/resolve/main/__init__.py)",
         "a quantized repo's name in a URL"),
    Case("auth-words", "Error: download failed for url https://example.org/dl?access_token=Ab3x&state=expired",
         "a signed query's words"),
]
POSITIVE += [
    Case("file-missing-words", "Exception [Errno 2] No such file or directory: "
         "'/tmp/test-bert-cases-mlm-10/processor_config.json'", "haystack v1, a FARM folder"),
    Case("file-missing-words", "OSError: file https://huggingface.co/acme/tiny-model/resolve/main/config.json "
         "not found",
         "a file named at the end of a URL"),
]
NEGATIVE += [
    Case("file-missing-words", "ValueError: Cannot find config for value in processor_config.json. Available keys: "
         "image_processor", "a key missing inside the file"),
]


# Broken English in a project's own message: "not find model file path".
POSITIVE += [
    Case("file-missing-words", "ValueError: not find model file path /root/.cache/huggingface/hub/models--InfiniFlow--"
         "deepdoc/snapshots/be0c1e50/layout.onnx", "RAGFlow's DeepDoc models"),
]
NEGATIVE += [
    Case("file-missing-words", "ValueError: Can not find `version` in config.json. Please checkout the latest model",
         "a key missing inside config.json"),
]


# a TensorFlow / ModelScope graph file is a model file too
POSITIVE += [
    Case("file-missing-words", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/data/models/funasr/paraformer-zh/model.pb'", "a model.pb that was never downloaded",
         fix="download_missing_files"),
]
NEGATIVE += [
    Case("file-missing-words", "ModuleNotFoundError: No module named 'sentencepiece_model_pb2'", "protobuf module"),
]

# "not a valid checkpoint" as an argument check of a CLI (COMET's choice of model names) says nothing of a file
NEGATIVE += [
    Case("corruption-words", "comet-score: error: Unbabel/wmt22-comet-da is not a valid checkpoint path or model "
         "choice. Choose from dict_keys(['wmt20-comet-da', 'wmt21-comet-da'])", "COMET#118"),
]

# a quoted Hub id names the model: the words in its name ("8bit", "GPTQ") are not the failure's
NEGATIVE += [
    Case("quantization-words", "{\"detail\":\"Failed to load model 'mlx-community/Qwen3-TTS-1.7B-Base-8bit': 'str' "
         "object has no attribute '__module__'\"}", "an 8-bit model's name"),
]

# A loader's own assertion that a weights file should be there.
POSITIVE += [
    Case("file-missing-words", "AssertionError: model.safetensors.index.json should exist.", "airllm 2.x",
         fix="download_missing_files"),
]

# batch93: old llama.cpp's "has wrong size in model file"
POSITIVE += [
    Case("shape-words", "llama_model_load: tensor 'output.weight' has wrong size in model file", "llama.cpp 2023",
         fix="other"),
]


# a GGUF reader that ran out of bytes mid-tensor
POSITIVE += [
    Case("corruption-words", "$ ./sd --model models/flux1-dev-q4_0.gguf\nerror: [gguf] short read "
         "double_blocks.3.img_attn.qkv.weight", "a truncated GGUF", fix="force_download"),
]
NEGATIVE += [
    Case("corruption-words", "ssl.SSLError: [SSL: SHORT_READ] stream ended before the handshake finished",
         "a TLS short read, no file"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_vocabulary_rule_reads_an_unknown_message(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_vocabulary_rule_leaves_this_text_alone(case: Case) -> None:
    check_negative(case)

# swift-transformers' HubApi error printed as its case name (batch114)
POSITIVE += [
    Case("auth-words", "Error loading model: authorizationRequired", "swift-transformers", fix="login_token"),
]
NEGATIVE += [
    Case("auth-words", "HTTP/1.1 407 Proxy Authorization Required", "a proxy's own credentials"),
]

# a person's words for the GPU running out, and for keys that differ (batch118)
POSITIVE += [
    Case("gpu-memory-words", "On model load the GPU usage spikes to 94.4GB and halfway on model load the GPU OOMs",
         "axolotl, a reporter's words", fix="smaller_model_or_more_memory"),
    Case("shape-words", "And I got errors saying that the checkpoints and the model have different keys.",
         "a screenshot described"),
]
NEGATIVE += [
    Case("gpu-memory-words", "The GPU rooms in the data centre are full", "a word that contains the letters"),
    Case("shape-words", "the two tokenizers have different keys in their special_tokens_map", "no checkpoint named"),
]

# the host's RAM named as what ran out, and a notebook's kernel crashing during a load, in a person's words (batch119)
POSITIVE += [
    Case("host-memory-words", "I am trying to access Llama-3-8B using Google Colab & transformers with accelerate, but "
         "every time it is getting crashed giving error of RAM fully utilized, I have used T4-GPU as hardware "
         "accelerator but no success", "the RAM named beside the GPU", fix="smaller_model_or_more_memory"),
    Case("host-memory-words", "While I am loading your models in the collab or in fact my trained model using peft the "
         "kernel is crashing.", "Colab's kernel"),
]
NEGATIVE += [
    Case("host-memory-words", "the kernel is crashing when I run the training loop", "no load"),
    Case("host-memory-words", "while loading, the GPU memory is full and the kernel crashes", "the GPU's memory"),
]

# a person's words in Chinese for an architecture the library does not know (batch120)
POSITIVE += [
    Case("architecture-words", "使用vllm启动glm4.5v 106B的时候显示Transformers 库无法识别 glm4v moe 这种模型架构",
         "vLLM on GLM-4.5V, the issue's title", fix="upgrade_transformers"),
]
NEGATIVE += [
    Case("architecture-words", "这种模型架构很好用，加载很快", "the words without a failure"),
]
NEGATIVE += [
    Case("network-words", "Error: 500 Internal Server Error: llama runner process has terminated: exit status 2",
         "Ollama's local API relaying its runner's crash"),
]

# memory running out in Chinese: 显存 is the graphics card's, 内存 the host's unless a GPU is named (session 38)
POSITIVE += [
    Case("host-memory-words", "单机内存为900G, 8张A100，加载llama65b模型时候，CPU内存溢出了",
         "LLaMA-Factory, every rank loading to host RAM"),
    Case("host-memory-words", "加载模型时内存不足，程序退出", "no GPU named"),
    Case("gpu-memory-words", "运行时显存不足，加载失败", "显存: the GPU's memory"),
    Case("gpu-memory-words", "22G的2080Ti 使用model.quantize(8).cuda(),还没有加载完100%就报内存溢出了",
         "a GPU named on the line"),
]
NEGATIVE += [
    Case("host-memory-words", "运行时显存不足，加载失败", "the GPU's memory"),
    Case("gpu-memory-words", "加载模型时内存不足，程序退出", "no GPU named: the host's"),
]

# a memory limit exceeded, in words: the host's unless a GPU is named (session 38)
POSITIVE += [
    Case("host-memory-words", "it's just memory limit exceeded", "a Space's container limit"),
    Case("gpu-memory-words", "CUDA memory limit exceeded on GPU 0", "a GPU named"),
]
NEGATIVE += [
    Case("host-memory-words", "CUDA memory limit exceeded on GPU 0", "the GPU's"),
]

# a connection that failed, in Chinese (a translated transformers message, a person's words; session 38)
POSITIVE += [
    Case("network-words", "ValueError:连接错误，我们无法在缓存路径中找到请求的文件。"
         "请再试一次，或者确保您的网络连接正常。", "transformers' offline message, translated"),
    Case("network-words", "下载模型时连接超时", "a timeout while downloading"),
]
NEGATIVE += [
    Case("network-words", "模型连接层的权重形状不匹配", "a model's connecting layer, no network"),
]

# a user's words for a quantized load that a release broke (batch130)
POSITIVE += [
    Case("quantization-words", "all the models which are quantized with prior versions are severely broken when "
         "loaded with 0.48, issue resolves with 0.47 or older versions.", "bitsandbytes 0.48 and int8 checkpoints"),
]
NEGATIVE += [
    Case("quantization-words", "the 4-bit quantized model loads and generates as before", "no failure in the words"),
]


# the shell's 'Killed' quoted in a person's words, and the host's memory "leading to OOM" in Chinese; a precision that
# gives empty output (session 44, batch142)
POSITIVE += [
    Case("host-memory-words", "The captioning example on the laptop only ever shows 'Killed' in the console.",
         "the shell's word in quotes"),
    Case("host-memory-words", "加载70B模型的时候主机内存一直上涨，最后导致OOM", "the host's memory leading to OOM"),
    Case("dtype-words", "Inference with float16 gives empty output, the same model in float32 answers normally.",
         "empty output in one precision"),
    Case("dtype-words", "In fp16 the generated text is garbage on the T4.", "garbage text in one precision"),
]
NEGATIVE += [
    Case("host-memory-words", "The scheduler lists the job as 'Killed' after I cancelled it.", "a status, not output"),
    Case("host-memory-words", "加载模型时显存不足导致OOM", "the GPU's memory (显存)"),
    Case("dtype-words", "The output is empty when the prompt is longer than 4096 tokens.", "no precision named"),
]


# a full disk in a person's words (session 44, batch143)
POSITIVE += [
    Case("disk-words", "The node keeps failing with out of disk space errors while it downloads the model.",
         "out of disk space", fix="free_disk_or_move_cache"),
    Case("disk-words", "Downloading the 40 GB checkpoint makes the disk run out of space on the runner.",
         "the disk runs out of space"),
]
NEGATIVE += [
    Case("disk-words", "The GPU ran out of memory while loading the model.", "memory, not disk"),
]


# a person's words for the failures of the first ten categories, in English and in Chinese (session 44, batch144)
POSITIVE += [
    Case("gpu-memory-words", "The 13B checkpoint in fp16 needs more than this: 16GB of GPU memory is not enough.",
         "the GPU's memory, then 'not enough'"),
    Case("gpu-memory-words", "RTX 4060 8G 跑 demo 直接爆显存", "爆显存, blew the GPU's memory"),
    Case("gpu-memory-words", "24G显存在加载阶段就出现溢出", "显存 ... 溢出 with words between"),
    Case("disk-words", "The download stops at 70% because I don't have enough space on the VM.", "not enough space",
         fix="free_disk_or_move_cache"),
    Case("disk-words", "模型默认缓存在 D 盘，D 盘空间不足导致下载失败", "the D drive's space is not enough"),
    Case("file-missing-words", "启动时报错：找不到 checkpoints/gpt.pth，请先下载", "找不到 a weights file",
         fix="download_missing_files"),
    Case("revision-words", "The commit we pinned, 3fa2b1c, no longer exists in the model repo after a force-push.",
         "a pinned commit gone"),
    Case("network-words", "Downloading config.json from the Hub hits a connection timeout every time behind our VPN.",
         "connection timeout"),
    Case("network-words", "The request exceeded the maximum number of retries while fetching the tokenizer.",
         "the retries exhausted"),
    Case("auth-words", "I requested access to the Llama 3 repo a week ago and the request is still pending.",
         "an access request not granted"),
    Case("remote-code-words", "加载这个模型时提示需要设置trust_remote_code=True，但是 webui 里找不到这个选项",
         "需要设置 trust_remote_code"),
    Case("repo-words", "acme-research/llama-7b-hf is no longer available on Hugging Face, which base model should I "
         "use?", "a repo no longer on the Hub", fix="fix_identifier"),
    Case("repo-words", "The official repositories on Hugging Face have been taken down, so the script's ids fail.",
         "repos taken down"),
    Case("repo-words", "It looks like the lab has deleted all of their models; are there mirrors?",
         "a publisher's deletion"),
]
NEGATIVE += [
    Case("gpu-memory-words", "Host memory is not enough to load the 70B model on the laptop.", "the host's memory"),
    Case("disk-words", "I don't have enough time to test the fp16 build this week.", "no space involved"),
    Case("file-missing-words", "模型加载成功，但是找不到输出结果", "no file named"),
    Case("revision-words", "The feature we used no longer exists in the new API.", "no revision named"),
    Case("auth-words", "The pull request is pending review from the maintainers.", "no access asked for"),
    Case("repo-words", "The cached copies are gone after I cleared ~/.cache.", "a local cache, not the Hub"),
]


# more sentences of apps' users (session 44, batch145)
POSITIVE += [
    Case("disk-words", "Running as uid 1000 the worker hits a permission error on the /models cache volume.",
         "a permission error named with its folder", fix="free_disk_or_move_cache"),
    Case("repo-words", "The Hugging Face repository linked in the README has been removed; where are the weights?",
         "the Hub named before the repository"),
    Case("repo-words", "Cannot access the Hugging Face repo from the README link.", "cannot access the repo"),
    Case("host-memory-words", "The conversion runs for an hour and then just prints 'Killed.' at the end",
         "Killed with its full stop inside the quotes"),
    Case("network-words", "The network here is unstable, so the first download of the model never finishes.",
         "an unreliable network", fix="retry_download"),
    Case("corruption-words", "Der Checkpoint ist beschädigt, bitte erneut herunterladen.", "German"),
    Case("corruption-words", "模型文件损坏，无法加载", "Chinese"),
    Case("auth-words", "I accepted the conditions and set my HF token but the pipeline still fails to download.",
         "a token given and still refused"),
]
NEGATIVE += [
    Case("disk-words", "A permission error appears when the app asks for the microphone.", "no folder named"),
    Case("network-words", "The network architecture is bad at long contexts.", "a neural network"),
    Case("auth-words", "I set the token budget to 512 but generation still stops early.", "a token count, not a login"),
]


# research code's and apps' users in their own words (session 44, batch146)
POSITIVE += [
    Case("host-memory-words", "Building the model in the Colab demo overflows the system RAM and the session restarts.",
         "the host's RAM overflowed", fix="smaller_model_or_more_memory"),
    Case("host-memory-words", "32G的内存都不够加载这个模型", "even this much memory is not enough"),
    Case("repo-words", "The checkpoints are not uploaded to Hugging Face yet, the README link gives 404.",
         "weights never published"),
    Case("repo-words", "The link to the fine-tuned model on the Hugging Face hub is broken.",
         "a dead link to the repo"),
    Case("corruption-words", "After I cloned the repo the safetensors files are very small, only a few hundred bytes.",
         "a clone of LFS pointers"),
    Case("corruption-words", "从 huggingface 克隆下来的文件都很小", "the same in Chinese"),
    Case("file-missing-words", "The index names 8 shards, but only 4 are uploaded to the repo.", "shards left out"),
    Case("network-words", "服务器是离线环境，启动时无法下载模型", "offline and cannot download"),
]
NEGATIVE += [
    Case("host-memory-words", "显存的内存都不够用了", "the GPU's memory (显存)"),
    Case("repo-words", "The download link for the dataset on our website is broken.", "no Hub named"),
    Case("corruption-words", "The cloned examples are small and easy to follow.", "no file named small"),
]


# words in Chinese, Japanese and English from harness and converter threads (session 45, batch148)
POSITIVE += [
    Case("dtype-words", "这张卡不支持bf16，换成 fp16 就可以跑", "bf16 run into Chinese words"),
    Case("dtype-words", "V100 は bfloat16 に対応していないのでエラーになります", "Japanese"),
    Case("network-words", "Downloads keep failing, we have connection problems on the cluster today.",
         "connection problems", fix="retry_download"),
    Case("auth-words", "How do I pass my Hugging Face token so that I can access the Llama 3 weights?",
         "how to give the token", fix="login_token"),
]
NEGATIVE += [
    Case("corruption-words", "Scores on the truncated version of the dataset are lower than reported.",
         "a dataset's shortened version"),
    Case("auth-words", "I pass the token ids to the model and access the logits directly.", "token ids"),
    Case("network-words", "We fixed the connection pooling issue in the client.", "pooling, not a failed connection"),
    Case("dtype-words", "该 API 不支持 stream 参数", "not supported, no dtype named"),
]


# words from speech, vision and application threads (session 45, batch149)
POSITIVE += [
    Case("auth-words", "The Hub keeps asking me for a token to download Gemma.", "asked for a token",
         fix="login_token"),
    Case("revision-words", "The revision we pinned for org/model now returns 404 in CI.", "a pinned revision gone",
         fix="pin_revision"),
    Case("network-words", "最近 huggingface.co 打不开，模型下载不了", "the Hub not reachable, in Chinese"),
    Case("gpu-memory-words", "Out of memory while loading the 13B model on an RTX 3090", "a GPU by its name"),
]
NEGATIVE += [
    Case("auth-words", "The prompt template asks for a token limit of 512.", "a token limit"),
    Case("host-memory-words", "Out of memory on my A100 when loading the 70B model", "a GPU by its name"),
    Case("network-words", "huggingface 的文档很清楚", "the Hub named, nothing unreachable"),
]


# a package the model's code needs, and RAM in a crash, in words (session 46, batch151)
POSITIVE += [
    Case("dependency-words", "Loading fails: the timm package is required by the model code but my env lacks it",
         "required by the model code", fix="install_package"),
    Case("dependency-words", "It says the sentencepiece library has to be installed first", "has to be installed"),
    Case("host-memory-words", "the notebook crashed because of system RAM while loading the 7B checkpoint",
         "crashed because of RAM"),
]
NEGATIVE += [
    Case("dependency-words", "the model was required by the team to be small", "a model, not a package"),
    Case("host-memory-words", "it crashes due to VRAM usage on my RTX 3060", "a GPU's memory"),
]


# bfloat 16 apart and "not support"; the RAM overloaded (session 46, batch152)
POSITIVE += [
    Case("dtype-words", "My V100 says bfloat 16 not support, can you release a float16 version?", "bfloat 16 apart"),
    Case("host-memory-words", "While reading the checkpoint shards it overloads the system RAM and the runtime dies",
         "RAM overloaded"),
]
NEGATIVE += [
    Case("dtype-words", "bfloat 16 weights loaded fine, the tokenizer is what fails", "no failure word beside it"),
    Case("host-memory-words", "the shards overload the VRAM of my 3090", "a GPU's memory, not RAM"),
]


# the Hub's 429, a download that hangs, a package not present, in words (session 46, batch154)
POSITIVE += [
    Case("network-words", "Our CI keeps getting 429 rate-limit responses from the Hub when the tokenizer loads",
         "429 in words"),
    Case("network-words", "The weights download freezes at 65% and hangs forever", "a download hanging"),
    Case("network-words", "it gets stuck while downloading the second shard", "stuck while downloading"),
    Case("dependency-words", "from_pretrained with device_map fails without accelerate installed", "not installed"),
]
NEGATIVE += [
    Case("network-words", "see modeling_llama.py line 429 for the attention mask", "a line number"),
    Case("network-words", "Downloading shards: 100% done; Loading checkpoint shards stuck at 0%", "the load stalls"),
]


# a transformers too old for the model, and a tokenizer file missing, in words (session 47, batch156-157)
POSITIVE += [
    Case("transformers-too-old-words", "the image ships transformers 4.38 which is too old for the new Phi checkpoint",
         "too old", fix="upgrade_transformers"),
    Case("transformers-too-old-words", "Our Dockerfile pins transformers==4.44.2 and it cannot load MiniCPM-o",
         "a pin that cannot load"),
    Case("transformers-too-old-words", "the installed Transformers version is lower than the required one",
         "lower than required"),
    Case("tokenizer-file-missing-words", "conversion stops because the folder has no tokenizer.model file",
         "a file by name", fix="download_missing_files"),
    Case("tokenizer-file-missing-words", "the fine-tuned checkpoint lacks the tokenizer, only the weights were saved",
         "the tokenizer itself missing"),
]
NEGATIVE += [
    Case("transformers-too-old-words", "transformers 4.51 is too new for this remote code, downgrade to 4.49",
         "too new: pin_transformers_version"),
    Case("transformers-too-old-words", "sentence-transformers 2.2 is too old for the encode kwargs", "another library"),
    Case("transformers-too-old-words", "you can't load the saved OPT model; not fixed in transformers 4.19",
         "a load failing under a release, not the release's own failure"),
    Case("tokenizer-file-missing-words", "the chat template is missing from tokenizer_config.json",
         "an option, not a file"),
    Case("tokenizer-file-missing-words", "the folder is missing preprocessor_config.json and the tokenizer files",
         "more than the tokenizer missing"),
]


# a repo id a tool's registry does not know, a repo gone from the Hub, a cloud bucket refusing the caller, a tokenizer
# that could not be built, in words (session 47, batch158)
POSITIVE += [
    Case("repo-words", "Error: invalid repo_id 'acme/llama-3-8b-finetuned' in models.yaml", "as a variable's name"),
    Case("repo-words", "the checkpoint we used last year is not on the Hugging Face Hub anymore", "gone from the Hub"),
    Case("auth-words", "<?xml version='1.0'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message>",
         "a bucket's XML error"),
    Case("tokenizer-words", "It is not possible to load the tokenizer with LlamaTokenizer on this checkpoint",
         "not possible"),
]
NEGATIVE += [
    Case("repo-words", "the model is not on the Hub yet, the authors will upload it next week", "not yet, not anymore"),
    Case("auth-words", "PermissionError: [WinError 5] Access is denied: 'C:\\\\models\\\\llama'", "a local folder"),
]


# a corporate proxy or a DNS failure in words, a model that cannot be downloaded, the option to add for remote code
# (session 47, batch159)
POSITIVE += [
    Case("tls-proxy-words", "downloads fail behind our corporate firewall, which re-signs every TLS connection",
         "a corporate firewall", fix="set_proxy_or_endpoint"),
    Case("tls-proxy-words", "The client ignores SSL_CERT_FILE, so our enterprise CA is never trusted",
         "an enterprise CA"),
    Case("network-words", "hf_xet logs a DNS error for cas-server.xethub.hf.co on the compute nodes", "DNS error"),
    Case("network-words", "OSError: [Errno 55] No buffer space available while fetching the shards", "ENOBUFS"),
    Case("network-words", "The tokenizer can't be downloaded from the Hub on the build server", "cannot be downloaded"),
    Case("remote-code-words", "How do I add trust_remote_code to the pipeline call?", "add the option"),
]
NEGATIVE += [
    Case("network-words", "Error: the checkpoint is invalid or corrupted, or couldn't be downloaded.",
         "a file's failure: corruption-words"),
    Case("tls-proxy-words", "the CA certificate of the cluster is mounted at /etc/ssl",
         "no proxy or corporate network"),
]


# a package named as not found, in an app's own words (session 47)
POSITIVE += [
    Case("dependency-words", "Startup check: einops package not found, the model code cannot run", "package not found",
         fix="install_package"),
]
NEGATIVE += [
    Case("dependency-words", "OSError: model.safetensors not found in the snapshot folder", "a file, not a package"),
]


# a person's words for a repo without its tokenizer, a full disk and the host's RAM (session 48, batch165)
POSITIVE += [
    Case("tokenizer-file-missing-words", "There's no tokenizer files in this repo - can you upload these?",
         "a Hub discussion", fix="download_missing_files"),
    Case("tokenizer-file-missing-words", "But for completeness, the tokenizer is missing in the repo so the code in "
         "the Model Card is not working.", "the tokenizer as the subject"),
    Case("disk-words", "it stops when downloading the models because i dont have enough space in my home folder",
         "a contraction without its apostrophe", fix="free_disk_or_move_cache"),
    Case("host-memory-words", "Colab crashes after using all avilable RAM", "a word between 'all' and 'RAM', misspelt",
         fix="smaller_model_or_more_memory"),
]
NEGATIVE += [
    Case("tokenizer-file-missing-words", "the tokenizer is missing the pad token, so batching fails",
         "something the tokenizer lacks, not its files"),
    Case("disk-words", "i dont have enough time to test every revision", "time, not space"),
    Case("host-memory-words", "the renderer was using all video RAM of the card", "the card's memory"),
]


# a Hub repo said to be gone, in a person's words (session 48, batch167: runwayml/stable-diffusion-v1-5, removed 2024)
POSITIVE += [
    Case("repo-words", "runwayml/stable-diffusion-v1-5 can't be found", "an issue title", fix="fix_identifier"),
    Case("repo-words", "https://huggingface.co/runwayml/stable-diffusion-v1-5 does not exist anymore. Please tell me "
         "where to find that model now.", "the Hub's page named"),
    Case("repo-words", "Due to Runway deleting the open-source stable-diffusion-v1-5 model on Hugging Face, the model "
         "is no longer accessible.", "the owner deleting it"),
    Case("repo-words", "HUGGING FACE - runwayml/stable-diffusion-v1-5 - ERROR 404", "an id and a 404"),
]
NEGATIVE += [
    Case("repo-words", "./checkpoints/sd15/unet can't be found", "a folder, not a repo id"),
    Case("repo-words", "I removed the old model from my disk and the new one loads fine", "a disk, not the Hub"),
]


# "missing dependency" with "missing" first (session 48, from the corpus's unanswered texts)
POSITIVE += [
    Case("dependency-words", "500: Model loading failed: Missing runtime dependency: espeak-ng not found; install it "
         "to enable Kokoro", "an app's own check", fix="install_package"),
]
NEGATIVE += [
    Case("dependency-words", "the missing dependency graph edges are ignored by the planner", "no package"),
]


# a package named after "Module" in an app's own words (session 49, batch170)
POSITIVE += [
    Case("dependency-words", "[src.rag.embedding.bge:44-ERROR] Module FlagEmbedding not found, please execute `uv add "
         "flagembedding` first", "ob-labs ChatBot", fix="install_package"),
]
NEGATIVE += [
    Case("dependency-words", "the module you asked for not found", "no module's name"),
    Case("dependency-words", "ValueError: Module model.layers.0.mlp.weight was not found in model",
         "a model's submodule"),
]
