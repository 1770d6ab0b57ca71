"""The visit rhythm and the semester rules, at their edges (month and year ends)."""

import datetime

import pytest
import time_machine

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from oppfolging.models import semester_for
from oppfolging.selectors import besoksrytme, med_besoksrytme, semesterstatus

from .factories import BesokFactory, PlasseringFactory, VurderingssamtaleFactory

D = datetime.date


@pytest.mark.parametrize(
    ("dato", "kode"),
    [
        (D(2026, 12, 31), "2026H"),
        (D(2027, 1, 1), "2027V"),
        (D(2026, 8, 1), "2026H"),
        (D(2026, 6, 30), "2026V"),
        (D(2026, 7, 31), "2026V"),
        (D(2028, 2, 29), "2028V"),
    ],
)
def test_semester_for_puts_each_date_in_its_half_year(dato, kode):
    assert semester_for(dato).kode == kode


def test_semester_bounds_and_names():
    host = semester_for(D(2026, 10, 1))
    assert (host.start, host.slutt, str(host)) == (D(2026, 8, 1), D(2026, 12, 31), "Høst 2026")
    var = semester_for(D(2027, 1, 1))
    assert (var.start, str(var)) == (D(2027, 1, 1), "Vår 2027")


def _frist(deltaker):
    return med_besoksrytme(Deltaker.objects.filter(pk=deltaker.pk)).get().neste_frist


@pytest.mark.parametrize(
    ("siste", "intervall", "frist"),
    [
        (D(2026, 12, 24), 14, D(2027, 1, 7)),  # across the year end
        (D(2026, 1, 20), 14, D(2026, 2, 3)),  # across a month end
        (D(2028, 2, 20), 14, D(2028, 3, 5)),  # leap February
        (D(2026, 1, 31), 30, D(2026, 3, 2)),  # monthly track past a short February
        (D(2026, 12, 1), 30, D(2026, 12, 31)),
    ],
)
def test_next_visit_is_due_the_tracks_interval_after_the_last_visit(deltaker, siste, intervall, frist):
    deltaker.fagretning.besok_intervall_dager = intervall
    deltaker.fagretning.save()
    BesokFactory(deltaker=deltaker, dato=siste - datetime.timedelta(days=30))
    BesokFactory(deltaker=deltaker, dato=siste)
    assert _frist(deltaker) == frist


def test_before_the_first_visit_the_rhythm_starts_at_the_placement(deltaker):
    PlasseringFactory(deltaker=deltaker, fra=D(2026, 12, 20))
    assert _frist(deltaker) == D(2027, 1, 3)


def test_a_participant_never_visited_and_not_placed_is_overdue(deltaker):
    with time_machine.travel(D(2026, 11, 23), tick=False):
        rytme = besoksrytme(deltakere=Deltaker.objects.all(), idag=D(2026, 11, 23))
    assert [d.pk for d in rytme.forfalt] == [deltaker.pk]
    assert rytme.forfalt[0].neste_frist is None


@pytest.mark.parametrize(
    ("idag", "forfalt", "snart"),
    [
        (D(2027, 1, 6), False, True),  # the day before the due date
        (D(2027, 1, 7), False, True),  # on the due date: due, not overdue
        (D(2027, 1, 8), True, False),  # the day after: overdue
    ],
)
def test_overdue_starts_the_day_after_the_due_date_across_the_year_end(deltaker, idag, forfalt, snart):
    BesokFactory(deltaker=deltaker, dato=D(2026, 12, 24))
    with time_machine.travel(idag, tick=False):
        rytme = besoksrytme(deltakere=Deltaker.objects.all(), idag=idag)
    assert (bool(rytme.forfalt), bool(rytme.snart)) == (forfalt, snart)


def test_participants_on_leave_or_finished_are_not_in_the_rhythm(fagretning, faglarer):
    for status in (Deltaker.Status.PERMISJON, Deltaker.Status.FULLFORT, Deltaker.Status.HENVIST):
        DeltakerFactory(fagretning=fagretning, faglarer=faglarer, status=status)
    rytme = besoksrytme(deltakere=Deltaker.objects.all(), idag=D(2026, 11, 23))
    assert rytme.antall_fulgt == 0 and rytme.forfalt == []


@pytest.mark.parametrize(
    ("idag", "status"),
    [
        (D(2026, 12, 31), "holdt"),  # the meeting on 31 Dec counts for høst 2026
        (D(2027, 1, 1), "mangler"),  # on 1 Jan a new semester starts: missing
    ],
)
def test_semester_status_turns_at_new_year(deltaker, koordinator, idag, status):
    VurderingssamtaleFactory(
        deltaker=deltaker, planlagt_dato=None, holdt_dato=D(2026, 12, 31), registrert_av=koordinator
    )
    with time_machine.travel(idag, tick=False):
        s = semesterstatus(deltakere=Deltaker.objects.all(), idag=idag)
    faktisk = "holdt" if s.holdt else "planlagt" if s.planlagt else "mangler"
    assert faktisk == status


def test_semester_status_shows_planned_meetings(deltaker, annen_deltaker, koordinator):
    VurderingssamtaleFactory(deltaker=deltaker, planlagt_dato=D(2026, 12, 3), registrert_av=koordinator)
    s = semesterstatus(deltakere=Deltaker.objects.all(), idag=D(2026, 11, 23))
    assert [d.pk for d in s.planlagt] == [deltaker.pk]
    assert [d.pk for d in s.mangler] == [annen_deltaker.pk]


@pytest.mark.parametrize(("idag", "forfalt"), [(D(2027, 1, 7), False), (D(2027, 1, 8), True)])
def test_project_group_meets_every_four_weeks_across_the_year_end(koordinator, fagretning, idag, forfalt):
    from oppfolging.selectors import moterytme

    from .factories import MoteFactory

    MoteFactory(fagretning=fagretning, dato=D(2026, 12, 10), registrert_av=koordinator)
    MoteFactory(
        fagretning=None,
        organisasjon=fagretning.organisasjon,
        type="styringsgruppe",
        dato=D(2026, 12, 31),
        registrert_av=koordinator,
    )
    with time_machine.travel(idag, tick=False):
        rytme = moterytme(user=koordinator, idag=idag)
    (f,) = rytme["fagretninger"]
    assert (f.neste_mote, f.mote_forfalt) == (D(2027, 1, 7), forfalt)
    assert rytme["styringsgruppe"] is None  # the steering group met in høst 2026, not in vår 2027
