"""A reconciliation service for the tests: a real HTTP server on loopback that speaks the W3C Entity
Reconciliation Service API as Wikidata's does (the manifest on GET; `queries=` batches by GET or
POST, with types and properties), over the made-up items of fixtures/reconcile-items.yaml. It
records what it was asked, and can be told to fail: an HTTP error, an answer that is not JSON, a
wrong identifier space, or an answer slower than the client's time limit.

Its scoring is its own (not kg.link.match): exact names 100, shared words less, a property that
contradicts the query's costs 30, and a type outside the query's excludes the item."""
from __future__ import annotations

import contextlib
import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

ITEMS = yaml.safe_load((Path(__file__).parent / "fixtures" / "reconcile-items.yaml").read_text(encoding="utf-8"))
WIKIDATA = "http://www.wikidata.org/entity/"


def _plain(text: str) -> str:
    return " ".join("".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalnum() or c == " ").split())


def _score(query: dict, item: dict) -> float | None:
    wanted = query.get("type")
    if wanted and wanted not in item["types"]:
        return None
    q = _plain(query["query"])
    names = [_plain(n) for n in [item["name"], *item.get("aliases", [])]]
    if q in names:
        score = 100.0
    else:
        words = set(q.split())
        score = max(60.0 * len(words & set(n.split())) / len(words | set(n.split())) for n in names)
    for p in query.get("properties", []):
        value = p["v"]["id"] if isinstance(p["v"], dict) else p["v"]
        have = item.get("properties", {}).get(p["pid"])
        if have is not None and have != value:
            score -= 30
    return score if score > 0 else None


class Fake:
    """Set `failure` to "error", "garbage", "slow" or "foreign" to make the next requests fail that way."""

    def __init__(self):
        self.requests: list[dict] = []   # {"method", "queries"} for each reconciliation request
        self.failure: str | None = None
        self.delay = 3.0

    def manifest(self) -> dict:
        space = "https://example.org/elsewhere/" if self.failure == "foreign" else WIKIDATA
        return {"versions": ["0.2"], "name": "Test Wikidata reconciliation", "identifierSpace": space,
                "schemaSpace": "http://www.wikidata.org/prop/direct/",
                "view": {"url": "https://www.wikidata.org/wiki/{{id}}"},
                "defaultTypes": [{"id": "Q35120", "name": "entity"}]}

    def answer(self, queries: dict) -> dict:
        out = {}
        for key, q in queries.items():
            scored = [(s, it) for it in ITEMS if (s := _score(q, it)) is not None]
            scored.sort(key=lambda x: -x[0])
            result = [{"id": it["id"], "name": it["name"], "description": it.get("description", ""), "score": s,
                       "match": s >= 100 and len([x for x in scored if x[0] >= 100]) == 1,
                       "type": [{"id": t, "name": t} for t in it["types"]]} for s, it in scored[: q.get("limit", 3)]]
            out[key] = {"result": result}
        return out


def _handler(fake: Fake):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body: bytes, kind="application/json"):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _serve(self, params: dict):
            if fake.failure == "slow":
                time.sleep(fake.delay)
            if fake.failure == "error":
                return self._send(500, b"Internal Server Error: the test service was told to fail\n", "text/plain")
            if "queries" not in params:
                return self._send(200, json.dumps(fake.manifest()).encode())
            queries = json.loads(params["queries"][0])
            fake.requests.append({"method": self.command, "queries": queries})
            if fake.failure == "garbage":
                return self._send(200, b"<html>not json</html>", "text/html")
            self._send(200, json.dumps(fake.answer(queries)).encode())

        def do_GET(self):
            self._serve(parse_qs(urlparse(self.path).query))

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            self._serve(parse_qs(self.rfile.read(length).decode()))

    return Handler


@contextlib.contextmanager
def running(fake: Fake):
    """The service on a free loopback port; yields its URL. Stops on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()
