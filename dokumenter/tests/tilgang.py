"""dokumenter's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "dokumenter:oversikt": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "dokumenter:lag": Rad(
        lambda o: {"pk": o["deltaker"].pk, "type": "kontrakt"},
        alle(405, anonym=LOGIN),
    ),
    "dokumenter:last_ned": Rad(
        lambda o: {"pk": o["dokument"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "dokumenter:skann": Rad(
        lambda o: {"pk": o["dokument"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "dokumenter:skann_last_ned": Rad(
        lambda o: {"pk": o["dokument"].pk},
        alle(404, anonym=LOGIN),
    ),
    "dokumenter:profil": Rad(
        lambda o: {"org_pk": o["org"].pk},
        alle(404, anonym=LOGIN, koordinator=200),
    ),
    "dokumenter:logo": Rad(
        lambda o: {"org_pk": o["org"].pk},
        alle(404, anonym=LOGIN),
    ),
    "dokumenter:batch_bestill": Rad(
        lambda o: {"kull_pk": o["kull"].pk},
        alle(405, anonym=LOGIN),
    ),
    "dokumenter:jobb": Rad(
        lambda o: {"pk": o["jobb"].pk},
        alle(404, anonym=LOGIN, koordinator=200),
    ),
    "dokumenter:lag_objekt": Rad(
        lambda o: {"type": "motereferat", "pk": o["mote"].pk},
        alle(405, anonym=302),
    ),
    "dokumenter:batch_bestill_fagretning": Rad(
        lambda o: {"fagretning_pk": o["deltaker"].fagretning_id},
        alle(405, anonym=302),
    ),
    "dokumenter:jobb_zip": Rad(
        lambda o: {"pk": o["jobb"].pk},
        alle(404, anonym=LOGIN),
    ),
}
