"""Writes for links and signatures.

A link is made by the coordinator's click (or later by a reminder rule) and mailed by a task that
makes the token, stores only its SHA-256 and sends it: the token lives in the e-mail and nowhere
else, not even in the broker. What a person does through a link is written by the owning app's
service (arbeidsgivere, lop, oppfolging) on the authority of the staff member who sent the link —
those services and their revision tables need a User — and the event written here beside it names
the person at the workplace who actually did it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import re
import secrets

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from arbeidsgivere import services as arbeidsgivere_services
from arbeidsgivere.models import Avtale, Kontaktperson, Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from deltakere.models import Deltaker, Inntakssamtale
from dokumenter.models import Dokument, Dokumenttype
from dokumenter.selectors import dato, organisasjon_kontekst
from dokumenter.services import dokument_lag_for_objekt, dokument_skann_legg_ved
from fagbrev.models import User
from fagbrev.pdf import render_pdf
from fagbrev.services import hendelse_logg
from lop.models import Opplaeringsplanpunkt
from lop.services import planpunkt_endre
from oppfolging.models import FERDIGHETER, Vurderingssamtale
from oppfolging.services import vurderingssamtale_endre

from .models import GYLDIG_DAGER, Lenke, Signatur
from .permissions import can_send_lenker, can_sign_for_kommune
from .selectors import leder_for, signaturparter, siste_versjon

logger = logging.getLogger(__name__)
H = Lenke.Handling
P = Lenke.Part


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normaliser_navn(navn: str) -> str:
    """Case, accents kept; spaces and case folded: «  kari   NORDMANN » matches «Kari Nordmann»."""
    return re.sub(r"\s+", " ", navn or "").strip().casefold()


def _samtykke_gitt(deltaker: Deltaker) -> bool:
    return Inntakssamtale.objects.filter(deltaker=deltaker, samtykke_signert=True).exists()


# --- making and sending links ---------------------------------------------------------------------


@transaction.atomic
def lenke_opprett(
    *,
    handling: str,
    part: str,
    deltaker: Deltaker,
    utfort_av: User,
    kontaktperson: Kontaktperson | None = None,
    plassering: Plassering | None = None,
    avtale: Avtale | None = None,
    dokument: Dokument | None = None,
    samtale: Vurderingssamtale | None = None,
    gyldig_dager: int = GYLDIG_DAGER,
) -> Lenke:
    """Make a link for one person and one task and queue the e-mail (after commit).

    An earlier live link for the same task and person is withdrawn, so one task has one live link.
    """
    if not can_send_lenker(utfort_av, deltaker):
        raise ValidationError("Bare fagbrevkoordinatoren kan sende lenker.")
    if part == P.DELTAKER:
        kontaktperson, navn, epost = None, deltaker.navn, deltaker.epost
    else:
        if kontaktperson is None:
            rolle = "leder" if part == P.LEDER else "fadder"
            raise ValidationError(f"Arbeidsstedet har ingen {rolle} registrert. Registrer {rolle}en først.")
        if not kontaktperson.aktiv or kontaktperson.organisasjon_id != deltaker.organisasjon_id:
            raise ValidationError(f"{kontaktperson.navn} er ikke lenger aktiv på arbeidsstedet.")
        if not _samtykke_gitt(deltaker):
            raise ValidationError(
                "Deltakeren har ikke signert samtykkeerklæringen. Arbeidsstedet kan ikke få lenker før den er signert."
            )
        navn, epost = kontaktperson.navn, kontaktperson.epost
    if not epost:
        raise ValidationError(f"{navn} har ingen e-postadresse. Registrer e-postadressen først.")
    if not 1 <= gyldig_dager <= 60:
        raise ValidationError("En lenke kan gjelde fra 1 til 60 dager.")
    naa = timezone.now()
    binding = {"avtale": avtale, "plassering": plassering, "samtale": samtale}
    for gammel in Lenke.objects.select_for_update().filter(
        handling=handling, part=part, deltaker=deltaker, trukket__isnull=True, utloper__gt=naa, **binding
    ):
        if gammel.tilstand(naa) in ("aktiv", "ikke_sendt"):
            _trekk(gammel, utfort_av=utfort_av, naa=naa, grunn="erstattet av en ny lenke")
    lenke = Lenke.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        handling=handling,
        part=part,
        deltaker=deltaker,
        kontaktperson=kontaktperson,
        dokument=dokument,
        epost=epost,
        opprettet=naa,
        utloper=naa + datetime.timedelta(days=gyldig_dager),
        sendt_av=utfort_av,
        **binding,
    )
    hendelse_logg(
        handling="medvirkning.lenke.sendt",
        objekt=lenke,
        utfort_av=utfort_av,
        beskrivelse=f"Lenke sendt til {lenke.get_part_display().lower()} {navn}: {lenke.get_handling_display().lower()}"
        f" (gjelder til {timezone.localtime(lenke.utloper):%d.%m.%Y})",
    )
    from .tasks import lenke_send_task

    transaction.on_commit(lambda: lenke_send_task.delay(lenke_id=lenke.pk))
    return lenke


def lenke_send(*, lenke_id: int) -> str:
    """The task's body: make the token, store its hash (compare-and-set: once), mail it.

    Running twice sends once. If the mail fails the claim is undone, so a retry sends a new token.
    """
    token = secrets.token_urlsafe(32)  # 256 bits
    h = token_hash(token)
    naa = timezone.now()
    tatt = Lenke.objects.filter(pk=lenke_id, token_hash__isnull=True, trukket__isnull=True, utloper__gt=naa).update(
        token_hash=h
    )
    if not tatt:
        return "ikke sendt: allerede sendt, trukket eller utløpt"
    lenke = Lenke.objects.select_related(
        "deltaker", "kontaktperson__arbeidssted", "plassering__arbeidssted", "sendt_av"
    ).get(pk=lenke_id)
    try:
        epost_send_lenke(lenke=lenke, token=token)
    except Exception:
        Lenke.objects.filter(pk=lenke_id, token_hash=h).update(token_hash=None)
        raise
    Lenke.objects.filter(pk=lenke_id).update(sendt=timezone.now())
    return "sendt"


def epost_send_lenke(*, lenke: Lenke, token: str) -> None:
    """The one e-mail of this app. The subject names the kind of task, never a person."""
    arbeidssted = _arbeidssted_navn(lenke)
    tekst = render_to_string(
        "email/medvirkning_lenke.txt",
        {
            "lenke": lenke,
            "url": f"{settings.FAGBREV_BASE_URL}/lenke/{token}/",
            "arbeidssted": arbeidssted,
            "utloper": timezone.localtime(lenke.utloper),
            "koordinator": lenke.sendt_av,
        },
    )
    send_mail(f"Fagbrev: {lenke.get_handling_display().lower()}", tekst, None, [lenke.epost], fail_silently=False)


def _arbeidssted_navn(lenke: Lenke) -> str:
    if lenke.plassering_id:
        return lenke.plassering.arbeidssted.navn
    if lenke.kontaktperson_id:
        return lenke.kontaktperson.arbeidssted.navn
    return ""


def _trekk(lenke: Lenke, *, utfort_av: User, naa: datetime.datetime, grunn: str = "") -> None:
    Lenke.objects.filter(pk=lenke.pk, trukket__isnull=True).update(trukket=naa)
    lenke.trukket = naa
    hendelse_logg(
        handling="medvirkning.lenke.trukket",
        objekt=lenke,
        utfort_av=utfort_av,
        beskrivelse=f"Lenke til {lenke.get_part_display().lower()} {lenke.mottaker_navn} trukket tilbake"
        + (f" ({grunn})" if grunn else ""),
    )


@transaction.atomic
def lenke_trekk(*, lenke: Lenke, utfort_av: User) -> Lenke:
    lenke = Lenke.objects.select_for_update(of=("self",)).select_related("deltaker", "kontaktperson").get(pk=lenke.pk)
    if not can_send_lenker(utfort_av, lenke.deltaker):
        raise ValidationError("Bare fagbrevkoordinatoren kan trekke tilbake lenker.")
    if lenke.trukket:
        raise ValidationError("Lenken er allerede trukket tilbake.")
    _trekk(lenke, utfort_av=utfort_av, naa=timezone.now())
    return lenke


@transaction.atomic
def lenke_send_igjen(*, lenke: Lenke, utfort_av: User) -> Lenke:
    """A new link for the same task and person (the old one stops working): we cannot resend the old
    token, since we never kept it."""
    lenke = Lenke.objects.select_related("deltaker", "kontaktperson", "avtale", "plassering", "samtale").get(
        pk=lenke.pk
    )
    dokument = lenke.dokument
    if lenke.handling == H.SIGNER_AVTALE:
        if lenke.avtale.status != Avtale.Status.TIL_SIGNERING:
            raise ValidationError("Avtalen er ikke til signering lenger.")
        dokument = siste_versjon(lenke.avtale)
    return lenke_opprett(
        handling=lenke.handling,
        part=lenke.part,
        deltaker=lenke.deltaker,
        utfort_av=utfort_av,
        kontaktperson=lenke.kontaktperson,
        plassering=lenke.plassering,
        avtale=lenke.avtale,
        dokument=dokument,
        samtale=lenke.samtale,
    )


@transaction.atomic
def oppgave_send(*, deltaker: Deltaker, handling: str, utfort_av: User, idag: datetime.date) -> list[Lenke]:
    """The coordinator's «send» on the case: find what the task is about today and send the link(s)."""
    plasseringer = list(
        Plassering.objects.filter(deltaker=deltaker).select_related("arbeidssted", "fadder").order_by("-fra", "-pk")
    )
    plassering = gjeldende_plassering(plasseringer, idag)
    if handling == H.VURDERINGSSAMTALE:
        samtale = (
            Vurderingssamtale.objects.filter(deltaker=deltaker).select_related("fadder").order_by("-semester").first()
        )
        if samtale is None:
            raise ValidationError("Planlegg vurderingssamtalen først.")
        fadder = samtale.fadder or (plassering.fadder if plassering else None)
        return [
            lenke_opprett(
                handling=handling,
                part=P.FADDER,
                deltaker=deltaker,
                utfort_av=utfort_av,
                kontaktperson=fadder,
                plassering=plassering,
                samtale=samtale,
            )
        ]
    if plassering is None:
        raise ValidationError("Deltakeren har ingen praksisplass nå.")
    if handling == H.BEKREFT_EKSTRA:
        if plassering.ekstra_person_bekreftet:
            raise ValidationError("Lederen har allerede bekreftet at deltakeren er ekstra person.")
        return [
            lenke_opprett(
                handling=handling,
                part=P.LEDER,
                deltaker=deltaker,
                utfort_av=utfort_av,
                kontaktperson=leder_for(plassering),
                plassering=plassering,
            )
        ]
    if handling == H.MARKER_MAL:
        if not Opplaeringsplanpunkt.objects.filter(deltaker=deltaker).exists():
            raise ValidationError("Opplæringsplanen har ingen punkter ennå.")
        return [
            lenke_opprett(
                handling=handling,
                part=P.FADDER,
                deltaker=deltaker,
                utfort_av=utfort_av,
                kontaktperson=plassering.fadder,
                plassering=plassering,
            )
        ]
    if handling == H.SIGNER_AVTALE:
        avtale = Avtale.objects.filter(plassering=plassering).exclude(status=Avtale.Status.AVSLUTTET).first()
        if avtale is None:
            raise ValidationError("Lag avtalen om deltakelse først.")
        return avtale_send_til_signering(avtale=avtale, utfort_av=utfort_av)
    raise ValidationError("Ukjent oppgave.")


# --- signing --------------------------------------------------------------------------------------


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
    lenker = []
    for part, (_, kontaktperson) in parter.items():
        if part in signert:
            continue
        lenker.append(
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
        )
    return lenker


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
        raise ValidationError("Avtalen er ikke til signering.")
    siste = siste_versjon(avtale)
    if siste is None or siste.pk != dokument.pk:
        raise ValidationError("Avtalen har fått en ny versjon. Be koordinatoren om en ny lenke.")
    if not forventet or normaliser_navn(navn) != normaliser_navn(forventet):
        raise ValidationError({"navn": f"Skriv fullt navn slik det står i avtalen: {forventet}."})
    if Signatur.objects.filter(dokument=dokument, part=part).exists():
        raise ValidationError("Denne parten har allerede signert avtalen.")
    signatur = Signatur.objects.create(
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
    hendelse_logg(
        handling="medvirkning.avtale.signert",
        objekt=signatur,
        utfort_av=bruker,
        deltaker_id=avtale.plassering.deltaker_id,
        beskrivelse=f"Avtale om deltakelse, versjon {dokument.versjon}, signert av "
        f"{signatur.get_part_display().lower()} {signatur.navn}" + (" via lenke" if lenke else ""),
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


@transaction.atomic
def signer_med_lenke(*, lenke: Lenke, navn: str, bekreft_ekstra: bool = False, ip: str | None = None) -> Signatur:
    """A party signs through her link; the leder confirms the extra person in the same step if she
    has not already. The link is used up."""
    lenke = Lenke.objects.select_for_update().get(pk=lenke.pk)
    if not lenke_er_gyldig(lenke):
        raise ValidationError("Lenken virker ikke lenger.")
    plassering = Plassering.objects.get(pk=lenke.plassering_id)
    if lenke.part == P.LEDER and not plassering.ekstra_person_bekreftet:
        if not bekreft_ekstra:
            raise ValidationError({"bekreft_ekstra": "Bekreft at deltakeren kommer i tillegg til vanlig bemanning."})
        _bekreft_ekstra(lenke=lenke, plassering=plassering)
    forventet = lenke.kontaktperson.navn if lenke.kontaktperson_id else lenke.deltaker.navn
    signatur = _signer(
        avtale=lenke.avtale,
        dokument=lenke.dokument,
        part=lenke.part,
        navn=navn,
        forventet=forventet,
        utfort_av=lenke.sendt_av,
        lenke=lenke,
        kontaktperson=lenke.kontaktperson,
        ip=ip,
    )
    _merk_brukt(lenke, "signerte avtalen")
    return signatur


@transaction.atomic
def signer_som_ansatt(*, avtale: Avtale, bruker: User, navn: str, ip: str | None = None) -> Signatur:
    """The coordinator signs for the kommune while logged in, on the latest version."""
    if not can_sign_for_kommune(bruker, avtale):
        raise ValidationError("Bare fagbrevkoordinatoren kan signere for kommunen.")
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


def _lagre_signert_pdf(*, avtale: Avtale, dokument: Dokument, utfort_av: User) -> None:
    """The signed copy: the exact signed PDF with a signature page added, kept as the version's
    signed copy (the same place a scanned paper signature goes)."""
    if dokument.signert_skann:
        logger.info("Avtale %s: versjonen har allerede et signert skann; ingen signaturside lagt ved", avtale.pk)
        return
    side = render_pdf("pdf/signaturside.html", signaturside_kontekst(avtale=avtale, dokument=dokument))
    with dokument.fil.open("rb") as f:
        original = f.read()
    ut = io.BytesIO()
    with pikepdf.open(io.BytesIO(original)) as pdf, pikepdf.open(io.BytesIO(side)) as tillegg:
        pdf.pages.extend(tillegg.pages)
        pdf.save(ut)
    dokument_skann_legg_ved(dokument=dokument, fil=ContentFile(ut.getvalue(), name="signert.pdf"), utfort_av=utfort_av)


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
                "hvordan": "innlogget i Fagbrev" if s.bruker_id else "med personlig lenke sendt på e-post",
            }
            for s in Signatur.objects.filter(dokument=dokument).order_by("tidspunkt", "pk")
        ],
    }


# --- the other tasks ------------------------------------------------------------------------------


def lenke_er_gyldig(lenke: Lenke, naa: datetime.datetime | None = None) -> bool:
    """May the link be used now? Its own state, its person, and whether the task still applies."""
    naa = naa or timezone.now()
    if lenke.tilstand(naa) != "aktiv":
        return False
    if lenke.kontaktperson_id and not Kontaktperson.objects.filter(pk=lenke.kontaktperson_id, aktiv=True).exists():
        return False
    if lenke.handling == H.SIGNER_AVTALE:
        avtale = Avtale.objects.get(pk=lenke.avtale_id)
        siste = siste_versjon(avtale)
        return (
            avtale.status == Avtale.Status.TIL_SIGNERING
            and siste is not None
            and siste.pk == lenke.dokument_id
            and not Signatur.objects.filter(dokument_id=lenke.dokument_id, part=lenke.part).exists()
        )
    if lenke.handling == H.BEKREFT_EKSTRA:
        return not Plassering.objects.get(pk=lenke.plassering_id).ekstra_person_bekreftet
    if lenke.handling == H.MARKER_MAL:
        plassering = Plassering.objects.get(pk=lenke.plassering_id)
        return plassering.til is None or plassering.til >= timezone.localdate()
    return True


def lenke_finn(*, token: str) -> Lenke | None:
    """The link behind a token if it may be used now, else None (forged, expired, used, withdrawn:
    the caller shows the same page for all)."""
    if not token or len(token) > 100:
        return None
    lenke = (
        Lenke.objects.select_related(
            "deltaker__organisasjon",
            "kontaktperson",
            "plassering__arbeidssted__arbeidsgiver",
            "avtale",
            "dokument",
            "samtale",
            "sendt_av",
        )
        .filter(token_hash=token_hash(token))
        .first()
    )
    if lenke is None or not lenke_er_gyldig(lenke):
        return None
    return lenke


def lenke_apnet(*, lenke: Lenke) -> None:
    """The first opening goes into the case's history (later ones only into the access log)."""
    naa = timezone.now()
    if Lenke.objects.filter(pk=lenke.pk, apnet__isnull=True).update(apnet=naa):
        lenke.apnet = naa
        hendelse_logg(
            handling="medvirkning.lenke.apnet",
            objekt=lenke,
            utfort_av=None,
            beskrivelse=f"Lenken til {lenke.get_part_display().lower()} {lenke.mottaker_navn} ble åpnet",
        )


def _merk_brukt(lenke: Lenke, hva: str) -> None:
    naa = timezone.now()
    Lenke.objects.filter(pk=lenke.pk).update(brukt=naa)
    lenke.brukt = naa
    hendelse_logg(
        handling="medvirkning.lenke.brukt",
        objekt=lenke,
        utfort_av=None,
        beskrivelse=f"{lenke.get_part_display()} {lenke.mottaker_navn} {hva} via lenke",
    )


def _bekreft_ekstra(*, lenke: Lenke, plassering: Plassering) -> None:
    arbeidsgivere_services.plassering_endre(
        plassering=plassering, utfort_av=lenke.sendt_av, ekstra_person_bekreftet=True
    )


@transaction.atomic
def ekstra_bekreft_med_lenke(*, lenke: Lenke) -> None:
    lenke = Lenke.objects.select_for_update().get(pk=lenke.pk)
    if not lenke_er_gyldig(lenke) or lenke.handling != H.BEKREFT_EKSTRA:
        raise ValidationError("Lenken virker ikke lenger.")
    _bekreft_ekstra(lenke=lenke, plassering=Plassering.objects.get(pk=lenke.plassering_id))
    _merk_brukt(lenke, "bekreftet at deltakeren er ekstra person")


@transaction.atomic
def mal_marker_med_lenke(*, lenke: Lenke, verdier: dict[int, dict]) -> int:
    """The fadder marks goals of the training plan: {punkt pk: {"utfort": bool, "fadder_vurdering": str}}.
    Only points of this participant; only changed points are written. Returns how many changed."""
    lenke = Lenke.objects.select_for_update(of=("self",)).select_related("deltaker", "kontaktperson").get(pk=lenke.pk)
    if not lenke_er_gyldig(lenke) or lenke.handling != H.MARKER_MAL:
        raise ValidationError("Lenken virker ikke lenger.")
    gyldige = set(Opplaeringsplanpunkt.Vurdering.values) | {""}
    endret = 0
    for punkt in Opplaeringsplanpunkt.objects.filter(deltaker=lenke.deltaker, pk__in=list(verdier)):
        nytt = verdier[punkt.pk]
        felter = {}
        if bool(nytt.get("utfort")) != punkt.utfort:
            felter["utfort"] = bool(nytt.get("utfort"))
        vurdering = nytt.get("fadder_vurdering", punkt.fadder_vurdering)
        if vurdering not in gyldige:
            raise ValidationError("Velg en vurdering fra listen.")
        if vurdering != punkt.fadder_vurdering:
            felter["fadder_vurdering"] = vurdering
        if felter.get("utfort") and not punkt.dato:
            felter["dato"] = timezone.localdate()
        if felter:
            planpunkt_endre(punkt=punkt, utfort_av=lenke.sendt_av, **felter)
            endret += 1
    if endret:
        _merk_brukt(lenke, f"oppdaterte {endret} punkt{'er' if endret != 1 else ''} i opplæringsplanen")
    return endret


# the workplace's part of the follow-up form: the general skills, and the employer's texts
SAMTALE_ARBEIDSSTED = (*FERDIGHETER, "laert_arbeidsgiver", "ma_forbedre", "tiltak_arbeidsgiver")


@transaction.atomic
def samtale_fyll_ut_med_lenke(*, lenke: Lenke, felter: dict) -> Vurderingssamtale:
    """The fadder fills in the workplace's part of the vurderingssamtale (ratings and the employer's texts)."""
    lenke = Lenke.objects.select_for_update(of=("self",)).select_related("kontaktperson", "deltaker").get(pk=lenke.pk)
    if not lenke_er_gyldig(lenke) or lenke.handling != H.VURDERINGSSAMTALE:
        raise ValidationError("Lenken virker ikke lenger.")
    ukjente = set(felter) - set(SAMTALE_ARBEIDSSTED)
    if ukjente:
        raise ValueError(f"Ukjente felt: {sorted(ukjente)}")
    samtale = vurderingssamtale_endre(
        samtale=Vurderingssamtale.objects.get(pk=lenke.samtale_id),
        utfort_av=lenke.sendt_av,
        idag=timezone.localdate(),
        **felter,
    )
    _merk_brukt(lenke, "fylte ut arbeidsstedets del av vurderingssamtalen")
    return samtale
