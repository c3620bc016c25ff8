"""transformers' own name tables (model types, config classes, tokenizer classes, Auto mappings), read once.

The tables are read from the installed transformers' source files (``models/auto/*.py``) instead of importing
transformers (seconds), so ``explain`` can check a name a paste mentions against the version installed here.
Without transformers every answer is ``None``: unknown, and rules must not read it as "not a known name".
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

_PAIR = re.compile(r"\(\s*\"([\w\-]{1,80})\",\s*\"(\w{1,120})\"")
_MAPPING = re.compile(r"^(MODEL(?:_FOR_(\w{1,80}))?_MAPPING_NAMES) = OrderedDict", re.M)
_TOKENIZER = re.compile(r"\"(\w{1,80}(?:Tokenizer(?:Fast)?|Backend))\"")
#: transformers mapping names whose Auto class is not "AutoModelFor" + the CamelCase of the mapping suffix.
_AUTO_SPECIAL = {"": "AutoModel", "CAUSAL_LM": "AutoModelForCausalLM", "MASKED_LM": "AutoModelForMaskedLM",
                 "SEQ_TO_SEQ_CAUSAL_LM": "AutoModelForSeq2SeqLM", "SPEECH_SEQ_2_SEQ": "AutoModelForSpeechSeq2Seq",
                 "CTC": "AutoModelForCTC", "IMAGE_TEXT_TO_TEXT": "AutoModelForImageTextToText",
                 "MULTIMODAL_LM": "AutoModelForMultimodalLM",
                 "PRETRAINING": "AutoModelForPreTraining", "AUDIO_XVECTOR": "AutoModelForAudioXVector"}


@functools.lru_cache(maxsize=1)
def _auto_dir() -> Path | None:
    try:
        spec = importlib.util.find_spec("transformers")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "models" / "auto"
    return folder if folder.is_dir() else None


def _read(name: str) -> str:
    folder = _auto_dir()
    try:
        return (folder / name).read_text(encoding="utf-8") if folder else ""
    except OSError:
        return ""


def _module_file(package_folder: Path, parts: list[str]) -> Path | None:
    """The source file of the submodule ``parts`` under a package's folder (``x/y.py`` or ``x/y/__init__.py``)."""
    path = package_folder.joinpath(*parts)
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@functools.lru_cache(maxsize=256)
def transformers_module_exists(dotted: str) -> bool | None:
    """Whether the installed transformers has the module ``dotted`` ("transformers.generation.streamers"): a file or
    package under its folder, looked up without importing. None when transformers is absent or the name is not one."""
    folder = _auto_dir()
    parts = dotted.split(".")
    if folder is None or parts[0] != "transformers" or not all(p.isidentifier() for p in parts):
        return None
    return _module_file(folder.parent.parent, parts[1:]) is not None


@functools.lru_cache(maxsize=256)
def transformers_module_defines(dotted: str, name: str) -> bool | None:
    """Whether the installed transformers' module ``dotted`` ("transformers.processing_utils") defines or imports
    ``name`` (a def, a class, an assignment, an import, a quoted export), read from its file without importing;
    None when transformers or the module's file is absent here, or the names are not identifiers."""
    folder = _auto_dir()
    parts = dotted.split(".")
    if (folder is None or parts[0] != "transformers" or len(parts) < 2 or not all(p.isidentifier() for p in parts)
            or not name.isidentifier()):
        return None
    source_file = _module_file(folder.parent.parent, parts[1:])
    if source_file is None:
        return None
    try:
        source = source_file.read_text(encoding="utf-8")
        if source_file.name == "__init__.py" and ("import *" in source or "define_import_structure" in source):
            # a lazy package (transformers 5's models/<type>/__init__.py) exports what its modules define
            siblings = sorted(source_file.parent.glob("*.py"))
            source += "".join(sibling.read_text(encoding="utf-8") for sibling in siblings)
    except OSError:
        return None
    word = re.escape(name)
    return bool(re.search(rf"(?m)^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+{word}\b|^[ \t]*{word}[ \t]*[:=]"
                          rf"|\bimport\b[^\n]*\b{word}\b|^[ \t]+{word}(?:[ \t]+as[ \t]+\w+)?,?[ \t]*$|['\"]{word}['\"]",
                          source))


@functools.lru_cache(maxsize=1)
def config_names() -> dict[str, str]:
    """model_type -> config class name, from CONFIG_MAPPING_NAMES (empty when transformers is absent)."""
    out: dict[str, str] = {}
    for source in ("auto_mappings.py", "configuration_auto.py"):
        for model_type, klass in _PAIR.findall(_read(source)):
            if klass.endswith("Config"):
                out.setdefault(model_type, klass)
    return out


@functools.lru_cache(maxsize=1)
def tokenizer_classes() -> frozenset[str]:
    """Every tokenizer class name TOKENIZER_MAPPING_NAMES mentions."""
    return frozenset(_TOKENIZER.findall(_read("tokenization_auto.py")))


@functools.lru_cache(maxsize=1)
def auto_mappings() -> dict[str, frozenset[str]]:
    """Auto class name -> the model types its mapping holds (MODEL_FOR_*_MAPPING_NAMES)."""
    text = _read("modeling_auto.py")
    heads = list(_MAPPING.finditer(text))
    out: dict[str, frozenset[str]] = {}
    for i, head in enumerate(heads):
        body = text[head.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        body = body.split("\n)\n", 1)[0]
        suffix = head.group(2) or ""
        auto = _AUTO_SPECIAL.get(suffix) or "AutoModelFor" + "".join(p.capitalize() for p in suffix.split("_"))
        out[auto] = frozenset(model_type for model_type, _ in _PAIR.findall(body))
    return out


_POP = re.compile(r"kwargs\.pop\(\s*\"([a-z]\w{0,60})\"")
_PARAM = re.compile(r"^\s{4,12}([a-z]\w{0,60})\s*[:=,]", re.M)


@functools.lru_cache(maxsize=1)
def from_pretrained_kwargs() -> frozenset[str]:
    """The keyword arguments the installed transformers' ``PreTrainedModel.from_pretrained`` takes (its
    signature and the ``kwargs.pop(...)`` it reads), from modeling_utils.py; empty when transformers is absent."""
    folder = _auto_dir()
    try:
        text = (folder.parent.parent / "modeling_utils.py").read_text(encoding="utf-8") if folder else ""
    except OSError:
        return frozenset()
    start = text.find("    def from_pretrained(")
    if start < 0:
        return frozenset()
    end = text.find("\n    def ", start + 10)
    body = text[start:end if end > 0 else len(text)]
    head = body[: body.find(")") + 1] if body.find(") ->") < 0 else body[: body.find(") ->")]
    names = set(_PARAM.findall(head)) | set(_POP.findall(body))
    return frozenset(n for n in names if n not in {"cls", "self", "args", "kwargs"})


#: from_pretrained arguments of transformers 4.57.6 that 5.25.0 no longer takes: from_pretrained_kwargs() run on both
#: installs (the 4.x line is CI's compat venv). A call that passes one of them, under a release without it, was written
#: for the older release; the model's __init__ then refuses it ("__init__() got an unexpected keyword argument").
REMOVED_FROM_PRETRAINED_KWARGS = frozenset({
    "from_flax", "from_tf", "load_in_4bit", "load_in_8bit", "low_cpu_mem_usage", "mirror", "offload_state_dict",
    "resume_download", "use_auth_token"})


@functools.lru_cache(maxsize=1)
def model_classes() -> frozenset[str]:
    """Every model class name the Auto mappings hold (``LlamaForCausalLM``, ``BertModel`` ...)."""
    text = _read("modeling_auto.py")
    return frozenset(klass for _, klass in _PAIR.findall(text))


def architecture_known(name: str) -> bool | None:
    """Whether transformers ships this model class; None when it cannot tell."""
    known = model_classes()
    return (name in known) if known else None


_EXPORT = re.compile(r"\"([A-Z]\w{2,80})\"")


@functools.lru_cache(maxsize=1)
def exported_names() -> frozenset[str]:
    """The CamelCase names transformers' top-level ``__init__`` exports (Trainer, BitsAndBytesConfig ...)."""
    folder = _auto_dir()
    try:
        text = (folder.parent.parent / "__init__.py").read_text(encoding="utf-8") if folder else ""
    except OSError:
        return frozenset()
    return frozenset(_EXPORT.findall(text))


_METHOD = re.compile(r"^    def ([a-z_]\w{5,80})\(", re.M)


def _names_defined_in(relative: tuple[str, ...], patterns: tuple[re.Pattern[str], ...]) -> frozenset[str]:
    """What ``patterns`` capture in these files of the installed transformers package (the files that exist in its
    release; read, not imported), dunders left out; empty without transformers."""
    folder = _auto_dir()
    if folder is None:
        return frozenset()
    root = folder.parent.parent
    names: set[str] = set()
    for path in relative:
        try:
            text = (root / path).read_text(encoding="utf-8")
        except OSError:
            continue
        for pattern in patterns:
            names.update(pattern.findall(text))
    return frozenset(n for n in names if not n.startswith("__"))


def _methods_defined_in(*relative: str) -> frozenset[str]:
    """The method names (six characters or longer, no dunders) defined in these files of the installed transformers
    package; empty without transformers."""
    return _names_defined_in(relative, (_METHOD,))


@functools.lru_cache(maxsize=1)
def model_methods() -> frozenset[str]:
    """The method names transformers' model base classes define (PreTrainedModel and its mixins in
    modeling_utils.py, GenerationMixin in generation/utils.py)."""
    return _methods_defined_in("modeling_utils.py", "generation/utils.py")


@functools.lru_cache(maxsize=1)
def processor_methods() -> frozenset[str]:
    """The method names transformers' ProcessorMixin defines (processing_utils.py: apply_chat_template ...)."""
    return _methods_defined_in("processing_utils.py")


#: what a class holds (tokenizer and model classes, their bases, torch's nn.Module): a method or property of any
#: length ("vocab", unlike _METHOD's six characters: a short name missed would read as one the release lacks), an
#: attribute its __init__ sets ("self.model_max_length = ") or a class attribute ("    padding_side: str = ")
_ANY_METHOD = re.compile(r"^    def ([a-z_]\w{1,80})\(", re.M)
_INSTANCE_ATTRIBUTE = re.compile(r"\bself\.([a-z_]\w{1,80})\s*(?::[^=\n]{0,80})?=(?!=)")
_CLASS_ATTRIBUTE = re.compile(r"^    ([a-z_]\w{1,80})\s*(?::[^=\n]{0,80})?=(?!=)", re.M)
_CLASS_NAME_PATTERNS = (_ANY_METHOD, _INSTANCE_ATTRIBUTE, _CLASS_ATTRIBUTE)
#: the files of transformers' tokenizer base classes: 5.x (python / tokenizers / sentencepiece backends) and 4.x
_TOKENIZER_BASE_FILES = ("tokenization_utils_base.py", "tokenization_python.py", "tokenization_utils_tokenizers.py",
                         "tokenization_utils_sentencepiece.py", "tokenization_utils.py", "tokenization_utils_fast.py")


@functools.lru_cache(maxsize=1)
def tokenizer_attributes() -> frozenset[str]:
    """The methods and attributes transformers' tokenizer base classes define in the release installed here (read from
    their files, not imported): what every transformers tokenizer has. Empty without transformers."""
    return _names_defined_in(_TOKENIZER_BASE_FILES, _CLASS_NAME_PATTERNS)


_CLASS_STATEMENT = re.compile(r"^class (\w+)\(", re.M)


@functools.lru_cache(maxsize=1)
def _tokenizer_class_files() -> dict[str, Path]:
    """Tokenizer class name -> the installed transformers' file that defines it (models/*/tokenization_*.py, read
    once, not imported); empty without transformers."""
    folder = _auto_dir()
    if folder is None:
        return {}
    out: dict[str, Path] = {}
    for path in sorted(folder.parent.glob("*/tokenization_*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for name in _CLASS_STATEMENT.findall(text):
            out.setdefault(name, path)
    return out


def _own_file_names(path: Path) -> frozenset[str]:
    """What a class file under ``models/`` defines (methods, instance and class attributes), read like the bases."""
    folder = _auto_dir()
    if folder is None:
        return frozenset()
    return _names_defined_in((str(path.relative_to(folder.parent.parent)),), _CLASS_NAME_PATTERNS)


@functools.lru_cache(maxsize=64)
def tokenizer_class_attributes(name: str) -> frozenset[str] | None:
    """The methods and attributes the installed transformers' tokenizer class ``name`` has: its base classes' and what
    its own file defines (5.x keeps "XTokenizerFast" only as an alias of "XTokenizer"); None for a class transformers
    does not define (a repo's own tokenizer) or without transformers."""
    files = _tokenizer_class_files()
    path = files.get(name) or (files.get(name[:-4]) if name.endswith("TokenizerFast") else None)
    if path is None or not tokenizer_attributes():
        return None
    return tokenizer_attributes() | _own_file_names(path)


#: the files of transformers' model base classes (PreTrainedModel with its mixins, GenerationMixin, the PEFT, hub and
#: distributed mixins, the checkpointing layer); a file a release lacks is skipped
_MODEL_BASE_FILES = ("modeling_utils.py", "modeling_layers.py", "generation/utils.py",
                     "generation/continuous_batching/continuous_api.py", "integrations/peft.py", "utils/hub.py",
                     "distributed/mixin.py")


@functools.lru_cache(maxsize=1)
def _model_base_attributes() -> frozenset[str]:
    """What every transformers model has from its base classes in the release installed here (read, not imported)."""
    return _names_defined_in(_MODEL_BASE_FILES, _CLASS_NAME_PATTERNS)


@functools.lru_cache(maxsize=1)
def torch_module_names() -> frozenset[str]:
    """What torch's ``nn.Module`` defines (``to``, ``parameters``, ``training`` ...), read from the installed torch's
    ``nn/modules/module.py``; empty without torch."""
    folder = _torch_folder()
    try:
        text = (folder / "nn" / "modules" / "module.py").read_text(encoding="utf-8") if folder else ""
    except OSError:
        return frozenset()
    return frozenset(n for pattern in _CLASS_NAME_PATTERNS for n in pattern.findall(text))


@functools.lru_cache(maxsize=64)
def _model_class_file(name: str) -> Path | None:
    """The installed transformers' ``models/<model>/modeling_*.py`` that defines the class ``name``, looked for only in
    the folders whose name starts the class's ("CLIPTextTransformer" in models/clip, "LlavaNextModel" in
    models/llava_next): a bare helper name ("Transformer", "Attention") some modeling file also uses is as likely
    another library's class. Read, not imported; None without transformers or for no such class."""
    folder = _auto_dir()
    if folder is None or not re.fullmatch(r"[A-Za-z_]\w{0,100}", name):
        return None
    key = name.lower().replace("_", "")
    statement = re.compile(rf"^class {re.escape(name)}\(", re.M)
    folders = [path for path in folder.parent.iterdir()
               if path.is_dir() and path.name != "auto" and key.startswith(path.name.replace("_", ""))]
    for model_folder in sorted(folders, key=lambda path: -len(path.name)):  # llava_next before llava
        for path in sorted(model_folder.glob("modeling_*.py")):
            try:
                if statement.search(path.read_text(encoding="utf-8")):
                    return path
            except OSError:
                continue
    return None


@functools.lru_cache(maxsize=64)
def model_class_attributes(name: str) -> frozenset[str] | None:
    """The methods and attributes the installed transformers' model class ``name`` (any class of a
    ``models/*/modeling_*.py`` named after its model: "CLIPTextTransformer" too) has: what its class body and the
    bases in its own file define, the model base classes' (when a base lies outside the file) and torch's
    ``nn.Module``'s. None for a class transformers does not define (remote code's, a wrapper's)
    or without transformers or torch: "'CLIPTextTransformer' object has no attribute '_build_causal_attention_mask'"
    names one this release lacks, so the code that calls it was written for an older one."""
    path = _model_class_file(name)
    module = torch_module_names()
    if path is None or not module:
        return None
    own, has_outside_base = _class_names_in_file(path, name)
    # a class whose bases all lie in its own file or are torch's Module (an attention layer, an MLP) has nothing of
    # transformers' model base classes
    return (_model_base_attributes() if has_outside_base else frozenset()) | module | own


_CLASS_WITH_BASES = re.compile(r"^class (\w+)\(([^)]*)\)", re.M)
#: the end of a class body: the next statement at the file's left margin
_TOP_LEVEL = re.compile(r"^(?=[^\s#)\]}])", re.M)


@functools.lru_cache(maxsize=16)
def _class_bodies(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each top-level class of a modeling file: its body's text and its bases' names (read once per file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    bodies: dict[str, tuple[str, tuple[str, ...]]] = {}
    for statement in _CLASS_WITH_BASES.finditer(text):
        end = _TOP_LEVEL.search(text, statement.end() + 1)
        bases = tuple(base.strip().split(".")[-1] for base in statement.group(2).split(",") if base.strip())
        bodies[statement.group(1)] = (text[statement.start():end.start() if end else len(text)], bases)
    return bodies


def _class_names_in_file(path: Path, name: str) -> tuple[frozenset[str], bool]:
    """What the class ``name`` of this modeling file defines, with the bases defined in the same file (LlamaAttention
    and not LlamaModel: "'LlamaAttention' object has no attribute 'rotary_emb'" names what moved to the model in
    4.48), and whether a base other than torch's Module lies outside the file. The whole file's names (and True)
    where the class cannot be found."""
    bodies = _class_bodies(path)
    if name not in bodies:
        return _own_file_names(path), True
    names: set[str] = set()
    outside = False
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in bodies:
            outside = outside or current != "Module"
            continue
        body, bases = bodies[current]
        for pattern in _CLASS_NAME_PATTERNS:
            names.update(pattern.findall(body))
        todo.extend(bases)
    return frozenset(n for n in names if not n.startswith("__")), outside


_PROCESSOR = re.compile(r"\"([A-Z]\w{1,100}(?:Processor|ProcessorFast|ProcessorPil|FeatureExtractor))\"")


@functools.lru_cache(maxsize=1)
def processor_classes() -> frozenset[str]:
    """The processor, image/video processor and feature extractor classes the Auto mappings name (5.x keeps them in
    auto_mappings.py, 4.x in processing_auto.py and its siblings): model-specific classes the top-level __init__ of
    5.x no longer lists."""
    names: set[str] = set()
    for file in ("auto_mappings.py", "processing_auto.py", "image_processing_auto.py", "feature_extraction_auto.py",
                 "video_processing_auto.py"):
        names.update(_PROCESSOR.findall(_read(file)))
    return frozenset(names)


def class_known(name: str) -> bool | None:
    """Whether transformers defines this class (a model, config, tokenizer or processor class, an Auto class or a
    top-level export); None when it cannot tell."""
    if not _available():
        return None
    known = (name.startswith("Auto") or name in exported_names() or name in model_classes()
             or name in config_names().values() or name in tokenizer_classes() or name in processor_classes())
    # transformers 5 made every tokenizer the fast one and keeps "XTokenizerFast" only as an alias of "XTokenizer",
    # named in neither table: a pasted 4.x text's BertTokenizerFast is still transformers' own class
    return known or (name.endswith("TokenizerFast") and name[:-4] in tokenizer_classes())


@functools.lru_cache(maxsize=1)
def _torch_folder() -> Path | None:
    """The installed torch's package folder, found without importing it (importing torch takes seconds)."""
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


@functools.lru_cache(maxsize=1)
def _torch_top_level() -> tuple[Path, str] | None:
    """The installed torch's folder and the text of the files that define its top-level names (``__init__.py`` and
    the stubs of its C functions and dtypes), read, not imported; None without torch."""
    folder = _torch_folder()
    if folder is None:
        return None
    texts = []
    for relative in ("__init__.py", "_C/__init__.pyi", "_C/_VariableFunctions.pyi"):
        try:
            texts.append((folder / relative).read_text(encoding="utf-8"))
        except OSError:
            continue
    return (folder, "\n".join(texts)) if texts else None


@functools.lru_cache(maxsize=64)
def _torch_module_source(module: str) -> tuple[Path, str] | None:
    """The folder and source text of the installed torch's ``module`` (``torch`` itself: its top level, as
    ``_torch_top_level`` reads it; ``torch.nn.functional``: that file, or the package's ``__init__``), read, not
    imported; None without torch or for a module that is no file here."""
    top = _torch_top_level()
    if top is None:
        return None
    if module == "torch":
        return top
    parts = module.split(".")
    if parts[0] != "torch" or not all(re.fullmatch(r"[A-Za-z_]\w{0,80}", part) for part in parts[1:]):
        return None
    folder = top[0].joinpath(*parts[1:])
    texts = []
    for source in (folder / "__init__.py", folder / "__init__.pyi", folder.with_suffix(".py"),
                   folder.with_suffix(".pyi")):
        try:
            texts.append(source.read_text(encoding="utf-8"))
        except OSError:
            continue
    return (folder, "\n".join(texts)) if texts else None


def torch_defines(name: str, module: str = "torch") -> bool | None:
    """Whether the installed torch has ``<module>.<name>`` (a function, a dtype, a submodule; ``module`` is ``torch``
    or one of its submodules, such as ``torch.nn.functional``), read from its sources; None without torch, for a name
    that is not an identifier, or for a submodule whose source is not a file here. "module 'torch' has no attribute
    'frombuffer'" where this torch has it: the torch that raised is older."""
    source = _torch_module_source(module) if re.fullmatch(r"[A-Za-z_]\w{1,80}", name) else None
    if source is None:
        return None
    folder, text = source
    if (folder / name).is_dir() or (folder / f"{name}.py").is_file():
        return True
    if re.search(rf"^\s*(?:def\s+|class\s+)?{re.escape(name)}\s*[(:=]", text, re.M):
        return True  # a definition or an assignment
    if re.search(rf"\b{re.escape(name)} as {re.escape(name)}\b", text):
        # the explicit re-export of an import: "from torch.autograd import (..., inference_mode as inference_mode, ...)"
        return True
    # in a submodule, also a name imported into it ("from torch._C._nn import (..., name, ...)" on one line);
    # torch's own __init__ imports other packages by name, which are no attributes it defines
    return module != "torch" and bool(
        re.search(rf"^from\s+[\w.]+\s+import\s+[^\n]*\b{re.escape(name)}\b", text, re.M))


_NN_CLASS = re.compile(r"^class ([A-Z]\w{1,80})\(", re.M)
_NN_SELF_ATTRIBUTE = re.compile(r"^\s+self\.([a-z_]\w{0,80})\s*(?::[^=\n]{1,200})?=(?!=)\s*([^\n]{0,80})", re.M)
_NN_SET_ATTRIBUTE = re.compile(r"super\(\)\.__setattr__\(\s*[\"'](\w{1,80})[\"']")
_NN_REGISTERED = re.compile(r"register_(?:buffer|parameter)\(\s*[\"'](\w{1,80})[\"']")
#: What torch 1.0's Module.__init__ already set: a module without one of these never ran Module.__init__ (a subclass
#: that sets attributes before calling super().__init__()), which is no pickle of an older torch
_MODULE_INIT_SINCE_1_0 = frozenset({"training", "_parameters", "_buffers", "_backward_hooks", "_forward_hooks",
                                    "_forward_pre_hooks", "_state_dict_hooks", "_load_state_dict_pre_hooks",
                                    "_modules"})


@functools.lru_cache(maxsize=1)
def _torch_nn_modules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From the installed torch's ``nn/modules`` sources (read, not imported): its module classes; the plain attributes
    their ``__init__`` methods set on the instance (``self.proj_size = proj_size``), parameters and buffers left out
    (those live in the pickled ``_parameters`` and ``_buffers``); and ``Module.__init__``'s own private bookkeeping
    (``_load_state_dict_post_hooks``). Empty without torch."""
    folder = _torch_folder()
    if folder is None:
        return frozenset(), frozenset(), frozenset()
    classes: set[str] = set()
    attributes: set[str] = set()
    # weight and bias are parameters in every layer, even where a layer's code assigns them None or through a helper
    registered: set[str] = {"weight", "bias"}
    module_own: set[str] = set()
    for path in sorted((folder / "nn" / "modules").glob("*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        classes.update(_NN_CLASS.findall(text))
        for name, value in _NN_SELF_ATTRIBUTE.findall(text):
            if "Parameter(" in value or "Buffer(" in value:
                registered.add(name)
            else:
                attributes.add(name)
        registered.update(_NN_REGISTERED.findall(text))
        if path.name == "module.py":
            module_own.update(n for n in _NN_SET_ATTRIBUTE.findall(text) if n.startswith("_"))
    return (frozenset(classes), frozenset(attributes - registered - _MODULE_INIT_SINCE_1_0),
            frozenset(module_own - _MODULE_INIT_SINCE_1_0))


def torch_module_lacks_own_attribute(owner: str, attribute: str) -> bool | None:
    """Whether ``'<owner>' object has no attribute '<attribute>'`` names an attribute the installed torch's module
    code sets in ``__init__``: a plain attribute of one of its own classes (``'LSTM'`` / ``proj_size``), or a private
    attribute of ``Module`` itself on any module (``_load_state_dict_post_hooks``). Unpickling does not run
    ``__init__``, so a module pickled whole by an older torch lacks what later releases added. None without torch."""
    classes, attributes, module_own = _torch_nn_modules()
    if not classes:
        return None
    return attribute in module_own or (owner in classes and attribute in attributes)


@functools.lru_cache(maxsize=1)
def _names_by_lower_case() -> dict[str, str]:
    names: dict[str, str] = {}
    for group in (exported_names(), model_classes(), frozenset(config_names().values()), tokenizer_classes()):
        for name in group:
            names.setdefault(name.lower(), name)
    return names


def spelled_otherwise(name: str) -> str | None:
    """The name transformers defines for ``name`` in another capitalisation (``LlamaForCausalLM`` for the
    pre-release ``LLaMAForCausalLM``), or None: ``name`` is known as written, unknown in any case, or cannot be
    checked without transformers."""
    if class_known(name) is not False:  # known as written, or no transformers to check against
        return None
    other = _names_by_lower_case().get(name.lower())
    if other is None:  # the same letters with other underscores: Qwen2_5VLForConditionalGeneration
        other = _names_by_letters().get(name.lower().replace("_", ""))
    return other if other and other != name else None


@functools.lru_cache(maxsize=1)
def _names_by_letters() -> dict[str, str]:
    """transformers' names by their lower-case letters without underscores; a key two names share is left out."""
    names: dict[str, str] = {}
    shared: set[str] = set()
    for name in set(_names_by_lower_case().values()):
        key = name.lower().replace("_", "")
        if key in names and names[key] != name:
            shared.add(key)
        names[key] = name
    return {key: name for key, name in names.items() if key not in shared}


@functools.lru_cache(maxsize=256)
def completed_name(name: str) -> str | None:
    """The model class transformers defines for a shortened ``name`` (``ColPaliForRetrieval`` for ``ColPali``), or
    None: ``name`` is known, no model class starts with it, or transformers cannot be checked.

    Code written from a model card or a paper often imports the architecture's bare name; transformers names its
    classes for the head (``<Name>For<Task>``, ``<Name>Model``), and the bare name is never one of them.
    """
    if len(name) < 4 or not name[:1].isupper() or class_known(name) is not False:
        return None
    heads = [k for k in model_classes() if k.startswith(name) and (k[len(name):].startswith("For")
                                                                  or k[len(name):] == "Model")]
    # a task head first (what a script that names the model wants to run), then the bare Model; shortest, then A-Z
    return min(heads, key=lambda k: (not k[len(name):].startswith("For"), len(k), k), default=None)


def model_type_family_known(model_type: str) -> bool | None:
    """Whether a model_type unknown to transformers is made of known ones (``llava_llama``: llava and llama), the
    way derivative projects name the types they register themselves; None when transformers cannot be checked."""
    if not _available():
        return None
    parts = [part for part in re.split(r"[_\-]", model_type.lower()) if part]
    return len(parts) >= 2 and any(len(part) >= 4 and part in config_names() for part in parts)


def _available() -> bool:
    return bool(config_names())


def model_type_known(model_type: str) -> bool | None:
    """Whether the installed transformers knows this model_type; None when it cannot tell."""
    return (model_type in config_names()) if _available() else None


@functools.lru_cache(maxsize=4)
def _snapshot(table: str) -> frozenset[str]:
    """The names in ``advisor/<table>_snapshot.txt`` (one a line, ``#`` lines are comments): transformers' own table
    in the releases the project was built against, written by scripts/snapshot_model_types.py; empty if absent."""
    try:
        text = (Path(__file__).parent / f"{table}_snapshot.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def snapshot_model_types() -> frozenset[str]:
    """The model types of the newest transformers the project was built against and of the last 4.x
    (advisor/model_types_snapshot.txt, from transformers' own CONFIG_MAPPING_NAMES)."""
    return _snapshot("model_types")


@functools.lru_cache(maxsize=1)
def _any_release_model_types() -> frozenset[str]:
    return snapshot_model_types() | frozenset(config_names())


def model_type_in_any_release(model_type: str) -> bool | None:
    """Whether the installed transformers or the newest release in the snapshot knows this model_type: False means
    no release up to the snapshot's has it (the checkpoint's or its project's own type), not only an old install."""
    known = _any_release_model_types()
    return (model_type in known) if known else None


_MAPPING_KEY = re.compile(r"\(\s*\"([a-z][\w\-]{0,80})\",")
#: Where each mapping of preprocessing classes lives: 5.x keeps them together in auto_mappings.py, 4.x in the file of
#: its own Auto class.
_MAPPING_FILES = {
    "TOKENIZER_MAPPING_NAMES": ("tokenization_auto.py",),
    "PROCESSOR_MAPPING_NAMES": ("auto_mappings.py", "processing_auto.py"),
    "IMAGE_PROCESSOR_MAPPING_NAMES": ("auto_mappings.py", "image_processing_auto.py"),
    "FEATURE_EXTRACTOR_MAPPING_NAMES": ("auto_mappings.py", "feature_extraction_auto.py"),
    "VIDEO_PROCESSOR_MAPPING_NAMES": ("auto_mappings.py", "video_processing_auto.py"),
}


@functools.lru_cache(maxsize=8)
def mapping_model_types(mapping: str) -> frozenset[str]:
    """The model types one of transformers' mappings of preprocessing classes holds (``TOKENIZER_MAPPING_NAMES``,
    ``IMAGE_PROCESSOR_MAPPING_NAMES`` ...); empty when transformers or the mapping is not found."""
    head = re.compile(rf"^\s*{mapping} = OrderedDict", re.M)
    for file in _MAPPING_FILES.get(mapping, ()):
        text = _read(file)
        start = head.search(text)
        if start:
            body = text[start.end():].split("\n)\n", 1)[0]
            return frozenset(_MAPPING_KEY.findall(body))
    return frozenset()


#: The Auto class that loads a model type's preprocessing where it has no tokenizer, most general first.
_PREPROCESSOR_AUTOS = (("PROCESSOR_MAPPING_NAMES", "AutoProcessor"),
                       ("IMAGE_PROCESSOR_MAPPING_NAMES", "AutoImageProcessor"),
                       ("VIDEO_PROCESSOR_MAPPING_NAMES", "AutoVideoProcessor"),
                       ("FEATURE_EXTRACTOR_MAPPING_NAMES", "AutoFeatureExtractor"))


#: Auto heads whose models take no text: images, video, audio, time series. A model type with only these (and the bare
#: AutoModel or a pre-training head) reads its inputs through a preprocessor, never a tokenizer.
_NON_TEXT_HEAD = re.compile(r"AutoModelFor(?:Image(?!TextToText)\w*|MaskedImageModeling|CausalImageModeling|"
                            r"ObjectDetection|\w*Segmentation|DepthEstimation|Backbone|Keypoint\w*|MaskGeneration|"
                            r"PoseEstimation|PointmapEstimation|NormalEstimation|VideoClassification|Audio\w*|"
                            r"TimeSeries\w*|Decision)")


def model_type_takes_no_text(model_type: str) -> bool | None:
    """Whether this model type has no tokenizer at all: no tokenizer or processor entry, and only image, video, audio
    or time-series heads (ViT, DETR, ResNet); None when transformers' tables cannot be read or do not hold the type.
    (transformers 5 leaves many text models out of TOKENIZER_MAPPING_NAMES, so the heads decide, not that table.)"""
    tokenizers = mapping_model_types("TOKENIZER_MAPPING_NAMES")
    heads = set(auto_classes_for(model_type))
    if not tokenizers or not heads:
        return None
    if model_type in tokenizers or model_type in mapping_model_types("PROCESSOR_MAPPING_NAMES"):
        return False
    specific = heads - {"AutoModel", "AutoModelForPreTraining"}
    return bool(specific) and all(_NON_TEXT_HEAD.fullmatch(auto) for auto in specific)


def preprocessor_auto_class(model_type: str) -> str | None:
    """The Auto class of this model type's preprocessing (``AutoProcessor``, ``AutoImageProcessor`` ...), or None."""
    return next((auto for mapping, auto in _PREPROCESSOR_AUTOS if model_type in mapping_model_types(mapping)), None)


def config_class_known(name: str) -> bool | None:
    """Whether the config class is one of transformers' own; None when it cannot tell."""
    return (name in set(config_names().values())) if _available() else None


@functools.lru_cache(maxsize=1)
def _any_release_tokenizer_classes() -> frozenset[str]:
    """The installed release's tokenizer classes and those of the releases in advisor/tokenizer_classes_snapshot.txt
    (the newest and the last 4.x: transformers 5 dropped CodeGenTokenizer, DistilBertTokenizer ... for a shared one)."""
    installed = tokenizer_classes()
    return installed | _snapshot("tokenizer_classes") if installed else frozenset()


def tokenizer_class_known(name: str) -> bool | None:
    """Whether the tokenizer class (or its slow/fast twin) is one of transformers' own, in the installed release or
    another (the snapshot's); None when unknown."""
    known = _any_release_tokenizer_classes()
    if not known:
        return None
    base = name.removesuffix("Fast")
    return name in known or base in known or f"{base}Fast" in known


def tokenizer_class_status(name: str) -> str | None:
    """``known``, ``case_mismatch`` (a known class spelled with other capitals: ``LLaMATokenizer``) or
    ``unknown`` (not one of transformers': remote code, or a class of another release); None when it cannot tell."""
    known = _any_release_tokenizer_classes()
    if not known:
        return None
    if tokenizer_class_known(name):
        return "known"
    lowered = {k.lower() for k in known}
    base = name.removesuffix("Fast").lower()
    return "case_mismatch" if name.lower() in lowered or base in lowered else "unknown"


#: transformers 5 marks a tokenizer that only SentencePiece can build with a decorator or a base class; 4.x lists such
#: classes as placeholders in utils/dummy_sentencepiece_objects.py.
_REQUIRES_SENTENCEPIECE = re.compile(r"@requires\(backends=\(([^)]*)\)\)\s*\nclass (\w+)\(")
_SENTENCEPIECE_BASE = re.compile(r"^class (\w+)\(SentencePieceBackend\)", re.M)
_DUMMY_CLASS = re.compile(r"^class (\w+Tokenizer)\(metaclass=DummyObject\)", re.M)


@functools.lru_cache(maxsize=1)
def sentencepiece_only_tokenizers() -> frozenset[str]:
    """Tokenizer classes of the installed transformers that only SentencePiece can build: they need it and have no
    tokenizers-backed twin (``XFast``). transformers leaves such a class out when sentencepiece is missing, and
    AutoTokenizer then says the class "does not exist or is not currently imported"."""
    folder = _auto_dir()
    if folder is None:
        return frozenset()
    models = folder.parent
    found: set[str] = set()
    for path in models.glob("*/tokenization_*.py"):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if "SentencePiece" not in text and "sentencepiece" not in text:
            continue
        found.update(name for backends, name in _REQUIRES_SENTENCEPIECE.findall(text) if "sentencepiece" in backends)
        found.update(_SENTENCEPIECE_BASE.findall(text))
    try:
        found.update(_DUMMY_CLASS.findall((models.parent / "utils" / "dummy_sentencepiece_objects.py").read_text(
            encoding="utf-8")))
    except OSError:
        pass
    known = tokenizer_classes()
    return frozenset(name for name in found if f"{name}Fast" not in known)


def tokenizer_class_backend(name: str) -> str | None:
    """``sentencepiece`` when the installed transformers builds this tokenizer class only with SentencePiece; None
    when it can tell nothing (another backend, an unknown class, or no transformers)."""
    return "sentencepiece" if name in sentencepiece_only_tokenizers() else None


def model_type_of_config(config_class: str) -> str | None:
    """The model_type whose config class this is, or None."""
    return next((mt for mt, klass in config_names().items() if klass == config_class), None)


#: Auto classes whose models take a composite config (a vision/audio part next to a text_config).
_COMPOSITE_AUTOS = ("AutoModelForImageTextToText", "AutoModelForVisualQuestionAnswering", "AutoModelForMultimodalLM")


def config_is_composite(model_type: str) -> bool | None:
    """Whether this model type is a multimodal one (in an image-text-to-text style Auto mapping); None if unknown."""
    mappings = auto_mappings()
    if not mappings:
        return None
    return any(model_type in mappings.get(auto, frozenset()) for auto in _COMPOSITE_AUTOS)


def auto_classes_for(model_type: str) -> list[str]:
    """The Auto classes whose mapping holds this model type, AutoModel and CausalLM first."""
    found = [auto for auto, types in auto_mappings().items() if model_type in types]
    order = {"AutoModelForCausalLM": 0, "AutoModel": 1, "AutoModelForImageTextToText": 2,
             "AutoModelForSeq2SeqLM": 3}
    return sorted(found, key=lambda a: (order.get(a, 9), a))


#: Libraries transformers, diffusers and apps call into, whose top-level functions a bare "f() got an unexpected keyword
#: argument" can name (accelerate's load_checkpoint_and_dispatch, peft's get_peft_model ...).
_CALLED_LIBRARIES = ("accelerate", "peft", "safetensors", "bitsandbytes", "optimum")


@functools.lru_cache(maxsize=8)
def _top_level_origin(package: str) -> str | None:
    """The path of the installed ``package``'s ``__init__.py``, found without importing it; None when absent."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith("__init__.py"):
        return None
    return spec.origin


@functools.lru_cache(maxsize=8)
def _top_level_source(package: str) -> str:
    """The installed ``package``'s ``__init__.py`` text (read, not imported: importing these loads torch), or ""."""
    origin = _top_level_origin(package)
    try:
        return Path(origin).read_text(encoding="utf-8") if origin else ""
    except OSError:
        return ""


@functools.lru_cache(maxsize=1)
def _quantization_config_parameters() -> dict[str, frozenset[str] | None]:
    """Each quantization config class of the installed transformers -> the keyword names its ``__init__`` takes (None
    when it also takes ``**kwargs``), read with ``ast`` from ``utils/quantization_config.py``: importing it loads
    torch, and the class table is the file itself."""
    import ast

    auto = _auto_dir()
    try:
        source = (auto.parent.parent / "utils" / "quantization_config.py").read_text(encoding="utf-8") if auto else ""
        tree = ast.parse(source)
    except (OSError, SyntaxError, ValueError):
        return {}
    out: dict[str, frozenset[str] | None] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or not node.name.endswith("Config"):
            continue
        init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
        if init is None:
            continue
        args = init.args
        out[node.name] = None if args.kwarg else frozenset(
            a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.arg != "self")
    return out


def quantization_config_takes(owner: str, kwarg: str) -> bool | None:
    """Whether the installed transformers' quantization config class ``owner`` (AwqConfig, GPTQConfig ...) takes
    ``kwarg``; None when ``owner`` is not one of its quantization config classes."""
    table = _quantization_config_parameters()
    if owner not in table:
        return None
    params = table[owner]
    return True if params is None else kwarg in params


_QUANT_METHOD_VALUE = re.compile(r'^    [A-Z][A-Z0-9_]{0,40} = "([a-z][\w\-]{0,40})"', re.M)
_QUANT_MAPPING_KEY = re.compile(r'^    "([a-z][\w\-]{0,40})": \w{1,80}Config,', re.M)


@functools.lru_cache(maxsize=1)
def quant_methods() -> frozenset[str]:
    """The quantization methods the installed transformers loads: QuantizationMethod's values and the keys of
    AUTO_QUANTIZATION_CONFIG_MAPPING (bitsandbytes_4bit ...), read from their source files (empty without
    transformers)."""
    auto = _auto_dir()
    if auto is None:
        return frozenset()
    root = auto.parent.parent
    found: set[str] = set()
    for relative, pattern in (("utils/quantization_config.py", _QUANT_METHOD_VALUE),
                              ("quantizers/auto.py", _QUANT_MAPPING_KEY)):
        try:
            text = (root / relative).read_text(encoding="utf-8")
        except OSError:
            continue
        if relative.endswith("quantization_config.py"):  # only the enum's body, not every constant of the file
            start = text.find("class QuantizationMethod(")
            end = text.find("\nclass ", start + 1) if start >= 0 else -1
            text = text[start:end if end >= 0 else None] if start >= 0 else ""
        found.update(pattern.findall(text))
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def _any_release_quant_methods() -> frozenset[str]:
    return quant_methods() | _snapshot("quant_methods")


def quant_method_in_any_release(method: str) -> bool | None:
    """Whether the installed transformers or a release in the snapshot loads checkpoints quantized with ``method``
    (fp8, exl2 ...): False means no release up to the snapshot's newest does (another runtime's format)."""
    known = _any_release_quant_methods()
    return (method.lower() in known) if known else None


#: Libraries whose installed top level is read to tell a removed name from one the user's copy is too old for.
_EXPORTING_LIBRARIES = ("huggingface_hub", "accelerate", "peft", "diffusers", "safetensors", "bitsandbytes",
                        "optimum")


def _top_level_names(package: str, name: str) -> bool | None:
    """Whether the installed ``package``'s ``__init__.py`` names ``name`` (it lists its lazy exports too); None when
    the package is not installed or the name is no identifier."""
    if not re.fullmatch(r"[A-Za-z_]\w{1,80}", name):
        return None
    source = _top_level_source(package)
    return bool(re.search(rf"\b{re.escape(name)}\b", source)) if source else None


def transformers_exports(name: str) -> bool | None:
    """Whether the installed transformers' top level names ``name``: a helper its ``__init__.py`` lists (AdamW,
    cached_path, top_k_top_p_filtering in the releases that had them) or one of its classes; None without it."""
    listed = _top_level_names("transformers", name)
    return None if listed is None else listed or bool(class_known(name))


def package_exports(package: str, name: str) -> bool | None:
    """Whether the installed ``package``'s top level names ``name`` (read from its ``__init__.py``, which lists its
    lazy exports too); None when the package is not one read here or is not installed."""
    return _top_level_names(package, name) if package in _EXPORTING_LIBRARIES else None


@functools.lru_cache(maxsize=256)
def library_module_exists(dotted: str) -> bool | None:
    """Whether the installed library (one of _EXPORTING_LIBRARIES) has the submodule ``dotted``
    ("huggingface_hub.commands"): a file or package under its folder, looked up without importing; None when the
    library is not one read here, is not installed, or the name is not a module path."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] not in _EXPORTING_LIBRARIES or not all(p.isidentifier() for p in parts):
        return None
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        return None
    # a namespace package (optimum) has several folders, and namespace subpackages without __init__.py
    return any(_module_file(Path(folder), parts[1:]) is not None or Path(folder).joinpath(*parts[1:]).is_dir()
               for folder in locations)


def library_exporting(function: str) -> str | None:
    """The library among _CALLED_LIBRARIES whose installed top level names ``function``, or None (unknown here)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{2,80}", function):
        return None
    word = re.compile(rf"\b{re.escape(function)}\b")
    return next((package for package in _CALLED_LIBRARIES if word.search(_top_level_source(package))), None)


_TASK_KEY = re.compile(r'^    "([a-z0-9][a-z0-9\-]{1,60})": [{"]', re.M)


@functools.lru_cache(maxsize=1)
def pipeline_tasks() -> frozenset[str]:
    """The task names ``pipeline()`` of the installed transformers accepts (SUPPORTED_TASKS and TASK_ALIASES, read
    from ``pipelines/__init__.py``); empty when transformers is absent or the file has another shape."""
    folder = _auto_dir()
    if folder is None:
        return frozenset()
    try:
        source = (folder.parent.parent / "pipelines" / "__init__.py").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    supported = source.find("SUPPORTED_TASKS = {")
    aliases = source.find("TASK_ALIASES = {")
    start = aliases if 0 <= aliases < supported else supported  # the aliases table precedes the tasks where it exists
    end = source.find("\n}\n", supported)
    return frozenset(_TASK_KEY.findall(source[start:end])) if start >= 0 and end > start else frozenset()


def pipeline_task_known(task: str) -> bool | None:
    """Whether the installed transformers' ``pipeline()`` knows ``task`` (translation_xx_to_yy counts as
    translation); None when that cannot be told here."""
    tasks = pipeline_tasks()
    if not tasks:
        return None
    return re.sub(r"^translation_\w+_to_\w+$", "translation", task) in tasks


@functools.lru_cache(maxsize=1)
def _hub_function_modules() -> dict[str, str]:
    """huggingface_hub's top-level name -> the submodule that defines it, from its ``__init__.py``'s lazy-export table
    (``_SUBMOD_ATTRS``), read with ``ast``; {} when huggingface_hub is absent or keeps no such table."""
    import ast

    try:
        tree = ast.parse(_top_level_source("huggingface_hub"))
    except (SyntaxError, ValueError):
        return {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_SUBMOD_ATTRS" for t in node.targets):
            try:
                table = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return {name: module for module, names_ in table.items() for name in names_}
    return {}


@functools.lru_cache(maxsize=64)
def hub_function_parameters(function: str) -> frozenset[str] | None:
    """The parameters the installed huggingface_hub's top-level function ``function`` (hf_hub_download,
    snapshot_download, HfApi's model_info ...) takes, read with ``ast`` from the module its lazy-export table names,
    every overload; None when huggingface_hub is absent, does not export the name, or the function takes ``**kwargs``
    (then no argument is refused by name)."""
    import ast

    module = _hub_function_modules().get(function)
    origin = _top_level_origin("huggingface_hub")
    if module is None or origin is None:
        return None
    try:
        tree = ast.parse((Path(origin).parent / f"{module}.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    # module-level functions and the methods of its classes (HfApi.model_info is exported as a bound method)
    defs = [node for top in tree.body for node in ([top] if not isinstance(top, ast.ClassDef) else top.body)
            if isinstance(node, ast.FunctionDef) and node.name == function]
    if not defs or any(node.args.kwarg for node in defs):
        return None
    return frozenset(arg.arg for node in defs for arg in (*node.args.posonlyargs, *node.args.args,
                                                          *node.args.kwonlyargs, *filter(None, [node.args.vararg]))
                     if arg.arg != "self")
