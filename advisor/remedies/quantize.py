"""quantize: load with a bitsandbytes quantization_config when CUDA and bitsandbytes are present."""

from __future__ import annotations

from advisor.remedies.base import Applied, RemedyEnv
from advisor.schema import Quantize


def apply(action: Quantize, env: RemedyEnv) -> Applied:
    if not env.facts.cuda_available or not env.facts.has("bitsandbytes"):
        return Applied(None, note="bitsandbytes quantization needs CUDA and `pip install bitsandbytes`")
    from transformers import BitsAndBytesConfig

    config = BitsAndBytesConfig(load_in_8bit=action.bits == 8, load_in_4bit=action.bits == 4)
    plan = env.plan.apply({"quantization_config": config, "device_map": env.plan.device_map or "auto"},
                          unset=("load_in_8bit", "load_in_4bit"))
    return Applied(plan)
