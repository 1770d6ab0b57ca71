"""Reminder rules: the registry every app adds its deadline rules to, and what a rule answers.

A rule is a small function `(idag) -> iterable of Forfall` in the app that owns its facts
(`lop/regler.py` for exam windows and the fagprøve, `oppfolging/regler.py` for visits and meetings,
…), marked with `@regel(navn, rekkefolge=…)`. The app imports that module in its `AppConfig.ready()`,
so the mark registers it here; `paminnelser` (the engine: scan, rows, delivery) reads `REGLER` and
imports none of the rules' apps.

A rule answers "what is due on this date, and for whom". It must be set-based: a few queries for
the whole installation, never one per participant (see bench/paminnelser_bench.py). It does not
write; the scan (paminnelser.services.skann_utfor) turns its answers into reminder rows, and the
unique key (rule, object, period, recipient) makes a rule that fires again the same period a no-op.

Rules fire from their trigger day until their deadline ("catch-up"), not only on the exact day:
if the scan did not run one morning, the next run still reminds, and the key stops repeats.
A trigger that falls on a weekend or holiday moves to the working day before, so a coordinator
hears about a window opening on Saturday while she is at work on Friday.

Recipients are user ids; titles carry at most a participant's first name and never an identity
number; links are paths inside Fagbrev.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .models import Medlemskap, Rolle


class Art(models.TextChoices):
    """What a reminder is about. Users choose delivery per kind (paminnelser.Varslingsvalg).

    The full list is here from the start so later rules need no migration.
    """

    EKSAMEN = "eksamen", "Eksamenspåmelding"
    VURDERINGSSAMTALE = "vurderingssamtale", "Vurderingssamtaler"
    BESOK = "besok", "Arbeidsplassbesøk"
    FAGPROVE = "fagprove", "Oppmelding til fagprøve"
    POLITIATTEST = "politiattest", "Politiattest"
    PERMISJON = "permisjon", "Permisjon"
    UTSTYR = "utstyr", "Utlånt utstyr"
    MOTE = "mote", "Prosjektgruppe og styringsgruppe"
    TILTAK = "tiltak", "Tiltak med frist"
    MANEDSTEMA = "manedstema", "Månedens tema"
    UKESOPPSUMMERING = "ukesoppsummering", "Ukeoversikt (mandag)"
    UTFALL = "utfall", "Utfall etter fullføring"
    RUTE = "rute", "Bytte av løp"


@dataclass(frozen=True)
class Forfall:
    """One thing due for one recipient. (regel, objekt, periode, mottaker) is the reminder's key.

    A rule may leave the recipient out and hand its Forfall to `til_koordinatorer`, which makes one
    per coordinator of the organisation.
    """

    objekt_type: type[models.Model]
    objekt_id: int
    periode: str
    tittel: str
    lenke: str
    art: str
    organisasjon_id: int | None = None
    sendes_senest: datetime.date | None = None  # default: three days after the scan date
    mottaker_id: int | None = None  # a user; None when `kontaktperson_id` is the recipient
    kontaktperson_id: int | None = None  # a fadder (no login): e-mail only


@dataclass(frozen=True)
class Regel:
    navn: str  # stable: the first part of every reminder key the rule makes
    funksjon: Callable[[datetime.date], Iterable[Forfall]]
    rekkefolge: int  # the scan runs the rules in this order (lower first)
    ukentlig: bool = False  # run on Monday mornings only (the weekly overview)
    # For a reminder to a contact person (no login): the rule's own app delivers it, e.g. as a link for
    # one task (medvirkning). Called by the engine after its claim, with the reminder row; returns None
    # when the e-mail has left, or why it must not go out (the task is done): the row is cancelled.
    levering: Callable[[object], str | None] | None = None

    @property
    def app(self) -> str:
        return self.funksjon.__module__.split(".")[0]

    def __call__(self, idag: datetime.date) -> Iterable[Forfall]:
        return self.funksjon(idag)


REGLER: dict[str, Regel] = {}


def regel(
    navn: str, *, rekkefolge: int, ukentlig: bool = False, levering: Callable[[object], str | None] | None = None
):
    """Register a rule under its stable name. The name must be unique over the installation.
    `levering`: how the rule's app delivers a reminder to a contact person itself (see `Regel`)."""

    def registrer(funksjon):
        tidligere = REGLER.get(navn)
        if tidligere is not None and tidligere.funksjon.__qualname__ != funksjon.__qualname__:
            raise ImproperlyConfigured(f"To påminnelsesregler heter {navn}.")
        REGLER[navn] = Regel(navn=navn, funksjon=funksjon, rekkefolge=rekkefolge, ukentlig=ukentlig, levering=levering)
        funksjon.regel_navn = navn
        return funksjon

    return registrer


def regler(*, ukentlig: bool = False, navn: Iterable[str] | None = None) -> list[Regel]:
    """The daily (or the weekly) rules in their order; or exactly the named ones, in the order given."""
    if navn is not None:
        return [REGLER[n] for n in navn]
    return sorted((r for r in REGLER.values() if r.ukentlig == ukentlig), key=lambda r: r.rekkefolge)


def ukeperiode(idag: datetime.date) -> str:
    """The ISO week of the date as a reminder's period ("2026-W49"): a rule that reminds once a week."""
    ar, uke, _ = idag.isocalendar()
    return f"{ar}-W{uke:02d}"


# --- "for each coordinator of the organisation" ---------------------------------------------------


def koordinatorer_per_org(organisasjon_ids: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Organisation id → ids of its active coordinators. One query."""
    qs = Medlemskap.objects.filter(rolle=Rolle.KOORDINATOR, bruker__is_active=True)
    if organisasjon_ids is not None:
        qs = qs.filter(organisasjon_id__in=set(organisasjon_ids))
    ut: dict[int, list[int]] = defaultdict(list)
    for org_id, bruker_id in qs.order_by("organisasjon_id", "bruker_id").values_list("organisasjon_id", "bruker_id"):
        ut[org_id].append(bruker_id)
    return ut


def til_koordinatorer(
    forfall: Iterable[Forfall],
    *,
    koordinatorer: Mapping[int, list[int]] | None = None,
    ogsa: Mapping[int, int | None] | None = None,
) -> Iterator[Forfall]:
    """Each Forfall once per active coordinator of its organisation, in the order given.

    `koordinatorer` (from `koordinatorer_per_org`) when the rule has read them already; else one
    query, and none when nothing is due. `ogsa`: object id → one more user (the participant's
    faglærer), told after the coordinators and never twice.
    """
    forfall = list(forfall)
    if not forfall:
        return
    if koordinatorer is None:
        koordinatorer = koordinatorer_per_org({f.organisasjon_id for f in forfall})
    for f in forfall:
        ekstra = (ogsa or {}).get(f.objekt_id)
        mottakere = dict.fromkeys([*koordinatorer.get(f.organisasjon_id, []), *([ekstra] if ekstra else [])])
        for bruker_id in mottakere:
            yield dataclasses.replace(f, mottaker_id=bruker_id)


def til_hver_organisasjon(
    lag: Callable[[int], Forfall], organisasjon_ids: Iterable[int] | None = None
) -> Iterator[Forfall]:
    """One Forfall per organisation (`lag(org_id)`) to each of its coordinators. One query."""
    koordinatorer = koordinatorer_per_org(organisasjon_ids)
    yield from til_koordinatorer((lag(org_id) for org_id in koordinatorer), koordinatorer=koordinatorer)
