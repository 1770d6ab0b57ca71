"""The one place that calls WeasyPrint: `render_pdf(template, context) -> bytes`.

WeasyPrint would happily fetch any URL a document names: http(s), file:///etc/passwd, anything.
Our templates autoescape user text, but the fetcher is the second wall: it loads only

- the project's own PDF assets under `static/pdf/` (stylesheet, fonts), and
- uploaded organisation logos under `MEDIA_ROOT/dokumenter/logoer/`,

read straight from disk, after resolving symlinks and `..`. Everything else (other schemes, other
paths, data: URLs) is refused and logged; the resource is simply left out of the PDF.

Every PDF is written as tagged PDF/UA-1 (`PDF_VARIANT`): a structure tree a screen reader follows
(headings, paragraphs, lists, tables whose cells name their headers), the language from
`<html lang>`, the title from `<title>` shown as the window title, and the PDF/UA identification in
the XMP metadata. The templates give WeasyPrint what it needs for that: `pdf/base.html` sets the
language and the title, images carry an `alt`, a `<th>` says `scope="row"` or `scope="col"`, and
headings go down one level at a time. tests/test_pdf_ua.py renders every document type and checks it.
Pages appended to a finished PDF (the signature page of a signed agreement) go through
`pdf_legg_til_sider`, which keeps their structure.
"""

from __future__ import annotations

import io
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pikepdf
from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per step otherwise

PDF_ASSETS = settings.BASE_DIR / "static" / "pdf"
LOGO_MAPPE = "dokumenter/logoer"
PDF_VARIANT = "pdf/ua-1"  # tagged, with /Lang, /MarkInfo, DisplayDocTitle and the pdfuaid XMP part


def tillatte_mapper() -> list[Path]:
    """Folders the fetcher may read from (read per call: tests move MEDIA_ROOT)."""
    return [PDF_ASSETS.resolve(), (Path(settings.MEDIA_ROOT) / LOGO_MAPPE).resolve()]


def tillatt_sti(url: str) -> Path | None:
    """The local file the URL names if it is one we may load, else None."""
    deler = urlsplit(url)
    if deler.scheme != "file" or deler.netloc not in ("", "localhost"):
        return None
    sti = Path(unquote(deler.path)).resolve()
    if not sti.is_file():
        return None
    if any(sti.is_relative_to(mappe) for mappe in tillatte_mapper()):
        return sti
    return None


def _lag_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LastFetcher(URLFetcher):
        """Serves the allow-listed local files and refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols=["file"], fail_on_errors=False)
            self.avvist: list[str] = []

        def fetch(self, url, headers=None):
            sti = tillatt_sti(url)
            if sti is None:
                self.avvist.append(url)
                logger.warning("PDF: avviste ressurs %s", url[:200])
                raise ValueError("Ressursen er ikke tillatt i PDF-er.")
            mimetype = mimetypes.guess_type(sti.name)[0] or "application/octet-stream"
            return URLFetcherResponse(sti.as_uri(), sti.read_bytes(), {"Content-Type": mimetype})

    return LastFetcher()


def asset_url(navn: str) -> str:
    """The file: URL of a PDF asset (e.g. "fonts/DejaVuSans.ttf") for templates."""
    return (PDF_ASSETS / navn).resolve().as_uri()


def render_html_til_pdf(html: str) -> tuple[bytes, list[str]]:
    """Render HTML with the locked-down fetcher: (PDF bytes, URLs that were refused)."""
    from weasyprint import HTML

    fetcher = _lag_fetcher()
    pdf = HTML(string=html, base_url=PDF_ASSETS.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    return pdf, fetcher.avvist


def render_pdf(template: str, context: dict) -> bytes:
    """Render a Django template in templates/pdf/ to PDF bytes."""
    html = render_to_string(template, context)
    pdf, _ = render_html_til_pdf(html)
    return pdf


def pdf_legg_til_sider(original: bytes, tillegg: bytes) -> bytes:
    """`original` with the pages of `tillegg` appended, both tagged: the appended pages' structure
    elements join the original's document element and its parent tree, so the whole file stays tagged
    (a plain page copy would leave the appended pages' marked content without structure)."""
    ut = io.BytesIO()
    with pikepdf.open(io.BytesIO(original)) as pdf, pikepdf.open(io.BytesIO(tillegg)) as kilde:
        antall = len(pdf.pages)
        pdf.pages.extend(kilde.pages)
        rot, kilderot = pdf.Root.get("/StructTreeRoot"), kilde.Root.get("/StructTreeRoot")
        if rot is not None and kilderot is not None:
            dokument, kildedokument = rot.K[0], kilderot.K[0]
            for barn in kildedokument.K:
                kopi = pdf.copy_foreign(barn)
                kopi.P = dokument
                dokument.K.append(kopi)
            tall = rot.ParentTree.Nums
            neste = max((int(tall[i]) for i in range(0, len(tall), 2)), default=-1) + 1
            kildetall = kilderot.ParentTree.Nums
            kildeverdi = {int(kildetall[i]): kildetall[i + 1] for i in range(0, len(kildetall), 2)}
            for side, kildeside in zip(pdf.pages[antall:], kilde.pages, strict=True):
                gammel = kildeside.obj.get("/StructParents")
                if gammel is None or int(gammel) not in kildeverdi:
                    continue
                side.obj.StructParents = neste
                elementer = pikepdf.Array([pdf.copy_foreign(e) for e in kildeverdi[int(gammel)]])
                tall.extend([neste, pdf.make_indirect(elementer)])
                neste += 1
            rot.ParentTreeNextKey = neste
        pdf.save(ut)
    return ut.getvalue()
