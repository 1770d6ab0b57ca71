"""The workplace's part of the participant list: the filter by (open placement's) workplace and the
"Arbeidssted" column. Registered in `ArbeidsgivereConfig.ready()` (see deltakere/liste.py)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from deltakere import liste
from fagbrev import permissions

from .models import Arbeidssted, Plassering


def _pa_arbeidssted(qs: QuerySet, arbeidssted_id) -> QuerySet:
    # both conditions on the same placement: one filter() call
    return qs.filter(plasseringer__arbeidssted_id=arbeidssted_id, plasseringer__til__isnull=True)


def _pa_arbeidssted_navn(qs: QuerySet, navn) -> QuerySet:
    return qs.filter(plasseringer__arbeidssted__navn__icontains=navn, plasseringer__til__isnull=True)


def _apne_plasseringer(qs: QuerySet) -> QuerySet:
    apne = (
        Plassering.objects.filter(til__isnull=True)
        .select_related("arbeidssted")
        .only("deltaker_id", "arbeidssted__navn")
    )
    return qs.prefetch_related(Prefetch("plasseringer", queryset=apne, to_attr="apne_plasseringer"))


def _kontekst(user) -> dict:
    if not user.har_rolle(permissions.KOORDINATOR):
        return {"arbeidssted_valg": [], "vis_arbeidssted": False}
    arbeidssteder = Arbeidssted.objects.for_roller(user, permissions.KOORDINATOR).order_by("navn", "pk")
    arbeidssted_valg = liste.valg(arbeidssteder, "navn", etikett=str)
    return {"arbeidssted_valg": arbeidssted_valg, "vis_arbeidssted": arbeidssted_valg != []}


UTVIDELSE = liste.Listeutvidelse(
    filtre={"arbeidssted_id": _pa_arbeidssted, "arbeidssted_navn": _pa_arbeidssted_navn},
    hent=_apne_plasseringer,
    kontekst=_kontekst,
)
