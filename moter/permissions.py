"""Who may see and record meetings. Policy words come from fagbrev/permissions.py.

Recruitment and information meetings belong to the organisation: its coordinators record and change
them, its faglærere read them (and see by name only the participants whose case they may see); other
roles do not see them (403 on the pages, 404 for a meeting of another organisation). A start-up meeting
belongs to a placement and follows its case: read by whoever sees the placement part of the case
(«praksis»), recorded by her coordinators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from arbeidsgivere.permissions import get_plassering_for_user
from fagbrev.permissions import FAGLARER, KOORDINATOR, can_manage_org, can_see_feltgruppe, hent_eller_404

from .models import Mote, Oppstartsmote


def lese_orgs(user) -> set[int]:
    """The organisations whose meetings the user reads."""
    return user.organisasjoner_med(KOORDINATOR, FAGLARER) if user.is_authenticated else set()


def can_use_moter(user) -> bool:
    return bool(lese_orgs(user))


def krev_moter(user) -> None:
    if not can_use_moter(user):
        raise PermissionDenied("Møtene er for fagbrevkoordinatorer og faglærere.")


def can_write(user, organisasjon_id: int) -> bool:
    return can_manage_org(user, organisasjon_id)


def moter_visible_to(user) -> QuerySet[Mote]:
    return Mote.objects.filter(organisasjon_id__in=lese_orgs(user))


def get_mote_for_user(user, pk: int, *, write: bool = False) -> Mote:
    krev_moter(user)
    mote = hent_eller_404(moter_visible_to(user).select_related("fagretning", "arrangor"), "Fant ikke møtet.", pk=pk)
    if write and not can_write(user, mote.organisasjon_id):
        raise PermissionDenied("Du kan se møtet, men bare koordinatoren kan endre det.")
    return mote


def org_for_ny(user) -> int:
    """The organisation a new meeting goes into: where the user coordinates (the first, if several)."""
    krev_moter(user)
    orgs = user.organisasjoner_med(KOORDINATOR)
    if not orgs:
        raise PermissionDenied("Bare koordinatoren kan registrere møter.")
    return min(orgs)


def get_plassering_med_oppstart(user, pk: int, *, write: bool = False):
    """A placement (as arbeidsgivere checks it) whose start-up meeting the user may read (404 when the
    placement part of the case is not hers to see) or, with `write`, record (403)."""
    plassering = get_plassering_for_user(user, pk, write=write)
    if not can_see_feltgruppe(user, plassering.deltaker, "praksis"):
        raise Http404("Fant ikke plasseringen.")
    return plassering


def oppstartsmote_for(plassering) -> Oppstartsmote | None:
    return (
        Oppstartsmote.objects.select_related("koordinator", "leder", "registrert_av")
        .filter(plassering=plassering)
        .first()
    )
