from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from fagbrev.tests.factories import FagretningFactory, OrganisasjonFactory, UserFactory
from styring.models import Kostnad, Sporplan, Sporsteg
from styring.steg import STEG


class KostnadFactory(DjangoModelFactory):
    class Meta:
        model = Kostnad

    organisasjon = factory.SubFactory(OrganisasjonFactory)
    fagretning = factory.SubFactory(FagretningFactory, organisasjon=factory.SelfAttribute("..organisasjon"))
    semester = "2026H"
    art = Kostnad.Art.BOKER
    betaler = Kostnad.Betaler.KOMMUNEN
    belop = 10000
    registrert_av = factory.SubFactory(UserFactory)


class SporplanFactory(DjangoModelFactory):
    class Meta:
        model = Sporplan

    organisasjon = factory.SubFactory(OrganisasjonFactory)
    navn = factory.Sequence(lambda n: f"Nytt løp {n}")
    opprettet_av = factory.SubFactory(UserFactory)

    @factory.post_generation
    def med_steg(self, create, extracted, **kwargs):
        if create:
            Sporsteg.objects.bulk_create(Sporsteg(plan=self, nummer=s.nummer) for s in STEG)
