"""What a change to a load implies, whatever the rule, pack or memory that proposes it.

One table classifies every ``from_pretrained``/``AutoTokenizer`` kwarg a remedy may set and every identity field
(``model_id``, ``revision``, ``subfolder``, ``auto_class``, paths) by the risk that changing it implies. A kwarg
that is not in the table is ``security``: the advisor only changes what it understands. A remedy's effective risk
is the highest of what it declares and what each of its changes implies (docs/policy.md prints this table).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from advisor.policy import Risk

_ORDER = list(Risk)


def _when_true(risk: Risk) -> Callable[[Any], Risk]:
    """``risk`` when the new value is truthy (turning the switch on), ``safe`` when it is off or removed."""
    return lambda value: risk if value else Risk.safe


def _unless_true(risk: Risk) -> Callable[[Any], Risk]:
    """``safe`` only when the new value is exactly True (a protection kept on); anything else is ``risk``."""
    return lambda value: Risk.safe if value is True else risk


#: kwarg or identity field -> (the risk its change implies, or a function of the new value; why, for the docs).
#: ``None`` as the new value means the kwarg is removed (transformers' default applies).
CHANGE_RISK: dict[str, tuple[Risk | Callable[[Any], Risk], str]] = {
    # what is loaded: another repo, snapshot, folder, class or weights file is another model
    "model_id": (Risk.identity, "another repository or folder"),
    "auto_class": (Risk.identity, "another model class (another head)"),
    "revision": (Risk.identity, "another branch, tag or commit"),
    "subfolder": (Risk.identity, "another folder of the repository"),
    "cache_dir": (Risk.identity, "another cache may hold other snapshots"),
    "variant": (Risk.identity, "another weights file"),
    "gguf_file": (Risk.identity, "another weights file"),
    "config": (Risk.identity, "another configuration builds another model"),
    "state_dict": (Risk.identity, "other weights"),
    "key_mapping": (Risk.identity, "weights mapped to other modules"),
    "pretrained_model_name_or_path": (Risk.identity, "another repository or folder"),
    # code and weights that can execute, credentials, silent re-initialisation
    "trust_remote_code": (_when_true(Risk.security), "True runs the repository's Python code"),
    "code_revision": (Risk.security, "picks which remote code runs"),
    "ignore_mismatched_sizes": (_when_true(Risk.security), "True silently re-initialises mismatched weights"),
    "use_safetensors": (_unless_true(Risk.security), "anything but True may load pickle weights (code)"),
    "weights_only": (_unless_true(Risk.security), "anything but True unpickles arbitrary objects (code)"),
    "from_tf": (_when_true(Risk.security), "another loading path"),
    "from_flax": (_when_true(Risk.security), "another loading path"),
    "token": (Risk.security, "credentials: whose access the download uses"),
    "proxies": (Risk.security, "where the traffic goes"),
    "mirror": (Risk.security, "where the files come from"),
    # numerics: same weights, other precision or kernels
    "dtype": (Risk.precision, "another precision"),
    "torch_dtype": (Risk.precision, "another precision"),
    "quantization_config": (Risk.precision, "quantized weights"),
    "load_in_8bit": (Risk.precision, "quantized weights"),
    "load_in_4bit": (Risk.precision, "quantized weights"),
    "attn_implementation": (Risk.precision, "another attention kernel (tiny numeric differences)"),
    "use_kernels": (Risk.precision, "other kernels"),
    # placement: same results, slower
    "device_map": (Risk.slower, "where the weights live"),
    "max_memory": (Risk.slower, "how much each device may hold"),
    "device": (Risk.slower, "where the weights live"),
    "offload_buffers": (Risk.slower, "buffers offloaded too"),
    "tp_plan": (Risk.slower, "how the weights are split"),
    # no change in what is loaded or computed
    "offload_folder": (Risk.safe, "where offloaded weights are written"),
    "offload_state_dict": (Risk.safe, "how the checkpoint is read"),
    "low_cpu_mem_usage": (Risk.safe, "how the checkpoint is read"),
    "force_download": (Risk.safe, "the same revision's files downloaded again"),
    "resume_download": (Risk.safe, "how files are downloaded"),
    "local_files_only": (Risk.safe, "the same revision from the cache, without the Hub"),
    "etag_timeout": (Risk.safe, "how long to wait for the Hub"),
    "output_loading_info": (Risk.safe, "what the call returns besides the model"),
    "use_fast": (Risk.safe, "tokenizer implementation (same vocabulary)"),
    "padding_side": (Risk.safe, "tokenizer padding side"),
}


def change_risk(key: str, value: Any) -> Risk:
    """The risk that setting ``key`` to ``value`` (None: removing it) implies; unknown keys are ``security``."""
    entry = CHANGE_RISK.get(key)
    if entry is None:
        return Risk.security
    rule = entry[0]
    return rule if isinstance(rule, Risk) else rule(value)


def highest(*risks: Risk) -> Risk:
    """The most dangerous of the given levels (``safe`` for none)."""
    return max(risks, key=_ORDER.index, default=Risk.safe)


def effective_risk(declared: Risk, changes: Mapping[str, Any]) -> Risk:
    """The highest of a remedy's declared risk and the risk each of its changes implies."""
    return highest(declared, *(change_risk(key, value) for key, value in changes.items()))


def identity_fields(changes: Mapping[str, Any]) -> list[str]:
    """The changed fields that decide *what* is loaded (another repo, revision, folder, class or weights)."""
    return [key for key in changes if key in CHANGE_RISK and change_risk(key, changes[key]) is Risk.identity]


def table_markdown() -> str:
    """The table as Markdown, for docs/policy.md (kept in sync by tests/test_docs.py)."""
    rows = ["| change | risk | why |", "|---|---|---|"]
    for key, (rule, why) in CHANGE_RISK.items():
        if isinstance(rule, Risk):
            level = rule.value
        else:
            on, off = rule(True), rule(None)
            level = f"{on.value} when True, else {off.value}" if on is not Risk.safe else (
                f"safe only when True, else {off.value}")
        rows.append(f"| `{key}` | {level} | {why} |")
    rows.append("| any other kwarg | security | the advisor only changes what it understands |")
    return "\n".join(rows)
