"""The track switch (deltakere/services_rute.py): the history row and the case's track change together,
the date's edges, the form on the case and who may use it; NAV Asker's reminder after a year in paid work
(arbeidsgivere/regler.py) at its edges."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from arbeidsgivere.regler import vurder_fagbrev_pa_jobb
from arbeidsgivere.tests.factories import PlasseringFactory
from deltakere.models import Deltaker, Rutebytte
from deltakere.services import deltaker_endre
from deltakere.services_rute import rute_bytt
from fagbrev.models import Fagretning, Hendelse
from fagbrev.tests.klokke import frys

D = datetime.date
R = Fagretning.Rute


@pytest.fixture
def kandidat(deltaker):
    """Amina, referred 01.09.2025, a praksiskandidat in a track that offers both routes."""
    Fagretning.objects.filter(pk=deltaker.fagretning_id).update(ruter=[R.PRAKSISKANDIDAT, R.FAGBREV_PA_JOBB])
    Deltaker.objects.filter(pk=deltaker.pk).update(rute=R.PRAKSISKANDIDAT, henvist_dato=D(2025, 9, 1))
    return Deltaker.objects.get(pk=deltaker.pk)


def test_a_switch_changes_the_track_and_keeps_the_history_with_who_and_why(idag, kandidat, koordinator):
    bytte = rute_bytt(
        deltaker=kandidat,
        til=R.FAGBREV_PA_JOBB,
        dato=D(2026, 11, 2),
        begrunnelse=" Fast ansatt i ett år ",
        utfort_av=koordinator,
    )
    kandidat.refresh_from_db()
    assert kandidat.rute == R.FAGBREV_PA_JOBB
    assert (bytte.fra, bytte.til, bytte.dato, bytte.begrunnelse, bytte.registrert_av) == (
        R.PRAKSISKANDIDAT,
        R.FAGBREV_PA_JOBB,
        D(2026, 11, 2),
        "Fast ansatt i ett år",
        koordinator,
    )
    hendelser = Hendelse.objects.filter(deltaker_id=kandidat.pk).values_list("handling", "beskrivelse")
    assert (
        "deltakere.rutebytte.registrert",
        "Løp byttet fra Praksiskandidat til Fagbrev på jobb fra 02.11.2026",
    ) in hendelser
    endret = Hendelse.objects.get(handling="deltakere.deltaker.rute_byttet")
    assert endret.endringer["rute"] == [R.PRAKSISKANDIDAT, R.FAGBREV_PA_JOBB]


@pytest.mark.parametrize(
    ("dato", "godtatt"),
    [
        (D(2025, 8, 31), False),  # the day before the referral
        (D(2025, 9, 1), True),  # the referral day
        (D(2026, 11, 23), True),  # today
        (D(2026, 11, 24), False),  # tomorrow: a switch records a decision taken, not a plan
    ],
)
def test_the_date_is_from_the_referral_to_today(idag, kandidat, koordinator, dato, godtatt):
    if godtatt:
        rute_bytt(deltaker=kandidat, til=R.FAGBREV_PA_JOBB, dato=dato, begrunnelse="Ansatt", utfort_av=koordinator)
        assert Rutebytte.objects.filter(deltaker=kandidat).count() == 1
    else:
        with pytest.raises(ValidationError) as feil:
            rute_bytt(deltaker=kandidat, til=R.FAGBREV_PA_JOBB, dato=dato, begrunnelse="Ansatt", utfort_av=koordinator)
        assert "dato" in feil.value.message_dict
        assert not Rutebytte.objects.exists()
        assert Deltaker.objects.get(pk=kandidat.pk).rute == R.PRAKSISKANDIDAT


def test_a_second_switch_cannot_be_dated_before_the_first(idag, kandidat, koordinator):
    rute_bytt(
        deltaker=kandidat, til=R.FAGBREV_PA_JOBB, dato=D(2026, 10, 1), begrunnelse="Ansatt", utfort_av=koordinator
    )
    with pytest.raises(ValidationError, match=r"01\.10\.2026"):
        rute_bytt(
            deltaker=kandidat, til=R.PRAKSISKANDIDAT, dato=D(2026, 9, 30), begrunnelse="Feil", utfort_av=koordinator
        )


@pytest.mark.parametrize(
    ("til", "begrunnelse", "felt"),
    [
        (R.PRAKSISKANDIDAT, "Samme", "til"),
        (R.LAEREKANDIDAT, "Ikke tilbudt", "til"),
        (R.FAGBREV_PA_JOBB, "  ", "begrunnelse"),
    ],
)
def test_the_same_track_one_the_track_does_not_offer_or_no_reason_is_refused(
    idag, kandidat, koordinator, til, begrunnelse, felt
):
    with pytest.raises(ValidationError) as feil:
        rute_bytt(deltaker=kandidat, til=til, dato=idag, begrunnelse=begrunnelse, utfort_av=koordinator)
    assert felt in feil.value.message_dict


def test_the_ordinary_edit_cannot_change_the_track(kandidat, koordinator):
    with pytest.raises(ValueError):
        deltaker_endre(deltaker=kandidat, versjon=kandidat.versjon, utfort_av=koordinator, rute=R.FAGBREV_PA_JOBB)


# --- the page -------------------------------------------------------------------------------------


def test_the_coordinator_switches_on_the_form_and_the_case_page_shows_the_history(client, idag, kandidat, koordinator):
    client.force_login(koordinator)
    side = client.get(reverse("deltakere:detalj", args=[kandidat.pk]))
    assert reverse("deltakere:rute_bytt", args=[kandidat.pk]) in side.content.decode()
    url = reverse("deltakere:rute_bytt", args=[kandidat.pk])
    skjema = client.get(url)
    assert "Nå: Praksiskandidat" in skjema.content.decode()
    assert "Tidligst 01.09.2025" in skjema.content.decode()
    data = {"versjon": kandidat.versjon, "til": R.FAGBREV_PA_JOBB, "dato": "2026-11-02", "begrunnelse": "Fast ansatt"}
    svar = client.post(url, data)
    assert svar.status_code == 302
    side = client.get(reverse("deltakere:detalj", args=[kandidat.pk])).content.decode()
    assert "Bytte av løp" in side
    assert "02.11.2026" in side and "Fast ansatt" in side


def test_a_date_in_the_future_comes_back_with_the_message_and_what_was_typed(client, idag, kandidat, koordinator):
    client.force_login(koordinator)
    url = reverse("deltakere:rute_bytt", args=[kandidat.pk])
    data = {"versjon": kandidat.versjon, "til": R.FAGBREV_PA_JOBB, "dato": "2026-12-01", "begrunnelse": "Fast ansatt"}
    svar = client.post(url, data)
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "kan ikke være i fremtiden" in tekst and "Fast ansatt" in tekst
    assert not Rutebytte.objects.exists()


@pytest.mark.parametrize(("persona", "kode"), [("faglarer", 403), ("annen_faglarer", 404), ("koordinator_asker", 404)])
def test_only_the_cases_coordinator_may_switch(client, idag, kandidat, request, persona, kode):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("deltakere:rute_bytt", args=[kandidat.pk])
    data = {"versjon": kandidat.versjon, "til": R.FAGBREV_PA_JOBB, "dato": "2026-11-02", "begrunnelse": "x"}
    assert client.get(url).status_code == kode
    assert client.post(url, data).status_code == kode
    assert not Rutebytte.objects.exists()


# --- NAV Asker's reminder after a year in paid work -----------------------------------------------


def _varsler(dato: datetime.date) -> list:
    with frys(dato):
        return list(vurder_fagbrev_pa_jobb(dato))


@pytest.mark.parametrize(
    ("fra", "dag", "varsles"),
    [
        (D(2025, 11, 23), D(2026, 11, 22), False),  # the day before the year is full
        (D(2025, 11, 23), D(2026, 11, 23), True),  # the day
        (D(2024, 2, 29), D(2025, 2, 27), False),  # from a leap day: not on the 27th …
        (D(2024, 2, 29), D(2025, 2, 28), True),  # … but on the 28th, the same day a year later
        (D(2023, 3, 1), D(2024, 2, 29), False),  # into a leap year: 29.02 is still short of 01.03
        (D(2023, 3, 1), D(2024, 3, 1), True),
    ],
)
def test_a_praksiskandidat_a_year_in_paid_work_gives_the_coordinator_a_reminder(
    kandidat, koordinator, fra, dag, varsles
):
    PlasseringFactory(deltaker=kandidat, fra=fra, lonnet=True)
    varsler = _varsler(dag)
    assert bool(varsler) is varsles
    if varsles:
        (v,) = varsler
        assert v.mottaker_id == koordinator.pk
        assert v.tittel.startswith("Vurder bytte til fagbrev på jobb for Amina")
        assert v.lenke == f"/deltakere/{kandidat.pk}/lop/bytt/"


def test_no_reminder_for_unpaid_practice_an_ended_placement_or_after_the_switch(kandidat, koordinator):
    plassering = PlasseringFactory(deltaker=kandidat, fra=D(2025, 1, 6), lonnet=False)
    assert _varsler(D(2026, 11, 23)) == []
    plassering.lonnet, plassering.til = True, D(2026, 6, 30)
    plassering.save()
    assert _varsler(D(2026, 11, 23)) == []
    plassering.til = None
    plassering.save()
    assert _varsler(D(2026, 11, 23))
    with frys(D(2026, 11, 23)):
        rute_bytt(
            deltaker=kandidat, til=R.FAGBREV_PA_JOBB, dato=D(2026, 11, 23), begrunnelse="Ett år", utfort_av=koordinator
        )
    assert _varsler(D(2026, 11, 24)) == []


def test_the_innsyn_export_holds_the_tracks_history(idag, kandidat, koordinator):
    from personvern.innsyn import samle_objekter

    bytte = rute_bytt(deltaker=kandidat, til=R.FAGBREV_PA_JOBB, dato=idag, begrunnelse="Ansatt", utfort_av=koordinator)
    assert bytte in samle_objekter(kandidat)


def test_a_case_without_a_track_reads_no_switches_and_a_first_switch_shows(idag, deltaker, koordinator):
    """`rute` changes only by a switch, and a switch always leaves a track: the case page's section reads
    nothing for a case without one, and shows her first switch (from no track) once it is made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from deltakere.seksjoner import saksside_rutebytter

    Fagretning.objects.filter(pk=deltaker.fagretning_id).update(ruter=[R.PRAKSISKANDIDAT, R.FAGBREV_PA_JOBB])
    Deltaker.objects.filter(pk=deltaker.pk).update(rute="", henvist_dato=D(2025, 9, 1))
    deltaker = Deltaker.objects.get(pk=deltaker.pk)
    with CaptureQueriesContext(connection) as q:
        assert saksside_rutebytter(deltaker=deltaker, user=koordinator, idag=idag) is None
    assert len(q.captured_queries) == 0
    bytte = rute_bytt(
        deltaker=deltaker, til=R.PRAKSISKANDIDAT, dato=D(2026, 11, 2), begrunnelse="Valgt", utfort_av=koordinator
    )
    deltaker = Deltaker.objects.get(pk=deltaker.pk)
    assert bytte.fra == ""
    assert saksside_rutebytter(deltaker=deltaker, user=koordinator, idag=idag).context["bytter"] == [bytte]
