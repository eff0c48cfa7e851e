"""Text that cannot do harm where it is shown: in XML, HTML, a terminal or a CI log.

Three kinds of character in source text (or in a file name) can hurt a reader:

- characters XML 1.0 forbids (NUL, the other C0 controls but tab and newline, lone
  surrogates, U+FFFE/U+FFFF): they make JUnit XML ill-formed and have no business in HTML;
- line breaks in a value printed on one line (a file name with a newline can forge
  lines of output, e.g. GitHub workflow commands);
- bidirectional controls (U+202A-U+202E, U+2066-U+2069) that make
  ``https://x.example/\u202egpj.exe`` read as ``.../exe.jpg``.

``clean_text`` is applied to what ingest reads (the data keeps no controls);
``display`` to every value a page or a report shows (bidi controls become a visible
``[U+202E]``); ``one_line`` to a value printed inside one line of output.
The marks used by right-to-left scripts in ordinary text (U+200E, U+200F, U+061C)
are kept: they cannot reverse a run of letters.
"""

from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return; DEL; lone surrogates; the two noncharacters XML forbids.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85"}
_ONE_LINE = re.compile("[\n\r\t\u2028\u2029\x85]")


def has_bidi_controls(text: str) -> bool:
    return _BIDI.search(text) is not None


def _mark(m: re.Match[str]) -> str:
    return f"[U+{ord(m.group()):04X}]"


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (lone surrogates become U+FFFD)."""
    if not _ILLEGAL.search(text):
        return text
    return _ILLEGAL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def display(text: str) -> str:
    """``text`` as a page shows it: no forbidden characters, bidi controls as a visible ``[U+202E]``."""
    text = clean_text(text)
    return _BIDI.sub(_mark, text) if _BIDI.search(text) else text


def _escaped_control(m: re.Match[str]) -> str:
    c = m.group()
    return "\ufffd" if "\ud800" <= c <= "\udfff" else f"\\x{ord(c):02x}"


def one_line(text: str) -> str:
    """``text`` printed inside one line (a file name in a log): line breaks and controls shown
    as escapes (``\\n``, ``\\x07``), bidi controls marked; nothing that starts a new line."""
    text = _ILLEGAL.sub(_escaped_control, text)
    text = _ONE_LINE.sub(lambda m: _LINE_BREAKS[m.group()], text)
    return _BIDI.sub(_mark, text)
