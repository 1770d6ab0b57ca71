"""Every PDF the product makes is tagged PDF/UA (fagbrev/pdf.py): each registered document type made
from factory data, and the other PDFs (innsyn, the steering group's report and annual report, the
signature page), read back with pikepdf as an assistive technology would find them: marked, with a
structure tree whose headings go down one level at a time and whose table cells name their headers,
the language, a title shown as the window title, and the PDF/UA identification in the XMP metadata.

The test also collects which templates in templates/pdf/ were rendered, so a new PDF template that
no test here renders fails it.
"""

from __future__ import annotations

import datetime
import io
import itertools

import pikepdf
import pytest
import time_machine
from django.conf import settings
from django.test.signals import template_rendered
from django.urls import reverse

from arbeidsgivere.models import Arbeidsattest, Kontaktperson
from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory
from deltakere.models import Avbrudd, Deltaker
from dokumenter import services
from dokumenter.tests.factories import PlasseringFactory
from fagbrev.dokumenttyper import DELTAKERDOKUMENTER, OBJEKTDOKUMENTER
from fagbrev.pdf import pdf_legg_til_sider, render_html_til_pdf, render_pdf
from lop.tests.factories import laerekontrakt
from medvirkning.services_signering import signaturside_kontekst
from oppfolging.tests.factories import MoteFactory, TiltakFactory, VurderingssamtaleFactory
from styring.tests.factories import KostnadFactory

OSLO = datetime.timezone(datetime.timedelta(hours=1))
NAA = datetime.datetime(2027, 3, 10, 10, 0, tzinfo=OSLO)
pytestmark = pytest.mark.django_db


def _elementer(element, dybde=0):
    """The structure elements under `element` in reading order, as (structure type, element)."""
    barn = element.get("/K")
    if barn is None:
        return
    for kid in barn if isinstance(barn, pikepdf.Array) else [barn]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield str(kid.S), kid
            yield from _elementer(kid, dybde + 1)


def sjekk_pdfua(data: bytes) -> list[str]:
    """What a PDF/UA reader misses in this PDF (empty when nothing)."""
    feil = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        rot = pdf.Root
        if not (rot.get("/MarkInfo") and bool(rot.MarkInfo.get("/Marked"))):
            feil.append("ikke /MarkInfo /Marked true")
        if str(rot.get("/Lang", "")) != "nb":
            feil.append(f"/Lang er {rot.get('/Lang')!r}")
        tittel = str(pdf.docinfo.get("/Title", "")).strip()
        if not tittel:
            feil.append("ingen tittel")
        if not (rot.get("/ViewerPreferences") and bool(rot.ViewerPreferences.get("/DisplayDocTitle"))):
            feil.append("tittelen vises ikke (DisplayDocTitle)")
        xmp = rot.Metadata.read_bytes().decode() if "/Metadata" in rot else ""
        if 'pdfuaid:part="1"' not in xmp or tittel not in xmp:
            feil.append("XMP mangler PDF/UA-identifikasjonen eller tittelen")
        if "/StructTreeRoot" not in rot:
            return [*feil, "ingen /StructTreeRoot"]
        elementer = list(_elementer(rot.StructTreeRoot))
        sider = {e.Pg.objgen for _, e in elementer if "/Pg" in e}
        if any(side.objgen not in sider for side in pdf.pages):
            feil.append("en side uten strukturelementer")
        foreldre = rot.StructTreeRoot.ParentTree.Nums
        if sorted(int(foreldre[i]) for i in range(0, len(foreldre), 2)) != sorted(
            {int(foreldre[i]) for i in range(0, len(foreldre), 2)}
        ) or any(int(side.obj.get("/StructParents", -1)) < 0 for side in pdf.pages):
            feil.append("sidene deler nøkkel i parent tree eller mangler /StructParents")
        typer = [s for s, _ in elementer]
        if len(typer) < 5 or "/Document" not in typer or "/P" not in typer:
            feil.append(f"nesten tomt strukturtre: {typer[:10]}")
        overskrifter = [int(s[2]) for s in typer if s in {f"/H{n}" for n in range(1, 7)}]
        if not overskrifter or overskrifter[0] != 1:
            feil.append(f"overskriftene begynner ikke med H1: {overskrifter}")
        for forrige, neste in itertools.pairwise(overskrifter):
            if neste > forrige + 1:
                feil.append(f"overskriftene hopper fra H{forrige} til H{neste}")
        for s, tabell in elementer:
            if s != "/Table":
                continue
            celler = [(t, e) for t, e in _elementer(tabell) if t in ("/TH", "/TD")]
            if any(t == "/TH" for t, _ in celler):
                uten = [e for t, e in celler if t == "/TD" and not len(e.get("/A", {}).get("/Headers", []))]
                if uten:
                    feil.append(f"{len(uten)} tabellceller uten overskrift")
        for s, rad in elementer:
            celler = [(t, e) for t, e in _elementer(rad) if t in ("/TH", "/TD")] if s == "/TR" else []
            radoverskrifter = {str(e.ID) for t, e in celler if t == "/TH" and "/ID" in e}
            if radoverskrifter and any(t == "/TD" for t, _ in celler):
                for t, e in celler:
                    if t == "/TD" and not radoverskrifter & {str(h) for h in e.get("/A", {}).get("/Headers", [])}:
                        feil.append("en rad med overskrift (th scope=row) som cellene ikke peker på")
        for s, figur in elementer:
            if s == "/Figure" and not str(figur.get("/Alt", "")).strip():
                feil.append("figur uten alternativ tekst")
    return feil


def test_the_check_finds_an_untagged_pdf_and_a_row_header_without_scope(monkeypatch):
    side = (
        '<html lang="nb"><head><title>Prøve</title></head><body><h1>Prøve</h1><p>Tekst</p>'
        "<table><tr><th>Navn</th><td>Ayşe</td></tr></table></body></html>"
    )
    med_scope = side.replace("<th>", '<th scope="row">')
    assert sjekk_pdfua(render_html_til_pdf(med_scope)[0]) == []
    assert "en rad med overskrift (th scope=row) som cellene ikke peker på" in sjekk_pdfua(render_html_til_pdf(side)[0])
    # pages appended by a plain copy have no structure; appended with their tree they have
    en = render_html_til_pdf(med_scope)[0]
    ut = io.BytesIO()
    with pikepdf.open(io.BytesIO(en)) as pdf, pikepdf.open(io.BytesIO(en)) as tillegg:
        pdf.pages.extend(tillegg.pages)
        pdf.save(ut)
    assert "en side uten strukturelementer" in sjekk_pdfua(ut.getvalue())
    assert sjekk_pdfua(pdf_legg_til_sider(en, en)) == []
    monkeypatch.setattr("fagbrev.pdf.PDF_VARIANT", None)
    assert "ingen /StructTreeRoot" in sjekk_pdfua(render_html_til_pdf(med_scope)[0])


@pytest.fixture
def maler():
    """The templates in templates/pdf/ rendered during the test."""
    brukt: set[str] = set()

    def merk(sender, template, **kwargs):
        if template.name and template.name.startswith("pdf/"):
            brukt.add(template.name)

    template_rendered.connect(merk, dispatch_uid="pdf_ua_maler")
    yield brukt
    template_rendered.disconnect(dispatch_uid="pdf_ua_maler")


def _objekter(deltaker, plassering, faglarer, koordinator) -> dict:
    """One record per registered record-document type, made from factories."""
    samtale = VurderingssamtaleFactory(
        deltaker=deltaker, planlagt_dato=datetime.date(2026, 11, 20), holdt_dato=datetime.date(2026, 11, 24)
    )
    mote = MoteFactory(fagretning=deltaker.fagretning, dato=datetime.date(2027, 2, 10), agenda="Status\nFadderne")
    mote.tilstede.set([faglarer])
    TiltakFactory(mote=mote, ansvarlig=koordinator, beskrivelse="Booke rom", frist=datetime.date(2027, 4, 1))
    return {
        "avtale": AvtaleFactory(plassering=plassering, arbeidstid="Mandag–onsdag 08.00–15.30"),
        "vurderingsreferat": samtale,
        "motereferat": mote,
        "arbeidsattest": Arbeidsattest.objects.create(
            organisasjon=deltaker.organisasjon,
            plassering=plassering,
            leder=KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle=Kontaktperson.Rolle.LEDER),
            arbeidsoppgaver="Rydding, bordoppsett og måltider",
            oppmote="Stabilt oppmøte",
            uttalelse="Punktlig og lærevillig.",
            registrert_av=koordinator,
        ),
    }


@time_machine.travel(NAA, tick=False)
def test_every_pdf_is_tagged_pdf_ua(client, deltaker, faglarer, koordinator, maler):
    plassering = PlasseringFactory(deltaker=deltaker, fra=datetime.date(2025, 8, 18))
    plassering.fadder = KontaktpersonFactory(arbeidssted=plassering.arbeidssted, navn="Øystein Bråten")
    plassering.save()
    laerekontrakt(deltaker, start=datetime.date(2025, 8, 1), status="godkjent")
    avbrudd = {"dato": datetime.date(2027, 3, 1), "kategori": Avbrudd.Kategori.JOBB, "arsak": "Fast jobb"}
    Avbrudd.objects.create(organisasjon=deltaker.organisasjon, deltaker=deltaker, utfort_av=koordinator, **avbrudd)
    KostnadFactory(organisasjon=deltaker.organisasjon, fagretning=deltaker.fagretning, semester="2027V")
    pdfer: dict[str, bytes] = {}

    for type, definisjon in DELTAKERDOKUMENTER.items():
        Deltaker.objects.filter(pk=deltaker.pk).update(status=definisjon.statuser[0])
        deltaker.refresh_from_db()
        dokument = services.dokument_lag(type=type, deltaker=deltaker, utfort_av=koordinator)
        pdfer[type] = dokument.fil.read()
    objekter = _objekter(deltaker, plassering, faglarer, koordinator)
    assert set(objekter) == set(OBJEKTDOKUMENTER), "a new record document: add a record for it here"
    for type, objekt in objekter.items():
        dokument = services.dokument_lag_for_objekt(type=type, objekt=objekt, utfort_av=koordinator)
        pdfer[type] = dokument.fil.read()
        if type == "avtale":
            kontekst = signaturside_kontekst(avtale=objekt, dokument=dokument)
            pdfer["signaturside"] = render_pdf("pdf/signaturside.html", kontekst)
            # the signed copy: the agreement with the signature page appended, one structure tree
            pdfer["signert"] = pdf_legg_til_sider(pdfer["avtale"], pdfer["signaturside"])

    client.force_login(koordinator)
    for navn, url in [
        ("innsyn", reverse("personvern:innsyn_pdf", args=[deltaker.pk])),
        ("styringsgruppe", reverse("rapporter:styringsgruppe_pdf") + "?semester=2027V"),
        ("arsrapport", reverse("rapporter:arsrapport_pdf") + "?ar=2026"),
    ]:
        svar = client.get(url)
        assert svar.status_code == 200, navn
        pdfer[navn] = b"".join(svar.streaming_content) if svar.streaming else svar.content

    feil = {navn: f for navn, data in pdfer.items() if (f := sjekk_pdfua(data))}
    assert feil == {}
    alle = {f"pdf/{p.name}" for p in (settings.BASE_DIR / "templates" / "pdf").glob("*.html")} - {"pdf/base.html"}
    assert alle - maler == set(), "a PDF template no test here renders"
