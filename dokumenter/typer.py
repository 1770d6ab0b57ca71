"""The documents `dokumenter` itself brings, registered in fagbrev/dokumenttyper.py (imported by ready()).

Their contexts are the selectors in dokumenter/selectors.py (they share the letterhead and the
participant's basics). Another app adds a document by registering its own from its ready().
"""

from __future__ import annotations

from arbeidsgivere.permissions import get_attest_for_user, get_avtale_for_user
from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.dokumenttyper import Deltakerdokument, Objektdokument, registrer
from oppfolging.permissions import get_mote_for_user, get_samtale_for_user

from . import selectors, selectors_attest, selectors_fylket
from .models import Dokumenttype

S = Deltaker.Status


def _registrer(klasse, type: Dokumenttype, **felter) -> None:
    """One document; its title is the stored type's label, its template `pdf/<type>.html` unless given."""
    felter.setdefault("template", f"pdf/{type}.html")
    registrer(klasse(type=type, tittel=type.label, **felter))


_registrer(
    Deltakerdokument,
    Dokumenttype.KONTRAKT,
    template="pdf/kontrakt_samtykke.html",
    kontekst=selectors.kontrakt_kontekst,
    statuser=(S.KARTLAGT, *statusgrupper.TATT_OPP_ELLER_SENERE),
    formal="Inntakssamtale",
    feltgruppe="opptak",
)
_registrer(
    Deltakerdokument,
    Dokumenttype.OPPLAERINGSPLAN,
    kontekst=selectors.opplaeringsplan_kontekst,
    statuser=statusgrupper.I_ELLER_ETTER_OPPLAERING,
    formal="Opplæringsplan",
    feltgruppe="fremdrift",
)
_registrer(
    Deltakerdokument,
    Dokumenttype.DELTAKERBEVIS,
    kontekst=selectors.deltakerbevis_kontekst,
    statuser=statusgrupper.I_ELLER_ETTER_OPPLAERING,
    formal="Avslutning av fagbrevløpet",
    feltgruppe="fremdrift",
)
_registrer(
    Objektdokument,
    Dokumenttype.AVTALE,
    nokkel="avtale",
    hent=get_avtale_for_user,
    kontekst=selectors.avtale_kontekst,
    deltaker_felt="plassering.deltaker",
    side="arbeidsgivere:plassering",
    formal="Avtale om deltakelse",
    feltgruppe="praksis",
)
_registrer(
    Objektdokument,
    Dokumenttype.VURDERINGSREFERAT,
    nokkel="vurderingssamtale",
    hent=get_samtale_for_user,
    kontekst=selectors.vurderingsreferat_kontekst,
    deltaker_felt="deltaker",
    side="oppfolging:samtale",
    formal="Vurderingssamtale",
    feltgruppe="vurderinger",
)
_registrer(
    Objektdokument,
    Dokumenttype.MOTEREFERAT,
    nokkel="mote",
    hent=get_mote_for_user,
    kontekst=selectors.motereferat_kontekst,
    deltaker_felt=None,
    side="oppfolging:mote",
    formal="Møte",
    feltgruppe="vurderinger",
)
_registrer(
    Deltakerdokument,
    Dokumenttype.HEVESKJEMA,
    kontekst=selectors_fylket.heveskjema_kontekst,
    statuser=(S.AVBRUTT,),
    formal="Avbrudd: melding til fylket om å heve kontrakten",
    feltgruppe="fravarsgrunner",  # it names the kind of reason for the termination
)
_registrer(
    Deltakerdokument,
    Dokumenttype.PERMISJONSSOKNAD,
    kontekst=selectors_fylket.permisjonssoknad_kontekst,
    statuser=statusgrupper.AKTIV,
    formal="Permisjon: søknad til fylket",
    feltgruppe="fravarsgrunner",  # it gives the reason for the leave
)
_registrer(
    Deltakerdokument,
    Dokumenttype.POLITIATTEST,
    kontekst=selectors_fylket.politiattest_kontekst,
    statuser=(S.KARTLAGT, S.TATT_OPP, *statusgrupper.AKTIV),
    formal="Politiattest: formålet søknaden trenger",
    feltgruppe="opptak",
)
_registrer(
    Objektdokument,
    Dokumenttype.ARBEIDSATTEST,
    nokkel="arbeidsattest",
    hent=get_attest_for_user,
    kontekst=selectors_attest.arbeidsattest_kontekst,
    deltaker_felt="plassering.deltaker",
    side="arbeidsgivere:attest",
    formal="Avslutning: attest fra arbeidsplassen",
    feltgruppe="praksis",
)
