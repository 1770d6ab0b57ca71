import datetime
import random

import factory
from factory.django import DjangoModelFactory

from arbeidsgivere.models import Arbeidsgiver, Arbeidssted, Avtale, Kontaktperson, Plassering
from deltakere.tests.factories import DeltakersFactory
from fagbrev.demo import lag_orgnr
from fagbrev.tests.factories import OrganisasjonFactory, tilhorer


class ArbeidsgiverFactory(DjangoModelFactory):
    class Meta:
        model = Arbeidsgiver

    organisasjon = factory.SubFactory(OrganisasjonFactory)
    navn = factory.Faker("company", locale="no_NO")
    orgnr = factory.Sequence(lambda n: lag_orgnr(random.Random(n)))
    sektor = Arbeidsgiver.Sektor.PRIVAT
    bransje = "Barnehage"


class ArbeidsstedFactory(tilhorer("arbeidsgiver", ArbeidsgiverFactory)):
    class Meta:
        model = Arbeidssted

    navn = factory.Sequence(lambda n: f"Solsikken barnehage {n}")
    adresse = "Storgata 1, 1470 Lørenskog"


class KontaktpersonFactory(tilhorer("arbeidssted", ArbeidsstedFactory)):
    class Meta:
        model = Kontaktperson

    rolle = Kontaktperson.Rolle.FADDER
    navn = factory.Faker("name", locale="no_NO")
    har_fagbrev = True


class PlasseringFactory(DeltakersFactory):
    class Meta:
        model = Plassering

    deltaker = factory.SubFactory("deltakere.tests.factories.DeltakerFactory")
    arbeidssted = factory.SubFactory(
        ArbeidsstedFactory, arbeidsgiver__organisasjon=factory.SelfAttribute("...organisasjon")
    )
    fadder = None
    fra = datetime.date(2026, 1, 5)
    dager_per_uke = 3


class AvtaleFactory(tilhorer("plassering", PlasseringFactory)):
    class Meta:
        model = Avtale

    oppstart = factory.SelfAttribute("plassering.fra")
    arbeidstid = "Mandag–onsdag 08.00–15.30"
