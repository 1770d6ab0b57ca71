"""Phone numbers: one stored form, one shown form.

Stored as typed digits with the country code, no spaces (`+4791234567`, `+46701234567`), so search
on digits and `tel:` links work. Shown: Norwegian numbers as «+47 912 34 567» (mobile) or
«+47 22 12 34 56» (landline), foreign ones as stored. The forms call `normaliser_telefon` in their
clean methods; templates use the `telefon` filter (fagbrev/templatetags/telefon.py).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_SKILLETEGN = re.compile(r"[\s.\-/()]")  # what people type between the digits
_NORSK = re.compile(r"[2-9]\d{7}")  # 8 digits; no Norwegian subscriber number starts with 0 or 1
FEIL = (
    "Skriv et norsk telefonnummer med 8 siffer, eller et utenlandsk nummer med landskode "
    "(for eksempel +46 70 123 45 67)."
)


def normaliser_telefon(tekst: str) -> str:
    """'912 34 567', '+47 91234567', '0047-912-34-567' → '+4791234567'; '+46 70 123 45 67' →
    '+46701234567'; '' → ''. Anything else raises ValidationError with a Norwegian message."""
    tekst = (tekst or "").strip()
    if not tekst:
        return ""
    kompakt = _SKILLETEGN.sub("", tekst)
    if kompakt.startswith("00"):
        kompakt = "+" + kompakt[2:]
    if kompakt.startswith("+"):
        siffer = kompakt[1:]
        if not siffer.isdigit():
            raise ValidationError(FEIL, code="telefon")
        if siffer.startswith("47"):
            if _NORSK.fullmatch(siffer[2:]):
                return "+" + siffer
            raise ValidationError(FEIL, code="telefon")
        # E.164: a country code (never starting with 0) and at most 15 digits in all
        if siffer[:1] != "0" and 8 <= len(siffer) <= 15:
            return "+" + siffer
        raise ValidationError(FEIL, code="telefon")
    if _NORSK.fullmatch(kompakt):
        return "+47" + kompakt
    raise ValidationError(FEIL, code="telefon")


def vis_telefon(lagret: str) -> str:
    """'+4791234567' → '+47 912 34 567'; '+4722123456' → '+47 22 12 34 56'; a foreign number as
    stored; a number saved before normalisation that cannot be read, as it was typed."""
    if not lagret:
        return ""
    try:
        nummer = normaliser_telefon(lagret)
    except ValidationError:
        return lagret
    if not nummer.startswith("+47"):
        return nummer
    n = nummer[3:]
    if n[0] in "489":  # mobile (4, 9) and 8-numbers: 3-2-3
        return f"+47 {n[:3]} {n[3:5]} {n[5:]}"
    return f"+47 {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"
