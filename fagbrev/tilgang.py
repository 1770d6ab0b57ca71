"""The access log's write and its read for the case page.

One path writes every look at a participant's personal data (`Oppslag`):

1. The permission helpers that hand a view a participant or one of her records
   (`get_deltaker_for_user`, `get_besok_for_user`, `get_plassering_for_user`, …) call
   `tilgang_merk`: "this request is about to show her". Outside a request it does nothing.
2. `TilgangsloggMiddleware`, around every request, writes one row per participant marked in that
   request when the answer is a success (2xx): a file or attachment is a `dokument`, anything else a
   `saksside`. An error, a refusal or a redirect (a POST that saved) writes nothing.
3. A view that must say more (the full fødselsnummer, an innsyn export with its purpose) calls
   `tilgang_logg` itself; the participant then counts as logged for that request.
4. Django admin: `TilgangsloggAdmin` (a ModelAdmin mixin) marks the participants on a change list
   page and on a change page (`admin`).

So a new view that fetches a participant the normal way is logged without a line of its own; the
test `fagbrev/tests/test_tilgangslogg_alle_sider.py` walks every URL of the project and fails on a
page that shows a participant's data and writes no row. Coordinators see "who has seen this case" on
the case page (the section `seksjon_hvem_har_sett`, registered in fagbrev/seksjoner.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse

from . import permissions
from .logging import masker_tekst
from .models import Oppslag
from .seksjoner import Seksjon, pa_saksside
from .sikkerhet import klient_ip

HVA = Oppslag.Hva


@dataclass
class _Merket:
    organisasjon_id: int | None
    hva: str | None  # None: decided by the answer (dokument for a file, else saksside)
    logget: bool = False


# deltaker_id → what this request showed of her; None outside a request (tasks, shell, tests of services)
_MERKET: ContextVar[dict[int, _Merket] | None] = ContextVar("fagbrev_tilgang_merket", default=None)


def tilgang_merk(*, deltaker_id: int | None, organisasjon_id: int | None = None, hva: str | None = None) -> None:
    """Note that the current request is about to show this participant's data (see the module doc)."""
    merket = _MERKET.get()
    if merket is None or deltaker_id is None:
        return
    if hva is not None and hva not in HVA.values:
        raise ValueError(f"Ukjent oppslagstype: {hva}")
    tidligere = merket.get(deltaker_id)
    if tidligere is None:
        merket[deltaker_id] = _Merket(organisasjon_id=organisasjon_id, hva=hva)
    elif hva is not None and tidligere.hva is None:
        tidligere.hva = hva


def tilgang_merk_deltaker(deltaker) -> None:
    """`tilgang_merk` for a fetched participant (what the permission helpers call)."""
    tilgang_merk(deltaker_id=deltaker.pk, organisasjon_id=deltaker.organisasjon_id)


def _er_fil(svar: HttpResponse) -> bool:
    return getattr(svar, "streaming", False) or "attachment" in svar.get("Content-Disposition", "")


class TilgangsloggMiddleware:
    """Writes the access-log rows for the participants a successful request showed (module doc, 2)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _MERKET.set({})
        try:
            svar = self.get_response(request)
            merket = _MERKET.get()
            if merket and 200 <= svar.status_code < 300 and request.user.is_authenticated:
                _skriv(
                    merket, user=request.user, request=request, standard=HVA.DOKUMENT if _er_fil(svar) else HVA.SAKSSIDE
                )
        finally:
            _MERKET.reset(token)
        return svar


def _skriv(merket: dict[int, _Merket], *, user, request: HttpRequest, standard: str) -> None:
    """One row per participant not yet logged in this request; one query for any missing organisations."""
    ventende = {pk: m for pk, m in merket.items() if not m.logget}
    if not ventende:
        return
    mangler = [pk for pk, m in ventende.items() if m.organisasjon_id is None]
    if mangler:
        Deltaker = apps.get_model("deltakere", "Deltaker")  # by label, as a ForeignKey names it
        org = dict(Deltaker.objects.filter(pk__in=mangler).values_list("pk", "organisasjon_id"))
        for pk in mangler:
            ventende[pk].organisasjon_id = org.get(pk)
    ip = klient_ip(request)
    Oppslag.objects.bulk_create(
        [
            Oppslag(bruker=user, deltaker_id=pk, organisasjon_id=m.organisasjon_id, hva=m.hva or standard, ip=ip)
            for pk, m in sorted(ventende.items())
        ]
    )
    for m in ventende.values():
        m.logget = True


def tilgang_logg(
    *,
    user,
    deltaker_id: int,
    hva: str,
    request: HttpRequest | None = None,
    formal: str = "",
    organisasjon_id: int | None = None,
) -> Oppslag:
    """Write one access-log entry: who (user), which participant, what, from where (request), why."""
    if hva not in HVA.values:
        raise ValueError(f"Ukjent oppslagstype: {hva}")
    if organisasjon_id is None:
        # by label, as a ForeignKey names a model of an app above the core
        Deltaker = apps.get_model("deltakere", "Deltaker")
        organisasjon_id = Deltaker.objects.filter(pk=deltaker_id).values_list("organisasjon_id", flat=True).first()
    oppslag = Oppslag.objects.create(
        bruker=user,
        deltaker_id=deltaker_id,
        organisasjon_id=organisasjon_id,
        hva=hva,
        formal=masker_tekst(formal)[:200],  # a purpose typed with her number in it keeps only the date part
        ip=klient_ip(request) if request is not None else None,
    )
    merket = _MERKET.get()
    if merket is not None:  # this request's look is logged: the middleware adds no second row for it
        merket.setdefault(deltaker_id, _Merket(organisasjon_id=organisasjon_id, hva=hva)).logget = True
    return oppslag


def hvem_har_sett(*, deltaker_id: int, grense: int = 30) -> list[dict]:
    """One row per person who looked at the case: name, number of looks, last look, full fnr shown."""
    return list(
        Oppslag.objects.filter(deltaker_id=deltaker_id)
        .values("bruker_id", "bruker__first_name", "bruker__last_name", "bruker__username")
        .annotate(
            antall=Count("id"),
            sist=Max("tidspunkt"),
            fnr_vist=Count("id", filter=Q(hva=HVA.FNR_VIST)),
        )
        .order_by("-sist")[:grense]
    )


@pa_saksside(rekkefolge=90)
def seksjon_hvem_har_sett(*, deltaker, user, idag) -> Seksjon | None:
    """Case-page section for coordinators: who has seen this case."""
    if not permissions.can_edit_deltaker(user, deltaker):
        return None
    return Seksjon(
        template="fagbrev/_seksjon_hvem_har_sett.html",
        context={"rader": hvem_har_sett(deltaker_id=deltaker.pk)},
    )


# --- Django admin ----------------------------------------------------------------------------------
def deltaker_sti(model) -> str | None:
    """The lookup from a row of `model` to its participant's id, found in the model's metadata: "pk"
    for the participant herself, a plain `deltaker_id` column (the event log), or up to three foreign
    keys ("deltaker", "plassering__deltaker", "vedtak__deltaker"). None when the model names nobody."""
    Deltaker = apps.get_model("deltakere", "Deltaker")  # by label, as a ForeignKey names it

    if model is Deltaker:
        return "pk"
    ko = [(model, "")]
    for _ in range(3):
        neste = []
        for m, prefiks in ko:
            for felt in m._meta.concrete_fields:
                if not felt.is_relation and felt.name == "deltaker_id":
                    return f"{prefiks}deltaker_id"
                if felt.many_to_one or felt.one_to_one:
                    if felt.related_model is Deltaker:
                        return f"{prefiks}{felt.name}"
                    neste.append((felt.related_model, f"{prefiks}{felt.name}__"))
        ko = neste
    return None


def er_generisk(model) -> bool:
    """A row that points at any record by (objekt_type, objekt_id): a revision, a reminder."""
    navn = {f.name for f in model._meta.concrete_fields}
    return {"objekt_type", "objekt_id"} <= navn


def deltakere_for_rader(model, pker: Iterable) -> set[int]:
    """The participants that the rows `pker` of `model` are about (generic rows through their target)."""
    pker = list(pker)
    if not pker:
        return set()
    if (sti := deltaker_sti(model)) is not None:
        return {d for d in model._default_manager.filter(pk__in=pker).values_list(sti, flat=True) if d is not None}
    if not er_generisk(model):
        return set()
    ut: set[int] = set()
    per_type: dict = {}
    for type_id, objekt_id in model._default_manager.filter(pk__in=pker).values_list("objekt_type_id", "objekt_id"):
        per_type.setdefault(type_id, []).append(objekt_id)
    from django.contrib.contenttypes.models import ContentType

    for type_id, objekt_ider in per_type.items():
        malmodell = ContentType.objects.get_for_id(type_id).model_class()
        if malmodell is not None:
            ut |= deltakere_for_rader(malmodell, objekt_ider)
    return ut


def angaar_deltakere(model) -> bool:
    """Do the rows of this model name a participant (directly, through keys, or generically)?"""
    return deltaker_sti(model) is not None or er_generisk(model)


class TilgangsloggAdmin:
    """ModelAdmin mixin for models that name participants: a change list page marks the participants
    of its rows, a change page the participant of its row (`admin`); the middleware writes the rows.

    `test_every_admin_of_participant_data_logs` fails for an admin of such a model without it.
    """

    def _merk(self, pker: Iterable) -> None:
        for deltaker_id in sorted(deltakere_for_rader(self.model, pker)):
            tilgang_merk(deltaker_id=deltaker_id, hva=HVA.ADMIN)

    def changelist_view(self, request, extra_context=None):
        svar = super().changelist_view(request, extra_context)
        endringsliste = (getattr(svar, "context_data", None) or {}).get("cl")
        if endringsliste is not None:
            self._merk(o.pk for o in endringsliste.result_list)
        return svar

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from django.contrib.admin.utils import unquote

        svar = super().change_view(request, object_id, form_url, extra_context)
        if 200 <= svar.status_code < 300:
            objekt = self.get_object(request, unquote(object_id))
            if objekt is not None:
                self._merk([objekt.pk])
        return svar
