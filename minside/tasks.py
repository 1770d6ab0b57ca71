"""Celery tasks: thin wrappers taking ids. The token is made inside the task, so no secret travels
through the broker."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from arbeidsgivere.models import Kontaktperson

from .models import Deltakerkonto
from .services import fadderlenke_send, lenke_send


@shared_task(name="minside.send_innloggingslenke", acks_late=True)
def send_innloggingslenke_task(*, konto_id: int, kanal: str = "epost", begrenset: bool = False) -> bool:
    konto = Deltakerkonto.objects.filter(pk=konto_id).first()
    return bool(konto) and lenke_send(konto=konto, kanal=kanal, begrenset=begrenset)


@shared_task(name="minside.send_fadderlenke", acks_late=True)
def send_fadderlenke_task(*, konto_id: int, fadder_id: int, sendt_av_id: int) -> bool:
    konto = Deltakerkonto.objects.filter(pk=konto_id).first()
    fadder = Kontaktperson.objects.filter(pk=fadder_id).first()
    sendt_av = get_user_model().objects.filter(pk=sendt_av_id).first()
    return bool(konto and fadder and sendt_av) and fadderlenke_send(konto=konto, fadder=fadder, sendt_av=sendt_av)
