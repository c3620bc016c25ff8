"""After loading: one tiny forward pass, and findings that answer "why is generation slow"."""

from __future__ import annotations

import re
from typing import Any

from advisor.errors import exception_chain
from advisor.facts import Facts, transformers_major

NOOP_KWARGS = ("low_cpu_mem_usage", "offload_state_dict", "_fast_init", "mirror", "from_tf", "from_flax")
FP16_MAX = 65504.0


class NonFiniteLogits(FloatingPointError):
    """The verify pass produced NaN or inf logits (typically fp16 overflow)."""


class NonFiniteWeights(FloatingPointError):
    """The loaded weights themselves hold NaN (or inf at a dtype that cannot overflow): the checkpoint is broken."""


def _input_device(model: Any) -> Any:
    import torch

    for param in model.parameters():
        if param.device.type != "meta":
            return param.device
    return torch.device("cpu")  # everything offloaded to disk: accelerate's hooks run it from the CPU


def _non_finite_weights(model: Any) -> tuple[list[str], bool]:
    """Names of parameters holding NaN/inf, and whether any holds NaN (a cast to float16 makes inf, never NaN)."""
    import torch

    names: list[str] = []
    nan = False
    for name, param in model.named_parameters():
        if param.device.type == "meta" or not param.is_floating_point():
            continue
        finite = torch.isfinite(param)
        if not bool(finite.all()):
            names.append(name)
            nan = nan or bool(torch.isnan(param).any())
    return names, nan


#: Verify failures that are the model's (or the plan's) problem, not the advisor's inputs: they go to the rules.
_MODEL_PROBLEM = re.compile(
    r"meta tensor|meta device|device meta|out of memory|CUDA|cuDNN|CUBLAS|not implemented for|"
    r"Expected all tensors to be on the same device|NaN|Torch not compiled|accelerator device",
)
_MODEL_PROBLEM_TYPES = ("OutOfMemoryError", "NotImplementedError", "AcceleratorError")


def loaded_model(result: Any) -> Any:
    """The model inside what from_pretrained returned: ``(model, loading_info)`` with output_loading_info."""
    if isinstance(result, tuple) and result and hasattr(result[0], "parameters"):
        return result[0]
    return result


def _float_dtype(model: Any) -> Any:
    import torch

    for param in model.parameters():
        if param.is_floating_point() and param.device.type != "meta":
            return param.dtype
    return torch.float32


def _sub(config: Any, name: str) -> Any:
    """A sub-config (``vision_config``, ``text_config`` ...) as an object, or the config itself."""
    sub = getattr(config, name, None)
    if isinstance(sub, dict):
        from types import SimpleNamespace

        return SimpleNamespace(**sub)
    return sub if sub is not None else config


def _size(value: Any, default: int) -> tuple[int, int]:
    if isinstance(value, int) and value > 0:
        return value, value
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    if isinstance(value, dict) and {"height", "width"} <= set(value):
        return int(value["height"]), int(value["width"])
    return default, default


def verify_inputs(model: Any) -> tuple[dict[str, Any] | None, str]:
    """Inputs for one forward pass, from the model's ``main_input_name`` and config; (None, why) when unknown.

    Token ids for text, ``pixel_values`` (config's image_size/num_channels) for vision, ``input_features``
    (num_mel_bins) for Whisper-like and ``input_values`` for wav2vec2-like audio, both ids and pixels for
    multimodal models such as CLIP, and ``decoder_input_ids`` for encoder-decoders.
    """
    import inspect

    import torch

    config = getattr(model, "config", None)
    if config is None:
        return None, "the model has no config"
    try:
        params = set(inspect.signature(model.forward).parameters)
    except (TypeError, ValueError):
        params = set()
    name = str(getattr(model, "main_input_name", "input_ids") or "input_ids")
    device, fdtype = _input_device(model), _float_dtype(model)
    text = _sub(config, "text_config")
    vocab = int(getattr(text, "vocab_size", None) or getattr(config, "vocab_size", None) or 2)

    def ids(vocab_size: int) -> Any:
        return torch.tensor([[1 % vocab_size, 2 % vocab_size]], device=device)

    def pixels() -> Any:
        vision = next((c for c in (_sub(config, "vision_config"), _sub(config, "encoder"), config)
                       if getattr(c, "image_size", None)), config)
        height, width = _size(getattr(vision, "image_size", None), 64)
        channels = int(getattr(vision, "num_channels", 3) or 3)
        return torch.zeros(1, channels, height, width, device=device, dtype=fdtype)

    inputs: dict[str, Any] = {}
    if name == "input_ids":
        inputs["input_ids"] = ids(vocab)
    elif name == "pixel_values":
        inputs["pixel_values"] = pixels()
    elif name == "input_features":
        audio = next((c for c in (_sub(config, "audio_config"), _sub(config, "encoder"), config)
                      if getattr(c, "num_mel_bins", None)), config)
        mels = getattr(audio, "num_mel_bins", None)
        if mels:  # Whisper-like: (batch, mel bins, 2 x max_source_positions frames)
            frames = 2 * int(getattr(audio, "max_source_positions", 8) or 8)
            inputs[name] = torch.zeros(1, int(mels), frames, device=device, dtype=fdtype)
        elif getattr(config, "input_feat_per_channel", None):  # Speech2Text-like: (batch, frames, features)
            features = int(config.input_feat_per_channel) * int(getattr(config, "input_channels", 1) or 1)
            inputs[name] = torch.zeros(1, 16, features, device=device, dtype=fdtype)
        else:
            return None, "its input_features size is not in the config"
    elif name == "input_values":
        strides = getattr(config, "conv_stride", None) or [320]
        kernels = getattr(config, "conv_kernel", None) or [400]
        hop = 1
        for stride in strides:
            hop *= int(stride)
        inputs[name] = torch.zeros(1, hop * 4 + sum(int(k) for k in kernels), device=device, dtype=fdtype)
    else:
        return None, f"its main input {name!r} is not one the advisor can build"
    if "pixel_values" in params and "pixel_values" not in inputs and getattr(config, "vision_config", None):
        inputs["pixel_values"] = pixels()  # multimodal (CLIP-like): both modalities
    if "input_ids" in params and "input_ids" not in inputs and getattr(config, "text_config", None):
        inputs["input_ids"] = ids(vocab)
    if getattr(config, "is_encoder_decoder", False) and "decoder_input_ids" in params:
        start = getattr(config, "decoder_start_token_id", None)
        decoder_vocab = int(getattr(_sub(config, "decoder"), "vocab_size", None) or vocab)
        first = start if isinstance(start, int) else 0
        inputs["decoder_input_ids"] = torch.tensor([[first % decoder_vocab, 1 % decoder_vocab]], device=device)
    return inputs, ""


def _first_float_tensor(out: Any) -> Any:
    import torch

    for attr in ("logits", "logits_per_image", "last_hidden_state"):
        value = getattr(out, attr, None)
        if isinstance(value, torch.Tensor):
            return value
    values = out.values() if hasattr(out, "values") else out if isinstance(out, tuple | list) else [out]
    for value in values:
        if isinstance(value, torch.Tensor) and value.is_floating_point():
            return value
    return None


def is_model_problem(exc: BaseException) -> bool:
    """True when a verify failure is the model's or the plan's (meta tensors, OOM, devices, unsupported ops);
    False when it is the advisor's own inputs not fitting the model (shapes, missing arguments)."""
    for err in exception_chain(exc, limit=16):
        if type(err).__name__ in _MODEL_PROBLEM_TYPES or _MODEL_PROBLEM.search(str(err)):
            return True
    return False


def verify_forward(model: Any) -> list[dict[str, str]]:
    """Run one tiny forward pass; raises on the model's problems and on non-finite logits.

    Inputs come from :func:`verify_inputs`. When none can be built, or the pass fails because of those inputs
    (not because of the model), it returns an info finding ``verify_skipped``: never a load failure. Objects
    without parameters (processors, tokenizers) are not verified. Non-finite logits raise ``NonFiniteLogits``
    (dtype overflow: the rules pick a wider dtype), unless the weights themselves hold NaN, or inf at a dtype
    that cannot have overflowed: then ``NonFiniteWeights``.
    """
    import torch

    model = loaded_model(model)
    if not hasattr(model, "parameters") or not callable(model) or next(iter(model.parameters()), None) is None:
        return []
    inputs, why = verify_inputs(model)
    if inputs is None:
        return [_f("info", "verify_skipped", f"the verify forward pass was skipped: {why}")]
    attempts = [inputs]
    if "input_ids" in inputs and "pixel_values" in inputs:  # image-text models whose ids must hold image tokens
        attempts.append({k: v for k, v in inputs.items() if k != "pixel_values"})
    for n, candidate in enumerate(attempts, 1):
        try:
            with torch.no_grad():
                out = model(**candidate)
            break
        except Exception as exc:
            if is_model_problem(exc):
                raise
            if n < len(attempts):
                continue
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            return [_f("info", "verify_skipped", "the verify forward pass did not run on the advisor's own inputs "
                       f"({type(exc).__name__}: {first}); the model is returned unverified")]
    logits = _first_float_tensor(out)
    if logits is None or bool(torch.isfinite(logits.float()).all()):
        return []
    dtype = str(logits.dtype).removeprefix("torch.")
    names, nan = _non_finite_weights(model)
    shown = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
    half = {str(p.dtype) for p in model.parameters()} & {"torch.float16"}
    if names and (nan or not half):
        raise NonFiniteWeights(
            f"the checkpoint's weights hold {'NaN' if nan else 'inf'} values in {len(names)} tensor(s) ({shown}): "
            "no dtype or device fixes that; use another revision or checkpoint")
    cause = (f"{len(names)} weight tensor(s) ({shown}) hold values beyond float16's range (±{FP16_MAX:.0f})"
             if names else "the activations overflow")
    raise NonFiniteLogits(f"non-finite (NaN/inf) logits in the verify forward pass at dtype {dtype}: {cause}")


# --------------------------------------------------------------------------------------------------
# The tokenizer slot
# --------------------------------------------------------------------------------------------------

#: Files that make a checkpoint ship a tokenizer (any one of them).
TOKENIZER_FILES = frozenset({
    "tokenizer.json", "tokenizer_config.json", "tokenizer.model", "vocab.json", "vocab.txt", "merges.txt",
    "spiece.model", "sentencepiece.bpe.model", "vocab.model", "tekken.json",
})


def _snapshot(repo_id: str, revision: str | None, cache_dir: Any) -> Any:
    """The cached snapshot folder of ``repo_id`` at ``revision`` (a Path), or None when not cached."""
    from pathlib import Path

    from huggingface_hub import constants

    if repo_id.count("/") > 1 or not re.fullmatch(r"[\w.\-/]+", repo_id):
        return None
    folder = Path(cache_dir or constants.HF_HUB_CACHE) / f"models--{repo_id.replace('/', '--')}"
    revision = revision or "main"
    ref = folder / "refs" / revision
    commit = ref.read_text().strip() if ref.is_file() else revision
    snapshot = folder / "snapshots" / commit
    return snapshot if snapshot.is_dir() else None


def ships_tokenizer(source: str, kwargs: dict[str, Any], *, settled: bool = False) -> bool | None:
    """Whether ``source`` (a folder or a Hub id) holds tokenizer files; None when that cannot be known here.

    For a Hub id only the cache is read: a snapshot without tokenizer files says False when offline or
    ``settled`` (a tokenizer load has just fetched whatever exists), None otherwise.
    """
    from pathlib import Path

    from advisor.hub import is_dir, is_offline

    subfolder = str(kwargs.get("subfolder") or "")
    local = Path(source)
    if is_dir(local):
        folder = local / subfolder
    else:
        snapshot = _snapshot(source, kwargs.get("revision"), kwargs.get("cache_dir"))
        if snapshot is None:
            return None
        folder = snapshot / subfolder
        from huggingface_hub import constants

        offline = bool(kwargs.get("local_files_only") or constants.HF_HUB_OFFLINE or is_offline())
        if not (folder.is_dir() and _has_tokenizer_files(folder)) and not (offline or settled):
            return None
    return folder.is_dir() and _has_tokenizer_files(folder)


def _has_tokenizer_files(folder: Any) -> bool:
    return any(p.name in TOKENIZER_FILES or p.name.endswith(".tiktoken") for p in folder.iterdir())


def encodes_nothing(tokenizer: Any) -> bool:
    """True for a tokenizer that turns ordinary text into no ids at all (transformers' silently empty one)."""
    encode = getattr(tokenizer, "encode", None)
    if not callable(encode):
        return False
    try:
        return len(encode("hello world", add_special_tokens=False)) == 0
    except Exception:  # a tokenizer that cannot encode at all is judged elsewhere
        return False


def tokenizer_findings(tokenizer: Any, wanted: bool) -> tuple[Any, list[dict[str, str]]]:
    """(the tokenizer to return, findings): None + info when the checkpoint ships none, None + error when it
    encodes ordinary text to nothing, and the fallback's note when one was used."""
    if not wanted:
        return None, []
    if tokenizer is None:
        return None, [_f("info", "no_tokenizer", "the checkpoint ships no tokenizer files: tokenizer=None "
                         "(pass tokenizer='org/id' or a path to load one from elsewhere, or tokenizer=False)")]
    if encodes_nothing(tokenizer):
        return None, [_f("error", "tokenizer_failed", f"the tokenizer ({type(tokenizer).__name__}) loaded but encodes "
                         "'hello world' to no ids: it is empty or broken, so tokenizer=None")]
    note = getattr(tokenizer, "advisor_note", "")
    return tokenizer, [_f("info", "tokenizer_fallback", note)] if note else []


# --------------------------------------------------------------------------------------------------
# Findings after a load
# --------------------------------------------------------------------------------------------------


def findings(model: Any, facts: Facts, requested: dict[str, Any]) -> list[dict[str, str]]:
    """Health findings ``{level, code, message}`` for a loaded model."""
    out: list[dict[str, str]] = []
    device_map = getattr(model, "hf_device_map", None) or {}
    placements = [str(v) for v in device_map.values()]
    params = list(model.parameters())
    devices = {p.device.type for p in params}
    dtypes = {str(p.dtype).removeprefix("torch.") for p in params if p.is_floating_point()}
    on_cpu = devices <= {"cpu", "meta"}
    if "disk" in placements:
        what = ("the whole model is" if set(placements) == {"disk"}
                else f"{placements.count('disk')} of {len(placements)} module group(s) are")
        out.append(_f("warn", "offloaded_to_disk",
                      f"{what} offloaded to disk: every forward reads those weights back, expect very slow "
                      "generation; model.device is 'meta', so send inputs to 'cpu' (or the first GPU), not to "
                      "model.device. More memory (max_memory) or a smaller dtype keeps it in RAM"))
    if "cpu" in placements and any(p not in ("cpu", "disk") for p in placements):
        out.append(_f("warn", "offloaded_to_cpu",
                      f"{placements.count('cpu')} of {len(placements)} module group(s) are offloaded to CPU: "
                      "generation is slowed down; a smaller dtype or 8-/4-bit quantization keeps them on the GPU"))
    from advisor.parallel import pipeline_findings

    out.extend(pipeline_findings(model, facts))  # layers over several GPUs: name tensor parallel where it applies
    if facts.cuda_available and on_cpu:
        out.append(_f("warn", "on_cpu_with_gpu_available",
                      "the model is on the CPU although a GPU is available: pass device_map='auto' (or 'cuda')"))
    if "float16" in dtypes and on_cpu:
        out.append(_f("warn", "fp16_on_cpu", "float16 weights on the CPU: slow, and some ops are missing; "
                                              "use float32 or bfloat16 on CPU"))
    if "bfloat16" in dtypes and "cuda" in devices and any(not g.bf16 for g in facts.gpus):
        gpu = next(g for g in facts.gpus if not g.bf16)
        out.append(_f("warn", "bf16_without_native_support",
                      f"bfloat16 on {gpu.name} (compute capability {gpu.capability[0]}.{gpu.capability[1]} < 8.0): "
                      "emulated and slow; use dtype=torch.float16"))
    if "torch_dtype" in requested and transformers_major() >= 5:
        out.append(_f("info", "deprecated_kwarg", "`torch_dtype` is deprecated in transformers 5: use `dtype`"))
    for key in NOOP_KWARGS if transformers_major() >= 5 else ():  # on 4.x these still do something
        if key in requested:
            out.append(_f("info", "noop_kwarg", f"`{key}` has no effect in transformers 5 and was ignored"))
    return out


def _f(level: str, code: str, message: str) -> dict[str, str]:
    return {"level": level, "code": code, "message": message}


# --------------------------------------------------------------------------------------------------
# Environment checks (`advisor doctor`)
# --------------------------------------------------------------------------------------------------


def check(name: str, status: str, detail: str, fix: str = "") -> dict[str, str]:
    """One doctor line: ``status`` is "pass", "warn" or "fail"; ``fix`` says what to do about it."""
    return {"name": name, "status": status, "detail": detail, "fix": fix}


def environment_checks(facts: Facts) -> list[dict[str, str]]:
    """Is this machine ready to load models, and what would make it faster? One check per concern."""
    from advisor.planner import gib, limit_binds

    out = [_torch_check(facts), *_gpu_checks(facts)]
    out.append(_version_check(facts, "transformers", minimum=5, why="the advisor targets transformers 5",
                              fix="pip install -U transformers"))
    out.append(_version_check(facts, "huggingface_hub", minimum=1, why="downloads and cache",
                              fix="pip install -U huggingface_hub"))
    out.append(check("accelerate", "pass", f"accelerate {facts.packages['accelerate']}") if facts.has("accelerate")
               else check("accelerate", "warn", "accelerate is not installed: device_map, offload and "
                          "low-memory loading are unavailable", "pip install accelerate"))
    out.append(_cache_check(facts))
    out.append(check("offline mode", "warn", "HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE is set: only cached models load",
                     "unset HF_HUB_OFFLINE to download") if facts.offline
               else check("offline mode", "pass", "online (the Hub is used when a model is not cached)"))
    if not facts.offline:
        out.append(_reachability_check())
    out.append(check("token", "pass", "a Hugging Face token is configured (value not shown)") if facts.token_present
               else check("token", "warn", "no Hugging Face token: gated and private repos will refuse access",
                          "`hf auth login` or set HF_TOKEN"))
    if limit_binds(facts):
        out.append(check("memory limit", "warn",
                         f"this process may use {gib(facts.effective_ram_bytes)} ({facts.memory_limit_kind}) but "
                         f"the host shows {gib(facts.ram_available_bytes)} available: accelerate budgets the host's "
                         "figure, so a big load is killed without a Python error",
                         "pass max_memory={'cpu': ...} under the limit (safe_load does it for you)"))
    else:
        out.append(check("memory", "pass", f"{gib(facts.effective_ram_bytes)} of RAM available"
                         + (f" (limit {gib(facts.memory_limit_bytes)})" if facts.memory_limit_bytes else "")))
    return out


def _reachability_check() -> dict[str, str]:
    """One bounded HEAD (~2 s) to HF_ENDPOINT through huggingface_hub's client: endpoint, proxy, certificates."""
    from advisor.network import probe

    result = probe()
    via = f" via proxy {result.proxy}" if result.proxy else ""
    if result.ok:
        return check("hub reachable", "pass", f"{result.endpoint} answered{via}: {result.detail}")
    return check("hub reachable", "fail", f"{result.endpoint} cannot be reached{via}: {result.detail}; loads of "
                 "models that are not cached will fail",
                 "check the network, HTTPS_PROXY/NO_PROXY, certificates (SSL_CERT_FILE) and HF_ENDPOINT; for "
                 "cached models set HF_HUB_OFFLINE=1")


def _torch_check(facts: Facts) -> dict[str, str]:
    version = facts.packages.get("torch")
    if not version:
        return check("torch", "fail", "torch is not installed", "pip install torch")
    if facts.cuda_available:
        return check("torch", "pass", f"torch {version} with CUDA")
    if _nvidia_driver_present():
        return check("torch", "fail", f"torch {version} cannot use the NVIDIA GPU this machine has (a CPU-only "
                     "build, or a CUDA build newer than the driver)",
                     "install the CUDA build matching the driver: https://pytorch.org/get-started/locally/")
    if facts.mps_available:
        return check("torch", "pass", f"torch {version} with Apple MPS")
    return check("torch", "warn", f"torch {version}, no GPU: models run on the CPU (slow for large models)",
                 "use a machine with a GPU for models above ~1B parameters")


def _nvidia_driver_present() -> bool:
    from pathlib import Path

    return Path("/proc/driver/nvidia/version").exists()


def _gpu_checks(facts: Facts) -> list[dict[str, str]]:
    from advisor.planner import gib

    out = []
    for gpu in facts.gpus:
        cap = f"{gpu.capability[0]}.{gpu.capability[1]}"
        detail = (f"cuda:{gpu.index} {gpu.name}: {gib(gpu.free_bytes)} free of {gib(gpu.total_bytes)}, "
                  f"compute capability {cap}, " + ("bfloat16 native" if gpu.bf16 else "no native bfloat16"))
        if gpu.free_bytes < 0.5 * gpu.total_bytes:
            out.append(check(f"gpu {gpu.index}", "warn", detail + ": another process holds most of it",
                             "see nvidia-smi; stop the other process or pick another GPU"))
        elif not gpu.bf16:
            out.append(check(f"gpu {gpu.index}", "warn", detail, "load with dtype=torch.float16, not bfloat16"))
        else:
            out.append(check(f"gpu {gpu.index}", "pass", detail))
    return out


def _version_check(facts: Facts, package: str, *, minimum: int, why: str, fix: str) -> dict[str, str]:
    version = facts.packages.get(package)
    if not version:
        return check(package, "fail", f"{package} is not installed ({why})", fix)
    try:
        major = int(version.split(".")[0])
    except ValueError:
        major = minimum
    if major < minimum:
        return check(package, "warn", f"{package} {version} is older than {minimum}.x ({why})", fix)
    return check(package, "pass", f"{package} {version}")


def _cache_check(facts: Facts) -> dict[str, str]:
    import tempfile
    from pathlib import Path

    from advisor.planner import gib

    folder = Path(facts.hf_cache)
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        with tempfile.NamedTemporaryFile(dir=probe, prefix=".advisor-write-test-"):
            pass
        writable = True
    except OSError:
        writable = False
    if not writable:
        return check("hf cache", "fail", f"the HF cache {folder} is not writable (first existing folder: {probe})",
                     "set HF_HOME (or HF_HUB_CACHE) to a writable folder")
    free = facts.disk_free_bytes
    if free is not None and free < 2**30:
        return check("hf cache", "fail", f"only {gib(free)} free where the HF cache lives ({folder})",
                     "free space (`hf cache ls`, `hf cache prune`, `hf cache rm`) or move HF_HOME to a bigger disk")
    if free is not None and free < 20 * 2**30:
        return check("hf cache", "warn", f"{gib(free)} free for the HF cache ({folder}): a 7B model needs ~15 GB",
                     "free space or move HF_HOME to a bigger disk")
    return check("hf cache", "pass", f"{folder} is writable, {gib(free or 0)} free")
