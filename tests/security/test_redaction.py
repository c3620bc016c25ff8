"""No secret leaves: HF tokens, ``token=`` kwargs, Authorization headers and URL credentials are redacted in
the trace, the report (JSON and Markdown), logs and explain output. Property-based over token shapes, then
end to end: a failed ``advisor load`` and ``advisor explain`` in fresh processes with HF_TOKEN set."""

from __future__ import annotations

import io
import json
import os
import string
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.console import Console

from advisor import LoadFailed, Policy, explain, safe_load
from advisor.console import TracePrinter
from advisor.redact import REDACTED, RedactingStream, redact_id, redact_text, redact_value

REPO = Path(__file__).resolve().parents[2]
ALNUM = string.ascii_letters + string.digits

hf_tokens = st.text(ALNUM, min_size=34, max_size=34).map(lambda s: "hf_" + s)
legacy_tokens = st.one_of(
    st.text(ALNUM, min_size=20, max_size=40).map(lambda s: "api_" + s),
    st.text(ALNUM, min_size=20, max_size=40).map(lambda s: "api_org_" + s),
    st.text(ALNUM, min_size=20, max_size=40).map(lambda s: "hf_oauth_" + s),
)
any_token = st.one_of(hf_tokens, legacy_tokens)
#: What a secret that is not shaped like an HF token looks like (a proxy password, a token set in HF_TOKEN).
free_secrets = st.text(ALNUM + "-_.~+/", min_size=8, max_size=48).filter(lambda s: any(c.isalnum() for c in s))
#: Secrets as they can appear unencoded in a URL, a header or a kwarg ("/" would end a URL's userinfo).
url_safe_secrets = st.text(ALNUM + "-_.~", min_size=8, max_size=48).filter(
    lambda s: any(c.isalnum() for c in s) and not s.startswith(("os.environ", "os.getenv")))  # references, kept
prose = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)

CONTAINERS = [
    "{}",
    "token={}",
    "token='{}'",
    'use_auth_token="{}"',
    "from_pretrained('org/x', token='{}', revision='main')",
    "{{'token': '{}', 'dtype': 'float16'}}",
    '{{"token": "{}"}}',
    "Authorization: Bearer {}",
    "{{'authorization': 'Bearer {}', 'user-agent': 'x'}}",
    "headers={{'Authorization': 'Bearer {}'}}",
    "https://huggingface.co/api/models/org/x?access_token={}&full=1",
    "https://user:{}@huggingface.co/org/x",
    "HF_TOKEN={}",
    "export HUGGING_FACE_HUB_TOKEN={}",
    "MY_SERVICE_TOKEN: {}",
    "Bearer {}",
]


@contextmanager
def env_token(value: str) -> Iterator[None]:
    """HF_TOKEN set to ``value`` for the block (hypothesis-friendly, no function-scoped fixture)."""
    old = os.environ.get("HF_TOKEN")
    os.environ["HF_TOKEN"] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HF_TOKEN", None)
        else:
            os.environ["HF_TOKEN"] = old


@settings(max_examples=300, deadline=None)
@given(token=any_token, container=st.sampled_from(CONTAINERS), before=prose, after=prose)
def test_token_shapes_are_redacted_in_any_container(token: str, container: str, before: str, after: str) -> None:
    text = f"{before} {container.format(token)} {after}"
    assert token not in redact_text(text)


@settings(max_examples=300, deadline=None)
@given(token=any_token, glue_left=st.text(ALNUM + "_-/=:", max_size=5), glue_right=st.text(ALNUM + "_.", max_size=5))
def test_hf_tokens_glued_to_other_text_are_redacted(token: str, glue_left: str, glue_right: str) -> None:
    assert token not in redact_text(glue_left + token + glue_right)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(secret=free_secrets, container=st.sampled_from(CONTAINERS), before=prose, after=prose)
def test_a_secret_set_in_hf_token_is_redacted_whatever_its_shape(secret: str, container: str, before: str,
                                                                 after: str) -> None:
    with env_token(secret):
        assert secret not in redact_text(f"{before}{container.format(secret)}{after}")


@settings(max_examples=200, deadline=None)
@given(secret=url_safe_secrets, container=st.sampled_from([c for c in CONTAINERS if c != "{}" and "HF_TOKEN" not in c]))
def test_key_value_and_header_secrets_are_redacted_without_env(secret: str, container: str) -> None:
    assume(secret not in container.format(""))  # 'auth_tok' inside the key name use_auth_token is not a leak
    out = redact_text(container.format(secret))
    assert secret not in out and REDACTED in out


def _redacted_without_gates(text: str) -> str:
    """``redact_text`` as it was before its literal gates: every pattern run on every text."""
    from advisor import redact

    for secret in redact.secrets_in_environment():
        text = text.replace(secret, REDACTED)
    text = redact._TOKEN_RE.sub(REDACTED, text)
    text = redact._URL_CREDENTIALS_RE.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", text)
    text = redact._KV_RE.sub(redact._kv, text)
    text = redact._ENV_KV_RE.sub(redact._env_kv, text)
    return redact._BEARER_RE.sub(lambda m: m.group(1) + REDACTED, text)


#: Letters an IGNORECASE pattern reads as ASCII ones (the Kelvin sign, a long s, a dotted and a dotless i), which
#: the gates must not let slip past a case-insensitive key ("apİ_key=...")
_ODD_LETTERS = "\u212a\u017f\u0130\u0131"


@settings(max_examples=300, deadline=None)
@given(token=any_token, container=st.sampled_from(CONTAINERS), before=prose, after=prose,
       swap=st.lists(st.tuples(st.integers(0, 80), st.sampled_from(_ODD_LETTERS + "AEIKSTZaeikstz")), max_size=4))
def test_the_literal_gates_change_no_redaction(token: str, container: str, before: str, after: str,
                                               swap: list[tuple[int, str]]) -> None:
    """The literals redact_text seeks before each pattern only skip scans that could not match: on any container,
    with letters swapped for ones the patterns read in any case, the result is the ungated one's."""
    text = list(before + container.format(token) + after)
    for at, letter in swap:
        if text:
            text[at % len(text)] = letter
    joined = "".join(text)
    assert redact_text(joined) == _redacted_without_gates(joined)


def test_a_key_spelled_with_letters_read_in_any_case_is_still_redacted() -> None:
    """``apİ_key=`` and ``tOKEN=`` with a Kelvin sign are keys to an IGNORECASE pattern, so their values go."""
    for text in ("ap\u0130_key=s3cretvalue99", "ap\u0131_key=s3cretvalue99", "to\u212aen=s3cretvalue99",
                 "\u017fecret=s3cretvalue99", "BEARER s3cretvalue99"):
        assert "s3cretvalue99" not in redact_text(text), text
        assert redact_text(text) == _redacted_without_gates(text)


def test_a_backtick_ends_a_value_and_literal_flags_stay() -> None:
    # huggingface_hub's own message quotes the argument in backticks: True is no secret, and hiding it (with the
    # backtick) kept every rule from reading the message
    message = "LocalTokenNotFoundError: Token is required (`token=True`), but no token found."
    assert redact_text(message) == message
    assert redact_text("pass `token=s3cr3t-value-123` here") == f"pass `token={REDACTED}` here"


@settings(max_examples=200, deadline=None)
@given(token=any_token, key=st.sampled_from(["token", "use_auth_token", "Authorization", "hf_token", "api_key"]),
       nest=st.integers(0, 3))
def test_redact_value_walks_nested_kwargs(token: str, key: str, nest: int) -> None:
    value: object = {key: token, "headers": {"authorization": f"Bearer {token}"}, "msg": f"failed with {token}"}
    for _ in range(nest):
        value = {"inner": [value]}
    assert token not in json.dumps(redact_value("kwargs", value))


@settings(max_examples=200, deadline=None)
@given(token=any_token, chunks=st.lists(st.integers(1, 20), min_size=1, max_size=8))
def test_redacting_stream_never_splits_a_secret_across_writes(token: str, chunks: list[int]) -> None:
    sink = io.StringIO()
    stream = RedactingStream(sink)  # type: ignore[arg-type]
    text = f"error: token={token} and Bearer {token}\n"
    pos = 0
    for size in chunks:
        stream.write(text[pos:pos + size])
        pos += size
    stream.write(text[pos:])
    stream.flush()
    assert token not in sink.getvalue() and sink.getvalue().count(REDACTED) >= 2


def test_prose_about_tokens_is_left_readable() -> None:
    text = "The repo is gated: it needs a token: run `hf auth login`; pad_token=<pad>, token=None, basic usage."
    assert redact_text(text) == text


# ---- a real failing load: report JSON, Markdown, trace, explain ---------------------------------------------


@pytest.fixture
def secret() -> str:
    return "hf_" + "Zq3" * 11 + "x"  # 34 characters after hf_


def test_failed_load_with_a_token_leaks_it_nowhere(hf_home: Path, secret: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", secret)
    trace = io.StringIO()
    printer = TracePrinter(Console(file=trace, width=300, highlight=False))
    with pytest.raises(LoadFailed) as info:
        # the token also as a kwarg and as a (wrong) revision, so it reaches error messages and the snippet
        safe_load("org/not-there", token=secret, revision=secret, on_event=printer)
    report = info.value.report
    outputs = {"json": report.to_json(), "compact json": report.to_json(indent=None),
               "markdown": report.to_markdown(), "trace": trace.getvalue(), "str": str(info.value)}
    for name, text in outputs.items():
        assert secret not in text, f"token leaked in {name}"
    json.loads(outputs["json"])  # still valid JSON after redaction
    assert report.final_kwargs["token"] == REDACTED


def test_explain_redacts_a_token_inside_a_traceback(secret: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", secret)
    traceback_text = (
        "Traceback (most recent call last):\n"
        f"  File \"x.py\", line 3, in <module>\n    AutoModel.from_pretrained('org/x', token='{secret}')\n"
        "huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url "
        f"https://huggingface.co/org/x/resolve/main/config.json?token={secret}\n"
        f"headers: {{'authorization': 'Bearer {secret}'}}\n"
    )
    out = explain(traceback_text)
    assert secret not in out.model_dump_json()
    assert out.category != "other"


# ---- the held-out check, exactly: fresh processes, HF_TOKEN set -----------------------------------------------


def _advisor() -> list[str]:
    script = Path(sys.executable).parent / "advisor"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "advisor.cli"]


def test_held_out_failed_advisor_load_and_explain_never_print_hf_token(hf_home: Path, tmp_path: Path,
                                                                        secret: str) -> None:
    env = {**os.environ, "HF_TOKEN": secret, "PYTHONPATH": str(REPO)}
    report_file = tmp_path / "report.json"
    load = subprocess.run([*_advisor(), "load", "org/not-there", "--revision", secret, "--report",
                           str(report_file), "--json"], capture_output=True, text=True, env=env, timeout=240)
    assert load.returncode == 1, load.stderr[-3000:]
    assert report_file.is_file() and load.stdout.strip()
    for name, text in {"stdout": load.stdout, "stderr": load.stderr, "report": report_file.read_text()}.items():
        assert secret not in text, f"HF_TOKEN leaked in advisor load {name}"
    json.loads(load.stdout)
    json.loads(report_file.read_text())

    traceback_text = (
        "Traceback (most recent call last):\n  File \"run.py\", line 1, in <module>\n"
        f"OSError: There was a specific connection error when trying to load org/x: token={secret}\n"
        f"Authorization: Bearer {secret}\n"
    )
    for extra in ([], ["--json"]):
        proc = subprocess.run([*_advisor(), "explain", "-", *extra], input=traceback_text, capture_output=True,
                              text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert secret not in proc.stdout + proc.stderr, f"HF_TOKEN leaked in advisor explain {extra}"
        if extra:
            json.loads(proc.stdout)


# ---- only plausible secrets from the environment; tokens inside URLs and ids ---------------------------------


@pytest.mark.parametrize("word", ["torch", "float16", "model", "auto", "main", "gpt2", "x"])
def test_a_short_common_word_in_hf_token_does_not_corrupt_code(word: str, cached_tiny: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar for an environment value to count as a secret: an HF-shaped token, or 8+ non-space characters."""
    monkeypatch.setenv("HF_TOKEN", word)
    snippet = "import torch\nmodel = AutoModelForCausalLM.from_pretrained('gpt2', dtype='float16', device_map='auto')"
    assert redact_text(snippet) == snippet
    result = safe_load("acme/tiny-gtp2", tokenizer=False, policy=Policy(remember=False, consent=lambda request: True))
    assert REDACTED not in result.report.snippet and "acme/tiny-gpt2" in result.report.snippet
    compile(result.report.snippet, "snippet", "exec")


def test_a_token_of_plausible_length_in_hf_token_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "s3cr3t-v4lue")
    assert redact_text("failed with s3cr3t-v4lue here") == f"failed with {REDACTED} here"


URL_FORMS = [
    "https://huggingface.co/org/m?token={t}",
    "https://huggingface.co/org/m?revision=main&token={t}",
    "https://huggingface.co/org/m?access_token={t}#frag",
    "https://user:{t}@huggingface.co/org/m",
    "https://{t}@huggingface.co/org/m",
    "hf://user:{t}@host/org/m/resolve/main/config.json",
    "org/m?token={t}",
    "org/{t}",
]


@pytest.mark.parametrize("form", URL_FORMS)
@pytest.mark.parametrize("token", ["hf_" + "Ab9" * 11 + "z", "s3cretPassw0rd-long"])
def test_redact_id_removes_tokens_from_urls_and_ids(form: str, token: str) -> None:
    if token.startswith("s3") and form in ("https://{t}@huggingface.co/org/m", "org/{t}"):
        pytest.skip("a bare word before @ or in a path is only recognisable when it is HF-shaped")
    model_id = form.format(t=token)
    cleaned = redact_id(model_id)
    assert token not in cleaned and REDACTED in cleaned
    assert redact_id(cleaned) == cleaned  # idempotent
    assert cleaned.startswith(model_id.split(token)[0].split("://")[0])  # the rest is kept


def test_redact_id_leaves_plain_ids_and_paths_alone(tmp_path: Path) -> None:
    for model_id in ["gpt2", "org/model-name_v1.5", "https://huggingface.co/org/m", str(tmp_path / "my model"),
                     "org/token-classifier", "org/m?revision=main"]:
        assert redact_id(model_id) == model_id
    assert redact_id(tmp_path) == str(tmp_path)


def test_a_token_saved_by_hf_auth_login_is_redacted_and_follows_hf_home(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """huggingface_hub keeps the token in HF_HOME/token: its value is redacted wherever it appears, also after HF_HOME
    points elsewhere in the same process (the token files' paths are worked out once per environment)."""
    from advisor.redact import redact_text

    monkeypatch.delenv("HF_TOKEN_PATH", raising=False)
    monkeypatch.delenv("HF_STORED_TOKENS_PATH", raising=False)
    for name, secret in (("a", "first-saved-secret-7Qx"), ("b", "second-saved-secret-9Zk")):
        home = tmp_path / name
        home.mkdir()
        (home / "token").write_text(secret, encoding="utf-8")
        monkeypatch.setenv("HF_HOME", str(home))
        assert redact_text(f"Authorization failed for {secret} at the mirror") == (
            "Authorization failed for <redacted> at the mirror")
