"""The admission's «vurdert sammen med» teacher becomes the case's faglærer (issue #20)."""

import datetime

import time_machine

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory

IDAG = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
S = Deltaker.Status


def _vedta(client, deltaker, faglarer, utfall="tatt_opp"):
    return client.post(
        f"/deltakere/{deltaker.pk}/opptak/",
        {
            "utfall": utfall,
            "begrunnelse": "Motivert, B1 muntlig, erfaring fra barnehage.",
            "dato": "2026-11-23",
            "sammen_med": faglarer.pk,
            "versjon": deltaker.versjon,
        },
    )


@time_machine.travel(IDAG, tick=False)
def test_the_coordinator_admits_and_the_assessing_teacher_follows_the_case(client, koordinator, faglarer, fagretning):
    deltaker = DeltakerFactory(fagretning=fagretning, status=S.KARTLAGT, faglarer=None)
    client.force_login(koordinator)
    assert _vedta(client, deltaker, faglarer).status_code == 302
    deltaker.refresh_from_db()
    assert deltaker.status == S.TATT_OPP and deltaker.faglarer == faglarer


@time_machine.travel(IDAG, tick=False)
def test_a_declined_case_or_one_with_a_teacher_keeps_its_teacher(
    client, koordinator, faglarer, annen_faglarer, fagretning
):
    client.force_login(koordinator)
    avslatt = DeltakerFactory(fagretning=fagretning, status=S.KARTLAGT, faglarer=None)
    _vedta(client, avslatt, faglarer, utfall="avslatt")
    avslatt.refresh_from_db()
    assert avslatt.status == S.AVSLATT and avslatt.faglarer is None
    har_larer = DeltakerFactory(fagretning=fagretning, status=S.KARTLAGT, faglarer=annen_faglarer)
    _vedta(client, har_larer, faglarer)
    har_larer.refresh_from_db()
    assert har_larer.status == S.TATT_OPP and har_larer.faglarer == annen_faglarer
