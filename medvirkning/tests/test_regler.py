"""Reminder rules that send the workplace a link, through the same engine and exactly-once key as
every other reminder: the agreement unsigned by the workplace a week after it was sent, the month's
goals in the first week of the month, the workplace's part a week before the vurderingssamtale. Each
link with the rule's own lifetime; a reminder whose task was done meanwhile is cancelled, not sent."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail

from arbeidsgivere.models import Avtale
from medvirkning import services
from medvirkning.models import Lenke
from paminnelser.models import Paminnelse
from paminnelser.services import skann_utfor

from .conftest import token_til

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NAA = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=OSLO)


@pytest.fixture
def klokke():
    with time_machine.travel(NAA, tick=False) as reise:
        yield reise


def _skann(fanger, naa: datetime.datetime, klokke, regel: str) -> list[str]:
    """Run the engine's daily scan for one rule at `naa`; the addresses mailed."""
    klokke.move_to(naa)
    for_ = len(mail.outbox)
    with fanger(execute=True):
        skann_utfor(idag=naa.date(), regelnavn=[regel])
    return [m.to[0] for m in mail.outbox[for_:]]


def test_the_leder_who_has_not_signed_in_a_week_gets_a_new_link_once(
    sak, koordinator, klokke, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    gammel = token_til("liv@solsikken.no")
    services.signer_med_lenke(lenke=services.lenke_finn(token=token_til("frida@solsikken.no")), navn="Frida Fadder")
    fanger, regel = django_capture_on_commit_callbacks, "medvirkning.avtale_usignert"
    assert _skann(fanger, NAA + datetime.timedelta(days=6), klokke, regel) == []
    assert _skann(fanger, NAA + datetime.timedelta(days=7), klokke, regel) == ["liv@solsikken.no"]
    # the same engine, the same key: again that day and the next, nothing more
    assert _skann(fanger, NAA + datetime.timedelta(days=7, hours=2), klokke, regel) == []
    assert _skann(fanger, NAA + datetime.timedelta(days=8), klokke, regel) == []
    p = Paminnelse.objects.get(regel=regel)
    assert (p.status, p.kontaktperson_id, p.periode) == ("sendt", sak.leder.pk, "v1")
    ny = Lenke.objects.get(part="leder", trukket__isnull=True)
    assert ny.regel == regel and ny.sendt_av == koordinator
    assert ny.utloper == NAA + datetime.timedelta(days=7 + 14)
    assert mail.outbox[-1].subject == "Fagbrev: signere avtalen om deltakelse"
    assert services.lenke_finn(token=gammel) is None  # the new link replaces the old
    lenke = services.lenke_finn(token=token_til("liv@solsikken.no"))
    services.signer_med_lenke(lenke=lenke, navn="Liv Leder", bekreft_ekstra=True)
    assert Avtale.objects.get(pk=sak.avtale.pk).status == Avtale.Status.TIL_SIGNERING  # kommune and participant left


def test_a_reminder_whose_task_was_done_before_it_left_is_cancelled(
    sak, koordinator, klokke, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.avtale_send_til_signering(avtale=sak.avtale, utfort_av=koordinator)
    klokke.move_to(NAA + datetime.timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=False) as koen:  # planned, not yet sent
        skann_utfor(idag=(NAA + datetime.timedelta(days=7)).date(), regelnavn=["medvirkning.avtale_usignert"])
    services.signer_med_lenke(
        lenke=services.lenke_finn(token=token_til("liv@solsikken.no")), navn="Liv Leder", bekreft_ekstra=True
    )
    for_ = len(mail.outbox)
    for kall in koen:
        kall()
    assert [m.to[0] for m in mail.outbox[for_:]] == ["frida@solsikken.no"]
    leder = Paminnelse.objects.get(kontaktperson=sak.leder)
    assert leder.status == "kansellert" and "allerede signert" in leder.merknad


def test_the_fadder_gets_the_months_goals_link_in_the_first_week_valid_to_the_months_end(
    sak, klokke, django_capture_on_commit_callbacks
):
    fanger, regel = django_capture_on_commit_callbacks, "medvirkning.maned_mal"
    desember = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=OSLO)
    assert _skann(fanger, desember, klokke, regel) == ["frida@solsikken.no"]
    assert _skann(fanger, desember + datetime.timedelta(days=1), klokke, regel) == []
    lenke = Lenke.objects.get(handling="marker_mal")
    assert lenke.utloper == desember + datetime.timedelta(days=31) and lenke.regel == regel
    assert services.lenke_finn(token=token_til("frida@solsikken.no")).pk == lenke.pk
    # from the 8th the month's reminder no longer starts; January makes a new one
    assert _skann(fanger, datetime.datetime(2027, 1, 8, 7, 0, tzinfo=OSLO), klokke, regel) == []
    assert _skann(fanger, datetime.datetime(2027, 1, 7, 7, 0, tzinfo=OSLO), klokke, regel) == ["frida@solsikken.no"]


def test_no_months_goals_link_when_every_goal_is_done_or_consent_is_missing(
    sak, klokke, django_capture_on_commit_callbacks
):
    sak.deltaker.opplaeringsplan.update(utfort=True)
    desember = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=OSLO)
    assert _skann(django_capture_on_commit_callbacks, desember, klokke, "medvirkning.maned_mal") == []
    sak.deltaker.opplaeringsplan.update(utfort=False)
    sak.deltaker.inntakssamtale.samtykke_signert = False
    sak.deltaker.inntakssamtale.save()
    assert _skann(django_capture_on_commit_callbacks, desember, klokke, "medvirkning.maned_mal") == []


def test_the_workplaces_part_of_the_meeting_is_asked_for_a_week_before_and_works_through_the_day(
    sak, klokke, django_capture_on_commit_callbacks
):
    fanger, regel = django_capture_on_commit_callbacks, "medvirkning.samtale_arbeidssted"
    moete = sak.samtale.planlagt_dato  # 26.11.2026
    for_tidlig = datetime.datetime.combine(moete - datetime.timedelta(days=8), datetime.time(7), OSLO)
    assert _skann(fanger, for_tidlig, klokke, regel) == []
    uke_for = datetime.datetime.combine(moete - datetime.timedelta(days=7), datetime.time(7), OSLO)
    assert _skann(fanger, uke_for, klokke, regel) == ["frida@solsikken.no"]
    lenke = Lenke.objects.get(handling="vurderingssamtale")
    assert lenke.samtale_id == sak.samtale.pk and lenke.utloper == uke_for + datetime.timedelta(days=8)
    token = token_til("frida@solsikken.no")
    services.samtale_fyll_ut_med_lenke(lenke=services.lenke_finn(token=token), felter={"holder_tider": "bra"})
    assert _skann(fanger, uke_for + datetime.timedelta(days=1), klokke, regel) == []
    assert Paminnelse.objects.filter(regel=regel).count() == 1


def test_the_rules_read_a_fixed_number_of_queries(sak, klokke, django_assert_max_num_queries):
    from fagbrev.regler import REGLER

    dag = datetime.date(2026, 12, 1)
    for navn, grense in [
        ("medvirkning.avtale_usignert", 4),
        ("medvirkning.maned_mal", 1),
        ("medvirkning.samtale_arbeidssted", 2),
    ]:
        with django_assert_max_num_queries(grense):
            list(REGLER[navn](dag))
