"""The case page's section of meetings (registered in fagbrev/seksjoner.py): the recruitment and
information meetings she was on the list of, and the start-up meeting of each of her placements."""

from __future__ import annotations

import datetime

from deltakere.models import Deltaker
from fagbrev import permissions
from fagbrev.seksjoner import Seksjon, pa_saksside

from .permissions import can_use_moter
from .selectors import moter_for_deltaker, plasseringer_med_oppstart


@pa_saksside(rekkefolge=45)
def saksside(*, deltaker: Deltaker, user, idag: datetime.date) -> Seksjon | None:
    """Meetings she was invited to or came to (for those who read meetings), and her placements' start-up
    meetings (for those who see the placement part of the case). Three queries."""
    moter = moter_for_deltaker(deltaker=deltaker) if can_use_moter(user) else None
    plasseringer = (
        plasseringer_med_oppstart(deltaker=deltaker)
        if permissions.can_see_feltgruppe(user, deltaker, "praksis")
        else None
    )
    if moter is None and plasseringer is None:
        return None
    return Seksjon(
        template="moter/_seksjon_saksside.html",
        context={
            "moter": moter,
            "plasseringer": plasseringer,
            "kan_endre": permissions.can_edit_deltaker(user, deltaker),
            "idag": idag,
        },
    )
