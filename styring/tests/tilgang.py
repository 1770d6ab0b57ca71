"""styring's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py).

Coordinators enter and change; the steering group reads (403 on the entry pages); another organisation's
row is not found (404); roles without the reports get 403 as on the dashboard."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, KOORDINATORER, KUN_POST, LOGIN, STYRINGSGRUPPEN, Rad, alle


def _kostnad(o: dict) -> dict:
    from fagbrev.tests.factories import FagretningFactory
    from styring.tests.factories import KostnadFactory

    # a track of its own: a cost is about a track, not about the fixture's participant (the access-log walk)
    return {"pk": KostnadFactory(organisasjon=o["org"], fagretning=FagretningFactory(organisasjon=o["org"])).pk}


def _plan(o: dict) -> dict:
    from styring.tests.factories import SporplanFactory

    return {"pk": SporplanFactory(organisasjon=o["org"], opprettet_av=o["koordinator"]).pk}


LESES = alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=404)
SKRIVES = alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=404)

TILGANGSMATRISE: dict[str, Rad] = {
    "styring:okonomi": Rad(INGEN, STYRINGSGRUPPEN),
    "styring:kostnad_ny": Rad(INGEN, KOORDINATORER),
    "styring:kostnad_endre": Rad(_kostnad, SKRIVES),
    "styring:kostnad_slett": Rad(_kostnad, KUN_POST),
    "styring:sporplaner": Rad(INGEN, STYRINGSGRUPPEN),
    "styring:sporplan_ny": Rad(INGEN, KOORDINATORER),
    "styring:sporplan": Rad(_plan, LESES),
    "styring:sporplan_endre": Rad(_plan, SKRIVES),
    "styring:sporsteg_endre": Rad(lambda o: {**_plan(o), "nummer": 3}, SKRIVES),
}
