"""Writes for documents: make a version, attach a signed scan, the letterhead, batch jobs."""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from kombu.exceptions import OperationalError as KoFeil

from deltakere.models import Deltaker
from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, OBJEKTDOKUMENTER
from fagbrev.models import Kull, Organisasjon, User
from fagbrev.pdf import render_pdf
from fagbrev.permissions import can_manage_org
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett

from .models import Batchjobb, Dokument, Dokumentprofil, Dokumenttype
from .selectors import dato, organisasjon_kontekst
from .validering import valider_skann

logger = logging.getLogger(__name__)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def dokument_lag(*, type: str, deltaker: Deltaker, utfort_av: User) -> Dokument:
    """Make the next version of a participant's document and store it. Older versions stay as they are."""
    definisjon = DELTAKERDOKUMENTER.get(type)
    if definisjon is None:
        raise ValidationError("Denne dokumenttypen kan ikke lages for en deltaker ennå.")
    # Lock the participant row so two clicks cannot both become "version 2".
    deltaker = (
        Deltaker.objects.select_for_update(of=("self",))
        .select_related("organisasjon", "fagretning", "kull", "faglarer", "norsklarer")
        .get(pk=deltaker.pk)
    )
    if not definisjon.tilgjengelig_for(deltaker):
        raise ValidationError(
            f"{definisjon.tittel} kan ikke lages når deltakeren har status «{deltaker.get_status_display()}»."
        )
    return _lag_versjon(
        type=type,
        tittel=definisjon.tittel,
        template=definisjon.template,
        kontekst=lambda idag: definisjon.kontekst_for(deltaker=deltaker, idag=idag),
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        nokkel=f"deltaker:{deltaker.pk}",
        formal=f"{definisjon.formal}: {deltaker.navn}",
        utfort_av=utfort_av,
    )


@transaction.atomic
def dokument_lag_for_objekt(*, type: str, objekt, utfort_av: User) -> Dokument:
    """Make the next version of a record's document (agreement, assessment meeting, meeting minutes)."""
    definisjon = OBJEKTDOKUMENTER.get(type)
    if definisjon is None:
        raise ValidationError("Denne dokumenttypen kan ikke lages for denne saken.")
    # Lock the record's row so two clicks cannot both become "version 2".
    objekt = objekt.__class__._default_manager.select_for_update().get(pk=objekt.pk)
    deltaker = definisjon.deltaker_for(objekt)
    return _lag_versjon(
        type=type,
        tittel=definisjon.tittel,
        template=definisjon.template,
        kontekst=lambda idag: definisjon.kontekst_for(objekt=objekt, idag=idag),
        organisasjon=Organisasjon.objects.get(pk=objekt.organisasjon_id),
        deltaker=deltaker,
        nokkel=f"{definisjon.nokkel}:{objekt.pk}",
        formal=f"{definisjon.formal}: {deltaker.navn if deltaker else objekt}",
        utfort_av=utfort_av,
    )


def _lag_versjon(*, type, tittel, template, kontekst, organisasjon, deltaker, nokkel, formal, utfort_av) -> Dokument:
    forrige = Dokument.objects.filter(type=type, objekt_nokkel=nokkel).aggregate(m=Max("versjon"))["m"] or 0
    naa = timezone.localtime()
    verdier = {
        **kontekst(naa.date()),
        "org": organisasjon_kontekst(organisasjon),
        "tittel": tittel,
        "versjon": forrige + 1,
        "laget_dato": dato(naa),
        "laget_av": str(utfort_av),
    }
    pdf = render_pdf(template, verdier)
    dokument = Dokument(
        organisasjon_id=organisasjon.pk,
        deltaker=deltaker,
        type=type,
        objekt_nokkel=nokkel,
        formal=formal[:200],
        versjon=forrige + 1,
        sha256=_sha256(pdf),
        storrelse=len(pdf),
        laget_av=utfort_av,
        laget=naa,
    )
    dokument.fil.save("dokument.pdf", ContentFile(pdf), save=False)
    return objekt_opprett(
        dokument,
        "dokumenter.dokument.laget",
        utfort_av,
        valider=False,
        beskrivelse=f"{tittel}, versjon {dokument.versjon}, laget",
    )


@transaction.atomic
def dokument_skann_legg_ved(*, dokument: Dokument, fil, utfort_av: User) -> Dokument:
    """Attach the signed paper (scanned) to a version. A version gets one scan; it is never swapped."""
    dokument = Dokument.objects.select_for_update().get(pk=dokument.pk)
    if dokument.signert_skann:
        raise ValidationError("Denne versjonen har allerede et signert skann. Lag en ny versjon om noe er endret.")
    type_ = valider_skann(fil)
    data = fil.read()
    fil.seek(0)
    # the stored name's ending follows the checked content, never the uploaded name
    dokument.signert_skann.save(f"skann.{type_}", ContentFile(data), save=False)
    dokument.signert_sha256 = _sha256(data)
    dokument.signert_lastet_opp_av = utfort_av
    dokument.signert_lastet_opp = timezone.now()
    dokument.save(update_fields=["signert_skann", "signert_sha256", "signert_lastet_opp_av", "signert_lastet_opp"])
    hendelse_logg(
        handling="dokumenter.dokument.skann_lagt_ved",
        objekt=dokument,
        utfort_av=utfort_av,
        beskrivelse=f"Signert skann lagt ved {dokument.get_type_display()}, versjon {dokument.versjon}",
    )
    return dokument


PROFIL_FELTER = ["adresselinjer", "telefon", "epost", "signatar_navn", "signatar_tittel"]


@transaction.atomic
def dokumentprofil_lagre(
    *, organisasjon: Organisasjon, utfort_av: User, logo=None, fjern_logo: bool = False, **felter: Any
) -> Dokumentprofil:
    """Save the letterhead. A new logo is checked by its bytes (the model field's validator)."""
    profil, _ = Dokumentprofil.objects.select_for_update().get_or_create(organisasjon=organisasjon)
    logo_endring = {}
    if fjern_logo and profil.logo:
        profil.logo.delete(save=False)
        profil.logo = ""
    if logo is not None:
        profil.logo = logo
    if logo is not None or fjern_logo:
        logo_endring = {"logo": ["", "ny logo" if logo is not None else "fjernet"]}
    objekt_endre(
        profil,
        "dokumenter.dokumentprofil.endret",
        utfort_av,
        {navn: felter[navn] for navn in PROFIL_FELTER if navn in felter},
        ogsa_lagre=["logo", "endret"],
        ekstra_endringer=logo_endring,
        organisasjon_id=organisasjon.pk,
        beskrivelse="Brevhode for dokumenter endret",
    )
    return profil


def _kandidater(jobb: Batchjobb):
    definisjon = DELTAKERDOKUMENTER[jobb.type]
    omfang = {"kull_id": jobb.kull_id} if jobb.kull_id else {"fagretning_id": jobb.fagretning_id}
    return Deltaker.objects.filter(
        organisasjon_id=jobb.organisasjon_id, status__in=definisjon.statuser, **omfang
    ).order_by("etternavn", "fornavn", "pk")


# Which documents can be made for a whole cohort, and which for a whole track.
BATCH_FOR_KULL = (Dokumenttype.DELTAKERBEVIS,)
BATCH_FOR_FAGRETNING = (Dokumenttype.OPPLAERINGSPLAN,)


@transaction.atomic
def batchjobb_bestill(*, type: str, utfort_av: User, kull: Kull | None = None, fagretning=None) -> Batchjobb:
    """Queue making one document of the type for every participant of the cohort (or track) it applies to."""
    if (kull is None) == (fagretning is None):
        raise ValidationError("Velg enten et kull eller en fagretning.")
    if kull is not None and type not in BATCH_FOR_KULL:
        raise ValidationError("Bare deltakerbevis kan lages for et helt kull.")
    if fagretning is not None and type not in BATCH_FOR_FAGRETNING:
        raise ValidationError("Bare opplæringsplaner kan lages for en hel fagretning.")
    eier = kull or fagretning
    omfang = {"kull": kull} if kull is not None else {"fagretning": fagretning}
    aktive = list(
        Batchjobb.objects.filter(type=type, status__in=AKTIVE, **omfang).select_related(
            "kull__fagretning", "fagretning"
        )
    )
    tapte = set(_tapte(timezone.now()).filter(pk__in=[j.pk for j in aktive]).values_list("pk", flat=True))
    for aktiv in aktive:
        if aktiv.pk not in tapte:
            if aktiv.status == Batchjobb.Status.VENTER and aktiv.koet is None:
                raise ValidationError("Disse dokumentene står allerede i kø. De lages når køen er tilgjengelig igjen.")
            raise ValidationError("Disse dokumentene lages allerede. Vent til jobben er ferdig.")
    for aktiv in aktive:  # a job that lost its way (never started, or stopped) gives way to the new order
        _feilet(aktiv, fra=aktiv.status, melding="Jobben ble ikke fullført og er erstattet av en ny bestilling.")
    jobb = Batchjobb(organisasjon_id=eier.organisasjon_id, type=type, bestilt_av=utfort_av, **omfang)
    totalt = _kandidater(jobb).count()
    if totalt == 0:
        raise ValidationError("Ingen deltakere kan få dette dokumentet nå.")
    jobb.totalt = totalt
    objekt_opprett(
        jobb,
        "dokumenter.batchjobb.bestilt",
        utfort_av,
        valider=False,
        beskrivelse=f"{jobb.get_type_display()} for {jobb.omfang} bestilt ({totalt})",
    )
    transaction.on_commit(lambda: batchjobb_send_til_ko(jobb_id=jobb.pk))
    return jobb


AKTIVE = (Batchjobb.Status.VENTER, Batchjobb.Status.KJORER)
# What a broker that is down raises when a task is sent (kombu wraps the connection error).
KO_NEDE = (KoFeil, OSError)
KO_NEDE_MELDING = "Køen er ikke tilgjengelig akkurat nå. Jobben står i kø og kjøres når køen er tilbake."


def batchjobb_send_til_ko(*, jobb_id: int) -> bool:
    """Hand a waiting job to the queue; True if the queue took it.

    A broker that is down is not an error here: the job stays waiting with `koet` empty, and the
    sweep hands it over when the queue is back. Only a hand-over that succeeded counts as an attempt.
    """
    from .tasks import batchjobb_kjor_task

    try:
        batchjobb_kjor_task.apply_async(kwargs={"jobb_id": jobb_id})
    except KO_NEDE as feil:
        logger.warning("Køen er nede; batchjobb %s venter på feiingen (%s)", jobb_id, type(feil).__name__)
        return False
    Batchjobb.objects.filter(pk=jobb_id).update(koet=timezone.now(), forsok=F("forsok") + 1)
    return True


def _ikke_startet(naa: datetime.datetime):
    """Waiting jobs that should have started: handed over (or, if never, ordered) N minutes ago."""
    grense = naa - datetime.timedelta(minutes=settings.BATCHJOBB_START_MINUTTER)
    return Batchjobb.objects.filter(
        Q(koet__lt=grense) | Q(koet__isnull=True, opprettet__lt=grense), status=Batchjobb.Status.VENTER
    )


def _stoppet(naa: datetime.datetime):
    """Running jobs without progress for BATCHJOBB_STOPPET_MINUTTER (the worker died or was killed)."""
    grense = naa - datetime.timedelta(minutes=settings.BATCHJOBB_STOPPET_MINUTTER)
    return Batchjobb.objects.filter(
        Q(sist_livstegn__lt=grense) | Q(sist_livstegn__isnull=True, opprettet__lt=grense),
        status=Batchjobb.Status.KJORER,
    )


def _tapte(naa: datetime.datetime):
    """Jobs that lost their way: waiting but not started in time, or running but stopped."""
    return _ikke_startet(naa) | _stoppet(naa)


def _feilet(jobb: Batchjobb, *, fra: str, melding: str, **betingelser) -> bool:
    """Mark a job failed if it is still in status `fra` (compare-and-set: a worker may claim it meanwhile)."""
    if not Batchjobb.objects.filter(pk=jobb.pk, status=fra, **betingelser).update(
        status=Batchjobb.Status.FEILET, feilmelding=melding, fullfort=timezone.now()
    ):
        return False
    hendelse_logg(
        handling="dokumenter.batchjobb.feilet",
        objekt=jobb,
        utfort_av=None,
        beskrivelse=f"{jobb.get_type_display()} for {jobb.omfang}: {melding}",
    )
    return True


def batchjobber_feie(*, naa: datetime.datetime | None = None) -> dict:
    """Find batch jobs that lost their way and put them right (beat every 5 minutes, and the daily scan).

    - Waiting and never handed to the queue (it was down), or handed over BATCHJOBB_START_MINUTTER ago
      and not started (a lost message): hand it over again; after BATCHJOBB_MAKS_FORSOK hand-overs,
      mark it failed instead.
    - Running without progress for BATCHJOBB_STOPPET_MINUTTER: mark it failed (the documents made are
      kept; ordering again makes a new version of each).
    A failed job can be ordered again. Idempotent; a worker that claims a job meanwhile wins.
    """
    naa = naa or timezone.now()
    ut = {"sendt": 0, "feilet": 0, "stoppet": 0}
    grense = naa - datetime.timedelta(minutes=1)  # an order whose hand-over runs right now is left alone
    aldri = Batchjobb.objects.filter(status=Batchjobb.Status.VENTER, koet__isnull=True, opprettet__lt=grense)
    ventende = (aldri | _ikke_startet(naa)).select_related("kull__fagretning", "fagretning").order_by("pk")
    for jobb in ventende:
        if jobb.forsok >= settings.BATCHJOBB_MAKS_FORSOK:
            melding = f"Jobben startet ikke etter {jobb.forsok} forsøk. Bestill dokumentene på nytt."
            ut["feilet"] += _feilet(jobb, fra=Batchjobb.Status.VENTER, melding=melding, forsok=jobb.forsok)
        elif batchjobb_send_til_ko(jobb_id=jobb.pk):
            ut["sendt"] += 1
    for jobb in _stoppet(naa).select_related("kull__fagretning", "fagretning").order_by("pk"):
        melding = "Jobben stoppet underveis. Dokumentene som ble laget, er lagret. Bestill på nytt for resten."
        ut["stoppet"] += _feilet(jobb, fra=Batchjobb.Status.KJORER, melding=melding)
    if any(ut.values()):
        logger.info("Feiing av batchjobber: %s", ut)
    return ut


def batchjobb_kjor(*, jobb_id: int) -> None:
    """Run a queued batch job: claim it (compare-and-set), make each document, then the ZIP.

    Each document is its own transaction, so progress is visible while the job runs and a
    failure half-way leaves the versions already made in place.
    """
    claimed = Batchjobb.objects.filter(pk=jobb_id, status=Batchjobb.Status.VENTER).update(
        status=Batchjobb.Status.KJORER, sist_livstegn=timezone.now()
    )
    if not claimed:
        return  # already run, running or gone: running twice has no effect
    jobb = Batchjobb.objects.select_related("kull__fagretning", "fagretning", "bestilt_av").get(pk=jobb_id)
    bruker = jobb.bestilt_av
    if not (bruker.is_active and can_manage_org(bruker, jobb.organisasjon_id)):
        _avslutt(jobb, Batchjobb.Status.FEILET, "Den som bestilte jobben har ikke lenger tilgang.")
        return
    try:
        deltakere = list(_kandidater(jobb))
        Batchjobb.objects.filter(pk=jobb.pk).update(totalt=len(deltakere), ferdige=0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for deltaker in deltakere:
                dokument = dokument_lag(type=jobb.type, deltaker=deltaker, utfort_av=bruker)
                with dokument.fil.open("rb") as f:
                    zf.writestr(_filnavn(dokument, deltaker), f.read())
                Batchjobb.objects.filter(pk=jobb.pk).update(ferdige=F("ferdige") + 1, sist_livstegn=timezone.now())
        jobb.zip_fil.save("batch.zip", ContentFile(buffer.getvalue()), save=False)
        Batchjobb.objects.filter(pk=jobb.pk).update(zip_fil=jobb.zip_fil.name)
        _avslutt(jobb, Batchjobb.Status.FERDIG, "")
    except Exception:
        logger.exception("Batchjobb %s feilet", jobb_id)
        _avslutt(jobb, Batchjobb.Status.FEILET, "Noe gikk galt under lagingen. Dokumentene som ble laget, er lagret.")
        raise


def _avslutt(jobb: Batchjobb, status: str, melding: str) -> None:
    Batchjobb.objects.filter(pk=jobb.pk).update(status=status, feilmelding=melding, fullfort=timezone.now())
    hendelse_logg(
        handling=f"dokumenter.batchjobb.{status}",
        objekt=jobb,
        utfort_av=None,
        beskrivelse=f"{jobb.get_type_display()} for {jobb.omfang}: {Batchjobb.Status(status).label.lower()}",
    )


def _filnavn(dokument: Dokument, deltaker: Deltaker) -> str:
    navn = slugify(f"{deltaker.etternavn} {deltaker.fornavn}") or f"deltaker-{deltaker.pk}"
    return f"{dokument.type}-{navn}-{deltaker.pk}-v{dokument.versjon}.pdf"


def dokument_filnavn(dokument: Dokument) -> str:
    """Download name: type, the participant's name in ASCII, version. Never an identity number."""
    if dokument.deltaker_id:
        return _filnavn(dokument, dokument.deltaker)
    return f"{dokument.type}-{dokument.pk}-v{dokument.versjon}.pdf"
