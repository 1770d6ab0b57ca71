import datetime
import functools

import factory

from deltakere.models import Deltaker, Inntakssamtale, Opptakskriterium, Permisjon, Statusendring
from fagbrev.demo import lag_fodselsnummer
from fagbrev.tests.factories import FagretningFactory, tilhorer
from fagbrev.tests.filer import lag_docx, lag_jpeg, lag_pdf, lag_png  # real files; re-exported for the tests


class _Fra:
    """Stands in for random.Random in lag_fodselsnummer: the search for a valid number starts at `start`."""

    def __init__(self, start: int):
        self.start = start

    def randrange(self, n: int) -> int:
        return self.start % n


@functools.cache
def _gyldige(fodselsdato: datetime.date) -> tuple[str, ...]:
    return tuple(dict.fromkeys(lag_fodselsnummer(fodselsdato, _Fra(i)) for i in range(500)))


def _fodselsnummer(fodselsdato: datetime.date, n: int) -> str:
    """The n-th valid number for the date: two participants born the same day never share one (a random
    pick did, now and then, and a unique constraint failed the test)."""
    gyldige = _gyldige(fodselsdato)
    return gyldige[n % len(gyldige)]


class DeltakerFactory(tilhorer("fagretning", FagretningFactory)):
    class Meta:
        model = Deltaker

    fornavn = factory.Faker("first_name", locale="no_NO")
    etternavn = factory.Faker("last_name", locale="no_NO")
    fodselsdato = factory.Faker(
        "date_between", start_date=datetime.date(1970, 1, 1), end_date=datetime.date(2003, 12, 31)
    )
    fodselsnummer = factory.LazyAttributeSequence(lambda o, n: _fodselsnummer(o.fodselsdato, n))
    status = Deltaker.Status.I_OPPLAERING


# A row that belongs to one participant, in her organisation. Pass `deltaker=`.
DeltakersFactory = tilhorer("deltaker")


class OpptakskriteriumFactory(tilhorer("fagretning", FagretningFactory)):
    class Meta:
        model = Opptakskriterium

    tekst = factory.Sequence(lambda n: f"Kriterium {n}")


class InntakssamtaleFactory(DeltakersFactory):
    class Meta:
        model = Inntakssamtale

    deltaker = factory.SubFactory(DeltakerFactory)
    dato = datetime.date(2026, 8, 1)
    kontrakt_signert = True
    samtykke_signert = True
    forventninger_gjennomgatt = True
    fravarsregler_gjennomgatt = True


class PermisjonFactory(DeltakersFactory):
    """A leave; give `fra` and `til`. Written as services_status.permisjon_registrer writes one: with the
    status change into it (`Statusendring.permisjon`), which the case page reads her leave from. The
    case's own status is left as it is."""

    class Meta:
        model = Permisjon
        skip_postgeneration_save = True  # the hook writes another row, not this one

    arsak = "Sykdom"

    @factory.post_generation
    def statusendring(self, create, extracted, **kwargs):
        if create:
            Statusendring.objects.create(
                organisasjon_id=self.organisasjon_id,
                deltaker=self.deltaker,
                fra_status=self.deltaker.status,
                til_status=Deltaker.Status.PERMISJON,
                dato=self.fra,
                begrunnelse=f"{self}: {self.arsak}",
                permisjon=self,
            )


__all__ = ["lag_docx", "lag_jpeg", "lag_pdf", "lag_png"]
