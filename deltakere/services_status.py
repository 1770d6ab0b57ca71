"""A case's status over time: changes in force and planned, and leave. The one write path for status.

A change takes effect on its date. One dated today or earlier is in force at once; one dated later is
stored as *planned* and put in force on its day by `statusendringer_iverksett` (the daily Celery beat
job and `manage.py send_reminders`). Until then it can be moved or withdrawn. A case has at most one
planned change, and no other change is made while it waits: the next change starts from where the
planned one leaves the case. Which status a case has on a day is `models.status_pa_dato`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fagbrev.models import User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett, pakrevd_tekst

from . import overganger
from .models import Avbrudd, Deltaker, Permisjon, Statusendring
from .statusgrupper import Status

S = Status
logger = logging.getLogger(__name__)

KONFLIKT = (
    "Saken er endret av noen andre siden du åpnet den. Last siden på nytt og gjør endringen en gang til "
    "(det du skrev står fortsatt i skjemaet)."
)


def _idag() -> datetime.date:
    return timezone.localdate()


@contextmanager
def samtidig_avvist(melding: str, *, code: str) -> Iterator[None]:
    """Insert a row that a unique rule keeps single, in a savepoint: when someone else wrote it at the
    same moment, the database's refusal becomes the user's `ValidationError` (and the outer transaction
    goes on)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(melding, code=code) from None


def _endring_tekst(endring: Statusendring) -> str:
    return f"{endring.get_til_status_display()} fra {endring.dato:%d.%m.%Y}"


def _i_kraft_tekst(endring: Statusendring, *, besluttet: datetime.datetime | None = None) -> str:
    """The timeline's line for a change in force (at once, or on its day when it was planned)."""
    nar = f"gjelder fra {endring.dato:%d.%m.%Y}" + (f", besluttet {besluttet:%d.%m.%Y}" if besluttet else "")
    return f"Status: {endring}. {endring.begrunnelse} ({nar})"  # the model's str: «fra → til»


def sak_versjon_opp(deltaker_id: int, **som_lest: object) -> bool:
    """Count the case's version up, so that a form opened before this change is refused. With `som_lest`
    (e.g. `versjon=`) a compare-and-set: False when the case no longer is as read."""
    endret = Deltaker.objects.filter(pk=deltaker_id, **som_lest).update(versjon=F("versjon") + 1, endret=timezone.now())
    return endret == 1


def planlagt_endring(*, deltaker: Deltaker) -> Statusendring | None:
    """The case's planned change (not yet in force), if any."""
    return Statusendring.objects.filter(deltaker=deltaker, iverksatt__isnull=True).first()


def planlagt_hindring(*, deltaker: Deltaker) -> str | None:
    """Why no other change can be made now (None when none is planned): the planned one comes first."""
    planlagt = planlagt_endring(deltaker=deltaker)
    if planlagt is None:
        return None
    return f"Saken har en planlagt endring: «{_endring_tekst(planlagt)}». Flytt eller trekk den tilbake først."


def dato_hindring(*, deltaker: Deltaker, dato: datetime.date) -> str | None:
    """Why a change of this case cannot take effect on `dato` (None when it can): not before the last
    change in force, so the history reads in order and "the status on a day" has one answer."""
    forrige = Statusendring.objects.filter(deltaker=deltaker, iverksatt__isnull=False).order_by("-dato", "-pk").first()
    if forrige is not None and dato < forrige.dato:
        return (
            f"Endringen kan ikke gjelde fra før forrige statusendring ({forrige.get_til_status_display()} fra "
            f"{forrige.dato:%d.%m.%Y})."
        )
    return None


@transaction.atomic
def deltaker_endre_status(
    *,
    deltaker: Deltaker,
    til: str,
    begrunnelse: str,
    utfort_av: User | None,
    dato: datetime.date | None = None,
    versjon: int | None = None,
    permisjon: Permisjon | None = None,
    datofelt: str = "dato",
) -> Statusendring:
    """Move the case to `til` from `dato` (today if not given) if the transition table and its rules
    allow it; record who decided it, when, why and from which day. A later date plans the change."""
    begrunnelse = pakrevd_tekst(begrunnelse, felt="begrunnelse", melding="Skriv hvorfor statusen endres.")
    idag = _idag()
    dato = dato or idag
    if feil := planlagt_hindring(deltaker=deltaker):
        raise ValidationError(feil, code="planlagt_finnes")
    grunner = overganger.hindringer(deltaker, til)
    if grunner:
        raise ValidationError(grunner, code="ulovlig_overgang")
    feil = dato_hindring(deltaker=deltaker, dato=dato)
    if feil:
        raise ValidationError({datofelt: feil})
    fra = deltaker.status
    if versjon is None:
        versjon = deltaker.versjon
    i_kraft = dato <= idag
    antall = Deltaker.objects.filter(pk=deltaker.pk, status=fra, versjon=versjon).update(
        status=til if i_kraft else fra, versjon=versjon + 1, endret=timezone.now()
    )
    if antall != 1:
        raise ValidationError(KONFLIKT, code="konflikt")
    deltaker.versjon = versjon + 1
    if i_kraft:
        deltaker.status = til
        if fra == S.PERMISJON:
            _permisjon_avslutt(deltaker=deltaker, tilbake=dato, utfort_av=utfort_av)
    with samtidig_avvist(KONFLIKT, code="konflikt"):  # another planned change was saved at the same moment
        return statusendring_skriv(
            deltaker=deltaker,
            fra=fra,
            til=til,
            dato=dato,
            begrunnelse=begrunnelse,
            utfort_av=utfort_av,
            planlagt=not i_kraft,
            permisjon=permisjon,
        )


def statusendring_skriv(
    *,
    deltaker: Deltaker,
    fra: str,
    til: str,
    dato: datetime.date,
    begrunnelse: str,
    utfort_av: User | None,
    planlagt: bool = False,
    permisjon: Permisjon | None = None,
) -> Statusendring:
    """The record of a change of status and its timeline entry (the status itself is set by the caller)."""
    endring = Statusendring(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        fra_status=fra,
        til_status=til,
        dato=dato,
        begrunnelse=begrunnelse[:500],
        utfort_av=utfort_av,
        iverksatt=None if planlagt else timezone.now(),
        permisjon=permisjon,
    )
    return objekt_opprett(
        endring,
        "deltakere.status.planlagt" if planlagt else "deltakere.status.endret",
        utfort_av,
        valider=False,
        beskrivelse=(
            f"Planlagt status: {S(fra).label} → {S(til).label} fra {dato:%d.%m.%Y}. {begrunnelse}"
            if planlagt
            else _i_kraft_tekst(endring)
        ),
        deltaker_id=deltaker.pk,
        endringer={"status": [fra, til], "gjelder_fra": [None, dato.isoformat()]},
    )


def _hent_planlagt(endring: Statusendring) -> Statusendring:
    """The planned change, locked; refused when it has taken effect (or was withdrawn) meanwhile."""
    rad = Statusendring.objects.select_for_update().filter(pk=endring.pk, iverksatt__isnull=True).first()
    if rad is None:
        raise ValidationError("Endringen er ikke lenger planlagt: den har trådt i kraft eller er trukket tilbake.")
    return rad


@transaction.atomic
def statusendring_flytt(*, endring: Statusendring, dato: datetime.date, utfort_av: User) -> Statusendring:
    """Move a planned change to another day; a day that has come puts it in force at once."""
    endring = _hent_planlagt(endring)
    deltaker = endring.deltaker
    feil = dato_hindring(deltaker=deltaker, dato=dato)
    if feil:
        raise ValidationError({"dato": feil})
    permisjon = endring.permisjon
    if permisjon is not None and dato > permisjon.til:
        raise ValidationError({"dato": f"Permisjonen slutter {permisjon.til:%d.%m.%Y} og kan ikke begynne etter det."})
    gammel = endring.dato
    endring.dato = dato
    endring.save(update_fields=["dato"])
    if permisjon is not None:
        permisjon.fra = dato
        permisjon.save(update_fields=["fra"])
    if endring.til_status == S.AVBRUTT:  # the termination's record carries the same day
        Avbrudd.objects.filter(deltaker=deltaker).update(dato=dato)
    sak_versjon_opp(deltaker.pk)
    hendelse_logg(
        handling="deltakere.status.flyttet",
        objekt=endring,
        utfort_av=utfort_av,
        deltaker_id=deltaker.pk,
        beskrivelse=f"Planlagt «{endring.get_til_status_display()}» flyttet fra {gammel:%d.%m.%Y} til {dato:%d.%m.%Y}.",
        endringer={"gjelder_fra": [gammel.isoformat(), dato.isoformat()]},
    )
    if dato <= _idag():
        _iverksett(endring.pk)
        endring.refresh_from_db()
    return endring


@transaction.atomic
def statusendring_trekk(*, endring: Statusendring, utfort_av: User) -> None:
    """Withdraw a planned change before its day. A planned leave or termination is withdrawn with it (it
    never happened); the timeline keeps what was planned and who withdrew it."""
    endring = _hent_planlagt(endring)
    permisjon = endring.permisjon
    tekst = _endring_tekst(endring)
    hendelse_logg(
        handling="deltakere.status.trukket",
        objekt=endring.deltaker,
        utfort_av=utfort_av,
        deltaker_id=endring.deltaker_id,
        beskrivelse=f"Planlagt «{tekst}» trukket tilbake (besluttet {timezone.localtime(endring.tidspunkt):%d.%m.%Y}).",
        endringer={"status": [endring.til_status, None], "gjelder_fra": [endring.dato.isoformat(), None]},
    )
    endring.delete()
    if permisjon is not None:
        permisjon.delete()
    if endring.til_status == S.AVBRUTT:  # a planned termination withdrawn: the pathway goes on
        Avbrudd.objects.filter(deltaker_id=endring.deltaker_id).delete()
    sak_versjon_opp(endring.deltaker_id)


def _iverksett(pk: int) -> bool:
    """Put one planned change in force (compare-and-set: twice is once). True when it did."""
    with transaction.atomic():
        endring = Statusendring.objects.select_for_update().filter(pk=pk, iverksatt__isnull=True).first()
        if endring is None:
            return False
        antall = Deltaker.objects.filter(pk=endring.deltaker_id, status=endring.fra_status).update(
            status=endring.til_status, versjon=F("versjon") + 1, endret=timezone.now()
        )
        if antall != 1:  # the case moved another way meanwhile: leave it planned for a person to see
            logger.warning("Planlagt statusendring %s passer ikke lenger til sakens status.", pk)
            return False
        endring.iverksatt = timezone.now()
        endring.save(update_fields=["iverksatt"])
        if endring.fra_status == S.PERMISJON:
            _permisjon_avslutt(deltaker=endring.deltaker, tilbake=endring.dato, utfort_av=None)
        hendelse_logg(
            handling="deltakere.status.endret",
            objekt=endring,
            utfort_av=None,
            deltaker_id=endring.deltaker_id,
            beskrivelse=_i_kraft_tekst(endring, besluttet=timezone.localtime(endring.tidspunkt)),
            endringer={"status": [endring.fra_status, endring.til_status]},
        )
        return True


def statusendringer_iverksett(*, idag: datetime.date | None = None) -> int:
    """Put in force every planned change whose day has come. Idempotent; the daily job calls it."""
    idag = idag or _idag()
    forfalte = Statusendring.objects.filter(iverksatt__isnull=True, dato__lte=idag).order_by("dato", "pk")
    return sum(_iverksett(pk) for pk in forfalte.values_list("pk", flat=True))


# --- leave ------------------------------------------------------------------------------------------


@transaction.atomic
def permisjon_registrer(
    *,
    deltaker: Deltaker,
    fra: datetime.date,
    til: datetime.date,
    arsak: str,
    utfort_av: User,
    fylke_informert: bool = False,
    godkjent_av_fylket: bool = False,
    versjon: int | None = None,
) -> Permisjon:
    """Register a leave, once, on the case: the case moves to «Permisjon» on its first day (planned until
    then). Approved by the county, its days inside the learning contract lengthen the contract."""
    arsak = pakrevd_tekst(arsak, felt="arsak", melding="Skriv årsaken til permisjonen.")
    permisjon = Permisjon(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        fra=fra,
        til=til,
        arsak=arsak,
        fylke_informert=fylke_informert,
        godkjent_av_fylket=godkjent_av_fylket,
    )
    permisjon.full_clean(exclude=["deltaker", "organisasjon"])  # the model's rules, with its messages
    permisjon.save()
    deltaker_endre_status(
        deltaker=deltaker,
        til=S.PERMISJON,
        begrunnelse=f"Permisjon {fra:%d.%m.%Y}–{til:%d.%m.%Y}: {arsak}",
        dato=fra,
        utfort_av=utfort_av,
        versjon=versjon,
        permisjon=permisjon,
        datofelt="fra",
    )
    hendelse_logg(
        handling="deltakere.permisjon.registrert",
        objekt=permisjon,
        utfort_av=utfort_av,
        deltaker_id=deltaker.pk,
        beskrivelse=f"{permisjon} ({permisjon.dager} dager"
        f"{', godkjent av fylket' if godkjent_av_fylket else ', venter på fylket'})",
    )
    return permisjon


@transaction.atomic
def permisjon_godkjenn(*, permisjon: Permisjon, godkjent: bool, utfort_av: User) -> Permisjon:
    """Record the county's approval of a leave (or take it back): approved leave lengthens the contract."""
    objekt_endre(
        permisjon,
        "deltakere.permisjon.godkjenning",
        utfort_av,
        {"godkjent_av_fylket": godkjent},
        bare_ved_endring=True,
        beskrivelse=f"{permisjon}: {'godkjent av fylket' if godkjent else 'ikke godkjent av fylket'}",
        deltaker_id=permisjon.deltaker_id,
    )
    return permisjon


def _permisjon_avslutt(*, deltaker: Deltaker, tilbake: datetime.date, utfort_av: User | None) -> None:
    """Back from leave on `tilbake`: a leave planned to last longer ends the day before (the days not
    taken do not lengthen the contract)."""
    permisjon = Permisjon.objects.filter(deltaker=deltaker, fra__lt=tilbake, til__gte=tilbake).order_by("-fra").first()
    if permisjon is None:
        return
    objekt_endre(
        permisjon,
        "deltakere.permisjon.avsluttet",
        utfort_av,
        {"til": tilbake - datetime.timedelta(days=1)},
        valider=False,
        beskrivelse=f"Tilbake fra permisjon {tilbake:%d.%m.%Y}",
        deltaker_id=deltaker.pk,
    )
