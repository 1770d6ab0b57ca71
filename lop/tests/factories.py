"""Factories for the pathway, with Norwegian fake data."""

import datetime

import factory

from deltakere.tests.factories import DeltakersFactory
from fagbrev.tests.factories import tilhorer


def laerekontrakt(deltaker, *, start=datetime.date(2025, 8, 1), slutt=None, status="utkast", **felter):
    """A contract made through the service (so it has its checklist), then put in the given status."""
    from lop.models import Laerekontrakt, Sjekkpunkt
    from lop.services import laerekontrakt_opprett

    kontrakt = laerekontrakt_opprett(
        deltaker=deltaker,
        utfort_av=None,
        start=start,
        slutt=slutt,
        rute=felter.pop("rute", "fagbrev_pa_jobb"),
        **felter,
    )
    if status != "utkast":
        kontrakt.sjekkpunkter.update(status=Sjekkpunkt.Status.LEVERT)
        Laerekontrakt.objects.filter(pk=kontrakt.pk).update(status=status)
        kontrakt.refresh_from_db()
    return kontrakt


class EksamenFactory(DeltakersFactory):
    class Meta:
        model = "lop.Eksamen"

    termin = "vår 2026"
    pameldt_dato = datetime.date(2026, 1, 20)
    gebyr_betalt = True


class KompetansemalFactory(tilhorer("fagretning")):
    class Meta:
        model = "lop.Kompetansemal"

    tekst = factory.Sequence(lambda n: f"planlegge og gjennomføre aktiviteter nr. {n}")
