"""The coordinator's Monday overview: what is due this week, from the registered parts.

A part is a function `(*, organisasjon_id, mottaker, idag) -> Del | None` marked
`@ukedel(rekkefolge=…)` (fagbrev/kalender.py). The apps that own assessment meetings, visits,
contracts, exams and documents register theirs from their own `kalender.py`; this module adds the
dates of the next two weeks and the reminders of the last. Each part keeps its query count constant
and names participants by first name at most.
"""

from __future__ import annotations

import datetime
from collections import Counter

from fagbrev.datoregning import dato_tekst
from fagbrev.kalender import Del, ukedel, ukedeler

from .kalender import kalenderdatoer
from .models import Art, Paminnelse


@ukedel(rekkefolge=10)
def datoer_neste_to_uker(*, organisasjon_id, mottaker, idag) -> Del | None:
    datoer = kalenderdatoer(
        user=mottaker, organisasjon_ids=[organisasjon_id], fra=idag, til=idag + datetime.timedelta(days=14)
    )
    if not datoer:
        return None
    linjer = []
    for d in datoer:
        tekst = f"{dato_tekst(d.dato)}: {d.tittel}" + (f" ({d.fornavn})" if d.fornavn else "")
        if d.til and d.til != d.dato:
            tekst += f" (til {d.til:%d.%m.%Y})"
        linjer.append(tekst)
    return Del("Datoer de neste to ukene", linjer)


@ukedel(rekkefolge=20)
def paminnelser_siste_uke(*, organisasjon_id, mottaker, idag) -> Del | None:
    """The reminders this coordinator got in the last seven days, by kind. One query."""
    rader = list(
        Paminnelse.objects.for_bruker(mottaker)
        .filter(organisasjon_id=organisasjon_id, dato__gt=idag - datetime.timedelta(days=7), dato__lte=idag)
        .exclude(art=Art.UKESOPPSUMMERING)
        .values_list("art", "tittel")
    )
    if not rader:
        return None
    per_art = Counter(art for art, _ in rader)
    etiketter = dict(Art.choices)
    linjer = [f"{etiketter.get(art, art)}: {antall}" for art, antall in sorted(per_art.items())]
    linjer += [f"– {tittel}" for _, tittel in rader[:20]]
    return Del("Påminnelser siste sju dager", linjer)


def bygg(*, organisasjon_id, mottaker, idag) -> list[Del]:
    deler = [del_(organisasjon_id=organisasjon_id, mottaker=mottaker, idag=idag) for del_ in ukedeler()]
    return [d for d in deler if d is not None]
