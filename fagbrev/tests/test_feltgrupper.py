"""What of a case each role sees: one list in the access policy, read by the case page, the downloads and
the consent form the participant signs (fagbrev/permissions.py SYNLIGE_FELTGRUPPER)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from deltakere.models import Avbrudd, Deltaker, Kartlegging
from deltakere.tests.factories import PermisjonFactory
from dokumenter.tests.pdfhjelp import flat, pdf_tekst
from fagbrev import permissions
from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, OBJEKTDOKUMENTER
from fagbrev.permissions import FAGLARER, FELTGRUPPER, KOORDINATOR, NORSKLARER, SYNLIGE_FELTGRUPPER

# What each field group looks like on the case page of the `saken` fixture.
SPOR = {
    "kartlegging": ["Sosialstønad", "Enslig forsørger", "Barnepass etter klokken 15"],
    "adresse": ["Kardemommeveien 17"],
    "fravarsgrunner": ["Syk familie i hjemlandet", "Flyttet til Bergen"],
    "dokumenter": ["Amina CV.pdf"],
    "utstyr": ["iPad-7"],  # the card, and the loan's event in the history
    "opptak": ["Henvist</dt>", "Opptak og inntakssamtale"],
}
SYNLIG_FOR_LAERER = {"identitet": ["Amina Yusuf"], "kontakt": ["+47 412 34 567", "amina@eksempel.no"]}


@pytest.fixture
def saken(deltaker, koordinator):
    from deltakere import services
    from deltakere.tests.factories import lag_pdf

    org = deltaker.organisasjon
    Deltaker.objects.filter(pk=deltaker.pk).update(
        telefon="41234567", epost="amina@eksempel.no", adresse="Kardemommeveien 17", henvist_av="nav"
    )
    Kartlegging.objects.create(
        organisasjon=org,
        deltaker=deltaker,
        intervjudato=datetime.date(2026, 1, 10),
        inntektsgrunnlag=Kartlegging.Inntekt.SOSIALSTONAD,
        malgruppe=Kartlegging.Malgruppe.ENSLIG_FORSORGER,
        hindringer_oppmote="Barnepass etter klokken 15",
    )
    PermisjonFactory(
        deltaker=deltaker,
        fra=datetime.date(2026, 3, 1),
        til=datetime.date(2026, 3, 31),
        arsak="Syk familie i hjemlandet",
    )
    Avbrudd.objects.create(
        organisasjon=org,
        deltaker=deltaker,
        dato=datetime.date(2026, 6, 1),
        kategori=Avbrudd.Kategori.FLYTTET,
        arsak="Flyttet til Bergen",
        utfort_av=koordinator,
    )
    services.dokument_last_opp(
        deltaker=deltaker, fil=SimpleUploadedFile("Amina CV.pdf", lag_pdf()), type="cv", utfort_av=koordinator
    )
    services.utstyr_lan_ut(
        deltaker=deltaker, hva="iPad-7", serienummer="X", utlant=datetime.date(2026, 1, 5), utfort_av=koordinator
    )
    deltaker.refresh_from_db()
    return deltaker


def test_every_field_group_of_every_role_is_known_and_the_coordinator_sees_them_all():
    assert SYNLIGE_FELTGRUPPER[KOORDINATOR] == frozenset(FELTGRUPPER)
    for grupper in SYNLIGE_FELTGRUPPER.values():
        assert grupper <= set(FELTGRUPPER)
    for definisjon in [*DELTAKERDOKUMENTER.values(), *OBJEKTDOKUMENTER.values()]:
        assert definisjon.feltgruppe in FELTGRUPPER, definisjon.type
    with pytest.raises(ValueError):
        permissions.can_see_feltgruppe(None, None, "alt")


@pytest.mark.parametrize("rolle", ["faglarer", "norsklarer"])
def test_a_teachers_case_page_shows_only_what_the_consent_gives_teachers(client, personer, saken, rolle):
    client.force_login(personer[rolle])
    html = client.get(f"/deltakere/{saken.pk}/").content.decode()
    for gruppe, tekster in SPOR.items():
        assert gruppe not in SYNLIGE_FELTGRUPPER[rolle]
        for tekst in tekster:
            assert tekst not in html, (gruppe, tekst)
    for tekster in SYNLIG_FOR_LAERER.values():
        assert all(t in html for t in tekster)
    assert "Permisjon 01.03.2026–31.03.2026" in html  # leave periods are attendance; the reason is not


def test_the_coordinator_sees_every_field_group_on_the_case_page(client, koordinator, saken):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{saken.pk}/").content.decode()
    for gruppe, tekster in {**SPOR, **SYNLIG_FOR_LAERER}.items():
        assert all(t in html for t in tekster), gruppe


@pytest.mark.parametrize(("rolle", "status"), [("koordinator", 200), ("faglarer", 403), ("norsklarer", 403)])
def test_the_cv_is_downloaded_only_by_those_the_consent_names(client, personer, saken, rolle, status):
    dokument = saken.dokumenter.get()
    client.force_login(personer[rolle])
    assert client.get(f"/deltakere/dokument/{dokument.pk}/").status_code == status


def test_the_consent_form_tells_the_participant_exactly_what_the_policy_lets_teachers_see(koordinator, saken):
    from dokumenter import services

    Deltaker.objects.filter(pk=saken.pk).update(status=Deltaker.Status.I_OPPLAERING)
    saken.refresh_from_db()
    dokument = services.dokument_lag(type="kontrakt", deltaker=saken, utfort_av=koordinator)
    with dokument.fil.open("rb") as f:
        tekst = flat(pdf_tekst(f.read()))
    rad = tekst.split("Faglærer og norsklærer", 1)[1].split("Arbeidsplassen (leder og fadder)", 1)[0]
    assert SYNLIGE_FELTGRUPPER[FAGLARER] == SYNLIGE_FELTGRUPPER[NORSKLARER]  # one row for both
    ja, _, nei = rad.partition(". Ikke ")
    for navn, (kort, lang) in FELTGRUPPER.items():
        if navn in SYNLIGE_FELTGRUPPER[FAGLARER]:
            assert lang in flat(ja).lower(), navn
        else:
            assert kort in nei, navn
    assert "inntekt, målgruppe og hindringer" not in flat(ja)


@pytest.mark.parametrize(("rolle", "vises"), [("koordinator", True), ("faglarer", False), ("norsklarer", False)])
def test_the_reason_for_leave_on_the_learning_contract_follows_the_list(client, personer, deltaker, rolle, vises):
    from lop.tests.factories import laerekontrakt

    laerekontrakt(deltaker)
    PermisjonFactory(
        deltaker=deltaker, fra=datetime.date(2026, 3, 1), til=datetime.date(2026, 3, 20), arsak="Sykehusopphold"
    )
    client.force_login(personer[rolle])
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert "01.03.2026–20.03.2026" in html
    assert ("Sykehusopphold" in html) is vises


def test_a_teachers_history_holds_only_the_events_of_what_she_sees(client, faglarer, koordinator, saken):
    from fagbrev.permissions import hendelse_feltgruppe
    from fagbrev.services import hendelse_logg

    hendelse_logg(handling="oppfolging.besok.registrert", objekt=saken, utfort_av=faglarer, beskrivelse="Besøk 1")
    hendelse_logg(handling="deltakere.kartlegging.lagret", objekt=saken, utfort_av=koordinator, beskrivelse="Kartl.")
    hendelse_logg(handling="deltakere.status.endret", objekt=saken, utfort_av=koordinator, beskrivelse="Avslått: X")
    assert [hendelse_feltgruppe(h) for h in ("oppfolging.besok.registrert", "deltakere.status.endret", "ny.type")] == [
        "vurderinger",
        "historikk",
        "historikk",
    ]
    client.force_login(faglarer)
    tidslinje = client.get(f"/deltakere/{saken.pk}/").content.decode().split('id="h-tidslinje"', 1)[1]
    assert "Besøk 1" in tidslinje and "Kartl." not in tidslinje and "Avslått: X" not in tidslinje
    client.force_login(koordinator)
    tidslinje = client.get(f"/deltakere/{saken.pk}/").content.decode().split('id="h-tidslinje"', 1)[1]
    assert all(t in tidslinje for t in ("Besøk 1", "Kartl.", "Avslått: X"))
