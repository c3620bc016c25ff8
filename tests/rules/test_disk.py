"""rules/disk: the cache or offload folder cannot be written (full, read-only, permissions, locks)."""

# ruff: noqa: E501  (tracebacks are quoted verbatim, long lines included)

from __future__ import annotations

import pytest
from rulecase import Case, check_negative, check_positive

REF_13E = """PermissionError: [Errno 13] Permission denied: '<tmp>/case/13e_eacces_home_online/root_home/hub/models--org--tiny'

The above exception was the direct cause of the following exception:

OSError: PermissionError at <tmp>/case/13e_eacces_home_online/root_home/hub/models--org--tiny when downloading org/tiny. Check cache directory permissions. Common causes: 1) another user is downloading the same model (please wait); 2) a previous download was canceled and the lock file needs manual removal."""

POSITIVE = [
    Case("disk-full", "OSError: [Errno 28] No space left on device", "13i", fix="free_disk_or_move_cache"),
    Case("disk-full", "safetensors._safetensors_rust.SafetensorError: Error while serializing: I/O error: No space "
         "left on device (os error 28)", "13l offload folder"),
    Case("disk-full", "OSError: [Errno 122] Disk quota exceeded", "quota"),
    Case("disk-full", "OSError: Can't load the model for 'openai/clip-vit-large-patch14'\nOSError: [Errno 28] No "
         "space left on device", "transformers 4.x generic message + the cause"),
    Case("cache-not-writable", "OSError: [Errno 30] Read-only file system: '<tmp>/case/13a_ro_home_empty_online/"
         "ro_home/hub/models--org--tiny'", "13a EROFS"),
    Case("cache-not-writable", REF_13E, "13e EACCES"),
    Case("cache-not-writable", "PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/token'",
         "token file"),
    Case("cache-not-writable", "PermissionError: [WinError 5] Access is denied: 'C:\\\\Users\\\\me\\\\.cache\\\\"
         "huggingface\\\\hub\\\\models--x'", "Windows"),
]

NEGATIVE = [
    Case("disk-full", "MemoryError: Cannot allocate memory (os error 12)", "RAM, not disk"),
    Case("disk-full", "OSError: [Errno 30] Read-only file system: '/.cache'", "read-only"),
    Case("cache-not-writable", "OSError: [Errno 28] No space left on device", "full"),
    Case("cache-not-writable", "FileNotFoundError: [Errno 2] No such file or directory: 'config.json'", "missing"),
]


# More loaders (optimum-intel, CTranslate2, gpt4all, PaddleNLP, speechbrain, Coqui TTS, outlines, torchao, LlamaIndex),
# read from their releases' raise sites.
POSITIVE += [
    Case("cache-not-writable", "RuntimeError: Failed to create model download directory", "gpt4all"),
]
NEGATIVE += [
    Case("cache-not-writable", "RuntimeError: Created model download directory", "created"),
]

# Wordings of the releases between those read before (transformers 2.2-5.18, huggingface_hub 0.0.19-1.10,
# diffusers 0.5-0.24).
POSITIVE += [
    Case("cache-not-writable", "OSError: Windows requires Developer Mode to be activated, or to run Python as an "
         "administrator, in order to create symlinks.", "huggingface_hub 0.1x on Windows"),
]

# Symlinks Windows refuses for other reasons than missing rights.
POSITIVE += [
    Case("cache-not-writable", "-> 1391         self._accessor.symlink(target, self, target_is_directory)\n\nOSError: "
         "[WinError 1] Incorrect function: 'C:\\Users\\me\\.cache\\huggingface\\hub\\abc' -> 'Z:\\models\\x'",
         "a local cache linked into a network drive"),
    Case("cache-not-writable", "load tokenizer: The path cannot be traversed because it contains an untrusted mount "
         "point. (os error 448)", "Windows 11, a Rust client"),
]
NEGATIVE += [
    Case("cache-not-writable", "OSError: [WinError 1] Incorrect function: 'COM3'", "not a symlink"),
]

# A symlink Windows refuses: the first remedy is the symlink right, not another cache folder.
POSITIVE += [
    Case("cache-not-writable", "OSError: [WinError 1314] A required privilege is not held by the client: "
         "'..\\..\\blobs\\abc' -> 'C:\\Users\\me\\.cache\\huggingface\\hub\\models--org--x\\snapshots\\1\\config.json'",
         "Windows without Developer Mode", fix="other"),
    Case("cache-not-writable", "PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/hub'",
         "a cache this user cannot write: move it", fix="free_disk_or_move_cache"),
]

# Rust clients' permission error, and a WinError 1 on a path in the hub cache.
POSITIVE += [
    Case("cache-not-writable", "RuntimeError: Data processing error: I/O error: Permission denied (os error 13)",
         "hf_xet", fix="free_disk_or_move_cache"),
    Case("cache-not-writable", "OSError: [WinError 1] Incorrect function: 'C:\\Users\\me\\.cache\\huggingface\\hub"
         "\\abc123'", "a refused symlink, last line", fix="other"),
]

# filelock on a filesystem without flock (Lustre, NFS, FUSE): a stale lock file makes downloads wait forever
POSITIVE += [
    Case("cache-lock-unsupported", "FileSystem does not appear to support flock. Falling back to SoftFileLock for "
         "/lustre/home/u1/.cache/huggingface/hub/.locks/models--org--x/abc.lock", "filelock's warning",
         fix="free_disk_or_move_cache"),
]
NEGATIVE += [
    Case("cache-lock-unsupported", "PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/hub/"
         ".locks/models--org--x/abc.lock'", "a lock file the user may not write"),
]

# A download waiting on a lock: another process, or a lock a killed download left (huggingface_hub's WeakFileLock).
POSITIVE += [
    Case("cache-lock-held", "Fetching 4 files:   0%|          | 0/4 [00:00<?, ?it/s]Still waiting to acquire lock on "
         "/data/hf/hub/.locks/models--org--x/5f1c.lock (elapsed: 30.0 seconds)", "huggingface_hub 0.2x WeakFileLock",
         fix="other"),
    Case("cache-lock-held", "still waiting to acquire lock on C:\\Users\\me\\proj\\.cache\\huggingface\\download\\"
         "model.safetensors.lock", "huggingface_hub local_dir, older lower-case wording"),
    # Rust's io::Error for Windows' ERROR_PRIVILEGE_NOT_HELD (the symlink right), in the user's locale
    Case("cache-not-writable", "Error: I/O error Le client ne dispose pas d'un privilège nécessaire. (os error 1314)",
         "hf-hub (Rust) creating the cache's symlinks on Windows"),
]
NEGATIVE += [
    Case("cache-lock-held", "filelock._error.Timeout: The file lock '/x/.locks/a.lock' could not be acquired.",
         "a timeout that ended the wait: the lock rule of cache-not-writable"),
    Case("cache-not-writable", "Error: I/O error (os error 13140)", "another error number"),
]


# huggingface_hub's free-space warning without its first half; Rust's ERROR_DISK_FULL in the system's language.
POSITIVE += [
    Case("disk-full", "UserWarning: ... The target location /data/hf/hub/models--org--x/blobs only has 812.50 MB free "
         "disk space.", "huggingface_hub file_download, cut before 'Not enough free disk space'",
         fix="free_disk_or_move_cache"),
    Case("disk-full", "Caused by:\n    There is not enough room on the disk. (os error 112)", "a Rust downloader on Windows"),
]
NEGATIVE += [
    Case("disk-full", "The model only has 12 layers, the checkpoint 24", "no disk"),
    Case("disk-full", "Error: I/O error (os error 1120)", "another error number"),
]


# Cut at a log viewer's width, mid-word.
POSITIVE += [
    Case("disk-full", "Error while downloading: Os { code: 28, kind: StorageFull, message: \"No space le",
         "a Rust downloader, cut at 80 columns"),
]

NEGATIVE += [
    Case("disk-full", "ValueError: No space left for the prompt: reduce max_new_tokens", "a token budget, not a disk"),
]


# Windows' "[WinError 1]" in the system's language, on a link into the Hub cache: the symlink right, whatever the words
POSITIVE += [
    Case("cache-not-writable", "OSError: [WinError 1] Fonction incorrecte : 'C:\\\\Users\\\\ana\\\\.cache\\\\huggingface\\\\hub\\\\"
         "models--org--m\\\\blobs\\\\3f2a' -> 'pretrained\\\\m\\\\hyperparams.yaml'", "French Windows", fix="other"),
]
NEGATIVE += [
    Case("cache-not-writable", "OSError: [WinError 1] Función incorrecta: 'D:\\\\data\\\\model.bin'",
         "not a link into the cache"),
]

# session 17 (batch62): a path near Windows' length limit reported as a missing file
POSITIVE += [
    Case("windows-path-too-long", "Server execution error: [Errno 2] No such file or directory: \n\n'C:\\AppData\\"
         "Roaming\\krita\\ai_diffusion\\server\\ComfyUI\\custom_nodes\\comfyui_controlnet_aux\\ckpts\\lllyasviel\\"
         "Annotators\\.cache\\huggingface\\download\\EqgbiiZAhzyuCsdUcvnHBnOWibk=.80860ac267258b5f27486e0ef152a211d0b"
         "08120f62aeb185a050acc30da486c.incomplete'", "Krita AI Diffusion's ComfyUI", fix="free_disk_or_move_cache"),
]
NEGATIVE += [
    Case("windows-path-too-long", "FileNotFoundError: [Errno 2] No such file or directory: "
         "'C:\\\\Users\\\\me\\\\models\\\\config.json'", "a short Windows path"),
]


# session 17 (batch63): huggingface_hub's staging folder refused by Windows, however much of the path the paste kept
POSITIVE += [
    Case("windows-path-too-long", "[WinError 3] The system cannot find the path specified: 'C:\\Users\\…\\wan2gp-desktop"
         "\\Wan2GP\\Wan2GP\\ckpts\\gemma-3-12b-it-qat-q4_0-unquantized\\_temp1786362921.6263518\\.cache\\huggingface\\"
         "download\\gemma-3-12b-it-qat-q4_0-unquantized\\…_quanto_bf16_int8.safetensors.metadata'", "Wan2GP",
         fix="free_disk_or_move_cache"),
    Case("windows-path-too-long", "OSError: [WinError 206] The filename or extension is too long: 'C:\\x'",
         "Windows' own word"),
]


# A download renamed from the cache to a folder on another filesystem (huggingface_hub#1439; an Azure ML image's
# `--local-dir` on a mounted volume), and a lock call the mount refuses (petals on NFS: EBADF from flock)
POSITIVE += [
    Case("cache-cross-device-link", "OSError: [Errno 18] Invalid cross-device link: '/root/.cache/huggingface/hub/"
         "tmp3k2j1x' -> '/mnt/models/llama/.gitattributes'", "huggingface_hub#1439", fix="free_disk_or_move_cache"),
    Case("cache-cross-device-link", "OSError: [WinError 17] The system cannot move the file to a different disk drive: "
         "'C:\\Users\\me\\.cache\\huggingface\\hub\\tmpx' -> 'D:\\models\\phi-2\\config.json'", "Windows"),
    Case("cache-lock-unsupported", """  File "/opt/app/utils/disk_cache.py", line 26, in _blocks_lock
    fcntl.flock(lock_fd.fileno(), mode)
OSError: [Errno 9] Bad file descriptor""", "petals#515 NFS", fix="free_disk_or_move_cache"),
    Case("cache-lock-unsupported", "OSError: [Errno 37] No locks available", "NFS without lockd"),
]
NEGATIVE += [
    Case("cache-cross-device-link", "OSError: [Errno 28] No space left on device", "full"),
    Case("cache-lock-unsupported", "OSError: [Errno 9] Bad file descriptor", "EBADF without the lock call"),
    Case("cache-lock-unsupported", """  File "/opt/app/io.py", line 3, in read
    os.read(fd, 10)
OSError: [Errno 9] Bad file descriptor""", "EBADF from a read"),
]

# A native loader and a user folder with a letter outside ASCII: the file is there, the narrow path is not.
POSITIVE += [
    Case("home-path-non-ascii", "Failed to load model: llama_model_load: failed to open C:\\Users\\Jos\u00e9 Mar\u00eda\\"
         ".cache\\huggingface\\hub\\models--ggml-org--gemma-3-1b-it-GGUF\\snapshots\\abc\\gemma-3-1b-it-Q4_K_M.gguf",
         "llama.cpp under an accented user name", fix="free_disk_or_move_cache"),
]
NEGATIVE += [
    Case("home-path-non-ascii", "Failed to load model: llama_model_load: failed to open C:\\Users\\jose\\models\\"
         "gemma.gguf", "an ASCII path: the file is missing"),
    Case("home-path-non-ascii", "Failed to load model: model file not found: C:\\Users\\\u2026\\.cache\\"
         "huggingface\\hub\\x.gguf", "a user name the reporter left out"),
]

# batch87: a Space stopped for its disk
POSITIVE += [
    Case("disk-full", "Runtime error\nSpace evicted, storage limit exceeded (50G)", "a Hugging Face Space",
         fix="free_disk_or_move_cache"),
]


# the hf-hub crate giving up on a locked cache file
POSITIVE += [
    Case("cache-lock-not-acquired", "Error: ModelDownload(\"Failed to download 'onnx/model.onnx' from org/embedder: Lock "
         "acquisition failed: /home/ci/.cache/huggingface/hub/models--org--embedder/blobs/9f2c.lock\")",
         "two test workers at once", fix="retry_download"),
]
NEGATIVE += [
    Case("cache-lock-not-acquired", "Still waiting to acquire lock on /root/.cache/huggingface/hub/.locks/models--org--x/"
         "abc.lock (elapsed: 30.1 seconds)", "huggingface_hub waiting"),
]


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c.id)
def test_rule_diagnoses_its_failure(case: Case) -> None:
    check_positive(case)


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c.id)
def test_rule_does_not_diagnose_other_failures(case: Case) -> None:
    check_negative(case)

# a cache lock in a report's words, a Rust client's EPERM, and a paste that stops inside filelock (batch109's reading)
POSITIVE += [
    Case("cache-lock-held", "the download never finishes: it prints Still waiting to acquire lock every ten seconds",
         "the words without the lock's path", fix="other"),
    Case("cache-not-writable", "Error: I/O error: Operation not permitted (os error 1)\nwhile downloading "
         "model.safetensors with hf_xet", "hf_xet writing under a home it may not write", fix="free_disk_or_move_cache"),
    Case("cache-lock-traceback-cut", "Traceback (most recent call last):\n  File \"/srv/app/load.py\", line 8, in "
         "<module>\n    snapshot_download(\"org/model\")\n  File \"/venv/lib/python3.12/site-packages/huggingface_hub/"
         "file_download.py\", line 1010, in hf_hub_download\n    with WeakFileLock(lock_path):\n  File \"/venv/lib/"
         "python3.12/site-packages/filelock/_api.py\", line 332, in __enter__\n    self.acquire()\n  File \"/venv/lib/"
         "python3.12/site-packages/filelock/_api.py\", line 297, in acquire\n    self._acquire()\n",
         "a plain traceback cut under the lock's acquire", fix="other"),
    Case("cache-lock-traceback-cut", "/home/u/.venv/lib/python3.11/site-packages/filelock/_api.py:291 in acquire\n\n"
         "  290 │   │   │   │   │   _LOGGER.debug(msg, lock_id, lock_filename)\n❱ 291 │   │   │   │   │   self._acquire()",
         "rich's frame, the box's last line"),
]
NEGATIVE += [
    Case("cache-lock-traceback-cut", "  File \"/venv/lib/python3.12/site-packages/filelock/_api.py\", line 297, in "
         "acquire\n    self._acquire()\n  File \"/venv/lib/python3.12/site-packages/filelock/_unix.py\", line 42, in "
         "_acquire\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nOSError: [Errno 38] Function not implemented",
         "the error line is there"),
    Case("cache-not-writable", "rm: cannot remove '/proc/1/mem': Operation not permitted",
         "a shell's EPERM, no Rust client"),
]

# the cache's link from a snapshot to its blob, refused outside Windows (older corpus texts no rule read)
POSITIVE += [
    Case("cache-symlink-failed", "  File \"/usr/local/lib/python3.11/site-packages/huggingface_hub/file_download.py\", "
         "line 1016, in _hf_hub_download_to_cache_dir\n    _create_symlink(blob_path, pointer_path, new_blob=True)\n"
         "OSError: [Errno 95] Operation not supported: '../../blobs/5b1f0c9e7d7f3a1d2a8c9b1e0f6e4d3c2b1a0f9e' -> "
         "'/content/drive/MyDrive/hf/models--org--name/snapshots/abc/config.json'", "a Drive mount as HF_HOME",
         fix="other"),
    Case("cache-symlink-failed", "FileNotFoundError: [Errno 2] No such file or directory: '../../blobs/"
         "0d4b9a8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b' -> '/cache/models--a--b/snapshots/c/x.bin'",
         "the blobs folder missing beside the snapshot"),
]
NEGATIVE += [
    Case("cache-symlink-failed", "PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/hub/"
         "models--a--b/blobs/0d4b9a8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b.incomplete'", "a blob this user cannot write"),
    Case("cache-symlink-failed", "OSError: [WinError 1314] A required privilege is not held by the client: '..\\\\..\\\\"
         "blobs\\\\5b1f' -> 'C:\\\\Users\\\\me\\\\.cache\\\\huggingface\\\\hub\\\\models--a--b\\\\snapshots\\\\c\\\\x'",
         "Windows' own refusal, read by cache-not-writable"),
]

# the hf-hub crate's lock refusal logged alone (batch113: Dynamo's model fetch on a shared cache)
POSITIVE += [
    Case("cache-lock-not-acquired", "2025-06-02T10:11:12Z ERROR dynamo_llm::hub: Failed to fetch model\nLock acquisition "
         "failed", "Dynamo's log", fix="retry_download"),
]
NEGATIVE += [
    Case("cache-lock-not-acquired", "Lock acquisition failed for the database migration; retrying in 5s",
         "other words after it on the line"),
]

# the message retyped in a title (batch125's reading: a container's /tmp filled by a download)
POSITIVE += [
    Case("disk-full", "Fix: not space left on device when downloading the models", "a pull request's title",
         fix="free_disk_or_move_cache"),
]
NEGATIVE += [
    Case("disk-full", "There is not much space left, but the device still has 40 GB free.", "space left, not none"),
]


# Windows' path limit named in words (session 44, batch142)
POSITIVE += [
    Case("windows-path-too-long", "Downloads into a deep folder crash on Windows machines where LongPathsEnabled is 0.",
         "the registry value", fix="free_disk_or_move_cache"),
    Case("windows-path-too-long", "The lock file's path is 281 characters long, but Windows only accepts file paths "
         "up to 260 characters, so the download hangs.", "a path's length beside Windows"),
    Case("windows-path-too-long", "hf_hub_download fails because the snapshot path exceeds MAX_PATH.", "the constant"),
]
NEGATIVE += [
    Case("windows-path-too-long", "Our log viewer truncates paths longer than 250 characters on Linux servers.",
         "a length with no Windows"),
    Case("windows-path-too-long", "OSError: [Errno 36] File name too long: '/tmp/hf/" + "a" * 300 + "'",
         "Linux's own limit"),
]


# the free-space warning named in a sentence, symlinks refused in words (session 45, batch149)
POSITIVE += [
    Case("disk-full", "Docker gives the container 64MB of /dev/shm, which ends in `Not enough free disk space` while "
         "the shards download.", "the warning named bare", fix="free_disk_or_move_cache"),
    Case("cache-not-writable", "from_hparams fails: I do not have the right to make symbolic links on this Windows machine.",
         "no symlink right, in words", fix="other"),
]
NEGATIVE += [
    Case("disk-full", "There is enough free disk space on /data, the download is just slow.", "space enough"),
    Case("cache-not-writable", "We make symbolic links for every checkpoint to save space.", "symlinks made, none refused"),
]
