"""Celery wiring. The broker is Redis at REDIS_URL; without it tasks run eagerly (see settings)."""

import os

from celery import Celery
from django.db import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagbrev.settings")

app = Celery("fagbrev")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A scheduled task that may simply run again: acknowledged after it ran (a worker that dies leaves
# the message for another) and retried with backoff when the database was briefly away.
# `@shared_task(name="…", **PLANLAGT)`.
PLANLAGT = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "max_retries": 3,
    "retry_backoff": 30,
}
