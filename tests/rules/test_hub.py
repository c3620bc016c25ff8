"""rules/hub: repo ids, gated repos, revisions, network, and the generic 'Can't load ...' of transformers 4."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

# transformers 5 wraps hub errors in OSError and chains the typed hub error; a paste shows the whole chain.
REF_01A = """Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/transformers/utils/hub.py", line 533, in cached_files
    hf_hub_download(
huggingface_hub.errors.LocalEntryNotFoundError: Cannot find the requested files in the disk cache and outgoing traffic has been disabled. To enable hf.co look-ups and downloads online, set 'local_files_only' to False.

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "load.py", line 3, in <module>
    AutoModelForCausalLM.from_pretrained("org/does-not-exist")
OSError: We couldn't connect to 'https://huggingface.co' to load the files, and couldn't find them in the cached files.
Check your internet connection or see how to run the library in offline mode at 'https://huggingface.co/docs/transformers/installation#offline-mode'.
"""

REF_01E = """huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. (Request ID: Root=mock-1795514704720)

Repository Not Found for url: http://127.0.0.1:39845/org/missing/resolve/main/config.json.
Please make sure you specified the correct `repo_id` and `repo_type`.
If you are trying to access a private or gated repo, make sure you are authenticated and your token has the required permissions.
For more details, see https://huggingface.co/docs/huggingface_hub/authentication

The above exception was the direct cause of the following exception:

OSError: org/missing is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'
If this is a private repository, make sure to pass a token having permission to this repo either by logging in with `hf auth login` or by passing `token=<your_token>`
"""

# 01f: a 401 for a repo that does not exist (anonymous) is a RepositoryNotFoundError, not a gated repo.
REF_01F = """huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. (Request ID: Root=mock-1795514707100)

Repository Not Found for url: http://127.0.0.1:39845/org/missing401/resolve/main/config.json.
Please make sure you specified the correct `repo_id` and `repo_type`.
If you are trying to access a private or gated repo, make sure you are authenticated and your token has the required permissions.
For more details, see https://huggingface.co/docs/huggingface_hub/authentication
Invalid username or password.
"""

REF_02A = """huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=mock-1795514764851)

Cannot access gated repo for url http://127.0.0.1:39845/org/gated/resolve/main/config.json.
Access to model org/gated is restricted. You must have access to it and be authenticated to access it. Please log in.

The above exception was the direct cause of the following exception:

OSError: You are trying to access a gated repo.
Make sure to have access to it at https://huggingface.co/org/gated.
401 Client Error. (Request ID: Root=mock-1795514764851)
"""

REF_02F = """OSError: There was a specific connection error when trying to load org/badtoken:
Client error '401 Unauthorized' for url 'http://127.0.0.1:39845/org/badtoken/resolve/main/config.json' (Request ID: Root=mock-1795514775667)
For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401

Invalid credentials in Authorization header"""

REF_11B = """huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. (Request ID: Root=mock-1795515631780)

Revision Not Found for url: http://127.0.0.1:51273/org/tiny/resolve/nope/config.json.
Invalid rev id: nope

The above exception was the direct cause of the following exception:

OSError: nope is not a valid git identifier (branch name, tag name or commit id) that exists for this model name. Check the model page at 'https://huggingface.co/org/tiny' for available revisions.
"""

REF_01Y = """httpcore2.ConnectError: [Errno -2] Name or service not known

The above exception was the direct cause of the following exception:

huggingface_hub.errors.LocalEntryNotFoundError: An error happened while trying to locate the file on the Hub and we cannot find the requested files in the local cache. Please check your connection and try again or make sure your Internet connection is on.

The above exception was the direct cause of the following exception:

OSError: We couldn't connect to 'http://nonexistent-host.invalid' to load the files, and couldn't find them in the cached files."""

REF_01Q = """huggingface_hub.errors.FileMetadataError: Response from http://127.0.0.1:39845/org/nocommit/resolve/3dfc/config.json is missing the 'X-Repo-Commit' header, so it does not seem to be served by a Hugging Face Hub endpoint. If HF_ENDPOINT is set, check that it points to a Hub-compatible endpoint. Otherwise, check your firewall and proxy settings and make sure your SSL certificates are updated.

The above exception was the direct cause of the following exception:

OSError: We couldn't connect to 'http://127.0.0.1:39845' to load the files, and couldn't find them in the cached files."""

# transformers 4.x / huggingface_hub 0.x (requests)
OLD_REPO_NOT_FOUND = """requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://huggingface.co/meta-llama/Llama2-7b-hf/resolve/main/config.json

The above exception was the direct cause of the following exception:

huggingface_hub.utils._errors.RepositoryNotFoundError: 404 Client Error. (Request ID: Root=1-64b8a1)

Repository Not Found for url: https://huggingface.co/meta-llama/Llama2-7b-hf/resolve/main/config.json.
Please make sure you specified the correct `repo_id` and `repo_type`.
If you are trying to access a private or gated repo, make sure you are authenticated.

During handling of the above exception, another exception occurred:

OSError: meta-llama/Llama2-7b-hf is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'
If this is a private repository, make sure to pass a token having permission to this repo with `use_auth_token` or log in with `huggingface-cli login` and pass `use_auth_token=True`."""

OLD_GATED = """huggingface_hub.utils._errors.GatedRepoError: 403 Client Error. (Request ID: Root=1-65a3)

Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-2-7b-hf/resolve/main/config.json.
Access to model meta-llama/Llama-2-7b-hf is restricted and you are not in the authorized list. Visit https://huggingface.co/meta-llama/Llama-2-7b-hf to ask for access."""

OLD_CONNECTION = (
    "requests.exceptions.ConnectionError: (MaxRetryError(\"HTTPSConnectionPool(host='huggingface.co', port=443): "
    "Max retries exceeded with url: /bert-base-chinese/resolve/main/vocab.txt (Caused by NewConnectionError("
    "'<urllib3.connection.HTTPSConnection object at 0x7f3c>: Failed to establish a new connection: [Errno 101] "
    "Network is unreachable'))\"), '(Request ID: 51a2)')"
)

OLD_SSL = (
    "requests.exceptions.SSLError: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries exceeded with "
    "url: /bert-base-uncased/resolve/main/config.json (Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
    "CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain "
    "(_ssl.c:1129)')))"
)

OLD_PROXY = (
    "requests.exceptions.ProxyError: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries exceeded "
    "with url: /api/models/gpt2 (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection "
    "failed: 407 Proxy Authentication Required')))"
)

OLD_CANT_LOAD_TOKENIZER_CANONICAL = (
    "OSError: Can't load tokenizer for 'bert-base-uncased'. If you were trying to load it from "
    "'https://huggingface.co/models', make sure you don't have a local directory with the same name. Otherwise, "
    "make sure 'bert-base-uncased' is the correct path to a directory containing all relevant files for a "
    "BertTokenizer tokenizer."
)

OLD_CANT_LOAD_CONFIG = (
    "OSError: Can't load config for 'KB/bert-base-swedish-cased'. If you were trying to load it from "
    "'https://huggingface.co/models', make sure you don't have a local directory with the same name. Otherwise, "
    "make sure 'KB/bert-base-swedish-cased' is the correct path to a directory containing a config.json file"
)

NO_CONFIG_LOCAL_PATH = (
    "OSError: /data/runs/checkpoint-500 does not appear to have a file named config.json. Checkout "
    "'https://huggingface.co//data/runs/checkpoint-500/None' for available files."
)

NO_CONFIG_HUB_ID = (
    "OSError: RunsenXu/PointLLM_7B_v1.2 does not appear to have a file named config.json. Checkout "
    "'https://huggingface.co/RunsenXu/PointLLM_7B_v1.2/tree/None' for available files."
)

OFFLINE_TYPO_CTX = {"local": {"has_model": False, "near_count": 1, "near_ids": ["org/tiny"]},
                    "plan": {"model_id": "org/tiyn"}}

POSITIVE = [
    Case("gated-repo", REF_02A, "02a", fix="login_token"),
    Case("gated-not-authorized", "OSError: You are trying to access a gated repo.\nMake sure to have access to it at "
         "https://huggingface.co/org/gated403.\n403 Client Error. (Request ID: Root=mock-1795514767083)\n\n"
         "Cannot access gated repo for url http://127.0.0.1:39845/org/gated403/resolve/main/config.json.\n"
         "Access to model org/gated403 is restricted and you are not in the authorized list. Visit "
         "https://huggingface.co/org/gated403 to ask for access.", "02b"),
    Case("token-rejected", REF_02F, "02f bad token"),
    Case("gated-not-authorized", OLD_GATED, "huggingface_hub 0.x gated 403"),
    Case("gated-repo", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/api/models/bigcode/starcoder", "requests 401"),
    Case("offline-not-cached", REF_01A, "01a"),
    Case("offline-not-cached", REF_01Y, "01y DNS"),
    Case("offline-not-cached", "huggingface_hub.errors.LocalEntryNotFoundError: An error happened while trying to "
         "locate the file on the Hub and we cannot find the requested files in the local cache. Please check your "
         "connection and try again or make sure your Internet connection is on.", "01k last line"),
    Case("offline-not-cached", OLD_CONNECTION, "requests ConnectionError"),
    Case("offline-not-cached", "huggingface_hub.utils._errors.LocalEntryNotFoundError: Connection error, and we "
         "cannot find the requested files in the disk cache. Please try again or make sure your Internet "
         "connection is on.", "huggingface_hub 0.x"),
    Case("offline-not-cached", "requests.exceptions.ReadTimeout: (ReadTimeoutError(\"HTTPSConnectionPool("
         "host='cdn-lfs.huggingface.co', port=443): Read timed out. (read timeout=10)\"), '(Request ID: a1)')",
         "requests ReadTimeout"),
    Case("offline-not-cached", "huggingface_hub.utils._errors.HfHubHTTPError: 504 Server Error: Gateway Time-out "
         "for url: https://huggingface.co/api/models/x/y/revision/main", "5xx"),
    Case("offline-typo-in-cache", "OSError: We couldn't connect to 'https://huggingface.co' to load the files, and "
         "couldn't find them in the cached files.", "03a", ctx=OFFLINE_TYPO_CTX),
    Case("cached-snapshot-without-ref", REF_01A, "03g (live: refs/main deleted)",
         ctx={"local": {"ref_missing": True, "snapshot_commit": "fbbdb82d", "snapshot_proven": True}},
         fix="use_local_cache"),
    Case("cached-snapshot-without-ref", REF_01A, "03g: no proof which snapshot the name meant",
         ctx={"local": {"ref_missing": True, "snapshots_text": "fbbdb82d", "cached_refs_text": "no refs"}},
         fix="use_local_cache"),
    Case("repo-id-malformed", "OSError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': 'a/b/c'. "
         "Use `repo_type` argument if needed.", "01n"),
    Case("repo-id-malformed", "huggingface_hub.utils._validators.HFValidationError: Repo id must use alphanumeric "
         "chars or '-', '_', '.', '--' and '..' are forbidden, '-' and '.' cannot start or end the name, max "
         "length is 96: '/home/me/models/llama'.", "huggingface_hub 0.x"),
    Case("local-path-missing", "OSError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'/models/gpt2'. Use `repo_type` argument if needed.", "absolute path that does not exist (live)",
         ctx={"local": {"path_like": True, "nearest_parent": "/"}}, fix="update_calling_code"),
    Case("repo-not-found", REF_01E, "01e"),
    Case("repo-not-found", REF_01F, "01f"),
    Case("repo-not-found", OLD_REPO_NOT_FOUND, "transformers 4.x + hub 0.x"),
    Case("revision-not-found", REF_11B, "11b"),
    Case("revision-not-found", "huggingface_hub.utils._errors.RevisionNotFoundError: 404 Client Error. (Request "
         "ID: Root=1-64)\n\nRevision Not Found for url: https://huggingface.co/api/models/x/y/revision/v1.0.\n"
         "Invalid rev id: v1.0", "huggingface_hub 0.x"),
    Case("cant-load-canonical-id", OLD_CANT_LOAD_TOKENIZER_CANONICAL, "transformers 4.x tokenizer"),
    Case("cant-load-canonical-id", "OSError: Can't load config for 'gpt2'. If you were trying to load it from "
         "'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "transformers 4.x config"),
    Case("cant-load-canonical-id", "OSError: Can't load tokenizer for 'openai/clip-vit-large-patch14'. If you were "
         "trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory with "
         "the same name.", "Stable Diffusion UI behind a firewall"),
    Case("cant-load-from-hub", OLD_CANT_LOAD_CONFIG, "transformers 4.x config"),
    Case("cant-load-from-hub", "OSError: Can't load the model for 'someone/some-model'. If you were trying to load "
         "it from 'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "transformers 4.x model"),
    Case("ssl-or-proxy", OLD_SSL, "requests SSLError", fix="set_proxy_or_endpoint"),
    Case("ssl-or-proxy", OLD_PROXY, "requests ProxyError"),
    Case("ssl-or-proxy", REF_01Q, "01q no X-Repo-Commit"),
    Case("config-file-missing", NO_CONFIG_LOCAL_PATH, "transformers 4.x local path"),
    Case("config-file-missing", NO_CONFIG_HUB_ID, "live: no shadowing folder", ctx={}),
    Case("config-file-missing", "OSError: TheBloke/Llama-2-7B-GGUF does not appear to have a file named config.json. "
         "Checkout 'https://huggingface.co/TheBloke/Llama-2-7B-GGUF/main' for available files.", "GGUF repo"),
    Case("config-missing-shadow-guess", NO_CONFIG_HUB_ID, "transformers 4.x hub-shaped id"),
    Case("config-missing-shadow-guess", "does not appear to have a file named config.json", "bare message"),
    Case("repo-not-found", "$ llama-cli -hf ggml-org/gemma-3-1b-it-GGUF:Q4_K_M\nerror: model is private or does not "
         "exist; if you are accessing a gated model, please provide a valid HF token", "llama.cpp -hf",
         fix="fix_identifier"),
]

NEGATIVE = [
    Case("gated-repo", REF_01F, "01f is a missing repo"),
    Case("gated-repo", REF_01A, "offline"),
    Case("offline-not-cached", "OSError: [Errno 28] No space left on device", "disk full"),
    Case("offline-not-cached", REF_02A, "gated"),
    Case("offline-typo-in-cache", "OSError: We couldn't connect to 'https://huggingface.co' to load the files, and "
         "couldn't find them in the cached files.", "no near ids known"),
    Case("cached-snapshot-without-ref", REF_01A, "03g pasted: the cache is not known"),
    Case("repo-id-malformed", REF_01E, "repo not found"),
    Case("local-path-missing", "OSError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'https://huggingface.co/org/x'. Use `repo_type` argument if needed.", "pasted: a URL, not a path"),
    Case("repo-not-found", REF_02A, "gated"),
    Case("repo-not-found", OLD_GATED, "gated, hub 0.x"),
    Case("revision-not-found", REF_01E, "repo not found"),
    Case("cant-load-canonical-id", OLD_CANT_LOAD_CONFIG, "namespaced id"),
    Case("cant-load-canonical-id", "OSError: Can't load tokenizer for '/data/models/llama'.", "local path"),
    Case("cant-load-from-hub", OLD_CANT_LOAD_TOKENIZER_CANONICAL, "canonical id"),
    Case("cant-load-from-hub", "httpx2.ReadTimeout: timed out\n\nDuring handling of the above exception, another "
         "exception occurred:\n\nOSError: Can't load the configuration of 'org/slow'. If you were trying to load it "
         "from 'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "02o read timeout"),
    Case("ssl-or-proxy", OLD_CONNECTION, "plain connection error"),
    Case("config-file-missing", "OSError: org/tiny does not appear to have a file named pytorch_model.bin or "
         "model.safetensors.", "13p weights, not config"),
    Case("config-missing-shadow-guess", NO_CONFIG_LOCAL_PATH, "a path is the folder the user meant"),
    Case("config-missing-shadow-guess", NO_CONFIG_HUB_ID, "live load: local-dir-shadows-repo decides", ctx={}),
]


POSITIVE += [
    Case("revision-not-found", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/v2.1/config.json", "a bare 404 whose URL names a tag",
         fix="pin_revision"),
    Case("revision-not-found", "httpx.HTTPStatusError: Client error '404 Not Found' for url "
         "'https://huggingface.co/api/models/org/model/revision/refs%2Fpr%2F9'", "the revision API, a PR ref"),
]

POSITIVE += [
    Case("short-commit-hash", "  File \"load.py\", line 4, in <module>\n    model = AutoModel.from_pretrained("
         "\"org/model\", revision=\"4f2a9c1\")\nOSError: Can't load config for 'org/model'. Make sure that:\n\n- "
         "'org/model' is a correct model identifier listed on 'https://huggingface.co/models'", "transformers 4.x",
         fix="pin_revision"),
    Case("repo-not-found", "ValueError: The provided pretrained_model_name_or_path \"org/no-such-pipeline\" is "
         "neither a valid local path nor a valid repo id. Please check the parameter.", "diffusers wording",
         fix="fix_identifier"),
    Case("cant-load-from-hub", "OSError: Model name 'roberta-bsae' was not found in tokenizers model name list "
         "(roberta-base, roberta-large). We assumed 'roberta-bsae' was a path, a model identifier, or url to a "
         "directory containing vocabulary files named ['vocab.json', 'merges.txt'] but couldn't find such "
         "vocabulary files at this path or url.", "transformers 3.x tokenizer wording", fix="fix_identifier"),
    Case("config-file-missing", "  File \"/x/peft/peft_model.py\", line 135, in from_pretrained\n    config = "
         "PEFT_TYPE_TO_CONFIG_MAPPING[PeftConfig.from_pretrained(model_id).peft_type].from_pretrained(model_id)\n"
         "    raise ValueError(f\"Can't find config.json at '{pretrained_model_name_or_path}'\")\nValueError: Can't "
         "find config.json at './adapters/run2'", "peft 0.2, a folder without the adapter config",
         fix="fix_identifier"),
]

NEGATIVE += [
    Case("short-commit-hash", "  File \"load.py\", line 4, in <module>\n    model = AutoModel.from_pretrained("
         "\"org/model\", revision=\"v1.0\")\nOSError: Can't load config for 'org/model'.", "a tag name"),
    Case("short-commit-hash", "    model = AutoModel.from_pretrained(\"org/model\", revision=\"4f2a9c1\")\n"
         "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", "the load went past the Hub"),
    Case("revision-not-found", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/main/config.json", "the default branch: the repo is missing"),
    Case("revision-not-found", "huggingface_hub.errors.EntryNotFoundError: 404 Client Error. Entry Not Found for "
         "url: https://huggingface.co/org/model/resolve/v2/model.safetensors.", "a missing file at a ref that exists"),
]


# authenticated but not granted: accept the conditions first
POSITIVE += [
    Case("gated-not-authorized", """huggingface_hub.errors.GatedRepoError: 403 Client Error. (Request ID: Root=1-0000)

Cannot access gated repo for url https://huggingface.co/acme/gated-7b/resolve/main/config.json.
Access to model acme/gated-7b is restricted and you are not in the authorized list. Visit https://huggingface.co/acme/gated-7b to ask for access.""",
         "huggingface_hub 0.2x, logged in", fix="accept_license"),
    Case("gated-not-authorized", """requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://huggingface.co/acme/gated-xl/resolve/main/model_index.json

The above exception was the direct cause of the following exception:

huggingface_hub.utils._errors.GatedRepoError: 403 Client Error.""", "a 403 on a gated repo"),
    Case("gated-not-authorized", "Your request to access model acme/gated-7b is awaiting a review from the repo "
         "authors.", "request pending"),
]

NEGATIVE += [
    Case("gated-not-authorized", """GatedRepoError: 401 Client Error.
Cannot access gated repo for url https://huggingface.co/acme/gated-7b/resolve/main/config.json.
Access to model acme/gated-7b is restricted. You must have access to it and be authenticated to access it. Please log in.""",
         "not logged in: a token first"),
    Case("gated-not-authorized", "OSError: You are trying to access a gated repo.\nMake sure to request access at "
         "https://huggingface.co/acme/gated-7b and pass a token having permission to this repo",
         "transformers' generic gated sentence"),
]

# the default branch does not resolve: the Hub, not the revision
POSITIVE += [
    Case("default-revision-unresolved", "OSError: None is not a valid git identifier (branch name, tag name or "
         "commit id) that exists for this model name. Check the model page at 'https://huggingface.co/acme/speech' "
         "for available revisions.", "transformers 4.3x, no revision passed", fix="retry_download"),
    Case("default-revision-unresolved", "huggingface_hub.utils._errors.RevisionNotFoundError: 404 Client Error. "
         "Revision Not Found for url: https://huggingface.co/api/models/acme/speech/revision/main.\nInvalid rev id: main",
         "the Hub's own words on main"),
]

NEGATIVE += [
    Case("default-revision-unresolved", "OSError: v3.1 is not a valid git identifier (branch name, tag name or "
         "commit id) that exists for this model name.", "a tag that does not exist"),
    Case("default-revision-unresolved", "Invalid rev id: maintenance-branch", "a branch whose name starts with main"),
]


# a canonical public model reported missing: the request failed
POSITIVE += [
    Case("canonical-id-unreachable", "OSError: google-bert/bert-base-multilingual-cased is not a local folder "
         "and is not a valid model identifier listed on 'https://huggingface.co/models'\nIf this is a private "
         "repository, make sure to pass a token having permission to this repo", "transformers 4.3x",
         fix="retry_download"),
    Case("canonical-id-unreachable", "OSError: distilroberta-base is not a local folder and is not a valid model "
         "identifier listed on 'https://huggingface.co/models'", "a legacy canonical id"),
]

NEGATIVE += [
    Case("canonical-id-unreachable", "OSError: acme/tiny-llm is not a local folder and is not a valid model "
         "identifier listed on 'https://huggingface.co/models'", "any other id may really be missing"),
    Case("canonical-id-unreachable", "OSError: sentence-transformers/all-MiniLM-L6-v9 is not a local folder and is "
         "not a valid model identifier listed on 'https://huggingface.co/models'", "a big organisation: a typo"),
]


# transformers 2.x/3.x: one sentence for any failed download
POSITIVE += [
    Case("old-server-unreachable", "OSError: Couldn't reach server at 'https://s3.amazonaws.com/models.huggingface.co/"
         "bert/acme-base-config.json' to download pretrained model configuration file.", "transformers 2.x",
         fix="retry_download"),
]

NEGATIVE += [
    Case("old-server-unreachable", "OSError: Couldn't reach server at './acme/config.json' to download configuration "
         "file or configuration file is not a valid JSON file.", "a local path: no server involved"),
]


# The Hub cache's folder of a repo (models--org--name) passed as a model folder: the id is what is wrong.
POSITIVE += [
    Case("cache-folder-as-id", "OSError: /root/.cache/huggingface/hub/models--Qwen--Qwen2.5-0.5B does not appear to "
         "have a file named config.json. Checkout 'https://huggingface.co//root/.cache/huggingface/hub/"
         "models--Qwen--Qwen2.5-0.5B/tree/None' for available files.", "Linux, org/name", fix="fix_identifier"),
    Case("cache-folder-as-id", "OSError: Can't load tokenizer for 'D:\\hf\\hub\\models--gpt2'. If you were trying "
         "to load it from 'https://huggingface.co/models', make sure you don't have a local directory with the same "
         "name.", "Windows, a legacy id without organisation"),
]
NEGATIVE += [
    Case("cache-folder-as-id", "OSError: /root/.cache/huggingface/hub/models--Qwen--Qwen2.5-0.5B/snapshots/"
         "0123456789abcdef0123456789abcdef01234567 does not appear to have a file named config.json.",
         "a snapshot folder is a model folder"),
]

# A mirror or another endpoint answering an error for a model file.
POSITIVE += [
    Case("mirror-http-error", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://hf-mirror.example.cn/org/model/resolve/main/model.safetensors", "a mirror 404",
         fix="set_proxy_or_endpoint"),
    Case("mirror-http-error", "requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: "
         "http://10.0.0.5:8080/hf/org/model/resolve/main/config.json", "a company proxy in front of the Hub"),
]
NEGATIVE += [
    Case("mirror-http-error", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/main/model.safetensors", "the Hub itself"),
]

# The caller passes a token, so the repo is private or gated, and it could not be read.
POSITIVE += [
    Case("private-repo-token-asked", '----> 2 model = AutoModel.from_pretrained("acme/internal-ner", '
         'use_auth_token=True)\nOSError: acme/internal-ner is not a local folder and is not a valid model identifier '
         "listed on 'https://huggingface.co/models'", "use_auth_token=True", fix="login_token"),
    Case("private-repo-token-asked", "    model = AutoModelForCausalLM.from_pretrained(repo, token=hf_token)\n"
         "OSError: Can't load config for 'acme/llm'. If you were trying to load it from 'https://huggingface.co/models'",
         "token= a variable"),
]
NEGATIVE += [
    Case("private-repo-token-asked", "OSError: acme/x is not a local folder and is not a valid model identifier listed "
         "on 'https://huggingface.co/models'\nIf this is a private repository, make sure to pass a token having "
         "permission to this repo with `use_auth_token` or log in with `huggingface-cli login` and pass "
         "`use_auth_token=True`.", "transformers' own hint is no call"),
]

# Another client's 403 on a Hub file: an account without access to a gated repo.
POSITIVE += [
    Case("gated-not-authorized", "thread 'main' panicked at src/pipeline/mod.rs:90:10:\nCould not get file "
         '"config.json" from API: RequestError(Status(403, Response[status: 403, status_text: Forbidden, url: '
         'https://huggingface.co/google/gemma-2-9b-it/resolve/main/config.json]))', "the Rust hf-hub crate",
         fix="accept_license"),
]

# A path the process could not see, sent to the Hub as a repo id (a container without the volume).
POSITIVE += [
    Case("local-path-sent-to-hub", "Error: Could not download model artifacts\nCaused by: request error: HTTP status "
         "client error (404 Not Found) for url (https://huggingface.co//data/models/my-embedder/resolve/main/"
         "config.json)", "TEI in a container", fix="update_calling_code"),
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co//home/me/ckpt/resolve/main/tokenizer.json", "requests"),
]
NEGATIVE += [
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model/resolve/main/config.json", "an org/name repo"),
]

# A name without its organisation sent to the Hub.
POSITIVE += [
    Case("repo-id-without-organisation", "Error while generating embeddings: error: fetching file from HF hub failed: "
         "request error: https://huggingface.co/all-mpnet-base-v2/resolve/main/config.json: status code 401",
         "a Rust client, 401", fix="fix_identifier"),
    Case("repo-id-without-organisation", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/e5-large-v2/resolve/main/tokenizer.json", "requests, 404"),
]
NEGATIVE += [
    Case("repo-id-without-organisation", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/gpt2-medium/resolve/main/model.safetensors", "a legacy id"),
]

# transformers' "specific connection error" around an HTTP status error: the Hub refused the request.
POSITIVE += [
    Case("specific-connection-error-http", "OSError: There was a specific connection error when trying to load "
         "acme/private-model:\n<class 'requests.exceptions.HTTPError'> (Request ID: Root=1-abc)",
         "transformers 4.2x, the status not printed", fix="login_token"),
]
NEGATIVE += [
    Case("specific-connection-error-http", "OSError: There was a specific connection error when trying to load "
         "acme/model:\nHTTPSConnectionPool(host='huggingface.co', port=443): Read timed out. (read timeout=10)",
         "a timeout: the network"),
]

POSITIVE += [
    Case("gated-repo", "ValueError: Llama 3 tokenizer is not available. Make sure you have the necessary permissions.",
         "a library that checks access itself"),
]

# Pastes that start mid-message: the last sentence of a known message still names the failure.
POSITIVE += [
    Case("repo-not-found", "If this is a private repository, make sure to pass a token having permission to this repo "
         "with 'use_auth_token' or log in with 'huggingface-cli login'.", "transformers 4.2x, second sentence only"),
    # huggingface_hub appends the Hub's body to a 401 for a missing or private repo (REF_01F's last line)
    Case("repo-not-found", "Invalid username or password.", "01f, last line only"),
    Case("revision-not-found", "Check the model page at 'https://huggingface.co/org/tiny' for available revisions.",
         "11b, last sentence only"),
]
# A gated repo's 401 that also carries the Hub's body stays a gate (the gate's words decide).
NEGATIVE += [
    Case("repo-not-found", "GatedRepoError: 401 Client Error.\nCannot access gated repo for url "
         "https://huggingface.co/org/gated/resolve/main/config.json.\nAccess to model org/gated is restricted. "
         "You must have access to it and be authenticated to access it. Please log in.\n"
         "Invalid username or password.", "gated 401 with the credentials line"),
]

POSITIVE += [
    Case("cant-load-from-hub", "- or 'acme/sentiment-v2' is the correct path to a directory containing a config.json "
         "file", "transformers 4.1x, last line of \"Can't load config for\" only"),
]

# A relative local path reaches the Hub: its "organisation" is a folder of the project's own layout.
POSITIVE += [
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/checkpoints/sd-vae/resolve/main/config.json", "checkpoints/ as an organisation",
         fix="update_calling_code"),
    Case("repo-not-found", "2024-05-17 10:00:01 - modelscope - ERROR - Authentication token does not exist, failed "
         "to access model acme/chat-7b which may not exist or may be private. Please login first.", "ModelScope hub"),
]
NEGATIVE += [
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/modelscope/chat-7b/resolve/main/config.json", "an organisation, not a folder"),
]

POSITIVE += [
    Case("open-clip-name-without-hf-hub", "RuntimeError: Model config for QuiltNet-B-32 not found.",
         "open_clip, a Hub model named bare", fix="fix_identifier"),
    # a family gated as a whole: transformers' not-found sentence means no token with access
    Case("gated-repo", "OSError: google/gemma-2-9b-it is not a local folder and is not a valid model identifier "
         "listed on 'https://huggingface.co/models'", "transformers 4.3x, no token", fix="login_token"),
]
NEGATIVE += [
    Case("open-clip-name-without-hf-hub", "OSError: Can't load config for 'openai/clip-vit-base-patch32'.",
         "transformers' own words"),
    Case("gated-repo", "OSError: google/flan-t5-xxl is not a local folder and is not a valid model identifier listed "
         "on 'https://huggingface.co/models'", "a public family of the same organisation"),
]

# Library wordings across versions (transformers 2.x-5.x, huggingface_hub, diffusers, peft, accelerate,
# sentence-transformers), read from each release's own raise sites; texts written here with real-looking values.
POSITIVE += [
    Case("repo-not-found", "OSError: bert-base-uncsed is not a local folder or a valid repository name on "
         "'https://hf.co'.", "transformers 4.2x cached_file", fix="fix_identifier"),
    Case("repo-not-found", "ValueError: distilbert-base-uncase is not a local path or a model identifier on the model "
         "Hub. Did you make a typo?", "transformers has_file"),
    Case("repo-not-found", "ValueError: Path C:\\models\\all-MiniLM-L6-v2 not found", "sentence-transformers 2.x"),
    Case("repo-not-found", "ValueError: The provided path is either not a file or a valid huggingface URL was not "
         "provided. Valid URLs begin with https://huggingface.co/", "diffusers from_single_file"),
    Case("cant-load-from-hub", "OSError: Can't load video processor for 'llava-hf/LLaVA-NeXT-Video-7B-hf'. If you "
         "were trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory "
         "with the same name.", "transformers 4.52 video processor"),
    Case("saved-token-missing", "OSError: You specified use_auth_token=True, but a huggingface token was not found.",
         "transformers 4.x, no saved token", fix="login_token"),
    Case("saved-token-missing", "ValueError: You must login to the Hugging Face hub on this computer by typing "
         "`huggingface-cli login` and entering your credentials to use `use_auth_token=True`.", "hub 0.10"),
    Case("offline-not-cached", "OSError: Cannot load model stabilityai/sdxl-turbo: model is not cached locally and an "
         "error occured while trying to fetch metadata from the Hub. Please check out the root cause in the "
         "stacktrace above.", "diffusers DiffusionPipeline.download"),
    Case("offline-not-cached", "OSError: Could not download modules.json of BAAI/bge-small-en-v1.5 from the Hub, and "
         "the local cache does not contain it.", "sentence-transformers 6"),
    Case("ssl-or-proxy", "OSError: Distant resource does not seem to be on huggingface.co. It is possible that a "
         "configuration issue prevents you from downloading resources from https://huggingface.co.", "hub 0.20"),
    Case("config-file-missing", "huggingface_hub.errors.EntryNotFoundError: 404 Client Error: Entry Not Found for url: "
         "https://huggingface.co/TheBloke/Llama-2-7B-GGUF/resolve/main/config.json", "a GGUF-only repo"),
]
NEGATIVE += [
    Case("repo-not-found", "FileNotFoundError: [Errno 2] No such file or directory: 'data/train.json'",
         "a data file, not a model path"),
    Case("repo-not-found", "ValueError: Path to the vocabulary file not found in the archive", "no 'Path <x> not found'"),
    Case("gated-repo", "ValueError: Config for prompt tuning was not found.", "no token in it"),
    Case("offline-not-cached", "OSError: Cannot load model acme/tiny: model.safetensors is not a safetensors file",
         "no network word"),
    Case("config-file-missing", "huggingface_hub.errors.EntryNotFoundError: 404 Client Error: Entry Not Found for url: "
         "https://huggingface.co/acme/tiny/resolve/main/model.safetensors", "a weights file, not the config"),
]

POSITIVE += [
    Case("offline-not-cached", "huggingface_hub.errors.CachedRepoTreeNotFoundError: No cached tree listing found for "
         "'Qwen/Qwen3-0.6B' (revision 'main', repo_type 'model'): the revision is not a commit hash and no matching "
         "ref is cached.", "huggingface_hub 2.x offline"),
    Case("ssl-or-proxy", "httpx.TooManyRedirects: Exceeded 30 redirects while resolving "
         "'https://huggingface.co/api/models/gpt2'.", "a looping proxy"),
]
NEGATIVE += [
    Case("ssl-or-proxy", "ValueError: Exceeded the maximum number of retries for the job", "not redirects"),
]

# Serving and fine-tuning runtimes' own wordings (vLLM, lmdeploy, Unsloth, llama-cpp-python, ctransformers, auto-gptq,
# autoawq, optimum, bitsandbytes, timm, open_clip, mlx-lm, ModelScope), read from their releases' raise sites.
POSITIVE += [
    Case("repo-not-found", "ValueError: Model path does not exist: ./models/llama-2-7b.Q4_K_M.gguf",
         "llama-cpp-python", fix="fix_identifier"),
    Case("repo-not-found", "ValueError: Model path 'TheBloke/Llama-2-7B-GGML' doesn't exist.", "ctransformers"),
    Case("repo-not-found", "ModelNotFoundError: Model not found for path or HF repo: mlx-community/Llama-3-8B.",
         "mlx-lm"),
    Case("config-file-missing", "ValueError: Could not detect config format for no config file found. Ensure your model "
         "has either config.json (HF format) or params.json (Mistral format).", "vLLM, a folder without config"),
    Case("revision-not-found", "NotExistError: The model: qwen/Qwen-7B-Chat has no revision: v1.1.9 valid are: "
         "[v1.1.4]!", "ModelScope", fix="pin_revision"),
]
NEGATIVE += [
    Case("repo-not-found", "ValueError: Model path exists but is empty", "the path is there"),
]

# Apps and wrappers on transformers (LangChain, LLaMA-Factory, SGLang, InvokeAI, exllamav2, compressed-tensors,
# Haystack, whisperx, gguf-py, auto-round), read from their releases' raise sites.
POSITIVE += [
    Case("offline-not-cached", "ValueError: With local_files_only set to True, you must first locally save the "
         "tokenizer in the following path: 'openai/clip-vit-large-patch14'.", "diffusers from_single_file offline"),
    Case("repo-not-found", "ValueError: Model sentence-transformers/all-MiniLM-L6 not found on HuggingFace Hub. "
         "Please provide a valid HuggingFace model_id.", "Haystack", fix="fix_identifier"),
]
NEGATIVE += [
    Case("offline-not-cached", "ValueError: With local_files_only set, save the pipeline first", "no such sentence"),
]

# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("offline-not-cached", "ValueError: Fetch hyperparams.yaml: File was not found locally and `allow_network` was "
         "disabled.", "speechbrain offline"),
    Case("repo-not-found", "FileNotFoundError: Model directory does not exist: /models/gpt4all", "gpt4all"),
    Case("gated-not-authorized", "Exception: [!] You must agree to the terms of service to use this model.",
         "Coqui TTS XTTS", fix="accept_license"),
]
NEGATIVE += [
    Case("gated-not-authorized", "Exception: You agreed to the terms of service", "agreed"),
]

# A token the Hub does not accept, whatever the repo: huggingface_hub 0.x words it as a missing repo, 1.x/2.x as a plain
# 401 (reference 02f_badtoken); a token with a newline is refused by the HTTP client before any request.
POSITIVE += [
    Case("token-rejected", "huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. (Request ID: Root=1-x)\n\n"
         "Repository Not Found for url: https://huggingface.co/org/public-model/resolve/main/config.json.\n"
         "Please make sure you specified the correct `repo_id` and `repo_type`.\n"
         "If you are trying to access a private or gated repo, make sure you are authenticated.\n"
         "Invalid credentials in Authorization header", "huggingface_hub 0.2x, expired token", fix="login_token"),
    Case("token-rejected", "requests.exceptions.InvalidHeader: Invalid leading whitespace, reserved character(s), or "
         "return character(s) in header value: 'Bearer hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n'", "requests 2.3x"),
    Case("token-rejected", "httpx.LocalProtocolError: Illegal header value b'Bearer hf_aaaaaaaaaaaaaaaaaaaa\\n'",
         "httpx"),
]
NEGATIVE += [
    Case("token-rejected", "requests.exceptions.InvalidHeader: Invalid leading whitespace, reserved character(s), or "
         "return character(s) in header value: ' application/json'", "another header"),
    Case("token-rejected", "huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error.\n\nRepository Not Found "
         "for url: https://huggingface.co/org/missing/resolve/main/config.json.\nInvalid username or password.",
         "no token at all: a missing or private repo"),
]

# BART, DeBERTa, Longformer, ELECTRA, FlauBERT never had organisation-less ids on the Hub: a shortcut such as
# "bart-large" is a wrong id, not a Hub that could not be reached.
POSITIVE += [
    Case("cant-load-from-hub", "OSError: Can't load config for 'bart-large'. Make sure that:\n\n- 'bart-large' is a "
         "correct model identifier listed on 'https://huggingface.co/models'\n\n- or 'bart-large' is the correct path "
         "to a directory containing a config.json file", "transformers 3.x, an old shortcut", fix="fix_identifier"),
]
NEGATIVE += [
    Case("cant-load-from-hub", "OSError: Can't load config for 'roberta-base'. Make sure that:\n\n- 'roberta-base' "
         "is a correct model identifier listed on 'https://huggingface.co/models'", "a canonical id that exists"),
]

# Gated repos whose conditions must be accepted before any token works (pyannote's pipelines and models).
POSITIVE += [
    Case("gated-conditions-to-accept", "Could not download 'pyannote/speaker-diarization-3.1' pipeline.\nIt might be "
         "because the pipeline is private or gated so make sure to authenticate. Visit https://hf.co/settings/tokens "
         "to create your access token and retry with:\n\n   >>> Pipeline.from_pretrained('pyannote/speaker-diarization"
         "-3.1',\n   ...                          use_auth_token=YOUR_AUTH_TOKEN)\n\nIf this still does not work, it "
         "might be because the pipeline is gated: visit https://hf.co/pyannote/speaker-diarization-3.1 to accept the "
         "user conditions.", "pyannote.audio 3.x", fix="accept_license"),
    Case("gated-conditions-to-accept", "huggingface_hub.errors.GatedRepoError: 401 Client Error.\n\nCannot access "
         "gated repo for url https://huggingface.co/pyannote/segmentation-3.0/resolve/main/config.yaml.\nAccess to "
         "model pyannote/segmentation-3.0 is restricted. You must have access to it and be authenticated to access "
         "it. Please log in.", "huggingface_hub 0.2x", fix="accept_license"),
]
NEGATIVE += [
    Case("gated-conditions-to-accept", "huggingface_hub.errors.GatedRepoError: 401 Client Error.\n\nCannot access "
         "gated repo for url https://huggingface.co/mistralai/Mistral-7B-v0.1/resolve/main/config.json.\nAccess to "
         "model mistralai/Mistral-7B-v0.1 is restricted. You must be authenticated to access it.",
         "another gated repo: a token may be all it needs"),
    Case("gated-conditions-to-accept", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/pyannote/no-such-model/resolve/main/config.yaml", "a 404, not a gate"),
]


# pyannote returns None from a gated download instead of raising; the code fails on the None object.
POSITIVE += [
    Case("gated-pipeline-returned-none", "    pipeline = Pipeline.from_pretrained('pyannote/speaker-diarization-3.1', "
         "use_auth_token=token)\n    pipeline.to(torch.device('cuda'))\nAttributeError: 'NoneType' object has no "
         "attribute 'to'", "pyannote.audio 3.x", fix="accept_license"),
    Case("gated-pipeline-returned-none", "  File \"app.py\", line 40, in <module>\n    use_auth_token=os.environ['HF_TOKEN'"
         "]).to(device)\nAttributeError: 'NoneType' object has no attribute 'to'", "the source line alone"),
    Case("gated-repo", "You do not have access to this HF model\n\nWe recommend visiting the repo page on "
         "HuggingFace.com. The owner may require acceptance of terms in order to download.", "InvokeAI 5.x"),
]
NEGATIVE += [
    Case("gated-pipeline-returned-none", "    model = build_model(cfg)\n    model.to(device)\nAttributeError: 'NoneType' "
         "object has no attribute 'to'", "a None from the user's own code"),
]

# Loaders' own checks for config.json in a folder of another format (Meta's original download).
POSITIVE += [
    Case("config-file-missing", "AssertionError: Can't find /home/me/llama-2-70b-chat/config.json", "exllamav2"),
    Case("config-file-missing", "could not find model config file at /models/Meta-Llama-3-8B-Instruct/config.json",
         "llama-recipes"),
]
NEGATIVE += [
    Case("config-file-missing", "OSError: We couldn't connect to 'https://huggingface.co' to load this file, couldn't "
         "find it in the cached files and it looks like org/model is not the path to a directory containing a file "
         "named config.json.", "no network: transformers' offline sentence"),
]


# Rust clients, ModelScope, and Colab's token secret.
POSITIVE += [
    Case("offline-not-cached", "[WARN] Preflight HEAD https://huggingface.co/x failed: tcp connect error: No connection "
         "could be made because the target machine actively refused it. (os error 10061)", "a Rust app on Windows"),
    Case("ssl-or-proxy", "Message: reqwest::error url: https://cas-server.xethub.hf.co/reconstruction/x\nKind: "
         "invaliddata\nError: Invalid certificate(UnknownIssuer)", "hf_xet behind a TLS-inspecting proxy",
         fix="set_proxy_or_endpoint"),
    Case("revision-not-found", "modelscope.hub.errors.NoValidRevisionError: The model: org/x has no valid revision!.",
         "ModelScope SDK", fix="pin_revision"),
    Case("repo-not-found", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://www.modelscope.cn/api/v1/models/meta-llama/Meta-Llama-3-8B/revisions", "a Hub id on ModelScope"),
    Case("colab-token-not-available", "UserWarning: \nError while fetching `HF_TOKEN` secret value from your vault: "
         "'Requesting secret HF_TOKEN timed out. Secrets can only be fetched when running from the Colab UI.'.\nYou are "
         "not authenticated with the Hugging Face Hub in this notebook.", "Colab", fix="login_token"),
    Case("gated-repo", "OSError: Can't load tokenizer for 'meta-llama/Llama-2-7b-hf'. If you were trying to load it "
         "from 'https://huggingface.co/models', make sure you don't have a local directory with the same name.",
         "a gated family behind transformers' generic sentence", fix="login_token"),
]
NEGATIVE += [
    Case("colab-token-not-available", "UserWarning: The secret `HF_TOKEN` does not exist in your Colab secrets.\n"
         "Please note that authentication is recommended but still optional to access public models or datasets.",
         "the harmless warning"),
    Case("revision-not-found", "The model has a valid revision: v1.0", "no error"),
]

# Messages cut to their last line, as a log viewer or a paste keeps them.
POSITIVE += [
    Case("cant-load-canonical-id", "- or 't5-base' is the correct path to a directory containing a config.json file",
         "transformers 3.x-4.x, last line"),
    Case("repo-id-malformed", "'-' and '.' cannot start or end the name, max length is 96: 'smp-hub\\dpt-large'.",
         "huggingface_hub's validator, last line", fix="fix_identifier"),
]
NEGATIVE += [
    Case("cant-load-canonical-id", "- or 'acme/tiny-model' is the correct path to a directory containing a config.json "
         "file", "an id that may really lack the file"),
]

# huggingface_hub's logout() while the token comes from the environment
POSITIVE += [
    Case("logout-with-env-token", "OSError: Token has been deleted from your machine but you are still logged in.\n"
         "To log out, you must clear out both `HF_TOKEN` and `HUGGING_FACE_HUB_TOKEN` environment variables.",
         "huggingface_hub logout", fix="update_calling_code"),
]
NEGATIVE += [
    Case("logout-with-env-token", "huggingface_hub.errors.HfHubHTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/api/whoami-v2 (Invalid credentials in Authorization header)", "a rejected token"),
]

# the Hub names an expired token, and a download that failed before a cache fallback
POSITIVE += [
    Case("token-rejected", "Repository Not Found for url: https://huggingface.co/api/models/org/model/revision/main.\n"
         "Please make sure you specified the correct `repo_id` and `repo_type`.\nUser Access Token \"ci\" is expired",
         "huggingface_hub 0.x, an expired token", fix="login_token"),
    Case("download-failed-then-cache-tried", "An error occured while synchronizing the model Systran/faster-whisper-small "
         "from the Hugging Face Hub:\nMax retries exceeded with url: /api/models/Systran/faster-whisper-small/revision/"
         "main (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
         "failed')))\nTrying to load the model directly from the local cache, if it exists.\nRuntimeError: Unable to "
         "open file 'model.bin' in model '/home/u/.cache/huggingface/hub/models--Systran--faster-whisper-small/"
         "snapshots/abc'", "faster-whisper behind a TLS proxy", fix="set_proxy_or_endpoint"),
    Case("download-failed-then-cache-tried", "ReadTimeoutError(\"HTTPSConnectionPool(host='huggingface.co', port=443): "
         "Read timed out. (read timeout=10)\")\nTrying to load the model directly from the local cache, if it exists.",
         "a slow Hub", fix="retry_download"),
]
NEGATIVE += [
    Case("token-rejected", "Repository Not Found for url: https://huggingface.co/api/models/org/model/revision/main.",
         "no word on the token"),
    Case("download-failed-then-cache-tried", "Trying to load the model directly from the local cache, if it exists.\n"
         "RuntimeError: Unable to open file 'model.bin' in model '/models/whisper'", "no network error shown"),
]

# urllib3's pool for the Hub's host printed alone: a connection that failed
POSITIVE += [
    Case("offline-not-cached", "'HTTPSConnectionPool(host='huggingface.co', port=443)'", "an app's one-line report",
         fix="set_proxy_or_endpoint"),
    Case("offline-not-cached", "Error: HTTPSConnectionPool(host='cdn-lfs-us-1.hf.co', port=443)", "the CDN's host"),
]
NEGATIVE += [
    Case("offline-not-cached", "HTTPSConnectionPool(host='api.openai.com', port=443)", "another service"),
]

# hf_xet's transfers cut short: retried, as a timeout is
POSITIVE += [
    Case("offline-not-cached", "RuntimeError: Data processing error: CAS service error : Error : single flight error: "
         "Real call failed: CasObjectError(InternalIOError(Custom { kind: Other, error: reqwest::Error { kind: Decode, "
         "source: hyper::Error(Body, Custom { kind: UnexpectedEof, error: IncompleteBody }) } }))", "hf_xet",
         fix="retry_download"),
]
NEGATIVE += [
    Case("offline-not-cached", "ValueError: CAS size mismatch in the user's own cache-aside store", "another CAS"),
]

# Old transformers' "not found in model name list (...)" whose list holds the name: the name was known, the download
# of its files failed
POSITIVE += [
    Case("listed-name-download-failed", "OSError: Model name 'bert-base-uncased' was not found in model name list "
         "(bert-base-uncased, bert-large-uncased, bert-base-cased). We assumed 'https://s3.amazonaws.com/models."
         "huggingface.co/bert/bert-base-uncased-config.json' was a path or url to a configuration file named "
         "config.json or a directory containing such a file but couldn't find any such file at this path or url.",
         "a listed name, transformers 2.x", fix="other"),
]
NEGATIVE += [
    Case("listed-name-download-failed", "OSError: Model name 'bert-base-uncasd' was not found in model name list "
         "(bert-base-uncased, bert-large-uncased). We assumed 'bert-base-uncasd' was a path or url but couldn't find "
         "any file associated to this path or url.", "a name the list lacks: a wrong id"),
]


# Any client's 404 on the Hub's config.json at the default ref: the repo is what is missing
POSITIVE += [
    Case("repo-not-found", "error: curl: (22) The requested URL returned error: 404\n  while fetching "
         "https://huggingface.co/someorg/no-such-model/resolve/main/config.json", "curl's 404 on config.json",
         fix="fix_identifier"),
]
NEGATIVE += [
    Case("repo-not-found", "huggingface_hub.errors.EntryNotFoundError: 404 Client Error. (Request ID: Root=1-abc)\n\n"
         "Entry Not Found for url: https://huggingface.co/org/m/resolve/main/config.json.", "the Hub's entry answer"),
]


# Classes read from batch31's misses (2026-12-03): a server-side status in any client's words, a placeholder id,
# the legacy canonical ids by the words of their names only
POSITIVE += [
    Case("offline-not-cached", "aiohttp.client_exceptions.ClientResponseError: 503, message='Service Unavailable', "
         "url=URL('https://huggingface.co/api/models/org/m')", "aiohttp's 503", fix="retry_download"),
    Case("model-id-placeholder", "OSError: your-model-name is not a local folder and is not a valid model identifier "
         "listed on 'https://huggingface.co/models'", "a template's stand-in", fix="fix_identifier"),
    Case("model-id-placeholder", "huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. Repository Not Found "
         "for url: https://huggingface.co/api/models/org/model_name_or_path/revision/main.", "a variable's name"),
    Case("cant-load-canonical-id", "OSError: Can't load tokenizer for 'xlm-roberta-large-finetuned-conll03-english'. If "
         "you were trying to load it from 'https://huggingface.co/models', make sure you don't have a local directory "
         "with the same name.", "a long legacy id"),
]
NEGATIVE += [
    Case("offline-not-cached", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/m/resolve/main/model.safetensors", "a client-side status"),
    Case("model-id-placeholder", "OSError: my_model is not a local folder and is not a valid model identifier listed on "
         "'https://huggingface.co/models'", "a folder a user saved as my_model"),
    Case("cant-load-canonical-id", "OSError: Can't load config for 'bert-base-uncased-finetuned-imdb'. Make sure that:\n"
         "- 'bert-base-uncased-finetuned-imdb' is a correct model identifier", "a project's model named after BERT"),
]


# batch32's classes: an app's words for the gated answer, a converter's not-found wording, Go's context timeout,
# a sentence-transformers module folder sent to the Hub
POSITIVE += [
    Case("gated-repo", "ERROR    Diffusers download error: id=\"meta-llama/Llama-3.2-1B\" model access requires login",
         "SD.Next's wording"),
    Case("repo-not-found", "OSError: Config for tokenizer gemma4 not found. The model may not exist or is not accessible "
         "with the provided token.", "llama.cpp's converter"),
    Case("offline-not-cached", "pulling manifest\nError: pull model manifest: context deadline exceeded",
         "ollama's Go timeout"),
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/all-MiniLM-L6-v2/1_Pooling/resolve/main/config.json", "an ST module folder"),
]
NEGATIVE += [
    Case("offline-not-cached", "context deadline exceeded (Client.Timeout exceeded while awaiting headers) in my notes",
         "the words inside a sentence"),
    Case("local-path-sent-to-hub", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/model_1B/resolve/main/config.json", "a repo name with a digit and an underscore"),
]


# an OpenAI-compatible server asked for a name it does not serve
POSITIVE += [
    Case("served-model-name-unknown", "openai.NotFoundError: Error code: 404 - {'object': 'error', 'message': 'The model "
         "`meta-llama/Llama-3.1-8B-Instruct` does not exist.', 'type': 'NotFoundError'}", "vLLM's server",
         fix="update_calling_code"),
]
NEGATIVE += [
    Case("served-model-name-unknown", "OSError: The model path /models/x does not exist.", "a local path"),
]


# faster-whisper's own warning when huggingface_hub failed (before it tries the local cache); a gated family behind a
# tool's own not-found sentence.
POSITIVE += [
    Case("download-failed-then-cache-tried", "[WARNING] An error occurred while synchronizing the model "
         "Systran/faster-whisper-small from the Hugging Face Hub:", "faster-whisper utils.download_model, cut after "
         "its first line", fix="retry_download"),
    Case("gated-repo", "RuntimeError: Model google/gemma-2-2b-it could not be found on the HuggingFace Hub.",
         "a tool's not-found sentence for a gated family", fix="login_token"),
]
NEGATIVE += [
    Case("download-failed-then-cache-tried", "An error occured while synchronizing the model org/x from the Hugging "
         "Face Hub:\n404 Client Error. Repository Not Found for url: https://huggingface.co/api/models/org/x/revision/"
         "main.", "the status says the repo is not there"),
    Case("gated-repo", "RuntimeError: Model acme/tiny-gpt2 could not be found on the HuggingFace Hub.",
         "an id of no gated family"),
]


# ollama's registry without the name; an app's sentence for a token without access.
POSITIVE += [
    Case("ollama-model-name-unknown", "pulling manifest\nError: pull model manifest: file does not exist",
         "ollama run with a misspelt tag", fix="fix_identifier"),
    Case("gated-repo", "Could not access the Hugging Face repository with the token you provided.",
         "a desktop app's download error"),
]
NEGATIVE += [
    Case("ollama-model-name-unknown", "Error: max retries exceeded: unexpected EOF\nError: pull model manifest: file "
         "does not exist", "a pull that broke off first: the network"),
    Case("gated-repo", "Could not access the file system with the token's permissions", "no repo"),
]


# sentence-transformers' fallback warning for a repo of its own organisation (which always ships modules.json).
POSITIVE += [
    Case("st-org-model-without-modules", "No sentence-transformers model found with name "
         "sentence-transformers/paraphrase-MiniLM-L3-v2. Creating a new one with mean pooling.",
         "sentence-transformers 2.x on a machine without the Hub", fix="retry_download"),
]
NEGATIVE += [
    Case("st-org-model-without-modules", "No sentence-transformers model found with name google-bert/bert-base-uncased. "
         "Creating a new one with mean pooling.", "a plain transformers model: expected"),
]


# The serverless Inference API still loading a model: its JSON answer, and a client's words for it.
POSITIVE += [
    Case("inference-api-model-loading", 'requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: '
         'https://api-inference.huggingface.co/models/org/tiny-classifier\n{"error":"Model org/tiny-classifier is '
         'currently loading","estimated_time":20.0}', "the API's answer", fix="retry_download"),
    Case("inference-api-model-loading", "{'error': 'Model org/m is currently loading', 'estimated_time': 41.5}",
         "printed as a Python dict"),
]
NEGATIVE += [
    Case("inference-api-model-loading", '{"error":"Model org/m does not exist"}', "the API's not-found answer"),
    Case("inference-api-model-loading", "INFO: loading model org/m, this can take a while", "a server's own log"),
]

# transformers.js in a web app: the dev server's index page read as the model's JSON (JavaScript's own parser words);
# git's TLS handshake failing on a clone of a Hub repo; the cache's ref file of a repo never fetched; a runtime's own
# words for a folder without config.json
POSITIVE += [
    Case("js-local-model-html", "Uncaught (in promise) SyntaxError: Unexpected token '<', \"<!doctype html\"... is not "
         "valid JSON\n    at JSON.parse (<anonymous>)\n    at getModelJSON (transformers.min.js:1:51234)",
         "Chrome, a config file", fix="other"),
    Case("js-local-model-html", "SyntaxError: Unexpected token < in JSON at position 0\n    at loadTokenizer "
         "(webpack-internal:///./node_modules/@xenova/transformers/src/tokenizers.js:52:16)", "older V8, a tokenizer"),
    Case("ssl-or-proxy", "Cloning into 'm'...\nfatal: unable to access 'https://huggingface.co/org/m/': GnuTLS recv "
         "error (-110): The TLS connection was non-properly terminated.", "git clone over TLS",
         fix="set_proxy_or_endpoint"),
    Case("offline-not-cached", "FileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/huggingface/hub/"
         "models--org--text-encoder/refs/main'", "the cache's ref file"),
    Case("config-file-missing", "error: Inference failed: SafeTensors model requires config.json for inference",
         "a runtime's own words"),
]
NEGATIVE += [
    Case("js-local-model-html", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
         "Python's json on the same page"),
    Case("ssl-or-proxy", "libgnutls30 is already the newest version (3.7.3-4ubuntu1.5).", "an apt log line"),
    Case("offline-not-cached", "FileNotFoundError: [Errno 2] No such file or directory: '/srv/refs/main.txt'",
         "a refs folder outside the cache"),
]

# PaddleNLP's own model store is no mirror
NEGATIVE += [
    Case("mirror-http-error", "RuntimeError: Downloading from https://bj.bcebos.com/paddlenlp/models/community/org/"
         "model/tokenizer_config.json failed with code 404!", "PaddleNLP's own store"),
]


# a local path asked of the Hub as a file name inside the repo (failure.url_file_local_path)
POSITIVE += [
    Case("local-path-as-hub-filename", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/tagger/resolve/main/%2Fhome%2Fana%2Fmodels%2Ftagger%2Fmodel.onnx",
         "a POSIX path", fix="update_calling_code"),
]
NEGATIVE += [
    Case("local-path-as-hub-filename", "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: "
         "https://huggingface.co/org/tagger/resolve/main/onnx/model.onnx", "a file of the repo"),
]


# PaddleNLP's own store of community models
POSITIVE += [
    Case("paddlenlp-community-model-missing", "RuntimeError: Downloading from https://bj.bcebos.com/paddlenlp/models/"
         "community//tokenizer_config.json failed with code 404!", "an empty name", fix="fix_identifier"),
]
NEGATIVE += [
    Case("paddlenlp-community-model-missing", "Downloading from https://bj.bcebos.com/paddlenlp/models/community/org/m/"
         "config.json failed with code 500!", "a server error"),
]


# A GGUF file's path inside a repo given as the id (failure.gguf_repo_path); a runtime's "artifact not found" for a
# gated family; Mistral's repos, gated as a whole
POSITIVE += [
    Case("gguf-file-in-repo-id", "Value error, Invalid repository ID or local directory specified: "
         "'bartowski/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf'.", "vLLM", fix="update_calling_code"),
    Case("gated-repo", "Download failed: artifact not found: huggingface 'meta-llama/Llama-3.2-1B' version main",
         "a runtime's fetcher"),
    Case("gated-repo", "OSError: Can't load tokenizer for 'mistralai/Mistral-Nemo-Instruct-2407'. If you were trying "
         "to load it from 'https://huggingface.co/models', make sure you don't have a local directory with the same "
         "name.", "a Mistral repo"),
]
NEGATIVE += [
    Case("gguf-file-in-repo-id", "Value error, Invalid repository ID or local directory specified: "
         "'/models/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf'.", "a local path"),
]

POSITIVE += [
    Case("repo-not-found", "[setup] resolving the model ...\nError: Model 'Qwen/Qwen3-MoE-A3B-Instruct-AutoRound-Int4-mixed' "
         "not found.", "an app's own id check (a quantized repo's name)", fix="fix_identifier"),
    Case("gated-not-authorized", "Thank you for your interest in using Llama. Unfortunately, you do not meet the criteria "
         "to obtain a license at this time.\nRequest ID: 23941172658824297", "Meta's review of an access request",
         fix="accept_license"),
]
NEGATIVE += [
    # ollama's own name without an organisation is its registry's, not a Hub id
    Case("repo-not-found", "Error: model 'llama3.3' not found, try pulling it first", "ollama run"),
    Case("repo-not-found", "Model 'docling-project/docling-layout-heron-onnx' not found in artifacts_path.\nLooked for: "
         "/app/.cache/docling/docling-project--docling-layout-heron-onnx", "a local artifacts folder"),
]


# A message whose head was cut (a paste, a log viewer, a terminal that kept the last lines): its tail alone.
POSITIVE += [
    Case("offline-not-cached", "'https://huggingface.co/docs/transformers/installation#offline-mode'.",
         "transformers 4.x, head cut"),
    Case("offline-not-cached", "WARNING:huggingface_hub.utils._http:Retrying in 8s [Retry 4/5].", "huggingface_hub backoff"),
    Case("offline-not-cached", "Internal Error - We're working hard to fix this as soon as possible!", "the Hub's 500 page"),
    Case("repo-id-malformed", "`repo_type` argument if needed.", "huggingface_hub HFValidationError, head cut"),
    Case("repo-not-found", "If you are trying to access a private or gated repo, make sure you are authenticated.",
         "huggingface_hub RepositoryNotFoundError, head cut"),
    Case("repo-not-found", "Please make sure you specified the correct `repo_id` and `repo_type`.\nIf you are trying to "
         "access a private or gated repo, make sure you are authenticated.", "huggingface_hub 0.2x, head cut"),
    Case("gated-repo", "access to it and be authenticated to access it. Please log in.", "GatedRepoError, head cut"),
]

NEGATIVE += [
    # the same advice under a gated repo's own message is the gate
    Case("repo-not-found", "huggingface_hub.errors.GatedRepoError: 401 Client Error.\nCannot access gated repo for url "
         "https://huggingface.co/meta-llama/Llama-2-7b-hf/resolve/main/config.json.\nAccess to model "
         "meta-llama/Llama-2-7b-hf is restricted. You must be authenticated to access it.\nIf you are trying to access a "
         "private or gated repo, make sure you are authenticated.", "gated repo"),
]


# A message cut at a fixed width (a log viewer, a terminal without wrapping): its first words alone.
POSITIVE += [
    Case("offline-not-cached", "Cannot load model stabilityai/stable-diffusion-2-1-base: model is not cached locally and "
         "an error occurred while trying", "diffusers 0.2x, cut"),
    Case("offline-not-cached", "Cannot determine model snapshot path: Cannot find an appropriate cached snapshot folder for "
         "the specified revision on th", "huggingface_hub, cut"),
    Case("offline-not-cached", "(Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at "
         "0x0000016F04E1E700>: Failed to resolve 'cd", "urllib3 2.x DNS failure, cut"),
]


# A gated family's repo whose cache never got a ref: the download the gate refused.
POSITIVE += [
    Case("gated-repo", "FileNotFoundError: [Errno 2] No such file or directory: '/root/.cache/torch/pyannote/"
         "models--pyannote--speaker-diarization/refs/main'", "pyannote.audio 2.1"),
]

NEGATIVE += [
    Case("gated-repo", "FileNotFoundError: [Errno 2] No such file or directory: '/app/.cache/huggingface/hub/"
         "models--laion--CLIP-ViT-H-14-laion2B-s32B-b79K/refs/main'", "an open repo never fetched"),
]


# Old transformers' name list wrapped over lines: the name it holds is still read as listed.
POSITIVE += [
    Case("listed-name-download-failed", "[2019-05-07 11:06:51,904: ERROR/ForkPoolWorker-1] Model name "
         "'bert-base-uncased'\nwas not found in model name list (bert-base-uncased, bert-large-uncased, "
         "bert-base-cased,\nbert-large-cased, bert-base-multilingual-uncased, bert-base-multilingual-cased,\n"
         "bert-base-chinese).\nWe assumed 'https://s3.amazonaws.com/models.huggingface.co/bert/bert-base-uncased.tar.gz'"
         "\nwas a path or url but couldn't find any file associated to this path or url.",
         "pytorch_pretrained_bert in a Celery worker, wrapped"),
]


# httpx (huggingface_hub 1.x and later): a transfer cut short by the other side
POSITIVE += [
    Case("offline-not-cached", "  File \"/venv/lib64/python3.13/site-packages/httpx/_transports/default.py\", line "
         "126, in __iter__\n    with map_httpcore_exceptions():\nhttpx.RemoteProtocolError: peer closed connection "
         "without sending complete message body (received 17281988305 bytes, expected 42520394144)",
         "a 42 GB download cut", fix="retry_download"),
    Case("offline-not-cached", "httpx.ReadError: [Errno 104] Connection reset by peer", "httpx read error",
         fix="retry_download"),
]
NEGATIVE += [
    Case("offline-not-cached", "tarfile.ReadError: not a gzip file", "an archive, not the network"),
]

# The Hub's file storage (CDN, Xet bridge) refusing a link the Hub had signed: a network question, not the gate.
POSITIVE += [
    Case("cdn-download-refused", "Error: All model downloads failed. Last error: HTTP status client error (403 "
         "Forbidden) for url (https://cas-bridge.xethub.hf.co/xet-bridge-us/641ab5d15d107c5c5f346372/518970a2?"
         "Expires=1783988206&Policy=eyJTdGF0ZW1lbnQiOlt7&Signature=MEQCIF2&Key-Pair-Id=K1LYXO563TGWFU&"
         "X-Amz-Credential=cas%2F20260713%2Fus-east-1%2Fs3%2Faws4_request)", "a Rust client, the Xet bridge",
         fix="set_proxy_or_endpoint"),
    Case("cdn-download-refused", "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: "
         "https://cdn-lfs-us-1.hf.co/repos/4f/8a/4f8a0c/9d2e1b?response-content-disposition=inline%3B+filename%3D"
         "%22model.safetensors%22&Expires=1718000000&Signature=abc&Key-Pair-Id=KVTP0A1DKRTAX",
         "requests, the LFS CDN"),
]
NEGATIVE += [
    Case("cdn-download-refused", "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: "
         "https://huggingface.co/black-forest-labs/FLUX.1-dev/resolve/main/transformer/config.json",
         "a 403 on the Hub itself: the gate"),
    Case("cdn-download-refused", "huggingface_hub.errors.HfHubHTTPError: 500 Server Error: Internal Server Error for "
         "url: https://cas-bridge.xethub.hf.co/xet-bridge-us/641ab5d15d107c5c5f346372/5189", "a 500, an outage"),
]

# hf_transfer's own failure: the remedy is the plain downloader.
POSITIVE += [
    Case("hf-transfer-download-failed", "  File \"/usr/lib/python3.10/site-packages/huggingface_hub/file_download.py\", "
         "line 507, in http_get\n    raise RuntimeError(\nRuntimeError: An error occurred while downloading using "
         "`hf_transfer`. Consider disabling HF_HUB_ENABLE_HF_TRANSFER for better error handling.", "huggingface_hub 0.2x",
         fix="other"),
]
NEGATIVE += [
    Case("hf-transfer-download-failed", "ValueError: Fast download using 'hf_transfer' is enabled "
         "(HF_HUB_ENABLE_HF_TRANSFER=1) but 'hf_transfer' package is not available in your environment. Try `pip "
         "install hf_transfer`.", "the package missing, not the download"),
]

# urllib refused by a file server outside the Hub: a moved or wrong URL, not a login.
POSITIVE += [
    Case("download-url-refused", "  File \"C:\\ProgramData\\Anaconda3\\lib\\urllib\\request.py\", line 649, in "
         "http_error_default\n    raise HTTPError(req.full_url, code, msg, hdrs, fp)\nurllib.error.HTTPError: HTTP Error "
         "403: Forbidden", "detectron2's model zoo, a wrong path", fix="fix_identifier"),
    Case("download-url-refused", "  File \"/opt/conda/lib/python3.10/site-packages/torch/hub.py\", line 620, in "
         "download_url_to_file\n    u = urlopen(req)\nurllib.error.HTTPError: HTTP Error 404: Not Found",
         "torch.hub, a file that moved"),
]
NEGATIVE += [
    Case("download-url-refused", "HTTPError: HTTP Error 403: rate limit exceeded", "GitHub's API limit: the network"),
    Case("download-url-refused", "huggingface_hub.errors.GatedRepoError: 403 Client Error. Cannot access gated repo for "
         "url https://huggingface.co/org/gated/resolve/main/config.json.", "the Hub's gate"),
]

# GitHub's API rate limit met by torch.hub, and transformers' network message with its head cut off.
POSITIVE += [
    Case("offline-not-cached", "    raise HTTPError(req.full_url, code, msg, hdrs, fp)\n\nHTTPError: HTTP Error 403: "
         "rate limit exceeded", "torch.hub checking a repo on GitHub"),
    Case("offline-not-cached", "couldn't find it in the cached files and it looks like openai/clip-vit-large-patch14-336 "
         "is not the path to a directory containing a file named config.json.", "the message's head cut"),
]

# timm asking for its hf-hub: prefix, like open_clip.
POSITIVE += [
    Case("open-clip-name-without-hf-hub", "ValueError: Model name 'timm/resnet50.a1_in1k' has no source prefix but looks "
         "like a Hugging Face Hub repo id or a local path. Use 'hf-hub:timm/resnet50.a1_in1k' to load from the Hub or "
         "'local-dir:timm/resnet50.a1_in1k' to load from a local folder.", "timm 1.0.29", fix="fix_identifier"),
]


# A Hub path joined with Windows separators: no repo can hold it.
POSITIVE += [
    Case("hub-file-path-with-backslash", "OSError: h94/IP-Adapter does not appear to have a file named "
         "models\\image_encoder\\config.json. Checkout 'https://huggingface.co/h94/IP-Adapter/main' for available "
         "files.", "diffusers on Windows", fix="other"),
    Case("hub-file-path-with-backslash", "OSError: stabilityai/stable-diffusion-2-1 does not appear to have a file "
         "named text_encoder\\model.safetensors.", "another subfolder"),
]
NEGATIVE += [
    Case("hub-file-path-with-backslash", "OSError: C:\\models\\sd15 does not appear to have a file named "
         "config.json.", "a Windows folder, a plain file name"),
    Case("hub-file-path-with-backslash", "OSError: h94/IP-Adapter does not appear to have a file named "
         "models/image_encoder/config.json.", "a path written with /"),
]


# A Rust client decoding the Hub's error answer as a repo's info.
POSITIVE += [
    Case("api-answer-without-siblings", "ERROR dynamo_runtime::worker: Application shutdown with error: request error: "
         "error decoding response body\n\nCaused by:\n    0: error decoding response body\n    1: missing field "
         "`siblings` at line 1 column 32", "ai-dynamo on a wrong id", fix="fix_identifier"),
]
NEGATIVE += [
    Case("api-answer-without-siblings", "Error: missing field `pad_token_id` at line 27 column 1", "a config field"),
]


# session 17 (batch62): a saved token asked for and absent; a token the Inference API refuses; a name without its
# organisation in an /api/ URL; ModelScope's older not-found wording; a repo of GGUF files only
POSITIVE += [
    Case("saved-token-missing", "huggingface_hub.errors.LocalTokenNotFoundError: Token is required (`token=True`), "
         "but no token found. You need to provide a token or be logged in to Hugging Face with `huggingface-cli "
         "login` or `huggingface_hub.login`. See https://huggingface.co/settings/tokens.", "hub 0.2x, lmms-eval",
         fix="login_token"),
    Case("token-rejected", 'Error: "HTTP Error 400 Bad Request: {\\"error\\":\\"Authorization header is correct, but '
         'the token seems invalid\\"}"', "Inference API, fine-grained token", fix="login_token"),
    Case("repo-id-without-organisation", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/api/models/wmt20-comet-qe-da/revision/main", "COMET, name without org",
         fix="fix_identifier"),
    Case("repo-not-found", "requests.exceptions.HTTPError: The request model: huangjintao/llava-v1.6-mistral-7b-hf "
         "does not exist!", "ModelScope, model moved to another org", fix="fix_identifier"),
    Case("config-file-missing", "RuntimeError: unsloth/Llama-3.3-70B-Instruct-GGUF does not appear to have a file "
         "named config.json. Checkout 'https://huggingface.co/unsloth/Llama-3.3-70B-Instruct-GGUF/tree/main' for "
         "available files.", "a repo of GGUF files only", fix="fix_identifier"),
]
NEGATIVE += [
    # a legacy id without organisation is a real repo: its 401 is the token's
    Case("repo-id-without-organisation", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/api/models/bert-base-uncased/revision/main", "legacy id"),
    # an /api/ URL cut by a wrapped line right after the organisation
    Case("repo-id-without-organisation", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
         "https://huggingface.co/api/models/meta-llama\n/Llama-2-7b-hf/revision/main", "wrapped after the org"),
    # a Hub request answered 401 for a gated repo: the token, not a missing token
    Case("saved-token-missing", "huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo "
         "for url https://huggingface.co/meta-llama/Llama-2-7b-hf/resolve/main/config.json.", "a gated repo"),
]


# session 17 (batch63): transformers 3.x's name list given a Hub repo id; a repo's folder in a download cache without
# config.json; Colab's token warning pasted from its middle
POSITIVE += [
    Case("cant-load-from-hub", "Model name 'nboost/pt-tinybert-msmarco' was not found in model name list.",
         "transformers 2.2 and a Hub repo", fix="upgrade_transformers"),
    Case("cant-load-from-hub", "OSError: Model name 'vocab/vocab.txt' was not found in tokenizers model name list "
         "(bert-base-uncased, bert-large-uncased). We assumed 'vocab/vocab.txt' was a path", "a file path",
         fix="fix_identifier"),
    Case("config-file-missing", "2024-11-21 14:53:43.483 | ERROR    | magic_pdf.user_api:parse_pdf:97 - C:\\Users\\me\\"
         ".cache/modelscope/hub/ppaanngggg/layoutreader does not appear to have a file named config.json. Checkout "
         "'https://huggingface.co/C:\\U", "MinerU, a ModelScope cache folder", fix="download_missing_files"),
    Case("config-file-missing", "OSError: /root/.cache/huggingface/hub/gguf/ does not appear to have a file named "
         "config.json. Checkout 'https://huggingface.co//root/.cache/huggingface/hub/gguf//tree/None' for available "
         "files.", "a folder of the user's own under the cache", fix="fix_identifier"),
    Case("colab-token-not-available", "HF_TOKEN` secret value from your vault: 'Requesting secret HF_TOKEN timed out. "
         "Secrets can only be fetched when running from the Colab UI.'.\nYou are not authenticated with the Hugging "
         "Face Hub in this notebook.", "the warning's tail", fix="login_token"),
]

# ModelHubMixin overrides written for huggingface_hub < 1.0
POSITIVE += [
    Case("hub-mixin-signature-changed", "TypeError: BigVGAN._from_pretrained() missing 2 required keyword-only "
         "arguments: 'proxies' and 'resume_download'", "MMAudio's BigVGAN"),
    Case("hub-mixin-signature-changed", "  File \".../huggingface_hub/hub_mixin.py\", line 560, in from_pretrained\n"
         "    instance = cls._from_pretrained(\nTypeError: MyNet._from_pretrained() missing 1 required keyword-only "
         "argument: 'resume_download'", "one argument"),
]
NEGATIVE += [
    Case("hub-mixin-signature-changed", "TypeError: MyNet._from_pretrained() missing 1 required keyword-only "
         "argument: 'map_location'", "an argument of its own"),
]

# a platform secret for the Hub token that was never created
POSITIVE += [
    Case("platform-token-secret-missing", "NotFoundError: No secret named huggingface - you can add secrets to "
         "your account at https://modal.com/secrets", "Modal"),
    Case("platform-token-secret-missing", "modal.exception.NotFoundError: No secret named 'hf-token' found in "
         "environment 'main'", "another secret name"),
]
NEGATIVE += [
    Case("platform-token-secret-missing", "NotFoundError: No secret named openai-key - you can add secrets to your "
         "account at https://modal.com/secrets", "a secret for another service"),
]

# ModelHubMixin builds the class without `config` when config.json could not be read
POSITIVE += [
    Case("hub-mixin-config-not-fetched", "TypeError: MOMENTPipeline.__init__() missing 1 required positional "
         "argument: 'config'", "MOMENT offline"),
    Case("hub-mixin-config-not-fetched", "  File \".../huggingface_hub/hub_mixin.py\", line 788, in _from_pretrained\n"
         "    model = cls(**model_kwargs)\nTypeError: UniDepthV1.__init__() missing 1 required positional argument: "
         "'config' (see the log above)", "UniDepth, gated"),
]
NEGATIVE += [
    Case("hub-mixin-config-not-fetched", "TypeError: Trainer.__init__() missing 1 required positional argument: "
         "'model_init_config'", "another argument"),
]


# transformers' message translated by a localised app (ComfyUI's Chinese interface)
POSITIVE += [
    Case("repo-not-found", "加载模型时出错：acme/old-model 不是本地文件夹，也不是 'https://huggingface.co/models' 上列出的"
         "有效模型标识符", "ComfyUI in Chinese", fix="fix_identifier"),
]

# huggingface_hub's HFValidationError named in an import line is no validation failure (peft importing
# huggingface_hub.errors from a release that has no such module)
NEGATIVE += [
    Case("repo-id-malformed", """     [25] from huggingface_hub import snapshot_download
     [26] from huggingface_hub.errors import HFValidationError

ModuleNotFoundError: No module named 'huggingface_hub.errors'""", "peft on huggingface_hub 0.22"),
]

# diffusers' DiffusionPipeline.download prints the Hub's answer after "Couldn't connect to the Hub": a 404 (or an anonymous
# 401) is the answer for a repo that is not there, not a network failure
POSITIVE += [
    Case("repo-not-found", "downloading model from Huggingface Hub: acme/sd-removed\nCouldn't connect to the Hub: 404 "
         "Client Error. (Request ID: Root=1-66e70c19-02e8fe631dc7766b0465de4f)\nWill try to load from local cache.",
         "diffusers, a removed repo", fix="fix_identifier"),
]
# a client the Hub rate-limited cannot tell whether the repo exists: vLLM's "Invalid repository ID" after 429s
NEGATIVE += [
    Case("repo-not-found", "ERROR 429 Too Many Requests for url: https://huggingface.co/api/models/acme/small-model/tree/"
         "main?recursive=true\nERROR Error retrieving file list. Returning an empty list.\nValueError: Invalid "
         "repository ID or local directory specified: 'acme/small-model'.", "vLLM after the Hub's 429s"),
]
# transformers.js names an HTTP status by a phrase ("Unauthorized access to file" is 401): read as the status it is
POSITIVE += [
    Case("repo-id-without-organisation", 'Error: Unauthorized access to file: "https://huggingface.co/all-mpnet-base-'
         'v2/resolve/main/config.json".', "transformers.js, a name without its organisation", fix="fix_identifier"),
]

# ollama pulls hf.co/ repos with its own SSH key: a 401 is a private or gated repo whose account lacks that key
POSITIVE += [
    Case("ollama-hub-key-refused", "$ ollama run hf.co/acme/private-model-GGUF:Q4_K_M\npulling manifest\nError: pull "
         "model manifest: 401: {\"error\":\"Invalid username or password.\"}", "ollama pulling a private repo",
         fix="login_token"),
]
NEGATIVE += [
    Case("ollama-hub-key-refused", "pulling manifest\nError: pull model manifest: file does not exist",
         "a name ollama's registry lacks"),
]

# batch75: an app's own words for a gate whose terms were not accepted
POSITIVE += [
    Case("gated-conditions-to-accept", "Diarization unavailable: the model license has not been accepted on "
         "HuggingFace. Falling back to a single speaker.", "an app's warning", fix="accept_license"),
    Case("gated-conditions-to-accept", "Error: could not download the segmentation model. Make sure you have accepted "
         "the user conditions and set HF_TOKEN.", "an app's hint"),
]
NEGATIVE += [
    Case("gated-conditions-to-accept", "Apache-2.0 license accepted: downloading weights ... done",
         "a log line about a licence, no failure"),
]


# batch77: LLaVA-style code's vision encoder named by a path that exists only on its author's machine
POSITIVE += [
    Case("vision-tower-path-unknown", "ValueError: Unknown vision tower: /mnt/share/models/ft_local/"
         "clip-vit-large-patch14-336/", "ChartLlama", fix="fix_identifier"),
    Case("vision-tower-path-unknown", "ValueError: Unknown vision tower: clip-vit-large-patch14-336", "a bare name"),
]
NEGATIVE += [
    Case("vision-tower-path-unknown", "ValueError: Unknown vision model type: siglip_vision_model", "exllamav2"),
]

# evaluate fetches metric modules from the Hub: a known metric not found means the Hub was not reached.
POSITIVE += [
    Case("evaluate-module-unreachable", "    metric = evaluate.load(\"accuracy\")\nFileNotFoundError: Couldn't find a "
         "module script at /home/u/proj/accuracy/accuracy.py. Module 'accuracy' doesn't exist on the Hugging Face Hub "
         "either.", "behind a firewall", fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("evaluate-module-unreachable", "FileNotFoundError: Couldn't find a dataset script at /data/squad/squad.py or any "
         "data file in the same directory.", "datasets, not a metric"),
]

# pyOpenSSL's reset handshake is a dropped connection.
POSITIVE += [
    Case("offline-not-cached", "  File \"/usr/lib/python3/dist-packages/OpenSSL/SSL.py\", line 1671, in "
         "_raise_ssl_error\n    raise SysCallError(errno, errorcode.get(errno))\nOpenSSL.SSL.SysCallError: (104, "
         "'ECONNRESET')", "a download cut in the TLS handshake", fix="retry_download"),
]

# A well-known repo has its files on main: a file missing at another revision means the revision is not its own.
POSITIVE += [
    Case("canonical-repo-file-missing-at-revision", "OSError: openai-community/gpt2 does not appear to have a file "
         "named config.json. Checkout 'https://huggingface.co/openai-community/gpt2/0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0"
         "c0ff' for available files.", "an adapter's commit forwarded to its base model", fix="update_calling_code"),
    Case("canonical-repo-file-missing-at-revision", "OSError: bert-base-uncased does not appear to have a file named "
         "pytorch_model.bin. Checkout 'https://huggingface.co/bert-base-uncased/tree/experiment-2' for available "
         "files.", "transformers 4.3x link form, another repo's branch"),
]
NEGATIVE += [
    Case("canonical-repo-file-missing-at-revision", "OSError: gpt2 does not appear to have a file named config.json. "
         "Checkout 'https://huggingface.co/gpt2/main' for available files.", "the default branch"),
    Case("canonical-repo-file-missing-at-revision", "OSError: acme/tiny-model does not appear to have a file named "
         "config.json. Checkout 'https://huggingface.co/acme/tiny-model/0c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ff' for "
         "available files.", "any repo may lack a file at one of its commits"),
    Case("canonical-repo-file-missing-at-revision", "OSError: bert-base-uncased does not appear to have a file named "
         "pytorch_model.bin. Checkout 'https://huggingface.co/bert-base-uncased/None' for available files.",
         "transformers read a local folder"),
]

# The tokenizers library turns a failed download into "doesn't have a tokenizer": for a canonical id, the network.
POSITIVE += [
    Case("canonical-id-tokenizer-unreachable", "    tokenizer = Tokenizer.from_pretrained(\"t5-base\")\nException: Model "
         "\"t5-base\" on the Hub doesn't have a tokenizer", "tokenizers 0.13, behind a firewall",
         fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("canonical-id-tokenizer-unreachable", "Exception: Model \"acme/tiny-weights-only\" on the Hub doesn't have a "
         "tokenizer", "any other repo may really lack tokenizer.json"),
]

# timm's weights are "architecture.tag": a tag the release does not have is a wrong name, the architecture is known.
POSITIVE += [
    Case("timm-pretrained-tag-invalid", "  File \"/x/timm/models/_registry.py\", line 332, in get_pretrained_cfg\n"
         "    raise RuntimeError(f'Invalid pretrained tag ({tag}) for {arch_name}.')\nRuntimeError: Invalid pretrained "
         "tag (in12k) for efficientnet_b5.", "timm 1.0", fix="fix_identifier"),
]
NEGATIVE += [
    Case("timm-pretrained-tag-invalid", "RuntimeError: Unknown model (vit_base_patch16_224_x)", "an unknown architecture"),
]

# The Hub's 429 for requests without a token says to send one; a harness that asks for the token itself.
POSITIVE += [
    Case("hub-rate-limited-anonymous", "huggingface_hub.utils._errors.HfHubHTTPError: 429 Client Error: Too Many Requests "
         "for url: https://api-inference.huggingface.co/pipeline/feature-extraction/acme/tiny-embed\n\nPlease log in or "
         "use a HF access token", "the Inference API's quota without a token", fix="login_token"),
    Case("saved-token-missing", "NotImplementedError: Make sure to set `HUGGING_FACE_HUB_TOKEN` so you can download "
         "weights", "TorchBench", fix="login_token"),
]
NEGATIVE += [
    Case("hub-rate-limited-anonymous", "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: "
         "https://huggingface.co/api/models/acme/tiny-model", "a 429 that does not ask for a token"),
]

# A folder in an app's model store (ComfyUI/models/...) is a download target: without config.json, a download cut short.
POSITIVE += [
    Case("config-file-missing", "OSError: G:\\ComfyUI\\models\\Joy_caption_two\\text_model does not appear to have a "
         "file named config.json. Checkout 'https://huggingface.co/G:\\ComfyUI\\models\\Joy_caption_two\\text_model/"
         "None' for available files.", "a ComfyUI node's model folder", fix="download_missing_files"),
    Case("config-file-missing", "OSError: ./output/checkpoint-500 does not appear to have a file named config.json. "
         "Checkout 'https://huggingface.co/./output/checkpoint-500/None' for available files.",
         "a training run's own folder: point at the right one", fix="fix_identifier"),
]

# Batch86: a Python without ssl; a test's watchdog stopping a Hub download; fastembed out of sources; a folder in the
# working directory named like a legacy Hub id.
POSITIVE += [
    Case("ssl-module-missing", "WARNING: pip is configured with locations that require TLS/SSL, however the ssl module "
         "in Python is not available.\nCould not fetch URL https://pypi.org/simple/huggingface-hub/", "pip on a Python "
         "built without OpenSSL", fix="install_package"),
    Case("ssl-module-missing", "urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='cdn-lfs.huggingface.co', "
         "port=443): Max retries exceeded with url: /repos/ab/cd/model.safetensors (Caused by SSLError(\"Can't "
         "connect to HTTPS URL because the SSL module is not available.\"))", "conda on Windows, python.exe called "
         "directly"),
    Case("download-hung-watchdog", "+++++++++++++++++++ Timeout +++++++++++++++++++\n  File \"/venv/lib/python3.11/"
         "site-packages/huggingface_hub/_snapshot_download.py\", line 327, in snapshot_download\n    thread_map(\n"
         "FAILED tests/test_embed.py::test_encode - Failed: Timeout (>300.0s) from pytest-timeout.",
         "pytest-timeout's thread method", fix="use_local_cache"),
    Case("fastembed-no-source", "Traceback (most recent call last):\n  File \"/srv/app/index.py\", line 9, in "
         "build\n    TextEmbedding(model_name=\"sentence-transformers/all-MiniLM-L6-v2\")\n  File \"/srv/venv/lib/"
         "python3.12/site-packages/fastembed/common/model_management.py\", line 429, in download_model\n    raise "
         "ValueError(f\"Could not load model {model['model']} from any source.\")\nValueError: Could not load model "
         "sentence-transformers/all-MiniLM-L6-v2 from any source.", "fastembed 0.5 behind a proxy",
         fix="retry_download"),
    Case("relative-folder-named-like-legacy-id", "Traceback (most recent call last):\n  File \"embed.py\", line 4, "
         "in <module>\n    model = Inferencer.load(\"roberta-base\", task_type=\"embeddings\")\nFileNotFoundError: "
         "[Errno 2] No such file or directory: 'roberta-base/language_model_config.json'", "FARM 0.8 on Linux",
         fix="rename_local_dir"),
]
NEGATIVE += [
    Case("ssl-module-missing", "requests.exceptions.SSLError: HTTPSConnectionPool(host='huggingface.co', port=443): "
         "Max retries exceeded with url: /api/models/gpt2 (Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
         "CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain')))",
         "a proxy's certificate: ssl works"),
    Case("download-hung-watchdog", "FAILED tests/test_train.py::test_epoch - Failed: Timeout (>60.0s) from "
         "pytest-timeout.\n  File \"/venv/lib/python3.11/site-packages/torch/nn/modules/module.py\", line 1532",
         "a slow training step, no download"),
    Case("fastembed-no-source", "KeyError: 'Could not instantiate model prithvi_eo_v2_300 not from any source.'",
         "terratorch's registry"),
    Case("relative-folder-named-like-legacy-id", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'checkpoints/processor_config.json'", "a project's own folder"),
    Case("relative-folder-named-like-legacy-id", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'/models/bert-base-uncased/processor_config.json'", "an absolute path the user chose"),
]

# A CA bundle that is no certificate file.
POSITIVE += [
    Case("ssl-or-proxy", "requests.exceptions.SSLError: HTTPSConnectionPool(host='huggingface.co', port=443): Max "
         "retries exceeded with url: /api/models/acme/tiny (Caused by SSLError(SSLError(9, '[X509: "
         "NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4149)')))",
         "REQUESTS_CA_BUNDLE pointing at an empty file", fix="set_proxy_or_endpoint"),
]

# A revision with slashes encoded twice by the client.
POSITIVE += [
    Case("revision-encoded-twice", "huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. (Request ID: "
         "Root=1-6700aa11-0b1c)\n\nRevision Not Found for url: https://huggingface.co/api/models/acme/tiny-model/"
         "revision/feature%252Fnew-head.\nInvalid rev id: feature%2Fnew-head", "a branch with a slash, hub 0.24.0",
         fix="other"),
]
NEGATIVE += [
    Case("revision-encoded-twice", "huggingface_hub.errors.RevisionNotFoundError: 404 Client Error.\n\nRevision Not "
         "Found for url: https://huggingface.co/api/models/acme/tiny-model/revision/refs%2Fpr%2F9.\nInvalid rev id: "
         "refs/pr/9", "encoded once: a pull request that does not exist"),
]

# batch87: pyannote's None pipeline relayed alone by an API or worker; transformers 3.x's noun-less "Can't load 'x'"
POSITIVE += [
    Case("gated-pipeline-returned-none", "{\n  \"status\": \"FAILED\",\n  \"error\": \"'NoneType' object has no attribute "
         "'eval'\",\n  \"executionTime\": 5021\n}", "a serverless worker's JSON", fix="accept_license"),
    Case("cant-load-from-hub", "OSError: Can't load 'acme/bert-base-legal-cased'. Make sure that:\n\n- 'acme/bert-base-"
         "legal-cased' is a correct model identifier listed on 'https://huggingface.co/models'\n\n- or 'acme/bert-base-"
         "legal-cased' is the correct path to a directory containing a 'config.json' file", "transformers 3.x",
         fix="fix_identifier"),
]
NEGATIVE += [
    Case("gated-pipeline-returned-none", "  File \"train.py\", line 88, in main\n    model.eval()\nAttributeError: "
         "'NoneType' object has no attribute 'eval'\nDuring handling of the above exception, another exception "
         "occurred:\nRuntimeError: checkpoint loading failed", "a project's own loader returning None, mid-traceback"),
]


# batch90: Xet's content servers refusing an expired token (an old hf-xet); a download tool other than huggingface_hub
# refused without a token; hf_xet's own log of a refused storage range
POSITIVE += [
    Case("xet-token-refused-by-storage", "RuntimeError: Data processing error: CAS service error : Reqwest Error: HTTP "
         "status client error (401 Unauthorized), domain: https://cas-server.xethub.hf.co/reconstruction/9f2c",
         "hf-xet 1.1.5 on a long download", fix="install_package"),
    Case("download-tool-asked-credentials", "Cloning into 'Llama-3.1-8B'...\nfatal: could not read Username for "
         "'https://huggingface.co': No such device or address", "git clone of a gated repo in a notebook",
         fix="login_token"),
    Case("download-tool-asked-credentials", "[ERROR] CUID#7 - Download aborted. URI=https://huggingface.co/acme/gated/"
         "resolve/main/model.safetensors\nException: [AbstractCommand.cc:351] errorCode=24 URI=https://huggingface.co/"
         "acme/gated/resolve/main/model.safetensors\n  -> [HttpSkipResponseCommand.cc:215] errorCode=24 Authorization "
         "failed.", "aria2c without a token", fix="login_token"),
    Case("cdn-download-refused", "WARN hf_xet: Received CAS response for term fetch status_code=403\nRefreshing "
         "expired retrieval URLs", "hf_xet's log of a refused range", fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("xet-token-refused-by-storage", "huggingface_hub.errors.HfHubHTTPError: 401 Client Error: Unauthorized for "
         "url: https://huggingface.co/api/models/acme/private", "the Hub's own 401"),
    Case("download-tool-asked-credentials", "fatal: could not read Username for 'https://github.com': terminal prompts "
         "disabled", "a GitHub clone"),
]


# batch93: an "organisation" that is an app's own download folder (text-generation-webui's models/) is that folder
NEGATIVE += [
    Case("config-missing-shadow-guess", "OSError: models/TheBloke_Llama-2-13B-chat-GPTQ does not appear to have a file "
         "named config.json", "text-generation-webui's models folder (config-file-missing)"),
]


# a download host the tool refuses as a mirror
POSITIVE += [
    Case("download-mirror-rejected", "ERROR tabby: Failed to fetch model 'TabbyML/StarCoder-1B' due to 'Invalid mirror "
         "<modelscope.cn> for model urls: [\"https://huggingface.co/TabbyML/StarCoder-1B/resolve/main/ggml/model.gguf\"]'",
         "TABBY_DOWNLOAD_HOST", fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("download-mirror-rejected", "Invalid model id 'TabbyML/StarCoder-1B'", "an id the registry lacks"),
]

# a Rust loader (hf-hub crate) that could not fetch a file
POSITIVE += [
    Case("hub-crate-retrieve-failed", "thread 'main' panicked at /root/.cargo/registry/src/fastembed-3.14.1/src/"
         "text_embedding/impl.rs:96:18:\nFailed to retrieve tokenizer.json\nnote: run with `RUST_BACKTRACE=1`",
         "fastembed-rs", fix="use_local_cache"),
]
NEGATIVE += [
    Case("hub-crate-retrieve-failed", "Error: Failed to retrieve the list of models: 503 Service Unavailable",
         "no file named"),
]

# git asked for a password the Hub no longer takes
POSITIVE += [
    Case("download-tool-asked-credentials", "Cloning into 'Llama-2-7b-hf'...\nUsername for 'https://huggingface.co': "
         "me\nPassword for 'https://me@huggingface.co':\nremote: Password authentication in git is no longer supported. "
         "You must use a user access token or an SSH key instead.\nfatal: Authentication failed for "
         "'https://huggingface.co/meta-llama/Llama-2-7b-hf/'", "git clone with the account password", fix="login_token"),
    Case("download-tool-asked-credentials", "fatal: Authentication failed for 'https://huggingface.co/org/private-model/'",
         "a clone of a private repo"),
]
NEGATIVE += [
    Case("download-tool-asked-credentials", "fatal: Authentication failed for 'https://github.com/org/repo.git/'",
         "GitHub, not the Hub"),
]


# git's fatal exit status from a tool cloning a Hub repo
POSITIVE += [
    Case("download-tool-asked-credentials", "subprocess.CalledProcessError: Command '['git', 'clone', "
         "'https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct.git', '.tmp']' returned non-zero exit status 128.",
         "mlc-llm cloning a gated repo", fix="login_token"),
]


# transformers 4.2x reading a commit hash from the path of a download that failed without an error of its own
POSITIVE += [
    Case("download-failed-as-typeerror", "  File \"venv\\lib\\site-packages\\transformers\\tokenization_utils_base.py\""
         ", line 1750, in from_pretrained\n    commit_hash = extract_commit_hash(resolved_vocab_files[file_id], "
         "commit_hash)\n  File \"venv\\lib\\site-packages\\transformers\\utils\\hub.py\", line 225, in "
         "extract_commit_hash\n    search = re.search(r\"snapshots/([^/]+)/\", resolved_file)\n  File "
         "\"C:\\Program Files\\Python310\\lib\\re.py\", line 200, in search\n    return _compile(pattern, flags)."
         "search(string)\nTypeError: expected string or bytes-like object", "transformers 4.26, a poor connection",
         fix="retry_download"),
]
NEGATIVE += [
    Case("download-failed-as-typeerror", "  File \"app.py\", line 3, in parse\n    re.search(r\"x\", value)\n"
         "TypeError: expected string or bytes-like object", "the same TypeError elsewhere"),
]


# No config.json where the paste shows the Hub was asked (a 404 URL for the file) or diffusers read the repo: no
# local folder was in the way
NEGATIVE += [
    Case("config-missing-shadow-guess", "EntryNotFoundError: 404 Client Error: Entry Not Found for url: "
         "https://huggingface.co/CompVis/stable-diffusion-v1-4/resolve/main/config.json\nDuring handling of the above "
         "exception, another exception occurred:\nOSError: CompVis/stable-diffusion-v1-4 does not appear to have a file "
         "named config.json.", "the Hub answered 404 for the file"),
    Case("config-missing-shadow-guess", "  File \"/usr/local/lib/python3.10/site-packages/diffusers/configuration_utils.py"
         "\", line 406, in load_config\n    raise EnvironmentError(\nOSError: sayakpaul/FLUX.1-merged does not appear "
         "to have a file named config.json.", "diffusers' load_config on a repo in another layout"),
]


# a folder whose "owner" no Hub account can have (underscores, dots) is the folder the user meant (batch107)
NEGATIVE += [
    Case("folder-named-like-repo", "Error no file named config.json found in directory "
         "PowerPaint_v2/PowerPaint_Brushnet", "PowerPaint's own download folder"),
]
POSITIVE += [
    Case("folder-named-like-repo", "OSError: Error no file named diffusion_pytorch_model.bin found in directory "
         "stabilityai/sd-vae-ft-mse.", "a clone left in the working directory", fix="rename_local_dir"),
]


# tiktoken's encoding download, from Azure blob storage rather than the Hub (batch107)
POSITIVE += [
    Case("tiktoken-encoding-unreachable", "\"detail\": \"HTTPSConnectionPool(host='openaipublic.blob.core.windows.net', "
         "port=443): Read timed out. (read timeout=None)\"", "LightRAG in an offline deployment", fix="use_local_cache"),
    Case("tiktoken-encoding-unreachable", "requests.exceptions.ConnectionError: HTTPSConnectionPool(host="
         "'openaipublic.blob.core.windows.net', port=443): Max retries exceeded with url: /encodings/cl100k_base."
         "tiktoken (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to "
         "establish a new connection: [Errno 101] Network is unreachable'))", "no network"),
]
NEGATIVE += [
    Case("tiktoken-encoding-unreachable", "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='huggingface.co',"
         " port=443): Max retries exceeded with url: /bert-base-uncased/resolve/main/config.json", "the Hub itself"),
]


# peft's verdict on a local folder without adapter_config.json follows the validator's refusal: not an id to fix (batch107)
NEGATIVE += [
    Case("repo-id-malformed", "HFValidationError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'./results/model_flan_lora'. Use repo_type argument if needed.\nCan't find 'adapter_config.json' at "
         "'./results/model_flan_lora", "the validation is only peft's way to its own verdict"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# transformers 4.x names the revision in "Checkout '.../<id>/<rev>'": "None" when it read a local folder, the branch or
# commit when the Hub answered that the repo lacks config.json (transformers' cached_file, both branches)
HUB_ANSWERED_NO_CONFIG = (
    "OSError: someorg/clip-encoder does not appear to have a file named config.json. Checkout "
    "'https://huggingface.co/someorg/clip-encoder/main' for available files."
)
POSITIVE += [
    Case("config-file-missing", HUB_ANSWERED_NO_CONFIG, "the Hub answered: no folder was read"),
    Case("config-file-missing", "OSError: base-org/base-model does not appear to have a file named config.json. "
         "Checkout 'https://huggingface.co/base-org/base-model/tree/1f0c2a9e4b7d8c3a5e6f7a8b9c0d1e2f3a4b5c6d' for "
         "available files.", "an adapter's commit forwarded to the base model"),
    Case("config-missing-shadow-guess", "OSError: gpt2 does not appear to have a file named config.json. Checkout "
         "'https://huggingface.co/gpt2/None' for available files.", "4.x read a folder named like the legacy id"),
]
NEGATIVE += [
    Case("config-missing-shadow-guess", HUB_ANSWERED_NO_CONFIG, "the Hub answered: no folder was read"),
    Case("config-missing-shadow-guess", HUB_ANSWERED_NO_CONFIG.replace(" Checkout ", " Checkout\n").replace(
        "' for available", "'\nfor available"), "the same, wrapped by words around the link"),
]


def test_a_hub_answer_without_config_offers_the_revision_and_the_cache() -> None:
    from advisor.diagnose import explain

    answer = explain(HUB_ANSWERED_NO_CONFIG)
    assert [(a.category, a.fix) for a in answer.alternatives] == [
        ("revision_not_found", "update_calling_code"), ("corrupted_or_incomplete_download", "force_download")]
    assert explain(NO_CONFIG_LOCAL_PATH).alternatives == []

# diffusers (and transformers before 4.22) say "no file named X found in directory D" only in their local-folder
# branch (os.path.isdir): D shaped like a Hub id is a folder with the repo's name read instead of the repo
POSITIVE += [
    Case("folder-named-like-repo", "OSError: Error no file named model_index.json found in directory "
         "someorg/some-pipeline.", "diffusers DiffusionPipeline, org/name"),
    Case("folder-named-like-repo", "OSError: Error no file named pytorch_model.bin, tf_model.h5, model.ckpt.index or "
         "flax_model.msgpack found in directory bert-base-uncased.", "transformers 4.21, a legacy id"),
]
NEGATIVE += [
    Case("folder-named-like-repo", "OSError: Error no file named diffusion_pytorch_model.bin found in directory "
         "./weights/unet.", "a relative path the user meant"),
    Case("folder-named-like-repo", "OSError: Error no file named scheduler_config.json found in directory "
         "ckpt/inpainting-model.", "a project's own folder shaped like an id"),
    Case("folder-named-like-repo", "OSError: Error no file named diffusion_pytorch_model.bin found in directory "
         "/root/.cache/huggingface/hub/models--someorg--some-pipeline/snapshots/0123abcd/vae.",
         "a snapshot of the Hub cache"),
    Case("folder-named-like-repo", "OSError: Error no file named pytorch_model.bin found in directory someorg/tf-only "
         "but there is a file for TensorFlow weights. Use `from_tf=True` to load this model from those weights.",
         "TensorFlow weights are there"),
]

POSITIVE += [
    Case("offline-not-cached", "OSError: An error happened while trying to locate the files on the Hub and we cannot "
         "find the appropriate snapshot folder for the specified revision on the local disk. Please check your internet "
         "connection and try again.", "diffusers DiffusionPipeline.download", fix="set_proxy_or_endpoint"),
    Case("ssl-or-proxy", "requests.exceptions.SSLError: HTTPSConnectionPool(host='cdn-lfs.hf.co', port=443): Max "
         "retries exceeded with url: /repos/ab/cd (Caused by SSLError(SSLError(1, '[SSL: "
         "DECRYPTION_FAILED_OR_BAD_RECORD_MAC] decryption failed or bad record mac (_ssl.c:2580)')))",
         "a TLS record altered in transit"),
    Case("ssl-or-proxy", "Failed to load model: [SSL: DECRYPTION_FAILED_OR_BAD_RECORD_MAC] decryption failed or bad "
         "record mac", "an app's one-line report"),
]

# Other languages' HTTP clients: Node (transformers.js, JS apps) and Go (ollama, Go tools) name the failed connection
# in their own words; the kind of failure decides the advice (a timeout passes with a retry; a name that did not resolve
# means no route from this machine: a model downloaded elsewhere, or already cached, loads offline).
POSITIVE += [
    Case("offline-not-cached", "Error: getaddrinfo ENOTFOUND huggingface.co", "Node DNS failure",
         fix="use_local_cache"),
    Case("offline-not-cached", "FetchError: request to https://huggingface.co/Xenova/m/resolve/main/config.json "
         "failed, reason: connect ETIMEDOUT 31.13.94.36:443", "node-fetch timeout", fix="retry_download"),
    Case("offline-not-cached", 'Error: Get "https://huggingface.co/v2/org/m/manifests/latest": dial tcp: lookup '
         "huggingface.co on 127.0.0.53:53: no such host", "Go DNS failure", fix="use_local_cache"),
    Case("offline-not-cached", 'pull model manifest: Get "https://registry.ollama.ai/v2/library/llama3/manifests/latest"'
         ": dial tcp 104.21.75.227:443: i/o timeout", "ollama (Go) timeout", fix="retry_download"),
]
NEGATIVE += [
    # the words of a network failure about a local service the app talks to, not the Hub: still a network failure,
    # but a Go "tcp" error that names no failure is none
    Case("offline-not-cached", "level=INFO source=server.go:105 msg=\"listening on tcp 127.0.0.1:11434\"",
         "a Go server's own log line"),
    Case("offline-not-cached", "Error: ENOENT: no such file or directory, open '/models/m/config.json'",
         "a Node file error is no network error"),
]

# ollama's bridge to the Hub: the tag of hf.co/org/repo:TAG picks a .gguf file by its quantization suffix
POSITIVE += [
    Case("gguf-tag-not-found", "$ ollama run hf.co/acme/tiny-GGUF:Q5_X\npulling manifest\nError: pull model manifest: "
         '400: The specified tag is not available in the repository. Please use another tag or "latest"',
         "ollama 0.5+ hf.co pull", fix="pin_revision"),
]
NEGATIVE += [
    Case("gguf-tag-not-found", "Error: pull model manifest: file does not exist", "ollama's own library, no tag named"),
    Case("gguf-tag-not-found", "huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. Revision Not Found for "
         "url: https://huggingface.co/api/models/org/m/revision/v9.", "a git revision of the Hub"),
]

# a Hub page's address or path given as the id (audit, 2026-12-03)
POSITIVE += [
    Case("web-path-as-id", "OSError: https://huggingface.co/stabilityai/stable-diffusion-2-1/blob/main/"
         "v2-1_768-ema-pruned.safetensors is not a local folder and is not a valid model identifier listed on "
         "'https://huggingface.co/models'", "a file's page URL pasted as the id", fix="fix_identifier"),
    Case("web-path-as-id", "huggingface_hub.errors.HFValidationError: Repo id must be in the form 'repo_name' or "
         "'namespace/repo_name': 'runwayml/stable-diffusion-v1-5/resolve/main/v1-5-pruned.safetensors'. Use "
         "`repo_type` argument if needed.", "a download path without the host"),
    Case("web-path-as-id", 'ValueError: The provided pretrained_model_name_or_path "stabilityai/stable-diffusion-2-1/'
         'blob/main/v2-1_768-ema-pruned" is neither a valid local path nor a valid repo id. Please check the '
         "parameter.", "diffusers' wording"),
]
NEGATIVE += [
    Case("web-path-as-id", "huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. Repository Not Found "
         "for url: https://huggingface.co/org/name/resolve/main/config.json.", "the library's own request URL"),
    Case("web-path-as-id", "OSError: org/name is not a local folder and is not a valid model identifier listed on "
         "'https://huggingface.co/models'", "a plain repo id"),
]

# a project's own folder missing where the process runs (audit, 2026-12-03)
POSITIVE += [
    Case("project-folder-missing", "OSError: pretrained_models/chinese-roberta-wwm-ext-large is not a local folder and "
         "is not a valid model identifier listed on 'https://huggingface.co/models'", "GPT-SoVITS's folder not filled",
         fix="download_missing_files"),
    Case("project-folder-missing", "OSError: output_dir/checkpoint-139805 is not a local folder and is not a valid "
         "model identifier listed on 'https://huggingface.co/models'", "a training run's checkpoint"),
]
NEGATIVE += [
    Case("project-folder-missing", "OSError: bert-base-uncazed/tiny is not a local folder and is not a valid model "
         "identifier listed on 'https://huggingface.co/models'", "an id shaped like a repo's"),
]


# the Hub's later wording of its anonymous rate limit (batch109's reading)
POSITIVE += [
    Case("hub-rate-limited-anonymous", "huggingface_hub.errors.HfHubHTTPError: 429 Client Error: Too Many Requests for "
         "url: https://huggingface.co/api/models/org/name/tree/main\n\nWe had to rate limit your IP (10.1.2.3). To "
         "continue using our service, create a HF account or login to your existing account, and make sure you pass "
         "a HF_TOKEN if you're using the API.", "a CI runner without a token", fix="login_token"),
]
NEGATIVE += [
    Case("hub-rate-limited-anonymous", "HfHubHTTPError: 429 Client Error: Too Many Requests for url: "
         "https://huggingface.co/api/models/org/name (We had to rate limit your IP.)", "no advice on a token given"),
]

# open_clip knows the architecture but not the weights' tag (batch110's reading)
POSITIVE += [
    Case("open-clip-pretrained-tag-unknown", "RuntimeError: Pretrained weights (laion5b_s13b_b90k) not found for "
         "model ViT-B-16. Available pretrained tags (['openai', 'laion400m_e31', 'laion2b_s34b_b88k'].",
         "a tag from another architecture's list", fix="fix_identifier"),
]
NEGATIVE += [
    Case("open-clip-pretrained-tag-unknown", "RuntimeError: Pretrained weights (/ckpt/open_clip_pytorch_model.bin) "
         "not found for model ViT-L-14. Available pretrained tags (['openai'].", "a checkpoint path, not a tag"),
]

# huggingface_hub's message as an issue page rendered it: code marks gone, a line broken before the parenthesis closes
# (batch116's Space thread)
POSITIVE += [
    Case("saved-token-missing", "OSError: Token is required (token=True\n), but no token found. You need to provide a "
         "token or be logged in to Hugging Face with huggingface-cli login\nor huggingface_hub.login\n. See "
         "https://huggingface.co/settings/tokens.", "rendered Markdown", fix="login_token"),
]
NEGATIVE += [
    Case("saved-token-missing", "ValueError: Token is required for private repos (pass token=...)", "other words"),
]

# a diffusion pipeline's repo asked for a config.json at its root (batch118)
POSITIVE += [
    Case("pipeline-repo-root-config-missing", "OSError: stabilityai/stable-diffusion-3.5-large does not appear to "
         "have a file named config.json", "UNet2DConditionModel on SD3.5, whose denoiser is in transformer/",
         fix="update_calling_code"),
    Case("pipeline-repo-root-config-missing", "OSError: Lykon/dreamshaper-8 does not appear to have a file named "
         "config.json.", "subfolder='unet' left out"),
]
NEGATIVE += [
    Case("pipeline-repo-root-config-missing", "OSError: dbmdz/bert-base-french-europeana-cased does not appear to "
         "have a file named config.json.", "a transformers model's id"),
    Case("pipeline-repo-root-config-missing", "OSError: runwayml/stable-diffusion-v1-5 does not appear to have a file "
         "named config.json. Checkout 'https://huggingface.co/runwayml/stable-diffusion-v1-5/None' for available "
         "files.", "transformers 4.x's '/None': a local folder was read"),
]

# no route at all from this machine (the name did not resolve, the network is down) and no proxy: the model comes from a
# cache or a folder downloaded elsewhere, as the threads fixed it; a refused connection keeps the network advice
_NO_ROUTE = ("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries "
             "exceeded with url: /bert-base-uncased/resolve/main/config.json (Caused by NewConnectionError('<urllib3."
             "connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary "
             "failure in name resolution'))")
POSITIVE += [
    Case("offline-not-cached", _NO_ROUTE, "a cluster's compute node without DNS", fix="use_local_cache"),
    Case("offline-not-cached", _NO_ROUTE.replace("[Errno -3] Temporary failure in name resolution",
                                                 "[Errno 111] Connection refused"),
         "a refused connection: a proxy or a firewall answered", fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("offline-not-cached", "requests.exceptions.ProxyError: HTTPSConnectionPool(host='huggingface.co', port=443): "
         "Max retries exceeded (Caused by ProxyError('Cannot connect to proxy.', NewConnectionError('Failed to establish "
         "a new connection: [Errno -3] Temporary failure in name resolution')))", "the proxy's own name: ssl-or-proxy's"),
]

# Ollama's own server relaying its runner's crash as a 500: no Hub, no network (a batch36 text, read this session)
NEGATIVE += [
    Case("offline-not-cached", "Error: 500 Internal Server Error: llama runner process has terminated: exit status 2",
         "Ollama's local API"),
]

# transformers 2.x-3.x's model lookup on a project's folder shaped like an id: its id, not the release (session 38)
POSITIVE += [
    Case("cant-load-from-hub", "OSError: Model name 'models/imdbclassifier' was not found in model name list "
         "(bert-base-uncased, bert-large-uncased). We assumed 'models/imdbclassifier' was a path or url but couldn't "
         "find any file associated to this path or url.", "a project's folder never made", fix="fix_identifier"),
]

# a converter's own read of config.json, the FileNotFoundError's path cut off (llama.cpp, session 38)
POSITIVE += [
    Case("config-file-missing", "llama.cpp/convert-hf-to-gguf.py\", line 167, in load_hparams\n    with open(dir_model "
         "/ \"config.json\", \"r\", encoding=\"utf-8\") as f:\nFileNotFoundError: [Errno 2] No such file or directory:",
         "the path cut after the colon"),
]
NEGATIVE += [
    Case("config-file-missing", "  File \"train.py\", line 12, in main\n    with open(\"config.json\") as f:\n"
         "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)", "the file is there, unreadable"),
]

# an app's or a person's words that no token was available (batch124's reading: a Colab notebook's .env check, a
# SageMaker deployment of a gated Llama)
POSITIVE += [
    Case("token-absent-words", "No .env or env file found; HF_TOKEN may not be set.\nEnvironment and imports are set.",
         "an app's own check", fix="login_token"),
    Case("token-absent-words", "I found that I could not deploy this model due to needing a Huggingface Token.",
         "a person's words"),
]
NEGATIVE += [
    Case("token-absent-words", "HF_TOKEN may not be set.\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate "
         "2.00 GiB", "the warning above a failure of another kind"),
    Case("token-absent-words", "You don't need a Hugging Face token for this public model; the download timed out.",
         "no token needed"),
]

# http.client's refusal of a token with a line break (batch128)
POSITIVE += [
    Case("token-rejected", "ValueError: Invalid header value b'Bearer hf_" + "x" * 34 + "\\n'",
         "a token file read with its newline", fix="login_token"),
]
NEGATIVE += [
    Case("token-rejected", "ValueError: Invalid header value b'application/json\\n'", "another header"),
]

# the Checkout URL names a relative folder although the id before the sentence was lost (batch129)
NEGATIVE += [
    Case("config-missing-shadow-guess", "OSError:  does not appear to have a file named config.json. Checkout "
         "'[https://huggingface.co/.//main](https://huggingface.co//main)' for available files.",
         "RobertaModel.from_pretrained('./') after torch.save: config-file-missing"),
]

# datasets' own wording for a dataset id the Hub does not show (session 42, batch134; datasets is not installed here,
# the message is datasets.load's, 2.14+)
POSITIVE += [
    Case("dataset-not-found", "datasets.exceptions.DatasetNotFoundError: Dataset 'simplescaling/numinamath_500' "
         "doesn't exist on the Hub or cannot be accessed.", "datasets 2.16+", fix="fix_identifier"),
    Case("dataset-not-found", "FileNotFoundError: Couldn't find a dataset script at /work/lewtun/githb-issues/"
         "githb-issues.py or any data file in the same directory. Couldn't find 'lewtun/githb-issues' on the Hugging "
         "Face Hub either: FileNotFoundError: Dataset 'lewtun/githb-issues' doesn't exist on the Hub",
         "datasets 2.14, the Hub's answer inside the local lookup's"),
]
NEGATIVE += [
    Case("dataset-not-found", "DatasetNotFoundError: Dataset 'meta-llama/private-evals' is a gated dataset on the Hub. "
         "You must be authenticated to access it.", "a gated dataset"),
]

# open_clip 3.x quotes the name it looked up (session 42, batch134; open_clip is not installed here: factory.py's words)
POSITIVE += [
    Case("open-clip-name-without-hf-hub", "RuntimeError: Model config for 'MobileCLIP2-S0' not found in built-ins.",
         "open_clip 3.x", fix="fix_identifier"),
]

# Ollama's newer runner relays its crash the same way (session 42, batch136): no Hub involved
NEGATIVE += [
    Case("offline-not-cached", "Error: 500 Internal Server Error: llama-server process has terminated: signal: "
         "floating point exception (core dumped)", "Ollama 0.30's runner crash"),
]

# urllib3's proxy wrapping on Windows (batch141: TabLLM's tokenizer config fetch)
POSITIVE += [
    Case("ssl-or-proxy", "  File \"C:\\Python311\\Lib\\ssl.py\", line 455, in wrap_socket\n    return self.sslsocket_class._create("
         "\nValueError: check_hostname requires server_hostname", "a proxy urllib3 cannot wrap",
         fix="set_proxy_or_endpoint"),
]
NEGATIVE += [
    Case("ssl-or-proxy", "ValueError: hostname requires a scheme", "another URL check"),
]


# AdapterHub's index without the name; an older PaddleNLP's community store (session 44, batch142)
POSITIVE += [
    Case("adapter-not-in-hub-index", "OSError: No adapter with name 'imdb-sentiment' was found in the adapter index.",
         "adapter-transformers 2.x", fix="fix_identifier"),
    Case("paddlenlp-old-release-name-unknown", "RuntimeError: Downloading from https://bj.bcebos.com/paddlenlp/models/"
         "transformers/community/ernie-3.0-base-zh/vocab.txt failed with code 404!", "PaddleNLP 2.2",
         fix="install_package"),
]
NEGATIVE += [
    Case("adapter-not-in-hub-index", "ValueError: No adapter loaded. Please load an adapter first.",
         "peft's message, no index"),
    Case("paddlenlp-old-release-name-unknown", "RuntimeError: Downloading from https://bj.bcebos.com/paddlenlp/models/"
         "community/acme/tiny/tokenizer_config.json failed with code 404!", "the newer store's layout"),
]


# a revision glued onto the repo name in a URL built without validating the id (session 45, batch149)
POSITIVE += [
    Case("repo-id-malformed",
         "WARN download: Download failed: HTTP status client error (404 Not Found) for url "
         "(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2:main/resolve/main/config.json)",
         "':main' glued to the name", fix="fix_identifier"),
]
NEGATIVE += [
    Case("repo-id-malformed",
         "WARN download: Download failed: HTTP status client error (404 Not Found) for url "
         "(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v3/resolve/main/config.json)",
         "a well-formed id that does not exist"),
]


# a downloader's own line names the URL and the 401 it got (session 47, batch159): gated first, removed the alternative
POSITIVE += [
    Case("gated-repo", "AssertionError: Failed to download config.json from https://huggingface.co/acme/private-llm/"
         "resolve/main/config.json: 401", "exo's downloader", fix="login_token"),
]


# a repo of a gated family said not to be found, in a person's words (session 48)
POSITIVE += [
    Case("gated-repo", "Under the Base model (for delta or adapter weights) section, I get a message saying that "
         "meta-llama/Llama-2-70b cannot be found.", "a leaderboard's lookup of a gated base model", fix="login_token"),
]
NEGATIVE += [
    Case("gated-repo", "runwayml/stable-diffusion-v1-5 can't be found", "a family that is not gated: a removed repo"),
]


# mlx-lm's load_config on a snapshot without config.json (session 49, batch169)
POSITIVE += [
    Case("config-file-missing", "ERROR:root:Config file not found in /Users/x/.cache/huggingface/hub/"
         "models--mistralai--Pixtral-12B-2409/snapshots/df119bf36c0cedc6ffdc9ca6c58ebf51f9771ef7",
         "a repo in Mistral's own format"),
]
NEGATIVE += [
    Case("config-file-missing", "Config file not found in", "no path"),
]
