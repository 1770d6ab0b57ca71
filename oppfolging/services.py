"""Writes in follow-up: visits, assessment meetings, meetings, action items, mentor gatherings.

Edits after the fact store the earlier version as a `Revisjon` and bump `versjon`; a stale edit
(someone saved in between) is refused instead of overwriting the other person's changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from arbeidsgivere.models import Kontaktperson, Plassering
from deltakere import statusgrupper
from deltakere.models import Deltaker
from fagbrev.models import Fagretning, User
from fagbrev.services import felt_verdier, hendelse_logg, objekt_endre, objekt_opprett

from .models import FERDIGHETER, SPORSMAL, Besok, Faddersamling, Mote, Revisjon, Tiltak, Vurderingssamtale, semester_for

BESOK_FELT = ("dato", "tilstede", "observert", "oppgaver", "manedens_tema", "opplaeringsplan", "neste_besok")
SAMTALE_FELT = (
    "planlagt_dato",
    "holdt_dato",
    "fadder",
    "tilstede",
    "hvordan_gar_det",
    "fokusomrader",
    *FERDIGHETER,  # the general skills, in the form's order
    *SPORSMAL,
    "selv_oppgaver",
    "selv_norsk",
    "selv_fremgang",
    "selv_kommentar",
)


def plassering_pa(*, deltaker: Deltaker, dato: datetime.date) -> Plassering | None:
    """The placement the participant had on the date (the open one if several overlap)."""
    return (
        Plassering.objects.filter(deltaker=deltaker, fra__lte=dato)
        .filter(Q(til__isnull=True) | Q(til__gte=dato))
        .select_related("arbeidssted", "fadder")
        .order_by("til", "-fra")
        .first()
    )


def _json(verdi: Any) -> Any:
    return verdi.isoformat() if hasattr(verdi, "isoformat") else verdi


def _lagre_revisjon(*, objekt: models.Model, for_: dict[str, Any], utfort_av: User) -> None:
    """Keep the version before an edit: every field's value (foreign keys by id)."""
    Revisjon.objects.create(
        organisasjon_id=objekt.organisasjon_id,
        objekt_type=ContentType.objects.get_for_model(objekt),
        objekt_id=objekt.pk,
        versjon=objekt.versjon,
        data={felt: _json(verdi) for felt, verdi in for_.items()},
        endret_av=utfort_av,
    )


def _sjekk_versjon(objekt, versjon: int | None) -> None:
    if versjon is not None and versjon != objekt.versjon:
        raise ValidationError(
            "Noen andre har lagret en endring siden du åpnet skjemaet. Last siden på nytt og prøv igjen."
        )


def _kjente_felt(felter: dict[str, Any], tillatte: Iterable[str]) -> None:
    """A field the record does not have is a programming error, not the user's."""
    ukjente = set(felter) - set(tillatte)
    if ukjente:
        raise ValueError(f"Ukjente felt: {sorted(ukjente)}")


def _las_for_endring(qs: models.QuerySet, pk: int, versjon: int | None, felter: dict, tillatte: Iterable[str]):
    """The record locked for an edit and checked against the version its form was opened on, with its
    values before the edit (kept as a revision if anything changes)."""
    objekt = qs.select_for_update().get(pk=pk)
    _sjekk_versjon(objekt, versjon)
    _kjente_felt(felter, tillatte)
    return objekt, felt_verdier(objekt, tillatte)


def _endre_med_revisjon(
    objekt: models.Model,
    handling,
    utfort_av: User,
    felter: dict[str, Any],
    *,
    for_: dict[str, Any],
    folger: Callable[[dict], None],
    ogsa_lagre: list[str],
    beskrivelse: Callable[[dict], str],
) -> None:
    """Write an edit if anything changed: the version before kept as a revision, what follows from the
    change set (`folger(endringer)`, saving `ogsa_lagre`), and the version counted up."""

    def ny_versjon(endringer: dict) -> None:
        _lagre_revisjon(objekt=objekt, for_=for_, utfort_av=utfort_av)
        folger(endringer)
        objekt.versjon += 1

    objekt_endre(
        objekt,
        handling,
        utfort_av,
        felter,
        valider=False,
        bare_ved_endring=True,
        for_lagring=ny_versjon,
        ogsa_lagre=[*ogsa_lagre, "versjon", "endret"],
        beskrivelse=beskrivelse,
    )


# --- visits ---------------------------------------------------------------------------------------


def _sjekk_besok(*, dato: datetime.date, neste_besok: datetime.date | None, idag: datetime.date) -> None:
    if dato > idag:
        raise ValidationError({"dato": "Et besøk kan ikke registreres fram i tid."})
    if neste_besok is not None and neste_besok < dato:
        raise ValidationError({"neste_besok": "Neste besøk må være samme dag eller etter dette besøket."})


@transaction.atomic
def besok_registrer(
    *,
    deltaker: Deltaker,
    utfort_av: User,
    dato: datetime.date,
    idag: datetime.date,
    tilstede: str = "",
    observert: str = "",
    oppgaver: str = "",
    manedens_tema: str = "",
    opplaeringsplan: str = "",
    neste_besok: datetime.date | None = None,
) -> Besok:
    """Record a workplace visit. The workplace follows from the placement the participant had that day."""
    if deltaker.status not in statusgrupper.PA_ARBEIDSPLASSEN:
        raise ValidationError({"deltaker": "Besøk kan bare registreres for deltakere i opplæring."})
    _sjekk_besok(dato=dato, neste_besok=neste_besok, idag=idag)
    plassering = plassering_pa(deltaker=deltaker, dato=dato)
    besok = Besok(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        plassering=plassering,
        arbeidssted=plassering.arbeidssted if plassering else None,
        dato=dato,
        registrert_av=utfort_av,
        tilstede=tilstede,
        observert=observert,
        oppgaver=oppgaver,
        manedens_tema=manedens_tema,
        opplaeringsplan=opplaeringsplan,
        neste_besok=neste_besok,
    )
    return objekt_opprett(
        besok,
        "oppfolging.besok.registrert",
        utfort_av,
        valider=False,
        beskrivelse=f"Arbeidsplassbesøk {dato:%d.%m.%Y}" + (f" på {plassering.arbeidssted}" if plassering else ""),
    )


@transaction.atomic
def besok_endre(
    *, besok: Besok, utfort_av: User, idag: datetime.date, versjon: int | None = None, **felter: Any
) -> Besok:
    """Change a recorded visit; the earlier version is kept as a revision."""
    besok, for_ = _las_for_endring(Besok.objects, besok.pk, versjon, felter, BESOK_FELT)
    nye = {**for_, **felter}
    _sjekk_besok(dato=nye["dato"], neste_besok=nye["neste_besok"], idag=idag)

    def ny_plassering(endringer: dict) -> None:
        if "dato" in endringer:
            plassering = plassering_pa(deltaker=besok.deltaker, dato=besok.dato)
            besok.plassering = plassering
            besok.arbeidssted = plassering.arbeidssted if plassering else None

    _endre_med_revisjon(
        besok,
        "oppfolging.besok.endret",
        utfort_av,
        felter,
        for_=for_,
        folger=ny_plassering,
        ogsa_lagre=["plassering", "arbeidssted"],
        beskrivelse=lambda endringer: f"Arbeidsplassbesøk {besok.dato:%d.%m.%Y} endret (versjon {besok.versjon})",
    )
    return besok


# --- assessment meetings --------------------------------------------------------------------------


def _samtale_regler(*, deltaker: Deltaker, verdier: dict, idag: datetime.date, unntatt_pk: int | None) -> str:
    planlagt, holdt = verdier.get("planlagt_dato"), verdier.get("holdt_dato")
    if planlagt is None and holdt is None:
        raise ValidationError({"planlagt_dato": "Oppgi planlagt dato eller dato samtalen ble holdt."})
    if holdt is not None and holdt > idag:
        raise ValidationError({"holdt_dato": "En samtale kan ikke være holdt fram i tid."})
    for felt in ("selv_oppgaver", "selv_norsk", "selv_fremgang"):
        verdi = verdier.get(felt)
        if verdi is not None and not 1 <= verdi <= 10:
            raise ValidationError({felt: "Velg et tall fra 1 til 10."})
    fadder = verdier.get("fadder")
    fadder_org = fadder.organisasjon_id if isinstance(fadder, Kontaktperson) else None
    if fadder is not None and fadder_org not in (None, deltaker.organisasjon_id):
        raise ValidationError({"fadder": "Fadderen hører ikke til denne organisasjonen."})
    semester = semester_for(holdt or planlagt)
    finnes = Vurderingssamtale.objects.filter(deltaker=deltaker, semester=semester.kode)
    if unntatt_pk is not None:
        finnes = finnes.exclude(pk=unntatt_pk)
    if finnes.exists():
        raise ValidationError(f"{deltaker.navn} har allerede en vurderingssamtale for {str(semester).lower()}.")
    return semester.kode


@transaction.atomic
def vurderingssamtale_registrer(
    *, deltaker: Deltaker, utfort_av: User, idag: datetime.date, **felter: Any
) -> Vurderingssamtale:
    """Plan or record the semester's assessment meeting. The fadder defaults to the placement's fadder."""
    _kjente_felt(felter, SAMTALE_FELT)
    if deltaker.status not in statusgrupper.AKTIV:
        raise ValidationError("Vurderingssamtaler holdes bare med deltakere som er i et løp.")
    if felter.get("fadder") is None:
        plassering = plassering_pa(
            deltaker=deltaker, dato=felter.get("holdt_dato") or felter.get("planlagt_dato") or idag
        )
        if plassering is not None and plassering.fadder_id:
            felter["fadder"] = plassering.fadder
    semester = _samtale_regler(deltaker=deltaker, verdier=felter, idag=idag, unntatt_pk=None)
    samtale = Vurderingssamtale(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        semester=semester,
        registrert_av=utfort_av,
        **felter,
    )
    return objekt_opprett(
        samtale,
        "oppfolging.vurderingssamtale.holdt" if samtale.er_holdt else "oppfolging.vurderingssamtale.planlagt",
        utfort_av,
        valider=False,
        beskrivelse=(
            f"Vurderingssamtale {str(samtale.semester_obj).lower()} "
            + (
                f"holdt {samtale.holdt_dato:%d.%m.%Y}"
                if samtale.er_holdt
                else f"planlagt {samtale.planlagt_dato:%d.%m.%Y}"
            )
        ),
    )


@transaction.atomic
def vurderingssamtale_endre(
    *, samtale: Vurderingssamtale, utfort_av: User, idag: datetime.date, versjon: int | None = None, **felter: Any
) -> Vurderingssamtale:
    """Change an assessment meeting (e.g. record it as held); the earlier version is kept."""
    samtale, for_ = _las_for_endring(
        Vurderingssamtale.objects.select_related("deltaker"), samtale.pk, versjon, felter, SAMTALE_FELT
    )
    nye_objekter = {f: getattr(samtale, f) for f in SAMTALE_FELT} | felter
    semester = _samtale_regler(deltaker=samtale.deltaker, verdier=nye_objekter, idag=idag, unntatt_pk=samtale.pk)
    var_holdt = samtale.er_holdt

    def ny_semester(endringer: dict) -> None:
        samtale.semester = semester

    def holdt_na() -> bool:
        return samtale.er_holdt and not var_holdt

    _endre_med_revisjon(
        samtale,
        lambda endringer: "oppfolging.vurderingssamtale.holdt" if holdt_na() else "oppfolging.vurderingssamtale.endret",
        utfort_av,
        felter,
        for_=for_,
        folger=ny_semester,
        ogsa_lagre=["semester"],
        beskrivelse=lambda endringer: (
            f"Vurderingssamtale {str(samtale.semester_obj).lower()} holdt {samtale.holdt_dato:%d.%m.%Y}"
            if holdt_na()
            else f"Vurderingssamtale {str(samtale.semester_obj).lower()} endret (versjon {samtale.versjon})"
        ),
    )
    return samtale


# --- meetings and action items --------------------------------------------------------------------


@transaction.atomic
def mote_registrer(
    *,
    organisasjon_id: int,
    type: str,
    dato: datetime.date,
    utfort_av: User,
    fagretning: Fagretning | None = None,
    tilstede: Iterable[User] = (),
    andre_tilstede: str = "",
    agenda: str = "",
    referat: str = "",
    vedtak: str = "",
) -> Mote:
    """Record a project group or steering group meeting with its agenda, minutes and decisions."""
    if type == Mote.Type.PROSJEKTGRUPPE and fagretning is None:
        raise ValidationError({"fagretning": "Et prosjektgruppemøte hører til en fagretning."})
    if fagretning is not None and fagretning.organisasjon_id != organisasjon_id:
        raise ValidationError({"fagretning": "Fagretningen hører ikke til organisasjonen."})
    tilstede = list(tilstede)
    if any(organisasjon_id not in u.organisasjoner_med() for u in tilstede):
        raise ValidationError({"tilstede": "Bare medlemmer av organisasjonen kan føres opp som til stede."})
    mote = Mote(
        organisasjon_id=organisasjon_id,
        type=type,
        fagretning=fagretning,
        dato=dato,
        andre_tilstede=andre_tilstede,
        agenda=agenda,
        referat=referat,
        vedtak=vedtak,
        registrert_av=utfort_av,
    )
    objekt_opprett(mote, "oppfolging.mote.registrert", utfort_av, valider=False, beskrivelse=str)
    mote.tilstede.set(tilstede)
    return mote


@transaction.atomic
def tiltak_opprett(*, mote: Mote, beskrivelse: str, ansvarlig: User, frist: datetime.date, utfort_av: User) -> Tiltak:
    """Add an action item to a meeting; it shows on the owner's overview until done."""
    if mote.organisasjon_id not in ansvarlig.organisasjoner_med():
        raise ValidationError({"ansvarlig": "Den ansvarlige må være medlem av organisasjonen."})
    tiltak = Tiltak(
        organisasjon_id=mote.organisasjon_id, mote=mote, beskrivelse=beskrivelse, ansvarlig=ansvarlig, frist=frist
    )
    return objekt_opprett(tiltak, "oppfolging.tiltak.opprettet", utfort_av, valider=False, beskrivelse=beskrivelse)


@transaction.atomic
def tiltak_fullfor(*, tiltak: Tiltak, utfort_av: User, idag: datetime.date) -> bool:
    """Mark an action item done. Compare-and-set: marking it twice changes nothing the second time."""
    endret = Tiltak.objects.filter(pk=tiltak.pk, utfort__isnull=True).update(utfort=idag)
    if endret:
        tiltak.utfort = idag
        hendelse_logg(
            handling="oppfolging.tiltak.utfort", objekt=tiltak, utfort_av=utfort_av, beskrivelse=tiltak.beskrivelse
        )
    return bool(endret)


# --- mentor gatherings ----------------------------------------------------------------------------


@transaction.atomic
def faddersamling_registrer(
    *,
    fagretning: Fagretning,
    dato: datetime.date,
    utfort_av: User,
    faddere: Iterable[Kontaktperson] = (),
    tema: str = "",
    notat: str = "",
) -> Faddersamling:
    """Record a gathering of a track's faddere and who came."""
    faddere = list(faddere)
    if any(f.organisasjon_id != fagretning.organisasjon_id or f.rolle != Kontaktperson.Rolle.FADDER for f in faddere):
        raise ValidationError({"faddere": "Velg bare faddere fra egen organisasjon."})
    samling = Faddersamling(
        organisasjon_id=fagretning.organisasjon_id,
        fagretning=fagretning,
        dato=dato,
        tema=tema,
        notat=notat,
        registrert_av=utfort_av,
    )
    objekt_opprett(
        samling,
        "oppfolging.faddersamling.registrert",
        utfort_av,
        valider=False,
        beskrivelse=f"Faddersamling {fagretning.kortnavn} {dato:%d.%m.%Y}, {len(faddere)} faddere",
    )
    samling.faddere.set(faddere)
    return samling
