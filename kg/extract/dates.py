"""Dates in sentences: phrases found with patterns built from the date lexicon
(data/lexicons/dates.yaml), normalised by kg.dates.resolve against the document's anchor — its
dateline ("Asunción, 25 de agosto de 2022", "WASHINGTON, May 7 (Reuters) -", "Lima, 3 ago. 2018
(ANDINA).–"), else its publication date. Absolute dates of datelines are read by dateparser."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import DateRange, PartialDate, lexicon, resolve
from .lexicon import language

# A dateline: a place, a separator, then the date, at the start or end of the text; or a line that
# is only a date (and perhaps a publisher). Its date must have a digit and stop before a bracket,
# a dash or a bar ("(Reuters) -", "(ANDINA).–", "Lima | 10 de mayo de 2024 | Andina"). The place is a
# name of a few capitalised words ("Ciudad de México"), and may name its country ("LIMA, Peru, Nov 14"); of two cities
# ("WASHINGTON/LIMA, May 22 (Reuters) -"), the first.
_DATELINE = re.compile(r"^(?P<place>[A-ZÁÉÍÓÚÑ][\w.'’]*(?:\s(?:[A-ZÁÉÍÓÚÑ][\w.'’]*|de|del|la|las|los|el)){0,3}?)(?:/[A-ZÁÉÍÓÚÑ][\w.'’]*)?"
                       r"(?:,\s*[A-ZÁÉÍÓÚÑ][\w.]+(?:\s[A-ZÁÉÍÓÚÑ][\w.]+)?)?"
                       r"\s*(?:,|\(|–|—|-|\|)\s*(?P<date>(?=[^()–—|\n]{3})[^()–—|\n]{0,30}?\d[^()–—|\n]{0,16}?)"
                       r"\s*(?:\(|\)|:|\||\.?\s*[–—-]|\.$|\.\s+(?=[A-ZÁÉÍÓÚÑ])|$)")
_PLACE_LINE = re.compile(r"^(?P<place>[A-ZÁÉÍÓÚÑ][\w.'’ ]{1,30}?)\s*(?:,\s*[A-Z][\w.]{1,12}\s*)?(?:\(|–|—|-)")
_DATE_LINE = re.compile(r"^(?P<date>[^\n]{0,20}?\d[^\n]{0,20}?\b(?:19|20)\d{2})\b")
_LINES_AT_START, _LINES_AT_END = 4, 2
LEAD_CHARS = 120     # a line this long is a paragraph: the first is the lead, where a dateline opens the story
_LEAD_ENDS = ".:;!?\"”»)"   # how a paragraph ends (a headline, however long, ends without these)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NEAR_DAYS = 7


def day_is_first(first: int, second: int, year: int, day_first: bool, reference: PartialDate | None) -> bool:
    """How to read "11/06/2024": the day first where only that reading is a date, else the reading
    within a week of the reference (a Peruvian ministry's English note dated 11 June writes
    "Lima, 11/06/2024"), else the order of the text's language."""
    if first > 12 or second > 12:
        return first > 12
    if reference is not None and reference.day:
        near = [abs((dt.date(year, m, d) - reference.as_date()).days) <= _NEAR_DAYS
                for d, m in ((first, second), (second, first))]
        if near[0] != near[1]:
            return near[0]
    return day_first


@dataclass
class Anchor:
    """What a document's relative dates count from, and the city its dateline names."""
    date: PartialDate | None
    place: str | None = None
    span: tuple[int, int] | None = None     # where the dateline is in the text: its date is no event's


def _parse(text: str, lang: str, published: PartialDate | None) -> PartialDate | None:
    import dateparser  # imported on first use: most texts' datelines are found once per document

    day_first = language(lang).text["day_first"]
    numeric = dict(_patterns())["numeric"].search(text)
    if numeric:     # ("Lima, 11/06/2024": in the order that agrees with the publication date)
        first, second, year = int(numeric.group(1)), int(numeric.group(3)), int(numeric.group(4))
        day, month = (first, second) if day_is_first(first, second, year, day_first, published) else (second, first)
        try:
            return PartialDate(year, month, day)
        except ValueError:
            return None
    base = published.as_date() if published else dt.date.today()
    has_year = re.search(r"\b(?:19|20)\d{2}\b|/\d{2}\b", text)
    # "Lima, 08/05/24" is the 8th of May: Spanish writes the day first
    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month"], "PARSERS": ["absolute-time", "custom-formats"],
                "DATE_ORDER": "DMY" if day_first else "MDY"}
    try:
        value = dateparser.parse(text, languages=[lang, "en", "es"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if value is None or not (has_year or published):
        return None     # a day and month without a year, and nothing to take it from
    year = value.year if has_year else published.year
    try:
        return PartialDate(year, value.month, value.day)
    except ValueError:
        return None


def dateline(text: str, lang: str, published: PartialDate | None) -> Anchor | None:
    """The dateline of a text: its first lines, its lead or its last lines (a place alone if it gives no date)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # (up to the lead, after however many lines of crumbs, credits and bylines: "Publicado: 21/5/2024", "[Foto: …]")
    # (a long headline is no lead: it ends without a stop)
    lead = next((k for k, ln in enumerate(lines) if len(ln) >= LEAD_CHARS and ln[-1] in _LEAD_ENDS), 0)
    place, dated = None, None
    # (a place and a date before a line of a date alone: "March 12, 2025 10:41 AM EDT", then "LIMA, March 12 (Reuters) -")
    for line in lines[:max(_LINES_AT_START, lead + 1)] + lines[-_LINES_AT_END:]:
        at = text.find(line)
        m = _DATELINE.match(line)
        if m and not any(c.isdigit() for c in m.group("place")):
            value = _parse(m.group("date"), lang, published)
            if value:
                return Anchor(value, m.group("place").strip(" ,."), (at, at + m.end("date")))
        m = _DATE_LINE.match(line)
        if m and len(line) < 60 and dated is None:
            value = _parse(m.group("date"), lang, published)
            if value:
                dated = Anchor(value, None, (at, at + m.end("date")))
        m = _PLACE_LINE.match(line)
        if m and place is None and line in lines[:_LINES_AT_START]:
            place = m.group("place").strip(" ,.")
    return dated or (Anchor(None, place) if place else None)


def headline_year(title: str | None) -> PartialDate | None:
    """The one year a headline gives ("November-December 2022 Meetings of …"), if it gives one."""
    years = set(_YEAR.findall(title or ""))
    return PartialDate(int(years.pop())) if len(years) == 1 else None


def anchor(text: str, lang: str, published: PartialDate | None, title: str | None = None) -> Anchor:
    """The day a text's 'today' is: its dateline's (the text's own), else its publication date; for
    a text with neither, the year its headline gives ("On November 30" of a text headed "November-
    December 2022 Meetings …" is of 2022)."""
    found = dateline(text, lang, published)
    if found is None:
        return Anchor(published or headline_year(title))
    if found.date is None or published is not None and published.day and abs(found.date.year - published.year) > 1:
        # no date, or a misread one: the publication date is safer
        return Anchor(published or headline_year(title), found.place, found.span)
    return found


@dataclass
class DatePhrase:
    start: int          # offsets in the sentence's text
    end: int
    text: str
    value: PartialDate | DateRange | None
    year_only: bool = False
    kind: str = ""          # which pattern found it ("relative_year": "this year", "antes de fin de año")


@lru_cache(maxsize=1)
def _patterns():
    lex = lexicon()
    month = "|".join(sorted(map(re.escape, lex["months"]), key=len, reverse=True))
    rel = "|".join(sorted(map(re.escape, [*lex["relative_days"], *lex["relative_weeks"]]), key=len, reverse=True))
    weekday = "|".join(sorted(map(re.escape, lex["weekdays"]), key=len, reverse=True))
    before = "|".join(sorted(map(re.escape, {w for k in ("next", "last", "this") for w in lex["weekday_words"][k]}), key=len, reverse=True))
    after = "|".join(sorted(map(re.escape, {w for k in ("next", "last") for w in lex["weekday_words"][k]}), key=len, reverse=True))
    # Phrases of a year; a bare "year"/"año" is too often something else ("el año 2009", "a year of …").
    years = "|".join(sorted(map(re.escape, [p for p in lex["relative_years"] if " " in p]), key=len, reverse=True))
    english_days = "|".join(w.capitalize() for w in lex["english_weekdays"])
    g = lex["grammar"]

    def alt(words) -> str:      # longest first; spaces inside a phrase match any space
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    of, openers, joiners, day_joiners = alt(g["of"]), alt(g["range_openers"]), alt(g["range_joiners"]), alt(g["day_range_joiners"])
    halves, quarters = alt(lex["year_parts"]["half"]), alt(lex["year_parts"]["quarter"])
    ordinals = alt(lex["ordinals"])
    d = r"(\d{1,2})(?:º|°|st|nd|rd|th)?"
    return [
        # "del 5 al 7 de octubre (de 2022)", "5 y 6 de febrero", "13 y 14 de abril"
        ("range_es", re.compile(rf"\b(?:(?:{openers})\s+)?{d}\s*(?:{joiners})\s*{d}\s+(?:{of})\s+({month})\b(?:\s+(?:{of})\s+(\d{{4}}))?", re.I)),
        # "9 de mayo de 2024", "29 de abril"
        ("day_es", re.compile(rf"\b{d}\s+(?:{of})\s+({month})\b(?:\s+(?:{of})\s+(\d{{4}}))?", re.I)),
        # "May 9, 2024", "March 14", "Oct. 6"
        ("day_en", re.compile(rf"\b({month})\.?\s+{d}(?:\s*(?:{day_joiners})\s*(\d{{1,2}}))?\b(?:,?\s+(\d{{4}}))?", re.I)),
        # "9 May 2024"
        ("day_en2", re.compile(rf"\b{d}\s+({month})\.?\s+(\d{{4}})\b", re.I)),
        # "el pasado 15", "el próximo 3": a day of the month, the last before the document's date or the next after it
        ("day_alone", re.compile(rf"\b(?:{alt(g['weekday_articles'])})\s+({after})\s+{d}(?![\w%])(?![\s.]*(?:(?:{of}|{alt(g['count_nouns'])})(?!\w)|\d|(?:{month})\b))", re.I)),
        # "el 13 del presente mes", "el 5 de los corrientes": a day of the document's month
        ("day_this_month", re.compile(rf"\b{d}\s+(?:{alt(g['this_month'])})\b", re.I)),
        # "15/03/2023", "03/15/2023", "15.03.2023": the order of day and month is the language's unless one is over 12
        ("numeric", re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})(?![\d/])")),
        # "September 2021", "setiembre de 2022"
        ("month", re.compile(rf"\b({month})\.?\s+(?:(?:{of})\s+)?(\d{{4}})\b", re.I)),
        ("relative", re.compile(rf"(?<!\w)({rel})(?!\w)", re.I)),
        # "el próximo martes", "on Thursday", "el jueves pasado", "last Friday"
        # (a weekday alone is too often a name: "Santo Domingo")
        ("weekday", re.compile(rf"\b(?:(?:{alt(g['weekday_articles'])})\s+(?:(?:{before})\s+)?|(?:{before})\s+)({weekday})\b(?:\s+(?:{after})\b)?", re.I)),
        # "met Wednesday with", "said on Monday", "met\nWednesday" (a wrapped line): an English weekday is capitalised, and never a name's word
        ("weekday", re.compile(rf"(?<=[a-z,][ \n])({english_days})\b(?!\s+(?:\d|{month}))")),
        # "en el segundo semestre de 2026", "in the first half of 2025", "el primer trimestre de 2026"
        ("part", re.compile(rf"\b(?:({ordinals})\s+({halves})|({ordinals})\s+({quarters}))\s+(?:{of})\s+((?:19|20)\d{{2}})\b", re.I)),
        # "en 2026", "in 2022", "vigente desde 2009", "in force since 2024": a year stated as a time, not as part of a name
        ("year", re.compile(rf"\b(?:{alt(g['year_prepositions'])})\s+(?:(?:{alt(g['year_nouns'])})\s+)?((?:19|20)\d{{2}})\b(?![-–/]\d)", re.I)),
        # "en junio", "in October": a month of the document's year (or the next, for what is announced)
        ("bare_month", re.compile(rf"\b(?:{alt(g['month_prepositions'])})\s+(?:(?:{alt(g['month_nouns'])})\s+)?({month})\b(?![\s.]*\d)(?:\s+(?:{of})\s+({years})(?!\w))?", re.I)),
        ("relative_year", re.compile(rf"(?<!\w)({years})(?!\w)", re.I)),
        # "next month", "el mes pasado"
        ("relative_month", re.compile(rf"(?<!\w)({alt(lex['relative_months'])})(?!\w)", re.I)),
    ]


def _year_of(month: int, explicit: str | None, reference: PartialDate | None, future: bool, past: bool = False) -> int | None:
    if explicit:
        return int(explicit)
    if reference is None:
        return None
    # "el 5 de febrero próximo" in a text of late January: a future month earlier than the
    # document's month belongs to the next year.
    if future and reference.month and month < reference.month:
        return reference.year + 1
    # "El último encuentro … tuvo lugar el 26 de octubre", told in January: a past month later than the
    # document's belongs to the year before.
    if past and reference.month and month > reference.month:
        return reference.year - 1
    return reference.year


def _reported(text: str, start: int, reporting: frozenset[str]) -> bool:
    """A date right after a verb of reporting ("…, the Ministry said on Sunday", "informó este
    lunes"): the day of the report, not of what it reports."""
    words = re.findall(r"[\w’']+", text[:start].lower())[-2:]
    links = lexicon()["grammar"]["weekday_articles"] + [w for k in ("this",) for w in lexicon()["weekday_words"][k]]
    return bool(words) and (words[-1] in reporting or len(words) == 2 and words[-1] in links and words[0] in reporting)


def _of_meeting_too(text: str, end: int) -> bool:
    """A report's day followed by the meeting it comes after ("said Wednesday after meeting with …"): that day is the meeting's too."""
    after = " ".join(re.findall(r"[\w’']+", text[end:].lower())[:3])
    return any(after.startswith(p) for p in lexicon()["grammar"]["report_after_meeting"])


def find(text: str, reference: PartialDate | None, future: bool = False, reporting: frozenset[str] = frozenset(),
         day_first: bool = True, past: bool = False) -> list[DatePhrase]:
    """Every date phrase of a sentence, earliest first, resolved where the reference allows; not
    one that dates a report (right after one of the `reporting` verbs). `day_first`: how the
    text's language writes a date in numbers ("15/03/2023"; English: "03/15/2023"); `past`: what
    the sentence dates is known to be past."""
    found: list[DatePhrase] = []
    taken: list[tuple[int, int]] = []
    months = lexicon()["months"]
    for kind, rx in _patterns():
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            told = bool(reporting) and _reported(text, m.start(), reporting)
            if told and not _of_meeting_too(text, m.end()):
                taken.append((m.start(), m.end()))
                continue
            value = None
            try:
                if kind == "range_es":
                    month = months[m.group(3).lower()]
                    year = _year_of(month, m.group(4), reference, future, past)
                    if year:
                        value = DateRange(PartialDate(year, month, int(m.group(1))), PartialDate(year, month, int(m.group(2))))
                elif kind in ("day_es", "day_en", "day_en2"):
                    if kind == "day_en":
                        month, day, second, year_text = months[m.group(1).lower().rstrip(".")], int(m.group(2)), m.group(3), m.group(4)
                    else:       # day_es, day_en2: day, month, year
                        day, month, second, year_text = int(m.group(1)), months[m.group(2).lower()], None, m.group(3)
                    year = _year_of(month, year_text, reference, future, past)
                    if year:
                        value = PartialDate(year, month, day)
                        if second:
                            value = DateRange(value, PartialDate(year, month, int(second)))
                elif kind == "day_alone":
                    value = _day_of_month(int(m.group(2)), m.group(1).lower() in lexicon()["weekday_words"]["next"], reference)
                elif kind == "day_this_month":
                    if reference is not None and reference.month:
                        value = PartialDate(reference.year, reference.month, int(m.group(1)))
                elif kind == "numeric":
                    first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
                    day, month = (first, second) if day_is_first(first, second, year, day_first, reference) else (second, first)
                    value = PartialDate(year, month, day)
                elif kind == "month":
                    value = PartialDate(int(m.group(2)), months[m.group(1).lower().rstrip(".")])
                elif kind == "relative":
                    before = text[:m.start()].split()
                    if before and before[-1].lower() in lexicon()["not_days_after"]:
                        continue    # "por la mañana": in the morning, not tomorrow
                    # "today’s conversation", "la víspera de la cumbre": the day of something else, not of what
                    # the sentence states
                    value = None if _of_something(text[m.end():]) else resolve(m.group(1), reference)
                elif kind in ("relative_year", "relative_month"):
                    value = None if _of_something(text[m.end():]) else resolve(m.group(1), reference)
                elif kind == "part":
                    year = int(m.group(5))
                    ordinals = lexicon()["ordinals"]
                    if m.group(2):     # a half: months 1-6 or 7-12
                        months_in = (1, 6) if ordinals[m.group(1).lower()] == 1 else (7, 12)
                    else:              # a quarter
                        q = ordinals[m.group(3).lower()]
                        months_in = (3 * q - 2, 3 * q)
                    last = (dt.date(year + months_in[1] // 12, months_in[1] % 12 + 1, 1) - dt.timedelta(days=1)).day
                    value = DateRange(PartialDate(year, months_in[0], 1), PartialDate(year, months_in[1], last))
                elif kind == "bare_month":
                    month = months[m.group(1).lower()]
                    year = _year_of(month, None, reference, future)
                    # "in October", reported in a November text: this year's; in a January one, last year's
                    # ("last November", "noviembre pasado" in a November text: the year before's)
                    last = {w.lower() for w in lexicon()["weekday_words"]["last"]}
                    told_last = bool(set(m.group(0).lower().split()) & last) or \
                        (text[m.end():].split() or [""])[0].lower().strip(".,;") in last
                    if m.group(2) and reference:    # "en noviembre del próximo año", "in March of last year"
                        year = resolve(m.group(2), reference).year
                    elif year and reference and reference.month and (not future and month > reference.month or
                                                                     told_last and month >= reference.month):
                        year -= 1
                    if year:
                        value = PartialDate(year, month)
                elif kind == "weekday":     # (a report's day is past: "said Wednesday after meeting with …")
                    value = _day_of_week(text, m, reference, future and not told)
                elif kind == "year":
                    value = PartialDate(int(m.group(1)))
            except (ValueError, KeyError):
                value = None
            if _until(text[:m.start()]):
                value = None
            taken.append((m.start(), m.end()))
            found.append(DatePhrase(m.start(), m.end(), m.group(0), value, kind in ("year", "relative_year"), kind))
    _within_week(found)
    return sorted(found, key=lambda p: p.start)


def _day_of_month(day: int, after: bool, reference: PartialDate | None) -> PartialDate | None:
    """The last such day of a month on or before the reference ("el pasado 15"), or the first after it ("el próximo 3")."""
    if reference is None or not reference.day:
        return None
    y, m = reference.year, reference.month
    if after and day < reference.day:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif not after and day > reference.day:
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    try:
        return PartialDate.of(dt.date(y, m, day))
    except ValueError:
        return None


def _until(before: str) -> bool:
    """'… hasta el viernes', 'until 2030': the end of a period, not the day of what the sentence states."""
    words = before.split()
    return bool(words) and words[-1].lower() in lexicon()["grammar"]["until"]


def _of_something(after: str) -> bool:
    """'today’s …', '… de la cumbre', '… of the summit': a relative day said of something else."""
    return bool(_of_something_pattern().match(after))


@lru_cache(maxsize=1)
def _of_something_pattern():
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lexicon()["grammar"]["of_something"])
    return re.compile(rf"\s*['’]s\b|\s+(?:{words})\b", re.I)


def _day_of_week(text: str, m, reference, future):
    """'el pasado martes', 'met Wednesday'; 'este jueves 29': the 29th nearest the anchor that is a
    Thursday; 'el miércoles 2 de enero', 'on Friday, February 10': the date that follows says it
    (None here)."""
    after = re.match(r"\s*(\d{1,2})\b(\s+(?:de\s+)?[A-Za-zÁÉÍÓÚáéíóú]+)?", text[m.end():])
    if after and after.group(2) and after.group(2).split()[-1].lower() in lexicon()["months"]:
        return None
    month_first = re.match(r"\s*,?\s*([A-Za-zÁÉÍÓÚáéíóú]+)\.?\s+\d", text[m.end():])
    if month_first and month_first.group(1).lower() in lexicon()["months"]:
        return None
    if after and reference is not None and reference.month:
        name = next(w for w in m.group(0).lower().split() if w in lexicon()["weekdays"])
        return _nearest_day(int(after.group(1)), lexicon()["weekdays"][name], reference)
    return resolve(m.group(0), reference, future)


def _nearest_day(day: int, weekday: int, reference: PartialDate) -> PartialDate | None:
    """The date with this day of the month and day of the week, within a month of the reference."""
    base = dt.date(reference.year, reference.month, reference.day or 15)
    for months in (0, -1, 1):
        y, mo = base.year + (base.month + months - 1) // 12, (base.month + months - 1) % 12 + 1
        try:
            d = dt.date(y, mo, day)
        except ValueError:
            continue
        if d.weekday() == weekday and abs((d - base).days) <= 31:
            return PartialDate.of(d)
    return None


def _within_week(found: list[DatePhrase]) -> None:
    """'next week …, on Thursday': a bare weekday names a day of the week the sentence gives,
    and that day is the date of both phrases."""
    weeks = [p for p in found if p.kind == "relative" and isinstance(p.value, DateRange)]
    days = [p for p in found if p.kind == "weekday" and not _modified(p.text)]
    if len(weeks) != 1 or len(days) != 1:
        return
    week, day = weeks[0], days[0]
    name = next(w for w in day.text.lower().split() if w in lexicon()["weekdays"])
    value = PartialDate.of(week.value.start.as_date() + dt.timedelta(days=lexicon()["weekdays"][name]))
    if value <= week.value.end:
        week.value = day.value = value


def _modified(text: str) -> bool:
    words = lexicon()["weekday_words"]
    return any(w in words["next"] + words["last"] + words["this"] for w in text.lower().split())


def heading_day(text: str, reference: PartialDate | None, day_first: bool = True) -> PartialDate | None:
    """The day a heading is, when the heading is a day and nothing else: an agenda's "LUNES 10",
    "Martes 11 de marzo", "Wednesday, March 12" over the activities of that day."""
    if reference is None or not reference.month:
        return None
    words = lexicon()["weekdays"]
    m = re.fullmatch(r"\s*([^\W\d_]+)[\s,]+(\d{1,2})\s*[:.]?\s*", text)
    if m and m.group(1).lower() in words:
        return _nearest_day(int(m.group(2)), words[m.group(1).lower()], reference)
    found = find(text, reference, day_first=day_first)
    if len(found) != 1 or not (isinstance(found[0].value, PartialDate) and found[0].value.day):
        return None
    rest = re.findall(r"[^\W\d_]+", text[:found[0].start] + " " + text[found[0].end:])
    # (a date line with a year, or no weekday, is the text's own: "Wednesday, March 13, 2024")
    return found[0].value if rest and all(w.lower() in words for w in rest) and not _YEAR.search(text) else None
