"""She signs her participation agreement on her own page, as the participant party, on the latest
version (medvirkning's `signer_som_deltaker`)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from arbeidsgivere.models import Avtale
from fagbrev.models import Hendelse
from medvirkning import services as medvirkning_services
from medvirkning.models import Signatur
from medvirkning.selectors import siste_versjon

NA = datetime.datetime(2026, 9, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _klokke():
    with time_machine.travel(NA, tick=False):
        yield


@pytest.fixture
def avtale(konto, plassering, koordinator):
    from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory
    from deltakere.tests.factories import InntakssamtaleFactory

    InntakssamtaleFactory(deltaker=konto.deltaker)
    KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle="leder", navn="Liv Leder", epost="liv@b.no")
    avtale = AvtaleFactory(plassering=plassering)
    medvirkning_services.avtale_send_til_signering(avtale=avtale, utfort_av=koordinator)
    return Avtale.objects.get(pk=avtale.pk)


def _signer(client, avtale, navn):
    return client.post(reverse("minside:avtale_signer", args=[avtale.pk]), {"navn": navn})


def test_she_signs_her_agreement_from_her_page(client, konto, avtale):
    client.force_login(konto.user)
    side = client.get(reverse("minside:forside")).content.decode()
    versjon = siste_versjon(avtale)
    assert versjon.sha256 in side and "Signer avtalen" in side
    pdf = client.get(reverse("minside:avtale_pdf", args=[avtale.pk]))
    with versjon.fil.open("rb") as f:
        assert b"".join(pdf.streaming_content) == f.read()
    svar = _signer(client, avtale, "  amina   YUSUF ")
    assert svar.status_code == 302
    signatur = Signatur.objects.get(avtale=avtale)
    assert (signatur.part, signatur.bruker, signatur.dokument, signatur.sha256) == (
        Signatur.Part.DELTAKER,
        konto.user,
        versjon,
        versjon.sha256,
    )
    assert signatur.ip == "127.0.0.1" and signatur.navn == "amina YUSUF"
    hendelse = Hendelse.objects.get(handling="medvirkning.avtale.signert")
    assert hendelse.utfort_av == konto.user and hendelse.deltaker_id == konto.deltaker_id
    side = client.get(reverse("minside:forside")).content.decode()
    assert "Takk! Du har signert avtalen." in side
    assert "Du signerte" in side and "Signer avtalen" not in side
    assert Avtale.objects.get(pk=avtale.pk).status == Avtale.Status.TIL_SIGNERING  # the others still sign


def test_a_wrong_name_is_refused_next_to_the_field_and_kept(client, konto, avtale):
    client.force_login(konto.user)
    svar = _signer(client, avtale, "Kari Nordmann")
    assert svar.status_code == 200
    side = svar.content.decode()
    assert "Skriv fullt navn slik det står i avtalen: Amina Yusuf." in side
    assert 'value="Kari Nordmann"' in side and "is-invalid" in side
    assert not Signatur.objects.exists()


def test_the_name_error_is_in_her_language(client, konto, avtale):
    client.force_login(konto.user)
    client.cookies["minside_sprak"] = "en"
    side = _signer(client, avtale, "Kari Nordmann").content.decode()
    assert "Write your full name as it is in the agreement: Amina Yusuf." in side
    assert "Skriv fullt navn slik" not in side
    assert not Signatur.objects.exists()


def test_another_participants_agreement_is_404(client, lina_konto, avtale):
    client.force_login(lina_konto.user)
    assert _signer(client, avtale, "Lina Haddad").status_code == 404
    assert not Signatur.objects.exists()


def test_staff_are_refused(client, koordinator, avtale):
    client.force_login(koordinator)
    assert _signer(client, avtale, koordinator.get_full_name()).status_code == 404
    assert not Signatur.objects.exists()


def test_an_agreement_not_til_signering_is_refused(client, konto, plassering):
    from arbeidsgivere.tests.factories import AvtaleFactory

    utkast = AvtaleFactory(plassering=plassering)
    client.force_login(konto.user)
    svar = _signer(client, utkast, "Amina Yusuf")
    assert svar.status_code == 302
    assert "Denne avtalen kan ikke signeres nå." in client.get(svar.url).content.decode()
    assert not Signatur.objects.exists()


def test_she_cannot_sign_twice(client, konto, avtale):
    client.force_login(konto.user)
    _signer(client, avtale, "Amina Yusuf")
    svar = _signer(client, avtale, "Amina Yusuf")
    assert "Du har allerede signert denne avtalen." in client.get(svar.url).content.decode()
    assert Signatur.objects.filter(avtale=avtale).count() == 1


def test_the_service_refuses_another_participants_agreement(avtale, lina_konto):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        medvirkning_services.signer_som_deltaker(
            avtale=avtale, deltaker=lina_konto.deltaker, bruker=lina_konto.user, navn="Amina Yusuf"
        )
    assert not Signatur.objects.exists()


def test_her_page_with_agreements_to_sign_keeps_its_queries(
    client, konto, avtale, koordinator, django_assert_max_num_queries
):
    """The latest versions and her signatures are read in one query each, however many agreements."""
    from arbeidsgivere.tests.factories import AvtaleFactory, PlasseringFactory

    client.force_login(konto.user)
    with django_assert_max_num_queries(40) as en:
        client.get(reverse("minside:forside"))
    forste = avtale.plassering
    plassering = PlasseringFactory(
        deltaker=konto.deltaker,
        arbeidssted=forste.arbeidssted,
        fadder=forste.fadder,
        fra=datetime.date(2025, 9, 1),
        til=datetime.date(2025, 12, 19),
    )
    medvirkning_services.avtale_send_til_signering(avtale=AvtaleFactory(plassering=plassering), utfort_av=koordinator)
    with django_assert_max_num_queries(len(en.captured_queries)):
        side = client.get(reverse("minside:forside")).content.decode()
    assert side.count("Signer avtalen</button>") == 2
