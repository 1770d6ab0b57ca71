"""The benchmark must keep running as models change: generate a small data set and request every page once."""

from __future__ import annotations

import datetime

from django.db.models import F, Max, Min, OuterRef, Subquery

from arbeidsgivere.models import Arbeidssted, Plassering
from bench.forlop import HORISONT
from bench.generator import fyll_til
from bench.maling import MALINGER, mal
from deltakere import statusgrupper
from deltakere.models import Avbrudd, Deltaker, Statusendring
from fagbrev.datoregning import samme_dag
from fagbrev.models import Hendelse
from lop.models import Fagprove, Laerekontrakt, Resultat
from oppfolging.models import Besok, Vurderingssamtale

IDAG = datetime.date(2026, 11, 23)
S = Deltaker.Status


def _stille(_tekst: str) -> None:
    pass


def test_generator_grows_the_database_in_steps_with_related_rows(db):
    fyll_til(120, idag=datetime.date(2026, 11, 23), skriv=_stille)
    fyll_til(200, idag=datetime.date(2026, 11, 23), skriv=_stille)
    assert Deltaker.objects.count() == 200
    assert Arbeidssted.objects.count() == 20
    assert Deltaker.objects.values("epost").distinct().count() == 200
    aktive = Deltaker.objects.filter(status__in=statusgrupper.AKTIV).count()
    assert Plassering.objects.filter(til__isnull=True).count() == aktive
    assert Hendelse.objects.filter(deltaker_id__isnull=False).count() >= 200
    # a faglærer teaches one block of 40, in one organisation
    blokk = Deltaker.objects.filter(faglarer__username="bench.faglarer.0")
    assert 0 < blokk.count() <= 40
    assert blokk.values("organisasjon").distinct().count() == 1


def test_the_pathway_facts_agree_with_each_participants_status(db):
    fyll_til(120, idag=IDAG, skriv=_stille)
    fyll_til(200, idag=IDAG, skriv=_stille)
    siste = Statusendring.objects.filter(deltaker=OuterRef("pk")).order_by("-dato", "-pk").values("til_status")[:1]
    deltakere = Deltaker.objects.annotate(siste=Subquery(siste))
    # the last recorded transition leads to today's status; a new referral has none
    assert [d.pk for d in deltakere if d.siste != (None if d.status == S.HENVIST else d.status)] == []
    datoer = Deltaker.objects.aggregate(forst=Min("henvist_dato"), sist=Max("henvist_dato"))
    assert IDAG - datetime.timedelta(days=HORISONT) <= datoer["forst"] and datoer["sist"] <= IDAG
    assert Avbrudd.objects.count() == Deltaker.objects.filter(status=S.AVBRUTT).count()
    aktive = Deltaker.objects.filter(status__in=statusgrupper.AKTIV).count()
    assert Laerekontrakt.objects.filter(status=Laerekontrakt.Status.GODKJENT).count() == aktive
    fullfort = Deltaker.objects.filter(status=S.FULLFORT).count()
    assert Fagprove.objects.filter(resultat=Resultat.BESTATT).count() == fullfort > 0
    # visits only for cases that reached training, on days between the referral and today
    uten_opplaering = [S.HENVIST, S.KARTLAGT, S.TATT_OPP, S.AVSLATT]
    assert not Besok.objects.filter(deltaker__status__in=uten_opplaering).exists()
    assert Besok.objects.aggregate(sist=Max("dato"))["sist"] <= IDAG and Besok.objects.count() >= 5 * aktive
    assert not Besok.objects.filter(dato__lt=F("deltaker__henvist_dato")).exists()
    assert not Vurderingssamtale.objects.filter(holdt_dato__gt=IDAG).exists()


def test_every_measured_page_answers_200_with_a_query_count(db):
    ctx = fyll_til(120, idag=datetime.date(2026, 11, 23), skriv=_stille)
    for maling in MALINGER:
        r = mal(maling, ctx, gjentak=1, oppvarming=0)
        assert r.merknad in ("", "finnes ikke ennå"), f"{maling.navn}: {r.merknad}"
        assert not (maling.referanse and r.merknad), f"the yardstick must be measured: {maling.navn}"
        if not r.merknad:
            assert r.sporringer > 0


def test_the_generator_runs_on_a_leap_day_and_contracts_last_two_years_less_a_day(db):
    """Generated on 29.02.2028: every contract ends the day before the same day two years on (a start on
    a leap day ends 27.02 two years later), and nothing that has happened lies after that day."""
    idag = datetime.date(2028, 2, 29)
    fyll_til(120, idag=idag, skriv=_stille)
    kontrakter = list(Laerekontrakt.objects.values_list("start", "slutt"))
    assert kontrakter and all(
        slutt == samme_dag(start, ar=2) - datetime.timedelta(days=1) for start, slutt in kontrakter
    )
    assert Statusendring.objects.aggregate(sist=Max("dato"))["sist"] <= idag
    assert Besok.objects.aggregate(sist=Max("dato"))["sist"] <= idag
