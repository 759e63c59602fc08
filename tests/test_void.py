"""The VoID/DCAT description at /.well-known/void: its numbers are the store's numbers."""
from __future__ import annotations

import pytest
import rdflib
from conftest import BASE, web
from linked_support import Html
from rdflib import RDF, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, VOID
from sparql_support import select

DATASET = URIRef(BASE + ".well-known/void#dataset")


@pytest.fixture(scope="module")
def void(server) -> rdflib.Graph:
    r = web.get(f"{server}/.well-known/void")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    return rdflib.Graph().parse(data=r.content, format="turtle")


def number(g: rdflib.Graph, s, p) -> int:
    return int(g.value(s, p))


def test_the_triple_count_is_the_distinct_triples_of_the_union_graph(void, store, server):
    n = int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")[0]["n"])
    assert number(void, DATASET, VOID.triples) == n
    assert web.get(f"{server}/health").json()["triples"] == n


def test_class_partitions_count_the_instances_of_each_class(void, store):
    expected = {r["c"]: int(r["n"]) for r in select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")}
    got = {str(void.value(part, VOID["class"])): number(void, part, VOID.entities)
           for part in void.objects(DATASET, VOID.classPartition)}
    assert got == expected
    assert number(void, DATASET, VOID.classes) == len(expected)


def test_property_partitions_count_the_triples_of_each_property(void, store):
    expected = {r["p"]: int(r["n"]) for r in select(store, """SELECT ?p (COUNT(*) AS ?n)
        WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?p""")}
    got = {str(void.value(part, VOID.property)): number(void, part, VOID.triples)
           for part in void.objects(DATASET, VOID.propertyPartition)}
    assert got == expected
    assert sum(got.values()) == number(void, DATASET, VOID.triples)


def test_a_linkset_per_external_dataset_counts_its_sameas_links(void, store):
    spaces = {}
    for linkset in void.subjects(RDF.type, VOID.Linkset):
        assert void.value(linkset, VOID.linkPredicate) == OWL.sameAs
        assert (DATASET, VOID.subset, linkset) in void
        space = str(void.value(void.value(linkset, VOID.objectsTarget), VOID.uriSpace))
        spaces[space] = number(void, linkset, VOID.triples)
    assert set(spaces) == {"http://www.wikidata.org/entity/", "http://sws.geonames.org/"}
    for space, n in spaces.items():
        links = select(store, f"""SELECT DISTINCT ?s ?o WHERE {{ ?s owl:sameAs ?o
            FILTER (STRSTARTS(STR(?o), "{space}")) }}""")
        assert n == len(links) > 0, space


def test_it_names_the_endpoint_the_dumps_the_vocabularies_and_the_licence(void, server):
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert void.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert URIRef("https://w3id.org/dipkg/ontology#") in set(void.objects(DATASET, VOID.vocabulary))
    dumps = {str(u) for u in void.objects(DATASET, VOID.dataDump)}
    assert dumps == {BASE + "dumps/" + f for f in ("dipkg.ttl", "dipkg.nt.gz", "dipkg.trig", "dipkg.nq")}
    distributions = list(void.objects(DATASET, DCAT.distribution))
    assert len(distributions) == 5
    for dist in distributions:
        assert (dist, RDF.type, DCAT.Distribution) in void
        url = str(void.value(dist, DCAT.downloadURL))
        r = web.get(server + "/" + url[len(BASE):], headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200 and len(r.content) == int(void.value(dist, DCAT.byteSize))


def test_other_rdf_formats_and_a_page_for_browsers(server, void):
    r = web.get(f"{server}/.well-known/void", headers={"Accept": "application/ld+json"})
    assert r.headers["Content-Type"].startswith("application/ld+json")
    assert set(rdflib.Graph().parse(data=r.content, format="json-ld")) == set(void)
    page = web.get(f"{server}/.well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.headers["Content-Type"].startswith("text/html")
    assert str(number(void, DATASET, VOID.triples)) in page.text


def test_the_home_page_links_to_the_description(server):
    home = Html(web.get(f"{server}/", headers={"Accept": "text/html"}).text)
    assert any(href == "/.well-known/void" for href, _ in home.links)
