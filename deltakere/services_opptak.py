"""Writes of admission: the intake mapping against the track's criteria, the admission decision, the
intake meeting, and the criteria themselves. Concurrency and status changes go through services.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett, pakrevd_tekst

from .models import Deltaker, Inntakssamtale, Kartlegging, Kriterievurdering, Opptakskriterium, Opptaksvedtak
from .services import S, _idag, _las, deltaker_endre, deltaker_endre_status

# --- intake mapping and admission ------------------------------------------------------------


@transaction.atomic
def kartlegging_lagre(
    *,
    deltaker: Deltaker,
    utfort_av: User,
    versjon: int | None,
    vurderinger: dict[int, tuple[str, str]] | None = None,
    **felter: Any,
) -> Kartlegging:
    """Save the intake interview and each criterion's assessment; a referred case becomes «kartlagt»."""
    ankomst = felter.get("ankomst_norge")
    if ankomst and ankomst > _idag():
        raise ValidationError({"ankomst_norge": "Ankomstdatoen kan ikke være i fremtiden."})
    if felter.get("intervjudato") and felter["intervjudato"] > _idag():
        raise ValidationError({"intervjudato": "Intervjudatoen kan ikke være i fremtiden."})
    _las(deltaker, versjon)
    kartlegging, ny = Kartlegging.objects.update_or_create(
        deltaker=deltaker,
        defaults={"organisasjon_id": deltaker.organisasjon_id, "utfort_av": utfort_av, **felter},
    )
    gyldige = set(Opptakskriterium.objects.filter(fagretning_id=deltaker.fagretning_id).values_list("pk", flat=True))
    for kriterium_id, (vurdering, kommentar) in (vurderinger or {}).items():
        if kriterium_id not in gyldige:
            raise ValidationError("Et kriterium hører ikke til deltakerens fagretning.")
        Kriterievurdering.objects.update_or_create(
            kartlegging=kartlegging,
            kriterium_id=kriterium_id,
            defaults={"organisasjon_id": deltaker.organisasjon_id, "vurdering": vurdering, "kommentar": kommentar},
        )
    hendelse_logg(
        handling="deltakere.kartlegging.lagret",
        objekt=kartlegging,
        utfort_av=utfort_av,
        beskrivelse="Kartlegging registrert" if ny else "Kartlegging oppdatert",
    )
    if deltaker.status == S.HENVIST:
        deltaker_endre_status(
            deltaker=deltaker,
            til=S.KARTLAGT,
            begrunnelse=f"Intervju og kartlegging {kartlegging.intervjudato:%d.%m.%Y}.",
            dato=kartlegging.intervjudato,
            utfort_av=utfort_av,
        )
    return kartlegging


@transaction.atomic
def opptak_vedta(
    *,
    deltaker: Deltaker,
    utfall: str,
    begrunnelse: str,
    dato: datetime.date,
    utfort_av: User,
    sammen_med: User | None = None,
    versjon: int | None = None,
) -> Opptaksvedtak:
    """Record the admission decision and move the case to «tatt opp» or «avslått»."""
    begrunnelse = (begrunnelse or "").strip()
    feil = {}
    if not begrunnelse:
        feil["begrunnelse"] = "Et vedtak må ha en begrunnelse."
    if dato > _idag():
        feil["dato"] = "Vedtaksdatoen kan ikke være i fremtiden."
    if feil:
        raise ValidationError(feil)
    vedtak = Opptaksvedtak.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        utfall=utfall,
        begrunnelse=begrunnelse,
        dato=dato,
        besluttet_av=utfort_av,
        sammen_med=sammen_med,
    )
    til = S.TATT_OPP if utfall == Opptaksvedtak.Utfall.TATT_OPP else S.AVSLATT
    if til == S.TATT_OPP and sammen_med is not None and deltaker.faglarer_id is None:
        # the teacher who assessed her with the coordinator follows her on (issue #20); a teacher
        # already on the case is not replaced behind the coordinator's back. Before the status change,
        # so the decision is the newest line of the timeline (the form's version is checked here).
        deltaker_endre(deltaker=deltaker, versjon=versjon, utfort_av=utfort_av, faglarer=sammen_med)
        versjon = None
    deltaker_endre_status(
        deltaker=deltaker,
        til=til,
        begrunnelse=f"Opptaksvedtak: {begrunnelse}",
        dato=dato,
        utfort_av=utfort_av,
        versjon=versjon,
    )
    return vedtak


@transaction.atomic
def inntakssamtale_lagre(*, deltaker: Deltaker, utfort_av: User, versjon: int | None, **felter: Any) -> Inntakssamtale:
    """Save the intake meeting checklist, including the police certificate dates."""
    feil = {}
    for felt in ("dato", "politiattest_soknad", "politiattest_mottatt"):
        if felter.get(felt) and felter[felt] > _idag():
            feil[felt] = "Datoen kan ikke være i fremtiden."
    if (
        felter.get("politiattest_mottatt")
        and felter.get("politiattest_soknad")
        and felter["politiattest_mottatt"] < felter["politiattest_soknad"]
    ):
        feil["politiattest_mottatt"] = "Politiattesten kan ikke være mottatt før den ble søkt om."
    if feil:
        raise ValidationError(feil)
    _las(deltaker, versjon)
    try:
        inntak = deltaker.inntakssamtale
    except Inntakssamtale.DoesNotExist:
        inntak = Inntakssamtale(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker)

    def beskrivelse(endringer: dict) -> str:
        if "politiattest_mottatt" in endringer and inntak.politiattest_mottatt:
            return f"Politiattest mottatt {inntak.politiattest_mottatt:%d.%m.%Y}"
        return "Inntakssamtale oppdatert"

    objekt_endre(
        inntak,
        "deltakere.inntakssamtale.lagret",
        utfort_av,
        felter,
        valider=False,
        ogsa_lagre=["endret"],
        beskrivelse=beskrivelse,
    )
    deltaker.inntakssamtale = inntak
    return inntak


# --- admission criteria per track --------------------------------------------------------------


@transaction.atomic
def opptakskriterium_opprett(*, fagretning: Fagretning, tekst: str, er_krav: bool, utfort_av: User) -> Opptakskriterium:
    tekst = pakrevd_tekst(tekst, felt="tekst", melding="Skriv kriteriet.")
    if Opptakskriterium.objects.filter(fagretning=fagretning, tekst__iexact=tekst).exists():
        raise ValidationError({"tekst": "Fagretningen har allerede dette kriteriet."})
    siste = Opptakskriterium.objects.filter(fagretning=fagretning).order_by("-rekkefolge").first()
    kriterium = Opptakskriterium(
        organisasjon_id=fagretning.organisasjon_id,
        fagretning=fagretning,
        tekst=tekst,
        er_krav=er_krav,
        rekkefolge=(siste.rekkefolge + 10) if siste else 10,
    )
    return objekt_opprett(
        kriterium, "deltakere.opptakskriterium.opprettet", utfort_av, valider=False, beskrivelse=tekst
    )


@transaction.atomic
def opptakskriterium_sett_aktiv(*, kriterium: Opptakskriterium, aktiv: bool, utfort_av: User) -> Opptakskriterium:
    """Retire or restore a criterion. Never deleted: earlier interviews keep their assessments."""
    objekt_endre(
        kriterium,
        "deltakere.opptakskriterium.endret",
        utfort_av,
        {"aktiv": aktiv},
        valider=False,
        beskrivelse=f"{'Tatt i bruk' if aktiv else 'Tatt ut av bruk'}: {kriterium.tekst}",
    )
    return kriterium
