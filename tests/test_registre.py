"""Each app brings its own parts: the registries the lower apps offer are filled by the apps that own them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured

from fagbrev import regler

REGLER = {
    "lop": {
        "paminnelser.eksamensvindu_apner",
        "paminnelser.eksamensvindu_lukker_snart",
        "paminnelser.eksamen_ikke_pameldt",
        "paminnelser.eksamen_ikke_pameldt_liste",
        "paminnelser.fagprove_oppmelding",
        "paminnelser.manedstema_til_faddere",
    },
    "arbeidsgivere": {"paminnelser.politiattest_mangler", "paminnelser.vurder_fagbrev_pa_jobb"},
    "deltakere": {
        "paminnelser.permisjon_slutter",
        "paminnelser.utstyr_ikke_returnert",
        "paminnelser.utfall_seks_maneder",
    },
    "oppfolging": {
        "paminnelser.vurderingssamtale_mangler",
        "paminnelser.besok_forfalt",
        "paminnelser.prosjektgruppemote_mangler",
        "paminnelser.styringsgruppemote_mangler",
        "paminnelser.tiltak_forfalt",
    },
    "paminnelser": {"paminnelser.ukeoversikt"},
    "medvirkning": {"medvirkning.avtale_usignert", "medvirkning.maned_mal", "medvirkning.samtale_arbeidssted"},
    "moter": {"moter.oppstartsmote_mangler"},
}


def test_every_reminder_rule_is_registered_by_the_app_that_owns_its_facts():
    registrert: dict[str, set[str]] = {}
    for regel in regler.REGLER.values():
        registrert.setdefault(regel.app, set()).add(regel.navn)
    assert registrert == REGLER
    assert len(regler.REGLER) == 21


def test_the_daily_rules_run_in_their_old_order_and_the_weekly_overview_alone_on_mondays():
    assert [r.navn for r in regler.regler()] == [
        "paminnelser.eksamensvindu_apner",
        "paminnelser.eksamensvindu_lukker_snart",
        "paminnelser.politiattest_mangler",
        "paminnelser.vurder_fagbrev_pa_jobb",
        "paminnelser.eksamen_ikke_pameldt",
        "moter.oppstartsmote_mangler",
        "paminnelser.eksamen_ikke_pameldt_liste",
        "paminnelser.vurderingssamtale_mangler",
        "paminnelser.besok_forfalt",
        "paminnelser.fagprove_oppmelding",
        "paminnelser.permisjon_slutter",
        "paminnelser.utstyr_ikke_returnert",
        "paminnelser.prosjektgruppemote_mangler",
        "paminnelser.styringsgruppemote_mangler",
        "paminnelser.tiltak_forfalt",
        "paminnelser.manedstema_til_faddere",
        "paminnelser.utfall_seks_maneder",
        "medvirkning.avtale_usignert",
        "medvirkning.maned_mal",
        "medvirkning.samtale_arbeidssted",
    ]
    assert [r.navn for r in regler.regler(ukentlig=True)] == ["paminnelser.ukeoversikt"]


def test_each_app_places_its_own_sections_on_the_case_page_and_the_overview_without_sharing_a_place():
    from fagbrev import seksjoner

    saksside = sorted(seksjoner.SAKSSIDE.values(), key=lambda p: p.rekkefolge)
    oversikt = sorted(seksjoner.OVERSIKT.values(), key=lambda p: p.rekkefolge)
    assert [(p.app, p.funksjon.__name__) for p in saksside] == [
        ("deltakere", "saksside_rutebytter"),
        ("deltakere", "saksside_utfall"),
        ("lop", "saksside_lop"),
        ("arbeidsgivere", "saksside_plassering"),
        ("medvirkning", "saksside"),
        ("oppfolging", "saksside"),
        ("moter", "saksside"),
        ("dokumenter", "saksside"),
        ("minside", "saksside"),
        ("fagbrev", "seksjon_hvem_har_sett"),
        ("personvern", "saksside"),
    ]
    assert [(p.app, p.funksjon.__name__) for p in oversikt] == [
        ("lop", "oversikt_lop"),
        ("paminnelser", "oversikt_varsler"),
        ("oppfolging", "oversikt_besok"),
        ("oppfolging", "oversikt_tiltak"),
        ("deltakere", "oversikt_oppgaver"),
        ("oppfolging", "oversikt_samtaler"),
        ("arbeidsgivere", "oversikt_praksis"),
        ("medvirkning", "oversikt"),
    ]
    for side in (saksside, oversikt):
        assert len({p.rekkefolge for p in side}) == len(side)


def test_each_app_brings_its_demo_seeders_in_an_explicit_order():
    from django.utils.module_loading import autodiscover_modules

    from fagbrev.demo import seedere

    autodiscover_modules("demo")
    assert [f"{f.__module__}.{f.__name__}" for f in seedere()] == [
        "fagbrev.demo.seed_kjerne",
        "arbeidsgivere.demo.seed",
        "deltakere.demo.seed",
        "arbeidsgivere.demo.seed_plasseringer",
        "lop.demo.seed_lop",
        "deltakere.demo.seed_historikk",
        "deltakere.demo.seed_utfall",
        "arbeidsgivere.demo.seed_asker_arbeid",
        "dokumenter.demo.seed",
        "oppfolging.demo.seed",
        "moter.demo.seed",
        "minside.demo.seed",
        "styring.demo.seed",
        "fagbrev.demo.seed_tidspunkter",
        "paminnelser.demo.seed_paminnelser",  # last: the day's reminder scan over everything seeded
    ]


def test_the_year_wheel_sources_and_the_monday_overview_parts_come_from_the_apps_that_own_the_dates():
    from fagbrev import kalender

    assert set(kalender.KILDER) == {
        "paminnelser.kalender.faste_datoer",
        "oppfolging.kalender.moter",
        "lop.kalender.kontraktslutt",
        "lop.kalender.fagprover",
        "lop.kalender.fagprovefrister",
        "oppfolging.kalender.planlagte_samtaler",
        "moter.kalender.moter",
        "moter.kalender.oppstartsmoter",
    }
    assert [f"{f.__module__}.{f.__name__}" for f in kalender.ukedeler()] == [
        "paminnelser.ukeoversikt.datoer_neste_to_uker",
        "paminnelser.ukeoversikt.paminnelser_siste_uke",
        "oppfolging.kalender.vurderingssamtaler",
        "oppfolging.kalender.besok_forfalt",
        "lop.kalender.kontrakter_slutter",
        "lop.kalender.eksamen_og_fagprove",
        "lop.kalender.dokumenter_og_signaturer",
    ]


def test_every_app_with_a_model_about_a_participant_registers_its_personal_data():
    """Innsyn exports, and anonymisation clears, only the apps registered: none may be forgotten."""
    from django.apps import apps

    from deltakere.models import Deltaker
    from fagbrev import personopplysninger

    peker_pa_henne = {
        m._meta.app_label
        for m in apps.get_models()
        if any(f.is_relation and f.related_model is Deltaker for f in m._meta.concrete_fields)
    }
    assert peker_pa_henne <= set(personopplysninger.apper())
    assert set(personopplysninger.apper()) == {
        "fagbrev",
        "deltakere",
        "arbeidsgivere",
        "lop",
        "oppfolging",
        "paminnelser",
        "dokumenter",
        "medvirkning",
        "minside",
        "rapporter",
        "moter",
    }
    assert personopplysninger.urort(apps.get_model("fagbrev", "Oppslag"))
    assert personopplysninger.behold(apps.get_model("lop", "Eksamen")) == {"termin"}


def test_two_rules_may_not_share_a_name():
    def annen(idag):
        return []

    with pytest.raises(ImproperlyConfigured):
        regler.regel("paminnelser.besok_forfalt", rekkefolge=999)(annen)
    assert regler.REGLER["paminnelser.besok_forfalt"].app == "oppfolging"


def test_the_documents_are_callables_registered_from_ready_with_the_stored_types_title():
    from dokumenter.models import Dokumenttype
    from fagbrev import dokumenttyper

    assert list(dokumenttyper.DELTAKERDOKUMENTER) == [
        *("kontrakt", "opplaeringsplan", "deltakerbevis"),
        *("heveskjema", "permisjonssoknad", "politiattest"),  # the county's forms (issue #20)
    ]
    assert list(dokumenttyper.OBJEKTDOKUMENTER) == [
        *("avtale", "vurderingsreferat", "motereferat"),
        "arbeidsattest",  # the workplace reference at the end of a case (issue #20)
    ]
    for d in [*dokumenttyper.DELTAKERDOKUMENTER.values(), *dokumenttyper.OBJEKTDOKUMENTER.values()]:
        assert d.tittel == Dokumenttype(d.type).label
        assert callable(d.kontekst)
    for d in dokumenttyper.OBJEKTDOKUMENTER.values():
        assert callable(d.hent)
    with pytest.raises(ImproperlyConfigured):
        dokumenttyper.registrer(replace(dokumenttyper.OBJEKTDOKUMENTER["avtale"], formal="Noe annet"))
