"""Writes for employers, workplaces, people there, placements, agreements and evaluations.

Every service is keyword-only, runs in a transaction, raises ValidationError with Norwegian
messages for broken rules and logs what it did (fagbrev.services.hendelse_logg).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from deltakere.politiattest import kan_starte_praksis
from fagbrev.identifikatorer import normaliser_orgnr
from fagbrev.models import Organisasjon, User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett

from .models import Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering

DUPLIKAT_ORGNR = "Det finnes allerede en arbeidsgiver med dette organisasjonsnummeret: {navn}."


def _dato(d: datetime.date) -> str:
    return f"{d:%d.%m.%Y}"


# --- employers ------------------------------------------------------------------------------------


def _sjekk_orgnr(*, organisasjon_id: int, orgnr: str, unntatt_pk: int | None = None) -> str:
    try:
        orgnr = normaliser_orgnr(orgnr)
    except ValidationError as feil:
        raise ValidationError({"orgnr": feil.messages}) from None
    annen = Arbeidsgiver.objects.filter(organisasjon_id=organisasjon_id, orgnr=orgnr).exclude(pk=unntatt_pk).first()
    if annen is not None:
        raise ValidationError({"orgnr": DUPLIKAT_ORGNR.format(navn=annen.navn)}, code="orgnr_duplikat")
    return orgnr


def _egne(fagretninger, organisasjon_id: int) -> list:
    """The tracks of the organisation among those chosen (a form can be sent with any id)."""
    return [f for f in fagretninger if f.organisasjon_id == organisasjon_id]


def _sjekk_kontaktperson(organisasjon_id: int, bruker: User | None) -> None:
    if bruker is not None and organisasjon_id not in bruker.organisasjoner_med():
        raise ValidationError({"kontaktperson_kommune": "Kontaktpersonen må være ansatt i vår organisasjon."})


@transaction.atomic
def arbeidsgiver_opprett(
    *, organisasjon: Organisasjon, utfort_av: User, navn: str, orgnr: str, fagretninger=(), **felter: Any
) -> Arbeidsgiver:
    """Register an employer. The same organisasjonsnummer twice in one organisation is refused."""
    orgnr = _sjekk_orgnr(organisasjon_id=organisasjon.pk, orgnr=orgnr)
    _sjekk_kontaktperson(organisasjon.pk, felter.get("kontaktperson_kommune"))
    arbeidsgiver = objekt_opprett(
        Arbeidsgiver(organisasjon=organisasjon, navn=navn, orgnr=orgnr, **felter),
        "arbeidsgivere.arbeidsgiver.opprettet",
        utfort_av,
        beskrivelse=f"Arbeidsgiver registrert: {navn}",
    )
    arbeidsgiver.fagretninger.set(_egne(fagretninger, organisasjon.pk))
    return arbeidsgiver


@transaction.atomic
def arbeidsgiver_endre(
    *, arbeidsgiver: Arbeidsgiver, utfort_av: User, fagretninger=None, **felter: Any
) -> Arbeidsgiver:
    if "orgnr" in felter:
        felter["orgnr"] = _sjekk_orgnr(
            organisasjon_id=arbeidsgiver.organisasjon_id, orgnr=felter["orgnr"], unntatt_pk=arbeidsgiver.pk
        )
    if "kontaktperson_kommune" in felter:
        _sjekk_kontaktperson(arbeidsgiver.organisasjon_id, felter["kontaktperson_kommune"])
    if fagretninger is not None:
        arbeidsgiver.fagretninger.set(_egne(fagretninger, arbeidsgiver.organisasjon_id))
    return objekt_endre(
        arbeidsgiver,
        "arbeidsgivere.arbeidsgiver.endret",
        utfort_av,
        felter,
        beskrivelse=f"Arbeidsgiver endret: {arbeidsgiver.navn}",
    )


# --- workplaces and people ------------------------------------------------------------------------


@transaction.atomic
def arbeidssted_opprett(*, arbeidsgiver: Arbeidsgiver, utfort_av: User, **felter: Any) -> Arbeidssted:
    sted = Arbeidssted(organisasjon_id=arbeidsgiver.organisasjon_id, arbeidsgiver=arbeidsgiver, **felter)
    return objekt_opprett(
        sted,
        "arbeidsgivere.arbeidssted.opprettet",
        utfort_av,
        beskrivelse=lambda s: f"Arbeidssted registrert: {s.navn}",
    )


@transaction.atomic
def arbeidssted_endre(*, arbeidssted: Arbeidssted, utfort_av: User, **felter: Any) -> Arbeidssted:
    return objekt_endre(arbeidssted, "arbeidsgivere.arbeidssted.endret", utfort_av, felter)


@transaction.atomic
def kontaktperson_opprett(*, arbeidssted: Arbeidssted, utfort_av: User, **felter: Any) -> Kontaktperson:
    """Add a fadder or the leder of a workplace."""
    person = Kontaktperson(organisasjon_id=arbeidssted.organisasjon_id, arbeidssted=arbeidssted, **felter)
    return objekt_opprett(
        person,
        "arbeidsgivere.kontaktperson.opprettet",
        utfort_av,
        beskrivelse=lambda p: f"{p.get_rolle_display()} registrert: {p.navn}",
    )


@transaction.atomic
def kontaktperson_endre(*, kontaktperson: Kontaktperson, utfort_av: User, **felter: Any) -> Kontaktperson:
    return objekt_endre(kontaktperson, "arbeidsgivere.kontaktperson.endret", utfort_av, felter)


# --- placements -----------------------------------------------------------------------------------


def _sjekk_fadder(fadder: Kontaktperson | None, arbeidssted_id: int) -> None:
    if fadder is not None and (fadder.arbeidssted_id != arbeidssted_id or fadder.rolle != Kontaktperson.Rolle.FADDER):
        raise ValidationError({"fadder": "Fadderen må være registrert som fadder på det valgte arbeidsstedet."})


def _sjekk_slutt(fra: datetime.date, til: datetime.date | None) -> None:
    if til is not None and til < fra:
        raise ValidationError({"til": "Sluttdatoen kan ikke være før startdatoen."})


def _avslutt(plassering: Plassering, *, til: datetime.date, utfort_av: User, tillegg: str = "") -> None:
    """End the placement on `til`, and its agreement with it; logged."""
    objekt_endre(
        plassering,
        "arbeidsgivere.plassering.avsluttet",
        utfort_av,
        {"til": til},
        valider=False,
        beskrivelse=f"Plassering ved {plassering.arbeidssted.navn} avsluttet {_dato(til)}{tillegg}",
    )
    _avslutt_avtaler(plassering=plassering, dato=til)


@transaction.atomic
def plassering_opprett(
    *,
    deltaker,
    arbeidssted: Arbeidssted,
    fadder: Kontaktperson | None,
    fra: datetime.date,
    til: datetime.date | None = None,
    dager_per_uke: Decimal = Decimal(3),
    timer_per_uke: Decimal | None = None,
    ekstra_person_bekreftet: bool = False,
    lonnet: bool = False,
    utfort_av: User,
) -> Plassering:
    """Place a participant at a workplace with a fadder.

    Moving: if she has an open placement that started before `fra`, it ends the day before, so the
    history is kept. Any other overlap with an earlier placement is refused. In tracks that need a
    police certificate, the placement cannot be made until the certificate is received.
    """
    # Lock the participant's row so two coordinators cannot place her twice at once.
    type(deltaker).objects.select_for_update().filter(pk=deltaker.pk).first()
    if arbeidssted.organisasjon_id != deltaker.organisasjon_id:
        raise ValidationError({"arbeidssted": "Arbeidsstedet hører til en annen organisasjon."})
    _sjekk_fadder(fadder, arbeidssted.pk)
    _sjekk_slutt(fra, til)
    if not kan_starte_praksis(deltaker):
        raise ValidationError(
            {
                "fra": f"Praksis i {deltaker.fagretning.navn} krever politiattest. "
                "Registrer at politiattesten er mottatt før plasseringen starter."
            },
            code="politiattest_mangler",
        )
    apen = Plassering.objects.filter(deltaker=deltaker, til__isnull=True).first()
    flyttet_fra = None
    if apen is not None and apen.fra < fra:
        _avslutt(apen, til=fra - datetime.timedelta(days=1), utfort_av=utfort_av, tillegg=" (flyttet)")
        flyttet_fra = apen
    slutt = til or datetime.date.max
    overlapp = (
        Plassering.objects.filter(deltaker=deltaker, fra__lte=slutt)
        .filter(Q(til__isnull=True) | Q(til__gte=fra))
        .select_related("arbeidssted")
        .first()
    )
    if overlapp is not None:
        periode = f"{_dato(overlapp.fra)}–{_dato(overlapp.til) if overlapp.til else ''}"
        raise ValidationError(
            {"fra": f"Deltakeren har allerede en plassering i perioden ({overlapp.arbeidssted.navn}, {periode})."},
            code="overlapp",
        )
    plassering = Plassering(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        arbeidssted=arbeidssted,
        fadder=fadder,
        fra=fra,
        til=til,
        dager_per_uke=dager_per_uke,
        timer_per_uke=timer_per_uke,
        ekstra_person_bekreftet=ekstra_person_bekreftet,
        lonnet=lonnet,
    )
    tekst = f"Plassert ved {arbeidssted.navn} fra {_dato(fra)}"
    if flyttet_fra is not None:
        tekst += f" (flyttet fra {flyttet_fra.arbeidssted.navn})"
    return objekt_opprett(
        plassering, "arbeidsgivere.plassering.opprettet", utfort_av, validate_constraints=False, beskrivelse=tekst
    )


@transaction.atomic
def plassering_endre(*, plassering: Plassering, utfort_av: User, **felter: Any) -> Plassering:
    """Change fadder, working pattern, the leder's confirmation or paid work (not the period)."""
    _sjekk_fadder(felter.get("fadder"), plassering.arbeidssted_id)
    return objekt_endre(
        plassering,
        "arbeidsgivere.plassering.endret",
        utfort_av,
        felter,
        validate_constraints=False,
        beskrivelse=f"Plassering ved {plassering.arbeidssted.navn} endret",
    )


@transaction.atomic
def plassering_avslutt(*, plassering: Plassering, til: datetime.date, utfort_av: User) -> Plassering:
    """End a placement on a date; its agreement ends with it."""
    if plassering.til is not None:
        raise ValidationError("Plasseringen er allerede avsluttet.")
    _sjekk_slutt(plassering.fra, til)
    _avslutt(plassering, til=til, utfort_av=utfort_av)
    return plassering


# --- the participation agreement ------------------------------------------------------------------

AVTALE_INNHOLD = ("oppstart", "arbeidstid", "forventninger", "roller", "fravaersregler")


def _avslutt_avtaler(*, plassering: Plassering, dato: datetime.date) -> None:
    Avtale.objects.filter(plassering=plassering).exclude(status=Avtale.Status.AVSLUTTET).update(
        status=Avtale.Status.AVSLUTTET, avsluttet=dato
    )


@transaction.atomic
def avtale_opprett(*, plassering: Plassering, utfort_av: User, **felter: Any) -> Avtale:
    """Draft the avtale om deltakelse for a placement (one current agreement per placement)."""
    if plassering.til is not None:
        raise ValidationError("Plasseringen er avsluttet; det kan ikke lages ny avtale for den.")
    if Avtale.objects.filter(plassering=plassering).exclude(status=Avtale.Status.AVSLUTTET).exists():
        raise ValidationError("Plasseringen har allerede en gjeldende avtale om deltakelse.")
    return objekt_opprett(
        Avtale(organisasjon_id=plassering.organisasjon_id, plassering=plassering, **felter),
        "arbeidsgivere.avtale.opprettet",
        utfort_av,
        validate_constraints=False,
        beskrivelse="Avtale om deltakelse opprettet (utkast)",
        deltaker_id=plassering.deltaker_id,
    )


@transaction.atomic
def avtale_endre(*, avtale: Avtale, utfort_av: User, **felter: Any) -> Avtale:
    """Change the agreement's content — only while it is a draft."""
    if avtale.status != Avtale.Status.UTKAST:
        raise ValidationError("Avtalen kan bare endres mens den er et utkast.")
    return objekt_endre(
        avtale,
        "arbeidsgivere.avtale.endret",
        utfort_av,
        felter,
        validate_constraints=False,
        deltaker_id=avtale.plassering.deltaker_id,
    )


def _bytt_status(
    avtale: Avtale, fra: str, til: str, *, handling: str, utfort_av: User, beskrivelse: str, **ekstra: Any
) -> None:
    """Move the agreement from `fra` to `til` and log it on the participant's case. Compare-and-set, so
    two clicks cannot move it twice."""
    endret = Avtale.objects.filter(pk=avtale.pk, status=fra).update(status=til, **ekstra)
    if not endret:
        raise ValidationError("Avtalen er endret av noen andre. Last siden på nytt.")
    avtale.status = til
    for navn, verdi in ekstra.items():
        setattr(avtale, navn, verdi)
    hendelse_logg(
        handling=handling,
        objekt=avtale,
        utfort_av=utfort_av,
        deltaker_id=avtale.plassering.deltaker_id,
        beskrivelse=beskrivelse,
    )


@transaction.atomic
def avtale_send_til_signering(*, avtale: Avtale, utfort_av: User) -> Avtale:
    if avtale.status != Avtale.Status.UTKAST:
        raise ValidationError("Bare et utkast kan sendes til signering.")
    _bytt_status(
        avtale,
        Avtale.Status.UTKAST,
        Avtale.Status.TIL_SIGNERING,
        handling="arbeidsgivere.avtale.til_signering",
        utfort_av=utfort_av,
        beskrivelse="Avtale om deltakelse sendt til signering",
    )
    return avtale


PARTER = {
    "deltaker": ("signert_deltaker", "deltakeren"),
    "arbeidssted": ("signert_arbeidssted", "arbeidsstedet"),
    "kommune": ("signert_kommune", "kommunen"),
}


@transaction.atomic
def avtale_registrer_signatur(
    *, avtale: Avtale, part: str, dato: datetime.date, utfort_av: User, navn: str = ""
) -> Avtale:
    """Record that one party signed on a date. When all three have signed, the agreement is signed.

    For the municipality the acting coordinator is recorded as the signer; for the workplace the
    name of the person who signed.
    """
    avtale = Avtale.objects.select_for_update().select_related("plassering").get(pk=avtale.pk)
    if avtale.status != Avtale.Status.TIL_SIGNERING:
        raise ValidationError("Signaturer registreres når avtalen er sendt til signering.")
    if part not in PARTER:
        raise ValidationError({"part": "Velg hvem som har signert."})
    felt, tekst = PARTER[part]
    if getattr(avtale, felt) is not None:
        raise ValidationError({"part": f"Signaturen fra {tekst} er allerede registrert."})
    if part == "arbeidssted" and not navn.strip():
        raise ValidationError({"navn": "Skriv hvem som signerte for arbeidsstedet."})
    setattr(avtale, felt, dato)
    oppdater = [felt]
    if part == "arbeidssted":
        avtale.signert_arbeidssted_navn = navn.strip()
        oppdater.append("signert_arbeidssted_navn")
    if part == "kommune":
        avtale.signert_kommune_av = utfort_av
        oppdater.append("signert_kommune_av")
    if avtale.alle_har_signert:
        avtale.status = Avtale.Status.SIGNERT
        oppdater.append("status")
    avtale.save(update_fields=oppdater)
    hendelse_logg(
        handling="arbeidsgivere.avtale.signert_av_part",
        objekt=avtale,
        utfort_av=utfort_av,
        deltaker_id=avtale.plassering.deltaker_id,
        beskrivelse=f"Avtale om deltakelse signert av {tekst} {_dato(dato)}"
        + (" – alle har signert" if avtale.status == Avtale.Status.SIGNERT else ""),
    )
    return avtale


@transaction.atomic
def avtale_avslutt(*, avtale: Avtale, dato: datetime.date, utfort_av: User) -> Avtale:
    if avtale.status == Avtale.Status.AVSLUTTET:
        raise ValidationError("Avtalen er allerede avsluttet.")
    _bytt_status(
        avtale,
        avtale.status,
        Avtale.Status.AVSLUTTET,
        handling="arbeidsgivere.avtale.avsluttet",
        utfort_av=utfort_av,
        beskrivelse=f"Avtale om deltakelse avsluttet {_dato(dato)}",
        avsluttet=dato,
    )
    return avtale


# --- final evaluation -----------------------------------------------------------------------------


@transaction.atomic
def evaluering_registrer(*, plassering: Plassering, utfort_av: User, **felter: Any) -> Evaluering:
    """Record the final evaluation of the practice place, once per placement."""
    if plassering.til is None:
        raise ValidationError("Sluttevalueringen registreres når plasseringen er avsluttet.")
    if Evaluering.objects.filter(plassering=plassering).exists():
        raise ValidationError("Praksisplassen er allerede evaluert for denne plasseringen.")
    return objekt_opprett(
        Evaluering(
            organisasjon_id=plassering.organisasjon_id, plassering=plassering, registrert_av=utfort_av, **felter
        ),
        "arbeidsgivere.evaluering.registrert",
        utfort_av,
        validate_constraints=False,
        beskrivelse=lambda e: (
            f"Sluttevaluering av {plassering.arbeidssted.navn}: "
            + ("egnet for nye deltakere" if e.egnet else "ikke egnet for nye deltakere")
        ),
        deltaker_id=plassering.deltaker_id,
    )


@transaction.atomic
def evaluering_endre(*, evaluering: Evaluering, utfort_av: User, **felter: Any) -> Evaluering:
    """Change parts of a registered final evaluation (e.g. the employer's part, filled in later)."""
    return objekt_endre(
        evaluering,
        "arbeidsgivere.evaluering.endret",
        utfort_av,
        felter,
        validate_constraints=False,
        deltaker_id=evaluering.plassering.deltaker_id,
        beskrivelse=f"Sluttevaluering av {evaluering.plassering.arbeidssted.navn} endret",
    )
