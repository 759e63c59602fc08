"""Where the names of people and organisations start and end: the words a person's name is made
of, the portfolio a title names before its holder, an organisation's head and connectors, and the
capitalised common words of title-case headlines, which are not names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.matcher import Matcher
from spacy.tokens import Doc

from .lexicon import language, token_pattern
from .text import _END, _title_case_minor

if TYPE_CHECKING:
    from .actors import ActorIndex

HEADLINE_WORDS = "kg.headline_words"   # Doc.user_data key: tokens of title-case lines not capitalised elsewhere
TITLE_CASE_SHARE = 0.8    # of a line's longer words capitalised: a headline in title case


def line_matcher(vocab, label: str, lines: list[str]) -> Matcher:
    """A matcher of lexicon pattern lines under one label (kg.extract.lexicon.token_pattern syntax)."""
    matcher = Matcher(vocab)
    if lines:
        matcher.add(label, [token_pattern(line) for line in lines])
    return matcher


_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")     # "J.", "C.J.": a name's initials


def _is_name_token(tok, index: ActorIndex) -> bool:
    t = tok.text
    if t in index.not_names:
        return False
    return t[:1].isupper() and any(c.isalpha() for c in t) and t.lower() not in index.titles and not t.isupper() or \
        bool(_INITIALS.match(t))


def name_after(doc: Doc, i: int, index: ActorIndex, limit: int = 5) -> int:
    """End of a person's name starting at token i ("Luis Gilberto Murillo", "Ana de la Cruz",
    "Javier Martínez-Acha"), or i."""
    j, last = i, i
    unsure = doc.user_data.get(HEADLINE_WORDS, ())
    while j < len(doc) and j - i < limit + 2:
        tok = doc[j]
        if j > i and j in unsure:
            break       # "Acting Secretary Sullivan Travel to Lima": a headline's capitals are not all names
        if _is_name_token(tok, index):
            last = j + 1
        elif tok.text in index.date_words and j + 1 < len(doc) and _is_name_token(doc[j + 1], index):
            last = j + 1   # "Julio César Arriola", "Mayo Hernández": a month's name inside a person's
        elif _hyphen_inside(doc, j) and last == j and _is_name_token(doc[j + 1], index):
            pass   # a double surname: the hyphen joins the two words
        elif last == j > i and _nickname(doc, j, index):
            j += 2   # "Laurentino “Nito” Cortizo": a nickname in quotes inside the name
        elif tok.text not in index.particles or last == i:
            break
        j += 1
    return last


_NICKNAME_QUOTES = {"“": "”", '"': '"', "«": "»", "‘": "’", "'": "'"}     # opening mark -> closing mark
_NICKNAME = re.compile(r"\s*(?:%s)(?=\s)" % "|".join(f"{re.escape(o)}[^{re.escape(c)}]{{1,20}}{re.escape(c)}"
                                                   for o, c in _NICKNAME_QUOTES.items()))


def _nickname(doc: Doc, j: int, index: ActorIndex) -> bool:
    """Whether doc[j] opens a one-word nickname in quotes that a name goes on after."""
    close = _NICKNAME_QUOTES.get(doc[j].text)
    return close is not None and j + 3 < len(doc) and _is_name_token(doc[j + 1], index) and \
        doc[j + 2].text == close and _is_name_token(doc[j + 3], index)


def without_nickname(name: str) -> str:
    """A person's name without the nickname it quotes ("Laurentino “Nito” Cortizo": "Laurentino Cortizo")."""
    return _NICKNAME.sub("", name)


def portfolio_end(doc: Doc, j: int, index: ActorIndex) -> int:
    """After a title's preposition, the words of its portfolio the lexicon knows ("of Industry and
    Commerce", "for International Economic Relations", "de Relaciones Económicas e Integración"):
    where the holder's name may start ("for the Americas Christopher Dodd": an article may come first)."""
    if not _after_portfolio(doc, j, index):
        return j

    def goes_on(k: int) -> bool:        # "…, Energy, and the Environment": a portfolio word after, maybe past an article
        k += doc[k].lower_ in index.definite_articles and doc[k - 1].lower_ in index.org_joiners
        return doc[k].lower_ in index.portfolio_words or doc[k].lower_ in index.org_joiners

    k = j
    while k < len(doc) and (doc[k].lower_ in index.portfolio_words or
                            (doc[k].lower_ in index.org_joiners | index.org_connectors or doc[k].text == ",") and
                            k + 2 < len(doc) and goes_on(k + 1)):
        k += 1
    return k


def _after_portfolio(doc: Doc, j: int, index: ActorIndex) -> bool:
    """A lower-case word right after a title's preposition (and an article): part of the title."""
    k = j - 1
    while k >= 0 and doc[k].lower_ in index.definite_articles:
        k -= 1
    return k >= 0 and doc[k].lower_ in index.portfolio_prepositions


def _hyphen_inside(doc: Doc, j: int) -> bool:
    """A hyphen written between two words with no space: part of one name."""
    return doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_


def organisation_at(doc: Doc, i: int, index: ActorIndex, starts: set[int] = frozenset(), titled: set[int] = frozenset(),
                    ends: set[int] = frozenset()) -> int:
    """End of an organisation's name that starts with a head word at token i, or i.

    Small words join capitalised ones ("Servicio Nacional de Prevención y Respuesta ante
    Desastres"); a conjunction does not join a second organisation or a known actor
    ("Instituto … del Perú y el Servicio …", "… del Perú y Chile"); past a known actor's name
    (`ends`) only "de"/"of" goes on ("el Gobierno de los Estados Unidos de América sobre
    Cooperación …": what an instrument is about)."""
    if doc[i].text not in index.org_heads:
        return i
    j, last, capitals = i + 1, i, 0
    unsure = doc.user_data.get(HEADLINE_WORDS, ())     # "U.S. Embassy Lima Signs Letter …": a headline's verb ends it
    while j < len(doc) and j not in titled and j not in unsure:
        tok = doc[j]
        if tok.text[:1].isupper() and tok.is_alpha and tok.text not in index.date_words:
            last, capitals = j + 1, capitals + 1
        elif tok.lower_ in index.org_connectors and j + 1 < len(doc) and doc[j + 1].text in index.agreement_heads:
            break      # "Consejo … del Acuerdo Marco …": the instrument is not part of the body's name
        elif tok.lower_ in index.org_connectors and j in ends and tok.lower_ not in index.of_words:
            break
        elif tok.lower_ in index.org_joiners:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is None or not nxt.text[:1].isupper() or nxt.text in index.org_heads or (j + 1) in starts:
                break
        elif tok.lower_ not in index.org_connectors:
            break
        j += 1
    return last if capitals else i


def headline_words(doc: Doc) -> set[int]:
    """The tokens of title-case headlines ("Secretary Sullivan Travel to Lima, Peru To Participate in
    …") whose word the text writes in lower case elsewhere ("will travel"): common words, not names."""
    lines: list[list] = [[]]
    for tok in doc:
        if "\n" in tok.text:
            lines.append([])
        elif not tok.is_space:
            lines[-1].append(tok)
    out: set[int] = set()
    for line in lines:
        words = [t for t in line if t.is_alpha and len(t) > 3]
        if line and not line[-1].text.endswith(_END) and len(words) >= 3 and \
                sum(t.is_title for t in words) >= TITLE_CASE_SHARE * len(words):
            out.update(t.i for t in line)
    lower = {t.text for t in doc if t.i not in out and t.is_lower} | _headline_common(doc.lang_)
    return {i for i in out if doc[i].lower_ in lower}


@lru_cache(maxsize=None)
def _headline_common(lang: str) -> frozenset[str]:
    """Words a headline capitalises that are never part of a name ("Remarks by X Upon Arrival in Quito")."""
    return _title_case_minor(lang) | frozenset(language(lang).text.get("headline_words", ()))


def past_words(doc: Doc, j: int, words, lo: int = 0) -> int:
    """Token j, or the first token before it (down to lo) that is not one of `words`: past the articles before
    a name ("en la sede de la Cancillería")."""
    while j > lo and doc[j].lower_ in words:
        j -= 1
    return j


def acronym_after(doc: Doc, e: int, hi: int) -> str | None:
    """The acronym in brackets right after a name: "(USMCA)", "(T-MEC)" (a hyphen splits it in tokens)."""
    if e >= min(hi, len(doc)) or doc[e].text != "(":
        return None
    close = next((k for k in range(e + 1, min(hi, len(doc), e + 5)) if doc[k].text == ")"), None)
    inside = doc[e + 1:close].text if close is not None and close > e + 1 else ""
    return inside if inside.replace(" ", "").isupper() and " " not in inside else None
