"""Who may take out an innsyn export: the coordinators of the participant's organisation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from deltakere.models import Deltaker
from deltakere.permissions import get_deltaker_for_user
from fagbrev.permissions import can_edit_deltaker


def can_export_innsyn(user, deltaker: Deltaker) -> bool:
    return can_edit_deltaker(user, deltaker)


def get_deltaker_for_innsyn(user, pk: int) -> Deltaker:
    """404 if the user cannot see the participant, 403 if she can but is not a coordinator there."""
    deltaker = get_deltaker_for_user(user, pk)
    if not can_export_innsyn(user, deltaker):
        raise PermissionDenied("Bare koordinatorer kan ta ut innsyn.")
    return deltaker
