"""CSV that a spreadsheet cannot execute: a text cell starting with =, +, -, @, tab or carriage return is read
as a formula by Excel, LibreOffice and Sheets (CSV injection), so such cells get a leading apostrophe, as
OWASP advises. Numbers we write ourselves (coordinates, counts) are not text and stay as they are."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeDictWriter:
    """csv.DictWriter whose text cells are neutralised."""

    def __init__(self, out: TextIO, fieldnames: Iterable[str], **kwargs: Any) -> None:
        self.writer = csv.DictWriter(out, fieldnames=list(fieldnames), **kwargs)

    def writeheader(self) -> None:
        self.writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self.writer.writerow({key: safe_cell(value) for key, value in row.items()})
