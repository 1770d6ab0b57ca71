"""Figures for the steering group's semester dashboard and the annual report. Every number is counted
in the database: each table is one or a few grouped aggregate queries (filtered COUNTs), never a loop
over participant rows (the tables: `tabeller.py`; how they are grouped and counted: `gruppering.py`).
Tables then pass through small-number suppression when the viewer sees aggregates only (the
styringsgruppe role).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from deltakere.models import Avbrudd, Deltaker, Statusendring
from oppfolging.models import Besok

from .gruppering import Dimensjon, Rapporttabell, dimensjoner, i_perioden, samme_tall
from .semester import Periode, Semester
from .tabeller import S, avbrudd_etter_arsak, deltakere_i_perioden, resultater, stipend, trakt, utfall
from .tabeller_oppfolging import oppfolging, praksis
from .undertrykking import SKJULT, beskytt_sammen

__all__ = ["Dashboard", "Rapporttabell", "Trend", "dashboard", "samme_tall", "trender"]


@dataclass
class Trend:
    tittel: str
    semestre: list[str]
    verdier: list[int | str]
    maks: int

    @property
    def bredde(self) -> int:
        return 100 * len(self.semestre)


@dataclass
class Dashboard:
    periode: Periode
    tabeller: list[Rapporttabell]
    trender: list[Trend]
    undertrykt: bool
    utelatt: list[str] = field(default_factory=list)

    @property
    def semester(self) -> Periode:
        return self.periode


# What the dashboard cannot show yet, said on the page itself (nothing at the moment).
UTELATT: list[str] = []


def _trend(tittel: str, qs, datofelt: str, semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """One query: a filtered COUNT per semester (over the rows of those semesters only)."""
    qs = qs.filter(**{f"{datofelt}__gte": semestre[0].start, f"{datofelt}__lte": semestre[-1].slutt})
    # COUNT(date) = COUNT(*) here (the filter needs a date): the index on (organisation, date) can answer it
    agg = qs.aggregate(**{s.kode: Count(datofelt, filter=i_perioden(s, datofelt)) for s in semestre})
    verdier = [agg[s.kode] for s in semestre]
    return Trend(
        tittel=tittel,
        semestre=[s.navn for s in semestre],
        verdier=[(SKJULT if undertrykk_sma and 0 < v < 5 else v) for v in verdier],
        maks=max([*verdier, 1]),
    )


def trender(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> list[Trend]:
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids)
    return [
        _trend(
            "Henvisninger per semester",
            Deltaker.objects.filter(organisasjon_id__in=org_ids),
            "henvist_dato",
            semestre,
            undertrykk_sma,
        ),
        _trend("Tatt opp per semester", endringer.filter(til_status=S.TATT_OPP), "dato", semestre, undertrykk_sma),
        _trend("Fullført per semester", endringer.filter(til_status=S.FULLFORT), "dato", semestre, undertrykk_sma),
        _trend(
            "Avbrudd per semester",
            Avbrudd.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Arbeidsplassbesøk per semester",
            Besok.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
    ]


def _beskytt_par(
    spor: Rapporttabell, kull: Rapporttabell, per_kull: Dimensjon, undertrykk_sma: bool
) -> tuple[Rapporttabell, Rapporttabell]:
    if undertrykk_sma:
        spor.tabell, kull.tabell = beskytt_sammen(spor.tabell, kull.tabell, per_kull.forelder)
    return spor, kull


def dashboard(
    *, org_ids: set[int], semester: Periode, undertrykk_sma: bool, idag: datetime.date | None = None
) -> Dashboard:
    """Every table of the dashboard (or the annual report, when `semester` is an Aar)."""
    periode = semester
    idag = idag or timezone.localdate()
    per_fagretning, per_kull = dimensjoner(org_ids)
    k = {"org_ids": org_ids, "undertrykk_sma": undertrykk_sma}
    penger = stipend(periode=periode, dim=per_fagretning, **k)
    # The same counts per track and per cohort: suppressed together, so one cannot be set against the other.
    par = [
        _beskytt_par(tabell(dim=per_fagretning, **a), tabell(dim=per_kull, **a), per_kull, undertrykk_sma)
        for tabell, a in (
            (deltakere_i_perioden, {"periode": periode, **k}),
            (trakt, k),
            (resultater, {"periode": periode, **k}),
        )
    ]
    return Dashboard(
        periode=periode,
        tabeller=[
            *par[0],
            avbrudd_etter_arsak(periode=periode, dim=per_fagretning, **k),
            *par[1],
            *utfall(periode=periode, dim=per_fagretning, idag=idag, **k),
            *par[2],
            oppfolging(periode=periode, dim=per_fagretning, **k),
            *praksis(periode=periode, **k),
            *([penger] if penger else []),
        ],
        trender=trender(semestre=periode.siste(6), **k),
        undertrykt=undertrykk_sma,
        utelatt=UTELATT,
    )
