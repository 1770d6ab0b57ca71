"""Issue #20 in the browser, as the coordinator does it: a name search typed on a Norwegian keyboard,
and the case page printed."""

import re

import pytest
from playwright.sync_api import expect

from .hjelp import logg_inn

pytestmark = pytest.mark.browser


def test_coordinator_finds_dogan_without_the_g_breve_and_prints_her_case_without_the_menu(apne):
    page = apne(None)
    logg_inn(page, "koordinator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    for sok in ("dogan", "Doğan, Zeynep"):
        page.get_by_label("Søk på navn").fill(sok)
        page.get_by_role("button", name="Søk").click()
        rader = page.get_by_role("table").locator("tbody tr")
        expect(rader).to_have_count(1)
        expect(rader.first).to_contain_text("Doğan, Zeynep")
    rader.get_by_role("link", name="Doğan, Zeynep").click()
    expect(page.locator("h1")).to_have_text(re.compile("Zeynep Doğan"))

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    expect(page.locator("main .btn").first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()


def test_a_keyboard_users_focus_ring_is_a_solid_dark_outline(apne):
    page = apne(None)
    logg_inn(page, "koordinator")
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/deltakere/")
    felt = page.get_by_label("Søk på navn")
    felt.focus()
    # --fagbrev-fokus, 8.9:1 on white, once Bootstrap's transition has run
    page.wait_for_function("() => getComputedStyle(document.activeElement).boxShadow.startsWith('rgb(11, 58, 110)')")
    for _ in range(20):  # on to the next button or link by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("() => ['A', 'BUTTON'].includes(document.activeElement.tagName)"):
            break
    stil = "getComputedStyle(document.activeElement)"
    fokus = page.evaluate(f"() => [{stil}.outlineStyle, {stil}.outlineWidth, {stil}.outlineColor]")
    assert fokus == ["solid", "3px", "rgb(11, 58, 110)"]
