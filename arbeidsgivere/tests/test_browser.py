"""The coordinator's journey in Chromium: employer → workplace → fadder → placement."""

import pytest

from arbeidsgivere.models import Arbeidsgiver, Plassering
from deltakere.tests.factories import DeltakerFactory
from fagbrev.tests.factories import FagretningFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_registers_employer_workplace_fadder_and_placement(live_server, page, koordinator, lorenskog):
    renhold = FagretningFactory(organisasjon=lorenskog, navn="Renholdsoperatør", krever_politiattest=False)
    deltaker = DeltakerFactory(fagretning=renhold, fornavn="Mulu", etternavn="Gebreyesus")

    page.goto(f"{live_server.url}/konto/logg-inn/")
    page.fill("input[name=username]", "koordinator")
    page.fill("input[name=password]", "fagbrev-test-passord")
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/arbeidsgivere/")
    page.click("text=Ny arbeidsgiver")
    page.fill("#id_navn", "Rent & Pent Renhold AS")
    page.fill("#id_orgnr", "974 760 674")  # wrong check digit
    page.check("text=Renholdsoperatør")
    page.click("button:has-text('Registrer')")
    assert page.locator("#feiloppsummering").is_visible()
    assert page.input_value("#id_navn") == "Rent & Pent Renhold AS"
    page.fill("#id_orgnr", "974 760 673")
    page.click("button:has-text('Registrer')")
    page.wait_for_selector("h1:has-text('Rent & Pent Renhold AS')")
    arbeidsgiver = Arbeidsgiver.objects.get()

    page.click("text=Nytt arbeidssted")
    page.fill("#id_navn", "Lørenskog rådhus")
    page.fill("#id_adresse", "Festplassen 1, 1473 Lørenskog")
    page.fill("#id_kapasitet", "2")
    page.click("button:has-text('Lagre')")
    page.click("text=Ny fadder")
    page.fill("#id_navn", "Fatima Osman")
    page.fill("#id_telefon", "41234567")
    page.click("button:has-text('Lagre')")
    assert page.locator("text=Fatima Osman").first.is_visible()

    page.goto(f"{live_server.url}/deltakere/{deltaker.pk}/")
    page.click("text=Ny plassering")
    page.select_option("#id_arbeidssted", label=f"{arbeidsgiver.navn} – Lørenskog rådhus")
    page.select_option("#id_fadder", label="Fatima Osman (Lørenskog rådhus)")
    page.fill("#id_fra", "2026-01-05")
    page.check("#id_ekstra_person_bekreftet")
    page.click("button:has-text('Plasser')")
    page.wait_for_selector("h1:has-text('Praksisplassering for Mulu Gebreyesus')")
    plassering = Plassering.objects.get()
    assert plassering.fadder.navn == "Fatima Osman" and plassering.ekstra_person_bekreftet
