"""Factories for the core, with Norwegian fake data."""

import datetime

import factory
from factory.django import DjangoModelFactory

from fagbrev.models import Fagretning, Kull, Medlemskap, Organisasjon, Rolle, User


def tilhorer(forelder: str, forelder_factory: type[DjangoModelFactory] | None = None) -> type[DjangoModelFactory]:
    """An abstract base for the factory of a row that belongs to `forelder` and lives in its organisation:
    `class KullFactory(tilhorer("fagretning", FagretningFactory))`. The parent is made by `forelder_factory`
    unless the test passes one; without a `forelder_factory` the test must pass it."""

    class Meta:
        abstract = True

    return type(
        f"Tilhorer{forelder.title()}Factory",
        (DjangoModelFactory,),
        {
            "Meta": Meta,
            forelder: factory.SubFactory(forelder_factory) if forelder_factory else None,
            "organisasjon": factory.SelfAttribute(f"{forelder}.organisasjon"),
        },
    )


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


class KullFactory(tilhorer("fagretning", FagretningFactory)):
    class Meta:
        model = Kull

    navn = factory.Sequence(lambda n: f"Høst {2020 + n}")
    oppstart = datetime.date(2025, 8, 15)


def bruker_med_rolle(organisasjon: Organisasjon, rolle: str, **kwargs) -> User:
    bruker = UserFactory(**kwargs)
    MedlemskapFactory(bruker=bruker, organisasjon=organisasjon, rolle=rolle)
    return bruker
