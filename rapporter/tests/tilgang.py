"""rapporter's rows of the URL × role access matrix (collected by fagbrev/tests/test_tilgangsmatrise.py)."""

from __future__ import annotations

from fagbrev.tests.tilgang import INGEN, STYRINGSGRUPPEN, Rad

TILGANGSMATRISE: dict[str, Rad] = {
    "rapporter:styringsgruppe": Rad(INGEN, STYRINGSGRUPPEN),
    "rapporter:styringsgruppe_excel": Rad(INGEN, STYRINGSGRUPPEN),
    "rapporter:styringsgruppe_pdf": Rad(INGEN, STYRINGSGRUPPEN),
    "rapporter:arsrapport": Rad(INGEN, STYRINGSGRUPPEN),
    "rapporter:arsrapport_excel": Rad(INGEN, STYRINGSGRUPPEN),
    "rapporter:arsrapport_pdf": Rad(INGEN, STYRINGSGRUPPEN),
}
