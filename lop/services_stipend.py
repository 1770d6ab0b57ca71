"""Writes for stipend decisions (NAV Asker's 4th intro year), kept apart from services.py by size.

A decision (`Stipendvedtak`) says who gets the stipend from when to when. Its amounts are never typed:
each write computes them with `frister.stipend_per_maned` and stores one `Stipendmaned` per calendar
month, so the steering group's report can sum money per track and period with `Sum(...)` in one
grouped query instead of recomputing every participant day by day. The computation is per one
participant and happens at save time (a write), where Python is fine.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fagbrev.models import User
from fagbrev.services import hendelse_logg, objekt_endre, objekt_opprett

from . import frister
from .models import Stipendmaned, Stipendvedtak
from .selectors import grunnbelop_tabell

MAKS_DAGER = 3 * 366


def _kroner(belop: Decimal) -> int:
    return int(belop.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _beregn(
    *, deltaker, fra: datetime.date, til: datetime.date, grunnbelop: Sequence[tuple[datetime.date, int]]
) -> list[frister.Stipendmanedberegning]:
    if deltaker.fodselsdato is None:
        raise ValidationError(
            "Deltakeren mangler fødselsdato, og satsen avhenger av alderen (to tredjedeler under 25 år). "
            "Registrer fødselsdatoen først."
        )
    try:
        return frister.stipend_per_maned(fodselsdato=deltaker.fodselsdato, fra=fra, til=til, grunnbelop=grunnbelop)
    except ValueError as feil:  # no G registered for a day of the period
        raise ValidationError({"fra": str(feil)}) from None


def _lagre_maneder(vedtak: Stipendvedtak, maneder: list[frister.Stipendmanedberegning]) -> None:
    Stipendmaned.objects.filter(vedtak=vedtak).delete()
    Stipendmaned.objects.bulk_create(
        Stipendmaned(
            organisasjon_id=vedtak.organisasjon_id,
            vedtak=vedtak,
            maned=m.maned,
            dager=m.dager,
            sum=m.sum,
            imdi=m.imdi,
            kommune=m.kommune,
        )
        for m in maneder
    )


def _belop(maneder) -> dict[str, int]:
    """Whole kroner of a decision's months: sum and IMDi's part (the municipality's is the difference).

    Amounts go into the event log's before/after values, not its description: the description is shown
    in the case's timeline to her teachers, and the stipend is the coordinator's business."""
    return {
        "sum": _kroner(sum((m.sum for m in maneder), Decimal(0))),
        "imdi": _kroner(sum((m.imdi for m in maneder), Decimal(0))),
    }


def _endringer(for_: dict, etter: dict) -> dict[str, list]:
    return {k: [for_.get(k), etter[k]] for k in etter if for_.get(k) != etter[k]}


def _sjekk_periode(*, deltaker, fra: datetime.date, til: datetime.date, unntatt: int | None = None) -> None:
    """The period's own rules, then no overlap with the participant's other decisions."""
    if til < fra:
        raise ValidationError({"til": "Til-datoen kan ikke være før fra-datoen."})
    if (til - fra).days > MAKS_DAGER:
        raise ValidationError({"til": "Et stipendvedtak kan gjelde høyst tre år."})
    overlapp = Stipendvedtak.objects.filter(deltaker=deltaker, fra__lte=til, til__gte=fra).exclude(pk=unntatt).first()
    if overlapp:
        raise ValidationError(
            {"fra": f"Perioden overlapper et annet stipendvedtak ({overlapp.fra:%d.%m.%Y}–{overlapp.til:%d.%m.%Y})."}
        )


def _las_deltaker(deltaker) -> None:
    """Serialise decisions of one participant, so two overlapping ones cannot both pass the check."""
    type(deltaker).objects.select_for_update().filter(pk=deltaker.pk).values_list("pk", flat=True).first()


@transaction.atomic
def stipendvedtak_registrer(*, deltaker, fra: datetime.date, til: datetime.date, utfort_av: User) -> Stipendvedtak:
    """Register a stipend decision and store its computed months."""
    _las_deltaker(deltaker)
    _sjekk_periode(deltaker=deltaker, fra=fra, til=til)
    maneder = _beregn(deltaker=deltaker, fra=fra, til=til, grunnbelop=grunnbelop_tabell())
    vedtak = objekt_opprett(
        Stipendvedtak(
            organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, fra=fra, til=til, registrert_av=utfort_av
        ),
        "fagbrev.stipendvedtak.registrert",
        utfort_av,
        valider=False,
        beskrivelse=f"Stipendvedtak registrert for {fra:%d.%m.%Y}–{til:%d.%m.%Y}",
        endringer=_endringer({}, {"fra": fra.isoformat(), "til": til.isoformat(), **_belop(maneder)}),
    )
    _lagre_maneder(vedtak, maneder)
    return vedtak


@transaction.atomic
def stipendvedtak_endre(
    *, vedtak: Stipendvedtak, fra: datetime.date, til: datetime.date, utfort_av: User, handling: str = "endret"
) -> Stipendvedtak:
    """Change a decision's period and recompute its months (with today's table of G)."""
    deltaker = vedtak.deltaker
    _las_deltaker(deltaker)
    _sjekk_periode(deltaker=deltaker, fra=fra, til=til, unntatt=vedtak.pk)
    belop_for = _belop(Stipendmaned.objects.filter(vedtak=vedtak))
    maneder = _beregn(deltaker=deltaker, fra=fra, til=til, grunnbelop=grunnbelop_tabell())
    tekst = "avsluttet" if handling == "avsluttet" else "endret"
    vedtak.registrert_av = utfort_av
    objekt_endre(
        vedtak,
        f"fagbrev.stipendvedtak.{tekst}",
        utfort_av,
        {"fra": fra, "til": til},
        valider=False,
        ogsa_lagre=["registrert_av", "endret"],
        ekstra_endringer=_endringer(belop_for, _belop(maneder)),
        deltaker_id=deltaker.pk,
        beskrivelse=f"Stipendvedtak {tekst}: {fra:%d.%m.%Y}–{til:%d.%m.%Y}",
    )
    _lagre_maneder(vedtak, maneder)
    return vedtak


def stipendvedtak_avslutt(*, vedtak: Stipendvedtak, til: datetime.date, utfort_av: User) -> Stipendvedtak:
    """End a decision early (the participant got a job, moved, ended the pathway): the last day paid."""
    if til > vedtak.til:
        raise ValidationError({"til": f"Vedtaket slutter allerede {vedtak.til:%d.%m.%Y}; endre perioden i stedet."})
    if til < vedtak.fra:
        raise ValidationError({"til": f"Vedtaket begynner {vedtak.fra:%d.%m.%Y}; siste dag kan ikke være før det."})
    return stipendvedtak_endre(vedtak=vedtak, fra=vedtak.fra, til=til, utfort_av=utfort_av, handling="avsluttet")


def stipend_beregn_pa_nytt(
    *, utfort_av: User | None = None, deltaker=None, fra: datetime.date | None = None, grunn: str = ""
) -> int:
    """Recompute the stored months of every stipend decision (or one participant's, or those running on
    or after `fra`) with the table of G as it is now. Returns how many decisions changed.

    Why this exists: the months are stored so reports can sum them in the database, and they hold the
    G values known when the decision was saved. G changes each 1 May and is decided (and registered in
    the admin) in the spring, often after decisions reaching past 1 May were saved with last year's
    value or an estimate. From the day a new G is registered, those stored months are wrong until
    recomputed — so registering G in the admin calls this, and `manage.py beregn_stipend` runs it from
    the shell (after a bulk import, or to check). A changed birth date does the same for one person.
    Each decision is recomputed in its own transaction and logged only when its amounts changed.
    """
    grunnbelop = grunnbelop_tabell()
    vedtak_qs = Stipendvedtak.objects.select_related("deltaker").prefetch_related("maneder").order_by("pk")
    if deltaker is not None:
        vedtak_qs = vedtak_qs.filter(deltaker=deltaker)
    if fra is not None:
        vedtak_qs = vedtak_qs.filter(til__gte=fra)
    endret = 0
    for vedtak in vedtak_qs:
        if vedtak.deltaker.fodselsdato is None:
            continue
        nye = frister.stipend_per_maned(
            fodselsdato=vedtak.deltaker.fodselsdato, fra=vedtak.fra, til=vedtak.til, grunnbelop=grunnbelop
        )
        gamle = [(m.maned, m.dager, m.sum, m.imdi) for m in vedtak.maneder.all()]
        if gamle == [(m.maned, m.dager, m.sum, m.imdi) for m in nye]:
            continue
        belop_for = _belop(vedtak.maneder.all())
        with transaction.atomic():
            _lagre_maneder(vedtak, nye)
            hendelse_logg(
                handling="fagbrev.stipendvedtak.beregnet_pa_nytt",
                objekt=vedtak,
                utfort_av=utfort_av,
                deltaker_id=vedtak.deltaker_id,
                beskrivelse=f"Stipend beregnet på nytt{f' ({grunn})' if grunn else ''}",
                endringer=_endringer(belop_for, _belop(nye)),
            )
        endret += 1
    return endret


def ved_endret_fodselsdato(sender, *, deltaker, utfort_av, **kwargs) -> None:
    """The stipend rate depends on age: stored months follow a changed birth date (deltakere's signal)."""
    stipend_beregn_pa_nytt(deltaker=deltaker, utfort_av=utfort_av, grunn="fødselsdatoen er endret")
