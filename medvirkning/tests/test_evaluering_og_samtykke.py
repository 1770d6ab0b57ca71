"""The fadder evaluates the ended placement by a single-use link (the employer's part of the final
evaluation); the participant's faglærer signs for the kommune while logged in; and no page a link
opens shows an identity number, a birth date, an address or a phone number — the consent form lets
the workplace see the participant's name, the tasks and her progress in practice, nothing more."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from arbeidsgivere.models import Avtale, Evaluering
from arbeidsgivere.services import evaluering_registrer
from dokumenter.tests.pdfhjelp import pdf_tekst
from fagbrev.models import Hendelse
from medvirkning import services
from medvirkning.models import Lenke, Signatur

from .conftest import TOKEN, token_til

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NAA = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def _klokke():
    cache.clear()
    with time_machine.travel(NAA, tick=False) as reise:
        yield reise
    cache.clear()


@pytest.fixture
def avsluttet(sak, koordinator):
    sak.plassering.til = datetime.date(2026, 11, 20)
    sak.plassering.save(update_fields=["til"])
    return sak


def test_the_evaluation_link_waits_for_the_kommunes_part(avsluttet, koordinator):
    with pytest.raises(ValidationError, match="kommunens del av sluttevalueringen"):
        services.oppgave_send(
            deltaker=avsluttet.deltaker, handling="evaluering", utfort_av=koordinator, idag=NAA.date()
        )


def test_the_fadder_evaluates_the_ended_placement_once_by_link(
    avsluttet, koordinator, client, django_capture_on_commit_callbacks
):
    evaluering_registrer(
        plassering=avsluttet.plassering,
        utfort_av=koordinator,
        dato=NAA.date(),
        egnet=True,
        kommune_bra="Godt samarbeid.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        [lenke] = services.oppgave_send(
            deltaker=avsluttet.deltaker, handling="evaluering", utfort_av=koordinator, idag=NAA.date()
        )
    assert (lenke.part, lenke.kontaktperson, lenke.plassering) == ("fadder", avsluttet.fadder, avsluttet.plassering)
    token = token_til("frida@solsikken.no")
    side = client.get(f"/lenke/{token}/")
    assert side.status_code == 200 and "Evaluer praksisperioden" in side.content.decode()
    assert "sluttet 20.11.2026" in side.content.decode()
    assert avsluttet.deltaker.fodselsnummer not in side.content.decode()
    # nothing typed: the message next to the field, nothing saved
    tom = client.post(f"/lenke/{token}/", {"arbeidsgiver_bra": "", "arbeidsgiver_forbedre": "Mer tid til fadder."})
    assert tom.status_code == 200 and "Mer tid til fadder." in tom.content.decode()
    svar = client.post(
        f"/lenke/{token}/", {"arbeidsgiver_bra": "Pålitelig og blid.", "arbeidsgiver_forbedre": "Mer tid til fadder."}
    )
    assert svar.status_code == 302 and svar["Location"] == "/lenke/takk/"
    evaluering = Evaluering.objects.get(plassering=avsluttet.plassering)
    assert (evaluering.arbeidsgiver_bra, evaluering.arbeidsgiver_forbedre) == (
        "Pålitelig og blid.",
        "Mer tid til fadder.",
    )
    assert evaluering.kommune_bra == "Godt samarbeid."  # the kommune's part untouched
    assert Hendelse.objects.filter(
        handling="arbeidsgivere.evaluering.endret", deltaker_id=avsluttet.deltaker.pk
    ).exists()
    # single use: the same link again is the plain page, and nothing changes
    igjen = client.post(f"/lenke/{token}/", {"arbeidsgiver_bra": "Endret", "arbeidsgiver_forbedre": ""})
    assert igjen.status_code == 404
    assert Evaluering.objects.get(pk=evaluering.pk).arbeidsgiver_bra == "Pålitelig og blid."
    with pytest.raises(ValidationError, match="allerede fylt ut"):
        services.oppgave_send(
            deltaker=avsluttet.deltaker, handling="evaluering", utfort_av=koordinator, idag=NAA.date()
        )


def test_the_participants_faglarer_signs_for_the_kommune_and_others_may_not(
    sak, koordinator, faglarer, norsklarer, annen_faglarer, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    for bruker in (norsklarer, annen_faglarer):
        with pytest.raises(ValidationError):
            services.signer_som_ansatt(avtale=sak.avtale, bruker=bruker, navn=bruker.get_full_name())
    client.force_login(faglarer)
    side = client.get(f"/medvirkning/deltakere/{sak.deltaker.pk}/").content.decode()
    assert "Signer for kommunen" in side and "Send avtalen til signering" not in side
    svar = client.post(
        f"/medvirkning/avtaler/{sak.avtale.pk}/signer/", {"navn": faglarer.get_full_name(), "lest": "on"}
    )
    assert svar.status_code == 302
    signatur = Signatur.objects.get(part="kommune")
    assert signatur.bruker == faglarer and signatur.lenke is None and signatur.sha256 == signatur.dokument.sha256
    for epost, navn in [("liv@solsikken.no", "Liv Leder"), ("frida@solsikken.no", "Frida Fadder")]:
        services.signer_med_lenke(lenke=services.lenke_finn(token=token_til(epost)), navn=navn, bekreft_ekstra=True)
    services.signer_med_lenke(lenke=services.lenke_finn(token=token_til("amina@example.no")), navn=sak.deltaker.navn)
    avtale = Avtale.objects.get(pk=sak.avtale.pk)
    assert avtale.status == Avtale.Status.SIGNERT and avtale.signert_kommune_av == faglarer
    kontekst = services.signaturside_kontekst(avtale=avtale, dokument=signatur.dokument)
    assert {s["hvordan"] for s in kontekst["signaturer"]} == {
        "innlogget i Fagbrev (faglærer)",
        "med personlig lenke sendt på e-post",
    }


def test_no_link_page_shows_an_identity_number_birth_date_address_or_phone(
    sak, koordinator, client, django_capture_on_commit_callbacks
):
    d = sak.deltaker
    d.telefon, d.adresse = "40012345", "Storgata 7"
    d.save(update_fields=["telefon", "adresse"])
    with django_capture_on_commit_callbacks(execute=True):
        for handling in ("signer_avtale", "marker_mal", "vurderingssamtale"):
            services.oppgave_send(deltaker=d, handling=handling, utfort_av=koordinator, idag=NAA.date())
    tokens = [TOKEN.search(m.body).group(1) for m in mail.outbox]
    assert len(tokens) == 5 and Lenke.objects.count() == 5
    for token in tokens:
        side = client.get(f"/lenke/{token}/").content.decode()
        assert d.navn in side and "Solsikken barnehage" in side
        for hemmelig in (d.fodselsnummer, d.fodselsnummer[:6], f"{d.fodselsdato:%d.%m.%Y}", "40012345", "Storgata"):
            assert hemmelig not in side, hemmelig


def test_the_agreement_a_link_opens_names_her_without_birth_date_or_identity_number(
    sak, koordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    svar = client.get(f"/lenke/{token_til('liv@solsikken.no')}/avtale.pdf")
    tekst = pdf_tekst(b"".join(svar.streaming_content))
    d = sak.deltaker
    assert d.navn in tekst
    for hemmelig in (d.fodselsnummer, f"{d.fodselsdato:%d.%m.%Y}", "født"):
        assert hemmelig not in tekst, hemmelig
