"""Permission-checked lookups of employers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from fagbrev.permissions import KOORDINATOR

from .models import Arbeidsgiver


def arbeidsgivere_visible_to(user) -> QuerySet[Arbeidsgiver]:
    """Coordinators see their organisation's employers. (Faglærere: where their participants are
    placed — placements arrive with the arbeidsgivere issue.)"""
    return Arbeidsgiver.objects.for_roller(user, KOORDINATOR)


def get_arbeidsgiver_for_user(user, pk: int) -> Arbeidsgiver:
    try:
        return arbeidsgivere_visible_to(user).get(pk=pk)
    except Arbeidsgiver.DoesNotExist:
        raise Http404("Fant ikke arbeidsgiveren.") from None
