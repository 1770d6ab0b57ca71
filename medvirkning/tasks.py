"""Celery tasks: thin wrappers, ids only. The token is made inside the task, so it never passes
through the broker."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import utsending


@shared_task(
    name="medvirkning.send_lenke",
    acks_late=True,
    autoretry_for=(OperationalError, ConnectionError, TimeoutError),
    max_retries=3,
    retry_backoff=30,
)
def lenke_send_task(*, lenke_id: int) -> str:
    return utsending.lenke_send(lenke_id=lenke_id)
