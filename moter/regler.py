"""The start-up meeting's reminder (registered in fagbrev/regler.py when `MoterConfig.ready()` imports
this module). The rule and its number are in docs/domain-rules.md."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q

from arbeidsgivere.models import Plassering
from fagbrev.datoregning import dato_tekst
from fagbrev.regler import Art, Forfall, regel, til_koordinatorer

OPPSTARTSMOTE_DAGER = 7  # a placement started this many days ago still has no start-up meeting: remind
OPPSTARTSMOTE_SENEST = 60  # after this many days from the start it is history, not a reminder


@regel("moter.oppstartsmote_mangler", rekkefolge=45)
def oppstartsmote_mangler(idag: datetime.date) -> Iterator[Forfall]:
    """A placement that began 7 to 60 days ago, is still running and has no start-up meeting recorded:
    once per placement, to the organisation's coordinators. Two queries."""
    rader = (
        Plassering.objects.filter(
            fra__lte=idag - datetime.timedelta(days=OPPSTARTSMOTE_DAGER),
            fra__gt=idag - datetime.timedelta(days=OPPSTARTSMOTE_SENEST),
            oppstartsmote__isnull=True,
        )
        .filter(Q(til__isnull=True) | Q(til__gte=idag))
        .order_by("organisasjon_id", "fra", "pk")
        .values_list("pk", "organisasjon_id", "fra", "deltaker__fornavn")
    )
    yield from til_koordinatorer(
        Forfall(
            objekt_type=Plassering,
            objekt_id=pk,
            periode="oppstart",
            tittel=f"Oppstartsmøte ikke registrert for {fornavn}: praksis startet {dato_tekst(fra)}",
            lenke=f"/moter/oppstart/{pk}/",
            art=Art.BESOK,
            organisasjon_id=org_id,
            sendes_senest=fra + datetime.timedelta(days=OPPSTARTSMOTE_SENEST),
        )
        for pk, org_id, fra, fornavn in rader
    )
