"""Project-wide checks: migrations, one <h1> per page, demo data."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deltakere.models import Deltaker
from fagbrev.models import Fagretning, User
from lop.models import Eksamen, Fagprove, Laerekontrakt, Norskprove, Opplaeringsplanpunkt


def test_no_pending_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


SIDER = ["/", "/deltakere/", "/arbeidsgivere/", "/konto/passord/"]


@pytest.mark.parametrize("sti", SIDER)
def test_each_page_has_exactly_one_h1(client, koordinator, deltaker, sti):
    client.force_login(koordinator)
    html = client.get(sti).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_case_page_has_exactly_one_h1(client, koordinator, deltaker):
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_login_page_has_exactly_one_h1(client, db):
    assert len(re.findall(r"<h1[ >]", client.get("/konto/logg-inn/").content.decode())) == 1


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent_and_makes_the_interface_users(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    antall = (User.objects.count(), Fagretning.objects.count(), Deltaker.objects.count())
    lop = (Laerekontrakt.objects.count(), Eksamen.objects.count(), Opplaeringsplanpunkt.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Fagretning.objects.count(), Deltaker.objects.count()) == antall
    # the pathway's demo data: contracts, exams, Norwegian results, plans, fagprøver; once
    assert (Laerekontrakt.objects.count(), Eksamen.objects.count(), Opplaeringsplanpunkt.objects.count()) == lop
    assert all(lop) and Norskprove.objects.exists() and Fagprove.objects.exists()
    for username in [
        "koordinator",
        "faglarer",
        "faglarer.helse",
        "norsklarer",
        "styring",
        "koordinator.asker",
        "admin",
    ]:
        assert User.objects.get(username=username).check_password("fagbrev-demo")
    assert Deltaker.objects.filter(organisasjon__kortnavn="NAV Asker").count() == 10
    assert Deltaker.objects.count() >= 40
    assert Fagretning.objects.filter(aktiv=False, navn="Restaurant- og matfag").exists()


def test_demo_login_works(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    svar = client.post("/konto/logg-inn/", {"username": "koordinator", "password": "fagbrev-demo"}, follow=True)
    assert svar.status_code == 200 and "Min oversikt" in svar.content.decode()


def test_after_seed_demo_the_bell_has_reminders_and_the_cohorts_are_ready(db, settings):
    """`make run` = migrate, seed_demo, runserver: the bell is not empty (issue #20), BUA has a
    December cohort, and the closed track's cohort is closed."""
    import datetime

    import time_machine

    from fagbrev.models import Kull
    from paminnelser.models import Paminnelse
    from paminnelser.selectors import uleste_antall

    settings.DEBUG = True
    with time_machine.travel(datetime.datetime(2026, 12, 4, 7, tzinfo=datetime.UTC), tick=False):
        call_command("seed_demo", stdout=StringIO())
        antall = Paminnelse.objects.count()
        assert uleste_antall(user=User.objects.get(username="koordinator")) > 0
        call_command("seed_demo", stdout=StringIO())
        assert Paminnelse.objects.count() == antall  # the scan's keys: nothing twice
    assert Kull.objects.filter(fagretning__kortnavn="BUA", navn="Desember 2026", oppstart__month=12).exists()
    assert not Kull.objects.filter(fagretning__aktiv=False, lukket__isnull=True).exists()
