"""The journeys users make, in a real browser: what we claim works for each role.

A journey for a new feature is a new test function here: `page = apne(None)`, `logg_inn(page, ...)`,
then click and type as the user would, and assert on what she sees.
"""

from __future__ import annotations

import datetime
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from deltakere.models import Deltaker
from dokumenter.tests.pdfhjelp import flat, pdf_tekst

from . import saksgang
from .conftest import START
from .hjelp import fyll_inn_innlogging, last_ned, logg_inn, sidebredde

pytestmark = pytest.mark.browser


def _h1(page):
    return page.get_by_role("heading", level=1)


def _navn_i(tekst: str, navn: list[tuple[str, str]]) -> list[str]:
    """The participants whose full name or surname (as a whole word) occurs in the text."""
    return [
        f"{fornavn} {etternavn}"
        for fornavn, etternavn in navn
        if f"{fornavn} {etternavn}" in tekst or re.search(rf"\b{re.escape(etternavn)}\b", tekst)
    ]


def _celle(tabellomrade, rad: str, kolonne: str) -> str:
    """The text of one cell, found by its row header and column header as a reader would."""
    tabell = tabellomrade.get_by_role("table")
    overskrifter = [t.strip() for t in tabell.locator("thead th").all_inner_texts()]
    raden = tabell.get_by_role("row").filter(has=tabellomrade.page.get_by_role("rowheader", name=rad, exact=True))
    return raden.get_by_role("cell").nth(overskrifter.index(kolonne) - 1).inner_text().strip()


def test_coordinator_logs_in_and_opens_a_participants_case_from_the_list(apne):
    page = apne(None)
    logg_inn(page, "koordinator")
    expect(_h1(page)).to_have_text("Min oversikt")

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    expect(_h1(page)).to_have_text("Deltakere")
    page.get_by_label("Søk på navn").fill("yusuf")
    page.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(re.compile(r"\?q=yusuf"))
    rader = page.get_by_role("table").locator("tbody tr")
    expect(rader).to_have_count(1)

    rader.get_by_role("link", name="Yusuf, Amina").click()
    expect(_h1(page)).to_have_text("Amina Yusuf")
    expect(page.get_by_role("region", name="Fagbrevløp")).to_contain_text("Barne- og ungdomsarbeider")
    # the coordinator may see the identity number, masked
    expect(page.get_by_role("region", name="Person")).not_to_contain_text("Skjult")


def test_coordinator_takes_a_referral_to_a_passed_fagprove_and_downloads_the_deltakerbevis(klokke, apne):
    """The whole pathway of one case, by the coordinator, with the clock frozen at 23.11.2026."""
    page = apne(None)
    logg_inn(page, "koordinator")
    expect(_h1(page)).to_have_text("Min oversikt")

    saksgang.registrer_henvisning(page)
    saksgang.kartlegg(page)
    saksgang.ta_opp(page)
    saksgang.inntakssamtale(page)
    saksgang.start_opplaering(page)
    saksgang.plasser(page)
    saksgang.laerekontrakt(page)
    saksgang.skriftlig_eksamen(page)
    saksgang.vurderingssamtale(page)
    saksgang.meld_opp_fagprove(page)

    # After the fagprøve on 13.01.2027: her session has long run out, so she logs in again and
    # comes back to the case she had open.
    klokke.move_to(START.replace(year=2027, month=1, day=18))
    page.reload()
    expect(_h1(page)).to_have_text("Logg inn")
    fyll_inn_innlogging(page, "koordinator")
    expect(_h1(page)).to_have_text(saksgang.NAVN)
    saksgang.fagprove_bestatt(page)

    filnavn, pdf = saksgang.deltakerbevis(page)
    assert filnavn.endswith(".pdf") and pdf.startswith(b"%PDF")
    tekst = flat(pdf_tekst(pdf))
    assert (
        f"Det bekreftes at {saksgang.NAVN}, født 12.04.1988, har fullført fagbrevløpet i {saksgang.FAGRETNING}" in tekst
    )
    assert "Tverrfaglig skriftlig eksamen Bestått 06.11.2026" in tekst
    assert f"Fagprøve ({saksgang.ARBEIDSSTED}) Bestått 13.01.2027" in tekst
    assert "Periode 02.06.2025 – 18.01.2027" in tekst


def test_faglarer_on_her_phone_records_a_visit_that_is_due_and_finds_it_on_the_case(klokke, apne):
    idag = START.date()
    page = apne(None, mobil=True)
    logg_inn(page, "faglarer")
    expect(_h1(page)).to_have_text("Min oversikt")
    mine = page.get_by_role("region", name="Mine deltakere")
    expect(mine).to_contain_text("Amina Yusuf")
    expect(mine).not_to_contain_text("Lina Haddad")  # taught by faglarer.helse
    assert sidebredde(page) <= 375, "oversikten er bredere enn telefonen"

    # Visits that are due: Senait's is overdue, with a button to record it right there
    besok = page.get_by_role("region", name="Arbeidsplassbesøk hos dine deltakere")
    expect(besok.get_by_role("heading", name="Forfalt (2)")).to_be_visible()
    senait = besok.get_by_role("listitem").filter(has_text="Senait Tesfay")
    expect(senait).to_contain_text("6 dager over")
    senait.get_by_role("link", name="Registrer besøk hos Senait Tesfay").click()

    expect(_h1(page)).to_have_text("Nytt arbeidsplassbesøk")
    expect(page.get_by_label("Deltaker").locator("option:checked")).to_contain_text("Senait Tesfay")
    # her workplace and fadder, shown under the choice (a live region)
    expect(page.get_by_text("Arbeidssted: Solsikken barnehage · fadder Linda Sørli")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^\s*Dato\b"))).to_have_value(idag.isoformat())
    page.get_by_label("Hvem var til stede").fill("Senait, fadder Marius Dahl")
    page.get_by_label("Hva observerte du?").fill("Ledet formingsaktivitet med fire barn, trygg og tydelig.")
    page.get_by_label("Oppgaver gitt").fill("Skriv en kort plan for neste ukes utetid.")
    assert sidebredde(page) <= 375, "besøksskjemaet er bredere enn telefonen"
    page.get_by_role("button", name="Lagre besøket").click()

    expect(_h1(page)).to_have_text(f"Arbeidsplassbesøk {idag:%d.%m.%Y}")
    expect(page.get_by_role("main")).to_contain_text("Ledet formingsaktivitet med fire barn")
    assert sidebredde(page) <= 375, "besøket er bredere enn telefonen"

    # On the case: the visit is in the follow-up history and the next one is due in 14 days (BUA)
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role("link", name="Senait Tesfay").click()
    expect(_h1(page)).to_have_text("Senait Tesfay")
    oppfolging = page.get_by_role("region", name="Oppfølging")
    expect(oppfolging.get_by_role("link", name=f"Arbeidsplassbesøk {idag:%d.%m.%Y}")).to_be_visible()
    neste = idag + datetime.timedelta(days=14)
    expect(oppfolging).to_contain_text(f"Neste besøk senest {neste:%d.%m.%Y}")
    expect(oppfolging).not_to_contain_text("forfalt")
    expect(page.get_by_role("region", name="Tidslinje").get_by_role("listitem").first).to_contain_text(
        f"Arbeidsplassbesøk {idag:%d.%m.%Y} på Solsikken barnehage"
    )
    expect(page.get_by_role("region", name="Person")).to_contain_text("Skjult")  # no identity number for her
    assert sidebredde(page) <= 375, "saken er bredere enn telefonen"

    # The menu is folded away on a phone: open it; her list holds her own participants only
    meny = page.get_by_role("button", name="Vis meny")
    meny.click()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    tabell = page.get_by_role("table")
    expect(tabell).to_contain_text("Tesfay, Senait")
    expect(tabell).not_to_contain_text("Haddad")
    expect(tabell).not_to_contain_text("Tesfamariam")  # NAV Asker's participant
    assert sidebredde(page) <= 375, "deltakerlisten er bredere enn telefonen"

    # Back on her overview, Senait is no longer overdue
    meny.click()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Min oversikt").click()
    besok = page.get_by_role("region", name="Arbeidsplassbesøk hos dine deltakere")
    expect(besok.get_by_role("heading", name="Forfalt (1)")).to_be_visible()
    expect(besok).not_to_contain_text("Senait Tesfay")


def test_faglarer_opening_another_teachers_participant_by_url_gets_404(apne):
    andres = Deltaker.objects.get(fornavn="Lina", etternavn="Haddad")
    assert andres.faglarer.username == "faglarer.helse"
    page = apne(None)
    logg_inn(page, "faglarer")

    svar = page.goto(f"/deltakere/{andres.pk}/")
    assert svar.status == 404
    expect(_h1(page)).to_have_text("Fant ikke siden")
    expect(page.locator("body")).not_to_contain_text("Haddad")


def test_steering_group_sees_figures_only_switches_semester_and_downloads_excel_and_pdf(klokke, apne):
    page = apne(None)
    logg_inn(page, "styring")
    expect(_h1(page)).to_have_text("Min oversikt")
    meny = page.get_by_role("navigation", name="Hovedmeny")
    expect(meny.get_by_role("link", name="Deltakere")).to_have_count(0)
    expect(meny.get_by_role("link", name="Arbeidsgivere")).to_have_count(0)
    alle_navn = list(Deltaker.objects.values_list("fornavn", "etternavn"))
    assert len(alle_navn) > 40
    # aggregates only: no participant's name anywhere on her overview
    assert not _navn_i(page.get_by_role("main").inner_text(), alle_navn)

    meny.get_by_role("link", name="Rapporter").click()
    expect(_h1(page)).to_have_text("Rapport til styringsgruppen")
    semester = page.get_by_role("form", name="Velg semester").get_by_label("Semester")
    expect(semester.locator("option:checked")).to_have_text("Høst 2026")  # the clock says 23.11.2026
    per_fagretning = page.get_by_role("region", name="Deltakere per fagretning", exact=True)
    expect(per_fagretning).to_contain_text("Henvist, tatt opp, avbrutt og fullført i høst 2026")
    henvist_host = _celle(per_fagretning, "Totalt", "Henvist")
    assert not _navn_i(page.get_by_role("main").inner_text(), alle_navn)

    semester.select_option(label="Vår 2026")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"semester=2026-var"))
    expect(page.get_by_role("main")).to_contain_text("Vår 2026 (01.01.2026–31.07.2026)")
    expect(per_fagretning).to_contain_text("Henvist, tatt opp, avbrutt og fullført i vår 2026")
    expect(page.get_by_role("region", name="Resultater per fagretning")).to_contain_text("med dato i vår 2026")
    henvist_var = _celle(per_fagretning, "Totalt", "Henvist")
    assert (henvist_host, henvist_var) == ("10", "8"), "tallene følger ikke semesteret"

    # Excel: one sheet per table, the chosen semester, and numbers that are numbers
    filnavn, innhold = last_ned(page, lambda: page.get_by_role("link", name="Excel").click())
    assert filnavn.endswith(".xlsx")
    bok = openpyxl.load_workbook(io.BytesIO(innhold))
    ark = bok["Deltakere per fagretning"]
    assert ark["A1"].value.endswith("– Vår 2026")
    rader = {rad[0]: rad[1:] for rad in ark.iter_rows(min_row=4, values_only=True)}
    assert rader["Totalt"][0] == 8
    tall = tekst_tall = 0
    for arket in bok.worksheets:
        for rad in arket.iter_rows(min_row=2, values_only=True):
            for verdi in rad[1:]:
                tall += isinstance(verdi, int)
                tekst_tall += isinstance(verdi, str) and bool(re.fullmatch(r"\s*-?\d+([.,]\d+)?\s*%?\s*", verdi))
    assert tall > 50 and tekst_tall == 0, f"{tall} tallceller, {tekst_tall} tall lagret som tekst"

    # PDF: the same semester, and not one participant's name
    filnavn, innhold = last_ned(page, lambda: page.get_by_role("link", name="PDF").click())
    assert filnavn.endswith(".pdf") and innhold.startswith(b"%PDF")
    tekst = flat(pdf_tekst(innhold))
    assert "Vår 2026" in tekst and "Deltakere per fagretning" in tekst
    assert not _navn_i(tekst, alle_navn)

    # and the case files stay closed to her
    assert page.goto("/deltakere/").status == 403
    expect(_h1(page)).to_have_text("Ingen tilgang")
    amina = Deltaker.objects.get(fornavn="Amina", etternavn="Yusuf")
    assert page.goto(f"/deltakere/{amina.pk}/").status == 404


def test_user_changes_her_password_and_logs_in_with_the_new_one(bare_brukere, apne):
    page = apne(None)
    logg_inn(page, "norsklarer")
    page.get_by_role("button", name=re.compile("Sigrid Bakke")).click()
    page.get_by_role("link", name="Bytt passord").click()
    expect(_h1(page)).to_have_text("Bytt passord")

    page.get_by_label("Nåværende passord").fill("fagbrev-demo")
    page.get_by_label(re.compile(r"^\s*Nytt passord")).fill("kort")
    page.get_by_label("Gjenta nytt passord").fill("kort")
    page.get_by_role("button", name="Bytt passord").click()
    expect(page.locator("#feiloppsummering")).to_be_focused()

    page.get_by_label("Nåværende passord").fill("fagbrev-demo")
    page.get_by_label(re.compile(r"^\s*Nytt passord")).fill("Hestehov-og-kaffe-2026")
    page.get_by_label("Gjenta nytt passord").fill("Hestehov-og-kaffe-2026")
    page.get_by_role("button", name="Bytt passord").click()
    expect(_h1(page)).not_to_have_text("Bytt passord")

    page.get_by_role("button", name=re.compile("Sigrid Bakke")).click()
    page.get_by_role("button", name="Logg ut").click()
    logg_inn(page, "norsklarer", "Hestehov-og-kaffe-2026")
    expect(_h1(page)).to_have_text("Min oversikt")
