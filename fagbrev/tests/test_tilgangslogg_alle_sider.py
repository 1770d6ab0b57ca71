"""Every URL of the project, for every role: a page that shows a participant's data writes an access-log row.

The URLs are the access matrix's (`test_tilgangsmatrise.MATRISE`), and that test fails when the URL
resolver has a named pattern without a row there — so a new URL is walked here without anyone
remembering to add it. Each URL is fetched (GET) by every role. An answer counts as showing
`deltaker` when it succeeds (2xx) and

- the URL names her or one of her records (found through model metadata, `deltakere_for_rader`), or
- the body holds any of her data: her name, any part of her fødselsnummer, phone, e-mail, address,
  birth date (an uploaded file or a ZIP holds her name in its content or member names).

Such an answer must have written an `Oppslag` row for that user and her. The only pages exempt are the
overviews in `OVERSIKTER`, which list participants by name so that a user can find and open the case
(opening it is logged); the test checks that they show nothing of her but the name.

Django admin is walked the same way: the change list and a change page of every registered model.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fagbrev.models import Oppslag
from fagbrev.telefon import vis_telefon
from fagbrev.tests import test_tilgangsmatrise as matrise
from fagbrev.tests.tilgang import ROLLER, logg_inn_som
from fagbrev.tilgang import TilgangsloggAdmin, angaar_deltakere, deltakere_for_rader

MATRISE = matrise.MATRISE
objekter = matrise.objekter  # the matrix's fixture: one of every object a URL can name

# Overviews of many participants: a name and a status to find the case by, never more (checked below).
OVERSIKTER = {
    "oversikt": "min oversikt: oppgaver og frister, med navn",
    "deltakere:liste": "deltakerlisten",
    "oppfolging:oversikt": "oppfølging: hvem som skal ha besøk og samtale",
    "oppfolging:besok_ny": "besøksskjemaet: valg av deltaker",
    "moter:deltaker_ny": "et møtes liste: valg av deltaker",
    "arbeidsgivere:detalj": "arbeidsgiveren: hvem som er plassert der",
    "paminnelser:arshjul": "årshjulet: hvem som har samtale, fagprøve eller frist når",
}

TELEFON, EPOST, ADRESSE = "41234567", "amina.yusuf@eksempel.no", "Kardemommeveien 17"


class _Opptak(dict):
    """The objects a matrix row's kwargs are made from (the keys it reads)."""

    def __init__(self, kilde):
        super().__init__(kilde)
        self.lest: set[str] = set()

    def __getitem__(self, nokkel):
        self.lest.add(nokkel)
        return super().__getitem__(nokkel)


def _kjennetegn(deltaker) -> dict[str, str]:
    """What of her a page might show; each is distinct enough not to appear by chance."""
    return {
        "fødselsnummer": deltaker.fodselsnummer,
        "fødselsnummerets datodel": deltaker.fodselsnummer[:6],
        "telefon": TELEFON,
        "telefon slik den vises": vis_telefon(TELEFON),
        "e-post": EPOST,
        "adresse": ADRESSE,
        "fødselsdato": f"{deltaker.fodselsdato:%d.%m.%Y}",
    }


def _innhold(svar) -> str:
    data = b"".join(svar.streaming_content) if svar.streaming else svar.content
    return data.decode("utf-8", errors="replace").lower()


def _om_henne(alle: dict, lest: set[str], deltaker) -> bool:
    for nokkel in lest:
        objekt = alle.get(nokkel)
        if hasattr(objekt, "_meta") and deltaker.pk in deltakere_for_rader(type(objekt), [objekt.pk]):
            return True
    return False


@pytest.fixture
def alt(db, request):
    """The matrix's objects, with her details filled in, a signed scan and a finished batch ZIP."""
    objekter = request.getfixturevalue("objekter")
    from dokumenter import services as dokumenttjenester
    from dokumenter.models import Batchjobb

    deltaker = objekter["deltaker"]
    deltaker.telefon, deltaker.epost, deltaker.adresse = TELEFON, EPOST, ADRESSE
    deltaker.fodselsdato = datetime.date(1985, 7, 16)
    deltaker.save()
    from fagbrev.tests.filer import lag_pdf

    skann = SimpleUploadedFile("skann.pdf", lag_pdf(), content_type="application/pdf")
    dokumenttjenester.dokument_skann_legg_ved(
        dokument=objekter["dokument"], fil=skann, utfort_av=objekter["koordinator"]
    )
    dokumenttjenester.batchjobb_kjor(jobb_id=objekter["jobb"].pk)
    assert Batchjobb.objects.get(pk=objekter["jobb"].pk).zip_fil
    return objekter


def test_every_page_that_shows_a_participant_writes_an_access_log_row(client, alt):
    deltaker = alt["deltaker"]
    kjennetegn = _kjennetegn(deltaker)
    navn = [deltaker.etternavn.lower(), deltaker.navn.lower()]
    mangler, for_mye, viste = [], [], 0
    for url_navn in sorted(MATRISE):
        opptak = _Opptak(alt)
        url = reverse(url_navn, kwargs=MATRISE[url_navn].kwargs(opptak))
        om_henne = _om_henne(alt, opptak.lest, deltaker)
        for rolle in ROLLER:
            logg_inn_som(client, alt[rolle])
            for_ = set(Oppslag.objects.values_list("pk", flat=True))
            svar = client.get(url)
            if not 200 <= svar.status_code < 300:
                continue
            tekst = _innhold(svar)
            detaljer = [hva for hva, verdi in kjennetegn.items() if verdi.lower() in tekst]
            har_navn = any(n in tekst for n in navn)
            if url_navn in OVERSIKTER:
                if detaljer:
                    for_mye.append(f"{url_navn} ({rolle}): {', '.join(detaljer)}")
                continue
            if not (om_henne or detaljer or har_navn):
                continue
            viste += 1
            nye = Oppslag.objects.exclude(pk__in=for_).filter(bruker=alt[rolle], deltaker_id=deltaker.pk)
            if not nye.exists():
                mangler.append(f"{url_navn} ({rolle})")
    assert not mangler, f"Sider som viser deltakerens opplysninger uten å skrive i tilgangsloggen: {mangler}"
    assert not for_mye, f"Oversikter som viser mer enn navnet: {for_mye}"
    # the walk reaches the pages it should: case page, forms, pathway, follow-up, documents, scans, ZIPs
    assert viste >= 60, viste


def test_downloads_are_logged_as_documents_and_the_edit_form_as_the_full_number(client, alt):
    koordinator, deltaker = alt["koordinator"], alt["deltaker"]
    client.force_login(koordinator)
    for url in (
        reverse("deltakere:dokument", args=[alt["opplastet"].pk]),
        reverse("dokumenter:last_ned", args=[alt["dokument"].pk]),
        reverse("dokumenter:skann_last_ned", args=[alt["dokument"].pk]),
        reverse("dokumenter:jobb_zip", args=[alt["jobb"].pk]),
    ):
        Oppslag.objects.all()._raw_delete("default")
        assert client.get(url).status_code == 200
        assert list(Oppslag.objects.values_list("deltaker_id", "hva")) == [(deltaker.pk, "dokument")], url
    Oppslag.objects.all()._raw_delete("default")
    html = client.get(reverse("deltakere:endre", args=[deltaker.pk])).content.decode()
    assert deltaker.fodselsnummer in html
    assert list(Oppslag.objects.values_list("deltaker_id", "hva")) == [(deltaker.pk, "fnr_vist")]


def test_a_refused_or_redirected_request_writes_nothing(client, alt):
    client.force_login(alt["annen_faglarer"])
    assert client.get(reverse("deltakere:endre", args=[alt["deltaker"].pk])).status_code == 404
    client.force_login(alt["faglarer"])
    assert client.get(reverse("deltakere:endre", args=[alt["deltaker"].pk])).status_code == 403
    client.force_login(alt["koordinator"])
    svar = client.post(reverse("deltakere:utstyr_retur", args=[alt["utstyrslan"].pk]))
    assert svar.status_code == 302
    assert not Oppslag.objects.exists()


# --- Django admin ---------------------------------------------------------------------------------
def test_every_admin_of_participant_data_logs(client, alt):
    """Change list and change page of every registered model, as the superuser."""
    deltaker = alt["deltaker"]
    kjennetegn = _kjennetegn(deltaker)
    from fagbrev.models import Hendelse

    ikke_logget, uten_mixin, sider = [], [], 0
    client.force_login(alt["superbruker"])
    for modell, modeladmin in admin.site._registry.items():
        if modell is Oppslag:
            continue  # the access log itself: ids only
        if angaar_deltakere(modell) and not isinstance(modeladmin, TilgangsloggAdmin):
            uten_mixin.append(modell._meta.label)
        info = (modell._meta.app_label, modell._meta.model_name)
        rader = modell._default_manager.all()
        if modell is Hendelse:
            rader = rader.filter(deltaker_id=deltaker.pk)
        forste = rader.order_by("pk").first()
        urler = [reverse("admin:{}_{}_changelist".format(*info))]
        if forste is not None:
            urler.append(reverse("admin:{}_{}_change".format(*info), args=[forste.pk]))
        for url in urler:
            for_ = set(Oppslag.objects.values_list("pk", flat=True))
            svar = client.get(url)
            assert svar.status_code == 200, url
            tekst = _innhold(svar)
            viser = deltaker.etternavn.lower() in tekst or any(v.lower() in tekst for v in kjennetegn.values())
            om_henne = forste is not None and deltaker.pk in deltakere_for_rader(modell, [forste.pk])
            if not (viser or om_henne):
                continue
            sider += 1
            nye = Oppslag.objects.exclude(pk__in=for_).filter(deltaker_id=deltaker.pk, hva="admin")
            if not nye.exists():
                ikke_logget.append(url)
    assert not uten_mixin, f"Admin for modeller med deltakerdata uten TilgangsloggAdmin: {uten_mixin}"
    assert not ikke_logget, f"Adminsider som viser deltakeren uten å logge: {ikke_logget}"
    assert sider >= 20, sider
