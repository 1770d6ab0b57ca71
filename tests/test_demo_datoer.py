"""The demo data on any day of any year: `seed_demo` under a frozen clock on a leap day, the last and
first day of the year, the first day of each exam window and the day the demo's cohorts move on,
and what must hold of its dates on each of them."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models

from arbeidsgivere.models import Plassering
from deltakere import statusgrupper
from deltakere.models import Deltaker, Permisjon
from fagbrev.demo import Demo
from lop.frister import fagprove_hindringer
from lop.models import Fagprove, Laerekontrakt, Resultat
from oppfolging.models import Vurderingssamtale, semester_for

D = datetime.date
S = Deltaker.Status
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# Dates that name something planned, so they may lie after the day the demo is loaded.
PLANLAGT = {
    "lop.Laerekontrakt.start",  # a draft contract for someone just admitted (checked below)
    "lop.Laerekontrakt.slutt",
    "deltakere.Permisjon.til",
    "lop.Fagprove.provedato",  # a fagprøve registered for, not yet held (checked below)
    "lop.Manedstema.maned",
    "lop.Stipendvedtak.til",
    "lop.Stipendmaned.maned",
    "oppfolging.Besok.neste_besok",
    "oppfolging.Vurderingssamtale.planlagt_dato",
    "oppfolging.Tiltak.frist",
    "moter.Mote.dato",  # information meetings planned in the coming weeks
    "paminnelser.Paminnelse.sendes_senest",  # the seed's reminder scan: the last day a reminder may go out
}


def _seed(idag: datetime.date, settings) -> None:
    settings.DEBUG = True
    with time_machine.travel(datetime.datetime.combine(idag, datetime.time(10), OSLO), tick=False):
        call_command("seed_demo", stdout=StringIO())


def _etter_idag(idag: datetime.date) -> dict[str, int]:
    """Every date field in every table that holds a day after `idag`, with how many rows."""
    funn = {}
    for modell in apps.get_models():
        for felt in modell._meta.concrete_fields:
            if isinstance(felt, models.DateField) and not isinstance(felt, models.DateTimeField):
                antall = modell._base_manager.filter(**{f"{felt.name}__gt": idag}).count()
                if antall:
                    funn[f"{modell._meta.label}.{felt.name}"] = antall
    return funn


def _urimelig(deltaker: Deltaker, idag: datetime.date) -> list[str]:
    """What is wrong with one demo case on `idag` (empty: nothing)."""
    feil = []
    datoer = list(deltaker.statusendringer.order_by("pk").values_list("dato", flat=True))
    if datoer != sorted(datoer) or (datoer and datoer[0] < deltaker.henvist_dato):
        feil.append(f"statushistorikken går ikke framover fra henvisningen {deltaker.henvist_dato}: {datoer}")
    kontrakter = list(Laerekontrakt.objects.filter(deltaker=deltaker))
    if deltaker.status in statusgrupper.AKTIV:
        if deltaker.kull and deltaker.kull.oppstart > idag:
            feil.append(f"i opplæring i et kull som starter {deltaker.kull.oppstart}")
        if not any(k.start <= idag <= k.slutt for k in kontrakter):
            feil.append(f"i opplæring uten løpende kontrakt: {[(k.start, k.slutt) for k in kontrakter]}")
        start = Plassering.objects.filter(deltaker=deltaker).order_by("fra").values_list("fra", flat=True).first()
        if start and deltaker.besok.filter(dato__lt=start).exists():
            feil.append(f"besøk før hun begynte på arbeidsplassen {start}")
        if deltaker.kull and deltaker.vurderingssamtaler.filter(holdt_dato__lt=deltaker.kull.oppstart).exists():
            feil.append("vurderingssamtale holdt før kullet startet")
    i_dag = Permisjon.objects.filter(deltaker=deltaker, fra__lte=idag, til__gte=idag)
    if deltaker.status == S.PERMISJON and not i_dag.exists():
        feil.append("i permisjon uten en permisjon som gjelder i dag")
    if deltaker.status == S.FULLFORT:
        if any(k.slutt > idag for k in kontrakter):
            feil.append("fullført med en kontrakt som ikke er slutt")
        if not Fagprove.objects.filter(deltaker=deltaker, resultat=Resultat.BESTATT, provedato__lte=idag).exists():
            feil.append("fullført uten en bestått fagprøve")
    if deltaker.status == S.TEORI_BESTATT:
        for k in kontrakter:
            if hindringer := fagprove_hindringer(idag=idag, kontrakt_slutt=k.slutt, skriftlig_bestatt=True):
                feil.append(f"fagprøven kan ikke meldes opp i dag: {hindringer}")
    return [f"{deltaker.fornavn} {deltaker.etternavn} ({deltaker.status}): {f}" for f in feil]


@pytest.mark.parametrize(
    "idag",
    [
        D(2028, 2, 29),  # a leap day: the demo used to stop at date.replace(year=…)
        D(2027, 12, 31),
        D(2028, 1, 1),  # the calendar year changes, the demo's cohorts do not
        D(2027, 1, 15),  # the spring exam window opens
        D(2027, 9, 1),  # the autumn exam window opens
        D(2027, 8, 14),  # the last day of the two-year-old cohort's contracts
        D(2027, 8, 15),  # the newest cohort starts and the demo moves on a year
    ],
    ids=str,
)
def test_seed_demo_makes_sensible_cases_on_any_day(db, settings, idag):
    """Nothing that has happened is dated after the day the demo is loaded; each case's status history
    runs forward from the referral; a participant in training is in a cohort that has started, holds a
    contract that runs today, had no visit before her placement and no assessment before her cohort;
    one on leave has a leave that covers today; a completed one ended her contract and passed the
    fagprøve; one who passed the written exam can register for the fagprøve today."""
    _seed(idag, settings)

    assert set(_etter_idag(idag)) <= PLANLAGT
    assert not Laerekontrakt.objects.filter(start__gt=idag).exclude(status=Laerekontrakt.Status.UTKAST).exists()
    assert not Fagprove.objects.filter(provedato__gt=idag).exclude(resultat="").exists()
    feil = [f for d in Deltaker.objects.select_related("kull").order_by("pk") for f in _urimelig(d, idag)]
    assert feil == []
    assert Deltaker.objects.filter(status=S.I_OPPLAERING).count() >= 20
    assert Fagprove.objects.filter(resultat=Resultat.BESTATT).exists()
    # every semester from the oldest cohort's start to today has assessment meetings held
    holdt = set(Vurderingssamtale.objects.filter(holdt_dato__isnull=False).values_list("semester", flat=True))
    semester = semester_for(Deltaker.objects.aggregate(m=models.Min("kull__oppstart"))["m"])
    while semester.start <= idag:
        assert semester.kode in holdt, semester
        semester = semester_for(semester.slutt + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("idag", "kullar"),
    [
        (D(2026, 11, 23), 2026),
        (D(2026, 12, 31), 2026),
        (D(2027, 1, 1), 2026),  # not on 1 January
        (D(2027, 2, 28), 2026),
        (D(2027, 8, 14), 2026),
        (D(2027, 8, 15), 2027),  # but when the newest autumn cohort starts
        (D(2028, 2, 29), 2027),
    ],
)
def test_the_demos_cohorts_move_on_when_the_newest_autumn_cohort_starts(idag, kullar):
    assert Demo(idag=idag, rng=None).kullar == kullar
