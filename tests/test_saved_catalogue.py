"""The catalogue of saved queries: files with a #+ header, listed at /queries for programs and people."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import BROWSER, web

from kg.config import ROOT, Config
from kg.errors import InputError
from kg.query import saved

FILES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
HEADER = "#+ title: T\n#+ description: D.\n"


def write(tmp_path, text: str, name: str = "q"):
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_query_file_has_a_valid_header():
    for name in FILES:
        q = saved.parse(ROOT / "queries" / f"{name}.rq")
        assert q.title and q.description, name


def test_the_header_is_read_as_yaml(tmp_path):
    q = saved.parse(write(tmp_path, "#+ title: Meetings of an actor\n"
                                    "#+ description: Every meeting.\n"
                                    "#+ params:\n"
                                    "#+   actor: {type: iri, default: \"id/actor/peru\", example: \"id/actor/marco-rubio\","
                                    " description: \"The actor\"}\n"
                                    "#+ pagination: 20\n"
                                    "PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
                                    "SELECT ?actor ?m WHERE { ?m dip:participant ?actor } ORDER BY ?m\n"))
    assert (q.title, q.description, q.pagination, q.form) == ("Meetings of an actor", "Every meeting.", 20, "select")
    (p,) = q.params
    assert (p.name, p.type, p.default, p.example, p.description) == ("actor", "iri", "id/actor/peru",
                                                                     "id/actor/marco-rubio", "The actor")
    assert q.sparql.startswith("PREFIX dip:") and "#+" not in q.sparql
    assert q.variables == ("actor", "m")


@pytest.mark.parametrize("text, complaint", [
    ("#+ title: [unclosed\nSELECT * WHERE {}\n", "YAML"),
    ("#+ description: D.\nSELECT * WHERE {}\n", "title"),
    (HEADER + "#+ colour: blue\nSELECT * WHERE {}\n", "colour"),
    (HEADER + "#+ params:\n#+   x: {type: colour}\nSELECT ?x WHERE { ?x ?p ?o }\n", "type must be one of"),
    (HEADER + "#+ params:\n#+   x: {type: iri}\nSELECT ?s WHERE { ?s ?p ?o }\n", "no variable ?x"),
    (HEADER + "#+ params:\n#+   x: {type: iri}\nSELECT ?s WHERE { ?s ?p ?x }\n", "projection"),
    (HEADER + "#+ params:\n#+   x: {type: date, default: \"May\"}\nSELECT ?x WHERE { ?s ?p ?x }\n", "default"),
    (HEADER + "#+ params:\n#+   page: {type: integer}\nSELECT ?page WHERE { ?s ?p ?page }\n", "page"),
    (HEADER + "#+ pagination: 10\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 5\n", "LIMIT"),
    (HEADER + "#+ pagination: lots\nSELECT ?s WHERE { ?s ?p ?o }\n", "pagination"),
    (HEADER + "PREFIX x: <http://x/>\n", "SELECT"),
])
def test_a_malformed_file_is_refused_naming_the_file_and_the_fault(tmp_path, text, complaint):
    with pytest.raises(InputError) as err:
        saved.parse(write(tmp_path, text))
    assert "q.rq" in str(err.value) and complaint in str(err.value)


def test_a_malformed_file_is_left_out_of_the_catalogue_without_hiding_the_others(tmp_path):
    write(tmp_path, HEADER + "SELECT ?s WHERE { ?s ?p ?o }\n", "good")
    write(tmp_path, "#+ description: no title\nSELECT ?s WHERE { ?s ?p ?o }\n", "bad")
    assert list(saved.catalogue(Config(queries_dir=tmp_path))) == ["good"]


def test_the_catalogue_lists_every_saved_query_for_programs(server):
    r = web.get(f"{server}/queries", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    listed = {q["name"]: q for q in r.json()["queries"]}
    assert sorted(listed) == FILES
    for name, q in listed.items():
        header = saved.parse(ROOT / "queries" / f"{name}.rq")
        assert q["description"] == header.description and q["title"] == header.title
        assert q["url"] == f"{server}/queries/{name}"
    actor = listed["meetings-of-actor"]["parameters"][0]
    assert actor["name"] == "actor" and actor["type"] == "iri" and actor["required"] is False
    assert actor["example"].startswith("https://w3id.org/dipkg/id/actor/")
    assert listed["facts-per-document"]["pagination"] == 50
    assert web.get(f"{server}/queries?format=json", headers={"Accept": BROWSER}, timeout=30).json() == r.json()


class Page(HTMLParser):
    """What a person sees: headings' text and the forms' actions and fields."""

    def __init__(self):
        super().__init__()
        self.text, self.forms, self.fields = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(attrs.get("action"))
        if tag in ("input", "select") and attrs.get("type") != "hidden":
            self.fields.append((self.forms[-1], attrs.get("name")))

    def handle_data(self, data):
        self.text.append(data)


def test_a_browser_gets_the_catalogue_as_a_page_with_a_form_per_query(server):
    r = web.get(f"{server}/queries", headers={"Accept": BROWSER}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    page = Page()
    page.feed(r.text)
    shown = " ".join(" ".join(page.text).split())
    for name in FILES:
        q = saved.parse(ROOT / "queries" / f"{name}.rq")
        assert q.title in shown and q.description in shown, name
        assert f"/queries/{name}" in page.forms
        assert {f for form, f in page.fields if form == f"/queries/{name}"} == {p.name for p in q.params}


def test_an_unknown_query_is_not_found(server):
    r = web.get(f"{server}/queries/no-such-query", timeout=30)
    assert r.status_code == 404 and "no-such-query" in r.text


def test_a_query_with_an_impossible_date_in_its_header_is_skipped_and_named(tmp_path, caplog):
    from kg.config import Config
    from kg.query import saved

    good = "#+ title: Good\n#+ description: Fine.\nSELECT ?s WHERE { ?s ?p ?o }\n"
    bad = ("#+ title: Bad\n#+ description: A default that is no date.\n"
           "#+ params:\n#+   day: {type: date, default: 2024-13-45}\n"
           "SELECT ?day ?s WHERE { ?s ?p ?day }\n")
    (tmp_path / "good.rq").write_text(good, encoding="utf-8")
    (tmp_path / "bad.rq").write_text(bad, encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg.query.saved"):
        queries = saved.catalogue(Config(queries_dir=tmp_path))
    assert set(queries) == {"good"}
    assert "bad.rq" in caplog.text and "day" in caplog.text
