import datetime

import factory

from arbeidsgivere.tests.factories import KontaktpersonFactory
from arbeidsgivere.tests.factories import PlasseringFactory as _PlasseringFactory
from deltakere.tests.factories import DeltakersFactory
from fagbrev.tests.factories import UserFactory, tilhorer
from oppfolging.models import Besok, Mote, Tiltak, Vurderingssamtale, semester_for


class PlasseringFactory(_PlasseringFactory):
    """A placement with a fadder, as follow-up needs one."""

    fadder = factory.SubFactory(KontaktpersonFactory, arbeidssted=factory.SelfAttribute("..arbeidssted"))
    fra = datetime.date(2025, 8, 15)


class BesokFactory(DeltakersFactory):
    class Meta:
        model = Besok

    dato = datetime.date(2026, 11, 2)
    registrert_av = factory.SelfAttribute("deltaker.faglarer")
    tilstede = "Deltaker og fadder"
    observert = "Samlingsstund med fem barn."


class VurderingssamtaleFactory(DeltakersFactory):
    class Meta:
        model = Vurderingssamtale

    planlagt_dato = datetime.date(2026, 11, 20)
    holdt_dato = None
    semester = factory.LazyAttribute(lambda o: semester_for(o.holdt_dato or o.planlagt_dato).kode)
    registrert_av = factory.SubFactory(UserFactory)


class MoteFactory(tilhorer("fagretning")):
    class Meta:
        model = Mote

    type = Mote.Type.PROSJEKTGRUPPE
    dato = datetime.date(2026, 11, 10)
    registrert_av = factory.SubFactory(UserFactory)
    agenda = "Status på arbeidsplassene\nRessurser"


class TiltakFactory(tilhorer("mote")):
    class Meta:
        model = Tiltak

    beskrivelse = "Ring lederen på Solsikken"
    ansvarlig = None
    frist = datetime.date(2026, 12, 1)
