"""The one-screen summary at the top of the steering group's dashboard: the few figures the group
steers by, each with the semesters before it and a small chart.

The figures are read from the protected report by the names of their cells (rapporter/undertrykking.py):
«i opplæring» is the total of «Aktive ved slutten», «bestått» the totals of «Resultater», «i arbeid
seks måneder etter» the total of «I arbeid» in «Utfall seks måneder etter fullføring», «avbrutt» the
total of «Avbrudd etter årsak» with its categories. The series behind the charts are counted here, one
filtered COUNT per semester in one query each, and their cells are named like the tables' totals
(hva, semester, "total"): `dashboard` protects them together with the tables (`tillegg`), so the last
bar is the same number, shown or hidden the same way, as the table below. A change from the semester
before is given only when both numbers are shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from deltakere.models import Avbrudd, Utfall
from deltakere.selectors import SEKS_MANEDER
from fagbrev.datoregning import forste_dag_som_nar, siste_dag_som_nar

from . import okonomi, tellinger
from .gruppering import Dimensjon, Rapporttabell
from .selectors import Dashboard
from .semester import Periode, Semester
from .tabeller import AKTIV
from .tellinger import utfallsklasse
from .trender import Trend, trend_vis
from .undertrykking import GRENSE, Tabell, undertrykk, uten_undertrykking

ANTALL_SEMESTRE = 6


@dataclass
class Nokkeltall:
    hva: str  # the name of the count (the first part of its cells' names)
    tittel: str
    forklaring: str
    verdi: int | str  # as shown: a number, «<5» or «skjult»
    av: int | str | None  # the whole it is part of, as shown («3 av 7»), or None
    serie: Trend
    forrige: int | str | None  # the semester before, as shown
    endring: int | None  # this minus the semester before, when both are shown

    @property
    def retning(self) -> str:
        if self.endring is None:
            return ""
        return "opp" if self.endring > 0 else "ned" if self.endring < 0 else "lik"

    @property
    def endring_tekst(self) -> str:
        if self.endring is None:
            return ""
        return f"+{self.endring}" if self.endring > 0 else f"−{-self.endring}" if self.endring < 0 else "±0"


@dataclass
class Sammendrag:
    tall: list[Nokkeltall]
    arsaker: list[tuple[str, int | str]]  # termination by category, as shown (non-zero only)
    forrige_navn: str


def _serie(tittel: str, hva: str, antall: dict[str, int], semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """A series of counts per semester, its cells named like the tables' totals (see `_trend` in selectors)."""
    lag = undertrykk if undertrykk_sma else uten_undertrykking
    tabell = lag([s.navn for s in semestre], ["Antall"], [[antall[s.kode]] for s in semestre], rad_total=False)
    tabell = replace(
        tabell,
        summerer=False,
        skjult=frozenset((r, 0) for r, s in enumerate(semestre) if undertrykk_sma and 0 < antall[s.kode] < GRENSE),
        nokler={(r, 0): (hva, s.kode, "total") for r, s in enumerate(semestre)},
    )
    return trend_vis(Trend(tittel=tittel, semestre=[s.navn for s in semestre], verdier=[], maks=1, tabell=tabell))


def _aktive(org_ids: set[int], semestre: list[Semester]) -> dict[str, int]:
    """Participants active at each semester's end (as «Aktive ved slutten»): the sum of the status-at-
    month-end counts up to it (rapporter/tellinger.py), one query however long the history."""
    return tellinger.i_vinduer(org_ids, [f"st:{s}" for s in AKTIV], {s.kode: (None, s.slutt) for s in semestre})


def _bestatt(hva: str, org_ids: set[int], semestre: list[Semester]) -> dict[str, int]:
    """Exams or fagprøver passed with a date in each semester, from the counts by month (rapporter/tellinger.py)."""
    return tellinger.i_vinduer(org_ids, [f"{hva}:bestatt"], {s.kode: (s.start, s.slutt) for s in semestre})


def _i_arbeid_seks(org_ids: set[int], semestre: list[Semester], idag: datetime.date) -> dict[str, int]:
    """Completed participants in work six months after, by the semester the six months ran out in (up to
    today): the same windows as «Utfall seks måneder etter fullføring» (rapporter.selectors.utfall), read
    from the outcome counts by the day of completion (rapporter/tellinger.py)."""
    vinduer = {
        s.kode: (
            forste_dag_som_nar(s.start, maneder=SEKS_MANEDER),
            siste_dag_som_nar(min(s.slutt, idag), maneder=SEKS_MANEDER),
        )
        for s in semestre
    }
    return tellinger.i_vinduer(org_ids, [f"seks:{utfallsklasse(Utfall.I_ARBEID[0])}"], vinduer)


def tillegg(
    *, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool, idag: datetime.date
) -> tuple[list[Rapporttabell], list[Trend]]:
    """What this module adds to `dashboard` for the page: the economy's tables, and the summary's series
    (for a semester; the annual report has no summary)."""
    tabeller = okonomi.tabeller(org_ids=org_ids, periode=periode, dim=dim, undertrykk_sma=undertrykk_sma)
    if not isinstance(periode, Semester):
        return tabeller, []
    semestre = periode.siste(ANTALL_SEMESTRE)
    k = {"semestre": semestre, "undertrykk_sma": undertrykk_sma}
    return tabeller, [
        _serie("I opplæring ved semesterslutt", "aktive", _aktive(org_ids, semestre), **k),
        _serie("Skriftlig eksamen bestått", "e_bestatt", _bestatt("eksamen", org_ids, semestre), **k),
        _serie("Fagprøve bestått", "f_bestatt", _bestatt("fagprove", org_ids, semestre), **k),
        _serie("I arbeid seks måneder etter", "seks_arbeid", _i_arbeid_seks(org_ids, semestre, idag), **k),
    ]


def tillegg_eksport(
    *, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool, idag: datetime.date
) -> tuple[list[Rapporttabell], list[Trend]]:
    """What the exports add (Excel, PDF): the economy's tables; the summary is the page's."""
    return okonomi.tabeller(org_ids=org_ids, periode=periode, dim=dim, undertrykk_sma=undertrykk_sma), []


def _vist(tabeller: list[Tabell], navn) -> int | str | None:
    """The shown value of the cell with this name, in whichever table holds it."""
    for tabell in tabeller:
        for (r, k), n in tabell.nokler.items():
            if n == navn:
                return tabell.vis(r, k)
    return None


FORKLARING = {
    "aktive": "Aktive deltakere ved semesterets slutt (ikke i permisjon).",
    "e_bestatt": "Beståtte tverrfaglige skriftlige eksamener med dato i semesteret.",
    "f_bestatt": "Beståtte fagprøver med dato i semesteret.",
    "seks_arbeid": "Fullførte som var i arbeid (fast, midlertidig eller lærling) da seks måneder var gått, av dem "
    "som hadde seks måneder i semesteret.",
    "avbrutt": "Deltakere som avbrøt i semesteret, etter årsak.",
}


def sammendrag(data: Dashboard) -> Sammendrag | None:
    """The key figures of a protected semester dashboard (None for the annual report)."""
    if not data.serier or not isinstance(data.periode, Semester):
        return None
    kode = data.periode.kode
    tabeller = [rt.tabell for rt in data.tabeller]
    avbrutt = next((t for t in data.trender if t.tabell.nokler.get((0, 0), ("",))[0] == "avbrutt"), None)
    serier = [*data.serier, *([replace(avbrutt, tittel="Avbrutt")] if avbrutt else [])]
    tall = []
    for serie in serier:
        hva = serie.tabell.nokler[(0, 0)][0]
        verdi, forrige = serie.verdier[-1], serie.verdier[-2] if len(serie.verdier) > 1 else None
        endring = verdi - forrige if isinstance(verdi, int) and isinstance(forrige, int) else None
        tall.append(
            Nokkeltall(
                hva=hva,
                tittel=serie.tittel,
                forklaring=FORKLARING.get(hva, ""),
                verdi=verdi,
                av=_vist(tabeller, ("seks", kode, "total")) if hva == "seks_arbeid" else None,
                serie=serie,
                forrige=forrige,
                endring=endring,
            )
        )
    arsaker = []
    for kategori in Avbrudd.Kategori:
        vist = _vist(tabeller, (f"avbrudd_{kategori.value}", kode, "total"))
        if vist not in (None, 0):
            arsaker.append((kategori.label, vist))
    return Sammendrag(tall=tall, arsaker=arsaker, forrige_navn=data.periode.forrige().navn)
