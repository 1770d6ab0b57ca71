"""Small real files for upload tests, made here (never downloaded): a PDF, PNG, JPEG and DOCX that
open as what they claim, and the means to make hostile variants of them (tests/hostile/)."""

from __future__ import annotations

import io
import zipfile


def lag_pdf(*, katalog: str = "", side: str = "", objekter: tuple[str, ...] = (), sider: int = 1) -> bytes:
    """A minimal valid PDF. `katalog` and `side` add entries to the catalog and to each page; `objekter`
    are extra objects numbered from 3 + `sider` (so "5 0 R" is the first extra one of a one-page file)."""
    deler = [
        f"<< /Type /Catalog /Pages 2 0 R {katalog} >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + i} 0 R' for i in range(sider))}] /Count {sider} >>",
        *[f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] {side} >>" for _ in range(sider)],
        *objekter,
    ]
    ut = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    plasser = []
    for nr, del_ in enumerate(deler, start=1):
        plasser.append(len(ut))
        ut += f"{nr} 0 obj\n{del_}\nendobj\n".encode("latin-1")
    xref = len(ut)
    ut += f"xref\n0 {len(deler) + 1}\n0000000000 65535 f \n".encode()
    for p in plasser:
        ut += f"{p:010d} 00000 n \n".encode()
    ut += f"trailer\n<< /Size {len(deler) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(ut)


def lag_bilde(format: str = "PNG", storrelse: tuple[int, int] = (1, 1)) -> bytes:
    from PIL import Image

    ut = io.BytesIO()
    Image.new("RGB", storrelse, (11, 94, 85)).save(ut, format)
    return ut.getvalue()


def lag_png() -> bytes:
    return lag_bilde("PNG")


def lag_jpeg() -> bytes:
    return lag_bilde("JPEG")


def lag_docx(ekstra: dict[str, bytes] | None = None) -> bytes:
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document>Hei</document>")
        for navn, innhold in (ekstra or {}).items():
            z.writestr(navn, innhold)
    return ut.getvalue()
