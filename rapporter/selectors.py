"""Figures for the steering group's semester dashboard. Every number is counted in the database.

Each table is built from one aggregate query (grouped by track or cohort) and then passed through
small-number suppression when the viewer sees aggregates only (the styringsgruppe role).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from deltakere.models import Deltaker
from fagbrev.models import Fagretning, Kull

from .semester import Semester
from .undertrykking import Tabell, undertrykk, uten_undertrykking

S = Deltaker.Status

# Statuses a participant has passed through to be counted at each step of the way (current status
# tells how far she has come; a terminated case counts up to admission).
TATT_OPP = [S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT, S.AVBRUTT]
I_OPPLAERING = [S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
TEORI_BESTATT = [S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]


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
    semester: Semester
    tabeller: list[Rapporttabell]
    trender: list[Trend]
    undertrykt: bool


def _fagretninger(org_ids: set[int]):
    return Fagretning.objects.filter(organisasjon_id__in=org_ids).order_by("-aktiv", "navn")


def _tellinger(kolonner: list[tuple[str, list[str]]]) -> dict:
    """One COUNT per column, each filtered on the column's statuses: one grouped query for the table."""
    return {f"k{i}": Count("deltakere", filter=Q(deltakere__status__in=st)) for i, (_, st) in enumerate(kolonner)}


def deltakere_per_fagretning(*, org_ids: set[int], undertrykk_sma: bool) -> Rapporttabell:
    """Participants per track and current status."""
    kolonner = [
        ("Henvist", [S.HENVIST, S.KARTLAGT]),
        ("Tatt opp, ikke startet", [S.TATT_OPP]),
        ("I opplæring", [S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP]),
        ("Permisjon", [S.PERMISJON]),
        ("Avbrutt", [S.AVBRUTT]),
        ("Fullført", [S.FULLFORT]),
        ("Avslått", [S.AVSLATT]),
    ]
    rader = _fagretninger(org_ids).annotate(**_tellinger(kolonner))
    rader = list(rader)
    celler = [[getattr(r, f"k{i}") for i in range(len(kolonner))] for r in rader]
    lag = undertrykk if undertrykk_sma else uten_undertrykking
    tabell = lag([r.navn for r in rader], [k for k, _ in kolonner], celler)
    lenker = {}
    if not undertrykk_sma:
        for ri, r in enumerate(rader):
            for ki, (_, statuser) in enumerate(kolonner):
                if len(statuser) == 1:
                    lenker[(ri, ki)] = f"/deltakere/?fagretning={r.pk}&status={statuser[0]}"
    return Rapporttabell(
        tittel="Deltakere per fagretning",
        beskrivelse="Status nå, per fagretning.",
        tabell=tabell,
        lenker=lenker,
    )


def trakt_per_kull(*, org_ids: set[int], undertrykk_sma: bool) -> Rapporttabell:
    """The way through per cohort: admitted → in training → written exam passed → completed; terminated."""
    kolonner = [
        ("Tatt opp", TATT_OPP),
        ("Startet opplæring", I_OPPLAERING),
        ("Teori bestått", TEORI_BESTATT),
        ("Fagprøve bestått", [S.FULLFORT]),
        ("Avbrutt", [S.AVBRUTT]),
    ]
    kull = list(
        Kull.objects.filter(organisasjon_id__in=org_ids)
        .select_related("fagretning")
        .annotate(
            **{f"k{i}": Count("deltakere", filter=Q(deltakere__status__in=st)) for i, (_, st) in enumerate(kolonner)}
        )
        .order_by("fagretning__navn", "oppstart")
    )
    navn = [f"{k.fagretning.kortnavn} {k.navn}" for k in kull]
    celler = [[getattr(k, f"k{i}") for i in range(len(kolonner))] for k in kull]
    # The steps are nested (a subset of the one before), so a row total means nothing here.
    lag = undertrykk if undertrykk_sma else uten_undertrykking
    tabell = lag(navn, [k for k, _ in kolonner], celler, rad_total=False)
    return Rapporttabell(
        tittel="Veien gjennom, per kull",
        beskrivelse=(
            "Hvor langt deltakerne i hvert kull er kommet. "
            "Trinnene er nestet: «Teori bestått» er en del av «Startet opplæring»."
        ),
        tabell=tabell,
    )


def henvist_per_semester(*, org_ids: set[int], semestre: list[Semester], undertrykk_sma: bool) -> Trend:
    """Referrals registered in each semester, counted in one query."""
    aggregater = Deltaker.objects.filter(organisasjon_id__in=org_ids).aggregate(
        **{s.kode: Count("pk", filter=Q(opprettet__date__gte=s.start, opprettet__date__lte=s.slutt)) for s in semestre}
    )
    verdier = [aggregater[s.kode] for s in semestre]
    return Trend(
        tittel="Henvisninger per semester",
        semestre=[s.navn for s in semestre],
        verdier=[("<5" if undertrykk_sma and 0 < v < 5 else v) for v in verdier],
        maks=max([*verdier, 1]),
    )


def dashboard(*, org_ids: set[int], semester: Semester, undertrykk_sma: bool) -> Dashboard:
    return Dashboard(
        semester=semester,
        tabeller=[
            deltakere_per_fagretning(org_ids=org_ids, undertrykk_sma=undertrykk_sma),
            trakt_per_kull(org_ids=org_ids, undertrykk_sma=undertrykk_sma),
        ],
        trender=[henvist_per_semester(org_ids=org_ids, semestre=semester.siste(6), undertrykk_sma=undertrykk_sma)],
        undertrykt=undertrykk_sma,
    )
