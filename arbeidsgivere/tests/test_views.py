import datetime
import re

import pytest

from arbeidsgivere.models import Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering
from arbeidsgivere.tests.factories import (
    ArbeidsgiverFactory,
    ArbeidsstedFactory,
    AvtaleFactory,
    KontaktpersonFactory,
    PlasseringFactory,
)
from deltakere.tests.factories import DeltakerFactory
from fagbrev.tests.tilgang import ANSATTE, SAKEN_LESES, SAKEN_SKRIVES
from oppfolging.besoksdato import frister_oppdater
from rapporter.tellinger import telling_oppdater_alle

GYLDIG_ORGNR = "974760673"


def _matrise(client, personer, url, forventet, metode="get", data=None):
    """Each staff role's status for the request to `url`: as `forventet` says, 404 where it names none."""
    for hvem in ANSATTE:
        client.force_login(personer[hvem])
        svar = getattr(client, metode)(url, data or {})
        assert svar.status_code == forventet.get(hvem, 404), (hvem, svar.status_code)


@pytest.fixture
def plassering(deltaker, sted, fadder):
    """`deltaker` (taught by `faglarer`) placed at `sted` with `fadder`."""
    return PlasseringFactory(deltaker=deltaker, arbeidssted=sted, fadder=fadder)


# --- list -----------------------------------------------------------------------------------------


def test_coordinator_sees_employer_with_workplaces_and_people(client, koordinator, arbeidsgiver):
    client.force_login(koordinator)
    html = client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").content.decode()
    assert arbeidsgiver.navn in html and "Linda Sørli" in html


def test_other_organisation_gets_404(client, koordinator_asker, arbeidsgiver):
    client.force_login(koordinator_asker)
    assert client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").status_code == 404
    assert arbeidsgiver.navn not in client.get("/arbeidsgivere/").content.decode()


@pytest.mark.parametrize(
    ("hvem", "status"),
    [("styring", 403), ("norsklarer", 403), ("superbruker", 403), ("koordinator", 200), ("faglarer", 200)],
)
def test_list_access_by_role(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/arbeidsgivere/").status_code == status


def _lag_arbeidsgivere(lorenskog, fagretning, antall, registrert_av):
    for nr in range(antall):
        arbeidsgiver = ArbeidsgiverFactory(organisasjon=lorenskog, godkjent_laerebedrift=nr % 2 == 0)
        arbeidsgiver.fagretninger.add(fagretning)
        sted = ArbeidsstedFactory(arbeidsgiver=arbeidsgiver)
        plassering = PlasseringFactory(
            deltaker=DeltakerFactory(fagretning=fagretning),
            arbeidssted=sted,
            til=datetime.date(2026, 1, 31),
        )
        Evaluering.objects.create(
            organisasjon=lorenskog,
            plassering=plassering,
            dato=datetime.date(2026, 2, 1),
            egnet=nr % 3 != 0,
            registrert_av=registrert_av,
        )


@pytest.mark.parametrize("antall", [3, 40])
def test_list_query_count_is_constant(
    client, koordinator, lorenskog, fagretning, antall, django_assert_max_num_queries
):
    _lag_arbeidsgivere(lorenskog, fagretning, antall, koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(12):
        svar = client.get(f"/arbeidsgivere/?fagretning={fagretning.pk}&godkjent=ja&egnet=ja&sektor=privat&q=")
    assert svar.status_code == 200


def test_list_shows_each_employers_number_of_workplaces(client, koordinator, lorenskog):
    tre = ArbeidsgiverFactory(organisasjon=lorenskog, navn="Axq tre steder")
    for _ in range(3):
        ArbeidsstedFactory(arbeidsgiver=tre)
    ArbeidsgiverFactory(organisasjon=lorenskog, navn="Bxq uten steder")
    client.force_login(koordinator)
    side = client.get("/arbeidsgivere/").context["side"]
    assert [(a.navn, a.antall_steder) for a in side] == [("Axq tre steder", 3), ("Bxq uten steder", 0)]


def test_list_filters_by_track_approval_suitability_and_sector(client, koordinator, lorenskog, fagretning):
    _lag_arbeidsgivere(lorenskog, fagretning, 6, koordinator)  # approved: 0,2,4; unsuitable: 0,3
    ArbeidsgiverFactory(organisasjon=lorenskog, navn="Uten noe", sektor=Arbeidsgiver.Sektor.KOMMUNAL)
    client.force_login(koordinator)

    def antall(query):
        return client.get(f"/arbeidsgivere/?{query}").context["side"].paginator.count

    assert antall(f"fagretning={fagretning.pk}") == 6
    assert antall("godkjent=ja") == 3
    assert antall("egnet=nei") == 2
    assert antall("egnet=ja&godkjent=ja") == 2
    assert antall("egnet=ukjent") == 1
    assert antall("sektor=kommunal") == 1
    assert antall("q=Uten") == 1


# --- employer page --------------------------------------------------------------------------------


def test_employer_page_permission_matrix(client, personer, arbeidsgiver, plassering):
    _matrise(client, personer, f"/arbeidsgivere/{arbeidsgiver.pk}/", {"koordinator": 200, "faglarer": 200})


def test_employer_edit_pages_permission_matrix(client, personer, arbeidsgiver, sted, fadder, plassering):
    forventet = {"koordinator": 200, "faglarer": 403}
    for url in [
        f"/arbeidsgivere/{arbeidsgiver.pk}/endre/",
        f"/arbeidsgivere/{arbeidsgiver.pk}/arbeidssteder/ny/",
        f"/arbeidsgivere/arbeidssteder/{sted.pk}/endre/",
        f"/arbeidsgivere/arbeidssteder/{sted.pk}/personer/ny/",
        f"/arbeidsgivere/personer/{fadder.pk}/endre/",
    ]:
        _matrise(client, personer, url, forventet)


def test_new_employer_page_permission_matrix(client, personer):
    forventet = dict.fromkeys(ANSATTE, 403) | {"koordinator": 200, "koordinator_asker": 200}
    _matrise(client, personer, "/arbeidsgivere/ny/", forventet)


def test_faglarer_sees_her_own_participant_on_the_employer_page_but_not_others(
    client, faglarer, arbeidsgiver, plassering, sted, annen_deltaker
):
    PlasseringFactory(deltaker=annen_deltaker, arbeidssted=sted)
    client.force_login(faglarer)
    html = client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").content.decode()
    assert plassering.deltaker.navn in html
    assert annen_deltaker.navn not in html
    assert "/endre/" not in html  # read-only: no edit links


@pytest.mark.parametrize("antall", [2, 25])
def test_employer_page_query_count_is_constant(
    client, koordinator, arbeidsgiver, sted, fagretning, antall, django_assert_max_num_queries
):
    for _ in range(antall):
        p = PlasseringFactory(deltaker=DeltakerFactory(fagretning=fagretning), arbeidssted=sted)
        AvtaleFactory(plassering=p)
        KontaktpersonFactory(arbeidssted=ArbeidsstedFactory(arbeidsgiver=arbeidsgiver))
    client.force_login(koordinator)
    with django_assert_max_num_queries(16):
        assert client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").status_code == 200


# --- registering employer, workplace, people ------------------------------------------------------


def _arbeidsgiver_data(**kw):
    return {"navn": "Solsikken AS", "orgnr": "974 760 673", "sektor": "privat", "bransje": "Barnehage", **kw}


def test_coordinator_registers_an_employer(client, koordinator, fagretning):
    client.force_login(koordinator)
    svar = client.post(
        "/arbeidsgivere/ny/",
        _arbeidsgiver_data(
            fagretninger=[fagretning.pk],
            godkjent_laerebedrift="on",
            godkjent_laerefag="Barne- og ungdomsarbeiderfaget",
            godkjent_fra="2019-08-01",
            kontaktperson_kommune=koordinator.pk,
            krav_norskniva="A2",
        ),
    )
    arbeidsgiver = Arbeidsgiver.objects.get()
    assert svar.status_code == 302 and svar.url == f"/arbeidsgivere/{arbeidsgiver.pk}/"
    assert arbeidsgiver.orgnr == GYLDIG_ORGNR and arbeidsgiver.kontaktperson_kommune == koordinator
    assert list(arbeidsgiver.fagretninger.all()) == [fagretning]


def test_duplicate_orgnr_rerenders_with_message_at_field_and_input_kept(client, koordinator, lorenskog):
    ArbeidsgiverFactory(organisasjon=lorenskog, orgnr=GYLDIG_ORGNR, navn="Første AS")
    client.force_login(koordinator)
    svar = client.post("/arbeidsgivere/ny/", _arbeidsgiver_data(notater="Ringte 3. mars"))
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Det finnes allerede en arbeidsgiver med dette organisasjonsnummeret: Første AS." in html
    assert 'href="#id_orgnr"' in html  # error summary links to the field
    assert "Ringte 3. mars" in html and 'value="Solsikken AS"' in html
    assert Arbeidsgiver.objects.count() == 1


def test_approved_company_needs_its_trades(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/arbeidsgivere/ny/", _arbeidsgiver_data(godkjent_laerebedrift="on"))
    assert svar.status_code == 200 and "Skriv hvilke lærefag" in svar.content.decode()


def test_coordinator_adds_workplace_leder_and_fadder(client, koordinator, arbeidsgiver):
    client.force_login(koordinator)
    svar = client.post(
        f"/arbeidsgivere/{arbeidsgiver.pk}/arbeidssteder/ny/",
        {"navn": "Kjenn barnehage", "adresse": "Kjennveien 5", "kapasitet": 2},
    )
    sted = Arbeidssted.objects.get(navn="Kjenn barnehage")
    assert svar.status_code == 302
    for rolle, navn in [("leder", "Bjørn Aas"), ("fadder", "Siri Holt")]:
        svar = client.post(
            f"/arbeidsgivere/arbeidssteder/{sted.pk}/personer/ny/",
            {
                "rolle": rolle,
                "navn": navn,
                "telefon": "40000000",
                "har_fagbrev": "on",
                "faddersamlinger": 2,
                "aktiv": "on",
            },
        )
        assert svar.status_code == 302
    assert set(sted.kontaktpersoner.values_list("rolle", "navn")) == {("leder", "Bjørn Aas"), ("fadder", "Siri Holt")}
    fadder = Kontaktperson.objects.get(navn="Siri Holt")
    assert fadder.har_fagbrev and fadder.faddersamlinger == 2
    assert fadder.telefon == "+4740000000"
    svar = client.post(
        f"/arbeidsgivere/arbeidssteder/{sted.pk}/personer/ny/",
        {"rolle": "fadder", "navn": "Ola Utland", "telefon": "0046 70 123 45 67", "faddersamlinger": 0, "aktiv": "on"},
    )
    assert svar.status_code == 302
    assert Kontaktperson.objects.get(navn="Ola Utland").telefon == "+46701234567"
    svar = client.post(
        f"/arbeidsgivere/arbeidssteder/{sted.pk}/personer/ny/",
        {"rolle": "fadder", "navn": "Kari Feil", "telefon": "tlf 123", "faddersamlinger": 0, "aktiv": "on"},
    )
    assert svar.status_code == 200 and "norsk telefonnummer med 8 siffer" in svar.content.decode()
    assert not Kontaktperson.objects.filter(navn="Kari Feil").exists()
    assert "+47 400 00 000" in client.get(f"/arbeidsgivere/{arbeidsgiver.pk}/").content.decode()


# --- placements -----------------------------------------------------------------------------------


def test_new_placement_page_permission_matrix(client, personer, deltaker):
    _matrise(client, personer, f"/arbeidsgivere/deltakere/{deltaker.pk}/plassering/ny/", SAKEN_SKRIVES)


def test_placement_page_permission_matrix(client, personer, plassering):
    _matrise(client, personer, f"/arbeidsgivere/plasseringer/{plassering.pk}/", SAKEN_LESES)
    _matrise(client, personer, f"/arbeidsgivere/plasseringer/{plassering.pk}/endre/", SAKEN_SKRIVES)


def _plasser(client, deltaker, sted, fadder, **kw):
    data = {"arbeidssted": sted.pk, "fadder": fadder.pk, "fra": "2026-01-05", "dager_per_uke": "3", **kw}
    return client.post(f"/arbeidsgivere/deltakere/{deltaker.pk}/plassering/ny/", data)


def test_placement_without_police_certificate_is_refused_in_the_form(client, koordinator, deltaker, sted, fadder):
    client.force_login(koordinator)
    svar = _plasser(client, deltaker, sted, fadder, timer_per_uke="22.5")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "krever politiattest" in html and 'href="#id_fra"' in html
    assert 'value="22.5"' in html
    assert not Plassering.objects.exists()


def test_coordinator_places_and_moves_a_participant(client, koordinator, deltaker, sted, fadder, monkeypatch):
    monkeypatch.setattr("arbeidsgivere.services.kan_starte_praksis", lambda d: True)
    nytt_sted = ArbeidsstedFactory(arbeidsgiver=sted.arbeidsgiver, navn="Kjenn barnehage")
    ny_fadder = KontaktpersonFactory(arbeidssted=nytt_sted)
    client.force_login(koordinator)
    svar = _plasser(client, deltaker, sted, fadder, ekstra_person_bekreftet="on")
    forste = Plassering.objects.get()
    assert svar.status_code == 302 and svar.url == f"/arbeidsgivere/plasseringer/{forste.pk}/"
    assert _plasser(client, deltaker, nytt_sted, ny_fadder, fra="2026-04-01").status_code == 302
    forste.refresh_from_db()
    assert forste.til == datetime.date(2026, 3, 31)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Kjenn barnehage" in html and "Tidligere plasseringer" in html


def test_fadder_from_another_workplace_is_refused_in_the_form(client, koordinator, deltaker, sted):
    annen = KontaktpersonFactory(arbeidssted=ArbeidsstedFactory(arbeidsgiver=sted.arbeidsgiver))
    client.force_login(koordinator)
    svar = _plasser(client, deltaker, sted, annen)
    assert svar.status_code == 200 and "Fadderen arbeider ikke" in svar.content.decode()


# --- agreement through the pages ------------------------------------------------------------------


def test_agreement_journey_from_draft_to_signed(client, koordinator, plassering):
    client.force_login(koordinator)
    svar = client.post(
        f"/arbeidsgivere/plasseringer/{plassering.pk}/avtale/ny/",
        {"oppstart": "2026-01-05", "arbeidstid": "Man–ons 08–15.30", "fravaersregler": "Meld fravær før kl. 8"},
    )
    assert svar.status_code == 302
    avtale = Avtale.objects.get()
    client.post(f"/arbeidsgivere/avtaler/{avtale.pk}/status/", {"handling": "til_signering"})
    for part, navn in [("deltaker", ""), ("arbeidssted", "Anne Berit Holm"), ("kommune", "")]:
        svar = client.post(
            f"/arbeidsgivere/avtaler/{avtale.pk}/signer/", {"part": part, "dato": "2026-01-02", "navn": navn}
        )
        assert svar.status_code == 302
    avtale.refresh_from_db()
    assert avtale.status == Avtale.Status.SIGNERT
    html = client.get(f"/arbeidsgivere/{plassering.arbeidssted.arbeidsgiver_id}/").content.decode()
    assert "Signert" in html


def test_agreement_actions_permission_matrix(client, personer, plassering):
    avtale = AvtaleFactory(plassering=plassering, status=Avtale.Status.TIL_SIGNERING)
    _matrise(client, personer, f"/arbeidsgivere/avtaler/{avtale.pk}/signer/", SAKEN_SKRIVES)
    _matrise(client, personer, f"/arbeidsgivere/plasseringer/{plassering.pk}/evaluering/ny/", SAKEN_SKRIVES)
    forventet_post = {"koordinator": 302, "faglarer": 403, "norsklarer": 403}
    _matrise(
        client, personer, f"/arbeidsgivere/avtaler/{avtale.pk}/status/", forventet_post, "post", {"handling": "ukjent"}
    )


def test_evaluation_is_recorded_and_shown_on_the_employer_page(client, koordinator, plassering):
    plassering.til = datetime.date(2026, 6, 30)
    plassering.save()
    client.force_login(koordinator)
    svar = client.post(
        f"/arbeidsgivere/plasseringer/{plassering.pk}/evaluering/ny/",
        {
            "dato": "2026-06-30",
            "egnet": "nei",
            "arbeidsgiver_forbedre": "Mer tid til fadder",
            "forbedringspunkter": "Fast fadder",
        },
    )
    assert svar.status_code == 302
    assert Evaluering.objects.get().egnet is False
    html = client.get(f"/arbeidsgivere/{plassering.arbeidssted.arbeidsgiver_id}/").content.decode()
    assert "Ikke egnet for nye deltakere" in html and "Mer tid til fadder" in html


# --- the case page section ------------------------------------------------------------------------


def test_case_page_shows_placement_fadder_and_agreement_status(client, koordinator, faglarer, plassering):
    AvtaleFactory(plassering=plassering, status=Avtale.Status.TIL_SIGNERING)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{plassering.deltaker_id}/").content.decode()
    assert "Praksisplass" in html and plassering.fadder.navn in html and "Til signering" in html
    assert "Flytt til nytt arbeidssted" in html
    client.force_login(faglarer)
    html = client.get(f"/deltakere/{plassering.deltaker_id}/").content.decode()
    assert plassering.fadder.navn in html and "Flytt til nytt arbeidssted" not in html


def test_case_page_offers_a_first_placement_to_coordinators(client, koordinator, deltaker):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Ingen praksisplass nå." in html and f"/arbeidsgivere/deltakere/{deltaker.pk}/plassering/ny/" in html


def test_case_page_section_query_count_is_constant(client, koordinator, deltaker):
    """The case page costs the same number of queries with 1 and with 15 earlier placements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def legg_til(antall: int, start: int) -> None:
        for nr in range(start, start + antall):
            p = PlasseringFactory(
                deltaker=deltaker,
                arbeidssted=ArbeidsstedFactory(arbeidsgiver__organisasjon=deltaker.organisasjon),
                fra=datetime.date(2020, 1, 1) + datetime.timedelta(days=10 * nr),
                til=datetime.date(2020, 1, 1) + datetime.timedelta(days=10 * nr + 5),
            )
            AvtaleFactory(plassering=p, status=Avtale.Status.AVSLUTTET)

    client.force_login(koordinator)
    client.get("/")  # renews the session (at most once a minute), so neither measured request writes it
    tellinger = []
    for antall, start in ((1, 0), (14, 1)):
        legg_til(antall, start)
        with CaptureQueriesContext(connection) as sporringer:
            assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200
        tellinger.append(len(sporringer))
    assert tellinger[0] == tellinger[1]


@pytest.mark.parametrize(
    "sti",
    [
        "/arbeidsgivere/",
        "/arbeidsgivere/ny/",
        "/arbeidsgivere/{ag}/",
        "/arbeidsgivere/{ag}/endre/",
        "/arbeidsgivere/plasseringer/{p}/",
        "/arbeidsgivere/deltakere/{d}/plassering/ny/",
    ],
)
def test_each_employer_page_has_exactly_one_h1(client, koordinator, plassering, sti):
    client.force_login(koordinator)
    url = sti.format(ag=plassering.arbeidssted.arbeidsgiver_id, p=plassering.pk, d=plassering.deltaker_id)
    html = client.get(url).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_overview_lists_practice_tasks_for_coordinators_only(client, koordinator, faglarer, plassering, annen_deltaker):
    AvtaleFactory(plassering=plassering, status=Avtale.Status.TIL_SIGNERING)
    client.force_login(koordinator)
    html = client.get("/").content.decode()
    assert "Aktive deltakere uten praksisplass" in html and annen_deltaker.navn in html
    assert "Avtaler om deltakelse som ikke er signert" in html
    assert "Leder har ikke bekreftet ekstra person" in html
    client.force_login(faglarer)
    assert "Aktive deltakere uten praksisplass" not in client.get("/").content.decode()


@pytest.mark.parametrize("antall", [1, 20])
def test_overview_query_count_is_constant(client, koordinator, fagretning, sted, antall, django_assert_max_num_queries):
    for _ in range(antall):
        AvtaleFactory(plassering=PlasseringFactory(deltaker=DeltakerFactory(fagretning=fagretning), arbeidssted=sted))
        DeltakerFactory(fagretning=fagretning)
    frister_oppdater()  # the stored next-visit dates, as beat's minute run leaves them
    telling_oppdater_alle()  # and the pre-aggregated counts, as beat leaves them too
    client.force_login(koordinator)
    # 30 before the stored next-visit dates: overdue and due soon are two index reads, and a count
    with django_assert_max_num_queries(32):
        assert client.get("/").status_code == 200


def test_editing_an_employer_to_another_employers_orgnr_is_refused(client, koordinator, arbeidsgiver, lorenskog):
    ArbeidsgiverFactory(organisasjon=lorenskog, orgnr=GYLDIG_ORGNR, navn="Første AS")
    client.force_login(koordinator)
    svar = client.post(f"/arbeidsgivere/{arbeidsgiver.pk}/endre/", _arbeidsgiver_data(navn=arbeidsgiver.navn))
    assert svar.status_code == 200 and "Første AS" in svar.content.decode()
    svar = client.post(
        f"/arbeidsgivere/{arbeidsgiver.pk}/endre/",
        _arbeidsgiver_data(navn="Nytt navn", orgnr=arbeidsgiver.orgnr, krav_faglig="HMS-kurs"),
    )
    arbeidsgiver.refresh_from_db()
    assert svar.status_code == 302 and (arbeidsgiver.navn, arbeidsgiver.krav_faglig) == ("Nytt navn", "HMS-kurs")
