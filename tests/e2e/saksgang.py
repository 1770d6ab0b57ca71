"""The coordinator's steps through one case, as she takes them in the browser.

Each function starts on the case page (or says where it starts), does one step with labels and
roles only, and asserts what she then sees: the message, the status on the case page and the
newest entry of its timeline. test_journeys.py strings them together. Dates are typed as the
coordinator types them afterwards («catching up»), chosen so the date rules pass with the clock
frozen at conftest.START (23.11.2026):

- BUA requires a received police certificate before training starts;
- the contract starts 02.06.2025, so it ends 01.06.2027 (24 months), and the fagprøve may be
  ordered 01.10.2026–01.04.2027 (8 to 2 months before the end): 23.11.2026 is inside;
- the written exam registration date 07.09.2026 is inside the 1–15 September window.
"""

from __future__ import annotations

import datetime
import random
import re

from playwright.sync_api import Locator, Page, expect

from fagbrev.demo import lag_fodselsnummer

FORNAVN, ETTERNAVN = "Hiwet", "Mengistu"
FODSELSNUMMER = lag_fodselsnummer(datetime.date(1988, 4, 12), random.Random(7))  # invented, valid
NAVN = f"{FORNAVN} {ETTERNAVN}"
FAGRETNING = "Barne- og ungdomsarbeider"
ARBEIDSGIVER = "Lørenskog kommune, barnehagene"
ARBEIDSSTED = "Solsikken barnehage"
FADDER = "Linda Sørli"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def melding(page: Page) -> Locator:
    """The flash message after a form (a live region, read out by screen readers)."""
    return page.get_by_role("status").filter(has=page.locator(".alert"))


def status(page: Page) -> Locator:
    """The case's status badge, right after the participant's name."""
    return page.locator("h1 + .badge")


def siste_hendelse(page: Page) -> Locator:
    return page.get_by_role("region", name="Tidslinje").get_by_role("listitem").first


def til_saken(page: Page) -> None:
    """Back to the case page through the breadcrumb, as she would from a sub-page."""
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role("link", name=NAVN).click()
    expect(h1(page)).to_have_text(NAVN)


def se_pa_saken(page: Page, *, status_tekst: str, hendelse: str) -> None:
    expect(h1(page)).to_have_text(NAVN)
    expect(status(page)).to_have_text(status_tekst)
    expect(siste_hendelse(page)).to_contain_text(hendelse)


def registrer_henvisning(page: Page) -> None:
    """From the participant list: a new referral from the introduction programme."""
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Deltakere").click()
    page.get_by_role("link", name="Ny henvisning").click()
    expect(h1(page)).to_have_text("Ny henvisning")
    page.get_by_label("Fornavn").fill(FORNAVN)
    page.get_by_label("Etternavn").fill(ETTERNAVN)
    page.get_by_label("Fødselsnummer eller D-nummer").fill(FODSELSNUMMER)
    page.get_by_label("Telefon").fill("912 34 567")
    page.get_by_label("Henvist av").select_option(label="Introduksjonsprogrammet")
    page.get_by_label("Henvist dato").fill("2025-04-07")
    page.get_by_label("Ønsket fagretning").select_option(label=FAGRETNING)
    page.get_by_label("Løp").select_option(label="Fagbrev på jobb")
    page.get_by_role("button", name="Registrer henvisning").click()
    expect(melding(page)).to_contain_text(f"Henvisningen av {NAVN} er registrert.")
    se_pa_saken(page, status_tekst="Henvist", hendelse=f"Henvist av Introduksjonsprogrammet til {FAGRETNING}")
    expect(page.get_by_role("region", name="Neste steg")).to_contain_text("Gjennomfør intervju og kartlegging.")
    expect(page.get_by_role("region", name="Person")).to_contain_text("120488 *****")  # masked for her too


def kartlegg(page: Page) -> None:
    page.get_by_role("link", name="Registrer kartlegging").click()
    expect(h1(page)).to_contain_text("Intervju og kartlegging")
    page.get_by_label("Intervjudato").fill("2025-04-22")
    page.get_by_label("Norsknivå muntlig").select_option("B1")
    page.get_by_label("Norsknivå skriftlig").select_option("A2")
    page.get_by_label("Kom til Norge").fill("2019-03-14")
    page.get_by_label("Motivasjon", exact=True).fill("Har vært assistent i barnehage og vil ha fagbrev.")
    kriterier = page.get_by_role("main").get_by_role("group")
    expect(kriterier).to_have_count(4)  # BUA's admission criteria, each a fieldset of three choices
    for kriterium in kriterier.all():
        kriterium.get_by_label("Oppfylt", exact=True).check()
    page.get_by_role("button", name="Lagre kartlegging").click()
    expect(melding(page)).to_contain_text("Kartleggingen er lagret.")
    se_pa_saken(
        page, status_tekst="Kartlagt", hendelse="Status: Henvist → Kartlagt. Intervju og kartlegging 22.04.2025."
    )
    kartlegging = page.get_by_role("region", name="Kartlegging")
    expect(kartlegging).to_contain_text("muntlig B1, skriftlig A2")
    expect(kartlegging).to_contain_text("Oppfylt Kan få politiattest")


def ta_opp(page: Page) -> None:
    page.get_by_role("link", name="Ta opp").click()
    expect(page.get_by_label("Tatt opp")).to_be_checked()
    page.get_by_label("Begrunnelse").fill("Oppfyller kriteriene; motivert og god norsk muntlig.")
    page.get_by_label("Dato for vedtaket").fill("2025-04-28")
    page.get_by_label("Vurdert sammen med faglærer").select_option(label="Ingrid Haugland")
    page.get_by_role("button", name="Registrer vedtak").click()
    expect(melding(page)).to_contain_text("Opptaksvedtaket er registrert.")
    se_pa_saken(page, status_tekst="Tatt opp", hendelse="Status: Kartlagt → Tatt opp.")
    expect(page.get_by_role("region", name="Opptak og inntakssamtale")).to_contain_text(
        "Tatt opp 28.04.2025 av Hanne Kristiansen og Ingrid Haugland"
    )
    # BUA: no training without a received police certificate; the button says so and why
    expect(page.get_by_role("button", name="Start opplæring")).to_be_disabled()
    expect(page.get_by_role("region", name="Neste steg")).to_contain_text("krever politiattest før praksis")


def inntakssamtale(page: Page) -> None:
    page.get_by_role("link", name="Sjekkliste").click()
    expect(h1(page)).to_contain_text("Inntakssamtale")
    page.get_by_label("Dato for inntakssamtalen").fill("2025-05-12")
    for punkt in ("Kontrakt signert", "Samtykkeerklæring signert", "Gjensidige forventninger gjennomgått"):
        page.get_by_label(punkt).check()
    page.get_by_label("Fraværsregler gjennomgått").check()
    page.get_by_label("Politiattest søkt").fill("2025-05-12")
    page.get_by_label("Politiattest mottatt").fill("2025-05-30")
    page.get_by_role("button", name="Lagre").click()
    se_pa_saken(page, status_tekst="Tatt opp", hendelse="Politiattest mottatt 30.05.2025")
    expect(page.get_by_role("region", name="Opptak og inntakssamtale")).to_contain_text(
        "✔ Politiattest mottatt 30.05.2025"
    )


def start_opplaering(page: Page) -> None:
    page.get_by_role("link", name="Start opplæring").click()
    page.get_by_label("Gjelder fra").fill("2025-06-02")
    page.get_by_label("Begrunnelse").fill(f"Starter i praksis i {ARBEIDSSTED}.")
    page.get_by_role("button", name="Endre status").click()
    se_pa_saken(
        page,
        status_tekst="I opplæring",
        hendelse=f"Status: Tatt opp → I opplæring. Starter i praksis i {ARBEIDSSTED}.",
    )


def plasser(page: Page) -> None:
    page.get_by_role("link", name="Ny plassering").click()
    expect(h1(page)).to_have_text(f"Ny praksisplassering for {NAVN}")
    page.get_by_label("Arbeidssted").select_option(label=f"{ARBEIDSGIVER} – {ARBEIDSSTED}")
    page.get_by_label("Fadder").select_option(label=f"{FADDER} ({ARBEIDSSTED})")
    page.get_by_label("Fra").fill("2025-06-02")
    page.get_by_label("Leder har bekreftet at deltakeren er ekstra person").check()
    page.get_by_role("button", name="Plasser").click()
    expect(melding(page)).to_contain_text(f"{NAVN} er plassert ved {ARBEIDSSTED}.")
    til_saken(page)
    praksis = page.get_by_role("region", name="Praksisplass")
    expect(praksis).to_contain_text(f"{ARBEIDSSTED} ({ARBEIDSGIVER})")
    expect(praksis).to_contain_text("02.06.2025–til videre")
    expect(praksis).to_contain_text(FADDER)


def laerekontrakt(page: Page) -> None:
    """Draft the contract, tick off the county's checklist, send the application, record the approval."""
    page.get_by_role("navigation", name="Sider i fagbrevløpet").get_by_role("link", name="Lærekontrakt").click()
    expect(h1(page)).to_have_text("Lærekontrakt")
    page.get_by_label("Lærebedrift").select_option(label=f"{ARBEIDSGIVER} (godkjent lærebedrift)")
    page.get_by_label("Fagansvarlig", exact=True).fill("Anne Berit Holm")
    page.get_by_label("Startdato").fill("2025-06-02")
    page.get_by_role("button", name="Opprett utkast").click()
    expect(melding(page)).to_contain_text("Lærekontrakten er opprettet som utkast")
    expect(page.get_by_role("region", name="Beregnet sluttdato")).to_contain_text("01.06.2027")

    sjekkliste = page.get_by_role("region", name="Søknad til fylket: dokumenter")
    expect(sjekkliste.get_by_role("alert")).to_contain_text("Søknaden kan ikke sendes før dette er på plass")
    for dokument in ("CV", "Referanser", "Arbeidskontrakt", "Kompetansevurdering", "Intern opplæringsplan"):
        punkt = sjekkliste.get_by_role("listitem").filter(has=page.get_by_text(dokument, exact=True))
        punkt.get_by_label("Status").select_option(label="Levert")
        punkt.get_by_role("button", name=f"Lagre {dokument}").click()
        expect(melding(page)).to_contain_text(f"{dokument}: levert.")
    expect(sjekkliste.get_by_role("alert")).to_have_count(0)

    endre = page.get_by_role("region", name="Endre status")
    for ny, dato in (("Søkt", "2025-06-09"), ("Godkjent", "2025-07-01")):
        endre.get_by_label("Ny status").select_option(label=ny)
        endre.get_by_label("Dato").fill(dato)
        endre.get_by_role("button", name="Lagre status").click()
        expect(melding(page)).to_contain_text(f"Lærekontrakten har status «{ny}».")
    kontrakt = page.get_by_role("region", name=re.compile("^Fagbrev på jobb"))
    expect(kontrakt).to_contain_text("Godkjent 01.07.2025", use_inner_text=True)
    til_saken(page)
    expect(siste_hendelse(page)).to_contain_text("Lærekontrakt: godkjent 01.07.2025")
    expect(page.get_by_role("region", name="Kontrakt, eksamen og fagprøve")).to_contain_text(
        "Fagbrev på jobb · Godkjent · Lørenskog kommune, barnehagene"
    )


def _eksamenssiden(page: Page) -> None:
    page.get_by_role("navigation", name="Sider i fagbrevløpet").get_by_role("link", name="Eksamen og fagprøve").click()
    expect(h1(page)).to_have_text("Eksamen og fagprøve")


def _endre(omrade: Locator) -> Locator:
    """Open the folded «Endre / registrer resultat» form of the (only) row in a section."""
    skjema = omrade.get_by_role("group").filter(has_text="Endre / registrer resultat")
    skjema.get_by_text("Endre / registrer resultat").click()
    return skjema


def skriftlig_eksamen(page: Page) -> None:
    """Register for the written exam in the September window, then record the pass."""
    _eksamenssiden(page)
    fagprove = page.get_by_role("region", name="Fagprøve")
    expect(fagprove).to_contain_text("Oppmelding mulig 01.10.2026–01.04.2027")
    expect(fagprove).to_contain_text("har ikke bestått tverrfaglig skriftlig eksamen")

    skriftlig = page.get_by_role("region", name="Tverrfaglig skriftlig eksamen")
    skriftlig.get_by_label("Planlagt termin").fill("høst 2026")
    skriftlig.get_by_label("Påmeldt dato").fill("2026-09-07")
    skriftlig.get_by_label("Eksamensgebyr betalt av deltakeren").check()
    skriftlig.get_by_role("button", name="Registrer påmelding").click()
    expect(melding(page)).to_contain_text("Påmelding til skriftlig eksamen (høst 2026) er registrert.")
    expect(skriftlig).to_contain_text("Påmeldt 07.09.2026 · gebyr betalt")
    expect(skriftlig).not_to_contain_text("utenfor påmeldingsvinduene")

    resultat = _endre(skriftlig)
    resultat.get_by_label("Eksamensdato").fill("2026-11-06")
    resultat.get_by_label("Resultat").select_option(label="Bestått")
    resultat.get_by_role("button", name="Lagre eksamen").click()
    expect(melding(page)).to_contain_text("Eksamen er oppdatert.")
    expect(skriftlig).to_contain_text("Bestått")
    til_saken(page)
    se_pa_saken(
        page, status_tekst="Teori bestått", hendelse="Status: I opplæring → Teori bestått. Bestått skriftlig eksamen."
    )
    expect(page.get_by_role("region", name="Kontrakt, eksamen og fagprøve")).to_contain_text(
        "Kan meldes opp til fagprøven nå."
    )


def vurderingssamtale(page: Page) -> None:
    """The semester's assessment meeting, recorded after it was held."""
    oppfolging = page.get_by_role("region", name="Oppfølging")
    expect(oppfolging).to_contain_text("Vurderingssamtale høst 2026: mangler")
    oppfolging.get_by_role("link", name="Planlegg vurderingssamtale").click()
    expect(h1(page)).to_have_text(f"Vurderingssamtale med {NAVN}")
    # her fadder comes from the placement
    expect(page.get_by_label("Fadder").locator("option:checked")).to_have_text(f"{FADDER} (fadder)")
    page.get_by_label("Planlagt dato").fill("2026-11-16")
    page.get_by_label("Holdt dato").fill("2026-11-16")
    page.get_by_label("Hvem deltok").fill(f"{FORNAVN}, {FADDER} (fadder), Ingrid Haugland, Hanne Kristiansen")
    page.get_by_label("Hvordan går det").fill("Trives og leder samlingsstunden alene.")
    page.get_by_label("Fokusområder til neste samtale").fill("Forberede fagprøven.")
    page.get_by_role("group", name="Tar initiativ").get_by_label("Meget bra").check()
    page.get_by_label("Mestrer du oppgavene? (1–10)").select_option("8")
    page.get_by_role("button", name="Lagre samtalen").click()
    expect(melding(page)).to_contain_text(f"Vurderingssamtalen for {NAVN} er lagret.")
    expect(h1(page)).to_have_text(f"Vurderingssamtale høst 2026 – {NAVN}")
    expect(page.get_by_role("main")).to_contain_text("Holdt 16.11.2026 registrert av Hanne Kristiansen")
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role("link", name=NAVN).click()
    oppfolging = page.get_by_role("region", name="Oppfølging")
    expect(oppfolging).to_contain_text("Vurderingssamtale høst 2026: holdt 16.11.2026")
    expect(siste_hendelse(page)).to_contain_text("Vurderingssamtale høst 2026 holdt 16.11.2026")


def meld_opp_fagprove(page: Page) -> None:
    """Order the fagprøve today (inside the window), with the test place and date."""
    _eksamenssiden(page)
    fagprove = page.get_by_role("region", name="Fagprøve")
    fagprove.get_by_label("Prøvested").fill(ARBEIDSSTED)
    fagprove.get_by_label("Prøvedato").fill("2027-01-13")
    fagprove.get_by_label("Fagansvarlig informert").fill("2026-11-23")
    fagprove.get_by_role("button", name="Meld opp til fagprøve").click()
    expect(melding(page)).to_contain_text("Deltakeren er meldt opp til fagprøven (forsøk 1).")
    expect(fagprove).to_contain_text(f"Oppmeldt 23.11.2026 · {ARBEIDSSTED} · prøvedato 13.01.2027")
    til_saken(page)
    se_pa_saken(page, status_tekst="Fagprøve meldt opp", hendelse="Status: Teori bestått → Fagprøve meldt opp.")
    lop = page.get_by_role("region", name="Kontrakt, eksamen og fagprøve")
    expect(lop).to_contain_text("høst 2026: Bestått")
    expect(lop).to_contain_text("Forsøk 1: meldt opp 23.11.2026, prøve 13.01.2027")


def fagprove_bestatt(page: Page) -> None:
    _eksamenssiden(page)
    fagprove = page.get_by_role("region", name="Fagprøve")
    resultat = _endre(fagprove)
    resultat.get_by_label("Resultat").select_option(label="Bestått")
    resultat.get_by_role("button", name="Lagre fagprøve").click()
    expect(melding(page)).to_contain_text("Fagprøven er oppdatert.")
    til_saken(page)
    se_pa_saken(page, status_tekst="Fullført", hendelse="Status: Fagprøve meldt opp → Fullført. Bestått fagprøve.")
    expect(page.get_by_role("region", name="Neste steg")).to_contain_text("Deltakerbevis overleveres.")


def deltakerbevis(page: Page) -> tuple[str, bytes]:
    """Make the deltakerbevis on the case page and download it; return its file name and bytes."""
    from .hjelp import last_ned

    dokumenter = page.get_by_role("region", name="Dokumenter", exact=True)
    # The server's first PDF loads WeasyPrint and the fonts (2–4 s on a busy machine): wait longer for it.
    dokumenter.get_by_role("button", name="Lag deltakerbevis").click(timeout=20_000)
    expect(melding(page)).to_contain_text("Deltakerbevis, versjon 1, er laget.", timeout=20_000)
    return last_ned(page, lambda: dokumenter.get_by_role("link", name="Deltakerbevis").click())
