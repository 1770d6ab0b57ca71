"""Who may send, withdraw and see links, and sign for the kommune.

Coordinators of the participant's organisation send and withdraw links and sign for the kommune;
whoever may see the case (her faglærer, norsklærer) sees the links' state read-only. People at the
workplace never log in: their link is their permission, checked in services.lenke_finn.
"""

from __future__ import annotations

from fagbrev.permissions import can_edit_deltaker, can_view_deltaker


def can_send_lenker(user, deltaker) -> bool:
    return can_edit_deltaker(user, deltaker)


def can_see_lenker(user, deltaker) -> bool:
    return can_view_deltaker(user, deltaker)


def can_sign_for_kommune(user, avtale) -> bool:
    return can_edit_deltaker(user, avtale.plassering.deltaker)
