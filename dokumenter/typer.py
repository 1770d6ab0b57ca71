"""Which documents can be made for a participant: a template and a context selector each.

To add a document (after the data exists): write `templates/pdf/<navn>.html` extending
`pdf/base.html`, a selector `f(*, deltaker, idag) -> dict` of plain values in
`<app>/selectors.py` (or here in dokumenter/selectors.py), and one entry below. The service,
versioning, storage, the case-page buttons and downloads then work without further code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string

from deltakere.models import Deltaker

from .models import Dokumenttype

S = Deltaker.Status


@dataclass(frozen=True)
class Dokumentdefinisjon:
    type: str
    template: str
    kontekst: str  # dotted path to f(*, deltaker, idag) -> dict of plain values
    statuser: tuple[str, ...]  # the participant statuses in which the document makes sense
    formal: str  # what it is made for, shown beside each version

    @property
    def tittel(self) -> str:
        return Dokumenttype(self.type).label

    def kontekst_for(self, *, deltaker: Deltaker, idag) -> dict:
        selector: Callable[..., dict] = import_string(self.kontekst)
        return selector(deltaker=deltaker, idag=idag)

    def tilgjengelig_for(self, deltaker: Deltaker) -> bool:
        return deltaker.status in self.statuser


ETTER_OPPTAK = (S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT, S.AVBRUTT)
I_LOPET = (S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT, S.AVBRUTT)

DELTAKERDOKUMENTER: dict[str, Dokumentdefinisjon] = {
    d.type: d
    for d in [
        Dokumentdefinisjon(
            type=Dokumenttype.KONTRAKT,
            template="pdf/kontrakt_samtykke.html",
            kontekst="dokumenter.selectors.kontrakt_kontekst",
            statuser=(S.KARTLAGT, *ETTER_OPPTAK),
            formal="Inntakssamtale",
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.DELTAKERBEVIS,
            template="pdf/deltakerbevis.html",
            kontekst="dokumenter.selectors.deltakerbevis_kontekst",
            statuser=I_LOPET,
            formal="Avslutning av fagbrevløpet",
        ),
    ]
}
