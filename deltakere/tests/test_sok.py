"""Name search without case or diacritics, and «Etternavn, Fornavn» as the list writes a name.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): the column and the words typed are
normalised by one function (fagbrev/sok.py), so both databases compare the same strings.
"""

import re

import pytest
from django.db import connection

from deltakere.models import Deltaker
from deltakere.personopplysninger import anonym_deltaker
from deltakere.services import deltaker_endre
from deltakere.tests.factories import DeltakerFactory
from fagbrev.sok import sokeform, sokeord


@pytest.mark.parametrize(
    ("tekst", "ventet"),
    [
        ("Bešić", "besic"),
        ("Doğan, Zeynep", "dogan zeynep"),
        ("SØRENSEN", "sorensen"),
        ("Ærø Ågård", "aero agard"),
        ("Straße", "strasse"),
        ("Yıldız İnce", "yildiz ince"),
        ("Al-Hassan  O'Neil", "al hassan o neil"),
        ("Nguyễn Thị", "nguyen thi"),
        ("", ""),
    ],
)
def test_search_form_drops_case_and_diacritics(tekst, ventet):
    assert sokeform(tekst) == ventet


def test_search_words_ignore_the_comma_of_surname_first():
    assert sokeord("Doğan, Zeynep") == ["dogan", "zeynep"]
    assert sokeord("  ,  ") == []


@pytest.fixture
def navn(fagretning):
    """Three participants whose names a Norwegian keyboard cannot type as written."""
    return {
        "besic": DeltakerFactory(fagretning=fagretning, fornavn="Amra", etternavn="Bešić"),
        "dogan": DeltakerFactory(fagretning=fagretning, fornavn="Zeynep", etternavn="Doğan"),
        "sorensen": DeltakerFactory(fagretning=fagretning, fornavn="Åse", etternavn="Sørensen"),
        "annen": DeltakerFactory(fagretning=fagretning, fornavn="Lina", etternavn="Haddad"),
    }


def _treff(client, q: str) -> list[str]:
    html = client.get("/deltakere/", {"q": q}).content.decode()
    return re.findall(r'href="/deltakere/\d+/">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("q", "ventet"),
    [
        ("besic", ["Bešić, Amra"]),
        ("BESIC", ["Bešić, Amra"]),
        ("Bešić", ["Bešić, Amra"]),
        ("dogan", ["Doğan, Zeynep"]),
        ("Doğan, Zeynep", ["Doğan, Zeynep"]),
        ("dogan zeynep", ["Doğan, Zeynep"]),
        ("zeynep dogan", ["Doğan, Zeynep"]),
        ("sorensen", ["Sørensen, Åse"]),
        ("ase sør", ["Sørensen, Åse"]),
        ("Doğan, Amra", []),
    ],
)
def test_the_coordinator_finds_a_name_as_she_types_it(client, koordinator, navn, q, ventet):
    client.force_login(koordinator)
    assert _treff(client, q) == ventet


def test_the_list_writes_a_name_that_the_search_finds_again(client, koordinator, navn):
    """What the list shows («Doğan, Zeynep»), pasted back into the search box, finds that one person."""
    client.force_login(koordinator)
    for vist in _treff(client, ""):
        assert _treff(client, vist) == [vist]


def test_a_renamed_participant_is_found_by_her_new_name(koordinator, navn):
    d = navn["annen"]
    deltaker_endre(deltaker=d, versjon=d.versjon, utfort_av=koordinator, etternavn="Kılıç")
    d.refresh_from_db()
    assert d.navn_sok == "lina kilic"
    assert Deltaker.objects.filter(navn_sok__contains="kilic").get() == d


def test_saving_other_fields_keeps_the_search_column(navn):
    d = navn["besic"]
    d.telefon = "91234567"
    d.save(update_fields=["telefon"])
    d.refresh_from_db()
    assert d.navn_sok == "amra besic"


def test_anonymisation_writes_the_search_column_too(navn):
    felter = anonym_deltaker(navn["dogan"])
    assert felter["navn_sok"] == f"anonymisert deltaker {navn['dogan'].pk}"


@pytest.mark.parametrize("antall", [10, 200])
def test_a_name_search_keeps_the_list_query_count(
    client, koordinator, fagretning, antall, django_assert_max_num_queries
):
    DeltakerFactory.create_batch(antall, fagretning=fagretning, etternavn="Doğan")
    client.force_login(koordinator)
    with django_assert_max_num_queries(14):  # the bound of test_list_query_count_is_constant
        assert client.get("/deltakere/", {"q": "Doğan, "}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index exists only on PostgreSQL")
def test_postgresql_serves_the_name_search_from_the_trigram_index(navn):
    qs = Deltaker.objects.filter(navn_sok__contains="besic").order_by()
    with connection.cursor() as c:
        c.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "deltakere_navn_sok_trgm" in plan
