"""Two scans at the same moment in two database connections (two beat processes): one e-mail.

Needs a database with real concurrent connections (PostgreSQL, as in CI with DATABASE_URL); the
in-memory SQLite test database cannot be shared between threads, so there the simulated version
in test_skann.py stands alone.
"""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection

from fagbrev.tests.samtidig import kjor_samtidig
from paminnelser import services
from paminnelser.models import Paminnelse


@pytest.mark.django_db(transaction=True)
@time_machine.travel("2027-01-15 06:00 +01:00", tick=False)
def test_two_scans_in_parallel_connections_write_one_row_and_send_one_email(koordinator, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("trenger PostgreSQL (DATABASE_URL) for to samtidige tilkoblinger")
    begge_har_lest = threading.Barrier(2, timeout=10)
    ekte = services.forfall_finn

    def finn_og_vent(**kwargs):
        funnet = ekte(**kwargs)
        begge_har_lest.wait()  # neither writes before both have evaluated the rules
        return funnet

    monkeypatch.setattr(services, "forfall_finn", finn_og_vent)
    utfall = kjor_samtidig(lambda: services.skann_utfor(idag=datetime.date(2027, 1, 15)))
    assert not [u for u in utfall if isinstance(u, BaseException)], utfall
    assert Paminnelse.objects.count() == 1
    assert Paminnelse.objects.get().status == Paminnelse.Status.SENDT
    assert len(mail.outbox) == 1
