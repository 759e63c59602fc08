"""Reading the project's YAML data files with errors that name the file and line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


class Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text (our date parser reports bad ones by name, where YAML's
    own would crash on 2024-13-45) and refuses a key given twice in one mapping (YAML keeps the
    last one silently: a second `date:` in front matter would quietly win)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:  # an unhashable key: the base class reports it
                break
            if first is not key_node:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}: a key may be given once",
                    key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


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
