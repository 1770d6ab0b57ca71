"""The workplace reference at the end of a case (arbeidsgivere/services_attest.py): ordered when the case
or the placement has ended, one per placement, every change logged; its page, who may use it; and its PDF
(dokumenter, type «arbeidsattest») read with pdftotext."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from arbeidsgivere.models import Arbeidsattest, Kontaktperson
from arbeidsgivere.services_attest import attest_lagre
from arbeidsgivere.tests.factories import KontaktpersonFactory, PlasseringFactory
from deltakere.models import Deltaker
from deltakere.tests.saker import sak_avsluttet
from dokumenter.models import Dokument
from dokumenter.tests.pdfhjelp import flat, pdf_tekst
from fagbrev.models import Hendelse

D = datetime.date

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


@pytest.fixture
def leder(deltaker):
    return KontaktpersonFactory(
        arbeidssted__arbeidsgiver__organisasjon=deltaker.organisasjon,
        arbeidssted__navn="Betongbygg Asker",
        rolle=Kontaktperson.Rolle.LEDER,
        navn="Per Formann",
    )


@pytest.fixture
def plassering(deltaker, leder):
    return PlasseringFactory(deltaker=deltaker, arbeidssted=leder.arbeidssted, fra=D(2025, 9, 1), lonnet=True)


@pytest.fixture
def avbrutt(deltaker, plassering, koordinator):
    """Amina's case was terminated 31.10.2026; her placement was not ended by hand."""
    return sak_avsluttet(deltaker, Deltaker.Status.AVBRUTT, D(2026, 10, 31), koordinator)


def test_a_reference_is_refused_while_the_case_and_the_placement_run(plassering, koordinator):
    with pytest.raises(ValidationError, match="avsluttet"):
        attest_lagre(plassering=plassering, utfort_av=koordinator, arbeidsoppgaver="Forskaling")
    assert not Arbeidsattest.objects.exists()


def test_the_coordinator_orders_it_at_termination_and_the_change_is_logged(avbrutt, plassering, leder, koordinator):
    attest = attest_lagre(plassering=plassering, utfort_av=koordinator, leder=leder, arbeidsoppgaver=" Forskaling ")
    assert (attest.arbeidsoppgaver, attest.leder, attest.registrert_av) == ("Forskaling", leder, koordinator)
    attest_lagre(plassering=plassering, utfort_av=koordinator, uttalelse="Punktlig og lærevillig.")
    assert Arbeidsattest.objects.get().uttalelse == "Punktlig og lærevillig."
    hendelser = list(Hendelse.objects.filter(deltaker_id=avbrutt.pk).values_list("handling", flat=True))
    assert "arbeidsgivere.attest.bestilt" in hendelser and "arbeidsgivere.attest.endret" in hendelser


def test_the_leader_must_be_a_leader_at_the_workplace(avbrutt, plassering, deltaker, koordinator):
    fadder = KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle=Kontaktperson.Rolle.FADDER)
    with pytest.raises(ValidationError) as feil:
        attest_lagre(plassering=plassering, utfort_av=koordinator, leder=fadder, arbeidsoppgaver="x")
    assert "leder" in feil.value.message_dict


def test_the_case_page_offers_it_and_the_form_makes_it(client, avbrutt, plassering, leder, koordinator):
    client.force_login(koordinator)
    bestill = reverse("arbeidsgivere:attest_bestill", args=[plassering.pk])
    assert bestill in client.get(reverse("deltakere:detalj", args=[avbrutt.pk])).content.decode()
    side = client.get(bestill).content.decode()
    assert f'<option value="{leder.pk}" selected>' in side  # the workplace's one leader is proposed
    svar = client.post(
        bestill, {"leder": leder.pk, "arbeidsoppgaver": "Forskaling og armering", "oppmote": "", "uttalelse": ""}
    )
    attest = Arbeidsattest.objects.get()
    assert svar.status_code == 302 and svar.url == reverse("arbeidsgivere:attest", args=[attest.pk])
    assert "Forskaling og armering" in client.get(svar.url).content.decode()


def test_an_empty_task_list_comes_back_with_its_message(client, avbrutt, plassering, koordinator):
    client.force_login(koordinator)
    svar = client.post(reverse("arbeidsgivere:attest_bestill", args=[plassering.pk]), {"uttalelse": "Flink"})
    assert svar.status_code == 200
    assert "Feltet er påkrevet" in svar.content.decode() and "Flink" in svar.content.decode()


@pytest.mark.parametrize(("persona", "kode"), [("faglarer", 403), ("annen_faglarer", 404), ("koordinator_asker", 404)])
def test_only_the_cases_coordinator_orders_it(client, avbrutt, plassering, request, persona, kode):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("arbeidsgivere:attest_bestill", args=[plassering.pk])
    assert client.post(url, {"arbeidsoppgaver": "x"}).status_code == kode
    assert not Arbeidsattest.objects.exists()


def test_the_pdf_names_her_the_period_the_workplace_its_leader_and_the_leaders_words(
    client, avbrutt, plassering, leder, koordinator
):
    attest = attest_lagre(
        plassering=plassering,
        utfort_av=koordinator,
        leder=leder,
        arbeidsoppgaver="Forskaling og armering",
        oppmote="Stabilt oppmøte",
        uttalelse="Punktlig og lærevillig.",
    )
    client.force_login(koordinator)
    assert client.post(reverse("dokumenter:lag_objekt", args=["arbeidsattest", attest.pk])).status_code == 302
    dokument = Dokument.objects.get(type="arbeidsattest")
    with dokument.fil.open("rb") as f:
        tekst = flat(pdf_tekst(f.read()))
    assert "Arbeidsattest" in tekst and "Amina Yusuf" in tekst
    assert "01.09.2025" in tekst and "31.10.2026" in tekst  # the placement's start, the case's end
    assert "Betongbygg Asker" in tekst and "Per Formann" in tekst
    assert "Forskaling og armering" in tekst and "Stabilt oppmøte" in tekst and "Punktlig og lærevillig." in tekst
    assert dokument.versjon == 1 and dokument.deltaker_id == avbrutt.pk
