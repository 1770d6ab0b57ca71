"""Sections that apps add to shared pages, so no app edits another app's view.

The case page (`/deltakere/<id>/`) and my overview (`/`) render the sections registered here. An app
adds one by marking a function that returns a `Seksjon` (or None when it has nothing to show for
this user) with `@pa_saksside(rekkefolge=…)` or `@pa_oversikt(rekkefolge=…)`, in a module its
`AppConfig.ready()` imports. Each function runs its own permission checks and keeps its query count
constant (no queries in template loops). `rekkefolge` places the section on the page (lower first); two
sections on one page never share a number (tests/test_registre.py). A case-page section that reads a
one-to-one row of the participant names it in `med` (a select_related path from `Deltaker`): the case
page fetches it in the query that fetches her, so the section reads it without one of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Seksjon:
    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Plass:
    """Where a section function stands on its page."""

    funksjon: Callable[..., Seksjon | None]
    rekkefolge: int  # lower first
    med: tuple[str, ...] = ()  # the participant's one-to-one rows it reads (case page: fetched with her)

    @property
    def app(self) -> str:
        return self.funksjon.__module__.split(".")[0]


# f(*, deltaker, user, idag) -> Seksjon | None, keyed by the function's dotted name
SAKSSIDE: dict[str, Plass] = {}
# f(*, user, idag) -> Seksjon | None
OVERSIKT: dict[str, Plass] = {}
# f() run before my overview's sections, keyed like the sections: an app brings the figures it stores on
# rows up to date (work left by its triggers) so every section, whichever app's, reads them current
FOR_OVERSIKT: dict[str, Callable[[], object]] = {}
# parts shown in the assessment meeting's record (`{% load seksjoner %}{% samtaleseksjoner samtale %}`)
SAMTALE: dict[str, Plass] = {}


def _registrer(side: dict[str, Plass], rekkefolge: int, med: tuple[str, ...] = ()):
    def merk(funksjon):
        side[f"{funksjon.__module__}.{funksjon.__qualname__}"] = Plass(funksjon, rekkefolge, med)
        return funksjon

    return merk


def pa_saksside(*, rekkefolge: int, med: tuple[str, ...] = ()):
    """Register a section of the case page: f(*, deltaker, user, idag) -> Seksjon | None. `med`: the
    participant's one-to-one relations it reads, to fetch with her (see saksside_med)."""
    return _registrer(SAKSSIDE, rekkefolge, med)


def saksside_med() -> tuple[str, ...]:
    """The one-to-one relations of the participant the case page's sections read: the page fetches them
    with her (select_related). A section must still read its row when she came without it."""
    return tuple(dict.fromkeys(navn for plass in SAKSSIDE.values() for navn in plass.med))


def pa_oversikt(*, rekkefolge: int):
    """Register a section of my overview: f(*, user, idag) -> Seksjon | None."""
    return _registrer(OVERSIKT, rekkefolge)


def for_oversikt(funksjon):
    """Register f() to run before my overview's sections read stored figures."""
    FOR_OVERSIKT[f"{funksjon.__module__}.{funksjon.__qualname__}"] = funksjon
    return funksjon


def pa_samtale(*, rekkefolge: int):
    """Register a part of the assessment meeting's record: f(*, samtale, user) -> Seksjon | None."""
    return _registrer(SAMTALE, rekkefolge)


def delt(deltaker, nokkel: str, les: Callable[[], object]):
    """Rows two sections of one case page both need, read once: the first caller's `les()` is kept on the
    `deltaker` object the view fetched for this request (so for this page only) under `nokkel`, and the
    next section gets the same rows without a query. The rows are shared: a reader adds, never changes."""
    lager = deltaker.__dict__.setdefault("_saksside_delt", {})
    if nokkel not in lager:
        lager[nokkel] = les()
    return lager[nokkel]


def _samle(side: dict[str, Plass], **kwargs) -> list[Seksjon]:
    plasser = sorted(side.values(), key=lambda p: p.rekkefolge)
    return [s for plass in plasser if (s := plass.funksjon(**kwargs)) is not None]


def saksside_seksjoner(*, deltaker, user, idag) -> list[Seksjon]:
    return _samle(SAKSSIDE, deltaker=deltaker, user=user, idag=idag)


def oversikt_seksjoner(*, user, idag) -> list[Seksjon]:
    for oppdater in FOR_OVERSIKT.values():
        oppdater()
    return _samle(OVERSIKT, user=user, idag=idag)


def samtale_seksjoner(*, samtale, user) -> list[Seksjon]:
    return _samle(SAMTALE, samtale=samtale, user=user)
