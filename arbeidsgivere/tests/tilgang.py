"""arbeidsgivere's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "arbeidsgivere:liste": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, faglarer=200, annen_faglarer=200, koordinator_asker=200)
    ),
    "arbeidsgivere:detalj": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk}, alle(404, anonym=LOGIN, koordinator=200, faglarer=200)
    ),
    "arbeidsgivere:ny": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "arbeidsgivere:endre": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:arbeidssted_ny": Rad(
        lambda o: {"pk": o["arbeidsgiver"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:arbeidssted_endre": Rad(
        lambda o: {"pk": o["arbeidssted"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:kontaktperson_ny": Rad(
        lambda o: {"pk": o["arbeidssted"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:kontaktperson_endre": Rad(
        lambda o: {"pk": o["fadder"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403),
    ),
    "arbeidsgivere:plassering_ny": Rad(
        lambda o: {"deltaker_pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:plassering": Rad(
        lambda o: {"pk": o["plassering"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "arbeidsgivere:plassering_endre": Rad(
        lambda o: {"pk": o["plassering"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:plassering_avslutt": Rad(
        lambda o: {"pk": o["plassering"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_ny": Rad(
        lambda o: {"pk": o["plassering"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:evaluering_ny": Rad(
        lambda o: {"pk": o["plassering"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_endre": Rad(
        lambda o: {"pk": o["avtale"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "arbeidsgivere:avtale_status": Rad(
        lambda o: {"pk": o["avtale"].pk},
        alle(405, anonym=LOGIN),
    ),
    "arbeidsgivere:avtale_signer": Rad(
        lambda o: {"pk": o["avtale"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
}
