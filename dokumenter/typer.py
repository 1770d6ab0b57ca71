"""Which documents can be made for a participant: a template and a context selector each.

To add a document (after the data exists): write `templates/pdf/<navn>.html` extending
`pdf/base.html`, a selector `f(*, deltaker, idag) -> dict` of plain values in
`<app>/selectors.py` (or here in dokumenter/selectors.py), and one entry below, with the field group
of the case it holds (who may read it is the access policy's list). The service, versioning,
storage, the case-page buttons and downloads then work without further code.

Documents made for one record rather than a whole case (the agreement, assessment minutes,
meeting minutes) are in OBJEKTDOKUMENTER below; the record's page shows them with one line,
`{% load dokumenter %}{% dokumentseksjon "type" objekt %}`.
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
    feltgruppe: str  # what of the case it holds (fagbrev.permissions.FELTGRUPPER): who may read it

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
            feltgruppe="opptak",
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.OPPLAERINGSPLAN,
            template="pdf/opplaeringsplan.html",
            kontekst="dokumenter.selectors.opplaeringsplan_kontekst",
            statuser=I_LOPET,
            formal="Opplæringsplan",
            feltgruppe="fremdrift",
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.DELTAKERBEVIS,
            template="pdf/deltakerbevis.html",
            kontekst="dokumenter.selectors.deltakerbevis_kontekst",
            statuser=I_LOPET,
            formal="Avslutning av fagbrevløpet",
            feltgruppe="fremdrift",
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.HEVESKJEMA,
            template="pdf/heveskjema.html",
            kontekst="dokumenter.selectors.heveskjema_kontekst",
            statuser=(S.AVBRUTT,),
            formal="Avbrudd: melding til fylket om å heve kontrakten",
            feltgruppe="fravarsgrunner",  # it names the kind of reason for the termination
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.PERMISJONSSOKNAD,
            template="pdf/permisjonssoknad.html",
            kontekst="dokumenter.selectors.permisjonssoknad_kontekst",
            statuser=(S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP),
            formal="Permisjon: søknad til fylket",
            feltgruppe="fravarsgrunner",  # it gives the reason for the leave
        ),
        Dokumentdefinisjon(
            type=Dokumenttype.POLITIATTEST,
            template="pdf/politiattest.html",
            kontekst="dokumenter.selectors.politiattest_kontekst",
            statuser=(S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP),
            formal="Politiattest: formålet søknaden trenger",
            feltgruppe="opptak",
        ),
    ]
}


@dataclass(frozen=True)
class Objektdokument:
    """A document made for one record (an agreement, an assessment meeting, a meeting), not a whole case.

    `hent` is a dotted path `f(user, pk, *, write) -> objekt` that checks access (404 not visible,
    403 read-only); `kontekst` a dotted path `f(*, objekt, idag) -> dict` of plain values;
    `deltaker_felt` the attribute path from the record to its participant (None: no participant,
    e.g. minutes; then only the organisation's coordinators see the versions); `side` the URL name
    of the record's page (`<int:pk>` of the record), where the button and the versions are shown.
    """

    type: str
    template: str
    nokkel: str  # prefix of Dokument.objekt_nokkel: "<nokkel>:<pk>"
    hent: str
    kontekst: str
    deltaker_felt: str | None
    side: str
    formal: str
    feltgruppe: str  # what of the case it holds (fagbrev.permissions.FELTGRUPPER): who may read it

    @property
    def tittel(self) -> str:
        return Dokumenttype(self.type).label

    def hent_for(self, user, pk: int, *, write: bool = False):
        return import_string(self.hent)(user, pk, write=write)

    def kontekst_for(self, *, objekt, idag) -> dict:
        return import_string(self.kontekst)(objekt=objekt, idag=idag)

    def deltaker_for(self, objekt) -> Deltaker | None:
        if self.deltaker_felt is None:
            return None
        verdi = objekt
        for ledd in self.deltaker_felt.split("."):
            verdi = getattr(verdi, ledd)
        return verdi


OBJEKTDOKUMENTER: dict[str, Objektdokument] = {
    d.type: d
    for d in [
        Objektdokument(
            type=Dokumenttype.AVTALE,
            template="pdf/avtale.html",
            nokkel="avtale",
            hent="arbeidsgivere.permissions.get_avtale_for_user",
            kontekst="dokumenter.selectors.avtale_kontekst",
            deltaker_felt="plassering.deltaker",
            side="arbeidsgivere:plassering",
            formal="Avtale om deltakelse",
            feltgruppe="praksis",
        ),
        Objektdokument(
            type=Dokumenttype.VURDERINGSREFERAT,
            template="pdf/vurderingsreferat.html",
            nokkel="vurderingssamtale",
            hent="oppfolging.permissions.get_samtale_for_user",
            kontekst="dokumenter.selectors.vurderingsreferat_kontekst",
            deltaker_felt="deltaker",
            side="oppfolging:samtale",
            formal="Vurderingssamtale",
            feltgruppe="vurderinger",
        ),
        Objektdokument(
            type=Dokumenttype.MOTEREFERAT,
            template="pdf/motereferat.html",
            nokkel="mote",
            hent="oppfolging.permissions.get_mote_for_user",
            kontekst="dokumenter.selectors.motereferat_kontekst",
            deltaker_felt=None,
            side="oppfolging:mote",
            formal="Møte",
            feltgruppe="vurderinger",
        ),
    ]
}


def feltgruppe_for(type: str) -> str:
    """The field group a document of this type holds (fagbrev.permissions.FELTGRUPPER)."""
    definisjon = DELTAKERDOKUMENTER.get(type) or OBJEKTDOKUMENTER[type]
    return definisjon.feltgruppe
