"""The extractor on small texts written for these tests: actors resolved by name, alias and
title, new actors discovered, dates normalised against the document's date, one node per
meeting or agreement however many documents state it, and the curated layer on top."""
from __future__ import annotations

import pyoxigraph
import pytest

from kg.build import documents, gazetteer
from kg.build.pipeline import collect
from kg.build.validate import validate
from kg.config import Config
from kg.dates import DateRange, PartialDate
from kg.extract import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor(gazetteer.load(Config().gazetteer_file))


def doc(text: str, language: str, date: str | None, name: str = "t") -> documents.Document:
    return documents.Document(name, None, documents.normalise(text), language=language,
                              date=documents.parse_iso(date) if date else None)


def write(folder, name, text, language, date):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(f'---\ntitle: {name}\ndate: "{date}"\nlanguage: {language}\n---\n{text}\n',
                                        encoding="utf-8")


def test_titles_resolve_to_whoever_held_the_office_on_the_documents_date(extractor):
    es = extractor.extract(doc("El canciller se reunió hoy en Lima con el secretario de Estado para tratar la agenda bilateral.",
                               "es", "2025-12-06"))
    assert {"hugo-de-zela", "marco-rubio"} <= set(es.facts.meetings[0].participants)
    en = extractor.extract(doc("Secretary Blinken met today with the Foreign Minister of Peru. The Secretary and the Foreign "
                               "Minister agreed to expand cooperation on citizen security.", "en", "2024-03-14"))
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(en.facts.commitments[0].actors)


def test_names_and_aliases_are_matched_as_written(extractor):
    r = extractor.extract(doc("El canciller De Zela conversó por teléfono con el secretario Rubio. Ambos trazaron el camino "
                              "para una nueva etapa.", "es", "2025-11-02"))
    assert set(r.facts.meetings[0].participants) >= {"hugo-de-zela", "marco-rubio"}
    assert "peter-camino" not in {a for f in r.facts.all() for a in getattr(f, "participants", [])}
    assert r.facts.meetings[0].kind == "call"


def test_people_the_gazetteer_does_not_know_are_minted_with_their_country(extractor):
    r = extractor.extract(doc("Mexican Foreign Secretary Alicia Bárcena met with Deputy Secretary of State "
                              "Kurt Campbell in Mexico City on March 8.", "en", "2024-03-09"))
    new = {a.id: a for a in r.actors}
    assert "alicia-barcena" not in extractor.gaz.actors and new["alicia-barcena"].country == "mexico"
    m = r.facts.meetings[0]
    assert {"alicia-barcena", "kurt-campbell", "mexico", "united-states"} <= set(m.participants)
    assert m.date == PartialDate(2024, 3, 8) and m.place == "mexico-city" and m.status == "held"


@pytest.mark.parametrize("text, language, date, expected", [
    ("El presidente ecuatoriano Daniel Noboa se reunirá con el secretario Rubio la próxima semana.", "es", "2025-03-05",
     DateRange(PartialDate(2025, 3, 10), PartialDate(2025, 3, 16))),
    ("Secretary Blinken will meet with President Lula on March 14.", "en", "2024-02-20", PartialDate(2024, 3, 14)),
    ("La canciller Ana Cecilia Gervasi se reunió hoy con la embajadora Lisa Kenna.", "es", "2023-05-02", PartialDate(2023, 5, 2)),
])
def test_dates_are_normalised_against_the_documents_date(extractor, text, language, date, expected):
    m = extractor.extract(doc(text, language, date)).facts.meetings[0]
    assert m.date == expected


def test_announced_meetings_are_scheduled_and_reported_ones_held(extractor):
    r = extractor.extract(doc("President Arévalo of Guatemala will visit Washington next month. Yesterday Secretary "
                              "Blinken spoke with Guatemalan Foreign Minister Carlos Ramiro Martínez.", "en", "2024-05-01"))
    statuses = sorted(m.status for m in r.facts.meetings)
    assert statuses == ["held", "scheduled"]


def test_agreements_get_their_kind_status_and_a_shared_identity(extractor):
    a = extractor.extract(doc("Both countries celebrated the anniversary of the U.S.-Peru Trade Promotion Agreement.", "en", "2024-02-01"))
    b = extractor.extract(doc("Ambos gobiernos destacaron los beneficios del Acuerdo de Promoción Comercial entre el Perú y "
                              "Estados Unidos, vigente desde 2009.", "es", "2024-02-01"))
    assert a.facts.agreements[0].id == b.facts.agreements[0].id == "us-peru-trade-promotion-agreement"
    c = extractor.extract(doc("Colombia y Estados Unidos firmaron un Memorando de Entendimiento sobre Seguridad Alimentaria.",
                              "es", "2024-06-01"))
    ag = c.facts.agreements[0]
    assert ag.kind == "memorandum-of-understanding" and ag.status == "signed" and set(ag.parties) == {"colombia", "united-states"}


def test_every_fact_carries_extracted_evidence_pointing_at_its_sentence(extractor):
    text = "Los Estados Unidos y Chile acordaron ampliar la cooperación contra los incendios forestales."
    r = extractor.extract(doc(text, "es", "2024-01-10"))
    ev = r.facts.commitments[0].evidence[0]
    assert ev.method == "extracted" and 0 < ev.confidence <= 1 and ev.extractor_version
    assert text[ev.start:ev.end] == ev.quote == text


def test_a_text_without_facts_yields_none(extractor):
    r = extractor.extract(doc("Hoy hará calor en Lima. Se recomienda beber agua y usar protector solar.", "es", "2025-01-05"))
    assert r.facts.all() == [] and r.actors == []


def test_two_documents_about_one_meeting_make_one_node_with_both_evidences(tmp_path):
    folder = tmp_path / "docs"
    write(folder, "a", "El presidente Gustavo Petro se reunió hoy en Bogotá con el secretario de Estado Antony Blinken.", "es", "2023-10-04")
    write(folder, "b", "Secretary Blinken met with Colombian President Gustavo Petro in Bogota on October 4, 2023.", "en", "2023-10-05")
    config = Config(store_dir=tmp_path / "store", annotations_dir=tmp_path / "none")
    _, facts, quads = collect(config, folder)
    ids = {d.document: {m.id for m in d.meetings} for d in facts}
    assert ids["a"] == ids["b"] and len(ids["a"]) == 1
    assert validate(quads, config.ontology_dir / "shapes.ttl") == []


def test_curated_facts_win_over_the_extracted_ones_they_overlap(tmp_path):
    folder, notes = tmp_path / "docs", tmp_path / "notes"
    write(folder, "c", "El canciller Hugo de Zela se reunió hoy con el secretario Marco Rubio. Ambos acordaron ampliar la "
                       "cooperación en seguridad.", "es", "2025-12-06")
    notes.mkdir()
    (notes / "c.yaml").write_text("""document: c
meetings:
  - id: de-zela-rubio-meeting-2025-12-06
    name: {es: "Reunión De Zela–Rubio"}
    participants: [hugo-de-zela, marco-rubio]
    quote: "El canciller Hugo de Zela se reunió hoy con el secretario Marco Rubio."
""", encoding="utf-8")
    config = Config(annotations_dir=notes)
    _, facts, quads = collect(config, folder)
    (c,) = facts
    assert [m.id for m in c.meetings] == ["de-zela-rubio-meeting-2025-12-06"]        # the extracted one dropped
    assert [m.evidence[0].method for m in c.meetings] == ["curated"]
    assert [cm.evidence[0].method for cm in c.commitments] == ["extracted"]          # completed by the extractor
    assert validate(quads, config.ontology_dir / "shapes.ttl") == []


def test_the_seed_build_records_which_facts_are_curated_and_which_extracted(built):
    store = pyoxigraph.Store.read_only(str(built.store_dir.resolve()))
    rows = store.query("""PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT DISTINCT ?m WHERE { ?a oa:hasBody ?f ; dip:method ?m }""")
    assert {r["m"].value.rsplit("#", 1)[1] for r in rows} <= {"Curated", "Extracted"}
