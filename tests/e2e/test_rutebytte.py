"""NAV Asker's coordinator switches a praksiskandidat in paid work for over a year to Fagbrev på jobb, on
a phone: the case, «Bytt løp», the form, and the switch in the case's history (issue #20)."""

import re

import pytest
from playwright.sync_api import expect

from .hjelp import ALVORLIG, axe_brudd, beskriv, sidebredde

pytestmark = pytest.mark.browser


def test_the_asker_coordinator_switches_a_praksiskandidat_to_fagbrev_pa_jobb(klokke, apne):
    page = apne("koordinator.asker", mobil=True, axe=True)
    page.goto("/deltakere/")
    page.get_by_label("Søk på navn").fill("tesfamariam")
    page.get_by_role("button", name="Søk").click()
    page.get_by_role("link", name=re.compile("Tesfamariam")).first.click()
    expect(page.locator("h1")).to_have_text(re.compile("Yonas Tesfamariam"))

    page.get_by_role("link", name="Bytt løp").click()
    expect(page.locator("h1")).to_have_text(re.compile("Bytt løp"))
    expect(page.get_by_text("Nå: Praksiskandidat i Betongfaget")).to_be_visible()
    page.get_by_label("Nytt løp").select_option(label="Fagbrev på jobb")
    page.get_by_label("Gjelder fra").fill("2026-11-20")
    page.get_by_label("Begrunnelse").fill("Fast ansatt med lønn i over ett år.")
    brudd = [b for b in axe_brudd(page) if b["impact"] in ALVORLIG]
    assert not brudd, beskriv(brudd, "Bytt løp")
    assert sidebredde(page) <= 375
    page.get_by_role("button", name="Bytt løp").click()

    expect(page.get_by_text("Løpet er byttet.")).to_be_visible()
    historikk = page.locator("#rutebytter")
    expect(historikk).to_contain_text("20.11.2026")
    expect(historikk).to_contain_text("Praksiskandidat → Fagbrev på jobb")
    expect(historikk).to_contain_text("Fast ansatt med lønn i over ett år.")
    assert sidebredde(page) <= 375
