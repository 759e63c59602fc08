"""Cool URIs: every IRI of the graph dereferences, to HTML for browsers and to RDF for RDF clients."""
from __future__ import annotations

import pytest
import rdflib
from conftest import BASE, BROWSER
from linked_support import RDF_TYPES, Html, english_label
from sparql_support import named_graphs, select, statements, triples

ONTOLOGY = BASE + "ontology#"
TOPIC = BASE + "ontology/topic/"


@pytest.fixture(scope="module")
def entities(store) -> list[str]:
    """Every IRI the graph mints under id/, as subject or object (hash parts belong to their page)."""
    rows = select(store, f"""SELECT DISTINCT ?e WHERE {{ {{ ?e ?p ?o }} UNION {{ ?s ?p ?e }}
        FILTER (isIRI(?e) && STRSTARTS(STR(?e), "{BASE}id/") && !CONTAINS(STR(?e), "#")) }}""")
    return sorted(r["e"] for r in rows)


@pytest.fixture(scope="module", params=["sample", pytest.param("all", marks=pytest.mark.slow)])
def dereferenced(request, entities) -> list[str]:
    """The entities to dereference: three of each kind (first, middle, last), or all of them (slow)."""
    if request.param == "all":
        return entities
    kinds: dict[str, list[str]] = {}
    for e in entities:
        kinds.setdefault(e[len(BASE):].split("/")[1], []).append(e)
    return sorted({k[i] for k in kinds.values() for i in (0, len(k) // 2, -1)})


def local(iri: str) -> str:
    return "/" + iri[len(BASE):]


def test_the_graph_has_entities_of_every_kind(entities):
    kinds = {e[len(BASE):].split("/")[1] for e in entities}
    assert {"actor", "office", "place", "meeting", "commitment", "agreement", "document", "evidence",
            "activity"} <= kinds


def test_every_entity_iri_sends_a_browser_to_its_html_page(server, http, store, dereferenced):
    for iri in dereferenced:
        r = http.get(server + local(iri), headers={"Accept": BROWSER})
        assert [h.status_code for h in r.history] == [303], iri
        assert r.history[0].headers["Location"] == "/page" + local(iri)
        assert "Accept" in r.history[0].headers["Vary"]
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html"), iri
        page = Html(r.text)
        label = english_label(store, iri)
        if label:
            assert page.h1.strip() == label, iri
        assert iri in r.text


@pytest.mark.parametrize("fmt", list(RDF_TYPES))
def test_every_entity_iri_gives_an_rdf_client_its_description(server, http, store, dereferenced, fmt):
    for iri in dereferenced:
        r = http.get(server + local(iri), headers={"Accept": RDF_TYPES[fmt]})
        assert r.history and r.history[0].status_code == 303, iri
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(RDF_TYPES[fmt]), iri
        got = set(rdflib.Graph().parse(data=r.content, format=fmt))
        own = statements(store, iri)
        assert own <= got, iri
        if not own:  # only ever an object (a PROV activity): what points at it
            assert any(t[2] == rdflib.URIRef(iri) for t in got), iri


def test_a_description_carries_labels_of_linked_things_and_the_evidence_selectors(server, http, store):
    iri = BASE + "id/meeting/peru-us-high-level-dialogue-2024"
    r = http.get(server + local(iri), headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    place = rdflib.URIRef(BASE + "id/place/washington-dc")
    assert (rdflib.URIRef(iri), rdflib.URIRef("http://schema.org/location"), place) in g
    assert g.value(place, rdflib.RDFS.label) is not None
    annotations = set(g.subjects(oa.hasBody, rdflib.URIRef(iri)))
    expected = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ ?a oa:hasBody <{iri}> }}")}
    assert expected and {str(a) for a in annotations} == expected  # not vacuous: the loop below has work
    for a in annotations:
        target = g.value(a, oa.hasTarget)
        kinds = {g.value(s, rdflib.RDF.type) for s in g.objects(target, oa.hasSelector)}
        assert kinds == {oa.TextQuoteSelector, oa.TextPositionSelector}


def test_format_parameter_overrides_accept(server, http):
    r = http.get(server + "/id/actor/peru?format=ntriples", headers={"Accept": "text/html"})
    assert r.headers["Content-Type"].startswith("application/n-triples")
    r = http.get(server + "/id/actor/peru?format=html", headers={"Accept": "text/turtle"})
    assert r.headers["Content-Type"].startswith("text/html")


def test_ontology_terms_dereference_to_their_documentation(server, http, store):
    terms = sorted({r["t"] for r in select(store, f"""SELECT DISTINCT ?t WHERE {{ GRAPH <{BASE}graph/ontology>
        {{ ?t ?p ?o }} FILTER (STRSTARTS(STR(?t), "{ONTOLOGY}")) }}""")})
    assert len(terms) > 30
    # A client drops the fragment of https://w3id.org/dipkg/ontology#Meeting and fetches /ontology.
    html = http.get(server + "/ontology#Meeting", headers={"Accept": BROWSER})
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    anchors = Html(html.text).ids
    for term in terms:
        assert term[len(ONTOLOGY):] in anchors, term
    for fmt, media in RDF_TYPES.items():
        r = http.get(server + "/ontology", headers={"Accept": media})
        assert r.headers["Content-Type"].startswith(media)
        got = set(rdflib.Graph().parse(data=r.content, format=fmt))
        assert got == triples(store, BASE + "graph/ontology")


def test_topics_dereference_like_entities(server, http, store):
    topics = [r["t"] for r in select(store, f"""SELECT DISTINCT ?t WHERE {{ ?t a skos:Concept
        FILTER (STRSTARTS(STR(?t), "{TOPIC}")) }}""")]
    assert len(topics) > 10
    for iri in topics:
        path = "/ontology/topic/" + iri[len(TOPIC):]
        page = http.get(server + path, headers={"Accept": BROWSER})
        assert page.history[0].status_code == 303 and page.status_code == 200
        assert Html(page.text).h1.strip() == english_label(store, iri)
        r = http.get(server + path, headers={"Accept": "text/turtle"})
        assert statements(store, iri) <= set(rdflib.Graph().parse(data=r.content, format="turtle"))


def test_named_graphs_dereference_to_their_content(server, http, store):
    graphs = named_graphs(store)
    assert len(graphs) >= 7
    for g in graphs:
        r = http.get(server + local(g), headers={"Accept": "application/n-triples"})
        assert r.status_code == 200 and not r.history  # a graph is a document: no redirect
        assert set(rdflib.Graph().parse(data=r.content, format="nt")) == triples(store, g)
        page = http.get(server + local(g), headers={"Accept": BROWSER})
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        assert "Accept" in page.headers["Vary"]


def test_descriptions_are_cacheable_and_revalidated_with_304(server, http):
    url = server + "/data/id/actor/antony-blinken.ttl"
    first = http.get(url)
    assert http.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_unknown_iris_are_404_for_browsers_and_programs(server, http):
    page = http.get(server + "/id/actor/nobody-at-all", headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")
    assert "nobody-at-all" in page.text
    for path in ("/id/actor/nobody-at-all", "/data/id/actor/nobody-at-all.ttl", "/graph/document/none",
                 "/ontology/topic/no-such-topic", "/id/actor/a%20b", "/page/somewhere/else"):
        r = http.get(server + path, headers={"Accept": "text/turtle"})
        assert r.status_code == 404, path


def test_client_mistakes_are_4xx_naming_what_is_wrong(server, http):
    r = http.get(server + "/id/actor/peru?format=yaml")
    assert r.status_code == 400 and "format" in r.text
    # Accept naming nothing on offer gets the default representation (one policy, as /sparql's).
    r = http.get(server + "/id/actor/peru", headers={"Accept": "image/png"}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/page/id/actor/peru")
    r = http.get(server + "/data/id/actor/peru.docx")
    assert r.status_code == 404 and ".ttl" in r.text
