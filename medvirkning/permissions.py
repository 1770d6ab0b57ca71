"""Who may send, withdraw and see links, and sign for the kommune.

Coordinators of the participant's organisation send and withdraw links; whoever may see the case
(her faglærer, norsklærer) sees the links' state read-only. The staff parties sign for the kommune
while logged in: the coordinator, or the participant's own faglærer. People at the workplace never
log in: their link is their permission, checked in services_lenker.lenke_finn.
"""

from __future__ import annotations

from fagbrev.permissions import can_edit_deltaker, can_record_oppfolging, can_view_deltaker


def can_send_lenker(user, deltaker) -> bool:
    return can_edit_deltaker(user, deltaker)


def can_see_lenker(user, deltaker) -> bool:
    return can_view_deltaker(user, deltaker)


def can_sign_for_kommune(user, avtale) -> bool:
    """The coordinator, or the participant's own faglærer."""
    return can_record_oppfolging(user, avtale.plassering.deltaker)
