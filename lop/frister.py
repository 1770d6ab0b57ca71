"""Date rules of the pathway as pure functions over dates: no database, no clock.

- the registration windows of the written exam (the table is fagbrev.datoregning.EKSAMENSVINDUER),
- the fagprøve registration window before the contract's end date,
- the computed end date of a learning contract,
- practice periods summed into full-time years (overlaps counted once),
- the 4th-intro-year stipend, day by day across changes of G and a 25th birthday, and split by
  calendar month for storing.

The caller passes "now" (`timezone.now()` or `timezone.localdate()`), so tests freeze time once.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

# Years and months are added in fagbrev.datoregning; `frister.legg_til_maneder` stays importable.
from fagbrev.datoregning import (
    FAGPROVE_SENEST_MANEDER,
    FAGPROVE_TIDLIGST_MANEDER,
    OSLO,
    Eksamensvindu,
    eksamensvinduer,
    legg_til_maneder,
    samme_dag,
)

# --- Written exam: registration windows ------------------------------------------------------
# The table and the window itself are the core calendar's (fagbrev.datoregning.EKSAMENSVINDUER);
# these names are what the pathway's pages call.

Vindu = Eksamensvindu


def pameldingsvinduer(ar: int) -> list[Eksamensvindu]:
    """The exam registration windows of a calendar year."""
    return eksamensvinduer(ar)


def neste_vindu(tidspunkt: datetime.datetime) -> Eksamensvindu:
    """The window open at `tidspunkt`, or else the next one to open (across the new year)."""
    tidspunkt = tidspunkt.astimezone(OSLO)
    for ar in (tidspunkt.year, tidspunkt.year + 1):
        for vindu in eksamensvinduer(ar):
            if tidspunkt < vindu.stenger:
                return vindu
    raise ValueError("Ingen påmeldingsvinduer er satt opp (fagbrev.datoregning.EKSAMENSVINDUER).")


def dato_i_vindu(dato: datetime.date) -> Eksamensvindu | None:
    """The window a registration date falls in, or None (the case page warns)."""
    for vindu in eksamensvinduer(dato.year):
        if vindu.inneholder_dato(dato):
            return vindu
    return None


# --- Fagprøve registration --------------------------------------------------------------------


@dataclass(frozen=True)
class Fagprovevindu:
    tidligst: datetime.date
    senest: datetime.date


def fagprovevindu(kontrakt_slutt: datetime.date, *, tidligst_maneder: int, senest_maneder: int) -> Fagprovevindu:
    return Fagprovevindu(
        tidligst=legg_til_maneder(kontrakt_slutt, -tidligst_maneder),
        senest=legg_til_maneder(kontrakt_slutt, -senest_maneder),
    )


def fagprove_hindringer(
    *,
    idag: datetime.date,
    kontrakt_slutt: datetime.date | None,
    skriftlig_bestatt: bool,
    tidligst_maneder: int = FAGPROVE_TIDLIGST_MANEDER,
    senest_maneder: int = FAGPROVE_SENEST_MANEDER,
) -> list[str]:
    """Why the fagprøve cannot be ordered today (empty list: it can). Both ends are inclusive."""
    grunner = []
    if not skriftlig_bestatt:
        grunner.append("Deltakeren har ikke bestått tverrfaglig skriftlig eksamen (eller praksiskandidateksamen).")
    if kontrakt_slutt is None:
        grunner.append("Lærekontrakten har ingen sluttdato.")
        return grunner
    vindu = fagprovevindu(kontrakt_slutt, tidligst_maneder=tidligst_maneder, senest_maneder=senest_maneder)
    if idag < vindu.tidligst:
        grunner.append(
            f"For tidlig: oppmelding kan tidligst skje {vindu.tidligst:%d.%m.%Y} "
            f"({tidligst_maneder} måneder før kontraktens slutt {kontrakt_slutt:%d.%m.%Y})."
        )
    elif idag > vindu.senest:
        grunner.append(
            f"For sent: fristen var {vindu.senest:%d.%m.%Y} "
            f"({senest_maneder} måneder før kontraktens slutt {kontrakt_slutt:%d.%m.%Y})."
        )
    return grunner


# --- The contract's end date -------------------------------------------------------------------


@dataclass(frozen=True)
class Sluttdato:
    start: datetime.date
    opplaeringstid_maneder: int
    godskriving_maneder: int
    permisjonsdager: int
    dato: datetime.date

    @property
    def maneder(self) -> int:
        return self.opplaeringstid_maneder - self.godskriving_maneder

    @property
    def forklaring(self) -> str:
        tekst = (
            f"Start {self.start:%d.%m.%Y} + {self.opplaeringstid_maneder} måneder opplæringstid"
            f" − {self.godskriving_maneder} måneder godskriving = {self.maneder} måneder"
        )
        if self.permisjonsdager:
            tekst += f", + {self.permisjonsdager} dager godkjent permisjon"
        return tekst + f" → slutt {self.dato:%d.%m.%Y}"


def permisjonsdager_i_perioden(
    permisjoner: Iterable[tuple[datetime.date, datetime.date]], start: datetime.date, slutt: datetime.date
) -> int:
    """Leave days from (from, to) periods, both dates inclusive, that fall inside start..slutt: a day
    two leaves share counts once (1–31 March and 15 March–15 April are 46 days, not 63), a day outside
    the period not at all."""
    dager: set[datetime.date] = set()
    for fra, til in permisjoner:
        dag, siste = max(fra, start), min(til, slutt)
        while dag <= siste:
            dager.add(dag)
            dag += datetime.timedelta(days=1)
    return len(dager)


def beregn_sluttdato(
    *,
    start: datetime.date,
    opplaeringstid_maneder: int,
    godskriving_maneder: int = 0,
    permisjoner: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> Sluttdato:
    """The last day of the contract: start + (training time − credit) months − 1 day, then + one day for
    each day of approved leave inside the contract (the union of the leaves: overlaps once). Leave
    that lengthens the contract can bring more leave inside it, so this is counted until it settles."""
    maneder = max(opplaeringstid_maneder - godskriving_maneder, 0)
    grunn = legg_til_maneder(start, maneder) - datetime.timedelta(days=1)
    perioder = list(permisjoner)
    dager = 0
    while True:  # at most one round more than there are leaves that reach past the end
        nye = permisjonsdager_i_perioden(perioder, start, grunn + datetime.timedelta(days=dager))
        if nye == dager:
            break
        dager = nye
    return Sluttdato(start, opplaeringstid_maneder, godskriving_maneder, dager, grunn + datetime.timedelta(days=dager))


# --- Practice years for praksiskandidater --------------------------------------------------------


DAGER_PER_PRAKSISAR = 365


def praksis_prosentdager(perioder: Iterable[tuple[datetime.date, datetime.date, int]]) -> int:
    """Documented practice in percent-days from (from, to, position %) periods, both dates inclusive:
    a full-time day counts 100, a day at 60 % counts 60.

    A day counts once, at the highest position percentage that day (capped at 100 %): two jobs
    at the same time do not make the requirement come sooner.
    """
    dager: dict[datetime.date, int] = {}
    for fra, til, prosent in perioder:
        dag = fra
        while dag <= til:
            dager[dag] = min(max(dager.get(dag, 0), prosent), 100)
            dag += datetime.timedelta(days=1)
    return sum(dager.values())


def praksis_ar_fra_prosentdager(prosentdager: int) -> Decimal:
    """Full-time years (a year is 365 full-time days), rounded DOWN to hundredths: 1,824 days is
    4.99 years, never "5.00" beside a requirement that is not met."""
    return (Decimal(prosentdager) / Decimal(100 * DAGER_PER_PRAKSISAR)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def praksis_krav_prosentdager(krav_ar: Decimal) -> int:
    """The requirement in percent-days (5 years = 5 × 365 full-time days); compared exactly."""
    return int((Decimal(krav_ar) * DAGER_PER_PRAKSISAR * 100).to_integral_value(rounding=ROUND_UP))


def praksis_ar(perioder: Iterable[tuple[datetime.date, datetime.date, int]]) -> Decimal:
    """Documented full-time years, rounded down (see `praksis_prosentdager`)."""
    return praksis_ar_fra_prosentdager(praksis_prosentdager(perioder))


# --- The 4th-intro-year stipend ------------------------------------------------------------------


def g_pa_dato(dato: datetime.date, tabell: Sequence[tuple[datetime.date, int]]) -> int:
    """G in force on the date: the latest value from on or before it."""
    gjeldende = None
    for fra, belop in sorted(tabell):
        if fra <= dato:
            gjeldende = belop
    if gjeldende is None:
        raise ValueError(f"Grunnbeløpet er ikke registrert for {dato:%d.%m.%Y}.")
    return gjeldende


def fyller_ar(fodselsdato: datetime.date, alder: int) -> datetime.date:
    """The day the person turns `alder` (29 February birthdays: 28 February in other years)."""
    return samme_dag(fodselsdato, ar=alder)


@dataclass
class Stipendperiode:
    fra: datetime.date
    til: datetime.date
    g: int
    under_25: bool
    sum: Decimal = Decimal(0)
    imdi: Decimal = Decimal(0)
    kommune: Decimal = Decimal(0)

    @property
    def dager(self) -> int:
        return (self.til - self.fra).days + 1

    @property
    def arssats(self) -> Decimal:
        return Decimal(2 * self.g) * (Decimal(2) / Decimal(3) if self.under_25 else Decimal(1))


@dataclass
class Stipend:
    perioder: list[Stipendperiode] = field(default_factory=list)

    @property
    def sum(self) -> Decimal:
        return _kr(sum((p.sum for p in self.perioder), Decimal(0)))

    @property
    def imdi(self) -> Decimal:
        return _kr(sum((p.imdi for p in self.perioder), Decimal(0)))

    @property
    def kommune(self) -> Decimal:
        return self.sum - self.imdi


def _kr(belop: Decimal) -> Decimal:
    return belop.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


STIPENDDAGER_PER_AR = 365


def er_skuddag(dag: datetime.date) -> bool:
    return dag.month == 2 and dag.day == 29


def stipenddager(fra: datetime.date, til: datetime.date) -> int:
    """Paid stipend days from `fra` to `til`, both inclusive: every day but 29 February."""
    if til < fra:
        return 0
    dager = (til - fra).days + 1
    return dager - sum(
        1 for ar in range(fra.year, til.year + 1) if calendar.isleap(ar) and fra <= datetime.date(ar, 2, 29) <= til
    )


def beregn_stipend(
    *,
    fodselsdato: datetime.date,
    fra: datetime.date,
    til: datetime.date,
    grunnbelop: Sequence[tuple[datetime.date, int]],
) -> Stipend:
    """NAV Asker's 4th intro year: 2 G a year, two thirds of that under 25; IMDi pays up to 1 G a
    year, the municipality the rest. Computed day by day, so a change of G on 1 May and a 25th
    birthday both take effect on their day; consecutive days with the same G and age group are
    grouped into periods for display.

    A stipend year is 365 paid days: each day is 1/365 of the yearly rate and 29 February pays
    nothing (`stipenddager`). Twelve months hold 365 paid days whether or not they hold 29 February,
    so they pay at most 2 G (IMDi at most 1 G) at the G in force, in a leap year too; a paid
    29 February made the twelve months around a leap day pay 366/365 of the yearly rate.
    """
    fyller_25 = fyller_ar(fodselsdato, 25)
    stipend = Stipend()
    dag = fra
    while dag <= til:
        g = g_pa_dato(dag, grunnbelop)
        under_25 = dag < fyller_25
        periode = stipend.perioder[-1] if stipend.perioder else None
        if periode is None or periode.g != g or periode.under_25 != under_25:
            periode = Stipendperiode(fra=dag, til=dag, g=g, under_25=under_25)
            stipend.perioder.append(periode)
        periode.til = dag
        vekt = stipenddager(dag, dag)
        dagsats = periode.arssats * vekt / STIPENDDAGER_PER_AR
        imdi = min(dagsats, Decimal(g) * vekt / STIPENDDAGER_PER_AR)
        periode.sum += dagsats
        periode.imdi += imdi
        periode.kommune += dagsats - imdi
        dag += datetime.timedelta(days=1)
    return stipend


ORE = Decimal("0.01")


@dataclass(frozen=True)
class Stipendmanedberegning:
    """One calendar month of a stipend: kroner with øre, IMDi's part and the municipality's rest."""

    maned: datetime.date  # the first day of the month
    dager: int
    sum: Decimal
    imdi: Decimal

    @property
    def kommune(self) -> Decimal:
        return self.sum - self.imdi


def stipend_per_maned(
    *,
    fodselsdato: datetime.date,
    fra: datetime.date,
    til: datetime.date,
    grunnbelop: Sequence[tuple[datetime.date, int]],
) -> list[Stipendmanedberegning]:
    """`beregn_stipend` for each calendar month the period touches, rounded to øre per month (the
    municipality's part is the month's sum less IMDi's, so the parts always add up)."""
    ut = []
    maned = fra.replace(day=1)
    while maned <= til:
        siste = maned.replace(day=calendar.monthrange(maned.year, maned.month)[1])
        start, slutt = max(fra, maned), min(til, siste)
        stipend = beregn_stipend(fodselsdato=fodselsdato, fra=start, til=slutt, grunnbelop=grunnbelop)
        ut.append(
            Stipendmanedberegning(
                maned=maned,
                dager=(slutt - start).days + 1,
                sum=sum((p.sum for p in stipend.perioder), Decimal(0)).quantize(ORE, rounding=ROUND_HALF_UP),
                imdi=sum((p.imdi for p in stipend.perioder), Decimal(0)).quantize(ORE, rounding=ROUND_HALF_UP),
            )
        )
        maned = siste + datetime.timedelta(days=1)
    return ut
