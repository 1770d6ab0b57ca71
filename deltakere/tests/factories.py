import datetime

import factory
from factory.django import DjangoModelFactory

from deltakere.models import Deltaker
from fagbrev.demo import lag_fodselsnummer
from fagbrev.tests.factories import FagretningFactory


class DeltakerFactory(DjangoModelFactory):
    class Meta:
        model = Deltaker

    fagretning = factory.SubFactory(FagretningFactory)
    organisasjon = factory.SelfAttribute("fagretning.organisasjon")
    fornavn = factory.Faker("first_name", locale="no_NO")
    etternavn = factory.Faker("last_name", locale="no_NO")
    fodselsdato = factory.Faker(
        "date_between", start_date=datetime.date(1970, 1, 1), end_date=datetime.date(2003, 12, 31)
    )
    fodselsnummer = factory.LazyAttributeSequence(
        lambda o, n: lag_fodselsnummer(o.fodselsdato, __import__("random").Random(n))
    )
    status = Deltaker.Status.I_OPPLAERING
