"""Demo data: participants in varied stages (invented names, valid invented identifiers)."""

from __future__ import annotations

import datetime

from fagbrev.demo import Demo, lag_fodselsnummer

from .models import Deltaker, Inntakssamtale, Opptakskriterium, Statusendring, Utfall
from .services import deltaker_registrer, utfall_registrer

S = Deltaker.Status

# (first name, last name, track key, cohort year offset or None, status, teacher username)
LORENSKOG = [
    ("Amina", "Yusuf", "bua", -1, S.I_OPPLAERING, "faglarer"),
    ("Hodan", "Abdi Warsame", "bua", -1, S.I_OPPLAERING, "faglarer"),
    ("Senait", "Tesfay", "bua", -1, S.I_OPPLAERING, "faglarer"),
    ("Fatuma", "Hassan", "bua", -1, S.PERMISJON, "faglarer"),
    ("Nour", "Al-Khatib", "bua", -1, S.I_OPPLAERING, "faglarer"),
    ("Zeynep", "Doğan", "bua", -2, S.TEORI_BESTATT, "faglarer"),
    ("Ayşe", "Yılmaz", "bua", -2, S.FAGPROVE_MELDT_OPP, "faglarer"),
    ("Mariam", "Haidari", "bua", -2, S.FULLFORT, "faglarer"),
    ("Olena", "Kovalenko", "bua", -2, S.FULLFORT, "faglarer"),
    ("Saba", "Ghebremedhin", "bua", -2, S.AVBRUTT, "faglarer"),
    ("Rahel", "Kidane", "bua", None, S.HENVIST, None),
    ("Parwana", "Rahimi", "bua", None, S.KARTLAGT, None),
    ("Asli", "Mohamed Ali", "bua", None, S.TATT_OPP, "faglarer"),
    ("Khadija", "Omar", "bua", None, S.AVSLATT, None),
    ("Lina", "Haddad", "helse", -1, S.I_OPPLAERING, "faglarer.helse"),
    ("Tigist", "Alemu", "helse", -1, S.I_OPPLAERING, "faglarer.helse"),
    ("Ahmad", "Noori", "helse", -1, S.I_OPPLAERING, "faglarer.helse"),
    ("Marie-Claire", "Nkurunziza", "helse", -1, S.TEORI_BESTATT, "faglarer.helse"),
    ("Mirela", "Hadžić", "helse", -1, S.I_OPPLAERING, "faglarer.helse"),
    ("Dilnoza", "Karimova", "helse", 0, S.I_OPPLAERING, "faglarer.helse"),
    ("Hana", "Bešić", "helse", 0, S.I_OPPLAERING, "faglarer.helse"),
    ("Yordanos", "Berhane", "helse", 0, S.I_OPPLAERING, "faglarer.helse"),
    ("Shirin", "Mohammadi", "helse", 0, S.PERMISJON, "faglarer.helse"),
    ("Aziza", "Sultani", "helse", None, S.HENVIST, None),
    ("Esther", "Mbeki", "helse", None, S.KARTLAGT, None),
    ("Iryna", "Shevchenko", "helse", None, S.TATT_OPP, "faglarer.helse"),
    ("Halima", "Jama", "helse", 0, S.AVBRUTT, "faglarer.helse"),
    ("Mulu", "Gebreyesus", "renhold", 0, S.I_OPPLAERING, "faglarer.renhold"),
    ("Abdullahi", "Farah", "renhold", 0, S.I_OPPLAERING, "faglarer.renhold"),
    ("Roza", "Ahmadi", "renhold", 0, S.I_OPPLAERING, "faglarer.renhold"),
    ("Grace", "Uwimana", "renhold", 0, S.TEORI_BESTATT, "faglarer.renhold"),
    ("Bashir", "Nazari", "renhold", 0, S.I_OPPLAERING, "faglarer.renhold"),
    ("Fiori", "Tekle", "renhold", None, S.HENVIST, None),
    ("Mohammed", "Salih", "renhold", None, S.KARTLAGT, None),
    ("Samira", "Benali", "restaurant", None, S.FULLFORT, None),
    ("Kamal", "Hussaini", "restaurant", None, S.AVBRUTT, None),
    ("Selam", "Woldu", "bua", -1, S.I_OPPLAERING, "faglarer"),
    ("Aisha", "Sheikh", "helse", -1, S.I_OPPLAERING, "faglarer.helse"),
    ("Ivana", "Marković", "bua", None, S.HENVIST, None),
    ("Jamila", "Rezaei", "helse", None, S.HENVIST, None),
]

ASKER = [
    ("Yonas", "Tesfamariam"),
    ("Piotr", "Kowalczyk"),
    ("Mahad", "Ismail"),
    ("Ali", "Reza Karimi"),
    ("Dawit", "Haile"),
    ("Andrii", "Bondarenko"),
    ("Said", "Ahmed Nur"),
    ("Emre", "Şahin"),
    ("Tomasz", "Wiśniewski"),
    ("Hamid", "Jafari"),
]


def _henvist(demo: Demo, kull) -> dict:
    """Referred some months before the cohort started (or recently, for those not yet in a cohort)."""
    start = kull.oppstart if kull else demo.idag
    return {
        "henvist_dato": start - datetime.timedelta(days=demo.rng.randint(20, 150)),
        "henvist_av": demo.rng.choice(
            [Deltaker.Henviser.INTRODUKSJONSPROGRAM, Deltaker.Henviser.NAV, Deltaker.Henviser.JOBBSJANSEN]
        ),
    }


def _person(demo: Demo, fornavn: str, etternavn: str, nr: int) -> dict:
    alder = demo.rng.randint(22, 48)
    fodselsdato = datetime.date(demo.idag.year - alder, demo.rng.randint(1, 12), demo.rng.randint(1, 28))
    return {
        "fodselsnummer": lag_fodselsnummer(fodselsdato, demo.rng, d_nummer=nr % 7 == 3),
        "fodselsdato": fodselsdato,
        "telefon": f"4{demo.rng.randrange(10**7):07d}",
        "epost": f"{fornavn.lower()}.{etternavn.split()[0].lower()}@example.no".replace("ş", "s").replace("ğ", "g"),
    }


def _kull(demo: Demo, nokkel: str, offset: int | None):
    if offset is None:
        return None
    for kandidat in (demo.idag.year + offset, demo.idag.year + offset - 1, demo.idag.year + offset + 1):
        if f"{nokkel}:{kandidat}" in demo.kull:
            return demo.kull[f"{nokkel}:{kandidat}"]
    return None


# Admission criteria per track. Betong: the list from NAV Asker's project description (seed 000).
KRITERIER = {
    "betong": [
        ("God fysisk helse, utholdende", True),
        ("Minoritetsspråklig med minimum sterk A2-nivå muntlig og skriftlig", True),
        ("Motivert for å jobbe i byggebransjen, og interesse for byggfaget", True),
        ("Ønske om å jobbe i et team", True),
        ("Gode samarbeidsevner", True),
        ("Må kunne møte på arbeidsplassen kl. 7 om morgenen", True),
        ("Må kunne være nøyaktig og følge regler på arbeidsplassen", True),
        ("Førerkort", False),
        ("Villig til å begynne i arbeidstrening først", True),
        ("Interessert i å ta et lengre utdanningsløp", True),
        ("Relevant erfaring fra hjemlandet", False),
        ("Motivert for undervisning to dager i uken og lekser på kveldstid", True),
    ],
    "bua": [
        ("Minst A2 muntlig, mål B1 muntlig og skriftlig", True),
        ("Motivert for arbeid med barn og unge", True),
        ("Kan delta minst 80 % i praksis og undervisning", True),
        ("Kan få politiattest", True),
    ],
    "helse": [
        ("Minst B1 muntlig, mål B2", True),
        ("Motivert for arbeid i helse og omsorg", True),
        ("Kan arbeide turnus og delta minst 80 %", True),
        ("Kan få politiattest", True),
    ],
    "renhold": [
        ("Minst A2 muntlig", True),
        ("God fysisk helse", True),
        ("Kan møte tidlig om morgenen", True),
    ],
}


def _kriterier(demo: Demo) -> None:
    for nokkel, liste in KRITERIER.items():
        fagretning = demo.fagretninger.get(nokkel)
        if fagretning is None:
            continue
        for nr, (tekst, er_krav) in enumerate(liste, start=1):
            Opptakskriterium.objects.get_or_create(
                fagretning=fagretning,
                tekst=tekst,
                defaults={"organisasjon_id": fagretning.organisasjon_id, "er_krav": er_krav, "rekkefolge": nr * 10},
            )


def seed(demo: Demo) -> None:
    _kriterier(demo)
    koordinator = demo.brukere["koordinator"]
    norsklarer = demo.brukere["norsklarer"]
    for nr, (fornavn, etternavn, nokkel, offset, status, larer) in enumerate(LORENSKOG):
        fagretning = demo.fagretninger[nokkel]
        if Deltaker.objects.filter(organisasjon=fagretning.organisasjon, fornavn=fornavn, etternavn=etternavn).exists():
            continue
        deltaker_registrer(
            fagretning=fagretning,
            utfort_av=koordinator,
            fornavn=fornavn,
            etternavn=etternavn,
            kull=_kull(demo, nokkel, offset),
            **_henvist(demo, _kull(demo, nokkel, offset)),
            status=status,
            faglarer=demo.brukere.get(larer) if larer else None,
            norsklarer=norsklarer if larer and nokkel in ("bua", "helse") else None,
            **_person(demo, fornavn, etternavn, nr),
        )
    betong = demo.fagretninger["betong"]
    koordinator_asker = demo.brukere["koordinator.asker"]
    for nr, (fornavn, etternavn) in enumerate(ASKER):
        if Deltaker.objects.filter(organisasjon=betong.organisasjon, fornavn=fornavn, etternavn=etternavn).exists():
            continue
        deltaker_registrer(
            fagretning=betong,
            utfort_av=koordinator_asker,
            fornavn=fornavn,
            etternavn=etternavn,
            kull=_kull(demo, "betong", -1),
            **_henvist(demo, _kull(demo, "betong", -1)),
            status=S.I_OPPLAERING if nr < 9 else S.AVBRUTT,
            faglarer=demo.brukere["faglarer.asker"],
            **_person(demo, fornavn, etternavn, nr),
        )
    _inntak(demo)


def _inntak(demo: Demo) -> None:
    """Participants who are past admission in the demo have had their intake meeting and certificate."""
    forbi_opptak = [*Deltaker.AKTIVE_STATUSER, S.FULLFORT]
    for deltaker in Deltaker.objects.filter(status__in=forbi_opptak).select_related("fagretning"):
        start = (deltaker.kull.oppstart if deltaker.kull_id else demo.idag) - datetime.timedelta(days=30)
        Inntakssamtale.objects.get_or_create(
            deltaker=deltaker,
            defaults={
                "organisasjon_id": deltaker.organisasjon_id,
                "dato": start,
                "kontrakt_signert": True,
                "samtykke_signert": True,
                "forventninger_gjennomgatt": True,
                "fravarsregler_gjennomgatt": True,
                "politiattest_soknad": start if deltaker.fagretning.krever_politiattest else None,
                "politiattest_mottatt": start + datetime.timedelta(days=14)
                if deltaker.fagretning.krever_politiattest
                else None,
            },
        )


# (first name, last name) → outcome at completion, outcome six months after (None: not registered)
UTFALL = {
    ("Mariam", "Haidari"): (Utfall.Situasjon.FAST, None),
    ("Olena", "Kovalenko"): (Utfall.Situasjon.MIDLERTIDIG, None),
    ("Samira", "Benali"): (Utfall.Situasjon.MIDLERTIDIG, Utfall.Situasjon.FAST),
}


def seed_utfall(demo: Demo) -> None:
    """After the pathway data (fagbrev.demo.seed_lop): the completed demo cases get the status change
    that dates their completion (the day of the passed fagprøve), and a few get their outcomes, so the
    case page and the report's «I arbeid» have something to show. Kovalenko's six-month outcome is left
    for the reminder."""
    from fagbrev.frister import legg_til_maneder
    from fagbrev.models import Fagprove, Resultat

    koordinator = demo.brukere["koordinator"]
    fullforte = Deltaker.objects.filter(organisasjon=demo.org["Lørenskog"], status=S.FULLFORT)
    for deltaker in fullforte.exclude(statusendringer__til_status=S.FULLFORT):
        prove = (
            Fagprove.objects.filter(deltaker=deltaker, resultat=Resultat.BESTATT, provedato__isnull=False)
            .order_by("-provedato")
            .first()
        )
        if prove is None:
            continue
        Statusendring.objects.create(
            organisasjon_id=deltaker.organisasjon_id,
            deltaker=deltaker,
            fra_status=S.FAGPROVE_MELDT_OPP,
            til_status=S.FULLFORT,
            dato=min(prove.provedato, demo.idag),
            begrunnelse="Fagprøven bestått.",
            utfort_av=koordinator,
        )
    for deltaker in fullforte.select_related("fagretning"):
        ved, seks = UTFALL.get((deltaker.fornavn, deltaker.etternavn), (None, None))
        if ved is None or Utfall.objects.filter(deltaker=deltaker).exists():
            continue
        avsluttet = deltaker.statusendringer.filter(til_status=S.FULLFORT).order_by("-dato").first()
        if avsluttet is None:
            continue
        kontrakt = deltaker.laerekontrakter.select_related("arbeidsgiver").first()
        arbeidsgiver = str(kontrakt.arbeidsgiver) if kontrakt and kontrakt.arbeidsgiver else ""
        utfall_registrer(
            deltaker=deltaker,
            tidspunkt=Utfall.Tidspunkt.VED_FULLFORING,
            situasjon=ved,
            dato=avsluttet.dato,
            arbeidsgiver=arbeidsgiver,
            utfort_av=koordinator,
        )
        seks_dato = legg_til_maneder(avsluttet.dato, 6)
        if seks and seks_dato <= demo.idag:
            utfall_registrer(
                deltaker=deltaker,
                tidspunkt=Utfall.Tidspunkt.SEKS_MANEDER,
                situasjon=seks,
                dato=seks_dato,
                arbeidsgiver=arbeidsgiver,
                utfort_av=koordinator,
            )
