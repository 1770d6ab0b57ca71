"""The steering group's dashboard and the annual report: exact figures on a known data set, suppression,
semester boundaries, no names for the steering group, exports, access and query counts."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from arbeidsgivere.tests.factories import ArbeidsgiverFactory, ArbeidsstedFactory, PlasseringFactory
from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall
from deltakere.services import utfall_registrer
from deltakere.tests.factories import DeltakerFactory
from dokumenter.tests.pdfhjelp import flat, pdf_tekst
from fagbrev.tests.factories import FagretningFactory, KullFactory
from fagbrev.tests.klokke import frys
from lop.models import Fagprove, Norskprove
from lop.services_stipend import stipendvedtak_registrer
from lop.tests.factories import EksamenFactory, laerekontrakt
from oppfolging.tests.factories import BesokFactory, VurderingssamtaleFactory
from rapporter.praksistall import praksistall_oppdater_alle
from rapporter.tellinger import telling_oppdater_alle

S = Deltaker.Status
D = datetime.date
VAR_SLUTT, HOST_START, HOST_SLUTT = D(2026, 7, 31), D(2026, 8, 1), D(2026, 12, 31)
HOST = {"semester": "2026-host"}

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


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
    assert per_kull["Helse uten kull"] == ["13", "0", "6", "0", "0", "0"]
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
    # Henvist, Tatt opp, I opplæring, Skriftlig eksamen bestått, Fagprøve bestått, I arbeid
    assert rader["BUA Høst 2025"] == ["17", "17", "16", "2", "2", "0"]


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


def test_employers_past_the_first_ones_share_one_row(client, koordinator, datasett, monkeypatch):
    from rapporter import tabeller_oppfolging

    monkeypatch.setattr(tabeller_oppfolging, "VIS_ARBEIDSGIVERE", 1)
    html = _side(client, koordinator)
    per = _tabell(html, "Plasseringer per arbeidsgiver")
    assert per == {"Solsikken AS": ["2"], "Andre arbeidsgivere (1)": ["1"], "Totalt": ["3"]}
    assert "(de 1 med flest; de andre samlet i siste rad)" in html


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
def test_dashboard_query_count_is_constant(client, koordinator, fagretning, antall, django_assert_num_queries):
    kull = KullFactory(fagretning=fagretning)
    for d in DeltakerFactory.create_batch(antall, fagretning=fagretning, kull=kull, henvist_dato=HOST_START):
        _endring(d, S.TATT_OPP, HOST_START, koordinator)
        BesokFactory(deltaker=d, dato=HOST_START, registrert_av=koordinator)
        PlasseringFactory(deltaker=d, fra=HOST_START)
    for d in DeltakerFactory.create_batch(antall, fagretning=fagretning, status=S.FULLFORT):
        _endring(d, S.FULLFORT, D(2026, 2, 2), koordinator)
        utfall_registrer(
            deltaker=d, tidspunkt="ved_fullforing", situasjon="fast", dato=D(2026, 2, 2), utfort_av=koordinator
        )
        utfall_registrer(
            deltaker=d, tidspunkt="seks_maneder", situasjon="fast", dato=D(2026, 8, 2), utfort_av=koordinator
        )
        stipendvedtak_registrer(deltaker=d, fra=D(2026, 7, 15), til=D(2026, 8, 15), utfort_av=koordinator)
    client.force_login(koordinator)
    telling_oppdater_alle()  # what beat does every minute (the page would do it first otherwise)
    praksistall_oppdater_alle()
    # 34 before outcomes and stipend; +1 grouped query for both outcome tables, +1 for the stipend table;
    # 30 before the pre-aggregated counts (rapporter/tellinger.py): the five trends are one query now;
    # +5 for the summary at the top (four series, one query each) and the economy (is anything entered?);
    # −2 when the results (exams, fagprøver, Norwegian goals: three queries) became one read of the counts
    with django_assert_num_queries(31):
        assert client.get("/rapporter/styringsgruppe/", HOST).status_code == 200


# --- outcomes after the pathway («I arbeid») and the stipend ---------------------------------------


def _fullfort(fagretning, dato, koordinator, ved=None, seks=None, **kw):
    """A completed participant (status change on `dato`) with outcomes registered through the service."""
    d = DeltakerFactory(fagretning=fagretning, status=S.FULLFORT, **kw)
    _endring(d, S.FULLFORT, dato, koordinator)
    if ved:
        utfall_registrer(
            deltaker=d,
            tidspunkt=Utfall.Tidspunkt.VED_FULLFORING,
            situasjon=ved,
            dato=dato,
            arbeidsgiver="Fritekst Barnehage AS",
            utfort_av=koordinator,
        )
    if seks:
        utfall_registrer(
            deltaker=d, tidspunkt=Utfall.Tidspunkt.SEKS_MANEDER, situasjon=seks, dato=IDAG, utfort_av=koordinator
        )
    return d


IDAG = D(2026, 11, 23)


@pytest.fixture
def utfall(datasett, koordinator):
    """Completions around the semester boundaries (today is 23.11.2026), on top of `datasett`, where
    BUA already has one completed 31.12.2026 (no outcome) and one 31.07.2026 (given «i utdanning» here).

    BUA: 01.08 fast · 01.02 midlertidig, then lærling · 31.01 arbeidssøker, then fast · 23.05 nothing
    (six months ran out today) · 24.05 nothing (six months tomorrow) · 10.03 fast, then arbeidssøker.
    Helse: 15.09 annet.
    """
    bua, helse = datasett["bua"], datasett["helse"]
    k = koordinator
    vaar_fullfort = Deltaker.objects.get(statusendringer__til_status=S.FULLFORT, statusendringer__dato=VAR_SLUTT)
    utfall_registrer(
        deltaker=vaar_fullfort, tidspunkt="ved_fullforing", situasjon="utdanning", dato=VAR_SLUTT, utfort_av=k
    )
    _fullfort(bua, HOST_START, k, ved="fast")
    _fullfort(bua, D(2026, 2, 1), k, ved="midlertidig", seks="laerling")
    _fullfort(bua, D(2026, 1, 31), k, ved="arbeidssoker", seks="fast")
    _fullfort(bua, D(2026, 5, 23), k)
    _fullfort(bua, D(2026, 5, 24), k)
    _fullfort(bua, D(2026, 3, 10), k, ved="fast", seks="arbeidssoker")
    _fullfort(helse, D(2026, 9, 15), k, ved="annet")


def test_funnel_ends_with_those_whose_latest_outcome_is_work(client, koordinator, utfall):
    rader = _tabell(_side(client, koordinator), "Veien gjennom, per fagretning")
    # Henvist, Tatt opp, I opplæring, Skriftlig eksamen bestått, Fagprøve bestått, I arbeid
    # I arbeid: 01.08 (fast), 01.02 (lærling six months after), 31.01 (fast six months after); not 10.03,
    # whose latest outcome is arbeidssøker although she was employed at completion.
    assert rader[BUA] == ["23", "23", "22", "8", "8", "3"]
    assert rader[HELSE] == ["14", "7", "7", "1", "1", "0"]
    assert rader["Totalt"] == ["37", "30", "29", "9", "9", "3"]


def test_outcomes_at_completion_count_those_who_completed_in_the_semester(client, koordinator, utfall):
    html = _side(client, koordinator)
    rader = _tabell(html, "Utfall ved fullføring")
    # I arbeid, I utdanning, Annet, Ikke registrert, Totalt — høst: 01.08 fast, 31.12 none; Helse 15.09 annet.
    assert rader[BUA] == ["1", "0", "0", "1", "2"]
    assert rader[HELSE] == ["0", "0", "1", "0", "1"]
    assert rader["Totalt"] == ["1", "0", "1", "1", "3"]
    # Six months ran out in høst up to today: completed 01.02–23.05 (01.02 lærling, 10.03 arbeidssøker,
    # 23.05 nothing yet). 31.01 belongs to vår (31.07), 24.05 is due tomorrow.
    seks = _tabell(html, "Utfall seks måneder etter fullføring")
    assert seks[BUA] == ["1", "0", "1", "1", "3"]
    assert seks[HELSE] == ["0", "0", "0", "0", "0"]
    assert "01.02.2026–23.05.2026" in html


@pytest.mark.parametrize(
    ("idag", "fullfort", "tatt_med", "kohort"),
    [
        # Today 30.11: six months after 31.05 ran out today (30.11 is November's last day); 01.06 tomorrow.
        (D(2026, 11, 30), [D(2026, 5, 30), D(2026, 5, 31), D(2026, 6, 1)], 2, "01.02.2026–31.05.2026"),
        # Today 28.02.2027: 29, 30 and 31 August all reach 28 February six months on.
        (D(2027, 2, 28), [D(2026, 8, 28), D(2026, 8, 31), D(2026, 9, 1)], 2, "01.07.2026–31.08.2026"),
        # Today 29.02.2028, a leap day: 29–31 August reach it, 28 August reached the 28th.
        (D(2028, 2, 29), [D(2027, 8, 28), D(2027, 8, 31), D(2027, 9, 1)], 2, "01.07.2027–31.08.2027"),
    ],
)
def test_six_months_after_up_to_today_counts_everyone_whose_six_months_ran_out_on_a_month_end(
    client, koordinator, fagretning, idag, fullfort, tatt_med, kohort
):
    for dato in fullfort:
        _fullfort(fagretning, dato, koordinator)
    semester = f"{idag.year}-{'host' if idag.month >= 8 else 'var'}"
    with frys(idag):
        html = _side(client, koordinator, params={"semester": semester})
    ikke_registrert, totalt = _tabell(html, "Utfall seks måneder etter fullføring")[BUA][3:]
    assert (ikke_registrert, totalt) == (str(tatt_med), str(tatt_med))
    assert f"Deltakere som fullførte {kohort}" in html


def test_outcomes_in_the_spring_semester_end_on_31_july(client, koordinator, utfall):
    html = _side(client, koordinator, params={"semester": "2026-var"})
    # Completed 31.01, 01.02, 10.03, 23.05, 24.05 and 31.07 (i utdanning); 01.08 is høst.
    assert _tabell(html, "Utfall ved fullføring")[BUA] == ["2", "1", "1", "2", "6"]
    # Six months after fell in vår for those who completed 01.07.2025–31.01.2026: the one from 31.01.
    assert _tabell(html, "Utfall seks måneder etter fullføring")[BUA] == ["1", "0", "0", "0", "1"]


def test_annual_report_shows_outcomes_for_the_calendar_year(client, koordinator, utfall, tmp_path):
    html = _side(client, koordinator, "/rapporter/arsrapport/", {"ar": "2026"})
    assert _tabell(html, "Utfall ved fullføring")[BUA] == ["3", "1", "1", "3", "8"]
    assert _tabell(html, "Utfall seks måneder etter fullføring")[BUA] == ["2", "0", "1", "1", "4"]
    pdf = _pdftekst(client.get("/rapporter/arsrapport/pdf/", {"ar": "2026"}).content, tmp_path)
    assert "Utfall seks måneder etter fullføring" in pdf
    bok = load_workbook(io.BytesIO(client.get("/rapporter/arsrapport/excel/", {"ar": "2026"}).content))
    rader = {r[0].value: [c.value for c in r[1:]] for r in bok["Utfall ved fullføring"].iter_rows(min_row=4)}
    assert rader[BUA] == [3, 1, 1, 3, 8]


def test_steering_group_sees_outcomes_suppressed(client, styring, utfall):
    html = _side(client, styring)
    assert _tabell(html, "Utfall ved fullføring")[BUA] == ["<5", "0", "0", "<5", "<5"]
    assert _tabell(html, "Veien gjennom, per fagretning")[BUA][5] == "<5"
    assert "Ikke med ennå" not in html


SATS = {"over_25": D(1980, 3, 3), "under_25": D(2003, 1, 1)}


@pytest.fixture
def stipend(datasett, koordinator, fremmed_deltaker, koordinator_asker):
    """Stipend decisions 01.07–31.12.2026 (G = 135 900 all through): BUA six over 25, Helse two under 25,
    a third track (Renhold) five over 25. Another organisation's decision must not count.

    Per person and month (kroner, øre): over 25 a 31-day month is 23 084.38 (IMDi 11 542.19), a 30-day
    month 22 339.73 (IMDi 11 169.86); under 25 15 389.59 and 14 893.15 (IMDi the same 1 G). Høst is
    Aug–Dec: 113 932.60 over 25 (IMDi 56 966.29), 75 955.07 under 25 (IMDi 56 966.29).
    """
    k = koordinator
    renhold = FagretningFactory(organisasjon=datasett["bua"].organisasjon, navn="Renholdsoperatør", kortnavn="Renhold")
    for fagretning, antall, fodt in (
        (datasett["bua"], 6, SATS["over_25"]),
        (datasett["helse"], 2, SATS["under_25"]),
        (renhold, 5, SATS["over_25"]),
    ):
        for d in DeltakerFactory.create_batch(
            antall, fagretning=fagretning, fodselsdato=fodt, fornavn="Stipendia", fodselsnummer=""
        ):
            stipendvedtak_registrer(deltaker=d, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=k)
    stipendvedtak_registrer(
        deltaker=fremmed_deltaker, fra=D(2026, 7, 1), til=D(2026, 12, 31), utfort_av=koordinator_asker
    )


def test_stipend_table_sums_the_months_in_the_semester(client, koordinator, stipend):
    rader = _tabell(_side(client, koordinator), "Stipend i 4. introår")
    # Deltakere med stipend, Stipend (kr), IMDi (kr), Kommunen (kr); numbers are shown with spaces.
    tall = {navn: [c.replace("\xa0", "").replace(" ", "") for c in celler] for navn, celler in rader.items()}
    assert tall[BUA] == ["6", "683596", "341798", "341798"]
    assert tall[HELSE] == ["2", "151910", "113933", "37977"]
    assert tall["Renholdsoperatør"] == ["5", "569663", "284831", "284832"]
    assert tall["Totalt"] == ["13", "1405169", "740562", "664607"]


def test_stipend_in_the_spring_semester_is_only_july(client, koordinator, stipend):
    rader = _tabell(_side(client, koordinator, params={"semester": "2026-var"}), "Stipend i 4. introår")
    tall = {navn: [c.replace("\xa0", "").replace(" ", "") for c in celler] for navn, celler in rader.items()}
    # One 31-day month each: 6 × 23 084.38, 2 × 15 389.59, 5 × 23 084.38.
    assert tall[BUA] == ["6", "138506", "69253", "69253"]
    assert tall[HELSE] == ["2", "30779", "23084", "7695"]
    assert tall["Renholdsoperatør"] == ["5", "115422", "57711", "57711"]


def test_steering_group_never_sees_the_amounts_of_a_hidden_count(client, styring, stipend):
    rader = _tabell(_side(client, styring), "Stipend i 4. introår")
    tall = {navn: [c.replace("\xa0", "").replace(" ", "") for c in celler] for navn, celler in rader.items()}
    # Helse (2) is hidden; Renhold (5) is hidden beside it so 2 cannot be worked out from the total
    # (shown as «skjult», not as the untrue «<5»); their amounts go with their counts.
    assert tall[HELSE] == ["<5", "skjult", "skjult", "skjult"]
    assert tall["Renholdsoperatør"] == ["skjult", "skjult", "skjult", "skjult"]
    assert tall[BUA] == ["6", "683596", "341798", "341798"]
    assert tall["Totalt"] == ["13", "1405169", "740562", "664607"]


def test_stipend_amounts_are_numbers_in_excel_and_hidden_ones_are_text(client, koordinator, styring, stipend):
    client.force_login(koordinator)
    bok = load_workbook(io.BytesIO(client.get("/rapporter/styringsgruppe/excel/", HOST).content))
    rader = {r[0].value: [c.value for c in r[1:]] for r in bok["Stipend i 4. introår"].iter_rows(min_row=4)}
    assert rader[BUA] == [6, 683596, 341798, 341798]
    assert all(type(v) is int for v in rader["Totalt"])
    client.force_login(styring)
    bok = load_workbook(io.BytesIO(client.get("/rapporter/styringsgruppe/excel/", HOST).content))
    rader = {r[0].value: [c.value for c in r[1:]] for r in bok["Stipend i 4. introår"].iter_rows(min_row=4)}
    assert rader[HELSE] == ["<5", "skjult", "skjult", "skjult"]
    assert rader["Totalt"] == [13, 1405169, 740562, 664607]


def test_an_organisation_without_stipend_decisions_gets_no_stipend_table(client, koordinator, datasett):
    assert "Stipend i 4. introår" not in _side(client, koordinator)


def test_steering_group_never_receives_names_with_outcomes_and_stipend(client, styring, utfall, stipend, tmp_path):
    html = _side(client, styring).split("<main", 1)[1]
    xlsx = client.get("/rapporter/styringsgruppe/excel/", HOST).content
    tekst = " ".join(
        str(c.value) for ark in load_workbook(io.BytesIO(xlsx)) for rad in ark.iter_rows() for c in rad if c.value
    )
    pdf = _pdftekst(client.get("/rapporter/styringsgruppe/pdf/", HOST).content, tmp_path)
    assert "Utfall ved fullføring" in pdf and "Stipend i 4. introår" in pdf and "skjult" in pdf
    for innhold in (html, tekst, pdf):
        for d in Deltaker.objects.all():
            assert d.navn not in innhold and d.etternavn not in innhold
            assert not d.fodselsnummer or d.fodselsnummer not in innhold
        assert "Stipendia" not in innhold
        assert "Fritekst" not in innhold  # the outcome's employer is free text about one person


def test_steering_group_cannot_work_a_hidden_cohort_count_out_of_the_track_table(
    client, styring, lorenskog, fagretning
):
    # BUA: 7 referred in cohort «Høst 2025» and 2 without a cohort; Helse: 6 in its one cohort.
    kull = KullFactory(fagretning=fagretning, navn="Høst 2025")
    DeltakerFactory.create_batch(7, fagretning=fagretning, kull=kull, henvist_dato=D(2026, 9, 1))
    DeltakerFactory.create_batch(2, fagretning=fagretning, kull=None, henvist_dato=D(2026, 9, 1))
    helse = FagretningFactory(organisasjon=lorenskog, navn="Helsefagarbeider", kortnavn="Helse")
    DeltakerFactory.create_batch(6, fagretning=helse, kull=KullFactory(fagretning=helse, navn="Høst 2026"))
    for d in helse.deltakere.all():
        d.henvist_dato = D(2026, 9, 1)
        d.save(update_fields=["henvist_dato"])

    html = _side(client, styring)
    spor = _tabell(html, "Deltakere per fagretning")
    per_kull = _tabell(html, "Deltakere per kull")
    # Alone, the cohort table hides 2 and its smallest partner (Helse's 6) and shows 7 — and the track
    # table's 9 would give 9 - 7 = 2. Together, BUA's 2 gets a partner within its track (7), Helse's track
    # row (equal to its one hidden cohort) is hidden, and BUA's 9 beside it in the column.
    assert [spor[BUA][0], spor[HELSE][0], spor["Totalt"][0]] == ["skjult", "skjult", "15"]
    assert [per_kull[r][0] for r in ("BUA Høst 2025", "BUA uten kull", "Helse Høst 2026")] == ["skjult", "<5", "skjult"]


def test_shared_grouped_queries_give_the_same_tables_with_fewer_queries(koordinator, datasett):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rapporter.selectors import dashboard, samme_tall
    from rapporter.semester import Semester

    # a second cohort in the same track, with participants in every kind of count
    kull = KullFactory(fagretning=datasett["bua"], navn="Høst 2026", oppstart=HOST_START)
    for d in DeltakerFactory.create_batch(3, fagretning=datasett["bua"], kull=kull, henvist_dato=HOST_START):
        _endring(d, S.TATT_OPP, HOST_START, koordinator)
        BesokFactory(deltaker=d, dato=D(2026, 9, 1), registrert_av=koordinator)
        Norskprove.objects.create(
            organisasjon=d.organisasjon, deltaker=d, ferdighet="muntlig", niva="B1", dato=D(2026, 9, 2),
            registrert_av=koordinator,
        )  # fmt: skip
    k = {"org_ids": {datasett["bua"].organisasjon_id}, "semester": Semester(2026, "host"), "undertrykk_sma": False}
    with CaptureQueriesContext(connection) as hver_for_seg:
        alene = dashboard(**k)
    with CaptureQueriesContext(connection) as delt, samme_tall():
        sammen = dashboard(**k)
    assert [t.tabell for t in sammen.tabeller] == [t.tabell for t in alene.tabeller]
    assert [t.verdier for t in sammen.trender] == [t.verdier for t in alene.trender]
    per_kull = next(t.tabell for t in sammen.tabeller if t.tittel == "Deltakere per kull")
    assert per_kull.verdier[per_kull.rader.index("BUA Høst 2026")][:2] == [3, 3]  # referred, admitted
    assert len(delt.captured_queries) <= len(hver_for_seg.captured_queries) - 6
