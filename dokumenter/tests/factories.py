import datetime

import factory
from factory.django import DjangoModelFactory

from arbeidsgivere.models import Plassering
from arbeidsgivere.tests.factories import ArbeidsstedFactory


class PlasseringFactory(DjangoModelFactory):
    class Meta:
        model = Plassering

    deltaker = None  # always given
    organisasjon = factory.SelfAttribute("deltaker.organisasjon")
    arbeidssted = factory.SubFactory(
        ArbeidsstedFactory, arbeidsgiver__organisasjon=factory.SelfAttribute("...deltaker.organisasjon")
    )
    fra = datetime.date(2025, 8, 18)
    til = None
    dager_per_uke = 3
    timer_per_uke = 22.5
