"""What anonymising a closed case does to her page (`steg` in fagbrev/personopplysninger.py).

The walker blanks her free text; these steps do what blanking cannot: her login user loses its
name and address and can no longer log in, every unused login link is spent, the logbook's photos
are deleted from disk (after commit), and a fadder link stops working.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import bilder


def konto(konto) -> dict:
    get_user_model().objects.filter(pk=konto.user_id).update(is_active=False, first_name="", last_name="", email="")
    return {"fadder_kan_lese": False}


def innloggingslenke(lenke) -> dict:
    return {} if lenke.brukt else {"brukt": timezone.now()}


def loggbokinnlegg(innlegg) -> dict:
    navn = innlegg.bilde
    if navn:
        transaction.on_commit(lambda: bilder.bilde_slett(navn))
    return {"bilde": ""}


def fadderlenke(lenke) -> dict:
    return {} if lenke.trukket else {"trukket": timezone.now()}


STEG = {
    "Deltakerkonto": konto,
    "Innloggingslenke": innloggingslenke,
    "Fadderlenke": fadderlenke,
    "Loggbokinnlegg": loggbokinnlegg,
}
