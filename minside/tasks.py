"""Celery tasks: thin wrappers taking ids. The token is made inside the task, so no secret travels
through the broker."""

from __future__ import annotations

from celery import shared_task

from .models import Deltakerkonto
from .services import lenke_send


@shared_task(name="minside.send_innloggingslenke", acks_late=True)
def send_innloggingslenke_task(*, konto_id: int, kanal: str = "epost", begrenset: bool = False) -> bool:
    konto = Deltakerkonto.objects.filter(pk=konto_id).first()
    return bool(konto) and lenke_send(konto=konto, kanal=kanal, begrenset=begrenset)
