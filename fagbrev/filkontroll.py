"""Uploaded files are parsed, not trusted: the one place that decides whether a file is what it claims.

The first bytes say what a file claims to be; then it must open as that, within limits:

- a PDF must open with qpdf (pikepdf), have pages, need no password, and carry no active content
  (JavaScript, launch or form-submit actions, actions run when opened or on page events, embedded
  files, rich media, XFA forms); a destination to open at (`/OpenAction [page /Fit]`, what Word and
  LaTeX write) is harmless and allowed;
- a ZIP (Word .docx, Excel .xlsx) must inflate within limits: number of members, each member's
  declared size, the sum, and the ratio of inflated to stored size, checked from the central
  directory first and then by inflating every member in chunks (zipfile never gives more than the
  declared size, and checks the CRC), so a lying header is refused too;
- a Word file must have the parts of a document and no macros or ActiveX;
- a PNG or JPEG must open with Pillow, within a pixel limit, without decoding the pixels.

Every refusal is a `ValidationError` with a Norwegian message that says what to do instead.
Limits are in `Arkivgrenser` and the constants below; SECURITY.md lists them with their tests.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NAVN = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)"}
ENDELSE = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", DOCX: ".docx", XLSX: ".xlsx"}

PDF_MAKS_OBJEKTER = 50_000  # a 100-page report full of links has ~15,000 (0.5 s to check); a CV a few hundred
BILDE_MAKS_PIKSLER = 50_000_000  # 50 megapixels: any phone photo or A4 scan at 600 dpi
LESEBIT = 64 * 1024


@dataclass(frozen=True)
class Arkivgrenser:
    """How far a ZIP-based file (docx, xlsx) may inflate."""

    medlemmer: int  # number of files inside
    utpakket: int  # sum of the members' inflated sizes, bytes
    forhold: int  # inflated / stored, per member larger than 1 MB

    @property
    def utpakket_mb(self) -> int:
        return self.utpakket // MB


# A Word CV or attestation: text, a few photos. 100 MB is ten times the largest real one we have seen.
DOCX_GRENSER = Arkivgrenser(medlemmer=1_000, utpakket=100 * MB, forhold=100)
# The import spreadsheet: 2,000 rows inflate to about 2 MB; the reader keeps shared strings in memory.
XLSX_GRENSER = Arkivgrenser(medlemmer=200, utpakket=20 * MB, forhold=100)


def filtype(fil) -> str | None:
    """The MIME type the first bytes claim (the file is rewound), or None. A claim, not a check."""
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if start.startswith(b"%PDF-"):
        return PDF
    if start.startswith(b"\xff\xd8\xff"):
        return JPEG
    if start.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if start.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fil) as z:
                navn = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fil.seek(0)
        if "[Content_Types].xml" in navn and "word/document.xml" in navn:
            return DOCX
        if "[Content_Types].xml" in navn and "xl/workbook.xml" in navn:
            return XLSX
    return None


def _storrelse(fil) -> int:
    if getattr(fil, "size", None) is not None:
        return fil.size
    fil.seek(0, 2)
    n = fil.tell()
    fil.seek(0)
    return n


def sjekk_fil(fil, *, tillatte: tuple[str, ...], maks_bytes: int | None = None) -> str:
    """Check an upload by its content; return its MIME type or raise a Norwegian ValidationError."""
    maks = settings.OPPLASTING_MAKS_BYTES if maks_bytes is None else maks_bytes
    storrelse = _storrelse(fil)
    if storrelse > maks:
        raise ValidationError(
            f"Filen er for stor ({storrelse / MB:.1f} MB). Største tillatte størrelse er {_mb(maks)}.",
            code="for_stor",
        )
    if storrelse == 0:
        raise ValidationError("Filen er tom.", code="tom")
    type_ = filtype(fil)
    if type_ not in tillatte:
        lov = ", ".join(NAVN[t] for t in tillatte[:-1]) + (" eller " if len(tillatte) > 1 else "") + NAVN[tillatte[-1]]
        raise ValidationError(f"Filen er ikke en {lov}-fil (innholdet ble sjekket, ikke bare navnet).", code="filtype")
    try:
        if type_ == PDF:
            sjekk_pdf(fil)
        elif type_ in (JPEG, PNG):
            sjekk_bilde(fil, type_)
        elif type_ == DOCX:
            sjekk_docx(fil)
        elif type_ == XLSX:
            sjekk_zip(fil, XLSX_GRENSER, hva="Excel-filen")
    finally:
        fil.seek(0)
    return type_


def tall(n: int) -> str:
    """12 345 (Norwegian digit grouping) for messages."""
    return f"{n:,}".replace(",", "\u00a0")


def _mb(antall: int) -> str:
    return f"{antall / MB:.0f} MB" if antall >= MB else f"{antall // 1024} kB"


# --- ZIP (docx, xlsx) -----------------------------------------------------------------------------


def sjekk_zip(fil, grenser: Arkivgrenser, *, hva: str = "Filen") -> None:
    """Refuse a ZIP that inflates past the limits, by its directory and then by inflating it."""
    fil.seek(0)
    try:
        with zipfile.ZipFile(fil) as arkiv:
            medlemmer = arkiv.infolist()
            if len(medlemmer) > grenser.medlemmer:
                raise ValidationError(
                    f"{hva} inneholder {tall(len(medlemmer))} deler (høyst {tall(grenser.medlemmer)}). "
                    "Lagre den på nytt.",
                    code="zip_medlemmer",
                )
            _sjekk_oppgitt(medlemmer, grenser, hva)
            utpakket = 0
            for info in medlemmer:
                if info.flag_bits & 0x1:
                    raise ValidationError(f"{hva} er passordbeskyttet. Lagre den uten passord.", code="kryptert")
                with arkiv.open(info) as medlem:
                    while bit := medlem.read(LESEBIT):
                        utpakket += len(bit)
                        if utpakket > grenser.utpakket:
                            raise _for_stor_utpakket(hva, grenser)
    except zipfile.BadZipFile as feil:
        raise ValidationError(f"{hva} er skadet og kan ikke åpnes ({feil}).", code="zip_skadet") from feil
    except (NotImplementedError, EOFError, OSError, RuntimeError) as feil:
        raise ValidationError(f"{hva} kan ikke åpnes ({feil}).", code="zip_skadet") from feil
    finally:
        fil.seek(0)


def _sjekk_oppgitt(medlemmer: list[zipfile.ZipInfo], grenser: Arkivgrenser, hva: str) -> None:
    """The sizes the archive's directory declares: nothing is inflated yet."""
    if sum(i.file_size for i in medlemmer) > grenser.utpakket:
        raise _for_stor_utpakket(hva, grenser)
    for i in medlemmer:
        if i.file_size > MB and i.file_size > grenser.forhold * max(i.compress_size, 1):
            raise ValidationError(
                f"{hva} pakker seg ut til mange ganger sin egen størrelse ({i.file_size // max(i.compress_size, 1)}:1, "
                f"høyst {grenser.forhold}:1) og ble ikke lagret. Lagre den på nytt fra programmet den ble laget i.",
                code="zip_forhold",
            )


def _for_stor_utpakket(hva: str, grenser: Arkivgrenser) -> ValidationError:
    return ValidationError(
        f"{hva} pakker seg ut til mer enn {grenser.utpakket_mb} MB og ble ikke lagret. "
        "Lagre den på nytt, uten store innebygde bilder eller ark.",
        code="zip_for_stor",
    )


def sjekk_docx(fil) -> None:
    sjekk_zip(fil, DOCX_GRENSER, hva="Word-filen")
    fil.seek(0)
    with zipfile.ZipFile(fil) as arkiv:
        navn = set(arkiv.namelist())
        typer = arkiv.read("[Content_Types].xml")
    fil.seek(0)
    if "word/document.xml" not in navn:
        raise ValidationError("Word-filen mangler selve dokumentet.", code="docx_ugyldig")
    if (
        any(n.lower().endswith("vbaproject.bin") or n.lower().startswith("word/activex/") for n in navn)
        or b"macroEnabled" in typer
    ):
        raise ValidationError(
            "Word-filen inneholder makroer eller ActiveX og blir ikke lagret. Lagre den som vanlig .docx "
            "(uten makroer) eller som PDF.",
            code="docx_makro",
        )


# --- PDF ------------------------------------------------------------------------------------------

# Keys whose presence alone is active content; action types (/S) that run code or open other files.
_AKTIVE_NOKLER = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/AA": "handlinger som kjøres automatisk",
    "/EmbeddedFiles": "innebygde filer",
    "/EmbeddedFile": "innebygde filer",
    "/RichMedia": "innebygd media",
    "/XFA": "XFA-skjema",
}
_AKTIVE_HANDLINGER = {
    "/JavaScript": "JavaScript",
    "/Launch": "en handling som starter et program (Launch)",
    "/ImportData": "en handling som henter data",
    "/SubmitForm": "en handling som sender skjemadata",
    "/GoToR": "en lenke som åpner en annen fil",
    "/GoToE": "en lenke til en innebygd fil",
    "/Rendition": "innebygd media",
    "/RichMediaExecute": "innebygd media",
}
_AKTIVE_TYPER = {
    "/EmbeddedFile": "innebygde filer",
    "/FileAttachment": "innebygde filer",
    "/RichMedia": "innebygd media",
}


def sjekk_pdf(fil) -> None:
    """Open the PDF with qpdf (pikepdf) and look at every object for active content."""
    import pikepdf

    fil.seek(0)
    try:
        with pikepdf.open(io.BytesIO(fil.read())) as pdf:
            if len(pdf.objects) > PDF_MAKS_OBJEKTER:
                raise ValidationError(
                    f"PDF-en har {tall(len(pdf.objects))} objekter (høyst {tall(PDF_MAKS_OBJEKTER)}). "
                    "Lagre en enklere kopi.",
                    code="pdf_for_stor",
                )
            if len(pdf.pages) == 0:
                raise ValidationError("PDF-en har ingen sider.", code="pdf_ugyldig")
            funn = _aktivt_innhold(pdf)
    except ValidationError:
        raise
    except pikepdf.PasswordError as feil:
        raise ValidationError(
            "PDF-en er passordbeskyttet og kan ikke sjekkes. Lagre en kopi uten passord.", code="pdf_kryptert"
        ) from feil
    except (pikepdf.PdfError, ValueError, RuntimeError, RecursionError) as feil:
        raise ValidationError(
            "Filen sier at den er en PDF, men kan ikke åpnes som PDF. Lagre den på nytt som PDF.",
            code="pdf_ugyldig",
        ) from feil
    finally:
        fil.seek(0)
    if funn:
        raise ValidationError(
            f"PDF-en inneholder {funn}, som kan kjøre kode eller skjule andre filer, og ble ikke lagret. "
            "Lag en ren kopi (Skriv ut → Lagre som PDF) og last opp den.",
            code="pdf_aktivt_innhold",
        )


def _aktivt_innhold(pdf) -> str:
    """What kind of active content the PDF holds, in Norwegian; "" if none. Every indirect object (also
    those in object streams) and the trailer, and the direct objects inside them: an action is often
    a dictionary written inside a page or an annotation. qpdf has already decoded `#xx` in names."""
    import pikepdf

    for objekt in [pdf.trailer, *pdf.objects]:
        stabel = [objekt]
        while stabel:
            o = stabel.pop()
            if isinstance(o, pikepdf.Dictionary | pikepdf.Stream):
                for nokkel in o.keys():  # noqa: SIM118  (a pikepdf dictionary iterates differently)
                    verdi = o.get(nokkel)
                    navn = str(verdi) if isinstance(verdi, pikepdf.Name) else ""
                    if nokkel in _AKTIVE_NOKLER:
                        return _AKTIVE_NOKLER[nokkel]
                    if nokkel == "/S" and navn in _AKTIVE_HANDLINGER:
                        return _AKTIVE_HANDLINGER[navn]
                    if nokkel in ("/Type", "/Subtype") and navn in _AKTIVE_TYPER:
                        return _AKTIVE_TYPER[navn]
                    if nokkel == "/OpenAction" and isinstance(verdi, pikepdf.Dictionary) and verdi.get("/S") != "/GoTo":
                        return "en handling som kjøres når filen åpnes (OpenAction)"
                    if isinstance(verdi, pikepdf.Dictionary | pikepdf.Array) and not verdi.is_indirect:
                        stabel.append(verdi)
            elif isinstance(o, pikepdf.Array):
                stabel.extend(v for v in o if isinstance(v, pikepdf.Dictionary | pikepdf.Array) and not v.is_indirect)
    return ""


# --- images ---------------------------------------------------------------------------------------


def sjekk_bilde(fil, type_: str) -> None:
    """Open the image header with Pillow (no pixels decoded) and check its size in pixels."""
    from PIL import Image, UnidentifiedImageError

    fil.seek(0)
    try:
        with Image.open(fil) as bilde:
            if bilde.format not in ("PNG", "JPEG") or {"PNG": PNG, "JPEG": JPEG}[bilde.format] != type_:
                raise ValidationError("Bildet er ikke et gyldig PNG- eller JPEG-bilde.", code="bilde_ugyldig")
            if bilde.width * bilde.height > BILDE_MAKS_PIKSLER:
                raise ValidationError(
                    f"Bildet er {bilde.width} × {bilde.height} piksler (høyst {BILDE_MAKS_PIKSLER // 1_000_000} "
                    "megapiksler). Lagre det i mindre størrelse.",
                    code="bilde_for_stort",
                )
            bilde.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as feil:  # Pillow's own limit, twice ours: the same answer
        raise ValidationError(
            f"Bildet er større enn {BILDE_MAKS_PIKSLER // 1_000_000} megapiksler. Lagre det i mindre størrelse.",
            code="bilde_for_stort",
        ) from feil
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as feil:
        raise ValidationError("Bildet er skadet og kan ikke åpnes.", code="bilde_ugyldig") from feil
    finally:
        fil.seek(0)
