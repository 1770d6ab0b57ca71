"""The steering group's dashboard and the annual report: exact figures on a known data set, suppression,
semester boundaries, no names for the steering group, exports, access and query counts."""

import datetime
import io
import re

import pytest
import time_machine
from openpyxl import load_workbook

from arbeidsgivere.tests.factories import ArbeidsgiverFactory, ArbeidsstedFactory, PlasseringFactory
from deltakere.models import Avbrudd, Deltaker, Statusendring
from deltakere.tests.factories import DeltakerFactory
from dokumenter.tests.pdfhjelp import flat, pdf_tekst
from fagbrev.models import Fagprove, Norskprove
from fagbrev.tests.factories import EksamenFactory, FagretningFactory, KullFactory, laerekontrakt
from oppfolging.tests.factories import BesokFactory, VurderingssamtaleFactory

S = Deltaker.Status
D = datetime.date
VAR_SLUTT, HOST_START, HOST_SLUTT = D(2026, 7, 31), D(2026, 8, 1), D(2026, 12, 31)
HOST = {"semester": "2026-host"}


@pytest.fixture(autouse=True)
def idag():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False):
        yield


def _endring(d, til, dato, bruker):
    Statusendring.objects.create(
        organisasjon=d.organisasjon,
        deltaker=d,
        fra_status=S.HENVIST,
        til_status=til,
        dato=dato,
        begrunnelse="Test",
        utfort_av=bruker,
    )


@pytest.fixture
def datasett(lorenskog, fagretning, koordinator):
    """A known data set around the boundary between vår and høst 2026 (31.07 / 01.08).

    BUA, cohort «Høst 2025»: 12 active (6 referred 01.08, 6 referred 31.07; 7 admitted 01.08, one 31.07),
    one on leave now, one on leave on 31.12 who is back in January, two completed (31.12 and 31.07),
    one terminated 01.08 for health. Helse (no cohort): 6 active referred 01.09, 7 referred 01.10.
    """
    k = koordinator
    kull = KullFactory(fagretning=fagretning, navn="Høst 2025")
    ny = lambda n, **kw: DeltakerFactory.create_batch(n, fagretning=fagretning, kull=kull, **kw)  # noqa: E731
    aktive = ny(6, henvist_dato=HOST_START) + ny(6, henvist_dato=VAR_SLUTT)
    for d in aktive[:7]:
        _endring(d, S.TATT_OPP, HOST_START, k)
        _endring(d, S.I_OPPLAERING, D(2026, 8, 15), k)
    _endring(aktive[7], S.TATT_OPP, VAR_SLUTT, k)
    _endring(aktive[7], S.I_OPPLAERING, D(2026, 8, 15), k)
    (perm_na,) = ny(1, status=S.PERMISJON)
    _endring(perm_na, S.PERMISJON, D(2026, 10, 1), k)
    (perm_da,) = ny(1)
    _endring(perm_da, S.PERMISJON, D(2026, 9, 1), k)
    _endring(perm_da, S.I_OPPLAERING, D(2027, 1, 10), k)
    fullfort = ny(2, status=S.FULLFORT, etternavn="Ferdigsen")
    _endring(fullfort[0], S.FULLFORT, HOST_SLUTT, k)
    _endring(fullfort[1], S.FULLFORT, VAR_SLUTT, k)
    (avbrutt,) = ny(1, status=S.AVBRUTT)
    Avbrudd.objects.create(
        organisasjon=lorenskog,
        deltaker=avbrutt,
        dato=HOST_START,
        kategori=Avbrudd.Kategori.HELSE,
        arsak="Fritekst som aldri skal vises",
        utfort_av=k,
    )
    helse = FagretningFactory(
        organisasjon=lorenskog, navn="Helsefagarbeider", kortnavn="Helse", besok_intervall_dager=30
    )
    DeltakerFactory.create_batch(6, fagretning=helse, henvist_dato=D(2026, 9, 1))
    DeltakerFactory.create_batch(7, fagretning=helse, status=S.HENVIST, henvist_dato=D(2026, 10, 1))

    # Results: exams 01.08 passed, 10.10 failed, 31.07 passed (vår); fagprøve 31.12 passed, 31.07 passed (vår).
    EksamenFactory(deltaker=aktive[0], eksamensdato=HOST_START, resultat="bestatt")
    EksamenFactory(deltaker=aktive[1], eksamensdato=D(2026, 10, 10), resultat="ikke_bestatt")
    EksamenFactory(deltaker=aktive[2], eksamensdato=VAR_SLUTT, resultat="bestatt")
    EksamenFactory(deltaker=aktive[3], eksamensdato=D(2026, 12, 1), resultat="")  # registered, no result yet
    for d, dato in ((fullfort[0], HOST_SLUTT), (fullfort[1], VAR_SLUTT)):
        Fagprove.objects.create(
            organisasjon=lorenskog,
            deltaker=d,
            kontrakt=laerekontrakt(d),
            pameldt_dato=D(2026, 5, 1),
            provedato=dato,
            resultat="bestatt",
        )
    # Norwegian (goal B1 both skills): one reaches muntlig twice, one skriftlig; A2 and under A1 do not.
    for d, ferdighet, niva, dato in (
        (aktive[0], "muntlig", "B1", D(2026, 9, 1)),
        (aktive[0], "muntlig", "B2", D(2026, 10, 1)),
        (aktive[1], "muntlig", "A2", D(2026, 9, 1)),
        (aktive[2], "skriftlig", "B2", D(2026, 8, 2)),
        (aktive[3], "skriftlig", "", D(2026, 9, 1)),
        (aktive[4], "skriftlig", "C1", VAR_SLUTT),
    ):
        Norskprove.objects.create(
            organisasjon=lorenskog, deltaker=d, ferdighet=ferdighet, niva=niva, dato=dato, registrert_av=k
        )
    # Follow-up: three visits in høst, one on 31.07; two meetings held in 2026H, one planned only.
    for dato in (HOST_START, D(2026, 10, 1), HOST_SLUTT, VAR_SLUTT):
        BesokFactory(deltaker=aktive[0], dato=dato, registrert_av=k)
    VurderingssamtaleFactory(deltaker=aktive[0], holdt_dato=D(2026, 10, 1), registrert_av=k)
    VurderingssamtaleFactory(deltaker=aktive[1], holdt_dato=D(2026, 10, 2), registrert_av=k)
    VurderingssamtaleFactory(deltaker=aktive[2], registrert_av=k)
    # Practice: employer X (approved) with two running placements at one site; Y with one, and one ended 31.07.
    x = ArbeidsgiverFactory(organisasjon=lorenskog, navn="Solsikken AS", godkjent_laerebedrift=True)
    y = ArbeidsgiverFactory(organisasjon=lorenskog, navn="Blåklokka AS")
    sted_x, sted_y, sted_y2 = (
        ArbeidsstedFactory(arbeidsgiver=x),
        ArbeidsstedFactory(arbeidsgiver=y),
        ArbeidsstedFactory(arbeidsgiver=y),
    )
    PlasseringFactory(deltaker=aktive[0], arbeidssted=sted_x, fra=D(2026, 1, 5))
    PlasseringFactory(deltaker=aktive[1], arbeidssted=sted_x, fra=D(2026, 1, 5))
    PlasseringFactory(deltaker=aktive[2], arbeidssted=sted_y, fra=HOST_START)
    PlasseringFactory(deltaker=aktive[3], arbeidssted=sted_y2, fra=D(2026, 1, 5), til=VAR_SLUTT)
    return {"bua": fagretning, "helse": helse, "kull": kull}


def _tabell(html: str, tittel: str) -> dict[str, list[str]]:
    del_ = html.split(f">{tittel}</h", 1)[1].split("</table>", 1)[0]
    rader = {}
    for rad in re.findall(r"<tr.*?</tr>", del_, re.S):
        navn = re.search(r'<th scope="row">(.*?)</th>', rad, re.S)
        if navn:
            celler = [re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", rad, re.S)]
            rader[navn.group(1).strip()] = [c.replace("&lt;", "<") for c in celler]
    return rader


def _side(client, bruker, url="/rapporter/styringsgruppe/", params=HOST) -> str:
    client.force_login(bruker)
    svar = client.get(url, params)
    assert svar.status_code == 200
    return svar.content.decode()


BUA, HELSE = "Barne- og ungdomsarbeider", "Helsefagarbeider"


def test_coordinator_sees_exact_participant_figures_for_the_semester(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator), "Deltakere per fagretning")
    # Henvist, Tatt opp, Aktive ved slutten, I permisjon ved slutten, Avbrutt, Fullført
    assert rader[BUA] == ["6", "7", "12", "2", "1", "1"]
    assert rader[HELSE] == ["13", "0", "6", "0", "0", "0"]
    assert rader["Totalt"] == ["19", "7", "18", "2", "1", "1"]
    per_kull = _tabell(_side(client, koordinator), "Deltakere per kull")
    assert per_kull["BUA Høst 2025"] == ["6", "7", "12", "2", "1", "1"]
    assert per_kull["Uten kull"] == ["13", "0", "6", "0", "0", "0"]
    assert per_kull["Totalt"] == rader["Totalt"]


def test_the_spring_semester_ends_on_31_july(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator, params={"semester": "2026-var"}), "Deltakere per fagretning")
    # 6 referred 31.07, one admitted 31.07, one completed 31.07; the rest is in høst.
    assert rader[BUA][0:2] == ["6", "1"] and rader[BUA][5] == "1"


def test_steering_group_sees_suppressed_figures_that_cannot_be_worked_back(client, styring, datasett):
    rader = _tabell(_side(client, styring), "Deltakere per fagretning")
    assert rader[BUA] == ["6", "7", "12", "<5", "<5", "<5"]
    assert rader["Totalt"] == ["19", "7", "18", "<5", "<5", "<5"]
    avbrudd = _tabell(_side(client, styring), "Avbrudd etter årsak")
    assert avbrudd[BUA][1] == "<5" and avbrudd[BUA][-1] == "<5"


def test_terminations_are_counted_by_reason(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator), "Avbrudd etter årsak")
    # jobb, helse, familie, motivasjon, fravær, faglig, flyttet, annet, totalt
    assert rader[BUA] == ["0", "1", "0", "0", "0", "0", "0", "0", "1"]


def test_funnel_counts_each_step_per_cohort(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator), "Veien gjennom, per kull")
    # Henvist, Tatt opp, I opplæring, Skriftlig eksamen bestått, Fagprøve bestått
    assert rader["BUA Høst 2025"] == ["17", "17", "16", "2", "2"]


def test_results_count_exams_fagprove_and_norwegian_goals_in_the_semester(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator), "Resultater per fagretning")
    # Eksamen avlagt, bestått, Fagprøve avlagt, bestått, Norskmål muntlig, skriftlig
    assert rader[BUA] == ["2", "1", "1", "1", "1", "1"]
    assert rader[HELSE] == ["0"] * 6


def test_follow_up_measures_visits_and_meetings_against_what_is_due(client, koordinator, datasett):
    rader = _tabell(_side(client, koordinator), "Oppfølging")
    # Høst has 153 days: BUA every 14 days → 10 per active (12), Helse every 30 → 5 per active (6).
    # Besøk gjort, forventet, Samtaler holdt, forventet, Besøk %, Samtaler %
    assert rader[BUA] == ["3", "120", "2", "12", "3", "17"]
    assert rader[HELSE] == ["0", "30", "0", "6", "0", "0"]
    assert rader["Totalt"] == ["3", "150", "2", "18", "2", "11"]


def test_practice_counts_workplaces_employers_and_placements(client, koordinator, datasett):
    html = _side(client, koordinator)
    assert _tabell(html, "Praksisplasser")["Totalt"] == ["2", "2", "1", "1"]
    per = _tabell(html, "Plasseringer per arbeidsgiver")
    assert per["Solsikken AS"] == ["2"] and per["Blåklokka AS"] == ["1"] and per["Totalt"] == ["3"]


def test_trends_cover_six_semesters_with_a_table_beside_each_chart(client, koordinator, datasett):
    html = _side(client, koordinator)
    blokk = html.split(">Henvisninger per semester</h3>", 1)[1].split("</section>", 1)[0]
    assert "<svg" in blokk
    rader = re.findall(r"<tr><td>(.*?)</td><td class=\"text-end\">(.*?)</td></tr>", blokk)
    assert rader == [
        ("Vår 2024", "0"),
        ("Høst 2024", "0"),
        ("Vår 2025", "0"),
        ("Høst 2025", "0"),
        ("Vår 2026", "6"),
        ("Høst 2026", "19"),
    ]


def test_coordinator_can_open_the_list_behind_a_number(client, koordinator, datasett):
    html = _side(client, koordinator)
    assert f'href="/deltakere/?fagretning={datasett["bua"].pk}&amp;status=permisjon"' in html
    assert f'href="/deltakere/?kull={datasett["kull"].pk}"' in html


def _pdftekst(innhold: bytes, tmp_path) -> str:
    return flat(pdf_tekst(innhold))


def test_steering_group_never_receives_a_name_identifier_or_free_text(client, styring, datasett, tmp_path):
    html = _side(client, styring).split("<main", 1)[1]
    xlsx = client.get("/rapporter/styringsgruppe/excel/", HOST).content
    tekst = " ".join(
        str(c.value) for ark in load_workbook(io.BytesIO(xlsx)) for rad in ark.iter_rows() for c in rad if c.value
    )
    pdf = _pdftekst(client.get("/rapporter/styringsgruppe/pdf/", HOST).content, tmp_path)
    assert "Deltakere per fagretning" in pdf and "<5" in pdf
    for innhold in (html, tekst, pdf):
        for d in Deltaker.objects.all():
            assert d.navn not in innhold and d.etternavn not in innhold
            assert d.fodselsnummer not in innhold
        assert "Fritekst" not in innhold
    assert "/deltakere/" not in html


def test_excel_has_one_sheet_per_table_and_numbers_in_numeric_cells(client, koordinator, datasett):
    client.force_login(koordinator)
    svar = client.get("/rapporter/styringsgruppe/excel/", HOST)
    assert svar["Content-Type"].startswith("application/vnd.openxmlformats")
    bok = load_workbook(io.BytesIO(svar.content))
    assert "Deltakere per fagretning" in bok.sheetnames and "Oppfølging" in bok.sheetnames
    rader = {r[0].value: r for r in bok["Deltakere per fagretning"].iter_rows(min_row=4)}
    assert [c.value for c in rader[BUA][1:]] == [6, 7, 12, 2, 1, 1]
    assert all(isinstance(c.value, int) for c in rader[BUA][1:])


def test_annual_report_counts_the_calendar_year(client, koordinator, datasett, tmp_path):
    html = _side(client, koordinator, "/rapporter/arsrapport/", {"ar": "2026"})
    assert "<h1" in html and html.count("<h1") == 1
    rader = _tabell(html, "Deltakere per fagretning")
    assert rader[BUA] == ["12", "8", "12", "2", "1", "2"]
    assert _tabell(html, "Resultater per fagretning")[BUA] == ["3", "2", "2", "2", "1", "2"]
    pdf = _pdftekst(client.get("/rapporter/arsrapport/pdf/", {"ar": "2026"}).content, tmp_path)
    assert "Årsrapport Året 2026" in pdf
    bok = load_workbook(io.BytesIO(client.get("/rapporter/arsrapport/excel/", {"ar": "2026"}).content))
    assert "Resultater per fagretning" in bok.sheetnames


@pytest.mark.parametrize(
    ("hvem", "status"),
    [("koordinator", 200), ("styring", 200), ("faglarer", 403), ("norsklarer", 403), ("superbruker", 403)],
)
def test_dashboard_and_annual_report_access_by_role(client, personer, hvem, status):
    client.force_login(personer[hvem])
    for url in ("/rapporter/styringsgruppe/", "/rapporter/styringsgruppe/excel/", "/rapporter/arsrapport/excel/"):
        assert client.get(url).status_code == status


def test_export_links_keep_the_chosen_semester_and_year(client, koordinator):
    client.force_login(koordinator)
    html = client.get("/rapporter/styringsgruppe/", {"semester": "2026-var"}).content.decode()
    assert 'href="/rapporter/styringsgruppe/excel/?semester=2026-var"' in html
    assert 'href="/rapporter/styringsgruppe/pdf/?semester=2026-var"' in html
    html = client.get("/rapporter/arsrapport/", {"ar": "2025"}).content.decode()
    assert 'href="/rapporter/arsrapport/excel/?ar=2025"' in html


def test_another_organisation_cannot_be_chosen(client, koordinator_asker, lorenskog):
    client.force_login(koordinator_asker)
    assert client.get("/rapporter/styringsgruppe/", {"org": lorenskog.pk}).status_code == 404


def test_an_invalid_semester_or_year_falls_back_to_the_current_one(client, koordinator, datasett):
    assert "Høst 2026" in _side(client, koordinator, params={"semester": "drop table"})
    assert "Årsrapport 2026" in _side(client, koordinator, "/rapporter/arsrapport/", {"ar": "x"})


@pytest.mark.parametrize("antall", [5, 60])
def test_dashboard_query_count_is_constant(client, koordinator, fagretning, antall, django_assert_max_num_queries):
    kull = KullFactory(fagretning=fagretning)
    for d in DeltakerFactory.create_batch(antall, fagretning=fagretning, kull=kull, henvist_dato=HOST_START):
        _endring(d, S.TATT_OPP, HOST_START, koordinator)
        BesokFactory(deltaker=d, dato=HOST_START, registrert_av=koordinator)
        PlasseringFactory(deltaker=d, fra=HOST_START)
    client.force_login(koordinator)
    with django_assert_max_num_queries(34):
        assert client.get("/rapporter/styringsgruppe/", HOST).status_code == 200
