"""Celery tasks of follow-up: thin wrappers."""

from __future__ import annotations

from celery import shared_task

from .besoksdato import frister_oppdater


@shared_task(name="oppfolging.frister_oppdater", acks_late=True, ignore_result=True)
def frister_oppdater_task() -> int:
    """Work out the next-visit dates marked since the last run (beat, every minute). Harmless twice."""
    return frister_oppdater()
