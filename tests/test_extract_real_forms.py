"""The sentence forms a user met on real readouts and news (issue 10), each on a short input:
meetings stated with 'met', 'spoke', 'held a call', 'se reunió con', 'sostuvo una conversación
telefónica'; dates from datelines, weekdays and 'today'-like words; one visit told in several
sentences as one meeting; no country as the place of a call; commitments with a topic and a short
label; people the gazetteer does not know found by their titles, typed and given their role."""
from __future__ import annotations

import pytest

from kg.build import documents, gazetteer
from kg.config import Config
from kg.dates import DateRange, PartialDate, parse_iso
from kg.errors import InputError
from kg.extract import Extractor
from kg.extract.dates import dateline


@pytest.fixture(scope="module")
def extractor():
    return Extractor(gazetteer.load(Config().gazetteer_file))


def extract(extractor, text: str, language: str, date: str | None):
    d = documents.Document("t", None, documents.normalise(text), language=language,
                           date=documents.parse_iso(date) if date else None)
    return extractor.extract(d)


def only_meeting(result):
    (m,) = result.facts.meetings
    return m


def committers(result) -> list[list[str]]:
    """Who made each commitment of an extraction."""
    return [c.actors for c in result.facts.commitments]


# ------------------------------------------------------------------ meetings: the verbs of real texts

DE_ZELA_DAY = "2025-12-06"
RUBIO_ZELA = {"marco-rubio", "hugo-de-zela"}
BOLUARTE_BIDEN = {"dina-boluarte", "joe-biden"}
ORTIZ_SYPTAK = {"walter-ortiz", "stephanie-syptak-ramnath"}


# Meetings, calls, audiences, meals, greetings, co-chairs and people present together at a ceremony,
# in the words of real texts (with or without the accents a copy dropped); kind None: not checked.
@pytest.mark.parametrize("text, language, published, people, kind", [
    ("Secretary of State Marco Rubio met Foreign Minister Hugo de Zela of Peru today in Lima.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("Secretary Rubio held a call with Peruvian Foreign Minister Hugo de Zela.", "en", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("Secretary Rubio spoke today with Peruvian Foreign Minister Hugo de Zela.", "en", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("El canciller Hugo de Zela se reunió con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela sostuvo una conversación telefónica con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("El canciller Hugo de Zela se entrevistó con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela participó en un almuerzo de trabajo con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("Secretary Rubio participated in a roundtable with Peruvian Foreign Minister Hugo de Zela.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela dio la bienvenida al secretario de Estado Marco Rubio.", "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("In a call on Monday, Secretary Marco Rubio and Foreign Minister Hugo de Zela discussed the situation in Venezuela.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("En una llamada telefónica, el secretario Marco Rubio y el canciller Hugo de Zela acordaron profundizar la cooperación.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("En su visita a Washington, el canciller Hugo de Zela se encontró con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela y el secretario de Estado Marco Rubio suscribieron un memorando de entendimiento.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela realizó una visita oficial a Washington, donde fue recibido por el secretario de Estado "
     "Marco Rubio.", "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("Foreign Minister Hugo de Zela traveled to Washington, where he was received by Secretary of State Marco Rubio.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela sostuvo una videollamada con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("Foreign Minister Hugo de Zela received a phone call from Secretary Marco Rubio.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("Secretary Marco Rubio sat down with Peruvian Foreign Minister Hugo de Zela in Washington.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("Secretary Marco Rubio paid a courtesy call on Foreign Minister Hugo de Zela.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("Secretary Marco Rubio and Foreign Minister Hugo de Zela took part in a videoconference.",
     "en", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("El canciller Hugo de Zela y el secretario de Estado Marco Rubio participaron en una videoconferencia.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("El canciller Hugo de Zela se reunio con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "in-person"),
    ("El canciller Hugo de Zela sostuvo una conversacion telefonica con el secretario de Estado Marco Rubio.",
     "es", DE_ZELA_DAY, RUBIO_ZELA, "call"),
    ("El canciller Rubén Ramírez Lezcano recibe al embajador de Estados Unidos, Marc Ostfield.",
     "es", "2024-05-14", {"ruben-ramirez-lezcano", "marc-ostfield"}, None),
    ("La canciller Eneida López se reúne con el secretario de Estado Antony Blinken en Washington.",
     "es", "2024-05-14", {"eneida-lopez", "antony-blinken"}, None),
    ("El canciller Luis Gilberto Murillo brindó una audiencia al embajador de Estados Unidos, Francisco Palmieri.",
     "es", "2024-05-14", {"luis-gilberto-murillo", "francisco-palmieri"}, None),
    ("Ambassador Lisa Kenna hosted a roundtable with business leaders and Minister of Economy Alex Contreras.",
     "en", "2024-05-14", {"lisa-kenna", "alex-contreras"}, None),
    ("Secretary Blinken joined President Dina Boluarte for a working lunch at the Government Palace.",
     "en", "2024-05-14", {"antony-blinken", "dina-boluarte"}, None),
    ("The Secretary also greeted Foreign Minister Javier González-Olaechea at the airport.",
     "en", "2024-05-14", {"antony-blinken", "javier-gonzalez-olaechea"}, None),
    ("Secretary Blinken and Foreign Minister Javier González-Olaechea co-chaired the U.S.-Peru High-Level Dialogue in "
     "Washington.", "en", "2024-05-14", {"antony-blinken", "javier-gonzalez-olaechea"}, None),
    ("Se llevó a cabo una reunión entre el canciller Javier González-Olaechea y el secretario Antony Blinken.",
     "es", "2024-05-14", {"antony-blinken", "javier-gonzalez-olaechea"}, None),
    ("Secretary Antony Blinken was received by President Dina Boluarte at the Government Palace.",
     "en", "2024-05-14", {"antony-blinken", "dina-boluarte"}, None),
    ("La presidenta Dina Boluarte sostuvo una comunicación telefónica con el presidente Joe Biden.",
     "es", "2024-05-14", BOLUARTE_BIDEN, "call"),
    ("La presidenta Dina Boluarte y el presidente Joe Biden intercambiaron opiniones sobre la migración.",
     "es", "2024-05-14", BOLUARTE_BIDEN, "in-person"),
    ("President Dina Boluarte and President Joe Biden exchanged views on migration.",
     "en", "2024-05-14", BOLUARTE_BIDEN, "in-person"),
    ("President Dina Boluarte and President Joe Biden discussed by phone the situation in Venezuela.",
     "en", "2024-05-14", BOLUARTE_BIDEN, "call"),
    ("President Joe Biden telephoned President Dina Boluarte.", "en", "2024-05-14", BOLUARTE_BIDEN, "call"),
    ("President Joe Biden called President Dina Boluarte to discuss the elections.",
     "en", "2024-05-14", BOLUARTE_BIDEN, "call"),
    ("La ceremonia de entrega contó con la participación del ministro del Interior, Walter Ortiz, y de la embajadora "
     "Stephanie Syptak-Ramnath.", "es", "2024-05-14", ORTIZ_SYPTAK, None),
    ("The handover ceremony was attended by Interior Minister Walter Ortiz and Ambassador Stephanie Syptak-Ramnath.",
     "en", "2024-05-14", ORTIZ_SYPTAK, None),
    ("The agreement was signed in the presence of Interior Minister Walter Ortiz and Ambassador Stephanie Syptak-Ramnath.",
     "en", "2024-05-14", ORTIZ_SYPTAK, None),
    ("La embajadora Stephanie Syptak-Ramnath participó en la ceremonia de clausura junto al ministro del Interior, "
     "Walter Ortiz.", "es", "2024-05-14", ORTIZ_SYPTAK, None),
    ("Con la presencia del ministro del Interior, Walter Ortiz, y de la embajadora Stephanie Syptak-Ramnath, se inauguró "
     "el laboratorio.", "es", "2024-05-14", ORTIZ_SYPTAK, None),
    ("Ambassador Stephanie Syptak-Ramnath joined Interior Minister Walter Ortiz to inaugurate the laboratory.",
     "en", "2024-05-14", ORTIZ_SYPTAK, None),
    # People named by a rank in lower case, by an envoy's title with its region, by a title abbreviated
    ("La jefa del Comando Sur, general Laura Richardson, se reunió con la presidenta Dina Boluarte.",
     "es", "2024-05-14", {"laura-richardson", "dina-boluarte"}, None),
    ("Special Presidential Envoy for the Americas Christopher Dodd met with President Dina Boluarte in Lima.",
     "en", "2024-05-14", {"christopher-dodd", "dina-boluarte"}, None),
    ("Special Envoy for Latin America Mauricio Claver-Carone met with President Dina Boluarte in Lima.",
     "en", "2024-05-14", {"mauricio-claver-carone", "dina-boluarte"}, None),
    ("Amb. Lisa Kenna met with President Dina Boluarte.", "en", "2024-05-14", {"lisa-kenna", "dina-boluarte"}, None),
    ("La presidenta Dina Boluarte y el presidente Joe Biden dialogaron durante 45 minutos en el Salón Oval.",
     "es", "2024-05-14", BOLUARTE_BIDEN, None),
    ("Under Secretary for Economic Growth, Energy, and the Environment Jose W. Fernandez met with Peruvian Vice Minister "
     "of Foreign Affairs Ignacio Higueras.", "en", "2024-05-14", {"jose-fernandez", "ignacio-higueras"}, None),
    # A copy whose lines were cut mid-sentence, one of them short
    ("Secretary Blinken met with Peruvian Foreign Minister Javier Gonzalez-Olaechea on\nTuesday to discuss\nthe "
     "bilateral relationship.", "en", "2024-05-14", {"antony-blinken", "javier-gonzalez-olaechea"}, "in-person"),
])
def test_the_words_of_real_texts_state_a_meeting_of_both(extractor, text, language, published, people, kind):
    m = only_meeting(extract(extractor, text, language, published))
    assert people <= set(m.participants)
    assert kind is None or m.kind == kind


@pytest.mark.parametrize("text, language", [
    ("Secretary Antony Blinken visited Lima on Monday.", "en"),
    ("Secretary Antony Blinken arrived in Lima on Monday for an official visit.", "en"),
    ("El secretario Antony Blinken arribó a Lima para una visita oficial de dos días.", "es"),
])
def test_a_visit_to_a_city_is_a_visit_to_its_country(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2024-05-14"))
    assert {"antony-blinken", "peru"} <= set(m.participants)


def test_two_titles_that_spoke_today_held_a_call_that_day(extractor):
    m = only_meeting(extract(extractor, "The Secretary of State and the Foreign Minister of Peru spoke today.", "en", "2025-12-06"))
    assert m.kind == "call" and m.date == PartialDate(2025, 12, 6)
    assert {"marco-rubio", "hugo-de-zela", "peru", "united-states"} <= set(m.participants)


def test_a_title_whose_holder_that_day_is_unknown_stands_for_its_country(extractor):
    m = only_meeting(extract(extractor, "The Secretary of State and the Foreign Minister of Peru spoke today.", "en", "2025-03-12"))
    assert m.kind == "call" and {"marco-rubio", "peru"} <= set(m.participants)
    assert "hugo-de-zela" not in m.participants      # in office from October 2025 only
    assert m.name["en"] == "Call of Marco Rubio with Peru"


def test_what_is_signed_at_a_meeting_met_without_with_takes_its_date(extractor):
    r = extract(extractor, "Secretary of State Marco Rubio met Foreign Minister Hugo de Zela of Peru today in Lima. "
                           "The two signed a Memorandum of Understanding on Energy Security.", "en", "2025-12-06")
    m = only_meeting(r)
    assert m.date == PartialDate(2025, 12, 6) and m.place == "lima"
    (a,) = r.facts.agreements
    assert a.status == "signed" and a.date == m.date


@pytest.mark.parametrize("text, language, people", [
    ("La embajadora Lisa Kenna y el ministro del Interior, Alfonso Chávarry, inauguraron hoy el nuevo centro de "
     "entrenamiento antidrogas.", "es", {"lisa-kenna", "alfonso-chavarry"}),
    ("Ambassador Lisa Kenna and Interior Minister Alfonso Chávarry today inaugurated a new counternarcotics training "
     "center.", "en", {"lisa-kenna", "alfonso-chavarry"}),
    # a full stop slipped in before "y" does not part the people named together
    ("El agregado jurídico del FBI, Norman Quilichini, el jefe de la INL, Charles Sewall. y el comandante general de la "
     "PNP, Vicente Tiburcio, felicitaron a los 32 miembros de la policía que completaron el curso que empezó el 21 de "
     "marzo.", "es", {"norman-quilichini", "charles-sewall", "vicente-tiburcio"}),
])
def test_people_named_together_doing_one_thing_met(extractor, text, language, people):
    m = only_meeting(extract(extractor, text, language, "2022-03-25"))
    assert people <= set(m.participants) and m.status == "held"
    assert m.date in (None, PartialDate(2022, 3, 25))     # not the day the course began


@pytest.mark.parametrize("text, language", [
    ("The Acting Secretary John J. Sullivan will also engage with members of Cuban and Venezuelan independent civil "
     "society.", "en"),
    ("El secretario John J. Sullivan se reunirá con representantes de la sociedad civil venezolana y cubana.", "es"),
])
def test_the_country_of_a_civil_society_is_no_party_to_meeting_it(extractor, text, language):
    r = extract(extractor, text, language, "2018-04-10")
    assert not {"cuba", "venezuela"} & {a for m in r.facts.meetings for a in m.participants}


def test_the_office_of_a_title_names_no_holder(extractor):
    text = "Office of the Spokesperson\nMay 10, 2024\nDeputy Secretary of State Kurt M. Campbell met with Peruvian " \
           "Foreign Minister Javier González-Olaechea today in Washington."
    r = extract(extractor, text, "en", "2024-05-10")
    spokespeople = [a for a in extractor.gaz.actors.values() if a.type == "Person" and "spokesperson" in r.roles.get(a.id, "").lower()]
    assert spokespeople == [] and not any("Spokesperson" in t.text for t in r.facts.titles)


@pytest.mark.parametrize("text, language", [
    ("Secretary of State Antony J. Blinken met with Foreign Minister Ana Cecilia Gervasi on Thursday, a department "
     "spokesperson said.", "en"),
    ("El secretario Antony Blinken se reunió con la canciller Ana Cecilia Gervasi, informó un portavoz del departamento.", "es"),
])
def test_a_title_after_an_indefinite_article_names_no_holder(extractor, text, language):
    r = extract(extractor, text, language, "2023-06-30")
    assert {a.id for a in r.mentioned if a.type == "Person"} == {"antony-blinken", "ana-cecilia-gervasi"}


def test_a_meeting_at_a_venue_abroad_is_not_in_the_city_of_the_dateline(extractor):
    text = "LIMA, Nov 3 (Reuters) - Peru's President Dina Boluarte met U.S. President Joe Biden at the White House on Friday."
    m = only_meeting(extract(extractor, text, "en", "2023-11-03"))
    assert m.place != "lima" and str(m.date) == "2023-11-03"


def test_people_named_in_an_aside_or_after_an_indefinite_article_are_not_whom_later_words_stand_for(extractor):
    text = "Peru's President Dina Boluarte met U.S. President Joe Biden at the White House on Friday. Boluarte, who took " \
           "office after the ouster of her predecessor Pedro Castillo, has sought closer ties with Washington. Biden last " \
           "met a Peruvian leader in 2021. \"We agreed to strengthen our cooperation against transnational crime,\" " \
           "Boluarte told reporters."
    r = extract(extractor, text, "en", "2023-11-04")
    assert "pedro-castillo" not in {a for f in r.facts.all() for a in getattr(f, "participants", []) + getattr(f, "actors", [])}


def test_the_headlines_of_other_stories_give_no_one_a_title(extractor):
    text = "Lima, may. 10 (ANDINA). El canciller Javier González-Olaechea se reunió hoy con el subsecretario Brian " \
           "Nichols.\n\nMás en Andina:\n- Presidenta Boluarte viajará a Estados Unidos para reunirse con Biden\n"
    r = extract(extractor, text, "es", "2024-05-10")
    assert "dina-boluarte" not in r.roles and "dina-boluarte" not in {t.actor for t in r.facts.titles}


def test_one_person_and_people_unnamed_doing_one_thing_is_no_meeting(extractor):
    text = "La embajadora Lisa Kenna y autoridades locales inauguraron el nuevo centro de salud."
    assert extract(extractor, text, "es", "2022-03-25").facts.meetings == []


def test_a_body_named_with_an_acronym_inside_its_name_meets(extractor):
    text = "The meeting was held in Vancouver, Canada, where the two ministers were taking part in events related to " \
           "the second meeting of the United States – Mexico – Canada Agreement (USMCA) Free Trade Commission."
    met = {next(iter(m.name.values())): m for m in extract(extractor, text, "en", "2022-07-08").facts.meetings}
    (body,) = [m for n, m in met.items() if n.endswith("(USMCA) Free Trade Commission")]
    assert body.kind == "multilateral"      # a session of three countries' body


def test_an_instrument_named_before_the_acronym_of_its_body_is_still_an_instrument(extractor):
    text = "The ministers attended the meeting of the United States-Peru Trade Promotion Agreement (PTPA) Environmental " \
           "Affairs Council in Lima."
    (a,) = extract(extractor, text, "en", "2024-05-10").facts.agreements
    assert a.name["en"] == "United States–Peru Trade Promotion Agreement"


def test_a_dialogue_an_instrument_is_signed_to_advance_is_no_meeting(extractor):
    text = "Today, the United States, Costa Rica, the Dominican Republic, and Panama signed a memorandum of " \
           "understanding to advance the U.S.-Alliance for Development in Democracy (ADD) Consultative Dialogue on " \
           "Supply Chains and Economic Growth."
    assert extract(extractor, text, "en", "2022-07-08").facts.meetings == []


def test_a_second_list_after_as_well_as_with_is_a_second_meeting(extractor):
    text = "Acting Secretary John J. Sullivan will also meet with representatives of the governments of the Bahamas, " \
           "Barbados, Guyana, Jamaica, and St. Lucia, as well as with leaders from El Salvador, Guatemala, and Honduras."
    met = [set(m.participants) - {"john-sullivan", "united-states"} for m in extract(extractor, text, "en", "2018-04-10").facts.meetings]
    assert sorted(met, key=len) == [{"el-salvador", "guatemala", "honduras"},
                                    {"bahamas", "barbados", "guyana", "jamaica", "saint-lucia"}]


def test_and_with_after_a_comma_goes_on_with_the_same_meeting(extractor):
    text = "El Secretario de Estado Michael R. Pompeo se reunirá con el Presidente de la República, Mario Abdo Benítez, " \
           "y con el canciller nacional Luis Alberto Castiglioni."
    m = only_meeting(extract(extractor, text, "es", "2019-04-08"))
    assert {"mario-abdo-benitez", "luis-alberto-castiglioni"} <= set(m.participants)


def test_a_counterpart_of_a_country_is_its_person_named_before(extractor):
    text = "U.S. Secretary of State Antony Blinken and Peru's Foreign Minister Javier González-Olaechea met in Lima. " \
           "Blinken held talks with his Peruvian counterpart in Lima on Tuesday."
    m = only_meeting(extract(extractor, text, "en", "2024-05-22"))
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(m.participants) and str(m.date) == "2024-05-21"


def test_the_official_who_visits_is_the_visitor_told_before(extractor):
    text = "Montevideo, 12 de marzo de 2025.– La secretaria de Estado adjunta para Asuntos del Hemisferio Occidental, " \
           "Mónica Crespo, llegó hoy a Montevideo en su primera visita a Uruguay. La funcionaria visita Uruguay como " \
           "parte de una gira regional que incluye Argentina y Chile."
    m = only_meeting(extract(extractor, text, "es", "2025-03-12"))
    assert "monica-crespo" in m.participants and len(m.evidence) == 2


@pytest.mark.parametrize("text, language, counterparts", [
    ("Palabras de la Embajadora de los EE.UU. ante la ONU Linda Thomas-Greenfield a su llegada a Ecuador\n\nBuenas "
     "tardes. Es la primera vez que viajo fuera de los Estados Unidos en más de 14 meses. Es por eso que el Presidente "
     "Biden envió su primera delegación presidencial aquí a Ecuador. Espero tener la oportunidad de felicitar al "
     "Presidente Guillermo Lasso en persona en su toma de posesión mañana.", "es", [{"ecuador"}, {"guillermo-lasso"}]),
    ("Remarks by Ambassador Linda Thomas-Greenfield Upon Arrival in Quito\n\nGood afternoon. I am delighted to be here "
     "in Ecuador. I look forward to congratulating President Guillermo Lasso in person tomorrow.", "en",
     [{"ecuador"}, {"guillermo-lasso"}]),
])
def test_the_first_person_of_a_speech_is_its_speaker(extractor, text, language, counterparts):
    met = [m for m in extract(extractor, text, language, None).facts.meetings]
    assert all("linda-thomas-greenfield" in m.participants for m in met)
    assert [c for c in counterparts if any(c <= set(m.participants) for m in met)] == counterparts and len(met) == 2


def test_here_outside_a_speech_is_no_visit(extractor):
    text = "Secretary Blinken met Foreign Minister Javier González-Olaechea. \"I am delighted to be here in Peru,\" a " \
           "reporter said."
    assert len(extract(extractor, text, "en", "2024-05-10").facts.meetings) == 1


@pytest.mark.parametrize("text, language, place", [
    ("Los Ángeles, 9 de junio de 2022. El presidente de Colombia, Iván Duque, sostuvo un encuentro bilateral con el "
     "presidente de Estados Unidos, Joe Biden, en el marco de la IX Cumbre de las Américas.", "es", "los-angeles"),
    ("Secretary Antony Blinken will attend the migration ministerial on the Los Angeles Declaration.", "en", None),
    ("El secretario Antony Blinken participará en la reunión ministerial sobre la Declaración de Los Ángeles.", "es", None),
])
def test_a_city_an_instrument_is_named_after_is_not_where_one_meets(extractor, text, language, place):
    r = extract(extractor, text, language, "2022-06-09")
    assert {m.place for m in r.facts.meetings} == {place}


def test_a_sentence_that_leaves_its_subject_out_is_about_the_one_before(extractor):
    text = "El secretario de Estado Antony Blinken viajará a Lima del 13 al 16 de noviembre para participar en la " \
           "Reunión Ministerial de APEC. Luego se trasladará a Río de Janeiro, donde acompañará al presidente Joe Biden " \
           "en la Cumbre de Líderes del G20."
    rio = [m for m in extract(extractor, text, "es", "2024-11-10").facts.meetings if m.place == "rio-de-janeiro"]
    assert len(rio) == 1 and {"antony-blinken", "joe-biden"} <= set(rio[0].participants)


@pytest.mark.parametrize("text, status, date", [
    ("Según fuentes diplomáticas, el presidente Joe Biden recibiría a la presidenta Dina Boluarte en la Casa Blanca en "
     "diciembre.", "scheduled", "2024-12"),
    ("La Cancillería informó mediante un comunicado que el canciller Javier González-Olaechea se reunió el jueves con el "
     "subsecretario Kurt Campbell.", "held", "2024-05-09"),
])
def test_a_meeting_reported_or_rumoured_is_of_its_people_only_in_its_tense(extractor, text, status, date):
    m = only_meeting(extract(extractor, text, "es", "2024-05-10"))
    assert m.status == status and str(m.date) == date
    assert not [a for a in m.participants if "ministry" in a or "cancilleria" in a]


def test_a_governor_of_a_region_is_no_multilateral_meeting(extractor):
    m = only_meeting(extract(extractor, "La embajadora Lisa Kenna se reunió con el gobernador regional de Cusco, Jean "
                                        "Paul Benavente.", "es", "2022-03-10"))
    assert m.kind == "in-person" and "jean-paul-benavente" in m.participants


@pytest.mark.parametrize("text, language", [
    ("La canciller Ana Cecilia Gervasi se reunió con el presidente Pedro Castillo en Palacio de Gobierno.", "es"),
    ("Secretary of State Marco Rubio met with President Donald Trump at the White House.", "en"),
])
def test_a_meeting_of_people_of_one_country_at_home_is_no_diplomatic_meeting(extractor, text, language):
    assert extract(extractor, text, language, "2022-03-10").facts.meetings == []


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("text, language", [
    ("Secretary Antony Blinken arrived in Lima on Monday. The next day, he and Foreign Minister Javier González-Olaechea "
     "signed a memorandum of understanding on critical minerals.", "en"),
    ("El secretario Antony Blinken llegó a Lima el lunes. Al día siguiente, él y el canciller Javier González-Olaechea "
     "firmaron un memorando de entendimiento.", "es"),
])
def test_he_and_someone_signing_the_next_day_met_that_day(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-22")
    (m,) = [m for m in r.facts.meetings if "javier-gonzalez-olaechea" in m.participants]
    (a,) = r.facts.agreements
    assert "antony-blinken" in m.participants and str(m.date) == str(a.date) == "2024-05-21"


@pytest.mark.parametrize("text, language", [
    ("Secretary Antony Blinken arrived in Lima on Monday. He met with President Dina Boluarte the next day.", "en"),
    ("El secretario Antony Blinken llegó a Lima el lunes. Al día siguiente, se reunió con la presidenta Dina Boluarte.", "es"),
])
def test_the_next_day_is_the_day_after_the_meeting_told_before(extractor, text, language):
    met = {frozenset(m.participants): m for m in extract(extractor, text, language, "2024-05-22").facts.meetings}
    (m,) = [m for people, m in met.items() if "dina-boluarte" in people]
    assert str(m.date) == "2024-05-21" and "antony-blinken" in m.participants


@pytest.mark.parametrize("text, day", [
    ("El canciller Javier González-Olaechea se reunió el pasado 15 con el secretario Antony Blinken.", "2024-05-15"),
    ("El canciller Javier González-Olaechea se reunió el pasado 25 con el secretario Antony Blinken.", "2024-04-25"),
    ("El canciller Javier González-Olaechea se reunirá el próximo 3 con el secretario Antony Blinken.", "2024-06-03"),
    ("El canciller Javier González-Olaechea se reunirá en los próximos 10 días con el secretario Antony Blinken.", "None"),
])
def test_a_day_of_the_month_alone_is_the_last_or_the_next_such_day(extractor, text, day):
    assert str(only_meeting(extract(extractor, text, "es", "2024-05-20")).date) == day


@pytest.mark.parametrize("text, language, published, day, place", [
    ("Montevideo, 12 de marzo de 2025.– El canciller uruguayo Mario Lubetkin se reunió hoy con el secretario de "
     "Estado Marco Rubio.", "es", None, PartialDate(2025, 3, 12), "montevideo"),
    ("Lima, 3 ago. 2018 (ANDINA).– El canciller Néstor Popolizio se reunió hoy con el embajador Krishna Urs.", "es", None,
     PartialDate(2018, 8, 3), "lima"),
    ("Buenos Aires, 10 de mayo de 2023. El canciller Santiago Cafiero recibió hoy al subsecretario de Estado Brian Nichols.",
     "es", None, PartialDate(2023, 5, 10), "buenos-aires"),
    ("WASHINGTON, May 7 (Reuters) - Secretary of State Marco Rubio met Wednesday with Peruvian Foreign Minister "
     "Elmer Schialer.", "en", "2025", PartialDate(2025, 5, 7), "washington-dc"),
    ("Lima, 08/05/2024. El canciller Javier González-Olaechea se reunió hoy con el secretario Antony Blinken.", "es",
     "2024", PartialDate(2024, 5, 8), "lima"),     # a Spanish dateline writes the day first
    ("LIMA, Peru, Nov 14 (Reuters) - U.S. President Joe Biden met Peruvian President Dina Boluarte today.", "en", "2024",
     PartialDate(2024, 11, 14), "lima"),         # the city's country named after it
    ("Quito, 12 jun (EFE).- El presidente Daniel Noboa recibió hoy a la congresista María Elvira Salazar.", "es", "2024",
     PartialDate(2024, 6, 12), "quito"),         # a day with no year, from the publication's
    ("Lima | 10 de mayo de 2024 | Andina\nEl canciller Javier González-Olaechea se reunió hoy con el secretario Antony "
     "Blinken.", "es", "2024", PartialDate(2024, 5, 10), "lima"),     # a web page's bars
])
def test_a_dateline_anchors_the_days_of_the_text_and_gives_its_city(extractor, text, language, published, day, place):
    m = only_meeting(extract(extractor, text, language, published))
    assert m.date == day and m.place == place


@pytest.mark.parametrize("text, language, published, day", [
    ("El canciller Elmer Schialer se reunió el pasado martes con el secretario Marco Rubio.", "es", "2025-05-08",
     PartialDate(2025, 5, 6)),
    ("El canciller Elmer Schialer se reunirá este jueves 29 con el secretario Marco Rubio.", "es", "2025-05-26",
     PartialDate(2025, 5, 29)),
    ("Secretary Blinken met Wednesday with Mexican Foreign Secretary Alicia Bárcena.", "en", "2023-07-08",
     PartialDate(2023, 7, 5)),
    ("President Biden spoke today with President Gustavo Petro of Colombia.", "en", "2023-04-20", PartialDate(2023, 4, 20)),
    ("El presidente Gustavo Petro conversó ayer con el presidente Joe Biden.", "es", "2023-04-20", PartialDate(2023, 4, 19)),
    ("Secretary Blinken met late yesterday with Mexican Foreign Secretary Alicia Bárcena.", "en", "2023-07-08",
     PartialDate(2023, 7, 7)),
    ("El presidente Daniel Noboa se reunirá el día de mañana con el presidente Joe Biden.", "es", "2024-01-10",
     PartialDate(2024, 1, 11)),
    ("El ministro sustituto Raúl Silvero mantuvo en la fecha una reunión con el embajador Marc Ostfield.", "es", "2022-08-25",
     PartialDate(2022, 8, 25)),
    ("La presidenta Dina Boluarte se reunió este jueves con el secretario Antony Blinken.", "es", "2024-05-10",
     PartialDate(2024, 5, 9)),      # a Friday's report: this week's Thursday, gone by
    ("El canciller Javier González-Olaechea se reunió el 13 del presente mes con el secretario Antony Blinken.", "es",
     "2024-05-14", PartialDate(2024, 5, 13)),
    ("El canciller Javier González-Olaechea se reunió el 13 de los corrientes con el secretario Antony Blinken.", "es",
     "2024-05-14", PartialDate(2024, 5, 13)),
    ("El canciller Javier González-Olaechea se reunió la víspera con el secretario Antony Blinken.", "es",
     "2024-05-14", PartialDate(2024, 5, 13)),
    ("El canciller Javier González-Olaechea se reunió ayer de manera virtual con el secretario Antony Blinken.", "es",
     "2024-05-14", PartialDate(2024, 5, 13)),
    ("En la víspera de la cumbre, el canciller Javier González-Olaechea se reunió con el secretario Antony Blinken.",
     "es", "2024-05-14", None),     # the eve of something else
    ("La presidenta Dina Boluarte se reunirá este jueves con el secretario Antony Blinken.", "es", "2024-05-10",
     PartialDate(2024, 5, 16)),
])
def test_weekdays_and_words_for_today_resolve_against_the_anchor(extractor, text, language, published, day):
    assert only_meeting(extract(extractor, text, language, published)).date == day


def test_a_datelines_own_date_is_not_the_date_of_the_meeting_it_announces(extractor):
    m = only_meeting(extract(extractor, "Washington, January 31, 2023: President Biden looks forward to welcoming President "
                                        "Gustavo Petro to the White House on Friday, February 10.", "en", None))
    assert m.date == PartialDate(2023, 2, 10) and m.status == "scheduled"


def test_a_reception_on_arrival_is_held_on_the_day_of_the_arrival(extractor):
    r = extract(extractor, "El secretario de Estado Mike Pompeo llegó este miércoles 2 de enero a Cartagena para reunirse "
                           "con el presidente Iván Duque. A su llegada fue recibido por el canciller Carlos Holmes Trujillo, "
                           "quien también participará en el encuentro.", "es", "2019-01-02")
    received = next(m for m in r.facts.meetings if "carlos-holmes-trujillo" in m.participants)
    assert received.status == "held" and received.date == PartialDate(2019, 1, 2)


def test_today_in_an_embedded_post_is_not_the_pages_day(extractor):
    r = extract(extractor, "Secretary Blinken met with Foreign Minister Javier González-Olaechea in Lima.\n\n"
                           "Great meeting with FM González-Olaechea today. pic.twitter.com/abc123\n"
                           "— Secretary Antony Blinken (@SecBlinken) May 13, 2024\n", "en", "2024-05-20")
    m = only_meeting(r)
    assert m.date != PartialDate(2024, 5, 20) and len(m.evidence) == 2


def test_without_an_anchor_a_relative_date_stays_absent(extractor):
    m = only_meeting(extract(extractor, "El canciller Elmer Schialer se reunió ayer con el secretario Marco Rubio.", "es", None))
    assert m.date is None


def test_a_weekday_before_the_full_date_takes_that_date(extractor):
    m = only_meeting(extract(extractor, "El secretario de Estado Mike Pompeo llegó este miércoles 2 de enero a Cartagena.",
                             "es", "2019-01-03"))
    assert m.date == PartialDate(2019, 1, 2) and m.place == "cartagena"


# ------------------------------------------------------------------ one event, one node; places

def test_one_visit_told_in_three_sentences_is_one_meeting(extractor):
    r = extract(extractor, "Deputy Secretary Christopher Landau arrived in Montevideo on Monday. It is his first visit to "
                           "Uruguay. He is visiting Uruguay as part of a regional tour.", "en", "2025-03-12")
    m = only_meeting(r)
    assert {"christopher-landau", "uruguay"} <= set(m.participants) and m.place == "montevideo"
    assert len(m.evidence) == 3


@pytest.mark.parametrize("text, language", [
    ("La subsecretaria Nancy Hosking llegó hoy a Montevideo en el marco de una gira regional que incluye Argentina y "
     "Chile. Es su primera visita al Uruguay.", "es"),
    ("Assistant Secretary Nancy Hosking arrived today in Montevideo as part of a regional tour that includes Argentina "
     "and Chile. It is her first visit to Uruguay.", "en"),
])
def test_a_visit_on_a_regional_tour_is_one_visit_to_the_country_of_its_stop(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2024-03-12"))
    assert m.kind == "in-person" and {"nancy-hosking", "uruguay"} <= set(m.participants) and m.place == "montevideo"
    assert not {"argentina", "chile"} & set(m.participants)     # the tour's other stops
    assert str(m.date) == "2024-03-12" and len(m.evidence) == 2


def test_a_pronoun_stands_for_the_subject_told_before_not_the_person_named_last(extractor):
    r = extract(extractor, "Ambassador Katherine Tai traveled to Los Angeles. On June 7, she had a bilateral meeting with "
                           "Chile’s Under-Secretary José Miguel Ahumada. On June 8, she had a bilateral meeting with "
                           "Haiti’s Minister of Trade Ricardin Saint-Jean.", "en", "2022-06-08")
    with_haiti = next(m for m in r.facts.meetings if "haiti" in m.participants)
    assert "katherine-tai" in with_haiti.participants and "jose-miguel-ahumada" not in with_haiti.participants


@pytest.mark.parametrize("text, language, subject, others", [
    ("During meetings with President Xiomara Castro and Foreign Minister Enrique Reina, Dr. Juan González stressed "
     "the importance of migration cooperation.", "en", "juan-gonzalez", {"xiomara-castro", "enrique-reina"}),
    ("Durante sus reuniones con el presidente Luis Arce y el canciller Rogelio Mayta, la subsecretaria Emily Mendrala "
     "destacó la cooperación bilateral.", "es", "emily-mendrala", {"luis-arce", "rogelio-mayta"}),
])
def test_meetings_listed_in_an_opening_phrase_are_the_subjects_after_the_comma(extractor, text, language, subject, others):
    r = extract(extractor, text, language, "2023-11-28")
    assert {frozenset({subject, o}) for o in others} == \
        {frozenset(p for p in m.participants if p in others | {subject}) for m in r.facts.meetings}


def test_a_country_is_never_the_place_of_a_call(extractor):
    m = only_meeting(extract(extractor, "President Biden spoke by phone with President Gustavo Petro of Colombia.", "en", "2023-04-20"))
    assert m.kind == "call" and m.place is None and "colombia" in m.participants


# ------------------------------------------------------------------ summits: frames, hosts, the next session

@pytest.mark.parametrize("text, language", [
    ("President Biden met with President Gustavo Petro of Colombia on the margins of the United Nations General "
     "Assembly in New York.", "en"),
    ("En el marco de la Asamblea General de las Naciones Unidas, el presidente Gustavo Petro se reunió con el "
     "presidente Joe Biden.", "es"),
    ("On the margins of the United Nations General Assembly in New York, President Biden met President Gustavo Petro "
     "of Colombia.", "en"),
    ("President Biden met Colombian President Gustavo Petro on the sidelines of the United Nations General Assembly.", "en"),
])
def test_a_meeting_on_the_margins_of_a_summit_is_one_meeting_and_the_summit_another(extractor, text, language):
    r = extract(extractor, text, language, "2023-09-21")
    summit = [m for m in r.facts.meetings if m.id.startswith("event-")]
    bilateral = [m for m in r.facts.meetings if not m.id.startswith("event-")]
    assert len(summit) == 1 and len(bilateral) == 1
    assert summit[0].kind == "multilateral" and bilateral[0].kind == "in-person"
    assert {"joe-biden", "gustavo-petro"} <= set(bilateral[0].participants) and "united-nations" not in bilateral[0].participants


@pytest.mark.parametrize("text, language, host", [
    ("The Deputy Secretary congratulated the Foreign Minister on Peru’s designation as the host of APEC 2024.", "en", "peru"),
    ("The two discussed the upcoming Summit of the Americas, which the United States will host in Los Angeles.", "en",
     "united-states"),
    ("El canciller destacó que el Perú será anfitrión de la Cumbre de Líderes de APEC en 2024.", "es", "peru"),
    ("Peru will host APEC in 2024, and the United States looks forward to supporting its presidency.", "en", "peru"),
])
def test_a_summit_the_text_names_a_host_of_is_a_meeting_still_to_come_of_its_host(extractor, text, language, host):
    m = only_meeting(extract(extractor, text, language, "2022-03-02"))
    assert m.participants[:1] == [host] and m.status == "scheduled" and m.kind == "multilateral"


def test_an_organisations_meeting_that_frames_a_bilateral_is_multilateral_and_names_no_person(extractor):
    r = extract(extractor, "Ambassador Tai met with Minister Elizabeth Galdo in Arequipa on the margins of the APEC "
                           "Ministers Responsible for Trade Meeting.", "en", "2024-05-17")
    summit = next(m for m in r.facts.meetings if m.id.startswith("event-"))
    assert summit.kind == "multilateral" and "responsible" not in {a.id for a in r.mentioned}


def test_the_next_session_of_a_dialogue_is_a_meeting_still_to_come(extractor):
    r = extract(extractor, "Secretary Blinken met today with Chilean Foreign Minister Alberto van Klaveren. They agreed to "
                           "deepen cooperation on clean energy and to hold the next High-Level Dialogue in Santiago.", "en",
                "2023-03-15")
    dialogue = next(m for m in r.facts.meetings if m.id.startswith("event-"))
    assert dialogue.status == "scheduled" and dialogue.place == "santiago-de-chile"


@pytest.mark.parametrize("text, language, people", [
    ("The third meeting of the Chile-United States Energy Working Group was held today in Santiago. The Chilean "
     "delegation was led by Undersecretary Ana Torres. The U.S. delegation was led by Assistant Secretary John Reed.",
     "en", {"ana-torres", "john-reed"}),
    ("El presidente Luis Arce será recibido mañana por el presidente Joe Biden en la Casa Blanca. En dicha ocasión, "
     "participarán de la reunión el canciller Rogelio Mayta y el secretario de Estado Antony Blinken.", "es",
     {"luis-arce", "joe-biden", "rogelio-mayta", "antony-blinken"}),
])
def test_who_took_part_told_after_a_meeting_joins_that_meeting(extractor, text, language, people):
    m = only_meeting(extract(extractor, text, language, "2023-06-01"))
    assert people <= set(m.participants)


# ------------------------------------------------------------------ commitments

@pytest.mark.parametrize("text, language, topic", [
    ("Peru and the United States committed to strengthen cooperation against drug trafficking, money laundering and "
     "illegal mining in the Amazon region over the coming years.", "en", "drug-trafficking"),
    ("Perú y Estados Unidos se comprometieron a fortalecer la lucha contra la minería ilegal y el lavado de activos.", "es",
     "illegal-mining"),
    ("Peru and the United States agreed to stay in regular communication.", "en", "bilateral-relations"),
    ("México y Estados Unidos acordaron fortalecer la cooperación para combatir el tráfico de fentanilo y de armas.", "es",
     "drug-trafficking"),
    ("Costa Rica and the United States agreed to cooperate on the return of deportees.", "en", "migration"),
    ("Peru and the United States agreed to keep their deputies informed.", "en", "other"),
    ("El subsecretario Eric Jacobstein reiteró el compromiso de los Estados Unidos de continuar trabajando con el Perú "
     "en temas de interés común, como la seguridad energética y el comercio.", "es", "energy"),
])
def test_every_commitment_has_a_topic_of_the_scheme_and_a_short_label(extractor, text, language, topic):
    (c,) = extract(extractor, text, language, "2025-03-12").facts.commitments
    assert c.topics == [topic]
    label = next(iter(c.name.values()))
    assert len(label.split()) <= 13 and label != text and "united-states" in c.actors


@pytest.mark.parametrize("text, language", [
    ("El canciller Diego Werthein expresó su reconocimiento por el respaldo de los Estados Unidos al proceso de reformas.", "es"),
    ("Ambassador Lisa Kenna expressed her gratitude to Peruvian leaders, highlighting their commitment to democracy.", "en"),
    ("The United States and Peru share a commitment to democracy, human rights, and the rule of law.", "en"),
    ("We are optimistic that our ongoing efforts will help improve the lives of our people.", "en"),
    ("Ambassador Tai also announced a new hemispheric Declaration on Good Regulatory Practices.", "en"),
])
def test_thanks_praise_hopes_and_instruments_announced_are_not_commitments(extractor, text, language):
    assert extract(extractor, text, language, "2023-06-30").facts.commitments == []


@pytest.mark.parametrize("text, language, label", [
    ("Peru and the United States expressed willingness to expand trade.", "en", "expand trade"),
    ("Peru and the United States agreed that their governments would expand cooperation on cybersecurity.", "en",
     "expand cooperation on cybersecurity"),
    ("Perú y Estados Unidos expresaron su disposición de trabajar conjuntamente en materia de migración.", "es",
     "trabajar conjuntamente en materia de migración"),
    # an offer to act
    ("El secretario Antony Blinken ofreció continuar apoyando al Perú en la lucha contra el cambio climático.", "es",
     "continuar apoyando al Perú en la lucha contra el cambio climático"),
    ("Secretary Blinken offered to provide technical assistance to Peru.", "en", "provide technical assistance to Peru"),
    # a clause a preposition opens has a subject of its own
    ("Los cancilleres del Perú y de los Estados Unidos suscribieron una declaración en la que se comprometen a "
     "profundizar la cooperación en seguridad.", "es", "profundizar la cooperación en seguridad"),
])
def test_a_stated_willingness_to_act_is_a_pledge(extractor, text, language, label):
    (c,) = extract(extractor, text, language, "2024-05-14").facts.commitments
    assert next(iter(c.name.values())) == label


def test_the_two_delegations_are_both_countries(extractor):
    text = "Secretary Blinken met Foreign Minister Javier González-Olaechea of Peru. The two delegations agreed to " \
           "establish a working group on migration."
    (c,) = extract(extractor, text, "en", "2024-05-14").facts.commitments
    assert {"peru", "united-states"} <= set(c.actors)


@pytest.mark.parametrize("text, language, speaker, pledges", [
    ("“The United States will continue to support Peru's democratic institutions,” Ambassador Stephanie "
     "Syptak-Ramnath said.", "en", "stephanie-syptak-ramnath", 1),
    ("“Seguiremos trabajando con los Estados Unidos para combatir el narcotráfico”, afirmó el canciller Javier "
     "González-Olaechea.", "es", "javier-gonzalez-olaechea", 1),
    ("“La relación con los Estados Unidos seguirá creciendo”, afirmó el canciller Javier González-Olaechea.", "es",
     "javier-gonzalez-olaechea", 0),
    # a straight quotation mark after a full stop opens the next sentence: the quote is not the minister's before it
    ("El ministro de Salud, César Vásquez, agradeció el apoyo. \"Seguiremos trabajando juntos por la salud de los "
     "peruanos\", dijo el embajador Marc Ostfield.", "es", "marc-ostfield", 1),
])
def test_a_pledge_in_quotes_is_the_speakers_and_an_opinion_is_none(extractor, text, language, speaker, pledges):
    found = extract(extractor, text, language, "2024-05-14").facts.commitments
    assert len(found) == pledges and all(speaker in c.actors and "”" not in next(iter(c.name.values())) for c in found)


@pytest.mark.parametrize("text, language, label", [
    ("El canciller Javier González-Olaechea señaló que el Perú continuará trabajando con los Estados Unidos en la lucha "
     "contra el narcotráfico.", "es", "trabajando con los Estados Unidos en la lucha contra el narcotráfico"),
    ("Secretary Antony Blinken said the United States would continue to support Peru's fight against illegal mining.", "en",
     "support Peru's fight against illegal mining"),
])
def test_a_pledge_in_reported_speech_is_the_reported_act(extractor, text, language, label):
    (c,) = extract(extractor, text, language, "2024-05-14").facts.commitments
    assert next(iter(c.name.values())) == label


def test_an_interest_in_acting_is_labelled_from_the_act(extractor):
    (c,) = extract(extractor, "Tillerson manifestó el interés de su país en seguir cooperando con el Perú en la lucha contra "
                              "el narcotráfico.", "es", "2018-02-06").facts.commitments
    assert c.name["es"] == "seguir cooperando con el Perú en la lucha contra el narcotráfico"


def test_what_is_committed_starts_at_its_verb(extractor):
    (c,) = extract(extractor, "El subsecretario Eric Jacobstein reiteró el compromiso de su país de continuar trabajando con "
                              "el Paraguay.", "es", "2024-02-20").facts.commitments
    assert c.name["es"] == "continuar trabajando con el Paraguay"


@pytest.mark.parametrize("text, language, commitments", [
    ("Secretary Blinken met Foreign Minister Juan Carlos Holguín. They discussed the partnership between our two countries, "
     "including our shared commitment to addressing irregular migration.", "en", 0),
    ("Secretary Blinken met Foreign Minister Juan Carlos Holguín. They discussed migration and reaffirmed their commitment "
     "to combating transnational crime.", "en", 1),
    ("El canciller Marcelo Ebrard se reunió con la secretaria Gina Raimondo. Ambos funcionarios anunciaron que la próxima "
     "reunión del Diálogo se celebrará en Washington en 2022.", "es", 0),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken acordaron realizar un estudio conjunto sobre "
     "minerales críticos.", "es", 1),
    # a state to last is no act pledged; to stay in touch is one
    ("“Estados Unidos seguirá siendo el principal aliado del Perú”, afirmó el secretario Marco Rubio.", "es", 0),
    ("The United States will remain a strong partner of Peru, said Secretary Marco Rubio.", "en", 0),
    ("The United States will continue to be Peru's partner, said Secretary Marco Rubio.", "en", 0),
    ("The United States will remain committed to supporting Peru's democracy, said Secretary Marco Rubio.", "en", 1),
    ("Secretary Marco Rubio and Foreign Minister Hugo de Zela agreed to remain in contact on migration.", "en", 1),
])
def test_a_commitment_discussed_a_meeting_planned_or_a_state_to_last_is_no_pledge(extractor, text, language, commitments):
    assert len(extract(extractor, text, language, "2023-03-15").facts.commitments) == commitments


@pytest.mark.parametrize("text, commitments", [
    ("Ambassador Lisa Kenna announced the winners of the Embassy photo contest in Peru.", 0),
    ("Peru and the United States agreed that the meeting was productive.", 0),
    ("Ambassador Lisa Kenna announced a new $10 million program to fight illegal mining in Peru.", 1),
    ("Ambassador Lisa Kenna announced that the United States will provide $10 million to fight illegal mining.", 1),
])
def test_what_is_announced_is_a_pledge_when_it_is_money_or_a_future_act(extractor, text, commitments):
    assert len(extract(extractor, text, "en", "2023-03-15").facts.commitments) == commitments


@pytest.mark.parametrize("text, language, commitments", [
    ("The new center will help Peruvian authorities detect illegal shipments.", "en", 0),
    ("El nuevo programa beneficiará a más de 500 familias y apoyará a los agricultores de la región.", "es", 0),
    ("Panama and the United States signed a memorandum. Under the memorandum, participant countries will work together "
     "to strengthen supply chains.", "en", 1),
    ("Perú y Estados Unidos firmaron un memorando. Ambos gobiernos apoyarán la lucha contra la minería ilegal.", "es", 1),
    # an actor named as the owner of the thing that will act is not its subject
    ("The U.S. government's assistance will help strengthen Peru's institutions.", "en", 0),
    ("La asistencia del Gobierno de los Estados Unidos ayudará a fortalecer las instituciones del Perú.", "es", 0),
    ("Peru's Foreign Minister will continue to support the initiative.", "en", 1),
    ("The government of Peru will continue to work with the United States.", "en", 1),
])
def test_a_future_is_a_pledge_only_with_a_party_as_its_subject(extractor, text, language, commitments):
    assert len(extract(extractor, text, language, "2023-06-30").facts.commitments) == commitments


@pytest.mark.parametrize("text, language", [
    ("President Dina Boluarte met with her cabinet to review the response to the floods.", "en"),
    ("Secretary Antony Blinken also met with embassy staff and their families.", "en"),
    ("The Peruvian Congress held a session to debate the trade agreement.", "en"),
])
def test_a_meeting_needs_someone_on_the_other_side(extractor, text, language):
    assert extract(extractor, text, language, "2024-05-14").facts.meetings == []


@pytest.mark.parametrize("text, language, name, kind", [
    ("Peru and the United States signed a Letter of Intent to cooperate on wildfire management.", "en",
     "Letter of Intent", "memorandum-of-understanding"),
    ("Perú y Estados Unidos firmaron una Carta de Intención para cooperar en el manejo de incendios.", "es",
     "Carta de Intención", "memorandum-of-understanding"),    # what it is for is not its name
    ("Ecuador and the United States signed a Memorandum of Understanding on trade facilitation in Quito on May 13.", "en",
     "Memorandum of Understanding on trade facilitation", "memorandum-of-understanding"),
    ("El Ministerio del Interior y la Embajada de los Estados Unidos suscribieron un convenio de cooperación "
     "interinstitucional para fortalecer la lucha contra el crimen organizado.", "es",
     "convenio de cooperación interinstitucional", None),
    ("Peru and the United States signed a new Open Skies agreement.", "en", "Open Skies agreement", None),
    ("Ambassador Lisa Kenna and Interior Minister Walter Ortiz signed a letter of intent to continue cooperation on "
     "police training.", "en", "letter of intent", "memorandum-of-understanding"),
    ("Peru and the United States signed the Framework Agreement on Cooperation in Science and Technology.", "en",
     "Framework Agreement on Cooperation in Science and Technology", None),
])
def test_an_instruments_name_is_its_words_not_where_or_when_it_was_signed(extractor, text, language, name, kind):
    (a,) = extract(extractor, text, language, "2024-05-14").facts.agreements
    assert next(iter(a.name.values())) == name and kind in (None, a.kind) and a.status == "signed"


@pytest.mark.parametrize("text, language", [
    ("El presidente Luis Abinader sostuvo encuentros bilaterales con el presidente de Chile, Gabriel Boric, y con el primer "
     "ministro de Canadá, Justin Trudeau.", "es"),
    ("En el marco de la Cumbre de las Américas, el presidente Luis Abinader sostuvo encuentros bilaterales con el presidente "
     "de Chile, Gabriel Boric, y con el primer ministro de Canadá, Justin Trudeau.", "es"),
    ("On the margins of the APEC Leaders' Week in San Francisco, President Luis Abinader held bilateral meetings with "
     "Chilean President Gabriel Boric and Canadian Prime Minister Justin Trudeau.", "en"),
])
def test_bilateral_meetings_in_the_plural_are_one_meeting_each(extractor, text, language):
    r = extract(extractor, text, language, "2023-11-20")
    bilaterals = [set(m.participants) for m in r.facts.meetings if not m.id.startswith("event-")]
    assert len(bilaterals) == 2
    assert any({"luis-abinader", "gabriel-boric"} <= b and "justin-trudeau" not in b for b in bilaterals)
    assert any({"luis-abinader", "justin-trudeau"} <= b and "gabriel-boric" not in b for b in bilaterals)
    assert len(r.facts.meetings) == 2 + ("marco" in text or "margins" in text)


def test_taking_part_in_a_summit_is_one_meeting_and_a_bilateral_on_its_margins_another(extractor):
    r = extract(extractor, "La presidenta Dina Boluarte participará en la Cumbre de las Américas que se realizará en "
                           "Punta Cana.", "es", "2024-05-14")
    assert len(r.facts.meetings) == 1
    r = extract(extractor, "Ambassador Katherine Tai and Minister Germán Umaña held a bilateral meeting on the margins of "
                           "the Thirteenth Ministerial Conference of the World Trade Organization.", "en", "2024-03-08")
    assert len(r.facts.meetings) == 2


def test_a_minister_no_portfolio_qualifies_is_not_guessed_from_the_gazetteer(extractor):
    r = extract(extractor, "Ambassador Stephanie Syptak-Ramnath met with Minister of the Interior Walter Ortiz.", "en",
                "2024-05-14")
    assert "elizabeth-galdo" not in {a for m in r.facts.meetings for a in m.participants}


def test_a_place_opening_a_sentence_is_no_persons_name(extractor):
    r = extract(extractor, "In Buenos Aires, the Deputy Secretary will meet with Foreign Minister Santiago Cafiero.", "en",
                "2022-11-02")
    assert not any("buenos" in a.id for a in r.mentioned)


def test_a_meeting_with_people_named_before_an_event_is_held_beside_it(extractor):
    r = extract(extractor, "In Santiago, Deputy Secretary Wendy Sherman will meet with Chilean Foreign Minister Antonia "
                           "Urrejola and participate in the U.S.-Chile Strategic Dialogue.", "en", "2022-11-02")
    bilateral = [m for m in r.facts.meetings if not m.id.startswith("event-")]
    assert len(bilateral) == 1 and {"wendy-sherman", "antonia-urrejola"} <= set(bilateral[0].participants)
    assert any(m.id.startswith("event-") for m in r.facts.meetings)


def test_acceding_to_a_declaration_joins_it(extractor):
    (a,) = extract(extractor, "El Perú se adhirió a la Declaración de Los Ángeles sobre Migración y Protección.", "es",
                   "2022-06-10").facts.agreements
    assert a.status == "joined"


def test_a_meeting_named_in_an_opening_phrase_is_when_not_who_commits(extractor):
    r = extract(extractor, "La vicepresidenta Marta Lucía Ramírez habló con la embajadora Elizabeth Richard. En la llamada, "
                           "ambas reiteraron su compromiso de fortalecer la lucha contra el narcotráfico.", "es", "2024-02-08")
    (c,) = r.facts.commitments
    assert c.topics == ["drug-trafficking"]


@pytest.mark.parametrize("text, language", [
    ("The visit will deepen economic cooperation between Peru and the United States.", "en"),
    ("La visita tiene como objetivo que Perú y Estados Unidos se comprometan a fortalecer la cooperación.", "es"),
])
def test_what_a_visit_is_for_is_no_commitment(extractor, text, language):
    assert extract(extractor, text, language, "2023-06-30").facts.commitments == []


def test_a_commitment_restated_in_a_caption_is_one_commitment(extractor):
    r = extract(extractor, "Peru and the United States committed to strengthen cooperation against illegal mining in the "
                           "Amazon. Both countries committed to strengthen their cooperation against illegal mining in the "
                           "Amazon region.", "en", "2023-06-30")
    (c,) = r.facts.commitments
    assert len(c.evidence) == 2


@pytest.mark.parametrize("text", [
    "In advance of the elections, the Vice President re-affirmed the Biden-Harris Administration’s support for free and fair "
    "elections in Guatemala.",
    "President Biden spoke today with President Iván Duque of Colombia. The President pledged support for Colombia’s efforts "
    "to combat the pandemic.",
])
def test_a_pledge_of_support_is_the_committers_own(extractor, text):
    (c,) = extract(extractor, text, "en", "2023-05-26").facts.commitments
    assert {"united-states"} <= set(c.actors) and "ivan-duque" not in c.actors


@pytest.mark.parametrize("text, language, expected", [
    ("The ministers discussed the ongoing consultations under the USMCA Environment Chapter.", "en", {"usmca"}),
    ("The Sub-Committee reviewed implementation of the Annex on Forest Sector Governance.", "en", set()),
    ("Lo acompaña el director de Ceremonial de Estado y Protocolo del Ministerio de Relaciones Exteriores, Francisco "
     "Cantizano.", "es", set()),
])
def test_parts_of_instruments_and_portfolios_are_not_instruments_of_their_own(extractor, text, language, expected):
    assert {a.id for a in extract(extractor, text, language, "2022-07-08").facts.agreements} == expected


# ------------------------------------------------------------------ actors the gazetteer does not know

@pytest.mark.parametrize("text, language, person, role", [
    ("The U.S. Chargé d'Affaires John Smith met with the Foreign Minister.", "en", "john-smith", "U.S. Chargé d'Affaires"),
    ("La directora de la misión de la agencia María Pérez se reunió con la canciller.", "es", "maria-perez",
     "directora de la misión de la agencia"),
    ("Colombian Foreign Minister Luis Gilberto Murillo spoke with the Secretary.", "en", "luis-gilberto-murillo",
     "Colombian Foreign Minister"),
    ("Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs Francisco Palmieri met with the Minister.",
     "en", "francisco-palmieri", "Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs"),
    ("El ministro de Relaciones Exteriores, Roberto Álvarez y el de Hacienda, José Manuel Vicente, acompañan al presidente.",
     "es", "jose-manuel-vicente", "ministro de Hacienda"),
    ("Peruvian Foreign Minister Elmer Schialer met with the Secretary.", "en", "elmer-schialer", "Peruvian Foreign Minister"),
    ("El canciller Julio César Arriola recibió al embajador.", "es", "julio-cesar-arriola", "canciller"),
    ("La vicepresidenta Francia Márquez se reunió con el secretario.", "es", "francia-marquez", "vicepresidenta"),
    ("Se reunió con Mark Wells, subsecretario de Estado Adjunto para Asuntos del Hemisferio Occidental.", "es", "mark-wells", None),
    ("La embajadora Lisa Kenna se reunió con el gobernador regional de Cusco, Jean Paul Benavente.", "es",
     "jean-paul-benavente", "gobernador regional de Cusco"),
    ("Secretary Pompeo met with Venezuelan opposition leader Juan Guaidó.", "en", "juan-guaido", "Venezuelan opposition leader"),
    ("El Ministro de Relaciones Exteriores, Comercio Internacional y Culto de la República Argentina, Gerardo Werthein, se "
     "reunió con el secretario.", "es", "gerardo-werthein",
     "Ministro de Relaciones Exteriores, Comercio Internacional y Culto de la República Argentina"),
    ("La ministra Galdo se reunió con la ministra de Promoción de Exportaciones, Comercio Internacional y Desarrollo "
     "Económico de Canadá, Mary Ng, en Lima.", "es", "mary-ng",
     "ministra de Promoción de Exportaciones, Comercio Internacional y Desarrollo Económico de Canadá"),
    ("El ministro del Interior, Vicente Romero Fernández, y el subsecretario adjunto para Políticas de Fronteras e Inmigración "
     "del Departamento de Seguridad Nacional (DHS) de Estados Unidos, Blas Nuñez-Neto, firmaron una carta de intención.", "es",
     "blas-nunez-neto", "subsecretario adjunto para Políticas de Fronteras e Inmigración del Departamento de Seguridad Nacional "
     "(DHS) de Estados Unidos"),
    ("La donación fue recibida por el Superintendente Nacional de la SUNAT, Luis Enrique Vera Castillo, y por el Intendente "
     "Nacional de Control Aduanero, Rafael García Melgar.", "es", "rafael-garcia-melgar", "Intendente Nacional de Control Aduanero"),
    ("El cargamento fue recibido por el ministro de Salud, Óscar Ugarte, y el encargado de Negocios de la Embajada "
     "estadounidense, Denison Offutt.", "es", "denison-offutt", "encargado de Negocios de la Embajada estadounidense"),
])
def test_titled_people_the_gazetteer_does_not_know_are_found_typed_with_the_title_the_text_states(extractor, text, language,
                                                                                                   person, role):
    r = extract(extractor, text, language, "2025-03-12")
    found = {a.id: a for a in r.mentioned}
    assert person not in extractor.gaz.actors
    assert found[person].type == "Person"
    if role:
        assert r.roles[person] == role


@pytest.mark.parametrize("text, language, person, organisation", [
    ("Acting Assistant Secretary for the Bureau of Western Hemisphere Affairs Francisco Palmieri met with the Minister.",
     "en", "francisco-palmieri", "bureau-of-western-hemisphere-affairs"),
    ("U.S. Permanent Representative to the Organization of American States Carlos Trujillo met with the Minister.",
     "en", "carlos-trujillo", "oas"),
    ("La Embajadora de los EE.UU. ante la ONU Linda Thomas-Greenfield se reunió con el canciller.", "es",
     "linda-thomas-greenfield", "united-nations"),
])
def test_a_holder_named_after_the_organisation_of_their_title_is_not_part_of_its_name(extractor, text, language, person,
                                                                                       organisation):
    ids = {a.id: a.type for a in extract(extractor, text, language, "2018-04-10").mentioned}
    assert ids.get(person) == "Person" and ids.get(organisation) == "Organisation"
    assert not any(person in i and i != person for i in ids)


def test_an_organisations_name_stops_at_a_title(extractor):
    ids = {a.id for a in extract(extractor, "John Creamer, Department of State Deputy Assistant Secretary for Western "
                                            "Hemisphere Affairs, met with the Minister.", "en", "2017-06-01").mentioned}
    assert "us-department-of-state" in ids and not any(i.startswith("department-of-state-deputy") for i in ids)


def test_a_title_posted_to_another_country_is_not_the_holder_of_the_office_posted_here(extractor):
    r = extract(extractor, "El secretario llegó a Bogotá con Michael Smith, quien fuera Embajador de Estados Unidos en "
                           "Colombia entre 2010 y 2013.", "es", "2022-03-01")
    assert "lisa-kenna" not in {a.id for a in r.mentioned}      # the U.S. ambassador to Peru then


@pytest.mark.parametrize("text, language, people", [
    ("El secretario viene acompañado por Michael Smith, uno de sus principales asesores.", "es", {"michael-smith"}),
    ("The Secretary was accompanied by Jane Doe, one of his senior advisers.", "en", {"jane-doe"}),
    ("Acompañan al presidente el ministro de Relaciones Exteriores, Roberto Álvarez y el de Hacienda, José Manuel Vicente.",
     "es", {"roberto-alvarez", "jose-manuel-vicente"}),
    ("Participaron los viceministros Hugo Rivera, Anselmo Muñiz y Johannes Kelner.", "es",
     {"hugo-rivera", "anselmo-muniz", "johannes-kelner"}),
    ("El Agregado Jurídico FBI Norman Quilichini y el Comandante General PNP Vicente Tiburcio felicitaron a los oficiales.",
     "es", {"norman-quilichini", "vicente-tiburcio"}),
    ("El director de la Dirección contra el Terrorismo, General Oscar Arriola Delgado, es uno de los oficiales.", "es",
     {"oscar-arriola-delgado"}),
])
def test_people_named_in_appositions_lists_and_elliptical_titles_are_found_whole(extractor, text, language, people):
    found = {a.id for a in extract(extractor, text, language, "2022-03-25").mentioned if a.type == "Person"}
    assert people <= found and not {p for p in found if any(q in p and q != p for q in people)}


def test_a_person_named_with_or_without_a_middle_initial_is_one_actor(extractor):
    ids = [{a.id for a in extract(extractor, f"El canciller Javier González-Olaechea se reunió con el subsecretario {name}.",
                                  "es", "2023-06-30").mentioned if a.type == "Person"} for name in ("Brian A. Nichols", "Brian Nichols")]
    assert ids[0] == ids[1] and "brian-nichols" in ids[0]


def test_a_title_case_headline_does_not_make_its_common_words_part_of_a_name(extractor):
    r = extract(extractor, "Acting Secretary Sullivan Travel to Lima, Peru To Participate in the Summit of the Americas\n\n"
                           "Acting Secretary of State John J. Sullivan will travel to Lima to attend the summit.", "en", "2018-04-10")
    people = {a.id: a.name for a in r.mentioned if a.type == "Person"}
    assert people == {"john-sullivan": {"en": "John J. Sullivan"}}


def test_a_title_followed_by_its_portfolio_does_not_make_the_portfolio_a_person(extractor):
    r = extract(extractor, "United States Trade Representative Katherine Tai met with Mexico’s Secretary of Economy, "
                           "Tatiana Clouthier.", "en", "2022-07-08")
    ids = {a.id for a in r.mentioned}
    assert "tatiana-clouthier" in ids and "economy" not in ids


@pytest.mark.parametrize("text, language", [
    ("El canciller se reunió con el secretario general de la OEA, Luis Almagro, en el marco de la Asamblea General "
     "Ordinaria.", "es"),
    ("Secretary Blinken met with Secretary General Luis Almagro at the OAS General Assembly Regular Session.", "en"),
])
def test_a_rank_inside_a_capitalised_name_is_no_title(extractor, text, language):
    people = {a.id for a in extract(extractor, text, language, "2024-05-14").mentioned if a.type == "Person"}
    assert not people & {"ordinaria", "regular", "regular-session"}


def test_a_generic_mention_is_not_a_well_known_agreement_whose_name_is_only_its_parties_and_head(extractor):
    text = "Mexico and the United States concluded negotiations on an agreement, which is expected to be signed soon."
    assert [a.id for a in extract(extractor, text, "en", "2024-05-14").facts.agreements if a.id in ("usmca", "nafta")] == []


def test_the_government_of_a_country_named_in_full_is_the_country(extractor):
    text = "El Gobierno de los Estados Unidos de América y el Gobierno de la República del Perú firmaron un memorando."
    (a,) = extract(extractor, text, "es", "2024-05-14").facts.agreements
    assert sorted(a.parties) == ["peru", "united-states"]


def test_a_pledge_to_hold_a_meeting_is_a_meeting_still_to_come(extractor):
    text = "El canciller Javier González-Olaechea y el secretario Antony Blinken se comprometieron a realizar una " \
           "segunda reunión en Washington."
    m = only_meeting(extract(extractor, text, "es", "2024-05-14"))
    assert m.status == "scheduled" and {"javier-gonzalez-olaechea", "antony-blinken"} <= set(m.participants)


def test_an_abbreviation_ends_a_sentence_before_a_word_that_starts_none_of_a_name(extractor):
    text = "Secretary Antony J. Blinken and Foreign Minister Javier González-Olaechea convened the first U.S.-Peru " \
           "High-Level Dialogue in Washington, D.C. The Dialogue reflects the partnership between our two nations."
    (m,) = extract(extractor, text, "en", "2024-03-14").facts.meetings
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(m.participants)


def test_a_sites_menu_or_share_line_states_nothing(extractor):
    text = "Home | News & Events | Ambassador Kenna Highlights U.S. Commitment...\n\nShare this: Facebook | Twitter | " \
           "LinkedIn. Peru and the United States signed a Memorandum of Understanding."
    names = [next(iter(a.name.values())) for a in extract(extractor, text, "en", "2023-06-30").facts.agreements]
    assert names == ["Memorandum of Understanding"]


@pytest.mark.parametrize("text, language", [
    ("La canciller Ana Cecilia Gervasi recibió al subsecretario de Estado Brian Nichols. El funcionario estadounidense "
     "también se reunirá con el ministro del Interior, Vicente Romero.", "es"),
    ("Foreign Minister Ana Cecilia Gervasi received Assistant Secretary Brian Nichols. The U.S. official will also meet "
     "with Interior Minister Vicente Romero.", "en"),
])
def test_an_official_of_a_country_is_the_one_of_that_country_named_before(extractor, text, language):
    later = extract(extractor, text, language, "2023-08-24").facts.meetings[-1]
    assert {"brian-nichols", "vicente-romero"} <= set(later.participants) and "ana-cecilia-gervasi" not in later.participants


@pytest.mark.parametrize("text, language", [
    ("The Foreign Minister expressed hope that the United States and Peru will deepen their economic ties.", "en"),
    ("El canciller expresó su deseo de que los Estados Unidos y el Perú seguirán profundizando sus relaciones.", "es"),
    ("El ministro señaló que el Perú busca atraer mayores inversiones estadounidenses.", "es"),
    ("The project, funded by USAID, will help 5,000 farmers in Peru switch to legal crops.", "en"),
])
def test_hopes_aims_and_what_a_funded_thing_will_do_are_no_commitments(extractor, text, language):
    assert extract(extractor, text, language, "2024-05-14").facts.commitments == []


def test_a_hope_in_one_clause_leaves_a_pledge_in_the_next(extractor):
    text = "The Foreign Minister expressed hope for a quick ratification, and the United States will continue to " \
           "support Peru's efforts to combat illegal mining."
    (c,) = extract(extractor, text, "en", "2024-05-14").facts.commitments
    assert "united-states" in c.actors and c.topics == ["illegal-mining"]


def test_a_number_with_a_thousands_comma_stays_whole_in_a_label(extractor):
    text = "The United States will provide 5,000 tons of food aid to Peru."
    (c,) = extract(extractor, text, "en", "2024-05-14").facts.commitments
    assert "5,000 tons" in c.name["en"]


@pytest.mark.parametrize("text, language, name", [
    ("The two governments will sign a memorandum of understanding on critical minerals next month.", "en",
     "memorandum of understanding on critical minerals"),
    ("Se espera que el acuerdo entre en vigor el próximo año.", "es", None),
])
def test_an_agreements_name_stops_at_a_date_and_a_verb_is_no_between(extractor, text, language, name):
    names = [a.name[language] for a in extract(extractor, text, language, "2024-05-14").facts.agreements]
    assert names == ([name] if name else [])


def test_a_meeting_next_month_is_dated_to_that_month(extractor):
    text = "Secretary Blinken will meet Foreign Minister González-Olaechea next month in Washington."
    m = only_meeting(extract(extractor, text, "en", "2024-05-14"))
    assert m.status == "scheduled" and m.date == PartialDate(2024, 6)
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(m.participants)


def test_who_a_traveller_will_meet_at_the_stop_takes_part(extractor):
    text = "Secretary Blinken will travel to Lima, where he will meet President Boluarte."
    m = only_meeting(extract(extractor, text, "en", "2024-05-14"))
    assert {"antony-blinken", "dina-boluarte"} <= set(m.participants) and m.place == "lima"


@pytest.mark.parametrize("text, people", [
    ("La presidenta Dina Boluarte saludó al secretario Antony Blinken a su llegada al aeropuerto.",
     {"dina-boluarte", "antony-blinken"}),
    ("La presidenta Dina Boluarte saludó a los peruanos que viven en Estados Unidos.", None),
])
def test_a_greeting_meets_the_person_greeted_only(extractor, text, people):
    meetings = extract(extractor, text, "es", "2024-05-14").facts.meetings
    assert ({frozenset(people)} if people else set()) == {frozenset(m.participants) & frozenset(people or ()) for m in meetings}


def test_a_press_conference_does_not_make_a_meeting_multilateral(extractor):
    text = "Tillerson sostendrá una reunión de trabajo con la canciller Cayetana Aljovín, tras lo cual ofrecerán una " \
           "conferencia de prensa conjunta."
    assert only_meeting(extract(extractor, text, "es", "2018-02-06")).kind == "in-person"


def test_the_head_of_state_is_the_president_named_before(extractor):
    text = "Rex Tillerson llegó hoy a Lima, donde se reunirá con el presidente Pedro Pablo Kuczynski. Tillerson será " \
           "recibido mañana en Palacio de Gobierno por el jefe del Estado."
    later = extract(extractor, text, "es", "2018-02-06").facts.meetings[-1]
    assert {"rex-tillerson", "pedro-pablo-kuczynski"} <= set(later.participants)


@pytest.mark.parametrize("text, language, label, topic", [
    ("The United States will work closely with Peru on border security.", "en",
     "work closely with Peru on border security", "border-security"),
    ("Estados Unidos apoyará al Perú en la lucha contra la minería ilegal.", "es",
     "apoyará al Perú en la lucha contra la minería ilegal", "illegal-mining"),
    ("El Perú y Estados Unidos trabajarán de manera conjunta en la recuperación de las zonas degradadas.", "es",
     "trabajarán de manera conjunta en la recuperación de las zonas degradadas", "environment"),
    ("La canciller aseguró que el Perú seguirá trabajando con Estados Unidos contra el narcotráfico.", "es",
     "trabajando con Estados Unidos contra el narcotráfico", "drug-trafficking"),
])
def test_a_label_starts_at_the_verb_of_what_is_committed(extractor, text, language, label, topic):
    (c,) = extract(extractor, text, language, "2023-08-24").facts.commitments
    assert c.name[language] == label and c.topics == [topic]


@pytest.mark.parametrize("text, language", [
    ("Secretary Blinken met with Foreign Minister González-Olaechea today. The meeting took place at the State "
     "Department in Washington.", "en"),
    ("Secretary Blinken met with Foreign Minister González-Olaechea today. Today’s meeting in Washington builds on "
     "momentum from the Summit of the Americas.", "en"),
    ("El canciller Javier González-Olaechea se reunió hoy con el secretario Antony Blinken. La reunión se realizó en "
     "Washington.", "es"),
])
def test_a_sentence_about_the_meeting_told_says_where_it_was(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2024-05-14"))
    assert m.place == "washington-dc" and len(m.evidence) == 2
    assert "us-department-of-state" not in m.participants


def test_the_meeting_a_text_has_not_told_is_not_made_from_where_it_was(extractor):
    assert extract(extractor, "The meeting took place in Washington.", "en", "2024-05-14").facts.meetings == []


def test_an_arrival_on_the_night_of_a_weekday_is_dated_that_day(extractor):
    text = "El secretario de Estado Antony Blinken arribó a Lima la noche del martes, procedente de Quito."
    assert only_meeting(extract(extractor, text, "es", "2021-10-20")).date == PartialDate(2021, 10, 19)


def test_what_an_instrument_is_to_do_is_not_its_name(extractor):
    text = "The United States and Peru will sign a memorandum of understanding to expand cooperation on science and technology."
    names = [a.name["en"] for a in extract(extractor, text, "en", "2024-03-13").facts.agreements]
    assert names == ["memorandum of understanding"]


def test_an_instruments_head_inside_an_events_name_is_no_instrument(extractor):
    text = "Today, the United States and Panama signed a memorandum of understanding to advance the U.S.-Alliance for " \
           "Development in Democracy (ADD) Consultative Dialogue on Supply Chains."
    names = [a.name["en"] for a in extract(extractor, text, "en", "2022-09-01").facts.agreements]
    assert names == ["memorandum of understanding"]


@pytest.mark.parametrize("text, language", [
    ("Lima, feb. 6 (ANDINA). El secretario de Estado Rex Tillerson llegó hoy a Lima.\n\nMás en Andina:\n\n"
     "Presidente Vizcarra se reunirá con Donald Trump en la Cumbre de las Américas\n"
     "Canciller Popolizio se reúne con embajadora de Estados Unidos\n\n(FIN) JCR/MDV", "es"),
    ("Secretary Rex Tillerson arrived in Lima today.\n\nRead more: President Vizcarra will meet Donald Trump at the "
     "Summit of the Americas in April", "en"),
])
def test_the_headlines_of_other_stories_a_page_lists_state_nothing(extractor, text, language):
    r = extract(extractor, text, language, "2018-02-06")
    assert [set(m.participants) & {"donald-trump", "vizcarra", "popolizio"} for m in r.facts.meetings] == [set()]
    assert "donald-trump" not in [a.id for a in r.mentioned]


def test_an_event_named_again_in_fewer_words_is_the_one_told(extractor):
    text = "Secretary Antony J. Blinken met today with Peruvian Foreign Minister César Landa on the margins of the 52nd " \
           "OAS General Assembly in Lima. The Secretary thanked Foreign Minister Landa for Peru’s hosting of the General Assembly."
    events = [m for m in extract(extractor, text, "en", "2022-10-06").facts.meetings if m.id.startswith("event-")]
    assert len(events) == 1 and len(events[0].evidence) == 2


@pytest.mark.parametrize("text, language", [
    ("President Biden and President Castillo pledged to hold regular consultations on migration.", "en"),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken acordaron sostener reuniones periódicas.", "es"),
    ("Peru and the United States agreed to meet regularly to review progress.", "en"),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken acordaron reunirse periódicamente.", "es"),
])
def test_meetings_as_a_practice_are_no_meeting(extractor, text, language):
    assert extract(extractor, text, language, "2024-05-14").facts.meetings == []


@pytest.mark.parametrize("text, language", [
    ("El canciller Elmer Schialer recibió en Torre Tagle al secretario Marco Rubio.", "es"),
    ("Foreign Minister Elmer Schialer met Secretary Marco Rubio in Torre Tagle.", "en"),
])
def test_an_organisation_named_where_a_meeting_is_takes_no_part_in_it(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2025-03-06"))
    assert {"elmer-schialer", "marco-rubio"} <= set(m.participants) and "peru-ministry-of-foreign-affairs" not in m.participants


@pytest.mark.parametrize("text, language", [
    ("President Joe Biden, who arrived Thursday, met with President Dina Boluarte on Friday.", "en"),
    ("El presidente Joe Biden, quien llegó el jueves, se reunió el viernes con la presidenta Dina Boluarte.", "es"),
])
def test_the_day_of_an_aside_about_someone_is_not_the_meetings(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2024-11-16"))     # a Saturday
    assert str(m.date) == "2024-11-15"


@pytest.mark.parametrize("text, language, person, country", [
    ("President Joe Biden met with Chinese President Xi Jinping in Lima.", "en", "xi-jinping", "china"),
    ("President Joe Biden held a trilateral meeting with South Korean President Yoon Suk Yeol.", "en", "yoon-suk-yeol", "south-korea"),
    ("El presidente Joe Biden se reunió con el primer ministro japonés Shigeru Ishiba.", "es", "shigeru-ishiba", "japan"),
])
def test_the_countries_beyond_the_americas_the_texts_name_often_are_known(extractor, text, language, person, country):
    r = extract(extractor, text, language, "2024-11-16")
    assert {person, country} <= set(only_meeting(r).participants)
    assert {a.id: a.type for a in r.mentioned}[country] == "Country"


def test_a_first_name_that_is_a_demonym_names_no_country(extractor):
    text = "Ambassador Katherine Tai and Colombia’s Minister of Commerce German Umaña held a bilateral meeting."
    m = only_meeting(extract(extractor, text, "en", "2024-03-01"))
    assert "germany" not in m.participants and any("uma" in p for p in m.participants)


@pytest.mark.parametrize("text, language", [
    ("La Embajada de los Estados Unidos informó que el programa beneficiará a más de 5000 familias en Ucayali.", "es"),
    ("The Embassy said that the new center will help Peruvian police fight transnational crime.", "en"),
    ("Secretary Pompeo will deliver remarks at the Conference on Venezuela.", "en"),
    ("El secretario Mike Pompeo pronunciará un discurso en la Conferencia de Lima.", "es"),
])
def test_what_a_thing_will_do_or_a_speech_to_come_pledges_nothing(extractor, text, language):
    assert extract(extractor, text, language, "2019-08-06").facts.commitments == []


MET = {"es": "El canciller Javier González-Olaechea se reunió con el secretario Antony Blinken. ",
       "en": "Secretary Antony Blinken met with Foreign Minister Javier González-Olaechea. "}


@pytest.mark.parametrize("text, language, label", [
    ("The Secretary reaffirmed U.S. support for Peru's democratic institutions and pledged to continue cooperation "
     "against drug trafficking.", "en", "support for Peru's democratic institutions"),
    ("Ambos reafirmaron su compromiso con la democracia y acordaron seguir trabajando en la lucha contra el narcotráfico.",
     "es", "democracia"),
])
def test_a_label_ends_before_the_next_pledge_of_its_clause(extractor, text, language, label):
    (c, *_) = extract(extractor, MET[language] + text, language, "2023-03-17").facts.commitments
    assert c.name[language] == label


@pytest.mark.parametrize("text, pledges", [
    ("Ambos coincidieron en la importancia de la cooperación en seguridad.", 0),
    ("Ambos coincidieron en la importancia de reforzar la cooperación en seguridad.", 1),
])
def test_agreeing_on_the_importance_of_a_thing_pledges_nothing_but_of_an_act_does(extractor, text, pledges):
    assert len(extract(extractor, MET["es"] + text, "es", "2023-03-17").facts.commitments) == pledges


@pytest.mark.parametrize("text, language, topic", [
    ("Los funcionarios convinieron en intensificar el intercambio de información en materia de inteligencia.", "es", "security"),
    ("El secretario Blinken se mostró dispuesto a colaborar con el Perú en la lucha contra la minería ilegal.", "es", "illegal-mining"),
    ("The two sides agreed on a roadmap to expand cooperation on clean energy.", "en", "energy"),
    ("The United States stands ready to support Peru in its efforts to counter illegal mining.", "en", "illegal-mining"),
    ("The two leaders agreed today to strengthen security cooperation.", "en", "security"),
    ("Both governments pledged on Tuesday to fight illegal mining.", "en", "illegal-mining"),
    ("En la reunión se acordó establecer una hoja de ruta para la cooperación en seguridad.", "es", "security"),
    ("They agreed on the importance of continuing to work together to address the climate crisis.", "en", "climate-change"),
    ("The Secretary underscored the United States' continued support for Peru's efforts to combat illegal mining.", "en",
     "illegal-mining"),
    ("Blinken anunció además que en los próximos meses se entregarán diez helicópteros a la Policía Nacional.", "es",
     "citizen-security"),
])
def test_readiness_and_roadmaps_agreed_are_pledges(extractor, text, language, topic):
    (c,) = extract(extractor, MET[language] + text, language, "2024-05-10").facts.commitments
    assert c.topics == [topic] and c.evidence[0].confidence >= 0.5     # (an impersonal "se acordó" names no one: a little less sure)


def test_a_pledge_and_the_meeting_it_was_made_in_told_in_one_sentence(extractor):
    text = "Lima, oct. 6 (ANDINA). El Perú y los Estados Unidos acordaron hoy fortalecer la cooperación en materia de " \
           "seguridad, durante la reunión que sostuvieron el canciller César Landa y el secretario de Estado Antony " \
           "Blinken en Torre Tagle."
    r = extract(extractor, text, "es", "2022-10-06")
    m = only_meeting(r)
    assert {"cesar-landa", "antony-blinken"} <= set(m.participants) and str(m.date) == "2022-10-06"
    assert [c.topics for c in r.facts.commitments] == [["security"]]


def test_ambos_are_the_two_who_met(extractor):
    (c,) = extract(extractor, MET["es"] + "Ambos acordaron fortalecer la cooperación en seguridad.", "es", "2023-03-17").facts.commitments
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(c.actors) and c.evidence[0].confidence >= 0.7


def test_what_an_instrument_guarantees_is_no_ones_pledge(extractor):
    text = "The Treaty Concerning the Permanent Neutrality and Operation of the Panama Canal, in force since October 1, " \
           "1979, guarantees that the Canal remains permanently neutral and open to the vessels of all nations."
    r = extract(extractor, text, "en", "2025-02-02")
    assert r.facts.commitments == [] and len(r.facts.agreements) == 1


@pytest.mark.parametrize("text, language, giver, topic", [
    ("El Gobierno de los Estados Unidos, a través de USAID, financiará un programa de 20 millones de dólares para la "
     "lucha contra la tala ilegal.", "es", "united-states", "deforestation"),
    ("USAID will fund a $10 million program to support Venezuelan migrants in Colombia.", "en", "usaid", "migration"),
])
def test_money_to_be_given_is_a_pledge_about_what_it_is_for(extractor, text, language, giver, topic):
    (c,) = extract(extractor, text, language, "2022-09-15").facts.commitments
    assert giver in c.actors and c.topics == [topic]


def test_who_reports_what_their_country_will_do_is_the_subject_of_the_pledge(extractor):
    text = "La encargada de negocios de Estados Unidos, Denison Offutt, afirmó que su país continuará trabajando con " \
           "el Perú para superar la pandemia."
    (c,) = extract(extractor, text, "es", "2021-07-01").facts.commitments
    assert "denison-offutt" in c.actors and c.evidence[0].confidence >= 0.5 and c.topics == ["pandemic"]


@pytest.mark.parametrize("text, language, label, topic", [
    ("El canciller Javier González-Olaechea se reunió con el secretario de Estado Antony Blinken. Los cancilleres "
     "acordaron celebrar la próxima reunión del Mecanismo de Consultas Políticas en Lima y reafirmaron su compromiso "
     "con la democracia.", "es", None, "democracy"),
    ("President Joe Biden met with President Gustavo Petro today. The leaders committed to deepen cooperation on "
     "counternarcotics and agreed to convene the High-Level Dialogue later this year.", "en",
     "deepen cooperation on counternarcotics", "drug-trafficking"),
])
def test_a_meeting_planned_beside_a_pledge_leaves_the_pledge(extractor, text, language, label, topic):
    (c,) = extract(extractor, text, language, "2024-02-14").facts.commitments
    assert c.topics == [topic] and len(c.actors) >= 2
    assert label is None or c.name[language] == label


def test_a_label_keeps_a_list_of_adjectives_whole(extractor):
    text = "The United States and Peru are committed to humane, safe and orderly migration, consistent with the " \
           "Los Angeles Declaration."
    (c,) = extract(extractor, text, "en", "2024-02-14").facts.commitments
    assert c.name["en"] == "humane, safe and orderly migration" and c.topics == ["migration"]


def test_a_commitment_naming_no_topic_takes_the_one_its_sentence_names(extractor):
    text = "El Perú y los Estados Unidos destacaron la importancia del Acuerdo de Promoción Comercial, vigente desde 2009, " \
           "y se comprometieron a trabajar para su plena implementación."
    (c,) = extract(extractor, text, "es", "2024-02-14").facts.commitments
    assert c.topics == ["trade"]


def test_they_after_a_sentence_about_one_person_are_the_people_who_met(extractor):
    text = "Secretary of State Antony J. Blinken spoke with Peruvian President-elect Pedro Castillo today. The Secretary " \
           "congratulated him on his election. They agreed to stay in close touch."
    (c,) = extract(extractor, text, "en", "2021-07-07").facts.commitments
    assert {"antony-blinken", "pedro-castillo"} <= set(c.actors)


@pytest.mark.parametrize("text, language", [
    ("El canciller César Landa se reunió con el secretario Antony Blinken en Lima, donde permanecerá hasta el viernes.", "es"),
    ("Foreign Minister César Landa met with Secretary Antony Blinken in Lima, where he will stay until Friday.", "en"),
])
def test_the_end_of_a_stay_is_not_the_day_of_the_meeting(extractor, text, language):
    assert only_meeting(extract(extractor, text, language, "2022-10-06")).date is None


@pytest.mark.parametrize("text, language", [
    ("President Joe Biden met with Chinese President Xi Jinping on the sidelines of the APEC summit in Lima.", "en"),
    ("Secretary Antony Blinken will attend the OAS General Assembly in Lima, where he will also meet with President "
     "Pedro Castillo.", "en"),
])
def test_a_bilateral_meeting_at_a_summit_is_one_meeting_and_the_summit_another(extractor, text, language):
    kinds = sorted(m.kind for m in extract(extractor, text, language, "2024-11-16").facts.meetings)
    assert kinds == ["in-person", "multilateral"]


def test_a_meeting_placed_nowhere_is_where_its_people_met_before_not_the_dateline(extractor):
    text = "Lima, 20 de mayo de 2025\nEl canciller Elmer Schialer sostuvo una reunión con el secretario Marco Rubio, " \
           "en el marco de su visita oficial a Washington. Asimismo, el canciller se reunió con el senador Bernie Moreno."
    places = [m.place for m in extract(extractor, text, "es", "2025-05-20").facts.meetings]
    assert places == ["washington-dc", "washington-dc"]


def test_a_call_told_days_before_a_date_does_not_take_it_and_is_the_call_told_later(extractor):
    text = "Peru and the United States signed an agreement on Thursday to expand cooperation, days after U.S. Secretary " \
           "of State Marco Rubio called President Dina Boluarte. Rubio and Boluarte spoke by phone on Monday about security."
    m = only_meeting(extract(extractor, text, "en", "2025-08-14"))
    assert str(m.date) == "2025-08-11" and len(m.evidence) == 2


def test_a_weekday_at_the_start_of_a_wrapped_line_still_dates_the_meeting(extractor):
    text = "WASHINGTON, May 9 (Reuters) - U.S. Secretary of State Antony Blinken met\nWednesday with Peruvian Foreign " \
           "Minister Javier González-Olaechea, the State\nDepartment said."
    assert str(only_meeting(extract(extractor, text, "en", "2024-05-09")).date) == "2024-05-08"


def test_a_visit_during_which_something_could_happen_is_still_to_come(extractor):
    text = "Officials said the deal could be signed during President Dina Boluarte's visit to Washington."
    assert only_meeting(extract(extractor, text, "en", "2023-03-10")).status == "scheduled"


def test_a_headline_in_title_case_is_not_a_wrapped_line_of_the_sentence_after_it(extractor):
    text = "Secretary Blinken's Call with Peruvian President-elect Castillo\nThe following is attributable to " \
           "Spokesperson Ned Price:\nSecretary of State Antony J. Blinken spoke today with Peruvian President-elect " \
           "Pedro Castillo to congratulate him on his electoral victory."
    people = set(only_meeting(extract(extractor, text, "en", "2021-07-29")).participants)
    assert {"antony-blinken", "pedro-castillo"} <= people and "ned-price" not in people


def test_a_wrapped_line_of_capitalised_names_still_runs_on(extractor):
    text = "WASHINGTON, May 9 (Reuters) - U.S. Secretary of State Antony Blinken met with Peruvian Foreign Minister\n" \
           "Javier González-Olaechea on Wednesday."
    assert str(only_meeting(extract(extractor, text, "en", "2024-05-09")).date) == "2024-05-08"


def test_the_people_attending_a_signing_ceremony_meet(extractor):
    text = "Peru signed the Artemis Accords on Thursday, at a ceremony at NASA Headquarters in Washington attended by " \
           "Secretary Antony Blinken and Peruvian Foreign Minister Javier González-Olaechea."
    assert {"antony-blinken", "javier-gonzalez-olaechea"} <= set(only_meeting(extract(extractor, text, "en", "2024-05-30")).participants)


@pytest.mark.parametrize("text, language", [
    ("El Congreso peruano aprobó el Acuerdo de Cooperación Aduanera con Estados Unidos, que entrará en vigor en mayo.", "es"),
    ("The Customs Mutual Assistance Agreement between Peru and the United States will enter into force on May 1.", "en"),
])
def test_an_instrument_still_to_enter_into_force_is_signed_not_in_force(extractor, text, language):
    (a,) = extract(extractor, text, language, "2023-03-17").facts.agreements
    assert a.status == "signed"


@pytest.mark.parametrize("text, language, name", [
    ("The two leaders also welcomed the signing of a memorandum of understanding on critical minerals.", "en",
     "memorandum of understanding on critical minerals"),
    ("Ambos mandatarios saludaron la firma de un memorando de entendimiento sobre minerales críticos.", "es",
     "memorando de entendimiento sobre minerales críticos"),
    ("La ceremonia de suscripción del convenio de cooperación técnica se realizó en la Cancillería.", "es",
     "convenio de cooperación técnica"),
])
def test_an_instrument_whose_signing_is_told_as_a_noun_is_signed(extractor, text, language, name):
    (a,) = extract(extractor, text, language, "2024-11-15").facts.agreements
    assert a.name[language] == name and a.status == "signed"


def test_an_acronym_alone_after_the_event_it_starts_is_that_event(extractor):
    text = "President Joe Biden met today with President Dina Boluarte on the margins of the APEC Leaders' Meeting in " \
           "Lima. President Biden welcomed Peru's leadership as APEC host."
    events = [m for m in extract(extractor, text, "en", "2024-11-15").facts.meetings if m.kind == "multilateral"]
    assert len(events) == 1


@pytest.mark.parametrize("text, language", [
    ("The United States intends to support Peru's efforts to protect the Amazon, including through a new $5 million "
     "program to combat illegal logging.", "en"),
    ("Estados Unidos apoyará al Perú a través de un nuevo programa de 5 millones de dólares para combatir la tala ilegal.", "es"),
])
def test_a_programme_no_name_or_subject_tells_apart_is_no_instrument(extractor, text, language):
    assert extract(extractor, text, language, "2023-11-03").facts.agreements == []


def test_the_house_one_is_welcomed_to_is_a_venue_not_a_party(extractor):
    m = only_meeting(extract(extractor, "Today, President Biden welcomed President Boluarte to the White House.", "en", "2023-11-03"))
    assert "white-house" not in m.participants and {"joe-biden", "dina-boluarte"} <= set(m.participants)


@pytest.mark.parametrize("text, status", [
    ("Peru and the United States inked a deal to boost trade in critical minerals.", "signed"),
    ("Peru and the United States reached an agreement to expand cooperation on cybersecurity.", "announced"),
])
def test_deals_inked_and_agreements_reached_are_instruments(extractor, text, status):
    (a,) = extract(extractor, text, "en", "2024-05-22").facts.agreements
    assert a.status == status and set(a.parties) == {"peru", "united-states"}


def test_the_amount_of_an_instrument_is_not_part_of_its_name(extractor):
    r = extract(extractor, "Ambos países firmaron un acuerdo de donación por 50 millones de dólares.", "es", "2023-03-17")
    assert [a.name["es"] for a in r.facts.agreements] == ["acuerdo de donación"]


def test_a_pledge_by_name_is_an_instrument_joined(extractor):
    (a,) = extract(extractor, "Peru joined the Global Methane Pledge at COP26 in Glasgow.", "en", "2021-11-05").facts.agreements
    assert a.name["en"] == "Global Methane Pledge" and a.status == "joined" and a.parties == ["peru"]


@pytest.mark.parametrize("text, language, label, topic", [
    ("Secretary Antony Blinken announced $15 million in new assistance to strengthen Peru’s fight against illegal mining.",
     "en", "$15 million in new assistance to strengthen Peru’s fight against illegal mining", "illegal-mining"),
    ("La embajadora de los Estados Unidos, Lisa Kenna, anunció una donación de equipos médicos para el Perú.", "es",
     "donación de equipos médicos para el Perú", "health"),
    ("La embajadora de los Estados Unidos, Lisa Kenna, expresó el respaldo de su país a las instituciones democráticas "
     "del Perú.", "es", "respaldo de su país a las instituciones democráticas del Perú", "democracy"),
])
def test_a_label_starts_at_what_is_given_and_aid_takes_the_topic_of_its_purpose(extractor, text, language, label, topic):
    (c,) = extract(extractor, text, language, "2023-06-01").facts.commitments
    assert next(iter(c.name.values())) == label and c.topics == [topic]


def test_support_underscored_is_a_commitment_as_support_reaffirmed_is(extractor):
    text = "Secretary Antony Blinken underscored U.S. support for Peru’s democratic institutions."
    (c,) = extract(extractor, text, "en", "2023-06-01").facts.commitments
    assert c.name["en"] == "support for Peru’s democratic institutions" and "antony-blinken" in c.actors


@pytest.mark.parametrize("text", [
    "El Perú será sede de la APEC en 2024.",
    "El canciller destacó que el Perú será sede de APEC en 2024.",
])
def test_a_country_that_will_be_the_seat_of_a_forum_hosts_it(extractor, text):
    m = only_meeting(extract(extractor, text, "es", "2023-06-01"))
    assert m.kind == "multilateral" and "peru" in m.participants and m.status == "scheduled"


@pytest.mark.parametrize("text, calls", [
    ("El canciller Javier González-Olaechea se comunicó telefónicamente con el secretario de Estado Antony Blinken.", 1),
    ("El secretario Antony Blinken telefoneó ayer al canciller Javier González-Olaechea.", 1),
    ("El presidente Joe Biden llamó a la presidenta Dina Boluarte para felicitarla.", 1),
    ("El presidente Joe Biden llamó a los países de la región a cooperar contra el crimen.", 0),
])
def test_spanish_verbs_of_calling_state_a_call_with_the_person_named_after_them(extractor, text, calls):
    found = extract(extractor, text, "es", "2024-05-10").facts.meetings
    assert [m.kind for m in found] == ["call"] * calls


def test_a_country_the_text_only_talks_about_is_not_one_it_is_about(extractor):
    text = "El secretario de Estado Mike Pompeo viajará a Chile, Paraguay, Perú y a la ciudad de Cúcuta, Colombia, en la " \
           "frontera con Venezuela. La visita reunirá el apoyo a la democracia en Venezuela y a la democracia venezolana."
    r = extract(extractor, text, "es", "2019-04-08")
    stops = sorted(c for m in r.facts.meetings for c in m.participants if c not in ("mike-pompeo", "united-states"))
    assert stops == ["chile", "colombia", "paraguay", "peru"]
    assert "venezuela" not in [a.id for a in r.mentioned]


@pytest.mark.parametrize("city, posted_here", [("Lima", True), ("Montevideo", False)])
def test_an_envoy_named_by_title_is_the_one_posted_to_the_country_of_the_text(extractor, city, posted_here):
    r = extract(extractor, f"{city}, 10 de mayo de 2024.– El canciller se reunió con el embajador de los Estados Unidos.",
                "es", "2024-05-10")
    people = {a.id for a in r.mentioned if a.type == "Person"}
    assert ("lisa-kenna" in people) == posted_here     # the U.S. ambassador to Peru, not in a text of Uruguay


def test_a_gazetteer_office_posted_to_an_unknown_country_names_it(tmp_path):
    bad = tmp_path / "gazetteer.yaml"
    bad.write_text("offices:\n  - id: us-ambassador-to-atlantis\n    name: {en: \"U.S. Ambassador to Atlantis\"}\n"
                   "    posted_to: atlantis\n", encoding="utf-8")
    with pytest.raises(InputError, match="us-ambassador-to-atlantis.*posted_to.*atlantis"):
        gazetteer.load(bad)


@pytest.mark.parametrize("text, person", [
    ("Under Secretary Victoria Nuland met with Chilean Undersecretary of Foreign Affairs Gloria de la Fuente.",
     "gloria-de-la-fuente"),            # not Juan Ramón de la Fuente, whose surname the gazetteer knows
    ("Secretary Blinken spoke with Peruvian President-Elect Castillo.", "pedro-castillo"),   # a title before it
    ("Secretary Marco A. Rubio met with President Boluarte.", "marco-rubio"),               # an initial
    ("Secretary Marc Rubio met with President Boluarte.", "marco-rubio"),                   # its first name's initial
])
def test_a_known_surname_after_another_first_name_is_another_person(extractor, text, person):
    r = extract(extractor, text, "en", "2021-07-02")
    assert person in {a.id for a in r.mentioned}


DIALOGUE = ("The United States and Chile held the second meeting of their Strategic Dialogue in Washington on November 2, "
            "2023. Under Secretary for Political Affairs Victoria Nuland and Chilean Undersecretary of Foreign Affairs "
            "Gloria de la Fuente co-chaired the dialogue. Both countries agreed to hold the next dialogue in Santiago in 2024.")


def test_the_people_who_chaired_the_dialogue_took_part_in_the_one_told_before(extractor):
    r = extract(extractor, DIALOGUE, "en", "2023-11-03")
    held = [m for m in r.facts.meetings if m.status == "held"]
    assert len(held) == 1 and {"victoria-nuland", "gloria-de-la-fuente", "chile"} <= set(held[0].participants)
    assert len(held[0].evidence) == 2


def test_agreeing_to_hold_the_next_dialogue_plans_it_where_it_will_be_held_and_pledges_it(extractor):
    r = extract(extractor, DIALOGUE, "en", "2023-11-03")
    assert [m.place for m in r.facts.meetings if m.status == "scheduled"] == ["santiago-de-chile"]
    (pledge,) = r.facts.commitments
    assert {"chile", "united-states"} <= set(pledge.actors)


def test_a_promise_reported_by_someone_else_is_of_whom_the_report_names(extractor):
    r = extract(extractor, 'La congresista María Elvira Salazar destacó el liderazgo del presidente Daniel Noboa y aseguró '
                           'que Estados Unidos "seguirá apoyando" a Ecuador.', "es", "2024-06-12")
    [c] = r.facts.commitments
    assert c.actors == ["united-states"] and c.name == {"es": "apoyando a Ecuador"}   # no quote's edge in the label


@pytest.mark.parametrize("text, committed", [
    ("USAID will provide an additional $10 million to support Peru’s efforts to integrate migrants.", ["usaid", "united-states"]),
    ("The Department of State will expand English-language programs for Peruvian teachers.",
     ["us-department-of-state", "united-states"]),
])
def test_an_agency_commits_for_its_own_country_not_for_the_one_it_helps(extractor, text, committed):
    r = extract(extractor, "The United States and Peru share a strong partnership. " + text, "en", "2022-06-10")
    assert committers(r) == [committed]


def test_whose_efforts_a_leader_welcomes_does_not_commit_with_him(extractor):
    r = extract(extractor, "President Biden welcomed Argentina’s economic reform efforts and reaffirmed U.S. support for "
                           "Argentina’s engagement with the International Monetary Fund.", "en", "2024-04-05")
    assert committers(r) == [["joe-biden", "united-states"]]


def test_a_city_named_in_passing_does_not_make_its_country_one_of_the_text(extractor):
    r = extract(extractor, "Secretary of State Michael R. Pompeo met with Paraguayan President Mario Abdo Benitez today. "
                           "The Secretary thanked President Abdo Benitez for Paraguay's leadership in the Lima Group.",
                "en", "2019-04-13")
    assert "peru" not in {a.id for a in r.mentioned}


@pytest.mark.parametrize("text, language", [
    ("Secretary of State Michael R. Pompeo met with Paraguayan President Mario Abdo Benitez today.", "en"),
    ("El subsecretario de Estado Kevin Smith se reunió hoy con el presidente paraguayo Mario Abdo Benítez.", "es"),
])
def test_a_title_only_one_country_has_is_that_countrys_where_the_text_does_not_name_it(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2019-04-13"))
    assert {"paraguay", "united-states"} <= set(m.participants)


@pytest.mark.parametrize("text", [
    "The Deputy Secretary welcomed Brazil’s renewed commitment to combat deforestation.",
    "Deputy Secretary Sherman welcomed the commitment of Brazil to combat deforestation.",
])
def test_a_commitment_welcomed_is_the_one_whose_it_is(extractor, text):
    r = extract(extractor, "Deputy Secretary of State Wendy R. Sherman met today with Brazilian Foreign Minister Mauro "
                           "Vieira. " + text, "en", "2023-03-01")
    assert committers(r) == [["brazil"]]


def test_a_commitment_of_the_speakers_own_country_stays_the_speakers(extractor):
    r = extract(extractor, "El canciller Hugo de Zela reiteró el compromiso del Perú de combatir la minería ilegal.",
                "es", "2025-03-01")
    assert {"hugo-de-zela", "peru"} <= set(r.facts.commitments[0].actors)


def test_the_country_a_commitment_is_to_work_with_does_not_commit(extractor):
    r = extract(extractor, "El subsecretario Eric Jacobstein reiteró el compromiso de los Estados Unidos de continuar "
                           "trabajando con el Perú en temas de interés común.", "es", "2025-03-12")
    assert committers(r) == [["eric-jacobstein", "united-states"]]


@pytest.mark.parametrize("dateline, country", [("Buenos Aires, 6 de octubre de 2022.– ", "argentina"),
                                               ("Washington, 6 de octubre de 2022.– ", None)])
def test_a_foreign_minister_no_country_qualifies_is_the_datelines(extractor, dateline, country):
    r = extract(extractor, dateline + "El canciller Santiago Cafiero recibió hoy a la subsecretaria de Estado adjunta "
                                      "Emily Mendrala.", "es", "2022-10-06")
    cafiero = next(a for a in r.mentioned if a.id == "santiago-cafiero")
    assert cafiero.country == country      # not the United States, whose people have titles of their own


@pytest.mark.parametrize("text", ["Secretary Antony Blinken and Foreign Minister César Landa agreed to meet again in "
                                  "Washington in June.",
                                  "Secretary Antony Blinken and Foreign Minister César Landa agreed to meet next month."])
def test_agreeing_to_meet_again_plans_a_meeting(extractor, text):
    m = only_meeting(extract(extractor, text, "en", "2022-03-02"))
    assert m.status == "scheduled" and {"antony-blinken", "cesar-landa"} <= set(m.participants)


def test_they_who_commit_are_the_people_told_before(extractor):
    r = extract(extractor, "President Biden hosted President Lula at the White House on February 10. They committed to "
                           "work together to combat climate change.", "en", "2023-03-01")
    assert [c.actors[:2] for c in r.facts.commitments] == [["joe-biden", "luiz-inacio-lula-da-silva"]]


def test_an_intent_announced_is_a_commitment(extractor):
    r = extract(extractor, "President Biden announced his intent to work with Congress to provide funds for the Amazon "
                           "Fund.", "en", "2023-03-01")
    assert committers(r) == [["joe-biden", "united-states"]]


@pytest.mark.parametrize("text, language", [
    ("Secretary Blinken met with Foreign Secretary Alicia Bárcena in Mexico City today. Also participating in the meeting "
     "were Secretary of Homeland Security Alejandro Mayorkas and Ambassador Ken Salazar.", "en"),
    ("El secretario Antony Blinken se reunió hoy con la canciller Alicia Bárcena en la Ciudad de México. En el encuentro "
     "participaron también el secretario de Seguridad Nacional, Alejandro Mayorkas, y el embajador Ken Salazar.", "es"),
])
def test_who_also_took_part_in_the_meeting_told_joins_it(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2023-10-05"))
    assert {"antony-blinken", "alicia-barcena", "alejandro-mayorkas"} <= set(m.participants) and len(m.evidence) == 2


def test_us_cabinet_titles_introduce_their_holder(extractor):
    r = extract(extractor, "Attorney General Merrick Garland met with Mexican Attorney General Alejandro Gertz Manero. "
                           "National Security Advisor Jake Sullivan also attended.", "en", "2023-10-05")
    ids = {a.id for a in r.mentioned}
    assert {"merrick-garland", "alejandro-gertz-manero", "jake-sullivan"} <= ids and "national-security" not in ids


@pytest.mark.parametrize("text", ["Blinken y González-Olaechea conversaron por videoconferencia sobre la agenda bilateral.",
                                  "Blinken y González-Olaechea hablaron por teléfono sobre la agenda bilateral."])
def test_two_people_who_talked_by_phone_or_video_held_a_call(extractor, text):
    m = only_meeting(extract(extractor, text, "es", "2024-03-14"))
    assert m.kind == "call" and {"antony-blinken", "javier-gonzalez-olaechea"} <= set(m.participants)


def test_a_sentence_opening_with_a_name_and_a_place_is_no_dateline(extractor):
    m = only_meeting(extract(extractor, "Secretary Blinken will travel to Lima, Peru, March 18-19, where he will meet with "
                                        "President Boluarte.", "en", "2024-03-14"))
    assert m.date == DateRange(PartialDate(2024, 3, 18), PartialDate(2024, 3, 19))


def test_a_source_named_between_commas_takes_no_part(extractor):
    r = extract(extractor, "SAN JOSE, Feb 5 (Reuters) - U.S. Secretary of State Marco Rubio met Costa Rican President "
                           "Rodrigo Chaves on Tuesday, the State Department said in a statement, as part of his first trip "
                           "abroad.", "en", "2025-02-05")
    m = only_meeting(r)
    assert "us-department-of-state" not in m.participants and {"marco-rubio", "rodrigo-chaves"} <= set(m.participants)


def test_a_commitment_that_does_not_point_back_takes_no_topic_from_the_rest_of_its_sentence(extractor):
    (c,) = extract(extractor, "President Biden welcomed Colombia’s leadership on regional migration and underscored the "
                              "United States’ commitment to supporting the implementation of the 2016 peace accord.",
                   "en", "2023-11-03").facts.commitments
    assert c.topics == ["other"]     # not "migration": the peace accord is what is supported


@pytest.mark.parametrize("text, language, committed", [
    ("Deputy Secretary of State Richard Verma traveled to Lima, where he met with Prime Minister Gustavo Adrianzén and "
     "announced $15 million in new assistance to combat illegal mining.", "en", ["richard-verma", "united-states"]),
    ("El secretario de Estado Marco Rubio sostuvo hoy una conversación con el presidente peruano José Jerí, reafirmando "
     "la voluntad de su gobierno de profundizar la asociación entre ambos países.", "es", ["marco-rubio", "united-states"]),
])
def test_whom_the_subject_met_does_not_commit_with_it(extractor, text, language, committed):
    r = extract(extractor, text, language, "2025-10-20")
    assert committers(r) == [committed]


def test_whom_the_subject_greets_after_an_aside_does_not_commit(extractor):
    r = extract(extractor, "El secretario Antony Blinken, a su turno, saludó al Perú por su compromiso con la democracia y "
                           "señaló que su país continuará apoyando al Perú en la recuperación económica.", "es", "2021-10-19")
    assert committers(r) == [["antony-blinken", "united-states"]]


@pytest.mark.parametrize("text, language", [
    ("Minister Willy Huerta said the assistance would help the police reduce crime.", "en"),
    ("El canciller César Landa informó que se realizarán reuniones técnicas con los Estados Unidos.", "es"),
])
def test_what_a_thing_reported_will_do_and_meetings_to_be_held_are_no_commitments(extractor, text, language):
    assert extract(extractor, text, language, "2022-10-06").facts.commitments == []


@pytest.mark.parametrize("text, language, label, topic", [
    ("El presidente Pedro Castillo expresó su interés en fortalecer las relaciones bilaterales y resaltó la importancia de "
     "la lucha contra el narcotráfico.", "es", "fortalecer las relaciones bilaterales", "bilateral-relations"),
    ("Secretary Antony Blinken reiterated U.S. support for Peru’s democratic institutions and called for an end to "
     "violence.", "en", "support for Peru’s democratic institutions", "democracy"),
])
def test_a_label_ends_before_another_act_of_its_subject_and_names_the_topic(extractor, text, language, label, topic):
    (c,) = extract(extractor, text, language, "2023-03-15").facts.commitments
    assert c.name == {language: label} and c.topics == [topic]


@pytest.mark.parametrize("text, language", [
    ("Secretary Antony Blinken and Foreign Minister César Landa agreed to deepen their important partnership.", "en"),
    ("El secretario Antony Blinken y el canciller César Landa acordaron profundizar su importante alianza.", "es"),
])
def test_what_is_important_is_not_imports(extractor, text, language):
    (c,) = extract(extractor, text, language, "2023-03-15").facts.commitments
    assert c.topics != ["trade"]


def test_an_organisation_is_named_again_by_the_acronym_given_after_its_name(extractor):
    r = extract(extractor, "La vicepresidenta Dina Boluarte se reunió hoy con una delegación del Servicio de Inspección de "
                           "Sanidad Animal y Vegetal de los Estados Unidos (APHIS). Los representantes del APHIS manifestaron "
                           "su voluntad de seguir colaborando con el Perú en la lucha contra la anemia.", "es", "2022-11-23")
    (c,) = r.facts.commitments
    assert c.actors[0] == "servicio-de-inspeccion-de-sanidad-animal-y-vegetal-de-los-estados-unidos" and c.topics == ["health"]


def test_a_summit_a_visit_prepares_is_no_meeting(extractor):
    r = extract(extractor, "El viceministro Brian Nichols llegó hoy a Lima. La visita de Nichols tiene como propósito "
                           "consolidar el diálogo político y preparar la próxima Cumbre de las Américas.", "es", "2022-03-10")
    assert not any("Cumbre" in next(iter(m.name.values())) for m in r.facts.meetings)


@pytest.mark.parametrize("text, language, committed", [
    ("The Secretary of State Antony Blinken reaffirmed the strong partnership between the United States and Peru and the "
     "U.S. commitment to working with Peru on clean energy.", "en", ["antony-blinken", "united-states"]),
    ("El vicepresidente estadounidense Mike Pence, por su parte, reconoció los esfuerzos del Perú en la lucha contra la corrupción y "
     "anunció que su país donará 2 millones de dólares para atender a los migrantes venezolanos.", "es",
     ["mike-pence", "united-states"]),
])
def test_whose_partnership_or_efforts_are_praised_does_not_commit(extractor, text, language, committed):
    assert committers(extract(extractor, text, language, "2018-08-16")) == [committed]


def test_a_label_keeps_a_list_of_words_between_commas_whole(extractor):
    text = "The United States reiterated its support for free, fair, inclusive and peaceful elections in Honduras."
    (c,) = extract(extractor, text, "en", "2021-11-02").facts.commitments
    assert c.name["en"] == "support for free, fair, inclusive and peaceful elections in Honduras"


def test_the_agreement_named_again_with_an_amount_is_the_one_told_before(extractor):
    r = extract(extractor, "Ambassador Lisa Kenna and Minister Avelino Guillén signed an amendment to the Letter of Agreement "
                           "on counternarcotics cooperation. The amendment brings total U.S. funding under the agreement to "
                           "more than $100 million since 2019.", "en", "2022-01-19")
    assert [next(iter(a.name.values())) for a in r.facts.agreements] == ["amendment to the Letter of Agreement"]


@pytest.mark.parametrize("text, name", [
    ("Peru joined the Inter-American Convention against Corruption in 1997.", "Inter-American Convention against Corruption"),
    ("Peru joined the Global Coalition to Address Synthetic Drug Threats in 2023.",
     "Global Coalition to Address Synthetic Drug Threats"),
])
def test_conventions_against_and_coalitions_joined_are_instruments(extractor, text, name):
    (a,) = extract(extractor, text, "en", "2024-01-19").facts.agreements
    assert a.name == {"en": name} and a.status == "joined"


def test_a_headlines_verb_ends_an_organisations_name(extractor):
    r = extract(extractor, "U.S. Embassy Lima Signs Letter of Agreement with Peru’s Ministry of Interior\n"
                           "Ambassador Lisa Kenna signed the letter today.", "en", "2022-01-19")
    assert not any("Signs" in next(iter(a.name.values())) for a in r.mentioned)


@pytest.mark.parametrize("text, language", [
    ("El documento fue firmado por la ministra de Relaciones Exteriores, Ana Cecilia Gervasi, y la embajadora de Estados "
     "Unidos, Lisa Kenna, en la sede de la Cancillería.", "es"),
    ("The memorandum was signed today by Foreign Minister Ana Cecilia Gervasi and Ambassador Lisa Kenna.", "en"),
])
def test_people_who_signed_as_the_agent_of_a_passive_met(extractor, text, language):
    m = only_meeting(extract(extractor, text, language, "2023-06-20"))
    assert {"ana-cecilia-gervasi", "lisa-kenna"} <= set(m.participants)


def test_an_instrument_described_as_signed_by_two_people_is_no_meeting_told(extractor):
    r = extract(extractor, "El Acuerdo de Promoción Comercial, firmado por los presidentes Alejandro Toledo y George W. Bush "
                           "en 2006, entró en vigor en 2009.", "es", "2022-01-19")
    assert r.facts.meetings == []


@pytest.mark.parametrize("text, language, day", [
    ("El canciller César Landa se reunió el 15/03/2023 con el secretario Antony Blinken en Washington.", "es", "2023-03-15"),
    ("El canciller César Landa se reunió el 05/03/2023 con el secretario Antony Blinken en Washington.", "es", "2023-03-05"),
    ("Foreign Minister César Landa met with Secretary Antony Blinken on 03/05/2023 in Washington.", "en", "2023-03-05"),
    ("Foreign Minister César Landa met with Secretary Antony Blinken on 15.03.2023 in Washington.", "en", "2023-03-15"),
])
def test_a_date_in_numbers_is_read_in_the_order_of_its_language(extractor, text, language, day):
    assert only_meeting(extract(extractor, text, language, "2023-03-20")).date == documents.parse_iso(day)


def test_a_summit_a_country_is_about_to_host_is_still_to_come(extractor):
    r = extract(extractor, "Deputy Secretary Kurt Campbell met today with Foreign Minister Javier González-Olaechea. The "
                           "Deputy Secretary and the Foreign Minister discussed Peru’s upcoming hosting of APEC.", "en", "2024-05-10")
    (apec,) = [m for m in r.facts.meetings if m.kind == "multilateral"]
    assert apec.status == "scheduled" and "peru" in apec.participants


def test_they_are_the_people_told_before_not_the_organisation_they_talked_about(extractor):
    r = extract(extractor, "Deputy Secretary Kurt Campbell met today with Foreign Minister Javier González-Olaechea. The "
                           "Deputy Secretary and the Foreign Minister discussed Peru’s upcoming hosting of APEC. They also "
                           "exchanged views on the situation in Venezuela.", "en", "2024-05-10")
    bilateral = next(m for m in r.facts.meetings if m.kind == "in-person")
    assert "apec" not in bilateral.participants


def test_what_companies_of_a_country_are_ready_to_do_is_no_pledge_of_its_own(extractor):
    r = extract(extractor, "Ambassador Lisa Kenna said that American companies are ready to invest in Peru’s infrastructure.",
                "en", "2024-05-10")
    assert r.facts.commitments == []


def test_the_topics_of_a_pages_bar_name_no_one(extractor):
    r = extract(extractor, "U.S. Embassy Lima | 15 September, 2022 | Topics: Ambassador, Press Releases\n\n"
                           "Ambassador Lisa Kenna met with Minister Willy Huerta today.", "en", "2022-09-15")
    assert not any("Press" in next(iter(a.name.values())) for a in r.mentioned)


def test_people_who_led_a_ceremony_met_and_who_else_attended_it_joins_that_meeting(extractor):
    r = extract(extractor, "U.S. Ambassador to Peru Lisa Kenna and Minister of the Interior Willy Huerta today led a "
                           "ceremony in Pucallpa. The ceremony was also attended by PNP Commander General Raúl Alfaro.",
                "en", "2022-09-15")
    assert {"lisa-kenna", "willy-huerta"} <= set(only_meeting(r).participants)


@pytest.mark.parametrize("text, committed", [
    ("“The United States is proud to stand with Peru. We will continue to support the Peruvian National Police in its "
     "fight against drug trafficking,” said Ambassador Lisa Kenna.", ["lisa-kenna", "united-states"]),
    ("USAID will also fund the training of 40 river pilots in 2023.", ["usaid", "united-states"]),
    ("Secretary Miguel Cardona told President Pedro Castillo the United States would keep working with Peru on "
     "education.", ["miguel-cardona", "united-states"]),   # (not whom he told; he, for his country)
])
def test_pledges_in_a_quote_of_two_sentences_with_an_adverb_or_told_to_someone(extractor, text, committed):
    assert committers(extract(extractor, text, "en", "2022-09-15"))[:1] == [committed]


@pytest.mark.parametrize("text", [
    "U.S. Education Secretary Miguel Cardona met Peru's President Pedro Castillo on Thursday.",
    "Secretary of Education Miguel Cardona met Peru's new President Pedro Castillo on Thursday.",
])
def test_a_portfolio_before_a_title_and_an_adjective_after_a_possessive_keep_the_meeting(extractor, text):
    m = only_meeting(extract(extractor, text, "en", "2021-07-29"))
    assert {"miguel-cardona", "pedro-castillo"} <= set(m.participants)


def test_a_title_whose_organisation_has_a_long_name_still_names_its_holder(extractor):
    r = extract(extractor, "El embajador Krishna R. Urs y el presidente ejecutivo de la Comisión Nacional para el Desarrollo y "
                           "Vida sin Drogas (DEVIDA), Rubén Vargas Céspedes, firmaron hoy una enmienda.", "es", "2019-08-22")
    assert {"krishna-urs", "ruben-vargas-cespedes"} <= set(only_meeting(r).participants)


@pytest.mark.parametrize("text, language, name", [
    ("Las partes firmaron hoy la Carta de Acuerdo sobre control de drogas y desarrollo alternativo.", "es",
     "Carta de Acuerdo sobre control de drogas"),
    ("Repasaron el funcionamiento del Tratado entre México, Estados Unidos y Canadá (T-MEC), en vigor desde julio de 2020.",
     "es", "Tratado entre México, Estados Unidos y Canadá"),
])
def test_a_name_of_head_words_says_what_it_is_about_or_between_whom(extractor, text, language, name):
    (a,) = extract(extractor, text, language, "2019-08-22").facts.agreements
    assert name in a.name.values()


def test_an_acronym_with_a_hyphen_names_a_well_known_instrument(extractor):
    (a,) = extract(extractor, "Repasaron el funcionamiento del Tratado entre México, Estados Unidos y Canadá (T-MEC), en vigor "
                              "desde julio de 2020.", "es", "2025-09-03").facts.agreements
    assert a.id == "usmca"


def test_who_else_was_at_the_ceremony_told_before_joins_it(extractor):
    r = extract(extractor, "El embajador Krishna R. Urs y el ministro del Interior, Carlos Morán, firmaron hoy una enmienda a la "
                           "Carta de Acuerdo sobre control de drogas. La ceremonia se realizó en la sede de DEVIDA y contó con "
                           "la presencia del director de la Sección de Asuntos Antinarcóticos de la Embajada, Thomas Hanley.",
                "es", "2019-08-22")
    assert {"krishna-urs", "carlos-moran"} <= set(only_meeting(r).participants)


def test_in_the_afternoon_is_the_texts_day(extractor):
    r = extract(extractor, "En horas de la tarde, el subsecretario Brian Nichols se reunirá con la canciller Ana Cecilia "
                           "Gervasi.", "es", "2023-04-18")
    assert only_meeting(r).date == PartialDate(2023, 4, 18)


def test_who_began_a_meeting_its_host_held_met(extractor):
    r = extract(extractor, "Later on Friday, President Joe Biden and leaders of the other economies began the annual "
                           "leaders' meeting hosted by President Dina Boluarte at the Lima convention center.", "en", "2024-11-15")
    assert {"joe-biden", "dina-boluarte"} <= set(only_meeting(r).participants)


def test_an_organisation_a_meeting_is_to_discuss_takes_no_part_in_it(extractor):
    r = extract(extractor, "In Lima, on June 5, Under Secretary Jose W. Fernandez will meet with Foreign Minister Ana Cecilia "
                           "Gervasi to discuss bilateral economic cooperation and preparations for APEC 2024.", "en", "2023-06-02")
    bilateral = next(m for m in r.facts.meetings if "ana-cecilia-gervasi" in m.participants)
    assert "apec" not in bilateral.participants


def test_a_trip_announced_is_a_meeting_to_come_not_a_pledge(extractor):
    r = extract(extractor, "El canciller Elmer Schialer anunció además que viajará a Washington a finales de abril para "
                           "reunirse con el secretario Marco Rubio.", "es", "2025-03-20")
    assert r.facts.commitments == [] and only_meeting(r).status == "scheduled"


def test_a_person_told_as_someones_top_adviser_is_found(extractor):
    r = extract(extractor, "The delegation also included U.S. Ambassador Lisa Kenna and Juan Gonzalez, President Joe Biden's "
                           "top adviser on Latin America.", "en", "2021-07-29")
    assert "juan-gonzalez" in {a.id for a in r.mentioned}


@pytest.mark.parametrize("text, language, topic", [
    ("El presidente Martín Vizcarra y el secretario Mike Pompeo reafirmaron su compromiso de trabajar por el "
     "restablecimiento del orden democrático en Venezuela.", "es", "venezuela"),
    ("El canciller Elmer Schialer y el secretario Marco Rubio abordaron la presencia china en el puerto de Chancay.", "es", "china"),
])
def test_a_country_whose_order_or_presence_is_talked_about_is_no_actor(extractor, text, language, topic):
    assert topic not in {a.id for a in extract(extractor, text, language, "2019-04-13").mentioned}


@pytest.mark.parametrize("text, language", [
    ("A video call between President Gustavo Petro and President Donald Trump floated by Colombian officials on Sunday "
     "afternoon did not take place, the presidency confirmed.", "en"),
    ("La reunión bilateral entre el presidente Mario Abdo Benítez y la vicepresidenta Kamala Harris fue postergada.", "es"),
])
def test_a_meeting_that_did_not_take_place_is_none(extractor, text, language):
    assert extract(extractor, text, language, "2025-01-27").facts.meetings == []


def test_a_meeting_to_come_later_the_day_of_one_held_today_is_that_day(extractor):
    r = extract(extractor, "El canciller Álvaro Leyva recibió hoy al secretario de Estado Antony Blinken. Más tarde, el "
                           "Secretario de Estado será recibido por el presidente Gustavo Petro en la Casa de Nariño.",
                "es", "2023-10-03")
    later = next(m for m in r.facts.meetings if "gustavo-petro" in m.participants)
    assert later.status == "scheduled" and later.date == PartialDate(2023, 10, 3)


def test_who_also_took_part_in_the_meeting_joins_it_and_their_posting_is_no_place(extractor):
    r = extract(extractor, "La canciller Diana Mondino se reunió hoy con el secretario de Estado Antony Blinken. Participaron "
                           "también del encuentro el Embajador de los Estados Unidos en la Argentina, Marc Stanley, y el "
                           "Embajador argentino en Washington, Gerardo Werthein.", "es", "2024-02-22")
    m = only_meeting(r)
    assert {"diana-mondino", "antony-blinken"} <= set(m.participants) and m.place is None


def test_after_the_meeting_told_before_is_no_other_meeting_and_no_agenda(extractor):
    r = extract(extractor, "Rubio se reunió con el presidente Daniel Noboa. Tras la reunión en Carondelet, Rubio anunció que "
                           "Estados Unidos entregará $ 13,5 millones en asistencia para seguridad.", "es", "2025-09-04")
    assert len(r.facts.meetings) == 1 and len(r.facts.commitments) == 1


@pytest.mark.parametrize("text, language, speaker", [
    ("El canciller Marcelo Ebrard Casaubon encabezó la delegación. \"México va a proteger a su gente. Vamos a trabajar juntos "
     "contra el tráfico de armas\", afirmó el canciller Ebrard.", "es", ["marcelo-ebrard-casaubon", "mexico"]),
    ("President Javier Milei met President Donald Trump. “We will keep working side by side with the United States,” "
     "Milei said, thanking Trump for his “unconditional” support.", "en", ["javier-milei", "argentina"]),
])
def test_a_pledge_in_quotes_is_its_speakers_named_after_them(extractor, text, language, speaker):
    assert committers(extract(extractor, text, language, "2025-10-14")) == [speaker]


def test_the_next_session_of_a_dialogue_is_of_the_texts_countries(extractor):
    r = extract(extractor, "El canciller Marcelo Ebrard y el secretario Antony Blinken encabezaron hoy en Ciudad de México el "
                           "Diálogo de Alto Nivel sobre Seguridad entre México y los Estados Unidos. Previamente, el presidente "
                           "Andrés Manuel López Obrador recibió al secretario Blinken. La siguiente reunión del Diálogo de Alto "
                           "Nivel sobre Seguridad se realizará en Washington en 2022.", "es", "2021-10-08")
    (nxt,) = [m for m in r.facts.meetings if m.status == "scheduled"]
    assert "andres-manuel-lopez-obrador" not in nxt.participants and {"mexico", "united-states"} <= set(nxt.participants)


def test_a_memorandum_named_again_after_del_is_the_one_told(extractor):
    r = extract(extractor, "Abinader y Rubio firmaron hoy un Memorando de Entendimiento sobre Cooperación Energética. "
                           "Pie de foto: Abinader y Rubio, durante la firma del memorando.", "es", "2025-02-06")
    assert len(r.facts.agreements) == 1


def test_what_two_people_sign_during_the_visit_told_is_that_visit(extractor):
    r = extract(extractor, "El canciller Álvaro Leyva recibió hoy al secretario de Estado Antony Blinken. En el marco de la "
                           "visita, Leyva y Blinken firmaron un Memorando de Entendimiento sobre Cooperación para la "
                           "Prevención de la Deforestación.", "es", "2023-10-03")
    assert {"alvaro-leyva", "antony-blinken"} <= set(only_meeting(r).participants)


def test_a_ceremony_one_person_led_and_the_other_side_did_not_attend_is_no_meeting(extractor):
    r = extract(extractor, "Por la tarde, el secretario de la Defensa Nacional, Luis Cresencio Sandoval, encabezó la ceremonia "
                           "de graduación del Heroico Colegio Militar, en la que no participaron integrantes de la delegación "
                           "estadounidense.", "es", "2021-10-08")
    assert r.facts.meetings == []


@pytest.mark.parametrize("text, language, credited", [
    ("Foto: Cancillería de Colombia. El canciller Álvaro Leyva y el secretario Antony J. Blinken, durante la declaración a "
     "medios.", "es", "colombia-ministry-of-foreign-affairs"),
    ("Ambassador Lisa Kenna met Minister Willy Huerta today. (Photo: U.S. Embassy Lima)", "en", "us-embassy-lima"),
])
def test_whom_a_photo_credit_names_is_no_actor(extractor, text, language, credited):
    assert credited not in {a.id for a in extract(extractor, text, language, "2023-10-03").mentioned}


@pytest.mark.parametrize("text, language, building", [
    ("President Donald Trump met President Javier Milei at the White House on Tuesday.", "en", "white-house"),
    ("El presidente Joe Biden recibió al presidente Luis Abinader en la Casa Blanca.", "es", "white-house"),
])
def test_a_building_named_where_people_meet_is_the_place_not_an_actor(extractor, text, language, building):
    assert building not in {a.id for a in extract(extractor, text, language, "2025-10-14").mentioned}


@pytest.mark.parametrize("text, language", [
    ("LIMA – U.S. Ambassador Lisa Kenna signed a letter of agreement with Peru today. The Embassy will deliver 30 "
     "additional motorcycles to the Peruvian police before the end of the year.", "en"),
    ("Lima, 3 jul. 2021. La Embajada de los Estados Unidos entregó hoy un millón de vacunas al Perú. Asimismo, la "
     "Embajada anunció que donará 20 ultracongeladores al Ministerio de Salud.", "es"),
])
def test_the_embassy_named_alone_is_the_one_of_the_texts_countries(extractor, text, language):
    assert [c for c in committers(extract(extractor, text, language, "2022-09-15")) if "us-embassy-lima" in c]


def test_a_name_whose_initials_the_acronym_after_it_spells_is_an_organisation_that_pledges(extractor):
    r = extract(extractor, "The signing was witnessed by U.S. Naval Criminal Investigative Service (NCIS) Deputy Assistant "
                           "Director Maria Ochoa. Under the agreement, NCIS will train 40 Uruguayan naval investigators.",
                "en", "2024-06-12")
    assert committers(r) and committers(r)[0][0] == "naval-criminal-investigative-service"


def test_a_quote_closed_after_its_comma_is_its_speakers(extractor):
    r = extract(extractor, "\"This agreement reflects the trust between our two countries. We will keep working with Uruguay to "
                           "keep its ports safe from drug traffickers,\" said Ambassador Heide Fulton.", "en", "2024-06-12")
    assert committers(r) and committers(r)[0][0] == "heide-fulton"


def test_a_name_before_another_title_is_no_name_of_the_list_before(extractor):
    r = extract(extractor, "U.S. Ambassador to Uruguay Heide B. Fulton and National Customs Director Jaime Borgiani signed "
                           "today a Customs Mutual Assistance Agreement.", "en", "2024-06-12")
    assert "national-customs" not in {a.id for a in r.mentioned}
    assert {"heide-fulton", "jaime-borgiani"} <= set(only_meeting(r).participants)


def test_what_a_report_without_that_says_a_thing_will_do_is_no_pledge(extractor):
    r = extract(extractor, "DEVIDA executive president Ricardo Soberón said the funds will help more than 20,000 farming "
                           "families in the VRAEM.", "en", "2022-09-15")
    assert r.facts.commitments == []


# A meeting ruled out, not on the agenda, or that the text says has not happened ("has not spoken with", "no ha
# conversado con") is none.
@pytest.mark.parametrize("text, language, date", [
    ("Consultada por La Tercera, la Cancillería descartó que esté en preparación una reunión entre el presidente Gabriel "
     "Boric y el presidente Joe Biden.", "es", "2023-06-22"),
    ("\"No hay ninguna visita a la Casa Blanca en agenda\", dijeron fuentes del ministerio sobre el presidente Gabriel Boric.",
     "es", "2023-06-22"),
    ("President Donald Trump has not spoken with President Dina Boluarte since January.", "en", "2025-05-20"),
    ("Since taking office in January, Trump has not spoken publicly with the Peruvian leader.", "en", "2025-05-20"),
    ("El presidente Donald Trump no ha conversado con la presidenta Dina Boluarte desde enero.", "es", "2025-05-20"),
    ("\"No existe ninguna reunión bilateral programada con el presidente de los Estados Unidos\", precisó el canciller Javier "
     "González-Olaechea.", "es", "2023-09-15"),
    ("\"There is no bilateral meeting scheduled with President Biden,\" Foreign Minister Javier González-Olaechea said.", "en",
     "2023-09-15"),
])
def test_a_meeting_ruled_out_or_not_on_the_agenda_is_none(extractor, text, language, date):
    assert extract(extractor, text, language, date).facts.meetings == []


@pytest.mark.parametrize("text, committed", [
    ("La presidenta Claudia Sheinbaum acordó con su homólogo estadounidense, Donald Trump, pausar durante un mes la entrada "
     "en vigor de los aranceles.", "claudia-sheinbaum"),
    ("México reforzará la frontera norte con 10.000 elementos de la Guardia Nacional.", "mexico"),
])
def test_what_one_agreed_with_someone_and_a_country_that_will_reinforce_its_border_pledge(extractor, text, committed):
    assert committers(extract(extractor, text, "es", "2025-02-03"))[0][0] == committed


@pytest.mark.parametrize("text, language", [
    ("Analistas financieros prevén que el peso mexicano seguirá mostrando volatilidad en las próximas semanas.", "es"),
    ("Analysts expect that Mexico will continue to face pressure on its currency.", "en"),
])
def test_a_forecast_is_no_pledge(extractor, text, language):
    assert extract(extractor, text, language, "2025-02-03").facts.commitments == []


def test_a_meeting_told_after_when_it_was_on_the_margins_of_an_event_a_country_hosts(extractor):
    r = extract(extractor, "El secretario de Estado de Estados Unidos, Antony Blinken, se reunió la mañana de este jueves con el "
                           "presidente Pedro Castillo en Palacio de Gobierno, en el marco de la 52.ª Asamblea General de la "
                           "Organización de los Estados Americanos (OEA), que el Perú acoge esta semana en Lima.",
                "es", "2022-10-06")
    bilateral = next(m for m in r.facts.meetings if m.kind == "in-person")
    assembly = next(m for m in r.facts.meetings if m.kind == "multilateral")
    assert {"antony-blinken", "pedro-castillo"} <= set(bilateral.participants) and "oas" not in bilateral.participants
    assert {"peru", "antony-blinken"} <= set(assembly.participants)


def test_a_caption_naming_a_person_by_the_paternal_surname_is_the_meeting_told(extractor):
    r = extract(extractor, "Canciller Popolizio recibe a Pompeo\nEl ministro de Relaciones Exteriores, Néstor Popolizio Bardales, "
                           "recibió hoy en Torre Tagle al secretario de Estado de los Estados Unidos, Michael R. Pompeo.\n"
                           "Foto: El canciller Néstor Popolizio conversa con el secretario de Estado Michael R. Pompeo en Torre "
                           "Tagle.", "es", "2019-04-13")
    assert len(r.facts.meetings) == 1 and len([a for a in r.mentioned if "popolizio" in a.id]) == 1


def test_the_date_of_a_participle_after_a_comma_is_not_the_meetings(extractor):
    r = extract(extractor, "El canciller Elmer Schialer se reunió con el subsecretario Christopher Landau, en un contexto de "
                           "preocupación por el puerto de Chancay, operado por una naviera china e inaugurado en noviembre.",
                "es", "2025-04-10")
    assert only_meeting(r).date is None


@pytest.mark.parametrize("text, language, kind", [
    ("Deputy Secretary Christopher Landau and President Rodrigo Paz announced the two countries' intention to restore "
     "relations at the ambassadorial level.", "en", "commitment"),
    ("Secretary Rex Tillerson met Foreign Minister Cayetana Aljovin today. He was due to fly later in the day to Bogota to "
     "meet President Juan Manuel Santos.", "en", "date"),
    ("The White House has not confirmed whether President Donald Trump will travel to Lima to meet President Martín "
     "Vizcarra.", "en", "no meeting"),
])
def test_intentions_announced_later_in_the_day_and_trips_not_confirmed(extractor, text, language, kind):
    r = extract(extractor, text, language, "2018-02-06")
    if kind == "commitment":
        assert committers(r)
    elif kind == "date":
        assert all(m.date == PartialDate(2018, 2, 6) for m in r.facts.meetings) and len(r.facts.meetings) == 2
    else:
        assert r.facts.meetings == []


@pytest.mark.parametrize("text, place", [
    ("El canciller Néstor Popolizio recibió hoy en Torre Tagle al secretario de Estado Michael R. Pompeo, quien realiza una "
     "visita oficial al Perú tras su paso por Santiago de Chile y Asunción.", None),
    ("Landau llegó a Guatemala procedente de San Salvador, donde el lunes sostuvo un encuentro con el presidente "
     "salvadoreño, Nayib Bukele.", "san-salvador"),
])
def test_where_someone_came_from_is_no_place_unless_the_meeting_was_there(extractor, text, place):
    meetings = extract(extractor, text, "es", "2019-04-13").facts.meetings
    assert meetings and meetings[0].place == place


@pytest.mark.parametrize("text, language, person", [
    ("Para el analista internacional Oscar Vidarte, la reunión es un espaldarazo importante.", "es", "oscar-vidarte"),
    ("La diplomática estuvo acompañada por el consejero político de la embajada, Michael Brennan.", "es", "michael-brennan"),
    ("The Secretary was accompanied by Chargé d'Affaires a.i. Nathan Greene.", "en", "nathan-greene"),
])
def test_analysts_counsellors_and_interim_charges_are_people_of_the_text(extractor, text, language, person):
    assert person in {a.id for a in extract(extractor, text, language, "2022-10-06").mentioned}


def test_a_pledge_a_leader_reports_for_his_country_is_his_and_his_countrys(extractor):
    r = extract(extractor, "President Joe Biden also said the United States would provide $65 million in new security "
                           "assistance to help Peru’s police.", "en", "2024-11-16")
    assert committers(r) == [["joe-biden", "united-states"]]


@pytest.mark.parametrize("text, language", [
    ("President Gustavo Petro will host a conference on Venezuela next Tuesday; the United States will send a delegation, "
     "the White House said.", "en"),
    ("El presidente Gustavo Petro organizará una conferencia sobre Venezuela; Estados Unidos enviará una delegación.", "es"),
])
def test_sending_a_delegation_is_no_pledge(extractor, text, language):
    assert extract(extractor, text, language, "2023-04-21").facts.commitments == []


@pytest.mark.parametrize("text, language, people", [
    ("En agosto de 2022 se había reunido en la capital con el entonces presidente Pedro Castillo la generala Laura "
     "Richardson.", "es", {"pedro-castillo", "laura-richardson"}),
    ("President Donald Trump and President Pedro Pablo Kuczynski had spoken by telephone shortly after the inauguration.",
     "en", {"donald-trump", "pedro-pablo-kuczynski"}),
    ("On Thursday morning, Secretary Antony Blinken addressed the plenary of the OAS assembly, chaired by Foreign Minister "
     "Miguel Rodríguez Mackay.", "en", {"antony-blinken", "miguel-rodriguez-mackay"}),
    ("El secretario Antony Blinken intervino ante el plenario de la Asamblea, presidida por el canciller César Landa.", "es",
     {"antony-blinken", "cesar-landa"}),
])
def test_meetings_told_in_the_pluperfect_and_addresses_to_a_plenary_its_chair_leads(extractor, text, language, people):
    assert people <= set(only_meeting(extract(extractor, text, language, "2022-10-07")).participants)


@pytest.mark.parametrize("text, language", [
    ("En Palacio esperan que en esa ocasión se concrete un encuentro bilateral con el presidente Joe Biden.", "es"),
    ("El canciller Elmer Schialer expresó su expectativa de que el presidente Donald Trump pueda visitar el Perú.", "es"),
    ("President Pedro Pablo Kuczynski said he would also like President Donald Trump to make a state visit to Peru.", "en"),
    ("“Biden came to Lima with a memorandum,” said Margaret Hollis, a senior fellow at the Inter-American Dialogue.", "en"),
])
def test_meetings_hoped_for_and_bodies_people_work_at_are_none(extractor, text, language):
    assert extract(extractor, text, language, "2024-11-16").facts.meetings == []


def test_later_follows_the_latest_meeting_held_not_one_recalled_in_passing(extractor):
    r = extract(extractor, "Lima, 17 de mayo de 2023. La canciller Ana Cecilia Gervasi recibió hoy al secretario adjunto Brian "
                           "Nichols. Cabe recordar que la canciller Gervasi y el secretario de Estado, Antony Blinken, "
                           "sostuvieron una conversación telefónica el 2 de febrero pasado. Más tarde, el secretario adjunto "
                           "Nichols fue recibido por la presidenta de la República, Dina Boluarte.", "es", "2023-05-17")
    later = next(m for m in r.facts.meetings if "dina-boluarte" in m.participants)
    assert later.date == PartialDate(2023, 5, 17)


def test_an_agreement_whose_negotiations_go_on_is_under_negotiation(extractor):
    r = extract(extractor, "El presidente Daniel Noboa recibió al secretario Marco Rubio en Quito. Ambos gobiernos continúan las "
                           "negociaciones de un acuerdo de tercer país seguro.", "es", "2025-09-04")
    (a,) = r.facts.agreements
    assert a.status == "under-negotiation" and "tercer país seguro" in next(iter(a.name.values()))


@pytest.mark.parametrize("text, language, committed", [
    ("La general Laura Richardson se reunió con la presidenta Dina Boluarte. La general anunció, además, que el Comando Sur "
     "donará plantas potabilizadoras de agua a las familias de Piura.", "es", "us-southern-command"),
    ("Secretary Antony Blinken also announced that the United States would provide an additional $9 million in "
     "humanitarian assistance for Venezuelan refugees in Peru.", "en", "united-states"),
])
def test_what_is_announced_after_an_aside_or_with_would_is_pledged(extractor, text, language, committed):
    assert committed in committers(extract(extractor, text, language, "2023-05-19"))[-1]


def test_a_place_named_after_someone_names_no_one(extractor):
    r = extract(extractor, "El secretario Marco Rubio llegó hoy a Quito. A su llegada al aeropuerto internacional Mariscal Sucre, "
                           "el jefe de la diplomacia estadounidense fue recibido por la canciller Gabriela Sommerfeld Rosero.",
                "es", "2025-09-04")
    assert not any("sucre" in a.id for a in r.mentioned)


@pytest.mark.parametrize("text, language", [
    ("Los cancilleres de ambos países se reunieron en Lima.", "es"),
    ("The foreign ministers of both countries met in Lima.", "en"),
])
def test_a_title_of_both_countries_is_read_like_any_other(extractor, text, language):
    assert only_meeting(extract(extractor, text, language, "2024-05-10")).place == "lima"


@pytest.mark.parametrize("text, language", [
    ("Ambassador Tai and Minister Galdo agreed to remain in contact in the context of the Americas Partnership for "
     "Economic Prosperity (APEP).", "en"),
    ("Ambos Estados subrayaron su decisión de impulsar mecanismos regionales como la Alianza para la Prosperidad "
     "Económica de las Américas (APEP).", "es"),
])
def test_an_initiative_named_without_joining_it_is_a_body_not_an_agreement(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-10")
    assert r.facts.agreements == []
    assert "americas-partnership-for-economic-prosperity" in {a.id for a in r.mentioned}


def test_an_initiative_joined_is_an_agreement(extractor):
    r = extract(extractor, "Costa Rica, the Dominican Republic, and Panama constitute founding members of the Alliance for "
                           "Development in Democracy.", "en", "2022-10-05")
    (a,) = r.facts.agreements
    assert a.status == "joined"


@pytest.mark.parametrize("text, language", [
    ("La Fiscal de la Nación agradeció el apoyo de la cooperación estadounidense y anunció que el Ministerio Público "
     "pondrá en funcionamiento dos nuevas "
     "fiscalías antes de fin de año.", "es"),
    ("El presidente José Raúl Mulino anunció que Panamá no renovará el memorando de entendimiento con China.", "es"),
])
def test_a_measure_of_ones_own_a_report_announces_is_no_pledge(extractor, text, language):
    assert extract(extractor, text, language, "2025-02-02").facts.commitments == []


@pytest.mark.parametrize("text, language, committed", [
    ("Los Estados Unidos anunciaron que la FEMA se asociará con el Perú para fortalecer sus capacidades.", "es", "united-states"),
    ("La embajadora Lisa Kenna anunció que Estados Unidos donará dos helicópteros el próximo año.", "es", "united-states"),
])
def test_what_a_report_announces_for_another_side_or_as_a_gift_is_pledged(extractor, text, language, committed):
    assert committed in committers(extract(extractor, text, language, "2025-02-02"))[-1]


@pytest.mark.parametrize("text, language, people", [
    ("La embajadora de los Estados Unidos en el Perú, Lisa Kenna, entregó los bienes al ministro del Interior, Vicente "
     "Tiburcio Orbezo, en presencia de altos oficiales.", "es", {"lisa-kenna", "vicente-tiburcio-orbezo"}),
    ("U.S. Ambassador Lisa Kenna handed over the equipment to Interior Minister Vicente Tiburcio at a ceremony in Lima.", "en",
     {"lisa-kenna", "vicente-tiburcio"}),
])
def test_handing_goods_over_to_an_official_named_after_a_title_is_a_meeting(extractor, text, language, people):
    assert people <= set(only_meeting(extract(extractor, text, language, "2023-09-14")).participants)


def test_handing_certificates_to_people_unnamed_is_no_meeting(extractor):
    r = extract(extractor, "La embajadora Lisa Kenna entregó los certificados a los participantes del curso.", "es", "2023-09-14")
    assert r.facts.meetings == []


def test_the_seat_of_a_body_where_people_meet_is_a_place_not_an_event_nor_a_party(extractor):
    r = extract(extractor, "El canciller Gerardo Werthein se reunió con el vicesecretario de Estado Christopher Landau en la "
                           "sede del Departamento de Estado, en Washington.", "es", "2025-04-10")
    assert only_meeting(r).kind == "in-person"
    assert "us-department-of-state" not in only_meeting(r).participants


def test_a_leader_scheduled_to_join_another_at_a_summit_meets_on_the_day_to_come(extractor):
    r = extract(extractor, "On Friday, Boluarte is scheduled to join President Joe Biden and other leaders at the White House "
                           "for the APEP summit.", "en", "2023-11-02")
    m = only_meeting(r)
    assert {"dina-boluarte", "joe-biden"} <= set(m.participants)
    assert m.date == PartialDate(2023, 11, 3)
    assert r.facts.agreements == []


def test_a_meeting_told_in_the_subjunctive_is_one(extractor):
    r = extract(extractor, "Está previsto que la presidenta Dina Boluarte se reúna con la vicepresidenta Kamala Harris el viernes.",
                "es", "2023-11-02")
    assert {"dina-boluarte", "kamala-harris"} <= set(only_meeting(r).participants)


@pytest.mark.parametrize("text, language, people", [
    ("El curso culminó el pasado viernes 18 de noviembre con una ceremonia de clausura presidida por la embajadora de los "
     "Estados Unidos, Lisa Kenna, y la Fiscal de la Nación, Patricia Benavides Vargas.", "es", {"lisa-kenna", "patricia-benavides-vargas"}),
    ("The course ended on Friday with a closing ceremony presided over by U.S. Ambassador Lisa Kenna and Peru's Attorney "
     "General Patricia Benavides.", "en", {"lisa-kenna", "patricia-benavides"}),
])
def test_who_presides_over_a_ceremony_together_meet(extractor, text, language, people):
    assert people <= set(only_meeting(extract(extractor, text, language, "2022-11-21")).participants)


def test_a_country_that_has_received_a_permit_received_no_one(extractor):
    r = extract(extractor, "Colombia acoge a cerca de 2,5 millones de migrantes venezolanos, de los cuales más de 1,6 millones "
                           "han recibido el Permiso por Protección Temporal.", "es", "2023-03-10")
    assert r.facts.meetings == []


def test_a_title_with_a_typographic_apostrophe_and_no_accent_is_a_title(extractor):
    r = extract(extractor, "Alckmin received U.S. Charge d’Affaires Gabriel Escobar at the ministry.", "en", "2025-07-22")
    assert "gabriel-escobar" in only_meeting(r).participants


def test_whom_a_visitor_also_met_during_the_visit_is_another_meeting(extractor):
    r = extract(extractor, "Yesterday, Deputy Secretary of the Treasury Wally Adeyemo met with Chilean Minister of Finance Mario "
                           "Marcel in Santiago. During his visit, Deputy Secretary Adeyemo also met with Minister of Mining "
                           "Aurora Williams.", "en", "2024-05-09")
    assert [sorted(p for p in m.participants if p in ("mario-marcel", "aurora-williams")) for m in r.facts.meetings] == \
        [["mario-marcel"], ["aurora-williams"]]


def test_meetings_of_a_tour_told_in_one_sentence_each_take_their_own_day(extractor):
    r = extract(extractor, "La gira continuará este lunes en El Salvador, donde tiene previsto reunirse con el presidente Nayib "
                           "Bukele; el martes viajará a Costa Rica para encontrarse con el mandatario Rodrigo Chaves, y el jueves "
                           "cerrará su recorrido en República Dominicana con una reunión con el presidente Luis Abinader.",
                "es", "2025-02-02")
    days = {p: m.date for m in r.facts.meetings for p in m.participants if p in ("nayib-bukele", "rodrigo-chaves", "luis-abinader")}
    assert days == {"nayib-bukele": PartialDate(2025, 2, 3), "rodrigo-chaves": PartialDate(2025, 2, 4),
                    "luis-abinader": PartialDate(2025, 2, 6)}


def test_the_president_who_will_receive_him_meets_him(extractor):
    r = extract(extractor, "El secretario Marco Rubio estará el miércoles en Guatemala, donde lo recibirá el presidente Bernardo "
                           "Arévalo.", "es", "2025-02-02")
    assert {"marco-rubio", "bernardo-arevalo"} <= set(only_meeting(r).participants)


@pytest.mark.parametrize("text, language, speaker", [
    ("“Nearly fifteen years after this Agreement entered into force, we have an opportunity to make trade work for workers,” "
     "said Ambassador Katherine Tai. “The United States is committed to working with Peru to ensure that the PTPA’s labor "
     "commitments are fully implemented.”", "en", "katherine-tai"),
    ("“Es un gran día para nuestros países”, afirmó el canciller Javier González-Olaechea. “El Perú seguirá trabajando con "
     "Estados Unidos para fortalecer la lucha contra el narcotráfico”.", "es", "javier-gonzalez-olaechea"),
])
def test_a_quote_that_goes_on_in_the_next_sentence_is_still_its_speakers(extractor, text, language, speaker):
    assert speaker in committers(extract(extractor, text, language, "2023-05-10"))[-1]


@pytest.mark.parametrize("text, language, committed", [
    ("In the meeting, Vice President Kamala Harris “reaffirmed the United States’ support for Peru’s democratic institutions "
     "and the rule of law,” according to the White House.", "en", "kamala-harris"),
    ("INL plans to provide an additional $10 million in fiscal year 2024 to support prison management in Ecuador.", "en", "inl"),
    ("La agencia USAID tiene previsto donar 5 millones de dólares al Perú para la lucha contra la minería ilegal.", "es", "usaid"),
])
def test_a_pledge_quoted_from_its_verb_and_a_plan_to_give_are_pledges(extractor, text, language, committed):
    assert committed in committers(extract(extractor, text, language, "2023-11-03"))[-1]


def test_a_plan_to_take_a_delegation_is_no_pledge(extractor):
    r = extract(extractor, "Brazil’s National Confederation of Industry plans to take a delegation of executives to Washington "
                           "next week.", "en", "2023-11-03")
    assert r.facts.commitments == []


def test_a_sign_of_goodwill_signs_nothing(extractor):
    r = extract(extractor, "Analysts said Tuesday’s meeting was more a sign of goodwill than a path to a deal.", "en", "2025-07-22")
    assert r.facts.agreements == []


def test_a_treaty_named_after_concerniente_is_an_agreement(extractor):
    r = extract(extractor, "Rubio le transmitió a Mulino que la posición china constituye una violación del Tratado concerniente "
                           "a la Neutralidad Permanente y al Funcionamiento del Canal de Panamá, firmado en 1977.", "es", "2025-02-02")
    (a,) = r.facts.agreements
    assert "panama" in a.parties


@pytest.mark.parametrize("text, language", [
    ("El Perú y Estados Unidos firmaron un plan de acción para combatir la minería aurífera ilegal.", "es"),
    ("The United States and Peru signed an action plan to combat illegal gold mining.", "en"),
])
def test_a_plan_of_action_two_countries_sign_is_an_agreement(extractor, text, language):
    (a,) = extract(extractor, text, language, "2023-08-23").facts.agreements
    assert (a.status, set(a.parties)) == ("signed", {"peru", "united-states"})


@pytest.mark.parametrize("text, language, not_a_person", [
    ("El ministro Juan Carlos Mathews se reunió con la embajadora Katherine Tai, en el marco de la Reunión de Ministros "
     "Responsables de Comercio (MRT) del Foro de Cooperación Económica Asia-Pacífico (APEC).", "es", "responsables-de-comercio"),
    ("La presidenta Dina Boluarte recibió al congresista Adrian Smith. Durante el encuentro, que se llevó a cabo en el Salón "
     "Dorado, la mandataria resaltó los casi dos siglos de relaciones.", "es", "salon-dorado"),
])
def test_words_of_a_name_or_a_room_before_a_title_name_no_one(extractor, text, language, not_a_person):
    assert not_a_person not in {a.id for a in extract(extractor, text, language, "2023-05-10").mentioned}


@pytest.mark.parametrize("text, language, items", [
    ("Perú y Estados Unidos celebraron hoy en Lima la V Reunión del Mecanismo de Consultas en materia de Seguridad.\n\n"
     "Al término de la reunión, ambas delegaciones acordaron:\n\n"
     "• Fortalecer el intercambio de información e inteligencia para combatir el tráfico ilícito de drogas.\n"
     "• Continuar la cooperación en materia de erradicación y desarrollo alternativo en el VRAEM.\n\n"
     "El Mecanismo fue establecido en 2017.", "es", 2),
    ("The United States and Peru held the fifth meeting of the Security Dialogue today in Lima. The two delegations agreed to:\n\n"
     "- Strengthen information sharing to combat drug trafficking;\n- Expand training for the Peruvian National Police.", "en", 2),
])
def test_each_item_of_a_list_of_what_was_agreed_is_a_pledge_of_those_who_agreed(extractor, text, language, items):
    pledged = committers(extract(extractor, text, language, "2024-05-23"))
    assert len(pledged) == items and all({"peru", "united-states"} <= set(c) for c in pledged)


def test_agreeing_to_go_on_working_together_is_a_pledge(extractor):
    r = extract(extractor, "El presidente Bernardo Arévalo conversó con el secretario Marco Rubio. Ambos coincidieron en continuar "
                           "trabajando de manera conjunta en la gestión de la migración.", "es", "2025-01-20")
    assert {"bernardo-arevalo", "marco-rubio"} <= set(committers(r)[-1])


def test_the_ordinal_of_an_assembly_ends_no_sentence(extractor):
    r = extract(extractor, "El entonces presidente Pedro Castillo intervino en el debate general de la 77.° Asamblea General, "
                           "donde planteó la creación de un fondo.", "es", "2023-09-18")
    assert "pedro-castillo" in only_meeting(r).participants


def test_those_who_took_part_in_a_signing_act_met(extractor):
    r = extract(extractor, "Panamá y Estados Unidos firman memorando de entendimiento para enfrentar la migración irregular, en un "
                           "acto realizado esta tarde en la sede de la Cancillería, en el que participaron el ministro de Relaciones "
                           "Exteriores, Javier Martínez-Acha Vásquez, y el secretario de Seguridad Nacional de los Estados Unidos, "
                           "Alejandro N. Mayorkas.", "es", "2024-07-01")
    assert {"javier-martinez-acha", "alejandro-mayorkas"} <= set(only_meeting(r).participants)
    assert [a.status for a in r.facts.agreements] == ["signed"]


def test_an_instrument_named_by_its_subject_after_an_adjective_is_a_new_one(extractor):
    r = extract(extractor, "El nuevo instrumento sustituirá al convenio bilateral de servicios aéreos vigente desde 1998.", "es", "2024-06-10")
    (a,) = r.facts.agreements
    assert (a.status, next(iter(a.name.values()))) == ("in-force", "convenio bilateral de servicios aéreos")


@pytest.mark.parametrize("text, language", [
    ("Perú y Estados Unidos celebraron hoy en Lima la V Reunión del Mecanismo de Consultas Bilaterales en materia de "
     "Seguridad. El Mecanismo de Consultas Bilaterales en materia de Seguridad fue establecido en 2017 como un espacio de "
     "diálogo.", "es"),
    ("The United States and Peru held the fifth meeting of the Security Dialogue today in Lima. The U.S.-Peru Security "
     "Dialogue was established in 2017 to follow up on the bilateral agenda.", "en"),
])
def test_a_body_told_as_set_up_holds_no_session(extractor, text, language):
    assert len(extract(extractor, text, language, "2024-05-23").facts.meetings) == 1


def test_who_made_up_a_delegation_written_without_its_accent_joins_the_meeting_told(extractor):
    r = extract(extractor, "Perú y Estados Unidos celebraron hoy en Lima la V Reunión del Mecanismo de Consultas. La delegacion "
                           "estadounidense estuvo integrada por representantes del Departamento de Estado y del Comando Sur.",
                "es", "2024-05-23")
    assert len(r.facts.meetings) == 1


def test_a_body_that_meets_in_turn_in_two_cities_tells_a_habit_not_a_meeting(extractor):
    r = extract(extractor, "El Mecanismo es un espacio de diálogo para dar seguimiento a la agenda bilateral, y se reúne de manera "
                           "alternada en Lima y Washington.", "es", "2024-05-23")
    assert r.facts.meetings == []


def test_the_body_of_a_title_is_no_event_and_who_took_part_joins_the_meeting_told(extractor):
    r = extract(extractor, "La presidenta Dina Boluarte recibió hoy en Palacio de Gobierno al almirante Alvin Holsey, jefe del "
                           "Comando Sur de los Estados Unidos. En la reunión participaron el presidente del Consejo de Ministros, "
                           "Gustavo Adrianzén, y el canciller Elmer Schialer.", "es", "2024-06-10")
    assert {"dina-boluarte", "alvin-holsey"} <= set(only_meeting(r).participants)


def test_a_summit_talked_about_that_a_named_leader_will_attend_is_a_meeting(extractor):
    r = extract(extractor, "Ambas autoridades dialogaron sobre la seguridad de la Cumbre de Líderes del Foro APEC, que se realizará "
                           "en Lima en noviembre y a la que asistirá el presidente Joe Biden.", "es", "2024-09-19")
    assert "joe-biden" in only_meeting(r).participants


def test_a_roundtable_organized_by_a_body_is_a_meeting(extractor):
    r = extract(extractor, "Earlier Thursday, Peruvian President Dina Boluarte told a business roundtable organized by the U.S. "
                           "Chamber of Commerce that Peru was open for investment.", "en", "2023-11-03")
    assert "dina-boluarte" in only_meeting(r).participants


def test_a_call_recalled_as_what_a_call_follows_up_is_another_call_on_its_own_day(extractor):
    r = extract(extractor, "La canciller Alicia Bárcena sostuvo hoy una llamada telefónica con el secretario de Seguridad Nacional, "
                           "Alejandro Mayorkas, en seguimiento a la conversación telefónica que el jueves sostuvieron los "
                           "presidentes Andrés Manuel López Obrador y Joseph R. Biden.", "es", "2023-12-22")
    calls = {m.date: set(m.participants) for m in r.facts.meetings if m.kind == "call"}
    assert "joe-biden" in calls[PartialDate(2023, 12, 21)]
    assert "joe-biden" not in calls[PartialDate(2023, 12, 22)]


def test_the_agreement_named_again_by_a_word_of_its_name_is_the_one_named_before(extractor):
    r = extract(extractor, "The United States and Ecuador signed an Agreement Concerning Operations Against Illicit Transnational "
                           "Maritime Activity in late 2023. The United States will deploy Coast Guard advisors once the maritime "
                           "agreement enters into force.", "en", "2024-01-10")
    assert len(r.facts.agreements) == 1


@pytest.mark.parametrize("text, language", [
    ("Minister Ruiz recalled that, since 2019, Operation Mercury and the subsequent Restoration Plan have reduced illegal "
     "mining in La Pampa.", "en"),
    ("La canciller expuso los resultados del Plan Fénix y de las acciones adoptadas por el Gobierno.", "es"),
])
def test_a_programme_named_with_nothing_said_of_it_as_an_instrument_is_none(extractor, text, language):
    assert extract(extractor, text, language, "2024-01-10").facts.agreements == []


def test_a_meeting_announced_then_reported_held_is_one_meeting_on_the_day_reported(extractor):
    r = extract(extractor, "Assistant Secretary Brian A. Nichols will travel to Lima, Peru, February 6-9. In Lima, Assistant "
                           "Secretary Nichols will meet with Peruvian Foreign Minister Javier González-Olaechea.\n\n"
                           "UPDATE – February 9, 2024\n\nAssistant Secretary Nichols met on February 7 in Lima with Foreign "
                           "Minister González-Olaechea.", "en", "2024-02-05")
    (m,) = [m for m in r.facts.meetings if "javier-gonzalez-olaechea" in m.participants]
    assert (m.status, m.date) == ("held", PartialDate(2024, 2, 7))


def test_the_secretary_after_a_secretary_of_commerce_is_her_and_that_afternoon_is_her_day(extractor):
    r = extract(extractor, "On October 19, U.S. Secretary of Commerce Gina Raimondo met with Chilean President Gabriel Boric in "
                           "Santiago. That afternoon, the Secretary also met with Minister of Mining Aurora Williams.",
                "en", "2023-10-20")
    (m,) = [m for m in r.facts.meetings if "aurora-williams" in m.participants]
    assert "gina-raimondo" in m.participants and "antony-blinken" not in m.participants
    assert m.date == PartialDate(2023, 10, 19)


@pytest.mark.parametrize("text, language", [
    ("Ambassador Lisa Kenna and Peru’s Minister of Defense Jorge Chávez Cresta took part today in a ceremony at the Piura "
     "airport.", "en"),
])
def test_people_named_together_who_took_part_in_one_thing_met(extractor, text, language):
    assert {"lisa-kenna", "jorge-chavez-cresta"} <= set(only_meeting(extract(extractor, text, language, "2023-03-24")).participants)


def test_an_arrangement_signed_is_an_agreement(extractor):
    r = extract(extractor, "Today, the Department of Homeland Security (DHS) and the Government of Peru signed an arrangement on "
                           "the sharing of biometric and biographic information.", "en", "2023-10-05")
    assert [a.status for a in r.facts.agreements] == ["signed"]


def test_who_signed_an_instrument_the_text_says_was_signed_today_met_today(extractor):
    r = extract(extractor, "El Perú y Estados Unidos firmaron hoy un acuerdo de cielos abiertos. El Acuerdo de Transporte Aéreo fue "
                           "suscrito en la sede de la Cancillería por el ministro Raúl Pérez-Reyes y la embajadora Stephanie "
                           "Syptak-Ramnath, con la presencia del canciller Javier González-Olaechea.", "es", "2024-08-27")
    assert only_meeting(r).date == PartialDate(2024, 8, 27)


def test_an_act_told_again_with_the_people_who_did_it_is_on_the_day_first_told(extractor):
    r = extract(extractor, "PUERTO MALDONADO – Today the United States Agency for International Development (USAID) launched "
                           "Bosques sin Mercurio, a new five-year activity.\n\nU.S. Ambassador to Peru Lisa Kenna launched the "
                           "activity in Puerto Maldonado together with the Minister of the Environment, Albina Ruiz, and the Regional "
                           "Governor of Madre de Dios, Luis Otsuka, in a ceremony attended by representatives of indigenous "
                           "federations.",
                "en", "2023-08-17")
    assert only_meeting(r).date == PartialDate(2023, 8, 17)


def test_a_date_of_a_relative_clause_dates_no_act_told_again(extractor):
    r = extract(extractor, "El Agregado Jurídico FBI Norman Quilichini y el Comandante General PNP Vicente Tiburcio felicitaron a los "
                           "32 miembros de la policía que completaron este curso intensivo que empezó el 21 de marzo.",
                "es", "2022-03-25")
    assert only_meeting(r).date is None


def test_a_leader_whose_participation_in_a_summit_is_recalled_attended_it(extractor):
    r = extract(extractor, "Blinken recordó la participación del Presidente Gabriel Boric en la Cumbre de Líderes de la APEP, "
                           "convocada por el Presidente Joe Biden en la Casa Blanca en noviembre de 2023.", "es", "2024-05-17")
    m = only_meeting(r)
    assert {"gabriel-boric", "joe-biden"} <= set(m.participants) and m.kind == "multilateral"


def test_the_last_round_recalled_as_held_elsewhere_is_another_meeting_there(extractor):
    r = extract(extractor, "Perú y Estados Unidos celebraron hoy en Lima sus Consultas Políticas Bilaterales. El mecanismo no se "
                           "reunía desde octubre de 2019, cuando la última ronda tuvo lugar en Washington D.C.", "es", "2023-06-07")
    assert {m.place for m in r.facts.meetings} == {"lima", "washington-dc"}


@pytest.mark.parametrize("text, language", [
    ("Deputy U.S. Trade Representative Jayme White met with Colombian Minister Germán Umaña. They agreed to establish a "
     "bilateral technical working group on labor, which will meet at least twice a year.", "en"),
    ("El viceministro Juan Pérez se reunió con el subsecretario Brian Nichols. El grupo de trabajo que crearon se reunirá dos "
     "veces al año en Lima.", "es"),
])
def test_a_body_that_will_meet_twice_a_year_tells_a_habit(extractor, text, language):
    assert len(extract(extractor, text, language, "2023-06-13").facts.meetings) == 1


def test_a_meeting_to_come_is_on_no_day_already_past(extractor):
    r = extract(extractor, "La canciller Gabriela Sommerfeld y el subsecretario Kevin Sullivan se refirieron al Protocolo sobre "
                           "Reglas Comerciales, vigente desde 2021, y acordaron convocar la próxima reunión del Consejo de "
                           "Comercio e Inversiones.", "es", "2024-07-10")
    assert all(m.date is None for m in r.facts.meetings if m.status == "scheduled")


@pytest.mark.parametrize("text, language", [
    ("Peruvian President Dina Boluarte spoke by phone with U.S. President Joe Biden, who pledged to support "
     "Peru's efforts against drug trafficking.", "en"),
    ("La presidenta Dina Boluarte conversó por teléfono con el presidente Joe Biden, quien se comprometió a "
     "apoyar al Perú en la lucha contra el narcotráfico.", "es"),
])
def test_a_pledge_in_a_relative_clause_is_of_the_person_it_follows(extractor, text, language):
    result = extract(extractor, text, language, "2024-05-10")
    assert [set(c) - {"peru", "united-states"} for c in committers(result)] == [{"joe-biden"}]


@pytest.mark.parametrize("organisation", ["USAID", "Usaid"])
def test_a_person_posted_by_a_countrys_agency_is_of_the_agencys_country_not_of_the_posting(extractor, organisation):
    result = extract(extractor, "El ministro del Interior, Juan José Santiváñez, se reunió con el director de la Misión de "
                     f"{organisation} en el Perú, John Thomas. Por su parte, Thomas reafirmó el compromiso de su país de "
                     "seguir apoyando al Perú en la lucha contra las drogas.", "es", "2024-05-10")
    assert {"united-states", "john-thomas", "usaid"} <= set(only_meeting(result).participants)
    assert [set(c) for c in committers(result)] == [{"john-thomas", "united-states"}]


def test_a_meeting_recalled_by_its_owners_name_is_its_own_meeting_on_its_own_day(extractor):
    result = extract(extractor, "Deputy Secretary of State Christopher Landau spoke today with Peruvian Foreign Minister Elmer "
                     "Schialer to review progress since Secretary Rubio’s meeting with the Foreign Minister in Washington "
                     "on February 27.", "en", "2025-04-09")
    people = {frozenset(m.participants) - {"peru", "united-states"}: m for m in result.facts.meetings}
    assert set(people) == {frozenset({"christopher-landau", "elmer-schialer"}), frozenset({"marco-rubio", "elmer-schialer"})}
    recalled = people[frozenset({"marco-rubio", "elmer-schialer"})]
    assert (str(recalled.date), recalled.place) == ("2025-02-27", "washington-dc")


@pytest.mark.parametrize("text, language", [
    ("Los cancilleres del Perú, Néstor Popolizio, y del Ecuador, José Valencia, se reunieron hoy en Lima.", "es"),
    ("Los ministros de Defensa del Perú, Néstor Popolizio, y del Ecuador, José Valencia, se reunieron hoy en Lima.", "es"),
    ("El canciller del Perú, Néstor Popolizio, y su par del Ecuador, José Valencia, se reunieron hoy en Lima.", "es"),
    ("The foreign ministers of Peru, Néstor Popolizio, and Ecuador, José Valencia, met today in Lima.", "en"),
])
def test_each_country_a_shared_title_names_gives_its_holder(extractor, text, language):
    result = extract(extractor, text, language, "2019-01-18")
    countries = {a.id: a.country for a in result.actors}
    assert {"nestor-popolizio", "jose-valencia"} <= set(only_meeting(result).participants)
    assert (countries["nestor-popolizio"], countries["jose-valencia"]) == ("peru", "ecuador")


def test_a_meeting_held_on_a_day_told_without_its_year_is_on_no_day_after_the_text(extractor):
    result = extract(extractor, "El último encuentro entre ambos cancilleres tuvo lugar el 26 de octubre en Trujillo.", "es",
                     "2019-01-18")
    assert str(only_meeting(result).date) == "2018-10-26"


def test_a_title_after_and_and_an_article_is_another_persons_not_the_name_before_it(extractor):
    result = extract(extractor, "El ministro del Interior, Vicente Romero Fernández, y el subsecretario adjunto para Políticas de "
                     "Fronteras e Inmigración del Departamento de Seguridad Nacional (DHS) de Estados Unidos, Blas Nuñez-Neto, "
                     "firmaron este miércoles una carta de intención.", "es", "2023-06-08")
    assert result.roles["vicente-romero-fernandez"] == "ministro del Interior"


def test_a_meeting_told_in_the_past_subjunctive_is_a_meeting_on_its_day(extractor):
    result = extract(extractor, "El diálogo se produce tres semanas después de que el canciller Schialer se reuniera el 18 de "
                     "marzo en Washington con el subsecretario de Estado, Christopher Landau.", "es", "2025-04-10")
    m = only_meeting(result)
    assert "christopher-landau" in m.participants and str(m.date) == "2025-03-18"


def test_the_next_day_of_a_programme_announced_is_the_day_after_the_one_announced_before(extractor):
    result = extract(extractor, "El lunes 11, el Subsecretario Landau será recibido en Palacio de Gobierno por la Presidenta de la "
                     "República, Dina Boluarte. Al dia siguiente, sostendrá una reunión de trabajo con el Canciller Elmer Schialer.",
                     "es", "2025-08-07")
    days = {next(p for p in m.participants if p in ("dina-boluarte", "elmer-schialer")): str(m.date) for m in result.facts.meetings}
    assert days == {"dina-boluarte": "2025-08-11", "elmer-schialer": "2025-08-12"}


@pytest.mark.parametrize("text, language", [
    ("El canciller Schialer se reunió hoy con el secretario Rubio en Washington. Aquella fue la primera reunión de alto nivel "
     "entre ambos gobiernos desde el inicio de la nueva administración, el 20 de enero.", "es"),
    ("Foreign Minister Schialer met with Secretary Rubio today in Washington. It was the first meeting between the two "
     "governments since January 20.", "en"),
])
def test_a_sentence_that_says_what_the_meeting_told_was_tells_no_other(extractor, text, language):
    assert len(extract(extractor, text, language, "2025-04-10").facts.meetings) == 1


def test_a_day_after_el_pasado_is_the_meetings_day_past_an_apposition(extractor):
    result = extract(extractor, "La donación se concretó tras la conversación telefónica que la vicepresidenta estadounidense, "
                     "Kamala Harris, mantuvo con Sagasti el pasado 3 de junio.", "es", "2021-07-01")
    assert str(only_meeting(result).date) == "2021-06-03"


def test_who_signed_the_instrument_of_a_ceremony_told_before_took_part_in_it(extractor):
    result = extract(extractor, "El canciller Néstor Popolizio y el embajador de los Estados Unidos, Krishna R. Urs, presidieron "
                     "esta mañana la ceremonia de suscripción del Memorando de Entendimiento entre DEVIDA y USAID. El "
                     "instrumento fue firmado por el presidente ejecutivo de DEVIDA, Rubén Vargas Céspedes, y por la directora "
                     "de la Misión de USAID en el Perú, Jene C. Thomas.", "es", "2019-05-23")
    assert {"krishna-urs", "ruben-vargas-cespedes", "jene-thomas"} <= set(only_meeting(result).participants)


def test_who_a_quotation_names_commits_nothing_outside_it(extractor):
    result = extract(extractor, "El Embajador de los Estados Unidos, Krishna R. Urs, señaló que “el Perú ha demostrado que el "
                     "desarrollo alternativo funciona” y reafirmó el compromiso de su país de seguir acompañando los esfuerzos "
                     "del Estado peruano.", "es", "2019-05-23")
    assert [set(c) for c in committers(result)] == [{"krishna-urs", "united-states"}]


def test_a_sum_given_up_to_an_amount_is_a_pledge(extractor):
    result = extract(extractor, "En virtud del memorando, USAID aportará hasta US$ 48 millones en los próximos cinco años.",
                     "es", "2019-05-23")
    assert [set(c) for c in committers(result)] == [{"usaid", "united-states"}]


def test_who_else_took_part_in_the_videoconference_joins_the_call_not_a_meeting_planned_since(extractor):
    result = extract(extractor, "El canciller Gustavo Meza-Cuadra sostuvo hoy una videoconferencia con el subsecretario Michael "
                     "G. Kozak. El Canciller y el Subsecretario acordaron, además, celebrar una vez superada la emergencia la V "
                     "Reunión del Mecanismo de Consultas Políticas, cuya última edición tuvo lugar en Washington en octubre de "
                     "2019. Participaron también en la videoconferencia el embajador Hugo de Zela y el embajador Krishna R. Urs.",
                     "es", "2020-04-16")
    by_status = {}
    for m in result.facts.meetings:
        by_status.setdefault((m.status, m.kind), []).append(m)
    (call,) = by_status[("held", "call")]
    assert {"hugo-de-zela", "krishna-urs"} <= set(call.participants)
    (planned,) = by_status[("scheduled", "in-person")]
    (recalled,) = by_status[("held", "in-person")]
    assert (planned.date, planned.place) == (None, None)
    assert (str(recalled.date), recalled.place) == ("2019-10", "washington-dc")


def test_a_name_with_initials_after_a_title_is_its_holder(extractor):
    result = extract(extractor, "El ministro Edgar Vásquez sostuvo una reunión con el representante comercial adjunto de los "
                     "Estados Unidos, C.J. Mahoney, en Washington.", "es", "2019-10-17")
    assert "c-j-mahoney" in only_meeting(result).participants


def test_capitals_that_go_on_with_a_portfolio_up_to_the_comma_name_no_one(extractor):
    result = extract(extractor, "El ministro Edgar Vásquez fue recibido por el subsecretario de Agricultura para Comercio y Asuntos "
                     "Agrícolas Extranjeros, Ted McKinney, con quien abordó el acceso de arándanos.", "es", "2019-10-17")
    assert {a.id for a in result.mentioned if a.type == "Person"} == {"edgar-vasquez", "ted-mckinney"}


def test_the_next_day_follows_the_meeting_told_last_not_the_latest_day(extractor):
    result = extract(extractor, "El ministro Edgar Vásquez culminó ayer una agenda de tres días en Washington. El lunes 14, el "
                     "ministro sostuvo una reunión con el representante comercial adjunto Jayme White. Al día siguiente, "
                     "Vásquez fue recibido por el subsecretario de Agricultura, Ted McKinney.", "es", "2019-10-17")
    (m,) = [m for m in result.facts.meetings if "ted-mckinney" in m.participants]
    assert str(m.date) == "2019-10-15"


def test_an_instrument_named_with_nothing_said_of_it_takes_no_day_of_its_sentence(extractor):
    result = extract(extractor, "El ministro Edgar Vásquez culminó ayer una agenda en Washington para impulsar el comercio en el "
                     "marco del Acuerdo de Promoción Comercial Perú-Estados Unidos.", "es", "2019-10-17")
    assert [a.date for a in result.facts.agreements] == [None]


def test_an_instrument_in_force_takes_the_day_its_entry_into_force_gives(extractor):
    result = extract(extractor, "Both sides committed to expand civil nuclear collaboration under the bilateral Agreement for "
                     "Cooperation Concerning Peaceful Uses of Nuclear Energy, in force since 1997, the Secretary said today.",
                     "en", "2025-03-12")
    assert [str(a.date) for a in result.facts.agreements] == ["1997"]


def test_later_on_a_weekday_is_that_day_in_the_tense_of_the_verb(extractor):
    result = extract(extractor, "President Joe Biden met Peruvian President Dina Boluarte on Friday in Lima. Later Friday, Biden "
                     "held a three-way meeting with Japanese Prime Minister Shigeru Ishiba and South Korean President Yoon Suk "
                     "Yeol.", "en", "2024-11-16")
    assert {(str(m.date), m.status) for m in result.facts.meetings} == {("2024-11-15", "held")}


@pytest.mark.parametrize("text, language", [
    ("Boluarte visited the White House last November for the first leaders' summit.", "en"),
    ("La presidenta Boluarte visitó la Casa Blanca en noviembre pasado para la primera cumbre de líderes.", "es"),
])
def test_last_month_of_the_same_name_is_in_the_year_before(extractor, text, language):
    assert [str(m.date) for m in extract(extractor, text, language, "2024-11-16").facts.meetings] == ["2023-11"]


def test_a_portfolio_of_banking_insurance_and_credit_names_no_one(extractor):
    result = extract(extractor, "He met with Minister of Finance and Public Credit Ricardo Bonilla and Superintendent of Banking, "
                     "Insurance and Private Pension Funds Sergio Espinosa.", "en", "2023-06-23")
    assert {a.id for a in result.mentioned if a.type == "Person"} == {"ricardo-bonilla", "sergio-espinosa"}


def test_a_sentence_saying_what_a_visit_is_keeps_the_other_meeting_it_recalls(extractor):
    result = extract(extractor, "El subsecretario Christopher Landau se reunirá el domingo 10 con el presidente del Ecuador, Daniel "
                     "Noboa. Se trata de la primera visita de un subsecretario de Estado al Perú desde abril de 2018, cuando John "
                     "J. Sullivan acompañó al vicepresidente Mike Pence a la VIII Cumbre de las Américas, celebrada en Lima.",
                     "es", "2025-08-07")
    (noboa,) = [m for m in result.facts.meetings if "daniel-noboa" in m.participants]
    assert "mike-pence" not in noboa.participants
    assert any("mike-pence" in m.participants for m in result.facts.meetings if m is not noboa)


def test_later_before_a_past_verb_is_no_time_to_come(extractor):
    result = extract(extractor, "Secretary of State Antony Blinken met Mexican President Andres Manuel Lopez Obrador on Thursday. "
                     "The delegation later sat down with Foreign Minister Alicia Barcena.", "en", "2023-10-05")
    assert {m.status for m in result.facts.meetings} == {"held"}


def test_a_body_which_last_met_somewhere_recalls_a_meeting_there_not_the_place_of_the_sentences(extractor):
    result = extract(extractor, "The MOU builds on the commitments made when then-President Guillermo Lasso met President Joe "
                     "Biden at the White House in December 2022, and on the U.S.–Ecuador Trade and Investment Council, which "
                     "last met in Quito in 2023.", "en", "2024-02-08")
    places = {(str(m.date), m.place) for m in result.facts.meetings}
    assert places == {("2022-12", None), ("2023", "quito")}


def test_a_body_which_met_for_the_first_time_by_videoconference_is_its_sides_call_not_the_meeting_told(extractor):
    result = extract(extractor, "Biden met Peruvian President Dina Boluarte on the sidelines of that summit, and the two leaders "
                     "agreed to launch a bilateral working group on critical minerals, which met for the first time by "
                     "videoconference in February.", "en", "2025-05-22")
    meetings = {frozenset(m.participants): m for m in result.facts.meetings}
    told = meetings[frozenset({"joe-biden", "dina-boluarte", "peru", "united-states"})]
    body = meetings[frozenset({"peru", "united-states"})]
    assert (told.date, told.kind) == (None, "multilateral") and (str(body.date), body.kind) == ("2025-02", "call")


@pytest.mark.parametrize("text, language", [
    ("In February, Secretary Marco Rubio met with President José Raúl Mulino in Panama City and with President Bernardo "
     "Arévalo in Guatemala City.", "en"),
    ("En febrero, el secretario Marco Rubio se reunió con el presidente José Raúl Mulino en Ciudad de Panamá y con el "
     "presidente Bernardo Arévalo en Ciudad de Guatemala.", "es"),
])
def test_each_meeting_of_a_sentence_is_at_the_place_told_after_its_own_counterpart(extractor, text, language):
    result = extract(extractor, text, language, "2025-08-08")
    places = {next(p for p in m.participants if p in ("jose-raul-mulino", "bernardo-arevalo")): m.place
              for m in result.facts.meetings}
    assert places == {"jose-raul-mulino": "panama-city", "bernardo-arevalo": "guatemala-city"}


def test_a_chamber_of_commerce_met_is_a_participant(extractor):
    result = extract(extractor, "While in Lima, Secretary of State Marco Rubio will also meet with leaders of the American Chamber "
                     "of Commerce of Peru (AmCham Peru).", "en", "2025-08-08")
    assert any(a.type == "Organisation" and "Chamber of Commerce" in next(iter(a.name.values()))
               for a in result.mentioned if a.id in only_meeting(result).participants)


@pytest.mark.parametrize("text, language, by", [
    ("The Ministry of National Defense, for its part, will designate joint coordination cells in Tumaco and Cartagena.", "en",
     "Ministry of National Defense"),
    ("Treasury’s Office of Technical Assistance will deploy a resident advisor to the Superintendency later this year.", "en",
     "Office of Technical Assistance"),
    ("El Ministerio de Defensa, por su parte, designará células de coordinación conjunta en Tumbes y Piura.", "es",
     "Ministerio de Defensa"),
])
def test_an_organisation_that_will_deploy_or_designate_pledges_it(extractor, text, language, by):
    result = extract(extractor, text, language, "2023-06-23")
    names = {a.id: next(iter(a.name.values())) for a in result.mentioned}
    assert [[names.get(a, a) for a in c] for c in committers(result) if any(names.get(a) == by for a in c)]


@pytest.mark.parametrize("text", [
    "Por su parte, el Comando Sur de los Estados Unidos se encargará de la capacitación del personal técnico del Minem.",
    "Según el memorando, Devida y Usaid ejecutarán de manera conjunta un programa de desarrollo alternativo en Huánuco.",
])
def test_what_an_agency_will_take_charge_of_or_carry_out_is_a_pledge(extractor, text):
    assert committers(extract(extractor, text, "es", "2024-05-10"))


def test_a_pledge_announced_during_a_ceremony_told_is_a_pledge_and_her_country_is_the_speakers(extractor):
    result = extract(extractor, "U.S. Ambassador Stephanie Syptak-Ramnath met with Interior Minister Juan José Santiváñez. During "
                     "the meeting, the ambassador announced that her country will donate 20 patrol vehicles to the PNP.",
                     "en", "2025-03-10")
    assert [set(c) for c in committers(result)] == [{"stephanie-syptak-ramnath", "united-states"}]


@pytest.mark.parametrize("text, language", [
    ("She did not meet President Dina Boluarte, whose government has faced months of protests.", "en"),
    ("La secretaria no se reunió con la presidenta Dina Boluarte durante su visita.", "es"),
    ("Under the memorandum, the two governments will meet twice a year, alternating between Washington and Lima.", "en"),
])
def test_a_meeting_denied_or_a_habit_of_meeting_is_no_meeting(extractor, text, language):
    assert extract(extractor, text, language, "2024-02-27").facts.meetings == []


def test_the_two_who_met_for_an_hour_met_in_the_meeting_told(extractor):
    result = extract(extractor, "US Treasury Secretary Janet Yellen and Brazilian Finance Minister Fernando Haddad signed a "
                     "memorandum on Tuesday. The two met for more than an hour at a hotel in Sao Paulo.", "en", "2024-02-27")
    assert len(only_meeting(result).evidence) == 2


@pytest.mark.parametrize("tail", ["on the margins of the APEC Economic Leaders’ Week hosted by Peru.",
                                  "on the margins of the APEC Economic Leaders’ Week."])
def test_two_leaders_who_met_on_the_margins_of_an_event_had_their_own_meeting_too(extractor, tail):
    result = extract(extractor, "President Joseph R. Biden, Jr. and President Dina Boluarte met yesterday at the Government Palace "
                     f"in Lima, {tail}", "en", "2024-11-15")
    kinds = {m.kind for m in result.facts.meetings if {"joe-biden", "dina-boluarte"} <= set(m.participants)}
    assert kinds == {"in-person", "multilateral"}


def test_their_meeting_recalled_by_its_month_is_its_own_meeting_on_that_month(extractor):
    result = extract(extractor, "President Biden and President Dina Boluarte met yesterday in Lima. The leaders recalled their "
                     "November 2023 meeting in San Francisco and the launch of the Americas Partnership.", "en", "2024-11-15")
    assert {(str(m.date), m.place) for m in result.facts.meetings} == {("2024-11-14", "lima"), ("2023-11", "san-francisco")}


def test_a_trips_stop_and_the_meetings_on_two_of_its_days_there_are_one_meeting_on_those_days(extractor):
    result = extract(extractor, "Under Secretary Jacob Helberg will travel to Lima, Peru; and Santiago, Chile, August 25–30. In Lima, "
                     "on August 25 and 26, the Under Secretary will meet with President Dina Boluarte and Foreign Minister Elmer "
                     "Schialer.", "en", "2025-08-22")
    (lima,) = [m for m in result.facts.meetings if "peru" in m.participants]
    assert "dina-boluarte" in lima.participants and lima.date.iso == "2025-08-25/2025-08-26"


def test_to_call_on_a_president_is_a_visit_not_a_phone_call(extractor):
    result = extract(extractor, "On August 30, Under Secretary Jacob Helberg will call on President Santiago Peña at the Palacio de "
                     "López.", "en", "2025-08-22")
    assert only_meeting(result).kind == "in-person"


def test_an_event_only_noted_is_a_topic_not_a_meeting(extractor):
    result = extract(extractor, "Deputy Secretary Christopher Landau spoke today with Foreign Minister Elmer Schialer. The two "
                     "officials noted the upcoming General Assembly of the Organization of American States.", "en", "2025-04-09")
    assert [m.kind for m in result.facts.meetings] == ["call"]


def test_the_next_day_told_in_the_sentence_of_the_day_before_is_the_day_after_it(extractor):
    result = extract(extractor, "El presidente Joe Biden aterrizó el jueves 14 por la noche en el Callao, y al día siguiente fue "
                     "recibido por la presidenta Dina Boluarte en Palacio de Gobierno.", "es", "2024-11-17")
    assert str(only_meeting(result).date) == "2024-11-15"


@pytest.mark.parametrize("said, day", [("sostuvo una reunión de trabajo", "None"),
                                       ("sostuvo este martes 17 una reunión de trabajo", "2023-10-17")])
def test_a_meeting_held_stays_held_whatever_the_visitors_tour_does_next(extractor, said, day):
    result = extract(extractor, f"El viceministro de Relaciones Exteriores, Ignacio Higueras Hare, {said} en el Palacio de Torre "
                     "Tagle con el subsecretario de Estado Brian Nichols, quien llegó a Lima como parte de una gira que "
                     "continuará en Quito y Bogotá hasta el próximo sábado.", "es", "2023-10-18")
    meeting = only_meeting(result)
    assert meeting.status == "held" and str(meeting.date) == day


def test_a_known_persons_surname_after_another_first_name_and_a_paternal_surname_is_someone_else(extractor):
    result = extract(extractor, "El director general de América del Norte, embajador Carlos Arana Ferrero, se reunió hoy con el "
                     "subsecretario Brian Nichols.", "es", "2023-10-18")
    assert "alfredo-ferrero" not in only_meeting(result).participants
    assert "Carlos Arana Ferrero" in {a.name.get("es") for a in result.actors}


def test_who_chaired_the_meeting_told_before_took_part_in_it(extractor):
    result = extract(extractor, "El Perú y los Estados Unidos celebraron ayer en Lima la VI Reunión de la Comisión de Libre Comercio. "
                     "La cita fue presidida por el ministro Roberto Sánchez Palomino y por el representante comercial adjunto "
                     "Jayme White.", "es", "2022-09-15")
    assert {"roberto-sanchez-palomino", "jayme-white"} <= set(only_meeting(result).participants)


def test_the_arrival_an_aside_recalls_in_a_sentence_about_the_meeting_told_is_no_meeting_of_its_own(extractor):
    result = extract(extractor, "LIMA, 15 set. (ANDINA). El Perú y los Estados Unidos acordaron ayer impulsar el comercio durante la "
                     "VI Reunión de la Comisión de Libre Comercio, que se celebró en Lima. La cita fue presidida por el ministro "
                     "Roberto Sánchez Palomino y por el representante comercial adjunto Jayme White, quien llegó a la capital al "
                     "frente de una delegación de funcionarios.", "es", "2022-09-15")
    assert "jayme-white" in only_meeting(result).participants


def test_an_event_the_sentence_says_will_be_held_is_a_meeting_though_a_topic_word_comes_before_it(extractor):
    result = extract(extractor, "Ambas autoridades pasaron revista a la preparación del Año APEC Perú 2024, cuya Semana de Líderes "
                     "se celebrará en Lima en noviembre del próximo año.", "es", "2023-10-18")
    meeting = only_meeting(result)
    assert meeting.status == "scheduled" and str(meeting.date) == "2024-11"


def test_the_dea_is_a_known_us_agency_that_commits(extractor):
    result = extract(extractor, "Asimismo, la DEA se comprometió a donar a la Policía Nacional del Perú equipos de comunicaciones "
                     "encriptadas.", "es", "2024-05-10")
    assert any("dea" in c for c in committers(result))


def test_a_nickname_in_quotes_inside_a_name_is_not_part_of_it(extractor):
    result = extract(extractor, "On Tuesday, General Richardson met with President Laurentino “Nito” Cortizo Cohen at the "
                     "Palacio de las Garzas.", "en", "2023-03-09")
    assert "Laurentino Cortizo Cohen" in {a.name.get("en") for a in result.actors}


def test_a_branch_of_the_armed_forces_before_a_rank_is_not_part_of_the_name(extractor):
    result = extract(extractor, "The commander of U.S. Southern Command (SOUTHCOM), Army Gen. Laura Richardson, met with "
                     "President Laurentino Cortizo in Panama City today.", "en", "2023-03-09")
    assert "laura-richardson" in only_meeting(result).participants


def test_a_place_before_the_comma_that_precedes_a_title_is_no_one_named(extractor):
    result = extract(extractor, "Building on the Secretary’s February 23 visit to Buenos Aires, the Secretary and the Foreign "
                     "Minister discussed trade. The Secretary commended Argentina’s request to become a NATO Global Partner. He "
                     "also noted the bombing of the AMIA Jewish community center in Buenos Aires and reaffirmed the United States’ "
                     "commitment to supporting Argentina’s efforts.", "en", "2024-05-09")
    assert "buenos-aires" not in {a.id for a in result.actors}


def test_who_reaffirms_the_commitment_of_an_organisation_of_their_country_commits_with_it(extractor):
    result = extract(extractor, "The commander of U.S. Southern Command (SOUTHCOM), Laura Richardson, visited Panama. During the visit, "
                     "Richardson also reaffirmed SOUTHCOM’s commitment to continue supporting Panama’s security forces through "
                     "training.", "en", "2023-03-09")
    (actors,) = committers(result)
    assert "laura-richardson" in actors


@pytest.mark.parametrize("sentence, status", [
    ("Peru is a founding partner of the Americas Partnership for Economic Prosperity (APEP).", "joined"),
    ("The talks take place under the Bicentennial Framework for Security, Public Health and Safe Communities, which has been "
     "in effect since October 2021.", "in-force"),
])
def test_a_founding_partner_joined_and_a_framework_in_effect_is_in_force(extractor, sentence, status):
    (agreement,) = extract(extractor, sentence, "en", "2025-01-14").facts.agreements
    assert agreement.status == status


def test_a_post_that_restates_the_call_with_one_name_is_the_same_call(extractor):
    result = extract(extractor, "LIMA, 21 de mayo (ANDINA).- El canciller Javier González-Olaechea sostuvo este lunes una conversación "
                     "telefónica con el secretario de Estado de los Estados Unidos, Antony Blinken.\n\nAsimismo, el secretario de "
                     "Estado confirmó que viajará a Lima en noviembre para participar en la Reunión Ministerial de APEC.\n\n"
                     "Productiva conversación con el secretario @SecBlinken. Abordamos la agenda bilateral, la seguridad y "
                     "#APEC2024.\n— Javier González-Olaechea (@JGOlaecheaPE) May 20, 2024",
                     "es", "2024-05-21")
    (call,) = [m for m in result.facts.meetings if m.kind == "call"]
    assert str(call.date) == "2024-05-20"


def test_the_dateline_of_a_lead_after_crumbs_credits_and_a_byline_is_found():
    text = ("Inicio » Política » Internacional\n\nCanciller y secretario de Estado conversan sobre agenda bilateral\n\n"
            "Publicado: 21/5/2024 (08:12 h) | Actualizado: 21/5/2024 (10:40 h)\n\n[Foto: ANDINA/Difusión Cancillería]\n\n"
            "LIMA, 21 de mayo (ANDINA).- El ministro de Relaciones Exteriores, Javier González-Olaechea, sostuvo este lunes una "
            "conversación telefónica con el secretario de Estado de los Estados Unidos, Antony Blinken.\n\nAmbos pasaron revista a la agenda bilateral.\n\nIntercambio comercial\n\nPublicado: 21/5/2024")
    found = dateline(text, "es", PartialDate(2024, 5, 21))
    assert (found.place, str(found.date)) == ("LIMA", "2024-05-21")
    assert text[found.span[0]:found.span[1]].startswith("LIMA, 21 de mayo")


def test_a_call_the_sentence_dates_a_meeting_against_does_not_make_it_a_call(extractor):
    result = extract(extractor, "El canciller Javier González-Olaechea sostuvo este lunes una conversación telefónica con el "
                     "secretario de Estado Antony Blinken. La conversación telefónica se produce pocas semanas después de que el "
                     "viceministro Ignacio Higueras se reuniera en Washington con el subsecretario Brian Nichols.", "es", "2024-05-21")
    kinds = {m.kind for m in result.facts.meetings if "brian-nichols" in m.participants}
    assert kinds == {"in-person"}


def test_an_event_a_sentence_looks_ahead_to_is_a_topic_not_a_meeting(extractor):
    text = "Ambos cancilleres acordaron mantener una estrecha coordinación de cara a la próxima Asamblea General de la OEA."
    assert extract(extractor, text, "es", "2024-05-21").facts.meetings == []


@pytest.mark.parametrize("sentence", [
    "Tras la reunión, el ministro de Comercio Exterior informó que el Perú y los Estados Unidos han acordado instalar una mesa "
    "técnica bilateral sobre acceso a mercados.",
    "El representante comercial Jamieson Greer se ha comprometido a trasladar las preocupaciones peruanas a las agencias "
    "competentes.",
])
def test_a_pledge_told_in_the_perfect_is_a_commitment(extractor, sentence):
    assert len(extract(extractor, sentence, "es", "2025-04-10").facts.commitments) == 1


def test_the_items_of_a_list_a_party_commits_to_in_the_present_are_its_commitments(extractor):
    result = extract(extractor, "En virtud del memorando, Usaid se compromete a:\n\n• Financiar, con hasta US$ 12 millones, el módulo "
                     "de control forestal en Loreto.\n• Brindar asistencia técnica para la capacitación de 300 guardaparques.\n\n"
                     "Por su parte, el Serfor se compromete a:\n\n• Poner en funcionamiento el sistema de trazabilidad de la madera."
                     "\n• Publicar trimestralmente la información sobre los permisos.", "es", "2017-09-27")
    assert [c.actors[0] for c in result.facts.commitments] == ["usaid", "usaid", "serfor", "serfor"]
    assert result.facts.commitments[2].topics == ["deforestation"]


def test_a_rank_between_a_title_and_its_holders_name_leaves_the_title_to_the_holder(extractor):
    result = extract(extractor, "El viceministro de Relaciones Exteriores, embajador Ignacio Higueras Hare, sostuvo este martes 17 una "
                     "reunión de trabajo con el subsecretario Brian A. Nichols.", "es", "2023-10-18")
    assert set(only_meeting(result).participants) >= {"ignacio-higueras-hare", "brian-nichols"}
    assert "peter-camino" not in only_meeting(result).participants
    assert result.roles["ignacio-higueras-hare"] == "viceministro de Relaciones Exteriores"


def test_a_headline_that_names_titles_only_is_the_meeting_the_story_names_and_dates(extractor):
    result = extract(extractor, "Inicio > Prensa > Notas de prensa\n\nNota de Prensa N° 537-23\n\n"
                     "Viceministro de Relaciones Exteriores se reunió con el subsecretario de Estado para Asuntos del "
                     "Hemisferio Occidental de los EE.UU.\n\n18 de octubre de 2023 - 11:40 a. m.\n\nEl viceministro de Relaciones "
                     "Exteriores, embajador Ignacio Higueras Hare, sostuvo este martes 17 una reunión de trabajo en el Palacio de "
                     "Torre Tagle con el subsecretario de Estado para Asuntos del Hemisferio Occidental de los Estados Unidos de "
                     "América, Brian A. Nichols.\n\nEn el encuentro, en el que también participaron la embajadora de los Estados "
                     "Unidos en el Perú, Lisa Kenna, y el director general de América del Norte, ministro Carlos Arana Ferrero, "
                     "ambas autoridades pasaron revista a los principales temas de la agenda bilateral.", "es", "2023-10-18")
    meeting = only_meeting(result)
    assert {"ignacio-higueras-hare", "brian-nichols"} <= set(meeting.participants)
    assert meeting.id == "meeting-brian-nichols-ignacio-higueras-hare-2023-10-17"


def test_who_attended_a_ceremony_told_with_its_venue_met_who_held_it(extractor):
    result = extract(extractor, "On Wednesday, U.S. Ambassador Stephanie Syptak-Ramnath delivered 12 riverine patrol boats to the "
                     "Anti-Drug Directorate (DIRANDRO) during a ceremony at the PNP riverine base in Pucallpa, attended by Minister of "
                     "the Interior Juan José Santiváñez.", "en", "2024-08-15")
    meeting = only_meeting(result)
    assert {"stephanie-syptak-ramnath", "juan-jose-santivanez"} <= set(meeting.participants)
    assert str(meeting.date) == "2024-08-14"


def test_received_at_a_venue_by_the_president_of_the_council_of_ministers_is_a_meeting_with_him(extractor):
    result = extract(extractor, "The commander of SOUTHCOM, General Laura Richardson, arrived in Lima on Monday. On Thursday, General "
                     "Richardson was received at the Government Palace by the President of the Council of Ministers, Alberto Otárola, "
                     "with whom she discussed regional security.", "en", "2023-08-17")
    (meeting,) = [m for m in result.facts.meetings if "alberto-otarola" in m.participants]
    assert "laura-richardson" in meeting.participants and str(meeting.date) == "2023-08-17"
    assert not [m for m in result.facts.meetings if m.id.startswith("event-")]


def test_a_day_told_within_the_week_a_sentence_also_names_dates_the_meeting(extractor):
    result = extract(extractor, "General Laura Richardson arrived in Lima this week on an official visit, and held a working meeting "
                     "this Wednesday with Peruvian Defense Minister Jorge Chávez Cresta.", "en", "2023-08-17")
    assert str(only_meeting(result).date) == "2023-08-16"


def test_an_accord_signed_in_a_city_by_two_people_is_their_meeting_and_the_non_binding_accord_is_the_one_told(extractor):
    result = extract(extractor, "Peru and the United States signed a memorandum of understanding on critical minerals on Monday. The "
                     "non-binding accord was signed in Lima by Minister Romulo Mucho and Assistant Secretary Geoffrey Pyatt.",
                     "en", "2024-02-12")
    meeting = only_meeting(result)
    assert {"romulo-mucho", "geoffrey-pyatt"} <= set(meeting.participants) and str(meeting.date) == "2024-02-12"
    assert len(result.facts.agreements) == 1


@pytest.mark.parametrize("lead, day", [
    ("SAN FRANCISCO, 16 de noviembre (ANDINA).- El ministro Juan Carlos Mathews se reunió ayer con la representante comercial "
     "Katherine Tai.", "2023-11-15"),
    ("Lima, 12 de septiembre (EFE).- El canciller Javier González-Olaechea se reunió ayer con el secretario de Estado Antony "
     "Blinken.", "2023-09-11"),
])
def test_a_dateline_with_a_long_month_name_anchors_yesterday(extractor, lead, day):
    assert str(only_meeting(extract(extractor, lead, "es", "2023-11-16" if "noviembre" in lead else "2023-09-12")).date) == day


@pytest.mark.parametrize("text, language", [
    ("El embajador de los Estados Unidos en el Perú, Krishna R. Urs, entregó esta mañana a la SUNAT dos escáneres móviles, en una "
     "ceremonia realizada en el Terminal Portuario del Callao junto al superintendente nacional adjunto de Aduanas, Carlos Zavala "
     "Bustamante.", "es"),
    ("U.S. Ambassador Krishna R. Urs handed over two mobile X-ray scanners to SUNAT this morning at a ceremony at the Port of "
     "Callao alongside Deputy Superintendent of Customs Carlos Zavala Bustamante.", "en"),
])
def test_who_is_beside_the_giver_at_a_ceremony_met_the_giver(extractor, text, language):
    meeting = only_meeting(extract(extractor, text, language, "2018-06-20"))
    assert {"krishna-urs", "carlos-zavala-bustamante"} <= set(meeting.participants)


def test_an_instrument_two_agencies_negotiate_has_them_as_parties(extractor):
    result = extract(extractor, "El Ministerio de la Producción (Produce) y la Administración Nacional Oceánica y Atmosférica (NOAA) de "
                     "los Estados Unidos negocian desde agosto un memorando de entendimiento para combatir la pesca ilegal.",
                     "es", "2022-10-10")
    (agreement,) = result.facts.agreements
    assert {"peru-ministry-of-production", "noaa"} <= set(agreement.parties)


def test_a_meeting_and_the_hosted_summit_it_prepares_are_two_meetings_each_on_its_own_day(extractor):
    result = extract(extractor, "El jueves 15, el canciller Ricardo Luna sostendrá una reunión de trabajo en el Departamento de Estado "
                     "con el secretario de Estado, Rex W. Tillerson, con quien abordará la agenda bilateral, así como la preparación "
                     "de la VIII Cumbre de las Américas, que el Perú acogerá en Lima en abril de 2018.", "es", "2017-06-09")
    meetings = {m.id.startswith("event-"): m for m in result.facts.meetings}
    bilateral, summit = meetings[False], meetings[True]
    assert "rex-tillerson" in bilateral.participants and len(bilateral.participants) >= 3 and str(bilateral.date) == "2017-06-15"
    assert bilateral.place != "lima"
    assert summit.participants == ["peru"] and str(summit.date) == "2018-04" and summit.place == "lima"


def test_an_assembly_told_by_its_bodys_acronym_then_by_its_name_is_one_meeting_of_its_year(extractor):
    result = extract(extractor, "El secretario de Estado norteamericano participa en la 52.ª Asamblea General de la OEA.\n\n"
                     "LIMA, 6 de octubre (ANDINA).- El secretario de Estado de Estados Unidos, Antony Blinken, llegó ayer a Lima para "
                     "participar en la 52.ª Asamblea General de la Organización de los Estados Americanos (OEA).", "es", "2022-10-06")
    (assembly,) = [m for m in result.facts.meetings if m.id.startswith("event-")]
    assert assembly.id.endswith("-2022") and "antony-blinken" in assembly.participants


def test_the_head_of_a_countrys_diplomacy_is_its_foreign_minister(extractor):
    result = extract(extractor, "El jefe de la diplomacia peruana se reunió ayer en Washington con el secretario de Estado Marco Rubio.",
                     "es", "2025-06-06")
    assert "peru" in only_meeting(result).participants


def test_a_wire_dateline_wins_over_a_line_of_its_time_and_a_call_is_held_nowhere(extractor):
    result = extract(extractor, "Peru, US top diplomats discuss crime, Chinese-run port in phone call\n\nBy Marco Aquino\n\n"
                     "March 12, 2025 10:41 AM EDT · Updated 2 hours ago\n\nLIMA, March 12 (Reuters) - Peru's Foreign Minister Elmer "
                     "Schialer and U.S. Secretary of State Marco Rubio spoke by phone on Tuesday about organized crime, illegal "
                     "migration and a Chinese-run megaport north of Lima, the two governments said.\n\nSchialer said the talks "
                     "were productive.\n\nReporting by Marco Aquino; Editing by Jane Doe", "en", "2025-03-12")
    call = only_meeting(result)
    assert str(call.date) == "2025-03-11" and call.place is None and "china" not in call.participants


def test_will_as_a_noun_does_not_make_a_meeting_recalled_in_passing_one_to_come(extractor):
    result = extract(extractor, "Building on Vice President Harris’s March 25 meeting with President Bernardo Arévalo at the White "
                     "House, the Deputy Secretary expressed concern about attempts to undermine the democratic will of Guatemalan "
                     "voters.", "en", "2024-09-25")
    meeting = only_meeting(result)
    assert (meeting.status, str(meeting.date)) == ("held", "2024-03-25")


def test_a_dialogue_with_several_words_before_its_noun_is_held_with_whom_it_names(extractor):
    result = extract(extractor, "The U.S. delegation was scheduled to hold a high-level security dialogue later Thursday with Foreign "
                     "Relations Secretary Alicia Bárcena and Security Secretary Rosa Icela Rodríguez.", "en", "2023-10-05")
    assert {"alicia-barcena", "rosa-icela-rodriguez"} <= set(only_meeting(result).participants)


def test_a_title_posted_in_a_country_named_with_its_article_and_a_rank_after_a_comma_leave_the_names_to_the_text(extractor):
    result = extract(extractor, "A la firma asistieron la embajadora de los EE.UU. en el Perú, Stephanie Syptak-Ramnath; el comandante "
                     "general de la Policía Nacional del Perú (PNP), general Víctor Zanabria Angulo.", "es", "2024-05-10")
    assert result.roles.get("stephanie-syptak-ramnath") == "embajadora de los EE.UU. en el Perú"
    assert result.roles.get("victor-zanabria-angulo", "").startswith("comandante general")
    assert "lisa-kenna" not in {a.id for a in result.mentioned}


def test_a_plan_of_action_two_countries_adopted_is_an_instrument_they_signed(extractor):
    (agreement,) = extract(extractor, "El Perú y los Estados Unidos adoptaron un plan de acción para combatir la minería aurífera ilegal "
                           "en Madre de Dios.", "es", "2019-04-12").facts.agreements
    assert agreement.status == "signed" and {"peru", "united-states"} <= set(agreement.parties)


def test_who_agreed_with_the_one_they_met_commits_with_them_and_a_summary_restating_it_is_the_same_pledge(extractor):
    result = extract(extractor, "El secretario de Estado norteamericano participa en la 52.ª Asamblea General de la OEA. Con el canciller "
                     "Rodríguez Mackay acordó impulsar la cooperación en seguridad alimentaria.\n\nEl secretario de Estado de "
                     "Estados Unidos, Antony Blinken, llegó ayer a Lima. Su agenda incluyó reuniones con el presidente Pedro Castillo "
                     "y con el canciller Miguel Ángel Rodríguez Mackay.\n\nLuego, en la Cancillería, Blinken sostuvo una reunión "
                     "bilateral con Rodriguez Mackay, con quien acordó impulsar la cooperación en seguridad alimentaria ante el alza "
                     "de los precios de los fertilizantes.", "es", "2022-10-06")
    (pledge,) = result.facts.commitments
    assert {"antony-blinken", "miguel-angel-rodriguez-mackay"} <= set(pledge.actors)


@pytest.mark.parametrize("text, language", [
    ("Asimismo, intercambiaron opiniones sobre la situación regional, incluyendo el proceso electoral en Venezuela, y reafirmaron "
     "su compromiso con la defensa de la democracia.", "es"),
    ("They also exchanged views on the electoral process in Venezuela and reaffirmed their commitment to defending democracy.", "en"),
])
def test_a_country_whose_electoral_process_is_discussed_does_not_commit(extractor, text, language):
    result = extract(extractor, "El canciller Omar Paganini recibió al subsecretario Brian Nichols. " + text if language == "es" else
                     "Foreign Minister Omar Paganini received Assistant Secretary Brian Nichols. " + text, language, "2024-06-20")
    assert result.facts.commitments and all("venezuela" not in c.actors for c in result.facts.commitments)


def test_an_exercise_that_will_run_for_months_is_no_pledge(extractor):
    result = extract(extractor, "Además, el Perú será sede en 2024 del ejercicio multinacional Resolute Sentinel, que se extenderá por "
                     "cerca de tres meses.", "es", "2024-01-18")
    assert result.facts.commitments == []


def test_a_surname_written_without_its_accent_is_the_person_named_with_it(extractor):
    result = extract(extractor, "La cita fue presidida por el ministro de Comercio Exterior y Turismo, Roberto Sánchez Palomino. "
                     "Sanchez reiteró además el compromiso del Perú con el cumplimiento de las obligaciones ambientales del APC.",
                     "es", "2022-09-15")
    (pledge,) = result.facts.commitments
    assert "roberto-sanchez-palomino" in pledge.actors


def test_a_label_does_not_open_with_the_day_the_pledge_was_made(extractor):
    (pledge,) = extract(extractor, "El Perú y los Estados Unidos acordaron ayer trabajar de manera conjunta en la facilitación del "
                        "comercio bilateral.", "es", "2022-09-15").facts.commitments
    assert next(iter(pledge.name.values())).startswith("trabajar de manera conjunta")


@pytest.mark.parametrize("text, person, role", [
    ('"What will matter is financing," said Carlos Durand, a mining analyst at Lima-based consultancy Macroconsult.',
     "carlos-durand", "analyst"),
    ('"It can do business with Beijing," said Gabriela Ponce Arrieta, a Latin America analyst at consultancy Control Risks.',
     "gabriela-ponce-arrieta", "Latin America analyst"),
    ('"Lima will not give up Chinese markets," said Martin Lozada Bravo, an international relations professor at the Catholic '
     'University.', "martin-lozada-bravo", "professor at the Catholic University"),
])
def test_an_analyst_or_professor_quoted_with_an_indefinite_title_is_found_with_it(extractor, text, person, role):
    result = extract(extractor, text, "en", "2024-02-12")
    assert result.roles.get(person) == role


@pytest.mark.parametrize("line, language, published, expected", [
    ("Lima, 11/06/2024", "en", "2024-06-11", PartialDate(2024, 6, 11)),     # a Peruvian ministry's English note
    ("WASHINGTON, 06/11/2024 -", "es", "2024-06-11", PartialDate(2024, 6, 11)),
    ("Lima, 08/05/2024", "es", None, PartialDate(2024, 5, 8)),              # nothing to weigh: the language's order
])
def test_a_numeric_dateline_is_read_in_the_order_that_agrees_with_the_publication_date(line, language, published, expected):
    found = dateline(line + "\n\nThe Foreign Minister met the Ambassador.", language,
                     parse_iso(published) if published else None)
    assert found.date == expected


def test_a_relative_day_counts_from_a_numeric_dateline_read_in_the_publishers_order(extractor):
    result = extract(extractor, "Lima, 11/06/2024\n\nThe Minister of Foreign Affairs, Javier González-Olaechea, held yesterday a "
                     "videoconference with the Secretary of State of the United States, Antony Blinken.", "en", "2024-06-11")
    (call,) = result.facts.meetings
    assert call.date == PartialDate(2024, 6, 10)


@pytest.mark.parametrize("text", [
    "Last Friday, the Minister of Foreign Affairs of Peru, Javier González-Olaechea, received the Ambassador of the United States, "
    "Stephanie Syptak-Ramnath, at the Torre Tagle Palace.",
    "Last Friday, the Minister of Foreign Affairs of Peru, Javier González-Olaechea, received at the Torre Tagle Palace the "
    "Ambassador of the United States, Stephanie Syptak-Ramnath, with whom he coordinated the agenda of upcoming visits.",
])
def test_receiving_a_titled_person_is_a_meeting_with_them(extractor, text):
    (meeting,) = extract(extractor, text, "en", "2024-06-11").facts.meetings
    assert {"javier-gonzalez-olaechea", "stephanie-syptak-ramnath"} <= set(meeting.participants)
    assert meeting.date == PartialDate(2024, 6, 7)


def test_welcoming_a_memorandum_or_hosting_a_group_is_no_meeting(extractor):
    result = extract(extractor, "Peru hosts the Lima Group, a bloc of mostly Latin American countries. Both delegations welcomed the "
                     "Memorandum of Understanding on labor cooperation.", "en", "2023-10-12")
    assert result.facts.meetings == []


@pytest.mark.parametrize("text, language", [
    ("In this framework, this Wednesday the Vice Minister of Foreign Affairs, Ambassador Ignacio Higueras, will receive the "
     "Assistant Secretary of State for Western Hemisphere Affairs, Brian A. Nichols.", "en"),
    ("Este miércoles el Viceministro de Relaciones Exteriores, Embajador Ignacio Higueras, recibirá al Subsecretario de Estado "
     "para Asuntos del Hemisferio Occidental, Brian A. Nichols.", "es"),
])
def test_a_rank_in_capitals_between_a_title_and_the_name_leaves_the_title_to_the_name(extractor, text, language):
    result = extract(extractor, text, language, "2024-06-11")
    (meeting,) = result.facts.meetings
    assert "ignacio-higueras" in meeting.participants and "peter-camino" not in meeting.participants
    assert result.roles["ignacio-higueras"].lower().startswith("vice")


def test_the_two_after_a_clause_naming_two_people_are_those_two(extractor):
    result = extract(extractor, "LIMA, Peru (AP) — President Joe Biden sat down with Peruvian President Dina Boluarte at the Government "
                     "Palace on Thursday.\n\nThe meeting was overshadowed by the arrival of Chinese leader Xi Jinping, who lands in "
                     "Lima later Thursday and is expected to hold talks with Boluarte before the two inaugurate, by video link, the "
                     "port of Chancay.", "en", "2024-11-14")
    people = sorted(sorted(p for p in m.participants if p in {"joe-biden", "dina-boluarte", "xi-jinping"})
                    for m in result.facts.meetings)
    assert people == [["dina-boluarte", "joe-biden"], ["dina-boluarte", "xi-jinping"]]


def test_both_officials_after_a_comma_are_the_people_who_met_not_the_two_who_also_took_part(extractor):
    result = extract(extractor, "El viceministro de Relaciones Exteriores, Ignacio Higueras, se reunió con el subsecretario de Estado "
                     "Brian Nichols. En el encuentro, en el que también participaron la embajadora Lisa Kenna y el ministro Carlos "
                     "Arana Ferrero, ambas autoridades pasaron revista a la agenda bilateral. Ambos funcionarios acordaron mantener "
                     "una coordinación estrecha de cara a las reuniones del Año APEC.", "es", "2023-10-18")
    (pledge,) = result.facts.commitments
    assert {"ignacio-higueras", "brian-nichols"} <= set(pledge.actors) and "lisa-kenna" not in pledge.actors


@pytest.mark.parametrize("text, language", [
    ("La Embajada de los Estados Unidos entregó este martes al Ministerio del Interior un lote de equipos de comunicación. La "
     "ceremonia se realizó en el patio principal del Mininter y estuvo encabezada por el ministro del Interior, Víctor Torres "
     "Falcón, y la embajadora estadounidense Lisa Kenna.", "es"),
    ("The U.S. Embassy handed over communications equipment to the Ministry of the Interior on Tuesday. The ceremony, held at "
     "the ministry, was attended by Interior Minister Víctor Torres Falcón and U.S. Ambassador Lisa Kenna.", "en"),
])
def test_a_ceremony_told_after_a_dated_act_is_of_that_day(extractor, text, language):
    (meeting,) = extract(extractor, text, language, "2024-03-05").facts.meetings
    assert {"victor-torres-falcon", "lisa-kenna"} <= set(meeting.participants)
    assert meeting.date == PartialDate(2024, 3, 5)


def test_a_name_ending_in_jr_does_not_end_a_spanish_sentence(extractor):
    (meeting,) = extract(extractor, "La presidenta Dina Boluarte recibió este sábado en Palacio de Gobierno al presidente de los "
                         "Estados Unidos de América, Joseph R. Biden Jr., con quien sostuvo una reunión bilateral de una hora.",
                         "es", "2024-11-16").facts.meetings
    assert {"dina-boluarte", "joe-biden"} <= set(meeting.participants)


@pytest.mark.parametrize("text, language", [
    ("El presidente Joe Biden participó ayer en la primera sesión de diálogo de los Líderes Económicos de APEC, presidida por "
     "la mandataria peruana Dina Boluarte en el Centro de Convenciones de Lima.", "es"),
    ("President Joe Biden participated yesterday in the first session of the APEC Economic Leaders' dialogue, chaired by "
     "Peruvian President Dina Boluarte at the Lima Convention Center.", "en"),
])
def test_who_takes_part_in_a_session_its_host_chairs_meets_the_host(extractor, text, language):
    meetings = extract(extractor, text, language, "2024-11-16").facts.meetings
    assert any({"joe-biden", "dina-boluarte"} <= set(m.participants) for m in meetings)


def test_a_convention_center_is_a_place_not_an_agreement(extractor):
    result = extract(extractor, "The leaders met at the Lima Convention Center on Friday.", "en", "2024-11-16")
    assert result.facts.agreements == []


def test_the_story_goes_on_after_one_line_links_to_other_stories(extractor):
    result = extract(extractor, "El superintendente de Aduanas, Gerardo Lopez Gonzales, se reunió el último jueves en el Callao con "
                     "el subcomisionado adjunto de Comercio de Estados Unidos, Daniel Whitcomb.\n\nLea también: Exportaciones no "
                     "tradicionales crecen 11 % en el primer semestre\n\nLea también: Dólar hoy: tipo de cambio cierra a la baja "
                     "este lunes\n\nEn la cita del jueves, ambas administraciones se comprometieron a intercambiar, antes de "
                     "setiembre, los informes de validación conjunta de sus respectivos programas.", "es", "2025-07-14")
    (meeting,) = result.facts.meetings
    assert meeting.date == PartialDate(2025, 7, 10)         # "el último jueves": the Thursday before
    assert "daniel-whitcomb" in meeting.participants        # "subcomisionado": a title
    (pledge,) = result.facts.commitments
    assert next(iter(pledge.name.values())).startswith("intercambiar los informes")    # the aside left out


def test_a_photo_caption_line_tells_no_meeting(extractor):
    result = extract(extractor, "[Photo: Peruvian Minister of Foreign Trade and Tourism Roberto Sanchez speaks to reporters in "
                     "Washington, U.S., October 26, 2021. REUTERS/Staff]", "en", "2021-10-27")
    assert result.facts.meetings == []


def test_who_and_when_a_since_clause_tells_are_not_the_meetings(extractor):
    result = extract(extractor, "U.S. Trade Representative Katherine Tai met Peru's trade minister, Roberto Sanchez, on Tuesday. "
                     "The meeting at USTR's offices in Washington was Sanchez's first trip to the U.S. capital since leftist "
                     "President Pedro Castillo took office in July.", "en", "2021-10-27")
    assert any("katherine-tai" in m.participants for m in result.facts.meetings)     # (the meeting the text tells is there)
    assert all("pedro-castillo" not in m.participants for m in result.facts.meetings)
    assert all(m.date is None or m.date.month != 7 for m in result.facts.meetings)


def test_a_traveller_who_also_meets_the_other_sides_business_chamber_holds_another_meeting(extractor):
    result = extract(extractor, "Deputy Secretary of State Christopher Landau traveled to Lima on June 9, where he met with President "
                     "Dina Boluarte. Deputy Secretary Landau also met with members of the American Chamber of Commerce of Peru "
                     "(AmCham Peru) to hear about opportunities to expand trade and investment.", "en", "2025-06-10")
    assert len(result.facts.meetings) == 2


@pytest.mark.parametrize("text, language", [
    ("U.S. Transportation Secretary Elaine Chao spoke by phone on Monday with Peru's Transport Minister Bruno Giuffra. Chao and "
     "Giuffra agreed during the call to expand cooperation on aviation safety.", "en"),
    ("La secretaria de Transporte de los Estados Unidos, Elaine Chao, conversó por teléfono el lunes con el ministro de Transportes "
     "del Perú, Bruno Giuffra. Chao y Giuffra acordaron durante la llamada ampliar la cooperación en seguridad aérea.", "es"),
])
def test_what_is_agreed_during_the_call_is_a_commitment(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2018-03-13").facts.commitments
    assert {"elaine-chao", "bruno-giuffra"} <= set(pledge.actors)


@pytest.mark.parametrize("text, language", [
    ("USAID Mission Director Andrea Lyman and DEVIDA Executive President Carlos Figueroa signed a memorandum of understanding "
     "in Lima on Tuesday, in the presence of U.S. Ambassador Lisa Kenna. The two institutions also agreed to set up a joint "
     "technical committee that will review progress every quarter.", "en"),
    ("La directora de USAID, Andrea Lyman, y el presidente ejecutivo de DEVIDA, Carlos Figueroa, firmaron un memorando de "
     "entendimiento en Lima el martes, en presencia de la embajadora Lisa Kenna. Ambas instituciones acordaron además crear un "
     "comité técnico conjunto que revisará los avances cada trimestre.", "es"),
])
def test_the_two_institutions_are_the_two_organisations_named_last(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2024-05-08").facts.commitments
    assert {"usaid", "devida"} <= set(pledge.actors) and "lisa-kenna" not in pledge.actors


@pytest.mark.parametrize("text, language", [
    ("The U.S. Coast Guard will transfer two Island-class patrol boats to the Peruvian Navy in 2025.", "en"),
    ("La Guardia Costera de los Estados Unidos transferirá dos patrulleras a la Marina de Guerra del Perú en 2025.", "es"),
])
def test_a_transfer_announced_is_a_pledge(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2024-11-16").facts.commitments
    assert "us-coast-guard" in pledge.actors or "united-states" in pledge.actors


@pytest.mark.parametrize("text, language", [
    ("Blinken met Thursday morning with President Pedro Castillo at the Government Palace.\n\nLater, at a joint news conference "
     "with Foreign Minister Cesar Landa at the Torre Tagle palace, Blinken announced $52 million in humanitarian assistance.", "en"),
    ("Blinken se reunió el jueves por la mañana con el presidente Pedro Castillo en Palacio de Gobierno.\n\nLuego, en una "
     "conferencia de prensa conjunta con el canciller César Landa en Torre Tagle, Blinken anunció 52 millones de dólares en "
     "asistencia humanitaria.", "es"),
])
def test_a_joint_news_conference_is_a_meeting_in_person_of_who_gave_it(extractor, text, language):
    meetings = extract(extractor, text, language, "2022-10-06").facts.meetings
    (conference,) = [m for m in meetings if "cesar-landa" in m.participants]
    assert "antony-blinken" in conference.participants and conference.kind == "in-person"
    assert conference.date == PartialDate(2022, 10, 6)


def test_a_summit_someone_is_expected_to_address_is_planned_and_apart_from_a_meeting_held_that_day(extractor):
    result = extract(extractor, "Blinken met Thursday morning with President Pedro Castillo at the Government Palace.\n\nBlinken is "
                     "expected to address the OAS General Assembly on Thursday afternoon.", "en", "2022-10-06")
    assert len(result.facts.meetings) == 2
    (assembly,) = [m for m in result.facts.meetings if "pedro-castillo" not in m.participants]
    assert assembly.status == "scheduled"


@pytest.mark.parametrize("text, language, amendment", [
    ("QUITO, Ecuador — Today, USAID and the Government of Ecuador signed the first amendment to their Development Objective "
     "Agreement. The original Development Objective Agreement (DOAG), signed in October 2019, marked the return of USAID to "
     "Ecuador. Under the amended agreement, USAID will support the Comptroller General's Office.", "en", "amendment"),
    ("QUITO, Ecuador — Hoy, USAID y el Gobierno del Ecuador firmaron la Adenda N° 1 al Convenio de Objetivo de Desarrollo. El "
     "Convenio de Objetivo de Desarrollo original, firmado en octubre de 2019, marcó el regreso de USAID al Ecuador.", "es",
     "adenda"),
])
def test_an_amendment_signed_is_an_instrument_apart_from_the_one_it_amends(extractor, text, language, amendment):
    result = extract(extractor, text, language, "2020-01-16")
    by_kind = {amendment in next(iter(a.name.values())).lower(): a for a in result.facts.agreements}
    assert len(result.facts.agreements) == 2
    assert (by_kind[True].status, by_kind[True].date) == ("signed", PartialDate(2020, 1, 16))
    assert by_kind[False].date == PartialDate(2019, 10)


@pytest.mark.parametrize("text, language", [
    ("Tai underscored the importance of the forestry annex of the U.S.-Peru Trade Promotion Agreement (PTPA). The pact, which "
     "entered into force in February 2009, was the first U.S. trade deal with binding environmental obligations.", "en"),
    ("Tai destacó el anexo forestal del Acuerdo de Promoción Comercial Perú-Estados Unidos (APC). El pacto, que entró en vigor en "
     "febrero de 2009, fue el primer acuerdo comercial de los Estados Unidos con obligaciones ambientales vinculantes.", "es"),
])
def test_what_an_instrument_is_said_to_be_is_no_other_instrument(extractor, text, language):
    assert len(extract(extractor, text, language, "2021-10-27").facts.agreements) == 1


@pytest.mark.parametrize("text, language", [
    ("Las delegaciones del Perú y de los Estados Unidos suscribieron ayer la Declaración Conjunta del V Diálogo Bilateral sobre "
     "Seguridad y Lucha contra las Drogas.\n\nEn la Declaración Conjunta, ambas delegaciones se comprometieron a fortalecer el "
     "intercambio de información.", "es"),
    ("The delegations of Peru and the United States yesterday signed the Joint Declaration of the Fifth Bilateral Dialogue on "
     "Security and Counternarcotics.\n\nIn the Joint Declaration, both delegations committed to strengthen information "
     "sharing.", "en"),
])
def test_a_declaration_named_again_by_its_generic_words_is_the_one_told_before(extractor, text, language):
    (declaration,) = extract(extractor, text, language, "2019-11-08").facts.agreements
    assert declaration.status == "signed"


def test_a_joint_declaration_named_alone_is_an_instrument(extractor):
    result = extract(extractor, "En la Declaración Conjunta, el Perú y los Estados Unidos se comprometieron a fortalecer el "
                     "intercambio de información.", "es", "2019-11-08")
    assert len(result.facts.agreements) == 1


def test_a_bare_title_with_a_feminine_article_is_not_the_man_titled_last(extractor):
    result = extract(extractor, "La presidenta de la República, Dina Boluarte, conversó por teléfono con el secretario de Estado, "
                     "Antony Blinken. Blinken confirmó que el presidente Joseph R. Biden participará en la Reunión de Líderes "
                     "de APEC en Lima.\n\nLa última vez que la presidenta y el secretario de Estado se reunieron fue el 3 de "
                     "noviembre de 2023 en Washington D.C.", "es", "2024-06-14")
    (recalled,) = [m for m in result.facts.meetings if m.date == PartialDate(2023, 11, 3)]
    assert {"dina-boluarte", "antony-blinken"} <= set(recalled.participants) and "joe-biden" not in recalled.participants


def test_a_handover_ceremony_presided_by_two_is_their_meeting_however_long_its_venue(extractor):
    (meeting,) = extract(extractor, "La ceremonia de entrega se realizó en el patio de honor del Cuartel General del Ejército, en San "
                         "Borja, y estuvo presidida por el ministro de Defensa, José Luis Gavidia Arrascue, y la embajadora de los "
                         "Estados Unidos en el Perú, Lisa Kenna.", "es", "2022-08-23").facts.meetings
    assert {"lisa-kenna"} <= set(meeting.participants) and len([p for p in meeting.participants if "gavidia" in p]) == 1


@pytest.mark.parametrize("text, language", [
    ("El canciller Andrés Allamand sostuvo este lunes una videoconferencia con el secretario de Estado Michael R. Pompeo.\n\nEn la "
     "reunión virtual, el Canciller agradeció la donación de 100 ventiladores que el Gobierno estadounidense hizo llegar a Chile en "
     "junio, y ambas autoridades intercambiaron opiniones sobre la pandemia.", "es"),
    ("Foreign Minister Andrés Allamand held a videoconference on Monday with Secretary of State Michael R. Pompeo.\n\nDuring the "
     "virtual meeting, the Foreign Minister thanked him for the 100 ventilators the U.S. government sent to Chile in June, and "
     "both officials exchanged views on the pandemic.", "en"),
])
def test_the_meeting_a_sentence_opens_with_is_the_one_told_on_its_day(extractor, text, language):
    (call,) = extract(extractor, text, language, "2020-08-18").facts.meetings
    assert call.date == PartialDate(2020, 8, 17)


@pytest.mark.parametrize("text, language", [
    ("El ministro Diego Molano tiene previsto reunirse el jueves con la administradora de la DEA, Anne Milgram, antes de regresar a "
     "Bogotá.", "es"),
    ("Minister Diego Molano is scheduled to meet on Thursday with DEA Administrator Anne Milgram before flying back to Bogotá.", "en"),
])
def test_where_someone_goes_back_to_is_not_where_they_meet(extractor, text, language):
    (meeting,) = extract(extractor, text, language, "2021-09-22").facts.meetings
    assert meeting.place != "bogota"


def test_an_act_some_people_attended_is_their_meeting(extractor):
    (meeting,) = extract(extractor, "La entrega se realizó en un acto en el auditorio del hospital, al que asistieron la ministra de "
                         "Salud Pública, Ximena Garzón Villalba, y el embajador de los Estados Unidos en Ecuador, Michael J. "
                         "Fitzpatrick.", "es", "2021-11-11").facts.meetings
    assert {"ximena-garzon-villalba", "michael-fitzpatrick"} <= set(meeting.participants)


def test_a_call_told_in_the_pluperfect_is_a_call_of_its_own_and_an_arrival_in_an_aside_is_none(extractor):
    result = extract(extractor, "Washington, 22 sep (EFE).- El ministro colombiano de Defensa, Diego Molano, y el secretario de "
                     "Defensa de Estados Unidos, Lloyd Austin, firmaron este miércoles en el Pentágono un memorando de "
                     "entendimiento.\n\nMolano, que llegó a la capital estadounidense el martes, destacó en declaraciones a "
                     "periodistas que Colombia es un aliado sólido.\n\nAustin y Molano ya habían conversado por teléfono en "
                     "marzo.", "es", "2021-09-22")
    assert sorted(str(m.date) for m in result.facts.meetings) == ["2021-03", "2021-09-22"]


def test_a_dialogue_they_held_recalled_with_a_plural_verb_and_no_subject_is_theirs(extractor):
    result = extract(extractor, "El canciller Javier González-Olaechea recibió hoy en el Palacio de Torre Tagle al secretario de "
                     "Estado adjunto Brian A. Nichols.\n\nAsimismo, recordaron el diálogo que sostuvieron el pasado 21 de setiembre "
                     "en Nueva York, oportunidad en la que el canciller expuso las prioridades de la política exterior peruana.",
                     "es", "2023-10-19")
    (recalled,) = [m for m in result.facts.meetings if m.date == PartialDate(2023, 9, 21)]
    assert {"javier-gonzalez-olaechea", "brian-nichols"} <= set(recalled.participants)


def test_a_meeting_told_in_a_when_clause_with_its_own_date_is_on_that_date(extractor):
    (meeting,) = extract(extractor, "Much of the equipment delivered this week was announced when Homeland Security Secretary "
                         "Alejandro Mayorkas met President Bernardo Arevalo in Guatemala City in June.", "en",
                         "2024-10-10").facts.meetings
    assert meeting.date == PartialDate(2024, 6)


def test_a_handover_ceremony_told_with_another_verb_of_handing_over_is_on_its_day(extractor):
    result = extract(extractor, "GUATEMALA CITY – This Tuesday, October 8, U.S. Ambassador Tobin Bradley handed over 40 biometric "
                     "kits to the Guatemalan Migration Institute (IGM).\n\nAmbassador Bradley delivered the equipment to the "
                     "IGM's Director General, Danilo Rivera, at a ceremony held at the Institute's headquarters.", "en",
                     "2024-10-10")
    (meeting,) = result.facts.meetings
    assert "danilo-rivera" in meeting.participants and meeting.date == PartialDate(2024, 10, 8)


def test_a_dateline_of_two_cities_is_a_dateline(extractor):
    (meeting,) = extract(extractor, "WASHINGTON/LIMA, May 22 (Reuters) - Peru's Foreign Trade and Tourism Minister Ursula Desilu "
                         "Leon met U.S. Trade Representative Jamieson Greer in Washington on Wednesday.", "en",
                         "2025-05-22").facts.meetings
    assert meeting.date == PartialDate(2025, 5, 21)


@pytest.mark.parametrize("text", [
    "Argentina took part in the program from 1996 until 2002, when Washington removed it amid the economic crisis.",
    "More than 1.1 million Argentines visited the United States last year, according to U.S. figures.",
])
def test_a_country_in_a_programme_or_unnamed_visitors_are_no_meeting(extractor, text):
    result = extract(extractor, "United States Homeland Security Secretary Kristi Noem met President Javier Milei at the Casa "
                     "Rosada on Thursday.\n\n" + text, "en", "2025-08-01")
    assert len(result.facts.meetings) == 1


def test_a_headline_in_title_case_names_no_event_with_its_generic_words(extractor):
    result = extract(extractor, "Readout of Secretary Raimondo's Virtual Meeting with Brazilian Vice President Geraldo Alckmin\n\n"
                     "U.S. Secretary of Commerce Gina Raimondo held a videoconference on Tuesday with Vice President Geraldo "
                     "Alckmin of Brazil to review the work of the U.S.-Brazil Commercial Dialogue.", "en", "2024-03-13")
    (call,) = result.facts.meetings
    assert call.kind == "call" and call.date == PartialDate(2024, 3, 12)


@pytest.mark.parametrize("text, language", [
    ("The next round of the U.S.-Guatemala bilateral migration dialogue will take place in Washington in December.", "en"),
    ("La próxima ronda del diálogo bilateral sobre migración entre los Estados Unidos y Guatemala se realizará en Washington en "
     "diciembre.", "es"),
])
def test_the_next_round_of_a_dialogue_is_a_meeting_planned(extractor, text, language):
    (meeting,) = extract(extractor, text, language, "2023-08-25").facts.meetings
    assert meeting.status == "scheduled" and {"united-states", "guatemala"} <= set(meeting.participants)
    assert meeting.place == "washington-dc"


@pytest.mark.parametrize("text, language", [
    ("Además, se negocia un memorando de entendimiento sobre movilidad laboral temporal entre el Perú y los Estados Unidos.", "es"),
    ("Peruvian officials described the letter as a first step toward a broader framework agreement, which is still being "
     "drafted.", "en"),
])
def test_an_instrument_being_negotiated_or_drafted_is_under_negotiation(extractor, text, language):
    (agreement,) = extract(extractor, text, language, "2024-05-10").facts.agreements
    assert agreement.status == "under-negotiation"


@pytest.mark.parametrize("text, participants", [
    ("Los ministros de Defensa de Colombia, Iván Velásquez, y del Perú, Jorge Chávez Cresta, sostuvieron este lunes 4 en Leticia "
     "una reunión trilateral con la comandante del Comando Sur de los Estados Unidos, general Laura Richardson.",
     {"ivan-velasquez", "jorge-chavez-cresta", "laura-richardson"}),
    ("El presidente Daniel Noboa ya había recibido en enero, en Quito, a la jefa del Comando Sur, la general Laura Richardson.",
     {"daniel-noboa", "laura-richardson"}),
])
def test_meetings_held_a_few_words_after_their_verb_or_in_the_pluperfect(extractor, text, participants):
    (meeting,) = extract(extractor, text, "es", "2024-03-05").facts.meetings
    assert participants <= set(meeting.participants)


def test_what_is_expected_is_planned_and_a_country_receiving_migrants_meets_no_one(extractor):
    result = extract(extractor, "Se espera que la próxima reunión trilateral entre Colombia, el Perú y los Estados Unidos se realice "
                     "en Iquitos en el primer trimestre de 2025.\n\nEl presidente Vizcarra destacó que el país ha recibido a "
                     "más de 850 000 ciudadanos venezolanos.", "es", "2024-03-05")
    (meeting,) = result.facts.meetings
    assert meeting.status == "scheduled" and meeting.place == "iquitos"


@pytest.mark.parametrize("text, language", [
    ("La ministra de Relaciones Exteriores, embajadora Ana Cecilia Gervasi Díaz, recibió esta mañana en el Palacio de Torre Tagle al "
     "subsecretario de Estado para el Crecimiento Económico, la Energía y el Medio Ambiente de los Estados Unidos de América, "
     "Jose W. Fernandez.\n\nAl término del "
     "encuentro, la canciller Gervasi y el subsecretario Fernández suscribieron la Carta de Intención sobre Cooperación en "
     "Minerales Críticos.", "es"),
    ("Foreign Minister Ana Cecilia Gervasi Díaz received this morning at the Torre Tagle Palace the Under Secretary of State for "
     "Economic Growth, Energy, and the Environment of the United States of America, Jose W. Fernandez.\n\nAt the end of the meeting, Foreign Minister Gervasi "
     "and Under Secretary Fernández signed the Letter of Intent on Cooperation in Critical Minerals.", "en"),
])
def test_what_two_did_at_the_end_of_the_meeting_is_of_that_meeting(extractor, text, language):
    (meeting,) = extract(extractor, text, language, "2023-03-10").facts.meetings
    assert "jose-fernandez" in meeting.participants and "wendy-sherman" not in meeting.participants


@pytest.mark.parametrize("text, language, organisation", [
    ("La Marina de Guerra del Perú y la Guardia Costera de los Estados Unidos realizarán patrullajes combinados.", "es",
     "peruvian-navy"),
    ("Según el Servicio Nacional de Sanidad Agraria (Senasa), las exportaciones de arándanos crecieron.", "es", "senasa"),
    ("Colombia has been a NATO global partner since 2018.", "en", "nato"),
])
def test_organisations_real_texts_name_often_are_known(extractor, text, language, organisation):
    result = extract(extractor, text, language, "2024-11-16")
    assert organisation in {a.id for a in result.mentioned}


def test_a_trip_told_from_its_weekday_with_no_subject_is_the_travellers(extractor):
    result = extract(extractor, "El presidente Joe Biden participó ayer en la sesión de diálogo de los Líderes de APEC.\n\nEl "
                     "domingo viajará a Río de Janeiro, donde participará en la Cumbre de Líderes del G20.", "es", "2024-11-16")
    (summit,) = [m for m in result.facts.meetings if "g20" in m.participants]
    assert "joe-biden" in summit.participants and summit.date == PartialDate(2024, 11, 17)


@pytest.mark.parametrize("text, language", [
    ("Los acuerdos generaron debate en la Asamblea Nacional.", "es"),
    ("Ecuador's Constitutional Court ruled that the accords did not require approval by the National Assembly in 2024.", "en"),
])
def test_a_legislature_is_no_meeting(extractor, text, language):
    assert extract(extractor, text, language, "2024-02-10").facts.meetings == []


def test_the_sixth_edition_of_a_dialogue_agreed_to_be_held_is_planned(extractor):
    result = extract(extractor, "Las delegaciones del Perú y de los Estados Unidos suscribieron ayer la Declaración Conjunta del V "
                     "Diálogo Bilateral sobre Seguridad.\n\nLas delegaciones acordaron que la sexta edición del diálogo se "
                     "realice en Washington D.C. durante el segundo semestre de 2020.", "es", "2019-11-08")
    (meeting,) = [m for m in result.facts.meetings if m.place == "washington-dc"]
    assert meeting.status == "scheduled"


# A capital as the subject of a pledge is its government (news agencies' "Washington would provide").
@pytest.mark.parametrize("text, language", [
    ("Secretary of State Antony Blinken met Ecuadorean Foreign Minister Gabriela Sommerfeld on Monday. Blinken told "
     "Sommerfeld that Washington would provide about $37 million in additional security assistance to Ecuador.", "en"),
    ("El canciller ecuatoriano Gabriela Sommerfeld se reunió el lunes con el secretario de Estado Antony Blinken en "
     "Washington. Washington donará 10 millones de dólares al Ecuador para la lucha contra el narcotráfico.", "es"),
])
def test_a_capital_pledging_is_its_country(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2024-02-06").facts.commitments
    assert "united-states" in pledge.actors and "ecuador" not in pledge.actors and "gabriela-sommerfeld" not in pledge.actors


def test_a_capital_where_something_happens_stays_a_place(extractor):
    result = extract(extractor, "Secretary of State Antony Blinken met Peruvian Foreign Minister Javier González-Olaechea "
                     "in Lima on Monday.", "en", "2024-02-06")
    assert only_meeting(result).place == "lima"


# A letter of interest is an instrument, and the DFC an organisation the gazetteer knows, in both languages.
@pytest.mark.parametrize("text, language", [
    ("The U.S. International Development Finance Corporation (DFC) and Peru’s development bank COFIDE signed a letter "
     "of interest for up to $100 million in financing for small and medium-sized enterprises.", "en"),
    ("La Corporación Financiera de Desarrollo Internacional de Estados Unidos (DFC) y COFIDE firmaron una carta de "
     "interés para financiar a pequeñas y medianas empresas.", "es"),
])
def test_a_letter_of_interest_signed_by_the_dfc_is_an_agreement(extractor, text, language):
    (letter,) = extract(extractor, text, language, "2023-11-03").facts.agreements
    assert letter.status == "signed" and {"us-development-finance-corporation", "cofide"} <= set(letter.parties)


# What an announcement says will be given is the giver's pledge, not that of whom the speaker met.
@pytest.mark.parametrize("text, language", [
    ("La canciller Gabriela Sommerfeld recibió a la delegación. La general Laura Richardson visitó Quito y se reunió con "
     "el presidente Daniel Noboa, ocasión en la que anunció que Washington entregará este año a Ecuador equipos de "
     "seguridad por un valor de 13,5 millones de dólares.", "es"),
])
def test_what_an_announcement_says_a_country_will_give_is_that_countrys(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2024-02-22").facts.commitments
    assert "united-states" in pledge.actors and not {"gabriela-sommerfeld", "daniel-noboa", "ecuador"} & set(pledge.actors)


# Pledges in the forms of the probe texts on instruments: leaders instructing their teams, what two sides will do
# under a memorandum, a present "reafirma", a delegation announcing a contribution, a plan announced by both.
@pytest.mark.parametrize("text, language, who", [
    ("President Trump and President Noboa instructed their teams to conclude negotiations on a reciprocal trade "
     "agreement within 90 days.", "en", {"donald-trump", "daniel-noboa"}),
    ("El canciller Elmer Schialer y el secretario Marco Rubio instruyeron a sus equipos técnicos a concluir la "
     "negociación de un Memorando de Entendimiento sobre minerales críticos.", "es", {"marco-rubio"}),
    ("Secretary Blinken and Foreign Minister González-Olaechea signed a memorandum of understanding on critical "
     "minerals. Under the MOU, the two sides will facilitate private investment in the processing of critical minerals.",
     "en", {"antony-blinken"}),
    ("En la reunión, el Perú reafirma su compromiso con el principio de responsabilidad común y compartida en la lucha "
     "contra las drogas.", "es", {"peru"}),
    ("Asimismo, la delegación de Estados Unidos anunció que aportará US$ 5 millones para fortalecer el Servicio "
     "Nacional Forestal durante los próximos tres años.", "es", {"united-states"}),
    ("La presidenta Dina Boluarte se reunió con el presidente Joe Biden. Ambos anunciaron que sus equipos iniciarán en "
     "el primer trimestre de 2024 la negociación de un convenio para evitar la doble imposición.", "es",
     {"dina-boluarte", "joe-biden"}),
])
def test_pledges_around_instruments_are_found_with_who_made_them(extractor, text, language, who):
    (pledge,) = extract(extractor, text, language, "2024-06-14").facts.commitments
    assert who <= set(pledge.actors)


def test_a_double_taxation_convention_to_negotiate_is_about_the_economy(extractor):
    (pledge,) = extract(extractor, "La presidenta Dina Boluarte se reunió con el presidente Joe Biden. Ambos anunciaron "
                        "que sus equipos iniciarán la negociación de un convenio para evitar la doble imposición.",
                        "es", "2023-11-03").facts.commitments
    assert pledge.topics == ["economy"]


# An instrument told again by "the" and its head word alone is the one named with that head word; not an instrument
# introduced with "a", not a signed one beside one still negotiated.
@pytest.mark.parametrize("text, language, instruments", [
    ("U.S. Ambassador Lisa Kenna and Peru’s Minister of Culture signed an extension of the Memorandum of Understanding "
     "Concerning the Imposition of Import Restrictions on Archaeological Material of Peru. First signed in 1997, the "
     "cultural property MOU has been renewed five times.", "en", 1),
    ("Foreign Minister Javier González-Olaechea and U.S. Ambassador Stephanie Syptak-Ramnath signed an exchange of notes "
     "renewing the 2018 maritime interdiction arrangement. Under the renewed arrangement, the two governments agreed to "
     "convene a working group on port security.", "en", 1),
    ("Under the U.S.-Peru Trade Promotion Agreement, total trade between our countries increased. In September 2021, "
     "USAID signed a $321 million agreement with Peru.", "en", 2),
    ("Ambos cancilleres acordaron iniciar la negociación de un Memorando de Entendimiento sobre minerales críticos entre "
     "el Perú y Estados Unidos. El Mecanismo fue establecido mediante el Memorando de Entendimiento suscrito en Lima el "
     "10 de noviembre de 2011 por el Perú y Estados Unidos.", "es", 2),
])
def test_an_instrument_told_again_by_its_head_word_is_the_one_named(extractor, text, language, instruments):
    assert len(extract(extractor, text, language, "2024-06-14").facts.agreements) == instruments


# "Latin American", "Inter-American": a region's adjective, not the United States; a think tank someone works at is no meeting.
@pytest.mark.parametrize("text", [
    "Colombia signed the Escazu Agreement, becoming the latest Latin American country to join it.",
    "Peru and Chile reaffirmed their commitment to the Inter-American Democratic Charter, signed in Lima in 2001.",
])
def test_a_regional_adjective_names_no_country(extractor, text):
    (agreement,) = extract(extractor, text, "en", "2025-02-02").facts.agreements
    assert "united-states" not in agreement.parties


def test_where_a_quoted_economist_works_is_no_meeting(extractor):
    result = extract(extractor, "“These are letters of intent dressed up as trade deals,” said Marcos Delgado, a trade "
                     "economist at the Inter-American Dialogue.", "en", "2025-11-20")
    assert result.facts.meetings == []


# A capital's pledge past a quotation mark or an aside; the FAA and the DFC in Spanish; a joint announcement of two
# people the gazetteer does not know.
@pytest.mark.parametrize("text, language, who", [
    ('A State Department spokesperson said Washington "will continue to support Peru\'s efforts to reduce coca '
     'cultivation and dismantle trafficking networks."', "en", {"united-states"}),
    ("Argentina will eliminate tariffs on U.S. beef. Washington, for its part, will remove reciprocal tariffs on certain "
     "natural resources that are not available in the United States.", "en", {"united-states"}),
    ("Según el documento, la FAA brindará asistencia técnica a la Corporación Peruana de Aeropuertos y Aviación "
     "Comercial (Corpac).", "es", {"faa"}),
    ("Por su parte, la Corporación Financiera de Desarrollo de EE.UU. (DFC) anunció que destinará 100 millones de "
     "dólares al financiamiento de pequeñas y medianas empresas.", "es", {"us-development-finance-corporation"}),
    ("El ministro de Economía, Alex Contreras, se reunió con el subsecretario del Tesoro para Asuntos Internacionales, "
     "Jay Shambaugh. Ambos anunciaron que sus equipos iniciarán en el primer trimestre de 2024 la negociación de un "
     "convenio, un reclamo histórico de la Cámara de Comercio Americana del Perú.", "es", {"alex-contreras", "jay-shambaugh"}),
])
def test_pledges_of_capitals_agencies_and_pairs_name_who_made_them(extractor, text, language, who):
    pledges = extract(extractor, text, language, "2023-11-09").facts.commitments
    assert any(who <= set(p.actors) for p in pledges)
    assert not any("cofide" in p.actors for p in pledges)


# An amendment signed to an instrument named by its heads alone is an instrument of its own, and the instrument it amends,
# told after it, another; a Letter of Agreement with its acronym says what it is about.
def test_an_amendment_to_a_letter_of_agreement_and_the_letter_are_two_instruments(extractor):
    result = extract(extractor, "El Embajador de los Estados Unidos, Krishna R. Urs, y el Ministro de Relaciones Exteriores, "
                     "Gustavo Meza Cuadra, firmaron hoy la decimoquinta enmienda a la Carta de Acuerdo (LOA) sobre Control "
                     "de Drogas. La Carta de Acuerdo, que se encuentra vigente desde 2002, es el marco de la cooperación.",
                     "es", "2019-10-03")
    amendment, letter = result.facts.agreements
    assert "decimoquinta" in next(iter(amendment.name.values())) and amendment.status == "signed"
    assert letter.status == "in-force"


def test_a_letter_of_agreement_with_its_acronym_is_an_instrument(extractor):
    (letter,) = extract(extractor, "U.S. Ambassador Stephanie Syptak-Ramnath and Foreign Minister Javier González-Olaechea "
                        "signed today a Letter of Agreement (LOA) on Counternarcotics and Law Enforcement Cooperation.",
                        "en", "2024-08-22").facts.agreements
    assert letter.status == "signed"


# Pledges reported with "would" and verbs of giving and funding, agreed in a passive, listed after "agreed to:"; none
# where the sentence says someone did not or declined to commit.
@pytest.mark.parametrize("text, pledges", [
    ("DEVIDA said it would use part of the new money to extend its alternative development program to 4,000 more families.", 1),
    ("Minister Quijandría said the Government of Peru would contribute an additional $8 million in counterpart funding.", 1),
    ("Rubio said the U.S. would pay for those onward flights.", 1),
    ("It was also agreed that the Peruvian Navy will host a regional workshop on illegal fishing in Paita in June.", 1),
    ("According to the Navy statement, the Peruvian Navy and the U.S. Coast Guard agreed to:\n\n"
     "– carry out at least two combined patrols this year;\n– exchange satellite and vessel-tracking information in real time.", 2),
    ("Greer did not commit to any exemption, according to two people familiar with the conversation.", 0),
    ("Blinken declined to commit to dropping eradication targets.", 0),
])
def test_pledges_reported_agreed_or_listed_and_none_denied(extractor, text, pledges):
    assert len(extract(extractor, text, "en", "2025-04-10").facts.commitments) == pledges


def test_a_commitment_denied_in_spanish_is_none(extractor):
    assert extract(extractor, "El ministro no se comprometió a reducir los aranceles.", "es", "2025-04-10").facts.commitments == []


# A capitalised counterpart right after "met" may open with an acronym ("met US Trade Representative …").
def test_met_before_an_acronym_of_the_counterparts_country_is_a_meeting(extractor):
    meeting = only_meeting(extract(extractor, "Trade Minister Desilú León met US Trade Representative Jamieson Greer on "
                                   "Wednesday.", "en", "2025-05-15"))
    assert {"desilu-leon", "jamieson-greer"} <= set(meeting.participants)


def test_an_implementation_letter_signed_is_an_agreement(extractor):
    (letter,) = extract(extractor, "USAID Mission Director Paul Tuebner and Environment Minister Albina Ruiz signed an "
                        "implementation letter launching Amazonía Viva, a five-year partnership to reduce deforestation.",
                        "en", "2022-11-10").facts.agreements
    assert letter.status == "signed"


# The day of a report that comes right after a meeting is the meeting's, held on it, even beside a future pledge.
@pytest.mark.parametrize("text, language", [
    ("GUATEMALA CITY (AP) — Guatemala will increase by 40% the number of deportation flights it receives from the "
     "United States, President Bernardo Arévalo said Wednesday after meeting with U.S. Secretary of State Marco Rubio.", "en"),
    ("El presidente Bernardo Arévalo anunció este miércoles, tras reunirse con el secretario de Estado Marco Rubio, que "
     "Guatemala recibirá más vuelos.", "es"),
])
def test_a_meeting_a_report_comes_after_is_held_on_the_reports_day(extractor, text, language):
    meeting = only_meeting(extract(extractor, text, language, "2025-02-06"))
    assert meeting.status == "held" and meeting.date == parse_iso("2025-02-05")


# Two people exchanging diplomatic notes met to do it; "en el día de la fecha" is the text's day.
@pytest.mark.parametrize("text, language", [
    ("Los acuerdos entraron en vigor este jueves, tras el canje de notas diplomáticas realizado en la Cancillería entre "
     "la ministra de Relaciones Exteriores, Gabriela Sommerfeld, y el embajador estadounidense, Michael J. Fitzpatrick.", "es"),
    ("The two agreements entered into force on Thursday after the exchange of diplomatic notes held at the Foreign "
     "Ministry between Foreign Minister Gabriela Sommerfeld and U.S. Ambassador Michael J. Fitzpatrick.", "en"),
])
def test_an_exchange_of_notes_between_two_is_their_meeting_that_day(extractor, text, language):
    meeting = only_meeting(extract(extractor, text, language, "2024-02-22"))
    assert {"gabriela-sommerfeld", "michael-fitzpatrick"} <= set(meeting.participants)
    assert meeting.date == parse_iso("2024-02-22")


def test_en_el_dia_de_la_fecha_is_the_texts_day(extractor):
    meeting = only_meeting(extract(extractor, "El Canciller Jorge Faurie recibió en el día de la fecha en el Palacio San "
                                   "Martín al Secretario de Energía de los Estados Unidos, Rick Perry.", "es", "2018-08-14"))
    assert meeting.date == parse_iso("2018-08-14")


# A trip's stops told as "with stops in" cities or "travels next to" countries: a visit of the traveller to each country.
@pytest.mark.parametrize("text, stops", [
    ("Secretary Rubio will continue his trip with stops in San Salvador, San José, Guatemala City and Santo Domingo.",
     {"el-salvador", "costa-rica", "guatemala", "dominican-republic"}),
    ("Secretary of State Marco Rubio met President Bernardo Arévalo in Guatemala City. He travels next to El Salvador, "
     "Costa Rica and the Dominican Republic.", {"el-salvador", "costa-rica", "dominican-republic"}),
])
def test_the_stops_of_a_trip_are_visits(extractor, text, stops):
    meetings = extract(extractor, text, "en", "2025-02-05").facts.meetings
    visited = {c for m in meetings if "marco-rubio" in m.participants for c in m.participants} - {"marco-rubio", "united-states"}
    assert stops <= visited


# Both delegations of a videoconference told after it, one side's each: the people of the call, and no one named "Deputy".
def test_the_delegations_told_after_a_call_are_its_people(extractor):
    result = extract(extractor, "On October 18, the United States and Peru convened, by videoconference, the eighth meeting "
                     "of the Environmental Affairs Council. The U.S. delegation was led by Kelly Milton, Assistant U.S. Trade "
                     "Representative for Environment and Natural Resources, and Rachel Kastenberg, Deputy Assistant Secretary "
                     "of State for Environment. Peru’s delegation was led by Ana Sofía Valencia, Vice Minister of Foreign "
                     "Trade.", "en", "2023-10-20")
    call = only_meeting(result)
    assert {"kelly-milton", "rachel-kastenberg", "ana-sofia-valencia"} <= set(call.participants)
    assert "deputy" not in {a.id for a in result.actors}


# To agree to hold a meeting is a pledge to act (the conventions' "agreed to") and a meeting planned.
@pytest.mark.parametrize("text, language", [
    ("Under Secretary Jose W. Fernandez met Vice Minister Ignacio Higueras. They agreed to hold the next round of talks "
     "in Lima later this year.", "en"),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken se comprometieron a realizar una segunda "
     "reunión en Washington.", "es"),
    ("Secretary Antony Blinken and Foreign Minister Javier González-Olaechea agreed to convene the next High-Level "
     "Dialogue in Washington in 2025.", "en"),
])
def test_agreeing_to_hold_a_meeting_is_a_pledge_and_a_meeting_planned(extractor, text, language):
    facts = extract(extractor, text, language, "2023-03-15").facts
    assert len(facts.commitments) == 1
    assert any(m.status == "scheduled" for m in facts.meetings)


# Pledges under an instrument (the USFS, a capital after an opening phrase), one agreed past an aside; a wish to be
# included is none; a signing ceremony attended by someone is the signing told before.
@pytest.mark.parametrize("text, language, who", [
    ("Under the LOI, the USFS will train 120 SERFOR and regional government firefighters over two years.", "en",
     {"us-forest-service"}),
    ("Under the amendment, Washington will provide an additional $6 million for removal flights.", "en", {"united-states"}),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken acordaron, además, conformar un Comité "
     "Técnico Binacional.", "es", {"javier-gonzalez-olaechea", "antony-blinken"}),
])
def test_pledges_under_an_instrument_or_past_an_aside_name_who_made_them(extractor, text, language, who):
    (pledge,) = extract(extractor, text, language, "2023-08-25").facts.commitments
    assert who <= set(pledge.actors)


def test_a_wish_to_be_included_is_no_pledge(extractor):
    assert extract(extractor, "El canciller González-Olaechea expresó el interés del Perú en ser incorporado al Programa "
                   "de Exención de Visas.", "es", "2023-08-25").facts.commitments == []


def test_who_attended_the_signing_ceremony_took_part_in_the_signing(extractor):
    result = extract(extractor, "On Thursday, U.S. Forest Service Director Thomas Whitcomb and SERFOR Executive Director "
                     "Rosa María Chumpitaz signed a Letter of Intent on forest fires. The signing ceremony, held at the "
                     "U.S. Embassy in Lima, was attended by U.S. Ambassador Lisa Kenna.", "en", "2023-08-25")
    assert "lisa-kenna" in only_meeting(result).participants


# "una reunión sostenida en Lima con X", "a meeting held in Lima with X"; two people who carried out the exchange of notes.
@pytest.mark.parametrize("text, language, people", [
    ("El viceministro de Hacienda, Raúl Tejada Vargas, propuso ayer iniciar la negociación de un convenio, durante una "
     "reunión sostenida en Lima con el subsecretario adjunto del Tesoro, Andrew Kessler.", "es", {"raul-tejada-vargas", "andrew-kessler"}),
    ("Deputy Minister Raúl Tejada Vargas proposed yesterday to start negotiating a tax treaty, during a meeting held in Lima "
     "with Deputy Assistant Secretary of the Treasury Andrew Kessler.", "en", {"raul-tejada-vargas", "andrew-kessler"}),
    ("La canciller Gabriela Sommerfeld y el embajador de los Estados Unidos en el Ecuador, Michael J. Fitzpatrick, "
     "realizaron este martes, en el Palacio de Najas, el canje de notas diplomáticas.", "es",
     {"gabriela-sommerfeld", "michael-fitzpatrick"}),
])
def test_a_meeting_held_with_someone_or_an_exchange_of_notes_is_a_meeting(extractor, text, language, people):
    assert people <= set(only_meeting(extract(extractor, text, language, "2021-06-03")).participants)


# A group outside the governments is no party ("opposition lawmakers vowed …"); going on with a trip is a trip, not a
# pledge; "mantendrá su apoyo" is one.
@pytest.mark.parametrize("text, language, pledges", [
    ("Guatemala's Constitutional Court ruled that any such deal needed congressional approval, and opposition "
     "lawmakers vowed to fight it.", "en", 0),
    ("Los analistas prevén que Lima y Washington ampliarán el acuerdo.", "es", 0),
    ("Secretary Rubio will continue his trip with stops in San Salvador and San José.", "en", 0),
    ("El canciller continuará su gira por Chile y Argentina.", "es", 0),
    ("Estados Unidos mantendrá su apoyo a los programas de desarrollo alternativo en el 2020.", "es", 1),
])
def test_pledges_of_a_party_not_of_third_parties_or_trips(extractor, text, language, pledges):
    assert len(extract(extractor, text, language, "2019-07-24").facts.commitments) == pledges


# An instrument signed between two agencies is theirs (PromPerú, the ITA); "Administración …" heads an agency's name.
@pytest.mark.parametrize("text, parties", [
    ("Washington, 10 de octubre (ANDINA).- La misión oficial concluyó hoy con la firma de una carta de intención entre "
     "PromPerú y la Administración de Comercio Internacional (ITA) del Departamento de Comercio de los Estados Unidos.",
     {"promperu", "international-trade-administration"}),
    ("La Dirección General de Salud Ambiental y la Administración de Alimentos y Medicamentos firmaron un memorando de "
     "entendimiento sobre inocuidad alimentaria.", {"administracion-de-alimentos-y-medicamentos"}),
])
def test_an_instrument_signed_by_agencies_names_them_as_parties(extractor, text, parties):
    (agreement,) = extract(extractor, text, "es", "2019-10-10").facts.agreements
    assert parties <= set(agreement.parties)


# An instrument "sealed" or "inked" is signed, that day; one a headline tells is the one the body tells again.
def test_an_instrument_sealed_is_signed_that_day(extractor):
    (agreement,) = extract(extractor, "Panama and the United States sealed a memorandum of understanding on July 1, "
                           "2024, under which the U.S. pays for removal flights.", "en", "2025-02-03").facts.agreements
    assert (agreement.status, agreement.date) == ("signed", PartialDate(2024, 7, 1))


def test_an_instrument_in_the_headline_is_the_one_the_body_names(extractor):
    result = extract(extractor, "Dina Boluarte en Washington: Perú suscribe Declaración de la Casa Blanca de la APEP y cierra "
                     "negociación de memorando sobre semiconductores\n\nLa presidenta Dina Boluarte participó ayer en "
                     "Washington en la cumbre, donde el Perú y Estados Unidos suscribieron la Declaración de la Casa Blanca. "
                     "El Perú y Estados Unidos concluyeron las negociaciones de un memorando de entendimiento para el "
                     "desarrollo de la cadena de suministro de semiconductores.", "es", "2023-11-04")
    assert len(result.facts.agreements) == 2


# An unnamed instrument told again by what its sentence said it is about ("The minerals accord") is that instrument.
def test_an_instrument_told_again_by_its_subject_is_the_same(extractor):
    result = extract(extractor, "LIMA, Nov 15 (Reuters) - Peru and the United States signed a memorandum of understanding "
                     "on Friday to cooperate on the exploration and processing of critical minerals.\n\nThe minerals accord "
                     "was inked on the margins of the summit by Energy and Mines Minister Romulo Mucho and U.S. Under "
                     "Secretary of State Jose Fernandez.", "en", "2024-11-15")
    assert len(result.facts.agreements) == 1


# A headline's instrument that says nothing of its own is the one the body names; a government's name ends at its
# country's ("… el Gobierno de los Estados Unidos de América sobre Cooperación …" is no organisation).
def test_a_headlines_unnamed_instrument_is_the_bodys(extractor):
    result = extract(extractor, "Inicio / Noticias / Canciller Van Klaveren y vicesecretario de Comercio de EE.UU. firman carta "
                     "de intención sobre minerales críticos en el marco de APEC\n\nEl canciller Alberto van Klaveren y el vicesecretario de Comercio de Estados "
                     "Unidos, Don Graves, firmaron hoy una Carta de Intención para la Cooperación en Minerales Críticos.",
                     "es", "2023-11-15")
    assert len(result.facts.agreements) == 1


def test_a_governments_name_ends_with_its_countrys(extractor):
    result = extract(extractor, "El canciller y el secretario suscribieron hoy el Memorando de Entendimiento entre el Gobierno "
                     "de la República del Perú y el Gobierno de los Estados Unidos de América sobre Cooperación en "
                     "Seguridad Ciudadana.", "es", "2023-06-21")
    (agreement,) = result.facts.agreements
    assert set(agreement.parties) == {"peru", "united-states"}
    assert not [a for a in result.actors if "sobre" in a.id]


# "signed the Accords on behalf of his government": the Accords told before, not an instrument "on behalf …"; an
# instrument whose negotiations are only hoped for is none.
def test_an_instrument_signed_on_behalf_of_a_government_is_the_one_told(extractor):
    result = extract(extractor, "WASHINGTON – Peru today became the 40th nation to sign the Artemis Accords. Peruvian Foreign "
                     "Minister Javier González-Olaechea signed the Accords on behalf of his government during a ceremony "
                     "at NASA Headquarters.", "en", "2024-05-30")
    assert len(result.facts.agreements) == 1


def test_negotiations_hoped_for_are_no_instrument(extractor):
    result = extract(extractor, "Paraguayan officials hope the security pact will pave the way for negotiations on a "
                     "broader trade deal.", "en", "2025-12-16")
    assert result.facts.agreements == []


# "A and B met to discuss …" is their meeting; a tour that "has taken him to" countries is a visit to each, and a
# person "de origen cubano" makes Cuba no party.
@pytest.mark.parametrize("text, language", [
    ("Following the ceremony, Administrator Bill Nelson and Foreign Minister Javier Gonzalez-Olaechea met to discuss "
     "expanded cooperation in Earth science.", "en"),
    ("Secretary Antony Blinken and Foreign Minister Javier González-Olaechea met and agreed to stay in touch.", "en"),
])
def test_two_people_who_met_to_discuss_met(extractor, text, language):
    assert len(only_meeting(extract(extractor, text, language, "2024-05-30")).participants) >= 2


@pytest.mark.parametrize("text, language", [
    ("El secretario de Estado Marco Rubio, de origen cubano, ha convertido a América Latina en una prioridad, con una "
     "gira que esta semana lo ha llevado a Panamá, El Salvador y Costa Rica.", "es"),
    ("Secretary of State Marco Rubio is on a trip that has taken him to Panama, El Salvador and Costa Rica.", "en"),
])
def test_a_tour_that_has_taken_someone_to_countries_is_a_visit_to_each(extractor, text, language):
    meetings = extract(extractor, text, language, "2025-02-06").facts.meetings
    visited = {c for m in meetings for c in m.participants} - {"marco-rubio", "united-states"}
    assert visited == {"panama", "el-salvador", "costa-rica"}


# Two people who signed met, with the day between them and the verb ("A and B on Thursday signed …") or told as the
# agents of a passive a phrase away ("was inked on the margins of the summit by A and B"); "Minister of Government X"
# and "U.S. Under Secretary of State X" name people.
@pytest.mark.parametrize("text, people", [
    ("Peru's Foreign Minister Ana Cecilia Gervasi and United States Ambassador Lisa Kenna on Thursday signed the fifth "
     "amendment to the Development Objective Agreement.", {"ana-cecilia-gervasi", "lisa-kenna"}),
    ("Following the meeting, Secretary of Homeland Security Alejandro Mayorkas and Minister of Government Francisco "
     "Jiménez signed an amendment to the Memorandum of Cooperation.", {"alejandro-mayorkas", "francisco-jimenez"}),
    ("The minerals accord was inked on the margins of the summit by Energy and Mines Minister Romulo Mucho and U.S. Under "
     "Secretary of State Jose Fernandez.", {"romulo-mucho", "jose-fernandez"}),
])
def test_two_people_who_signed_met(extractor, text, people):
    assert people <= set(only_meeting(extract(extractor, text, "en", "2023-03-09")).participants)


# A meeting said not to be scheduled is none; one hoped for is not held (a plan, at most).
def test_a_meeting_no_one_has_scheduled_is_none(extractor):
    assert extract(extractor, 'President José Raúl Mulino said he hoped to speak with President Donald Trump in person '
                   '"soon," but no meeting has been scheduled.', "en", "2025-02-03").facts.meetings == []


def test_a_meeting_hoped_for_is_not_held(extractor):
    meeting = only_meeting(extract(extractor, "President José Raúl Mulino said he hoped to meet President Donald Trump soon.",
                                   "en", "2025-02-03"))
    assert meeting.status != "held"


# "En la víspera", "the day before": the day before the meeting told before it, not before the text's.
@pytest.mark.parametrize("text, language", [
    ("La presidenta Dina Boluarte participó ayer en Washington en la Cumbre de Líderes de la APEP, convocada por el "
     "presidente Joe Biden.\n\nEn la víspera, la jefa de Estado se reunió con el presidente del BID, Ilan Goldfajn.", "es"),
    ("President Dina Boluarte took part yesterday in the APEP Leaders' Summit convened by President Joe Biden in "
     "Washington.\n\nThe day before, she met with IDB President Ilan Goldfajn.", "en"),
])
def test_a_meeting_told_on_the_day_before_is_before_the_one_told(extractor, text, language):
    meetings = extract(extractor, text, language, "2023-11-04").facts.meetings
    (eve,) = [m for m in meetings if "ilan-goldfajn" in m.participants]
    assert eve.date == PartialDate(2023, 11, 2)


# The U.S. federal departments and agencies that readouts name by acronym are known actors.
@pytest.mark.parametrize("text, who", [
    ("Under the amended MOC, DHS will assign two additional special agents to Guatemala City.",
     "us-department-of-homeland-security"),
    ("The Treasury Department will provide technical assistance to Peru's financial intelligence unit.",
     "us-department-of-the-treasury"),
    ("USDA will fund a school-feeding program in Ayacucho.", "us-department-of-agriculture"),
])
def test_us_agencies_named_by_acronym_are_known(extractor, text, who):
    (pledge,) = extract(extractor, text, "en", "2024-02-15").facts.commitments
    assert who in pledge.actors


# A plan agreed between two governments ("acordaron un plan de acción", "agreed on an action plan") is an instrument.
@pytest.mark.parametrize("text, language", [
    ("Perú y Uruguay acordaron un plan de acción para fortalecer el comercio bilateral.", "es"),
    ("Peru and Uruguay agreed on an action plan to strengthen bilateral trade.", "en"),
])
def test_a_plan_agreed_between_governments_is_an_instrument(extractor, text, language):
    (agreement,) = extract(extractor, text, language, "2023-08-24").facts.agreements
    assert set(agreement.parties) == {"peru", "uruguay"} and agreement.status == "signed"


def test_a_vicesecretario_named_after_the_title_is_a_person(extractor):
    meeting = only_meeting(extract(extractor, "El canciller Alberto van Klaveren y el vicesecretario de Comercio de los Estados "
                                   "Unidos, Don Graves, firmaron este miércoles una carta de intención.", "es", "2023-11-15"))
    assert "don-graves" in meeting.participants


# "Following the ceremony, A and B met": on the day of the signing told before; a meeting the text says was held takes
# no date of a later year (the deadline a pledge in its sentence sets).
def test_a_meeting_following_a_signing_is_on_the_signings_day(extractor):
    result = extract(extractor, "WASHINGTON – Peru today became the 40th nation to sign the Artemis Accords.\n\nFollowing the "
                     "ceremony, NASA Administrator Bill Nelson and Foreign Minister Javier González-Olaechea met to discuss "
                     "expanded cooperation in Earth science.", "en", "2024-05-30")
    (meeting,) = [m for m in result.facts.meetings if "bill-nelson" in m.participants]
    assert meeting.date == PartialDate(2024, 5, 30)


def test_a_meeting_held_takes_no_date_of_a_later_year(extractor):
    result = extract(extractor, "Durante la reunión bilateral que siguió a la firma, el canciller Alberto van Klaveren y el "
                     "vicesecretario Don Graves se comprometieron a realizar la primera reunión del grupo de trabajo durante "
                     "el primer trimestre de 2024, en Santiago.", "es", "2023-11-15")
    held = [m for m in result.facts.meetings if m.status == "held"]
    assert held and all(m.date is None or m.date.start.year == 2023 for m in held)


# "el jefe de la diplomacia estadounidense": the Secretary of State the text named; "el canciller" alone, after him and
# Peru's foreign minister, stays Peru's.
@pytest.mark.parametrize("text, who", [
    ("El secretario de Estado Antony Blinken llegó a Lima. El jefe de la diplomacia estadounidense reiteró el respaldo "
     "de su país a las instituciones democráticas del Perú.", "antony-blinken"),
    ("El canciller César Landa recibió al secretario de Estado Antony Blinken. El canciller reiteró el compromiso del "
     "Perú de fortalecer la democracia.", "cesar-landa"),
])
def test_the_us_foreign_minister_named_by_periphrasis_is_the_secretary_of_state(extractor, text, who):
    (pledge,) = extract(extractor, text, "es", "2022-10-06").facts.commitments
    assert who in pledge.actors


# A joint statement's numbered items after a line naming its parties: an item that states a pledge is theirs ("Will
# continue to work together …", "Reaffirm their commitment to the … Charter"); one that names its own subject is that
# subject's; items of recognition or welcome are none.
def test_the_items_of_a_joint_statement_are_the_parties_pledges(extractor):
    result = extract(extractor, "Today in Lima, Secretary of State Antony J. Blinken and Peruvian Foreign Minister César Landa "
                     "met to review the broad agenda between our two countries.\n\nThe United States of America and the "
                     "Republic of Peru:\n\n1. Recognize that free and fair elections are the foundations of democratic "
                     "governance;\n\n2. Reaffirm their commitment to the Inter-American Democratic Charter;\n\n3. Will continue "
                     "to work together to combat illegal logging and illegal gold mining;\n\n4. Welcome Peru's designation as "
                     "host of APEC in 2024, and the United States reiterates its support for Peru's accession to the OECD.",
                     "en", "2022-10-05")
    assert sorted(sorted(c.actors) for c in result.facts.commitments) == [
        ["peru", "united-states"], ["peru", "united-states"], ["united-states"]]


# Interest in what another is to do, or in a thing, is no pledge; interest in an act of one's own is.
@pytest.mark.parametrize("text, pledges", [
    ("El canciller Javier González-Olaechea expresó su interés en que Washington evalúe la incorporación del Perú al "
     "programa de Viajeros Confiables.", 0),
    ("Representantes de la Cámara de Comercio de los Estados Unidos expresaron su interés en la cartera del Plan Nacional "
     "de Infraestructura.", 0),
    ("El subsecretario Don Graves manifestó el interés de empresas estadounidenses en invertir en proyectos de hidrógeno "
     "verde.", 0),
    ("El canciller Javier González-Olaechea y el secretario Antony Blinken manifestaron el interés de continuar trabajando "
     "juntos en la lucha contra el narcotráfico.", 1),
    ("Tillerson manifestó el interés de su país en seguir cooperando con el Perú en la lucha contra el narcotráfico.", 1),
])
def test_interest_in_what_another_is_to_do_is_no_pledge(extractor, text, pledges):
    assert len(extract(extractor, text, "es", "2023-09-20").facts.commitments) == pledges


# A headline's lone-minister meetings "con Estados Unidos, Paraguay …" are those the body tells with each side's people;
# "vigente desde 2009" dates no meeting.
def test_a_headlines_meetings_are_the_bodys(extractor):
    result = extract(extractor, "Canciller González-Olaechea sostuvo reuniones bilaterales con Estados Unidos, Paraguay, Canadá "
                     "y Guatemala en la 54 Asamblea General de la OEA\n\nAsunción, 28 de junio de 2024\n\nEl ministro de "
                     "Relaciones Exteriores, Javier González-Olaechea Franco, encabeza la delegación peruana.\n\nEn ese marco, "
                     "el canciller sostuvo este jueves una reunión con el subsecretario de Estado para Asuntos del Hemisferio "
                     "Occidental de los Estados Unidos, Brian A. Nichols.\n\nEl mismo jueves, el jefe de la diplomacia peruana se "
                     "reunió con su homólogo paraguayo, Rubén Ramírez Lezcano.", "es", "2024-06-28")
    for side in ("united-states", "paraguay"):
        assert len([m for m in result.facts.meetings if side in m.participants and m.kind != "multilateral"]) == 1


def test_a_year_since_which_something_holds_dates_no_meeting(extractor):
    meeting = only_meeting(extract(extractor, "El canciller Javier González-Olaechea conversó con la viceministra de Canadá, "
                                   "Eleanor Whitfield, con quien repasó el Tratado de Libre Comercio Perú-Canadá, vigente desde "
                                   "2009.", "es", "2024-06-28"))
    assert meeting.date is None


# "El mismo jueves" is that week's Thursday; "En la misma jornada" is the day of the meeting told before.
def test_the_same_weekday_or_day_dates_a_meeting(extractor):
    meeting = only_meeting(extract(extractor, "El mismo jueves, el canciller Javier González-Olaechea se reunió con su homólogo "
                                   "paraguayo, Rubén Ramírez Lezcano.", "es", "2024-06-28"))
    assert meeting.date == PartialDate(2024, 6, 27)
    result = extract(extractor, "El miércoles 25, el canciller Néstor Popolizio se reunió con el secretario de Estado Mike "
                     "Pompeo.\n\nEn la misma jornada, el canciller sostuvo un encuentro con su homólogo de Colombia, Carlos "
                     "Holmes Trujillo.", "es", "2019-09-27")
    (colombia,) = [m for m in result.facts.meetings if "carlos-holmes-trujillo" in m.participants]
    assert colombia.date == PartialDate(2019, 9, 25)


# "en la reunión que este sostuvo … con X", "un almuerzo de trabajo con X" are meetings; "partirá … hacia Quito" is a
# visit to Ecuador to come.
@pytest.mark.parametrize("text, people", [
    ("El jueves, el canciller César Landa acompañó al presidente de la República, Pedro Castillo Terrones, en la reunión "
     "que este sostuvo en Palacio de Gobierno con el secretario de Estado de los Estados Unidos, Antony Blinken.",
     {"pedro-castillo", "antony-blinken"}),
    ("La subsecretaria Allison Hooker concluyó hoy su agenda con un almuerzo de trabajo con la ministra de Economía y "
     "Finanzas, Carla Benavides Ruiz.", {"allison-hooker", "carla-benavides-ruiz"}),
    ("La subsecretaria Allison Hooker partirá mañana domingo hacia Quito.", {"allison-hooker", "ecuador"}),
])
def test_a_meeting_told_by_its_noun_or_a_departure_is_a_meeting(extractor, text, people):
    assert people <= set(only_meeting(extract(extractor, text, "es", "2025-12-06")).participants)


# A meeting proposed, or a visit one is interested in, is not planned; "pondrá a disposición" is a pledge.
@pytest.mark.parametrize("text, meetings", [
    ("El canciller Álvaro Leyva propuso convocar una reunión de ministros de Defensa de los países amazónicos.", 0),
    ("El subsecretario Todd Robinson expresó su interés en visitar las zonas de desarrollo alternativo de San Martín.", 0),
    ("El viceministro Raúl Tejada propuso ayer iniciar la negociación de un convenio, durante una reunión sostenida en Lima "
     "con el subsecretario adjunto del Tesoro, Andrew Kessler.", 1),
])
def test_a_meeting_proposed_or_wished_is_not_planned(extractor, text, meetings):
    assert len(extract(extractor, text, "es", "2023-08-11").facts.meetings) == meetings


def test_making_a_credit_line_available_is_a_pledge(extractor):
    (pledge,) = extract(extractor, "El presidente del BID, Ilan Goldfajn, afirmó que el BID pondrá a disposición del país una "
                        "línea de crédito contingente de hasta 300 millones de dólares.", "es", "2023-06-10").facts.commitments
    assert "idb" in pledge.actors


# What a trip "is intended to" do is its purpose; "said her government would present …" is a pledge.
@pytest.mark.parametrize("text, pledges", [
    ("Deputy Secretary of State Christopher Landau will travel to Lima, Peru, and Santiago, Chile. The trip is intended to "
     "build momentum ahead of the Tenth Summit of the Americas.", 0),
    ("President Dina Boluarte said her government would present an updated national strategy against illegal logging.", 1),
])
def test_a_purpose_is_no_pledge_and_a_reported_plan_is(extractor, text, pledges):
    assert len(extract(extractor, text, "en", "2024-11-16").facts.commitments) == pledges


# ", said the United States would provide …" after an aside: what is said, by the speaker's country — not the source of
# a report (", said the Ministry in a statement").
def test_said_after_an_aside_opens_what_is_said_not_its_source(extractor):
    (pledge,) = extract(extractor, "Secretary of State Marco Rubio, who visited Panama last month, said the United States would "
                        "provide Peru with non-intrusive cargo scanning equipment.", "en", "2025-03-12").facts.commitments
    assert {"marco-rubio", "united-states"} <= set(pledge.actors) and "panama" not in pledge.actors


def test_an_assistant_secretary_for_law_enforcement_affairs_is_the_person_named(extractor):
    meeting = only_meeting(extract(extractor, "Assistant Secretary for International Narcotics and Law Enforcement Affairs Todd "
                                   "D. Robinson met Interior Minister Juan José Santiváñez in Lima.", "en", "2024-05-01"))
    assert "todd-robinson" in meeting.participants


# Think tanks that host ministers are known organisations in both languages.
@pytest.mark.parametrize("text, language, host", [
    ("El miércoles, el ministro Rómulo Mucho expuso en un conversatorio con el Centro de Estudios Estratégicos e "
     "Internacionales (CSIS).", "es", "center-for-strategic-and-international-studies"),
    ("Foreign Minister Elmer Schialer met with business leaders at the Council of the Americas in New York.", "en",
     "council-of-the-americas"),
])
def test_think_tanks_are_known_organisations(extractor, text, language, host):
    assert host in {a.id for a in extract(extractor, text, language, "2026-02-12").mentioned}


# Two people who took part together in a ceremony met there.
@pytest.mark.parametrize("text, language", [
    ("La embajadora de los Estados Unidos en el Perú, Stephanie Syptak-Ramnath, y el comandante general de la Marina de "
     "Guerra del Perú, almirante Alberto Alcalá Luna, participaron este jueves en la ceremonia de entrega de cuatro lanchas "
     "interceptoras.", "es"),
    ("U.S. Ambassador Stephanie Syptak-Ramnath and Navy Commander Admiral Alberto Alcalá Luna participated on Thursday in the "
     "handover ceremony of four interceptor boats.", "en"),
])
def test_two_people_who_took_part_in_a_ceremony_met(extractor, text, language):
    meeting = only_meeting(extract(extractor, text, language, "2024-03-08"))
    assert {"stephanie-syptak-ramnath", "alberto-alcala-luna"} <= set(meeting.participants)


def test_an_asides_day_is_not_the_day_of_the_pledge(extractor):
    (pledge,) = extract(extractor, "Secretary of State Marco Rubio, who visited Panama last month, said the United States would "
                        "provide Peru with cargo scanning equipment.", "en", "2025-03-12").facts.commitments
    assert pledge.date is None


# "En su encuentro con X, ambos ministros abordaron …": held (a name ending like a future, "Durán", is no tense), between
# X and the minister the text is about — not the one met before.
def test_both_ministers_after_the_one_met_are_the_subject_and_that_one(extractor):
    result = extract(extractor, "El canciller César Landa se reunió con el canciller de México, Marcelo Ebrard.\n\nEn su "
                     "encuentro con el canciller de Colombia, Álvaro Leyva Durán, ambos ministros abordaron la situación de "
                     "la frontera común.", "es", "2022-10-07")
    (colombia,) = [m for m in result.facts.meetings if "alvaro-leyva-duran" in m.participants]
    assert colombia.status == "held" and "cesar-landa" in colombia.participants and "marcelo-ebrard" not in colombia.participants


# An agenda tells each day's activities under a heading of that day ("LUNES 10", "Martes 11 de marzo"): a meeting held
# there with no date of its own is on that day; a date line with a year is the text's own, not a section's.
@pytest.mark.parametrize("heading, day", [
    ("LUNES 10", PartialDate(2025, 3, 10)),
    ("Martes 11 de marzo", PartialDate(2025, 3, 11)),
    ("Wednesday, March 12", PartialDate(2025, 3, 12)),
    ("Miércoles, 12 de marzo de 2025", None),
])
def test_an_agendas_day_heading_dates_the_meetings_under_it(extractor, heading, day):
    text = (f"Canciller cumplió intensa agenda durante la semana\n\n{heading}\n\nEn la mañana, el canciller Elmer Schialer "
            "recibió en el Palacio de Torre Tagle a la embajadora de los Estados Unidos, Stephanie Syptak-Ramnath.")
    assert only_meeting(extract(extractor, text, "es", "2025-03-14")).date == day


# "su par colombiano, X": a counterpart titled by "par", as by "homólogo".
def test_a_counterpart_called_par_is_the_person_named(extractor):
    meeting = only_meeting(extract(extractor, "El canciller Néstor Popolizio se reunió con su par colombiano, Carlos Holmes "
                                   "Trujillo.", "es", "2019-09-25"))
    assert "carlos-holmes-trujillo" in meeting.participants and meeting.place is None


# Reported speech pledges acts of government beyond giving: publishing rules, hiring staff.
@pytest.mark.parametrize("text", [
    "Minister Edgar Vasquez said Peru would publish new rules for its forestry regulator within 90 days.",
    "Minister Albina Ruiz said Peru would hire 200 additional park rangers for protected areas in the Amazon.",
])
def test_a_reported_act_of_government_is_a_pledge(extractor, text):
    (pledge,) = extract(extractor, text, "en", "2019-05-09").facts.commitments
    assert "peru" in pledge.actors


# "En el marco de su visita, el canciller sostuvo también una reunión con Y": "también" inside the words that state the
# meeting makes another encounter of the visit, not the one told before.
def test_also_inside_the_meeting_words_is_another_meeting_of_the_visit(extractor):
    result = extract(extractor, "El canciller Ricardo Bustamante se reunió este lunes 4 en Washington con el secretario de Estado "
                     "Antony Blinken.\n\nEn el marco de su visita, el canciller sostuvo también una reunión con la representante "
                     "comercial de los Estados Unidos, Katherine Tai.", "es", "2023-12-05")
    (tai,) = [m for m in result.facts.meetings if "katherine-tai" in m.participants]
    assert "antony-blinken" not in tai.participants


# "met then-President Joe Biden": a title of that time still names who was met.
@pytest.mark.parametrize("text", ["President Dina Boluarte met then-President Joe Biden in Lima in November.",
                                  "President Dina Boluarte met then President Joe Biden in Lima in November."])
def test_a_title_of_that_time_names_who_was_met(extractor, text):
    assert {"dina-boluarte", "joe-biden"} <= set(only_meeting(extract(extractor, text, "en", "2025-05-20")).participants)


# A meeting agreed on in Spanish, when and where told before it, or its session in the subjunctive: planned.
@pytest.mark.parametrize("text", [
    "Ambos acordaron celebrar en Lima, antes de fin de año, una nueva ronda de consultas políticas bilaterales.",
    "Ambos ministros acordaron celebrar en noviembre, en Ciudad de México, la reunión del Consejo de Asociación Estratégica.",
    "Ambos acordaron que el VI Gabinete Binacional Perú-Colombia se celebre en Cartagena en el primer semestre del año.",
])
def test_a_meeting_agreed_on_is_planned(extractor, text):
    result = extract(extractor, "El canciller Néstor Popolizio se reunió con el canciller de Colombia, Carlos Holmes Trujillo.\n\n"
                     + text, "es", "2019-09-25")
    assert [m.status for m in result.facts.meetings] == ["held", "scheduled"]


# A headline long enough to look like a paragraph is not the lead: the dateline of the lead below it still anchors
# "ayer".
def test_a_long_headline_does_not_hide_the_leads_dateline(extractor):
    text = ("Inicio > Política\n\nJefe del Comando Sur de EE.UU. se reúne con presidenta Boluarte y ministro de Defensa; firman "
            "memorando sobre respuesta ante desastres\n\nVisita oficial de tres días incluye recorrido por instalaciones "
            "militares en el Callao\n\nPor Rosa Quispe Huamán\n\nLIMA, 13 de agosto (ANDINA).- El almirante Alvin Holsey fue "
            "recibido ayer por la presidenta de la República, Dina Boluarte, en Palacio de Gobierno.\n\n" + "Otro párrafo.\n\n" * 4)
    assert dateline(text, "es", PartialDate(2025, 8, 13)).place == "LIMA"
    (met,) = [m for m in extract(extractor, text, "es", "2025-08-13").facts.meetings if "alvin-holsey" in m.participants]
    assert met.date == PartialDate(2025, 8, 12)


# A bare instrument noun with a relative clause of signing is a new instrument, signed, not one told before.
@pytest.mark.parametrize("text, language, country", [
    ("The memorandum that Peru and the United States signed today adds $28 million to our shared programs.", "en", "peru"),
    ("El memorando que firmaron hoy Panamá y los Estados Unidos establece un marco de cooperación concreto.", "es", "panama"),
])
def test_an_instrument_signed_in_a_relative_clause_is_stated(extractor, text, language, country):
    (agreement,) = extract(extractor, text, language, "2024-09-12").facts.agreements
    assert agreement.status == "signed" and {country, "united-states"} <= set(agreement.parties)


def test_an_instrument_we_have_just_signed_is_signed(extractor):
    (agreement,) = extract(extractor, "El memorando que acabamos de firmar el secretario Alejandro Mayorkas y este servidor "
                           "establece un marco de cooperación concreto.", "es", "2024-07-01").facts.agreements
    assert agreement.status == "signed"


# "The agreement, signed today by A and B, …": signed, that day; "the agreement, signed in 2009, …" points back.
@pytest.mark.parametrize("text, language", [
    ("The agreement, signed today by Minister of Health Hernando Cevallos and U.S. Ambassador Lisa Kenna, provides $5 million "
     "for vaccines in Peru.", "en"),
    ("El acuerdo, suscrito hoy por el ministro de Salud, Hernando Cevallos, y la embajadora de Estados Unidos, Lisa Kenna, "
     "permitirá vacunar a miles de personas.", "es"),
])
def test_an_instrument_signed_by_people_in_an_apposition_is_stated(extractor, text, language):
    (agreement,) = extract(extractor, text, language, "2021-08-25").facts.agreements
    assert agreement.status == "signed" and agreement.date == PartialDate(2021, 8, 25)


def test_an_instrument_signed_long_ago_in_an_apposition_points_back(extractor):
    assert not extract(extractor, "The agreement, signed in 2009, has doubled trade between Peru and the United States.", "en",
                       "2021-08-25").facts.agreements


# A speech's headline after a page's crumbs still says whose the first person is.
def test_the_speaker_of_remarks_is_found_past_the_crumbs(extractor):
    meeting = only_meeting(extract(extractor, "Home | News & Events | Speeches\n\nRemarks by Ambassador Stephanie Syptak-Ramnath "
                                   "at the Signing of Amendment 17\n\nThis morning, I met with Minister Juan José Santiváñez to "
                                   "review our joint work against drug trafficking.", "en", "2024-09-12"))
    assert {"stephanie-syptak-ramnath", "juan-jose-santivanez"} <= set(meeting.participants)


# "viajaré a Washington para reunirme con X" in a minister's words: the speaker's meeting, to come.
def test_a_speakers_trip_to_meet_someone_is_planned(extractor):
    meeting = only_meeting(extract(extractor, "Palabras del Canciller Javier Martínez-Acha en la firma del Memorando\n\nEn las "
                                   "próximas semanas viajaré a Washington para reunirme con el Secretario de Estado, Antony "
                                   "Blinken.", "es", "2024-07-01"))
    assert meeting.status == "scheduled" and {"javier-martinez-acha", "antony-blinken"} <= set(meeting.participants)


def test_a_deputy_trade_representative_is_a_person_in_spanish(extractor):
    meeting = only_meeting(extract(extractor, "El ministro Edgar Vásquez se reunió con el representante adjunto de Comercio de "
                                   "los Estados Unidos, C. J. Mahoney.", "es", "2019-10-10"))
    assert "c-j-mahoney" in meeting.participants


# "La diplomática", "the diplomat": the person told before, who commits with her country.
@pytest.mark.parametrize("text, language", [
    ("La embajadora de los Estados Unidos en el Perú, Stephanie Syptak-Ramnath, y el ministro del Interior, Juan José "
     "Santiváñez, encabezaron la ceremonia de entrega. La diplomática reiteró el compromiso de los Estados Unidos de seguir "
     "apoyando a la Policía Nacional del Perú.", "es"),
    ("U.S. Ambassador Stephanie Syptak-Ramnath and Interior Minister Juan José Santiváñez led the handover ceremony. The "
     "diplomat reiterated the commitment of the United States to continue supporting the Peruvian National Police.", "en"),
])
def test_the_diplomat_is_the_person_told_before(extractor, text, language):
    (pledge,) = extract(extractor, text, language, "2024-08-19").facts.commitments
    assert {"stephanie-syptak-ramnath", "united-states"} <= set(pledge.actors)


# "anunció además que INL destinará …": what is reported past an adverb is the agency's pledge.
def test_an_adverb_before_que_still_opens_the_report(extractor):
    (pledge,) = extract(extractor, "La embajadora de los Estados Unidos, Stephanie Syptak-Ramnath, entregó las lanchas. La "
                        "diplomática anunció además que INL destinará US$ 2,5 millones adicionales en 2026 para construir una "
                        "base fluvial.", "es", "2025-05-20").facts.commitments
    assert "inl" in pledge.actors


# "… on August 29. On the same day, X will host Y …": a meeting to come on the day of the one announced before.
def test_the_same_day_as_a_meeting_announced_before(extractor):
    result = extract(extractor, "President Biden will welcome President Rodrigo Chaves of Costa Rica to the White House on August "
                     "29. On the same day, Vice President Kamala Harris will host President Chaves for a working lunch.", "en",
                     "2023-08-25")
    (lunch,) = [m for m in result.facts.meetings if "kamala-harris" in m.participants]
    assert lunch.status == "scheduled" and lunch.date == PartialDate(2023, 8, 29)


# "Asimismo, se comprometieron a …": the plural is the trigger's own verb, and stands for the people who met.
def test_a_plural_pledge_with_no_subject_is_of_the_people_who_met(extractor):
    result = extract(extractor, "El canciller Javier González-Olaechea se reunió con el secretario de Estado Antony Blinken en "
                     "Washington. El canciller reiteró el compromiso del Perú con la democracia. Asimismo, se comprometieron a "
                     "trabajar juntos en migración.", "es", "2024-05-02")
    (pledge,) = [c for c in result.facts.commitments if "migration" in c.topics]
    assert {"javier-gonzalez-olaechea", "antony-blinken"} <= set(pledge.actors)


# Abbreviated ranks ("Capt.", "Vice Adm.", "Maj. Gen.") are titles; their full stop ends no sentence.
@pytest.mark.parametrize("text, people", [
    ("On Oct. 10, Capt. Dana Whitfield, Stone’s commanding officer, met with Vice Adm. Manuel Vásquez Carpio, Director General "
     "of DICAPI, in Callao.", {"dana-whitfield", "manuel-vasquez-carpio"}),
    ("On Monday, Rear Adm. Jane Smith met with Cmdr. Luis Pérez and Maj. Gen. Carlos Ruiz in Lima.",
     {"jane-smith", "luis-perez", "carlos-ruiz"}),
])
def test_abbreviated_military_ranks_introduce_people(extractor, text, people):
    meeting = only_meeting(extract(extractor, text, "en", "2022-10-14"))
    assert set(meeting.participants) >= people and meeting.date == PartialDate(2022, 10, 10)


def test_a_dateline_month_abbreviated_in_spanish_ends_no_sentence(extractor):
    meeting = only_meeting(extract(extractor, "Lima, 5 jun. 2024 (ANDINA).- El ministro de Relaciones Exteriores, Javier "
                                   "González-Olaechea, recibió este martes 4 en el Palacio de Torre Tagle a la embajadora de los "
                                   "Estados Unidos en el Perú, Stephanie Syptak-Ramnath.", "es", "2024-06-05"))
    assert meeting.date == PartialDate(2024, 6, 4) and meeting.place == "lima"
    assert {"javier-gonzalez-olaechea", "stephanie-syptak-ramnath"} <= set(meeting.participants)


# "recibió este martes 4 a la embajadora …": when (and where) may come between receiving and the titled person received.
def test_received_with_when_before_the_titled_person(extractor):
    meeting = only_meeting(extract(extractor, "El canciller Javier González-Olaechea recibió este martes 4 a la embajadora "
                                   "Stephanie Syptak-Ramnath.", "es", "2024-06-05"))
    assert meeting.date == PartialDate(2024, 6, 4)


# "Vice President Mike Pence says the United States will provide …": the speaker commits with his country, even when the
# title names no country for him.
def test_a_speaker_of_no_known_country_commits_with_the_country_he_reports(extractor):
    (pledge,) = extract(extractor, "Vice President Mike Pence says the United States will provide nearly $16 million in new "
                        "humanitarian aid to help Venezuelans who have fled to neighboring countries.", "en",
                        "2018-04-13").facts.commitments
    assert {"mike-pence", "united-states"} <= set(pledge.actors)


# "Está previsto que el secretario Mayorkas viaje mañana a Tegucigalpa": a trip in the subjunctive is a visit to come.
@pytest.mark.parametrize("text, visit", [
    ("El presidente Bernardo Arévalo recibió hoy al secretario de Seguridad Nacional, Alejandro Mayorkas. Está previsto que el "
     "secretario Mayorkas viaje mañana a Tegucigalpa.", {"alejandro-mayorkas", "honduras"}),
    ("Está previsto que la canciller Diana Mondino visite Washington el próximo lunes 10.", {"diana-mondino", "united-states"}),
])
def test_a_trip_in_the_subjunctive_is_a_visit_to_come(extractor, text, visit):
    result = extract(extractor, text, "es", "2024-06-03")
    (trip,) = [m for m in result.facts.meetings if m.status == "scheduled"]
    assert set(trip.participants) == visit
