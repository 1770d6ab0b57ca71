"""Retention: anonymise the personal data of closed cases when the organisation's time is up.

A case is *due* when the participant's status is closed (fullført, avbrutt, avslått), the case
ended (the date of the last status change into that status, else the last change to the row) at
least `Organisasjon.anonymiser_etter_ar` years ago, the organisation's setting is "anonymiser" (not
"behold", which the archive plan may require), and the case has not been anonymised already.

Anonymising walks the same rows as innsyn (personvern/innsyn.py): the models of the apps registered in
fagbrev/personopplysninger.py, which also say which text fields are keys to keep, which models to
leave alone and what more to change in a row of theirs. In each row it
- replaces names, identity number, contact details and every free-text field with "[anonymisert]"
  (or "" where the field may be empty), and clears JSON snapshots of old values;
- deletes stored files (uploads, generated PDFs, scans) and blanks the path;
- keeps what the reports count: choice fields (status, track route, results, levels), foreign keys
  (track, cohort, teachers), dates and numbers; the birth date keeps only its year.
The access log (`Oppslag`) holds ids, dates and purposes and is kept as it is; event-log rows about
her (`Hendelse`) keep their action and time, and lose the description and before/after values.

It is compare-and-set safe: the participant row is claimed with
`UPDATE … WHERE pk=… AND versjon=<read> AND status IN (closed)`, so two runs, or a coordinator
reopening the case meanwhile, cannot both win; a claimed case gets one `Hendelse`
("personvern.deltaker.anonymisert", utfort_av=None), which is also what makes it idempotent.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import timezone

from deltakere.models import Deltaker, Statusendring
from deltakere.statusgrupper import AVSLUTTET
from fagbrev import personopplysninger
from fagbrev.datoregning import samme_dag
from fagbrev.models import Hendelse, Organisasjon
from fagbrev.services import hendelse_logg

from .innsyn import samle_objekter

logger = logging.getLogger(__name__)

HANDLING = "personvern.deltaker.anonymisert"
ANONYMISERT = "[anonymisert]"


@dataclass(frozen=True)
class Forfall:
    deltaker_id: int
    organisasjon_id: int
    avsluttet: datetime.date
    forfaller: datetime.date


def _ar_etter(dato: datetime.date, ar: int) -> datetime.date:
    """The day a case that ended on `dato` is due, `ar` years on (29 February: 28 February)."""
    return samme_dag(dato, ar=ar)


def anonymisering_forfalt(
    *, idag: datetime.date, organisasjon: Organisasjon | None = None, deltaker_id: int | None = None
) -> list[Forfall]:
    """The closed, not yet anonymised cases whose retention time has run out on `idag`."""
    siste_avslutning = (
        Statusendring.objects.filter(deltaker=OuterRef("pk"), til_status=OuterRef("status"))
        .values("deltaker")
        .annotate(siste=Max("dato"))
        .values("siste")
    )
    qs = (
        Deltaker.objects.filter(status__in=AVSLUTTET)
        .exclude(organisasjon__oppbevaring=Organisasjon.Oppbevaring.BEHOLD)
        .exclude(Exists(Hendelse.objects.filter(handling=HANDLING, deltaker_id=OuterRef("pk"))))
        .annotate(avsluttet_dato=models.Subquery(siste_avslutning))
        .values("pk", "organisasjon_id", "organisasjon__anonymiser_etter_ar", "avsluttet_dato", "endret")
        .order_by("pk")
    )
    if organisasjon is not None:
        qs = qs.filter(organisasjon=organisasjon)
    if deltaker_id is not None:
        qs = qs.filter(pk=deltaker_id)
    forfalt = []
    for rad in qs:
        avsluttet = rad["avsluttet_dato"] or timezone.localdate(rad["endret"])
        forfaller = _ar_etter(avsluttet, rad["organisasjon__anonymiser_etter_ar"])
        if forfaller <= idag:
            forfalt.append(Forfall(rad["pk"], rad["organisasjon_id"], avsluttet, forfaller))
    return forfalt


def _anonym_verdi(f: models.Field, verdi, behold: frozenset[str]):
    """The anonymised value of one field, or the value itself if the field is kept (`behold`: the
    app's text fields that are machine keys or fixed vocabulary, not personal data)."""
    if f.primary_key or f.is_relation or f.choices or f.name in behold or verdi in (None, "", {}, []):
        return verdi
    if isinstance(f, models.FileField):
        return ""
    if isinstance(f, models.JSONField):
        if isinstance(verdi, dict):
            return {nokkel: [ANONYMISERT, ANONYMISERT] for nokkel in verdi}
        return []
    if isinstance(f, models.GenericIPAddressField):
        return verdi
    if isinstance(f, models.CharField | models.TextField):
        if f.blank:
            return ""
        return ANONYMISERT[: f.max_length] if f.max_length else ANONYMISERT
    return verdi


def _anonymiser_objekt(obj: models.Model) -> int:
    """Overwrite the personal fields of one row with a queryset update (bypasses save(): the event
    log refuses edits through the application, and this is the one sanctioned rewrite). Returns the
    number of files deleted."""
    endringer = {}
    slettet = 0
    behold = personopplysninger.behold(obj)
    for f in obj._meta.concrete_fields:
        verdi = getattr(obj, f.attname)
        if isinstance(f, models.FileField) and verdi:
            fil = getattr(obj, f.name)
            fil.storage.delete(fil.name)
            slettet += 1
            verdi = fil.name
        ny = _anonym_verdi(f, verdi, behold)
        if ny != verdi:
            endringer[f.attname] = ny
    endringer.update(personopplysninger.steg(obj))  # the owning app's own changes (the participant's name)
    if endringer:
        type(obj)._base_manager.filter(pk=obj.pk).update(**endringer)
    return slettet


@transaction.atomic
def deltaker_anonymiser(*, deltaker_id: int, idag: datetime.date) -> bool:
    """Anonymise one due case. False (and nothing changed) if it is no longer due or someone else
    claimed or changed it since it was read."""
    rad = Deltaker.objects.filter(pk=deltaker_id).values("versjon", "status", "organisasjon_id").first()
    if rad is None or rad["status"] not in AVSLUTTET:
        return False
    if not anonymisering_forfalt(idag=idag, deltaker_id=deltaker_id):
        return False
    # Compare-and-set: claim the row only if nobody changed it since we read it.
    tatt = Deltaker.objects.filter(pk=deltaker_id, versjon=rad["versjon"], status__in=AVSLUTTET).update(
        versjon=F("versjon") + 1
    )
    if not tatt:
        return False
    deltaker = Deltaker.objects.get(pk=deltaker_id)
    objekter = [o for o in samle_objekter(deltaker) if not personopplysninger.urort(o)]
    filer = sum(_anonymiser_objekt(o) for o in objekter)
    hendelse_logg(
        handling=HANDLING,
        objekt=deltaker,
        utfort_av=None,
        deltaker_id=deltaker_id,
        organisasjon_id=rad["organisasjon_id"],
        beskrivelse=(
            f"Personopplysninger anonymisert etter oppbevaringstiden: {len(objekter)} rader, {filer} filer slettet."
        ),
    )
    logger.info("Anonymiserte deltaker %s: %s rader, %s filer", deltaker_id, len(objekter), filer)
    return True


def anonymiser_forfalte(*, idag: datetime.date) -> list[int]:
    """Anonymise every due case, each in its own transaction. Returns the ids anonymised."""
    gjort = []
    for forfall in anonymisering_forfalt(idag=idag):
        if deltaker_anonymiser(deltaker_id=forfall.deltaker_id, idag=idag):
            gjort.append(forfall.deltaker_id)
    return gjort
