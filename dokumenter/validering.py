"""Upload checks by content, not by name: the first bytes decide what a file is."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
PDF = b"%PDF-"

LOGO_MAKS_BYTES = 1024 * 1024


def filtype(fil) -> str | None:
    """ "png", "jpeg", "pdf" or None, from the file's first bytes (the file is rewound)."""
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if start.startswith(PNG):
        return "png"
    if start.startswith(JPEG):
        return "jpeg"
    if start.startswith(PDF):
        return "pdf"
    return None


def valider_logo(fil) -> None:
    if getattr(fil, "_committed", False) and not hasattr(fil, "content_type"):
        return  # already stored and checked when it was uploaded
    if fil.size > LOGO_MAKS_BYTES:
        raise ValidationError("Logoen kan være høyst 1 MB.")
    if filtype(fil) not in ("png", "jpeg"):
        raise ValidationError("Logoen må være et PNG- eller JPEG-bilde.")


def valider_skann(fil) -> str:
    """Checks a signed scan and returns its type."""
    if fil.size > settings.OPPLASTING_MAKS_BYTES:
        raise ValidationError(f"Filen kan være høyst {settings.OPPLASTING_MAKS_BYTES // (1024 * 1024)} MB.")
    type_ = filtype(fil)
    if type_ is None:
        raise ValidationError("Skannet må være en PDF-, JPEG- eller PNG-fil.")
    return type_
