"""/openapi.json describes every saved query as an operation, validates as OpenAPI 3, and a
schema-driven tool (schemathesis) exercises every operation without a server error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import web
from openapi_spec_validator import validate

from kg.config import ROOT
from kg.query import saved

FILES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")


@pytest.fixture(scope="module")
def spec(server) -> dict:
    r = web.get(f"{server}/openapi.json", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    return r.json()


def test_the_document_is_valid_openapi(spec):
    validate(spec)  # raises with the first violation of the OpenAPI 3.0 schema
    assert spec["openapi"].startswith("3.")


def test_every_saved_query_is_a_get_operation_with_its_parameters(spec, server):
    assert spec["servers"][0]["url"] == server
    assert sorted(p.removeprefix("/queries/") for p in spec["paths"] if p.startswith("/queries/")) == FILES
    ids = [op["get"]["operationId"] for op in spec["paths"].values()]
    assert len(ids) == len(set(ids))
    for name in FILES:
        q = saved.parse(ROOT / "queries" / f"{name}.rq")
        op = spec["paths"][f"/queries/{name}"]["get"]
        assert op["summary"] == q.title and op["description"].startswith(q.description)
        described = {p["name"]: p for p in op["parameters"]}
        own = [p.name for p in q.params]
        assert set(described) == set(own) | {"format", "timeout"} | ({"page"} if q.pagination else set())
        for p in q.params:
            assert described[p.name]["in"] == "query"
            assert described[p.name]["required"] is (p.default is None and p.required)
        assert "application/sparql-results+json" in op["responses"]["200"]["content"]
        assert {"400", "406"} <= set(op["responses"])


def test_parameters_carry_their_types(spec):
    def param(path, name):
        return next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)

    assert param("/queries/meetings-of-actor", "actor")["schema"]["format"] == "uri"
    assert param("/queries/actors-by-meetings", "min")["schema"]["type"] == "integer"
    assert {"format": "date"} in param("/queries/timeline", "from")["schema"]["anyOf"]
    assert "migration" in param("/queries/commitments-by-topic", "topic")["schema"]["enum"]
    assert param("/queries/agreements-by-status", "status")["schema"]["enum"][:2] == ["announced", "under-negotiation"]
    assert param("/queries/facts-per-document", "page")["schema"] == {"type": "integer", "minimum": 1,
                                                                       "maximum": saved.MAX_PAGE, "default": 1}
    assert "Link" in spec["paths"]["/queries/facts-per-document"]["get"]["responses"]["200"]["headers"]


def test_the_examples_of_the_document_are_answered(spec, server):
    """What a generic client would send from the document alone: each parameter's example."""
    for path, item in spec["paths"].items():
        op = item["get"]
        params = {p["name"]: p["example"] for p in op["parameters"] if "example" in p}
        r = web.get(server + path, params=params, timeout=30)
        assert r.status_code in (200, 403), (path, r.status_code, r.text)  # 403: a SERVICE not allowed here


def test_schemathesis_finds_no_server_error(live_server, artifacts):
    """Property-based requests generated from the document (valid and invalid), bounded to stay fast."""
    report = artifacts / "schemathesis.txt"
    run = subprocess.run([SCHEMATHESIS, "run", f"{live_server}/openapi.json",
                          "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                                      "response_schema_conformance",
                          "--max-examples", "5", "--seed", "20241109", "--phases", "examples,coverage,fuzzing",
                          "--workers", "2", "--request-timeout", "30"],
                         capture_output=True, text=True, timeout=300)
    report.write_text(run.stdout + run.stderr, encoding="utf-8")
    assert run.returncode == 0, run.stdout[-4000:]
    assert " passed" in run.stdout
