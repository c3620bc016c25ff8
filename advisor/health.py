"""After loading: one tiny forward pass, and findings that answer "why is generation slow"."""

from __future__ import annotations

from typing import Any

from advisor.facts import Facts

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


def verify_forward(model: Any) -> None:
    """Run two tokens through the model; raises on op errors and on non-finite logits.

    Non-finite logits raise ``NonFiniteLogits`` (dtype overflow: the rules pick a wider dtype), unless the
    weights themselves hold NaN, or inf at a dtype that cannot have overflowed: then ``NonFiniteWeights``.
    """
    import torch

    vocab = int(getattr(model.config, "vocab_size", 2) or 2)
    ids = torch.tensor([[1 % vocab, 2 % vocab]], device=_input_device(model))
    extra = {"decoder_input_ids": ids} if getattr(model.config, "is_encoder_decoder", False) else {}
    with torch.no_grad():
        out = model(input_ids=ids, **extra)
    logits = getattr(out, "logits", None)
    if logits is None and isinstance(out, tuple) and out:
        logits = out[0]
    if logits is None:
        logits = getattr(out, "last_hidden_state", None)
    if logits is None or bool(torch.isfinite(logits.float()).all()):
        return
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
    if "torch_dtype" in requested and _transformers_major() >= 5:
        out.append(_f("info", "deprecated_kwarg", "`torch_dtype` is deprecated in transformers 5: use `dtype`"))
    for key in NOOP_KWARGS if _transformers_major() >= 5 else ():  # on 4.x these still do something
        if key in requested:
            out.append(_f("info", "noop_kwarg", f"`{key}` has no effect in transformers 5 and was ignored"))
    return out


def _transformers_major() -> int:
    from advisor.facts import package_version

    try:
        return int((package_version("transformers") or "5").split(".")[0])
    except ValueError:
        return 5


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
