"""Figures for the steering group's semester dashboard and the annual report. Every number is counted
in the database: each table is one or a few grouped aggregate queries (filtered COUNTs), never a loop
over participant rows. Tables then pass through small-number suppression when the viewer sees
aggregates only (the styringsgruppe role).

"In the period" counts use dated facts: the referral date (Deltaker.henvist_dato), status transitions
(deltakere.Statusendring), terminations (Avbrudd.dato), exam and fagprøve dates, visits and meetings.
"At the end of the period" counts use the last status transition on or before the period's last day.
"""

from __future__ import annotations

import operator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from django.db import connections
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from arbeidsgivere.models import Arbeidsgiver, Plassering
from deltakere.models import Avbrudd, Deltaker, Statusendring
from fagbrev.models import Eksamen, Fagprove, Fagretning, Kull, Norskprove, Resultat
from oppfolging.models import Besok, Vurderingssamtale

from .semester import Periode, Semester
from .undertrykking import SKJULT, Tabell, undertrykk, uten_undertrykking

S = Deltaker.Status
F_ = Norskprove.Ferdighet

# Statuses a participant has passed through to be counted at each step of the way (current status
# tells how far she has come; a terminated case counts up to admission).
TATT_OPP = [S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT, S.AVBRUTT]
I_OPPLAERING = [S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
TEORI_BESTATT = [S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
AKTIV = [S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP]


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

    @property
    def semester(self) -> Periode:
        return self.periode


UTELATT = [
    "«I arbeid» (utfall ved fullføring og seks måneder etter) står ikke i trakten: "
    "det finnes ikke noe felt for utfall ennå.",
    "Stipend (sum og fordeling IMDi/kommune) er ikke med: beløpet regnes per deltaker fra fødselsdato og "
    "grunnbeløp i fagbrev-kjernen og kan ikke summeres i databasen ennå.",
]


@dataclass(frozen=True)
class Dimensjon:
    """Rows of a table: tracks or cohorts, with the field that groups a participant into a row."""

    navn: str  # "fagretning" | "kull"
    rader: list[tuple[int | None, str]]

    def felt(self, prefiks: str = "") -> str:
        return f"{prefiks}{self.navn}_id"


def _dimensjoner(org_ids: set[int]) -> tuple[Dimensjon, Dimensjon]:
    fagretninger = Fagretning.objects.filter(organisasjon_id__in=org_ids).order_by("-aktiv", "navn")
    kull = Kull.objects.filter(organisasjon_id__in=org_ids).select_related("fagretning")
    kull = kull.order_by("fagretning__navn", "oppstart")
    return (
        Dimensjon("fagretning", [(f.pk, f.navn) for f in fagretninger]),
        # Participants not yet placed in a cohort get their own row, so both tables add up to the same totals.
        Dimensjon("kull", [*((k.pk, f"{k.fagretning.kortnavn} {k.navn}") for k in kull), (None, "Uten kull")]),
    )


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


def _summer(rader, gruppe: str, aggregater: dict, ekstra: tuple[str, ...] = ()) -> dict:
    """Roll rows grouped by track and cohort (and `ekstra` fields) up to `gruppe` (plus `ekstra`)."""
    ut: dict = {}
    for rad in rader:
        nokkel = (rad[gruppe], *(rad[e] for e in ekstra)) if ekstra else rad[gruppe]
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


def _gruppert(qs, gruppe: str, aggregater: dict) -> dict:
    """One grouped query: {group id: {alias: value}}."""
    buffer, begge = _buffer.get(), _begge(gruppe)
    if buffer is None or begge is None or not all(_kan_summeres(a) for a in aggregater.values()):
        return {rad.pop(gruppe): rad for rad in qs.values(gruppe).annotate(**aggregater).order_by()}
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


def _status_ved_slutt(periode: Periode):
    """The status a participant had on the period's last day: last transition on or before it.

    One probe per participant into the index deltakere_statusendring_siste (an index-only scan).
    """
    siste = Statusendring.objects.filter(deltaker=OuterRef("pk"), dato__lte=periode.slutt).order_by("-dato", "-pk")
    return Coalesce(Subquery(siste.values("til_status")[:1]), F("status"))


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
    for (g, st), verdier in per_status.items():
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
    lenker = {}
    if not undertrykk_sma:
        for ri, (pk, _) in enumerate(dim.rader):
            if pk is None:
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
    return Rapporttabell(
        tittel="Avbrudd etter årsak",
        beskrivelse=f"Avbrudd med dato i {periode.navn.lower()}, etter årsakskategori.",
        tabell=tabell,
    )


def trakt(*, org_ids: set[int], dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """The way through: referred → admitted → in training → written exam passed → fagprøve passed."""
    kolonner = [
        ("Henvist", None),
        ("Tatt opp", TATT_OPP),
        ("I opplæring", I_OPPLAERING),
        ("Skriftlig eksamen bestått", TEORI_BESTATT),
        ("Fagprøve bestått", [S.FULLFORT]),
    ]
    grupper = _gruppert(
        Deltaker.objects.filter(organisasjon_id__in=org_ids).exclude(status=S.AVSLATT),
        dim.felt(),
        {f"k{i}": Count("pk", filter=Q(status__in=st) if st else None) for i, (_, st) in enumerate(kolonner)},
    )
    celler = _celler(dim, grupper, kolonner=[f"k{i}" for i in range(len(kolonner))])
    # The steps are nested (a subset of the one before), so a row total means nothing here.
    tabell = _lag(undertrykk_sma)([n for _, n in dim.rader], [k for k, _ in kolonner], celler, rad_total=False)
    lenker = {}
    if not undertrykk_sma:
        for ri, (pk, _) in enumerate(dim.rader):
            if pk is None:
                continue
            lenker[(ri, 0)] = f"/deltakere/?{dim.navn}={pk}"
            lenker[(ri, 4)] = f"/deltakere/?{dim.navn}={pk}&status={S.FULLFORT}"
    return Rapporttabell(
        tittel=f"Veien gjennom, per {dim.navn}",
        beskrivelse=(
            "Hvor langt deltakerne er kommet (status i dag; avslåtte er ikke med). Trinnene er nestet: "
            "hvert trinn er en del av trinnet før. Avbrutte teller til og med «Tatt opp»."
        ),
        tabell=tabell,
        lenker=lenker,
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
    tabell = _med_andeler(tabell, [(0, 1, "Besøk, andel %"), (2, 3, "Samtaler, andel %")])
    return Rapporttabell(
        tittel="Oppfølging",
        beskrivelse=(
            "Arbeidsplassbesøk mot fagretningens rytme og vurderingssamtaler mot én per aktiv deltaker per "
            "semester. Forventet regnes ut fra deltakere aktive ved periodens slutt."
        ),
        tabell=tabell,
    )


def _med_andeler(tabell: Tabell, andeler: list[tuple[int, int, str]]) -> Tabell:
    """Append percentage columns (teller/nevner); a percentage of a hidden count is hidden too."""
    verdier = [[*rad, *(_prosent(rad[t], rad[n]) for t, n, _ in andeler)] for rad in tabell.verdier]
    bredde = len(tabell.kolonner)
    skjult = set(tabell.skjult)
    for r in range(len(verdier)):
        for i, (t, n, _) in enumerate(andeler):
            if (r, t) in skjult or (r, n) in skjult:
                skjult.add((r, bredde + i))
    return replace(
        tabell, kolonner=[*tabell.kolonner, *(navn for *_, navn in andeler)], verdier=verdier, skjult=frozenset(skjult)
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


def _trend(tittel: str, qs, datofelt: str, semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """One query: a filtered COUNT per semester (over the rows of those semesters only)."""
    qs = qs.filter(**{f"{datofelt}__gte": semestre[0].start, f"{datofelt}__lte": semestre[-1].slutt})
    # COUNT(date) = COUNT(*) here (the filter needs a date): the index on (organisation, date) can answer it
    agg = qs.aggregate(**{s.kode: Count(datofelt, filter=_i(s, datofelt)) for s in semestre})
    verdier = [agg[s.kode] for s in semestre]
    return Trend(
        tittel=tittel,
        semestre=[s.navn for s in semestre],
        verdier=[(SKJULT if undertrykk_sma and 0 < v < 5 else v) for v in verdier],
        maks=max([*verdier, 1]),
    )


def trender(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> list[Trend]:
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids)
    return [
        _trend(
            "Henvisninger per semester",
            Deltaker.objects.filter(organisasjon_id__in=org_ids),
            "henvist_dato",
            semestre,
            undertrykk_sma,
        ),
        _trend("Tatt opp per semester", endringer.filter(til_status=S.TATT_OPP), "dato", semestre, undertrykk_sma),
        _trend("Fullført per semester", endringer.filter(til_status=S.FULLFORT), "dato", semestre, undertrykk_sma),
        _trend(
            "Avbrudd per semester",
            Avbrudd.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
        _trend(
            "Arbeidsplassbesøk per semester",
            Besok.objects.filter(organisasjon_id__in=org_ids),
            "dato",
            semestre,
            undertrykk_sma,
        ),
    ]


def dashboard(*, org_ids: set[int], semester: Periode, undertrykk_sma: bool) -> Dashboard:
    """Every table of the dashboard (or the annual report, when `semester` is an Aar)."""
    periode = semester
    per_fagretning, per_kull = _dimensjoner(org_ids)
    k = {"org_ids": org_ids, "undertrykk_sma": undertrykk_sma}
    return Dashboard(
        periode=periode,
        tabeller=[
            deltakere_i_perioden(periode=periode, dim=per_fagretning, **k),
            deltakere_i_perioden(periode=periode, dim=per_kull, **k),
            avbrudd_etter_arsak(periode=periode, dim=per_fagretning, **k),
            trakt(dim=per_fagretning, **k),
            trakt(dim=per_kull, **k),
            resultater(periode=periode, dim=per_fagretning, **k),
            resultater(periode=periode, dim=per_kull, **k),
            oppfolging(periode=periode, dim=per_fagretning, **k),
            *praksis(periode=periode, **k),
        ],
        trender=trender(semestre=periode.siste(6), **k),
        undertrykt=undertrykk_sma,
        utelatt=UTELATT,
    )
