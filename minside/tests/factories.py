"""Factories for the participant's page: her account, links, logbook entries and self-evaluation."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from deltakere.tests.factories import DeltakersFactory
from fagbrev.tests.factories import UserFactory
from minside.models import Deltakerkonto, Loggbokinnlegg, Selvevaluering
from minside.services import lenke_lag


class DeltakerkontoFactory(DeltakersFactory):
    class Meta:
        model = Deltakerkonto

    user = factory.SubFactory(
        UserFactory,
        username=factory.LazyAttribute(lambda o: f"deltaker-{o.factory_parent.deltaker.pk}"),
        first_name=factory.LazyAttribute(lambda o: o.factory_parent.deltaker.fornavn),
        last_name=factory.LazyAttribute(lambda o: o.factory_parent.deltaker.etternavn),
    )


class LoggbokinnleggFactory(DeltakersFactory):
    class Meta:
        model = Loggbokinnlegg

    tekst = "I dag leste jeg for barna i samlingsstunden."
    opprettet = factory.LazyFunction(timezone.now)


class SelvevalueringFactory(DeltakersFactory):
    class Meta:
        model = Selvevaluering

    semester = "2026H"
    oppgaver = 7
    norsk = 5
    fremgang = 8
    kommentar = "Jeg vil snakke mer med foreldrene."
    endret = factory.LazyFunction(timezone.now)


def lenke_for(konto, *, dager_gyldig: int | None = None) -> str:
    """A login link's token for the account (the e-mail's secret), optionally with another lifetime."""
    lenke, token = lenke_lag(konto=konto)
    if dager_gyldig is not None:
        lenke.gyldig_til = lenke.opprettet + datetime.timedelta(days=dager_gyldig)
        lenke.save(update_fields=["gyldig_til"])
    return token
