"""Test helpers that put a case in a state directly (no service rules): for tests of what follows."""

from __future__ import annotations

import datetime

from deltakere.models import Deltaker, Statusendring


def sak_avsluttet(deltaker: Deltaker, status: str, dato: datetime.date, bruker=None, *, begrunnelse: str = "Test"):
    """The case ended on `dato` with `status` (FULLFORT or AVBRUTT), coming from «fagprøve meldt opp»,
    with the status row the outcome rules read the end date from. Returns the case fresh from the database."""
    Deltaker.objects.filter(pk=deltaker.pk).update(status=status)
    Statusendring.objects.create(
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        fra_status=Deltaker.Status.FAGPROVE_MELDT_OPP,
        til_status=status,
        dato=dato,
        begrunnelse=begrunnelse,
        utfort_av=bruker,
    )
    return Deltaker.objects.get(pk=deltaker.pk)
