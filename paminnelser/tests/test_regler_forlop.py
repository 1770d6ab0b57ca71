"""The round-2 rules at their edges: the day before, the day of, the day after, and weekends."""

import datetime

import pytest
import time_machine

from deltakere import regler as deltakere_regler
from deltakere.models import Deltaker, Permisjon, Utstyrslan
from deltakere.tests.factories import DeltakerFactory
from lop import regler as lop_regler
from lop.models import Fagprove, Resultat
from lop.tests.factories import EksamenFactory, laerekontrakt
from oppfolging import regler as oppfolging_regler
from oppfolging.models import Mote
from oppfolging.tests.factories import MoteFactory, PlasseringFactory, TiltakFactory, VurderingssamtaleFactory
from paminnelser.models import Art

D = datetime.date


def _mottakere(regel, idag):
    return sorted((f.mottaker_id, f.periode) for f in regel(idag))


# --- exam registration per participant -------------------------------------------------------------


@pytest.fixture
def planlagt_eksamen(deltaker):
    return EksamenFactory(deltaker=deltaker, termin="vår 2027", pameldt_dato=None)


@pytest.mark.parametrize(
    ("idag", "perioder"),
    [
        (D(2027, 1, 14), []),
        (D(2027, 1, 15), ["2027-01-apner"]),
        (D(2027, 1, 16), ["2027-01-apner"]),
        (D(2027, 1, 28), ["2027-01-apner"]),
        (D(2027, 1, 29), ["2027-01-apner", "2027-01-lukker"]),  # 1 Feb is a Monday: three days before
        (D(2027, 2, 1), ["2027-01-apner", "2027-01-lukker"]),
        (D(2027, 2, 2), []),
    ],
)
def test_an_unregistered_participant_reminds_her_coordinator_and_faglarer_at_opening_and_before_closing(
    koordinator, faglarer, planlagt_eksamen, idag, perioder
):
    funnet = list(lop_regler.eksamen_ikke_pameldt(idag))
    assert sorted({f.periode for f in funnet}) == perioder
    for periode in perioder:
        assert {f.mottaker_id for f in funnet if f.periode == periode} == {koordinator.pk, faglarer.pk}
    assert all("Amina" in f.tittel and "Yusuf" not in f.tittel and f.art == Art.EKSAMEN for f in funnet)


def test_a_registered_participant_gets_no_exam_reminder(koordinator, deltaker):
    EksamenFactory(deltaker=deltaker, termin="vår 2027", pameldt_dato=D(2027, 1, 16))
    assert list(lop_regler.eksamen_ikke_pameldt(D(2027, 1, 29))) == []


def test_an_exam_window_opening_on_saturday_reminds_per_participant_on_the_friday(koordinator, deltaker):
    EksamenFactory(deltaker=deltaker, termin="vår 2028", pameldt_dato=None)
    assert list(lop_regler.eksamen_ikke_pameldt(D(2028, 1, 13))) == []
    assert {f.periode for f in lop_regler.eksamen_ikke_pameldt(D(2028, 1, 14))} == {"2028-01-apner"}


def test_the_coordinator_gets_one_list_of_who_is_still_missing(koordinator, faglarer, deltaker, annen_deltaker):
    EksamenFactory(deltaker=deltaker, termin="vår 2027", pameldt_dato=None)
    EksamenFactory(deltaker=annen_deltaker, termin="vår 2027", pameldt_dato=None)
    funnet = list(lop_regler.eksamen_ikke_pameldt_liste(D(2027, 1, 15)))
    assert [(f.mottaker_id, f.periode) for f in funnet] == [(koordinator.pk, "2027-01-apner")]
    assert funnet[0].tittel.startswith("2 deltakere mangler påmelding til skriftlig eksamen vår 2027")
    assert "Amina" in funnet[0].tittel and "Lina" in funnet[0].tittel
    assert funnet[0].lenke.startswith("/deltakere/?")
    assert list(lop_regler.eksamen_ikke_pameldt_liste(D(2027, 1, 14))) == []


# --- assessment meeting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("idag", "periode"),
    [
        (D(2027, 11, 18), None),
        (D(2027, 11, 19), "2027-W46"),  # six weeks before 31 December (a Friday)
        (D(2027, 11, 20), "2027-W46"),  # same week: same key
        (D(2027, 11, 22), "2027-W47"),  # next week: again
        (D(2027, 12, 31), "2027-W52"),
        (D(2028, 1, 1), None),  # a new semester, far from its end
    ],
)
def test_no_assessment_meeting_reminds_from_six_weeks_before_the_semester_ends_then_weekly(
    koordinator, faglarer, deltaker, idag, periode
):
    funnet = _mottakere(oppfolging_regler.vurderingssamtale_mangler, idag)
    assert funnet == ([] if periode is None else sorted([(koordinator.pk, periode), (faglarer.pk, periode)]))


def test_a_planned_assessment_meeting_stops_the_reminder(koordinator, deltaker):
    VurderingssamtaleFactory(deltaker=deltaker, planlagt_dato=D(2027, 12, 10))
    assert list(oppfolging_regler.vurderingssamtale_mangler(D(2027, 11, 22))) == []


def test_six_weeks_before_30_june_on_a_saturday_moves_to_friday(koordinator, deltaker):
    # 19.05.2029 is a Saturday.
    assert list(oppfolging_regler.vurderingssamtale_mangler(D(2029, 5, 17))) == []
    assert len(list(oppfolging_regler.vurderingssamtale_mangler(D(2029, 5, 18)))) == 2
    assert list(oppfolging_regler.vurderingssamtale_mangler(D(2029, 7, 1))) == []


# --- workplace visit -------------------------------------------------------------------------------


@pytest.mark.parametrize(("idag", "antall"), [(D(2027, 1, 18), 0), (D(2027, 1, 19), 0), (D(2027, 1, 20), 1)])
def test_an_overdue_visit_reminds_the_faglarer_once_per_due_date(faglarer, deltaker, idag, antall):
    PlasseringFactory(deltaker=deltaker, fra=D(2027, 1, 5))  # every 14 days: due 19.01
    funnet = list(oppfolging_regler.besok_forfalt(idag))
    assert [(f.mottaker_id, f.periode) for f in funnet] == [(faglarer.pk, "2027-01-19")] * antall


# --- fagprøve registration -------------------------------------------------------------------------


@pytest.fixture
def kontrakt(deltaker):
    EksamenFactory(deltaker=deltaker, termin="høst 2026", resultat=Resultat.BESTATT)
    return laerekontrakt(deltaker, start=D(2025, 10, 1), slutt=D(2027, 9, 30), status="godkjent")


@pytest.mark.parametrize(
    ("idag", "perioder"),
    [
        (D(2027, 1, 28), []),
        (D(2027, 1, 29), ["2027-09-30-apner"]),  # opens Saturday 30.01: the Friday before
        (D(2027, 1, 30), ["2027-09-30-apner"]),
        (D(2027, 7, 8), ["2027-09-30-apner"]),
        (D(2027, 7, 9), ["2027-09-30-lukker"]),  # three weeks before 30.07: only the closing reminder
        (D(2027, 7, 30), ["2027-09-30-lukker"]),
        (D(2027, 7, 31), []),
    ],
)
def test_fagprove_registration_reminds_the_coordinator_when_it_opens_and_before_it_closes(
    koordinator, kontrakt, idag, perioder
):
    assert _mottakere(lop_regler.fagprove_oppmelding, idag) == [(koordinator.pk, p) for p in perioder]


@pytest.mark.parametrize(
    ("slutt", "idag", "perioder"),
    [
        # Ends 31.10.2027: eight months before is 28.02.2027 (no 31st, a Sunday): from Friday 26.02.
        (D(2027, 10, 31), D(2027, 2, 25), []),
        (D(2027, 10, 31), D(2027, 2, 26), ["apner"]),
        (D(2027, 10, 31), D(2027, 8, 9), ["apner"]),
        (D(2027, 10, 31), D(2027, 8, 10), ["lukker"]),  # three weeks before 31.08, two months before the end
        (D(2027, 10, 31), D(2027, 8, 31), ["lukker"]),
        (D(2027, 10, 31), D(2027, 9, 1), []),
        # Ends 31.10.2028: eight months before is the leap day 29.02.2028 (a Tuesday), not a day earlier.
        (D(2028, 10, 31), D(2028, 2, 28), []),
        (D(2028, 10, 31), D(2028, 2, 29), ["apner"]),
        (D(2028, 10, 31), D(2028, 8, 31), ["lukker"]),
        (D(2028, 10, 31), D(2028, 9, 1), []),
    ],
)
def test_fagprove_reminders_count_months_from_the_31st_to_the_months_last_day(
    koordinator, deltaker, slutt, idag, perioder
):
    EksamenFactory(deltaker=deltaker, termin="høst 2026", resultat=Resultat.BESTATT)
    laerekontrakt(deltaker, start=D(2025, 11, 1), slutt=slutt, status="godkjent")
    assert _mottakere(lop_regler.fagprove_oppmelding, idag) == [(koordinator.pk, f"{slutt}-{p}") for p in perioder]


def test_fagprove_uses_the_organisations_own_months(koordinator, kontrakt, lorenskog):
    lorenskog.fagprove_tidligst_maneder = 6
    lorenskog.save()
    assert list(lop_regler.fagprove_oppmelding(D(2027, 1, 29))) == []
    assert len(list(lop_regler.fagprove_oppmelding(D(2027, 3, 30)))) == 1


def test_no_fagprove_reminder_without_a_passed_exam_or_once_registered(koordinator, deltaker, kontrakt):
    Fagprove.objects.create(
        deltaker=deltaker, kontrakt=kontrakt, organisasjon=deltaker.organisasjon, pameldt_dato=D(2027, 2, 1)
    )
    assert list(lop_regler.fagprove_oppmelding(D(2027, 2, 2))) == []
    annen = DeltakerFactory(fagretning=deltaker.fagretning)
    laerekontrakt(annen, start=D(2025, 10, 1), slutt=D(2027, 9, 30), status="godkjent")
    assert list(lop_regler.fagprove_oppmelding(D(2027, 2, 2))) == []


# --- leave and equipment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("idag", "antall"), [(D(2027, 1, 14), 0), (D(2027, 1, 15), 1), (D(2027, 1, 22), 1), (D(2027, 1, 23), 0)]
)
def test_a_leave_ending_in_seven_days_reminds_the_coordinator(koordinator, deltaker, idag, antall):
    Permisjon.objects.create(
        deltaker=deltaker, organisasjon=deltaker.organisasjon, fra=D(2026, 12, 1), til=D(2027, 1, 22), arsak="Syk"
    )
    assert _mottakere(deltakere_regler.permisjon_slutter, idag) == [(koordinator.pk, "2027-01-22")] * antall


def test_a_leave_ending_on_sunday_is_announced_the_friday_a_week_before(koordinator, deltaker):
    Permisjon.objects.create(
        deltaker=deltaker, organisasjon=deltaker.organisasjon, fra=D(2026, 12, 1), til=D(2027, 1, 24), arsak="Syk"
    )  # seven days before is Sunday 17.01 → Friday 15.01
    assert list(deltakere_regler.permisjon_slutter(D(2027, 1, 14))) == []
    assert len(list(deltakere_regler.permisjon_slutter(D(2027, 1, 15)))) == 1


@pytest.mark.parametrize(
    ("status", "returnert", "antall"),
    [("fullfort", None, 1), ("avbrutt", None, 1), ("avbrutt", D(2027, 1, 10), 0), ("i_opplaering", None, 0)],
)
def test_equipment_not_returned_when_the_case_ended_reminds_the_coordinator_monthly(
    koordinator, deltaker, status, returnert, antall
):
    Utstyrslan.objects.create(
        deltaker=deltaker, organisasjon=deltaker.organisasjon, hva="iPad", utlant=D(2026, 1, 5), returnert=returnert
    )
    Deltaker.objects.filter(pk=deltaker.pk).update(status=status)
    assert _mottakere(deltakere_regler.utstyr_ikke_returnert, D(2027, 1, 15)) == [(koordinator.pk, "2027-01")] * antall
    assert len(list(deltakere_regler.utstyr_ikke_returnert(D(2027, 2, 1)))) == antall


# --- meetings and action items ---------------------------------------------------------------------


@pytest.mark.parametrize(("idag", "antall"), [(D(2027, 1, 24), 0), (D(2027, 1, 25), 1), (D(2027, 2, 2), 1)])
def test_a_project_group_meeting_due_in_a_week_and_not_planned_reminds_the_coordinators(
    koordinator, deltaker, fagretning, idag, antall
):
    MoteFactory(fagretning=fagretning, dato=D(2027, 1, 4))  # due 01.02, warned from 25.01
    assert _mottakere(oppfolging_regler.prosjektgruppemote_mangler, idag) == [(koordinator.pk, "2027-02-01")] * antall


def test_a_planned_project_group_meeting_stops_the_reminder(koordinator, deltaker, fagretning):
    MoteFactory(fagretning=fagretning, dato=D(2027, 1, 4))
    MoteFactory(fagretning=fagretning, dato=D(2027, 2, 3))
    assert list(oppfolging_regler.prosjektgruppemote_mangler(D(2027, 1, 28))) == []


def test_a_steering_group_meeting_without_a_date_this_semester_reminds_once_per_semester(
    koordinator, deltaker, lorenskog
):
    assert _mottakere(oppfolging_regler.styringsgruppemote_mangler, D(2027, 1, 4)) == [(koordinator.pk, "2027V")]
    assert list(oppfolging_regler.styringsgruppemote_mangler(D(2027, 7, 10))) == []  # summer break
    MoteFactory(type=Mote.Type.STYRINGSGRUPPE, organisasjon=lorenskog, dato=D(2027, 5, 3))
    assert list(oppfolging_regler.styringsgruppemote_mangler(D(2027, 1, 4))) == []
    assert _mottakere(oppfolging_regler.styringsgruppemote_mangler, D(2027, 8, 2)) == [(koordinator.pk, "2027H")]


@pytest.mark.parametrize(("idag", "antall"), [(D(2027, 1, 14), 0), (D(2027, 1, 15), 0), (D(2027, 1, 16), 1)])
def test_an_action_item_past_its_due_date_reminds_its_owner(faglarer, fagretning, idag, antall):
    mote = MoteFactory(fagretning=fagretning, dato=D(2027, 1, 4))
    TiltakFactory(mote=mote, ansvarlig=faglarer, frist=D(2027, 1, 15))
    TiltakFactory(mote=mote, ansvarlig=faglarer, frist=D(2027, 1, 10), utfort=D(2027, 1, 9))
    assert _mottakere(oppfolging_regler.tiltak_forfalt, idag) == [(faglarer.pk, "2027-01-15")] * antall


# --- all rules together: the query count does not grow with participants -------------------------


def _alt_forfaller(fagretning, faglarer, antall):
    """Per participant something due for every rule on 29.01.2027 and 01.12.2027."""
    mote = MoteFactory(fagretning=fagretning, dato=D(2026, 10, 5))
    for _ in range(antall):
        d = DeltakerFactory(fagretning=fagretning, faglarer=faglarer)
        EksamenFactory(deltaker=d, termin="vår 2027", pameldt_dato=None)
        EksamenFactory(deltaker=d, termin="høst 2026", resultat=Resultat.BESTATT)
        laerekontrakt(d, start=D(2025, 10, 1), slutt=D(2027, 9, 29), status="godkjent")
        PlasseringFactory(deltaker=d, fra=D(2026, 1, 5))
        for til in (D(2027, 2, 5), D(2027, 12, 8)):
            Permisjon.objects.create(deltaker=d, organisasjon=d.organisasjon, fra=D(2026, 1, 1), til=til, arsak="-")
        TiltakFactory(mote=mote, ansvarlig=faglarer, frist=D(2027, 1, 1))
        ferdig = DeltakerFactory(fagretning=fagretning, status=Deltaker.Status.FULLFORT)
        Utstyrslan.objects.create(deltaker=ferdig, organisasjon=d.organisasjon, hva="iPad", utlant=D(2026, 1, 5))


@pytest.mark.parametrize("idag", [D(2027, 1, 29), D(2027, 12, 1)])
@pytest.mark.parametrize("antall", [1, 20])
def test_every_rule_together_uses_the_same_number_of_queries_for_one_and_twenty_participants(
    koordinator, faglarer, fagretning, idag, antall, django_assert_max_num_queries
):
    from paminnelser.services import forfall_finn

    _alt_forfaller(fagretning, faglarer, antall)
    with django_assert_max_num_queries(26):  # 22 + medvirkning's three rules (one query each when idle) + moter's one
        funnet = forfall_finn(idag=idag)
    regler_som_fant = {navn for navn, _ in funnet}
    forventet = {
        "paminnelser.besok_forfalt",
        "paminnelser.permisjon_slutter",
        "paminnelser.utstyr_ikke_returnert",
        "paminnelser.prosjektgruppemote_mangler",
        "paminnelser.styringsgruppemote_mangler",
        "paminnelser.tiltak_forfalt",
    }
    if idag.month == 1:
        forventet |= {
            "paminnelser.eksamen_ikke_pameldt",
            "paminnelser.eksamen_ikke_pameldt_liste",
            "paminnelser.fagprove_oppmelding",
        }
    else:
        forventet |= {"paminnelser.vurderingssamtale_mangler"}
    assert forventet <= regler_som_fant
    assert sum(1 for navn, _ in funnet if navn == "paminnelser.besok_forfalt") == antall


# --- the month's topic to the faddere --------------------------------------------------------------


@pytest.fixture
def fadder(deltaker):

    plassering = PlasseringFactory(deltaker=deltaker, fra=D(2026, 8, 15))
    plassering.fadder.epost = "fadder@example.no"
    plassering.fadder.save()
    return plassering.fadder


@pytest.fixture
def manedstema(fagretning):
    from lop.models import Manedstema

    return Manedstema.objects.create(
        organisasjon=fagretning.organisasjon,
        fagretning=fagretning,
        maned=D(2027, 2, 1),
        tema="Språk i hverdagen",
        beskrivelse="Snakk om hva dere gjør mens dere gjør det.",
    )


@pytest.mark.parametrize(
    ("idag", "antall"),
    [(D(2027, 1, 29), 0), (D(2027, 2, 1), 1), (D(2027, 2, 2), 1), (D(2027, 2, 5), 1), (D(2027, 2, 6), 0)],
)
def test_the_months_topic_goes_to_the_fadder_from_the_first_working_day(fadder, manedstema, idag, antall):
    funnet = list(lop_regler.manedstema_til_faddere(idag))
    assert [(f.kontaktperson_id, f.mottaker_id, f.periode) for f in funnet] == [(fadder.pk, None, "2027-02")] * antall
    for f in funnet:
        assert f.tittel == "Månedens tema for februar for Amina: Språk i hverdagen" and f.lenke == ""


def test_a_month_starting_on_a_weekend_sends_the_topic_on_monday(fadder, fagretning):
    from lop.models import Manedstema

    Manedstema.objects.create(
        organisasjon=fagretning.organisasjon, fagretning=fagretning, maned=D(2027, 5, 1), tema="Mat"
    )
    # 01.05.2027 is a Saturday and a holiday: the first working day is Monday 03.05.
    assert list(lop_regler.manedstema_til_faddere(D(2027, 5, 1))) == []
    assert len(list(lop_regler.manedstema_til_faddere(D(2027, 5, 3)))) == 1


def test_a_fadder_gets_the_topic_by_email_without_identity_number_or_surname(
    fadder, manedstema, deltaker, django_capture_on_commit_callbacks
):
    from django.core import mail

    from paminnelser import services
    from paminnelser.models import Paminnelse

    with time_machine.travel("2027-02-01 06:00 +01:00", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.skann_utfor(idag=D(2027, 2, 1), regelnavn=["paminnelser.manedstema_til_faddere"])
        with django_capture_on_commit_callbacks(execute=True):
            services.skann_utfor(idag=D(2027, 2, 1), regelnavn=["paminnelser.manedstema_til_faddere"])
    [epost] = mail.outbox
    assert epost.to == ["fadder@example.no"] and epost.subject == "Fagbrev: månedens tema"
    assert "Språk i hverdagen" in epost.body and "Snakk om hva dere gjør" in epost.body and "Amina" in epost.body
    tekst = epost.subject + epost.body
    assert "Yusuf" not in tekst and deltaker.fodselsnummer not in tekst and "Amina" not in epost.subject
    rad = Paminnelse.objects.get()
    assert rad.mottaker_id is None and rad.kontaktperson_id == fadder.pk and rad.status == Paminnelse.Status.SENDT


def test_a_reminder_has_exactly_one_recipient_and_one_row_per_contact_key(fadder, manedstema, koordinator):
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    from paminnelser.models import Paminnelse

    felles = {
        "regel": "r",
        "objekt_type": ContentType.objects.get_for_model(manedstema),
        "objekt_id": manedstema.pk,
        "periode": "2027-02",
        "art": Art.MANEDSTEMA,
        "tittel": "t",
        "dato": D(2027, 2, 1),
        "sendes_senest": D(2027, 2, 5),
    }
    Paminnelse.objects.create(kontaktperson=fadder, **felles)
    with pytest.raises(IntegrityError), transaction.atomic():
        Paminnelse.objects.create(kontaktperson=fadder, **felles)
    with pytest.raises(IntegrityError), transaction.atomic():
        Paminnelse.objects.create(**felles)
    with pytest.raises(IntegrityError), transaction.atomic():
        Paminnelse.objects.create(kontaktperson=fadder, mottaker=koordinator, **{**felles, "periode": "x"})


# --- the Monday overview and the calendar ----------------------------------------------------------


def _uke_data(fagretning, faglarer, antall):
    from lop.models import Fagprove

    for _ in range(antall):
        d = DeltakerFactory(fagretning=fagretning, faglarer=faglarer, etternavn="Etternavnsen")
        EksamenFactory(deltaker=d, termin="vår 2027", pameldt_dato=None)
        k = laerekontrakt(d, start=D(2025, 3, 1), slutt=D(2027, 3, 1))  # draft: documents missing
        PlasseringFactory(deltaker=d, fra=D(2026, 9, 1))
        Fagprove.objects.create(
            deltaker=d, kontrakt=k, organisasjon=d.organisasjon, pameldt_dato=D(2026, 9, 1), provedato=D(2027, 1, 27)
        )
    MoteFactory(fagretning=fagretning, dato=D(2027, 1, 20))


@pytest.mark.parametrize("antall", [1, 12])
def test_the_monday_overview_lists_meetings_visits_contract_ends_windows_and_documents(
    koordinator, faglarer, fagretning, lorenskog, antall, django_assert_max_num_queries
):
    from paminnelser import ukeoversikt

    _uke_data(fagretning, faglarer, antall)
    with django_assert_max_num_queries(18):  # 16 + moter's two calendar sources (one query each)
        deler = ukeoversikt.bygg(organisasjon_id=lorenskog.pk, mottaker=koordinator, idag=D(2027, 1, 18))
    tekst = "\n".join(d.overskrift + "\n" + "\n".join(d.linjer) for d in deler)
    for overskrift in (
        "Vurderingssamtaler",
        "Arbeidsplassbesøk over fristen",
        "Kontrakter som slutter de neste åtte ukene",
        "Eksamen og fagprøve",
        "Dokumenter og signaturer",
    ):
        assert overskrift in tekst
    assert f"ikke meldt opp: {antall}" in tekst and "Etternavnsen" not in tekst


def test_calendar_sources_show_meetings_contract_ends_and_fagprove_by_first_name_only(
    koordinator, faglarer, fagretning, lorenskog
):
    from paminnelser.kalender import kalenderdatoer

    _uke_data(fagretning, faglarer, 1)
    datoer = kalenderdatoer(user=koordinator, organisasjon_ids=[lorenskog.pk], fra=D(2027, 1, 1), til=D(2027, 3, 31))
    arter = {d.art for d in datoer}
    assert {"mote", "kontrakt", "fagprove"} <= arter
    assert all("Etternavnsen" not in d.tittel for d in datoer)
    assert any(d.tittel == "Prosjektgruppemøte BUA" for d in datoer)


@pytest.mark.parametrize(
    ("idag", "ventet"),
    [
        (D(2027, 1, 29), "kan gjøres fra lørdag 30.01.2027"),  # the Friday before it opens: a day ahead
        (D(2027, 1, 30), "er åpen: frist fredag 30.07.2027"),  # from the day it opens: never a past «fra»
        (D(2027, 3, 15), "er åpen: frist fredag 30.07.2027"),
    ],
)
def test_the_fagprove_reminder_never_says_it_can_be_done_from_a_past_date(koordinator, kontrakt, idag, ventet):
    (forfall,) = list(lop_regler.fagprove_oppmelding(idag))
    assert forfall.tittel.endswith(ventet)
