"""Innsyn: the export is complete, logged, and only coordinators of the organisation can take it."""

from __future__ import annotations

import io
import json
import zipfile
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from deltakere.models import Deltaker
from deltakere.tests.matriser import BARE_KOORDINATOR_EGEN_SAK
from fagbrev import personopplysninger
from fagbrev.models import Oppslag
from personvern.innsyn import innsyn_samle

pytestmark = pytest.mark.django_db

PROSJEKTAPPER = personopplysninger.apper()
# every field some app leaves out of the export
UTELATT = frozenset().union(*(p.utelatt for p in personopplysninger.REGISTER.values()))


@pytest.fixture(autouse=True)
def _rask_pdf(monkeypatch):
    """WeasyPrint is tested in fagbrev; here the PDF's context is what matters."""
    kontekster = []

    def falsk(template, kontekst):
        kontekster.append((template, kontekst))
        return b"%PDF-1.7 innsyn"

    monkeypatch.setattr("personvern.views.render_pdf", falsk)
    monkeypatch.setattr("dokumenter.services.render_pdf", lambda template, kontekst: b"%PDF-1.7 dokument")
    return kontekster


def _forventede_rader(deltaker: Deltaker) -> set[tuple[str, int]]:
    """Every row that refers to her, found the other way round from the collector: forward paths of
    one or two foreign keys from each project model to Deltaker, plus the plain deltaker_id logs."""
    forventet = {("deltakere.Deltaker", deltaker.pk)}
    for modell in apps.get_models():
        if modell._meta.app_label not in PROSJEKTAPPER or modell is Deltaker:
            continue
        stier = []
        for f in modell._meta.concrete_fields:
            if not f.is_relation:
                if f.name == "deltaker_id":
                    stier.append("deltaker_id")
                continue
            if f.related_model is Deltaker:
                stier.append(f.name)
            elif f.related_model._meta.app_label in PROSJEKTAPPER:
                for g in f.related_model._meta.concrete_fields:
                    if g.is_relation and g.related_model is Deltaker:
                        stier.append(f"{f.name}__{g.name}")
        for sti in stier:
            for pk in modell._default_manager.filter(**{sti: deltaker.pk}).values_list("pk", flat=True):
                forventet.add((modell._meta.label, pk))
    return forventet


def _demo_deltaker() -> Deltaker:
    """The demo coordinator's participant with the most kinds of records about her."""
    from fagbrev.models import User

    beste, flest = None, -1
    for d in Deltaker.objects.visible_to(User.objects.get(username="koordinator")):
        antall = len(innsyn_samle(deltaker=d).seksjoner)
        if antall > flest:
            beste, flest = d, antall
    return beste


def test_the_export_of_a_demo_participant_holds_every_row_that_refers_to_her(client, settings):
    from deltakere import services as deltakertjenester
    from deltakere.tests.factories import lag_pdf
    from dokumenter import services as dokumenttjenester
    from fagbrev.models import User
    from paminnelser.tests.factories import PaminnelseFactory

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    deltaker = _demo_deltaker()
    koordinator = User.objects.get(username="koordinator")
    client.force_login(koordinator)
    # Add what the demo may lack: an upload, a generated document, a reminder, a look at the case.
    opplastet = deltakertjenester.dokument_last_opp(
        deltaker=deltaker, fil=SimpleUploadedFile("cv.pdf", lag_pdf()), type="cv", utfort_av=koordinator
    )
    laget = dokumenttjenester.dokument_lag(type="kontrakt", deltaker=deltaker, utfort_av=koordinator)
    paminnelse = PaminnelseFactory(
        organisasjon=deltaker.organisasjon,
        objekt_type=ContentType.objects.get_for_model(Deltaker),
        objekt_id=deltaker.pk,
        mottaker=koordinator,
    )
    assert client.get(f"/deltakere/{deltaker.pk}/").status_code == 200
    forventet = _forventede_rader(deltaker) | {("paminnelser.Paminnelse", paminnelse.pk)}

    svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.json")

    assert svar.status_code == 200
    data = json.loads(svar.content)["data"]
    eksportert = {(label, rad["id"]) for label, del_ in data.items() for rad in del_["rader"]}
    assert forventet - eksportert == set()
    assert len({label for label, _ in forventet}) >= 10  # the demo gives her a real case file
    for label in (
        "deltakere.Deltaker",
        "deltakere.Vedlegg",
        "dokumenter.Dokument",
        "fagbrev.Hendelse",
        "fagbrev.Oppslag",
        "paminnelser.Paminnelse",
    ):
        assert label in data
    # the access log's dates and purposes are in it
    oppslag = data["fagbrev.Oppslag"]["rader"]
    assert {r["hva"] for r in oppslag} >= {"Saksside"} and all(r["tidspunkt"] for r in oppslag)
    # internal fields are left out
    assert not any(felt in rad for del_ in data.values() for rad in del_["rader"] for felt in UTELATT)
    assert data["deltakere.Deltaker"]["rader"][0]["fodselsnummer"] == deltaker.fodselsnummer
    assert {r["id"] for r in data["deltakere.Vedlegg"]["rader"]} >= {opplastet.pk}
    assert {r["id"] for r in data["dokumenter.Dokument"]["rader"]} >= {laget.pk}


def test_the_zip_holds_json_pdf_and_every_stored_file(client, koordinator, deltaker, _rask_pdf):
    from deltakere import services as deltakertjenester
    from deltakere.tests.factories import lag_pdf
    from dokumenter import services as dokumenttjenester

    innhold = lag_pdf()
    deltakertjenester.dokument_last_opp(
        deltaker=deltaker, fil=SimpleUploadedFile("../../cv Amina.pdf", innhold), type="cv", utfort_av=koordinator
    )
    dokumenttjenester.dokument_lag(type="kontrakt", deltaker=deltaker, utfort_av=koordinator)
    client.force_login(koordinator)

    svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.zip")

    assert svar.status_code == 200
    assert svar["Content-Disposition"].startswith(f'attachment; filename="innsyn-deltaker-{deltaker.pk}-')
    arkiv = zipfile.ZipFile(io.BytesIO(svar.content))
    navn = arkiv.namelist()
    assert {"innsyn.json", "innsyn.pdf"} <= set(navn)
    filer = [n for n in navn if n.startswith("filer/")]
    assert len(filer) == 2 and all(".." not in n and n.count("/") == 1 for n in filer)
    opplastet = next(n for n in filer if n.endswith("cv Amina.pdf"))
    assert arkiv.read(opplastet) == innhold
    template, kontekst = _rask_pdf[-1]
    assert template == "pdf/innsyn.html" and kontekst["deltaker"] == deltaker


def test_each_export_is_logged_with_purpose_innsynskrav(client, koordinator, deltaker):
    client.force_login(koordinator)
    for endelse in ("json", "pdf", "zip"):
        assert client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.{endelse}").status_code == 200

    logg = Oppslag.objects.filter(deltaker_id=deltaker.pk, hva=Oppslag.Hva.EKSPORT)
    assert logg.count() == 3
    assert {(o.bruker_id, o.formal) for o in logg} == {(koordinator.pk, "Innsynskrav")}


def test_the_overview_page_counts_what_the_export_holds_and_logs_nothing(client, koordinator, deltaker):
    client.force_login(koordinator)

    svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/")

    assert svar.status_code == 200
    html = svar.content.decode()
    assert html.count("<h1") == 1 and "Innsyn for Amina Yusuf" in html
    assert 'Deltakere</td><td class="text-end">1' in html
    assert not Oppslag.objects.filter(hva=Oppslag.Hva.EKSPORT).exists()


@pytest.mark.parametrize(("rolle", "forventet"), BARE_KOORDINATOR_EGEN_SAK)
@pytest.mark.parametrize("sti", ["", "innsyn.json", "innsyn.pdf", "innsyn.zip"])
def test_only_coordinators_of_the_organisation_may_take_out_innsyn(client, personer, deltaker, rolle, forventet, sti):
    client.force_login(personer[rolle])

    svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/{sti}")

    assert svar.status_code == forventet
    assert Oppslag.objects.filter(hva=Oppslag.Hva.EKSPORT).exists() == (forventet == 200 and sti != "")
    assert b"Amina" not in svar.content or forventet == 200


def test_anonymous_users_are_sent_to_login(client, deltaker):
    svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.json")
    assert svar.status_code == 302 and "/konto/logg-inn/" in svar["Location"]


def test_the_collector_finds_rows_two_steps_away_and_rows_named_by_generic_key(deltaker, koordinator):
    from arbeidsgivere.tests.factories import AvtaleFactory, PlasseringFactory

    plassering = PlasseringFactory(deltaker=deltaker)
    avtale = AvtaleFactory(plassering=plassering)

    samlet = innsyn_samle(deltaker=deltaker)

    assert [r.pk for r in samlet.seksjoner["arbeidsgivere.Avtale"][1]] == [avtale.pk]
    plassering_rad = samlet.seksjoner["arbeidsgivere.Plassering"][1][0]
    assert plassering_rad.felter["deltaker"] == {"id": deltaker.pk, "tekst": "Amina Yusuf"}


def test_the_case_page_links_coordinators_to_innsyn_and_not_teachers(client, koordinator, faglarer, deltaker):
    client.force_login(koordinator)
    assert f"/deltakere/{deltaker.pk}/innsyn/" in client.get(f"/deltakere/{deltaker.pk}/").content.decode()
    client.force_login(faglarer)
    assert f"/deltakere/{deltaker.pk}/innsyn/" not in client.get(f"/deltakere/{deltaker.pk}/").content.decode()


@pytest.mark.parametrize("antall", [1, 25])
def test_the_export_costs_the_same_number_of_queries_for_few_and_many_rows(
    client, koordinator, deltaker, antall, django_assert_max_num_queries
):
    from arbeidsgivere.tests.factories import PlasseringFactory
    from oppfolging.tests.factories import BesokFactory

    plassering = PlasseringFactory(deltaker=deltaker)
    for _ in range(antall):
        BesokFactory(deltaker=deltaker, plassering=plassering)
    client.force_login(koordinator)
    client.get("/")  # session and user loaded outside the count

    with django_assert_max_num_queries(50):
        svar = client.get(f"/deltakere/{deltaker.pk}/innsyn/innsyn.json")

    assert len(json.loads(svar.content)["data"]["oppfolging.Besok"]["rader"]) == antall


def test_the_export_holds_her_pathway_rows_from_the_lop_app(deltaker):
    """lop registers its personal data (fagbrev/personopplysninger.py), so contracts and exams are in."""
    from lop.tests.factories import EksamenFactory, laerekontrakt

    kontrakt = laerekontrakt(deltaker)
    eksamen = EksamenFactory(deltaker=deltaker)
    samlet = innsyn_samle(deltaker=deltaker)
    assert [r.pk for r in samlet.seksjoner["lop.Laerekontrakt"][1]] == [kontrakt.pk]
    assert [r.pk for r in samlet.seksjoner["lop.Eksamen"][1]] == [eksamen.pk]
