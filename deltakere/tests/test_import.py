"""Spreadsheet import: dry run, bad rows with reasons, all-or-good-rows, idempotent re-import."""

import datetime
import io
import random

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere.models import Deltaker
from fagbrev.demo import lag_fodselsnummer


def _fnr(n: int) -> str:
    return lag_fodselsnummer(datetime.date(1980 + n, 1 + n % 12, 1 + n % 27), random.Random(n))


def _xlsx(rader) -> bytes:
    bok = openpyxl.Workbook()
    ark = bok.active
    ark.append(["Fornavn", "Etternavn", "Fødselsnummer", "Fagretning", "Telefon", "Henvist dato"])
    for rad in rader:
        ark.append(rad)
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()


def _csv(rader) -> bytes:
    linjer = ["Fornavn;Etternavn;Fødselsnummer;Fagretning;Telefon;Henvist dato"]
    linjer += [";".join(str(c) for c in r) for r in rader]
    return "\n".join(linjer).encode("utf-8-sig")


GODE = [
    ("Amal", "Nur", _fnr(1), "BUA", "40000001", "01.09.2026"),
    ("Berhane", "Tsegay", _fnr(2), "Barne- og ungdomsarbeider", "40000002", datetime.date(2026, 9, 2)),
]
DARLIGE = [
    ("Chala", "Bekele", "12345678901", "BUA", "", ""),
    ("Dina", "Ali", _fnr(4), "Sveiser", "", ""),
    ("Eyerus", "Mulu", _fnr(5), "BUA", "", "31.02.2026"),
]


def _last_opp(client, innhold, navn="liste.xlsx"):
    return client.post("/deltakere/import/", {"fil": SimpleUploadedFile(navn, innhold)})


@pytest.mark.parametrize(("lag", "navn"), [(_xlsx, "liste.xlsx"), (_csv, "liste.csv")])
def test_dry_run_lists_rows_and_saves_nothing_then_confirm_imports(client, koordinator, fagretning, lag, navn):
    client.force_login(koordinator)
    svar = _last_opp(client, lag(GODE), navn)
    html = svar.content.decode()
    assert svar.status_code == 200 and "Prøvekjøring" in html and html.count("Ny henvisning") >= 2
    assert not Deltaker.objects.exists()
    svar = client.post("/deltakere/import/", {"handling": "alle"})
    assert svar.status_code == 302
    assert set(Deltaker.objects.values_list("etternavn", flat=True)) == {"Nur", "Tsegay"}
    assert Deltaker.objects.get(etternavn="Nur").henvist_dato == datetime.date(2026, 9, 1)


def test_bad_rows_are_listed_with_reasons_and_block_the_whole_file(client, koordinator, fagretning):
    client.force_login(koordinator)
    html = _last_opp(client, _xlsx(GODE + DARLIGE)).content.decode()
    assert "ikke et gyldig fødselsnummer" in html
    assert "Ukjent fagretning «Sveiser»" in html
    assert "Ugyldig dato «31.02.2026»" in html
    assert 'value="alle"' not in html and 'value="gyldige"' in html
    client.post("/deltakere/import/", {"handling": "alle"})
    assert not Deltaker.objects.exists()
    client.post("/deltakere/import/", {"handling": "gyldige"})
    assert Deltaker.objects.count() == 2


def test_reimporting_the_same_file_creates_no_duplicates_and_updates_changes(client, koordinator, fagretning):
    client.force_login(koordinator)
    _last_opp(client, _xlsx(GODE))
    client.post("/deltakere/import/", {"handling": "alle"})
    html = _last_opp(client, _xlsx(GODE)).content.decode()
    assert "Finnes, uendret" in html
    client.post("/deltakere/import/", {"handling": "alle"})
    endret = [("Amal", "Nur", GODE[0][2], "BUA", "49999999", "01.09.2026")]
    _last_opp(client, _xlsx(endret))
    client.post("/deltakere/import/", {"handling": "alle"})
    assert Deltaker.objects.count() == 2
    assert Deltaker.objects.get(etternavn="Nur").telefon == "49999999"


def test_missing_columns_and_wrong_file_type_are_explained(client, koordinator, fagretning):
    client.force_login(koordinator)
    html = _last_opp(client, b"Navn;Telefon\nA;1\n", "liste.csv").content.decode()
    assert "Kolonner mangler" in html
    html = _last_opp(client, b"MZ\x90", "liste.exe").content.decode()
    assert ".xlsx eller .csv" in html


@pytest.mark.parametrize(("hvem", "status"), [("koordinator", 200), ("faglarer", 403), ("styring", 403)])
def test_import_and_template_are_for_coordinators(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/deltakere/import/").status_code == status
    assert client.get("/deltakere/import/mal.xlsx").status_code == status


def test_template_names_the_columns(client, koordinator):
    client.force_login(koordinator)
    svar = client.get("/deltakere/import/mal.xlsx")
    ark = openpyxl.load_workbook(io.BytesIO(svar.content)).active
    assert [c.value for c in ark[1]][:4] == ["Fornavn", "Etternavn", "Fødselsnummer", "Fagretning"]
    assert "Fødselsnummer" in client.get("/deltakere/import/mal.csv").content.decode("utf-8-sig")
