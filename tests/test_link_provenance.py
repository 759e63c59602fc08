"""What the build publishes of links: only those with provenance (gazetteer curation, or a proposal
that was accepted), each with its owl:Axiom; the links file is checked like any input."""
from __future__ import annotations

import logging

import pytest
from pyoxigraph import NamedNode, Quad

from kg.build import gazetteer
from kg.build.pipeline import published_links
from kg.build.to_rdf import gazetteer_quads, link_quads
from kg.build.validate import validate
from kg.config import Config
from kg.errors import InputError
from kg.iris import Iris

CONFIG = Config.from_env()
ACCEPTED = ("entity: {entity}\n    wikidata: {qid}\n    service: http://127.0.0.1:1/api\n    score: 98\n"
            "    query: Kurt Campbell\n    proposed: 2025-01-02\n    accepted: 2025-01-03\n    accepted_by: review\n")


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load(CONFIG.gazetteer_file)


def links_file(tmp_path, *entries: str):
    path = tmp_path / "wikidata.yaml"
    path.write_text("links:\n" + "".join(f"  - {e}" for e in entries), encoding="utf-8")
    return path


def test_an_accepted_link_is_read_with_its_provenance(tmp_path, gaz):
    link, = gazetteer.load_links(links_file(tmp_path, ACCEPTED.format(entity="actor/kurt-campbell", qid="Q900001")), gaz)
    assert (link.entity, link.identifier, link.score, link.accepted_by) == ("actor/kurt-campbell", "Q900001", 98, "review")
    assert link.proposed.iso == "2025-01-02" and link.accepted.iso == "2025-01-03"


@pytest.mark.parametrize("entry, message", [
    ("{entity: actor/kurt-campbell, wikidata: Q900001, service: 'http://x/api', score: 99}",
     "not published without its provenance: missing query, proposed, accepted, accepted_by"),
    (ACCEPTED.format(entity="actor/antony-blinken", qid="Q900001"), "the gazetteer already gives it Q4773912"),
    (ACCEPTED.format(entity="actor/kurt-campbell", qid="Q30"), "Q30 is already the item of actor/united-states"),
    (ACCEPTED.format(entity="actor/kurt-campbell", qid="900001"), "is not a Wikidata item id"),
    (ACCEPTED.format(entity="Kurt Campbell", qid="Q900001"), "entity must be kind/slug"),
    (ACCEPTED.format(entity="actor/kurt-campbell", qid="Q900001").replace("http://127.0.0.1:1/api", "somewhere"),
     "is not an http(s) URL"),
])
def test_a_link_that_cannot_be_justified_is_refused(tmp_path, gaz, entry, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gazetteer.load_links(links_file(tmp_path, entry), gaz)


def test_a_link_to_a_node_the_build_does_not_have_is_left_out(tmp_path, gaz, caplog):
    gaz.links = gazetteer.load_links(links_file(tmp_path, ACCEPTED.format(entity="meeting/never-held", qid="Q900009"),
                                                ACCEPTED.format(entity="actor/kurt-campbell", qid="Q900001")), gaz)
    with caplog.at_level(logging.WARNING):
        kept = published_links(CONFIG, gaz, [], {})
    assert [x.entity for x in kept] == ["actor/kurt-campbell"]
    assert "meeting/never-held to Q900009 is not published" in caplog.text
    gaz.links = []


def test_every_link_of_the_gazetteer_has_provenance_and_shacl_refuses_one_without(gaz):
    iris = Iris(CONFIG.base_iri)
    quads = list(gazetteer_quads(gaz, iris))
    assert validate(quads, CONFIG.ontology_dir / "shapes.ttl") == []
    kurt = iris.entity("actor", "kurt-campbell")
    bare = Quad(kurt, NamedNode("http://www.w3.org/2002/07/owl#sameAs"), NamedNode("http://www.wikidata.org/entity/Q900001"),
                iris.graph("gazetteer"))
    violations = validate(quads + [bare], CONFIG.ontology_dir / "shapes.ttl")
    assert [v.message for v in violations] == [
        f"{kurt.value} links to http://www.wikidata.org/entity/Q900001 without provenance "
        "(no owl:Axiom saying where it comes from)"]


def test_shacl_refuses_a_reconciled_link_without_its_acceptance(tmp_path, gaz):
    iris = Iris(CONFIG.base_iri)
    link, = gazetteer.load_links(links_file(tmp_path, ACCEPTED.format(entity="actor/kurt-campbell", qid="Q900001")), gaz)
    quads = list(link_quads(link.entity, NamedNode("http://www.w3.org/2002/07/owl#sameAs"), "wikidata", link.identifier,
                            iris, iris.graph("gazetteer"), accepted=link))
    assert validate(quads, CONFIG.ontology_dir / "shapes.ttl") == []
    unaccepted = [q for q in quads if q.predicate != NamedNode("http://purl.org/dc/terms/dateAccepted")]
    violations = validate(unaccepted, CONFIG.ontology_dir / "shapes.ttl")
    assert len(violations) == 1 and "needs the service, the date and score of its proposal, and its acceptance" \
        in violations[0].message and "id/link/actor/kurt-campbell/wikidata" in violations[0].message
