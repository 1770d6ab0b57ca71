"""The generator's dated facts along each pathway: status changes, contracts, exams, Norwegian tests,
terminations, workplace visits and assessment meetings (what the steering group's dashboard counts).

Each part reads the participant's dates from `bench.forlop.lop_for` (through `ctx.extra["deltakere"]`,
made by `fyll_deltakere`), writes rows for the participants of this round only, and needs no query
to find them. At 20,000 participants: about 200,000 visits, 90,000 status changes, 14,000 contracts,
50,000 Norwegian test results and 33,000 assessment meetings.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from deltakere.models import Avbrudd, Deltaker, Statusendring
from fagbrev.datoregning import samme_dag
from fagbrev.models import Fagretning
from lop.models import Eksamen, Fagprove, Laerekontrakt, Norskprove, Resultat
from oppfolging.models import Besok, Vurdering, Vurderingssamtale, semester_for
from oppfolging.models import Semester as OSemester

from .forlop import termin
from .generator import BATCH, Kontekst, Ny, _klokka, kopier

S = Deltaker.Status
DAG = datetime.timedelta(days=1)


def _deltakere(ctx: Kontekst) -> list[Ny]:
    return list(ctx.extra["deltakere"].values())


def _i_opplaering(ctx: Kontekst) -> Iterator[tuple[Ny, datetime.date]]:
    """The participants whose training has begun, each with the day it began."""
    for d in _deltakere(ctx):
        if d.lop.opplaering is not None:
            yield d, d.lop.opplaering


def _koordinator(ctx: Kontekst, d: Ny) -> int:
    return ctx.brukere["bench.koordinator" if d.org == ctx.org[0] else "bench.koordinator.b"]


def fyll_statusendringer(ctx: Kontekst, fra: int, til: int) -> None:
    """Every transition on the way to the participant's status, dated as her pathway says."""
    rader = [
        {
            "organisasjon_id": d.org,
            "deltaker_id": d.pk,
            "fra_status": fra_,
            "til_status": til_,
            "dato": dato,
            "begrunnelse": "Generert",
            "utfort_av_id": _koordinator(ctx, d),
            "tidspunkt": _klokka(dato, 10),
        }
        for d in _deltakere(ctx)
        for fra_, til_, dato in d.lop.overganger
    ]
    kopier(Statusendring, rader)


def fyll_avbrudd(ctx: Kontekst, fra: int, til: int) -> None:
    """Terminated cases: the termination with a reason category and the closing meeting."""
    kategorier = Avbrudd.Kategori.values
    rader = []
    for d in _deltakere(ctx):
        dato = d.lop[S.AVBRUTT]
        if dato is None:
            continue
        mote = dato + 7 * DAG
        rader.append(
            Avbrudd(
                organisasjon_id=d.org,
                deltaker_id=d.pk,
                dato=dato,
                kategori=kategorier[d.nr % len(kategorier)],
                arsak="Generert avbrudd.",
                avslutningsmote=mote if mote <= ctx.idag else None,
                attest_mottatt=d.nr % 3 == 0,
                fylke_informert=mote <= ctx.idag,
                utfort_av_id=_koordinator(ctx, d),
            )
        )
    Avbrudd.objects.bulk_create(rader, batch_size=BATCH)


def fyll_laerekontrakter(ctx: Kontekst, fra: int, til: int) -> None:
    """A learning contract from the training's start with the employer of the (last) workplace."""
    arbeidsgiver = ctx.extra["arbeidsgiver_for_sted"]
    siste = ctx.extra["siste_plassering"]
    avsluttet = {S.FULLFORT: Laerekontrakt.Status.FULLFORT, S.AVBRUTT: Laerekontrakt.Status.AVBRUTT}
    rader = []
    for d, start in _i_opplaering(ctx):
        rader.append(
            Laerekontrakt(
                organisasjon_id=d.org,
                deltaker_id=d.pk,
                rute=Fagretning.Rute.FAGBREV_PA_JOBB,
                arbeidsgiver_id=arbeidsgiver[siste[d.pk][1]],
                fagansvarlig="Fagansvarlig Benchsen",
                start=start,
                slutt=samme_dag(start, ar=2) - DAG,  # two years less a day, as frister.beregn_sluttdato counts
                fylke_saksnummer=f"26/{10_000 + d.nr}",
                status=avsluttet.get(d.status, Laerekontrakt.Status.GODKJENT),
                sokt_dato=d.lop[S.TATT_OPP],
                godkjent_dato=min(start + 20 * DAG, ctx.idag),
                avsluttet_dato=d.lop.slutt,
            )
        )
    Laerekontrakt.objects.bulk_create(rader, batch_size=BATCH)
    ctx.extra["kontrakt"] = {k.deltaker_id: k.pk for k in rader}


def fyll_eksamener(ctx: Kontekst, fra: int, til: int) -> None:
    """Written exams (every fifth passed at the second attempt; some in training registered for the next
    term) and fagprøver (registered, or passed; every tenth at the second attempt)."""
    kontrakt = ctx.extra["kontrakt"]
    eksamener, prover = [], []
    for d in _deltakere(ctx):
        start, teori = d.lop.opplaering, d.lop[S.TEORI_BESTATT]
        if teori is not None:
            forsok = [teori - 180 * DAG, teori] if d.nr % 5 == 0 and teori - 180 * DAG > start else [teori]
            for i, dag in enumerate(forsok):
                eksamener.append(
                    Eksamen(
                        organisasjon_id=d.org,
                        deltaker_id=d.pk,
                        termin=termin(dag),
                        pameldt_dato=dag - 60 * DAG,
                        gebyr_betalt=i > 0,
                        eksamensdato=dag,
                        resultat=Resultat.BESTATT if dag == teori else Resultat.IKKE_BESTATT,
                    )
                )
        elif d.status == S.I_OPPLAERING and start is not None and (ctx.idag - start).days > 250:
            eksamener.append(
                Eksamen(
                    organisasjon_id=d.org,
                    deltaker_id=d.pk,
                    termin=termin(ctx.idag + 120 * DAG),
                    pameldt_dato=start + 250 * DAG,
                )
            )
        meldt, fullfort = d.lop[S.FAGPROVE_MELDT_OPP], d.lop[S.FULLFORT]
        if meldt is None:
            continue
        if fullfort is None:
            dager = 10 + d.nr % 60
            forsok = [(meldt + dager * DAG if d.nr % 2 else None, "")]
        elif d.nr % 10 == 0 and (fullfort - meldt).days > 40:
            forsok = [(meldt + 20 * DAG, Resultat.IKKE_BESTATT), (fullfort, Resultat.BESTATT)]
        else:
            forsok = [(fullfort, Resultat.BESTATT)]
        for i, (dag, resultat) in enumerate(forsok, start=1):
            prover.append(
                Fagprove(
                    organisasjon_id=d.org,
                    deltaker_id=d.pk,
                    kontrakt_id=kontrakt[d.pk],
                    forsok=i,
                    pameldt_dato=meldt if i == 1 else forsok[0][0],
                    provested="Benchby prøvenemnd",
                    provedato=dag,
                    fagansvarlig_informert=meldt,
                    resultat=resultat,
                )
            )
    Eksamen.objects.bulk_create(eksamener, batch_size=BATCH)
    Fagprove.objects.bulk_create(prover, batch_size=BATCH)


NIVAER = ["", "A1", "A2", "B1", "B2"]


def fyll_norskprover(ctx: Kontekst, fra: int, til: int) -> None:
    """Oral and written results at the mapping; one level better 200 days into the training."""
    rader = []
    for d in _deltakere(ctx):
        kartlagt = d.lop[S.KARTLAGT]
        if kartlagt is None:
            continue
        niva = (1, 2, 2, 3)[d.nr % 4]
        proverunder = [(kartlagt, niva)]
        start = d.lop.opplaering
        if start is not None and (d.lop.i_praksis_til(ctx.idag) - start).days > 200:
            proverunder.append((start + 200 * DAG, niva + 1))
        for dag, n in proverunder:
            for ferdighet, justering in ((Norskprove.Ferdighet.MUNTLIG, 0), (Norskprove.Ferdighet.SKRIFTLIG, -1)):
                rader.append(
                    {
                        "organisasjon_id": d.org,
                        "deltaker_id": d.pk,
                        "ferdighet": ferdighet,
                        "niva": NIVAER[min(max(n + justering, 0), len(NIVAER) - 1)],
                        "dato": dag,
                        "registrert_av_id": d.norsklarer or _koordinator(ctx, d),
                    }
                )
    kopier(Norskprove, rader)


def fyll_besok(ctx: Kontekst, fra: int, til: int) -> None:
    """Workplace visits at the track's rhythm (a few days later for some), from the training's start
    until its end, a leave or today: about ten per participant, 200,000 at 20,000 participants."""
    intervall = ctx.extra["besok_intervall"]
    siste = ctx.extra["siste_plassering"]
    rader = []
    for d, start in _i_opplaering(ctx):
        steg = (intervall[d.fagretning] + d.lop.intervall_jitter) * DAG
        plassering, sted = siste[d.pk]
        slutt = d.lop.i_praksis_til(ctx.idag)
        dag = start + (7 + d.nr % 7) * DAG
        while dag <= slutt:
            rader.append(
                {
                    "organisasjon_id": d.org,
                    "deltaker_id": d.pk,
                    "plassering_id": plassering,
                    "arbeidssted_id": sted,
                    "dato": dag,
                    "registrert_av_id": d.faglarer or _koordinator(ctx, d),
                    "tilstede": "Deltaker, fadder, faglærer",
                    "observert": "Generert besøk.",
                    "neste_besok": dag + steg,
                }
            )
            dag += steg
    kopier(Besok, rader)


def _semestre(fra: datetime.date, til: datetime.date) -> list[OSemester]:
    s, slutt, ut = semester_for(fra), semester_for(til), []
    while (s.aar, s.del_) <= (slutt.aar, slutt.del_):
        ut.append(s)
        s = OSemester(s.aar, "H") if s.del_ == "V" else OSemester(s.aar + 1, "V")
    return ut


def fyll_vurderingssamtaler(ctx: Kontekst, fra: int, til: int) -> None:
    """One assessment meeting per semester in training: held in the past, planned later this semester."""
    fadder = ctx.extra["fadder_for_sted"]
    siste = ctx.extra["siste_plassering"]
    rader = []
    for d, start in _i_opplaering(ctx):
        slutt = d.lop.slutt or ctx.idag
        for semester in _semestre(start, slutt):
            midt = datetime.date(semester.aar, 3, 1) if semester.del_ == "V" else datetime.date(semester.aar, 10, 1)
            dag = max(midt + (d.nr * 7 % 60) * DAG, start + 14 * DAG)
            if dag > semester.slutt or (d.lop.slutt is not None and dag > d.lop.slutt):
                continue
            holdt = dag <= ctx.idag
            rader.append(
                {
                    "organisasjon_id": d.org,
                    "deltaker_id": d.pk,
                    "semester": semester.kode,
                    "planlagt_dato": dag,
                    "holdt_dato": dag if holdt else None,
                    "fadder_id": fadder.get(siste[d.pk][1]),
                    "tilstede": "Deltaker, fadder, faglærer, koordinator" if holdt else "",
                    "holder_tider": Vurdering.BRA if holdt else "",
                    "samarbeider": Vurdering.MEGET_BRA if holdt else "",
                    "selv_oppgaver": 5 + d.nr % 5 if holdt else None,
                    "registrert_av_id": d.faglarer or _koordinator(ctx, d),
                }
            )
    kopier(Vurderingssamtale, rader)
