"""deltakere's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "deltakere:liste": Rad(INGEN, alle(200, anonym=LOGIN, styring=403, superbruker=403)),
    "deltakere:detalj": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "deltakere:ny": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:finn": Rad(
        INGEN,
        alle(405, anonym=LOGIN),
    ),
    "deltakere:import": Rad(
        INGEN,
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:importmal": Rad(
        lambda o: {"format": "xlsx"},
        alle(403, anonym=LOGIN, koordinator=200, koordinator_asker=200),
    ),
    "deltakere:kriterier": Rad(
        lambda o: {"fagretning_id": o["fagretning"].pk},
        alle(404, anonym=LOGIN, koordinator=200),
    ),
    "deltakere:endre": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:kartlegging": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:opptak": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:inntak": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:status": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:permisjon": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:avbrudd": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    # Outcome after the pathway: coordinators write; teachers read it on the case page, not here.
    "deltakere:utfall": Rad(
        lambda o: {"pk": o["deltaker"].pk, "tidspunkt": "ved_fullforing"},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:dokument_last_opp": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:utstyr": Rad(
        lambda o: {"pk": o["deltaker"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
    ),
    "deltakere:dokument": Rad(
        lambda o: {"pk": o["opplastet"].pk},
        alle(404, anonym=LOGIN, koordinator=200, faglarer=200, norsklarer=200),
    ),
    "deltakere:utstyr_retur": Rad(
        lambda o: {"pk": o["utstyrslan"].pk},
        alle(405, anonym=LOGIN),
    ),
}
