"""Reading the project's YAML data files with errors that name the file and line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


def read(path: Path):
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, "not valid UTF-8", raw[: exc.start].count(b"\n") + 1) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"malformed YAML: {problem}", mark.line + 1 if mark else None) from None
