"""The pathway pages: permission matrix, forms that keep input, refusals with reasons, query counts."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from deltakere.tests.factories import DeltakerFactory
from deltakere.tests.matriser import SAKSLESING
from lop.models import Eksamen, Fagprove, Laerekontrakt, Norskprove, Opplaeringsplanpunkt, Resultat
from lop.services import planpunkt_opprett
from lop.tests.factories import EksamenFactory, KompetansemalFactory, laerekontrakt
from oppfolging.besoksdato import frister_oppdater
from rapporter.tellinger import telling_oppdater_alle

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
SIDER = ["kontrakt", "eksamen", "norsk", "opplaeringsplan", "praksis"]

LESE = SAKSLESING


@pytest.mark.parametrize("side", SIDER)
@pytest.mark.parametrize("hvem", LESE)
def test_pathway_pages_follow_the_case_permission_matrix(
    client, personer, deltaker, annen_deltaker, fremmed_deltaker, hvem, side
):
    client.force_login(personer[hvem])
    faktisk = tuple(
        client.get(f"/deltakere/{d.pk}/{side}/").status_code for d in (deltaker, annen_deltaker, fremmed_deltaker)
    )
    assert faktisk == LESE[hvem]


# page, valid POST data, who may post (others who can see get 403)
SKRIV = {
    "kontrakt": ({"rute": "fagbrev_pa_jobb", "start": "2026-08-01", "godskriving_maneder": "0"}, {"koordinator"}),
    "eksamen": ({"type": "tverrfaglig", "termin": "vår 2027", "pameldt_dato": "2027-01-20"}, {"koordinator"}),
    "norsk": ({"dato": "2026-05-01", "muntlig": "B1"}, {"koordinator", "norsklarer"}),
    "opplaeringsplan": ({"oppgave": "Lede en samlingsstund"}, {"koordinator", "faglarer"}),
    "praksis": (
        {"arbeidsgiver": "Byggmester AS", "fra": "2020-01-01", "til": "2020-12-31", "stillingsprosent": "100"},
        {"koordinator"},
    ),
}


@pytest.mark.parametrize("side", SKRIV)
@pytest.mark.parametrize("hvem", ["koordinator", "faglarer", "norsklarer", "annen_faglarer", "styring"])
def test_who_may_record_what_on_the_pathway_pages(client, personer, deltaker, hvem, side):
    data, tillatt = SKRIV[side]
    client.force_login(personer[hvem])
    svar = client.post(f"/deltakere/{deltaker.pk}/{side}/", data)
    if hvem in tillatt:
        assert svar.status_code == 302 and "logg-inn" not in svar.url, svar.content.decode()[:2000]
    elif LESE[hvem][0] == 404:
        assert svar.status_code == 404
    else:
        assert svar.status_code == 403


@pytest.mark.parametrize("side", [*SIDER, "stipend"])
def test_each_pathway_page_has_exactly_one_h1(client, koordinator, deltaker, side):
    laerekontrakt(deltaker)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/{side}/").content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_stipend_page_is_for_the_coordinator_only(client, koordinator, faglarer, deltaker):
    client.force_login(faglarer)
    assert client.get(f"/deltakere/{deltaker.pk}/stipend/").status_code == 403
    client.force_login(koordinator)
    deltaker.fodselsdato = datetime.date(2000, 6, 1)
    deltaker.save()
    html = client.get(f"/deltakere/{deltaker.pk}/stipend/", {"fra": "2025-04-01", "til": "2025-06-30"}).content.decode()
    html = html.replace("\xa0", " ")
    assert "⅔ × 2 G (under 25)" in html and "130 160" in html
    assert "anslått, ikke vedtatt" in html


def test_invalid_contract_form_rerenders_with_summary_and_keeps_input(client, koordinator, deltaker):
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/kontrakt/",
        {"rute": "fagbrev_pa_jobb", "start": "2026-08-01", "slutt": "2026-01-01", "fagansvarlig": "Kari Fagansvarlig"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'id="feiloppsummering"' in html and "Sluttdatoen må være etter startdatoen" in html
    assert 'value="Kari Fagansvarlig"' in html
    assert not Laerekontrakt.objects.exists()


def test_contract_page_shows_the_calculation_and_warns_when_the_end_date_differs(client, koordinator, deltaker):
    laerekontrakt(deltaker, start=datetime.date(2025, 8, 1), slutt=datetime.date(2027, 8, 15))
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert "24 måneder opplæringstid" in html and "31.07.2027" in html
    assert "avviker fra den beregnede" in html


def test_sending_the_application_is_refused_naming_the_missing_documents(client, koordinator, deltaker):
    kontrakt = laerekontrakt(deltaker)
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert "Søknaden kan ikke sendes før dette er på plass" in html
    svar = client.post(f"/deltakere/{deltaker.pk}/kontrakt/status/", {"status": "sokt", "dato": "2026-01-10"})
    assert svar.status_code == 200
    assert "CV, Referanser, Arbeidskontrakt, Kompetansevurdering, Intern opplæringsplan" in svar.content.decode()
    kontrakt.refresh_from_db()
    assert kontrakt.status == "utkast"


def test_contract_status_message_names_the_new_status(client, koordinator, deltaker):
    kontrakt = laerekontrakt(deltaker)
    kontrakt.sjekkpunkter.update(status="levert")
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/kontrakt/status/", {"status": "sokt", "dato": "2026-01-10"}, follow=True
    )
    assert [str(m) for m in svar.context["messages"]] == ["Lærekontrakten har status «Søkt»."]


def test_checklist_item_can_be_marked_delivered_with_a_reference(client, koordinator, deltaker):
    kontrakt = laerekontrakt(deltaker)
    punkt = kontrakt.sjekkpunkter.get(type="cv")
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/kontrakt/sjekkpunkt/{punkt.pk}/",
        {f"s{punkt.pk}-status": "levert", f"s{punkt.pk}-referanse": "Arkiv 2026/14", f"s{punkt.pk}-pakrevd": "on"},
    )
    assert svar.status_code == 302
    punkt.refresh_from_db()
    assert (punkt.status, punkt.referanse) == ("levert", "Arkiv 2026/14")


def test_another_participants_checklist_item_is_not_found(client, koordinator, deltaker, annen_deltaker):
    punkt = laerekontrakt(annen_deltaker).sjekkpunkter.first()
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{deltaker.pk}/kontrakt/sjekkpunkt/{punkt.pk}/", {})
    assert svar.status_code == 404


def test_exam_registration_outside_a_window_is_saved_with_a_warning(client, koordinator, deltaker):
    client.force_login(koordinator)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/eksamen/",
        {"type": "tverrfaglig", "termin": "vår 2027", "pameldt_dato": "2027-02-02", "gebyr_betalt": "on"},
        follow=True,
    )
    html = svar.content.decode()
    assert Eksamen.objects.filter(deltaker=deltaker, pameldt_dato=datetime.date(2027, 2, 2)).exists()
    assert "er utenfor påmeldingsvinduene" in html


def test_fagprove_page_gives_the_reason_it_cannot_be_ordered_yet(client, koordinator, deltaker):
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
    with time_machine.travel(datetime.datetime(2026, 10, 29, 12, tzinfo=OSLO), tick=False):
        client.force_login(koordinator)
        html = client.get(f"/deltakere/{deltaker.pk}/eksamen/").content.decode()
        assert "For tidlig: oppmelding kan tidligst skje 30.10.2026" in html
        svar = client.post(f"/deltakere/{deltaker.pk}/fagprove/", {"provested": "Solsikken barnehage"})
        assert svar.status_code == 200 and "For tidlig" in svar.content.decode()
    with time_machine.travel(datetime.datetime(2026, 10, 30, 12, tzinfo=OSLO), tick=False):
        client.force_login(koordinator)  # sessions expire after 30 idle minutes; a day has passed
        svar = client.post(f"/deltakere/{deltaker.pk}/fagprove/", {"provested": "Solsikken barnehage"})
        assert svar.status_code == 302 and svar.url == f"/deltakere/{deltaker.pk}/eksamen/", svar.url
    assert Fagprove.objects.get(deltaker=deltaker).pameldt_dato == datetime.date(2026, 10, 30)


def test_norsklarer_records_a_sitting_with_several_skills(client, norsklarer, deltaker):
    client.force_login(norsklarer)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/norsk/", {"dato": "2026-05-01", "muntlig": "B1", "skriftlig": "under"}
    )
    assert svar.status_code == 302
    assert sorted(Norskprove.objects.values_list("ferdighet", "niva")) == [("muntlig", "B1"), ("skriftlig", "")]
    svar = client.post(f"/deltakere/{deltaker.pk}/norsk/", {"dato": "2026-05-01"})
    assert svar.status_code == 200 and "minst én ferdighet" in svar.content.decode()


def test_faglarer_marks_a_plan_item_done_and_progress_shows_on_the_case(client, faglarer, deltaker):
    punkt = planpunkt_opprett(deltaker=deltaker, utfort_av=None, oppgave="Lede samlingsstund")
    planpunkt_opprett(deltaker=deltaker, utfort_av=None, oppgave="Lese for barn")
    client.force_login(faglarer)
    svar = client.post(
        f"/deltakere/{deltaker.pk}/opplaeringsplan/{punkt.pk}/",
        {
            f"p{punkt.pk}-oppgave": "Lede samlingsstund",
            f"p{punkt.pk}-utfort": "on",
            f"p{punkt.pk}-fadder_vurdering": "bra",
        },
    )
    assert svar.status_code == 302
    assert Opplaeringsplanpunkt.objects.get(pk=punkt.pk).utfort
    assert "50 % (1 av 2 oppgaver)" in client.get(f"/deltakere/{deltaker.pk}/").content.decode()


def test_track_page_goals_are_edited_by_coordinators_only(client, personer, fagretning):
    for hvem, status in [("koordinator", 200), ("faglarer", 200), ("styring", 404), ("koordinator_asker", 404)]:
        client.force_login(personer[hvem])
        assert client.get(f"/fagretninger/{fagretning.pk}/").status_code == status
    client.force_login(personer["faglarer"])
    assert (
        client.post(f"/fagretninger/{fagretning.pk}/kompetansemal/", {"tekst": "x", "rekkefolge": 1}).status_code == 403
    )
    client.force_login(personer["koordinator"])
    svar = client.post(
        f"/fagretninger/{fagretning.pk}/kompetansemal/",
        {"tekst": "planlegge aktiviteter", "rekkefolge": 1, "aktiv": "on"},
    )
    assert svar.status_code == 302 and fagretning.kompetansemal.count() == 1
    svar = client.post(f"/fagretninger/{fagretning.pk}/manedstema/", {"maned": "2026-09", "tema": "Lek og vennskap"})
    assert svar.status_code == 302 and fagretning.manedstema.get().maned == datetime.date(2026, 9, 1)


def _data(deltaker, antall):
    for i in range(antall):
        planpunkt_opprett(deltaker=deltaker, utfort_av=None, oppgave=f"Oppgave {i}", utfort=i % 2 == 0)
        EksamenFactory(deltaker=deltaker, termin=f"vår {2020 + i}")
        Norskprove.objects.create(
            organisasjon=deltaker.organisasjon,
            deltaker=deltaker,
            ferdighet="muntlig",
            niva="A2",
            dato=datetime.date(2026, 1, 1),
            registrert_av=deltaker.faglarer,
        )


@pytest.mark.parametrize("antall", [1, 12])
def test_case_page_and_pathway_pages_have_a_fixed_query_count(
    client, koordinator, deltaker, antall, django_assert_max_num_queries
):
    kontrakt = laerekontrakt(deltaker)
    KompetansemalFactory.create_batch(antall, fagretning=deltaker.fagretning)
    _data(deltaker, antall)
    assert kontrakt.sjekkpunkter.count() == 5
    client.force_login(koordinator)
    for sti, maks in [("", 40), ("opplaeringsplan/", 18), ("eksamen/", 18), ("norsk/", 14), ("kontrakt/", 16)]:
        with django_assert_max_num_queries(maks):
            assert client.get(f"/deltakere/{deltaker.pk}/{sti}").status_code == 200


@pytest.mark.parametrize("antall", [1, 8])
def test_overview_lists_who_can_be_ordered_to_the_fagprove_with_a_fixed_query_count(
    client, koordinator, fagretning, antall, django_assert_max_num_queries
):
    for _ in range(antall):
        d = DeltakerFactory(fagretning=fagretning)
        laerekontrakt(d, slutt=datetime.date(2027, 6, 30), status="godkjent")
        EksamenFactory(deltaker=d, resultat=Resultat.BESTATT)
    frister_oppdater()  # the stored next-visit dates, as beat's minute run leaves them
    telling_oppdater_alle()  # and the pre-aggregated counts, as beat leaves them too
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=OSLO), tick=False):
        client.force_login(koordinator)
        # 30 before the stored next-visit dates: overdue and due soon are two index reads, and a count
        with django_assert_max_num_queries(32):
            html = client.get("/").content.decode()
    assert "Kan meldes opp til fagprøven nå" in html
    assert "Påmeldingen til skriftlig eksamen er åpen" in html
    assert html.count("kontrakt slutter 30.06.2027") == antall


def _under_ruter(deltaker):
    kontrakt = laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30))
    eksamen = EksamenFactory(deltaker=deltaker)
    fagprove = Fagprove.objects.create(
        organisasjon=deltaker.organisasjon, deltaker=deltaker, kontrakt=kontrakt, pameldt_dato=datetime.date(2027, 1, 1)
    )
    punkt = planpunkt_opprett(deltaker=deltaker, utfort_av=None, oppgave="Oppgave")
    return [
        f"/deltakere/{deltaker.pk}/kontrakt/status/",
        f"/deltakere/{deltaker.pk}/kontrakt/sjekkpunkt/{kontrakt.sjekkpunkter.first().pk}/",
        f"/deltakere/{deltaker.pk}/eksamen/{eksamen.pk}/",
        f"/deltakere/{deltaker.pk}/fagprove/",
        f"/deltakere/{deltaker.pk}/fagprove/{fagprove.pk}/",
    ], f"/deltakere/{deltaker.pk}/opplaeringsplan/{punkt.pk}/"


@pytest.mark.parametrize(
    ("hvem", "koordinatorsider", "planside"),
    [
        ("faglarer", 403, None),  # her own participant: reads, records only the plan
        ("norsklarer", 403, 403),
        ("annen_faglarer", 404, 404),
        ("koordinator_asker", 404, 404),
        ("styring", 404, 404),
    ],
)
def test_pathway_posts_refuse_readers_with_403_and_strangers_with_404(
    client, personer, deltaker, hvem, koordinatorsider, planside
):
    sider, plan = _under_ruter(deltaker)
    client.force_login(personer[hvem])
    assert {s: client.post(s, {}).status_code for s in sider} == dict.fromkeys(sider, koordinatorsider)
    if planside:
        assert client.post(plan, {}).status_code == planside
    for side in ("/deltakere/{}/kontrakt/status/", "/deltakere/{}/fagprove/"):
        assert client.get(side.format(deltaker.pk)).status_code in (404, 405)


@pytest.mark.parametrize(("hvem", "status"), [("faglarer", 403), ("koordinator_asker", 404), ("styring", 404)])
def test_track_posts_refuse_non_coordinators(client, personer, fagretning, hvem, status):
    mal = KompetansemalFactory(fagretning=fagretning)
    client.force_login(personer[hvem])
    for sti in ("kompetansemal/", f"kompetansemal/{mal.pk}/", "manedstema/"):
        assert client.post(f"/fagretninger/{fagretning.pk}/{sti}", {}).status_code == status


def test_case_page_shows_the_exam_window_only_until_the_written_exam_is_passed(client, koordinator, fagretning):
    deltaker = DeltakerFactory(fagretning=fagretning)
    laerekontrakt(deltaker, slutt=datetime.date(2027, 6, 30), status="godkjent")
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=OSLO), tick=False):
        client.force_login(koordinator)
        assert "Påmeldingen til skriftlig eksamen er åpen" in client.get(f"/deltakere/{deltaker.pk}/").content.decode()
        EksamenFactory(deltaker=deltaker, resultat=Resultat.BESTATT)
        html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    assert "Påmeldingen til skriftlig eksamen er åpen" not in html
    assert "Bestått" in html


def test_credit_longer_than_the_training_time_is_refused_next_to_the_field_on_create_and_edit(
    client, koordinator, deltaker
):
    client.force_login(koordinator)
    data = {"rute": "fagbrev_pa_jobb", "start": "2026-08-01", "godskriving_maneder": "30", "fagansvarlig": "Kari"}
    for _ in ("opprett", "endre"):
        html = client.post(f"/deltakere/{deltaker.pk}/kontrakt/", data).content.decode()
        assert "Godskrivingen (30 måneder) må være kortere enn opplæringstiden" in html
        assert "lop_laerekontrakt" not in html and "-6 måneder" not in html
        assert 'value="Kari"' in html
        if not Laerekontrakt.objects.exists():
            laerekontrakt(deltaker, start=datetime.date(2026, 8, 1))
    assert Laerekontrakt.objects.get().godskriving_maneder == 0


def test_a_norwegian_test_dated_in_the_future_is_refused_next_to_the_date(client, norsklarer, deltaker):
    with time_machine.travel(datetime.datetime(2027, 3, 10, 23, 55, tzinfo=OSLO), tick=False):
        client.force_login(norsklarer)
        svar = client.post(f"/deltakere/{deltaker.pk}/norsk/", {"dato": "2027-03-11", "muntlig": "B1"})
        html = svar.content.decode()
        assert svar.status_code == 200 and "Prøvedatoen kan ikke være fram i tid" in html
        assert not Norskprove.objects.exists()
        svar = client.post(f"/deltakere/{deltaker.pk}/norsk/", {"dato": "2027-03-10", "muntlig": "B1"})
        assert svar.status_code == 302  # today (Oslo time, five minutes to midnight) is not the future
    assert Norskprove.objects.get().dato == datetime.date(2027, 3, 10)


def test_the_contract_form_proposes_the_cases_own_pathway(client, koordinator, deltaker):
    deltaker.rute = "alternativt_lop"
    deltaker.save(update_fields=["rute"])
    client.force_login(koordinator)
    html = client.get(f"/deltakere/{deltaker.pk}/kontrakt/").content.decode()
    assert '<option value="alternativt_lop" selected>' in html


def test_a_row_edit_the_service_refuses_comes_back_as_a_message_and_saves_nothing(
    client, koordinator, deltaker, monkeypatch
):
    """A refusal after the form was valid (a rule only the service knows) is said next to the row, not a
    server error; the exam is left as it was."""
    from django.core.exceptions import ValidationError

    from lop import services

    def nekt(**_):
        raise ValidationError("Saken kan ikke flyttes videre nå.")

    monkeypatch.setattr(services, "eksamen_endre", nekt)
    eksamen = EksamenFactory(deltaker=deltaker)
    felter = {"type": eksamen.type, "termin": eksamen.termin, "pameldt_dato": eksamen.pameldt_dato or ""}
    data = {f"e{eksamen.pk}-{k}": v for k, v in {**felter, "resultat": Resultat.BESTATT}.items()}
    client.force_login(koordinator)
    svar = client.post(f"/deltakere/{deltaker.pk}/eksamen/{eksamen.pk}/", data, follow=True)
    assert svar.redirect_chain[-1] == (f"/deltakere/{deltaker.pk}/eksamen/", 302)
    assert "Eksamen ble ikke lagret: Saken kan ikke flyttes videre nå." in svar.content.decode()
    eksamen.refresh_from_db()
    assert eksamen.resultat != Resultat.BESTATT
