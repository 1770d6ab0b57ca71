"""What the participant's page adds to staff pages (registered in fagbrev/seksjoner.py):
the case page's «Min side» section and her own part in the assessment meeting's record."""

from __future__ import annotations

from django.utils import timezone

from deltakere.models import Deltaker
from fagbrev.permissions import can_view_deltaker
from fagbrev.seksjoner import Seksjon, pa_saksside, pa_samtale

from .models import Deltakerkonto
from .permissions import can_invite, can_read_loggbok
from .selectors import selvevaluering_for, skrivehyppighet


def _konto(deltaker: Deltaker) -> Deltakerkonto | None:
    """Her account: the case page fetched it with her (`med` below), else one query."""
    if Deltaker.konto.is_cached(deltaker):
        return getattr(deltaker, "konto", None)  # None: fetched, and she has none
    return Deltakerkonto.objects.filter(deltaker=deltaker).only("pk", "opprettet", "fadder_kan_lese").first()


@pa_saksside(rekkefolge=85, med=("konto",))
def saksside(*, deltaker, user, idag) -> Seksjon | None:
    """Coordinator: invite / new link and how often she writes. Her faglærer: the link to read. One query
    (her account comes with her on the case page), none when she has no account."""
    kan_invitere = can_invite(user, deltaker)
    kan_lese = can_read_loggbok(user, deltaker)
    if not (kan_invitere or kan_lese):
        return None
    konto = _konto(deltaker)
    return Seksjon(
        template="minside/_seksjon_saksside.html",
        context={
            "deltaker": deltaker,
            "konto": konto,
            "kan_invitere": kan_invitere,
            "kan_lese": kan_lese,
            "hyppighet": skrivehyppighet(deltaker_id=deltaker.pk, na=timezone.now()) if konto else None,
        },
    )


@pa_samtale(rekkefolge=10)
def samtale_egenvurdering(*, samtale, user) -> Seksjon | None:
    """Her own part, written before the meeting, shown to whoever may see the meeting's case."""
    if user is None or not can_view_deltaker(user, samtale.deltaker):
        return None
    return Seksjon(
        template="minside/_samtale_egenvurdering.html",
        context={"evaluering": selvevaluering_for(deltaker_id=samtale.deltaker_id, semester=samtale.semester)},
    )
