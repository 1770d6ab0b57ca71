"""Writes to the steering group's records. Each runs in its own transaction and logs what changed
(fagbrev.services.objekt_endre / hendelse_logg), attributed to the user who did it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from fagbrev.models import Fagretning, Organisasjon, User
from fagbrev.services import hendelse_logg, objekt_endre

from .models import SEMESTER_REGEX, Kostnad, Sporplan, Sporsteg
from .steg import STEG

KOSTNAD_FELTER = ("fagretning", "semester", "art", "betaler", "belop", "merknad")


def _sjekk_kostnad(*, organisasjon_id: int, felter: dict) -> None:
    if felter["fagretning"].organisasjon_id != organisasjon_id:
        raise ValidationError({"fagretning": "Fagretningen hører til en annen organisasjon."})
    if not re.match(SEMESTER_REGEX, felter["semester"]):
        raise ValidationError({"semester": "Velg et semester."})


@transaction.atomic
def kostnad_registrer(*, organisasjon: Organisasjon, utfort_av: User, **felter) -> Kostnad:
    """Enter a cost for a track and semester."""
    _sjekk_kostnad(organisasjon_id=organisasjon.pk, felter=felter)
    kostnad = Kostnad(organisasjon=organisasjon, registrert_av=utfort_av)
    return objekt_endre(kostnad, "styring.kostnad.registrert", utfort_av, felter)


@transaction.atomic
def kostnad_endre(*, kostnad: Kostnad, utfort_av: User, **felter) -> Kostnad:
    _sjekk_kostnad(organisasjon_id=kostnad.organisasjon_id, felter=felter)
    return objekt_endre(kostnad, "styring.kostnad.endret", utfort_av, felter, bare_ved_endring=True)


@transaction.atomic
def kostnad_slett(*, kostnad: Kostnad, utfort_av: User) -> None:
    hendelse_logg(
        handling="styring.kostnad.slettet",
        objekt=kostnad,
        utfort_av=utfort_av,
        beskrivelse=f"{kostnad.get_art_display()}, {kostnad.fagretning}, {kostnad.semester}: {kostnad.belop} kr",
    )
    kostnad.delete()


@transaction.atomic
def sporplan_opprett(
    *,
    organisasjon: Organisasjon,
    utfort_av: User,
    navn: str,
    beskrivelse: str = "",
    fagretning: Fagretning | None = None,
) -> Sporplan:
    """A new planned track with its seven steps, all not started."""
    if fagretning is not None and fagretning.organisasjon_id != organisasjon.pk:
        raise ValidationError({"fagretning": "Fagretningen hører til en annen organisasjon."})
    plan = objekt_endre(
        Sporplan(organisasjon=organisasjon, opprettet_av=utfort_av),
        "styring.sporplan.opprettet",
        utfort_av,
        {"navn": navn, "beskrivelse": beskrivelse, "fagretning": fagretning},
    )
    Sporsteg.objects.bulk_create(Sporsteg(plan=plan, nummer=s.nummer) for s in STEG)
    return plan


@transaction.atomic
def sporplan_endre(*, plan: Sporplan, utfort_av: User, **felter) -> Sporplan:
    fagretning = felter.get("fagretning")
    if fagretning is not None and fagretning.organisasjon_id != plan.organisasjon_id:
        raise ValidationError({"fagretning": "Fagretningen hører til en annen organisasjon."})
    return objekt_endre(plan, "styring.sporplan.endret", utfort_av, felter, bare_ved_endring=True)


@transaction.atomic
def sporsteg_endre(*, steg: Sporsteg, utfort_av: User, **felter) -> Sporsteg:
    """Record a step's status, who, dates and notes. A finished step has a finish date (today's if none
    is given is not guessed: the form asks for it); a step not finished has none."""
    status, ferdig = felter.get("status", steg.status), felter.get("ferdig")
    if status == Sporsteg.Status.FERDIG and ferdig is None:
        raise ValidationError({"ferdig": "Oppgi når steget ble ferdig."})
    if status != Sporsteg.Status.FERDIG and ferdig is not None:
        raise ValidationError({"ferdig": "Et steg som ikke er ferdig, har ingen ferdigdato. Sett status til «Ferdig»."})
    startet = felter.get("startet")
    if startet and ferdig and ferdig < startet:
        raise ValidationError({"ferdig": "Ferdigdatoen kan ikke være før startdatoen."})
    return objekt_endre(
        steg,
        "styring.sporsteg.endret",
        utfort_av,
        felter,
        bare_ved_endring=True,
        ogsa_lagre=("endret_av", "endret"),
        for_lagring=lambda _: setattr(steg, "endret_av", utfort_av),
        organisasjon_id=steg.plan.organisasjon_id,
    )
