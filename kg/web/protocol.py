"""The query operation of the SPARQL 1.1 Protocol: what a request asks for, or why it is refused.

Parameters are decoded from the raw bytes strictly as UTF-8 (the Protocol requires it), so that a
badly encoded request is refused with the parameter's name instead of being silently mangled."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from flask import Request
from gunicorn.http.errors import ParseException
from pyoxigraph import NamedNode
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import ClientError
from ..query.results import FORMATS, known
from ..query.run import requested_timeout

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass
class QueryRequest:
    query: str | None                      # None: no query at all (the service description is wanted)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None
    timeout: float | None = None


def _params(raw: bytes, where: str) -> list[tuple[str, str]]:
    out = []
    for pair in raw.split(b"&"):
        if not pair:
            continue
        key, _, value = pair.partition(b"=")
        key, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in (key, value))
        try:
            out.append((key.decode("utf-8"), value.decode("utf-8")))
        except UnicodeDecodeError as exc:
            name = key.decode("utf-8", "replace")
            raise ClientError(400, f"the {name!r} parameter in the {where} is not valid UTF-8 "
                                     f"(byte {exc.start}); the SPARQL Protocol requires UTF-8") from None
    return out


def arguments(request: Request) -> dict[str, list[str]]:
    """The URL's parameters decoded strictly as UTF-8 (a 400 naming the parameter otherwise), where
    Werkzeug's request.args would put U+FFFD in place of the bad bytes."""
    values: dict[str, list[str]] = {}
    for key, value in _params(request.query_string, "URL"):
        values.setdefault(key, []).append(value)
    return values


def _body(request: Request, max_bytes: int) -> bytes:
    if request.content_length is not None and request.content_length > max_bytes:
        raise ClientError(413, f"the request body has {request.content_length} bytes; "
                                 f"this endpoint accepts at most {max_bytes}")
    if request.content_length is None and request.environ.get("wsgi.input_terminated"):
        return _chunked(request, max_bytes)
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise ClientError(413, f"the request body exceeds {max_bytes} bytes, the most this endpoint accepts") from None


def _chunked(request: Request, max_bytes: int) -> bytes:
    """A body of unannounced length (Transfer-Encoding: chunked), read from the server's own stream:
    one byte past the limit is a 413 (not a body silently cut at the limit), a malformed chunk a 400."""
    if "kg.body" in request.environ:
        return request.environ["kg.body"]
    stream, parts, size = request.environ["wsgi.input"], [], 0
    try:
        while size <= max_bytes:
            part = stream.read(min(65536, max_bytes + 1 - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
    except (ParseException, OSError, ValueError) as exc:  # gunicorn's InvalidChunkSize, ChunkMissingTerminator…
        raise ClientError(400, f"the chunked request body is malformed ({type(exc).__name__}: {exc})") from None
    if size > max_bytes:
        raise ClientError(413, f"the request body exceeds {max_bytes} bytes, the most this endpoint accepts")
    body = request.environ["kg.body"] = b"".join(parts)
    return body


def _charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ClientError(415, f"charset={charset} is not accepted: the SPARQL Protocol requires UTF-8")


def _format(values: list[str]) -> str | None:
    """The first `format` value naming a known format (clients such as SPARQLWrapper send several)."""
    values = [v for v in values if v.strip()]
    for v in values:
        if known(v):
            return v
    if values:
        names = ", ".join(f.name for f in FORMATS)
        raise ClientError(400, f"format={values[0]!r} is not a format this endpoint writes (one of: {names}, "
                                 "or a media type)")
    return None


def _timeout(values: list[str]) -> float | None:
    return requested_timeout(values[-1]) if values else None


def _graphs(values: dict[str, list[str]], name: str) -> list[str]:
    for v in values.get(name, []):
        try:
            NamedNode(v)
        except ValueError as exc:
            raise ClientError(400, f"{name}={v!r} is not an absolute IRI: {exc}") from None
    return values.get(name, [])


def parse(request: Request, max_bytes: int) -> QueryRequest:
    params = _params(request.query_string, "URL")
    body_query: str | None = None
    if request.method == "POST":
        ctype = request.mimetype
        if ctype == FORM:
            _charset(request)
            params += _params(_body(request, max_bytes), "form body")
        elif ctype == DIRECT:
            _charset(request)
            raw = _body(request, max_bytes)
            try:
                body_query = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ClientError(400, f"the query in the request body is not valid UTF-8 (byte {exc.start}); "
                                         "the SPARQL Protocol requires UTF-8") from None
        elif ctype == UPDATE:
            raise ClientError(403, "SPARQL Update is refused: this endpoint is read-only")
        elif not ctype:
            raise ClientError(415, f"a POST needs a Content-Type: {FORM} (a form with a query parameter) "
                                     f"or {DIRECT} (the query as the body)")
        else:
            raise ClientError(415, f"Content-Type {ctype} is not accepted: send {FORM} or {DIRECT}")
    values: dict[str, list[str]] = {}
    for key, value in params:
        values.setdefault(key, []).append(value)
    if "update" in values:
        raise ClientError(403, "SPARQL Update (the update parameter) is refused: this endpoint is read-only")
    queries = values.get("query", [])
    if body_query is not None:
        if queries:
            raise ClientError(400, "the query is both the request body and a query parameter; send it once")
        queries = [body_query]
    if len(queries) > 1:
        raise ClientError(400, f"the query parameter is repeated ({len(queries)} times); send exactly one query")
    if request.method == "POST" and not queries:
        raise ClientError(400, "the query parameter is missing: a POST must carry one query")
    given = [name for name in ("default-graph-uri", "named-graph-uri", "timeout") if name in values]
    if not queries and given:  # without any of these, a GET with no query asks for the service description
        raise ClientError(400, f"the query parameter is missing ({given[0]} was given without a query)")
    return QueryRequest(queries[0] if queries else None, _graphs(values, "default-graph-uri"),
                        _graphs(values, "named-graph-uri"), _format(values.get("format", [])),
                        _timeout(values.get("timeout", [])))
