"""The year wheel (årshjul): dated events for an organisation, from the registered sources.

The sources live in the apps that own the dates (lop/kalender.py, oppfolging/kalender.py) and
register in fagbrev/kalender.py; this module adds the scheme's fixed dates and reads them all for
the page /arshjul/, each user's iCalendar feed and the Monday overview.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fagbrev.datoregning import eksamensvinduer, semesterslutt
from fagbrev.kalender import KILDER, Kalenderdato, kalenderkilde


@kalenderkilde
def faste_datoer(*, organisasjon_ids, fra, til, user) -> Iterator[Kalenderdato]:
    """The scheme's fixed dates: exam registration windows and semester ends. No queries."""
    for ar in range(fra.year, til.year + 1):
        for vindu in eksamensvinduer(ar):
            if vindu.lukker >= fra and vindu.apner <= til:
                yield Kalenderdato(
                    dato=vindu.apner,
                    til=vindu.lukker,
                    tittel="Påmelding til tverrfaglig skriftlig eksamen",
                    art="eksamen",
                    lenke="/arshjul/",
                    uid=f"eksamensvindu-{vindu.periode}",
                )
        for dato, tekst in semesterslutt(ar):
            if fra <= dato <= til:
                yield Kalenderdato(dato=dato, tittel=tekst, art="semester", uid=f"semesterslutt-{dato:%Y%m%d}")


def kalenderdatoer(*, user, organisasjon_ids: Iterable[int], fra, til) -> list[Kalenderdato]:
    """Every registered source's events in [fra, til], sorted by date."""
    ids = set(organisasjon_ids)
    ut: list[Kalenderdato] = []
    for kilde in KILDER.values():
        ut.extend(kilde(organisasjon_ids=ids, fra=fra, til=til, user=user))
    return sorted(ut, key=lambda k: (k.dato, k.tittel))
