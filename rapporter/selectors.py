"""Figures for the steering group's semester dashboard and the annual report. Every number is counted
in the database: each table is one or a few grouped aggregate queries (filtered COUNTs), never a loop
over participant rows. Tables then pass through small-number suppression when the viewer sees
aggregates only (the styringsgruppe role).

"In the period" counts use dated facts: the referral date (Deltaker.henvist_dato), status transitions
(deltakere.Statusendring), terminations (Avbrudd.dato), exam and fagprøve dates, visits and meetings.
"At the end of the period" counts use the last status transition on or before the period's last day.
Outcomes (deltakere.Utfall) are counted by the date the participant completed (her last status change to
fullført); stipend money by the months stored with each decision (fagbrev.Stipendmaned), summed in SQL.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import Case, Count, F, Max, Min, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from arbeidsgivere.models import Arbeidsgiver, Plassering
from deltakere import statusgrupper
from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall, status_pa_dato
from deltakere.selectors import SEKS_MANEDER
from fagbrev.datoregning import forste_dag_som_nar, siste_dag_som_nar
from fagbrev.models import Fagretning, Kull
from lop.models import Eksamen, Fagprove, Norskprove, Resultat, Stipendmaned
from oppfolging.models import Besok, Vurderingssamtale

from .semester import HOST, VAR, Aar, Periode, Semester
from .undertrykking import (
    GRENSE,
    SKJULT_BELOP,
    SKJULT_SEKUNDAER,
    Tabell,
    beskytt_alle,
    med_nokler,
    par_linjer,
    undertrykk,
    uten_undertrykking,
)

S = Deltaker.Status
F_ = Norskprove.Ferdighet
T = Utfall.Tidspunkt
SI = Utfall.Situasjon

# Statuses a participant has passed through to be counted at each step of the way (current status
# tells how far she has come; a terminated case counts up to admission).
# (the groups: deltakere/statusgrupper.py; "aktive" here are those at the workplace, not on leave)
TATT_OPP, I_OPPLAERING = statusgrupper.TATT_OPP_ELLER_SENERE, statusgrupper.STARTET_OPPLAERING
TEORI_BESTATT, AKTIV = statusgrupper.TEORI_BESTATT_ELLER_SENERE, statusgrupper.PA_ARBEIDSPLASSEN


@dataclass
class Rapporttabell:
    tittel: str
    beskrivelse: str
    tabell: Tabell
    # (row index, column index) → link to the list behind the number (coordinators only)
    lenker: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Trend:
    tittel: str
    semestre: list[str]
    verdier: list[int | str]
    maks: int
    # the counts, named like the tables' cells ("henvist", "2026-host", "total"), for suppression
    tabell: Tabell | None = None

    @property
    def bredde(self) -> int:
        return 100 * len(self.semestre)


@dataclass
class Dashboard:
    periode: Periode
    tabeller: list[Rapporttabell]
    trender: list[Trend]
    undertrykt: bool
    utelatt: list[str] = field(default_factory=list)
    # series the summary at the top draws (rapporter/sammendrag.py), protected with the report
    serier: list[Trend] = field(default_factory=list)

    @property
    def semester(self) -> Periode:
        return self.periode


# What the dashboard cannot show yet, said on the page itself (nothing at the moment).
UTELATT: list[str] = []


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

    def felt(self, prefiks: str = "") -> str | tuple[str, str]:
        if self.navn == "kull":
            return (f"{prefiks}kull_id", f"{prefiks}fagretning_id")
        return f"{prefiks}fagretning_id"

    def lenke_pk(self, nokkel) -> int | None:
        """The id the participant list filters on for this row (None: the list has no such filter)."""
        return nokkel[0] if self.navn == "kull" else nokkel


def _dimensjoner(org_ids: set[int]) -> tuple[Dimensjon, Dimensjon]:
    fagretninger = list(Fagretning.objects.filter(organisasjon_id__in=org_ids).order_by("-aktiv", "navn"))
    kull_per_spor: dict[int, list[Kull]] = {}
    for k in Kull.objects.filter(organisasjon_id__in=org_ids).order_by("oppstart"):
        kull_per_spor.setdefault(k.fagretning_id, []).append(k)
    uten_kull = set(
        Deltaker.objects.filter(organisasjon_id__in=org_ids, kull__isnull=True)
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
    return Dimensjon("fagretning", [(f.pk, f.navn) for f in fagretninger]), Dimensjon("kull", rader, forelder)


def _i(periode: Periode, felt: str) -> Q:
    return Q(**{f"{felt}__gte": periode.start, f"{felt}__lte": periode.slutt})


# A dashboard asks most grouped questions twice: per track and again per cohort. Inside
# `samme_tall()` (the views wrap each dashboard in it) such a query runs once, grouped by track AND
# cohort, and both tables are summed from its rows: a cohort belongs to one track and a participant
# to one cohort (or none), so nothing is counted twice.
_buffer: ContextVar[dict | None] = ContextVar("rapporter_samme_tall", default=None)
_SLA_SAMMEN = {Count: operator.add, Sum: operator.add, Max: max, Min: min}


@contextmanager
def samme_tall():
    """Share grouped query results between the tables of one dashboard (see `_gruppert`)."""
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


def _summer(rader, gruppe: str | tuple[str, ...], aggregater: dict, ekstra: tuple[str, ...] = ()) -> dict:
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


def _rader(qs) -> list[dict]:
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


def _gruppert(qs, gruppe: str | tuple[str, ...], aggregater: dict) -> dict:
    """One grouped query: {group id (a tuple for cohort rows): {alias: value}}."""
    felter = (gruppe,) if isinstance(gruppe, str) else gruppe
    buffer, begge = _buffer.get(), _begge(felter[0])
    if buffer is None or begge is None or not all(_kan_summeres(a) for a in aggregater.values()):
        return _summer(qs.values(*felter).annotate(**aggregater).order_by(), gruppe, aggregater)
    return _summer(_rader(qs.values(*begge).annotate(**aggregater).order_by()), gruppe, aggregater)


def _celler(dim: Dimensjon, *grupper: dict, kolonner: list[str]) -> list[list[int]]:
    """Cells in row order from one or more grouped results (groups without rows are zeros)."""
    ut = []
    for pk, _ in dim.rader:
        samlet: dict = {}
        for g in grupper:
            samlet.update(g.get(pk, {}))
        ut.append([samlet.get(k) or 0 for k in kolonner])
    return ut


def _lag(undertrykk_sma: bool):
    return undertrykk if undertrykk_sma else uten_undertrykking


def _rad(dim: Dimensjon, r: int) -> tuple:
    """The name of row r of a table over `dim`: (dimension, key), or ("total",) for the total row."""
    return ("total",) if r == len(dim.rader) else (dim.navn, dim.rader[r][0])


def _navngitt(tabell: Tabell, dim: Dimensjon, kode: str, hva: list[str | None]) -> Tabell:
    """Name each cell (rapporter/undertrykking.py): what its column counts, the period, the row. Cells
    with the same name in two tables are the same number (e.g. «Avbrutt» per track, and the row total of
    «Avbrudd etter årsak»); hva[k] None leaves a column unnamed. hva may name the row-total column too."""
    return med_nokler(tabell, lambda r, k: (hva[k], kode, *_rad(dim, r)) if k < len(hva) and hva[k] else None)


def _status_ved_slutt(periode: Periode):
    """The status a participant had on the period's last day (deltakere's one rule, status_pa_dato).

    One probe per participant into the index deltakere_statusendring_siste (an index-only scan).
    """
    return status_pa_dato(periode.slutt)


def _ved_slutt(deltakere, periode: Periode, gruppe: str) -> dict:
    """{group: {"aktive": n, "permisjon": n, "intervall": the track's visit interval}} at the period's end,
    among the participants registered by then.

    Grouped by (track, cohort, status at the end): the status is worked out once per participant, not
    once per count that uses it, and (inside `samme_tall`) once for every table that needs it.
    """
    rader = _rader(
        deltakere.filter(opprettet__date__lte=periode.slutt)
        .annotate(st=_status_ved_slutt(periode))
        .values("fagretning_id", "kull_id", "st")
        .annotate(n=Count("pk"), intervall=Max("fagretning__besok_intervall_dager"))
        .order_by()
    )
    per_status = _summer(rader, gruppe, {"n": Count("pk"), "intervall": Max("pk")}, ekstra=("st",))
    ut: dict = {}
    for nokkel, verdier in per_status.items():
        *g, st = nokkel
        g = tuple(g) if len(g) > 1 else g[0]
        mal = ut.setdefault(g, {"aktive": 0, "permisjon": 0, "intervall": None})
        mal["aktive"] += verdier["n"] if st in AKTIV else 0
        mal["permisjon"] += verdier["n"] if st == S.PERMISJON else 0
        mal["intervall"] = max(mal["intervall"] or 0, verdier["intervall"] or 0) or None
    return ut


def deltakere_i_perioden(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """Referred, admitted, active and on leave at the end, terminated and completed: per track or cohort."""
    deltakere = Deltaker.objects.filter(organisasjon_id__in=org_ids)
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "dato"))

    def blant(qs) -> Q:
        # `pk IN (uncorrelated subquery)`: PostgreSQL hashes the ids once, and each participant counts once
        # (a join to her status changes would repeat her row and need COUNT(DISTINCT)).
        return Q(pk__in=qs.values("deltaker_id"))

    flyt = _gruppert(
        deltakere,
        dim.felt(),
        {
            "henvist": Count("pk", filter=_i(periode, "henvist_dato")),
            "tatt_opp": Count("pk", filter=blant(endringer.filter(til_status=S.TATT_OPP))),
            "fullfort": Count("pk", filter=blant(endringer.filter(til_status=S.FULLFORT))),
            "avbrutt": Count(
                "pk", filter=blant(Avbrudd.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "dato")))
            ),
        },
    )
    ved_slutt = _ved_slutt(deltakere, periode, dim.felt())
    kolonner = [
        ("henvist", "Henvist"),
        ("tatt_opp", "Tatt opp"),
        ("aktive", "Aktive ved slutten"),
        ("permisjon", "I permisjon ved slutten"),
        ("avbrutt", "Avbrutt"),
        ("fullfort", "Fullført"),
    ]
    celler = _celler(dim, flyt, ved_slutt, kolonner=[k for k, _ in kolonner])
    # Different kinds of counts side by side: a row total would mean nothing.
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], [n for _, n in kolonner], celler, rad_total=False)
    tabell = _navngitt(tabell, dim, periode.kode, [k for k, _ in kolonner])
    lenker = {}
    if not undertrykk_sma:
        for ri, (nokkel, _) in enumerate(dim.rader):
            if (pk := dim.lenke_pk(nokkel)) is None:
                continue  # the participant list has no "without cohort" filter
            lenker[(ri, 3)] = f"/deltakere/?{dim.navn}={pk}&status={S.PERMISJON}"
            lenker[(ri, 4)] = f"/deltakere/?{dim.navn}={pk}&status={S.AVBRUTT}"
            lenker[(ri, 5)] = f"/deltakere/?{dim.navn}={pk}&status={S.FULLFORT}"
    return Rapporttabell(
        tittel=f"Deltakere per {dim.navn}",
        beskrivelse=(
            f"Henvist, tatt opp, avbrutt og fullført i {periode.navn.lower()}; aktive og i permisjon "
            f"{periode.slutt:%d.%m.%Y}." + ("" if undertrykk_sma else " Lenkene viser listen slik den er i dag.")
        ),
        tabell=tabell,
        lenker=lenker,
    )


def avbrudd_etter_arsak(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    kategorier = list(Avbrudd.Kategori)
    grupper = _gruppert(
        Avbrudd.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "dato")),
        dim.felt("deltaker__"),
        {k.value: Count("pk", filter=Q(kategori=k)) for k in kategorier},
    )
    celler = _celler(dim, grupper, kolonner=[k.value for k in kategorier])
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], [k.label for k in kategorier], celler)
    # the row total is «Avbrutt» of «Deltakere per …» (one termination per participant): the same number
    tabell = _navngitt(tabell, dim, periode.kode, [*(f"avbrudd_{k.value}" for k in kategorier), "avbrutt"])
    return Rapporttabell(
        tittel="Avbrudd etter årsak",
        beskrivelse=f"Avbrudd med dato i {periode.navn.lower()}, etter årsakskategori.",
        tabell=tabell,
    )


def _siste_utfall():
    """The participant's latest recorded outcome: six months after when registered, else at completion."""
    siste = Utfall.objects.filter(deltaker=OuterRef("pk")).order_by(
        Case(When(tidspunkt=T.SEKS_MANEDER, then=Value(0)), default=Value(1)), "-dato"
    )
    return Subquery(siste.values("situasjon")[:1])


def trakt(*, org_ids: set[int], dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """The way through: referred → admitted → in training → written exam passed → fagprøve passed → in work."""
    kolonner = [
        ("Henvist", None),
        ("Tatt opp", Q(status__in=TATT_OPP)),
        ("I opplæring", Q(status__in=I_OPPLAERING)),
        ("Skriftlig eksamen bestått", Q(status__in=TEORI_BESTATT)),
        ("Fagprøve bestått", Q(status=S.FULLFORT)),
        ("I arbeid", Q(status=S.FULLFORT, siste_utfall__in=Utfall.I_ARBEID)),
    ]
    grupper = _gruppert(
        Deltaker.objects.filter(organisasjon_id__in=org_ids)
        .exclude(status=S.AVSLATT)
        .annotate(siste_utfall=_siste_utfall()),
        dim.felt(),
        {f"k{i}": Count("pk", filter=q) for i, (_, q) in enumerate(kolonner)},
    )
    celler = _celler(dim, grupper, kolonner=[f"k{i}" for i in range(len(kolonner))])
    # The steps are nested (a subset of the one before), so a row total means nothing here.
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], [k for k, _ in kolonner], celler, rad_total=False)
    tabell = _navngitt(tabell, dim, "i dag", [f"trakt_{i}" for i in range(len(kolonner))])
    lenker = {}
    if not undertrykk_sma:
        for ri, (nokkel, _) in enumerate(dim.rader):
            if (pk := dim.lenke_pk(nokkel)) is None:
                continue
            lenker[(ri, 0)] = f"/deltakere/?{dim.navn}={pk}"
            lenker[(ri, 4)] = f"/deltakere/?{dim.navn}={pk}&status={S.FULLFORT}"
    return Rapporttabell(
        tittel=f"Veien gjennom, per {dim.navn}",
        beskrivelse=(
            "Hvor langt deltakerne er kommet (status i dag; avslåtte er ikke med). Trinnene er nestet: "
            "hvert trinn er en del av trinnet før. Avbrutte teller til og med «Tatt opp». «I arbeid»: "
            "fullførte der siste registrerte utfall (seks måneder etter når det er registrert, ellers ved "
            "fullføring) er fast eller midlertidig ansatt eller lærling."
        ),
        tabell=tabell,
        lenker=lenker,
    )


UTFALL_KOLONNER = ["I arbeid", "I utdanning", "Annet", "Ikke registrert"]
UTFALL_VED = ["ved_arbeid", "ved_utdanning", "ved_annet", "ved_mangler"]
UTFALL_SEKS = ["seks_arbeid", "seks_utdanning", "seks_annet", "seks_mangler"]


def _utfall_telling(felt: str, kohort: Q) -> dict:
    """Filtered COUNTs of one cohort by its outcome at one point in time (`felt` is the annotation)."""
    return {
        f"{felt}_arbeid": Count("pk", filter=kohort & Q(**{f"{felt}__in": Utfall.I_ARBEID})),
        f"{felt}_utdanning": Count("pk", filter=kohort & Q(**{felt: SI.UTDANNING})),
        f"{felt}_annet": Count(
            "pk",
            filter=kohort & Q(**{f"{felt}__isnull": False}) & ~Q(**{f"{felt}__in": [*Utfall.I_ARBEID, SI.UTDANNING]}),
        ),
        f"{felt}_mangler": Count("pk", filter=kohort & Q(**{f"{felt}__isnull": True})),
    }


def utfall(
    *, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool, idag: datetime.date
) -> list[Rapporttabell]:
    """Outcomes of those who completed, in one grouped query: at completion for those who completed in
    the period, and six months after for those whose six months ran out in the period (up to today).

    A completion date c has its six-month date c + 6 months inside [start, slutt] exactly when c lies in
    [forste_dag_som_nar(start), siste_dag_som_nar(slutt)] (fagbrev.datoregning): the six-month date only
    grows with c, so the window is computed once, not per person. Not slutt − 6 months: on 30 November,
    31 May has had its six months too.
    Terminated cases are not counted here (their end is in «Avbrudd etter årsak»).
    """
    fullfort = (
        Statusendring.objects.filter(deltaker=OuterRef("pk"), til_status=S.FULLFORT)
        .values("deltaker")
        .annotate(siste=Max("dato"))
        .values("siste")
    )

    def situasjon(tidspunkt: str):
        return Subquery(Utfall.objects.filter(deltaker=OuterRef("pk"), tidspunkt=tidspunkt).values("situasjon")[:1])

    seks_fra = forste_dag_som_nar(periode.start, maneder=SEKS_MANEDER)
    seks_til = siste_dag_som_nar(min(periode.slutt, idag), maneder=SEKS_MANEDER)
    qs = Deltaker.objects.filter(organisasjon_id__in=org_ids, status=S.FULLFORT).annotate(
        fullfort_dato=Subquery(fullfort), ved=situasjon(T.VED_FULLFORING), seks=situasjon(T.SEKS_MANEDER)
    )
    grupper = _gruppert(
        qs,
        dim.felt(),
        {
            **_utfall_telling("ved", Q(fullfort_dato__gte=periode.start, fullfort_dato__lte=periode.slutt)),
            **_utfall_telling("seks", Q(fullfort_dato__gte=seks_fra, fullfort_dato__lte=seks_til)),
        },
    )
    rader = [n for _, n in dim.rader]
    ved = _celler(dim, grupper, kolonner=UTFALL_VED)
    seks = _celler(dim, grupper, kolonner=UTFALL_SEKS)
    forklaring = "«I arbeid»: fast eller midlertidig ansatt eller lærling. «Annet»: arbeidssøker eller annet."
    if seks_til >= seks_fra:
        seks_kohort = f"Deltakere som fullførte {seks_fra:%d.%m.%Y}–{seks_til:%d.%m.%Y}"
    else:
        seks_kohort = "Ingen har ennå vært fullført i seks måneder i perioden"
    return [
        Rapporttabell(
            tittel="Utfall ved fullføring",
            beskrivelse=(
                f"Deltakere som fullførte i {periode.navn.lower()}, etter situasjonen ved fullføring. {forklaring} "
                "Avbrutte er ikke med."
            ),
            # the row total is «Fullført» of «Deltakere per fagretning»: the same participants
            tabell=_navngitt(
                _lag(undertrykk_sma)(rader, UTFALL_KOLONNER, ved), dim, periode.kode, [*UTFALL_VED, "fullfort"]
            ),
        ),
        Rapporttabell(
            tittel="Utfall seks måneder etter fullføring",
            beskrivelse=(
                f"{seks_kohort}: seks måneder etter falt i {periode.navn.lower()} (til og med i dag), etter "
                f"situasjonen da. {forklaring}"
            ),
            tabell=_navngitt(
                _lag(undertrykk_sma)(rader, UTFALL_KOLONNER, seks), dim, periode.kode, [*UTFALL_SEKS, "seks"]
            ),
        ),
    ]


def _kroner(belop: Decimal | None) -> int:
    return int((belop or Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def stipend(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell | None:
    """NAV Asker's 4th-intro-year stipend per track: participants with a stored month in the period, and
    the months' sum, IMDi's part and the municipality's, in whole kroner. One grouped query over all the
    organisation's stored months (filtered sums for the period), so an organisation that has never
    registered a stipend decision gets no table, without a query of its own.

    The participant count is suppressed like any count; the amounts of a row whose count is hidden are
    hidden too (one person's amount tells her age group), and so are the totals when the total count is.
    Because secondary suppression leaves either no or at least two hidden counts in the column, no
    hidden amount can be worked out from the total either.
    """
    i_perioden = Q(maned__gte=periode.start, maned__lte=periode.slutt)
    grupper = _gruppert(
        Stipendmaned.objects.filter(organisasjon_id__in=org_ids),
        dim.felt("vedtak__deltaker__"),
        {
            "antall": Count("vedtak__deltaker", distinct=True, filter=i_perioden),
            "sum": Sum("sum", filter=i_perioden),
            "imdi": Sum("imdi", filter=i_perioden),
        },
    )
    if not grupper:
        return None
    antall = _lag(undertrykk_sma)(
        [n for _, n in dim.rader],
        ["Deltakere med stipend"],
        [[grupper.get(pk, {}).get("antall", 0)] for pk, _ in dim.rader],
        rad_total=False,
    )
    belop = []
    for pk, _ in dim.rader:
        g = grupper.get(pk, {})
        total, imdi = _kroner(g.get("sum")), _kroner(g.get("imdi"))
        belop.append([total, imdi, total - imdi])
    belop.append([sum(rad[k] for rad in belop) for k in range(3)])
    skjult = set(antall.skjult) | {(r, k) for r, kol in antall.skjult for k in (1, 2, 3)}
    tabell = replace(
        antall,
        kolonner=[*antall.kolonner, "Stipend (kr)", "IMDi (kr)", "Kommunen (kr)"],
        verdier=[[*a, *b] for a, b in zip(antall.verdier, belop, strict=True)],
        skjult=frozenset(skjult),
        skjult_tekst={1: SKJULT_BELOP, 2: SKJULT_BELOP, 3: SKJULT_BELOP},
    )
    # An amount is made from its row's count (one person's amount tells her age group): its base count.
    tabell = _navngitt(tabell, dim, periode.kode, ["stipend"])
    tabell = replace(
        tabell,
        grunnlag={(r, k): frozenset({tabell.nokler[(r, 0)]}) for r in range(len(belop)) for k in (1, 2, 3)},
        ikke_antall=frozenset({1, 2, 3}),
    )
    return Rapporttabell(
        tittel="Stipend i 4. introår",
        beskrivelse=(
            f"Deltakere med stipend i {periode.navn.lower()} og utbetalt beløp for månedene i perioden (2 G i året, "
            "to tredjedeler under 25 år; IMDi dekker inntil 1 G, kommunen resten), slik månedene ble beregnet og "
            "lagret med vedtaket."
            + (" Beløp i en rad der antallet er skjult, er også skjult." if undertrykk_sma else "")
        ),
        tabell=tabell,
    )


def resultater(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """Written exams and fagprøver passed/attempted in the period; Norwegian goal reached per skill."""
    eksamen = _gruppert(
        Eksamen.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "eksamensdato")).exclude(resultat=""),
        dim.felt("deltaker__"),
        {"e_avlagt": Count("pk"), "e_bestatt": Count("pk", filter=Q(resultat=Resultat.BESTATT))},
    )
    fagprove = _gruppert(
        Fagprove.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "provedato")).exclude(resultat=""),
        dim.felt("deltaker__"),
        {"f_avlagt": Count("pk"), "f_bestatt": Count("pk", filter=Q(resultat=Resultat.BESTATT))},
    )
    # CEFR codes sort as text in level order (A1 < A2 < B1 < B2 < C1); "" (under A1) never reaches a goal.
    norsk = _gruppert(
        Norskprove.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "dato")).exclude(niva=""),
        dim.felt("deltaker__"),
        {
            "n_muntlig": Count(
                "deltaker",
                distinct=True,
                filter=Q(ferdighet=F_.MUNTLIG, niva__gte=F("deltaker__fagretning__norskmal_muntlig")),
            ),
            "n_skriftlig": Count(
                "deltaker",
                distinct=True,
                filter=Q(ferdighet=F_.SKRIFTLIG, niva__gte=F("deltaker__fagretning__norskmal_skriftlig")),
            ),
        },
    )
    kolonner = [
        ("e_avlagt", "Skriftlig eksamen avlagt"),
        ("e_bestatt", "Skriftlig eksamen bestått"),
        ("f_avlagt", "Fagprøve avlagt"),
        ("f_bestatt", "Fagprøve bestått"),
        ("n_muntlig", "Norskmål nådd, muntlig"),
        ("n_skriftlig", "Norskmål nådd, skriftlig"),
    ]
    celler = _celler(dim, eksamen, fagprove, norsk, kolonner=[k for k, _ in kolonner])
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], [n for _, n in kolonner], celler, rad_total=False)
    tabell = _navngitt(tabell, dim, periode.kode, [k for k, _ in kolonner])
    return Rapporttabell(
        tittel=f"Resultater per {dim.navn}",
        beskrivelse=(
            f"Eksamener og fagprøver med dato i {periode.navn.lower()} (avlagt = med resultat). Norskmål: "
            "deltakere med en norskprøve i perioden på eller over fagretningens mål for ferdigheten."
        ),
        tabell=tabell,
    )


def _prosent(teller: int, nevner: int) -> int:
    return int(100 * teller / nevner + 0.5) if nevner else 0  # half up, not banker's rounding


def oppfolging(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """Workplace visits made against the track's rhythm; assessment meetings held against due.

    Due visits: participants active at the end of the period × (days in the period ÷ the track's visit
    interval). Due meetings: one per active participant per semester. Both are arithmetic on grouped
    counts (one value per row), not loops over participants.
    """
    dager = (periode.slutt - periode.start).days + 1
    aktive = (
        _ved_slutt(Deltaker.objects.filter(organisasjon_id__in=org_ids), periode, dim.felt())
        if dim.navn == "fagretning"
        else None
    )
    besok = _gruppert(
        Besok.objects.filter(organisasjon_id__in=org_ids).filter(_i(periode, "dato")),
        dim.felt("deltaker__"),
        # COUNT(deltaker_id), not COUNT(id): the index (organisasjon, dato, deltaker) then answers alone
        {"besok": Count("deltaker")},
    )
    samtaler = _gruppert(
        Vurderingssamtale.objects.filter(
            organisasjon_id__in=org_ids, semester__in=periode.semesterkoder, holdt_dato__isnull=False
        ),
        dim.felt("deltaker__"),
        {"samtaler": Count("pk")},
    )
    celler = []
    for pk, _ in dim.rader:
        a = aktive.get(pk, {}) if aktive is not None else {}
        n_aktive, intervall = a.get("aktive") or 0, a.get("intervall") or 14
        celler.append(
            [
                besok.get(pk, {}).get("besok", 0),
                n_aktive * (dager // intervall),
                samtaler.get(pk, {}).get("samtaler", 0),
                n_aktive * len(periode.semesterkoder),
            ]
        )
    kolonner = ["Besøk gjort", "Besøk forventet", "Samtaler holdt", "Samtaler forventet"]
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], kolonner, celler, rad_total=False)
    tabell = _navngitt(tabell, dim, periode.kode, ["besok", "besok_forventet", "samtaler", "samtaler_forventet"])
    # What is due is made from the active participants (of «Deltakere per fagretning»): those are its base
    # counts, and a total due is made from every row's. Hidden active → hidden due, however large.
    aktive_navn = [("aktive", periode.kode, *_rad(dim, r)) for r in range(len(dim.rader))]
    alle = frozenset(aktive_navn)
    tabell = replace(
        tabell,
        grunnlag={
            (r, k): (frozenset({aktive_navn[r]}) if r < len(dim.rader) else alle)
            for r in range(len(dim.rader) + 1)
            for k in (1, 3)
        },
        grunntall={
            navn: (aktive.get(pk, {}).get("aktive") or 0) for navn, (pk, _) in zip(aktive_navn, dim.rader, strict=True)
        }
        if aktive is not None
        else {},
    )
    tabell = _med_andeler(tabell, [(0, 1, "Besøk, andel %"), (2, 3, "Samtaler, andel %")])
    tabell = replace(tabell, ikke_antall=frozenset({1, 3, 4, 5}))  # made from counts, hidden with them
    if undertrykk_sma:
        (tabell,) = beskytt_alle([tabell])
    return Rapporttabell(
        tittel="Oppfølging",
        beskrivelse=(
            "Arbeidsplassbesøk mot fagretningens rytme og vurderingssamtaler mot én per aktiv deltaker per "
            "semester. Forventet regnes ut fra deltakere aktive ved periodens slutt."
        ),
        tabell=tabell,
    )


def _med_andeler(tabell: Tabell, andeler: list[tuple[int, int, str]]) -> Tabell:
    """Append percentage columns (teller/nevner). A percentage is made from its two cells: those are its
    base counts, so it is hidden when either is (here, and again when the whole report is protected)."""
    verdier = [[*rad, *(_prosent(rad[t], rad[n]) for t, n, _ in andeler)] for rad in tabell.verdier]
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


VIS_ARBEIDSGIVERE = 25  # rows of the per-employer table; the others are summed in one row


def praksis(*, org_ids: set[int], periode: Periode, undertrykk_sma: bool) -> list[Rapporttabell]:
    """Workplaces and employers in use in the period; approved training companies; placements per employer."""
    i_bruk = Q(fra__lte=periode.slutt) & (Q(til__isnull=True) | Q(til__gte=periode.start))
    plasseringer = Plassering.objects.filter(i_bruk, organisasjon_id__in=org_ids)
    samlet = plasseringer.aggregate(
        steder=Count("arbeidssted", distinct=True),
        arbeidsgivere=Count("arbeidssted__arbeidsgiver", distinct=True),
        godkjente=Count(
            "arbeidssted__arbeidsgiver", distinct=True, filter=Q(arbeidssted__arbeidsgiver__godkjent_laerebedrift=True)
        ),
    )
    godkjente_alle = Arbeidsgiver.objects.filter(organisasjon_id__in=org_ids, godkjent_laerebedrift=True).count()
    kolonner = [
        "Arbeidssteder i bruk",
        "Arbeidsgivere i bruk",
        "Herav godkjente lærebedrifter",
        "Godkjente lærebedrifter i alt",
    ]
    # Workplaces and employers are not persons: these counts are shown as they are.
    oversikt = Tabell(
        rader=[],
        kolonner=kolonner,
        verdier=[[samlet["steder"], samlet["arbeidsgivere"], samlet["godkjente"], godkjente_alle]],
        skjult=frozenset(),
        rad_total=False,
    )
    per_arbeidsgiver = list(
        plasseringer.values("arbeidssted__arbeidsgiver_id", "arbeidssted__arbeidsgiver__navn")
        .annotate(n=Count("pk"))
        .order_by("-n", "arbeidssted__arbeidsgiver__navn")
    )
    # The employers with most placements get a row each and the rest one row together: the table (and
    # the page) stays the same size however many employers the organisation works with.
    topp, resten = per_arbeidsgiver[:VIS_ARBEIDSGIVERE], per_arbeidsgiver[VIS_ARBEIDSGIVERE:]
    rader = [r["arbeidssted__arbeidsgiver__navn"] for r in topp]
    celler = [[r["n"]] for r in topp]
    if resten:
        rader.append(f"Andre arbeidsgivere ({len(resten)})")
        celler.append([sum(r["n"] for r in resten)])
    tabell = _lag(undertrykk_sma)(rader, ["Plasseringer"], celler, rad_total=False)
    return [
        Rapporttabell(
            tittel="Praksisplasser",
            beskrivelse=f"Arbeidssteder og arbeidsgivere med en plassering i {periode.navn.lower()}.",
            tabell=oversikt,
        ),
        Rapporttabell(
            tittel="Plasseringer per arbeidsgiver",
            beskrivelse=f"Plasseringer som løper i {periode.navn.lower()}, per arbeidsgiver"
            + (f" (de {VIS_ARBEIDSGIVERE} med flest; de andre samlet i siste rad)." if resten else "."),
            tabell=tabell,
        ),
    ]


def _trend(tittel: str, hva: str, qs, datofelt: str, semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """One query: a filtered COUNT per semester (over the rows of those semesters only).

    Each semester's count is named like the tables' totals (`hva`, semester, "total"): the trend's last
    value is the same number as the dashboard's total, and a year's two values add up to the annual
    report's, so suppression treats them together (`dashboard`).
    """
    qs = qs.filter(**{f"{datofelt}__gte": semestre[0].start, f"{datofelt}__lte": semestre[-1].slutt})
    # COUNT(date) = COUNT(*) here (the filter needs a date): the index on (organisation, date) can answer it
    agg = qs.aggregate(**{s.kode: Count(datofelt, filter=_i(s, datofelt)) for s in semestre})
    tabell = _lag(undertrykk_sma)(
        [s.navn for s in semestre], ["Antall"], [[agg[s.kode]] for s in semestre], rad_total=False
    )
    tabell = replace(
        tabell,
        summerer=False,  # the series shows no total: no line inside it
        skjult=frozenset((r, 0) for r, sem in enumerate(semestre) if undertrykk_sma and 0 < agg[sem.kode] < GRENSE),
        nokler={(r, 0): (hva, s.kode, "total") for r, s in enumerate(semestre)},
    )
    return _trend_vis(Trend(tittel=tittel, semestre=[s.navn for s in semestre], verdier=[], maks=1, tabell=tabell))


def _trend_vis(trend: Trend) -> Trend:
    """The values as shown, and the scale of the chart from the shown values only (a hidden value is
    drawn at a fixed height, so the scale must not be the largest hidden value)."""
    tabell = trend.tabell
    verdier = [tabell.vis(r, 0) for r in range(len(trend.semestre))]
    synlige = [v for v in verdier if isinstance(v, int)]
    # A «<5» is drawn as the range 1–4 on a scale of at least twice the limit, so it never fills the chart
    maks = max([*synlige, *([2 * GRENSE] if len(synlige) < len(verdier) else []), 1])
    return replace(trend, verdier=verdier, maks=maks)


def trender(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> list[Trend]:
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids)
    return [
        _trend(
            "Henvisninger per semester",
            "henvist",
            Deltaker.objects.filter(organisasjon_id__in=org_ids),
            "henvist_dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Tatt opp per semester",
            "tatt_opp",
            endringer.filter(til_status=S.TATT_OPP),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Fullført per semester",
            "fullfort",
            endringer.filter(til_status=S.FULLFORT),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Avbrudd per semester",
            "avbrutt",
            Avbrudd.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Arbeidsplassbesøk per semester",
            "besok",
            Besok.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
    ]


def _par_linjer(spor: Rapporttabell, kull: Rapporttabell, per_kull: Dimensjon) -> list[list]:
    """Each track's cell with its cohorts' cells, by the cells' names (the same counts per track and per
    cohort: one must not be set against the other)."""
    bredde = len(spor.tabell.kolonner) + (1 if spor.tabell.rad_total else 0)

    def navn(k: int, hvem: tuple[str, int]):
        tabell, r = (spor.tabell, hvem[1]) if hvem[0] == "spor" else (kull.tabell, hvem[1])
        return tabell.nokler.get((r, k))

    return par_linjer(per_kull.forelder, antall_foreldre=len(spor.tabell.rader), bredde=bredde, navn=navn)


def _ar_linjer(periode: Periode, trender: list[Trend]) -> list[list]:
    """In the annual report, a year's count is the sum of its two semesters' counts in the trends."""
    if not isinstance(periode, Aar):
        return []  # a semester's total and the trend's last value share a name: nothing more to tie
    vaar, host = Semester(periode.aar, VAR), Semester(periode.aar, HOST)
    hvaer = {n[0] for t in trender for n in t.tabell.nokler.values()}
    return [[(hva, vaar.kode, "total"), (hva, host.kode, "total"), (hva, periode.kode, "total")] for hva in hvaer]


def _beskytt_rapporten(tabeller: list[Rapporttabell], trender: list[Trend], linjer: list[list]) -> list[Trend]:
    """Suppress the whole report together (rapporter/undertrykking.py, `beskytt_alle`)."""
    beskyttet = beskytt_alle([rt.tabell for rt in tabeller] + [t.tabell for t in trender], linjer=linjer)
    for rt, tabell in zip(tabeller, beskyttet, strict=False):
        rt.tabell = tabell
    return [
        _trend_vis(replace(t, tabell=tabell)) for t, tabell in zip(trender, beskyttet[len(tabeller) :], strict=True)
    ]


def dashboard(
    *,
    org_ids: set[int],
    semester: Periode,
    undertrykk_sma: bool,
    idag: datetime.date | None = None,
    tillegg: Callable[..., tuple[list[Rapporttabell], list[Trend]]] | None = None,
) -> Dashboard:
    """Every table of the dashboard (or the annual report, when `semester` is an Aar).

    `tillegg(org_ids=, periode=, dim=, undertrykk_sma=, idag=)` adds tables (after the others) and series
    (for the summary; not tied by the year's lines) from modules above this one (rapporter/sammendrag.py),
    so that they are protected together with the rest of the report.
    """
    periode = semester
    idag = idag or timezone.localdate()
    per_fagretning, per_kull = _dimensjoner(org_ids)
    k = {"org_ids": org_ids, "undertrykk_sma": undertrykk_sma}
    penger = stipend(periode=periode, dim=per_fagretning, **k)
    # The same counts per track and per cohort: suppressed together, so one cannot be set against the other.
    par = [
        (tabell(dim=per_fagretning, **a), tabell(dim=per_kull, **a))
        for tabell, a in (
            (deltakere_i_perioden, {"periode": periode, **k}),
            (trakt, k),
            (resultater, {"periode": periode, **k}),
        )
    ]
    tabeller = [
        *par[0],
        avbrudd_etter_arsak(periode=periode, dim=per_fagretning, **k),
        *par[1],
        *utfall(periode=periode, dim=per_fagretning, idag=idag, **k),
        *par[2],
        oppfolging(periode=periode, dim=per_fagretning, **k),
        *praksis(periode=periode, **k),
        *([penger] if penger else []),
    ]
    serier: list[Trend] = []
    if tillegg is not None:
        ekstra, serier = tillegg(periode=periode, dim=per_fagretning, idag=idag, **k)
        tabeller += ekstra
    utvikling = trender(semestre=periode.siste(6), **k)
    if undertrykk_sma:
        linjer = [linje for spor, kull in par for linje in _par_linjer(spor, kull, per_kull)]
        alle = _beskytt_rapporten(tabeller, utvikling + serier, linjer + _ar_linjer(periode, utvikling))
        utvikling, serier = alle[: len(utvikling)], alle[len(utvikling) :]
    return Dashboard(
        periode=periode,
        tabeller=tabeller,
        trender=utvikling,
        undertrykt=undertrykk_sma,
        utelatt=UTELATT,
        serier=serier,
    )
