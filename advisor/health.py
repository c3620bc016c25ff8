"""After loading: one tiny forward pass, and findings that answer "why is generation slow"."""

from __future__ import annotations

from typing import Any

from advisor.facts import Facts

NOOP_KWARGS = ("low_cpu_mem_usage", "offload_state_dict", "_fast_init", "mirror", "from_tf", "from_flax")


class NonFiniteLogits(FloatingPointError):
    """The verify pass produced NaN or inf logits (typically fp16 overflow)."""


def _input_device(model: Any) -> Any:
    import torch

    for param in model.parameters():
        if param.device.type != "meta":
            return param.device
    return torch.device("cpu")


def verify_forward(model: Any) -> None:
    """Run two tokens through the model; raises on op errors and on non-finite logits."""
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
    if logits is not None and not bool(torch.isfinite(logits.float()).all()):
        raise NonFiniteLogits(f"non-finite (NaN/inf) logits in the verify forward pass at dtype {logits.dtype}")


def findings(model: Any, facts: Facts, requested: dict[str, Any]) -> list[dict[str, str]]:
    """Health findings ``{level, code, message}`` for a loaded model."""
    out: list[dict[str, str]] = []
    device_map = getattr(model, "hf_device_map", None) or {}
    placements = set(map(str, device_map.values()))
    params = list(model.parameters())
    devices = {p.device.type for p in params}
    dtypes = {str(p.dtype).removeprefix("torch.") for p in params if p.is_floating_point()}
    if "disk" in placements:
        n = sum(1 for v in device_map.values() if str(v) == "disk")
        out.append(_f("warn", "offloaded_to_disk",
                      f"{n} module(s) are offloaded to disk: every forward reads them back; "
                      "expect very slow generation"))
    if "cpu" in placements and (placements - {"cpu", "disk"}):
        n = sum(1 for v in device_map.values() if str(v) == "cpu")
        out.append(_f("warn", "offloaded_to_cpu", f"{n} module(s) are offloaded to CPU: generation is slowed down"))
    if facts.cuda_available and devices <= {"cpu", "meta"}:
        out.append(_f("warn", "on_cpu_with_gpu_available",
                      "the model is on the CPU although a GPU is available: pass device_map='auto'"))
    if "float16" in dtypes and devices <= {"cpu", "meta"}:
        out.append(_f("warn", "fp16_on_cpu", "float16 weights on the CPU: slow and some ops are missing; "
                                              "use float32 or bfloat16 on CPU"))
    if "bfloat16" in dtypes and facts.gpus and not facts.bf16_supported and devices & {"cuda"}:
        out.append(_f("warn", "bf16_without_native_support",
                      "bfloat16 on a GPU without native support (compute capability < 8.0): use float16"))
    if "torch_dtype" in requested:
        from advisor.facts import package_version

        if int((package_version("transformers") or "5").split(".")[0]) >= 5:
            out.append(_f("info", "deprecated_kwarg", "`torch_dtype` is deprecated in transformers 5: use `dtype`"))
    for key in NOOP_KWARGS:
        if key in requested:
            out.append(_f("info", "noop_kwarg", f"`{key}` has no effect in transformers 5 and was ignored"))
    return out


def _f(level: str, code: str, message: str) -> dict[str, str]:
    return {"level": level, "code": code, "message": message}
