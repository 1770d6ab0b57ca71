"""Reads for the steering group's pages. Sums are made in the database (one grouped query per table)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from fagbrev.models import Fagretning
from oppfolging.models import semester_for

from .models import Kostnad, Sporplan, Sporsteg


def semesterkode(dato: datetime.date) -> str:
    """«2026H» / «2027V»: the code oppfølging writes for the semester of a date."""
    s = semester_for(dato)
    return f"{s.aar}{s.del_}"


def semesternavn(kode: str) -> str:
    return f"{'Høst' if kode.endswith('H') else 'Vår'} {kode[:4]}"


def semestervalg(idag: datetime.date, *, bakover: int = 8, fremover: int = 2) -> list[tuple[str, str]]:
    """Semesters to choose from, newest first: `fremover` ahead of today's and `bakover` before it."""
    aar, del_ = semester_for(idag).aar, semester_for(idag).del_
    indeks = aar * 2 + (1 if del_ == "H" else 0)
    koder = [f"{i // 2}{'H' if i % 2 else 'V'}" for i in range(indeks + fremover, indeks - bakover - 1, -1)]
    return [(k, semesternavn(k)) for k in koder]


@dataclass
class Kostnadstabell:
    """Rows of (track name, [amount per column], row total), and the column totals."""

    kolonner: list[str]
    rader: list[tuple[str, list[int], int]]
    totaler: list[int]
    total: int


def _tabell(org_id: int, kostnader: QuerySet[Kostnad], felt: str, valg) -> Kostnadstabell:
    grupper = {
        r["fagretning_id"]: r
        for r in kostnader.values("fagretning_id")
        .annotate(**{v.value: Sum("belop", filter=Q(**{felt: v})) for v in valg}, total=Sum("belop"))
        .order_by()
    }
    fagretninger = Fagretning.objects.filter(organisasjon_id=org_id).order_by("-aktiv", "navn")
    rader = []
    for f in fagretninger:
        g = grupper.get(f.pk)
        if g is None and not f.aktiv:
            continue
        g = g or {}
        rader.append((f.navn, [g.get(v.value) or 0 for v in valg], g.get("total") or 0))
    totaler = [sum(r[1][i] for r in rader) for i in range(len(valg))]
    return Kostnadstabell([v.label for v in valg], rader, totaler, sum(r[2] for r in rader))


def okonomi_side(*, org_id: int, semester: str) -> dict:
    """The economy page of one semester: by kind and by payer per track, and the entries."""
    kostnader = Kostnad.objects.filter(organisasjon_id=org_id, semester=semester)
    return {
        "etter_art": _tabell(org_id, kostnader, "art", Kostnad.Art),
        "etter_betaler": _tabell(org_id, kostnader, "betaler", Kostnad.Betaler),
        "poster": list(
            kostnader.select_related("fagretning", "registrert_av").order_by("fagretning__navn", "art", "pk")
        ),
    }


def sporplaner(*, org_id: int) -> list[Sporplan]:
    """The organisation's planned tracks, each with how many of its steps are done and which is next."""
    planer = list(
        Sporplan.objects.filter(organisasjon_id=org_id)
        .select_related("fagretning")
        .annotate(ferdige=Count("steg", filter=Q(steg__status=Sporsteg.Status.FERDIG)))
    )
    neste: dict[int, Sporsteg] = {}
    for steg in Sporsteg.objects.filter(plan__in=planer).exclude(status=Sporsteg.Status.FERDIG).order_by("nummer"):
        neste.setdefault(steg.plan_id, steg)
    for plan in planer:
        plan.neste_steg = neste.get(plan.pk)
    return planer
