"""lop's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "lop:kontrakt": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "lop:kontrakt_status": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:sjekkpunkt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "sjekkpunkt_pk": o["sjekkpunkt"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:permisjon": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:eksamen": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "lop:eksamen_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "eksamen_pk": o["eksamen"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:fagprove": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:fagprove_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "fagprove_pk": o["fagprove"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:norsk": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "lop:opplaeringsplan": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "lop:planpunkt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "punkt_pk": o["planpunkt"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:praksis": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "lop:stipend": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "lop:stipendvedtak_endre": Rad(
        lambda o: {"pk": o["deltaker"].pk, "vedtak_pk": o["stipendvedtak"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:stipendvedtak_avslutt": Rad(
        lambda o: {"pk": o["deltaker"].pk, "vedtak_pk": o["stipendvedtak"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:fagretning": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        alle(200, anonym=LOGIN, styring=404, koordinator_asker=404, superbruker=404),
    ),
    "lop:kompetansemal_ny": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:kompetansemal_endre": Rad(
        lambda o: {"pk": o["fagretning"].pk, "mal_pk": o["kompetansemal"].pk},
        alle(405, anonym=LOGIN),
    ),
    "lop:manedstema_ny": Rad(
        lambda o: {"pk": o["fagretning"].pk},
        alle(405, anonym=LOGIN),
    ),
}
