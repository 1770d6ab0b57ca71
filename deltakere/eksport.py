"""The organisation's participants as a spreadsheet in the import's own columns (`importering.KOLONNER`).

What the export writes, the import reads back unchanged: the track by its name, the cohort as the
dropdowns show it («BUA Høst 2025»), the referrer by its label, dates as dd.mm.åååå. So a coordinator
can download the register, correct phone numbers or e-mail addresses in a spreadsheet, and import it
again; `deltakere/tests/test_import.py` round-trips it. Only coordinators (they see the identity
number); every participant in the file is written to the access log as an export.
"""

from __future__ import annotations

import csv
import io

from fagbrev.models import Organisasjon
from fagbrev.regneark import trygg_rad
from fagbrev.tilgang import HVA, tilgang_merk

from .importering import KOLONNER
from .models import Deltaker


def eksport_rader(*, organisasjon: Organisasjon) -> list[list]:
    """One row per participant of the organisation, in the import's column order. One query."""
    rader = []
    for d in (
        Deltaker.objects.filter(organisasjon=organisasjon)
        .select_related("fagretning", "kull__fagretning")
        .order_by("etternavn", "fornavn", "pk")
    ):
        tilgang_merk(deltaker_id=d.pk, organisasjon_id=d.organisasjon_id, hva=HVA.EKSPORT)
        verdier = {
            "fornavn": d.fornavn,
            "etternavn": d.etternavn,
            "fodselsnummer": d.fodselsnummer,
            "fagretning": d.fagretning.navn,
            "kull": str(d.kull) if d.kull else "",
            "telefon": d.telefon,
            "epost": d.epost,
            "henvist_dato": f"{d.henvist_dato:%d.%m.%Y}" if d.henvist_dato else "",
            "henvist_av": d.get_henvist_av_display() if d.henvist_av else "",
        }
        rader.append([verdier[navn] for navn, _, _ in KOLONNER])
    return rader


def som_csv(rader: list[list]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, as Excel in Norway opens it."""
    ut = io.StringIO()
    w = csv.writer(ut, delimiter=";")
    w.writerow(trygg_rad(etikett for _, etikett, _ in KOLONNER))
    for rad in rader:
        w.writerow(trygg_rad(rad))
    return ("\ufeff" + ut.getvalue()).encode("utf-8")


def som_xlsx(rader: list[list]) -> bytes:
    import openpyxl

    bok = openpyxl.Workbook()
    ark = bok.active
    ark.title = "Deltakere"
    ark.append(trygg_rad(etikett for _, etikett, _ in KOLONNER))
    for rad in rader:
        ark.append(trygg_rad(rad))
    for i, (_, etikett, _) in enumerate(KOLONNER, start=1):
        ark.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(14, len(etikett) + 4)
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()
