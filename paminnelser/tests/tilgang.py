"""paminnelser's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, INNLOGGET, KUN_POST, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "paminnelser:varsler": Rad(INGEN, INNLOGGET),
    "paminnelser:varsel_les": Rad(lambda o: {"pk": 1}, KUN_POST),  # POST only
    "paminnelser:varsel_les_alle": Rad(INGEN, KUN_POST),
    "paminnelser:varslingsvalg": Rad(INGEN, INNLOGGET),
    "paminnelser:arshjul": Rad(INGEN, alle(200, anonym=LOGIN, superbruker=403)),
    "paminnelser:kalender_opprett": Rad(INGEN, KUN_POST),
    "paminnelser:kalender_tilbakekall": Rad(INGEN, KUN_POST),
    "paminnelser:kalender_feed": Rad(lambda o: {"nokkel": "ukjent-adresse"}, alle(404)),
}
