"""Celery tasks for documents: thin wrappers that take ids (see services for the work)."""

from celery import shared_task

from .services import batchjobb_kjor


@shared_task(name="dokumenter.batchjobb_kjor", acks_late=True)
def batchjobb_kjor_task(*, jobb_id: int) -> None:
    batchjobb_kjor(jobb_id=jobb_id)
