"""The same day N years or N months later (or earlier): the one place where dates gain years or months.

Counted as fristloven § 5 counts a time limit in months or years: it ends on the day with the same
number as the day it began; a month without that day ends it on its last day. So 31 January plus one
month is 28 (or 29) February, and 29 February plus one year is 28 February. Birthdays, anniversaries
(years in Norway) and retention times follow the same rule, so a 29 February birthday is had on
28 February in other years, everywhere in the application.

`date.replace(year=…)` raises on 29 February, and month arithmetic by hand forgets the 31st; neither
is used anywhere else. Pure functions over dates: no clock, no database, no imports from the apps.

Also the scheme's fixed calendar, each fact once: the written exam's registration windows (the table
`EKSAMENSVINDUER`: 15 January – 1 February and 1 – 15 September, closing 23:55 Oslo time), the
semesters (`Semester`, `semester_for`: vår is January–July, høst August–December), and working days
(weekends and Norwegian public holidays skipped, Easter computed). docs/domain-rules.md lists them.
"""

from __future__ import annotations

import calendar
import datetime
import zoneinfo
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


OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# --- the written exam's registration windows (Privatistweb) -------------------------------------
# THE table: pages, reminders, the årshjul, the consent PDF and the demo all read it from here.
# Open from 00:00 Oslo time on the first day; closed from 23:55 Oslo time on the last day. A last
# day on a weekend is not moved (the portal closes on the given day regardless).
EKSAMENSVINDUER: tuple[tuple[str, tuple[int, int], tuple[int, int]], ...] = (
    ("vår", (1, 15), (2, 1)),
    ("høst", (9, 1), (9, 15)),
)
EKSAMEN_STENGER_KL = datetime.time(23, 55)
MANEDSNAVN = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


@dataclass(frozen=True)
class Eksamensvindu:
    """One registration window: open from `apner` (inclusive) until `stenger` (exclusive), Oslo time."""

    termin: str  # "vår" / "høst"
    forste_dag: datetime.date
    siste_dag: datetime.date

    @property
    def navn(self) -> str:
        """'vår 2027': the term an exam is planned for (Eksamen.termin)."""
        return f"{self.termin} {self.forste_dag.year}"

    @property
    def apner(self) -> datetime.datetime:
        return datetime.datetime.combine(self.forste_dag, datetime.time(0, 0), tzinfo=OSLO)

    @property
    def stenger(self) -> datetime.datetime:
        return datetime.datetime.combine(self.siste_dag, EKSAMEN_STENGER_KL, tzinfo=OSLO)

    @property
    def periode(self) -> str:
        """A stable key for this window: '2027-01' (vår) or '2027-09' (høst)."""
        return f"{self.forste_dag:%Y-%m}"

    @property
    def tekst(self) -> str:
        return f"{self.forste_dag:%d.%m.%Y}–{self.siste_dag:%d.%m.%Y}"

    def er_apent(self, tidspunkt: datetime.datetime) -> bool:
        return self.apner <= tidspunkt < self.stenger

    def inneholder_dato(self, dato: datetime.date) -> bool:
        return self.forste_dag <= dato <= self.siste_dag


def eksamensvinduer(ar: int) -> list[Eksamensvindu]:
    """The exam registration windows of a calendar year, in date order."""
    return [
        Eksamensvindu(termin, datetime.date(ar, *fra), datetime.date(ar, *til)) for termin, fra, til in EKSAMENSVINDUER
    ]


def _dag_og_maned(fra: tuple[int, int], til: tuple[int, int]) -> str:
    if fra[0] == til[0]:
        return f"{fra[1]}.–{til[1]}. {MANEDSNAVN[til[0] - 1]}"
    return f"{fra[1]}. {MANEDSNAVN[fra[0] - 1]}–{til[1]}. {MANEDSNAVN[til[0] - 1]}"


def eksamensvinduer_tekst(bindeord: str = "og") -> str:
    """'15. januar–1. februar og 1.–15. september', for pages and PDFs that name the windows."""
    deler = [_dag_og_maned(fra, til) for _, fra, til in EKSAMENSVINDUER]
    return f" {bindeord} ".join([", ".join(deler[:-1]), deler[-1]] if len(deler) > 1 else deler)


EKSAMEN_STENGER_TEKST = f"kl. {EKSAMEN_STENGER_KL:%H.%M} siste dag"


# --- the fagprøve: how early and how late it may be ordered before the contract ends -------------
# The counties ask for the order 8 to 2 months before the learning contract's end date (DOMAIN,
# seed 002); an organisation whose county differs sets its own (Organisasjon.fagprove_*_maneder,
# whose defaults are these). The window itself is computed in lop/frister.py (`fagprovevindu`).
FAGPROVE_TIDLIGST_MANEDER = 8
FAGPROVE_SENEST_MANEDER = 2


# --- semesters ---------------------------------------------------------------------------------
# The school year runs 1 August – 31 July. Høst is August–December; vår is January–July, where July
# is the summer break that closes the school year. Every date belongs to exactly one semester (a
# report by half-year must place a July date somewhere, and it belongs to the school year it
# closes, not to the next one that starts in August). The semester's work (assessment meetings, the
# steering group meeting) is due before the break: `frist` is 30 June in vår, 31 December in høst.


@dataclass(frozen=True)
class Semester:
    """A half-year: høst (1 August–31 December) or vår (1 January–31 July; July is the summer break)."""

    aar: int
    del_: str  # "V" or "H"; compare semesters by `start`

    @property
    def kode(self) -> str:
        return f"{self.aar}{self.del_}"

    @property
    def er_host(self) -> bool:
        return self.del_ == "H"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.aar, 8, 1) if self.er_host else datetime.date(self.aar, 1, 1)

    @property
    def slutt(self) -> datetime.date:
        """The semester's last day: 31 December, or 31 July (the summer break belongs to vår)."""
        return datetime.date(self.aar, 12, 31) if self.er_host else datetime.date(self.aar, 7, 31)

    @property
    def frist(self) -> datetime.date:
        """The last day the semester's meetings are due: 31 December, or 30 June before the summer break."""
        return datetime.date(self.aar, 12, 31) if self.er_host else datetime.date(self.aar, 6, 30)

    @property
    def navn(self) -> str:
        return f"{'Høst' if self.er_host else 'Vår'} {self.aar}"

    @property
    def maneder_tekst(self) -> str:
        return "august–desember" if self.er_host else "januar–juli (juli er sommerferie)"

    def __str__(self) -> str:
        return self.navn


def semester_for(dato: datetime.date) -> Semester:
    """The semester a date belongs to: 31 December is høst, 1 January vår, 31 July vår, 1 August høst."""
    return Semester(dato.year, "H" if dato.month >= 8 else "V")


def semester_fra_kode(kode: str) -> Semester:
    """'2026H' → Semester(2026, 'H')."""
    return Semester(int(kode[:4]), kode[4])


def semestre_i_ar(ar: int) -> list[Semester]:
    return [Semester(ar, "V"), Semester(ar, "H")]


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


def ukens_sondag(dato: datetime.date) -> datetime.date:
    """The Sunday that ends `dato`'s week (Monday to Sunday, as in Norway); a Sunday is its own."""
    return dato + datetime.timedelta(days=6 - dato.weekday())


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
