"""The tests' clock: a day on which time stands still, so the date rules give the same answer whatever
the calendar says."""

from __future__ import annotations

import datetime

import time_machine

# The tests' usual today: a Monday in the autumn semester of 2026.
IDAG = datetime.date(2026, 11, 23)


def frys(dato: datetime.date) -> time_machine.travel:
    """Time stands still at noon on `dato` (noon: the same day whether read in UTC or in Oslo)."""
    return time_machine.travel(datetime.datetime.combine(dato, datetime.time(12)), tick=False)
