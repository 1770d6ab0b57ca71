"""Outcome after the pathway (utfall): the service's rules at their date edges, the history in the event
log, and the case page's section and form by role."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from deltakere.models import Deltaker, Utfall
from deltakere.services import utfall_registrer
from deltakere.tests.saker import sak_avsluttet
from fagbrev.models import Hendelse
from fagbrev.tests.klokke import frys

S = Deltaker.Status
T = Utfall.Tidspunkt
D = datetime.date


pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


@pytest.fixture
def fullfort(deltaker, koordinator):
    """Amina completed 31.08.2026: six months after is 28.02.2027 (the month has no 31st)."""
    return sak_avsluttet(deltaker, S.FULLFORT, D(2026, 8, 31), koordinator)


def test_an_outcome_is_recorded_with_who_and_an_event(fullfort, koordinator):
    utfall = utfall_registrer(
        deltaker=fullfort,
        tidspunkt=T.VED_FULLFORING,
        situasjon="fast",
        dato=D(2026, 9, 1),
        arbeidsgiver=" Solsikken barnehage ",
        utfort_av=koordinator,
    )
    assert (utfall.situasjon, utfall.arbeidsgiver, utfall.registrert_av) == ("fast", "Solsikken barnehage", koordinator)
    assert utfall.i_arbeid
    h = Hendelse.objects.get(handling="deltakere.utfall.registrert")
    assert (h.utfort_av, h.deltaker_id) == (koordinator, fullfort.pk)
    assert h.beskrivelse == "Utfall ved fullføring: Fast ansatt (Solsikken barnehage), 01.09.2026"


def test_a_correction_edits_the_one_row_and_the_log_keeps_before_and_after(fullfort, koordinator):
    for situasjon in ("fast", "midlertidig", "midlertidig"):
        utfall_registrer(
            deltaker=fullfort,
            tidspunkt=T.VED_FULLFORING,
            situasjon=situasjon,
            dato=D(2026, 9, 1),
            utfort_av=koordinator,
        )
    assert Utfall.objects.filter(deltaker=fullfort).count() == 1
    endret = Hendelse.objects.filter(handling="deltakere.utfall.endret")
    assert endret.count() == 1  # the third save changed nothing and logged nothing
    assert endret.get().endringer == {"situasjon": ["fast", "midlertidig"]}
    assert endret.get().beskrivelse == "Utfall ved fullføring: Midlertidig ansatt, 01.09.2026 (endret)"


def test_an_open_case_has_no_outcome(deltaker, koordinator):
    with pytest.raises(ValidationError, match="fullført eller avbrutt"):
        utfall_registrer(
            deltaker=deltaker, tidspunkt=T.VED_FULLFORING, situasjon="fast", dato=D(2026, 9, 1), utfort_av=koordinator
        )


def test_a_terminated_case_may_record_what_came_next(deltaker, koordinator):
    avbrutt = sak_avsluttet(deltaker, S.AVBRUTT, D(2026, 3, 1), koordinator)
    utfall_registrer(
        deltaker=avbrutt, tidspunkt=T.VED_FULLFORING, situasjon="fast", dato=D(2026, 3, 1), utfort_av=koordinator
    )
    utfall_registrer(
        deltaker=avbrutt, tidspunkt=T.SEKS_MANEDER, situasjon="fast", dato=D(2026, 9, 1), utfort_av=koordinator
    )
    assert Utfall.objects.filter(deltaker=avbrutt).count() == 2


def test_an_outcome_cannot_be_dated_in_the_future(fullfort, koordinator):
    with pytest.raises(ValidationError) as feil:
        utfall_registrer(
            deltaker=fullfort, tidspunkt=T.VED_FULLFORING, situasjon="fast", dato=D(2026, 11, 24), utfort_av=koordinator
        )
    assert feil.value.message_dict == {"dato": ["Datoen kan ikke være i fremtiden."]}


@pytest.mark.parametrize(("idag", "mulig"), [(D(2027, 2, 27), False), (D(2027, 2, 28), True), (D(2027, 3, 1), True)])
def test_the_six_month_outcome_can_be_dated_from_six_months_after_completion(fullfort, koordinator, idag, mulig):
    with frys(idag):
        if mulig:
            utfall_registrer(
                deltaker=fullfort, tidspunkt=T.SEKS_MANEDER, situasjon="fast", dato=idag, utfort_av=koordinator
            )
            assert Utfall.objects.get(deltaker=fullfort, tidspunkt=T.SEKS_MANEDER).dato == idag
        else:
            with pytest.raises(ValidationError) as feil:
                utfall_registrer(
                    deltaker=fullfort, tidspunkt=T.SEKS_MANEDER, situasjon="fast", dato=idag, utfort_av=koordinator
                )
            assert feil.value.message_dict["dato"] == [
                "Utfallet seks måneder etter kan tidligst gjelde 28.02.2027 (avsluttet 31.08.2026)."
            ]


def test_without_a_recorded_end_date_six_months_after_cannot_be_computed(deltaker, koordinator):
    Deltaker.objects.filter(pk=deltaker.pk).update(status=S.FULLFORT)  # imported as completed, no history
    deltaker.refresh_from_db()
    with pytest.raises(ValidationError, match="Fant ikke datoen"):
        utfall_registrer(
            deltaker=deltaker, tidspunkt=T.SEKS_MANEDER, situasjon="fast", dato=D(2026, 11, 1), utfort_av=koordinator
        )
    utfall_registrer(
        deltaker=deltaker, tidspunkt=T.VED_FULLFORING, situasjon="fast", dato=D(2026, 11, 1), utfort_av=koordinator
    )


# --- the case page ---------------------------------------------------------------------------------


def _side(client, bruker, deltaker) -> str:
    client.force_login(bruker)
    svar = client.get(f"/deltakere/{deltaker.pk}/")
    assert svar.status_code == 200
    return svar.content.decode()


def test_the_coordinator_gets_the_form_and_teachers_read_the_outcome(
    client, koordinator, faglarer, norsklarer, fullfort
):
    utfall_registrer(
        deltaker=fullfort,
        tidspunkt=T.VED_FULLFORING,
        situasjon="laerling",
        dato=D(2026, 9, 1),
        arbeidsgiver="Solsikken barnehage",
        utfort_av=koordinator,
    )
    html = _side(client, koordinator, fullfort)
    assert 'id="h-utfall"' in html and f'action="/deltakere/{fullfort.pk}/utfall/ved_fullforing/"' in html
    assert "Lærling" in html and "Solsikken barnehage" in html
    # Six months after is due 28.02.2027: no form for it yet, only when it can be registered.
    assert f"/deltakere/{fullfort.pk}/utfall/seks_maneder/" not in html and "Kan registreres fra 28.02.2027" in html
    assert "Utfall ved fullføring: Lærling (Solsikken barnehage), 01.09.2026" in html  # the timeline
    for leser in (faglarer, norsklarer):
        html = _side(client, leser, fullfort)
        assert "Lærling" in html and "Solsikken barnehage" in html
        assert "/utfall/" not in html  # no form


def test_the_six_month_form_appears_on_its_due_date(client, koordinator, fullfort):
    with frys(D(2027, 2, 28)):
        html = _side(client, koordinator, fullfort)
    assert f'action="/deltakere/{fullfort.pk}/utfall/seks_maneder/"' in html


def test_an_open_case_has_no_outcome_section(client, koordinator, deltaker):
    assert 'id="h-utfall"' not in _side(client, koordinator, deltaker)


def test_posting_the_form_saves_and_returns_to_the_case(client, koordinator, fullfort):
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{fullfort.pk}/utfall/ved_fullforing/",
        {
            "utfall-ved_fullforing-situasjon": "utdanning",
            "utfall-ved_fullforing-dato": "2026-09-15",
            "utfall-ved_fullforing-arbeidsgiver": "OsloMet",
        },
    )
    assert svar.status_code == 302 and svar.url == f"/deltakere/{fullfort.pk}/#utfall"
    utfall = Utfall.objects.get(deltaker=fullfort)
    assert (utfall.situasjon, utfall.dato, utfall.arbeidsgiver) == ("utdanning", D(2026, 9, 15), "OsloMet")


def test_a_refused_outcome_comes_back_with_the_error_summary_and_the_input(client, koordinator, fullfort):
    with frys(D(2027, 3, 1)):
        client.force_login(koordinator)  # a session from November would have expired
        svar = client.post(
            f"/deltakere/{fullfort.pk}/utfall/seks_maneder/",
            {"utfall-seks_maneder-situasjon": "fast", "utfall-seks_maneder-dato": "2027-02-01"},
        )
    html = svar.content.decode()
    assert svar.status_code == 200 and 'id="feiloppsummering"' in html
    assert "kan tidligst gjelde 28.02.2027" in html and 'value="2027-02-01"' in html
    assert not Utfall.objects.exists()


def test_teachers_cannot_register_an_outcome(client, faglarer, annen_faglarer, fullfort):
    data = {"utfall-ved_fullforing-situasjon": "fast", "utfall-ved_fullforing-dato": "2026-09-15"}
    client.force_login(faglarer)
    assert client.post(f"/deltakere/{fullfort.pk}/utfall/ved_fullforing/", data).status_code == 403
    client.force_login(annen_faglarer)
    assert client.post(f"/deltakere/{fullfort.pk}/utfall/ved_fullforing/", data).status_code == 404
    assert client.get(f"/deltakere/{fullfort.pk}/utfall/annet/").status_code == 404
    assert not Utfall.objects.exists()


def test_case_page_of_a_completed_case_stays_within_the_case_page_bound(
    client, koordinator, fullfort, django_assert_max_num_queries
):
    for tidspunkt, dato in ((T.VED_FULLFORING, D(2026, 9, 1)), (T.SEKS_MANEDER, D(2027, 3, 1))):
        with frys(dato):
            utfall_registrer(deltaker=fullfort, tidspunkt=tidspunkt, situasjon="fast", dato=dato, utfort_av=koordinator)
    with frys(D(2027, 3, 1)):
        client.force_login(koordinator)
        with django_assert_max_num_queries(40):  # the bound of the open case's page test
            assert client.get(f"/deltakere/{fullfort.pk}/").status_code == 200
