"""Exports of the dashboard: Excel with one sheet per table and real numbers in numeric cells.

Every row goes through `trygg_rad` (fagbrev/regneark.py): a track, cohort or employer named
`=HYPERLINK(…)` is written as text, never as a formula. Sheet names are not cells; they are cut to
Excel's rules below."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from fagbrev.models import Organisasjon
from fagbrev.regneark import trygg_rad

from .selectors import Dashboard


def _arknavn(tittel: str, brukt: set[str]) -> str:
    navn = "".join(c for c in tittel if c not in "[]:*?/\\")[:31] or "Ark"
    base, n = navn, 2
    while navn in brukt:
        navn = f"{base[:28]} {n}"
        n += 1
    brukt.add(navn)
    return navn


def som_excel(*, data: Dashboard, org: Organisasjon) -> bytes:
    bok = Workbook()
    bok.remove(bok.active)
    brukt: set[str] = set()
    fet = Font(bold=True)
    for rt in data.tabeller:
        ark = bok.create_sheet(_arknavn(rt.tittel, brukt))
        ark.append(trygg_rad([f"{rt.tittel} – {org.navn} – {data.semester.navn}"]))
        ark["A1"].font = fet
        ark.append([])
        ark.append(trygg_rad(["", *rt.tabell.kolonner, *(["Totalt"] if rt.tabell.rad_total else [])]))
        for celle in ark[3]:
            celle.font = fet
        for navn, verdier in rt.tabell.visningsrader():
            ark.append(trygg_rad([navn, *verdier]))  # ints stay ints; only suppressed cells are the text "<5"
        ark.column_dimensions["A"].width = 34
    for trend in data.trender:
        ark = bok.create_sheet(_arknavn(trend.tittel, brukt))
        ark.append(trygg_rad([trend.tittel]))
        ark["A1"].font = fet
        ark.append(trygg_rad(["Semester", "Antall"]))
        for semester, verdi in zip(trend.semestre, trend.verdier, strict=True):
            ark.append(trygg_rad([semester, verdi]))
        ark.column_dimensions["A"].width = 20
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()
