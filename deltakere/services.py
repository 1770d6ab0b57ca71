"""Writes to participants' case files. Every change is logged with who did it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fagbrev.identifikatorer import fodselsdato_fra_nummer, normaliser_fodselsnummer
from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg

from .models import Deltaker


@transaction.atomic
def deltaker_registrer(
    *,
    fagretning: Fagretning,
    utfort_av: User | None,
    fornavn: str,
    etternavn: str,
    fodselsnummer: str = "",
    **felter: Any,
) -> Deltaker:
    """Register a referred person. The birth date comes from the number where the number tells it."""
    if fodselsnummer:
        fodselsnummer = normaliser_fodselsnummer(fodselsnummer)
        felter.setdefault("fodselsdato", fodselsdato_fra_nummer(fodselsnummer))
    deltaker = Deltaker.objects.create(
        organisasjon_id=fagretning.organisasjon_id,
        fagretning=fagretning,
        fornavn=fornavn,
        etternavn=etternavn,
        fodselsnummer=fodselsnummer,
        **felter,
    )
    hendelse_logg(
        handling="deltakere.deltaker.registrert",
        objekt=deltaker,
        utfort_av=utfort_av,
        beskrivelse=f"Henvist til {fagretning.navn}",
    )
    return deltaker
