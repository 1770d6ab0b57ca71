"""Writes for links: make (by the coordinator's click or a reminder rule), withdraw, send again,
opened, used; and the check of whether a token may be used now.

Every link sent, opened and used goes into the case's history (`hendelse_logg`) and the access log
(`tilgang_logg`): sent and used here, each opening by the page (views.lenke_side).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbeidsgivere.models import Avtale, Evaluering, Kontaktperson, Plassering
from deltakere.models import Deltaker, Inntakssamtale
from dokumenter.models import Dokument
from fagbrev.models import User
from fagbrev.services import hendelse_logg, objekt_opprett
from fagbrev.tilgang import HVA, tilgang_logg
from oppfolging.models import Vurderingssamtale

from . import tasks
from .models import GYLDIG_DAGER, Lenke, Signatur
from .permissions import can_send_lenker
from .selectors import siste_versjon
from .utsending import token_hash

H = Lenke.Handling
P = Lenke.Part
MAKS_DAGER = 60


def _samtykke_gitt(deltaker: Deltaker) -> bool:
    return Inntakssamtale.objects.filter(deltaker=deltaker, samtykke_signert=True).exists()


def _mottaker(*, part: str, deltaker: Deltaker, kontaktperson: Kontaktperson | None) -> tuple[str, str]:
    """(name, e-mail) of the person the link is for, or ValidationError saying what to register first."""
    if part == P.DELTAKER:
        navn, epost = deltaker.navn, deltaker.epost
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
    return navn, epost


def lenke_lag(
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
    regel: str = "",
) -> Lenke:
    """Make the link row (no token yet: the mail makes it) and log it; the caller mails it.

    An earlier live link for the same task and person is withdrawn, so one task has one live link.
    Runs inside the caller's transaction.
    """
    if not can_send_lenker(utfort_av, deltaker):
        raise ValidationError("Bare fagbrevkoordinatoren kan sende lenker.")
    if part == P.DELTAKER:
        kontaktperson = None
    navn, epost = _mottaker(part=part, deltaker=deltaker, kontaktperson=kontaktperson)
    if not 1 <= gyldig_dager <= MAKS_DAGER:
        raise ValidationError(f"En lenke kan gjelde fra 1 til {MAKS_DAGER} dager.")
    naa = timezone.now()
    binding = {"avtale": avtale, "plassering": plassering, "samtale": samtale}
    for gammel in Lenke.objects.select_for_update(of=("self",)).filter(
        handling=handling, part=part, deltaker=deltaker, trukket__isnull=True, utloper__gt=naa, **binding
    ):
        if gammel.tilstand(naa) in ("aktiv", "ikke_sendt"):
            _trekk(gammel, utfort_av=utfort_av, naa=naa, grunn="erstattet av en ny lenke")
    lenke = Lenke(
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
        regel=regel,
        **binding,
    )
    hvem = f"{lenke.get_part_display().lower()} {navn}"
    hva = f"{lenke.get_handling_display().lower()} (gjelder til {timezone.localtime(lenke.utloper):%d.%m.%Y})"
    objekt_opprett(
        lenke,
        "medvirkning.lenke.sendt",
        utfort_av,
        valider=False,
        beskrivelse=f"Lenke sendt til {hvem}: {hva}" + (" – automatisk påminnelse" if regel else ""),
    )
    tilgang_logg(
        user=utfort_av,
        deltaker_id=deltaker.pk,
        hva=HVA.SAKSSIDE,
        formal=f"Lenke ({lenke.pk}) sendt til {hvem}: {lenke.get_handling_display().lower()}",
        organisasjon_id=deltaker.organisasjon_id,
    )
    return lenke


@transaction.atomic
def lenke_opprett(**kwargs) -> Lenke:
    """Make a link for one person and one task (see `lenke_lag`) and queue its e-mail after commit."""
    lenke = lenke_lag(**kwargs)
    transaction.on_commit(lambda: tasks.lenke_send_task.delay(lenke_id=lenke.pk))
    return lenke


def _merk(
    lenke: Lenke,
    felt: str,
    beskrivelse: str,
    *,
    utfort_av: User | None = None,
    naa: datetime.datetime | None = None,
) -> bool:
    """Stamp the time on the link's `felt` (trukket, apnet, brukt) once, and log it in the case's history
    as `medvirkning.lenke.<felt>`. Compare-and-set on the empty field: a second call changes and logs
    nothing. True when it did."""
    naa = naa or timezone.now()
    if not Lenke.objects.filter(pk=lenke.pk, **{f"{felt}__isnull": True}).update(**{felt: naa}):
        return False
    setattr(lenke, felt, naa)
    hendelse_logg(handling=f"medvirkning.lenke.{felt}", objekt=lenke, utfort_av=utfort_av, beskrivelse=beskrivelse)
    return True


def _trekk(lenke: Lenke, *, utfort_av: User | None, naa: datetime.datetime, grunn: str = "") -> None:
    hvem = f"{lenke.get_part_display().lower()} {lenke.mottaker_navn}"
    _merk(
        lenke,
        "trukket",
        f"Lenke til {hvem} trukket tilbake" + (f" ({grunn})" if grunn else ""),
        utfort_av=utfort_av,
        naa=naa,
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


# --- checking and using ----------------------------------------------------------------------------


def oppgave_gjelder(lenke: Lenke, idag: datetime.date) -> bool:
    """Does the task behind the link still apply (the agreement's version unsigned by this party, the
    extra person unconfirmed, the placement running, the evaluation's employer part open)?"""
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
        return plassering.til is None or plassering.til >= idag
    if lenke.handling == H.EVALUERE_PLASSERING:
        return Evaluering.objects.filter(plassering_id=lenke.plassering_id, arbeidsgiver_bra="").exists()
    return True


def lenke_er_gyldig(lenke: Lenke, naa: datetime.datetime | None = None) -> bool:
    """May the link be used now? Its own state, its person, and whether the task still applies."""
    naa = naa or timezone.now()
    if lenke.tilstand(naa) != "aktiv":
        return False
    if lenke.kontaktperson_id and not Kontaktperson.objects.filter(pk=lenke.kontaktperson_id, aktiv=True).exists():
        return False
    return oppgave_gjelder(lenke, timezone.localdate(naa))


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


def lenke_las(lenke: Lenke, handling: str) -> Lenke:
    """Lock the link's row (only it: FOR UPDATE OF self) and check it may still be used for `handling`.
    Two submits at once: the second waits, then finds it used."""
    lenke = (
        Lenke.objects.select_for_update(of=("self",))
        .select_related("deltaker", "kontaktperson", "sendt_av")
        .get(pk=lenke.pk)
    )
    if lenke.handling != handling or not lenke_er_gyldig(lenke):
        raise ValidationError("Lenken virker ikke lenger.")
    return lenke


def lenke_apnet(*, lenke: Lenke) -> None:
    """The first opening goes into the case's history (every opening into the access log, by the page)."""
    _merk(lenke, "apnet", f"Lenken til {lenke.get_part_display().lower()} {lenke.mottaker_navn} ble åpnet")


def lenke_merk_brukt(lenke: Lenke, hva: str) -> None:
    """The task is done: the link is used up (the caller locked it and found it unused, `lenke_las`)."""
    _merk(lenke, "brukt", f"{lenke.get_part_display()} {lenke.mottaker_navn} {hva} via lenke")
