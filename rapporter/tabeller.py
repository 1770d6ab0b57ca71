"""The dashboard's tables of participants: the flow in the period and the status at its end, terminations
by reason, the way through, outcomes, stipend and results."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall
from deltakere.selectors import SEKS_MANEDER
from fagbrev.datoregning import forste_dag_som_nar, siste_dag_som_nar
from lop.models import Eksamen, Fagprove, Norskprove, Resultat, Stipendmaned

from .gruppering import (
    Dimensjon,
    Rapporttabell,
    gruppert,
    i_perioden,
    lag,
    navngitt,
    sporringsrader,
    summert,
    tabellceller,
)
from .semester import Periode
from .undertrykking import (
    SKJULT_BELOP,
)

S = Deltaker.Status
F_ = Norskprove.Ferdighet
T = Utfall.Tidspunkt
SI = Utfall.Situasjon

# Statuses a participant has passed through to be counted at each step of the way (current status
# tells how far she has come; a terminated case counts up to admission).
TATT_OPP = [S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT, S.AVBRUTT]
I_OPPLAERING = [S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
TEORI_BESTATT = [S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT]
AKTIV = [S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP]


def _status_ved_slutt(periode: Periode):
    """The status a participant had on the period's last day: last transition on or before it.

    One probe per participant into the index deltakere_statusendring_siste (an index-only scan).
    """
    siste = Statusendring.objects.filter(deltaker=OuterRef("pk"), dato__lte=periode.slutt).order_by("-dato", "-pk")
    return Coalesce(Subquery(siste.values("til_status")[:1]), F("status"))


def status_ved_slutt_per(deltakere, periode: Periode, gruppe: str) -> dict:
    """{group: {"aktive": n, "permisjon": n, "intervall": the track's visit interval}} at the period's end,
    among the participants registered by then.

    Grouped by (track, cohort, status at the end): the status is worked out once per participant, not
    once per count that uses it, and (inside `samme_tall`) once for every table that needs it.
    """
    rader = sporringsrader(
        deltakere.filter(opprettet__date__lte=periode.slutt)
        .annotate(st=_status_ved_slutt(periode))
        .values("fagretning_id", "kull_id", "st")
        .annotate(n=Count("pk"), intervall=Max("fagretning__besok_intervall_dager"))
        .order_by()
    )
    per_status = summert(rader, gruppe, {"n": Count("pk"), "intervall": Max("pk")}, ekstra=("st",))
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
    endringer = Statusendring.objects.filter(organisasjon_id__in=org_ids).filter(i_perioden(periode, "dato"))

    def blant(qs) -> Q:
        # `pk IN (uncorrelated subquery)`: PostgreSQL hashes the ids once, and each participant counts once
        # (a join to her status changes would repeat her row and need COUNT(DISTINCT)).
        return Q(pk__in=qs.values("deltaker_id"))

    flyt = gruppert(
        deltakere,
        dim.felt(),
        {
            "henvist": Count("pk", filter=i_perioden(periode, "henvist_dato")),
            "tatt_opp": Count("pk", filter=blant(endringer.filter(til_status=S.TATT_OPP))),
            "fullfort": Count("pk", filter=blant(endringer.filter(til_status=S.FULLFORT))),
            "avbrutt": Count(
                "pk",
                filter=blant(Avbrudd.objects.filter(organisasjon_id__in=org_ids).filter(i_perioden(periode, "dato"))),
            ),
        },
    )
    ved_slutt = status_ved_slutt_per(deltakere, periode, dim.felt())
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
    grupper = gruppert(
        Avbrudd.objects.filter(organisasjon_id__in=org_ids).filter(i_perioden(periode, "dato")),
        dim.felt("deltaker__"),
        {k.value: Count("pk", filter=Q(kategori=k)) for k in kategorier},
    )
    celler = tabellceller(dim, grupper, kolonner=[k.value for k in kategorier])
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], [k.label for k in kategorier], celler)
    # the row total is «Avbrutt» of «Deltakere per …» (one termination per participant): the same number
    tabell = navngitt(tabell, dim, periode.kode, [*(f"avbrudd_{k.value}" for k in kategorier), "avbrutt"])
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
    grupper = gruppert(
        Deltaker.objects.filter(organisasjon_id__in=org_ids)
        .exclude(status=S.AVSLATT)
        .annotate(siste_utfall=_siste_utfall()),
        dim.felt(),
        {f"k{i}": Count("pk", filter=q) for i, (_, q) in enumerate(kolonner)},
    )
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
    grupper = gruppert(
        qs,
        dim.felt(),
        {
            **_utfall_telling("ved", Q(fullfort_dato__gte=periode.start, fullfort_dato__lte=periode.slutt)),
            **_utfall_telling("seks", Q(fullfort_dato__gte=seks_fra, fullfort_dato__lte=seks_til)),
        },
    )
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
    eksamen = gruppert(
        Eksamen.objects.filter(organisasjon_id__in=org_ids)
        .filter(i_perioden(periode, "eksamensdato"))
        .exclude(resultat=""),
        dim.felt("deltaker__"),
        {"e_avlagt": Count("pk"), "e_bestatt": Count("pk", filter=Q(resultat=Resultat.BESTATT))},
    )
    fagprove = gruppert(
        Fagprove.objects.filter(organisasjon_id__in=org_ids)
        .filter(i_perioden(periode, "provedato"))
        .exclude(resultat=""),
        dim.felt("deltaker__"),
        {"f_avlagt": Count("pk"), "f_bestatt": Count("pk", filter=Q(resultat=Resultat.BESTATT))},
    )
    # CEFR codes sort as text in level order (A1 < A2 < B1 < B2 < C1); "" (under A1) never reaches a goal.
    norsk = gruppert(
        Norskprove.objects.filter(organisasjon_id__in=org_ids).filter(i_perioden(periode, "dato")).exclude(niva=""),
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
    celler = tabellceller(dim, eksamen, fagprove, norsk, kolonner=[k for k, _ in kolonner])
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
