"""Factories for the core, with Norwegian fake data."""

import datetime

import factory
from factory.django import DjangoModelFactory

from fagbrev.models import Fagretning, Kull, Medlemskap, Organisasjon, Rolle, User


class OrganisasjonFactory(DjangoModelFactory):
    class Meta:
        model = Organisasjon
        django_get_or_create = ("navn",)

    navn = factory.Sequence(lambda n: f"Testkommune {n}, Flyktningtjenesten")
    kortnavn = factory.Sequence(lambda n: f"Testkommune {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.no")
    password = factory.PostGenerationMethodCall("set_password", "fagbrev-test-passord")

    @factory.post_generation
    def lagre(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MedlemskapFactory(DjangoModelFactory):
    class Meta:
        model = Medlemskap

    bruker = factory.SubFactory(UserFactory)
    organisasjon = factory.SubFactory(OrganisasjonFactory)
    rolle = Rolle.KOORDINATOR


class FagretningFactory(DjangoModelFactory):
    class Meta:
        model = Fagretning

    organisasjon = factory.SubFactory(OrganisasjonFactory)
    navn = factory.Sequence(lambda n: f"Barne- og ungdomsarbeider {n}")
    kortnavn = "BUA"
    laereplankode = "BUA3-01"
    ruter = ["fagbrev_pa_jobb", "alternativt_lop"]
    besok_intervall_dager = 14
    krever_politiattest = True


class FagretningsFactory(DjangoModelFactory):
    """A row that belongs to a track, in its organisation (a new track unless `fagretning=` is passed)."""

    class Meta:
        abstract = True

    fagretning = factory.SubFactory(FagretningFactory)
    organisasjon = factory.SelfAttribute("fagretning.organisasjon")


class KullFactory(FagretningsFactory):
    class Meta:
        model = Kull

    navn = factory.Sequence(lambda n: f"Høst {2020 + n}")
    oppstart = datetime.date(2025, 8, 15)


def bruker_med_rolle(organisasjon: Organisasjon, rolle: str, **kwargs) -> User:
    bruker = UserFactory(**kwargs)
    MedlemskapFactory(bruker=bruker, organisasjon=organisasjon, rolle=rolle)
    return bruker
