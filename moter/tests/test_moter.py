"""Meetings as their users use them: the coordinator plans an information meeting, puts participants and
partners on its list and ticks who came; a faglærer reads; the case page, the year wheel, the reminder and
innsyn read the same rows. The clock is frozen on a Monday in November 2026."""

import datetime

import pytest

from arbeidsgivere.models import Kontaktperson
from arbeidsgivere.tests.factories import KontaktpersonFactory, PlasseringFactory
from fagbrev.kalender import KILDER
from fagbrev.models import Hendelse
from fagbrev.regler import REGLER
from moter.models import Deltakelse, Ekstern, Mote, Oppstartsmote
from moter.tests.factories import DeltakelseFactory, EksternFactory, MoteFactory, OppstartsmoteFactory

IDAG = datetime.date(2026, 11, 23)

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


def test_coordinator_plans_a_meeting_adds_people_and_registers_who_came(client, koordinator, deltaker, fagretning):
    client.force_login(koordinator)
    svar = client.post(
        "/moter/ny/",
        {
            "art": "informasjonsmote",
            "dato": "2026-12-03",
            "klokken": "10:00",
            "sted": "Lørenskog hus",
            "fagretning": fagretning.pk,
            "arrangor": koordinator.pk,
        },
    )
    mote = Mote.objects.get()
    assert svar.status_code == 302 and svar.url == f"/moter/{mote.pk}/"
    assert (
        client.post(f"/moter/{mote.pk}/deltakere/ny/", {"deltaker": deltaker.pk, "invitert": "on"}).status_code == 302
    )
    assert (
        client.post(
            f"/moter/{mote.pk}/eksterne/ny/",
            {"navn": "Kari Nilsen", "rolle": "NAV-veileder", "telefon": "912 34 567", "invitert": "on"},
        ).status_code
        == 302
    )
    d, e = Deltakelse.objects.get(), Ekstern.objects.get()
    assert e.telefon == "+4791234567"
    svar = client.post(f"/moter/{mote.pk}/oppmote/", {"deltakelser": [d.pk]}, follow=True)
    assert "1 av 2 møtte" in svar.content.decode()
    d.refresh_from_db(), e.refresh_from_db()
    assert d.mott and not e.mott
    handlinger = set(Hendelse.objects.values_list("handling", flat=True))
    assert {"moter.mote.opprettet", "moter.deltakelse.registrert", "moter.deltakelse.oppmote"} <= handlinger
    assert Hendelse.objects.filter(handling="moter.deltakelse.oppmote", deltaker_id=deltaker.pk).exists()

    side = client.get("/moter/").content.decode()
    assert "Kommende (1)" in side and "03.12.2026 kl. 10:00" in side
    saken = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert f"/moter/{mote.pk}/" in saken and "møtte" in saken


def test_a_meeting_without_place_or_time_is_refused_in_norwegian_and_nothing_typed_is_lost(client, koordinator):
    client.force_login(koordinator)
    svar = client.post(
        "/moter/ny/", {"art": "intervju", "dato": "2026-12-03", "klokken": "", "sted": "", "notat": "Ta med CV"}
    )
    tekst = svar.content.decode()
    assert svar.status_code == 200 and not Mote.objects.exists()
    assert "Skriv hvor møtet er." in tekst and "Skriv når møtet starter." in tekst and "Ta med CV" in tekst


def test_the_same_participant_cannot_be_listed_twice(client, koordinator, deltaker):
    mote = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator)
    DeltakelseFactory(mote=mote, deltaker=deltaker)
    client.force_login(koordinator)
    svar = client.post(f"/moter/{mote.pk}/deltakere/ny/", {"deltaker": deltaker.pk})
    assert svar.status_code == 200 and Deltakelse.objects.count() == 1


def test_delete_asks_first_then_removes_the_list_and_logs_it_on_her_case(client, koordinator, deltaker):
    mote = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator)
    DeltakelseFactory(mote=mote, deltaker=deltaker)
    EksternFactory(mote=mote)
    client.force_login(koordinator)
    assert "Slette informasjonsmøte 10.03.2026?" in client.get(f"/moter/{mote.pk}/slett/").content.decode()
    assert Mote.objects.exists()
    assert client.post(f"/moter/{mote.pk}/slett/").status_code == 302
    assert not Mote.objects.exists() and not Deltakelse.objects.exists() and not Ekstern.objects.exists()
    assert Hendelse.objects.filter(handling="moter.deltakelse.slettet", deltaker_id=deltaker.pk).exists()


def test_a_faglarer_reads_the_meeting_but_sees_by_name_only_her_own_participants(
    client, koordinator, faglarer, deltaker, annen_deltaker
):
    mote = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator)
    DeltakelseFactory(mote=mote, deltaker=deltaker)
    DeltakelseFactory(mote=mote, deltaker=annen_deltaker)
    client.force_login(faglarer)
    tekst = client.get(f"/moter/{mote.pk}/").content.decode()
    assert deltaker.navn in tekst and annen_deltaker.navn not in tekst
    assert "1 deltaker du ikke følger opp" in tekst and "Registrer oppmøte" not in tekst
    assert client.get(f"/moter/{mote.pk}/oppmote/").status_code == 403


def test_the_calendar_shows_meetings_without_personal_names(koordinator, deltaker):
    mote = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator, dato=IDAG, klokken=datetime.time(13))
    DeltakelseFactory(mote=mote, deltaker=deltaker)
    oppstart = OppstartsmoteFactory(plassering=PlasseringFactory(deltaker=deltaker), dato=IDAG, koordinator=koordinator)
    hendelser = [
        h
        for navn, kilde in KILDER.items()
        if navn.startswith("moter.")
        for h in kilde(organisasjon_ids={deltaker.organisasjon_id}, fra=IDAG, til=IDAG, user=koordinator)
    ]
    titler = [h.tittel for h in hendelser]
    assert titler == ["Informasjonsmøte kl. 13:00", "Oppstartsmøte på arbeidsplassen"]
    assert all(deltaker.fornavn not in t and deltaker.etternavn not in t for t in titler)
    assert hendelser[1].hvem == deltaker.navn and hendelser[1].lenke == f"/moter/oppstart/{oppstart.plassering_id}/"


@pytest.mark.parametrize(("dager_siden", "paminnes"), [(6, False), (7, True), (59, True), (60, False)])
def test_a_started_placement_without_a_start_up_meeting_is_reminded_from_day_seven(
    koordinator, deltaker, dager_siden, paminnes
):
    PlasseringFactory(deltaker=deltaker, fra=IDAG - datetime.timedelta(days=dager_siden))
    forfall = list(REGLER["moter.oppstartsmote_mangler"](IDAG))
    assert bool(forfall) is paminnes
    if paminnes:
        assert forfall[0].mottaker_id == koordinator.pk and deltaker.fornavn in forfall[0].tittel


def test_a_recorded_start_up_meeting_stops_the_reminder(koordinator, deltaker):
    OppstartsmoteFactory(plassering=PlasseringFactory(deltaker=deltaker, fra=IDAG - datetime.timedelta(days=10)))
    assert list(REGLER["moter.oppstartsmote_mangler"](IDAG)) == []


def test_coordinator_records_the_start_up_meeting_with_the_workplace_leader(client, koordinator, deltaker):
    plassering = PlasseringFactory(deltaker=deltaker, fra=IDAG)
    leder = KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle=Kontaktperson.Rolle.LEDER, navn="Liv Leder")
    deltaker.tolk_sprak = "arabisk"
    deltaker.save(update_fields=["tolk_sprak"])
    client.force_login(koordinator)
    saken = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert f"/moter/oppstart/{plassering.pk}/endre/" in saken and "Tolk: arabisk" in saken
    data = {"dato": "2026-11-20", "koordinator": koordinator.pk, "leder": leder.pk, "deltaker_tilstede": "on"}
    svar = client.post(f"/moter/oppstart/{plassering.pk}/endre/", {**data, "leder_navn": "To ledere"})
    assert svar.status_code == 200 and "ikke begge" in svar.content.decode()
    svar = client.post(f"/moter/oppstart/{plassering.pk}/endre/", {**data, "avtale_signert": "on"}, follow=True)
    mote = Oppstartsmote.objects.get()
    assert mote.leder == leder and mote.avtale_signert
    tekst = svar.content.decode()
    assert "Liv Leder (leder)" in tekst and "signert i møtet" in tekst and "Tolk: arabisk" in tekst
    assert Hendelse.objects.filter(handling="moter.oppstartsmote.registrert", deltaker_id=deltaker.pk).exists()


def test_the_interpreter_need_is_edited_on_the_case_and_in_the_innsyn_export(client, koordinator, deltaker):
    from personvern.innsyn import innsyn_samle

    client.force_login(koordinator)
    skjema = client.get(f"/deltakere/{deltaker.pk}/endre/").content.decode()
    assert 'name="tolk_sprak"' in skjema and '<option value="tigrinja">' in skjema
    DeltakelseFactory(mote__organisasjon=deltaker.organisasjon, deltaker=deltaker, mott=True)
    deltaker.tolk_sprak = "tigrinja"
    deltaker.save(update_fields=["tolk_sprak"])
    data = innsyn_samle(deltaker=deltaker).som_json()["data"]
    assert data["deltakere.Deltaker"]["rader"][0]["tolk_sprak"] == "tigrinja"
    assert data["moter.Deltakelse"]["rader"][0]["mott"] is True


def test_the_list_filters_by_kind_and_track(client, koordinator, fagretning, lorenskog):
    MoteFactory(organisasjon=lorenskog, arrangor=koordinator, art="intervju", dato=IDAG + datetime.timedelta(days=2))
    MoteFactory(
        organisasjon=lorenskog, arrangor=koordinator, fagretning=fagretning, dato=IDAG - datetime.timedelta(days=2)
    )
    client.force_login(koordinator)
    assert "Kommende (1)" in client.get("/moter/?art=intervju").content.decode()
    tekst = client.get(f"/moter/?fagretning={fagretning.pk}").content.decode()
    assert "Kommende (0)" in tekst and "08.03.2026" not in tekst and "21.11.2026" in tekst


def test_outside_peoples_contact_data_is_blanked_a_year_after_the_meeting_and_never_in_her_innsyn(
    settings, koordinator, deltaker
):
    from moter.tasks import eksterne_kontaktdata_slett_task as oppgave
    from personvern.innsyn import innsyn_samle

    gammel = MoteFactory(
        organisasjon=deltaker.organisasjon, arrangor=koordinator, dato=IDAG - datetime.timedelta(days=366)
    )
    ny = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator, dato=IDAG - datetime.timedelta(days=365))
    DeltakelseFactory(mote=gammel, deltaker=deltaker)
    borte, blir = EksternFactory(mote=gammel, epost="kari@nav.no"), EksternFactory(mote=ny)
    assert "moter.Ekstern" not in innsyn_samle(deltaker=deltaker).som_json()["data"]

    assert any(v["task"] == "moter.eksterne_kontaktdata_slett" for v in settings.CELERY_BEAT_SCHEDULE.values())
    assert oppgave.delay().get() == 1
    assert oppgave.delay().get() == 0
    borte.refresh_from_db(), blir.refresh_from_db()
    assert (borte.navn, borte.rolle, borte.telefon, borte.epost) == ("Kari Nilsen", "NAV-veileder", "", "")
    assert blir.telefon == "91234567"


def test_the_coordinator_takes_people_off_the_list_and_her_case_logs_it(client, koordinator, deltaker):
    mote = MoteFactory(organisasjon=deltaker.organisasjon, arrangor=koordinator)
    d, e = DeltakelseFactory(mote=mote, deltaker=deltaker), EksternFactory(mote=mote)
    client.force_login(koordinator)
    side = client.get(f"/moter/{mote.pk}/").content.decode()
    assert f'aria-label="Fjern {deltaker.navn} fra listen"' in side
    assert 'aria-label="Fjern Kari Nilsen fra listen"' in side
    assert client.post(f"/moter/{mote.pk}/deltakere/{d.pk}/fjern/").status_code == 302
    annen = EksternFactory()  # another meeting's row, not on this list
    assert client.post(f"/moter/{mote.pk}/eksterne/{annen.pk}/fjern/").status_code == 404
    assert client.post(f"/moter/{mote.pk}/eksterne/{e.pk}/fjern/").status_code == 302
    assert not Deltakelse.objects.exists() and list(Ekstern.objects.all()) == [annen]
    assert Hendelse.objects.filter(handling="moter.deltakelse.slettet", deltaker_id=deltaker.pk).exists()
    assert Hendelse.objects.filter(handling="moter.ekstern.slettet").exists()


def test_the_meeting_pages_ask_the_same_number_of_queries_however_many_come(client, koordinator, fagretning):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from deltakere.tests.factories import DeltakerFactory

    org = fagretning.organisasjon
    mote = MoteFactory(organisasjon=org, fagretning=fagretning, arrangor=koordinator, dato=IDAG)
    client.force_login(koordinator)

    def sporringer(url: str) -> int:
        client.get(url)  # the first request after logging in also saves the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def flere(n: int) -> None:
        for _ in range(n):
            DeltakelseFactory(mote=mote, deltaker=DeltakerFactory(fagretning=fagretning))
            EksternFactory(mote=mote)
            MoteFactory(organisasjon=org, fagretning=fagretning, arrangor=koordinator)

    flere(1)
    for_ = {url: sporringer(url) for url in ["/moter/", f"/moter/{mote.pk}/", f"/moter/{mote.pk}/oppmote/"]}
    flere(8)
    assert {url: sporringer(url) for url in for_} == for_
