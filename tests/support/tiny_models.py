"""Tiny checkpoints for tests: the builders live in the package (the demo uses them too)."""

from advisor.sandbox.checkpoints import *  # noqa: F403
from advisor.sandbox.checkpoints import (  # noqa: F401
    build_custom_code,
    build_tiny_bert,
    build_tiny_gpt2,
    build_tiny_llama,
    build_tiny_t5,
    build_unknown_arch,
    make_lfs_pointer,
    remove_weights,
    truncate_file,
)
