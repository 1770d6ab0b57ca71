"""The stored next-visit date (oppfolging/besoksdato.py) equals the rhythm rule's date after any write."""

from __future__ import annotations

import datetime
import random

import pytest

from arbeidsgivere.models import Plassering
from arbeidsgivere.tests.factories import PlasseringFactory
from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from fagbrev.models import Fagretning
from fagbrev.tests.factories import FagretningFactory, UserFactory
from oppfolging.besoksdato import UTEN, frister_oppdater
from oppfolging.models import Besok, Fristuoppdatert
from oppfolging.selectors import med_besoksrytme
from oppfolging.tests.factories import BesokFactory

D = datetime.date


def _lik_regelen() -> int:
    frister_oppdater()
    assert not Fristuoppdatert.objects.exists()
    regel = dict(med_besoksrytme(Deltaker.objects.all()).values_list("pk", "neste_frist"))
    lagret = dict(Deltaker.objects.values_list("pk", "neste_besok_frist"))
    assert lagret == {pk: frist or UTEN for pk, frist in regel.items()}
    return len(lagret)


@pytest.mark.django_db
def test_the_stored_date_follows_visits_placements_tracks_and_intervals():
    rng = random.Random(3)
    bruker = UserFactory()
    spor = [FagretningFactory(besok_intervall_dager=14), FagretningFactory(besok_intervall_dager=30)]
    deltakere = [DeltakerFactory(fagretning=rng.choice(spor), status="i_opplaering") for _ in range(12)]
    assert _lik_regelen() == 12  # nobody placed: «no basis», first in the overdue list
    for _ in range(60):
        d = rng.choice(deltakere)
        valg = rng.randrange(5)
        dato = D(2026, 1, 1) + datetime.timedelta(days=rng.randrange(300))
        if valg == 0:
            apen = Plassering.objects.filter(deltaker=d, til__isnull=True)
            if not apen.exists():
                PlasseringFactory(deltaker=d, fra=dato)
            elif rng.random() < 0.5:
                apen.update(fra=dato)
            else:
                apen.update(til=D(2026, 12, 31))  # closed: the rhythm no longer counts from it
        elif valg == 1:
            BesokFactory(deltaker=d, dato=dato, registrert_av=bruker)
        elif valg == 2 and (b := Besok.objects.filter(deltaker=d).first()):
            b.dato = dato
            b.save(update_fields=["dato"])
        elif valg == 3:
            Deltaker.objects.filter(pk=d.pk).update(fagretning=rng.choice(spor))
        else:
            Fagretning.objects.filter(pk=rng.choice(spor).pk).update(besok_intervall_dager=rng.choice([7, 14, 30]))
        if rng.random() < 0.3:
            _lik_regelen()
    _lik_regelen()
    assert Deltaker.objects.exclude(neste_besok_frist=UTEN).exists()
