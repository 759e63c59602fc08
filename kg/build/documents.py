"""Source documents: a YAML front-matter block, then the text.

The published text of a document is its body after normalisation (NFC, non-breaking and other
odd spaces made plain, runs of spaces collapsed, line ends unified); every character offset in
the graph counts Unicode code points into that text."""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .. import yamlfile
from ..config import ROOT
from ..dates import PartialDate, parse_iso
from ..errors import InputError

log = logging.getLogger(__name__)

FIELDS = ("title", "publisher", "date", "language", "source")
_LANGUAGES = ROOT / "data" / "languages.txt"
_LANG_TAG = re.compile(r"^([a-z]{2})(?:-[A-Z]{2})?$")
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011"), "-")     # what a reader sees as a hyphen
# HTML entities left in text copied from a web page ("Secretary&nbsp;Blinken", "Gonz&aacute;lez").
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_SPACES = re.compile(r" {2,}")
# A document's identifier is its file name less `.txt`: it is part of IRIs (id/document/…) and URLs.
_IDENTIFIER = re.compile(r"[\w.~-]+")
MAX_CHARACTERS = 1_000_000   # of a document's text: what the extractor (spaCy) takes in one piece
# C0 controls (but tab, line feed, return) and DEL cannot be written in XML (RDF/XML, SPARQL XML
# results) nor shown in HTML: a document holding one is refused, naming where it is.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Document:
    identifier: str                 # the file name without extension
    path: Path
    text: str                       # normalised body: what offsets count into
    title: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    language: str | None = None
    source: str | None = None
    note: str | None = None
    has_front_matter: bool = True
    warnings: list[str] = field(default_factory=list)

    @property
    def derived_title(self) -> str | None:
        """For a document whose source gives no title, one a reader can use (see derive_title)."""
        return None if self.title else derive_title(self.text)


TITLE_LENGTH = 100   # characters of a derived title, cut at a word
_HEADING_LENGTH = 120
_LEADING_DATE = re.compile(r"^(?:date|fecha)?\s*\d{4}-\d{2}-\d{2}\s+", re.IGNORECASE)
_CREDIT = re.compile(r"\s+\|\s+[^|]*$")                       # "… | MRE Perú": a photo credit
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=\s+[\"“¿¡(]?[A-ZÁÉÍÓÚÑ])")


def derive_title(text: str) -> str | None:
    """A title for a document without one: its first heading (a short first line standing alone,
    not ending as a sentence does), else its first sentence, cut at a word to TITLE_LENGTH. A date
    the text opens with and a trailing credit ("| Agency") are left out."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        return None
    first = paragraphs[0].split("\n")
    line = _LEADING_DATE.sub("", first[0].strip())
    if len(first) == 1 and len(line) <= _HEADING_LENGTH and not line.endswith((".", ":", ";", ",")) and len(paragraphs) > 1:
        return line or None
    flat = _CREDIT.sub("", _LEADING_DATE.sub("", " ".join(paragraphs[0].split())))
    end = _SENTENCE_END.search(flat)
    sentence = flat[: end.start() + 1] if end else flat
    if len(sentence) > TITLE_LENGTH:
        sentence = sentence[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
    return sentence or None


def normalise(text: str) -> str:
    """Make real-world text comparable: what a reader sees as one space is one space, an HTML
    entity left in the text is the character it stands for."""
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_INVISIBLE).translate(_ODD_SPACES).translate(_HYPHENS)
    return "\n".join(_SPACES.sub(" ", line).rstrip() for line in text.split("\n"))


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    lines = _LANGUAGES.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line) from None


def _split_front_matter(path: Path, text: str) -> tuple[str | None, str, int]:
    """Returns (front matter or None, body, line number of the front matter's first line)."""
    text = text.removeprefix("\ufeff")
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None, text, 0
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), 2
    raise InputError(path, "front matter opened with '---' is never closed", 1)


def _parse_front_matter(path: Path, block: str, first_line: int) -> dict:
    try:
        meta = yamlfile.loads(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"malformed YAML in front matter: {problem}", line) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of fields (title, publisher, date, language, source)", first_line)
    return meta


def _is_iri(text: str) -> bool:
    from pyoxigraph import NamedNode

    try:
        NamedNode(text)
        return True
    except ValueError:
        return False


def _line_of(block: str, key: str, first_line: int) -> int:
    for i, line in enumerate(block.splitlines()):
        if line.startswith(key + ":"):
            return first_line + i
    return first_line


def _check_fields(path: Path, meta: dict, block: str, first_line: int) -> dict:
    out = {}
    for key in ("title", "publisher", "source", "note"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(path, f"front matter field '{key}' must be text", _line_of(block, key, first_line))
        out[key] = normalise(value).strip() if value else None
    if out["source"] and re.match(r"^[a-z][a-z0-9+.-]*:", out["source"], re.IGNORECASE) and not _is_iri(out["source"]):
        raise InputError(path, f"front matter field 'source' is not a valid IRI: {out['source']!r}",
                         _line_of(block, "source", first_line))
    if meta.get("date") is not None:
        try:
            out["date"] = parse_iso(meta["date"])
        except ValueError as exc:
            raise InputError(path, f"invalid date in front matter: {exc}", _line_of(block, "date", first_line)) from None
    if meta.get("language") is not None:
        lang = str(meta["language"]).strip()
        m = _LANG_TAG.match(lang)
        if not m or m.group(1) not in known_languages():
            raise InputError(path, f"invalid language {lang!r} in front matter (expected an ISO 639-1 code such as 'es' or 'en')",
                             _line_of(block, "language", first_line))
        out["language"] = lang
    return out


def detect_language(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return detect(text)
    except LangDetectException:
        return None


def _check_name(path: Path) -> None:
    if not _IDENTIFIER.fullmatch(path.stem):
        bad = sorted({c for c in path.stem if not _IDENTIFIER.fullmatch(c)})
        raise InputError(path, f"the file name cannot name a document: {''.join(bad)!r} cannot be part of its IRI "
                               "(id/document/NAME); rename it with letters, digits, '-', '_', '.' or '~'")


def _check_text(path: Path, text: str) -> None:
    if len(text) > MAX_CHARACTERS:
        raise InputError(path, f"the document has {len(text):,} characters; at most {MAX_CHARACTERS:,} are "
                               "accepted: split it into several documents")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(path, f"control character U+{ord(bad.group()):04X} at column {column}: documents may "
                               "hold text, tabs and line breaks only", line)


def load(path: Path) -> Document:
    path = Path(path)
    _check_name(path)
    text = _decode(path, path.read_bytes())
    _check_text(path, text)
    block, body, first_line = _split_front_matter(path, text)
    doc = Document(identifier=path.stem, path=path, text=normalise(body))
    if block is None:
        doc.has_front_matter = False
        doc.language = detect_language(doc.text)
        doc.warnings.append(f"{path}: no front matter; language detected as {doc.language!r}, date left absent")
    else:
        meta = _parse_front_matter(path, block, first_line)
        for key, value in _check_fields(path, meta, block, first_line).items():
            setattr(doc, key, value)
    for w in doc.warnings:
        log.warning(w)
    return doc


def load_folder(folder: Path) -> list[Document]:
    """Every document of a folder (*.txt), in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "documents folder does not exist")
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    return [load(p) for p in paths]


def locate(doc: Document, quote: str) -> tuple[int, int] | None:
    """Offsets of a quote in the document's text (whitespace-normalised), first occurrence."""
    needle = normalise(quote).strip()
    start = doc.text.find(needle)
    if start < 0 or not needle:
        return None
    return start, start + len(needle)
