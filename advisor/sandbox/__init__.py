"""Tiny real checkpoints and a real HF cache layout, for `advisor demo` and the test suite."""
