"""The participant's own page on her phone (375 px), the journey of issue 18: the coordinator invites
Amina; Amina opens the link, sees her next deadline, marks a goal, writes a logbook entry with a photo,
fills her self-evaluation, switches to English and Arabic (right to left); the faglærer reads and
comments; another participant's ids give 404; the link reused after 30 days or on another
participant's phone gives a plain page and no data. axe-core on her pages in all three languages,
and a screenshot of each page in each language under test-results/minside/."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from minside.tests.oversettelser import kompiler_meldinger

from .conftest import START
from .hjelp import ALVORLIG, axe_brudd, beskriv, sidebredde

pytestmark = pytest.mark.browser

SKJERMBILDER = Path("test-results/minside")
SIDER = [
    ("oversikt", "/min-side/"),
    ("loggbok", "/min-side/loggbok/"),
    ("egenvurdering", "/min-side/egenvurdering/"),
    ("mine-data", "/min-side/mine-data/"),
]


@pytest.fixture(autouse=True)
def _meldinger():
    kompiler_meldinger()


def _telefon(apne, brukernavn, **kwargs):
    """A phone at 375 px; pages on a loaded test machine may take longer than the suite's 5 s default."""
    page = apne(brukernavn, mobil=True, **kwargs)
    page.set_default_timeout(30_000)
    return page


def _foto() -> dict:
    ut = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 140, 200)).save(ut, "JPEG")
    return {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": ut.getvalue()}


def _lenke_fra_siste_epost(til: str) -> str:
    melding = [m for m in mail.outbox if m.to == [til]][-1]
    assert re.search(r"https?://\S+/min-side/lenke/\S+/", melding.body)  # FAGBREV_BASE_URL + path
    return re.search(r"/min-side/lenke/\S+/", melding.body).group(0)


def _sjekk_sider(page, sprak: str) -> list[str]:
    """axe on each of her pages, no sideways scrolling at 375 px, and a screenshot for people to look at."""
    SKJERMBILDER.mkdir(parents=True, exist_ok=True)
    feil = []
    for navn, sti in SIDER:
        page.goto(sti)
        feil += beskriv([b for b in axe_brudd(page) if b["impact"] in ALVORLIG], f"{sprak} {sti}")
        if sidebredde(page) > 375:
            feil.append(f"{sprak} {sti}: {sidebredde(page)} px bred")
        page.screenshot(path=str(SKJERMBILDER / f"{navn}-{sprak}.png"), full_page=True)
    return feil


def test_amina_on_her_phone_from_invitation_to_arabic(klokke, apne):
    from deltakere.models import Deltaker
    from lop.models import Opplaeringsplanpunkt
    from minside.models import Deltakerkonto, Loggbokinnlegg, Loggbokkommentar, Selvevaluering
    from minside.tests.factories import DeltakerkontoFactory, LoggbokinnleggFactory, lenke_for
    from oppfolging.models import Vurderingssamtale, semester_for

    amina = Deltaker.objects.get(fornavn="Amina", etternavn="Yusuf")
    Opplaeringsplanpunkt.objects.filter(deltaker=amina).update(deltaker_vurdering="")
    # The demo gives Amina a login and a logbook (`deltaker.amina`); this journey starts before she has one.
    Loggbokkommentar.objects.filter(innlegg__deltaker=amina).delete()
    Loggbokinnlegg.objects.filter(deltaker=amina).delete()
    Deltakerkonto.objects.filter(deltaker=amina).delete()
    # Her meeting this semester is ahead of her (the demo has held it): she fills her part before it.
    Vurderingssamtale.objects.filter(deltaker=amina, semester=semester_for(START.date()).kode).update(
        holdt_dato=None, planlagt_dato=START.date() + datetime.timedelta(days=10)
    )

    # The coordinator invites her from the case.
    koordinator = _telefon(apne, "koordinator")
    koordinator.goto(f"/deltakere/{amina.pk}/")
    koordinator.get_by_role("button", name="Inviter til Min side").click()
    expect(koordinator.get_by_text(f"Invitasjon til Min side er sendt til {amina.epost}.")).to_be_visible()
    lenke = _lenke_fra_siste_epost(amina.epost)

    # Amina opens the link on her phone and logs in.
    page = _telefon(apne, None, axe=True)
    page.goto(lenke)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Amina!")

    # Her next deadline, in words.
    expect(page.get_by_role("region", name="Dette skjer snart")).to_contain_text(
        re.compile(r"skriftlig eksamen|vurderingssamtale|fagprøve")
    )

    # She marks a goal of her training plan.
    forste = page.locator("[id^=mal-]").first
    punkt_id = int(forste.get_attribute("id").split("-")[1])
    forste.locator("label", has_text="Meget bra").click()
    forste.get_by_role("button", name="Lagre mitt merke").click()
    expect(page.get_by_text("Merket er lagret.")).to_be_visible()
    assert Opplaeringsplanpunkt.objects.get(pk=punkt_id).deltaker_vurdering == "meget_bra"

    # A logbook entry with a photo from the phone, tied to that goal.
    page.get_by_role("link", name="Loggbok", exact=True).click()
    page.get_by_label("Hva gjorde du i dag?").fill("I dag ledet jeg samlingsstunden. Vi sang om høsten.")
    page.locator(f"input[name=planpunkter][value='{punkt_id}']").check()
    page.get_by_label("Bilde (valgfritt)").set_input_files(_foto())
    page.get_by_role("button", name="Lagre innlegget").click()
    expect(page.get_by_text("Innlegget er lagret.")).to_be_visible()
    bilde = page.get_by_role("img", name="Bilde fra jobben")
    expect(bilde).to_be_visible()
    innlegg = Loggbokinnlegg.objects.get(deltaker=amina)
    assert innlegg.bilde and list(innlegg.planpunkter.values_list("pk", flat=True)) == [punkt_id]

    # Her self-evaluation before the meeting.
    page.get_by_role("link", name="Egenvurdering").click()
    page.get_by_label("Klarer du oppgavene på jobben?").select_option("7")
    page.get_by_label("Er norsken din god nok på jobben?").select_option("5")
    page.get_by_label("Hvor mye bedre er du nå enn da du startet?").select_option("8")
    page.get_by_label("Hva har du lært?").fill("Å lede samlingsstund.")
    page.get_by_role("button", name="Lagre svarene").click()
    expect(page.get_by_text("Egenvurderingen er lagret")).to_be_visible()
    assert Selvevaluering.objects.get(deltaker=amina).oppgaver == 7

    feil = _sjekk_sider(page, "nb")

    # English, then Arabic: chosen on the page, remembered, Arabic right to left.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")  # the same page, now in English
    feil += _sjekk_sider(page, "en")
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("بياناتي")
    feil += _sjekk_sider(page, "ar")
    page.goto("/min-side/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")  # remembered
    expect(page.get_by_role("heading", level=1)).to_have_text("مرحبًا Amina!")
    assert feil == []

    # The faglærer reads the entry, sees the photo and comments.
    faglarer = _telefon(apne, "faglarer")
    faglarer.goto(f"/deltakere/{amina.pk}/")
    faglarer.get_by_role("link", name="Les loggboken").click()
    expect(faglarer.get_by_text("I dag ledet jeg samlingsstunden.")).to_be_visible()
    expect(faglarer.get_by_role("img", name="Bilde fra deltakeren")).to_be_visible()
    faglarer.get_by_label("Kommentar").fill("Så fint! Neste gang: skriv hva barna sa.")
    faglarer.get_by_role("button", name="Lagre kommentar").click()
    expect(faglarer.get_by_text("Kommentaren er lagret.")).to_be_visible()
    page.goto("/min-side/loggbok/")
    expect(page.get_by_text("Så fint! Neste gang: skriv hva barna sa.")).to_be_visible()

    # She lets her fadder read (in Arabic: the button's name is hers); the fadder gets a link by
    # e-mail, reads on her phone and answers.
    page.locator("button[name=fadder_kan_lese][value=ja]").click()
    expect(page.locator("button[name=fadder_kan_lese][value=nei]")).to_be_visible()
    fadderpost = [m for m in mail.outbox if "/min-side/fadder/" in m.body][-1]
    fadderlenke = re.search(r"/min-side/fadder/\S+/", fadderpost.body).group(0)
    fadder = _telefon(apne, None, axe=True)
    fadder.goto(fadderlenke)
    expect(fadder.get_by_text("I dag ledet jeg samlingsstunden.")).to_be_visible()
    assert beskriv([b for b in axe_brudd(fadder) if b["impact"] in ALVORLIG], "fadder") == []
    fadder.get_by_label("Kommentar").first.fill("Barna likte sangen!")
    fadder.get_by_role("button", name="Lagre kommentar").first.click()
    expect(fadder.get_by_text("Kommentaren er lagret.")).to_be_visible()
    page.goto("/min-side/loggbok/")
    expect(page.get_by_text("Barna likte sangen!")).to_be_visible()

    # Another participant's ids in the URL: 404. Staff pages: 404 for her.
    hodan = Deltaker.objects.get(fornavn="Hodan")
    hodan_konto = DeltakerkontoFactory(deltaker=hodan)
    hodans = LoggbokinnleggFactory(deltaker=hodan, tekst="Hodans eget")
    assert page.goto(f"/min-side/loggbok/{hodans.pk}/endre/").status == 404
    assert page.goto(f"/min-side/loggbok/{hodans.pk}/bilde/").status == 404
    assert page.goto(f"/deltakere/{amina.pk}/").status == 404
    assert page.goto(f"/deltakere/{amina.pk}/min-side/loggbok/").status == 404

    # Her spent link on Hodan's phone: a plain page, nobody's data.
    hodans_telefon = _telefon(apne, None)
    hodans_telefon.goto(f"/min-side/lenke/{lenke_for(hodan_konto)}/")
    hodans_telefon.get_by_role("button", name="Logg inn").click()
    svar = hodans_telefon.goto(lenke)
    assert svar.status == 410
    tekst = hodans_telefon.content()
    assert "Amina" not in tekst and "Hodan" not in tekst

    # After 30 days: logged out on her phone, and the link gives the plain page.
    klokke.move_to(START + datetime.timedelta(days=31))
    page.goto("/min-side/")
    expect(page).to_have_url(re.compile(r"/min-side/logg-inn/$"))
    svar = page.goto(lenke)
    assert svar.status == 410
    assert "Amina" not in page.content()
