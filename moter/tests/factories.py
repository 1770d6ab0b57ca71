from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

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


class DeltakelseFactory(DjangoModelFactory):
    class Meta:
        model = Deltakelse

    mote = factory.SubFactory(MoteFactory)
    organisasjon = factory.SelfAttribute("mote.organisasjon")
    deltaker = factory.SubFactory("deltakere.tests.factories.DeltakerFactory")


class EksternFactory(DjangoModelFactory):
    class Meta:
        model = Ekstern

    mote = factory.SubFactory(MoteFactory)
    organisasjon = factory.SelfAttribute("mote.organisasjon")
    navn = "Kari Nilsen"
    rolle = "NAV-veileder"
    telefon = "91234567"


class OppstartsmoteFactory(DjangoModelFactory):
    class Meta:
        model = Oppstartsmote

    plassering = factory.SubFactory("arbeidsgivere.tests.factories.PlasseringFactory")
    organisasjon = factory.SelfAttribute("plassering.organisasjon")
    dato = datetime.date(2026, 1, 2)
    koordinator = factory.SubFactory(UserFactory)
    registrert_av = factory.SelfAttribute("koordinator")
    leder_navn = "Styrer Hansen"
