"""Import of participants from the municipality's spreadsheet (.xlsx or .csv).

Two steps: `import_les` reads the file and says, row by row, what it would do (create, update,
nothing) or why a row is bad; `import_utfor` does it. A file with bad rows imports nothing unless the
coordinator chooses the good rows alone. Rows are matched on the identity number within the
organisation, or, for a row without one, on the name within the track among participants registered
without one; so importing the same file twice creates nothing the second time, and the file the
participant export writes (`deltakere/eksport.py`) imports as «unchanged».

A value is accepted as the app itself shows it: a track by its name or short name, a cohort as the
dropdowns write it («BUA Høst 2025») or by its own name («Høst 2025»), a referrer by its label;
without regard to case or diacritics (`fagbrev.sok.sokeform`). A message about an unknown value
lists the values allowed.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from fagbrev.identifikatorer import normaliser_fodselsnummer
from fagbrev.models import Fagretning, Kull, Organisasjon, User
from fagbrev.regneark import FORMELTEGN, KONTROLLTEGN, Tabellgrenser, les_tabell, trygg_rad
from fagbrev.services import hendelse_logg
from fagbrev.sok import sokeform

from .forms import ImportRadForm
from .models import Deltaker
from .services import deltaker_endre, deltaker_registrer

KOLONNER = [
    ("fornavn", "Fornavn", True),
    ("etternavn", "Etternavn", True),
    ("fodselsnummer", "Fødselsnummer", False),  # optional, as in the registration form
    ("fagretning", "Fagretning", True),
    ("kull", "Kull", False),
    ("telefon", "Telefon", False),
    ("epost", "E-post", False),
    ("henvist_dato", "Henvist dato", False),
    ("henvist_av", "Henvist av", False),
]
OPPDATERBARE = ("fornavn", "etternavn", "telefon", "epost")
MAKS_RADER = 2000
# The bounded reader's limits for this file (fagbrev/regneark.py). The template has 9 columns;
# 50 leaves room for the municipality's own extra columns, which are ignored; 60,000 cells is 2,000
# rows of 30 (the counting pass costs about 10 µs a cell, so this bounds it).
GRENSER = Tabellgrenser(rader=MAKS_RADER + 1, kolonner=50, celler=60_000, tomme_rader=5_000)


def _nokkel(tekst: str) -> str:
    t = str(tekst or "").strip().lower()
    for a, b in (("ø", "o"), ("å", "a"), ("æ", "ae"), ("-", ""), (" ", "_")):
        t = t.replace(a, b)
    return t


ETIKETT = {navn: etikett for navn, etikett, _ in KOLONNER}
KOLONNE_FRA_OVERSKRIFT = {_nokkel(etikett): navn for navn, etikett, _ in KOLONNER} | {
    navn: navn for navn, _, _ in KOLONNER
}


@dataclass
class Rad:
    nummer: int
    verdier: dict
    handling: str = ""  # "opprett", "oppdater", "uendret"; "" when bad
    deltaker_id: int | None = None  # the participant an "oppdater"/"uendret" row is about
    feil: list[str] = field(default_factory=list)
    endringer: list[str] = field(default_factory=list)

    @property
    def navn(self) -> str:
        return f"{self.verdier.get('fornavn', '')} {self.verdier.get('etternavn', '')}".strip()


@dataclass
class Importplan:
    rader: list[Rad]
    feil: list[str] = field(default_factory=list)  # problems with the file itself

    @property
    def gode(self) -> list[Rad]:
        return [r for r in self.rader if not r.feil]

    @property
    def darlige(self) -> list[Rad]:
        return [r for r in self.rader if r.feil]

    def antall(self, handling: str) -> int:
        return sum(1 for r in self.gode if r.handling == handling)


def _dato(verdi) -> datetime.date | None:
    if verdi in (None, ""):
        return None
    if isinstance(verdi, datetime.datetime):
        return verdi.date()
    if isinstance(verdi, datetime.date):
        return verdi
    tekst = str(verdi).strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(tekst, fmt).date()
        except ValueError:
            continue
    raise ValueError(tekst)


def _ugyldige_tegn(overskrift: list, celler: list) -> list[str]:
    """One error per cell holding a control character (a NUL byte, form feed, …): every column,
    also those the import does not use, so a broken file never passes the dry run without a word."""
    feil = []
    for nr, celle in enumerate(celler):
        if isinstance(celle, str) and KONTROLLTEGN.search(celle):
            tittel = _tekst(overskrift[nr]) if nr < len(overskrift) else ""
            feil.append(
                f"Kolonne «{KONTROLLTEGN.sub('', tittel) or nr + 1}» inneholder et ugyldig kontrolltegn "
                "(for eksempel en NUL-byte). Rett cellen i regnearket."
            )
    return feil


def _tekst(verdi) -> str:
    if verdi is None:
        return ""
    if isinstance(verdi, float) and verdi.is_integer():
        verdi = int(verdi)
    tekst = str(verdi).strip()
    if tekst.startswith("'") and tekst[1:].startswith(FORMELTEGN):
        return tekst[1:]  # the export's guard against formulas («'+47 …»), taken off again
    return tekst


def _liste(verdier) -> str:
    """Allowed values for a message: «A», «B» og «C»."""
    sitert = [f"«{v}»" for v in verdier]
    if len(sitert) <= 1:
        return "".join(sitert) or "ingen"
    return ", ".join(sitert[:-1]) + " og " + sitert[-1]


EKSEMPEL = ("Kari", "Eksempel")  # the template's example row (importmal_*): never imported


def import_les(*, innhold: bytes, filnavn: str, organisasjon: Organisasjon, idag: datetime.date) -> Importplan:
    """Read the file and plan each row. Writes nothing. A file past the reader's limits raises a
    ValidationError (the view shows it next to the file field); a bad cell is an error on its row."""
    tabell = les_tabell(innhold, filnavn, GRENSER)
    if not tabell:
        return Importplan(rader=[], feil=["Filen er tom."])
    overskrift = [KOLONNE_FRA_OVERSKRIFT.get(_nokkel(c)) for c in tabell[0]]
    mangler = [etikett for navn, etikett, pakrevd in KOLONNER if pakrevd and navn not in overskrift]
    if mangler:
        return Importplan(
            rader=[], feil=[f"Kolonner mangler: {', '.join(mangler)}. Last ned malen for å se kolonnene."]
        )

    fagretninger: dict[str, Fagretning] = {}
    alle_fagretninger = list(Fagretning.objects.filter(organisasjon=organisasjon).order_by("-aktiv", "navn"))
    for f in alle_fagretninger:
        fagretninger[sokeform(f.navn)] = f
        fagretninger.setdefault(sokeform(f.kortnavn), f)
        fagretninger.setdefault(sokeform(str(f)), f)
    aktive_spor = _liste(f"{f.navn} ({f.kortnavn})" for f in alle_fagretninger if f.aktiv)
    kull: dict[tuple[int, str], Kull] = {}
    kull_navn: dict[int, list[str]] = {}
    for k in Kull.objects.filter(organisasjon=organisasjon).select_related("fagretning").order_by("-oppstart"):
        kull[(k.fagretning_id, sokeform(k.navn))] = k
        kull.setdefault((k.fagretning_id, sokeform(str(k))), k)  # as the dropdowns show it: «BUA Høst 2025»
        kull.setdefault((k.fagretning_id, sokeform(f"{k.fagretning.navn} {k.navn}")), k)
        if not k.lukket:
            kull_navn.setdefault(k.fagretning_id, []).append(str(k))
    henvisere = {sokeform(v): v for v in Deltaker.Henviser.values} | {
        sokeform(lbl): v for v, lbl in Deltaker.Henviser.choices
    }
    rader: list[Rad] = []
    sett: dict[str, int] = {}
    for nr, celler in enumerate(tabell[1:], start=2):
        verdier = {navn: _tekst(c) for navn, c in zip(overskrift, celler, strict=False) if navn}
        for navn, c in zip(overskrift, celler, strict=False):
            if navn == "henvist_dato":
                verdier[navn] = c
        rad = Rad(nummer=nr, verdier={})
        rad.feil += _ugyldige_tegn(tabell[0], celler)
        for navn, etikett, pakrevd in KOLONNER:
            if pakrevd and not _tekst(verdier.get(navn)):
                rad.feil.append(f"{etikett} mangler.")
        tekstfelter = ImportRadForm({n: verdier.get(n, "") for n in OPPDATERBARE})
        if not tekstfelter.is_valid():
            for navn, meldinger in tekstfelter.errors.items():
                if KONTROLLTEGN.search(verdier.get(navn, "")):
                    continue  # already said once, by _ugyldige_tegn
                rad.feil += [f"{ETIKETT[navn]}: {m}" for m in meldinger]
        try:
            fnr = normaliser_fodselsnummer(verdier.get("fodselsnummer", "")) if verdier.get("fodselsnummer") else ""
        except ValidationError as feil:
            rad.feil.append(f"Ugyldig fødselsnummer: {feil.messages[0]}")
            fnr = ""
        if fnr and fnr in sett:
            rad.feil.append(f"Samme fødselsnummer som rad {sett[fnr]}.")
        elif fnr:
            sett[fnr] = nr
        if (verdier.get("fornavn"), verdier.get("etternavn")) == EKSEMPEL:
            rad.feil.append("Dette er eksempelraden fra malen. Slett den før du importerer.")
        fagretning = None
        if verdier.get("fagretning"):
            fagretning = fagretninger.get(sokeform(verdier["fagretning"]))
            if fagretning is None:
                rad.feil.append(f"Ukjent fagretning «{verdier['fagretning']}». Gyldige fagretninger: {aktive_spor}.")
        k = None
        if verdier.get("kull") and fagretning:
            k = kull.get((fagretning.pk, sokeform(verdier["kull"])))
            if k is None:
                rad.feil.append(
                    f"Ukjent kull «{verdier['kull']}» i {fagretning.navn}. "
                    f"Åpne kull i {fagretning.kortnavn}: {_liste(kull_navn.get(fagretning.pk, []))}."
                )
        try:
            henvist_dato = _dato(verdier.get("henvist_dato"))
            if henvist_dato and henvist_dato > idag:
                rad.feil.append("Henvist dato er i fremtiden.")
        except ValueError:
            rad.feil.append(f"Ugyldig dato «{verdier.get('henvist_dato')}» (bruk dd.mm.åååå).")
            henvist_dato = None
        henvist_av = ""
        if verdier.get("henvist_av"):
            henvist_av = henvisere.get(sokeform(verdier["henvist_av"]), "")
            if not henvist_av:
                rad.feil.append(
                    f"Ukjent henviser «{verdier['henvist_av']}». Gyldige: {_liste(Deltaker.Henviser.labels)}."
                )
        rad.verdier = {
            "fornavn": verdier.get("fornavn", ""),
            "etternavn": verdier.get("etternavn", ""),
            "fodselsnummer": fnr,
            "fagretning": fagretning,
            "kull": k,
            "telefon": verdier.get("telefon", ""),
            "epost": verdier.get("epost", ""),
            "henvist_dato": henvist_dato,
            "henvist_av": henvist_av,
        }
        rader.append(rad)

    eksisterende = _eksisterende(organisasjon, rader)
    for rad in rader:
        if rad.feil:
            continue
        d = eksisterende.get(rad.nummer)
        if d is None:
            rad.handling = "opprett"
            if rad.verdier["fagretning"] and not rad.verdier["fagretning"].aktiv:
                rad.feil.append(f"{rad.verdier['fagretning'].navn} er avsluttet og tar ikke inn nye deltakere.")
            if rad.verdier["kull"] and rad.verdier["kull"].lukket:
                rad.feil.append(f"Kullet {rad.verdier['kull']} er lukket og tar ikke inn nye deltakere.")
            continue
        rad.deltaker_id = d.pk
        rad.endringer = [f for f in OPPDATERBARE if rad.verdier[f] and rad.verdier[f] != getattr(d, f)]
        rad.handling = "oppdater" if rad.endringer else "uendret"
    return Importplan(rader=rader)


def _eksisterende(organisasjon: Organisasjon, rader: list[Rad]) -> dict[int, Deltaker]:
    """Row number → the participant the row is about. With an identity number: the one with that
    number. Without: the one of the same name (as the search compares names) in the same track who
    has no number either; two such make the row an error (which one?). Two queries."""
    med = {r.verdier["fodselsnummer"] for r in rader if not r.feil and r.verdier["fodselsnummer"]}
    uten = {
        (r.verdier["fagretning"].pk, sokeform(r.navn))
        for r in rader
        if not r.feil and not r.verdier["fodselsnummer"] and r.verdier["fagretning"]
    }
    pa_fnr = {d.fodselsnummer: d for d in Deltaker.objects.filter(organisasjon=organisasjon, fodselsnummer__in=med)}
    pa_navn: dict[tuple[int, str], list[Deltaker]] = {}
    if uten:
        for d in Deltaker.objects.filter(
            organisasjon=organisasjon,
            fodselsnummer="",
            fagretning_id__in={f for f, _ in uten},
            navn_sok__in={n for _, n in uten},
        ):
            pa_navn.setdefault((d.fagretning_id, d.navn_sok), []).append(d)
    funnet: dict[int, Deltaker] = {}
    sett: dict[tuple[int, str], int] = {}
    for rad in rader:
        if rad.feil:
            continue
        if rad.verdier["fodselsnummer"]:
            if rad.verdier["fodselsnummer"] in pa_fnr:
                funnet[rad.nummer] = pa_fnr[rad.verdier["fodselsnummer"]]
            continue
        nokkel = (rad.verdier["fagretning"].pk, sokeform(rad.navn))
        if nokkel in sett:
            rad.feil.append(f"Samme navn og fagretning som rad {sett[nokkel]}, og ingen av dem har fødselsnummer.")
            continue
        sett[nokkel] = rad.nummer
        treff = pa_navn.get(nokkel, [])
        if len(treff) > 1:
            rad.feil.append(
                f"{len(treff)} deltakere i {rad.verdier['fagretning'].navn} heter {rad.navn} og har ikke "
                "fødselsnummer. Fyll inn fødselsnummeret, så vet vi hvem raden gjelder."
            )
        elif treff:
            funnet[rad.nummer] = treff[0]
    return funnet


@transaction.atomic
def import_utfor(*, plan: Importplan, organisasjon: Organisasjon, bare_gyldige: bool, utfort_av: User) -> dict:
    """Create and update as planned. Refuses a plan with bad rows unless told to take the good ones."""
    if plan.feil or not plan.rader:
        raise ValidationError("Filen kan ikke importeres.")
    if plan.darlige and not bare_gyldige:
        raise ValidationError("Filen har rader med feil. Velg å importere bare de gyldige radene, eller rett filen.")
    telling = {"opprett": 0, "oppdater": 0, "uendret": 0}
    eksisterende = Deltaker.objects.in_bulk([r.deltaker_id for r in plan.gode if r.deltaker_id])
    for rad in plan.gode:
        v = rad.verdier
        d = eksisterende.get(rad.deltaker_id) if rad.deltaker_id else None
        if d is None:
            ekstra = {k: v[k] for k in ("kull", "telefon", "epost", "henvist_av") if v[k]}
            if v["henvist_dato"]:
                ekstra["henvist_dato"] = v["henvist_dato"]
            deltaker_registrer(
                fagretning=v["fagretning"],
                utfort_av=utfort_av,
                fornavn=v["fornavn"],
                etternavn=v["etternavn"],
                fodselsnummer=v["fodselsnummer"],
                **ekstra,
            )
            telling["opprett"] += 1
        else:
            endre = {f: v[f] for f in OPPDATERBARE if v[f] and v[f] != getattr(d, f)}
            if endre:
                deltaker_endre(deltaker=d, versjon=None, utfort_av=utfort_av, **endre)
                telling["oppdater"] += 1
            else:
                telling["uendret"] += 1
    hendelse_logg(
        handling="deltakere.import.utfort",
        objekt=organisasjon,
        organisasjon_id=organisasjon.pk,
        utfort_av=utfort_av,
        beskrivelse=(
            f"Import: {telling['opprett']} nye, {telling['oppdater']} oppdatert, {telling['uendret']} uendret, "
            f"{len(plan.darlige)} rader hoppet over"
        ),
    )
    return telling


def eksempelrad(organisasjon: Organisasjon | None = None) -> list[str]:
    """The template's example row, with the organisation's first open track and cohort when known."""
    spor = kull = ""
    if organisasjon is not None:
        f = Fagretning.objects.filter(organisasjon=organisasjon, aktiv=True).order_by("navn").first()
        k = (
            Kull.objects.filter(fagretning=f, lukket__isnull=True)
            .select_related("fagretning")
            .order_by("-oppstart")
            .first()
            if f
            else None
        )
        spor, kull = (f.navn if f else ""), (str(k) if k else "")
    return [
        *EKSEMPEL,
        "",
        spor or "Barne- og ungdomsarbeider",
        kull,
        "+47 400 00 000",
        "kari@example.no",
        "01.09.2026",
        "NAV",
    ]


def importmal_xlsx(organisasjon: Organisasjon | None = None) -> bytes:
    import openpyxl

    bok = openpyxl.Workbook()
    ark = bok.active
    ark.title = "Deltakere"
    ark.append(trygg_rad(etikett for _, etikett, _ in KOLONNER))
    ark.append(trygg_rad(eksempelrad(organisasjon)))
    for i, (_, etikett, _) in enumerate(KOLONNER, start=1):
        ark.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(14, len(etikett) + 4)
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()


def importmal_csv(organisasjon: Organisasjon | None = None) -> bytes:
    ut = io.StringIO()
    w = csv.writer(ut, delimiter=";")
    w.writerow(trygg_rad(etikett for _, etikett, _ in KOLONNER))
    w.writerow(trygg_rad(eksempelrad(organisasjon)))
    return ("\ufeff" + ut.getvalue()).encode("utf-8")
