"""The placements in use per employer and period (rapporter/praksistall.py) against the same figures
counted from the placements: on the demo, on generated data, and after a random series of writes.

The reference queries are the dashboard's own before pre-aggregation (`praksis()` over the placements
running in the period), kept here as the definition.
"""

from __future__ import annotations

import datetime
import random
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count, ProtectedError, Q

from arbeidsgivere.models import Arbeidsgiver, Arbeidssted, Plassering
from arbeidsgivere.services import plassering_avslutt, plassering_opprett
from bench.generator import fyll_til
from deltakere.models import Deltaker
from fagbrev.models import Organisasjon, User
from rapporter.models import Praksistall, UoppdatertArbeidsgiver
from rapporter.praksistall import i_perioden, praksistall_bygg, praksistall_oppdater_alle
from rapporter.semester import Aar, Semester
from rapporter.tabeller_oppfolging import VIS_ARBEIDSGIVERE, praksis

IDAG = datetime.date(2026, 11, 23)


def _perioder(fra_ar: int, til_ar: int):
    for ar in [*range(fra_ar, til_ar + 1), 2040, 2100]:  # and periods far ahead: open placements run on
        yield Semester(ar, "var")
        yield Semester(ar, "host")
        yield Aar(ar)


def _fasit(org_ids: set[int], periode) -> tuple[list[int], list[tuple[str, int]]]:
    """[workplaces, employers, approved employers in use, approved in all] and [(employer, placements)]
    by most placements, then name: the dashboard's queries before the counts were kept."""
    i_bruk = Q(fra__lte=periode.slutt) & (Q(til__isnull=True) | Q(til__gte=periode.start))
    plasseringer = Plassering.objects.filter(i_bruk, organisasjon_id__in=org_ids)
    samlet = plasseringer.aggregate(
        steder=Count("arbeidssted", distinct=True),
        arbeidsgivere=Count("arbeidssted__arbeidsgiver", distinct=True),
        godkjente=Count(
            "arbeidssted__arbeidsgiver", distinct=True, filter=Q(arbeidssted__arbeidsgiver__godkjent_laerebedrift=True)
        ),
    )
    godkjente_alle = Arbeidsgiver.objects.filter(organisasjon_id__in=org_ids, godkjent_laerebedrift=True).count()
    per_arbeidsgiver = (
        plasseringer.values("arbeidssted__arbeidsgiver_id", "arbeidssted__arbeidsgiver__navn")
        .annotate(n=Count("pk"))
        .order_by("-n", "arbeidssted__arbeidsgiver__navn")
    )
    return (
        [samlet["steder"], samlet["arbeidsgivere"], samlet["godkjente"], godkjente_alle],
        [(r["arbeidssted__arbeidsgiver__navn"], r["n"]) for r in per_arbeidsgiver],
    )


def sammenlign(idag: datetime.date) -> int:
    """The dashboard's two tables for every organisation and every semester and year of the data (and
    some far ahead), against the rows; returns how many non-zero figures were compared."""
    praksistall_oppdater_alle()
    assert not UoppdatertArbeidsgiver.objects.exists()
    datoer = [d for rad in Plassering.objects.values_list("fra", "til") for d in rad if d is not None]
    fra_ar, til_ar = min(d.year for d in datoer or [idag]), max(d.year for d in datoer or [idag])
    til_ar = min(til_ar, 2099)  # a report is asked for a year up to 2100 (rapporter/semester.py)
    antall = 0
    for org in Organisasjon.objects.all():
        org_ids = {org.pk}
        for periode in _perioder(fra_ar - 1, til_ar + 1):
            oversikt, per_arbeidsgiver = _fasit(org_ids, periode)
            lest = i_perioden(org_ids, periode)
            assert sorted((a.navn, a.plasseringer) for a in lest) == sorted(per_arbeidsgiver), (org, periode)
            tabeller = praksis(org_ids=org_ids, periode=periode, undertrykk_sma=False)
            assert tabeller[0].tabell.verdier == [oversikt], (org, periode)
            topp, resten = per_arbeidsgiver[:VIS_ARBEIDSGIVERE], per_arbeidsgiver[VIS_ARBEIDSGIVERE:]
            rader = [navn for navn, _ in topp] + ([f"Andre arbeidsgivere ({len(resten)})"] if resten else [])
            celler = [n for _, n in topp] + ([sum(n for _, n in resten)] if resten else [])
            tabell = tabeller[1].tabell
            assert (tabell.rader, [v[0] for v in tabell.verdier[: len(rader)]]) == (rader, celler), (org, periode)
            antall += sum(1 for n in oversikt[:3] if n) + len(per_arbeidsgiver)
    return antall


SKRIV = ["ny", "avsluttet", "flyttet", "endret", "godkjent", "sted", "slettet"]


def _tilfeldige_skriv(
    rng: random.Random, idag: datetime.date, koordinator: User, n: int, slag: list[str]
) -> dict[str, int]:
    """n random writes of the kinds `slag` (through the services, or straight to the rows: the triggers
    see every writer); a refused one is skipped. Returns how many of each kind went through."""
    deltakere = list(Deltaker.objects.order_by("pk").values_list("pk", flat=True))
    steder = list(Arbeidssted.objects.order_by("pk"))
    gjort: dict[str, int] = {}
    nye: list[int] = []  # placements made here: nothing refers to them, so they may be deleted
    for _ in range(n):
        dato = idag - datetime.timedelta(days=rng.randrange(-200, 900))
        plassering = Plassering.objects.filter(deltaker_id=rng.choice(deltakere)).order_by("?").first()
        valg = rng.choice(slag)
        try:
            if valg == "ny":  # a new placement (ends her open one the day before, if that started earlier)
                d = Deltaker.objects.get(pk=rng.choice(deltakere))
                sted = rng.choice([s for s in steder if s.organisasjon_id == d.organisasjon_id])
                til = rng.choice([None, dato + datetime.timedelta(days=rng.randrange(0, 400))])
                ny = plassering_opprett(
                    deltaker=d, arbeidssted=sted, fadder=None, fra=dato, til=til, utfort_av=koordinator
                )
                nye.append(ny.pk)
            elif valg == "avsluttet" and plassering is not None:
                plassering_avslutt(plassering=plassering, til=max(dato, plassering.fra), utfort_av=koordinator)
            elif valg == "flyttet" and plassering is not None:  # to another workplace of the organisation
                sted = rng.choice([s for s in steder if s.organisasjon_id == plassering.organisasjon_id])
                Plassering.objects.filter(pk=plassering.pk).update(arbeidssted=sted)
            elif valg == "endret" and plassering is not None:  # its dates written again
                til = rng.choice([None, plassering.fra + datetime.timedelta(days=rng.randrange(0, 600))])
                if til is None and Plassering.objects.filter(deltaker_id=plassering.deltaker_id, til=None).exists():
                    raise ValueError("one open placement at a time")
                Plassering.objects.filter(pk=plassering.pk).update(til=til)
            elif valg == "godkjent":  # an employer approved as lærebedrift, or no longer (read as it is now)
                ag = Arbeidsgiver.objects.order_by("?").first()
                Arbeidsgiver.objects.filter(pk=ag.pk).update(godkjent_laerebedrift=not ag.godkjent_laerebedrift)
            elif valg == "sted":  # a workplace moved to another employer of its organisation
                sted = rng.choice(steder)
                ag = Arbeidsgiver.objects.filter(organisasjon_id=sted.organisasjon_id).order_by("?").first()
                Arbeidssted.objects.filter(pk=sted.pk).update(arbeidsgiver=ag)
            elif valg == "slettet" and nye:  # allowed while nothing refers to it
                Plassering.objects.get(pk=nye.pop(rng.randrange(len(nye)))).delete()
            else:
                continue
            gjort[valg] = gjort.get(valg, 0) + 1
        except (ValidationError, ValueError, ProtectedError):
            continue
    return gjort


def _koordinator() -> User:
    return User.objects.filter(is_superuser=False).order_by("pk").first() or User.objects.create(username="k")


def _rader() -> set[tuple]:
    return set(
        Praksistall.objects.values_list(
            "organisasjon_id", "arbeidsgiver_id", "ar", "start", "og_senere", "plasseringer", "steder"
        )
    )


@pytest.mark.django_db
def test_placements_in_use_equal_the_rows_on_the_demo_and_after_random_writes():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        call_command("seed_demo", force=True, stdout=StringIO())
        assert sammenlign(IDAG) > 50
        rng = random.Random(19)
        gjort = _tilfeldige_skriv(rng, IDAG, _koordinator(), 150, SKRIV)
        assert set(gjort) == set(SKRIV), gjort
        assert sammenlign(IDAG) > 50
        for slag in SKRIV:  # each kind alone, so that no other write marks what it should have marked
            _tilfeldige_skriv(rng, IDAG, _koordinator(), 8, ["ny", slag] if slag == "slettet" else [slag])
            assert sammenlign(IDAG) > 50, slag


@pytest.mark.django_db
def test_placements_in_use_equal_the_rows_on_generated_data_after_random_writes_and_a_rebuild():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        fyll_til(120, idag=IDAG, skriv=lambda _t: None)
        assert sammenlign(IDAG) > 100
        rng = random.Random(7)
        gjort = _tilfeldige_skriv(rng, IDAG, _koordinator(), 150, SKRIV)
        assert set(gjort) == set(SKRIV), gjort
        assert sammenlign(IDAG) > 100
        for slag in SKRIV:
            _tilfeldige_skriv(rng, IDAG, _koordinator(), 8, ["ny", slag] if slag == "slettet" else [slag])
            assert sammenlign(IDAG) > 100, slag
        foer = _rader()
        Praksistall.objects.all().delete()
        praksistall_bygg()
        assert _rader() == foer


@pytest.mark.django_db
def test_a_placement_marks_its_employer_in_the_same_transaction_and_a_read_counts_it():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        fyll_til(20, idag=IDAG, skriv=lambda _t: None)
        praksistall_oppdater_alle()
        host = Semester(2026, "host")
        d = Deltaker.objects.order_by("pk").first()
        sted = Arbeidssted.objects.filter(organisasjon_id=d.organisasjon_id).order_by("pk").last()
        for_ = {a.arbeidsgiver_id: a.plasseringer for a in i_perioden({d.organisasjon_id}, host)}
        plassering_opprett(deltaker=d, arbeidssted=sted, fadder=None, fra=IDAG, utfort_av=_koordinator())
        assert list(UoppdatertArbeidsgiver.objects.values_list("arbeidsgiver_id", flat=True)) == [sted.arbeidsgiver_id]
        praksistall_oppdater_alle()
        etter = {a.arbeidsgiver_id: a.plasseringer for a in i_perioden({d.organisasjon_id}, host)}
        assert etter[sted.arbeidsgiver_id] == for_.get(sted.arbeidsgiver_id, 0) + 1


@pytest.mark.django_db
def test_a_date_far_ahead_is_counted_for_every_period_a_report_can_ask_for():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        fyll_til(20, idag=IDAG, skriv=lambda _t: None)
        plassering = Plassering.objects.exclude(til=None).order_by("pk").first()
        Plassering.objects.filter(pk=plassering.pk).update(til=datetime.date(9999, 12, 31))
        ny = Plassering.objects.filter(til=None).order_by("pk").first()
        Plassering.objects.filter(pk=ny.pk).update(fra=datetime.date(9999, 1, 1))
        assert sammenlign(IDAG) > 10
