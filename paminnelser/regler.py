"""paminnelser's own reminder rule: the coordinator's Monday overview.

The other rules live in the apps that own their facts and register themselves in the core's registry
(fagbrev/regler.py); the engine (services.skann_utfor) reads that registry. This module registers
when `PaminnelserConfig.ready()` imports it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from fagbrev.models import Organisasjon
from fagbrev.regler import Art, Forfall, regel, til_hver_organisasjon, ukeperiode


@regel("paminnelser.ukeoversikt", rekkefolge=10, ukentlig=True)
def ukeoversikt_koordinator(idag: datetime.date) -> Iterator[Forfall]:
    """One overview per coordinator per ISO week; its body is built when it is sent (ukeoversikt.py)."""
    return til_hver_organisasjon(
        lambda org_id: Forfall(
            objekt_type=Organisasjon,
            objekt_id=org_id,
            periode=ukeperiode(idag),
            tittel=f"Ukeoversikt for uke {idag.isocalendar().week}",
            lenke="/varsler/",
            art=Art.UKESOPPSUMMERING,
            organisasjon_id=org_id,
            sendes_senest=idag + datetime.timedelta(days=2),
        )
    )
