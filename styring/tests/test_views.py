"""The steering group's economy and new-track record as their users use them: the coordinator enters,
the steering group reads; the cost per participant is counted in the database and hidden with small
numbers on the dashboard and in its exports."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from deltakere.tests.factories import DeltakerFactory
from dokumenter.tests.pdfhjelp import flat, pdf_tekst
from fagbrev.models import Hendelse
from fagbrev.tests.factories import FagretningFactory
from styring.models import Kostnad, Sporplan, Sporsteg
from styring.tests.factories import KostnadFactory, SporplanFactory

HOST = {"semester": "2026-host"}

pytestmark = pytest.mark.usefixtures("idag")  # today is 23.11.2026 (root conftest)


@pytest.fixture
def helse(lorenskog):
    return FagretningFactory(organisasjon=lorenskog, navn="Helsefagarbeider", kortnavn="HEA")


def test_coordinator_enters_a_cost_and_sees_it_summed_by_payer_and_kind(client, koordinator, fagretning):
    client.force_login(koordinator)
    side = client.get("/styring/okonomi/ny/?semester=2026H")
    assert side.status_code == 200 and "Registrer kostnad" in side.content.decode()
    svar = client.post(
        "/styring/okonomi/ny/",
        {"fagretning": fagretning.pk, "semester": "2026H", "art": "arbeidsklaer", "betaler": "nav", "belop": "12500"},
    )
    assert svar.status_code == 302 and svar["Location"] == "/styring/okonomi/?semester=2026H"
    kostnad = Kostnad.objects.get()
    assert (kostnad.belop, kostnad.betaler, kostnad.registrert_av) == (12500, "nav", koordinator)
    assert Hendelse.objects.filter(handling="styring.kostnad.registrert", utfort_av=koordinator).exists()
    html = client.get(svar["Location"]).content.decode()
    assert "12 500" in html or "12\xa0500" in html
    assert "Arbeidsklær" in html and "Registrer kostnad" in html


def test_a_bad_amount_is_named_in_norwegian_and_the_rest_is_kept(client, koordinator, fagretning):
    client.force_login(koordinator)
    svar = client.post(
        "/styring/okonomi/ny/",
        {"fagretning": fagretning.pk, "semester": "2026H", "art": "boker", "betaler": "kommunen", "belop": "12,5 kr"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200 and not Kostnad.objects.exists()
    assert "Skriv beløpet i hele kroner" in html and "feiloppsummering" in html
    assert 'value="12,5 kr"' in html and 'value="boker" selected' in html


def test_the_steering_group_reads_the_economy_but_cannot_enter(client, styring, koordinator, fagretning):
    kostnad = KostnadFactory(organisasjon=fagretning.organisasjon, fagretning=fagretning, belop=4200)
    client.force_login(styring)
    html = client.get("/styring/okonomi/", {"semester": "2026H"}).content.decode()
    assert "4 200" in html or "4\xa0200" in html
    assert "Registrer kostnad" not in html and f"/styring/okonomi/{kostnad.pk}/" not in html
    assert client.get("/styring/okonomi/ny/").status_code == 403
    assert client.post(f"/styring/okonomi/{kostnad.pk}/slett/").status_code == 403
    assert Kostnad.objects.filter(pk=kostnad.pk).exists()


def test_the_coordinator_corrects_and_deletes_a_cost_with_the_change_logged(client, koordinator, fagretning):
    kostnad = KostnadFactory(organisasjon=fagretning.organisasjon, fagretning=fagretning, belop=100)
    client.force_login(koordinator)
    felter = {"fagretning": fagretning.pk, "semester": "2026H", "art": "boker", "betaler": "fylket", "belop": "150"}
    assert client.post(f"/styring/okonomi/{kostnad.pk}/", felter).status_code == 302
    endret = Hendelse.objects.get(handling="styring.kostnad.endret")
    assert endret.endringer["belop"] == [100, 150]
    assert client.post(f"/styring/okonomi/{kostnad.pk}/slett/").status_code == 302
    assert not Kostnad.objects.exists() and Hendelse.objects.filter(handling="styring.kostnad.slettet").exists()


def _okonomi(client, ark: str = "Økonomi per fagretning", **params) -> dict[str, list[str]]:
    """A sheet of the economy in the Excel export: row name → shown cells (and "" → the column names)."""
    bok = load_workbook(io.BytesIO(client.get("/rapporter/styringsgruppe/excel/", params).content))
    rader = list(bok[ark].iter_rows(values_only=True))
    assert rader[2][-2:] == ("Kostnad i alt (kr)", "Per deltaker (kr)")
    return {r[0] or "": [str(v) for v in r[1:]] for r in rader[2:]}


def test_cost_per_participant_is_counted_in_the_database_and_in_the_exports(
    client, koordinator, fagretning, helse, lorenskog
):
    DeltakerFactory.create_batch(5, fagretning=fagretning)
    DeltakerFactory.create_batch(2, fagretning=helse)
    k = {"organisasjon": lorenskog, "registrert_av": koordinator}
    KostnadFactory(fagretning=fagretning, belop=10000, betaler="kommunen", **k)
    KostnadFactory(fagretning=fagretning, belop=5000, betaler="nav", art="arbeidsklaer", **k)
    KostnadFactory(fagretning=helse, belop=7001, betaler="fylket", art="laerlingtilskudd", **k)
    KostnadFactory(fagretning=helse, belop=999_999, semester="2026V", **k)  # another semester: not counted
    client.force_login(koordinator)
    rader = _okonomi(client, **HOST)
    assert rader[fagretning.navn][-2:] == ["15000", "3000"]
    assert rader[helse.navn][-2:] == ["7001", "3501"]  # 3500.5 rounded half up
    assert rader["Totalt"][-2:] == ["22001", "3143"]
    assert rader["Totalt"][:3] == ["10000", "5000", "7001"]  # kommunen, NAV, fylkeskommunen
    html = client.get("/rapporter/styringsgruppe/", HOST).content.decode()
    assert "Økonomi per fagretning" in html


@pytest.fixture
def tre_spor(fagretning, helse, lorenskog, koordinator) -> dict:
    """Six participants in BUA, two in Helse and three in Renhold; what a cost needs besides its track."""
    DeltakerFactory.create_batch(6, fagretning=fagretning)
    DeltakerFactory.create_batch(2, fagretning=helse)
    # a third small track, so that the two «<5» protect each other and the 6 may be shown
    DeltakerFactory.create_batch(3, fagretning=FagretningFactory(organisasjon=lorenskog, navn="Renhold"))
    return {"organisasjon": lorenskog, "registrert_av": koordinator}


def test_the_steering_group_sees_no_cost_per_participant_of_a_small_track(client, styring, fagretning, helse, tre_spor):
    k = tre_spor
    KostnadFactory(fagretning=fagretning, belop=6000, **k)
    KostnadFactory(fagretning=helse, belop=7000, **k)
    client.force_login(styring)
    rader = _okonomi(client, **HOST)
    assert rader[fagretning.navn][-2:] == ["6000", "1000"]
    assert rader[helse.navn][-2:] == ["7000", "skjult"]  # 7000 ÷ 2 would tell the two
    pdf = client.get("/rapporter/styringsgruppe/pdf/", HOST)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_steering_group_sees_the_costs_by_kind_on_the_dashboard_and_in_its_exports(
    client, styring, fagretning, helse, tre_spor
):
    k = tre_spor
    KostnadFactory(fagretning=fagretning, belop=4800, art="boker", betaler="kommunen", **k)
    KostnadFactory(fagretning=fagretning, belop=3000, art="arbeidsklaer", betaler="nav", **k)
    KostnadFactory(fagretning=fagretning, belop=12000, art="laerlingtilskudd", betaler="fylket", **k)
    KostnadFactory(fagretning=helse, belop=7000, art="arbeidsklaer", betaler="nav", **k)
    client.force_login(styring)

    html = client.get("/rapporter/styringsgruppe/", HOST).content.decode()
    assert "Kostnader per art og fagretning" in html and "etter hva de gikk til" in html
    assert "Lærlingtilskudd (kr)" in html and "Arbeidsklær (kr)" in html
    assert "3 300" in html or "3\xa0300" in html  # (4 800 + 3 000 + 12 000) ÷ 6 per participant

    rader = _okonomi(client, ark="Kostnader per art og fagretning", **HOST)
    kolonner = rader[""]
    assert kolonner[:3] == ["Bøker og læremidler (kr)", "Arbeidsklær (kr)", "Lærlingtilskudd (kr)"]
    assert rader[fagretning.navn][:3] == ["4800", "3000", "12000"]
    assert rader[fagretning.navn][-2:] == ["19800", "3300"]
    assert rader[helse.navn][1] == "7000" and rader[helse.navn][-1] == "skjult"  # two participants: hidden
    assert rader["Totalt"][:3] == ["4800", "10000", "12000"]
    # by payer, the same costs and the same hidden cell
    assert _okonomi(client, **HOST)[helse.navn][-2:] == ["7000", "skjult"]

    pdf = client.get("/rapporter/styringsgruppe/pdf/", HOST).content
    tekst = flat(pdf_tekst(pdf))
    i = tekst.index("Kostnader per art og fagretning")
    assert "Lærlingtilskudd" in tekst[i:]  # the column names wrap in the PDF
    assert "Barne- og ungdomsarbeider 4 800 3 000 12 000 0 0 0 0 19 800 3 300" in tekst[i:]
    assert "Helsefagarbeider 0 7 000 0 0 0 0 0 7 000 skjult" in tekst[i:]


def test_the_coordinator_records_a_new_track_through_the_seven_steps(client, koordinator):
    client.force_login(koordinator)
    svar = client.post("/styring/nye-lop/ny/", {"navn": "Renholdsoperatør", "beskrivelse": "For kvinner i intro"})
    plan = Sporplan.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/styring/nye-lop/{plan.pk}/"
    assert list(plan.steg.values_list("nummer", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    html = client.get(svar["Location"]).content.decode()
    assert "Innhente og vurdere arbeidskraftbehovet" in html and "Sluttevaluere og følge opp deltaker" in html

    url = f"/styring/nye-lop/{plan.pk}/steg/1/"
    feil = client.post(url, {"status": "ferdig", "ansvarlig": "Kari, NAV", "notat": "Behov kartlagt"})
    assert feil.status_code == 200 and "Oppgi når steget ble ferdig." in feil.content.decode()
    assert "Behov kartlagt" in feil.content.decode()  # what she typed is kept
    ferdig = {"status": "ferdig", "ansvarlig": "Kari, NAV", "startet": "2026-09-01", "ferdig": "2026-10-15"}
    ok = client.post(url, {**ferdig, "notat": "x"})
    assert ok.status_code == 302
    steg = plan.steg.get(nummer=1)
    assert (steg.status, steg.ferdig, steg.endret_av) == ("ferdig", datetime.date(2026, 10, 15), koordinator)
    assert Hendelse.objects.filter(handling="styring.sporsteg.endret").exists()
    oversikt = client.get("/styring/nye-lop/").content.decode()
    assert "1 av 7" in oversikt and "2. Vurdere og justere eksisterende kvalifiseringstiltak" in oversikt


def test_the_steering_group_reads_a_track_record_but_cannot_change_it(client, styring, koordinator, lorenskog):
    plan = SporplanFactory(organisasjon=lorenskog, opprettet_av=koordinator, navn="Betongfag")
    plan.steg.filter(nummer=1).update(status=Sporsteg.Status.PAGAR, ansvarlig="Ola, kommunen", notat="Møte med NHO")
    client.force_login(styring)
    html = client.get(f"/styring/nye-lop/{plan.pk}/").content.decode()
    assert "Betongfag" in html and "Møte med NHO" in html and "Pågår" in html
    assert "Oppdater" not in html
    assert client.post(f"/styring/nye-lop/{plan.pk}/steg/1/", {"status": "ferdig"}).status_code == 403
    assert plan.steg.get(nummer=1).status == Sporsteg.Status.PAGAR
