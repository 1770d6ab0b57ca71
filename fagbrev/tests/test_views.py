"""Login, overview, health, error pages: each role, in Norwegian."""

import re

import pytest
from django.urls import reverse


def test_login_page_is_norwegian_and_labelled(client, db):
    svar = client.get("/konto/logg-inn/")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert '<html lang="nb">' in html
    assert re.search(r'<label\s+for="id_username"[^>]*>\s*Brukernavn', html)
    assert re.search(r'<label\s+for="id_password"[^>]*>\s*Passord', html)


def test_wrong_password_gives_a_norwegian_message_and_keeps_the_username(client, koordinator):
    svar = client.post("/konto/logg-inn/", {"username": "koordinator", "password": "feil"})
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Feil brukernavn eller passord" in html
    assert 'value="koordinator"' in html


def test_login_then_overview(client, koordinator):
    svar = client.post("/konto/logg-inn/", {"username": "koordinator", "password": "fagbrev-test-passord"})
    assert svar.status_code == 302 and svar.url == reverse("oversikt")
    assert client.get("/").status_code == 200


def test_overview_requires_login(client, db):
    svar = client.get("/")
    assert svar.status_code == 302 and svar.url.startswith("/konto/logg-inn/")


def test_logout_is_a_post(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/konto/logg-ut/")
    assert svar.status_code == 302
    assert client.get("/").status_code == 302


# role → (menu shows Deltakere, menu shows Arbeidsgivere)
NAVIGASJON = {
    "koordinator": (True, True),
    "faglarer": (True, True),
    "norsklarer": (True, False),
    "styring": (False, False),
    "koordinator_asker": (True, True),
    "superbruker": (False, False),
}


@pytest.mark.parametrize("hvem", NAVIGASJON)
def test_overview_renders_for_each_role_with_only_its_menu(client, personer, deltaker, hvem):
    client.force_login(personer[hvem])
    html = client.get("/").content.decode()
    assert "Min oversikt" in html
    deltakere, arbeidsgivere = NAVIGASJON[hvem]
    assert (f'href="{reverse("deltakere:liste")}"' in html) is deltakere
    assert (f'href="{reverse("arbeidsgivere:liste")}"' in html) is arbeidsgivere


def test_faglarer_overview_lists_her_participants_only(client, faglarer, deltaker, annen_deltaker):
    client.force_login(faglarer)
    html = client.get("/").content.decode()
    assert deltaker.navn in html
    assert annen_deltaker.navn not in html


def test_coordinator_overview_counts_statuses_and_tracks_from_one_grouped_query(
    client, koordinator, fagretning, faglarer, fremmed_deltaker
):
    from deltakere.tests.factories import DeltakerFactory

    for status in ["i_opplaering", "i_opplaering", "permisjon", "fullfort", "henvist"]:
        DeltakerFactory(fagretning=fagretning, faglarer=faglarer, status=status)
    client.force_login(koordinator)
    html = client.get("/").content.decode()
    kort = {e: int(t) for t, e in re.findall(r'<div class="tall">(\d+)</div><div class="small">([^<]+)</div>', html)}
    assert kort == {
        "Henvist": 1, "Kartlagt": 0, "Tatt opp": 0, "Avslått": 0, "I opplæring": 2,
        "Permisjon": 1, "Teori bestått": 0, "Fagprøve meldt opp": 0, "Fullført": 1, "Avbrutt": 0,
    }  # fmt: skip
    lenke = rf'<a href="/fagretninger/{fagretning.pk}/">{fagretning.navn}</a>'  # her track's page (its cohorts)
    rad = re.search(rf"<td>{lenke}</td>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>", html)
    assert rad.groups() == ("3", "1")  # in progress (active statuses), completed; the other organisation's not


def test_faglarer_status_cards_count_only_her_own_participants(client, faglarer, deltaker, annen_deltaker):
    client.force_login(faglarer)
    html = client.get("/").content.decode()
    kort = {e: int(t) for t, e in re.findall(r'<div class="tall">(\d+)</div><div class="small">([^<]+)</div>', html)}
    assert kort["I opplæring"] == 1 and sum(kort.values()) == 1


def test_steering_group_overview_shows_no_names(client, styring, deltaker):
    client.force_login(styring)
    html = client.get("/").content.decode()
    assert deltaker.fornavn not in html and deltaker.etternavn not in html
    assert "&lt;5" in html  # one participant in the track is shown suppressed


def test_password_change_page_is_norwegian(client, koordinator):
    client.force_login(koordinator)
    html = client.get("/konto/passord/").content.decode()
    assert "Nåværende passord" in html and "Nytt passord" in html


def test_password_reset_sends_a_norwegian_email(client, koordinator, mailoutbox):
    svar = client.post("/konto/passord/glemt/", {"email": koordinator.email})
    assert svar.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Nytt passord i Fagbrev"
    assert "/konto/passord/ny/" in mailoutbox[0].body


def test_health_check_reports_database_and_broker(client, db):
    svar = client.get("/helse/")
    assert svar.status_code == 200
    data = svar.json()
    assert data["database"] == "ok" and data["status"] == "ok"
    assert "broker" in data


def test_health_check_is_503_when_the_database_fails(client, db, monkeypatch):
    def feiler(*args, **kwargs):
        raise RuntimeError("nede")

    class Nede:
        cursor = staticmethod(feiler)

    monkeypatch.setattr("fagbrev.views.connection", Nede())
    svar = client.get("/helse/")
    assert svar.status_code == 503
    assert svar.json()["database"].startswith("feil")


def test_health_check_is_503_when_redis_is_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    svar = client.get("/helse/")
    assert svar.status_code == 503
    assert svar.json()["broker"].startswith("feil")


def test_404_page_is_norwegian(client, koordinator, settings):
    settings.DEBUG = False
    client.force_login(koordinator)
    svar = client.get("/finnes-ikke/")
    assert svar.status_code == 404
    assert "Fant ikke siden" in svar.content.decode()


def test_403_page_is_norwegian(client, styring):
    client.force_login(styring)
    svar = client.get("/deltakere/")
    assert svar.status_code == 403
    assert "Ingen tilgang" in svar.content.decode()


def test_security_headers_are_sent(client, koordinator):
    client.force_login(koordinator)
    svar = client.get("/")
    assert svar["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in svar["Content-Security-Policy"]
    assert "unsafe-inline" not in svar["Content-Security-Policy"]
