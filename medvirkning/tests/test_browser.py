"""The issue's «Done when», in Chromium: the coordinator sends the agreement for signing; the leder
opens her link on a phone and confirms the extra person while signing; fadder and participant sign
through theirs; the coordinator signs; the agreement is «signert» and its signed PDF shows four
signatures and the hash; the fadder marks three goals and fills in the workplace's part of the
vurderingssamtale; a reused signature link, an expired link and a link with one character changed
each give the plain page and change nothing. Every link page: 375 px without sideways scrolling,
no serious or critical axe-core findings. Screenshots of each page at 375 and 1280 px are kept
under /tmp/fagbrev-skjermbilder/medvirkning/.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from arbeidsgivere.models import Avtale
from dokumenter.models import Dokument
from dokumenter.tests.pdfhjelp import pdf_tekst
from lop.models import Opplaeringsplanpunkt
from medvirkning.models import Signatur
from oppfolging.models import Vurderingssamtale
from tests.e2e.conftest import DESKTOP, MOBIL, ny_kontekst
from tests.e2e.hjelp import ALVORLIG, axe_brudd, beskriv, sidebredde

from .conftest import token_til

pytestmark = pytest.mark.browser
# outside test-results/, which pytest-playwright empties at the start of every session
BILDER = Path(tempfile.gettempdir()) / "fagbrev-skjermbilder" / "medvirkning"


@pytest.fixture
def apne(browser: Browser, live_server):
    kontekster = []

    def _apne(bruker=None, *, mobil: bool = False) -> Page:
        brukernavn = bruker.username if bruker is not None else None
        kontekst = ny_kontekst(browser, live_server.url, brukernavn, mobil=mobil, axe=True, tidsgrense=10_000)
        kontekster.append(kontekst)
        return kontekst.new_page()

    yield _apne
    for kontekst in kontekster:
        kontekst.close()


def _sjekk_side(page: Page, navn: str, feil: list[str]) -> None:
    """Phone width without sideways scrolling, axe-core clean; screenshots at 375 and 1280 px."""
    for_ = page.viewport_size
    page.set_viewport_size(MOBIL)
    if sidebredde(page) > MOBIL["width"]:
        feil.append(f"{navn}: {sidebredde(page)} px bred på 375 px")
    feil += beskriv([b for b in axe_brudd(page) if b["impact"] in ALVORLIG], navn)
    BILDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(BILDER / f"{navn}-375.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(BILDER / f"{navn}-1280.png"), full_page=True)
    page.set_viewport_size(for_)


def _signer(apne, epost: str, navn: str, bildenavn: str, feil: list[str], *, bekreft: bool = False) -> str:
    token = token_til(epost)
    page = apne(mobil=True)
    page.goto(f"/lenke/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signer avtalen om deltakelse")
    _sjekk_side(page, bildenavn, feil)
    if bekreft:
        page.get_by_label("Jeg bekrefter at deltakeren er en ekstra person").check()
    page.get_by_label("Skriv fullt navn").fill(navn)
    page.get_by_label("Jeg har lest avtalen og er enig i den").check()
    page.get_by_role("button", name="Signer avtalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk!")
    expect(page.get_by_text("Takk! Du har signert avtalen om deltakelse.")).to_be_visible()
    return token


def _fadderens_lenke(kp: Page, apne, knapp: str) -> tuple[str, Page]:
    """The coordinator asks the fadder with the button `knapp`; the fadder opens the link from her mail on a phone."""
    kp.get_by_role("button", name=knapp).click()
    expect(kp.get_by_text("Lenke sendt til Frida Fadder")).to_be_visible()
    token = token_til("frida@solsikken.no")
    page = apne(mobil=True)
    page.goto(f"/lenke/{token}/")
    return token, page


def test_the_workplace_takes_part_by_link_and_the_agreement_is_signed_in_the_app(sak, koordinator, apne):
    feil: list[str] = []
    # 1. the coordinator sends the agreement for signing
    kp = apne(koordinator)
    kp.goto(f"/medvirkning/deltakere/{sak.deltaker.pk}/")
    kp.get_by_role("button", name="Send avtalen til signering").click()
    expect(kp.get_by_text("Lenke sendt til")).to_be_visible()
    assert len(mail.outbox) == 3
    _sjekk_side(kp, "koordinator-oppgaver", feil)

    # 2. the leder opens her link on a phone, confirms the extra person and signs; then fadder and participant
    _signer(apne, "liv@solsikken.no", "Liv Leder", "lenke-leder-signer", feil, bekreft=True)
    sak.plassering.refresh_from_db()
    assert sak.plassering.ekstra_person_bekreftet
    _signer(apne, "frida@solsikken.no", "Frida Fadder", "lenke-fadder-signer", feil)
    deltaker_token = _signer(apne, "amina@example.no", sak.deltaker.navn, "lenke-deltaker-signer", feil)

    # 3. the coordinator signs while logged in; the agreement turns «signert»
    kp.goto(f"/medvirkning/deltakere/{sak.deltaker.pk}/")
    kp.get_by_role("link", name="Signer for kommunen").click()
    _sjekk_side(kp, "koordinator-signer", feil)
    kp.get_by_label("Skriv fullt navn").fill(koordinator.get_full_name())
    kp.get_by_label("Jeg har lest avtalen og signerer for kommunen").check()
    kp.get_by_role("button", name="Signer").click()
    expect(kp.get_by_text("Alle har signert, og avtalen er signert.")).to_be_visible()
    assert Avtale.objects.get(pk=sak.avtale.pk).status == Avtale.Status.SIGNERT

    # 4. its signed PDF shows four signatures and the hash
    dokument = Dokument.objects.get(objekt_nokkel=f"avtale:{sak.avtale.pk}")
    with dokument.signert_skann.open("rb") as f:
        tekst = pdf_tekst(f.read())
    assert dokument.sha256 in "".join(tekst.split())
    for navn in ("Liv Leder", "Frida Fadder", sak.deltaker.navn, koordinator.get_full_name()):
        assert navn in tekst
    assert Signatur.objects.filter(dokument=dokument).count() == 4

    # 5. the fadder marks three goals of the training plan
    kp.goto(f"/medvirkning/deltakere/{sak.deltaker.pk}/")
    mal_token, fp = _fadderens_lenke(kp, apne, "Be fadderen markere mål i opplæringsplanen")
    _sjekk_side(fp, "lenke-fadder-mal", feil)
    punkter = list(Opplaeringsplanpunkt.objects.filter(deltaker=sak.deltaker).order_by("pk"))
    for punkt in punkter[:3]:
        fp.locator(f"#id_utfort_{punkt.pk}").check()
        fp.locator(f"#id_vurdering_{punkt.pk}").select_option("bra")
    fp.get_by_role("button", name="Lagre").click()
    expect(fp.get_by_text("Lagret. 3 punkter oppdatert.")).to_be_visible()
    assert Opplaeringsplanpunkt.objects.filter(deltaker=sak.deltaker, utfort=True).count() == 3

    # 6. ... and fills in the workplace's part of the vurderingssamtale
    _, sp = _fadderens_lenke(kp, apne, "Be fadderen fylle ut vurderingssamtalen")
    _sjekk_side(sp, "lenke-fadder-samtale", feil)
    sp.locator('input[name="holder_tider"][value="meget_bra"]').check()
    sp.locator('input[name="samarbeider"][value="bra"]').check()
    sp.get_by_label("Hva mener dere på arbeidsplassen at deltakeren har lært?").fill("Leder samlingsstund alene.")
    sp.get_by_role("button", name="Lagre").click()
    expect(sp.get_by_text("Arbeidsplassens del av vurderingssamtalen er lagret.")).to_be_visible()
    samtale = Vurderingssamtale.objects.get(pk=sak.samtale.pk)
    assert (samtale.holder_tider, samtale.laert_arbeidsgiver) == ("meget_bra", "Leder samlingsstund alene.")

    # 7. a reused signature link, an expired link and one character changed: the plain page, nothing changes
    for_ = (Signatur.objects.count(), Opplaeringsplanpunkt.objects.filter(utfort=True).count())
    pp = apne(mobil=True)
    pp.goto(f"/lenke/{deltaker_token}/")
    expect(pp.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")
    _sjekk_side(pp, "lenke-ugyldig", feil)
    endret = mal_token[:-1] + ("A" if mal_token[-1] != "A" else "B")
    pp.goto(f"/lenke/{endret}/")
    expect(pp.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15), tick=True):
        pp.goto(f"/lenke/{mal_token}/")
        expect(pp.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")
    assert (Signatur.objects.count(), Opplaeringsplanpunkt.objects.filter(utfort=True).count()) == for_

    # the case page shows the state
    kp.goto(f"/deltakere/{sak.deltaker.pk}/")
    expect(kp.get_by_role("heading", name="Arbeidsplassens oppgaver")).to_be_visible()
    _sjekk_side(kp, "saksside", feil)
    assert not feil, "\n".join(feil)


def test_the_fadder_evaluates_the_ended_placement_on_a_phone(sak, koordinator, apne):
    """The coordinator asks from the case; the fadder answers on a phone; the link then gives the plain page."""
    from arbeidsgivere.models import Evaluering
    from arbeidsgivere.services import evaluering_registrer

    feil: list[str] = []
    sak.plassering.til = timezone.localdate() - datetime.timedelta(days=1)
    sak.plassering.fra = sak.plassering.til - datetime.timedelta(days=90)
    sak.plassering.save(update_fields=["fra", "til"])
    evaluering_registrer(plassering=sak.plassering, utfort_av=koordinator, dato=timezone.localdate(), egnet=True)
    kp = apne(koordinator)
    kp.goto(f"/medvirkning/deltakere/{sak.deltaker.pk}/")
    token, fp = _fadderens_lenke(kp, apne, "Be fadderen evaluere praksisperioden")
    expect(fp.get_by_role("heading", level=1)).to_have_text("Evaluer praksisperioden")
    _sjekk_side(fp, "lenke-fadder-evaluering", feil)
    fp.get_by_role("button", name="Send evalueringen").click()  # empty: the message next to the field
    expect(fp.get_by_text("Skjemaet har 1 feil som må rettes")).to_be_visible()
    fp.get_by_label("Hva var bra med praksisperioden?").fill("Pålitelig, god med barna.")
    fp.get_by_label("Hva kan bli bedre neste gang?").fill("Mer tid til veiledning.")
    fp.get_by_role("button", name="Send evalueringen").click()
    expect(fp.get_by_text("Arbeidsplassens evaluering av praksisperioden er lagret.")).to_be_visible()
    assert Evaluering.objects.get(plassering=sak.plassering).arbeidsgiver_bra == "Pålitelig, god med barna."
    fp.goto(f"/lenke/{token}/")
    expect(fp.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")
    assert not feil, "\n".join(feil)
