"""Celery tasks for documents: thin wrappers that take ids (see services for the work)."""

from celery import shared_task

from fagbrev.oppgaver import PLANLAGT

from .services import batchjobb_kjor, batchjobber_feie


@shared_task(name="dokumenter.batchjobb_kjor", acks_late=True)
def batchjobb_kjor_task(*, jobb_id: int) -> None:
    batchjobb_kjor(jobb_id=jobb_id)


@shared_task(name="dokumenter.batchjobber_feie", **PLANLAGT)
def batchjobber_feie_task() -> dict:
    """Beat, every 5 minutes (and with the daily scan): hand lost jobs over again, or mark them failed."""
    return batchjobber_feie()
