"""Files in a case: an upload is checked by its first bytes (never its name or the browser's claim)
and stored under a random name outside any public folder."""

from __future__ import annotations

import hashlib
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fagbrev.models import User
from fagbrev.services import hendelse_logg

from .models import Deltaker, Vedlegg

# --- documents ------------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TILLATTE_TYPER = "PDF, JPEG, PNG eller Word (DOCX)"


def filtype_fra_innhold(fil: UploadedFile) -> str:
    """The MIME type read from the file's first bytes (never its name or the browser's claim)."""
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if start.startswith(b"%PDF-"):
        return "application/pdf"
    if start.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if start.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if start.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fil) as z:
                navn = set(z.namelist())
        except zipfile.BadZipFile:
            navn = set()
        finally:
            fil.seek(0)
        if "[Content_Types].xml" in navn and "word/document.xml" in navn:
            return DOCX
    raise ValidationError(
        f"Filen er ikke en {TILLATTE_TYPER}-fil (innholdet ble sjekket, ikke bare navnet).", code="filtype"
    )


def sjekk_opplasting(fil: UploadedFile) -> str:
    """Size and content check; returns the MIME type or raises a Norwegian ValidationError."""
    maks = settings.OPPLASTING_MAKS_BYTES
    if fil.size > maks:
        raise ValidationError(
            f"Filen er for stor ({fil.size / 1_048_576:.1f} MB). Største tillatte størrelse er "
            f"{maks / 1_048_576:.0f} MB.",
            code="for_stor",
        )
    if fil.size == 0:
        raise ValidationError("Filen er tom.", code="tom")
    return filtype_fra_innhold(fil)


@transaction.atomic
def dokument_last_opp(*, deltaker: Deltaker, fil: UploadedFile, type: str, utfort_av: User) -> Vedlegg:
    """Store a checked file under a random name outside any public folder; keep its original name."""
    innholdstype = sjekk_opplasting(fil)
    sha = hashlib.sha256()
    for bit in fil.chunks():
        sha.update(bit)
    fil.seek(0)
    originalt = (fil.name or "dokument").replace("/", "_").replace("\\", "_")[-200:]
    dokument = Vedlegg(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        type=type,
        originalt_navn=originalt,
        innholdstype=innholdstype,
        storrelse=fil.size,
        sha256=sha.hexdigest(),
        lastet_opp_av=utfort_av,
    )
    dokument.fil.save("x", fil, save=False)  # the name comes from upload_to: random
    dokument.save()
    hendelse_logg(
        handling="deltakere.dokument.lastet_opp",
        objekt=dokument,
        utfort_av=utfort_av,
        beskrivelse=f"Vedlegg lastet opp: {dokument.get_type_display()} ({originalt})",
    )
    return dokument
