"""use_auto_class: the Auto class whose mapping holds the checkpoint's config, from transformers' own tables."""

from __future__ import annotations

import re
from typing import Any

from advisor.remedies.base import Applied, RemedyEnv
from advisor.schema import UseAutoClass

# Preference among the classes whose mapping holds the config: the order is ours, the membership is
# transformers' (no hand-kept list of architectures).
PREFERENCE = (
    "AutoModelForCausalLM", "AutoModelForSeq2SeqLM", "AutoModelForImageTextToText", "AutoModelForVision2Seq",
    "AutoModelForSpeechSeq2Seq", "AutoModelForMaskedLM", "AutoModelForSequenceClassification", "AutoModel",
)
_CONFIG_CLASS_RE = re.compile(r"configuration class <class '(?:[\w.]+\.)?(\w+Config)'>")


def auto_classes_for(model_type: str) -> list[str]:
    """Every transformers Auto model class whose mapping contains ``model_type``, preferred first."""
    from transformers.models.auto import modeling_auto

    found = []
    for name in dir(modeling_auto):
        cls = getattr(modeling_auto, name)
        mapping = getattr(cls, "_model_mapping", None)
        names = getattr(mapping, "_model_mapping", None)
        if name.startswith("AutoModel") and isinstance(names, dict) and model_type in names:
            found.append(name)
    rank = {name: i for i, name in enumerate(PREFERENCE)}
    return sorted(found, key=lambda n: (rank.get(n, len(rank)), n))


def model_type_of(env: RemedyEnv) -> str | None:
    """The checkpoint's model_type: from the error text's config class, else from its config."""
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES

    match = _CONFIG_CLASS_RE.search(env.failure.text)
    if match:
        by_class = {cls: mt for mt, cls in CONFIG_MAPPING_NAMES.items()}
        if match.group(1) in by_class:
            return by_class[match.group(1)]
    try:
        from transformers import AutoConfig

        kwargs: dict[str, Any] = env.plan.tokenizer_kwargs()
        kwargs["trust_remote_code"] = False
        return str(AutoConfig.from_pretrained(env.plan.model_id, **kwargs).model_type)
    except Exception:  # a config that cannot load leaves the class undecided
        return None


def apply(action: UseAutoClass, env: RemedyEnv) -> Applied:
    if action.name:
        target = action.name
    else:
        model_type = model_type_of(env)
        if model_type is None:
            return Applied(None, note="could not read the checkpoint's model_type")
        options = [c for c in auto_classes_for(model_type) if c != env.plan.auto_class]
        if not options:
            return Applied(None, note=f"no Auto class of this transformers maps model_type {model_type!r}")
        target = options[0]
    if target == env.plan.auto_class:
        return Applied(None, note=f"already {target}")
    if action.name:  # a class named by a rule file proves nothing about the checkpoint: consent decides
        return Applied(env.plan.apply(auto_class=target), unambiguous=False, note=f"{target} is named by the rule")
    return Applied(env.plan.apply(auto_class=target), note=f"{target} maps this checkpoint's config")
