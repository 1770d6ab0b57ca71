"""Bulk data for the benchmarks: a municipality's case files at any size, made with bulk_create.

`fyll_til(n)` grows the database to n participants. It can be called again with a larger n (the
benchmark measures at 1,000, then grows to 20,000, then to 100,000), so each part generates the
rows for participant numbers [fra, til) only, deterministically from the participant number.

The parts run in the order of GENERATORER. When a feature adds models, add a function
`fyll(ctx, fra, til)` for them and name it in the list; it can read what earlier parts made from
`ctx` (ids of participants, workplaces, teachers; `ctx.extra["deltakere"]` holds each new
participant with her pathway's dates from `bench/forlop.py`, so dated facts agree with her status).
The pathway's facts (status changes, contracts, exams, visits, meetings) are in `generator_lop.py`.
Everything here is invented; identity numbers are 11-digit placeholders, never valid ones.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import JSONField
from django.utils import timezone
from django.utils.module_loading import import_string

from arbeidsgivere.models import Arbeidsgiver, Arbeidssted, Kontaktperson, Plassering
from deltakere.models import Deltaker
from fagbrev.models import Fagretning, Hendelse, Kull, Medlemskap, Organisasjon, Rolle, User
from fagbrev.sok import sokeform

from . import forlop

BATCH = 5_000
PASSORD = "bench-passord"  # the benchmark's users log in with force_login; this is only so they have one
DELTAKERE_PER_FAGLARER = 40
DELTAKERE_PER_ARBEIDSSTED = 10
ARBEIDSSTEDER_PER_ARBEIDSGIVER = 4
ANDEL_ANDRE_ORG = 10  # every 10th block of participants belongs to the other organisation

GENERATORER: list[str] = [
    "bench.generator.fyll_kjerne",
    "bench.generator.fyll_arbeidsgivere",
    "bench.generator.fyll_deltakere",
    "bench.generator.fyll_plasseringer",
    "bench.generator_lop.fyll_statusendringer",
    "bench.generator_lop.fyll_avbrudd",
    "bench.generator_lop.fyll_laerekontrakter",
    "bench.generator_lop.fyll_eksamener",
    "bench.generator_lop.fyll_norskprover",
    "bench.generator_lop.fyll_besok",
    "bench.generator_lop.fyll_vurderingssamtaler",
    "bench.generator.fyll_hendelser",
]


def _ord(tekst: str) -> list[str]:
    return tekst.split()


FORNAVN = _ord(
    "Amina Hodan Senait Fatuma Nour Zeynep Ayşe Mariam Olena Saba Rahel Parwana Asli Khadija Lina Tigist Ahmad "
    "Marie Mirela Dilnoza Hana Yordanos Shirin Aziza Esther Iryna Halima Mulu Abdullahi Roza Grace Bashir Fiori "
    "Mohammed Samira Kamal Selam Aisha Ivana Jamila Yonas Piotr Mahad Ali Dawit Andrii Said Emre Tomasz Hamid "
    "Leyla Farah Omar Nadia Yusuf Ibrahim Sara Meron Hawa Abdi Fatima Ruth Daniel Elif Ana Maria Oksana Anna "
    "Marta Natalia Sofia Eritrea Luwam Helen Mekdes Bilal Karim Rania Dina Hiba Samir Tariq Zahra Maryam Leila"
)
ETTERNAVN = _ord(
    "Yusuf Abdi Tesfay Hassan Al-Khatib Doğan Yılmaz Haidari Kovalenko Ghebremedhin Kidane Rahimi Mohamed Omar "
    "Haddad Alemu Noori Nkurunziza Hadžić Karimova Bešić Berhane Mohammadi Sultani Mbeki Shevchenko Jama "
    "Gebreyesus Farah Ahmadi Uwimana Nazari Tekle Salih Benali Hussaini Woldu Sheikh Marković Rezaei Tesfamariam "
    "Kowalczyk Ismail Karimi Haile Bondarenko Nur Şahin Wiśniewski Jafari Ali Ahmed Osman Warsame Hussein Aden "
    "Mohamud Abdullahi Gebremariam Tsegaye Bekele Girma Tadesse Mengistu Ayele Asfaw Kebede Wolde Negash Amanuel "
    "Popescu Ionescu Nowak Kowalski Lewandowski Zielińska Szymańska Petrenko Melnyk Shevchuk Tkachenko Kravchenko "
    "Hosseini Moradi Rostami Azizi Sadeghi Hashemi Ebrahimi Kazemi Jalali Safari Akbari Nasser Saleh Mansour "
    "Khalil Ibrahim Mahmoud Darwish Habibi Qasim Barakat Suleiman Hamdan Aziz Abbas Rashid Yousef Nasir"
)

# Names in a real register are varied: a third from the common pools above, the rest composed of
# syllables, so a name search is as selective as in real data (and trigram statistics are realistic).
STAVELSER = _ord(
    "ab al am an ar ba be da de di el fa ga ha hi ib ka ki ko la le li ma me mi mo na ne ni no ra re ri ro sa se "
    "si so ta te ti to wa ya yo za zi ku ru lu nu mu dou kar mir nas sul tek wol ber gha kha sha zah"
)


def _navn(rng: random.Random, pool: list[str]) -> str:
    if rng.random() < 1 / 3:
        return rng.choice(pool)
    return "".join(rng.choice(STAVELSER) for _ in range(rng.randint(2, 3))).capitalize()


BRANSJENAVN = ["Omsorg", "Bygg", "Barnehager", "Renhold"]

STATUSVEKTER = [
    (Deltaker.Status.HENVIST, 8),
    (Deltaker.Status.KARTLAGT, 4),
    (Deltaker.Status.TATT_OPP, 4),
    (Deltaker.Status.AVSLATT, 3),
    (Deltaker.Status.I_OPPLAERING, 45),
    (Deltaker.Status.PERMISJON, 4),
    (Deltaker.Status.TEORI_BESTATT, 8),
    (Deltaker.Status.FAGPROVE_MELDT_OPP, 4),
    (Deltaker.Status.FULLFORT, 12),
    (Deltaker.Status.AVBRUTT, 8),
]
_STATUSER = [s for s, vekt in STATUSVEKTER for _ in range(vekt)]


class Ny(NamedTuple):
    """A participant made in this round, with what later parts need to add her rows without a query."""

    nr: int
    pk: int
    org: int
    status: str
    fagretning: int
    faglarer: int | None
    norsklarer: int | None
    lop: forlop.Lop


@dataclass
class Kontekst:
    """What the parts have made so far; ids only, so a later part needs no queries to find them."""

    idag: datetime.date
    org: list[int] = field(default_factory=list)  # [main organisation, the other one]
    fagretninger: dict[int, list[int]] = field(default_factory=dict)  # org → track ids
    kull: dict[int, list[int]] = field(default_factory=dict)  # track → cohort ids
    brukere: dict[str, int] = field(default_factory=dict)  # username → id (the benchmark's personas)
    nye_deltakere: list[tuple[int, int]] = field(default_factory=list)  # (number, id) made in this round
    extra: dict = field(default_factory=dict)


def fyll_til(n: int, *, idag: datetime.date | None = None, skriv: Callable[[str], None] = print) -> Kontekst:
    """Grow the database to n participants; the parts add what belongs to participants [fra, n)."""
    import time

    ctx = Kontekst(idag=idag or timezone.localdate())
    fra = Deltaker.objects.count()
    for sti in GENERATORER:
        start = time.perf_counter()
        import_string(sti)(ctx, fra, n)
        skriv(f"  {sti.rsplit('.', 1)[-1]}: {time.perf_counter() - start:.1f} s")
    return ctx


def org_for(nr: int, ctx: Kontekst) -> int:
    return ctx.org[1] if (nr // DELTAKERE_PER_FAGLARER) % ANDEL_ANDRE_ORG == ANDEL_ANDRE_ORG - 1 else ctx.org[0]


def _medlemmer(ctx: Kontekst, rader: list[tuple[str, str, str, int, str]]) -> None:
    """Create users (username, first, last, org, role) that do not exist yet, with memberships."""
    finnes = set(User.objects.filter(username__in=[r[0] for r in rader]).values_list("username", flat=True))
    hash_ = ctx.extra.setdefault("passordhash", make_password(PASSORD))
    nye = [r for r in rader if r[0] not in finnes]
    brukere = User.objects.bulk_create(
        [User(username=u, first_name=f, last_name=e, password=hash_) for u, f, e, _, _ in nye], batch_size=BATCH
    )
    Medlemskap.objects.bulk_create(
        [
            Medlemskap(bruker=b, organisasjon_id=org, rolle=rolle)
            for b, (_, _, _, org, rolle) in zip(brukere, nye, strict=True)
        ],
        batch_size=BATCH,
    )


def fyll_kjerne(ctx: Kontekst, fra: int, til: int) -> None:
    """Two organisations, the benchmark's personas, tracks and cohorts (made once, then looked up)."""
    for navn, kort in [("Benchby kommune, voksenopplæringen", "Benchby"), ("NAV Benchdal", "Benchdal")]:
        org, _ = Organisasjon.objects.get_or_create(navn=navn, defaults={"kortnavn": kort})
        ctx.org.append(org.pk)
    a, b = ctx.org
    _medlemmer(
        ctx,
        [
            ("bench.koordinator", "Hanne", "Koordinator", a, Rolle.KOORDINATOR),
            ("bench.styring", "Per", "Styring", a, Rolle.STYRINGSGRUPPE),
            ("bench.koordinator.b", "Mona", "Koordinator", b, Rolle.KOORDINATOR),
        ],
    )
    User.objects.get_or_create(username="bench.admin", defaults={"is_staff": True, "is_superuser": True})
    for org in ctx.org:
        for navn, kort, intervall in [
            ("Barne- og ungdomsarbeider", "BUA", 14),
            ("Helsefagarbeider", "Helse", 14),
            ("Renholdsoperatør", "Renhold", 30),
            ("Betongfaget", "Betong", 30),
        ]:
            f, _ = Fagretning.objects.get_or_create(
                organisasjon_id=org, navn=navn, defaults={"kortnavn": kort, "besok_intervall_dager": intervall}
            )
            ctx.fagretninger.setdefault(org, []).append(f.pk)
            ctx.extra.setdefault("besok_intervall", {})[f.pk] = f.besok_intervall_dager
            for aar in range(ctx.idag.year - 5, ctx.idag.year + 1):
                k, _ = Kull.objects.get_or_create(
                    organisasjon_id=org,
                    fagretning=f,
                    navn=f"Høst {aar}",
                    defaults={"oppstart": datetime.date(aar, 8, 15)},
                )
                ctx.kull.setdefault(f.pk, []).append(k.pk)
    ctx.brukere = dict(User.objects.filter(username__startswith="bench.").values_list("username", "id"))


def fyll_arbeidsgivere(ctx: Kontekst, fra: int, til: int) -> None:
    """One workplace per 10 participants (2,000 at 20,000), four per employer, a leder and a fadder each."""
    rng = random.Random(f"arbeidsgivere-{fra}")
    sted_fra, sted_til = fra // DELTAKERE_PER_ARBEIDSSTED, max(1, til // DELTAKERE_PER_ARBEIDSSTED)
    nye_ag = []
    for s in range(sted_fra, sted_til):
        if s % ARBEIDSSTEDER_PER_ARBEIDSGIVER == 0:
            ag_nr = s // ARBEIDSSTEDER_PER_ARBEIDSGIVER
            nye_ag.append(
                Arbeidsgiver(
                    organisasjon_id=org_for(s * DELTAKERE_PER_ARBEIDSSTED, ctx),
                    navn=f"{rng.choice(ETTERNAVN)} {rng.choice(BRANSJENAVN)} AS {ag_nr}",
                    orgnr=f"{900_000_000 + ag_nr}",
                    sektor=rng.choice(Arbeidsgiver.Sektor.values),
                    bransje=rng.choice(["Helse", "Oppvekst", "Bygg og anlegg", "Renhold"]),
                    godkjent_laerebedrift=ag_nr % 3 != 0,
                )
            )
    Arbeidsgiver.objects.bulk_create(nye_ag, batch_size=BATCH)
    ag_ids = list(Arbeidsgiver.objects.filter(organisasjon_id__in=ctx.org).order_by("pk").values_list("pk", flat=True))
    steder = Arbeidssted.objects.bulk_create(
        [
            Arbeidssted(
                organisasjon_id=org_for(s * DELTAKERE_PER_ARBEIDSSTED, ctx),
                arbeidsgiver_id=ag_ids[s // ARBEIDSSTEDER_PER_ARBEIDSGIVER],
                navn=f"Arbeidssted {s}",
                adresse=f"Benchveien {s}, 1470 Benchby",
                kapasitet=rng.randint(1, 4),
            )
            for s in range(sted_fra, sted_til)
        ],
        batch_size=BATCH,
    )
    kontakter = [
        Kontaktperson(
            organisasjon_id=sted.organisasjon_id,
            arbeidssted=sted,
            rolle=rolle,
            navn=f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
            har_fagbrev=rolle == "fadder",
        )
        for sted in steder
        for rolle in ("leder", "fadder")
    ]
    Kontaktperson.objects.bulk_create(kontakter, batch_size=BATCH)
    alle = Arbeidssted.objects.filter(organisasjon_id__in=ctx.org)
    ctx.extra["arbeidssteder"] = dict(alle.values_list("navn", "pk"))
    ctx.extra["arbeidsgiver_for_sted"] = dict(alle.values_list("pk", "arbeidsgiver_id"))
    ctx.extra["fadder_for_sted"] = dict(
        Kontaktperson.objects.filter(organisasjon_id__in=ctx.org, rolle="fadder").values_list("arbeidssted_id", "pk")
    )


def fyll_deltakere(ctx: Kontekst, fra: int, til: int) -> None:
    """Participants in blocks of 40 with the same faglærer (a teacher's load), in varied statuses."""
    blokker = range(fra // DELTAKERE_PER_FAGLARER, -(-til // DELTAKERE_PER_FAGLARER))
    _medlemmer(
        ctx,
        [
            (f"bench.faglarer.{b}", "Faglærer", f"nr. {b}", org_for(b * DELTAKERE_PER_FAGLARER, ctx), Rolle.FAGLARER)
            for b in blokker
        ]
        + [
            (
                f"bench.norsklarer.{b // 5}",
                "Norsklærer",
                f"nr. {b // 5}",
                org_for(b * DELTAKERE_PER_FAGLARER, ctx),
                Rolle.NORSKLARER,
            )
            for b in blokker
            if b % 5 == 0
        ],
    )
    larere = dict(User.objects.filter(username__startswith="bench.").values_list("username", "id"))
    ctx.brukere = larere
    rng = random.Random(f"deltakere-{fra}")
    rader, lop = [], {}
    for nr in range(fra, til):
        blokk = nr // DELTAKERE_PER_FAGLARER
        org = org_for(nr, ctx)
        fagretning = ctx.fagretninger[org][blokk % len(ctx.fagretninger[org])]
        status = rng.choice(_STATUSER)
        lop[nr] = forlop.lop_for(nr, status, ctx.idag)
        har_larer = status not in (Deltaker.Status.HENVIST, Deltaker.Status.KARTLAGT, Deltaker.Status.AVSLATT)
        fodselsdato = datetime.date(1975 + nr % 30, 1 + nr % 12, 1 + nr % 28)
        fornavn, etternavn = _navn(rng, FORNAVN), _navn(rng, ETTERNAVN)
        rader.append(
            Deltaker(
                organisasjon_id=org,
                fornavn=fornavn,
                etternavn=etternavn,
                navn_sok=sokeform(f"{fornavn} {etternavn}"),  # bulk_create skips save()
                fodselsnummer=f"{10_000_000_000 + nr}",
                fodselsdato=fodselsdato,
                telefon=f"4{nr:07d}"[-8:],
                epost=f"deltaker{nr}@example.no",
                fagretning_id=fagretning,
                kull_id=_kull(ctx, fagretning, lop[nr]) if har_larer else None,
                faglarer_id=larere[f"bench.faglarer.{blokk}"] if har_larer else None,
                norsklarer_id=larere[f"bench.norsklarer.{blokk // 5}"] if har_larer and blokk % 2 == 0 else None,
                status=status,
                henvist_dato=lop[nr].henvist,
                opprettet=_klokka(lop[nr].henvist),
            )
        )
    with uten_auto_now(Deltaker, "opprettet"):
        laget = Deltaker.objects.bulk_create(rader, batch_size=BATCH)
    ctx.nye_deltakere = [(fra + i, d.pk) for i, d in enumerate(laget)]
    ctx.extra["statuser"] = {d.pk: d.status for d in laget}
    ctx.extra["deltakere"] = {
        nr: Ny(nr, d.pk, d.organisasjon_id, d.status, d.fagretning_id, d.faglarer_id, d.norsklarer_id, lop[nr])
        for nr, d in zip(range(fra, til), laget, strict=True)
    }


def _kull(ctx: Kontekst, fagretning: int, lop: forlop.Lop) -> int:
    """The autumn cohort the participant started with (or will start with), within the cohorts made."""
    dato = lop.opplaering or lop[Deltaker.Status.TATT_OPP] or ctx.idag
    aar = dato.year if dato.month >= 7 else dato.year - 1
    kull = ctx.kull[fagretning]  # one per autumn, oldest first, ending with this year's
    return kull[min(max(aar - (ctx.idag.year - len(kull) + 1), 0), len(kull) - 1)]


def _klokka(dag: datetime.date, time: int = 9) -> datetime.datetime:
    """A moment on that day (registrations are stamped with when they happened, not when generated)."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(time)))


def kopier(modell, rader: list[dict]) -> None:
    """Insert many rows that no later part needs the ids of, fast: PostgreSQL's COPY, else bulk_create.

    Each row is a dict of column values (`deltaker_id`, not `deltaker`); every column left out gets the
    field's default (auto_now fields: now). A tenth of the time bulk_create needs for 200,000 visits,
    because no model instances are built and no parameter lists are bound.
    """
    if not rader:
        return
    gitt = list(rader[0])
    if connection.vendor != "postgresql":
        egne = [f.name for f in modell._meta.concrete_fields if f.attname in gitt and hasattr(f, "auto_now_add")]
        with uten_auto_now(modell, *egne):
            modell.objects.bulk_create([modell(**r) for r in rader], batch_size=BATCH)
        return
    na = timezone.now()
    resten = {}
    for f in modell._meta.concrete_fields:
        if f.primary_key or f.attname in gitt:
            continue
        verdi = na if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
        resten[f.column] = json.dumps(verdi) if isinstance(f, JSONField) else verdi
    kolonner = [modell._meta.get_field(_felt(modell, a)).column for a in gitt] + list(resten)
    fast = tuple(resten.values())
    sql = f"COPY {modell._meta.db_table} ({', '.join(kolonner)}) FROM STDIN"
    with connection.cursor() as c, c.cursor.copy(sql) as copy:
        for r in rader:
            copy.write_row((*r.values(), *fast))


def _felt(modell, attname: str) -> str:
    return next(f.name for f in modell._meta.concrete_fields if f.attname == attname)


@contextlib.contextmanager
def uten_auto_now(modell, *felter: str):
    """Let bulk_create keep the generated value of an `auto_now_add` field (a case registered last year)."""
    gamle = [(f, f.auto_now_add) for f in (modell._meta.get_field(n) for n in felter)]
    for f, _ in gamle:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, verdi in gamle:
            f.auto_now_add = verdi


def fyll_plasseringer(ctx: Kontekst, fra: int, til: int) -> None:
    """A placement from the training's start at the workplace of the participant's number (every fourth
    started at a neighbouring workplace and moved half-way); open while the case runs, closed at its end."""
    steder = ctx.extra["arbeidssteder"]
    fadder = ctx.extra["fadder_for_sted"]
    rader = []
    apne = {}
    for d in ctx.extra["deltakere"].values():
        start = d.lop.opplaering
        if start is None:
            continue
        sted = steder[f"Arbeidssted {d.nr // DELTAKERE_PER_ARBEIDSSTED}"]
        slutt = d.lop.slutt
        sist = slutt or ctx.idag
        if d.nr % 4 == 0 and d.nr >= 20 and (sist - start).days > 120:
            tidligere = steder[f"Arbeidssted {(d.nr // DELTAKERE_PER_ARBEIDSSTED) ^ 1}"]
            bytte = start + datetime.timedelta(days=(sist - start).days // 2)
            rader.append(
                Plassering(
                    organisasjon_id=d.org,
                    deltaker_id=d.pk,
                    arbeidssted_id=tidligere,
                    fadder_id=fadder.get(tidligere),
                    fra=start,
                    til=bytte - datetime.timedelta(days=1),
                    ekstra_person_bekreftet=True,
                )
            )
            start = bytte
        rad = Plassering(
            organisasjon_id=d.org,
            deltaker_id=d.pk,
            arbeidssted_id=sted,
            fadder_id=fadder.get(sted),
            fra=start,
            til=slutt,
            # the leder confirms the extra person in the first weeks; the newest placements wait for it
            ekstra_person_bekreftet=(ctx.idag - start).days > 21,
        )
        rader.append(rad)
        if slutt is None:
            apne[d.pk] = rad
    Plassering.objects.bulk_create(rader, batch_size=BATCH)
    ctx.extra["apen_plassering"] = {pk: (p.pk, p.arbeidssted_id) for pk, p in apne.items()}
    ctx.extra["siste_plassering"] = {p.deltaker_id: (p.pk, p.arbeidssted_id) for p in rader}


def fyll_hendelser(ctx: Kontekst, fra: int, til: int) -> None:
    """Each participant's timeline: registered, then a status change or two."""
    ct = ContentType.objects.get_for_model(Deltaker).pk
    koordinator = ctx.brukere.get("bench.koordinator")
    na = timezone.now()
    rader = []
    for nr, pk in ctx.nye_deltakere:
        for i, handling in enumerate(
            ["deltakere.deltaker.registrert", "deltakere.deltaker.status_endret", "deltakere.deltaker.endret"][
                : 1 + nr % 3
            ]
        ):
            rader.append(
                {
                    "tidspunkt": na - datetime.timedelta(days=400 - 100 * i + nr % 50),
                    "utfort_av_id": koordinator,
                    "organisasjon_id": org_for(nr, ctx),
                    "handling": handling,
                    "objekt_type_id": ct,
                    "objekt_id": str(pk),
                    "deltaker_id": pk,
                    "beskrivelse": "Registrert" if i == 0 else "Endret",
                }
            )
    kopier(Hendelse, rader)
