"""Files in a case: an upload is checked by its first bytes (never its name or the browser's claim)
and stored under a random name outside any public folder."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fagbrev import filkontroll
from fagbrev.models import User
from fagbrev.services import objekt_opprett

from . import signaler
from .models import Deltaker, Vedlegg

DOCX = filkontroll.DOCX
TILLATTE = (filkontroll.PDF, filkontroll.JPEG, filkontroll.PNG, filkontroll.DOCX)


def sjekk_opplasting(fil: UploadedFile) -> str:
    """Size and content check (the file must open as what it claims, fagbrev/filkontroll.py); returns
    the MIME type or raises a Norwegian ValidationError."""
    return filkontroll.sjekk_fil(fil, tillatte=TILLATTE)


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
    objekt_opprett(
        dokument,
        "deltakere.dokument.lastet_opp",
        utfort_av,
        valider=False,
        beskrivelse=f"Dokument lastet opp: {dokument.get_type_display()} ({originalt})",
    )
    signaler.vedlegg_lastet_opp.send(sender=Vedlegg, vedlegg=dokument, utfort_av=utfort_av)
    return dokument
