import datetime

import pytest

from arbeidsgivere.tests.factories import ArbeidsgiverFactory, ArbeidsstedFactory, KontaktpersonFactory


@pytest.fixture
def arbeidsgiver(lorenskog):
    kontakt = KontaktpersonFactory(
        arbeidssted__arbeidsgiver__organisasjon=lorenskog,
        arbeidssted__navn="Solsikken barnehage",
        navn="Linda Sørli",
    )
    return kontakt.arbeidssted.arbeidsgiver


@pytest.fixture
def sted(arbeidsgiver):
    return arbeidsgiver.arbeidssteder.get()


@pytest.fixture
def fadder(sted):
    return sted.kontaktpersoner.get()


@pytest.fixture
def annet_sted(lorenskog):
    return ArbeidsstedFactory(arbeidsgiver=ArbeidsgiverFactory(organisasjon=lorenskog), navn="Kjenn barnehage")


@pytest.fixture
def med_politiattest():
    """Register a participant's police certificate as received (the intake checklist)."""
    from deltakere.tests.factories import InntakssamtaleFactory

    def merk(deltaker, dato=datetime.date(2025, 12, 1)):
        InntakssamtaleFactory(deltaker=deltaker, politiattest_soknad=dato, politiattest_mottatt=dato)
        deltaker.refresh_from_db()
        return deltaker

    return merk
