from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from arbeidsgivere.tests.factories import PlasseringFactory
from fagbrev.tests.factories import OrganisasjonFactory, UserFactory, tilhorer
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


class DeltakelseFactory(tilhorer("mote", MoteFactory)):
    class Meta:
        model = Deltakelse

    deltaker = factory.SubFactory("deltakere.tests.factories.DeltakerFactory")


class EksternFactory(tilhorer("mote", MoteFactory)):
    class Meta:
        model = Ekstern

    navn = "Kari Nilsen"
    rolle = "NAV-veileder"
    telefon = "91234567"


class OppstartsmoteFactory(tilhorer("plassering", PlasseringFactory)):
    class Meta:
        model = Oppstartsmote

    dato = datetime.date(2026, 1, 2)
    koordinator = factory.SubFactory(UserFactory)
    registrert_av = factory.SelfAttribute("koordinator")
    leder_navn = "Styrer Hansen"
