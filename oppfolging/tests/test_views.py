"""Follow-up pages: permission matrices, the visit form, assessment meetings, meetings, query counts."""

import datetime
import re

import pytest
import time_machine

from deltakere.tests.factories import DeltakerFactory
from oppfolging.besoksdato import frister_oppdater
from oppfolging.models import Besok, Faddersamling, Mote, Revisjon, Tiltak, Vurderingssamtale
from rapporter.tellinger import telling_oppdater_alle

from .factories import BesokFactory, MoteFactory, PlasseringFactory, TiltakFactory, VurderingssamtaleFactory

IDAG = datetime.date(2026, 11, 23)

# who → status of GET /oppfolging/ and /oppfolging/besok/ny/
SIDE_MATRISE = {
    "koordinator": 200,
    "faglarer": 200,
    "annen_faglarer": 200,
    "norsklarer": 403,
    "styring": 403,
    "koordinator_asker": 200,
    "superbruker": 403,
}


@pytest.mark.parametrize("hvem", SIDE_MATRISE)
@pytest.mark.parametrize("sti", ["/oppfolging/", "/oppfolging/besok/ny/"])
def test_follow_up_pages_permission_matrix(client, personer, deltaker, hvem, sti):
    client.force_login(personer[hvem])
    assert client.get(sti).status_code == SIDE_MATRISE[hvem]


def test_follow_up_pages_require_login(client, db):
    svar = client.get("/oppfolging/besok/ny/")
    assert svar.status_code == 302 and "/konto/logg-inn/" in svar.url


# who → status for (visit of own participant, of colleague's participant, of other organisation's) for view / edit
BESOK_MATRISE = {
    "koordinator": ((200, 200, 404), (200, 200, 404)),
    "faglarer": ((200, 404, 404), (200, 404, 404)),
    "annen_faglarer": ((404, 200, 404), (404, 200, 404)),
    "norsklarer": ((200, 404, 404), (403, 404, 404)),
    "styring": ((404, 404, 404), (404, 404, 404)),
    "koordinator_asker": ((404, 404, 200), (404, 404, 200)),
    "superbruker": ((404, 404, 404), (404, 404, 404)),
}


@pytest.mark.parametrize("hvem", BESOK_MATRISE)
def test_visit_and_assessment_pages_permission_matrix(
    client, personer, deltaker, annen_deltaker, fremmed_deltaker, koordinator, hvem
):
    besok = [BesokFactory(deltaker=d, registrert_av=koordinator) for d in (deltaker, annen_deltaker, fremmed_deltaker)]
    samtaler = [
        VurderingssamtaleFactory(deltaker=d, registrert_av=koordinator)
        for d in (deltaker, annen_deltaker, fremmed_deltaker)
    ]
    client.force_login(personer[hvem])
    se, endre = BESOK_MATRISE[hvem]
    assert tuple(client.get(f"/oppfolging/besok/{b.pk}/").status_code for b in besok) == se
    assert tuple(client.get(f"/oppfolging/besok/{b.pk}/endre/").status_code for b in besok) == endre
    assert tuple(client.get(f"/oppfolging/vurderingssamtaler/{s.pk}/").status_code for s in samtaler) == se
    assert tuple(client.get(f"/oppfolging/vurderingssamtaler/{s.pk}/endre/").status_code for s in samtaler) == endre
    nye = tuple(
        client.get(f"/oppfolging/vurderingssamtaler/ny/{d.pk}/").status_code
        for d in (deltaker, annen_deltaker, fremmed_deltaker)
    )
    assert nye == endre


def _besok_data(deltaker, **ekstra):
    return {
        "deltaker": deltaker.pk,
        "dato": "2026-11-23",
        "tilstede": "Amina, fadder Linda",
        "observert": "Ledet samlingsstund.",
        "oppgaver": "Planlegg en formingsaktivitet.",
        "manedens_tema": "Lek og læring",
        "opplaeringsplan": "Kompetansemål 3",
        "neste_besok": "2026-12-07",
        **ekstra,
    }


@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False)
def test_faglarer_records_a_visit_and_the_workplace_follows_the_placement(client, faglarer, deltaker):
    plassering = PlasseringFactory(deltaker=deltaker)
    client.force_login(faglarer)
    svar = client.post("/oppfolging/besok/ny/", _besok_data(deltaker))
    besok = Besok.objects.get()
    assert svar.status_code == 302 and svar.url == f"/oppfolging/besok/{besok.pk}/"
    assert (besok.arbeidssted, besok.plassering, besok.registrert_av) == (plassering.arbeidssted, plassering, faglarer)
    html = client.get(svar.url).content.decode()
    assert f'data-utkast-slett="lop:utkast:{faglarer.pk}:besok-ny:{deltaker.pk}"' in html  # the draft is cleared
    assert "Ledet samlingsstund." in html


def test_faglarer_cannot_record_a_visit_for_another_teachers_participant(client, faglarer, deltaker, annen_deltaker):
    client.force_login(faglarer)
    svar = client.post("/oppfolging/besok/ny/", _besok_data(annen_deltaker))
    assert svar.status_code == 200
    assert not Besok.objects.exists()
    assert "feiloppsummering" in svar.content.decode()
    assert client.get(f"/oppfolging/besok/ny/?deltaker={annen_deltaker.pk}").status_code == 404


def test_visit_form_defaults_to_today_lists_own_participants_first_and_has_no_inline_script(
    client, koordinator, deltaker, annen_deltaker, fagretning
):
    egen = DeltakerFactory(fagretning=fagretning, faglarer=koordinator, etternavn="Zulu")
    with time_machine.travel(datetime.datetime(2026, 12, 31, 12, 0), tick=False):
        client.force_login(koordinator)
        html = client.get("/oppfolging/besok/ny/").content.decode()
    assert 'value="2026-12-31"' in html
    valg = re.findall(r'<option value="(\d+)"', html)
    assert valg[0] == str(egen.pk)
    assert 'data-utkast="lop:utkast:' in html
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) is None
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_an_invalid_visit_keeps_everything_typed(client, faglarer, deltaker):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False):
        client.force_login(faglarer)
        svar = client.post("/oppfolging/besok/ny/", _besok_data(deltaker, neste_besok="2026-11-01"))
    html = svar.content.decode()
    assert svar.status_code == 200 and not Besok.objects.exists()
    assert "Planlegg en formingsaktivitet." in html and "Neste besøk må være" in html
    assert 'data-utkast-bundet="1"' in html


def test_a_visit_cannot_be_dated_in_the_future(client, faglarer, deltaker):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False):
        client.force_login(faglarer)
        svar = client.post("/oppfolging/besok/ny/", _besok_data(deltaker, dato="2026-11-24", neste_besok=""))
    assert svar.status_code == 200 and not Besok.objects.exists()


@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False)
def test_editing_a_visit_keeps_the_earlier_version(client, faglarer, deltaker):
    besok = BesokFactory(deltaker=deltaker, observert="Først skrevet")
    client.force_login(faglarer)
    data = _besok_data(deltaker, observert="Rettet etterpå", dato="2026-11-02", versjon=1)
    del data["deltaker"]
    svar = client.post(f"/oppfolging/besok/{besok.pk}/endre/", data)
    assert svar.status_code == 302
    besok.refresh_from_db()
    assert (besok.observert, besok.versjon) == ("Rettet etterpå", 2)
    revisjon = Revisjon.objects.get()
    assert (revisjon.versjon, revisjon.data["observert"]) == (1, "Først skrevet")
    html = client.get(f"/oppfolging/besok/{besok.pk}/").content.decode()
    assert "Først skrevet" in html and "Versjon 1" in html
    # a second edit from a stale form (still version 1) is refused instead of overwriting
    svar = client.post(f"/oppfolging/besok/{besok.pk}/endre/", {**data, "observert": "Eldre fane"})
    assert svar.status_code == 200 and "Noen andre har lagret" in svar.content.decode()
    besok.refresh_from_db()
    assert besok.observert == "Rettet etterpå"


@time_machine.travel(datetime.datetime(2026, 12, 31, 10, 0), tick=False)
def test_koordinator_plans_then_holds_an_assessment_meeting(client, koordinator, deltaker):
    plassering = PlasseringFactory(deltaker=deltaker)
    client.force_login(koordinator)
    svar = client.post(f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/", {"planlagt_dato": "2026-12-31"})
    samtale = Vurderingssamtale.objects.get()
    assert svar.status_code == 302
    assert (samtale.semester, samtale.fadder) == ("2026H", plassering.fadder)
    svar = client.post(
        f"/oppfolging/vurderingssamtaler/{samtale.pk}/endre/",
        {
            "planlagt_dato": "2026-12-31",
            "holdt_dato": "2026-12-31",
            "fadder": plassering.fadder.pk,
            "tilstede": "Deltaker, fadder, faglærer, koordinator",
            "holder_tider": "meget_bra",
            "tar_initiativ": "ikke_sa_bra",
            "mangler_for_ordinaer_jobb": "Mer selvstendighet i garderoben",
            "tiltak_kommune": "Norskkurs",
            "selv_oppgaver": "7",
            "selv_norsk": "5",
            "selv_fremgang": "8",
            "versjon": "1",
        },
    )
    assert svar.status_code == 302
    samtale.refresh_from_db()
    assert (samtale.holdt_dato, samtale.holder_tider, samtale.selv_norsk, samtale.versjon) == (
        datetime.date(2026, 12, 31),
        "meget_bra",
        5,
        2,
    )
    html = client.get(f"/oppfolging/vurderingssamtaler/{samtale.pk}/").content.decode()
    assert "Meget bra" in html and "Mer selvstendighet i garderoben" in html and "Versjon 1" in html


@time_machine.travel(datetime.datetime(2027, 1, 1, 10, 0), tick=False)
def test_a_second_assessment_meeting_in_the_same_semester_is_refused(client, koordinator, deltaker):
    VurderingssamtaleFactory(deltaker=deltaker, planlagt_dato=datetime.date(2027, 1, 20), registrert_av=koordinator)
    client.force_login(koordinator)
    svar = client.post(f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/", {"planlagt_dato": "2027-03-01"})
    assert svar.status_code == 200 and "allerede en vurderingssamtale for vår 2027" in svar.content.decode()
    # but 31 Dec belongs to høst 2026, so that one is allowed
    svar = client.post(
        f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/", {"planlagt_dato": "2026-12-31", "holdt_dato": "2026-12-31"}
    )
    assert svar.status_code == 302
    assert sorted(Vurderingssamtale.objects.values_list("semester", flat=True)) == ["2026H", "2027V"]


def test_self_evaluation_outside_1_to_10_is_refused(client, koordinator, deltaker):
    client.force_login(koordinator)
    svar = client.post(
        f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/", {"planlagt_dato": "2026-11-30", "selv_norsk": "11"}
    )
    assert svar.status_code == 200 and not Vurderingssamtale.objects.exists()


def test_koordinator_records_a_project_group_meeting_with_action_items(client, koordinator, faglarer, fagretning):
    """The coordinator records the meeting on 20.11 with an action item due 01.12; on 02.12 the item
    shows on its owner's overview, she may read the meeting but not add to it, marks the item done
    (twice: no error), and it leaves her overview. The clock stands still at each step, so the
    sessions and the overdue item do not depend on the day the test runs."""
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0), tick=False) as klokke:
        client.force_login(koordinator)
        svar = client.post(
            "/oppfolging/moter/ny/",
            {
                "type": "prosjektgruppe",
                "fagretning": fagretning.pk,
                "dato": "2026-11-20",
                "tilstede": [koordinator.pk, faglarer.pk],
                "agenda": "Status\nRessurser",
                "referat": "Gikk gjennom arbeidsplassene.",
                "vedtak": "Ny faddersamling i januar.",
            },
        )
        mote = Mote.objects.get()
        assert svar.status_code == 302 and mote.tilstede.count() == 2
        svar = client.post(
            f"/oppfolging/moter/{mote.pk}/",
            {"beskrivelse": "Bestill lokale", "ansvarlig": faglarer.pk, "frist": "2026-12-01"},
        )
        assert svar.status_code == 302
        tiltak = Tiltak.objects.get()

        klokke.move_to(datetime.datetime(2026, 12, 2, 9, 0))
        client.force_login(faglarer)
        html = client.get("/").content.decode()
        assert "Bestill lokale" in html  # open action items show on the owner's overview
        assert client.get(f"/oppfolging/moter/{mote.pk}/").status_code == 200
        assert client.post(f"/oppfolging/moter/{mote.pk}/", {"beskrivelse": "x"}).status_code == 403
        assert client.post(f"/oppfolging/tiltak/{tiltak.pk}/utfort/").status_code == 302
        assert client.post(f"/oppfolging/tiltak/{tiltak.pk}/utfort/").status_code == 302  # twice: no error
        tiltak.refresh_from_db()
        assert tiltak.utfort is not None
        assert 'id="h-tiltak"' not in client.get("/").content.decode()


def test_a_project_group_meeting_needs_a_track(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/oppfolging/moter/ny/", {"type": "prosjektgruppe", "dato": "2026-11-20"})
    assert svar.status_code == 200 and not Mote.objects.exists()


@pytest.mark.parametrize(
    ("hvem", "status"),
    [("koordinator", 200), ("faglarer", 403), ("norsklarer", 403), ("koordinator_asker", 200), ("styring", 403)],
)
def test_only_coordinators_record_meetings_and_gatherings(client, personer, hvem, status):
    client.force_login(personer[hvem])
    assert client.get("/oppfolging/moter/ny/").status_code == status
    assert client.get("/oppfolging/faddersamlinger/ny/").status_code == status


def test_meetings_of_another_organisation_are_not_found(client, koordinator_asker, koordinator, fagretning):
    mote = MoteFactory(fagretning=fagretning, registrert_av=koordinator)
    tiltak = TiltakFactory(mote=mote, ansvarlig=koordinator)
    client.force_login(koordinator_asker)
    assert client.get(f"/oppfolging/moter/{mote.pk}/").status_code == 404
    assert client.post(f"/oppfolging/tiltak/{tiltak.pk}/utfort/").status_code == 404


def test_a_fadder_name_never_leaks_to_another_organisation(
    client, koordinator, koordinator_asker, deltaker, fremmed_deltaker, fagretning
):
    plassering = PlasseringFactory(deltaker=deltaker)
    navn = plassering.fadder.navn
    BesokFactory(deltaker=deltaker, registrert_av=koordinator)
    VurderingssamtaleFactory(deltaker=deltaker, fadder=plassering.fadder, registrert_av=koordinator)
    client.force_login(koordinator)
    svar = client.post(
        "/oppfolging/faddersamlinger/ny/",
        {"fagretning": fagretning.pk, "dato": "2026-11-20", "faddere": [plassering.fadder.pk]},
    )
    assert svar.status_code == 302 and Faddersamling.objects.get().faddere.count() == 1
    assert navn in client.get("/oppfolging/").content.decode()
    client.force_login(koordinator_asker)
    for sti in [
        "/",
        "/oppfolging/",
        "/oppfolging/besok/ny/",
        "/oppfolging/faddersamlinger/ny/",
        "/oppfolging/moter/ny/",
        f"/deltakere/{fremmed_deltaker.pk}/",
    ]:
        assert navn not in client.get(sti).content.decode(), sti
    # and a fadder of another organisation cannot be put on a gathering
    betong = fremmed_deltaker.fagretning
    svar = client.post(
        "/oppfolging/faddersamlinger/ny/",
        {"fagretning": betong.pk, "dato": "2026-11-20", "faddere": [plassering.fadder.pk]},
    )
    assert svar.status_code == 200 and Faddersamling.objects.count() == 1


def test_case_page_lists_visits_and_assessments_in_order(client, koordinator, deltaker):
    BesokFactory(deltaker=deltaker, dato=datetime.date(2026, 10, 5), registrert_av=koordinator)
    BesokFactory(deltaker=deltaker, dato=datetime.date(2026, 11, 2), registrert_av=koordinator)
    VurderingssamtaleFactory(
        deltaker=deltaker, holdt_dato=datetime.date(2026, 10, 20), planlagt_dato=None, registrert_av=koordinator
    )
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False):
        client.force_login(koordinator)
        html = client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    liste = html[html.index('<ol class="tidslinje') :]
    a, b, c = (
        liste.index(t)
        for t in ("Arbeidsplassbesøk 02.11.2026", "Vurderingssamtale høst 2026", "Arbeidsplassbesøk 05.10.2026")
    )
    assert a < b < c
    assert "Neste besøk senest <strong>16.11.2026</strong>" in html and "forfalt" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False)
def test_faglarer_overview_shows_her_overdue_visits_and_missing_assessments(client, faglarer, deltaker, annen_deltaker):
    BesokFactory(deltaker=deltaker, dato=datetime.date(2026, 11, 2))
    client.force_login(faglarer)
    html = client.get("/").content.decode()
    assert "Arbeidsplassbesøk hos dine deltakere" in html
    assert "frist 16.11.2026 (7 dager over)" in html
    assert "Vurderingssamtaler høst 2026" in html
    assert annen_deltaker.navn not in html


@pytest.mark.parametrize("antall", [3, 60])
@pytest.mark.parametrize("hvem", ["koordinator", "faglarer"])
def test_overview_and_follow_up_page_query_counts_are_constant(
    client, personer, fagretning, koordinator, faglarer, antall, hvem, django_assert_max_num_queries
):
    for i in range(antall):
        d = DeltakerFactory(fagretning=fagretning, faglarer=faglarer)
        PlasseringFactory(deltaker=d)
        BesokFactory(deltaker=d, dato=datetime.date(2026, 11, 1) + datetime.timedelta(days=i % 20))
        if i % 2:
            VurderingssamtaleFactory(deltaker=d, registrert_av=koordinator)
        if i % 3 == 0:
            TiltakFactory(mote=MoteFactory(fagretning=fagretning, registrert_av=koordinator), ansvarlig=faglarer)
    frister_oppdater()  # what beat does every minute (the page would do it first otherwise)
    telling_oppdater_alle()  # and the pre-aggregated counts, as beat leaves them too
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False):
        client.force_login(personer[hvem])
        # the stored next-visit dates: overdue and due soon are two index reads, and the count one more
        with django_assert_max_num_queries(35):
            assert client.get("/").status_code == 200
        with django_assert_max_num_queries(19):
            assert client.get("/oppfolging/").status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get("/oppfolging/besok/ny/").status_code == 200


def test_each_follow_up_page_has_exactly_one_h1(client, koordinator, deltaker, fagretning):
    besok = BesokFactory(deltaker=deltaker, registrert_av=koordinator)
    samtale = VurderingssamtaleFactory(deltaker=deltaker, registrert_av=koordinator)
    mote = MoteFactory(fagretning=fagretning, registrert_av=koordinator)
    client.force_login(koordinator)
    for sti in [
        "/oppfolging/",
        "/oppfolging/besok/ny/",
        f"/oppfolging/besok/{besok.pk}/",
        f"/oppfolging/besok/{besok.pk}/endre/",
        f"/oppfolging/vurderingssamtaler/ny/{deltaker.pk}/",
        f"/oppfolging/vurderingssamtaler/{samtale.pk}/",
        f"/oppfolging/vurderingssamtaler/{samtale.pk}/endre/",
        "/oppfolging/moter/ny/",
        f"/oppfolging/moter/{mote.pk}/",
        "/oppfolging/faddersamlinger/ny/",
    ]:
        svar = client.get(sti)
        assert svar.status_code == 200, sti
        assert len(re.findall(r"<h1[ >]", svar.content.decode())) == 1, sti


@pytest.mark.parametrize("hvem", ["koordinator", "faglarer", "norsklarer", "styring", "superbruker"])
def test_follow_up_menu_shows_for_coordinators_and_faglarere_only(client, personer, hvem):
    client.force_login(personer[hvem])
    html = client.get("/").content.decode()
    assert ('href="/oppfolging/"' in html) is (hvem in ("koordinator", "faglarer"))


# who → (GET project group meeting, GET steering group meeting, POST an action item)
MOTE_MATRISE = {
    "koordinator": (200, 200, 302),
    "faglarer": (200, 200, 403),
    "norsklarer": (404, 404, 404),
    "styring": (404, 200, 403),
    "koordinator_asker": (404, 404, 404),
    "superbruker": (404, 404, 404),
}


@pytest.mark.parametrize("hvem", MOTE_MATRISE)
def test_meeting_page_permission_matrix(client, personer, koordinator, faglarer, fagretning, hvem):
    prosjekt = MoteFactory(fagretning=fagretning, registrert_av=koordinator)
    styring = MoteFactory(
        fagretning=None, organisasjon=fagretning.organisasjon, type="styringsgruppe", registrert_av=koordinator
    )
    client.force_login(personer[hvem])
    tiltak = {"beskrivelse": "Ring skolen", "ansvarlig": faglarer.pk, "frist": "2026-12-01"}
    faktisk = (
        client.get(f"/oppfolging/moter/{prosjekt.pk}/").status_code,
        client.get(f"/oppfolging/moter/{styring.pk}/").status_code,
        client.post(f"/oppfolging/moter/{styring.pk}/", tiltak).status_code,
    )
    assert faktisk == MOTE_MATRISE[hvem]


@pytest.mark.parametrize("antall", [1, 40])
def test_case_page_query_count_does_not_grow_with_the_history(
    client, koordinator, deltaker, antall, django_assert_max_num_queries
):
    PlasseringFactory(deltaker=deltaker)
    for i in range(antall):
        BesokFactory(deltaker=deltaker, dato=datetime.date(2026, 1, 1) + datetime.timedelta(days=i * 7))
    VurderingssamtaleFactory(deltaker=deltaker, registrert_av=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(40):
        assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200


def _seksjon(html: str) -> str:
    """The assessment meetings section of a page."""
    return re.search(r'<section[^>]*aria-labelledby="h-semester">.*?</section>', html, re.S).group(0)


def test_my_overview_lists_the_first_meetings_due_and_counts_them_all(client, koordinator, fagretning, monkeypatch):
    from oppfolging import seksjoner

    monkeypatch.setattr(seksjoner, "OVERSIKT_GRENSE", 2)
    mangler = [DeltakerFactory(fagretning=fagretning, etternavn=f"Axq{i}") for i in range(3)]
    planlagt = DeltakerFactory(fagretning=fagretning, etternavn="Bxq")
    holdt = DeltakerFactory(fagretning=fagretning, etternavn="Cxq")
    VurderingssamtaleFactory(deltaker=planlagt, planlagt_dato=datetime.date(2026, 12, 3), registrert_av=koordinator)
    VurderingssamtaleFactory(
        deltaker=holdt, planlagt_dato=None, holdt_dato=datetime.date(2026, 10, 1), registrert_av=koordinator
    )
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0), tick=False):
        client.force_login(koordinator)
        html = _seksjon(client.get("/").content.decode())
        side = _seksjon(client.get("/oppfolging/").content.decode())
    assert "Holdt: 1 · planlagt: 1 · mangler: 3" in html
    assert [d.navn in html for d in mangler] == [True, True, False]  # the first two by name
    assert planlagt.navn in html and holdt.navn not in html
    assert "1 til vises ikke her" in html
    # the follow-up page lists everyone
    assert "Holdt: 1 · planlagt: 1 · mangler: 3" in side
    assert all(d.navn in side for d in [*mangler, planlagt, holdt]) and "vises ikke her" not in side


def test_the_norsklarers_breadcrumb_leads_to_a_page_she_may_open(client, norsklarer, faglarer, deltaker, koordinator):
    """Issue #20: «Oppfølging» in the breadcrumb of a visit led the norsklærer to a 403."""
    besok = BesokFactory(deltaker=deltaker, registrert_av=koordinator)
    samtale = VurderingssamtaleFactory(deltaker=deltaker, registrert_av=koordinator)
    for hvem, ventet in [(norsklarer, "/deltakere/"), (faglarer, "/oppfolging/")]:
        client.force_login(hvem)
        for url in (f"/oppfolging/besok/{besok.pk}/", f"/oppfolging/vurderingssamtaler/{samtale.pk}/"):
            html = client.get(url).content.decode()
            smule = re.search(r'<ol class="breadcrumb"><li class="breadcrumb-item"><a href="([^"]+)"', html).group(1)
            assert smule == ventet
            assert client.get(smule).status_code == 200
