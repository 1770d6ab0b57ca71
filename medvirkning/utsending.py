"""Making a link's token and mailing it: the body of the send task, and of a reminder rule's delivery.

The token is made here, at the moment the e-mail leaves, and only its SHA-256 is stored: the token
lives in the e-mail and nowhere else, not in the database and not in the broker.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Lenke


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def lenke_send(*, lenke_id: int) -> str:
    """Make the token, store its hash (compare-and-set: once), mail it.

    Running twice sends once. If the mail fails the claim is undone, so a retry sends a new token.
    """
    token = secrets.token_urlsafe(32)  # 256 bits
    h = token_hash(token)
    naa = timezone.now()
    tatt = Lenke.objects.filter(pk=lenke_id, token_hash__isnull=True, trukket__isnull=True, utloper__gt=naa).update(
        token_hash=h
    )
    if not tatt:
        return "ikke sendt: allerede sendt, trukket eller utløpt"
    lenke = Lenke.objects.select_related(
        "deltaker", "kontaktperson__arbeidssted", "plassering__arbeidssted", "sendt_av"
    ).get(pk=lenke_id)
    try:
        epost_send_lenke(lenke=lenke, token=token)
    except Exception:
        Lenke.objects.filter(pk=lenke_id, token_hash=h).update(token_hash=None)
        raise
    Lenke.objects.filter(pk=lenke_id).update(sendt=timezone.now())
    return "sendt"


def epost_send_lenke(*, lenke: Lenke, token: str) -> None:
    """The one e-mail of this app. The subject names the kind of task, never a person."""
    tekst = render_to_string(
        "email/medvirkning_lenke.txt",
        {
            "lenke": lenke,
            "url": f"{settings.FAGBREV_BASE_URL}/lenke/{token}/",
            "arbeidssted": arbeidssted_navn(lenke),
            "utloper": timezone.localtime(lenke.utloper),
            "koordinator": lenke.sendt_av,
        },
    )
    send_mail(f"Fagbrev: {lenke.get_handling_display().lower()}", tekst, None, [lenke.epost], fail_silently=False)


def arbeidssted_navn(lenke: Lenke) -> str:
    if lenke.plassering_id:
        return lenke.plassering.arbeidssted.navn
    if lenke.kontaktperson_id:
        return lenke.kontaktperson.arbeidssted.navn
    return ""
