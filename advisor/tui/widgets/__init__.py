"""Widgets shared by the screens: the attempt timeline, its detail pane, facts, progress and status lines."""
