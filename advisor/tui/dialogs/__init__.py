"""Modal dialogs: consent (default No), help, and messages for expected failures."""
