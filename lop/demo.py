"""Demo data, part 4 (after deltakere): competence goals, monthly topics, and for the demo
participants their learning contracts, exams, fagprøver, Norwegian results, training plans and
practice periods. Dates are relative to today so the demo always has something due. Idempotent:
a participant who already has a contract is left alone. All people are invented.
"""

from __future__ import annotations

import datetime

from arbeidsgivere.models import Arbeidsgiver
from deltakere.models import Deltaker, Permisjon
from fagbrev.demo import Demo, seeder

from .frister import legg_til_maneder, pameldingsvinduer
from .models import (
    Eksamen,
    Fagprove,
    Grunnbelop,
    Kompetansemal,
    Laerekontrakt,
    Manedstema,
    Norskprove,
    Opplaeringsplanpunkt,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
    Stipendvedtak,
)
from .services import kompetansemal_opprett, laerekontrakt_opprett, manedstema_opprett
from .services_stipend import stipendvedtak_registrer

# Paraphrased from the Vg3 curricula (LK20) of each trade; coordinators can edit them.
KOMPETANSEMAL = {
    "bua": [
        (
            "Pedagogisk arbeid",
            "planlegge, gjennomføre, dokumentere og vurdere aktiviteter som fremmer lek, læring, utvikling og danning",
        ),
        (
            "Pedagogisk arbeid",
            "kommunisere og samhandle med barn og unge slik at deres medvirkning og rett til å bli hørt ivaretas",
        ),
        (
            "Pedagogisk arbeid",
            "veilede barn og unge i daglige gjøremål og bidra til et inkluderende omsorgs- og læringsmiljø",
        ),
        ("Yrkesutøvelse", "gjøre rede for og følge regelverk om taushetsplikt, opplysningsplikt og barns rettigheter"),
        (
            "Yrkesutøvelse",
            "observere og dokumentere barns utvikling og trivsel, og melde bekymring etter virksomhetens rutiner",
        ),
        ("Helsefremmende arbeid", "legge til rette for fysisk aktivitet, sunt kosthold og god hygiene i hverdagen"),
        ("Helsefremmende arbeid", "forebygge og håndtere mobbing, krenkelser og konflikter mellom barn og unge"),
        (
            "Kommunikasjon og samhandling",
            "samarbeide med foresatte og andre yrkesgrupper og vise respekt for familiers ulike kulturer og livssyn",
        ),
        ("Yrkesutøvelse", "utføre førstehjelp og følge rutiner for helse, miljø og sikkerhet"),
    ],
    "helse": [
        (
            "Helsefremmende arbeid",
            "planlegge, gjennomføre, dokumentere og vurdere helsefremmende tiltak i samarbeid med pasient og bruker",
        ),
        (
            "Helsefremmende arbeid",
            "observere og måle vitale tegn, vurdere endringer i helsetilstand og rapportere videre",
        ),
        ("Yrkesutøvelse", "utføre personrettet hygiene og smittevern etter gjeldende regelverk"),
        (
            "Kommunikasjon og samhandling",
            "kommunisere med pasienter og brukere på en måte som ivaretar integritet og selvbestemmelse",
        ),
        ("Yrkesutøvelse", "bistå ved legemiddelhåndtering innenfor eget ansvarsområde"),
        ("Yrkesutøvelse", "bruke velferdsteknologi og digitale verktøy i dokumentasjon og pasientarbeid"),
        ("Yrkesutøvelse", "gjøre rede for taushetsplikt, personvern og pasient- og brukerrettigheter"),
        ("Helsefremmende arbeid", "legge til rette for ernæring, aktivitet og hvile tilpasset den enkeltes behov"),
        ("Helsefremmende arbeid", "bistå i lindrende omsorg og omsorg ved livets slutt"),
    ],
    "renhold": [
        (
            "Planlegging og dokumentasjon",
            "planlegge, gjennomføre og dokumentere renhold etter gjeldende standard og kvalitetssystem",
        ),
        ("Renholdsfaglig arbeid", "velge metoder, maskiner og kjemikalier ut fra overflatemateriale og smussmengde"),
        ("HMS", "følge regelverk for helse, miljø og sikkerhet og bruke ergonomiske arbeidsteknikker"),
        ("Renholdsfaglig arbeid", "utføre smittevernrenhold og vurdere hygienekrav i ulike typer lokaler"),
        ("Kommunikasjon og service", "kommunisere med kunder og brukere og håndtere avvik og reklamasjoner"),
        ("Planlegging og dokumentasjon", "beregne tidsforbruk og mengder for et renholdsoppdrag"),
        ("HMS", "håndtere avfall og kjemikalier miljøvennlig og etter regelverket"),
    ],
    "betong": [
        ("Planlegging", "lese arbeidstegninger og beskrivelser og planlegge eget arbeid"),
        ("Forskaling", "montere og demontere forskaling for fundamenter, vegger, dekker og søyler"),
        ("Armering", "kappe, bøye og montere armering etter tegning og krav til overdekning"),
        ("Støp", "støpe, komprimere, avrette og etterbehandle betong etter kvalitetskrav"),
        ("HMS", "bruke og vedlikeholde maskiner, verktøy og løfteutstyr sikkert"),
        ("HMS", "følge regelverk for helse, miljø og sikkerhet og gjennomføre sikker jobb-analyse"),
        ("Dokumentasjon", "dokumentere eget arbeid og gjennomføre egenkontroll"),
    ],
}

MANEDSTEMA = {
    "bua": [
        ("Lek og vennskap", "Observer leken i én barnegruppe og skriv ned hvordan barna tar kontakt med hverandre."),
        ("Språk i hverdagen", "Les en bildebok for en liten gruppe og snakk om bildene; bruk nye ord i samlingen."),
        ("Kosthold og måltid", "Planlegg et sunt måltid sammen med barna og snakk om matvaner."),
        ("Barns rettigheter", "Gå gjennom barnehagens rutiner for opplysningsplikt med fadderen."),
    ],
    "helse": [
        ("Smittevern", "Gå gjennom rutinen for håndhygiene og bruk av smittevernutstyr på avdelingen."),
        ("Vitale tegn", "Mål blodtrykk, puls og temperatur sammen med fadderen og dokumenter i journalen."),
        ("Ernæring", "Observer måltidet og registrer matinntak for én pasient i en uke."),
        ("Kommunikasjon med pårørende", "Delta i en samtale med pårørende og snakk med fadderen etterpå."),
    ],
}

# Training plan tasks per track: (task, goal number 1-based)
OPPGAVER = {
    "bua": [
        ("Planlegge og lede en samlingsstund", 1),
        ("Lese for barn i smågruppe og samtale om boken", 2),
        ("Følge et barn i påkledning og av- og påkledning i garderoben", 3),
        ("Gå gjennom taushetsplikt og opplysningsplikt med fadder", 4),
        ("Skrive en observasjon av et barns lek", 5),
        ("Lede en tur i nærmiljøet", 6),
    ],
    "helse": [
        ("Utføre morgenstell med veiledning", 3),
        ("Måle og dokumentere blodtrykk og puls", 2),
        ("Delta i rapport og legge fram egne observasjoner", 2),
        ("Bruke pasientvarslingssystemet", 6),
        ("Hjelpe pasient med måltid og registrere inntak", 8),
    ],
    "renhold": [
        ("Lage renholdsplan for én etasje", 1),
        ("Velge kjemikalier for våtrom og begrunne valget", 2),
        ("Utføre smittevernrenhold på et pasientrom", 4),
        ("Registrere et avvik i kvalitetssystemet", 5),
    ],
    "betong": [
        ("Lese tegning for et fundament og lage materialliste", 1),
        ("Montere veggforskaling sammen med fagarbeider", 2),
        ("Binde armering i dekke", 3),
        ("Gjennomføre sikker jobb-analyse før løft", 6),
    ],
}

S = Deltaker.Status
V = Opplaeringsplanpunkt.Vurdering
VAREKSAMEN = (5, 20)  # (month, day) of the spring's written exam in the demo


def _mal_og_tema(demo: Demo) -> None:
    koordinator = demo.brukere["koordinator"]
    for nokkel, mal in KOMPETANSEMAL.items():
        fagretning = demo.fagretninger[nokkel]
        if Kompetansemal.objects.filter(fagretning=fagretning).exists():
            continue
        for nr, (omrade, tekst) in enumerate(mal, start=1):
            kompetansemal_opprett(fagretning=fagretning, utfort_av=None, omrade=omrade, tekst=tekst, rekkefolge=nr * 10)
    forste = demo.idag.replace(day=1)
    for nokkel, temaer in MANEDSTEMA.items():
        fagretning = demo.fagretninger[nokkel]
        if Manedstema.objects.filter(fagretning=fagretning).exists():
            continue
        for nr, (tema, beskrivelse) in enumerate(temaer):
            manedstema_opprett(
                fagretning=fagretning,
                utfort_av=koordinator,
                maned=legg_til_maneder(forste, nr - 1),
                tema=tema,
                beskrivelse=beskrivelse,
            )


def _vindusdato(ar: int, termin: int) -> datetime.date:
    """A registration date inside the given window of the year (0 = spring, 1 = autumn)."""
    return pameldingsvinduer(ar)[termin].forste_dag + datetime.timedelta(days=5)


def _bestatt_eksamen(deltaker, ar: int) -> None:
    """Her passed written exam in the spring of `ar`: registered in that window, held on its day."""
    Eksamen.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        termin=f"vår {ar}",
        pameldt_dato=_vindusdato(ar, 0),
        gebyr_betalt=True,
        eksamensdato=datetime.date(ar, *VAREKSAMEN),
        resultat=Resultat.BESTATT,
    )


def _fagprove(deltaker, kontrakt, **felter) -> None:
    """Her fagprøve on the contract, held at its employer."""
    Fagprove.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        kontrakt=kontrakt,
        provested=str(kontrakt.arbeidsgiver or "Arbeidsplassen"),
        **felter,
    )


def _arbeidsgiver(deltaker):

    bransje = {"bua": "Barne", "helse": "Helse", "renhold": "Renhold", "betong": "Betong"}
    nokkel = deltaker.fagretning.kortnavn.lower()
    ord_ = next((v for k, v in bransje.items() if nokkel.startswith(k[:4])), "")
    return (
        Arbeidsgiver.objects.filter(organisasjon_id=deltaker.organisasjon_id, bransje__icontains=ord_)
        .order_by("-godkjent_laerebedrift", "pk")
        .first()
    )


def _kontrakt(deltaker, koordinator, *, start, status, idag, rute="fagbrev_pa_jobb", levert=True, **felter):
    kontrakt = laerekontrakt_opprett(
        deltaker=deltaker,
        utfort_av=koordinator,
        rute=rute,
        start=start,
        arbeidsgiver=_arbeidsgiver(deltaker),
        fagansvarlig=felter.pop("fagansvarlig", "Anne Berit Holm"),
        **felter,
    )
    if levert:
        for punkt in kontrakt.sjekkpunkter.all():
            punkt.status = Sjekkpunkt.Status.LEVERT
            punkt.referanse = (
                f"Saksmappe, {punkt.get_type_display().lower()} mottatt {start - datetime.timedelta(days=20):%d.%m.%Y}"
            )
            punkt.save(update_fields=["status", "referanse"])
    datoer = {}
    if status in ("sokt", "godkjent", "fullfort"):
        datoer["sokt_dato"] = start - datetime.timedelta(days=14)
    if status in ("godkjent", "fullfort"):
        datoer["godkjent_dato"] = min(start + datetime.timedelta(days=21), idag)
        datoer["fylke_saksnummer"] = f"{start.year}/{1000 + deltaker.pk * 37 % 9000}"
    if status == "fullfort":
        datoer["avsluttet_dato"] = kontrakt.slutt
    Laerekontrakt.objects.filter(pk=kontrakt.pk).update(status=status, **datoer)
    kontrakt.refresh_from_db()
    return kontrakt


def _norsk(deltaker, norsklarer, dato, muntlig, skriftlig, lesing="", lytting=""):
    for ferdighet, niva in (("muntlig", muntlig), ("skriftlig", skriftlig), ("lesing", lesing), ("lytting", lytting)):
        if niva is not None:
            Norskprove.objects.create(
                organisasjon_id=deltaker.organisasjon_id,
                deltaker=deltaker,
                ferdighet=ferdighet,
                niva=niva,
                dato=dato,
                registrert_av=norsklarer,
            )


def _plan(demo: Demo, deltaker, andel_utfort: float) -> None:
    nokkel = next(k for k, f in demo.fagretninger.items() if f.pk == deltaker.fagretning_id)
    mal = list(Kompetansemal.objects.filter(fagretning_id=deltaker.fagretning_id).order_by("rekkefolge"))
    oppgaver = OPPGAVER.get(nokkel, [])
    utfort_antall = round(len(oppgaver) * andel_utfort)
    for nr, (oppgave, malnr) in enumerate(oppgaver):
        utfort = nr < utfort_antall
        Opplaeringsplanpunkt.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            kompetansemal=mal[malnr - 1] if malnr <= len(mal) else None,
            oppgave=oppgave,
            utfort=utfort,
            fadder_vurdering=demo.rng.choice([V.BRA, V.MEGET_BRA]) if utfort else "",
            deltaker_vurdering=demo.rng.choice([V.BRA, V.BRA, V.IKKE_SA_BRA]) if utfort else "",
            kommentar="Trenger mer trening på fagbegrepene." if utfort and nr % 3 == 1 else "",
            dato=demo.idag - datetime.timedelta(days=14 * (utfort_antall - nr)) if utfort else None,
        )


def _grunnbelop() -> None:
    """G is national reference data from a migration; a database emptied between tests (the browser
    tests' transactional database) has lost it, and the demo's stipend needs it."""
    from importlib import import_module

    for dato, belop, anslatt in import_module("lop.migrations.0002_grunnbelop_verdier").G_VERDIER:
        Grunnbelop.objects.get_or_create(gjelder_fra=dato, defaults={"belop": belop, "anslatt": anslatt})


@seeder(rekkefolge=50)
def seed_lop(demo: Demo) -> None:
    _grunnbelop()
    _mal_og_tema(demo)
    idag = demo.idag
    aar = idag.year
    koordinator = demo.brukere["koordinator"]
    norsklarer = demo.brukere["norsklarer"]
    forrige_var = aar if idag > datetime.date(aar, *VAREKSAMEN) else aar - 1  # the last spring exam held

    deltakere = Deltaker.objects.filter(organisasjon=demo.org["Lørenskog"]).select_related("fagretning", "kull")
    for nr, d in enumerate(deltakere.order_by("pk")):
        if d.status in (S.HENVIST, S.KARTLAGT, S.AVSLATT) or Laerekontrakt.objects.filter(deltaker=d).exists():
            continue
        oppstart = d.kull.oppstart if d.kull else idag - datetime.timedelta(days=30)
        if d.status == S.TATT_OPP:
            # A fresh draft with documents still missing: the page says which.
            kontrakt = _kontrakt(
                d, koordinator, start=idag + datetime.timedelta(days=20), status="utkast", idag=idag, levert=False
            )
            cv = kontrakt.sjekkpunkter.get(type=Sjekkpunkt.Type.CV)
            cv.status, cv.referanse = Sjekkpunkt.Status.LEVERT, "Mottatt fra NAV med henvisningen"
            cv.save(update_fields=["status", "referanse"])
            continue
        if d.status in (S.FULLFORT,):
            start = datetime.date(oppstart.year, 8, 15) if d.kull else datetime.date(2019, 8, 15)
            kontrakt = _kontrakt(d, koordinator, start=start, status="fullfort", idag=idag)
            _bestatt_eksamen(d, kontrakt.slutt.year)
            _fagprove(
                d,
                kontrakt,
                pameldt_dato=legg_til_maneder(kontrakt.slutt, -4),
                provedato=kontrakt.slutt - datetime.timedelta(days=10),
                fagansvarlig_informert=legg_til_maneder(kontrakt.slutt, -4),
                resultat=Resultat.BESTATT,
            )
            _norsk(d, norsklarer, datetime.date(kontrakt.slutt.year - 1, 11, 20), "B1", "B1", "B1", "B2")
            _plan(demo, d, 1.0)
            continue
        if d.status == S.AVBRUTT:
            kontrakt = _kontrakt(d, koordinator, start=oppstart, status="godkjent", idag=idag)
            Laerekontrakt.objects.filter(pk=kontrakt.pk).update(
                status=Laerekontrakt.Status.HEVET,
                avsluttet_dato=min(oppstart + datetime.timedelta(days=200), idag),
            )
            continue
        if d.status in (S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP):
            # Ends about five months from now, so the fagprøve window (8–2 months before) is open.
            start = legg_til_maneder(idag.replace(day=1), -19)
            kontrakt = _kontrakt(d, koordinator, start=start, status="godkjent", idag=idag)
            _bestatt_eksamen(d, forrige_var)
            if d.status == S.FAGPROVE_MELDT_OPP:
                _fagprove(
                    d,
                    kontrakt,
                    pameldt_dato=idag - datetime.timedelta(days=12),
                    provedato=kontrakt.slutt + datetime.timedelta(days=20),
                    fagansvarlig_informert=idag - datetime.timedelta(days=10),
                )
            _norsk(d, norsklarer, idag - datetime.timedelta(days=160), "B1", "A2", "B1", "B1")
            _plan(demo, d, 0.8)
            continue
        # In training (or on leave): contract approved or applied for, exam planned, plan under way.
        status = "godkjent" if nr % 4 else "sokt"
        kontrakt = _kontrakt(d, koordinator, start=oppstart, status=status, idag=idag)
        if d.status == S.PERMISJON:
            fra = min(max(idag - datetime.timedelta(days=40), kontrakt.start + datetime.timedelta(days=1)), idag)
            Permisjon.objects.create(  # the leave is the case's; approved, it lengthens the contract
                organisasjon_id=d.organisasjon_id,
                deltaker=d,
                fra=fra,
                til=fra + datetime.timedelta(days=89),
                arsak="Foreldrepermisjon",
                fylke_informert=True,
                godkjent_av_fylket=True,
            )
        if nr % 5 == 2:
            # The registered end date was typed from the application: two weeks off the rule.
            Laerekontrakt.objects.filter(pk=kontrakt.pk).update(slutt=kontrakt.slutt + datetime.timedelta(days=14))
        if kontrakt.slutt and kontrakt.slutt.year <= aar + 1 and nr % 3 == 0:
            Eksamen.objects.create(
                organisasjon_id=d.organisasjon_id,
                deltaker=d,
                termin=f"vår {aar + 1}",
                pameldt_dato=None,
                gebyr_betalt=False,
            )
        if d.norsklarer_id:
            _norsk(
                d,
                norsklarer,
                idag - datetime.timedelta(days=90 + nr),
                "A2" if nr % 2 else "B1",
                "A2",
                "A2" if nr % 3 else None,
                None,
            )
        _plan(demo, d, 0.3 + (nr % 4) * 0.15)

    # NAV Asker, betong: praksiskandidater with practice periods (some overlapping).
    koordinator_asker = demo.brukere["koordinator.asker"]
    for nr, d in enumerate(
        Deltaker.objects.filter(organisasjon=demo.org["NAV Asker"], status=S.I_OPPLAERING)
        .select_related("fagretning")
        .order_by("pk")
    ):
        if Laerekontrakt.objects.filter(deltaker=d).exists():
            continue
        start = d.kull.oppstart if d.kull else idag - datetime.timedelta(days=60)
        _kontrakt(
            d,
            koordinator_asker,
            start=start,
            status="godkjent" if nr % 3 else "utkast",
            idag=idag,
            rute="praksiskandidat",
            levert=nr % 3 != 0,
            fagansvarlig="Geir Solheim",
        )
        begynte = datetime.date(aar - 6 + nr % 3, 3, 1)
        for i, (arbeidsgiver, ar, prosent) in enumerate(
            [("Byggmester Hansen AS", 2, 100), ("Vestby Betong AS", 2, 80), ("Betongbygg Vest AS", 2, 100)]
        ):
            fra = legg_til_maneder(begynte, i * 22)  # two-month overlaps between jobs
            Praksisperiode.objects.create(
                organisasjon_id=d.organisasjon_id,
                deltaker=d,
                arbeidsgiver=arbeidsgiver,
                stilling="Betongarbeider" if i else "Hjelpearbeider",
                fra=fra,
                til=min(legg_til_maneder(fra, ar * 12) - datetime.timedelta(days=1), idag),
                stillingsprosent=prosent,
                dokumentert=i < 2,
            )
        _plan(demo, d, 0.25 * (nr % 4))

    _stipend(demo)
    _lopsdatoer(demo)


def _stipend(demo: Demo) -> None:
    """One stipend decision in NAV Asker: the first participant in training has her 4th intro year,
    from the first of the month eight months ago, for twelve months (months computed by the service)."""
    deltaker = (
        Deltaker.objects.filter(organisasjon=demo.org["NAV Asker"], status=S.I_OPPLAERING, fodselsdato__isnull=False)
        .order_by("pk")
        .first()
    )
    if deltaker is None or Stipendvedtak.objects.filter(deltaker=deltaker).exists():
        return
    fra = legg_til_maneder(demo.idag.replace(day=1), -8)
    stipendvedtak_registrer(
        deltaker=deltaker,
        fra=fra,
        til=legg_til_maneder(fra, 12) - datetime.timedelta(days=1),
        utfort_av=demo.brukere["koordinator.asker"],
    )


def _lopsdatoer(demo: Demo) -> None:
    """The pathway's dates per participant, for the status history that deltakere/demo.py writes next:
    the first contract's start and end, the passed exam, the first fagprøve's registration and date."""
    datoer: dict[int, dict] = {}
    for k in Laerekontrakt.objects.order_by("-start").values("deltaker_id", "start", "avsluttet_dato"):
        datoer.setdefault(k["deltaker_id"], {}).update(
            kontrakt_start=k["start"], kontrakt_avsluttet=k["avsluttet_dato"]
        )
    for e in (
        Eksamen.objects.filter(resultat=Resultat.BESTATT, eksamensdato__isnull=False)
        .order_by("-eksamensdato")
        .values("deltaker_id", "eksamensdato")
    ):
        datoer.setdefault(e["deltaker_id"], {})["teori_bestatt"] = e["eksamensdato"]
    for f in Fagprove.objects.order_by("-pameldt_dato").values("deltaker_id", "pameldt_dato", "provedato"):
        datoer.setdefault(f["deltaker_id"], {}).update(fagprove_meldt=f["pameldt_dato"], fagprove_dato=f["provedato"])
    for p in Permisjon.objects.order_by("-fra").values("deltaker_id", "fra"):
        datoer.setdefault(p["deltaker_id"], {})["permisjon_fra"] = p["fra"]
    demo.extra["lopsdatoer"] = datoer
