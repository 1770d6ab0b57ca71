"""Accessibility (WCAG 2.1 AA, universell utforming): axe-core on every main page for every role,
and the login form used with the keyboard alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fagbrev.models import User

from .hjelp import ALVORLIG, axe_brudd, beskriv
from .sider import OFFENTLIGE, ROLLER, sider_for

pytestmark = pytest.mark.browser


def _sjekk(page, sider: list[tuple[str, int]], rapportfil: Path) -> list[str]:
    """Open each page, check its status, run axe; return the serious and critical findings.

    Error pages (403, 404) share one template: axe checks the first of each kind only.
    """
    feil, alle, sett = [], {}, set()
    for sti, forventet in sider:
        svar = page.goto(sti)
        if svar.status != forventet:
            feil.append(f"{sti}: HTTP {svar.status}, ventet {forventet}")
            continue
        if forventet != 200 and forventet in sett:
            continue
        sett.add(forventet)
        brudd = axe_brudd(page)
        alle[sti] = [{"id": b["id"], "impact": b["impact"], "antall": len(b["nodes"])} for b in brudd]
        feil += beskriv([b for b in brudd if b["impact"] in ALVORLIG], sti)
    rapportfil.parent.mkdir(parents=True, exist_ok=True)
    rapportfil.write_text(json.dumps(alle, indent=2, ensure_ascii=False))
    return feil


# Every role at desktop width, and the faglærer, who works from her phone, at 375 px as well.
VISNINGER = [(rolle, False) for rolle in ROLLER] + [("faglarer", True)]


@pytest.mark.parametrize(
    ("brukernavn", "mobil"), VISNINGER, ids=[f"{r}-{'mobil' if m else 'desktop'}" for r, m in VISNINGER]
)
def test_every_main_page_has_no_serious_accessibility_violations(apne, brukernavn, mobil, pytestconfig):
    page = apne(brukernavn, mobil=mobil, axe=True)
    sider = sider_for(User.objects.get(username=brukernavn))
    assert len(sider) >= 3
    rapport = Path(pytestconfig.getoption("--output")) / f"axe-{brukernavn}-{'mobil' if mobil else 'desktop'}.json"
    feil = _sjekk(page, sider, rapport)
    assert not feil, "\n".join(feil)


@pytest.mark.parametrize("mobil", [False, True], ids=["desktop", "mobil"])
def test_public_pages_have_no_serious_accessibility_violations(apne, mobil, pytestconfig):
    page = apne(None, mobil=mobil, axe=True)
    rapport = Path(pytestconfig.getoption("--output")) / f"axe-offentlig-{'mobil' if mobil else 'desktop'}.json"
    feil = _sjekk(page, [(sti, 200) for sti in OFFENTLIGE], rapport)
    assert not feil, "\n".join(feil)


def test_login_form_with_errors_has_no_serious_accessibility_violations(apne):
    page = apne(None, axe=True)
    page.goto("/konto/logg-inn/")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.locator("#feiloppsummering")).to_be_visible()
    feil = beskriv([b for b in axe_brudd(page) if b["impact"] in ALVORLIG], "innlogging med feil")
    assert not feil, "\n".join(feil)


def _fokus(page) -> str:
    """A short description of the focused element: its id, else its text."""
    return page.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()")


def _tab_til(page, element_id: str, maks: int = 10) -> None:
    for _ in range(maks):
        page.keyboard.press("Tab")
        if _fokus(page) == element_id:
            return
    raise AssertionError(f"Nådde ikke #{element_id} med Tab; fokus står på «{_fokus(page)}»")


def _fokus_synlig(page) -> bool:
    """The focused element shows a focus ring (outline or Bootstrap's box-shadow)."""
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""
    )


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(apne):
    page = apne("koordinator")
    page.goto("/deltakere/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innhold"
    page.keyboard.press("Tab")
    # The next stop is inside the main content (the page's first action), not the menu.
    assert page.evaluate("() => !!document.activeElement.closest('#innhold')")
    assert not page.evaluate("() => !!document.activeElement.closest('header')")


def test_login_works_with_the_keyboard_alone_and_focus_is_always_visible(apne):
    page = apne(None)
    page.goto("/konto/logg-inn/")
    assert _fokus(page) == "id_username"  # autofocus: the user can type at once
    assert _fokus_synlig(page)
    page.keyboard.type("faglarer")
    page.keyboard.press("Tab")
    assert _fokus(page) == "id_password"
    assert _fokus_synlig(page)
    page.keyboard.type("fagbrev-demo")
    page.keyboard.press("Tab")
    assert _fokus(page) == "Logg inn"
    assert _fokus_synlig(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min oversikt")


def test_wrong_password_by_keyboard_puts_focus_on_the_error_summary_and_keeps_the_username(apne):
    page = apne(None)
    page.goto("/konto/logg-inn/")
    page.keyboard.type("faglarer")
    page.keyboard.press("Tab")
    page.keyboard.type("feil-passord")
    page.keyboard.press("Enter")
    expect(page.locator("#feiloppsummering")).to_be_focused()
    expect(page.locator("#feiloppsummering")).to_contain_text("Feil brukernavn eller passord")
    expect(page.get_by_label("Brukernavn")).to_have_value("faglarer")
    _tab_til(page, "id_password")
    page.keyboard.type("fagbrev-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min oversikt")
