"""Demo data: Lørenskog's information and recruitment meetings over the last months and the coming weeks,
with participants who came (and one who did not) and partners from NAV and employers; a start-up meeting
for every placement that began more than two months ago (the newer ones are left for the reminder).
Dates relative to the day the demo is loaded; what has happened is never after it. All invented;
idempotent (nothing is added when the organisation has meetings)."""

from __future__ import annotations

import datetime

from arbeidsgivere.models import Kontaktperson, Plassering
from deltakere.models import Deltaker
from fagbrev.demo import Demo, seeder

from .models import Deltakelse, Ekstern, Mote, Oppstartsmote
from .regler import OPPSTARTSMOTE_SENEST

A = Mote.Art
dag = datetime.timedelta(days=1)

# (days from today, hour, kind, track, place, [(participant, came)], [(name, role, phone, came)], note)
MOTER = [
    (
        -150,
        10,
        A.INFORMASJONSMOTE,
        "bua",
        "Lørenskog hus, møterom Fjellhamar",
        [("Rahel", True), ("Parwana", True), ("Asli", True), ("Khadija", False)],
        [("Kari Nilsen", "NAV-veileder", "91234567", True), ("Per Olsen", "Arbeidsgiver", "", True)],
        "Presentasjon av løpet mot barne- og ungdomsarbeiderfaget; mange spørsmål om norsknivå og praksis.",
    ),
    (
        -75,
        9,
        A.PRESENTASJON,
        None,
        "NAV Lørenskog, avdelingsmøte",
        [],
        [("Ingrid Berg", "NAV-veileder", "92345678", True), ("Ola Hansen", "NAV-veileder", "", True)],
        "Fagbrevløpene presentert for veilederne: målgruppe, henvisning og opptak.",
    ),
    (
        -30,
        12,
        A.INTERVJU,
        "helse",
        "Lørenskog hus, møterom Rasta",
        [("Aziza", True), ("Esther", True), ("Iryna", False)],
        [],
        "Intervju og kartlegging før opptak.",
    ),
    (
        9,
        10,
        A.INFORMASJONSMOTE,
        "helse",
        "Lørenskog bibliotek, scenen",
        [("Aziza", False), ("Esther", False)],
        [("Ahmed Rashid", "Programrådgiver (introduksjonsprogrammet)", "93456789", False)],
        "",
    ),
    (
        23,
        13,
        A.REKRUTTERINGSMOTE,
        None,
        "Voksenopplæringen, aula",
        [],
        [],
        "Åpent møte for deltakere i norskopplæringen.",
    ),
]


@seeder(rekkefolge=95)
def seed(demo: Demo) -> None:
    org = demo.org["Lørenskog"]
    koordinator = demo.brukere["koordinator"]
    if not Mote.objects.filter(organisasjon=org).exists():
        deltakere = {d.fornavn: d for d in Deltaker.objects.filter(organisasjon=org)}
        for dager, time, art, spor, sted, folk, eksterne, notat in MOTER:
            mote = Mote.objects.create(
                organisasjon=org,
                art=art,
                dato=demo.idag + dager * dag,
                klokken=datetime.time(time),
                sted=sted,
                fagretning=demo.fagretninger[spor] if spor else None,
                arrangor=koordinator,
                notat=notat,
                registrert_av=koordinator,
            )
            Deltakelse.objects.bulk_create(
                Deltakelse(organisasjon=org, mote=mote, deltaker=deltakere[fornavn], mott=mott)
                for fornavn, mott in folk
                if fornavn in deltakere
            )
            Ekstern.objects.bulk_create(
                Ekstern(organisasjon=org, mote=mote, navn=navn, rolle=rolle, telefon=telefon, mott=mott)
                for navn, rolle, telefon, mott in eksterne
            )
    _oppstartsmoter(demo, koordinator)


def _oppstartsmoter(demo: Demo, koordinator) -> None:
    """A start-up meeting a few days before each Lørenskog placement that began more than the reminder's
    window ago."""
    grense = demo.idag - OPPSTARTSMOTE_SENEST * dag
    ledere = {
        k.arbeidssted_id: k for k in Kontaktperson.objects.filter(rolle=Kontaktperson.Rolle.LEDER).order_by("-pk")
    }
    rader = []
    for p in Plassering.objects.filter(
        organisasjon=demo.org["Lørenskog"], fra__lte=grense, oppstartsmote__isnull=True
    ).select_related("deltaker"):
        leder = ledere.get(p.arbeidssted_id)
        rader.append(
            Oppstartsmote(
                organisasjon_id=p.organisasjon_id,
                plassering=p,
                dato=p.fra - 3 * dag,
                koordinator=koordinator,
                leder=leder,
                leder_navn="" if leder else "Styrer (ikke registrert)",
                forventninger="Møter presis, sier fra ved fravær før kl. 8. Arbeidsplassen gir varierte oppgaver.",
                roller="Fadder følger opp i hverdagen; faglærer besøker; koordinator holder kontakt med leder.",
                oppstartsdato=p.fra,
                avtale_signert=True,
                registrert_av=koordinator,
            )
        )
    for mote in Oppstartsmote.objects.bulk_create(rader):  # registered the day of the meeting, not the load
        Oppstartsmote.objects.filter(pk=mote.pk).update(
            opprettet=datetime.datetime.combine(mote.dato, datetime.time(11), tzinfo=datetime.UTC)
        )
