"""Everything the system holds about one participant, collected from model metadata (innsyn).

The collector starts at the `Deltaker` row and walks reverse relations (foreign keys and one-to-one
keys pointing at a collected row) across all installed project apps, so a new model that refers to a
participant, directly or through one of her rows, is included without editing this file. Then it
adds the rows that name her rows without a foreign key: a plain `deltaker_id` (the event log
`Hendelse`, the access log `Oppslag`) and a generic `objekt_type`/`objekt_id` pair (reminders,
revisions). `UTELATT` lists the fields left out of the export (hashes, storage paths, claim tokens).

The same collection drives the anonymisation (personvern/anonymisering.py): what innsyn shows is
what retention removes.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deltakere.models import Deltaker
from fagbrev.models import User

# Apps whose models may hold data about a participant. Django's own apps hold none about her.
PROSJEKTAPPER = ("fagbrev", "deltakere", "arbeidsgivere", "oppfolging", "paminnelser", "dokumenter", "rapporter")
# Internal fields: hashes, storage paths (files go into the ZIP under their own names), claim tokens.
UTELATT = {"sha256", "signert_sha256", "krav", "fil", "signert_skann", "zip_fil", "objekt_type", "token_hash"}
# Relations not to follow: they point from the participant's rows to shared records, not hers.
MAKS_DYBDE = 3


@dataclass
class Rad:
    """One row of one model, as label → value pairs ready for JSON and the PDF."""

    modell: str  # "deltakere.Kartlegging"
    pk: int | str
    felter: dict[str, object]
    etiketter: dict[str, str]

    def visning(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the PDF: dates as dd.mm.åååå, yes/no in words, empty as –."""
        return [(self.etiketter[navn].capitalize(), _tekst(verdi)) for navn, verdi in self.felter.items()]


def _tekst(verdi) -> str:
    if verdi is None or verdi == "":
        return "–"
    if isinstance(verdi, bool):
        return "Ja" if verdi else "Nei"
    if isinstance(verdi, str) and len(verdi) >= 10 and verdi[4:5] == "-" and verdi[7:8] == "-":
        try:
            if len(verdi) == 10:
                return datetime.date.fromisoformat(verdi).strftime("%d.%m.%Y")
            tid = datetime.datetime.fromisoformat(verdi)
            if timezone.is_aware(tid):
                tid = timezone.localtime(tid)
            return tid.strftime("%d.%m.%Y %H:%M")
        except ValueError:
            return verdi
    if isinstance(verdi, dict) and set(verdi) == {"id", "tekst"}:
        return verdi["tekst"]
    if isinstance(verdi, dict | list):
        return json.dumps(verdi, ensure_ascii=False)
    return str(verdi)


@dataclass
class Innsyn:
    deltaker: Deltaker
    # model label → (verbose_name_plural, rows), in the order first met
    seksjoner: dict[str, tuple[str, list[Rad]]] = field(default_factory=dict)
    # (name inside the ZIP, FieldFile) of every stored file about her
    filer: list[tuple[str, object]] = field(default_factory=list)
    # the model instances themselves, for the anonymisation
    objekter: list[models.Model] = field(default_factory=list)

    @property
    def antall_rader(self) -> int:
        return sum(len(rader) for _, rader in self.seksjoner.values())

    def som_json(self) -> dict:
        return {
            "deltaker_id": self.deltaker.pk,
            "data": {
                label: {"navn": navn, "rader": [{"id": r.pk, **r.felter} for r in rader]}
                for label, (navn, rader) in self.seksjoner.items()
            },
            "filer": [navn for navn, _ in self.filer],
        }


def _prosjektmodeller() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.app_label in PROSJEKTAPPER]


def _reverse_relasjoner(modell: type[models.Model]):
    """Foreign keys and one-to-one keys in project models that point at `modell`."""
    for rel in modell._meta.related_objects:
        if rel.many_to_many or rel.related_model._meta.app_label not in PROSJEKTAPPER:
            continue
        yield rel.related_model, rel.field.name


def samle_objekter(deltaker: Deltaker) -> list[models.Model]:
    """Every model instance about the participant: her row, rows that refer to it (transitively),
    and rows that name one of those by plain id or generic key. Deduplicated, in a stable order."""
    funnet: dict[tuple[str, object], models.Model] = {(deltaker._meta.label, deltaker.pk): deltaker}
    grense: dict[type[models.Model], set] = {Deltaker: {deltaker.pk}}
    for _ in range(MAKS_DYBDE):
        neste: dict[type[models.Model], set] = {}
        for modell, pks in grense.items():
            for barn, feltnavn in _reverse_relasjoner(modell):
                for obj in barn._default_manager.filter(**{f"{feltnavn}__in": pks}).order_by("pk"):
                    nokkel = (barn._meta.label, obj.pk)
                    if nokkel not in funnet:
                        funnet[nokkel] = obj
                        neste.setdefault(barn, set()).add(obj.pk)
        grense = neste
        if not grense:
            break

    # Rows without a foreign key: a plain deltaker_id, or a generic (objekt_type, objekt_id).
    per_modell: dict[type[models.Model], list] = {}
    for obj in funnet.values():
        per_modell.setdefault(type(obj), []).append(obj.pk)
    for modell in _prosjektmodeller():
        feltnavn = {f.name for f in modell._meta.concrete_fields}
        treff = []
        if "deltaker_id" in feltnavn:
            treff += list(modell._default_manager.filter(deltaker_id=deltaker.pk).order_by("pk"))
        if {"objekt_type", "objekt_id"} <= feltnavn:
            nokler = Q(pk__in=[])
            for eier, pks in per_modell.items():
                ct = ContentType.objects.get_for_model(eier)
                nokler |= Q(objekt_type=ct, objekt_id__in=[str(p) for p in pks])
            treff += list(modell._default_manager.filter(nokler).order_by("pk"))
        for obj in treff:
            funnet.setdefault((modell._meta.label, obj.pk), obj)
    return list(funnet.values())


def _verdi(obj: models.Model, f: models.Field, navn: dict[tuple[str, object], str]):
    if f.is_relation:
        fk = getattr(obj, f.attname)
        if fk is None:
            return None
        return {"id": fk, "tekst": navn.get((f.related_model._meta.label, fk), str(fk))}
    verdi = getattr(obj, f.attname)
    if f.choices and verdi not in (None, ""):
        return str(dict(f.flatchoices).get(verdi, verdi))
    if isinstance(verdi, datetime.datetime | datetime.date | datetime.time):
        return verdi.isoformat()
    if isinstance(verdi, Decimal):
        return str(verdi)
    if isinstance(verdi, list | dict | str | int | float | bool) or verdi is None:
        return verdi
    return str(verdi)


def innsyn_samle(*, deltaker: Deltaker) -> Innsyn:
    """The whole innsyn for one participant (one query per related model, not per row)."""

    objekter = samle_objekter(deltaker)
    # Readable names of everything the rows point at: one query per related model, not per row.
    pekere: dict[type[models.Model], set] = {}
    for o in objekter:
        for f in o._meta.concrete_fields:
            if f.is_relation and f.name not in UTELATT and getattr(o, f.attname) is not None:
                pekere.setdefault(f.related_model, set()).add(getattr(o, f.attname))
    tekster: dict[tuple[str, object], str] = {}
    for modell, pks in pekere.items():
        for pk, rad in modell._default_manager.in_bulk(pks).items():
            tekster[(modell._meta.label, pk)] = (rad.get_full_name() or rad.username) if modell is User else str(rad)
    innsyn = Innsyn(deltaker=deltaker, objekter=objekter)
    for obj in objekter:
        meta = obj._meta
        felter = [f for f in meta.concrete_fields if f.name not in UTELATT and not f.primary_key]
        rad = Rad(
            modell=meta.label,
            pk=obj.pk,
            felter={f.name: _verdi(obj, f, tekster) for f in felter},
            etiketter={f.name: str(f.verbose_name) for f in felter},
        )
        innsyn.seksjoner.setdefault(meta.label, (str(meta.verbose_name_plural).capitalize(), []))[1].append(rad)
        for f in meta.concrete_fields:
            if isinstance(f, models.FileField) and getattr(obj, f.attname):
                fil = getattr(obj, f.name)
                navn = getattr(obj, "originalt_navn", "") or fil.name.rsplit("/", 1)[-1]
                innsyn.filer.append((f"filer/{meta.model_name}-{obj.pk}-{f.name}-{_trygt_navn(navn)}", fil))
    return innsyn


def _trygt_navn(navn: str) -> str:
    """A file name with no folders and no odd characters, safe inside a ZIP."""
    navn = navn.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in navn)[:100] or "fil"


def innsyn_json(innsyn: Innsyn) -> bytes:
    return json.dumps(innsyn.som_json(), ensure_ascii=False, indent=2, default=str).encode()
