"""personvern's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import SAKEN_SKRIVES, Rad, pk

TILGANGSMATRISE: dict[str, Rad] = {
    # Innsyn (personvern/): coordinators of the organisation only; teachers who see the case get 403.
    **{
        navn: Rad(pk("deltaker"), SAKEN_SKRIVES)
        for navn in ("personvern:innsyn", "personvern:innsyn_json", "personvern:innsyn_pdf", "personvern:innsyn_zip")
    },
}
