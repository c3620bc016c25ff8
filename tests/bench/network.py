"""Network benchmark: time to a working load vs plain ``from_pretrained``'s time to its failure, bad Hub.

The user types ``acme/tiny-gtp2`` (a typo) while ``acme/tiny-gpt2`` is in the cache, ``HF_HUB_OFFLINE`` unset, and
the Hub is: refused (nothing listens), blackholed (accepts, never answers), answering 503 to everything, or 429
with ``Retry-After``. Plain ``AutoModelForCausalLM.from_pretrained`` fails (or hangs); ``safe_load`` should reach
the cached model no slower. Each measurement is a fresh process (libraries imported before the clock starts);
plain and advisor alternate. Not part of ``python -m pytest``::

    python -m tests.bench.network                 # all scenarios, one round, prints a Markdown table
    python -m tests.bench.network --only refused --rounds 3 --json net.json
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TYPO, CACHED = "acme/tiny-gtp2", "acme/tiny-gpt2"
#: Plain from_pretrained never returns against a silent server (transformers' model_info call has no timeout):
#: a run is killed after this many seconds (interpreter start and imports included) and counted as this long.
PLAIN_CAP_S = 75.0
SCENARIOS = {  # name -> (how the Hub behaves, advisor's max_seconds or None)
    "refused": ("refused", None),
    "blackholed": ("blackhole", None),
    "5xx": ("503", None),
    "429": ("429:2", None),
    "429 Retry-After 3600, max_seconds=5": ("429:3600", 5.0),
    "blackholed, max_seconds=5": ("blackhole", 5.0),
}


# ---- the Hub in each scenario -------------------------------------------------------------------------


@contextmanager
def hub(kind: str) -> Iterator[str]:
    """An endpoint URL behaving as ``kind``: refused, blackhole, a status code, or ``429:<Retry-After>``."""
    if kind == "refused":
        yield "http://127.0.0.1:9"
        return
    if kind == "blackhole":
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(128)
        held: list[socket.socket] = []

        def accept() -> None:
            while True:
                try:
                    held.append(server.accept()[0])
                except OSError:
                    return

        threading.Thread(target=accept, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.getsockname()[1]}"
        finally:
            server.close()
            for conn in held:
                conn.close()
        return
    status, _, retry_after = kind.partition(":")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.send_response(int(status))
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD = _answer

        def log_message(self, *args: Any) -> None:
            pass

    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    http.daemon_threads = True
    threading.Thread(target=http.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{http.server_address[1]}"
    finally:
        http.shutdown()
        http.server_close()


# ---- one measurement (child process) ---------------------------------------------------------------------


def child(who: str, max_seconds: float | None) -> dict[str, Any]:
    import transformers  # noqa: F401  (imported before the clock starts, on both sides)
    from transformers import AutoModelForCausalLM

    from advisor import LoadFailed, Policy, safe_load
    from advisor.policy import Risk

    start = time.perf_counter()
    if who == "plain":
        try:
            AutoModelForCausalLM.from_pretrained(TYPO)
            outcome = "loaded"
        except Exception as err:
            outcome = f"failed: {type(err).__name__}"
        return {"s": time.perf_counter() - start, "outcome": outcome}
    try:
        # The Hub cannot say the typo'd id is missing, so the near cached id is asked about: answered yes, as
        # `advisor load --yes` does (the time measured is the advisor's, not a person's).
        yes = Policy(remember=False, max_seconds=max_seconds, consent=lambda request: request.risk is Risk.identity)
        report = safe_load(TYPO, policy=yes).report
        outcome = f"loaded {report.final_model_id}"
    except LoadFailed as err:
        report = err.report
        outcome = "LoadFailed"
    return {"s": time.perf_counter() - start, "outcome": outcome, "attempts": len(report.attempts),
            "notes": report.notes}


def measure(who: str, endpoint: str, hf_home: Path, max_seconds: float | None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env.update(HF_HOME=str(hf_home), HF_ENDPOINT=endpoint, HF_HUB_DISABLE_TELEMETRY="1",
               HF_HUB_DISABLE_PROGRESS_BARS="1", TRANSFORMERS_VERBOSITY="error", PYTHONPATH=str(ROOT),
               ADVISOR_CACHE_DIR=str(hf_home.parent / "advisor_cache"), TOKENIZERS_PARALLELISM="false")
    args = [sys.executable, "-m", "tests.bench.network", "--child", who]
    if max_seconds is not None:
        args += ["--max-seconds", str(max_seconds)]
    cap = PLAIN_CAP_S
    try:
        proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"s": float("inf"), "outcome": f"no verdict within {cap:.0f} s (killed)"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"s": float("nan"), "outcome": f"crashed: {proc.stderr[-300:]}"}
    return dict(json.loads(lines[-1]))


def build_cache(work: Path) -> Path:
    from advisor.sandbox.cache import install_in_cache
    from advisor.sandbox.checkpoints import build_tiny_gpt2

    home = work / "hf_home"
    install_in_cache(home, CACHED, build_tiny_gpt2(work / "src_gpt2"))
    return home


def run(names: list[str], rounds: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="advisor-netbench-"))
    atexit.register(shutil.rmtree, work, True)
    hf_home = build_cache(work)
    results: dict[str, Any] = {}
    for name in names:
        kind, budget = SCENARIOS[name]
        plain: list[dict[str, Any]] = []
        advisor: list[dict[str, Any]] = []
        for r in range(rounds):
            order = ("plain", "advisor") if r % 2 == 0 else ("advisor", "plain")
            for who in order:
                with hub(kind) as endpoint:
                    if who == "plain":
                        plain.append(_capped(measure("plain", endpoint, hf_home, None)))
                    else:
                        advisor.append(measure("advisor", endpoint, hf_home, budget))
        p = statistics.median(m["s"] for m in plain)
        a = statistics.median(m["s"] for m in advisor)
        results[name] = {"plain_s": p, "advisor_s": a, "ratio": a / p if p else float("nan"),
                         "plain": plain, "advisor": advisor, "rounds": rounds}
        print(json.dumps({name: results[name]}, default=str), flush=True)
    return results


def _capped(result: dict[str, Any]) -> dict[str, Any]:
    if result["s"] == float("inf"):
        result["s"] = PLAIN_CAP_S
        result["capped"] = True
    return result


def markdown(results: dict[str, Any]) -> str:
    out = ["| Hub | plain from_pretrained: time to its failure | safe_load: time to the working load | ratio |",
           "|---|---|---|---|"]
    for name, r in results.items():
        plain = r["plain"][0]
        adv = r["advisor"][0]
        p = f"> {r['plain_s']:.0f} s (never returned)" if plain.get("capped") else \
            f"{r['plain_s']:.1f} s ({plain['outcome']})"
        out.append(f"| {name} | {p} | {r['advisor_s']:.1f} s ({adv['outcome']}, {adv.get('attempts')} attempts) | "
                   f"**{r['ratio']:.2f}**{' (upper bound)' if plain.get('capped') else ''} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=list(SCENARIOS))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", choices=["plain", "advisor"], help=argparse.SUPPRESS)
    parser.add_argument("--max-seconds", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.max_seconds), default=str), flush=True)
        return 0
    results = run(args.only or list(SCENARIOS), args.rounds)
    table = markdown(results)
    print(table)
    if args.json:  # the table rides along, ready for docs/performance.md
        args.json.write_text(json.dumps({"results": results, "markdown": table}, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
