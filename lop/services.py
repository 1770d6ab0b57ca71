"""Writes of the pathway: learning contract, exams, fagprøve, Norwegian test, practice, training plan.

Date rules are pure functions in lop/frister.py; these services enforce them and log through the
core's event log (fagbrev.services)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deltakere.models import Deltaker, Vedlegg
from deltakere.services import deltaker_endre_status, planlagt_endring
from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett, pakrevd_tekst

from . import selectors
from .models import (
    Eksamen,
    Fagprove,
    Kompetansemal,
    Laerekontrakt,
    Manedstema,
    Norskprove,
    Opplaeringsplanpunkt,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
)

S = Deltaker.Status

# status → (allowed from, date field set)
KONTRAKT_OVERGANGER = {
    Laerekontrakt.Status.SOKT: ((Laerekontrakt.Status.UTKAST,), "sokt_dato"),
    Laerekontrakt.Status.GODKJENT: ((Laerekontrakt.Status.SOKT,), "godkjent_dato"),
    Laerekontrakt.Status.HEVET: ((Laerekontrakt.Status.GODKJENT,), "avsluttet_dato"),
    Laerekontrakt.Status.AVBRUTT: ((Laerekontrakt.Status.UTKAST, Laerekontrakt.Status.SOKT), "avsluttet_dato"),
    Laerekontrakt.Status.FULLFORT: ((Laerekontrakt.Status.GODKJENT,), "avsluttet_dato"),
}


@transaction.atomic
def laerekontrakt_opprett(*, deltaker, utfort_av: User, start: datetime.date, **felter: Any) -> Laerekontrakt:
    """Draft a learning contract with the county checklist; the end date is computed unless given."""
    if Laerekontrakt.objects.filter(deltaker=deltaker).exclude(status__in=Laerekontrakt.AVSLUTTET).exists():
        raise ValidationError("Deltakeren har allerede en lærekontrakt som ikke er avsluttet.")
    kontrakt = Laerekontrakt(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, start=start, **felter)
    if kontrakt.slutt is None:
        kontrakt.slutt = selectors.beregnet_sluttdato(kontrakt=kontrakt, fagretning=deltaker.fagretning).dato
    kontrakt.full_clean(exclude=["deltaker", "organisasjon"])
    kontrakt.save()
    Sjekkpunkt.objects.bulk_create(Sjekkpunkt(kontrakt=kontrakt, type=t) for t in Sjekkpunkt.Type.values)
    for vedlegg in Vedlegg.objects.filter(deltaker=deltaker).order_by("lastet_opp", "pk"):
        _sjekkpunkt_levert(kontrakt=kontrakt, vedlegg=vedlegg)
    hendelse_logg(
        handling="fagbrev.laerekontrakt.opprettet",
        objekt=kontrakt,
        utfort_av=utfort_av,
        beskrivelse=f"Lærekontrakt opprettet ({kontrakt.get_rute_display()}, start {start:%d.%m.%Y})",
    )
    return kontrakt


@transaction.atomic
def laerekontrakt_endre(*, kontrakt: Laerekontrakt, utfort_av: User, **felter: Any) -> Laerekontrakt:
    objekt_endre(kontrakt, "fagbrev.laerekontrakt.endret", utfort_av, felter, beskrivelse="Lærekontrakt endret")
    return kontrakt


@transaction.atomic
def laerekontrakt_sett_status(
    *, kontrakt: Laerekontrakt, utfort_av: User, status: str, dato: datetime.date
) -> Laerekontrakt:
    """Move the contract along utkast → søkt → godkjent → hevet/avbrutt/fullført, with the date.

    The application cannot be marked as sent while a required checklist item is missing.
    """
    kontrakt = Laerekontrakt.objects.select_for_update().get(pk=kontrakt.pk)
    if status not in KONTRAKT_OVERGANGER:
        raise ValidationError("Ukjent status.")
    fra, datofelt = KONTRAKT_OVERGANGER[status]
    if kontrakt.status not in fra:
        raise ValidationError(
            f"Kan ikke gå fra «{kontrakt.get_status_display()}» til «{Laerekontrakt.Status(status).label}»."
        )
    if status == Laerekontrakt.Status.SOKT:
        mangler = [s.get_type_display() for s in kontrakt.sjekkpunkter.all() if s.mangler]
        if mangler:
            raise ValidationError("Søknaden kan ikke sendes før dette er på plass: " + ", ".join(mangler) + ".")
    objekt_endre(
        kontrakt,
        "fagbrev.laerekontrakt.status",
        utfort_av,
        {"status": status, datofelt: dato},
        beskrivelse=f"Lærekontrakt: {Laerekontrakt.Status(status).label.lower()} {dato:%d.%m.%Y}",
    )
    return kontrakt


@transaction.atomic
def sjekkpunkt_endre(*, sjekkpunkt: Sjekkpunkt, utfort_av: User, **felter: Any) -> Sjekkpunkt:
    if sjekkpunkt.kontrakt.status != Laerekontrakt.Status.UTKAST:
        raise ValidationError("Sjekklisten kan bare endres mens søknaden er et utkast.")
    objekt_endre(
        sjekkpunkt,
        "fagbrev.sjekkpunkt.endret",
        utfort_av,
        felter,
        # the new status: the description is built before _logg_endring sets it on the row
        beskrivelse=f"Søknad: {sjekkpunkt.get_type_display()} "
        f"{Sjekkpunkt.Status(felter.get('status', sjekkpunkt.status)).label.lower()}",
        deltaker_id=sjekkpunkt.kontrakt.deltaker_id,
        organisasjon_id=sjekkpunkt.kontrakt.organisasjon_id,
    )
    return sjekkpunkt


@transaction.atomic
def eksamen_registrer(*, deltaker, utfort_av: User, **felter: Any) -> Eksamen:
    """Record a registration for the written exam (outside a window only warns: the portal decides)."""
    eksamen = Eksamen(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, **felter)
    return objekt_opprett(
        eksamen,
        "fagbrev.eksamen.registrert",
        utfort_av,
        beskrivelse=lambda e: f"Meldt opp til {e.get_type_display().lower()} ({e.termin})",
    )


def _folg_status(*, deltaker, fra: str, til: str, begrunnelse: str, utfort_av: User | None) -> None:
    """Move the case along when a result makes the next status true, through the deltakere service.

    Only from the status the step belongs to: a case that has moved on (or is on leave) is left as
    it is (so is one with a planned change ahead), and the coordinator moves it by hand if needed.
    """

    deltaker = Deltaker.objects.get(pk=deltaker.pk)  # fresh status and version
    if deltaker.status == fra and planlagt_endring(deltaker=deltaker) is None:
        deltaker_endre_status(deltaker=deltaker, til=til, begrunnelse=begrunnelse, utfort_av=utfort_av)


# A new result that moves the case on: (exam or fagprøve, result) → (from status, to status, why).
NESTE_STATUS = {
    (Eksamen, Resultat.BESTATT): (S.I_OPPLAERING, S.TEORI_BESTATT, "Bestått skriftlig eksamen."),
    (Fagprove, Resultat.BESTATT): (S.FAGPROVE_MELDT_OPP, S.FULLFORT, "Bestått fagprøve."),
    (Fagprove, Resultat.IKKE_BESTATT): (
        S.FAGPROVE_MELDT_OPP,
        S.TEORI_BESTATT,
        "Fagprøven ikke bestått; nytt forsøk kan meldes opp.",
    ),
}


def _resultat_endre(
    objekt: Eksamen | Fagprove, handling: str, utfort_av: User, felter: dict, *, hva: str, endret: str
) -> None:
    """Change an exam or a fagprøve: a new result is named in the log («hva: bestått», else `endret`) and
    may move the case on (NESTE_STATUS)."""
    nytt = felter.get("resultat") if felter.get("resultat") != objekt.resultat else None
    beskrivelse = f"{hva}: {Resultat(nytt).label.lower()}" if nytt else endret
    objekt_endre(objekt, handling, utfort_av, felter, beskrivelse=beskrivelse)
    if steg := NESTE_STATUS.get((type(objekt), nytt)):
        fra, til, begrunnelse = steg
        _folg_status(deltaker=objekt.deltaker, fra=fra, til=til, begrunnelse=begrunnelse, utfort_av=utfort_av)


@transaction.atomic
def eksamen_endre(*, eksamen: Eksamen, utfort_av: User, **felter: Any) -> Eksamen:
    _resultat_endre(
        eksamen, "fagbrev.eksamen.endret", utfort_av, felter, hva="Skriftlig eksamen", endret="Eksamen endret"
    )
    return eksamen


@transaction.atomic
def fagprove_meld_opp(*, deltaker, utfort_av: User, idag: datetime.date, **felter: Any) -> Fagprove:
    """Order the fagprøve when `selectors.fagprove_hindringer` finds nothing in the way: an active
    contract, a passed written exam, today inside the organisation's window before the contract's
    end, no open or passed attempt, and a praksiskandidat's practice documented (or exempted)."""
    kontrakt = Laerekontrakt.objects.filter(deltaker=deltaker).exclude(status__in=Laerekontrakt.AVSLUTTET).first()
    tidligere = list(Fagprove.objects.select_for_update().filter(deltaker=deltaker))  # one order at a time
    grunner = selectors.fagprove_hindringer(deltaker=deltaker, idag=idag)
    if grunner:
        raise ValidationError(grunner)
    fagprove = objekt_opprett(
        Fagprove(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            kontrakt=kontrakt,
            forsok=len(tidligere) + 1,
            pameldt_dato=idag,
            **felter,
        ),
        "fagbrev.fagprove.meldt_opp",
        utfort_av,
        beskrivelse=lambda ny: f"Meldt opp til fagprøve (forsøk {ny.forsok})",
    )
    _folg_status(
        deltaker=deltaker,
        fra=Deltaker.Status.TEORI_BESTATT,
        til=Deltaker.Status.FAGPROVE_MELDT_OPP,
        begrunnelse=f"Meldt opp til fagprøven (forsøk {fagprove.forsok}).",
        utfort_av=utfort_av,
    )
    return fagprove


@transaction.atomic
def fagprove_endre(*, fagprove: Fagprove, utfort_av: User, **felter: Any) -> Fagprove:
    _resultat_endre(fagprove, "fagbrev.fagprove.endret", utfort_av, felter, hva="Fagprøve", endret="Fagprøve endret")
    return fagprove


@transaction.atomic
def norskprove_registrer(*, deltaker, utfort_av: User, **felter: Any) -> Norskprove:
    prove = Norskprove(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, registrert_av=utfort_av, **felter)
    return objekt_opprett(
        prove, "fagbrev.norskprove.registrert", utfort_av, beskrivelse=lambda p: f"Norskprøven {p.dato:%d.%m.%Y}: {p}"
    )


@transaction.atomic
def norskprove_rett(*, prove: Norskprove, utfort_av: User, begrunnelse: str, **felter: Any) -> Norskprove:
    """Correct a registered Norwegian test result (level, date). The history keeps who corrected it,
    when, the values before and after, and why; the model's rules (no future date) apply again."""
    begrunnelse = pakrevd_tekst(begrunnelse, felt="begrunnelse", melding="Skriv hvorfor resultatet rettes.")
    prove = Norskprove.objects.select_for_update().get(pk=prove.pk)
    objekt_endre(
        prove,
        "fagbrev.norskprove.rettet",
        utfort_av,
        {k: v for k, v in felter.items() if k in ("niva", "dato")},
        bare_ved_endring=True,
        beskrivelse=lambda _: f"Norskprøveresultat rettet ({prove.get_ferdighet_display().lower()}): {begrunnelse}",
        deltaker_id=prove.deltaker_id,
    )
    return prove


@transaction.atomic
def norskprover_registrer(
    *, deltaker, utfort_av: User, dato: datetime.date, resultater: Iterable[tuple[str, str]]
) -> list[Norskprove]:
    """Record one sitting of the Norwegian test: a result per skill, all or none."""
    return [
        norskprove_registrer(deltaker=deltaker, utfort_av=utfort_av, ferdighet=ferdighet, niva=niva, dato=dato)
        for ferdighet, niva in resultater
    ]


@transaction.atomic
def praksisperiode_registrer(*, deltaker, utfort_av: User, **felter: Any) -> Praksisperiode:
    periode = Praksisperiode(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, **felter)
    return objekt_opprett(periode, "fagbrev.praksisperiode.registrert", utfort_av, beskrivelse=str)


@transaction.atomic
def kompetansemal_opprett(*, fagretning: Fagretning, utfort_av: User | None, **felter: Any) -> Kompetansemal:
    mal = Kompetansemal(organisasjon_id=fagretning.organisasjon_id, fagretning=fagretning, **felter)
    return objekt_opprett(mal, "fagbrev.kompetansemal.opprettet", utfort_av, beskrivelse=str)


@transaction.atomic
def kompetansemal_endre(*, kompetansemal: Kompetansemal, utfort_av: User, **felter: Any) -> Kompetansemal:
    objekt_endre(kompetansemal, "fagbrev.kompetansemal.endret", utfort_av, felter)
    return kompetansemal


@transaction.atomic
def planpunkt_opprett(*, deltaker, utfort_av: User | None, **felter: Any) -> Opplaeringsplanpunkt:
    punkt = Opplaeringsplanpunkt(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, **felter)
    if punkt.kompetansemal_id and punkt.kompetansemal.fagretning_id != deltaker.fagretning_id:
        raise ValidationError({"kompetansemal": "Kompetansemålet hører til en annen fagretning."})
    return objekt_opprett(
        punkt,
        "fagbrev.opplaeringsplan.punkt_lagt_til",
        utfort_av,
        beskrivelse=lambda p: f"Opplæringsplan: «{p.oppgave[:80]}» lagt til",
    )


@transaction.atomic
def planpunkt_endre(*, punkt: Opplaeringsplanpunkt, utfort_av: User, **felter: Any) -> Opplaeringsplanpunkt:
    objekt_endre(
        punkt,
        "fagbrev.opplaeringsplan.punkt_endret",
        utfort_av,
        felter,
        beskrivelse=f"Opplæringsplan: «{punkt.oppgave[:80]}» oppdatert",
    )
    return punkt


@transaction.atomic
def manedstema_opprett(*, fagretning: Fagretning, utfort_av: User | None, **felter: Any) -> Manedstema:
    tema = Manedstema(organisasjon_id=fagretning.organisasjon_id, fagretning=fagretning, **felter)
    if tema.kull_id and tema.kull.fagretning_id != fagretning.pk:
        raise ValidationError({"kull": "Kullet hører til en annen fagretning."})
    if tema.maned:
        tema.maned = tema.maned.replace(day=1)
    return objekt_opprett(tema, "fagbrev.manedstema.opprettet", utfort_av, beskrivelse=str)


# The county checklist's documents that a file uploaded to the case can be: a CV at referral counts.
SJEKKPUNKT_FOR_VEDLEGG = {
    Vedlegg.Type.CV: Sjekkpunkt.Type.CV,
    Vedlegg.Type.REFERANSE: Sjekkpunkt.Type.REFERANSER,
    Vedlegg.Type.ARBEIDSKONTRAKT: Sjekkpunkt.Type.ARBEIDSKONTRAKT,
}


def _sjekkpunkt_levert(*, kontrakt: Laerekontrakt, vedlegg: Vedlegg) -> None:
    """Mark the checklist item the file is, as delivered, linked to the file (if it was missing)."""
    type_ = SJEKKPUNKT_FOR_VEDLEGG.get(vedlegg.type)
    if type_ is None:
        return
    Sjekkpunkt.objects.filter(kontrakt=kontrakt, type=type_, status=Sjekkpunkt.Status.MANGLER).update(
        status=Sjekkpunkt.Status.LEVERT,
        referanse=f"Lastet opp på saken {timezone.localtime(vedlegg.lastet_opp):%d.%m.%Y}: {vedlegg.originalt_navn}"[
            :300
        ],
        dokument_type=ContentType.objects.get_for_model(Vedlegg),
        dokument_id=vedlegg.pk,
        endret=timezone.now(),
    )


def ved_lastet_opp_vedlegg(sender, *, vedlegg, utfort_av, **kwargs) -> None:
    """deltakere's signal: a file uploaded while a contract is in draft counts in its checklist."""
    kontrakt = (
        Laerekontrakt.objects.filter(deltaker_id=vedlegg.deltaker_id, status=Laerekontrakt.Status.UTKAST)
        .order_by("-pk")
        .first()
    )
    if kontrakt is not None:
        _sjekkpunkt_levert(kontrakt=kontrakt, vedlegg=vedlegg)
