"""The workplace reference (arbeidsattest) at the end of a case, filled from the placement and the case:
who she is, the period at the workplace, the workplace and its leader, the track, her tasks, her
attendance and the leader's own words. Registered in dokumenter/typer.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

from arbeidsgivere.models import Arbeidsattest
from deltakere.selectors import avslutningsdato

from .selectors import _deltaker_grunnlag, dato


def _tall(verdi: Decimal) -> str:
    """4.0 → «4», 22.5 → «22,5»."""
    return f"{Decimal(verdi).normalize():f}".replace(".", ",")


def arbeidsattest_kontekst(*, objekt: Arbeidsattest, idag: datetime.date) -> dict:
    """The period ends with the placement, or, for a placement still open, the day the case ended."""
    plassering = objekt.plassering
    deltaker = plassering.deltaker
    kontekst = _deltaker_grunnlag(deltaker)
    slutt = plassering.til or avslutningsdato(deltaker=deltaker)
    sted = plassering.arbeidssted
    kontekst.update(
        {
            "periode": {"fra": dato(plassering.fra), "til": dato(slutt)},
            "arbeidssted": {
                "navn": sted.navn,
                "arbeidsgiver": sted.arbeidsgiver.navn,
                "orgnr": sted.arbeidsgiver.orgnr,
            },
            "leder": objekt.leder.navn if objekt.leder else "",
            "lop": deltaker.get_rute_display(),
            "arbeidstid": f"{_tall(plassering.dager_per_uke)} dager i uken"
            + (f", {_tall(plassering.timer_per_uke)} timer" if plassering.timer_per_uke else ""),
            "lonnet": plassering.lonnet,
            "arbeidsoppgaver": objekt.arbeidsoppgaver,
            "oppmote": objekt.oppmote,
            "uttalelse": objekt.uttalelse,
            "per_dato": dato(idag),
        }
    )
    return kontekst
