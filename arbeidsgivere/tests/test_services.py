import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from arbeidsgivere import services
from arbeidsgivere.models import Arbeidsgiver, Avtale, Plassering
from arbeidsgivere.tests.factories import ArbeidsgiverFactory, AvtaleFactory, KontaktpersonFactory, PlasseringFactory
from deltakere.politiattest import politiattest_mottatt
from deltakere.tests.factories import DeltakerFactory
from fagbrev.models import Hendelse
from fagbrev.tests.factories import FagretningFactory

GYLDIG_ORGNR = "974760673"  # Brønnøysundregistrene's own number


def _plasser(deltaker, sted, koordinator, **kw):
    felter = {"fadder": None, "fra": datetime.date(2026, 1, 5), "utfort_av": koordinator, **kw}
    return services.plassering_opprett(deltaker=deltaker, arbeidssted=sted, **felter)


# --- employers ------------------------------------------------------------------------------------


def test_employer_is_registered_with_normalised_orgnr_and_logged(lorenskog, koordinator):
    arbeidsgiver = services.arbeidsgiver_opprett(
        organisasjon=lorenskog, utfort_av=koordinator, navn="Solsikken AS", orgnr="974 760 673"
    )
    assert arbeidsgiver.orgnr == GYLDIG_ORGNR
    assert Hendelse.objects.filter(handling="arbeidsgivere.arbeidsgiver.opprettet").count() == 1


@pytest.mark.parametrize(
    ("orgnr", "melding"),
    [("12345", "Organisasjonsnummer har 9 siffer."), ("974760674", "ikke et gyldig organisasjonsnummer")],
)
def test_invalid_orgnr_is_refused_at_the_field(lorenskog, koordinator, orgnr, melding):
    with pytest.raises(ValidationError) as feil:
        services.arbeidsgiver_opprett(organisasjon=lorenskog, utfort_av=koordinator, navn="X", orgnr=orgnr)
    assert melding in feil.value.message_dict["orgnr"][0]


def test_same_orgnr_twice_in_one_organisation_is_refused(lorenskog, koordinator):
    ArbeidsgiverFactory(organisasjon=lorenskog, orgnr=GYLDIG_ORGNR, navn="Første AS")
    with pytest.raises(ValidationError) as feil:
        services.arbeidsgiver_opprett(organisasjon=lorenskog, utfort_av=koordinator, navn="Andre", orgnr=GYLDIG_ORGNR)
    assert "Første AS" in feil.value.message_dict["orgnr"][0]


def test_same_orgnr_in_another_organisation_is_allowed(lorenskog, asker, koordinator_asker):
    ArbeidsgiverFactory(organisasjon=lorenskog, orgnr=GYLDIG_ORGNR)
    services.arbeidsgiver_opprett(organisasjon=asker, utfort_av=koordinator_asker, navn="Y", orgnr=GYLDIG_ORGNR)
    assert Arbeidsgiver.objects.filter(orgnr=GYLDIG_ORGNR).count() == 2


def test_editing_an_employer_keeps_its_own_orgnr_and_logs_the_change(lorenskog, koordinator):
    arbeidsgiver = ArbeidsgiverFactory(organisasjon=lorenskog, orgnr=GYLDIG_ORGNR, notater="")
    services.arbeidsgiver_endre(arbeidsgiver=arbeidsgiver, utfort_av=koordinator, orgnr=GYLDIG_ORGNR, notater="Ny")
    hendelse = Hendelse.objects.get(handling="arbeidsgivere.arbeidsgiver.endret")
    assert hendelse.endringer == {"notater": ["", "Ny"]}


def test_fixed_contact_must_belong_to_the_organisation(lorenskog, koordinator, koordinator_asker):
    with pytest.raises(ValidationError) as feil:
        services.arbeidsgiver_opprett(
            organisasjon=lorenskog,
            utfort_av=koordinator,
            navn="X",
            orgnr=GYLDIG_ORGNR,
            kontaktperson_kommune=koordinator_asker,
        )
    assert "kontaktperson_kommune" in feil.value.message_dict


def test_only_own_tracks_are_linked_to_an_employer(lorenskog, koordinator, fagretning, fremmed_deltaker):
    arbeidsgiver = services.arbeidsgiver_opprett(
        organisasjon=lorenskog,
        utfort_av=koordinator,
        navn="X",
        orgnr=GYLDIG_ORGNR,
        fagretninger=[fagretning, fremmed_deltaker.fagretning],
    )
    assert list(arbeidsgiver.fagretninger.all()) == [fagretning]


# --- placements -----------------------------------------------------------------------------------


def test_politiattest_rule_reads_the_intake_checklist(deltaker, med_politiattest):
    assert politiattest_mottatt(deltaker) is False
    assert politiattest_mottatt(med_politiattest(deltaker)) is True


def test_placement_in_track_needing_police_certificate_is_refused_without_it(deltaker, sted, koordinator):
    with pytest.raises(ValidationError) as feil:
        _plasser(deltaker, sted, koordinator)
    assert "politiattest" in feil.value.message_dict["fra"][0]
    assert not Plassering.objects.exists()


def test_placement_is_made_once_the_police_certificate_is_received(
    deltaker, sted, fadder, koordinator, med_politiattest
):
    plassering = _plasser(
        med_politiattest(deltaker), sted, koordinator, fadder=fadder, dager_per_uke=Decimal(3), timer_per_uke=22
    )
    assert plassering.fadder == fadder and plassering.til is None
    assert Hendelse.objects.filter(handling="arbeidsgivere.plassering.opprettet", deltaker_id=deltaker.pk).exists()


def test_track_without_the_rule_needs_no_police_certificate(lorenskog, sted, koordinator):
    renhold = FagretningFactory(organisasjon=lorenskog, krever_politiattest=False)
    deltaker = DeltakerFactory(fagretning=renhold)
    assert _plasser(deltaker, sted, koordinator).pk


def test_fadder_from_another_workplace_is_refused(deltaker, sted, annet_sted, koordinator, med_politiattest):
    annen_fadder = KontaktpersonFactory(arbeidssted=annet_sted)
    with pytest.raises(ValidationError) as feil:
        _plasser(med_politiattest(deltaker), sted, koordinator, fadder=annen_fadder)
    assert "fadder" in feil.value.message_dict


def test_workplace_of_another_organisation_is_refused(fremmed_deltaker, sted, koordinator):
    with pytest.raises(ValidationError) as feil:
        _plasser(fremmed_deltaker, sted, koordinator)
    assert "arbeidssted" in feil.value.message_dict


def test_moving_ends_the_open_placement_the_day_before_and_keeps_history(
    deltaker, sted, annet_sted, koordinator, med_politiattest
):
    med_politiattest(deltaker)
    gammel = _plasser(deltaker, sted, koordinator, fra=datetime.date(2026, 1, 5))
    AvtaleFactory(plassering=gammel, status=Avtale.Status.UTKAST)
    ny = _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 3, 2))
    gammel.refresh_from_db()
    assert gammel.til == datetime.date(2026, 3, 1)
    assert ny.til is None
    assert Plassering.objects.filter(deltaker=deltaker).count() == 2
    assert gammel.avtaler.get().status == Avtale.Status.AVSLUTTET


def test_overlapping_a_closed_placement_is_refused(deltaker, sted, annet_sted, koordinator, med_politiattest):
    med_politiattest(deltaker)
    _plasser(deltaker, sted, koordinator, fra=datetime.date(2026, 1, 5), til=datetime.date(2026, 6, 30))
    with pytest.raises(ValidationError) as feil:
        _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 6, 30))
    assert "allerede en plassering" in feil.value.message_dict["fra"][0]


def test_placement_starting_the_day_after_a_closed_one_is_allowed(
    deltaker, sted, annet_sted, koordinator, med_politiattest
):
    med_politiattest(deltaker)
    _plasser(deltaker, sted, koordinator, fra=datetime.date(2026, 1, 5), til=datetime.date(2026, 6, 30))
    assert _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 7, 1)).pk


def test_placement_before_an_open_one_that_overlaps_it_is_refused(
    deltaker, sted, annet_sted, koordinator, med_politiattest
):
    med_politiattest(deltaker)
    _plasser(deltaker, sted, koordinator, fra=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 1, 1), til=datetime.date(2026, 3, 1))
    assert _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 1, 1), til=datetime.date(2026, 2, 28))


def test_ending_a_placement_ends_its_agreement(deltaker, sted, koordinator):
    plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=sted)
    AvtaleFactory(
        plassering=plassering,
        status=Avtale.Status.SIGNERT,
        signert_deltaker=plassering.fra,
        signert_arbeidssted=plassering.fra,
        signert_kommune=plassering.fra,
    )
    services.plassering_avslutt(plassering=plassering, til=datetime.date(2026, 5, 31), utfort_av=koordinator)
    avtale = plassering.avtaler.get()
    assert (avtale.status, avtale.avsluttet) == (Avtale.Status.AVSLUTTET, datetime.date(2026, 5, 31))
    with pytest.raises(ValidationError):
        services.plassering_avslutt(plassering=plassering, til=datetime.date(2026, 6, 1), utfort_av=koordinator)


def test_placement_cannot_end_before_it_starts(deltaker, sted, koordinator):
    plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=sted, fra=datetime.date(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.plassering_avslutt(plassering=plassering, til=datetime.date(2026, 1, 4), utfort_av=koordinator)


def test_leder_confirmation_of_extra_person_is_recorded(deltaker, sted, koordinator):
    plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=sted)
    services.plassering_endre(plassering=plassering, utfort_av=koordinator, ekstra_person_bekreftet=True)
    plassering.refresh_from_db()
    assert plassering.ekstra_person_bekreftet
    assert Hendelse.objects.get(handling="arbeidsgivere.plassering.endret").endringer == {
        "ekstra_person_bekreftet": [False, True]
    }


# --- the participation agreement ------------------------------------------------------------------


@pytest.fixture
def plassering(deltaker, sted):
    return PlasseringFactory(deltaker=deltaker, arbeidssted=sted)


def _avtale(plassering, koordinator):
    return services.avtale_opprett(
        plassering=plassering, utfort_av=koordinator, oppstart=plassering.fra, arbeidstid="3 dager i uken"
    )


def test_agreement_goes_from_draft_to_signed_when_all_three_have_signed(plassering, koordinator):
    avtale = _avtale(plassering, koordinator)
    assert avtale.status == Avtale.Status.UTKAST
    services.avtale_send_til_signering(avtale=avtale, utfort_av=koordinator)
    dag = datetime.date(2026, 1, 2)
    services.avtale_registrer_signatur(avtale=avtale, part="deltaker", dato=dag, utfort_av=koordinator)
    avtale = services.avtale_registrer_signatur(
        avtale=avtale, part="arbeidssted", dato=dag, navn="Anne Berit Holm", utfort_av=koordinator
    )
    assert avtale.status == Avtale.Status.TIL_SIGNERING
    avtale = services.avtale_registrer_signatur(avtale=avtale, part="kommune", dato=dag, utfort_av=koordinator)
    avtale.refresh_from_db()
    assert avtale.status == Avtale.Status.SIGNERT
    assert (avtale.signert_kommune_av, avtale.signert_arbeidssted_navn) == (koordinator, "Anne Berit Holm")
    services.avtale_avslutt(avtale=avtale, dato=datetime.date(2026, 6, 30), utfort_av=koordinator)
    avtale.refresh_from_db()
    assert avtale.status == Avtale.Status.AVSLUTTET


def test_signatures_are_refused_on_a_draft(plassering, koordinator):
    avtale = _avtale(plassering, koordinator)
    with pytest.raises(ValidationError):
        services.avtale_registrer_signatur(
            avtale=avtale, part="deltaker", dato=datetime.date(2026, 1, 2), utfort_av=koordinator
        )


def test_the_same_party_cannot_sign_twice(plassering, koordinator):
    avtale = AvtaleFactory(plassering=plassering, status=Avtale.Status.TIL_SIGNERING)
    services.avtale_registrer_signatur(
        avtale=avtale, part="deltaker", dato=datetime.date(2026, 1, 2), utfort_av=koordinator
    )
    with pytest.raises(ValidationError):
        services.avtale_registrer_signatur(
            avtale=avtale, part="deltaker", dato=datetime.date(2026, 1, 3), utfort_av=koordinator
        )


def test_workplace_signature_needs_the_signers_name(plassering, koordinator):
    avtale = AvtaleFactory(plassering=plassering, status=Avtale.Status.TIL_SIGNERING)
    with pytest.raises(ValidationError) as feil:
        services.avtale_registrer_signatur(
            avtale=avtale, part="arbeidssted", dato=datetime.date(2026, 1, 2), utfort_av=koordinator
        )
    assert "navn" in feil.value.message_dict


def test_agreement_content_is_locked_once_sent_for_signing(plassering, koordinator):
    avtale = _avtale(plassering, koordinator)
    services.avtale_endre(avtale=avtale, utfort_av=koordinator, arbeidstid="4 dager i uken")
    services.avtale_send_til_signering(avtale=avtale, utfort_av=koordinator)
    with pytest.raises(ValidationError):
        services.avtale_endre(avtale=avtale, utfort_av=koordinator, arbeidstid="5 dager")
    with pytest.raises(ValidationError):
        services.avtale_send_til_signering(avtale=avtale, utfort_av=koordinator)


def test_a_placement_has_one_current_agreement(plassering, koordinator):
    _avtale(plassering, koordinator)
    with pytest.raises(ValidationError):
        _avtale(plassering, koordinator)


def test_a_stale_status_change_is_refused(plassering, koordinator):
    avtale = _avtale(plassering, koordinator)
    foreldet = Avtale.objects.get(pk=avtale.pk)
    services.avtale_avslutt(avtale=avtale, dato=datetime.date(2026, 2, 1), utfort_av=koordinator)
    with pytest.raises(ValidationError):
        services.avtale_send_til_signering(avtale=foreldet, utfort_av=koordinator)


# --- evaluation -----------------------------------------------------------------------------------


def test_final_evaluation_only_after_the_placement_ended_and_only_once(plassering, koordinator):
    felter = {"dato": datetime.date(2026, 6, 30), "egnet": True, "kommune_bra": "Fast fadder"}
    with pytest.raises(ValidationError):
        services.evaluering_registrer(plassering=plassering, utfort_av=koordinator, **felter)
    services.plassering_avslutt(plassering=plassering, til=datetime.date(2026, 6, 30), utfort_av=koordinator)
    evaluering = services.evaluering_registrer(plassering=plassering, utfort_av=koordinator, **felter)
    assert evaluering.egnet and evaluering.registrert_av == koordinator
    with pytest.raises(ValidationError):
        services.evaluering_registrer(plassering=plassering, utfort_av=koordinator, **felter)


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0), tick=False)
def test_placement_is_active_on_its_first_and_last_day_only(deltaker, sted):
    plassering = PlasseringFactory(
        deltaker=deltaker, arbeidssted=sted, fra=datetime.date(2026, 3, 2), til=datetime.date(2026, 3, 31)
    )
    assert plassering.er_aktiv(datetime.date(2026, 3, 2))
    assert plassering.er_aktiv(datetime.date(2026, 3, 31))
    assert not plassering.er_aktiv(datetime.date(2026, 3, 1))
    assert not plassering.er_aktiv(datetime.date(2026, 4, 1))


@time_machine.travel(datetime.datetime(2026, 3, 27, 15, 0), tick=False)
def test_moving_across_the_daylight_saving_weekend_ends_the_old_placement_on_sunday(
    deltaker, sted, annet_sted, koordinator, med_politiattest
):
    med_politiattest(deltaker)
    gammel = _plasser(deltaker, sted, koordinator, fra=datetime.date(2026, 1, 5))
    _plasser(deltaker, annet_sted, koordinator, fra=datetime.date(2026, 3, 30))  # Monday after DST starts
    gammel.refresh_from_db()
    assert gammel.til == datetime.date(2026, 3, 29)


def test_agreement_print_values_are_plain_and_name_all_three_parties(plassering, koordinator):
    from arbeidsgivere.selectors import avtale_for_utskrift

    avtale = AvtaleFactory(plassering=plassering, signert_deltaker=datetime.date(2026, 1, 2))
    verdier = avtale_for_utskrift(avtale=avtale)
    assert verdier["deltaker"] == plassering.deltaker.navn
    assert [s[0] for s in verdier["signaturer"]] == ["Deltaker", "Arbeidssted", "Kommunen"]
    assert verdier["signaturer"][0][2] == datetime.date(2026, 1, 2)
