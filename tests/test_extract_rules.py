"""General rules of the extractor, each stated on small texts written for it (in the phrasings
of the genre, not copied from any evaluation set): whose an agreement is, whose a title is,
where names end, what a status word means, which sentences state meetings, commitments and
dates, and when two mentions are one fact."""
from __future__ import annotations

import pytest
import yaml

from kg.build import documents, gazetteer
from kg.config import Config
from kg.dates import DateRange, PartialDate
from kg.extract import Extractor
from kg.extract.lexicon import LEXICONS


@pytest.fixture(scope="module")
def extractor():
    return Extractor(gazetteer.load(Config().gazetteer_file))


def extract(extractor, text: str, language: str, date: str):
    d = documents.Document("t", None, documents.normalise(text), language=language, date=documents.parse_iso(date))
    return extractor.extract(d)


def actors_of(result) -> set[str]:
    return {a for f in result.facts.all() for a in (getattr(f, "participants", None) or getattr(f, "actors", None)
                                                      or getattr(f, "parties", None) or [])}


# ------------------------------------------------------------------ agreements: identity

def test_a_well_known_agreement_is_matched_only_when_its_parties_fit(extractor):
    colombia = extract(extractor, "The U.S.-Colombia Trade Promotion Agreement entered into force in 2012.", "en", "2024-05-01")
    chile = extract(extractor, "The United States–Chile Trade Promotion Agreement entered into force in 2004.", "en", "2024-05-01")
    peru = extract(extractor, "Peru and the United States celebrated the anniversary of their Trade Promotion Agreement.",
                   "en", "2024-05-01")
    assert colombia.facts.agreements[0].id == "us-colombia-trade-promotion-agreement"
    assert peru.facts.agreements[0].id == "us-peru-trade-promotion-agreement"
    (a,) = chile.facts.agreements
    assert a.id not in ("us-peru-trade-promotion-agreement", "us-colombia-trade-promotion-agreement")
    assert "chile" in a.id and set(a.parties) >= {"chile", "united-states"}


def test_a_generic_agreement_of_other_countries_does_not_become_perus(extractor):
    r = extract(extractor, "Costa Rica y Estados Unidos destacaron el Acuerdo de Promoción Comercial vigente desde 2009.",
                "es", "2024-05-01")
    (a,) = r.facts.agreements
    assert a.id != "us-peru-trade-promotion-agreement" and "costa-rica" in a.id


def test_the_same_unknown_agreement_of_two_pairs_of_countries_is_two_nodes(extractor):
    a = extract(extractor, "Chile y el Perú destacaron el Acuerdo de Libre Comercio entre ambos países.", "es", "2024-05-01")
    b = extract(extractor, "Colombia y Panamá destacaron el Acuerdo de Libre Comercio entre ambos países.", "es", "2024-05-01")
    assert a.facts.agreements[0].id != b.facts.agreements[0].id


@pytest.mark.parametrize("text, language, expected", [
    ("Chile signed the Artemis Accords on March 5, 2025, in a ceremony in Washington.", "en", "artemis-accords"),
    ("Under the Paris Agreement, both governments report their emissions.", "en", "paris-agreement"),
    ("Bajo el Acuerdo de París, ambos gobiernos informan sus emisiones.", "es", "paris-agreement"),
])
def test_names_are_cut_at_dates_and_leading_prepositions(extractor, text, language, expected):
    r = extract(extractor, text, language, "2025-03-10")
    assert [a.id for a in r.facts.agreements] == [expected]


def test_a_name_does_not_take_the_preposition_that_opens_the_sentence(extractor):
    r = extract(extractor, "Under a Memorandum of Understanding signed on May 2, 2023, Colombia and the United States "
                           "share flight data.", "en", "2024-01-01")
    (a,) = r.facts.agreements
    assert not a.name["en"].lower().startswith("under") and "under" not in a.id.split("-")


# ------------------------------------------------------------------ agreements: status, parties, date

@pytest.mark.parametrize("text, language, status", [
    ("The Secretary and the Minister are expected to sign a Memorandum of Understanding on Energy Security.", "en", "announced"),
    ("Both governments will sign a Memorandum of Understanding on Energy Security next week.", "en", "announced"),
    ("Los cancilleres firmarán un Memorando de Entendimiento sobre Seguridad Energética.", "es", "announced"),
    ("Ambos gobiernos prevén firmar un Memorando de Entendimiento sobre Seguridad Energética.", "es", "announced"),
    ("The United States welcomed Paraguay's accession to the Container Security Initiative.", "en", "joined"),
    ("Los Estados Unidos saludaron la adhesión de Paraguay a la Iniciativa de Seguridad de Contenedores.", "es", "joined"),
    ("Los cancilleres firmaron un Memorando de Entendimiento sobre Seguridad Energética.", "es", "signed"),
])
def test_a_signature_to_come_is_announced_and_a_welcomed_accession_joined(extractor, text, language, status):
    r = extract(extractor, text, language, "2025-06-02")
    assert [a.status for a in r.facts.agreements] == [status]


def test_the_parties_of_a_memorandum_are_its_signatories_not_the_bodies_it_benefits(extractor):
    r = extract(extractor, "Honduras y Estados Unidos celebraron hoy una reunión. Según el comunicado, las partes firmaron "
                           "un memorando de entendimiento sobre control aduanero, que prevé capacitación para la Dirección "
                           "Aduanera Nacional y la Agencia Nacional de Puertos.", "es", "2025-02-03")
    (a,) = r.facts.agreements
    assert set(a.parties) == {"honduras", "united-states"}


def test_a_signature_the_text_reports_as_its_news_takes_the_day_of_the_meeting(extractor):
    r = extract(extractor, "El canciller Hugo de Zela recibió hoy en Lima al canciller chileno. Ambos suscribieron un "
                           "Memorando de Entendimiento sobre Cooperación Antártica.", "es", "2025-11-03")
    assert r.facts.agreements[0].date == PartialDate(2025, 11, 3)
    old = extract(extractor, "El Tratado de Libre Comercio, firmado en 2006, ha duplicado el comercio entre Chile y Perú.",
                  "es", "2025-11-03")
    assert old.facts.agreements[0].date == PartialDate(2006)


@pytest.mark.parametrize("text, expected", [
    ("El Convenio de Cooperación Aduanera entre Chile y Bolivia, vigente desde 2015, facilitó el comercio.", PartialDate(2015)),
    ("El Acuerdo sobre Servicios Aéreos entre Chile y Bolivia, en vigor desde 2021, amplió las rutas.", PartialDate(2021)),
])
def test_in_force_since_a_year_dates_the_agreement(extractor, text, expected):
    assert extract(extractor, text, "es", "2025-01-10").facts.agreements[0].date == expected


# ------------------------------------------------------------------ actors

@pytest.mark.parametrize("text, language, person", [
    ("The Foreign Minister of Chile met with Secretary Rubio today.", "en", "alberto-van-klaveren"),
    ("Colombia's President met with Secretary Rubio today.", "en", "gustavo-petro"),
    ("La ministra de Relaciones Exteriores del Ecuador se reunió hoy con el secretario Rubio.", "es", "gabriela-sommerfeld"),
    ("El canciller chileno se reunió hoy con el secretario Rubio.", "es", "alberto-van-klaveren"),
])
def test_a_title_qualified_by_a_country_is_that_countrys(extractor, text, language, person):
    r = extract(extractor, text, language, "2025-06-10")
    assert person in actors_of(r)
    assert not {"hugo-de-zela", "peru"} & actors_of(r)


def test_a_bare_title_after_a_qualified_one_keeps_to_the_persons_country(extractor):
    r = extract(extractor, "El canciller Hugo de Zela recibió hoy en Lima a su homólogo de Chile. El canciller chileno "
                           "y el canciller De Zela acordaron ampliar la cooperación consular.", "es", "2025-11-03")
    assert {"alberto-van-klaveren", "hugo-de-zela"} <= set(r.facts.commitments[0].actors)


def test_a_person_named_after_a_country_qualified_title_takes_that_country(extractor):
    r = extract(extractor, "La ministra de Relaciones Exteriores y Culto de Costa Rica, Ana Lucía Mora, se reunió hoy con "
                           "el secretario Rubio.", "es", "2025-06-10")
    new = {a.id: a for a in r.actors}
    assert new["ana-lucia-mora"].country == "costa-rica"


def test_an_unqualified_title_falls_back_to_the_documents_countries(extractor):
    r = extract(extractor, "Secretary Rubio traveled to Panama City, where he met with the Foreign Minister.", "en", "2025-02-02")
    assert "javier-martinez-acha" in actors_of(r) and "hugo-de-zela" not in actors_of(r)


def test_a_generic_ministry_is_the_one_of_the_country_the_text_names(extractor):
    known = extract(extractor, "Guatemala's Ministry of Foreign Affairs pledged to work with the United States "
                               "on migration.", "en", "2025-06-10")
    assert "guatemala-ministry-of-foreign-affairs" in actors_of(known)
    minted = extract(extractor, "Nicaragua's Ministry of Foreign Affairs pledged to work with the United States "
                                "on migration.", "en", "2025-06-10")
    new = {a.id: a for a in minted.actors}
    assert "peru-ministry-of-foreign-affairs" not in actors_of(minted)
    assert new["nicaragua-ministry-of-foreign-affairs"].country == "nicaragua"


@pytest.mark.parametrize("text, language, countries", [
    ("El Gobierno de la República de Colombia se comprometió a ampliar la red de puertos seguros.", "es", ["colombia"]),
    ("The Government of the Republic of Honduras committed to expand its port security network.", "en", ["honduras"]),
    ("El Gobierno del Paraguay se comprometió a ampliar la red de puertos seguros.", "es", ["paraguay"]),
    ("Los Gobiernos de la República de Chile y de los Estados Unidos de América se comprometieron a ampliar la red de "
     "puertos seguros.", "es", ["chile", "united-states"]),
])
def test_the_government_of_a_country_is_the_country(extractor, text, language, countries):
    r = extract(extractor, text, language, "2025-06-10")
    assert r.facts.commitments[0].actors == countries and r.actors == []


@pytest.mark.parametrize("text", [
    "Secretary Rubio will travel to Bogotá. On Monday, the Secretary will meet with President Petro.",
    "Secretary Rubio will travel to Bogotá. In March, the Secretary met with President Petro.",
    "Secretary Rubio will travel to Bogotá. Both leaders will meet with business leaders on Friday.",
])
def test_capitalised_words_opening_a_sentence_are_not_actors(extractor, text):
    r = extract(extractor, text, "en", "2025-06-10")
    assert r.actors == [] and actors_of(r) <= {"marco-rubio", "gustavo-petro", "united-states", "colombia"}


def test_the_secretary_is_the_secretary_named_before(extractor):
    r = extract(extractor, "Secretary of State Antony Blinken will travel to Bogotá next week. On Tuesday, the Secretary "
                           "will meet with President Petro.", "en", "2024-03-01")
    assert any({"antony-blinken", "gustavo-petro"} <= set(m.participants) for m in r.facts.meetings)
    assert "marco-rubio" not in actors_of(r)


def test_hyphenated_surnames_and_organisation_names_are_kept_whole(extractor):
    r = extract(extractor, "La viceministra de Relaciones Exteriores, María Teresa Pérez-Lugo, se reunió hoy con el "
                           "director del Servicio Nacional de Sanidad y Calidad Agroalimentaria (SENASA).", "es", "2025-06-10")
    ids = {a.id for a in r.actors}
    assert "maria-teresa-perez-lugo" in ids
    assert "servicio-nacional-de-sanidad-y-calidad-agroalimentaria" in ids


def test_a_conjunction_does_not_join_two_organisations(extractor):
    r = extract(extractor, "Los cancilleres firmaron el Memorando de Entendimiento entre el Instituto Nacional de "
                           "Estadística del Perú y el Instituto Nacional de Estadísticas de Chile.", "es", "2025-06-10")
    ids = {a.id for a in r.actors}
    assert {"instituto-nacional-de-estadistica-del-peru", "instituto-nacional-de-estadisticas-de-chile"} <= ids
    assert set(r.facts.agreements[0].parties) >= {"peru", "chile"}


def test_the_country_of_a_title_is_not_where_the_meeting_is(extractor):
    r = extract(extractor, "El canciller Hugo de Zela se reunió hoy con el subsecretario de Estado de los Estados Unidos, "
                           "Christopher Landau, en el Palacio de Torre Tagle.", "es", "2025-12-06")
    (m,) = r.facts.meetings
    assert m.place != "united-states" and "peru-ministry-of-foreign-affairs" not in m.participants
    visit = extract(extractor, "El canciller Hugo de Zela viajará a Santiago, donde se reunirá con el canciller chileno.",
                    "es", "2025-12-06")
    assert visit.facts.meetings[0].place == "santiago-de-chile"


def test_the_source_of_a_report_is_not_a_participant(extractor):
    r = extract(extractor, "El canciller Hugo de Zela se reunió hoy con el secretario Rubio, informó la Cancillería en "
                           "un comunicado.", "es", "2025-12-06")
    assert "peru-ministry-of-foreign-affairs" not in r.facts.meetings[0].participants


# ------------------------------------------------------------------ meetings

@pytest.mark.parametrize("text, language, date", [
    ("El secretario Rubio aceptó la invitación para visitar Lima, formulada por el canciller De Zela.", "es", "2025-06-10"),
    ("Secretary Rubio accepted the invitation to visit Lima extended by Foreign Minister De Zela.", "en", "2025-06-10"),
    ("Both governments agreed to hold the next round of the Peru–U.S. Security Dialogue in Lima.", "en", "2025-06-10"),
    ("Las delegaciones acordaron celebrar la Segunda Reunión del Mecanismo de Consultas Políticas en Lima.", "es", "2025-06-10"),
])
def test_an_accepted_invitation_or_an_agreed_session_is_a_scheduled_meeting(extractor, text, language, date):
    r = extract(extractor, text, language, date)
    assert r.facts.meetings and all(m.status == "scheduled" for m in r.facts.meetings)


@pytest.mark.parametrize("text, language, place", [
    ("Both ministers agreed to convene a bilateral working group in Bogotá in the coming weeks.", "en", "bogota"),
    ("Acordaron crear una Comisión Mixta de Cooperación Aduanera, que sesionará por primera vez en Quito en marzo.", "es", "quito"),
    ("El II Gabinete Binacional Colombia–Ecuador se realizará en Bogotá en el primer semestre de 2026.", "es", "bogota"),
])
def test_scheduled_sessions_of_groups_and_bodies_are_meetings(extractor, text, language, place):
    r = extract(extractor, text, language, "2025-11-10")
    (m,) = r.facts.meetings
    assert m.status == "scheduled" and m.place == place


def test_a_session_in_a_half_year_is_dated_by_that_half(extractor):
    r = extract(extractor, "El VII Gabinete Binacional Perú–Ecuador se realizará en Quito en el segundo semestre de 2026.",
                "es", "2025-11-10")
    assert r.facts.meetings[0].date == DateRange(PartialDate(2026, 7, 1), PartialDate(2026, 12, 31))


def test_a_meeting_recalled_in_passing_is_a_held_meeting_with_its_date(extractor):
    r = extract(extractor, "Secretary Rubio will travel to Bogotá, where he will meet with President Petro. Building on "
                           "their meeting in Washington in September, the two will discuss energy.", "en", "2025-11-03")
    held = [m for m in r.facts.meetings if m.status == "held"]
    assert len(held) == 1 and held[0].date == PartialDate(2025, 9) and held[0].place == "washington-dc"
    assert len([m for m in r.facts.meetings if m.status == "scheduled"]) == 1


def test_a_mechanism_to_be_set_up_is_a_commitment_not_a_meeting(extractor):
    r = extract(extractor, "Chile and the United States intend to launch a bilateral Energy Dialogue next year.", "en", "2025-06-10")
    assert r.facts.meetings == [] and set(r.facts.commitments[0].actors) == {"chile", "united-states"}


def test_one_trip_to_two_countries_is_a_meeting_in_each(extractor):
    r = extract(extractor, "Secretary of State Marco Rubio will travel to Bogotá, Colombia, and Quito, Ecuador, June 3–5.",
                "en", "2025-05-30")
    assert sorted(m.place for m in r.facts.meetings) == ["bogota", "quito"]
    assert {frozenset(m.participants) for m in r.facts.meetings} == {
        frozenset({"marco-rubio", "united-states", "colombia"}), frozenset({"marco-rubio", "united-states", "ecuador"})}


def test_a_trip_stop_and_the_meeting_on_one_of_its_days_are_one_meeting(extractor):
    r = extract(extractor, "Secretary of State Marco Rubio will travel to Bogotá, Colombia, and Quito, Ecuador, June 3–5. "
                           "On Wednesday, the Secretary will meet with Ecuadorian President Daniel Noboa.", "en", "2025-05-30")
    quito = [m for m in r.facts.meetings if "ecuador" in m.participants]
    assert len(quito) == 1 and quito[0].date == PartialDate(2025, 6, 4) and "daniel-noboa" in quito[0].participants


def test_a_trip_sentence_with_the_meeting_it_was_for_is_one_meeting(extractor):
    r = extract(extractor, "Secretary Rubio traveled to Bogotá on June 3, 2025, where he met with President Gustavo Petro "
                           "and Foreign Minister Rosa Villavicencio.", "en", "2025-06-10")
    (m,) = r.facts.meetings
    assert {"marco-rubio", "gustavo-petro", "rosa-villavicencio"} <= set(m.participants) and m.place == "bogota"


def test_the_call_held_today_and_the_meeting_it_schedules_are_two_facts(extractor):
    r = extract(extractor, "Secretary Rubio spoke today with Foreign Minister Hugo de Zela. Both officials agreed to convene "
                           "a bilateral working group in Lima to follow up on today’s call.", "en", "2025-11-03")
    assert sorted(m.status for m in r.facts.meetings) == ["held", "scheduled"]
    assert next(m for m in r.facts.meetings if m.status == "scheduled").date is None


def test_a_month_alone_is_dated_in_the_documents_year(extractor):
    r = extract(extractor, "El presidente Petro viajará a Washington en julio para reunirse con el presidente Trump.",
                "es", "2025-05-20")
    assert r.facts.meetings[0].date == PartialDate(2025, 7)


# ------------------------------------------------------------------ commitments

@pytest.mark.parametrize("text, language, giver", [
    ("The United States announced an additional contribution of $4 million to strengthen Honduran customs.", "en", "united-states"),
    ("The United States has committed $3.5 million in 2025 to help Costa Rica's coast guard.", "en", "united-states"),
    ("Los Estados Unidos anunciaron una donación de 6 millones de dólares para la Policía Nacional de Colombia.", "es", "united-states"),
])
def test_money_pledged_is_a_commitment_of_the_giver(extractor, text, language, giver):
    r = extract(extractor, text, language, "2025-06-10")
    (c,) = r.facts.commitments
    assert giver in c.actors


def test_the_channel_of_a_contribution_gives_with_its_giver(extractor):
    r = extract(extractor, "Los Estados Unidos anunciaron una contribución de 2 millones de dólares, canalizada a través de "
                           "la USAID, para programas de empleo juvenil en Honduras.", "es", "2025-06-10")
    assert {"united-states", "usaid"} <= set(r.facts.commitments[0].actors)


def test_money_already_spent_is_not_a_commitment(extractor):
    r = extract(extractor, "Since 2020, the United States has provided $12 million to Honduran schools.", "en", "2025-06-10")
    assert r.facts.commitments == []


def test_a_noun_described_as_committed_is_not_a_commitment(extractor):
    r = extract(extractor, "Paraguay joined the Artemis Accords on May 2, 2025, joining a coalition of nations committed to "
                           "peaceful exploration.", "en", "2025-06-10")
    assert r.facts.commitments == []
    kept = extract(extractor, "Paraguay and the United States remain committed to peaceful exploration.", "en", "2025-06-10")
    assert len(kept.facts.commitments) == 1


# ------------------------------------------------------------------ generalisation: sources, topics, clauses

@pytest.mark.parametrize("text, language, source", [
    ("De acuerdo con una nota de la Cancillería, Ecuador y Estados Unidos se comprometieron a ampliar el intercambio "
     "de información aduanera.", "es", "ecuador-ministry-of-foreign-affairs"),
    ("As stated in a note, and according to the Department of State, Ecuador and the United States pledged to "
     "expand customs data sharing.", "en", "us-department-of-state"),
    ("El presidente Daniel Noboa se reunió hoy con el secretario de Estado Antony Blinken, informó el Ministerio de "
     "Relaciones Exteriores del Ecuador.", "es", "ecuador-ministry-of-foreign-affairs"),
])
def test_the_source_of_a_report_is_not_an_actor(extractor, text, language, source):
    r = extract(extractor, text, language, "2024-05-01")
    assert r.facts.commitments or r.facts.meetings
    assert source not in actors_of(r)


@pytest.mark.parametrize("text, language, topic", [
    ("Secretary of State Antony Blinken met with President Daniel Noboa to discuss the situation in Venezuela.", "en", "venezuela"),
    ("El secretario de Estado Antony Blinken se reunió con el presidente Daniel Noboa y analizaron la crisis en Haití "
     "y Venezuela.", "es", "haiti"),
    ("Ecuador and the United States pledged to increase their support for Haiti.", "en", "haiti"),
    ("Secretary Antony Blinken spoke today with President Daniel Noboa about Venezuela.", "en", "venezuela"),
    ("Secretary Antony Blinken spoke today with President Daniel Noboa about their opposition to Russia’s premeditated, "
     "unprovoked, and unjustified invasion of Ukraine.", "en", "russia"),
    ("Secretary Antony Blinken spoke today with President Daniel Noboa about their opposition to Russia’s premeditated, "
     "unprovoked, and unjustified invasion of Ukraine.", "en", "ukraine"),
    ("El secretario Antony Blinken conversó hoy con el presidente Daniel Noboa sobre la agresión contra Ucrania.", "es", "ukraine"),
])
def test_a_country_named_as_the_topic_is_not_a_participant(extractor, text, language, topic):
    r = extract(extractor, text, language, "2024-05-01")
    assert r.facts.meetings or r.facts.commitments
    assert topic not in actors_of(r)
    assert "ecuador" in actors_of(r)


@pytest.mark.parametrize("text, language", [
    ("Ecuador and the United States committed to modernize port inspections, and to expand training for customs "
     "officers.", "en"),
    ("Ecuador y Estados Unidos se comprometieron a modernizar las inspecciones portuarias y a ampliar la capacitación "
     "de los agentes aduaneros.", "es"),
])
def test_what_one_commitment_lists_is_one_commitment_on_its_first_area(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-01")
    (c,) = r.facts.commitments
    assert {"ecuador", "united-states"} <= set(c.actors)
    assert c.topics == ["infrastructure"]       # ports come first, customs second


def test_a_second_commitment_with_its_own_subject_has_only_that_actor(extractor):
    r = extract(extractor, "The United States agreed to donate patrol boats, and Ecuador committed to staff a new "
                "coast guard station.", "en", "2024-05-01")
    actors = sorted(sorted(c.actors) for c in r.facts.commitments)
    assert actors == [["ecuador"], ["united-states"]]


@pytest.mark.parametrize("text, language", [
    ("Secretary Antony Blinken pledged that the United States would keep funding demining in Ecuador.", "en"),
    ("Estados Unidos se comprometió a que la asistencia para el desminado continúe en 2025.", "es"),
])
def test_a_promise_told_as_reported_speech_is_a_commitment(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-01")
    assert len(r.facts.commitments) == 1 and "united-states" in r.facts.commitments[0].actors


def test_an_opinion_in_direct_speech_is_not_a_commitment(extractor):
    r = extract(extractor, "“La cooperación con Ecuador va a seguir creciendo y seguirá dando frutos”, dijo el secretario "
                "Antony Blinken.", "es", "2024-05-01")
    assert r.facts.commitments == []


def test_agreeing_to_meet_again_is_a_meeting_not_a_commitment(extractor):
    r = extract(extractor, "El presidente Daniel Noboa y el secretario Antony Blinken acordaron volver a reunirse en "
                "Quito en octubre.", "es", "2024-05-01")
    assert r.facts.commitments == []
    assert [m.status for m in r.facts.meetings] == ["scheduled"]


@pytest.mark.parametrize("text, language", [
    ("Ecuador and the United States agreed to resume talks. The negotiators will finish the text of the agreement "
     "in the coming weeks.", "en"),
    ("Ecuador y Estados Unidos firmaron hoy un Memorando de Entendimiento sobre Pesca. Los ministros destacaron que el "
     "acuerdo entró en vigor de inmediato.", "es"),
])
def test_the_agreement_said_again_is_not_a_new_agreement(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-01")
    assert not any(identity_words(a) <= {"agreement", "acuerdo", "the", "el", "in", "coming", "weeks"} for a in r.facts.agreements)


def identity_words(a) -> set[str]:
    return {w.lower() for n in a.name.values() for w in n.split()}


def test_a_body_whose_creation_is_announced_is_an_initiative(extractor):
    r = extract(extractor, "Ecuador y Estados Unidos anunciaron la creación de un Consejo Binacional de Seguridad "
                "Marítima.", "es", "2024-05-01")
    (a,) = r.facts.agreements
    assert a.kind == "initiative" and "Consejo Binacional" in a.name["es"] and {"ecuador", "united-states"} <= set(a.parties)


# ------------------------------------------------------------------ generalisation: dates, titles, tense

def test_a_weekday_in_an_announcement_is_the_coming_one(extractor):
    r = extract(extractor, "El secretario de Estado Antony Blinken visitará Quito el próximo jueves.", "es", "2024-05-01")
    (m,) = r.facts.meetings
    assert m.status == "scheduled" and m.date == PartialDate(2024, 5, 2)


def test_a_weekday_of_next_week_is_that_day_of_the_week(extractor):
    r = extract(extractor, "President Daniel Noboa will travel to Washington next week and will meet Secretary of State "
                "Antony Blinken on Friday.", "en", "2024-05-01")
    assert {m.date for m in r.facts.meetings} == {PartialDate(2024, 5, 10)}


def test_santo_domingo_is_not_a_sunday(extractor):
    r = extract(extractor, "El secretario de Estado Antony Blinken visitó Santo Domingo en marzo de 2024.", "es", "2024-05-01")
    assert [m.date for m in r.facts.meetings] == [PartialDate(2024, 3)]


def test_in_the_morning_is_not_tomorrow(extractor):
    r = extract(extractor, "El presidente Daniel Noboa se reunirá el lunes por la mañana con el secretario Antony Blinken.",
                "es", "2024-05-01")
    assert [m.date for m in r.facts.meetings] == [PartialDate(2024, 5, 6)]


@pytest.mark.parametrize("text, language", [
    ("El presidente Daniel Noboa recibió hoy al secretario de Estado Antony Blinken. Más tarde, el presidente y el "
     "secretario presidieron en el salón principal una sesión ampliada con los equipos de ambos gobiernos.", "es"),
    ("President Daniel Noboa met today with Secretary of State Antony Blinken. Later, the President and the Secretary "
     "co-chaired an expanded session with both cabinets.", "en"),
])
def test_a_later_meeting_led_by_titles_only_is_another_meeting_of_the_same_people(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-01")
    assert len(r.facts.meetings) == 2
    later = r.facts.meetings[1]
    assert {"daniel-noboa", "antony-blinken"} <= set(later.participants)
    assert later.status == "held" and later.date == PartialDate(2024, 5, 1)


@pytest.mark.parametrize("text, language", [
    ("Secretary of State Antony Blinken met today with President Daniel Noboa in Quito. Earlier, Secretary Blinken "
     "visited Buenos Aires.", "en"),
    ("El secretario de Estado Antony Blinken se reunió hoy con el presidente Daniel Noboa en Quito. Previamente, el "
     "secretario Blinken visitó Buenos Aires.", "es"),
])
def test_an_earlier_stop_of_a_trip_does_not_take_the_day_of_the_meeting_told_before(extractor, text, language):
    r = extract(extractor, text, language, "2024-05-01")
    dates = {m.place: m.date for m in r.facts.meetings}
    assert dates.get("quito") == PartialDate(2024, 5, 1)
    assert "buenos-aires" in dates and dates["buenos-aires"] is None     # the stop is told, undated


def test_both_officials_after_a_visitor_arrived_alone_are_the_pair_met_before(extractor):
    r = extract(extractor, "El canciller Néstor Popolizio se reunió hoy con el secretario de Comercio Wilbur Ross. "
                "Ross llegó al país para participar en la Conferencia Anual de Ejecutivos. Durante la reunión, ambos "
                "funcionarios acordaron promover el comercio bilateral.", "es", "2018-10-01")
    (pledge,) = r.facts.commitments
    assert {"nestor-popolizio", "wilbur-ross"} <= set(pledge.actors)


def test_a_visit_told_in_a_past_relative_clause_is_held(extractor):
    r = extract(extractor, "La reunión servirá para evaluar lo avanzado desde la visita que el secretario de Estado "
                "Antony Blinken realizó a Quito en enero de 2024.", "es", "2024-05-01")
    (m,) = r.facts.meetings
    assert m.status == "held" and m.date == PartialDate(2024, 1)


def test_an_abbreviation_in_a_dateline_does_not_end_the_sentence(extractor):
    r = extract(extractor, "ST. GEORGE’S, Grenada — Secretary of State Antony Blinken met with President Daniel Noboa "
                "on the margins of the summit.", "en", "2024-05-01")
    (m,) = r.facts.meetings
    assert m.evidence[0].quote.startswith("ST. GEORGE’S")


# ------------------------------------------------------------------ the lexicons themselves

def test_every_lexicon_word_is_read_as_text():
    """YAML reads a bare On, No or Yes as a boolean: a pattern or word list must stay text."""
    def walk(x, where):
        if isinstance(x, dict):
            for k, v in x.items():
                assert isinstance(k, str), where
                walk(v, f"{where}/{k}")
        elif isinstance(x, list):
            for v in x:
                assert isinstance(v, (str, dict, list)), f"{where}: {v!r}"
                walk(v, where)
    for path in LEXICONS.rglob("*.yaml"):
        if path.name != "dates.yaml":
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
