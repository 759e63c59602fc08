"""Errors about input, worded so that a person can find and fix the cause."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file (and line or fact) at fault."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        where = "" if self.path is None else str(self.path) + (f":{line}" if line else "") + ": "
        super().__init__(where + message)
