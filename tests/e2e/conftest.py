"""Browser tests: Debian's Chromium (root conftest) against pytest-django's live server with the demo data.

Each test gets a fresh copy of the demo data (`seed_demo`, about 2 s) in a transactional database
that the live server thread shares. Open pages with `apne(brukernavn)`: a new browser context,
already logged in unless `brukernavn` is None, at desktop size or `mobil=True` (375×812), with
axe-core in every page if `axe=True`. A test whose assertions depend on the date asks for `klokke`
before `apne`: the server's clock is then frozen at START (23.11.2026). When a test fails, every
page it opened is saved as a full-page screenshot under test-results/.
"""

from __future__ import annotations

import datetime
import random
import re
import zoneinfo
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page

from .hjelp import AXE

DESKTOP = {"width": 1280, "height": 900}
MOBIL = {"width": 375, "height": 812}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see in teardown if the test failed."""
    rapport = yield
    setattr(item, f"rapport_{rapport.when}", rapport)
    return rapport


# The moment the frozen journeys start: a Monday in the autumn semester of 2026.
START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))


@pytest.fixture
def klokke() -> Iterator[time_machine.Traveller]:
    """Freeze the clock at START (ticking on), for the test and the live server: it runs in this
    process, so the date rules see the same day whatever the calendar says. Ask for it before
    `apne`, so the demo data is made on that day too; `klokke.move_to(...)` jumps ahead.

    The browser keeps its own clock; that is harmless: session cookies end with the browser,
    the CSRF cookie carries Max-Age, and every date rule is decided on the server.
    """
    with time_machine.travel(START, tick=True) as reise:
        yield reise


@pytest.fixture
def demo_url(live_server, transactional_db, settings, request) -> str:
    """The live server's address, with the demo data loaded (seed_demo refuses to run without DEBUG).

    A test that asks for `bare_brukere` gets the organisations, users and tracks only, in a tenth
    of the time: enough for logging in and for pages that need no cases.
    """
    if "bare_brukere" in request.fixturenames:
        from django.utils import timezone

        from fagbrev.demo import Demo, seed_kjerne

        seed_kjerne(Demo(idag=timezone.localdate(), rng=random.Random(2026)))
        return live_server.url
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    return live_server.url


@pytest.fixture
def bare_brukere() -> None:
    """Ask for it (before `apne`) when the test needs the demo users but none of the demo cases."""


def innloggingscookie(brukernavn: str, url: str) -> dict:
    """A session cookie for the user, made without the login form (for tests that are not about logging in)."""
    from fagbrev.models import User

    client = Client()
    client.force_login(User.objects.get(username=brukernavn))
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


def ny_kontekst(
    browser: Browser, url: str, brukernavn: str | None, *, mobil: bool, axe: bool, tidsgrense: int, **kontekst_args
) -> BrowserContext:
    """A browser context at `url` as a user in Norway has it: at desktop size, or a phone 375 px wide with
    touch; logged in as `brukernavn` unless None; with axe-core in every page if `axe`."""
    kontekst = browser.new_context(
        base_url=url,
        viewport=MOBIL if mobil else DESKTOP,
        is_mobile=mobil,
        has_touch=mobil,
        locale="nb-NO",
        timezone_id="Europe/Oslo",
        **kontekst_args,
    )
    kontekst.set_default_timeout(tidsgrense)
    if axe:
        kontekst.add_init_script(path=str(AXE))
    if brukernavn:
        kontekst.add_cookies([innloggingscookie(brukernavn, url)])
    return kontekst


@pytest.fixture
def apne(browser: Browser, demo_url: str, request, pytestconfig) -> Iterator[Callable[..., Page]]:
    """Open a page as a user: `apne("faglarer", mobil=True)`; `apne(None)` for a visitor who is not logged in."""
    kontekster: list[BrowserContext] = []

    def _apne(brukernavn: str | None, *, mobil: bool = False, axe: bool = False, **kontekst_args) -> Page:
        kontekst = ny_kontekst(browser, demo_url, brukernavn, mobil=mobil, axe=axe, tidsgrense=5_000, **kontekst_args)
        kontekster.append(kontekst)
        return kontekst.new_page()

    yield _apne

    rapport = getattr(request.node, "rapport_call", None)
    if rapport is not None and rapport.failed:
        mappe = Path(pytestconfig.getoption("--output"))
        mappe.mkdir(parents=True, exist_ok=True)
        navn = re.sub(r"[^\w.-]+", "-", request.node.nodeid.split("::", 1)[-1]).strip("-")
        for k, kontekst in enumerate(kontekster):
            for s, side in enumerate(kontekst.pages):
                sti = mappe / f"{navn}-{k}-{s}.png"
                side.screenshot(path=str(sti), full_page=True)
                print(f"Skjermbilde ved feil: {sti} ({side.url})")
    for kontekst in kontekster:
        kontekst.close()
