"""The access log: entries for looks at personal data, "who has seen this case", the full fnr."""

import pytest
from django.core.exceptions import ValidationError

from deltakere.tests.factories import DeltakerFactory
from deltakere.tests.matriser import BARE_KOORDINATOR_EGEN_SAK
from fagbrev.models import Oppslag
from fagbrev.tilgang import tilgang_logg


def test_opening_a_case_page_writes_who_when_which_what_and_from_where(client, faglarer, deltaker):
    client.force_login(faglarer)
    assert client.get(f"/deltakere/{deltaker.pk}/", REMOTE_ADDR="10.1.2.3").status_code == 200
    oppslag = Oppslag.objects.get()
    assert (oppslag.bruker, oppslag.deltaker_id, oppslag.hva, oppslag.ip) == (
        faglarer,
        deltaker.pk,
        "saksside",
        "10.1.2.3",
    )
    assert oppslag.organisasjon_id == deltaker.organisasjon_id and oppslag.tidspunkt is not None


def test_a_case_page_that_is_not_visible_writes_no_entry(client, faglarer, annen_deltaker):
    client.force_login(faglarer)
    assert client.get(f"/deltakere/{annen_deltaker.pk}/").status_code == 404
    assert not Oppslag.objects.exists()


def test_the_coordinator_sees_who_has_seen_the_case(client, koordinator, faglarer, deltaker):
    client.force_login(faglarer)
    client.get(f"/deltakere/{deltaker.pk}/")
    client.get(f"/deltakere/{deltaker.pk}/")
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Hvem har sett saken" in html
    assert f"{faglarer.first_name} {faglarer.last_name}" in html


@pytest.mark.parametrize("rolle", ["faglarer", "norsklarer"])
def test_teachers_do_not_see_who_has_seen_the_case(client, personer, deltaker, rolle):
    client.force_login(personer[rolle])
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Hvem har sett saken" not in html


def test_the_case_page_query_count_does_not_grow_with_the_access_log(
    client, koordinator, deltaker, django_assert_max_num_queries, faglarer
):
    client.force_login(koordinator)
    client.get(f"/deltakere/{deltaker.pk}/")
    with django_assert_max_num_queries(40) as liten:
        client.get(f"/deltakere/{deltaker.pk}/")
    for _ in range(40):
        tilgang_logg(user=faglarer, deltaker_id=deltaker.pk, hva="saksside")
    with django_assert_max_num_queries(len(liten.captured_queries)):
        client.get(f"/deltakere/{deltaker.pk}/")


def test_access_log_entries_cannot_be_changed_or_deleted(koordinator, deltaker):
    oppslag = tilgang_logg(user=koordinator, deltaker_id=deltaker.pk, hva="eksport", formal="Innsynskrav")
    oppslag.formal = "noe annet"
    with pytest.raises(ValidationError):
        oppslag.save()
    with pytest.raises(ValidationError):
        oppslag.delete()


def test_an_unknown_kind_of_access_is_refused(koordinator, deltaker):
    with pytest.raises(ValueError):
        tilgang_logg(user=koordinator, deltaker_id=deltaker.pk, hva="titt")


def test_the_admin_shows_the_access_log_read_only(client, superbruker, koordinator, deltaker):
    oppslag = tilgang_logg(user=koordinator, deltaker_id=deltaker.pk, hva="dokument")
    client.force_login(superbruker)
    assert client.get("/admin/fagbrev/oppslag/").status_code == 200
    assert client.get("/admin/fagbrev/oppslag/add/").status_code == 403
    assert client.post(f"/admin/fagbrev/oppslag/{oppslag.pk}/delete/").status_code == 403
    assert Oppslag.objects.count() == 1


# --- the fødselsnummer, masked until a coordinator asks ------------------------------------------
def test_the_case_page_shows_the_fodselsnummer_masked(client, koordinator, deltaker):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert deltaker.fodselsnummer not in html
    assert f"{deltaker.fodselsnummer[:6]} *****" in html and ">vis</button>" in html


def test_a_teacher_sees_no_part_of_the_fodselsnummer(client, faglarer, deltaker):
    client.force_login(faglarer)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert deltaker.fodselsnummer[:6] + " *****" not in html and ">vis</button>" not in html


def test_vis_shows_the_full_number_and_logs_it(client, koordinator, deltaker):
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{deltaker.pk}/fodselsnummer/", {"formal": "Melding til NAV"})
    assert svar.status_code == 200 and deltaker.fodselsnummer in svar.content.decode()
    assert "no-store" in svar["Cache-Control"]
    oppslag = Oppslag.objects.get(hva="fnr_vist")
    assert (oppslag.bruker, oppslag.deltaker_id, oppslag.formal) == (koordinator, deltaker.pk, "Melding til NAV")


def test_vis_with_htmx_returns_only_the_number(client, koordinator, deltaker):
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{deltaker.pk}/fodselsnummer/", HTTP_HX_REQUEST="true")
    html = svar.content.decode()
    assert deltaker.fodselsnummer in html and "<h1" not in html


@pytest.mark.parametrize(("rolle", "forventet"), BARE_KOORDINATOR_EGEN_SAK)
def test_who_may_see_the_full_fodselsnummer(client, personer, deltaker, rolle, forventet):
    client.force_login(personer[rolle])
    svar = client.post(f"/deltakere/{deltaker.pk}/fodselsnummer/")
    assert svar.status_code == forventet
    if forventet != 200:
        assert deltaker.fodselsnummer not in svar.content.decode()
        assert not Oppslag.objects.filter(hva="fnr_vist").exists()


def test_vis_is_post_only_and_needs_a_login(client, koordinator, deltaker):
    assert client.post(f"/deltakere/{deltaker.pk}/fodselsnummer/").status_code == 302
    client.force_login(koordinator)
    assert client.get(f"/deltakere/{deltaker.pk}/fodselsnummer/").status_code == 405


def test_a_participant_without_a_number_shows_a_dash(client, koordinator, fagretning):
    uten = DeltakerFactory(fagretning=fagretning, fodselsnummer="")
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{uten.pk}/").content.decode()
    assert ">vis</button>" not in html
