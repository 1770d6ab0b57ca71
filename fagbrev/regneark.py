"""Spreadsheets in and out: a bounded reader for uploads and one safe-cell rule for every export.

Reading (`les_tabell`) never trusts what a file says about itself. An .xlsx is a ZIP: it must inflate
within `filkontroll.XLSX_GRENSER`; then every XML part is counted by a streaming parser (expat) that
stops at the first limit passed, before openpyxl builds anything: the sheet's rows, cells and the
last column that holds a value, the shared strings and styles openpyxl would load whole. The
sheet's declared dimension (`A1:XFD1048576`) is ignored (`reset_dimensions`) and rows are read in
read-only mode, as wide as the limit, stopping at the row limit. A CSV is read row by row with the
same limits. A file past a limit is refused whole with a Norwegian `ValidationError` that says which
limit and what to do; nothing is padded to a declared size.

Writing (`trygg_celle`): a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return would
be taken as a formula by Excel (or a CSV opened in it); such text gets a leading apostrophe (OWASP's
advice) and characters a spreadsheet cannot hold are removed. Numbers and dates pass unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from . import filkontroll
from .filkontroll import tall

FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Control characters a spreadsheet cell cannot hold (openpyxl refuses them; Excel shows boxes).
KONTROLLTEGN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def trygg_celle(verdi):
    """The value to write in an exported cell (xlsx or csv): never a formula, never a control character."""
    if verdi is None or isinstance(verdi, bool | int | float | Decimal | datetime.date | datetime.datetime):
        return verdi
    tekst = KONTROLLTEGN.sub("", str(verdi))
    if tekst.startswith(FORMELTEGN):
        return "'" + tekst
    return tekst


def trygg_rad(verdier) -> list:
    return [trygg_celle(v) for v in verdier]


# --- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tabellgrenser:
    rader: int  # rows with content, the header included
    kolonner: int  # the last column that may hold a value
    celler: int  # cells in the sheet's XML, empty styled ones included (what the parser must touch)
    tomme_rader: int  # rows without content that may be passed over before the end
    xml_elementer: int = 300_000  # in the workbook's other parts (shared strings, styles, …)


class _Grense(Exception):
    def __init__(self, melding: str):
        self.melding = melding


def _kolonnenummer(ref: str) -> int:
    n = 0
    for tegn in ref:
        if "A" <= tegn <= "Z":
            n = n * 26 + ord(tegn) - 64
        else:
            break
    return n


def _attributt(attributter: list, navn: str) -> str:
    for i in range(0, len(attributter) - 1, 2):
        if attributter[i] == navn:
            return attributter[i + 1]
    return ""


def _tell_xml(kilde, *, ark: Tabellgrenser | None, elementer: int) -> None:
    """Stream one XML part through expat and stop at the first limit passed. No DTD, no entities."""
    import pyexpat

    # Plain integers in a list and the full names (namespace}local) precomputed: this callback runs
    # for every element, up to the cell limit, so it must cost as little as Python allows.
    teller = [0, 0, 0]  # elements, rows, cells
    ref = [""]
    maks_rader = ark.rader + ark.tomme_rader if ark else 0
    rad, celle, verdi, innebygd = (f"{NS}}}{n}" for n in ("row", "c", "v", "is"))

    def start(navn: str, attributter: list) -> None:
        teller[0] += 1
        if ark is None:
            if teller[0] > elementer:
                raise _Grense(f"Excel-filen har for mye innhold utenom arket (over {tall(elementer)} XML-elementer).")
        elif navn == celle:
            teller[2] += 1
            if teller[2] > ark.celler:
                raise _Grense(f"Arket har mer enn {tall(ark.celler)} celler.")
            ref[0] = attributter[1] if attributter and attributter[0] == "r" else _attributt(attributter, "r")
        elif navn in (verdi, innebygd):
            # one-letter columns (A–Z) are within any limit we set; only longer ones are worked out
            if ref[0][1:2].isalpha() and _kolonnenummer(ref[0]) > ark.kolonner:
                raise _Grense(f"Arket har verdier i mer enn {ark.kolonner} kolonner.")
        elif navn == rad:
            teller[1] += 1
            if teller[1] > maks_rader:
                raise _Grense(f"Arket har mer enn {tall(maks_rader)} rader (også tomme rader telles).")

    def dtd(*_args) -> None:
        raise _Grense("Excel-filen har en DTD (dokumenttypedefinisjon), som en Excel-fil aldri har.")

    parser = pyexpat.ParserCreate(namespace_separator="}")
    parser.ordered_attributes = True  # a flat list [name, value, …]: cheaper than a dict per element
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = dtd
    parser.EntityDeclHandler = dtd
    try:
        while bit := kilde.read(filkontroll.LESEBIT):
            parser.Parse(bit, False)
        parser.Parse(b"", True)
    except pyexpat.ExpatError as feil:
        raise ValidationError(f"Excel-filen er skadet (ugyldig XML: {feil}).", code="xlsx_skadet") from feil


def _sjekk_xlsx(innhold: bytes, grenser: Tabellgrenser, arksti: str) -> None:
    with zipfile.ZipFile(io.BytesIO(innhold)) as arkiv:
        for info in arkiv.infolist():
            navn = info.filename
            if not navn.endswith((".xml", ".rels")):
                continue
            er_arket = navn == arksti
            if navn.startswith("xl/worksheets/") and not er_arket:
                continue  # other sheets are never read
            with arkiv.open(info) as kilde:
                _tell_xml(kilde, ark=grenser if er_arket else None, elementer=grenser.xml_elementer)


def _forste_ark(innhold: bytes) -> str:
    """The path of the first worksheet, from workbook.xml and its relationships (counted first)."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(innhold)) as arkiv:
        for navn in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            with arkiv.open(navn) as kilde:
                _tell_xml(kilde, ark=None, elementer=10_000)
        bok = ET.fromstring(arkiv.read("xl/workbook.xml"))  # noqa: S314
        rels = ET.fromstring(arkiv.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    forste = bok.find("m:sheets/m:sheet", ns)
    if forste is None:
        raise ValidationError("Excel-filen har ingen ark.", code="xlsx_tom")
    rid = forste.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    for rel in rels:
        if rel.get("Id") == rid:
            mal = rel.get("Target", "").lstrip("/")
            return mal if mal.startswith("xl/") else f"xl/{mal}"
    raise ValidationError("Excel-filen mangler arket sitt.", code="xlsx_skadet")


def _rader_xlsx(innhold: bytes, grenser: Tabellgrenser) -> Iterator[tuple]:
    import openpyxl

    filkontroll.sjekk_zip(io.BytesIO(innhold), filkontroll.XLSX_GRENSER, hva="Excel-filen")
    try:
        _sjekk_xlsx(innhold, grenser, _forste_ark(innhold))
    except _Grense as grense:
        raise ValidationError(f"{grense.melding} Lagre bare deltakerlisten i et nytt ark og prøv igjen.") from None
    except (KeyError, zipfile.BadZipFile) as feil:
        raise ValidationError("Kunne ikke lese Excel-filen. Er den en .xlsx-fil?") from feil
    try:
        bok = openpyxl.load_workbook(io.BytesIO(innhold), read_only=True, data_only=True)
    except Exception as feil:  # openpyxl raises many kinds for a broken file
        raise ValidationError("Kunne ikke lese Excel-filen. Er den en .xlsx-fil?") from feil
    try:
        ark = bok.worksheets[0]
        ark.reset_dimensions()  # never the dimension the file declares
        yield from ark.iter_rows(max_col=grenser.kolonner, values_only=True)
    finally:
        bok.close()


def _rader_csv(innhold: bytes, grenser: Tabellgrenser) -> Iterator[list]:
    try:
        tekst = innhold.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = innhold.decode("cp1252", errors="replace")
    forste = tekst.split("\n", 1)[0]
    skilletegn = ";" if forste.count(";") >= forste.count(",") else ","
    leser = csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn)
    try:
        for rad in leser:
            if len(rad) > grenser.kolonner and any(c.strip() for c in rad[grenser.kolonner :]):
                raise ValidationError(
                    f"Rad {leser.line_num} har verdier i mer enn {grenser.kolonner} kolonner. "
                    "Sjekk at skilletegnet er semikolon.",
                    code="csv_kolonner",
                )
            yield rad[: grenser.kolonner]
    except csv.Error as feil:
        raise ValidationError(f"CSV-filen kan ikke leses ved linje {leser.line_num}: {feil}.") from feil


def les_tabell(innhold: bytes, filnavn: str, grenser: Tabellgrenser) -> list[list]:
    """The rows with content of the first sheet (or the CSV), each cut to the column limit.

    Raises a Norwegian ValidationError when the file is not what its name says or passes a limit;
    reading stops at that limit. Cell values keep their type (dates stay dates); what a cell may hold
    (length, characters) is for the caller's row checks, which can name the row.
    """
    navn = filnavn.lower()
    if navn.endswith(".xlsx"):
        rader = _rader_xlsx(innhold, grenser)
    elif navn.endswith(".csv"):
        rader = _rader_csv(innhold, grenser)
    else:
        raise ValidationError("Filen må være .xlsx eller .csv.")
    ut: list[list] = []
    tomme = 0
    for rad in rader:
        if not any(c not in (None, "") and str(c).strip() for c in rad):
            tomme += 1  # gaps between rows come out of openpyxl as empty rows, so these are bounded too
            if tomme > grenser.tomme_rader:
                raise ValidationError(
                    f"Arket har mer enn {tall(grenser.tomme_rader)} tomme rader. Slett de tomme radene "
                    "(og celler langt nede i arket) og prøv igjen.",
                    code="for_mange_tomme_rader",
                )
            continue
        if len(ut) >= grenser.rader:
            raise ValidationError(
                f"Filen har mer enn {tall(grenser.rader - 1)} rader. Del den opp i flere filer.", code="for_mange_rader"
            )
        ut.append(list(rad))
    return ut
