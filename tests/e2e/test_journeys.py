"""The journeys users make, in a real browser: what we claim works for each role.

A journey for a new feature is a new test function here: `page = apne(None)`, `logg_inn(page, ...)`,
then click and type as the user would, and assert on what she sees.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from deltakere.models import Deltaker

from .hjelp import logg_inn

pytestmark = pytest.mark.browser


def _h1(page):
    return page.get_by_role("heading", level=1)


def test_coordinator_logs_in_and_opens_a_participants_case_from_the_list(apne):
    page = apne(None)
    logg_inn(page, "koordinator")
    expect(_h1(page)).to_have_text("Min oversikt")

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    expect(_h1(page)).to_have_text("Deltakere")
    page.get_by_label("Søk på navn").fill("yusuf")
    page.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(re.compile(r"\?q=yusuf"))
    rader = page.get_by_role("table").locator("tbody tr")
    expect(rader).to_have_count(1)

    rader.get_by_role("link", name="Yusuf, Amina").click()
    expect(_h1(page)).to_have_text("Amina Yusuf")
    expect(page.get_by_role("region", name="Fagbrevløp")).to_contain_text("Barne- og ungdomsarbeider")
    # the coordinator may see the identity number, masked
    expect(page.get_by_role("region", name="Person")).not_to_contain_text("Skjult")


def test_faglarer_on_her_phone_logs_in_and_sees_her_participants(apne):
    page = apne(None, mobil=True)
    logg_inn(page, "faglarer")
    mine = page.get_by_role("region", name="Mine deltakere")
    expect(mine).to_contain_text("Amina Yusuf")
    expect(mine).not_to_contain_text("Lina Haddad")  # taught by faglarer.helse
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, "siden er bredere enn telefonen"

    # the menu is folded away on a phone: open it, then go to the list
    meny = page.get_by_role("button", name="Vis meny")
    expect(meny).to_be_visible()
    meny.click()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    expect(_h1(page)).to_have_text("Deltakere")
    tabell = page.get_by_role("table")
    expect(tabell).to_contain_text("Yusuf, Amina")
    expect(tabell).not_to_contain_text("Haddad")
    expect(tabell).not_to_contain_text("Tesfamariam")  # NAV Asker's participant

    tabell.get_by_role("link", name="Yusuf, Amina").click()
    expect(_h1(page)).to_have_text("Amina Yusuf")
    expect(page.get_by_role("region", name="Person")).to_contain_text("Skjult")  # no identity number for her


def test_faglarer_opening_another_teachers_participant_by_url_gets_404(apne):
    andres = Deltaker.objects.get(fornavn="Lina", etternavn="Haddad")
    assert andres.faglarer.username == "faglarer.helse"
    page = apne(None)
    logg_inn(page, "faglarer")

    svar = page.goto(f"/deltakere/{andres.pk}/")
    assert svar.status == 404
    expect(_h1(page)).to_have_text("Fant ikke siden")
    expect(page.locator("body")).not_to_contain_text("Haddad")


def test_steering_group_logs_in_and_sees_no_case_files(apne):
    page = apne(None)
    logg_inn(page, "styring")
    expect(_h1(page)).to_have_text("Min oversikt")
    meny = page.get_by_role("navigation", name="Hovedmeny")
    expect(meny.get_by_role("link", name="Deltakere")).to_have_count(0)
    expect(meny.get_by_role("link", name="Arbeidsgivere")).to_have_count(0)
    # aggregates only: no participant's name anywhere on her overview
    innhold = page.locator("main").inner_text()
    navn = list(Deltaker.objects.values_list("etternavn", flat=True))
    assert navn and not [n for n in navn if n in innhold]

    assert page.goto("/deltakere/").status == 403
    expect(_h1(page)).to_have_text("Ingen tilgang")
    amina = Deltaker.objects.get(fornavn="Amina", etternavn="Yusuf")
    assert page.goto(f"/deltakere/{amina.pk}/").status == 404


def test_user_changes_her_password_and_logs_in_with_the_new_one(apne):
    page = apne(None)
    logg_inn(page, "norsklarer")
    page.get_by_role("button", name=re.compile("Sigrid Bakke")).click()
    page.get_by_role("link", name="Bytt passord").click()
    expect(_h1(page)).to_have_text("Bytt passord")

    page.get_by_label("Nåværende passord").fill("fagbrev-demo")
    page.get_by_label(re.compile(r"^\s*Nytt passord")).fill("kort")
    page.get_by_label("Gjenta nytt passord").fill("kort")
    page.get_by_role("button", name="Bytt passord").click()
    expect(page.locator("#feiloppsummering")).to_be_focused()

    page.get_by_label("Nåværende passord").fill("fagbrev-demo")
    page.get_by_label(re.compile(r"^\s*Nytt passord")).fill("Hestehov-og-kaffe-2026")
    page.get_by_label("Gjenta nytt passord").fill("Hestehov-og-kaffe-2026")
    page.get_by_role("button", name="Bytt passord").click()
    expect(_h1(page)).not_to_have_text("Bytt passord")

    page.get_by_role("button", name=re.compile("Sigrid Bakke")).click()
    page.get_by_role("button", name="Logg ut").click()
    logg_inn(page, "norsklarer", "Hestehov-og-kaffe-2026")
    expect(_h1(page)).to_have_text("Min oversikt")
