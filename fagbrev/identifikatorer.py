"""Norwegian identifiers: fødselsnummer/D-nummer and organisasjonsnummer.

Two rules for fødselsnummer stand side by side. The old rule (python-stdnum knows it) gives the
first check digit from a weighted remainder of 0 and tells the birth century through the
individual number. Numbers issued from 2032 may take the first check digit from a remainder of
0, 1, 2 or 3, and no longer tell century or gender — so the birth date is its own field on the
participant, filled from the number only when the old rule can tell it.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum.no import fodselsnummer as stdnum_fnr
from stdnum.no import orgnr as stdnum_orgnr

_VEKTER_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_VEKTER_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_NY_REGEL_RESTER = {0, 1, 2, 3}
_SKILLETEGN = re.compile(r"[\s.\-:+/_]")  # what people type between the digits ("160785 07296")


def _rest(vekter: tuple[int, ...], siffer: str) -> int:
    return sum(v * int(s) for v, s in zip(vekter, siffer, strict=True)) % 11


def _dato_del_gyldig(nummer: str) -> bool:
    """Day and month form a real date (D-nummer: day + 40; H-nummer: month + 40)."""
    dag, maned, aar = int(nummer[0:2]), int(nummer[2:4]), int(nummer[4:6])
    if dag > 40:
        dag -= 40
    if maned > 40:
        maned -= 40
    for aarhundre in (1900, 2000):
        try:
            datetime.date(aarhundre + aar, maned, dag)
            return True
        except ValueError:
            continue
    return False


def er_gyldig_etter_ny_regel(nummer: str) -> bool:
    """The rule for numbers issued from 2032: first check remainder 0–3, second as before."""
    return (
        _rest(_VEKTER_K1, nummer[:10]) in _NY_REGEL_RESTER
        and _rest(_VEKTER_K2, nummer) == 0
        and _dato_del_gyldig(nummer)
    )


def normaliser_fodselsnummer(verdi: str) -> str:
    """Return the 11 digits of a valid fødselsnummer or D-nummer, or raise a Norwegian error."""
    nummer = _SKILLETEGN.sub("", verdi or "")
    if not nummer.isdigit() or len(nummer) != 11:
        raise ValidationError("Fødselsnummer og D-nummer har 11 siffer.", code="fnr_lengde")
    if stdnum_fnr.is_valid(nummer) or er_gyldig_etter_ny_regel(nummer):
        return nummer
    raise ValidationError(
        "Dette er ikke et gyldig fødselsnummer eller D-nummer. Kontroller sifrene.",
        code="fnr_ugyldig",
    )


def valider_fodselsnummer(verdi: str) -> None:
    """Model-field validator."""
    normaliser_fodselsnummer(verdi)


def fodselsdato_fra_nummer(nummer: str) -> datetime.date | None:
    """Birth date from an old-rule number; None when the number cannot tell (new rule)."""
    if not stdnum_fnr.is_valid(nummer):
        return None
    try:
        return stdnum_fnr.get_birth_date(nummer)
    except stdnum_exceptions.ValidationError:
        return None


def er_d_nummer(nummer: str) -> bool:
    return bool(nummer) and int(nummer[0]) >= 4


def masker_fodselsnummer(nummer: str) -> str:
    """Show the date part only: '010190 *****'."""
    if not nummer:
        return ""
    return f"{nummer[:6]} *****"


def ser_ut_som_fodselsnummer(tekst: str) -> bool:
    nummer = _SKILLETEGN.sub("", tekst)
    return len(nummer) == 11 and nummer.isdigit() and (stdnum_fnr.is_valid(nummer) or er_gyldig_etter_ny_regel(nummer))


def normaliser_orgnr(verdi: str) -> str:
    """Return the 9 digits of a valid organisasjonsnummer, or raise a Norwegian error."""
    nummer = _SKILLETEGN.sub("", verdi or "").removeprefix("NO").removesuffix("MVA")
    if not nummer.isdigit() or len(nummer) != 9:
        raise ValidationError("Organisasjonsnummer har 9 siffer.", code="orgnr_lengde")
    if not stdnum_orgnr.is_valid(nummer):
        raise ValidationError(
            "Dette er ikke et gyldig organisasjonsnummer. Kontroller sifrene.",
            code="orgnr_ugyldig",
        )
    return nummer


def valider_orgnr(verdi: str) -> None:
    normaliser_orgnr(verdi)
