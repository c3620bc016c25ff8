"""Download progress: a ~33 MB checkpoint served slowly by the Hub double reports file, bytes, rate and ETA.

Nothing is injected: the real huggingface_hub client downloads over HTTP from 127.0.0.1 and reports through
the `tqdm_class` seam of `from_pretrained`; the rich bar of `advisor load` is fed from the same events.
huggingface_hub 2.4 reads the body in 10 MiB chunks (`constants.DOWNLOAD_CHUNK_SIZE`) and updates its bar
once per chunk, so the file must span several chunks for the progress to show steps.
"""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
from rich.console import Console
from support.hub_double import HubDouble
from support.tiny_models import build_tiny_gpt2

from advisor import events as ev
from advisor.console import TracePrinter
from advisor.errors import LoadFailed
from advisor.loader import run_load
from advisor.policy import Policy
from advisor.progress import accepts_tqdm_class

pytestmark = pytest.mark.skipif(not accepts_tqdm_class(), reason="this transformers has no tqdm_class seam")

BYTES_PER_S = 12_000_000  # the ~33 MB weights file takes ~2.7 s


@pytest.fixture(scope="module")
def bigger_gpt2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny GPT-2 with a wider hidden size: model.safetensors of ~33 MB, 3+ download chunks."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    dst = build_tiny_gpt2(tmp_path_factory.mktemp("bigger") / "gpt2")
    config = GPT2Config.from_pretrained(dst)
    config.n_embd = 576
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(dst, safe_serialization=True)
    return dst


def _serve_slowly(hub: HubDouble, src: Path) -> int:
    hub.add_repo("acme/bigger-gpt2", src)
    hub.throttle_file("acme/bigger-gpt2", "model.safetensors", BYTES_PER_S)
    return (src / "model.safetensors").stat().st_size


def test_slow_weights_download_reports_file_bytes_rate_and_eta(hub: HubDouble, bigger_gpt2: Path) -> None:
    size = _serve_slowly(hub, bigger_gpt2)
    assert size > 3 * 10 * 1024 * 1024
    seen: list[ev.Event] = []
    out = io.StringIO()
    printer = TracePrinter(Console(file=out, width=120, force_terminal=False))  # what `advisor load` shows

    def listen(event: ev.Event) -> None:
        seen.append(event)
        printer(event)

    result = run_load("acme/bigger-gpt2", tokenizer=False, on_event=listen)

    assert result.report.succeeded
    bars = [e for e in seen if isinstance(e, ev.DownloadProgress) and e.file == "model.safetensors"]
    assert len(bars) >= 4, [e.done for e in bars]  # one update per 10 MiB chunk, then the end
    assert all(e.stage == "download" and e.unit == "B" and e.total == size and e.n == 1 for e in bars)
    done = [e.done for e in bars]
    assert done == sorted(done) and done[-1] == size and bars[-1].finished
    middle = [e for e in bars if 0 < e.done < size]
    assert len(middle) >= 2 and all(e.rate and e.rate > 0 and e.eta_s is not None and e.eta_s >= 0 for e in middle)
    loaded = next(i for i, e in enumerate(seen) if isinstance(e, ev.Loaded))
    assert max(i for i, e in enumerate(seen) if e in bars) < loaded
    assert "tqdm_class" not in json.dumps(result.report.model_dump(mode="json"))  # a hook, not a kwarg
    assert out.getvalue().count(f"⇣ model.safetensors {size / 1e6:.1f} MB at ") == 1  # the stderr summary
    assert sum(e.finished for e in bars) == 1


def test_weight_loading_progress_comes_through_transformers_hook(cached_tiny: Path) -> None:
    seen: list[ev.Event] = []
    run_load("acme/tiny-gpt2", tokenizer=False, on_event=seen.append)
    weights = [e for e in seen if isinstance(e, ev.DownloadProgress) and e.stage == "weights"]
    assert weights and weights[-1].finished and weights[-1].unit == "it"
    assert weights[-1].total is not None and weights[-1].done == weights[-1].total


def test_cancel_during_download_ends_the_load_as_interrupted(hub: HubDouble, bigger_gpt2: Path) -> None:
    _serve_slowly(hub, bigger_gpt2)
    cancel = threading.Event()

    def cancel_on_first_bytes(event: ev.Event) -> None:
        if isinstance(event, ev.DownloadProgress) and event.file == "model.safetensors" and event.done > 0:
            cancel.set()

    with pytest.raises(KeyboardInterrupt) as caught:
        run_load("acme/bigger-gpt2", tokenizer=False, on_event=cancel_on_first_bytes, cancel=cancel)
    report = caught.value.report  # type: ignore[attr-defined]
    assert not report.succeeded and len(report.attempts) == 1


def test_cancel_before_the_next_attempt_gives_up_with_reason_cancelled(cached_tiny: Path) -> None:
    cancel = threading.Event()
    seen: list[ev.Event] = []

    def cancel_after_first_failure(event: ev.Event) -> None:
        seen.append(event)
        if isinstance(event, ev.FailureCaught):
            cancel.set()

    with pytest.raises(LoadFailed) as caught:
        run_load("acme/tiny-gtp2", tokenizer=False, on_event=cancel_after_first_failure, cancel=cancel,
                 policy=Policy(remember=False, consent=lambda request: True))
    gave_up = [e for e in seen if isinstance(e, ev.GaveUp)]
    assert gave_up and gave_up[0].reason == "cancelled"
    assert len(caught.value.report.attempts) == 1  # the repair was chosen but never tried


def test_the_live_bar_on_a_terminal_stops_at_the_next_trace_line() -> None:
    out = io.StringIO()
    printer = TracePrinter(Console(file=out, width=100, force_terminal=True))
    for done in (10_485_760, 20_971_520):
        printer(ev.DownloadProgress(n=1, bar=1, stage="download", file="model.safetensors", done=done,
                                    total=32_900_000, rate=11_900_000, eta_s=1.0))
    assert printer._bars is not None  # a rich Progress is live while the file downloads
    printer(ev.Loaded(n=1, model_id="m", model_class="GPT2LMHeadModel", device="cpu", dtype="float32"))
    assert printer._bars is None and "✔ loaded m as GPT2LMHeadModel" in out.getvalue()
