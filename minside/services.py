"""Writes of the participant's page: accounts and login links, her marks, logbook, self-evaluation.

Services take the acting user (or her account), never the request; they raise ValidationError for a
broken rule and queue mail only after commit.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from arbeidsgivere.models import Plassering
from arbeidsgivere.selectors import gjeldende_plassering
from deltakere.models import Deltaker
from fagbrev.services import hendelse_logg, objekt_endre
from lop.models import Opplaeringsplanpunkt
from lop.services import planpunkt_endre
from oppfolging.models import Vurderingssamtale

from . import bilder
from .models import (
    LUKKET,
    Deltakerkonto,
    Fadderlenke,
    Innloggingslenke,
    Loggbokinnlegg,
    Loggbokkommentar,
    Selvevaluering,
    sak_lukket,
)
from .sprak import KODER, STANDARD

User = get_user_model()

# A link she has not opened is worth this long; once opened it logs her in on that phone for
# INNLOGGET (a fixed time from the login, not renewed by activity).
LENKE_GYLDIG = datetime.timedelta(days=7)
INNLOGGET = datetime.timedelta(days=30)
# Her fadder's link to the logbook: a semester's reading, unless she says no before.
FADDERLENKE_GYLDIG = datetime.timedelta(days=120)
# "Send me a new link" sends at most this many links per account and hour.
MAKS_LENKER_PER_TIME = 3


def token_hash(token: str) -> str:
    """256 random bits need no slow hash: SHA-256 makes a stolen table useless."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def konto_inviter(*, deltaker: Deltaker, utfort_av: User) -> Deltakerkonto:
    """Give the participant a login (once) and send her a login link by e-mail after commit."""
    if sak_lukket(deltaker):
        raise ValidationError("Saken er avsluttet. Deltakeren kan ikke logge inn på Min side.")
    if not deltaker.epost:
        raise ValidationError("Deltakeren har ingen e-postadresse. Legg den inn i saken først.")
    konto = Deltakerkonto.objects.filter(deltaker=deltaker).select_related("user").first()
    if konto is None:
        user = User(
            username=f"deltaker-{deltaker.pk}",
            first_name=deltaker.fornavn,
            last_name=deltaker.etternavn,
            email=deltaker.epost,
        )
        # No password: she logs in by link (later ID-porten), never through the staff login form.
        user.set_unusable_password()
        user.save()
        konto = Deltakerkonto.objects.create(
            organisasjon_id=deltaker.organisasjon_id, user=user, deltaker=deltaker, invitert_av=utfort_av
        )
        handling, beskrivelse = "minside.konto.invitert", "Invitert til Min side"
    else:
        if konto.user.email != deltaker.epost or not konto.user.is_active:
            konto.user.email = deltaker.epost
            konto.user.is_active = True
            konto.user.save(update_fields=["email", "is_active"])
        handling, beskrivelse = "minside.konto.ny_lenke", "Ny innloggingslenke til Min side sendt"
    hendelse_logg(
        handling=handling, objekt=konto, utfort_av=utfort_av, beskrivelse=beskrivelse, deltaker_id=deltaker.pk
    )
    _send_etter_commit(konto)
    return konto


def _send_etter_commit(konto: Deltakerkonto, *, begrenset: bool = False) -> None:
    from .tasks import send_innloggingslenke_task  # tasks.py imports this module

    transaction.on_commit(lambda: send_innloggingslenke_task.delay(konto_id=konto.pk, begrenset=begrenset))


def lenke_lag(*, konto: Deltakerkonto, kanal: str = Innloggingslenke.Kanal.EPOST) -> tuple[Innloggingslenke, str]:
    """A new single-use login link; the token is returned once and only its hash is stored."""
    token = secrets.token_urlsafe(32)  # 256 bits
    na = timezone.now()
    lenke = Innloggingslenke.objects.create(
        konto=konto, token_hash=token_hash(token), kanal=kanal, opprettet=na, gyldig_til=na + LENKE_GYLDIG
    )
    return lenke, token


def lenke_send(*, konto: Deltakerkonto, kanal: str = Innloggingslenke.Kanal.EPOST, begrenset: bool = False) -> bool:
    """Make a link and send it to her: the one sending function (e-mail now; SMS is another `kanal`).

    `begrenset` (she asked herself, from the login page): at most MAKS_LENKER_PER_TIME an hour, counted
    when sending, so requests queued at the same moment cannot slip past the limit."""
    konto = Deltakerkonto.objects.select_related("deltaker", "deltaker__organisasjon", "user").get(pk=konto.pk)
    if not konto.user.is_active or sak_lukket(konto.deltaker):
        return False
    if begrenset:
        siden = timezone.now() - datetime.timedelta(hours=1)
        if Innloggingslenke.objects.filter(konto=konto, opprettet__gte=siden).count() >= MAKS_LENKER_PER_TIME:
            return False
    if kanal == Innloggingslenke.Kanal.EPOST:
        adresse = konto.deltaker.epost
        if not adresse:
            return False
        _, token = lenke_lag(konto=konto, kanal=kanal)
        url = settings.FAGBREV_BASE_URL + reverse("minside:lenke", args=[token])
        with translation.override(konto.sprak or STANDARD):
            kontekst = {"fornavn": konto.deltaker.fornavn, "url": url, "dager": LENKE_GYLDIG.days}
            emne = render_to_string("email/minside_lenke_emne.txt", kontekst).strip()
            tekst = render_to_string("email/minside_lenke.txt", kontekst)
        send_mail(emne, tekst, None, [adresse], fail_silently=False)
        return True
    raise ValueError(f"Kanalen {kanal} er ikke i bruk ennå.")


def lenke_bruk(*, token: str) -> Deltakerkonto | None:
    """Spend a link: the account if the link is valid and unused, else None. Compare-and-set, so a
    link opened twice at once logs in once."""
    na = timezone.now()
    h = token_hash(token)
    brukt = Innloggingslenke.objects.filter(token_hash=h, brukt__isnull=True, gyldig_til__gt=na).update(brukt=na)
    if brukt != 1:
        return None
    return Deltakerkonto.objects.select_related("user").get(lenker__token_hash=h)


def lenke_bestill(*, epost: str) -> None:
    """ "Send me a new link": sends one if the address belongs to an account, and says nothing either way."""
    epost = (epost or "").strip()
    if not epost:
        return
    kontoer = Deltakerkonto.objects.filter(deltaker__epost__iexact=epost, user__is_active=True)
    for konto in kontoer.exclude(deltaker__status__in=LUKKET):
        _send_etter_commit(konto, begrenset=True)


def sprak_lagre(*, konto: Deltakerkonto, kode: str) -> None:
    if kode in KODER and konto.sprak != kode:
        konto.sprak = kode
        konto.save(update_fields=["sprak"])


@transaction.atomic
def planpunkt_marker(*, konto: Deltakerkonto, punkt: Opplaeringsplanpunkt, vurdering: str) -> Opplaeringsplanpunkt:
    """Her own mark on a goal of her training plan (beside the fadder's), through lop's service."""
    if punkt.deltaker_id != konto.deltaker_id:
        raise ValidationError("Dette målet er ikke i din plan.")
    if vurdering not in Opplaeringsplanpunkt.Vurdering.values and vurdering != "":
        raise ValidationError("Velg en av merkene.")
    return planpunkt_endre(punkt=punkt, utfort_av=konto.user, deltaker_vurdering=vurdering)


def _planpunkter_sjekk(konto: Deltakerkonto, planpunkter) -> list[Opplaeringsplanpunkt]:
    planpunkter = list(planpunkter or [])
    if any(p.deltaker_id != konto.deltaker_id for p in planpunkter):
        raise ValidationError("Du kan bare knytte innlegget til dine egne mål.")
    return planpunkter


@transaction.atomic
def loggbok_skriv(*, konto: Deltakerkonto, tekst: str, planpunkter=(), bilde: bytes | None = None) -> Loggbokinnlegg:
    """A new logbook entry. The photo is checked and shrunk before anything is saved."""
    planpunkter = _planpunkter_sjekk(konto, planpunkter)
    bildenavn = ""
    if bilde:
        bildenavn = bilder.bilde_lagre(bilder.bilde_behandle(bilde), organisasjon_id=konto.organisasjon_id)
    innlegg = Loggbokinnlegg(
        organisasjon_id=konto.organisasjon_id,
        deltaker_id=konto.deltaker_id,
        tekst=tekst.strip(),
        bilde=bildenavn,
        opprettet=timezone.now(),
    )
    innlegg.full_clean(exclude=["planpunkter"])
    innlegg.save()
    innlegg.planpunkter.set(planpunkter)
    hendelse_logg(
        handling="minside.loggbok.skrevet", objekt=innlegg, utfort_av=konto.user, beskrivelse="Loggbok: nytt innlegg"
    )
    return innlegg


@transaction.atomic
def loggbok_endre(
    *,
    konto: Deltakerkonto,
    innlegg: Loggbokinnlegg,
    tekst: str,
    planpunkter=(),
    bilde: bytes | None = None,
    fjern_bilde: bool = False,
) -> Loggbokinnlegg:
    """Change her entry, within 24 hours of writing it."""
    if innlegg.deltaker_id != konto.deltaker_id:
        raise ValidationError("Dette er ikke ditt innlegg.")
    na = timezone.now()
    if not innlegg.kan_endres(na):
        raise ValidationError("Du kan bare endre et innlegg det første døgnet.")
    planpunkter = _planpunkter_sjekk(konto, planpunkter)
    gammelt_bilde = innlegg.bilde
    if bilde:
        innlegg.bilde = bilder.bilde_lagre(bilder.bilde_behandle(bilde), organisasjon_id=konto.organisasjon_id)
    elif fjern_bilde:
        innlegg.bilde = ""
    innlegg.tekst = tekst.strip()
    innlegg.endret = na
    innlegg.full_clean(exclude=["planpunkter"])
    innlegg.save(update_fields=["tekst", "bilde", "endret"])
    innlegg.planpunkter.set(planpunkter)
    if gammelt_bilde and gammelt_bilde != innlegg.bilde:
        transaction.on_commit(lambda: bilder.bilde_slett(gammelt_bilde))
    hendelse_logg(
        handling="minside.loggbok.endret", objekt=innlegg, utfort_av=konto.user, beskrivelse="Loggbok: innlegg endret"
    )
    return innlegg


@transaction.atomic
def loggbok_kommenter(
    *, innlegg: Loggbokinnlegg, tekst: str, forfatter: User | None = None, lenke: Fadderlenke | None = None
) -> Loggbokkommentar:
    """A comment by her faglærer (`forfatter`) or by her fadder through the fadder link (`lenke`)."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError("Skriv en kommentar.")
    if (forfatter is None) == (lenke is None):
        raise ValueError("En kommentar har én forfatter: en innlogget bruker eller fadderen via lenken.")
    if lenke is not None and lenke.konto.deltaker_id != innlegg.deltaker_id:
        raise ValidationError("Lenken gjelder en annen loggbok.")
    kommentar = Loggbokkommentar.objects.create(
        organisasjon_id=innlegg.organisasjon_id,
        innlegg=innlegg,
        forfatter=forfatter,
        fadder_id=lenke.fadder_id if lenke else None,
        tekst=tekst,
        opprettet=timezone.now(),
    )
    hendelse_logg(
        handling="minside.loggbok.kommentert",
        objekt=kommentar,
        # the fadder has no account: the comment is on the authority of whoever sent her the link
        utfort_av=forfatter or lenke.sendt_av,
        beskrivelse="Loggbok: kommentar" + (f" fra fadderen {lenke.fadder.navn} via lenke" if lenke else ""),
        deltaker_id=innlegg.deltaker_id,
    )
    return kommentar


@transaction.atomic
def fadder_samtykke_sett(*, konto: Deltakerkonto, ja: bool) -> Deltakerkonto:
    """She says yes or no to her fadder reading the logbook. Yes sends the fadder a link (if her
    placement has a fadder with an e-mail address); no withdraws every fadder link at once."""
    if konto.fadder_kan_lese != ja:
        objekt_endre(
            konto,
            "minside.loggbok.fadder_samtykke",
            konto.user,
            {"fadder_kan_lese": ja},
            valider=False,
            beskrivelse="Fadderen kan lese loggboken" if ja else "Fadderen kan ikke lese loggboken",
            deltaker_id=konto.deltaker_id,
        )
        if ja and fadder_for(konto) is not None:
            fadderlenke_bestill(konto=konto, utfort_av=konto.user)
        if not ja:
            Fadderlenke.objects.filter(konto=konto, trukket__isnull=True).update(trukket=timezone.now())
    return konto


def fadder_for(konto: Deltakerkonto):
    """The fadder of her placement today, if the fadder has an e-mail address; else None."""
    plasseringer = list(Plassering.objects.filter(deltaker_id=konto.deltaker_id).select_related("fadder"))
    plassering = gjeldende_plassering(plasseringer, timezone.localdate())
    if plassering is None or plassering.fadder is None or not plassering.fadder.epost:
        return None
    return plassering.fadder


@transaction.atomic
def fadderlenke_bestill(*, konto: Deltakerkonto, utfort_av: User) -> None:
    """Send her fadder a link to the logbook (after commit), if she has agreed. A newer link
    replaces the older ones."""
    if not konto.fadder_kan_lese:
        raise ValidationError("Deltakeren har ikke sagt ja til at fadderen leser loggboken.")
    if sak_lukket(konto.deltaker):
        raise ValidationError("Saken er avsluttet.")
    fadder = fadder_for(konto)
    if fadder is None:
        raise ValidationError("Praksisplassen har ingen fadder med e-postadresse. Legg den inn først.")
    hendelse_logg(
        handling="minside.loggbok.fadderlenke",
        objekt=konto,
        utfort_av=utfort_av,
        beskrivelse=f"Lenke til loggboken sendt til fadderen {fadder.navn}",
        deltaker_id=konto.deltaker_id,
    )
    from .tasks import send_fadderlenke_task  # tasks.py imports this module

    transaction.on_commit(
        lambda: send_fadderlenke_task.delay(konto_id=konto.pk, fadder_id=fadder.pk, sendt_av_id=utfort_av.pk)
    )


def fadderlenke_send(*, konto: Deltakerkonto, fadder, sendt_av: User) -> bool:
    """Make the fadder's link and mail it: the token exists only in the e-mail."""
    konto = Deltakerkonto.objects.select_related("deltaker").get(pk=konto.pk)
    if not konto.fadder_kan_lese or sak_lukket(konto.deltaker) or not fadder.epost:
        return False
    token = secrets.token_urlsafe(32)
    na = timezone.now()
    with transaction.atomic():
        Fadderlenke.objects.filter(konto=konto, trukket__isnull=True).update(trukket=na)
        Fadderlenke.objects.create(
            organisasjon_id=konto.organisasjon_id,
            konto=konto,
            fadder=fadder,
            token_hash=token_hash(token),
            opprettet=na,
            utloper=na + FADDERLENKE_GYLDIG,
            sendt_av=sendt_av,
        )
    url = settings.FAGBREV_BASE_URL + reverse("minside:fadder", args=[token])
    kontekst = {"fadder": fadder.navn, "deltaker": konto.deltaker.fornavn, "url": url, "dager": FADDERLENKE_GYLDIG.days}
    with translation.override(STANDARD):
        tekst = render_to_string("email/minside_fadderlenke.txt", kontekst)
    send_mail(f"Fagbrev: loggboken til {konto.deltaker.fornavn}", tekst, None, [fadder.epost], fail_silently=False)
    return True


def fadderlenke_finn(*, token: str) -> Fadderlenke | None:
    """The fadder's link if it works now: not withdrawn or run out, she still agrees, the case is open."""
    lenke = (
        Fadderlenke.objects.filter(token_hash=token_hash(token))
        .select_related("konto__deltaker", "fadder", "sendt_av")
        .first()
    )
    if lenke is None or not lenke.er_gyldig(timezone.now()):
        return None
    if not lenke.konto.fadder_kan_lese or sak_lukket(lenke.konto.deltaker):
        return None
    return lenke


@transaction.atomic
def selvevaluering_lagre(*, konto: Deltakerkonto, semester: str, **felter) -> Selvevaluering:
    """Her part of the semester's assessment; she may change it until the meeting has been held."""
    if Vurderingssamtale.objects.filter(
        deltaker_id=konto.deltaker_id, semester=semester, holdt_dato__isnull=False
    ).exists():
        raise ValidationError("Samtalen er holdt. Egenvurderingen kan ikke endres lenger.")
    evaluering = Selvevaluering.objects.filter(deltaker_id=konto.deltaker_id, semester=semester).first()
    if evaluering is None:
        evaluering = Selvevaluering(
            organisasjon_id=konto.organisasjon_id, deltaker_id=konto.deltaker_id, semester=semester
        )
    for navn, verdi in felter.items():
        setattr(evaluering, navn, verdi)
    evaluering.endret = timezone.now()
    evaluering.full_clean()
    evaluering.save()
    hendelse_logg(
        handling="minside.selvevaluering.lagret",
        objekt=evaluering,
        utfort_av=konto.user,
        beskrivelse=f"Egenvurdering {semester} lagret",
    )
    return evaluering
