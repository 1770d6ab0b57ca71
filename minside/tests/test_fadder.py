"""Her fadder reads and comments on her logbook by link, only while she agrees."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from fagbrev.models import Oppslag
from minside import services
from minside.models import Fadderlenke, Loggbokkommentar
from minside.tests.factories import DeltakerkontoFactory, LoggbokinnleggFactory

LENKE = re.compile(r"https?://[^/\s]+(/min-side/fadder/[^/\s]+/)")


def _si_ja(innlogget, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        innlogget.post(reverse("minside:fadder_samtykke"), {"fadder_kan_lese": "ja"})
    (epost,) = mail.outbox
    assert epost.to == ["kari@barnehage.no"]
    return LENKE.search(epost.body).group(1)


@pytest.fixture(autouse=True)
def _i_praksisperioden():
    """Her placement (from 05.01.2026) is running: the fadder is the fadder of today's placement."""
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def fadder():
    """The fadder's phone: no account, only the link."""
    return Client()


def test_she_says_yes_and_her_fadder_reads_and_comments(
    innlogget, fadder, konto, plassering, django_capture_on_commit_callbacks
):
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker, tekst="Jeg leste for barna")
    sti = _si_ja(innlogget, django_capture_on_commit_callbacks)

    svar = fadder.get(sti)
    assert svar.status_code == 200
    assert "Jeg leste for barna" in svar.content.decode() and "Kari Nordmann" in svar.content.decode()
    oppslag = Oppslag.objects.get(deltaker_id=konto.deltaker_id)
    assert "fadderen Kari Nordmann" in oppslag.formal
    assert "Kari Nordmann (Fadder)" in innlogget.get(reverse("minside:mine_data")).content.decode()

    svar = fadder.post(reverse("minside:fadder_kommenter", args=[sti.split("/")[3], innlegg.pk]), {"tekst": "Flott!"})
    assert svar.status_code == 302
    kommentar = Loggbokkommentar.objects.get(innlegg=innlegg)
    assert (kommentar.forfatter_id, kommentar.fadder_id, kommentar.tekst) == (None, plassering.fadder_id, "Flott!")
    assert "Kari Nordmann svarte:" in innlogget.get(reverse("minside:loggbok")).content.decode()


def test_she_says_no_and_the_link_stops_working(
    innlogget, fadder, konto, plassering, django_capture_on_commit_callbacks
):
    sti = _si_ja(innlogget, django_capture_on_commit_callbacks)
    assert fadder.get(sti).status_code == 200
    innlogget.post(reverse("minside:fadder_samtykke"), {"fadder_kan_lese": "nei"})
    svar = fadder.get(sti)
    assert svar.status_code == 410 and "Amina" not in svar.content.decode()
    token = sti.split("/")[3]
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker)
    assert (
        fadder.post(reverse("minside:fadder_kommenter", args=[token, innlegg.pk]), {"tekst": "Hei"}).status_code == 410
    )
    assert not Loggbokkommentar.objects.exists()


def test_a_new_link_replaces_the_old_and_the_link_reads_only_her_logbook(
    innlogget, fadder, konto, lina_konto, plassering, koordinator, django_capture_on_commit_callbacks
):
    gammel = _si_ja(innlogget, django_capture_on_commit_callbacks)
    lina = LoggbokinnleggFactory(deltaker=lina_konto.deltaker, tekst="Linas innlegg")
    token = gammel.split("/")[3]
    assert fadder.get(reverse("minside:fadder_bilde", args=[token, lina.pk])).status_code == 404
    assert fadder.post(reverse("minside:fadder_kommenter", args=[token, lina.pk]), {"tekst": "x"}).status_code == 404
    assert "Linas innlegg" not in fadder.get(gammel).content.decode()

    innlogget.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        innlogget.post(reverse("minside_ansatt:fadderlenke", args=[konto.deltaker_id]))
    assert len(mail.outbox) == 2
    ny = LENKE.search(mail.outbox[1].body).group(1)
    assert fadder.get(gammel).status_code == 410
    assert fadder.get(ny).status_code == 200
    assert Fadderlenke.objects.filter(konto=konto, trukket__isnull=True).count() == 1


def test_no_link_without_her_yes_or_without_a_fadder(client, koordinator, konto, amina, annen_deltaker):
    client.force_login(koordinator)
    svar = client.post(reverse("minside_ansatt:fadderlenke", args=[konto.deltaker_id]), follow=True)
    assert "ikke sagt ja" in svar.content.decode()
    konto.fadder_kan_lese = True
    konto.save(update_fields=["fadder_kan_lese"])
    svar = client.post(reverse("minside_ansatt:fadderlenke", args=[konto.deltaker_id]), follow=True)
    assert "ingen fadder med e-postadresse" in svar.content.decode()
    assert mail.outbox == [] and not Fadderlenke.objects.exists()


def test_the_link_runs_out_after_a_semester(fadder, konto, plassering, koordinator):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as reise:
        konto.fadder_kan_lese = True
        konto.save(update_fields=["fadder_kan_lese"])
        assert services.fadderlenke_send(konto=konto, fadder=plassering.fadder, sendt_av=koordinator)
        sti = LENKE.search(mail.outbox[0].body).group(1)
        reise.move_to(start + datetime.timedelta(days=119))
        assert fadder.get(sti).status_code == 200
        reise.move_to(start + datetime.timedelta(days=120, minutes=1))
        assert fadder.get(sti).status_code == 410


@pytest.mark.django_db
def test_a_comment_has_one_author(konto, koordinator):
    innlegg = LoggbokinnleggFactory(deltaker=konto.deltaker)
    with pytest.raises(ValueError):
        services.loggbok_kommenter(innlegg=innlegg, tekst="Hei")
    assert DeltakerkontoFactory._meta.model.objects.count() == 1


def test_the_case_page_offers_the_fadder_link_only_when_she_has_said_yes(client, koordinator, konto):
    client.force_login(koordinator)
    knapp = "Send lenke til loggboken til fadderen"
    assert knapp not in client.get(reverse("deltakere:detalj", args=[konto.deltaker_id])).content.decode()
    konto.fadder_kan_lese = True
    konto.save(update_fields=["fadder_kan_lese"])
    assert knapp in client.get(reverse("deltakere:detalj", args=[konto.deltaker_id])).content.decode()
