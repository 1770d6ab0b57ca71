"""What the benchmark measures, how, and against which targets.

Each `Maling` is one page as one user sees it. To measure a new page, add a line to MALINGER; its
`sti` gets the generator's context and returns the URL (or None if the page does not exist yet,
e.g. before its feature has landed; the row then says so).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

SOK = "Haddad"  # a surname from the common pool: about one participant in 330 has it
SAKSNUMMER = 80  # the same participant at every size: in the main organisation, with a timeline


@dataclass(frozen=True)
class Maling:
    navn: str
    bruker: str
    sti: Callable  # (ctx) -> str | None
    referanse: bool = False  # Django admin: measured for comparison, not ours
    urlconf: str | None = None  # the benchmark's own URLconf (the admin yardstick)


def _deltaker_pk(ctx) -> int:
    from deltakere.models import Deltaker

    return Deltaker.objects.get(epost=f"deltaker{SAKSNUMMER}@example.no").pk


def _arbeidsgiver_pk(ctx) -> int:
    from arbeidsgivere.models import Arbeidsgiver

    return Arbeidsgiver.objects.get(orgnr="900000000").pk


def _fagretning_pk(ctx) -> int:
    return ctx.fagretninger[ctx.org[0]][0]


REFERANSE = "bench.urls"


def _url(navn: str, *args, query: str = "", urlconf: str | None = None) -> Callable:
    def sti(ctx) -> str | None:
        try:
            return reverse(navn, args=[a(ctx) if callable(a) else a for a in args], urlconf=urlconf) + query
        except NoReverseMatch:
            return None

    return sti


def saksside_sti(ctx) -> str:
    return reverse("deltakere:detalj", args=[_deltaker_pk(ctx)])


KOORD, FAGL, STYR, ADMIN = "bench.koordinator", "bench.faglarer.0", "bench.styring", "bench.admin"

MALINGER: list[Maling] = [
    Maling("Deltakerliste, første side", KOORD, _url("deltakere:liste")),
    Maling("Deltakerliste, navnesøk", KOORD, _url("deltakere:liste", query=f"?q={SOK}")),
    Maling(
        "Deltakerliste, filter",
        KOORD,
        lambda ctx: reverse("deltakere:liste") + f"?status=i_opplaering&fagretning={_fagretning_pk(ctx)}",
    ),
    Maling("Saksside", KOORD, _url("deltakere:detalj", _deltaker_pk)),
    Maling("Arbeidsgiverliste", KOORD, _url("arbeidsgivere:liste")),
    Maling("Arbeidsgiverside", KOORD, _url("arbeidsgivere:detalj", _arbeidsgiver_pk)),
    Maling("Min oversikt, koordinator", KOORD, _url("oversikt")),
    Maling("Min oversikt, faglærer", FAGL, _url("oversikt")),
    Maling("Styringsgruppens dashbord, styring", STYR, _url("rapporter:styringsgruppe")),
    Maling("Styringsgruppens dashbord, koordinator", KOORD, _url("rapporter:styringsgruppe")),
    # The yardstick as a team would set it up (bench/admin_referanse.py): 50 rows, no full count, the
    # trigram indexes, the coordinator of one organisation.
    Maling(
        "Admin: deltakere (referanse)",
        KOORD,
        _url("referanse:deltakere_deltaker_changelist", urlconf=REFERANSE),
        referanse=True,
        urlconf=REFERANSE,
    ),
    Maling(
        "Admin: navnesøk (referanse)",
        KOORD,
        _url("referanse:deltakere_deltaker_changelist", query=f"?q={SOK}", urlconf=REFERANSE),
        referanse=True,
        urlconf=REFERANSE,
    ),
]


@dataclass
class Resultat:
    median_ms: float | None = None
    p95_ms: float | None = None
    sporringer: int | None = None
    db_ms: float | None = None  # median of the time the queries took, as Django measured them
    # median CPU time of this (the Django) process: unlike wall time, hardly longer when other
    # programs compete for the CPUs, so it shows what the page costs on a busy machine too
    cpu_ms: float | None = None
    merknad: str = ""


def logg_inn(brukernavn: str) -> Client:
    """A client logged in as the user with a verified second factor, as coordinators and admins must be.

    The user gets a confirmed TOTP device (once), and the session is marked verified by it the way
    django-otp's login does, so the pages run with the two-factor middleware as in production.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fagbrev.models import User

    user = User.objects.get(username=brukernavn)
    enhet, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    okt = client.session
    okt[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
    okt.save()
    return client


def mal(maling: Maling, ctx, *, gjentak: int = 30, oppvarming: int = 3) -> Resultat:
    """Request the page repeatedly as its user; median and 95th percentile of the time, and the queries."""
    sti = maling.sti(ctx)
    if sti is None:
        return Resultat(merknad="finnes ikke ennå")
    with override_settings(ROOT_URLCONF=maling.urlconf or settings.ROOT_URLCONF):
        client = logg_inn(maling.bruker)
        maalinger = [en_foresporsel(client, sti) for _ in range(oppvarming + gjentak)]
    return sammenfatt(maalinger[oppvarming:])


def en_foresporsel(client: Client, sti: str) -> dict:
    """One request: wall and CPU time, the queries' time as Django measured them, the queries, the status."""
    # The query log is a bounded deque (9,000 entries): once full, CaptureQueriesContext sees nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as q:
        start, cpu_start = time.perf_counter(), time.process_time()
        svar = client.get(sti)
        tid = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu_start) * 1000
    return {
        "ms": tid,
        "cpu_ms": cpu,
        "db_ms": sum(float(x["time"]) for x in q.captured_queries) * 1000,
        "sporringer": len(q.captured_queries),
        "status": svar.status_code,
    }


def sammenfatt(maalinger: list[dict]) -> Resultat:
    """Median and 95th percentile of the time, the most common query count, of requests to one page."""
    feil = next((m["status"] for m in maalinger if m["status"] != 200), None)
    if feil is not None:
        return Resultat(merknad=f"HTTP {feil}")
    tider = sorted(m["ms"] for m in maalinger)
    sporringer = [m["sporringer"] for m in maalinger]
    p95 = tider[min(len(tider) - 1, round(0.95 * (len(tider) - 1)))]
    return Resultat(
        median_ms=statistics.median(tider),
        p95_ms=p95,
        # the most common count: about once a minute a request also renews the session (3 more queries)
        sporringer=max(set(sporringer), key=sporringer.count),
        db_ms=statistics.median(m["db_ms"] for m in maalinger),
        cpu_ms=statistics.median(m["cpu_ms"] for m in maalinger),
        merknad=_varierer(sporringer),
    )


def _varierer(sporringer: list[int]) -> str:
    """A note when the query count varies by more than the occasional session renewal (+3)."""
    vanligst = max(set(sporringer), key=sporringer.count)
    andre = sorted({n for n in sporringer if n != vanligst and n != vanligst + 3})
    return f"spørringer varierer: {sorted({vanligst, *andre})}" if andre else ""


def tall_tekst(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def skriv_tabell(resultater: dict[int, dict[str, Resultat]]) -> str:
    """A Markdown table: one row per page, median / p95 ms and queries for each size."""
    storrelser = list(resultater)
    kolonne = "median / p95 ms (spørringer; db ms; cpu ms)"
    hode = "| side | " + " | ".join(f"{tall_tekst(n)}: {kolonne}" for n in storrelser) + " |"
    linjer = [hode, "|---|" + "---|" * len(storrelser)]
    for maling in MALINGER:
        celler = []
        for n in storrelser:
            r = resultater[n][maling.navn]
            if r.median_ms is None:
                celler.append(r.merknad)
            else:
                celler.append(
                    f"{r.median_ms:.1f} / {r.p95_ms:.1f} ({r.sporringer}; {r.db_ms:.1f}; {r.cpu_ms:.1f})"
                    + (f" {r.merknad}" if r.merknad else "")
                )
        linjer.append(f"| {maling.navn} | " + " | ".join(celler) + " |")
    return "\n".join(linjer)


OVERSIKT = ["Min oversikt, koordinator", "Min oversikt, faglærer"]
DASHBORD = ["Styringsgruppens dashbord, styring", "Styringsgruppens dashbord, koordinator"]
# our page → the admin yardstick it must not be slower than (median, same run, largest size)
MOT_ADMIN = {
    "Deltakerliste, første side": "Admin: deltakere (referanse)",
    "Deltakerliste, filter": "Admin: deltakere (referanse)",
    "Saksside": "Admin: deltakere (referanse)",
    "Deltakerliste, navnesøk": "Admin: navnesøk (referanse)",
}


def vurder(resultater: dict[int, dict[str, Resultat]]) -> str:
    """The targets of issue 19, each with the measured figure and OK / IKKE NÅDD: the sizes are measured
    interleaved in the same run, so the ratios compare like with like."""
    linjer = ["| mål | målt | |", "|---|---|---|"]

    def rad(mal_: str, malt: str, ok: bool | None) -> None:
        linjer.append(f"| {mal_} | {malt} | {'–' if ok is None else ('OK' if ok else 'IKKE NÅDD')} |")

    storrelser = sorted(resultater)
    minst, storst = storrelser[0], storrelser[-1]
    r = resultater[storst]
    for navn, grense in [*((n, 150) for n in DASHBORD), *((n, 100) for n in OVERSIKT)]:
        x = r[navn]
        if x.median_ms is not None:
            rad(f"{navn}: median < {grense} ms ved {tall_tekst(storst)}", f"{x.median_ms:.1f} ms", x.median_ms < grense)
    for navn, admin_navn in MOT_ADMIN.items():
        x, admin = r[navn], r[admin_navn]
        if x.median_ms is not None and admin.median_ms is not None:
            rad(
                f"{navn}: ikke tregere enn «{admin_navn}» ved {tall_tekst(storst)} (median)",
                f"{x.median_ms:.1f} ms mot {admin.median_ms:.1f} ms",
                x.median_ms <= admin.median_ms,
            )
    if storst > minst:
        for maling in MALINGER:
            a, b = resultater[minst][maling.navn], resultater[storst][maling.navn]
            if maling.referanse or not (a.median_ms and b.median_ms):
                continue
            forhold = b.median_ms / a.median_ms
            rad(
                f"{maling.navn}: median ved {tall_tekst(storst)} innen 1,5 × median ved {tall_tekst(minst)}",
                f"{forhold:.2f} ×",
                forhold <= 1.5,
            )
        ulike = [
            f"{m.navn} ({', '.join(str(resultater[n][m.navn].sporringer) for n in storrelser)})"
            for m in MALINGER
            if not m.referanse and len({resultater[n][m.navn].sporringer for n in storrelser} - {None}) > 1
        ]
        rad("Spørringer per side uavhengig av størrelse", "; ".join(ulike) or "like på alle sider", not ulike)
    sok = r["Deltakerliste, navnesøk"]
    if sok.median_ms is not None:
        rad(f"Navnesøk, median < 30 ms ved {tall_tekst(storst)}", f"{sok.median_ms:.1f} ms", sok.median_ms < 30)
    return "\n".join(linjer)
