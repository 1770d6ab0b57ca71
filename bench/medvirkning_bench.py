"""Benchmark (not a test): from the coordinator's click to the e-mail leaving, and the link pages'
server times.

    .venv/bin/python bench/medvirkning_bench.py              # eager: the mail is sent in the request
    .venv/bin/python bench/medvirkning_bench.py --worker     # a real Celery worker, Redis db 5

Builds a fresh SQLite database in a temporary folder (BENCH_DATABASE_URL to use another). The time
to the e-mail is the link row's `sendt` (set the moment send_mail returns, in whichever process
sent it) minus the moment before the coordinator's POST. «Signing» sends three links and first
freezes the agreement as a PDF version; «goals» sends one link and makes no PDF. Page times are
the in-process response times of the Django test client (server time, no network), median of
--runder runs.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
REDIS = "redis://127.0.0.1:6379/5"


def sett_opp(worker: bool) -> dict:
    tmp = tempfile.mkdtemp(prefix="fagbrev-medv-bench-")
    env = {
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
        "FAGBREV_TESTING": "true",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver,localhost",
        "TOTP_PAKREVD": "false",  # force_login cannot pass a second factor
        "SECRET_KEY": "bench-" + "x" * 50,
        "EMAIL_URL": "consolemail://" if worker else "memorymail://",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": f"{tmp}/media",
        "DJANGO_SETTINGS_MODULE": "fagbrev.settings",
    }
    if worker:
        env["REDIS_URL"] = REDIS
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.update(env)
    import logging
    import warnings

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("celery").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def data(antall: int):
    from arbeidsgivere.tests.factories import ArbeidsstedFactory, AvtaleFactory, KontaktpersonFactory, PlasseringFactory
    from deltakere.tests.factories import DeltakerFactory, InntakssamtaleFactory
    from fagbrev.tests.factories import FagretningFactory, OrganisasjonFactory, bruker_med_rolle
    from lop.services import planpunkt_opprett
    from oppfolging.tests.factories import VurderingssamtaleFactory

    org = OrganisasjonFactory(navn="Lørenskog kommune", kortnavn="Lørenskog")
    koordinator = bruker_med_rolle(org, "koordinator", username="koordinator")
    fagretning = FagretningFactory(organisasjon=org, navn="Barne- og ungdomsarbeider", kortnavn="BUA")
    saker = []
    for i in range(antall):
        deltaker = DeltakerFactory(fagretning=fagretning, epost=f"d{i}@example.no")
        InntakssamtaleFactory(deltaker=deltaker)
        sted = ArbeidsstedFactory(arbeidsgiver__organisasjon=org)
        KontaktpersonFactory(arbeidssted=sted, rolle="leder", navn=f"Leder {i}", epost=f"l{i}@example.no")
        fadder = KontaktpersonFactory(arbeidssted=sted, rolle="fadder", navn=f"Fadder {i}", epost=f"f{i}@example.no")
        plassering = PlasseringFactory(deltaker=deltaker, arbeidssted=sted, fadder=fadder)
        AvtaleFactory(plassering=plassering)
        for oppgave in ("Samlingsstund", "Tur", "Praksisfortelling"):
            planpunkt_opprett(deltaker=deltaker, utfort_av=koordinator, oppgave=oppgave)
        VurderingssamtaleFactory(
            deltaker=deltaker, fadder=fadder, planlagt_dato=datetime.date.today(), registrert_av=koordinator
        )
        saker.append(deltaker)
    return koordinator, saker


def vent_pa_epost(deltaker, handling: str, antall: int, frist: float = 30.0) -> float:
    from medvirkning.models import Lenke

    slutt = time.monotonic() + frist
    while time.monotonic() < slutt:
        sendt = list(
            Lenke.objects.filter(deltaker=deltaker, handling=handling, sendt__isnull=False).values_list(
                "sendt", flat=True
            )
        )
        if len(sendt) >= antall:
            return max(sendt).timestamp()
        time.sleep(0.005)
    raise TimeoutError("ingen e-post innen fristen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runder", type=int, default=9)
    args = parser.parse_args()
    env = sett_opp(args.worker)
    from django.test import Client

    koordinator, saker = data(args.runder)
    arbeider = None
    if args.worker:
        import redis

        redis.Redis.from_url(REDIS).flushdb()  # db 5 is this benchmark's own
        # our own venv's celery with fixed arguments
        arbeider = subprocess.Popen(  # noqa: S603
            [str(ROT / ".venv/bin/celery"), "-A", "fagbrev", "worker", "-l", "WARNING", "-c", "1", "-P", "solo"],
            cwd=ROT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(4)
    klient = Client()
    klient.force_login(koordinator)
    resultat: dict[str, list[float]] = {"signering (3 e-poster, med PDF)": [], "mål (1 e-post)": []}
    try:
        for deltaker in saker:
            for navn, handling, antall in [
                ("signering (3 e-poster, med PDF)", "signer_avtale", 3),
                ("mål (1 e-post)", "marker_mal", 1),
            ]:
                t0 = time.time()
                svar = klient.post(f"/medvirkning/deltakere/{deltaker.pk}/send/", {"handling": handling})
                assert svar.status_code == 302, svar.status_code
                resultat[navn].append((vent_pa_epost(deltaker, handling, antall) - t0) * 1000)
    finally:
        if arbeider is not None:
            arbeider.terminate()
            arbeider.wait(10)
    modus = "Celery-arbeider mot Redis db 5" if args.worker else "eager (i forespørselen)"
    print(f"Fra klikk til e-post sendt, {modus}, median (min–maks) av {args.runder}:")
    for navn, tider in resultat.items():
        print(f"  {navn}: {statistics.median(tider):.0f} ms ({min(tider):.0f}–{max(tider):.0f})")
    if not args.worker:
        sidetider(saker, args.runder)


def sidetider(saker, runder: int) -> None:
    import re

    from django.core import mail
    from django.test import Client

    from medvirkning import services
    from medvirkning.models import Lenke

    tokens = {}
    for melding in mail.outbox:
        token = re.search(r"/lenke/([A-Za-z0-9_-]{40,})/", melding.body).group(1)
        lenke = services.lenke_finn(token=token)
        if lenke is not None:
            tokens.setdefault((lenke.handling, lenke.part), []).append(token)
    klient = Client()

    def mal(sti: str, metode: str = "get", data=None) -> float:
        t0 = time.perf_counter()
        getattr(klient, metode)(sti, data or {})
        return (time.perf_counter() - t0) * 1000

    print(f"Sidetider (server, i prosess), median av {runder}:")
    for (handling, part), navn in [
        (("signer_avtale", "fadder"), "GET signeringsside (fadder)"),
        (("signer_avtale", "leder"), "GET signeringsside (leder)"),
        (("marker_mal", "fadder"), "GET mål-side"),
    ]:
        token = tokens[(handling, part)][0]
        print(f"  {navn}: {statistics.median(mal(f'/lenke/{token}/') for _ in range(runder)):.1f} ms")
    token = tokens[("signer_avtale", "fadder")][0]
    print(f"  GET avtalens PDF: {statistics.median(mal(f'/lenke/{token}/avtale.pdf') for _ in range(runder)):.1f} ms")
    print(f"  GET ugyldig lenke: {statistics.median(mal(f'/lenke/{"x" * 43}/') for _ in range(runder)):.1f} ms")
    from django.core.cache import cache

    cache.clear()
    tider = []
    for deltaker, token in zip(saker, tokens[("signer_avtale", "fadder")], strict=False):
        lenke = services.lenke_finn(token=token)
        tider.append(mal(f"/lenke/{token}/", "post", {"navn": lenke.kontaktperson.navn, "lest": "on"}))
        del deltaker
    print(f"  POST signatur (fadder): {statistics.median(tider):.1f} ms")
    tider = []
    for token in tokens[("marker_mal", "fadder")]:
        lenke = Lenke.objects.get(token_hash=services.token_hash(token))
        data = {f"utfort_{p.pk}": "on" for p in lenke.deltaker.opplaeringsplan.all()}
        tider.append(mal(f"/lenke/{token}/", "post", data))
    print(f"  POST mål (3 punkter): {statistics.median(tider):.1f} ms")


if __name__ == "__main__":
    main()
