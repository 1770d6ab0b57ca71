"""The dashboard's trends: one count per semester over the last six semesters."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Count

from deltakere.models import Avbrudd, Deltaker, Statusendring
from oppfolging.models import Besok

from .gruppering import i_perioden, lag
from .semester import Semester
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


def _trend(tittel: str, hva: str, qs, datofelt: str, semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """One query: a filtered COUNT per semester (over the rows of those semesters only).

    Each semester's count is named like the tables' totals (`hva`, semester, "total"): the trend's last
    value is the same number as the dashboard's total, and a year's two values add up to the annual
    report's, so suppression treats them together (`dashboard`).
    """
    qs = qs.filter(**{f"{datofelt}__gte": semestre[0].start, f"{datofelt}__lte": semestre[-1].slutt})
    # COUNT(date) = COUNT(*) here (the filter needs a date): the index on (organisation, date) can answer it
    agg = qs.aggregate(**{s.kode: Count(datofelt, filter=i_perioden(s, datofelt)) for s in semestre})
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
    maks = max([*synlige, *([GRENSE] if len(synlige) < len(verdier) else []), 1])
    return replace(trend, verdier=verdier, maks=maks)


def trender(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> list[Trend]:
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids)
    return [
        _trend(
            "Henvisninger per semester",
            "henvist",
            Deltaker.objects.filter(organisasjon_id__in=org_ids),
            "henvist_dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Tatt opp per semester",
            "tatt_opp",
            endringer.filter(til_status=S.TATT_OPP),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Fullført per semester",
            "fullfort",
            endringer.filter(til_status=S.FULLFORT),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Avbrudd per semester",
            "avbrutt",
            Avbrudd.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Arbeidsplassbesøk per semester",
            "besok",
            Besok.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
    ]
