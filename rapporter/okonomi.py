"""The economy in the steering group's report: the costs entered per track and semester (styring.Kostnad),
by who pays and by what they are for (books, work clothes, lærlingtilskudd …), and the cost per
participant — all computed in the database in one query over the tracks.

Cost per participant = the period's costs of the track ÷ the track's participants in training at the
period's end (active or on leave: «Aktive ved slutten» + «I permisjon ved slutten» of «Deltakere per
fagretning», counted by the same rule, `deltakere.models.status_pa_dato`). Amounts are not persons and are shown as they
are; a cost per participant is made from those two counts, so it names them as its base counts and is
hidden whenever either is hidden or small (rapporter/undertrykking.py, `beskytt_alle`).
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Case, Count, F, FloatField, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Floor

from deltakere.models import Deltaker, status_pa_dato
from fagbrev.models import Fagretning
from styring.models import Kostnad

from .gruppering import Dimensjon, Rapporttabell, radnavn
from .semester import Periode
from .tabeller import AKTIV
from .undertrykking import SKJULT_BELOP, Tabell

S = Deltaker.Status
I_OPPLAERING_VED_SLUTT = [*AKTIV, S.PERMISJON]


# The two ways the costs are split: (prefix of the annotation, the choices, the table's title, what it says)
INNDELINGER = [
    ("b", Kostnad.Betaler, "Økonomi per fagretning", "etter hvem som betaler"),
    ("a", Kostnad.Art, "Kostnader per art og fagretning", "etter hva de gikk til"),
]


def _per_spor(org_ids: set[int], periode: Periode) -> dict[int, dict]:
    """{track id: the period's cost per payer and per kind, in all, the participants in training at the
    end, and the cost per participant (None with no participants)} in one query."""
    kostnader = Kostnad.objects.filter(
        organisasjon_id__in=org_ids, semester__in=periode.semesterkoder, fagretning=OuterRef("pk")
    )

    def sum_av(qs):
        return Coalesce(
            Subquery(qs.values("fagretning").annotate(s=Sum("belop")).values("s")[:1]),
            Value(0),
            output_field=IntegerField(),
        )

    deltakere = (
        Deltaker.objects.filter(fagretning=OuterRef("pk"), opprettet__date__lte=periode.slutt)
        .annotate(st=status_pa_dato(periode.slutt))
        .filter(st__in=I_OPPLAERING_VED_SLUTT)
        .values("fagretning")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    deler = {
        f"{prefiks}_{valg.value}": sum_av(kostnader.filter(**{"betaler" if prefiks == "b" else "art": valg}))
        for prefiks, valgene, _, _ in INNDELINGER
        for valg in valgene
    }
    qs = Fagretning.objects.filter(organisasjon_id__in=org_ids).annotate(
        **deler,
        kost=sum_av(kostnader),
        n=Coalesce(Subquery(deltakere), Value(0), output_field=IntegerField()),
        per=Case(
            When(n=0, then=Value(None)),
            default=Floor(Cast(F("kost"), FloatField()) / Cast(F("n"), FloatField()) + Value(0.5)),  # half up
            output_field=FloatField(),
        ),
    )
    return {r["pk"]: r for r in qs.values("pk", "kost", "n", "per", *deler)}


def tabeller(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> list[Rapporttabell]:
    """«Økonomi per fagretning» (by payer) and «Kostnader per art og fagretning» (by kind); no table
    when nothing is entered for the organisation in the period."""
    if not Kostnad.objects.filter(organisasjon_id__in=org_ids, semester__in=periode.semesterkoder).exists():
        return []
    per_spor = _per_spor(org_ids, periode)
    return [
        _tabell(per_spor, inndeling, periode=periode, dim=dim, undertrykk_sma=undertrykk_sma)
        for inndeling in INNDELINGER
    ]


def _tabell(per_spor: dict, inndeling, *, periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """One split of the costs: a column per payer or kind, the costs in all, and the cost per participant."""
    prefiks, valgene, tittel, etter = inndeling
    valg = list(valgene)
    rader = []
    for pk, _ in dim.rader:
        r = per_spor.get(pk, {})
        per = r.get("per")
        rader.append(
            [*(r.get(f"{prefiks}_{v.value}", 0) for v in valg), r.get("kost", 0), None if per is None else int(per)]
        )
    kost = sum(r[-2] for r in rader)
    n = sum(per_spor.get(pk, {}).get("n", 0) for pk, _ in dim.rader)
    # the total's cost per participant from the database's sums, rounded half up like the rows'
    total = [*(sum(r[i] for r in rader) for i in range(len(valg))), kost, int(kost / n + 0.5) if n else None]
    verdier = [[v if v is not None else 0 for v in rad] for rad in [*rader, total]]
    uten_deltakere = {(r, len(valg) + 1) for r, rad in enumerate([*rader, total]) if rad[-1] is None}
    per_kolonne = len(valg) + 1
    kode = periode.kode
    grunnlag = {}
    for r in range(len(dim.rader) + 1):
        rad = radnavn(dim, r)
        grunnlag[(r, per_kolonne)] = frozenset({("aktive", kode, *rad), ("permisjon", kode, *rad)})
    tabell = Tabell(
        rader=[n for _, n in dim.rader],
        kolonner=[f"{v.label} (kr)" for v in valg] + ["Kostnad i alt (kr)", "Per deltaker (kr)"],
        verdier=verdier,
        skjult=frozenset(uten_deltakere),
        rad_total=False,
        skjult_tekst={per_kolonne: "–"},
        grunnlag=grunnlag if undertrykk_sma else {},
        ikke_i_sum=frozenset({per_kolonne}),
        ikke_antall=frozenset(range(per_kolonne + 1)),
    )
    if undertrykk_sma:
        tabell = replace(tabell, skjult_tekst={per_kolonne: SKJULT_BELOP})
    return Rapporttabell(
        tittel=tittel,
        beskrivelse=(
            f"Kostnader registrert for {periode.navn.lower()}, {etter}, og kostnad per deltaker "
            "i opplæring (aktive og i permisjon) ved periodens slutt. Postene står på siden «Økonomi»."
            + (" Kostnad per deltaker er skjult når antallet deltakere er skjult." if undertrykk_sma else "")
        ),
        tabell=tabell,
    )
