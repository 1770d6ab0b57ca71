"""Accessibility (WCAG 2.1 AA, universell utforming): axe-core on every main page for every role
(tests/e2e/sider.py), no page wider than the phone, and the login and visit forms used with the
keyboard alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fagbrev.models import User

from .conftest import MOBIL
from .hjelp import ALVORLIG, axe_brudd, beskriv, like_id, sidebredde
from .sider import OFFENTLIGE, ROLLER, sider_for

pytestmark = pytest.mark.browser


def _sjekk(
    page, sider: list[tuple[str, int]], rapportfil: Path, *, bredde: int | None = None, kontrast: bool = True
) -> list[str]:
    """Open each page, check its status, run axe; return the serious and critical findings, ids used
    twice, and (given the phone's `bredde`) pages that scroll sideways (WCAG 1.4.10 Reflow).

    Error pages (403, 404) share one template: after the first of each kind the browser only asks
    for the status (with the same session), without drawing the page.
    """
    feil, alle, sett = [], {}, set()
    for sti, forventet in sider:
        if forventet != 200 and forventet in sett:
            status = page.request.get(sti, max_redirects=0).status
            if status != forventet:
                feil.append(f"{sti}: HTTP {status}, ventet {forventet}")
            continue
        sett.add(forventet)
        svar = page.goto(sti)
        if svar.status != forventet:
            feil.append(f"{sti}: HTTP {svar.status}, ventet {forventet}")
            continue
        brudd = axe_brudd(page, kontrast=kontrast)
        alle[sti] = [{"id": b["id"], "impact": b["impact"], "antall": len(b["nodes"])} for b in brudd]
        feil += beskriv([b for b in brudd if b["impact"] in ALVORLIG], sti)
        feil += [f"{sti}: id «{i}» brukes flere ganger" for i in like_id(page)]
        if bredde and sidebredde(page) > bredde:
            feil.append(f"{sti}: siden er {sidebredde(page)} px bred på en skjerm på {bredde} px")
    rapportfil.parent.mkdir(parents=True, exist_ok=True)
    rapportfil.write_text(json.dumps(alle, indent=2, ensure_ascii=False))
    return feil


# Every role at desktop width, and the faglærer, who works from her phone, at 375 px as well.
# Colour contrast follows the template and what the role is shown, not the organisation's data or
# the width: it is checked once per role (the faglærer on her phone, the coordinator in Lørenskog),
# to keep the suite fast; every other rule runs in every view.
VISNINGER = [
    ("koordinator", False, True),
    ("faglarer", True, True),
    ("faglarer", False, False),
    ("norsklarer", False, True),
    ("styring", False, True),
    ("koordinator.asker", False, False),
]
assert {rolle for rolle, _, _ in VISNINGER} == set(ROLLER)


@pytest.mark.parametrize(
    ("brukernavn", "mobil", "kontrast"),
    VISNINGER,
    ids=[f"{r}-{'mobil' if m else 'desktop'}" for r, m, _ in VISNINGER],
)
def test_every_main_page_has_no_serious_accessibility_violations(apne, brukernavn, mobil, kontrast, pytestconfig):
    page = apne(brukernavn, mobil=mobil, axe=True)
    sider = sider_for(User.objects.get(username=brukernavn))
    assert len(sider) >= 3
    rapport = Path(pytestconfig.getoption("--output")) / f"axe-{brukernavn}-{'mobil' if mobil else 'desktop'}.json"
    feil = _sjekk(page, sider, rapport, bredde=MOBIL["width"] if mobil else None, kontrast=kontrast)
    assert not feil, "\n".join(feil)


@pytest.mark.parametrize("mobil", [False, True], ids=["desktop", "mobil"])
def test_public_pages_have_no_serious_accessibility_violations(bare_brukere, apne, mobil, pytestconfig):
    page = apne(None, mobil=mobil, axe=True)
    rapport = Path(pytestconfig.getoption("--output")) / f"axe-offentlig-{'mobil' if mobil else 'desktop'}.json"
    feil = _sjekk(page, [(sti, 200) for sti in OFFENTLIGE], rapport, bredde=MOBIL["width"] if mobil else None)
    assert not feil, "\n".join(feil)


def test_login_form_with_errors_has_no_serious_accessibility_violations(bare_brukere, apne):
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


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(bare_brukere, apne):
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


def test_login_works_with_the_keyboard_alone_and_focus_is_always_visible(bare_brukere, apne):
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


def test_wrong_password_by_keyboard_puts_focus_on_the_error_summary_and_keeps_the_username(bare_brukere, apne):
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


def test_visit_form_works_with_the_keyboard_alone_and_an_error_takes_the_focus(apne):
    page = apne("faglarer", axe=True)
    page.goto("/oppfolging/besok/ny/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hopp til hovedinnhold")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _fokus(page) == "id_deltaker"  # the first field is the first stop in the main content
    assert _fokus_synlig(page)

    # She forgets to choose the participant and submits with Enter from a text field
    _tab_til(page, "id_tilstede")
    page.keyboard.type("Amina og fadder Eva Ramstad")
    page.keyboard.press("Enter")
    oppsummering = page.locator("#feiloppsummering")
    expect(oppsummering).to_be_focused()
    expect(oppsummering).to_contain_text("Deltaker: Feltet er påkrevet.")
    expect(page.get_by_label("Hvem var til stede")).to_have_value("Amina og fadder Eva Ramstad")
    feil = beskriv([b for b in axe_brudd(page) if b["impact"] in ALVORLIG], "besøksskjema med feil")
    assert not feil, "\n".join(feil)

    # The summary's link takes her to the field; she picks with the arrow keys
    page.keyboard.press("Tab")
    expect(oppsummering.get_by_role("link", name="Deltaker: Feltet er påkrevet.")).to_be_focused()
    page.keyboard.press("Enter")
    assert _fokus(page) == "id_deltaker"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Deltaker").locator("option:checked")).to_have_text("Hodan Abdi Warsame (BUA)")
    expect(page.get_by_text("Arbeidssted: Kjenn barnehage")).to_be_visible()

    _tab_til(page, "id_observert")
    page.keyboard.type("Hjalp to barn med påkledning før utetid.")
    _tab_til(page, "Lagre besøket")
    assert _fokus_synlig(page)
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Arbeidsplassbesøk \d\d\.\d\d\.\d{4}$"))
    expect(page.get_by_role("main")).to_contain_text("Hjalp to barn med påkledning før utetid.")
