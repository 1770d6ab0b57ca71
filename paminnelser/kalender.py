"""The year wheel (årshjul): dated events for an organisation, from registered sources.

A source is a function `(*, organisasjon_ids, fra, til, user) -> iterable of Kalenderdato`, listed by
dotted path in `KILDER`. It returns the events between `fra` and `til` (inclusive) for the given
organisations that the user may see, with at most a first name in the title, in a few queries.
The page /arshjul/ and each user's iCalendar feed read the same sources. Other apps (meetings,
contract ends, exams) append their source here.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.module_loading import import_string

from fagbrev.datoregning import eksamensvinduer, semesterslutt


@dataclass(frozen=True)
class Kalenderdato:
    dato: datetime.date
    tittel: str
    art: str  # short word for grouping and colour: "eksamen", "semester", "mote", "kontrakt", ...
    til: datetime.date | None = None  # last day, inclusive, for a period
    lenke: str = ""
    uid: str = ""  # stable id for calendar clients; made from the other fields when empty

    @property
    def nokkel(self) -> str:
        if self.uid:
            return self.uid
        sjekksum = hashlib.sha256(self.tittel.encode()).hexdigest()[:12]
        return f"{self.art}-{self.dato:%Y%m%d}-{sjekksum}"


KILDER: list[str] = [
    "paminnelser.kalender.faste_datoer",
]


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
    for sti in KILDER:
        ut.extend(import_string(sti)(organisasjon_ids=ids, fra=fra, til=til, user=user))
    return sorted(ut, key=lambda k: (k.dato, k.tittel))


KILDER += [
    "paminnelser.kalenderkilder.moter",
    "paminnelser.kalenderkilder.kontraktslutt",
    "paminnelser.kalenderkilder.fagprover",
]
