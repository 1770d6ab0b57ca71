"""Demo data: participants in varied stages (invented names, valid invented identifiers)."""

from __future__ import annotations

import datetime
import zoneinfo

from fagbrev.datoregning import samme_dag
from fagbrev.demo import Demo, lag_fodselsnummer, seeder
from fagbrev.models import Fagretning

from . import statusgrupper
from .models import (
    Avbrudd,
    Deltaker,
    Inntakssamtale,
    Kartlegging,
    Kriterievurdering,
    Opptakskriterium,
    Opptaksvedtak,
    Permisjon,
    Utfall,
)
from .selectors import utfall_frist_seks_maneder
from .services import deltaker_registrer, statusendring_skriv, utfall_registrer

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
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
    ("Lwam", "Berhe", "renhold", -2, S.FULLFORT, "faglarer.renhold"),
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


# Who needs an interpreter (Deltaker.tolk_sprak), by name.
TOLK = {("Senait", "Tesfay"): "tigrinja", ("Nour", "Al-Khatib"): "arabisk", ("Rahel", "Kidane"): "tigrinja"}


def _person(demo: Demo, fornavn: str, etternavn: str, nr: int) -> dict:
    alder = demo.rng.randint(22, 48)
    fodselsdato = datetime.date(demo.idag.year - alder, demo.rng.randint(1, 12), demo.rng.randint(1, 28))
    return {
        "fodselsnummer": lag_fodselsnummer(fodselsdato, demo.rng, d_nummer=nr % 7 == 3),
        "fodselsdato": fodselsdato,
        "telefon": f"4{demo.rng.randrange(10**7):07d}",
        "epost": f"{fornavn.lower()}.{etternavn.split()[0].lower()}@example.no".replace("ş", "s").replace("ğ", "g"),
        "tolk_sprak": TOLK.get((fornavn, etternavn), ""),
    }


def _kull(demo: Demo, nokkel: str, offset: int | None):
    if offset is None:
        return None
    for kandidat in (demo.kullar + offset, demo.kullar + offset - 1, demo.kullar + offset + 1):
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


def _registrer(demo: Demo, fagretning: Fagretning, fornavn: str, etternavn: str, nr: int, *, kull, **felter) -> None:
    """A demo participant of the track, registered by her organisation's coordinator with her referral
    and her invented person data; nothing when she is there already."""
    if Deltaker.objects.filter(organisasjon=fagretning.organisasjon, fornavn=fornavn, etternavn=etternavn).exists():
        return
    henvist = _henvist(demo, kull)  # drawn before her person data: the demo's random sequence
    deltaker_registrer(
        fagretning=fagretning,
        utfort_av=demo.koordinator(fagretning.organisasjon_id),
        fornavn=fornavn,
        etternavn=etternavn,
        kull=kull,
        **henvist,
        **felter,
        **_person(demo, fornavn, etternavn, nr),
    )


@seeder(rekkefolge=30)
def seed(demo: Demo) -> None:
    _kriterier(demo)
    norsklarer = demo.brukere["norsklarer"]
    for nr, (fornavn, etternavn, nokkel, offset, status, larer) in enumerate(LORENSKOG):
        _registrer(
            demo,
            demo.fagretninger[nokkel],
            fornavn,
            etternavn,
            nr,
            kull=_kull(demo, nokkel, offset),
            status=status,
            faglarer=demo.brukere.get(larer) if larer else None,
            norsklarer=norsklarer if larer and nokkel in ("bua", "helse") else None,
        )
    for nr, (fornavn, etternavn) in enumerate(ASKER):
        _registrer(
            demo,
            demo.fagretninger["betong"],
            fornavn,
            etternavn,
            nr,
            kull=_kull(demo, "betong", -1),
            status=S.I_OPPLAERING if nr < 9 else S.AVBRUTT,
            rute=Fagretning.Rute.PRAKSISKANDIDAT,  # Asker's betong track starts here (DOMAIN.md)
            faglarer=demo.brukere["faglarer.asker"],
        )
    _inntak(demo)


def _inntak(demo: Demo) -> None:
    """Participants who are past admission in the demo have had their intake meeting and certificate."""
    forbi_opptak = [*statusgrupper.AKTIV, S.FULLFORT]
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


# --- the history behind each demo case (runs after the pathway data exist) ------------------------

AVBRUDD = [
    (Avbrudd.Kategori.JOBB, "Fikk fast stilling som assistent i en annen barnehage."),
    (Avbrudd.Kategori.HELSE, "Langvarig sykdom; ønsker å søke igjen senere."),
    (Avbrudd.Kategori.FAMILIE, "Flyttet til familie i en annen kommune."),
]


def _kartlegging(deltaker: Deltaker, dato: datetime.date, koordinator, *, avslag: bool) -> None:
    kartlegging, _ = Kartlegging.objects.get_or_create(
        deltaker=deltaker,
        defaults={
            "organisasjon_id": deltaker.organisasjon_id,
            "intervjudato": dato,
            "norskopplaering": "Norskopplæring i introduksjonsprogrammet, 600 timer.",
            "norsk_muntlig": "A2" if avslag else "B1",
            "norsk_skriftlig": "A2",
            "ankomst_norge": samme_dag(dato, ar=-5),
            "utdanning_ar": 9,
            "arbeid_ar": 4,
            "fagrelevant_erfaring": not avslag,
            "motivasjon": "Vil ha fagbrev og fast jobb i faget.",
            "inntektsgrunnlag": Kartlegging.Inntekt.INTRODUKSJONSSTONAD,
            "malgruppe": Kartlegging.Malgruppe.INTRODUKSJONSPROGRAM,
            "utfort_av": koordinator,
        },
    )
    for nr, kriterium in enumerate(Opptakskriterium.objects.filter(fagretning_id=deltaker.fagretning_id)):
        ikke_oppfylt = avslag and nr == 0
        Kriterievurdering.objects.get_or_create(
            kartlegging=kartlegging,
            kriterium=kriterium,
            defaults={
                "organisasjon_id": deltaker.organisasjon_id,
                "vurdering": Kriterievurdering.Vurdering.IKKE_OPPFYLT
                if ikke_oppfylt
                else Kriterievurdering.Vurdering.OPPFYLT,
                "kommentar": "Testet i intervjuet." if ikke_oppfylt else "",
            },
        )


def _datoer(demo: Demo, deltaker: Deltaker) -> list[tuple[str, datetime.date]]:
    """The statuses the case went through and when, from the referral to today's status.

    The pathway's dates (contract, exam, fagprøve) come from `demo.extra["lopsdatoer"]`, which the
    pathway's seeder (lop/demo.py) leaves for this one."""
    trinn = {
        S.HENVIST: [],
        S.KARTLAGT: [S.KARTLAGT],
        S.AVSLATT: [S.KARTLAGT, S.AVSLATT],
        S.TATT_OPP: [S.KARTLAGT, S.TATT_OPP],
        S.I_OPPLAERING: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING],
        S.PERMISJON: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.PERMISJON],
        S.TEORI_BESTATT: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.TEORI_BESTATT],
        S.FAGPROVE_MELDT_OPP: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP],
        S.FULLFORT: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT],
        S.AVBRUTT: [S.KARTLAGT, S.TATT_OPP, S.I_OPPLAERING, S.AVBRUTT],
    }[deltaker.status]
    lop = demo.extra.get("lopsdatoer", {}).get(deltaker.pk, {})
    oppstart = deltaker.kull.oppstart if deltaker.kull_id else lop.get("kontrakt_start")
    forslag = {
        S.KARTLAGT: deltaker.henvist_dato + datetime.timedelta(days=14),
        S.AVSLATT: deltaker.henvist_dato + datetime.timedelta(days=24),
        S.TATT_OPP: deltaker.henvist_dato + datetime.timedelta(days=24),
        S.I_OPPLAERING: oppstart or deltaker.henvist_dato + datetime.timedelta(days=45),
        S.PERMISJON: lop.get("permisjon_fra", demo.idag - datetime.timedelta(days=40)),
        S.TEORI_BESTATT: lop.get("teori_bestatt"),
        S.FAGPROVE_MELDT_OPP: lop.get("fagprove_meldt"),
        S.FULLFORT: lop.get("fagprove_dato"),
        S.AVBRUTT: lop.get("kontrakt_avsluttet"),
    }
    ut, forrige = [], deltaker.henvist_dato
    for status in trinn:
        dato = forslag[status] or forrige + datetime.timedelta(days=60)
        dato = min(max(dato, forrige + datetime.timedelta(days=1)), demo.idag)
        ut.append((status, dato))
        forrige = dato
    return ut


BEGRUNNELSE = {
    S.KARTLAGT: "Intervju og kartlegging gjennomført.",
    S.AVSLATT: "Opptaksvedtak: norsknivået er ennå for lavt for fagretningen; anbefalt å søke igjen.",
    S.TATT_OPP: "Opptaksvedtak: oppfyller kriteriene, motivert og med relevant erfaring.",
    S.I_OPPLAERING: "Startet i praksis og undervisning med kullet.",
    S.PERMISJON: "Foreldrepermisjon innvilget.",
    S.TEORI_BESTATT: "Bestått skriftlig eksamen.",
    S.FAGPROVE_MELDT_OPP: "Meldt opp til fagprøve.",
    S.FULLFORT: "Fagprøven bestått.",
}


@seeder(rekkefolge=60)
def seed_historikk(demo: Demo) -> None:
    """Give each demo case the mapping, admission decision, status changes and termination behind its status.

    Written directly (the services only move a case forward from its current status); each change also
    goes on the timeline, as the services would have put it there.
    """
    for nr, deltaker in enumerate(Deltaker.objects.select_related("kull", "fagretning", "faglarer").order_by("pk")):
        if deltaker.statusendringer.exists():
            continue
        koordinator = demo.koordinator(deltaker.organisasjon_id)
        fra = S.HENVIST
        for status, dato in _datoer(demo, deltaker):
            begrunnelse = BEGRUNNELSE.get(status, "")
            if status == S.KARTLAGT:
                _kartlegging(deltaker, dato, koordinator, avslag=deltaker.status == S.AVSLATT)
            elif status in (S.TATT_OPP, S.AVSLATT):
                Opptaksvedtak.objects.create(
                    organisasjon_id=deltaker.organisasjon_id,
                    deltaker=deltaker,
                    utfall=Opptaksvedtak.Utfall.TATT_OPP if status == S.TATT_OPP else Opptaksvedtak.Utfall.AVSLATT,
                    begrunnelse=begrunnelse.removeprefix("Opptaksvedtak: "),
                    dato=dato,
                    besluttet_av=koordinator,
                    sammen_med=deltaker.faglarer,
                )
            elif status == S.AVBRUTT:
                kategori, arsak = AVBRUDD[nr % len(AVBRUDD)]
                avbrudd = Avbrudd.objects.create(
                    organisasjon_id=deltaker.organisasjon_id,
                    deltaker=deltaker,
                    dato=dato,
                    kategori=kategori,
                    arsak=arsak,
                    avslutningsmote=dato,
                    attest_mottatt=True,
                    fylke_informert=True,
                    utfort_av=koordinator,
                )
                begrunnelse = f"{avbrudd.get_kategori_display()}: {arsak}"
            statusendring_skriv(
                deltaker=deltaker,
                fra=fra,
                til=status,
                dato=dato,
                begrunnelse=begrunnelse,
                utfort_av=koordinator,
                # her leave (lop's seeder wrote it; this day is its start) and the change into it are one
                # registration, as services_status.permisjon_registrer makes them
                permisjon=Permisjon.objects.filter(deltaker=deltaker).order_by("-fra").first()
                if status == S.PERMISJON
                else None,
            )
            fra = status
        # registered the day she was referred, not the day the demo was loaded (the report counts from it)
        Deltaker.objects.filter(pk=deltaker.pk).update(
            opprettet=datetime.datetime.combine(deltaker.henvist_dato, datetime.time(9), tzinfo=OSLO)
        )


# (first name, last name) → outcome at completion, outcome six months after (None: not registered)
UTFALL = {
    ("Mariam", "Haidari"): (Utfall.Situasjon.FAST, None),
    ("Olena", "Kovalenko"): (Utfall.Situasjon.MIDLERTIDIG, None),
    ("Samira", "Benali"): (Utfall.Situasjon.MIDLERTIDIG, Utfall.Situasjon.FAST),
}


@seeder(rekkefolge=70)
def seed_utfall(demo: Demo) -> None:
    """After the history (seed_historikk dates each completion on the passed fagprøve): a few completed
    cases get their outcomes, so the case page and the report's «I arbeid» have something to show.
    Kovalenko's six-month outcome is left for the reminder."""
    koordinator = demo.brukere["koordinator"]
    fullforte = Deltaker.objects.filter(organisasjon=demo.org["Lørenskog"], status=S.FULLFORT)
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
        seks_dato = utfall_frist_seks_maneder(avsluttet.dato)
        if seks and seks_dato <= demo.idag:
            utfall_registrer(
                deltaker=deltaker,
                tidspunkt=Utfall.Tidspunkt.SEKS_MANEDER,
                situasjon=seks,
                dato=seks_dato,
                arbeidsgiver=arbeidsgiver,
                utfort_av=koordinator,
            )
