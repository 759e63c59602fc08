"""Running saved queries: every format of /sparql, pages announced by Link headers, CSV with every
row, an HTML table for browsers, and `kg query` on the local store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from conftest import BROWSER, KG, web

from kg.config import Config
from kg.query import saved

SRX = "{http://www.w3.org/2005/sparql-results#}"
LOCAL = sorted(q.name for q in saved.catalogue(Config.from_env()).values() if "SERVICE" not in q.sparql)


def values(bindings: list[dict], variables: list[str]) -> list[tuple]:
    return [tuple(b[v]["value"] if v in b else "" for v in variables) for b in bindings]


@pytest.mark.parametrize("name", LOCAL)
def test_every_saved_query_answers_in_every_format(server, name):
    query = saved.get(Config.from_env(), name)
    # A required parameter without a default (search's text) takes its example.
    given = {p.name: p.example for p in query.params if not p.optional}
    url = f"{server}/queries/{name}" + ("?" + urlencode(given) if given else "")
    as_json = web.get(url, timeout=30)
    assert as_json.status_code == 200 and as_json.headers["Content-Type"] == "application/sparql-results+json"
    variables = as_json.json()["head"]["vars"]
    rows = values(as_json.json()["results"]["bindings"], variables)
    assert rows, f"{name} answers nothing with its defaults"

    as_xml = web.get(url, headers={"Accept": "application/sparql-results+xml"}, timeout=30)
    assert as_xml.headers["Content-Type"].startswith("application/sparql-results+xml")
    tree = ET.fromstring(as_xml.content)
    assert [v.get("name") for v in tree.iter(SRX + "variable")] == variables
    assert len(list(tree.iter(SRX + "result"))) == len(rows)

    as_tsv = web.get(url, params={"format": "tsv"}, timeout=30)
    assert as_tsv.headers["Content-Type"].startswith("text/tab-separated-values")
    assert as_tsv.text.splitlines()[0].split("\t") == ["?" + v for v in variables]

    as_csv = web.get(url, headers={"Accept": "text/csv"}, timeout=30)
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(as_csv.text)))
    assert table[0] == variables
    if not saved.get(Config.from_env(), name).pagination:
        assert [tuple(r) for r in table[1:]] == rows


def test_a_paginated_query_answers_page_by_page_with_link_headers(server):
    url = f"{server}/queries/facts-per-document"
    first = web.get(url, timeout=30)
    variables = first.json()["head"]["vars"]
    assert len(first.json()["results"]["bindings"]) == 50
    links = first.links  # requests parses the Link header
    assert set(links) == {"first", "next", "last"}
    pages = [first]
    while "next" in pages[-1].links:
        pages.append(web.get(pages[-1].links["next"]["url"], timeout=30))
        assert len(pages) < 20
    last = pages[-1]
    assert set(last.links) == {"first", "prev", "last"} and last.links["last"]["url"] == links["last"]["url"]
    assert web.get(last.links["prev"]["url"], timeout=30).json() == pages[-2].json()
    assert web.get(links["first"]["url"], timeout=30).json() == first.json()
    paged = [row for p in pages for row in values(p.json()["results"]["bindings"], variables)]
    assert len(pages) > 1 and len(set(paged)) == len(paged)

    download = web.get(url, params={"format": "csv", "page": "2"}, timeout=30)
    assert download.status_code == 200 and "Link" not in download.headers
    assert "attachment" in download.headers["Content-Disposition"]
    every = [tuple(r) for r in csv.reader(io.StringIO(download.text))][1:]
    assert sorted(every) == sorted(paged)


def test_the_link_header_keeps_the_parameters(server):
    r = web.get(f"{server}/queries/search", params={"text": "a", "format": "json"}, timeout=30)
    nxt = r.links["next"]["url"]
    assert "text=a" in nxt and "format=json" in nxt and "page=2" in nxt
    again = web.get(nxt, timeout=30)
    assert again.status_code == 200 and again.links["prev"]["url"].endswith("page=1")


def test_a_page_past_the_end_is_empty_and_points_back(server):
    r = web.get(f"{server}/queries/facts-per-document", params={"page": "40"}, timeout=30)
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    assert r.links["last"]["url"] == r.links["prev"]["url"]


def test_a_page_of_a_query_that_is_not_paged_is_refused(server):
    r = web.get(f"{server}/queries/meetings", params={"page": "2"}, timeout=30)
    assert r.status_code == 400 and "page" in r.text


def test_a_format_of_the_wrong_kind_is_not_acceptable(server):
    assert web.get(f"{server}/queries/actors", params={"format": "turtle"}, timeout=30).status_code == 406
    r = web.get(f"{server}/queries/actors", params={"format": "excel"}, timeout=30)
    assert r.status_code == 400 and "format" in r.text


def test_a_browser_gets_an_html_table_with_every_value_escaped(server):
    r = web.get(f"{server}/queries/meetings-of-actor", params={"actor": "id/actor/marco-rubio"},
                     headers={"Accept": BROWSER}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    data = web.get(f"{server}/queries/meetings-of-actor", params={"actor": "id/actor/marco-rubio"}, timeout=30)
    # One row per meeting (its sources' statements gathered), each value escaped.
    meetings = {b["meeting"]["value"] for b in data.json()["results"]["bindings"]}
    assert r.text.count("<tr>") == len(meetings) + 1
    assert "De Zela estuvo acompañado" in r.text
    hostile = web.get(f"{server}/queries/search", params={"text": "<script>alert(1)</script>", "format": "html"},
                           timeout=30)
    assert hostile.status_code == 200
    assert "<script>alert(1)" not in hostile.text and "&lt;script&gt;alert(1)" in hostile.text


def test_a_browser_sees_a_wrong_parameter_on_the_page(server):
    r = web.get(f"{server}/queries/timeline", params={"from": "<b>May</b>"}, headers={"Accept": BROWSER},
                     timeout=30)
    assert r.status_code == 400 and "&#39;from&#39;" in r.text and "<b>May</b>" not in r.text


# ---------------------------------------------------------------- kg query

def kg_query(built, *args):
    return subprocess.run([KG, "query", *args, "--store", str(built.store_dir)], capture_output=True, text=True,
                          timeout=120)


def test_kg_query_prints_every_row_as_csv_or_json(server, built):
    expected = web.get(f"{server}/queries/meetings", timeout=30).json()
    out = kg_query(built, "meetings", "--format", "csv")
    assert out.returncode == 0, out.stderr
    table = list(csv.reader(io.StringIO(out.stdout)))
    assert table[0] == expected["head"]["vars"]
    assert [tuple(r) for r in table[1:]] == values(expected["results"]["bindings"], expected["head"]["vars"])
    out = kg_query(built, "facts-per-document", "--format", "json")   # paginated on the web, whole here
    assert len(json.loads(out.stdout)["results"]["bindings"]) > 50


def test_kg_query_prints_an_aligned_table_with_parameters(built):
    out = kg_query(built, "meetings-of-actor", "--param", "actor=id/actor/marco-rubio")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["actor", "meeting", "name", "date", "kind", "status", "placeLabel", "evidence",
                                "document"]
    assert set(lines[1]) <= {"-", " "}
    rows = lines[2:-1]
    assert rows and all(r.startswith("id/actor/marco-rubio ") for r in rows)
    assert lines[-1] == f"({len(rows)} rows)"
    column = lines[0].index("document")
    assert all(r[column:].strip().startswith("00") for r in rows)  # columns line up


def test_kg_query_names_a_wrong_parameter_or_query(built):
    out = kg_query(built, "meetings-of-actor", "--param", "actor=not an iri")
    assert out.returncode == 2 and "'actor'" in out.stderr
    out = kg_query(built, "meetings-of-actor", "--param", "colour=blue")
    assert out.returncode == 2 and "'colour'" in out.stderr
    out = kg_query(built, "no-such-query")
    assert out.returncode == 2 and "no-such-query" in out.stderr
