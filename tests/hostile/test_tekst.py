"""Hostile and careless text (issue 15, items 2 and 8): a note past its limit is refused with a
Norwegian message and nothing changes; documents hold at the limit and survive an old, longer text
kept in a revision; any script prints in PDFs; steering-group minutes as PDF for those who may read
them; drafts leave the browser at logout. Time and memory: bench/fiendtlig.py."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from dokumenter import services as dokumenttjenester
from dokumenter.tests.pdfhjelp import flat, pdf_fonter, pdf_tekst
from fagbrev.tekstgrenser import NOTAT
from oppfolging.models import Besok, Mote, Revisjon
from oppfolging.tests.factories import BesokFactory, MoteFactory

NAA = datetime.datetime(2026, 11, 23, 9, 0)


def _besok_data(deltaker, **ekstra):
    return {"deltaker": deltaker.pk, "dato": "2026-11-23", "observert": "Kort.", "neste_besok": "2026-12-07", **ekstra}


@time_machine.travel(NAA, tick=False)
def test_a_note_past_its_limit_is_refused_with_a_norwegian_message_and_nothing_is_saved(client, faglarer, deltaker):
    client.force_login(faglarer)
    svar = client.post("/oppfolging/besok/ny/", _besok_data(deltaker, observert="x" * (NOTAT + 1)))
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Sørg for at denne verdien har 10000 eller færre tegn (den har nå 10001)." in html
    assert not Besok.objects.exists()
    assert client.post("/oppfolging/besok/ny/", _besok_data(deltaker, observert="x" * NOTAT)).status_code == 302
    assert len(Besok.objects.get().observert) == NOTAT


@pytest.mark.parametrize(
    ("modell", "felt", "grense"),
    [
        ("oppfolging.Besok", "observert", 10_000),
        ("oppfolging.Mote", "referat", 10_000),
        ("arbeidsgivere.Arbeidsgiver", "notater", 10_000),
        ("deltakere.Kartlegging", "motivasjon", 4_000),
        ("deltakere.Opptaksvedtak", "begrunnelse", 2_000),
        ("dokumenter.Dokumentprofil", "adresselinjer", 1_000),
    ],
)
def test_free_text_fields_carry_their_limit_into_every_model_form(modell, felt, grense):
    from django.apps import apps
    from django.forms import modelform_factory

    model = apps.get_model(modell)
    assert model._meta.get_field(felt).max_length == grense
    form = modelform_factory(model, fields=[felt])({felt: "x" * (grense + 1)})
    assert not form.is_valid() and "færre tegn" in form.errors[felt][0]


def test_every_text_field_in_the_project_has_a_limit():
    from django.apps import apps
    from django.db import models

    uten = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in ("fagbrev", "deltakere", "arbeidsgivere", "oppfolging", "dokumenter", "personvern")
        for f in m._meta.get_fields()
        if isinstance(f, models.TextField) and f.max_length is None
    ]
    assert uten == []


def _gammel_lang_revisjon(besok, koordinator, lengde: int) -> None:
    """What the issue found: a megabyte note, shortened since, but kept whole in the earlier version."""
    Revisjon.objects.create(
        organisasjon_id=besok.organisasjon_id,
        objekt_type=ContentType.objects.get_for_model(Besok),
        objekt_id=besok.pk,
        versjon=1,
        data={"observert": "Lang tekst. " * (lengde // 12), "oppgaver": ""},
        endret_av=koordinator,
    )


def test_the_innsyn_export_holds_with_an_old_megabyte_text_in_a_revision(client, koordinator, deltaker):
    besok = BesokFactory(deltaker=deltaker, observert="Nå kort.")
    Besok.objects.filter(pk=besok.pk).update(observert="Gammel og lang. " * 70_000)  # stored before the limit
    _gammel_lang_revisjon(besok, koordinator, 1_000_000)
    client.force_login(koordinator)
    pdf = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.pdf")
    assert pdf.status_code == 200
    tekst = flat(pdf_tekst(pdf.content))
    assert "Forkortet i PDF-en: teksten har 1 120 000 tegn" in tekst.replace("\u00a0", " ")
    assert "Hele teksten står i innsyn.json" in tekst
    data = json.loads(client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.json").content)
    assert len(data["data"]["oppfolging.Besok"]["rader"][0]["observert"]) == 1_120_000  # the JSON keeps it all
    assert client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.zip").status_code == 200


def test_the_meeting_pdf_holds_at_the_limits(koordinator, fagretning):
    mote = MoteFactory(
        fagretning=fagretning,
        registrert_av=koordinator,
        agenda="Sak\n" * 1_000,
        referat="r" * NOTAT,
        vedtak="v" * NOTAT,
    )
    dokument = dokumenttjenester.dokument_lag_for_objekt(type="motereferat", objekt=mote, utfort_av=koordinator)
    with dokument.fil.open("rb") as f:
        assert "Referat" in pdf_tekst(f.read())


TIGRINYA = "ሰላም ተስፋይ"
ARABISK = "مرحبا"
EMOJI = "😀👍🏽"


def test_tigrinya_arabic_and_emoji_print_in_a_pdf(client, koordinator, deltaker):
    deltaker.fornavn, deltaker.etternavn = TIGRINYA, f"{ARABISK} {EMOJI}"
    deltaker.save()
    client.force_login(koordinator)
    pdf = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.pdf").content
    fonter = pdf_fonter(pdf)
    tekst = pdf_tekst(pdf)
    assert "Noto-Sans-Ethiopic" in fonter and "Noto-Color-Emoji" in fonter
    assert TIGRINYA in tekst and ARABISK in tekst and "😀" in tekst and "👍" in tekst
    for rad in fonter.splitlines()[2:]:
        assert rad.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a unicode map


@pytest.mark.parametrize(("hvem", "forventet"), [("faglarer", 200), ("styring", 200), ("norsklarer", 404)])
def test_who_may_read_steering_group_minutes_on_the_page_gets_the_pdf_too(
    client, personer, koordinator, hvem, forventet
):
    mote = Mote.objects.create(
        organisasjon=koordinator.medlemskap.first().organisasjon,
        type=Mote.Type.STYRINGSGRUPPE,
        dato=datetime.date(2026, 11, 10),
        referat="Referat fra styringsgruppen.",
        registrert_av=koordinator,
    )
    referat = dokumenttjenester.dokument_lag_for_objekt(type="motereferat", objekt=mote, utfort_av=koordinator)
    client.force_login(personer[hvem])
    side = client.get(f"/oppfolging/moter/{mote.pk}/")
    assert side.status_code == forventet
    assert client.get(f"/dokumenter/{referat.pk}/last-ned/").status_code == forventet
    if forventet == 200:
        assert f"/dokumenter/{referat.pk}/last-ned/" in side.content.decode()


def test_logout_tells_the_browser_to_forget_drafts_and_the_pages_carry_the_hooks(client, koordinator):
    client.force_login(koordinator)
    side = client.get("/").content.decode()
    assert "data-utkast-slett-alle" in side  # the logout form clears drafts before it posts
    svar = client.post("/konto/logg-ut/")
    assert svar["Clear-Site-Data"] == '"storage"'
    assert "data-utkast-slett-alle" in client.get("/konto/logg-inn/").content.decode()
