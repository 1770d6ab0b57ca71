"""Signing the participation agreement in the app: a simple electronic signature of one party on one
exact version (its SHA-256), through the party's link or, for the kommune, by a staff member logged
in (the coordinator or the participant's faglærer); the participant may also sign logged in on her
own page. When all four have signed the same version the
agreement turns «signert» through arbeidsgivere's service, and the signed copy gets a signature page.
"""

from __future__ import annotations

import logging
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from arbeidsgivere import services as arbeidsgivere_services
from arbeidsgivere.models import Avtale, Kontaktperson, Plassering
from dokumenter.models import Dokument, Dokumenttype
from dokumenter.selectors import dato, organisasjon_kontekst
from dokumenter.services import dokument_lag_for_objekt, dokument_skann_legg_ved
from fagbrev.models import User
from fagbrev.pdf import pdf_legg_til_sider, render_pdf
from fagbrev.services import objekt_opprett

from .models import Lenke, Signatur
from .permissions import can_send_lenker, can_sign_for_kommune
from .selectors import signaturparter, siste_versjon
from .services_lenker import lenke_las, lenke_merk_brukt, lenke_opprett

logger = logging.getLogger(__name__)
H = Lenke.Handling


def normaliser_navn(navn: str) -> str:
    """Case, accents kept; spaces and case folded: «  kari   NORDMANN » matches «Kari Nordmann»."""
    return re.sub(r"\s+", " ", navn or "").strip().casefold()


@transaction.atomic
def avtale_send_til_signering(*, avtale: Avtale, utfort_av: User) -> list[Lenke]:
    """Freeze the agreement as a new version (from a draft) and send participant, leder and fadder a
    signing link each for that version. Already til signering: links for those who have not signed
    the latest version."""
    avtale = (
        Avtale.objects.select_for_update(of=("self",))
        .select_related("plassering__deltaker", "plassering__fadder")
        .get(pk=avtale.pk)
    )
    deltaker = avtale.plassering.deltaker
    if not can_send_lenker(utfort_av, deltaker):
        raise ValidationError("Bare fagbrevkoordinatoren kan sende avtalen til signering.")
    parter = signaturparter(avtale)
    if not parter[Signatur.Part.LEDER][1]:
        raise ValidationError("Arbeidsstedet har ingen leder registrert. Registrer lederen først.")
    if not parter[Signatur.Part.FADDER][1]:
        raise ValidationError("Plasseringen har ingen fadder. Velg fadder først.")
    if avtale.status == Avtale.Status.UTKAST:
        arbeidsgivere_services.avtale_send_til_signering(avtale=avtale, utfort_av=utfort_av)
        dokument = dokument_lag_for_objekt(type=Dokumenttype.AVTALE, objekt=avtale, utfort_av=utfort_av)
    elif avtale.status == Avtale.Status.TIL_SIGNERING:
        dokument = siste_versjon(avtale) or dokument_lag_for_objekt(
            type=Dokumenttype.AVTALE, objekt=avtale, utfort_av=utfort_av
        )
    else:
        raise ValidationError("Avtalen er allerede signert eller avsluttet.")
    signert = set(Signatur.objects.filter(dokument=dokument).values_list("part", flat=True))
    return [
        lenke_opprett(
            handling=H.SIGNER_AVTALE,
            part=part,
            deltaker=deltaker,
            utfort_av=utfort_av,
            kontaktperson=kontaktperson,
            plassering=avtale.plassering,
            avtale=avtale,
            dokument=dokument,
        )
        for part, (_, kontaktperson) in parter.items()
        if part not in signert
    ]


def _signer(
    *,
    avtale: Avtale,
    dokument: Dokument,
    part: str,
    navn: str,
    forventet: str,
    utfort_av: User,
    lenke: Lenke | None = None,
    bruker: User | None = None,
    kontaktperson: Kontaktperson | None = None,
    ip: str | None = None,
) -> Signatur:
    avtale = Avtale.objects.select_for_update(of=("self",)).select_related("plassering__deltaker").get(pk=avtale.pk)
    if avtale.status != Avtale.Status.TIL_SIGNERING:
        raise ValidationError("Avtalen er ikke til signering.", code="ikke_til_signering")
    siste = siste_versjon(avtale)
    if siste is None or siste.pk != dokument.pk:
        raise ValidationError("Avtalen har fått en ny versjon. Be koordinatoren om en ny lenke.", code="ny_versjon")
    if not forventet or normaliser_navn(navn) != normaliser_navn(forventet):
        raise ValidationError(
            {"navn": ValidationError(f"Skriv fullt navn slik det står i avtalen: {forventet}.", code="feil_navn")}
        )
    if Signatur.objects.filter(dokument=dokument, part=part).exists():
        raise ValidationError("Denne parten har allerede signert avtalen.", code="allerede_signert")
    signatur = Signatur(
        organisasjon_id=avtale.organisasjon_id,
        avtale=avtale,
        dokument=dokument,
        sha256=dokument.sha256,
        part=part,
        navn=" ".join(navn.split())[:200],
        kontaktperson=kontaktperson,
        lenke=lenke,
        bruker=bruker,
        ip=ip,
    )
    objekt_opprett(
        signatur,
        "medvirkning.avtale.signert",
        bruker,
        valider=False,
        beskrivelse=f"Avtale om deltakelse, versjon {dokument.versjon}, signert av "
        f"{signatur.get_part_display().lower()} {signatur.navn}" + (" via lenke" if lenke else ""),
        deltaker_id=avtale.plassering.deltaker_id,
    )
    _registrer_hos_arbeidsgivere(avtale=avtale, dokument=dokument, utfort_av=utfort_av)
    avtale.refresh_from_db()
    if avtale.status == Avtale.Status.SIGNERT:
        _lagre_signert_pdf(avtale=avtale, dokument=dokument, utfort_av=utfort_av)
    return signatur


def _registrer_hos_arbeidsgivere(*, avtale: Avtale, dokument: Dokument, utfort_av: User) -> None:
    """When all four have signed this version, register the agreement's three parties (participant,
    workplace = leder and fadder, kommune) with arbeidsgivere's service, which turns it «signert».

    Not party by party: a signature on an earlier version must not count towards a later one, and
    the agreement's date fields cannot be taken back. Parties already registered on paper are kept.
    """
    S = Signatur.Part
    signert = {s.part: s for s in Signatur.objects.filter(dokument=dokument).select_related("kontaktperson", "bruker")}
    if set(signert) != set(S.values):
        return
    idag = timezone.localdate()
    registrer = arbeidsgivere_services.avtale_registrer_signatur
    if avtale.signert_deltaker is None:
        registrer(avtale=avtale, part="deltaker", dato=idag, utfort_av=utfort_av)
    if avtale.signert_arbeidssted is None:
        navn = f"{signert[S.LEDER].kontaktperson.navn} (leder) og {signert[S.FADDER].kontaktperson.navn} (fadder)"
        registrer(avtale=avtale, part="arbeidssted", dato=idag, utfort_av=utfort_av, navn=navn[:200])
    if avtale.signert_kommune is None:
        registrer(avtale=avtale, part="kommune", dato=idag, utfort_av=signert[S.KOMMUNE].bruker)


def _bekreft_ekstra(*, lenke: Lenke, plassering: Plassering) -> None:
    arbeidsgivere_services.plassering_endre(
        plassering=plassering, utfort_av=lenke.sendt_av, ekstra_person_bekreftet=True
    )


@transaction.atomic
def signer_med_lenke(*, lenke: Lenke, navn: str, bekreft_ekstra: bool = False, ip: str | None = None) -> Signatur:
    """A party signs through her link; the leder confirms the extra person in the same step if she
    has not already. The link is used up (single use: the row is locked, so a second submit at the
    same moment waits and then finds it used)."""
    lenke = lenke_las(lenke, H.SIGNER_AVTALE)
    plassering = Plassering.objects.get(pk=lenke.plassering_id)
    if lenke.part == Lenke.Part.LEDER and not plassering.ekstra_person_bekreftet:
        if not bekreft_ekstra:
            raise ValidationError({"bekreft_ekstra": "Bekreft at deltakeren kommer i tillegg til vanlig bemanning."})
        _bekreft_ekstra(lenke=lenke, plassering=plassering)
    signatur = _signer(
        avtale=Avtale.objects.get(pk=lenke.avtale_id),
        dokument=Dokument.objects.get(pk=lenke.dokument_id),
        part=lenke.part,
        navn=navn,
        forventet=lenke.mottaker_navn,
        utfort_av=lenke.sendt_av,
        lenke=lenke,
        kontaktperson=lenke.kontaktperson,
        ip=ip,
    )
    lenke_merk_brukt(lenke, "signerte avtalen")
    return signatur


@transaction.atomic
def signer_som_ansatt(*, avtale: Avtale, bruker: User, navn: str, ip: str | None = None) -> Signatur:
    """A staff party signs for the kommune while logged in, on the latest version: the coordinator or
    the participant's own faglærer (the typed name must be her own)."""
    if not can_sign_for_kommune(bruker, avtale):
        raise ValidationError("Bare fagbrevkoordinatoren eller deltakerens faglærer kan signere for kommunen.")
    dokument = siste_versjon(avtale)
    if dokument is None:
        raise ValidationError("Avtalen har ingen versjon å signere. Send den til signering først.")
    return _signer(
        avtale=avtale,
        dokument=dokument,
        part=Signatur.Part.KOMMUNE,
        navn=navn,
        forventet=bruker.get_full_name() or bruker.username,
        utfort_av=bruker,
        bruker=bruker,
        ip=ip,
    )


@transaction.atomic
def signer_som_deltaker(*, avtale: Avtale, deltaker, bruker: User, navn: str, ip: str | None = None) -> Signatur:
    """The participant signs her own agreement while logged in on her page (minside), on the latest
    version, as the participant party; the typed name must be hers as the agreement says it. The
    caller has checked that `bruker` is this participant's account."""
    if not Plassering.objects.filter(pk=avtale.plassering_id, deltaker_id=deltaker.pk).exists():
        raise ValidationError("Avtalen gjelder en annen deltaker.", code="ikke_hennes")
    dokument = siste_versjon(avtale)
    if dokument is None:
        raise ValidationError("Avtalen er ikke til signering.", code="ikke_til_signering")
    return _signer(
        avtale=avtale,
        dokument=dokument,
        part=Signatur.Part.DELTAKER,
        navn=navn,
        forventet=signaturparter(avtale)[Signatur.Part.DELTAKER][0],
        utfort_av=bruker,
        bruker=bruker,
        ip=ip,
    )


def _lagre_signert_pdf(*, avtale: Avtale, dokument: Dokument, utfort_av: User) -> None:
    """The signed copy: the exact signed PDF with a signature page added, kept as the version's
    signed copy (the same place a scanned paper signature goes)."""
    if dokument.signert_skann:
        logger.info("Avtale %s: versjonen har allerede et signert skann; ingen signaturside lagt ved", avtale.pk)
        return
    side = render_pdf("pdf/signaturside.html", signaturside_kontekst(avtale=avtale, dokument=dokument))
    with dokument.fil.open("rb") as f:
        signert = pdf_legg_til_sider(f.read(), side)
    dokument_skann_legg_ved(dokument=dokument, fil=ContentFile(signert, name="signert.pdf"), utfort_av=utfort_av)


def _hvordan(s: Signatur) -> str:
    if s.lenke_id:
        return "med personlig lenke sendt på e-post"
    if s.part == Signatur.Part.DELTAKER:
        return "innlogget på sin egen side i Fagbrev"
    rolle = "faglærer" if s.bruker_id and s.bruker_id == s.avtale.plassering.deltaker.faglarer_id else "koordinator"
    return f"innlogget i Fagbrev ({rolle})"


def signaturside_kontekst(*, avtale: Avtale, dokument: Dokument) -> dict:
    """Plain values for the signature page."""
    plassering = avtale.plassering
    return {
        "org": organisasjon_kontekst(plassering.organisasjon),
        "tittel": "Signaturer – avtale om deltakelse",
        "versjon": dokument.versjon,
        "laget_dato": dato(timezone.localdate()),
        "laget_av": "Fagbrev",
        "deltaker": plassering.deltaker.navn,
        "arbeidssted": plassering.arbeidssted.navn,
        "sha256": dokument.sha256,
        "signaturer": [
            {
                "part": s.get_part_display(),
                "navn": s.navn,
                "tid": f"{timezone.localtime(s.tidspunkt):%d.%m.%Y kl. %H.%M}",
                "hvordan": _hvordan(s),
            }
            for s in Signatur.objects.filter(dokument=dokument)
            .select_related("avtale__plassering__deltaker")
            .order_by("tidspunkt", "pk")
        ],
    }
