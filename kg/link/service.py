"""A client of a reconciliation service (W3C Entity Reconciliation Service API): its manifest, and
queries sent in batches, every answer kept in an on-disk cache so that what was asked once is
answered again without the network (and so that an accepted candidate can be checked against what
the service really proposed)."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..errors import ClientError

BATCH = 10  # queries per request, as OpenRefine sends them
AGENT = "kg-link/0.1 (diplomatic relations knowledge graph)"


class Service:
    def __init__(self, url: str, cache_dir: Path, timeout: float):
        self.url, self.cache_dir, self.timeout = url, Path(cache_dir), timeout
        self.sent = 0      # requests made (the rest came from the cache)

    # ------------------------------------------------------------ the cache: one file per question

    def _file(self, question) -> Path:
        key = json.dumps([self.url, question], sort_keys=True, ensure_ascii=False)
        return self.cache_dir / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")

    def cached(self, question):
        path = self._file(question)
        return json.loads(path.read_text(encoding="utf-8"))["answer"] if path.exists() else None

    def _keep(self, question, answer) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"service": self.url, "question": question, "answer": answer}, f, ensure_ascii=False)
        os.replace(tmp, self._file(question))

    def proposed(self, text: str) -> set[str]:
        """The ids this service proposed, in any cached answer, for a query with this text."""
        ids = set()
        for path in self.cache_dir.glob("*.json") if self.cache_dir.is_dir() else []:
            entry = json.loads(path.read_text(encoding="utf-8"))
            q = entry["question"]
            if entry["service"] == self.url and isinstance(q, dict) and q.get("query") == text:
                ids |= {c["id"] for c in entry["answer"]}
        return ids

    # ------------------------------------------------------------ the API

    def manifest(self) -> dict:
        answer = self.cached("manifest")
        if answer is None:
            answer = self._request(None)
            if not isinstance(answer, dict) or not isinstance(answer.get("identifierSpace"), str):
                raise self.error("answered with no service manifest (no identifierSpace)")
            self._keep("manifest", answer)
        return answer

    def reconcile(self, queries: list[dict]) -> list[list[dict]]:
        """The candidates for each query, in order: from the cache, else asked in batches (each
        batch's answers are cached as they come, so an interrupted run loses nothing)."""
        answers = [self.cached(q) for q in queries]
        missing = [i for i, a in enumerate(answers) if a is None]
        for start in range(0, len(missing), BATCH):
            batch = {f"q{i}": queries[i] for i in missing[start:start + BATCH]}
            body = self._request(batch)
            for key, i in ((k, int(k[1:])) for k in batch):
                result = body.get(key, {}).get("result") if isinstance(body, dict) else None
                if not isinstance(result, list) or not all(_candidate(c) for c in result):
                    raise self.error(f"answered without a list of candidates for {key} ({queries[i]['query']!r})")
                answers[i] = result
                self._keep(queries[i], result)
        return answers

    def _request(self, batch: dict | None):
        data = None if batch is None else urllib.parse.urlencode({"queries": json.dumps(batch)}).encode()
        req = urllib.request.Request(self.url, data=data, headers={"Accept": "application/json", "User-Agent": AGENT})
        self.sent += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise self.error(f"answered {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else "")) from None
        except (TimeoutError, socket.timeout):
            raise self.error(f"did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise self.error(f"did not answer within {self.timeout:g} s") from None
            raise self.error(f"cannot be reached ({exc.reason})") from None
        except OSError as exc:  # the connection dropped mid-answer
            raise self.error(f"cannot be reached ({exc})") from None
        try:
            return json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise self.error("answered with something that is not JSON") from None

    def error(self, message: str) -> ClientError:
        return ClientError(502, message, f"reconciliation service {self.url}")


def _candidate(c) -> bool:
    return isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("score"), (int, float))
