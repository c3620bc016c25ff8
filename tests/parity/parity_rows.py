"""The parity matrix: rows of (checkpoint kind, Auto class, kwargs), and the comparison with plain transformers.

Each row is loaded twice: with ``safe_load`` (default policy: preflight and the verify pass on) and with
plain ``from_pretrained``. They must give the same class, dtype, devices, state dict and tokenizer output.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import transformers
from support import parity_models
from support.tiny_models import build_tiny_bert, build_tiny_gpt2, build_tiny_llama, build_tiny_t5

from advisor import safe_load
from advisor.loadplan import HUB_KWARGS, TOKENIZER_ONLY_KWARGS

MAJOR = int(transformers.__version__.split(".")[0])
DTYPE_KEY = "dtype" if MAJOR >= 5 else "torch_dtype"
TEXT = "hello world, the quick brown fox"

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "causal": build_tiny_gpt2,
    "llama": build_tiny_llama,
    "seq2seq": build_tiny_t5,
    "mlm": build_tiny_bert,
    "classifier": parity_models.build_bert_classifier,
    "vision": parity_models.build_vit,
    "speech": parity_models.build_whisper,
    "ctc": parity_models.build_wav2vec2,
    "multimodal": parity_models.build_clip,
    "sharded": parity_models.build_sharded,
    "bin": parity_models.build_bin,
    "subfolder": parity_models.build_subfolders,
}


@dataclass(frozen=True)
class Row:
    """One load: a checkpoint kind, the Auto class and the kwargs real code passes."""

    id: str
    kind: str
    auto_class: Any = "AutoModelForCausalLM"
    kwargs: Callable[[Path], dict[str, Any]] | dict[str, Any] = field(default_factory=dict)
    tokenizer: Any = True  # safe_load's tokenizer= slot
    plain_tokenizer: dict[str, Any] | None = field(default_factory=dict)  # AutoTokenizer kwargs; None: no tokenizer
    as_path: bool = False  # pass the model id as a pathlib.Path
    min_major: int = 4

    def make_kwargs(self, path: Path) -> dict[str, Any]:
        """The kwargs for this checkpoint folder (objects are built fresh for each load)."""
        return dict(self.kwargs(path) if callable(self.kwargs) else self.kwargs)


def _config(path: Path) -> dict[str, Any]:
    config = transformers.AutoConfig.from_pretrained(path)
    config.n_layer = 1  # a config object that differs from the checkpoint's: a layer fewer
    return {"config": config}


def _tqdm(path: Path) -> dict[str, Any]:
    from tqdm.auto import tqdm

    return {"tqdm_class": tqdm}


KIND_ROWS = [
    Row("causal", "causal"),
    Row("llama", "llama"),
    Row("seq2seq", "seq2seq", "AutoModelForSeq2SeqLM"),
    Row("mlm", "mlm", "AutoModelForMaskedLM"),
    Row("classifier", "classifier", "AutoModelForSequenceClassification"),
    Row("vision", "vision", "AutoModelForImageClassification", plain_tokenizer=None),
    Row("speech-seq2seq", "speech", "AutoModelForSpeechSeq2Seq"),
    Row("ctc", "ctc", "AutoModelForCTC"),
    Row("multimodal", "multimodal", "AutoModel"),
    Row("sharded", "sharded"),
    Row("bin", "bin", kwargs={"use_safetensors": False}),
    Row("subfolder", "subfolder", "AutoModelForSeq2SeqLM", kwargs={"subfolder": "text_encoder"},
        tokenizer={"subfolder": "tokenizer"}, plain_tokenizer={"subfolder": "tokenizer"}),
]

#: Rows loaded by Hub id from the HF cache (main = the tiny GPT-2, "v1" = other weights); "{commit}" is v1's.
HUB_ROWS = [
    Row("hub-main", "causal"),
    Row("hub-revision-branch", "causal", kwargs={"revision": "v1"}),
    Row("hub-revision-commit", "causal", kwargs={"revision": "{commit}"}),
    Row("hub-local_files_only", "causal", kwargs={"local_files_only": True, "dtype": "bfloat16"}),
    Row("hub-cache_dir", "causal", kwargs={"cache_dir": "{cache_dir}", "revision": "v1"}),
]

KWARG_ROWS = [
    Row("dtype-str", "causal", kwargs={"dtype": "float16"}),
    Row("dtype-torch", "causal", kwargs={"dtype": torch.bfloat16}),
    Row("dtype-auto", "causal", kwargs={"dtype": "auto"}),
    Row("torch_dtype-legacy", "causal", kwargs={"torch_dtype": torch.float32}),
    Row("dtype-per-module", "causal", kwargs={"dtype": {"": "float16"}}),
    Row("device_map-cpu", "causal", kwargs={"device_map": "cpu"}),
    Row("device_map-auto", "causal", kwargs={"device_map": "auto"}),
    Row("device_map-dict", "causal", kwargs={"device_map": {"": "cpu"}}),
    Row("device_map-torch-device", "causal", kwargs=lambda p: {"device_map": torch.device("cpu")}),
    Row("max_memory", "causal", kwargs={"device_map": "auto", "max_memory": {"cpu": "2GiB"}}),
    Row("attn-eager", "causal", kwargs={"attn_implementation": "eager"}),
    Row("attn-sdpa", "llama", kwargs={"attn_implementation": "sdpa"}),
    Row("config-object", "causal", kwargs=_config),
    Row("use_safetensors", "causal", kwargs={"use_safetensors": True}),
    Row("output_loading_info", "causal", kwargs={"output_loading_info": True}),
    Row("tqdm_class", "causal", kwargs=_tqdm, min_major=5),
    Row("path-id", "causal", as_path=True),
    Row("class-auto-class", "causal", transformers.AutoModelForCausalLM),
    Row("model-class", "causal", transformers.GPT2LMHeadModel),
    Row("user-subclass", "causal", parity_models.MyGPT2),
    Row("tokenizer-kwarg", "causal", kwargs={"padding_side": "left"}, plain_tokenizer={"padding_side": "left"}),
    Row("tokenizer-mapping", "llama", tokenizer={"padding_side": "left", "use_fast": True},
        plain_tokenizer={"padding_side": "left", "use_fast": True}),
    Row("seq2seq-fp16", "seq2seq", "AutoModelForSeq2SeqLM", kwargs={"dtype": "bfloat16"}),
    Row("vision-bf16", "vision", "AutoModelForImageClassification", kwargs={"dtype": "bfloat16"},
        plain_tokenizer=None),
    Row("speech-device_map", "speech", "AutoModelForSpeechSeq2Seq", kwargs={"device_map": "auto"}),
]


def plain_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The kwargs as plain code for this transformers writes them (``torch_dtype`` on 4.x); tokenizer-only
    kwargs go to the tokenizer only (plain from_pretrained passes them to the model's __init__: TypeError)."""
    out = {k: v for k, v in kwargs.items() if k not in TOKENIZER_ONLY_KWARGS}
    if "dtype" in out and MAJOR < 5:
        out["torch_dtype"] = out.pop("dtype")
    return out


def plain_load(auto_class: Any, model_id: Any, kwargs: dict[str, Any]) -> Any:
    """What plain transformers returns for this call."""
    cls = getattr(transformers, auto_class) if isinstance(auto_class, str) else auto_class
    return cls.from_pretrained(model_id, **plain_kwargs(kwargs))


def _model(value: Any) -> Any:
    return value[0] if isinstance(value, tuple) else value


def assert_same_model(ours: Any, theirs: Any) -> None:
    """Same class, dtype, devices (and device map), and equal state dicts; tuples (loading info) alike."""
    assert isinstance(ours, tuple) == isinstance(theirs, tuple)
    if isinstance(theirs, tuple):
        assert {k: sorted(map(str, v)) for k, v in ours[1].items()} == \
            {k: sorted(map(str, v)) for k, v in theirs[1].items()}
    ours, theirs = _model(ours), _model(theirs)
    assert type(ours) is type(theirs)
    assert ours.dtype == theirs.dtype
    assert {n: (p.dtype, p.device) for n, p in ours.named_parameters()} == \
        {n: (p.dtype, p.device) for n, p in theirs.named_parameters()}
    assert getattr(ours, "hf_device_map", None) == getattr(theirs, "hf_device_map", None)
    mine, other = ours.state_dict(), theirs.state_dict()
    assert list(mine) == list(other)
    different = [k for k in mine if not torch.equal(mine[k], other[k])]
    assert not different, different[:5]


def assert_same_tokenizer(ours: Any, source: Any, plain_tokenizer: dict[str, Any] | None) -> None:
    """Our tokenizer encodes like plain AutoTokenizer; None where plain has no (or an empty) tokenizer."""
    if plain_tokenizer is None:
        assert ours is None
        return
    theirs = transformers.AutoTokenizer.from_pretrained(source, **plain_tokenizer)
    assert ours is not None and type(ours) is type(theirs)
    assert ours(TEXT)["input_ids"] == theirs(TEXT)["input_ids"] and ours(TEXT)["input_ids"]
    for key in plain_tokenizer:
        if hasattr(theirs, key):
            assert getattr(ours, key) == getattr(theirs, key), key


def check_row(row: Row, path: Path, hub_id: str | None = None) -> tuple[str, float]:
    """Load ``row`` (from ``path``, or ``hub_id`` in the cache) both ways, compare; returns the snippet and
    the seconds safe_load took."""
    model_id: Any = hub_id or (path if row.as_path else str(path))
    t0 = time.perf_counter()
    result = safe_load(model_id, auto_class=row.auto_class, tokenizer=row.tokenizer, **row.make_kwargs(path))
    took = time.perf_counter() - t0
    assert [a.outcome for a in result.report.attempts] == ["loaded"], result.report.attempts
    assert result.report.preflight == []
    theirs = plain_load(row.auto_class, model_id, row.make_kwargs(path))
    assert_same_model(result.model, theirs)
    kwargs = row.make_kwargs(path)
    shared = {k: kwargs[k] for k in HUB_KWARGS if k in kwargs}
    assert_same_tokenizer(result.tokenizer, model_id,
                          None if row.plain_tokenizer is None else {**shared, **row.plain_tokenizer})
    assert not [h for h in result.report.health if h.level == "error"], result.report.health
    assert "verify_skipped" not in [h.code for h in result.report.health], result.report.health  # it really ran
    return result.report.snippet, took
