"""The documents made from records: agreement, assessment minutes, meeting minutes, training plan,
and the deltakerbevis and kontrakt filled from the pathway's data. Text checked with pdftotext."""

import datetime

import time_machine

from arbeidsgivere.models import Avtale, Kontaktperson
from arbeidsgivere.tests.factories import AvtaleFactory, KontaktpersonFactory
from deltakere.models import Deltaker
from deltakere.tests.factories import InntakssamtaleFactory
from dokumenter import services
from dokumenter.models import Dokument
from lop.models import Eksamen, Fagprove, Norskprove, Opplaeringsplanpunkt, Resultat
from lop.tests.factories import EksamenFactory, KompetansemalFactory, laerekontrakt
from oppfolging.models import Mote
from oppfolging.tests.factories import MoteFactory, TiltakFactory, VurderingssamtaleFactory

from .factories import PlasseringFactory
from .pdfhjelp import flat, pdf_tekst

OSLO = datetime.timezone(datetime.timedelta(hours=1))
NAA = datetime.datetime(2027, 6, 20, 10, 0, tzinfo=OSLO)


def _tekst(dokument: Dokument) -> str:
    with dokument.fil.open("rb") as f:
        return flat(pdf_tekst(f.read()))


def _planpunkt(deltaker, mal, oppgave, *, utfort, dato, **felter):
    return Opplaeringsplanpunkt.objects.create(
        organisasjon=deltaker.organisasjon,
        deltaker=deltaker,
        kompetansemal=mal,
        oppgave=oppgave,
        utfort=utfort,
        dato=dato,
        **felter,
    )


@time_machine.travel(NAA, tick=False)
def test_deltakerbevis_lists_goals_covered_best_norwegian_per_skill_and_passed_exams(ayse, koordinator):
    mal1 = KompetansemalFactory(fagretning=ayse.fagretning, tekst="planlegge måltider for barn", rekkefolge=1)
    mal2 = KompetansemalFactory(fagretning=ayse.fagretning, tekst="veilede barn i lek", rekkefolge=2)
    mal3 = KompetansemalFactory(fagretning=ayse.fagretning, tekst="dokumentere observasjoner", rekkefolge=3)
    _planpunkt(ayse, mal1, "Lage lunsj", utfort=True, dato=datetime.date(2026, 3, 4))
    _planpunkt(ayse, mal1, "Lage frokost", utfort=True, dato=datetime.date(2026, 2, 1))
    _planpunkt(ayse, mal2, "Leke ute", utfort=True, dato=datetime.date(2026, 5, 6))
    _planpunkt(ayse, mal3, "Skrive logg", utfort=False, dato=None)
    for ferdighet, niva, dag in [("muntlig", "A2", 1), ("muntlig", "B1", 2), ("muntlig", "A2", 3), ("lesing", "B2", 4)]:
        Norskprove.objects.create(
            organisasjon=ayse.organisasjon,
            deltaker=ayse,
            ferdighet=ferdighet,
            niva=niva,
            dato=datetime.date(2026, 6, dag),
            registrert_av=koordinator,
        )
    EksamenFactory(deltaker=ayse, resultat=Resultat.BESTATT, eksamensdato=datetime.date(2026, 2, 3))
    EksamenFactory(deltaker=ayse, resultat=Resultat.IKKE_BESTATT, eksamensdato=datetime.date(2025, 9, 3))
    kontrakt = laerekontrakt(ayse)
    Fagprove.objects.create(
        organisasjon=ayse.organisasjon,
        deltaker=ayse,
        kontrakt=kontrakt,
        pameldt_dato=datetime.date(2027, 3, 1),
        provested="Solsikken barnehage",
        provedato=datetime.date(2027, 5, 12),
        resultat=Resultat.BESTATT,
    )

    tekst = _tekst(services.dokument_lag(type="deltakerbevis", deltaker=ayse, utfort_av=koordinator))

    assert "Ayşe Yılmaz Doğan" in tekst
    assert "planlegge måltider for barn 01.02.2026" in tekst  # first done date of the goal
    assert "veilede barn i lek 06.05.2026" in tekst
    assert "dokumentere observasjoner" not in tekst  # no done task
    assert "Muntlig B1 02.06.2026" in tekst  # best, not latest
    assert "Leseforståelse B2 04.06.2026" in tekst
    assert "Tverrfaglig skriftlig eksamen Bestått 03.02.2026" in tekst
    assert "03.09.2025" not in tekst  # failed attempt left out
    assert "Fagprøve (Solsikken barnehage) Bestått 12.05.2027" in tekst
    assert Eksamen.objects.count() == 2


@time_machine.travel(NAA, tick=False)
def test_kontrakt_shows_the_intake_meeting_date_and_police_certificate(ayse, koordinator):
    ayse.status = Deltaker.Status.TATT_OPP
    ayse.save()
    InntakssamtaleFactory(
        deltaker=ayse, dato=datetime.date(2025, 8, 1), politiattest_mottatt=datetime.date(2025, 8, 12)
    )
    tekst = _tekst(services.dokument_lag(type="kontrakt", deltaker=ayse, utfort_av=koordinator))
    assert "Inntakssamtale 01.08.2025" in tekst
    assert "Politiattest Mottatt 12.08.2025" in tekst


@time_machine.travel(NAA, tick=False)
def test_avtale_names_the_parties_start_pattern_and_the_roles_of_all_five(ayse, koordinator):
    plassering = PlasseringFactory(deltaker=ayse, arbeidssted__navn="Kåsa barnehage", fra=datetime.date(2025, 8, 18))
    plassering.fadder = KontaktpersonFactory(arbeidssted=plassering.arbeidssted, navn="Øystein Bråten")
    plassering.save()
    KontaktpersonFactory(arbeidssted=plassering.arbeidssted, rolle=Kontaktperson.Rolle.LEDER, navn="Şule Ćorić")
    avtale = AvtaleFactory(plassering=plassering, arbeidstid="Mandag–onsdag 08.00–15.30", status=Avtale.Status.UTKAST)

    dokument = services.dokument_lag_for_objekt(type="avtale", objekt=avtale, utfort_av=koordinator)
    tekst = _tekst(dokument)

    assert dokument.deltaker == ayse and dokument.objekt_nokkel == f"avtale:{avtale.pk}"
    assert "Avtale om deltakelse" in tekst
    # her name only: the workplace signs this, and the consent form gives it no birth date
    assert "Ayşe Yılmaz Doğan" in tekst and "09.04.1991" not in tekst
    assert "Kåsa barnehage" in tekst and "Øystein Bråten" in tekst and "Şule Ćorić" in tekst
    assert "Oppstart 18.08.2025" in tekst
    assert "Mandag–onsdag 08.00–15.30" in tekst
    for rolle in ("Deltakeren", "Fadderen", "Lederen på arbeidsplassen", "Faglæreren", "Fagbrevkoordinatoren"):
        assert rolle in tekst
    assert "ekstra person på arbeidsplassen" in tekst
    assert "delta på faddersamlinger og samarbeidsmøter" in tekst


@time_machine.travel(NAA, tick=False)
def test_vurderingsreferat_has_the_ratings_texts_and_self_evaluation(ayse, koordinator):
    samtale = VurderingssamtaleFactory(
        deltaker=ayse,
        planlagt_dato=datetime.date(2026, 11, 20),
        holdt_dato=datetime.date(2026, 11, 24),
        holder_tider="meget_bra",
        tar_initiativ="ikke_sa_bra",
        laert_deltaker="Å lage mat til tjue barn",
        selv_oppgaver=7,
        selv_norsk=5,
        selv_kommentar="Jeg vil øve mer på å skrive.",
        fokusomrader="Skriftlig norsk",
    )
    tekst = _tekst(services.dokument_lag_for_objekt(type="vurderingsreferat", objekt=samtale, utfort_av=koordinator))
    assert "Referat fra vurderingssamtale" in tekst and "Ayşe Yılmaz Doğan" in tekst
    assert "Dato 24.11.2026" in tekst
    assert "Holder tider Meget bra" in tekst and "Tar initiativ Ikke så bra" in tekst
    assert "Å lage mat til tjue barn" in tekst
    assert "Mestrer du oppgavene? 7" in tekst and "Er norsken god nok? 5" in tekst
    assert "Jeg vil øve mer på å skrive." in tekst
    assert "Skriftlig norsk" in tekst


@time_machine.travel(NAA, tick=False)
def test_motereferat_has_agenda_minutes_decisions_and_action_items_and_no_participant(
    fagretning, koordinator, faglarer
):
    mote = MoteFactory(
        fagretning=fagretning,
        dato=datetime.date(2027, 6, 10),
        agenda="Status på arbeidsplassene\nFaddersamling i høst",
        referat="Gjennomgang av alle deltakerne.",
        vedtak="Faddersamling holdes 14.09.2027.",
        andre_tilstede="Åse Ødegård (NAV)",
    )
    mote.tilstede.set([faglarer])
    TiltakFactory(
        mote=mote, ansvarlig=koordinator, beskrivelse="Booke rom på Fjellhamar", frist=datetime.date(2027, 8, 1)
    )

    dokument = services.dokument_lag_for_objekt(type="motereferat", objekt=mote, utfort_av=koordinator)
    tekst = _tekst(dokument)

    assert dokument.deltaker is None and dokument.objekt_nokkel == f"mote:{mote.pk}"
    assert "Møtereferat" in tekst and "Prosjektgruppemøte" in tekst and "Barne- og ungdomsarbeider" in tekst
    assert "10.06.2027" in tekst
    assert str(faglarer) in tekst and "Åse Ødegård (NAV)" in tekst
    assert "1. Status på arbeidsplassene" in tekst or "Status på arbeidsplassene" in tekst
    assert "Gjennomgang av alle deltakerne." in tekst and "Faddersamling holdes 14.09.2027." in tekst
    assert f"Booke rom på Fjellhamar {koordinator} 01.08.2027" in tekst


@time_machine.travel(NAA, tick=False)
def test_opplaeringsplan_is_the_table_task_done_fadder_participant_comments_date(ayse, koordinator):
    mal = KompetansemalFactory(fagretning=ayse.fagretning, tekst="planlegge måltider for barn")
    _planpunkt(
        ayse,
        mal,
        "Lage lunsj",
        utfort=True,
        dato=datetime.date(2026, 3, 4),
        fadder_vurdering="bra",
        deltaker_vurdering="meget_bra",
        kommentar="Godt gjennomført",
    )
    _planpunkt(ayse, None, "Rydde lekerommet", utfort=False, dato=None)
    tekst = _tekst(services.dokument_lag(type="opplaeringsplan", deltaker=ayse, utfort_av=koordinator))
    assert "Opplæringsplan" in tekst and "Ayşe Yılmaz Doğan" in tekst
    assert "Oppgave Utført Fadder Deltaker Kommentarer Dato" in tekst
    assert "Kompetansemål: planlegge måltider for barn" in tekst
    # pdftotext reads the wrapped comment cell before the row; the row's cells in order:
    assert "Lage lunsj Ja Bra Meget bra" in tekst
    assert "Godt gjennomført 04.03.2026" in tekst
    assert "Rydde lekerommet Nei" in tekst
    assert "1 av 2 oppgaver utført" in tekst


@time_machine.travel(NAA, tick=False)
def test_record_documents_are_versioned_with_checksums_and_never_replaced(ayse, koordinator):
    import hashlib

    mote = MoteFactory(fagretning=ayse.fagretning, type=Mote.Type.PROSJEKTGRUPPE)
    v1 = services.dokument_lag_for_objekt(type="motereferat", objekt=mote, utfort_av=koordinator)
    Mote.objects.filter(pk=mote.pk).update(referat="Endret etterpå")
    v2 = services.dokument_lag_for_objekt(type="motereferat", objekt=mote, utfort_av=koordinator)
    v1.refresh_from_db()
    assert (v1.versjon, v2.versjon) == (1, 2)
    with v1.fil.open("rb") as f:
        data = f.read()
    assert hashlib.sha256(data).hexdigest() == v1.sha256
    assert "Endret etterpå" not in flat(pdf_tekst(data))
    assert "Endret etterpå" in _tekst(v2)


@time_machine.travel(NAA, tick=False)
def test_heveskjema_is_made_by_the_coordinator_from_the_termination_and_the_contract(client, ayse, koordinator):
    """The county's cancellation form, filled from the case: the contract's case number and training
    company, the termination's date and kind of reason, never its free text."""
    from arbeidsgivere.tests.factories import ArbeidsgiverFactory
    from deltakere.models import Avbrudd

    Deltaker.objects.filter(pk=ayse.pk).update(status=Deltaker.Status.AVBRUTT)
    arbeidsgiver = ArbeidsgiverFactory(organisasjon=ayse.organisasjon, navn="Solsikken barnehage")
    laerekontrakt(ayse, arbeidsgiver=arbeidsgiver, fylke_saksnummer="24/01234", fagansvarlig="Kari Nilsen")
    Avbrudd.objects.create(
        organisasjon=ayse.organisasjon,
        deltaker=ayse,
        dato=datetime.date(2027, 5, 31),
        kategori=Avbrudd.Kategori.HELSE,
        arsak="Langvarig sykdom i familien",
        avslutningsmote=datetime.date(2027, 6, 3),
        utfort_av=koordinator,
    )
    client.force_login(koordinator)
    svar = client.post(f"/dokumenter/deltaker/{ayse.pk}/lag/heveskjema/")
    assert svar.status_code == 302
    dokument = Dokument.objects.get(type="heveskjema", deltaker=ayse)
    tekst = _tekst(dokument)
    assert "Heveskjema" in tekst and "Ayşe Yılmaz Doğan" in tekst
    assert "24/01234" in tekst and "Solsikken barnehage" in tekst and "Kari Nilsen" in tekst
    assert "31.05.2027" in tekst and "Helse" in tekst and "03.06.2027" in tekst
    assert "Langvarig sykdom" not in tekst  # the free-text reason stays in the case
    assert dokument.versjon == 1 and len(dokument.sha256) == 64


@time_machine.travel(NAA, tick=False)
def test_permisjonssoknad_applies_for_the_leave_not_yet_approved_with_its_reason(client, ayse, koordinator):
    from deltakere.models import Permisjon

    Deltaker.objects.filter(pk=ayse.pk).update(status=Deltaker.Status.PERMISJON)
    laerekontrakt(ayse, fylke_saksnummer="24/04321")
    felles = {"deltaker": ayse, "organisasjon": ayse.organisasjon}
    Permisjon.objects.create(
        **felles, fra=datetime.date(2026, 1, 5), til=datetime.date(2026, 1, 9), arsak="Sykdom", godkjent_av_fylket=True
    )
    Permisjon.objects.create(
        **felles, fra=datetime.date(2027, 7, 1), til=datetime.date(2027, 7, 30), arsak="Fødselspermisjon"
    )
    client.force_login(koordinator)
    assert client.post(f"/dokumenter/deltaker/{ayse.pk}/lag/permisjonssoknad/").status_code == 302
    tekst = _tekst(Dokument.objects.get(type="permisjonssoknad", deltaker=ayse))
    assert "Søknad om permisjon" in tekst and "24/04321" in tekst
    assert "01.07.2027 30.07.2027 30 Fødselspermisjon" in tekst  # applied for, with its reason
    assert "05.01.2026 09.01.2026 5" in tekst  # approved before, as history


@time_machine.travel(NAA, tick=False)
def test_police_certificate_letter_states_the_purpose_and_the_workplace(client, ayse, koordinator):
    Deltaker.objects.filter(pk=ayse.pk).update(status=Deltaker.Status.TATT_OPP)
    type(ayse.fagretning).objects.filter(pk=ayse.fagretning_id).update(krever_politiattest=True)
    plassering = PlasseringFactory(deltaker=ayse, fra=datetime.date(2027, 8, 15))
    client.force_login(koordinator)
    assert client.post(f"/dokumenter/deltaker/{ayse.pk}/lag/politiattest/").status_code == 302
    tekst = _tekst(Dokument.objects.get(type="politiattest", deltaker=ayse))
    assert "Bekreftelse på formål med politiattest" in tekst and "Ayşe Yılmaz Doğan" in tekst
    assert "Praksisen innebærer arbeid der det kreves politiattest" in tekst
    assert plassering.arbeidssted.navn in tekst and "15.08.2027" in tekst
