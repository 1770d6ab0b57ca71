"""Reads for the meeting pages, the case page and the year wheel. Querysets come with their joins done."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from arbeidsgivere.selectors import plasseringer_for_saksside
from deltakere.models import Deltaker
from fagbrev.permissions import deltaker_scope

from .models import Deltakelse, Ekstern, Mote, Oppstartsmote
from .permissions import moter_visible_to

TIDLIGERE_GRENSE = 50  # past meetings on the list page; a filter narrows them


def moteliste(*, user, art: str = "", fagretning_id: str = "", idag: datetime.date) -> tuple[list[Mote], list[Mote]]:
    """(coming, past) meetings the user may see, with how many are on the list and how many came. Two queries."""
    qs = (
        moter_visible_to(user)
        .select_related("fagretning", "arrangor")
        .annotate(
            antall=Count("deltakelser", distinct=True) + Count("eksterne", distinct=True),
            antall_mott=Count("deltakelser", filter=Q(deltakelser__mott=True), distinct=True)
            + Count("eksterne", filter=Q(eksterne__mott=True), distinct=True),
        )
    )
    if art:
        qs = qs.filter(art=art)
    if fagretning_id:
        qs = qs.filter(fagretning_id=fagretning_id)
    kommende = list(qs.filter(dato__gte=idag).order_by("dato", "klokken", "pk"))
    tidligere = list(qs.filter(dato__lt=idag).order_by("-dato", "-klokken", "-pk")[:TIDLIGERE_GRENSE])
    return kommende, tidligere


@dataclass
class Motedeltakere:
    deltakelser: list[Deltakelse]  # the participants the user may see by name
    skjulte: int  # participants on the list whose case the user may not see
    eksterne: list[Ekstern]

    @property
    def antall_mott(self) -> int:
        return sum(1 for r in [*self.deltakelser, *self.eksterne] if r.mott)


def motedeltakere(*, mote: Mote, user) -> Motedeltakere:
    """Who is on the meeting's list. A faglærer sees by name the participants she teaches; the rest are
    counted. Three queries."""
    alle = mote.deltakelser.select_related("deltaker", "deltaker__fagretning").order_by(
        "deltaker__etternavn", "deltaker__fornavn", "pk"
    )
    synlige = list(alle.filter(deltaker_scope(user, "deltaker__")))
    return Motedeltakere(
        deltakelser=synlige,
        skjulte=alle.count() - len(synlige),
        eksterne=list(mote.eksterne.order_by("navn", "pk")),
    )


def deltakere_a_legge_til(*, mote: Mote) -> QuerySet[Deltaker]:
    """The organisation's cases not yet on the meeting's list."""
    return (
        Deltaker.objects.filter(organisasjon_id=mote.organisasjon_id)
        .exclude(motedeltakelser__mote=mote)
        .select_related("fagretning")
        .order_by("etternavn", "fornavn", "pk")
    )


def moter_for_deltaker(*, deltaker: Deltaker) -> list[Deltakelse]:
    """The meetings a participant was on the list of, newest first."""
    return list(
        Deltakelse.objects.filter(deltaker=deltaker)
        .select_related("mote", "mote__fagretning")
        .order_by("-mote__dato", "-mote__klokken", "-pk")
    )


def plasseringer_med_oppstart(*, deltaker: Deltaker) -> list:
    """Her placements, newest first, each with its start-up meeting (or None). The placements are the ones
    the placement section read for this case page (arbeidsgivere.selectors.plasseringer_for_saksside), so
    one query for the meetings once that section has run."""
    plasseringer = plasseringer_for_saksside(deltaker=deltaker)
    moter = (
        {
            m.plassering_id: m
            for m in Oppstartsmote.objects.filter(plassering__in=plasseringer).select_related("leder", "koordinator")
        }
        if plasseringer
        else {}  # no placement, no meeting: not even the ORM's work of finding the empty IN
    )
    for p in plasseringer:
        p.oppstart = moter.get(p.pk)
    return plasseringer
