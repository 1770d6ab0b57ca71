"""fagbrev/pdf.py: fonts embedded with every glyph, and the locked-down URL fetcher."""

import pytest

from fagbrev.pdf import render_html_til_pdf, render_pdf, tillatt_sti

from .pdfhjelp import flat, pdf_fonter, pdf_tekst

NAVN = "Ayşe Yılmaz Doğan Hadžić Ćosić Müller Zoë Ålesund Æsøy ØRJASÆTER Šimić Žana Łukasz Nguyễn"

SIDE = """<html><head><link rel="stylesheet" href="dokument.css"></head><body>{}</body></html>"""


def test_names_from_participants_languages_round_trip_through_the_pdf():
    pdf, avvist = render_html_til_pdf(SIDE.format(f"<p>{NAVN}</p>"))
    assert NAVN in flat(pdf_tekst(pdf))
    assert avvist == []


def test_only_the_shipped_font_is_used_and_it_is_embedded():
    pdf, _ = render_html_til_pdf(SIDE.format(f"<p>{NAVN}</p><p><b>{NAVN}</b></p>"))
    rader = pdf_fonter(pdf).splitlines()[2:]
    assert rader, "ingen fonter i PDF-en"
    for rad in rader:
        assert "Fagbrev-Sans" in rad  # no fallback font was needed for any glyph
        assert rad.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, unicode map


def test_fetcher_refuses_local_files_outside_the_pdf_assets():
    pdf, avvist = render_html_til_pdf(SIDE.format('<img src="file:///etc/passwd"><p>Hei</p>'))
    assert "file:///etc/passwd" in avvist
    assert "root:" not in pdf_tekst(pdf)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://example.com/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///work/../etc/hostname",
    ],
)
def test_fetcher_refuses_network_and_data_urls(url):
    _, avvist = render_html_til_pdf(SIDE.format(f'<img src="{url}"><p>Hei</p>'))
    assert url in avvist


def test_fetcher_refuses_path_traversal_out_of_the_asset_folder(settings):
    from fagbrev.pdf import PDF_ASSETS

    assert tillatt_sti((PDF_ASSETS / "fonts" / "DejaVuSans.ttf").as_uri()) is not None
    assert tillatt_sti(PDF_ASSETS.as_uri() + "/../../manage.py") is None
    assert tillatt_sti((settings.BASE_DIR / "manage.py").as_uri()) is None


def test_fetcher_allows_uploaded_logos_only_in_the_logo_folder(settings, tmp_path):
    logoer = tmp_path / "media" / "dokumenter" / "logoer"
    logoer.mkdir(parents=True)
    (logoer / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    annet = tmp_path / "media" / "dokumenter" / "pdf"
    annet.mkdir(parents=True)
    (annet / "b.pdf").write_bytes(b"%PDF-1.7")
    assert tillatt_sti((logoer / "a.png").as_uri()) is not None
    assert tillatt_sti((annet / "b.pdf").as_uri()) is None


def test_markup_typed_into_a_text_field_is_text_not_a_fetch(tmp_path):
    from django.template import engines

    # What a template does with a user's text: autoescape. The URL appears as text; nothing is fetched.
    html = (
        engines["django"]
        .from_string(SIDE.format("<p>{{ notat }}</p>"))
        .render({"notat": '<img src="file:///etc/passwd">'})
    )
    pdf, avvist = render_html_til_pdf(html)
    assert avvist == []
    assert '<img src="file:///etc/passwd">' in flat(pdf_tekst(pdf))


def test_render_pdf_renders_a_django_template(lorenskog):
    from dokumenter.selectors import organisasjon_kontekst

    pdf = render_pdf(
        "pdf/base.html",
        {
            "org": organisasjon_kontekst(lorenskog),
            "tittel": "Prøve",
            "laget_dato": "01.02.2026",
            "laget_av": "Åse Ødegård",
        },
    )
    tekst = pdf_tekst(pdf)
    assert pdf.startswith(b"%PDF-")
    assert "Lørenskog kommune, Flyktning- og innvandrertjenesten" in tekst
    assert "Laget 01.02.2026 av Åse Ødegård" in flat(tekst)
    assert "Side 1 av 1" in tekst
