"""My overview's «active without a practice place» and the semester's assessment meetings read stored
figures (Deltaker.praksis_til, .siste_vurderingssamtale, oppfolging/besoksdato.py), and its counts of whole
organisations (statuses per track, those followed up, the semester's meetings) the pre-aggregate
(rapporter/tellinger.py, registered in deltakere's and oppfolging's registries): after any series of
writes they give what the case rows give, and the overview's query count does not grow with the data."""

from __future__ import annotations

import datetime
import random
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connection
from django.db.models import FilteredRelation, Q
from django.test.utils import CaptureQueriesContext

from arbeidsgivere.models import Plassering
from arbeidsgivere.tests.factories import PlasseringFactory
from deltakere import statusgrupper
from deltakere.models import Deltaker
from deltakere.selectors import LAGRET_TELLING, telling
from deltakere.tests.factories import DeltakerFactory
from fagbrev.models import User
from fagbrev.permissions import FAGLARER, KOORDINATOR, STYRINGSGRUPPE
from fagbrev.seksjoner import oversikt_seksjoner
from fagbrev.tests.factories import FagretningFactory, MedlemskapFactory, bruker_med_rolle
from oppfolging.models import Vurderingssamtale, semester_for
from oppfolging.selectors import LAGRET_SEMESTERTALL, besoksrytme, semesterstatus
from oppfolging.tests.factories import BesokFactory, VurderingssamtaleFactory

D = datetime.date
STATUSER = ["i_opplaering", "permisjon", "teori_bestatt", "fagprove_meldt_opp", "tatt_opp", "fullfort"]


def _uten_plass_fra_radene(idag: datetime.date) -> list[int]:
    """The anti-join the overview ran before the end of the latest placement was stored."""
    apen = FilteredRelation(
        "plasseringer", condition=Q(plasseringer__til__isnull=True) | Q(plasseringer__til__gte=idag)
    )
    rader = Deltaker.objects.filter(status__in=statusgrupper.AKTIV).annotate(apen=apen).filter(apen__isnull=True)
    return sorted(rader.values_list("pk", flat=True))


@contextmanager
def _fra_radene():
    """The counts as the rows give them: the registries of stored counts emptied for a while."""
    lagret = dict(LAGRET_TELLING), dict(LAGRET_SEMESTERTALL)
    LAGRET_TELLING.clear()
    LAGRET_SEMESTERTALL.clear()
    try:
        yield
    finally:
        LAGRET_TELLING.update(lagret[0])
        LAGRET_SEMESTERTALL.update(lagret[1])


def _tellinger_lik(bruker, idag: datetime.date) -> None:
    """Every stored count of my overview equals the count of the rows (run after the overview's
    `for_oversikt`, which brings the pre-aggregate current)."""
    assert LAGRET_TELLING and LAGRET_SEMESTERTALL  # rapporter registered them
    rapport_orgs = bruker.organisasjoner_med(KOORDINATOR, STYRINGSGRUPPE)
    lagret = telling(user=bruker, hele_org_ids=rapport_orgs)
    orgs = bruker.organisasjoner_med(KOORDINATOR)
    deltakere = Deltaker.objects.filter(organisasjon_id__in=orgs)
    kort = semesterstatus(deltakere=deltakere, idag=idag, grense=3, hele_org=orgs)
    fulgt = besoksrytme(deltakere=deltakere, idag=idag, hele_org=orgs).antall_fulgt
    with _fra_radene():
        assert lagret == telling(user=bruker, hele_org_ids=rapport_orgs)
        alle = semesterstatus(deltakere=deltakere, idag=idag)  # every row, from the meetings
        assert fulgt == besoksrytme(deltakere=deltakere, idag=idag).antall_fulgt
    assert (kort.antall_holdt, kort.antall_planlagt, kort.antall_mangler) == (
        alle.antall_holdt,
        alle.antall_planlagt,
        alle.antall_mangler,
    )
    assert fulgt == deltakere.filter(status__in=statusgrupper.PA_ARBEIDSPLASSEN).count()


def _lik(bruker, idag: datetime.date) -> None:
    seksjoner = {s.template: s.context for s in oversikt_seksjoner(user=bruker, idag=idag)}
    _tellinger_lik(bruker, idag)
    uten = seksjoner.get("arbeidsgivere/_oversikt.html", {}).get("uten_plass", [])
    fasit = _uten_plass_fra_radene(idag)
    assert {d.pk for d in uten} <= set(fasit) and len(uten) == min(len(fasit), 10)  # the first 10 by name
    lagret = Deltaker.objects.filter(status__in=statusgrupper.AKTIV, praksis_til__lt=idag)
    assert sorted(lagret.values_list("pk", flat=True)) == fasit
    kort = semesterstatus(deltakere=Deltaker.objects.all(), idag=idag, grense=3)
    alle = semesterstatus(deltakere=Deltaker.objects.all(), idag=idag)  # every row, from the meetings
    assert (kort.antall_holdt, kort.antall_planlagt, kort.antall_mangler) == (
        alle.antall_holdt,
        alle.antall_planlagt,
        alle.antall_mangler,
    )


@pytest.mark.django_db
def test_the_stored_place_and_meeting_figures_follow_every_write():
    rng = random.Random(19)
    spor = FagretningFactory()
    spor2 = FagretningFactory(organisasjon=spor.organisasjon)
    bruker = bruker_med_rolle(spor.organisasjon, KOORDINATOR)
    deltakere = [DeltakerFactory(fagretning=spor, status=rng.choice(STATUSER)) for _ in range(14)]
    idag = D(2026, 1, 10)
    for steg in range(90):
        idag += datetime.timedelta(days=rng.randrange(6))  # the clock only moves forward
        with time_machine.travel(idag, tick=False):
            d = rng.choice(deltakere)
            valg = rng.randrange(6)
            dato = idag + datetime.timedelta(days=rng.randrange(-120, 120))
            if valg == 0:
                PlasseringFactory(deltaker=d, fra=min(dato, idag), til=rng.choice([None, dato, idag]))
            elif valg == 1 and (p := Plassering.objects.filter(deltaker=d).first()):
                p.til = rng.choice([None, idag - datetime.timedelta(days=1), dato])
                p.save(update_fields=["til"])
            elif valg == 2 and (p := Plassering.objects.filter(deltaker=d).first()):
                p.delete()
            elif valg == 3:
                holdt = min(dato, idag) if rng.random() < 0.5 else None
                planlagt = dato if holdt is None else None
                kode = semester_for(holdt or planlagt).kode
                if not Vurderingssamtale.objects.filter(deltaker=d, semester=kode).exists():
                    VurderingssamtaleFactory(deltaker=d, planlagt_dato=planlagt, holdt_dato=holdt, semester=kode)
            elif valg == 4 and (s := Vurderingssamtale.objects.filter(deltaker=d).first()):
                if s.holdt_dato is None and rng.random() < 0.6 and semester_for(idag).kode == s.semester:
                    s.holdt_dato = idag  # held today: the meeting's semester is today's
                    s.save(update_fields=["holdt_dato"])
                else:
                    s.delete()
            elif valg == 5 and rng.random() < 0.2:  # to the other track, or a new participant
                if rng.random() < 0.5:
                    Deltaker.objects.filter(pk=d.pk).update(fagretning=rng.choice([spor, spor2]))
                else:
                    deltakere.append(DeltakerFactory(fagretning=rng.choice([spor, spor2]), status=rng.choice(STATUSER)))
            else:  # status changes, leave among them
                Deltaker.objects.filter(pk=d.pk).update(status=rng.choice(STATUSER))
            if rng.random() < 0.25:
                BesokFactory(deltaker=d, dato=idag, registrert_av=bruker)
            if steg % 3 == 0:
                _lik(bruker, idag)
    with time_machine.travel(idag, tick=False):
        _lik(bruker, idag)
    assert Deltaker.objects.filter(siste_vurderingssamtale__gt=D(1, 1, 1)).exists()
    assert Deltaker.objects.filter(praksis_til__gt=D(1, 1, 1)).exists()


def _fyll(spor, antall: int, idag: datetime.date) -> None:
    for i in range(antall):
        d = DeltakerFactory(fagretning=spor, status=STATUSER[i % 4])
        if i % 3:
            PlasseringFactory(deltaker=d, fra=D(2026, 8, 1), til=None if i % 2 else D(2026, 9, 1))
        if i % 4 == 1:
            VurderingssamtaleFactory(deltaker=d, planlagt_dato=idag, holdt_dato=idag if i % 8 == 1 else None)


@pytest.mark.django_db
def test_the_overview_reads_the_same_number_of_queries_with_more_data(client, django_assert_max_num_queries):
    idag = D(2026, 11, 20)
    spor = FagretningFactory()
    koordinator = bruker_med_rolle(spor.organisasjon, KOORDINATOR)
    client.force_login(koordinator)
    with time_machine.travel(idag, tick=False):
        _fyll(spor, 6, idag)
        client.get("/")  # the figures the writes marked are worked out once
        with CaptureQueriesContext(connection) as forst:
            assert client.get("/").status_code == 200
        forste = forst.final_queries - forst.initial_queries  # the log is emptied when a request starts
        _fyll(spor, 40, idag)
        client.get("/")
        assert forste > 10
        with django_assert_max_num_queries(forste):
            html = client.get("/").content.decode()
    assert "Aktive deltakere uten praksisplass" in html


@pytest.mark.django_db
def test_the_stored_counts_equal_the_rows_for_every_mix_of_roles():
    """A coordinator of one organisation who teaches in a second and reads the third's reports: her stored
    counts and the rows' agree, and so do a teacher's (counted from the rows) and the steering group's."""
    spor, spor2, spor3 = FagretningFactory(), FagretningFactory(), FagretningFactory()
    bruker = bruker_med_rolle(spor.organisasjon, KOORDINATOR)
    MedlemskapFactory(bruker=bruker, organisasjon=spor2.organisasjon, rolle=FAGLARER)
    MedlemskapFactory(bruker=bruker, organisasjon=spor3.organisasjon, rolle=STYRINGSGRUPPE)
    faglarer = bruker_med_rolle(spor2.organisasjon, FAGLARER)
    styring = bruker_med_rolle(spor3.organisasjon, STYRINGSGRUPPE)
    for i, status in enumerate(STATUSER * 3):
        for f in (spor, spor2, spor3):
            DeltakerFactory(fagretning=f, status=status, faglarer=[bruker, faglarer, None][i % 3])
    idag = D(2026, 11, 20)
    with time_machine.travel(idag, tick=False):
        for hvem in (bruker, faglarer, styring):
            hvem = User.objects.get(pk=hvem.pk)
            oversikt_seksjoner(user=hvem, idag=idag)
            rapport_orgs = hvem.organisasjoner_med(KOORDINATOR, STYRINGSGRUPPE)
            lagret = telling(user=hvem, hele_org_ids=rapport_orgs)
            with _fra_radene():
                assert lagret == telling(user=hvem, hele_org_ids=rapport_orgs)
            assert lagret.per_fagretning  # something was counted
        assert sum(lagret.per_fagretning[spor3.pk].values()) == len(STATUSER) * 3
