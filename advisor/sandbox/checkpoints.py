"""Tiny random-weight checkpoints, built for real, for tests that need `from_pretrained` to run.

Every builder writes a complete directory (config, safetensors weights, fast tokenizer) in well under a
second. The first build of each kind in a process is kept as a template and later builds copy it, so a
test session pays for each architecture once. The damage helpers (`make_lfs_pointer`, `truncate_file`,
`remove_weights`) corrupt a built checkpoint the way users' checkpoints really get corrupted.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from advisor.sandbox.cache import lfs_pointer_text

HIDDEN = 64
LAYERS = 2
HEADS = 4
INTERMEDIATE = 128
SEED = 1234

CUSTOM_MODEL_TYPE = "acme-custom"
WEIGHT_PATTERNS = (
    "*.safetensors",
    "*.safetensors.index.json",
    "*.bin",
    "*.bin.index.json",
    "*.pt",
    "*.h5",
    "*.msgpack",
)

_CORPUS = [
    "the quick brown fox jumps over the lazy dog",
    "hello world, this is a tiny model for tests",
    "load advisor explains why from_pretrained failed and how to fix it",
    "tokenizers are trained on a few lines of text in a fraction of a second",
    "0 1 2 3 4 5 6 7 8 9 + - * / = ( ) [ ] { } < > . , ; : ! ? ' \"",
]

_CONFIGURATION_CUSTOM = '''"""Custom configuration shipped with the checkpoint (remote code)."""

from pathlib import Path

Path({marker!r}).write_text("imported configuration_custom\\n")

from transformers import LlamaConfig


class CustomConfig(LlamaConfig):
    """A LlamaConfig under a model_type transformers does not know."""

    model_type = "{model_type}"
'''

_MODELING_CUSTOM = '''"""Custom model shipped with the checkpoint (remote code)."""

from pathlib import Path

Path({marker!r}).write_text("imported modeling_custom\\n")

from transformers import LlamaForCausalLM

from .configuration_custom import CustomConfig


class CustomForCausalLM(LlamaForCausalLM):
    """A LlamaForCausalLM bound to CustomConfig."""

    config_class = CustomConfig
'''


# --------------------------------------------------------------------------------------------------
# Public builders
# --------------------------------------------------------------------------------------------------


def build_tiny_llama(dst: Path, *, model_type_override: str | None = None) -> Path:
    """Write a tiny LlamaForCausalLM + fast tokenizer to `dst`; optionally override its model_type."""
    _copy_template("llama", _make_llama, dst)
    if model_type_override is not None:
        _edit_config(dst, model_type=model_type_override)
    return dst


def build_tiny_gpt2(dst: Path) -> Path:
    """Write a tiny GPT2LMHeadModel + fast tokenizer to `dst`."""
    return _copy_template("gpt2", _make_gpt2, dst)


def build_tiny_t5(dst: Path) -> Path:
    """Write a tiny T5ForConditionalGeneration + fast tokenizer (an encoder-decoder, no causal-LM mapping)."""
    return _copy_template("t5", _make_t5, dst)


def build_tiny_bert(dst: Path) -> Path:
    """Write a tiny BertForMaskedLM + fast tokenizer to `dst`."""
    return _copy_template("bert", _make_bert, dst)


def build_unknown_arch(dst: Path, model_type: str = "superllama2000") -> Path:
    """Write a llama checkpoint whose config.json declares a model_type transformers does not know."""
    return build_tiny_llama(dst, model_type_override=model_type)


def build_custom_code(dst: Path, marker: Path) -> Path:
    """Write an `auto_map` checkpoint with custom modules that create `marker` when imported.

    Tests check `marker` to prove whether remote code was executed.
    """
    build_tiny_llama(dst)
    source_args = {"marker": str(marker.resolve()), "model_type": CUSTOM_MODEL_TYPE}
    (dst / "configuration_custom.py").write_text(_CONFIGURATION_CUSTOM.format(**source_args))
    (dst / "modeling_custom.py").write_text(_MODELING_CUSTOM.format(**source_args))
    _edit_config(
        dst,
        model_type=CUSTOM_MODEL_TYPE,
        architectures=["CustomForCausalLM"],
        auto_map={
            "AutoConfig": "configuration_custom.CustomConfig",
            "AutoModelForCausalLM": "modeling_custom.CustomForCausalLM",
        },
    )
    return dst


# --------------------------------------------------------------------------------------------------
# Damage helpers
# --------------------------------------------------------------------------------------------------


def make_lfs_pointer(file: Path) -> Path:
    """Replace `file` by the Git LFS pointer text a clone without `git lfs` leaves behind."""
    data = file.read_bytes()
    file.write_text(lfs_pointer_text(hashlib.sha256(data).hexdigest(), len(data)))
    return file


def truncate_file(file: Path, fraction: float = 0.5) -> Path:
    """Cut `file` down to `fraction` of its size, like an interrupted download or copy."""
    size = file.stat().st_size
    with file.open("r+b") as handle:
        handle.truncate(int(size * fraction))
    return file


def remove_weights(directory: Path) -> list[Path]:
    """Delete every weight file in `directory` (config and tokenizer stay); return what was removed."""
    removed = [path for pattern in WEIGHT_PATTERNS for path in sorted(directory.glob(pattern))]
    for path in removed:
        path.unlink()
    return removed


# --------------------------------------------------------------------------------------------------
# Template cache
# --------------------------------------------------------------------------------------------------


@functools.cache
def _template_root() -> Path:
    """Per-process folder holding one pristine build per architecture (removed at exit)."""
    root = Path(tempfile.mkdtemp(prefix="advisor-tiny-models-"))
    atexit.register(shutil.rmtree, root, True)
    return root


def _copy_template(kind: str, make: Callable[[Path], None], dst: Path) -> Path:
    """Build `kind` once per process, then copy it to `dst` (which may exist but must be empty)."""
    template = _template_root() / kind
    if not template.exists():
        staging = _template_root() / f"{kind}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        make(staging)
        staging.rename(template)
    shutil.copytree(template, dst, dirs_exist_ok=True)
    return dst


def _edit_config(directory: Path, **changes: Any) -> None:
    """Rewrite keys of `directory/config.json` in place."""
    path = directory / "config.json"
    config = json.loads(path.read_text())
    config.update(changes)
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


# --------------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------------


def _train_tokenizer(specials: list[str], vocab_size: int = 300) -> Any:
    """Train a byte-level BPE `tokenizers.Tokenizer` on the small built-in corpus."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE(unk_token=None))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(_CORPUS, trainer=trainer)
    return tokenizer


def _save_tokenizer(dst: Path, specials: dict[str, str]) -> Any:
    """Train a tokenizer with `specials` (role -> token), save it as a fast tokenizer, return it."""
    from transformers import PreTrainedTokenizerFast

    backend = _train_tokenizer(list(dict.fromkeys(specials.values())))
    fast = PreTrainedTokenizerFast(tokenizer_object=backend, **specials)
    fast.save_pretrained(dst)
    return fast


def _token_ids(tokenizer: Any, specials: dict[str, str]) -> dict[str, int]:
    """Map `{"eos_token": "</s>"}` to `{"eos_token_id": 2}` for a model config."""
    return {f"{role}_id": tokenizer.convert_tokens_to_ids(token) for role, token in specials.items()}


# --------------------------------------------------------------------------------------------------
# Model makers (run once per process, see _copy_template)
# --------------------------------------------------------------------------------------------------


def _save_model(model: Any, dst: Path) -> None:
    """Save `model` as safetensors into `dst`."""
    model.save_pretrained(dst, safe_serialization=True)


def _make_llama(dst: Path) -> None:
    """Build the llama template: tokenizer first, so the vocab size and special ids match it."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    specials = {"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}
    tokenizer = _save_tokenizer(dst, specials)
    ids = _token_ids(tokenizer, specials)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=HIDDEN,
        intermediate_size=INTERMEDIATE,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        num_key_value_heads=HEADS,
        max_position_embeddings=128,
        bos_token_id=ids["bos_token_id"],
        eos_token_id=ids["eos_token_id"],
        pad_token_id=ids["pad_token_id"],
    )
    torch.manual_seed(SEED)
    _save_model(LlamaForCausalLM(config), dst)


def _make_gpt2(dst: Path) -> None:
    """Build the GPT-2 template (one `<|endoftext|>` token doubles as bos/eos/pad, as in GPT-2)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    specials = {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>"}
    tokenizer = _save_tokenizer(dst, specials)
    ids = _token_ids(tokenizer, specials)
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_embd=HIDDEN,
        n_layer=LAYERS,
        n_head=HEADS,
        n_positions=128,
        bos_token_id=ids["bos_token_id"],
        eos_token_id=ids["eos_token_id"],
        pad_token_id=ids["pad_token_id"],
    )
    torch.manual_seed(SEED)
    _save_model(GPT2LMHeadModel(config), dst)


def _make_t5(dst: Path) -> None:
    """Build the T5 template (encoder-decoder; pad doubles as decoder start, as in T5)."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    specials = {"pad_token": "<pad>", "eos_token": "</s>", "unk_token": "<unk>"}
    tokenizer = _save_tokenizer(dst, specials)
    ids = _token_ids(tokenizer, specials)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=HIDDEN,
        d_kv=HIDDEN // HEADS,
        d_ff=INTERMEDIATE,
        num_layers=LAYERS,
        num_decoder_layers=LAYERS,
        num_heads=HEADS,
        pad_token_id=ids["pad_token_id"],
        eos_token_id=ids["eos_token_id"],
    )
    config.decoder_start_token_id = ids["pad_token_id"]
    torch.manual_seed(SEED)
    _save_model(T5ForConditionalGeneration(config), dst)


def _make_bert(dst: Path) -> None:
    """Build the BERT template (masked LM with the usual [CLS]/[SEP]/[MASK] specials)."""
    import torch
    from transformers import BertConfig, BertForMaskedLM

    specials = {
        "unk_token": "[UNK]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
    }
    tokenizer = _save_tokenizer(dst, specials)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=HIDDEN,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        intermediate_size=INTERMEDIATE,
        max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(SEED)
    _save_model(BertForMaskedLM(config), dst)
