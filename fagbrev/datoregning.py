"""The same day N years or N months later (or earlier): the one place where dates gain years or months.

Counted as fristloven § 5 counts a time limit in months or years: it ends on the day with the same
number as the day it began; a month without that day ends it on its last day. So 31 January plus one
month is 28 (or 29) February, and 29 February plus one year is 28 February. Birthdays, anniversaries
(years in Norway) and retention times follow the same rule, so a 29 February birthday is had on
28 February in other years, everywhere in the application.

`date.replace(year=…)` raises on 29 February, and month arithmetic by hand forgets the 31st; neither
is used anywhere else. Pure functions over dates: no clock, no database, no imports from the apps.
"""

from __future__ import annotations

import calendar
import datetime


def samme_dag(dato: datetime.date, *, ar: int = 0, maneder: int = 0) -> datetime.date:
    """The same day `ar` years and `maneder` months later (negative: earlier); a day the target
    month lacks (29 February in other years, the 31st) becomes that month's last day."""
    indeks = dato.year * 12 + dato.month - 1 + ar * 12 + maneder
    aar, maned = divmod(indeks, 12)
    dag = min(dato.day, calendar.monthrange(aar, maned + 1)[1])
    return datetime.date(aar, maned + 1, dag)


def legg_til_maneder(dato: datetime.date, maneder: int) -> datetime.date:
    """The same day `maneder` months later (or earlier); the 31st becomes the month's last day."""
    return samme_dag(dato, maneder=maneder)


def hele_ar(fra: datetime.date, til: datetime.date) -> int:
    """Whole years from `fra` to `til` (an age, years in Norway): the largest n with `samme_dag(fra,
    ar=n)` on or before `til`, so someone born 29 February 2000 is 1 on 28 February 2001."""
    ar = til.year - fra.year
    return ar - 1 if samme_dag(fra, ar=ar) > til else ar


def forste_dag_som_nar(dato: datetime.date, *, ar: int = 0, maneder: int = 0) -> datetime.date:
    """The earliest day d whose `samme_dag(d, ar=ar, maneder=maneder)` is on or after `dato`: who
    has had six months by `dato` ended on or after `forste_dag_som_nar(dato, maneder=6)`.

    Not simply `samme_dag(dato, maneder=-6)`: six months after 30 September is 30 March, so the
    first day to reach 31 March is 1 October."""
    dag = datetime.timedelta(days=1)
    d = samme_dag(dato, ar=-ar, maneder=-maneder)
    while samme_dag(d, ar=ar, maneder=maneder) < dato:
        d += dag
    while samme_dag(d - dag, ar=ar, maneder=maneder) >= dato:
        d -= dag
    return d


def siste_dag_som_nar(dato: datetime.date, *, ar: int = 0, maneder: int = 0) -> datetime.date:
    """The latest day d whose `samme_dag(d, ar=ar, maneder=maneder)` is on or before `dato`.

    Not simply `samme_dag(dato, maneder=-6)`: 29, 30 and 31 August all reach 28 February six months
    on, and 31 December reaches 30 June, so the latest day for 30 June is 31 December, not the 30th."""
    dag = datetime.timedelta(days=1)
    d = samme_dag(dato, ar=-ar, maneder=-maneder)
    while samme_dag(d, ar=ar, maneder=maneder) > dato:
        d -= dag
    while samme_dag(d + dag, ar=ar, maneder=maneder) <= dato:
        d += dag
    return d
