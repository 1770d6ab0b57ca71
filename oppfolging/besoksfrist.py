"""When a workplace visit is "due soon" or overdue: the one rule, read by every list that says so.

The due date itself (last visit, or the open placement's start, plus the track's rhythm) is computed
in the database by `oppfolging.selectors.med_besoksrytme`; this module only says what that date
means on a given day. My overview («Snart»), /oppfolging/, the case page and the reminders ask here.

"Soon" is the coming week, today through seven days ahead: the horizon a faglærer plans her visits
in. Two weeks would list every participant of a track visited every other week (BUA) as "soon".
"""

from __future__ import annotations

import datetime

from django.db.models import Q

BESOK_SNART_DAGER = 7

FORFALT, SNART = "forfalt", "snart"


def besok_snart_til(idag: datetime.date) -> datetime.date:
    """The last due date that counts as "soon" on `idag`."""
    return idag + datetime.timedelta(days=BESOK_SNART_DAGER)


def besok_er_forfalt(neste_frist: datetime.date | None, idag: datetime.date) -> bool:
    """Overdue: the due date has passed (a participant never visited and without a placement start
    has no due date and counts as overdue: she must be visited)."""
    return neste_frist is None or neste_frist < idag


def besok_er_snart(neste_frist: datetime.date | None, idag: datetime.date) -> bool:
    """Due soon: due today or within the coming `BESOK_SNART_DAGER` days."""
    return neste_frist is not None and idag <= neste_frist <= besok_snart_til(idag)


def besok_forfall(neste_frist: datetime.date | None, idag: datetime.date) -> str | None:
    """FORFALT, SNART or None (not due yet)."""
    if besok_er_forfalt(neste_frist, idag):
        return FORFALT
    if besok_er_snart(neste_frist, idag):
        return SNART
    return None


def besok_forfalt_q(idag: datetime.date) -> Q:
    """The same rule in SQL, over `med_besoksrytme`'s `neste_frist` (reminders and the Monday
    overview, which name the due date and so leave out the never-visited without one)."""
    return Q(neste_frist__lt=idag)


def besok_snart_q(idag: datetime.date) -> Q:
    return Q(neste_frist__gte=idag, neste_frist__lte=besok_snart_til(idag))
