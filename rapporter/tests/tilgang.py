"""rapporter's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, LOGIN, Rad, alle

TILGANGSMATRISE: dict[str, Rad] = {
    "rapporter:styringsgruppe": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:styringsgruppe_excel": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:styringsgruppe_pdf": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:arsrapport": Rad(INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)),
    "rapporter:arsrapport_excel": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
    "rapporter:arsrapport_pdf": Rad(
        INGEN, alle(403, anonym=LOGIN, koordinator=200, styring=200, koordinator_asker=200)
    ),
}
