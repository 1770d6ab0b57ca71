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


# --- issue #20: what the app itself shows is accepted; what the form checks is checked -----------


def _csv_med(overskrift: str, rader: list[str]) -> bytes:
    return "\n".join([overskrift, *rader]).encode("utf-8-sig")


ALLE = "Fornavn;Etternavn;Fødselsnummer;Fagretning;Kull;Telefon;E-post;Henvist dato;Henvist av"


@pytest.mark.parametrize(
    "etikett", ["BUA Høst 2025", "Høst 2025", "bua host 2025", "Barne- og ungdomsarbeider Høst 2025"]
)
def test_a_cohort_is_accepted_as_the_dropdown_shows_it(client, koordinator, fagretning, etikett):
    from fagbrev.tests.factories import KullFactory

    kull = KullFactory(fagretning=fagretning, navn="Høst 2025")
    client.force_login(koordinator)
    html = _last_opp(client, _csv_med(ALLE, [f"Amal;Nur;{_fnr(1)};BUA;{etikett};;;;"]), "liste.csv").content.decode()
    assert "Ny henvisning" in html and "Feil:" not in html
    client.post("/deltakere/import/", {"handling": "alle"})
    assert Deltaker.objects.get().kull == kull


def test_unknown_values_are_explained_with_the_values_allowed(client, koordinator, fagretning):
    from fagbrev.tests.factories import KullFactory

    KullFactory(fagretning=fagretning, navn="Høst 2025")
    KullFactory(fagretning=fagretning, navn="Vår 2019", lukket=datetime.date(2020, 1, 1))
    client.force_login(koordinator)
    rader = [
        f"Amal;Nur;{_fnr(1)};Sveiser;;;;;",
        f"Berhane;Tsegay;{_fnr(2)};BUA;Høst 2031;;;;",
        f"Chala;Bekele;{_fnr(3)};BUA;;;;;Kommunen",
    ]
    html = _last_opp(client, _csv_med(ALLE, rader), "liste.csv").content.decode()
    assert "Gyldige fagretninger: «Barne- og ungdomsarbeider (BUA)»." in html
    assert "Åpne kull i BUA: «BUA Høst 2025»." in html  # the closed cohort is not offered
    assert (
        "Gyldige: «NAV», «Arbeidsgiver», «Introduksjonsprogrammet», «Jobbsjansen», «Personen selv» og «Annet»." in html
    )


def test_an_invalid_email_is_refused_as_the_form_refuses_it(client, koordinator, fagretning):
    client.force_login(koordinator)
    html = _last_opp(client, _csv_med(ALLE, [f"Amal;Nur;{_fnr(1)};BUA;;;ikke-en-epost;;"]), "liste.csv").content
    assert "E-post: Oppgi en gyldig e-postadresse" in html.decode()
    client.post("/deltakere/import/", {"handling": "alle"})
    assert not Deltaker.objects.exists()


def test_the_identity_number_may_be_left_out_as_in_the_form(client, koordinator, fagretning):
    client.force_login(koordinator)
    fil = _csv_med(ALLE, ["Zeynep;Doğan;;BUA;;40000001;;;NAV"])
    html = _last_opp(client, fil, "liste.csv").content.decode()
    assert "Ny henvisning" in html and "Feil:" not in html
    client.post("/deltakere/import/", {"handling": "alle"})
    d = Deltaker.objects.get()
    assert (d.fodselsnummer, d.henvist_av) == ("", "nav")
    # the same file again: the row is her (same name, same track, no number), not a second case
    assert "Finnes, uendret" in _last_opp(client, fil, "liste.csv").content.decode()
    client.post("/deltakere/import/", {"handling": "alle"})
    assert Deltaker.objects.count() == 1


def test_two_people_of_one_name_without_numbers_are_not_guessed_between(client, koordinator, fagretning):
    from deltakere.tests.factories import DeltakerFactory

    DeltakerFactory.create_batch(2, fagretning=fagretning, fornavn="Zeynep", etternavn="Doğan", fodselsnummer="")
    client.force_login(koordinator)
    html = _last_opp(client, _csv_med(ALLE, ["Zeynep;Dogan;;BUA;;;;;"]), "liste.csv").content.decode()
    assert "2 deltakere i Barne- og ungdomsarbeider heter Zeynep Dogan og har ikke fødselsnummer" in html


def test_a_new_participant_cannot_be_put_in_a_closed_cohort(client, koordinator, fagretning):
    from fagbrev.tests.factories import KullFactory

    KullFactory(fagretning=fagretning, navn="Vår 2019", lukket=datetime.date(2020, 1, 1))
    client.force_login(koordinator)
    html = _last_opp(client, _csv_med(ALLE, [f"Amal;Nur;{_fnr(1)};BUA;BUA Vår 2019;;;;"]), "liste.csv").content
    assert "Kullet BUA Vår 2019 er lukket og tar ikke inn nye deltakere." in html.decode()


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_template_has_an_example_row_that_is_never_imported(client, koordinator, fagretning, format):
    client.force_login(koordinator)
    mal = client.get(f"/deltakere/import/mal.{format}").content
    if format == "csv":
        assert "Kari;Eksempel;;Barne- og ungdomsarbeider" in mal.decode("utf-8-sig")
    html = _last_opp(client, mal, f"mal.{format}").content.decode()
    assert "Dette er eksempelraden fra malen. Slett den før du importerer." in html


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_import_reads_its_own_export_back_unchanged(client, koordinator, fagretning, format):
    from deltakere.tests.factories import DeltakerFactory
    from fagbrev.models import Oppslag
    from fagbrev.tests.factories import KullFactory

    kull = KullFactory(fagretning=fagretning, navn="Høst 2025")
    DeltakerFactory(
        fagretning=fagretning,
        kull=kull,
        fornavn="Amra",
        etternavn="Bešić",
        telefon="+47 912 34 567",
        epost="amra@example.no",
        henvist_av="introduksjonsprogram",
        henvist_dato=datetime.date(2025, 8, 1),
    )
    DeltakerFactory(fagretning=fagretning, fornavn="Zeynep", etternavn="Doğan", fodselsnummer="", telefon="=1+2")
    client.force_login(koordinator)
    svar = client.get(f"/deltakere/eksport.{format}")
    assert svar.status_code == 200 and "attachment" in svar["Content-Disposition"]
    assert Oppslag.objects.filter(hva="eksport").count() == 2
    html = _last_opp(client, svar.content, f"eksport.{format}").content.decode()
    assert html.count("Finnes, uendret") == 2 and "Feil:" not in html and "Ny henvisning" not in html
    client.post("/deltakere/import/", {"handling": "alle"})
    assert Deltaker.objects.count() == 2
    assert Deltaker.objects.get(etternavn="Doğan").telefon == "=1+2"


@pytest.mark.parametrize(("hvem", "status"), [("koordinator", 200), ("faglarer", 403), ("norsklarer", 403)])
def test_only_coordinators_export_the_register(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/deltakere/eksport.csv").status_code == status
