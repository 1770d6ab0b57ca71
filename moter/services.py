"""Writes to meetings and start-up meetings. Each runs in its own transaction and logs what changed with
the user who did it (fagbrev.services: `objekt_opprett`, `objekt_endre`, `hendelse_logg`); a change to a
participant's attendance is logged on her case."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from arbeidsgivere.models import Kontaktperson, Plassering
from deltakere.models import Deltaker
from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett

from .models import Deltakelse, Ekstern, Mote, Oppstartsmote

MOTE_FELTER = ("art", "dato", "klokken", "sted", "fagretning", "arrangor", "notat")
EKSTERN_FELTER = ("navn", "rolle", "telefon", "epost", "invitert", "mott")
OPPSTART_FELTER = (
    "dato",
    "koordinator",
    "leder",
    "leder_navn",
    "deltaker_tilstede",
    "forventninger",
    "roller",
    "oppstartsdato",
    "avtale_signert",
    "notat",
)


def _sjekk_mote(*, organisasjon_id: int, fagretning: Fagretning | None, arrangor: User) -> None:
    if fagretning is not None and fagretning.organisasjon_id != organisasjon_id:
        raise ValidationError({"fagretning": "Fagretningen hører til en annen organisasjon."})
    if organisasjon_id not in arrangor.roller:
        raise ValidationError({"arrangor": "Arrangøren må være koordinator eller lærer i organisasjonen."})


def _beskriv(mote: Mote) -> str:
    return f"{mote.get_art_display()} {mote.dato:%d.%m.%Y} kl. {mote.klokken:%H:%M}, {mote.sted}"


@transaction.atomic
def mote_opprett(*, organisasjon_id: int, utfort_av: User, **felter) -> Mote:
    """Plan a recruitment or information meeting."""
    _sjekk_mote(organisasjon_id=organisasjon_id, fagretning=felter.get("fagretning"), arrangor=felter["arrangor"])
    mote = Mote(organisasjon_id=organisasjon_id, registrert_av=utfort_av, **felter)
    return objekt_opprett(mote, "moter.mote.opprettet", utfort_av, beskrivelse=_beskriv)


@transaction.atomic
def mote_endre(*, mote: Mote, utfort_av: User, **felter) -> Mote:
    _sjekk_mote(
        organisasjon_id=mote.organisasjon_id,
        fagretning=felter.get("fagretning", mote.fagretning),
        arrangor=felter.get("arrangor", mote.arrangor),
    )
    return objekt_endre(mote, "moter.mote.endret", utfort_av, felter, bare_ved_endring=True)


@transaction.atomic
def mote_slett(*, mote: Mote, utfort_av: User) -> None:
    """Delete a meeting with its attendance records; each participant's case logs that her record went."""
    for d in mote.deltakelser.all():
        hendelse_logg(
            handling="moter.deltakelse.slettet",
            objekt=d,
            utfort_av=utfort_av,
            beskrivelse=f"Møtet ble slettet: {_beskriv(mote)}",
        )
    mote.deltakelser.all().delete()
    mote.eksterne.all().delete()
    hendelse_logg(handling="moter.mote.slettet", objekt=mote, utfort_av=utfort_av, beskrivelse=_beskriv(mote))
    mote.delete()


@transaction.atomic
def deltaker_legg_til(
    *, mote: Mote, deltaker: Deltaker, utfort_av: User, invitert: bool = True, mott: bool = False
) -> Deltakelse:
    """Put a participant (an existing case) on the meeting's list."""
    if deltaker.organisasjon_id != mote.organisasjon_id:
        raise ValidationError({"deltaker": "Deltakeren hører til en annen organisasjon."})
    if mote.deltakelser.filter(deltaker=deltaker).exists():
        raise ValidationError({"deltaker": f"{deltaker.navn} står allerede på listen."})
    return objekt_opprett(
        Deltakelse(organisasjon_id=mote.organisasjon_id, mote=mote, deltaker=deltaker, invitert=invitert, mott=mott),
        "moter.deltakelse.registrert",
        utfort_av,
        beskrivelse=_beskriv(mote),
    )


@transaction.atomic
def ekstern_legg_til(*, mote: Mote, utfort_av: User, **felter) -> Ekstern:
    """Put someone from outside (NAV, an employer, the introduction programme) on the meeting's list."""
    return objekt_opprett(
        Ekstern(organisasjon_id=mote.organisasjon_id, mote=mote, **felter),
        "moter.ekstern.registrert",
        utfort_av,
        beskrivelse=f"{felter['rolle']} på {_beskriv(mote)}",
    )


@transaction.atomic
def fra_listen_fjern(*, rad: Deltakelse | Ekstern, utfort_av: User) -> None:
    """Take a participant or an outside person off a meeting's list (a participant's case logs it)."""
    hendelse_logg(
        handling=f"moter.{rad._meta.model_name}.slettet",
        objekt=rad,
        utfort_av=utfort_av,
        beskrivelse=_beskriv(rad.mote),
    )
    rad.delete()


@transaction.atomic
def oppmote_registrer(
    *, mote: Mote, utfort_av: User, deltakelser_mott: Iterable[int], eksterne_mott: Iterable[int]
) -> int:
    """Who came: the listed attendees whose ids are given came, the others did not. Only rows that
    change are written and logged. Returns how many came."""
    mott_d, mott_e = set(deltakelser_mott), set(eksterne_mott)
    rader = [*mote.deltakelser.all(), *mote.eksterne.all()]
    for rad in rader:
        mott = rad.pk in (mott_d if isinstance(rad, Deltakelse) else mott_e)
        handling = "moter.deltakelse.oppmote" if isinstance(rad, Deltakelse) else "moter.ekstern.oppmote"
        objekt_endre(rad, handling, utfort_av, {"mott": mott}, valider=False, bare_ved_endring=True)
    return sum(1 for rad in rader if rad.mott)


def _sjekk_oppstart(plassering: Plassering, felter: dict) -> None:
    leder: Kontaktperson | None = felter.get("leder")
    if leder is not None and leder.arbeidssted_id != plassering.arbeidssted_id:
        raise ValidationError({"leder": "Lederen hører til et annet arbeidssted."})
    if leder is not None and felter.get("leder_navn"):
        raise ValidationError({"leder_navn": "Velg lederen i listen eller skriv navnet, ikke begge."})
    if leder is None and not felter.get("leder_navn"):
        raise ValidationError({"leder": "Velg lederen som var med, eller skriv navnet hennes nedenfor."})
    if felter["koordinator"].roller.get(plassering.organisasjon_id) is None:
        raise ValidationError({"koordinator": "Velg en koordinator i organisasjonen."})


@transaction.atomic
def oppstartsmote_registrer(*, plassering: Plassering, utfort_av: User, **felter) -> Oppstartsmote:
    """Record (or correct) the start-up meeting of a placement: who met, what they agreed, whether the
    avtale om deltakelse was signed. Logged on the participant's case."""
    _sjekk_oppstart(plassering, felter)
    mote = Oppstartsmote.objects.filter(plassering=plassering).first()
    if mote is None:
        mote = Oppstartsmote(organisasjon_id=plassering.organisasjon_id, plassering=plassering, registrert_av=utfort_av)
        handling = "moter.oppstartsmote.registrert"
    else:
        handling = "moter.oppstartsmote.endret"
    return objekt_endre(
        mote, handling, utfort_av, felter, bare_ved_endring=not mote._state.adding, deltaker_id=plassering.deltaker_id
    )


EKSTERN_KONTAKT_DAGER = 365  # an outside person's phone and e-mail are kept this long after the meeting


@transaction.atomic
def eksterne_kontaktdata_slett(*, idag: datetime.date) -> int:
    """Outside people's phone and e-mail are there only to reach them about a meeting: a year after it
    they are blanked (name and role stay, so the list still says who came). Logged per row, by the
    system. Running it twice changes nothing the second time."""
    rader = list(
        Ekstern.objects.filter(mote__dato__lt=idag - datetime.timedelta(days=EKSTERN_KONTAKT_DAGER)).exclude(
            telefon="", epost=""
        )
    )
    for rad in rader:
        objekt_endre(rad, "moter.ekstern.kontaktdata_slettet", None, {"telefon": "", "epost": ""}, valider=False)
    return len(rader)
