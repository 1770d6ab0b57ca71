"""Which PDF documents can be made: a registry the apps fill from their own `AppConfig.ready()`.

`dokumenter` makes, versions, stores and serves the PDFs; what a document holds is decided by the
app that registers it, like the case-page sections (`fagbrev/seksjoner.py`). To add a document:
write `templates/pdf/<navn>.html` extending `pdf/base.html`, a selector of plain values, and call
`registrer(Deltakerdokument(…))` or `registrer(Objektdokument(…))` in a module your app's ready()
imports. The service, versioning, storage, the case-page buttons and downloads then work without
further code. The type is stored in `dokumenter.Dokument.type`, whose choices list the types
(tests/test_registre.py checks that each registered type is one of them, with the same title).

A `Deltakerdokument` is made for a whole case (kontrakt, opplæringsplan, deltakerbevis); an
`Objektdokument` for one record (an agreement, assessment minutes, meeting minutes), shown on the
record's page with one line, `{% load dokumenter %}{% dokumentseksjon "type" objekt %}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Deltakerdokument:
    type: str
    tittel: str
    template: str
    kontekst: Callable[..., dict]  # f(*, deltaker, idag) -> dict of plain values
    statuser: tuple[str, ...]  # the participant statuses in which the document makes sense
    formal: str  # what it is made for, shown beside each version
    feltgruppe: str  # what of the case it holds (fagbrev.permissions.FELTGRUPPER): who may read it

    def kontekst_for(self, *, deltaker, idag) -> dict:
        return self.kontekst(deltaker=deltaker, idag=idag)

    def tilgjengelig_for(self, deltaker) -> bool:
        return deltaker.status in self.statuser


@dataclass(frozen=True)
class Objektdokument:
    """A document made for one record (an agreement, an assessment meeting, a meeting), not a whole case.

    `hent` is `f(user, pk, *, write) -> objekt` that checks access (404 not visible, 403 read-only);
    `kontekst` is `f(*, objekt, idag) -> dict` of plain values; `deltaker_felt` the attribute path
    from the record to its participant (None: no participant, e.g. minutes; then only the
    organisation's coordinators see the versions); `side` the URL name of the record's page
    (`<int:pk>` of the record), where the button and the versions are shown.
    """

    type: str
    tittel: str
    template: str
    nokkel: str  # prefix of Dokument.objekt_nokkel: "<nokkel>:<pk>"
    hent: Callable[..., Any]
    kontekst: Callable[..., dict]
    deltaker_felt: str | None
    side: str
    formal: str
    feltgruppe: str  # what of the case it holds (fagbrev.permissions.FELTGRUPPER): who may read it

    def hent_for(self, user, pk: int, *, write: bool = False):
        return self.hent(user, pk, write=write)

    def kontekst_for(self, *, objekt, idag) -> dict:
        return self.kontekst(objekt=objekt, idag=idag)

    def deltaker_for(self, objekt):
        if self.deltaker_felt is None:
            return None
        verdi = objekt
        for ledd in self.deltaker_felt.split("."):
            verdi = getattr(verdi, ledd)
        return verdi


DELTAKERDOKUMENTER: dict[str, Deltakerdokument] = {}
OBJEKTDOKUMENTER: dict[str, Objektdokument] = {}


def registrer(definisjon: Deltakerdokument | Objektdokument) -> None:
    """Add a document type; a type is registered once (by one app)."""
    if definisjon in (DELTAKERDOKUMENTER.get(definisjon.type), OBJEKTDOKUMENTER.get(definisjon.type)):
        return  # the same definition again (ready() run twice)
    if definisjon.type in DELTAKERDOKUMENTER or definisjon.type in OBJEKTDOKUMENTER:
        raise ImproperlyConfigured(f"Dokumenttypen {definisjon.type!r} er registrert fra før.")
    register = DELTAKERDOKUMENTER if isinstance(definisjon, Deltakerdokument) else OBJEKTDOKUMENTER
    register[definisjon.type] = definisjon


def feltgruppe_for(type: str) -> str:
    """The field group a document of this type holds (fagbrev.permissions.FELTGRUPPER)."""
    definisjon = DELTAKERDOKUMENTER.get(type) or OBJEKTDOKUMENTER[type]
    return definisjon.feltgruppe
