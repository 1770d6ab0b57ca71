"""Reads for documents: the plain-value contexts PDFs are made from, and the stored versions.

A document's context is a dict of strings, numbers, lists and dicts, never model instances, so a
template cannot reach into the database and what a PDF says is decided here. Dates are already
formatted as dd.mm.åååå.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from arbeidsgivere.models import Plassering
from arbeidsgivere.selectors import avtale_for_utskrift
from deltakere.models import Deltaker, Inntakssamtale
from deltakere.selectors import avslutningsdato, oppstartsdato
from fagbrev.models import Organisasjon
from fagbrev.permissions import samtykke_deling
from lop.models import Opplaeringsplanpunkt, Resultat
from lop.selectors import eksamen_status, norsk_status
from oppfolging.models import SPORSMAL

from .models import Batchjobb, Dokument, Dokumentprofil

TIMER_PER_DAG = Decimal("7.5")

# Contributions to the deltakerbevis: f(*, deltaker, idag) -> dict with any of the keys
# "plasseringer", "kompetansemal", "norskniva", "eksamener" (a list each; a key left out means
# "not recorded in this system", and the section is left out of the certificate). Apps that hold
# the data append a dotted path here.
DELTAKERBEVIS_SEKSJONER = ("plasseringer", "kompetansemal", "norskniva", "eksamener")
DELTAKERBEVIS_BIDRAG: list[str] = [
    "dokumenter.selectors.plasseringer_bidrag",
    "dokumenter.selectors.kompetansemal_bidrag",
    "dokumenter.selectors.norskniva_bidrag",
    "dokumenter.selectors.eksamener_bidrag",
]


def dato(d: datetime.date | datetime.datetime | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def organisasjon_kontekst(organisasjon: Organisasjon) -> dict:
    """Letterhead values: name, address lines, contact, logo (as a file: URL) and signatory."""
    profil = Dokumentprofil.objects.filter(organisasjon=organisasjon).first()
    logo_url = ""
    if profil and profil.logo:
        sti = Path(profil.logo.path)
        if sti.is_file():
            logo_url = sti.resolve().as_uri()
    adresselinjer = profil.adresse_liste if profil else []
    if not adresselinjer and organisasjon.adresse:
        adresselinjer = [organisasjon.adresse]
    return {
        "navn": organisasjon.navn,
        "kortnavn": organisasjon.kortnavn,
        "adresselinjer": adresselinjer,
        "telefon": (profil.telefon if profil else "") or organisasjon.telefon,
        "epost": (profil.epost if profil else "") or organisasjon.epost,
        "logo_url": logo_url,
        "signatar_navn": profil.signatar_navn if profil else "",
        "signatar_tittel": (profil.signatar_tittel if profil else "") or "Fagbrevkoordinator",
    }


def _deltaker_grunnlag(deltaker: Deltaker) -> dict:
    fagretning = deltaker.fagretning
    return {
        "deltaker": {
            "navn": deltaker.navn,
            "fornavn": deltaker.fornavn,
            "etternavn": deltaker.etternavn,
            "fodselsdato": dato(deltaker.fodselsdato),
            "status": deltaker.get_status_display(),
            "telefon": deltaker.telefon,
            "epost": deltaker.epost,
        },
        "fagretning": {
            "navn": fagretning.navn,
            "laereplankode": fagretning.laereplankode,
            "undervisning": fagretning.undervisning,
            "norskmal_muntlig": fagretning.norskmal_muntlig,
            "norskmal_skriftlig": fagretning.norskmal_skriftlig,
            "krever_politiattest": fagretning.krever_politiattest,
            "opplaeringstid_maneder": fagretning.opplaeringstid_maneder,
            "besok_hyppighet": _hyppighet(fagretning.besok_intervall_dager),
        },
        "kull": {"navn": deltaker.kull.navn, "oppstart": dato(deltaker.kull.oppstart)} if deltaker.kull else None,
        "faglarer": str(deltaker.faglarer) if deltaker.faglarer else "",
        "norsklarer": str(deltaker.norsklarer) if deltaker.norsklarer else "",
    }


def _hyppighet(dager: int) -> str:
    if dager <= 7:
        return "hver uke"
    if dager <= 14:
        return "minst annenhver uke"
    if dager <= 31:
        return "minst én gang i måneden"
    return f"minst hver {dager}. dag"


def kontrakt_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Kontrakt og samtykkeerklæring: the pathway's terms as they apply to this participant. What the
    teachers see is the access policy's own list (fagbrev.permissions.samtykke_deling)."""
    return {
        **_deltaker_grunnlag(deltaker),
        "oppmote_krav_prosent": 80,
        "inntak": _inntak(deltaker),
        "deling": samtykke_deling(),
    }


def _inntak(deltaker: Deltaker) -> dict | None:
    """The intake meeting's checklist (deltakere.Inntakssamtale), or None if not recorded."""
    samtale = Inntakssamtale.objects.filter(deltaker=deltaker).first()
    if samtale is None:
        return None
    return {
        "dato": dato(samtale.dato),
        "til_stede": [],
        "forventninger_gjennomgatt": samtale.forventninger_gjennomgatt,
        "fravarsregler_gjennomgatt": samtale.fravarsregler_gjennomgatt,
        "politiattest_soknad": dato(samtale.politiattest_soknad),
        "politiattest_mottatt": dato(samtale.politiattest_mottatt),
    }


def plasseringer_bidrag(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Every placement on her case (as the case page lists them), with estimated hours (weeks in the
    placement × hours a week) counted up to today and, for a closed case, up to her end date. A
    placement not yet started is listed with no hours; one starting after her end is left out."""
    rader = []
    totalt = Decimal(0)
    slutt_sak = avslutningsdato(deltaker=deltaker)
    grense = min(idag, slutt_sak) if slutt_sak else idag
    plasseringer = (
        Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted__arbeidsgiver").order_by("fra", "pk")
    )
    for p in plasseringer:
        if slutt_sak and p.fra > slutt_sak:
            continue
        slutt = min(p.til or grense, grense)
        uker = Decimal(max((slutt - p.fra).days + 1, 0)) / 7
        per_uke = p.timer_per_uke if p.timer_per_uke is not None else p.dager_per_uke * TIMER_PER_DAG
        timer = (uker * per_uke).quantize(Decimal(1))
        totalt += timer
        rader.append(
            {
                "arbeidssted": p.arbeidssted.navn,
                "arbeidsgiver": p.arbeidssted.arbeidsgiver.navn,
                "fra": dato(p.fra),
                "til": dato(min(p.til, grense))
                if p.til and p.til <= grense
                else (dato(slutt_sak) if slutt_sak else ""),
                "ikke_startet": p.fra > idag,
                "timer": int(timer),
                "_fra": p.fra,
                "_til": p.til,
            }
        )
    return {"plasseringer": rader, "praksistimer_totalt": int(totalt)}


def kompetansemal_bidrag(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Competence goals covered: goals with at least one done task in the training plan, first done date."""
    forste: dict[int, dict] = {}
    punkter = (
        Opplaeringsplanpunkt.objects.filter(deltaker=deltaker, utfort=True, kompetansemal__isnull=False)
        .select_related("kompetansemal")
        .order_by("kompetansemal__rekkefolge", "kompetansemal_id", "dato", "pk")
    )
    for p in punkter:
        mal = forste.setdefault(p.kompetansemal_id, {"tekst": p.kompetansemal.tekst, "dato": "", "_d": None})
        if p.dato and (mal["_d"] is None or p.dato < mal["_d"]):
            mal["_d"], mal["dato"] = p.dato, dato(p.dato)
    rader = [{"tekst": m["tekst"], "dato": m["dato"]} for m in forste.values()]
    return {"kompetansemal": rader}


def norskniva_bidrag(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """The best level reached per skill on Norskprøven, as the case page shows it (lop.selectors.norsk_status)."""
    rader = [
        {"ferdighet": n.etikett, "niva": n.niva, "dato": dato(n.dato)}
        for n in norsk_status(deltaker=deltaker)
        if n.niva is not None and n.dato <= idag
    ]
    return {"norskniva": rader}


def eksamener_bidrag(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Passed written exams and trade tests, oldest first (the case page's lop.selectors.eksamen_status)."""
    status = eksamen_status(deltaker=deltaker)
    rader = [
        {"navn": e.get_type_display(), "resultat": "Bestått", "dato": dato(e.eksamensdato), "_d": e.eksamensdato}
        for e in status.eksamener
        if e.resultat == Resultat.BESTATT
    ] + [
        {
            "navn": f"Fagprøve{f' ({f.provested})' if f.provested else ''}",
            "resultat": "Bestått",
            "dato": dato(f.provedato),
            "_d": f.provedato,
        }
        for f in status.fagprover
        if f.resultat == Resultat.BESTATT
    ]
    rader.sort(key=lambda r: (r["_d"] is None, r["_d"] or idag))
    for r in rader:
        del r["_d"]
    return {"eksamener": rader}


SLUTTEKST = {
    Deltaker.Status.FULLFORT: "har fullført fagbrevløpet",
    Deltaker.Status.AVBRUTT: "har deltatt i fagbrevløpet og avsluttet før løpet var fullført",
}


def deltakerbevis_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Deltakerbevis: the track, the period and what was gone through, section by section."""
    kontekst = _deltaker_grunnlag(deltaker)
    for sti in DELTAKERBEVIS_BIDRAG:
        kontekst.update(import_string(sti)(deltaker=deltaker, idag=idag))
    for nokkel in DELTAKERBEVIS_SEKSJONER:
        kontekst.setdefault(nokkel, None)  # None: not recorded here, the section is left out
    plasseringer = kontekst.get("plasseringer") or []
    # Her own period: from the day her training started to the day her case ended (the status
    # changes the case page shows), never the cohort's start nor the day this PDF is made.
    fra = oppstartsdato(deltaker=deltaker)
    if fra is None and plasseringer:
        fra = plasseringer[0]["_fra"]
    avsluttet = deltaker.status in SLUTTEKST
    til = None
    if avsluttet:  # her end; a case closed without a recorded date ends with her last placement
        til = avslutningsdato(deltaker=deltaker) or max((p["_til"] for p in plasseringer if p["_til"]), default=None)
    for p in plasseringer:
        del p["_fra"], p["_til"]  # plain values only in the template
    kontekst.update(
        {
            "periode_fra": dato(fra),
            "periode_til": dato(til),
            "avsluttet": avsluttet,
            "sluttekst": SLUTTEKST.get(deltaker.status, "deltar i fagbrevløpet"),
            "per_dato": dato(idag),
        }
    )
    return kontekst


# Roles and duties as in the municipality's description of the scheme (seed 002, section 6).
ROLLER: list[dict] = [
    {
        "rolle": "Deltakeren",
        "plikter": [
            "ta imot veiledning fra fadder og faglærer",
            "ta ansvar for egen læring",
            "aktivt oppsøke læringssituasjoner i praksis i henhold til gjeldende læringsmål",
            "sette seg inn i arbeidsstedets daglige rutiner og planer",
            "følge gjeldende arbeidslivsregler",
        ],
    },
    {
        "rolle": "Fadderen",
        "plikter": [
            "være deltakerens kontaktperson overfor resten av personalet og ledelsen",
            "legge til rette for at deltakeren får utført aktiviteter og andre oppgaver tildelt av faglærer "
            "(sammen utarbeide en ukeplan kan være nyttig)",
            "være tilgjengelig for spørsmål fra deltakeren om fag og språk",
            "delta på faddersamlinger og samarbeidsmøter",
        ],
    },
    {
        "rolle": "Lederen på arbeidsplassen",
        "plikter": [
            "delta på samarbeidsmøter",
            "bidra til at deltakeren til enhver tid har en tilgjengelig og dedikert fadder",
            "legge til rette for at fadderen kan delta på faddersamlinger",
            "bistå fadderen i å sette av tid til veiledningssamtaler med deltakeren i samarbeid med faglærer",
            "legge til rette for at faglæreren kan komme på besøk for observasjon og veiledning av deltakeren",
            "sørge for at deltakeren ikke erstatter en arbeidstaker, men er en ekstra person på arbeidsplassen",
            "ta kontakt med koordinatoren hvis det oppstår problemer eller endringer av betydning for "
            "deltakerens opplæringsløp",
        ],
    },
    {
        "rolle": "Faglæreren",
        "plikter": [
            "faglig innhold i opplæringen i henhold til gjeldende læreplaner",
            "jevnlig oppfølging av deltakeren på arbeidsplassen",
            "gi deltakeren teoretiske og praktiske oppgaver i samsvar med fagplan og arbeidsstedets aktivitetsplaner",
            "planlegge oppfølgingsbesøk i samarbeid med fadder og deltaker",
            "delta i samarbeidsmøter og prosjektgruppemøter",
        ],
    },
    {
        "rolle": "Fagbrevkoordinatoren",
        "plikter": [
            "koordinere ordningen og være bindeledd mellom lærer, arbeidssted og deltaker",
            "kalle inn til vurderingssamtale med faglærer, fadder, deltaker og koordinator minst én gang "
            "hvert semester, eller oftere ved behov",
            "bistå arbeidssted og fadder ved utfylling av skjemaer som hører til ordningen",
            "gi sosialpedagogisk veiledning og hjelpe deltakeren å finne rett hjelpeinstans ved behov",
            "følge opp deltakeren om arbeidslivets regler, lærekontrakt og fremdrift",
        ],
    },
]


def avtale_kontekst(*, objekt, idag: datetime.date) -> dict:
    """Avtale om deltakelse: the agreement as arbeidsgivere prints it, plus the roles of seed 002."""

    avtale = avtale_for_utskrift(avtale=objekt)
    deltaker = objekt.plassering.deltaker
    return {
        **_deltaker_grunnlag(deltaker),
        "avtale": {
            **{k: v for k, v in avtale.items() if k != "signaturer"},
            "oppstart": dato(avtale["oppstart"]),
            "signaturer": [{"part": p, "navn": n, "dato": dato(d)} for p, n, d in avtale["signaturer"]],
        },
        "roller": ROLLER,
    }


def vurderingsreferat_kontekst(*, objekt, idag: datetime.date) -> dict:
    """Referat fra vurderingssamtale: the follow-up form's ratings and texts, and the self-evaluation."""
    samtale = objekt
    return {
        **_deltaker_grunnlag(samtale.deltaker),
        "samtale": {
            "semester": str(samtale.semester_obj),
            "dato": dato(samtale.dato),
            "holdt": samtale.er_holdt,
            "fadder": samtale.fadder.navn if samtale.fadder_id else "",
            "tilstede": samtale.tilstede,
            "hvordan_gar_det": samtale.hvordan_gar_det,
            "fokusomrader": samtale.fokusomrader,
            "ferdigheter": [{"navn": n, "vurdering": v} for n, v in samtale.ferdigheter()],
            "tekster": [
                {"sporsmal": samtale._meta.get_field(f).verbose_name, "svar": getattr(samtale, f)} for f in SPORSMAL
            ],
            "selv": [
                {"sporsmal": "Mestrer du oppgavene?", "verdi": samtale.selv_oppgaver},
                {"sporsmal": "Er norsken god nok?", "verdi": samtale.selv_norsk},
                {"sporsmal": "Hvor mye bedre siden start?", "verdi": samtale.selv_fremgang},
            ],
            "selv_kommentar": samtale.selv_kommentar,
        },
    }


def motereferat_kontekst(*, objekt, idag: datetime.date) -> dict:
    """Møtereferat: who was there, the agenda, minutes, decisions and action items."""
    mote = objekt
    tilstede = [str(u) for u in mote.tilstede.order_by("first_name", "last_name")]
    return {
        "mote": {
            "type": mote.get_type_display(),
            "fagretning": mote.fagretning.navn if mote.fagretning_id else "",
            "dato": dato(mote.dato),
            "tilstede": tilstede,
            "andre_tilstede": mote.andre_tilstede,
            "saker": mote.saker(),
            "referat": mote.referat,
            "vedtak": mote.vedtak,
            "tiltak": [
                {
                    "beskrivelse": t.beskrivelse,
                    "ansvarlig": str(t.ansvarlig),
                    "frist": dato(t.frist),
                    "utfort": dato(t.utfort),
                }
                for t in mote.tiltak.select_related("ansvarlig").order_by("frist", "pk")
            ],
        },
    }


def opplaeringsplan_kontekst(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Opplæringsplan: task | done | fadder | participant | comments | date, grouped by competence goal."""
    vurdering = dict(Opplaeringsplanpunkt.Vurdering.choices)
    rader = [
        {
            "kompetansemal": p.kompetansemal.tekst if p.kompetansemal_id else "",
            "oppgave": p.oppgave,
            "utfort": p.utfort,
            "fadder": vurdering.get(p.fadder_vurdering, ""),
            "deltaker": vurdering.get(p.deltaker_vurdering, ""),
            "kommentar": p.kommentar,
            "dato": dato(p.dato),
        }
        for p in Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).select_related("kompetansemal").order_by("pk")
    ]
    return {
        **_deltaker_grunnlag(deltaker),
        "rader": rader,
        "utfort": sum(r["utfort"] for r in rader),
        "per_dato": dato(idag),
    }


def dokumenter_for_objekt(*, nokkel: str) -> QuerySet[Dokument]:
    return Dokument.objects.filter(objekt_nokkel=nokkel).select_related("laget_av").order_by("-versjon")


def dokumenter_for_deltaker(*, deltaker: Deltaker) -> QuerySet[Dokument]:
    """All stored versions for a participant, newest version of each type first."""
    return Dokument.objects.filter(deltaker=deltaker).select_related("laget_av").order_by("type", "-versjon")


def batchjobber_for_org(*, organisasjon_ider: set[int]) -> QuerySet[Batchjobb]:
    return (
        Batchjobb.objects.filter(organisasjon_id__in=organisasjon_ider)
        .select_related("kull__fagretning", "fagretning", "bestilt_av")
        .order_by("-opprettet", "-id")
    )


_MEDLEM = re.compile(r"-(\d+)-v\d+\.pdf$")  # services._filnavn: "<type>-<name>-<participant id>-v<version>.pdf"


def batchjobb_deltakere(*, jobb: Batchjobb) -> list[int]:
    """The participants whose documents are in a finished job's ZIP, read from its member names."""
    with jobb.zip_fil.open("rb") as fil, zipfile.ZipFile(fil) as arkiv:
        return sorted({int(m.group(1)) for navn in arkiv.namelist() if (m := _MEDLEM.search(navn))})
