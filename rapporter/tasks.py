"""Celery tasks of the reports: thin wrappers (rapporter/tellinger.py)."""

from __future__ import annotations

from celery import shared_task

from .praksistall import praksistall_bygg, praksistall_oppdater_alle
from .tellinger import telling_bygg, telling_oppdater_alle


@shared_task(name="rapporter.telling_oppdater", acks_late=True, ignore_result=True)
def telling_oppdater_task() -> int:
    """Count the participants written since the last run (beat, every minute): the dashboard then
    rarely has any to count itself. Harmless twice: a mark is taken by one run only."""
    return telling_oppdater_alle()


@shared_task(name="rapporter.telling_bygg", acks_late=True, ignore_result=True)
def telling_bygg_task() -> int:
    """Count everything again from the rows (at night): a safety net, the figures should not change."""
    return telling_bygg()


@shared_task(name="rapporter.praksistall_oppdater", acks_late=True, ignore_result=True)
def praksistall_oppdater_task() -> int:
    """Count the employers whose placements were written since the last run (beat, every minute)."""
    return praksistall_oppdater_alle()


@shared_task(name="rapporter.praksistall_bygg", acks_late=True, ignore_result=True)
def praksistall_bygg_task() -> int:
    """Count every employer's placements again (after a restore): the figures should not change."""
    return praksistall_bygg()
