"""The same day N years or N months later (or earlier): the one place where dates gain years or months.

Counted as fristloven § 5 counts a time limit in months or years: it ends on the day with the same
number as the day it began; a month without that day ends it on its last day. So 31 January plus one
month is 28 (or 29) February, and 29 February plus one year is 28 February. Birthdays, anniversaries
(years in Norway) and retention times follow the same rule, so a 29 February birthday is had on
28 February in other years, everywhere in the application.

`date.replace(year=…)` raises on 29 February, and month arithmetic by hand forgets the 31st; neither
is used anywhere else. Pure functions over dates: no clock, no database, no imports from the apps.

Also the scheme's fixed calendar: the written exam's registration windows (15 January – 1 February
and 1 – 15 September), the semesters' last days, and working days (weekends and Norwegian public
holidays skipped, Easter computed).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass


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


UKEDAGER = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(frozen=True)
class Eksamensvindu:
    apner: datetime.date
    lukker: datetime.date

    @property
    def periode(self) -> str:
        """A stable key for this window: '2027-01' (vår) or '2027-09' (høst)."""
        return f"{self.apner:%Y-%m}"

    @property
    def tekst(self) -> str:
        return f"{self.apner:%d.%m.%Y}–{self.lukker:%d.%m.%Y}"


def eksamensvinduer(ar: int) -> list[Eksamensvindu]:
    return [
        Eksamensvindu(datetime.date(ar, 1, 15), datetime.date(ar, 2, 1)),
        Eksamensvindu(datetime.date(ar, 9, 1), datetime.date(ar, 9, 15)),
    ]


def semesterslutt(ar: int) -> list[tuple[datetime.date, str]]:
    return [
        (datetime.date(ar, 6, 30), f"Vårsemesteret {ar} slutter"),
        (datetime.date(ar, 12, 31), f"Høstsemesteret {ar} slutter"),
    ]


def paske(ar: int) -> datetime.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = ar % 19, ar // 100, ar % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    maned = (h + l_ - 7 * m + 90) // 25
    dag = (h + l_ - 7 * m + 33 * maned + 19) % 32
    return datetime.date(ar, maned, dag)


def helligdager(ar: int) -> set[datetime.date]:
    p = paske(ar)
    flytende = {p + datetime.timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)}
    faste = {datetime.date(ar, m, d) for m, d in ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))}
    return flytende | faste


def er_virkedag(dato: datetime.date) -> bool:
    return dato.weekday() < 5 and dato not in helligdager(dato.year)


def forrige_virkedag(dato: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the closest working day before it."""
    while not er_virkedag(dato):
        dato -= datetime.timedelta(days=1)
    return dato


def forste_virkedag_i_maned(ar: int, maned: int) -> datetime.date:
    dato = datetime.date(ar, maned, 1)
    while not er_virkedag(dato):
        dato += datetime.timedelta(days=1)
    return dato


def dato_tekst(dato: datetime.date) -> str:
    """'fredag 15.01.2027' in Norwegian."""
    return f"{UKEDAGER[dato.weekday()]} {dato:%d.%m.%Y}"
