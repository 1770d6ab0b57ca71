"""Calendar sources over meetings, contract ends and fagprøve dates (see kalender.py).

Titles carry at most a participant's first name: never a surname, a birth date or an identity
number, because calendar events end up in Outlook and Google. One query per source.
"""

from __future__ import annotations

from collections.abc import Iterator

from deltakere.models import Deltaker
from lop.models import Fagprove, Laerekontrakt
from oppfolging.models import Mote
from oppfolging.selectors import moter_for

from .kalender import Kalenderdato


def moter(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """Project group and steering group meetings, for those who may see meetings (oppfolging.selectors)."""

    for pk, type_, dato, fagretning in (
        moter_for(user)
        .filter(organisasjon_id__in=organisasjon_ids, dato__gte=fra, dato__lte=til)
        .order_by("dato", "pk")
        .values_list("pk", "type", "dato", "fagretning__kortnavn")
    ):
        navn = dict(Mote.Type.choices)[type_]
        yield Kalenderdato(
            dato=dato,
            tittel=f"{navn} {fagretning}" if fagretning else navn,
            art="mote",
            lenke=f"/oppfolging/moter/{pk}/",
            uid=f"mote-{pk}",
        )


def kontraktslutt(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """The end date of each open learning contract of the participants the user may see."""

    for pk, slutt, fornavn, deltaker_id in (
        Laerekontrakt.objects.filter(
            organisasjon_id__in=organisasjon_ids,
            slutt__gte=fra,
            slutt__lte=til,
            deltaker__in=Deltaker.objects.visible_to(user),
        )
        .exclude(status__in=Laerekontrakt.AVSLUTTET)
        .order_by("slutt", "pk")
        .values_list("pk", "slutt", "deltaker__fornavn", "deltaker_id")
    ):
        yield Kalenderdato(
            dato=slutt,
            tittel=f"Kontrakten til {fornavn} slutter",
            art="kontrakt",
            lenke=f"/deltakere/{deltaker_id}/",
            uid=f"kontraktslutt-{pk}",
        )


def fagprover(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """Fagprøve dates of the participants the user may see."""

    for pk, dato, fornavn, deltaker_id in (
        Fagprove.objects.filter(
            organisasjon_id__in=organisasjon_ids,
            provedato__gte=fra,
            provedato__lte=til,
            deltaker__in=Deltaker.objects.visible_to(user),
        )
        .order_by("provedato", "pk")
        .values_list("pk", "provedato", "deltaker__fornavn", "deltaker_id")
    ):
        yield Kalenderdato(
            dato=dato,
            tittel=f"Fagprøve: {fornavn}",
            art="fagprove",
            lenke=f"/deltakere/{deltaker_id}/",
            uid=f"fagprove-{pk}",
        )
