"""The pages: what a link shows and hides, signing and reusing it, the plain page for bad links,
guessing throttled, the coordinator's page, the case page and my overview."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from arbeidsgivere.models import Avtale
from fagbrev.models import Hendelse, Oppslag
from medvirkning import services
from medvirkning.models import Lenke, Signatur

from .conftest import token_til

UGYLDIG = "Lenken virker ikke"


@pytest.fixture(autouse=True)
def _tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sendt(sak, koordinator, client, django_capture_on_commit_callbacks):
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/medvirkning/deltakere/{sak.deltaker.pk}/send/", {"handling": "signer_avtale"})
    assert svar.status_code == 302
    client.logout()
    return sak


def test_the_link_page_shows_the_participant_workplace_and_task_and_no_identity_number(sendt, client):
    svar = client.get(f"/lenke/{token_til('frida@solsikken.no')}/")
    tekst = svar.content.decode()
    assert svar.status_code == 200
    assert sendt.deltaker.navn in tekst and "Solsikken barnehage" in tekst and "Signer avtalen" in tekst
    assert sendt.deltaker.fodselsnummer not in tekst
    assert svar["Cache-Control"].startswith("max-age=0") or "no-cache" in svar["Cache-Control"]
    assert svar["X-Robots-Tag"] == "noindex"


def test_opening_and_signing_go_into_the_history_and_the_access_log(sendt, client):
    token = token_til("frida@solsikken.no")
    client.get(f"/lenke/{token}/")
    client.get(f"/lenke/{token}/")
    svar = client.post(f"/lenke/{token}/", {"navn": "Frida Fadder", "lest": "on"})
    assert svar.status_code == 302 and svar["Location"] == "/lenke/takk/"
    handlinger = list(Hendelse.objects.filter(deltaker_id=sendt.deltaker.pk).values_list("handling", flat=True))
    assert handlinger.count("medvirkning.lenke.apnet") == 1  # the first opening only
    assert "medvirkning.lenke.brukt" in handlinger and "medvirkning.avtale.signert" in handlinger
    oppslag = Oppslag.objects.filter(deltaker_id=sendt.deltaker.pk, formal__startswith="Via lenke")
    assert oppslag.count() == 3 and all("Frida Fadder" in o.formal for o in oppslag)  # opened twice, used once
    assert oppslag.filter(formal__contains="brukte lenken").count() == 1
    # sending is in the access log too, in the coordinator's name
    sendt_logg = Oppslag.objects.filter(deltaker_id=sendt.deltaker.pk, formal__contains="sendt til fadder Frida Fadder")
    assert sendt_logg.count() == 1


def test_reusing_a_signature_link_shows_the_plain_page_and_changes_nothing(sendt, client):
    token = token_til("amina@example.no")
    client.post(f"/lenke/{token}/", {"navn": sendt.deltaker.navn, "lest": "on"})
    antall = Signatur.objects.count()
    svar = client.post(f"/lenke/{token}/", {"navn": sendt.deltaker.navn, "lest": "on"})
    assert svar.status_code == 404 and UGYLDIG in svar.content.decode()
    assert Signatur.objects.count() == antall == 1


def test_expired_withdrawn_and_forged_links_look_the_same(sendt, client, koordinator):
    token = token_til("frida@solsikken.no")
    Lenke.objects.filter(part="leder").update(utloper="2000-01-01T00:00Z", opprettet="1999-12-01T00:00Z")
    services.lenke_trekk(lenke=Lenke.objects.get(part="fadder"), utfort_av=koordinator)
    sider = [
        client.get(f"/lenke/{token_til('liv@solsikken.no')}/"),
        client.get(f"/lenke/{token}/"),
        client.get(f"/lenke/{token[:-2]}zz/"),
    ]
    assert {s.status_code for s in sider} == {404}
    innhold = {s.content.decode().replace(s.wsgi_request.path, "") for s in sider}
    assert len(innhold) == 1 and "be om en ny lenke" in next(iter(innhold))


def test_a_wrong_name_keeps_the_form_with_an_error(sendt, client):
    svar = client.post(f"/lenke/{token_til('frida@solsikken.no')}/", {"navn": "Noen Andre", "lest": "on"})
    assert svar.status_code == 200 and "Skriv fullt navn slik det står i avtalen" in svar.content.decode()
    assert not Signatur.objects.exists()


def test_guessing_is_throttled_per_address(sendt, client, settings):
    for i in range(20):
        assert client.get(f"/lenke/gjett{i:040d}/").status_code == 404
    svar = client.get(f"/lenke/{token_til('frida@solsikken.no')}/")
    assert svar.status_code == 429 and "for mange forsøk" in svar.content.decode()


def test_the_coordinator_signs_and_the_agreement_is_signed(sendt, client, koordinator):
    for epost, navn in [("liv@solsikken.no", "Liv Leder"), ("frida@solsikken.no", "Frida Fadder")]:
        data = {"navn": navn, "lest": "on", "bekreft_ekstra": "on"}
        assert client.post(f"/lenke/{token_til(epost)}/", data).status_code == 302
    client.post(f"/lenke/{token_til('amina@example.no')}/", {"navn": sendt.deltaker.navn, "lest": "on"})
    client.force_login(koordinator)
    svar = client.post(
        f"/medvirkning/avtaler/{sendt.avtale.pk}/signer/", {"navn": koordinator.get_full_name(), "lest": "on"}
    )
    assert svar.status_code == 302
    assert Avtale.objects.get(pk=sendt.avtale.pk).status == Avtale.Status.SIGNERT
    side = client.get(f"/medvirkning/deltakere/{sendt.deltaker.pk}/").content.decode()
    assert side.count(" av «") == 4  # one line per signed party


def test_the_case_page_and_my_overview_show_what_waits_for_whom(sendt, client, koordinator):
    client.force_login(koordinator)
    sak_side = client.get(f"/deltakere/{sendt.deltaker.pk}/").content.decode()
    assert "Arbeidsplassens oppgaver" in sak_side and "Venter på fadder Frida Fadder" in sak_side
    oversikt = client.get("/").content.decode()
    assert "Venter på arbeidsplassen" in oversikt and "Send igjen" in oversikt and "Trekk tilbake" in oversikt


def test_send_again_from_the_overview_comes_back_to_it(sendt, client, koordinator, django_capture_on_commit_callbacks):
    client.force_login(koordinator)
    lenke = Lenke.objects.get(part="fadder")
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(f"/medvirkning/lenker/{lenke.pk}/send-igjen/", {"neste": "/"})
    assert svar["Location"] == "/"
    assert Lenke.objects.filter(part="fadder").count() == 2
    svar = client.post(f"/medvirkning/lenker/{lenke.pk}/trekk/", {"neste": "https://evil.example/"})
    assert svar["Location"] == f"/medvirkning/deltakere/{sendt.deltaker.pk}/"


def test_the_fadder_marks_three_goals_through_the_page(sak, koordinator, client, django_capture_on_commit_callbacks):
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/medvirkning/deltakere/{sak.deltaker.pk}/send/", {"handling": "marker_mal"})
    client.logout()
    token = token_til("frida@solsikken.no")
    side = client.get(f"/lenke/{token}/").content.decode()
    punkter = list(sak.deltaker.opplaeringsplan.order_by("pk"))
    assert all(p.oppgave in side for p in punkter)
    data = {}
    for p in punkter[:3]:
        data[f"utfort_{p.pk}"] = "on"
        data[f"vurdering_{p.pk}"] = "bra"
    svar = client.post(f"/lenke/{token}/", data)
    assert svar.status_code == 302
    assert sak.deltaker.opplaeringsplan.filter(utfort=True, fadder_vurdering="bra").count() == 3


def test_the_sections_query_the_same_however_many_links(sendt, koordinator, django_assert_num_queries):
    from django.utils import timezone

    from medvirkning import selectors

    koordinator.roller  # noqa: B018 — the memberships, read once per request elsewhere
    idag = timezone.localdate()
    with django_assert_num_queries(1):
        selectors.saksside(deltaker=sendt.deltaker, user=koordinator, idag=idag)
    with django_assert_num_queries(1):
        selectors.oversikt(user=koordinator, idag=idag)
