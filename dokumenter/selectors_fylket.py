"""The county's forms, filled from the case (issue #20): the heveskjema at termination, the application
for leave, and the letter stating the purpose of a police certificate. Registered as documents in
dokumenter/typer.py like the others; the shared pieces (dates, the participant's basics) are selectors'."""

from __future__ import annotations

import datetime

from arbeidsgivere.models import Plassering
from deltakere.models import Avbrudd, Deltaker
from lop.models import Laerekontrakt

from .selectors import _deltaker_grunnlag, dato


def heveskjema_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Heveskjema: the county is asked to cancel the learning contract after a termination. Filled from
    the termination (date, kind of reason, closing meeting, the workplace's reference) and the newest
    learning contract (county case number, training company, start); the free-text reason stays in the
    case (it may name health or family), only its category goes to the county."""
    kontekst = _deltaker_grunnlag(deltaker)
    avbrudd = Avbrudd.objects.filter(deltaker=deltaker).first()
    kontrakt = (
        Laerekontrakt.objects.filter(deltaker=deltaker).select_related("arbeidsgiver").order_by("-start", "-pk").first()
    )
    kontekst.update(
        {
            "avbrudd": {
                "dato": dato(avbrudd.dato),
                "kategori": avbrudd.get_kategori_display(),
                "avslutningsmote": dato(avbrudd.avslutningsmote),
                "attest_mottatt": avbrudd.attest_mottatt,
            }
            if avbrudd
            else None,
            "kontrakt": {
                "saksnummer": kontrakt.fylke_saksnummer,
                "larebedrift": str(kontrakt.arbeidsgiver) if kontrakt.arbeidsgiver else "",
                "orgnr": kontrakt.arbeidsgiver.orgnr if kontrakt.arbeidsgiver else "",
                "fagansvarlig": kontrakt.fagansvarlig,
                "start": dato(kontrakt.start),
                "slutt": dato(kontrakt.slutt),
                "type": kontrakt.get_rute_display(),
            }
            if kontrakt
            else None,
            "per_dato": dato(idag),
        }
    )
    return kontekst


def permisjonssoknad_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Application to the county for leave from the training: the newest learning contract, and the
    case's leave (one leave, on the case): those the county has not approved yet as applied for (with
    the reason), the approved ones as history."""
    kontekst = _deltaker_grunnlag(deltaker)
    kontrakt = (
        Laerekontrakt.objects.filter(deltaker=deltaker).select_related("arbeidsgiver").order_by("-start", "-pk").first()
    )
    perioder = list(deltaker.permisjoner.order_by("fra", "pk"))

    def periode(p) -> dict:
        return {"fra": dato(p.fra), "til": dato(p.til), "dager": (p.til - p.fra).days + 1, "grunn": p.arsak}

    kontekst.update(
        {
            "kontrakt": {
                "saksnummer": kontrakt.fylke_saksnummer,
                "larebedrift": str(kontrakt.arbeidsgiver) if kontrakt.arbeidsgiver else "",
                "start": dato(kontrakt.start),
                "slutt": dato(kontrakt.slutt),
                "type": kontrakt.get_rute_display(),
            }
            if kontrakt
            else None,
            "soknader": [periode(p) for p in perioder if not p.godkjent_av_fylket],
            "godkjente": [periode(p) for p in perioder if p.godkjent_av_fylket],
            "per_dato": dato(idag),
        }
    )
    return kontekst


def politiattest_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """The letter the participant attaches to her application for a police certificate: who she is, that
    the practice is part of the scheme's training in the track, and where (her current or next placement)."""
    kontekst = _deltaker_grunnlag(deltaker)
    plassering = (
        Plassering.objects.filter(deltaker=deltaker)
        .exclude(til__lt=idag)
        .select_related("arbeidssted__arbeidsgiver")
        .order_by("fra", "pk")
        .first()
    )
    kontekst.update(
        {
            "arbeidssted": {
                "navn": plassering.arbeidssted.navn,
                "arbeidsgiver": str(plassering.arbeidssted.arbeidsgiver),
                "fra": dato(plassering.fra),
            }
            if plassering
            else None,
            "per_dato": dato(idag),
        }
    )
    return kontekst


# --- documents made for one record ---------------------------------------------------------------
