"""The demo's history spreads over the years it covers: the dashboard's past semesters have content, a
completed participant has her placement and visits, and the event log is not stamped at load time."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from arbeidsgivere.models import Plassering
from deltakere.models import Deltaker
from fagbrev.models import Hendelse, Organisasjon
from oppfolging.models import Besok, Vurderingssamtale
from rapporter.sammendrag import tillegg
from rapporter.selectors import dashboard
from rapporter.semester import Semester

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
# Any day: the demo's dates are relative to it. A spring day and an autumn day, whose three years reach
# back to a spring and to an autumn semester.
DAGER = [datetime.date(2027, 3, 10), datetime.date(2026, 12, 5)]


@pytest.fixture(params=DAGER, ids=str)
def demo(request, db, settings):
    settings.DEBUG = True
    with time_machine.travel(datetime.datetime.combine(request.param, datetime.time(10), OSLO), tick=False):
        call_command("seed_demo", stdout=StringIO())
        yield request.param


def test_the_demo_history_fills_past_semesters_completed_cases_and_the_timeline(demo):
    idag = demo
    org = Organisasjon.objects.get(kortnavn="Lørenskog")
    data = dashboard(
        org_ids={org.pk}, semester=Semester.for_dato(idag), undertrykk_sma=False, idag=idag, tillegg=tillegg
    )
    i_opplaering = next(s for s in data.serier if s.tabell.nokler[(0, 0)][0] == "aktive")
    assert all(v > 0 for v in i_opplaering.verdier), i_opplaering.verdier
    besok = next(t for t in data.trender if t.tabell.nokler[(0, 0)][0] == "besok")
    assert all(v > 0 for v in besok.verdier[-4:]), besok.verdier

    # every semester of the last three years has assessment meetings held, on the dashboard too
    semestre = Semester.for_dato(idag).siste(6)
    holdt = Vurderingssamtale.objects.filter(organisasjon=org, holdt_dato__isnull=False)
    assert {s.oppfolging_kode for s in semestre} <= set(holdt.values_list("semester", flat=True))
    eldste = dashboard(org_ids={org.pk}, semester=semestre[0], undertrykk_sma=False, idag=idag)
    oppfolging = next(rt.tabell for rt in eldste.tabeller if "Samtaler holdt" in rt.tabell.kolonner)
    assert oppfolging.verdier[-1][oppfolging.kolonner.index("Samtaler holdt")] > 0
    assert holdt.filter(deltaker__status=Deltaker.Status.FULLFORT).exists()  # a completed case has hers

    # a completed participant has her placement and visits (one seeding for all: it takes long)
    fullforte = Deltaker.objects.filter(status=Deltaker.Status.FULLFORT)
    assert fullforte.exists()
    for d in fullforte:
        assert Plassering.objects.filter(deltaker=d).exists(), d
    assert Besok.objects.filter(deltaker__in=fullforte).exists()

    # the event log is dated by what it records, not by the load
    for_idag = Hendelse.objects.filter(tidspunkt__date__lt=idag).count()
    assert for_idag > Hendelse.objects.count() / 2
    assert not Hendelse.objects.filter(tidspunkt__date__gt=idag).exists()
    assert not Deltaker.objects.filter(opprettet__date__gte=idag, henvist_dato__lt=idag).exists()
