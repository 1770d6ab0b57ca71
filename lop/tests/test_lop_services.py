"""The pathway's services: contract and checklist, fagprøve rules, plans, each logged."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from deltakere.tests.factories import PermisjonFactory
from fagbrev.models import Hendelse
from lop.models import Fagprove, Laerekontrakt, Resultat, Sjekkpunkt
from lop.selectors import aktiv_kontrakt, beregnet_sluttdato, norsk_status, plan_fremdrift
from lop.services import (
    eksamen_endre,
    fagprove_endre,
    fagprove_meld_opp,
    laerekontrakt_opprett,
    laerekontrakt_sett_status,
    norskprove_registrer,
    planpunkt_opprett,
    sjekkpunkt_endre,
)
from lop.tests.factories import EksamenFactory, laerekontrakt

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
D = datetime.date


def test_new_contract_gets_the_five_item_checklist_and_a_computed_end_date(deltaker, koordinator):
    kontrakt = laerekontrakt_opprett(
        deltaker=deltaker, utfort_av=koordinator, rute="fagbrev_pa_jobb", start=datetime.date(2025, 8, 1)
    )
    assert sorted(kontrakt.sjekkpunkter.values_list("type", flat=True)) == sorted(Sjekkpunkt.Type.values)
    assert kontrakt.slutt == datetime.date(2027, 7, 31)
    assert Hendelse.objects.filter(handling="fagbrev.laerekontrakt.opprettet", deltaker_id=deltaker.pk).exists()


def test_a_participant_has_only_one_open_contract(deltaker, koordinator):
    laerekontrakt(deltaker)
    with pytest.raises(ValidationError, match="allerede en lærekontrakt"):
        laerekontrakt(deltaker)


def test_application_cannot_be_sent_while_a_required_document_is_missing_and_says_which(deltaker, koordinator):
    kontrakt = laerekontrakt(deltaker)
    for punkt in kontrakt.sjekkpunkter.exclude(type=Sjekkpunkt.Type.REFERANSER):
        sjekkpunkt_endre(sjekkpunkt=punkt, utfort_av=koordinator, status="levert", referanse="Mappe 3")
    with pytest.raises(ValidationError, match="Referanser") as feil:
        laerekontrakt_sett_status(
            kontrakt=kontrakt, utfort_av=koordinator, status="sokt", dato=datetime.date(2025, 8, 5)
        )
    assert "CV" not in str(feil.value)
    kontrakt.refresh_from_db()
    assert kontrakt.status == Laerekontrakt.Status.UTKAST


def test_application_can_be_sent_when_missing_items_are_not_required_or_not_relevant(deltaker, koordinator):
    kontrakt = laerekontrakt(deltaker)
    punkter = list(kontrakt.sjekkpunkter.all())
    sjekkpunkt_endre(sjekkpunkt=punkter[0], utfort_av=koordinator, pakrevd=False)
    sjekkpunkt_endre(sjekkpunkt=punkter[1], utfort_av=koordinator, status="ikke_aktuelt")
    for punkt in punkter[2:]:
        sjekkpunkt_endre(sjekkpunkt=punkt, utfort_av=koordinator, status="levert")
    laerekontrakt_sett_status(kontrakt=kontrakt, utfort_av=koordinator, status="sokt", dato=datetime.date(2025, 8, 5))
    kontrakt.refresh_from_db()
    assert (kontrakt.status, kontrakt.sokt_dato) == ("sokt", datetime.date(2025, 8, 5))
    with pytest.raises(ValidationError, match="utkast"):
        sjekkpunkt_endre(sjekkpunkt=punkter[2], utfort_av=koordinator, status="mangler")


def test_checklist_change_is_logged_with_the_new_status(deltaker, koordinator):
    kontrakt = laerekontrakt(deltaker)
    punkt = kontrakt.sjekkpunkter.get(type=Sjekkpunkt.Type.CV)
    sjekkpunkt_endre(sjekkpunkt=punkt, utfort_av=koordinator, status="levert")
    sjekkpunkt_endre(sjekkpunkt=punkt, utfort_av=koordinator, referanse="Arkiv 2026/14")
    logget = Hendelse.objects.filter(handling="fagbrev.sjekkpunkt.endret").order_by("pk")
    assert list(logget.values_list("beskrivelse", flat=True)) == ["Søknad: CV levert", "Søknad: CV levert"]


def test_contract_status_only_moves_along_its_allowed_path(deltaker, koordinator):
    kontrakt = laerekontrakt(deltaker)
    with pytest.raises(ValidationError, match="Kan ikke gå fra"):
        laerekontrakt_sett_status(
            kontrakt=kontrakt, utfort_av=koordinator, status="fullfort", dato=datetime.date(2027, 7, 31)
        )


def test_approved_leave_extends_the_computed_end_date_and_unapproved_does_not(deltaker, koordinator):
    laerekontrakt(deltaker, start=datetime.date(2025, 8, 1))
    for fra, til, godkjent in ((D(2026, 1, 1), D(2026, 1, 31), True), (D(2026, 3, 1), D(2026, 3, 5), False)):
        PermisjonFactory(deltaker=deltaker, fra=fra, til=til, arsak="Sykdom", godkjent_av_fylket=godkjent)
    beregnet = beregnet_sluttdato(kontrakt=aktiv_kontrakt(deltaker=deltaker), fagretning=deltaker.fagretning)
    assert beregnet.dato == datetime.date(2027, 8, 31)


def _idag(dato):
    return time_machine.travel(datetime.datetime.combine(dato, datetime.time(10), OSLO), tick=False)


def test_fagprove_is_refused_without_a_passed_written_exam(deltaker, koordinator):
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.IKKE_BESTATT)
    with _idag(datetime.date(2027, 1, 10)), pytest.raises(ValidationError, match="ikke bestått"):
        fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=timezone.localdate())


@pytest.mark.parametrize(
    ("idag", "tillatt"),
    [
        (datetime.date(2026, 10, 29), False),
        (datetime.date(2026, 10, 30), True),
        (datetime.date(2027, 4, 30), True),
        (datetime.date(2027, 5, 1), False),
    ],
)
def test_fagprove_ordering_at_exactly_8_and_2_months(deltaker, koordinator, idag, tillatt):
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
    with _idag(idag):
        if tillatt:
            prove = fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=timezone.localdate())
            assert prove.forsok == 1 and prove.pameldt_dato == idag
        else:
            with pytest.raises(ValidationError, match=r"For (tidlig|sent)"):
                fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=timezone.localdate())


def test_fagprove_window_uses_the_organisations_setting(deltaker, koordinator):
    deltaker.organisasjon.fagprove_tidligst_maneder = 10
    deltaker.organisasjon.save()
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
    with _idag(datetime.date(2026, 9, 1)):
        assert fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=timezone.localdate()).forsok == 1


def test_a_failed_fagprove_allows_a_new_attempt_but_not_while_one_is_open(deltaker, koordinator):
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
    idag = datetime.date(2027, 2, 1)
    forste = fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=idag)
    with pytest.raises(ValidationError, match="allerede meldt opp"):
        fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=idag)
    fagprove_endre(fagprove=forste, utfort_av=koordinator, resultat=Resultat.IKKE_BESTATT)
    andre = fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 3, 1))
    assert andre.forsok == 2
    fagprove_endre(fagprove=andre, utfort_av=koordinator, resultat=Resultat.BESTATT)
    with pytest.raises(ValidationError, match="allerede bestått"):
        fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 3, 2))
    assert Fagprove.objects.filter(deltaker=deltaker).count() == 2


def test_exam_result_is_logged_in_words(deltaker, koordinator):
    eksamen = EksamenFactory(deltaker=deltaker)
    eksamen_endre(eksamen=eksamen, utfort_av=koordinator, resultat=Resultat.BESTATT)
    assert Hendelse.objects.filter(deltaker_id=deltaker.pk, beskrivelse="Skriftlig eksamen: bestått").exists()


def test_norwegian_results_are_compared_with_the_tracks_goals(deltaker, norsklarer):
    deltaker.fagretning.norskmal_skriftlig = "A2"
    for ferdighet, niva in [("muntlig", "A2"), ("muntlig", "B1"), ("skriftlig", "A2"), ("lesing", "")]:
        norskprove_registrer(
            deltaker=deltaker, utfort_av=norsklarer, ferdighet=ferdighet, niva=niva, dato=datetime.date(2026, 5, 1)
        )
    status = {s.ferdighet: s for s in norsk_status(deltaker=deltaker)}
    assert (status["muntlig"].niva, status["muntlig"].nadd) == ("B1", True)
    assert status["skriftlig"].nadd is True
    assert (status["lesing"].niva, status["lesing"].mal) == ("under A1", None)
    assert status["lytting"].niva is None


def test_training_plan_progress_is_the_share_of_done_items(deltaker, koordinator):
    for i in range(4):
        planpunkt_opprett(deltaker=deltaker, utfort_av=koordinator, oppgave=f"Oppgave {i}", utfort=i == 0)
    assert plan_fremdrift(deltaker=deltaker).prosent == 25


def test_practice_status_counts_only_periods_with_an_attest_as_documented(deltaker, koordinator):
    from lop.selectors import praksis_status
    from lop.services import praksisperiode_registrer

    praksisperiode_registrer(
        deltaker=deltaker,
        utfort_av=koordinator,
        arbeidsgiver="A",
        fra=datetime.date(2020, 1, 1),
        til=datetime.date(2020, 12, 30),
        stillingsprosent=100,
        dokumentert=True,
    )
    praksisperiode_registrer(
        deltaker=deltaker,
        utfort_av=koordinator,
        arbeidsgiver="B",
        fra=datetime.date(2020, 7, 1),
        til=datetime.date(2021, 6, 29),
        stillingsprosent=100,
    )
    status = praksis_status(deltaker=deltaker)
    # 365 documented days; 546 registered (01.01.2020–29.06.2021, 2020 a leap year). Years are shown
    # rounded down (546 / 365 = 1.4958 → 1.49), so a sum never reads as more than was documented.
    assert (status.prosentdager, status.prosentdager_registrert) == (365 * 100, 546 * 100)
    assert (status.ar, status.ar_registrert, status.uten_attest) == (Decimal("1.00"), Decimal("1.49"), Decimal("0.49"))
    assert status.gjenstar == Decimal("4.00") and not status.oppfylt


def test_results_move_the_case_along_through_the_deltakere_status_service(deltaker, koordinator):
    """Passed exam → teori bestått; fagprøve ordered → meldt opp; failed → back; passed → fullført."""
    from deltakere.models import Deltaker, Statusendring
    from lop.models import Resultat
    from lop.services import eksamen_endre, fagprove_endre, fagprove_meld_opp
    from lop.tests.factories import EksamenFactory, laerekontrakt

    S = Deltaker.Status
    laerekontrakt(deltaker, start=datetime.date(2025, 1, 1), slutt=datetime.date(2027, 6, 30), status="godkjent")
    eksamen = EksamenFactory(deltaker=deltaker)
    eksamen_endre(eksamen=eksamen, utfort_av=koordinator, resultat=Resultat.BESTATT)
    deltaker.refresh_from_db()
    assert deltaker.status == S.TEORI_BESTATT
    forste = fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 1, 4))
    deltaker.refresh_from_db()
    assert deltaker.status == S.FAGPROVE_MELDT_OPP
    fagprove_endre(fagprove=forste, utfort_av=koordinator, resultat=Resultat.IKKE_BESTATT)
    deltaker.refresh_from_db()
    assert deltaker.status == S.TEORI_BESTATT
    andre = fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 1, 5))
    fagprove_endre(fagprove=andre, utfort_av=koordinator, resultat=Resultat.BESTATT)
    deltaker.refresh_from_db()
    assert deltaker.status == S.FULLFORT
    assert list(
        Statusendring.objects.filter(deltaker=deltaker).values_list("til_status", flat=True).order_by("pk")
    ) == [
        S.TEORI_BESTATT,
        S.FAGPROVE_MELDT_OPP,
        S.TEORI_BESTATT,
        S.FAGPROVE_MELDT_OPP,
        S.FULLFORT,
    ]
    assert all(e.utfort_av == koordinator for e in Statusendring.objects.filter(deltaker=deltaker))


def _praksiskandidat_klar(deltaker, *, dager: int):
    """A praksiskandidat inside the fagprøve window with a passed exam and `dager` documented days."""
    from lop.services import praksisperiode_registrer

    kontrakt = laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent", rute="praksiskandidat")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
    fra = datetime.date(2019, 1, 1)
    praksisperiode_registrer(
        deltaker=deltaker,
        utfort_av=None,
        arbeidsgiver="Byggmester Hansen AS",
        fra=fra,
        til=fra + datetime.timedelta(days=dager - 1),
        stillingsprosent=100,
        dokumentert=True,
    )
    return kontrakt


def test_a_praksiskandidat_one_day_short_of_the_practice_requirement_is_refused_the_fagprove(deltaker, koordinator):
    _praksiskandidat_klar(deltaker, dager=5 * 365 - 1)  # 1,824 days: 4.99 years of 5
    with pytest.raises(ValidationError, match=r"dokumentert 4,99 av 5 år praksis \(gjenstår 0,01 år\)"):
        fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 2, 1))
    assert not Fagprove.objects.filter(deltaker=deltaker).exists()


def test_a_praksiskandidat_with_the_full_practice_may_order_the_fagprove(deltaker, koordinator):
    _praksiskandidat_klar(deltaker, dager=5 * 365)
    assert fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 2, 1)).forsok == 1


def test_an_exemption_with_its_reason_on_the_contract_lets_the_fagprove_be_ordered_and_is_logged(deltaker, koordinator):
    from lop.services import laerekontrakt_endre

    kontrakt = _praksiskandidat_klar(deltaker, dager=400)
    laerekontrakt_endre(
        kontrakt=kontrakt, utfort_av=koordinator, praksis_unntak="Fylket godkjente praksis fra hjemlandet 12.01.2027."
    )
    h = Hendelse.objects.filter(handling="fagbrev.laerekontrakt.endret").latest("pk")
    assert h.utfort_av == koordinator and "praksis_unntak" in h.endringer
    assert fagprove_meld_opp(deltaker=deltaker, utfort_av=koordinator, idag=datetime.date(2027, 2, 1)).forsok == 1


def test_credit_as_long_as_the_training_time_is_refused_next_to_the_field_on_create_and_on_edit(deltaker, koordinator):
    """Godskriving ≥ opplæringstid would give an end before the start: refused in Norwegian, never
    the raw constraint name or a negative duration."""
    from lop.services import laerekontrakt_endre

    lengde = deltaker.fagretning.opplaeringstid_maneder
    with pytest.raises(ValidationError) as feil:
        laerekontrakt_opprett(
            deltaker=deltaker,
            utfort_av=koordinator,
            start=datetime.date(2026, 8, 1),
            rute="fagbrev_pa_jobb",
            godskriving_maneder=lengde + 6,
        )
    assert "må være kortere enn opplæringstiden" in feil.value.message_dict["godskriving_maneder"][0]
    assert not Laerekontrakt.objects.filter(deltaker=deltaker).exists()

    kontrakt = laerekontrakt(deltaker, start=datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError) as feil:
        laerekontrakt_endre(kontrakt=kontrakt, utfort_av=koordinator, godskriving_maneder=lengde)
    assert list(feil.value.message_dict) == ["godskriving_maneder"]
    kontrakt.refresh_from_db()
    assert kontrakt.godskriving_maneder == 0


def test_an_end_before_the_start_is_refused_next_to_the_end_date(deltaker, koordinator):
    from lop.services import laerekontrakt_endre

    kontrakt = laerekontrakt(deltaker, start=datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError) as feil:
        laerekontrakt_endre(kontrakt=kontrakt, utfort_av=koordinator, slutt=datetime.date(2026, 7, 1))
    assert feil.value.message_dict["slutt"] == ["Sluttdatoen må være etter startdatoen."]


def test_a_cv_uploaded_at_referral_counts_in_the_county_checklist_and_one_uploaded_later_too(deltaker, koordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from deltakere.services import dokument_last_opp
    from fagbrev.tests.filer import lag_pdf

    def pdf(navn):
        return SimpleUploadedFile(navn, lag_pdf(), "application/pdf")

    cv = dokument_last_opp(deltaker=deltaker, fil=pdf("Sara CV.pdf"), type="cv", utfort_av=koordinator)
    kontrakt = laerekontrakt(deltaker)
    punkt = kontrakt.sjekkpunkter.get(type=Sjekkpunkt.Type.CV)
    assert (punkt.status, punkt.dokument) == (Sjekkpunkt.Status.LEVERT, cv)
    assert "Sara CV.pdf" in punkt.referanse
    assert kontrakt.sjekkpunkter.get(type=Sjekkpunkt.Type.REFERANSER).status == Sjekkpunkt.Status.MANGLER

    dokument_last_opp(deltaker=deltaker, fil=pdf("Attest.pdf"), type="referanse", utfort_av=koordinator)
    assert kontrakt.sjekkpunkter.get(type=Sjekkpunkt.Type.REFERANSER).status == Sjekkpunkt.Status.LEVERT
