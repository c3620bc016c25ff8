"""`advisor demo`: real failures repaired on tiny checkpoints in a temporary HF cache, fully offline."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Scenario:
    """One failure to walk through: what the user calls, and what to say about it."""

    title: str
    model_id: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    allow_remote_code: bool = False
    yes_to_identity: bool = False  # the person answers yes to id fixes, like `advisor load --yes`
    tui_title: str = ""  # the title in the TUI demo, where the person answers the questions themselves
    auto_class: str = "AutoModelForCausalLM"
    simulated: str = ""  # what is simulated (said on screen), empty when everything is real
    facts: Callable[[], Any] | None = None  # simulated facts (advisor.sandbox.simulate)
    backend: Callable[[], Any] | None = None  # a backend wrapper raising a simulated hardware error


def prepare_sandbox(root: Path) -> dict[str, Path]:
    """A temporary HF_HOME with `acme/tiny-gpt2` cached, a future-architecture folder and a custom-code one.

    Sets HF_HOME/HF_HUB_OFFLINE before huggingface_hub is imported, so nothing touches the user's cache or
    the network.
    """
    os.environ["HF_HOME"] = str(root / "hf_home")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    os.environ["HF_MODULES_CACHE"] = str(root / "modules")
    os.environ["ADVISOR_CACHE_DIR"] = str(root / "advisor_cache")  # no remembered plans: every run shows the repairs
    os.environ.pop("HF_HUB_CACHE", None)
    os.environ.pop("HF_TOKEN", None)
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    from advisor.sandbox.cache import install_in_cache
    from advisor.sandbox.checkpoints import build_custom_code, build_tiny_gpt2, build_unknown_arch

    gpt2 = build_tiny_gpt2(root / "src" / "tiny-gpt2")
    install_in_cache(root / "hf_home", "acme/tiny-gpt2", gpt2)
    marker = root / "remote_code_ran"
    return {
        "big": build_tiny_gpt2(root / "models" / "tiny-gpt2-local"),
        "future": build_unknown_arch(root / "models" / "future-arch"),
        "custom": build_custom_code(root / "models" / "custom-code", marker),
        "marker": marker,
    }


def scenarios(paths: dict[str, Path]) -> list[Scenario]:
    """The walk-through: the identifier, device, memory, precision, architecture and remote-code remedies."""
    from advisor.sandbox import simulate

    memory: list[Scenario] = []
    if "big" in paths:
        limit = _container_limit(paths)
        memory.append(Scenario("Full precision does not fit the container: half precision, then disk offload",
                               str(paths["big"]), simulated=f"a container memory limit of {limit // 1024} KiB (the "
                               "offload that follows is real)", facts=lambda: simulate.container_facts(limit)))
    return [
        Scenario("A typo'd repo id, offline: the cached near id is named, not loaded unasked", "acme/tiny-gtp2",
                 tui_title="A typo'd repo id, offline: the advisor asks before loading the cached near id"),
        Scenario("The same, answered yes (`advisor load --yes`): the cached id loads", "acme/tiny-gtp2",
                 yes_to_identity=True),
        Scenario("device_map='cuda' on a machine without CUDA", "acme/tiny-gpt2", {"device_map": "cuda"}),
        *memory,
        Scenario("CUDA out of memory on a T4: the half-precision rung of the ladder", "acme/tiny-gpt2",
                 simulated="the T4 and its out-of-memory error (the float16 load that follows is real, on CPU)",
                 facts=simulate.t4_facts, backend=simulate.SimulatedGpuBackend),
        Scenario("An architecture this transformers does not know", str(paths["future"])),
        Scenario("A checkpoint that needs its own code: refused without consent", str(paths["custom"]),
                 tui_title="A checkpoint that needs its own code: the advisor asks you (default No)"),
        Scenario("The same checkpoint with Policy(allow_remote_code=True)", str(paths["custom"]),
                 allow_remote_code=True),
    ]


def _container_limit(paths: dict[str, Path]) -> int:
    """A limit under which the float32 weights of the demo model do not fit and its bfloat16 weights do not
    either (so the advisor must offload part of them): 60 % of the bfloat16 size, over the 90 % budget."""
    size = sum(f.stat().st_size for f in paths["big"].glob("*.safetensors"))
    return int(size / 2 * 0.6 / 0.9)


def run_demo(*, plain: bool = False) -> int:
    """Run every scenario; the TUI when a terminal is attached and not ``plain``, else a text trace."""
    with tempfile.TemporaryDirectory(prefix="advisor-demo-") as tmp:
        paths = prepare_sandbox(Path(tmp))
        if not plain and sys.stdout.isatty() and sys.stdin.isatty():
            try:
                from advisor.tui.app import run_demo_tui
            except ImportError:
                pass
            else:
                return run_demo_tui(scenarios(paths), paths)
        return _run_plain(scenarios(paths), paths)


def _run_plain(items: list[Scenario], paths: dict[str, Path]) -> int:
    from rich.console import Console

    from advisor.console import TracePrinter
    from advisor.errors import LoadFailed
    from advisor.loader import run_load
    from advisor.policy import Policy, Risk

    out = Console(stderr=True, highlight=False)
    printer = TracePrinter(out)
    for i, item in enumerate(items, 1):
        out.rule(f"[bold]{i}. {item.title}")
        consent = (lambda request: request.risk is Risk.identity) if item.yes_to_identity else None
        policy = Policy(allow_remote_code=item.allow_remote_code, verify=True, remember=False, consent=consent)
        if item.simulated:
            out.print(f"SIMULATED: {item.simulated}", style="bold yellow", markup=False)
        try:
            result = run_load(item.model_id, auto_class=item.auto_class, policy=policy, on_event=printer,
                              facts=item.facts() if item.facts else None,
                              backend=item.backend() if item.backend else None, **item.kwargs)
            out.print("Working call:", style="bold")
            out.print(result.report.snippet, markup=False, highlight=False)
        except LoadFailed as err:
            out.print(f"Report: {len(err.report.attempts)} attempt(s), next steps above.", style="dim")
        if "custom" in item.model_id or item.model_id == str(paths["custom"]):
            ran = paths["marker"].exists()
            out.print(f"remote code executed: {'yes' if ran else 'no'}", style="bold red" if ran else "bold green")
    return 0
