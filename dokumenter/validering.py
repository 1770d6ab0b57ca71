"""Upload checks for documents: a signed scan and the letterhead logo. Both are parsed by
fagbrev/filkontroll.py (a PDF must open as a PDF without active content, an image as an image)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fagbrev import filkontroll

LOGO_MAKS_BYTES = 1024 * 1024
_KORT = {filkontroll.PDF: "pdf", filkontroll.JPEG: "jpeg", filkontroll.PNG: "png"}


def filtype(fil) -> str | None:
    """ "png", "jpeg", "pdf" or None, from the file's first bytes (the file is rewound)."""
    return _KORT.get(filkontroll.filtype(fil))


def valider_logo(fil) -> None:
    if getattr(fil, "_committed", False) and not hasattr(fil, "content_type"):
        return  # already stored and checked when it was uploaded
    if fil.size > LOGO_MAKS_BYTES:
        raise ValidationError("Logoen kan være høyst 1 MB.")
    if filkontroll.filtype(fil) not in (filkontroll.PNG, filkontroll.JPEG):
        raise ValidationError("Logoen må være et PNG- eller JPEG-bilde.")
    filkontroll.sjekk_fil(fil, tillatte=(filkontroll.PNG, filkontroll.JPEG), maks_bytes=LOGO_MAKS_BYTES)


def valider_skann(fil) -> str:
    """Checks a signed scan and returns its type ("pdf", "jpeg" or "png")."""
    if filkontroll.filtype(fil) not in _KORT:
        raise ValidationError("Skannet må være en PDF-, JPEG- eller PNG-fil.")
    return _KORT[filkontroll.sjekk_fil(fil, tillatte=tuple(_KORT))]
