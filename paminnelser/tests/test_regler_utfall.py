"""«Registrer utfall seks måneder etter fullføring» at its edges: month ends, a due date on a Sunday,
the catch-up window, a registered outcome, other organisations; and the scan sends it once."""

import datetime

import pytest
import time_machine
from django.core import mail

from deltakere import regler as deltakere_regler
from deltakere.models import Deltaker, Utfall
from deltakere.services import utfall_registrer
from deltakere.tests.factories import DeltakerFactory
from deltakere.tests.saker import sak_avsluttet
from fagbrev.regler import regler
from paminnelser import services
from paminnelser.models import Art, Paminnelse

D = datetime.date
S = Deltaker.Status
REGEL = ["paminnelser.utfall_seks_maneder"]


def _fullfort(deltaker, dato, bruker=None):
    return sak_avsluttet(deltaker, S.FULLFORT, dato, bruker, begrunnelse="Fagprøven bestått")


def _utfall_registrert(deltaker, bruker, tidspunkt, dato):
    """The outcome «fast» recorded on the day it is about, at noon (a date in the future is refused)."""
    with time_machine.travel(datetime.datetime(dato.year, dato.month, dato.day, 12, 0), tick=False):
        utfall_registrer(deltaker=deltaker, tidspunkt=tidspunkt, situasjon="fast", dato=dato, utfort_av=bruker)


@pytest.fixture
def amina(deltaker, koordinator):
    """Completed 31.08.2026: six months after is 28.02.2027, a Sunday, so the reminder starts Friday 26.02."""
    return _fullfort(deltaker, D(2026, 8, 31), koordinator)


@pytest.mark.parametrize(
    ("idag", "forfaller"),
    [
        (D(2027, 2, 25), False),
        (D(2027, 2, 26), True),  # the working day before the Sunday
        (D(2027, 2, 28), True),
        (D(2027, 3, 30), True),  # 30 days of catch-up
        (D(2027, 3, 31), False),
    ],
)
def test_the_coordinator_is_reminded_from_the_working_day_before_six_months_after(
    koordinator, faglarer, amina, idag, forfaller
):
    funnet = list(deltakere_regler.utfall_seks_maneder(idag))
    if not forfaller:
        assert funnet == []
        return
    assert [(f.mottaker_id, f.periode, f.objekt_id) for f in funnet] == [(koordinator.pk, "2027-02-28", amina.pk)]
    f = funnet[0]
    assert f.art == Art.UTFALL and f.lenke == f"/deltakere/{amina.pk}/#utfall"
    assert f.tittel == (
        "Registrer utfall seks måneder etter fullføring for Amina (fullført 31.08.2026, frist søndag 28.02.2027)"
    )
    assert "Yusuf" not in f.tittel and f.sendes_senest == D(2027, 3, 30)


def test_a_registered_six_month_outcome_stops_the_reminder(koordinator, amina):
    _utfall_registrert(amina, koordinator, Utfall.Tidspunkt.SEKS_MANEDER, D(2027, 3, 1))
    assert list(deltakere_regler.utfall_seks_maneder(D(2027, 3, 1))) == []


def test_only_the_six_month_outcome_counts_and_only_completed_cases(koordinator, amina, annen_deltaker):
    _utfall_registrert(amina, koordinator, Utfall.Tidspunkt.VED_FULLFORING, D(2026, 9, 1))
    # Lina ended the same day but was terminated, not completed: no reminder for her.
    sak_avsluttet(annen_deltaker, S.AVBRUTT, D(2026, 8, 31), fra_status=S.I_OPPLAERING, begrunnelse="Flyttet")
    assert [f.objekt_id for f in deltakere_regler.utfall_seks_maneder(D(2027, 3, 1))] == [amina.pk]


@pytest.mark.parametrize(
    ("fullfort", "forst"),
    [
        (D(2026, 2, 28), D(2026, 8, 28)),
        (D(2026, 3, 31), D(2026, 9, 30)),
        (D(2027, 8, 31), D(2028, 2, 29)),  # six months after the 31st in a leap year: 29 February (a Tuesday)
        (D(2028, 2, 29), D(2028, 8, 29)),  # completed on a leap day
    ],
)
def test_six_months_after_a_month_end_is_the_same_day_or_the_months_last(koordinator, deltaker, fullfort, forst):
    _fullfort(deltaker, fullfort, koordinator)
    assert list(deltakere_regler.utfall_seks_maneder(forst - datetime.timedelta(days=1))) == []
    assert [f.periode for f in deltakere_regler.utfall_seks_maneder(forst)] == [forst.isoformat()]


def test_each_organisation_reminds_its_own_coordinators(koordinator, koordinator_asker, amina, fremmed_deltaker):
    _fullfort(fremmed_deltaker, D(2026, 8, 31), koordinator_asker)
    funnet = {
        (f.mottaker_id, f.objekt_id, f.organisasjon_id) for f in deltakere_regler.utfall_seks_maneder(D(2027, 3, 1))
    }
    assert funnet == {
        (koordinator.pk, amina.pk, amina.organisasjon_id),
        (koordinator_asker.pk, fremmed_deltaker.pk, fremmed_deltaker.organisasjon_id),
    }


def test_the_rule_is_two_queries_however_many_completed(koordinator, fagretning, django_assert_num_queries):
    for d in DeltakerFactory.create_batch(12, fagretning=fagretning):
        _fullfort(d, D(2026, 8, 31), koordinator)
    with django_assert_num_queries(2):
        assert len(list(deltakere_regler.utfall_seks_maneder(D(2027, 3, 1)))) == 12


def test_the_daily_scan_sends_the_reminder_once(koordinator, amina, django_capture_on_commit_callbacks):
    for dag in (D(2027, 2, 26), D(2027, 3, 1)):
        morgen = datetime.datetime(dag.year, dag.month, dag.day, 6, 0)
        with time_machine.travel(morgen, tick=False), django_capture_on_commit_callbacks(execute=True):
            services.skann_utfor(idag=dag, regelnavn=REGEL)
    rad = Paminnelse.objects.get()
    assert (rad.regel, rad.periode, rad.mottaker_id) == (
        "paminnelser.utfall_seks_maneder",
        "2027-02-28",
        koordinator.pk,
    )
    assert rad.status == Paminnelse.Status.SENDT and len(mail.outbox) == 1
    assert "paminnelser.utfall_seks_maneder" in {regel.navn for regel in regler()}
