"""Every URL pattern of the project, with every role, against one table of expected status codes.

A new URL without a row in MATRISE fails `test_every_url_pattern_is_in_the_matrix`. Objects in the
URLs belong to Lørenskog; `deltaker` is taught by `faglarer` and `norsklarer`; `koordinator_asker` is
the other organisation (404, never 403, so existence does not leak).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLLER = [
    "anonym",
    "koordinator",
    "faglarer",
    "annen_faglarer",
    "norsklarer",
    "styring",
    "koordinator_asker",
    "superbruker",
]

LOGIN = 302  # anonymous users are sent to the login page


@dataclass
class Rad:
    kwargs: Callable[[dict], dict]
    # role → expected status for GET
    forventet: dict[str, int]


def _alle(status: int, **unntak: int) -> dict[str, int]:
    return {rolle: unntak.get(rolle, status) for rolle in ROLLER}


INGEN = lambda o: {}  # noqa: E731

MATRISE: dict[str, Rad] = {
    "oversikt": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "helse": Rad(INGEN, _alle(200)),
    "login": Rad(INGEN, _alle(302, anonym=200)),  # logged-in users are sent on to their overview
    "logout": Rad(INGEN, _alle(405)),  # POST only
    "password_change": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "password_change_done": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "password_reset": Rad(INGEN, _alle(200)),
    "password_reset_done": Rad(INGEN, _alle(200)),
    "password_reset_confirm": Rad(lambda o: {"uidb64": "MQ", "token": "ugyldig"}, _alle(200)),
    "password_reset_complete": Rad(INGEN, _alle(200)),
    "deltakere:liste": Rad(INGEN, _alle(200, anonym=LOGIN, styring=403, superbruker=403)),
    "deltakere:detalj": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        _alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "arbeidsgivere:liste": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=200)
    ),
    "arbeidsgivere:detalj": Rad(lambda o: {"pk": o["arbeidsgiver"].pk}, _alle(404, anonym=LOGIN, koordinator=200)),
    "rapporter:styringsgruppe": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:styringsgruppe_excel": Rad(
        INGEN, _alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "paminnelser:varsler": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "paminnelser:varsel_les": Rad(lambda o: {"pk": 1}, _alle(405, anonym=LOGIN)),  # POST only
    "paminnelser:varsel_les_alle": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:varslingsvalg": Rad(INGEN, _alle(200, anonym=LOGIN)),
    "paminnelser:arshjul": Rad(INGEN, _alle(200, anonym=LOGIN, superbruker=403)),
    "paminnelser:kalender_opprett": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:kalender_tilbakekall": Rad(INGEN, _alle(405, anonym=LOGIN)),
    "paminnelser:kalender_feed": Rad(lambda o: {"nokkel": "ukjent-adresse"}, _alle(404)),
}


def _navn(moenster, prefiks: str = "") -> list[tuple[str, URLPattern]]:
    ut = []
    for p in moenster:
        if isinstance(p, URLResolver):
            if p.namespace == "admin" or str(p.pattern).startswith("admin/"):
                continue  # Django admin guards itself (staff only); tested separately below
            ny = f"{prefiks}{p.namespace}:" if p.namespace else prefiks
            ut += _navn(p.url_patterns, ny)
        elif p.name:
            ut.append((f"{prefiks}{p.name}", p))
    return ut


def test_every_url_pattern_is_in_the_matrix():
    navngitte = {navn for navn, _ in _navn(get_resolver().url_patterns)}
    mangler = sorted(navngitte - set(MATRISE))
    assert not mangler, f"URL-er uten rad i tilgangsmatrisen: {mangler}"
    overflodige = sorted(set(MATRISE) - navngitte)
    assert not overflodige, f"Rader i matrisen uten URL: {overflodige}"


@pytest.fixture
def objekter(personer, deltaker, annen_deltaker, fremmed_deltaker):
    from arbeidsgivere.tests.factories import ArbeidsgiverFactory

    return {
        **personer,
        "anonym": None,
        "deltaker": deltaker,
        "arbeidsgiver": ArbeidsgiverFactory(organisasjon=deltaker.organisasjon),
    }


@pytest.mark.parametrize("navn", sorted(MATRISE))
def test_access_matrix(client, objekter, navn):
    from django.urls import reverse

    rad = MATRISE[navn]
    url = reverse(navn, kwargs=rad.kwargs(objekter))
    faktisk = {}
    for rolle in ROLLER:
        client.logout()
        if objekter[rolle] is not None:
            client.force_login(objekter[rolle])
        faktisk[rolle] = client.get(url).status_code
    assert faktisk == rad.forventet


def test_django_admin_is_for_superusers_only(client, koordinator, superbruker):
    client.force_login(koordinator)
    assert client.get("/admin/").status_code == 302
    client.force_login(superbruker)
    assert client.get("/admin/").status_code == 200
