"""Reads of participants, with their joins done."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Deltaker


def deltakere_for_liste(*, user, q: str = "", filtre: dict | None = None) -> QuerySet[Deltaker]:
    """The participants the user may see, matching a name search and filters, ready for a table."""
    qs = Deltaker.objects.visible_to(user).select_related("fagretning", "kull", "faglarer")
    if q:
        for ord_ in q.split():
            qs = qs.filter(Q(fornavn__icontains=ord_) | Q(etternavn__icontains=ord_))
    for felt, verdi in (filtre or {}).items():
        if verdi:
            qs = qs.filter(**{felt: verdi})
    return qs.order_by("etternavn", "fornavn", "pk")


def status_telling(*, user) -> dict[str, int]:
    """Participants per status among those the user may see, counted in the database."""
    rader = Deltaker.objects.visible_to(user).values("status").annotate(antall=Count("pk"))
    return {r["status"]: r["antall"] for r in rader}
