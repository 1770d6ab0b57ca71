"""personvern's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    # Innsyn (personvern/): coordinators of the organisation only; teachers who see the case get 403.
    **{
        navn: Rad(
            lambda o: {"pk": o["deltaker"].pk},
            alle(404, anonym=LOGIN, koordinator=200, faglarer=403, norsklarer=403),
        )
        for navn in ("personvern:innsyn", "personvern:innsyn_json", "personvern:innsyn_pdf", "personvern:innsyn_zip")
    },
}
