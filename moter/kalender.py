"""Meetings on the year wheel and in the calendar feed (registered in fagbrev/kalender.py when
`MoterConfig.ready()` imports this module). Titles name the kind, the track and the time, never a person;
a start-up meeting names its participant in `hvem`/`fornavn` only (the year-wheel page and the Monday
overview, never the feed)."""

from __future__ import annotations

from collections.abc import Iterator

from fagbrev.kalender import Kalenderdato, datoer_om_deltakere, kalenderkilde
from fagbrev.permissions import deltaker_scope

from .models import Mote, Oppstartsmote
from .permissions import lese_orgs, moter_visible_to


@kalenderkilde
def moter(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """Recruitment and information meetings the user may see. One query; none for a role without meetings."""
    if not lese_orgs(user):
        return
    arter = dict(Mote.Art.choices)
    for pk, art, dato, klokken, fagretning in (
        moter_visible_to(user)
        .filter(organisasjon_id__in=organisasjon_ids, dato__gte=fra, dato__lte=til)
        .order_by("dato", "klokken", "pk")
        .values_list("pk", "art", "dato", "klokken", "fagretning__kortnavn")
    ):
        navn = f"{arter[art]} {fagretning}" if fagretning else arter[art]
        yield Kalenderdato(
            dato=dato, tittel=f"{navn} kl. {klokken:%H:%M}", art="mote", lenke=f"/moter/{pk}/", uid=f"moter-mote-{pk}"
        )


@kalenderkilde
def oppstartsmoter(*, user, **vindu) -> Iterator[Kalenderdato]:
    """Start-up meetings at the workplace of the participants whose case the user may see. One query."""
    hans = Oppstartsmote.objects.filter(deltaker_scope(user, "plassering__deltaker__"))
    return datoer_om_deltakere(
        hans,
        "dato",
        deltaker="plassering__deltaker",
        tittel="Oppstartsmøte på arbeidsplassen",
        art="mote",
        uid="moter-oppstartsmote",
        lenke="/moter/oppstart/{plassering_id}/",
        **vindu,
    )
