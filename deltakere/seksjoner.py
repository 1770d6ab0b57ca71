"""Sections the deltakere app adds to shared pages (see fagbrev/seksjoner.py)."""

from __future__ import annotations

from django.db.models import Q

from fagbrev.permissions import KOORDINATOR
from fagbrev.seksjoner import Seksjon

from .models import Deltaker, Permisjon, Utstyrslan

S = Deltaker.Status


def oversikt_oppgaver(*, user, idag) -> Seksjon | None:
    """For coordinators: cases stuck on a rule — no police certificate, leave past its end, kit not back."""
    if not user.har_rolle(KOORDINATOR):
        return None
    mine = Deltaker.objects.for_roller(user, KOORDINATOR)
    uten_attest = list(
        mine.filter(status=S.TATT_OPP, fagretning__krever_politiattest=True)
        .filter(Q(inntakssamtale__isnull=True) | Q(inntakssamtale__politiattest_mottatt__isnull=True))
        .select_related("fagretning")
        .order_by("etternavn", "fornavn")[:20]
    )
    permisjon_ute = list(
        Permisjon.objects.for_roller(user, KOORDINATOR)
        .filter(deltaker__status=S.PERMISJON, til__lt=idag)
        .select_related("deltaker")
        .order_by("til")[:20]
    )
    utstyr_ute = list(
        Utstyrslan.objects.for_roller(user, KOORDINATOR)
        .filter(returnert__isnull=True, deltaker__status__in=[S.FULLFORT, S.AVBRUTT, S.AVSLATT])
        .select_related("deltaker")
        .order_by("utlant")[:20]
    )
    if not (uten_attest or permisjon_ute or utstyr_ute):
        return None
    return Seksjon(
        template="deltakere/_oversikt_oppgaver.html",
        context={"uten_attest": uten_attest, "permisjon_ute": permisjon_ute, "utstyr_ute": utstyr_ute},
        rekkefolge=20,
    )
