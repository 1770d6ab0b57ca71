"""What deltakere tells innsyn and anonymisation about its rows (registered in fagbrev/personopplysninger.py)."""

from __future__ import annotations

from fagbrev import personopplysninger
from fagbrev.sok import sokeform

from .models import Deltaker


def anonym_deltaker(deltaker: Deltaker) -> dict:
    """What anonymisation writes over her name and birth date: the year stays, for the reports."""
    felter = {"fornavn": "Anonymisert", "etternavn": f"deltaker {deltaker.pk}"}
    felter["navn_sok"] = sokeform(f"{felter['fornavn']} {felter['etternavn']}")  # the update skips save()
    if deltaker.fodselsdato:
        felter["fodselsdato"] = deltaker.fodselsdato.replace(month=1, day=1)
    return felter


def registrer() -> None:
    personopplysninger.registrer(
        "deltakere",
        utelatt={"fil", "sha256"},  # the stored upload (in the ZIP under its own name) and its hash
        behold={"innholdstype", "sha256"},
        steg={"Deltaker": anonym_deltaker},
    )
