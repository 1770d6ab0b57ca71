"""Cohorts made, changed, closed and chosen by track in the app (issue #20), not in Django admin."""

import datetime
import re

import pytest
import time_machine

from deltakere.tests.factories import DeltakerFactory
from fagbrev.models import Hendelse, Kull
from fagbrev.tests.factories import FagretningFactory, KullFactory

IDAG = datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)


@time_machine.travel(IDAG, tick=False)
def test_the_coordinator_creates_edits_closes_and_reopens_a_cohort_on_the_track_page(client, koordinator, fagretning):
    client.force_login(koordinator)
    side = f"/fagretninger/{fagretning.pk}/"
    assert "Nytt kull" in client.get(side).content.decode()
    svar = client.post(f"{side}kull/", {"navn": "Desember 2025", "oppstart": "2025-12-01", "avslutning": ""})
    kull = Kull.objects.get(fagretning=fagretning, navn="Desember 2025")
    assert svar.status_code == 302 and svar.url.endswith(f"#k{kull.pk}")
    assert kull.organisasjon_id == fagretning.organisasjon_id and kull.lukket is None
    html = client.get(side).content.decode()
    assert "Kullet BUA Desember 2025 er opprettet." in html and 'id="k' in html

    prefiks = f"k{kull.pk}"
    client.post(
        f"{side}kull/{kull.pk}/",
        {f"{prefiks}-navn": "Vinter 2025", f"{prefiks}-oppstart": "2025-12-01", f"{prefiks}-avslutning": "2027-12-01"},
    )
    kull.refresh_from_db()
    assert (kull.navn, kull.avslutning) == ("Vinter 2025", datetime.date(2027, 12, 1))

    client.post(f"{side}kull/{kull.pk}/", {"handling": "lukk"})
    kull.refresh_from_db()
    assert kull.lukket == datetime.date(2025, 11, 20)
    assert "Lukket 20.11.2025" in client.get(side).content.decode()
    client.post(f"{side}kull/{kull.pk}/", {"handling": "apne"})
    kull.refresh_from_db()
    assert kull.lukket is None
    handlinger = list(Hendelse.objects.filter(objekt_id=kull.pk).order_by("pk").values_list("handling", flat=True))
    assert handlinger[-3:] == ["fagbrev.kull.endret", "fagbrev.kull.lukket", "fagbrev.kull.apnet"]


def test_a_cohort_name_is_unique_within_the_track_and_the_form_says_so(client, koordinator, fagretning):
    KullFactory(fagretning=fagretning, navn="Høst 2025")
    client.force_login(koordinator)
    svar = client.post(f"/fagretninger/{fagretning.pk}/kull/", {"navn": "høst 2025", "oppstart": "2025-08-15"})
    assert svar.status_code == 200
    assert "BUA har allerede et kull som heter «høst 2025»." in svar.content.decode()
    svar = client.post(f"/fagretninger/{fagretning.pk}/kull/", {"navn": "Vår 2026", "oppstart": ""})
    assert "oppstart" in svar.content.decode().lower() and Kull.objects.count() == 1


def test_a_teacher_sees_the_cohorts_but_cannot_change_them(client, faglarer, fagretning):
    kull = KullFactory(fagretning=fagretning, navn="Høst 2025")
    client.force_login(faglarer)
    html = client.get(f"/fagretninger/{fagretning.pk}/").content.decode()
    assert "Høst 2025" in html and "Nytt kull" not in html and "Lukk kullet" not in html
    assert (
        client.post(f"/fagretninger/{fagretning.pk}/kull/", {"navn": "X", "oppstart": "2025-01-01"}).status_code == 403
    )
    assert client.post(f"/fagretninger/{fagretning.pk}/kull/{kull.pk}/", {"handling": "lukk"}).status_code == 403


def _valg(html: str, felt: str) -> list[str]:
    blokk = re.search(rf'<select name="{felt}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", blokk)


@time_machine.travel(IDAG, tick=False)
def test_the_case_form_offers_the_open_cohorts_of_the_cases_track_only(client, koordinator, fagretning):
    helse = FagretningFactory(organisasjon=fagretning.organisasjon, navn="Helsefagarbeider", kortnavn="HEL")
    gammel = KullFactory(fagretning=fagretning, navn="Høst 2019", lukket=datetime.date(2021, 6, 30))
    KullFactory(fagretning=fagretning, navn="Høst 2025", oppstart=datetime.date(2025, 8, 15))
    KullFactory(fagretning=fagretning, navn="Desember 2025", oppstart=datetime.date(2025, 12, 1))
    KullFactory(fagretning=helse, navn="Høst 2025")
    ny = DeltakerFactory(fagretning=fagretning)
    client.force_login(koordinator)
    assert _valg(client.get(f"/deltakere/{ny.pk}/endre/").content.decode(), "kull") == [
        "BUA Desember 2025",
        "BUA Høst 2025",
    ]
    # a case already in the closed cohort keeps it on offer, so her form still saves
    gammel_sak = DeltakerFactory(fagretning=fagretning, kull=gammel)
    assert "BUA Høst 2019" in _valg(client.get(f"/deltakere/{gammel_sak.pk}/endre/").content.decode(), "kull")


@time_machine.travel(IDAG, tick=False)
def test_a_new_referral_offers_open_cohorts_grouped_by_track(client, koordinator, fagretning):
    helse = FagretningFactory(organisasjon=fagretning.organisasjon, navn="Helsefagarbeider", kortnavn="HEL")
    KullFactory(fagretning=fagretning, navn="Høst 2019", lukket=datetime.date(2021, 6, 30))
    KullFactory(fagretning=fagretning, navn="Desember 2025")
    KullFactory(fagretning=helse, navn="Høst 2025")
    client.force_login(koordinator)
    html = client.get("/deltakere/ny/").content.decode()
    assert _valg(html, "kull") == ["BUA Desember 2025", "HEL Høst 2025"]
    assert '<optgroup label="Barne- og ungdomsarbeider">' in html and '<optgroup label="Helsefagarbeider">' in html


@pytest.mark.parametrize("hvem", ["koordinator"])
def test_my_overview_links_a_coordinators_tracks_to_their_page(client, personer, fagretning, hvem):
    client.force_login(personer[hvem])
    assert f'href="/fagretninger/{fagretning.pk}/"' in client.get("/").content.decode()
