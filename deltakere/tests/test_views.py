"""Participant list and case page: the permission matrix and query counts."""

import pytest

from deltakere.tests.factories import DeltakerFactory

# who → status for (own participant, colleague's participant, other organisation's participant)
MATRISE = {
    "koordinator": (200, 200, 404),
    "faglarer": (200, 404, 404),
    "annen_faglarer": (404, 200, 404),
    "norsklarer": (200, 404, 404),
    "styring": (404, 404, 404),
    "koordinator_asker": (404, 404, 200),
    "superbruker": (404, 404, 404),
}


@pytest.mark.parametrize("hvem", MATRISE)
def test_case_page_permission_matrix(client, personer, deltaker, annen_deltaker, fremmed_deltaker, hvem):
    client.force_login(personer[hvem])
    faktisk = tuple(client.get(f"/deltakere/{d.pk}/").status_code for d in (deltaker, annen_deltaker, fremmed_deltaker))
    assert faktisk == MATRISE[hvem]


def test_anonymous_is_sent_to_login(client, deltaker):
    svar = client.get(f"/deltakere/{deltaker.pk}/")
    assert svar.status_code == 302 and "/konto/logg-inn/" in svar.url


@pytest.mark.parametrize(
    ("hvem", "status"),
    [("koordinator", 200), ("faglarer", 200), ("norsklarer", 200), ("styring", 403), ("superbruker", 403)],
)
def test_list_access_by_role(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/deltakere/").status_code == status


def test_list_shows_only_visible_participants(client, faglarer, deltaker, annen_deltaker, fremmed_deltaker):
    client.force_login(faglarer)
    html = client.get("/deltakere/").content.decode()
    assert deltaker.etternavn in html
    assert annen_deltaker.etternavn not in html
    assert fremmed_deltaker.etternavn not in html


def test_list_search_by_name(client, koordinator, deltaker, annen_deltaker):
    client.force_login(koordinator)
    html = client.get("/deltakere/", {"q": "amin"}).content.decode()
    assert deltaker.etternavn in html and annen_deltaker.etternavn not in html


def test_case_page_masks_the_identity_number(client, koordinator, faglarer, deltaker):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert deltaker.fodselsnummer not in html
    assert deltaker.fodselsnummer[:6] + " *****" in html
    client.force_login(faglarer)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert deltaker.fodselsnummer[:6] not in html


@pytest.mark.parametrize("antall", [10, 200])
def test_list_query_count_is_constant(client, koordinator, fagretning, faglarer, antall, django_assert_max_num_queries):
    DeltakerFactory.create_batch(antall, fagretning=fagretning, faglarer=faglarer)
    client.force_login(koordinator)
    with django_assert_max_num_queries(13):
        assert client.get("/deltakere/").status_code == 200
