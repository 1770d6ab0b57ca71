"""The placements in use in a period, per employer (rapporter.models.Praksistall): kept, and read.

«Praksisplasser» and «Plasseringer per arbeidsgiver» count the placements running in a semester or a
year: distinct workplaces, distinct employers (approved or not) and placements per employer. Those are
distinct counts, not sums of participants, so they are kept per employer: for each organisation,
period and employer, the placements running and at how many of its workplaces. A workplace has one
employer, so a period's distinct workplaces are the sum over its employers, its employers the rows.

Keeping them: triggers mark the employer of every placement written (its old and its new workplace's)
and both employers of a workplace moved from one to another, in the writer's transaction (migration
`rapporter/0003_praksistall_merking`). `praksistall_oppdater` takes the marks and counts each marked employer's
rows again from its placements (a few dozen) in place of the old ones, as `rapporter.tellinger` does
for the participants; it runs before every read (the dashboard, the annual report) and on Celery beat
every minute. `praksistall_bygg` counts every employer again.

Reading them: a period's rows and the rows that hold on from an earlier period (`og_senere`), one per
employer at most, joined to the employer for its name and «godkjent lærebedrift» as they are now. The
read does not touch a placement, so it costs the same however long the history.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q, Sum

from arbeidsgivere.models import Plassering
from fagbrev.datoregning import semester_for

from .gruppering import sporringsrader
from .models import Praksistall, UoppdatertArbeidsgiver
from .semester import Aar, Periode
from .tellinger import las, merker_ta, til_ingen_er_merket

BUNKE = 500  # employers counted per round
LAS = 7_419_002  # one recount at a time (two of one employer would both put its rows back)
TA = (
    "DELETE FROM rapporter_uoppdatertarbeidsgiver WHERE arbeidsgiver_id IN "
    "(SELECT arbeidsgiver_id FROM rapporter_uoppdatertarbeidsgiver LIMIT %s) RETURNING arbeidsgiver_id"
)

Plasseringsrad = tuple[int, datetime.date, datetime.date | None]  # workplace, first day, last day (None: open)
# After every period a report can be asked for (rapporter/semester.py, views.py: years up to 2100): a date
# later than this (a typo, 31.12.9999) is counted as this one, which changes no period that can be read.
ETTER_ALLE = datetime.date(2101, 1, 1)


def periodestart(ar: bool, dato: datetime.date) -> datetime.date:
    """The first day of the semester (or, `ar`, the year) the date falls in."""
    return dato.replace(month=1, day=1) if ar else semester_for(dato).start


def neste(ar: bool, start: datetime.date) -> datetime.date:
    """The first day of the period after the one starting on `start`."""
    if ar:
        return start.replace(year=start.year + 1)
    return semester_for(semester_for(start).slutt + datetime.timedelta(days=1)).start


def tall_for(plasseringer: list[Plasseringsrad], ar: bool) -> list[tuple[datetime.date, bool, int, int]]:
    """One employer's rows for one kind of period, from its placements: (start, og_senere, placements,
    workplaces). Counted period by period up to the one after the last first or last day (the first in
    which only the open placements run); the row from which nothing changes any more holds on."""
    siste = max(periodestart(ar, d) for _sted, fra, til in plasseringer for d in (fra, til) if d is not None)
    apne = any(til is None for _sted, _fra, til in plasseringer)
    grense = neste(ar, siste) if apne else siste
    steder: dict[datetime.date, list[int]] = defaultdict(list)
    for sted, fra, til in plasseringer:
        start, slutt = periodestart(ar, fra), periodestart(ar, til) if til is not None else grense
        while start <= slutt:
            steder[start].append(sted)
            start = neste(ar, start)
    rekke = sorted(steder)
    verdi = {start: (len(s), len(set(s))) for start, s in steder.items()}
    senere = len(rekke)  # the rows from here on hold for every later period: none, unless one is open
    if apne:
        senere = len(rekke) - 1
        while senere > 0 and (
            neste(ar, rekke[senere - 1]) == rekke[senere] and verdi[rekke[senere - 1]] == verdi[rekke[senere]]
        ):
            senere -= 1
    return [(start, i == senere, *verdi[start]) for i, start in enumerate(rekke[: senere + 1])]


def rader_for(arbeidsgiver_ids: list[int]) -> list[Praksistall]:
    """The rows of these employers, counted from their placements."""
    per: dict[tuple[int, int], list[Plasseringsrad]] = defaultdict(list)
    for org, arbeidsgiver, sted, fra, til in Plassering.objects.filter(
        arbeidssted__arbeidsgiver_id__in=arbeidsgiver_ids
    ).values_list("organisasjon_id", "arbeidssted__arbeidsgiver_id", "arbeidssted_id", "fra", "til"):
        per[(org, arbeidsgiver)].append((sted, min(fra, ETTER_ALLE), til if til is None else min(til, ETTER_ALLE)))
    return [
        Praksistall(
            organisasjon_id=org,
            arbeidsgiver_id=arbeidsgiver,
            ar=ar,
            start=start,
            og_senere=og_senere,
            plasseringer=n,
            steder=steder,
        )
        for (org, arbeidsgiver), plasseringer in sorted(per.items())
        for ar in (False, True)
        for start, og_senere, n, steder in tall_for(plasseringer, ar)
    ]


def praksistall_oppdater(*, grense: int = BUNKE) -> int:
    """Count the marked employers again (up to `grense`); returns how many. One query when none is marked."""
    if not UoppdatertArbeidsgiver.objects.exists():
        return 0
    with transaction.atomic():
        las(LAS)
        ids = merker_ta(grense, TA)
        if not ids:
            return 0
        Praksistall.objects.filter(arbeidsgiver_id__in=ids).delete()
        Praksistall.objects.bulk_create(rader_for(ids))
    return len(ids)


def praksistall_oppdater_alle() -> int:
    """Count every marked employer again, a batch at a time."""
    return til_ingen_er_merket(praksistall_oppdater)


def praksistall_bygg() -> int:
    """Count every employer again from the placements: mark them all, then count (a reader in between
    finds them marked and counts first)."""
    with transaction.atomic():
        las(LAS)
        with connection.cursor() as c:
            c.execute(
                "INSERT INTO rapporter_uoppdatertarbeidsgiver (arbeidsgiver_id) SELECT id FROM "
                "arbeidsgivere_arbeidsgiver WHERE true ON CONFLICT DO NOTHING"  # WHERE: for SQLite's parser
            )
    return praksistall_oppdater_alle()


# --- reading ---------------------------------------------------------------------------------------


class Arbeidsgiverbruk(NamedTuple):
    """An employer's placements running in a period, and at how many of its workplaces. (A tuple: a
    large organisation has thousands, and a frozen dataclass cost 2 µs each to make.)"""

    arbeidsgiver_id: int
    navn: str
    godkjent: bool
    plasseringer: int
    steder: int


def i_perioden(org_ids: set[int], periode: Periode) -> list[Arbeidsgiverbruk]:
    """Every employer with a placement of the organisations running in the period, most placements
    first (then by name), in one query. (A workplace's placements are its organisation's:
    `plassering_opprett` refuses another, so the workplaces summed over two organisations are distinct.)
    Read without the ORM's field converters: one row per employer in use, a few thousand in a large
    organisation, where the converters cost more than the query."""
    ar = isinstance(periode, Aar)
    rader = (
        Praksistall.objects.filter(
            Q(start=periode.start) | Q(og_senere=True, start__lt=periode.start), organisasjon_id__in=org_ids, ar=ar
        )
        .values("arbeidsgiver_id", "arbeidsgiver__navn", "arbeidsgiver__godkjent_laerebedrift")
        .annotate(n=Sum("plasseringer"), steder=Sum("steder"))
        .order_by("-n", "arbeidsgiver__navn")
    )
    return [
        Arbeidsgiverbruk(
            r["arbeidsgiver_id"],
            r["arbeidsgiver__navn"],
            bool(r["arbeidsgiver__godkjent_laerebedrift"]),  # SQLite: 0 or 1
            r["n"],
            r["steder"],
        )
        for r in sporringsrader(rader)
    ]
