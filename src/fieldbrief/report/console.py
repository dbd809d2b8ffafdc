"""Text that came from an article, made safe for a terminal: no control characters (an ESC sequence can
clear the screen, retitle the window or plant a hyperlink), no bidirectional overrides, and never read as
Rich markup (callers print with markup off, or build `rich.text.Text`)."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, CSI...), DEL, and the Unicode bidirectional embeddings/overrides/isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\n\t\u2028\u2029]+")


def printable(text: object, one_line: bool = True) -> str:
    """`text` with control characters removed (and, for one-line fields, line breaks folded to spaces)."""
    value = "" if text is None else str(text)
    if one_line:
        value = _LINE_BREAKS.sub(" ", value)
    return _CONTROLS.sub("", value)
