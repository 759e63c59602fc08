"""Typed parameters of saved queries: text from a URL or the command line, checked against its type
and turned into the RDF term it stands for (an IRI, a typed or language-tagged literal).

The term is bound to the query's variable by pyoxigraph's `substitutions`; no value is ever
written into query text."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Variable

from ..config import Config
from ..errors import ClientError
from ..store import open_store
from ..vocab import TOPIC_NS, XSD
from .files import sparql

RESERVED = ("page", "format", "timeout")   # request parameters of the endpoint itself, never bound
TYPES = ("iri", "string", "langstring", "date", "integer", "topic")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    default: str | None = None
    example: str | None = None
    required: bool = True         # only meaningful without a default
    enum: tuple[str, ...] = ()    # allowed values of a string parameter

    @property
    def optional(self) -> bool:
        return self.default is not None or not self.required


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def term(p: Param, value: str, base_iri: str, topics: set[str] | None):
    """The RDF term a parameter's text stands for, or a ClientError (400) saying why it is not one."""
    try:
        return _PARSERS[p.type](p, value, base_iri, topics)
    except ValueError as exc:
        raise invalid(p.name, str(exc)) from None


def invalid(name: str, message: str) -> ClientError:
    return ClientError(400, message, f"parameter {name!r}")


def _iri(p, value, base_iri, topics):
    if not value.strip():
        raise ValueError("an IRI is required")
    # A short path such as id/actor/antony-blinken is relative to this graph's base IRI.
    iri = value if _SCHEME.match(value) else base_iri + value.lstrip("/")
    try:
        return NamedNode(iri)
    except ValueError as exc:
        raise ValueError(f"not a valid IRI ({exc}); give a full IRI or a path such as id/actor/peru") from None


def _string(p, value, base_iri, topics):
    if p.enum and value not in p.enum:
        raise ValueError(f"must be one of: {', '.join(p.enum)}")
    return Literal(value)


def _langstring(p, value, base_iri, topics):
    text, at, lang = value.rpartition("@")
    if not at or not lang:
        raise ValueError("expected text@language, e.g. Perú@es")
    try:
        return Literal(text, language=lang)
    except ValueError as exc:
        raise ValueError(f"{lang!r} is not a language tag ({exc})") from None


def _date(p, value, base_iri, topics):
    m = _DATE.match(value)
    if not m:
        raise ValueError("expected a date YYYY-MM-DD, a month YYYY-MM or a year YYYY")
    year, month, day = m.groups()
    try:
        if day:
            dt.date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    return Literal(value, datatype=XSD.date if day else XSD.gYearMonth if month else XSD.gYear)


def _integer(p, value, base_iri, topics):
    if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
        raise ValueError("expected an integer")
    return Literal(int(value))


def _topic(p, value, base_iri, topics):
    slug = value[len(TOPIC_NS):] if value.startswith(TOPIC_NS) else value
    if not re.fullmatch(r"[a-z0-9-]+", slug):
        raise ValueError("expected a topic id such as migration (or its IRI)")
    if topics is not None and slug not in topics:
        raise ValueError(f"{slug!r} is not a topic of the scheme; one of: {', '.join(sorted(topics))}")
    return NamedNode(TOPIC_NS + slug)


_PARSERS = {"iri": _iri, "string": _string, "langstring": _langstring, "date": _date,
            "integer": _integer, "topic": _topic}


def topics(config: Config) -> set[str]:
    """The ids of the topic scheme as the store holds it."""
    store = open_store(config)
    return _topics(store.generation, store)


@lru_cache(maxsize=4)
def _topics(generation, store) -> set[str]:
    return {s["n"].value for s in store.query(sparql("linked/topics.rq"))}


def bind(params: tuple[Param, ...], values: dict[str, list[str]], config: Config, owner: str) -> dict:
    """Substitutions for `owner`'s parameters from request values ({name: [values]}), or a ClientError."""
    known = {p.name for p in params}
    unknown = sorted(set(values) - known - set(RESERVED))
    if unknown:
        takes = ", ".join(sorted(known | set(RESERVED)))
        raise invalid(unknown[0], f"unknown parameter of {owner} (it takes: {takes})")
    scheme = topics(config) if any(p.type == "topic" for p in params) else None
    subs = {}
    for p in params:
        given = [v for v in values.get(p.name, []) if v != ""]  # an empty form field means "not given"
        if len(given) > 1:
            raise invalid(p.name, "given more than once")
        value = given[0] if given else p.default
        if value is None:
            if p.required:
                raise invalid(p.name, f"is required ({p.type}, e.g. {p.example or '…'})")
            continue  # an optional parameter left out leaves its variable free
        subs[Variable(p.name)] = term(p, value, config.base_iri, scheme)
    return subs
