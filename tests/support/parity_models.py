"""Tiny checkpoints of every model kind the parity matrix covers, built for real (random weights, seeded).

Text kinds reuse the package's builders (advisor.sandbox.checkpoints); vision, audio and multimodal kinds
are built here with the same small sizes, each with the preprocessing files a real checkpoint ships
(an image processor, a feature extractor, a tokenizer where the kind has one). Each builder writes a
complete folder in well under a second.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from transformers import GPT2LMHeadModel

from advisor.sandbox.checkpoints import HIDDEN, SEED, _save_tokenizer, build_tiny_bert, build_tiny_gpt2, build_tiny_t5

SMALL = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 37}
TEXT_SPECIALS = {"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}


class MyGPT2(GPT2LMHeadModel):
    """A user's own subclass, passed as ``auto_class`` (the snippet imports it from this module)."""


def _seed() -> None:
    import torch

    torch.manual_seed(SEED)


def build_vit(dst: Path) -> Path:
    """A ViTForImageClassification (3 labels, 32x32 images) with its image processor; no tokenizer."""
    from transformers import ViTConfig, ViTForImageClassification

    _seed()
    config = ViTConfig(**SMALL, image_size=32, patch_size=8, num_labels=3)
    ViTForImageClassification(config).save_pretrained(dst)
    _image_processor(dst, "ViTImageProcessor", size={"height": 32, "width": 32})
    return dst


def _image_processor(dst: Path, cls: str, **settings: Any) -> None:
    """The image processor's JSON as save_pretrained writes it (written directly: PIL is not needed here)."""
    data = {"image_processor_type": cls, "do_resize": True, "do_rescale": True, "rescale_factor": 1 / 255,
            "do_normalize": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], **settings}
    (dst / "preprocessor_config.json").write_text(json.dumps(data, indent=2))


def build_whisper(dst: Path) -> Path:
    """A WhisperForConditionalGeneration (8 mel bins, 16 source positions) + feature extractor + tokenizer."""
    from transformers import WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration

    tokenizer = _save_tokenizer(dst, TEXT_SPECIALS)
    _seed()
    config = WhisperConfig(
        vocab_size=len(tokenizer), num_mel_bins=8, d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=37, decoder_ffn_dim=37,
        max_source_positions=16, max_target_positions=32, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.bos_token_id,
    )
    WhisperForConditionalGeneration(config).save_pretrained(dst)
    WhisperFeatureExtractor(feature_size=8).save_pretrained(dst)
    return dst


def build_wav2vec2(dst: Path) -> Path:
    """A Wav2Vec2ForCTC with a small conv stack, its CTC character vocab tokenizer and feature extractor."""
    from transformers import Wav2Vec2Config, Wav2Vec2CTCTokenizer, Wav2Vec2FeatureExtractor, Wav2Vec2ForCTC

    dst.mkdir(parents=True, exist_ok=True)
    vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3, "|": 4,
             **{c: i + 5 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}}
    (dst / "vocab.json").write_text(json.dumps(vocab))
    tokenizer = Wav2Vec2CTCTokenizer(str(dst / "vocab.json"))
    tokenizer.save_pretrained(dst)
    _seed()
    config = Wav2Vec2Config(
        **SMALL, vocab_size=len(vocab), conv_dim=(16, 16), conv_stride=(5, 4), conv_kernel=(10, 8),
        num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=2, pad_token_id=0,
        do_stable_layer_norm=False, feat_extract_norm="group",
    )
    Wav2Vec2ForCTC(config).save_pretrained(dst)
    Wav2Vec2FeatureExtractor().save_pretrained(dst)
    return dst


def build_clip(dst: Path) -> Path:
    """A CLIPModel (text + 32x32 vision towers) with a tokenizer and an image processor."""
    from transformers import CLIPConfig, CLIPModel

    tokenizer = _save_tokenizer(dst, TEXT_SPECIALS)
    _seed()
    config = CLIPConfig(
        text_config={**SMALL, "vocab_size": len(tokenizer), "max_position_embeddings": 32,
                     "bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
                     "pad_token_id": tokenizer.pad_token_id},
        vision_config={**SMALL, "image_size": 32, "patch_size": 8},
        projection_dim=16,
    )
    CLIPModel(config).save_pretrained(dst)
    _image_processor(dst, "CLIPImageProcessor", size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    return dst


def build_bert_classifier(dst: Path) -> Path:
    """A BertForSequenceClassification (2 labels) saved with its head, plus the tiny BERT tokenizer."""
    from transformers import BertConfig, BertForSequenceClassification

    build_tiny_bert(dst)
    config = BertConfig.from_pretrained(dst)
    config.num_labels = 2
    _seed()
    for weights in dst.glob("*.safetensors"):
        weights.unlink()
    BertForSequenceClassification(config).save_pretrained(dst)
    return dst


def build_sharded(dst: Path) -> Path:
    """The tiny GPT-2 re-saved in several safetensors shards with an index."""
    _resave_gpt2(dst, lambda model: model.save_pretrained(dst, max_shard_size="50KB"))
    assert len(list(dst.glob("model-*.safetensors"))) > 1 and (dst / "model.safetensors.index.json").exists()
    return dst


def build_bin(dst: Path) -> Path:
    """The tiny GPT-2 as a pickle ``pytorch_model.bin`` (no safetensors; transformers 5 no longer writes one)."""
    import torch

    return _resave_gpt2(dst, lambda model: torch.save(model.state_dict(), dst / "pytorch_model.bin"))


def _resave_gpt2(dst: Path, save: Any) -> Path:
    from transformers import AutoModelForCausalLM

    build_tiny_gpt2(dst)
    model = AutoModelForCausalLM.from_pretrained(dst)
    for weights in dst.glob("*.safetensors"):
        weights.unlink()
    save(model)
    return dst


def build_subfolders(dst: Path) -> Path:
    """A diffusers-style repo: the T5 model under ``text_encoder/``, its tokenizer under ``tokenizer/``."""
    scratch = dst.parent / f"{dst.name}.t5"
    build_tiny_t5(scratch)
    (dst / "text_encoder").mkdir(parents=True)
    (dst / "tokenizer").mkdir()
    for item in scratch.iterdir():
        target = "tokenizer" if "token" in item.name or item.name == "special_tokens_map.json" else "text_encoder"
        shutil.move(str(item), dst / target / item.name)
    shutil.rmtree(scratch)
    (dst / "model_index.json").write_text(json.dumps({"_class_name": "TinyPipeline"}))
    return dst


def build_gpt2_revision(dst: Path) -> Path:
    """The tiny GPT-2 with other weights (a second revision of the same repo)."""
    import torch
    from transformers import AutoModelForCausalLM

    build_tiny_gpt2(dst)
    model = AutoModelForCausalLM.from_pretrained(dst)
    with torch.no_grad():
        for param in model.parameters():
            param.add_(0.5)
    model.save_pretrained(dst)
    return dst


__all__ = ["HIDDEN", "MyGPT2", "build_bert_classifier", "build_bin", "build_clip", "build_gpt2_revision",
           "build_sharded", "build_subfolders", "build_vit", "build_wav2vec2", "build_whisper"]


class NeedsExtraInput(GPT2LMHeadModel):
    """A user's subclass whose forward needs an argument the advisor's verify inputs cannot know."""

    def forward(self, input_ids: Any = None, *, extra_required: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """GPT-2's forward, behind an extra required argument."""
        return super().forward(input_ids=input_ids, **kwargs)


def build_lora_adapter(dst: Path, base: Path) -> Path:
    """A PEFT LoRA adapter folder (adapter_config.json + adapter weights, no base weights) over ``base``,
    with non-zero LoRA weights so that the adapter really changes the model; needs ``peft``."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base)
    peft_model = get_peft_model(model, LoraConfig(r=4, target_modules=["c_attn"], init_lora_weights=False))
    _seed()
    with torch.no_grad():
        for name, param in peft_model.named_parameters():
            if "lora_" in name:
                param.normal_(0, 0.5)
    peft_model.save_pretrained(dst)
    return dst


def without_tokenizer(src: Path, dst: Path) -> Path:
    """A copy of ``src`` without any tokenizer file (as vision or audio-only checkpoints ship)."""
    shutil.copytree(src, dst)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt"):
        (dst / name).unlink(missing_ok=True)
    return dst


def with_empty_tokenizer(src: Path, dst: Path) -> Path:
    """A copy of ``src`` whose only tokenizer file names a vocabulary-file tokenizer without its files:
    transformers builds a tokenizer that encodes everything to no ids."""
    without_tokenizer(src, dst)
    (dst / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "GPT2Tokenizer"}))
    return dst


def with_transformers5_tokenizer_config(dst: Path) -> Path:
    """Mark ``dst``'s tokenizer as transformers 5 saves it (``tokenizer_class: TokenizersBackend``)."""
    path = dst / "tokenizer_config.json"
    config = json.loads(path.read_text())
    config.update(tokenizer_class="TokenizersBackend", backend="tokenizers")
    path.write_text(json.dumps(config, indent=2))
    return dst
