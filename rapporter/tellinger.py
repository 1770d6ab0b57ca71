"""The dashboard's pre-aggregated counts (rapporter.models.Telling): kept, and read.

Keeping them: a trigger on every source table marks the participant a write touched, in the writer's
transaction, whichever service (or bulk load) wrote it. `telling_oppdater` takes the marks, works out
each marked participant's contribution afresh from her rows (a few dozen at most), and adds the
difference from what she contributed before. It runs before every read of the figures (the
dashboard, the annual report) and on Celery beat every minute, so the figures are never behind the
rows they count. `telling_bygg` counts everybody again (after a restore, or to check).

Reading them: a period's count is the sum of its months' rows for a few hundred groups; the status at
a period's end is the sum of the +1/−1 rows up to its last month. No read touches a participant row,
so the cost does not grow with the history or the number of participants.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from deltakere import statusgrupper
from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall
from fagbrev.datoregning import semester_for, semester_fra_kode
from lop.models import Eksamen, Fagprove, Norskprove, Resultat
from oppfolging.models import Besok, Vurderingssamtale
from oppfolging.selectors import Semestertall

from .gruppering import NAA, sporringsrader
from .models import Bidrag, Telling, Uoppdatert

S = Deltaker.Status
T = Utfall.Tidspunkt
SI = Utfall.Situasjon

BUNKE = 2000  # participants recomputed per round
LAS = 7_419_001  # PostgreSQL advisory lock: one recomputation at a time (see telling_oppdater)

NORSKMAL = [Norskprove.Ferdighet.MUNTLIG, Norskprove.Ferdighet.SKRIFTLIG]  # the skills a track sets a goal for

Nokkel = tuple[int, int, int, str, datetime.date]  # organisation, track, cohort (0: none), kind, month/day


def maned(dato: datetime.date) -> datetime.date:
    return dato.replace(day=1)


def utfallsklasse(situasjon: str | None) -> str:
    """The outcome tables' four columns."""
    if situasjon is None:
        return "mangler"
    if situasjon in Utfall.I_ARBEID:
        return "arbeid"
    return "utdanning" if situasjon == SI.UTDANNING else "annet"


def status_ved(endringer: list[tuple[datetime.date, int, str, str]], dag: datetime.date, naa: str) -> str:
    """The status in force at the end of `dag`, by deltakere's one rule (`status_pa_dato`): the last
    change on or before it (by date, then id); before her first change, the status that change left;
    without any change, the status she has now."""
    siste = None
    for dato, _pk, til, fra in endringer:
        if dato > dag:
            return siste if siste is not None else fra
        siste = til
    return siste if siste is not None else naa


def _siste_i_maneden(m: datetime.date) -> datetime.date:
    return (m.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


def bidrag_for(ids: Iterable[int]) -> dict[int, Counter]:
    """Each participant's contribution {key: n}, from her rows (a handful of grouped queries for a batch)."""
    ids = list(ids)
    ut: dict[int, Counter] = {pk: Counter() for pk in ids}
    deltakere = {
        d["pk"]: d
        for d in Deltaker.objects.filter(pk__in=ids).values(
            "pk",
            "organisasjon_id",
            "fagretning_id",
            "kull_id",
            "status",
            "henvist_dato",
            "opprettet",
            "fagretning__norskmal_muntlig",
            "fagretning__norskmal_skriftlig",
        )
    }
    endringer: dict[int, list] = defaultdict(list)
    for e in (
        Statusendring.objects.filter(deltaker_id__in=ids)
        .values_list("deltaker_id", "organisasjon_id", "dato", "pk", "til_status", "fra_status")
        .order_by("deltaker_id", "dato", "pk")
    ):
        endringer[e[0]].append(e[1:])
    utfall: dict[int, dict[str, str]] = defaultdict(dict)
    for pk, tidspunkt, situasjon in Utfall.objects.filter(deltaker_id__in=ids).values_list(
        "deltaker_id", "tidspunkt", "situasjon"
    ):
        utfall[pk][tidspunkt] = situasjon
    avbrudd = Avbrudd.objects.filter(deltaker_id__in=ids).values_list(
        "deltaker_id", "organisasjon_id", "dato", "kategori"
    )
    besok = (
        Besok.objects.filter(deltaker_id__in=ids)
        .annotate(m=TruncMonth("dato"))
        .values_list("deltaker_id", "organisasjon_id", "m")
        .annotate(n=Count("pk"))
        .order_by()
    )

    def legg(pk: int, org: int, hva: str, dato: datetime.date, n: int = 1) -> None:
        d = deltakere.get(pk)
        if d is not None and n:
            ut[pk][(org, d["fagretning_id"], d["kull_id"] or 0, hva, dato)] += n

    for pk, d in deltakere.items():
        org, naa = d["organisasjon_id"], d["status"]
        if d["henvist_dato"]:
            legg(pk, org, "henvist", maned(d["henvist_dato"]))
        legg(pk, org, f"naa:{naa}", NAA)
        mine = endringer.get(pk, [])
        for e_org, dato, _pk, til, _fra in mine:
            legg(pk, e_org, f"til:{til}", maned(dato))
        # The status in force at each month's end, from the month she was registered: +1 where it starts,
        # −1/+1 in a month where it changes.
        kjede = [(dato, e_pk, til, fra) for _org, dato, e_pk, til, fra in mine]
        start = maned(timezone.localtime(d["opprettet"]).date())
        forrige = status_ved(kjede, _siste_i_maneden(start), naa)
        legg(pk, org, f"st:{forrige}", start)
        for m in sorted({maned(dato) for dato, *_ in kjede if maned(dato) > start}):
            na = status_ved(kjede, _siste_i_maneden(m), naa)
            if na != forrige:
                legg(pk, org, f"st:{forrige}", m, -1)
                legg(pk, org, f"st:{na}", m)
                forrige = na
        u = utfall.get(pk, {})
        siste_utfall = u.get(T.SEKS_MANEDER) or u.get(T.VED_FULLFORING)
        if naa == S.FULLFORT:
            if siste_utfall in Utfall.I_ARBEID:
                legg(pk, org, "naa_arbeid", NAA)
            fullfort = [dato for _o, dato, _p, til, _f in mine if til == S.FULLFORT]
            if fullfort:
                dag = max(fullfort)
                legg(pk, org, f"ved:{utfallsklasse(u.get(T.VED_FULLFORING))}", dag)
                legg(pk, org, f"seks:{utfallsklasse(u.get(T.SEKS_MANEDER))}", dag)
    for pk, org, dato, kategori in avbrudd:
        legg(pk, org, f"avbrudd:{kategori}", maned(dato))
    for pk, org, m, n in besok:
        legg(pk, org, "besok", m if isinstance(m, datetime.date) else datetime.date.fromisoformat(str(m)[:10]), n)
    _resultater_og_samtaler(ids, deltakere, legg)
    return ut


def semesterstart(kode: str) -> datetime.date | None:
    """The first day of the semester an assessment meeting's code names ('2026H'); None for anything else."""
    if len(kode or "") != 5 or not kode[:4].isdigit() or kode[4] not in "VH":
        return None
    return semester_fra_kode(kode).start


def _resultater_og_samtaler(ids: list[int], deltakere: dict[int, dict], legg) -> None:
    """Her exams and fagprøver taken (with a result) and passed, by month; the Norwegian goal reached,
    once per semester and once per year (it counts participants, not tests); assessment meetings held,
    on the first day of their semester; while she is followed up at the workplace, her meetings not yet
    held (on their semester's first day) and the semester of her last one held (part of `bidrag_for`)."""
    for modell, navn, felt in ((Eksamen, "eksamen", "eksamensdato"), (Fagprove, "fagprove", "provedato")):
        rader = modell.objects.filter(deltaker_id__in=ids, **{f"{felt}__isnull": False}).exclude(resultat="")
        for pk, org, dato, resultat in rader.values_list("deltaker_id", "organisasjon_id", felt, "resultat"):
            legg(pk, org, f"{navn}:avlagt", maned(dato))
            if resultat == Resultat.BESTATT:
                legg(pk, org, f"{navn}:bestatt", maned(dato))
    norsk = Norskprove.objects.filter(deltaker_id__in=ids, ferdighet__in=NORSKMAL).exclude(niva="")
    nadd: set[tuple] = set()
    for pk, org, dato, ferdighet, niva in norsk.values_list(
        "deltaker_id", "organisasjon_id", "dato", "ferdighet", "niva"
    ):
        d = deltakere.get(pk)
        # CEFR codes sort as text in level order (A1 < A2 < B1 < B2 < C1), as the database compares them
        if d is not None and niva >= (d[f"fagretning__norskmal_{ferdighet}"] or ""):
            nadd.add((pk, org, f"norsk:{ferdighet}", semester_for(dato).start))
            nadd.add((pk, org, f"norsk_ar:{ferdighet}", dato.replace(month=1, day=1)))
    for pk, org, hva, dato in sorted(nadd):
        legg(pk, org, hva, dato)
    siste: dict[int, datetime.date] = {}
    samtaler = Vurderingssamtale.objects.filter(deltaker_id__in=ids)
    for pk, org, kode, holdt in samtaler.values_list("deltaker_id", "organisasjon_id", "semester", "holdt_dato"):
        start = semesterstart(kode)
        if holdt is not None:
            siste[pk] = max(holdt, siste.get(pk, holdt))
            if start is not None:
                legg(pk, org, "samtale", start)
        elif start is not None and deltakere.get(pk, {}).get("status") in statusgrupper.PA_ARBEIDSPLASSEN:
            legg(pk, deltakere[pk]["organisasjon_id"], "samtale_planlagt", start)
    # my overview's semester figures: who is followed up today by the semester of her last meeting held
    # (oppfolging.selectors.semesterstatus), in her organisation now
    for pk, d in deltakere.items():
        if d["status"] in statusgrupper.PA_ARBEIDSPLASSEN and pk in siste:
            legg(pk, d["organisasjon_id"], "samtale_siste", semester_for(siste[pk]).start)


def _legg_til(endring: Counter) -> None:
    """Add signed amounts to the counts (one upsert per key; keys in order, so two writers lock alike)."""
    rader = [(*k, n) for k, n in sorted(endring.items()) if n]
    if not rader:
        return
    with connection.cursor() as c:
        c.executemany(
            "INSERT INTO rapporter_telling (organisasjon_id, fagretning_id, kull_id, hva, dato, n) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (organisasjon_id, hva, dato, fagretning_id, kull_id) "
            "DO UPDATE SET n = rapporter_telling.n + excluded.n",
            rader,
        )


TA = (
    "DELETE FROM rapporter_uoppdatert WHERE deltaker_id IN "
    "(SELECT deltaker_id FROM rapporter_uoppdatert LIMIT %s) RETURNING deltaker_id"
)


def merker_ta(grense: int, sql: str = TA) -> list[int]:
    """Take up to `grense` marks (`sql`: the DELETE … RETURNING of a table of marks): what this
    transaction deletes is its own to recompute."""
    with connection.cursor() as c:
        c.execute(sql, [grense])
        return [r[0] for r in c.fetchall()]


def las(nokkel: int = LAS) -> None:
    """One recomputation at a time: two of one participant at once would both take away her old part.
    (SQLite has one writer at a time anyway.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_advisory_xact_lock(%s)", [nokkel])


def telling_oppdater(*, grense: int = BUNKE) -> int:
    """Recompute the marked participants (up to `grense`); returns how many. One query when none is marked."""
    if not Uoppdatert.objects.exists():
        return 0
    with transaction.atomic():
        las()
        ids = merker_ta(grense)
        if not ids:
            return 0
        endring: Counter = Counter()
        gamle = Bidrag.objects.filter(deltaker_id__in=ids)
        for b in gamle.values_list("organisasjon_id", "fagretning_id", "kull_id", "hva", "dato", "n"):
            endring[b[:5]] -= b[5]
        nye = bidrag_for(ids)
        for bidrag in nye.values():
            endring.update(bidrag)
        _legg_til(endring)
        gamle.delete()
        Bidrag.objects.bulk_create(
            Bidrag(deltaker_id=pk, organisasjon_id=o, fagretning_id=f, kull_id=k, hva=h, dato=d, n=n)
            for pk, bidrag in nye.items()
            for (o, f, k, h, d), n in bidrag.items()
        )
    return len(ids)


def til_ingen_er_merket(oppdater: Callable[[], int]) -> int:
    """Run a recount (`oppdater`: one batch of marks, returns how many) until no mark is left; returns how
    many in all."""
    i_alt = 0
    while n := oppdater():
        i_alt += n
    return i_alt


def telling_oppdater_alle() -> int:
    """Recompute every marked participant, a batch at a time."""
    return til_ingen_er_merket(telling_oppdater)


def telling_bygg() -> int:
    """Count everybody again from the rows: forget every contribution, mark every participant, recompute.
    (A reader in between finds everyone marked and does the counting itself.)"""
    with transaction.atomic():
        las()
        Telling.objects.all().delete()
        Bidrag.objects.all().delete()
        with connection.cursor() as c:
            c.execute(
                "INSERT INTO rapporter_uoppdatert (deltaker_id) SELECT id FROM deltakere_deltaker "
                "WHERE true ON CONFLICT DO NOTHING"  # WHERE: SQLite would read ON as a join's
            )
    return telling_oppdater_alle()


# --- reading ---------------------------------------------------------------------------------------


def _nokkel(dim_navn: str, fagretning_id: int, kull_id: int):
    return (kull_id or None, fagretning_id) if dim_navn == "kull" else fagretning_id


def summer(
    org_ids: set[int],
    dim_navn: str,
    hva: Iterable[str],
    fra: datetime.date | None,
    til: datetime.date,
) -> dict:
    """{row key: {kind: n}}: the kinds' rows with a date in [fra, til] (None: from the beginning), per
    track (key: track id) or cohort (key: (cohort id or None, track id))."""
    qs = Telling.objects.filter(organisasjon_id__in=org_ids, hva__in=list(hva), dato__lte=til)
    if fra is not None:
        qs = qs.filter(dato__gte=fra)
    ut: dict = {}
    # grouped by track and cohort both: inside `samme_tall` the track table and the cohort table share it
    for r in sporringsrader(qs.values("fagretning_id", "kull_id", "hva").annotate(n=Sum("n")).order_by()):
        mal = ut.setdefault(_nokkel(dim_navn, r["fagretning_id"], r["kull_id"]), {})
        mal[r["hva"]] = mal.get(r["hva"], 0) + r["n"]
    return ut


def per_dato(org_ids: set[int], hva: Iterable[str], fra: datetime.date, til: datetime.date) -> list[tuple]:
    """(kind, month, n) over every track, for the trends."""
    return list(
        Telling.objects.filter(organisasjon_id__in=org_ids, hva__in=list(hva), dato__gte=fra, dato__lte=til)
        .values_list("hva", "dato")
        .annotate(n=Sum("n"))
        .order_by()
    )


def i_vinduer(
    org_ids: set[int], hva: Iterable[str], vinduer: dict[str, tuple[datetime.date | None, datetime.date]]
) -> dict[str, int]:
    """{name: n}: the kinds' rows with a date in each window [fra, til] (fra None: from the beginning),
    over every track, in one query (e.g. the status in force at each semester's end)."""
    qs = Telling.objects.filter(organisasjon_id__in=org_ids, hva__in=list(hva))
    summer_ = qs.aggregate(
        **{
            navn: Sum("n", filter=Q(dato__lte=til) & (Q(dato__gte=fra) if fra is not None else Q()))
            for navn, (fra, til) in vinduer.items()
        }
    )
    return {navn: n or 0 for navn, n in summer_.items()}


# --- my overview (registered with deltakere and oppfolging in apps.py) -------------------------------


def naa_per_status(*, org_ids: set[int]) -> dict[tuple[int, int, str], int]:
    """{(organisation, track, status): n}: today's participants of whole organisations (the kinds «naa:»).
    Reads what the last recomputation left: my overview runs it first (`for_oversikt`)."""
    if not org_ids:
        return {}
    rader = (
        Telling.objects.filter(organisasjon_id__in=org_ids, hva__in=[f"naa:{s}" for s in S.values], dato=NAA)
        .values_list("organisasjon_id", "fagretning_id", "hva")
        .annotate(n=Sum("n"))
        .order_by()
    )
    return {(org, spor, hva.removeprefix("naa:")): n for org, spor, hva, n in rader if n}


def semestertall(*, org_ids: set[int], semester) -> Semestertall:
    """Whole organisations' participants followed up at the workplace, those of them whose last assessment
    meeting held is in `semester` or later, and their meetings of `semester` not yet held. Reads what the
    last recomputation left: my overview runs it first (`for_oversikt`)."""
    aktive = [f"naa:{s}" for s in statusgrupper.PA_ARBEIDSPLASSEN]
    tall = Telling.objects.filter(
        organisasjon_id__in=org_ids, hva__in=[*aktive, "samtale_siste", "samtale_planlagt"]
    ).aggregate(
        aktive=Sum("n", filter=Q(hva__in=aktive, dato=NAA)),
        holdt=Sum("n", filter=Q(hva="samtale_siste", dato__gte=semester.start)),
        planlagt=Sum("n", filter=Q(hva="samtale_planlagt", dato=semester.start)),
    )
    return Semestertall(**{navn: n or 0 for navn, n in tall.items()})
