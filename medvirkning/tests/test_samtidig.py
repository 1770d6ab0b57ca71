"""Two submits of one signature link at the same moment (a double tap on a slow phone): the link's
row is locked (SELECT … FOR UPDATE OF the link only), so the second waits, then finds the link used.
Exactly one signature. Needs real row locks: runs on PostgreSQL only (CI's database)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from fagbrev.tests.samtidig import kjor_samtidig
from medvirkning import services
from medvirkning.models import Lenke, Signatur

from .conftest import token_til

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_a_signature_link_tapped_twice_at_once_signs_once(sak, koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    lenke = services.lenke_finn(token=token_til("frida@solsikken.no"))
    start = threading.Barrier(2)

    def signer():
        start.wait()
        services.signer_med_lenke(lenke=lenke, navn="Frida Fadder")
        return "signert"

    utfall = [" ".join(u.messages) if isinstance(u, ValidationError) else u for u in kjor_samtidig(signer)]
    assert sorted(utfall) == ["Lenken virker ikke lenger.", "signert"]
    assert Signatur.objects.filter(part="fadder").count() == 1
    assert Lenke.objects.get(pk=lenke.pk).brukt is not None
