"""Pull exception types and messages out of what people paste: tracebacks, log lines, bare messages.

What people paste is rarely what Python printed: it comes with ANSI colours, log prefixes (timestamps,
``[transformers]``, ``ERROR:root:``, vLLM's ``(EngineCore pid=1) ERROR 05-01 12:00:00 [core.py:12]``,
``[rank0]:``), rich's box-drawn tracebacks, Jupyter's headers, HTML entities from issue trackers, Windows
line endings, or only the last line. :func:`clean_text` brings it back to Python's own layout and
:func:`parse_exceptions` finds the exceptions in it, outermost (last printed) first.

Both are linear in the size of the text: explain must stay well above 1,000 texts per second.
"""

from __future__ import annotations

import difflib
import html
import itertools
import json
import re
from collections.abc import Callable
from urllib.parse import unquote

from advisor.needles import Gated, flattened, wrap_tolerant


def gated(*patterns: re.Pattern[str]) -> tuple[Gated, ...]:
    """Patterns tried in turn on whole texts, each skipped where its needles are absent (see advisor.needles), each
    reading a line break where its message has a space (``sentence_re``: a paste wrapped at a width)."""
    return tuple(Gated(sentence_re(p.pattern, p.flags)) for p in patterns)


def sentence_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for a pattern that reads a library's sentence: a line break reads where it has a space
    (``wrap_tolerant``), so a paste wrapped at a width gives the same fields."""
    return re.compile(wrap_tolerant(pattern), flags)


_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
# Caret-notation ANSI that lost its ESC byte when copied from some terminals/CI logs: "[31m", "[0m".
_BARE_ANSI_RE = re.compile(r"\[(?:\d{1,3}(?:;\d{1,3})*)?m")

# Prefixes that loggers and launchers put in front of each line. Removed repeatedly, in any order.
_PREFIXES = [
    # (EngineCore_0 pid=123) / (VllmWorkerProcess pid=123) / (RayWorkerWrapper pid=1, ip=10.0.0.1)
    r"\([\w.\-]+ pid=\d+(?:, ip=[\d.]+)?\)\s*",
    # [rank0]: / [rank3]:[W101 ...] / [default0]:
    r"\[(?:rank|default)\d+\]:\s?",
    # [transformers] / [huggingface_hub] / [accelerate] / [vllm] style logger tags
    r"\[(?:transformers|huggingface_hub|accelerate|vllm|diffusers|sentence_transformers|peft|tokenizers)"
    r"(?:\.[\w.]+)?\]\s*",
    # ISO-ish timestamps: 2024-01-02 03:04:05,678 / [2024-01-02T03:04:05.678Z] / 2024/01/02 03:04:05
    r"\[?\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s*(?:[-|:]\s*)?",
    # vLLM / glog: "ERROR 05-01 12:00:00 [core.py:12] " ; "E0501 12:00:00.123456 1234 file.cc:12] "
    r"(?:ERROR|WARNING|WARN|INFO|DEBUG|CRITICAL)\s+\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?\s*(?:\[[\w.\-]+:\d+\]\s*)?",
    r"[EWIF]\d{4}\s+\d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.\-]+:\d+\]\s*",
    # HH:MM:SS timestamps alone: "12:00:01 " / "[12:00:01]"
    r"\[?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s+(?=\S)",
    # python logging defaults: "ERROR:root:" / "WARNING:transformers.modeling_utils:"
    r"(?:ERROR|WARNING|INFO|DEBUG|CRITICAL):[\w.]*:\s*",
    # "[ERROR] " / "ERROR - " / "ERROR | " / "- ERROR - " / "ERROR: " / "ERROR     module:func:12 - "; a logger's name
    # after it ends in " - " or a bar ("ERROR - root - ", "ERROR | app | "), never in a hyphen inside a word: "WARNING:
    # huggingface-hub 1.0.1 does not provide ..." keeps its package's whole name
    r"(?:-\s*)?\[?(?:ERROR|WARNING|WARN|INFO|DEBUG|CRITICAL|FATAL)\]?(?:\s*[-|:]\s*|\s+)"
    r"(?:[\w.]+(?::[\w<>]+)*:\d+\s*-\s*)?(?:[\w.]+(?:\s+-|\s*\|)\s*)?",
    # "name - ERROR - " (logging format "%(name)s - %(levelname)s - %(message)s")
    r"[\w.]+\s+-\s+(?:ERROR|WARNING|INFO|DEBUG|CRITICAL)\s+-\s+",
    # pytest's "E   " failure lines
    r"E {2,}",
    # docker compose: "app-1  | " / "automatic1111-model-1  | " / "web_1  | ", and a service with its own container_name
    # ("qanything-container-local  | "): a hyphenated or underscored name, spaces, a bar
    r"[\w.\-]{1,60}[-_]\d{1,3}\s{1,8}\|\s?",
    r"[A-Za-z][\w.]{0,30}[-_][\w.\-]{1,60}\s{1,8}\|\s",
    # kubectl logs --prefix (every pod of a deployment, every container): "[pod/vllm-7d9f8c-x2k4/vllm] "
    r"\[pod/[\w.\-]{1,253}/[\w.\-]{1,63}\]\s?",
    # a worker's name and pid: "worker[3]: "
    r"[\w.\-]{1,40}\[\d{1,6}\]:\s?",
]
_PREFIX_RE = re.compile("|".join(f"(?:{p})" for p in _PREFIXES))
_BOX_CHARS = frozenset("│┃|╭╰┏┗─━+")
# rich's traceback boxes, ExceptionGroup indentation ("  | "), Jupyter's arrows. Only anchored, single-quantifier
# patterns and plain string scans here: the old right-edge pattern ``\s*[│┃]\s*$`` rescanned a run of spaces
# from every start, and the box-line pattern's three overlapping ``[─━\-+ ]*`` runs took 25-48 s (cubic) on
# ``'+' + ' ' * 3000 + 'x'``.
_BOX_LEFT_RE = re.compile(r"^\s*[│┃|]\s?")
_BOX_LINE_START = frozenset("╭╰┏┗─━+-")
_BOX_LINE_FILL = frozenset("─━-+ ")
_BOX_CORNERS = "╮╯┓┛"


def _is_box_line(line: str) -> bool:
    """A rule of a drawn box: ``╭──── Traceback (most recent call last) ────╮``, ``+-----+``, ``─────``."""
    body = line.strip()
    if not body or body[0] not in _BOX_LINE_START:
        return False
    if body[-1] in _BOX_CORNERS:
        body = body[:-1]
    head, found, rest = body[1:].partition("Traceback")
    if not all(c in _BOX_LINE_FILL for c in head):
        return False
    if not found:
        return True
    cut = min((i for i in (rest.find("─"), rest.find("━")) if i >= 0), default=len(rest))
    return all(c in _BOX_LINE_FILL for c in rest[cut:])


def _strip_box(line: str) -> str:
    """The line without the box's left edge (``│ ``, ``| ``) and right edge (`` │``)."""
    line = _BOX_LEFT_RE.sub("", line, count=1)
    trimmed = line.rstrip()
    if trimmed.endswith(("│", "┃")):
        line = trimmed[:-1].rstrip()
    return line


# "pkg.mod.SomeError: message" or "SomeError" alone on a line.
_NAME = (
    r"(?:(?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning|Timeout)|KeyError"
    r"|StopIteration|MemoryError|AssertionError|OSError|IOError|NotImplementedError|PanicException"
    r"|OfflineModeIsEnabled|ConnectTimeout|ReadTimeout|ConnectError)"
    r"|(?:[A-Za-z_]\w*\.)+(?:timeout|gaierror|herror))"
)
_EXC_LINE_RE = re.compile(rf"^(?P<name>{_NAME})(?::\s?(?P<msg>.*))?$")
# An exception printed in the middle of a line: "raise ImportError( ImportError: ...", "Error: OSError: ..."
_EXC_INLINE_RE = re.compile(rf"(?:^|[\s:>(\]])(?P<name>{_NAME}): (?P<msg>\S.*)$")
# Jupyter's header line: "OSError                                   Traceback (most recent call last)"
_JUPYTER_HEAD_RE = re.compile(rf"^(?P<name>{_NAME})\s{{2,}}Traceback \(most recent call last\)")
_TRACE_MARKERS = (
    "The above exception was the direct cause of the following exception:",
    "During handling of the above exception, another exception occurred:",
    "Traceback (most recent call last):",
)
_FRAME_START = ('File "', "File '", "File ~", "File /", "File <", "Cell In[", "----> ", "--> ")
_TYPOGRAPHIC_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
#: Full-width punctuation, as a message retyped with a Chinese or Japanese input method has it ("KeyError：'qwen2'").
_FULL_WIDTH_PUNCTUATION = str.maketrans({"\uff1a": ": ", "\uff08": "(", "\uff09": ")", "\uff0c": ", ", "\uff1b": "; ",
                                         "\uff07": "'", "\uff02": '"'})
_MAX_LINE = 20_000  # a single line longer than this (minified JSON, base64) is cut for parsing


def clean_text(raw: str, *, unwrap_hard: bool = True) -> str:
    """Strip ANSI colours, CRs, HTML entities, log prefixes and box drawing so lines read as Python printed them.

    ``unwrap_hard=False`` leaves lines of a paste that looks cut at a fixed width as they are (see _unwrap_hard)."""
    text = _ANSI_RE.sub("", raw) if "\x1b" in raw else raw
    if "[0m" in text or "[1m" in text or "[31m" in text:
        text = _BARE_ANSI_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text and ("&#" in text or "&quot;" in text or "&lt;" in text or "&gt;" in text or "&amp;" in text):
        text = html.unescape(text)
    stripped = text.strip()
    if stripped[:1] in "{[" and stripped[-1:] in "}]":
        # A structured log line or an API error body ({"level": "error", "msg": "Traceback ...\\n..."}): its strings,
        # each on its own lines, so a message ends its line as Python printed it
        strings = _json_strings(stripped)
        # ... less a record's level ("level": "error"), which is no line of the message: a message read as the whole
        # text ("RecursionError: maximum recursion depth exceeded" alone) stays whole
        strings = [value for value in strings if value.strip().lower() not in _LOG_LEVELS] or strings
        if strings:
            text = "\n".join(strings)
    if "\n" not in text.strip() and text.count("\\n") >= 2:
        # A traceback that went through JSON or a log shipper: "...\\nOSError: ..."
        text = _json_string_body(text.strip())
    elif "\n" not in text.strip() and "\\" in text and _JSON_ESCAPES_RE.search(text):
        # A one-line message that went through JSON: escaped quotes or \\u escapes ('in \\"weight\\" (which has
        # shape', '\\u201cHalf\\u201d'); read only when the whole line decodes as a JSON string
        text = _json_string_strict(text.strip()) or text
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    if "\u2018" in text or "\u2019" in text or "\u201c" in text or "\u201d" in text:
        # A paste that went through a forum, a word processor or a chat app: typographic quotes for Python's
        # ' and " ("Can’t load tokenizer for ‘org/name’").
        text = text.translate(_TYPOGRAPHIC_QUOTES)
    lines = text.split("\n")
    if "```" in text or "~~~" in text:
        # a Markdown code block's fences: lines of their own, not the text's first or last line
        lines = [line for line in lines if not _FENCE_RE.match(line)]
    if ">" in text:
        lines = _unquoted(lines)
    lines = _dedented(lines)
    if 'File "' in text:
        lines = _unflattened(lines)
    cleaned_lines = [_clean_line(line) for line in lines]
    if unwrap_hard:
        # each line measured as it was cut: a log prefix counts, a rich box's frame does not (every framed line has
        # the box's width)
        widths = [len(clean) if line.rstrip().endswith(("│", "┃")) or line.lstrip()[:1] in _BOX_CHARS else len(line)
                  for line, clean in zip(lines, cleaned_lines, strict=True)]
        records = [clean != line for line, clean in zip(lines, cleaned_lines, strict=True)]
        soft = _soft_breaks(cleaned_lines, widths, records)
        cleaned = _join_soft(cleaned_lines, widths, soft) if soft else _unwrap_hard(cleaned_lines, widths, records)
    else:
        cleaned = "\n".join(cleaned_lines)
    if "such file or directory:" in cleaned:
        # A soft wrap (a mail client, a forum's editor) that broke OSError's message before its quoted path: Python
        # prints "[Errno 2] No such file or directory: '<path>'" on one line
        cleaned = _ERRNO_PATH_BREAK_RE.sub(r"\1 \2", cleaned)
    if any(mark in cleaned for mark in "\uff1a\uff08\uff09\uff0c\uff1b\uff07\uff02"):
        # after the rejoining above, which measures the lines as they were cut
        cleaned = cleaned.translate(_FULL_WIDTH_PUNCTUATION)
    return cleaned


#: OSError's "No such file or directory:" at a line's end, its quoted path starting the next line.
_ERRNO_PATH_BREAK_RE = re.compile(r"(\[Errno \d+\] No such file or directory:)[ \t]*\n[ \t]*(['\"])")
#: A Markdown code fence: ```, ```python, ~~~ on a line of its own.
_FENCE_RE = re.compile(r"^\s*(?:`{3,}|~{3,})[\w+#.\-]*\s*$")
#: A Markdown quote's markers ("> ", "> > "): a reply on an issue quoting the error it answers.
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>[ \t]?)+")


def _unquoted(lines: list[str]) -> list[str]:
    """The lines without their Markdown quote markers, when the paste is a quote: most of its lines start with ">".

    Python prints no line starting with ">" except a doctest's ">>>", which stays as it is."""
    filled = [line for line in lines if line.strip()]
    quoted = [line for line in filled if line.lstrip().startswith(">") and not line.lstrip().startswith(">>>")]
    if not quoted or len(quoted) * 2 < len(filled):
        return lines
    return [line if line.lstrip().startswith(">>>") else _QUOTE_RE.sub("", line, count=1) for line in lines]


def _dedented(lines: list[str]) -> list[str]:
    """The lines without the indent they all share: a paste indented as a Markdown code block or a quoted log.

    Python starts a traceback's first line and its exception lines at column 0, so a shared indent was added after.
    (textwrap.dedent would do it on one string; the lines are kept apart here for the width measure that follows.)"""
    filled = [line for line in lines if line.strip()]
    if not filled or not filled[0][:1].isspace():
        return lines
    indent = filled[0][: len(filled[0]) - len(filled[0].lstrip())]
    for line in filled[1:]:
        while indent and not line.startswith(indent):
            indent = indent[:-1]
        if not indent:
            return lines
    return [line[len(indent):] if line.strip() else line for line in lines]


#: A traceback frame's header inside a line: ``File "/x.py", line 12, in load``.
_FRAME_HEADER_RE = re.compile(r'File "[^"\n]{1,400}", line \d{1,6}(?:, in [\w<>.]{1,80})?')
#: An exception's (dotted) class name as Python prints it at a line's start: "OSError", "requests.exceptions.HTTPError".
_EXCEPTION_NAME = r"(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt)"
#: Where a traceback whose line breaks were lost (a page's text, a chat, a one-line log field) had them: before a
#: frame, a chain marker or an exception's name and colon; after a frame's header (its code follows); Python 3.11's
#: carets under a code line dropped.
_COLLAPSED_BREAK_RE = re.compile(
    r'\s(?=Traceback \(most recent call last\):|File "[^"\n]{1,400}", line \d'
    r"|The above exception was the direct cause|During handling of the above exception"
    rf"|{_EXCEPTION_NAME}: )")
_COLLAPSED_CARETS_RE = re.compile(r"\s[~^]{3,}(?=\s|$)")


def _unflattened(lines: list[str]) -> list[str]:
    """Each line that holds a whole traceback (two frames or more on it) split where Python printed line breaks."""
    out: list[str] = []
    for line in lines:
        if len(line) < 200 or len(_FRAME_HEADER_RE.findall(line[:_MAX_LINE], 0)) < 2:
            out.append(line)
            continue
        line = _COLLAPSED_CARETS_RE.sub("", line[:_MAX_LINE])
        line = _FRAME_HEADER_RE.sub(lambda m: "\n  " + m.group(0) + "\n    ", line)
        after_frame = False
        for part in _COLLAPSED_BREAK_RE.split(line):
            for piece in part.split("\n"):
                piece = piece.strip()
                if piece:
                    frame = piece.startswith('File "')
                    out.append(("  " if frame else "    " if after_frame else "") + piece)
                    after_frame = frame
    return out


#: Escapes only a JSON string holds: a quoted word with its quotes escaped, or a \\u code point.
_JSON_ESCAPES_RE = re.compile(r'\\"[^"\n]{1,200}\\"|\\u[0-9a-fA-F]{4}')


def _json_string_strict(text: str) -> str | None:
    """The text a JSON string body encodes, or None when it is not one (a Windows path's backslashes)."""
    body = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text
    try:
        decoded = json.loads(f'"{body}"')
    except ValueError:
        return None
    return decoded if isinstance(decoded, str) else None


def _json_string_body(text: str) -> str:
    """A JSON string's body ("...\\n  File \\"x.py\\"...\\tsize mismatch ...\\u00e9") as the text it encodes; a body
    that is not valid JSON has only its line breaks and quotes read (a log shipper's own escaping)."""
    decoded = _json_string_strict(text)
    if decoded is None:
        return text.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"')
    return decoded


def _unwrap_hard(lines: list[str], widths: list[int], records: list[bool]) -> str:
    """Rejoin a paste hard-wrapped at a fixed width (a terminal or a viewer that cuts lines, words and URLs at
    80 or 120 columns): a line of exactly that width continues on the next line, without a space.

    ``widths`` are the lines' lengths as they were cut, before their log prefixes were removed (a timestamp counts
    in the terminal's 80 columns); a line that had a prefix of its own (``records``) starts a log record and
    continues no cut line. Only when the text looks wrapped: at least two different lines of the same
    maximal width (>= 60), and most lines close to it. A traceback as Python printed it has lines of every length
    and is left alone.
    """
    if len(lines) < 2:
        return "\n".join(lines)
    width = max(widths)
    if width < 60 or width > 400:
        return "\n".join(lines)
    full = {line for line, cut in zip(lines, widths, strict=True) if cut == width}
    filled = [cut for line, cut in zip(lines, widths, strict=True) if line.strip()]
    if len(lines) >= 3 and len(full) >= 2 and sum(cut >= width - 20 for cut in filled) * 2 >= len(filled):
        return _join_full_lines(lines, widths, records, width, lambda _next: True)
    # A short paste (one message cut once or twice) has too few lines to show the width: join only at a terminal's
    # usual width, and only where the next line goes on mid-word or mid-URL (it starts lower-case, with a digit or a
    # path character), which neither a traceback's next line nor a library's own line break does.
    if width in _TERMINAL_WIDTHS:
        return _join_full_lines(lines, widths, records, width, _MID_WORD_CONTINUATION.match)
    return "\n".join(lines)


#: A line Python or a logger starts on its own, never the rest of a wrapped one: a traceback's first line, a frame, a
#: chain marker, an exception's name (and a Markdown list's or table's mark).
_OWN_LINE_START_RE = re.compile(
    r'Traceback \(most recent call last\)|File "|During handling of the above|The above exception'
    rf"|{_EXCEPTION_NAME}\b|[-*+|#>] ")


def _soft_breaks(lines: list[str], widths: list[int], records: list[bool]) -> list[bool] | None:
    """Where a paste soft-wrapped by words (a log viewer, a mail client, a narrow chat window) broke a line only because
    its next word did not fit: one flag per line after the first, or None when the text does not look wrapped so.

    A wrapped line's next word is longer than the room left on it (its width as cut + 1 + the word's > the widest),
    and a wrapper starts the rest at column 0 (a traceback's own next line is indented, or starts with a frame, an
    exception's name or a chain marker). The text looks wrapped with at least two such breaks, a fifth of its lines
    or more, most of them on lines shorter than the widest (a terminal's hard cut leaves every cut line at its width:
    see _unwrap_hard), and its widest line 40 to 160 characters (a traceback as Python printed it has longer lines).
    """
    filled = sum(1 for line in lines if line.strip())
    if filled < 3:
        return None
    width = max(widths)
    if not 40 <= width <= 160:
        return None
    breaks = [
        bool(line.strip()) and bool(nxt.strip()) and not nxt[:1].isspace() and not record
        and not _OWN_LINE_START_RE.match(nxt) and cut + 1 + len(_first_word(nxt)) > width
        for line, cut, nxt, record in zip(lines, widths, lines[1:], records[1:], strict=False)]
    count = sum(breaks)
    at_width = [(line, nxt) for line, cut, nxt, brk in zip(lines, widths, lines[1:], breaks, strict=False)
                if brk and cut == width]
    # A word longer than the width (a URL, a path) that the wrapper cut at the width is what a word wrapper does too,
    # at a width no terminal cuts at: such lines are left out of the count when no line at the width cut a shorter
    # word (a hard cut falls inside words of every length; at 80, 100 or 120 columns see _unwrap_hard)
    if at_width and width not in _TERMINAL_WIDTHS and all(_cuts_long_word(line, nxt, width) for line, nxt in at_width):
        at_width = []
    if count < 2 or count * 5 < filled or len(at_width) * 2 > count or (count == 2 and at_width):
        return None
    return breaks


def _first_word(line: str) -> str:
    return line.split(None, 1)[0]


def _cuts_long_word(line: str, nxt: str, width: int) -> bool:
    """Whether the word that ends ``line`` and the one that starts ``nxt`` make a word longer than the width: one a
    word wrapper could only have cut (a URL, a path), not a break between two words."""
    return len(line.rsplit(None, 1)[-1]) + len(_first_word(nxt)) > width


#: Two characters a long word (a URL, a path, a dotted name) can hold side by side where a wrapper cut it (a line
#: that starts with a full stop or a closing bracket goes on from a cut word too: a wrapper breaks only at spaces).
_WORD_JUNCTION_RE = re.compile(r"[\w/.\-%=&?#:~+]{2}")


def _join_soft(lines: list[str], widths: list[int], breaks: list[bool]) -> str:
    """The lines with each soft break rejoined by a space; a word longer than the width (a URL, a path) that the
    wrapper cut at the width goes on without one."""
    width = max(widths)
    out = [lines[0]]
    for before, cut, line, joined in zip(lines, widths, lines[1:], breaks, strict=False):
        if not joined:
            out.append(line)
            continue
        cut_word = cut == width and (line[0] in ".,;:)]}!?" or (
            _cuts_long_word(before, line, width) and _WORD_JUNCTION_RE.match(before[-1] + line[0]) is not None))
        out[-1] = out[-1].rstrip() + ("" if cut_word else " ") + line
    return "\n".join(out)


#: The widths terminals and log viewers cut pasted lines at.
_TERMINAL_WIDTHS = frozenset({80, 100, 120})
#: A line that goes on from a cut one: it starts mid-word or mid-path, or with the quote that closes the word the cut
#: line ended in ("... from 'diffusers" + "' (/usr/lib/...)"), or with the one space the cut fell before ("... keyword
#: argument" + " 'text_encoder_2'"; a traceback's own lines are indented by two or more), or inside a CamelCase name
#: ("model_proto->Parse" + "FromArray(": a capitalised word run straight into another capital, a bracket or a dot,
#: which no sentence a library starts on a line of its own does).
_MID_WORD_CONTINUATION = re.compile(r"[a-z0-9_/.\-]|['\"](?:[\s.,:;)\]]|$)| (?=\S)|[A-Z][a-z0-9]+[A-Z(.]")


def _join_full_lines(lines: list[str], widths: list[int], records: list[bool], width: int,
                     continues_with: Callable[[str], object]) -> str:
    """Each line cut at exactly ``width`` characters joined, without a space, to the next when ``continues_with`` it."""
    out: list[str] = []
    continues = False
    for line, cut, record in zip(lines, widths, records, strict=True):
        if continues and not record and continues_with(line):
            out[-1] += line
        else:
            out.append(line)
        continues = cut == width
    return "\n".join(out)


# Python's json messages that a complete file written wrong gives, and a download cut short does not: a comma before
# '}' or a name in single quotes ("Expecting property name enclosed in double quotes"), two documents in one file
# ("Extra data"), a raw newline or tab inside a string, a lone backslash, a name without its colon
_JSON_SYNTAX_RE = re.compile(
    r"Expecting property name enclosed in double quotes|Extra data: line \d|Invalid control character at"
    r"|Invalid \\escape|Expecting ':' delimiter")
# nothing of JSON at the first byte: an empty file, a Git LFS pointer ("version https://..."), an HTML page
_JSON_NOT_JSON_RE = re.compile(r"Expecting value: line 1 column 1 \(char 0\)")


def _json_error_kind(flat: str) -> str | None:
    """What the decoder's own words say of the broken JSON: "syntax" (written wrong), "not_json" (no JSON at all)."""
    if _JSON_SYNTAX_RE.search(flat):
        return "syntax"
    if _JSON_NOT_JSON_RE.search(flat):
        return "not_json"
    return None


#: The values a structured log record's level field takes (Python logging, loguru, structlog, pino's names)
_LOG_LEVELS = frozenset({"critical", "fatal", "error", "err", "warning", "warn", "info", "debug", "trace"})


def _json_strings(text: str) -> list[str]:
    """The string values of a JSON document, depth-first, bounded; [] when the text is not JSON."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    out: list[str] = []
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack and len(out) < 200:
        value, depth = stack.pop()
        if isinstance(value, str):
            out.append(value)
        elif depth < 8 and isinstance(value, dict):
            stack.extend((v, depth + 1) for v in reversed(list(value.values())))
        elif depth < 8 and isinstance(value, list):
            stack.extend((v, depth + 1) for v in reversed(value))
    return out


def _clean_line(line: str) -> str:
    stripped = line.lstrip()
    if not stripped:
        return ""
    if stripped[0] in _BOX_CHARS or line.endswith(("│", "┃")):
        if _is_box_line(line):
            return ""
        line = _strip_box(line)
        stripped = line.lstrip()
        if not stripped:
            return ""
    changed = False
    for _ in range(4):  # prefixes stack: "[rank0]: 2024-01-01 12:00:00 ERROR ..."
        match = _PREFIX_RE.match(stripped)
        if not match or match.end() == 0:
            break
        rest = stripped[match.end():]
        if not rest.strip():
            break
        stripped, changed = rest, True
    return line[: len(line) - len(line.lstrip())] + stripped if changed else line


def _ends_message(stripped: str) -> bool:
    """True if this (non-blank, stripped) line starts something else than the message before it."""
    return (
        stripped in _TRACE_MARKERS
        or stripped.startswith(_FRAME_START)
        or bool(_EXC_LINE_RE.match(stripped[:_MAX_LINE]))
        or bool(_JUPYTER_HEAD_RE.match(stripped))
    )


def parse_exceptions(text: str) -> list[tuple[str, str]]:
    """(type, message) pairs, outermost (last printed) first, as Python prints chained tracebacks."""
    found: list[tuple[str, str]] = []
    lines = text.split("\n")
    i = 0
    n = len(lines)
    while i < n:
        stripped = lines[i].strip()[:_MAX_LINE]
        if not stripped or stripped in _TRACE_MARKERS or stripped.startswith(_FRAME_START):
            i += 1
            continue
        match = _EXC_LINE_RE.match(stripped)
        head = None if match else _JUPYTER_HEAD_RE.match(stripped)
        if head:
            i += 1  # the same exception is printed again, with its message, at the end
            continue
        inline = None
        if not match and ": " in stripped and not stripped.startswith(("raise ", "return ", "#")):
            inline = _EXC_INLINE_RE.search(stripped)
        elif not match and stripped.startswith("raise ") and ": " in stripped:
            inline = _EXC_INLINE_RE.search(stripped, 6)
            if inline and inline.start() < 7:  # "raise ValueError: x" is code, not output
                inline = None
        current = match or inline
        if current and not stripped.startswith(("File ", "return ")) and not (
            match and stripped.startswith("raise ")
        ):
            msg_lines = [current.group("msg") or ""]
            j = i + 1
            # A message continues until a traceback marker, a frame or the next exception. Blank lines
            # inside it are kept (huggingface_hub's messages have paragraphs) unless what follows ends it.
            while j < n:
                nstrip = lines[j].strip()
                if not nstrip:
                    k = j + 1
                    while k < n and not lines[k].strip():
                        k += 1
                    if k >= n or _ends_message(lines[k].strip()):
                        break
                    msg_lines.append("")
                    j = k
                    continue
                if _ends_message(nstrip):
                    break
                msg_lines.append(nstrip)
                j += 1
            found.append((current.group("name"), "\n".join(msg_lines).strip()))
            i = j
            continue
        i += 1
    found.reverse()  # Python prints the innermost cause first; the chain is outermost first
    return found


# ---- structure: the values a failure's text names (``failure.*`` in rules) ------------------------------------
#
# Every pattern below starts with a literal and bounds its gaps, so the whole pass stays linear in the text
# (tests/reliability/test_hostile_text.py runs it on 200 kB hostile inputs). Values are cut to _MAX_VALUE.

_MAX_VALUE = 200
_ID = r"[A-Za-z0-9][\w.\-]{0,95}(?:/[A-Za-z0-9][\w.\-]{0,95})?"
_HTTP_STATUS_RES = gated(
    sentence_re(r"\b([1-5]\d\d) (?:Client|Server) Error"),
    sentence_re(r"HTTP [Ee]rror ([1-5]\d\d)"),
    sentence_re(r"[Ss]tatus(?: code)?[:= ]{1,3}([1-5]\d\d)\b"),
    sentence_re(r"<Response \[([1-5]\d\d)\]>"),
    sentence_re(r"(?:Client|Server) error '([1-5]\d\d) "),
    sentence_re(r"\bStatus\(([1-5]\d\d)\b"),
    # Rust reqwest (TEI, candle): "HTTP status client error (404 Not Found) for url (...)"
    sentence_re(r"HTTP status (?:client|server) error \(([1-5]\d\d)\b"),
    # The patterns above win when they match (the loop stops at the first pattern that does); the ones below are
    # other clients' words. aiohttp: "ClientResponseError: 404, message='Not Found', url=URL('...')"; git and curl:
    # "The requested URL returned error: 403"; llama.cpp: "invalid http status code received: 404"
    sentence_re(r"ClientResponseError: ([1-5]\d\d), message="),
    sentence_re(r"requested URL returned error: ([1-5]\d\d)\b"),
    # ollama relays the registry's (or the Hub's) answer: "Error: pull model manifest: 401: {...}"
    sentence_re(r"pull model manifest: ([1-5]\d\d):"),
    sentence_re(r"[Ss]tatus(?: code)? (?:received|returned|was|of)[:= ]{1,3}([1-5]\d\d)\b"),
    # Phrasings that could also hold a process's exit code ("failed with code 127") are read for 4xx/5xx only, which
    # no exit code (0-255) reaches: "Downloading from <url> failed with code 404!", wget's "ERROR 404: Not Found.",
    # a raw status line "HTTP/1.1 403 Forbidden", "Server returned HTTP 401", a bare "404 Not Found"
    # urllib3's Retry giving up on a status it retries: "Caused by ResponseError('too many 500 error responses')"
    sentence_re(r"too many ([45]\d\d) error responses"),
    sentence_re(r"failed with (?:status |HTTP |error |response )?code:? ([45]\d\d)\b"),
    sentence_re(r"\bERROR ([45]\d\d): "),
    # a downloader's own line naming the URL, then the status it got: exo's "Failed to download config.json from
    # https://huggingface.co/x/y/resolve/main/config.json: 401"
    sentence_re(r"https?://[^\s'\"<>]{1,400}: ([45]\d\d)(?=$|\s|[.,;)])"),
    sentence_re(r"\bHTTP(?:/[12](?:\.[01])?)? ([45]\d\d)\b"),
    # (a browser console's "GET https://... 404 (Not Found)" puts the phrase in parentheses)
    sentence_re(r"\b([45]\d\d),? \(?(?:Not Found|Unauthorized|Forbidden|Too Many Requests|Bad Gateway|"
               r"Service Unavailable|Gateway Time-?out|Internal Server Error)\b"),
    # clients in other languages: Julia's HTTP.jl "HTTP.Exceptions.StatusError(401, \"GET\", ...)", R's download.file
    # "cannot open URL '...': HTTP status was '404 Not Found'", Ruby's "Net::HTTPClientException: 416 \"Range Not
    # Satisfiable\""
    sentence_re(r"StatusError\(([1-5]\d\d),"),
    sentence_re(r"HTTP status was '([1-5]\d\d)\b"),
    sentence_re(r"HTTP\w{0,40}Exception: ([45]\d\d) \""),
    # a person's words about the answer a URL gave: "the url (https://...) shows 404", "we get nothing but 404"
    sentence_re(r"\b(?:returns?|returned|shows?|showed|gets?|got|gives?|gave|throws?|threw|answers?|answered)"
               r"(?: me| us)?(?: (?:a|an|only|nothing but|back|error|status|code|HTTP)){0,3} ([45]\d\d)"
               # ... the number ending the sentence or named as a status, never a count ("got 500 images")
               r"(?=[.,;:!)\n]|$| (?:error|status|code|Not Found|Unauthorized|Forbidden)\b)"),
)
#: requests' "404 Client Error: Not Found for url: ..." with its status cut off (a paste that keeps the reason phrase
#: alone); huggingface_hub's own "Repository Not Found for url" / "Entry Not Found for url" are not this sentence
_BARE_NOT_FOUND_RE = sentence_re(r"(?m)(?:^|: )Not Found for url: https?://")
#: transformers.js (and the ports of its hub.js) name a status by a fixed phrase, never its number:
#: ``Error(`${ERROR_MAPPING[status]}: "${remoteURL}".`)``, e.g. 'Unauthorized access to file: "https://huggingface.co/x/
#: resolve/main/config.json".' (401), with 'Error (429) occurred while trying to load file' for any other status.
_JS_STATUS_PHRASES = {
    "Bad request error occurred while trying to load file": 400, "Unauthorized access to file": 401,
    "Forbidden access to file": 403, "Could not locate file": 404,
    "Request timeout error occurred while trying to load file": 408,
    "Internal server error error occurred while trying to load file": 500,
    "Bad gateway error occurred while trying to load file": 502,
    "Service unavailable error occurred while trying to load file": 503,
    "Gateway timeout error occurred while trying to load file": 504,
}
_JS_STATUS_RE = sentence_re(
    "(" + "|".join(re.escape(phrase) for phrase in _JS_STATUS_PHRASES)
    + r"|Error \(([1-5]\d\d)\) occurred while trying to load file)" + r': "https?://')
#: The host of the first http(s) URL after an HTTP error: a mirror or another server is not the Hub.
_URL_HOST_RE = sentence_re(r"https?://([\w.\-]{1,100})(?::\d{1,5})?(/[^\s'\"<>)\]]{0,300})?")
_RESOLVE_RE = sentence_re(
    rf"https?://[\w.\-:]{{1,100}}/(?:(?:datasets|spaces|models)/)?({_ID})//?(?:resolve|blob|raw)/([^/\s'\"]{{1,100}})/"
    r"([^\s'\"?#)>\]]{1,200})")
# transformers' "<id> does not appear to have a file named X. Checkout 'https://huggingface.co/<id>/[tree/]<rev>'":
# 4.x prints the revision it was given, "None" by default, when it looked into a local folder, and "main" or the
# asked-for revision when the Hub answered that the file is not in the repo (5.x reads a local folder without
# config.json as "Unrecognized model in ...", so there the sentence always comes from the Hub)
_CHECKOUT_RE = sentence_re(r"Checkout\s{1,3}'?https?://[^/\s']+/\S+?/(?:tree/)?([^/\s']{1,100})'?\s{1,3}for\s{1,3}available")
#: diffusers' (and transformers' before 4.22) local-folder branch: "Error no file named X found in directory D".
#: (Its Hub branch says "<id> does not appear to have a file named X." without a link, but people also cut
#: transformers' sentence before its link, so that form tells nothing.)
_NO_FILE_IN_DIRECTORY_RE = sentence_re(r"o file named .{1,300}? found in directory")


def _missing_file_source(text: str) -> str | None:
    """Where the library looked for the file it names missing: ``hub`` (the Hub answered that the repo lacks it) or
    ``folder`` (it read a local folder), from the sentence's form; None when the text cannot tell."""
    checkout = _CHECKOUT_RE.search(text) if "Checkout" in text else None
    if checkout:  # transformers 4.x: "None" when it read a folder, the branch or commit the Hub was asked for
        return "folder" if checkout.group(1) == "None" else "hub"
    if _NO_FILE_IN_DIRECTORY_RE.search(text):
        return "folder"
    return None


#: huggingface_hub's validator quoting the id it refused: "Repo id must be in the form 'repo_name' or
#: 'namespace/repo_name': 'x/y/z'", "... max length is 96: 'x'", "Incorrect path_or_model_id: 'x'"
_INVALID_ID_RE = sentence_re(r"(?:Repo id must (?:be in the form|use alphanumeric)[^:\n]{0,200}|max length is 96"
                             r"|Incorrect path_or_model_id): '([^'\n]{1,300})'")
#: An id given as a Hub page's address or path: "https://huggingface.co/org/name/blob/main/x.safetensors",
#: "org/name/resolve/main/x", "org/name/tree/v1"
_HUB_WEB_PATH_RE = re.compile(r"(?:https?://(?:huggingface\.co|hf\.co)/)?(?:models/)?([A-Za-z0-9][\w.\-]{0,95}/"
                              r"[A-Za-z0-9][\w.\-]{0,95})/(?:blob|resolve|tree|raw)/([^/\s'\"]{1,100})(?:/(\S{1,300}?))?/?")
#: The parts of a Hub URL around the id: the API's prefix, and "/resolve/<rev>/<file>" or "/revision/<rev>" after it
_URL_PASSED_PATH_RE = re.compile(r"^/api/(?:models|datasets|spaces)(?=/)|/(?:resolve|blob|raw|revision|tree)/.*$")
_API_RE = sentence_re(rf"/api/(?:models|datasets|spaces)/({_ID})(?:/(?:revision|tree)/([^/\s'\"?#)>]{{1,100}}))?")
#: ... where the id is a single name (a legacy id, or a file name passed as one): "/api/models/x.bin/revision/main"
_API_NAME_RE = sentence_re(r"/api/(?:models|datasets|spaces)/([A-Za-z0-9][\w.\-]{0,95})/(?:revision|tree)/"
                           r"([^/\s'\"?#)>]{1,100})")
_QUOTED_ID_RES = gated(
    sentence_re(r"ncountered error while trying to load (?:tokenizer|model|the model|config)\w{0,10}"
               r" from '([^'\n]{1,300})'"),
    sentence_re(r"(?:^|[\s:(])'([^'\n]{1,300})' is not a local folder"),
    sentence_re(r"(?:^|[\s:(])([^\s'\"]{1,300}) is not a local folder and is not a valid model identifier"),
    sentence_re(r"Can't load (?:the )?[\w ]{1,40} for '([^'\n]{1,300})'"),
    # the same message's last line, when a paste keeps only it: "Otherwise, make sure './out' is the correct path to a
    # directory containing all relevant files for a T5TokenizerFast tokenizer."
    sentence_re(r"make sure '([^'\n]{1,300})' is the correct path to a directory containing all relevant files"),
    # the Auto classes' "Unrecognized model in ./x. Should have a `model_type` key" (and the processor classes' alike)
    sentence_re(r"Unrecognized (?:model|feature extractor|image processor|video processor|processor|processing class) "
               r"in ([^\s'\"]{1,300}?)\.?(?:\s|$)"),
    sentence_re(r"Could not locate [\w.\-]{1,80} inside ([^\s'\"]{1,300})\.?"),
    sentence_re(r"it looks like ([^\s'\"]{1,300}) is not the path"),
    sentence_re(r"(?:^|\s)([^\s'\"]{1,300}) is not the path to a directory containing"),
    sentence_re(r"Couldn't reach server at '([^'\n]{1,300})'"),
    sentence_re(r"Can't find '?[\w.]{1,60}\.json'? at '([^'\n]{1,300})'"),
    sentence_re(r"Repo id must (?:be in the form|use alphanumeric)[^:\n]{0,200}: '([^'\n]{1,300})'"),
    sentence_re(r"(?:^|\s)([^\s'\"]{1,300}) does not appear to have (?:a file|files) named"),
    sentence_re(r"found in\s{1,3}directory\s{0,3}([^\s'\"]{1,300})"),
    sentence_re(r"oad weights from (?:pytorch )?checkpoint file for '([^'\n]{1,300})'"),
    sentence_re(r"pretrained_model_name_or_path [\"']([^\"'\n]{1,300})[\"'] is"),
    sentence_re(r"from_pretrained\(\s{0,20}[rf]?[\"']([^\"'\n]{1,300})[\"']"),
    # transformers 2.x/3.x cached_path on a local path: "OSError: file ../models/x/config.json not found"
    # (not a verb where the path was: transformers.js' "and file was not found locally at ./models/...")
    sentence_re(r"(?:^|\s)file (?!(?:was|is|has|had|could|cannot|can't|does|did)\s)([^\s'\"{}]{1,300}) not found"),
    # the Hub references of GGUF runners, in their commands and logs: ollama's "ollama run hf.co/org/name:Q4_K_M",
    # llama.cpp's "llama-server -hf org/name:Q4_K_M" (the tag after the colon picks a file, it is not part of the id)
    # (not the site's own pages: hf.co/settings/tokens, hf.co/docs/...)
    sentence_re(r"(?:^|[\s'\"])hf\.co/(?!(?:settings|docs|spaces|datasets|api|join|login|models|blog|pricing|"
               r"organizations|new|papers|learn|tasks)/)([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95})"
               r"(?=[:\s'\"]|$)"),
    # the tokenizers library's own from_pretrained: 'Exception: Model "t5-base" on the Hub doesn't have a tokenizer'
    sentence_re(r"[Mm]odel \"([^\"\n]{1,300})\" on the Hub doesn't have a tokenizer"),
    sentence_re(r"(?:^|\s)-hfr? ([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95})(?=[:\s'\"]|$)"),
    # an id the Hub did not give, in a tool's own sentence ("Model org/name cannot be found in HuggingFace
    # repositories") or a person's words ("a message saying that meta-llama/Llama-2-70b cannot be found"); only a
    # space, a bracket or a quote before the id ("./models/x can't be found" is a folder)
    sentence_re(r"(?:^|(?<=[\s(`'\"]))([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95})[`'\"]? "
               r"(?:cannot|could not|couldn't|can't) be found"),
    # a runtime's own fetcher (aprender): "artifact not found: huggingface 'google/gemma-3-1b-it' version main"
    sentence_re(r"not found: huggingface '([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95})'"),
)
#: The files save_pretrained writes into a model folder (a path ending in one names the folder, never a repo)
_SAVED_FILE_NAME_RE = sentence_re(r"(?:pytorch_model|model|tf_model|flax_model|diffusion_pytorch_model|adapter_model)"
                                  r"(?:-\d{5}-of-\d{5})?\.(?:bin|safetensors|h5|msgpack)(?:\.index\.json)?"
                                  r"|(?:config|generation_config|tokenizer|tokenizer_config|preprocessor_config)\.json")
_FILE_SUFFIX_RE = sentence_re(r"\.(?:bin|safetensors|pt|pth|ckpt|json|txt|model|h5|msgpack|gguf|index)$")
#: Formats a model's id or folder name announces that from_pretrained's weight lookup does not read as they are
#: (quantized or exported files, a training engine's shards): the files are there, for another loader.
_NAMED_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ONNX", re.compile(r"(?i)onnx")),
    ("GGUF", re.compile(r"(?i)gguf|ggml")),
    ("GPTQ", re.compile(r"(?i)gptq")),
    ("AWQ", re.compile(r"(?i)awq")),
    ("EXL2", re.compile(r"(?i)exl2")),
    ("MLX", re.compile(r"(?i)mlx")),
    ("CTranslate2", re.compile(r"(?i)(?:^|[\W_])ct2(?:$|[\W_])|ctranslate")),  # not "Cosmos-Predict2.5"
    ("DeepSpeed ZeRO", re.compile(r"(?i)deepspeed|zero[_-]?[23]|global_step")),
    ("quantized", re.compile(r"(?i)(?:^|[\W_])(?:int[48]|[48]-?bits?|q[2-8](?:_k)?(?:_[msl0-9])?)(?:$|[\W_])")),
)


def format_named(model_id: str) -> str | None:
    """The checkpoint format a model id or folder name announces ("TheBloke/x-GPTQ" -> "GPTQ"), if any."""
    return next((name for name, pattern in _NAMED_FORMATS if pattern.search(model_id)), None)


#: A path that ends at the cache's folder of a repo (or one of its bookkeeping folders), not at a snapshot.
_CACHE_FOLDER_RE = sentence_re(
    r"(?:^|[/\\])models--([A-Za-z0-9][\w.\-]{0,200}?)(?:[/\\](?:blobs|refs|snapshots))?[/\\]?$")
# A path inside the Hub cache names its repo: .../hub/models--org--name/snapshots/<commit>/file
_CACHE_REPO_RE = sentence_re(r"models--([A-Za-z0-9][\w.\-]{0,95}?)--([A-Za-z0-9][\w.\-]{0,95})[/\\]")
#: A quoted path inside a snapshot of the Hub cache, below its commit folder: '.../models--org--name/snapshots/<commit>/
#: models/MFR/unimernet' (code files excluded: a traceback frame is no path the load asked for)
_SNAPSHOT_SUBPATH_RE = sentence_re(r"['\"][^'\"\n]{0,300}?models--([A-Za-z0-9][\w.\-]{0,95}?)--"
                                  r"([A-Za-z0-9][\w.\-]{0,95})[/\\]snapshots[/\\][0-9a-f]{40}[/\\]([^'\"\n]{1,300}?)[/\\]?['\"]")
#: A model id that is a variable's name or a template's stand-in (model_name, your-model-id, path/to/model), not a model
_PLACEHOLDER_NAME_RE = sentence_re(
    r"(?i)(?:your[_\-]?(?:model|repo|checkpoint)(?:[_\-]?(?:name|id|path))?|"
    r"(?:base[_\-]?)?model[_\-]?(?:name|id|path|dir)(?:[_\-]?or[_\-]?path)?|repo[_\-]?(?:id|name)|"
    r"path[_\-]to[_\-](?:the[_\-])?(?:model|checkpoint|your[_\-]?model)|"
    # a config's value still to be filled in: LlamaTokenizer.from_pretrained('TBD') from "llm_path: TBD"
    r"tbd|todo|fixme|x{3,}|change[_\-]?me)")
_PLACEHOLDER_PATH_RE = sentence_re(r"(?i)(?:\.?/)?path/to/(?:the/|your/)?(?:model|checkpoint|your[_\-]?model)\w*/?")
_TEMPLATE_VALUE = sentence_re(r"\{[\w.\[\]'\"]{0,80}\}")
_FILE_RES = (
    sentence_re(r"does not appear to have (?:a file|files) named ([\w.\-/]{1,200}?)\.?(?:\s|$)"),
    sentence_re(r"No such file or directory:? '([^'\n]{1,300})'"),
    # sentencepiece: 'Not found: "x/tokenizer.model": No such file or directory Error #2'
    sentence_re(r'Not found: "([^"\n]{1,300})": No such file or directory'),
    # a path printed without quotes ("No such file or directory: whisper-tiny-zh/tokenizer.json"): a file's name ends it
    sentence_re(r"No such file or directory:? ([^\s'\"<>]{1,300}\.[A-Za-z]\w{0,11})(?=[\s.,;)]*$)"),
    sentence_re(r"Can't find '?([\w.\-]{1,100}\.(?:json|bin|safetensors|model|txt))'?"),
    sentence_re(r"[Ff]ile at '([^'\n]{1,300})' is not a"),
    sentence_re(r"[Uu]nable to open file <?([^\s<>]{1,300}?)>? in read-only mode"),
)
_JSON_FILE_RE = sentence_re(r"(adapter_config|generation_config|tokenizer_config|preprocessor_config|"
                           r"special_tokens_map|config|tokenizer|model\.safetensors\.index|"
                           r"pytorch_model\.bin\.index)\.json")
#: Traceback frames of the code that reads each JSON file (the last one printed is the reader that failed).
_JSON_READERS = (
    ("generation/configuration_utils.py", "generation_config.json"),
    ("generation\\configuration_utils.py", "generation_config.json"),
    ("transformers/configuration_utils.py", "config.json"),
    ("transformers\\configuration_utils.py", "config.json"),
    ("peft/config.py", "adapter_config.json"),
    ("peft/utils/config.py", "adapter_config.json"),
    ("peft\\config.py", "adapter_config.json"),
    ("image_processing_base.py", "preprocessor_config.json"),
    ("feature_extraction_utils.py", "preprocessor_config.json"),
    ("tokenization_utils", "tokenizer.json"),
)
_MODEL_TYPE_RES = gated(
    sentence_re(r"model(?: of)? type `([\w\-]{1,80})`"),
    # the same sentence where a page or a log lost the backticks: "has model type llava_mistral but Transformers"
    sentence_re(r"has model type ([\w\-]{1,80}) but Transformers"),
    # (not a code line's value: "model_type = find_model_type(name)", "model_type = self.config.model_type")
    sentence_re(r"model_type[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?!self\b|cls\b|None\b|config\b)([\w\-]{1,80})(?![\w\-(.\[])"),
    sentence_re(r"[Uu]nrecognized model in [^\n]{0,200}?model_type[^\n]{0,40}?'([\w\-]{1,80})'"),
    sentence_re(r"KeyError: '([\w\-]{1,80})'"),
    # transformers' own module of the type, looked up by a release without it: "KeyError: 'models.llama'"
    sentence_re(r"KeyError: 'models\.([a-z0-9_]{1,80})'"),
    # mlx-lm / mlx-vlm: "ValueError: Model type glm4v not supported."
    sentence_re(r"Model type ([\w\-]{1,80}) not supported"),
    # MLX Swift: 'unsupportedModelType("qwen2_5_vl")'
    sentence_re(r"unsupportedModelType\(\\?\"([\w\-]{1,80})\\?\"\)"),
)
#: a KeyError's key printed without its quotes ("KeyError: llava", a retyped title or a logger's str(e)): only a name
#: transformers' own tables know as a model type is read as one (advisor.failure)
_KEYERROR_BARE_RE = re.compile(r"KeyError: ([a-z][a-z0-9_\-]{1,60})[ \t.]*$", re.M)
#: a server's JSON error whose message is a KeyError's str() alone, the key in quotes (SageMaker's inference toolkit:
#: '"type": "InternalServerException", "message": "\u0027bloom\u0027"'): the key, read like a bare one
_JSON_MESSAGE_KEY_RE = re.compile(r"\"message\":\s*\"(?:\\u0027|')([a-z][a-z0-9_\-]{1,60})(?:\\u0027|')\"")
#: ... and that record as read (clean_text keeps its type and message, one per line): "InternalServerException\n'bloom'"
_TYPED_KEY_LINE_RE = re.compile(r"^\w*(?:Error|Exception)[ \t]*\n'([a-z][a-z0-9_\-]{1,60})'[ \t]*$", re.M)
_CONFIG_CLASS_RE = sentence_re(r"\b([A-Z]\w{0,80}Config)\b")
_ATTRIBUTE_RE = sentence_re(r"'(\w{1,80})' object has no attribute '(\w{0,80})")
#: the same retyped in an issue's title, the class's quotes dropped ("Qwen2TokenizerFast object has no attribute
#: 'tokenizer"): a class's CamelCase name, two capitals at least, not a sentence's "This object has no attribute ..."
_UNQUOTED_ATTRIBUTE_RE = sentence_re(r"(?<![\w'])((?=[A-Z]\w{0,78}[A-Z])(?=\w{0,79}[a-z])[A-Z]\w{0,79})"
                                     r" object has no attribute '?(\w{1,80})")
# (transformers' lazy module words it without quotes: "module transformers has no attribute CLIPImageProcessor")
_MODULE_ATTRIBUTE_RE = sentence_re(r"module '?([\w.]{1,80})'? has no attribute '?(\w{1,80})\b")
#: Folder names of a project's or a container's own layout ("models/", "ckpts/", Colab's "content/"): a Hub URL
#: whose "organisation" is one of them is a relative local path that reached the Hub, not an organisation's repo.
_LOCAL_FOLDER_NAMES = frozenset({
    "model", "models", "ckpt", "ckpts", "checkpoint", "checkpoints", "weights", "pretrained", "pretrained_models",
    "pretrained_weights", "deps", "data", "output", "outputs", "saved_models", "saved_model", "cache", "assets",
    "resources", "tmp", "mnt", "workspace", "content", "app", "home", "root", "output_dir", "runs", "results",
})


#: sentence-transformers' module folders inside a model folder ("0_Transformer", "1_Pooling", "0_CLIPModel"): a path
#: that ends in one is a local folder, never a Hub repo's name
_ST_MODULE_FOLDER_RE = sentence_re(r"\d{1,2}_[A-Z]\w{1,60}")


def _local_like(repo_id: str) -> bool:
    """The id's "organisation" is a folder of a project's own layout (``models/x``, ``ckpt/x``), or its name is a
    sentence-transformers module folder (``clip-ViT-B-32/0_CLIPModel``): a local path, not a Hub account's repo."""
    if "/" not in repo_id:
        return False
    owner, _, name = repo_id.partition("/")
    # the Trainer names its saves "checkpoint-<step>": a run's output folder, never a Hub repo
    return (owner.lower() in _LOCAL_FOLDER_NAMES or bool(_ST_MODULE_FOLDER_RE.fullmatch(name))
            or bool(re.fullmatch(r"checkpoint-\d+", name)))


_TYPE_ATTRIBUTE_RE = sentence_re(r"type object '(\w{1,80})' has no attribute '(\w{1,80})'")
_AUTO_CLASS_RE = sentence_re(r"\b(AutoModel\w{0,60}|AutoTokenizer|AutoConfig|AutoProcessor|AutoImageProcessor"
                            r"|AutoFeatureExtractor)\b")
_MODEL_CLASS_RE = sentence_re(r"Model type should be one of ([\w, ]{1,2000})")
#: The Auto mapping's own message names the class asked for after the fixed words "this kind of AutoModel:" (ports:
#: "... WhisperConfig for AutoModelForSeq2SeqLM"; the tokenizer's: "... to build an AutoTokenizer"), which another
#: Auto class named earlier in a traceback ("config = AutoConfig.from_pretrained(...)") is not
_UNMAPPED_AUTO_CLASS_RE = sentence_re(r"Unrecognized configuration class[^\n]{0,300}? (?:for (?:this kind of\s+"
                                      r"(?:TF|Flax)?AutoModel:\s*)?|to build an? )((?:TF|Flax)?Auto[A-Z]\w{0,60})")
#: ... and the config class right after "Unrecognized configuration class": "<class 'transformers...T5Config'>", a
#: bare "T5Config" (ports), or nothing where an issue page's markdown dropped the "<class ...>" as a tag.
_UNRECOGNIZED_CONFIG_RE = sentence_re(r"Unrecognized configuration class\s*(?:<class '[^'\n]{0,300}?\b(\w{1,80})'>"
                                      r"|(\w{0,80}Config)\b)?")


#: A class of a repo's own code: transformers imports it as a module under ``transformers_modules``
#: ("<class 'transformers_modules.chatglm-6b.configuration_chatglm.ChatGLMConfig'>").
_REMOTE_CLASS_RE = sentence_re(r"<class '[^'\n]{0,300}?\btransformers_modules\.[^'\n]{0,300}?\b(\w{1,80})'>")


def _config_class_named(text: str) -> str | None:
    """The config class the text is about. Where the Auto mapping's message is there, only the class it names (the
    names that follow it, "Model type should be one of BartConfig, ...", are the classes the mapping holds, and
    ``AutoConfig`` in a traceback's code line is no config class); elsewhere the first config class named, outside
    such a list."""
    hit = _UNRECOGNIZED_CONFIG_RE.search(text) if "Unrecognized configuration class" in text else None
    if hit:
        return hit.group(1) or hit.group(2)
    listed = _MODEL_CLASS_RE.search(text) if "should be one of" in text else None
    for found in _CONFIG_CLASS_RE.finditer(text):
        if (listed and listed.start() <= found.start() < listed.end()) or found.group(1).startswith("Auto"):
            continue  # AutoConfig (a traceback's code line) reads configs, it is none
        return found.group(1)
    return None
# the class name, also when a log viewer cut the sentence right after it
_ARCHITECTURES_RE = sentence_re(r"rchitectures? \[['\"](\w{1,120})['\"]")
#: A model class's family: "LlamaForSequenceClassification" -> "Llama", "QWenLMHeadModel" -> "QWen", "BertModel"
#: -> "Bert".
_ARCH_FAMILY_RE = sentence_re(r"([A-Z][A-Za-z0-9_]*?)(?:For[A-Z]\w*|LMHeadModel|Model)")
#: vLLM's list after "are not supported for now. Supported architectures: [...]"
_SUPPORTED_ARCHS_RE = sentence_re(r"[Ss]upported architectures:? ?(?:are:? )?[\[(]?([^\]\n)]{1,20000})")
#: transformers' warning when a config class reads a checkpoint's config.json of another model type (PretrainedConfig.
#: from_pretrained): "You are using a model of type llava_next to instantiate a model of type llava_llama."
_INSTANTIATED_TYPES_RE = sentence_re(
    r"You are using a model of type ([\w\-]{1,80}) to instantiate a model of type ([\w\-]{1,80})\.")
#: transformers 3.x asserted the same, the class's type first: "AssertionError: You tried to initiate a model of type
#: 'bert' with a pretrained model of type 'albert'"
_INITIATED_TYPES_RE = sentence_re(
    r"You tried to initiate a model of type '([\w\-]{1,80})' with a pretrained model of type '([\w\-]{1,80})'")
#: llama.cpp's "unknown model architecture: 'sd3'": the architecture a GGUF file declares (general.architecture)
_GGUF_ARCH_RE = sentence_re(r"nknown (?:model )?architecture:? '([\w.\-]{1,60})'")
#: A weight named alone in a KeyError ("KeyError: 'layers.0.attention.wk.weight'"): a name the loader's model lacks.
_KEYERROR_WEIGHT_RE = sentence_re(r"KeyError: '((?:[\w\-]{1,80}\.){1,12}(?:weight|bias|scale|scales|qweight))'")
# "Tokenizer class X does not exist or is not currently imported." (4.x), "... is not currently imported." (4.1x), and
# transformers 5: "Tokenizer class 'X' specified in the tokenizer config was not found."
_TOKENIZER_CLASS_RE = sentence_re(
    r"Tokenizer class '?(\w{1,80})'?(?: does| is not currently imported| specified in the tokenizer config| ?$)", re.M)
#: The dtype the caller's own code asks for, from a source line of the paste ("torch_dtype=torch.float16",
#: "dtype=torch.bfloat16", "model.half()"): what explain assumes as the load's dtype.
_CODE_DTYPE_RE = sentence_re(r"(?:torch_dtype|\bdtype)\s{0,3}=\s{0,3}[\"']?(?:torch\.)?"
                            r"(float16|bfloat16|float32|half|float|bf16|fp16|fp32)\b|(\.half\(\))")
#: Windows refusing the symlinks huggingface_hub's cache is made of: no symlink privilege (WinError 1314, its English
#: sentence, huggingface_hub's own "in order to create symlinks"), a link across a local and a network drive, or a mount
#: point the process may not traverse (os error 448). Moving the cache or freeing space does not help then. The rule
#: cache-not-writable matches on this field instead of repeating the sentences.
_SYMLINK_REFUSED_RE = Gated(sentence_re(
    r"WinError 1314\]|\(os error 1314\)|A required privilege is not held by the client|"
    r"in order to create symlinks|symlink[\s\S]{0,600}\[WinError 1\] Incorrect function|"
    r"untrusted mount point|"
    # in a person's words: "I do not have the right to make symbolic links on my machine"
    r"(?:no|not have the|don't have the|lack the|without the) (?:rights?|privileges?|permissions?) to (?:make|create) "
    r"(?:symbolic links|symlinks)|"
    # Windows prints the reason in the system's language ("[WinError 1] Función incorrecta: 'C:\\Users\\x\\.cache\\
    # huggingface\\hub\\...' -> '...'"): the error number and the cache path decide, not the words
    r"\[WinError 1\] [^:'\n]{1,60}: '[^'\n]{0,200}[\\/]\.cache[\\/]+huggingface",
    re.IGNORECASE))
#: The first byte a pickle reader met where a pickle opcode should be: torch's weights-only reader ("WeightsUnpickler
#: error: Unsupported operand 118") or pickle itself ("invalid load key, 'v'."). It says what the file is: 'v' (118)
#: starts a Git LFS pointer ("version https://git-lfs..."), '<' an HTML page saved as the file, a newline or a NUL a
#: text or zero-filled file (or a GGUF file); another byte is a file of another format, not a broken pickle.
_UNPICKLE_OPERAND_RE = sentence_re(r"Unsupported operand (\d{1,3})\b")
_UNPICKLE_KEY_RE = sentence_re(r"invalid load key, '(\\x[0-9a-fA-F]{2}|\\[nrt0]|[^'\\\n])'")
_KEY_ESCAPES = {"\\n": 10, "\\r": 13, "\\t": 9, "\\0": 0}


def _unpickle_byte(text: str) -> int | None:
    hit = _UNPICKLE_OPERAND_RE.search(text)
    if hit:
        value = int(hit.group(1))
        return value if value < 256 else None
    hit = _UNPICKLE_KEY_RE.search(text)
    if not hit:
        return None
    key = hit.group(1)
    if key.startswith("\\x"):
        return int(key[2:], 16)
    return _KEY_ESCAPES.get(key, ord(key[0]) if len(key) == 1 else None)


#: diffusers' DiffusionPipeline.from_pretrained when the folder or repo lacks components the class's __init__ takes:
#: "Pipeline <class '...KandinskyV22CombinedPipeline'> expected {'prior_prior', 'unet', ...}, but only {'unet', ...}
#: were passed." The difference says which: optional ones (a safety checker), or another pipeline's parts.
_PIPELINE_COMPONENTS_RE = sentence_re(
    r"expected \{([^{}\n]{0,2000})\},?\s{0,5}but only \{([^{}\n]{0,2000})\} were passed")
_COMPONENT_NAME_RE = sentence_re(r"'(\w{1,60})'")
_USUALLY_OPTIONAL_COMPONENTS = frozenset({"safety_checker", "feature_extractor", "image_encoder"})

#: A quoted id that is a repo id with a GGUF file's name after it ('org/repo-GGUF/model-Q4_K_M.gguf'): not a local path
#: (no leading slash, dot or drive)
_GGUF_REPO_PATH_RE = sentence_re(r"'([A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95}/[^'\n/\\]{1,200}\.gguf)'")
#: A snapshot folder of the Hub cache quoted as the model itself ("Can't load feature extractor for
#: '.../models--org--name/snapshots/<commit>'"): a folder that exists, holding only the files that were downloaded.
_SNAPSHOT_FOLDER_RE = sentence_re(
    r"[\\/]models--[\w.\-]{1,100}--[\w.\-]{1,100}[\\/]+snapshots[\\/]+[0-9a-f]{40}[\\/]?['\"]")
#: An absolute local path (Windows drive, UNC, or a POSIX home, tmp or mount folder), as it reaches a URL's file part.
_ABSOLUTE_PATH_RE = sentence_re(r"[A-Za-z]:[\\/]|\\\\|/(?:home|Users|root|mnt|tmp|data|content|workspace)/")
#: The Hub cache's ref file of a repo (refs/main: the commit a branch names, written when the repo is first fetched)
#: read and not there: the repo was never fetched into this cache, or the entry was copied or cut without it.
_CACHE_REF_MISSING_RE = sentence_re(
    r"o such file or directory:? ['\"]?[^\n'\"]{0,300}[\\/]models--[^\n'\"\\/]{1,200}[\\/]refs[\\/]\w", re.IGNORECASE)

#: A library's own list of model names and the name asked for (asked, then the list): faster-whisper "Invalid model size
#: 'x', expected one of: tiny, ..."; whisper's CLI "argument --model: invalid choice: 'x' (choose from 'tiny', ...)";
#: open_clip "Pretrained weights (x) not found for model ViT-B-32. Available pretrained tags ([...])"; clip "Model x not
#: found; available models = [...]"; ms-swift "model_type: 'x' not in [...]".
_LISTED_NAME_RES = gated(
    sentence_re(r"[Ii]nvalid model size '([^'\n]{1,200})', expected one of:? ([^\n]{1,3000})"),
    sentence_re(r"invalid choice: '([^'\n]{1,200})' \(choose from ([^)\n]{1,3000})\)"),
    sentence_re(r"Pretrained weights \(([^)\n]{1,300})\) not found for model [^\s(]{1,120}?\.? ?"
               r"(?:Available pretrained tags \(([^)\n]{0,3000}))?"),
    sentence_re(r"Model ([^\s;]{1,300}) not found; available models = (\[[^\]\n]{0,3000}\])"),
    sentence_re(r"model_type:? ?'([\w.\-]{1,80})' (?:is )?not in \[([^\]\n]{0,20000})"),
)
#: The parameters mlx's load_weights names: "Missing parameters: lm_head.biases lm_head.scales." or "Received 2
#: parameters not in model: \nx.biases,\nx.scales."
_PARAMETERS_LISTED_RE = sentence_re(
    r"(?:Missing parameters|parameters not in model):\s{0,3}((?:[\w.]{1,200}[ ,]{0,3}\n?){1,400})")
#: A multimodal config class built without one of its parts: "ModelConfig.__init__() missing 1 required positional
#: argument: 'vision_config'"
_CONFIG_PART_RE = sentence_re(r"__init__\(\) missing \d required positional arguments?: (?:'\w+', )*'((?:vision|audio|"
                             r"text|speech|image|video)_config)'")
#: The CUDA library file a runtime could not load ("cudnn_ops_infer64_8.dll", "libcudnn_ops.so.9.1.0",
#: "cublas64_12.dll").
#: A build tool that a kernel compiled at load time needs (OpenMP, a compiler, Ninja, the CUDA toolkit, headers), by the
#: words of the tool that missed it: Apple clang, ld, gcc, torch.utils.cpp_extension, setuptools, triton, inductor.
_BUILD_TOOL_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (sentence_re(r"unsupported option '-fopenmp'|library not found for -lomp|'omp\.h' file not found"
                 r"|omp\.h: No such file"), "OpenMP (libomp)"),
    (sentence_re(r"Ninja is required to load C\+\+ extensions"), "Ninja"),
    # torch.utils.cpp_extension; DeepSpeed's op builder ("Could not find nvcc and default cuda_home='/usr/local/cuda'
    # doesn't exist"); a shell or cpp_extension calling an nvcc that is not there
    (sentence_re(r"CUDA_HOME environment variable is not set|Could not find nvcc\b|nvcc: (?:command )?not found"
                 r"|No such file or directory: '[^'\n]{0,200}/bin/nvcc'"),
     "the CUDA toolkit (nvcc, with CUDA_HOME set)"),
    (sentence_re(r"Microsoft Visual C\+\+ 14\.0 or greater is required|command 'cl\.exe' failed"),
     "the Microsoft C++ Build Tools"),
    (sentence_re(r"Python\.h: No such file or directory|'Python\.h' file not found"), "the Python development headers"),
    (sentence_re(r"Failed to find C compiler|No working C\+\+ compiler found|unable to execute '(?:gcc|cc|g\+\+|clang)'"
                 r"|command '(?:gcc|cc|g\+\+|clang|x86_64-linux-gnu-gcc)' failed: No such file"), "a C/C++ compiler"),
)
_BUILD_TOOL_WORDS = ("openmp", "lomp", "omp.h", "Ninja", "CUDA_HOME", "nvcc", "Visual C++", "cl.exe", "Python.h",
                     "compiler", "unable to execute", "failed: No such file")
_CUDA_LIBRARY_RE = sentence_re(r"((?:lib)?(?:cudnn|cublas)\w{0,40}\.(?:dll|so(?:\.\d{1,3}){0,3}))")
_WEIGHT_FILE_RE = sentence_re(r"\.(?:pt|pth|bin|ckpt|safetensors|onnx|gguf|npz|pkl|h5|msgpack)$", re.IGNORECASE)
_TRAILING_NUMBER_RE = sentence_re(r"(.*?)(\d{1,4})")
#: A line that only continues a wrapped list of names ("medium.en, medium, large-v1, large-v2,").
_LIST_LINE_RE = sentence_re(r"[\w./\-@]{1,120}(?:, ?[\w./\-@]{1,120}){0,60},?")


def _listed_name(text: str) -> tuple[str, str | None, str | None] | None:
    """The name a library's list lacks, what it is (``path``: a file path that is not there; ``newer``: a higher
    version of a family on the list, so a newer release; ``variant``: a listed name inside it or spelled close), and
    the listed name it is near."""
    for pattern in _LISTED_NAME_RES:
        # the last: an IPython paste shows the raise's source line first ("Invalid model size '%s', expected one of:
        # %s")
        hits = [h for h in pattern.finditer(text) if "%s" not in h.group(1)]
        if hits:
            hit = hits[-1]
            break
    else:
        return None
    asked = hit.group(1).strip().strip("'\"")
    listed = hit.group(2) or ""
    if listed.rstrip().endswith(","):  # a list a terminal wrapped: its next lines are more names ("medium, large-v1,")
        for line in text[hit.end():hit.end() + 3000].split("\n")[1:12]:
            if not _LIST_LINE_RE.fullmatch(line.strip()):
                break
            listed += " " + line
    choices = [c.lower() for c in re.findall(r"[\w./\-@]{2,120}", listed)]
    lowered = asked.lower()
    if re.search(r"[\\/]", asked) and (_WEIGHT_FILE_RE.search(asked) or asked.startswith(("/", "./", "../", "~"))
                                        or re.match(r"[A-Za-z]:[\\/]", asked)):
        return asked, "path", None
    if not choices or lowered in choices:
        return asked, None, None
    versioned = _TRAILING_NUMBER_RE.fullmatch(lowered)
    if versioned:
        same = [(int(m.group(2)), c) for c in choices
                if (m := _TRAILING_NUMBER_RE.fullmatch(c)) and m.group(1) == versioned.group(1)]
        if same and int(versioned.group(2)) > max(same)[0]:
            return asked, "newer", max(same)[1]  # the newest of the family this release lists
    inside = [c for c in choices if len(c) >= 3 and c in lowered]
    if inside:
        return asked, "variant", max(inside, key=len)
    close = difflib.get_close_matches(lowered, choices, n=1, cutoff=0.8)
    if close:
        return asked, "variant", close[0]
    return asked, None, None


#: The caller's code already loads quantized weights.
_CODE_QUANTIZED_RE = Gated(sentence_re(
    r"load_in_(?:4|8)bit\s{0,3}=\s{0,3}True|BitsAndBytesConfig\(|GPTQConfig\(|AwqConfig\("))


def _code_dtype(text: str) -> str | None:
    from advisor.loadplan import DTYPE_SHORT_NAMES, dtype_name

    hit = _CODE_DTYPE_RE.search(text)
    if not hit:
        return None
    return "float16" if hit.group(2) else dtype_name(DTYPE_SHORT_NAMES.get(hit.group(1), hit.group(1)))


_QUANT_METHOD_RE = sentence_re(r"Unknown quantization (?:type|method),? (?:got:? )?[`'\"]?([\w\-]{1,40})")
#: "cannot import name 'X' from 'transformers' (...)"; a paste that lost the quotes around the module keeps its
#: location in brackets ("from transformers (unknown location)") or ends the line with it (a retyped title: "cannot
#: import name 'AutoModelForSeq2SeqLM' from transformers"), unlike "from partially initialized module"; a retyped
#: message may lose the name's closing quote ("cannot import name 'Qwen2_5OmniModel from 'transformers'") or put a space
#: after the module's opening one ("from ' huggingface_hub")
_IMPORT_NAME_RE = sentence_re(r"cannot import name '(\w{1,80})'? from "
                              r"(?:' ?([\w.]{1,120})|([\w.]{1,120})(?: \(|[ \t.]*$))", re.M)
#: Python before 3.7 named no module ("ImportError: cannot import name 'Pix2StructProcessor'"): the traceback's code
#: line says which ("----> 3 from transformers import Pix2StructForConditionalGeneration, Pix2StructProcessor")
_IMPORT_NAME_ALONE_RE = re.compile(r"cannot import name '(\w{1,80})'[ \t]*$", re.M)
_FROM_IMPORT_LINE_RE = re.compile(r"\bfrom ([\w.]{1,120}) import \(?([\w ,]{1,2000})")
#: transformers' lazy import of one of its own modules: "Failed to import transformers.models.x.modeling_x because of
#: the following error (look up to see its traceback):"
_LAZY_IMPORT_RE = sentence_re(r"Failed to import ([\w.]{1,160}) because of the following error")
#: transformers 2.x/3.x and pytorch_pretrained_bert: "Model name 'x' was not found in tokenizers model name list (a, b)"
_NAME_LIST_RE = sentence_re(r"Model name '([^'\n]{1,200})' was not found in (?:tokenizers )?model name list"
                           r"(?: \(([^)]{0,4000})\))?")  # the list may wrap, be cut off, or be absent
_NO_MODULE_RE = sentence_re(r"No module named '([\w.\-]{1,120})'")
#: The same message cut inside the name, its quote never closed ("No module named 'tr" where a viewer cut the line)
_NO_MODULE_CUT_RE = re.compile(r"No module named '([\w.\-]{1,120})\s*$")
#: An import statement on a traceback's code line: the module it imports
_IMPORT_LINE_RE = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.]+))", re.M)

_PACKAGE_RES = gated(
    # transformers' check of a repo's code: "This modeling file requires the following packages that were not found
    # in your environment: einops. Run `pip install einops`" (the first one named)
    sentence_re(r"requires the following packages that were not found in your environment: ([A-Za-z][\w\-.]{0,60}?)"
               r"[.,\s]"),
    sentence_re(r"requires? (?:the )?(?!following\b|latest\b|same\b|correct\b|appropriate\b|right\b)([\w\-]{1,60}) "
               r"(?:library|package)"),
    # a version the library asks for: "requires bitsandbytes>=0.39.0", "please upgrade your bitsandbytes version",
    # "You have a version of `bitsandbytes` that is not compatible", "installed version of X was compiled ..."; read
    # before the `pip install` hint, which after "huggingface-hub>=0.24.0 is required" names transformers itself
    sentence_re(r"requires `?([A-Za-z][\w.\-]{1,40}?)`? ?(?:>=|>|==)"),
    sentence_re(r"\b([A-Za-z][\w.\-]{1,40}?)(?:>=|==|<=|>|<)[\w.,<>=]{1,40} is required for"),
    sentence_re(r"`pip install (?:-U |--upgrade )?([\w\-\[\]]{1,60})"),
    # the library's own words for its version: "Your transformers version is too old, please upgrade it to >= 4.53.1"
    sentence_re(r"\b[Yy]our `?([A-Za-z][\w.\-]{1,40}?)`? version is (?:too old|outdated|too low)\b"),
    sentence_re(r"[Pp]lease upgrade (?:your )?`?(?!version\b|the\b|to\b|it\b|them\b|this\b)([A-Za-z][\w.\-]{1,40}?)`?"
               r"(?: version|[ .,;]|$)"),
    sentence_re(r"(?:a|installed) version of `?([A-Za-z][\w.\-]{1,40}?)`? (?:that is not compatible|was compiled)"),
    sentence_re(r"incompatible version of `?([A-Za-z][\w\-]{1,40})`?"),
    # a library's own check with both versions: "diffusers version 0.30.2 is installed, but version 0.30.3 or higher is
    # required."
    sentence_re(r"\b([A-Za-z][\w.\-]{1,40}?)`? version [\d.]+\w* is installed, but "),
    sentence_re(r"\b(PEFT|peft) backend is required"),
    # a library's own check by pip name: "sentencepiece is not installed", "package `einops` is not installed"
    sentence_re(r"(?m)(?:^|[\s:(])(?:(?:package|library|module) )?`?([a-z][\w\-.]{1,40})`? "
               r"(?:package |library |dictionary )?(?:is|was) not installed"),
    # llama.cpp's converter against an older gguf-py: "model_arch = gguf.MODEL_ARCH.ARCEE" then "type object
    # 'MODEL_ARCH' has no attribute 'ARCEE'"
    sentence_re(r"\b(gguf)\.(?:MODEL_ARCH|MODEL_TENSOR|GGMLQuantizationType|LlamaFileType|Keys)\b"),
    # ONNX Runtime's own C++ frames in its message: "onnxruntime::model_load_utils::ValidateOpsetForDomain"
    sentence_re(r"\b(onnxruntime)::model_load_utils::"),
    # pip's build of a package without a wheel: "ERROR: Failed building wheel for tokenizers", "Could not build wheels
    # for sentencepiece, which is required to install pyproject.toml-based projects"
    sentence_re(r"(?:Failed building wheel|Could not build wheels) for ([A-Za-z][\w\-]{0,60}(?:\.[\w\-]{1,30})*)"),
    # Python 3.11's dataclasses refusing a package's field default: "ValueError: mutable default <class
    # 'timm.models.maxxvit.MaxxVitConvCfg'> for field conv_cfg is not allowed: use default_factory" (the class's
    # top-level module is the package)
    sentence_re(r"mutable default <class '(?!__main__\.)([A-Za-z_]\w{0,60})\.[\w.]{1,200}'> for field"),
)
_CC_RES = (
    sentence_re(r"[Cc]ompute [Cc]apability (?:of |is |= ?|: ?)?\(?(\d{1,2})[.,] ?(\d)"),
    # (not a requirement: ptxas's "Feature '.bf16' requires .target sm_80 or higher" names what is needed, not this GPU)
    sentence_re(r"(?<!target )\bsm_(\d{1,2})(\d)\b(?! or (?:higher|newer|later|above))"),
)
#: torch's warning for a GPU its build has no kernels for: "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not
#: compatible with the current PyTorch installation. The current PyTorch install supports CUDA capabilities sm_50 ..."
_GPU_VS_BUILD_RE = sentence_re(r"CUDA capability sm_(\d{2,3})\w? is not compatible with the current PyTorch "
                               r"installation\.?\s{1,4}The current PyTorch install supports CUDA capabilities "
                               r"((?:(?:sm|compute)_\d{2,3}\w?\s?){1,30})")
# not a piece of a name: "…-550B-A55B-NVFP4/resolve/…" is a repo id, "llama-3-8b-L40" a folder
_GPU_RE = sentence_re(r"\b(?<![-/_.])((?:NVIDIA |Tesla |Quadro )?(?:GeForce (?:RTX|GTX) \d{3,4}(?: Ti)?"
                     r"|Tesla [A-Z]\d{1,3}\w?"
                     r"|Quadro [\w ]{1,20}|[AHLV]\d{2,3}[A-Z]?(?:-\w{1,10}){0,2}(?: (?:PCIe|SXM\w?))?"
                     r"|T4|P100|V100|K80|P40"
                     r"|RTX [A-Z]?\d{3,4}\w?|TITAN \w{1,10}))\b"
                     # not a requirement: "bf16 is only supported on A100+ GPUs", "an A100 or newer"
                     r"(?!\+|[ -]or (?:newer|later|above|higher|better)|[ -]and (?:newer|later|above))")
_GPU_NEEDLES = ("GPU", "NVIDIA", "Tesla", "GeForce", "RTX", "GTX", "Quadro", "TITAN", "T4", "100", "H200", "L4",
                "L40", "A10", "A40", "P40", "K80")
_KWARG_RES = (
    sentence_re(r"got an unexpected keyword argument '(\w{1,80})'"),
    sentence_re(r"__init__\(\) got an unexpected keyword argument '(\w{1,80})'"),
)
# the class whose method rejected it: "SentenceTransformer.__init__() got an unexpected keyword argument 'x'"
# (Python 3.10+ names it; 3.9 and older print only "__init__()")
_KWARG_OWNER_RE = sentence_re(r"\b([A-Z]\w{1,80})\.(\w{1,80})\(\) got an unexpected keyword argument '")
#: a traceback frame in an installed package: ".../site-packages/sentence_transformers/models/Pooling.py", line 120
_PACKAGE_FRAME_RE = re.compile(r"[\\/](?:site|dist)-packages[\\/]{1,2}([A-Za-z_]\w{0,60})[\\/]")
#: a later frame line of a traceback ('File "/home/me/run.py", line 3'), whatever file it names
_FILE_FRAME_RE = re.compile(r'File "[^"\n]{1,400}", line \d')
#: Python's NameError, its quotes as a title or a chat may retype them: "name 'LoraConfig' is not defined"
_UNDEFINED_NAME_RE = sentence_re(r"\bname [‘'\"`]([A-Za-z_]\w{0,80})[’'\"`] is not defined")
#: Python before 3.10 names the function alone: "_load_auto_model() got an unexpected keyword argument 'x'"
_KWARG_FUNCTION_RE = sentence_re(r"(?<![\w.])(\w{1,80})\(\) got an unexpected keyword argument '")
#: Python's own words for a call that left out an argument: "TypeError: hf_hub_download() missing 1 required
#: positional argument: 'filename'", "Model.__init__() missing 2 required positional arguments: 'a' and 'b'"
_MISSING_ARGUMENT_RE = sentence_re(r"\b((?:\w{1,80}\.){0,3}\w{1,80})\(\) missing \d{1,2} required "
                                   r"(?:positional |keyword-only )?arguments?: [‘'\"](\w{1,80})")
# pydantic models (langchain's wrappers ...) reject an argument in their own words: "1 validation error for
# HuggingFaceEmbeddings\nmodel_kwargs\n  extra fields not permitted" (v1), "Extra inputs are not permitted" (v2)
_PYDANTIC_EXTRA_RE = sentence_re(r"validation errors? for ([A-Z]\w{1,80})\s+(\w{1,80})\s+"
                                r"(?:extra fields not permitted|Extra inputs are not permitted)")
# ``revision="..."`` in a source line of the traceback: what the caller asked for
_CODE_REVISION_RE = sentence_re(r"revision\s{0,3}=\s{0,3}[\"']([\w.\-/]{1,100})[\"']")
_SIZE_RE = sentence_re(r"copying a param with shape torch\.Size\(\[([\d, ]{1,60})\]\) from checkpoint, the shape in "
                      r"current model is torch\.Size\(\[([\d, ]{1,60})\]\)")

#: transformers 4.x's warning after ignore_mismatched_sizes=True: "- classifier.weight: found shape
#: torch.Size([3, 768]) in the checkpoint and torch.Size([2, 768]) in the model instantiated"
_FOUND_SHAPE_RE = sentence_re(r"found shape torch\.Size\(\[([\d, ]{1,60})\]\) in the checkpoint and "
                             r"torch\.Size\(\[([\d, ]{1,60})\]\) in the model")
#: accelerate's set_module_tensor_to_device: 'Trying to set a tensor of shape torch.Size([320, 9, 3, 3]) in "weight"
#: (which has shape torch.Size([320, 4, 3, 3]))' (the tensor set comes from the checkpoint)
_SET_TENSOR_RE = sentence_re(r"Trying to set a tensor of shape torch\.Size\(\[([\d, ]{1,60})\]\) in \"[\w.]{1,200}\" "
                            r"\(which has shape torch\.Size\(\[([\d, ]{1,60})\]\)")
#: vLLM's weight loaders: "Attempted to load weight (torch.Size([3600])) into parameter (torch.Size([3584]))", "Tried to
#: load weights of size torch.Size([a, b])to a parameter of size torch.Size([c, d])"; TensorRT-LLM's "The value updated
#: is not the same shape as the original. Updated: (32002, 4096), original: (32000, 4096)" (checkpoint side first)
_LOADER_SHAPE_RE = sentence_re(
    r"(?:Attempted to load weight \(torch\.Size\(\[([\d, ]{0,60})\]\)\) into parameter "
    r"\(torch\.Size\(\[([\d, ]{0,60})\]\)"
    r"|Tried to load weights of size torch\.Size\(\[([\d, ]{0,60})\]\) ?to a parameter of size "
    r"torch\.Size\(\[([\d, ]{0,60})\]\)"
    r"|not the same shape as the original\. Updated: \(([\d, ]{1,60})\), original: \(([\d, ]{1,60})\))")
#: diffusers: "because conv_in.weight expected shape torch.Size([320, 4, 3, 3]), but got torch.Size([320, 9, 3, 3])",
#: or with the model's tensor still on the meta device: "expected shape tensor(..., device='meta', size=(320, 64, 1,
#: 1))"
_EXPECTED_SHAPE_RE = sentence_re(r"expected shape (?:torch\.Size\(\[([\d, ]{1,60})\]\)|tensor\(\.\.\., "
                                 r"device='meta', size=\(([\d, ]{1,60})\)\)), "
                                 r"but got torch\.Size\(\[([\d, ]{1,60})\]\)")
#: The parameter named right before the shapes: "size mismatch for classifier.weight:", "- classifier.weight:"
_MISMATCH_PARAM_RE = sentence_re(r"(?:size mismatch for |- )([\w.]{1,200}):[^\n]{0,40}$")
#: The tensor named inside the other loaders' messages: accelerate's 'in "model.score.weight" (which has shape',
#: diffusers' "because conv_in.weight expected shape" and "Cannot load x.weight because it has shape"
_NAMED_TENSOR_RE = sentence_re(r"(?:Trying to set a tensor of shape [^\n]{0,80}? in \"([\w]{1,80}\.[\w.]{1,200})\""
                               r"|because ([\w]{1,80}\.[\w.]{1,200}) expected shape"
                               r"|Cannot load ([\w]{1,80}\.[\w.]{1,200}) because it has shape)")


#: What a message prints where the caller passed no id at all (Python's None, JSON's null): no repo and no folder
_NO_ID = frozenset({"None", "null", "undefined", "nil", "NaN"})


def _quoted_id(text: str) -> str | None:
    """The model id or path the messages name (never a placeholder of a quoted source line: ``'{path}'``)."""
    for pattern in _QUOTED_ID_RES:  # each skipped where its needles are absent (see advisor.needles)
        for hit in pattern.finditer(text):
            value = hit.group(1).strip(" '\"*")
            if value.rstrip(".") and not any(c in value for c in "{}<>()[]$%") and value not in _NO_ID and not (
                    value.endswith(":")):  # "OSError: does not appear to have ...": the id was empty, not "OSError:"
                return _cut(value)
    return None


#: Import names whose pip distribution has another name (``No module named 'cv2'`` -> ``opencv-python``).
_PIP_NAMES = {"cv2": "opencv-python", "PIL": "pillow", "sklearn": "scikit-learn", "yaml": "pyyaml",
              "google.protobuf": "protobuf", "google": "protobuf", "bs4": "beautifulsoup4", "skimage": "scikit-image",
              "fitz": "pymupdf", "docx": "python-docx", "attr": "attrs", "Crypto": "pycryptodome",
              "flash_attn": "flash-attn", "auto_gptq": "auto-gptq", "awq": "autoawq", "gptqmodel": "gptqmodel",
              "llama_cpp": "llama-cpp-python"}
#: The names messages give a library by ("requires the PyTorch library") -> what pip installs it as (`pip install
#: PyTorch` would fetch an unrelated placeholder package)
_DISPLAY_NAMES = {"PyTorch": "torch", "Pytorch": "torch", "TensorFlow": "tensorflow", "SentencePiece": "sentencepiece",
                  "Tokenizers": "tokenizers", "Accelerate": "accelerate", "PEFT": "peft", "Flax": "flax",
                  "Protobuf": "protobuf", "SciPy": "scipy", "Pillow": "pillow", "PIL": "pillow",
                  "llama_cpp": "llama-cpp-python"}


def _nearest_url(text: str, at: int) -> re.Match[str] | None:
    """The URL closest to position ``at`` (the HTTP status): the one the status is about, not a docs link."""
    start = max(0, at - 2000)
    found = list(_URL_HOST_RE.finditer(text, start, at + 2000))
    # distance from the status to the URL's end when the URL comes first ("<url>: status code 401"), to its
    # start when it follows ("404 Client Error: Not Found for url: <url>")
    return min(found, key=lambda m: at - m.end() if m.end() <= at else m.start() - at) if found else (
        _URL_HOST_RE.search(text))


def _cut(value: str) -> str:
    return value.strip().rstrip(".,;:")[:_MAX_VALUE]


def id_kind(model_id: str) -> str:
    """``local`` for a path, ``repo`` for a Hub repo id (``org/name`` or ``name``), ``unknown`` otherwise."""
    value = model_id.strip()
    if not value:
        return "unknown"
    if value.startswith(("/", "./", "../", "~", ".\\", "\\")) or "\\" in value or re.match(r"[A-Za-z]:[\\/]", value):
        return "local"
    if value.count("/") > 1 or value.endswith("/"):
        return "local"
    if re.fullmatch(r"[A-Za-z0-9][\w.\-]{0,95}(?:/[A-Za-z0-9][\w.\-]{0,95})?", value) and ".." not in value:
        return "repo"
    return "unknown"


#: The Hub's legacy ids without an organisation (bert-base-uncased, gpt2, t5-small ...): every other repo id is
#: org/name. A fact of the Hub kept in one place: huggingface_hub has no table of them.
#: (BART, DeBERTa, Longformer, ELECTRA and FlauBERT were never among them: transformers 2.x-3.x shortcut names such as
#: "bart-large" point at facebook/bart-large, and the shortcut no longer resolves.)
#: (The family followed only by the words of those ids' names: "t5-vae-poet" or "bert-base-uncased-finetuned-x" are
#: a project's own models, which may really be missing.)
_LEGACY_ID_RE = sentence_re(r"(?:bert|distilbert|roberta|distilroberta|gpt2|distilgpt2|openai-gpt|t5|xlm|xlnet|albert|"
                           r"ctrl|camembert|transfo-xl)"
                           r"(?:-(?:base|large|small|medium|xl|xlarge|xxlarge|3b|11b|cased|uncased|chinese|german|"
                           r"multilingual|whole|word|masking|finetuned|squad|dbmdz|distilled|sst|2|english|openai|"
                           r"detector|mnli|v1|v2|wt103|clm|mlm|tlm|ende|enfr|enro|xnli15|1024|1280|2048|17|100|en|"
                           r"conll02|conll03|dutch|spanish|roberta))*")
#: The organisations those legacy ids moved to, and OpenAI's CLIP (what Stable Diffusion front-ends fetch).
_MOVED_ID_RE = re.compile(r"(?:openai/clip-|google-bert/|FacebookAI/|openai-community/|distilbert/|google-t5/)[\w.\-]+")


#: Families whose every repo is gated (a licence to accept, a token to pass): Meta's Llama, Google's Gemma,
#: pyannote's pipelines and models, FLUX.1's non-commercial [dev] models. A not-found answer for one of them is a
#: request without a token that has access, not a typo.
_GATED_ID_RE = sentence_re(r"(?:meta-llama/[\w.\-]+|google/(?:gemma|paligemma|codegemma|recurrentgemma)[\w.\-]*|"
                          r"pyannote/(?:speaker-diarization|segmentation|embedding|overlapped-speech|voice-activity)"
                          r"[\w.\-]*|black-forest-labs/FLUX\.1-[\w\-]*dev|"
                          # gated as a whole since 2024: Mistral's models, StarCoder, SD3, Cohere's Command models
                          r"mistralai/[\w.\-]+|bigcode/starcoder[\w.\-]*|stabilityai/stable-diffusion-3[\w.\-]*|"
                          r"(?:CohereForAI|CohereLabs)/c4ai[\w.\-]*)", re.IGNORECASE)


def canonical_id(model_id: str) -> str | None:
    """``legacy`` for a legacy id without organisation, ``moved`` for one under the organisations they moved to
    (or OpenAI's CLIP): public repos that exist with every file; ``gated`` for a family whose repos are all gated.
    None for any other id."""
    if _LEGACY_ID_RE.fullmatch(model_id):
        return "legacy"
    if _MOVED_ID_RE.fullmatch(model_id):
        return "moved"
    if _GATED_ID_RE.fullmatch(model_id):
        return "gated"
    return None


#: The Hub repo of a kernel that the kernels package could not resolve offline (transformers >= 5.25 kernelizes
#: by default): "Version 2 of 'kernels-community/rotary' is not available in the local cache ...", "Cannot resolve
#: revision 'v1' of 'x/y' to a commit ...", "Cannot find a local snapshot for x/y (revision: r)".
_KERNEL_REPO_RE = re.compile(r"of '([\w.-]{1,96}/[\w.-]{1,96})' (?:is not available in the local cache|to a commit)"
                             r"|Cannot find a local snapshot for ([\w.-]{1,96}/[\w.-]{1,96}) \(revision")
#: pipeline()'s "Could not load model x with any of the following classes: (<class '...'>, ...)": the tuple holds the
#: task's Auto classes and then, from the checkpoint's config `architectures`, each class transformers exports by that
#: name (pipelines/base.py load_model / infer_framework_load_model). A concrete PyTorch class in it
#: ("transformers.models.whisper.modeling_whisper.WhisperForConditionalGeneration") is the checkpoint's own class.
_PIPELINE_CLASSES_RE = sentence_re(r"with any of the following classes: \(([^)]{0,3000})")
_PIPELINE_OWN_CLASS_RE = re.compile(r"transformers\.models\.(?!auto\.)\w{1,80}\.modeling_(?!tf_|flax_)\w{1,80}"
                                    r"\.(\w{1,120})(?:'|\\u0027)")  # also as a JSON body escapes it (SageMaker)
#: transformers' pipeline(): 'KeyError: "Unknown task depth-estimation, available tasks are [...]"' (2.x to 5.x)
_PIPELINE_TASK_RE = sentence_re(r"Unknown task ([\w\-]{1,60}), available tasks are")
#: spaCy's "[E050] Can't find model 'en_core_sci_md'": the pipeline package that is not installed
_SPACY_MODEL_RE = sentence_re(r"\[E050\] Can't find model '([\w.\-]{1,80})'")
#: The Python a traceback's packages were installed for, from their folder: "/usr/lib/python3.7/site-packages/",
#: "\Python38\lib\site-packages\" as Windows writes it, "/python3.10/dist-packages/" (Debian, Colab)
_PACKAGES_PYTHON_RE = re.compile(
    r"[/\\][Pp]ython3(?:\.(\d{1,2})|(\d{1,2}))[/\\](?:[Ll]ib[/\\])?(?:site|dist)-packages\b")
#: vLLM's start-up check: "Free memory on device cuda:0 (30.12/31.84 GiB) on startup is less than desired GPU memory
#: utilization (0.95, 30.25 GiB)": the share of the card that was free
_ENGINE_FREE_RE = re.compile(r"Free memory on device[^(\n]{0,40}"
                             r"\((\d{1,5}(?:\.\d{1,4})?)/(\d{1,5}(?:\.\d{1,4})?) GiB\)")


#: Python before 3.10 names a method without its class in a call's TypeError ("__init__() got an unexpected keyword
#: argument 'load_in_4bit'"); 3.10 and later name the class ("LlamaForCausalLM.__init__() got ..."): a bare dunder
#: method places the paste before 3.10, so in transformers 4 or earlier (transformers 5 needs 3.10)
_CALL_ERROR_METHOD_RE = re.compile(
    r"(?<![\w.])(\w+\.)?__\w{2,20}__\(\) (?:got an unexpected keyword argument|missing \d+ required"
    r"|takes \d+ positional|got multiple values for)")
#: "ModuleNotFoundError: No module named 'espnet_model_zoo.downloader'; 'espnet_model_zoo' is not a package": the name
#: was found as a module, a single .py file, not the package (group 1: the top of the dotted name; 2: the module)
_NOT_A_PACKAGE_RE = re.compile(r"No module named '(\w{1,80})[\w.]{0,200}'; '(\w{1,80})' is not a package")


def _python_before_310(text: str, python_version: object) -> bool | None:
    """Whether the paste comes from a Python before 3.10: its packages folder, else how it names a method in a call's
    TypeError (see _CALL_ERROR_METHOD_RE); None when neither tells."""
    if isinstance(python_version, str):
        minor = python_version.partition(".")[2]
        return minor.isdigit() and int(minor) < 10
    hit = _CALL_ERROR_METHOD_RE.search(text) if "__(" in text else None
    return None if hit is None else hit.group(1) is None


def _no_module_cut(text: str) -> re.Match[str] | None:
    """"No module named '<name>" ending the text with its quote never closed (the name cut, or only its quote)."""
    stripped = text.rstrip()
    return (_NO_MODULE_CUT_RE.search(stripped, max(0, len(stripped) - 2000)) if "No module named '" in stripped
            else None)


def cut_module_tail(text: str) -> str | None:
    """The name left in "No module named '<name>" when the text ends before its closing quote, as pasted."""
    cut = _no_module_cut(text)
    return cut.group(1) if cut else None


def _cut_module_name(text: str) -> str | None:
    """The module of "No module named '<name>" cut before the name's end (or before its closing quote): the last
    import statement above it in the traceback whose module starts with the part left ("from transformers.deepspeed
    import X" above "... named 'tr"). None when no such message ends the text or no import line completes it."""
    stripped = text.rstrip()
    cut = _no_module_cut(stripped)
    if not cut:
        return None
    names = [found.group(1) or found.group(2)
             for found in _IMPORT_LINE_RE.finditer(stripped, max(0, cut.start() - 20_000), cut.start())]
    whole = [name for name in names if name.startswith(cut.group(1))]
    return whole[-1] if whole else None


def parse_details(text: str, exceptions: list[tuple[str, str]] | None = None) -> dict[str, object]:
    """What the text names, as ``failure.*`` values: HTTP status, URL parts, ids, files, classes, GPU ...

    Linear in the text; every value is a short string (or int/float/bool/list of strings). ``exceptions``: the
    text's ``parse_exceptions``, when the caller has them already.
    """
    out: dict[str, object] = {}
    # the sentence checks below read a line break as a space, as the sentence patterns do (a paste wrapped at a width)
    flat = flattened(text)
    found = exceptions if exceptions is not None else parse_exceptions(text) if text else []
    if found:
        out["exception_types"] = [name.rsplit(".", 1)[-1] for name, _ in found][:12]
        out["exception_type"] = found[0][0].rsplit(".", 1)[-1]
    answered: int | None = None
    for status_re in _HTTP_STATUS_RES:
        hit = status_re.search(text)
        if hit:
            answered = int(hit.group(1))
            break
    else:
        hit = _JS_STATUS_RE.search(text) if "file: \"http" in flat else None
        if hit:
            answered = int(hit.group(2)) if hit.group(2) else _JS_STATUS_PHRASES[" ".join(hit.group(1).split())]
    if answered is None and "Not Found for url" in text:
        hit = _BARE_NOT_FOUND_RE.search(text)
        answered = 404 if hit else None
    if hit and answered is not None:
        out["http_status"] = answered
        url = _nearest_url(text, hit.start())
        if url:
            out["url_host"] = url.group(1).lower()
            out["url_path"] = _cut(url.group(2) or "/")
    hit = _RESOLVE_RE.search(text)
    if hit:
        out["url_repo"], out["url_file"] = hit.group(1), _cut(hit.group(3))
        out["url_revision"] = _cut(unquote(hit.group(2)))
    else:
        api = _API_NAME_RE.search(text) if "/api/" in text else None
        api = api or _API_RE.search(text)
        if api:
            out["url_repo"] = api.group(1).rstrip(".")  # a repo name never ends in "."; a sentence after the URL does
            if api.group(2):
                out["url_revision"] = _cut(unquote(api.group(2)))
    hit = _NAME_LIST_RE.search(text) if "model name list" in flat else None
    if hit:  # old transformers' "Model name 'x' was not found in model name list (a, b, x)": x listed means known
        out["name_list_id"] = hit.group(1)
        if _local_like(hit.group(1)):
            out["name_list_id_local_like"] = True  # "models/imdbclassifier": a project's folder, not an org's repo
        if hit.group(2) is not None:
            out["model_name_listed"] = hit.group(1) in [item.strip() for item in hit.group(2).split(",")]
    source = _missing_file_source(text) if "file named" in flat else None
    if source:
        out["missing_file_source"] = source
        checkout = _CHECKOUT_RE.search(text) if source == "hub" else None
        if checkout:  # the branch, tag or commit the Hub was asked for ("main" unless the call passed one)
            out["checkout_revision"] = _cut(checkout.group(1))
    repo = out.get("url_repo")
    if isinstance(repo, str) and _local_like(repo):
        out["url_repo_local_like"] = True
    url_path = out.get("url_path")
    if isinstance(url_path, str) and (url_path.startswith("//") or out.get("url_repo_local_like")):
        # the path the caller passed, as the Hub URL carries it: "//data/x/resolve/main/config.json" -> "/data/x",
        # "/api/models/model/m3e-base" -> "model/m3e-base"
        given = _URL_PASSED_PATH_RE.sub("", url_path)
        given = given[1:] if given.startswith("//") else given.removeprefix("/")
        if given:
            out["url_passed_path"] = _cut(given)
    url_file = out.get("url_file")
    if isinstance(url_file, str) and _ABSOLUTE_PATH_RE.match(unquote(url_file)):
        out["url_file_local_path"] = True  # "…/resolve/main/C%3A%5CUsers%5C…": a local path passed as a file name
    model_id = out.get("url_repo")
    if model_id in _NO_ID:  # ".../None/resolve/main/config.json": the caller passed None, no repo is named
        model_id = None
    if model_id is None:
        model_id = _quoted_id(text)
    cache_folder = _CACHE_FOLDER_RE.search(model_id) if isinstance(model_id, str) and "models--" in model_id else None
    if cache_folder:  # the Hub cache's own folder for a repo (models--org--name), not a model folder
        out["cache_repo"] = cache_folder.group(1).replace("--", "/", 1)
        out["model_id"], out["id_kind"] = model_id, "local"
    cached = _CACHE_REPO_RE.search(text) if "models--" in text and not cache_folder else None
    if cached and (not isinstance(model_id, str) or "models--" in model_id):
        model_id = f"{cached.group(1)}/{cached.group(2)}"  # a file in the Hub cache: the repo it came from
    if isinstance(model_id, str) and model_id and not cache_folder:
        kind = id_kind(model_id)
        if kind == "repo" and "/" in model_id and _SAVED_FILE_NAME_RE.fullmatch(model_id.rsplit("/", 1)[1]):
            # "darwin-7b/pytorch_model-00001-of-00003.bin": a file save_pretrained writes, in a folder, not a repo
            # named after it; the folder is local
            folder = model_id.rsplit("/", 1)[0]
            out.setdefault("file", model_id.rsplit("/", 1)[1])
            model_id, kind = folder, "local"
        if kind == "local" and _FILE_SUFFIX_RE.search(model_id):  # a file of the folder: the folder is the id
            folder, _, name = model_id.replace("\\", "/").rpartition("/")
            out.setdefault("file", name)
            model_id = folder or model_id
            kind = id_kind(model_id)  # "org/name/config.json" names the folder org/name, shaped like a repo id
        if kind == "repo" and source == "folder" and f"found in directory {model_id}" in flat:
            # "Error no file named X found in directory D" is raised only for a folder that exists: D is local, though
            # shaped like an id (which rules still read: a project's own "ckpt/x" or a folder named like a repo)
            kind = "local"
        out["model_id"] = model_id
        out["id_kind"] = kind
        named_format = format_named(model_id)
        if named_format:
            out["model_id_format"] = named_format
        if (kind == "repo" or id_kind(model_id) == "repo") and _local_like(model_id):
            out["model_id_local_like"] = True  # "ckpt/sd-inpainting": a project's own folder, shaped like an id
        canonical = canonical_id(model_id)
        if canonical:
            out["model_id_canonical"] = canonical
    name = model_id.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] if isinstance(model_id, str) else ""
    if name and (_PLACEHOLDER_NAME_RE.fullmatch(name) or _PLACEHOLDER_PATH_RE.fullmatch(str(model_id))):
        out["model_id_placeholder"] = True
    hit = _SNAPSHOT_SUBPATH_RE.search(text) if "snapshots" in text else None
    if hit and not hit.group(3).endswith(".py"):
        out["cache_snapshot_repo"] = f"{hit.group(1)}/{hit.group(2)}"
        subpath = hit.group(3).replace("\\", "/")
        if hit.group(0)[1:].startswith("http") and "/" in subpath:
            subpath = subpath.rsplit("/", 1)[0]  # transformers' "Checkout '<url>/<path>/main'": the revision ends it
        out["cache_snapshot_subpath"] = _cut(subpath)
    for pattern in _FILE_RES:
        # a source line of the raising code shows the f-string ('{resolved_config_file}'), never the value
        hit = next((h for h in pattern.finditer(text) if not _TEMPLATE_VALUE.search(h.group(1))), None)
        if hit:
            out["file"] = _cut(hit.group(1)).rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
            break
    if "file" not in out and "url_file" in out:
        out["file"] = str(out["url_file"]).rsplit("/", 1)[-1]
    if "JSONDecodeError" in text or "not a valid JSON" in flat or "Expecting value" in flat or (
            "Unterminated string" in flat) or "Expecting property name" in flat:
        out["json_error"] = True
        json_kind = _json_error_kind(flat)
        if json_kind:
            out["json_error_kind"] = json_kind
        named = [m.group(0) for m in _JSON_FILE_RE.finditer(text[-20_000:])]
        if named:  # the file named last is the one being read when the error was raised
            out["json_file"] = named[-1]
        else:  # no file name printed: the reader's source file in the traceback says which file it was
            found_in = [(text.rfind(frame), name) for frame, name in _JSON_READERS if frame in text]
            if found_in:
                out["json_file"] = max(found_in)[1]
    for type_re in _MODEL_TYPE_RES:
        hit = type_re.search(text)
        if hit:
            out["model_type"] = hit.group(1)
            break
    else:
        hit = _KEYERROR_BARE_RE.search(text) if "KeyError: " in text else None
        hit = hit or (_JSON_MESSAGE_KEY_RE.search(text) if '"message"' in text else None) or (
            _TYPED_KEY_LINE_RE.search(text) if "'\n" in text or text.endswith("'") else None)
        if hit:
            out["keyerror_bare_key"] = hit.group(1)
    hit = _ATTRIBUTE_RE.search(text) or (_UNQUOTED_ATTRIBUTE_RE.search(text) if " object has no" in text else None)
    if hit:
        out["attribute_owner"], out["missing_attribute"] = hit.group(1), hit.group(2)
    hit = _MODULE_ATTRIBUTE_RE.search(text) or _TYPE_ATTRIBUTE_RE.search(text)
    if hit:
        out["attribute_owner"], out["missing_attribute"] = hit.group(1), hit.group(2)
    config_class = _config_class_named(text[-20_000:]) if "Config" in text else None
    if config_class:
        out["config_class"] = config_class
        # the class's module path says whose code defined it: transformers_modules is a repo's own (remote) code
        if "transformers_modules" in text and any(
                found.group(1) == config_class for found in _REMOTE_CLASS_RE.finditer(text[-20_000:])):
            out["config_from_remote_code"] = True
    hit = (_UNMAPPED_AUTO_CLASS_RE.search(text[-20_000:]) or _AUTO_CLASS_RE.search(text[-20_000:])
           ) if "Auto" in text else None
    if hit:
        out["auto_class"] = hit.group(1)
    elif "TOKENIZER_MAPPING[type(config)]" in text:
        out["auto_class"] = "AutoTokenizer"  # the lookup of AutoTokenizer.from_pretrained (4.x), named by its code line
    hit = _ARCHITECTURES_RE.search(text) if "rchitecture" in text else None
    if hit:
        out["architecture"] = hit.group(1)
        family = _ARCH_FAMILY_RE.fullmatch(hit.group(1))
        listed = _SUPPORTED_ARCHS_RE.search(text, hit.end()) if family and "upported architectures" in flat else None
        if family and listed:  # a serving library's list: does it hold this family with another head?
            out["architecture_family"] = family.group(1)
            heads = {name for name in re.findall(r"\w{1,120}", listed.group(1)) if name != hit.group(1)}
            out["architecture_family_served"] = any(
                (m := _ARCH_FAMILY_RE.fullmatch(name)) is not None and m.group(1) == family.group(1) for name in heads)
    hit = _INSTANTIATED_TYPES_RE.search(text) if "to instantiate a model of type" in flat else None
    if hit and hit.group(1) != hit.group(2):  # both named (TGI's shard printed an empty second one) and different
        out["checkpoint_model_type"], out["class_model_type"] = hit.group(1), hit.group(2)
    hit = _INITIATED_TYPES_RE.search(text) if "You tried to initiate a model of type" in flat else None
    if hit and hit.group(1) != hit.group(2):
        out["class_model_type"], out["checkpoint_model_type"] = hit.group(1), hit.group(2)
    hit = _GGUF_ARCH_RE.search(text) if "model architecture" in flat else None
    if hit:
        out["gguf_architecture"] = hit.group(1)
    weights = _KEYERROR_WEIGHT_RE.findall(text[-20_000:]) if "KeyError" in text else []
    if weights:
        out["missing_weight"] = weights[-1]
    hit = _KERNEL_REPO_RE.search(text) if "kernel" in flat else None
    if hit:
        out["kernel_repo"] = hit.group(1) or hit.group(2)
    hit = _ENGINE_FREE_RE.search(text) if "Free memory on device" in text else None
    if hit and float(hit.group(2)) > 0:
        out["engine_free_share"] = round(float(hit.group(1)) / float(hit.group(2)), 3)
    hit = _PACKAGES_PYTHON_RE.search(text) if "-packages" in text else None
    if hit:
        out["python_version"] = f"3.{hit.group(1) or hit.group(2)}"
    before_310 = _python_before_310(text, out.get("python_version"))
    if before_310 is not None:
        out["python_before_3_10"] = before_310
    hit = _NOT_A_PACKAGE_RE.search(text) if "is not a package" in text else None
    if hit and hit.group(1) == hit.group(2):
        own_file = re.compile(r'File "(?![^"\n]*[/\\](?:site|dist)-packages[/\\])[^"\n]*?(?:^|[/\\])'
                              + re.escape(hit.group(2)) + r'\.py"')
        if own_file.search(text):
            out["module_shadowed_by_file"] = hit.group(2)
    runtime = serving_runtime(text[-50_000:])
    if runtime:
        out["serving_runtime"] = runtime
    hit = _TOKENIZER_CLASS_RE.search(text)
    if hit:
        out["tokenizer_class"] = hit.group(1)
    hit = _IMPORT_NAME_RE.search(text)
    if hit:
        out["import_name"], out["import_from"] = hit.group(1), (hit.group(2) or hit.group(3)).rstrip(".")
    elif "cannot import name" in text:
        alone = _IMPORT_NAME_ALONE_RE.search(text)
        named = [found.group(1) for found in _FROM_IMPORT_LINE_RE.finditer(text[:alone.start()])
                 if alone.group(1) in re.split(r"[\s,()]+", found.group(2))] if alone else []
        if alone and named:  # the statement nearest the message that imports the name
            out["import_name"], out["import_from"] = alone.group(1), named[-1]
    hit = _LAZY_IMPORT_RE.search(text) if "Failed to import" in text else None
    if hit:
        out["lazy_import_module"] = hit.group(1).rstrip(".")
    hit = _PIPELINE_CLASSES_RE.search(text) if "following classes" in flat else None
    own = _PIPELINE_OWN_CLASS_RE.search(hit.group(1)) if hit else None
    if own:
        out["pipeline_own_class"] = own.group(1)
    hit = _PIPELINE_TASK_RE.search(text) if "Unknown task" in flat else None
    if hit:
        out["pipeline_task"] = hit.group(1)
    hit = _SPACY_MODEL_RE.search(text) if "E050" in text else None
    if hit:
        out["spacy_model"] = hit.group(1)
    hit = _NO_MODULE_RE.search(text)
    missing_module = hit.group(1) if hit else _cut_module_name(text)
    if missing_module:
        out["missing_module"] = missing_module
        top = missing_module.split(".", 1)[0]
        out["package"] = _PIP_NAMES.get(missing_module, _PIP_NAMES.get(top, top))
        parts = missing_module.split(".")
        if top == "llama_index" and len(parts) >= 3 and parts[1] != "core":
            # llama-index's integrations are namespace packages: llama_index.embeddings.huggingface is installed as
            # llama-index-embeddings-huggingface, not with llama-index itself
            out["package"] = "-".join(["llama-index", parts[1], parts[2]]).replace("_", "-")
    for package_re in _PACKAGE_RES:
        hit = package_re.search(text)
        if hit and "package" not in out:
            out["package"] = _DISPLAY_NAMES.get(hit.group(1), hit.group(1))
    for pattern in _KWARG_RES:
        hit = pattern.search(text)
        if hit:
            out["unexpected_kwarg"] = hit.group(1)
            break
    hit = _KWARG_OWNER_RE.search(text) if "unexpected keyword" in flat else None
    if hit:
        out["kwarg_owner"], out["kwarg_method"] = hit.group(1), hit.group(2)
    elif "unexpected keyword" in flat:
        bare = _KWARG_FUNCTION_RE.search(text)
        if bare:
            out["kwarg_method"] = bare.group(1)
    if "unexpected keyword" in flat and "kwarg_owner" not in out:
        # Python 3.9 and older name no class ("__init__() got an unexpected keyword argument 'x'"): the package of
        # the last installed-library frame is the one whose code built the object
        tail = text[-20_000:]
        frames = list(_PACKAGE_FRAME_RE.finditer(tail))
        # ... unless a frame of the caller's own code follows it (the caller built the object itself)
        if frames and not _FILE_FRAME_RE.search(tail, frames[-1].end()):
            out["kwarg_frame_package"] = frames[-1].group(1)
    hit = _MISSING_ARGUMENT_RE.search(text) if "required" in flat else None
    if hit:
        out["missing_argument_function"], out["missing_argument"] = hit.group(1), hit.group(2)
    hit = _UNDEFINED_NAME_RE.search(text) if "is not defined" in flat else None
    if hit:
        out["undefined_name"] = hit.group(1)
        tail = text[: hit.start()][-20_000:]
        frames = list(_FILE_FRAME_RE.finditer(tail))
        if frames:
            # the last frame before the message raised it: an installed library's code (its optional import was
            # skipped), or the caller's own script (an import the caller left out)
            out["undefined_name_in_library"] = bool(_PACKAGE_FRAME_RE.search(frames[-1].group(0)))
    hit = _PYDANTIC_EXTRA_RE.search(text) if "not permitted" in flat else None
    if hit:
        out["kwarg_owner"], out["unexpected_kwarg"] = hit.group(1), hit.group(2)
    for pattern in _CC_RES if ("apability" in text or "sm_" in text) else ():
        hit = pattern.search(text)
        if hit:
            out["compute_capability"] = f"{hit.group(1)}.{hit.group(2)}"
            break
    hit = _GPU_VS_BUILD_RE.search(text) if "is not compatible with the current PyTorch" in flat else None
    if hit:
        built = [int(n) for n in re.findall(r"(?:sm|compute)_(\d{2,3})", hit.group(2))]
        if built:  # newer than every architecture the build has kernels for: only a newer build helps
            out["gpu_newer_than_torch_build"] = int(hit.group(1)) > max(built)
    hit = _GPU_RE.search(text[-50_000:]) if any(n in text for n in _GPU_NEEDLES) else None
    if hit:
        out["gpu_name"] = hit.group(1)
    hit = _CODE_REVISION_RE.search(text) if "revision" in text else None
    if hit:
        out["code_revision"] = hit.group(1)
    # the first tensor whose rows mean something: BART's final_logits_bias, shape [1, vocab], comes before the
    # embeddings, whose rows are the vocabulary
    sizes = list(itertools.islice(_SIZE_RE.finditer(text), 50)) if "copying a param" in text else []
    with_rows = (h for h in sizes if not re.fullmatch(r"1,\d+", h.group(1).replace(" ", "")))
    hit = next(with_rows, sizes[0] if sizes else None)
    hit = hit or _FOUND_SHAPE_RE.search(text) or _SET_TENSOR_RE.search(text)
    if hit is None and ("load weight" in flat or "same shape as the original" in flat):
        hit = _LOADER_SHAPE_RE.search(text)
    model_first = _EXPECTED_SHAPE_RE.search(text) if hit is None and "expected shape" in text else None
    shown = hit or model_first
    if shown:
        shapes = [g for g in shown.groups() if g is not None][:2]
        # diffusers names the model's shape first ("expected shape X, but got Y"), the other loaders the checkpoint's
        checkpoint_shape, model_shape = shapes[::-1] if model_first else shapes
        out["checkpoint_shape"], out["model_shape"] = checkpoint_shape, model_shape
        out["checkpoint_rows"] = checkpoint_shape.split(",", 1)[0].strip()
        out["model_rows"] = model_shape.split(",", 1)[0].strip()
        checkpoint_dims = [d.strip() for d in checkpoint_shape.split(",")]
        model_dims = [d.strip() for d in model_shape.split(",")]
        if len(checkpoint_dims) == 2 and checkpoint_dims != model_dims and checkpoint_dims[::-1] == model_dims:
            out["shapes_transposed"] = True
        elif len(checkpoint_dims) == len(model_dims) == 2 and checkpoint_dims[1] != model_dims[1]:
            out["shapes_width_differs"] = True  # [32000, 4096] against [32000, 5120]: another size of the model
        param = _MISMATCH_PARAM_RE.search(text[max(0, shown.start() - 400):shown.start()])
        if param:
            out["mismatch_param"] = param.group(1)
            if (len(checkpoint_dims) == len(model_dims) == 2 and checkpoint_dims[1] == model_dims[1] == model_dims[0]
                    and all(d.isdigit() for d in (*checkpoint_dims, *model_dims))
                    and 0 < int(checkpoint_dims[0]) < int(model_dims[0])
                    and re.search(r"(?:self_attn|attention)\.[qkv]_proj\.weight$", param.group(1))):
                # [256, 2048] into [2048, 2048]: the model built one row per hidden unit where the checkpoint has
                # fewer heads for keys and values (GQA) or another head_dim; a release that ignores those settings
                out["attention_projection_narrower"] = True
    if "mismatch_param" not in out and "shape" in text:
        tensor_named = _NAMED_TENSOR_RE.search(text)
        if tensor_named:  # a dotted path only: a bare leaf ("weight") says nothing of where the tensor sits
            out["mismatch_param"] = next(g for g in tensor_named.groups() if g)
    if "ignore_mismatched_sizes" in text and ("consider adding `ignore_mismatched_sizes" in text
                                              or "You set `ignore_mismatched_sizes` to `False`" in text):
        out["ignore_sizes_hinted"] = True  # transformers' own load report points at the option
    if "GatedRepoError" in text or "gated repo" in flat or "ated model" in flat:
        out["gated"] = True
    if _SYMLINK_REFUSED_RE.search(text):
        out["symlink_refused"] = True
    hit = _GGUF_REPO_PATH_RE.search(text) if ".gguf" in text else None
    if hit:
        out["gguf_repo_path"] = _cut(hit.group(1))
    hit = _INVALID_ID_RE.search(text) if ("Repo id must" in flat or "path_or_model_id" in flat or (
        "max length is 96" in flat)) else None
    if hit:  # the id huggingface_hub's validator refused, which a later request URL in the same text is not
        out["invalid_repo_id"] = _cut(hit.group(1))
    given_id = _quoted_id(text) if ("/blob/" in text or "/resolve/" in text or "/tree/" in text) else None
    web = _HUB_WEB_PATH_RE.fullmatch(given_id) if given_id else None
    if web and "gguf_repo_path" not in out:
        # the id given is a Hub page's address or path, "org/name/blob/main/file.safetensors": the repo, a revision
        # and a file, not an id
        out["web_path_repo"], out["web_path_revision"] = web.group(1), _cut(unquote(web.group(2)))
        if web.group(3):
            out["web_path_file"] = _cut(unquote(web.group(3)))
    if "snapshots" in text and _SNAPSHOT_FOLDER_RE.search(text):
        out["cache_snapshot_folder"] = True
    if "refs" in text and _CACHE_REF_MISSING_RE.search(text):
        out["cache_ref_missing"] = True
    hit = _PARAMETERS_LISTED_RE.search(text) if "arameters" in text else None
    if hit:  # mlx's load_weights: only quantization parameters (scales, biases) missing or extra, or other weights too
        names = re.findall(r"[\w.]{1,200}\.\w{1,40}", hit.group(1))
        if names:
            out["parameters_only_quantization"] = all(n.endswith((".scales", ".biases")) for n in names)
    hit = _CONFIG_PART_RE.search(text) if "required positional argument" in flat else None
    if hit:
        out["missing_config_part"] = hit.group(1)
    hit = _CUDA_LIBRARY_RE.search(text) if ("cudnn" in text or "cublas" in text) else None
    if hit:
        out["cuda_library"] = hit.group(1)
    if any(word in flat for word in _BUILD_TOOL_WORDS):
        tool = next((name for pattern, name in _BUILD_TOOL_RES if pattern.search(text)), None)
        if tool:
            out["build_tool_missing"] = tool
    asked = _listed_name(text) if ("expected one of" in flat or "choose from" in flat or "not found" in flat
                                   or "not in [" in flat) else None
    if asked:
        out["listed_name"] = asked[0]
        if asked[1]:
            out["listed_name_kind"] = asked[1]
        if asked[2]:
            out["listed_name_near"] = asked[2]
    byte = _unpickle_byte(text) if ("operand" in text or "load key" in flat) else None
    if byte is not None:
        out["unpickle_byte"] = byte
    hits = list(_PIPELINE_COMPONENTS_RE.finditer(text)) if "were passed" in flat else []
    if hits:  # the last: an IPython paste shows the f-string's source line ("expected {expected_modules}") first
        expected, passed = (set(_COMPONENT_NAME_RE.findall(group)) for group in hits[-1].groups())
        missing = sorted(expected - passed)
        if missing:
            out["pipeline_missing_components"] = _cut(", ".join(missing[:20]))
            # what a checkpoint without a safety checker lacks: the class takes None for them
            out["pipeline_missing_only_optional"] = set(missing) <= _USUALLY_OPTIONAL_COMPONENTS
    code_dtype = _code_dtype(text) if ("dtype" in text or ".half()" in text) else None
    if code_dtype:
        out["code_dtype"] = code_dtype
    if _CODE_QUANTIZED_RE.search(text):
        out["code_quantized"] = True
    hit = _QUANT_METHOD_RE.search(text) if "quantization" in text else None
    if hit:
        out["quant_method"] = hit.group(1)
    hit = _TWO_DEVICES_RE.search(text) if "two devices" in flat else None
    if hit:  # "cuda:0 and cuda:1": a model split across accelerators, not inputs left on the CPU
        out["split_across_accelerators"] = all(g.split(":")[0] not in ("cpu", "meta") for g in hit.groups())
    if ("Users" in text or "/home/" in text) and any(
            (char.isalpha() and not char.isascii()) or char == "\ufffd"  # not "C:\Users\…\": a name left out
            for name in _HOME_PATH_RE.findall(text[-20_000:]) for char in name):
        out["home_path_non_ascii"] = True  # "C:\Users\Jerôme\.cache": C/C++ loaders open narrow (ANSI) paths on Windows
    if _MACOS_RE.search(text):
        out["host_os"] = "macos"
    elif ("\\" in text or "WinError" in text or "python_embeded" in text) and _WINDOWS_RE.search(text):
        out["host_os"] = "windows"
    hit = (_WINDOWS_MISSING_PATH_RE.search(text)
           if "No such file or directory" in text or "cannot find the path specified" in text else None)
    if hit:  # Windows refuses paths of 260 characters or more unless long paths are enabled
        out["missing_windows_path_length"] = len(hit.group(1).replace("\\\\", "\\"))  # repr doubles backslashes
    # "'bert-base-german-cased\\processor_config.json'": a folder in the working directory named like a legacy Hub id
    # (a moved id has an organisation: two folders, not one); also with the path a terminal broke across two lines
    hit = (_RELATIVE_MISSING_PATH_RE.search(text) or _RELATIVE_MISSING_PATH_RE.search(text.replace("\n", ""))
           if "No such file or directory" in text else None)
    if hit and canonical_id(hit.group(1)) == "legacy":
        out["missing_path_folder_canonical"] = "legacy"
    recent = text[-50_000:]
    net = network_error(recent)
    status = out.get("http_status")
    if isinstance(status, int) and (status >= 500 or status == 429) and net in (None, "connection"):
        net = "server"
    if net:
        out["network_error"] = net
    if (net == "connection" and any(needle in recent for needle in _NO_ROUTE_WORDS)
            and not _PROXY_OR_CDN_RE.search(recent)):
        out["network_unreachable"] = True
    out["truncated"] = _looks_truncated(text)
    return out


#: the path of a "[Errno 2] No such file or directory: 'C:\\...'" on Windows (quotes as Python prints them; the path may
#: start on the next line when a log wraps it)
_WINDOWS_MISSING_PATH_RE = re.compile(r"(?:No such file or directory|cannot find the path specified):\s{0,4}"
                                      r"'([A-Za-z]:\\[^'\n]{1,1000})(?:'|$)", re.MULTILINE)
#: a relative path of one folder and a file ("No such file or directory:
#: 'bert-base-german-cased\\\\processor_config.json'", 'gpt2/config.json'): the folder's name,
#: read in the working directory
_RELATIVE_MISSING_PATH_RE = re.compile(r"No such file or directory:\s{0,4}'([A-Za-z][\w.\-]{0,95})(?:/|\\{1,2})"
                                       r"[\w.\-]{1,100}'")
#: torch: "Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!"
_TWO_DEVICES_RE = sentence_re(r"found at least two devices,? (\w{2,8}(?::\d{1,2})?) and (\w{2,8}(?::\d{1,2})?)")
#: a Windows install in the paths a traceback prints (C:\\...\\Lib\\site-packages, ComfyUI's python_embeded, a WinError;
#: JSON and repr double the backslashes)
_WINDOWS_RE = re.compile(r"\b[A-Za-z]:\\{1,2}[^\n'\"]{0,200}?\\{1,2}"
                         r"(?:[Ll]ib\\{1,2}site-packages|python_embeded|Scripts)\\{1,2}"
                         r"|\bpython_embeded\b|\[WinError \d+\]")
#: A user's home folder as a path prints it (C:\Users\x, /home/x, /Users/x): a name with a letter outside ASCII, or
#: the replacement character a narrow-string conversion left ("Matthias B\ufffdckh"), is one native loaders cannot open
_HOME_PATH_RE = re.compile(r"(?:\b[A-Za-z]:\\{1,2}(?:Users|Documents and Settings)\\{1,2}"
                           r"|(?:^|[\s\"'(=])/(?:home|Users)/)([^\\/\n\"']{1,80})")
#: A Mac in the text (its home and Homebrew paths, the framework Python, or the machine named): no CUDA there, so
#: CUDA-only libraries (bitsandbytes before its multi-backend releases, exllama, flash-attn) cannot load, whatever
#: their messages say
_MACOS_RE = Gated(sentence_re(r"(?:^|[\s\"'(=])/(?:Users|opt/homebrew)/|Python\.framework/|\bmacOS\b|\bMacBook|"
                             r"\bApple (?:[Ss]ilicon|M[1-5])\b|"
                             r"(?<![A-Za-z0-9])M[1-5](?: (?:Pro|Max|Ultra))? ?(?:chip|芯片|Mac)"))


#: What kind of network failure the text shows, first match wins: a Hub-side error or a timeout passes with a
#: retry; a connection, DNS or TLS failure needs the network fixed; offline mode needs the cache.
#: No route at all from this machine: the Hub's host name did not resolve, or the network is down (an air-gapped host,
#: an HPC compute node, a container without DNS), unlike a proxy that refused or a connection that was cut; Python's
#: resolver and socket, Node's and Go's clients (a "connection" failure, see _NETWORK_KINDS)
_NO_ROUTE_NEEDLES = ("Name or service not known", "Temporary failure in name resolution", "getaddrinfo failed",
                     "Network is unreachable", "network is unreachable", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH",
                     "no such host")
#: ... and the same by errno alone, which a "connection" failure's other words come with
_NO_ROUTE_ERRNOS = ("nodename nor servname", "[Errno -2]", "[Errno -3]", "[Errno 101]")
_NO_ROUTE_WORDS = (*_NO_ROUTE_NEEDLES, *_NO_ROUTE_ERRNOS)
_NETWORK_KINDS = (
    ("offline", ("OfflineModeIsEnabled", "outgoing traffic has been disabled", "HF_HUB_OFFLINE=1",
                 "offline mode is enabled")),
    ("ssl", ("SSLError", "CERTIFICATE_VERIFY_FAILED", "SSL: ", "certificate verify failed")),
    ("server", ("Server Error", "Internal Server Error", "Bad Gateway", "Service Unavailable", "Gateway Time",
                "Too Many Requests", "429 Client Error", "Rate limited",
                # GitHub's API limit, which torch.hub meets checking a repo: "HTTP Error 403: rate limit exceeded"
                "rate limit exceeded", "Rate limit exceeded")),
    ("timeout", ("ReadTimeout", "Read timed out", "ConnectTimeout", "timed out", "TimeoutError",
                 "RemoteDisconnected", "IncompleteRead", "ChunkedEncodingError", "Connection reset",
                 # hf_xet's transfers (Rust): "CAS service error : ... IncompleteBody", "CasObjectError(...)"
                 "CAS service error", "CasObjectError", "IncompleteBody",
                 # httpx (huggingface_hub 1.x and later): a body cut short, a dropped connection, a busy pool
                 "RemoteProtocolError", "peer closed connection", "Server disconnected without sending",
                 "httpx.ReadError", "httpcore.ReadError", "httpx.WriteError", "httpcore.WriteError", "PoolTimeout",
                 # Node (transformers.js, JS apps) and Go (ollama, Go tools) clients
                 "ETIMEDOUT", "ECONNRESET", "i/o timeout", "connection reset by peer",
                 "context deadline exceeded")),
    ("connection", (
        *_NO_ROUTE_NEEDLES, "NewConnectionError", "Failed to establish a new connection", "Connection refused",
        "ProxyError", "Max retries exceeded", "ConnectionError", "ConnectError", "couldn't connect to",
        # Node and Go clients: refused connections
        "ECONNREFUSED", "EHOSTUNREACH", "server misbehaving", "connect: connection refused")),
)


#: Serving and conversion tools that load Hugging Face checkpoints with their own loader and model registry, by
#: what their tracebacks and logs print (module paths, launcher names); first match wins.
_RUNTIMES = (
    ("vLLM", Gated(sentence_re(r"(?:[\\/]|\b)vllm[\\/.]|\bVllmWorker|\bvLLM\b"))),
    ("TGI", Gated(sentence_re(r"text_generation_(?:server|launcher)|text-generation-(?:launcher|inference)"))),
    ("SGLang", Gated(sentence_re(r"(?:[\\/]|\b)sglang[\\/.]"))),
    ("LMDeploy", Gated(sentence_re(r"(?:[\\/]|\b)lmdeploy[\\/.]"))),
    ("TensorRT-LLM", Gated(sentence_re(r"\btensorrt_llm\b"))),
    ("CTranslate2", Gated(sentence_re(r"\bctranslate2\b"))),
    ("TEI", Gated(sentence_re(r"text[-_]embeddings[-_](?:router|inference)"))),
    # Apple's MLX loaders (mlx-lm, mlx-vlm, mlx-audio, MLX Swift): their own model code, no ignore_mismatched_sizes
    ("MLX", Gated(sentence_re(r"(?:[\\/]|\b)mlx[_-](?:lm|vlm|audio|swift|engine)\b|\bmlx_(?:lm|vlm|audio)\.|"
                             r"\bmismatchedSize\(key:"))),
)


def serving_runtime(text: str) -> str | None:
    """The serving library whose own loader printed the text (vLLM, TGI, SGLang ...), if its traces show."""
    if not any(needle in text for needle in ("llm", "LLM", "text_", "text-", "sglang", "lmdeploy", "ctranslate2", "mlx",
                                             "mismatchedSize")):
        return None
    for name, pattern in _RUNTIMES:
        if pattern.search(text):
            return name
    return None


#: A connection failure with a proxy in the way, or the Hub's file CDN alone unresolved (the Hub itself answered first:
#: a network that works, and a retry that does): not "no route" (_NO_ROUTE_NEEDLES)
_PROXY_OR_CDN_RE = re.compile(r"[Pp]roxy|PROXY|cdn-lfs[\w.\-]*\.(?:huggingface|hf)\.co|cas-bridge\.xethub|"
                              r"\.xethub\.hf\.co")


def network_error(text: str) -> str | None:
    """``offline``, ``ssl``, ``server``, ``timeout`` or ``connection``: the kind of network failure in the text."""
    for kind, needles in _NETWORK_KINDS:
        for needle in needles:  # plain loops: any() over a generator, once per kind, cost more than the tests
            if needle in text:
                return kind
    return None


def _looks_truncated(text: str) -> bool:
    """True if the paste stops mid-message: a quote, bracket or backtick left open on its last line."""
    tail = text.rstrip()
    if not tail:
        return False
    last = tail.rsplit("\n", 1)[-1][-2000:]
    return (last.count("'") % 2 == 1 and "'s " not in last and "n't" not in last) or last.count("`") % 2 == 1 or (
        last.count('"') % 2 == 1) or (
        last.count("(") > last.count(")")) or last.endswith(("…", "...", ",")) or last.count("[") > last.count("]")
