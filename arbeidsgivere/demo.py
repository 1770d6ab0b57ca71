"""Demo data: employers, workplaces, faddere and ledere (invented)."""

from __future__ import annotations

from fagbrev.demo import Demo, lag_orgnr

from .models import Arbeidsgiver, Arbeidssted, Kontaktperson

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
                3,
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
                3,
                "Grete Olsen",
                ["Nina Berg", "Ahmed Karimi"],
            ),
            (
                "Bjørnholthagen bo- og aktivitetssenter",
                "Bjørnholtveien 10, 1470 Lørenskog",
                2,
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
            ("Rent & Pent, Lørenskog rådhus", "Festplassen 1, 1473 Lørenskog", 2, "Rune Hansen", ["Fatima Osman"]),
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
        for stednavn, adresse, kapasitet, leder, fadderliste in stedliste:
            sted, _ = Arbeidssted.objects.get_or_create(
                arbeidsgiver=arbeidsgiver,
                navn=stednavn,
                defaults={"organisasjon": org, "adresse": adresse, "kapasitet": kapasitet},
            )
            steder.setdefault(orgkort, []).append(sted)
            Kontaktperson.objects.get_or_create(
                arbeidssted=sted,
                navn=leder,
                rolle=Kontaktperson.Rolle.LEDER,
                defaults={"organisasjon": org, "telefon": f"9{demo.rng.randrange(10**7):07d}", "har_fagbrev": False},
            )
            for fnavn in fadderliste:
                fadder, _ = Kontaktperson.objects.get_or_create(
                    arbeidssted=sted,
                    navn=fnavn,
                    rolle=Kontaktperson.Rolle.FADDER,
                    defaults={"organisasjon": org, "telefon": f"4{demo.rng.randrange(10**7):07d}", "har_fagbrev": True},
                )
                faddere.setdefault(sted.pk, []).append(fadder)
