"""The attempt timeline: one entry for preflight/notes, one per attempt, one for the outcome."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from advisor.tui.state import AttemptRow, TraceState
from advisor.tui.widgets import render


class Timeline(OptionList):
    """Keeps its entries in step with a ``TraceState``; ids: ``pre``, ``a<n>`` (attempt index), ``end``.

    ``keys``: whether the outcome entry names the keys that act on it (False for a saved report's view)."""

    def __init__(self, *, keys: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = keys

    def sync(self, state: TraceState, *, follow: bool = True) -> None:
        """Add or update every entry; with ``follow``, highlight the newest when one is added."""
        added = False
        if state.preflight or state.notes:
            added |= self._put("pre", render.preflight_prompt(state), before_attempts=True)
        for index, row in enumerate(state.attempts):
            added |= self._put(f"a{index}", render.attempt_prompt(row, state.max_attempts))
        if state.outcome:
            added |= self._put("end", render.outcome_prompt(state, keys=self.keys))
        if added and follow and self.option_count:
            self.highlighted = self.option_count - 1

    def row_for(self, state: TraceState, option_id: str | None) -> AttemptRow | None:
        """The attempt behind an entry id (None for the preflight and outcome entries)."""
        if option_id and option_id.startswith("a") and option_id[1:].isdigit():
            index = int(option_id[1:])
            return state.attempts[index] if index < len(state.attempts) else None
        return None

    def detail_at(self, state: TraceState, index: int | None) -> RenderableType | None:
        """The detail-pane rendering of the entry at ``index`` (None when there is none)."""
        if index is None or index >= self.option_count:
            return None
        option_id = self.get_option_at_index(index).id
        return render.entry_detail(state, option_id, self.row_for(state, option_id), keys=self.keys)

    def _put(self, option_id: str, prompt: object, *, before_attempts: bool = False) -> bool:
        try:
            self.get_option(option_id)
        except OptionDoesNotExist:
            if before_attempts and self.option_count:  # notes can arrive after the first attempt began
                options = list(self.options)
                self.clear_options()
                self.add_options([Option(prompt, id=option_id), *options])  # type: ignore[arg-type]
            else:
                self.add_option(Option(prompt, id=option_id))  # type: ignore[arg-type]
            return True
        self.replace_option_prompt(option_id, prompt)  # type: ignore[arg-type]
        return False
