"""Collect the messages the loading libraries raise, across their releases, from their wheels' own source.

    pip download --no-deps -d wheels/ transformers==4.30.2 huggingface_hub==0.23.5 diffusers==0.30.3 ...
    python scripts/library_wordings.py wheels/ > raw-wordings.jsonl
    pip download --no-deps -d runtimes/ vllm==0.8.5 unsloth==2025.3.19 llama-cpp-python==0.2.90 ...
    python scripts/library_wordings.py runtimes/ --exclude raw-wordings.jsonl > raw-runtime-wordings.jsonl

Each release wheel holds the library's Python source; every ``raise X("...")`` in the files that load models
(hub download, config, Auto classes, modeling and tokenizer loading, quantizers, peft adapters, sentence-transformers,
accelerate placement) is one wording a person can paste. The message is rendered as its last line prints it
(``OSError: ...``), with f-string and ``.format`` values filled by stand-ins (acme/tiny-model, model.safetensors,
qwen3_next ...): the wording is the library's, the values are not. Messages are deduplicated across releases (the
versions that raise each are kept).

For the serving and fine-tuning runtimes (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
autoawq, optimum, bitsandbytes, timm, open_clip, pyannote.audio, mlx-lm, FlagEmbedding, ModelScope, faster-whisper;
wheels or sdists) every module is read except tests, examples and vendored code, or the folders RUNTIME_FILES names,
and only messages with a loading word (model, weight, config, GPU, install, ...) are kept; `--exclude` drops the
messages an earlier extraction already holds.

This only extracts. Which messages a load can raise, and their category and fix, are judged by a person (or a
helper) who does not see advisor's answers; tests/data/wordings/library-wordings.jsonl holds the 1,013 judged to be
load failures. `python scripts/measure_corpus.py tests/data/wordings/library-wordings.jsonl` measures them.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

# The files whose raise sites a model load reaches, per package (paths inside the wheel, after the package folder).
LOADING_FILES: dict[str, list[str]] = {
    "transformers": [
        r"modeling_utils\.py$", r"configuration_utils\.py$", r"tokenization_utils[a-z_]*\.py$", r"utils/hub\.py$",
        r"file_utils\.py$", r"models/auto/[a-z_]+\.py$", r"utils/import_utils\.py$",
        r"utils/quantization_config\.py$", r"quantizers/[a-z_]+\.py$",
        r"integrations/(bitsandbytes|accelerate|awq|gptq|hub_kernels|flash_attention|sdpa_attention|tiktoken|ggml)\.py$",
        r"dynamic_module_utils\.py$", r"safetensors_conversion\.py$", r"pipelines/__init__\.py$",
        r"pipelines/base\.py$", r"processing_utils\.py$", r"feature_extraction_utils\.py$",
        r"image_processing_utils(_fast)?\.py$", r"generation/configuration_utils\.py$",
        r"convert_slow_tokenizer\.py$", r"core_model_loading\.py$", r"modeling_gguf_pytorch_utils\.py$",
        r"utils/peft_utils\.py$", r"integrations/peft\.py$", r"modeling_flash_attention_utils\.py$",
        r"utils/generic\.py$", r"utils/versions\.py$", r"dependency_versions_check\.py$",
        r"modeling_tf_pytorch_utils\.py$", r"pytorch_utils\.py$", r"utils/loading_report\.py$",
        r"conversion_mapping\.py$",
    ],
    "huggingface_hub": [
        r"file_download\.py$", r"_snapshot_download\.py$", r"utils/_errors\.py$", r"errors\.py$",
        r"utils/_validators\.py$", r"utils/_http\.py$", r"_login\.py$", r"utils/_auth\.py$",
        r"utils/_cache_manager\.py$", r"constants\.py$", r"hub_mixin\.py$",
    ],
    "diffusers": [
        r"utils/hub_utils\.py$", r"pipelines/pipeline_utils\.py$", r"pipelines/pipeline_loading_utils\.py$",
        r"models/modeling_utils\.py$", r"models/model_loading_utils\.py$", r"configuration_utils\.py$",
        r"utils/import_utils\.py$", r"loaders/single_file[a-z_]*\.py$", r"models/auto_model\.py$",
        r"quantizers/[a-z_/]+\.py$",
    ],
    "peft": [
        r"config\.py$", r"peft_model\.py$", r"auto\.py$", r"utils/save_and_load\.py$", r"utils/other\.py$",
        r"import_utils\.py$", r"mapping[a-z_]*\.py$",
    ],
    "sentence_transformers": [
        r"SentenceTransformer\.py$", r"util\.py$", r"util/[a-z_]+\.py$", r"models/Transformer\.py$",
        r"models/Pooling\.py$", r"cross_encoder/CrossEncoder\.py$", r"base/model\.py$",
    ],
    "accelerate": [
        r"utils/modeling\.py$", r"big_modeling\.py$", r"utils/bnb\.py$", r"utils/imports\.py$", r"utils/offload\.py$",
    ],
}

# A stand-in for a value the source interpolates, chosen from the expression's own name.
STAND_INS: list[tuple[str, str]] = [
    (r"url", "https://huggingface.co/acme/tiny-model/resolve/main/config.json"),
    (r"model_name_or_path|model_id|repo_id|path_or_repo|model_name|pretrained_model|name_or_path|repo",
     "acme/tiny-model"),
    (r"revision|commit", "main"),
    (r"cache_dir|folder|directory|\bdir\b|save_directory|resolved_archive_file|archive|subfolder",
     "/home/user/models/tiny-model"),
    (r"filename|file_name|weights_name|\bfile\b|checkpoint_file|resolved", "model.safetensors"),
    (r"model_type", "qwen3_next"),
    (r"config_class|config\.__class__|type\(config\)", "Qwen3NextConfig"),
    (r"__name__|class", "AutoModelForCausalLM"),
    (r"shape|size", "torch.Size([32000, 4096])"),
    (r"dtype", "torch.bfloat16"),
    (r"device", "cuda:0"),
    (r"version", "4.30.2"),
    (r"key|param|name", "model.layers.0.mlp.weight"),
    (r"package|pkg|library|lib", "accelerate"),
    (r"quant", "bitsandbytes"),
    (r"token", "hf_***"),
    (r"status", "404"),
]
# Runtimes read whole, except these folders; for the large ones, only the folders a model load goes through.
SKIPPED = re.compile(r"(?:^|/)(?:tests?|benchmarks?|examples?|docs?|scripts)/|/entrypoints/openai/protocol|/_vendor/"
                     r"|/third_party/")
RUNTIME_FILES: dict[str, str] = {
    "vllm": r"^(?:vllm/)?(?:config(?:/\w+)?\.py|engine/arg_utils\.py|model_executor/model_loader/|transformers_utils/"
            r"|model_executor/models/registry\.py|platforms/|worker/worker\.py|worker/cache_engine\.py"
            r"|v1/worker/gpu_worker\.py|v1/core/kv_cache_utils\.py|v1/engine/core\.py|executor/"
            r"|model_executor/layers/quantization/\w+\.py$|utils\.py$|attention/selector\.py|envs\.py)",
    "modelscope": r"^(?:modelscope/)?(?:hub/|utils/(?:hub|import_utils|file_utils)\.py|models/base/|pipelines/base\.py"
                  r"|pipelines/builder\.py)",
    "optimum": r"^(?:optimum/)?(?:gptq/|onnxruntime/modeling|utils/import_utils|quanto)",
    "trl": r"^$",  # training
    "deepspeed": r"^$",  # training
    "nemo_toolkit": r"^$",  # its own model zoo, not Hub loading
    # the apps and wrappers built on transformers: only their model-loading modules
    "sglang": r"^(?:sglang/)?srt/(?:configs/|model_loader/|hf_transformers_utils\.py|server_args\.py"
              r"|model_executor/model_runner\.py|utils\.py$|layers/quantization/\w+\.py$)",
    "langchain_community": r"(?:llms|embeddings|chat_models)/(?:huggingface\w*|self_hosted_hugging_face|llamacpp"
                           r"|ctransformers|vllm|gpt4all|sentence_transformer)\.py$",
    "invokeai": r"backend/model_manager/",
    "haystack_ai": r"components/(?:generators|embedders|readers|rankers)/.*hugging\w*\.py$|utils/hf\.py$",
    "ms_swift": r"(?:^|/)(?:model/register|model/utils|model/patcher|hub/\w+)\.py$",
    "lm_eval": r"models/(?:huggingface|vllm_causallms|hf_vlms)\.py$",
    "txtai": r"models/|pipeline/hf(?:model|pipeline)\.py$",
    "fschat": r"model/(?:model_adapter|compression)\.py$|serve/(?:model_worker|base_model_worker)\.py$",
    "llamafactory": r"model/(?:loader|patcher|adapter|model_utils/\w+)\.py$|hparams/",
    "paddlenlp": r"transformers/(?:model_utils|configuration_utils|tokenizer_utils\w*|auto/\w+)\.py$"
                 r"|utils/(?:download|downloader|import_utils)\w*\.py$",
    "tts": r"utils/manage\.py$|api\.py$|utils/synthesizer\.py$",
    "speechbrain": r"inference/interfaces\.py$|utils/fetching\.py$|utils/parameter_transfer\.py$"
                   r"|pretrained/interfaces\.py$",
    "outlines": r"models/",
    "torchao": r"quantization/quant_api\.py$|^(?:torchao/)?utils\.py$",
    "intel_extension_for_pytorch": r"^$",
    "einops": r"^$",
}
LOADING_WORDS = re.compile(r"(?i)model|weight|checkpoint|tokenizer|config|quantiz|gpu|cuda|memory|dtype|install"
                           r"|download|hub|repo|file|path|remote code|trust_remote_code|device|version|support"
                           r"|architecture|gguf|awq|gptq|bitsandbytes|flash|kernel|load")
SHOWN_AS = {"EnvironmentError": "OSError", "IOError": "OSError"}  # aliases print as OSError


def stand_in(expression: str) -> str:
    lowered = expression.lower()
    return next((value for pattern, value in STAND_INS if re.search(pattern, lowered)), "value")


def render(node: ast.AST, source: str) -> str | None:
    """The string a message expression evaluates to, values replaced by stand-ins; None if it is not a string."""
    def src(n: ast.AST) -> str:
        return ast.get_source_segment(source, n) or ""

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else stand_in(src(v.value))
                       for v in node.values if isinstance(v, ast.Constant | ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = render(node.left, source), render(node.right, source)
        if left is None and right is None:
            return None
        return (left if left is not None else stand_in(src(node.left))) + \
            (right if right is not None else stand_in(src(node.right)))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        template = render(node.left, source)
        if template is None:
            return None
        args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        values = iter([stand_in(src(a)) for a in args])
        return re.sub(r"%[sdrf]", lambda _: next(values, "value"), template)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        template = render(node.func.value, source)
        if template is None:
            return None
        positional = [stand_in(src(a)) for a in node.args]
        keywords = {k.arg: stand_in(k.arg or "") for k in node.keywords}
        order = iter(positional)

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            if key.isdigit():
                return positional[int(key)] if int(key) < len(positional) else "value"
            if not key:
                return next(order, "value")
            return keywords.get(key.split(".")[0].split("[")[0], stand_in(key))

        return re.sub(r"\{([^{}:!]*)(?:[:!][^{}]*)?\}", fill, template)
    return None


def raise_sites(source: str) -> list[tuple[int, str]]:
    """Every ``raise X(message)`` of a module: (line, "X: message")."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    bound = {n.targets[0].id: text for n in ast.walk(tree)  # msg = f"..."; raise ValueError(msg)
             if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
             and (text := render(n.value, source))}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
            continue
        func = node.exc.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        first = node.exc.args[0]
        message = render(first, source)
        if message is None and isinstance(first, ast.Name):
            message = bound.get(first.id)
        if name and message and len(message) >= 15:
            found.append((node.lineno, f"{SHOWN_AS.get(name, name)}: {message.strip()}"))
    return found


def _modules(path: Path) -> Iterator[tuple[str, bytes]]:
    """(path inside the package, source) of every module of a wheel or an sdist."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith(".py"):
                    yield member, archive.read(member)
    elif path.name.endswith(".tar.gz"):
        with tarfile.open(path) as archive:
            for info in archive.getmembers():
                handle = archive.extractfile(info) if info.isfile() and info.name.endswith(".py") else None
                if handle is not None:
                    yield info.name.split("/", 1)[-1], handle.read()


def _wanted(package: str, member: str) -> bool:
    inside = member.split("/", 1)[-1]
    if package in LOADING_FILES:
        return any(re.search(p, inside) for p in LOADING_FILES[package])
    if SKIPPED.search("/" + member) or (package == "llama_cpp_python" and not member.startswith("llama_cpp/")):
        return False
    return package not in RUNTIME_FILES or bool(re.search(RUNTIME_FILES[package], inside))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheels", type=Path, help="a folder of downloaded wheels (and, for runtimes, sdists)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="an earlier extraction (JSON lines): its messages are left out")
    args = parser.parse_args(argv)
    known = {json.loads(line)["text"] for path in args.exclude
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    seen: dict[str, dict[str, object]] = {}
    for archive in sorted(args.wheels.iterdir()):
        named = re.match(r"([A-Za-z0-9_.\-]+?)-(\d[\w.]*?)(?:-|\.tar\.gz)", archive.name)
        if not named:
            continue
        package = named.group(1).lower().replace("-", "_").replace(".", "_")
        version = named.group(2)
        for member, data in _modules(archive):
            if not _wanted(package, member):
                continue
            inside = member.split("/", 1)[-1]
            for line, text in raise_sites(data.decode("utf-8", "replace")):
                if text in known or (package not in LOADING_FILES and not LOADING_WORDS.search(text)):
                    continue
                key = re.sub(r"\s+", " ", text)[:300]
                row = seen.setdefault(key, {"package": package, "versions": [], "file": inside, "line": line,
                                            "text": text})
                versions = row["versions"]
                assert isinstance(versions, list)
                if version not in versions:
                    versions.append(version)
    for row in seen.values():
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
