"""Permission-checked lookups of employers, placements and agreements.

Policy (fagbrev/permissions.py): coordinators of the organisation read and write; a faglærer reads
the employers where her participants are placed now (or will be); everyone else gets nothing.
Not visible → 404, visible but read-only → 403.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from fagbrev.permissions import (
    FAGLARER,
    KOORDINATOR,
    can_edit_deltaker,
    can_manage_org,
    deltaker_scope,
    hent_eller_404,
)
from fagbrev.tilgang import tilgang_merk_deltaker

from .models import Arbeidsattest, Arbeidsgiver, Arbeidssted, Avtale, Kontaktperson, Plassering


def arbeidsgivere_visible_to(user, *, idag: datetime.date | None = None) -> QuerySet[Arbeidsgiver]:
    """Coordinators see their organisation's employers; a faglærer those where one of her
    participants has a current or coming placement."""
    if not user.is_authenticated:
        return Arbeidsgiver.objects.none()
    idag = idag or timezone.localdate()
    q = Q(organisasjon_id__in=user.organisasjoner_med(KOORDINATOR))
    faglarer_orgs = user.organisasjoner_med(FAGLARER)
    if faglarer_orgs:
        egne_plasseringer = Plassering.objects.filter(
            Q(til__isnull=True) | Q(til__gte=idag),
            arbeidssted__arbeidsgiver=OuterRef("pk"),
            deltaker__faglarer_id=user.pk,
            deltaker__organisasjon_id__in=faglarer_orgs,
        )
        q |= Q(Exists(egne_plasseringer), organisasjon_id__in=faglarer_orgs)
    return Arbeidsgiver.objects.filter(q)


def get_arbeidsgiver_for_user(user, pk: int, *, write: bool = False) -> Arbeidsgiver:
    qs = arbeidsgivere_visible_to(user).select_related("organisasjon", "kontaktperson_kommune")
    arbeidsgiver = hent_eller_404(qs, "Fant ikke arbeidsgiveren.", pk=pk)
    if write and not can_manage_org(user, arbeidsgiver.organisasjon_id):
        raise PermissionDenied("Du kan se denne arbeidsgiveren, men ikke endre den.")
    return arbeidsgiver


def get_arbeidssted_for_user(user, pk: int, *, write: bool = False) -> Arbeidssted:
    sted = hent_eller_404(
        Arbeidssted.objects.select_related("arbeidsgiver"),
        "Fant ikke arbeidsstedet.",
        pk=pk,
        arbeidsgiver__in=arbeidsgivere_visible_to(user),
    )
    if write and not can_manage_org(user, sted.organisasjon_id):
        raise PermissionDenied("Du kan se dette arbeidsstedet, men ikke endre det.")
    return sted


def get_kontaktperson_for_user(user, pk: int, *, write: bool = False) -> Kontaktperson:
    person = hent_eller_404(
        Kontaktperson.objects.select_related("arbeidssted__arbeidsgiver"),
        "Fant ikke kontaktpersonen.",
        pk=pk,
        arbeidssted__arbeidsgiver__in=arbeidsgivere_visible_to(user),
    )
    if write and not can_manage_org(user, person.organisasjon_id):
        raise PermissionDenied("Du kan se denne personen, men ikke endre den.")
    return person


def plasseringer_visible_to(user) -> QuerySet[Plassering]:
    """A placement is as visible as its participant's case file."""
    return Plassering.objects.filter(deltaker_scope(user, "deltaker__"))


def get_plassering_for_user(user, pk: int, *, write: bool = False) -> Plassering:
    qs = plasseringer_visible_to(user).select_related("deltaker__fagretning", "arbeidssted__arbeidsgiver", "fadder")
    plassering = hent_eller_404(qs, "Fant ikke plasseringen.", pk=pk)
    if write and not can_edit_deltaker(user, plassering.deltaker):
        raise PermissionDenied("Du kan se denne plasseringen, men ikke endre den.")
    tilgang_merk_deltaker(plassering.deltaker)
    return plassering


def _via_plassering(qs: QuerySet, user, pk: int, *, write: bool, hva: str):
    """A row that belongs to a placement, as visible as the placement's case: 404 / 403 like the case."""
    rad = hent_eller_404(qs, f"Fant ikke {hva}.", pk=pk, plassering__in=plasseringer_visible_to(user))
    if write and not can_edit_deltaker(user, rad.plassering.deltaker):
        raise PermissionDenied(f"Du kan se {hva}, men ikke endre den.")
    tilgang_merk_deltaker(rad.plassering.deltaker)
    return rad


def get_avtale_for_user(user, pk: int, *, write: bool = False) -> Avtale:
    qs = Avtale.objects.select_related(
        "plassering__deltaker", "plassering__arbeidssted__arbeidsgiver", "signert_kommune_av"
    )
    return _via_plassering(qs, user, pk, write=write, hva="avtalen")


def get_attest_for_user(user, pk: int, *, write: bool = False) -> Arbeidsattest:
    """A workplace reference, as visible as its placement's case (the documents' lookup asks this too)."""
    qs = Arbeidsattest.objects.select_related(
        "plassering__deltaker__fagretning", "plassering__arbeidssted__arbeidsgiver", "leder", "registrert_av"
    )
    return _via_plassering(qs, user, pk, write=write, hva="arbeidsattesten")
