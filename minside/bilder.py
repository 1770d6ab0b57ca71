"""Photos in the logbook: checked by Pillow, turned upright, shrunk and saved without EXIF.

A phone photo carries the place it was taken and the phone's serial number in its EXIF data; we
keep the pixels only. Stored under MEDIA_ROOT/minside/<org>/<uuid>.jpg, served through a view.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAKS_SIDE = 1600  # pixels on the longest side after resizing
MAKS_PIKSLER = 40_000_000  # refuse decompression bombs before decoding
TILLATTE_FORMATER = {"JPEG", "PNG", "WEBP", "MPO"}
FEIL = "Bildet kan ikke leses. Bruk et vanlig bilde (JPG eller PNG)."


def bilde_behandle(innhold: bytes) -> bytes:
    """The photo as a JPEG of at most MAKS_SIDE pixels, upright, with no metadata."""
    if len(innhold) > settings.OPPLASTING_MAKS_BYTES:
        raise ValidationError("Bildet er for stort.")
    try:
        with Image.open(io.BytesIO(innhold)) as forst:
            if forst.format not in TILLATTE_FORMATER:
                raise ValidationError(FEIL)
            if forst.width * forst.height > MAKS_PIKSLER:
                raise ValidationError("Bildet er for stort.")
            forst.verify()
        with Image.open(io.BytesIO(innhold)) as bilde:
            bilde = ImageOps.exif_transpose(bilde)
            bilde = bilde.convert("RGB")
            bilde.thumbnail((MAKS_SIDE, MAKS_SIDE))
            ut = io.BytesIO()
            # A fresh image carries no EXIF, ICC or comments: only what we pass to save().
            Image.frombytes("RGB", bilde.size, bilde.tobytes()).save(ut, "JPEG", quality=82, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(FEIL) from None
    return ut.getvalue()


def _mappe() -> Path:
    return Path(settings.MEDIA_ROOT) / "minside"


def bilde_lagre(innhold: bytes, *, organisasjon_id: int) -> str:
    """Store the processed photo under a random name; return the name relative to the folder."""
    navn = f"{organisasjon_id}/{uuid.uuid4().hex}.jpg"
    sti = _mappe() / navn
    sti.parent.mkdir(parents=True, exist_ok=True)
    sti.write_bytes(innhold)
    return navn


def bilde_les(navn: str) -> bytes:
    sti = (_mappe() / navn).resolve()
    if not sti.is_relative_to(_mappe().resolve()):
        raise FileNotFoundError(navn)
    return sti.read_bytes()


def bilde_slett(navn: str) -> None:
    if navn:
        sti = (_mappe() / navn).resolve()
        if sti.is_relative_to(_mappe().resolve()):
            sti.unlink(missing_ok=True)
