"""Who may do what on the participant's own page and with her logbook.

The participant is a role of her own: a `User` linked to her case by `Deltakerkonto`, with no
membership, so the staff policy (fagbrev/permissions.py) gives her nothing. Here she gets exactly
her own case: every lookup starts from her account, so another participant's id is a 404.
The logbook is hers: her faglærer reads and comments; the coordinator sees only how often she
writes (the case-page section), not what.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from arbeidsgivere.models import Avtale
from deltakere.models import Deltaker
from deltakere.permissions import get_deltaker_for_user
from fagbrev.permissions import FAGLARER, can_edit_deltaker, hent_eller_404

from .models import Deltakerkonto, Loggbokinnlegg


def konto_for_user(user) -> Deltakerkonto | None:
    """The participant account of this user, or None (staff, anonymous, deactivated)."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return Deltakerkonto.objects.select_related(
            "deltaker", "deltaker__fagretning", "deltaker__faglarer", "deltaker__norsklarer", "deltaker__organisasjon"
        ).get(user=user)
    except Deltakerkonto.DoesNotExist:
        return None


def get_konto(request: HttpRequest) -> Deltakerkonto:
    """This user is this participant, or 404 (the view decorator has already asked for a login)."""
    konto = konto_for_user(request.user)
    if konto is None:
        raise Http404("Ingen deltakerside for denne brukeren.")
    return konto


def get_eget_innlegg(konto: Deltakerkonto, pk: int) -> Loggbokinnlegg:
    """One of her own entries; another participant's id is a 404."""
    return hent_eller_404(Loggbokinnlegg.objects, "Fant ikke innlegget.", pk=pk, deltaker_id=konto.deltaker_id)


def get_egen_avtale(konto: Deltakerkonto, pk: int) -> Avtale:
    """One of her own participation agreements; another participant's id is a 404."""
    return hent_eller_404(Avtale.objects, "Fant ikke avtalen.", pk=pk, plassering__deltaker_id=konto.deltaker_id)


def can_invite(user, deltaker: Deltaker) -> bool:
    """Send the invitation (and new links): the coordinator, who owns the case."""
    return can_edit_deltaker(user, deltaker)


def can_read_loggbok(user, deltaker: Deltaker) -> bool:
    """Read and comment on her logbook: her own faglærer. (The fadder, once she agrees, via medvirkning.)"""
    return (
        user.is_authenticated
        and user.roller.get(deltaker.organisasjon_id) == FAGLARER
        and deltaker.faglarer_id == user.pk
    )


def get_deltaker_for_loggbok(user, pk: int) -> Deltaker:
    """The case if the user may read its logbook: 404 if she cannot see the case, 403 if she sees it
    but the logbook is not hers to read (the coordinator)."""
    deltaker = get_deltaker_for_user(user, pk)
    if not can_read_loggbok(user, deltaker):
        raise PermissionDenied("Loggboken er deltakerens. Faglæreren hennes kan lese den.")
    return deltaker


def get_innlegg_for_leser(user, deltaker: Deltaker, innlegg_pk: int) -> Loggbokinnlegg:
    return hent_eller_404(Loggbokinnlegg.objects, "Fant ikke innlegget.", pk=innlegg_pk, deltaker=deltaker)
