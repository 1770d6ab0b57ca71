"""The dashboard's trends: one count per semester over the last six semesters."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deltakere.models import Avbrudd, Deltaker

from .gruppering import lag
from .semester import Semester
from .tellinger import per_dato
from .undertrykking import GRENSE, Tabell

S = Deltaker.Status


@dataclass
class Trend:
    tittel: str
    semestre: list[str]
    verdier: list[int | str]
    maks: int
    # the counts, named like the tables' cells ("henvist", "2026-host", "total"), for suppression
    tabell: Tabell | None = None

    @property
    def bredde(self) -> int:
        return 100 * len(self.semestre)


def _trend(tittel: str, hva: str, antall: dict, semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """One count per semester (`antall`: semester code → n).

    Each semester's count is named like the tables' totals (`hva`, semester, "total"): the trend's last
    value is the same number as the dashboard's total, and a year's two values add up to the annual
    report's, so suppression treats them together (`dashboard`).
    """
    agg = {s.kode: antall.get(s.kode, 0) for s in semestre}
    tabell = lag(undertrykk_sma)(
        [s.navn for s in semestre], ["Antall"], [[agg[s.kode]] for s in semestre], rad_total=False
    )
    tabell = replace(
        tabell,
        summerer=False,  # the series shows no total: no line inside it
        skjult=frozenset((r, 0) for r, sem in enumerate(semestre) if undertrykk_sma and 0 < agg[sem.kode] < GRENSE),
        nokler={(r, 0): (hva, s.kode, "total") for r, s in enumerate(semestre)},
    )
    return trend_vis(Trend(tittel=tittel, semestre=[s.navn for s in semestre], verdier=[], maks=1, tabell=tabell))


def trend_vis(trend: Trend) -> Trend:
    """The values as shown, and the scale of the chart from the shown values only (a hidden value is
    drawn at a fixed height, so the scale must not be the largest hidden value)."""
    tabell = trend.tabell
    verdier = [tabell.vis(r, 0) for r in range(len(trend.semestre))]
    synlige = [v for v in verdier if isinstance(v, int)]
    # A «<5» is drawn as the range 1–4 on a scale of at least twice the limit, so it never fills the chart
    maks = max([*synlige, *([2 * GRENSE] if len(synlige) < len(verdier) else []), 1])
    return replace(trend, verdier=verdier, maks=maks)


TRENDER = [
    ("Henvisninger per semester", "henvist", ["henvist"]),
    ("Tatt opp per semester", "tatt_opp", [f"til:{S.TATT_OPP}"]),
    ("Fullført per semester", "fullfort", [f"til:{S.FULLFORT}"]),
    ("Avbrudd per semester", "avbrutt", [f"avbrudd:{k}" for k in Avbrudd.Kategori]),
    ("Arbeidsplassbesøk per semester", "besok", ["besok"]),
]


def trender(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> list[Trend]:
    """The five trends from one query over the pre-aggregated months (rapporter/tellinger.py)."""
    hva_til = {h: navn for _, navn, kinds in TRENDER for h in kinds}
    antall: dict[str, dict[str, int]] = {navn: {} for _, navn, _ in TRENDER}
    for h, dato, n in per_dato(org_ids, hva_til, semestre[0].start, semestre[-1].slutt):
        kode = Semester.for_dato(dato).kode
        mal = antall[hva_til[h]]
        mal[kode] = mal.get(kode, 0) + n
    return [_trend(tittel, navn, antall[navn], semestre, undertrykk_sma) for tittel, navn, _ in TRENDER]
