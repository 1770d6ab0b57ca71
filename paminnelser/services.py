"""Writes for reminders: the scan that makes rows, the sends that deliver them, marking read.

Exactly once, in three layers:
1. the scan inserts with `bulk_create(ignore_conflicts=True)` against the unique key, so running
   it twice (or two beat processes at once) adds nothing the second time;
2. a send claims its row with a compare-and-set `UPDATE … WHERE status='planlagt'` (committed
   before any e-mail leaves), so two workers with the same task, or a redelivered task, find the
   row taken and do nothing;
3. a row a worker claimed and then died on stays `sender`; the next scan marks it `feilet` instead
   of sending again, because nobody can know whether the mail server took the first attempt.
   E-mail is at most once; the in-app notification is there either way.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from fagbrev.models import Medlemskap, User
from fagbrev.regler import REGLER, Forfall, regler
from fagbrev.services import hendelse_logg
from lop.models import Manedstema

from . import ukeoversikt
from .models import (
    STANDARD_LEVERING,
    STANDARD_LEVERING_PER_ART,
    Art,
    Kalenderabonnement,
    Levering,
    Paminnelse,
    Varslingsvalg,
)

logger = logging.getLogger(__name__)

S = Paminnelse.Status
STANDARD_SENDEFRIST_DAGER = 3
AVBRUTT_SENDING_ETTER = datetime.timedelta(hours=1)
BATCH = 500


class MidlertidigFeil(Exception):
    """Sending failed in a way that may pass (mail server down, timeout). The task retries."""


def er_midlertidig(feil: Exception) -> bool:
    """4xx answers, dropped connections and network errors pass; 5xx and refused recipients do not."""
    if isinstance(feil, (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)):
        return False
    if isinstance(feil, smtplib.SMTPResponseException):
        return 400 <= feil.smtp_code < 500
    return isinstance(feil, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError, TimeoutError))


# --- preferences ---------------------------------------------------------------------------------


def levering_for(valg: dict[str, str], art: str) -> str:
    return valg.get(art) or STANDARD_LEVERING_PER_ART.get(art, STANDARD_LEVERING)


def varslingsvalg_for(bruker_id: int) -> dict[str, str]:
    return dict(Varslingsvalg.objects.filter(bruker_id=bruker_id).values_list("art", "levering"))


@transaction.atomic
def varslingsvalg_lagre(*, bruker: User, valg: dict[str, str], utfort_av: User) -> None:
    """Store the user's delivery choice per kind (all kinds at once)."""
    gyldige = set(Levering.values)
    for art, levering in valg.items():
        if art not in Art.values or levering not in gyldige:
            continue
        Varslingsvalg.objects.update_or_create(bruker=bruker, art=art, defaults={"levering": levering})
    # Not case data, so not in the event log: the row itself says what she chose.


# --- the scan ------------------------------------------------------------------------------------


@dataclass
class Skanneresultat:
    dato: datetime.date
    funnet: list[tuple[str, Forfall]] = field(default_factory=list)
    per_regel: Counter = field(default_factory=Counter)
    nye: int = 0
    umiddelbart: int = 0
    samlet_til: int = 0  # users getting a daily digest
    kun_app: int = 0
    utgatt: int = 0
    avbrutt: int = 0


def forfall_finn(
    *, idag: datetime.date, ukentlig: bool = False, regelnavn: list[str] | None = None
) -> list[tuple[str, Forfall]]:
    """Evaluate the registered rules for a date: the daily ones (or the weekly, or those named). Reads only."""
    funnet = []
    for regel in regler(ukentlig=ukentlig, navn=regelnavn):
        funnet.extend((regel.navn, f) for f in regel(idag))
    return funnet


def _rad(navn: str, f: Forfall, idag: datetime.date, typer: dict) -> Paminnelse:
    return Paminnelse(
        regel=navn,
        objekt_type=typer[f.objekt_type],
        objekt_id=f.objekt_id,
        periode=f.periode,
        mottaker_id=f.mottaker_id,
        kontaktperson_id=f.kontaktperson_id,
        organisasjon_id=f.organisasjon_id,
        art=f.art,
        tittel=f.tittel[:200],
        lenke=f.lenke[:300],
        dato=idag,
        sendes_senest=max(f.sendes_senest or idag + datetime.timedelta(days=STANDARD_SENDEFRIST_DAGER), idag),
    )


def skann_utfor(
    *, idag: datetime.date, ukentlig: bool = False, regelnavn: list[str] | None = None, dry_run: bool = False
) -> Skanneresultat:
    """Find what is due on `idag`, write one row per new key, and queue delivery after commit.

    The query count does not depend on how many participants there are: each rule makes a few,
    the insert is batched, and the follow-up is a handful of set-based updates.
    """
    resultat = Skanneresultat(dato=idag)
    resultat.funnet = forfall_finn(idag=idag, ukentlig=ukentlig, regelnavn=regelnavn)
    resultat.per_regel = Counter(navn for navn, _ in resultat.funnet)
    if dry_run:
        return resultat

    typer = ContentType.objects.get_for_models(*{f.objekt_type for _, f in resultat.funnet})
    rader = [_rad(navn, f, idag, typer) for navn, f in resultat.funnet]
    naa = timezone.now()
    with transaction.atomic():
        for_ = Paminnelse.objects.filter(dato=idag).count()
        Paminnelse.objects.bulk_create(rader, ignore_conflicts=True, batch_size=BATCH)
        resultat.nye = Paminnelse.objects.filter(dato=idag).count() - for_

        # Too late to send is too late: a reminder about a window that has closed helps nobody.
        resultat.utgatt = Paminnelse.objects.filter(status=S.PLANLAGT, sendes_senest__lt=timezone.localdate()).update(
            status=S.UTGATT, merknad="Ikke sendt i tide."
        )
        resultat.avbrutt = Paminnelse.objects.filter(status=S.SENDER, tatt__lt=naa - AVBRUTT_SENDING_ETTER).update(
            status=S.FEILET, merknad="Sendingen ble avbrutt. Ikke sendt på nytt, for å unngå dobbel e-post."
        )
        _planlegg_levering(idag=idag, resultat=resultat)
    return resultat


def _planlegg_levering(*, idag: datetime.date, resultat: Skanneresultat) -> None:
    """Sort the waiting rows by each recipient's choice and queue their sends after commit."""
    from . import tasks

    ventende_qs = Paminnelse.objects.filter(status=S.PLANLAGT, dato__lte=idag)
    ventende = list(ventende_qs.values_list("pk", "mottaker_id", "art"))
    if not ventende:
        return
    # A contact person (fadder) has no login and no choices: her e-mail goes at once.
    til_kontakt = [pk for pk, bruker_id, _ in ventende if bruker_id is None]
    ventende = [rad for rad in ventende if rad[1] is not None]
    valg: dict[int, dict[str, str]] = defaultdict(dict)
    for bruker_id, art, levering in Varslingsvalg.objects.filter(
        bruker_id__in=ventende_qs.values("mottaker_id")
    ).values_list("bruker_id", "art", "levering"):
        valg[bruker_id][art] = levering

    kun_app, umiddelbart, samlet = [], [], set()
    for pk, bruker_id, art in ventende:
        levering = levering_for(valg[bruker_id], art)
        if levering == Levering.KUN_APP:
            kun_app.append(pk)
        elif levering == Levering.UMIDDELBART:
            umiddelbart.append(pk)
        else:
            samlet.add(bruker_id)
    for i in range(0, len(kun_app), BATCH):
        Paminnelse.objects.filter(pk__in=kun_app[i : i + BATCH], status=S.PLANLAGT).update(
            status=S.SENDT, sendt=timezone.now(), merknad="Bare varsel i Fagbrev (brukerens valg)."
        )
    umiddelbart += til_kontakt
    for pk in umiddelbart:
        transaction.on_commit(partial(tasks.send.delay, pk))
    for bruker_id in sorted(samlet):
        transaction.on_commit(partial(tasks.send_samlet.delay, bruker_id, idag.isoformat()))
    resultat.kun_app, resultat.umiddelbart, resultat.samlet_til = len(kun_app), len(umiddelbart), len(samlet)


# --- sending -------------------------------------------------------------------------------------


def _ikke_lenger_aktuell(p: Paminnelse, bruker: User, idag: datetime.date) -> tuple[str, str] | None:
    """Re-check when sending: (new status, why) if the row must not go out, else None."""
    if not bruker.is_active:
        return S.KANSELLERT, "Mottakeren er deaktivert."
    if p.organisasjon_id and not Medlemskap.objects.filter(bruker=bruker, organisasjon_id=p.organisasjon_id).exists():
        return S.KANSELLERT, "Mottakeren har ikke lenger tilgang til organisasjonen."
    if idag > p.sendes_senest:
        return S.UTGATT, "Ikke sendt i tide."
    return None


def _lenke(sti: str) -> str:
    return f"{settings.FAGBREV_BASE_URL}{sti}" if sti.startswith("/") else sti


def _epost(*, emne: str, mal: str, context: dict, til: str) -> None:
    """One plain-text e-mail. The subject names the kind, never a person or an identity number."""
    tekst = render_to_string(mal, {"base_url": settings.FAGBREV_BASE_URL, **context})
    send_epost(EmailMessage(emne, tekst, None, [til], headers=AUTOMATISK))


# RFC 3834: a machine wrote these, so mail servers and people's out-of-office replies leave them be
AUTOMATISK = {"Auto-Submitted": "auto-generated"}


def send_epost(melding: EmailMessage) -> None:
    """The one place a reminder leaves (tests replace it to make the mail server fail)."""
    melding.send(fail_silently=False)


def _avslutt(krav: uuid.UUID, status: str, merknad: str = "", **filter_) -> int:
    felt = {"status": status, "merknad": merknad[:300]}
    if status == S.SENDT:
        felt["sendt"] = timezone.now()
    return Paminnelse.objects.filter(krav=krav, status=S.SENDER, **filter_).update(**felt)


def _lever(krav: uuid.UUID, send: Callable[[], str | None], *, siste_forsok: bool, hva: str) -> str:
    """Run `send` for the claimed rows and close them as it went: sent; cancelled with the reason it
    returned; failed; or, on a temporary error before the last attempt, released for the task's retry
    (`MidlertidigFeil`). `hva` names the reminder in the log line of a failure. Returns the status."""
    try:
        hindring = send()
    except Exception as feil:
        navn = type(feil).__name__
        if er_midlertidig(feil) and not siste_forsok:
            _avslutt(krav, S.PLANLAGT, f"Midlertidig feil: {navn}")
            raise MidlertidigFeil(navn) from feil
        _avslutt(krav, S.FEILET, f"Feil ved sending: {navn}")
        logger.warning("%s ble ikke sendt: %s", hva, navn)
        return S.FEILET
    if hindring:
        _avslutt(krav, S.KANSELLERT, hindring)
        return S.KANSELLERT
    _avslutt(krav, S.SENDT)
    return S.SENDT


def paminnelse_send(*, paminnelse_id: int, siste_forsok: bool = True) -> str:
    """Deliver one reminder by e-mail. Returns what happened (for logs and tests).

    Not one transaction: the claim must be committed before the mail leaves, so a second worker
    sees the row taken. On a temporary error the claim is released and `MidlertidigFeil` raised
    for the task to retry, unless this was the last attempt.
    """
    krav = uuid.uuid4()
    tatt = Paminnelse.objects.filter(pk=paminnelse_id, status=S.PLANLAGT).update(
        status=S.SENDER, krav=krav, tatt=timezone.now(), forsok=F("forsok") + 1
    )
    if not tatt:
        return "allerede tatt"
    p = Paminnelse.objects.select_related("mottaker", "kontaktperson").get(pk=paminnelse_id)
    if p.kontaktperson_id:
        return _send_til_kontaktperson(p, krav, siste_forsok=siste_forsok)
    bruker = p.mottaker
    if hindring := _ikke_lenger_aktuell(p, bruker, timezone.localdate()):
        _avslutt(krav, *hindring)
        return hindring[0]
    if not bruker.email:
        _avslutt(krav, S.SENDT, "Ingen e-postadresse; bare varsel i Fagbrev.")
        return S.SENDT

    if p.art == Art.UKESOPPSUMMERING:
        emne, mal = "Fagbrev: ukeoversikt", "email/paminnelse_ukeoversikt.txt"
        context = {
            "p": p,
            "bruker": bruker,
            "lenke": _lenke(p.lenke),
            "deler": ukeoversikt.bygg(organisasjon_id=p.organisasjon_id, mottaker=bruker, idag=p.dato),
        }
    else:
        emne, mal = f"Fagbrev: påminnelse om {p.get_art_display().lower()}", "email/paminnelse.txt"
        context = {"p": p, "bruker": bruker, "lenke": _lenke(p.lenke)}
    return _lever(
        krav,
        partial(_epost, emne=emne, mal=mal, context=context, til=bruker.email),
        siste_forsok=siste_forsok,
        hva=f"Påminnelse {paminnelse_id}",
    )


def _send_til_kontaktperson(p: Paminnelse, krav: uuid.UUID, *, siste_forsok: bool) -> str:
    """A fadder's reminder: e-mail only, to the address on the contact person, with no link to log in to."""
    kontakt = p.kontaktperson
    if not kontakt.aktiv:
        _avslutt(krav, S.KANSELLERT, "Kontaktpersonen er ikke lenger aktiv.")
        return S.KANSELLERT
    if timezone.localdate() > p.sendes_senest:
        _avslutt(krav, S.UTGATT, "Ikke sendt i tide.")
        return S.UTGATT
    if not kontakt.epost:
        _avslutt(krav, S.FEILET, "Kontaktpersonen har ingen e-postadresse.")
        return S.FEILET
    context = {"p": p, "kontakt": kontakt, **(ekstra_innhold(p) or {})}
    regel = REGLER.get(p.regel)
    if regel is not None and regel.levering is not None:  # the rule's app sends its own (a link for one task)
        send = partial(regel.levering, p)
    else:
        send = partial(
            _epost,
            emne=f"Fagbrev: {p.get_art_display().lower()}",
            mal="email/paminnelse_fadder.txt",
            context=context,
            til=kontakt.epost,
        )
    return _lever(krav, send, siste_forsok=siste_forsok, hva=f"Påminnelse {p.pk}")


def ekstra_innhold(p: Paminnelse) -> dict | None:
    """More text for the e-mail than the title holds (the month's topic and its description). One query."""
    if p.art == Art.MANEDSTEMA:
        tema = Manedstema.objects.filter(pk=p.objekt_id).values("tema", "beskrivelse", "maned").first()
        return {"tema": tema} if tema else None
    return None


def paminnelser_send_samlet(*, bruker_id: int, idag: datetime.date, siste_forsok: bool = True) -> str:
    """One e-mail with all of the user's waiting reminders of the kinds she wants as a daily digest.

    Claims the rows with one compare-and-set update marked with a fresh id, so a duplicate task
    finds nothing left to claim.
    """
    valg = varslingsvalg_for(bruker_id)
    arter = [art for art in Art.values if levering_for(valg, art) == Levering.DAGLIG]
    krav = uuid.uuid4()
    antall = Paminnelse.objects.filter(mottaker_id=bruker_id, status=S.PLANLAGT, dato__lte=idag, art__in=arter).update(
        status=S.SENDER, krav=krav, tatt=timezone.now(), forsok=F("forsok") + 1
    )
    if not antall:
        return "ingenting å sende"
    bruker = User.objects.get(pk=bruker_id)
    rader = list(Paminnelse.objects.filter(krav=krav, status=S.SENDER).order_by("art", "tittel"))
    naa = timezone.localdate()
    aktuelle = []
    for p in rader:
        if hindring := _ikke_lenger_aktuell(p, bruker, naa):
            _avslutt(krav, *hindring, pk=p.pk)
        else:
            aktuelle.append(p)
    if not aktuelle:
        return "ingenting aktuelt"
    if not bruker.email:
        _avslutt(krav, S.SENDT, "Ingen e-postadresse; bare varsel i Fagbrev.")
        return S.SENDT
    return _lever(
        krav,
        partial(
            _epost,
            emne=f"Fagbrev: {len(aktuelle)} påminnelse{'r' if len(aktuelle) != 1 else ''}",
            mal="email/paminnelse_samlet.txt",
            context={"rader": [(p, _lenke(p.lenke)) for p in aktuelle], "bruker": bruker, "idag": idag},
            til=bruker.email,
        ),
        siste_forsok=siste_forsok,
        hva=f"Samlet påminnelse til bruker {bruker_id}",
    )


# --- in-app notifications --------------------------------------------------------------------------


def paminnelse_marker_lest(*, user: User, paminnelse_id: int) -> int:
    """Mark one of the user's notifications read. Someone else's id changes nothing (returns 0)."""
    return Paminnelse.objects.for_bruker(user).filter(pk=paminnelse_id, lest__isnull=True).update(lest=timezone.now())


def paminnelser_marker_alle_lest(*, user: User) -> int:
    return Paminnelse.objects.for_bruker(user).uleste().update(lest=timezone.now())


# --- calendar feed tokens ------------------------------------------------------------------------


@transaction.atomic
def kalenderabonnement_opprett(*, bruker: User, utfort_av: User) -> Kalenderabonnement:
    """A new secret feed address for the user; any old one stops working at once."""
    Kalenderabonnement.objects.filter(bruker=bruker).delete()
    abonnement = Kalenderabonnement.objects.create(bruker=bruker)
    hendelse_logg(handling="paminnelser.kalender.opprettet", objekt=bruker, utfort_av=utfort_av)
    return abonnement


@transaction.atomic
def kalenderabonnement_tilbakekall(*, bruker: User, utfort_av: User) -> bool:
    slettet, _ = Kalenderabonnement.objects.filter(bruker=bruker).delete()
    if slettet:
        hendelse_logg(handling="paminnelser.kalender.tilbakekalt", objekt=bruker, utfort_av=utfort_av)
    return bool(slettet)
