"""Celery tasks: thin wrappers around services. Ids and ISO dates only, never personal data.

Queued only after commit (services use transaction.on_commit). `acks_late` so a worker that dies
leaves the message for another; the services' compare-and-set claims make a redelivery harmless.
Retries are bounded and only for temporary errors.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from celery import shared_task
from django.utils import timezone

from deltakere.services_status import statusendringer_iverksett
from dokumenter.services import batchjobber_feie
from fagbrev.oppgaver import PLANLAGT

from . import services

logger = logging.getLogger(__name__)

# Housekeeping of other apps that also runs with the daily scan (f() -> dict). Their own beat
# entries run it often; the daily run is the safety net should one of those be missing.
OGSA_DAGLIG: list[Callable[[], dict]] = [
    batchjobber_feie,  # batch jobs that never started or stopped (settings.py)
]


def _ogsa_daglig() -> dict:
    """Run the housekeeping (keyed by dotted name); one that fails is logged and does not hold up the reminders."""
    ut = {}
    for funksjon in OGSA_DAGLIG:
        sti = f"{funksjon.__module__}.{funksjon.__name__}"
        try:
            ut[sti] = funksjon()
        except Exception:
            logger.exception("Daglig vedlikehold %s feilet", sti)
            ut[sti] = "feilet"
    return ut


def _dato(dato: str | None) -> datetime.date:
    return datetime.date.fromisoformat(dato) if dato else timezone.localdate()


def _prov_igjen(task, feil: Exception):
    """Retry later with backoff. Eagerly (`make run`, tests) Celery runs the next attempt at once
    when the task returns the Retry instead of raising it, so the caller's on_commit does not break.
    """
    eager = bool(task.request.is_eager)
    return task.retry(exc=feil, countdown=60 * 2**task.request.retries, throw=not eager)


@shared_task(name="paminnelser.skann", **PLANLAGT)
def skann(dato: str | None = None) -> dict:
    """The daily scan (beat, 06:00 Europe/Oslo). Idempotent: safe to run twice or concurrently.
    Status changes whose day has come take effect first, so the rules see the statuses of the day."""
    statusendringer_iverksett(idag=min(_dato(dato), timezone.localdate()))
    resultat = services.skann_utfor(idag=_dato(dato))
    ogsa = _ogsa_daglig()
    return {"dato": resultat.dato.isoformat(), "funnet": len(resultat.funnet), "nye": resultat.nye, "ogsa": ogsa}


@shared_task(name="paminnelser.ukesoppsummering", **PLANLAGT)
def ukesoppsummering(dato: str | None = None) -> dict:
    """The coordinators' Monday overview (beat, Monday 06:30 Europe/Oslo)."""
    resultat = services.skann_utfor(idag=_dato(dato), ukentlig=True)
    return {"dato": resultat.dato.isoformat(), "funnet": len(resultat.funnet), "nye": resultat.nye}


@shared_task(name="paminnelser.send", bind=True, acks_late=True, max_retries=3)
def send(self, paminnelse_id: int) -> str:
    siste = self.request.retries >= self.max_retries
    try:
        return services.paminnelse_send(paminnelse_id=paminnelse_id, siste_forsok=siste)
    except services.MidlertidigFeil as feil:
        return _prov_igjen(self, feil)


@shared_task(name="paminnelser.send_samlet", bind=True, acks_late=True, max_retries=3)
def send_samlet(self, bruker_id: int, dato: str) -> str:
    siste = self.request.retries >= self.max_retries
    try:
        return services.paminnelser_send_samlet(bruker_id=bruker_id, idag=_dato(dato), siste_forsok=siste)
    except services.MidlertidigFeil as feil:
        return _prov_igjen(self, feil)


@shared_task(name="paminnelser.ping")
def ping() -> str:
    """For checking that a worker takes tasks from the broker (used by the worker test)."""
    return "pong"
