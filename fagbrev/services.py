"""Writes in the core: the event log every service calls, the one write path for "change these fields
and log before/after" (`objekt_endre`), organisations, tracks and cohorts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .identifikatorer import masker_fodselsnummer
from .models import Fagretning, Hendelse, Kull, Organisasjon, User

# Field names whose values never go into the log in clear text.
SENSITIVE_FELT = {"fodselsnummer"}


def _verdi(felt: str, verdi: Any) -> Any:
    if felt in SENSITIVE_FELT:
        return masker_fodselsnummer(verdi or "")
    if isinstance(verdi, models.Model):
        return verdi.pk
    if hasattr(verdi, "isoformat"):
        return verdi.isoformat()
    if isinstance(verdi, (str, int, float, bool, type(None), list, dict)):
        return verdi
    return str(verdi)


def endringer_mellom(*, for_: dict[str, Any], etter: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields that changed, sensitive values masked."""
    return {
        felt: [_verdi(felt, for_.get(felt)), _verdi(felt, etter.get(felt))]
        for felt in etter
        if for_.get(felt) != etter.get(felt)
    }


def felt_verdier(objekt: models.Model, felter: Iterable[str]) -> dict[str, Any]:
    """Snapshot of the fields' values (foreign keys by id) to diff against after a change."""
    verdier = {}
    for felt in felter:
        f = objekt._meta.get_field(felt)
        verdier[felt] = getattr(objekt, f.attname)
    return verdier


def hendelse_logg(
    *,
    handling: str,
    objekt: models.Model,
    utfort_av: User | None,
    beskrivelse: str = "",
    endringer: dict | None = None,
    deltaker_id: int | None = None,
    organisasjon_id: int | None = None,
) -> Hendelse:
    """Write one event. Every service that changes case data calls this in its transaction."""
    if organisasjon_id is None:
        organisasjon_id = getattr(objekt, "organisasjon_id", None)
    if deltaker_id is None:
        deltaker_id = getattr(objekt, "deltaker_id", None)
        if deltaker_id is None and objekt._meta.label == "deltakere.Deltaker":
            deltaker_id = objekt.pk
    return Hendelse.objects.create(
        handling=handling,
        utfort_av=utfort_av if utfort_av and utfort_av.is_authenticated else None,
        organisasjon_id=organisasjon_id,
        objekt_type=ContentType.objects.get_for_model(objekt),
        objekt_id=str(objekt.pk),
        deltaker_id=deltaker_id,
        beskrivelse=beskrivelse[:300],
        endringer=endringer or {},
    )


@transaction.atomic
def fagretning_opprett(*, organisasjon: Organisasjon, utfort_av: User | None, **felter: Any) -> Fagretning:
    fagretning = Fagretning.objects.create(organisasjon=organisasjon, **felter)
    hendelse_logg(
        handling="fagbrev.fagretning.opprettet", objekt=fagretning, utfort_av=utfort_av, beskrivelse=fagretning.navn
    )
    return fagretning


@transaction.atomic
def fagretning_endre(*, fagretning: Fagretning, utfort_av: User, **felter: Any) -> Fagretning:
    return objekt_endre(fagretning, "fagbrev.fagretning.endret", utfort_av, felter)


@transaction.atomic
def kull_opprett(*, fagretning: Fagretning, utfort_av: User | None, **felter: Any) -> Kull:
    kull = Kull.objects.create(organisasjon_id=fagretning.organisasjon_id, fagretning=fagretning, **felter)
    hendelse_logg(handling="fagbrev.kull.opprettet", objekt=kull, utfort_av=utfort_av, beskrivelse=kull.navn)
    return kull


def pakrevd_tekst(tekst: str | None, *, felt: str, melding: str) -> str:
    """A required text a service was given, without surrounding spaces; refused (on `felt`) when nothing
    is left."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({felt: melding})
    return tekst


def objekt_opprett(
    objekt: models.Model,
    handling: str,
    utfort_av: User | None,
    *,
    valider: bool = True,
    validate_constraints: bool = True,
    beskrivelse: str | Callable[[Any], str] = "",
    **kwargs: Any,
) -> models.Model:
    """Validate and insert a new row and log its creation: the counterpart of `objekt_endre`.

    `valider=False` skips `full_clean` for services that check their rules themselves (and
    `validate_constraints=False` leaves the constraints to the database); `beskrivelse` may be a
    function of the saved row; `kwargs` go to `hendelse_logg`. Call it inside the caller's transaction.
    """
    if valider:
        objekt.full_clean(validate_constraints=validate_constraints)
    objekt.save()
    hendelse_logg(
        handling=handling,
        objekt=objekt,
        utfort_av=utfort_av,
        beskrivelse=beskrivelse(objekt) if callable(beskrivelse) else beskrivelse,
        **kwargs,
    )
    return objekt


@transaction.atomic
def kull_endre(*, kull: Kull, utfort_av: User, **felter: Any) -> Kull:
    """Rename a cohort, move its dates, or close it (`lukket`: from that day no one new is put in it;
    its participants stay) or open it again (`lukket=None`)."""
    return objekt_endre(
        kull,
        lambda endringer: (
            ("fagbrev.kull.lukket" if felter["lukket"] else "fagbrev.kull.apnet")
            if set(endringer) == {"lukket"}
            else "fagbrev.kull.endret"
        ),
        utfort_av,
        felter,
        bare_ved_endring=True,
        organisasjon_id=kull.organisasjon_id,
    )


def objekt_endre(
    objekt: models.Model,
    handling: str | Callable[[dict[str, list[Any]]], str],
    utfort_av: User,
    felter: dict[str, Any],
    *,
    validate_constraints: bool = True,
    valider: bool = True,
    bare_ved_endring: bool = False,
    for_lagring: Callable[[dict[str, list[Any]]], None] | None = None,
    ogsa_lagre: Iterable[str] = (),
    beskrivelse: str | Callable[[dict[str, list[Any]]], str] = "",
    ekstra_endringer: dict[str, list[Any]] | None = None,
    **kwargs: Any,
) -> models.Model:
    """Set the fields, validate, save only them and log the change with before/after values.

    The one write path for "edit these fields" in every app. Call it inside the caller's transaction.

    - `valider=False` skips `full_clean` for services that check their rules themselves;
    - `bare_ved_endring=True`: when no value changes, nothing is saved and nothing logged;
    - `for_lagring(endringer)` runs after the fields are set and checked, before the save (a revision,
      a version number, a derived column); the columns it or the caller sets beside `felter` are named
      in `ogsa_lagre` (with e.g. `endret`);
    - `handling` and `beskrivelse` may be functions of the changes, called after the save;
    - `ekstra_endringer` (e.g. amounts computed elsewhere) are logged beside the fields' own;
    - `kwargs` go to `hendelse_logg` (deltaker_id, organisasjon_id).

    A row not yet saved is inserted, every value logged as new.
    """
    ny = objekt._state.adding
    for_ = {} if ny else felt_verdier(objekt, felter)
    for navn, verdi in felter.items():
        setattr(objekt, navn, verdi)
    if valider:
        objekt.full_clean(validate_constraints=validate_constraints)
    endringer = endringer_mellom(for_=for_, etter=felt_verdier(objekt, felter))
    if bare_ved_endring and not endringer:
        return objekt
    if for_lagring is not None:
        for_lagring(endringer)
    objekt.save(update_fields=None if ny else [*felter, *ogsa_lagre])
    hendelse_logg(
        handling=handling(endringer) if callable(handling) else handling,
        objekt=objekt,
        utfort_av=utfort_av,
        beskrivelse=beskrivelse(endringer) if callable(beskrivelse) else beskrivelse,
        endringer={**endringer, **(ekstra_endringer or {})},
        **kwargs,
    )
    return objekt
