"""Settings the apps' Celery tasks share (the core: any app may use them)."""

from django.db import OperationalError

# A scheduled task that may simply run again: acknowledged after it ran (a worker that dies leaves
# the message for another) and retried with backoff when the database was briefly away.
# `@shared_task(name="…", **PLANLAGT)`.
PLANLAGT = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "max_retries": 3,
    "retry_backoff": 30,
}
