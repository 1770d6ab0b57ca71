"""One fact, one value (issue #22): every page, export, PDF and reminder that shows the same fact
shows the same value, read from its one home (docs/domain-rules.md)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from arbeidsgivere import regler as arbeidsgivere_regler
from arbeidsgivere.tests.factories import PlasseringFactory
from deltakere.models import Deltaker, Inntakssamtale
from deltakere.politiattest import star_fast_pa_politiattest
from deltakere.tests.factories import DeltakerFactory
from fagbrev.datoregning import EKSAMENSVINDUER, eksamensvinduer, eksamensvinduer_tekst, semester_for
from fagbrev.tests.factories import FagretningFactory
from lop import regler as lop_regler
from lop.frister import neste_vindu
from oppfolging import regler as oppfolging_regler
from oppfolging.besoksfrist import BESOK_SNART_DAGER, besok_er_snart
from paminnelser.kalender import faste_datoer
from rapporter.semester import Semester as Rapportsemester

D = datetime.date
S = Deltaker.Status


def _html(client, bruker, url, **params) -> str:
    client.force_login(bruker)
    svar = client.get(url, params)
    assert svar.status_code == 200
    return svar.content.decode()


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the exam registration window --------------------------------------------------------------


@time_machine.travel("2027-01-10 12:00 +01:00", tick=False)
def test_the_exam_window_is_the_same_on_the_overview_the_exam_page_the_arshjul_and_the_reminders(
    client, koordinator, deltaker
):
    var = eksamensvinduer(2027)[0]
    assert (var.forste_dag, var.siste_dag) == (D(2027, 1, 15), D(2027, 2, 1)) and EKSAMENSVINDUER[0][0] == "vår"
    oversikt = _tekst(_html(client, koordinator, reverse("oversikt")))
    assert "Neste påmelding til skriftlig eksamen (vår 2027): 15.01.2027–01.02.2027, stenger kl. 23:55" in oversikt
    eksamenside = _tekst(_html(client, koordinator, reverse("lop:eksamen", args=[deltaker.pk])))
    assert "15.01.2027–01.02.2027, stenger kl. 23:55" in eksamenside
    assert f"vinduene {eksamensvinduer_tekst()} (stenger kl. 23.55 siste dag" in eksamenside
    [arshjul] = [
        k for k in faste_datoer(organisasjon_ids=set(), fra=D(2027, 1, 1), til=D(2027, 3, 1), user=koordinator)
        if k.art == "eksamen"
    ]  # fmt: skip
    assert (arshjul.dato, arshjul.til) == (var.forste_dag, var.siste_dag) and "23.55" in arshjul.tittel
    apner = {f.tittel for f in lop_regler.eksamensvindu_apner(D(2027, 1, 15))}
    assert apner == {"Påmeldingen til tverrfaglig eksamen åpner i dag (frist 01.02.2027 kl. 23.55 siste dag)"}
    lukker = {f.tittel for f in lop_regler.eksamensvindu_lukker_snart(D(2027, 2, 1))}
    assert lukker == {"Påmeldingen til tverrfaglig eksamen stenger i dag (mandag 01.02.2027 kl. 23.55)"}
    assert not list(lop_regler.eksamensvindu_lukker_snart(D(2027, 2, 2)))


@pytest.mark.parametrize(
    ("klokka", "apent", "navn"),
    [
        ("2027-02-01 23:54:59 +01:00", True, "vår 2027"),
        ("2027-02-01 23:55:00 +01:00", False, "høst 2027"),
        ("2027-02-02 00:05:00 +01:00", False, "høst 2027"),
        ("2027-09-15 23:54:00 +02:00", True, "høst 2027"),  # summer time
        ("2027-09-15 23:55:00 +02:00", False, "vår 2028"),
        ("2027-09-16 00:05:00 +02:00", False, "vår 2028"),
    ],
)
def test_the_window_closes_at_23_55_oslo_on_its_last_day_on_every_page(client, koordinator, klokka, apent, navn):
    with time_machine.travel(klokka, tick=False):
        from django.utils import timezone

        vindu = neste_vindu(timezone.now())
        assert vindu.navn == navn and vindu.er_apent(timezone.now()) is apent
        oversikt = _tekst(_html(client, koordinator, reverse("oversikt")))
    if apent:
        assert f"Påmeldingen til skriftlig eksamen er åpen ({navn})" in oversikt
    else:
        assert f"Neste påmelding til skriftlig eksamen ({navn})" in oversikt


# --- semesters -----------------------------------------------------------------------------------


@time_machine.travel("2027-07-15 12:00 +02:00", tick=False)
def test_july_belongs_to_var_on_the_dashboard_export_arshjul_and_reminders(client, koordinator, deltaker):
    # One definition: vår is 1 January – 31 July (July the summer break), meetings due by 30 June.
    semester = semester_for(D(2027, 7, 15))
    assert (semester.kode, semester.start, semester.slutt, semester.frist) == (
        "2027V", D(2027, 1, 1), D(2027, 7, 31), D(2027, 6, 30)
    )  # fmt: skip
    rapport = Rapportsemester.for_dato(D(2027, 7, 15))
    assert (rapport.kode, rapport.start, rapport.slutt) == ("2027-var", semester.start, semester.slutt)
    assert Rapportsemester.for_dato(D(2027, 8, 1)).start == semester_for(D(2027, 8, 1)).start == D(2027, 8, 1)
    dashbord = _tekst(_html(client, koordinator, "/rapporter/styringsgruppe/", semester="2027-var"))
    assert "Vår 2027 (01.01.2027–31.07.2027)" in dashbord
    client.force_login(koordinator)
    eksport = client.get("/rapporter/styringsgruppe/excel/", {"semester": "2027-var"})
    assert eksport.status_code == 200 and "2027-var" in eksport["Content-Disposition"]
    datoer = {
        (k.dato, k.tittel)
        for k in faste_datoer(organisasjon_ids=set(), fra=D(2027, 1, 1), til=D(2027, 12, 31), user=koordinator)
        if k.art == "semester"
    }
    assert (D(2027, 7, 31), "Vårsemesteret 2027 slutter") in datoer
    assert (D(2027, 12, 31), "Høstsemesteret 2027 slutter") in datoer
    assert any(d == D(2027, 6, 30) and "før sommerferien" in t for d, t in datoer)
    # The reminder: due by 30 June (before the break), nothing in July.
    [paminnelse, *_] = list(oppfolging_regler.vurderingssamtale_mangler(D(2027, 6, 28)))
    assert "i vår 2027 (frist 30.06.2027 før sommerferien)" in paminnelse.tittel
    assert list(oppfolging_regler.vurderingssamtale_mangler(D(2027, 7, 15))) == []
    skjema = _tekst(_html(client, koordinator, reverse("oppfolging:samtale_ny", args=[deltaker.pk])))
    assert "vår: januar–juli (juli er sommerferie)" in skjema


# --- visits due soon -------------------------------------------------------------------------------


@time_machine.travel("2027-03-10 12:00 +01:00", tick=False)
def test_my_overview_and_the_follow_up_page_list_the_same_visits_as_due_soon(client, koordinator, fagretning):
    idag = D(2027, 3, 10)
    # No visits yet: the next is due the placement's start + 14 days, from 4 days ago to 16 days ahead.
    for dager in range(-4, 17):
        PlasseringFactory(
            deltaker=DeltakerFactory(fagretning=fagretning, status=S.I_OPPLAERING),
            fra=idag + datetime.timedelta(days=dager - fagretning.besok_intervall_dager),
        )
    forventet = sum(besok_er_snart(idag + datetime.timedelta(days=d), idag) for d in range(-4, 17))
    assert forventet == BESOK_SNART_DAGER + 1  # today through a week ahead
    overskrift = f"Snart – frist innen {BESOK_SNART_DAGER} dager ({forventet})"
    assert overskrift in _tekst(_html(client, koordinator, reverse("oversikt")))
    assert overskrift in _tekst(_html(client, koordinator, reverse("oppfolging:oversikt")))


# --- the police certificate --------------------------------------------------------------------------


@time_machine.travel("2027-03-01 08:00 +01:00", tick=False)
def test_the_overview_the_case_page_and_the_reminder_find_the_same_cases_stuck_on_the_police_certificate(
    client, koordinator, lorenskog
):
    krever = FagretningFactory(organisasjon=lorenskog, krever_politiattest=True)
    krever_ikke = FagretningFactory(organisasjon=lorenskog, krever_politiattest=False)
    tatt_opp = DeltakerFactory(fagretning=krever, status=S.TATT_OPP, fornavn="Tatt")
    i_opplaering = DeltakerFactory(fagretning=krever, status=S.I_OPPLAERING, fornavn="Igang")
    PlasseringFactory(deltaker=i_opplaering, fra=D(2027, 3, 8))
    har_attest = DeltakerFactory(fagretning=krever, status=S.TATT_OPP, fornavn="Harattest")
    Inntakssamtale.objects.create(
        organisasjon=lorenskog, deltaker=har_attest, dato=D(2027, 1, 5), politiattest_mottatt=D(2027, 2, 1)
    )
    henvist = DeltakerFactory(fagretning=krever, status=S.HENVIST, fornavn="Henvist")
    fullfort = DeltakerFactory(fagretning=krever, status=S.FULLFORT, fornavn="Ferdig")
    uten_krav = DeltakerFactory(fagretning=krever_ikke, status=S.TATT_OPP, fornavn="Utenkrav")
    alle = [tatt_opp, i_opplaering, har_attest, henvist, fullfort, uten_krav]

    fast = {d.pk for d in alle if star_fast_pa_politiattest(d)}
    assert fast == {tatt_opp.pk, i_opplaering.pk}
    paminnet = {f.objekt_id for f in arbeidsgivere_regler.politiattest_mangler(D(2027, 3, 1))}
    assert paminnet == fast
    oversikt = _html(client, koordinator, reverse("oversikt"))
    seksjon = oversikt.split("Saker som står fast", 1)[1].split("</section>", 1)[0]
    pa_oversikten = {int(pk) for pk in re.findall(r'href="/deltakere/(\d+)/"', seksjon)}
    assert pa_oversikten == fast
    for d in alle:
        side = _html(client, koordinator, reverse("deltakere:detalj", args=[d.pk]))
        assert ("Politiattest mangler." in side) is (d.pk in fast), d.fornavn
