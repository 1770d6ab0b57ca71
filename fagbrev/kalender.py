"""The year wheel's sources and the Monday overview's parts: registries every app adds to.

A calendar source is a function `(*, organisasjon_ids, fra, til, user) -> iterable of Kalenderdato`
marked `@kalenderkilde`. It returns the events between `fra` and `til` (inclusive) for the given
organisations that the user may see, in a few queries. The title carries no personal data (calendar
events end up in Outlook and Google through the feed); an event about a participant names her in
`hvem` (full name, shown on the year-wheel page only, behind login and access checks) and `fornavn`
(the Monday overview e-mail). The page /arshjul/, each user's iCalendar feed and the Monday overview
read all sources (paminnelser/kalender.py).

A part of the coordinator's Monday overview is a function `(*, organisasjon_id, mottaker, idag) ->
Del | None` marked `@ukedel(rekkefolge=…)`: a query or two for the organisation whatever its size,
participants named by first name only (paminnelser/ukeoversikt.py builds the e-mail from them).

The app that owns the facts writes the function in its own `kalender.py` and imports that module in
its `AppConfig.ready()`.
"""

from __future__ import annotations

import datetime
import hashlib
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kalenderdato:
    dato: datetime.date
    tittel: str
    art: str  # short word for grouping and colour: "eksamen", "semester", "mote", "kontrakt", ...
    til: datetime.date | None = None  # last day, inclusive, for a period
    lenke: str = ""
    uid: str = ""  # stable id for calendar clients; made from the other fields when empty
    hvem: str = ""  # the participant's full name: the year-wheel page only, never the feed
    fornavn: str = ""  # her first name: the Monday overview e-mail

    @property
    def nokkel(self) -> str:
        if self.uid:
            return self.uid
        sjekksum = hashlib.sha256(self.tittel.encode()).hexdigest()[:12]
        return f"{self.art}-{self.dato:%Y%m%d}-{sjekksum}"


def om_deltaker(
    fornavn: str, etternavn: str, *, dato: datetime.date, tittel: str, art: str, lenke: str, uid: str
) -> Kalenderdato:
    """An event about one participant: her full name in `hvem` and her first name in `fornavn`, never
    in the title."""
    return Kalenderdato(
        dato=dato, tittel=tittel, art=art, lenke=lenke, uid=uid, hvem=f"{fornavn} {etternavn}", fornavn=fornavn
    )


def datoer_om_deltakere(
    qs, datofelt: str, *, tittel: str, art: str, uid: str, lenke: str, organisasjon_ids, fra, til, deltaker="deltaker"
) -> Iterator[Kalenderdato]:
    """One event per row of `qs` in the organisations dated (`datofelt`) in [fra, til], by date: an event
    about the row's participant (`deltaker`: the path to her) made by `om_deltaker`, its uid `<uid>-<pk>`,
    linked to `lenke` with the row's field named in it filled in ("/deltakere/{deltaker_id}/"). `qs` is
    already limited to the rows the user may see (the source's own access rule). One query."""
    (lenkefelt,) = (felt for _, felt, _, _ in string.Formatter().parse(lenke) if felt)
    for pk, dato, fornavn, etternavn, lenke_id in (
        qs.filter(organisasjon_id__in=organisasjon_ids, **{f"{datofelt}__gte": fra, f"{datofelt}__lte": til})
        .order_by(datofelt, "pk")
        .values_list("pk", datofelt, f"{deltaker}__fornavn", f"{deltaker}__etternavn", lenkefelt)
    ):
        lenken = lenke.format_map({lenkefelt: lenke_id})
        yield om_deltaker(fornavn, etternavn, dato=dato, tittel=tittel, art=art, lenke=lenken, uid=f"{uid}-{pk}")


@dataclass
class Del:
    overskrift: str
    linjer: list[str] = field(default_factory=list)


Kalenderkilde = Callable[..., Iterable[Kalenderdato]]
Ukedel = Callable[..., Del | None]

# dotted name → source
KILDER: dict[str, Kalenderkilde] = {}
# dotted name → (rekkefolge, part): the overview lists its parts in this order
UKEDELER: dict[str, tuple[int, Ukedel]] = {}


def _navn(funksjon) -> str:
    return f"{funksjon.__module__}.{funksjon.__qualname__}"


def kalenderkilde(funksjon: Kalenderkilde) -> Kalenderkilde:
    """Register a source of dated events for the year wheel and the calendar feeds."""
    KILDER[_navn(funksjon)] = funksjon
    return funksjon


def ukedel(*, rekkefolge: int):
    """Register a part of the coordinator's Monday overview (lower `rekkefolge` first)."""

    def merk(funksjon: Ukedel) -> Ukedel:
        UKEDELER[_navn(funksjon)] = (rekkefolge, funksjon)
        return funksjon

    return merk


def ukedeler() -> list[Ukedel]:
    return [f for _, f in sorted(UKEDELER.values(), key=lambda rf: rf[0])]


VIS_NAVN = 10


def navneliste(navn: list[str]) -> str:
    """'Amina, Yusuf og 3 til': at most ten first names."""
    vis = ", ".join(navn[:VIS_NAVN])
    return vis + (f" og {len(navn) - VIS_NAVN} til" if len(navn) > VIS_NAVN else "")
