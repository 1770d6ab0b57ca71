"""Demo data, part 1: organisations, users and roles, tracks and cohorts.

Each app owns the demo data of its own models (`<app>/demo.py`) and marks its seeders with
`@seeder(rekkefolge=…)`; the `seed_demo` command imports every installed app's `demo` module (as the
admin does with `admin.py`) and runs the registered seeders in that order, passing a `Demo` object
along, so a new app seeds without touching the command. Every seeder is idempotent (natural keys).
All people are invented.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .models import Fagretning, Hendelse, Kull, Medlemskap, Organisasjon, Rolle, User

LORENSKOG = "Lørenskog kommune, Flyktning- og innvandrertjenesten"
ASKER = "NAV Asker"
KULLSKIFTE = (8, 15)  # (month, day) the newest autumn cohort starts and the demo moves on a year


@dataclass
class Demo:
    """What the seeders have made so far, for the next seeder to build on.

    Every date is relative to `idag`, the day the demo is loaded, and must make sense on any day of
    any year: nothing that has happened is dated after today, and a cohort whose participants are in
    training has started. Cohorts are counted from `kullar`, not from the calendar year.
    """

    idag: datetime.date
    rng: random.Random
    org: dict[str, Organisasjon] = field(default_factory=dict)
    brukere: dict[str, User] = field(default_factory=dict)
    fagretninger: dict[str, Fagretning] = field(default_factory=dict)
    kull: dict[str, Kull] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def kullar(self) -> int:
        """The year of the newest autumn cohort in the demo («Høst {kullar}»); from 1 January to
        14 August it is last autumn's. The cohorts move on once a year, on 15 August, not on
        1 January: that day the newest cohort starts and the one two years older (24 months from
        15 August) has ended, so every participant in training is in a cohort that has started and
        holds a contract that has not yet run out, whatever the day."""
        return self.idag.year if self.idag >= datetime.date(self.idag.year, *KULLSKIFTE) else self.idag.year - 1

    def koordinator(self, organisasjon_id: int) -> User:
        """The organisation's demo coordinator: the first user BRUKERE gives that role there."""
        orgnavn = next(o.navn for o in self.org.values() if o.pk == organisasjon_id)
        return self.brukere[next(u for u, _, _, org, rolle in BRUKERE if org == orgnavn and rolle == Rolle.KOORDINATOR)]


# Seeders by dotted name → (rekkefolge, f(demo)). The order is explicit: later data builds on earlier.
SEEDERE: dict[str, tuple[int, Callable[[Demo], None]]] = {}


def seeder(*, rekkefolge: int):
    """Register an app's demo seeder; `seed_demo` runs them by `rekkefolge` (lower first)."""

    def merk(funksjon):
        SEEDERE[f"{funksjon.__module__}.{funksjon.__qualname__}"] = (rekkefolge, funksjon)
        return funksjon

    return merk


def seedere() -> list[Callable[[Demo], None]]:
    return [f for _, f in sorted(SEEDERE.values(), key=lambda rf: rf[0])]


# Date fields that say when the thing a log entry is about happened, in the order they are tried.
DATOFELT = ("dato", "holdt_dato", "provedato", "eksamensdato", "fra", "startet", "henvist_dato")


@seeder(rekkefolge=900)  # after every seeder that writes history, before the reminder scan (1000)
def seed_tidspunkter(demo: Demo) -> None:
    """Last of all: the event log's entries written while the demo was loaded are moved to the day of
    what they record (a visit's date, a status change's, a referral's), so the case timelines and the
    history spread over the years the demo covers instead of the minute it was loaded. Entries about
    rows without such a date keep their time; nothing is moved after today."""
    nye = Hendelse.objects.filter(tidspunkt__date__gte=demo.idag)
    endret = []
    for type_id in nye.values_list("objekt_type_id", flat=True).distinct().order_by():
        modell = ContentType.objects.get_for_id(type_id).model_class()
        felt = next(
            (f for f in DATOFELT if modell is not None and any(m.name == f for m in modell._meta.concrete_fields)),
            None,
        )
        if felt is None:
            continue
        datoer = {str(pk): d for pk, d in modell._base_manager.values_list("pk", felt) if d is not None}
        for hendelse in nye.filter(objekt_type_id=type_id).only("pk", "objekt_id", "tidspunkt"):
            dato = datoer.get(hendelse.objekt_id)
            if dato is None or dato >= demo.idag:
                continue
            dag = dato.date() if isinstance(dato, datetime.datetime) else dato
            hendelse.tidspunkt = datetime.datetime.combine(
                dag, datetime.time(10, hendelse.pk % 60), tzinfo=datetime.UTC
            )
            endret.append(hendelse)
    Hendelse.objects.bulk_update(endret, ["tidspunkt"], batch_size=500)


# --- identifiers that validate, for invented people and companies --------------------------------


def lag_fodselsnummer(fodselsdato: datetime.date, rng: random.Random, *, d_nummer: bool = False) -> str:
    """A valid old-rule fødselsnummer (or D-nummer) for the date; invented, never a real person's."""
    from stdnum.no import fodselsnummer

    dag = fodselsdato.day + (40 if d_nummer else 0)
    base = f"{dag:02d}{fodselsdato.month:02d}{fodselsdato.year % 100:02d}"
    omrade = range(0, 500) if fodselsdato.year < 2000 else range(500, 1000)
    start = rng.randrange(len(omrade))
    for i in range(len(omrade)):
        individ = omrade[(start + i) % len(omrade)]
        uten = f"{base}{individ:03d}"
        k1 = fodselsnummer.calc_check_digit1(uten)
        if k1 == "10":
            continue
        k2 = fodselsnummer.calc_check_digit2(uten + k1)
        if k2 == "10":
            continue
        return uten + k1 + k2
    raise ValueError("fant ikke gyldig individnummer")


def lag_orgnr(rng: random.Random) -> str:
    """A valid invented organisasjonsnummer (weights 3,2,7,6,5,4,3,2; check digit mod 11)."""
    from stdnum.no import orgnr

    while True:
        base = "9" + "".join(str(rng.randrange(10)) for _ in range(7))
        for sjekk in "0123456789":
            if orgnr.is_valid(base + sjekk):
                return base + sjekk


# --- the seeder -----------------------------------------------------------------------------------

BRUKERE = [
    # username, first, last, org, role
    ("koordinator", "Hanne", "Kristiansen", LORENSKOG, Rolle.KOORDINATOR),
    ("faglarer", "Ingrid", "Haugland", LORENSKOG, Rolle.FAGLARER),
    ("faglarer.helse", "Thomas", "Eide", LORENSKOG, Rolle.FAGLARER),
    ("faglarer.renhold", "Kari", "Moen", LORENSKOG, Rolle.FAGLARER),
    ("norsklarer", "Sigrid", "Bakke", LORENSKOG, Rolle.NORSKLARER),
    ("styring", "Per", "Lunde", LORENSKOG, Rolle.STYRINGSGRUPPE),
    ("koordinator.asker", "Mona", "Strand", ASKER, Rolle.KOORDINATOR),
    ("faglarer.asker", "Jon", "Aasen", ASKER, Rolle.FAGLARER),
]

FAGRETNINGER = [
    dict(
        org=LORENSKOG,
        nokkel="bua",
        navn="Barne- og ungdomsarbeider",
        kortnavn="BUA",
        laereplankode="BUA3-01",
        ruter=["fagbrev_pa_jobb", "alternativt_lop", "praksiskandidat"],
        norskmal_muntlig="B1",
        norskmal_skriftlig="B1",
        besok_intervall_dager=14,
        krever_politiattest=True,
        undervisning="Én dag i uken, fag og norsk kombinert",
        opplaeringstid_maneder=24,
    ),
    dict(
        org=LORENSKOG,
        nokkel="helse",
        navn="Helsefagarbeider",
        kortnavn="Helse",
        laereplankode="HEA3-01",
        ruter=["fagbrev_pa_jobb", "alternativt_lop", "praksiskandidat"],
        norskmal_muntlig="B2",
        norskmal_skriftlig="B2",
        besok_intervall_dager=14,
        krever_politiattest=True,
        undervisning="To timer norsk i uken og månedlige nettverkssamlinger («Sammen om helse»)",
        opplaeringstid_maneder=24,
    ),
    dict(
        org=LORENSKOG,
        nokkel="renhold",
        navn="Renholdsoperatør",
        kortnavn="Renhold",
        laereplankode="RHO3-01",
        ruter=["fagbrev_pa_jobb", "praksiskandidat"],
        norskmal_muntlig="B1",
        norskmal_skriftlig="B1",  # seed 002: «norsk muntlig og skriftlig på nivå B1»
        besok_intervall_dager=30,
        krever_politiattest=False,
        undervisning="To timer i uken",
        opplaeringstid_maneder=24,
    ),
    dict(
        org=LORENSKOG,
        nokkel="restaurant",
        navn="Restaurant- og matfag",
        kortnavn="Restaurant",
        laereplankode="KOK3-01",
        ruter=["fagbrev_pa_jobb"],
        norskmal_muntlig="B1",
        norskmal_skriftlig="A2",
        besok_intervall_dager=14,
        krever_politiattest=False,
        undervisning="Avsluttet for lite rekruttering",
        aktiv=False,
        avsluttet=datetime.date(2021, 6, 30),
        opplaeringstid_maneder=24,
    ),
    dict(
        org=ASKER,
        nokkel="betong",
        navn="Betongfaget",
        kortnavn="Betong",
        laereplankode="BET3-01",
        ruter=["praksiskandidat", "fagbrev_pa_jobb"],
        norskmal_muntlig="B1",
        norskmal_skriftlig="A2",
        besok_intervall_dager=30,
        krever_politiattest=False,
        undervisning="Klasse på 8–12: én dag fagnorsk, én dag fagteori, tre dager arbeidstrening",
        opplaeringstid_maneder=24,
    ),
]


def _bruker(username: str, **felter) -> User:
    """A demo user at username@fagbrev.example with the demo password (set when the user is made)."""
    bruker, laget = User.objects.get_or_create(
        username=username, defaults={**felter, "email": f"{username}@fagbrev.example"}
    )
    if laget:
        bruker.set_password(settings.DEMO_PASSWORD)
        bruker.save(update_fields=["password"])
    return bruker


@seeder(rekkefolge=10)
def seed_kjerne(demo: Demo) -> None:
    for navn, kort, adresse in [
        (LORENSKOG, "Lørenskog", "Festplassen 1, 1473 Lørenskog"),
        (ASKER, "NAV Asker", "Knud Askers vei 24, 1383 Asker"),
    ]:
        demo.org[kort], _ = Organisasjon.objects.get_or_create(
            navn=navn, defaults={"kortnavn": kort, "adresse": adresse}
        )
    org_etter_navn = {o.navn: o for o in demo.org.values()}

    for username, fornavn, etternavn, orgnavn, rolle in BRUKERE:
        bruker = _bruker(username, first_name=fornavn, last_name=etternavn)
        Medlemskap.objects.get_or_create(bruker=bruker, organisasjon=org_etter_navn[orgnavn], defaults={"rolle": rolle})
        demo.brukere[username] = bruker
    demo.brukere["admin"] = _bruker("admin", is_staff=True, is_superuser=True)

    for spec in FAGRETNINGER:
        spec = dict(spec)
        org = org_etter_navn[spec.pop("org")]
        nokkel = spec.pop("nokkel")
        navn = spec.pop("navn")
        demo.fagretninger[nokkel], _ = Fagretning.objects.get_or_create(organisasjon=org, navn=navn, defaults=spec)

    aar = demo.kullar
    for nokkel, navn, oppstart in [
        ("bua", f"Høst {aar - 2}", datetime.date(aar - 2, 8, 15)),
        ("bua", f"Høst {aar - 1}", datetime.date(aar - 1, 8, 15)),
        ("helse", f"Høst {aar - 1}", datetime.date(aar - 1, 8, 20)),
        ("helse", f"Høst {aar}", datetime.date(aar, *KULLSKIFTE)),  # the newest: starts the day the demo moves on
        ("renhold", f"Vår {aar}", datetime.date(aar, 1, 8)),
        # the oldest: someone was in training in the spring three years back, so that semester has content too
        ("renhold", f"Vår {aar - 2}", datetime.date(aar - 2, 1, 8)),
        ("restaurant", "Høst 2019", datetime.date(2019, 8, 15)),
        ("betong", f"Høst {aar - 1}", datetime.date(aar - 1, 9, 1)),
    ]:
        fagretning = demo.fagretninger[nokkel]
        demo.kull[f"{nokkel}:{oppstart.year}"], _ = Kull.objects.get_or_create(
            fagretning=fagretning,
            navn=navn,
            defaults={"organisasjon": fagretning.organisasjon, "oppstart": oppstart},
        )
    # the closed track's cohort is closed too; BUA also takes people in outside the autumn start (issue #20)
    Kull.objects.filter(fagretning=demo.fagretninger["restaurant"], lukket__isnull=True).update(
        lukket=datetime.date(2021, 6, 30)
    )
    bua = demo.fagretninger["bua"]
    desember = datetime.date(aar, 12, 1) if demo.idag >= datetime.date(aar, 12, 1) else datetime.date(aar - 1, 12, 1)
    demo.kull["bua:desember"], _ = Kull.objects.get_or_create(
        fagretning=bua,
        navn=f"Desember {desember.year}",
        defaults={"organisasjon": bua.organisasjon, "oppstart": desember},
    )
