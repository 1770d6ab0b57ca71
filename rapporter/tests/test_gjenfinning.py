"""No suppressed number can be worked back out of the semester dashboard or the annual report.

For small generated data sets (1–4 participants per track, two or three tracks with their own visit
rhythms, cohorts and participants without one), the attacker in `angrep.py` reads the steering
group's Excel export — every table and every trend — and reasons with all that is known about how
the numbers are made, until nothing changes. No hidden cell may be left with only one possible value.
The page and the PDF must show exactly the cells of the export, so the attack covers them too.
"""

from __future__ import annotations

import datetime
import html as htmlmod
import random
import re

import pytest
import time_machine

from deltakere.models import Avbrudd, Deltaker, Statusendring, Utfall
from deltakere.tests.factories import DeltakerFactory
from fagbrev.tests.factories import FagretningFactory, KullFactory
from lop.models import Fagprove
from lop.tests.factories import EksamenFactory, laerekontrakt
from oppfolging.tests.factories import BesokFactory, VurderingssamtaleFactory

from .angrep import MAKS, Angriper, les_excel

S = Deltaker.Status
D = datetime.date
AR = 2026
SEMESTER = {"semester": f"{AR}-host"}
ARET = {"ar": str(AR)}


@pytest.fixture(autouse=True)
def idag():
    with time_machine.travel(datetime.datetime(AR, 12, 20, 12, 0), tick=False):
        yield


def _dag(rng: random.Random, fra: D, til: D) -> D:
    return fra + datetime.timedelta(days=rng.randint(0, (til - fra).days))


def _endring(d, til, dato, bruker):
    Statusendring.objects.create(
        organisasjon=d.organisasjon, deltaker=d, fra_status=S.HENVIST, til_status=til, dato=dato, begrunnelse="T",
        utfort_av=bruker,
    )  # fmt: skip


def lag_data(rng: random.Random, org, koordinator) -> dict:
    """Two or three tracks, 1–4 participants each, in every state the reports count; returns what the
    attacker may know besides the report (track names and rhythms, which cohort belongs to which track)."""
    aar_start, aar_slutt = D(AR, 1, 1), D(AR, 12, 15)
    spor, kull_til_spor = [], {}
    for i in range(rng.randint(2, 3)):
        intervall = rng.choice([14, 21, 30])
        fagretning = FagretningFactory(
            organisasjon=org, navn=f"Fagretning {i}", kortnavn=f"F{i}", besok_intervall_dager=intervall
        )
        alle_kull = [
            KullFactory(fagretning=fagretning, navn=f"Kull {i}{j}", oppstart=D(2025, 8, 1 + j))
            for j in range(rng.randint(0, 2))
        ]
        for k in alle_kull:
            kull_til_spor[f"F{i} {k.navn}"] = fagretning.navn
        kull_til_spor[f"F{i} uten kull"] = fagretning.navn
        spor.append((fagretning.navn, intervall))
        for _ in range(rng.randint(1, 4)):
            skjebne = rng.choice(["henvist", "aktiv", "aktiv", "permisjon", "fullfort", "avbrutt"])
            status = {"henvist": S.HENVIST, "aktiv": S.I_OPPLAERING, "permisjon": S.PERMISJON}.get(skjebne)
            d = DeltakerFactory(
                fagretning=fagretning,
                kull=rng.choice([None, *alle_kull]),
                henvist_dato=_dag(rng, D(2025, 6, 1), aar_slutt),
                status=status or (S.FULLFORT if skjebne == "fullfort" else S.AVBRUTT),
            )
            if skjebne == "henvist":
                continue
            opptak = _dag(rng, D(2025, 8, 1), D(AR, 9, 30))
            _endring(d, S.TATT_OPP, opptak, koordinator)
            _endring(d, S.I_OPPLAERING, opptak + datetime.timedelta(days=5), koordinator)
            if skjebne == "permisjon":
                _endring(d, S.PERMISJON, _dag(rng, D(AR, 10, 6), aar_slutt), koordinator)
            if skjebne == "fullfort":
                dato = _dag(rng, D(AR, 10, 6), aar_slutt)
                _endring(d, S.FULLFORT, dato, koordinator)
                Fagprove.objects.create(
                    organisasjon=org, deltaker=d, kontrakt=laerekontrakt(d), pameldt_dato=D(AR, 5, 1),
                    provedato=dato, resultat="bestatt",
                )  # fmt: skip
                situasjon = rng.choice([None, "fast", "utdanning", "arbeidssoker"])
                if situasjon:
                    Utfall.objects.create(
                        organisasjon=org, deltaker=d, tidspunkt=Utfall.Tidspunkt.VED_FULLFORING, situasjon=situasjon,
                        dato=dato, registrert_av=koordinator,
                    )  # fmt: skip
            if skjebne == "avbrutt":
                Avbrudd.objects.create(
                    organisasjon=org, deltaker=d, dato=_dag(rng, D(AR, 10, 6), aar_slutt),
                    kategori=rng.choice(list(Avbrudd.Kategori)), arsak="Fritekst", utfort_av=koordinator,
                )  # fmt: skip
            for _ in range(rng.randint(0, 3)):
                BesokFactory(deltaker=d, dato=_dag(rng, aar_start, aar_slutt), registrert_av=koordinator)
            for _ in range(rng.randint(0, 1)):
                VurderingssamtaleFactory(
                    deltaker=d, holdt_dato=_dag(rng, aar_start, aar_slutt), registrert_av=koordinator
                )
            if rng.random() < 0.5:
                EksamenFactory(
                    deltaker=d, eksamensdato=_dag(rng, aar_start, aar_slutt),
                    resultat=rng.choice(["bestatt", "ikke_bestatt"]),
                )  # fmt: skip
    return {"spor": spor, "kull_til_spor": kull_til_spor}


PAR = [
    ("Deltakere per fagretning", "Deltakere per kull"),
    ("Veien gjennom, per fagretning", "Veien gjennom, per kull"),
    ("Resultater per fagretning", "Resultater per kull"),
]
NESTET = {"Veien gjennom": "trakt", "Resultater": [(0, 1), (2, 3)]}
TRENDER = {
    "Henvisninger per semester": ("Deltakere per fagretning", "Henvist"),
    "Tatt opp per semester": ("Deltakere per fagretning", "Tatt opp"),
    "Fullført per semester": ("Deltakere per fagretning", "Fullført"),
    "Avbrudd per semester": ("Deltakere per fagretning", "Avbrutt"),
    "Arbeidsplassbesøk per semester": ("Oppfølging", "Besøk gjort"),
}


def angrip(ark: dict, kunnskap: dict, *, aarsrapport: bool) -> Angriper:
    """The attacker's model of one report (see angrep.py)."""
    a = Angriper()
    dager = 365 if aarsrapport else 153  # Høst: 1 August – 31 December
    semestre = [f"Vår {AR}", f"Høst {AR}"] if aarsrapport else [f"Høst {AR}"]
    rytme = {navn: dager // intervall for navn, intervall in kunnskap["spor"]}
    for tittel, t in ark.items():
        if tittel == "Praksisplasser":
            continue  # workplaces and employers, not persons: not suppressed
        andeler = {i for i, k in enumerate(t.kolonner) if "andel" in k}
        for rad, verdier in t.rader.items():
            for i, v in enumerate(verdier):
                mulige, avledet = None, False
                if tittel == "Oppfølging" and t.kolonner[i] in ("Besøk forventet", "Samtaler forventet"):
                    faktor = rytme.get(rad, 1) if t.kolonner[i] == "Besøk forventet" else len(semestre)
                    mulige = range(0, MAKS * 30) if rad == "Totalt" else {faktor * n for n in range(MAKS + 1)}
                    avledet = True
                elif i in andeler:
                    mulige, avledet = range(0, 1001), True
                a.celle((tittel, rad, t.kolonner[i]), v, mulige=mulige, avledet=avledet)
        if tittel in TRENDER:
            continue
        # columns add up to the total row; rows to the total column
        for i, kol in enumerate(t.kolonner):
            if i in andeler or (kol == "Totalt" and "Totalt" not in t.rader):
                continue
            rader = [r for r in t.rader if r != "Totalt"]
            if "Totalt" in t.rader and rader:
                a.sum_lik([(1, (tittel, r, kol)) for r in rader] + [(-1, (tittel, "Totalt", kol))])
        if t.kolonner and t.kolonner[-1] == "Totalt":
            for rad in t.rader:
                a.sum_lik([(1, (tittel, rad, k)) for k in t.kolonner[:-1]] + [(-1, (tittel, rad, "Totalt"))])
        # nested steps: each no larger than the one before
        for prefiks, par in NESTET.items():
            if tittel.startswith(prefiks):
                trinn = [(j, j + 1) for j in range(len(t.kolonner) - 1)] if par == "trakt" else par
                for rad in t.rader:
                    for st, mi in trinn:
                        a.minst((tittel, rad, t.kolonner[st]), (tittel, rad, t.kolonner[mi]))
    # a track is the sum of its cohorts, in every column
    for spor_t, kull_t in PAR:
        for spor_navn, _ in kunnskap["spor"]:
            barn = [r for r, s in kunnskap["kull_til_spor"].items() if s == spor_navn and r in ark[kull_t].rader]
            for kol in ark[spor_t].kolonner:
                a.sum_lik([(1, (kull_t, r, kol)) for r in barn] + [(-1, (spor_t, spor_navn, kol))])
        for kol in ark[spor_t].kolonner:
            a.lik((spor_t, "Totalt", kol), (kull_t, "Totalt", kol))
    # the same numbers in other tables
    for rad in ark["Deltakere per fagretning"].rader:
        a.lik(("Deltakere per fagretning", rad, "Avbrutt"), ("Avbrudd etter årsak", rad, "Totalt"))
        a.lik(("Deltakere per fagretning", rad, "Fullført"), ("Utfall ved fullføring", rad, "Totalt"))
    # what is due, made from the active participants; the shares made from done and due
    for rad in ark["Oppfølging"].rader:
        aktive = ("Deltakere per fagretning", rad, "Aktive ved slutten")
        if rad != "Totalt":
            a.funksjon(("Oppfølging", rad, "Besøk forventet"), [aktive], lambda n, f=rytme[rad]: f * n)
        a.funksjon(("Oppfølging", rad, "Samtaler forventet"), [aktive], lambda n: len(semestre) * n)
        for gjort, due, andel in (
            ("Besøk gjort", "Besøk forventet", "Besøk, andel %"),
            ("Samtaler holdt", "Samtaler forventet", "Samtaler, andel %"),
        ):
            a.prosent(("Oppfølging", rad, andel), ("Oppfølging", rad, gjort), ("Oppfølging", rad, due))
    # the trends: this period's semesters add up to the table's total
    for trend, (tittel, kol) in TRENDER.items():
        a.sum_lik([(1, (trend, s, "Antall")) for s in semestre] + [(-1, (tittel, "Totalt", kol))])
    a.resonner()
    return a


def _sannhet(ark: dict) -> dict:
    return {
        (tittel, rad, t.kolonner[i]): v
        for tittel, t in ark.items()
        for rad, verdier in t.rader.items()
        for i, v in enumerate(verdier)
    }


def _html_celler(html: str) -> dict:
    """Every table cell of the page, by table caption (tables) or heading (trends)."""
    ut = {}
    for tittel, tabell in re.findall(r'<caption class="visually-hidden">(.*?)</caption>(.*?)</table>', html, re.S):
        for rad in re.findall(r"<tr[^>]*>(.*?)</tr>", tabell, re.S):
            celler = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rad, re.S)
            tekst = [htmlmod.unescape(re.sub(r"<[^>]+>", "", c)).strip().replace("\xa0", "") for c in celler]
            if tekst and tekst[0] != "Rad":
                ut[(htmlmod.unescape(tittel), tekst[0])] = tekst[1:]
    return ut


def _som_tekst(v) -> str:
    return str(v).replace(",", "") if isinstance(v, int) else str(v)


RAPPORTER = [(False, "/rapporter/styringsgruppe/", SEMESTER), (True, "/rapporter/arsrapport/", ARET)]


@pytest.mark.parametrize("frø", range(6))
def test_no_hidden_count_can_be_worked_out_of_either_report(client, styring, koordinator, lorenskog, frø):
    kunnskap = lag_data(random.Random(frø), lorenskog, koordinator)
    for aarsrapport, url, params in RAPPORTER:
        client.force_login(koordinator)
        sannhet = _sannhet(les_excel(client.get(f"{url}excel/", params).content))
        client.force_login(styring)
        publisert = les_excel(client.get(f"{url}excel/", params).content)
        angriper = angrip(publisert, kunnskap, aarsrapport=aarsrapport)
        feil = angriper.feil_modell(sannhet)  # the attacker's model of the report holds for the truth
        assert not feil, [(n, sannhet[n], sorted(angriper.dom[n])[:10]) for n in feil[:5]]
        # Counts: a share or a due number that follows from shown numbers alone (0 % of 0 visits) tells
        # nothing hidden; one that gave away an active count would pin that count, which is checked here.
        funnet = {n: v for n, v in angriper.funnet().items() if "andel" not in n[2] and "forventet" not in n[2]}
        assert not funnet, f"{'Årsrapport' if aarsrapport else 'Semester'}: skjulte tall regnet ut: {funnet}"
        assert angriper.skjulte, "the data set should give the report something to hide"


def test_the_page_and_the_pdf_show_exactly_the_cells_of_the_export(
    client, styring, koordinator, lorenskog, monkeypatch
):
    """So that the attack on the export covers the page and the PDF."""
    lag_data(random.Random(1), lorenskog, koordinator)
    pdf_data = []
    monkeypatch.setattr("rapporter.views.render_pdf", lambda template, kontekst: pdf_data.append(kontekst) or b"%PDF")
    client.force_login(styring)
    for _, url, params in RAPPORTER:
        publisert = les_excel(client.get(f"{url}excel/", params).content)
        celler = _html_celler(client.get(url, params).content.decode())
        for tittel, t in publisert.items():
            if tittel in TRENDER:
                continue
            for rad, verdier in t.rader.items():
                assert celler[(tittel, rad)] == [_som_tekst(v) for v in verdier], (tittel, rad)
        client.get(f"{url}pdf/", params)
        data = pdf_data.pop()["data"]
        for rt in data.tabeller:
            assert dict(rt.tabell.visningsrader()) == {r: list(v) for r, v in publisert[rt.tittel].rader.items()}
        for trend in data.trender:
            assert trend.verdier == [v[0] for v in publisert[trend.tittel].rader.values()]


@pytest.mark.parametrize("aktive", [1, 2, 3])
def test_due_visits_and_meetings_are_hidden_beside_one_to_three_active_participants(
    client, styring, koordinator, fagretning, aktive
):
    """The reported case: one track, 1–3 active; «Besøk forventet» read 10/20/30 beside «<5»."""
    for d in DeltakerFactory.create_batch(aktive, fagretning=fagretning, status=S.I_OPPLAERING):
        _endring(d, S.TATT_OPP, D(AR, 8, 10), koordinator)
        _endring(d, S.I_OPPLAERING, D(AR, 8, 15), koordinator)
    client.force_login(styring)
    for _, url, params in RAPPORTER:
        oppfolging = les_excel(client.get(f"{url}excel/", params).content)["Oppfølging"]
        for rad in (fagretning.navn, "Totalt"):
            verdier = dict(zip(oppfolging.kolonner, oppfolging.rader[rad], strict=True))
            assert verdier["Besøk forventet"] == verdier["Samtaler forventet"] == "skjult", (url, verdier)
            assert verdier["Besøk, andel %"] == verdier["Samtaler, andel %"] == "skjult"


def test_the_chart_of_a_trend_is_scaled_by_the_shown_values_only(client, styring, koordinator, fagretning):
    """A hidden value is drawn at a fixed height; scaled by the largest hidden value, the bars told it."""
    DeltakerFactory.create_batch(3, fagretning=fagretning, henvist_dato=D(AR, 9, 1))
    client.force_login(styring)
    html = client.get("/rapporter/styringsgruppe/", SEMESTER).content.decode()
    blokk = html.split(">Henvisninger per semester</h3>", 1)[1].split("</section>", 1)[0]
    hoyder = re.findall(r'<rect x="20" y="[\d.]+" width="60" height="([\d.]+)"', blokk)
    # «<5» drawn as the range up to 4 on a scale of at least 10: 4/10 of the 120 px, never the full height
    assert hoyder[-1] == "48.0"
    assert 'stroke-dasharray="4 3"' in blokk  # an outlined box (a range), not a solid bar
