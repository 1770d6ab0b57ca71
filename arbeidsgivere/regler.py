"""The police certificate before a placement: when it is needed, whether it is in, and its reminder.

The reminder rule registers in the core's registry (fagbrev/regler.py) when
`ArbeidsgivereConfig.ready()` imports this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q

from deltakere import statusgrupper
from fagbrev.datoregning import dato_tekst
from fagbrev.regler import Art, Forfall, regel, til_koordinatorer

from .models import Plassering

POLITIATTEST_DAGER_FOR = 14


def politiattest_mottatt(deltaker) -> bool:
    """Has the municipality received the participant's police certificate (intake checklist)?"""
    return deltaker.har_politiattest


def krever_politiattest(deltaker) -> bool:
    """Practice in health and child/youth work needs a police certificate (set per track)."""
    return bool(deltaker.fagretning.krever_politiattest)


def mangler_politiattest() -> Q:
    """Placements whose participant has no police certificate registered as received (intake meeting)."""
    return Q(deltaker__inntakssamtale__politiattest_mottatt__isnull=True)


@regel("paminnelser.politiattest_mangler", rekkefolge=30)
def politiattest_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A placement starts within 14 days in a track that requires a police certificate, and none
    has been received: tell the coordinators (they apply for it at the intake meeting). Two queries.
    """

    plasseringer = (
        Plassering.objects.filter(
            mangler_politiattest(),
            fra__gte=idag,
            fra__lte=idag + datetime.timedelta(days=POLITIATTEST_DAGER_FOR),
            deltaker__fagretning__krever_politiattest=True,
        )
        .exclude(deltaker__status__in=statusgrupper.AVSLUTTET)
        .values_list("pk", "fra", "organisasjon_id", "deltaker_id", "deltaker__fornavn")
    )
    yield from til_koordinatorer(
        Forfall(
            objekt_type=Plassering,
            objekt_id=pk,
            periode=fra.isoformat(),
            tittel=f"Politiattest mangler for {fornavn}: praksis starter {dato_tekst(fra)}",
            lenke=f"/deltakere/{deltaker_id}/",
            art=Art.POLITIATTEST,
            organisasjon_id=org_id,
            sendes_senest=fra,
        )
        for pk, fra, org_id, deltaker_id, fornavn in plasseringer
    )
