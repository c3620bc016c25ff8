"""The fuzz campaigns have their own command (``python -m tests.fuzz``); the normal test run skips them."""

collect_ignore_glob = ["*.py"]
