"""oppfolging's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "oppfolging:oversikt": Rad(
        INGEN,
        alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403),
    ),
    "oppfolging:besok_ny": Rad(
        INGEN,
        alle(200, anonym=LOGIN, norsklarer=403, styring=403, superbruker=403),
    ),
    "oppfolging:besok": Rad(
        lambda o: {"pk": o["besok"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "oppfolging:besok_endre": Rad(
        lambda o: {"pk": o["besok"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:samtale_ny": Rad(
        lambda o: {"deltaker_pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:samtale": Rad(
        lambda o: {"pk": o["samtale"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "oppfolging:samtale_endre": Rad(
        lambda o: {"pk": o["samtale"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=403),
    ),
    "oppfolging:mote_ny": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "oppfolging:mote": Rad(
        lambda o: {"pk": o["mote"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200),
    ),
    "oppfolging:tiltak_utfort": Rad(
        lambda o: {"pk": o["tiltak"].pk},
        alle(405, anonym=LOGIN),
    ),
    "oppfolging:faddersamling_ny": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
}
