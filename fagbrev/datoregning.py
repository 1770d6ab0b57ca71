"""Calendar arithmetic every app uses: the same day some months or years later.

A date N months (or years) later is the same day of the month; where that day does not exist, the
month's last day — as fristloven § 3 counts months and years: 31 January + 1 month = 28 (29)
February, 29 February + 1 year = 28 February.
"""

from __future__ import annotations

import calendar
import datetime


def legg_til_maneder(dato: datetime.date, maneder: int) -> datetime.date:
    """The same day `maneder` months later (or earlier); the 31st becomes the month's last day."""
    indeks = dato.year * 12 + dato.month - 1 + maneder
    ar, maned = divmod(indeks, 12)
    dag = min(dato.day, calendar.monthrange(ar, maned + 1)[1])
    return datetime.date(ar, maned + 1, dag)
