"""Dates as texts give them: at day, month or year precision, and phrases resolved
against the date of the document that uses them ("hoy", "March 14", "la próxima semana")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "dates.yaml"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        # Raises ValueError for impossible dates such as 2024-02-30.
        dt.date(self.year, self.month or 1, self.day or 1)
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def xsd_type(self) -> str:
        return "date" if self.day else "gYearMonth" if self.month else "gYear"

    @property
    def start(self) -> "PartialDate":
        """As for a DateRange: where the date begins (itself)."""
        return self

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        """The first and last day the date covers: a day, a month or a year."""
        first = self.as_date()
        if self.day:
            return first, first
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return first, dt.date(self.year, 12, 31)

    @classmethod
    def of(cls, d: dt.date) -> "PartialDate":
        return cls(d.year, d.month, d.day)

    def __str__(self) -> str:
        return self.iso


def next_day(day: PartialDate) -> PartialDate:
    """The day after a day ("al día siguiente", "the next day")."""
    return PartialDate.of(day.as_date() + dt.timedelta(days=1))


def previous_day(day: PartialDate) -> PartialDate:
    """The day before a day ("en la víspera", "the day before")."""
    return PartialDate.of(day.as_date() - dt.timedelta(days=1))


@dataclass(frozen=True)
class DateRange:
    """A span the text names without a single day ("next week"): earliest and latest day."""

    start: PartialDate
    end: PartialDate

    @property
    def iso(self) -> str:
        return f"{self.start.iso}/{self.end.iso}"

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        return self.start.days[0], self.end.days[1]


def parse_iso(value) -> PartialDate:
    """An ISO date at day, month or year precision; YAML may hand us a date or an int."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    text = str(value).strip()
    m = _ISO.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        return PartialDate(y, mo, d)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date: {exc}") from None


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return yaml.safe_load(_LEXICON.read_text(encoding="utf-8"))


def _month(word: str) -> int | None:
    return lexicon()["months"].get(word.lower().strip("."))


def weekday(phrase: str, reference: PartialDate | None, future: bool | None = None) -> PartialDate | None:
    """'el próximo martes', 'next Tuesday', 'el jueves pasado', 'on Thursday': a day of the week
    the phrase names, counted from the document's date (None if the phrase is not one)."""
    lex = lexicon()
    words = phrase.lower().replace(",", " ").split()
    days = [w for w in words if w in lex["weekdays"]]
    if len(days) != 1 or reference is None or not reference.day:
        return None
    which = {w: k for k, ws in lex["weekday_words"].items() for w in ws}
    if any(w not in which for w in words if w != days[0]):
        return None         # "el martes que viene": words the lexicon does not know
    cues = {which[w] for w in words if w != days[0]} - {"none"}
    if len(cues) > 1:
        return None
    cue = cues.pop() if cues else {True: "after", False: "before", None: "this"}[future]
    ref = reference.as_date()
    if cue == "this" and future is False and lex["weekdays"][days[0]] <= ref.weekday():
        cue = "before"      # "se reunió este jueves" in Friday's text: this week's Thursday, gone by
    ahead = (lex["weekdays"][days[0]] - ref.weekday()) % 7      # 0: the document's own weekday
    if cue == "next":
        return PartialDate.of(ref + dt.timedelta(days=ahead or 7))
    if cue == "last":
        return PartialDate.of(ref - dt.timedelta(days=(7 - ahead) % 7 or 7))
    if cue == "before":     # told as past: the day itself or the last before it
        return PartialDate.of(ref - dt.timedelta(days=(7 - ahead) % 7))
    return PartialDate.of(ref + dt.timedelta(days=ahead))      # announced, or tense unknown


def resolve(phrase: str, reference: PartialDate | None, future: bool | None = None) -> PartialDate | DateRange | None:
    """Normalise a date phrase of a text (Spanish or English) against the document's date.
    `future`: whether the sentence announces (True) or reports (False), if known; it decides
    which Tuesday "el martes" is.

    Returns None when the phrase needs a reference the document does not give
    (its date is unknown, or known only to a coarser precision than the phrase needs)."""
    p = " ".join(phrase.lower().replace(",", " ").split())
    lex = lexicon()
    if any(w in lex["weekdays"] for w in p.split()):
        return weekday(p, reference, future)
    # "this week" and "esta semana" are entries of their own; other phrases lose their article.
    if not any(p in lex[table] for table in ("relative_days", "relative_weeks", "relative_months", "relative_years")):
        p = re.sub(r"^(?:el|the|on|este|this|del|de|en|in)\s+", "", p)
    ref_day = reference.as_date() if reference and reference.day else None

    if p in lex["relative_days"]:
        if ref_day is None:
            return None
        return PartialDate.of(ref_day + dt.timedelta(days=lex["relative_days"][p]))
    if p in lex["relative_weeks"]:
        if ref_day is None:
            return None
        monday = ref_day - dt.timedelta(days=ref_day.weekday())
        start = monday + dt.timedelta(weeks=lex["relative_weeks"][p])
        return DateRange(PartialDate.of(start), PartialDate.of(start + dt.timedelta(days=6)))
    if p in lex["relative_months"]:
        if reference is None or not reference.month:
            return None
        months = reference.year * 12 + reference.month - 1 + lex["relative_months"][p]
        return PartialDate(months // 12, months % 12 + 1)
    if p in lex["relative_years"]:
        if reference is None:
            return None
        return PartialDate(reference.year + lex["relative_years"][p])

    # "9 de mayo de 2024", "14 de marzo", "May 9, 2024", "March 14", "September 2021", "2026"
    day = month = year = None
    for token in re.split(r"\s+|\bde\b|\bdel\b|\bof\b", p):
        token = token.strip()
        if not token or token in ("de", "del", "of"):
            continue
        token = re.sub(r"(?<=\d)(st|nd|rd|th|º|°)$", "", token)
        if token.isdigit():
            n = int(token)
            if len(token) == 4:
                year = n
            elif 1 <= n <= 31 and day is None:
                day = n
            else:
                return None
        elif _month(token):
            month = _month(token)
        else:
            return None
    if month is None and day is not None:
        return None
    if year is None:
        if reference is None:
            return None
        year = reference.year
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None
