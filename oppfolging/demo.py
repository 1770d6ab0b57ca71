"""Demo data: workplace visits (some overdue), assessment meetings (some missing this semester), a project
group meeting with action items, a steering group meeting and a mentor gathering. All invented."""

from __future__ import annotations

import datetime

from arbeidsgivere.models import Arbeidssted, Kontaktperson, Plassering
from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.demo import Demo, seeder

from .models import Besok, Faddersamling, Mote, Vurdering, Vurderingssamtale, semester_for
from .services import (
    besok_registrer,
    faddersamling_registrer,
    mote_registrer,
    tiltak_opprett,
    vurderingssamtale_registrer,
)

dag = datetime.timedelta(days=1)

# Which employer's workplaces suit a track (by the employer's trade), for the fallback placement below.
BRANSJE = {"BUA": "Barne", "Helse": "Helse", "Renhold": "Renhold", "Betong": "Betong"}

OBSERVASJONER = [
    ("Ledet samlingsstund med fem barn; god kontakt, trygg stemme.", "Planlegg en formingsaktivitet til neste uke."),
    ("Hjalp beboer med morgenstell; fulgte rutinene for hygiene.", "Skriv en kort rapport etter vakt på norsk."),
    ("Fulgte renholdsplanen i kantina; riktig dosering av midler.", "Lær navnene på maskinene og bruk dem i loggen."),
    ("Var med på forskaling og armering; brukte verneutstyr riktig.", "Forklar fadderen stegene i støpingen."),
]
TEMAER = ["Lek og læring", "Kommunikasjon og samhandling", "HMS og verneutstyr", "Etikk og taushetsplikt"]


def _arbeidssted_for(deltaker: Deltaker) -> Arbeidssted | None:
    nokkel = BRANSJE.get(deltaker.fagretning.kortnavn)
    if nokkel is None:
        return None
    return (
        Arbeidssted.objects.filter(organisasjon_id=deltaker.organisasjon_id, arbeidsgiver__bransje__icontains=nokkel)
        .order_by("pk")
        .first()
    )


def _reserveplassering(deltaker: Deltaker, *, fra: datetime.date, **felter) -> bool:
    """A placement from `fra` at the first workplace whose employer's trade suits her track, with its
    first fadder; False (and none) when her track has no such workplace."""
    sted = _arbeidssted_for(deltaker)
    if sted is None:
        return False
    fadder = Kontaktperson.objects.filter(arbeidssted=sted, rolle=Kontaktperson.Rolle.FADDER).order_by("pk").first()
    Plassering.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        arbeidssted=sted,
        fadder=fadder,
        fra=fra,
        ekstra_person_bekreftet=True,
        **felter,
    )
    return True


def _plassering(demo: Demo, deltaker: Deltaker, nr: int) -> None:
    """Fallback only: when the arbeidsgivere seeder made no placement for an active participant, give her
    one so visits show a workplace. The arbeidsgivere seeder runs first; when it places people, this is
    a no-op."""
    if not Plassering.objects.filter(deltaker=deltaker).exists():
        _reserveplassering(deltaker, fra=demo.idag - (200 + nr) * dag)


def _forste_start(deltaker: Deltaker) -> datetime.date | None:
    """The day her first placement began."""
    return Plassering.objects.filter(deltaker=deltaker).order_by("fra").values_list("fra", flat=True).first()


def _plassering_pa(plasseringer: list[Plassering], dato: datetime.date) -> Plassering | None:
    """The placement of her list she had on the day."""
    return next((p for p in plasseringer if p.fra <= dato and (p.til is None or dato <= p.til)), None)


def _besok(demo: Demo, deltaker: Deltaker, nr: int) -> None:
    if Besok.objects.filter(deltaker=deltaker).exists():
        return
    intervall = deltaker.fagretning.besok_intervall_dager
    # Days since the last visit: about a third are overdue.
    siden = [3, intervall - 2, intervall + 6, 5, intervall + 15, intervall - 5, 1][nr % 7]
    siste = demo.idag - siden * dag
    obs, oppgave = OBSERVASJONER[nr % len(OBSERVASJONER)]
    start = _forste_start(deltaker)
    if start is not None:
        # The history before the last three visits: one visit per rhythm (at most a dozen), back to her start.
        _tidligere_besok(deltaker, start, siste - 3 * intervall * dag, nr, antall=12)
    for k, dato in enumerate([siste - 2 * intervall * dag, siste - intervall * dag, siste]):
        if start is not None and dato < start:
            continue  # no visits before she started at the workplace (a cohort that started lately)
        besok_registrer(
            deltaker=deltaker,
            utfort_av=deltaker.faglarer,
            dato=dato,
            idag=demo.idag,
            tilstede="Deltaker og fadder" if k % 2 == 0 else "Deltaker, fadder og leder",
            observert=obs,
            oppgaver=oppgave,
            manedens_tema=TEMAER[(dato.month + nr) % len(TEMAER)],
            opplaeringsplan="Kompetansemål fra læreplanen, punkt " + str(3 + nr % 5),
            neste_besok=dato + intervall * dag,
        )


def _tidligere_besok(deltaker: Deltaker, fra: datetime.date, til: datetime.date, nr: int, *, antall: int) -> None:
    """Visits of the past (written directly, as history: the service records only today's cases in
    training), evenly from `fra` to `til`, at the workplace she had each day."""
    if til < fra:
        return
    intervall = deltaker.fagretning.besok_intervall_dager
    steg = max(intervall, ((til - fra).days + antall - 1) // antall)
    obs, oppgave = OBSERVASJONER[nr % len(OBSERVASJONER)]
    plasseringer = list(Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted").order_by("fra"))
    dato = fra + 7 * dag
    while dato <= til:
        plassering = _plassering_pa(plasseringer, dato)
        if plassering is not None:
            Besok.objects.create(
                organisasjon_id=deltaker.organisasjon_id,
                deltaker=deltaker,
                plassering=plassering,
                arbeidssted=plassering.arbeidssted,
                dato=dato,
                registrert_av=deltaker.faglarer,
                tilstede="Deltaker og fadder",
                observert=obs,
                oppgaver=oppgave,
                manedens_tema=TEMAER[(dato.month + nr) % len(TEMAER)],
                neste_besok=dato + intervall * dag,
            )
        dato += steg * dag


def _avsluttet(demo: Demo) -> None:
    """Participants who completed or left: the placement they had while in training (when none is
    recorded) and the visits and assessment meetings of those months, so a finished case has its
    history and the dashboard's past semesters their meetings."""
    ferdige = Deltaker.objects.filter(
        status__in=[Deltaker.Status.FULLFORT, Deltaker.Status.AVBRUTT], faglarer__isnull=False
    ).select_related("fagretning", "faglarer", "kull")
    for nr, deltaker in enumerate(ferdige.order_by("pk")):
        if Besok.objects.filter(deltaker=deltaker).exists():
            continue
        datoer = dict(deltaker.statusendringer.order_by("dato").values_list("til_status", "dato"))
        start = datoer.get(Deltaker.Status.I_OPPLAERING)
        slutt = datoer.get(Deltaker.Status.FULLFORT) or datoer.get(Deltaker.Status.AVBRUTT)
        if start is None or slutt is None or slutt <= start or slutt > demo.idag:
            continue
        hadde_plassering = Plassering.objects.filter(deltaker=deltaker, fra__lte=slutt).exclude(til__lt=start).exists()
        if not hadde_plassering and not _reserveplassering(deltaker, fra=start, til=slutt, dager_per_uke=3):
            continue
        _tidligere_besok(deltaker, start, slutt, nr, antall=10)
        if not Vurderingssamtale.objects.filter(deltaker=deltaker).exists():
            fra = max(start, deltaker.kull.oppstart) if deltaker.kull else start  # none before her cohort started
            _tidligere_samtaler(deltaker, fra, slutt, nr, demo.koordinator(deltaker.organisasjon_id))


def _samtalefelt(nr: int) -> dict:
    """What a held meeting in the demo records (the ratings, texts and her self-evaluation)."""
    return dict(
        tilstede="Deltaker, fadder, faglærer og koordinator",
        hvordan_gar_det="Trives og tar mer ansvar. Møter presis.",
        fokusomrader="Skriftlig rapportering; ta initiativ i nye situasjoner.",
        gir_beskjed_fravaer=Vurdering.MEGET_BRA,
        holder_tider=Vurdering.BRA,
        folger_regler=Vurdering.MEGET_BRA,
        gjor_avtalte_oppgaver=Vurdering.BRA,
        samarbeider=Vurdering.BRA,
        tar_imot_veiledning=Vurdering.MEGET_BRA,
        tar_initiativ=Vurdering.IKKE_SA_BRA,
        muntlig_kommunikasjon=Vurdering.BRA,
        skriftlig_kommunikasjon=Vurdering.IKKE_SA_BRA,
        service=Vurdering.BRA,
        laert_deltaker="Rutinene i hverdagen og fagordene.",
        laert_arbeidsgiver="Selvstendig i de faste oppgavene.",
        ma_forbedre="Skriftlig norsk og å ta initiativ.",
        mangler_for_ordinaer_jobb="Mer selvstendighet og skriftlig norsk på B1.",
        tiltak_deltaker="Skriver logg hver uke.",
        tiltak_kommune="Ekstra norsktime med fagord.",
        tiltak_arbeidsgiver="Fadderen gir ett nytt ansvarsområde i måneden.",
        selv_oppgaver=7,
        selv_norsk=5 + nr % 3,
        selv_fremgang=8,
        selv_kommentar="Jeg forstår mer på møtene nå.",
    )


def _semesterdatoer(fra: datetime.date, til: datetime.date, nr: int) -> list[datetime.date]:
    """One meeting day in each semester from `fra` to `til` (both included): some six weeks before the
    semester's end, never before `fra` nor after `til`, and none in a semester she was in for under a
    month."""
    datoer = []
    semester = semester_for(fra)
    while semester.start <= til:
        forste, siste = max(fra, semester.start), min(til, semester.frist)
        if (siste - forste).days >= 30:
            datoer.append(max(forste, min(siste, semester.frist - (40 + nr % 20) * dag)))
        semester = semester_for(semester.slutt + dag)
    return datoer


def _tidligere_samtaler(deltaker: Deltaker, fra: datetime.date, til: datetime.date, nr: int, utfort_av) -> None:
    """The held meetings of a finished case, one per semester she was in training (written directly, as
    history: the service records meetings only for cases in a pathway today)."""
    plasseringer = list(Plassering.objects.filter(deltaker=deltaker).select_related("fadder").order_by("fra"))
    for holdt in _semesterdatoer(fra, til, nr):
        plassering = _plassering_pa(plasseringer, holdt)
        Vurderingssamtale.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            semester=semester_for(holdt).kode,
            planlagt_dato=holdt,
            holdt_dato=holdt,
            fadder=plassering.fadder if plassering else None,
            registrert_av=utfort_av,
            **_samtalefelt(nr),
        )


def _samtaler(demo: Demo, deltaker: Deltaker, nr: int, utfort_av) -> None:
    semester = semester_for(demo.idag)
    if Vurderingssamtale.objects.filter(deltaker=deltaker).exists():
        return
    forrige = semester_for(semester.start - dag)
    # Every semester before the last since her cohort started (or her first placement): held.
    start = deltaker.kull.oppstart if deltaker.kull else None
    start = start or _forste_start(deltaker)
    holdt = _semesterdatoer(start, forrige.start - dag, nr) if start else []
    # Last semester: held, for everyone who had started then.
    if deltaker.kull is None or deltaker.kull.oppstart <= forrige.slutt - 60 * dag:
        holdt.append(forrige.slutt - (40 + nr) * dag)
    if nr % 3 == 0:  # held this semester (not before her cohort started)
        startet = deltaker.kull.oppstart if deltaker.kull else semester.start
        holdt.append(max(semester.start, startet, demo.idag - (10 + nr % 20) * dag))
    for dato in holdt:
        vurderingssamtale_registrer(
            deltaker=deltaker, utfort_av=utfort_av, idag=demo.idag, holdt_dato=dato, **_samtalefelt(nr)
        )
    if nr % 3 == 1:  # planned
        planlagt = min(semester.slutt, demo.idag + (7 + nr % 10) * dag)
        vurderingssamtale_registrer(deltaker=deltaker, utfort_av=utfort_av, idag=demo.idag, planlagt_dato=planlagt)
    # nr % 3 == 2: missing this semester


def _mote(demo: Demo, tiltak: list[tuple[str, object, int]], *, utfort_av, **felter) -> None:
    """A meeting with its minutes and its action items: (what, who, due in days from today)."""
    mote = mote_registrer(utfort_av=utfort_av, **felter)
    for beskrivelse, ansvarlig, dager in tiltak:
        tiltak_opprett(
            mote=mote, beskrivelse=beskrivelse, ansvarlig=ansvarlig, frist=demo.idag + dager * dag, utfort_av=utfort_av
        )


def _moter(demo: Demo) -> None:
    bua = demo.fagretninger["bua"]
    koordinator, faglarer, norsklarer = (demo.brukere[u] for u in ("koordinator", "faglarer", "norsklarer"))
    if not Mote.objects.filter(organisasjon_id=bua.organisasjon_id).exists():
        _mote(
            demo,
            [
                ("Lage tre felles skriveoppgaver fra praksis", faglarer, 9),
                ("Bestille lokale til faddersamlingen", koordinator, -2),
            ],
            organisasjon_id=bua.organisasjon_id,
            type=Mote.Type.PROSJEKTGRUPPE,
            fagretning=bua,
            dato=demo.idag - 12 * dag,
            utfort_av=koordinator,
            tilstede=[koordinator, faglarer, norsklarer],
            agenda="Status for hver deltaker\nStatus på arbeidsplassene\nRessurser og lån av iPad\nUtfordringer",
            referat=(
                "Alle deltakere i praksis. Solsikken barnehage ønsker en deltaker til fra høsten. "
                "To deltakere trenger mer skriftlig norsk før eksamen."
            ),
            vedtak="Faglærer og norsklærer lager felles skriveoppgaver fra praksis. Neste faddersamling i januar.",
        )
        _mote(
            demo,
            [("Sende semesterrapport til IMDi", koordinator, 20)],
            organisasjon_id=bua.organisasjon_id,
            type=Mote.Type.STYRINGSGRUPPE,
            dato=max(semester_for(demo.idag).start, demo.idag - 30 * dag),
            utfort_av=koordinator,
            tilstede=[koordinator, demo.brukere["styring"]],
            andre_tilstede="Rektor ved voksenopplæringen, enhetsleder barnehager",
            agenda="Resultater og progresjon per fagretning\nRessurser neste semester\nRekruttering til helse",
            referat="Gjennomgang av tall per fagretning. Renhold fortsetter med samme ressurs.",
            vedtak="Helsefagarbeider tar inn et nytt kull til høsten.",
        )
    betong = demo.fagretninger["betong"]
    if not Mote.objects.filter(organisasjon_id=betong.organisasjon_id).exists():
        koordinator, faglarer = demo.brukere["koordinator.asker"], demo.brukere["faglarer.asker"]
        _mote(
            demo,
            [("Avtale teorikurs for førerkort", faglarer, 5)],
            organisasjon_id=betong.organisasjon_id,
            type=Mote.Type.PROSJEKTGRUPPE,
            fagretning=betong,
            dato=demo.idag - 20 * dag,
            utfort_av=koordinator,
            tilstede=[koordinator, faglarer],
            agenda="Oppmøte kl. 07\nFørerkort\nStatus på byggeplassene",
            referat="God progresjon. To deltakere trenger hjelp med førerkortteori.",
        )


def _faddersamling(demo: Demo) -> None:
    bua = demo.fagretninger["bua"]
    if Faddersamling.objects.filter(fagretning=bua).exists():
        return
    faddere = Kontaktperson.objects.filter(
        organisasjon_id=bua.organisasjon_id,
        rolle=Kontaktperson.Rolle.FADDER,
        arbeidssted__arbeidsgiver__bransje__icontains="Barne",
    ).order_by("pk")[:3]
    faddersamling_registrer(
        fagretning=bua,
        dato=demo.idag - 25 * dag,
        utfort_av=demo.brukere["koordinator"],
        faddere=list(faddere),
        tema="Månedens tema og hvordan fadderen gir oppgaver",
        notat="Gjennomgang av opplæringsplanen. Faddere ønsker tema på forhånd hver måned.",
    )


@seeder(rekkefolge=90)
def seed(demo: Demo) -> None:
    aktive = (
        Deltaker.objects.filter(status__in=statusgrupper.PA_ARBEIDSPLASSEN, faglarer__isnull=False)
        .select_related("fagretning", "faglarer", "kull")
        .order_by("organisasjon_id", "pk")
    )
    for nr, deltaker in enumerate(aktive):
        _plassering(demo, deltaker, nr)
        _besok(demo, deltaker, nr)
        _samtaler(demo, deltaker, nr, demo.koordinator(deltaker.organisasjon_id))
    _avsluttet(demo)
    _moter(demo)
    _faddersamling(demo)
