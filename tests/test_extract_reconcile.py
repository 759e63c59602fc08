"""One event, one node across documents: a meeting announced in one text and reported in another
becomes one node; meetings of the same people months apart, or of other people, stay apart."""
from __future__ import annotations

import pytest

from kg.build import documents, gazetteer
from kg.config import Config
from kg.extract import Extractor, merge

ANNOUNCED = ("El secretario de Estado Marco Rubio se reunirá con el canciller Hugo de Zela en Lima.", "es", "2025-12-01")
REPORTED = ("Secretary of State Marco Rubio met with Foreign Minister Hugo de Zela in Lima today.", "en", "2025-12-09")


@pytest.fixture(scope="module")
def extractor():
    return Extractor(gazetteer.load(Config().gazetteer_file))


def meetings(extractor, **texts) -> dict[str, list]:
    """The meetings of each document after the extractions are combined into one build's facts."""
    docs = [documents.Document(ident, None, documents.normalise(text), language=lang, date=documents.parse_iso(date))
            for ident, (text, lang, date) in texts.items()]
    facts, _ = merge.combine(extractor.gaz, [], {d.identifier: extractor.extract(d) for d in docs}, extractor.name_key)
    return {f.document: f.meetings for f in facts}


def test_an_announced_meeting_and_its_report_are_one_node(extractor):
    found = meetings(extractor, plan=ANNOUNCED, report=REPORTED)
    (planned,), (held,) = found["plan"], found["report"]
    assert planned.status == "scheduled" and held.status == "held"
    assert planned.id == held.id == "meeting-hugo-de-zela-marco-rubio-2025-12-09"


def test_an_undated_report_joins_the_dated_one_of_its_days(extractor):
    found = meetings(extractor, report=REPORTED,
                     wire=("El secretario de Estado Marco Rubio se reunió con el canciller Hugo de Zela en Lima.", "es",
                           "2025-12-10"))
    assert found["wire"][0].id == found["report"][0].id


@pytest.mark.parametrize("other", [
    ("Secretary of State Marco Rubio met with Foreign Minister Hugo de Zela in Lima today.", "en", "2026-06-02"),
    ("Secretary of State Marco Rubio met with Foreign Minister Elmer Schialer in Lima today.", "en", "2025-12-09"),
    ("Secretary of State Marco Rubio spoke today by phone with Foreign Minister Hugo de Zela.", "en", "2025-12-09"),
])
def test_meetings_months_apart_of_other_people_or_of_another_kind_stay_apart(extractor, other):
    found = meetings(extractor, plan=ANNOUNCED, other=other)
    assert found["plan"][0].id != found["other"][0].id


def test_an_announced_trip_joins_one_of_the_meetings_reported_not_all(extractor):
    found = meetings(extractor,
                     plan=("El secretario de Estado Marco Rubio visitará el Perú la próxima semana.", "es", "2025-12-01"),
                     report=("Secretary of State Marco Rubio met with President José Jerí in Lima today. Later, Secretary "
                             "Rubio met with Foreign Minister Hugo de Zela.", "en", "2025-12-09"))
    assert len({m.id for m in found["report"]}) == 2
