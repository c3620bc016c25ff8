"""The Trace screen: the live timeline of one load, run in a thread worker that only posts messages."""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from advisor import events as ev
from advisor.errors import InvalidRequest, LoadFailed, LoadInterrupted
from advisor.policy import ConsentRequest, Policy
from advisor.report import Report
from advisor.tui.config import AppConfig, save_report
from advisor.tui.dialogs.consent import ConsentDialog
from advisor.tui.dialogs.message import MessageDialog
from advisor.tui.messages import ConsentNeeded, FactsReady, LoadDone, LoadEvent
from advisor.tui.state import ConsentReply, LoadRequest, TraceState
from advisor.tui.widgets.panels import DetailPane, FactsPanel, ProgressLine, StatusBar
from advisor.tui.widgets.render import safe
from advisor.tui.widgets.timeline import Timeline

#: How long cancel waits for the loop to notice before the screen lets the load go (the TUI answers in < 1 s).
CANCEL_GRACE_S = 0.6


class TraceScreen(Screen[None]):
    """Runs ``request`` once; folds the loop's events into a ``TraceState`` and shows it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "result", "Result"),
        Binding("s", "save", "Save report"),
        Binding("c", "cancel", "Cancel"),
        Binding("n", "next", "Next scenario"),
        Binding("a", "again", "Load again with consent"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, request: LoadRequest, config: AppConfig, *, demo_index: int | None = None) -> None:
        super().__init__()
        self.request = request
        self.config = config
        self.demo_index = demo_index
        self.state = TraceState(model_id=request.model_id, auto_class=request.auto_class,
                                requested=dict(request.kwargs))
        self.report: Report | None = None
        self.cancel = threading.Event()
        self.detached = False  # cancelled while a step could not be interrupted: the load is let go
        self.epilogue = ""
        self.consents: list[tuple[ConsentRequest, bool | None]] = []  # what was asked, and the answer given

    # ---- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = self.request.title or "Loading through the advisor"
        if self.demo_index is not None:
            title = f"Demo {self.demo_index + 1}/{len(self.config.demo)}: {title}"
        yield Static(Text.assemble((safe(title), "bold"), "  ", (safe(self.request.summary()), "dim"),
                                   no_wrap=True, overflow="ellipsis"), id="trace-title")
        yield FactsPanel(id="facts")
        yield Timeline(id="timeline")
        yield ProgressLine(id="progress")
        yield DetailPane(id="detail")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FactsPanel).show_facts(None)
        self.query_one(ProgressLine).show_progress(None)
        self.query_one(DetailPane).show(Text("The attempts appear above as they happen; ↑/↓ selects one.",
                                             style="dim"))
        self._refresh_status()
        self._ticker = self.set_interval(0.25, self._refresh_status)
        self.query_one(Timeline).focus()
        self.run_load_worker()

    def on_unmount(self) -> None:
        self.cancel.set()  # leaving the screen (or quitting) stops the load at its next check

    # ---- the worker (its own thread: posts messages, never touches a widget) -------------------

    def run_load_worker(self) -> None:
        """Start the load on a daemon thread of its own. Not a Textual thread worker: those run on asyncio's
        default executor, which the app joins on exit, so `q` would wait for a from_pretrained call that cannot
        be interrupted; a daemon thread is abandoned with the process instead."""
        threading.Thread(target=self._load_thread, name="advisor-load", daemon=True).start()

    def _load_thread(self) -> None:
        try:
            self._run_load()
        except Exception as error:  # a bug, not a load failure: shown, never a crash of the app
            self.post_message(LoadDone(None, outcome="error", error=f"{type(error).__name__}: {error}"))

    def _run_load(self) -> None:
        """Gather facts, run the load loop, post every event and the outcome."""
        req = self.request
        facts = req.facts() if req.facts is not None else self.config.facts()
        self.post_message(FactsReady(facts))
        policy = Policy(allow_remote_code=req.allow_remote_code, consent=self._ask_consent, **req.policy_options)
        extra = {"backend": req.backend()} if req.backend is not None else {}
        try:
            result = self.config.loader(req.model_id, auto_class=req.auto_class, tokenizer=req.tokenizer,
                                        policy=policy, on_event=self._forward, facts=facts, cancel=self.cancel,
                                        **req.kwargs, **extra)
        except LoadFailed as err:
            outcome = "cancelled" if self.cancel.is_set() else "gave_up"
            self.post_message(LoadDone(err.report, outcome=outcome))
        except InvalidRequest as err:  # message and hint are separate fields: never split a string on "Hint:"
            self.post_message(LoadDone(None, outcome="error", error=err.message, hint=err.hint))
        except LoadInterrupted as interrupt:  # advisor.progress.LoadCancelled mid-download: a partial report
            self.post_message(LoadDone(interrupt.report, outcome="cancelled"))
        except KeyboardInterrupt:
            self.post_message(LoadDone(None, outcome="cancelled"))
        else:
            self.post_message(LoadDone(result.report, outcome="loaded"))

    def _forward(self, event: ev.Event) -> None:
        self.post_message(LoadEvent(event))

    def _ask_consent(self, request: ConsentRequest) -> bool:
        """Policy's consent callback, called on the worker thread: ask the app, block until answered. A fix the
        user already consented to ("load again with consent") is granted without asking again."""
        if request.fix in self.request.granted:
            self.consents.append((request, True))
            return True
        reply = ConsentReply()
        self.post_message(ConsentNeeded(request, reply))
        return reply.wait(self.cancel)

    # ---- messages from the worker --------------------------------------------------------------

    def on_facts_ready(self, message: FactsReady) -> None:
        self.query_one(FactsPanel).show_facts(message.facts)

    def on_load_event(self, message: LoadEvent) -> None:
        if self.detached:  # cancelled by the user: what the abandoned step still reports is not shown
            return
        event = message.event
        self.state.apply(event)
        if isinstance(event, ev.DownloadProgress):
            self.query_one(ProgressLine).show_progress(self.state.active_progress())
            return
        self.query_one(ProgressLine).show_progress(self.state.active_progress())
        timeline = self.query_one(Timeline)
        timeline.sync(self.state)
        self._show_detail(timeline.highlighted)
        self._refresh_status()

    def on_consent_needed(self, message: ConsentNeeded) -> None:
        def answered(granted: bool | None) -> None:
            self.consents.append((message.request, granted))
            message.reply.answer(granted)

        subject = self.state.current.model_id if self.state.current else self.request.model_id
        self.app.push_screen(ConsentDialog(message.request, subject), callback=answered)

    def on_load_done(self, message: LoadDone) -> None:
        if self.detached:  # the abandoned load ended after all: keep its (partial) report for `s`
            self.report = self.report or message.report
            return
        self.report = message.report
        if message.outcome == "error":
            self.state.outcome, self.state.reason = "error", message.error
            self.app.push_screen(MessageDialog("The load could not start", message.error, message.hint))
        elif not self.state.outcome:  # no Finished event (e.g. a scripted loader): trust the worker
            self.state.outcome = message.outcome
        if self.state.ended is None:
            self.state.ended = self.state.started + self.state.elapsed()
        if self.request.epilogue is not None:
            self.epilogue = self.request.epilogue()
            self.notify(safe(self.epilogue), markup=False)
        if message.report is not None and self.config.report_path is not None:
            try:
                message.report.write(self.config.report_path)
            except OSError as err:  # a bad --report path is a message, never a crash that loses the result
                self.notify(f"cannot write the report to {safe(self.config.report_path)}: {safe(err.strerror or err)}",
                            severity="error", markup=False)
        self._ticker.stop()
        self.query_one(ProgressLine).show_progress(None)
        self.query_one(Timeline).sync(self.state)
        self._show_detail(self.query_one(Timeline).highlighted)
        self._refresh_status()
        self.refresh_bindings()

    # ---- user ----------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "end":
            self.action_result()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        done = bool(self.state.outcome)
        if action in ("result", "save"):
            return done and self.report is not None
        if action == "cancel":
            return not done
        if action == "next":
            return self.demo_index is not None and done
        if action == "again":
            return done and bool(self.refused())
        return True

    def action_result(self) -> None:
        if self.report is not None:
            from advisor.tui.screens.result import ResultScreen

            self.app.push_screen(ResultScreen(self.report, self.config, epilogue=self.epilogue))

    def action_save(self) -> None:
        if self.report is not None:
            json_path, md_path = save_report(self.report, self.config.save_dir)
            self.notify(f"saved {safe(json_path.name)} and {safe(md_path.name)} in {safe(json_path.parent)}",
                        markup=False)

    def action_cancel(self) -> None:
        """Stop the load: at its next check, or — when a step cannot be interrupted (a request in flight,
        weights loading) — the screen lets go of it within a second and reports the load as cancelled."""
        if not self.state.outcome:
            self.cancel.set()
            self._refresh_status("cancelling at the next check…")
            self.set_timer(CANCEL_GRACE_S, self._let_go)

    def _let_go(self) -> None:
        if self.state.outcome:
            return  # the loop noticed the cancel in time and ended on its own
        self.state.reason = "cancelled: the step in progress could not be interrupted and is abandoned"
        self.on_load_done(LoadDone(self.report, outcome="cancelled"))
        self.detached = True  # whatever the abandoned step still posts is ignored

    def refused(self) -> list[str]:
        """The fixes the user said No to in this load (what "load again with consent" would allow)."""
        return list(dict.fromkeys(request.fix for request, granted in self.consents if granted is not True))

    def action_again(self) -> None:
        """Run the same load again, with consent given in advance to what was refused."""
        refused = self.refused()
        if not self.state.outcome or not refused:
            return
        from dataclasses import replace

        again = replace(self.request, granted=self.request.granted | frozenset(refused))
        self.app.switch_screen(TraceScreen(again, self.config, demo_index=self.demo_index))

    def action_next(self) -> None:
        if self.demo_index is None:
            return
        following = self.demo_index + 1
        if following >= len(self.config.demo):
            self.notify("That was the last scenario: escape edits your own load, q quits.")
            return
        self.app.switch_screen(TraceScreen(self.config.demo[following], self.config, demo_index=following))

    def action_back(self) -> None:
        self.cancel.set()
        self.app.pop_screen()

    # ---- helpers -------------------------------------------------------------------------------

    def _show_detail(self, index: int | None) -> None:
        detail = self.query_one(Timeline).detail_at(self.state, index)
        if detail is not None:
            self.query_one(DetailPane).show(detail)

    def _refresh_status(self, extra: str = "") -> None:
        if self.epilogue:
            extra = extra or self.epilogue
        if self.state.outcome and self.refused():
            again = "a: load again with consent"
            extra = f"{extra} · {again}" if extra else again
        if self.state.outcome and self.demo_index is not None and not extra:
            extra = "n: next scenario"
        self.query_one(StatusBar).show_state(self.state, extra)
