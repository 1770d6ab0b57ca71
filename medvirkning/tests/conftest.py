"""A case ready for the workplace to take part: consent signed, a workplace with a leder and a
fadder (both with e-mail), a placement with that fadder, an agreement in draft, a training plan
of four points and a planned vurderingssamtale."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.core import mail

from arbeidsgivere.models import Avtale, Kontaktperson, Plassering
from arbeidsgivere.tests.factories import ArbeidsstedFactory, AvtaleFactory, KontaktpersonFactory, PlasseringFactory
from deltakere.tests.factories import InntakssamtaleFactory
from lop.services import planpunkt_opprett
from oppfolging.models import Vurderingssamtale
from oppfolging.tests.factories import VurderingssamtaleFactory

TOKEN = re.compile(r"/lenke/([A-Za-z0-9_-]{40,})/")


@dataclass
class Sak:
    deltaker: object
    plassering: Plassering
    avtale: Avtale
    leder: Kontaktperson
    fadder: Kontaktperson
    samtale: Vurderingssamtale


@pytest.fixture
def sak(deltaker, koordinator, lorenskog) -> Sak:
    deltaker.epost = "amina@example.no"
    deltaker.save(update_fields=["epost"])
    InntakssamtaleFactory(deltaker=deltaker)
    sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=lorenskog, navn="Solsikken barnehage")
    leder = KontaktpersonFactory(arbeidssted=sted, rolle="leder", navn="Liv Leder", epost="liv@solsikken.no")
    fadder = KontaktpersonFactory(arbeidssted=sted, rolle="fadder", navn="Frida Fadder", epost="frida@solsikken.no")
    plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=sted, fadder=fadder, fra=datetime.date(2026, 8, 17))
    avtale = AvtaleFactory(plassering=plassering, forventninger="Møte presis.", roller="Fadder følger opp.")
    for oppgave in ("Lede samlingsstund", "Planlegge tur", "Skrive praksisfortelling", "Observere lek"):
        planpunkt_opprett(deltaker=deltaker, utfort_av=koordinator, oppgave=oppgave)
    samtale = VurderingssamtaleFactory(
        deltaker=deltaker, fadder=fadder, planlagt_dato=datetime.date(2026, 11, 26), registrert_av=koordinator
    )
    return Sak(deltaker, plassering, avtale, leder, fadder, samtale)


def token_til(epost: str) -> str:
    """The token of the last link mailed to this address (as the person would find it)."""
    for melding in reversed(mail.outbox):
        if epost in melding.to:
            return TOKEN.search(melding.body).group(1)
    raise AssertionError(f"ingen e-post til {epost}")
