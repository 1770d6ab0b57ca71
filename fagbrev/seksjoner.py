"""Sections that apps add to shared pages, so no app edits another app's view.

The case page (`/deltakere/<id>/`) and my overview (`/`) render a list of sections. An app adds one by
writing a function that returns a `Seksjon` (or None when it has nothing to show for this user) and
naming it in `SAKSSIDE` or `OVERSIKT` below. Each function runs its own permission checks and keeps
its query count constant (no queries in template loops).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.module_loading import import_string


@dataclass
class Seksjon:
    template: str
    context: dict = field(default_factory=dict)
    rekkefolge: int = 50  # lower first


# f(*, deltaker, user, idag) -> Seksjon | None
SAKSSIDE: list[str] = [
    "lop.seksjoner.saksside_lop",
    "deltakere.seksjoner.saksside_utfall",
    "arbeidsgivere.selectors.saksside_plassering",
    "dokumenter.seksjoner.saksside",
    "fagbrev.tilgang.seksjon_hvem_har_sett",
    "oppfolging.seksjoner.saksside",
    "personvern.seksjoner.saksside",
    "minside.seksjoner.saksside",
]

# f(*, user, idag) -> Seksjon | None
OVERSIKT: list[str] = [
    "lop.seksjoner.oversikt_lop",
    "arbeidsgivere.selectors.oversikt_praksis",
    "paminnelser.seksjoner.oversikt_varsler",
    "deltakere.seksjoner.oversikt_oppgaver",
    "oppfolging.seksjoner.oversikt_besok",
    "oppfolging.seksjoner.oversikt_samtaler",
    "oppfolging.seksjoner.oversikt_tiltak",
]

# f(*, samtale, user) -> Seksjon | None: parts shown in the assessment meeting's record
# (templates: `{% load seksjoner %}{% samtaleseksjoner samtale %}`)
SAMTALE: list[str] = [
    "minside.seksjoner.samtale_egenvurdering",
]


def _samle(stier: list[str], **kwargs) -> list[Seksjon]:
    seksjoner = [s for sti in stier if (s := import_string(sti)(**kwargs)) is not None]
    return sorted(seksjoner, key=lambda s: s.rekkefolge)


def saksside_seksjoner(*, deltaker, user, idag) -> list[Seksjon]:
    return _samle(SAKSSIDE, deltaker=deltaker, user=user, idag=idag)


def oversikt_seksjoner(*, user, idag) -> list[Seksjon]:
    return _samle(OVERSIKT, user=user, idag=idag)


def samtale_seksjoner(*, samtale, user) -> list[Seksjon]:
    return _samle(SAMTALE, samtale=samtale, user=user)
