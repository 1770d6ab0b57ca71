import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from fagbrev.models import Organisasjon
from fagbrev.tests.factories import OrganisasjonFactory, UserFactory
from paminnelser.models import Art, Paminnelse


class PaminnelseFactory(DjangoModelFactory):
    class Meta:
        model = Paminnelse

    regel = "test.regel"
    organisasjon = factory.SubFactory(OrganisasjonFactory)
    objekt_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Organisasjon))
    objekt_id = factory.SelfAttribute("organisasjon.pk")
    periode = factory.Sequence(lambda n: f"2027-{n:04d}")
    mottaker = factory.SubFactory(UserFactory)
    art = Art.EKSAMEN
    tittel = "Påmeldingen til tverrfaglig eksamen åpner i dag"
    lenke = "/arshjul/"
    dato = datetime.date(2027, 1, 15)
    sendes_senest = datetime.date(2027, 2, 1)
