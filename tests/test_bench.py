"""The benchmark must keep running as models change: generate a small data set and request every page once."""

from __future__ import annotations

import datetime

from arbeidsgivere.models import Arbeidssted, Plassering
from bench.generator import fyll_til
from bench.maling import MALINGER, mal
from deltakere.models import Deltaker
from fagbrev.models import Hendelse


def _stille(_tekst: str) -> None:
    pass


def test_generator_grows_the_database_in_steps_with_related_rows(db):
    fyll_til(120, idag=datetime.date(2026, 11, 23), skriv=_stille)
    fyll_til(200, idag=datetime.date(2026, 11, 23), skriv=_stille)
    assert Deltaker.objects.count() == 200
    assert Arbeidssted.objects.count() == 20
    assert Deltaker.objects.values("epost").distinct().count() == 200
    aktive = Deltaker.objects.filter(status__in=Deltaker.AKTIVE_STATUSER).count()
    assert Plassering.objects.filter(til__isnull=True).count() == aktive
    assert Hendelse.objects.filter(deltaker_id__isnull=False).count() >= 200
    # a faglærer teaches one block of 40, in one organisation
    blokk = Deltaker.objects.filter(faglarer__username="bench.faglarer.0")
    assert 0 < blokk.count() <= 40
    assert blokk.values("organisasjon").distinct().count() == 1


def test_every_measured_page_answers_200_with_a_query_count(db):
    ctx = fyll_til(120, idag=datetime.date(2026, 11, 23), skriv=_stille)
    for maling in MALINGER:
        r = mal(maling, ctx, gjentak=1, oppvarming=0)
        assert r.merknad in ("", "finnes ikke ennå"), f"{maling.navn}: {r.merknad}"
        if not r.merknad:
            assert r.sporringer > 0
