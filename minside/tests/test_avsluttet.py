"""When her case ends: a closed case can no longer log in (a plain page in her language), an
anonymised case loses its login, links and photos, and her self-evaluation stays as it was once the
assessment meeting has been held."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from PIL import Image

from deltakere.models import Deltaker
from deltakere.tests.saker import sak_avsluttet
from minside import services
from minside.models import Deltakerkonto, Innloggingslenke, Loggbokinnlegg, Selvevaluering
from minside.tests.factories import SelvevalueringFactory, lenke_for
from oppfolging.tests.factories import VurderingssamtaleFactory
from personvern.anonymisering import deltaker_anonymiser

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _jpeg() -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(ut, "JPEG")
    return ut.getvalue()


def _avslutt(deltaker, status=Deltaker.Status.AVBRUTT, dato=datetime.date(2026, 6, 1)) -> None:
    sak_avsluttet(deltaker, status, dato, fra_status=Deltaker.Status.I_OPPLAERING, begrunnelse="Flyttet")


# --- a closed case --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Deltaker.Status.AVBRUTT, Deltaker.Status.FULLFORT, Deltaker.Status.AVSLATT])
def test_a_closed_case_is_logged_out_with_a_plain_page_in_her_language(innlogget, konto, status):
    _avslutt(konto.deltaker, status=status)
    innlogget.cookies["minside_sprak"] = "en"
    svar = innlogget.get(reverse("minside:forside"))
    assert svar.status_code == 403
    tekst = svar.content.decode()
    assert "Your case is closed" in tekst
    assert "Amina" not in tekst and "Loggbok" not in tekst and "Logbook" not in tekst
    assert "_auth_user_id" not in innlogget.session


def test_the_link_of_a_closed_case_does_not_log_her_in(client, konto):
    token = lenke_for(konto)
    _avslutt(konto.deltaker)
    client.cookies["minside_sprak"] = "ar"
    url = reverse("minside:lenke", args=[token])
    for svar in (client.get(url), client.post(url)):
        assert svar.status_code == 403
        assert "قضيتك مغلقة" in svar.content.decode()
    assert "_auth_user_id" not in client.session
    assert Innloggingslenke.objects.get(konto=konto).brukt is None


def test_a_closed_case_gets_no_new_links(client, konto, koordinator, django_capture_on_commit_callbacks):
    _avslutt(konto.deltaker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("minside:logg_inn"), {"epost": "amina@example.no"})
    assert mail.outbox == []
    assert services.lenke_send(konto=konto) is False
    with pytest.raises(ValidationError):
        services.konto_inviter(deltaker=Deltaker.objects.get(pk=konto.deltaker_id), utfort_av=koordinator)


# --- anonymised -----------------------------------------------------------------------------------


def test_anonymising_her_case_removes_her_login_links_and_photos(konto, plan, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=OSLO)):
        innlegg = services.loggbok_skriv(konto=konto, tekst="Jeg leste for barna", planpunkter=[plan[0]], bilde=_jpeg())
        services.loggbok_skriv(konto=konto, tekst="Uten bilde")
        token = lenke_for(konto)
        lenke_for(konto)  # two unused links: their hashes stay unique
        SelvevalueringFactory(deltaker=konto.deltaker, semester="2025H")
        SelvevalueringFactory(deltaker=konto.deltaker, semester="2026V")
        _avslutt(konto.deltaker, dato=datetime.date(2020, 1, 6))
    bilde = Path(settings.MEDIA_ROOT) / "minside" / innlegg.bilde
    assert bilde.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert deltaker_anonymiser(deltaker_id=konto.deltaker_id, idag=datetime.date(2026, 3, 2))

    user = get_user_model().objects.get(pk=konto.user_id)
    assert (user.is_active, user.first_name, user.last_name, user.email) == (False, "", "", "")
    assert not Innloggingslenke.objects.filter(konto=konto, brukt__isnull=True).exists()
    innlegg.refresh_from_db()
    assert (innlegg.bilde, innlegg.tekst) == ("", "[anonymisert]")
    assert not bilde.exists()
    assert sorted(Selvevaluering.objects.filter(deltaker_id=konto.deltaker_id).values_list("semester", flat=True)) == [
        "2025H",
        "2026V",
    ]
    assert Deltakerkonto.objects.get(pk=konto.pk).fadder_kan_lese is False
    assert Loggbokinnlegg.objects.filter(deltaker_id=konto.deltaker_id).count() == 2
    telefon = Client()
    assert telefon.post(reverse("minside:lenke", args=[token])).status_code == 403
    assert "_auth_user_id" not in telefon.session


def test_her_phone_is_logged_out_when_her_case_is_anonymised(innlogget, konto):
    _avslutt(konto.deltaker, dato=datetime.date(2020, 1, 6))
    assert deltaker_anonymiser(deltaker_id=konto.deltaker_id, idag=datetime.date(2026, 3, 2))
    assert innlogget.get(reverse("minside:forside")).url == reverse("minside:logg_inn")


# --- the self-evaluation locks once the meeting is held -------------------------------------------


@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO), tick=False)
def test_the_self_evaluation_locks_once_the_meeting_is_held(innlogget, konto):
    SelvevalueringFactory(deltaker=konto.deltaker, semester="2026H", oppgaver=7, laert="Å lese høyt")
    samtale = VurderingssamtaleFactory(
        deltaker=konto.deltaker, semester="2026H", planlagt_dato=datetime.date(2026, 11, 20), holdt_dato=None
    )
    url = reverse("minside:egenvurdering")
    assert 'name="laert"' in innlogget.get(url).content.decode()

    samtale.holdt_dato = datetime.date(2026, 11, 20)
    samtale.save(update_fields=["holdt_dato"])
    tekst = innlogget.get(url).content.decode()
    assert "Samtalen er holdt" in tekst and "Å lese høyt" in tekst
    assert '<form method="post">' not in tekst.split("<main")[1].split("</main>")[0]
    svar = innlogget.post(url, {"oppgaver": "2", "laert": "Endret etterpå"})
    assert svar.status_code == 302
    evaluering = Selvevaluering.objects.get(deltaker=konto.deltaker, semester="2026H")
    assert (evaluering.oppgaver, evaluering.laert) == (7, "Å lese høyt")
    with pytest.raises(ValidationError):
        services.selvevaluering_lagre(konto=konto, semester="2026H", oppgaver=3)
    assert "Skriv egenvurdering" not in innlogget.get(reverse("minside:forside")).content.decode()
