"""What other apps add to the participant list (`/deltakere/`), so the list needs no import of them.

An app above `deltakere` registers a `Listeutvidelse` from its `AppConfig.ready()`: the filters it
understands (GET parameter → function narrowing the queryset), what it fetches for the table's rows,
and the choices it offers in the filter bar. `arbeidsgivere` adds the workplace filter and the
"open placement" column this way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass(frozen=True)
class Listeutvidelse:
    # filter key (as in `filtre`) → f(queryset, value) -> queryset; called only for a non-empty value
    filtre: dict[str, Callable[[QuerySet, object], QuerySet]] = field(default_factory=dict)
    # f(queryset) -> queryset: prefetches for the table's columns (constant query count)
    hent: Callable[[QuerySet], QuerySet] | None = None
    # f(user) -> dict merged into the list page's context (choices for the filter bar)
    kontekst: Callable[[object], dict] | None = None


UTVIDELSER: list[Listeutvidelse] = []


def registrer(utvidelse: Listeutvidelse) -> None:
    UTVIDELSER.append(utvidelse)


def filtrer(qs: QuerySet, filtre: dict) -> tuple[QuerySet, dict]:
    """Apply the registered filters; return the queryset and the filters nobody registered."""
    rest = dict(filtre)
    for utvidelse in UTVIDELSER:
        for navn, f in utvidelse.filtre.items():
            verdi = rest.pop(navn, None)
            if verdi:
                qs = f(qs, verdi)
        if utvidelse.hent is not None:
            qs = utvidelse.hent(qs)
    return qs, rest


def kontekst(user) -> dict:
    samlet: dict = {}
    for utvidelse in UTVIDELSER:
        if utvidelse.kontekst is not None:
            samlet.update(utvidelse.kontekst(user))
    return samlet


VALG_MAKS = 200  # past this many options a select is no help (and grows the page): a name field instead


def valg(qs, *felter: str, etikett) -> list[tuple[str, str]] | None:
    """(value, label) for a filter's select, or None when there are more than VALG_MAKS options.

    Reads at most VALG_MAKS + 1 rows, as tuples: only the labels are needed, not model instances.
    """
    rader = list(qs.values_list("pk", *felter)[: VALG_MAKS + 1])
    return None if len(rader) > VALG_MAKS else [(str(pk), etikett(*rest)) for pk, *rest in rader]
