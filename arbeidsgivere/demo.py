"""Demo data: employers, workplaces, faddere and ledere (invented)."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from deltakere import statusgrupper
from deltakere.models import Deltaker
from deltakere.services_rute import rute_bytt
from fagbrev.datoregning import samme_dag
from fagbrev.demo import Demo, lag_orgnr, seeder
from fagbrev.models import Fagretning

from .models import Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering
from .services_attest import attest_lagre

# Which tracks an employer's trade serves (by bransje), for linking and for placing participants.
BRANSJE_FAGRETNING = {
    "Barne- og ungdomsarbeiderfaget": "bua",
    "Helsearbeiderfaget": "helse",
    "Renholdsoperatørfaget": "renhold",
    "Kokkfaget": "restaurant",
    "Betongfaget": "betong",
}

KRAV = {
    "bua": (
        "Interesse for barn; erfaring fra barnehage eller SFO er en fordel.",
        "A2",
        "Tålmodig, trygg voksen, møter presist.",
    ),
    "helse": ("Grunnleggende hygiene og smittevern; vilje til turnus.", "B1", "Omsorgsfull, tåler fysisk arbeid."),
    "renhold": ("Kjenner renholdsmidler og sikkerhetsdatablad etter første uke.", "A2", "Selvstendig, nøyaktig."),
    "restaurant": ("Mattrygghet og HMS-kurs før start.", "A2", "Tåler tempo."),
    "betong": ("God fysisk helse; førerkort er en fordel.", "A2", "Kan møte kl. 07.00, følger sikkerhetsregler."),
}

ARBEIDSGIVERE = [
    # org, name, sector, trade, approved, [(workplace, address, capacity, leder, [faddere])]
    (
        "Lørenskog",
        "Lørenskog kommune, barnehagene",
        "kommunal",
        "Barne- og ungdomsarbeiderfaget",
        True,
        [
            (
                "Solsikken barnehage",
                "Solheimveien 12, 1473 Lørenskog",
                4,
                "Anne Berit Holm",
                ["Linda Sørli", "Marius Dahl"],
            ),
            ("Fjellhamar barnehage", "Fjellhamarveien 40, 1472 Fjellhamar", 2, "Trude Nilsen", ["Eva Ramstad"]),
            ("Kjenn barnehage", "Kjennveien 5, 1470 Lørenskog", 2, "Bjørn Aas", ["Siri Holt"]),
        ],
    ),
    (
        "Lørenskog",
        "Lørenskog kommune, helse og omsorg",
        "kommunal",
        "Helsearbeiderfaget",
        True,
        [
            (
                "Lørenskog sykehjem, avdeling 2",
                "Sykehjemsveien 2, 1474 Nordbyhagen",
                6,
                "Grete Olsen",
                ["Nina Berg", "Ahmed Karimi"],
            ),
            (
                "Bjørnholthagen bo- og aktivitetssenter",
                "Bjørnholtveien 10, 1470 Lørenskog",
                4,
                "Lars Vik",
                ["Hilde Sand"],
            ),
        ],
    ),
    (
        "Lørenskog",
        "Rent & Pent Renhold AS",
        "privat",
        "Renholdsoperatørfaget",
        True,
        [
            ("Rent & Pent, Lørenskog rådhus", "Festplassen 1, 1473 Lørenskog", 5, "Rune Hansen", ["Fatima Osman"]),
        ],
    ),
    (
        "Lørenskog",
        "Solvang Kafé og Catering AS",
        "privat",
        "Kokkfaget",
        False,
        [
            ("Solvang Kafé", "Storgata 3, 1470 Lørenskog", 1, "Ole Brekke", []),
        ],
    ),
    (
        "NAV Asker",
        "Betongbygg Vest AS",
        "privat",
        "Betongfaget",
        True,
        [
            (
                "Byggeplass Holmen brygge",
                "Holmensvingen 1, 1394 Nesbru",
                5,
                "Geir Fossum",
                ["Knut Lie", "Dariusz Nowak"],
            ),
            ("Byggeplass Asker sentrum", "Kirkeveien 200, 1383 Asker", 4, "Espen Rud", ["Stian Berg"]),
        ],
    ),
    (
        "NAV Asker",
        "Asker Støp og Forskaling AS",
        "privat",
        "Betongfaget",
        False,
        [
            ("Verksted Billingstad", "Billingstadsletta 9, 1396 Billingstad", 3, "Tor Ødegård", ["Jan Erik Solberg"]),
        ],
    ),
]


def _epost(navn: str, arbeidsgiver: str) -> str:
    """An invented work address: kari.nordmann@solsikken-barnehage.example.no."""

    def ascii_(tekst: str) -> str:
        return slugify(tekst.lower().replace("ø", "o").replace("æ", "ae"))

    return f"{ascii_(navn).replace('-', '.')}@{ascii_(arbeidsgiver)}.example.no"


def _kontaktperson(demo, org, sted, navn: str, rolle: str, arbeidsgiver: str, **felter) -> Kontaktperson:
    """A leder or a fadder at a workplace, with an invented phone number (a leder's starts with 9, a
    fadder's with 4) and work address."""
    person, _ = Kontaktperson.objects.get_or_create(
        arbeidssted=sted,
        navn=navn,
        rolle=rolle,
        defaults={
            "organisasjon": org,
            "telefon": f"{9 if rolle == Kontaktperson.Rolle.LEDER else 4}{demo.rng.randrange(10**7):07d}",
            "epost": _epost(navn, arbeidsgiver),
            **felter,
        },
    )
    return person


@seeder(rekkefolge=20)
def seed(demo: Demo) -> None:
    steder = demo.extra.setdefault("arbeidssteder", {})
    faddere = demo.extra.setdefault("faddere", {})
    for orgkort, navn, sektor, bransje, godkjent, stedliste in ARBEIDSGIVERE:
        org = demo.org[orgkort]
        arbeidsgiver = Arbeidsgiver.objects.filter(organisasjon=org, navn=navn).first()
        if arbeidsgiver is None:
            arbeidsgiver = Arbeidsgiver.objects.create(
                organisasjon=org,
                navn=navn,
                orgnr=lag_orgnr(demo.rng),
                sektor=sektor,
                bransje=bransje,
                godkjent_laerebedrift=godkjent,
            )
        nokkel = BRANSJE_FAGRETNING.get(bransje)
        if nokkel in demo.fagretninger and not arbeidsgiver.fagretninger.exists():
            koordinator = demo.koordinator(org.pk)
            faglig, niva, personlig = KRAV[nokkel]
            arbeidsgiver.fagretninger.add(demo.fagretninger[nokkel])
            arbeidsgiver.kontaktperson_kommune = koordinator
            arbeidsgiver.krav_faglig, arbeidsgiver.krav_norskniva, arbeidsgiver.krav_personlig = faglig, niva, personlig
            if godkjent:
                arbeidsgiver.godkjent_laerefag = bransje
                arbeidsgiver.godkjent_fra = datetime.date(2012 + len(navn) % 9, 1 + len(navn) % 12, 1)
            arbeidsgiver.save()
        for stednavn, adresse, kapasitet, leder, fadderliste in stedliste:
            sted, _ = Arbeidssted.objects.get_or_create(
                arbeidsgiver=arbeidsgiver,
                navn=stednavn,
                defaults={"organisasjon": org, "adresse": adresse, "kapasitet": kapasitet},
            )
            steder.setdefault(orgkort, []).append(sted)
            _kontaktperson(demo, org, sted, leder, Kontaktperson.Rolle.LEDER, navn, har_fagbrev=False)
            for fnavn in fadderliste:
                fadder = _kontaktperson(
                    demo,
                    org,
                    sted,
                    fnavn,
                    Kontaktperson.Rolle.FADDER,
                    navn,
                    har_fagbrev=len(fnavn) % 5 != 0,
                    faddersamlinger=len(fnavn) % 4,
                )
                faddere.setdefault(sted.pk, []).append(fadder)


# --- placements, agreements and evaluations (runs after the participants exist) -------------------

SLUTTEVALUERINGER = [
    # (track key, egnet, kommune bra/bedre, deltaker bra/bedre, arbeidsgiver bra/bedre, improvement points)
    (
        "bua",
        True,
        ("Fast fadder med fagbrev hele perioden.", "Faddersamlingene ble sjelden prioritert."),
        ("Jeg fikk ansvar for samlingsstund.", "Mer tid til å snakke med fadderen."),
        ("Deltakeren var stabil og tok initiativ.", "Fraværsmelding må komme før kl. 07.30."),
        "Sett av fast tid til fadder og deltaker hver uke.",
    ),
    (
        "restaurant",
        False,
        ("Godt miljø på kjøkkenet.", "Ingen fast fadder; mange vikarer."),
        ("Jeg lærte mye om mattrygghet.", "Jeg var ofte alene på kveldsvakt."),
        ("Deltakeren var arbeidsom.", "Vi hadde for lite tid til opplæring."),
        "Må ha fast fadder og dagvakter før vi bruker stedet igjen.",
    ),
]


def _steder_for(organisasjon, nokkel: str) -> list[Arbeidssted]:
    bransjer = [b for b, n in BRANSJE_FAGRETNING.items() if n == nokkel]
    return list(
        Arbeidssted.objects.filter(organisasjon=organisasjon, arbeidsgiver__bransje__in=bransjer)
        .prefetch_related("kontaktpersoner")
        .order_by("arbeidsgiver__navn", "navn")
    )


def _med_rolle(sted: Arbeidssted, rolle: str) -> list[Kontaktperson]:
    """The workplace's contact persons in the role, by name (from `_steder_for`'s prefetch)."""
    return [k for k in sted.kontaktpersoner.all() if k.rolle == rolle]


def _forste(sted: Arbeidssted, rolle: str) -> Kontaktperson | None:
    return next(iter(_med_rolle(sted, rolle)), None)


def _avtale(plassering: Plassering, status: str, koordinator) -> Avtale:
    signert = status in (Avtale.Status.SIGNERT, Avtale.Status.AVSLUTTET)
    leder = _forste(plassering.arbeidssted, Kontaktperson.Rolle.LEDER)
    dag = plassering.fra - datetime.timedelta(days=5)
    return Avtale.objects.create(
        organisasjon_id=plassering.organisasjon_id,
        plassering=plassering,
        status=status,
        oppstart=plassering.fra,
        arbeidstid="3 dager i uken, 08.00–15.30; undervisning på torsdager",
        forventninger="Deltakeren møter presist og tar ansvar for egen læring. Arbeidsstedet gir oppgaver "
        "som passer til månedens tema fra faglæreren.",
        roller="Fadder følger opp i hverdagen; leder sørger for at deltakeren er ekstra person; "
        "koordinator er kontakt ved problemer.",
        fravaersregler="Fravær meldes til leder og koordinator før arbeidstid samme dag. Oppmøte minst 80 %.",
        signert_deltaker=dag if signert else None,
        signert_arbeidssted=dag if signert else None,
        signert_arbeidssted_navn=leder.navn if signert and leder else "",
        signert_kommune=dag if signert else None,
        signert_kommune_av=koordinator if signert else None,
        avsluttet=plassering.til if status == Avtale.Status.AVSLUTTET else None,
    )


@seeder(rekkefolge=40)
def seed_plasseringer(demo: Demo) -> None:
    """Placements for the active demo participants, at a workplace of their organisation whose trade
    matches the track, with a fadder, a participation agreement, and a few earlier placements with
    final evaluations.

    Demo rows are written directly (like the employers above), so this runs whether or not the
    participants' police certificates are recorded; the rule itself lives in services.
    """

    aktive = statusgrupper.AKTIV
    deltakere = list(
        Deltaker.objects.filter(status__in=[*aktive, Deltaker.Status.FULLFORT])
        .select_related("fagretning", "kull")
        .order_by("organisasjon_id", "fagretning_id", "pk")
    )
    teller: dict[tuple, int] = {}
    belegg: dict[int, int] = {}
    for sted_id in Plassering.objects.filter(til__isnull=True).values_list("arbeidssted_id", flat=True):
        belegg[sted_id] = belegg.get(sted_id, 0) + 1
    evalueringer = {
        e[0]: e
        for e in SLUTTEVALUERINGER
        if e[0] in demo.fagretninger
        and not Evaluering.objects.filter(plassering__deltaker__fagretning=demo.fagretninger[e[0]]).exists()
    }
    for deltaker in deltakere:
        if Plassering.objects.filter(deltaker=deltaker).exists():
            continue
        nokkel = next((n for n, f in demo.fagretninger.items() if f.pk == deltaker.fagretning_id), None)
        steder = _steder_for(deltaker.organisasjon, nokkel) if nokkel else []
        if not steder:
            continue
        koordinator = demo.koordinator(deltaker.organisasjon_id)
        nr = teller.get((deltaker.organisasjon_id, nokkel), 0)
        teller[(deltaker.organisasjon_id, nokkel)] = nr + 1
        # The workplace with most room left (placements per capacity), so no place is overfilled.
        sted = min(steder, key=lambda st: (belegg.get(st.pk, 0) / max(st.kapasitet, 1), st.navn))
        faddere = _med_rolle(sted, Kontaktperson.Rolle.FADDER)
        if deltaker.kull:
            start = deltaker.kull.oppstart
        elif deltaker.fagretning.avsluttet:
            start = deltaker.fagretning.avsluttet - datetime.timedelta(days=400)
        else:
            start = demo.idag - datetime.timedelta(days=200)
        ferdig = deltaker.status == Deltaker.Status.FULLFORT
        evaluer = nokkel in evalueringer and (ferdig or nr == 0)
        if ferdig and not evaluer:
            continue
        if evaluer:
            # An earlier placement, ended and evaluated: the history on the employer page.
            tidligere_sted = steder[-1] if nokkel == "bua" else sted
            slutt = start + datetime.timedelta(days=120)
            tidligere = Plassering.objects.create(
                organisasjon_id=deltaker.organisasjon_id,
                deltaker=deltaker,
                arbeidssted=tidligere_sted,
                fadder=_forste(tidligere_sted, Kontaktperson.Rolle.FADDER),
                fra=start,
                til=slutt,
                dager_per_uke=3,
                ekstra_person_bekreftet=True,
            )
            _avtale(tidligere, Avtale.Status.AVSLUTTET, koordinator)
            _, egnet, kommune, deltaker_syn, arbeidsgiver_syn, punkter = evalueringer.pop(nokkel)
            Evaluering.objects.create(
                organisasjon_id=deltaker.organisasjon_id,
                plassering=tidligere,
                dato=slutt,
                kommune_bra=kommune[0],
                kommune_forbedre=kommune[1],
                deltaker_bra=deltaker_syn[0],
                deltaker_forbedre=deltaker_syn[1],
                arbeidsgiver_bra=arbeidsgiver_syn[0],
                arbeidsgiver_forbedre=arbeidsgiver_syn[1],
                egnet=egnet,
                forbedringspunkter=punkter,
                registrert_av=koordinator,
            )
            if ferdig:
                continue
            start = slutt + datetime.timedelta(days=1)
        belegg[sted.pk] = belegg.get(sted.pk, 0) + 1
        plassering = Plassering.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            arbeidssted=sted,
            fadder=faddere[nr % len(faddere)] if faddere else None,
            fra=start,
            dager_per_uke=3,
            timer_per_uke=22.5,
            ekstra_person_bekreftet=nr % 5 != 3,
        )
        status = (
            Avtale.Status.UTKAST
            if nr % 7 == 4
            else Avtale.Status.TIL_SIGNERING
            if nr % 7 == 5
            else Avtale.Status.SIGNERT
        )
        _avtale(plassering, status, koordinator)


# --- NAV Asker: paid work and the switch to Fagbrev på jobb; the reference at termination --------------


@seeder(rekkefolge=75)
def seed_asker_arbeid(demo: Demo) -> None:
    """After the history: one Asker praksiskandidat has been in paid work for over a year (so the
    reminder «Vurder bytte til fagbrev på jobb» is in her coordinator's bell after the scan), one has
    switched already (the track's history on her case), and the first terminated Asker case has its
    placement and the workplace reference ordered at the termination."""
    koordinator = demo.brukere["koordinator.asker"]
    asker = Deltaker.objects.filter(organisasjon=demo.org["NAV Asker"]).select_related("kull").order_by("pk")
    kandidater = list(asker.filter(status=Deltaker.Status.I_OPPLAERING, rute=Fagretning.Rute.PRAKSISKANDIDAT)[:2])
    if len(kandidater) == 2 and not Plassering.objects.filter(deltaker__in=kandidater, lonnet=True).exists():
        for deltaker in kandidater:
            fra = samme_dag(demo.idag, maneder=-14)
            Plassering.objects.filter(deltaker=deltaker, til__isnull=True, fra__gt=fra).update(fra=fra)
            Plassering.objects.filter(deltaker=deltaker, til__isnull=True).update(lonnet=True)
        byttet = kandidater[1]
        rute_bytt(
            deltaker=byttet,
            til=Fagretning.Rute.FAGBREV_PA_JOBB,
            dato=max(byttet.henvist_dato or demo.idag, demo.idag - datetime.timedelta(days=30)),
            begrunnelse="Fast ansatt i betongfirmaet i over ett år; arbeidsgiveren vil ta ham inn som "
            "Fagbrev på jobb-kandidat.",
            utfort_av=koordinator,
        )
    avbrutt = asker.filter(status=Deltaker.Status.AVBRUTT).select_related("avbrudd").first()
    if avbrutt is None or Plassering.objects.filter(deltaker=avbrutt).exists():
        return
    sted = _steder_for(avbrutt.organisasjon, "betong")[0]
    slutt = avbrutt.avbrudd.dato
    plassering = Plassering.objects.create(
        organisasjon_id=avbrutt.organisasjon_id,
        deltaker=avbrutt,
        arbeidssted=sted,
        fadder=_forste(sted, Kontaktperson.Rolle.FADDER),
        fra=min(avbrutt.kull.oppstart if avbrutt.kull else slutt, slutt),
        til=slutt,
        dager_per_uke=4,
        ekstra_person_bekreftet=True,
    )
    attest_lagre(
        plassering=plassering,
        utfort_av=koordinator,
        leder=_forste(sted, Kontaktperson.Rolle.LEDER),
        arbeidsoppgaver="Forskaling og armering av dekker og vegger, støping og etterbehandling av betong, "
        "rigging og rydding av byggeplassen.",
        oppmote="Stabilt oppmøte; ga alltid beskjed ved fravær.",
        uttalelse=f"{avbrutt.fornavn} har vært en punktlig og lærevillig medarbeider som fulgte sikkerhetsreglene og "
        "samarbeidet godt med laget. Vi gir våre beste anbefalinger.",
    )
