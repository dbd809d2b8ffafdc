"""Coded errors: every failure the library raises names a stable code a user can look up."""

from __future__ import annotations


class FieldbriefError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
