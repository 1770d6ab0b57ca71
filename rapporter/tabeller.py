"""The dashboard's tables of participants: the flow in the period and the status at its end, terminations
by reason, the way through, outcomes, stipend and results."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from deltakere import statusgrupper
from deltakere.models import Avbrudd, Deltaker, Utfall
from deltakere.selectors import SEKS_MANEDER
from fagbrev.datoregning import forste_dag_som_nar, siste_dag_som_nar
from lop.models import Stipendmaned

from .gruppering import (
    NAA,
    Dimensjon,
    Rapporttabell,
    gruppert,
    lag,
    navngitt,
    tabellceller,
)
from .semester import Periode, Semester
from .tellinger import summer
from .undertrykking import (
    SKJULT_BELOP,
)

S = Deltaker.Status
T = Utfall.Tidspunkt
SI = Utfall.Situasjon

# Statuses a participant has passed through to be counted at each step of the way (current status
# tells how far she has come; a terminated case counts up to admission).
# (the groups: deltakere/statusgrupper.py; "aktive" here are those at the workplace, not on leave)
TATT_OPP, I_OPPLAERING = statusgrupper.TATT_OPP_ELLER_SENERE, statusgrupper.STARTET_OPPLAERING
TEORI_BESTATT, AKTIV = statusgrupper.TEORI_BESTATT_ELLER_SENERE, statusgrupper.PA_ARBEIDSPLASSEN


def status_ved_slutt_per(org_ids: set[int], periode: Periode, dim_navn: str) -> dict:
    """{row: {"aktive": n, "permisjon": n}}: the status in force on the period's last day, among the
    participants registered by then (the +1/−1 rows up to its month, rapporter/tellinger.py)."""
    st = summer(org_ids, dim_navn, [f"st:{s}" for s in [*AKTIV, S.PERMISJON]], None, periode.slutt)
    return {
        g: {"aktive": sum(v.get(f"st:{s}", 0) for s in AKTIV), "permisjon": v.get(f"st:{S.PERMISJON}", 0)}
        for g, v in st.items()
    }


AVBRUDD = [f"avbrudd:{k}" for k in Avbrudd.Kategori]


def deltakere_i_perioden(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """Referred, admitted, active and on leave at the end, terminated and completed: per track or cohort.

    Admitted and completed count the changes of status to them in the period (a participant admitted
    twice in a period counts twice), as the trends do.
    """
    hva = ["henvist", f"til:{S.TATT_OPP}", f"til:{S.FULLFORT}", *AVBRUDD]
    flyt = {
        g: {
            "henvist": v.get("henvist", 0),
            "tatt_opp": v.get(f"til:{S.TATT_OPP}", 0),
            "fullfort": v.get(f"til:{S.FULLFORT}", 0),
            "avbrutt": sum(v.get(a, 0) for a in AVBRUDD),
        }
        for g, v in summer(org_ids, dim.navn, hva, periode.start, periode.slutt).items()
    }
    ved_slutt = status_ved_slutt_per(org_ids, periode, dim.navn)
    kolonner = [
        ("henvist", "Henvist"),
        ("tatt_opp", "Tatt opp"),
        ("aktive", "Aktive ved slutten"),
        ("permisjon", "I permisjon ved slutten"),
        ("avbrutt", "Avbrutt"),
        ("fullfort", "Fullført"),
    ]
    celler = tabellceller(dim, flyt, ved_slutt, kolonner=[k for k, _ in kolonner])
    # Different kinds of counts side by side: a row total would mean nothing.
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], [n for _, n in kolonner], celler, rad_total=False)
    tabell = navngitt(tabell, dim, periode.kode, [k for k, _ in kolonner])
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
    rader = summer(org_ids, dim.navn, AVBRUDD, periode.start, periode.slutt)
    grupper = {g: {k.value: v.get(f"avbrudd:{k}", 0) for k in kategorier} for g, v in rader.items()}
    celler = tabellceller(dim, grupper, kolonner=[k.value for k in kategorier])
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], [k.label for k in kategorier], celler)
    # the row total is «Avbrutt» of «Deltakere per …» (one termination per participant): the same number
    tabell = navngitt(tabell, dim, periode.kode, [*(f"avbrudd_{k.value}" for k in kategorier), "avbrutt"])
    return Rapporttabell(
        tittel="Avbrudd etter årsak",
        beskrivelse=f"Avbrudd med dato i {periode.navn.lower()}, etter årsakskategori.",
        tabell=tabell,
    )


def trakt(*, org_ids: set[int], dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """The way through: referred → admitted → in training → written exam passed → fagprøve passed → in work."""
    kolonner = [
        ("Henvist", [s for s in S if s != S.AVSLATT]),
        ("Tatt opp", TATT_OPP),
        ("I opplæring", I_OPPLAERING),
        ("Skriftlig eksamen bestått", TEORI_BESTATT),
        ("Fagprøve bestått", [S.FULLFORT]),
    ]
    naa = summer(org_ids, dim.navn, [*(f"naa:{s}" for s in S), "naa_arbeid"], NAA, NAA)
    grupper = {
        g: {
            **{f"k{i}": sum(v.get(f"naa:{s}", 0) for s in statuser) for i, (_, statuser) in enumerate(kolonner)},
            f"k{len(kolonner)}": v.get("naa_arbeid", 0),
        }
        for g, v in naa.items()
    }
    kolonner.append(("I arbeid", []))
    celler = tabellceller(dim, grupper, kolonner=[f"k{i}" for i in range(len(kolonner))])
    # The steps are nested (a subset of the one before), so a row total means nothing here.
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], [k for k, _ in kolonner], celler, rad_total=False)
    tabell = navngitt(tabell, dim, "i dag", [f"trakt_{i}" for i in range(len(kolonner))])
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
    seks_fra = forste_dag_som_nar(periode.start, maneder=SEKS_MANEDER)
    seks_til = siste_dag_som_nar(min(periode.slutt, idag), maneder=SEKS_MANEDER)
    klasser = ["arbeid", "utdanning", "annet", "mangler"]
    grupper: dict = {}
    for tid, fra, til in (("ved", periode.start, periode.slutt), ("seks", seks_fra, seks_til)):
        for g, v in summer(org_ids, dim.navn, [f"{tid}:{k}" for k in klasser], fra, til).items():
            grupper.setdefault(g, {}).update({f"{tid}_{k}": v.get(f"{tid}:{k}", 0) for k in klasser})
    rader = [n for _, n in dim.rader]
    ved = tabellceller(dim, grupper, kolonner=UTFALL_VED)
    seks = tabellceller(dim, grupper, kolonner=UTFALL_SEKS)
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
            tabell=navngitt(
                lag(undertrykk_sma)(rader, UTFALL_KOLONNER, ved), dim, periode.kode, [*UTFALL_VED, "fullfort"]
            ),
        ),
        Rapporttabell(
            tittel="Utfall seks måneder etter fullføring",
            beskrivelse=(
                f"{seks_kohort}: seks måneder etter falt i {periode.navn.lower()} (til og med i dag), etter "
                f"situasjonen da. {forklaring}"
            ),
            tabell=navngitt(
                lag(undertrykk_sma)(rader, UTFALL_KOLONNER, seks), dim, periode.kode, [*UTFALL_SEKS, "seks"]
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
    grupper = gruppert(
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
    antall = lag(undertrykk_sma)(
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
    tabell = navngitt(tabell, dim, periode.kode, ["stipend"])
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
    # Counted per participant (rapporter/tellinger.py): a test is taken when it has a result; the Norwegian
    # goal counts participants with a test in the period on or over the track's goal for the skill (kept
    # per semester and per year, the periods a report shows).
    norsk = "norsk" if isinstance(periode, Semester) else "norsk_ar"
    navn = {
        "eksamen:avlagt": "e_avlagt",
        "eksamen:bestatt": "e_bestatt",
        "fagprove:avlagt": "f_avlagt",
        "fagprove:bestatt": "f_bestatt",
        f"{norsk}:muntlig": "n_muntlig",
        f"{norsk}:skriftlig": "n_skriftlig",
    }
    tall = {
        g: {navn[h]: n for h, n in v.items()}
        for g, v in summer(org_ids, dim.navn, navn, periode.start, periode.slutt).items()
    }
    kolonner = [
        ("e_avlagt", "Skriftlig eksamen avlagt"),
        ("e_bestatt", "Skriftlig eksamen bestått"),
        ("f_avlagt", "Fagprøve avlagt"),
        ("f_bestatt", "Fagprøve bestått"),
        ("n_muntlig", "Norskmål nådd, muntlig"),
        ("n_skriftlig", "Norskmål nådd, skriftlig"),
    ]
    celler = tabellceller(dim, tall, kolonner=[k for k, _ in kolonner])
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], [n for _, n in kolonner], celler, rad_total=False)
    tabell = navngitt(tabell, dim, periode.kode, [k for k, _ in kolonner])
    return Rapporttabell(
        tittel=f"Resultater per {dim.navn}",
        beskrivelse=(
            f"Eksamener og fagprøver med dato i {periode.navn.lower()} (avlagt = med resultat). Norskmål: "
            "deltakere med en norskprøve i perioden på eller over fagretningens mål for ferdigheten."
        ),
        tabell=tabell,
    )
