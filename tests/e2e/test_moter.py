"""Meetings in the browser, as the coordinator does it on her phone (375 px): she plans an information
meeting, puts a participant and a NAV-veileder on its list, and ticks who came at the door."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_coordinator_plans_an_information_meeting_and_ticks_who_came_on_her_phone(klokke, apne):
    page = apne("koordinator", mobil=True)
    page.goto("/")
    page.get_by_role("button", name="Vis meny").click()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Møter").click()
    expect(page.locator("h1")).to_have_text("Informasjons- og rekrutteringsmøter")
    page.get_by_role("link", name="Nytt møte").click()

    page.get_by_label("Type møte").select_option("informasjonsmote")
    page.get_by_label("Dato").fill("2026-12-02")
    page.get_by_label("Klokkeslett").fill("10:00")
    page.get_by_role("button", name="Registrer møtet").click()
    expect(page.locator("#div_id_sted")).to_contain_text("Skriv hvor møtet er.")  # said at the field
    expect(page.get_by_label("Klokkeslett")).to_have_value("10:00")  # nothing typed is lost
    page.get_by_label("Sted").fill("Lørenskog hus, møterom 3")
    page.get_by_role("button", name="Registrer møtet").click()
    expect(page.locator("h1")).to_have_text("Informasjonsmøte")
    expect(page.get_by_text("Onsdag 02.12.2026 kl. 10:00")).to_be_visible()

    page.get_by_role("link", name="Legg til deltaker").click()
    page.locator("#id_deltaker").select_option(label="Kidane, Rahel (BUA)")
    page.get_by_role("button", name="Legg til").click()
    liste = page.locator("#liste")
    expect(liste).to_contain_text("Rahel Kidane")
    expect(liste).to_contain_text("Tolk: tigrinja")

    page.get_by_role("link", name="Legg til ekstern").click()
    page.get_by_label("Navn").fill("Kari Nilsen")
    page.get_by_label("Rolle eller organisasjon").fill("NAV-veileder")
    page.get_by_label("Telefon").fill("912 34 567")
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_text("Kari Nilsen er lagt til.")).to_be_visible()

    page.get_by_role("link", name="Registrer oppmøte").click()
    expect(page.locator("h1")).to_have_text("Hvem møtte?")
    page.get_by_label("Rahel Kidane").check()
    page.get_by_label(re.compile("Kari Nilsen")).check()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    page.get_by_role("button", name="Lagre oppmøtet").click()
    expect(page.get_by_text("Oppmøtet er lagret: 2 av 2 møtte.")).to_be_visible()
    expect(page.locator("main").get_by_text("møtte", exact=True)).to_have_count(2)

    liste.get_by_role("link", name="Rahel Kidane").click()
    expect(page.locator("#h-moter").locator("xpath=..")).to_contain_text("Informasjonsmøte")
