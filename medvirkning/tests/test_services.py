"""Links and signatures: made, mailed once, opened, used, withdrawn, expired; the agreement turns
«signert» when all four have signed, and its signed copy carries a signature page with the hash."""

from __future__ import annotations

import datetime
import hashlib
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from arbeidsgivere.models import Avtale
from dokumenter.tests.pdfhjelp import pdf_tekst
from fagbrev.models import Hendelse
from lop.models import Opplaeringsplanpunkt
from medvirkning import services, utsending
from medvirkning.models import Lenke, Signatur

from .conftest import token_til

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NAA = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def _klokke():
    with time_machine.travel(NAA, tick=False) as reise:
        yield reise


def _send(sak, koordinator, fanger):
    with fanger(execute=True):
        return services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)


def test_the_participant_signs_logged_in_last_and_the_agreement_is_signed(
    sak, koordinator, django_capture_on_commit_callbacks
):
    from fagbrev.tests.factories import UserFactory

    _send(sak, koordinator, django_capture_on_commit_callbacks)
    for epost, navn in [("liv@solsikken.no", "Liv Leder"), ("frida@solsikken.no", "Frida Fadder")]:
        services.signer_med_lenke(lenke=services.lenke_finn(token=token_til(epost)), navn=navn, bekreft_ekstra=True)
    services.signer_som_ansatt(avtale=sak.avtale, bruker=koordinator, navn=koordinator.get_full_name())
    hennes = UserFactory(username="amina.selv")
    with pytest.raises(ValidationError) as feil:
        services.signer_som_deltaker(avtale=sak.avtale, deltaker=sak.deltaker, bruker=hennes, navn="Liv Leder")
    assert "navn" in feil.value.error_dict
    signatur = services.signer_som_deltaker(
        avtale=sak.avtale, deltaker=sak.deltaker, bruker=hennes, navn=sak.deltaker.navn, ip="10.0.0.9"
    )
    assert (signatur.part, signatur.bruker, signatur.lenke, signatur.ip) == (
        Signatur.Part.DELTAKER,
        hennes,
        None,
        "10.0.0.9",
    )
    avtale = Avtale.objects.get(pk=sak.avtale.pk)
    assert avtale.status == Avtale.Status.SIGNERT and avtale.signert_deltaker is not None
    signatur.dokument.refresh_from_db()
    with signatur.dokument.signert_skann.open("rb") as f:
        assert "innlogget på sin egen side" in pdf_tekst(f.read()).replace("\n", " ")
    with pytest.raises(ValidationError):
        services.signer_som_deltaker(avtale=sak.avtale, deltaker=sak.deltaker, bruker=hennes, navn=sak.deltaker.navn)


def test_sending_for_signing_freezes_a_version_and_mails_three_links(
    sak, koordinator, django_capture_on_commit_callbacks
):
    lenker = _send(sak, koordinator, django_capture_on_commit_callbacks)
    sak.avtale.refresh_from_db()
    assert sak.avtale.status == Avtale.Status.TIL_SIGNERING
    assert sorted(lenke.part for lenke in lenker) == ["deltaker", "fadder", "leder"]
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.no", "frida@solsikken.no", "liv@solsikken.no"]
    for lenke in lenker:
        lenke.refresh_from_db()
        assert lenke.dokument.versjon == 1 and lenke.sendt is not None
        assert lenke.utloper == NAA + datetime.timedelta(days=14)
        # only the hash is stored; the mailed token hashes to it and is ≥ 128 bits
        token = token_til(lenke.epost)
        assert len(token) >= 43 and token not in lenke.token_hash
        assert lenke.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert mail.outbox[0].subject == "Fagbrev: signere avtalen om deltakelse"
    assert Hendelse.objects.filter(handling="medvirkning.lenke.sendt", deltaker_id=sak.deltaker.pk).count() == 3


def test_the_mail_task_sends_once_however_often_it_runs(sak, koordinator, django_capture_on_commit_callbacks):
    lenke = _send(sak, koordinator, django_capture_on_commit_callbacks)[0]
    hash_for = Lenke.objects.get(pk=lenke.pk).token_hash
    assert services.lenke_send(lenke_id=lenke.pk).startswith("ikke sendt")
    assert len(mail.outbox) == 3
    assert Lenke.objects.get(pk=lenke.pk).token_hash == hash_for


def test_all_four_sign_and_the_agreement_is_signed_with_a_signature_page(
    sak, koordinator, django_capture_on_commit_callbacks
):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    for epost, navn in [("liv@solsikken.no", "liv  leder"), ("frida@solsikken.no", "Frida Fadder")]:
        lenke = services.lenke_finn(token=token_til(epost))
        services.signer_med_lenke(lenke=lenke, navn=navn, bekreft_ekstra=True, ip="10.0.0.1")
    sak.plassering.refresh_from_db()
    assert sak.plassering.ekstra_person_bekreftet
    sak.avtale.refresh_from_db()
    assert sak.avtale.signert_arbeidssted is None  # registered when all four have signed this version
    lenke = services.lenke_finn(token=token_til("amina@example.no"))
    services.signer_med_lenke(lenke=lenke, navn=sak.deltaker.navn)
    assert Avtale.objects.get(pk=sak.avtale.pk).status == Avtale.Status.TIL_SIGNERING
    services.signer_som_ansatt(avtale=sak.avtale, bruker=koordinator, navn=koordinator.get_full_name())
    avtale = Avtale.objects.get(pk=sak.avtale.pk)
    assert avtale.status == Avtale.Status.SIGNERT
    assert avtale.signert_arbeidssted_navn == "Liv Leder (leder) og Frida Fadder (fadder)"
    assert avtale.signert_kommune_av == koordinator
    signaturer = list(Signatur.objects.filter(avtale=avtale))
    assert len(signaturer) == 4
    dokument = signaturer[0].dokument
    assert {s.sha256 for s in signaturer} == {dokument.sha256}
    with dokument.fil.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == dokument.sha256
    dokument.refresh_from_db()
    with dokument.signert_skann.open("rb") as f:
        signert = f.read()
    tekst = pdf_tekst(signert)
    assert "Signaturer" in tekst and dokument.sha256 in tekst.replace("\n", "").replace(" ", "")
    for navn in ("Liv Leder", "Frida Fadder", sak.deltaker.navn, koordinator.get_full_name()):
        assert navn in tekst


def test_a_signature_link_works_once(sak, koordinator, django_capture_on_commit_callbacks):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    token = token_til("amina@example.no")
    services.signer_med_lenke(lenke=services.lenke_finn(token=token), navn=sak.deltaker.navn)
    assert services.lenke_finn(token=token) is None


def test_a_wrong_name_is_refused_and_nothing_is_signed(sak, koordinator, django_capture_on_commit_callbacks):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    lenke = services.lenke_finn(token=token_til("frida@solsikken.no"))
    with pytest.raises(ValidationError, match="Frida Fadder"):
        services.signer_med_lenke(lenke=lenke, navn="Liv Leder")
    assert not Signatur.objects.exists()
    assert services.lenke_finn(token=token_til("frida@solsikken.no")) is not None


def test_the_leder_must_confirm_the_extra_person_to_sign(sak, koordinator, django_capture_on_commit_callbacks):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    lenke = services.lenke_finn(token=token_til("liv@solsikken.no"))
    with pytest.raises(ValidationError):
        services.signer_med_lenke(lenke=lenke, navn="Liv Leder", bekreft_ekstra=False)
    assert not Signatur.objects.exists()


def test_a_link_expires_after_14_days(sak, koordinator, django_capture_on_commit_callbacks, _klokke):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    token = token_til("amina@example.no")
    _klokke.move_to(NAA + datetime.timedelta(days=13, hours=23))
    assert services.lenke_finn(token=token) is not None
    _klokke.move_to(NAA + datetime.timedelta(days=14))
    assert services.lenke_finn(token=token) is None


def test_a_withdrawn_or_replaced_link_stops_working(sak, koordinator, django_capture_on_commit_callbacks):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    gammel_token = token_til("frida@solsikken.no")
    gammel = services.lenke_finn(token=gammel_token)
    with django_capture_on_commit_callbacks(execute=True):
        ny = services.lenke_send_igjen(lenke=gammel, utfort_av=koordinator)
    assert services.lenke_finn(token=gammel_token) is None
    ny_token = token_til("frida@solsikken.no")
    assert ny_token != gammel_token and services.lenke_finn(token=ny_token).pk == ny.pk
    services.lenke_trekk(lenke=ny, utfort_av=koordinator)
    assert services.lenke_finn(token=ny_token) is None
    assert Hendelse.objects.filter(handling="medvirkning.lenke.trukket").count() == 2


def test_a_forged_token_finds_nothing(sak, koordinator, django_capture_on_commit_callbacks):
    _send(sak, koordinator, django_capture_on_commit_callbacks)
    token = token_til("frida@solsikken.no")
    endret = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert services.lenke_finn(token=endret) is None
    assert services.lenke_finn(token="") is None


def test_no_links_to_the_workplace_without_signed_consent(sak, koordinator):
    sak.deltaker.inntakssamtale.samtykke_signert = False
    sak.deltaker.inntakssamtale.save()
    with pytest.raises(ValidationError, match="samtykkeerklæringen"):
        services.oppgave_send(deltaker=sak.deltaker, handling="marker_mal", utfort_av=koordinator, idag=NAA.date())


def test_a_faglarer_cannot_send_links(sak, faglarer):
    with pytest.raises(ValidationError):
        services.oppgave_send(deltaker=sak.deltaker, handling="marker_mal", utfort_av=faglarer, idag=NAA.date())


def test_the_fadder_marks_goals_and_only_this_participants(
    sak, koordinator, annen_deltaker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.oppgave_send(deltaker=sak.deltaker, handling="marker_mal", utfort_av=koordinator, idag=NAA.date())
    lenke = services.lenke_finn(token=token_til("frida@solsikken.no"))
    fremmed = Opplaeringsplanpunkt.objects.create(
        organisasjon=annen_deltaker.organisasjon, deltaker=annen_deltaker, oppgave="Ikke din"
    )
    punkter = list(Opplaeringsplanpunkt.objects.filter(deltaker=sak.deltaker).order_by("pk"))
    verdier = {p.pk: {"utfort": True, "fadder_vurdering": "bra"} for p in punkter[:3]}
    verdier[fremmed.pk] = {"utfort": True, "fadder_vurdering": "bra"}
    assert services.mal_marker_med_lenke(lenke=lenke, verdier=verdier) == 3
    assert Opplaeringsplanpunkt.objects.filter(deltaker=sak.deltaker, utfort=True).count() == 3
    fremmed.refresh_from_db()
    assert not fremmed.utfort
    # reusable until it expires
    assert services.lenke_finn(token=token_til("frida@solsikken.no")) is not None


def test_the_fadder_fills_in_the_workplaces_part(sak, koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.oppgave_send(
            deltaker=sak.deltaker, handling="vurderingssamtale", utfort_av=koordinator, idag=NAA.date()
        )
    lenke = services.lenke_finn(token=token_til("frida@solsikken.no"))
    services.samtale_fyll_ut_med_lenke(
        lenke=lenke, felter={"holder_tider": "meget_bra", "laert_arbeidsgiver": "Tar ansvar i samlingsstund."}
    )
    sak.samtale.refresh_from_db()
    assert sak.samtale.holder_tider == "meget_bra"
    assert sak.samtale.laert_arbeidsgiver == "Tar ansvar i samlingsstund."
    assert Hendelse.objects.filter(handling="medvirkning.lenke.brukt", deltaker_id=sak.deltaker.pk).exists()


def test_a_failed_mail_undoes_the_claim_so_a_retry_sends_a_new_token(sak, koordinator, monkeypatch):
    lenke = services.lenke_opprett(
        handling="marker_mal", part="fadder", deltaker=sak.deltaker, utfort_av=koordinator,
        kontaktperson=sak.fadder, plassering=sak.plassering,
    )  # fmt: skip

    def feiler(**_):
        raise ConnectionError("SMTP nede")

    monkeypatch.setattr(utsending, "epost_send_lenke", feiler)
    with pytest.raises(ConnectionError):
        services.lenke_send(lenke_id=lenke.pk)
    lenke.refresh_from_db()
    assert lenke.token_hash is None and lenke.sendt is None
    monkeypatch.undo()
    assert services.lenke_send(lenke_id=lenke.pk) == "sendt"
    assert len(mail.outbox) == 1


def test_a_new_version_stops_the_old_links_and_needs_signing_again(
    sak, koordinator, django_capture_on_commit_callbacks
):
    from dokumenter.services import dokument_lag_for_objekt

    _send(sak, koordinator, django_capture_on_commit_callbacks)
    gammel = token_til("frida@solsikken.no")
    services.signer_med_lenke(lenke=services.lenke_finn(token=token_til("amina@example.no")), navn=sak.deltaker.navn)
    dokument_lag_for_objekt(type="avtale", objekt=sak.avtale, utfort_av=koordinator)  # version 2
    assert services.lenke_finn(token=gammel) is None
    with django_capture_on_commit_callbacks(execute=True):
        nye = services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    assert {lenke.part for lenke in nye} == {"deltaker", "leder", "fadder"}  # the participant signs v2 too
    assert {lenke.dokument.versjon for lenke in nye} == {2}
    for epost, navn in [("liv@solsikken.no", "Liv Leder"), ("frida@solsikken.no", "Frida Fadder")]:
        services.signer_med_lenke(lenke=services.lenke_finn(token=token_til(epost)), navn=navn, bekreft_ekstra=True)
    services.signer_som_ansatt(avtale=sak.avtale, bruker=koordinator, navn=koordinator.get_full_name())
    # her signature on version 1 does not count for version 2
    assert Avtale.objects.get(pk=sak.avtale.pk).status == Avtale.Status.TIL_SIGNERING
    services.signer_med_lenke(lenke=services.lenke_finn(token=token_til("amina@example.no")), navn=sak.deltaker.navn)
    assert Avtale.objects.get(pk=sak.avtale.pk).status == Avtale.Status.SIGNERT


def test_the_leder_confirms_the_extra_person_by_its_own_link_once(sak, koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.oppgave_send(deltaker=sak.deltaker, handling="bekreft_ekstra", utfort_av=koordinator, idag=NAA.date())
    token = token_til("liv@solsikken.no")
    services.ekstra_bekreft_med_lenke(lenke=services.lenke_finn(token=token))
    sak.plassering.refresh_from_db()
    assert sak.plassering.ekstra_person_bekreftet
    assert services.lenke_finn(token=token) is None
    with pytest.raises(ValidationError, match="allerede bekreftet"):
        services.oppgave_send(deltaker=sak.deltaker, handling="bekreft_ekstra", utfort_av=koordinator, idag=NAA.date())
