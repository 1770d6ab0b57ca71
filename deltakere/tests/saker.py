"""Test helpers that put a case in a state directly (no service rules): for tests of what follows."""

from __future__ import annotations

import datetime

from deltakere.models import Deltaker, Statusendring


def statusendring(
    deltaker: Deltaker,
    til_status: str,
    dato: datetime.date,
    bruker=None,
    *,
    fra_status: str = Deltaker.Status.FAGPROVE_MELDT_OPP,
    begrunnelse: str = "Test",
) -> Statusendring:
    """A row of the case's status history (the rules read start and end dates from these). The case's
    own status is left as it is."""
    return Statusendring.objects.create(
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        fra_status=fra_status,
        til_status=til_status,
        dato=dato,
        begrunnelse=begrunnelse,
        utfort_av=bruker,
    )


def sak_avsluttet(deltaker: Deltaker, status: str, dato: datetime.date, bruker=None, **endring) -> Deltaker:
    """The case ended on `dato` with `status` (FULLFORT or AVBRUTT), by default coming from «fagprøve
    meldt opp», with the status row the outcome rules read the end date from (`endring`: its
    `fra_status` and `begrunnelse`). Returns the case fresh from the database."""
    Deltaker.objects.filter(pk=deltaker.pk).update(status=status)
    statusendring(deltaker, status, dato, bruker, **endring)
    return Deltaker.objects.get(pk=deltaker.pk)
