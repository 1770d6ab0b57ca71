"""Hostile and careless files, made here (never downloaded): shared by tests/hostile/ and
bench/fiendtlig.py. Large ones are written in chunks and cached, so a test run builds each once."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import openpyxl

from fagbrev.tests.filer import lag_docx, lag_pdf

MB = 1024 * 1024
HODE = ["Fornavn", "Etternavn", "Fødselsnummer", "Fagretning", "Telefon", "E-post"]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx_grunnlag() -> dict[str, bytes]:
    bok = openpyxl.Workbook()
    ut = io.BytesIO()
    bok.save(ut)
    with zipfile.ZipFile(io.BytesIO(ut.getvalue())) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _deflate(data: bytes) -> bytes:
    pakker = zlib.compressobj(6, zlib.DEFLATED, -15)
    return pakker.compress(data) + pakker.flush()


def nuller_deflate(antall_mb: int) -> tuple[bytes, int, int]:
    """`antall_mb` MB of zeros as raw deflate (stored bytes, CRC-32, size), in a fraction of a second:
    one megabyte is compressed and flushed so that its blocks stand alone, then repeated."""
    pakker = zlib.compressobj(6, zlib.DEFLATED, -15)
    blokk = pakker.compress(bytes(MB)) + pakker.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(antall_mb):
        crc = zlib.crc32(bytes(MB), crc)
    return blokk * antall_mb + b"\x03\x00", crc, antall_mb * MB  # 03 00: an empty final block


def zip_av(deler: dict[str, bytes], *, ra: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A ZIP written by hand, so a test can store pre-deflated data and declare any size it likes.
    `ra` maps a name to (deflated bytes, CRC-32, declared inflated size)."""
    medlemmer = [(n, _deflate(d), zlib.crc32(d), len(d)) for n, d in deler.items()]
    medlemmer += [(n, data, crc, storrelse) for n, (data, crc, storrelse) in (ra or {}).items()]
    ut, sentral = bytearray(), bytearray()
    for navn, data, crc, storrelse in medlemmer:
        n = navn.encode()
        plass = len(ut)
        ut += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), storrelse, len(n), 0)
        ut += n + data
        sentral += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            storrelse,
            len(n),
            0,
            0,
            0,
            0,
            0,
            plass,
        )
        sentral += n
    start = len(ut)
    ut += sentral + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(medlemmer), len(medlemmer), len(sentral), start, 0)
    return bytes(ut)


def xlsx_med(ark_xml: str | None = None, *, bytt: dict[str, bytes] | None = None, ra: dict | None = None) -> bytes:
    """An .xlsx made by openpyxl with the first sheet's XML (and any other part) swapped, plus raw members."""
    deler = _xlsx_grunnlag()
    if ark_xml is not None:
        deler["xl/worksheets/sheet1.xml"] = ark_xml.encode()
    deler.update(bytt or {})
    return zip_av(deler, ra=ra)


def _ark(rader: str, dimensjon: str = "A1:F3") -> str:
    return f'<worksheet xmlns="{NS}"><dimension ref="{dimensjon}"/><sheetData>{rader}</sheetData></worksheet>'


def _rad(nr: int, verdier: list[str]) -> str:
    celler = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}{nr}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(verdier, start=1)
    )
    return f'<row r="{nr}">{celler}</row>'


def rader_xml(rader: list[list[str]], start: int = 1) -> str:
    return "".join(_rad(nr, r) for nr, r in enumerate(rader, start=start))


def xlsx_deklarert_dimensjon(gode: list[list[str]]) -> bytes:
    """The issue's 1.6 KB file: a few real rows under a declared dimension of A1:XFD1048576."""
    return xlsx_med(_ark(rader_xml([HODE, *gode]), dimensjon="A1:XFD1048576"))


def xlsx_celle_langt_ute() -> bytes:
    """A value in column XFD (16,384) on the header row, and the dimension to match."""
    rader = rader_xml([HODE]).replace("</row>", '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1)
    return xlsx_med(_ark(rader, dimensjon="A1:XFD1048576"))


def xlsx_rad_langt_nede() -> bytes:
    """The header, then one value in row 1,048,576: a million-row gap for a reader to pad."""
    rader = rader_xml([HODE]) + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx_med(_ark(rader, dimensjon="A1:F1048576"))


def xlsx_bred_rad(celler: int = 200_000) -> bytes:
    """One row with very many cells, each a different number (so it does not compress too well)."""
    kol = openpyxl.utils.get_column_letter
    hale = "".join(f'<c r="{kol(1 + i % 50)}2"><v>{i * 7919 % 1_000_003}</v></c>' for i in range(celler))
    return xlsx_med(_ark(rader_xml([HODE]) + f'<row r="2">{hale}</row>'))


def xlsx_for_mange_rader(antall: int = 2_500) -> bytes:
    return xlsx_med(_ark(rader_xml([HODE, *[[f"Navn{i}", "Etternavn", "", "BUA", "", ""] for i in range(antall)]])))


def xlsx_nuller(mb: int = 512) -> bytes:
    """An .xlsx carrying a member of `mb` MB of zeros (about 0.5 MB stored)."""
    return xlsx_med(ra={"xl/media/nuller.bin": nuller_deflate(mb)})


def xlsx_loyer_om_storrelse() -> bytes:
    """A member whose directory says 1 KB while its data inflates to 50 MB."""
    data, crc, _ = nuller_deflate(50)
    return xlsx_med(ra={"xl/media/liten.bin": (data, crc, 1024)})


def xlsx_milliard_latter() -> bytes:
    """Shared strings with nested entities (the billion laughs)."""
    ent = '<!ENTITY a0 "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    sst = f'<?xml version="1.0"?><!DOCTYPE sst [{ent}]><sst xmlns="{NS}"><si><t>&a9;</t></si></sst>'
    return xlsx_med(bytt={"xl/sharedStrings.xml": sst.encode()})


# --- CSV ------------------------------------------------------------------------------------------


def csv_fra(rader: list[list[str]]) -> bytes:
    return "\n".join(";".join(r) for r in [HODE, *rader]).encode("utf-8-sig")


# --- Word -----------------------------------------------------------------------------------------


def docx_oppblast(mb: int = 200) -> bytes:
    """A .docx whose picture inflates to `mb` MB (about 0.2 MB stored)."""
    with zipfile.ZipFile(io.BytesIO(lag_docx())) as z:
        deler = {i.filename: z.read(i) for i in z.infolist()}
    return zip_av(deler, ra={"word/media/bilde.bin": nuller_deflate(mb)})


def docx_makro() -> bytes:
    return lag_docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 makro"})


# --- PDF ------------------------------------------------------------------------------------------

PDF_ANGREP = {
    "javascript_ved_apning": lag_pdf(katalog="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"),
    "javascript_i_navnetre": lag_pdf(
        katalog="/Names << /JavaScript << /Names [(a) 4 0 R] >> >>",
        objekter=("<< /S /JavaScript /JS (app.alert\\(1\\)) >>",),
    ),
    "javascript_skjult_navn": lag_pdf(katalog="/Names << /J#61vaScript << /Names [] >> >>"),
    "launch_i_lenke": lag_pdf(
        side="/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>]"
    ),
    "innebygd_fil": lag_pdf(
        katalog="/Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >>",
        objekter=("<< /Type /Filespec /F (x.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 0 >>"),
    ),
    "handling_pa_side": lag_pdf(side="/AA << /O << /S /JavaScript /JS (x) >> >>"),
}
HTML_SOM_PDF = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"


# --- images ---------------------------------------------------------------------------------------


def png_pikselbombe(bredde: int = 100_000, hoyde: int = 100_000) -> bytes:
    """A PNG whose header claims 10 gigapixels; its data is a few bytes."""

    def bit(type_: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + type_ + data + struct.pack(">I", zlib.crc32(type_ + data))

    ihdr = struct.pack(">IIBBBBB", bredde, hoyde, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + bit(b"IHDR", ihdr) + bit(b"IDAT", zlib.compress(b"\x00" * 64)) + bit(b"IEND", b"")
