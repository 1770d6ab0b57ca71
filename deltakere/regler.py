"""The participant's own reminder rules: a leave ending, equipment not returned, the outcome due.

Registered in the core's registry (fagbrev/regler.py) when `DeltakereConfig.ready()` imports this
module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, Max, OuterRef, Subquery

from fagbrev.datoregning import dato_tekst, forrige_virkedag, legg_til_maneder
from fagbrev.regler import Art, Forfall, regel, til_koordinatorer

from .models import Deltaker, Permisjon, Statusendring, Utfall, Utstyrslan
from .selectors import utfall_frist_seks_maneder
from .statusgrupper import AVSLUTTET, LOP_AVSLUTTET

S = Deltaker.Status
PERMISJON_DAGER_FOR = 7
UTFALL_INNHENTING_DAGER = 30  # catch-up after the due date; the key stops repeats


@regel("paminnelser.permisjon_slutter", rekkefolge=90)
def permisjon_slutter(idag: datetime.date) -> Iterator[Forfall]:
    """A leave ends in seven days (from the working day on or before): the coordinators. Two queries."""

    rader = (
        Permisjon.objects.filter(til__gte=idag, til__lte=idag + datetime.timedelta(days=PERMISJON_DAGER_FOR + 7))
        .exclude(deltaker__status__in=AVSLUTTET)
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "til")
    )
    yield from til_koordinatorer(
        Forfall(
            objekt_type=Permisjon,
            objekt_id=pk,
            periode=til.isoformat(),
            tittel=f"Permisjonen til {fornavn} slutter {dato_tekst(til)}",
            lenke=f"/deltakere/{deltaker_id}/",
            art=Art.PERMISJON,
            organisasjon_id=org_id,
            sendes_senest=til,
        )
        for pk, org_id, deltaker_id, fornavn, til in rader
        if forrige_virkedag(til - datetime.timedelta(days=PERMISJON_DAGER_FOR)) <= idag
    )


@regel("paminnelser.utstyr_ikke_returnert", rekkefolge=100)
def utstyr_ikke_returnert(idag: datetime.date) -> Iterator[Forfall]:
    """Lent equipment not returned after the case ended (fullført/avbrutt): the coordinators, once a
    month until it is registered returned. Two queries.
    """

    rader = (
        Utstyrslan.objects.filter(returnert__isnull=True, deltaker__status__in=LOP_AVSLUTTET)
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "deltaker_id", "deltaker__fornavn", "hva")
    )
    yield from til_koordinatorer(
        Forfall(
            objekt_type=Utstyrslan,
            objekt_id=pk,
            periode=f"{idag:%Y-%m}",
            tittel=f"Utlånt utstyr ({hva[:60]}) er ikke levert tilbake av {fornavn}",
            lenke=f"/deltakere/{deltaker_id}/",
            art=Art.UTSTYR,
            organisasjon_id=org_id,
            sendes_senest=idag + datetime.timedelta(days=7),
        )
        for pk, org_id, deltaker_id, fornavn, hva in rader
    )


@regel("paminnelser.utfall_seks_maneder", rekkefolge=150)
def utfall_seks_maneder(idag: datetime.date) -> Iterator[Forfall]:
    """«Registrer utfall seks måneder etter fullføring»: six months after a participant completed
    (the date of her status change to fullført), her coordinators record where she stands then.
    Fires from the working day on or before the due date until 30 days after it, unless the outcome
    is registered. Two queries.
    """
    fullfort = (
        Statusendring.objects.filter(deltaker=OuterRef("pk"), til_status=S.FULLFORT)
        .values("deltaker")
        .annotate(siste=Max("dato"))
        .values("siste")
    )
    # Completion dates whose due date can be live today: a wide window in SQL (month-end days and a
    # due date moved back over Easter), checked exactly below.
    fra = legg_til_maneder(idag - datetime.timedelta(days=UTFALL_INNHENTING_DAGER), -6) - datetime.timedelta(days=3)
    til = legg_til_maneder(idag + datetime.timedelta(days=10), -6) + datetime.timedelta(days=3)
    registrert = Utfall.objects.filter(deltaker=OuterRef("pk"), tidspunkt=Utfall.Tidspunkt.SEKS_MANEDER)
    forfall = []
    for pk, org_id, fornavn, fullfort_dato in (
        Deltaker.objects.filter(status=S.FULLFORT)
        .annotate(fullfort_dato=Subquery(fullfort))
        .filter(fullfort_dato__gte=fra, fullfort_dato__lte=til)
        .exclude(Exists(registrert))
        .order_by("pk")
        .values_list("pk", "organisasjon_id", "fornavn", "fullfort_dato")
    ):
        frist = utfall_frist_seks_maneder(fullfort_dato)
        if forrige_virkedag(frist) <= idag <= frist + datetime.timedelta(days=UTFALL_INNHENTING_DAGER):
            forfall.append(
                Forfall(
                    objekt_type=Deltaker,
                    objekt_id=pk,
                    periode=frist.isoformat(),
                    tittel=f"Registrer utfall seks måneder etter fullføring for {fornavn} (fullført "
                    f"{fullfort_dato:%d.%m.%Y}, frist {dato_tekst(frist)})",
                    lenke=f"/deltakere/{pk}/#utfall",
                    art=Art.UTFALL,
                    organisasjon_id=org_id,
                    sendes_senest=frist + datetime.timedelta(days=UTFALL_INNHENTING_DAGER),
                )
            )
    yield from til_koordinatorer(forfall)
