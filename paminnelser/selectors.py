"""Reads for reminders: the user's notifications and the year wheel."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import QuerySet

from fagbrev.datoregning import UKEDAGER
from fagbrev.kalender import Kalenderdato

from .kalender import kalenderdatoer
from .models import Paminnelse

MANEDER = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


def varsler_for_bruker(*, user) -> QuerySet[Paminnelse]:
    return Paminnelse.objects.for_bruker(user).order_by("-dato", "-id")


def uleste_antall(*, user) -> int:
    """The bell's number: one COUNT on a partial index of unread rows."""
    if not user.is_authenticated:
        return 0
    return Paminnelse.objects.filter(mottaker_id=user.pk, lest__isnull=True).exclude(status="kansellert").count()


def arshjul(*, user, ar: int) -> list[tuple[str, list[Kalenderdato]]]:
    """Twelve (month name, events) pairs for the user's organisations; periods under their start."""
    datoer = kalenderdatoer(
        user=user,
        organisasjon_ids=user.organisasjoner_med(),
        fra=datetime.date(ar, 1, 1),
        til=datetime.date(ar, 12, 31),
    )
    per_maned: dict[int, list[Kalenderdato]] = defaultdict(list)
    for d in datoer:
        per_maned[max(d.dato, datetime.date(ar, 1, 1)).month].append(d)
    return [(MANEDER[m - 1], per_maned.get(m, [])) for m in range(1, 13)]


def ukedag(dato: datetime.date) -> str:
    return UKEDAGER[dato.weekday()]
