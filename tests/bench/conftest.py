"""The benchmarks have their own command (``python -m tests.bench``); the normal test run skips them."""

collect_ignore_glob = ["*.py"]
