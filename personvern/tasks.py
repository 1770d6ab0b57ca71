"""Celery tasks: thin wrappers. No arguments but an ISO date; never personal data."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from .anonymisering import anonymiser_forfalte


@shared_task(name="personvern.anonymiser", acks_late=True)
def anonymiser_task(dato: str | None = None) -> int:
    """The daily retention run: anonymise every case whose retention time has run out."""
    idag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
    return len(anonymiser_forfalte(idag=idag))
