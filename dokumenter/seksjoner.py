"""The "Dokumenter" section on the case page (registers in fagbrev/seksjoner.py)."""

from __future__ import annotations

from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, feltgruppe_for
from fagbrev.permissions import can_edit_deltaker, feltgrupper_for
from fagbrev.seksjoner import Seksjon, pa_saksside

from .selectors import dokumenter_for_deltaker


@pa_saksside(rekkefolge=80)
def saksside(*, deltaker, user, idag) -> Seksjon:
    kan_endre = can_edit_deltaker(user, deltaker)
    synlig = feltgrupper_for(user, deltaker)  # only the documents whose field group her role sees
    dokumenter = [d for d in dokumenter_for_deltaker(deltaker=deltaker) if feltgruppe_for(d.type) in synlig]
    kan_lages = (
        [
            {"type": d.type, "tittel": d.tittel, "finnes": any(x.type == d.type for x in dokumenter)}
            for d in DELTAKERDOKUMENTER.values()
            if d.tilgjengelig_for(deltaker)
        ]
        if kan_endre
        else []
    )
    return Seksjon(
        template="dokumenter/_saksside.html",
        context={"deltaker": deltaker, "dokumenter": dokumenter, "kan_lages": kan_lages, "kan_endre": kan_endre},
    )
