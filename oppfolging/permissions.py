"""Permission-checked lookups in follow-up. Policy questions live in fagbrev/permissions.py.

A visit or assessment meeting is visible to whoever may see the participant (404 otherwise) and
changeable by whoever may record follow-up for her (403 otherwise). Meetings and mentor gatherings
are visible to the organisation's coordinators and faglærere; coordinators record them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from fagbrev.permissions import (
    FAGLARER,
    KOORDINATOR,
    STYRINGSGRUPPE,
    can_manage_org,
    can_record_oppfolging,
    deltaker_scope,
    hent_eller_404,
)
from fagbrev.tilgang import tilgang_merk_deltaker

from .models import Besok, Mote, Tiltak, Vurderingssamtale


def besok_visible_to(user) -> QuerySet[Besok]:
    return Besok.objects.filter(deltaker_scope(user, "deltaker__"))


def samtaler_visible_to(user) -> QuerySet[Vurderingssamtale]:
    return Vurderingssamtale.objects.filter(deltaker_scope(user, "deltaker__"))


def _hent_om_deltaker(user, qs, pk: int, *, write: bool, ikke_funnet: str, bare_lese: str):
    """A visit or meeting about one participant: 404 when not visible, 403 when visible but `write` is
    asked and she may not record follow-up; the look at the case is logged."""
    objekt = hent_eller_404(qs, ikke_funnet, pk=pk)
    if write and not can_record_oppfolging(user, objekt.deltaker):
        raise PermissionDenied(bare_lese)
    tilgang_merk_deltaker(objekt.deltaker)
    return objekt


def get_besok_for_user(user, pk: int, *, write: bool = False) -> Besok:
    qs = besok_visible_to(user).select_related("deltaker", "deltaker__fagretning", "arbeidssted", "registrert_av")
    return _hent_om_deltaker(
        user, qs, pk, write=write, ikke_funnet="Fant ikke besøket.", bare_lese="Du kan se besøket, men ikke endre det."
    )


def get_samtale_for_user(user, pk: int, *, write: bool = False) -> Vurderingssamtale:
    qs = samtaler_visible_to(user).select_related(
        "deltaker", "deltaker__fagretning", "fadder", "fadder__arbeidssted", "registrert_av"
    )
    return _hent_om_deltaker(
        user,
        qs,
        pk,
        write=write,
        ikke_funnet="Fant ikke vurderingssamtalen.",
        bare_lese="Du kan se samtalen, men ikke endre den.",
    )


def moter_visible_to(user) -> QuerySet[Mote]:
    """Coordinators and faglærere see their organisation's meetings; the steering group its own meetings."""
    return Mote.objects.filter(
        Q(organisasjon_id__in=user.organisasjoner_med(KOORDINATOR, FAGLARER))
        | Q(organisasjon_id__in=user.organisasjoner_med(STYRINGSGRUPPE), type=Mote.Type.STYRINGSGRUPPE)
    )


def get_mote_for_user(user, pk: int, *, write: bool = False) -> Mote:
    mote = hent_eller_404(moter_visible_to(user).select_related("fagretning"), "Fant ikke møtet.", pk=pk)
    if write and not can_manage_org(user, mote.organisasjon_id):
        raise PermissionDenied("Bare koordinatoren kan endre møter.")
    return mote


def get_tiltak_for_user(user, pk: int) -> Tiltak:
    """An action item its owner or the organisation's coordinator may mark done."""
    tiltak = hent_eller_404(Tiltak.objects.visible_to(user).select_related("mote"), "Fant ikke tiltaket.", pk=pk)
    if tiltak.ansvarlig_id != user.pk and not can_manage_org(user, tiltak.organisasjon_id):
        raise PermissionDenied("Bare den ansvarlige eller koordinatoren kan markere tiltaket som utført.")
    return tiltak


def koordinator_org(user) -> int:
    """The organisation where the user coordinates (the first, if several); 403 if none."""
    orgs = user.organisasjoner_med(KOORDINATOR)
    if not orgs:
        raise PermissionDenied("Bare koordinatoren kan registrere dette.")
    return min(orgs)
