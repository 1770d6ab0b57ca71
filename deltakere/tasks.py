"""Celery tasks of the case: thin wrappers around services, ISO dates only."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .services_status import statusendringer_iverksett as _iverksett


@shared_task(
    name="deltakere.statusendringer_iverksett",
    acks_late=True,
    autoretry_for=(OperationalError,),
    max_retries=3,
    retry_backoff=30,
)
def statusendringer_iverksett() -> dict:
    """Daily just after midnight (beat, Europe/Oslo): planned status changes whose day has come take
    effect. Idempotent (compare-and-set per change); the reminder scan and `send_reminders` run it too."""
    return {"iverksatt": _iverksett()}
