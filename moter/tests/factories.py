from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from arbeidsgivere.tests.factories import PlasseringsFactory
from fagbrev.tests.factories import OrganisasjonFactory, UserFactory
from moter.models import Deltakelse, Ekstern, Mote, Oppstartsmote


class MoteFactory(DjangoModelFactory):
    class Meta:
        model = Mote

    organisasjon = factory.SubFactory(OrganisasjonFactory)
    art = Mote.Art.INFORMASJONSMOTE
    dato = datetime.date(2026, 3, 10)
    klokken = datetime.time(10, 0)
    sted = "Lørenskog hus, møterom 3"
    arrangor = factory.SubFactory(UserFactory)
    registrert_av = factory.SelfAttribute("arrangor")


class MotesFactory(DjangoModelFactory):
    """A row that belongs to a meeting, in its organisation (a new meeting unless `mote=` is passed)."""

    class Meta:
        abstract = True

    mote = factory.SubFactory(MoteFactory)
    organisasjon = factory.SelfAttribute("mote.organisasjon")


class DeltakelseFactory(MotesFactory):
    class Meta:
        model = Deltakelse

    deltaker = factory.SubFactory("deltakere.tests.factories.DeltakerFactory")


class EksternFactory(MotesFactory):
    class Meta:
        model = Ekstern

    navn = "Kari Nilsen"
    rolle = "NAV-veileder"
    telefon = "91234567"


class OppstartsmoteFactory(PlasseringsFactory):
    class Meta:
        model = Oppstartsmote

    dato = datetime.date(2026, 1, 2)
    koordinator = factory.SubFactory(UserFactory)
    registrert_av = factory.SelfAttribute("koordinator")
    leder_navn = "Styrer Hansen"
