"""A deployment at its own domain: IRIs minted under KG_BASE_IRI, dereferenced on the server's host."""
from __future__ import annotations

import rdflib
from conftest import in_process, web
from linked_support import Html

from kg.build.pipeline import build
from kg.config import Config

BASE = "https://diplomacy.example.org/kg/"


def test_a_configured_base_iri_is_served_by_path_on_the_servers_own_host(tmp_path):
    config = Config.from_env(store_dir=tmp_path / "store", base_iri=BASE)
    build(config)
    with in_process(config) as url:
        r = web.get(url + "/id/actor/antony-blinken", headers={"Accept": "text/turtle"})
        g = rdflib.Graph().parse(data=r.content, format="turtle")
        me = rdflib.URIRef(BASE + "id/actor/antony-blinken")
        assert (me, rdflib.RDFS.label, rdflib.Literal("Antony Blinken", lang="en")) in g
        assert not any("w3id.org/dipkg/id/" in str(t) for triple in g for t in triple)
        # The page links to the other entities by their paths here, not to the (unreachable) domain.
        page = Html(web.get(url + "/id/actor/antony-blinken", headers={"Accept": "text/html"}).text)
        assert ("/id/actor/united-states", "United States") in page.links
        # The dataset description names the deployment's own endpoint and dumps.
        void = rdflib.Graph().parse(data=web.get(url + "/.well-known/void").content, format="turtle")
        dataset = rdflib.URIRef(BASE + ".well-known/void#dataset")
        assert void.value(dataset, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint")) == rdflib.URIRef(BASE + "sparql")
        # Graph names follow the base too.
        assert web.get(url + "/graph/gazetteer", headers={"Accept": "text/turtle"}).status_code == 200
