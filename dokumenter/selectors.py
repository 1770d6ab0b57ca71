"""Reads for documents: the plain-value contexts PDFs are made from, and the stored versions.

A document's context is a dict of strings, numbers, lists and dicts, never model instances, so a
template cannot reach into the database and what a PDF says is decided here. Dates are already
formatted as dd.mm.åååå.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from arbeidsgivere.models import Plassering
from deltakere.models import Deltaker
from fagbrev.models import Organisasjon

from .models import Batchjobb, Dokument, Dokumentprofil

TIMER_PER_DAG = Decimal("7.5")

# Contributions to the deltakerbevis: f(*, deltaker, idag) -> dict with any of the keys
# "plasseringer", "kompetansemal", "norskniva", "eksamener" (a list each; a key left out means
# "not recorded in this system", and the section is left out of the certificate). Apps that hold
# the data append a dotted path here.
DELTAKERBEVIS_SEKSJONER = ("plasseringer", "kompetansemal", "norskniva", "eksamener")
DELTAKERBEVIS_BIDRAG: list[str] = [
    "dokumenter.selectors.plasseringer_bidrag",
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
    """Kontrakt og samtykkeerklæring: the pathway's terms as they apply to this participant."""
    return {
        **_deltaker_grunnlag(deltaker),
        "oppmote_krav_prosent": 80,
        # Filled by the intake checklist (deltakere) once it exists: {"dato": "dd.mm.åååå", "til_stede": [names]}.
        "inntak": None,
    }


def plasseringer_bidrag(*, deltaker: Deltaker, idag: datetime.date) -> dict:
    """Practice places and estimated hours (weeks in the placement × hours a week)."""
    rader = []
    totalt = Decimal(0)
    plasseringer = (
        Plassering.objects.filter(deltaker=deltaker, fra__lte=idag)
        .select_related("arbeidssted__arbeidsgiver")
        .order_by("fra", "pk")
    )
    for p in plasseringer:
        slutt = min(p.til or idag, idag)
        uker = Decimal((slutt - p.fra).days + 1) / 7
        per_uke = p.timer_per_uke if p.timer_per_uke is not None else p.dager_per_uke * TIMER_PER_DAG
        timer = (uker * per_uke).quantize(Decimal(1))
        totalt += timer
        rader.append(
            {
                "arbeidssted": p.arbeidssted.navn,
                "arbeidsgiver": p.arbeidssted.arbeidsgiver.navn,
                "fra": dato(p.fra),
                "til": dato(p.til) if p.til and p.til <= idag else "",
                "timer": int(timer),
                "_fra": p.fra,
                "_til": p.til,
            }
        )
    return {"plasseringer": rader, "praksistimer_totalt": int(totalt)}


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
    fra = deltaker.kull.oppstart if deltaker.kull else None
    if fra is None and plasseringer:
        fra = plasseringer[0]["_fra"]
    avsluttet = deltaker.status in SLUTTEKST
    til = None
    if avsluttet:
        slutter = [p["_til"] for p in plasseringer if p["_til"]]
        til = min(max(slutter), idag) if slutter else idag
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


def dokumenter_for_deltaker(*, deltaker: Deltaker) -> QuerySet[Dokument]:
    """All stored versions for a participant, newest version of each type first."""
    return Dokument.objects.filter(deltaker=deltaker).select_related("laget_av").order_by("type", "-versjon")


def batchjobber_for_org(*, organisasjon_ider: set[int]) -> QuerySet[Batchjobb]:
    return (
        Batchjobb.objects.filter(organisasjon_id__in=organisasjon_ider)
        .select_related("kull__fagretning", "bestilt_av")
        .order_by("-opprettet", "-id")
    )
