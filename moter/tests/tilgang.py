"""moter's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py).

Meetings: the organisation's coordinators write, its faglærere read; norsklærer, the steering group and
a superuser without a membership get 403; another organisation's meeting is not found (404). A
start-up meeting follows the placement's case (read by whoever sees it, recorded by her coordinators)."""

from __future__ import annotations

from fagbrev.tests.tilgang import KUN_POST, LOGIN, SAKEN_LESES, SAKEN_SKRIVES, Rad, alle, pk


def _mote(o: dict) -> dict:
    from moter.tests.factories import MoteFactory

    return {"pk": MoteFactory(organisasjon=o["org"], arrangor=o["koordinator"]).pk}


def _deltakelse(o: dict) -> dict:
    from moter.tests.factories import DeltakelseFactory

    d = DeltakelseFactory(mote__organisasjon=o["org"], mote__arrangor=o["koordinator"], deltaker=o["deltaker"])
    return {"pk": d.mote_id, "rad": d.pk}


def _ekstern(o: dict) -> dict:
    from moter.tests.factories import EksternFactory

    e = EksternFactory(mote__organisasjon=o["org"], mote__arrangor=o["koordinator"])
    return {"pk": e.mote_id, "rad": e.pk}


LISTE = alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=200)
NY = alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200)
LESES = alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=404)
SKRIVES = alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=404)

TILGANGSMATRISE: dict[str, Rad] = {
    "moter:liste": Rad(lambda o: {}, LISTE),
    "moter:ny": Rad(lambda o: {}, NY),
    "moter:detalj": Rad(_mote, LESES),
    "moter:endre": Rad(_mote, SKRIVES),
    "moter:slett": Rad(_mote, SKRIVES),
    "moter:oppmote": Rad(_mote, SKRIVES),
    "moter:deltaker_ny": Rad(_mote, SKRIVES),
    "moter:ekstern_ny": Rad(_mote, SKRIVES),
    "moter:deltakelse_fjern": Rad(_deltakelse, KUN_POST),
    "moter:ekstern_fjern": Rad(_ekstern, KUN_POST),
    "moter:oppstartsmote": Rad(pk("plassering"), SAKEN_LESES),
    "moter:oppstartsmote_endre": Rad(pk("plassering"), SAKEN_SKRIVES),
}
