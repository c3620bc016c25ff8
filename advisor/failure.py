"""Failure: one normalised error, from a live exception chain or from pasted traceback text."""

from __future__ import annotations

import difflib
import re
import sys
import traceback
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import exception_chain
from advisor.oom import parse_oom
from advisor.redact import redact_text

Phase = Literal["load", "tokenizer", "verify", "preflight", "text"]
MAX_CHAIN = 12


class ErrorInfo(BaseModel):
    """One exception of a chain: its qualified type, every base-class name, and its message."""

    model_config = ConfigDict(frozen=True)

    type: str  # e.g. "huggingface_hub.errors.RepositoryNotFoundError"
    names: frozenset[str]  # short and qualified names of the type and its bases (lower-case)
    message: str

    @property
    def short(self) -> str:
        return self.type.rsplit(".", 1)[-1]


def _type_names(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        names.add(klass.__name__.lower())
        names.add(f"{klass.__module__}.{klass.__qualname__}".lower())
    return frozenset(names)


def _text_type_names(qualified: str) -> frozenset[str]:
    short = qualified.rsplit(".", 1)[-1]
    return frozenset({qualified.lower(), short.lower()})


class Failure(BaseModel):
    """An error to diagnose: the chain outermost first, the phase it happened in, and all its text."""

    model_config = ConfigDict(frozen=True)

    chain: list[ErrorInfo]
    phase: Phase = "load"
    text: str = ""  # every message (and, for pasted text, the whole paste) for regex matching
    excerpt: str = ""  # a short traceback excerpt for humans
    pasted: bool = False
    details: dict[str, Any] = Field(default_factory=dict)  # what the text names: see _details

    @property
    def top(self) -> ErrorInfo:
        return self.chain[0]

    def has_type(self, name: str) -> bool:
        """True if any exception in the chain is (a subclass of) ``name``; short or qualified names."""
        wanted = name.lower()
        return any(wanted in info.names for info in self.chain)

    @classmethod
    def from_exception(cls, exc: BaseException, phase: Phase = "load") -> Failure:
        """Walk ``__cause__``/``__context__`` (transformers wraps hub errors in OSError) into a chain."""
        chain: list[ErrorInfo] = []
        for current in exception_chain(exc, limit=MAX_CHAIN, respect_suppress=True):
            klass = type(current)
            chain.append(
                ErrorInfo(
                    type=f"{klass.__module__}.{klass.__qualname__}".removeprefix("builtins."),
                    names=_type_names(klass),
                    message=redact_text(_message(current)),
                )
            )
        text = "\n".join(f"{info.type}: {info.message}" for info in chain)
        frames = traceback.extract_tb(exc.__traceback__)[-3:] if exc.__traceback__ else []
        excerpt = "".join(traceback.format_list(frames)) + f"{chain[0].type}: {chain[0].message}"
        return cls(chain=chain, phase=phase, text=text, excerpt=redact_text(excerpt[-2000:]),
                   details=_details(text))

    @classmethod
    def from_text(cls, raw: str) -> Failure:
        """Parse pasted text (tracebacks, log lines, a bare message) into a best-effort chain."""
        from advisor.textparse import clean_text, parse_exceptions

        text = redact_text(clean_text(raw))
        found = parse_exceptions(text)
        # each distinct exception once, in order: a log that repeats one (every rank, every retry) names it once,
        # and the chain is read as a set of types with its first (outermost) entry on top
        chain = [ErrorInfo(type=name, names=_text_type_names(name), message=msg) for name, msg in dict.fromkeys(found)]
        if not chain:
            chain = [ErrorInfo(type="", names=frozenset(), message=text.strip()[-2000:])]
        return cls(chain=chain, phase="text", text=text, excerpt=text.strip()[-2000:], pasted=True,
                   details=_details(text, found))


#: The names ``failure.details`` may hold (``[match] fields`` keys are checked against this at pack load).
DETAIL_FIELDS: frozenset[str] = frozenset({
    # the chain and the Hub's answer
    "exception_types", "exception_type", "http_status", "url_host", "url_path", "url_passed_path", "url_repo",
    "url_revision", "url_file", "checkout_revision", "web_path_repo", "web_path_revision", "web_path_file",
    "invalid_repo_id",
    "url_repo_local_like", "missing_file_source", "model_id_local_like", "model_id_placeholder", "model_id_format",
    "cache_snapshot_repo", "cache_snapshot_subpath",
    # what the text names
    "model_id", "id_kind", "model_id_canonical", "cache_repo", "file", "json_error", "json_error_kind", "json_file",
    "model_type",
    "model_type_known", "model_type_family_known", "model_type_vision_language", "model_name_listed",
    "model_type_in_any_release",
    "config_class", "config_class_known", "config_model_type", "config_is_composite", "fitting_auto_class",
    "config_from_remote_code", "model_type_takes_no_text", "preprocessor_auto_class",
    "auto_class_holds_model_type",
    "auto_class", "tokenizer_class", "tokenizer_class_known", "tokenizer_class_status", "tokenizer_class_backend",
    "import_is_tokenizer_class",
    "attribute_owner", "attribute_owner_known", "attribute_owner_stdlib", "missing_attribute",
    "missing_attribute_is_model_method",
    "missing_attribute_is_processor_method", "missing_attribute_in_torch", "missing_attribute_in_installed_tokenizer",
    "missing_attribute_in_installed_model", "missing_attribute_of_torch_module", "missing_attribute_of_tokenizer",
    "missing_attribute_set_by_torch_init",
    "missing_attribute_known",
    "import_name", "import_from", "import_spelled_otherwise", "lazy_import_module", "import_completed",
    "import_name_helper_config",
    "import_name_installed", "import_name_in_transformers", "import_name_successor",
    "missing_module", "missing_module_names_model_type", "missing_module_in_transformers", "missing_module_in_library",
    "missing_module_pre_v4_layout", "package", "python_version", "python_before_3_10", "module_shadowed_by_file",
    "missing_argument", "missing_argument_function", "undefined_name", "undefined_name_in_library",
    "undefined_name_from_transformers",
    "unexpected_kwarg", "unexpected_kwarg_known", "unexpected_kwarg_removed", "kwarg_owner", "kwarg_owner_known",
    "kwarg_method",
    "kwarg_frame_package",
    "kwarg_function_library", "quantization_config_takes_kwarg", "unexpected_kwarg_in_hub",
    "compute_capability", "gpu_name", "gpu_newer_than_torch_build",
    "architecture",
    "architecture_known",
    "checkpoint_shape", "model_shape", "checkpoint_rows", "model_rows", "mismatch_param", "shapes_transposed",
    "attention_projection_narrower",
    "shapes_width_differs", "ignore_sizes_hinted", "split_across_accelerators",
    "truncated", "network_error", "network_unreachable", "gated", "code_revision", "symlink_refused", "unpickle_byte",
    "pipeline_missing_components", "pipeline_missing_only_optional",
    "checkpoint_model_type", "class_model_type",
    "architecture_family", "architecture_family_served", "gguf_architecture", "missing_weight", "cache_ref_missing",
    "listed_name", "listed_name_kind", "listed_name_near", "cuda_library", "build_tool_missing",
    "missing_config_part", "cache_snapshot_folder", "parameters_only_quantization",
    "url_file_local_path", "gguf_repo_path",
    "quant_method", "quant_method_in_transformers", "code_dtype", "code_quantized", "serving_runtime", "host_os",
    "missing_windows_path_length",
    "missing_path_folder_canonical", "home_path_non_ascii",
    "name_list_id", "name_list_id_local_like", "kernel_repo", "engine_free_share",
    "pipeline_task", "pipeline_task_known", "pipeline_task_near", "pipeline_own_class", "spacy_model",
    "keyerror_bare_key",
    # advisor.oom
    "oom_tried_gib", "oom_total_gib", "oom_free_gib", "oom_process_in_use_gib", "oom_allocated_gib",
    "oom_reserved_unallocated_gib", "oom_reserved_gib", "oom_other_process_gib", "oom_gpu", "oom_verdict",
    "oom_why",
})


#: Owners of an AttributeError that are no model: a missing method on them says nothing about transformers.
_BUILTIN_OWNERS = frozenset({"NoneType", "str", "dict", "list", "tuple", "int", "float", "bool", "Tensor", "module",
                             "function", "method", "type", "object"})


#: A model's module as transformers 3.x laid it out ("transformers.modeling_bert", "transformers.tokenization_t5_fast"):
#: group 1 is the model type the name holds
_PRE_V4_MODULE_RE = re.compile(r"transformers\.(?:modeling|configuration|tokenization)_(?:tf_|flax_)?"
                               r"([a-z0-9_]+?)(?:_fast)?")


def _missing_attribute_details(owner: str, missing: str) -> dict[str, bool]:
    """What the installed libraries say of "'<owner>' object has no attribute '<missing>'" (and "module '<owner>' has
    no attribute ..."): whose release, the one that raised or the one installed here, defines the attribute."""
    from advisor import names

    out: dict[str, bool] = {}
    if owner not in _BUILTIN_OWNERS and names.model_methods():
        out["missing_attribute_is_model_method"] = missing in names.model_methods()
    if owner.endswith("Processor") and names.processor_methods():
        # "'LlavaNextProcessor' object has no attribute 'apply_chat_template'": a later release's ProcessorMixin method
        out["missing_attribute_is_processor_method"] = missing in names.processor_methods()
    has = names.tokenizer_class_attributes(owner) if owner.endswith(("Tokenizer", "TokenizerFast")) else None
    if has is not None:
        # "'BertTokenizerFast' object has no attribute 'max_len'": the installed release's class (its base classes and
        # its own file) has it or not
        out["missing_attribute_in_installed_tokenizer"] = missing in has
    if owner == "bool" and names.tokenizer_attributes():
        # "'bool' object has no attribute 'vocab_size'": a flag passed or returned where a tokenizer was meant
        out["missing_attribute_of_tokenizer"] = missing in names.tokenizer_attributes()
    if owner not in _BUILTIN_OWNERS and names.torch_module_names():
        # "'T5Tokenizer' object has no attribute 'to'": what every torch module has (to, cuda, eval, parameters)
        out["missing_attribute_of_torch_module"] = missing in names.torch_module_names()
    model_has = (names.model_class_attributes(owner)
                 if owner not in _BUILTIN_OWNERS and re.fullmatch(r"[A-Z]\w{1,100}", owner) else None)
    if model_has is not None:
        # "'CLIPTextTransformer' object has no attribute '_build_causal_attention_mask'": the installed release's class
        # (its own file, the model base classes, torch's nn.Module) has it or not
        out["missing_attribute_in_installed_model"] = missing in model_has
    if owner == "torch" or owner.startswith("torch."):
        # the torch installed here has it (torch.<name>, or a submodule's torch.nn.functional.<name>): the one that
        # raised is older
        in_torch = names.torch_defines(missing, module=owner)
        if in_torch is not None:
            out["missing_attribute_in_torch"] = in_torch
    if re.fullmatch(r"[A-Za-z_][\w.]{0,80}", owner) and owner.split(".", 1)[0] in sys.stdlib_module_names:
        # "module 'os' has no attribute 'sched_getaffinity'": Python's own module, no package to install
        out["attribute_owner_stdlib"] = True
    if owner not in _BUILTIN_OWNERS and names.torch_module_lacks_own_attribute(owner, missing):
        # "'LSTM' object has no attribute 'proj_size'": set by this torch's LSTM.__init__, which unpickling skips
        out["missing_attribute_set_by_torch_init"] = True
    if owner == "transformers":
        known = names.class_known(missing)  # a name the transformers installed here exports: the failing one is older
        if known is not None:
            out["missing_attribute_known"] = known
    return out


#: transformers' modules whose configs describe no architecture: generation and quantization settings
_HELPER_CONFIG_MODULES = ("transformers.generation.configuration_utils", "transformers.utils.quantization_config")


def _details(text: str, exceptions: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Values rules read as ``failure.*`` (and ``[match] fields``): OOM numbers and what the text names.

    See ``textparse.parse_details`` for the fields; names are checked against the installed transformers'
    tables (``*_known`` is True/False, absent when transformers cannot tell).
    """
    from advisor import names
    from advisor.textparse import cut_module_tail, parse_details

    details: dict[str, Any] = dict(parse_oom(text))
    details.update(parse_details(text, exceptions))
    kwarg = details.get("unexpected_kwarg")
    if isinstance(kwarg, str) and names.from_pretrained_kwargs():
        details["unexpected_kwarg_known"] = kwarg in names.from_pretrained_kwargs()
        if kwarg in names.REMOVED_FROM_PRETRAINED_KWARGS and not details["unexpected_kwarg_known"]:
            details["unexpected_kwarg_removed"] = True  # an older release took it; the caller was written for that one
    owner = details.get("kwarg_owner")
    if isinstance(kwarg, str) and isinstance(owner, str) and owner.endswith("Config"):
        takes = names.quantization_config_takes(owner, kwarg)
        if takes is not None:
            details["quantization_config_takes_kwarg"] = takes
    function = details.get("kwarg_method")
    if isinstance(kwarg, str) and isinstance(function, str) and "kwarg_owner" not in details:
        taken = names.hub_function_parameters(function)  # None unless huggingface_hub's top level exports it
        if taken is not None:
            # huggingface_hub's own function: the installed release takes the argument (the caller's is older) or
            # not (no release took it: another call's argument passed on, or one removed since)
            details["unexpected_kwarg_in_hub"] = kwarg in taken
    if isinstance(function, str) and "kwarg_owner" not in details:
        library = names.library_exporting(function)
        if library:
            details["kwarg_function_library"] = library  # a bare function another library exports
    owner = details.get("attribute_owner")
    missing = details.get("missing_attribute")
    if isinstance(owner, str) and isinstance(missing, str):
        details.update(_missing_attribute_details(owner, missing))
    if isinstance(owner, str) and owner.endswith("Config"):
        details["config_class"] = owner  # the config the failing code read, not another one the text names
    bare_key = details.get("keyerror_bare_key")
    if isinstance(bare_key, str) and "model_type" not in details and names.model_type_in_any_release(bare_key):
        details["model_type"] = bare_key  # "KeyError: llava": a name transformers' tables hold as a model type
    checks = (("model_type", "model_type_known", names.model_type_known),
              ("architecture", "architecture_known", names.architecture_known),
              ("tokenizer_class", "tokenizer_class_known", names.tokenizer_class_known),
              ("config_class", "config_class_known", names.config_class_known),
              ("kwarg_owner", "kwarg_owner_known", names.class_known),
              ("attribute_owner", "attribute_owner_known", names.class_known),
              # "name 'AutoTokenizer' is not defined": a class transformers defines, which the caller never imported
              ("undefined_name", "undefined_name_from_transformers", names.class_known))
    for key, flag, check in checks:
        value = details.get(key)
        if isinstance(value, str):
            known = check(value)
            if known is not None:
                details[flag] = known
    if isinstance(details.get("tokenizer_class"), str):
        status = names.tokenizer_class_status(details["tokenizer_class"])
        if status:
            details["tokenizer_class_status"] = status
        backend = names.tokenizer_class_backend(details["tokenizer_class"])
        if backend:
            details["tokenizer_class_backend"] = backend
    if (isinstance(owner, str) and (owner == "transformers" or owner.startswith("transformers."))
            and isinstance(missing, str) and "import_name" not in details):
        # "module 'transformers' has no attribute 'LLaMATokenizer'" is `from transformers import LLaMATokenizer` failing
        # (and "module transformers.models.llama has no attribute LLaMATokenizer" the same from the model's module, or
        # "module 'transformers.utils.logging' has no attribute 'basicConfig'" from one of its own modules)
        details["import_name"], details["import_from"] = missing, owner
    import_name = details.get("import_name")
    import_from = details.get("import_from")
    if isinstance(import_name, str) and isinstance(import_from, str):
        exported = names.package_exports(import_from, import_name)
        if exported is not None:
            details["import_name_installed"] = exported
        if import_from == "transformers":
            # a top-level name: the installed release lists it (the paste's is older) or not (removed, never there)
            defined = names.transformers_exports(import_name)
            if defined is not None:
                details["import_name_in_transformers"] = defined
            if defined is False and import_name.endswith("FeatureExtractor"):
                # transformers 5 dropped the vision models' FeatureExtractor aliases for their ImageProcessor
                # (CLIPFeatureExtractor -> CLIPImageProcessor); audio models keep theirs (Wav2Vec2FeatureExtractor)
                successor = import_name.removesuffix("FeatureExtractor") + "ImageProcessor"
                if names.transformers_exports(successor):
                    details["import_name_successor"] = successor
        elif import_from.startswith("transformers."):
            # a name of one of transformers' own modules: the installed release has it there (the paste's is older)
            # or not (removed since, or never there)
            defined = names.transformers_module_defines(import_from, import_name)
            if defined is not None:
                details["import_name_in_transformers"] = defined
        if import_name.endswith("Config") and any(
                names.transformers_module_defines(module, import_name) for module in _HELPER_CONFIG_MODULES):
            # GenerationConfig, BitsAndBytesConfig ...: settings, not an architecture's config
            details["import_name_helper_config"] = True
    spelled = (names.spelled_otherwise(import_name) if isinstance(import_name, str) and import_name[:1].isupper()
               else None)
    if spelled:
        details["import_spelled_otherwise"] = spelled
    completed = (names.completed_name(import_name) if isinstance(import_name, str) and not spelled
                 and str(details.get("import_from", "")).startswith("transformers") else None)
    if completed:
        details["import_completed"] = completed
    task = details.get("pipeline_task")
    known_task = names.pipeline_task_known(task) if isinstance(task, str) else None
    if known_task is not None:
        details["pipeline_task_known"] = known_task
    if known_task is False:
        near = difflib.get_close_matches(str(task), sorted(names.pipeline_tasks()), n=1, cutoff=0.8)
        if near:
            details["pipeline_task_near"] = near[0]  # a task this transformers knows, spelled a little otherwise
    model_type = details.get("model_type")
    if isinstance(model_type, str) and details.get("model_type_known") is False:
        in_any = names.model_type_in_any_release(model_type)  # unknown here: to any release, or only to this one?
        if in_any is not None:
            details["model_type_in_any_release"] = in_any
        family = names.model_type_family_known(model_type)
        if family is not None:
            details["model_type_family_known"] = family
    quant_method = details.get("quant_method")
    if isinstance(quant_method, str):  # exl2, sdnq: another runtime's format no transformers release loads
        in_release = names.quant_method_in_any_release(quant_method)
        if in_release is not None:
            details["quant_method_in_transformers"] = in_release
    if isinstance(import_name, str) and import_name.endswith(("Tokenizer", "TokenizerFast")):
        known = names.tokenizer_class_known(import_name)
        if known is not None:
            details["import_is_tokenizer_class"] = known
    config = details.get("config_class")
    if isinstance(config, str) and "model_type" not in details:
        model_type = names.model_type_of_config(config)
        if model_type:
            details["config_model_type"] = model_type
    if isinstance(config, str) and details.get("config_class_known"):
        composite = names.config_is_composite(names.model_type_of_config(config) or "")
        if composite is not None:
            details["config_is_composite"] = composite
    model_type = details.get("model_type") or details.get("config_model_type")
    if "missing_module" not in details and "No module named 'transformers." in text:
        # the message cut at its closing quote, no import line above to complete it ("No module named
        # 'transformers.modeling_bert"): a transformers 3.x module path whose model type transformers knows is whole
        cut = cut_module_tail(text)
        old_layout = _PRE_V4_MODULE_RE.fullmatch(cut) if cut else None
        if cut and old_layout and names.model_type_known(old_layout.group(1)):
            details["missing_module"] = cut
    missing_module = details.get("missing_module")
    if (isinstance(model_type, str) and isinstance(missing_module, str)
            and missing_module.rsplit(".", 1)[-1] == model_type.replace("-", "_")):
        # mlx-lm / mlx-vlm import a model's code by its type ("No module named 'mlx_lm.models.qwen3'"): the runtime
        # lacks the architecture, no package is missing
        details["missing_module_names_model_type"] = True
    if isinstance(missing_module, str) and missing_module.startswith("transformers."):
        # a module of transformers itself: the installed release here has it (the paste's transformers is older) or not
        # (gone from the current release: the code was written for an older one)
        in_release = names.transformers_module_exists(missing_module)
        if in_release is not None:
            details["missing_module_in_transformers"] = in_release
        old_layout = _PRE_V4_MODULE_RE.fullmatch(missing_module)
        if old_layout and names.model_type_known(old_layout.group(1)):
            # "transformers.modeling_bert": transformers 4.0 moved each model's modules to transformers.models.<type>
            details["missing_module_pre_v4_layout"] = True
    elif isinstance(missing_module, str) and "." in missing_module:
        # a submodule of huggingface_hub, accelerate, peft, diffusers ...: present in the release installed here (the
        # paste's is older) or absent (a later release removed it: "huggingface_hub.commands" left with 1.0's CLI)
        in_library = names.library_module_exists(missing_module)
        if in_library is not None:
            details["missing_module_in_library"] = in_library
    if isinstance(model_type, str) and details.get("auto_class") == "AutoTokenizer":
        # AutoTokenizer asked of a model that reads images, video or audio only: there is no tokenizer to find
        no_text = names.model_type_takes_no_text(model_type)
        if no_text is not None:
            details["model_type_takes_no_text"] = no_text
        preprocessor = names.preprocessor_auto_class(model_type) if no_text else None
        if preprocessor:
            details["preprocessor_auto_class"] = preprocessor
    if isinstance(model_type, str) and details.get("model_type_known", True):
        classes = names.auto_classes_for(model_type)
        if classes:
            # an image-text model with no text-only class: a loader of language models alone cannot build it
            details["model_type_vision_language"] = ("AutoModelForCausalLM" not in classes and any(
                a in classes for a in ("AutoModelForImageTextToText", "AutoModelForVision2Seq")))
        asked = details.get("auto_class")
        if asked in classes:  # the text came from an older release, which did not yet map it under that class
            details["auto_class_holds_model_type"] = True
        fitting = [a for a in classes if a != asked]
        if any("Seq2Seq" in a for a in fitting):
            # an encoder-decoder model (Whisper, BART, T5): its seq2seq class is the model; its CausalLM class, where
            # it has one, is the decoder alone
            fitting.sort(key=lambda a: "Seq2Seq" not in a)
        if asked in classes and asked not in _GENERATING_AUTOS and asked != "AutoModel":
            fitting = []  # a head the older release lacked (Electra QA before 3.x): no other class does that task
        if asked in _GENERATING_AUTOS:
            # a class that generates was asked for: only another generating class is a fix; where none holds the
            # model type and the class asked for holds it in the installed transformers, the text came from an
            # older release, and no other class is one
            generating = [a for a in fitting if a in _GENERATING_AUTOS]
            if generating or asked in classes:
                fitting = generating
        if isinstance(asked, str) and asked.startswith("AutoModelFor"):
            # a class with a head was asked for: the bare AutoModel (no head: it cannot generate or classify) last
            fitting.sort(key=lambda a: a == "AutoModel")
        if details.get("config_is_composite"):  # the whole multimodal model first
            fitting.sort(key=lambda a: a != "AutoModelForImageTextToText")
        if fitting:
            details["fitting_auto_class"] = fitting[0]
    return details


#: The Auto classes whose models generate (text, speech or tokens): a load asked for one of them wants a model it can
#: call generate() on, which a base AutoModel or a classification head is not
_GENERATING_AUTOS = frozenset({
    "AutoModelForCausalLM", "AutoModelForSeq2SeqLM", "AutoModelForImageTextToText", "AutoModelForVision2Seq",
    "AutoModelForSpeechSeq2Seq", "AutoModelForMultimodalLM", "AutoModelForTextToWaveform",
    "AutoModelForTextToSpectrogram"})


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not hide the failure
        text = repr(exc)
    if isinstance(exc, KeyError) and exc.args:
        text = f"KeyError {exc.args[0]!r}: {text}"
    return text[:20000]

