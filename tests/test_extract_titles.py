"""Roles in the graph: the title a document gives a person ("Acting Assistant Secretary for the
Bureau of Western Hemisphere Affairs", "ministro de Hacienda") is schema:jobTitle, tagged with the
document's language, in that document's graph, with the words that state it as evidence; the build
stays SHACL-clean."""
from __future__ import annotations

import pytest
from pyoxigraph import Literal

from kg.build import documents, gazetteer, to_rdf
from kg.build.validate import validate
from kg.config import Config
from kg.extract import Extractor, merge
from kg.iris import Iris
from kg.vocab import OA, SCHEMA

TEXT = ("Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs Francisco Palmieri met with Foreign "
        "Minister Hugo de Zela in Lima today.")


@pytest.fixture(scope="module")
def quads():
    config = Config()
    gaz = gazetteer.load(config.gazetteer_file)
    extractor = Extractor(gaz)
    doc = documents.Document("titles", None, documents.normalise(TEXT), language="en", date=documents.parse_iso("2018-04-10"))
    facts, new_actors = merge.combine(gaz, [], {doc.identifier: extractor.extract(doc)}, extractor.name_key)
    return list(to_rdf.dataset_quads([doc], facts, gaz, Iris(config.base_iri), config.ontology_dir, new_actors)), Iris(config.base_iri)


def titles(quads, actor):
    q, iris = quads
    return [(x.object, x.graph_name) for x in q if x.subject == iris.entity("actor", actor) and x.predicate == SCHEMA.jobTitle]


@pytest.mark.parametrize("actor, title", [
    ("francisco-palmieri", "Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs"),   # discovered
    ("hugo-de-zela", "Foreign Minister"),                                                                  # in the gazetteer
])
def test_the_title_a_document_gives_a_person_is_their_job_title_in_its_graph(quads, actor, title):
    _, iris = quads
    assert titles(quads, actor) == [(Literal(title, language="en"), iris.document_graph("titles"))]


def test_the_words_that_state_a_title_are_its_evidence(quads):
    q, iris = quads
    person = iris.entity("actor", "francisco-palmieri")
    notes = [x.subject for x in q if x.predicate == OA.hasBody and x.object == person]
    exact = [x.object.value for x in q if x.predicate == OA.exact and any(x.subject.value.startswith(n.value) for n in notes)]
    assert exact == ["Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs Francisco Palmieri"]


def test_titles_keep_the_build_shacl_clean(quads):
    assert validate(quads[0], Config().ontology_dir / "shapes.ttl") == []


def test_kg_ingest_previews_the_titles_the_text_states():
    from kg.extract.preview import preview

    doc = documents.Document("p", None, "Peruvian Foreign Minister Elmer Schialer spoke today with the U.S. Chargé "
                             "d'Affaires John Smith.", language="en", date=documents.parse_iso("2025-12-06"))
    lines = preview(Config(), doc).splitlines()
    assert "  title: Elmer Schialer, Peruvian Foreign Minister" in lines
    assert "  title: John Smith, U.S. Chargé d'Affaires" in lines
