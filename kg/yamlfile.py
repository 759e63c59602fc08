"""Reading the project's YAML data files with errors that name the file and line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


class Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: our date parser reports bad ones by name,
    where YAML's own would crash on 2024-13-45."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def loads(text: str):
    return yaml.load(text, Loader=Loader)


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
        return loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"malformed YAML: {problem}", mark.line + 1 if mark else None) from None
