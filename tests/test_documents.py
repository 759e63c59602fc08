"""Documents: front matter, normalised text, and clear errors for bad input."""
import pytest

from kg.build import documents
from kg.config import ROOT
from kg.dates import PartialDate
from kg.errors import InputError

SEEDS = ROOT / "data" / "documents"


def write(tmp_path, name, content, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_metadata_comes_from_front_matter():
    doc = documents.load(SEEDS / "000_82964b1a4c72b6da.txt")
    assert doc.identifier == "000_82964b1a4c72b6da"
    assert doc.title.startswith("Declaración Conjunta sobre el Diálogo de Alto Nivel")
    assert doc.date == PartialDate(2024, 5, 10)
    assert doc.language == "es"
    assert doc.source is None  # unknown stays unknown


def test_a_date_known_only_to_the_year_keeps_that_precision():
    doc = documents.load(SEEDS / "001_35fdf57af7bb5313.txt")
    assert doc.date == PartialDate(2024) and doc.date.xsd_type == "gYear"


def test_non_breaking_spaces_become_plain_spaces_and_quotes_still_match():
    raw = (SEEDS / "001_35fdf57af7bb5313.txt").read_text(encoding="utf-8")
    assert "\u00a0" in raw
    doc = documents.load(SEEDS / "001_35fdf57af7bb5313.txt")
    assert "\u00a0" not in doc.text and "  " not in doc.text
    start, end = documents.locate(doc, "Secretary of State\u00a0Antony Blinken\u00a0and Minister")
    assert doc.text[start:end] == "Secretary of State Antony Blinken and Minister"


def test_html_entities_left_in_a_text_are_the_characters_they_stand_for():
    text = documents.normalise("Secretary&nbsp;Blinken met Gonz&aacute;lez&#8209;Olaechea &amp; his team; R&D stays")
    assert text == "Secretary Blinken met González-Olaechea & his team; R&D stays"


def test_every_seed_loads_with_its_identifier():
    docs = documents.load_folder(SEEDS)
    assert [d.identifier for d in docs] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(d.has_front_matter and d.language in ("es", "en") for d in docs)


@pytest.mark.parametrize("text, language", [
    ("El canciller se reunió hoy con el secretario de Estado para conversar sobre la cooperación bilateral.", "es"),
    ("The Secretary met today with the Foreign Minister to discuss bilateral cooperation and trade.", "en"),
])
def test_a_file_without_front_matter_is_accepted_with_a_warning(tmp_path, text, language):
    doc = documents.load(write(tmp_path, "plain.txt", text))
    assert not doc.has_front_matter
    assert doc.language == language and doc.date is None
    assert any("no front matter" in w for w in doc.warnings)


@pytest.mark.parametrize("content, message, line", [
    ("---\ntitle: x\nlanguage: es\nbody without closing\n", "never closed", 1),
    ("---\ntitle: x\ndate: 2024-13-45\nlanguage: es\n---\nText.\n", "invalid date", 3),
    ("---\ntitle: x\ndate: next tuesday\n---\nText.\n", "invalid date", 3),
    ("---\ntitle: x\nlanguage: klingon\n---\nText.\n", "invalid language", 3),
    ("---\ntitle: x\nlanguage: xx\n---\nText.\n", "invalid language", 3),
    ("---\ntitle: [unclosed\nlanguage: es\n---\nText.\n", "malformed YAML", None),
    ("---\n- a\n- b\n---\nText.\n", "must be a mapping", 2),
])
def test_bad_front_matter_is_rejected_naming_file_and_line(tmp_path, content, message, line):
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(InputError) as err:
        documents.load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    if line is not None:
        assert err.value.line == line


def test_undecodable_bytes_are_rejected_with_their_line(tmp_path):
    path = write(tmp_path, "latin1.txt", "---\ntitle: x\n---\nprimera línea\nsegunda l\xednea\n".encode("latin-1"), "wb")
    with pytest.raises(InputError) as err:
        documents.load(path)
    assert "not valid UTF-8" in str(err.value) and err.value.line == 4


def test_a_source_that_is_not_a_valid_iri_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, "bad-source.txt", "---\ntitle: x\nsource: https://example.org/a b\n---\nText.\n")
    with pytest.raises(InputError) as err:
        documents.load(path)
    assert "not a valid IRI" in str(err.value) and err.value.line == 3


def test_a_source_given_as_plain_text_is_kept_as_text(tmp_path):
    doc = documents.load(write(tmp_path, "text-source.txt", "---\ntitle: x\nsource: Printed bulletin no. 4\n---\nText.\n"))
    assert doc.source == "Printed bulletin no. 4"
