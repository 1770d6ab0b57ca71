"""Celery tasks of meetings: thin wrappers. No arguments but an ISO date; never personal data."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from .services import eksterne_kontaktdata_slett


@shared_task(name="moter.eksterne_kontaktdata_slett", acks_late=True)
def eksterne_kontaktdata_slett_task(dato: str | None = None) -> int:
    """The daily retention run for outside people's contact data (moter.services). Harmless twice."""
    idag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
    return eksterne_kontaktdata_slett(idag=idag)
