"""Helpers for the browser tests: logging in through the form, downloads, page width, and axe-core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# WCAG 2.1 AA (what universell utforming requires) plus axe's best practices; we fail on the
# serious and critical findings and report the rest.
AXE_TAGGER = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ALVORLIG = {"serious", "critical"}


def logg_inn(page: Page, brukernavn: str, passord: str | None = None) -> None:
    """Log in through the form, as a user would."""
    page.goto("/konto/logg-inn/")
    fyll_inn_innlogging(page, brukernavn, passord)


def fyll_inn_innlogging(page: Page, brukernavn: str, passord: str | None = None) -> None:
    """On the login page already (sent there when the session ran out): fill in and log in."""
    page.get_by_label("Brukernavn").fill(brukernavn)
    page.get_by_label("Passord").fill(passord or settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/konto/logg-inn/" not in url)


def last_ned(page: Page, klikk: Callable[[], None]) -> tuple[str, bytes]:
    """Click something that downloads a file, as the user would; return the file's name and content."""
    with page.expect_download() as nedlasting:
        klikk()
    fil = nedlasting.value
    return fil.suggested_filename, Path(fil.path()).read_bytes()


def sidebredde(page: Page) -> int:
    """How wide the page's content is; wider than the viewport means sideways scrolling."""
    return page.evaluate("() => document.documentElement.scrollWidth")


def axe_brudd(page: Page, *, kontrast: bool = True) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations (all impacts).

    The script comes from the test, never from our templates: `apne(..., axe=True)` adds it to every
    page of the context as an init script, which runs under our real Content-Security-Policy.
    `kontrast=False` leaves out color-contrast, about half of axe's time on our pages, for a view
    whose colours another view has already checked.
    """
    resultat = page.evaluate(
        "async ([tagger, kontrast]) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tagger}, resultTypes: ['violations'],"
        "  rules: {'color-contrast': {enabled: kontrast}}})",
        [AXE_TAGGER, kontrast],
    )
    return resultat["violations"]


def like_id(page: Page) -> list[str]:
    """Ids used more than once on the page: a label or link pointing at one of them may reach the wrong
    element (axe no longer checks this since WCAG 2.2 dropped 4.1.1, but the harm is the same)."""
    return page.evaluate(
        """() => { const n = {};
                   for (const e of document.querySelectorAll('[id]')) n[e.id] = (n[e.id] || 0) + 1;
                   return Object.keys(n).filter(k => n[k] > 1); }"""
    )


def beskriv(brudd: list[dict], sted: str) -> list[str]:
    """One readable line per violation and element: where, which rule, what to fix."""
    linjer = []
    for b in brudd:
        for node in b["nodes"][:5]:
            linjer.append(f"{sted}: [{b['impact']}] {b['id']} – {b['help']} – {' '.join(node['target'])}")
    return linjer
