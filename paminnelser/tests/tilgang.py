"""paminnelser's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "paminnelser:varsler": Rad(INGEN, alle(200, anonym=LOGIN)),
    "paminnelser:varsel_les": Rad(lambda o: {"pk": 1}, alle(405, anonym=LOGIN)),  # POST only
    "paminnelser:varsel_les_alle": Rad(INGEN, alle(405, anonym=LOGIN)),
    "paminnelser:varslingsvalg": Rad(INGEN, alle(200, anonym=LOGIN)),
    "paminnelser:arshjul": Rad(INGEN, alle(200, anonym=LOGIN, superbruker=403)),
    "paminnelser:kalender_opprett": Rad(INGEN, alle(405, anonym=LOGIN)),
    "paminnelser:kalender_tilbakekall": Rad(INGEN, alle(405, anonym=LOGIN)),
    "paminnelser:kalender_feed": Rad(lambda o: {"nokkel": "ukjent-adresse"}, alle(404)),
}
