"""Figures for the steering group's semester dashboard and the annual report. Every number is counted
in the database: each table is one or a few grouped aggregate queries (filtered COUNTs), never a loop
over participant rows. Tables then pass through small-number suppression when the viewer sees
aggregates only (the styringsgruppe role).

"In the period" counts use dated facts: the referral date (Deltaker.henvist_dato), status transitions
(deltakere.Statusendring), terminations (Avbrudd.dato), exam and fagprøve dates, visits and meetings.
"At the end of the period" counts use the last status transition on or before the period's last day.
Outcomes (deltakere.Utfall) are counted by the date the participant completed (her last status change to
fullført); stipend money by the months stored with each decision (fagbrev.Stipendmaned), summed in SQL.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils import timezone

from .gruppering import Dimensjon, Rapporttabell, dimensjoner, samme_tall
from .praksistall import praksistall_oppdater_alle
from .semester import HOST, VAR, Aar, Periode, Semester
from .tabeller import (
    AKTIV,
    I_OPPLAERING,
    TATT_OPP,
    TEORI_BESTATT,
    avbrudd_etter_arsak,
    deltakere_i_perioden,
    resultater,
    stipend,
    trakt,
    utfall,
)
from .tabeller_oppfolging import VIS_ARBEIDSGIVERE, oppfolging, praksis
from .tellinger import telling_oppdater_alle
from .trender import Trend, trend_vis, trender
from .undertrykking import beskytt_alle, par_linjer

__all__ = [
    "AKTIV",
    "I_OPPLAERING",
    "TATT_OPP",
    "TEORI_BESTATT",
    "VIS_ARBEIDSGIVERE",
    "Dashboard",
    "Dimensjon",
    "Rapporttabell",
    "Trend",
    "avbrudd_etter_arsak",
    "dashboard",
    "deltakere_i_perioden",
    "oppfolging",
    "praksis",
    "resultater",
    "samme_tall",
    "stipend",
    "trakt",
    "trender",
    "utfall",
]


@dataclass
class Dashboard:
    periode: Periode
    tabeller: list[Rapporttabell]
    trender: list[Trend]
    undertrykt: bool
    utelatt: list[str] = field(default_factory=list)
    # series the summary at the top draws (rapporter/sammendrag.py), protected with the report
    serier: list[Trend] = field(default_factory=list)

    @property
    def semester(self) -> Periode:
        return self.periode


# What the dashboard cannot show yet, said on the page itself (nothing at the moment).
UTELATT: list[str] = []


def _par_linjer(spor: Rapporttabell, kull: Rapporttabell, per_kull: Dimensjon) -> list[list]:
    """Each track's cell with its cohorts' cells, by the cells' names (the same counts per track and per
    cohort: one must not be set against the other)."""
    bredde = len(spor.tabell.kolonner) + (1 if spor.tabell.rad_total else 0)

    def navn(k: int, hvem: tuple[str, int]):
        tabell, r = (spor.tabell, hvem[1]) if hvem[0] == "spor" else (kull.tabell, hvem[1])
        return tabell.nokler.get((r, k))

    return par_linjer(per_kull.forelder, antall_foreldre=len(spor.tabell.rader), bredde=bredde, navn=navn)


def _ar_linjer(periode: Periode, trender: list[Trend]) -> list[list]:
    """In the annual report, a year's count is the sum of its two semesters' counts in the trends."""
    if not isinstance(periode, Aar):
        return []  # a semester's total and the trend's last value share a name: nothing more to tie
    vaar, host = Semester(periode.aar, VAR), Semester(periode.aar, HOST)
    hvaer = {n[0] for t in trender for n in t.tabell.nokler.values()}
    return [[(hva, vaar.kode, "total"), (hva, host.kode, "total"), (hva, periode.kode, "total")] for hva in hvaer]


def _beskytt_rapporten(tabeller: list[Rapporttabell], trender: list[Trend], linjer: list[list]) -> list[Trend]:
    """Suppress the whole report together (rapporter/undertrykking.py, `beskytt_alle`)."""
    beskyttet = beskytt_alle([rt.tabell for rt in tabeller] + [t.tabell for t in trender], linjer=linjer)
    for rt, tabell in zip(tabeller, beskyttet, strict=False):
        rt.tabell = tabell
    return [trend_vis(replace(t, tabell=tabell)) for t, tabell in zip(trender, beskyttet[len(tabeller) :], strict=True)]


def dashboard(
    *,
    org_ids: set[int],
    semester: Periode,
    undertrykk_sma: bool,
    idag: datetime.date | None = None,
    tillegg: Callable[..., tuple[list[Rapporttabell], list[Trend]]] | None = None,
) -> Dashboard:
    """Every table of the dashboard (or the annual report, when `semester` is an Aar).

    `tillegg(org_ids=, periode=, dim=, undertrykk_sma=, idag=)` adds tables (after the others) and series
    (for the summary; not tied by the year's lines) from modules above this one (rapporter/sammendrag.py),
    so that they are protected together with the rest of the report.
    """
    periode = semester
    idag = idag or timezone.localdate()
    telling_oppdater_alle()  # the participants written since the last read (none, mostly: beat keeps up)
    praksistall_oppdater_alle()  # … and the employers whose placements were
    per_fagretning, per_kull = dimensjoner(org_ids)
    k = {"org_ids": org_ids, "undertrykk_sma": undertrykk_sma}
    penger = stipend(periode=periode, dim=per_fagretning, **k)
    # The same counts per track and per cohort: suppressed together, so one cannot be set against the other.
    par = [
        (tabell(dim=per_fagretning, **a), tabell(dim=per_kull, **a))
        for tabell, a in (
            (deltakere_i_perioden, {"periode": periode, **k}),
            (trakt, k),
            (resultater, {"periode": periode, **k}),
        )
    ]
    tabeller = [
        *par[0],
        avbrudd_etter_arsak(periode=periode, dim=per_fagretning, **k),
        *par[1],
        *utfall(periode=periode, dim=per_fagretning, idag=idag, **k),
        *par[2],
        oppfolging(periode=periode, dim=per_fagretning, **k),
        *praksis(periode=periode, **k),
        *([penger] if penger else []),
    ]
    serier: list[Trend] = []
    if tillegg is not None:
        ekstra, serier = tillegg(periode=periode, dim=per_fagretning, idag=idag, **k)
        tabeller += ekstra
    utvikling = trender(semestre=periode.siste(6), **k)
    if undertrykk_sma:
        linjer = [linje for spor, kull in par for linje in _par_linjer(spor, kull, per_kull)]
        alle = _beskytt_rapporten(tabeller, utvikling + serier, linjer + _ar_linjer(periode, utvikling))
        utvikling, serier = alle[: len(utvikling)], alle[len(utvikling) :]
    return Dashboard(
        periode=periode,
        tabeller=tabeller,
        trender=utvikling,
        undertrykt=undertrykk_sma,
        utelatt=UTELATT,
        serier=serier,
    )
