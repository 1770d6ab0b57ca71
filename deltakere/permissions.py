"""Permission-checked lookups of participants. Policy questions live in fagbrev/permissions.py.

A participant handed to a view is marked for the access log (fagbrev/tilgang.py): the request's
successful answer writes who saw her.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fagbrev.permissions import can_edit_deltaker, hent_eller_404
from fagbrev.tilgang import tilgang_merk_deltaker

from .models import Deltaker


def get_deltaker_for_user(user, pk: int, *, write: bool = False, med: tuple[str, ...] = ()) -> Deltaker:
    """The participant if the user may see her: 404 if not visible, 403 if visible but read-only.
    `med`: more relations to fetch in the same query (the case page's one-to-one rows)."""
    qs = Deltaker.objects.visible_to(user).select_related(
        "organisasjon", "fagretning", "kull", "faglarer", "norsklarer", *med
    )
    deltaker = hent_eller_404(qs, "Fant ikke deltakeren.", pk=pk)
    if write and not can_edit_deltaker(user, deltaker):
        raise PermissionDenied("Du kan se denne deltakeren, men ikke endre saken.")
    tilgang_merk_deltaker(deltaker)
    return deltaker
