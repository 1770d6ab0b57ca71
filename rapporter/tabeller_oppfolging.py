"""The dashboard's tables of follow-up and practice: visits and meetings against due, workplaces and
placements."""

from __future__ import annotations

from dataclasses import replace

from arbeidsgivere.models import Arbeidsgiver

from .gruppering import (
    Dimensjon,
    Rapporttabell,
    lag,
    med_andeler,
    navngitt,
    radnavn,
)
from .praksistall import i_perioden
from .semester import Periode
from .tabeller import status_ved_slutt_per
from .tellinger import summer
from .undertrykking import (
    Tabell,
    beskytt_alle,
)


def oppfolging(*, org_ids: set[int], periode: Periode, dim: Dimensjon, undertrykk_sma: bool) -> Rapporttabell:
    """Workplace visits made against the track's rhythm; assessment meetings held against due.

    Due visits: participants active at the end of the period × (days in the period ÷ the track's visit
    interval). Due meetings: one per active participant per semester. Both are arithmetic on grouped
    counts (one value per row), not loops over participants.
    """
    dager = (periode.slutt - periode.start).days + 1
    aktive = status_ved_slutt_per(org_ids, periode, dim.navn) if dim.navn == "fagretning" else None
    besok = summer(org_ids, dim.navn, ["besok"], periode.start, periode.slutt)
    # held meetings are kept on the first day of their semester: the period's semesters' (tellinger.py)
    samtaler = summer(org_ids, dim.navn, ["samtale"], periode.start, periode.slutt)
    celler = []
    for pk, _ in dim.rader:
        a = aktive.get(pk, {}) if aktive is not None else {}
        n_aktive, intervall = a.get("aktive") or 0, dim.intervall.get(pk) or 14
        celler.append(
            [
                besok.get(pk, {}).get("besok", 0),
                n_aktive * (dager // intervall),
                samtaler.get(pk, {}).get("samtale", 0),
                n_aktive * len(periode.semesterkoder),
            ]
        )
    kolonner = ["Besøk gjort", "Besøk forventet", "Samtaler holdt", "Samtaler forventet"]
    tabell = lag(undertrykk_sma)([n for _, n in dim.rader], kolonner, celler, rad_total=False)
    tabell = navngitt(tabell, dim, periode.kode, ["besok", "besok_forventet", "samtaler", "samtaler_forventet"])
    # What is due is made from the active participants (of «Deltakere per fagretning»): those are its base
    # counts, and a total due is made from every row's. Hidden active → hidden due, however large.
    aktive_navn = [("aktive", periode.kode, *radnavn(dim, r)) for r in range(len(dim.rader))]
    alle = frozenset(aktive_navn)
    tabell = replace(
        tabell,
        grunnlag={
            (r, k): (frozenset({aktive_navn[r]}) if r < len(dim.rader) else alle)
            for r in range(len(dim.rader) + 1)
            for k in (1, 3)
        },
        grunntall={
            navn: (aktive.get(pk, {}).get("aktive") or 0) for navn, (pk, _) in zip(aktive_navn, dim.rader, strict=True)
        }
        if aktive is not None
        else {},
    )
    tabell = med_andeler(tabell, [(0, 1, "Besøk, andel %"), (2, 3, "Samtaler, andel %")])
    tabell = replace(tabell, ikke_antall=frozenset({1, 3, 4, 5}))  # made from counts, hidden with them
    if undertrykk_sma:
        (tabell,) = beskytt_alle([tabell])
    return Rapporttabell(
        tittel="Oppfølging",
        beskrivelse=(
            "Arbeidsplassbesøk mot fagretningens rytme og vurderingssamtaler mot én per aktiv deltaker per "
            "semester. Forventet regnes ut fra deltakere aktive ved periodens slutt."
        ),
        tabell=tabell,
    )


VIS_ARBEIDSGIVERE = 25  # rows of the per-employer table; the others are summed in one row


def praksis(*, org_ids: set[int], periode: Periode, undertrykk_sma: bool) -> list[Rapporttabell]:
    """Workplaces and employers in use in the period; approved training companies; placements per employer.
    Read from the placements counted per employer and period (rapporter/praksistall.py)."""
    per_arbeidsgiver = i_perioden(org_ids, periode)
    godkjente_alle = Arbeidsgiver.objects.filter(organisasjon_id__in=org_ids, godkjent_laerebedrift=True).count()
    kolonner = [
        "Arbeidssteder i bruk",
        "Arbeidsgivere i bruk",
        "Herav godkjente lærebedrifter",
        "Godkjente lærebedrifter i alt",
    ]
    # Workplaces and employers are not persons: these counts are shown as they are.
    oversikt = Tabell(
        rader=[],
        kolonner=kolonner,
        verdier=[
            [
                sum(a.steder for a in per_arbeidsgiver),
                len(per_arbeidsgiver),
                sum(1 for a in per_arbeidsgiver if a.godkjent),
                godkjente_alle,
            ]
        ],
        skjult=frozenset(),
        rad_total=False,
    )
    # The employers with most placements get a row each and the rest one row together: the table (and
    # the page) stays the same size however many employers the organisation works with.
    topp, resten = per_arbeidsgiver[:VIS_ARBEIDSGIVERE], per_arbeidsgiver[VIS_ARBEIDSGIVERE:]
    rader = [a.navn for a in topp]
    celler = [[a.plasseringer] for a in topp]
    if resten:
        rader.append(f"Andre arbeidsgivere ({len(resten)})")
        celler.append([sum(a.plasseringer for a in resten)])
    tabell = lag(undertrykk_sma)(rader, ["Plasseringer"], celler, rad_total=False)
    return [
        Rapporttabell(
            tittel="Praksisplasser",
            beskrivelse=f"Arbeidssteder og arbeidsgivere med en plassering i {periode.navn.lower()}.",
            tabell=oversikt,
        ),
        Rapporttabell(
            tittel="Plasseringer per arbeidsgiver",
            beskrivelse=f"Plasseringer som løper i {periode.navn.lower()}, per arbeidsgiver"
            + (f" (de {VIS_ARBEIDSGIVERE} med flest; de andre samlet i siste rad)." if resten else "."),
            tabell=tabell,
        ),
    ]
