"""Sentences of a document with their offsets, from spaCy's blank pipelines (no model download).

Line breaks end sentences (headlines, bullets and captions have no full stop), except where a
long line stops mid-sentence without punctuation, as stored web copies often do, or the next line
goes on in lower case."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import fold, language

_END = tuple(".!?:;»”\"')…")
_OPENING_QUOTES = ("“", "«", "‘")
_FULL_STOPS = (".", "!", "?", "…")
MIN_WRAPPED_LINE = 60      # characters: a shorter line without punctuation is a heading, not a wrap
MAX_HEADING_WORDS = 20
MIN_TITLE_WORDS = 4        # words of a line in Title Case before it is taken for a headline
CREDIT_WORDS = 6       # of a photo credit ("Foto: Cancillería de Colombia."); a longer one is a caption
PARAGRAPH_CHARS = 100   # a line this long, ended as a sentence, is a paragraph of the story, no headline of another
MENU_BARS = 2          # bars that make a line a site's menu or breadcrumb trail


# The signature line of a social-media post copied into a page ("— Secretary Antony Blinken
# (@SecBlinken) May 13, 2024"): the line before it is the post, written on its own day.
_POST_SIGNATURE = re.compile(r"^[—–-]{1,2}[^\n]{0,120}\(@\w{1,50}\)[^\n]{0,40}\d{4}[ \t]*$", re.M)


def posts(text: str) -> list[tuple[int, int]]:
    """The character spans of the posts a text embeds: each signature line and the line above it."""
    out = []
    for m in _POST_SIGNATURE.finditer(text):
        above = text[:m.start()].rstrip()
        out.append((above.rfind("\n") + 1, m.end()))
    return out


RELATED = "kg.related"     # Doc.user_data key: character spans of lists of links to other stories (and photo credits)


def _paragraph(line: str) -> bool:
    """A line of story, not a headline: long, and ended as a sentence is."""
    return len(line) >= PARAGRAPH_CHARS and line.endswith(_FULL_STOPS + ('"', "”", "»"))


def related_lists(text: str, markers: frozenset[str]) -> list[tuple[int, int]]:
    """The character spans of the lists of other stories a page embeds ("Más en Andina:", "Read more:"): the
    rest of the marker's line, else the paragraph after it; a marked field of a bar ("… | Topics: …") to the
    line's end."""
    out, offset, opened = [], 0, None
    for line in text.splitlines(keepends=True):
        words = line.strip()
        head, colon, rest = words.partition(":")
        if opened is not None and words and not _paragraph(words):
            out.append((offset, offset + len(line)))
        elif opened is not None and words:
            opened = None       # "Lea también: <headline>", then the story goes on: a paragraph is no headline
        elif opened is not None and not words and out and out[-1][0] >= opened:
            opened = None       # the blank line after the list
        if fold(head.strip()) in markers:
            opened = offset + len(line)
            if colon and rest.strip():
                out.append((offset, offset + len(line)))
        else:   # "U.S. Embassy Lima | 15 September, 2022 | Topics: Ambassador, Press Releases": a field of a page's bar
            at = next((line.index(field) for field in line.split("|")[1:]
                       if fold(field.partition(":")[0].strip()) in markers and field.partition(":")[2].strip()), None)
            if at is not None:
                out.append((offset + at, offset + len(line)))
        offset += len(line)
    return out


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    text = doc.text
    lists = related_lists(text, _related_markers(doc.lang_)) + [m.span() for m in _credit_pattern(doc.lang_).finditer(text)]
    minor = _title_case_minor(doc.lang_)
    doc.user_data[RELATED] = lists
    continued = False       # the line is the rest of the one before: no headline
    for i, tok in enumerate(doc[:-1]):
        if "\n" not in tok.text_with_ws:
            continue
        if tok.is_space and tok.text.count("\n") > 1:
            doc[i + 1].is_sent_start = True     # a blank line always ends a sentence
            continued = False
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        line = text[line_start:tok.idx + len(tok.text)].strip()
        # … or a line going on in lower case ("… met with Foreign Minister X on\nTuesday to discuss\nthe agenda.")
        headline = not continued and title_case(line, minor)
        wrapped = not line.endswith(_END) and (len(line) >= MIN_WRAPPED_LINE and not headline or
                                               doc[i + 1].text[:1].islower()) and \
            not any(lo <= tok.idx < hi for lo, hi in lists)     # the headlines of other stories, one a line
        doc[i + 1].is_sent_start = not wrapped
        continued = wrapped
    # "… in Washington, D.C. The Dialogue reflects …": an abbreviation's full stop ends the sentence when a word
    # that never starts a name follows.
    # ("U.S. Under Secretary …": an opener that starts a title does not)
    openers, titles = _sentence_openers(doc.lang_)
    for i, tok in enumerate(doc[:-1]):
        if len(tok.text) > 1 and tok.text.endswith(".") and tok.whitespace_ and doc[i + 1].text in openers and \
                not (i + 2 < len(doc) and doc[i + 2].text in titles):
            doc[i + 1].is_sent_start = True
    # "… Charles Sewall. y el Comandante General …": a full stop before a word in lower case is a slip, not a
    # sentence's end.
    for i, tok in enumerate(doc[1:], 1):
        if tok.is_sent_start and tok.is_lower and tok.is_alpha and doc[i - 1].text == "." and "\n" not in doc[i - 1].whitespace_:
            tok.is_sent_start = False
    # "la 77.° Asamblea General", "el 5.º Diálogo": the full stop of an ordinal ends no sentence.
    for i, tok in enumerate(doc[2:], 2):
        if tok.text in ("°", "º", "ª") and doc[i - 1].text == "." and doc[i - 2].like_num:
            tok.is_sent_start = False
    # '… al canciller. “La relación …': an opening quotation mark after a full stop opens the next
    # sentence (the sentencizer leaves it at the end of the one before).
    # (A straight quotation mark opens when it is spaced before and not after: '… apoyo. "Seguiremos …'.)
    for i, tok in enumerate(doc[1:-1], 1):
        opening = tok.text in _OPENING_QUOTES or tok.text == '"' and doc[i - 1].whitespace_ and not tok.whitespace_
        if opening and doc[i + 1].is_sent_start and not tok.is_sent_start and doc[i - 1].text in _FULL_STOPS:
            tok.is_sent_start, doc[i + 1].is_sent_start = True, False
    return doc


@lru_cache(maxsize=None)
def _related_markers(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in language(lang).text["related"])


@lru_cache(maxsize=None)
def _credit_pattern(lang: str) -> re.Pattern:
    """Photo credits ("Foto: Cancillería de Colombia.", "(Photo: U.S. Embassy Lima)"): a few words up to a stop, or a
    whole line that opens with one; whom they name took no part."""
    words = "|".join(re.escape(w) for w in language(lang).text["credits"])
    # (a line that opens with one is a caption however long: "[Photo: Peruvian Minister X speaks to reporters in …]")
    return re.compile(rf"\b(?:{words})\s*:\s*(?:[^\s.)|]+[ \u00a0]?){{1,{CREDIT_WORDS}}}(?=[.)|\n]|$)"
                      rf"|^[ \t\u00a0]*[\[(]?(?:{words})\s*:[^\n]*$", re.I | re.M)


def title_case(line: str, minor: frozenset[str]) -> bool:
    """A headline in Title Case: every word capitalised but the small ones ("… Call with Peruvian President-elect
    Castillo"); a wrapped line of prose has lower-case words of its own ("… met with Peruvian Foreign Minister")."""
    words = re.findall(r"\w[\w'’.-]*", line)
    return len(words) >= MIN_TITLE_WORDS and all(w[0].isupper() or w[0].isdigit() or w.lower() in minor for w in words)


@lru_cache(maxsize=None)
def _title_case_minor(lang: str) -> frozenset[str]:
    return frozenset(language(lang).text.get("title_case_minor", ()))


@lru_cache(maxsize=None)
def _sentence_openers(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words that open a sentence after an abbreviation, and the title words after one that make it a title's instead."""
    actors = language(lang).actors
    return frozenset(actors["not_names"]), frozenset(actors["opener_titles"])


@Language.component("folded_norms")
def folded_norms(doc: Doc) -> Doc:
    """Each token's NORM is its text in lower case without accents: the lexicon's words match
    "reunió" and "reunio", "Perú" and "Peru" (see kg.extract.lexicon.token_pattern)."""
    for tok in doc:
        tok.norm_ = fold(tok.text)
    return doc


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    nlp = spacy.blank(lang)
    # "U.S.-Peru" and "Perú–Estados Unidos" name two actors: split dashes before a capital.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w.])[-–—](?=[A-ZÁÉÍÓÚÑ])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # A dateline in capitals ("ST. JOHN’S, Antigua —") keeps its abbreviation whole, so its full
    # stop does not end a sentence. (In lower case too: the lexicon's "capt." matches "Capt.")
    for word in language(lang).actors.get("abbreviations", []):
        for form in {word, word.upper(), word.capitalize(), word.lower()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("folded_norms")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    return nlp


@dataclass
class Sentence:
    span: Span          # without surrounding white space
    index: int
    embedded: bool = False   # inside a post the page quotes: its "today" is not the page's

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def heading(self) -> bool:
        """A title, caption or credit line: no facts are read from these."""
        words = [t for t in self.span if t.is_alpha]
        return not self.text.endswith(_END) and len(words) < MAX_HEADING_WORDS or \
            self.text.count(" | ") >= MENU_BARS or \
            any(lo <= self.start < hi for lo, hi in self.span.doc.user_data.get(RELATED, ()))
        # ("Home | News & Events | …", "Share this: Facebook | Twitter"; the headlines after "Más en Andina:")

    @property
    def lead(self) -> bool:
        """A line with no final stop (a deck under a headline, a caption): what it tells, the body
        tells again; pledges are read from the body."""
        return not self.text.endswith(_END)


def sentences(doc: Doc) -> list[Sentence]:
    out = []
    quoted = posts(doc.text)
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if toks:
            span = doc[toks[0].i:toks[-1].i + 1]
            embedded = any(lo <= span.start_char < hi for lo, hi in quoted)
            out.append(Sentence(span, len(out), embedded))
    return out
