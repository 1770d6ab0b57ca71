"""Writes to participants' case files. Every change is logged with who did it.

Edits of a case are guarded by optimistic locking: the form carries the `versjon` it was read at, and
the write is a compare-and-set (`UPDATE … WHERE versjon = read`). A second coordinator who saves an
older version is refused instead of silently overwriting the first.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from fagbrev.identifikatorer import fodselsdato_fra_nummer, normaliser_fodselsnummer
from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett, pakrevd_tekst

from . import signaler, statusgrupper
from .models import Avbrudd, Deltaker, Utfall, Utstyrslan, Vedlegg
from .services_dokumenter import dokument_last_opp

# The status write path and leave live in services_status; named here too, where callers look first.
from .services_status import (  # noqa: F401
    KONFLIKT,
    _idag,
    deltaker_endre_status,
    permisjon_godkjenn,
    permisjon_registrer,
    planlagt_endring,
    sak_versjon_opp,
    samtidig_avvist,
    statusendring_flytt,
    statusendring_skriv,
    statusendring_trekk,
    statusendringer_iverksett,
)

S = Deltaker.Status
DUPLIKAT = "Personen er allerede registrert i organisasjonen."


def _las(deltaker: Deltaker, versjon: int | None) -> None:
    """Compare-and-set on the case version; refuse when someone else saved in between."""
    if versjon is None:
        versjon = deltaker.versjon
    if not sak_versjon_opp(deltaker.pk, versjon=versjon):
        raise ValidationError(KONFLIKT, code="konflikt")
    deltaker.versjon = versjon + 1


# --- referral and the person ----------------------------------------------------------------------


def deltaker_finn_duplikat(*, organisasjon_id: int, fodselsnummer: str) -> Deltaker | None:
    """The existing case with this identity number in the organisation, if any."""
    if not fodselsnummer:
        return None
    return Deltaker.objects.filter(organisasjon_id=organisasjon_id, fodselsnummer=fodselsnummer).first()


@transaction.atomic
def deltaker_registrer(
    *,
    fagretning: Fagretning,
    utfort_av: User | None,
    fornavn: str,
    etternavn: str,
    fodselsnummer: str = "",
    **felter: Any,
) -> Deltaker:
    """Register a referred person. The birth date comes from the number where the number tells it.

    A number already registered in the organisation is refused (code "duplikat"); the referral view
    looks first and leads to the existing case instead.
    """
    if fodselsnummer:
        fodselsnummer = normaliser_fodselsnummer(fodselsnummer)
        if deltaker_finn_duplikat(organisasjon_id=fagretning.organisasjon_id, fodselsnummer=fodselsnummer):
            raise ValidationError(DUPLIKAT, code="duplikat")
        if not felter.get("fodselsdato"):  # the form may send the field empty: the number says it
            felter["fodselsdato"] = fodselsdato_fra_nummer(fodselsnummer)
    felter.setdefault("henvist_dato", _idag())
    try:
        with transaction.atomic():
            deltaker = Deltaker.objects.create(
                organisasjon_id=fagretning.organisasjon_id,
                fagretning=fagretning,
                fornavn=fornavn,
                etternavn=etternavn,
                fodselsnummer=fodselsnummer,
                **felter,
            )
    except IntegrityError:  # two registrations of the same number at the same moment
        raise ValidationError(DUPLIKAT, code="duplikat") from None
    henviser = f" av {deltaker.get_henvist_av_display()}" if deltaker.henvist_av else ""
    hendelse_logg(
        handling="deltakere.deltaker.registrert",
        objekt=deltaker,
        utfort_av=utfort_av,
        beskrivelse=f"Henvist{henviser} til {fagretning.navn}",
    )
    return deltaker


@transaction.atomic
def henvisning_registrer(
    *,
    fagretning: Fagretning,
    utfort_av: User,
    cv: UploadedFile | None = None,
    referanser: UploadedFile | None = None,
    **felter: Any,
) -> Deltaker:
    """Register a referral with its CV and references: the case and its files, all or none."""
    deltaker = deltaker_registrer(fagretning=fagretning, utfort_av=utfort_av, **felter)
    for fil, type_ in ((cv, Vedlegg.Type.CV), (referanser, Vedlegg.Type.REFERANSE)):
        if fil:
            dokument_last_opp(deltaker=deltaker, fil=fil, type=type_, utfort_av=utfort_av)
    return deltaker


# The person's details the referral form registers, in the form's order. The track (`rute`) is set at
# referral; afterwards it changes only through the track switch (services_rute.rute_bytt), with its history.
REGISTRER_FELTER = (
    "fornavn",
    "etternavn",
    "fodselsnummer",
    "fodselsdato",
    "telefon",
    "epost",
    "adresse",
    "tolk_sprak",
    "fagretning",
    "rute",
    "kull",
    "faglarer",
    "norsklarer",
    "henvist_av",
    "henviser_kontakt",
    "henvist_dato",
)
# ... and those the participant form edits.
ENDRE_FELTER = tuple(f for f in REGISTRER_FELTER if f != "rute")


@transaction.atomic
def deltaker_endre(*, deltaker: Deltaker, versjon: int | None, utfort_av: User, **felter: Any) -> Deltaker:
    """Change the person's details and who teaches her. Refused if the case changed since `versjon`."""
    ukjente = set(felter) - set(ENDRE_FELTER)
    if ukjente:
        raise ValueError(f"Kan ikke endre {sorted(ukjente)} her.")
    if felter.get("fodselsnummer"):
        felter["fodselsnummer"] = normaliser_fodselsnummer(felter["fodselsnummer"])
        annen = deltaker_finn_duplikat(organisasjon_id=deltaker.organisasjon_id, fodselsnummer=felter["fodselsnummer"])
        if annen and annen.pk != deltaker.pk:
            raise ValidationError(
                {"fodselsnummer": "En annen sak i organisasjonen har dette fødselsnummeret."}, code="duplikat"
            )
    for navn in ("fagretning", "kull"):
        obj = felter.get(navn)
        if obj is not None and obj.organisasjon_id != deltaker.organisasjon_id:
            raise ValidationError({navn: "Velg en som hører til organisasjonen."})
    if felter.get("kull") and felter["kull"].fagretning_id != felter.get("fagretning", deltaker.fagretning).pk:
        raise ValidationError({"kull": "Kullet hører til en annen fagretning."})
    _las(deltaker, versjon)
    fodselsdato = deltaker.fodselsdato
    objekt_endre(
        deltaker,
        "deltakere.deltaker.endret",
        utfort_av,
        felter,
        valider=False,
        bare_ved_endring=True,
        ogsa_lagre=["endret"],
        beskrivelse=lambda endringer: (
            "Opplysninger endret: " + ", ".join(Deltaker._meta.get_field(f).verbose_name for f in endringer)
        ),
    )
    if deltaker.fodselsdato != fodselsdato:  # e.g. the stipend rate depends on age (lop recomputes its months)
        signaler.fodselsdato_endret.send(sender=Deltaker, deltaker=deltaker, utfort_av=utfort_av)
    return deltaker


# --- termination, completion ---------------------------------------------------------------


@transaction.atomic
def avbrudd_registrer(
    *,
    deltaker: Deltaker,
    dato: datetime.date,
    kategori: str,
    arsak: str,
    utfort_av: User,
    avslutningsmote: datetime.date | None = None,
    attest_mottatt: bool = False,
    fylke_informert: bool = False,
    versjon: int | None = None,
) -> Avbrudd:
    """End the pathway early. Nothing is deleted; the case keeps its whole history."""
    arsak = pakrevd_tekst(arsak, felt="arsak", melding="Beskriv hvorfor løpet avbrytes.")
    avbrudd = Avbrudd.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        dato=dato,
        kategori=kategori,
        arsak=arsak,
        avslutningsmote=avslutningsmote,
        attest_mottatt=attest_mottatt,
        fylke_informert=fylke_informert,
        utfort_av=utfort_av,
    )
    deltaker_endre_status(
        deltaker=deltaker,
        til=S.AVBRUTT,
        begrunnelse=f"{avbrudd.get_kategori_display()}: {arsak}",
        dato=dato,
        utfort_av=utfort_av,
        versjon=versjon,
    )
    return avbrudd


# --- outcome after the pathway ---------------------------------------------------------------


def _utfall_tekst(utfall: Utfall) -> str:
    tekst = f"Utfall {utfall.get_tidspunkt_display().lower()}: {utfall.get_situasjon_display()}"
    if utfall.arbeidsgiver:
        tekst += f" ({utfall.arbeidsgiver})"
    return f"{tekst}, {utfall.dato:%d.%m.%Y}"


@transaction.atomic
def utfall_registrer(
    *,
    deltaker: Deltaker,
    tidspunkt: str,
    situasjon: str,
    dato: datetime.date,
    utfort_av: User,
    arbeidsgiver: str = "",
) -> Utfall:
    """Record where the participant stands at completion or six months after, or correct it.

    Only for a closed case (fullført, or avbrutt when the coordinator knows what came next). The
    six-month outcome can be dated from six months after the case ended (the date of the status
    change), not before. A correction edits the one row per point in time; the event log keeps
    the values before and after, so the case's timeline shows the history.
    """
    from .selectors import avslutningsdato, utfall_frist_seks_maneder

    T = Utfall.Tidspunkt
    if deltaker.status not in statusgrupper.LOP_AVSLUTTET:
        raise ValidationError("Utfall kan registreres når løpet er fullført eller avbrutt.", code="ikke_avsluttet")
    if tidspunkt not in T.values:
        raise ValueError(f"Ukjent tidspunkt {tidspunkt!r}.")
    if situasjon not in Utfall.Situasjon.values:
        raise ValidationError({"situasjon": "Velg en situasjon fra listen."})
    if dato > _idag():
        raise ValidationError({"dato": "Datoen kan ikke være i fremtiden."})
    if tidspunkt == T.SEKS_MANEDER:
        avsluttet = avslutningsdato(deltaker=deltaker)
        if avsluttet is None:
            raise ValidationError(
                "Fant ikke datoen løpet ble avsluttet, så seks måneder etter kan ikke regnes ut.", code="uten_dato"
            )
        frist = utfall_frist_seks_maneder(avsluttet)
        if dato < frist:
            raise ValidationError(
                {
                    "dato": f"Utfallet seks måneder etter kan tidligst gjelde {frist:%d.%m.%Y} (avsluttet "
                    f"{avsluttet:%d.%m.%Y})."
                }
            )
    felter = {"situasjon": situasjon, "dato": dato, "arbeidsgiver": (arbeidsgiver or "").strip()}
    utfall = Utfall.objects.select_for_update().filter(deltaker=deltaker, tidspunkt=tidspunkt).first()
    if utfall is None:
        utfall = Utfall(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            tidspunkt=tidspunkt,
            registrert_av=utfort_av,
            **felter,
        )
        with samtidig_avvist(KONFLIKT, code="konflikt"):  # two coordinators at once: the other one was first
            return objekt_opprett(
                utfall, "deltakere.utfall.registrert", utfort_av, valider=False, beskrivelse=_utfall_tekst
            )

    def registrert_na(endringer: dict) -> None:
        utfall.registrert_av = utfort_av

    objekt_endre(
        utfall,
        "deltakere.utfall.endret",
        utfort_av,
        felter,
        valider=False,
        bare_ved_endring=True,
        for_lagring=registrert_na,
        ogsa_lagre=["registrert_av", "endret"],
        beskrivelse=lambda endringer: f"{_utfall_tekst(utfall)} (endret)",
    )
    return utfall


# --- equipment ------------------------------------------------------------------------------------


@transaction.atomic
def utstyr_lan_ut(
    *, deltaker: Deltaker, hva: str, serienummer: str, utlant: datetime.date, utfort_av: User
) -> Utstyrslan:
    if utlant > _idag():
        raise ValidationError({"utlant": "Utlånsdatoen kan ikke være i fremtiden."})
    lan = Utstyrslan(
        organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, hva=hva, serienummer=serienummer, utlant=utlant
    )
    return objekt_opprett(
        lan,
        "deltakere.utstyr.utlant",
        utfort_av,
        valider=False,
        beskrivelse=f"Utstyr lånt ut: {hva}" + (f" ({serienummer})" if serienummer else ""),
    )


@transaction.atomic
def utstyr_returner(*, lan: Utstyrslan, returnert: datetime.date, utfort_av: User) -> Utstyrslan:
    if lan.returnert:
        raise ValidationError("Utstyret er allerede registrert som returnert.")
    if returnert < lan.utlant:
        raise ValidationError({"returnert": "Returdatoen kan ikke være før utlånsdatoen."})
    if returnert > _idag():
        raise ValidationError({"returnert": "Returdatoen kan ikke være i fremtiden."})
    objekt_endre(
        lan,
        "deltakere.utstyr.returnert",
        utfort_av,
        {"returnert": returnert},
        valider=False,
        beskrivelse=f"Utstyr returnert: {lan.hva}",
    )
    return lan
