"""What a query may do, decided before it runs: read only, and reach only allow-listed services.

pyoxigraph evaluates SERVICE by sending HTTP requests itself and offers no hook to veto them, so the
SERVICE clauses are found in the query text and checked against the allow-list first. Its parser
reads keywords even when glued to other text ("1SERVICE<…>", "SERVICESILENT", "SERVICE:x"), so every
mention of the word in code is examined, not just whole words.

Two walls stand behind this check (see run.py): a query without an allowed SERVICE runs in a
query process with no network at all, and a query that does get the network must not mention the
word "service" anywhere but in its checked SERVICE clauses (strings and comments included), so that
no lexing subtlety can smuggle a second clause past the check."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..errors import ClientError
from .lexer import IRIREF, PN_LOCAL, PN_PREFIX, VARNAME, code, iri_value, pname_parts, position, significant

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
# pyoxigraph parses and evaluates queries recursively: about 2,000 nested groups, 5,000 nested
# parentheses or 10,000 chained operators overflow a query process's stack and crash it. These
# limits stay well under that and far above any query a person or a tool writes.
MAX_DEPTH = 200          # nested { ( [
MAX_OPERATORS = 2000     # operators and group keywords (|| && ! + - * / UNION OPTIONAL …) in one query
_OPENING, _CLOSING = "{([", "})]"
_OPERATOR_CHARS = re.compile(r"\|\||&&|[!+*/^|=<>-]")
_GROUP_WORDS = re.compile(r"(?i)\b(?:UNION|OPTIONAL|MINUS|FILTER|BIND|GRAPH|SERVICE|EXISTS|SELECT|VALUES|IF|COALESCE)\b")
MAX_MENTIONS = 64     # of the word "service": far more than any real query federates to
TARGET_WINDOW = 4096  # characters an endpoint IRI may take

_SERVICE = re.compile(r"(?i)service")
# Every word the check looks for, anywhere in the text: a query holding none of them (most short
# queries) cannot be refused, and needs no lexing. A superset, so it never lets anything through
# that the lexer would have caught.
_ANY_CONCERN = re.compile("(?i)" + "|".join(sorted({*UPDATE_KEYWORDS, "SERVICE"})))
_GAP = re.compile(r"(?:\s|#[^\r\n]*+)*+")
_SILENT = re.compile(r"(?i)silent")
_TARGET = re.compile(f"(?P<iri>{IRIREF})|(?P<var>[?$]{VARNAME})|(?P<pname>(?:{PN_PREFIX})?:(?:{PN_LOCAL})?)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass
class Service:
    start: int             # offset of the keyword
    end: int               # offset just after the endpoint
    kind: str              # iri, var or pname
    text: str              # the endpoint as written
    endpoint: str | None   # resolved IRI (None for a variable or an undeclared prefix)


@dataclass
class Inspection:
    text: str
    update: str | None = None                       # the first update keyword found, if any
    services: list[Service] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # every offset of the word "service"


def _resolve(iri: str, base: str | None) -> str:
    return iri if _SCHEME.match(iri) or not base else urljoin(base, iri)


def _clause(text: str, at: int, prefixes: dict[str, str], base: str | None) -> Service | None:
    """The SERVICE clause whose keyword is at `at`, if the text there reads as one."""
    pos = _GAP.match(text, at + len("service")).end()
    silent = _SILENT.match(text, pos)
    if silent:
        pos = _GAP.match(text, silent.end()).end()
    target = _TARGET.match(text, pos, pos + TARGET_WINDOW)
    if not target or not text.startswith("{", _GAP.match(text, target.end()).end()):
        return None
    kind, written = target.lastgroup, target.group()
    endpoint = None
    if kind == "iri":
        endpoint = _resolve(iri_value(written), base)
    elif kind == "pname":
        prefix, local = pname_parts(written)
        endpoint = prefixes[prefix] + local if prefix in prefixes else None
    return Service(at, target.end(), kind, written, endpoint)


def inspect(sparql: str) -> Inspection:
    if not _ANY_CONCERN.search(sparql):
        return Inspection(sparql)
    return lexed(sparql)


def lexed(sparql: str) -> Inspection:
    """What the lexer finds in the text (inspect() without its shortcut)."""
    out = Inspection(sparql, mentions=[m.start() for m in _SERVICE.finditer(sparql)])
    if len(out.mentions) > MAX_MENTIONS:
        raise ClientError(400, f"the query mentions SERVICE {len(out.mentions)} times; at most {MAX_MENTIONS} are accepted")
    prefixes: dict[str, str] = {}
    base: str | None = None
    toks = list(significant(sparql))
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        kw = t.keyword
        if kw == "BASE" and nxt and nxt.kind == "iri":
            base = _resolve(iri_value(nxt.text), base)
        elif kw == "PREFIX" and nxt and nxt.kind == "pname" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[nxt.text.partition(":")[0]] = _resolve(iri_value(toks[i + 2].text), base)
        elif kw in UPDATE_KEYWORDS and out.update is None:
            out.update = kw
    for t in toks:
        if t.kind in ("word", "pname"):  # code; strings, IRIs, comments and variables are not
            for m in _SERVICE.finditer(t.text):
                clause = _clause(sparql, t.start + m.start(), prefixes, base)
                if clause:
                    out.services.append(clause)
    return out


def check_shape(sparql: str) -> None:
    """Raise ClientError (400) for a query nested or chained deeper than a query process can parse
    and evaluate without exhausting its stack (see MAX_DEPTH, MAX_OPERATORS)."""
    depth = operators = 0
    for text, start in code(sparql):
        operators += len(_OPERATOR_CHARS.findall(text)) + len(_GROUP_WORDS.findall(text))
        if operators > MAX_OPERATORS:
            raise ClientError(400, f"the query chains more than {MAX_OPERATORS} operators and group keywords "
                                   f"(at {position(sparql, start)}); split it or use VALUES or IN (…) lists")
        for i, c in enumerate(text):
            if c in _OPENING:
                depth += 1
                if depth > MAX_DEPTH:
                    raise ClientError(400, f"the query nests brackets more than {MAX_DEPTH} deep "
                                           f"(at {position(sparql, start + i)}); flatten it")
            elif c in _CLOSING:
                depth = max(depth - 1, 0)


def check(sparql: str, allowlist: tuple[str, ...] | list[str]) -> Inspection:
    """Raise ClientError (403; 400 for a malformed clause or a query too deeply nested) unless the
    query is read-only, every SERVICE clause is allow-listed, and it can be parsed safely."""
    check_shape(sparql)
    found = inspect(sparql)
    if found.update:
        raise ClientError(403, f"SPARQL Update ({found.update}) is refused: this endpoint is read-only")
    listed = ", ".join(f"<{a}>" for a in allowlist) or "empty"
    for s in found.services:
        where = position(sparql, s.start)
        if s.kind == "var":
            raise ClientError(403, f"SERVICE {s.text} ({where}): a variable endpoint cannot be checked against the "
                                   "allow-list, so it is refused; name the endpoint's IRI")
        if s.endpoint is None:
            raise ClientError(400, f"SERVICE {s.text} ({where}): its prefix is not declared")
        if s.endpoint not in allowlist:
            raise ClientError(403, f"SERVICE <{s.endpoint}> ({where}) is not on this endpoint's allow-list "
                                   f"(KG_SERVICE_ALLOWLIST: {listed}); no request was sent to it")
        if s.kind != "iri" or not _SCHEME.match(iri_value(s.text)):
            raise ClientError(403, f"SERVICE {s.text} ({where}): write an allow-listed endpoint as its full IRI, "
                                   f"<{s.endpoint}>, so that it can be checked exactly")
    return found


def vouch(found: Inspection) -> None:
    """For a query that will run with network access: the word "service" may appear only in the
    SERVICE clauses that were checked, nowhere else (not even in strings, IRIs or comments)."""
    for offset in found.mentions:
        if not any(s.start <= offset < s.end for s in found.services):
            raise ClientError(403, f"this query calls an allow-listed SERVICE, so it may mention \"service\" only in its "
                                   f"SERVICE clauses; another mention is at {position(found.text, offset)}")
