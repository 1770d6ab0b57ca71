"""oppfolging's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, KOORDINATORER, KUN_POST, LOGIN, SAKEN_LESES, Rad, alle, pk

TILGANGSMATRISE: dict[str, Rad] = {
    "oppfolging:oversikt": Rad(INGEN, alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403)),
    "oppfolging:besok_ny": Rad(INGEN, alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403)),
    "oppfolging:besok": Rad(pk("besok"), SAKEN_LESES),
    "oppfolging:besok_endre": Rad(pk("besok"), alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403)),
    "oppfolging:samtale_ny": Rad(
        pk(deltaker_pk="deltaker"), alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403)
    ),
    "oppfolging:samtale": Rad(pk("samtale"), SAKEN_LESES),
    "oppfolging:samtale_endre": Rad(
        pk("samtale"), alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403)
    ),
    "oppfolging:mote_ny": Rad(INGEN, KOORDINATORER),
    "oppfolging:mote": Rad(pk("mote"), alle(404, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200)),
    "oppfolging:tiltak_utfort": Rad(pk("tiltak"), KUN_POST),
    "oppfolging:faddersamling_ny": Rad(INGEN, KOORDINATORER),
}
