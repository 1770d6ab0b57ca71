"""deltakere's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, KOORDINATORER, KUN_POST, LOGIN, SAKEN_LESES, SAKEN_SKRIVES, Rad, alle, pk

TILGANGSMATRISE: dict[str, Rad] = {
    "deltakere:liste": Rad(INGEN, alle(200, anonym=LOGIN, styring=403, superbruker=403)),
    "deltakere:detalj": Rad(pk("deltaker"), SAKEN_LESES),
    "deltakere:ny": Rad(INGEN, KOORDINATORER),
    "deltakere:finn": Rad(INGEN, KUN_POST),
    "deltakere:import": Rad(INGEN, KOORDINATORER),
    "deltakere:importmal": Rad(lambda o: {"format": "xlsx"}, KOORDINATORER),
    "deltakere:eksport": Rad(lambda o: {"format": "csv"}, KOORDINATORER),
    "deltakere:kriterier": Rad(pk(fagretning_id="fagretning"), alle(404, anonym=LOGIN, koordinator=200)),
    "deltakere:endre": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:kartlegging": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:opptak": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:inntak": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:status": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:permisjon": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:avbrudd": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:rute_bytt": Rad(pk("deltaker"), SAKEN_SKRIVES),
    # a case without a planned change: her coordinator is sent back to the case page
    "deltakere:planlagt_flytt": Rad(pk("deltaker"), {**SAKEN_SKRIVES, "koordinator": 302}),
    "deltakere:planlagt_trekk": Rad(pk("deltaker"), KUN_POST),
    "deltakere:permisjon_godkjenning": Rad(lambda o: {"pk": o["deltaker"].pk, "permisjon_id": 1}, KUN_POST),
    # Outcome after the pathway: coordinators write; teachers read it on the case page, not here.
    "deltakere:utfall": Rad(lambda o: {"pk": o["deltaker"].pk, "tidspunkt": "ved_fullforing"}, SAKEN_SKRIVES),
    "deltakere:dokument_last_opp": Rad(pk("deltaker"), SAKEN_SKRIVES),
    "deltakere:utstyr": Rad(pk("deltaker"), SAKEN_SKRIVES),
    # an uploaded CV (field group «dokumenter»): the consent does not give it to teachers
    "deltakere:dokument": Rad(pk("opplastet"), {**SAKEN_LESES, "faglarer": 403, "norsklarer": 403}),
    "deltakere:utstyr_retur": Rad(pk("utstyrslan"), KUN_POST),
}
