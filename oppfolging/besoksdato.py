"""The next-visit date stored on each participant (Deltaker.neste_besok_frist), so my overview and the
follow-up page read «overdue» and «due soon» from a partial index instead of working out every active
participant's rhythm; with it the end of her latest placement (Deltaker.praksis_til) and the day of her
last assessment meeting held (Deltaker.siste_vurderingssamtale), so the overview's «active without a
practice place» and the semester's meetings held read an index too, not a join over every active case.

The rule is `neste_frist` (oppfolging/selectors.py): the last visit, or before the first visit the open
placement's start, plus the track's interval. Triggers on visits, placements, assessment meetings, the
participant's track and the track's interval mark the participants whose figures may have moved, in the
writer's transaction (migration 0002_besoksfrist_merking, its SQL from
oppfolging/merketriggere.py); `frister_oppdater` works the marked figures out with those expressions, in
one UPDATE, before any read of the stored figures (my overview runs it first: `fagbrev.seksjoner.for_oversikt`).
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import DateField, Func, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from arbeidsgivere.models import Plassering
from deltakere.models import Deltaker
from fagbrev.models import Fagretning

from .models import Besok, Fristuoppdatert, Vurderingssamtale

BUNKE = 5000
UTEN = datetime.date(1, 1, 1)  # stored for «no visit and no placement»: overdue before all others
UTEN_SLUTT = datetime.date(9999, 12, 31)  # a placement without an end date, in `praksis_til`


class LeggTilDager(Func):
    """date + integer days, as a date, on SQLite and PostgreSQL alike."""

    output_field = DateField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s || ' days')", arg_joiner=", '+' || ", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" + ", **extra)


def grunnlag():
    """What the next visit counts from: the last visit, or before the first one the open placement's start."""
    siste = Besok.objects.filter(deltaker=OuterRef("pk")).order_by("-dato", "-pk")
    apen = Plassering.objects.filter(deltaker=OuterRef("pk"), til__isnull=True).order_by("-fra")
    return Coalesce(
        Subquery(siste.values("dato")[:1], output_field=DateField()),
        Subquery(apen.values("fra")[:1], output_field=DateField()),
    )


def neste_frist():
    """The date the next visit is due: `grunnlag` + the track's interval (None before any placement).
    The one home of the rule: annotations and the stored date both use this expression."""
    intervall = Fagretning.objects.filter(pk=OuterRef("fagretning_id")).values("besok_intervall_dager")[:1]
    return LeggTilDager(grunnlag(), Subquery(intervall))


def praksis_til():
    """The last day of her latest placement, UTEN_SLUTT while one has no end (None with none): she has a
    practice place on a day exactly when it is not before that day (what my overview's list asks)."""
    slutt = Coalesce("til", Value(UTEN_SLUTT), output_field=DateField())
    siste = Plassering.objects.filter(deltaker=OuterRef("pk")).annotate(slutt=slutt).order_by("-slutt")
    return Subquery(siste.values("slutt")[:1], output_field=DateField())


def siste_vurderingssamtale():
    """The day her last assessment meeting was held (None with none)."""
    holdt = Vurderingssamtale.objects.filter(deltaker=OuterRef("pk"), holdt_dato__isnull=False)
    return Subquery(holdt.order_by("-holdt_dato").values("holdt_dato")[:1], output_field=DateField())


def _ta(grense: int) -> list[int]:
    """Take up to `grense` marks: what this transaction deletes is its own to work out."""
    with connection.cursor() as c:
        c.execute(
            "DELETE FROM oppfolging_fristuoppdatert WHERE deltaker_id IN "
            "(SELECT deltaker_id FROM oppfolging_fristuoppdatert LIMIT %s) RETURNING deltaker_id",
            [grense],
        )
        return [r[0] for r in c.fetchall()]


def frister_oppdater() -> int:
    """Work out the marked participants' next-visit dates; one query when none is marked."""
    if not Fristuoppdatert.objects.exists():
        return 0
    i_alt = 0
    while True:
        with transaction.atomic():
            ids = _ta(BUNKE)
            if ids:
                # the same date twice is harmless: a second run of one participant writes the same value
                Deltaker.objects.filter(pk__in=ids).update(
                    neste_besok_frist=Coalesce(neste_frist(), Value(UTEN)),
                    praksis_til=Coalesce(praksis_til(), Value(UTEN)),
                    siste_vurderingssamtale=Coalesce(siste_vurderingssamtale(), Value(UTEN)),
                )
        i_alt += len(ids)
        if len(ids) < BUNKE:
            return i_alt


def frister_bygg() -> int:
    """Work out every participant's date again (after a bulk load that bypassed nothing: a check)."""
    with connection.cursor() as c:
        c.execute(
            "INSERT INTO oppfolging_fristuoppdatert (deltaker_id) SELECT id FROM deltakere_deltaker "
            "WHERE true ON CONFLICT DO NOTHING"  # WHERE: SQLite would read ON as a join's
        )
    return frister_oppdater()
