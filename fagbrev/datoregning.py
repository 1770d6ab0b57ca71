"""Calendar arithmetic every app uses: months and years later, working days, the scheme's fixed dates.

A date N months (or years) later is the same day of the month; where that day does not exist, the
month's last day — as fristloven § 3 counts months and years: 31 January + 1 month = 28 (29)
February, 29 February + 1 year = 28 February.

Exam registration windows for tverrfaglig skriftlig eksamen are 15 January – 1 February and
1 – 15 September; semesters end 30 June (vår) and 31 December (høst). Working days skip weekends
and the Norwegian public holidays (Easter computed, the rest fixed).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass


def legg_til_maneder(dato: datetime.date, maneder: int) -> datetime.date:
    """The same day `maneder` months later (or earlier); the 31st becomes the month's last day."""
    indeks = dato.year * 12 + dato.month - 1 + maneder
    ar, maned = divmod(indeks, 12)
    dag = min(dato.day, calendar.monthrange(ar, maned + 1)[1])
    return datetime.date(ar, maned + 1, dag)


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
