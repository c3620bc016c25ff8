"""The interactive advisor: a Textual app that listens to the load loop (``advisor tui``, ``advisor demo``).

Importing ``advisor`` never imports this package: Textual loads only when a TUI command runs.
"""
