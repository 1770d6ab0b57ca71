"""Fixtures of the participant's page: Amina (the root conftest's `deltaker`) with an account, her
plan, placement and fadder; and compiled message catalogues for the tests that read Arabic."""

from __future__ import annotations

import datetime

import pytest

from minside.tests.oversettelser import kompiler_meldinger


@pytest.fixture(scope="session", autouse=True)
def _meldinger_kompilert():
    kompiler_meldinger()


@pytest.fixture
def amina(deltaker):
    deltaker.epost = "amina@example.no"
    deltaker.save(update_fields=["epost"])
    return deltaker


@pytest.fixture
def konto(amina):
    from minside.tests.factories import DeltakerkontoFactory

    return DeltakerkontoFactory(deltaker=amina)


@pytest.fixture
def lina_konto(annen_deltaker):
    from minside.tests.factories import DeltakerkontoFactory

    annen_deltaker.epost = "lina@example.no"
    annen_deltaker.save(update_fields=["epost"])
    return DeltakerkontoFactory(deltaker=annen_deltaker)


@pytest.fixture
def plan(amina):
    from lop.services import planpunkt_opprett

    return [
        planpunkt_opprett(deltaker=amina, utfort_av=None, oppgave="Lede en samlingsstund", fadder_vurdering="bra"),
        planpunkt_opprett(deltaker=amina, utfort_av=None, oppgave="Skrive en beskjed til foreldrene"),
    ]


@pytest.fixture
def plassering(amina):
    from arbeidsgivere.tests.factories import KontaktpersonFactory, PlasseringFactory

    p = PlasseringFactory(deltaker=amina, fra=datetime.date(2026, 1, 5))
    p.fadder = KontaktpersonFactory(
        arbeidssted=p.arbeidssted, navn="Kari Nordmann", telefon="+47 912 34 567", epost="kari@barnehage.no"
    )
    p.save(update_fields=["fadder"])
    return p


@pytest.fixture
def innlogget(client, konto):
    """Amina's phone: logged in as her."""
    client.force_login(konto.user)
    return client
