"""The machinery of the report tables: rows (tracks, cohorts), grouped counts shared between the
tables of one dashboard (`samme_tall`), cells, names for suppression, percentage columns."""

from __future__ import annotations

import datetime
import operator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from django.db import connections
from django.db.models import Count, Max, Min, Q, Sum

from fagbrev.models import Fagretning, Kull

from .models import Telling
from .semester import Periode
from .undertrykking import (
    SKJULT_SEKUNDAER,
    Tabell,
    med_nokler,
    undertrykk,
    uten_undertrykking,
)

NAA = datetime.date(1, 1, 1)  # the day the rows of today's status are kept on (rapporter/tellinger.py)


@dataclass
class Rapporttabell:
    tittel: str
    beskrivelse: str
    tabell: Tabell
    # (row index, column index) → link to the list behind the number (coordinators only)
    lenker: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Dimensjon:
    """Rows of a table: tracks, or cohorts within the tracks, with the fields that group a participant.

    A track row's key is the track's id. A cohort row's key is (cohort id, track id); participants not
    yet in a cohort get a row per track (None, track id), so the cohort rows of a track add up to the
    track's row exactly — which lets suppression protect the two tables together (`forelder`: the
    track row each cohort row belongs to).
    """

    navn: str  # "fagretning" | "kull"
    rader: list[tuple[int | tuple[int | None, int], str]]
    forelder: list[int] = field(default_factory=list)
    intervall: dict[int, int] = field(default_factory=dict)  # track id → days between visits

    def felt(self, prefiks: str = "") -> str | tuple[str, str]:
        if self.navn == "kull":
            return (f"{prefiks}kull_id", f"{prefiks}fagretning_id")
        return f"{prefiks}fagretning_id"

    def lenke_pk(self, nokkel) -> int | None:
        """The id the participant list filters on for this row (None: the list has no such filter)."""
        return nokkel[0] if self.navn == "kull" else nokkel


def dimensjoner(org_ids: set[int]) -> tuple[Dimensjon, Dimensjon]:
    fagretninger = list(Fagretning.objects.filter(organisasjon_id__in=org_ids).order_by("-aktiv", "navn"))
    kull_per_spor: dict[int, list[Kull]] = {}
    for k in Kull.objects.filter(organisasjon_id__in=org_ids).order_by("oppstart"):
        kull_per_spor.setdefault(k.fagretning_id, []).append(k)
    # tracks with a participant not in a cohort, from the rows of today's status (rapporter/tellinger.py)
    uten_kull = set(
        Telling.objects.filter(organisasjon_id__in=org_ids, dato=NAA, kull_id=0, hva__startswith="naa:", n__gt=0)
        .values_list("fagretning_id", flat=True)
        .distinct()
        .order_by()
    )
    rader, forelder = [], []
    for i, f in enumerate(fagretninger):
        spor = [((k.pk, f.pk), f"{f.kortnavn} {k.navn}") for k in kull_per_spor.get(f.pk, [])]
        if f.pk in uten_kull:
            spor.append(((None, f.pk), f"{f.kortnavn} uten kull"))
        rader += spor
        forelder += [i] * len(spor)
    intervall = {f.pk: f.besok_intervall_dager for f in fagretninger}
    return (
        Dimensjon("fagretning", [(f.pk, f.navn) for f in fagretninger], intervall=intervall),
        Dimensjon("kull", rader, forelder, intervall=intervall),
    )


def i_perioden(periode: Periode, felt: str) -> Q:
    return Q(**{f"{felt}__gte": periode.start, f"{felt}__lte": periode.slutt})


# A dashboard asks most grouped questions twice: per track and again per cohort. Inside
# `samme_tall()` (the views wrap each dashboard in it) such a query runs once, grouped by track AND
# cohort, and both tables are summed from its rows: a cohort belongs to one track and a participant
# to one cohort (or none), so nothing is counted twice.
_buffer: ContextVar[dict | None] = ContextVar("rapporter_samme_tall", default=None)
_SLA_SAMMEN = {Count: operator.add, Sum: operator.add, Max: max, Min: min}


@contextmanager
def samme_tall():
    """Share grouped query results between the tables of one dashboard (see `gruppert`)."""
    token = _buffer.set({})
    try:
        yield
    finally:
        _buffer.reset(token)


def _begge(gruppe: str) -> list[str] | None:
    """Both grouping fields for a track or cohort field (deltaker__kull_id → deltaker__fagretning_id and
    deltaker__kull_id); None for any other grouping."""
    for navn in ("fagretning_id", "kull_id"):
        if gruppe.endswith(navn):
            prefiks = gruppe.removesuffix(navn)
            return [f"{prefiks}fagretning_id", f"{prefiks}kull_id"]
    return None


def _kan_summeres(aggregat) -> bool:
    """Counts, sums, max and min add up over cohorts; a distinct count only if it counts rows or
    participants (a workplace could be counted in two cohorts of one track)."""
    if type(aggregat) not in _SLA_SAMMEN:
        return False
    if not getattr(aggregat, "distinct", False):
        return True
    kilde = aggregat.get_source_expressions()[0]
    return getattr(kilde, "name", None) in ("pk", "id", "deltaker", "deltaker_id")


def summert(rader, gruppe: str | tuple[str, ...], aggregater: dict, ekstra: tuple[str, ...] = ()) -> dict:
    """Roll rows grouped by track and cohort (and `ekstra` fields) up to `gruppe` (plus `ekstra`); a tuple
    `gruppe` (cohort rows: kull_id, fagretning_id) gives tuple keys."""
    felter = (gruppe,) if isinstance(gruppe, str) else gruppe
    ut: dict = {}
    for rad in rader:
        nokkel = tuple(rad[f] for f in (*felter, *ekstra))
        if len(nokkel) == 1:
            nokkel = nokkel[0]
        mal = ut.setdefault(nokkel, {})
        for navn, aggregat in aggregater.items():
            ny, gammel = rad[navn], mal.get(navn)
            mal[navn] = ny if gammel is None else gammel if ny is None else _SLA_SAMMEN[type(aggregat)](gammel, ny)
    return ut


def sporringsrader(qs) -> list[dict]:
    """The rows of a values() queryset; inside `samme_tall` each distinct query runs once.

    The SQL is compiled once and is itself the key (compiling it for a key and again to run it cost
    as much Python as the tables). The values are counts and ids, which need no field converters.
    """
    buffer = _buffer.get()
    sql, params = qs.query.sql_with_params()
    nokkel = (sql, tuple(params))
    if buffer is not None and nokkel in buffer:
        return buffer[nokkel]
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        kolonner = [k[0] for k in cursor.description]
        rader = [dict(zip(kolonner, rad, strict=True)) for rad in cursor.fetchall()]
    if buffer is not None:
        buffer[nokkel] = rader
    return rader


def gruppert(qs, gruppe: str | tuple[str, ...], aggregater: dict) -> dict:
    """One grouped query: {group id (a tuple for cohort rows): {alias: value}}."""
    felter = (gruppe,) if isinstance(gruppe, str) else gruppe
    buffer, begge = _buffer.get(), _begge(felter[0])
    if buffer is None or begge is None or not all(_kan_summeres(a) for a in aggregater.values()):
        return summert(qs.values(*felter).annotate(**aggregater).order_by(), gruppe, aggregater)
    return summert(sporringsrader(qs.values(*begge).annotate(**aggregater).order_by()), gruppe, aggregater)


def tabellceller(dim: Dimensjon, *grupper: dict, kolonner: list[str]) -> list[list[int]]:
    """Cells in row order from one or more grouped results (groups without rows are zeros)."""
    ut = []
    for pk, _ in dim.rader:
        samlet: dict = {}
        for g in grupper:
            samlet.update(g.get(pk, {}))
        ut.append([samlet.get(k) or 0 for k in kolonner])
    return ut


def lag(undertrykk_sma: bool):
    return undertrykk if undertrykk_sma else uten_undertrykking


def radnavn(dim: Dimensjon, r: int) -> tuple:
    """The name of row r of a table over `dim`: (dimension, key), or ("total",) for the total row."""
    return ("total",) if r == len(dim.rader) else (dim.navn, dim.rader[r][0])


def navngitt(tabell: Tabell, dim: Dimensjon, kode: str, hva: list[str | None]) -> Tabell:
    """Name each cell (rapporter/undertrykking.py): what its column counts, the period, the row. Cells
    with the same name in two tables are the same number (e.g. «Avbrutt» per track, and the row total of
    «Avbrudd etter årsak»); hva[k] None leaves a column unnamed. hva may name the row-total column too."""
    return med_nokler(tabell, lambda r, k: (hva[k], kode, *radnavn(dim, r)) if k < len(hva) and hva[k] else None)


def prosent(teller: int, nevner: int) -> int:
    return int(100 * teller / nevner + 0.5) if nevner else 0  # half up, not banker's rounding


def med_andeler(tabell: Tabell, andeler: list[tuple[int, int, str]]) -> Tabell:
    """Append percentage columns (teller/nevner). A percentage is made from its two cells: those are its
    base counts, so it is hidden when either is (here, and again when the whole report is protected)."""
    verdier = [[*rad, *(prosent(rad[t], rad[n]) for t, n, _ in andeler)] for rad in tabell.verdier]
    bredde = len(tabell.kolonner)
    skjult = set(tabell.skjult)
    grunnlag = dict(tabell.grunnlag)
    for r in range(len(verdier)):
        for i, (t, n, _) in enumerate(andeler):
            if (r, t) in skjult or (r, n) in skjult:
                skjult.add((r, bredde + i))
            grunnlag[(r, bredde + i)] = frozenset(tabell.nokler[c] for c in ((r, t), (r, n)) if c in tabell.nokler)
    return replace(
        tabell,
        kolonner=[*tabell.kolonner, *(navn for *_, navn in andeler)],
        verdier=verdier,
        skjult=frozenset(skjult),
        grunnlag=grunnlag,
        ikke_i_sum=frozenset(range(bredde, bredde + len(andeler))),
        skjult_tekst={**tabell.skjult_tekst, **{bredde + i: SKJULT_SEKUNDAER for i in range(len(andeler))}},
    )
