"""The worker's test of a complete request (kg/web/worker.py), which runs on raw bytes from any
client before a thread is given the connection: never an exception, never complete before the
last byte of a well-formed request, always complete at it (issue 12, item 2)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.web.worker import MAX_HEAD, complete

LIMIT = 1000
HEADER = st.tuples(st.sampled_from([b"Accept", b"X-a", b"User-Agent", b"content-type"]),
                   st.binary(max_size=20).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")))


def head(method: bytes, headers, extra: bytes = b"") -> bytes:
    lines = [method + b" /sparql HTTP/1.1", b"Host: x"] + [k + b": " + v for k, v in headers]
    return b"\r\n".join(lines) + b"\r\n" + extra + b"\r\n"


def chunked(body: bytes, sizes: list[int]) -> bytes:
    out, at = b"", 0
    for size in sizes:
        piece = body[at:at + size]
        if not piece:
            break
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        at += len(piece)
    if at < len(body):
        out += b"%x\r\n" % (len(body) - at) + body[at:] + b"\r\n"
    return out + b"0\r\n\r\n"


REQUESTS = st.one_of(
    st.lists(HEADER, max_size=4).map(lambda h: head(b"GET", h)),
    st.tuples(st.lists(HEADER, max_size=3), st.binary(max_size=300)).map(
        lambda t: head(b"POST", t[0], b"Content-Length: %d\r\n" % len(t[1])) + t[1]),
    st.tuples(st.lists(HEADER, max_size=3), st.binary(max_size=300), st.lists(st.integers(1, 64), max_size=8)).map(
        lambda t: head(b"POST", t[0], b"Transfer-Encoding: chunked\r\n") + chunked(t[1], t[2])),
)


@settings(max_examples=300, derandomize=True, database=None)
@given(request=REQUESTS)
def test_a_well_formed_request_is_complete_at_its_last_byte_and_not_before(request):
    assert complete(request, LIMIT)
    for cut in range(len(request)):
        assert not complete(request[:cut], LIMIT), (cut, request[:cut])


@settings(max_examples=300, derandomize=True, database=None)
@given(raw=st.binary(max_size=2000))
def test_any_bytes_are_judged_without_an_exception(raw):
    assert complete(raw, LIMIT) in (True, False)


def test_a_body_announced_over_the_limit_is_handed_over_at_once():
    assert complete(head(b"POST", [], b"Content-Length: 1001\r\n"), LIMIT)


def test_a_chunked_body_over_the_limit_is_handed_over_once_past_it():
    body = chunked(b"x" * 2000, [100] * 20)
    request = head(b"POST", [], b"Transfer-Encoding: chunked\r\n") + body
    assert complete(request[: len(request) // 2 + 300], LIMIT)


def test_headers_that_never_end_are_handed_over_past_the_limit_gunicorn_refuses():
    assert not complete(b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 1000, LIMIT)
    assert complete(b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * (MAX_HEAD // 6 + 1), LIMIT)
