"""Dates: precision kept, relative phrases resolved against the document's date."""
import pytest

from kg.dates import DateRange, PartialDate, parse_iso, resolve

DOC_DAY = PartialDate(2025, 12, 6)  # a Saturday


@pytest.mark.parametrize("phrase, reference, expected", [
    ("hoy", DOC_DAY, PartialDate(2025, 12, 6)),
    ("today", DOC_DAY, PartialDate(2025, 12, 6)),
    ("ayer", DOC_DAY, PartialDate(2025, 12, 5)),
    ("March 14", PartialDate(2024), PartialDate(2024, 3, 14)),
    ("14 de marzo", PartialDate(2024, 5, 10), PartialDate(2024, 3, 14)),
    ("el 9 de mayo de 2024", None, PartialDate(2024, 5, 9)),
    ("May 9, 2024", None, PartialDate(2024, 5, 9)),
    ("29 de abril", PartialDate(2024, 5, 10), PartialDate(2024, 4, 29)),
    ("In September 2021", None, PartialDate(2021, 9)),
    ("2026", None, PartialDate(2026)),
    ("next year", DOC_DAY, PartialDate(2026)),
    ("next month", DOC_DAY, PartialDate(2026, 1)),
    ("el mes pasado", DOC_DAY, PartialDate(2025, 11)),
])
def test_phrases_resolve_against_the_document_date(phrase, reference, expected):
    assert resolve(phrase, reference) == expected


def test_next_week_is_the_whole_following_week():
    assert resolve("la próxima semana", DOC_DAY) == DateRange(PartialDate(2025, 12, 8), PartialDate(2025, 12, 14))


@pytest.mark.parametrize("phrase, reference", [
    ("hoy", None),                 # the document has no date
    ("hoy", PartialDate(2024)),    # ... or only its year
    ("March 14", None),
    ("la próxima semana", PartialDate(2024, 5)),
    ("next month", PartialDate(2024)),     # a month needs the document's month
    ("el martes que viene", DOC_DAY),
])
def test_a_date_the_text_does_not_give_stays_absent(phrase, reference):
    assert resolve(phrase, reference) is None


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13", "24-05-01", "May 2024", ""])
def test_invalid_iso_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_iso(value)


def test_precision_decides_the_xsd_type():
    assert [parse_iso(v).xsd_type for v in ("2024", "2024-05", "2024-05-09")] == ["gYear", "gYearMonth", "date"]


# ------------------------------------------------------------------ days of the week (DOC_DAY is a Saturday)

@pytest.mark.parametrize("phrase, future, expected", [
    ("el próximo martes", None, PartialDate(2025, 12, 9)),
    ("next Tuesday", None, PartialDate(2025, 12, 9)),
    ("next Saturday", None, PartialDate(2025, 12, 13)),     # the next one, not the document's own day
    ("el jueves pasado", None, PartialDate(2025, 12, 4)),
    ("last Friday", None, PartialDate(2025, 12, 5)),
    ("last Saturday", None, PartialDate(2025, 11, 29)),
    ("on Thursday", True, PartialDate(2025, 12, 11)),       # announced: the coming Thursday
    ("on Thursday", False, PartialDate(2025, 12, 4)),       # reported: the Thursday before
    ("el martes", None, PartialDate(2025, 12, 9)),          # tense unknown: the nearest upcoming
    ("este sábado", None, PartialDate(2025, 12, 6)),
    ("este jueves", False, PartialDate(2025, 12, 4)),       # reported: this week's, gone by
    ("este jueves", True, PartialDate(2025, 12, 11)),       # announced: the coming one
    ("este domingo", False, PartialDate(2025, 12, 7)),      # this week's is still to come
    ("la noche del martes", False, PartialDate(2025, 12, 2)),   # a part of the day is that day
    ("on the morning of Friday", False, PartialDate(2025, 12, 5)),
])
def test_a_weekday_is_counted_from_the_document_date(phrase, future, expected):
    assert resolve(phrase, DOC_DAY, future) == expected


@pytest.mark.parametrize("phrase, reference", [
    ("next Tuesday", PartialDate(2025, 12)),      # the document's day is unknown
    ("el martes", None),
    ("el próximo martes pasado", DOC_DAY),        # contradictory words
])
def test_a_weekday_without_a_day_to_count_from_stays_absent(phrase, reference):
    assert resolve(phrase, reference) is None
